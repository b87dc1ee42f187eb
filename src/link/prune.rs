//! LINKER, second half: drops the linked declarations a program cannot reach. In: the file
//! after linking (the user's items, then each package file's items) and the combined source
//! text. Out: the same file without the unreachable linked declarations and the imports only
//! they used.

use super::top_level_names;
use crate::ast::*;
use crate::span::Span;
use std::collections::{HashMap, HashSet};

/// The linked items of one package file: their indices in the file, the package's name and
/// the file's import names (local name → qualifier).
pub(super) type Linked = (std::ops::Range<usize>, String, HashMap<String, String>);

/// Drops the linked declarations the program cannot reach, so a program that names
/// `os.Stdout` does not check and compile all of os, io/fs and syscall. Reachability is
/// over-approximated from the code of each declaration: every identifier `x` in package P's
/// code may mean `P.x`, every `a.b` with `a` an import name may mean that package's `b`; a
/// kept type keeps all its methods (interfaces call them), and `init` functions are always
/// kept. The roots are the `a.b` pairs of the user's code (items before `first`) and its bare
/// names that dot imports provide.
pub(super) fn prune(
    file: &mut File,
    first: usize,
    linked: &[Linked],
    text: &str,
    user_qual: &HashMap<String, String>,
    dots: &HashMap<String, String>,
) {
    // What each linked item declares and references (qualified names).
    struct Meta {
        decls: Vec<String>,
        recv: Option<String>,
        init: bool,
        refs: Vec<String>,
    }
    let mut metas: Vec<Meta> = Vec::new();
    for (range, pkg, imports) in linked {
        for i in range.clone() {
            let (decls, recv, init, span) = match &file.items[i] {
                Item::Func(fd) => {
                    let recv = fd.recv.as_ref().map(|r| {
                        let mut t = &r.ty;
                        while let ExprKind::Star(x) | ExprKind::Paren(x) | ExprKind::Index(x, _) =
                            &t.kind
                        {
                            t = x.as_ref();
                        }
                        match &t.kind {
                            ExprKind::Ident(n) => n.clone(),
                            _ => String::new(),
                        }
                    });
                    let init = fd.recv.is_none()
                        && (fd.name.name == "init" || fd.name.name.ends_with(".init"));
                    let decls = if fd.recv.is_none() {
                        vec![fd.name.name.clone()]
                    } else {
                        Vec::new()
                    };
                    (decls, recv, init, fd.span)
                }
                // Imports stay: the kept declarations of the file use them.
                Item::Decl(d) if matches!(d.kind, DeclKind::Import(_)) => {
                    (Vec::new(), None, true, d.span)
                }
                Item::Decl(d) => {
                    let mut one = File {
                        package: None,
                        items: vec![Item::Decl(d.clone())],
                        linked_imports: Default::default(),
                    };
                    let decls = top_level_names(&one).into_iter().collect();
                    one.items.clear();
                    (decls, None, false, d.span)
                }
                Item::Stmt(_) => (Vec::new(), None, true, Span { lo: 0, hi: 0 }),
            };
            let body = text.get(span.lo as usize..span.hi as usize).unwrap_or("");
            let mut refs = Vec::new();
            for (a, b) in idents(body) {
                refs.push(format!("{pkg}.{a}"));
                if let (Some(q), Some(b)) = (imports.get(a), b) {
                    refs.push(format!("{q}.{b}"));
                }
            }
            metas.push(Meta {
                decls,
                recv,
                init,
                refs,
            });
        }
    }
    // The user's code: its items' text (a script's statements included).
    let mut work: Vec<String> = Vec::new();
    for item in &file.items[..first] {
        let span = match item {
            Item::Func(fd) => fd.span,
            Item::Decl(d) => d.span,
            Item::Stmt(st) => st.span,
        };
        let body = text.get(span.lo as usize..span.hi as usize).unwrap_or("");
        for (a, b) in idents(body) {
            if let (Some(q), Some(b)) = (user_qual.get(a), b) {
                work.push(format!("{q}.{b}"));
            } else if let Some(q) = dots.get(a) {
                // A bare name from a dot import (`import . "slices"`).
                work.push(format!("{q}.{a}"));
            }
        }
    }
    // Declared name or receiver type → the items it keeps.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, m) in metas.iter().enumerate() {
        for d in m.decls.iter().chain(m.recv.iter()) {
            by_name.entry(d.as_str()).or_default().push(i);
        }
    }
    let mut kept = vec![false; metas.len()];
    for (i, m) in metas.iter().enumerate() {
        if m.init {
            kept[i] = true;
            work.extend(m.refs.iter().cloned());
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(name) = work.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        for &i in by_name.get(name.as_str()).into_iter().flatten() {
            if !kept[i] {
                kept[i] = true;
                work.extend(metas[i].refs.iter().cloned());
            }
        }
    }
    // A linked file's imports that its kept declarations no longer use go too (Go would
    // call them unused).
    for (range, _, _) in linked {
        let mut used: HashSet<&str> = HashSet::new();
        for i in range.clone() {
            let span = match &file.items[i] {
                Item::Func(fd) if kept[i - first] => fd.span,
                Item::Decl(d) if kept[i - first] && !matches!(d.kind, DeclKind::Import(_)) => {
                    d.span
                }
                _ => continue,
            };
            let body = text.get(span.lo as usize..span.hi as usize).unwrap_or("");
            used.extend(
                idents(body)
                    .into_iter()
                    .filter(|(_, b)| b.is_some())
                    .map(|(a, _)| a),
            );
        }
        for i in range.clone() {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Import(specs),
                ..
            }) = &mut file.items[i]
            {
                specs.retain(|sp| {
                    let local = sp.name.as_ref().map_or_else(
                        || crate::types::check::import_name(&sp.path),
                        |n| n.name.as_str(),
                    );
                    local == "_" || used.contains(local)
                });
                if specs.is_empty() {
                    kept[i - first] = false;
                }
            }
        }
    }
    let mut i = 0;
    file.items.retain(|_| {
        let k = i < first || kept[i - first];
        i += 1;
        k
    });
}

/// The identifiers of Go code (not of its comments and literals), each with the identifier
/// after a following `.`.
fn idents(text: &str) -> Vec<(&str, Option<&str>)> {
    let b = text.as_bytes();
    let is_start = |c: u8| c.is_ascii_alphabetic() || c == b'_';
    let is_part = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Comments and literals name nothing (an import named only in a comment is unused).
        if b[i] == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            i += 2;
            while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                i += 1;
            }
            i += 2;
            continue;
        }
        if matches!(b[i], b'"' | b'\'' | b'`') {
            let q = b[i];
            i += 1;
            while i < b.len() && b[i] != q {
                if b[i] == b'\\' && q != b'`' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        if !is_start(b[i]) || (i > 0 && is_part(b[i - 1])) {
            i += 1;
            continue;
        }
        let s = i;
        while i < b.len() && is_part(b[i]) {
            i += 1;
        }
        let mut next = None;
        if i + 1 < b.len() && b[i] == b'.' && is_start(b[i + 1]) {
            let t = i + 1;
            let mut e = t;
            while e < b.len() && is_part(b[e]) {
                e += 1;
            }
            next = Some(&text[t..e]);
        }
        out.push((&text[s..i], next));
    }
    out
}
