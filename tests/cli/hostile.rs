//! Limits and hostile input, through the binary: oversized files, deep nesting, thousands of
//! keys, very long strings, NUL bytes, invalid UTF-8, FIFOs and devices, symbolic-link loops,
//! unreadable files, and output paths that cannot be written. Each must end in a clear error
//! and exit code 2, never a hang, a panic or unbounded output.
//!
//! The same hostile files are also passed as `--weights` and `--questionnaire`, which go
//! through the same reading code. Peak memory for the worst cases is measured by
//! `benches/hostile-rss.sh`, not here.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use crate::support::{
    EXAMPLES, HANG_GUARD, ROOT, Run, permissions_are_bypassed, port_example, process, run, run_in,
};

const MIB: usize = 1024 * 1024;

/// Largest standard error a hostile file may produce: enough for the 50 problems shown, far
/// below the size of the files themselves.
const STDERR_BOUND: usize = 64 * 1024;

struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> String {
        let path = self.path(name);
        fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    fn run(&self, args: &[&str]) -> Run {
        run_in(self.dir.path(), args, None)
    }
}

/// Runs `file` as an answers file (`validate` and `score`), as weights and as a questionnaire;
/// every way must be refused with `needle` in the message.
fn refused_everywhere(scratch: &Scratch, file: &str, needle: &str) {
    let answers = scratch.write("answers.toml", port_example());
    let runs = [
        scratch.run(&["validate", file]),
        scratch.run(&["score", file]),
        scratch.run(&["--weights", file, "score", &answers]),
        scratch.run(&["--questionnaire", file, "validate", &answers]),
    ];
    for run in &runs {
        run.assert_invalid(needle);
        assert!(
            run.stderr.len() < STDERR_BOUND,
            "{} bytes of errors",
            run.stderr.len()
        );
    }
}

#[test]
fn a_file_over_one_mebibyte_is_refused_before_parsing() {
    let scratch = Scratch::new();
    let mut text = port_example();
    text.push_str(&"#".repeat(MIB + 1 - text.len()));
    let file = scratch.write("big.toml", &text);
    refused_everywhere(&scratch, &file, "larger than the 1 MiB limit");
}

#[test]
fn a_file_of_exactly_one_mebibyte_is_still_read() {
    let scratch = Scratch::new();
    let mut text = port_example();
    text.push_str(&"#".repeat(MIB - text.len()));
    assert_eq!(text.len(), MIB);
    let file = scratch.write("full.toml", &text);
    let run = scratch.run(&["validate", &file]);
    run.assert_handled();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

#[test]
fn endless_standard_input_is_cut_off_at_the_limit() {
    let run = run_in(Path::new(ROOT), &["score", "-"], Some(vec![b'#'; 3 * MIB]));
    run.assert_invalid("<stdin>: larger than the 1 MiB limit");
}

#[test]
fn deep_nesting_is_refused_with_a_bounded_message() {
    let scratch = Scratch::new();
    let depth = 50_000;
    let cases = [
        (
            "arrays",
            format!("a = {}{}", "[".repeat(depth), "]".repeat(depth)),
        ),
        (
            "inline-tables",
            format!("a = {}1{}", "{b = ".repeat(depth), "}".repeat(depth)),
        ),
        ("headers", format!("[{}]", vec!["a"; depth].join("."))),
        ("dotted-keys", format!("{} = 1", vec!["a"; depth].join("."))),
    ];
    for (name, body) in cases {
        let file = scratch.write(
            &format!("{name}.toml"),
            format!("questionnaire = \"idp-portal/1\"\n{body}\n"),
        );
        refused_everywhere(&scratch, &file, "not valid TOML");
    }
}

#[test]
fn ten_thousand_unknown_keys_give_fifty_problems_and_a_count() {
    let scratch = Scratch::new();
    let keys: String = (0..10_000).map(|i| format!("key_{i} = {i}\n")).collect();
    for (name, text) in [
        (
            "in-a-section",
            format!("questionnaire = \"idp-portal/1\"\n[capacity]\n{keys}"),
        ),
        (
            "at-top-level",
            format!("questionnaire = \"idp-portal/1\"\n{keys}"),
        ),
    ] {
        let file = scratch.write(&format!("{name}.toml"), text);
        let run = scratch.run(&["validate", &file]);
        run.assert_invalid("more problems not shown; fix the ones above first");
        assert_eq!(run.stderr.matches("error: ").count(), 51, "{name}");
        assert!(
            run.stderr.len() < STDERR_BOUND,
            "{} bytes",
            run.stderr.len()
        );
    }
}

#[test]
fn very_long_strings_are_quoted_short_in_messages() {
    let scratch = Scratch::new();
    let long = "x".repeat(900_000);
    let as_choice = port_example().replace("\"named_part_time\"", &format!("\"{long}\""));
    let file = scratch.write("long-choice.toml", &as_choice);
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid("is not a choice of `capacity.ownership`");
    assert!(run.stderr.contains("xxx…"), "{}", &run.stderr[..200]);
    assert!(run.stderr.len() < 8 * 1024, "{} bytes", run.stderr.len());

    let as_key = format!("questionnaire = \"idp-portal/1\"\n[capacity]\n{long} = 1\n");
    let file = scratch.write("long-key.toml", &as_key);
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid("unknown key `xxx");
    assert!(run.stderr.len() < 8 * 1024, "{} bytes", run.stderr.len());

    let garbage = format!("questionnaire = \"idp-portal/1\"\n{long} garbage\n");
    let file = scratch.write("long-line.toml", &garbage);
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid("not valid TOML");
    assert!(run.stderr.contains("= near: …"), "{}", run.stderr);
    assert!(run.stderr.len() < 8 * 1024, "{} bytes", run.stderr.len());
}

#[test]
fn a_huge_text_answer_is_refused_in_a_short_message_naming_the_key() {
    let scratch = Scratch::new();
    let text = port_example().replace(
        "top_friction = ",
        &format!("top_friction = \"{}\"\n# ", "n".repeat(500_000)),
    );
    let file = scratch.write("long-text.toml", &text);
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid(
        "`friction.top_friction` is 500,000 characters long; at most 2,000 are allowed",
    );
    assert!(run.stderr.len() < 8 * 1024, "{} bytes", run.stderr.len());
}

#[test]
fn nul_bytes_are_reported_as_a_binary_file_with_their_position() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "nul.toml",
        b"questionnaire = \"idp-portal/1\"\n[capacity]\nown\0ership = 1\n",
    );
    refused_everywhere(&scratch, &file, "nul.toml:3:4: contains a NUL byte");
}

