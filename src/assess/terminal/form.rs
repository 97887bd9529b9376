//! Questions that share a screen (`ask_with`): a compact form, one line per question, where ↑/↓
//! or a digit picks an answer and ←/→ moves between the questions. It only collects the
//! answers; checking them is the questions' own job (every option it offers is valid).

use anyhow::Result;
use dialoguer::console::{Key, measure_text_width, style};
use dialoguer::theme::Theme;

use super::{DONT_KNOW, TerminalPrompter};
use crate::assess::prompt::Reply;
use crate::model::{Question, QuestionKind, Value};
use crate::render::text::wrap;

impl TerminalPrompter {
    /// Several choice and yes/no questions on one screen. The active question shows its
    /// answers like a `Select`; answered ones collapse to one line. Enter (or a digit) takes
    /// an answer and moves to the next question; on the last one, it finishes the screen once
    /// every question has an answer.
    pub(super) fn group(
        &self,
        questions: &[(&Question, Option<&Value>)],
        can_go_back: bool,
    ) -> Result<Reply> {
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

/// A choice or yes/no question as a list of labelled answers.
pub(super) struct Row<'a> {
    pub question: &'a Question,
    pub options: Vec<String>,
    pub values: Vec<Value>,
    /// The answer taken, if any.
    pub chosen: Option<usize>,
    /// The highlighted answer.
    pub cursor: usize,
}

impl<'a> Row<'a> {
    /// `None` for questions that are typed rather than picked.
    pub(super) fn new(question: &'a Question, default: Option<&Value>) -> Option<Row<'a>> {
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

    pub(super) fn label(&self) -> &str {
        self.chosen
            .and_then(|i| self.options.get(i))
            .map_or("", String::as_str)
    }
}
