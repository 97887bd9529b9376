//! The scan's output read back as evidence (`idpfit score --evidence FILE`, and `report` and
//! `assess`): its JSON, or its TOML partial answers file, checked against the questionnaire
//! into an [`Evidence`] value the engine compares with the answers people gave.
//!
//! From JSON it reads `questionnaire`, `answers` (each `value` with its `evidence` lines) and
//! `not_measured`, and ignores the details the scan adds beside them. From TOML it reads the
//! answers with the answers-file loader, each answer's evidence from the comment lines directly
//! above it, and the "not measured" list from the comment block the scan writes. Every problem
//! is collected before failing, each at its place in the file where it can be found. A measured
//! answer must carry evidence: a file that only states values (an answers file passed by
//! mistake, say) is refused rather than taken as measured.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::report::{TOML_ITEM, TOML_NOT_MEASURED};
use crate::engine::answer_json::scalar_of_json;
use crate::engine::{Evidence, Measurement};
use crate::load::LoadOptions;
use crate::load::diagnostic::{Code, Diagnostics, Problem, did_you_mean, shorten};
use crate::model::{Answers, Questionnaire, Value};

/// Reads evidence from the text of `name`: JSON when it starts with `{`, TOML otherwise.
pub fn read(
    name: &str,
    text: &str,
    questionnaire: &Questionnaire,
) -> Result<Evidence, Diagnostics> {
    if text.trim_start().starts_with('{') {
        from_json(name, text, questionnaire)
    } else {
        from_toml(name, text, questionnaire)
    }
}

/// The part of the scan's JSON that evidence needs.
#[derive(Deserialize)]
struct JsonEvidence {
    questionnaire: String,
    answers: BTreeMap<String, JsonAnswer>,
    #[serde(default)]
    not_measured: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct JsonAnswer {
    #[serde(default)]
    evidence: Vec<String>,
    value: serde_json::Value,
}

fn from_json(
    name: &str,
    text: &str,
    questionnaire: &Questionnaire,
) -> Result<Evidence, Diagnostics> {
    let raw: JsonEvidence = serde_json::from_str(text).map_err(|error| {
        let at = offset_of(text, error.line(), error.column());
        let problem = Problem::new(
            Code::Syntax,
            format!("not the JSON `idpfit scan` writes: {error}"),
        )
        .at(at..at)
        .note("help: pass the output of `idpfit scan --format json` (or --format toml) unchanged");
        Diagnostics::single(name, text, problem)
    })?;
    let mut checker = Checker::new(questionnaire);
    if raw.questionnaire != questionnaire.id {
        let span = key_span(text, "questionnaire");
        checker.other_questionnaire(&raw.questionnaire, span);
    }
    for (id, answer) in &raw.answers {
        let span = key_span(text, id);
        let Some(index) = checker.question(id, span.clone()) else {
            continue;
        };
        let scalar = scalar_of_json(&answer.value);
        match questionnaire.questions[index].check(scalar) {
            Ok(value) => checker.measured(index, value, answer.evidence.clone(), span),
            Err(problem) => checker.problems.push(problem.at_opt(span)),
        }
    }
    for (id, reason) in &raw.not_measured {
        if let Some(index) = checker.question(id, key_span(text, id)) {
            checker.evidence.not_measured.push((index, reason.clone()));
        }
    }
    checker.finish(name, text)
}

fn from_toml(
    name: &str,
    text: &str,
    questionnaire: &Questionnaire,
) -> Result<Evidence, Diagnostics> {
    let answers = Answers::from_toml(name, text, questionnaire, LoadOptions { partial: true })?;
    let comments = TomlComments::read(text, questionnaire);
    let mut checker = Checker::new(questionnaire);
    for (index, value) in answers.values.iter().enumerate() {
        if let Some(value) = value {
            let (lines, span) = comments.above.get(&index).cloned().unwrap_or_default();
            checker.measured(index, value.clone(), lines, Some(span));
        }
    }
    checker.evidence.not_measured = comments.not_measured;
    checker.finish(name, text)
}

/// Collects what a file holds and every problem with it.
struct Checker<'q> {
    questionnaire: &'q Questionnaire,
    evidence: Evidence,
    problems: Vec<Problem>,
}

