//! Problems found in a user's file, with enough position information to point at the exact
//! key or value, and a renderer that shows them as source snippets.
//!
//! Loading answers, weights and questionnaires collects *every* problem before failing, so the
//! error type here is a list. Each problem carries a [`Code`] saying what kind of problem it is,
//! which is what callers compare; the wording is for people only. This module deliberately
//! knows nothing about what the file means: callers word the messages and hints; it only
//! carries and renders them.

use std::fmt;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term;

/// At most this many problems are shown for one file; a file with thousands of bad keys gets
/// a count of the rest instead of megabytes of output.
pub const MAX_SHOWN: usize = 50;

/// Lines longer than this (in characters) are not shown whole in a snippet.
const MAX_LINE_SHOWN: usize = 200;

/// Spans over this many lines are not shown as a snippet.
const MAX_LINES_SHOWN: usize = 12;

/// Characters of context kept either side of a problem on a line too long to show.
const EXCERPT_CHARS: usize = 40;

/// What kind of problem a [`Problem`] is. Code that must tell problems apart matches on this,
/// never on a message or label, which are worded for people and may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// The text is not valid TOML.
    Syntax,
    /// A data file does not have the shape its format expects (a key the format does not have,
    /// a value of the wrong kind), as the deserializer found it.
    Structure,
    /// The answers or weights were written for another questionnaire.
    OtherQuestionnaire,
    /// A section or key of an answers file that the questionnaire does not have.
    UnknownKey,
    /// A name that refers to nothing: a question, choice, option, dimension, section, core
    /// question or question type that does not exist.
    UnknownName,
    /// Something declared twice, or a reserved name.
    Duplicate,
    /// Something required is absent: answers, the `questionnaire` key, part of an
    /// all-or-nothing section, a table or list the file must have.
    Missing,
    /// A value of the wrong type.
    WrongType,
    /// A value of the right type that is not allowed: out of range, "unknown" where it may not
    /// be, a control character, a name that is not a plain identifier.
    InvalidValue,
    /// A rule in a data file that cannot work as written: a test that does not fit its
    /// question, a context-only answer deciding the result, bands that do not rise.
    InvalidRule,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// What kind of problem it is.
    pub code: Code,
    /// What is wrong, naming the key where there is one.
    pub message: String,
    /// Byte range in the file the problem points at, when known.
    pub span: Option<Range<usize>>,
    /// Short text shown under the caret.
    pub label: Option<String>,
    /// Extra lines: the allowed values, a "did you mean", how to fix it.
    pub notes: Vec<String>,
}

impl Problem {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Problem {
            code,
            message: message.into(),
            span: None,
            label: None,
            notes: Vec::new(),
        }
    }

    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn note_opt(mut self, note: Option<String>) -> Self {
        if let Some(note) = note {
            self.notes.push(note);
        }
        self
    }
}

/// Every problem found in one file, together with the file's text so they can be rendered with
/// line and column numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostics {
    pub file: String,
    pub source: String,
    pub problems: Vec<Problem>,
}

impl Diagnostics {
    pub fn new(file: impl Into<String>, source: impl Into<String>) -> Self {
        Diagnostics {
            file: file.into(),
            source: source.into(),
            problems: Vec::new(),
        }
    }

    pub fn single(file: impl Into<String>, source: impl Into<String>, problem: Problem) -> Self {
        let mut diagnostics = Diagnostics::new(file, source);
        diagnostics.push(problem);
        diagnostics
    }

    pub fn push(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    /// `Ok(value)` when nothing was found, the diagnostics otherwise.
    pub fn into_result<T>(self, value: T) -> Result<T, Diagnostics> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }

    /// 1-based line and column of a byte offset, as editors count them.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }

