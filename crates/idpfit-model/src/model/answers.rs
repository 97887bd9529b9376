//! Answers as checked data: one slot per question of the questionnaire, in its order, each a
//! validated [`Value`] or empty. Reading an answers file into them is
//! [`crate::load::answers`]'s job; writing them back out is a renderer's. It holds no positions
//! and no problems: those stay with the loader.

use super::questionnaire::Questionnaire;
use super::value::Value;

/// Validated answers, one slot per question of the questionnaire, in its order.
#[derive(Clone, Debug, PartialEq)]
pub struct Answers {
    /// The questionnaire id the file names.
    pub questionnaire: String,
    /// `None`: not answered (allowed for optional and non-applicable questions, and for
    /// anything when loading with `partial`).
    pub values: Vec<Option<Value>>,
}

impl Answers {
    /// An empty set of answers for `questionnaire`.
    pub fn empty(questionnaire: &Questionnaire) -> Answers {
        Answers {
            questionnaire: questionnaire.id.clone(),
            values: vec![None; questionnaire.questions.len()],
        }
    }

    pub fn get(&self, questionnaire: &Questionnaire, id: &str) -> Option<&Value> {
        questionnaire
            .index_of(id)
            .and_then(|i| self.values.get(i))
            .and_then(Option::as_ref)
    }
}
