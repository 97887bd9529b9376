//! The checked data, as the engine, the renderers and the prompts use it. Every reference is
//! resolved (questions and choices are indices), every rule checked; nothing here reads,
//! parses or prints.
//!
//! - [`domain`]: the fixed vocabulary of the decision (options, dimensions, recommendation,
//!   confidence);
//! - [`value`]: one answer's validated value, and how a number is written;
//! - [`condition`]: conditions over answers (skip rules, exclusions, blockers, findings);
//! - [`questionnaire`] and [`question`]: the questions, and their values in words;
//! - [`weights`]: the scoring model;
//! - [`answers`]: one set of answers.

pub mod answers;
pub mod condition;
pub mod domain;
pub mod question;
pub mod questionnaire;
pub mod record;
pub mod value;
pub mod weights;

pub use answers::Answers;
pub use condition::Condition;
pub use domain::{Confidence, Dimension, Portal, Recommendation};
pub use questionnaire::{
    ChoiceOption, Question, QuestionKind, Questionnaire, Section, TextFormat, UNKNOWN,
};
pub use value::{AsSlot, Num, Slot, Value};
pub use weights::Weights;
