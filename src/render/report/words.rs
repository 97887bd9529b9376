//! The record's phrases and the few sentences the renderers share, worded once for every format:
//! [`say`] turns a [`Phrase`] into text with its figures formatted by [`crate::render::text`]
//! (amounts with their currency, durations, staffing, months of the calendar); the rest word
//! what the assessment computed (a milestone's fit, robustness, the unknown answers, the
//! counterfactuals' count). No other sentence of the record is worded here: the questionnaire's
//! `[record]` data and the assessment carry those.

use crate::engine::{Assessment, WHAT_IF_DRAWS};
use crate::model::Recommendation;
use crate::render::score::NO_COUNTERFACTUAL;
use crate::render::text::{Num, duration, fte, money, money_in, month_year};
use crate::report::{Date, EvidenceRow, Fit, Part, Phrase, Status, Unknowns};

/// A phrase as text, its figures formatted. A phrase stands as a sentence or a list item, so
/// it starts with a capital even when a figure opens it ("Up to 1 FTE to configure Port").
pub fn say(phrase: &Phrase) -> String {
    let text: String = phrase.0.iter().map(part).collect();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

fn part(part: &Part) -> String {
    match part {
        Part::Text(text) => text.clone(),
        Part::Money {
            low,
            high,
            currency,
        } => money_in((*low, *high), currency.as_deref()),
        Part::Duration { low, high, weeks } => duration(*low, *high, *weeks),
        Part::Fte { low, high } => fte(*low, *high),
        Part::Date(date) => month(*date),
        Part::Group(parts) => parts.iter().map(self::part).collect(),
    }
}

/// A date's month: "March 2027".
pub fn month(date: Date) -> String {
    month_year(date.year, date.month)
}

/// A milestone's fit in a few words, for a table cell or a badge.
pub fn fit(fit: Fit) -> &'static str {
    match fit {
        Fit::InTime => "in time",
        Fit::Tight => "only at the fast end",
        Fit::TooLate => "too late",
        Fit::AfterReadiness => "after the readiness work",
        Fit::Unknown => "deadline not known",
    }
}

pub fn status(status: Status) -> &'static str {
    match status {
        Status::Proposed => "Proposed",
        Status::Accepted => "Accepted",
    }
}

/// A milestone's months from the start, or why there are none to wait.
pub fn months(range: Option<(f64, f64)>, weeks: bool) -> String {
    match range {
        None => "not reached with nobody set aside".to_string(),
        Some((_, high)) if high <= 0.0 => "reached on the months invested".to_string(),
        Some((low, high)) => duration(low, high, weeks),
    }
}

/// Said when no change to one or two answers gives another recommendation; for "not yet",
/// with what that means for the items to fix first.
pub fn no_change(recommendation: Recommendation) -> String {
    if recommendation == Recommendation::NotReady {
        format!("{NO_COUNTERFACTUAL} The items to fix first must be fixed together.")
    } else {
        NO_COUNTERFACTUAL.to_string()
    }
}

/// How far the recommendation depends on the exact weights.
pub fn robustness(assessment: &Assessment) -> String {
    let shares = Some((assessment.robustness, assessment.leaning_robustness));
    match shares {
        None => "Not computed.".to_string(),
        Some((_, leaning)) if assessment.recommendation == Recommendation::NotReady => format!(
            "The readiness gate does not depend on the weights, so \"not yet\" held in all of \
             {} random variations of the weights (each moved by up to ±25%). The leaning to {} \
             held in {}% of them.",
            money(WHAT_IF_DRAWS as f64),
            assessment.leaning.name(),
            Num(leaning * 100.0)
        ),
        Some((share, _)) => {
            let share = share * 100.0;
            let meaning = if share >= 95.0 {
                "It does not hinge on the exact weights."
            } else if share >= 80.0 {
                "It mostly holds, but the weights matter at the margin."
            } else {
                "It hinges on how the weights are set: read the changes below closely."
            };
            format!(
                "The recommendation held in {}% of {} random variations of the weights (each \
                 moved by up to ±25%). {meaning}",
                Num(share),
                money(WHAT_IF_DRAWS as f64)
            )
        }
    }
}

/// The unknown answers and what they could do, as lines: a verdict, then one line per answer
/// that decides it.
pub fn unknowns(unknowns: &Unknowns) -> Vec<String> {
    let quoted = |questions: &[String]| {
        questions
            .iter()
            .map(|q| format!("“{q}”"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match unknowns {
        Unknowns::None => vec!["No answer is unknown.".to_string()],
        Unknowns::Hold(questions) => vec![format!(
            "The recommendation holds whatever these turn out to be: {}.",
            quoted(questions)
        )],
        Unknowns::Together(questions) => vec![format!(
            "No unknown answer changes the recommendation alone, but together they could: settle {} before committing.",
            quoted(questions)
        )],
        Unknowns::Decide(decisive) => {
            let mut lines = vec![
                "The recommendation depends on answers that are still unknown; settle them before committing."
                    .to_string(),
            ];
            for (question, outcomes) in decisive {
                let outcomes: Vec<String> = outcomes
                    .iter()
                    .map(|(value, rec)| format!("“{value}” gives {}", rec.name()))
                    .collect();
                lines.push(format!("“{question}”: {}.", outcomes.join("; ")));
            }
            lines
        }
    }
}

/// The heading of the record's Evidence section.
pub const EVIDENCE_TITLE: &str = "Evidence";

/// What the Evidence section is, above its table.
pub const EVIDENCE_INTRO: &str = "What idpfit scan measured in the repositories, beside the answers. A measured value the answers leave unknown is scored; one they contradict is also listed with the contradictions.";

/// The column headings of the Evidence table.
pub const EVIDENCE_COLUMNS: [&str; 5] =
    ["Question", "Answered", "Measured", "Standing", "Evidence"];

/// A measured value in the table, or that there is none.
pub fn measured(row: &EvidenceRow) -> &str {
    row.measured.as_deref().unwrap_or("not measured")
}

/// The Evidence cell of a row: the first line of what the scan found (the others are in the
/// scan's output), then the row's note.
pub fn evidence_cell(row: &EvidenceRow) -> String {
    let mut text = row.evidence.first().cloned().unwrap_or_default();
    if row.evidence.len() > 1 {
        text.push_str(&format!(
            " (and {} more in the scan's output)",
            row.evidence.len() - 1
        ));
    }
    if let Some(note) = &row.note {
        text.push(' ');
        text.push_str(note);
    }
    text
}

/// Below the Evidence table: the answers the scan does not look at.
pub fn not_scanned(count: usize) -> Option<String> {
    match count {
        0 => None,
        1 => {
            Some("The one other answer is self-reported: the scan does not measure it.".to_string())
        }
        n => Some(format!(
            "The other {n} answers are self-reported: the scan does not measure them."
        )),
    }
}
