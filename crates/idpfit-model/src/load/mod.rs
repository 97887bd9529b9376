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
pub mod scalar;
pub mod weights;

pub use answers::LoadOptions;
pub use diagnostic::{Code, Diagnostics, Problem};
pub use scalar::Scalar;
