//! Terminal output: a short headline and tables drawn with comfy-table. Colour only when the
//! CLI says so (a terminal, `NO_COLOR` unset); width fixed by the caller.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::{NO_COUNTERFACTUAL, TOP_REASONS, what_if_lines};
use crate::engine::{Assessment, OptionStatus, WHAT_IF_DRAWS};
use crate::model::{Confidence, Recommendation};
use crate::render::Style;
use crate::render::text::{Num, lean_words, money, question_label, signed};

pub fn render(file: &str, assessment: &Assessment, style: Style) -> String {
    let mut out = String::new();
    let title = match assessment.organisation() {
        Some(name) => format!("{file}: {name}"),
        None => file.to_string(),
    };
    out.push_str(&paint(&title, style, "1"));
    out.push('\n');
    let verdict_color = match assessment.recommendation {
        Recommendation::NotReady => "1;33",
        _ => "1;32",
    };
    out.push_str(&format!(
        "Recommendation: {}   confidence: {}\n",
        paint(&assessment.headline(), style, verdict_color),
        paint(
            assessment.confidence.id(),
            style,
            confidence_color(assessment.confidence)
        ),
    ));
    out.push_str(&assessment.confidence_reason);
    out.push_str("\n\n");

    out.push_str(&options_table(assessment, style).to_string());
    out.push_str("\n\n");
    out.push_str(&dimensions_table(assessment, style).to_string());
    out.push('\n');

    if !assessment.rationale.is_empty() {
        out.push_str(&format!(
            "\nTop reasons (points for {} over its closest rival)\n",
            assessment.leaning.short_name()
        ));
        out.push_str(&reasons_table(assessment, style).to_string());
        out.push('\n');
    }
    section(
        &mut out,
        "Blockers: fix these before choosing a portal",
        style,
        "1;31",
        {
            assessment
                .blockers
                .iter()
                .map(|b| format!("✗ {}", b.message))
        },
    );
    section(
        &mut out,
        "Answers that contradict each other",
        style,
        "1;33",
        assessment
            .inconsistencies
            .iter()
            .map(|i| format!("! {} ({})", i.message, i.answers.join(", "))),
    );
    section(&mut out, "Excluded", style, "1", {
        assessment
            .excluded
            .iter()
            .map(|e| format!("{}: {}", e.option.short_name(), e.reason))
    });
    section(&mut out, "Open questions before committing", style, "1", {
        assessment
            .open_questions
            .iter()
            .map(|q| format!("{} {}", question_label(q.question), q.finding))
    });
    section(&mut out, "Advice", style, "1", {
        assessment.advice.iter().map(|a| format!("→ {}", a.message))
    });
    section(&mut out, "Unknown answers", style, "1", {
        assessment.unknowns.iter().map(|u| {
            let outcomes: Vec<String> = u
                .outcomes
                .iter()
                .map(|o| format!("{} → {}", o.value, o.recommendation))
                .collect();
            let verdict = if u.decisive {
                "could change the result"
            } else {
                "does not change the result"
            };
            format!("{} {}: {}", u.answer, verdict, outcomes.join(", "))
        })
    });
    section(
        &mut out,
        "Missing answers (scored as unknown)",
        style,
        "1;33",
        assessment.missing.iter().cloned(),
    );
    if let Some(counterfactuals) = &assessment.counterfactuals {
        let robustness = assessment.robustness;
        let mut lines = vec![format!(
            "Held in {}% of {} random variations of the weights (each ±25%).",
            Num(robustness * 100.0),
            money(WHAT_IF_DRAWS as f64)
        )];
        let (changes, more) = what_if_lines(counterfactuals);
        if changes.is_empty() {
            lines.push(NO_COUNTERFACTUAL.to_string());
        }
        lines.extend(changes.into_iter().map(|l| format!("• {l}")));
        if more > 0 {
            lines.push(format!("… {more} more in idpfit report and --format json."));
        }
        section(
            &mut out,
            "What would change it",
            style,
            "1",
            lines.into_iter(),
        );
    }
    out
}

fn base_table(style: Style) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width);
    if !style.color {
        table.force_no_tty();
    } else {
        table.enforce_styling();
    }
    table
}

fn header(table: &mut Table, names: &[&str], style: Style) {
    let cells: Vec<Cell> = names
        .iter()
        .map(|n| {
            let cell = Cell::new(n);
            if style.color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        })
        .collect();
    table.set_header(cells);
}

fn options_table(assessment: &Assessment, style: Style) -> Table {
    let mut table = base_table(style);
    header(&mut table, &["Option", "Score", "", "Status"], style);
    for portal in assessment.options_by_score() {
        let score = assessment.scores.get(portal);
        let status = assessment.status(portal);
        let mut status_cell = Cell::new(status.words());
        if style.color {
            status_cell = match status {
                OptionStatus::Recommended => {
                    status_cell.fg(Color::Green).add_attribute(Attribute::Bold)
                }
                OptionStatus::Excluded => status_cell.fg(Color::DarkGrey),
                OptionStatus::Eligible => status_cell,
                OptionStatus::LeaningBlocked => status_cell.fg(Color::Yellow),
            };
        }
        table.add_row(vec![
            Cell::new(portal.name()),
            Cell::new(format!("{score:.1}")).set_alignment(CellAlignment::Right),
            Cell::new(bar(score)),
            status_cell,
        ]);
    }
    table
}

fn dimensions_table(assessment: &Assessment, style: Style) -> Table {
    let mut table = base_table(style);
    header(&mut table, &["Dimension", "Lean", "Explanation"], style);
    for dimension in &assessment.dimensions {
        table.add_row(vec![
            Cell::new(&dimension.title),
            Cell::new(lean_words(dimension.lean)),
            Cell::new(&dimension.explanation),
        ]);
    }
    table
}

fn reasons_table(assessment: &Assessment, style: Style) -> Table {
    let mut table = base_table(style);
    header(&mut table, &["Points", "Answer", "Why"], style);
    for line in assessment.rationale.iter().take(TOP_REASONS) {
        table.add_row(vec![
            Cell::new(signed(line.points)).set_alignment(CellAlignment::Right),
            Cell::new(format!("{} = {}", line.answer, line.value)),
            Cell::new(&line.effect),
        ]);
    }
    table
}

/// A titled list of lines; nothing at all when the list is empty.
fn section(
    out: &mut String,
    title: &str,
    style: Style,
    color: &str,
    lines: impl Iterator<Item = String>,
) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&paint(title, style, color));
    out.push('\n');
    for line in lines {
        out.push_str("  ");
        out.push_str(&line);
        out.push('\n');
    }
}

/// A 20-cell bar for a 0-100 score.
fn bar(score: f64) -> String {
    let filled = (score / 5.0).round().clamp(0.0, 20.0) as usize;
    format!("{}{}", "█".repeat(filled), "·".repeat(20 - filled))
}

fn confidence_color(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::High => "32",
        Confidence::Medium => "33",
        Confidence::Low => "31",
    }
}

/// Wraps text in an ANSI SGR sequence when colour is on.
fn paint(text: &str, style: Style, sgr: &str) -> String {
    if style.color {
        format!("\u{1b}[{sgr}m{text}\u{1b}[0m")
    } else {
        text.to_string()
    }
}
