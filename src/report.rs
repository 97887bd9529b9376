//! The decision record behind `idpfit report`: an assessment (with its what-if analysis) and
//! the answers it came from, arranged into the sections a leadership team reads: context, the
//! options and how they scored, the decision, its consequences, the five questions to settle,
//! time to value, migration and cost when they apply, what would change the decision, and
//! when to revisit it.
//!
//! Everything here is plain text and numbers; the Markdown and HTML renderers only lay it out
//! and escape it, so both formats always say the same thing. Nothing is invented: durations
//! are the domain facts of SPEC §2, and cost figures come only from the answers, with every
//! assumption written next to them. No I/O, no clock.

use crate::answers::Answers;
use crate::domain::{Portal, Recommendation};
use crate::engine::{Assessment, Counterfactual, Rationale, WHAT_IF_DRAWS};
use crate::questionnaire::Questionnaire;
use crate::value::{Num, Value};

/// Drivers listed in the decision's rationale.
pub const TOP_DRIVERS: usize = 8;
/// Answers named in the context as the ones that mattered most.
pub const CONTEXT_DRIVERS: usize = 5;
/// Two-answer counterfactuals shown; the JSON output lists them all.
pub const SHOWN_PAIRS: usize = 8;

/// Weeks per month, to draw week figures on a month scale.
const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// A decision record, ready to render.
#[derive(Clone, Debug)]
pub struct DecisionRecord<'a> {
    pub file: String,
    pub assessment: &'a Assessment,
    pub organisation: Option<String>,
    pub engineers: Option<String>,
    /// "Port", or "Not yet (leaning Port)".
    pub headline: String,
    /// One or two sentences stating the decision.
    pub decision: String,
    /// The readiness blockers to fix first; empty unless the recommendation is "not yet".
    pub fix_first: Vec<String>,
    /// The answers that moved the result most.
    pub mattered: Vec<AnswerRow>,
    /// The rationale lines shown as top drivers.
    pub drivers: &'a [Rationale],
    pub core_questions: Vec<CoreItem>,
    pub time_to_value: TimeToValue,
    pub consequences: Consequences,
    pub migration: Option<Migration>,
    pub cost: Option<CostComparison>,
    pub sensitivity: Sensitivity<'a>,
    pub revisit: Vec<String>,
    /// Every answer given, in questionnaire order.
    pub answers: Vec<AnswerRow>,
}

/// One of the five questions to settle before committing.
#[derive(Clone, Debug, PartialEq)]
pub struct CoreItem {
    pub number: u8,
    pub title: String,
    pub text: String,
    /// The answers that bear on it.
    pub answers: Vec<AnswerRow>,
    /// Weak or missing answers; empty when the question is settled.
    pub findings: Vec<String>,
}

impl CoreItem {
    pub fn settled(&self) -> bool {
        self.findings.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    /// `section.key`.
    pub id: String,
    pub prompt: String,
    /// The answer in words.
    pub answer: String,
}

/// When each option typically shows value, against when leadership expects it.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeToValue {
    /// `timeline.first_value_months`, when known.
    pub expected_months: Option<f64>,
    pub milestones: Vec<Milestone>,
    /// What the comparison means for the recommended (or leaning) option.
    pub verdict: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Milestone {
    pub option: Portal,
    pub what: &'static str,
    /// A chart label: "Port: working catalog".
    pub short: &'static str,
    /// As the domain states it: "4-8 weeks".
    pub typical: &'static str,
    pub from_months: f64,
    pub to_months: f64,
    pub fit: Fit,
}

/// Whether a milestone is reached by the time leadership expects value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    InTime,
    /// Only if it goes at the fast end of its typical range.
    Tight,
    Late,
    /// Leadership's expectation is unknown.
    Unknown,
}

