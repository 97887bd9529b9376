//! A JSON Schema (draft-07) of the answers file, generated from the questionnaire, so it
//! cannot drift from what `idpfit score` accepts.
//!
//! TOML editors with schema support (Taplo, and the Even Better TOML extension built on it)
//! validate and complete an answers file against it: every section and key, the choices of each
//! choice question, "unknown" where it is allowed, bounds, required keys, and no other keys.
//! Draft-07 is the draft editors' validators support most widely.
//!
//! What a schema cannot say exactly is said approximately, and the loader stays the authority:
//! a key required only when another answer makes it apply becomes required under that condition
//! (`if`/`then`); an all-or-nothing section requires each key but its details when any key is given. Integer
//! questions use JSON's "integer", which some validators also grant to `2.0`; the loader does not.

use serde_json::{Map, Value as Json, json};

use crate::engine::search::Combinations;
use crate::model::{Condition, Question, QuestionKind, Questionnaire, TextFormat, UNKNOWN};

/// The schema as pretty-printed JSON with a final newline: the text `idpfit schema` prints and
/// the committed copy holds.
pub fn answers_schema_text(questionnaire: &Questionnaire) -> String {
    crate::render::json::pretty(&answers_schema(questionnaire))
}

/// The schema of an answers file for `questionnaire`.
pub fn answers_schema(questionnaire: &Questionnaire) -> Json {
    let mut properties = Map::new();
    properties.insert(
        "questionnaire".to_string(),
        json!({
            "description": "Id and version of the questionnaire these answers belong to.",
            "const": questionnaire.id,
        }),
    );
    let mut required = vec![Json::String("questionnaire".to_string())];
    for section in &questionnaire.sections {
        let questions: Vec<&Question> = questionnaire.questions_in(&section.id).collect();
        let mut keys = Map::new();
        let mut section_required = Vec::new();
        for question in &questions {
            keys.insert(question.key.clone(), question_schema(question));
            if question.required && question.ask_if.is_none() {
                section_required.push(Json::String(question.key.clone()));
            }
        }
        let mut schema = Map::new();
        schema.insert(
            "description".to_string(),
            Json::String(join(&section.title, &section.intro)),
        );
        schema.insert("type".to_string(), json!("object"));
        schema.insert("properties".to_string(), Json::Object(keys));
        if !section_required.is_empty() {
            required.push(Json::String(section.id.clone()));
            schema.insert("required".to_string(), Json::Array(section_required));
        }
        if section.all_or_nothing {
            // Any key of the section needs every key that is not a detail.
            let dependent: Map<String, Json> = questions
                .iter()
                .map(|q| {
                    let others: Vec<Json> = questions
                        .iter()
                        .filter(|o| o.key != q.key && !o.detail)
                        .map(|o| Json::String(o.key.clone()))
                        .collect();
                    (q.key.clone(), Json::Array(others))
                })
                .collect();
            schema.insert("dependencies".to_string(), Json::Object(dependent));
        }
        schema.insert("additionalProperties".to_string(), json!(false));
        properties.insert(section.id.clone(), Json::Object(schema));
    }
    let conditional: Vec<Json> = questionnaire
        .questions
        .iter()
        .filter(|q| q.required)
        .filter_map(|q| {
            let condition = q.ask_if.as_ref()?;
            Some(json!({
                "if": condition_schema(questionnaire, condition),
                "then": {
                    "required": [q.section],
                    "properties": { q.section.clone(): { "required": [q.key] } },
                },
            }))
        })
        .collect();
    let mut schema = Map::new();
    schema.insert(
        "$schema".to_string(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    schema.insert(
        "title".to_string(),
        Json::String(format!(
            "idpfit answers: {} ({})",
            questionnaire.title, questionnaire.id
        )),
    );
    schema.insert(
        "description".to_string(),
        json!(
            "An answers file for idpfit, generated from its questionnaire by `idpfit schema`. \
             Any question that accepts \"unknown\" may be answered with it."
        ),
    );
    schema.insert("type".to_string(), json!("object"));
    schema.insert("properties".to_string(), Json::Object(properties));
    schema.insert("required".to_string(), Json::Array(required));
    schema.insert("additionalProperties".to_string(), json!(false));
    if !conditional.is_empty() {
        schema.insert("allOf".to_string(), Json::Array(conditional));
    }
    Json::Object(schema)
}

/// One key's schema: its description, the values it takes, and "unknown" where allowed.
fn question_schema(question: &Question) -> Json {
    let mut value = match &question.kind {
        QuestionKind::Choice(choices) => {
            let mut values: Vec<Json> = choices
                .iter()
                .map(|c| Json::String(c.value.clone()))
                .collect();
            let mut labels: Vec<Json> = choices
                .iter()
                .map(|c| Json::String(c.label.clone()))
                .collect();
            if question.unknown_allowed {
                values.push(Json::String(UNKNOWN.to_string()));
                labels.push(json!("Not known yet"));
            }
            let mut map = Map::new();
            map.insert("enum".to_string(), Json::Array(values));
            // Taplo shows these next to each choice when completing.
            map.insert(
                "x-taplo".to_string(),
                json!({ "docs": { "enumValues": labels } }),
            );
            map
        }
        QuestionKind::Bool => or_unknown(json!({ "type": "boolean" }), question),
        QuestionKind::Number {
            min,
            greater_than,
            max,
        } => {
            let mut map = Map::new();
            map.insert("type".to_string(), json!("number"));
            if let Some(min) = min {
                map.insert("minimum".to_string(), json!(min));
            }
            if let Some(greater_than) = greater_than {
                map.insert("exclusiveMinimum".to_string(), json!(greater_than));
            }
            if let Some(max) = max {
                map.insert("maximum".to_string(), json!(max));
            }
            or_unknown(Json::Object(map), question)
        }
        QuestionKind::Integer { min, max } => {
            let mut map = Map::new();
            map.insert("type".to_string(), json!("integer"));
            if let Some(min) = min {
                map.insert("minimum".to_string(), json!(min));
            }
            if let Some(max) = max {
                map.insert("maximum".to_string(), json!(max));
            }
            or_unknown(Json::Object(map), question)
        }
        QuestionKind::Text => {
            let mut map = Map::new();
            map.insert("type".to_string(), json!("string"));
            if let Some(max) = question.max_length {
                map.insert("maxLength".to_string(), json!(max));
            }
            if let Some(format) = question.format {
                // An empty text means "none"; otherwise the format's form.
                let pattern = match format {
                    TextFormat::Currency => "^([A-Z]{3})?$",
                };
                map.insert("pattern".to_string(), json!(pattern));
            }
            if !question.unknown_allowed {
                map.insert("not".to_string(), json!({ "const": UNKNOWN }));
            }
            map
        }
    };
    let mut description = join(&question.prompt, &question.help);
    if !question.required {
        description.push_str(" Optional.");
    }
    let mut out = Map::new();
    out.insert("description".to_string(), Json::String(description));
    out.append(&mut value);
    Json::Object(out)
}

/// The value schema as it is, or with "unknown" as an alternative when the question allows it.
fn or_unknown(schema: Json, question: &Question) -> Map<String, Json> {
    let mut map = Map::new();
    if question.unknown_allowed {
        map.insert(
            "anyOf".to_string(),
            json!([schema, { "const": UNKNOWN, "description": "Not known yet" }]),
        );
    } else if let Json::Object(inner) = schema {
        map = inner;
    }
    map
}

/// A condition over answers as a schema over the whole file. A leaf needs its answer present
/// (an absent or "unknown" answer never satisfies a condition, as in the engine).
fn condition_schema(questionnaire: &Questionnaire, condition: &Condition) -> Json {
    let leaf = |question: usize, value: Json| {
        let q = &questionnaire.questions[question];
        json!({
            "required": [q.section],
            "properties": { q.section.clone(): {
                "required": [q.key],
                "properties": { q.key.clone(): value },
            } },
        })
    };
    match condition {
        Condition::Choice { question, choices } => {
            let values: Vec<Json> = choices
                .iter()
                .filter_map(|&i| questionnaire.questions[*question].kind.choices().get(i))
                .map(|c| Json::String(c.value.clone()))
                .collect();
            leaf(*question, json!({ "enum": values }))
        }
        Condition::Flag { question, value } => leaf(*question, json!({ "const": value })),
        Condition::Empty { question, empty } => {
            let text = if *empty {
                json!({ "type": "string", "pattern": "^\\s*$" })
            } else {
                json!({ "type": "string", "pattern": "\\S", "not": { "const": UNKNOWN } })
            };
            leaf(*question, text)
        }
        Condition::Range {
            question,
            at_least,
            below,
        } => {
            let mut map = Map::new();
            map.insert("type".to_string(), json!("number"));
            if let Some(low) = at_least {
                map.insert("minimum".to_string(), json!(low));
            }
            if let Some(high) = below {
                map.insert("exclusiveMaximum".to_string(), json!(high));
            }
            leaf(*question, Json::Object(map))
        }
        Condition::Any(list) => json!({
            "anyOf": list.iter().map(|c| condition_schema(questionnaire, c)).collect::<Vec<_>>()
        }),
        Condition::All(list) => json!({
            "allOf": list.iter().map(|c| condition_schema(questionnaire, c)).collect::<Vec<_>>()
        }),
        // At least `count` of the conditions: any of the ways to pick `count` of them, all
        // holding.
        Condition::AtLeast { count, of } => json!({
            "anyOf": Combinations::new(of.len(), *count)
                .map(|picked| json!({
                    "allOf": picked
                        .iter()
                        .map(|&i| condition_schema(questionnaire, &of[i]))
                        .collect::<Vec<_>>()
                }))
                .collect::<Vec<_>>()
        }),
    }
}

fn join(first: &str, second: &str) -> String {
    if second.is_empty() {
        first.to_string()
    } else {
        format!("{first} {second}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn schema() -> Json {
        answers_schema(&builtin::questionnaire())
    }

    #[test]
    fn choices_list_unknown_only_where_allowed() {
        let schema = schema();
        let ownership = &schema["properties"]["capacity"]["properties"]["ownership"]["enum"];
        assert_eq!(
            ownership,
            &json!([
                "dedicated_team",
                "named_part_time",
                "whoever_has_time",
                "unknown"
            ])
        );
        let engineers = &schema["properties"]["organization"]["properties"]["engineers"];
        assert_eq!(engineers["type"], json!("integer"));
        assert_eq!(engineers["minimum"], json!(1));
        assert!(engineers.get("anyOf").is_none());
    }

    #[test]
    fn keys_that_apply_only_sometimes_are_required_only_then() {
        let schema = schema();
        let current = &schema["properties"]["current"];
        assert_eq!(current["required"], json!(["portal"]));
        let conditional = schema["allOf"].as_array().cloned().unwrap_or_default();
        assert_eq!(conditional.len(), 3);
        assert_eq!(
            conditional[0]["then"]["properties"]["current"]["required"],
            json!(["months_invested"])
        );
    }
}
