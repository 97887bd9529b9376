//! The decision record behind `idpfit report`: an assessment (with its what-if analysis) and
//! the answers it came from, arranged into the sections a leadership team reads: context, the
//! options and how they scored, the decision, its consequences, the five questions to settle,
//! time to value, migration and cost when they apply, what would change the decision, and
//! when to revisit it.
//!
//! The record is a view model: sections as data (text, numbers and enums), built once and laid
//! out by every format in `render::report`, so all formats say the same thing. Amounts of money
//! stay numbers here and are formatted, with the sentences that quote them, by the renderers.
//! Nothing is invented: durations are the domain facts of SPEC §2, and cost figures come only
//! from the answers. No I/O, no clock.

mod consequences;
mod cost;
mod migration;
mod sensitivity;
mod time;

pub use consequences::Consequences;
pub use cost::{CostComparison, CostRow};
pub use migration::Migration;
pub use sensitivity::{Sensitivity, unknowns_text};
pub use time::{Fit, Milestone, TimeToValue};

use crate::engine::{Assessment, Rationale};
use crate::model::{Answers, Portal, Question, Questionnaire, Recommendation, Value};

/// Drivers listed in the decision's rationale.
pub const TOP_DRIVERS: usize = 8;
/// Answers named in the context as the ones that mattered most.
pub const CONTEXT_DRIVERS: usize = 5;
/// Two-answer counterfactuals shown; the JSON output lists them all.
pub const SHOWN_PAIRS: usize = 8;
/// A decision record, ready to render.
#[derive(Clone, Debug)]
pub struct DecisionRecord<'a> {
    pub file: String,
    pub assessment: &'a Assessment,
    pub organisation: Option<String>,
    pub engineers: Option<String>,
    /// "Port", or "Not yet (leaning Port)".
    pub headline: String,
    /// One or two sentences stating the decision.
    pub decision: String,
    /// The readiness blockers to fix first; empty unless the recommendation is "not yet".
    pub fix_first: Vec<String>,
    /// The answers that moved the result most.
    pub mattered: Vec<AnswerRow>,
    /// The rationale lines shown as top drivers.
    pub drivers: &'a [Rationale],
    pub core_questions: Vec<CoreItem>,
    pub time_to_value: TimeToValue,
    pub consequences: Consequences,
    pub migration: Option<Migration>,
    pub cost: Option<CostComparison>,
    pub sensitivity: Sensitivity<'a>,
    pub revisit: Vec<String>,
    /// Every answer given, in questionnaire order.
    pub answers: Vec<AnswerRow>,
}

/// One of the five questions to settle before committing.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreItem {
    pub number: u8,
    pub title: String,
    pub text: String,
    /// The answers that bear on it.
    pub answers: Vec<AnswerRow>,
    /// Weak or missing answers; empty when the question is settled.
    pub findings: Vec<String>,
}

impl CoreItem {
    pub fn settled(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    /// `section.key`.
    pub id: String,
    pub prompt: String,
    /// The answer in words.
    pub answer: String,
}

impl<'a> DecisionRecord<'a> {
    /// Builds the record of `answers` (from `file`) and their assessment, which should carry
    /// its what-if analysis ([`crate::engine::Model::assess_with_what_if`]).
    pub fn new(
        file: &str,
        questionnaire: &Questionnaire,
        answers: &Answers,
        assessment: &'a Assessment,
    ) -> DecisionRecord<'a> {
        let facts = Facts::new(questionnaire, answers);
        let option = assessment.leaning;
        let ready = assessment.recommendation != Recommendation::NotReady;
        DecisionRecord {
            file: file.to_string(),
            assessment,
            organisation: assessment.organisation().map(str::to_string),
            engineers: assessment.context.get("organization.engineers").cloned(),
            headline: assessment.headline(),
            decision: decision(assessment),
            fix_first: if ready {
                Vec::new()
            } else {
                assessment
                    .blockers
                    .iter()
                    .map(|b| b.message.clone())
                    .collect()
            },
            mattered: assessment
                .rationale
                .iter()
                .take(CONTEXT_DRIVERS)
                .map(|r| AnswerRow {
                    id: r.answer.clone(),
                    prompt: questionnaire
                        .question(&r.answer)
                        .map_or_else(|| r.answer.clone(), |q| q.prompt.clone()),
                    answer: facts.label(&r.answer),
                })
                .collect(),
            drivers: &assessment.rationale[..assessment.rationale.len().min(TOP_DRIVERS)],
            core_questions: core_questions(questionnaire, &facts, assessment),
            time_to_value: time::time_to_value(facts.number("timeline.first_value_months"), option),
            consequences: consequences::consequences(option, ready),
            migration: migration::migration(&facts, assessment),
            cost: cost::cost(&facts),
            sensitivity: sensitivity::sensitivity(assessment),
            revisit: revisit(&facts, assessment),
            answers: facts.rows(|_| true),
        }
    }
}

