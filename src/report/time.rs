//! Time to value: when each option that is still possible typically reaches its milestones,
//! fitted to the organisation, against when leadership expects value.
//!
//! The durations are the source's published ranges from the questionnaire's data. A milestone
//! published for a staffing (Backstage's, for 2-3 engineers) takes proportionally longer with
//! fewer people set aside, never shorter with more (the source gives no shorter figure). Months
//! already invested in the option run today count toward it. Under "not yet" every clock starts
//! after the readiness work, so no milestone is set against today's deadline.

use super::{Facts, Part, Phrase};
use crate::engine::Assessment;
use crate::model::{Portal, Recommendation};

/// When each option typically shows value, against when leadership expects it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeToValue {
    /// Months until leadership expects value, when known.
    pub deadline: Option<f64>,
    pub milestones: Vec<MilestoneRow>,
    /// How the figures were fitted: staffing, months invested, readiness first.
    pub notes: Vec<Phrase>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRow {
    pub option: Portal,
    pub what: String,
    pub short: String,
    /// Months from the start (after the readiness work under "not yet"), low to high; `None`
    /// when nobody is set aside to reach it.
    pub months: Option<(f64, f64)>,
    /// Whether the source states it in weeks.
    pub in_weeks: bool,
    pub fit: Fit,
    /// When fewer people are set aside than the published figure assumes (`months` is then
    /// stretched): that staffing, which is what the record asks for, and the time it takes.
    pub understaffed: Option<Understaffed>,
}

/// A milestone at the staffing its published figure assumes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Understaffed {
    /// Full-time equivalents, low to high.
    pub staffed: (f64, f64),
    /// Months from the start with them, less any already invested.
    pub months: (f64, f64),
}

/// Whether a milestone is reached by the time leadership expects value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    InTime,
    /// Only at the fast end of its range.
    Tight,
    TooLate,
    /// "Not yet": the clock starts after the readiness work.
    AfterReadiness,
    /// Leadership's expectation is not known.
    Unknown,
}

impl Fit {
    /// The status as the JSON record names it.
    pub fn id(self) -> &'static str {
        match self {
            Fit::InTime => "in_time",
            Fit::Tight => "tight",
            Fit::TooLate => "too_late",
            Fit::AfterReadiness => "after_readiness",
            Fit::Unknown => "unknown",
        }
    }
}

pub(super) fn time_to_value(facts: &Facts<'_>, assessment: &Assessment) -> TimeToValue {
    let spec = facts.spec;
    let roles = &spec.roles;
    let deadline = facts.number(roles.deadline);
    let fte = facts.number(roles.fte);
    let ready = assessment.recommendation != Recommendation::NotReady;
    let excluded = |option: Portal| assessment.excluded.iter().any(|e| e.option == option);
    let mut notes = Vec::new();
    let mut milestones = Vec::new();
    for milestone in spec.milestones.iter().filter(|m| !excluded(m.option)) {
        let (low, high) = milestone.months;
        // Fewer people than the figure assumes: the same work, proportionally longer.
        let factor = match (milestone.staffed, fte) {
            (Some((needed, _)), Some(fte)) if fte < needed => (fte > 0.0).then(|| needed / fte),
            _ => Some(1.0),
        };
        if let (Some(staffed), Some(fte)) = (milestone.staffed, fte)
            && fte < staffed.0
            && !notes_mention(&milestones, milestone.option)
        {
            notes.push(facts.fill(
                &spec.words.scaled,
                &[
                    ("staffed", fte_part(staffed)),
                    ("fte", fte_part((fte, fte))),
                    ("option", Part::from(milestone.option.name())),
                ],
            ));
        }
        let invested = facts.invested_in(milestone.option);
        let after = |f: f64| {
            (
                (low * f - invested).max(0.0),
                (high * f - invested).max(0.0),
            )
        };
        let months = factor.map(after);
        let understaffed = milestone
            .staffed
            .filter(|_| factor != Some(1.0))
            .map(|staffed| Understaffed {
                staffed,
                months: after(1.0),
            });
        let fit = match (ready, deadline, months) {
            (false, _, _) => Fit::AfterReadiness,
            (true, None, _) => Fit::Unknown,
            (true, Some(_), None) => Fit::TooLate,
            (true, Some(d), Some((_, high))) if high <= d => Fit::InTime,
            (true, Some(d), Some((low, _))) if low <= d => Fit::Tight,
            (true, Some(_), Some(_)) => Fit::TooLate,
        };
        milestones.push(MilestoneRow {
            option: milestone.option,
            what: milestone.what.clone(),
            short: milestone.short.clone(),
            months,
            in_weeks: milestone.in_weeks && factor == Some(1.0) && invested == 0.0,
            fit,
            understaffed,
        });
    }
    if let Some(option) = facts.current_option()
        && !excluded(option)
    {
        let invested = facts.invested_in(option);
        if invested > 0.0 {
            notes.push(facts.fill(
                &spec.words.invested,
                &[
                    ("months", duration((invested, invested), false)),
                    ("option", Part::from(option.name())),
                ],
            ));
        }
    }
    if !ready && let Some(deadline) = deadline {
        notes.push(facts.fill(
            &spec.words.after_readiness,
            &[("deadline", duration((deadline, deadline), false))],
        ));
    }
    TimeToValue {
        deadline,
        milestones,
        notes,
    }
}

/// Whether an earlier milestone of `option` already led to the staffing note.
fn notes_mention(milestones: &[MilestoneRow], option: Portal) -> bool {
    milestones.iter().any(|m| m.option == option)
}

pub(super) fn fte_part((low, high): (f64, f64)) -> Part {
    Part::Fte { low, high }
}

pub(super) fn duration((low, high): (f64, f64), weeks: bool) -> Part {
    Part::Duration { low, high, weeks }
}
