//! Named weight presets: complete weights files shipped under `weights/` and compiled into the
//! binary, chosen with `--preset NAME` instead of a path.
//!
//! A preset changes emphasis, not facts: each one is the default model with some numbers moved,
//! every change commented in its file. The domain facts of the model (headcount never decides,
//! required self-hosting rules out Port and a hybrid, the readiness gate, when a hybrid is
//! warranted) are the same rules in every preset, which the tests check. This module only finds
//! a preset's text; loading and checking it is [`crate::load::weights`]'s job.

use crate::load::Diagnostics;
use crate::model::{Questionnaire, Weights};

/// One preset: its name (as `--preset` takes it), where it lives, and its weights text.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    pub name: &'static str,
    /// Path in the source tree, for messages and for readers who want to copy and edit it.
    pub path: &'static str,
    pub source: &'static str,
}

/// Every preset, the default first, then alphabetically.
pub const PRESETS: [Preset; 3] = [
    Preset {
        name: "default",
        path: "weights/default.toml",
        source: super::WEIGHTS_TOML,
    },
    Preset {
        name: "regulated-enterprise",
        path: "weights/regulated-enterprise.toml",
        source: include_str!("../../weights/regulated-enterprise.toml"),
    },
    Preset {
        name: "scale-up",
        path: "weights/scale-up.toml",
        source: include_str!("../../weights/scale-up.toml"),
    },
];

/// The names `--preset` accepts, in [`PRESETS`] order.
pub fn names() -> [&'static str; PRESETS.len()] {
    PRESETS.map(|p| p.name)
}

pub fn find(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// How errors refer to the built-in file.
    pub fn display_name(&self) -> String {
        format!("<built-in {}>", self.path)
    }

    /// Loads and checks the preset against `questionnaire` (the built-in one, or the one given
    /// with `--questionnaire`).
    pub fn load(&self, questionnaire: &Questionnaire) -> Result<Weights, Diagnostics> {
        Weights::from_toml(&self.display_name(), self.source, questionnaire)
    }
}

