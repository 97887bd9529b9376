//! `idpfit assess` driven through a real pseudo-terminal, as a person at a keyboard would:
//! a full run to a recommendation and its decision record, a stop at every prompt of the
//! longest run with every confirmed answer found in the file, an invalid number then a valid
//! one, a resume, an existing file that must not be replaced, and a run without a terminal.
//!
//! Every wait is bounded (`TIMEOUT`); each step waits for the screen it answers before typing.

#![cfg(unix)]

use std::error::Error;
use std::path::Path;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

use crate::support::{Execute, idpfit, process};

type TestResult = Result<(), Box<dyn Error>>;

/// Generous for a slow machine, short enough that a stuck prompt fails the test quickly.
const TIMEOUT: Duration = Duration::from_secs(30);

/// One prompt of a run: the header of the screen it opens (`None` for the second and later
/// questions of a shared screen), the keys that answer it, and a line its answer leaves in
/// the answers file.
struct Prompt {
    screen: Option<&'static str>,
    keys: &'static str,
    saved: &'static str,
}

const fn opens(screen: &'static str, keys: &'static str, saved: &'static str) -> Prompt {
    Prompt {
        screen: Some(screen),
        keys,
        saved,
    }
}

const fn then(keys: &'static str, saved: &'static str) -> Prompt {
    Prompt {
        screen: None,
        keys,
        saved,
    }
}

/// The longest run: the Port example's answers, with a Backstage portal already in place and
/// the cost comparison, as keystrokes. Digits answer lists at once, `j` moves down a list, and
/// amounts are typed as people write them.
const LONGEST: &[Prompt] = &[
    opens(
        "Organisation · 1 of",
        "Northwind Retail\n",
        "name = \"Northwind Retail\"",
    ),
    opens("Organisation · 2 of", "140\n", "engineers = 140"),
    opens("Capacity · 3 of", "1\n", "dedicated_fte = 1"),
    opens("Capacity · 4 of", "2", "ownership = \"named_part_time\""),
    then("2", "commitment = \"one_year\""),
    then("2", "frontend_skills = \"some\""),
    opens("Integrations · 5 of", "\n", "stack = \"standard\""),
    opens("Integrations · 6 of", "0\n", "uncovered_integrations = 0"),
    opens("Integrations · 7 of", "2", "port_gap_documented = false"),
    then("2", "custom_access_control = false"),
    then("2", "custom_ui = false"),
    then("3", "integration_owner = \"not_needed\""),
    opens("Hosting · 8 of", "jj\n", "requirement = \"no_constraint\""),
    opens("Timeline · 9 of", "3\n", "first_value_months = 3"),
    opens("Timeline · 10 of", "\n", "horizon = \"quarterly\""),
    opens(
        "Friction · 11 of",
        "New services wait days for a repository\n",
        "top_friction = \"New services wait days for a repository\"",
    ),
    opens(
        "Friction · 12 of",
        "Days from request to first deploy\n",
        "metric = \"Days from request to first deploy\"",
    ),
    opens("Friction · 13 of", "\n", "baseline_known = true"),
    opens(
        "Success · 14 of",
        "Four in five new services start from a template\n",
        "definition = \"Four in five new services start from a template\"",
    ),
    opens(
        "Success · 15 of",
        "Head of Platform\n",
        "accountable_owner = \"Head of Platform\"",
    ),
    opens("Exit · 16 of", "1", "migration_path_understood = true"),
    then("2", "primary_concern = \"operational_overhead\""),
    opens(
        "Platform readiness · 17 of",
        "1",
        "golden_paths = \"reliable\"",
    ),
    then("1", "deploy_automation = \"automated\""),
    then("2", "catalog_data = \"manual_maintained\""),
    then("1", "top_interactions_listed = true"),
    opens("Current portal · 18 of", "2", "portal = \"backstage\""),
    opens("Current portal · 19 of", "14\n", "months_invested = 14"),
    opens("Current portal · 20 of", "6\n", "custom_plugins = 6"),
    opens("Current portal · 21 of", "2", "pain = \"capacity\""),
    // The cost pair is all or nothing: until both are given, the file holds them in comments.
    // (A marker below matches the commented line and the answer it later becomes.)
    opens("Cost · 22 of", "1", "[cost]"),
    opens("Cost · 23 of", "185k\n", "engineer_annual_cost = 185000"),
    opens(
        "Cost · 24 of",
        "$55,000\n",
        "port_annual_subscription = 55000",
    ),
    opens("Cost · 25 of", "USD\n", "currency = \"USD\""),
    opens("Cost · 26 of", "0.5\n", "port_fte = 0.5"),
];

