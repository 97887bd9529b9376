//! Markdown output for pull-request comments and CI job summaries: headings and pipe tables
//! only, no raw HTML, so any code-hosting viewer renders it. User text is escaped so it cannot
//! break a table or inject markup.

use super::{NO_COUNTERFACTUAL, TOP_REASONS, evidence_groups, what_if_lines};
use crate::engine::{Assessment, Counterfactual, OptionStatus, Rationale, WHAT_IF_DRAWS};
use crate::render::text::{
    Num, escape_markdown as escape, lean_words, markdown_code as code, money, question_label,
    signed,
};

pub fn render(file: &str, assessment: &Assessment) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "## idpfit: {} (confidence: {})\n\n",
        assessment.headline(),
        assessment.confidence
    ));
    let mut facts = vec![format!("**File:** `{}`", code(file))];
    if let Some(name) = assessment.organisation() {
        facts.push(format!("**Organisation:** {}", escape(name)));
    }
    facts.push(format!("**Weights:** {}", escape(&assessment.weights)));
    out.push_str(&facts.join(" · "));
    out.push_str("\n\n");
    out.push_str(&format!("{}\n\n", escape(&assessment.confidence_reason)));

    out.push_str("### Options\n\n| Option | Score | Status |\n|---|---:|---|\n");
    for portal in assessment.options_by_score() {
        let status = match assessment.status(portal) {
            OptionStatus::Recommended => "**recommended**",
            other => other.words(),
        };
        out.push_str(&format!(
            "| {} | {:.1} | {} |\n",
            portal.name(),
            assessment.scores.get(portal),
            status
        ));
    }

    out.push_str("\n### Dimensions\n\n| Dimension | Lean | Explanation |\n|---|---|---|\n");
    for dimension in &assessment.dimensions {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            escape(&dimension.title),
            lean_words(dimension.lean),
            escape(&dimension.explanation)
        ));
    }

    if !assessment.rationale.is_empty() {
        out.push_str(&format!(
            "\n### Top reasons\n\nPoints for {} over its closest rival.\n\n| Points | Answer | Why |\n|---:|---|---|\n",
            assessment.leaning.short_name()
        ));
        let shown = assessment.rationale.len().min(TOP_REASONS);
        out.push_str(&rationale_rows(&assessment.rationale[..shown]));
    }

    list(
        &mut out,
        "Blockers",
        assessment.blockers.iter().map(|b| escape(&b.message)),
    );
    list(&mut out, "Answers that contradict each other", {
        assessment.inconsistencies.iter().map(|i| {
            let answers: Vec<String> = i.answers.iter().map(|a| format!("`{a}`")).collect();
            format!("{} ({})", escape(&i.message), answers.join(", "))
        })
    });
    list(&mut out, "Excluded", {
        assessment
            .excluded
            .iter()
            .map(|e| format!("**{}**: {}", e.option.short_name(), escape(&e.reason)))
    });
    list(&mut out, "Open questions before committing", {
        assessment
            .open_questions
            .iter()
            .map(|q| format!("**{}** {}", question_label(q.question), escape(&q.finding)))
    });
    list(
        &mut out,
        "Advice",
        assessment.advice.iter().map(|a| escape(&a.message)),
    );
    list(&mut out, "Unknown answers", {
        assessment.unknowns.iter().map(|u| {
            let outcomes: Vec<String> = u
                .outcomes
                .iter()
                .map(|o| format!("{} → {}", escape(&o.value), o.recommendation))
                .collect();
            let verdict = if u.decisive {
                "could change the result"
            } else {
                "does not change the result"
            };
            format!("`{}` {}: {}", u.answer, verdict, outcomes.join(", "))
        })
    });
    list(&mut out, "Missing answers (scored as unknown)", {
        assessment.missing.iter().map(|m| format!("`{m}`"))
    });
    list(&mut out, "Evidence from the scan", {
        evidence_groups(assessment).into_iter().map(|group| {
            let answers: Vec<String> = group
                .answers
                .iter()
                .map(|a| {
                    format!("`{}` {}", a.id, escape(&a.detail))
                        .trim_end()
                        .to_string()
                })
                .collect();
            format!("**{}**: {}", group.label, answers.join("; "))
        })
    });
    if let Some(counterfactuals) = &assessment.counterfactuals {
        what_would_change(&mut out, assessment.robustness, counterfactuals);
    }
    out
}

fn what_would_change(out: &mut String, robustness: f64, counterfactuals: &[Counterfactual]) {
    out.push_str(&format!(
        "\n### What would change it\n\nThe recommendation held in {}% of {} random variations of the weights (each ±25%).\n\n",
        Num(robustness * 100.0),
        money(WHAT_IF_DRAWS as f64)
    ));
    let (lines, more) = what_if_lines(counterfactuals);
    if lines.is_empty() {
        out.push_str(&format!("{}\n", NO_COUNTERFACTUAL));
    }
    for line in lines {
        out.push_str(&format!("- {}\n", escape(line)));
    }
    if more > 0 {
        out.push_str(&format!(
            "- … {more} more in `idpfit report` and `--format json`.\n"
        ));
    }
}

/// Rationale lines as rows of a `| Points | Answer | Why |` table, the decision record's too.
pub fn rationale_rows(lines: &[Rationale]) -> String {
    lines
        .iter()
        .map(|line| {
            format!(
                "| {} | `{}` = {} | {} |\n",
                signed(line.points),
                line.answer,
                escape(&line.value),
                escape(&line.effect)
            )
        })
        .collect()
}

fn list(out: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("\n### {title}\n\n"));
    for item in items {
        out.push_str(&format!("- {item}\n"));
    }
}
