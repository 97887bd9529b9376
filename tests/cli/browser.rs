//! The HTML report in a real browser: headless Chromium renders the report of every example
//! to a PNG screenshot and to a PDF (the print path), and each must come out without error
//! and with content; in a 390-px frame (a phone) nothing may be wider than the screen and no
//! text smaller than 12 px; printed, at most six pages with the ask on the first and no heading
//! stranded at a page foot (pages read with poppler-utils' `pdfinfo` and `pdftotext`).
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
fn run_browser(browser: &Path, page: &Path, output_flag: &str, profile: &Path) -> String {
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
            "--no-pdf-header-footer",
            "--allow-file-access-from-files",
            "--virtual-time-budget=5000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(output_flag)
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start the browser");
    // Read the output while waiting, so a large page cannot fill the pipe and stall the browser.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut text);
        text
    });
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
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        status.success(),
        "{output_flag} of {url}: {status}\n{stderr}"
    );
    String::from_utf8_lossy(&reader.join().unwrap()).into_owned()
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
            .args([
                "report",
                "--date",
                "2026-12-01",
                "--format",
                "html",
                "--output",
            ])
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

/// A page that loads `report.html` into a 390-px-wide frame (a phone) and writes, into its
/// `data-measure` attribute, the report's scroll width, its client width, and the smallest
/// font size of any text on it.
const PHONE_PROBE: &str = r#"<!DOCTYPE html><html><body style="margin:0">
<iframe id="f" style="width:390px;height:2400px;border:0"></iframe>
<script>
var f = document.getElementById("f");
f.onload = function () {
  var d = f.contentDocument, w = f.contentWindow, small = 99;
  d.querySelectorAll("body *").forEach(function (e) {
    var own = [].some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
    if (own && e.getBoundingClientRect().width > 0) {
      small = Math.min(small, parseFloat(w.getComputedStyle(e).fontSize));
    }
  });
  document.body.setAttribute("data-measure",
    [d.documentElement.scrollWidth, d.documentElement.clientWidth, small].join(" "));
};
f.src = "report.html";
</script></body></html>"#;

/// A poppler tool (`pdfinfo`, `pdftotext`), or `None` after announcing the skip; missing is a
/// failure where the browser is required.
fn poppler(tool: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|dir| dir.join(tool))
        .find(|candidate| candidate.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("IDPFIT_REQUIRE_BROWSER").is_none(),
            "IDPFIT_REQUIRE_BROWSER is set but {tool} is missing: install poppler-utils"
        );
        let _ = writeln!(
            std::io::stderr().lock(),
            "page-count check skipped: no {tool} (install poppler-utils)"
        );
    }
    found
}

fn tool_output(tool: &Path, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap();
    assert!(output.status.success(), "{}: {:?}", tool.display(), output);
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The record on a phone: nothing wider than the screen, and no text smaller than 12 px. In
/// print: at most six pages, the summary and its ask on the first, and no section heading
/// left alone at the foot of a page.
#[test]
fn every_example_record_fits_a_phone_and_prints_on_six_pages_at_most() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let folder = dir.path().join(example);
        std::fs::create_dir(&folder).unwrap();
        let page = folder.join("report.html");
        idpfit()
            .args([
                "report",
                "--date",
                "2026-12-01",
                "--format",
                "html",
                "--output",
            ])
            .arg(&page)
            .arg(format!("examples/{example}.toml"))
            .run()
            .assert_success();
        let probe = folder.join("probe.html");
        std::fs::write(&probe, PHONE_PROBE).unwrap();
        let dom = run_browser(
            &browser,
            &probe,
            "--dump-dom",
            &folder.join("profile-phone"),
        );
        let measure = dom
            .split("data-measure=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("{example}: the phone probe measured nothing"));
        let numbers: Vec<f64> = measure.split(' ').map(|n| n.parse().unwrap()).collect();
        let [scroll, client, smallest] = numbers[..] else {
            panic!("{example}: {measure}");
        };
        assert!(
            scroll <= client,
            "{example}: {scroll} px wide on a {client}-px phone screen"
        );
        assert!(
            smallest >= 12.0,
            "{example}: text of {smallest} px on a phone"
        );

        let pdf = folder.join("report.pdf");
        run_browser(
            &browser,
            &page,
            &format!("--print-to-pdf={}", pdf.display()),
            &folder.join("profile-pdf"),
        );
        let (Some(pdfinfo), Some(pdftotext)) = (poppler("pdfinfo"), poppler("pdftotext")) else {
            continue;
        };
        let pdf = pdf.to_str().unwrap();
        let info = tool_output(&pdfinfo, &[pdf]);
        let pages: usize = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .unwrap();
        assert!(pages <= 6, "{example}: {pages} printed pages");
        let first = tool_output(&pdftotext, &["-f", "1", "-l", "1", pdf, "-"]);
        assert!(
            first.contains("The ask"),
            "{example}: the ask is not on page 1:\n{first}"
        );
        let headings = [
            "How the options compare",
            "Five questions before committing",
            "Time to value",
            "Cost over two years",
            "Consequences",
            "Checkpoints and when to revisit",
            "What would change the decision",
            "Appendix: the answers",
        ];
        for n in 1..=pages {
            let n = n.to_string();
            let text = tool_output(&pdftotext, &["-f", &n, "-l", &n, pdf, "-"]);
            let last = text
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("");
            assert!(
                !headings.contains(&last.trim()),
                "{example}: heading {last:?} stranded at the foot of page {n}"
            );
        }
    }
}
