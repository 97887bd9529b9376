//! Pure parsers for the files the scan reads: Backstage manifests, catalog files and CI
//! pipelines. Text in, facts out; no file system, no rules beyond what is passed in.
//!
//! The parsers keep only what the scan reports (names, roles, kinds, counts, whether a job waits
//! for a person), never the text itself. Any input, however malformed or hostile, gives a value
//! or a [`ParseError`] with a position, never a panic: they are fuzzed (`fuzz/fuzz_targets/
//! scan_parsers.rs`). A parse error carries only a line and column, not the parser's message,
//! because parsers quote the offending text and the scan never prints file contents.

pub mod catalog;
pub mod manifest;
pub mod pipeline;
pub mod shell;

use std::fmt;

/// Where a file stopped being valid JSON or YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub format: &'static str,
    pub line: u64,
    pub column: u64,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "not valid {}", self.format)
        } else {
            write!(
                f,
                "not valid {} at line {}, column {}",
                self.format, self.line, self.column
            )
        }
    }
}

/// Every document of a YAML stream, as JSON values (keys become strings).
///
/// Lenient where CI systems are (a repeated key keeps the last value, `.nan` is a string) and
/// strict where it protects the scan: the parser's budget refuses alias bombs and absurd nesting.
pub fn yaml_documents(text: &str) -> Result<Vec<serde_json::Value>, ParseError> {
    let mut options = serde_saphyr::Options::default();
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::LastWins;
    options.reject_non_finite_typeless_float = false;
    options.with_snippet = false;
    serde_saphyr::from_multiple_with_options(text, options).map_err(|error| {
        let (line, column) = error.location().map_or((0, 0), |l| (l.line(), l.column()));
        ParseError {
            format: "YAML",
            line,
            column,
        }
    })
}

/// A JSON document.
pub fn json_document(text: &str) -> Result<serde_json::Value, ParseError> {
    serde_json::from_str(text).map_err(|error| ParseError {
        format: "JSON",
        line: error.line() as u64,
        column: error.column() as u64,
    })
}

/// A string field of a JSON object, when it is one.
pub(crate) fn text_field<'a>(value: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(serde_json::Value::as_str)
}

/// A name as the scan may show it: control characters replaced, length bounded. File contents
/// never reach the output; names taken from files (a job's name, a package's name) pass here.
pub fn shown_name(text: &str) -> String {
    const MAX_CHARS: usize = 120;
    let mut out: String = text
        .chars()
        .take(MAX_CHARS)
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect();
    if text.chars().count() > MAX_CHARS {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_carry_a_position_and_no_text() {
        let error = yaml_documents("a: 1\nb: [secret-value\n").err();
        let shown = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(shown.starts_with("not valid YAML at line 2"), "{shown}");
        assert!(!shown.contains("secret"), "{shown}");
    }

    #[test]
    fn github_on_stays_a_string_key() {
        let docs = yaml_documents("on: push\n").unwrap_or_default();
        assert_eq!(docs[0]["on"], "push");
    }

    #[test]
    fn names_lose_control_characters() {
        assert_eq!(
            shown_name("deploy\n\u{1b}[31mprod"),
            "deploy\u{FFFD}\u{FFFD}[31mprod"
        );
    }
}
