//! The scoring kernel: the only place that turns answers into points and points into a
//! decision.
//!
//! [`Model::evaluate`] is one pass over the weights for one set of answers (as [`Slot`]s):
//! every effect's points, summed per option by [`sum_points`]; the common-scale scores; the
//! exclusions and blockers; and the decision by [`decide`]. The unknowns analysis,
//! counterfactuals and robustness call these same functions rather than redoing any of it. No
//! wording here: sentences are [`super::explain`]'s job.

use super::Model;
use crate::model::weights::{Effect, ExclusionRule};
use crate::model::{AsSlot, Condition, Dimension, Portal, Recommendation, Slot};

/// Most combinations of unknown answers tried for one effect or one condition. The built-in
/// model never needs more than a few dozen; a weights file whose effect or rule reads many
/// answers at once is bounded by it (see where it is used for what happens beyond).
pub(super) const COMBINATION_LIMIT: usize = 4096;

/// Scores closer than this (in score points) count as a tie, so rounding noise never picks the
/// recommendation; a tie goes to the earlier option in [`Portal::TIE_ORDER`].
pub(super) const TIE: f64 = 1e-6;

/// Everything one pass over the weights produces for one set of answers.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Per option, the weighted points summed.
    pub totals: [f64; 3],
    /// Per option, 0-100 on the common scale, unrounded.
    pub scores: [f64; 3],
    /// Per dimension, -100..100, unrounded.
    pub leans: [f64; 4],
    /// Per applied effect: its index and points per option, after its scale and before its
    /// dimension weight.
    pub contributions: Vec<(usize, [f64; 3])>,
    /// Per option, the first exclusion rule that removed it.
    pub excluded: [Option<usize>; 3],
    /// The blocker rules that fire: their index, and whether they fire whatever the unknown
    /// answers turn out to be (`true`) or only could, because an answer they read is unknown.
    pub blockers: Vec<(usize, bool)>,
    pub leaning: Portal,
    /// The best other option: eligible if any is, else the best excluded one.
    pub rival: Portal,
    pub recommendation: Recommendation,
}

impl Evaluation {
    pub fn eligible(&self, portal: Portal) -> bool {
        self.excluded[portal.index()].is_none()
    }

    pub(super) fn eligible_count(&self) -> usize {
        Portal::ALL.iter().filter(|p| self.eligible(**p)).count()
    }
}

/// The decision for given totals: the leaning option (the best eligible one), its rival, and
/// the recommendation ("not yet" when a blocker fires or nothing is eligible).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Decision {
    pub leaning: Portal,
    pub rival: Portal,
    pub recommendation: Recommendation,
}

