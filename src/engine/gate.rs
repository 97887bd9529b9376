//! CI gates on `idpfit score`: conditions a pipeline asks the result to meet, each failing with
//! a reason a person can act on.
//!
//! A gate never changes the result or its rendering; it only decides the exit status (1 when a
//! gate fails) and says why on standard error. Checking is pure: an assessment in, the failures
//! out, in the order the gates are listed below.

use super::Assessment;
use crate::model::{Confidence, Recommendation};

/// The gates requested on the command line; the default requests none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Gates {
    /// The recommendation every result must have.
    pub expect: Option<Recommendation>,
    /// Whether any blocker fails.
    pub fail_on_blockers: bool,
    /// The lowest confidence accepted.
    pub min_confidence: Option<Confidence>,
}

impl Gates {
    /// Every failed gate for one assessment, each as one line of explanation (no file name; the
    /// caller adds it). Empty when all gates pass.
    pub fn check(&self, assessment: &Assessment) -> Vec<String> {
        let mut failures = Vec::new();
        if let Some(expected) = self.expect {
            if assessment.recommendation != expected {
                failures.push(format!(
                    "expected {expected}, but the recommendation is {} ({}): {}",
                    assessment.recommendation,
                    assessment.headline(),
                    why(assessment)
                ));
            }
        }
        if self.fail_on_blockers && !assessment.blockers.is_empty() {
            let ids: Vec<&str> = assessment.blockers.iter().map(|b| b.id.as_str()).collect();
            failures.push(format!(
                "{} blocker{} ({}): {}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", "),
                assessment
                    .blockers
                    .iter()
                    .map(|b| b.message.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ));
        }
        if let Some(wanted) = self.min_confidence {
            if assessment.confidence < wanted {
                failures.push(format!(
                    "confidence is {}, below the required {wanted}: {}",
                    assessment.confidence, assessment.confidence_reason
                ));
            }
        }
        failures
    }
}

/// The shortest honest reason for a recommendation: the blockers when it is "not yet", the
/// confidence sentence otherwise.
fn why(assessment: &Assessment) -> String {
    if assessment.recommendation == Recommendation::NotReady && !assessment.blockers.is_empty() {
        let ids: Vec<&str> = assessment.blockers.iter().map(|b| b.id.as_str()).collect();
        format!("blocked by {}", ids.join(", "))
    } else {
        assessment.confidence_reason.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtin;
    use crate::engine::assess;
    use crate::testing::{NOT_READY_EXAMPLE, PORT_EXAMPLE, answers};

    fn result(source: &str) -> Assessment {
        assess(
            &builtin::questionnaire(),
            &builtin::weights(),
            &answers(source),
        )
    }

    #[test]
    fn no_gate_never_fails() {
        assert!(
            Gates::default()
                .check(&result(NOT_READY_EXAMPLE))
                .is_empty()
        );
    }

    #[test]
    fn a_wrong_expectation_names_both_recommendations() {
        let gates = Gates {
            expect: Some(Recommendation::Backstage),
            ..Gates::default()
        };
        let failures = gates.check(&result(PORT_EXAMPLE));
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].starts_with("expected backstage, but the recommendation is port (Port)"),
            "{failures:?}"
        );
        let right = Gates {
            expect: Some(Recommendation::Port),
            ..Gates::default()
        };
        assert!(right.check(&result(PORT_EXAMPLE)).is_empty());
    }

    #[test]
    fn blockers_fail_the_blocker_gate_with_their_ids() {
        let gates = Gates {
            fail_on_blockers: true,
            ..Gates::default()
        };
        let failures = gates.check(&result(NOT_READY_EXAMPLE));
        assert_eq!(failures.len(), 1);
        assert!(
            failures[0].contains("golden_paths_unreliable"),
            "{failures:?}"
        );
        assert!(gates.check(&result(PORT_EXAMPLE)).is_empty());
    }
}
