//! The alignment report of `idpfit aggregate`, as a terminal table, Markdown or JSON, and the
//! combined answers file it writes. Each renderer returns a `String`.
//!
//! Order, in every format: respondents, the overall alignment, the must-agree disagreements
//! (blocker-level), the questions in questionnaire order, then what the combined answers score.
//! JSON lists every question; the table and Markdown list only those where answers differ, and
//! count the rest. Within a question, answers are grouped in the order respondents were given.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;
use serde_json::Value as Json;

use super::TeamFormat;
use crate::engine::answer_json::optional_answer_json;
use crate::engine::{Assessment, Blocker};
use crate::model::{Confidence, Portal, Question, Questionnaire, Recommendation, Value};
use crate::render::answers::toml_literal;
use crate::render::text::{comment, escape_markdown as escape};
use crate::render::{self, Style};
use crate::teams::aggregate::{ALIGNMENT_ANSWER, Aggregate, Combined, Rule, responses_text};

/// The alignment report of `aggregate` in `format`.
pub fn render(
    format: TeamFormat,
    questionnaire: &Questionnaire,
    aggregate: &Aggregate,
    assessment: &Assessment,
    style: Style,
) -> String {
    let report = report(questionnaire, aggregate, assessment);
    match format {
        TeamFormat::Table => table(questionnaire, aggregate, &report, assessment, style),
        TeamFormat::Markdown => markdown(questionnaire, aggregate, &report, assessment),
        TeamFormat::Json => render::json::pretty(&report),
    }
}

/// The report as JSON serialises it; also what the other formats read.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub respondents: Vec<String>,
    pub alignment: AlignmentSummary,
    /// Must-agree answers in dispute: each is a blocker-level finding.
    pub not_aligned: Vec<NotAligned>,
    pub questions: Vec<QuestionReport>,
    /// What the combined answers score, as `idpfit score` would report it.
    pub combined: CombinedResult,
}