impl Fit {
    pub fn words(self) -> &'static str {
        match self {
            Fit::InTime => "in time",
            Fit::Tight => "only at the fast end",
            Fit::Late => "too late",
            Fit::Unknown => "expectation unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Consequences {
    /// Whose consequences these are (the recommended option, or the leaning one).
    pub option: Portal,
    pub gains: Vec<&'static str>,
    pub costs: Vec<&'static str>,
    /// For "not yet": what holding off means, before the leaning option's consequences.
    pub not_yet: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Migration {
    /// The current portal in words.
    pub current: String,
    pub months_invested: String,
    pub custom_plugins: String,
    pub pain: String,
    pub paragraphs: Vec<String>,
}

/// A two-year cost comparison built only from the answers.
#[derive(Clone, Debug, PartialEq)]
pub struct CostComparison {
    pub rows: Vec<CostRow>,
    /// How to read the totals, in one or two sentences.
    pub reading: String,
    pub assumptions: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CostRow {
    pub option: Portal,
    pub label: String,
    /// A chart label: "Backstage, 1 FTE".
    pub short: String,
    /// Per year, low and high (equal unless the row is a range).
    pub annual: (f64, f64),
    /// Whether this row is a total to compare (the others are its parts or a reference).
    pub total: bool,
}

impl CostRow {
    pub fn two_years(&self) -> (f64, f64) {
        (self.annual.0 * 2.0, self.annual.1 * 2.0)
    }
}

/// What would change the decision.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivity<'a> {
    /// Percent of weight perturbations that keep the recommendation, when computed.
    pub robustness: Option<f64>,
    pub robustness_text: String,
    /// Whether the recommendation holds whatever the unknown answers are, or which decides it.
    pub unknowns_text: Vec<String>,
    /// Single-answer changes: to another option first, then to "not yet".
    pub singles: Vec<&'a Counterfactual>,
    /// Two-answer changes, in the same order.
    pub pairs: Vec<&'a Counterfactual>,
    /// Pairs not shown (the JSON output has them all).
    pub more_pairs: usize,
}

impl<'a> DecisionRecord<'a> {
    /// Builds the record of `answers` (from `file`) and their assessment, which should carry
    /// its what-if analysis ([`crate::engine::Model::assess_with_what_if`]).
    pub fn new(
        file: &str,
        questionnaire: &Questionnaire,
        answers: &Answers,
        assessment: &'a Assessment,
    ) -> DecisionRecord<'a> {
        let facts = Facts::new(questionnaire, answers);
        let option = assessment.leaning;
        let ready = assessment.recommendation != Recommendation::NotReady;
        DecisionRecord {
            file: file.to_string(),
            assessment,
            organisation: assessment.organisation().map(str::to_string),
            engineers: assessment.context.get("organization.engineers").cloned(),
            headline: assessment.headline(),
            decision: decision(assessment),
            fix_first: if ready {
                Vec::new()
            } else {
                assessment
                    .blockers
                    .iter()
                    .map(|b| b.message.clone())
                    .collect()
            },
            mattered: assessment
                .rationale
                .iter()
                .take(CONTEXT_DRIVERS)
                .map(|r| AnswerRow {
                    id: r.answer.clone(),
                    prompt: questionnaire
                        .question(&r.answer)
                        .map_or_else(|| r.answer.clone(), |q| q.prompt.clone()),
                    answer: facts.label(&r.answer),
                })
                .collect(),
            drivers: &assessment.rationale[..assessment.rationale.len().min(TOP_DRIVERS)],
            core_questions: core_questions(questionnaire, &facts, assessment),
            time_to_value: time_to_value(facts.number("timeline.first_value_months"), option),
            consequences: consequences(option, ready),
            migration: migration(&facts, assessment),
            cost: cost(&facts),
            sensitivity: sensitivity(assessment),
            revisit: revisit(&facts, assessment),
            answers: facts.rows(|_| true),
        }
    }
}

/// The answers, resolved for reading: values and their words by question id.
struct Facts<'q> {
    questionnaire: &'q Questionnaire,
    values: Vec<Option<Value>>,
}

