//! The summary a leader reads first: the decision in one sentence, three reasons, time to value,
//! cost, the top risk, and the ask (what leadership approves, or under "not yet" what must be
//! fixed, by whom, and when to re-assess).
//!
//! Every sentence is derived from what the assessment found: the decision sentence from the
//! blockers (by the area of the answers that raised them) or from the situation the answers
//! describe, the reasons from the blockers or the strongest rationale, the risk from what is
//! weakest in the result. The wording is the questionnaire's `[record]` data.

use super::cost::{self, Cost};
use super::time::{Fit, TimeToValue, duration, fte_part};
use super::{Facts, Meta, Part, Phrase, lower_first};
use crate::engine::Assessment;
use crate::model::record::DecisionRule;
use crate::model::{Recommendation, Value};

/// How many reasons the summary gives.
const REASONS: usize = 3;

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    /// The decision in one sentence.
    pub decision: Phrase,
    pub reasons: Vec<String>,
    pub time_to_value: Phrase,
    pub cost: Option<Phrase>,
    pub top_risk: Phrase,
    pub ask: Vec<Phrase>,
}

/// Under "not yet": one thing to fix, and who fixes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fix {
    /// The blocker, in words.
    pub what: String,
    pub owner: Phrase,
    /// What the blocker means, as a clause of the decision sentence.
    pub problem: String,
}

/// The blockers, each with the area of the answers that raised it.
pub(super) fn fixes(facts: &Facts<'_>, assessment: &Assessment) -> Vec<Fix> {
    assessment
        .blockers
        .iter()
        .map(|blocker| {
            let sections = blocker
                .answers
                .iter()
                .filter_map(|id| facts.questionnaire.question(id))
                .map(|q| q.section.as_str());
            let area = facts.spec.area_of(sections);
            Fix {
                what: blocker.title.clone(),
                owner: facts.fill(&area.owner, &[]),
                problem: area.problem.clone(),
            }
        })
        .collect()
}

