//! The one search for "which changes do it": the smallest sets of changes, among candidates,
//! whose outcome reaches a target. It serves both the counterfactuals of `score` (which
//! changes to levers would give another recommendation) and `diff` (which of the changes
//! between two answers files caused the new result).
//!
//! Sets are tried by size, smallest first, each size in lexicographic order of the changes.
//! Each change names the answer it changes, and a set changes each answer at most once; it
//! also names its kind (for a number, the direction it moves), and a set is kept only when no
//! kept set for the same target is made of changes of the same kinds as some of its own, so
//! every kept set is minimal and only the nearest of several similar changes is listed. The search stops when the number of outcomes tried
//! reaches a budget, and then says how far it got: it never claims a set is smallest when it
//! did not check.

use std::ops::RangeInclusive;

/// What the search found.
#[derive(Clone, Debug, PartialEq)]
pub struct Search<K> {
    /// Each kept set (indices into the changes, ascending) with the target it reaches.
    pub found: Vec<(Vec<usize>, K)>,
    /// Every set of up to this many changes was tried.
    pub searched_up_to: usize,
    /// Whether every size asked for was searched to the end.
    pub complete: bool,
}

/// How to search.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Sizes of sets to try, smallest first.
    pub sizes: RangeInclusive<usize>,
    /// Stop after the first size that finds anything (the smallest sets only), or go on to
    /// the largest size (minimal sets of every size).
    pub smallest_only: bool,
    /// Most outcomes to compute.
    pub budget: usize,
    /// Most sets to keep.
    pub max_sets: usize,
}

/// One change as the search sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// The answer it changes: a set changes each answer at most once.
    pub answer: usize,
    /// Its kind: changes of one kind count as the same when judging whether a set is minimal.
    pub kind: usize,
}

/// The smallest sets of changes whose outcome is `Some(target)`. `outcome` is given a set of
/// indices into `changes` (ascending, each answer at most once) and returns the target it
/// reaches, if any.
pub fn smallest_sets<K: PartialEq + Copy>(
    changes: &[Candidate],
    plan: &Plan,
    mut outcome: impl FnMut(&[usize]) -> Option<K>,
) -> Search<K> {
    let mut found: Vec<(Vec<usize>, K)> = Vec::new();
    let mut spent = 0usize;
    let mut searched_up_to = plan.sizes.start().saturating_sub(1);
    for size in plan.sizes.clone() {
        if size > changes.len() {
            break;
        }
        let before = found.len();
        // One buffer moved through the sets in place: a set is copied only when kept.
        let mut set: Vec<usize> = (0..size).collect();
        loop {
            if one_per_answer(&set, changes) {
                if spent >= plan.budget {
                    return Search {
                        found,
                        searched_up_to,
                        complete: false,
                    };
                }
                spent += 1;
                // A set containing a kept set's kinds cannot be minimal for that set's
                // target; it is still tried, as it may reach another target.
                if let Some(target) = outcome(&set) {
                    let covered = found.iter().any(|(kept, reached)| {
                        *reached == target
                            && kept
                                .iter()
                                .all(|k| set.iter().any(|s| changes[*s].kind == changes[*k].kind))
                    });
                    if !covered {
                        found.push((set.clone(), target));
                        if found.len() >= plan.max_sets {
                            return Search {
                                found,
                                searched_up_to: size,
                                complete: false,
                            };
                        }
                    }
                }
            }
            if !advance(&mut set, changes.len()) {
                break;
            }
        }
        searched_up_to = size;
        if plan.smallest_only && found.len() > before {
            break;
        }
    }
    Search {
        found,
        searched_up_to,
        complete: true,
    }
}

/// Whether a set changes each answer at most once.
fn one_per_answer(set: &[usize], changes: &[Candidate]) -> bool {
    set.iter().enumerate().all(|(i, a)| {
        set[i + 1..]
            .iter()
            .all(|b| changes[*a].answer != changes[*b].answer)
    })
}

/// Every `size`-element subset of `0..n`, in lexicographic order.
pub struct Combinations {
    n: usize,
    current: Option<Vec<usize>>,
}

impl Combinations {
    pub fn new(n: usize, size: usize) -> Self {
        Combinations {
            n,
            current: (size <= n).then(|| (0..size).collect()),
        }
    }
}

impl Iterator for Combinations {
    type Item = Vec<usize>;

    fn next(&mut self) -> Option<Vec<usize>> {
        let current = self.current.take()?;
        let mut next = current.clone();
        if advance(&mut next, self.n) {
            self.current = Some(next);
        }
        Some(current)
    }
}

/// Moves `set` (ascending indices below `n`) to the next subset of its size in lexicographic
/// order; `false` when it was the last.
fn advance(set: &mut [usize], n: usize) -> bool {
    let size = set.len();
    // Advance the rightmost position that can still move right.
    for position in (0..size).rev() {
        if set[position] < n - size + position {
            set[position] += 1;
            for later in position + 1..size {
                set[later] = set[later - 1] + 1;
            }
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(sizes: RangeInclusive<usize>, smallest_only: bool) -> Plan {
        Plan {
            sizes,
            smallest_only,
            budget: 10_000,
            max_sets: 100,
        }
    }

    fn each_its_own(answers: &[usize]) -> Vec<Candidate> {
        answers
            .iter()
            .enumerate()
            .map(|(kind, &answer)| Candidate { answer, kind })
            .collect()
    }

    #[test]
    fn combinations_come_in_lexicographic_order() {
        let all: Vec<Vec<usize>> = Combinations::new(4, 2).collect();
        assert_eq!(
            all,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert_eq!(Combinations::new(3, 3).count(), 1);
        assert_eq!(Combinations::new(2, 3).count(), 0);
    }

    #[test]
    fn singles_come_first_and_pairs_only_when_minimal() {
        // Changes 0 and 1 are two values of one answer, of one kind; 2 and 3 are other answers.
        let groups = [
            Candidate { answer: 0, kind: 0 },
            Candidate { answer: 0, kind: 0 },
            Candidate { answer: 1, kind: 1 },
            Candidate { answer: 2, kind: 2 },
        ];
        // Target 'a' is reached by change 1 alone, or by 2 and 3 together; 'b' by 0 with 2.
        let search = smallest_sets(&groups, &plan(1..=2, false), |set| match set {
            [1] => Some('a'),
            [2, 3] | [1, 2] | [1, 3] => Some('a'),
            [0, 2] => Some('b'),
            _ => None,
        });
        assert_eq!(
            search.found,
            vec![(vec![1], 'a'), (vec![0, 2], 'b'), (vec![2, 3], 'a')]
        );
        assert!(search.complete);
    }

    #[test]
    fn smallest_only_stops_at_the_first_size_that_finds() {
        let groups = each_its_own(&[0, 1, 2]);
        let search = smallest_sets(&groups, &plan(2..=3, true), |set| {
            (set.len() >= 2 && set.contains(&2)).then_some(())
        });
        assert_eq!(search.found, vec![(vec![0, 2], ()), (vec![1, 2], ())]);
        assert_eq!(search.searched_up_to, 2);
    }

    #[test]
    fn an_exhausted_budget_says_how_far_it_got() {
        let groups = each_its_own(&(0..10).collect::<Vec<_>>());
        let mut plan = plan(2..=5, true);
        plan.budget = 50;
        let search = smallest_sets(&groups, &plan, |_| None::<()>);
        assert!(!search.complete);
        assert_eq!(search.searched_up_to, 2);
    }
}