impl<'q> Checker<'q> {
    fn new(questionnaire: &'q Questionnaire) -> Self {
        Checker {
            questionnaire,
            evidence: Evidence::default(),
            problems: Vec::new(),
        }
    }

    fn other_questionnaire(&mut self, id: &str, span: Option<Range<usize>>) {
        self.problems.push(
            Problem::new(
                Code::OtherQuestionnaire,
                format!(
                    "this evidence is for questionnaire \"{}\", but the questionnaire in use is \"{}\"",
                    shorten(id),
                    self.questionnaire.id
                ),
            )
            .at_opt(span)
            .note("help: scan again with this version of idpfit, or pass the matching file with --questionnaire"),
        );
    }

    /// The index of question `id`, or `None` after reporting that there is no such question.
    fn question(&mut self, id: &str, span: Option<Range<usize>>) -> Option<usize> {
        let index = self.questionnaire.index_of(id);
        if index.is_none() {
            let ids = self.questionnaire.questions.iter().map(|q| q.id.as_str());
            let hint = did_you_mean(id, ids).map(|near| format!("help: did you mean `{near}`?"));
            self.problems.push(
                Problem::new(
                    Code::UnknownKey,
                    format!("`{}` is not a question of this questionnaire", shorten(id)),
                )
                .at_opt(span)
                .note_opt(hint),
            );
        }
        index
    }

    fn measured(
        &mut self,
        question: usize,
        value: Value,
        lines: Vec<String>,
        span: Option<Range<usize>>,
    ) {
        let id = &self.questionnaire.questions[question].id;
        if self.questionnaire.questions[question].measured.is_none() {
            self.problems.push(
                Problem::new(
                    Code::InvalidRule,
                    format!("`{id}` is not an answer the scan measures"),
                )
                .at_opt(span)
                .note("help: the questionnaire gives a question a `measured` rule when a measurement of it can be weighed against the answer; this one has none"),
            );
        } else if value.is_unknown() {
            self.problems.push(
                Problem::new(
                    Code::InvalidValue,
                    format!("`{id}` is \"unknown\": a measured answer has a value"),
                )
                .at_opt(span)
                .note("help: leave out what the scan did not measure"),
            );
        } else if lines.iter().all(|line| line.trim().is_empty()) {
            self.problems.push(
                Problem::new(Code::Missing, format!("`{id}` has no evidence"))
                    .at_opt(span)
                    .note("help: every answer `idpfit scan` measures comes with the lines it rests on (in TOML, as comments directly above it); pass the scan's output, not an answers file"),
            );
        } else {
            self.evidence.measured.push(Measurement {
                question,
                value,
                lines,
            });
        }
    }

    fn finish(mut self, name: &str, text: &str) -> Result<Evidence, Diagnostics> {
        self.evidence.measured.sort_by_key(|m| m.question);
        // A question listed twice (a TOML comment copied by hand) counts once, as first listed.
        self.evidence.not_measured.sort_by_key(|(q, _)| *q);
        self.evidence.not_measured.dedup_by_key(|(q, _)| *q);
        self.evidence
            .not_measured
            .retain(|(q, _)| !self.evidence.measured.iter().any(|m| m.question == *q));
        let mut diagnostics = Diagnostics::new(name, text);
        self.problems.into_iter().for_each(|p| diagnostics.push(p));
        diagnostics.into_result(self.evidence)
    }
}

