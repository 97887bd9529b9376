//! The commands a CI script runs: the first word of each simple command, which is all the scan
//! needs to tell `kubectl` from an in-house `acme-deploy`.
//!
//! This is not a shell parser. It splits lines on `&&`, `||`, `;` and `|`, skips variable
//! assignments and wrapper commands (`sudo`, `env`, ...), and keeps a word only when it is a
//! plain command name: paths (`./deploy.sh`), variables and quoted text are dropped, so a
//! misread line yields nothing rather than a made-up tool.

use std::collections::BTreeSet;

/// Command names run by `script`, sorted and without repeats.
pub fn command_names(script: &str, wrappers: &BTreeSet<String>) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for line in logical_lines(script) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        for part in line.split(['|', ';', '&']) {
            if let Some(name) = first_command(part, wrappers) {
                names.insert(name);
            }
        }
    }
    names
}

/// Lines with backslash continuations joined, so an argument on the next line is not taken for
/// a command.
fn logical_lines(script: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for line in script.lines() {
        match line.trim_end().strip_suffix('\\') {
            Some(start) => {
                current.push_str(start);
                current.push(' ');
            }
            None => {
                current.push_str(line);
                lines.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

fn first_command(part: &str, wrappers: &BTreeSet<String>) -> Option<String> {
    let mut after_wrapper = false;
    for word in part.split_whitespace() {
        let word = word.trim_start_matches(['(', '{', '!']);
        if word.is_empty() || is_assignment(word) {
            continue;
        }
        if after_wrapper && (word.starts_with('-') || is_duration(word)) {
            continue;
        }
        if wrappers.contains(word) {
            after_wrapper = true;
            continue;
        }
        return is_command_name(word).then(|| word.to_string());
    }
    None
}

fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        }
        None => false,
    }
}

fn is_duration(word: &str) -> bool {
    let digits = word.trim_end_matches(['s', 'm', 'h', 'd']);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_command_name(word: &str) -> bool {
    (1..=64).contains(&word.len())
        && word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(script: &str) -> Vec<String> {
        let wrappers: BTreeSet<String> = ["sudo", "env", "timeout"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        command_names(script, &wrappers).into_iter().collect()
    }

    #[test]
    fn first_words_of_each_simple_command() {
        let script = "set -e\nexport X=1\ncd app && acme-deploy --env prod | tee log\n# kubectl in a comment\nFOO=bar sudo -E kubectl apply -f k8s/\n";
        assert_eq!(
            names(script),
            ["acme-deploy", "cd", "export", "kubectl", "set", "tee"]
        );
    }

    #[test]
    fn paths_variables_and_continuations_are_not_commands() {
        let script = "./scripts/deploy.sh\n$DEPLOYER run\nhelm upgrade \\\n  release chart\ntimeout 10m shipit\n";
        assert_eq!(names(script), ["helm", "shipit"]);
    }
}
