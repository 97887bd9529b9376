//! What choosing means: the gains and costs of the recommended (or leaning) option, and of
//! waiting when the answer is "not yet".

use crate::model::Portal;

#[derive(Clone, Debug, PartialEq)]
pub struct Consequences {
    /// Whose consequences these are (the recommended option, or the leaning one).
    pub option: Portal,
    pub gains: Vec<&'static str>,
    pub costs: Vec<&'static str>,
    /// For "not yet": what holding off means, before the leaning option's consequences.
    pub not_yet: Vec<&'static str>,
}

pub(super) fn consequences(option: Portal, ready: bool) -> Consequences {
    let (gains, costs): (Vec<&'static str>, Vec<&'static str>) = match option {
        Portal::Backstage => (
            vec![
                "No vendor dependency: an open-source framework under open governance.",
                "Full control of the data model, the interface and the integrations, including \
                 unusual tools nobody sells a connector for.",
                "It runs in your own infrastructure, so a self-hosting requirement is met.",
            ],
            vec![
                "It is a product you build: two to three engineers own it for as long as it \
                 lives, with React/TypeScript and Node.js operations skills.",
                "It takes 4-6 months to reach the depth a configured portal has after 4-8 \
                 weeks, and about 12 months before it clearly reduces friction.",
                "Every custom plugin is code to upgrade and maintain, and a rebuild if you \
                 ever leave.",
            ],
        ),
        Portal::Port => (
            vec![
                "A working catalog with basic self-service in 4-8 weeks.",
                "Nothing to host or upgrade: the vendor operates the portal.",
                "The team configures a product instead of building one, so a stretched \
                 platform team can keep it current.",
            ],
            vec![
                "A subscription for as long as you use it, and dependence on one vendor.",
                "Customisation ends where the product's model ends.",
                "Leaving later is an export-and-rebuild: the catalog exports, actions and \
                 integrations are rebuilt.",
            ],
        ),
        Portal::Hybrid => (
            vec![
                "Developers get one portal, Port, at Port's pace.",
                "The documented requirement Port cannot meet is covered by a few Backstage \
                 plugins, with their data flowing into Port through its API.",
            ],
            vec![
                "Two tools to run and keep in step: a Backstage instance to host and upgrade \
                 behind a Port subscription.",
                "It only pays while the gap stays small; past a handful of plugins, one tool \
                 is cheaper.",
            ],
        ),
    };
    Consequences {
        option,
        gains,
        costs,
        not_yet: if ready {
            Vec::new()
        } else {
            vec![
                "No money or engineering time goes into a portal that would sit on \
                 foundations that are not ready.",
                "Developers wait longer for a portal: the platform and ownership work comes \
                 first.",
            ]
        },
    }
}
