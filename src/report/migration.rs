//! Migration from the portal the organisation already runs, when it runs one (SPEC §2). It
//! quotes the answers; it never prices a migration.

use super::Facts;
use crate::engine::Assessment;
use crate::model::{Portal, Recommendation};

#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    /// The current portal in words.
    pub current: String,
    pub months_invested: String,
    pub custom_plugins: String,
    pub pain: String,
    pub paragraphs: Vec<String>,
}

/// SPEC §2 on migration: Port to Backstage is an export-and-rebuild; Backstage to Port moves
/// the catalog data but not custom plugins, at a cost that grows with plugins and months;
/// short of capacity on Backstage, consolidate rather than switch; at Port's customisation
/// ceiling, a move is more likely warranted.
pub(super) fn migration(facts: &Facts<'_>, assessment: &Assessment) -> Option<Migration> {
    let current = facts.choice("current.portal")?;
    if current == "none" {
        return None;
    }
    let months = facts.label("current.months_invested");
    let plugins = facts.label("current.custom_plugins");
    let pain = facts.choice("current.pain").unwrap_or_default();
    let target = assessment.leaning;
    let mut paragraphs = Vec::new();
    if assessment.recommendation == Recommendation::NotReady {
        paragraphs.push(format!(
            "The recommendation is not yet, so nothing should move now. The notes below are \
             about {}, where the answers lean.",
            target.name()
        ));
    }
    match (current.as_str(), target) {
        ("backstage", Portal::Backstage) => {
            paragraphs.push(
                "Stay on Backstage: no migration. The investment so far keeps its value."
                    .to_string(),
            );
            if pain == "capacity" {
                paragraphs.push(
                    "You are short of capacity for it. Consolidate its scope (the catalog, one \
                     golden path, fewer plugins) rather than switch: a switch would spend the \
                     capacity you lack."
                        .to_string(),
                );
            }
        }
        ("backstage", _) => paragraphs.push(format!(
            "Moving from Backstage to {}: the catalog data moves; the {plugins} custom plugins \
             do not and are rebuilt{}. The cost grows with every custom plugin and month \
             invested ({months} months so far), so decide early.",
            target.name(),
            if target == Portal::Hybrid {
                " or kept behind Port only where the documented gap needs them"
            } else {
                " as Port actions and integrations"
            }
        )),
        ("port", Portal::Port) => paragraphs.push(
            "Stay on Port: no migration. The configuration so far keeps its value.".to_string(),
        ),
        ("port", Portal::Backstage) => paragraphs.push(format!(
            "Moving from Port to Backstage is an export-and-rebuild: the catalog exports; \
             actions and integrations ({plugins} custom ones so far, after {months} months) \
             are rebuilt in Backstage. Budget the rebuild before the build itself."
        )),
        ("port", Portal::Hybrid) => paragraphs.push(
            "Keep Port as the portal developers see and add Backstage plugins only for the \
             documented gap, feeding Port through its API: no migration."
                .to_string(),
        ),
        (_, target) => paragraphs.push(format!(
            "Moving from the current portal to {}: move the catalog data first; actions, \
             integrations and custom plugins ({plugins} so far, after {months} months) are \
             rebuilt.",
            target.name()
        )),
    }
    if pain == "customization_ceiling" && current == "port" {
        paragraphs.push(
            "You have hit Port's customisation ceiling: this is the case where a migration is \
             most likely worth its cost."
                .to_string(),
        );
    }
    if pain == "adoption" {
        paragraphs.push(
            "Developers do not use the current portal. A new tool rarely fixes adoption; find \
             the friction it fails to remove first."
                .to_string(),
        );
    }
    Some(Migration {
        current: facts.label("current.portal"),
        months_invested: months,
        custom_plugins: plugins,
        pain: facts.label("current.pain"),
        paragraphs,
    })
}
