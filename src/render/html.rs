//! The decision record as one self-contained HTML page: inline CSS and inline SVG charts, no
//! script, no fonts or images to fetch, so it opens the same from a disk, an e-mail attachment
//! or a CI artefact, and prints cleanly (a print style sheet drops the screen chrome and keeps
//! charts and colours).
//!
//! Every piece of text that comes from the answers or the data files goes through [`esc`],
//! in element content and in attributes alike. Charts are drawn from the same numbers as the
//! tables next to them; each chart has a text title for screen readers.

use std::fmt::Write as _;

use super::{lean_words, question_label, signed};
use crate::domain::{Portal, Recommendation};
use crate::engine::OptionStatus;
use crate::report::{CostComparison, DecisionRecord, Fit, Sensitivity, TimeToValue, money_range};
use crate::value::Num;

pub fn render(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let subject = record
        .organisation
        .clone()
        .unwrap_or_else(|| record.file.clone());
    let mut out = String::with_capacity(48 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>Portal decision record: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&subject)
    ));

    // Header
    let rec_class = a.recommendation.id();
    out.push_str(&format!(
        "<header class=\"hero rec-{rec_class}\">\n<p class=\"kicker\">Internal developer portal · decision record</p>\n<h1>{}</h1>\n",
        esc(&subject)
    ));
    out.push_str(&format!(
        "<div class=\"verdict\"><span class=\"label\">Recommendation</span><span class=\"big\" id=\"recommendation\">{}</span></div>\n<p class=\"pills\"><span class=\"pill\" id=\"confidence\">Confidence: {}</span>",
        esc(&record.headline),
        a.confidence
    ));
    if let Some(share) = record.sensitivity.robustness {
        out.push_str(&format!(
            "<span class=\"pill\" id=\"robustness\">Held in {}% of weight variations</span>",
            Num(share)
        ));
    }
    let open = record
        .core_questions
        .iter()
        .filter(|q| !q.settled())
        .count();
    out.push_str(&format!(
        "<span class=\"pill\">{} of {} core questions settled</span></p>\n<p class=\"lead\">{}</p>\n</header>\n",
        record.core_questions.len() - open,
        record.core_questions.len(),
        esc(&record.decision)
    ));

    context(&mut out, record);
    options(&mut out, record);
    dimensions(&mut out, record);
    decision(&mut out, record);
    exclusions(&mut out, record);
    core_questions(&mut out, record);
    time_to_value(&mut out, &record.time_to_value, a.leaning);
    consequences(&mut out, record);
    migration(&mut out, record);
    if let Some(cost) = &record.cost {
        cost_section(&mut out, cost);
    }
    what_if(&mut out, &record.sensitivity, a.recommendation);
    revisit(&mut out, record);
    answers(&mut out, record);

    out.push_str(&format!(
        "<footer>Produced by idpfit from <code>{}</code> with questionnaire {} and weights {}. Re-run <code>idpfit report</code> after any answer changes.</footer>\n</main>\n</body>\n</html>\n",
        esc(&record.file),
        esc(&a.questionnaire),
        esc(&a.weights)
    ));
    out
}

fn section_open(out: &mut String, id: &str, title: &str) {
    out.push_str(&format!("<section id=\"{id}\">\n<h2>{}</h2>\n", esc(title)));
}

fn section_close(out: &mut String) {
    out.push_str("</section>\n");
}

