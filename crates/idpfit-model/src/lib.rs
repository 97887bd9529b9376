//! idpfit's data model and its loader, in a crate of their own so that the build script of
//! `idpfit` checks the built-in questionnaire and weights with the same code the binary runs.
//!
//! - [`model`]: the checked data, as the rest of idpfit uses it (the decision's vocabulary,
//!   answer values, conditions, the questionnaire, the weights, a set of answers). No I/O, no
//!   parsing.
//! - [`load`]: TOML text in, model out. Raw structs with `deny_unknown_fields` and spans are
//!   validated into the model, every problem collected and reported with its line and column.
//!   It reads no files; the caller passes the text and the name to report it under.
//!
//! Nothing here scores, renders or prints: that is the `idpfit` crate's work.

pub mod load;
pub mod model;

#[cfg(test)]
mod testing;
