//! The decision record as data, for tools: SPEC §6's keys (`summary`, `time_to_value`, `cost`,
//! `checkpoints`) and the rest of the record, every sentence as the other formats word it and
//! every figure as a number. Keys are sorted at every level: each struct declares its fields in
//! alphabetical order, which is the order serde writes them.

use serde::Serialize;

use super::words::say;
use crate::engine::EvidenceStatus;
use crate::report::DecisionRecord;

#[derive(Serialize)]
struct Record<'a> {
    approver: Option<&'a str>,
    authors: &'a [String],
    checkpoints: Vec<Checkpoint>,
    contradictions: &'a [String],
    confidence: &'a str,
    cost: Option<Cost>,
    date: String,
    /// Present only when the answers were weighed against a scan.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<Vec<Evidence<'a>>>,
    fix_first: Vec<Fix>,
    organisation: Option<&'a str>,
    questionnaire: &'a str,
    revisit: Vec<Revisit>,
    status: &'a str,
    summary: Summary<'a>,
    time_to_value: Vec<Milestone<'a>>,
    weights: &'a str,
}

#[derive(Serialize)]
struct Summary<'a> {
    ask: Vec<String>,
    cost: Option<String>,
    decision: String,
    leaning: &'a str,
    reasons: &'a [String],
    recommendation: &'a str,
    time_to_value: String,
    top_risk: String,
}

#[derive(Serialize)]
struct Milestone<'a> {
    milestone: &'a str,
    /// Low and high, in months from the start.
    months: Option<[f64; 2]>,
    option: &'a str,
    status: &'a str,
}

#[derive(Serialize)]
struct Cost {
    assumptions: Vec<String>,
    break_even: Option<f64>,
    currency: Option<String>,
    options: Vec<CostOption>,
}

#[derive(Serialize)]
struct CostOption {
    assumptions: Vec<String>,
    fte: [f64; 2],
    option: &'static str,
    /// The figure to budget: the high end of a range.
    per_year: f64,
    per_year_low: f64,
    two_years: f64,
    two_years_low: f64,
}

#[derive(Serialize)]
struct Checkpoint {
    baseline: String,
    date: String,
    metric: String,
    month: u32,
    owner: String,
    target: String,
}

/// One answer against the scan, in words as the other formats show it.
#[derive(Serialize)]
struct Evidence<'a> {
    answer: &'a str,
    answered: &'a str,
    evidence: &'a [String],
    measured: Option<&'a str>,
    note: Option<&'a str>,
    question: &'a str,
    status: EvidenceStatus,
}

#[derive(Serialize)]
struct Fix {
    owner: String,
    what: String,
}

#[derive(Serialize)]
struct Revisit {
    date: Option<String>,
    when: String,
}

/// Months to one decimal, as the other formats round them.
fn round(months: f64) -> f64 {
    (months * 10.0).round() / 10.0
}

pub fn render(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let s = &record.summary;
    let value = Record {
        approver: record.meta.approver.as_deref(),
        authors: &record.meta.authors,
        checkpoints: record
            .checkpoints
            .iter()
            .map(|c| Checkpoint {
                baseline: c.baseline.clone(),
                date: c.date.to_string(),
                metric: c.metric.clone(),
                month: c.month,
                owner: c.owner.clone(),
                target: c.target.clone(),
            })
            .collect(),
        confidence: a.confidence.id(),
        cost: record.cost.as_ref().map(|c| Cost {
            assumptions: std::iter::once(say(&c.figures))
                .chain(c.break_even_words.iter().map(say))
                .collect(),
            break_even: c.break_even,
            currency: c.currency.clone(),
            options: c
                .options
                .iter()
                .map(|o| CostOption {
                    assumptions: o.assumptions.iter().map(say).collect(),
                    fte: [o.fte.0, o.fte.1],
                    option: o.option.id(),
                    per_year: o.per_year.1,
                    per_year_low: o.per_year.0,
                    two_years: o.two_years().1,
                    two_years_low: o.two_years().0,
                })
                .collect(),
        }),
        contradictions: &record.contradictions,
        date: record.meta.date.to_string(),
        evidence: record.evidence.as_ref().map(|e| {
            e.rows
                .iter()
                .map(|row| Evidence {
                    answer: &row.id,
                    answered: &row.answered,
                    evidence: &row.evidence,
                    measured: row.measured.as_deref(),
                    note: row.note.as_deref(),
                    question: &row.prompt,
                    status: row.status,
                })
                .collect()
        }),
        fix_first: record
            .fixes
            .iter()
            .map(|f| Fix {
                owner: say(&f.owner),
                what: f.what.clone(),
            })
            .collect(),
        organisation: record.organisation.as_deref(),
        questionnaire: &a.questionnaire,
        revisit: record
            .revisit
            .iter()
            .map(|r| Revisit {
                date: r.date.map(|d| d.to_string()),
                when: say(&r.when),
            })
            .collect(),
        status: record.meta.status.id(),
        summary: Summary {
            ask: s.ask.iter().map(say).collect(),
            cost: s.cost.as_ref().map(say),
            decision: say(&s.decision),
            leaning: a.leaning.id(),
            reasons: &s.reasons,
            recommendation: a.recommendation.id(),
            time_to_value: say(&s.time_to_value),
            top_risk: say(&s.top_risk),
        },
        time_to_value: record
            .time_to_value
            .milestones
            .iter()
            .map(|m| Milestone {
                milestone: &m.what,
                months: m.months.map(|(lo, hi)| [round(lo), round(hi)]),
                option: m.option.id(),
                status: m.fit.id(),
            })
            .collect(),
        weights: &a.weights,
    };
    crate::render::json::pretty(&value)
}
