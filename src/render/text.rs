//! The one place output text is shaped: numbers for people, words for a lean or an open
//! question's number, word wrapping, and escaping for Markdown and HTML.
//!
//! Every renderer (and the interactive prompts) takes these from here, so a number or an
//! escaped string reads the same in every format. Numbers as an answers file writes them
//! ([`Num`]) are defined with the answer values in the model, since loading and messages write
//! them too; renderers reach them through this module like everything else. Nothing here knows
//! about a particular format's layout.

pub use crate::model::Num;

use unicode_width::UnicodeWidthStr;

use crate::model::Portal;

/// A whole amount with thousands separators: 1,234,567.
pub fn money(amount: f64) -> String {
    format!("{:#}", Num(amount.round()))
}

/// A low-high amount, or one amount when they are equal.
pub fn money_range((low, high): (f64, f64)) -> String {
    if (high - low).abs() < 0.5 {
        money(low)
    } else {
        format!("{}–{}", money(low), money(high))
    }
}

/// An amount or range with its currency code in front when there is one: "USD 160,000".
pub fn money_in((low, high): (f64, f64), currency: Option<&str>) -> String {
    match currency {
        Some(code) => format!("{code} {}", money_range((low, high))),
        None => money_range((low, high)),
    }
}

/// A range of numbers, one number when they are equal: "2–3", "1.5".
fn range((low, high): (f64, f64)) -> String {
    let (low, high) = (Num(low).to_string(), Num(high).to_string());
    if low == high {
        low
    } else {
        format!("{low}–{high}")
    }
}

/// Full-time equivalents: "1 FTE", "2–3 FTE", and "up to 1 FTE" for a range from nobody.
pub fn fte(low: f64, high: f64) -> String {
    if low == 0.0 && high > 0.0 {
        return format!("up to {} FTE", Num(high));
    }
    format!("{} FTE", range((low, high)))
}

/// A duration given in months, in months or (when the source states it so) weeks: "4–6
/// months", "about 1 month", "4–8 weeks". Months are shown to one decimal below ten, whole above.
pub fn duration(low: f64, high: f64, weeks: bool) -> String {
    if weeks {
        let per_month = 52.0 / 12.0;
        let w = range(((low * per_month).round(), (high * per_month).round()));
        return format!("{w} weeks");
    }
    let round = |m: f64| {
        if m < 10.0 {
            (m * 10.0).round() / 10.0
        } else {
            m.round()
        }
    };
    let (low, high) = (round(low), round(high));
    let text = range((low, high));
    let unit = if high == 1.0 { "month" } else { "months" };
    format!("{text} {unit}")
}

/// A month of the calendar for people: "March 2027".
pub fn month_year(year: i32, month: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = MONTHS
        .get(month.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("?");
    format!("{name} {year}")
}

/// A signed number with one decimal and an explicit sign: "+12.5", "-3.0".
pub fn signed(points: f64) -> String {
    format!("{points:+.1}")
}

/// A dimension lean in words: "Port 62", "Backstage 40", "balanced".
pub fn lean_words(lean: i32) -> String {
    match lean {
        l if l < 0 => format!("{} {}", Portal::Port.short_name(), -l),
        l if l > 0 => format!("{} {}", Portal::Backstage.short_name(), l),
        _ => "balanced".to_string(),
    }
}

/// Label for an open question's number: "Q2", or "—" for general items.
pub fn question_label(question: Option<u8>) -> String {
    question.map_or_else(|| "—".to_string(), |n| format!("Q{n}"))
}

/// The words of `text`: split at whitespace and at control characters, so a line break or a
/// control character in the text never reaches the output.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
}

/// `text` on one line, its words separated by single spaces.
pub fn one_line(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

/// `text` on one line with every character kept in place: control characters (tab and line
/// breaks included) become U+FFFD. For names and paths, which must stay recognisable where
/// [`one_line`] would fold their spaces.
pub fn single_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Greedy word wrap: the words of `text` in lines of at most `width` terminal columns (a word
/// wider than that gets a line of its own). An empty text gives no lines.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in words(text) {
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` as TOML comment lines (`# ...`) of at most `width` columns, the `# ` included, each
/// ending in a newline; an empty text gives a single `#` line.
pub fn comment(text: &str, width: usize) -> String {
    let lines = wrap(text, width.saturating_sub(2));
    if lines.is_empty() {
        return "#\n".to_string();
    }
    lines.iter().map(|line| format!("# {line}\n")).collect()
}

/// Escapes text for a Markdown table cell or list item: characters that start markup become
/// literal, `|` cannot end a cell, newlines cannot end a row, and `<` cannot open a tag.
pub fn escape_markdown(text: &str) -> String {
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
pub fn markdown_code(text: &str) -> String {
    text.replace('`', "'")
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(160000.0), "160,000");
        assert_eq!(money(1234567.0), "1,234,567");
        assert_eq!(money_range((320000.0, 480000.0)), "320,000–480,000");
        assert_eq!(money_in((55000.0, 55000.0), Some("USD")), "USD 55,000");
        assert_eq!(fte(2.0, 3.0), "2–3 FTE");
        assert_eq!(fte(0.0, 1.5), "up to 1.5 FTE");
        assert_eq!(fte(0.0, 0.0), "0 FTE");
        assert_eq!(
            duration(4.0 * 12.0 / 52.0, 8.0 * 12.0 / 52.0, true),
            "4–8 weeks"
        );
        assert_eq!(duration(8.0, 12.0, false), "8–12 months");
        assert_eq!(duration(1.0, 1.0, false), "1 month");
        assert_eq!(month_year(2027, 3), "March 2027");
    }

    #[test]
    fn wrapping_breaks_at_word_boundaries_and_drops_line_breaks() {
        assert_eq!(
            wrap("one two three four", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("a\nb\tc", 80), vec!["a b c"]);
        assert_eq!(wrap("", 10), Vec::<String>::new());
        assert_eq!(wrap("déjà vu", 5), vec!["déjà", "vu"]);
        assert_eq!(comment("", 96), "#\n");
        assert_eq!(comment("one two three", 9), "# one two\n# three\n");
    }

    #[test]
    fn markdown_escaping_keeps_a_table_cell_intact() {
        assert_eq!(escape_markdown("a|b\nc <script>"), "a\\|b c &lt;script&gt;");
        assert_eq!(escape_markdown("dedicated_team"), "dedicated_team");
        assert_eq!(escape_markdown("_emphasis_"), "\\_emphasis\\_");
    }

    #[test]
    fn html_escaping_covers_content_and_attributes() {
        assert_eq!(
            escape_html("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"
        );
    }
}
