//! Two years of each option that is still possible, priced only with the answers and the
//! source's staffing figures, with every assumption written out and the subscription at which
//! Port stops being the cheaper option.
//!
//! Backstage is engineers' time: the FTE set aside, or the 2-3 engineers the source says a
//! self-built portal needs when fewer are set aside. Port is its subscription plus the people
//! who configure it: `cost.port_fte` when given, else a range from nobody to everyone set aside
//! (never silently the same as Backstage's). A hybrid is the subscription plus the people set
//! aside, who run both sides. Amounts stay numbers; the renderers format them.

use super::time::fte_part;
use super::{Facts, Part, Phrase};
use crate::engine::Assessment;
use crate::model::Portal;

#[derive(Clone, Debug, PartialEq)]
pub struct Cost {
    /// ISO 4217 code, when the answers give one.
    pub currency: Option<String>,
    pub options: Vec<CostOption>,
    /// The figures every option is priced with.
    pub figures: Phrase,
    /// The subscription under which Port costs less than Backstage, a year (less the cost of
    /// Port's staffing when that is a range); `None` when Port's staffing alone costs as much
    /// as Backstage's or either option is excluded.
    pub break_even: Option<f64>,
    /// That in a sentence.
    pub break_even_words: Option<Phrase>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CostOption {
    pub option: Portal,
    /// The FTE priced, low to high.
    pub fte: (f64, f64),
    /// A year, low to high.
    pub per_year: (f64, f64),
    pub assumptions: Vec<Phrase>,
}

impl CostOption {
    pub fn two_years(&self) -> (f64, f64) {
        (self.per_year.0 * 2.0, self.per_year.1 * 2.0)
    }
}

/// The people `option` takes, as the record asks for and prices them (see the module's
/// paragraph), low to high; `None` when the answers do not say.
pub(super) fn staffing(facts: &Facts<'_>, option: Portal) -> Option<(f64, f64)> {
    let roles = &facts.spec.roles;
    let fte = facts.number(roles.fte);
    match option {
        Portal::Backstage => match (fte, backstage_needs(facts)) {
            (Some(fte), Some(needed)) if fte < needed.0 => Some(needed),
            (Some(fte), _) => Some((fte, fte)),
            (None, needed) => needed,
        },
        Portal::Port => match (facts.number(roles.port_fte), fte) {
            (Some(port), _) => Some((port, port)),
            (None, Some(fte)) => Some((0.0, fte)),
            (None, None) => None,
        },
        Portal::Hybrid => fte.map(|fte| (fte, fte)),
    }
}

/// The engineers the source says a self-built portal needs.
fn backstage_needs(facts: &Facts<'_>) -> Option<(f64, f64)> {
    facts
        .spec
        .milestones
        .iter()
        .filter(|m| m.option == Portal::Backstage)
        .find_map(|m| m.staffed)
}

pub(super) fn cost(facts: &Facts<'_>, assessment: &Assessment) -> Option<Cost> {
    let spec = facts.spec;
    let roles = &spec.roles;
    let words = &spec.words;
    let engineer = facts.number(roles.engineer_cost)?;
    let subscription = facts.number(roles.subscription)?;
    let currency = facts.text(roles.currency);
    let fte = facts.number(roles.fte);
    let money = |low: f64, high: f64| Part::Money {
        low,
        high,
        currency: currency.clone(),
    };
    let excluded = |option: Portal| assessment.excluded.iter().any(|e| e.option == option);
    let mut options = Vec::new();
    let fte_given = |f: f64| fte_part((f, f));
    for option in Portal::ALL.into_iter().filter(|o| !excluded(*o)) {
        let staff = staffing(facts, option);
        let (extra, assumption) = match (option, staff) {
            (Portal::Backstage, None) => continue,
            (Portal::Backstage, Some(staff)) => {
                let assumption = match fte {
                    Some(fte) if staff == (fte, fte) => {
                        facts.fill(&words.cost_backstage, &[("fte", fte_given(fte))])
                    }
                    _ => facts.fill(
                        &words.cost_backstage_understaffed,
                        &[
                            (
                                "fte",
                                fte.map_or_else(|| Part::from("unknown FTE"), fte_given),
                            ),
                            ("staffed", fte_part(staff)),
                        ],
                    ),
                };
                (0.0, assumption)
            }
            (Portal::Port, _) => (
                subscription,
                match (facts.number(roles.port_fte), fte) {
                    (Some(port), _) => {
                        facts.fill(&words.cost_port, &[("port_fte", fte_given(port))])
                    }
                    (None, Some(fte)) => {
                        facts.fill(&words.cost_port_range, &[("fte", fte_given(fte))])
                    }
                    (None, None) => facts.fill(&words.cost_port_unstaffed, &[]),
                },
            ),
            (Portal::Hybrid, Some(staff)) => (
                subscription,
                facts.fill(&words.cost_hybrid, &[("fte", fte_part(staff))]),
            ),
            (Portal::Hybrid, None) => (subscription, facts.fill(&words.cost_hybrid_unstaffed, &[])),
        };
        let staff = staff.unwrap_or((0.0, 0.0));
        options.push(CostOption {
            option,
            fte: staff,
            per_year: (extra + staff.0 * engineer, extra + staff.1 * engineer),
            assumptions: vec![assumption],
        });
    }
    let per_year = |option: Portal| {
        options
            .iter()
            .find(|o| o.option == option)
            .map(|o| o.per_year)
    };
    // Port is cheaper while its subscription plus its staffing stays under Backstage's cost
    // (at the low end). When Port's staffing is a range, the line says what each FTE costs.
    let port_staff = options
        .iter()
        .find(|o| o.option == Portal::Port)
        .map(|o| o.fte);
    let break_even = match (per_year(Portal::Backstage), port_staff) {
        (Some(backstage), Some((low, _))) => Some(backstage.0 - low * engineer),
        _ => None,
    };
    let ranged = port_staff.is_some_and(|(low, high)| high > low);
    let break_even_words = break_even.map(|b| {
        let slots = [
            ("break_even", money(b, b)),
            ("subscription", money(subscription, subscription)),
            ("engineer_cost", money(engineer, engineer)),
        ];
        if b <= 0.0 {
            facts.fill(&words.never_cheaper, &[])
        } else if ranged {
            facts.fill(&words.break_even_per_fte, &slots)
        } else {
            facts.fill(&words.break_even, &slots)
        }
    });
    Some(Cost {
        currency: currency.clone(),
        figures: facts.fill(
            &words.cost_figures,
            &[
                ("engineer_cost", money(engineer, engineer)),
                ("subscription", money(subscription, subscription)),
            ],
        ),
        options,
        break_even: break_even.filter(|b| *b > 0.0),
        break_even_words,
    })
}
