//! The HTML report in a real browser: headless Chromium renders the report of every example
//! to a PNG screenshot and to a PDF (the print path), and each must come out without error
//! and with content.
//!
//! Chromium is found as `$IDPFIT_CHROMIUM`, else `chromium`, `chromium-browser` or
//! `google-chrome` on the PATH. Without one the test fails if `IDPFIT_REQUIRE_BROWSER` is set
//! (as `.ci/run` does), and otherwise passes after saying on the terminal that it skipped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{EXAMPLES, Execute, idpfit};

/// How long one browser run may take before it counts as hung.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(120);

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("IDPFIT_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Runs headless Chromium on `page` with `output_flag` (e.g. `--screenshot=...`), in a fresh
/// profile directory, and fails the test on an error exit or a hang.
fn run_browser(browser: &Path, page: &Path, output_flag: &str, profile: &Path) {
    let url = format!("file://{}", page.display());
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--window-size=1280,2400",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(output_flag)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the browser");
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > BROWSER_TIMEOUT => {
                let _ = child.kill();
                panic!("{} did not finish {url} in time", browser.display());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("waiting for the browser: {e}"),
        }
    };
    let stderr = child
        .wait_with_output()
        .map(|o| String::from_utf8_lossy(&o.stderr).into_owned())
        .unwrap_or_default();
    assert!(
        status.success(),
        "{output_flag} of {url}: {status}\n{stderr}"
    );
}

/// The browser to use, or `None` after announcing the skip. The announcement goes straight to
/// the process's standard error: the test harness captures `eprintln!` of a passing test, and a
/// skip nobody sees looks like a pass.
fn browser_or_skip() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("IDPFIT_REQUIRE_BROWSER").is_none(),
            "IDPFIT_REQUIRE_BROWSER is set but no Chromium was found: install the `chromium` \
             package or point IDPFIT_CHROMIUM at a browser"
        );
        let _ = writeln!(
            std::io::stderr().lock(),
            "browser test skipped: no Chromium found (install `chromium`, or set \
             IDPFIT_CHROMIUM); set IDPFIT_REQUIRE_BROWSER=1 to make this a failure"
        );
    }
    found
}

#[test]
fn every_example_report_renders_in_a_headless_browser() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let page = dir.path().join(format!("{example}.html"));
        idpfit()
            .args(["report", "--format", "html", "--output"])
            .arg(&page)
            .arg(format!("examples/{example}.toml"))
            .run()
            .assert_success();

        let png = dir.path().join(format!("{example}.png"));
        let profile = dir.path().join(format!("profile-{example}-png"));
        run_browser(
            &browser,
            &page,
            &format!("--screenshot={}", png.display()),
            &profile,
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{example}: not a PNG"
        );
        let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        assert_eq!(width, 1280, "{example}: screenshot width");
        // A blank page of this size compresses to a few kilobytes; the report's text and
        // charts take far more.
        assert!(
            bytes.len() > 50_000,
            "{example}: {} bytes, the page looks empty",
            bytes.len()
        );

        let pdf = dir.path().join(format!("{example}.pdf"));
        let profile = dir.path().join(format!("profile-{example}-pdf"));
        run_browser(
            &browser,
            &page,
            &format!("--print-to-pdf={}", pdf.display()),
            &profile,
        );
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{example}: not a PDF");
        assert!(
            bytes.len() > 20_000,
            "{example}: PDF of {} bytes",
            bytes.len()
        );
    }
}
