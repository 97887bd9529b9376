//! Numbers as people type them: `185000`, `185,000`, `1 850 000`, `2,5`; for amounts of money
//! also `185k`, `1.2M`, `$185,000` and `€185.000`. Input that could mean two different numbers
//! is refused with both readings rather than guessed.
//!
//! The rules, in order: a currency sign or an upper-case three-letter code at either end is
//! dropped (money only), then a `k` (thousand) or `m` (million) suffix is read (money only).
//! `_` may appear anywhere. Of the separators left, spaces and apostrophes only ever group
//! thousands. When both `,` and `.` appear, the last one is the decimal point and the other
//! groups thousands; one of them appearing more than once groups thousands. A single `,` or `.`
//! followed by exactly three digits is the one ambiguous case: it groups thousands for whole
//! numbers and money (a whole number has no decimals; no amount is written with three), and is
//! refused for other numbers (`2.500` could be 2.5 or 2500). Grouped digits come in threes.
//!
//! It reads only; whether the number is in range is the question's business.

/// What kind of number a question wants, which settles the ambiguous cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberKind {
    /// A number that may have a fractional part (full-time equivalents, months).
    Decimal,
    /// A whole number (headcount, plugins).
    Whole,
    /// An amount of money.
    Money,
}

/// A number read from typed text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub value: f64,
    /// Written without a decimal part (so `3` can be a whole number and `3.0` cannot).
    pub whole: bool,
}

/// Currency signs that may stand before or after an amount.
const CURRENCY_SIGNS: &[char] = &[
    '$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '₫', '฿', '₴', '₦', '₱', '₣',
];

/// Separators that only ever group thousands: spaces of several widths and apostrophes.
const GROUPING_ONLY: &[char] = &[' ', '\u{a0}', '\u{202f}', '\u{2009}', '\'', '’'];

/// Reads `text` as a number of `kind`. `Err` is the reason it cannot, as a sentence fragment
/// that names the text ("\"lots\" is not a number").
pub fn read_number(text: &str, kind: NumberKind) -> Result<Reading, String> {
    let original = text.trim();
    let not_a_number = || format!("\"{original}\" is not a number");
    let money = kind == NumberKind::Money;
    let mut rest = original;
    if money {
        rest = without_currency(rest);
    }
    let negative = rest.starts_with('-');
    if negative {
        rest = rest[1..].trim_start();
        if money {
            rest = without_currency(rest);
        }
    }
    let (body, zeros) = if money { with_scale(rest) } else { (rest, 0) };
    let body: String = body.chars().filter(|&c| c != '_').collect();
    let runs = split_runs(&body).ok_or_else(not_a_number)?;
    let decimal = decimal_point(&runs, kind, zeros > 0, original)?;
    let groups = match decimal {
        Some(point) => &runs.digits[..=point],
        None => &runs.digits[..],
    };
    let grouped = groups.len() > 1;
    if grouped && !valid_groups(groups) {
        return Err(format!(
            "\"{original}\" groups its digits unevenly: thousands come in groups of three (185,000)"
        ));
    }
    let fraction = decimal.map_or("", |point| runs.digits[point + 1]);
    let number = scaled(&groups.concat(), fraction, zeros);
    let value = number.parse::<f64>().map_err(|_| not_a_number())?;
    Ok(Reading {
        value: if negative { -value } else { value },
        whole: decimal.is_none(),
    })
}

/// `text` without a currency sign or an upper-case three-letter code (`EUR`) at either end.
fn without_currency(text: &str) -> &str {
    let is_code = |word: &str| word.len() == 3 && word.chars().all(|c| c.is_ascii_uppercase());
    let mut text = text.trim();
    if let Some(rest) = text.strip_prefix(CURRENCY_SIGNS) {
        text = rest.trim_start();
    } else if text.get(..3).is_some_and(is_code) {
        text = text[3..].trim_start();
    }
    if let Some(rest) = text.strip_suffix(CURRENCY_SIGNS) {
        text = rest.trim_end();
    } else if text.len() > 3 && text.get(text.len() - 3..).is_some_and(is_code) {
        text = text[..text.len() - 3].trim_end();
    }
    text
}

