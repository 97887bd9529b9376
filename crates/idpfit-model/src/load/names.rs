//! Names from the decision's fixed vocabulary (the options and the dimensions) as data files
//! write them, each checked with the allowed names and the nearest one as a hint. It knows no
//! other names: questions and choices are the questionnaire's, checked where they are used.

use toml::Spanned;

use super::diagnostic::{Code, Problem, did_you_mean};
use crate::model::domain::{Dimension, Portal};

/// An option (`backstage`, `port`, `hybrid`), or a problem pointing at the name.
pub fn portal(id: &Spanned<String>, problems: &mut Vec<Problem>) -> Option<Portal> {
    let found = Portal::from_id(id.get_ref());
    if found.is_none() {
        let hint = did_you_mean(id.get_ref(), Portal::ALL.iter().map(|p| p.id()));
        problems.push(
            Problem::new(
                Code::UnknownName,
                format!("unknown option `{}`", id.get_ref()),
            )
            .at(id.span())
            .note("allowed: \"backstage\", \"port\", \"hybrid\"")
            .note_opt(hint.map(|h| format!("help: did you mean \"{h}\"?"))),
        );
    }
    found
}

/// A dimension (`capacity`, `integrations`, `hosting`, `time`), or a problem pointing at the
/// name.
pub fn dimension(id: &Spanned<String>, problems: &mut Vec<Problem>) -> Option<Dimension> {
    let found = Dimension::from_id(id.get_ref());
    if found.is_none() {
        problems.push(
            Problem::new(
                Code::UnknownName,
                format!("unknown dimension `{}`", id.get_ref()),
            )
            .at(id.span())
            .note("allowed: \"capacity\", \"integrations\", \"hosting\", \"time\""),
        );
    }
    found
}
