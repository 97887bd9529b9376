//! Time to value: when each option typically shows value (SPEC §2), against when leadership
//! expects it. Durations are the domain's published ranges, never estimated here.

use crate::model::{Num, Portal};

/// Weeks per month, to draw week figures on a month scale.
const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// When each option typically shows value, against when leadership expects it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeToValue {
    /// `timeline.first_value_months`, when known.
    pub expected_months: Option<f64>,
    pub milestones: Vec<Milestone>,
    /// What the comparison means for the recommended (or leaning) option.
    pub verdict: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub option: Portal,
    pub what: &'static str,
    /// A chart label: "Port: working catalog".
    pub short: &'static str,
    /// As the domain states it: "4-8 weeks".
    pub typical: &'static str,
    pub from_months: f64,
    pub to_months: f64,
    pub fit: Fit,
}

/// Whether a milestone is reached by the time leadership expects value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    InTime,
    /// Only if it goes at the fast end of its typical range.
    Tight,
    Late,
    /// Leadership's expectation is unknown.
    Unknown,
}

impl Fit {
    pub fn words(self) -> &'static str {
        match self {
            Fit::InTime => "in time",
            Fit::Tight => "only at the fast end",
            Fit::Late => "too late",
            Fit::Unknown => "expectation unknown",
        }
    }
}

/// SPEC §2: Port reaches a working catalog with basic self-service in 4-8 weeks; Backstage
/// reaches equivalent depth in 4-6 months and genuinely reduces friction after about 12.
pub(super) fn time_to_value(expected: Option<f64>, option: Portal) -> TimeToValue {
    let milestone = |option, what, short, typical, from: f64, to: f64| Milestone {
        option,
        what,
        short,
        typical,
        from_months: from,
        to_months: to,
        fit: match expected {
            None => Fit::Unknown,
            Some(e) if to <= e => Fit::InTime,
            Some(e) if from <= e => Fit::Tight,
            Some(_) => Fit::Late,
        },
    };
    let milestones = vec![
        milestone(
            Portal::Port,
            "Working catalog with basic self-service",
            "Port: working catalog",
            "4-8 weeks",
            4.0 / WEEKS_PER_MONTH,
            8.0 / WEEKS_PER_MONTH,
        ),
        milestone(
            Portal::Backstage,
            "Equivalent depth to a configured portal",
            "Backstage: equivalent depth",
            "4-6 months",
            4.0,
            6.0,
        ),
        milestone(
            Portal::Backstage,
            "Clearly reduces developer friction",
            "Backstage: reduces friction",
            "about 12 months",
            12.0,
            12.0,
        ),
    ];
    let verdict = match expected {
        None => "Leadership's expectation for first value is not known yet, so the timelines \
                 below cannot be checked against it. Settle it before committing."
            .to_string(),
        Some(months) => {
            let months = Num(months);
            let port = milestones[0].fit;
            let depth = milestones[1].fit;
            let friction = milestones[2].fit;
            match option {
                Portal::Port => format!(
                    "Leadership expects value within {months} months. Port's working catalog \
                     (4-8 weeks) is {}.",
                    port.words()
                ),
                Portal::Backstage => format!(
                    "Leadership expects value within {months} months. Backstage's equivalent \
                     depth (4-6 months) is {}; the point where it clearly reduces friction \
                     (about 12 months) is {}.{}",
                    depth.words(),
                    friction.words(),
                    if depth == Fit::InTime {
                        ""
                    } else {
                        " Agree a thin first release (the catalog) and reset expectations before starting."
                    }
                ),
                Portal::Hybrid => format!(
                    "Leadership expects value within {months} months. The Port side of a hybrid \
                     (4-8 weeks to a working catalog) is {}; the Backstage plugins behind the \
                     documented gap come on top and are not in that figure.",
                    port.words()
                ),
            }
        }
    };
    TimeToValue {
        expected_months: expected,
        milestones,
        verdict,
    }
}
