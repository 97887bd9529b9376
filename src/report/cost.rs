//! The two-year cost comparison: what each option costs, priced only with the answers.
//!
//! Backstage is paid for in engineers' time; Port is the subscription plus the time spent
//! configuring it. The figures stay numbers here; the sentences that quote them (how to read
//! the totals, the assumptions) are worded by the renderers, which format the amounts.

use super::Facts;
use crate::model::{Num, Portal};

/// A two-year cost comparison built only from the answers.
#[derive(Clone, Debug, PartialEq)]
pub struct CostComparison {
    pub rows: Vec<CostRow>,
    /// What an engineer costs a year (`cost.engineer_annual_cost`).
    pub engineer: f64,
    /// Port's yearly subscription (`cost.port_annual_subscription`).
    pub subscription: f64,
    /// The FTE set aside for the portal (`capacity.dedicated_fte`), when known.
    pub fte: Option<f64>,
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

/// Two years of each option, priced only with the answers: Backstage is engineers' time,
/// Port is the subscription plus the time spent configuring it.
pub(super) fn cost(facts: &Facts<'_>) -> Option<CostComparison> {
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
    Some(CostComparison {
        rows,
        engineer,
        subscription,
        fte,
    })
}
