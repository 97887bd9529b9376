//! Every command that prints JSON promises keys sorted at every level: one test per command walks
//! its raw output in order and fails at the first object whose keys are out of order.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::support::{ROOT, fixture, run};

/// Deserializes any JSON value, failing if an object's keys are not in ascending order.
struct Sorted;

impl<'de> DeserializeSeed<'de> for Sorted {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Sorted {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut previous: Option<String> = None;
        while let Some(key) = map.next_key::<String>()? {
            if let Some(previous) = &previous {
                assert!(previous < &key, "key `{key}` comes after `{previous}`");
            }
            map.next_value_seed(Sorted)?;
            previous = Some(key);
        }
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Sorted)?.is_some() {}
        Ok(())
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Checks every JSON document in `text` (one, or one per line for JSON Lines) and returns how
/// many objects it walked, so a test can tell that it looked at something.
fn assert_sorted(text: &str, what: &str) -> usize {
    let mut documents = serde_json::Deserializer::from_str(text).into_iter::<IgnoredAny>();
    let mut count = 0;
    while documents.next().transpose().expect(what).is_some() {
        count += 1;
    }
    assert!(count > 0, "{what}: no JSON in {text:?}");
    let mut deserializer = serde_json::Deserializer::from_str(text);
    for _ in 0..count {
        Sorted.deserialize(&mut deserializer).expect(what);
    }
    count
}

#[test]
fn score_json_keys_are_sorted_at_every_level() {
    let unknowns = fixture("unknowns.toml");
    for (file, what_if) in [
        ("examples/not-ready.toml", false),
        ("examples/hybrid.toml", false),
        (unknowns.as_str(), false),
        ("examples/hybrid.toml", true),
        (unknowns.as_str(), true),
    ] {
        let mut args = vec!["score", "--format", "json", file];
        if !what_if {
            args.push("--no-what-if");
        }
        assert_sorted(&run(&args).stdout, file);
    }
    // Several files: JSON Lines, each line sorted.
    let lines = run(&[
        "score",
        "--format",
        "json",
        "examples/port.toml",
        "examples/backstage.toml",
    ]);
    assert_eq!(assert_sorted(&lines.stdout, "JSON Lines"), 2);
}

#[test]
fn score_json_with_evidence_keys_are_sorted_at_every_level() {
    let org = crate::scan::fixture::acme();
    let scan = org.scratch().join("scan.json");
    let scan = scan.display().to_string();
    run(&["scan", &org.path().display().to_string(), "--output", &scan]).assert_success();
    let output = run(&[
        "score",
        "--format",
        "json",
        "--evidence",
        &scan,
        "examples/port.toml",
    ]);
    output.assert_success();
    assert!(output.stdout.contains("\"evidence\""), "{}", output.stdout);
    assert_sorted(&output.stdout, "score --evidence");
}

#[test]
fn aggregate_json_keys_are_sorted_at_every_level() {
    let files: Vec<String> = ["platform-lead", "staff-engineer", "vp-engineering"]
        .iter()
        .map(|name| fixture(&format!("aggregate/{name}.toml")))
        .collect();
    let mut args = vec!["aggregate", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    output.assert_success();
    assert_sorted(&output.stdout, "aggregate");
}

#[test]
fn diff_json_keys_are_sorted_at_every_level() {
    let (old, new) = (fixture("diff/q1.toml"), fixture("diff/q2.toml"));
    let output = run(&["diff", "--format", "json", &old, &new]);
    output.assert_success();
    assert_sorted(&output.stdout, "diff");
}

#[test]
fn questions_json_keys_are_sorted_at_every_level() {
    let output = run(&["questions", "--format", "json"]);
    output.assert_success();
    assert_sorted(&output.stdout, "questions");
}

#[test]
fn scan_json_keys_are_sorted_at_every_level() {
    let org = crate::scan::fixture::acme();
    let output = run(&[
        "scan",
        "--format",
        "json",
        &org.path().display().to_string(),
    ]);
    output.assert_success();
    assert_sorted(&output.stdout, "scan");
}

#[test]
fn schema_json_keys_are_sorted_at_every_level() {
    let output = run(&["schema"]);
    output.assert_success();
    assert_sorted(&output.stdout, "schema");
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

#[test]
fn json_is_written_only_through_render_json() {
    // A new JSON output that called serde_json's writers itself could keep its fields' order.
    let mut files = Vec::new();
    for dir in ["src", "crates/idpfit-model/src"] {
        rust_files(&Path::new(ROOT).join(dir), &mut files);
    }
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        if file.ends_with("src/render/json.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for writer in ["to_string", "to_string_pretty", "to_vec", "to_writer"] {
            assert!(
                !text.contains(&format!("serde_json::{writer}")),
                "{} calls serde_json::{writer}; use crate::render::json instead",
                file.display()
            );
        }
    }
}
