//! What the decision record (`idpfit report`) needs from the questionnaire: which answers play
//! which part in it (its [`Roles`]), and every sentence of it that is about the domain rather
//! than about one answer (the decision, the consequences of each option, the time to value, the
//! cost assumptions, the checkpoints and when to revisit).
//!
//! It is data so that changing what the record says never means changing Rust, and so that a
//! questionnaire given with `--questionnaire` brings its own: the loader checks every role
//! against the questions and every `{placeholder}` against what its sentence may quote, so a
//! section is never emptied silently. Sentences are [`Template`]s: `{section.key}` quotes an
//! answer in words, any other `{name}` is a slot the record fills (an amount, a duration, a date)
//! and the renderers format. Nothing here builds a record or formats a number.

use serde::{Deserialize, Serialize};

use super::condition::Condition;
use super::domain::Portal;
use super::domain::Recommendation;

/// Everything the decision record reads from the questionnaire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordSpec {
    pub roles: Roles,
    /// "Not yet": re-assess this many months after the record's date.
    pub reassess_months: u32,
    /// Months after which a tool that does not match the capacity behind it is usually regretted.
    pub regret_months: u32,
    /// The month of the checkpoint on the success definition.
    pub success_month: u32,
    /// Decision sentences for particular situations, tried in order before an option's own.
    pub decisions: Vec<DecisionRule>,
    /// What each option means for the record, indexed by [`Portal::index`].
    pub options: [OptionProse; 3],
    /// What holding off means.
    pub waiting: WaitingProse,
    /// What a blocker in an area of the questionnaire means, and who fixes it; the last entry
    /// (no sections) covers every other area.
    pub areas: Vec<Area>,
    /// Typical milestones of each option, from the source.
    pub milestones: Vec<Milestone>,
    /// Paragraphs about moving from the portal run today.
    pub migrations: Vec<MigrationProse>,
    /// Times to revisit the decision.
    pub revisit: Vec<RevisitRule>,
    pub words: RecordWords,
}

/// The questions that play a part in the record, as indices into the questionnaire.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Roles {
    /// Text: the organisation's name, for the title.
    pub organisation: usize,
    /// Number: full-time equivalents who own the portal.
    pub fte: usize,
    /// Number: months until leadership expects value.
    pub deadline: usize,
    /// Text: the metric that shows the friction shrinking.
    pub metric: usize,
    /// Yes/no: whether that metric's value today is known.
    pub baseline_known: usize,
    /// Text: what success looks like in twelve months.
    pub success: usize,
    /// Text: who is accountable for that outcome.
    pub owner: usize,
    /// Choice: the portal run today; a choice whose value is an option id is that option.
    pub current_portal: usize,
    /// Number: months invested in the current portal.
    pub months_invested: usize,
    /// Number: an engineer's loaded annual cost.
    pub engineer_cost: usize,
    /// Number: Port's annual subscription.
    pub subscription: usize,
    /// Text: the currency of the figures.
    pub currency: usize,
    /// Number: FTE who would configure and run Port.
    pub port_fte: usize,
}

/// A decision sentence for a situation: used when the recommendation is one of these and the
/// condition holds.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DecisionRule {
    pub recommendation: Vec<Recommendation>,
    pub when: Option<Condition>,
    pub decision: Template,
    /// For a decision that keeps today's people (consolidating a portal already run): the ask
    /// for them (`{fte}`, `{option}`), in place of the option's; its budget is then those
    /// people's cost.
    pub ask_people: Option<Template>,
}

/// What choosing one option means.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OptionProse {
    /// The decision in one sentence, when no [`DecisionRule`] applies.
    pub decision: Template,
    /// The risk to name when nothing in the answers stands out more.
    pub risk: Template,
    /// What the organisation gains.
    pub gains: Vec<Template>,
    /// What it costs beyond money.
    pub costs: Vec<Template>,
    /// Gains, costs or the risk as they read for an organisation that already runs this option
    /// (the current-portal role names it): a build already done is no longer a cost.
    pub running: RunningProse,
    /// When to revisit a decision for this option.
    pub revisit: Template,
    /// What leadership approves: the people (slots `{staffing}`, `{fte}`).
    pub ask_people: Template,
}

impl OptionProse {
    /// What choosing the option gains and costs, for an organisation that already runs it
    /// (`running`) or not.
    pub fn consequences(&self, running: bool) -> (&[Template], &[Template]) {
        let gains = match &self.running.gains {
            Some(own) if running => own,
            _ => &self.gains,
        };
        let costs = match &self.running.costs {
            Some(own) if running => own,
            _ => &self.costs,
        };
        (gains, costs)
    }

    /// The risk to name when nothing in the answers stands out more, for an organisation that
    /// already runs the option (`running`) or not.
    pub fn risk(&self, running: bool) -> &Template {
        match &self.running.risk {
            Some(own) if running => own,
            _ => &self.risk,
        }
    }
}

/// In place of an option's gains or costs, for an organisation that already runs it; `None`
/// where they read the same either way.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RunningProse {
    pub gains: Option<Vec<Template>>,
    pub costs: Option<Vec<Template>>,
    pub risk: Option<Template>,
}

/// What holding off means ("not yet").
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WaitingProse {
    /// The decision (slots `{problems}`, `{leaning}`).
    pub decision: Template,
    pub risk: Template,
    pub gains: Vec<Template>,
    pub costs: Vec<Template>,
}

/// An area of the questionnaire a blocker can come from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Area {
    /// Section ids; empty for the entry that covers every other area.
    pub sections: Vec<String>,
    /// What a blocker here means, as a clause: "the platform underneath a portal is not ready".
    pub problem: String,
    /// Who fixes it.
    pub owner: Template,
}

