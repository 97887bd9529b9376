//! The report of `idpfit diff`, as a terminal table, Markdown or JSON. Each renderer returns a
//! `String`.
//!
//! Order, in every format: the recommendation before and after (and whether it flipped), what
//! caused a flip, the changed answers in questionnaire order, option scores (Backstage, Port,
//! hybrid), dimension leans (capacity, integrations, hosting, time), then blockers and
//! exclusions that appeared or went away. It re-scores nothing; the causes come from
//! [`crate::teams::diff`].

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table};
use serde::Serialize;
use serde_json::Value as Json;

use super::TeamFormat;
use crate::engine::Assessment;
use crate::engine::answer_json::optional_answer_json;
use crate::model::{Confidence, Dimension, Portal, Question, Questionnaire, Recommendation, Value};
use crate::render::text::{escape_markdown as escape, lean_words, signed};
use crate::render::{self, Style};
use crate::teams::diff::{Causes, Diff, Outcome};

/// The report of `diff` between the answers in `old_file` and `new_file`, in `format`.
pub fn render(
    format: TeamFormat,
    questionnaire: &Questionnaire,
    diff: &Diff,
    (old_file, new_file): (&str, &str),
    style: Style,
) -> String {
    let report = report(questionnaire, diff, old_file, new_file);
    match format {
        TeamFormat::Table => table(questionnaire, diff, &report, style),
        TeamFormat::Markdown => markdown(questionnaire, diff, &report),
        TeamFormat::Json => render::json::pretty(&report),
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub old: Side,
    pub new: Side,
    /// Whether the recommendation differs.
    pub flipped: bool,
    pub causes: CausesReport,
    /// Why the leaning changed (`kind` is `none` when it did not).
    pub leaning_causes: CausesReport,
    pub changes: Vec<ChangeReport>,
    pub scores: Vec<ScoreChange>,
    pub dimensions: Vec<LeanChange>,
    pub blockers: Moved,
    pub excluded: Moved,
}

#[derive(Clone, Debug, Serialize)]
pub struct Side {
    pub file: String,
    pub recommendation: Recommendation,
    pub leaning: Portal,
    pub confidence: Confidence,
}

/// What kind of answer [`CausesReport::sets`] gives; JSON writes it in snake case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// Nothing flipped.
    None,
    /// Each set is one change that does it alone.
    Single,
    /// The smallest sets of changes that do it together.
    Combination,
    /// Only every change together does.
    AllTogether,
    /// The search budget ran out; this set does it, but a smaller one may exist.
    Sufficient,
    /// The budget ran out and no set was found.
    Unresolved,
}

