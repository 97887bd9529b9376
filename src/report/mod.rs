//! The decision record behind `idpfit report`: an assessment (with its what-if analysis) and the
//! answers it came from, arranged as the document a leadership team reads. The summary comes
//! first (the decision in one sentence, three reasons, time to value, cost, the top risk and
//! the ask), then the detail: how the options compare, what to fix first, time to value, cost,
//! consequences, checkpoints and when to revisit, what would change the decision, and the
//! answers as an appendix.
//!
//! The record is a view model: sections as data, built once and laid out by every format in
//! `render::report`, so the formats never disagree. Its sentences come from the questionnaire's
//! `[record]` data (see [`crate::model::record`]) and from the assessment; figures stay values
//! inside [`Phrase`]s for the renderers to format. Nothing is invented: durations are the
//! source's published ranges, scaled only as the data says, and amounts come only from the
//! answers. No I/O and no clock: the date is the caller's.

mod cost;
mod date;
mod follow_up;
mod phrase;
mod sensitivity;
mod summary;
mod time;

pub use cost::{Cost, CostOption};
pub use date::Date;
pub use follow_up::{Checkpoint, Revisit};
pub use phrase::{Part, Phrase, lower_first};
pub use sensitivity::{Sensitivity, Unknowns};
pub use summary::{Fix, Summary};
pub use time::{Fit, MilestoneRow, TimeToValue, Understaffed};

use crate::engine::answer_json::answer_of_json;
use crate::engine::{Assessment, EvidenceStatus, OptionStatus};
use crate::model::record::{RecordSpec, Template};
use crate::model::{Answers, Portal, Questionnaire, Recommendation, Value};

/// Whether the record is a proposal or an accepted decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Proposed,
    Accepted,
}

impl Status {
    pub fn id(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Accepted => "accepted",
        }
    }
}

/// Who wrote the record, when, and where it stands: given by the caller, never read from the
/// answers' surroundings, so the same inputs always give the same record.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub date: Date,
    pub status: Status,
    /// The people who answered or wrote it.
    pub authors: Vec<String>,
    pub approver: Option<String>,
}

/// A decision record, ready to render.
#[derive(Clone, Debug)]
pub struct DecisionRecord<'a> {
    pub meta: Meta,
    pub assessment: &'a Assessment,
    /// The organisation's name, when the answers give one.
    pub organisation: Option<String>,
    /// The answers file's name (no folders), for the appendix.
    pub file_name: String,
    pub summary: Summary,
    pub options: Vec<OptionRow>,
    pub dimensions: Vec<DimensionRow>,
    /// "Not yet": what to fix, and who fixes it.
    pub fixes: Vec<Fix>,
    pub core_questions: Vec<CoreItem>,
    /// Answers that cannot all be true, each in a sentence; empty when they agree.
    pub contradictions: Vec<String>,
    pub time_to_value: TimeToValue,
    pub cost: Option<Cost>,
    pub consequences: Consequences,
    /// About the portal run today; empty without one.
    pub migration: Vec<Phrase>,
    /// The assessment's advice for the situation.
    pub guidance: Vec<String>,
    pub checkpoints: Vec<Checkpoint>,
    pub revisit: Vec<Revisit>,
    pub sensitivity: Sensitivity<'a>,
    /// Every answer given, in questionnaire order.
    pub answers: Vec<AnswerRow>,
    /// With the scan's evidence: each answer against what the scan found.
    pub evidence: Option<EvidenceSection>,
}

/// The record's Evidence section: each answer the scan measured or looked for, marked
/// measured, self-reported or conflicting, in questionnaire order.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceSection {
    pub rows: Vec<EvidenceRow>,
    /// How many of the appendix's answers the scan does not look at: self-reported only.
    pub not_scanned: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceRow {
    /// `section.key`.
    pub id: String,
    pub prompt: String,
    pub status: EvidenceStatus,
    /// The answer given, in words.
    pub answered: String,
    /// The measured value in words; `None` when the scan could not measure it.
    pub measured: Option<String>,
    /// What the measured value rests on, or why there is none.
    pub evidence: Vec<String>,
    /// Why the two values agree although they differ, or whether the measured value was
    /// scored.
    pub note: Option<String>,
}

/// One option as the comparison shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OptionRow {
    pub option: Portal,
    pub score: f64,
    pub status: OptionStatus,
    /// Why it is excluded, when it is.
    pub excluded: Option<String>,
}

/// One of the four dimensions, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionRow {
    pub title: String,
    /// -100 (Port) to 100 (Backstage).
    pub lean: i32,
    /// The answer's effect that pushed it hardest that way, in words.
    pub why: String,
}

/// One of the five questions to settle before committing.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreItem {
    pub number: u8,
    pub title: String,
    /// Weak or missing answers; empty when the question is settled.
    pub findings: Vec<String>,
}

