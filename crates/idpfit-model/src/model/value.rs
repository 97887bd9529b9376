//! An answer's value once validated against its question: the common currency of the
//! questionnaire, the answers loader, the engine and the renderers. A value does not know which
//! question it answers; [`crate::model::Question`] turns it into words.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A validated answer. Choices are stored as the index of the choice in the question's list, so
/// the engine compares integers, never strings; [`crate::model::Question::display`] turns
/// a value back into its file form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Value {
    Choice(usize),
    Bool(bool),
    Number(f64),
    Integer(i64),
    Text(String),
    /// The user said they do not know. The engine never guesses it; it scores every value it
    /// could take instead.
    Unknown,
}

impl Value {
    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// The numeric reading of a number or integer answer.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }
}

/// An answer reduced to what rules read, without its text: a small `Copy` value, so the engine
/// can try thousands of combinations of answers without allocating. Text keeps only whether it
/// is empty, which is all a condition or an effect asks of it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Slot {
    Choice(usize),
    Bool(bool),
    Number(f64),
    Text {
        empty: bool,
    },
    /// The user said they do not know: the engine explores what it could be.
    Unknown,
    /// Not answered, and not asked for (an optional question left out): no rule reads
    /// anything into it, and there is nothing to explore.
    Absent,
}

impl Slot {
    pub fn is_unknown(self) -> bool {
        matches!(self, Slot::Unknown)
    }

    /// The numeric reading of a number or integer answer.
    pub fn as_f64(self) -> Option<f64> {
        match self {
            Slot::Number(n) => Some(n),
            _ => None,
        }
    }
}

/// Anything a condition can be evaluated over: full values, or their slots.
pub trait AsSlot {
    fn slot(&self) -> Slot;
}

impl AsSlot for Slot {
    fn slot(&self) -> Slot {
        *self
    }
}

impl AsSlot for Value {
    fn slot(&self) -> Slot {
        match self {
            Value::Choice(c) => Slot::Choice(*c),
            Value::Bool(b) => Slot::Bool(*b),
            Value::Number(n) => Slot::Number(*n),
            Value::Integer(i) => Slot::Number(*i as f64),
            Value::Text(t) => Slot::Text {
                empty: t.trim().is_empty(),
            },
            Value::Unknown => Slot::Unknown,
        }
    }
}

/// Formats a number the way a person writes it: no trailing `.0`, at most two decimals. The
/// alternate form (`{:#}`) groups thousands for reading (`160,000`); the plain form writes the
/// number as an answers file would (`160000`). This is idpfit's one number formatter: the
/// renderers reach it through `render::text`.
pub struct Num(pub f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rounded = (self.0 * 100.0).round() / 100.0;
        if !rounded.is_finite() || rounded.abs() >= 1e15 {
            // Far beyond any answer's range: an exponent, not hundreds of digits.
            return write!(f, "{:e}", self.0);
        }
        let plain = if rounded.fract() == 0.0 {
            format!("{}", rounded as i64)
        } else {
            format!("{rounded}")
        };
        if !f.alternate() {
            return f.write_str(&plain);
        }
        let (sign, unsigned) = plain
            .strip_prefix('-')
            .map_or(("", plain.as_str()), |rest| ("-", rest));
        let (whole, fraction) = unsigned
            .split_once('.')
            .map_or((unsigned, None), |(w, d)| (w, Some(d)));
        f.write_str(sign)?;
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                f.write_str(",")?;
            }
            write!(f, "{digit}")?;
        }
        match fraction {
            Some(fraction) => write!(f, ".{fraction}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_without_noise() {
        assert_eq!(Num(3.0).to_string(), "3");
        assert_eq!(Num(2.5).to_string(), "2.5");
        assert_eq!(Num(1.0 / 3.0).to_string(), "0.33");
        assert_eq!(Num(1e300).to_string(), "1e300");
        assert_eq!(Num(1234567.0).to_string(), "1234567");
        assert_eq!(format!("{:#}", Num(1234567.0)), "1,234,567");
        assert_eq!(format!("{:#}", Num(-2500.5)), "-2,500.5");
        assert_eq!(format!("{:#}", Num(999.0)), "999");
    }
}