    /// Renders every problem as an annotated snippet of the file, in the order found.
    ///
    /// The output stays bounded and safe to print whatever the file holds: at most
    /// [`MAX_SHOWN`] problems are shown (then a count of the rest), a line too long to show
    /// whole is cut to the part around the problem, and control characters from the file are
    /// shown as U+FFFD so they cannot move the cursor or recolour the terminal.
    pub fn render(&self) -> String {
        let file = SimpleFile::new(self.file.as_str(), self.source.as_str());
        let config = term::Config::default();
        let mut out = String::new();
        for problem in self.problems.iter().take(MAX_SHOWN) {
            let mut diagnostic = CsDiagnostic::error().with_message(self.headline(problem));
            let span = problem
                .span
                .as_ref()
                .map(|span| clamp_span(span, self.source.len()));
            if let Some(span) = &span
                && self.too_big_to_show(span)
            {
                out.push_str(&self.plain(problem));
                out.push_str("\n\n");
                continue;
            }
            if let Some(span) = span {
                let label = Label::primary((), span);
                let label = match &problem.label {
                    Some(text) => label.with_message(text.clone()),
                    None => label,
                };
                diagnostic = diagnostic.with_labels(vec![label]);
            }
            diagnostic = diagnostic.with_notes(problem.notes.clone());
            if term::emit_to_string(&mut out, &config, &file, &diagnostic).is_err() {
                // The span could not be placed in the file; fall back to the plain form.
                out.push_str(&self.plain(problem));
                out.push('\n');
            }
        }
        if let Some(more) = self.hidden_count() {
            out.push_str(&more);
            out.push('\n');
        }
        printable(&out)
    }

    /// "N more problems not shown", when some are not.
    fn hidden_count(&self) -> Option<String> {
        let hidden = self.problems.len().saturating_sub(MAX_SHOWN);
        (hidden > 0).then(|| {
            format!(
                "error: {}: {hidden} more problem{} not shown; fix the ones above first",
                self.file,
                if hidden == 1 { "" } else { "s" }
            )
        })
    }

    /// The start and end (exclusive, before the newline) of the line holding `offset`.
    fn line_bounds(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.source, offset.min(self.source.len()));
        let start = self.source[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.source[offset..]
            .find('\n')
            .map_or(self.source.len(), |i| offset + i);
        (start, end)
    }

    /// Whether a snippet of `span` would be too large to print: a line too long, or more lines
    /// than a reader can take in (a whole table, say).
    fn too_big_to_show(&self, span: &Range<usize>) -> bool {
        let (start, _) = self.line_bounds(span.start);
        let (_, end) = self.line_bounds(span.end);
        let lines = &self.source[start..end];
        lines.matches('\n').count() >= MAX_LINES_SHOWN
            || lines
                .split('\n')
                .any(|line| line.chars().count() > MAX_LINE_SHOWN)
    }

    /// Whether the line holding `offset` is too long to show as a snippet.
    fn line_is_too_long(&self, offset: usize) -> bool {
        let (start, end) = self.line_bounds(offset);
        self.source[start..end].chars().count() > MAX_LINE_SHOWN
    }

    /// Up to [`EXCERPT_CHARS`] characters either side of `offset`, on its line.
    fn excerpt(&self, offset: usize) -> String {
        let (start, end) = self.line_bounds(offset);
        let offset = floor_char_boundary(&self.source, offset.min(self.source.len()));
        let before: Vec<char> = self.source[start..offset].chars().collect();
        let after: Vec<char> = self.source[offset..end].chars().collect();
        let mut text = String::new();
        if before.len() > EXCERPT_CHARS {
            text.push('…');
        }
        text.extend(&before[before.len().saturating_sub(EXCERPT_CHARS)..]);
        text.extend(after.iter().take(EXCERPT_CHARS));
        if after.len() > EXCERPT_CHARS {
            text.push('…');
        }
        text
    }

    /// `file:line:col: message`, the first line of each problem, as grep-style tools print it.
    fn headline(&self, problem: &Problem) -> String {
        match &problem.span {
            Some(span) => {
                let (line, col) = self.line_col(span.start);
                format!("{}:{line}:{col}: {}", self.file, problem.message)
            }
            None => format!("{}: {}", self.file, problem.message),
        }
    }

    fn plain(&self, problem: &Problem) -> String {
        let mut text = format!("error: {}", self.headline(problem));
        if let Some(span) = &problem.span
            && self.line_is_too_long(span.start)
        {
            text.push_str("\n  = near: ");
            text.push_str(&self.excerpt(span.start));
        }
        for note in &problem.notes {
            text.push_str("\n  = ");
            text.push_str(note);
        }
        text
    }
}

impl fmt::Display for Diagnostics {
    /// The plain form: `error: file:line:col: message` and its notes, one problem after the
    /// other, bounded and made printable like [`Diagnostics::render`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let mut text = String::new();
        for (index, problem) in self.problems.iter().take(MAX_SHOWN).enumerate() {
            if index > 0 {
                text.push('\n');
            }
            text.push_str(&self.plain(problem));
        }
        if let Some(more) = self.hidden_count() {
            text.push('\n');
            text.push_str(&more);
        }
        if count > 1 {
            text.push_str(&format!("\n{count} problems in {}", self.file));
        }
        f.write_str(&printable(&text))
    }
}