#[derive(Clone, Debug, Serialize)]
pub struct AlignmentSummary {
    /// Share (0-1, two decimals) of compared questions on which everyone agrees; `null` when
    /// no question was answered by two respondents.
    pub share: Option<f64>,
    pub unanimous: usize,
    pub compared: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct NotAligned {
    pub answer: String,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct QuestionReport {
    pub answer: String,
    /// One entry per respondent, in the order given; `null` value when they left it out.
    pub responses: Vec<Response>,
    /// The combined answer; `null` when it is left out of the combined file.
    pub combined: Json,
    /// How the combined answer was reached, in words.
    pub rule: String,
    /// The answers that tied, when a tie was broken toward the cautious one.
    pub tie: Vec<Json>,
    /// Whether everyone agrees; `null` when not compared.
    pub aligned: Option<bool>,
    /// Share (0-1, two decimals) giving the most common answer; `null` when not compared.
    pub agreement: Option<f64>,
    pub must_agree: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Response {
    pub respondent: String,
    pub value: Json,
}

#[derive(Clone, Debug, Serialize)]
pub struct CombinedResult {
    pub recommendation: Recommendation,
    pub leaning: Portal,
    pub confidence: Confidence,
    pub blockers: Vec<Blocker>,
    /// Required answers the combined file lacks (only when respondents' files were partial).
    pub missing: Vec<String>,
}

/// Builds the report from the aggregate and the assessment of its combined answers.
fn report(questionnaire: &Questionnaire, aggregate: &Aggregate, assessment: &Assessment) -> Report {
    let questions = aggregate
        .questions
        .iter()
        .map(|combined| {
            let question = &questionnaire.questions[combined.question];
            QuestionReport {
                answer: question.id.clone(),
                responses: aggregate
                    .respondents
                    .iter()
                    .zip(&combined.responses)
                    .map(|(name, value)| Response {
                        respondent: name.clone(),
                        value: optional_answer_json(question, value.as_ref()),
                    })
                    .collect(),
                combined: optional_answer_json(question, combined.value.as_ref()),
                rule: combined.rule.describe(question),
                tie: match &combined.rule {
                    Rule::CautiousTie(tied) => tied
                        .iter()
                        .map(|v| optional_answer_json(question, Some(v)))
                        .collect(),
                    _ => Vec::new(),
                },
                aligned: combined.aligned,
                agreement: combined.agreement.map(round2),
                must_agree: question.must_agree,
            }
        })
        .collect();
    Report {
        respondents: aggregate.respondents.clone(),
        alignment: AlignmentSummary {
            share: aggregate.alignment().map(round2),
            unanimous: aggregate.unanimous,
            compared: aggregate.compared,
        },
        not_aligned: aggregate
            .not_aligned
            .iter()
            .map(|&index| {
                let question = &questionnaire.questions[index];
                NotAligned {
                    answer: question.id.clone(),
                    message: format!(
                        "Stakeholders are not aligned on {} ({}): {}.",
                        question.id,
                        question.prompt,
                        responses_text(
                            question,
                            &aggregate.respondents,
                            &aggregate.questions[index].responses
                        )
                    ),
                }
            })
            .collect(),
        questions,
        combined: CombinedResult {
            recommendation: assessment.recommendation,
            leaning: assessment.leaning,
            confidence: assessment.confidence,
            blockers: assessment.blockers.clone(),
            missing: assessment.missing.clone(),
        },
    }
}

fn table(
    questionnaire: &Questionnaire,
    aggregate: &Aggregate,
    report: &Report,
    assessment: &Assessment,
    style: Style,
) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Aggregate of {} respondents: {}\n",
        report.respondents.len(),
        report.respondents.join(", ")
    ));
    out.push_str(&format!("Alignment: {}\n", alignment_words(report)));
    if !report.not_aligned.is_empty() {
        out.push_str(
            "\nNot aligned on answers everyone must agree on (this blocks the decision):\n",
        );
        for item in &report.not_aligned {
            out.push_str(&format!("  ✗ {}\n", item.message));
        }
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(vec!["Question", "Agree", "Answers", "Combined", "How"]);
    if !style.color {
        table.force_no_tty();
    }
    for combined in aggregate
        .questions
        .iter()
        .filter(|c| differs(questionnaire, c))
    {
        let question = &questionnaire.questions[combined.question];
        table.add_row(vec![
            question.id.clone(),
            agree_words(combined).to_string(),
            grouped(question, &aggregate.respondents, combined),
            combined_words(question, combined),
            combined.rule.describe(question),
        ]);
    }
    if let Some(column) = table.column_mut(0) {
        column.set_constraint(ColumnConstraint::ContentWidth);
    }
    out.push_str(&format!(
        "\nWhere answers differ ({})\n",
        same_note(questionnaire, aggregate)
    ));
    out.push_str(&table.to_string());
    out.push('\n');
    out.push_str(&format!(
        "\nThe combined answers score: {} (confidence: {})\n",
        assessment.headline(),
        assessment.confidence
    ));
    for blocker in &assessment.blockers {
        out.push_str(&format!("  ✗ {}\n", blocker.message));
    }
    if let Some(note) = missing_note(assessment) {
        out.push_str(&format!("\n{note}\n"));
    }
    out
}

/// When respondents' files were partial, the combined file may lack required answers.
fn missing_note(assessment: &Assessment) -> Option<String> {
    (!assessment.missing.is_empty()).then(|| {
        format!(
            "Nobody answered {}: the combined file lacks them, so score it with `idpfit score --partial`.",
            assessment.missing.join(", ")
        )
    })
}

fn markdown(
    questionnaire: &Questionnaire,
    aggregate: &Aggregate,
    report: &Report,
    assessment: &Assessment,
) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "## idpfit aggregate: {} respondents\n\n**Respondents:** {} · **Alignment:** {}\n",
        report.respondents.len(),
        escape(&report.respondents.join(", ")),
        alignment_words(report)
    ));
    if !report.not_aligned.is_empty() {
        out.push_str("\n### Not aligned (blocks the decision)\n\n");
        for item in &report.not_aligned {
            out.push_str(&format!("- {}\n", escape(&item.message)));
        }
    }
    out.push_str(&format!(
        "\n### Where answers differ\n\n{}.\n\n| Question | Agree | Answers | Combined | How |\n|---|---|---|---|---|\n",
        same_note(questionnaire, aggregate)
    ));
    for combined in aggregate
        .questions
        .iter()
        .filter(|c| differs(questionnaire, c))
    {
        let question = &questionnaire.questions[combined.question];
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            question.id,
            agree_words(combined),
            escape(&grouped(question, &aggregate.respondents, combined)),
            escape(&combined_words(question, combined).replace('\n', " · ")),
            escape(&combined.rule.describe(question))
        ));
    }
    out.push_str(&format!(
        "\n### The combined answers score\n\n**{}** (confidence: {})\n",
        escape(&assessment.headline()),
        assessment.confidence
    ));
    if !assessment.blockers.is_empty() {
        out.push('\n');
        for blocker in &assessment.blockers {
            out.push_str(&format!("- {}\n", escape(&blocker.message)));
        }
    }
    if let Some(note) = missing_note(assessment) {
        out.push_str(&format!("\n{}\n", escape(&note)));
    }
    out
}

/// Whether a question goes in the human formats: the respondents' answers differ, or the
/// combined answer is not simply everyone's. The alignment answer has its own section.
fn differs(questionnaire: &Questionnaire, combined: &Combined) -> bool {
    let id = &questionnaire.questions[combined.question].id;
    id != ALIGNMENT_ANSWER
        && (combined.aligned == Some(false)
            || !matches!(
                combined.rule,
                Rule::Unanimous | Rule::NotAnswered | Rule::AllUnknown
            ))
}

