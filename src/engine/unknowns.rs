//! Unknown answers, analysed exactly: what each value an unknown answer could take does to the
//! recommendation, and whether every combination of the unknowns' values gives the same one.
//!
//! Trying every combination costs the product of their numbers of values, which explodes with
//! a handful of unknowns. The model's structure avoids that:
//! - a blocker reads a few answers, so whether it fires for some or for every combination is
//!   decided over those answers alone;
//! - an exclusion likewise; the answers exclusions read are tried in every combination (they
//!   are few), and for each
//! - whether the leaning option stays ahead of each other eligible option is a question about
//!   the lowest its lead can fall to. The lead is a sum over effects, so its lowest value is
//!   the sum of the lowest values of independent groups of answers ([`Model::extremes`]).
//!
//! The result is the same as trying every combination, which a property test checks against
//! exactly that. When a group of answers tied together is too large to try ([`GROUP_LIMIT`]),
//! the recommendation is not shown to hold, and is reported as not holding: never assumed.
//!
//! [`GROUP_LIMIT`]: super::extremes::GROUP_LIMIT

use super::extremes::{Functional, GROUP_LIMIT};
use super::score::{Evaluation, Probe, ranks_above};
use super::{Model, Resolved, UnknownAnswer, UnknownOutcome, candidates};
use crate::model::{AsSlot, Portal, Recommendation};

pub(super) struct UnknownExploration {
    pub answers: Vec<UnknownAnswer>,
    pub holds: bool,
}

