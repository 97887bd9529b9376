//! An answer as a typed JSON value, as the result's counterfactual changes carry it and the
//! `aggregate` and `diff` reports show it: numbers stay numbers, yes/no stays a boolean, choices
//! and texts are strings in their file form, and "unknown" is the string `"unknown"`, exactly
//! as an answers file would hold them. It picks no answers; callers say which.

use serde_json::Value as Json;

use crate::model::{Question, UNKNOWN, Value};

pub fn answer_json(question: &Question, value: &Value) -> Json {
    match value {
        Value::Choice(_) => Json::String(question.display(value)),
        Value::Bool(b) => Json::Bool(*b),
        // A whole number prints as one (`3`, not `3.0`), as the SPEC's examples show it.
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Json::from(*n as i64),
        Value::Number(n) => serde_json::Number::from_f64(*n).map_or(Json::Null, Json::Number),
        Value::Integer(i) => Json::from(*i),
        Value::Text(t) => Json::String(t.clone()),
        Value::Unknown => Json::String(UNKNOWN.to_string()),
    }
}

/// Like [`answer_json`], with `null` for an answer that is absent.
pub fn optional_answer_json(question: &Question, value: Option<&Value>) -> Json {
    value.map_or(Json::Null, |v| answer_json(question, v))
}
