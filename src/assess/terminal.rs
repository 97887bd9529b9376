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

use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use dialoguer::console::{Key, Term, measure_text_width, style};
use dialoguer::theme::{ColorfulTheme, Theme};
use dialoguer::{Confirm, Select};

use super::prompt::{Ask, Prompter, Reply, Screen, Typed, read_typed};
use crate::questionnaire::{Question, QuestionKind};
use crate::render::text::wrap;
use crate::value::Value;

const DONT_KNOW: &str = "Don't know";
const BACK: &str = "← Back";
const WHY: &str = "? Why we ask";

/// Set once the prompt layer has seen an interrupt and is stopping in an orderly way.
static STOPPING: AtomicBool = AtomicBool::new(false);

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

    /// A number or text question, typed on one line.
    fn typed(
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

    /// Several choice and yes/no questions on one screen. The active question shows its
    /// answers like a `Select`; answered ones collapse to one line. Enter (or a digit) takes
    /// an answer and moves to the next question; on the last one, it finishes the screen once
    /// every question has an answer.
    fn group(&self, questions: &[(&Question, Option<&Value>)], can_go_back: bool) -> Result<Reply> {
        let mut rows: Vec<Row<'_>> = questions
            .iter()
            .filter_map(|(q, default)| Row::new(q, *default))
            .collect();
        if rows.len() != questions.len() || rows.is_empty() {
            anyhow::bail!("only choice and yes/no questions can share a screen");
        }
        let last = rows.len() - 1;
        let mut current = rows.iter().position(|r| r.chosen.is_none()).unwrap_or(0);
        let mut show_help = false;
        let mut note: Option<&str> = None;
        let mut drawn = 0;
        self.term.hide_cursor()?;
        let reply = loop {
            let lines = self.form_lines(&rows, current, show_help, note, can_go_back)?;
            self.term.clear_last_lines(drawn)?;
            for line in &lines {
                self.line(line)?;
            }
            drawn = self.physical_lines(&lines);
            self.term.flush()?;
            note = None;
            let row = &mut rows[current];
            let take = match self.term.read_key_raw()? {
                Key::ArrowUp | Key::Char('k') => {
                    row.cursor = row.cursor.checked_sub(1).unwrap_or(row.options.len() - 1);
                    None
                }
                Key::ArrowDown | Key::Char('j') => {
                    row.cursor = (row.cursor + 1) % row.options.len();
                    None
                }
                Key::ArrowLeft | Key::BackTab => {
                    current = current.saturating_sub(1);
                    show_help = false;
                    None
                }
                Key::ArrowRight | Key::Tab => {
                    current = (current + 1).min(last);
                    show_help = false;
                    None
                }
                Key::Char(d @ '1'..='9') => {
                    let k = usize::from(d as u8 - b'1');
                    (k < row.options.len()).then_some(k)
                }
                Key::Enter | Key::Char(' ') => Some(row.cursor),
                Key::Char('?') => {
                    show_help = !show_help;
                    None
                }
                Key::Backspace | Key::Char('<') if can_go_back => break Reply::Back,
                Key::Escape | Key::CtrlC => break Reply::Stop,
                _ => None,
            };
            let Some(option) = take else { continue };
            row.chosen = Some(option);
            row.cursor = option;
            show_help = false;
            if current < last {
                current += 1;
                continue;
            }
            match rows.iter().position(|r| r.chosen.is_none()) {
                Some(open) => {
                    current = open;
                    note = Some("Every question here needs an answer (\"Don't know\" is one).");
                }
                None => {
                    self.term.clear_last_lines(drawn)?;
                    for row in &rows {
                        let mut text = String::new();
                        self.theme.format_select_prompt_selection(
                            &mut text,
                            &row.question.prompt,
                            row.label(),
                        )?;
                        self.line(&text)?;
                    }
                    let values = rows
                        .iter()
                        .filter_map(|r| r.chosen.and_then(|i| r.values.get(i).cloned()))
                        .collect();
                    break Reply::Group(values);
                }
            }
        };
        self.term.show_cursor()?;
        Ok(reply)
    }

    fn form_lines(
        &self,
        rows: &[Row<'_>],
        current: usize,
        show_help: bool,
        note: Option<&str>,
        can_go_back: bool,
    ) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            let prompt = row.question.prompt.as_str();
            if i != current {
                match row.chosen {
                    Some(_) => {
                        let mut text = String::new();
                        self.theme.format_select_prompt_selection(
                            &mut text,
                            prompt,
                            row.label(),
                        )?;
                        lines.push(text);
                    }
                    None => lines.push(format!("  {}", style(prompt).dim())),
                }
                continue;
            }
            let mut text = String::new();
            self.theme.format_select_prompt(&mut text, prompt)?;
            lines.push(text);
            if show_help {
                let help = if row.question.help.is_empty() {
                    "No further explanation for this one."
                } else {
                    row.question.help.as_str()
                };
                for line in wrap(help, self.width().saturating_sub(4).min(96)) {
                    lines.push(format!("  {}", style(line).dim()));
                }
            }
            for (k, option) in row.options.iter().enumerate() {
                let mut text = String::new();
                self.theme.format_select_prompt_item(
                    &mut text,
                    &format!("{}. {option}", k + 1),
                    k == row.cursor,
                )?;
                lines.push(text);
            }
        }
        if let Some(note) = note {
            let mut text = String::new();
            self.theme.format_error(&mut text, note)?;
            lines.push(text);
        }
        let mut keys =
            String::from("↑/↓ then Enter, or a digit · ←/→ other question · ? why we ask");
        if can_go_back {
            keys.push_str(" · ⌫ back");
        }
        keys.push_str(" · Esc: stop");
        lines.push(style(keys).dim().to_string());
        Ok(lines)
    }

    /// How many terminal rows `lines` take once long ones wrap.
    fn physical_lines(&self, lines: &[String]) -> usize {
        let width = self.width();
        lines
            .iter()
            .map(|l| measure_text_width(l).max(1).div_ceil(width))
            .sum()
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

/// A choice or yes/no question as a list of labelled answers.
struct Row<'a> {
    question: &'a Question,
    options: Vec<String>,
    values: Vec<Value>,
    /// The answer taken, if any.
    chosen: Option<usize>,
    /// The highlighted answer.
    cursor: usize,
}

