#!/usr/bin/env python3
"""Fails on Unix-only Rust APIs that Windows or macOS builds would still compile.

Nobody compiles this workspace for Windows or macOS before a release, so a `libc::kill`
or a `/proc` read without a cfg gate stays hidden until `cargo build` fails there. Each
use must sit inside an item, statement, arm or file whose `#[cfg(...)]` (or `#![cfg]`,
or the `#[cfg]` on its `mod` declaration) is false on the systems the API lacks:
Windows for Unix APIs, Windows and macOS for `/proc`.

The code is parsed with tree-sitter, so uses in comments are ignored and gates are found
by structure, not by brace counting.

Usage: lint-unix-only.py [FILE_OR_DIR ...]   (default: the repository's Rust sources)
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import tree_sitter_rust
from tree_sitter import Language, Parser

REPO = Path(__file__).resolve().parent.parent
SEARCHED = ["src-tauri", "tests"]

# The targets each pattern cannot build or run on, as cfg facts.
WINDOWS = {"windows": True, "unix": False, "target_os": "windows", "target_family": "windows"}
MACOS = {"windows": False, "unix": True, "target_os": "macos", "target_family": "unix"}
PATTERNS = [
    ("std::os::unix", re.compile(rb"\bos::unix\b"), [WINDOWS]),
    ("libc::", re.compile(rb"\blibc::"), [WINDOWS]),
    ("process_group", re.compile(rb"\bprocess_group\b"), [WINDOWS]),
    ("PermissionsExt", re.compile(rb"\bPermissionsExt\b"), [WINDOWS]),
    ('"/proc', re.compile(rb'"/proc\b'), [WINDOWS, MACOS]),
]

PARSER = Parser(Language(tree_sitter_rust.language()))
COMMENTS = {"line_comment", "block_comment", "doc_comment"}
OWN_ATTRIBUTES = {"match_arm", "field_initializer", "shorthand_field_initializer", "parameter"}


def tokens(text):
    return re.findall(r'"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|[(),=]', text)


def evaluate(tok, pos, facts):
    """One cfg predicate at tok[pos]: (True | False | None when unknown, next pos)."""
    name = tok[pos]
    pos += 1
    if pos < len(tok) and tok[pos] == "(" and name in ("all", "any", "not"):
        values, pos = [], pos + 1
        while tok[pos] != ")":
            value, pos = evaluate(tok, pos, facts)
            values.append(value)
            if tok[pos] == ",":
                pos += 1
        pos += 1
        if name == "not":
            return (None if values[0] is None else not values[0]), pos
        if name == "all":
            return (False if False in values else None if None in values else True), pos
        return (True if True in values else None if None in values else False), pos
    if pos < len(tok) and tok[pos] == "=":
        value = tok[pos + 1].strip('"')
        pos += 2
        return (facts[name] == value if name in facts else None), pos
    return facts.get(name), pos


def cfg_excludes(attribute_node, source, targets):
    """True when this attribute is a cfg that is false on every one of `targets`."""
    attribute = next((c for c in attribute_node.children if c.type == "attribute"), None)
    if attribute is None:
        return False
    text = source[attribute.start_byte : attribute.end_byte].decode()
    match = re.fullmatch(r"\s*cfg\s*\((.*)\)\s*", text, re.S)
    if not match:
        return False
    tok = tokens(match.group(1))
    return all(evaluate(tok, 0, facts)[0] is False for facts in targets)


def outer_attributes(node):
    """The #[...] directly before `node` among its siblings, or inside it for the few
    nodes whose grammar puts their attributes first among their own children."""
    found = []
    if node.type in OWN_ATTRIBUTES:
        found = [c for c in node.children if c.type == "attribute_item"]
    sibling = node.prev_sibling
    while sibling is not None and sibling.type in COMMENTS | {"attribute_item"}:
        if sibling.type == "attribute_item":
            found.append(sibling)
        sibling = sibling.prev_sibling
    return found


class Lint:
    def __init__(self):
        self.parsed = {}

    def parse(self, path):
        if path not in self.parsed:
            source = path.read_bytes()
            self.parsed[path] = (source, PARSER.parse(source))
        return self.parsed[path]

    def gated(self, path, node, targets, seen=()):
        source, tree = self.parse(path)
        while node is not None:
            attributes = outer_attributes(node) + [c for c in node.children if c.type == "inner_attribute_item"]
            if any(cfg_excludes(a, source, targets) for a in attributes):
                return True
            node = node.parent
        if path in seen:
            return False
        declaration = self.mod_declaration(path)
        return declaration is not None and self.gated(declaration[0], declaration[1], targets, seen + (path,))

    def mod_declaration(self, path):
        """The `mod name;` in the parent module's file that makes `path` a module."""
        if path.name in ("lib.rs", "main.rs"):
            return None
        if path.name == "mod.rs":
            name, here = path.parent.name, path.parent.parent
        else:
            name, here = path.stem, path.parent
        candidates = [here / "mod.rs", here / "lib.rs", here / "main.rs", here.parent / f"{here.name}.rs"]
        for parent in candidates:
            if parent == path or not parent.is_file():
                continue
            source, tree = self.parse(parent)
            for node in walk(tree.root_node):
                if node.type != "mod_item" or node.child_by_field_name("body") is not None:
                    continue
                ident = node.child_by_field_name("name")
                if ident is not None and source[ident.start_byte : ident.end_byte].decode() == name:
                    return parent, node
        return None

    def check(self, path):
        source, tree = self.parse(path)
        problems = []
        for label, regex, targets in PATTERNS:
            for match in regex.finditer(source):
                node = tree.root_node.descendant_for_byte_range(match.start(), match.end())
                if any(n.type in COMMENTS for n in ancestors(node)):
                    continue
                if not self.gated(path, node, targets):
                    line = source.count(b"\n", 0, match.start()) + 1
                    systems = " and ".join(t["target_os"] for t in targets)
                    problems.append(f"{shown(path)}:{line}: {label} needs a cfg gate that is false on {systems}")
        return problems


def shown(path):
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def ancestors(node):
    while node is not None:
        yield node
        node = node.parent


def default_files():
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--", *(f"{d}/*.rs" for d in SEARCHED)],
        cwd=REPO, check=True, capture_output=True,
    ).stdout.decode()
    return [REPO / p for p in out.split("\0") if p and (REPO / p).is_file()]


def files_under(arguments):
    for argument in map(Path, arguments):
        if argument.is_dir():
            for root, _, names in os.walk(argument):
                yield from (Path(root) / n for n in sorted(names) if n.endswith(".rs"))
        else:
            yield argument


def line_order(problem):
    return int(problem.split(":")[1])


def main(arguments):
    files = sorted(p.resolve() for p in files_under(arguments)) if arguments else default_files()
    lint = Lint()
    problems = [problem for path in files for problem in sorted(set(lint.check(path)), key=line_order)]
    for problem in problems:
        print(problem)
    print(f"unix-only lint: {len(files)} Rust files, {len(problems)} ungated use(s) of Unix-only APIs")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
