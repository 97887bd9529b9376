//! Answers files read into validated [`Answers`].
//!
//! Loading is two-phase. The TOML is parsed into a table that keeps the position of every key
//! and value; each entry is then checked against the questionnaire. Every problem is collected
//! (unknown sections and keys with a "did you mean", wrong types, values out of range or not
//! among the choices, all missing answers at once) before the file is rejected, each pointing at
//! its line and column. This module does not read files; the caller passes the text.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diagnostic::{Code, Diagnostics, Problem, did_you_mean, shorten, syntax_problem};
use super::scalar::{Scalar, place};
use crate::model::answers::Answers;
use crate::model::questionnaire::{Question, Questionnaire};
use crate::model::value::Value;

/// How strict loading is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Accept missing required answers; they are scored as unknown and reported as missing.
    pub partial: bool,
}

impl Answers {
    /// Parses and validates an answers file; `name` is how errors refer to it.
    pub fn from_toml(
        name: &str,
        source: &str,
        questionnaire: &Questionnaire,
        options: LoadOptions,
    ) -> Result<Answers, Diagnostics> {
        let table = DeTable::parse(source)
            .map_err(|e| Diagnostics::single(name, source, syntax_problem(source, &e)))?;
        let mut loader = Loader {
            questionnaire,
            problems: Vec::new(),
            values: vec![None; questionnaire.questions.len()],
            spans: vec![None; questionnaire.questions.len()],
            top_spans: Vec::new(),
            id: None,
            wrong_questionnaire: false,
        };
        let end = source.len();
        loader.top_level(table.get_ref(), table.span());
        // Answers written for another questionnaire are not checked key by key: every key
        // would be reported, drowning the one problem that matters.
        if !loader.wrong_questionnaire {
            loader.check_complete(options, end);
        } else {
            loader
                .problems
                .retain(|p| p.code == Code::OtherQuestionnaire);
        }
        // The parsed table is ordered by key; report in file order instead.
        loader
            .problems
            .sort_by_key(|p| p.span.as_ref().map_or(usize::MAX, |s| s.start));
        let answers = Answers {
            questionnaire: loader.id.unwrap_or_default(),
            values: loader.values,
        };
        let mut diagnostics = Diagnostics::new(name, source);
        loader
            .problems
            .into_iter()
            .for_each(|p| diagnostics.push(p));
        diagnostics.into_result(answers)
    }
}

struct Loader<'q> {
    questionnaire: &'q Questionnaire,
    problems: Vec<Problem>,
    values: Vec<Option<Value>>,
    /// Where each question's value sits in the file; set for invalid values too, so a key
    /// that is present but wrong is not also reported as missing.
    spans: Vec<Option<Range<usize>>>,
    /// Every top-level key (section headers included) and where it is written.
    top_spans: Vec<(String, Range<usize>)>,
    id: Option<String>,
    wrong_questionnaire: bool,
}

const QUESTIONNAIRE_KEY: &str = "questionnaire";

