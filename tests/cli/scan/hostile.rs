//! Trees that fight back: the scan finishes with exit 0 and says what it could not read; only a
//! PATH that cannot be scanned at all is exit 2.

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};

use super::fixture::{Org, git_in, scan_json, scan_text};

#[test]
fn an_unusable_path_is_exit_2_with_a_hint() {
    let org = Org::new();
    let missing = org.path().join("nope");
    let (code, stdout, stderr) = scan_text(&[&missing], &[]);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(
        stderr.contains("nope: no such file or directory"),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: pass a repository, or a folder holding repositories"),
        "{stderr}"
    );

    let file = org.scratch().join("file.txt");
    fs::write(&file, "x").unwrap_or_else(|e| panic!("{e}"));
    let (code, _, stderr) = scan_text(&[&org.path(), &file], &[]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("file.txt: is a file, not a folder"),
        "{stderr}"
    );
}

#[test]
fn symlinks_are_never_followed_so_loops_and_escapes_are_harmless() {
    let org = Org::new();
    let repo = org.repo("looping");
    repo.file("catalog-info.yaml", "kind: Component\nspec: {owner: a}\n")
        .commit("2024-01-01");
    symlink(&repo.path, repo.path.join("loop")).unwrap_or_else(|e| panic!("{e}"));
    symlink("/etc", repo.path.join("outside")).unwrap_or_else(|e| panic!("{e}"));
    symlink(
        "catalog-info.yaml",
        repo.path.join("linked-catalog-info.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["skipped"]["symlinks"], 3);
    assert_eq!(report["catalog"]["entities"], 1);
}

#[test]
fn huge_binary_and_malformed_files_are_skipped_with_warnings() {
    let org = Org::new();
    let repo = org.repo("messy");
    let huge = format!(
        "kind: Component\ndescription: {}\n",
        "x".repeat(2 * 1024 * 1024)
    );
    repo.file("huge/catalog-info.yaml", &huge)
        .bytes("binary/catalog-info.yaml", b"kind: Component\0\x01\x02")
        .file("broken-yaml/catalog-info.yaml", "kind: [Component\n")
        .file("broken-json/package.json", "{\"name\": ")
        .file("broken-json/backstage.json", "{]")
        .file("broken-toml/fly.toml", "app = [\n")
        .bytes("latin1/catalog-info.yaml", b"kind: Compon\xe9nt\n")
        .file(
            "ok/catalog-info.yaml",
            "kind: Component\nspec: {owner: a}\n",
        )
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["skipped"]["too_large"], 1);
    assert_eq!(report["skipped"]["binary"], 1);
    let warnings = report["warnings"].to_string();
    for expected in [
        "messy/huge/catalog-info.yaml: larger than the 1048576-byte limit (detectors/scan.toml); skipped",
        "messy/binary/catalog-info.yaml: a binary file where text was expected; skipped",
        "messy/broken-yaml/catalog-info.yaml: not valid YAML at line 1, column 7; skipped",
        "messy/broken-json/package.json: not valid JSON at line 1, column 9; skipped",
        "messy/broken-json/backstage.json: not valid JSON at line 1, column 2; skipped",
        "messy/latin1/catalog-info.yaml: not UTF-8 text; skipped",
    ] {
        assert!(warnings.contains(expected), "{expected}\n{warnings}");
    }
    assert_eq!(report["catalog"]["entities"], 1);
    assert_eq!(
        report["answers"]["platform.catalog_data"]["value"],
        "manual_maintained"
    );
}

#[test]
fn a_pipe_named_like_a_catalog_file_is_never_opened() {
    let org = Org::new();
    let repo = org.repo("fifo");
    repo.file("a.txt", "x").commit("2024-01-01");
    let fifo = repo.path.join("catalog-info.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(status.success());
    // A scan that blocked on the FIFO would be stopped by the hang guard and fail here.
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["skipped"]["special_files"], 1);
}

#[test]
fn an_unreadable_folder_is_a_warning() {
    let org = Org::new();
    let repo = org.repo("locked");
    repo.file(
        "open/catalog-info.yaml",
        "kind: Component\nspec: {owner: a}\n",
    )
    .file("secret/catalog-info.yaml", "kind: Component\n")
    .commit("2024-01-01");
    let secret = repo.path.join("secret");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000))
        .unwrap_or_else(|e| panic!("{e}"));
    let readable_anyway = fs::read_dir(&secret).is_ok(); // true when the tests run as root
    let report = scan_json(&[&org.path()], &[]);
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
    if readable_anyway {
        assert_eq!(report["catalog"]["entities"], 2);
    } else {
        assert_eq!(report["skipped"]["unreadable"], 1);
        let warnings = report["warnings"].to_string();
        assert!(
            warnings.contains("locked/secret: cannot be read: permission denied; skipped"),
            "{warnings}"
        );
        assert_eq!(report["catalog"]["entities"], 1);
    }
}

