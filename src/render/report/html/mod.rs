//! The decision record as one self-contained HTML page: inline CSS, charts drawn with HTML and
//! CSS, no script, no fonts or images to fetch, so it opens the same from a disk, an e-mail
//! attachment or a CI artefact. It fits a phone (tables become stacked cards under 640 px, and
//! chart text stays page text) and prints to a few pages with the summary on the first (a print
//! style sheet keeps headings with what follows and charts with their tables).
//!
//! Every piece of text that comes from the answers or the data files goes through
//! [`escape_html`](crate::render::text::escape_html). The style sheet is `style.css` beside this
//! file; the charts are in `charts.rs`.

mod charts;

use charts::{cost_chart, score_chart, timeline_chart};

use super::words::{self, say};
use crate::engine::EvidenceStatus;
use crate::render::text::{escape_html as esc, fte, lean_words, money_in};
use crate::report::{DecisionRecord, Fit, Phrase};

/// The page's style sheet, inlined into every report.
const CSS: &str = include_str!("style.css");

pub fn render(record: &DecisionRecord<'_>) -> String {
    let subject = record
        .organisation
        .clone()
        .unwrap_or_else(|| "Internal developer portal".to_string());
    let mut out = String::with_capacity(48 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>Portal decision record: {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n",
        esc(&subject)
    ));
    summary(&mut out, record, &subject);
    options(&mut out, record);
    questions(&mut out, record);
    contradictions(&mut out, record);
    evidence(&mut out, record);
    time(&mut out, record);
    cost(&mut out, record);
    consequences(&mut out, record);
    checkpoints(&mut out, record);
    what_if(&mut out, record);
    appendix(&mut out, record);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn open(out: &mut String, id: &str, title: &str) {
    out.push_str(&format!("<section id=\"{id}\">\n<h2>{}</h2>\n", esc(title)));
}

fn close(out: &mut String) {
    out.push_str("</section>\n");
}

fn phrase(p: &Phrase) -> String {
    esc(&say(p))
}

/// A table whose cells carry their column's name, so that on a phone each row stacks as a card.
fn table(out: &mut String, class: &str, headers: &[&str], rows: &[Vec<String>]) {
    out.push_str(&format!("<table class=\"{class}\"><thead><tr>"));
    for h in headers {
        out.push_str(&format!("<th>{h}</th>"));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (cell, h) in row.iter().zip(headers) {
            out.push_str(&format!("<td data-label=\"{h}\">{cell}</td>"));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn list(out: &mut String, class: &str, items: impl IntoIterator<Item = String>) {
    out.push_str(&format!("<ul class=\"{class}\">\n"));
    for item in items {
        out.push_str(&format!("<li>{item}</li>\n"));
    }
    out.push_str("</ul>\n");
}

fn summary(out: &mut String, record: &DecisionRecord<'_>, subject: &str) {
    let a = record.assessment;
    let s = &record.summary;
    let m = &record.meta;
    out.push_str(&format!(
        "<section id=\"summary\" class=\"rec-{}\">\n<p class=\"kicker\">Internal developer portal · decision record</p>\n<h1>{}</h1>\n",
        a.recommendation.id(),
        esc(subject)
    ));
    out.push_str(&format!(
        "<p class=\"decision\"><span class=\"verdict\" id=\"recommendation\">{}</span> {}</p>\n",
        esc(&a.headline()),
        phrase(&s.decision)
    ));
    let mut meta = vec![
        format!("<span>Date <b>{}</b></span>", m.date),
        format!("<span>Status <b>{}</b></span>", words::status(m.status)),
    ];
    if !m.authors.is_empty() {
        meta.push(format!(
            "<span>By <b>{}</b></span>",
            esc(&m.authors.join(", "))
        ));
    }
    meta.push(format!(
        "<span>Approver <b>{}</b></span>",
        m.approver
            .as_deref()
            .map_or_else(|| "to be named".to_string(), esc)
    ));
    meta.push(format!(
        "<span id=\"confidence\">Confidence <b>{}</b></span>",
        a.confidence
    ));
    out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join("")));
    out.push_str("<div class=\"two\">\n<div>\n<h3>Why</h3>\n<ol class=\"reasons\">\n");
    for reason in &s.reasons {
        out.push_str(&format!("<li>{}</li>\n", esc(reason)));
    }
    let ask = if record.fixes.is_empty() {
        "The ask"
    } else {
        "The ask: fix first"
    };
    out.push_str(&format!(
        "</ol>\n</div>\n<div class=\"ask\">\n<h3>{ask}</h3>\n"
    ));
    list(out, "ask", s.ask.iter().map(phrase));
    out.push_str("</div>\n</div>\n<dl class=\"facts\">\n");
    if !s.time_to_value.is_empty() {
        out.push_str(&format!(
            "<dt>Time to value</dt><dd>{}</dd>\n",
            phrase(&s.time_to_value)
        ));
    }
    if let Some(cost) = &s.cost {
        out.push_str(&format!("<dt>Cost</dt><dd>{}</dd>\n", phrase(cost)));
    }
    out.push_str(&format!(
        "<dt>Top risk</dt><dd>{}</dd>\n<dt>Confidence</dt><dd>{}</dd>\n</dl>\n",
        phrase(&s.top_risk),
        esc(&a.confidence_reason)
    ));
    close(out);
}

fn options(out: &mut String, record: &DecisionRecord<'_>) {
    open(out, "options", "How the options compare");
    out.push_str("<div class=\"keep\">\n<h3>Fit of each option, 0 to 100</h3>\n");
    out.push_str(&score_chart(record));
    let excluded: Vec<String> = record
        .options
        .iter()
        .filter_map(|o| {
            o.excluded
                .as_ref()
                .map(|r| format!("<b>{} is ruled out.</b> {}", o.option.name(), esc(r)))
        })
        .collect();
    if !excluded.is_empty() {
        list(out, "notes", excluded);
    }
    out.push_str("</div>\n");
    let rows: Vec<Vec<String>> = record
        .dimensions
        .iter()
        .map(|d| vec![esc(&d.title), lean_words(d.lean), esc(&d.why)])
        .collect();
    table(out, "dims", &["Dimension", "Leans", "Why"], &rows);
    close(out);
}

fn questions(out: &mut String, record: &DecisionRecord<'_>) {
    open(out, "questions", "Five questions before committing");
    let rows: Vec<Vec<String>> = record
        .core_questions
        .iter()
        .map(|q| {
            let status = if q.settled() {
                "<span class=\"badge ok\">settled</span>".to_string()
            } else {
                "<span class=\"badge warn\">open</span>".to_string()
            };
            let findings = q
                .findings
                .iter()
                .map(|f| esc(f))
                .collect::<Vec<_>>()
                .join(" ");
            vec![format!("{}. {}", q.number, esc(&q.title)), status, findings]
        })
        .collect();
    table(out, "core", &["Question", "Status", "Findings"], &rows);
    close(out);
}

fn contradictions(out: &mut String, record: &DecisionRecord<'_>) {
    if record.contradictions.is_empty() {
        return;
    }
    open(out, "contradictions", "Answers that contradict each other");
    out.push_str("<p>Each lowers the confidence; settle them before the decision is taken.</p>\n");
    list(
        out,
        "contradictions",
        record.contradictions.iter().map(|c| esc(c)),
    );
    close(out);
}

fn evidence(out: &mut String, record: &DecisionRecord<'_>) {
    let Some(evidence) = &record.evidence else {
        return;
    };
    open(out, "evidence", words::EVIDENCE_TITLE);
    out.push_str(&format!("<p>{}</p>\n", esc(words::EVIDENCE_INTRO)));
    let rows: Vec<Vec<String>> = evidence
        .rows
        .iter()
        .map(|row| {
            let class = match row.status {
                EvidenceStatus::Measured => "ok",
                EvidenceStatus::Conflicting => "bad",
                EvidenceStatus::SelfReported => "muted",
            };
            vec![
                esc(&row.prompt),
                esc(&row.answered),
                esc(words::measured(row)),
                format!(
                    "<span class=\"badge {class}\">{}</span>",
                    row.status.words()
                ),
                esc(&words::evidence_cell(row)),
            ]
        })
        .collect();
    table(out, "evidence", &words::EVIDENCE_COLUMNS, &rows);
    if let Some(line) = words::not_scanned(evidence.not_scanned) {
        out.push_str(&format!("<p>{}</p>\n", esc(&line)));
    }
    close(out);
}

fn time(out: &mut String, record: &DecisionRecord<'_>) {
    let t = &record.time_to_value;
    open(out, "time", "Time to value");
    out.push_str("<div class=\"keep\">\n");
    out.push_str(&timeline_chart(t));
    let rows: Vec<Vec<String>> = t
        .milestones
        .iter()
        .map(|m| {
            let class = match m.fit {
                Fit::InTime => "ok",
                Fit::Tight => "warn",
                Fit::TooLate => "bad",
                Fit::AfterReadiness | Fit::Unknown => "muted",
            };
            vec![
                m.option.name().to_string(),
                esc(&m.what),
                words::months(m.months, m.in_weeks),
                format!("<span class=\"badge {class}\">{}</span>", words::fit(m.fit)),
            ]
        })
        .collect();
    table(
        out,
        "ttv",
        &["Option", "Milestone", "Typically", "Against the deadline"],
        &rows,
    );
    out.push_str("</div>\n");
    for note in &t.notes {
        out.push_str(&format!("<p class=\"note\">{}</p>\n", phrase(note)));
    }
    close(out);
}

fn cost(out: &mut String, record: &DecisionRecord<'_>) {
    let Some(cost) = &record.cost else {
        return;
    };
    open(out, "cost", "Cost over two years");
    out.push_str("<div class=\"keep\">\n");
    out.push_str(&cost_chart(cost));
    let currency = cost.currency.as_deref();
    let rows: Vec<Vec<String>> = cost
        .options
        .iter()
        .map(|o| {
            vec![
                o.option.name().to_string(),
                fte(o.fte.0, o.fte.1),
                money_in(o.per_year, currency),
                money_in(o.two_years(), currency),
            ]
        })
        .collect();
    table(
        out,
        "cost",
        &["Option", "Staffing", "Per year", "Two years"],
        &rows,
    );
    out.push_str("</div>\n");
    if let Some(line) = &cost.break_even_words {
        out.push_str(&format!("<p class=\"break-even\">{}</p>\n", phrase(line)));
    }
    out.push_str("<h3>Assumptions</h3>\n");
    let assumptions = std::iter::once(&cost.figures)
        .chain(cost.options.iter().flat_map(|o| &o.assumptions))
        .map(phrase);
    list(out, "assumptions", assumptions);
    close(out);
}

fn consequences(out: &mut String, record: &DecisionRecord<'_>) {
    let c = &record.consequences;
    open(out, "consequences", "Consequences");
    if !c.waiting_gains.is_empty() || !c.waiting_costs.is_empty() {
        out.push_str("<h3>Of waiting</h3>\n");
        good_bad(out, &c.waiting_gains, &c.waiting_costs);
        out.push_str(&format!("<h3>Of {}, once ready</h3>\n", c.option.name()));
    } else {
        out.push_str(&format!("<h3>Of choosing {}</h3>\n", c.option.name()));
    }
    good_bad(out, &c.gains, &c.costs);
    if !record.migration.is_empty() {
        out.push_str("<h3>From the portal you run today</h3>\n");
        for line in &record.migration {
            out.push_str(&format!("<p>{}</p>\n", phrase(line)));
        }
    }
    if !record.guidance.is_empty() {
        out.push_str("<h3>Guidance</h3>\n");
        list(out, "guidance", record.guidance.iter().map(|g| esc(g)));
    }
    close(out);
}

fn good_bad(out: &mut String, gains: &[Phrase], costs: &[Phrase]) {
    out.push_str("<div class=\"two\">\n<div>\n<h4>Gains</h4>\n");
    list(out, "gains", gains.iter().map(phrase));
    out.push_str("</div>\n<div>\n<h4>Costs</h4>\n");
    list(out, "costs", costs.iter().map(phrase));
    out.push_str("</div>\n</div>\n");
}

fn checkpoints(out: &mut String, record: &DecisionRecord<'_>) {
    open(out, "checkpoints", "Checkpoints and when to revisit");
    let rows: Vec<Vec<String>> = record
        .checkpoints
        .iter()
        .map(|c| {
            vec![
                format!(
                    "{} <span class=\"muted\">(month {})</span>",
                    words::month(c.date),
                    c.month
                ),
                esc(&c.target),
                esc(&c.metric),
                esc(&c.baseline),
                esc(&c.owner),
            ]
        })
        .collect();
    table(
        out,
        "checkpoints",
        &["Review", "Target", "Metric", "Baseline", "Owner"],
        &rows,
    );
    out.push_str("<h3>Revisit the decision</h3>\n");
    let items = record.revisit.iter().map(|r| match r.date {
        Some(date) => format!("<b>By {}:</b> {}", words::month(date), phrase(&r.when)),
        None => phrase(&r.when),
    });
    list(out, "revisit", items);
    close(out);
}

fn what_if(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    let s = &record.sensitivity;
    open(out, "what-if", "What would change the decision");
    out.push_str(&format!("<p>{}</p>\n", esc(&words::robustness(a))));
    let mut items: Vec<String> = words::unknowns(&s.unknowns)
        .iter()
        .map(|l| esc(l))
        .collect();
    if s.singles.is_empty() && s.pairs.is_empty() {
        items.push(esc(&words::no_change(a.recommendation)));
    }
    items.extend(s.singles.iter().chain(&s.pairs).map(|c| esc(&c.summary)));
    if s.more > 0 {
        items.push(format!("… and {} more such changes.", s.more));
    }
    list(out, "changes", items);
    close(out);
}

fn appendix(out: &mut String, record: &DecisionRecord<'_>) {
    let a = record.assessment;
    open(out, "appendix", "Appendix: the answers");
    out.push_str(&format!(
        "<p class=\"note\">For the platform team: the answers file {} (questionnaire {}, weights {}).</p>\n",
        esc(&record.file_name),
        esc(&a.questionnaire),
        esc(&a.weights)
    ));
    let rows: Vec<Vec<String>> = record
        .answers
        .iter()
        .map(|r| {
            vec![
                format!("<code>{}</code>", esc(&r.id)),
                esc(&r.prompt),
                format!("<span class=\"given\">{}</span>", esc(&r.answer)),
            ]
        })
        .collect();
    table(out, "answers", &["Answer", "Question", "Given"], &rows);
    close(out);
}