impl Model<'_> {
    /// One pass over the weights.
    pub fn evaluate(&self, slots: &[Slot]) -> Evaluation {
        let mut contributions = Vec::with_capacity(self.weights.effects.len());
        for index in 0..self.weights.effects.len() {
            if let Some(points) = self.effect_points(index, slots) {
                contributions.push((index, points));
            }
        }
        let weights = self.dimension_weights();
        let applied = contributions
            .iter()
            .map(|&(i, p)| (p, self.weights.effects[i].dimension));
        let totals = sum_points(applied, &weights);
        let mut lean_sums = [0.0; 4];
        for &(index, points) in &contributions {
            if let Some(dimension) = self.weights.effects[index].dimension {
                lean_sums[dimension.index()] +=
                    (points[0] - points[1]) * weights[dimension.index()];
            }
        }
        let excluded = self.exclusions_for(slots);
        let blockers = self.blockers_for(slots);
        let eligible = Portal::ALL.map(|p| excluded[p.index()].is_none());
        let decision = decide(
            &self.margin_scale(),
            &totals,
            eligible,
            !blockers.is_empty(),
        );
        Evaluation {
            totals,
            scores: totals.map(|t| self.score_of(t)),
            leans: Dimension::ALL.map(|d| self.lean_of(d, lean_sums[d.index()])),
            contributions,
            excluded,
            blockers,
            leaning: decision.leaning,
            rival: decision.rival,
            recommendation: decision.recommendation,
        }
    }

    /// The decision alone, for the analyses that try many sets of answers.
    pub(super) fn decision(&self, slots: &[Slot]) -> Decision {
        let applied = (0..self.weights.effects.len()).filter_map(|i| {
            self.effect_points(i, slots)
                .map(|p| (p, self.weights.effects[i].dimension))
        });
        let totals = sum_points(applied, &self.dimension_weights());
        let excluded = self.exclusions_for(slots);
        let blocked = self.blocked(slots);
        let eligible = Portal::ALL.map(|p| excluded[p.index()].is_none());
        decide(&self.margin_scale(), &totals, eligible, blocked)
    }

    /// Points an effect gives, after its scale and before its dimension weight; `None` when it
    /// does not apply. When an answer it reads is unknown, the average over the values that
    /// answer could take, so an unknown neither helps nor hurts any option.
    pub(super) fn effect_points(&self, index: usize, slots: &[Slot]) -> Option<[f64; 3]> {
        let reads = &self.reads[index];
        if reads.iter().all(|&q| !slots[q].is_unknown()) {
            return self.known_points(&self.weights.effects[index], slots);
        }
        let unknown: Vec<usize> = reads
            .iter()
            .copied()
            .filter(|&q| slots[q].is_unknown())
            .collect();
        let mut scenario = slots.to_vec();
        let mut sum = [0.0; 3];
        let mut count = 0usize;
        // Beyond the limit, the average is over the first combinations only: still the same
        // for every run, and this neutral value only places the leaning while answers are
        // unknown; the unknowns analysis decides what they could change.
        self.for_each_assignment(&mut scenario, &unknown, &[], &mut |s| {
            let points = self
                .known_points(&self.weights.effects[index], s)
                .unwrap_or([0.0; 3]);
            sum.iter_mut().zip(points).for_each(|(t, p)| *t += p);
            count += 1;
            count < COMBINATION_LIMIT
        });
        Some(sum.map(|t| t / count.max(1) as f64))
    }

    /// Points for answers the effect reads that are all known.
    pub(super) fn known_points(&self, effect: &Effect, slots: &[Slot]) -> Option<[f64; 3]> {
        if effect.when.as_ref().is_some_and(|c| !c.holds(slots)) {
            return None;
        }
        let (points, _) = effect.points.at(&slots[effect.question])?;
        let factor = match &effect.scale {
            Some(scale) => scale.factor.at(slots[scale.question])?,
            None => 1.0,
        };
        Some(points.map(|p| p * factor))
    }

    /// Per option, the first exclusion rule that removes it. A rule fires on known answers
    /// only: `when` must hold, `unless` must fail to hold for sure.
    pub(super) fn exclusions_for(&self, slots: &[Slot]) -> [Option<usize>; 3] {
        self.excluded_by(|index| self.exclusion_fires(index, slots))
    }

    /// Per option, the first exclusion rule among those that `fires` that removes it.
    fn excluded_by(&self, fires: impl Fn(usize) -> bool) -> [Option<usize>; 3] {
        let mut excluded = [None; 3];
        for (index, rule) in self.weights.exclusions.iter().enumerate() {
            if fires(index) {
                for option in &rule.options {
                    excluded[option.index()].get_or_insert(index);
                }
            }
        }
        excluded
    }

    /// Whether exclusion rule `index` removes its options: its `when` holds, or its `unless`
    /// fails to hold for sure.
    fn exclusion_fires(&self, index: usize, slots: &[Slot]) -> bool {
        match &self.weights.exclusions[index].rule {
            ExclusionRule::When(c) => c.holds(slots),
            ExclusionRule::Unless(c) => !c.holds(slots),
        }
    }

    /// The blockers that fire (known) or could fire because an answer they read is unknown:
    /// an unknown answer to a question that would block when answered badly blocks until it
    /// is known.
    pub(super) fn blockers_for(&self, slots: &[Slot]) -> Vec<(usize, bool)> {
        self.weights
            .blockers
            .iter()
            .enumerate()
            .filter_map(|(index, rule)| {
                if rule.when.holds(slots) {
                    Some((index, true))
                } else if self.could_hold(&rule.when, slots) {
                    Some((index, false))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Whether some blocker fires or could fire: the readiness gate, as the decision needs it.
    pub(super) fn blocked(&self, slots: &[Slot]) -> bool {
        (0..self.weights.blockers.len()).any(|index| self.blocker_fires(index, slots))
    }

    /// Whether blocker `index` fires, or could because an answer it reads is unknown.
    fn blocker_fires(&self, index: usize, slots: &[Slot]) -> bool {
        let when = &self.weights.blockers[index].when;
        when.holds(slots)
            || (self.blocker_reads[index]
                .iter()
                .any(|&q| slots[q].is_unknown())
                && self.could_hold(when, slots))
    }

    /// Whether a condition holds, or would for some value of the unknown answers it reads.
    /// Conditions have no negation, so one that holds with its unknown answers failing every
    /// test holds whatever they turn out to be.
    pub(super) fn could_hold(&self, condition: &Condition, slots: &[Slot]) -> bool {
        if condition.holds(slots) {
            return true;
        }
        let mut unknown = condition.questions();
        unknown.retain(|&q| slots[q].is_unknown());
        unknown.sort_unstable();
        unknown.dedup();
        if unknown.is_empty() {
            return false;
        }
        if self
            .combinations(&unknown)
            .is_none_or(|n| n > COMBINATION_LIMIT)
        {
            // Too many combinations to try: a rule that might fire is taken to, so a blocker
            // blocks rather than being waved through on an unchecked guess.
            return true;
        }
        let mut scenario = slots.to_vec();
        let mut found = false;
        self.for_each_assignment(&mut scenario, &unknown, &[], &mut |s| {
            found = condition.holds(s);
            !found
        });
        found
    }

    /// Calls `f` with `slots` for every combination of the candidate values of `questions`
    /// (see [`super::candidates`]), until `f` returns `false`. Each of `skippable` (questions
    /// the answers left out that apply only under a condition) takes its skipped value where
    /// that condition fails, as it would had the answers been given. `slots` is restored
    /// afterwards.
    pub(super) fn for_each_assignment(
        &self,
        slots: &mut [Slot],
        questions: &[usize],
        skippable: &[usize],
        f: &mut dyn FnMut(&[Slot]) -> bool,
    ) {
        let saved: Vec<Slot> = questions.iter().map(|&q| slots[q]).collect();
        let mut digits = vec![0usize; questions.len()];
        'outer: loop {
            for (&q, &digit) in questions.iter().zip(&digits) {
                slots[q] = self.trial_slots[q][digit];
            }
            let go_on = if skippable.is_empty() {
                f(slots)
            } else {
                let before = self.apply_skips(slots, skippable);
                let go_on = f(slots);
                for (q, slot) in before {
                    slots[q] = slot;
                }
                go_on
            };
            if !go_on {
                break;
            }
            for position in 0..digits.len() {
                digits[position] += 1;
                if digits[position] < self.trial_slots[questions[position]].len() {
                    continue 'outer;
                }
                digits[position] = 0;
            }
            break;
        }
        for (&q, slot) in questions.iter().zip(saved) {
            slots[q] = slot;
        }
    }

    /// How many combinations of trial values `questions` have, if it fits in a `usize`.
    pub(super) fn combinations(&self, questions: &[usize]) -> Option<usize> {
        questions
            .iter()
            .try_fold(1usize, |n, &q| n.checked_mul(self.trial_slots[q].len()))
    }

    /// Gives each of `skippable` its skipped value where its condition fails; returns what
    /// it replaced, to put back.
    pub(super) fn apply_skips(
        &self,
        slots: &mut [Slot],
        skippable: &[usize],
    ) -> Vec<(usize, Slot)> {
        let mut replaced = Vec::new();
        for &q in skippable {
            let question = &self.questionnaire.questions[q];
            if let (Some(ask_if), Some(skipped)) = (&question.ask_if, &question.when_skipped)
                && !ask_if.holds(&*slots)
            {
                replaced.push((q, slots[q]));
                slots[q] = skipped.slot();
            }
        }
        replaced
    }

    /// A total on the common scale: 0 is the lowest total any option can reach with any
    /// answers, 100 the highest.
    pub(super) fn score_of(&self, total: f64) -> f64 {
        let (low, high) = self.scales.total;
        if high - low > f64::EPSILON {
            100.0 * (total - low) / (high - low)
        } else {
            50.0
        }
    }

    /// Score points per point of total: the same for every option.
    pub(super) fn margin_scale(&self) -> f64 {
        let (low, high) = self.scales.total;
        if high - low > f64::EPSILON {
            100.0 / (high - low)
        } else {
            0.0
        }
    }

    fn lean_of(&self, dimension: Dimension, sum: f64) -> f64 {
        let (toward_port, toward_backstage) = self.scales.leans[dimension.index()];
        let scale = if sum >= 0.0 {
            toward_backstage
        } else {
            toward_port
        };
        if scale > f64::EPSILON {
            (100.0 * sum / scale).clamp(-100.0, 100.0)
        } else {
            0.0
        }
    }

    pub(super) fn dimension_weights(&self) -> [f64; 4] {
        self.weights.dimensions.each_ref().map(|d| d.weight)
    }
}

/// A set of answers with what scoring them gave, so that trying a few changed answers rescores
/// only the effects that read them. Every analysis that tries many variations of one set of
/// answers (unknown values, counterfactuals) goes through it; the result is the same as
/// [`Model::decision`] on the changed answers.
pub(super) struct Probe<'m, 'a> {
    model: &'m Model<'a>,
    slots: Vec<Slot>,
    /// Per effect, its points for the base answers (before the dimension weight).
    points: Vec<Option<[f64; 3]>>,
    totals: [f64; 3],
    /// The base answers' exclusions and readiness gate, for trials that change no answer a
    /// rule reads.
    eligible: [bool; 3],
    blocked: bool,
    /// Per exclusion rule and per blocker, whether it fires for the base answers: a trial
    /// checks again only the rules that read an answer it changes. A blocker is checked when
    /// first needed, as with unknown answers that can take many trials.
    exclusions_fire: Vec<bool>,
    blockers_fire: Vec<Option<bool>>,
    /// Scratch space for one trial, kept to save allocating it each time.
    saved: Vec<Slot>,
    seen: Vec<usize>,
}

impl<'m, 'a> Probe<'m, 'a> {
    pub(super) fn new(model: &'m Model<'a>, slots: &[Slot]) -> Probe<'m, 'a> {
        let points: Vec<Option<[f64; 3]>> = (0..model.weights.effects.len())
            .map(|e| model.effect_points(e, slots))
            .collect();
        let applied = points
            .iter()
            .zip(&model.weights.effects)
            .filter_map(|(p, e)| p.map(|p| (p, e.dimension)));
        let totals = sum_points(applied, &model.dimension_weights());
        let exclusions_fire: Vec<bool> = (0..model.weights.exclusions.len())
            .map(|i| model.exclusion_fires(i, slots))
            .collect();
        let excluded = model.excluded_by(|i| exclusions_fire[i]);
        Probe {
            model,
            eligible: Portal::ALL.map(|p| excluded[p.index()].is_none()),
            blocked: model.blocked(slots),
            exclusions_fire,
            blockers_fire: vec![None; model.weights.blockers.len()],
            slots: slots.to_vec(),
            points,
            totals,
            saved: Vec::new(),
            seen: Vec::new(),
        }
    }

    /// The decision with `changes` (question, new value) applied to the base answers.
    pub(super) fn decision(&mut self, changes: &[(usize, Slot)]) -> Decision {
        let model = self.model;
        let mut saved = std::mem::take(&mut self.saved);
        saved.clear();
        saved.extend(changes.iter().map(|&(q, _)| self.slots[q]));
        for &(q, v) in changes {
            self.slots[q] = v;
        }
        let weights = model.dimension_weights();
        let mut totals = self.totals;
        self.seen.clear();
        for &(q, _) in changes {
            for &effect in &model.touching[q] {
                if self.seen.contains(&effect) {
                    continue;
                }
                self.seen.push(effect);
                let change = self.change(effect, &weights);
                totals.iter_mut().zip(change).for_each(|(t, c)| *t += c);
            }
        }
        let (eligible, blocked) = if changes.iter().any(|&(q, _)| model.gate[q]) {
            let changed = |reads: &[usize]| changes.iter().any(|(q, _)| reads.contains(q));
            let slots = &self.slots;
            let excluded = model.excluded_by(|i| {
                if changed(&model.exclusion_reads[i]) {
                    model.exclusion_fires(i, slots)
                } else {
                    self.exclusions_fire[i]
                }
            });
            // A blocker that reads no changed answer fires as for the base answers.
            let blocked = self.blockers_fire.iter_mut().enumerate().any(|(i, base)| {
                if changed(&model.blocker_reads[i]) {
                    model.blocker_fires(i, slots)
                } else {
                    *base.get_or_insert_with(|| model.blocker_fires(i, slots))
                }
            });
            (Portal::ALL.map(|p| excluded[p.index()].is_none()), blocked)
        } else {
            (self.eligible, self.blocked)
        };
        let decision = decide(&model.margin_scale(), &totals, eligible, blocked);
        for (&(q, _), &slot) in changes.iter().zip(&saved) {
            self.slots[q] = slot;
        }
        self.saved = saved;
        decision
    }

    pub(super) fn recommendation(&mut self, changes: &[(usize, Slot)]) -> Recommendation {
        self.decision(changes).recommendation
    }

    /// How one change to an answer no rule reads moves the totals; `None` for an answer an
    /// exclusion, blocker or skip rule reads, whose effect is more than points.
    pub(super) fn shift(&mut self, question: usize, value: Slot) -> Option<[f64; 3]> {
        let model = self.model;
        if model.gate[question] {
            return None;
        }
        let saved = self.slots[question];
        self.slots[question] = value;
        let weights = model.dimension_weights();
        let mut shift = [0.0; 3];
        for &effect in &model.touching[question] {
            let change = self.change(effect, &weights);
            shift.iter_mut().zip(change).for_each(|(t, c)| *t += c);
        }
        self.slots[question] = saved;
        Some(shift)
    }

    /// How `effect`'s weighted points for the current slots differ from the base answers'.
    fn change(&self, effect: usize, weights: &[f64; 4]) -> [f64; 3] {
        let old = self.points[effect].unwrap_or([0.0; 3]);
        let new = self
            .model
            .effect_points(effect, &self.slots)
            .unwrap_or([0.0; 3]);
        let dimension = self.model.weights.effects[effect].dimension;
        weigh(std::array::from_fn(|i| new[i] - old[i]), dimension, weights)
    }

    /// The recommendation after shifts of the totals that leave every rule's outcome as it
    /// is (see [`Probe::shift`]).
    pub(super) fn shifted(&self, shifts: &[[f64; 3]]) -> Recommendation {
        let mut totals = self.totals;
        for shift in shifts {
            totals.iter_mut().zip(shift).for_each(|(t, s)| *t += s);
        }
        decide(
            &self.model.margin_scale(),
            &totals,
            self.eligible,
            self.blocked,
        )
        .recommendation
    }
}

/// Sums points per option, each times its dimension's weight (1 outside dimensions). Every
/// total the engine compares comes from here, the perturbed ones of the robustness analysis
/// included.
pub(super) fn sum_points(
    applied: impl Iterator<Item = ([f64; 3], Option<Dimension>)>,
    dimension_weights: &[f64; 4],
) -> [f64; 3] {
    let mut totals = [0.0; 3];
    for (points, dimension) in applied {
        let weighted = weigh(points, dimension, dimension_weights);
        totals.iter_mut().zip(weighted).for_each(|(t, p)| *t += p);
    }
    totals
}

/// Points times their dimension's weight (1 outside dimensions).
pub(super) fn weigh(
    points: [f64; 3],
    dimension: Option<Dimension>,
    dimension_weights: &[f64; 4],
) -> [f64; 3] {
    let weight = dimension.map_or(1.0, |d| dimension_weights[d.index()]);
    points.map(|p| p * weight)
}

/// Whether `a` ranks above `b` given `a`'s lead over `b` in score points: by more than
/// [`TIE`], or a tie within it and `a` earlier in [`Portal::TIE_ORDER`] (the more reversible
/// choice first).
pub(super) fn ranks_above(a: Portal, b: Portal, lead: f64) -> bool {
    lead > TIE || (lead >= -TIE && tie_position(a) < tie_position(b))
}

fn tie_position(portal: Portal) -> usize {
    Portal::TIE_ORDER
        .iter()
        .position(|p| *p == portal)
        .unwrap_or(usize::MAX)
}

/// The decision for raw totals (`k` turns a difference of totals into score points).
pub(super) fn decide(k: &f64, totals: &[f64; 3], eligible: [bool; 3], blocked: bool) -> Decision {
    let ranked = rank(k, totals);
    let best = ranked.iter().copied().find(|p| eligible[p.index()]);
    let leaning = best.unwrap_or(ranked[0]);
    let others = || ranked.iter().copied().filter(move |p| *p != leaning);
    let rival = others()
        .find(|p| eligible[p.index()])
        .or_else(|| others().find(|p| *p != Portal::Hybrid))
        .or_else(|| others().next())
        .unwrap_or(leaning);
    let recommendation = match best {
        Some(portal) if !blocked => portal.into(),
        _ => Recommendation::NotReady,
    };
    Decision {
        leaning,
        rival,
        recommendation,
    }
}

/// Options best first: each placed above those it ranks above (see [`ranks_above`]).
pub(super) fn rank(k: &f64, totals: &[f64; 3]) -> [Portal; 3] {
    let mut order = Portal::TIE_ORDER;
    // Three elements: an insertion sort with the tie rule, which stays well defined even when
    // near-ties make the relation intransitive.
    for i in 1..order.len() {
        let mut j = i;
        while j > 0 {
            let (a, b) = (order[j], order[j - 1]);
            let lead = k * (totals[a.index()] - totals[b.index()]);
            if ranks_above(a, b, lead) {
                order.swap(j, j - 1);
                j -= 1;
            } else {
                break;
            }
        }
    }
    order
}

pub(super) fn round1(x: f64) -> f64 {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}
