//! The decision record as Markdown: headings, pipe tables and lists only, no raw HTML, so it
//! renders on any code-hosting viewer and can be pasted into a pull request or a wiki. The
//! summary comes first; ids appear only in the appendix. Every piece of text that comes from
//! the answers or the data files is escaped.

use super::words::{self, say};
use crate::render::text::{escape_markdown as esc, fte, lean_words, money_in};
use crate::report::{DecisionRecord, EvidenceSection, Phrase};

pub fn render(record: &DecisionRecord<'_>) -> String {
    let mut out = String::new();
    let a = record.assessment;
    let s = &record.summary;
    let title = record.organisation.as_deref().map_or_else(
        || "Internal developer portal: decision record".to_string(),
        |name| format!("Internal developer portal for {}", esc(name)),
    );
    out.push_str(&format!("# {title}\n\n"));

    // Summary
    out.push_str("## Summary\n\n");
    out.push_str(&format!("**{}**\n\n", esc(&say(&s.decision))));
    out.push_str(&format!("{}\n\n", meta_line(record)));
    out.push_str("Why:\n\n");
    for (n, reason) in s.reasons.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, esc(reason)));
    }
    let ask_title = if record.fixes.is_empty() {
        "The ask: leadership approves"
    } else {
        "The ask: fix first, then re-assess"
    };
    out.push_str(&format!("\n{ask_title}:\n\n"));
    for line in &s.ask {
        out.push_str(&format!("- {}\n", esc(&say(line))));
    }
    out.push('\n');
    if !s.time_to_value.is_empty() {
        out.push_str(&format!(
            "- **Time to value:** {}\n",
            esc(&say(&s.time_to_value))
        ));
    }
    if let Some(cost) = &s.cost {
        out.push_str(&format!("- **Cost:** {}\n", esc(&say(cost))));
    }
    out.push_str(&format!("- **Top risk:** {}\n", esc(&say(&s.top_risk))));
    out.push_str(&format!(
        "- **Confidence:** {}. {}\n",
        a.confidence,
        esc(&a.confidence_reason)
    ));

    // Options
    out.push_str(
        "\n## How the options compare\n\n| Option | Fit (0-100) | Status |\n|---|---:|---|\n",
    );
    for row in &record.options {
        let status = match &row.excluded {
            Some(reason) => format!("ruled out: {}", esc(reason)),
            None => row.status.words().to_string(),
        };
        out.push_str(&format!(
            "| {} | {:.1} | {status} |\n",
            row.option.name(),
            row.score
        ));
    }
    out.push_str("\n| Dimension | Leans | Why |\n|---|---|---|\n");
    for d in &record.dimensions {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            esc(&d.title),
            lean_words(d.lean),
            esc(&d.why)
        ));
    }

    // Five questions
    let open = record
        .core_questions
        .iter()
        .filter(|q| !q.settled())
        .count();
    out.push_str(&format!(
        "\n## Five questions before committing\n\n{} of {} settled.\n\n| Question | Status | Findings |\n|---|---|---|\n",
        record.core_questions.len() - open,
        record.core_questions.len()
    ));
    for item in &record.core_questions {
        let (status, findings) = if item.settled() {
            ("settled", String::new())
        } else {
            (
                "open",
                item.findings
                    .iter()
                    .map(|f| esc(f))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        out.push_str(&format!(
            "| {}. {} | {status} | {findings} |\n",
            item.number,
            esc(&item.title)
        ));
    }

    if !record.contradictions.is_empty() {
        out.push_str("\n## Answers that contradict each other\n\nEach lowers the confidence; settle them before the decision is taken.\n\n");
        for contradiction in &record.contradictions {
            out.push_str(&format!("- {}\n", esc(contradiction)));
        }
    }

    evidence(&mut out, record);

    // Time to value
    let t = &record.time_to_value;
    out.push_str("\n## Time to value\n\n| Option | Milestone | Typically | Against the deadline |\n|---|---|---|---|\n");
    for m in &t.milestones {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            m.option.name(),
            esc(&m.what),
            words::months(m.months, m.in_weeks),
            words::fit(m.fit)
        ));
    }
    push_notes(&mut out, &t.notes);

    // Cost
    if let Some(cost) = &record.cost {
        out.push_str(
            "\n## Cost\n\n| Option | Staffing | Per year | Two years |\n|---|---|---:|---:|\n",
        );
        let currency = cost.currency.as_deref();
        for o in &cost.options {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                o.option.name(),
                fte(o.fte.0, o.fte.1),
                money_in(o.per_year, currency),
                money_in(o.two_years(), currency)
            ));
        }
        if let Some(line) = &cost.break_even_words {
            out.push_str(&format!("\n{}\n", esc(&say(line))));
        }
        out.push_str("\nAssumptions:\n\n");
        out.push_str(&format!("- {}\n", esc(&say(&cost.figures))));
        for o in &cost.options {
            for assumption in &o.assumptions {
                out.push_str(&format!("- {}\n", esc(&say(assumption))));
            }
        }
    }

    // Consequences
    let c = &record.consequences;
    out.push_str("\n## Consequences\n\n");
    if !c.waiting_gains.is_empty() || !c.waiting_costs.is_empty() {
        out.push_str("Of waiting:\n\n");
        push_good_bad(&mut out, &c.waiting_gains, &c.waiting_costs);
        out.push_str(&format!("\nOf {}, once ready:\n\n", c.option.name()));
    } else {
        out.push_str(&format!("Of choosing {}:\n\n", c.option.name()));
    }
    push_good_bad(&mut out, &c.gains, &c.costs);
    if !record.migration.is_empty() {
        out.push_str("\nFrom the portal you run today:\n\n");
        for line in &record.migration {
            out.push_str(&format!("- {}\n", esc(&say(line))));
        }
    }
    if !record.guidance.is_empty() {
        out.push_str("\nGuidance:\n\n");
        for line in &record.guidance {
            out.push_str(&format!("- {}\n", esc(line)));
        }
    }

    // Checkpoints
    out.push_str("\n## Checkpoints\n\n| Review | Target | Metric | Baseline | Owner |\n|---|---|---|---|---|\n");
    for cp in &record.checkpoints {
        out.push_str(&format!(
            "| {} (month {}) | {} | {} | {} | {} |\n",
            words::month(cp.date),
            cp.month,
            esc(&cp.target),
            esc(&cp.metric),
            esc(&cp.baseline),
            esc(&cp.owner)
        ));
    }
    out.push_str("\nRevisit the decision:\n\n");
    for r in &record.revisit {
        match r.date {
            Some(date) => out.push_str(&format!(
                "- By {}: {}\n",
                words::month(date),
                esc(&say(&r.when))
            )),
            None => out.push_str(&format!("- {}\n", esc(&say(&r.when)))),
        }
    }

    // What would change it
    let sens = &record.sensitivity;
    out.push_str(&format!(
        "\n## What would change the decision\n\n{}\n\n",
        esc(&words::robustness(a))
    ));
    for line in words::unknowns(&sens.unknowns) {
        out.push_str(&format!("- {}\n", esc(&line)));
    }
    if sens.singles.is_empty() && sens.pairs.is_empty() {
        out.push_str(&format!("- {}\n", words::no_change(a.recommendation)));
    }
    for c in sens.singles.iter().chain(&sens.pairs) {
        out.push_str(&format!("- {}\n", esc(&c.summary)));
    }
    if sens.more > 0 {
        out.push_str(&format!("- … and {} more such changes.\n", sens.more));
    }

    // Appendix
    out.push_str(&format!(
        "\n## Appendix: the answers\n\nFor the platform team: the answers file {} (questionnaire {}, weights {}).\n\n| Answer | Question | Given |\n|---|---|---|\n",
        esc(&record.file_name),
        esc(&a.questionnaire),
        esc(&a.weights)
    ));
    for row in &record.answers {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            row.id,
            esc(&row.prompt),
            esc(&row.answer)
        ));
    }
    out
}

