//! Every measured answer on fixture organisations, with the evidence a reader checks it by.

use super::fixture::{Org, acme, evidence, scan_json};

#[test]
fn acme_gets_every_answer_with_its_evidence() {
    let org = acme();
    let report = scan_json(&[&org.path()], &[]);
    let answers = &report["answers"];

    assert_eq!(report["repositories"], 5);
    assert_eq!(report["questionnaire"], "idp-portal/1");

    assert_eq!(answers["current.portal"]["value"], "backstage");
    let portal = evidence(&report, "current.portal");
    assert!(
        portal.contains("portal/backstage.json: Backstage app, version 1.30.0"),
        "{portal}"
    );
    assert!(
        portal.contains("portal: backend on the new system, frontend on the old system"),
        "{portal}"
    );

    assert_eq!(answers["current.custom_plugins"]["value"], 2);
    let plugins = evidence(&report, "current.custom_plugins");
    assert!(
        plugins.contains("2 local packages with a plugin role"),
        "{plugins}"
    );
    assert!(
        plugins.contains("portal/plugins/costs: frontend-plugin (@acme/plugin-costs)"),
        "{plugins}"
    );
    assert!(
        plugins.contains("portal/plugins/costs-backend: backend-plugin"),
        "{plugins}"
    );
    assert!(
        !plugins.contains("techdocs"),
        "installed packages are not custom: {plugins}"
    );
    assert_eq!(report["backstage"]["libraries"], 1);

    assert_eq!(answers["current.months_invested"]["value"], 18);
    let months = evidence(&report, "current.months_invested");
    assert!(
        months.contains("portal: first commit with the app on 2023-01-10, newest commit in the repository on 2024-07-20: 18 months"),
        "{months}"
    );
    assert!(months.contains("not up to today's date"), "{months}");

    assert_eq!(answers["integrations.uncovered_integrations"]["value"], 2);
    let uncovered = evidence(&report, "integrations.uncovered_integrations");
    assert!(
        uncovered.contains(
            "12 tools found in 4 repositories: 10 with a ready-made connector, 2 without, 0 unknown"
        ),
        "{uncovered}"
    );
    assert!(
        uncovered.contains(
            "TeamCity (ci): no ready-made connector; seen in billing/.teamcity/settings.kts"
        ),
        "{uncovered}"
    );
    assert!(
        uncovered.contains("in-house command `shipit` (no connector: a command no rule knows, in a production deploy job): payments/.gitlab-ci.yml (job `deploy-prod`)"),
        "{uncovered}"
    );
    assert_eq!(answers["integrations.stack"]["value"], "mostly_standard");
    let stack = evidence(&report, "integrations.stack");
    assert!(
        stack.contains(
            "2 systems without a ready-made connector: mostly_standard from 1, unusual from 3"
        ),
        "{stack}"
    );

    assert_eq!(answers["platform.catalog_data"]["value"], "stale");
    let catalog = evidence(&report, "platform.catalog_data");
    assert!(
        catalog.contains(
            "7 catalog entities in 4 files across 4 repositories; 6 of a kind that needs an owner"
        ),
        "{catalog}"
    );
    assert!(
        catalog.contains("1 without spec.owner, 2 in files unchanged for 6+ months"),
        "{catalog}"
    );
    assert!(
        catalog.contains("payments/catalog-info.yaml: 1 without spec.owner"),
        "{catalog}"
    );
    assert!(
        catalog.contains("payments/catalog-info.yaml: last changed 2023-02-01, the code next to it 2024-03-01 (12 months later)"),
        "{catalog}"
    );
    assert!(
        catalog.contains("33% stale or without an owner; the answer is stale from 25%"),
        "{catalog}"
    );
    assert!(catalog.contains("never answers automated"), "{catalog}");

    assert_eq!(
        answers["platform.deploy_automation"]["value"],
        "some_manual"
    );
    let deploys = evidence(&report, "platform.deploy_automation");
    assert!(
        deploys.contains(
            "5 production deploy jobs in 3 repositories: 2 wait for a person, 3 start on their own"
        ),
        "{deploys}"
    );
    assert!(
        deploys.contains(
            "payments/.gitlab-ci.yml: job `deploy-prod` waits for a person: when: manual"
        ),
        "{deploys}"
    );
    assert!(
        deploys.contains(
            "billing/Jenkinsfile: job `Deploy to production` waits for a person: an input step"
        ),
        "{deploys}"
    );
    assert!(
        report["not_measured"]
            .as_object()
            .is_some_and(|m| m.is_empty()),
        "{}",
        report["not_measured"]
    );
    assert_eq!(report["warnings"], serde_json::json!([]));
}

