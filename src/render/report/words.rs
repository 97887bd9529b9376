//! The sentences of the decision record that quote amounts or the score's own wording: how to
//! read the cost totals, the assumptions behind them, how robust the recommendation is to the
//! weights, and what it means that no answer change gives another recommendation. The record
//! keeps those figures as numbers; they are worded here once, with the amounts formatted by
//! [`crate::render::text`], for every format to lay out. No other sentence of the record is
//! worded here: the record carries those.

use crate::engine::{Assessment, WHAT_IF_DRAWS};
use crate::model::Recommendation;
use crate::render::score::NO_COUNTERFACTUAL;
use crate::render::text::{Num, money, money_range};
use crate::report::CostComparison;

/// The assumptions behind the cost figures, each stated next to the answer it comes from.
pub fn cost_assumptions(cost: &CostComparison) -> Vec<String> {
    let (engineer, subscription, fte) = (cost.engineer, cost.subscription, cost.fte);
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
    assumptions
}

/// How to read the two-year totals, in one or two sentences.
pub fn cost_reading(cost: &CostComparison) -> String {
    let (engineer, subscription, fte) = (cost.engineer, cost.subscription, cost.fte);
    let staffed = (4.0 * engineer, 6.0 * engineer);
    match fte {
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
    }
}

/// Said when no change to one or two answers gives another recommendation; for "not yet",
/// with what that means for the items to fix first.
pub fn no_change(recommendation: Recommendation) -> String {
    if recommendation == Recommendation::NotReady {
        format!("{NO_COUNTERFACTUAL} The items to fix first must be fixed together.")
    } else {
        NO_COUNTERFACTUAL.to_string()
    }
}

/// How far the recommendation depends on the exact weights: the share of weight variations
/// that kept it, and what that share means.
pub fn robustness(assessment: &Assessment) -> String {
    let shares = Some((assessment.robustness, assessment.leaning_robustness));
    match shares {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Model;
    use crate::report::DecisionRecord;
    use crate::testing::{PORT_EXAMPLE, QUESTIONNAIRE, WEIGHTS, answers};

    #[test]
    fn the_cost_assumptions_quote_the_answers_and_the_fte_they_assume() {
        let answers = answers(PORT_EXAMPLE);
        let assessment = Model::new(&QUESTIONNAIRE, &WEIGHTS).assess_with_what_if(&answers);
        let record = DecisionRecord::new("answers.toml", &QUESTIONNAIRE, &answers, &assessment);
        let Some(cost) = &record.cost else {
            panic!("the Port example gives costs");
        };
        let assumptions = cost_assumptions(cost).join(" ");
        assert!(assumptions.contains("the same 1 FTE (capacity.dedicated_fte)"));
        assert!(assumptions.contains("160,000 a year"));
        assert!(cost_reading(cost).contains("Port's 430,000 over two years"));
    }
}