#[test]
fn invalid_utf8_is_reported_with_its_position() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "latin1.toml",
        b"questionnaire = \"idp-portal/1\"\n[organization]\nname = \"Caf\xe9\"\n",
    );
    refused_everywhere(&scratch, &file, "latin1.toml:3:12: not valid UTF-8 text");
}

#[test]
fn terminal_escapes_in_a_file_are_not_echoed_raw() {
    let scratch = Scratch::new();
    let file = scratch.write(
        "escape.toml",
        "questionnaire = \"idp-portal/1\"\n[capacity]\n\"own\\u001b[2Jership\" = 1\n",
    );
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid("unknown key `own\u{FFFD}[2Jership`");
    assert!(
        !run.stderr.contains('\u{1b}'),
        "raw escape in {:?}",
        run.stderr
    );
}

#[test]
fn a_fifo_is_refused_without_waiting_for_a_writer() {
    let scratch = Scratch::new();
    let fifo = scratch.path("answers.fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo failed");
    refused_everywhere(&scratch, &fifo.display().to_string(), "not a regular file");
}

#[test]
fn a_device_is_refused_and_endless_stdin_is_bounded() {
    let scratch = Scratch::new();
    refused_everywhere(&scratch, "/dev/zero", "/dev/zero: not a regular file");
    // Standard input that never ends: reading must stop at the limit.
    let stdin = fs::File::open("/dev/zero").unwrap();
    let mut child = process()
        .args(["validate", "-"])
        .stdin(stdin)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > HANG_GUARD {
            let _ = child.kill();
            panic!("reading endless standard input did not stop");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
    }
    assert_eq!(status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("larger than the 1 MiB limit"), "{stderr}");
}

#[test]
fn a_symbolic_link_loop_is_named_as_such() {
    let scratch = Scratch::new();
    let (a, b) = (scratch.path("a.toml"), scratch.path("b.toml"));
    symlink(&b, &a).unwrap();
    symlink(&a, &b).unwrap();
    refused_everywhere(
        &scratch,
        &a.display().to_string(),
        "is a symbolic link that cannot be followed",
    );
    let dangling = scratch.path("dangling.toml");
    symlink(scratch.path("nowhere.toml"), &dangling).unwrap();
    refused_everywhere(
        &scratch,
        &dangling.display().to_string(),
        "is a symbolic link that cannot be followed",
    );
}