/// The Port example as the shortest run: no portal yet, and no cost comparison.
fn shortest() -> Vec<&'static Prompt> {
    let mut prompts: Vec<&Prompt> = LONGEST[..26].iter().collect();
    prompts.push(&NO_PORTAL);
    prompts.push(&NO_COST);
    prompts
}

const NO_PORTAL: Prompt = opens("Current portal · 18 of", "1", "portal = \"none\"");
const NO_COST: Prompt = opens("Cost · 19 of", "2", "[cost]\n# Declined");

fn spawn(dir: &Path, args: &[&str]) -> Result<OsSession, Box<dyn Error>> {
    let mut command = process();
    command
        .args(args)
        .current_dir(dir)
        .env("TERM", "xterm-256color");
    let mut session = Session::spawn(command)?;
    session.set_expect_timeout(Some(TIMEOUT));
    Ok(session)
}

/// Waits for `text`; returns what came before it, without escape sequences and carriage
/// returns.
fn expect(session: &mut OsSession, text: &str) -> Result<String, Box<dyn Error>> {
    let found = session
        .expect(text)
        .map_err(|e| format!("waiting for {text:?}: {e}"))?;
    Ok(plain(found.before()))
}

/// Answers `prompts` in turn, waiting for each screen before typing.
fn answer<'a>(
    session: &mut OsSession,
    prompts: impl IntoIterator<Item = &'a Prompt>,
) -> TestResult {
    for prompt in prompts {
        if let Some(screen) = prompt.screen {
            expect(session, screen)?;
        }
        session.send(prompt.keys)?;
    }
    Ok(())
}

/// Waits for the end of output and returns the exit code.
fn finish(session: &mut OsSession) -> Result<i32, Box<dyn Error>> {
    session.expect(Eof)?;
    match session.get_process().wait()? {
        WaitStatus::Exited(_, code) => Ok(code),
        other => Err(format!("ended by {other:?}").into()),
    }
}

/// Terminal output as text: carriage returns and CSI escape sequences removed.
fn plain(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes).replace('\r', "");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn read(path: &Path) -> Result<String, Box<dyn Error>> {
    Ok(std::fs::read_to_string(path)?)
}

#[test]
fn a_full_run_ends_with_the_score_view_and_the_decision_record() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    answer(&mut session, shortest())?;
    expect(&mut session, "Compare two-year costs?")?;
    let view = expect(&mut session, "Your answers are saved in answers.toml.")?;
    let record = expect(&mut session, "(open it in a browser)")?;
    assert!(
        record.contains("Decision record for leadership: answers.html"),
        "{record}"
    );
    assert_eq!(finish(&mut session)?, 0);
    assert!(view.contains("Recommendation: Port"), "{view}");

    // `idpfit score` on the saved file, on a terminal of the same size, prints the same view.
    let mut score = spawn(dir.path(), &["score", "answers.toml"])?;
    let scored = score.expect(Eof)?;
    let mut bytes = scored.before().to_vec();
    scored.matches().for_each(|m| bytes.extend_from_slice(m));
    let scored = plain(&bytes);
    let view = view
        .find("answers.toml: ")
        .map_or(view.as_str(), |start| &view[start..]);
    assert_eq!(view.trim(), scored.trim());

    let saved = read(&dir.path().join("answers.toml"))?;
    assert!(saved.contains("ownership = \"named_part_time\""), "{saved}");
    assert!(saved.ends_with("[cost]\n# Declined in `idpfit assess`: left out on purpose. Answer its questions here to include it.\n"), "{saved}");
    let html = read(&dir.path().join("answers.html"))?;
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..100.min(html.len())]
    );
    Ok(())
}

#[test]
fn a_stop_at_any_prompt_keeps_every_answer_confirmed_before_it() -> TestResult {
    let indices: Vec<usize> = (0..LONGEST.len()).collect();
    // Two at a time: each run is short, and most of it is waiting for the terminal.
    let failures: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = indices
            .chunks(indices.len().div_ceil(2))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .filter_map(|&i| stop_at(i).err().map(|e| format!("prompt {i}: {e}")))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|_| vec!["a worker panicked".into()])
            })
            .collect()
    });
    assert!(failures.is_empty(), "{failures:#?}");
    Ok(())
}

