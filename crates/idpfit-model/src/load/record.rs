//! The `[record]` table of a questionnaire file, read into a checked [`RecordSpec`]: every role
//! must name a question of the type it plays, every sentence may quote only real answers and the
//! slots its place in the record fills, every option has its prose, and the areas end with one
//! that covers the rest. Every problem is collected, with the position of what it is about.
//!
//! A questionnaire without `[record]` loads (scoring needs none of it); `idpfit report` then
//! refuses it with a message that says what is missing.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::condition::{RawCondition, unknown_question};
use super::diagnostic::{Code, Problem, did_you_mean};
use super::names;
use crate::model::domain::{Portal, Recommendation};
use crate::model::question::quoted_list;
use crate::model::questionnaire::{QuestionKind, Questionnaire};
use crate::model::record::{
    Area, DecisionRule, MigrationProse, Milestone, OptionProse, Piece, RecordSpec, RecordWords,
    RevisitRule, Roles, RunningProse, Template, WaitingProse,
};

/// Weeks in a month, to put weeks on the record's month scale.
const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRecord {
    roles: BTreeMap<String, Spanned<String>>,
    reassess_months: u32,
    regret_months: u32,
    success_month: u32,
    #[serde(default)]
    decisions: Vec<RawDecision>,
    options: BTreeMap<String, Spanned<RawOption>>,
    waiting: RawWaiting,
    areas: Vec<Spanned<RawArea>>,
    milestones: Vec<Spanned<RawMilestone>>,
    #[serde(default)]
    migrations: Vec<RawMigration>,
    revisit: Vec<RawRevisit>,
    words: BTreeMap<String, Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDecision {
    recommendation: Vec<Spanned<String>>,
    when: Option<Spanned<RawCondition>>,
    decision: Spanned<String>,
    ask_people: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    decision: Spanned<String>,
    risk: Spanned<String>,
    gains: Vec<Spanned<String>>,
    costs: Vec<Spanned<String>>,
    #[serde(default)]
    running: RawRunning,
    revisit: Spanned<String>,
    ask_people: Spanned<String>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRunning {
    gains: Option<Vec<Spanned<String>>>,
    costs: Option<Vec<Spanned<String>>>,
    risk: Option<Spanned<String>>,
}

impl RawRunning {
    /// Each sentence given, checked like the option's own.
    fn check(&self, questionnaire: &Questionnaire, problems: &mut Vec<Problem>) -> RunningProse {
        let mut all =
            |texts: &[Spanned<String>]| templates(texts, OPTION_SLOTS, questionnaire, problems);
        RunningProse {
            gains: self.gains.as_deref().map(&mut all),
            costs: self.costs.as_deref().map(&mut all),
            risk: self
                .risk
                .as_ref()
                .map(|text| template(text, OPTION_SLOTS, questionnaire, problems)),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWaiting {
    decision: Spanned<String>,
    risk: Spanned<String>,
    gains: Vec<Spanned<String>>,
    costs: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArea {
    #[serde(default)]
    sections: Vec<Spanned<String>>,
    problem: String,
    owner: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    option: Spanned<String>,
    what: String,
    short: String,
    weeks: Option<[f64; 2]>,
    months: Option<[f64; 2]>,
    staffed: Option<[f64; 2]>,
    #[allow(dead_code)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMigration {
    from: Spanned<String>,
    to: Vec<Spanned<String>>,
    text: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevisit {
    text: Spanned<String>,
    when: Option<Spanned<RawCondition>>,
    #[serde(default)]
    at_regret_mark: bool,
}

/// The roles, each with the question types that can play it.
const ROLES: &[(&str, Kind)] = &[
    ("organisation", Kind::Text),
    ("fte", Kind::Number),
    ("deadline", Kind::Number),
    ("metric", Kind::Text),
    ("baseline_known", Kind::Bool),
    ("success", Kind::Text),
    ("owner", Kind::Text),
    ("current_portal", Kind::Choice),
    ("months_invested", Kind::Number),
    ("engineer_cost", Kind::Number),
    ("subscription", Kind::Number),
    ("currency", Kind::Text),
    ("port_fte", Kind::Number),
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Number,
    Bool,
    Choice,
}

impl Kind {
    fn fits(self, kind: &QuestionKind) -> bool {
        matches!(
            (self, kind),
            (Kind::Text, QuestionKind::Text)
                | (
                    Kind::Number,
                    QuestionKind::Number { .. } | QuestionKind::Integer { .. }
                )
                | (Kind::Bool, QuestionKind::Bool)
                | (Kind::Choice, QuestionKind::Choice(_))
        )
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Text => "a text",
            Kind::Number => "a number or integer",
            Kind::Bool => "a bool",
            Kind::Choice => "a choice",
        }
    }
}

/// Every sentence of `[record.words]`, with the slots it may fill.
const WORDS: &[(&str, &[&str])] = &[
    ("scaled", &["staffed", "fte", "option"]),
    ("invested", &["months", "option"]),
    ("after_readiness", &["deadline"]),
    ("time_summary", &["option", "milestone", "months", "status"]),
    ("time_summary_waiting", &["leaning", "milestone", "months"]),
    (
        "time_summary_understaffed",
        &[
            "option",
            "milestone",
            "months",
            "status",
            "fte",
            "staffed",
            "staffed_months",
        ],
    ),
    ("cost_figures", &["engineer_cost", "subscription"]),
    ("cost_backstage", &["fte"]),
    ("cost_backstage_understaffed", &["fte", "staffed"]),
    ("cost_port", &["port_fte"]),
    ("cost_port_range", &["fte"]),
    ("cost_port_unstaffed", &[]),
    ("cost_hybrid", &["fte"]),
    ("cost_hybrid_unstaffed", &[]),
    ("break_even", &["break_even", "subscription"]),
    (
        "break_even_per_fte",
        &["break_even", "subscription", "engineer_cost"],
    ),
    ("never_cheaper", &[]),
    ("cost_summary", &["option", "per_year", "two_years"]),
    ("ask_budget", &["per_year", "two_years"]),
    ("ask_budget_unknown", &[]),
    ("ask_date", &["milestone", "date"]),
    ("ask_fix", &["fix", "owner"]),
    ("ask_reassess", &["date"]),
    ("risk_unknown", &["question"]),
    ("risk_low_confidence", &["reason"]),
    ("risk_contradiction", &["message"]),
    ("baseline_known", &[]),
    ("baseline_unknown", &[]),
    ("no_metric", &[]),
    ("no_owner", &[]),
    ("reassess_target", &[]),
    ("revisit_unknown", &["question"]),
];

/// Checks `text` and returns it as a template: every `{section.key}` names a question, every
/// other `{name}` is one of `slots`.
fn template(
    text: &Spanned<String>,
    slots: &[&str],
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) -> Template {
    let template = Template(text.get_ref().clone());
    for piece in template.pieces() {
        match piece {
            Piece::Answer(id) if questionnaire.index_of(id).is_none() => {
                problems.push(unknown_question(questionnaire, id, text.span()));
            }
            Piece::Slot(name) if !slots.contains(&name) => {
                let hint = did_you_mean(name, slots.iter().copied());
                problems.push(
                    Problem::new(
                        Code::UnknownName,
                        format!("`{{{name}}}` cannot be filled in this sentence"),
                    )
                    .at(text.span())
                    .note_opt(hint.map(|h| format!("help: did you mean `{{{h}}}`?")))
                    .note(if slots.is_empty() {
                        "this sentence may quote answers (`{section.key}`) but has no slots"
                            .to_string()
                    } else {
                        format!(
                            "slots here: {}; answers are quoted as `{{section.key}}`",
                            slots
                                .iter()
                                .map(|s| format!("{{{s}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    }),
                );
            }
            _ => {}
        }
    }
    template
}

fn templates(
    texts: &[Spanned<String>],
    slots: &[&str],
    questionnaire: &Questionnaire,
    problems: &mut Vec<Problem>,
) -> Vec<Template> {
    texts
        .iter()
        .map(|t| template(t, slots, questionnaire, problems))
        .collect()
}

/// The slots of an option's or the waiting prose's sentences.
const OPTION_SLOTS: &[&str] = &["option"];
const DECISION_SLOTS: &[&str] = &["option", "leaning", "problems"];

impl RawRecord {
    /// Checks the record against the questionnaire; `whole` is where `[record]` is written,
    /// for problems that belong to no single key. `None` when anything is wrong.
    pub(super) fn validate(
        self,
        questionnaire: &Questionnaire,
        whole: Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<RecordSpec> {
        let before = problems.len();
        let roles = self.roles(questionnaire, &whole, problems);
        let decisions = self
            .decisions
            .iter()
            .map(|d| DecisionRule {
                recommendation: d
                    .recommendation
                    .iter()
                    .filter_map(|r| recommendation(r, problems))
                    .collect(),
                when: d
                    .when
                    .as_ref()
                    .and_then(|c| c.get_ref().compile(questionnaire, c.span(), problems)),
                decision: template(&d.decision, DECISION_SLOTS, questionnaire, problems),
                ask_people: d
                    .ask_people
                    .as_ref()
                    .map(|a| template(a, &["fte", "option"], questionnaire, problems)),
            })
            .collect();
        let options = self.options(questionnaire, &whole, problems);
        let waiting = WaitingProse {
            decision: template(
                &self.waiting.decision,
                DECISION_SLOTS,
                questionnaire,
                problems,
            ),
            risk: template(&self.waiting.risk, OPTION_SLOTS, questionnaire, problems),
            gains: templates(&self.waiting.gains, OPTION_SLOTS, questionnaire, problems),
            costs: templates(&self.waiting.costs, OPTION_SLOTS, questionnaire, problems),
        };
        let areas = self.areas(questionnaire, &whole, problems);
        let milestones = self.milestones(problems);
        let migrations = self.migrations(questionnaire, roles.as_ref(), problems);
        let revisit = self
            .revisit
            .iter()
            .map(|r| RevisitRule {
                text: template(&r.text, OPTION_SLOTS, questionnaire, problems),
                when: r
                    .when
                    .as_ref()
                    .and_then(|c| c.get_ref().compile(questionnaire, c.span(), problems)),
                at_regret_mark: r.at_regret_mark,
            })
            .collect();
        let words = self.words(questionnaire, &whole, problems);
        if problems.len() > before {
            return None;
        }
        Some(RecordSpec {
            roles: roles?,
            reassess_months: self.reassess_months,
            regret_months: self.regret_months,
            success_month: self.success_month,
            decisions,
            options: options?,
            waiting,
            areas,
            milestones,
            migrations,
            revisit,
            words: words?,
        })
    }

    fn roles(
        &self,
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Roles> {
        for (name, value) in &self.roles {
            if !ROLES.iter().any(|(role, _)| role == name) {
                let hint = did_you_mean(name, ROLES.iter().map(|(r, _)| *r));
                problems.push(
                    Problem::new(Code::UnknownKey, format!("unknown role `{name}`"))
                        .at(value.span())
                        .note_opt(hint.map(|h| format!("help: did you mean `{h}`?")))
                        .note(format!(
                            "roles: {}",
                            quoted_list(ROLES.iter().map(|(r, _)| *r))
                        )),
                );
            }
        }
        let mut found = Vec::new();
        for (role, kind) in ROLES {
            let Some(id) = self.roles.get(*role) else {
                problems.push(
                    Problem::new(
                        Code::Missing,
                        format!("[record.roles] has no `{role}`"),
                    )
                    .at(whole.clone())
                    .note(format!(
                        "help: name the question that plays it: `{role} = \"section.key\"` ({})",
                        kind.name()
                    )),
                );
                continue;
            };
            match questionnaire.index_of(id.get_ref()) {
                None => problems.push(unknown_question(questionnaire, id.get_ref(), id.span())),
                Some(index) if !kind.fits(&questionnaire.questions[index].kind) => problems.push(
                    Problem::new(
                        Code::InvalidRule,
                        format!(
                            "role `{role}` needs {} question, and `{}` is of type {}",
                            kind.name(),
                            id.get_ref(),
                            questionnaire.questions[index].kind.name()
                        ),
                    )
                    .at(id.span()),
                ),
                Some(index) => found.push(index),
            }
        }
        let [
            organisation,
            fte,
            deadline,
            metric,
            baseline_known,
            success,
            owner,
            current_portal,
            months_invested,
            engineer_cost,
            subscription,
            currency,
            port_fte,
        ] = found[..]
        else {
            return None;
        };
        Some(Roles {
            organisation,
            fte,
            deadline,
            metric,
            baseline_known,
            success,
            owner,
            current_portal,
            months_invested,
            engineer_cost,
            subscription,
            currency,
            port_fte,
        })
    }

    fn options(
        &self,
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<[OptionProse; 3]> {
        for (name, value) in &self.options {
            let id = Spanned::new(value.span(), name.clone());
            names::portal(&id, problems);
        }
        let mut prose = Vec::new();
        for portal in Portal::ALL {
            let Some(raw) = self.options.get(portal.id()) else {
                problems.push(
                    Problem::new(
                        Code::Missing,
                        format!("[record.options] has no `{}`", portal.id()),
                    )
                    .at(whole.clone())
                    .note("help: every option needs its decision, risk, gains, costs, revisit and ask_people"),
                );
                continue;
            };
            let raw = raw.get_ref();
            prose.push(OptionProse {
                decision: template(&raw.decision, DECISION_SLOTS, questionnaire, problems),
                risk: template(&raw.risk, OPTION_SLOTS, questionnaire, problems),
                gains: templates(&raw.gains, OPTION_SLOTS, questionnaire, problems),
                costs: templates(&raw.costs, OPTION_SLOTS, questionnaire, problems),
                running: raw.running.check(questionnaire, problems),
                revisit: template(&raw.revisit, OPTION_SLOTS, questionnaire, problems),
                ask_people: template(
                    &raw.ask_people,
                    &["staffing", "fte", "option"],
                    questionnaire,
                    problems,
                ),
            });
        }
        prose.try_into().ok()
    }

    fn areas(
        &self,
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Vec<Area> {
        let last = self.areas.len().saturating_sub(1);
        let areas: Vec<Area> = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, raw)| {
                let area = raw.get_ref();
                for section in &area.sections {
                    if questionnaire.section(section.get_ref()).is_none() {
                        let hint = did_you_mean(
                            section.get_ref(),
                            questionnaire.sections.iter().map(|s| s.id.as_str()),
                        );
                        problems.push(
                            Problem::new(
                                Code::UnknownName,
                                format!("no section `{}` in this questionnaire", section.get_ref()),
                            )
                            .at(section.span())
                            .note_opt(hint.map(|h| format!("help: did you mean `{h}`?"))),
                        );
                    }
                }
                if area.sections.is_empty() != (i == last) {
                    problems.push(
                        Problem::new(
                            Code::InvalidRule,
                            "only the last of [[record.areas]] may leave out `sections`, and it must",
                        )
                        .at(raw.span())
                        .note("the last area covers blockers from every section the others do not name"),
                    );
                }
                Area {
                    sections: area.sections.iter().map(|s| s.get_ref().clone()).collect(),
                    problem: area.problem.clone(),
                    owner: template(&area.owner, &[], questionnaire, problems),
                }
            })
            .collect();
        if areas.is_empty() {
            problems.push(
                Problem::new(Code::Missing, "[record] has no [[record.areas]]")
                    .at(whole.clone())
                    .note("help: end with an area without `sections`, which covers every blocker"),
            );
        }
        areas
    }

    fn milestones(&self, problems: &mut Vec<Problem>) -> Vec<Milestone> {
        self.milestones
            .iter()
            .filter_map(|raw| {
                let span = raw.span();
                let m = raw.get_ref();
                let option = names::portal(&m.option, problems)?;
                let (months, in_weeks) = match (m.weeks, m.months) {
                    (Some([lo, hi]), None) => ((lo / WEEKS_PER_MONTH, hi / WEEKS_PER_MONTH), true),
                    (None, Some([lo, hi])) => ((lo, hi), false),
                    _ => {
                        problems.push(
                            Problem::new(
                                Code::InvalidRule,
                                "a milestone needs `weeks = [low, high]` or `months = [low, high]`, not both",
                            )
                            .at(span),
                        );
                        return None;
                    }
                };
                let ranges = [Some(months), m.staffed.map(|[a, b]| (a, b))];
                let bad = ranges
                    .iter()
                    .flatten()
                    .any(|(lo, hi)| !(lo.is_finite() && hi.is_finite() && *lo > 0.0 && lo <= hi));
                if bad {
                    problems.push(
                        Problem::new(
                            Code::InvalidValue,
                            "a milestone's ranges must be positive, low first",
                        )
                        .at(span),
                    );
                    return None;
                }
                Some(Milestone {
                    option,
                    what: m.what.clone(),
                    short: m.short.clone(),
                    months,
                    in_weeks,
                    staffed: m.staffed.map(|[a, b]| (a, b)),
                })
            })
            .collect()
    }

    fn migrations(
        &self,
        questionnaire: &Questionnaire,
        roles: Option<&Roles>,
        problems: &mut Vec<Problem>,
    ) -> Vec<MigrationProse> {
        let Some(roles) = roles else {
            return Vec::new();
        };
        let current = &questionnaire.questions[roles.current_portal];
        let choices = current.kind.choices();
        self.migrations
            .iter()
            .filter_map(|raw| {
                let from = choices.iter().position(|c| &c.value == raw.from.get_ref());
                if from.is_none() {
                    problems.push(
                        Problem::new(
                            Code::UnknownName,
                            format!(
                                "\"{}\" is not a choice of `{}`",
                                raw.from.get_ref(),
                                current.id
                            ),
                        )
                        .at(raw.from.span())
                        .note(format!(
                            "choices: {}",
                            quoted_list(choices.iter().map(|c| c.value.as_str()))
                        )),
                    );
                }
                let to = raw
                    .to
                    .iter()
                    .filter_map(|t| names::portal(t, problems))
                    .collect();
                let text = template(&raw.text, OPTION_SLOTS, questionnaire, problems);
                Some(MigrationProse {
                    from: from?,
                    to,
                    text,
                })
            })
            .collect()
    }

    fn words(
        &self,
        questionnaire: &Questionnaire,
        whole: &Range<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<RecordWords> {
        for (name, value) in &self.words {
            if !WORDS.iter().any(|(w, _)| w == name) {
                let hint = did_you_mean(name, WORDS.iter().map(|(w, _)| *w));
                problems.push(
                    Problem::new(
                        Code::UnknownKey,
                        format!("unknown sentence `{name}` in [record.words]"),
                    )
                    .at(value.span())
                    .note_opt(hint.map(|h| format!("help: did you mean `{h}`?"))),
                );
            }
        }
        let mut found = BTreeMap::new();
        for (name, slots) in WORDS {
            match self.words.get(*name) {
                Some(text) => {
                    found.insert(*name, template(text, slots, questionnaire, problems));
                }
                None => problems.push(
                    Problem::new(Code::Missing, format!("[record.words] has no `{name}`"))
                        .at(whole.clone()),
                ),
            }
        }
        let mut take = |name: &str| found.remove(name);
        Some(RecordWords {
            scaled: take("scaled")?,
            invested: take("invested")?,
            after_readiness: take("after_readiness")?,
            time_summary: take("time_summary")?,
            time_summary_waiting: take("time_summary_waiting")?,
            time_summary_understaffed: take("time_summary_understaffed")?,
            cost_figures: take("cost_figures")?,
            cost_backstage: take("cost_backstage")?,
            cost_backstage_understaffed: take("cost_backstage_understaffed")?,
            cost_port: take("cost_port")?,
            cost_port_range: take("cost_port_range")?,
            cost_port_unstaffed: take("cost_port_unstaffed")?,
            cost_hybrid: take("cost_hybrid")?,
            cost_hybrid_unstaffed: take("cost_hybrid_unstaffed")?,
            break_even: take("break_even")?,
            break_even_per_fte: take("break_even_per_fte")?,
            never_cheaper: take("never_cheaper")?,
            cost_summary: take("cost_summary")?,
            ask_budget: take("ask_budget")?,
            ask_budget_unknown: take("ask_budget_unknown")?,
            ask_date: take("ask_date")?,
            ask_fix: take("ask_fix")?,
            ask_reassess: take("ask_reassess")?,
            risk_unknown: take("risk_unknown")?,
            risk_low_confidence: take("risk_low_confidence")?,
            risk_contradiction: take("risk_contradiction")?,
            baseline_known: take("baseline_known")?,
            baseline_unknown: take("baseline_unknown")?,
            no_metric: take("no_metric")?,
            no_owner: take("no_owner")?,
            reassess_target: take("reassess_target")?,
            revisit_unknown: take("revisit_unknown")?,
        })
    }
}

/// A recommendation as data files write it: an option id or `not_ready`.
fn recommendation(id: &Spanned<String>, problems: &mut Vec<Problem>) -> Option<Recommendation> {
    if id.get_ref() == Recommendation::NotReady.id() {
        return Some(Recommendation::NotReady);
    }
    let found = Portal::from_id(id.get_ref()).map(Recommendation::from);
    if found.is_none() {
        problems.push(
            Problem::new(
                Code::UnknownName,
                format!("unknown recommendation `{}`", id.get_ref()),
            )
            .at(id.span())
            .note("allowed: \"backstage\", \"port\", \"hybrid\", \"not_ready\""),
        );
    }
    found
}