pub(super) fn summary(
    facts: &Facts<'_>,
    assessment: &Assessment,
    meta: &Meta,
    time: &TimeToValue,
    cost: Option<&Cost>,
    fixes: &[Fix],
) -> Summary {
    let spec = facts.spec;
    let words = &spec.words;
    let leaning = assessment.leaning;
    let ready = assessment.recommendation != Recommendation::NotReady;
    // The next milestone not already reached on the months invested.
    let first = time
        .milestones
        .iter()
        .find(|m| m.option == leaning && m.months.is_none_or(|(_, high)| high > 0.0));
    let months = |m: &super::MilestoneRow| match m.months {
        Some(range) => duration(range, m.in_weeks),
        None => Part::from("no foreseeable time"),
    };
    let fte = facts.number(spec.roles.fte);
    // A decision that keeps today's people asks for them; any other asks for the staffing the
    // published times assume when fewer are set aside, and promises the time that staffing takes.
    let keeps = decision_rule(facts, assessment).and_then(|rule| rule.ask_people.as_ref());
    let promised = first
        .and_then(|m| m.understaffed)
        .filter(|u| keeps.is_none() && u.months.1 > 0.0);
    let time_to_value = match first {
        Some(m) if ready && let (Some(u), Some(fte)) = (promised, fte) => facts.fill(
            &words.time_summary_understaffed,
            &[
                ("option", Part::from(leaning.name())),
                ("milestone", Part::from(lower_first(&m.what))),
                ("months", months(m)),
                ("status", fit_words(m.fit, time.deadline)),
                ("fte", fte_part((fte, fte))),
                ("staffed", fte_part(u.staffed)),
                ("staffed_months", duration(u.months, false)),
            ],
        ),
        Some(m) if ready => facts.fill(
            &words.time_summary,
            &[
                ("option", Part::from(leaning.name())),
                ("milestone", Part::from(lower_first(&m.what))),
                ("months", months(m)),
                ("status", fit_words(m.fit, time.deadline)),
            ],
        ),
        Some(m) => facts.fill(
            &words.time_summary_waiting,
            &[
                ("leaning", Part::from(leaning.name())),
                ("milestone", Part::from(lower_first(&m.what))),
                ("months", months(m)),
            ],
        ),
        None => Phrase::default(),
    };
    let chosen = cost.and_then(|c| c.options.iter().find(|o| o.option == leaning));
    let money = |range: (f64, f64)| Part::Money {
        low: range.0,
        high: range.1,
        currency: cost.and_then(|c| c.currency.clone()),
    };
    // A decision that keeps today's people costs what they cost, not a new team.
    let engineer = facts.number(spec.roles.engineer_cost);
    let budget = match (keeps, fte, engineer) {
        (Some(_), Some(fte), Some(engineer)) if cost.is_some() => {
            Some((fte * engineer, fte * engineer))
        }
        (Some(_), _, _) => None,
        (None, _, _) => chosen.map(|o| o.per_year),
    };
    let cost_line = budget.map(|per_year| {
        facts.fill(
            &words.cost_summary,
            &[
                ("option", Part::from(leaning.name())),
                ("per_year", money(per_year)),
                ("two_years", money((2.0 * per_year.0, 2.0 * per_year.1))),
            ],
        )
    });
    let ask = if ready {
        let staffing = cost::staffing(facts, leaning);
        let mut ask = vec![facts.fill(
            keeps.unwrap_or(&spec.option(leaning).ask_people),
            &[
                (
                    "staffing",
                    staffing.map_or_else(|| Part::from("the people set aside"), fte_part),
                ),
                (
                    "fte",
                    fte.map_or_else(|| Part::from("unknown FTE"), |f| fte_part((f, f))),
                ),
                ("option", Part::from(leaning.name())),
            ],
        )];
        ask.push(match budget {
            Some(per_year) => facts.fill(
                &words.ask_budget,
                &[
                    ("per_year", money(per_year)),
                    ("two_years", money((2.0 * per_year.0, 2.0 * per_year.1))),
                ],
            ),
            None => facts.fill(&words.ask_budget_unknown, &[]),
        });
        if let Some(m) = first
            && let Some((_, high)) = promised.map(|u| u.months).or(m.months)
        {
            ask.push(facts.fill(
                &words.ask_date,
                &[
                    ("milestone", Part::from(m.what.clone())),
                    (
                        "date",
                        Part::Date(meta.date.plus_months(high.ceil() as u32)),
                    ),
                ],
            ));
        }
        ask
    } else {
        let mut ask: Vec<Phrase> = fixes
            .iter()
            .map(|fix| {
                facts.fill(
                    &words.ask_fix,
                    &[
                        ("fix", Part::from(fix.what.clone())),
                        ("owner", Part::Group(fix.owner.0.clone())),
                    ],
                )
            })
            .collect();
        ask.push(facts.fill(
            &words.ask_reassess,
            &[(
                "date",
                Part::Date(meta.date.plus_months(spec.reassess_months)),
            )],
        ));
        ask
    };
    Summary {
        decision: decision(facts, assessment, fixes),
        reasons: reasons(assessment),
        time_to_value,
        cost: cost_line,
        top_risk: top_risk(facts, assessment),
        ask,
    }
}

/// The decision sentence: under "not yet", what the blockers mean; otherwise the first rule for
/// the situation, else the option's own sentence.
fn decision(facts: &Facts<'_>, assessment: &Assessment, fixes: &[Fix]) -> Phrase {
    let spec = facts.spec;
    let leaning = assessment.leaning;
    let mut problems: Vec<&str> = Vec::new();
    for fix in fixes {
        if !problems.contains(&fix.problem.as_str()) {
            problems.push(&fix.problem);
        }
    }
    let slots = [
        ("option", Part::from(leaning.name())),
        ("leaning", Part::from(leaning.name())),
        ("problems", Part::from(join_and(&problems))),
    ];
    let template = match (decision_rule(facts, assessment), assessment.recommendation) {
        (Some(rule), _) => &rule.decision,
        (None, Recommendation::NotReady) => &spec.waiting.decision,
        (None, _) => &spec.option(leaning).decision,
    };
    facts.fill(template, &slots)
}

