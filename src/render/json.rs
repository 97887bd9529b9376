//! JSON output: the assessment with its SPEC §4 keys, plus `file`. Keys come out sorted at
//! every level (the result types declare their fields alphabetically), so output is
//! byte-stable and diffs cleanly.

use crate::engine::Assessment;

fn with_file(file: &str, assessment: &Assessment) -> Assessment {
    let mut assessment = assessment.clone();
    assessment.file = Some(file.to_string());
    assessment
}

/// Pretty-printed, with a final newline: for one file.
pub fn render_pretty(file: &str, assessment: &Assessment) -> String {
    let mut text = serde_json::to_string_pretty(&with_file(file, assessment)).unwrap_or_default();
    text.push('\n');
    text
}

/// One compact line, with a final newline: for JSON Lines output of several files.
pub fn render_line(file: &str, assessment: &Assessment) -> String {
    let mut text = serde_json::to_string(&with_file(file, assessment)).unwrap_or_default();
    text.push('\n');
    text
}
