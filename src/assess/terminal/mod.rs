//! The terminal side of `idpfit assess`: a [`Prompter`] that draws each screen in place and
//! reads keys one at a time, with the `console` crate.
//!
//! Every screen starts with where the user is ("Hosting · 9 of 24") and ends with one footer
//! naming the keys, the same on every kind of screen (`form.rs` has the rules). An answer is
//! handed to the flow, which saves it, the moment it is confirmed, before the screen goes on;
//! a screen left behind collapses to one "✔ question · answer" line per answer.
//!
//! Ctrl-C is an ordinary key while the assessment runs ([`Session`] sets the terminal up so),
//! so it stops the run at a prompt, in order; Esc asks first. This module writes only to the
//! terminal; it neither reads nor writes files.
//!
//! Here: the prompter, its yes/no question and its notes; `form.rs` one screen and its keys,
//! `canvas.rs` drawing in place, `session.rs` the terminal settings and interrupts.

mod canvas;
mod form;
mod session;

pub use session::Session;

use anyhow::Result;
use console::{Key, Term, style};

use super::prompt::{Answer, Move, Prompter, Screen};
use crate::render::text::wrap;
use canvas::{Canvas, Caret};
use form::{Action, Form};

/// A [`Prompter`] on the real terminal (standard output, which the caller has checked is one).
pub struct TerminalPrompter {
    term: Term,
    /// Whether an answer is on disk, so that the question before stopping says the right thing.
    anything_saved: bool,
}

impl TerminalPrompter {
    pub fn new(color: bool) -> TerminalPrompter {
        console::set_colors_enabled(color);
        console::set_colors_enabled_stderr(color);
        TerminalPrompter {
            term: Term::stdout(),
            anything_saved: false,
        }
    }

    /// The assessment continues a file that already holds answers.
    pub fn continuing(&mut self) {
        self.anything_saved = true;
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    /// Writes `text` to the terminal, wrapped at word boundaries: a note between screens.
    pub fn say(&self, text: &str) -> Result<()> {
        for line in wrap(text, self.width()) {
            self.term.write_line(&line)?;
        }
        Ok(())
    }

    /// Asks a yes/no question whose answer is No unless the user types `y`; Enter, Esc and
    /// Ctrl-C all mean No.
    pub fn confirm(&self, question: &str) -> Result<bool> {
        let width = self.width();
        let mut canvas = Canvas::new(self.term.clone(), width);
        let mut lines: Vec<String> = wrap(&format!("{question} (y/N)"), width.saturating_sub(2))
            .into_iter()
            .map(|l| style(format!("? {l}")).bold().to_string())
            .collect();
        let caret = Caret {
            line: lines.len().saturating_sub(1),
            column: lines
                .last()
                .map_or(0, |l| console::measure_text_width(l) + 1),
        };
        if let Some(last) = lines.last_mut() {
            last.push(' ');
        }
        canvas.draw(&lines, Some(caret))?;
        let yes = loop {
            match self.term.read_key_raw()? {
                Key::Char('y' | 'Y') => break true,
                Key::Char('n' | 'N') | Key::Enter | Key::Escape | Key::CtrlC => break false,
                _ => {}
            }
        };
        let answer = if yes { "yes" } else { "no" };
        let summary = wrap(&format!("{question} · {answer}"), width.saturating_sub(2))
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                if i == 0 {
                    format!("{} {l}", style("✔").green())
                } else {
                    format!("  {l}")
                }
            })
            .collect::<Vec<_>>();
        canvas.finish(&summary)?;
        Ok(yes)
    }
}

impl Prompter for TerminalPrompter {
    fn ask(
        &mut self,
        screen: &Screen<'_>,
        answered: &mut dyn FnMut(Answer) -> Result<()>,
    ) -> Result<Move> {
        let width = self.width();
        let mut form = Form::new(screen, !self.anything_saved);
        let mut canvas = Canvas::new(self.term.clone(), width);
        loop {
            let (lines, caret) = form.lines(width);
            canvas.draw(&lines, caret)?;
            let moved = match form.press(self.term.read_key_raw()?) {
                Action::Stay => None,
                Action::Answer(value) => {
                    answered(form.answer(value.clone()))?;
                    self.anything_saved = true;
                    form.take(value)
                }
                Action::Leave(moved) => Some(moved),
            };
            if let Some(moved) = moved {
                canvas.finish(&form.summary(width))?;
                return Ok(moved);
            }
        }
    }
}

impl Drop for TerminalPrompter {
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
        let _ = self.term.flush();
    }
}
