//! The terminal side of `idpfit assess`: a [`Prompter`] drawn with dialoguer and its theme.
//!
//! - A single choice or yes/no question is a dialoguer `Select` listing the labels, then
//!   "Don't know" where the question allows it, "← Back" and "? Why we ask".
//! - A number or text question is a one-line input in the same style. It is our own small
//!   line reader rather than dialoguer's `Input`, because that one ignores Esc; `?` shows why
//!   we ask, `<` goes back, `unknown` means "don't know", and a bad entry is refused with the
//!   reason and asked again.
//! - Questions that share a screen (`ask_with`) are a compact form: one line per question,
//!   ←/→ or a digit picks the answer.
//! - Every screen starts with where the user is ("Hosting · 9 of 24").
//!
//! Esc or Ctrl-C at any prompt becomes [`Reply::Stop`]. For that, [`Session`] makes Ctrl-C
//! an ordinary key while the assessment runs (no signal can then arrive between two key
//! reads) and catches the signal dialoguer raises when it reads one. This module writes only
//! to the terminal; it neither reads nor writes files.
//!
//! Here: the prompter and single-choice screens; `line.rs` the typed input, `form.rs` the
//! shared screens, `session.rs` the terminal settings and interrupts.

mod form;
mod line;
mod session;

pub use session::Session;

use std::io;

use anyhow::Result;
use dialoguer::console::{Term, style};
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{Confirm, Select};

use super::prompt::{Ask, Prompter, Reply, Screen};
use crate::model::{Question, Value};
use crate::render::text::wrap;
use form::Row;

const DONT_KNOW: &str = "Don't know";
const BACK: &str = "← Back";
const WHY: &str = "? Why we ask";

/// A [`Prompter`] on the real terminal (standard output, which the caller has checked is one).
pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
}

enum Pick {
    Option(usize),
    Back,
    Stop,
}

impl TerminalPrompter {
    pub fn new(color: bool) -> TerminalPrompter {
        dialoguer::console::set_colors_enabled(color);
        dialoguer::console::set_colors_enabled_stderr(color);
        TerminalPrompter {
            term: Term::stdout(),
            theme: ColorfulTheme::default(),
        }
    }

    /// Asks whether to replace an existing answers file; `None` when the user pressed Esc.
    pub fn confirm_replace(&self, path: &str) -> Result<Option<bool>> {
        let asked = Confirm::with_theme(&self.theme)
            .with_prompt(format!(
                "{path} already exists. Replace it with a new assessment?"
            ))
            .default(false)
            .interact_on_opt(&self.term);
        match asked {
            Ok(answer) => Ok(answer),
            Err(error) if is_interrupt(&error) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    fn line(&self, text: &str) -> io::Result<()> {
        self.term.write_line(text)
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    fn help(&self, text: &str) -> io::Result<()> {
        let text = if text.is_empty() {
            "No further explanation for this one."
        } else {
            text
        };
        for line in wrap(text, self.width().saturating_sub(4).min(96)) {
            self.line(&format!("  {}", style(line).dim()))?;
        }
        Ok(())
    }

    fn error(&self, message: &str) -> Result<()> {
        let mut text = String::new();
        self.theme.format_error(&mut text, message)?;
        self.line(&text)?;
        Ok(())
    }

    fn answered(&self, prompt: &str, shown: &str) -> Result<()> {
        let mut text = String::new();
        self.theme
            .format_input_prompt_selection(&mut text, prompt, shown)?;
        self.line(&text)?;
        Ok(())
    }

    fn header(&self, screen: &Screen<'_>, hint: &str) -> io::Result<()> {
        if let Some(intro) = screen.intro {
            self.line("")?;
            for line in wrap(intro, self.width().min(100)) {
                self.line(&style(line).italic().to_string())?;
            }
        }
        let position = style(screen.position.to_string()).cyan().bold();
        if hint.is_empty() {
            self.line(&position.to_string())
        } else {
            self.line(&format!("{position}   {}", style(hint).dim()))
        }
    }

    /// A dialoguer `Select` over `options`, followed by back and help entries.
    fn pick(
        &self,
        prompt: &str,
        options: &[String],
        default: usize,
        help: &str,
        can_go_back: bool,
    ) -> Result<Pick> {
        let mut items: Vec<String> = options.to_vec();
        let back = can_go_back.then(|| {
            items.push(BACK.to_string());
            items.len() - 1
        });
        items.push(WHY.to_string());
        let why = items.len() - 1;
        loop {
            let picked = Select::with_theme(&self.theme)
                .with_prompt(prompt)
                .items(&items)
                .default(default.min(options.len().saturating_sub(1)))
                .report(false)
                .interact_on_opt(&self.term);
            match picked {
                Ok(None) => return Ok(Pick::Stop),
                Ok(Some(i)) if Some(i) == back => return Ok(Pick::Back),
                Ok(Some(i)) if i == why => {
                    self.line(&style(prompt).bold().to_string())?;
                    self.help(help)?;
                }
                Ok(Some(i)) => {
                    let mut text = String::new();
                    self.theme
                        .format_select_prompt_selection(&mut text, prompt, &items[i])?;
                    self.line(&text)?;
                    return Ok(Pick::Option(i));
                }
                Err(error) if is_interrupt(&error) => return Ok(Pick::Stop),
                Err(error) => return Err(error.into()),
            }
        }
    }

    fn one(
        &self,
        question: &Question,
        default: Option<&Value>,
        must_answer: bool,
        can_go_back: bool,
    ) -> Result<Reply> {
        let Some(row) = Row::new(question, default) else {
            return self.typed(question, default, must_answer, can_go_back);
        };
        let picked = self.pick(
            &question.prompt,
            &row.options,
            row.chosen.unwrap_or(0),
            &question.help,
            can_go_back,
        )?;
        Ok(match picked {
            Pick::Option(i) => Reply::One(row.values.get(i).cloned()),
            Pick::Back => Reply::Back,
            Pick::Stop => Reply::Stop,
        })
    }
}

impl Prompter for TerminalPrompter {
    fn ask(&mut self, screen: &Screen<'_>) -> Result<Reply> {
        let hint = match &screen.ask {
            Ask::One { question, .. } if Row::new(question, None).is_none() => {
                let mut hint = String::from("? why we ask");
                if screen.can_go_back {
                    hint.push_str(" · < back");
                }
                if question.unknown_allowed {
                    hint.push_str(" · unknown: don't know");
                }
                hint.push_str(" · Esc: stop");
                hint
            }
            Ask::Group { .. } => String::new(),
            _ => "↑/↓ then Enter · Esc: stop".to_string(),
        };
        self.header(screen, &hint)?;
        match &screen.ask {
            Ask::One {
                question,
                default,
                must_answer,
            } => self.one(question, *default, *must_answer, screen.can_go_back),
            Ask::Group { questions } => self.group(questions, screen.can_go_back),
            Ask::Offer {
                section,
                text,
                default,
            } => {
                let options = ["Yes".to_string(), "No".to_string()];
                let default = usize::from(*default == Some(false));
                Ok(
                    match self.pick(text, &options, default, &section.intro, screen.can_go_back)? {
                        Pick::Option(i) => Reply::Offer(i == 0),
                        Pick::Back => Reply::Back,
                        Pick::Stop => Reply::Stop,
                    },
                )
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

fn is_interrupt(error: &dialoguer::Error) -> bool {
    let dialoguer::Error::IO(io_error) = error;
    let interrupted = io_error.kind() == io::ErrorKind::Interrupted;
    if interrupted {
        session::stopping();
    }
    interrupted
}
