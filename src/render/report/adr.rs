//! The decision record as an architecture decision record in MADR 4 form, so log4brains and
//! other ADR tools read it: YAML front matter with `status`, `date` and the people involved,
//! then MADR's headings (Context and Problem Statement, Decision Drivers, Considered Options,
//! Decision Outcome with Consequences and Confirmation, Pros and Cons of the Options). It lays
//! out the same record as the other formats, in MADR's order.

use super::markdown::evidence_table;
use super::words::{self, say};
use crate::engine::OptionStatus;
use crate::model::Recommendation;
use crate::render::text::{escape_markdown as esc, lean_words};
use crate::report::{DecisionRecord, lower_first};

pub fn render(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let m = &record.meta;
    let mut out = String::from("---\n");
    out.push_str(&format!("status: {}\n", m.status.id()));
    out.push_str(&format!("date: {}\n", m.date));
    if let Some(approver) = &m.approver {
        out.push_str(&format!("decision-makers: {}\n", yaml(approver)));
    }
    if !m.authors.is_empty() {
        let names: Vec<String> = m.authors.iter().map(|n| yaml(n)).collect();
        out.push_str(&format!("consulted: [{}]\n", names.join(", ")));
    }
    out.push_str("---\n\n");
    let subject = record
        .organisation
        .as_deref()
        .map_or_else(|| "the organisation".to_string(), esc);
    out.push_str(&format!(
        "# Internal developer portal for {subject}: {}\n\n",
        a.headline()
    ));

    out.push_str("## Context and Problem Statement\n\n");
    out.push_str(&format!(
        "Which internal developer portal should {subject} adopt: Backstage, Port, a hybrid of the two, or none yet? {}\n",
        esc(&say(&record.summary.decision))
    ));
    for line in &record.summary.ask {
        out.push_str(&format!("\n* {}", esc(&say(line))));
    }
    out.push('\n');

    out.push_str("\n## Decision Drivers\n\n");
    for d in &record.dimensions {
        out.push_str(&format!(
            "* {} ({}): {}\n",
            esc(&d.title),
            lean_words(d.lean),
            esc(&d.why)
        ));
    }
    for fix in &record.fixes {
        out.push_str(&format!("* Blocker: {}\n", esc(&fix.what)));
    }
    for contradiction in &record.contradictions {
        out.push_str(&format!("* Contradiction: {}\n", esc(contradiction)));
    }

    out.push_str("\n## Considered Options\n\n");
    for row in &record.options {
        out.push_str(&format!("* {}\n", row.option.name()));
    }
    out.push_str("* Not yet: fix the foundations first\n");

    out.push_str("\n## Decision Outcome\n\n");
    let chosen = match a.recommendation {
        Recommendation::NotReady => "Not yet: fix the foundations first".to_string(),
        other => other.name().to_string(),
    };
    let reasons: Vec<String> = record
        .summary
        .reasons
        .iter()
        .map(|r| lower_first(r.trim_end_matches('.')))
        .collect();
    out.push_str(&format!(
        "Chosen option: \"{chosen}\", because {}.\n",
        esc(&reasons.join("; "))
    ));
    out.push_str("\n### Consequences\n\n");
    let c = &record.consequences;
    for line in c.waiting_gains.iter().chain(&c.gains) {
        out.push_str(&format!(
            "* Good, because {}\n",
            esc(&lower_first(&say(line)))
        ));
    }
    for line in c.waiting_costs.iter().chain(&c.costs) {
        out.push_str(&format!(
            "* Bad, because {}\n",
            esc(&lower_first(&say(line)))
        ));
    }
    out.push_str("\n### Confirmation\n\n");
    for cp in &record.checkpoints {
        out.push_str(&format!(
            "* {}: {}; metric: {} ({}); owner: {}.\n",
            words::month(cp.date),
            esc(&cp.target),
            esc(&cp.metric),
            esc(&cp.baseline.to_lowercase()),
            esc(&cp.owner)
        ));
    }

    out.push_str("\n## Pros and Cons of the Options\n");
    for row in &record.options {
        out.push_str(&format!("\n### {}\n\n", row.option.name()));
        let status = match row.status {
            OptionStatus::Eligible => String::new(),
            other => format!(", {}", other.words()),
        };
        out.push_str(&format!("Fit {:.1} of 100{status}.\n\n", row.score));
        if let Some(reason) = &row.excluded {
            out.push_str(&format!("* Bad, because {}\n", esc(&lower_first(reason))));
        }
        let prose = record_prose(record, row.option);
        for line in &prose.0 {
            out.push_str(&format!("* Good, because {}\n", esc(&lower_first(line))));
        }
        for line in &prose.1 {
            out.push_str(&format!("* Bad, because {}\n", esc(&lower_first(line))));
        }
    }
    out.push_str("\n### Not yet\n\n");
    out.push_str(&format!(
        "* Neutral, because {}\n",
        esc(&lower_first(&say(&record.summary.top_risk)))
    ));
    if let Some(evidence) = &record.evidence {
        out.push_str(&format!(
            "\n## More Information\n\n### {}\n\n{}\n\n{}",
            words::EVIDENCE_TITLE,
            esc(words::EVIDENCE_INTRO),
            evidence_table(evidence)
        ));
    }
    out
}

/// The gains and costs of `option` as the record words them: the record carries them for the
/// option it is about; the others are named by their milestones and costs alone.
fn record_prose(
    record: &DecisionRecord<'_>,
    option: crate::model::Portal,
) -> (Vec<String>, Vec<String>) {
    if record.consequences.option == option {
        let c = &record.consequences;
        return (
            c.gains.iter().map(say).collect(),
            c.costs.iter().map(say).collect(),
        );
    }
    let time = record
        .time_to_value
        .milestones
        .iter()
        .filter(|m| m.option == option)
        .map(|m| {
            format!(
                "{} in {} ({})",
                lower_first(&m.what),
                words::months(m.months, m.in_weeks),
                words::fit(m.fit)
            )
        })
        .collect();
    (time, Vec::new())
}

/// A YAML scalar: quoted, with quotes and backslashes escaped.
fn yaml(text: &str) -> String {
    format!(
        "\"{}\"",
        text.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', " ")
    )
}
