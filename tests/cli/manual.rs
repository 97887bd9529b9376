//! `idpfit completions` and `idpfit man`: generated from the command-line definition.

use crate::support::{Execute, idpfit};

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker, lists_values) in [
        ("bash", "_idpfit()", true),
        ("zsh", "#compdef idpfit", true),
        ("fish", "complete -c idpfit", true),
        // PowerShell's script completes subcommands and flags, not their values.
        ("powershell", "Register-ArgumentCompleter", false),
    ] {
        let output = idpfit().args(["completions", shell]).run();
        assert_eq!(output.code, Some(0), "{shell}: {}", output.stderr);
        let script = &output.stdout;
        assert!(script.contains(marker), "{shell}");
        assert!(script.contains("min-confidence"), "{shell}");
        if lists_values {
            assert!(
                script.contains("regulated-enterprise"),
                "{shell}: preset names complete"
            );
        }
    }
    let unknown = idpfit().args(["completions", "tcsh"]).run();
    assert_eq!(unknown.code, Some(2));
}

#[test]
fn the_man_page_documents_the_commands() {
    let output = idpfit().arg("man").run();
    output.assert_success();
    let page = &output.stdout;
    assert!(page.contains(".TH idpfit 1"), "{page}");
    assert!(page.contains("aggregate"), "{page}");
    assert!(page.contains("Exit codes: 0 success"), "{page}");
}

#[test]
fn man_dir_writes_one_page_per_command_and_keeps_existing_ones() {
    let dir = tempfile::tempdir().unwrap();
    let output = idpfit().arg("man").arg("--dir").arg(dir.path()).run();
    output.assert_success();
    for page in [
        "idpfit.1",
        "idpfit-score.1",
        "idpfit-aggregate.1",
        "idpfit-diff.1",
    ] {
        assert!(dir.path().join(page).exists(), "{page}");
    }
    let score = std::fs::read_to_string(dir.path().join("idpfit-score.1")).unwrap();
    assert!(score.contains("min\\-confidence"), "{score}");
    let again = idpfit().arg("man").arg("--dir").arg(dir.path()).run();
    assert_eq!(again.code, Some(2));
    assert!(again.stderr.contains("already exists"), "{}", again.stderr);
    let forced = idpfit()
        .args(["man", "--force", "--dir"])
        .arg(dir.path())
        .run();
    assert_eq!(forced.code, Some(0));
}
