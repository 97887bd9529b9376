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

#[derive(Debug, Error)]
pub enum InputError {
    #[error(
        "{path}: file not found\n  = help: check the path; `idpfit template > idp-answers.toml` writes a file to start from"
    )]
    NotFound { path: String },
    #[error(
        "{path}: is a directory, not a file\n  = help: pass the answers file inside it, e.g. {path}/idp-answers.toml"
    )]
    Directory { path: String },
    #[error(
        "{path}: not a regular file (a pipe, socket or device)\n  = help: pass a regular file, or `-` to read standard input"
    )]
    NotRegular { path: String },
    #[error(
        "{path}: larger than the 1 MiB limit for input files\n  = help: an answers file is a few kilobytes; check that this is the right file"
    )]
    TooLarge { path: String },
    #[error("{path}:{line}:{column}: not valid UTF-8 text\n  = help: save the file as UTF-8")]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
    },
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// Reads a whole input file as UTF-8 text, within [`MAX_INPUT_BYTES`]. `-` reads standard input.
pub fn read_text(path: &Path) -> Result<String, InputError> {
    let shown = path.display().to_string();
    if path.as_os_str() == STDIN {
        return read_bounded(io::stdin().lock(), "<stdin>");
    }
    let metadata = fs::metadata(path).map_err(|e| io_error(&shown, e))?;
    if metadata.is_dir() {
        return Err(InputError::Directory { path: shown });
    }
    if !metadata.is_file() {
        return Err(InputError::NotRegular { path: shown });
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge { path: shown });
    }
    let file = fs::File::open(path).map_err(|e| io_error(&shown, e))?;
    read_bounded(file, &shown)
}

fn read_bounded(reader: impl Read, shown: &str) -> Result<String, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(shown, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            path: shown.to_string(),
        });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, column) = crate::diagnostic::line_col(&prefix, prefix.len());
        InputError::NotUtf8 {
            path: shown.to_string(),
            line,
            column,
        }
    })
}

fn io_error(path: &str, source: io::Error) -> InputError {
    match source.kind() {
        io::ErrorKind::NotFound => InputError::NotFound {
            path: path.to_string(),
        },
        _ => InputError::Io {
            path: path.to_string(),
            source,
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
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        #[source]
        source: io::Error,
    },
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
pub fn write_atomic(path: &Path, contents: &str, overwrite: Overwrite) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    let dir = parent_dir(path);
    if !dir.is_dir() {
        return Err(OutputError::MissingDirectory {
            path: shown,
            dir: dir.display().to_string(),
        });
    }
    let io = |source| OutputError::Io {
        path: shown.clone(),
        source,
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".idpfit-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io)?;
    temp.write_all(contents.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    match overwrite {
        Overwrite::Allow => temp.persist(path).map(drop).map_err(|e| io(e.error)),
        // `persist_noclobber` fails if the target appeared in the meantime, so a file created
        // by someone else between our check and the rename is never replaced.
        Overwrite::Refuse => temp.persist_noclobber(path).map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                OutputError::Exists {
                    path: shown.clone(),
                }
            } else {
                io(e.error)
            }
        }),
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
    fn invalid_utf8_is_reported_with_its_position() {
        let result = read_bounded(&b"a = 1\nb = \"\xff\"\n"[..], "x.toml");
        let message = result.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            message.starts_with("x.toml:2:6: not valid UTF-8"),
            "{message}"
        );
    }
}
