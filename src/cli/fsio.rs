//! The only module that touches the file system: bounded, checked reading of input files and
//! atomic writing of output files.
//!
//! Reading refuses what is not a regular file (directories, FIFOs, devices), anything over
//! [`MAX_INPUT_BYTES`] and text that is not UTF-8, before any parsing. Writing goes to a
//! temporary file in the destination's directory and is renamed over the target, so a reader
//! never sees half a file and a failed write leaves the old file intact.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// Largest input accepted. Answers, weights and questionnaires are a few kilobytes; anything
/// this large is a mistake, and refusing it bounds time and memory.
pub const MAX_INPUT_BYTES: u64 = 1024 * 1024;

/// The path that means "standard input" for commands that read files.
pub const STDIN: &str = "-";

/// What an input file is for, so that a problem reading it comes with the right hint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Answers,
    Questionnaire,
    Weights,
    /// One of the files in a `scan --detectors` folder.
    Detectors,
    /// The output of `idpfit scan`, passed with `--evidence`.
    Evidence,
}

impl FileKind {
    fn noun(self) -> &'static str {
        match self {
            FileKind::Answers => "answers file",
            FileKind::Questionnaire => "questionnaire file",
            FileKind::Weights => "weights file",
            FileKind::Detectors => "detector file",
            FileKind::Evidence => "scan output",
        }
    }

    /// What to do about a file that is not there.
    fn not_found_hint(self) -> &'static str {
        match self {
            FileKind::Answers => {
                "check the path; `idpfit template > idp-answers.toml` writes a file to start from"
            }
            FileKind::Questionnaire => {
                "check the path, or leave out --questionnaire to use the built-in questionnaire"
            }
            FileKind::Weights => {
                "check the path, or leave out --weights to use the built-in weights (`idpfit presets` lists the others)"
            }
            FileKind::Detectors => {
                "check the path, or leave out --detectors to use the built-in detectors"
            }
            FileKind::Evidence => {
                "check the path; `idpfit scan PATH... --output scan.json` writes the evidence"
            }
        }
    }

    /// What a file of this kind is usually called, for an example path.
    fn example_name(self) -> &'static str {
        match self {
            FileKind::Answers => "idp-answers.toml",
            FileKind::Questionnaire => "idp-portal-v1.toml",
            FileKind::Weights => "default.toml",
            FileKind::Detectors => "tools.toml",
            FileKind::Evidence => "scan.json",
        }
    }

    /// How large a file of this kind usually is.
    fn usual_size(self) -> &'static str {
        match self {
            FileKind::Answers => "an answers file is a few kilobytes",
            FileKind::Questionnaire => "a questionnaire file is a few dozen kilobytes",
            FileKind::Weights => "a weights file is a few dozen kilobytes",
            FileKind::Detectors => "a detector file is a few dozen kilobytes",
            FileKind::Evidence => {
                "the scan's TOML output (`--format toml`) holds only the measured answers and is a few kilobytes"
            }
        }
    }
}

#[derive(Debug, Error)]
pub enum InputError {
    #[error("{path}: file not found\n  = help: {}", .kind.not_found_hint())]
    NotFound { path: String, kind: FileKind },
    #[error(
        "{path}: is a directory, not a file\n  = help: pass the {} inside it, e.g. {path}/{}",
        .kind.noun(),
        .kind.example_name()
    )]
    Directory { path: String, kind: FileKind },
    #[error(
        "{path}: not a regular file (a pipe, socket or device)\n  = help: pass a regular file, or `-` to read standard input"
    )]
    NotRegular { path: String },
    #[error(
        "{path}: is a symbolic link that cannot be followed (it loops, or its target is missing)\n  = help: pass the file the link should point to"
    )]
    BrokenLink { path: String },
    #[error(
        "{path}: permission denied\n  = help: make the file readable for your user, or pass a copy of it"
    )]
    PermissionDenied { path: String },
    #[error(
        "{path}: larger than the 1 MiB limit for input files\n  = help: {}; check that this is the right file",
        .kind.usual_size()
    )]
    TooLarge { path: String, kind: FileKind },
    #[error(
        "{path}:{line}:{column}: contains a NUL byte: this looks like a binary file, not TOML text\n  = help: pass the TOML file itself, saved as plain text"
    )]
    Binary {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}:{line}:{column}: not valid UTF-8 text\n  = help: save the file as UTF-8")]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}: cannot read: {}", os_reason(.cause))]
    Io { path: String, cause: io::Error },
}

