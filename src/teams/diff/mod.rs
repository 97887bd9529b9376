//! What changed between two answers files (`idpfit diff OLD NEW`): the answers, each option's
//! score, each dimension's lean, the blockers and exclusions, and, when the recommendation
//! changed, which answer changes caused it.
//!
//! Causes are found by re-scoring, not guessed from points. Each changed answer is applied on its
//! own to the OLD answers: a change that alone turns OLD's recommendation into NEW's *flips it
//! alone*. Each change is also reverted on its own in the NEW answers: a change without which
//! NEW's recommendation would not hold is *needed*. When no single change flips it, the smallest
//! sets of changes that do are searched for, size by size, within a fixed budget of re-scorings.
//! When the budget runs out first, the needed changes are tried together, and the report says
//! plainly that the set was not proven smallest (or that no cause was found). The same is
//! done for the leaning when it changes, since after a "not yet" the leaning is what a team
//! acts on once the blockers are fixed.
//!
//! Pure and deterministic: changes are in questionnaire order, sets of changes in lexicographic
//! order of their questions.

use crate::engine::search::{Candidate, Plan, smallest_sets as smallest_sets_among};
use crate::engine::{Assessment, Model};
use crate::model::{Answers, Portal, Recommendation, Value};

/// At most this many re-scorings are spent looking for combinations of changes.
const SEARCH_BUDGET: usize = 20_000;
/// At most this many smallest sets are listed.
const MAX_SETS: usize = 10;

/// One answer that differs between the two files.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// Index into the questionnaire's questions.
    pub question: usize,
    /// The answer in OLD and in NEW; `None` when that file leaves it out.
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// OLD's result with only this change applied.
    pub alone: Outcome,
    /// NEW's result with only this change reverted.
    pub reverted: Outcome,
}

/// The two things a change can flip.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub recommendation: Recommendation,
    pub leaning: Portal,
}

/// Why the recommendation changed, if it did.
#[derive(Clone, Debug, PartialEq)]
pub enum Causes {
    /// The recommendation is the same.
    NoFlip,
    /// Each listed change (indices into [`Diff::changes`]) flips it on its own.
    Single(Vec<usize>),
    /// No single change does; each listed set is a smallest set of changes that does together.
    Combination(Vec<Vec<usize>>),
    /// No smaller set does (checked exhaustively): it takes every change together.
    AllTogether,
    /// The search budget ran out after every set of up to `searched_up_to` changes; these
    /// changes (the needed ones) do it together. `minimal`: dropping any one of them undoes it
    /// (a smaller set of other changes may still exist).
    Sufficient {
        set: Vec<usize>,
        searched_up_to: usize,
        minimal: bool,
    },
    /// The search budget ran out after every set of up to `searched_up_to` changes, and the
    /// needed changes alone do not do it.
    Unresolved { searched_up_to: usize },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diff {
    pub old: Assessment,
    pub new: Assessment,
    pub changes: Vec<Change>,
    /// Why the recommendation changed.
    pub causes: Causes,
    /// Why the leaning changed.
    pub leaning_causes: Causes,
}

impl Diff {
    pub fn flipped(&self) -> bool {
        self.old.recommendation != self.new.recommendation
    }

    pub fn leaning_changed(&self) -> bool {
        self.old.leaning != self.new.leaning
    }
}

impl Change {
    /// The change alone turns OLD's recommendation into NEW's.
    pub fn flips_alone(&self, diff: &Diff) -> bool {
        diff.flipped() && self.alone.recommendation == diff.new.recommendation
    }

