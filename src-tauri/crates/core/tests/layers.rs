//! No import circle among the core's top-level modules. Each folder or file directly
//! under `src/` (but `lib.rs`) is a module; a file in module A that names `crate::B…`
//! (also inside `use crate::{B, …}`) is an arrow A → B. A name `lib.rs` re-exports
//! (`crate::Core`, `crate::Result`) counts as the module it comes from.
//!
//! The order the arrows allow today, lowest first, and why each sits where it does:
//! - `time`, `flush`, `secrets`, `events`, `conversation`: know nothing else of the core.
//!   `events` holds the small values events carry (a message's status, who acted), so
//!   the bus needs no domain; `conversation` is what every request about a chat names
//!   it by, and its status.
//! - `error` (CoreError and ApiError), `settings`, `store`, `outgoing` (a LINE message
//!   ready to queue and LINE's limits, which every domain that prepares one uses).
//! - `runtime`: the `Core` handle (store, bus, wake-ups, clients, shutdown) that every
//!   domain is handed; it names no domain, so they can all depend on it.
//! - `payments`, `accounts`, `members`, `phone`, `hours`, `tags`, `activity`: build on
//!   the handle alone, or on each other downwards (hours checks accounts, activity asks
//!   members who acts).
//! - `assignment`, `replytime`, `backup`, then `inbox` (its chats show the assignee,
//!   the status and the tags) and `export`.
//! - `outbox` (a send updates the chat, its assignee and its reply time),
//!   `notify`, `search`, `friends`, `app_settings`.
//! - `reservations` and `broadcast` (they send), then `autoreply` (it answers with
//!   bookings and call requests) and `templates` (they render bookings and send).
//! - `api` (the method table over every domain) and `start` (opens a core and starts
//!   every domain's worker) on top; nothing imports them but `lib.rs`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module → the modules it names, each with the files that name it.
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn src_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

/// The code without comments and literals: a path in prose or in a string is no import,
/// and a `"//"` or `"*/"` inside a string must not hide the code after it.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("//") {
            rest = rest.find('\n').map_or("", |i| &rest[i..]);
        } else if rest.starts_with("/*") {
            rest = rest.find("*/").map_or("", |i| &rest[i + 2..]);
        } else if let Some(raw) = raw_string(rest) {
            rest = raw;
        } else if c == '"' {
            rest = after_quoted(&rest[1..], '"');
        } else if c == '\'' && char_literal(rest) {
            rest = after_quoted(&rest[1..], '\'');
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// After the closing `quote`, skipping escaped characters.
fn after_quoted(s: &str, quote: char) -> &str {
    let mut chars = s.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\\' {
            chars.next();
        } else if c == quote {
            return &s[i + 1..];
        }
    }
    ""
}

/// `'x'` or `'\n'`, not a lifetime `'a`.
fn char_literal(s: &str) -> bool {
    let mut chars = s.chars().skip(1);
    match (chars.next(), chars.next()) {
        (Some('\\'), _) => true,
        (Some(_), Some('\'')) => true,
        _ => false,
    }
}

/// After a raw string (`r"…"`, `r#"…"#`, `br#"…"#`) that `s` starts with.
fn raw_string(s: &str) -> Option<&str> {
    let body = s.strip_prefix("br").or_else(|| s.strip_prefix('r'))?;
    let hashes = body.len() - body.trim_start_matches('#').len();
    let body = body[hashes..].strip_prefix('"')?;
    let end = format!("\"{}", "#".repeat(hashes));
    Some(body.find(&end).map_or("", |i| &body[i + end.len()..]))
}

fn identifier(s: &str) -> &str {
    let end = s.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(s.len());
    &s[..end]
}

/// The first segment of every path after `crate::`, groups (`crate::{a, b::c}`) included.
fn first_segments(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = text[at..].find("crate") {
        let start = at + i;
        at = start + "crate".len();
        let before = text[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = text[at..].trim_start();
        let Some(rest) = rest.strip_prefix("::") else { continue };
        let rest = rest.trim_start();
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level items of the group, each up to its comma at depth 0.
            let mut depth = 0;
            let mut item_start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        item_start = false;
                        let name = identifier(&group[j..]);
                        if !name.is_empty() {
                            found.push(name.to_string());
                        }
                    }
                    _ => {}
                }
            }
        } else {
            let name = identifier(rest);
            if !name.is_empty() {
                found.push(name.to_string());
            }
        }
    }
    found
}

