//! Backstage's manifests: `backstage.json` (the app's release line) and a workspace package's
//! `package.json` (its name, its `backstage.role`, its dependencies).

use std::collections::BTreeSet;

use super::{ParseError, json_document, shown_name, text_field};

/// What `backstage.json` says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackstageJson {
    /// The Backstage release the app is on, when the file names one that looks like a version.
    pub version: Option<String>,
}

pub fn backstage_json(text: &str) -> Result<BackstageJson, ParseError> {
    let document = json_document(text)?;
    let version = text_field(&document, "version")
        .filter(|v| looks_like_version(v))
        .map(str::to_string);
    Ok(BackstageJson { version })
}

/// A release number such as `1.30.0` or `1.31.0-next.2`; anything else is not shown.
fn looks_like_version(text: &str) -> bool {
    (1..=40).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
}

/// What a `package.json` says about the package's place in a Backstage app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    pub name: Option<String>,
    /// `backstage.role`, such as `frontend-plugin` or `backend`.
    pub role: Option<String>,
    /// Names of every dependency (runtime, development and peer).
    pub dependencies: BTreeSet<String>,
}

pub fn package_json(text: &str) -> Result<Package, ParseError> {
    let document = json_document(text)?;
    let role = document
        .get("backstage")
        .and_then(|b| text_field(b, "role"))
        .map(shown_name);
    let name = text_field(&document, "name").map(shown_name);
    let dependencies = ["dependencies", "devDependencies", "peerDependencies"]
        .iter()
        .filter_map(|key| document.get(*key).and_then(serde_json::Value::as_object))
        .flat_map(|deps| deps.keys().cloned())
        .collect();
    Ok(Package {
        name,
        role,
        dependencies,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_version_and_refuses_what_is_not_one() {
        let json = backstage_json(r#"{"version": "1.30.0"}"#);
        assert_eq!(json.ok().and_then(|j| j.version).as_deref(), Some("1.30.0"));
        let odd = backstage_json(r#"{"version": "see https://example.com"}"#);
        assert_eq!(odd.ok().and_then(|j| j.version), None);
    }

    #[test]
    fn reads_role_name_and_dependencies() {
        let text = r#"{"name": "@acme/plugin-costs", "backstage": {"role": "frontend-plugin"},
            "dependencies": {"@backstage/core-plugin-api": "^1"}, "devDependencies": {"@backstage/cli": "^0.26"}}"#;
        let Ok(package) = package_json(text) else {
            panic!("valid package.json");
        };
        assert_eq!(package.role.as_deref(), Some("frontend-plugin"));
        assert_eq!(package.name.as_deref(), Some("@acme/plugin-costs"));
        assert!(package.dependencies.contains("@backstage/cli"));
    }

    #[test]
    fn a_package_without_role_or_with_odd_shapes_still_parses() {
        let Ok(package) = package_json(r#"{"backstage": "yes", "dependencies": []}"#) else {
            panic!("valid JSON");
        };
        assert_eq!(package.role, None);
        assert!(package.dependencies.is_empty());
    }

    #[test]
    fn broken_json_reports_where() {
        let error = package_json("{\n  \"name\": \n}").err();
        assert_eq!(error.map(|e| e.line), Some(3));
    }
}
