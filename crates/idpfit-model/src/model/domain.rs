//! The fixed vocabulary of the decision, as SPEC §2 defines it: the portal options and the four
//! dimensions. Everything else (questions, weights, wording) is data. Only names and ids live
//! here, no wording beyond them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the options idpfit can recommend (besides "not yet").
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Portal {
    Backstage,
    Port,
    Hybrid,
}

impl Portal {
    /// Every option, in the order results list them.
    pub const ALL: [Portal; 3] = [Portal::Backstage, Portal::Port, Portal::Hybrid];

    /// Order used to break an exact tie: the smaller, more reversible commitment first. Port can
    /// be left by exporting its catalog; Backstage carries months of build; a hybrid carries both.
    pub const TIE_ORDER: [Portal; 3] = [Portal::Port, Portal::Backstage, Portal::Hybrid];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn id(self) -> &'static str {
        match self {
            Portal::Backstage => "backstage",
            Portal::Port => "port",
            Portal::Hybrid => "hybrid",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Portal::Backstage => "Backstage",
            Portal::Port => "Port",
            Portal::Hybrid => "Hybrid (Port + Backstage plugins)",
        }
    }

    /// Short capitalised name: "Backstage", "Port", "Hybrid".
    pub fn short_name(self) -> &'static str {
        match self {
            Portal::Backstage => "Backstage",
            Portal::Port => "Port",
            Portal::Hybrid => "Hybrid",
        }
    }

    pub fn from_id(id: &str) -> Option<Portal> {
        Portal::ALL.into_iter().find(|p| p.id() == id)
    }
}

impl fmt::Display for Portal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The four dimensions that decide between Backstage and Port.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Capacity,
    Integrations,
    Hosting,
    Time,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Capacity,
        Dimension::Integrations,
        Dimension::Hosting,
        Dimension::Time,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn id(self) -> &'static str {
        match self {
            Dimension::Capacity => "capacity",
            Dimension::Integrations => "integrations",
            Dimension::Hosting => "hosting",
            Dimension::Time => "time",
        }
    }

    pub fn from_id(id: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.id() == id)
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What the tool finally says: an option, or "not yet".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    Backstage,
    Port,
    Hybrid,
    NotReady,
}

impl Recommendation {
    pub fn id(self) -> &'static str {
        match self {
            Recommendation::Backstage => "backstage",
            Recommendation::Port => "port",
            Recommendation::Hybrid => "hybrid",
            Recommendation::NotReady => "not_ready",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Recommendation::Backstage => Portal::Backstage.name(),
            Recommendation::Port => Portal::Port.name(),
            Recommendation::Hybrid => Portal::Hybrid.name(),
            Recommendation::NotReady => "Not yet",
        }
    }
}

impl From<Portal> for Recommendation {
    fn from(portal: Portal) -> Self {
        match portal {
            Portal::Backstage => Recommendation::Backstage,
            Portal::Port => Recommendation::Port,
            Portal::Hybrid => Recommendation::Hybrid,
        }
    }
}

impl fmt::Display for Recommendation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How sure the recommendation is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

impl Confidence {
    pub fn id(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }

    /// One step less sure, never below low.
    pub fn lowered(self) -> Confidence {
        match self {
            Confidence::High => Confidence::Medium,
            _ => Confidence::Low,
        }
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