impl<'a> Row<'a> {
    /// `None` for questions that are typed rather than picked.
    fn new(question: &'a Question, default: Option<&Value>) -> Option<Row<'a>> {
        let (mut options, mut values): (Vec<String>, Vec<Value>) = match &question.kind {
            QuestionKind::Choice(choices) => choices
                .iter()
                .enumerate()
                .map(|(i, c)| (c.label.clone(), Value::Choice(i)))
                .unzip(),
            QuestionKind::Bool => (
                vec!["Yes".to_string(), "No".to_string()],
                vec![Value::Bool(true), Value::Bool(false)],
            ),
            _ => return None,
        };
        if question.unknown_allowed {
            options.push(DONT_KNOW.to_string());
            values.push(Value::Unknown);
        }
        let chosen = default.and_then(|d| values.iter().position(|v| v == d));
        Some(Row {
            question,
            options,
            values,
            chosen,
            cursor: chosen.unwrap_or(0),
        })
    }

    fn label(&self) -> &str {
        self.chosen
            .and_then(|i| self.options.get(i))
            .map_or("", String::as_str)
    }
}

fn is_interrupt(error: &dialoguer::Error) -> bool {
    let dialoguer::Error::IO(io_error) = error;
    let interrupted = io_error.kind() == io::ErrorKind::Interrupted;
    if interrupted {
        STOPPING.store(true, Ordering::SeqCst);
    }
    interrupted
}

/// What to print if a stray interrupt ends the process (see [`Session`]).
static LAST_WORDS: Mutex<String> = Mutex::new(String::new());

/// Terminal settings for the length of an assessment. While it lives, Ctrl-C reaches the
/// prompts as a key instead of a signal, so an interrupt always stops at a prompt, in order.
/// A SIGINT that still arrives (dialoguer raises one when it reads Ctrl-C, or someone sends
/// it) is caught; if no prompt takes it up promptly, the terminal is restored, the message
/// set with [`Session::on_interrupt`] is printed and the process exits with status 130.
pub struct Session {
    #[cfg(unix)]
    saved: Option<rustix::termios::Termios>,
}

impl Session {
    pub fn start() -> Session {
        #[cfg(unix)]
        let saved = {
            let stdin = io::stdin();
            let saved = rustix::termios::tcgetattr(&stdin).ok();
            if let Some(original) = &saved {
                let mut quiet = original.clone();
                quiet.local_modes -= rustix::termios::LocalModes::ISIG;
                let _ = rustix::termios::tcsetattr(
                    &stdin,
                    rustix::termios::OptionalActions::Now,
                    &quiet,
                );
            }
            saved
        };
        #[cfg(unix)]
        let restore = saved.clone();
        // Fails only if a handler is already installed, which then does the same job.
        let _ = ctrlc::set_handler(move || {
            std::thread::sleep(std::time::Duration::from_millis(750));
            if STOPPING.load(Ordering::SeqCst) {
                return;
            }
            #[cfg(unix)]
            if let Some(original) = &restore {
                let _ = rustix::termios::tcsetattr(
                    io::stdin(),
                    rustix::termios::OptionalActions::Now,
                    original,
                );
            }
            let message = LAST_WORDS.lock().map(|m| m.clone()).unwrap_or_default();
            // Standard output and error may be locked by the blocked main thread, so this
            // writes to the file descriptor directly: show the cursor, then the message.
            #[cfg(unix)]
            write_unlocked(format!("\u{1b}[?25h\n{message}").as_bytes());
            #[cfg(not(unix))]
            let _ = message;
            std::process::exit(130);
        });
        Session {
            #[cfg(unix)]
            saved,
        }
    }

    /// Sets what a stray interrupt prints before ending the process.
    pub fn on_interrupt(&self, message: String) {
        if let Ok(mut words) = LAST_WORDS.lock() {
            *words = message;
        }
    }
}

/// Writes to standard error without taking the standard library's lock on it.
#[cfg(unix)]
fn write_unlocked(mut bytes: &[u8]) {
    while !bytes.is_empty() {
        match rustix::io::write(rustix::stdio::stderr(), bytes) {
            Ok(0) | Err(_) => return,
            Ok(n) => bytes = &bytes[n..],
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        #[cfg(unix)]
        if let Some(original) = &self.saved {
            let _ = rustix::termios::tcsetattr(
                io::stdin(),
                rustix::termios::OptionalActions::Now,
                original,
            );
        }
    }
}
