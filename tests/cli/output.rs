//! Output safety, through the binary: `--output` writes a whole file or nothing, never replaces
//! a file without `--force`, leaves the old file intact when a write fails, follows a link to
//! the file it names, and keeps or sets permissions the way any other tool would.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use crate::support::{BINARY, BUG_REPORT, Run, port_example, repo_path, run_in};

fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn score_to(dir: &Path, output: &str, extra: &[&str]) -> Run {
    let answers = repo_path("examples/port.toml");
    let mut args = vec!["score", answers.as_str(), "--format", "json", "-o", output];
    args.extend_from_slice(extra);
    run_in(dir, &args, None)
}

/// Files the writer may have left behind in `dir` besides `keep`.
fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !keep.contains(&name.as_str()))
        .collect()
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn a_new_output_file_holds_exactly_what_stdout_would() {
    let dir = scratch();
    let run = score_to(dir.path(), "result.json", &[]);
    run.assert_handled();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "also printed: {}", run.stdout);
    let answers = repo_path("examples/port.toml");
    let printed = crate::support::run(&["score", &answers, "--format", "json"]).stdout;
    assert_eq!(read(&dir.path().join("result.json")), printed);
    assert!(leftovers(dir.path(), &["result.json"]).is_empty());
}

#[test]
fn an_existing_file_is_kept_without_force() {
    let dir = scratch();
    let target = dir.path().join("result.json");
    fs::write(&target, "keep me\n").unwrap();
    let run = score_to(dir.path(), "result.json", &[]);
    run.assert_invalid("result.json: already exists");
    assert!(
        run.stderr.contains("pass --force to replace it"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&target), "keep me\n");
    assert!(leftovers(dir.path(), &["result.json"]).is_empty());
}

#[test]
fn force_replaces_the_whole_file() {
    let dir = scratch();
    let target = dir.path().join("result.json");
    fs::write(&target, "x".repeat(100_000)).unwrap();
    let run = score_to(dir.path(), "result.json", &["--force"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let text = read(&target);
    assert!(
        text.starts_with('{') && text.ends_with("}\n"),
        "not one whole result"
    );
    assert!(!text.contains("xxx"), "old content survived");
    assert!(leftovers(dir.path(), &["result.json"]).is_empty());
}

#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_debris() {
    // The file-size limit makes the write fail after 2 KiB of the ~6 KiB result (EFBIG, with
    // SIGXFSZ ignored so the process sees the error instead of being killed). This is a real
    // half-finished write, and it works as root too.
    let dir = scratch();
    let target = dir.path().join("result.json");
    let old = "{\"previous\": \"result\"}\n";
    fs::write(&target, old).unwrap();
    let answers = repo_path("examples/port.toml");
    let output = std::process::Command::new("bash")
        .current_dir(dir.path())
        .env_remove("RUST_BACKTRACE")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 2; exec \"$0\" score \"$1\" --format json -o result.json --force")
        .arg(BINARY)
        .arg(&answers)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("result.json: cannot write: File too large"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nothing was written; an existing file is unchanged"),
        "{stderr}"
    );
    assert!(!stderr.contains(BUG_REPORT), "{stderr}");
    assert_eq!(read(&target), old);
    assert!(
        leftovers(dir.path(), &["result.json"]).is_empty(),
        "temporary file left: {:?}",
        leftovers(dir.path(), &["result.json"])
    );
}

#[test]
fn a_link_to_a_file_is_followed_and_kept() {
    let dir = scratch();
    let real = dir.path().join("real.json");
    fs::write(&real, "old\n").unwrap();
    symlink("real.json", dir.path().join("latest.json")).unwrap();

    let refused = score_to(dir.path(), "latest.json", &[]);
    refused.assert_invalid("latest.json: already exists");
    assert_eq!(read(&real), "old\n");

    let run = score_to(dir.path(), "latest.json", &["--force"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let link = fs::symlink_metadata(dir.path().join("latest.json")).unwrap();
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    assert!(
        read(&real).starts_with('{'),
        "the linked file was not updated"
    );
    assert!(leftovers(dir.path(), &["real.json", "latest.json"]).is_empty());
}

#[test]
fn a_dangling_link_is_not_written_through() {
    let dir = scratch();
    symlink("elsewhere/missing.json", dir.path().join("out.json")).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let run = score_to(dir.path(), "out.json", extra);
        run.assert_invalid("out.json: is a symbolic link that cannot be followed");
    }
    assert!(!dir.path().join("elsewhere").exists());
}

#[test]
fn a_replaced_file_keeps_its_permissions() {
    let dir = scratch();
    let target = dir.path().join("result.json");
    fs::write(&target, "old\n").unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let run = score_to(dir.path(), "result.json", &["--force"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(mode(&target), 0o640);
}

#[test]
fn a_new_file_gets_the_permissions_the_umask_allows() {
    let answers = repo_path("examples/port.toml");
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let dir = scratch();
        let status = std::process::Command::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "umask {umask}; exec \"$0\" score \"$1\" -o new.txt"
            ))
            .arg(BINARY)
            .arg(&answers)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(mode(&dir.path().join("new.txt")), expected, "umask {umask}");
    }
}

#[test]
fn template_output_follows_the_same_rules() {
    let dir = scratch();
    let run = run_in(dir.path(), &["template", "-o", "answers.toml"], None);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let first = read(&dir.path().join("answers.toml"));
    assert!(first.contains("questionnaire = \"idp-portal/1\""));
    let again = run_in(dir.path(), &["template", "-o", "answers.toml"], None);
    again.assert_invalid("answers.toml: already exists");
    assert_eq!(read(&dir.path().join("answers.toml")), first);
}

#[test]
fn invalid_answers_write_no_output_file() {
    let dir = scratch();
    let broken = port_example().replace("\"named_part_time\"", "\"nobody\"");
    fs::write(dir.path().join("broken.toml"), broken).unwrap();
    let run = run_in(
        dir.path(),
        &["score", "broken.toml", "-o", "out.json"],
        None,
    );
    run.assert_invalid("\"nobody\" is not a choice of `capacity.ownership`");
    assert!(!dir.path().join("out.json").exists());
}