#[test]
fn a_directory_and_a_missing_file_are_named_as_such() {
    let scratch = Scratch::new();
    fs::create_dir(scratch.path("answers")).unwrap();
    let dir = scratch.path("answers").display().to_string();
    refused_everywhere(&scratch, &dir, "is a directory, not a file");
    let missing = scratch.path("missing.toml").display().to_string();
    refused_everywhere(&scratch, &missing, "file not found");
}

#[test]
fn an_unreadable_file_is_refused_unless_permissions_do_not_apply() {
    let scratch = Scratch::new();
    let file = scratch.write("secret.toml", port_example());
    fs::set_permissions(&file, fs::Permissions::from_mode(0o000)).unwrap();
    let run = scratch.run(&["validate", &file]);
    if permissions_are_bypassed(scratch.dir.path()) {
        // Running as root (as CI does): permission bits do not stop a read, so the honest
        // expectation is that the file is read like any other.
        run.assert_handled();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    } else {
        run.assert_invalid("secret.toml: permission denied");
    }
}

#[test]
fn output_into_a_missing_directory_is_refused_and_creates_nothing() {
    let scratch = Scratch::new();
    let answers = scratch.write("answers.toml", port_example());
    let target = scratch.path("no/such/dir/out.json");
    let run = scratch.run(&["score", &answers, "-o", &target.display().to_string()]);
    run.assert_invalid("does not exist");
    assert!(!scratch.path("no").exists());
}

#[test]
fn output_into_a_directory_that_takes_no_files_is_refused() {
    let scratch = Scratch::new();
    let answers = scratch.write("answers.toml", port_example());
    // /proc refuses new files even to root, so this case holds wherever the tests run.
    if Path::new("/proc/self").exists() {
        let run = scratch.run(&["score", &answers, "-o", "/proc/idpfit-out.json"]);
        run.assert_invalid("cannot create a file in /proc");
        assert!(
            !run.stderr.contains(".idpfit-"),
            "temporary name leaked: {}",
            run.stderr
        );
    }
    let read_only = scratch.path("read-only");
    fs::create_dir(&read_only).unwrap();
    fs::set_permissions(&read_only, fs::Permissions::from_mode(0o555)).unwrap();
    let target = read_only.join("out.json").display().to_string();
    let run = scratch.run(&["score", &answers, "-o", &target]);
    if permissions_are_bypassed(scratch.dir.path()) {
        // As root a mode-555 directory still takes files; the write must then simply work.
        run.assert_handled();
        assert_eq!(run.code, Some(0), "{}", run.stderr);
    } else {
        run.assert_invalid("cannot create a file in");
        assert!(run.stderr.contains("Permission denied"), "{}", run.stderr);
    }
    let _ = fs::set_permissions(&read_only, fs::Permissions::from_mode(0o755));
}

#[test]
fn output_over_a_device_or_directory_is_refused_even_with_force() {
    let scratch = Scratch::new();
    let answers = scratch.write("answers.toml", port_example());
    let run = scratch.run(&["score", &answers, "-o", "/dev/null", "--force"]);
    run.assert_invalid("/dev/null: is a device, pipe or socket, not a file");
    let device = fs::metadata("/dev/null").unwrap();
    assert!(!device.is_file(), "/dev/null was replaced by a file");
    let dir = scratch.path("out");
    fs::create_dir(&dir).unwrap();
    let run = scratch.run(&[
        "score",
        &answers,
        "-o",
        &dir.display().to_string(),
        "--force",
    ]);
    run.assert_invalid("is a directory, not a file");
}

#[test]
fn the_examples_still_score_after_all_this() {
    for example in EXAMPLES {
        let run = run(&["score", &format!("examples/{example}.toml")]);
        run.assert_handled();
        assert_eq!(run.code, Some(0), "{example}: {}", run.stderr);
    }
}

#[test]
fn a_value_spread_over_thousands_of_lines_gives_a_short_message() {
    let scratch = Scratch::new();
    let list = format!("ownership = [\n{}]", "\"a\",\n".repeat(5000));
    let text = port_example().replace("ownership = \"named_part_time\"", &list);
    let file = scratch.write("long-list.toml", &text);
    let run = scratch.run(&["validate", &file]);
    run.assert_invalid("`capacity.ownership` has the wrong type: found a list");
    assert!(run.stderr.lines().count() < 10, "{}", run.stderr);
}
