//! The decision record as Markdown: headings, pipe tables and lists only, no raw HTML, so it
//! renders on any code-hosting viewer and can be pasted into a pull request or a CI job
//! summary. Bars are drawn with block characters inside code spans. Every piece of text that
//! comes from the answers or the data files is escaped.

use super::words;
use crate::engine::OptionStatus;
use crate::render::score::markdown::rationale_rows;
use crate::render::text::{
    Num, escape_markdown as escape, lean_words, markdown_code as code, money_range, question_label,
};
use crate::report::DecisionRecord;

pub fn render(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let mut out = String::new();
    let subject = record
        .organisation
        .as_deref()
        .map_or_else(|| code(&record.file), escape);
    out.push_str(&format!(
        "# Internal developer portal: decision record for {subject}\n\n"
    ));
    let mut summary = vec![
        format!("**Recommendation: {}**", record.headline),
        format!("confidence: {}", a.confidence),
    ];
    if let Some(share) = record.sensitivity.robustness {
        summary.push(format!("held in {}% of weight variations", Num(share)));
    }
    out.push_str(&summary.join(" · "));
    out.push_str("\n\n");

    // Context
    out.push_str("## Context\n\n| | |\n|---|---|\n");
    if let Some(name) = &record.organisation {
        out.push_str(&format!("| Organisation | {} |\n", escape(name)));
    }
    if let Some(engineers) = &record.engineers {
        out.push_str(&format!(
            "| Engineers | {} (context only: headcount never decides) |\n",
            escape(engineers)
        ));
    }
    out.push_str(&format!(
        "| Answers file | `{}` |\n| Questionnaire | {} |\n| Weights | {} |\n",
        code(&record.file),
        escape(&a.questionnaire),
        escape(&a.weights)
    ));
    if !record.mattered.is_empty() {
        out.push_str("\nThe answers that mattered most:\n\n| Question | Answer |\n|---|---|\n");
        for row in &record.mattered {
            out.push_str(&format!(
                "| {} | {} |\n",
                escape(&row.prompt),
                escape(&row.answer)
            ));
        }
    }

    // Options
    out.push_str("\n## Options considered\n\n| Option | Score | | Status |\n|---|---:|---|---|\n");
    for portal in a.options_by_score() {
        let score = a.scores.get(portal);
        let status = match a.status(portal) {
            OptionStatus::Excluded => {
                let reason = a
                    .excluded
                    .iter()
                    .find(|e| e.option == portal)
                    .map(|e| escape(&e.reason))
                    .unwrap_or_default();
                format!("excluded: {reason}")
            }
            OptionStatus::Recommended => "**recommended**".to_string(),
            other => other.words().to_string(),
        };
        out.push_str(&format!(
            "| {} | {:.1} | `{}` | {} |\n",
            portal.name(),
            score,
            score_bar(score),
            status
        ));
    }
    out.push_str("\nScores run from 0 to 100: how well the answers fit each option.\n");

    // Dimensions
    out.push_str(
        "\n## The four dimensions\n\n| Dimension | Lean | Port ← → Backstage | Why |\n|---|---|---|---|\n",
    );
    for dimension in &a.dimensions {
        out.push_str(&format!(
            "| {} | {} | `{}` | {} |\n",
            escape(&dimension.title),
            lean_words(dimension.lean),
            lean_bar(dimension.lean),
            escape(&dimension.explanation)
        ));
    }

    // Decision
    out.push_str(&format!("\n## Decision\n\n{}\n", escape(&record.decision)));
    if !record.fix_first.is_empty() {
        out.push_str("\n### Fix first\n\n");
        for (n, item) in record.fix_first.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, escape(item)));
        }
    }
    if !record.drivers.is_empty() {
        out.push_str(&format!(
            "\n### Top drivers\n\nScore points each answer put between {} and its closest rival.\n\n| Points | Answer | Why |\n|---:|---|---|\n",
            a.leaning.name()
        ));
        out.push_str(&rationale_rows(record.drivers));
    }
    if !a.advice.is_empty() {
        out.push_str("\n### Guidance\n\n");
        for advice in &a.advice {
            out.push_str(&format!("- {}\n", escape(&advice.message)));
        }
    }

    // Exclusions and blockers
    out.push_str("\n## Exclusions and blockers\n\n");
    if a.excluded.is_empty() && a.blockers.is_empty() {
        out.push_str("None: every option stayed eligible and no blocker applies.\n");
    }
    for exclusion in &a.excluded {
        out.push_str(&format!(
            "- **{} excluded.** {}\n",
            exclusion.option.name(),
            escape(&exclusion.reason)
        ));
    }
    for blocker in &a.blockers {
        out.push_str(&format!(
            "- **Blocker (`{}`).** {}\n",
            code(&blocker.id),
            escape(&blocker.message)
        ));
    }

    // Five questions
    let open = record
        .core_questions
        .iter()
        .filter(|q| !q.settled())
        .count();
    out.push_str(&format!(
        "\n## The five questions to settle before committing\n\n{} of {} settled.{}\n",
        record.core_questions.len() - open,
        record.core_questions.len(),
        if open > 0 {
            " Each finding below is an open item before committing."
        } else {
            ""
        }
    ));
    for item in &record.core_questions {
        let status = if item.settled() { "settled" } else { "open" };
        out.push_str(&format!(
            "\n### {} {}: {status}\n\n*{}*\n\n",
            question_label(Some(item.number)),
            escape(&item.title),
            escape(&item.text)
        ));
        for row in &item.answers {
            out.push_str(&format!(
                "- {} **{}**\n",
                escape(&row.prompt),
                escape(&row.answer)
            ));
        }
        for finding in &item.findings {
            out.push_str(&format!("- Finding: {}\n", escape(finding)));
        }
    }

    // Time to value
    let ttv = &record.time_to_value;
    let against = ttv.expected_months.map_or_else(
        || "Against leadership's expectation".to_string(),
        |m| format!("Against {} months", Num(m)),
    );
    out.push_str(&format!(
        "\n## Time to value\n\n{}\n\n| Option | Milestone | Typically | Months | {against} |\n|---|---|---|---|---|\n",
        escape(&ttv.verdict)
    ));
    for milestone in &ttv.milestones {
        let months = if (milestone.to_months - milestone.from_months).abs() < 1e-9 {
            format!("{}", Num(milestone.from_months))
        } else {
            format!("{:.1}-{:.1}", milestone.from_months, milestone.to_months)
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            milestone.option.name(),
            milestone.what,
            milestone.typical,
            months,
            milestone.fit.words()
        ));
    }

    // Consequences
    let c = &record.consequences;
    out.push_str("\n## Consequences\n\n");
    if !c.not_yet.is_empty() {
        out.push_str("Of waiting:\n\n");
        for line in &c.not_yet {
            out.push_str(&format!("- {line}\n"));
        }
        out.push_str(&format!(
            "\nOf {}, once the foundations are fixed:\n\n",
            c.option.name()
        ));
    } else {
        out.push_str(&format!("Of choosing {}:\n\n", c.option.name()));
    }
    for line in &c.gains {
        out.push_str(&format!("- Gain: {line}\n"));
    }
    for line in &c.costs {
        out.push_str(&format!("- Cost: {line}\n"));
    }

    // Migration
    if let Some(m) = &record.migration {
        out.push_str(&format!(
            "\n## Migration\n\n| Current portal | Months invested | Custom plugins | Main pain |\n|---|---|---|---|\n| {} | {} | {} | {} |\n\n",
            escape(&m.current),
            escape(&m.months_invested),
            escape(&m.custom_plugins),
            escape(&m.pain)
        ));
        for paragraph in &m.paragraphs {
            out.push_str(&format!("{}\n\n", escape(paragraph)));
        }
        out.pop();
    }

    // Cost
    if let Some(cost) = &record.cost {
        out.push_str("\n## Two-year cost\n\n| | Per year | Two years |\n|---|---:|---:|\n");
        for row in &cost.rows {
            let (label, year, two) = (
                escape(&row.label),
                money_range(row.annual),
                money_range(row.two_years()),
            );
            if row.total {
                out.push_str(&format!("| **{label}** | **{year}** | **{two}** |\n"));
            } else {
                out.push_str(&format!("| {label} | {year} | {two} |\n"));
            }
        }
        out.push_str(&format!(
            "\n{}\n\nAssumptions:\n\n",
            escape(&words::cost_reading(cost))
        ));
        for assumption in &words::cost_assumptions(cost) {
            out.push_str(&format!("- {}\n", escape(assumption)));
        }
    }

    // What would change it
    let s = &record.sensitivity;
    let (verdict, decisive) = s
        .unknowns_text
        .split_first()
        .map_or(("", &[][..]), |(v, d)| (v.as_str(), d));
    out.push_str(&format!(
        "\n## What would change the decision\n\n**Weights.** {}\n\n**Unknown answers.** {}\n",
        escape(&words::robustness(a)),
        escape(verdict)
    ));
    if !decisive.is_empty() {
        out.push('\n');
        for line in decisive {
            out.push_str(&format!("- {}\n", escape(line)));
        }
    }
    if s.singles.is_empty() && s.pairs.is_empty() {
        out.push_str(&format!(
            "\n**Answers.** {}\n",
            words::no_change(a.recommendation)
        ));
    }
    if !s.singles.is_empty() {
        out.push_str("\n**One answer.**\n\n");
        for counterfactual in &s.singles {
            out.push_str(&format!("- {}\n", escape(&counterfactual.summary)));
        }
    }
    if !s.pairs.is_empty() {
        out.push_str("\n**Two answers together.**\n\n");
        for counterfactual in &s.pairs {
            out.push_str(&format!("- {}\n", escape(&counterfactual.summary)));
        }
        if s.more_pairs > 0 {
            out.push_str(&format!(
                "- … and {} more pairs (all are in `idpfit score --format json`).\n",
                s.more_pairs
            ));
        }
    }

    // Revisit
    out.push_str("\n## Revisit when\n\n");
    for trigger in &record.revisit {
        out.push_str(&format!("- {}\n", escape(trigger)));
    }

    // Answers
    out.push_str("\n## All answers\n\n| Answer | Question | Given |\n|---|---|---|\n");
    for row in &record.answers {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            row.id,
            escape(&row.prompt),
            escape(&row.answer)
        ));
    }
    out.push_str(&format!(
        "\n---\n\nProduced by idpfit from `{}` with questionnaire {} and weights {}. Re-run `idpfit report` after any answer changes.\n",
        code(&record.file),
        escape(&a.questionnaire),
        escape(&a.weights)
    ));
    out
}

/// A 0-100 score as a 20-cell bar.
fn score_bar(score: f64) -> String {
    let filled = ((score / 5.0).round() as usize).min(20);
    format!("{}{}", "█".repeat(filled), "░".repeat(20 - filled))
}

/// A -100..100 lean as ten cells each side of a centre mark: Port fills leftward, Backstage
/// rightward.
fn lean_bar(lean: i32) -> String {
    let cells = ((lean.unsigned_abs() as f64 / 10.0).round() as usize).min(10);
    let (left, right) = if lean < 0 { (cells, 0) } else { (0, cells) };
    format!(
        "{}{}│{}{}",
        "·".repeat(10 - left),
        "█".repeat(left),
        "█".repeat(right),
        "·".repeat(10 - right)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_show_direction_and_size() {
        assert_eq!(lean_bar(-35), "······████│··········");
        assert_eq!(lean_bar(100), "··········│██████████");
        assert_eq!(lean_bar(0), "··········│··········");
        assert_eq!(score_bar(50.0), "██████████░░░░░░░░░░");
    }
}