impl Model<'_> {
    /// What each open answer could do to the recommendation, and whether any combination of
    /// the unknown answers changes it.
    pub(super) fn explore_unknowns(
        &self,
        resolved: &Resolved,
        base: &Evaluation,
    ) -> UnknownExploration {
        let mut probe = Probe::new(self, &resolved.slots);
        let answers = resolved
            .open
            .iter()
            .map(|&index| {
                let question = &self.questionnaire.questions[index];
                let outcomes: Vec<UnknownOutcome> =
                    candidates(self.questionnaire, self.weights, index)
                        .iter()
                        .map(|value| {
                            let recommendation = probe.recommendation(&[(index, value.slot())]);
                            UnknownOutcome {
                                value: question.display(value),
                                recommendation,
                            }
                        })
                        .collect();
                UnknownAnswer {
                    answer: question.id.clone(),
                    decisive: outcomes
                        .iter()
                        .any(|o| o.recommendation != base.recommendation),
                    outcomes,
                }
            })
            .collect();
        UnknownExploration {
            answers,
            holds: self.holds_across(resolved, base),
        }
    }

    /// Whether every combination of the unknown answers' values gives `base`'s
    /// recommendation.
    pub(super) fn holds_across(&self, resolved: &Resolved, base: &Evaluation) -> bool {
        let free = resolved.unknown();
        if free.is_empty() || base.blockers.iter().any(|&(_, known)| known) {
            // Nothing unknown; or a blocker fires whatever the unknowns are: "not yet" in
            // every combination.
            return true;
        }
        let mut slots = resolved.slots.clone();
        let gate_reads = self.unknown_reads(
            self.weights
                .blockers
                .iter()
                .map(|b| &b.when)
                .chain(self.weights.exclusions.iter().map(|e| e.rule.condition())),
            &free,
            &resolved.skippable,
        );
        if self
            .combinations(&gate_reads)
            .is_none_or(|n| n > GROUP_LIMIT)
        {
            // Too many unknown answers read by the rules to try them all: not shown to hold.
            return false;
        }
        if base.recommendation == Recommendation::NotReady {
            // Blocked only because something unknown could block (or nothing is eligible): it
            // holds only if every combination blocks or leaves nothing eligible.
            let mut holds = true;
            self.for_each_assignment(&mut slots, &gate_reads, &resolved.skippable, &mut |s| {
                let blocked = self.weights.blockers.iter().any(|b| b.when.holds(s));
                let none_eligible = self.exclusions_for(s).iter().all(Option::is_some);
                holds = blocked || none_eligible;
                holds
            });
            return holds;
        }
        // A recommendation was made, so no blocker can fire: only the leaning can change.
        let leaning = base.leaning;
        let exclusion_reads = self.unknown_reads(
            self.weights.exclusions.iter().map(|e| e.rule.condition()),
            &free,
            &resolved.skippable,
        );
        let rest: Vec<usize> = free
            .iter()
            .copied()
            .filter(|q| !exclusion_reads.contains(q))
            .collect();
        let k = self.margin_scale();
        let mut holds = true;
        let mut scratch = slots.clone();
        self.for_each_assignment(
            &mut slots,
            &exclusion_reads,
            &resolved.skippable,
            &mut |s| {
                let excluded = self.exclusions_for(s);
                if excluded[leaning.index()].is_some() {
                    holds = false;
                    return false;
                }
                scratch.copy_from_slice(s);
                let rivals: Vec<Portal> = Portal::ALL
                    .into_iter()
                    .filter(|p| *p != leaning && excluded[p.index()].is_none())
                    .collect();
                let leads: Vec<Box<Functional<'_>>> = rivals
                    .iter()
                    .map(|&r| {
                        Box::new(move |_: usize, p: [f64; 3]| {
                            Some(p[leaning.index()] - p[r.index()])
                        }) as Box<Functional<'_>>
                    })
                    .collect();
                let phis: Vec<&Functional<'_>> = leads.iter().map(|f| f.as_ref()).collect();
                holds = match self.extremes(&mut scratch, &rest, &resolved.skippable, &phis) {
                    Some(ranges) => rivals
                        .iter()
                        .zip(ranges)
                        .all(|(&rival, (lowest, _))| ranks_above(leaning, rival, k * lowest)),
                    None => false,
                };
                holds
            },
        );
        holds
    }

    /// The unknown answers (among `free`) that some of `conditions` read, with the answers that
    /// decide whether a skippable one among them applies; ascending.
    fn unknown_reads<'c>(
        &self,
        conditions: impl Iterator<Item = &'c crate::model::Condition>,
        free: &[usize],
        skippable: &[usize],
    ) -> Vec<usize> {
        let mut reads: Vec<usize> = conditions.flat_map(|c| c.questions()).collect();
        for &q in skippable {
            if reads.contains(&q)
                && let Some(ask_if) = &self.questionnaire.questions[q].ask_if
            {
                reads.extend(ask_if.questions());
            }
        }
        reads.retain(|q| free.contains(q));
        reads.sort_unstable();
        reads.dedup();
        reads
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::{Answers, Slot, Value};
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS,
        answers,
    };

    /// Most combinations the brute force below tries for one case.
    const BRUTE_FORCE_LIMIT: usize = 60_000;

    /// Whether every combination of the unknown answers' values gives `base`: by trying them
    /// all, the way the exact analysis must agree with.
    fn brute_force(model: &Model<'_>, resolved: &Resolved, base: Recommendation) -> bool {
        let mut slots = resolved.slots.clone();
        let mut holds = true;
        model.for_each_assignment(
            &mut slots,
            &resolved.unknown(),
            &resolved.skippable,
            &mut |s| {
                holds = model.decision(s).recommendation == base;
                holds
            },
        );
        holds
    }

    fn base_answers(example: usize) -> Answers {
        let texts = [
            PORT_EXAMPLE,
            BACKSTAGE_EXAMPLE,
            HYBRID_EXAMPLE,
            NOT_READY_EXAMPLE,
            include_str!("../../examples/contradictory.toml"),
        ];
        answers(texts[example % texts.len()])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Up to ten unknown answers, some other answers changed: the exact analysis says the
        /// recommendation holds exactly when trying every combination says so.
        #[test]
        fn the_exact_analysis_agrees_with_trying_every_combination(
            example in 0usize..5,
            unknown in prop::collection::btree_set(0usize..64, 0..=10),
            changes in prop::collection::vec((0usize..64, 0usize..16), 0..6),
        ) {
            let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
            let questions = &QUESTIONNAIRE.questions;
            let mut answers = base_answers(example);
            for (q, pick) in changes {
                let q = q % questions.len();
                let values = crate::engine::candidates(&QUESTIONNAIRE, &WEIGHTS, q);
                if !values.is_empty() && !questions[q].context_only && answers.values[q].is_some() {
                    answers.values[q] = Some(values[pick % values.len()].clone());
                }
            }
            for q in unknown {
                let q = q % questions.len();
                if questions[q].unknown_allowed && answers.values[q].is_some() {
                    answers.values[q] = Some(Value::Unknown);
                }
            }
            let resolved = model.resolve(&answers);
            let combinations = resolved
                .unknown()
                .iter()
                .map(|&q| model.trial_slots[q].len())
                .product::<usize>();
            prop_assume!(combinations <= BRUTE_FORCE_LIMIT);
            let base = model.evaluate(&resolved.slots);
            let exact = model.holds_across(&resolved, &base);
            prop_assert_eq!(exact, brute_force(&model, &resolved, base.recommendation));
        }
    }

    #[test]
    fn a_question_that_applies_only_under_an_unknown_answer_is_tried_both_ways() {
        let model = Model::new(&QUESTIONNAIRE, &WEIGHTS);
        let mut answers = base_answers(0);
        let portal = QUESTIONNAIRE.index_of("current.portal").unwrap();
        answers.values[portal] = Some(Value::Unknown);
        let resolved = model.resolve(&answers);
        let months = QUESTIONNAIRE.index_of("current.months_invested").unwrap();
        assert!(resolved.skippable.contains(&months));
        assert_eq!(resolved.slots[months], Slot::Unknown);
        let base = model.evaluate(&resolved.slots);
        assert_eq!(
            model.holds_across(&resolved, &base),
            brute_force(&model, &resolved, base.recommendation)
        );
    }
}
