//! An answer as a typed JSON value, as the result's counterfactual changes carry it and the
//! `aggregate` and `diff` reports show it: numbers stay numbers, yes/no stays a boolean, choices
//! and texts are strings in their file form, and "unknown" is the string `"unknown"`, exactly
//! as an answers file would hold them. It picks no answers; callers say which. The way back,
//! a JSON value read as an answer ([`scalar_of_json`], [`answer_of_json`]), serves the scan's
//! evidence, which holds answers the same way.

use serde_json::Value as Json;

use crate::load::Scalar;
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

/// A JSON value as the answers loader checks a value against its question.
pub fn scalar_of_json(value: &Json) -> Scalar<'_> {
    match value {
        Json::String(text) => Scalar::Str(text),
        Json::Bool(b) => Scalar::Bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Scalar::Int(i),
            None => Scalar::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::Null => Scalar::Other("null"),
        Json::Array(_) => Scalar::Other("a list"),
        Json::Object(_) => Scalar::Other("an object"),
    }
}

/// The answer a JSON value holds for `question`, as [`answer_json`] writes it; `None` for
/// `null` or a value the question does not allow.
pub fn answer_of_json(question: &Question, value: &Json) -> Option<Value> {
    if value.is_null() {
        return None;
    }
    question.check(scalar_of_json(value)).ok()
}