/// Splits a `k` (thousand) or `m`/`mn` (million) suffix off an amount: the rest, and how
/// many places the suffix moves the decimal point.
fn with_scale(text: &str) -> (&str, usize) {
    let lower = text.to_ascii_lowercase();
    for (suffix, zeros) in [("mn", 6), ("k", 3), ("m", 6)] {
        if lower.ends_with(suffix) {
            return (text[..text.len() - suffix.len()].trim_end(), zeros);
        }
    }
    (text, 0)
}

/// `integer.fraction` with the decimal point moved `zeros` places right, as text, so that
/// `0.185m` is exactly 185000 rather than a product of two floating-point numbers.
fn scaled(integer: &str, fraction: &str, zeros: usize) -> String {
    let moved = zeros.min(fraction.len());
    let mut number = format!("{integer}{}", &fraction[..moved]);
    number.push_str(&"0".repeat(zeros - moved));
    if moved < fraction.len() {
        number.push('.');
        number.push_str(&fraction[moved..]);
    }
    number
}

/// Runs of digits and the single separator between each pair of runs.
struct Runs<'a> {
    digits: Vec<&'a str>,
    separators: Vec<char>,
}

/// `None` when the text is not digits separated by single separators.
fn split_runs(body: &str) -> Option<Runs<'_>> {
    let mut runs = Runs {
        digits: Vec::new(),
        separators: Vec::new(),
    };
    let mut start = 0;
    for (i, c) in body.char_indices() {
        if c.is_ascii_digit() {
            continue;
        }
        if !(c == '.' || c == ',' || GROUPING_ONLY.contains(&c)) {
            return None;
        }
        // ".5" is a leading decimal point: read it as "0.5".
        let run = &body[start..i];
        if run.is_empty() && !(i == 0 && c != ',' && !GROUPING_ONLY.contains(&c)) {
            return None;
        }
        runs.digits.push(if run.is_empty() { "0" } else { run });
        runs.separators.push(c);
        start = i + c.len_utf8();
    }
    let last = &body[start..];
    if last.is_empty() {
        return None;
    }
    runs.digits.push(last);
    Some(runs)
}

/// Which separator, if any, is the decimal point: the index of the run before it.
fn decimal_point(
    runs: &Runs<'_>,
    kind: NumberKind,
    scaled: bool,
    original: &str,
) -> Result<Option<usize>, String> {
    let count = |c: char| runs.separators.iter().filter(|&&s| s == c).count();
    let (dots, commas) = (count('.'), count(','));
    let spaced = runs.separators.iter().any(|c| GROUPING_ONLY.contains(c));
    let last_mark = runs.separators.iter().rposition(|&c| c == '.' || c == ',');
    let mixed = || {
        format!(
            "\"{original}\" uses \",\" and \".\" in a way that cannot be read: write it with one decimal point and no thousands separators"
        )
    };
    let Some(last) = last_mark else {
        return Ok(None);
    };
    let mark = runs.separators[last];
    let occurrences = if mark == '.' { dots } else { commas };
    if dots > 0 && commas > 0 {
        // The last mark is the decimal point, and it may appear only once, last.
        return if occurrences == 1 && last == runs.separators.len() - 1 {
            Ok(Some(last))
        } else {
            Err(mixed())
        };
    }
    if occurrences > 1 {
        return if spaced { Err(mixed()) } else { Ok(None) };
    }
    let before = runs.digits[last];
    let after = runs.digits[last + 1];
    if last != runs.separators.len() - 1 {
        return Err(mixed());
    }
    let could_group = after.len() == 3 && before != "0";
    if spaced || !could_group {
        return Ok(Some(last));
    }
    if scaled {
        return Err(format!(
            "\"{original}\" is ambiguous: {} thousand or {before}{after} thousand? Write {0}k or {before}{after}k",
            decimal_form(before, after),
        ));
    }
    match kind {
        NumberKind::Whole | NumberKind::Money => Ok(None),
        NumberKind::Decimal => Err(format!(
            "\"{original}\" is ambiguous: {} or {before}{after}? Write it without thousands separators",
            decimal_form(before, after)
        )),
    }
}

