//! One screen of `idpfit assess` as the user works through it: its questions as rows, the keys
//! that move between them, and the lines that show it. Every screen works the same way, with
//! one question or several, a list or a typed answer:
//!
//! - a list takes ↑/↓ (or j/k) and Enter, or a digit, which answers at once; `u` answers
//!   "Don't know" where that is allowed (it is the list's last entry);
//! - a typed answer takes text and Enter (`u` alone means "don't know"); an earlier answer is
//!   shown dimmed in place: Enter keeps it, typing replaces it, → brings it back to edit;
//! - `?` shows or hides why we ask; `<` or ⌫ goes back: to the previous question on a shared
//!   screen (keeping its answer, the cursor on it), or to the previous screen; on a typed
//!   answer they act on an empty line, and ⌫ deletes what was typed first;
//! - Esc closes the help, or a list reopened by going back, and otherwise asks before stopping;
//!   Ctrl-C stops at once.
//!
//! [`Form::press`] is pure (a key in, what to do out), so the rules are tested without a
//! terminal; `super` reads keys, saves answers and draws [`Form::lines`].

use console::{Key, style};

use super::canvas::Caret;
use crate::assess::prompt::{Answer, Ask, Asked, Move, Screen, Typed, read_typed, understood};
use crate::model::{Question, QuestionKind, Value};
use crate::render::text::wrap;

/// The list entry for "I don't know".
const DONT_KNOW: &str = "Don't know";

/// What a key press means for the screen.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Action {
    /// Nothing to save; draw the screen again.
    Stay,
    /// The active question is answered with this value: save it, then call [`Form::take`].
    Answer(Option<Value>),
    /// Leave the screen.
    Leave(Move),
}

/// How a question is answered.
enum Input {
    /// A list: the labels, and the highlighted one.
    Pick { labels: Vec<String>, cursor: usize },
    /// Typed text: what is typed so far, and whether the user has typed or deleted anything.
    Typed { line: String, edited: bool },
}

/// One question on the screen.
struct Row<'a> {
    prompt: &'a str,
    help: &'a str,
    /// `None` for the offer of an optional section.
    question: Option<&'a Question>,
    must_answer: bool,
    /// The earlier answer: the highlighted entry of a list, the dimmed text of a typed answer.
    default: Option<Value>,
    /// For a list, the value of each entry.
    values: Vec<Value>,
    input: Input,
    /// The answer as the collapsed row shows it, once there is one.
    done: Option<String>,
    /// What `idpfit scan` measured for the question, as the active row says it.
    measured: Option<String>,
}

impl<'a> Row<'a> {
    fn question(asked: &Asked<'a>) -> Row<'a> {
        let question = asked.question;
        let mut entries: Vec<(String, Value)> = match &question.kind {
            QuestionKind::Choice(choices) => choices
                .iter()
                .enumerate()
                .map(|(i, c)| (c.label.clone(), Value::Choice(i)))
                .collect(),
            QuestionKind::Bool => vec![
                ("Yes".to_string(), Value::Bool(true)),
                ("No".to_string(), Value::Bool(false)),
            ],
            _ => Vec::new(),
        };
        if !entries.is_empty() && question.unknown_allowed {
            entries.push((DONT_KNOW.to_string(), Value::Unknown));
        }
        let (labels, values): (Vec<String>, Vec<Value>) = entries.into_iter().unzip();
        // A measured value is the default until there is an answer, but it is not one: the
        // row stays open until the user confirms it.
        let done = asked.default.as_ref().map(|v| question.label(v));
        let default = asked
            .default
            .clone()
            .or_else(|| asked.measured.as_ref().map(|m| m.value.clone()));
        let input = if values.is_empty() {
            Input::Typed {
                line: String::new(),
                edited: false,
            }
        } else {
            let cursor = default
                .as_ref()
                .and_then(|d| values.iter().position(|v| v == d))
                .unwrap_or(0);
            Input::Pick { labels, cursor }
        };
        Row {
            prompt: &question.prompt,
            help: &question.help,
            question: Some(question),
            must_answer: asked.must_answer,
            done,
            default,
            values,
            input,
            measured: asked.measured.as_ref().map(|m| {
                format!(
                    "Measured by idpfit scan: {} ({})",
                    question.label(&m.value),
                    m.evidence
                )
            }),
        }
    }

    fn offer(text: &'a str, help: &'a str, default: bool) -> Row<'a> {
        Row {
            prompt: text,
            help,
            question: None,
            must_answer: true,
            default: None,
            values: vec![Value::Bool(true), Value::Bool(false)],
            input: Input::Pick {
                labels: vec!["Yes".to_string(), "No".to_string()],
                cursor: usize::from(!default),
            },
            done: None,
            measured: None,
        }
    }

