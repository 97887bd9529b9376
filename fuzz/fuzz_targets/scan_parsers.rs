//! Every parser `idpfit scan` runs on files from a repository: backstage.json, package.json,
//! catalog files, GitHub Actions workflows, .gitlab-ci.yml, Jenkinsfiles, Bitbucket Pipelines
//! and the shell-command reader, all on the same input.
//!
//! Beyond "no panic and no hang", it checks what the scan's output relies on: an error points
//! inside the input, and every name a parser keeps is safe to print (no control characters).

#![no_main]

use std::collections::BTreeSet;

use idpfit::scan::parse::pipeline::{self, Job};
use idpfit::scan::parse::{ParseError, catalog, manifest, shell};
use libfuzzer_sys::fuzz_target;

fn check_error(text: &str, error: &ParseError) {
    // YAML ends a line at "\n", "\r\n" or a lone "\r".
    let breaks =
        text.matches('\n').count() + text.matches('\r').count() - text.matches("\r\n").count();
    // An error at the end of the input may point at the line after the last one.
    let lines = breaks as u64 + 1;
    assert!(
        error.line <= lines + 1,
        "error at line {} of {lines}",
        error.line
    );
    let shown = error.to_string();
    assert!(shown.starts_with("not valid "), "{shown}");
}

fn check_name(name: &str) {
    assert!(
        !name.chars().any(char::is_control),
        "control character in {name:?}"
    );
}

fn check_jobs(text: &str, jobs: Result<Vec<Job>, ParseError>) {
    match jobs {
        Ok(jobs) => {
            for job in jobs {
                check_name(&job.name);
                check_name(&job.context);
                if let Some(environment) = &job.environment {
                    check_name(environment);
                }
                for command in &job.commands {
                    assert!(command.chars().all(|c| c.is_ascii_graphic()), "{command:?}");
                }
            }
        }
        Err(error) => check_error(text, &error),
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    let wrappers: BTreeSet<String> = ["sudo".to_string(), "env".to_string()].into();

    match manifest::backstage_json(text) {
        Ok(json) => {
            if let Some(version) = json.version {
                check_name(&version);
            }
        }
        Err(error) => check_error(text, &error),
    }
    match manifest::package_json(text) {
        Ok(package) => {
            package
                .name
                .iter()
                .chain(&package.role)
                .for_each(|n| check_name(n));
        }
        Err(error) => check_error(text, &error),
    }
    match catalog::catalog_file(text) {
        Ok(file) => {
            for entity in file.entities {
                assert!(
                    entity.kind == "?"
                        || entity
                            .kind
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                    "{:?}",
                    entity.kind
                );
            }
        }
        Err(error) => check_error(text, &error),
    }
    check_jobs(text, pipeline::github_workflow(text, "fuzz", &wrappers));
    check_jobs(text, pipeline::gitlab_ci(text, &wrappers));
    check_jobs(text, pipeline::bitbucket_pipelines(text, &wrappers));
    check_jobs(text, Ok(pipeline::jenkinsfile(text, &wrappers)));
    for command in shell::command_names(text, &wrappers) {
        assert!(command.chars().all(|c| c.is_ascii_graphic()), "{command:?}");
    }
});