impl<'q> Facts<'q> {
    fn new(questionnaire: &'q Questionnaire, answers: &Answers) -> Facts<'q> {
        Facts {
            questionnaire,
            values: answers.values.clone(),
        }
    }

    fn value(&self, id: &str) -> Option<&Value> {
        let index = self.questionnaire.index_of(id)?;
        self.values.get(index)?.as_ref()
    }

    /// A known number.
    fn number(&self, id: &str) -> Option<f64> {
        self.value(id).and_then(Value::as_f64)
    }

    /// The file form of a known choice ("backstage").
    fn choice(&self, id: &str) -> Option<String> {
        let question = self.questionnaire.question(id)?;
        match self.value(id)? {
            value @ Value::Choice(_) => Some(question.display(value)),
            _ => None,
        }
    }

    /// The answer in words, "not answered" when absent.
    fn label(&self, id: &str) -> String {
        match (self.questionnaire.question(id), self.value(id)) {
            (Some(question), Some(value)) => question.label(value),
            _ => "not answered".to_string(),
        }
    }

    /// Rows for the given answers that are given or apply.
    fn rows(&self, keep: impl Fn(&crate::questionnaire::Question) -> bool) -> Vec<AnswerRow> {
        let known: Vec<Value> = self
            .values
            .iter()
            .map(|v| v.clone().unwrap_or(Value::Unknown))
            .collect();
        self.questionnaire
            .questions
            .iter()
            .zip(&self.values)
            .filter(|(q, v)| keep(q) && (v.is_some() || (q.applies(&known) && q.required)))
            .map(|(q, v)| AnswerRow {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                answer: v
                    .as_ref()
                    .map_or_else(|| "not answered".to_string(), |v| q.label(v)),
            })
            .collect()
    }
}

fn decision(assessment: &Assessment) -> String {
    let option = assessment.leaning.name();
    match assessment.recommendation {
        Recommendation::NotReady => format!(
            "Not yet. The platform or the ownership underneath a portal is not ready, and a portal \
             would only make that visible. Fix the items below first; once they are fixed, the \
             answers lean to {option}."
        ),
        _ => format!(
            "Choose {option}. Confidence is {}: {}",
            assessment.confidence, assessment.confidence_reason
        ),
    }
}

fn core_questions(
    questionnaire: &Questionnaire,
    facts: &Facts<'_>,
    assessment: &Assessment,
) -> Vec<CoreItem> {
    questionnaire
        .core_questions
        .iter()
        .map(|core| CoreItem {
            number: core.number,
            title: core.title.clone(),
            text: core.text.clone(),
            answers: facts.rows(|q| q.serves.contains(&core.number)),
            findings: assessment
                .open_questions
                .iter()
                .filter(|o| o.question == Some(core.number))
                .map(|o| o.finding.clone())
                .collect(),
        })
        .collect()
}

/// SPEC §2: Port reaches a working catalog with basic self-service in 4-8 weeks; Backstage
/// reaches equivalent depth in 4-6 months and genuinely reduces friction after about 12.
fn time_to_value(expected: Option<f64>, option: Portal) -> TimeToValue {
    let milestone = |option, what, short, typical, from: f64, to: f64| Milestone {
        option,
        what,
        short,
        typical,
        from_months: from,
        to_months: to,
        fit: match expected {
            None => Fit::Unknown,
            Some(e) if to <= e => Fit::InTime,
            Some(e) if from <= e => Fit::Tight,
            Some(_) => Fit::Late,
        },
    };
    let milestones = vec![
        milestone(
            Portal::Port,
            "Working catalog with basic self-service",
            "Port: working catalog",
            "4-8 weeks",
            4.0 / WEEKS_PER_MONTH,
            8.0 / WEEKS_PER_MONTH,
        ),
        milestone(
            Portal::Backstage,
            "Equivalent depth to a configured portal",
            "Backstage: equivalent depth",
            "4-6 months",
            4.0,
            6.0,
        ),
        milestone(
            Portal::Backstage,
            "Clearly reduces developer friction",
            "Backstage: reduces friction",
            "about 12 months",
            12.0,
            12.0,
        ),
    ];
    let verdict = match expected {
        None => "Leadership's expectation for first value is not known yet, so the timelines \
                 below cannot be checked against it. Settle it before committing."
            .to_string(),
        Some(months) => {
            let months = Num(months);
            let port = milestones[0].fit;
            let depth = milestones[1].fit;
            let friction = milestones[2].fit;
            match option {
                Portal::Port => format!(
                    "Leadership expects value within {months} months. Port's working catalog \
                     (4-8 weeks) is {}.",
                    port.words()
                ),
                Portal::Backstage => format!(
                    "Leadership expects value within {months} months. Backstage's equivalent \
                     depth (4-6 months) is {}; the point where it clearly reduces friction \
                     (about 12 months) is {}.{}",
                    depth.words(),
                    friction.words(),
                    if depth == Fit::InTime {
                        ""
                    } else {
                        " Agree a thin first release (the catalog) and reset expectations before starting."
                    }
                ),
                Portal::Hybrid => format!(
                    "Leadership expects value within {months} months. The Port side of a hybrid \
                     (4-8 weeks to a working catalog) is {}; the Backstage plugins behind the \
                     documented gap come on top and are not in that figure.",
                    port.words()
                ),
            }
        }
    };
    TimeToValue {
        expected_months: expected,
        milestones,
        verdict,
    }
}

fn consequences(option: Portal, ready: bool) -> Consequences {
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

/// SPEC §2 on migration: Port to Backstage is an export-and-rebuild; Backstage to Port moves
/// the catalog data but not custom plugins, at a cost that grows with plugins and months;
/// short of capacity on Backstage, consolidate rather than switch; at Port's customisation
/// ceiling, a move is more likely warranted.
fn migration(facts: &Facts<'_>, assessment: &Assessment) -> Option<Migration> {
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

/// Two years of each option, priced only with the answers: Backstage is engineers' time,
/// Port is the subscription plus the time spent configuring it.
fn cost(facts: &Facts<'_>) -> Option<CostComparison> {
    let engineer = facts.number("cost.engineer_annual_cost")?;
    let subscription = facts.number("cost.port_annual_subscription")?;
    let fte = facts.number("capacity.dedicated_fte");
    let mut rows = Vec::new();
    if let Some(fte) = fte {
        rows.push(CostRow {
            option: Portal::Backstage,
            label: format!(
                "Backstage, built and run by the {} FTE you set aside",
                Num(fte)
            ),
            short: format!("Backstage, {} FTE", Num(fte)),
            annual: (fte * engineer, fte * engineer),
            total: true,
        });
    }
    rows.push(CostRow {
        option: Portal::Backstage,
        label: "Backstage, at the 2-3 engineers a self-built portal needs".to_string(),
        short: "Backstage, 2-3 engineers".to_string(),
        annual: (2.0 * engineer, 3.0 * engineer),
        total: true,
    });
    rows.push(CostRow {
        option: Portal::Port,
        label: "Port subscription".to_string(),
        short: "Port subscription".to_string(),
        annual: (subscription, subscription),
        total: false,
    });
    if let Some(fte) = fte {
        rows.push(CostRow {
            option: Portal::Port,
            label: format!("Port configuration and upkeep by the {} FTE", Num(fte)),
            short: format!("Port configuration, {} FTE", Num(fte)),
            annual: (fte * engineer, fte * engineer),
            total: false,
        });
        rows.push(CostRow {
            option: Portal::Port,
            label: "Port, total".to_string(),
            short: format!("Port, {} FTE + subscription", Num(fte)),
            annual: (subscription + fte * engineer, subscription + fte * engineer),
            total: true,
        });
    }
    let mut assumptions = vec![
        format!(
            "Every figure comes from your answers, in their currency: an engineer costs {} a \
             year (cost.engineer_annual_cost) and Port is quoted at {} a year \
             (cost.port_annual_subscription). idpfit assumes no price of its own.",
            money(engineer),
            money(subscription)
        ),
        "Two years is twice one year: no raises, price changes or discounts.".to_string(),
    ];
    match fte {
        Some(fte) => {
            assumptions.push(format!(
                "Backstage is paid for in engineering time: the {} FTE you set aside \
                 (capacity.dedicated_fte) build and run it. Hosting and infrastructure are not \
                 included; add them if you run Backstage.",
                Num(fte)
            ));
            assumptions.push(format!(
                "Configuring and keeping Port current is assumed to take the same {} FTE \
                 (capacity.dedicated_fte). If it takes less of their time, Port's total falls \
                 by that share of {}.",
                Num(fte),
                money(2.0 * fte * engineer)
            ));
        }
        None => assumptions.push(
            "The FTE set aside for the portal (capacity.dedicated_fte) is not known, so only \
             the rows that do not depend on it are shown."
                .to_string(),
        ),
    }
    assumptions.push(
        "The 2-3 engineer row prices the staffing a self-built portal needs as a long-lived \
         product at your engineer cost, for comparison with what you set aside."
            .to_string(),
    );
    let staffed = (4.0 * engineer, 6.0 * engineer);
    let reading = match fte {
        Some(fte) if fte < 2.0 => format!(
            "With {} FTE, the first Backstage figure prices a build that capacity cannot staff: \
             compare Port's {} over two years with the {} a staffed Backstage costs.",
            Num(fte),
            money(2.0 * (subscription + fte * engineer)),
            money_range(staffed)
        ),
        Some(fte) => format!(
            "Over two years, Backstage with the {} FTE you set aside costs {}; Port with the same \
             people and its subscription costs {}.",
            Num(fte),
            money(2.0 * fte * engineer),
            money(2.0 * (subscription + fte * engineer))
        ),
        None => format!(
            "Over two years, a staffed Backstage costs {}; Port's subscription alone is {}.",
            money_range(staffed),
            money(2.0 * subscription)
        ),
    };
    Some(CostComparison {
        rows,
        reading,
        assumptions,
    })
}

fn sensitivity(assessment: &Assessment) -> Sensitivity<'_> {
    let robustness = assessment.robustness.map(|r| r * 100.0);
    let shares = assessment.robustness.zip(assessment.leaning_robustness);
    let robustness_text = match shares {
        None => "Not computed.".to_string(),
        Some((_, leaning)) if assessment.recommendation == Recommendation::NotReady => format!(
            "The readiness gate does not depend on the weights, so \"not yet\" held in all of \
             {} random variations of the weights (each moved by up to ±25%). The leaning to {} \
             held in {}% of them.",
            money(WHAT_IF_DRAWS as f64),
            assessment.leaning.name(),
            Num(leaning * 100.0)
        ),
        Some((share, _)) => {
            let share = share * 100.0;
            let meaning = if share >= 95.0 {
                "It does not hinge on the exact weights."
            } else if share >= 80.0 {
                "It mostly holds, but the weights matter at the margin."
            } else {
                "It hinges on how the weights are set: read the drivers and the changes below \
                 closely."
            };
            format!(
                "The recommendation held in {}% of {} random variations of the weights (each \
                 moved by up to ±25%). {meaning}",
                Num(share),
                money(WHAT_IF_DRAWS as f64)
            )
        }
    };
    let (mut singles, mut pairs): (Vec<&Counterfactual>, Vec<&Counterfactual>) = assessment
        .counterfactuals
        .iter()
        .flatten()
        .partition(|c| c.changes.len() == 1);
    // Changes to another option first, then those that would trip the readiness gate; the
    // sort is stable, so each group keeps the engine's order.
    singles.sort_by_key(|c| c.recommendation == Recommendation::NotReady);
    pairs.sort_by_key(|c| c.recommendation == Recommendation::NotReady);
    let more_pairs = pairs.len().saturating_sub(SHOWN_PAIRS);
    Sensitivity {
        robustness,
        robustness_text,
        unknowns_text: unknowns_text(assessment),
        singles,
        pairs: pairs.into_iter().take(SHOWN_PAIRS).collect(),
        more_pairs,
    }
}

/// Whether the recommendation holds whatever the unknown answers are, or which decides it.
pub fn unknowns_text(assessment: &Assessment) -> Vec<String> {
    if assessment.unknowns.is_empty() {
        return vec!["No answer is unknown.".to_string()];
    }
    let names: Vec<&str> = assessment
        .unknowns
        .iter()
        .map(|u| u.answer.as_str())
        .collect();
    if assessment.holds_across_unknowns {
        return vec![format!(
            "The recommendation holds whatever the unknown answers turn out to be ({}).",
            names.join(", ")
        )];
    }
    let decisive: Vec<String> = assessment
        .unknowns
        .iter()
        .filter(|u| u.decisive)
        .map(|u| {
            let outcomes: Vec<String> = u
                .outcomes
                .iter()
                .map(|o| format!("{} gives {}", o.value, o.recommendation.name()))
                .collect();
            format!("{} decides it: {}.", u.answer, outcomes.join("; "))
        })
        .collect();
    if decisive.is_empty() {
        vec![format!(
            "No unknown answer changes the recommendation alone, but together they could: \
             settle {} before committing.",
            names.join(", ")
        )]
    } else {
        let mut lines = vec![
            "The recommendation depends on answers that are still unknown. Settle them before \
             committing."
                .to_string(),
        ];
        lines.extend(decisive);
        lines
    }
}

fn revisit(facts: &Facts<'_>, assessment: &Assessment) -> Vec<String> {
    let mut out = Vec::new();
    if assessment.recommendation == Recommendation::NotReady {
        out.push(
            "As soon as the items to fix first are fixed: re-run the assessment before choosing."
                .to_string(),
        );
    }
    out.push(
        "Before 18 months of customisation accumulate. A mismatch between tool and capacity \
         usually shows by then, and every month and custom plugin makes a change of course \
         dearer."
            .to_string(),
    );
    out.push(format!(
        "When the capacity dedicated to the portal changes (today: {} FTE; {}).",
        facts.label("capacity.dedicated_fte"),
        facts.label("capacity.ownership").to_lowercase()
    ));
    out.push(format!(
        "When the hosting constraint changes (today: {}).",
        facts.label("hosting.requirement").to_lowercase()
    ));
    out.push(format!(
        "When leadership's timeline changes (today: value expected within {} months, judged {}).",
        facts.label("timeline.first_value_months"),
        facts.label("timeline.horizon").to_lowercase()
    ));
    match assessment.leaning {
        Portal::Port => out.push(
            "When the team runs into Port's customisation ceiling, or the toolchain moves away \
             from what ready-made connectors cover."
                .to_string(),
        ),
        Portal::Backstage => out.push(
            "If the team that owns Backstage shrinks below two engineers, or its funding stops \
             being multi-year."
                .to_string(),
        ),
        Portal::Hybrid => out.push(
            "If the list of Backstage plugins behind the documented gap grows past a handful: \
             then run one tool."
                .to_string(),
        ),
    }
    for unknown in &assessment.unknowns {
        out.push(format!("When {} is known.", unknown.answer));
    }
    out
}

/// A whole amount with thousands separators: 1,234,567.
pub fn money(amount: f64) -> String {
    let rounded = amount.round();
    let digits = format!("{}", rounded.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if rounded < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A low-high amount, or one amount when they are equal.
pub fn money_range((low, high): (f64, f64)) -> String {
    if (high - low).abs() < 0.5 {
        money(low)
    } else {
        format!("{}-{}", money(low), money(high))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults;
    use crate::engine::Model;
    use crate::testing::{BACKSTAGE_EXAMPLE, PORT_EXAMPLE, answers, with};

    /// Builds the record of `answers` and hands it to `check`.
    fn with_record(answers: &Answers, check: impl FnOnce(&DecisionRecord<'_>)) {
        let questionnaire = defaults::questionnaire();
        let weights = defaults::weights();
        let assessment = Model::new(&questionnaire, &weights).assess_with_what_if(answers);
        check(&DecisionRecord::new(
            "answers.toml",
            &questionnaire,
            answers,
            &assessment,
        ));
    }

    #[test]
    fn the_record_says_which_unknown_decides_it() {
        let unknown = with(&answers(PORT_EXAMPLE), "hosting.requirement", "\"unknown\"");
        with_record(&unknown, |record| {
            let text = record.sensitivity.unknowns_text.join(" ");
            assert!(
                text.contains("hosting.requirement decides it: must_self_host gives Backstage"),
                "{text}"
            );
            assert!(
                record
                    .revisit
                    .iter()
                    .any(|r| r == "When hosting.requirement is known.")
            );
        });
        let harmless = with(
            &answers(PORT_EXAMPLE),
            "integrations.custom_ui",
            "\"unknown\"",
        );
        with_record(&harmless, |record| {
            assert_eq!(
                record.sensitivity.unknowns_text,
                vec![
                    "The recommendation holds whatever the unknown answers turn out to be \
                     (integrations.custom_ui)."
                        .to_string()
                ]
            );
        });
    }

    #[test]
    fn cost_uses_only_the_answers_and_states_the_fte_it_assumes() {
        with_record(&answers(PORT_EXAMPLE), |record| {
            let Some(cost) = &record.cost else {
                panic!("the Port example gives costs");
            };
            let row = |label: &str| {
                cost.rows
                    .iter()
                    .find(|r| r.label.starts_with(label))
                    .map(CostRow::two_years)
            };
            // 1 FTE at 160,000 a year; a 55,000 a year quote.
            assert_eq!(row("Backstage, built"), Some((320_000.0, 320_000.0)));
            assert_eq!(row("Backstage, at the 2-3"), Some((640_000.0, 960_000.0)));
            assert_eq!(row("Port, total"), Some((430_000.0, 430_000.0)));
            let assumptions = cost.assumptions.join(" ");
            assert!(assumptions.contains("the same 1 FTE (capacity.dedicated_fte)"));
            assert!(assumptions.contains("160,000 a year"));
        });
        // No [cost] section, no comparison.
        with_record(&answers(BACKSTAGE_EXAMPLE), |record| {
            assert!(record.cost.is_none());
        });
    }

    #[test]
    fn migration_appears_only_with_a_current_portal() {
        with_record(&answers(PORT_EXAMPLE), |record| {
            assert!(record.migration.is_none());
        });
        let on_backstage = with(&answers(PORT_EXAMPLE), "current.portal", "\"backstage\"");
        let on_backstage = with(&on_backstage, "current.months_invested", "8");
        let on_backstage = with(&on_backstage, "current.custom_plugins", "3");
        with_record(&on_backstage, |record| {
            let Some(migration) = &record.migration else {
                panic!("a current portal needs a migration section");
            };
            assert_eq!(migration.current, "Backstage");
            let text = migration.paragraphs.join(" ");
            assert!(
                text.contains("the catalog data moves; the 3 custom plugins do not"),
                "{text}"
            );
        });
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(160000.0), "160,000");
        assert_eq!(money(1234567.0), "1,234,567");
        assert_eq!(money_range((320000.0, 480000.0)), "320,000-480,000");
    }
}