/// Every preset by name, loaded and checked against `questionnaire`, in [`PRESETS`] order; the
/// first preset that does not fit the questionnaire is the error.
pub fn load_all(
    questionnaire: &Questionnaire,
) -> Result<Vec<(&'static str, Weights)>, Diagnostics> {
    PRESETS
        .iter()
        .map(|preset| Ok((preset.name, preset.load(questionnaire)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::{Model, assess};
    use crate::model::weights::{Effect, ExclusionRule, Points};
    use crate::model::{Portal, Recommendation};
    use crate::testing::{
        BACKSTAGE_EXAMPLE, HYBRID_EXAMPLE, NOT_READY_EXAMPLE, PORT_EXAMPLE, answers, with,
    };

    fn load(preset: &Preset) -> Weights {
        match preset.load(&builtin::questionnaire()) {
            Ok(weights) => weights,
            Err(d) => panic!("preset {} does not load:\n{}", preset.name, d.render()),
        }
    }

    #[test]
    fn every_preset_loads_and_is_named_after_itself() {
        for preset in &PRESETS {
            let weights = load(preset);
            assert_eq!(weights.name, preset.name);
            assert!(!weights.description.is_empty(), "{}", preset.name);
        }
    }

    /// The domain facts live in exclusions and blockers: a preset may add emphasis but must keep
    /// every one of the default's rules unchanged.
    #[test]
    fn every_preset_keeps_the_default_exclusions_and_blockers() {
        let default = builtin::weights();
        for preset in &PRESETS {
            let weights = load(preset);
            assert_eq!(
                weights.exclusions.len(),
                default.exclusions.len(),
                "{}",
                preset.name
            );
            for (mine, theirs) in weights.exclusions.iter().zip(&default.exclusions) {
                assert_eq!(mine.options, theirs.options, "{}", preset.name);
                let same_rule = match (&mine.rule, &theirs.rule) {
                    (ExclusionRule::When(a), ExclusionRule::When(b))
                    | (ExclusionRule::Unless(a), ExclusionRule::Unless(b)) => a == b,
                    _ => false,
                };
                assert!(same_rule, "{}: exclusion rule changed", preset.name);
            }
            for blocker in &default.blockers {
                let kept = weights
                    .blockers
                    .iter()
                    .any(|b| b.id == blocker.id && b.when == blocker.when);
                assert!(
                    kept,
                    "{} drops or changes blocker {}",
                    preset.name, blocker.id
                );
            }
        }
    }

    fn examples() -> [(&'static str, crate::model::Answers); 4] {
        [
            ("port", answers(PORT_EXAMPLE)),
            ("backstage", answers(BACKSTAGE_EXAMPLE)),
            ("hybrid", answers(HYBRID_EXAMPLE)),
            ("not-ready", answers(NOT_READY_EXAMPLE)),
        ]
    }

    #[test]
    fn every_preset_respects_the_domain_facts_on_every_example() {
        let questionnaire = builtin::questionnaire();
        for preset in &PRESETS {
            let weights = load(preset);
            let model = Model::new(&questionnaire, &weights);
            for (name, example) in examples() {
                let base = model.assess(&example);
                // Headcount is context only, never decisive.
                for engineers in ["1", "50", "500", "100000"] {
                    let other = model.assess(&with(&example, "organization.engineers", engineers));
                    assert_eq!(other.scores, base.scores, "{} {name}", preset.name);
                    assert_eq!(other.recommendation, base.recommendation);
                }
                // Required self-hosting rules out Port and a hybrid.
                let self_host =
                    model.assess(&with(&example, "hosting.requirement", "\"must_self_host\""));
                assert_eq!(
                    self_host.leaning,
                    Portal::Backstage,
                    "{} {name}",
                    preset.name
                );
                // The portal is not the platform: unreliable golden paths mean not yet.
                let shaky =
                    model.assess(&with(&example, "platform.golden_paths", "\"unreliable\""));
                assert_eq!(shaky.recommendation, Recommendation::NotReady);
                assert_eq!(shaky.leaning, base.leaning, "{} {name}", preset.name);
                // A hybrid needs a documented gap.
                let no_gap =
                    model.assess(&with(&example, "integrations.port_gap_documented", "false"));
                assert_ne!(no_gap.recommendation, Recommendation::Hybrid);
            }
        }
    }

    /// What each preset recommends for the four shipped examples: the same as the default. The
    /// examples are clear cases (high confidence, a lead of 20 points or more), and a preset only
    /// moves middle answers, so none of them changes.
    #[test]
    fn presets_keep_the_shipped_examples_sensible() {
        use Recommendation::*;
        let expected = [Port, Backstage, Hybrid, NotReady];
        let questionnaire = builtin::questionnaire();
        for preset in &PRESETS {
            let weights = load(preset);
            for ((example, answers), expected) in examples().into_iter().zip(expected) {
                let result = assess(&questionnaire, &weights, &answers);
                assert_eq!(
                    result.recommendation, expected,
                    "{} on {example}",
                    preset.name
                );
            }
        }
    }

    /// A preset moves only middle answers: every effect keeps its best and worst case for each
    /// option, and every dimension keeps its weight, so scores change only where the changed
    /// answers are given (see the header of each preset file).
    #[test]
    fn presets_move_no_extreme() {
        let default = builtin::weights();
        for preset in &PRESETS {
            let weights = load(preset);
            for (mine, theirs) in weights.dimensions.iter().zip(&default.dimensions) {
                assert_eq!(mine.weight, theirs.weight, "{}", preset.name);
            }
            assert_eq!(
                weights.effects.len(),
                default.effects.len(),
                "{}",
                preset.name
            );
            for (mine, theirs) in weights.effects.iter().zip(&default.effects) {
                assert_eq!(mine.question, theirs.question, "{}", preset.name);
                assert_eq!(mine.dimension, theirs.dimension, "{}", preset.name);
                assert_eq!(mine.when, theirs.when, "{}", preset.name);
                assert_eq!(shape(mine), shape(theirs), "{}", preset.name);
                for option in 0..3 {
                    assert_eq!(
                        extremes(mine, option),
                        extremes(theirs, option),
                        "{}: an extreme of the effect on question {} moved",
                        preset.name,
                        mine.question
                    );
                }
            }
        }
    }

    /// What an effect's points are keyed by: its cases' matchers, or its curve's positions.
    fn shape(effect: &Effect) -> String {
        match &effect.points {
            Points::Cases(cases) => {
                format!("{:?}", cases.iter().map(|c| &c.matcher).collect::<Vec<_>>())
            }
            Points::Curve(anchors) => {
                format!("{:?}", anchors.iter().map(|a| a.at).collect::<Vec<_>>())
            }
        }
    }

    /// An effect's lowest and highest points for one option.
    fn extremes(effect: &Effect, option: usize) -> (f64, f64) {
        let points: Vec<f64> = match &effect.points {
            Points::Cases(cases) => cases.iter().map(|c| c.points[option]).collect(),
            Points::Curve(anchors) => anchors.iter().map(|a| a.points[option]).collect(),
        };
        let low = points.iter().copied().fold(f64::INFINITY, f64::min);
        let high = points.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (low, high)
    }

    fn variant(source: &str, changes: &[(&str, &str)]) -> crate::model::Answers {
        changes
            .iter()
            .fold(answers(source), |a, (id, value)| with(&a, id, value))
    }

    fn recommendation(name: &str, answers: &crate::model::Answers) -> Recommendation {
        let weights = find(name).map(load);
        let Some(weights) = weights else {
            panic!("no preset {name}");
        };
        assess(&builtin::questionnaire(), &weights, answers).recommendation
    }

    /// A borderline organisation the default sends to Port: a preference for self-hosting,
    /// both risks weighing the same, five months to first value. The regulated preset weighs
    /// those toward running the portal yourself.
    #[test]
    fn regulated_enterprise_tips_a_borderline_case_toward_self_hosting() {
        let answers = variant(
            BACKSTAGE_EXAMPLE,
            &[
                ("hosting.requirement", "\"prefer_self_host\""),
                ("exit.primary_concern", "\"balanced\""),
                ("capacity.dedicated_fte", "2"),
                ("capacity.ownership", "\"named_part_time\""),
                ("capacity.commitment", "\"one_year\""),
                ("timeline.first_value_months", "5"),
                ("timeline.horizon", "\"one_year\""),
                ("integrations.stack", "\"mostly_standard\""),
                ("integrations.uncovered_integrations", "2"),
            ],
        );
        assert_eq!(recommendation("default", &answers), Recommendation::Port);
        assert_eq!(
            recommendation("regulated-enterprise", &answers),
            Recommendation::Backstage
        );
    }

    /// A borderline organisation the default sends to Backstage: no hosting constraint, both
    /// risks weighing the same, a one-year horizon, five months to first value. The scale-up
    /// preset weighs those toward a configured portal.
    #[test]
    fn scale_up_tips_a_borderline_case_toward_a_configured_portal() {
        let answers = variant(
            BACKSTAGE_EXAMPLE,
            &[
                ("hosting.requirement", "\"no_constraint\""),
                ("exit.primary_concern", "\"balanced\""),
                ("capacity.dedicated_fte", "2"),
                ("capacity.frontend_skills", "\"some\""),
                ("capacity.commitment", "\"one_year\""),
                ("timeline.first_value_months", "5"),
                ("timeline.horizon", "\"one_year\""),
                ("integrations.stack", "\"mostly_standard\""),
                ("integrations.uncovered_integrations", "2"),
            ],
        );
        assert_eq!(
            recommendation("default", &answers),
            Recommendation::Backstage
        );
        assert_eq!(recommendation("scale-up", &answers), Recommendation::Port);
    }

    /// Each preset changes results only in the direction it states: over every variant of
    /// the shipped examples with one answer changed to each value worth trying, a result the
    /// preset changes moves toward Backstage (regulated, or "not yet" for its exit blocker) or
    /// toward a configured portal, Port or the hybrid Port fronts (scale-up), never the other
    /// way.
    #[test]
    fn presets_change_results_only_in_their_stated_direction() {
        let questionnaire = builtin::questionnaire();
        let default = builtin::weights();
        let default_model = Model::new(&questionnaire, &default);
        let stated: [(&str, &[Recommendation]); 2] = [
            (
                "regulated-enterprise",
                &[Recommendation::Backstage, Recommendation::NotReady],
            ),
            ("scale-up", &[Recommendation::Port, Recommendation::Hybrid]),
        ];
        let mut variants = Vec::new();
        for (_, example) in examples() {
            for (index, question) in questionnaire.questions.iter().enumerate() {
                if question.context_only {
                    continue;
                }
                for value in crate::engine::candidates(&questionnaire, &default, index) {
                    let mut variant = example.clone();
                    variant.values[index] = Some(value);
                    variants.push(variant);
                }
            }
        }
        assert!(variants.len() > 300, "{} variants", variants.len());
        for (name, directions) in stated {
            let weights = find(name).map(load).expect("a preset");
            let model = Model::new(&questionnaire, &weights);
            let mut changed = 0;
            for variant in &variants {
                let before = default_model.assess(variant).recommendation;
                let after = model.assess(variant).recommendation;
                if before != after {
                    changed += 1;
                    assert!(
                        directions.contains(&after),
                        "{name} moved a variant from {before} to {after}"
                    );
                }
            }
            assert!(changed > 0, "{name} changed nothing");
        }
    }

    /// The regulated preset's own blocker: an unknown way out.
    #[test]
    fn regulated_enterprise_blocks_on_an_unknown_exit_path() {
        let answers = variant(PORT_EXAMPLE, &[("exit.migration_path_understood", "false")]);
        assert_eq!(recommendation("default", &answers), Recommendation::Port);
        assert_eq!(
            recommendation("regulated-enterprise", &answers),
            Recommendation::NotReady
        );
    }

    #[test]
    fn the_listing_names_every_preset_with_its_description() {
        let loaded = load_all(&builtin::questionnaire()).unwrap_or_default();
        let text = crate::render::listing::presets(&loaded);
        for preset in &PRESETS {
            let weights = load(preset);
            assert!(
                text.contains(&format!("{}  ", preset.name)) && text.contains(&weights.description),
                "{text}"
            );
        }
    }
}