#[test]
fn tools_carry_their_connector_and_where_they_were_seen() {
    let org = acme();
    let report = scan_json(&[&org.path()], &[]);
    let tools = report["tools"].as_array().cloned().unwrap_or_default();
    let tool = |id: &str| {
        tools
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("tool {id} not found in {tools:?}"))
    };
    let kubernetes = tool("kubernetes");
    assert_eq!(kubernetes["connector"], "ready");
    assert_eq!(kubernetes["repositories"], 2);
    assert_eq!(kubernetes["category"], "orchestration");
    assert!(
        kubernetes["source"]
            .as_str()
            .is_some_and(|s| s.contains("Backstage plugin directory"))
    );
    let teamcity = tool("teamcity");
    assert_eq!(teamcity["connector"], "none");
    assert_eq!(teamcity["backstage"], "none");
    let shipit = tool("in-house:shipit");
    assert_eq!(shipit["in_house"], true);
    assert_eq!(shipit["connector"], "none");
    assert_eq!(
        tool("argocd")["evidence"],
        serde_json::json!(["infra/deploy/argocd-app.yaml"])
    );
    assert_eq!(tool("datadog")["connector"], "ready");
    // Helm and make are how software is built and shipped, not systems a portal shows.
    assert!(
        !tools
            .iter()
            .any(|t| t["id"] == "in-house:helm" || t["id"] == "in-house:make")
    );
}