fn context(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    section_open(out, "context", "Context");
    out.push_str("<dl class=\"facts\">");
    if let Some(name) = &record.organisation {
        out.push_str(&format!("<dt>Organisation</dt><dd>{}</dd>", esc(name)));
    }
    if let Some(engineers) = &record.engineers {
        out.push_str(&format!(
            "<dt>Engineers</dt><dd>{} <span class=\"muted\">(context only: headcount never decides)</span></dd>",
            esc(engineers)
        ));
    }
    out.push_str(&format!(
        "<dt>Answers file</dt><dd><code>{}</code></dd><dt>Questionnaire</dt><dd>{}</dd><dt>Weights</dt><dd>{}</dd></dl>\n",
        esc(&record.file),
        esc(&a.questionnaire),
        esc(&a.weights)
    ));
    if !record.mattered.is_empty() {
        out.push_str("<h3>The answers that mattered most</h3>\n<table class=\"qa\"><thead><tr><th>Question</th><th>Answer</th></tr></thead><tbody>\n");
        for row in &record.mattered {
            out.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>\n",
                esc(&row.prompt),
                esc(&row.answer)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    section_close(out);
}

fn options(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    section_open(out, "options", "Options considered");
    out.push_str(&score_chart(record));
    out.push_str("<table class=\"scores\"><thead><tr><th>Option</th><th class=\"num\">Score</th><th>Status</th></tr></thead><tbody>\n");
    for portal in a.options_by_score() {
        let status = match a.status(portal) {
            OptionStatus::Excluded => {
                let reason = a
                    .excluded
                    .iter()
                    .find(|e| e.option == portal)
                    .map(|e| esc(&e.reason))
                    .unwrap_or_default();
                format!("<strong>Excluded.</strong> {reason}")
            }
            OptionStatus::Recommended => "<strong>Recommended</strong>".to_string(),
            other => esc(other.words()),
        };
        out.push_str(&format!(
            "<tr data-option=\"{}\"><td><span class=\"swatch {}\"></span>{}</td><td class=\"num score\">{:.1}</td><td>{status}</td></tr>\n",
            portal.id(),
            portal.id(),
            portal.name(),
            a.scores.get(portal)
        ));
    }
    out.push_str("</tbody></table>\n<p class=\"note\">Scores run from 0 to 100: how well the answers fit each option.</p>\n");
    section_close(out);
}

fn dimensions(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    section_open(out, "dimensions", "The four dimensions");
    out.push_str(&lean_chart(record));
    out.push_str("<table class=\"dims\"><thead><tr><th>Dimension</th><th>Lean</th><th>Why</th></tr></thead><tbody>\n");
    for dimension in &a.dimensions {
        out.push_str(&format!(
            "<tr data-dimension=\"{}\"><td>{}</td><td class=\"lean\">{}</td><td>{}</td></tr>\n",
            dimension.id,
            esc(&dimension.title),
            lean_words(dimension.lean),
            esc(&dimension.explanation)
        ));
    }
    out.push_str("</tbody></table>\n");
    section_close(out);
}

fn decision(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    section_open(out, "decision", "Decision");
    out.push_str(&format!("<p>{}</p>\n", esc(&record.decision)));
    if !record.fix_first.is_empty() {
        out.push_str("<h3>Fix first</h3>\n<ol class=\"fix\">\n");
        for item in &record.fix_first {
            out.push_str(&format!("<li>{}</li>\n", esc(item)));
        }
        out.push_str("</ol>\n");
    }
    if !record.drivers.is_empty() {
        out.push_str(&format!(
            "<h3>Top drivers</h3>\n<p class=\"note\">Score points each answer put between {} and its closest rival.</p>\n<table class=\"drivers\"><thead><tr><th class=\"num\">Points</th><th>Answer</th><th>Why</th></tr></thead><tbody>\n",
            a.leaning.name()
        ));
        for line in record.drivers {
            let class = if line.points >= 0.0 { "pos" } else { "neg" };
            out.push_str(&format!(
                "<tr><td class=\"num {class}\">{}</td><td><code>{}</code> = {}</td><td>{}</td></tr>\n",
                signed(line.points),
                esc(&line.answer),
                esc(&line.value),
                esc(&line.effect)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    if !a.advice.is_empty() {
        out.push_str("<h3>Guidance</h3>\n<ul>\n");
        for advice in &a.advice {
            out.push_str(&format!("<li>{}</li>\n", esc(&advice.message)));
        }
        out.push_str("</ul>\n");
    }
    section_close(out);
}

fn exclusions(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    section_open(out, "exclusions", "Exclusions and blockers");
    if a.excluded.is_empty() && a.blockers.is_empty() {
        out.push_str("<p>None: every option stayed eligible and no blocker applies.</p>\n");
    } else {
        out.push_str("<ul class=\"flags\">\n");
        for exclusion in &a.excluded {
            out.push_str(&format!(
                "<li class=\"excluded\"><strong>{} excluded.</strong> {}</li>\n",
                exclusion.option.name(),
                esc(&exclusion.reason)
            ));
        }
        for blocker in &a.blockers {
            out.push_str(&format!(
                "<li class=\"blocker\"><strong>Blocker</strong> <code>{}</code>: {}</li>\n",
                esc(&blocker.id),
                esc(&blocker.message)
            ));
        }
        out.push_str("</ul>\n");
    }
    section_close(out);
}

fn core_questions(out: &mut String, record: &DecisionRecord<'_>) {
    section_open(
        out,
        "questions",
        "The five questions to settle before committing",
    );
    out.push_str("<div class=\"cards\">\n");
    for item in &record.core_questions {
        let (class, status) = if item.settled() {
            ("settled", "Settled")
        } else {
            ("open", "Open")
        };
        out.push_str(&format!(
            "<article class=\"card {class}\" data-question=\"{}\">\n<h3><span class=\"qnum\">{}</span> {} <span class=\"status\">{status}</span></h3>\n<p class=\"ask\">{}</p>\n<ul class=\"answers\">\n",
            item.number,
            question_label(Some(item.number)),
            esc(&item.title),
            esc(&item.text)
        ));
        for row in &item.answers {
            out.push_str(&format!(
                "<li><span class=\"prompt\">{}</span> <strong>{}</strong></li>\n",
                esc(&row.prompt),
                esc(&row.answer)
            ));
        }
        out.push_str("</ul>\n");
        for finding in &item.findings {
            out.push_str(&format!("<p class=\"finding\">{}</p>\n", esc(finding)));
        }
        out.push_str("</article>\n");
    }
    out.push_str("</div>\n");
    section_close(out);
}

fn time_to_value(out: &mut String, ttv: &TimeToValue, leaning: Portal) {
    section_open(out, "time", "Time to value");
    out.push_str(&format!("<p>{}</p>\n", esc(&ttv.verdict)));
    out.push_str(&timeline_chart(ttv, leaning));
    let against = ttv.expected_months.map_or_else(
        || "Against leadership's expectation".to_string(),
        |m| format!("Against {} months", Num(m)),
    );
    out.push_str(&format!(
        "<table class=\"ttv\"><thead><tr><th>Option</th><th>Milestone</th><th>Typically</th><th>{}</th></tr></thead><tbody>\n",
        esc(&against)
    ));
    for milestone in &ttv.milestones {
        let class = match milestone.fit {
            Fit::InTime => "fit-in",
            Fit::Tight => "fit-tight",
            Fit::Late => "fit-late",
            Fit::Unknown => "fit-unknown",
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><span class=\"fit {class}\">{}</span></td></tr>\n",
            milestone.option.name(),
            milestone.what,
            milestone.typical,
            milestone.fit.words()
        ));
    }
    out.push_str("</tbody></table>\n");
    section_close(out);
}

fn consequences(out: &mut String, record: &DecisionRecord<'_>) {
    let c = &record.consequences;
    section_open(out, "consequences", "Consequences");
    if !c.not_yet.is_empty() {
        out.push_str("<h3>Of waiting</h3>\n<ul>\n");
        for line in &c.not_yet {
            out.push_str(&format!("<li>{}</li>\n", esc(line)));
        }
        out.push_str(&format!(
            "</ul>\n<h3>Of {}, once the foundations are fixed</h3>\n",
            c.option.name()
        ));
    } else {
        out.push_str(&format!("<h3>Of choosing {}</h3>\n", c.option.name()));
    }
    out.push_str("<div class=\"two\">\n<div><h4>Gains</h4><ul class=\"gains\">\n");
    for line in &c.gains {
        out.push_str(&format!("<li>{}</li>\n", esc(line)));
    }
    out.push_str("</ul></div>\n<div><h4>Costs</h4><ul class=\"costs\">\n");
    for line in &c.costs {
        out.push_str(&format!("<li>{}</li>\n", esc(line)));
    }
    out.push_str("</ul></div>\n</div>\n");
    section_close(out);
}

fn migration(out: &mut String, record: &DecisionRecord<'_>) {
    let Some(m) = &record.migration else {
        return;
    };
    section_open(out, "migration", "Migration");
    out.push_str(&format!(
        "<dl class=\"facts\"><dt>Current portal</dt><dd>{}</dd><dt>Months invested</dt><dd>{}</dd><dt>Custom plugins</dt><dd>{}</dd><dt>Main pain</dt><dd>{}</dd></dl>\n",
        esc(&m.current),
        esc(&m.months_invested),
        esc(&m.custom_plugins),
        esc(&m.pain)
    ));
    for paragraph in &m.paragraphs {
        out.push_str(&format!("<p>{}</p>\n", esc(paragraph)));
    }
    section_close(out);
}

fn cost_section(out: &mut String, cost: &CostComparison) {
    section_open(out, "cost", "Two-year cost");
    out.push_str(&cost_chart(cost));
    out.push_str("<table class=\"cost\"><thead><tr><th></th><th class=\"num\">Per year</th><th class=\"num\">Two years</th></tr></thead><tbody>\n");
    for row in &cost.rows {
        let class = if row.total { " class=\"total\"" } else { "" };
        out.push_str(&format!(
            "<tr{class}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            esc(&row.label),
            money_range(row.annual),
            money_range(row.two_years())
        ));
    }
    out.push_str(&format!(
        "</tbody></table>\n<p>{}</p>\n<h3>Assumptions</h3>\n<ul class=\"assumptions\">\n",
        esc(&cost.reading)
    ));
    for assumption in &cost.assumptions {
        out.push_str(&format!("<li>{}</li>\n", esc(assumption)));
    }
    out.push_str("</ul>\n");
    section_close(out);
}

fn what_if(out: &mut String, s: &Sensitivity<'_>, recommendation: Recommendation) {
    section_open(out, "what-if", "What would change the decision");
    if let Some(share) = s.robustness {
        out.push_str(&meter(share));
    }
    out.push_str(&format!(
        "<p><strong>Weights.</strong> {}</p>\n",
        esc(&s.robustness_text)
    ));
    let (verdict, decisive) = s
        .unknowns_text
        .split_first()
        .map_or(("", &[][..]), |(v, d)| (v.as_str(), d));
    out.push_str(&format!(
        "<div class=\"unknowns\"><p><strong>Unknown answers.</strong> {}</p>",
        esc(verdict)
    ));
    if !decisive.is_empty() {
        out.push_str("<ul>");
        for line in decisive {
            out.push_str(&format!("<li>{}</li>", esc(line)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
    if s.singles.is_empty() && s.pairs.is_empty() {
        out.push_str(&format!(
            "<p><strong>Answers.</strong> No change to one or two answers gives another recommendation.{}</p>\n",
            if recommendation == Recommendation::NotReady {
                " The items to fix first must be fixed together."
            } else {
                ""
            }
        ));
    }
    if !s.singles.is_empty() {
        out.push_str("<h3>One answer</h3>\n<ul class=\"counterfactuals\">\n");
        for c in &s.singles {
            out.push_str(&format!(
                "<li class=\"to-{}\">{}</li>\n",
                c.recommendation.id(),
                esc(&c.summary)
            ));
        }
        out.push_str("</ul>\n");
    }
    if !s.pairs.is_empty() {
        out.push_str("<h3>Two answers together</h3>\n<ul class=\"counterfactuals\">\n");
        for c in &s.pairs {
            out.push_str(&format!(
                "<li class=\"to-{}\">{}</li>\n",
                c.recommendation.id(),
                esc(&c.summary)
            ));
        }
        if s.more_pairs > 0 {
            out.push_str(&format!(
                "<li class=\"more\">… and {} more pairs (all are in <code>idpfit score --format json</code>).</li>\n",
                s.more_pairs
            ));
        }
        out.push_str("</ul>\n");
    }
    section_close(out);
}

fn revisit(out: &mut String, record: &DecisionRecord<'_>) {
    section_open(out, "revisit", "Revisit when");
    out.push_str("<ul class=\"revisit\">\n");
    for trigger in &record.revisit {
        out.push_str(&format!("<li>{}</li>\n", esc(trigger)));
    }
    out.push_str("</ul>\n");
    section_close(out);
}

fn answers(out: &mut String, record: &DecisionRecord<'_>) {
    section_open(out, "answers", "All answers");
    out.push_str("<table class=\"all\"><thead><tr><th>Answer</th><th>Question</th><th>Given</th></tr></thead><tbody>\n");
    for row in &record.answers {
        out.push_str(&format!(
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"given\">{}</td></tr>\n",
            esc(&row.id),
            esc(&row.prompt),
            esc(&row.answer)
        ));
    }
    out.push_str("</tbody></table>\n");
    section_close(out);
}

// ---------------------------------------------------------------------------------------------
// Charts. Each is an inline <svg> with a viewBox, so it scales to the page and to print.

const CHART_WIDTH: f64 = 720.0;

fn svg_open(id: &str, height: f64, title: &str) -> String {
    format!(
        "<figure class=\"chart\"><svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {CHART_WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title>",
        esc(title)
    )
}

const SVG_CLOSE: &str = "</svg></figure>\n";

/// Option scores as horizontal bars on a 0-100 scale; excluded options are hatched.
fn score_chart(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let (left, right, row) = (190.0, 170.0, 40.0);
    let plot = CHART_WIDTH - left - right;
    let order = a.options_by_score();
    let height = 30.0 + row * order.len() as f64 + 10.0;
    let mut svg = svg_open("score-chart", height, "Option scores, 0 to 100");
    svg.push_str("<defs><pattern id=\"hatch\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#eceff3\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#9aa3ae\" stroke-width=\"3\"/></pattern></defs>");
    for tick in [0, 25, 50, 75, 100] {
        let x = left + plot * f64::from(tick) / 100.0;
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"22\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text class=\"tick\" x=\"{x:.1}\" y=\"16\" text-anchor=\"middle\">{tick}</text>",
            height - 8.0
        );
    }
    for (i, portal) in order.iter().enumerate() {
        let y = 30.0 + row * i as f64;
        let score = a.scores.get(*portal);
        let width = (plot * score / 100.0).max(1.0);
        let status = a.status(*portal);
        let fill = if status == OptionStatus::Excluded {
            "url(#hatch)".to_string()
        } else {
            format!("var(--{})", portal.id())
        };
        let weight = if matches!(
            status,
            OptionStatus::Recommended | OptionStatus::LeaningBlocked
        ) {
            " font-weight=\"700\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{weight}>{}</text><rect x=\"{left}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"24\" rx=\"3\" fill=\"{fill}\"/><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{score:.1}{}</text>",
            left - 10.0,
            y + 17.0,
            portal.short_name(),
            left + width + 6.0,
            y + 17.0,
            if status == OptionStatus::Eligible {
                String::new()
            } else {
                format!(" · {}", status.words())
            }
        );
    }
    svg.push_str(SVG_CLOSE);
    svg
}

/// Dimension leans as bars from a centre line: left toward Port, right toward Backstage.
fn lean_chart(record: &DecisionRecord<'_>) -> String {
    let a = record.assessment;
    let (left, right, row) = (130.0, 20.0, 38.0);
    let plot = CHART_WIDTH - left - right;
    let centre = left + plot / 2.0;
    let height = 40.0 + row * a.dimensions.len() as f64 + 8.0;
    let mut svg = svg_open(
        "lean-chart",
        height,
        "Lean of each dimension, from Port (left) to Backstage (right)",
    );
    let _ = write!(
        svg,
        "<text class=\"axis port-text\" x=\"{left}\" y=\"16\">◀ favours Port</text><text class=\"axis backstage-text\" x=\"{:.1}\" y=\"16\" text-anchor=\"end\">favours Backstage ▶</text>",
        left + plot
    );
    for tick in [-100, -50, 0, 50, 100] {
        let x = centre + plot / 2.0 * f64::from(tick) / 100.0;
        let class = if tick == 0 { "axis-line" } else { "grid" };
        let _ = write!(
            svg,
            "<line class=\"{class}\" x1=\"{x:.1}\" y1=\"26\" x2=\"{x:.1}\" y2=\"{:.1}\"/>",
            height - 6.0
        );
    }
    for (i, dimension) in a.dimensions.iter().enumerate() {
        let y = 34.0 + row * i as f64;
        let lean = f64::from(dimension.lean);
        let width = (plot / 2.0 * lean.abs() / 100.0).max(1.0);
        let (x, colour) = if lean < 0.0 {
            (centre - width, "var(--port)")
        } else {
            (centre, "var(--backstage)")
        };
        // The value sits on the other side of the centre line, where there is always room.
        let (text_x, anchor) = if lean < 0.0 {
            (centre + 8.0, "start")
        } else {
            (centre - 8.0, "end")
        };
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"24\" rx=\"3\" fill=\"{colour}\"/><text class=\"value\" x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            left - 10.0,
            y + 17.0,
            esc(&dimension.title),
            y + 17.0,
            lean_words(dimension.lean)
        );
    }
    svg.push_str(SVG_CLOSE);
    svg
}

/// Typical milestones on a month axis, with leadership's expectation as a vertical line.
fn timeline_chart(ttv: &TimeToValue, leaning: Portal) -> String {
    let (left, right, row) = (210.0, 130.0, 36.0);
    let plot = CHART_WIDTH - left - right;
    let span = ttv
        .expected_months
        .map_or(14.0, |m| (m + 2.0).max(14.0).ceil())
        .min(36.0);
    let step = if span > 24.0 { 6 } else { 2 };
    let x_of = |months: f64| left + plot * months.min(span) / span;
    let height = 40.0 + row * ttv.milestones.len() as f64 + 34.0;
    let mut svg = svg_open(
        "time-chart",
        height,
        "Typical time to value of each option, in months",
    );
    let axis_y = height - 28.0;
    let mut tick = 0;
    while f64::from(tick) <= span {
        let x = x_of(f64::from(tick));
        let _ = write!(
            svg,
            "<line class=\"grid\" x1=\"{x:.1}\" y1=\"26\" x2=\"{x:.1}\" y2=\"{axis_y:.1}\"/><text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{tick}</text>",
            axis_y + 16.0
        );
        tick += step;
    }
    let _ = write!(
        svg,
        "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\">months</text>",
        x_of(span) + 14.0,
        axis_y + 16.0
    );
    for (i, milestone) in ttv.milestones.iter().enumerate() {
        let y = 34.0 + row * i as f64;
        let colour = format!("var(--{})", milestone.option.id());
        let weight = if milestone.option == leaning {
            " font-weight=\"700\""
        } else {
            ""
        };
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"{weight}>{}</text>",
            left - 10.0,
            y + 16.0,
            esc(milestone.short)
        );
        if (milestone.to_months - milestone.from_months).abs() < 1e-9 {
            let x = x_of(milestone.from_months);
            let _ = write!(
                svg,
                "<path d=\"M{x:.1} {:.1} l9 11 l-9 11 l-9 -11 z\" fill=\"{colour}\"/><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                y,
                x + 14.0,
                y + 16.0,
                esc(milestone.typical)
            );
        } else {
            let (x0, x1) = (x_of(milestone.from_months), x_of(milestone.to_months));
            let _ = write!(
                svg,
                "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{x0:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-dasharray=\"3 3\" opacity=\"0.6\"/><rect x=\"{x0:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"22\" rx=\"3\" fill=\"{colour}\"/><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                y + 11.0,
                y + 11.0,
                (x1 - x0).max(2.0),
                x1 + 6.0,
                y + 16.0,
                esc(milestone.typical)
            );
        }
    }
    if let Some(months) = ttv.expected_months {
        let x = x_of(months);
        let _ = write!(
            svg,
            "<line class=\"deadline\" x1=\"{x:.1}\" y1=\"22\" x2=\"{x:.1}\" y2=\"{axis_y:.1}\"/><text class=\"deadline-text\" x=\"{:.1}\" y=\"16\" text-anchor=\"{}\">Leadership expects value: {} months</text>",
            x,
            if x > left + plot * 0.6 {
                "end"
            } else {
                "start"
            },
            Num(months)
        );
    }
    svg.push_str(SVG_CLOSE);
    svg
}

/// Two-year totals as bars; a range is drawn solid to its low end and light to its high end.
fn cost_chart(cost: &CostComparison) -> String {
    let totals: Vec<_> = cost.rows.iter().filter(|r| r.total).collect();
    let (left, right, row) = (230.0, 150.0, 36.0);
    let plot = CHART_WIDTH - left - right;
    let max = totals
        .iter()
        .map(|r| r.two_years().1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let height = 14.0 + row * totals.len() as f64;
    let mut svg = svg_open("cost-chart", height, "Two-year cost of each option");
    for (i, total) in totals.iter().enumerate() {
        let y = 8.0 + row * i as f64;
        let (low, high) = total.two_years();
        let colour = format!("var(--{})", total.option.id());
        let (w_low, w_high) = (plot * low / max, plot * high / max);
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 10.0,
            y + 16.0,
            esc(&total.short)
        );
        if w_high > w_low + 0.5 {
            let _ = write!(
                svg,
                "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{w_high:.1}\" height=\"22\" rx=\"3\" fill=\"{colour}\" opacity=\"0.35\"/>"
            );
        }
        let _ = write!(
            svg,
            "<rect x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"22\" rx=\"3\" fill=\"{colour}\"/><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            w_low.max(1.0),
            left + w_high.max(1.0) + 6.0,
            y + 16.0,
            money_range((low, high))
        );
    }
    svg.push_str(SVG_CLOSE);
    svg
}

/// The robustness share as a horizontal meter.
fn meter(share: f64) -> String {
    let width = 300.0;
    let filled = width * share.clamp(0.0, 100.0) / 100.0;
    format!(
        "<figure class=\"chart meter\"><svg id=\"robustness-meter\" role=\"img\" aria-labelledby=\"robustness-meter-title\" viewBox=\"0 0 420 30\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"robustness-meter-title\">Share of weight variations that keep the recommendation</title><rect x=\"0\" y=\"6\" width=\"{width}\" height=\"18\" rx=\"9\" fill=\"#e6e9ee\"/><rect x=\"0\" y=\"6\" width=\"{filled:.1}\" height=\"18\" rx=\"9\" fill=\"var(--accent)\"/><text class=\"value\" x=\"{:.1}\" y=\"20\">{}% kept</text></svg></figure>\n",
        width + 10.0,
        Num(share)
    )
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root {
  --backstage: #16808a; --port: #5b45d6; --hybrid: #c27c0e; --not_ready: #c0392b;
  --ink: #1d2430; --muted: #5d6776; --line: #dde2e9; --paper: #ffffff; --wash: #f5f7fa;
  --accent: #16808a;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: var(--wash); color: var(--ink);
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0 0 .5em; }
h1 { font-size: 2rem; }
h2 { font-size: 1.35rem; padding-bottom: .35em; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin-top: 1.2em; }
h4 { font-size: .95rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
p { margin: 0 0 .8em; }
code { font: .88em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--wash); padding: .05em .3em; border-radius: 3px; overflow-wrap: anywhere; }
section, header.hero { background: var(--paper); border: 1px solid var(--line); border-radius: 10px;
  padding: 22px 26px; margin: 0 0 18px; }
header.hero { border-top: 8px solid var(--accent); }
header.rec-backstage { border-top-color: var(--backstage); }
header.rec-port { border-top-color: var(--port); }
header.rec-hybrid { border-top-color: var(--hybrid); }
header.rec-not_ready { border-top-color: var(--not_ready); }
.kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .08em; font-size: .8rem; margin: 0 0 .3em; }
.verdict { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; margin: .4em 0; }
.verdict .label { color: var(--muted); }
.verdict .big { font-size: 2.1rem; font-weight: 750; }
.rec-backstage .big { color: var(--backstage); } .rec-port .big { color: var(--port); }
.rec-hybrid .big { color: var(--hybrid); } .rec-not_ready .big { color: var(--not_ready); }
.pills { display: flex; gap: 8px; flex-wrap: wrap; }
.pill { border: 1px solid var(--line); background: var(--wash); border-radius: 999px; padding: .15em .75em; font-size: .88rem; }
.lead { font-size: 1.08rem; margin-top: .8em; }
.muted, .note { color: var(--muted); }
.note { font-size: .9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1.2em; margin: 0 0 1em; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: .4em 0 1em; font-size: .94rem; }
th, td { text-align: left; vertical-align: top; padding: .45em .6em; border-bottom: 1px solid var(--line); }
th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
td.lean { white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.pos { color: #17723a; } td.neg { color: #a4262c; }
tr.total td { font-weight: 650; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .45em; vertical-align: -0.05em; }
.swatch.backstage { background: var(--backstage); } .swatch.port { background: var(--port); } .swatch.hybrid { background: var(--hybrid); }
figure.chart { margin: .2em 0 1em; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.meter svg { max-width: 420px; }
svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; fill: var(--ink); }
svg .label { font-size: 14px; } svg .value { font-size: 13px; fill: var(--muted); }
svg .tick { font-size: 11px; fill: var(--muted); } svg .axis { font-size: 12px; font-weight: 600; }
svg .port-text { fill: var(--port); } svg .backstage-text { fill: var(--backstage); }
svg .grid { stroke: var(--line); stroke-width: 1; } svg .axis-line { stroke: #8a94a3; stroke-width: 1.5; }
svg .deadline { stroke: var(--not_ready); stroke-width: 2; stroke-dasharray: 6 4; }
svg .deadline-text { font-size: 12px; font-weight: 600; fill: var(--not_ready); }
ol.fix li, ul.flags li { margin-bottom: .4em; }
ul.flags { list-style: none; padding: 0; }
ul.flags li { padding: .5em .8em; border-left: 4px solid var(--line); background: var(--wash); border-radius: 0 6px 6px 0; }
ul.flags li.blocker { border-left-color: var(--not_ready); } ul.flags li.excluded { border-left-color: #8a94a3; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; border-top: 4px solid #2f9e5b; }
.card.open { border-top-color: #d4880f; }
.card h3 { margin-top: 0; display: flex; gap: .5em; align-items: baseline; flex-wrap: wrap; }
.card .qnum { color: var(--muted); }
.card .status { margin-left: auto; font-size: .75rem; text-transform: uppercase; letter-spacing: .05em; padding: .1em .55em; border-radius: 999px; background: #e3f4ea; color: #17723a; }
.card.open .status { background: #fdf0d9; color: #8a5300; }
.card .ask { color: var(--muted); font-style: italic; font-size: .93rem; }
.card ul.answers { padding-left: 1.1em; font-size: .92rem; margin: 0 0 .6em; }
.card .prompt { color: var(--muted); }
.finding { background: #fdf6e7; border-left: 3px solid #d4880f; padding: .4em .7em; font-size: .92rem; border-radius: 0 4px 4px 0; }
.fit { padding: .05em .55em; border-radius: 999px; font-size: .85rem; white-space: nowrap; }
.fit-in { background: #e3f4ea; color: #17723a; } .fit-tight { background: #fdf0d9; color: #8a5300; }
.fit-late { background: #fbe4e4; color: #a4262c; } .fit-unknown { background: var(--wash); color: var(--muted); }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 18px; }
ul.gains li::marker { content: "+  "; color: #17723a; font-weight: 700; }
ul.costs li::marker { content: "−  "; color: #a4262c; font-weight: 700; }
ul.counterfactuals li { margin-bottom: .35em; }
ul.counterfactuals li.to-not_ready { color: var(--muted); }
.unknowns { margin: 0 0 .8em; }
td.given { overflow-wrap: anywhere; }
table.all td:first-child code, table.drivers code { white-space: nowrap; overflow-wrap: normal; }
footer { color: var(--muted); font-size: .88rem; text-align: center; margin-top: 24px; }
@media (max-width: 640px) { .two { grid-template-columns: 1fr; } main { padding: 12px; } section, header.hero { padding: 16px; } }
@media print {
  @page { margin: 14mm; }
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  section, header.hero { border-left: none; border-right: none; border-bottom: none; border-radius: 0; padding: 0; margin: 0 0 14pt; }
  section { border-top: none; }
  header.hero { border-top-width: 6pt; padding-top: 8pt; }
  h2 { break-after: avoid; }
  figure.chart, table, .card, ul.flags li, tr { break-inside: avoid; }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_content_and_attributes() {
        assert_eq!(
            esc("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }
}