/// How long an option typically takes to reach a point, as the source publishes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Milestone {
    pub option: Portal,
    /// What is reached: "A working catalog with basic self-service".
    pub what: String,
    /// A short label for charts: "Working catalog".
    pub short: String,
    /// Low and high, in months.
    pub months: (f64, f64),
    /// Whether the source states it in weeks (it is shown that way).
    pub in_weeks: bool,
    /// The dedicated engineers the published figure assumes; other staffing scales it.
    pub staffed: Option<(f64, f64)>,
}

/// A paragraph about moving from the portal run today to an option.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MigrationProse {
    /// The choice of the current-portal question this applies to.
    pub from: usize,
    /// The options (leaning) it applies to.
    pub to: Vec<Portal>,
    pub text: Template,
}

/// A time to revisit the decision.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RevisitRule {
    pub text: Template,
    /// Applies only while this holds.
    pub when: Option<Condition>,
    /// Dated at the regret mark: `regret_months` after starting with the option, less the
    /// months already invested in it.
    pub at_regret_mark: bool,
}

/// The record's remaining sentences, each with the slots it may use.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RecordWords {
    /// Time to value: the published figures assume a staffing (`{staffed}`, `{fte}`, `{option}`).
    pub scaled: Template,
    /// Months already invested count (`{months}`, `{option}`).
    pub invested: Template,
    /// "Not yet": the clocks start after the readiness work (`{deadline}`).
    pub after_readiness: Template,
    /// The summary's time to value (`{option}`, `{milestone}`, `{months}`, `{status}`).
    pub time_summary: Template,
    /// ... under "not yet" (`{leaning}`, `{milestone}`, `{months}`).
    pub time_summary_waiting: Template,
    /// ... when fewer people are set aside than the figure assumes: the slots of
    /// `time_summary`, with `{fte}` set aside, and `{staffed}` and `{staffed_months}`, the
    /// staffing the ask names and the time it takes.
    pub time_summary_understaffed: Template,
    /// Cost assumptions.
    pub cost_figures: Template,
    pub cost_backstage: Template,
    pub cost_backstage_understaffed: Template,
    pub cost_port: Template,
    pub cost_port_range: Template,
    pub cost_port_unstaffed: Template,
    pub cost_hybrid: Template,
    pub cost_hybrid_unstaffed: Template,
    pub break_even: Template,
    /// ... when Port's staffing is not given (`{engineer_cost}` per FTE comes off).
    pub break_even_per_fte: Template,
    pub never_cheaper: Template,
    /// The summary's cost (`{option}`, `{per_year}`, `{two_years}`).
    pub cost_summary: Template,
    /// The ask: budget (`{per_year}`, `{two_years}`), without figures, and the date.
    pub ask_budget: Template,
    pub ask_budget_unknown: Template,
    pub ask_date: Template,
    /// The ask under "not yet": one line per fix (`{fix}`, `{owner}`), and the re-assessment.
    pub ask_fix: Template,
    pub ask_reassess: Template,
    /// Top risks drawn from the assessment.
    pub risk_unknown: Template,
    pub risk_low_confidence: Template,
    /// Answers that contradict each other (`{message}`, the first contradiction).
    pub risk_contradiction: Template,
    /// Checkpoints.
    pub baseline_known: Template,
    pub baseline_unknown: Template,
    pub no_metric: Template,
    pub no_owner: Template,
    pub reassess_target: Template,
    /// Revisit once an unknown answer is known (`{question}`).
    pub revisit_unknown: Template,
}

/// A sentence with `{section.key}` answers and `{name}` slots; checked at load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Template(pub String);

/// A piece of a [`Template`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `{section.key}`: an answer, quoted in words.
    Answer(&'a str),
    /// `{name}`: a value the record fills.
    Slot(&'a str),
}

impl Template {
    /// The template's pieces in order. A `{` without a closing `}` is text.
    pub fn pieces(&self) -> Vec<Piece<'_>> {
        let mut pieces = Vec::new();
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            if open > 0 {
                pieces.push(Piece::Text(&rest[..open]));
            }
            let name = &rest[open + 1..open + close];
            pieces.push(if name.contains('.') {
                Piece::Answer(name)
            } else {
                Piece::Slot(name)
            });
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest));
        }
        pieces
    }

    pub fn is_empty(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl RecordSpec {
    /// The prose of an option.
    pub fn option(&self, option: Portal) -> &OptionProse {
        &self.options[option.index()]
    }

    /// The area a blocker reading questions of `sections` belongs to: the first whose sections
    /// include one of them, else the catch-all last entry.
    pub fn area_of<'a>(&self, sections: impl IntoIterator<Item = &'a str> + Clone) -> &Area {
        self.areas
            .iter()
            .find(|a| {
                a.sections
                    .iter()
                    .any(|s| sections.clone().into_iter().any(|t| t == s))
            })
            .or(self.areas.last())
            .unwrap_or(&FALLBACK_AREA)
    }
}

/// Used only if a record has no areas at all, which the loader refuses.
static FALLBACK_AREA: Area = Area {
    sections: Vec::new(),
    problem: String::new(),
    owner: Template(String::new()),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_into_text_answers_and_slots() {
        let t = Template("Keep {option} with {capacity.dedicated_fte} FTE {".to_string());
        assert_eq!(
            t.pieces(),
            vec![
                Piece::Text("Keep "),
                Piece::Slot("option"),
                Piece::Text(" with "),
                Piece::Answer("capacity.dedicated_fte"),
                Piece::Text(" FTE {"),
            ]
        );
    }
}