/// The answers, resolved for reading: values and their words by question id.
pub(super) struct Facts<'q> {
    questionnaire: &'q Questionnaire,
    values: Vec<Option<Value>>,
}

impl<'q> Facts<'q> {
    pub(super) fn new(questionnaire: &'q Questionnaire, answers: &Answers) -> Facts<'q> {
        Facts {
            questionnaire,
            values: answers.values.clone(),
        }
    }

    pub(super) fn value(&self, id: &str) -> Option<&Value> {
        let index = self.questionnaire.index_of(id)?;
        self.values.get(index)?.as_ref()
    }

    /// A known number.
    pub(super) fn number(&self, id: &str) -> Option<f64> {
        self.value(id).and_then(Value::as_f64)
    }

    /// The file form of a known choice ("backstage").
    pub(super) fn choice(&self, id: &str) -> Option<String> {
        let question = self.questionnaire.question(id)?;
        match self.value(id)? {
            value @ Value::Choice(_) => Some(question.display(value)),
            _ => None,
        }
    }

    /// The answer in words, "not answered" when absent.
    pub(super) fn label(&self, id: &str) -> String {
        match (self.questionnaire.question(id), self.value(id)) {
            (Some(question), Some(value)) => question.label(value),
            _ => "not answered".to_string(),
        }
    }

    /// Rows for the given answers that are given or apply.
    pub(super) fn rows(&self, keep: impl Fn(&Question) -> bool) -> Vec<AnswerRow> {
        let known: Vec<Value> = self
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        self.questionnaire
            .questions
            .iter()
            .zip(&self.values)
            .filter(|(q, v)| keep(q) && (v.is_some() || (q.applies(&known) && q.required)))
            .map(|(q, v)| AnswerRow {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                answer: v
                    .as_ref()
                    .map_or_else(|| "not answered".to_string(), |v| q.label(v)),
            })
            .collect()
    }
}

fn decision(assessment: &Assessment) -> String {
    let option = assessment.leaning.name();
    match assessment.recommendation {
        Recommendation::NotReady => format!(
            "Not yet. The platform or the ownership underneath a portal is not ready, and a portal \
             would only make that visible. Fix the items below first; once they are fixed, the \
             answers lean to {option}."
        ),
        _ => format!(
            "Choose {option}. Confidence is {}: {}",
            assessment.confidence, assessment.confidence_reason
        ),
    }
}

fn core_questions(
    questionnaire: &Questionnaire,
    facts: &Facts<'_>,
    assessment: &Assessment,
) -> Vec<CoreItem> {
    questionnaire
        .core_questions
        .iter()
        .map(|core| CoreItem {
            number: core.number,
            title: core.title.clone(),
            text: core.text.clone(),
            answers: facts.rows(|q| q.serves.contains(&core.number)),
            findings: assessment
                .open_questions
                .iter()
                .filter(|o| o.question == Some(core.number))
                .map(|o| o.finding.clone())
                .collect(),
        })
        .collect()
}

fn revisit(facts: &Facts<'_>, assessment: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    if assessment.recommendation == Recommendation::NotReady {
        out.push(
            "As soon as the items to fix first are fixed: re-run the assessment before choosing."
                .to_string(),
        );
    }
    out.push(
        "Before 18 months of customisation accumulate. A mismatch between tool and capacity \
         usually shows by then, and every month and custom plugin makes a change of course \
         dearer."
            .to_string(),
    );
    out.push(format!(
        "When the capacity dedicated to the portal changes (today: {} FTE; {}).",
        facts.label("capacity.dedicated_fte"),
        facts.label("capacity.ownership").to_lowercase()
    ));
    out.push(format!(
        "When the hosting constraint changes (today: {}).",
        facts.label("hosting.requirement").to_lowercase()
    ));
    out.push(format!(
        "When leadership's timeline changes (today: value expected within {} months, judged {}).",
        facts.label("timeline.first_value_months"),
        facts.label("timeline.horizon").to_lowercase()
    ));
    match assessment.leaning {
        Portal::Port => out.push(
            "When the team runs into Port's customisation ceiling, or the toolchain moves away \
             from what ready-made connectors cover."
                .to_string(),
        ),
        Portal::Backstage => out.push(
            "If the team that owns Backstage shrinks below two engineers, or its funding stops \
             being multi-year."
                .to_string(),
        ),
        Portal::Hybrid => out.push(
            "If the list of Backstage plugins behind the documented gap grows past a handful: \
             then run one tool."
                .to_string(),
        ),
    }
    for unknown in &assessment.unknowns {
        out.push(format!("When {} is known.", unknown.answer));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::Model;
    use crate::testing::{BACKSTAGE_EXAMPLE, PORT_EXAMPLE, answers, with};

    /// Builds the record of `answers` and hands it to `check`.
    fn with_record(answers: &Answers, check: impl FnOnce(&DecisionRecord<'_>)) {
        let questionnaire = builtin::questionnaire();
        let weights = builtin::weights();
        let assessment = Model::new(&questionnaire, &weights).assess_with_what_if(answers);
        check(&DecisionRecord::new(
            "answers.toml",
            &questionnaire,
            answers,
            &assessment,
        ));
    }

    #[test]
    fn the_record_says_which_unknown_decides_it() {
        let unknown = with(&answers(PORT_EXAMPLE), "hosting.requirement", "\"unknown\"");
        with_record(&unknown, |record| {
            let text = record.sensitivity.unknowns_text.join(" ");
            assert!(
                text.contains("hosting.requirement decides it: must_self_host gives Backstage"),
                "{text}"
            );
            assert!(
                record
                    .revisit
                    .iter()
                    .any(|r| r == "When hosting.requirement is known.")
            );
        });
        let harmless = with(
            &answers(PORT_EXAMPLE),
            "integrations.custom_ui",
            "\"unknown\"",
        );
        with_record(&harmless, |record| {
            assert_eq!(
                record.sensitivity.unknowns_text,
                vec![
                    "The recommendation holds whatever the unknown answers turn out to be \
                     (integrations.custom_ui)."
                        .to_string()
                ]
            );
        });
    }

    #[test]
    fn cost_uses_only_the_answers_and_states_the_fte_it_assumes() {
        with_record(&answers(PORT_EXAMPLE), |record| {
            let Some(cost) = &record.cost else {
                panic!("the Port example gives costs");
            };
            let row = |label: &str| {
                cost.rows
                    .iter()
                    .find(|r| r.label.starts_with(label))
                    .map(CostRow::two_years)
            };
            // 1 FTE at 160,000 a year; a 55,000 a year quote.
            assert_eq!(row("Backstage, built"), Some((320_000.0, 320_000.0)));
            assert_eq!(row("Backstage, at the 2-3"), Some((640_000.0, 960_000.0)));
            assert_eq!(row("Port, total"), Some((430_000.0, 430_000.0)));
        });
        // No [cost] section, no comparison.
        with_record(&answers(BACKSTAGE_EXAMPLE), |record| {
            assert!(record.cost.is_none());
        });
    }

    #[test]
    fn migration_appears_only_with_a_current_portal() {
        with_record(&answers(PORT_EXAMPLE), |record| {
            assert!(record.migration.is_none());
        });
        let on_backstage = with(&answers(PORT_EXAMPLE), "current.portal", "\"backstage\"");
        let on_backstage = with(&on_backstage, "current.months_invested", "8");
        let on_backstage = with(&on_backstage, "current.custom_plugins", "3");
        with_record(&on_backstage, |record| {
            let Some(migration) = &record.migration else {
                panic!("a current portal needs a migration section");
            };
            assert_eq!(migration.current, "Backstage");
            let text = migration.paragraphs.join(" ");
            assert!(
                text.contains("the catalog data moves; the 3 custom plugins do not"),
                "{text}"
            );
        });
    }
}
