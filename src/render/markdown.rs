//! Markdown output for pull-request comments and CI job summaries: headings and pipe tables
//! only, no raw HTML, so any code-hosting viewer renders it. User text is escaped so it cannot
//! break a table or inject markup.

use super::{TOP_REASONS, lean_words, question_label, signed};
use crate::engine::{Assessment, Counterfactual, OptionStatus, WHAT_IF_DRAWS};
use crate::value::Num;

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
        for line in assessment.rationale.iter().take(TOP_REASONS) {
            out.push_str(&format!(
                "| {} | `{}` = {} | {} |\n",
                signed(line.points),
                line.answer,
                escape(&line.value),
                escape(&line.effect)
            ));
        }
    }

    list(
        &mut out,
        "Blockers",
        assessment.blockers.iter().map(|b| escape(&b.message)),
    );
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
    if let (Some(robustness), Some(counterfactuals)) =
        (assessment.robustness, &assessment.counterfactuals)
    {
        what_would_change(&mut out, robustness, counterfactuals);
    }
    out
}

fn what_would_change(out: &mut String, robustness: f64, counterfactuals: &[Counterfactual]) {
    out.push_str(&format!(
        "\n### What would change it\n\nThe recommendation held in {}% of {} random variations of the weights (each ±25%).\n\n",
        Num(robustness * 100.0),
        crate::report::money(WHAT_IF_DRAWS as f64)
    ));
    let (lines, more) = super::what_if_lines(counterfactuals);
    if lines.is_empty() {
        out.push_str(&format!("{}\n", super::NO_COUNTERFACTUAL));
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

/// Escapes text for a Markdown table cell or list item: characters that start markup become
/// literal, `|` cannot end a cell, newlines cannot end a row, and `<` cannot open a tag.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word (`dedicated_team`) cannot start emphasis in CommonMark,
        // so it stays as it is and the source stays readable.
        let inside_word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|n| n.is_alphanumeric())
        };
        if c == '_' && inside_word(i.checked_sub(1)) && inside_word(Some(i + 1)) {
            out.push(c);
            continue;
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Text inside an inline code span: backticks cannot end it early.
pub fn code(text: &str) -> String {
    text.replace('`', "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_a_table_cell_intact() {
        assert_eq!(escape("a|b\nc <script>"), "a\\|b c &lt;script&gt;");
        assert_eq!(escape("dedicated_team"), "dedicated_team");
        assert_eq!(escape("_emphasis_"), "\\_emphasis\\_");
    }
}
