//! Drawing a block of lines in place: each frame replaces the previous one, however many
//! terminal rows its long lines wrapped onto, and the cursor can be left inside the block (at
//! a typed answer). A frame is written in one piece, so a terminal never shows half of one.
//!
//! It knows nothing about questions; [`super::form`] decides what the lines say.

use std::fmt::Write as _;
use std::io;

use console::{Term, measure_text_width};

/// Where a frame wants the cursor: after `column` columns of line number `line`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Caret {
    pub line: usize,
    pub column: usize,
}

/// A block of lines on the terminal that is redrawn in place.
pub(super) struct Canvas {
    term: Term,
    width: usize,
    /// Terminal rows between the block's first row and the cursor.
    cursor_row: usize,
}

impl Canvas {
    /// A canvas starting at the cursor's row, for a terminal `width` columns wide.
    pub(super) fn new(term: Term, width: usize) -> Canvas {
        Canvas {
            term,
            width: width.max(1),
            cursor_row: 0,
        }
    }

    /// Replaces what was drawn with `lines`, leaving the cursor at `caret` (shown) or below
    /// the block (hidden).
    pub(super) fn draw(&mut self, lines: &[String], caret: Option<Caret>) -> io::Result<()> {
        let mut frame = String::from("\r");
        if self.cursor_row > 0 {
            let _ = write!(frame, "\u{1b}[{}A", self.cursor_row);
        }
        frame.push_str("\u{1b}[J");
        let mut rows = 0;
        let mut caret_at = None;
        for (index, line) in lines.iter().enumerate() {
            frame.push_str(line);
            let mut columns = measure_text_width(line);
            if let Some(caret) = caret.filter(|c| c.line == index) {
                // A caret at the very end of a full row sits on the next row: a space keeps
                // the terminal and this count in step.
                if caret.column >= columns {
                    frame.push(' ');
                    columns = caret.column + 1;
                }
                caret_at = Some((rows + caret.column / self.width, caret.column % self.width));
            }
            frame.push('\n');
            rows += columns.max(1).div_ceil(self.width);
        }
        match caret_at {
            Some((row, column)) => {
                let _ = write!(frame, "\u{1b}[{}A\r", rows - row);
                if column > 0 {
                    let _ = write!(frame, "\u{1b}[{column}C");
                }
                frame.push_str("\u{1b}[?25h");
                self.cursor_row = row;
            }
            None => {
                frame.push_str("\u{1b}[?25l");
                self.cursor_row = rows;
            }
        }
        self.term.write_str(&frame)?;
        self.term.flush()
    }

    /// Draws `lines` for good: the cursor ends below them, shown, and the next canvas starts
    /// there.
    pub(super) fn finish(mut self, lines: &[String]) -> io::Result<()> {
        self.draw(lines, None)?;
        self.term.write_str("\u{1b}[?25h")?;
        self.term.flush()
    }
}