impl std::error::Error for Diagnostics {}

/// 1-based line and column (in characters) of a byte offset in `source`.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// `text` with control characters other than newline and tab (and the carriage return of a
/// CRLF line end) replaced by U+FFFD, so printing it cannot drive the terminal.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = match c {
            '\n' | '\t' => true,
            '\r' => chars.peek() == Some(&'\n'),
            c => !c.is_control(),
        };
        out.push(if keep { c } else { '\u{FFFD}' });
    }
    out
}

fn floor_char_boundary(source: &str, mut offset: usize) -> usize {
    while offset > 0 && !source.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn clamp_span(span: &Range<usize>, len: usize) -> Range<usize> {
    let start = span.start.min(len);
    let end = span.end.clamp(start, len);
    start..end
}

/// The closest of `candidates` to `input`, if one is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input_lower = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            let score = strsim::jaro_winkler(&input_lower, &candidate.to_lowercase());
            (candidate, score)
        })
        .filter(|(_, score)| *score >= 0.8)
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(candidate, _)| candidate)
}

/// A TOML syntax error as a problem: the parser's message, where it happened, and a hint
/// more specific than the parser's where the mistake is a common one.
pub fn syntax_problem(source: &str, error: &toml::de::Error) -> Problem {
    let message = error.message().trim_end();
    Problem::new(Code::Syntax, format!("not valid TOML: {message}"))
        .at_opt(error.span())
        .label("here")
        .note(syntax_help(source, message, error.span()))
}

/// A hint for a TOML syntax error, more specific than the parser's message where the mistake
/// is a common one: a key or section given twice, a key with no value.
fn syntax_help(source: &str, message: &str, span: Option<Range<usize>>) -> String {
    let span = span.unwrap_or(0..0);
    let at = |range: Range<usize>| source.get(range).unwrap_or_default();
    let line_start = at(0..span.start).rfind('\n').map_or(0, |i| i + 1);
    let line_end = source
        .get(span.start..)
        .and_then(|rest| rest.find('\n'))
        .map_or(source.len(), |i| span.start + i);
    let line = at(line_start..line_end).trim();
    if message.contains("recursion") {
        return "help: the file nests tables, lists or dotted keys deeper than idpfit reads; an answers file needs only `[section]` and `key = value`".to_string();
    }
    if message.starts_with("duplicate key") {
        let key = at(span.clone()).trim();
        let is_header = at(line_start..span.start).trim_start().starts_with('[');
        return if is_header {
            format!(
                "help: [{key}] appears twice; keep one [{key}] header and put all its answers under it"
            )
        } else {
            format!("help: `{key}` is given twice in the same section; keep one")
        };
    }
    if let Some((key, rest)) = line.split_once('=')
        && (rest.trim().is_empty() || rest.trim_start().starts_with('#'))
    {
        return format!(
            "help: `{}` has no value after `=`; write one, or \"unknown\" if you do not know",
            key.trim()
        );
    }
    "help: check quotes, brackets and `key = value` syntax near this point".to_string()
}

/// Longest piece of a user's file that a message quotes.
const MAX_QUOTED: usize = 60;

/// `text` as a message may quote it: at most 60 characters, the rest replaced by
/// "…", so a very long value or key in a file does not make a very long message.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based() {
        let source = "a = 1\nbc = \"x\"\n";
        assert_eq!(line_col(source, 0), (1, 1));
        assert_eq!(line_col(source, 6), (2, 1));
        assert_eq!(line_col(source, 11), (2, 6));
    }

    #[test]
    fn suggestion_finds_a_near_key_and_ignores_far_ones() {
        let keys = ["ownership", "commitment", "dedicated_fte"];
        assert_eq!(did_you_mean("ownrship", keys), Some("ownership"));
        assert_eq!(did_you_mean("zzz", keys), None);
    }

    #[test]
    fn rendered_problem_names_file_line_and_column() {
        let mut d = Diagnostics::new("a.toml", "x = 1\ny = 2\n");
        d.push(
            Problem::new(Code::InvalidValue, "bad y")
                .at(6..7)
                .note("hint: fix it"),
        );
        let text = d.render();
        assert!(text.contains("a.toml:2:1: bad y"), "{text}");
        assert!(text.contains("hint: fix it"), "{text}");
    }
}