impl Loader<'_> {
    fn top_level(&mut self, table: &DeTable<'_>, whole: Range<usize>) {
        let mut saw_id = false;
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            self.top_spans.push((name.to_string(), key.span()));
            if name == QUESTIONNAIRE_KEY {
                saw_id = true;
                self.questionnaire_id(value);
            } else if self.questionnaire.section(name).is_some() {
                match value.get_ref() {
                    DeValue::Table(section) => self.section(name, section),
                    other => self.problems.push(
                        Problem::new(
                            Code::WrongType,
                            format!(
                                "`{name}` must be a section ([{name}]), found {}",
                                type_name(other)
                            ),
                        )
                        .at(key.span())
                        .note(format!("help: write the answers under a `[{name}]` header")),
                    ),
                }
            } else {
                self.problems.push(self.unknown_top_level(name, key.span()));
            }
        }
        // A misspelt `questionnaire` key was already reported with a "did you mean".
        let misspelt = self.top_spans.iter().any(|(name, _)| {
            name != QUESTIONNAIRE_KEY
                && self.questionnaire.section(name).is_none()
                && did_you_mean(name, [QUESTIONNAIRE_KEY]).is_some()
        });
        if !saw_id && !misspelt {
            self.problems.push(
                Problem::new(Code::Missing, format!("missing `{QUESTIONNAIRE_KEY}` key"))
                    .at(whole.start..whole.start)
                    .note(format!(
                        "help: add `{QUESTIONNAIRE_KEY} = \"{}\"` as the first line",
                        self.questionnaire.id
                    )),
            );
        }
    }

    fn questionnaire_id(&mut self, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::String(id) if id.as_ref() == self.questionnaire.id => {
                self.id = Some(id.to_string());
            }
            DeValue::String(id) => {
                self.wrong_questionnaire = true;
                self.problems.push(
                Problem::new(Code::OtherQuestionnaire, format!(
                    "these answers are for questionnaire \"{}\", but the questionnaire in use is \"{}\"",
                    shorten(id),
                    self.questionnaire.id
                ))
                .at(value.span())
                .label("different questionnaire")
                .note(format!(
                    "help: answer the \"{}\" questions (`idpfit template`), or pass the matching file with --questionnaire",
                    self.questionnaire.id
                )),
            );
            }
            other => self.problems.push(
                Problem::new(
                    Code::WrongType,
                    format!(
                        "`{QUESTIONNAIRE_KEY}` must be a string, found {}",
                        type_name(other)
                    ),
                )
                .at(value.span())
                .note(format!("expected \"{}\"", self.questionnaire.id)),
            ),
        }
    }

    fn unknown_top_level(&self, name: &str, span: Range<usize>) -> Problem {
        let problem = Problem::new(
            Code::UnknownKey,
            format!("unknown section `{}`", shorten(name)),
        )
        .at(span)
        .label("not a section of this questionnaire");
        // A question key written above every section header lands here.
        if let Some(question) = self.questionnaire.questions.iter().find(|q| q.key == name) {
            return problem.note(format!(
                "help: `{name}` belongs under [{}]: move it below that header",
                question.section
            ));
        }
        let sections = self.questionnaire.sections.iter().map(|s| s.id.as_str());
        match did_you_mean(name, sections.chain([QUESTIONNAIRE_KEY])) {
            Some(near) => problem.note(format!("help: did you mean `{near}`?")),
            None => problem.note(format!(
                "sections are: {}",
                self.questionnaire
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }

    fn section(&mut self, section: &str, table: &DeTable<'_>) {
        for (key, value) in table {
            let key_name = key.get_ref().as_ref();
            let Some(index) = self.questionnaire.index_in(section, key_name) else {
                self.problems
                    .push(self.unknown_key(section, key_name, key.span()));
                continue;
            };
            let question = &self.questionnaire.questions[index];
            self.spans[index] = Some(value.span());
            match question.check(scalar_of(value.get_ref())) {
                Ok(v) => self.values[index] = Some(v),
                Err(problem) => self.problems.push(place(problem, value.span())),
            }
        }
    }

    fn unknown_key(&self, section: &str, key: &str, span: Range<usize>) -> Problem {
        let problem = Problem::new(
            Code::UnknownKey,
            format!("unknown key `{}` in [{section}]", shorten(key)),
        )
        .at(span)
        .label("not a question of this section");
        let keys: Vec<&str> = self
            .questionnaire
            .questions_in(section)
            .map(|q| q.key.as_str())
            .collect();
        if let Some(near) = did_you_mean(key, keys.iter().copied()) {
            return problem.note(format!("help: did you mean `{near}`?"));
        }
        if let Some(elsewhere) = self.questionnaire.questions.iter().find(|q| q.key == key) {
            return problem.note(format!(
                "help: `{key}` belongs under [{}], not [{section}]",
                elsewhere.section
            ));
        }
        if self.questionnaire.section(key).is_some() {
            return problem.note(format!(
                "help: `{key}` is a section, not a key: start it with a `[{key}]` header on its own line and put its answers below"
            ));
        }
        problem.note(format!("keys of [{section}]: {}", keys.join(", ")))
    }

    /// Required answers that are absent, every all-or-nothing section half filled.
    ///
    /// Missing answers are reported where they belong: at the header of a section that is
    /// there but incomplete, and at the end of the file for sections left out entirely.
    fn check_complete(&mut self, options: LoadOptions, end: usize) {
        let resolved: Vec<Value> = self
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        let missing: Vec<&Question> = self
            .questionnaire
            .questions
            .iter()
            .zip(&self.spans)
            .filter(|(q, span)| span.is_none() && q.required && q.applies(&resolved))
            .map(|(q, _)| q)
            .collect();
        if !missing.is_empty() && !options.partial {
            let mut problems = Vec::new();
            let mut absent: Vec<&Question> = Vec::new();
            for section in &self.questionnaire.sections {
                let keys: Vec<&str> = missing
                    .iter()
                    .filter(|q| q.section == section.id)
                    .map(|q| q.key.as_str())
                    .collect();
                if keys.is_empty() {
                    continue;
                }
                match self.top_spans.iter().find(|(name, _)| *name == section.id) {
                    Some((_, span)) => problems.push(
                        Problem::new(
                            Code::Missing,
                            format!(
                                "{} required answer{} missing from [{}]: {}",
                                keys.len(),
                                if keys.len() == 1 { " is" } else { "s are" },
                                section.id,
                                keys.join(", ")
                            ),
                        )
                        .at(span.clone())
                        .label(format!("add {} under this header", keys.join(", "))),
                    ),
                    None => absent.extend(missing.iter().filter(|q| q.section == section.id)),
                }
            }
            if !absent.is_empty() {
                let sections: Vec<String> = self
                    .questionnaire
                    .sections
                    .iter()
                    .filter(|s| absent.iter().any(|q| q.section == s.id))
                    .map(|s| format!("[{}]", s.id))
                    .collect();
                problems.push(
                    Problem::new(
                        Code::Missing,
                        format!(
                            "{} required answer{} missing: {}",
                            absent.len(),
                            if absent.len() == 1 { " is" } else { "s are" },
                            absent
                                .iter()
                                .map(|q| q.id.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                    .at(end..end)
                    .label(format!(
                        "no {} section{} in this file",
                        sections.join(", "),
                        if sections.len() == 1 { "" } else { "s" }
                    )),
                );
            }
            if let Some(last) = problems.pop() {
                problems.push(
                    last.note("help: answer each one, or write \"unknown\" where you do not know; `idpfit template` lists every question")
                        .note("help: `idpfit score --partial` scores what is there and reports what is missing"),
                );
            }
            self.problems.extend(problems);
        }
        for section in self
            .questionnaire
            .sections
            .iter()
            .filter(|s| s.all_or_nothing)
        {
            // A detail counts toward "given" but may itself be absent.
            let members: Vec<(&Question, bool)> = self
                .questionnaire
                .questions
                .iter()
                .zip(&self.spans)
                .filter(|(q, _)| q.section == section.id)
                .map(|(q, span)| (q, span.is_some()))
                .collect();
            let given: Vec<&Question> = members.iter().filter(|m| m.1).map(|m| m.0).collect();
            let absent: Vec<&Question> = members
                .iter()
                .filter(|m| !m.1 && !m.0.detail)
                .map(|m| m.0)
                .collect();
            if !given.is_empty() && !absent.is_empty() {
                let span = given.iter().find_map(|q| {
                    self.questionnaire
                        .index_of(&q.id)
                        .and_then(|i| self.spans[i].clone())
                });
                self.problems.push(
                    Problem::new(
                        Code::Missing,
                        format!(
                            "[{}] is all or nothing, but {} {} missing",
                            section.id,
                            absent
                                .iter()
                                .map(|q| format!("`{}`", q.id))
                                .collect::<Vec<_>>()
                                .join(", "),
                            if absent.len() == 1 { "is" } else { "are" }
                        ),
                    )
                    .at_opt(span)
                    .note(format!(
                        "help: give every key of [{}] or remove the section",
                        section.id
                    )),
                );
            }
        }
    }
}

fn scalar_of<'a>(value: &'a DeValue<'_>) -> Scalar<'a> {
    match value {
        DeValue::String(s) => Scalar::Str(s.as_ref()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Scalar::Int(n),
            Err(_) => Scalar::Other("a whole number too large to read"),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(n) => Scalar::Float(n),
            Err(_) => Scalar::Other("a malformed number"),
        },
        DeValue::Boolean(b) => Scalar::Bool(*b),
        other => Scalar::Other(type_name(other)),
    }
}

fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn load(source: &str) -> Result<Answers, String> {
        Answers::from_toml(
            "a.toml",
            source,
            &testing::questionnaire(),
            LoadOptions::default(),
        )
        .map_err(|d| d.to_string())
    }

    /// The codes of the problems found in `source`, in file order.
    fn codes(source: &str) -> Vec<Code> {
        Answers::from_toml(
            "a.toml",
            source,
            &testing::questionnaire(),
            LoadOptions::default(),
        )
        .err()
        .map(|d| d.problems.iter().map(|p| p.code).collect())
        .unwrap_or_default()
    }

    #[test]
    fn answers_for_another_questionnaire_are_one_problem_with_its_code() {
        let codes = codes("questionnaire = \"other/2\"\n[capacity]\nownershp = 1\n[hostng]\n");
        assert_eq!(codes, vec![Code::OtherQuestionnaire]);
    }

    #[test]
    fn each_problem_carries_the_code_of_its_kind() {
        let codes = codes(
            "questionnaire = \"idp-portal/1\"\n[capacity]\nownrship = \"x\"\ndedicated_fte = \"2\"\n",
        );
        assert!(codes.contains(&Code::UnknownKey), "{codes:?}");
        assert!(codes.contains(&Code::WrongType), "{codes:?}");
        assert!(codes.contains(&Code::Missing), "{codes:?}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let err = load("questionnaire = \"idp-portal/1\"\n[capacity]\nownership = \"dedicated_tem\"\ndedicated_fte = -1\n[hostng]\nrequirement = \"x\"\n")
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("a.toml:3:13: \"dedicated_tem\" is not a choice of `capacity.ownership`"),
            "{err}"
        );
        assert!(err.contains("did you mean \"dedicated_team\""), "{err}");
        assert!(
            err.contains("a.toml:4:17: `capacity.dedicated_fte` = -1 is out of range"),
            "{err}"
        );
        assert!(
            err.contains("a.toml:5:2: unknown section `hostng`"),
            "{err}"
        );
        assert!(err.contains("did you mean `hosting`"), "{err}");
        assert!(
            err.contains(
                "a.toml:2:2: 2 required answers are missing from [capacity]: commitment, frontend_skills"
            ),
            "{err}"
        );
        assert!(
            err.contains("required answers are missing: integrations.stack"),
            "{err}"
        );
    }

    #[test]
    fn a_key_in_the_wrong_section_is_pointed_to_the_right_one() {
        let err = load("questionnaire = \"idp-portal/1\"\n[capacity]\nhorizon = \"quarterly\"\n")
            .err()
            .unwrap_or_default();
        assert!(
            err.contains("`horizon` belongs under [timeline], not [capacity]"),
            "{err}"
        );
    }

    #[test]
    fn a_half_given_cost_section_is_refused() {
        let source = format!(
            "{}\n[cost]\nengineer_annual_cost = 150000\n",
            testing::PORT_EXAMPLE
                .split("[cost]")
                .next()
                .unwrap_or_default()
        );
        let err = load(&source).err().unwrap_or_default();
        assert!(
            err.contains(
                "[cost] is all or nothing, but `cost.port_annual_subscription` is missing"
            ),
            "{err}"
        );
    }
}
