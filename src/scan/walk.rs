//! Finding the repositories under each PATH and reading the files the detectors name.
//!
//! Every directory with a `.git` is a repository; files outside any repository belong to the
//! folder given, scanned as one tree. Each PATH is walked once, in parallel, gitignore-aware (the
//! `ignore` crate, as ripgrep uses), and each file is matched against the detector globs relative
//! to the root of the repository it is in. The walk never follows symbolic links (so it cannot
//! loop or leave the tree), never opens anything but regular files, and reads only files a glob
//! matches, up to the size limit. Each file read is turned into facts at once and its text
//! dropped, so memory grows with what is found and with the number of directories (each is
//! remembered with its repository), not with the number or size of files.
//!
//! Problems with the tree (an unreadable directory, a huge or binary file, a bare repository)
//! become warnings and counts; only a PATH that cannot be scanned at all is an error.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use ignore::{WalkBuilder, WalkState};

use super::Note;
use super::detectors::Detectors;
use super::examine::{FileFacts, examine};

/// At most this many warnings of the walk are kept word for word; the counts in
/// [`Skipped`] always cover every case.
const MAX_WALK_WARNINGS: usize = 200;

/// A repository (or plain folder) as the walk found it.
#[derive(Debug)]
pub(crate) struct Repository {
    /// Its name in the output: the PATH's folder name, or its path below the PATH.
    pub name: String,
    pub root: PathBuf,
    /// Whether it has a `.git` (directory, or file for a worktree or submodule).
    pub git: bool,
    pub files: u64,
    /// Facts of the files that told something, sorted by path.
    pub facts: Vec<FileFacts>,
}

/// What the walk did not read, counted over the whole scan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Skipped {
    pub too_large: u64,
    pub binary: u64,
    pub symlinks: u64,
    pub special_files: u64,
    pub unreadable: u64,
    pub non_utf8_paths: u64,
    pub bare_repositories: u64,
}

/// Everything the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walked {
    pub repositories: Vec<Repository>,
    pub skipped: Skipped,
    pub notes: Vec<Note>,
}

/// Why a PATH cannot be scanned at all.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error(
        "{path}: no such file or directory\n  = help: pass a repository, or a folder holding repositories"
    )]
    NotFound { path: String },
    #[error(
        "{path}: is a file, not a folder\n  = help: pass the repository's folder, or a folder holding repositories"
    )]
    NotAFolder { path: String },
    #[error("{path}: cannot be read: {reason}\n  = help: pass a folder you can read")]
    Unreadable { path: String, reason: String },
}

/// Checks that every PATH is a folder that can be listed, before anything is scanned.
pub(crate) fn check_paths(paths: &[PathBuf]) -> Result<(), PathError> {
    for path in paths {
        let shown = path.display().to_string();
        let metadata = fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => PathError::NotFound {
                path: shown.clone(),
            },
            _ => PathError::Unreadable {
                path: shown.clone(),
                reason: reason(&e),
            },
        })?;
        if !metadata.is_dir() {
            return Err(PathError::NotAFolder { path: shown });
        }
        fs::read_dir(path).map_err(|e| PathError::Unreadable {
            path: shown.clone(),
            reason: reason(&e),
        })?;
    }
    Ok(())
}

/// Walks every PATH, finding the repositories in each.
pub(crate) fn walk(paths: &[PathBuf], detectors: &Detectors) -> Walked {
    let mut walked = Walked::default();
    let several = paths.len() > 1;
    for top in paths {
        let top_name = folder_name(top);
        let top_is_git = top.join(".git").exists();
        if !top_is_git && looks_bare(top) {
            walked.skipped.bare_repositories += 1;
            walked.notes.push(Note::repository(&top_name, BARE));
            continue;
        }
        let found = walk_path(top, detectors);
        let shown = |root: &Path| unit_name(root, top, &top_name, several);
        for bare in &found.bare {
            walked.skipped.bare_repositories += 1;
            walked.notes.push(Note::repository(&shown(bare), BARE));
        }
        add_skipped(&mut walked.skipped, &found.skipped);
        let nested = found.units.len() > 1;
        for (index, unit) in found.units.into_iter().enumerate() {
            let name = shown(&unit.root);
            for (path, message) in &unit.problems {
                walked.notes.push(Note::file(&name, path, message));
            }
            let git = index > 0 || top_is_git;
            // A folder given only to hold repositories is not itself one.
            if index == 0 && !git && unit.files == 0 && nested {
                continue;
            }
            walked.repositories.push(Repository {
                name,
                git,
                root: unit.root,
                files: unit.files,
                facts: unit.facts,
            });
        }
    }
    walked.repositories.sort_by(|a, b| a.name.cmp(&b.name));
    dedupe_names(&mut walked.repositories);
    walked.notes.truncate(MAX_WALK_WARNINGS);
    walked
}

