//! `idpfit validate FILE...`: check answers files without scoring them. It scores nothing.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::data::{self, Data};
use super::{Exit, Io};
use crate::load::LoadOptions;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Answers files to check (`-` reads standard input)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Accept files with missing answers
    #[arg(long)]
    pub partial: bool,
}

pub fn run(data: &Data, args: &ValidateArgs, io: &mut Io<'_>) -> Result<Exit> {
    let options = LoadOptions {
        partial: args.partial,
    };
    let mut invalid = false;
    for path in &args.files {
        match data::answers(data, path, options, io)? {
            Some(_) => writeln!(io.out, "{}: valid", data::display_name(path))?,
            None => invalid = true,
        }
    }
    Ok(if invalid {
        Exit::Invalid
    } else {
        Exit::Success
    })
}
