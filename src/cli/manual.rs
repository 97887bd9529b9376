//! `idpfit completions` and `idpfit man`: text generated from the command-line definitions,
//! shell completion scripts (clap_complete) and roff man pages (clap_mangen). Nothing here is
//! written by hand, so completions and manual pages cannot disagree with `--help`.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Command};
use clap_complete::Shell;

use super::args::{OutputArgs, edit, output_help};
use super::fsio;
use super::{Exit, Io, command, completion_command};

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
#[command(mut_args(output_help("Write the main page to this file instead of standard output")))]
#[command(mut_args(edit("force", |a| a.help("Replace existing files"))))]
pub struct ManArgs {
    /// Write idpfit.1 and one idpfit-<command>.1 per subcommand into this directory
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub dir: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `idpfit completions SHELL`.
pub fn completions(args: &CompletionsArgs, io: &mut Io<'_>) -> Result<Exit> {
    io.out
        .write_all(completion_script(args.shell)?.as_bytes())?;
    Ok(Exit::Success)
}

/// `idpfit man`: the main page to standard output or `--output`, or every page into `--dir`.
pub fn man(args: &ManArgs, io: &mut Io<'_>) -> Result<Exit> {
    let Some(dir) = &args.dir else {
        args.output.emit(&man_page()?, io)?;
        return Ok(Exit::Success);
    };
    for (name, page) in man_pages()? {
        let path = dir.join(&name);
        fsio::write_atomic(&path, &page, args.output.overwrite())?;
        writeln!(io.out, "wrote {}", path.display())?;
    }
    Ok(Exit::Success)
}

/// The name the binary is installed under.
const BIN: &str = "idpfit";

/// The completion script for `shell`.
fn completion_script(shell: Shell) -> Result<String> {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut completion_command(), BIN, &mut buffer);
    String::from_utf8(buffer).context("the completion script is not UTF-8")
}

/// The main man page, `idpfit(1)`, listing every subcommand.
fn man_page() -> Result<String> {
    render(command())
}

/// Every man page: `idpfit.1`, then `idpfit-<subcommand>.1` for each subcommand with its own
/// options, in the order `--help` lists them. Each entry is (file name, roff text).
fn man_pages() -> Result<Vec<(String, String)>> {
    let command = command();
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
            let script = completion_script(shell).unwrap_or_default();
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
