//! `idpfit scan`: answers measured in the organisation's repositories instead of asked.
//!
//! The scan walks each PATH ([`walk`]), reads only the files the detectors name and keeps
//! facts, not text ([`examine`], with the pure parsers in [`parse`]), reads git history for the
//! few paths the answers need ([`history`]), and turns it all into measured answers with evidence
//! ([`measure`]): one [`ScanReport`], which `render::scan` shows as a table, JSON or a partial
//! answers file. The rules and thresholds are data ([`detectors`], from `detectors/*.toml`).
//! [`evidence`] reads that output back as evidence for the engine (`--evidence`).
//!
//! What it deliberately does not do: send anything anywhere, print file contents (only names,
//! paths, counts and commit dates), read the clock (a repository's newest commit is "now"), run
//! `git`, or guess: an answer the evidence does not settle is left out with the reason.

pub mod detectors;
pub mod evidence;
mod examine;
mod history;
mod measure;
pub mod parse;
mod redact;
pub mod report;
mod walk;

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use detectors::{Detectors, Sources};
pub use report::ScanReport;
pub use walk::PathError;

use history::Outcome;
use measure::Scanned;
use redact::Names;
use walk::Repository;

/// Choices the person running the scan makes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Hide repository, file, job and package names behind stable hashes.
    pub redact: bool,
}

/// Scans `paths` (repositories, or folders holding them). Only a PATH that cannot be scanned at
/// all is an error; everything else the tree throws at the scan becomes a warning in the report.
pub fn scan(
    paths: &[PathBuf],
    detectors: &Detectors,
    options: Options,
) -> Result<ScanReport, PathError> {
    walk::check_paths(paths)?;
    let walked = walk::walk(paths, detectors);
    let histories = read_histories(&walked.repositories, detectors.limits.max_commits);
    let scanned: Vec<Scanned<'_>> = walked
        .repositories
        .iter()
        .zip(&histories)
        .map(|(repository, history)| Scanned {
            repository,
            history: history.as_ref(),
        })
        .collect();
    let names = Names::new(options.redact, &detectors.matcher.public_names);
    Ok(measure::measure(
        &scanned,
        &walked.skipped,
        &walked.notes,
        detectors,
        &names,
    ))
}

/// The history of every git repository that has paths to track, read on as many threads as
/// there are cores; `None` where no history is needed or there is none.
fn read_histories(repositories: &[Repository], max_commits: u64) -> Vec<Option<Outcome>> {
    let jobs: Vec<(usize, history::Tracked)> = repositories
        .iter()
        .enumerate()
        .filter(|(_, r)| r.git)
        .map(|(i, r)| (i, measure::tracked(r)))
        .filter(|(_, tracked)| !tracked.is_empty())
        .collect();
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; repositories.len()]);
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some((repository, tracked)) = jobs.get(index) else {
                        break;
                    };
                    let outcome =
                        history::read(&repositories[*repository].root, tracked, max_commits);
                    let mut results = results
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                    results[*repository] = Some(outcome);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A warning about a repository or one of its files, named when the report is rendered so
/// redaction applies to it too.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    repository: String,
    path: Option<String>,
    message: String,
}

impl Note {
    pub(crate) fn repository(repository: &str, message: &str) -> Note {
        Note {
            repository: repository.to_string(),
            path: None,
            message: message.to_string(),
        }
    }

    pub(crate) fn file(repository: &str, path: &str, message: &str) -> Note {
        Note {
            repository: repository.to_string(),
            path: Some(path.to_string()),
            message: message.to_string(),
        }
    }

    fn render(&self, names: &Names<'_>) -> String {
        let place = names.file(&self.repository, self.path.as_deref().unwrap_or_default());
        format!("{place}: {}", self.message)
    }
}
