//! The house reads top-down: no module imports one that imports it back.
//!
//! Reads every `src/**/*.rs` file, takes the `crate::` paths its non-test code names (in `use`
//! items, braces expanded, and inline paths), resolves each to the module file that defines it,
//! and checks that the graph of modules has no cycle. A module reaching into its own submodules
//! (`rules/mod.rs` listing its rules, `render.rs` dispatching to `render/sarif.rs`) is containment,
//! not a dependency, and is not an edge. Test modules (from `#[cfg(test)]` on) may use anything.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Module path (`syntax::lexer`) of each source file.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> =
                    relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                    parts.pop();
                }
                found.insert(parts.join("::"), path);
            }
        }
    }
    found
}

/// The code of a file before its tests.
fn non_test_code(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

/// Every `crate::a::b::c` path named in `code`, with `use crate::x::{a, b::{c, d}}` expanded.
fn crate_paths(code: &str) -> Vec<String> {
    let code: String = code.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let end = path_end(after);
        expand("", &after[..end], &mut paths);
        rest = &after[end..];
    }
    paths
}

/// Where a path (with its braces) ends.
fn path_end(text: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return i,
            '}' => depth -= 1,
            c if depth == 0 && !(c.is_alphanumeric() || c == '_' || c == ':') => return i,
            _ => {}
        }
    }
    text.len()
}

fn expand(prefix: &str, path: &str, out: &mut Vec<String>) {
    let path = path.trim();
    match path.find('{') {
        None => out.push(format!("{prefix}{path}")),
        Some(open) => {
            let head = &path[..open];
            let inner = &path[open + 1..path.rfind('}').unwrap_or(path.len())];
            let mut depth = 0usize;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&format!("{prefix}{head}"), &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if !inner[start..].trim().is_empty() {
                expand(&format!("{prefix}{head}"), &inner[start..], out);
            }
        }
    }
}

/// The longest module prefix of `path` (`syntax::lexer::Token` -> `syntax::lexer`).
fn resolve<'m>(path: &str, modules: &'m BTreeMap<String, PathBuf>) -> Option<&'m str> {
    let parts: Vec<&str> = path.trim_end_matches("::self").split("::").collect();
    (1..=parts.len()).rev().find_map(|n| modules.get_key_value(&parts[..n].join("::")).map(|(k, _)| k.as_str()))
}

fn contains(parent: &str, child: &str) -> bool {
    parent.is_empty() || child.starts_with(&format!("{parent}::"))
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let modules = modules(&src);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &modules {
        let text = fs::read_to_string(file).unwrap();
        let targets = edges.entry(module.clone()).or_default();
        for path in crate_paths(non_test_code(&text)) {
            if let Some(target) = resolve(&path, &modules) {
                if target != module && !contains(module, target) {
                    targets.insert(target.to_string());
                }
            }
        }
    }
    edges
}

/// A cycle through `start`, if any, as the list of modules on it.
fn cycle_from(start: &str, edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in edges.get(&node).into_iter().flatten() {
            if next == start {
                return Some([path.clone(), vec![start.to_string()]].concat());
            }
            if seen.insert(next.clone()) {
                stack.push((next.clone(), [path.clone(), vec![next.clone()]].concat()));
            }
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let edges = graph();
    let cycles: Vec<String> =
        edges.keys().filter_map(|module| cycle_from(module, &edges)).map(|cycle| cycle.join(" -> ")).collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

/// The layers named in src/lib.rs, bottom first: a module may import only its own layer's
/// modules or lower ones.
#[test]
fn each_layer_imports_only_layers_below_it() {
    const LAYERS: &[&[&str]] = &[
        &["source", "text"],
        &["finding"],
        &["syntax"],
        &["model"],
        &["context"],
        &["rule"],
        &["rules"],
        &["config"],
        &["render"],
        &["engine"],
        &["docs"],
        &["wasm", ""],
    ];
    let layer_of = |module: &str| {
        let room = module.split("::").next().unwrap_or("");
        LAYERS.iter().position(|layer| layer.contains(&room)).unwrap_or_else(|| panic!("{module} is in no layer"))
    };
    let mut upward = Vec::new();
    for (module, targets) in graph() {
        for target in targets {
            if layer_of(&target) > layer_of(&module) {
                upward.push(format!("{module} -> {target}"));
            }
        }
    }
    assert!(upward.is_empty(), "imports of a higher layer:\n{}", upward.join("\n"));
}

#[test]
fn the_path_reader_expands_braces_and_resolves_modules() {
    let paths = crate_paths("use crate::syntax::{lexer::{Kind, Token}, scan};\nlet x = crate::rules::find(id);");
    assert_eq!(paths, ["syntax::lexer::Kind", "syntax::lexer::Token", "syntax::scan", "rules::find"]);
    let modules: BTreeMap<String, PathBuf> =
        ["syntax", "syntax::lexer", "rules"].iter().map(|m| (m.to_string(), PathBuf::new())).collect();
    assert_eq!(resolve("syntax::lexer::Token", &modules), Some("syntax::lexer"));
    assert_eq!(resolve("syntax::analyze", &modules), Some("syntax"));
    let mut edges = BTreeMap::new();
    edges.insert("a".to_string(), BTreeSet::from(["b".to_string()]));
    edges.insert("b".to_string(), BTreeSet::from(["a".to_string()]));
    assert_eq!(cycle_from("a", &edges), Some(vec!["a".into(), "b".into(), "a".into()]));
}
