//! Promises the source layout makes to the people who change it: an error about a file names
//! the right kind of file, and (below) no two top-level modules import each other, directly or
//! through others.

use crate::support::idpfit;

/// Runs `idpfit ARGS`, expects exit status 2, and returns what it printed on standard error.
fn refused(args: &[&str]) -> String {
    let output = idpfit().args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{args:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_directory_passed_for_a_file_gets_a_hint_for_that_kind_of_file() {
    let answers = refused(&["score", "examples"]);
    assert!(
        answers.contains(
            "examples: is a directory, not a file\n  = help: pass the answers file inside it, e.g. examples/idp-answers.toml"
        ),
        "{answers}"
    );
    let weights = refused(&["--weights", "examples", "score", "examples/port.toml"]);
    assert!(
        weights.contains(
            "cannot load the weights: examples: is a directory, not a file\n  = help: pass the weights file inside it, e.g. examples/default.toml"
        ),
        "{weights}"
    );
    let questionnaire = refused(&["--questionnaire", "examples", "score", "examples/port.toml"]);
    assert!(
        questionnaire.contains(
            "cannot load the questionnaire: examples: is a directory, not a file\n  = help: pass the questionnaire file inside it, e.g. examples/idp-portal-v1.toml"
        ),
        "{questionnaire}"
    );
    for other in [&weights, &questionnaire] {
        assert!(!other.contains("answers file"), "{other}");
    }
}

#[test]
fn a_missing_file_gets_a_hint_for_that_kind_of_file() {
    let answers = refused(&["score", "no/such/answers.toml"]);
    assert!(
        answers.contains(
            "no/such/answers.toml: file not found\n  = help: check the path; `idpfit template > idp-answers.toml` writes a file to start from"
        ),
        "{answers}"
    );
    let weights = refused(&[
        "--weights",
        "no/such/weights.toml",
        "score",
        "examples/port.toml",
    ]);
    assert!(
        weights.contains(
            "no/such/weights.toml: file not found\n  = help: check the path, or leave out --weights to use the built-in weights"
        ),
        "{weights}"
    );
    let questionnaire = refused(&["--questionnaire", "no/such/q.toml", "template"]);
    assert!(
        questionnaire.contains(
            "no/such/q.toml: file not found\n  = help: check the path, or leave out --questionnaire to use the built-in questionnaire"
        ),
        "{questionnaire}"
    );
    for other in [&weights, &questionnaire] {
        assert!(!other.contains("idpfit template >"), "{other}");
    }
}

// ---------------------------------------------------------------------------------------------
// Imports between top-level modules, read from the code with `syn`: every `crate::` path (in a
// `use`, an expression, a type or a macro) and every `super::` path that climbs out of its
// top-level module, outside `#[cfg(test)]` code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// A module path inside a crate, from the crate root: `["engine", "score"]`.
type ModulePath = Vec<String>;

/// The `.rs` files under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The module a file under `src` defines: `engine/mod.rs` is `engine`, `engine/score.rs` is
/// `engine::score`, `lib.rs` the root.
fn module_of(src: &Path, file: &Path) -> ModulePath {
    let relative = file.strip_prefix(src).unwrap_or(file);
    let mut path: ModulePath = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
        path.pop();
    }
    path
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// Collects the top-level modules one file's code refers to.
struct Imports<'a> {
    /// The module the visitor is in (the file's, then any inline `mod` within it).
    module: ModulePath,
    found: &'a mut BTreeSet<String>,
}

impl Imports<'_> {
    /// Records the top-level module a path starting with `first` (then `rest`) reaches.
    fn reach(&mut self, first: &str, rest: &[String]) {
        let mut target = match first {
            "crate" => Vec::new(),
            "super" => self.module[..self.module.len().saturating_sub(1)].to_vec(),
            "self" => self.module.clone(),
            _ => return,
        };
        let mut rest = rest.iter();
        for segment in rest.by_ref() {
            if segment == "super" {
                target.pop();
            } else {
                target.push(segment.clone());
                break;
            }
        }
        if let Some(top) = target.first() {
            self.found.insert(top.clone());
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Group(group) => {
                for tree in &group.items {
                    self.use_tree(prefix, tree);
                }
            }
            syn::UseTree::Name(name) => self.leaf(prefix, name.ident.to_string()),
            syn::UseTree::Rename(rename) => self.leaf(prefix, rename.ident.to_string()),
            syn::UseTree::Glob(_) => self.leaf(prefix, String::new()),
        }
    }

    fn leaf(&mut self, prefix: &[String], last: String) {
        let mut segments: Vec<String> = prefix.to_vec();
        if !last.is_empty() && last != "self" {
            segments.push(last);
        }
        if let Some((first, rest)) = segments.split_first() {
            self.reach(first, rest);
        }
    }

    /// `crate :: name` and `super :: name` inside a macro's tokens.
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        for (i, token) in tokens.iter().enumerate() {
            match token {
                proc_macro2::TokenTree::Group(group) => self.tokens(group.stream()),
                proc_macro2::TokenTree::Ident(ident) if ident == "crate" || ident == "super" => {
                    let next = tokens.get(i + 3);
                    if let Some(proc_macro2::TokenTree::Ident(name)) = next {
                        self.reach(&ident.to_string(), &[name.to_string()]);
                    }
                }
                _ => {}
            }
        }
    }
}