impl CoreItem {
    pub fn settled(&self) -> bool {
        self.findings.is_empty()
    }
}

/// What choosing means, beyond money.
#[derive(Clone, Debug, PartialEq)]
pub struct Consequences {
    /// Whose consequences these are (the recommended option, or the leaning one).
    pub option: Portal,
    pub gains: Vec<Phrase>,
    pub costs: Vec<Phrase>,
    /// "Not yet": what holding off gains and costs.
    pub waiting_gains: Vec<Phrase>,
    pub waiting_costs: Vec<Phrase>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    /// `section.key`.
    pub id: String,
    pub prompt: String,
    /// The answer in words.
    pub answer: String,
}

/// Why a questionnaire cannot make a record.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "questionnaire \"{0}\" has no [record] table, which the decision record needs: which answers \
     play which part and the record's sentences (copy it from the built-in questionnaire, \
     `questionnaires/idp-portal-v1.toml`, and adapt it)"
)]
pub struct NoRecordData(pub String);

impl<'a> DecisionRecord<'a> {
    /// Builds the record of `answers` and their assessment, which should carry its what-if
    /// analysis ([`crate::engine::Model::assess_with_what_if`]). `file` is the answers file as
    /// the user named it.
    pub fn new(
        file: &str,
        questionnaire: &Questionnaire,
        answers: &Answers,
        assessment: &'a Assessment,
        meta: Meta,
    ) -> Result<DecisionRecord<'a>, NoRecordData> {
        let spec = questionnaire
            .record
            .as_ref()
            .ok_or_else(|| NoRecordData(questionnaire.id.clone()))?;
        let facts = Facts::new(questionnaire, spec, answers);
        let option = assessment.leaning;
        let ready = assessment.recommendation != Recommendation::NotReady;
        let time_to_value = time::time_to_value(&facts, assessment);
        let cost = cost::cost(&facts, assessment);
        let fixes = summary::fixes(&facts, assessment);
        let summary = summary::summary(
            &facts,
            assessment,
            &meta,
            &time_to_value,
            cost.as_ref(),
            &fixes,
        );
        let checkpoints = follow_up::checkpoints(&facts, assessment, &time_to_value, meta.date);
        let revisit = follow_up::revisit(&facts, assessment, meta.date);
        let prose = spec.option(option);
        let slots = [("option", Part::from(option.name()))];
        let fill_all = |templates: &[Template]| -> Vec<Phrase> {
            templates.iter().map(|t| facts.fill(t, &slots)).collect()
        };
        let (gains, costs) = prose.consequences(facts.runs(option));
        let consequences = Consequences {
            option,
            gains: fill_all(gains),
            costs: fill_all(costs),
            waiting_gains: if ready {
                Vec::new()
            } else {
                fill_all(&spec.waiting.gains)
            },
            waiting_costs: if ready {
                Vec::new()
            } else {
                fill_all(&spec.waiting.costs)
            },
        };
        let answers = facts.rows();
        let current = facts.value(spec.roles.current_portal);
        let migration = spec
            .migrations
            .iter()
            .filter(|m| current == Some(&Value::Choice(m.from)) && m.to.contains(&option))
            .map(|m| facts.fill(&m.text, &slots))
            .collect();
        Ok(DecisionRecord {
            meta,
            assessment,
            organisation: assessment.organisation().map(str::to_string),
            file_name: std::path::Path::new(file)
                .file_name()
                .map_or_else(|| file.to_string(), |n| n.to_string_lossy().into_owned()),
            summary,
            options: options(assessment),
            dimensions: dimensions(assessment),
            fixes,
            core_questions: core_questions(questionnaire, assessment),
            contradictions: assessment
                .inconsistencies
                .iter()
                .map(|i| i.message.clone())
                .collect(),
            time_to_value,
            cost,
            consequences,
            migration,
            guidance: assessment
                .advice
                .iter()
                .map(|a| a.message.clone())
                .collect(),
            checkpoints,
            revisit,
            sensitivity: sensitivity::sensitivity(questionnaire, assessment),
            evidence: evidence(questionnaire, assessment, &answers),
            answers,
        })
    }
}

fn options(assessment: &Assessment) -> Vec<OptionRow> {
    assessment
        .options_by_score()
        .into_iter()
        .map(|option| OptionRow {
            option,
            score: assessment.scores.get(option),
            status: assessment.status(option),
            excluded: assessment
                .excluded
                .iter()
                .find(|e| e.option == option)
                .map(|e| e.reason.clone()),
        })
        .collect()
}