/// Reads a whole input file as UTF-8 text, within [`MAX_INPUT_BYTES`]. `-` reads standard input.
/// `kind` says what the file is for, so that an error comes with a hint that fits it.
///
/// The path is checked before it is opened, because opening a FIFO blocks until someone writes
/// to it; the opened file is checked again, so a file swapped in between is still refused.
pub fn read_text(path: &Path, kind: FileKind) -> Result<String, InputError> {
    let shown = path.display().to_string();
    if path.as_os_str() == STDIN {
        return read_bounded(io::stdin().lock(), "<stdin>", kind);
    }
    let metadata = fs::metadata(path).map_err(|e| {
        let is_link = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link {
            InputError::BrokenLink {
                path: shown.clone(),
            }
        } else {
            io_error(&shown, kind, e)
        }
    })?;
    check_regular(&metadata, &shown, kind)?;
    let file = fs::File::open(path).map_err(|e| io_error(&shown, kind, e))?;
    let opened = file.metadata().map_err(|e| io_error(&shown, kind, e))?;
    check_regular(&opened, &shown, kind)?;
    read_bounded(file, &shown, kind)
}

fn check_regular(metadata: &fs::Metadata, shown: &str, kind: FileKind) -> Result<(), InputError> {
    let path = shown.to_string();
    if metadata.is_dir() {
        Err(InputError::Directory { path, kind })
    } else if !metadata.is_file() {
        Err(InputError::NotRegular { path })
    } else if metadata.len() > MAX_INPUT_BYTES {
        Err(InputError::TooLarge { path, kind })
    } else {
        Ok(())
    }
}

fn read_bounded(reader: impl Read, shown: &str, kind: FileKind) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(shown, kind, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            path: shown.to_string(),
            kind,
        });
    }
    // A NUL byte is valid UTF-8 but never part of a hand-written TOML file: say "binary file"
    // rather than let the parser report a puzzling syntax error at an invisible character.
    if let Some(position) = bytes.iter().position(|b| *b == 0) {
        let (line, column) = position_of(&bytes, position);
        return Err(InputError::Binary {
            path: shown.to_string(),
            line,
            column,
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let (line, column) = position_of(e.as_bytes(), valid);
        InputError::NotUtf8 {
            path: shown.to_string(),
            line,
            column,
        }
    })
}

/// Line and column of byte `offset`, counting only the text before it.
fn position_of(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    crate::load::diagnostic::line_col(&prefix, prefix.len())
}

fn io_error(path: &str, kind: FileKind, source: io::Error) -> InputError {
    let path = path.to_string();
    match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound { path, kind },
        io::ErrorKind::PermissionDenied => InputError::PermissionDenied { path },
        io::ErrorKind::IsADirectory => InputError::Directory { path, kind },
        _ => InputError::Io {
            path,
            cause: source,
        },
    }
}

#[derive(Debug, Error)]
pub enum OutputError {
    #[error(
        "{path}: already exists\n  = help: pass --force to replace it, or choose another path with --output"
    )]
    Exists { path: String },
    #[error(
        "{path}: the directory {dir} does not exist\n  = help: create it first, or choose another path"
    )]
    MissingDirectory { path: String, dir: String },
    #[error(
        "{path}: is {what}, not a file; it is never replaced, even with --force\n  = help: choose a file path, or leave out --output to write to standard output"
    )]
    NotRegular { path: String, what: &'static str },
    #[error(
        "{path}: is a symbolic link that cannot be followed (it loops, or its target is missing)\n  = help: write to the file the link should point to, or remove the link"
    )]
    BrokenLink { path: String },
    #[error(
        "{path}: cannot create a file in {dir}: {}\n  = help: choose a directory you can write to; nothing was written",
        os_reason(.cause)
    )]
    NotWritable {
        path: String,
        dir: String,
        cause: io::Error,
    },
    #[error(
        "{path}: cannot write: {}\n  = note: nothing was written; an existing file is unchanged",
        os_reason(.cause)
    )]
    Io { path: String, cause: io::Error },
}

/// The operating system's words for an error, without the temporary file's name that the
/// `tempfile` crate appends (" at path ..."): the user never chose that name.
fn os_reason(error: &io::Error) -> String {
    if let Some(code) = error.raw_os_error() {
        return io::Error::from_raw_os_error(code).to_string();
    }
    let text = error.to_string();
    match text.split_once(" at path \"") {
        Some((reason, _)) => reason.to_string(),
        None => text,
    }
}

