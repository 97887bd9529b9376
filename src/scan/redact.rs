//! How names appear in the output: as they are, or hidden behind stable hashes (`--redact`).
//!
//! Every repository name, path, job, environment, package and command name the scan prints
//! passes through [`Names`], so redaction is one switch rather than a search through the
//! renderers. A hidden name is the first 10 hex digits of the SHA-256 of the name: the same name
//! gives the same hash in every run and on every machine, so two redacted scans can be compared.
//! The hash is not salted: anyone who guesses a name can check the guess. Path components the
//! detector globs spell out (`.github`, `package.json`, `catalog-info.yaml`) are the same in
//! every organisation and stay readable.

use std::collections::BTreeSet;

use sha2::{Digest, Sha256};

/// What `redaction` says in the report when names are hidden.
pub const REDACTION: &str = "replaced by the first 10 hex digits of their SHA-256 (unsalted: a guessed name can be checked)";

/// The naming view of one scan.
pub(crate) struct Names<'a> {
    redact: bool,
    public: &'a BTreeSet<String>,
}

impl<'a> Names<'a> {
    pub fn new(redact: bool, public: &'a BTreeSet<String>) -> Self {
        Names { redact, public }
    }

    pub fn redacted(&self) -> bool {
        self.redact
    }

    /// A repository's name.
    pub fn repository(&self, name: &str) -> String {
        if self.redact {
            format!("repo-{}", hash(name))
        } else {
            name.to_string()
        }
    }

    /// A path inside a repository, component by component.
    pub fn path(&self, path: &str) -> String {
        if !self.redact {
            return path.to_string();
        }
        path.split('/')
            .map(|component| {
                if component.is_empty() || self.public.contains(component) {
                    component.to_string()
                } else {
                    hash(component)
                }
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// A file (or directory) in a repository: `repository/path`, or the repository alone for
    /// its root.
    pub fn file(&self, repository: &str, path: &str) -> String {
        let repository = self.repository(repository);
        if path.is_empty() {
            repository
        } else {
            format!("{repository}/{}", self.path(path))
        }
    }

    /// A name taken from a file: a job, an environment, a package, a command.
    pub fn label(&self, name: &str) -> String {
        if self.redact {
            hash(name)
        } else {
            name.to_string()
        }
    }
}

fn hash(name: &str) -> String {
    let digest = Sha256::digest(name.as_bytes());
    digest.iter().take(5).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_public_names_stay() {
        let public: BTreeSet<String> = [".github".to_string(), "workflows".to_string()].into();
        let names = Names::new(true, &public);
        // SHA-256("payments") starts with these bytes on every machine.
        assert_eq!(
            names.repository("payments"),
            format!("repo-{}", hash("payments"))
        );
        assert_eq!(hash("payments").len(), 10);
        assert_eq!(
            names.path(".github/workflows/deploy-acme.yml"),
            format!(".github/workflows/{}", hash("deploy-acme.yml"))
        );
        assert_eq!(names.file("payments", ""), names.repository("payments"));
    }

    #[test]
    fn the_hash_is_sha256() {
        // echo -n abc | sha256sum → ba7816bf8f01cfea...
        assert_eq!(hash("abc"), "ba7816bf8f");
    }

    #[test]
    fn without_redaction_names_are_kept() {
        let public = BTreeSet::new();
        let names = Names::new(false, &public);
        assert_eq!(
            names.file("payments", "ci/Jenkinsfile"),
            "payments/ci/Jenkinsfile"
        );
        assert_eq!(names.label("deploy-prod"), "deploy-prod");
    }
}