    /// Without this change, NEW's recommendation would not hold.
    pub fn needed(&self, diff: &Diff) -> bool {
        diff.flipped() && self.reverted.recommendation != diff.new.recommendation
    }
}

/// Compares two sets of answers to the same questionnaire, scored with the same model.
pub fn diff(model: &Model<'_>, old: &Answers, new: &Answers) -> Diff {
    let old_assessment = model.assess(old);
    let new_assessment = model.assess(new);
    let outcome = |answers: &Answers| {
        let resolved = model.resolve(answers);
        let evaluation = model.evaluate(&resolved.slots);
        Outcome {
            recommendation: evaluation.recommendation,
            leaning: evaluation.leaning,
        }
    };
    let changed: Vec<usize> = (0..model.questionnaire.questions.len())
        .filter(|&i| old.values.get(i) != new.values.get(i))
        .collect();
    let changes: Vec<Change> = changed
        .iter()
        .map(|&i| {
            let mut forward = old.clone();
            forward.values[i] = new.values[i].clone();
            let mut backward = new.clone();
            backward.values[i] = old.values[i].clone();
            Change {
                question: i,
                old: old.values[i].clone(),
                new: new.values[i].clone(),
                alone: outcome(&forward),
                reverted: outcome(&backward),
            }
        })
        .collect();
    let causes = causes_of(
        &changes,
        old,
        new,
        new_assessment.recommendation,
        old_assessment.recommendation,
        &|a| outcome(a).recommendation,
        |o| o.recommendation,
    );
    let leaning_causes = causes_of(
        &changes,
        old,
        new,
        new_assessment.leaning,
        old_assessment.leaning,
        &|a| outcome(a).leaning,
        |o| o.leaning,
    );
    Diff {
        old: old_assessment,
        new: new_assessment,
        changes,
        causes,
        leaning_causes,
    }
}

/// Why `before` became `target`: the changes that do it alone, else the smallest sets.
fn causes_of<T: PartialEq + Copy>(
    changes: &[Change],
    old: &Answers,
    new: &Answers,
    target: T,
    before: T,
    score: &dyn Fn(&Answers) -> T,
    pick: impl Fn(&Outcome) -> T,
) -> Causes {
    if before == target {
        return Causes::NoFlip;
    }
    let single: Vec<usize> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| pick(&c.alone) == target)
        .map(|(i, _)| i)
        .collect();
    if !single.is_empty() {
        return Causes::Single(single);
    }
    match smallest_sets(changes, old, new, &target, score) {
        Search::Found(sets) => Causes::Combination(sets),
        Search::NoneSmaller => Causes::AllTogether,
        Search::Exhausted { searched_up_to } => {
            let needed: Vec<usize> = changes
                .iter()
                .enumerate()
                .filter(|(_, c)| pick(&c.reverted) != target)
                .map(|(i, _)| i)
                .collect();
            let with_needed = apply(changes, old, new, &needed);
            if !needed.is_empty() && needed.len() < changes.len() && score(&with_needed) == target {
                let minimal = (0..needed.len()).all(|skip| {
                    let fewer: Vec<usize> = needed
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| *i != skip)
                        .map(|(_, c)| *c)
                        .collect();
                    score(&apply(changes, old, new, &fewer)) != target
                });
                Causes::Sufficient {
                    set: needed,
                    searched_up_to,
                    minimal,
                }
            } else {
                Causes::Unresolved { searched_up_to }
            }
        }
    }
}

/// OLD with the given changes (indices into `changes`) applied.
fn apply(changes: &[Change], old: &Answers, new: &Answers, set: &[usize]) -> Answers {
    let mut answers = old.clone();
    for &c in set {
        let q = changes[c].question;
        answers.values[q] = new.values[q].clone();
    }
    answers
}

/// What the search for smallest sets found.
enum Search {
    Found(Vec<Vec<usize>>),
    /// Every proper subset was tried: none does it.
    NoneSmaller,
    /// The budget ran out; every set of up to this many changes was tried.
    Exhausted {
        searched_up_to: usize,
    },
}

/// The smallest sets of changes (two or more, fewer than all) that together give `target`,
/// with the engine's search for "which changes do it".
fn smallest_sets<T: PartialEq>(
    changes: &[Change],
    old: &Answers,
    new: &Answers,
    target: &T,
    score: &dyn Fn(&Answers) -> T,
) -> Search {
    let n = changes.len();
    let candidates: Vec<Candidate> = (0..n).map(|i| Candidate { answer: i, kind: i }).collect();
    let plan = Plan {
        sizes: 2..=n.saturating_sub(1),
        smallest_only: true,
        budget: SEARCH_BUDGET,
        max_sets: MAX_SETS,
    };
    let search = smallest_sets_among(&candidates, &plan, |set| {
        (score(&apply(changes, old, new, set)) == *target).then_some(())
    });
    let sets: Vec<Vec<usize>> = search.found.into_iter().map(|(set, ())| set).collect();
    match (sets.is_empty(), search.complete) {
        (false, _) => Search::Found(sets),
        (true, true) => Search::NoneSmaller,
        (true, false) => Search::Exhausted {
            searched_up_to: search.searched_up_to,
        },
    }
}

#[cfg(test)]
mod tests;