/// Where `"key":` first appears in JSON text: the scan writes `answers` before `not_measured`
/// and `questionnaire`, so the first is the one a problem is about.
fn key_span(text: &str, key: &str) -> Option<Range<usize>> {
    let quoted = serde_json::Value::String(key.to_string()).to_string();
    let mut from = 0;
    while let Some(found) = text[from..].find(&quoted) {
        let start = from + found;
        let end = start + quoted.len();
        if text[end..].trim_start().starts_with(':') {
            return Some(start..end);
        }
        from = end;
    }
    None
}

/// The byte offset of a 1-based line and column, as serde_json reports them.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The comments of the scan's TOML output: the lines above each answer, and the "not
/// measured" block.
#[derive(Default)]
struct TomlComments {
    /// Per question: the comment lines directly above its answer, and the answer's line.
    above: BTreeMap<usize, (Vec<String>, Range<usize>)>,
    not_measured: Vec<(usize, String)>,
}

impl TomlComments {
    fn read(text: &str, questionnaire: &Questionnaire) -> TomlComments {
        let mut comments = TomlComments::default();
        let mut section = String::new();
        let mut pending: Vec<String> = Vec::new();
        let mut in_not_measured = false;
        let mut offset = 0;
        for raw in text.split_inclusive('\n') {
            let span = offset..offset + raw.trim_end().len();
            offset += raw.len();
            let line = raw.trim();
            if in_not_measured {
                match line.strip_prefix(TOML_ITEM) {
                    Some(item) => {
                        if let Some((id, reason)) = item.split_once(": ")
                            && let Some(index) = questionnaire.index_of(id.trim())
                        {
                            comments.not_measured.push((index, reason.to_string()));
                        }
                        continue;
                    }
                    None => in_not_measured = false,
                }
            }
            if line == TOML_NOT_MEASURED {
                in_not_measured = true;
                pending.clear();
            } else if let Some(comment) = line.strip_prefix('#') {
                pending.push(comment.strip_prefix(' ').unwrap_or(comment).to_string());
            } else if let Some(header) = line.strip_prefix('[') {
                section = header.trim_end_matches(']').trim().to_string();
                pending.clear();
            } else if let Some((key, _)) = line.split_once('=') {
                if let Some(index) = questionnaire.index_in(&section, key.trim()) {
                    comments
                        .above
                        .insert(index, (std::mem::take(&mut pending), span));
                }
                pending.clear();
            } else {
                pending.clear();
            }
        }
        comments
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;

    fn read_text(text: &str) -> Result<Evidence, String> {
        read("scan.json", text, &builtin::questionnaire()).map_err(|d| d.render())
    }

    fn id(index: usize) -> String {
        builtin::questionnaire().questions[index].id.clone()
    }

    #[test]
    fn json_gives_measured_values_with_their_lines_and_what_was_not_measured() {
        let text = r#"{
  "answers": {
    "current.custom_plugins": {"evidence": ["2 local packages", "portal/plugins/a"], "value": 2},
    "current.portal": {"evidence": ["portal/backstage.json: version 1.30.0"], "value": "backstage"}
  },
  "backstage": {"apps": []},
  "not_measured": {"platform.deploy_automation": "no production deploy jobs found"},
  "questionnaire": "idp-portal/1"
}"#;
        let evidence = read_text(text).unwrap();
        let measured: Vec<(String, Vec<String>)> = evidence
            .measured
            .iter()
            .map(|m| (id(m.question), m.lines.clone()))
            .collect();
        assert_eq!(
            measured,
            vec![
                (
                    "current.portal".to_string(),
                    vec!["portal/backstage.json: version 1.30.0".to_string()]
                ),
                (
                    "current.custom_plugins".to_string(),
                    vec![
                        "2 local packages".to_string(),
                        "portal/plugins/a".to_string()
                    ]
                ),
            ]
        );
        assert_eq!(evidence.measured[1].value, Value::Integer(2));
        assert_eq!(evidence.not_measured.len(), 1);
        assert_eq!(id(evidence.not_measured[0].0), "platform.deploy_automation");
    }