#[test]
fn an_app_in_a_monorepo_counts_only_its_own_history_and_plugins() {
    let org = Org::new();
    let mono = org.repo("mono");
    mono.file("services/api/main.go", "package main\n")
        .commit("2021-03-01");
    mono.file("tools/portal/backstage.json", r#"{"version": "1.18.0"}"#)
        .file("tools/portal/packages/backend/package.json", r#"{"backstage": {"role": "backend"}, "dependencies": {"@backstage/backend-common": "^0.19"}}"#)
        .file("tools/portal/plugins/x/package.json", r#"{"name": "x", "backstage": {"role": "backend-plugin-module"}}"#)
        .commit("2023-05-02");
    mono.file("services/api/main.go", "package main\n// v2\n")
        .commit("2023-11-03");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["answers"]["current.months_invested"]["value"], 6);
    let months = evidence(&report, "current.months_invested");
    assert!(months.contains("mono/tools/portal: first commit with the app on 2023-05-02, newest commit in the repository on 2023-11-03: 6 months"), "{months}");
    assert_eq!(report["answers"]["current.custom_plugins"]["value"], 1);
    let app = &report["backstage"]["apps"][0];
    assert_eq!(app["backend_system"], "old");
    assert_eq!(app["frontend_system"], "unknown");
    assert_eq!(app["version"], "1.18.0");
    assert_eq!(
        report["backstage"]["plugins"][0]["app"],
        "mono/tools/portal"
    );
}

#[test]
fn port_is_found_from_terraform_and_helm_and_leaves_backstage_answers_out() {
    let org = Org::new();
    org.repo("platform")
        .file("port/main.tf", "terraform {\n  required_providers {\n    port = { source = \"port-labs/port-labs\" }\n  }\n}\nresource \"port_blueprint\" \"service\" {}\n")
        .file("k8s/ocean-values.yaml", "port:\n  clientId: x\nintegration:\n  identifier: pagerduty\n  type: pagerduty\n  eventListener:\n    type: POLLING\n")
        .file("k8s/Chart.yaml", "apiVersion: v2\nname: ocean-pagerduty\ndependencies:\n  - name: port-ocean\n    repository: https://port-labs.github.io/helm-charts\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(report["answers"]["current.portal"]["value"], "port");
    let portal = evidence(&report, "current.portal");
    assert!(
        portal.contains("platform/port/main.tf: Port's Terraform provider"),
        "{portal}"
    );
    assert!(
        portal.contains("platform/k8s/Chart.yaml: a Helm chart of a Port integration"),
        "{portal}"
    );
    assert!(
        portal.contains("platform/k8s/ocean-values.yaml: deployment values of a Port integration"),
        "{portal}"
    );
    assert_eq!(
        report["not_measured"]["current.custom_plugins"],
        "measured only for a Backstage app; the portal found is port"
    );
    assert!(report["answers"].get("current.months_invested").is_none());
}

#[test]
fn two_portals_leave_the_portal_to_the_person() {
    let org = Org::new();
    org.repo("portal")
        .file("backstage.json", r#"{"version": "1.30.0"}"#)
        .file(
            "packages/app/package.json",
            r#"{"backstage": {"role": "frontend"}}"#,
        )
        .commit("2024-01-01");
    org.repo("infra")
        .file("port.tf", "resource \"port_entity\" \"x\" {}\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    let why = report["not_measured"]["current.portal"]
        .as_str()
        .unwrap_or_default();
    assert!(
        why.starts_with("signs of more than one portal: backstage (portal/backstage.json"),
        "{why}"
    );
    assert!(
        why.contains("port (infra/port.tf: Port's Terraform provider)"),
        "{why}"
    );
    assert_eq!(
        report["not_measured"]["current.months_invested"],
        "depends on current.portal, which was not measured"
    );
}

#[test]
fn a_file_named_backstage_json_is_not_an_app_without_a_backstage_package() {
    let org = Org::new();
    // A map editor's file that happens to carry the name, and a version field.
    org.repo("office-map")
        .file(
            "backstage.json",
            r#"{"version": "1.10", "tiledversion": "1.10.2", "layers": []}"#,
        )
        .file("package.json", r#"{"name": "office-map"}"#)
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert!(report["answers"].get("current.portal").is_none());
    assert_eq!(report["backstage"]["apps"], serde_json::json!([]));
    assert_eq!(
        report["warnings"][0],
        "office-map/backstage.json: names Backstage 1.10, but no package.json at or below it has a backstage.role; not counted as a Backstage app"
    );
}

#[test]
fn no_portal_found_is_not_an_answer_of_none() {
    let org = Org::new();
    org.repo("service")
        .file("main.go", "package main\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert!(report["answers"].get("current.portal").is_none());
    let why = report["not_measured"]["current.portal"]
        .as_str()
        .unwrap_or_default();
    assert!(why.contains("does not show that there is none"), "{why}");
}

#[test]
fn a_tool_with_unknown_coverage_leaves_the_count_out_but_not_a_settled_stack() {
    let org = Org::new();
    // Drone has no coverage entry; TeamCity, Bamboo and an in-house command have none.
    org.repo("a")
        .file(".drone.yml", "kind: pipeline\n")
        .file(".teamcity/settings.kts", "x\n")
        .file("bamboo-specs/bamboo.yml", "x: 1\n")
        .file(
            ".gitlab-ci.yml",
            "deploy-prod:\n  script:\n    - acme-release now\n",
        )
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    let why = report["not_measured"]["integrations.uncovered_integrations"]
        .as_str()
        .unwrap_or_default();
    assert!(
        why.starts_with("at least 3: the coverage table does not say whether drone has"),
        "{why}"
    );
    // Three uncovered already make it unusual, whatever Drone turns out to be.
    assert_eq!(report["answers"]["integrations.stack"]["value"], "unusual");
    let drone = report["tools"]
        .as_array()
        .and_then(|t| t.iter().find(|t| t["id"] == "drone").cloned())
        .unwrap_or_default();
    assert_eq!(drone["connector"], "unknown");
}

#[test]
fn a_stack_that_depends_on_unknown_coverage_is_left_out() {
    let org = Org::new();
    org.repo("a")
        .file(".drone.yml", "kind: pipeline\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    let why = report["not_measured"]["integrations.stack"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(
        why,
        "standard or mostly_standard: it depends on whether drone has ready-made connectors"
    );
}

#[test]
fn a_github_environment_may_hide_an_approval_so_automated_is_not_claimed() {
    let org = Org::new();
    org.repo("web")
        .file(".github/workflows/deploy.yml", "on: push\njobs:\n  ship:\n    environment: production\n    steps:\n      - run: kubectl apply -f k8s\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    let why = report["not_measured"]["platform.deploy_automation"]
        .as_str()
        .unwrap_or_default();
    assert!(why.starts_with("automated or manual: 1 of 1 production deploy jobs may wait for an approval set outside the repository"), "{why}");
    assert!(why.contains("GitHub environment `production`: its required reviewers, if any, are set in the repository's settings"), "{why}");
    assert_eq!(report["deploys"]["jobs"][0]["start"], "unseen");
}

#[test]
fn dispatch_only_deploys_and_bitbucket_manual_steps_are_manual() {
    let org = Org::new();
    org.repo("web")
        .file(
            ".github/workflows/deploy.yml",
            "name: Deploy to production\non: workflow_dispatch\njobs:\n  deploy:\n    steps: []\n",
        )
        .commit("2024-01-01");
    org.repo("shop")
        .file("bitbucket-pipelines.yml", "pipelines:\n  branches:\n    main:\n      - step:\n          name: ship\n          deployment: production\n          trigger: manual\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(
        report["answers"]["platform.deploy_automation"]["value"],
        "manual"
    );
    let deploys = evidence(&report, "platform.deploy_automation");
    assert!(deploys.contains("web/.github/workflows/deploy.yml: job `deploy` waits for a person: the workflow runs only when started by hand (workflow_dispatch)"), "{deploys}");
    assert!(
        deploys.contains(
            "shop/bitbucket-pipelines.yml: job `ship` waits for a person: trigger: manual"
        ),
        "{deploys}"
    );
}

#[test]
fn fully_automatic_deploys_are_automated() {
    let org = Org::new();
    org.repo("api")
        .file(".gitlab-ci.yml", "deploy:\n  stage: deploy\n  environment: production\n  script: [kubectl apply -f k8s]\n")
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    assert_eq!(
        report["answers"]["platform.deploy_automation"]["value"],
        "automated"
    );
}

#[test]
fn a_fresh_owned_catalog_is_maintained_by_hand_never_automated() {
    let org = Org::new();
    org.repo("svc")
        .file(
            "catalog-info.yaml",
            "kind: Component\nspec: {owner: team}\n",
        )
        .file("src/a.rs", "fn main() {}\n")
        .commit("2023-01-01");
    org.repo("svc2")
        .file(
            "catalog-info.yaml",
            "kind: Component\nspec: {owner: team}\n",
        )
        .commit("2024-01-01");
    let report = scan_json(&[&org.path()], &[]);
    // svc's catalog file and code last changed together: not stale, however old.
    assert_eq!(
        report["answers"]["platform.catalog_data"]["value"],
        "manual_maintained"
    );
    assert_eq!(report["catalog"]["stale"], 0);
}

#[test]
fn a_plain_folder_has_no_history_so_staleness_is_counted_both_ways() {
    let org = Org::new();
    // Four owned entities without history and one unowned: 20% to 100%, so no answer.
    let folder = org.folder("exported");
    folder.file("a/catalog-info.yaml", "kind: Component\nspec: {owner: t}\n---\nkind: Component\nspec: {owner: t}\n---\nkind: API\nspec: {owner: t}\n---\nkind: API\nspec: {owner: t}\n---\nkind: API\nspec: {}\n");
    let report = scan_json(&[&folder.path], &[]);
    assert_eq!(report["scanned"][0]["kind"], "folder");
    assert_eq!(report["scanned"][0]["history"], "none");
    let why = report["not_measured"]["platform.catalog_data"]
        .as_str()
        .unwrap_or_default();
    assert!(why.starts_with("manual_maintained or stale: 5 of 5 entities are in files whose history could not be read"), "{why}");
}