#[test]
fn names_that_are_not_utf8_or_hold_control_characters_cannot_break_the_output() {
    let org = Org::new();
    let repo = org.repo("odd");
    repo.file("ok.txt", "x").commit("2024-01-01");
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9");
    let dir = repo.path.join(latin1);
    fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("catalog-info.yaml"), "kind: Component\n").unwrap_or_else(|e| panic!("{e}"));
    let escape = repo.path.join("evil\n\u{1b}[31m");
    fs::create_dir_all(&escape).unwrap_or_else(|e| panic!("{e}"));
    fs::write(
        escape.join("catalog-info.yaml"),
        "kind: Component\nspec: {owner: x}\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    repo.commit("2024-02-01");

    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["skipped"]["non_utf8_paths"], 1);
    assert_eq!(report["catalog"]["entities"], 2);
    let paths = report["catalog"]["files"].to_string();
    assert!(paths.contains("caf\u{FFFD}/catalog-info.yaml"), "{paths}");
    assert!(
        paths.contains("evil\u{FFFD}\u{FFFD}[31m/catalog-info.yaml"),
        "{paths}"
    );

    for format in ["table", "toml"] {
        let (code, stdout, _) = scan_text(&[&org.path()], &["--format", format]);
        assert_eq!(code, 0);
        assert!(
            !stdout.contains('\u{1b}'),
            "{format} output carries an escape character"
        );
    }
    let (_, toml, _) = scan_text(&[&org.path()], &["--format", "toml"]);
    assert!(toml.parse::<toml::Table>().is_ok(), "{toml}");
}

#[test]
fn bare_shallow_and_empty_repositories_are_warnings() {
    let org = Org::new();
    let source = org.repo("source");
    source
        .file("backstage.json", r#"{"version": "1.20.0"}"#)
        .file(
            "packages/backend/package.json",
            r#"{"backstage": {"role": "backend"}}"#,
        )
        .commit("2022-01-01");
    source.file("a.txt", "1").commit("2023-01-01");
    source.file("a.txt", "2").commit("2024-01-01");
    let home = org.scratch().join("home");
    let shallow_source = format!("file://{}", source.path.display());
    git_in(
        &org.path(),
        &home,
        &["clone", "-q", "--depth", "1", &shallow_source, "shallow"],
        None,
    );
    git_in(
        &org.path(),
        &home,
        &["init", "-q", "--bare", "bare.git"],
        None,
    );
    let empty = org.repo("empty");
    empty.file("catalog-info.yaml", "kind: Component\nspec: {owner: a}\n");
    fs::remove_dir_all(&source.path).unwrap_or_else(|e| panic!("{e}"));

    let report = scan_json(&[&org.path()], &[]);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("bare.git: a bare repository (no work tree): its files were not scanned"),
        "{warnings}"
    );
    assert!(
        warnings.contains("empty: a git repository without commits"),
        "{warnings}"
    );
    assert!(
        warnings.contains("shallow: a shallow clone (1 commit of history)"),
        "{warnings}"
    );
    assert_eq!(report["skipped"]["bare_repositories"], 1);
    let why = report["not_measured"]["current.months_invested"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(why, "shallow: at least 0 months (its history is cut short)");
    let histories: Vec<String> = report["scanned"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            format!(
                "{}={}",
                r["name"].as_str().unwrap_or_default(),
                r["history"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(histories, ["empty=no_commits", "shallow=shallow"]);
}

#[test]
fn a_bare_repository_given_as_path_is_a_warning_not_an_error() {
    let org = Org::new();
    git_in(
        &org.path(),
        &org.scratch().join("home"),
        &["init", "-q", "--bare", "only.git"],
        None,
    );
    let (code, stdout, _) = scan_text(&[&org.path().join("only.git")], &[]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("only.git: a bare repository (no work tree)"),
        "{stdout}"
    );
}

#[test]
fn alias_bombs_and_deep_nesting_end_quickly() {
    let org = Org::new();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..12 {
        let previous = (b'a' + level - 1) as char;
        let name = (b'a' + level) as char;
        bomb.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
    }
    let deep = format!("kind: {}x{}\n", "[".repeat(20_000), "]".repeat(20_000));
    org.repo("bombs")
        .file("a/catalog-info.yaml", &bomb)
        .file("b/catalog-info.yaml", &deep)
        .file(
            "c/package.json",
            &format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        )
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("bombs/a/catalog-info.yaml: not valid YAML"),
        "{warnings}"
    );
    assert!(
        warnings.contains("bombs/b/catalog-info.yaml: not valid YAML"),
        "{warnings}"
    );
    assert!(
        warnings.contains("bombs/c/package.json: not valid JSON"),
        "{warnings}"
    );
}

#[test]
fn gitignored_and_vendored_files_are_not_read() {
    let org = Org::new();
    org.repo("app")
        .file(".gitignore", "generated/\n")
        .file("generated/catalog-info.yaml", "kind: Component\n")
        .file(
            "vendor/lib/.github/workflows/ci.yml",
            "on: push\njobs: {deploy-prod: {steps: []}}\n",
        )
        .file("catalog-info.yaml", "kind: Component\nspec: {owner: a}\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["catalog"]["entities"], 1);
    assert_eq!(report["deploys"]["jobs"], serde_json::json!([]));
}