impl<'ast> Visit<'ast> for Imports<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if is_cfg_test(&item.attrs) {
            return;
        }
        self.module.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.module.pop();
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if !is_cfg_test(&item.attrs) {
            self.use_tree(&mut Vec::new(), &item.tree);
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if !is_cfg_test(&item.attrs) {
            syn::visit::visit_item_impl(self, item);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if let Some((first, rest)) = segments.split_first() {
            self.reach(first, rest);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// Every import of one top-level module by another in the crate whose sources are in `src`,
/// as a map from each module to the modules it imports. Test code is left out: files declared
/// `#[cfg(test)] mod name;` and `#[cfg(test)]` items.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<(PathBuf, ModulePath, syn::File)> = rust_files(src)
        .into_iter()
        .filter(|file| file.file_name().is_some_and(|n| n != "main.rs"))
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let parsed =
                syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            let module = module_of(src, &file);
            (file, module, parsed)
        })
        .collect();
    let mut test_modules: BTreeSet<ModulePath> = BTreeSet::new();
    for (_, module, parsed) in &files {
        for item in &parsed.items {
            if let syn::Item::Mod(declared) = item
                && declared.content.is_none()
                && is_cfg_test(&declared.attrs)
            {
                let mut path = module.clone();
                path.push(declared.ident.to_string());
                test_modules.insert(path);
            }
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, module, parsed) in &files {
        let in_tests = test_modules.iter().any(|test| module.starts_with(test));
        let Some(top) = module.first() else {
            continue;
        };
        if in_tests {
            continue;
        }
        let mut found = BTreeSet::new();
        Imports {
            module: module.clone(),
            found: &mut found,
        }
        .visit_file(parsed);
        found.remove(top);
        graph.entry(top.clone()).or_default().extend(found);
    }
    graph
}

/// A cycle in `graph`, as the modules along it with the first repeated at the end.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn edges_text(graph: &BTreeMap<String, BTreeSet<String>>) -> String {
    graph
        .iter()
        .map(|(from, to)| {
            let to: Vec<&str> = to.iter().map(String::as_str).collect();
            let to = if to.is_empty() {
                "(nothing)".to_string()
            } else {
                to.join(", ")
            };
            format!("  {from} -> {to}\n")
        })
        .collect()
}

/// The sources of the main crate and of the model crate.
fn crates() -> [(&'static str, PathBuf); 2] {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        ("idpfit", root.join("src")),
        ("idpfit-model", root.join("crates/idpfit-model/src")),
    ]
}

#[test]
#[allow(clippy::print_stderr)]
fn no_top_level_module_imports_itself_through_another() {
    for (name, src) in crates() {
        let graph = module_graph(&src);
        // `cargo test --test layout -- --nocapture` shows the graph.
        eprintln!("{name}:\n{}", edges_text(&graph));
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "{name}: the top-level modules import each other in a cycle: {}\nall imports:\n{}",
                cycle.join(" -> "),
                edges_text(&graph)
            );
        }
    }
}

/// The order in which `lib.rs` lists the top-level modules in its module map.
fn documented_order(src: &Path) -> Vec<String> {
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut order: Vec<String> = Vec::new();
    for line in lib.lines().take_while(|l| l.starts_with("//!")) {
        for piece in line.split("[`").skip(1) {
            if let Some((name, _)) = piece.split_once("`]")
                && !order.iter().any(|n| n == name)
            {
                order.push(name.to_string());
            }
        }
    }
    order
}

/// `lib.rs` lists the top-level modules so that each depends only on those listed before it;
/// every module of the tree is in that list.
#[test]
fn each_module_imports_only_modules_listed_before_it_in_lib_rs() {
    for (name, src) in crates() {
        let order = documented_order(&src);
        let graph = module_graph(&src);
        let position = |module: &str| order.iter().position(|n| n == module);
        for module in graph.keys().filter(|m| *m != "testing") {
            assert!(
                position(module).is_some(),
                "{name}: module `{module}` is missing from the module map in lib.rs ({order:?})"
            );
        }
        for (from, targets) in &graph {
            for to in targets {
                assert!(
                    position(to) < position(from),
                    "{name}: `{from}` imports `{to}`, which lib.rs lists after it ({order:?})\nall imports:\n{}",
                    edges_text(&graph)
                );
            }
        }
    }
}
