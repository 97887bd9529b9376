//! Terminal output: a short headline and tables drawn with comfy-table. Colour only when the
//! CLI says so (a terminal, `NO_COLOR` unset); width fixed by the caller. Everything fits that
//! width: text outside the tables goes through the one word-wrapper ([`wrap`]), and no table
//! column is narrower than its longest word, so no word is ever split.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{
    Attribute, Cell, CellAlignment, Color, ColumnConstraint, ContentArrangement, Table, Width,
};

use super::{NO_COUNTERFACTUAL, TOP_REASONS, evidence_groups, what_if_lines};
use crate::engine::{Assessment, OptionStatus, WHAT_IF_DRAWS};
use crate::model::{Confidence, Recommendation};
use crate::render::Style;
use crate::render::text::{Num, lean_words, money, question_label, signed, wrap};
use unicode_width::UnicodeWidthStr;

pub fn render(file: &str, assessment: &Assessment, style: Style) -> String {
    let mut out = String::new();
    let title = match assessment.organisation() {
        Some(name) => format!("{file}: {name} (weights: {})", assessment.weights),
        None => format!("{file} (weights: {})", assessment.weights),
    };
    for line in wrap(&title, usize::from(style.width)) {
        out.push_str(&paint(&line, style, "1"));
        out.push('\n');
    }
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
    for line in wrap(&assessment.confidence_reason, usize::from(style.width)) {
        out.push_str(&line);
        out.push('\n');
    }
    out.push('\n');

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
    section(
        &mut out,
        "Evidence from the scan",
        style,
        "1",
        evidence_groups(assessment).into_iter().map(|group| {
            let answers: Vec<String> = group
                .answers
                .iter()
                .map(|a| format!("{} {}", a.id, a.detail).trim_end().to_string())
                .collect();
            format!("{}: {}", group.label, answers.join("; "))
        }),
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
    let names = ["Dimension", "Lean", "Explanation"];
    header(&mut table, &names, style);
    let rows: Vec<Vec<String>> = assessment
        .dimensions
        .iter()
        .map(|d| vec![d.title.clone(), lean_words(d.lean), d.explanation.clone()])
        .collect();
    for row in &rows {
        table.add_row(row.iter().map(Cell::new).collect::<Vec<_>>());
    }
    keep_words(&mut table, &names, &rows);
    table
}

fn reasons_table(assessment: &Assessment, style: Style) -> Table {
    let mut table = base_table(style);
    let names = ["Points", "Answer", "Why"];
    header(&mut table, &names, style);
    let rows: Vec<Vec<String>> = assessment
        .rationale
        .iter()
        .take(TOP_REASONS)
        .map(|line| {
            vec![
                signed(line.points),
                format!("{} = {}", line.answer, line.value),
                line.effect.clone(),
            ]
        })
        .collect();
    for row in &rows {
        let mut cells: Vec<Cell> = row.iter().map(Cell::new).collect();
        cells[0] = Cell::new(&row[0]).set_alignment(CellAlignment::Right);
        table.add_row(cells);
    }
    keep_words(&mut table, &names, &rows);
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
    // Each item indented by two columns, its continuation lines by four.
    let width = usize::from(style.width).saturating_sub(4).max(20);
    for line in lines {
        for (n, part) in wrap(&line, width).iter().enumerate() {
            out.push_str(if n == 0 { "  " } else { "    " });
            out.push_str(part);
            out.push('\n');
        }
    }
}

/// Keeps every column at least as wide as its longest word (and its header's), so the table
/// wraps between words, never inside one.
fn keep_words(table: &mut Table, header: &[&str], rows: &[Vec<String>]) {
    for column in 0..header.len() {
        let longest = rows
            .iter()
            .filter_map(|row| row.get(column))
            .map(String::as_str)
            .chain(header.get(column).copied())
            .flat_map(str::split_whitespace)
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        if let Some(col) = table.column_mut(column) {
            col.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                u16::try_from(longest + 2).unwrap_or(u16::MAX),
            )));
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Model;
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS,
        answers,
    };

    #[test]
    fn at_80_columns_every_line_fits_and_no_word_is_split() {
        let style = Style {
            color: false,
            width: 80,
        };
        for example in [
            PORT_EXAMPLE,
            HYBRID_EXAMPLE,
            NOT_READY_EXAMPLE,
            BACKSTAGE_EXAMPLE,
        ] {
            let assessment =
                Model::new(&QUESTIONNAIRE, &WEIGHTS).assess_with_what_if(&answers(example));
            let text = render("examples/example.toml", &assessment, style);
            for line in text.lines() {
                assert!(line.width() <= 80, "{} columns: {line}", line.width());
            }
            assert!(text.contains("(weights: default)"), "{text}");
            // Every word of the sentences shown is printed whole somewhere.
            let words: Vec<&str> = text.split_whitespace().collect();
            let shown = assessment
                .blockers
                .iter()
                .map(|b| b.message.as_str())
                .chain(assessment.open_questions.iter().map(|o| o.finding.as_str()))
                .chain(
                    assessment
                        .rationale
                        .iter()
                        .take(TOP_REASONS)
                        .map(|r| r.effect.as_str()),
                )
                .chain(assessment.dimensions.iter().map(|d| d.explanation.as_str()));
            for sentence in shown {
                for word in sentence.split_whitespace() {
                    assert!(words.contains(&word), "{word:?} is split in:\n{text}");
                }
            }
        }
    }
}
