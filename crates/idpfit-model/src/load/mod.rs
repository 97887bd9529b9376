//! TOML text in, [`crate::model`] out: questionnaire files, weights files and answers files.
//!
//! Loading is two-phase. The text is deserialized into raw structs that keep spans and refuse
//! unknown keys, then validated into the model; every problem is collected before the file is
//! rejected, each with a [`Code`], its line and column, what was expected and a hint. The entry
//! points are `Questionnaire::from_toml`, `Weights::from_toml` and `Answers::from_toml`.
//!
//! - [`diagnostic`]: problems and how they are rendered (source snippets);
//! - [`scalar`]: one value checked against its question; [`names`]: an option or a dimension;
//! - [`condition`], [`questionnaire`], [`weights`], [`answers`]: each file kind.
//!
//! Nothing here reads files, scores or prints.

pub mod answers;
pub mod condition;
pub mod diagnostic;
pub mod names;
pub mod questionnaire;
pub mod record;
pub mod scalar;
pub mod weights;

pub use answers::LoadOptions;
pub use diagnostic::{Code, Diagnostics, Problem};
pub use scalar::Scalar;

use serde::de::DeserializeOwned;

/// The raw form of a data file (a questionnaire, weights, or any other file of rules kept as
/// TOML): its syntax checked first, so a broken file gets the same message as a broken answers
/// file, then deserialized (spans kept, unknown keys refused).
pub fn raw<T: DeserializeOwned>(name: &str, source: &str) -> Result<T, Diagnostics> {
    toml::de::DeTable::parse(source)
        .map_err(|e| Diagnostics::single(name, source, diagnostic::syntax_problem(source, &e)))?;
    toml::from_str(source).map_err(|e| {
        Diagnostics::single(
            name,
            source,
            Problem::new(Code::Structure, e.message().to_string()).at_opt(e.span()),
        )
    })
}

/// The validated value, or every problem validation found; `None` means validation could not
/// produce a value (and reported why).
fn checked<T>(
    name: &str,
    source: &str,
    problems: Vec<Problem>,
    value: Option<T>,
) -> Result<T, Diagnostics> {
    let mut diagnostics = Diagnostics::new(name, source);
    problems.into_iter().for_each(|p| diagnostics.push(p));
    match value {
        Some(value) => diagnostics.into_result(value),
        None => Err(diagnostics),
    }
}
