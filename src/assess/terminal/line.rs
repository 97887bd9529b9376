//! Number and text questions: a one-line input in the prompts' style. It is our own small
//! line reader rather than dialoguer's `Input`, because that one ignores Esc; `?` shows why we
//! ask, `<` goes back, `unknown` means "don't know", and a bad entry is refused with the reason
//! and asked again (the rules are [`read_typed`]'s).

use std::io;

use anyhow::Result;
use dialoguer::console::{Key, measure_text_width};
use dialoguer::theme::Theme;

use super::TerminalPrompter;
use crate::assess::prompt::{Reply, Typed, read_typed};
use crate::model::{Question, Value};

impl TerminalPrompter {
    /// A number or text question, typed on one line.
    pub(super) fn typed(
        &self,
        question: &Question,
        default: Option<&Value>,
        must_answer: bool,
        can_go_back: bool,
    ) -> Result<Reply> {
        let shown_default = default.map(|v| question.label(v));
        loop {
            let mut head = String::new();
            self.theme.format_input_prompt(
                &mut head,
                &question.prompt,
                shown_default.as_deref(),
            )?;
            self.term.write_str(&head)?;
            self.term.flush()?;
            let Some(line) = self.read_line()? else {
                self.line("")?;
                return Ok(Reply::Stop);
            };
            match read_typed(question, default, must_answer, &line) {
                Ok(Typed::Help) => {
                    self.line("")?;
                    self.help(&question.help)?;
                }
                Ok(Typed::Back) if can_go_back => {
                    self.line("")?;
                    return Ok(Reply::Back);
                }
                Ok(Typed::Back) => {
                    self.line("")?;
                    self.error("This is the first question; there is nothing to go back to.")?;
                }
                Ok(Typed::Answer(value)) => {
                    // Replace the prompt and what was typed (however many rows it wrapped
                    // onto) with the one-line summary.
                    let used = measure_text_width(&head) + measure_text_width(&line);
                    let rows = used.max(1).div_ceil(self.width());
                    self.term.clear_line()?;
                    self.term.clear_last_lines(rows - 1)?;
                    let shown = value
                        .as_ref()
                        .map_or_else(|| "(no answer)".to_string(), |v| question.label(v));
                    self.answered(&question.prompt, &shown)?;
                    return Ok(Reply::One(value));
                }
                Err(reason) => {
                    self.line("")?;
                    self.error(&reason)?;
                }
            }
        }
    }

    /// Reads one line; `None` on Esc or Ctrl-C.
    fn read_line(&self) -> io::Result<Option<String>> {
        let mut chars: Vec<char> = Vec::new();
        loop {
            match self.term.read_key_raw()? {
                Key::Enter => return Ok(Some(chars.into_iter().collect())),
                Key::Escape | Key::CtrlC => return Ok(None),
                Key::Backspace => {
                    if let Some(c) = chars.pop() {
                        self.term
                            .clear_chars(measure_text_width(c.encode_utf8(&mut [0; 4])))?;
                        self.term.flush()?;
                    }
                }
                Key::Char(c) if !c.is_control() => {
                    chars.push(c);
                    self.term.write_str(c.encode_utf8(&mut [0; 4]))?;
                    self.term.flush()?;
                }
                _ => {}
            }
        }
    }
}
