//! The decision record as one self-contained HTML page: inline CSS and inline SVG charts, no
//! script, no fonts or images to fetch, so it opens the same from a disk, an e-mail attachment
//! or a CI artefact, and prints cleanly (a print style sheet drops the screen chrome and keeps
//! charts and colours).
//!
//! Every piece of text that comes from the answers or the data files goes through
//! [`escape_html`](crate::render::text::escape_html), in element content and in attributes
//! alike. The style sheet is `style.css` beside this file; the charts are in `charts.rs`.

mod charts;

use charts::{cost_chart, lean_chart, meter, score_chart, timeline_chart};

use super::words;
use crate::engine::OptionStatus;
use crate::model::Portal;
use crate::render::text::{
    Num, escape_html as esc, lean_words, money_range, question_label, signed,
};
use crate::report::{CostComparison, DecisionRecord, Fit, Sensitivity, TimeToValue};

/// The page's style sheet, inlined into every report.
const CSS: &str = include_str!("style.css");

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
    what_if(&mut out, record);
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
        esc(&words::cost_reading(cost))
    ));
    for assumption in &words::cost_assumptions(cost) {
        out.push_str(&format!("<li>{}</li>\n", esc(assumption)));
    }
    out.push_str("</ul>\n");
    section_close(out);
}

fn what_if(out: &mut String, record: &DecisionRecord<'_>) {
    let s: &Sensitivity<'_> = &record.sensitivity;
    let recommendation = record.assessment.recommendation;
    section_open(out, "what-if", "What would change the decision");
    if let Some(share) = s.robustness {
        out.push_str(&meter(share));
    }
    out.push_str(&format!(
        "<p><strong>Weights.</strong> {}</p>\n",
        esc(&words::robustness(record.assessment))
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
            "<p><strong>Answers.</strong> {}</p>\n",
            words::no_change(recommendation)
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