const BARE: &str =
    "a bare repository (no work tree): its files were not scanned; clone it to scan it";

/// The output name of a repository found at `root` below the PATH `top`.
fn unit_name(root: &Path, top: &Path, top_name: &str, several: bool) -> String {
    match root.strip_prefix(top) {
        Ok(relative) if relative.as_os_str().is_empty() => top_name.to_string(),
        Ok(relative) => {
            let relative = slash_path(relative);
            if several {
                format!("{top_name}/{relative}")
            } else {
                relative
            }
        }
        Err(_) => slash_path(root),
    }
}

/// The folder's own name, even for `.` or a path ending in `..`.
fn folder_name(path: &Path) -> String {
    let named = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    named
        .file_name()
        .map(|name| slash_path(Path::new(name)))
        .unwrap_or_else(|| slash_path(path))
}

/// Two PATHs with the same folder name get `#2`, `#3` after the later ones.
fn dedupe_names(repositories: &mut [Repository]) {
    for i in 1..repositories.len() {
        let mut n = 2;
        while repositories[..i]
            .iter()
            .any(|r| r.name == repositories[i].name)
        {
            let base = repositories[i]
                .name
                .split('#')
                .next()
                .unwrap_or_default()
                .to_string();
            repositories[i].name = format!("{base}#{n}");
            n += 1;
        }
    }
}

/// `HEAD`, `objects/` and `refs/` side by side: git's own layout, with no work tree.
fn looks_bare(dir: &Path) -> bool {
    dir.join("HEAD").is_file() && dir.join("objects").is_dir() && dir.join("refs").is_dir()
}