    fn unknown_allowed(&self) -> bool {
        self.question.is_some_and(|q| q.unknown_allowed)
    }

    /// The earlier answer as a typed row shows it.
    fn default_text(&self) -> Option<String> {
        match (self.question, &self.default) {
            (Some(question), Some(value)) => Some(question.label(value)),
            _ => None,
        }
    }
}

/// One screen in progress.
pub(super) struct Form<'a> {
    position: String,
    intro: Option<&'a str>,
    rows: Vec<Row<'a>>,
    active: usize,
    /// After going back to an earlier question of this screen: the one to return to when Esc
    /// closes its list.
    reopened_from: Option<usize>,
    help: bool,
    /// A problem with the last key, shown under the questions until the next one.
    note: Option<String>,
    /// Esc was pressed: the footer asks whether to stop.
    confirming_stop: bool,
    /// Whether there is a previous screen.
    can_go_back: bool,
    /// Whether an earlier answer on this screen was already saved, for the stop question.
    nothing_saved: bool,
}

const FIRST_QUESTION: &str = "This is the first question; there is nothing to go back to.";

impl<'a> Form<'a> {
    pub(super) fn new(screen: &Screen<'a>, nothing_saved: bool) -> Form<'a> {
        let rows: Vec<Row<'a>> = match &screen.ask {
            Ask::Questions(questions) => questions.iter().map(Row::question).collect(),
            Ask::Offer {
                section,
                text,
                default,
            } => vec![Row::offer(text, &section.intro, *default)],
        };
        let active = if screen.backwards {
            rows.len().saturating_sub(1)
        } else {
            rows.iter().position(|r| r.done.is_none()).unwrap_or(0)
        };
        Form {
            position: screen.position.to_string(),
            intro: screen.intro,
            rows,
            active,
            reopened_from: None,
            help: false,
            note: None,
            confirming_stop: false,
            can_go_back: screen.can_go_back,
            nothing_saved,
        }
    }

    /// What `key` does on the screen as it is now.
    pub(super) fn press(&mut self, key: Key) -> Action {
        if key == Key::CtrlC {
            return Action::Leave(Move::Stop);
        }
        if self.confirming_stop {
            self.confirming_stop = false;
            return match key {
                Key::Escape | Key::Char('y' | 'Y') => Action::Leave(Move::Stop),
                _ => Action::Stay,
            };
        }
        if key == Key::Escape {
            if self.help {
                self.help = false;
            } else if let Some(from) = self.reopened_from.take() {
                self.active = from;
            } else {
                self.confirming_stop = true;
            }
            return Action::Stay;
        }
        self.note = None;
        match self.rows[self.active].input {
            Input::Pick { .. } => self.press_on_list(key),
            Input::Typed { .. } => self.press_on_typed(key),
        }
    }

    fn press_on_list(&mut self, key: Key) -> Action {
        let row = &mut self.rows[self.active];
        let Input::Pick { labels, cursor } = &mut row.input else {
            return Action::Stay;
        };
        let count = labels.len();
        let pick = match key {
            Key::ArrowUp | Key::Char('k') => {
                *cursor = cursor.checked_sub(1).unwrap_or(count - 1);
                None
            }
            Key::ArrowDown | Key::Char('j') => {
                *cursor = (*cursor + 1) % count;
                None
            }
            Key::Enter | Key::Char(' ') => Some(*cursor),
            Key::Char(digit @ '1'..='9') => {
                let k = usize::from(digit as u8 - b'1');
                if k < count {
                    Some(k)
                } else {
                    self.note = Some(format!("Choose 1 to {count}."));
                    None
                }
            }
            Key::Char('u' | 'U') => {
                if row.values.last() == Some(&Value::Unknown) {
                    Some(count - 1)
                } else {
                    self.note = Some("\"Don't know\" is not an answer to this one.".to_string());
                    None
                }
            }
            Key::Char('?') => {
                self.help = !self.help;
                None
            }
            Key::Char('<') | Key::Backspace | Key::ArrowLeft => return self.back(),
            _ => None,
        };
        match pick {
            Some(k) => {
                *cursor = k;
                Action::Answer(row.values.get(k).cloned())
            }
            None => Action::Stay,
        }
    }

