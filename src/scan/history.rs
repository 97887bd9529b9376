//! Git history, read in-process with gix: when a path first appeared, and when it last changed.
//!
//! Only the paths the answers need are tracked (a Backstage app's directory, catalog files and
//! their directories), along the first-parent history of `HEAD`: the main line as it was merged.
//! Each commit costs one tree look-up per tracked path, and subtrees already seen are not read
//! twice, so the work grows with the history's length and the number of tracked paths, never with
//! the size of the repository. Times are commit times; nothing here reads the clock.
//!
//! Repositories are opened isolated: no global or system git configuration, no environment, so
//! the result depends on the repository alone.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use gix::ObjectId;

/// The paths to follow, as git stores them: bytes, `/`-separated, relative to the repository
/// root; empty is the root.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tracked {
    pub first_seen: Vec<Vec<u8>>,
    pub last_changed: Vec<Vec<u8>>,
}

impl Tracked {
    pub fn is_empty(&self) -> bool {
        self.first_seen.is_empty() && self.last_changed.is_empty()
    }
}

/// When a path last changed on the main line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// In the commit made at this time (seconds since the Unix epoch).
    At(i64),
    /// Never: the path is not in any commit (it is new and not committed yet).
    NotCommitted,
    /// Not known: the history ends (shallow clone, or the commit limit) before the change.
    Unknown,
}

/// What the history says about the tracked paths.
#[derive(Clone, Debug)]
pub(crate) struct History {
    /// Commit time of `HEAD`, the newest commit: the "now" of every measure, so a result never
    /// depends on the day the scan runs.
    pub head_time: i64,
    /// Why the walk along the history stopped.
    pub ended: Ended,
    pub commits: u64,
    /// Time of the oldest commit in which each path exists; `None`: in no commit.
    pub first_seen: BTreeMap<Vec<u8>, Option<i64>>,
    pub last_changed: BTreeMap<Vec<u8>, Change>,
}

/// Why a walk along the history stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ended {
    /// At the first commit: everything asked is known.
    FirstCommit,
    /// Every tracked change was found before the first commit: everything asked is known.
    AllFound,
    /// At the edge of a shallow clone: first appearances are only bounds.
    Shallow,
    /// At the commit limit (detectors/scan.toml): first appearances are only bounds.
    Limit,
}

impl Ended {
    /// Whether what the history says is exact, not a bound.
    pub fn exact(self) -> bool {
        matches!(self, Ended::FirstCommit | Ended::AllFound)
    }
}

/// The outcome of reading one repository's history.
#[derive(Clone, Debug)]
pub(crate) enum Outcome {
    Read(History),
    /// The repository has no commits yet.
    NoCommits,
    /// It could not be read; the text says why, in the scan's words.
    Unreadable(String),
}

/// Reads the history of the repository at `root` for `tracked`, following at most `max_commits`
/// commits.
pub(crate) fn read(root: &Path, tracked: &Tracked, max_commits: u64) -> Outcome {
    match read_history(root, tracked, max_commits) {
        Ok(outcome) => outcome,
        Err(reason) => Outcome::Unreadable(reason),
    }
}

