//! A sentence of the record as data: its words, and the figures in it kept as values (an amount,
//! a duration, a staffing, a date), so that the renderers format every figure the same way and
//! the JSON form can carry the sentence as text. The record fills the questionnaire's
//! [`Template`]s into phrases; it never formats a figure itself.

use serde::Serialize;

use super::date::Date;
use crate::model::record::{Piece, Template};

/// One part of a [`Phrase`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Part {
    Text(String),
    /// An amount (low to high) in the answers' currency, when they name one.
    Money {
        low: f64,
        high: f64,
        currency: Option<String>,
    },
    /// A duration in months (low to high); shown in weeks when the source states it so.
    Duration {
        low: f64,
        high: f64,
        weeks: bool,
    },
    /// Full-time equivalents (low to high).
    Fte {
        low: f64,
        high: f64,
    },
    /// A month of the calendar.
    Date(Date),
    /// Several parts filling one slot; [`fill`] splices them in, so no [`Phrase`] holds one.
    Group(Vec<Part>),
}

/// A sentence with its figures as values.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Phrase(pub Vec<Part>);

impl Phrase {
    pub fn text(text: impl Into<String>) -> Phrase {
        Phrase(vec![Part::Text(text.into())])
    }

    pub fn is_empty(&self) -> bool {
        self.0
            .iter()
            .all(|p| matches!(p, Part::Text(t) if t.is_empty()))
    }
}

impl From<&str> for Part {
    fn from(text: &str) -> Part {
        Part::Text(text.to_string())
    }
}

impl From<String> for Part {
    fn from(text: String) -> Part {
        Part::Text(text)
    }
}

/// Fills `template`: each `{section.key}` with that answer in words (`answer` gives it, `None`
/// when it is not answered), each slot with the part `slots` gives it. The loader checked every
/// name, so a slot left unfilled can only be one the caller has no value for; it stays empty.
pub fn fill(
    template: &Template,
    answer: impl Fn(&str) -> Option<String>,
    slots: &[(&str, Part)],
) -> Phrase {
    let mut parts = Vec::new();
    for piece in template.pieces() {
        match piece {
            Piece::Text(text) => parts.push(Part::Text(text.to_string())),
            Piece::Answer(id) => parts.push(Part::Text(
                answer(id).unwrap_or_else(|| "not answered".to_string()),
            )),
            Piece::Slot(name) => {
                if let Some((_, part)) = slots.iter().find(|(slot, _)| *slot == name) {
                    splice(part, &mut parts);
                }
            }
        }
    }
    Phrase(parts)
}

/// Adds `part` to `parts`, a group as its members.
fn splice(part: &Part, parts: &mut Vec<Part>) {
    match part {
        Part::Group(group) => group.iter().for_each(|p| splice(p, parts)),
        other => parts.push(other.clone()),
    }
}

/// `text` with its first letter in lower case, to sit inside a sentence ("because a product
/// you build…"). Acronyms ("FTE") and the names of tools and options keep their capital.
pub fn lower_first(text: &str) -> String {
    const NAMES: [&str; 5] = ["Port", "Backstage", "Hybrid", "React", "Node"];
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(c), next)
            if c.is_uppercase()
                && !next.is_some_and(char::is_uppercase)
                && !NAMES.iter().any(|name| text.starts_with(name)) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::lower_first;

    #[test]
    fn only_an_ordinary_first_word_loses_its_capital() {
        assert_eq!(lower_first("A product you build"), "a product you build");
        assert_eq!(lower_first("Months before"), "months before");
        assert_eq!(lower_first("FTE who run it"), "FTE who run it");
        assert_eq!(lower_first("Port ties the portal"), "Port ties the portal");
        assert_eq!(lower_first(""), "");
    }
}
