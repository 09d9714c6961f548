//! The UI's TypeScript types, generated from the Rust types so the two cannot drift.
//! `cargo test -p madoguchi-core typescript` fails when `ui/src/api/types.gen.ts` is
//! stale; `UPDATE_TS=1` rewrites it.
//!
//! Every type reachable from the roots below is declared (ts-rs lists each type's
//! dependencies), then the method map that types the UI's `rpc` per method.

use std::any::TypeId;
use std::collections::HashSet;

use ts_rs::{Config, TS, TypeVisitor};

use crate::api::declare::Role;
use crate::api::methods::methods;
use crate::api::types::{Request, Response};
use crate::error::ApiError;
use crate::events::CoreEvent;

/// Collects the declarations of a type and everything it uses, each once, with its name.
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    out: Vec<(String, String)>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only named types have a declaration; `Vec<T>`, `Option<T>` and primitives are
        // written inline, and what they hold is reached through their generics.
        if T::output_path().is_some() {
            self.out.push((T::ident(self.cfg), T::decl(self.cfg)));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The wire name of a declared variant: serde's camelCase of `ListConversations`.
fn camel(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Staff => "staff",
        Role::Owner => "owner",
    }
}

fn method_map(cfg: &Config) -> String {
    let methods = methods();
    let mut out = String::from(
        "/** Each API method: its params, its result (the answer's `data`), the answer's kind\n \
         * and the role allowed to call it. Generated from `api/methods.rs`. */\n\
         export type Methods = {\n",
    );
    for m in &methods {
        let params = m.params_ts.map_or_else(|| "undefined".to_string(), |ts| ts(cfg));
        out.push_str(&format!(
            "  \"{}\": {{ params: {}; result: {}; kind: \"{}\"; role: \"{}\" }};\n",
            camel(m.name),
            params,
            (m.result_ts)(cfg),
            camel(m.kind),
            role_name(m.role),
        ));
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** Each method's answer kind, for the UI's `rpc` to check every answer against. */\n\
         export const METHOD_KINDS: { [M in keyof Methods]: Methods[M][\"kind\"] } = {\n",
    );
    for m in &methods {
        out.push_str(&format!("  \"{}\": \"{}\",\n", camel(m.name), camel(m.kind)));
    }
    out.push_str("};\n\n");
    out.push_str(
        "/** Each method's role, for the UI to show only what the signed-in member may call. */\n\
         export const METHOD_ROLES: { [M in keyof Methods]: Methods[M][\"role\"] } = {\n",
    );
    for m in &methods {
        out.push_str(&format!("  \"{}\": \"{}\",\n", camel(m.name), role_name(m.role)));
    }
    out.push_str("};\n");
    out
}

/// The whole generated file.
pub fn render() -> String {
    let cfg = Config::default();
    let mut decls = Declarations { cfg: &cfg, seen: HashSet::new(), out: Vec::new() };
    decls.visit::<Request>();
    decls.visit::<Response>();
    decls.visit::<ApiError>();
    decls.visit::<CoreEvent>();
    decls.visit::<Role>();
    // What `POST /api/login` and `/api/pair` answer (not methods of the API).
    decls.visit::<crate::members::Session>();
    // What the desktop shell's own restore commands answer (not a method of the API).
    decls.visit::<crate::backup::replace::BackupSummary>();
    // The order ts-rs lists dependencies in can change from one build to the next: the
    // roots first, then by name, so that the file changes only when a type does.
    let roots = ["Request", "Response", "ApiError", "CoreEvent", "Role"];
    decls.out.sort_by_key(|(name, _)| (roots.iter().position(|r| r == name).unwrap_or(roots.len()), name.clone()));

    let mut out = String::from(
        "// Generated from the Rust API types (src-tauri/crates/core/src/api). Do not edit:\n\
         // run `UPDATE_TS=1 cargo test -p madoguchi-core typescript` instead.\n\n",
    );
    for (_, d) in decls.out {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(&method_map(&cfg));
    out
}
