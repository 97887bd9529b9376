//! `idpfit assess` driven through a real pseudo-terminal, as a person at a keyboard would:
//! a full run to a recommendation, an invalid number then a valid one, an interrupt and a
//! resume, an existing file that must not be replaced, and a run without a terminal.
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

/// The Port example's answers as keystrokes, screen by screen: each screen's header, then
/// what to type. Digits answer the questions of a shared screen in turn; `j` moves down a list.
const PORT_PATH: &[(&str, &str)] = &[
    ("Organisation · 1 of", "Northwind Retail\n"),
    ("Organisation · 2 of", "140\n"),
    ("Capacity · 3 of", "1\n"),
    ("Capacity · 4 of", "222"),
    ("Integrations · 5 of", "\n"),
    ("Integrations · 6 of", "0\n"),
    ("Integrations · 7 of", "2223"),
    ("Hosting · 8 of", "jj\n"),
    ("Timeline · 9 of", "3\n"),
    ("Timeline · 10 of", "\n"),
    (
        "Friction · 11 of",
        "New services wait days for a repository\n",
    ),
    ("Friction · 12 of", "Days from request to first deploy\n"),
    ("Friction · 13 of", "\n"),
    (
        "Success · 14 of",
        "Four in five new services start from a template\n",
    ),
    ("Success · 15 of", "Head of Platform\n"),
    ("Exit · 16 of", "12"),
    ("Platform readiness · 17 of", "1121"),
    ("Current portal · 18 of", "\n"),
    ("Cost · 19 of", "\n"),
    ("Cost · 20 of", "160000\n"),
    ("Cost · 21 of", "55000\n"),
    ("Cost · 22 of", "USD\n"),
    ("Cost · 23 of", "0.5\n"),
];

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

fn answer(session: &mut OsSession, screens: &[(&str, &str)]) -> TestResult {
    for (header, keys) in screens {
        expect(session, header)?;
        session.send(keys)?;
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
fn a_full_run_ends_with_the_same_result_as_score() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    answer(&mut session, PORT_PATH)?;
    expect(&mut session, "· 0.5")?;
    let view = expect(&mut session, "Your answers are saved in answers.toml.")?;
    expect(
        &mut session,
        "Write the decision report: idpfit report answers.toml",
    )?;
    assert_eq!(finish(&mut session)?, 0);
    assert!(view.contains("Recommendation: Port"), "{view}");

    // `idpfit score` on the saved file, on a terminal of the same size, prints the same view.
    let mut score = spawn(dir.path(), &["score", "answers.toml"])?;
    let scored = score.expect(Eof)?;
    let mut bytes = scored.before().to_vec();
    scored.matches().for_each(|m| bytes.extend_from_slice(m));
    let scored = plain(&bytes);
    assert_eq!(view.trim(), scored.trim());

    let saved = read(&dir.path().join("answers.toml"))?;
    assert!(saved.contains("ownership = \"named_part_time\""), "{saved}");
    assert!(
        saved.contains("port_annual_subscription = 55000"),
        "{saved}"
    );
    assert!(saved.contains("currency = \"USD\""), "{saved}");
    Ok(())
}

#[test]
fn an_invalid_number_is_refused_with_the_reason_and_asked_again() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut session = spawn(dir.path(), &["assess", "--output", "answers.toml"])?;
    answer(
        &mut session,
        &[
            ("Organisation · 1 of", "\n"),
            ("Organisation · 2 of", "\n"),
            ("Capacity · 3 of", "lots\n"),
        ],
    )?;
    expect(
        &mut session,
        "\"lots\" is not a number: expected a number >= 0 and <= 500, or \"unknown\".",
    )?;
    session.send("-2\n")?;
    expect(
        &mut session,
        "-2 is out of range: expected a number >= 0 and <= 500",
    )?;
    session.send("2.5\n")?;
    expect(&mut session, "· 2.5")?;
    expect(&mut session, "Capacity · 4 of")?;
    session.send("\u{1b}")?;
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
    answer(&mut session, &PORT_PATH[..4])?;
    expect(&mut session, "Integrations · 5 of")?;
    expect(&mut session, "? Why we ask")?;
    // Ctrl-C on a list prompt.
    session.send("\u{3}")?;
    expect(
        &mut session,
        "Stopped. Your answers so far are saved in answers.toml.",
    )?;
    expect(
        &mut session,
        "Resume with: idpfit assess --resume answers.toml",
    )?;
    assert_eq!(finish(&mut session)?, 130);

    let path = dir.path().join("answers.toml");
    let partial = read(&path)?;
    assert!(partial.contains("frontend_skills = \"some\""), "{partial}");
    idpfit()
        .args(["validate", "--partial"])
        .arg(&path)
        .run()
        .assert_success();

    let mut session = spawn(dir.path(), &["assess", "--resume", "answers.toml"])?;
    let before = expect(&mut session, "Integrations · 5 of 26")?;
    assert!(!before.contains("Organisation"), "{before}");
    session.send("\n")?;
    answer(&mut session, &PORT_PATH[5..])?;
    let view = expect(&mut session, "Your answers are saved in answers.toml.")?;
    assert!(view.contains("Recommendation: Port"), "{view}");
    assert_eq!(finish(&mut session)?, 0);
    let json = idpfit()
        .args(["score", "--format", "json"])
        .arg(&path)
        .run()
        .stdout;
    assert!(json.contains("\"recommendation\": \"port\""), "{json}");
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