    fn press_on_typed(&mut self, key: Key) -> Action {
        let row = &mut self.rows[self.active];
        let default_text = row.default_text();
        let Input::Typed { line, edited } = &mut row.input else {
            return Action::Stay;
        };
        match key {
            Key::Char('?') if line.is_empty() => self.help = !self.help,
            Key::Char('<') if line.is_empty() => return self.back(),
            Key::Backspace if line.is_empty() && !*edited => return self.back(),
            Key::Backspace => {
                line.pop();
                *edited = true;
            }
            // Ctrl-U clears the line, as in a shell.
            Key::Char('\u{15}') => {
                line.clear();
                *edited = true;
            }
            Key::ArrowRight | Key::End if line.is_empty() => {
                if let Some(text) = default_text {
                    *line = text;
                    *edited = true;
                }
            }
            Key::Char(c) if !c.is_control() => {
                line.push(c);
                *edited = true;
            }
            Key::Enter => {
                let Some(question) = row.question else {
                    return Action::Stay;
                };
                return match read_typed(question, row.default.as_ref(), row.must_answer, line) {
                    Ok(Typed::Help) => {
                        line.clear();
                        self.help = !self.help;
                        Action::Stay
                    }
                    Ok(Typed::Back) => {
                        line.clear();
                        self.back()
                    }
                    Ok(Typed::Answer(value)) => Action::Answer(value),
                    Err(reason) => {
                        self.note = Some(reason);
                        Action::Stay
                    }
                };
            }
            _ => {}
        }
        Action::Stay
    }

    /// `<` or ⌫: the previous question of this screen, else the previous screen.
    fn back(&mut self) -> Action {
        self.help = false;
        if self.active > 0 {
            self.reopened_from.get_or_insert(self.active);
            self.active -= 1;
            return Action::Stay;
        }
        if self.can_go_back {
            Action::Leave(Move::Back)
        } else {
            self.note = Some(FIRST_QUESTION.to_string());
            Action::Stay
        }
    }

    /// Records that the active question's answer `value` is saved, and moves on: to the next
    /// question of the screen, or out of it once every question has an answer.
    pub(super) fn take(&mut self, value: Option<Value>) -> Option<Move> {
        self.nothing_saved = false;
        let row = &mut self.rows[self.active];
        let shown = match (row.question, &value) {
            (Some(question), Some(value)) => {
                let mut shown = question.label(value);
                if let Input::Typed { line, .. } = &row.input
                    && !line.trim().is_empty()
                    && understood(question, line, value).is_some()
                {
                    shown.push_str(&format!("  (read from \"{}\")", line.trim()));
                }
                shown
            }
            (Some(_), None) => "(no answer)".to_string(),
            (None, Some(Value::Bool(true))) => "Yes".to_string(),
            (None, _) => "No".to_string(),
        };
        row.done = Some(shown);
        self.help = false;
        self.reopened_from = None;
        if self.active + 1 < self.rows.len() {
            self.active += 1;
            return None;
        }
        match self.rows.iter().position(|r| r.done.is_none()) {
            Some(open) => {
                self.active = open;
                let dont_know = if self.rows[open].unknown_allowed() {
                    " (\"Don't know\" is one)"
                } else {
                    ""
                };
                self.note = Some(format!("Every question here needs an answer{dont_know}."));
                None
            }
            None => Some(Move::Next),
        }
    }

    /// The answer to hand to the flow for the active question.
    pub(super) fn answer(&self, value: Option<Value>) -> Answer {
        match self.rows[self.active].question {
            Some(_) => Answer::Question {
                member: self.active,
                value,
            },
            None => Answer::Offer(value == Some(Value::Bool(true))),
        }
    }

    /// The screen as it is now, `width` columns wide, and where the cursor goes.
    pub(super) fn lines(&self, width: usize) -> (Vec<String>, Option<Caret>) {
        let mut lines = self.header(width);
        let mut caret = None;
        for (index, row) in self.rows.iter().enumerate() {
            if index != self.active {
                match &row.done {
                    Some(answer) => lines.extend(answered(row.prompt, answer, width)),
                    None => lines.extend(
                        indented("  ", row.prompt, width)
                            .into_iter()
                            .map(|l| style(l).dim().to_string()),
                    ),
                }
                continue;
            }
            match &row.input {
                Input::Typed { line, .. } => {
                    let mut prompt = indented("? ", &format!("{} ›", row.prompt), width);
                    let last = prompt.pop().unwrap_or_default();
                    lines.extend(prompt.into_iter().map(|l| bold_question(&l)));
                    let mut text = format!("{} {line}", bold_question(&last));
                    // The caret goes after what is typed, before a dimmed earlier answer.
                    let column = console::measure_text_width(&text);
                    if line.is_empty()
                        && let Some(earlier) = row.default_text()
                    {
                        text.push_str(&style(earlier).dim().to_string());
                    }
                    caret = Some(Caret {
                        line: lines.len(),
                        column,
                    });
                    lines.push(text);
                    lines.extend(measured_lines(row, width));
                    if self.help {
                        lines.extend(help_lines(row.help, width));
                    }
                }
                Input::Pick { labels, cursor } => {
                    lines.extend(
                        indented("? ", row.prompt, width)
                            .iter()
                            .map(|l| bold_question(l)),
                    );
                    lines.extend(measured_lines(row, width));
                    if self.help {
                        lines.extend(help_lines(row.help, width));
                    }
                    for (k, label) in labels.iter().enumerate() {
                        let entry = format!("{}. {label}", k + 1);
                        lines.push(if k == *cursor {
                            format!("{} {}", style("❯").cyan().bold(), style(entry).cyan())
                        } else {
                            format!("  {entry}")
                        });
                    }
                }
            }
        }
        if let Some(note) = &self.note {
            lines.extend(
                indented("✘ ", note, width)
                    .into_iter()
                    .map(|l| style(l).red().to_string()),
            );
        }
        let footer = if self.confirming_stop {
            let saved = if self.nothing_saved {
                "Nothing is answered yet."
            } else {
                "Your answers so far are saved."
            };
            style_lines(
                &format!("Stop here? {saved} y or Esc: stop · any other key: go on"),
                width,
                |l| style(l).yellow().bold().to_string(),
            )
        } else {
            style_lines(&self.footer(), width, |l| style(l).dim().to_string())
        };
        lines.extend(footer);
        (lines, caret)
    }