/// "21 other questions have the same answer from everyone (the JSON format lists them too)".
fn same_note(questionnaire: &Questionnaire, aggregate: &Aggregate) -> String {
    let rest = aggregate
        .questions
        .iter()
        .filter(|c| {
            !differs(questionnaire, c) && questionnaire.questions[c.question].id != ALIGNMENT_ANSWER
        })
        .count();
    format!(
        "{rest} other questions have the same answer from everyone, or no answer; `--format json` lists every question"
    )
}

/// "78% (18 of 23 compared questions unanimous)".
fn alignment_words(report: &Report) -> String {
    let summary = &report.alignment;
    match summary.share {
        Some(share) => format!(
            "{:.0}% ({} of {} compared questions unanimous)",
            share * 100.0,
            summary.unanimous,
            summary.compared
        ),
        None => "not measured (no question was answered by two respondents)".to_string(),
    }
}

fn agree_words(combined: &Combined) -> &'static str {
    match combined.aligned {
        Some(true) => "yes",
        Some(false) => "no",
        None => "—",
    }
}

/// Respondents grouped by answer, in the order first given: "dedicated_team (alice, carol);
/// whoever_has_time (bob)". Texts are shortened; who left it out is not listed.
fn grouped(question: &Question, names: &[String], combined: &Combined) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (name, response) in names.iter().zip(&combined.responses) {
        let Some(value) = response else { continue };
        let shown = match value {
            Value::Text(t) if t.trim().is_empty() => "(none)".to_string(),
            Value::Text(t) => shorten(t, 40),
            other => question.display(other),
        };
        match groups.iter_mut().find(|(s, _)| *s == shown) {
            Some((_, members)) => members.push(name),
            None => groups.push((shown, vec![name])),
        }
    }
    if groups.is_empty() {
        return "(not answered)".to_string();
    }
    groups
        .into_iter()
        .map(|(shown, members)| format!("{shown} ({})", members.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn combined_words(question: &Question, combined: &Combined) -> String {
    match &combined.value {
        None => "(left out)".to_string(),
        Some(Value::Text(t)) if t.trim().is_empty() => "(none)".to_string(),
        Some(Value::Text(t)) => t
            .lines()
            .map(|l| shorten(l, 40))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => question.display(other),
    }
}

/// At most `max` characters, ending in "…" when cut.
fn shorten(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The combined answers as an answers file: a header naming the respondents and the rules,
/// then every combined answer under its section, with the question as a comment and, where the
/// respondents differed, who answered what and how the answer was reached.
pub fn combined_toml(questionnaire: &Questionnaire, aggregate: &Aggregate) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Combined answers of {} respondents: {}.\n",
        aggregate.respondents.len(),
        aggregate.respondents.join(", ")
    ));
    out.push_str(
        "# Written by `idpfit aggregate`; score it like any answers file with `idpfit score`.\n",
    );
    for line in RULES {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&format!(
        "questionnaire = {}\n",
        toml::Value::String(questionnaire.id.clone())
    ));
    for section in &questionnaire.sections {
        let entries: Vec<(&Question, &Combined, &Value)> = questionnaire
            .questions
            .iter()
            .zip(&aggregate.questions)
            .filter(|(q, _)| q.section == section.id)
            .filter_map(|(q, c)| c.value.as_ref().map(|v| (q, c, v)))
            .collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(&format!("\n[{}]\n", section.id));
        for (question, combined, value) in entries {
            out.push_str(&format!("# {}\n", question.prompt));
            let differs = !matches!(
                combined.rule,
                Rule::Unanimous | Rule::NotAnswered | Rule::Disagreements
            );
            if differs {
                let responses =
                    responses_text(question, &aggregate.respondents, &combined.responses);
                let how = format!(
                    "{responses}. Combined: {}.",
                    combined.rule.describe(question)
                );
                out.push_str(&comment(&how, COMMENT_WIDTH));
            }
            out.push_str(&format!(
                "{} = {}\n",
                question.key,
                toml_literal(question, value)
            ));
        }
    }
    out
}

/// Column at which the combined file's comments wrap.
const COMMENT_WIDTH: usize = 96;

/// The combination rules, as the combined file's header states them.
pub const RULES: [&str; 6] = [
    "How answers were combined: numbers take the median (for an even count, the mean of the two",
    "middle answers; whole numbers round a half down). Choices take the most common answer and",
    "yes/no the majority; a tie goes to the more cautious answer, as the questionnaire orders them.",
    "Texts that differ are kept per respondent as \"name: text\" lines, \"(none)\" marking an empty",
    "answer; when at least half left a text empty, it is empty. \"unknown\" counts as no answer",
    "unless nobody answered. Answers that do not apply to the combined answers are left out.",
];