/// `before` and `after` read as a decimal number, without trailing zeros: "2" and "500" is 2.5.
fn decimal_form(before: &str, after: &str) -> String {
    let fraction = after.trim_end_matches('0');
    if fraction.is_empty() {
        before.to_string()
    } else {
        format!("{before}.{fraction}")
    }
}

/// Thousands groups: a first group of one to three digits, then groups of exactly three.
fn valid_groups(groups: &[&str]) -> bool {
    groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberKind::{Decimal, Money, Whole};

    fn value(text: &str, kind: NumberKind) -> Result<f64, String> {
        read_number(text, kind).map(|r| r.value)
    }

    #[test]
    fn amounts_are_read_as_people_write_them() {
        for text in [
            "185000",
            "185,000",
            "185k",
            "185K",
            "$185,000",
            "€185.000",
            "185.000 €",
            "185 000",
            "185'000",
            "EUR 185,000",
            "185000 USD",
            "185_000",
            "$ 185,000.00",
            "185.000,00 €",
            "0.185m",
        ] {
            assert_eq!(value(text, Money), Ok(185000.0), "{text}");
        }
        assert_eq!(value("1,234,567.89", Money), Ok(1234567.89));
        assert_eq!(value("1.234.567,89", Money), Ok(1234567.89));
        assert_eq!(value("1.2M", Money), Ok(1200000.0));
        assert_eq!(value("1,5k", Money), Ok(1500.0));
        assert_eq!(value("99.5", Money), Ok(99.5));
    }

    #[test]
    fn ambiguous_amounts_are_refused_with_both_readings() {
        assert_eq!(
            value("1.500k", Money),
            Err(
                "\"1.500k\" is ambiguous: 1.5 thousand or 1500 thousand? Write 1.5k or 1500k"
                    .into()
            )
        );
        assert_eq!(
            value("2.500", Decimal),
            Err(
                "\"2.500\" is ambiguous: 2.5 or 2500? Write it without thousands separators".into()
            )
        );
        let uneven = value("1,85,000", Money);
        assert!(
            uneven
                .as_ref()
                .is_err_and(|e| e.contains("groups of three")),
            "{uneven:?}"
        );
        let mixed = value("1.234,567.8", Money);
        assert!(
            mixed.as_ref().is_err_and(|e| e.contains("cannot be read")),
            "{mixed:?}"
        );
    }

    #[test]
    fn other_numbers_take_separators_but_no_currency_or_suffix() {
        assert_eq!(value("2,5", Decimal), Ok(2.5));
        assert_eq!(value("2.5", Decimal), Ok(2.5));
        assert_eq!(value("0.500", Decimal), Ok(0.5));
        assert_eq!(value(".5", Decimal), Ok(0.5));
        assert_eq!(value("1,200", Whole), Ok(1200.0));
        assert_eq!(value("1.200", Whole), Ok(1200.0));
        assert_eq!(value("-2", Decimal), Ok(-2.0));
        for text in [
            "$5", "5k", "lots", "", "1..5", "1,", "a few", "5 5", "--1", "1e3",
        ] {
            let refused = value(text, Decimal);
            assert!(refused.is_err(), "{text}: {refused:?}");
        }
        assert_eq!(
            value("lots", Whole),
            Err("\"lots\" is not a number".to_string())
        );
    }

    #[test]
    fn a_decimal_part_makes_a_number_not_whole() {
        assert_eq!(read_number("3", Whole).map(|r| r.whole), Ok(true));
        assert_eq!(read_number("2.5", Whole).map(|r| r.whole), Ok(false));
        assert_eq!(read_number("1,200", Whole).map(|r| r.whole), Ok(true));
    }
}