fn read_history(root: &Path, tracked: &Tracked, max_commits: u64) -> Result<Outcome, String> {
    let mut repo = gix::open_opts(root, gix::open::Options::isolated())
        .map_err(|_| "not a git repository gix can open".to_string())?;
    repo.object_cache_size_if_unset(8 * 1024 * 1024);
    let shallow = repo.is_shallow();
    let mut head = repo
        .head()
        .map_err(|_| "its HEAD cannot be read".to_string())?;
    if head.is_unborn() {
        return Ok(Outcome::NoCommits);
    }
    let head_commit = head
        .peel_to_commit()
        .map_err(|_| "its HEAD does not lead to a commit".to_string())?;
    let head_time = commit_time(&head_commit)?;

    let paths: Vec<&[u8]> = tracked
        .first_seen
        .iter()
        .chain(&tracked.last_changed)
        .map(Vec::as_slice)
        .collect();
    let mut trees = TreeLookup::new(&repo, &paths);
    let first_count = tracked.first_seen.len();
    let mut first_seen: Vec<Option<i64>> = vec![None; first_count];
    let mut last_changed: Vec<Option<i64>> = vec![None; tracked.last_changed.len()];

    // Values of the tracked paths in the commit after the current one, and its time.
    let mut newer: Option<(i64, Vec<Option<ObjectId>>)> = None;
    let mut commit = head_commit;
    let mut commits = 0u64;
    let mut ended = Ended::Limit;
    let mut head_values: Vec<Option<ObjectId>> = Vec::new();
    loop {
        commits += 1;
        let time = commit_time(&commit)?;
        let tree = commit
            .tree_id()
            .map_err(|_| "a commit cannot be read".to_string())?
            .detach();
        let values = trees.values(tree);
        if head_values.is_empty() {
            head_values = values.clone();
        }
        for (seen, value) in first_seen.iter_mut().zip(&values) {
            if value.is_some() {
                *seen = Some(time);
            }
        }
        if let Some((newer_time, newer_values)) = &newer {
            for (i, changed) in last_changed.iter_mut().enumerate() {
                if changed.is_none() && newer_values[first_count + i] != values[first_count + i] {
                    *changed = Some(*newer_time);
                }
            }
        }
        newer = Some((time, values));
        let all_found = first_count == 0 && last_changed.iter().all(Option::is_some);
        if all_found {
            ended = Ended::AllFound;
            break;
        }
        let Some(parent) = commit.parent_ids().next().map(|id| id.detach()) else {
            ended = Ended::FirstCommit;
            break;
        };
        if commits >= max_commits {
            break;
        }
        match repo.find_commit(parent) {
            Ok(found) => commit = found,
            // A shallow clone ends at commits whose parents were never fetched.
            Err(_) if shallow => {
                ended = Ended::Shallow;
                break;
            }
            Err(_) => return Err("a commit in its history is missing".to_string()),
        }
    }
    // A path present in the first commit changed there.
    if ended == Ended::FirstCommit {
        if let Some((oldest_time, oldest_values)) = &newer {
            for (i, changed) in last_changed.iter_mut().enumerate() {
                if changed.is_none() && oldest_values[first_count + i].is_some() {
                    *changed = Some(*oldest_time);
                }
            }
        }
    }
    let last_changed = tracked
        .last_changed
        .iter()
        .zip(last_changed)
        .enumerate()
        .map(|(i, (path, found))| {
            let in_head = head_values[first_count + i].is_some();
            let change = match found {
                Some(time) => Change::At(time),
                None if !in_head || ended == Ended::FirstCommit => Change::NotCommitted,
                None => Change::Unknown,
            };
            (path.clone(), change)
        })
        .collect();
    Ok(Outcome::Read(History {
        head_time,
        ended,
        commits,
        first_seen: tracked.first_seen.iter().cloned().zip(first_seen).collect(),
        last_changed,
    }))
}

fn commit_time(commit: &gix::Commit<'_>) -> Result<i64, String> {
    commit
        .time()
        .map(|t| t.seconds)
        .map_err(|_| "a commit's date cannot be read".to_string())
}

/// Finds the object a path names in a tree, remembering every (tree, name) look-up so the many
/// commits that share a subtree read it once.
struct TreeLookup<'repo> {
    repo: &'repo gix::Repository,
    /// Each tracked path as indices into `names`.
    paths: Vec<Vec<usize>>,
    names: Vec<Vec<u8>>,
    /// (tree, name index) to the entry found there and whether it is a tree.
    memo: HashMap<(ObjectId, usize), Option<(ObjectId, bool)>>,
}

impl<'repo> TreeLookup<'repo> {
    fn new(repo: &'repo gix::Repository, paths: &[&[u8]]) -> Self {
        let mut names: Vec<Vec<u8>> = Vec::new();
        let paths = paths
            .iter()
            .map(|path| {
                path.split(|b| *b == b'/')
                    .filter(|c| !c.is_empty())
                    .map(|component| {
                        let bytes = component.to_vec();
                        match names.iter().position(|n| *n == bytes) {
                            Some(index) => index,
                            None => {
                                names.push(bytes);
                                names.len() - 1
                            }
                        }
                    })
                    .collect()
            })
            .collect();
        TreeLookup {
            repo,
            paths,
            names,
            memo: HashMap::new(),
        }
    }

    /// The object each tracked path names in the tree `root` (`None` where it does not exist).
    fn values(&mut self, root: ObjectId) -> Vec<Option<ObjectId>> {
        (0..self.paths.len())
            .map(|index| {
                let mut current = (root, true);
                for step in 0..self.paths[index].len() {
                    let name = self.paths[index][step];
                    if !current.1 {
                        return None;
                    }
                    current = self.child(current.0, name)?;
                }
                Some(current.0)
            })
            .collect()
    }

    fn child(&mut self, tree: ObjectId, name: usize) -> Option<(ObjectId, bool)> {
        if let Some(found) = self.memo.get(&(tree, name)) {
            return *found;
        }
        let found = self.repo.find_tree(tree).ok().and_then(|tree| {
            tree.find_entry(self.names[name].as_slice())
                .map(|entry| (entry.oid().to_owned(), entry.mode().is_tree()))
        });
        self.memo.insert((tree, name), found);
        found
    }
}
