//! Several answers files at once, for teams and for history: [`aggregate`] combines
//! respondents' answers and measures how far they agree; [`diff`] explains what changed between
//! two answers files and why the recommendation moved.
//!
//! Both are pure: answers in, a value out, scored with the [`crate::engine`]. Their reports are
//! rendered by [`crate::render::teams`]; the CLI reads and writes the files.

pub mod aggregate;
pub mod diff;