/// Whether an existing file may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Overwrite {
    Refuse,
    Allow,
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory, flushed to
/// disk, then renamed over the target. With [`Overwrite::Refuse`], an existing file is an error
/// and is left untouched.
///
/// What is never done, with or without [`Overwrite::Allow`]: replacing a directory, device,
/// FIFO or socket (`--output /dev/null` is refused rather than swapped for a regular file), or
/// leaving part of the text at `path`. A symbolic link to a file is followed, so the link still
/// points at the updated file. A replaced file keeps its permissions; a new one gets the usual
/// ones for the user's umask.
pub fn write_atomic(path: &Path, contents: &str, overwrite: Overwrite) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let target = destination(path, &shown, overwrite)?;
    let existing = fs::metadata(&target).ok();
    let dir = parent_dir(&target);
    if !dir.is_dir() {
        return Err(OutputError::MissingDirectory {
            path: shown,
            dir: dir.display().to_string(),
        });
    }
    let io = |cause| OutputError::Io {
        path: shown.clone(),
        cause,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".idpfit-").suffix(".tmp");
    #[cfg(unix)]
    let permissions = {
        use std::os::unix::fs::PermissionsExt;
        // The mode passes through the umask when the file is created, like any new file's.
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o777);
        fs::Permissions::from_mode(mode)
    };
    #[cfg(unix)]
    builder.permissions(permissions);
    // Any failure to create the temporary file (no permission, a read-only or special file
    // system such as /proc) means the directory cannot take new files.
    let mut temp = builder
        .tempfile_in(&dir)
        .map_err(|cause| OutputError::NotWritable {
            path: shown.clone(),
            dir: dir.display().to_string(),
            cause,
        })?;
    temp.write_all(contents.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    match overwrite {
        Overwrite::Allow => temp.persist(&target).map(drop).map_err(|e| io(e.error))?,
        // `persist_noclobber` fails if the target appeared in the meantime, so a file created
        // by someone else between our check and the rename is never replaced.
        Overwrite::Refuse => temp.persist_noclobber(&target).map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                OutputError::Exists {
                    path: shown.clone(),
                }
            } else {
                io(e.error)
            }
        })?,
    }
    // Make the rename itself durable. Not every file system can sync a directory; the file is
    // in place either way, so a failure here is not reported.
    if let Ok(handle) = fs::File::open(&dir) {
        let _ = handle.sync_all();
    }
    Ok(())
}

/// The file to replace: `path` itself, or the file a symbolic link at `path` points to.
/// Refuses what may not be replaced.
fn destination(path: &Path, shown: &str, overwrite: Overwrite) -> Result<PathBuf, OutputError> {
    let exists = || OutputError::Exists {
        path: shown.to_string(),
    };
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(path.to_path_buf()),
        Err(cause) => {
            return Err(OutputError::Io {
                path: shown.to_string(),
                cause,
            });
        }
    };
    let target = if metadata.file_type().is_symlink() {
        match fs::canonicalize(path) {
            Ok(resolved) => resolved,
            Err(_) => {
                return Err(OutputError::BrokenLink {
                    path: shown.to_string(),
                });
            }
        }
    } else {
        path.to_path_buf()
    };
    let resolved = fs::metadata(&target).map_err(|cause| OutputError::Io {
        path: shown.to_string(),
        cause,
    })?;
    if !resolved.is_file() {
        return Err(OutputError::NotRegular {
            path: shown.to_string(),
            what: if resolved.is_dir() {
                "a directory"
            } else {
                "a device, pipe or socket"
            },
        });
    }
    match overwrite {
        Overwrite::Refuse => Err(exists()),
        Overwrite::Allow => Ok(target),
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_permission_and_keeps_the_old_file() {
        let dir = tempfile::tempdir().map_err(|e| e.to_string());
        let Ok(dir) = dir else { return };
        let path = dir.path().join("out.txt");
        assert!(write_atomic(&path, "first", Overwrite::Refuse).is_ok());
        let second = write_atomic(&path, "second", Overwrite::Refuse);
        assert!(matches!(second, Err(OutputError::Exists { .. })));
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("first"));
        assert!(write_atomic(&path, "third", Overwrite::Allow).is_ok());
        assert_eq!(fs::read_to_string(&path).ok().as_deref(), Some("third"));
    }

    #[test]
    fn each_kind_of_file_gets_hints_that_fit_it() {
        let too_large = |kind| {
            InputError::TooLarge {
                path: "big.toml".to_string(),
                kind,
            }
            .to_string()
        };
        assert!(too_large(FileKind::Answers).contains("an answers file is a few kilobytes"));
        assert!(too_large(FileKind::Weights).contains("a weights file is a few dozen kilobytes"));
        assert!(
            too_large(FileKind::Questionnaire)
                .contains("a questionnaire file is a few dozen kilobytes")
        );
        let directory = |kind| {
            InputError::Directory {
                path: "data".to_string(),
                kind,
            }
            .to_string()
        };
        assert!(
            directory(FileKind::Weights)
                .ends_with("pass the weights file inside it, e.g. data/default.toml")
        );
        assert!(directory(FileKind::Answers).ends_with("e.g. data/idp-answers.toml"));
    }

    #[test]
    fn invalid_utf8_is_reported_with_its_position() {
        let result = read_bounded(&b"a = 1\nb = \"\xff\"\n"[..], "x.toml", FileKind::Answers);
        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("x.toml:2:6: not valid UTF-8"),
            "{message}"
        );
    }
}