/// The first decision rule for the situation the answers describe, if any.
fn decision_rule<'s>(facts: &Facts<'s>, assessment: &Assessment) -> Option<&'s DecisionRule> {
    let values: Vec<Value> = (0..facts.questionnaire.questions.len())
        .map(|i| facts.value(i).cloned().unwrap_or(Value::Unknown))
        .collect();
    facts.spec.decisions.iter().find(|rule| {
        rule.recommendation.contains(&assessment.recommendation)
            && rule.when.as_ref().is_none_or(|c| c.holds(&values))
    })
}

/// Three reasons in plain words: the blockers under "not yet", then the answers that supported
/// the leaning option most.
fn reasons(assessment: &Assessment) -> Vec<String> {
    let mut reasons: Vec<String> = Vec::new();
    let blockers = assessment.blockers.iter().map(|b| format!("{}.", b.title));
    let drivers = assessment
        .rationale
        .iter()
        .filter(|r| r.points > 0.0)
        .map(|r| r.effect.clone());
    for reason in blockers.chain(drivers) {
        if reasons.len() == REASONS {
            break;
        }
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    reasons
}

/// The top risk: under "not yet", starting anyway; else answers that contradict each other, an
/// unknown answer that could change the recommendation, a thin margin, the first open finding,
/// or the option's own risk.
fn top_risk(facts: &Facts<'_>, assessment: &Assessment) -> Phrase {
    let spec = facts.spec;
    let words = &spec.words;
    let option = Part::from(assessment.leaning.name());
    if assessment.recommendation == Recommendation::NotReady {
        return facts.fill(&spec.waiting.risk, &[("option", option)]);
    }
    if let Some(contradiction) = assessment.inconsistencies.first() {
        return facts.fill(
            &words.risk_contradiction,
            &[("message", Part::from(contradiction.message.clone()))],
        );
    }
    if let Some(unknown) = assessment.unknowns.iter().find(|u| u.decisive) {
        let question = facts
            .questionnaire
            .question(&unknown.answer)
            .map_or_else(|| unknown.answer.clone(), |q| q.prompt.clone());
        return facts.fill(&words.risk_unknown, &[("question", Part::from(question))]);
    }
    if assessment.confidence == crate::model::Confidence::Low {
        return facts.fill(
            &words.risk_low_confidence,
            &[("reason", Part::from(assessment.confidence_reason.clone()))],
        );
    }
    if let Some(finding) = assessment.open_questions.first() {
        return Phrase::text(finding.finding.clone());
    }
    let risk = spec
        .option(assessment.leaning)
        .risk(facts.runs(assessment.leaning));
    facts.fill(risk, &[("option", option)])
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A milestone's fit, as the summary says it: "within the 3 months leadership expects".
fn fit_words(fit: Fit, deadline: Option<f64>) -> Part {
    let expected = |before: &str| match deadline {
        Some(d) => Part::Group(vec![
            Part::from(format!("{before} the ")),
            duration((d, d), false),
            Part::from(" leadership expects"),
        ]),
        None => Part::from("with no deadline known yet"),
    };
    match fit {
        Fit::InTime => expected("within"),
        Fit::Tight => Part::Group(vec![
            expected("within"),
            Part::from(" only at the fast end"),
        ]),
        Fit::TooLate => expected("later than"),
        Fit::AfterReadiness => Part::from("once the readiness work is done"),
        Fit::Unknown => Part::from("with no deadline known yet"),
    }
}
