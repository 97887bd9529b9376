//! The charts of the HTML decision record, drawn with HTML and CSS rather than SVG: bars are
//! boxes sized in percent of their track, and every label is page text. So the charts reflow
//! with the page, their text stays the size of the text around them on a phone, and they print
//! crisply. Each chart is a `<figure>` with a caption-like `aria-label`, and shows no number the
//! table beside it does not.

use std::fmt::Write as _;

use super::super::words;
use crate::engine::OptionStatus;
use crate::render::text::{escape_html as esc, money_in};
use crate::report::{Cost, DecisionRecord, Fit, TimeToValue};

/// Option fit, 0-100, as horizontal bars; excluded options are hatched.
pub(super) fn score_chart(record: &DecisionRecord<'_>) -> String {
    let mut out = String::from(
        "<figure class=\"chart\" id=\"score-chart\" aria-label=\"How well the answers fit each option, 0 to 100\">\n",
    );
    for row in &record.options {
        let class = if row.status == OptionStatus::Excluded {
            "excluded".to_string()
        } else {
            row.option.id().to_string()
        };
        let _ = writeln!(
            out,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"track\"><span class=\"fill {class}\" style=\"width:{:.1}%\"></span></span><span class=\"bar-value\">{:.1}</span></div>",
            row.option.short_name(),
            row.score.clamp(0.0, 100.0),
            row.score
        );
    }
    out.push_str("</figure>\n");
    out
}

/// Milestones on a month axis, with leadership's deadline as a dashed line across the tracks.
/// Each milestone's duration is written in its own column and the deadline is named in a legend
/// above the chart, so the line never crosses a label.
pub(super) fn timeline_chart(ttv: &TimeToValue) -> String {
    let waiting = ttv.milestones.iter().any(|m| m.fit == Fit::AfterReadiness);
    let longest = ttv
        .milestones
        .iter()
        .filter_map(|m| m.months.map(|r| r.1))
        .fold(0.0_f64, f64::max);
    let deadline = ttv.deadline.filter(|_| !waiting);
    let span = longest.max(deadline.unwrap_or(0.0)).clamp(3.0, 36.0);
    let span = (span / 3.0).ceil() * 3.0;
    let at = |months: f64| 100.0 * months.min(span) / span;
    let mut out = String::from(
        "<figure class=\"chart timeline\" id=\"time-chart\" aria-label=\"Typical time to value of each option, in months\">\n",
    );
    let axis = if waiting {
        "Months after the readiness work"
    } else {
        "Months from the start"
    };
    // The deadline's label is a legend above the chart, in the page's flow: it can never sit
    // on a bar or a label, nor run off a narrow screen.
    if let Some(d) = deadline {
        let _ = writeln!(
            out,
            "<p class=\"legend\"><span class=\"dash\"></span>Leadership expects value: {}</p>",
            words::months(Some((d, d)), false)
        );
    }
    for m in &ttv.milestones {
        let _ = write!(
            out,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}: {}</span><span class=\"track\">",
            m.option.short_name(),
            esc(&m.short)
        );
        match m.months {
            Some((low, high)) => {
                let left = at(low);
                let width = (at(high) - left).max(1.2);
                let _ = write!(
                    out,
                    "<span class=\"range {}\" style=\"left:{left:.1}%;width:{width:.1}%\"></span>",
                    m.option.id()
                );
            }
            None => out.push_str("<span class=\"never\">not reached</span>"),
        }
        if let Some(d) = deadline {
            let _ = write!(
                out,
                "<span class=\"deadline\" style=\"left:{:.1}%\"></span>",
                at(d)
            );
        }
        let _ = writeln!(
            out,
            "</span><span class=\"bar-value\">{}</span></div>",
            words::months(m.months, m.in_weeks)
        );
    }
    let _ = writeln!(
        out,
        "<div class=\"bar-row axis\"><span class=\"bar-label\"></span><span class=\"track bare\"><span class=\"tick\" style=\"left:0%\">0</span><span class=\"tick\" style=\"left:50%\">{}</span><span class=\"tick end\" style=\"left:100%\">{}</span></span><span class=\"bar-value\">{axis}</span></div>",
        crate::render::text::Num(span / 2.0),
        crate::render::text::Num(span)
    );
    out.push_str("</figure>\n");
    out
}

/// Two years of each option as bars; a range is solid to its low end and light to its high end.
pub(super) fn cost_chart(cost: &Cost) -> String {
    let max = cost
        .options
        .iter()
        .map(|o| o.two_years().1)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    let mut out = String::from(
        "<figure class=\"chart\" id=\"cost-chart\" aria-label=\"Two-year cost of each option\">\n",
    );
    for o in &cost.options {
        let (low, high) = o.two_years();
        let _ = writeln!(
            out,
            "<div class=\"bar-row\"><span class=\"bar-label\">{}</span><span class=\"track\"><span class=\"fill {id} light\" style=\"width:{:.1}%\"></span><span class=\"fill {id}\" style=\"width:{:.1}%\"></span></span><span class=\"bar-value\">{}</span></div>",
            o.option.short_name(),
            100.0 * high / max,
            100.0 * low / max,
            money_in((low, high), cost.currency.as_deref()),
            id = o.option.id()
        );
    }
    out.push_str("</figure>\n");
    out
}