/// Answers the longest run up to prompt `index`, stops there (Ctrl-C on even prompts, Esc and
/// `y` on odd ones), and checks that the file holds every answer given before it.
fn stop_at(index: usize) -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    answer(&mut session, &LONGEST[..index])?;
    let at = &LONGEST[index];
    expect(&mut session, at.screen.unwrap_or("Esc: stop"))?;
    if index % 2 == 0 {
        session.send("\u{3}")?;
    } else {
        session.send("\u{1b}")?;
        expect(&mut session, "Stop here?")?;
        session.send("y")?;
    }
    expect(
        &mut session,
        if index == 0 {
            "nothing was saved"
        } else {
            "Resume with: idpfit assess --resume answers.toml"
        },
    )?;
    assert_eq!(finish(&mut session)?, 130);
    let path = dir.path().join("answers.toml");
    if index == 0 {
        assert!(!path.exists(), "a file was written before the first answer");
        return Ok(());
    }
    let saved = read(&path)?;
    if let Some(lost) = LONGEST[..index].iter().find(|p| !saved.contains(p.saved)) {
        return Err(format!("{:?} is missing:\n{saved}", lost.saved).into());
    }
    let validated = idpfit().args(["validate", "--partial"]).arg(&path).run();
    if validated.code != Some(0) {
        return Err(format!("the file is not a valid partial file: {}", validated.stderr).into());
    }
    Ok(())
}

#[test]
fn an_invalid_number_is_refused_with_the_reason_and_asked_again() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    expect(&mut session, "Organisation · 1 of")?;
    session.send("\n")?;
    expect(&mut session, "Organisation · 2 of")?;
    session.send("\n")?;
    expect(&mut session, "Capacity · 3 of")?;
    session.send("lots\n")?;
    expect(
        &mut session,
        "\"lots\" is not a number: expected a number >= 0 and <= 500, or",
    )?;
    // The refused text stays to be corrected; Ctrl-U clears it.
    session.send("\u{15}-2\n")?;
    expect(
        &mut session,
        "-2 is out of range: expected a number >= 0 and <= 500",
    )?;
    session.send("\u{15}2,5\n")?;
    expect(&mut session, "· 2.5 (read from \"2,5\")")?;
    expect(&mut session, "Capacity · 4 of")?;
    session.send("\u{1b}")?;
    expect(&mut session, "Stop here? Your answers so far are saved.")?;
    session.send("y")?;
    expect(
        &mut session,
        "Resume with: idpfit assess --resume answers.toml",
    )?;
    assert_eq!(finish(&mut session)?, 130);
    let saved = read(&dir.path().join("answers.toml"))?;
    assert!(saved.contains("dedicated_fte = 2.5"), "{saved}");
    assert!(!saved.contains("[organization]"), "{saved}");
    Ok(())
}

#[test]
fn an_interrupted_run_resumes_where_it_stopped() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    // Stop on the shared integrations screen, after its first two answers.
    answer(&mut session, &LONGEST[..10])?;
    session.send("\u{3}")?;
    expect(
        &mut session,
        "Stopped. Your answers so far are saved in answers.toml.",
    )?;
    assert_eq!(finish(&mut session)?, 130);

    let path = dir.path().join("answers.toml");
    let partial = read(&path)?;
    assert!(
        partial.contains("custom_access_control = false"),
        "{partial}"
    );

    let mut session = spawn(dir.path(), &["assess", "--resume", "answers.toml"])?;
    let before = expect(&mut session, "Integrations · 7 of 26")?;
    assert!(
        before.contains("answers.toml: 6 of 26 answered, 20 to go."),
        "{before}"
    );
    assert!(!before.contains("Organisation"), "{before}");
    answer(&mut session, &LONGEST[10..])?;
    let view = expect(&mut session, "Your answers are saved in answers.toml.")?;
    assert!(view.contains("Recommendation:"), "{view}");
    expect(&mut session, "Decision record for leadership: answers.html")?;
    assert_eq!(finish(&mut session)?, 0);
    let saved = read(&path)?;
    assert!(
        saved.contains("\nengineer_annual_cost = 185000\n"),
        "{saved}"
    );
    assert!(!saved.contains("# [cost]"), "{saved}");

    // A finished file resumes to its result at once, and asks before replacing the record.
    let mut session = spawn(dir.path(), &["assess", "--resume", "answers.toml"])?;
    let before = expect(&mut session, "Replace it with this decision record? (y/N)")?;
    assert!(
        before.contains("answers.toml: all 26 answered."),
        "{before}"
    );
    assert!(!before.contains(" of 26\n"), "{before}");
    session.send("n")?;
    expect(&mut session, "was left as it is")?;
    assert_eq!(finish(&mut session)?, 0);
    Ok(())
}