/// The Evidence section, when the answers were weighed against a scan.
fn evidence(out: &mut String, record: &DecisionRecord<'_>) {
    let Some(evidence) = &record.evidence else {
        return;
    };
    out.push_str(&format!(
        "\n## {}\n\n{}\n\n{}",
        words::EVIDENCE_TITLE,
        esc(words::EVIDENCE_INTRO),
        evidence_table(evidence)
    ));
}

/// The Evidence table and the line under it, as the Markdown and ADR records show them.
pub(super) fn evidence_table(evidence: &EvidenceSection) -> String {
    let mut out = format!(
        "| {} |\n|---|---|---|---|---|\n",
        words::EVIDENCE_COLUMNS.join(" | ")
    );
    for row in &evidence.rows {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            esc(&row.prompt),
            esc(&row.answered),
            esc(words::measured(row)),
            row.status.words(),
            esc(&words::evidence_cell(row))
        ));
    }
    if let Some(line) = words::not_scanned(evidence.not_scanned) {
        out.push_str(&format!("\n{line}\n"));
    }
    out
}

/// Date, status, authors and approver on one line.
pub(super) fn meta_line(record: &DecisionRecord<'_>) -> String {
    let m = &record.meta;
    let mut parts = vec![
        format!("Date: {}", m.date),
        format!("Status: {}", words::status(m.status)),
    ];
    if !m.authors.is_empty() {
        parts.push(format!("By: {}", esc(&m.authors.join(", "))));
    }
    parts.push(format!(
        "Approver: {}",
        m.approver
            .as_deref()
            .map_or_else(|| "to be named".to_string(), esc)
    ));
    parts.join(" · ")
}

fn push_notes(out: &mut String, notes: &[Phrase]) {
    if notes.is_empty() {
        return;
    }
    out.push('\n');
    for note in notes {
        out.push_str(&format!("{}\n", esc(&say(note))));
    }
}

fn push_good_bad(out: &mut String, gains: &[Phrase], costs: &[Phrase]) {
    for line in gains {
        out.push_str(&format!("- Gain: {}\n", esc(&say(line))));
    }
    for line in costs {
        out.push_str(&format!("- Cost: {}\n", esc(&say(line))));
    }
}
