//! JSON output: the assessment with its SPEC §4 keys, plus `file`. Keys are sorted
//! alphabetically at every level, so output is byte-stable.

use crate::engine::Assessment;

fn value(file: &str, assessment: &Assessment) -> serde_json::Value {
    let mut value = serde_json::to_value(assessment).unwrap_or(serde_json::Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert(
            "file".to_string(),
            serde_json::Value::String(file.to_string()),
        );
    }
    value
}

/// Pretty-printed, with a final newline: for one file.
pub fn render_pretty(file: &str, assessment: &Assessment) -> String {
    let mut text = serde_json::to_string_pretty(&value(file, assessment)).unwrap_or_default();
    text.push('\n');
    text
}

/// One compact line, with a final newline: for JSON Lines output of several files.
pub fn render_line(file: &str, assessment: &Assessment) -> String {
    let mut text = serde_json::to_string(&value(file, assessment)).unwrap_or_default();
    text.push('\n');
    text
}
