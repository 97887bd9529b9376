//! After the decision: checkpoints (a review month each, with the metric, its baseline, the
//! target and the owner) and the times to revisit the decision, dated from the record's date.
//!
//! Checkpoints follow the milestones of the option chosen (or, under "not yet", the
//! re-assessment), and the success definition at its month. The metric, baseline and owner are
//! the answers'; where one is missing the checkpoint says so rather than invent one.

use super::date::Date;
use super::time::TimeToValue;
use super::{Facts, Part, Phrase};
use crate::engine::Assessment;
use crate::model::{Recommendation, Value};

#[derive(Clone, Debug, PartialEq)]
pub struct Checkpoint {
    /// Months after the record's date.
    pub month: u32,
    pub date: Date,
    pub metric: String,
    pub baseline: String,
    pub target: String,
    pub owner: String,
}

/// A time to revisit the decision, dated when it falls on a known month.
#[derive(Clone, Debug, PartialEq)]
pub struct Revisit {
    pub when: Phrase,
    pub date: Option<Date>,
}

pub(super) fn checkpoints(
    facts: &Facts<'_>,
    assessment: &Assessment,
    time: &TimeToValue,
    date: Date,
) -> Vec<Checkpoint> {
    let spec = facts.spec;
    let roles = &spec.roles;
    let words = &spec.words;
    let say = |template| plain(&facts.fill(template, &[]));
    let metric = facts
        .text(roles.metric)
        .unwrap_or_else(|| say(&words.no_metric));
    let baseline = match facts.value(roles.baseline_known) {
        Some(Value::Bool(true)) => say(&words.baseline_known),
        _ => say(&words.baseline_unknown),
    };
    let owner = facts
        .text(roles.owner)
        .unwrap_or_else(|| say(&words.no_owner));
    let checkpoint = |month: u32, target: String| Checkpoint {
        month,
        date: date.plus_months(month),
        metric: metric.clone(),
        baseline: baseline.clone(),
        target,
        owner: owner.clone(),
    };
    if assessment.recommendation == Recommendation::NotReady {
        return vec![checkpoint(
            spec.reassess_months,
            say(&words.reassess_target),
        )];
    }
    let mut out: Vec<Checkpoint> = time
        .milestones
        .iter()
        .filter(|m| m.option == assessment.leaning)
        .filter_map(|m| {
            let (_, high) = m.months?;
            (high > 0.0).then(|| checkpoint(high.ceil() as u32, m.what.clone()))
        })
        .collect();
    if let Some(success) = facts.text(roles.success) {
        out.push(checkpoint(spec.success_month, success));
    }
    out.sort_by_key(|c| c.month);
    out
}

pub(super) fn revisit(facts: &Facts<'_>, assessment: &Assessment, date: Date) -> Vec<Revisit> {
    let spec = facts.spec;
    let option = assessment.leaning;
    let slots = [("option", Part::from(option.name()))];
    let values: Vec<Value> = (0..facts.questionnaire.questions.len())
        .map(|i| facts.value(i).cloned().unwrap_or(Value::Unknown))
        .collect();
    let mut out = Vec::new();
    if assessment.recommendation == Recommendation::NotReady {
        out.push(Revisit {
            when: facts.fill(&spec.words.reassess_target, &[]),
            date: Some(date.plus_months(spec.reassess_months)),
        });
    }
    for rule in spec
        .revisit
        .iter()
        .filter(|r| r.when.as_ref().is_none_or(|c| c.holds(&values)))
    {
        let date = rule.at_regret_mark.then(|| {
            let left = (f64::from(spec.regret_months) - facts.invested_in(option)).max(0.0);
            date.plus_months(left.ceil() as u32)
        });
        out.push(Revisit {
            when: facts.fill(&rule.text, &slots),
            date,
        });
    }
    out.push(Revisit {
        when: facts.fill(&spec.option(option).revisit, &slots),
        date: None,
    });
    for unknown in &assessment.unknowns {
        let question = facts
            .questionnaire
            .question(&unknown.answer)
            .map_or_else(|| unknown.answer.clone(), |q| q.prompt.clone());
        out.push(Revisit {
            when: facts.fill(
                &spec.words.revisit_unknown,
                &[("question", Part::from(question))],
            ),
            date: None,
        });
    }
    out
}

/// A phrase with no figures, as text.
fn plain(phrase: &Phrase) -> String {
    phrase
        .0
        .iter()
        .filter_map(|p| match p {
            Part::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}