/// Each dimension's lean, with the effect that pushed it hardest in the direction it leans.
fn dimensions(assessment: &Assessment) -> Vec<DimensionRow> {
    assessment
        .dimensions
        .iter()
        .map(|dimension| {
            let direction = if dimension.lean < 0 { -1.0 } else { 1.0 };
            let why = assessment
                .rationale
                .iter()
                .filter(|r| r.dimension == Some(dimension.id))
                .map(|r| (r, (r.options.backstage - r.options.port) * direction))
                .filter(|(_, push)| *push > 0.0)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(r, _)| r.effect.clone());
            DimensionRow {
                title: dimension.title.clone(),
                lean: dimension.lean,
                why: why.unwrap_or_else(|| "No answer pushes it either way.".to_string()),
            }
        })
        .collect()
}

/// The Evidence section, when the assessment weighed the answers against a scan; `answers` are
/// the appendix's.
fn evidence(
    questionnaire: &Questionnaire,
    assessment: &Assessment,
    answers: &[AnswerRow],
) -> Option<EvidenceSection> {
    let items = assessment.evidence.as_ref()?;
    let rows: Vec<EvidenceRow> = questionnaire
        .questions
        .iter()
        .filter_map(|q| Some((q, items.get(&q.id)?)))
        .map(|(q, item)| {
            let words = |json: &serde_json::Value| answer_of_json(q, json).map(|v| q.label(&v));
            EvidenceRow {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                status: item.status,
                answered: words(&item.self_reported).unwrap_or_else(|| NOT_ANSWERED.to_string()),
                measured: words(&item.measured),
                evidence: item.evidence.clone(),
                note: item.note.clone(),
            }
        })
        .collect();
    Some(EvidenceSection {
        not_scanned: answers
            .iter()
            .filter(|a| !items.contains_key(&a.id))
            .count(),
        rows,
    })
}

/// How the record shows an answer the file leaves out.
const NOT_ANSWERED: &str = "not answered";

fn core_questions(questionnaire: &Questionnaire, assessment: &Assessment) -> Vec<CoreItem> {
    questionnaire
        .core_questions
        .iter()
        .map(|core| CoreItem {
            number: core.number,
            title: core.title.clone(),
            findings: assessment
                .open_questions
                .iter()
                .filter(|o| o.question == Some(core.number))
                .map(|o| o.finding.clone())
                .collect(),
        })
        .collect()
}

/// The answers, resolved for the record: values by question, and the record's data.
pub(crate) struct Facts<'q> {
    pub questionnaire: &'q Questionnaire,
    pub spec: &'q RecordSpec,
    values: Vec<Option<Value>>,
}

impl<'q> Facts<'q> {
    fn new(questionnaire: &'q Questionnaire, spec: &'q RecordSpec, answers: &Answers) -> Self {
        Facts {
            questionnaire,
            spec,
            values: answers.values.clone(),
        }
    }

    pub fn value(&self, index: usize) -> Option<&Value> {
        self.values.get(index)?.as_ref()
    }

    /// A known number.
    pub fn number(&self, index: usize) -> Option<f64> {
        self.value(index).and_then(Value::as_f64)
    }

    /// A given, non-empty text.
    pub fn text(&self, index: usize) -> Option<String> {
        match self.value(index)? {
            Value::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
            _ => None,
        }
    }

    /// The option the portal run today is, when its choice is named like one.
    pub fn current_option(&self) -> Option<Portal> {
        let index = self.spec.roles.current_portal;
        match self.value(index)? {
            Value::Choice(c) => {
                let choice = self.questionnaire.questions[index].kind.choices().get(*c)?;
                Portal::from_id(&choice.value)
            }
            _ => None,
        }
    }

    /// Whether `option` is the portal run today.
    pub fn runs(&self, option: Portal) -> bool {
        self.current_option() == Some(option)
    }

    /// Months already invested in `option` (zero unless it is the portal run today).
    pub fn invested_in(&self, option: Portal) -> f64 {
        if self.runs(option) {
            self.number(self.spec.roles.months_invested)
                .unwrap_or(0.0)
                .max(0.0)
        } else {
            0.0
        }
    }

    /// Fills a template of the record's data with the answers in words and `slots`.
    pub fn fill(&self, template: &Template, slots: &[(&str, Part)]) -> Phrase {
        phrase::fill(
            template,
            |id| {
                let index = self.questionnaire.index_of(id)?;
                let value = self.value(index)?;
                Some(self.questionnaire.questions[index].label(value))
            },
            slots,
        )
    }

    /// Every answer given or required where it applies, in questionnaire order.
    fn rows(&self) -> Vec<AnswerRow> {
        let known: Vec<Value> = self
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        self.questionnaire
            .questions
            .iter()
            .zip(&self.values)
            .filter(|(q, v)| v.is_some() || (q.applies(&known) && q.required))
            .map(|(q, v)| AnswerRow {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                answer: v
                    .as_ref()
                    .map_or_else(|| NOT_ANSWERED.to_string(), |v| q.label(v)),
            })
            .collect()
    }
}