    /// The section's introduction on its first screen, then where the user is.
    fn header(&self, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(intro) = self.intro {
            lines.push(String::new());
            lines.extend(
                wrap(intro, width.min(100))
                    .into_iter()
                    .map(|l| style(l).italic().to_string()),
            );
        }
        lines.push(style(&self.position).cyan().bold().to_string());
        lines
    }

    /// The keys, in one line: the same words on every screen, leaving out what does not apply.
    fn footer(&self) -> String {
        let row = &self.rows[self.active];
        let mut keys = vec![match &row.input {
            Input::Pick { labels, .. } => format!("1-{} or ↑↓ Enter: answer", labels.len()),
            Input::Typed { line, .. } if line.is_empty() && row.default.is_some() => {
                "Enter: keep · →: edit · type: replace".to_string()
            }
            Input::Typed { .. } => "type, then Enter: answer".to_string(),
        }];
        keys.push("?: why we ask".to_string());
        if self.active > 0 || self.can_go_back {
            keys.push("<: back".to_string());
        }
        if row.unknown_allowed() {
            keys.push("u: don't know".to_string());
        }
        keys.push("Esc: stop".to_string());
        keys.join(" · ")
    }

    /// The screen once left: where it was and the answers given, one line each.
    pub(super) fn summary(&self, width: usize) -> Vec<String> {
        let mut lines = self.header(width);
        for row in &self.rows {
            if let Some(answer) = &row.done {
                lines.extend(answered(row.prompt, answer, width));
            }
        }
        lines
    }
}

fn bold_question(line: &str) -> String {
    match line.strip_prefix("? ") {
        Some(rest) => format!("{} {}", style("?").yellow().bold(), style(rest).bold()),
        None => style(line).bold().to_string(),
    }
}

/// "✔ prompt · answer", wrapped.
fn answered(prompt: &str, answer: &str, width: usize) -> Vec<String> {
    let text = format!("{prompt} · {answer}");
    indented("✔ ", &text, width)
        .into_iter()
        .enumerate()
        .map(|(i, l)| match l.strip_prefix("✔ ") {
            Some(rest) if i == 0 => format!("{} {rest}", style("✔").green()),
            _ => l,
        })
        .collect()
}

/// What the scan measured for the active row's question, under its prompt.
fn measured_lines(row: &Row<'_>, width: usize) -> Vec<String> {
    let Some(text) = &row.measured else {
        return Vec::new();
    };
    indented("  ", text, width)
        .into_iter()
        .map(|l| style(l).cyan().to_string())
        .collect()
}

fn help_lines(help: &str, width: usize) -> Vec<String> {
    let help = if help.is_empty() {
        "No further explanation for this one."
    } else {
        help
    };
    wrap(help, width.saturating_sub(4).clamp(20, 96))
        .into_iter()
        .map(|l| format!("  {}", style(l).dim()))
        .collect()
}

/// `text` wrapped at word boundaries to `width` columns, the first line starting with
/// `first` and the others indented to match.
fn indented(first: &str, text: &str, width: usize) -> Vec<String> {
    let margin = console::measure_text_width(first);
    wrap(text, width.saturating_sub(margin).max(20))
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            if i == 0 {
                format!("{first}{line}")
            } else {
                format!("{}{line}", " ".repeat(margin))
            }
        })
        .collect()
}

fn style_lines(text: &str, width: usize, paint: impl Fn(String) -> String) -> Vec<String> {
    wrap(text, width.max(20)).into_iter().map(paint).collect()
}

#[cfg(test)]
mod tests;