/// Names `lib.rs` re-exports (`pub use runtime::{Core, CoreOptions};`), by the module they come from.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(path) = statement.trim().strip_prefix("pub use ") else { continue };
        let path = path.trim().trim_start_matches("crate::");
        let module = identifier(path).to_string();
        let items = path[module.len()..].trim_start_matches("::");
        let items = items.trim_start_matches('{').trim_end_matches('}');
        for item in items.split(',') {
            let last = item.trim().rsplit("::").next().unwrap_or_default();
            let name = last.split(" as ").last().unwrap_or_default().trim();
            if !name.is_empty() {
                names.insert(name.to_string(), module.clone());
            }
        }
    }
    names
}

fn graph() -> anyhow::Result<Graph> {
    let src = src_dir();
    let mut modules = BTreeSet::new();
    for entry in std::fs::read_dir(&src)? {
        let path = entry?.path();
        let Some(name) = path.file_stem().and_then(|n| n.to_str()) else { continue };
        if path.is_dir() || (path.extension().is_some_and(|e| e == "rs") && name != "lib") {
            modules.insert(name.to_string());
        }
    }
    let aliases = reexports(&code_only(&std::fs::read_to_string(src.join("lib.rs"))?));
    let mut files = Vec::new();
    rust_files(&src, &mut files)?;
    let mut graph: Graph = modules.iter().map(|m| (m.clone(), BTreeMap::new())).collect();
    for file in files {
        let relative = file.strip_prefix(&src)?;
        let Some(first) = relative.components().next().and_then(|c| c.as_os_str().to_str()) else { continue };
        let from = first.trim_end_matches(".rs");
        if !modules.contains(from) {
            continue;
        }
        let text = code_only(&std::fs::read_to_string(&file)?);
        for name in first_segments(&text) {
            let to = aliases.get(&name).cloned().unwrap_or(name);
            if to != from && modules.contains(&to) {
                let by = graph.entry(from.to_string()).or_default().entry(to).or_default();
                by.insert(relative.display().to_string());
            }
        }
    }
    Ok(graph)
}

/// Strongly connected components with more than one module (Tarjan).
fn circles(graph: &Graph) -> Vec<Vec<String>> {
    struct State<'a> {
        graph: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let i = s.index.len();
        s.index.insert(v, i);
        s.low.insert(v, i);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph[v].keys() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_import_circle_among_the_top_level_modules() -> anyhow::Result<()> {
    let graph = graph()?;
    anyhow::ensure!(graph.len() > 20 && graph["api"].len() > 10, "the module graph looks empty: {graph:?}");
    let found = circles(&graph);
    if found.is_empty() {
        return Ok(());
    }
    let mut report = String::new();
    for component in &found {
        report.push_str(&format!("\nthese modules import each other in a circle: {}\n", component.join(", ")));
        for from in component {
            for (to, files) in &graph[from] {
                if component.contains(to) {
                    let files: Vec<_> = files.iter().map(String::as_str).collect();
                    report.push_str(&format!("  {from} -> {to}  ({})\n", files.join(", ")));
                }
            }
        }
    }
    anyhow::bail!("{report}move the shared piece down into the lower module (see the order in tests/layers.rs)")
}

#[test]
fn paths_in_groups_and_across_lines_are_arrows_and_comments_are_not() {
    let text = code_only(
        "use crate::{a, b::c,\n    d::{e, f}};\n// crate::g\nlet x = crate :: h::i();\n$crate::j::k\nlet s = \"/* crate::l\"; let q = '\"'; crate::m;\nr#\"crate::n\"#; fn f<'a>(x: &'a crate::o::P) {}",
    );
    assert_eq!(first_segments(&text), ["a", "b", "d", "h", "j", "m", "o"]);
    let lib = "pub use error::{CoreError, Result};\npub use runtime::{Core, CoreOptions};";
    assert_eq!(reexports(lib).get("Result").map(String::as_str), Some("error"));
    assert_eq!(reexports(lib).get("Core").map(String::as_str), Some("runtime"));
}