#[derive(Clone, Debug, Serialize)]
pub struct CausesReport {
    pub kind: CauseKind,
    /// Sets of answer ids.
    pub sets: Vec<Vec<String>>,
    /// For `sufficient` and `unresolved`: every set of up to this many changes was tried.
    pub searched_up_to: Option<usize>,
    /// For `sufficient`: dropping any change of the set undoes it.
    pub minimal: Option<bool>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ChangeReport {
    pub answer: String,
    /// The answer in OLD and NEW; `null` when the file leaves it out.
    pub from: Json,
    pub to: Json,
    /// OLD's recommendation and leaning with only this change applied.
    pub alone: Recommendation,
    pub alone_leaning: Portal,
    /// This change alone turns OLD's recommendation into NEW's.
    pub flips_alone: bool,
    /// Without this change, NEW's recommendation would not hold.
    pub needed: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct ScoreChange {
    pub option: Portal,
    pub old: f64,
    pub new: f64,
    pub change: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct LeanChange {
    pub id: Dimension,
    pub old: i32,
    pub new: i32,
    pub change: i32,
}

/// Ids that appear in NEW but not OLD (`added`), and the reverse.
#[derive(Clone, Debug, Serialize)]
pub struct Moved {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

fn report(questionnaire: &Questionnaire, diff: &Diff, old_file: &str, new_file: &str) -> Report {
    let causes = causes_report(questionnaire, diff, &diff.causes);
    let leaning_causes = causes_report(questionnaire, diff, &diff.leaning_causes);
    let changes = diff
        .changes
        .iter()
        .map(|change| {
            let question = &questionnaire.questions[change.question];
            ChangeReport {
                answer: question.id.clone(),
                from: optional_answer_json(question, change.old.as_ref()),
                to: optional_answer_json(question, change.new.as_ref()),
                alone: change.alone.recommendation,
                alone_leaning: change.alone.leaning,
                flips_alone: change.flips_alone(diff),
                needed: change.needed(diff),
            }
        })
        .collect();
    let scores = Portal::ALL
        .iter()
        .map(|&option| {
            let old = diff.old.scores.get(option);
            let new = diff.new.scores.get(option);
            ScoreChange {
                option,
                old,
                new,
                change: round1(new - old),
            }
        })
        .collect();
    let dimensions = diff
        .old
        .dimensions
        .iter()
        .zip(&diff.new.dimensions)
        .map(|(old, new)| LeanChange {
            id: old.id,
            old: old.lean,
            new: new.lean,
            change: new.lean - old.lean,
        })
        .collect();
    let blockers = moved(
        diff.old.blockers.iter().map(|b| b.id.clone()),
        diff.new.blockers.iter().map(|b| b.id.clone()),
    );
    let excluded = moved(
        diff.old.excluded.iter().map(|e| e.option.id().to_string()),
        diff.new.excluded.iter().map(|e| e.option.id().to_string()),
    );
    Report {
        old: side(old_file, &diff.old),
        new: side(new_file, &diff.new),
        flipped: diff.flipped(),
        causes,
        leaning_causes,
        changes,
        scores,
        dimensions,
        blockers,
        excluded,
    }
}

fn causes_report(questionnaire: &Questionnaire, diff: &Diff, causes: &Causes) -> CausesReport {
    let id = |change: usize| {
        questionnaire.questions[diff.changes[change].question]
            .id
            .clone()
    };
    let ids = |set: &[usize]| set.iter().map(|&c| id(c)).collect::<Vec<_>>();
    let mut report = CausesReport {
        kind: CauseKind::None,
        sets: Vec::new(),
        searched_up_to: None,
        minimal: None,
    };
    match causes {
        Causes::NoFlip => {}
        Causes::Single(list) => {
            report.kind = CauseKind::Single;
            report.sets = list.iter().map(|&c| vec![id(c)]).collect();
        }
        Causes::Combination(sets) => {
            report.kind = CauseKind::Combination;
            report.sets = sets.iter().map(|set| ids(set)).collect();
        }
        Causes::AllTogether => {
            report.kind = CauseKind::AllTogether;
            report.sets = vec![(0..diff.changes.len()).map(id).collect()];
        }
        Causes::Sufficient {
            set,
            searched_up_to,
            minimal,
        } => {
            report.kind = CauseKind::Sufficient;
            report.sets = vec![ids(set)];
            report.searched_up_to = Some(*searched_up_to);
            report.minimal = Some(*minimal);
        }
        Causes::Unresolved { searched_up_to } => {
            report.kind = CauseKind::Unresolved;
            report.searched_up_to = Some(*searched_up_to);
        }
    }
    report
}

fn side(file: &str, assessment: &Assessment) -> Side {
    Side {
        file: file.to_string(),
        recommendation: assessment.recommendation,
        leaning: assessment.leaning,
        confidence: assessment.confidence,
    }
}

fn moved(old: impl Iterator<Item = String>, new: impl Iterator<Item = String>) -> Moved {
    let old: Vec<String> = old.collect();
    let new: Vec<String> = new.collect();
    Moved {
        added: new.iter().filter(|n| !old.contains(n)).cloned().collect(),
        removed: old.iter().filter(|o| !new.contains(o)).cloned().collect(),
    }
}

/// "Port → Backstage (flipped)" or "Port (unchanged)".
fn verdict(diff: &Diff) -> String {
    if diff.flipped() {
        format!(
            "{} → {} (the recommendation changed)",
            diff.old.headline(),
            diff.new.headline()
        )
    } else {
        format!("{} (unchanged)", diff.new.headline())
    }
}

/// The causes of a change: a sentence, then one line per set of changes when there are
/// several. `what` names what changed ("recommendation", "leaning").
fn cause_lines(causes: &CausesReport, changes: usize, what: &str, code: bool) -> Vec<String> {
    let quote = |set: &Vec<String>| {
        set.iter()
            .map(|id| if code { format!("`{id}`") } else { id.clone() })
            .collect::<Vec<_>>()
            .join(" + ")
    };
    let sets: Vec<String> = causes.sets.iter().map(quote).collect();
    let mut lines = match causes.kind {
        CauseKind::Single if sets.len() == 1 => {
            vec![format!("The {what} changed because of {} alone.", sets[0])]
        }
        CauseKind::Single => vec![format!(
            "Each of these changes alone would change the {what}:"
        )],
        CauseKind::Combination => vec![format!(
            "No single change moves the {what}. Smallest sets of changes that do ({} each):",
            causes.sets.first().map_or(0, Vec::len)
        )],
        CauseKind::AllTogether if changes == 2 => vec![format!(
            "Neither change moves the {what} alone: it takes both together."
        )],
        CauseKind::AllTogether => vec![format!(
            "No smaller set moves the {what}: it takes all {changes} changes together."
        )],
        CauseKind::Sufficient => vec![format!(
            "No set of up to {} changes moves the {what}. These {} do together{}: {}.",
            causes.searched_up_to.unwrap_or(0),
            causes.sets.first().map_or(0, Vec::len),
            if causes.minimal == Some(true) {
                ", and none of them can be dropped"
            } else {
                ""
            },
            sets.first().map_or("", String::as_str)
        )],
        CauseKind::Unresolved => vec![format!(
            "No set of up to {} changes moves the {what}; the search stopped there.",
            causes.searched_up_to.unwrap_or(0)
        )],
        CauseKind::None => Vec::new(),
    };
    if causes.kind == CauseKind::Combination || (causes.kind == CauseKind::Single && sets.len() > 1)
    {
        lines.extend(sets.into_iter().map(|set| format!("- {set}")));
    }
    lines
}

/// Cause lines for the recommendation and, when it moved too, the leaning.
fn all_cause_lines(report: &Report, code: bool) -> Vec<String> {
    let changes = report.changes.len();
    let mut lines = cause_lines(&report.causes, changes, "recommendation", code);
    let what = format!(
        "leaning ({} → {})",
        report.old.leaning.short_name(),
        report.new.leaning.short_name()
    );
    lines.extend(cause_lines(&report.leaning_causes, changes, &what, code));
    lines
}

/// Whether reverting the change alone would undo NEW's recommendation: "yes", "no", or "—"
/// when the recommendation did not change.
fn needed_words(needed: bool, diff: &Diff) -> &'static str {
    match (diff.flipped(), needed) {
        (false, _) => "—",
        (true, true) => "yes",
        (true, false) => "no",
    }
}

/// "backstage", or "not_ready (leaning port)".
fn outcome_words(outcome: &Outcome) -> String {
    match outcome.recommendation {
        Recommendation::NotReady => format!("not_ready (leaning {})", outcome.leaning),
        other => other.id().to_string(),
    }
}

fn shown(question: &Question, value: Option<&Value>) -> String {
    match value {
        None => "(not answered)".to_string(),
        Some(v) => question.display(v),
    }
}

fn base_table(style: Style, header: Vec<&str>) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(style.width)
        .set_header(header);
    if !style.color {
        table.force_no_tty();
    }
    table
}

fn table(questionnaire: &Questionnaire, diff: &Diff, report: &Report, style: Style) -> String {
    let mut out = format!("{} → {}\n", report.old.file, report.new.file);
    out.push_str(&format!("Recommendation: {}\n", verdict(diff)));
    for line in all_cause_lines(report, false) {
        out.push_str(&line);
        out.push('\n');
    }
    if diff.changes.is_empty() {
        out.push_str("\nNo answer changed.\n");
    } else {
        let mut changes = base_table(
            style,
            vec!["Answer", "Old", "New", "Alone, OLD becomes", "Needed"],
        );
        if let Some(column) = changes.column_mut(0) {
            column.set_constraint(ColumnConstraint::ContentWidth);
        }
        for (change, line) in diff.changes.iter().zip(&report.changes) {
            let question = &questionnaire.questions[change.question];
            let mut alone = outcome_words(&change.alone);
            if line.flips_alone {
                alone = format!("flips it: {alone}");
            }
            changes.add_row(vec![
                question.id.clone(),
                shown(question, change.old.as_ref()),
                shown(question, change.new.as_ref()),
                alone,
                needed_words(line.needed, diff).to_string(),
            ]);
        }
        out.push_str(&format!("\nChanged answers ({})\n", diff.changes.len()));
        out.push_str(&changes.to_string());
        out.push('\n');
    }
    let mut scores = base_table(style, vec!["Option", "Old", "New", "Change"]);
    for line in &report.scores {
        scores.add_row(vec![
            comfy_table::Cell::new(line.option.name()),
            comfy_table::Cell::new(format!("{:.1}", line.old)).set_alignment(CellAlignment::Right),
            comfy_table::Cell::new(format!("{:.1}", line.new)).set_alignment(CellAlignment::Right),
            comfy_table::Cell::new(signed(line.change)).set_alignment(CellAlignment::Right),
        ]);
    }
    out.push_str("\nScores\n");
    out.push_str(&scores.to_string());
    out.push('\n');
    let mut leans = base_table(style, vec!["Dimension", "Old", "New", "Change"]);
    for (line, dimension) in report.dimensions.iter().zip(&diff.new.dimensions) {
        leans.add_row(vec![
            comfy_table::Cell::new(&dimension.title),
            comfy_table::Cell::new(lean_words(line.old)),
            comfy_table::Cell::new(lean_words(line.new)),
            comfy_table::Cell::new(lean_change(line.change)).set_alignment(CellAlignment::Right),
        ]);
    }
    out.push_str("\nDimension leans (negative toward Port, positive toward Backstage)\n");
    out.push_str(&leans.to_string());
    out.push('\n');
    for (title, ids) in moved_lines(report) {
        out.push_str(&format!("{title}: {}\n", ids.join(", ")));
    }
    out
}

fn markdown(questionnaire: &Questionnaire, diff: &Diff, report: &Report) -> String {
    let mut out = format!(
        "## idpfit diff: {}\n\n**Old:** `{}` · **New:** `{}`\n",
        escape(&verdict(diff)),
        report.old.file.replace('`', "'"),
        report.new.file.replace('`', "'")
    );
    let causes = all_cause_lines(report, true);
    if !causes.is_empty() {
        out.push('\n');
        for line in causes {
            out.push_str(&line);
            out.push('\n');
        }
    }
    if diff.changes.is_empty() {
        out.push_str("\nNo answer changed.\n");
    } else {
        out.push_str(&format!(
            "\n### Changed answers ({})\n\n| Answer | Old | New | Alone, OLD becomes | Needed |\n|---|---|---|---|---|\n",
            diff.changes.len()
        ));
        for (change, line) in diff.changes.iter().zip(&report.changes) {
            let question = &questionnaire.questions[change.question];
            let alone = if line.flips_alone {
                format!("**flips it:** {}", escape(&outcome_words(&change.alone)))
            } else {
                escape(&outcome_words(&change.alone))
            };
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                question.id,
                escape(&shown(question, change.old.as_ref())),
                escape(&shown(question, change.new.as_ref())),
                alone,
                needed_words(line.needed, diff)
            ));
        }
    }
    out.push_str("\n### Scores\n\n| Option | Old | New | Change |\n|---|---:|---:|---:|\n");
    for line in &report.scores {
        out.push_str(&format!(
            "| {} | {:.1} | {:.1} | {} |\n",
            line.option.name(),
            line.old,
            line.new,
            signed(line.change)
        ));
    }
    out.push_str(
        "\n### Dimension leans\n\n| Dimension | Old | New | Change |\n|---|---|---|---:|\n",
    );
    for (line, dimension) in report.dimensions.iter().zip(&diff.new.dimensions) {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape(&dimension.title),
            lean_words(line.old),
            lean_words(line.new),
            lean_change(line.change)
        ));
    }
    let moved = moved_lines(report);
    if !moved.is_empty() {
        out.push('\n');
        for (title, ids) in moved {
            let ids: Vec<String> = ids
                .iter()
                .map(|id| format!("`{}`", id.replace('`', "'")))
                .collect();
            out.push_str(&format!("- {title}: {}\n", ids.join(", ")));
        }
    }
    out
}

/// "12 toward Backstage", "8 toward Port", or "none".
fn lean_change(change: i32) -> String {
    match change {
        c if c > 0 => format!("{c} toward Backstage"),
        c if c < 0 => format!("{} toward Port", -c),
        _ => "none".to_string(),
    }
}

/// ("Blockers added", ids) and the like, for whatever appeared or went away.
fn moved_lines(report: &Report) -> Vec<(String, &[String])> {
    let mut lines = Vec::new();
    for (title, moved) in [
        ("Blockers", &report.blockers),
        ("Excluded", &report.excluded),
    ] {
        if !moved.added.is_empty() {
            lines.push((format!("{title} added"), moved.added.as_slice()));
        }
        if !moved.removed.is_empty() {
            lines.push((format!("{title} removed"), moved.removed.as_slice()));
        }
    }
    lines
}

fn round1(x: f64) -> f64 {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}
