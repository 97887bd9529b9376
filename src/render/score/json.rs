//! JSON output: the assessment with its SPEC §4 keys, plus `file`. Keys come out sorted at
//! every level ([`crate::render::json`]), so output is byte-stable and diffs cleanly. It adds nothing the assessment does not carry.

use std::borrow::Cow;

use crate::engine::Assessment;
use crate::render;

/// The assessment with `file` set; borrowed when the caller already set it (as `score` does),
/// so scoring many files does not copy every result.
fn with_file<'a>(file: &str, assessment: &'a Assessment) -> Cow<'a, Assessment> {
    if assessment.file.as_deref() == Some(file) {
        return Cow::Borrowed(assessment);
    }
    let mut owned = assessment.clone();
    owned.file = Some(file.to_string());
    Cow::Owned(owned)
}

/// Pretty-printed, with a final newline: for one file.
pub fn render_pretty(file: &str, assessment: &Assessment) -> String {
    render::json::pretty(&with_file(file, assessment))
}

/// One compact line, with a final newline: for JSON Lines output of several files.
pub fn render_line(file: &str, assessment: &Assessment) -> String {
    render::json::line(&with_file(file, assessment))
}
