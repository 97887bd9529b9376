//! The inline SVG charts of the HTML decision record: option scores, dimension leans, time to
//! value and two-year cost, plus the robustness meter. Each is an `<svg>` with a viewBox, so it
//! scales to the page and to print, and a text title for screen readers. Charts are drawn from
//! the same numbers as the tables next to them. No chart has a number the tables beside it do
//! not show.

use std::fmt::Write as _;

use crate::engine::OptionStatus;
use crate::model::Portal;
use crate::render::text::{Num, escape_html as esc, lean_words, money_range};
use crate::report::{CostComparison, DecisionRecord, TimeToValue};

const CHART_WIDTH: f64 = 720.0;

fn svg_open(id: &str, height: f64, title: &str) -> String {
    format!(
        "<figure class=\"chart\"><svg id=\"{id}\" role=\"img\" aria-labelledby=\"{id}-title\" viewBox=\"0 0 {CHART_WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-title\">{}</title>",
        esc(title)
    )
}

const SVG_CLOSE: &str = "</svg></figure>\n";

/// Option scores as horizontal bars on a 0-100 scale; excluded options are hatched.
pub(super) fn score_chart(record: &DecisionRecord<'_>) -> String {
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
pub(super) fn lean_chart(record: &DecisionRecord<'_>) -> String {
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
pub(super) fn timeline_chart(ttv: &TimeToValue, leaning: Portal) -> String {
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
pub(super) fn cost_chart(cost: &CostComparison) -> String {
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
pub(super) fn meter(share: f64) -> String {
    let width = 300.0;
    let filled = width * share.clamp(0.0, 100.0) / 100.0;
    format!(
        "<figure class=\"chart meter\"><svg id=\"robustness-meter\" role=\"img\" aria-labelledby=\"robustness-meter-title\" viewBox=\"0 0 420 30\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"robustness-meter-title\">Share of weight variations that keep the recommendation</title><rect x=\"0\" y=\"6\" width=\"{width}\" height=\"18\" rx=\"9\" fill=\"#e6e9ee\"/><rect x=\"0\" y=\"6\" width=\"{filled:.1}\" height=\"18\" rx=\"9\" fill=\"var(--accent)\"/><text class=\"value\" x=\"{:.1}\" y=\"20\">{}% kept</text></svg></figure>\n",
        width + 10.0,
        Num(share)
    )
}