#[test]
fn an_existing_file_is_kept_unless_the_user_agrees() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("answers.toml");
    std::fs::write(&path, "keep me\n")?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    expect(
        &mut session,
        "answers.toml already exists. Replace it with a new assessment?",
    )?;
    session.send("n")?;
    expect(&mut session, "answers.toml was left as it is.")?;
    assert_eq!(finish(&mut session)?, 2);
    assert_eq!(read(&path)?, "keep me\n");

    // With --force there is no question, and the file is replaced only by a first answer.
    let mut session = spawn(
        dir.path(),
        &["assess", "--output", "answers.toml", "--force"],
    )?;
    let before = expect(&mut session, "Organisation · 1 of")?;
    assert!(!before.contains("already exists"), "{before}");
    session.send("\u{1b}")?;
    expect(&mut session, "Stop here? Nothing is answered yet.")?;
    session.send("\u{1b}")?;
    expect(
        &mut session,
        "Stopped before the first answer; nothing was saved.",
    )?;
    assert_eq!(finish(&mut session)?, 130);
    assert_eq!(read(&path)?, "keep me\n");
    Ok(())
}

#[test]
fn without_a_terminal_it_stops_at_once_and_points_to_template_and_score() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Standard input is an empty pipe: no terminal, and nothing to wait for.
    let output = idpfit()
        .arg("assess")
        .current_dir(dir.path())
        .timeout(Duration::from_secs(10))
        .run();
    assert_eq!(output.code, Some(2));
    let err = &output.stderr;
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("idpfit template > idp-answers.toml"), "{err}");
    assert!(err.contains("idpfit score idp-answers.toml"), "{err}");
    assert!(!dir.path().join("idp-answers.toml").exists());
    Ok(())
}

#[test]
fn measured_answers_from_a_scan_are_offered_as_defaults_and_said_so() -> TestResult {
    let org = crate::scan::fixture::acme();
    let dir = tempfile::tempdir()?;
    let scan = dir.path().join("scan.json");
    idpfit()
        .arg("scan")
        .arg(org.path())
        .arg("--output")
        .arg(&scan)
        .run()
        .assert_success();
    let mut session = spawn(
        dir.path(),
        &[
            "assess",
            "--output",
            "answers.toml",
            "--evidence",
            "scan.json",
        ],
    )?;
    let before = expect(&mut session, "Enter keeps one.")?;
    let said = before.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        said.contains("scan.json: 7 answers measured by idpfit scan are offered as their defaults, each with where it was found;"),
        "{said}"
    );
    // Enter on a measured question keeps the measured value; every other prompt is answered as
    // in the longest run.
    let keep = |session: &mut OsSession, measured: &str| -> TestResult {
        expect(session, &format!("Measured by idpfit scan: {measured}"))?;
        session.send("\n")?;
        Ok(())
    };
    answer(&mut session, &LONGEST[..6])?;
    expect(&mut session, "Integrations · 5 of")?;
    keep(&mut session, "Mostly standard, with a few")?;
    expect(&mut session, "Integrations · 6 of")?;
    keep(&mut session, "2 (12 tools")?;
    answer(&mut session, &LONGEST[8..23])?;
    keep(&mut session, "Mostly automated, some manual")?;
    keep(&mut session, "Goes stale within weeks (7")?;
    session.send("1")?;
    expect(&mut session, "Current portal · 18 of")?;
    keep(&mut session, "Backstage (portal/")?;
    expect(&mut session, "Current portal · 19 of")?;
    keep(&mut session, "18 (portal: first commit")?;
    expect(&mut session, "Current portal · 20 of")?;
    keep(&mut session, "2 (2 local packages")?;
    answer(&mut session, &LONGEST[29..30])?;
    expect(&mut session, "Cost · 22 of")?;
    session.send("2")?;
    let view = expect(&mut session, "Your answers are saved in answers.toml.")?;
    expect(&mut session, "(open it in a browser)")?;
    assert_eq!(finish(&mut session)?, 0);
    let view = view.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(view.contains("Evidence from the scan"), "{view}");
    assert!(
        view.contains("Confirmed by the scan: current.custom_plugins = 2;"),
        "{view}"
    );
    assert!(!view.contains("Contradicted by the scan"), "{view}");

    let saved = read(&dir.path().join("answers.toml"))?;
    for line in [
        "stack = \"mostly_standard\"",
        "uncovered_integrations = 2",
        "deploy_automation = \"some_manual\"",
        "catalog_data = \"stale\"",
        "portal = \"backstage\"",
        "months_invested = 18",
        "custom_plugins = 2",
    ] {
        assert!(saved.contains(line), "{line}\n{saved}");
    }
    Ok(())
}
