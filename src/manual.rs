//! Text generated from the command-line definitions: shell completion scripts (clap_complete)
//! and roff man pages (clap_mangen). Nothing here is written by hand, so completions and
//! manual pages cannot disagree with `--help`.
//!
//! This module returns text; the CLI decides where it goes.

use anyhow::{Context, Result};
use clap::{Command, CommandFactory};
use clap_complete::Shell;

use crate::cli::Cli;

/// The name the binary is installed under.
const BIN: &str = "idpfit";

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Result<String> {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, BIN, &mut buffer);
    String::from_utf8(buffer).context("the completion script is not UTF-8")
}

/// The main man page, `idpfit(1)`, listing every subcommand.
pub fn man_page() -> Result<String> {
    render(Cli::command())
}

/// Every man page: `idpfit.1`, then `idpfit-<subcommand>.1` for each subcommand with its own
/// options, in the order `--help` lists them. Each entry is (file name, roff text).
pub fn man_pages() -> Result<Vec<(String, String)>> {
    let mut command = Cli::command();
    command.build();
    let mut pages = vec![(format!("{BIN}.1"), render(command.clone())?)];
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("{BIN}-{}", sub.get_name());
        let man = clap_mangen::Man::new(sub.clone())
            .title(name.clone())
            .source(source());
        pages.push((format!("{name}.1"), render_man(man)?));
    }
    Ok(pages)
}

fn render(command: Command) -> Result<String> {
    render_man(clap_mangen::Man::new(command).source(source()))
}

/// The footer's "source" field: the program and its version, on every page alike.
fn source() -> String {
    format!("{BIN} {}", env!("CARGO_PKG_VERSION"))
}

fn render_man(man: clap_mangen::Man) -> Result<String> {
    let mut buffer = Vec::new();
    man.render(&mut buffer)
        .context("cannot render the man page")?;
    String::from_utf8(buffer).context("the man page is not UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_naming_the_subcommands() {
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::PowerShell] {
            let script = completions(shell).unwrap_or_default();
            assert!(script.contains("aggregate"), "{shell}");
            assert!(script.contains("min-confidence"), "{shell}");
        }
    }

    #[test]
    fn there_is_a_page_per_subcommand() {
        let pages = man_pages().unwrap_or_default();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"idpfit.1"), "{names:?}");
        assert!(names.contains(&"idpfit-score.1"), "{names:?}");
        assert!(!names.contains(&"idpfit-help.1"), "{names:?}");
        let score = pages
            .iter()
            .find(|(n, _)| n == "idpfit-score.1")
            .map(|(_, p)| p.as_str())
            .unwrap_or_default();
        assert!(score.contains(".TH idpfit-score 1"), "{score}");
        assert!(score.contains(&source()), "{score}");
        assert!(score.contains("fail\\-on\\-blockers"), "{score}");
    }
}