/// A path relative to a repository, `/`-separated, as shown in the output: bytes that are not
/// UTF-8 and control characters become U+FFFD, so no name can break a line or a terminal.
pub(crate) fn slash_path(path: &Path) -> String {
    let joined = path
        .components()
        .map(|c| match c {
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect::<Vec<_>>()
        .join("/");
    joined
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// A relative path as git stores it: its bytes, `/`-separated.
fn git_path(relative: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for (i, component) in relative.components().enumerate() {
        if i > 0 {
            bytes.push(b'/');
        }
        bytes.extend_from_slice(component.as_os_str().as_encoded_bytes());
    }
    bytes
}

fn add_skipped(total: &mut Skipped, more: &Skipped) {
    total.too_large += more.too_large;
    total.binary += more.binary;
    total.symlinks += more.symlinks;
    total.special_files += more.special_files;
    total.unreadable += more.unreadable;
    total.non_utf8_paths += more.non_utf8_paths;
    total.bare_repositories += more.bare_repositories;
}

/// One repository, or the folder given, as one walk found it.
struct UnitWalk {
    root: PathBuf,
    facts: Vec<FileFacts>,
    files: u64,
    /// (path relative to the unit, message)
    problems: Vec<(String, String)>,
}

/// What one walk of a PATH found: its repositories (the PATH itself first), bare repositories
/// inside it, and what it did not read.
struct PathWalk {
    units: Vec<UnitWalk>,
    bare: Vec<PathBuf>,
    skipped: Skipped,
}

/// A repository (or the folder given) while the walk is under way; every thread adds to it.
struct Unit {
    root: PathBuf,
    files: AtomicU64,
    facts: Mutex<Vec<FileFacts>>,
    problems: Mutex<Vec<(String, String)>>,
}

impl Unit {
    fn new(root: &Path) -> Unit {
        Unit {
            root: root.to_path_buf(),
            files: AtomicU64::new(0),
            facts: Mutex::new(Vec::new()),
            problems: Mutex::new(Vec::new()),
        }
    }

    fn problem(&self, path: String, message: impl Into<String>) {
        let mut problems = lock(&self.problems);
        if problems.len() < MAX_WALK_WARNINGS {
            problems.push((path, message.into()));
        }
    }
}

/// Shared by the walk's threads.
struct Shared {
    units: RwLock<Vec<Arc<Unit>>>,
    /// Every directory entered, with the repository it belongs to: the unit of a file is its
    /// directory's. Directories are entered before their contents, so a parent is always here
    /// before its children are looked up.
    unit_of_dir: RwLock<HashMap<PathBuf, usize>>,
    bare: Mutex<Vec<PathBuf>>,
    too_large: AtomicU64,
    binary: AtomicU64,
    symlinks: AtomicU64,
    special_files: AtomicU64,
    unreadable: AtomicU64,
    non_utf8_paths: AtomicU64,
}

impl Shared {
    /// The repository `path` belongs to: that of the nearest directory entered on its way up.
    fn unit_of(&self, path: &Path) -> Arc<Unit> {
        let index = {
            let dirs = read(&self.unit_of_dir);
            path.ancestors()
                .find_map(|dir| dirs.get(dir).copied())
                .unwrap_or(0)
        };
        Arc::clone(&read(&self.units)[index])
    }

    /// Records the directory `dir` (not the PATH itself) as entered: in a repository of its
    /// own when it has a `.git`, else in its parent's.
    fn enter(&self, dir: &Path, has_git: bool) {
        let index = if has_git {
            let mut units = write(&self.units);
            units.push(Arc::new(Unit::new(dir)));
            units.len() - 1
        } else {
            let dirs = read(&self.unit_of_dir);
            dir.parent().and_then(|p| dirs.get(p).copied()).unwrap_or(0)
        };
        write(&self.unit_of_dir).insert(dir.to_path_buf(), index);
    }
}

/// Walks the PATH `top` once, in parallel, attributing each file to its repository.
fn walk_path(top: &Path, detectors: &Detectors) -> PathWalk {
    let shared = Arc::new(Shared {
        units: RwLock::new(vec![Arc::new(Unit::new(top))]),
        unit_of_dir: RwLock::new(HashMap::from([(top.to_path_buf(), 0)])),
        bare: Mutex::new(Vec::new()),
        too_large: AtomicU64::new(0),
        binary: AtomicU64::new(0),
        symlinks: AtomicU64::new(0),
        special_files: AtomicU64::new(0),
        unreadable: AtomicU64::new(0),
        non_utf8_paths: AtomicU64::new(0),
    });
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get().min(8));
    let skip_dirs = detectors.limits.skip_dirs.clone();
    let filter_shared = Arc::clone(&shared);
    let walker = WalkBuilder::new(top)
        .hidden(false)
        .parents(false)
        .ignore(false)
        .git_global(false)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .threads(threads)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if entry.depth() == 0 || !is_dir {
                return true;
            }
            if skip_dirs.contains(entry.file_name().to_string_lossy().as_ref()) {
                return false;
            }
            let path = entry.path();
            let has_git = path.join(".git").exists();
            if !has_git && looks_bare(path) {
                lock(&filter_shared.bare).push(path.to_path_buf());
                return false;
            }
            filter_shared.enter(path, has_git);
            true
        })
        .build_parallel();
    walker.run(|| {
        let shared = Arc::clone(&shared);
        let mut scratch = Vec::new();
        Box::new(move |result| {
            visit(result, detectors, &shared, &mut scratch);
            WalkState::Continue
        })
    });

    // The walk is over: sort what the threads found, so the order never depends on them.
    let count = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
    let units = read(&shared.units)
        .iter()
        .map(|unit| {
            let mut facts = std::mem::take(&mut *lock(&unit.facts));
            facts.sort_by(|a, b| a.path.cmp(&b.path));
            let mut problems = std::mem::take(&mut *lock(&unit.problems));
            problems.sort();
            UnitWalk {
                root: unit.root.clone(),
                facts,
                files: count(&unit.files),
                problems,
            }
        })
        .collect();
    let mut bare = std::mem::take(&mut *lock(&shared.bare));
    bare.sort();
    PathWalk {
        units,
        bare,
        skipped: Skipped {
            too_large: count(&shared.too_large),
            binary: count(&shared.binary),
            symlinks: count(&shared.symlinks),
            special_files: count(&shared.special_files),
            unreadable: count(&shared.unreadable),
            non_utf8_paths: count(&shared.non_utf8_paths),
            bare_repositories: 0,
        },
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(PoisonError::into_inner)
}

fn visit(
    result: Result<ignore::DirEntry, ignore::Error>,
    detectors: &Detectors,
    shared: &Shared,
    scratch: &mut Vec<usize>,
) {
    let entry = match result {
        Ok(entry) => entry,
        Err(error) => {
            shared.unreadable.fetch_add(1, Ordering::Relaxed);
            let (path, message) = describe(&error);
            let unit = path.as_deref().map_or_else(
                || Arc::clone(&read(&shared.units)[0]),
                |p| shared.unit_of(p),
            );
            let shown = path
                .as_deref()
                .map(|p| slash_path(p.strip_prefix(&unit.root).unwrap_or(p)))
                .unwrap_or_default();
            unit.problem(shown, message);
            return;
        }
    };
    let Some(file_type) = entry.file_type() else {
        return;
    };
    if file_type.is_symlink() {
        shared.symlinks.fetch_add(1, Ordering::Relaxed);
        return;
    }
    if file_type.is_dir() {
        return;
    }
    if !file_type.is_file() {
        shared.special_files.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let unit = shared.unit_of(entry.path().parent().unwrap_or(entry.path()));
    unit.files.fetch_add(1, Ordering::Relaxed);
    let relative = entry
        .path()
        .strip_prefix(&unit.root)
        .unwrap_or(entry.path());
    if relative.to_str().is_none() {
        shared.non_utf8_paths.fetch_add(1, Ordering::Relaxed);
    }
    let targets = detectors.matcher.targets(relative, scratch);
    if targets.is_empty() {
        return;
    }
    let shown = slash_path(relative);
    let bytes = match read_bounded(entry.path(), detectors.limits.max_file_bytes) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            shared.too_large.fetch_add(1, Ordering::Relaxed);
            let limit = detectors.limits.max_file_bytes;
            unit.problem(
                shown,
                format!("larger than the {limit}-byte limit (detectors/scan.toml); skipped"),
            );
            return;
        }
        Err(error) => {
            shared.unreadable.fetch_add(1, Ordering::Relaxed);
            unit.problem(
                shown,
                format!("cannot be read: {}; skipped", reason(&error)),
            );
            return;
        }
    };
    if bytes.contains(&0) {
        shared.binary.fetch_add(1, Ordering::Relaxed);
        unit.problem(shown, "a binary file where text was expected; skipped");
        return;
    }
    let mut facts = examine(&shown, &bytes, &targets, detectors);
    facts.git_path = git_path(relative);
    if !facts.is_empty() {
        lock(&unit.facts).push(facts);
    }
}