    #[test]
    fn every_problem_in_json_evidence_is_reported_where_it_is() {
        let text = r#"{
  "answers": {
    "current.portl": {"evidence": ["x"], "value": "backstage"},
    "current.custom_plugins": {"evidence": ["x"], "value": "two"},
    "current.months_invested": {"evidence": [], "value": 3}
  },
  "questionnaire": "idp-portal/9"
}"#;
        let shown = read_text(text).unwrap_err();
        assert!(
            shown.contains("`current.portl` is not a question"),
            "{shown}"
        );
        assert!(shown.contains("did you mean `current.portal`"), "{shown}");
        assert!(shown.contains("scan.json:4:5"), "{shown}");
        assert!(shown.contains("current.custom_plugins"), "{shown}");
        assert!(
            shown.contains("`current.months_invested` has no evidence"),
            "{shown}"
        );
        assert!(shown.contains("questionnaire \"idp-portal/9\""), "{shown}");
    }

    #[test]
    fn evidence_for_a_question_nothing_measures_is_refused() {
        let text = r#"{"answers": {"capacity.ownership": {"evidence": ["x"], "value": "dedicated_team"}}, "questionnaire": "idp-portal/1"}"#;
        let shown = read_text(text).unwrap_err();
        assert!(
            shown.contains("`capacity.ownership` is not an answer the scan measures"),
            "{shown}"
        );
    }

    #[test]
    fn broken_json_names_its_line() {
        let shown = read_text("{\n  \"answers\": [\n").unwrap_err();
        assert!(shown.contains("scan.json:2:"), "{shown}");
        assert!(
            shown.contains("not the JSON `idpfit scan` writes"),
            "{shown}"
        );
    }

    #[test]
    fn toml_evidence_is_the_comments_above_each_answer() {
        let text = "# Answers measured by `idpfit scan` in 1 repository.\n# A partial answers file.\nquestionnaire = \"idp-portal/1\"\n\n[current]\n# portal/backstage.json: Backstage app, version 1.30.0\n# portal: backend on the new system\nportal = \"backstage\"\n\n# Not measured (answer these yourself):\n#   current.custom_plugins: no local plugin packages\n\n# Warnings (1):\n#   a: b\n";
        let evidence = read("scan.toml", text, &builtin::questionnaire())
            .map_err(|d| d.render())
            .unwrap();
        assert_eq!(evidence.measured.len(), 1);
        assert_eq!(
            evidence.measured[0].lines,
            vec![
                "portal/backstage.json: Backstage app, version 1.30.0".to_string(),
                "portal: backend on the new system".to_string()
            ]
        );
        assert_eq!(
            evidence.not_measured,
            vec![(
                builtin::questionnaire()
                    .index_of("current.custom_plugins")
                    .unwrap(),
                "no local plugin packages".to_string()
            )]
        );
    }

    #[test]
    fn a_question_listed_twice_as_not_measured_counts_once() {
        let text = "questionnaire = \"idp-portal/1\"\n\n# Not measured (answer these yourself):\n#   integrations.stack: first\n#   integrations.stack: second\n";
        let evidence = read("scan.toml", text, &builtin::questionnaire())
            .map_err(|d| d.render())
            .unwrap();
        assert_eq!(evidence.not_measured.len(), 1);
        assert_eq!(evidence.not_measured[0].1, "first");
    }

    #[test]
    fn an_answers_file_is_not_evidence() {
        let text = "questionnaire = \"idp-portal/1\"\n\n[current]\nportal = \"backstage\"\n";
        let shown = read("answers.toml", text, &builtin::questionnaire())
            .map_err(|d| d.render())
            .unwrap_err();
        assert!(
            shown.contains("`current.portal` has no evidence"),
            "{shown}"
        );
        assert!(shown.contains("answers.toml:4:1"), "{shown}");
    }
}