/// The whole file, or `None` when it is larger than `limit`. Only regular files are opened.
fn read_bounded(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let file = fs::File::open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    if metadata.len() > limit {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// A walk error in the scan's words: the path it concerns, if any, and what happened. The
/// `ignore` crate's own message is not shown: for a bad .gitignore line it quotes the line.
fn describe(error: &ignore::Error) -> (Option<PathBuf>, String) {
    let mut path = None;
    let mut io_error = None;
    let mut current = error;
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Io(e) => {
                io_error = Some(e);
                break;
            }
            ignore::Error::Loop { child, .. } => {
                path.get_or_insert_with(|| child.clone());
                break;
            }
            _ => break,
        }
    }
    let message = match (error, io_error) {
        (_, Some(e)) => format!("cannot be read: {}; skipped", reason(e)),
        (ignore::Error::Loop { .. }, None) => "a symbolic link loop; skipped".to_string(),
        _ => "an ignore file (.gitignore) could not be used in full".to_string(),
    };
    (path, message)
}

/// The operating system's reason, without the path it may repeat.
fn reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::NotFound => "it disappeared during the scan".to_string(),
        _ => error
            .raw_os_error()
            .map(|code| io::Error::from_raw_os_error(code).to_string())
            .unwrap_or_else(|| error.kind().to_string()),
    }
}
