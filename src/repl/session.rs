//! REPL SESSION: what persists between inputs, and how one input becomes code that runs in the
//! live machine. Input: one input's text. Output: the entry function of a program that extends
//! the running one (installed in the machine), or rendered diagnostics; on failure nothing of
//! the input is kept.
//!
//! How state persists (the machine itself, with its goroutines, heap and globals, lives on):
//! - The session text is every accepted input, in order. An input is parsed with the earlier
//!   text blanked out (newlines kept), so its spans and line numbers are the session's: the
//!   spans of earlier declarations stay valid, and messages and traces say `repl:LINE:COL`.
//! - Declarations (functions, methods, types, constants, imports) are carried as syntax into
//!   every later input's file, which is checked whole. A declaration of the same name (a
//!   method: of the same `T.m`) replaces the carried one. A carried function the link keeps
//!   compiled is carried without its body (`signature_only`): it checked when it was accepted
//!   and nothing it uses changed since, so an input is not checked in time proportional to the
//!   session. Such a function without a receiver is left out of the file altogether: the
//!   checker is given its signature type (`Seed::funcs`), the compiler its id (the link's); if
//!   a carried declaration is dropped, they go back in with their bodies. `init` functions and variable
//!   declarations run once, in their own input.
//! - Variables (`var`, and the top-level `:=` the compiler turns into globals) persist as global
//!   slots of the machine: the checker sees them as package-level variables of their types
//!   (`types::Seed::vars`), the compiler as the globals of its `Link`.
//! - The checker starts from the previous program's type table, and a carried type declaration
//!   gets its old `TypeId` back (`Seed::named`), so every type id in running code and in values
//!   keeps its meaning. The gol-source packages (`time`, `io`, `flag`...) are linked into every
//!   input again; their types get their ids back by qualified name (`Seed::linked_named`), and
//!   their variables and `init` functions, run by the first input that linked them, are left
//!   out (`drop_relinked`), so `time.March`, `io.EOF` and `flag.CommandLine` stay the same
//!   values across inputs. The compiler appends to the running program and skips carried functions
//!   whose declaration is unchanged, so old goroutines and closures run the code they started.
//! - When a declaration is replaced (or dropped because it no longer checks, e.g. after its type
//!   changed), every carried function is compiled again, so calls reach the new definitions;
//!   goroutines already running keep their old code.
//!
//! Rejected: re-running all earlier inputs as one program (repeats side effects, cannot keep
//! goroutines); a persistent checker and compiler object (the checker borrows one `File`, and a
//! checked-whole file keeps Go's package-level rules, like initialisation order, intact).

use crate::ast::*;
use crate::bytecode::FuncId;
use crate::compiler::{self, Link};
use crate::diag::{render, Diagnostic, Severity};
use crate::runtime::session::Session as Runtime;
use crate::span::{Source, Span};
use crate::types::check::codes as tcodes;
use crate::types::stdpkg::StdPkgs;
use crate::types::ty::{Spelling, Type, TypeId, Types};
use crate::types::{self, Checked, Seed};
use crate::vm::verify::Verified;
use std::collections::HashMap;
use std::sync::Arc;

/// The file name messages and traces use for the session text.
pub const FILE: &str = "repl";

pub struct Session {
    text: String,
    decls: Vec<Item>,
    /// Declarations that referred to names not declared yet (a program pasted in the order of
    /// its file, `main` first): tried again with every input until they check.
    pending: Vec<Item>,
    named: HashMap<u32, TypeId>,
    /// The named types of linked packages (`Seed::linked_named`), by qualified name.
    linked_named: HashMap<String, TypeId>,
    /// The linked packages' files whose `init` functions have run (an input that links them
    /// again leaves those out, as it leaves out their variables, which keep their slots).
    linked_files: std::collections::HashSet<String>,
    /// Signature types of accepted functions (no receiver, not generic), by the start of their
    /// name's span: what the checker is given for a function left out of an input's file.
    func_types: HashMap<u32, TypeId>,
    types: Types,
    std: StdPkgs,
    link: Link,
    /// How to take back the last accepted input if its run fails (see `rollback`).
    undo: Option<Undo>,
    /// The file an input comes from (`:load FILE`): its messages say `FILE:LINE:COL`.
    origin: Option<String>,
    pub rt: Runtime,
}

/// What an accepted input changed in the session, kept until its run ends: an input whose run
/// fails (a panic, a deadlock, Ctrl-C) declares nothing. Only what it replaced is kept (moved,
/// never cloned), so accepting an input costs nothing extra.
struct Undo {
    /// The declarations it added (its own and pending ones it let through), by item span.
    added: Vec<u32>,
    /// The declarations it replaced or dropped, and originals of carried items (left out where
    /// an item of the same span is still declared).
    removed: Vec<Item>,
    pending: Vec<Item>,
    named: Vec<u32>,
    func_types: Vec<u32>,
    /// The linked files it ran the `init` functions and variable initialisers of.
    linked_files: Vec<String>,
    /// The link before the input (its compiled functions and global slots are still in the
    /// machine's program, which only grows).
    link: Link,
}

/// What an accepted input produced.
pub struct Accepted {
    pub entry: FuncId,
    /// Rendered warnings and notes (declarations dropped because they no longer check).
    pub notes: String,
}

/// The file one input is checked and compiled as, and what it declared.
struct Attempt {
    file: File,
    /// How many of `file.items` are carried declarations (the input's items follow).
    ncarried: usize,
    link: Link,
    /// Carried functions left out of `file` (given to the checker as `Seed::funcs`), and their
    /// indices in `Session::decls`.
    seeded: Vec<(String, TypeId, Span)>,
    omitted: Vec<usize>,
}

impl Session {
    pub fn new() -> Session {
        let src = Source::new(FILE, "");
        let empty = File {
            package: None,
            items: Vec::new(),
            linked_imports: Vec::new(),
        };
        let checked = types::check(&empty, &src);
        let prog = compiler::compile(&empty, &checked.info, checked.types, &checked.std, &src)
            .unwrap_or_default();
        let next_global = prog.nglobals;
        let prog = Verified::new(prog).expect("the empty program verifies");
        let rt = Runtime::new(prog, vec![FILE.to_string()]);
        Session {
            text: String::new(),
            decls: Vec::new(),
            pending: Vec::new(),
            named: HashMap::new(),
            linked_named: HashMap::new(),
            linked_files: Default::default(),
            func_types: HashMap::new(),
            types: (*rt.mach.prog.types).clone(),
            std: checked.std,
            link: Link {
                prev: Arc::clone(&rt.mach.prog),
                funcs: HashMap::new(),
                globals: HashMap::new(),
                next_global,
                wrappers: HashMap::new(),
                boxed: Default::default(),
            },
            undo: None,
            origin: None,
            rt,
        }
    }

    /// The source for messages about `input` given after the session so far.
    fn source_with(&self, input: &str) -> Source {
        Source::new(FILE, format!("{}{input}", self.text))
    }

    /// Parses `input` at the end of the session text (see the module comment).
    fn parse(&self, input: &str) -> Result<File, String> {
        // Byte for byte (spans are byte offsets): a newline stays, anything else is a space.
        let blank: String = self
            .text
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' })
            .collect();
        let mut parsed = crate::parser::parse(&format!("{blank}{input}"));
        if let Some(pkg) = parsed.file.as_ref().and_then(|f| f.package.as_ref()) {
            // A pasted `package main`: the declarations that follow are the input.
            let text = format!("{blank}{input}");
            let hi = pkg.span.hi as usize;
            let lo = text[..hi].rfind("package").unwrap_or(0);
            let unpackaged = format!("{}{}{}", &text[..lo], " ".repeat(hi - lo), &text[hi..]);
            parsed = crate::parser::parse(&unpackaged);
        }
        let errors = parsed.diags.iter().any(|d| d.severity == Severity::Error);
        match parsed.file {
            Some(f) if !errors => Ok(f),
            _ => Err(self.render(input, &parsed.diags)),
        }
    }

    fn render(&self, input: &str, diags: &[Diagnostic]) -> String {
        let mut src = self.source_with(input);
        let base = self.text.len() as u32;
        let shifted: Vec<Diagnostic>;
        let mut diags = diags;
        if let Some(path) = &self.origin {
            // A loaded file's messages are about the file: spans made relative to it.
            if diags.iter().all(|d| d.span().lo >= base) {
                shifted = diags
                    .iter()
                    .map(|d| {
                        let mut d = d.clone();
                        for l in &mut d.labels {
                            l.span.lo = l.span.lo.saturating_sub(base);
                            l.span.hi = l.span.hi.saturating_sub(base);
                        }
                        d
                    })
                    .collect();
                diags = &shifted;
                src = Source::new(path, input);
            }
        }
        let style = crate::driver::stderr_style();
        if !style.picture {
            return render::render_all(&src, diags, style);
        }
        // At a terminal: one line and a caret each (see `render::caret`), Go's order and limit.
        let mut out = String::new();
        for (i, d) in diags.iter().enumerate() {
            if i == crate::diag::MAX_ERRORS {
                out.push_str(&format!("{}: too many errors\n", src.position(d.span().lo)));
                break;
            }
            out.push_str(&render::caret(&src, d, style.color));
        }
        out
    }

    fn seed(&self, attempt: &Attempt) -> Seed {
        let link = &attempt.link;
        Seed {
            funcs: attempt.seeded.clone(),
            types: self.types.clone(),
            std: self.std.clone(),
            named: self.named.clone(),
            linked_named: self.linked_named.clone(),
            // A linked package's variables (`time.UTC`, `io.EOF`...: qualified names) too: the
            // package linked into the input again leaves their declarations out
            // (`drop_relinked`), so they keep their slots and values.
            vars: link
                .globals
                .iter()
                .map(|(n, &(_, t))| (n.clone(), t))
                .collect(),
        }
    }

    /// `eval` of a file's text (`:load`): messages give the file's name and positions.
    pub fn eval_file(&mut self, path: &str, input: &str) -> Result<Accepted, String> {
        self.origin = Some(path.to_string());
        let r = self.eval(input);
        self.origin = None;
        r
    }

    /// Checks and compiles `input`, installs its program and returns its entry (run it with
    /// `rt.start`); or the rendered diagnostics, with the session unchanged.
    pub fn eval(&mut self, input: &str) -> Result<Accepted, String> {
        self.undo = None;
        let input = format!("{}\n", input.trim_end_matches('\n'));
        let base = self.text.len() as u32;
        let mut file = self.parse(&input)?;
        let mut src = self.source_with(&input);
        // Top-level expression statements print their values; calls only if they have results
        // (known after checking), so those are wrapped on a second pass.
        for item in &mut file.items {
            if let Item::Stmt(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) = item
            {
                if !matches!(strip_parens(e).kind, ExprKind::Call { .. }) {
                    wrap_in_print(e);
                }
            }
        }
        let mut attempt = self.attempt(file.items, true);
        // The gol-source packages the session uses (`slices.Sort`): linked into every input's
        // file after its own items, never carried (the next input links them again).
        let mut unlinked = attempt.file.items.len();
        let mut ncarried_at_link = attempt.ncarried;
        let link_diags = crate::link::link_all(&mut attempt.file, &mut src);
        if link_diags.iter().any(|d| d.severity == Severity::Error) {
            return Err(self.render(&input, &link_diags));
        }
        let mut linked = attempt.file.items.split_off(unlinked);
        self.drop_relinked(&mut linked, &attempt.link, &src);
        attempt
            .file
            .items
            .extend(linked.into_iter().filter(|it| !is_dropped(it)));
        let mut notes = String::new();
        let mut wrapped_calls = false;
        let checked = loop {
            let checked = types::check_seeded(&attempt.file, &src, self.seed(&attempt));
            let errors: Vec<&Diagnostic> = checked
                .diags
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .collect();
            if let Some(old) = errors.iter().find(|d| d.span().lo < base) {
                // A carried declaration no longer checks (what it used was redefined): drop it.
                let at = old.span().lo;
                let Some(i) = attempt.file.items[..attempt.ncarried]
                    .iter()
                    .position(|it| contains(it, at))
                else {
                    return Err(self.render(&input, &checked.diags));
                };
                let item = attempt.file.items.remove(i);
                attempt.ncarried -= 1;
                if self
                    .pending
                    .iter()
                    .any(|p| item_span(p) == item_span(&item))
                {
                    continue; // still waiting for a declaration
                }
                attempt.link.funcs.clear();
                // Every carried function is compiled again: it needs its body back, and those
                // left out of the file go back in.
                self.restore_bodies(&mut attempt.file.items[..attempt.ncarried]);
                let back: Vec<Item> = std::mem::take(&mut attempt.omitted)
                    .into_iter()
                    .map(|i| self.decls[i].clone())
                    .collect();
                attempt.seeded.clear();
                let n = back.len();
                attempt
                    .file
                    .items
                    .splice(attempt.ncarried..attempt.ncarried, back);
                attempt.ncarried += n;
                ncarried_at_link += n;
                unlinked += n;
                notes.push_str(&format!(
                    "{FILE}: dropped the declaration of {} ({}: {})\n",
                    declared_names(&item).join(", "),
                    src.position(at),
                    old.message
                ));
                continue;
            }
            // Calls with results (and conversions, `len(x)`...: "not used" errors) print them.
            if !wrapped_calls {
                wrapped_calls = true;
                if wrap_calls_with_results(&mut attempt.file.items[attempt.ncarried..], &checked) {
                    continue;
                }
            }
            if !errors.is_empty() {
                // (`undefined: fmt.Prinln` is a typo, not a name declared later.)
                let all_undefined = errors.iter().all(|d| {
                    d.code == tcodes::UNDEFINED
                        && d.message.starts_with("undefined: ")
                        && !d.message.contains('.')
                });
                let shown: Vec<Diagnostic> = checked
                    .diags
                    .iter()
                    .filter(|d| !quiet(d))
                    .cloned()
                    .collect();
                let mut msg = self.render(&input, &shown);
                // Declarations that only miss names (a program pasted `main` first) wait.
                let linked_from = unlinked - (ncarried_at_link - attempt.ncarried);
                let new = &attempt.file.items[attempt.ncarried..linked_from];
                if new.iter().all(|i| {
                    matches!(
                        i,
                        Item::Func(_)
                            | Item::Decl(GenDecl {
                                kind: DeclKind::Type(_) | DeclKind::Const(_) | DeclKind::Import(_),
                                ..
                            })
                    )
                }) && all_undefined
                    && self.origin.is_none()
                {
                    let names: Vec<String> = new.iter().flat_map(declared_names).collect();
                    let mut missing: Vec<&str> = errors
                        .iter()
                        .map(|d| d.message.trim_start_matches("undefined: "))
                        .collect();
                    missing.dedup();
                    msg = format!(
                        "{FILE}: {} uses {}, not declared yet: kept until it is\n",
                        names.join(", "),
                        missing.join(", ")
                    );
                    self.pending
                        .retain(|p| !declared_names(p).iter().any(|n| names.contains(n)));
                    // (Not the linked packages' items, at the end.)
                    attempt.file.items.truncate(linked_from);
                    self.pending
                        .extend(attempt.file.items.split_off(attempt.ncarried));
                    self.text.push_str(&input);
                }
                return Err(msg);
            }
            break checked;
        };
        let shown: Vec<Diagnostic> = checked
            .diags
            .iter()
            .filter(|d| !quiet(d))
            .cloned()
            .collect();
        notes.push_str(&self.render(&input, &shown));
        if !checked.info.limits.is_empty() {
            // What gol lacks (types/stdapi.rs).
            return Err(self.render(&input, &checked.info.limits));
        }
        let Checked {
            types, info, std, ..
        } = checked;
        let mut link = attempt.link;
        let prog = compiler::compile_linked(&attempt.file, &info, types, &std, &src, &mut link)
            .map_err(|d| self.render(&input, &[d]))?;
        if prog.nglobals as usize > crate::vm::machine::SESSION_GLOBALS {
            return Err(format!(
                "{FILE}: too many variables in one session ({}; :reset starts afresh)\n",
                crate::vm::machine::SESSION_GLOBALS
            ));
        }
        let prog = Verified::extending(&self.rt.mach.prog, prog)
            .map_err(|e| format!("gol: internal error: invalid bytecode: {e}\n"))?;
        let entry = prog.program().init.expect("a compiled input has an entry");
        // Accepted: commit. (Pending declarations accepted now are among the carried items.)
        let pending_before = self.pending.clone();
        let mut new_named = Vec::new();
        let mut new_func_types = Vec::new();
        for item in &attempt.file.items {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Type(specs),
                ..
            }) = item
            {
                for s in specs.iter().filter(|s| !s.alias) {
                    if let Some(types::scope::ObjKind::TypeName { ty }) =
                        info.globals.get(&s.name.name)
                    {
                        if self.named.insert(s.name.span.lo, *ty).is_none() {
                            new_named.push(s.name.span.lo);
                        }
                    }
                }
            }
        }
        for item in &attempt.file.items {
            if let Item::Func(f) = item {
                if let (None, true, Some(types::scope::ObjKind::Func { ty })) = (
                    &f.recv,
                    f.tparams.is_empty(),
                    info.globals.get(&f.name.name),
                ) {
                    if self.func_types.insert(f.name.span.lo, *ty).is_none() {
                        new_func_types.push(f.name.span.lo);
                    }
                }
            }
        }
        for item in &attempt.file.items[unlinked.min(attempt.file.items.len())..] {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Type(specs),
                ..
            }) = item
            {
                for s in specs
                    .iter()
                    .filter(|s| !s.alias && s.name.name.contains('.'))
                {
                    if let Some(types::scope::ObjKind::TypeName { ty }) =
                        info.globals.get(&s.name.name)
                    {
                        self.linked_named.insert(s.name.name.clone(), *ty);
                    }
                }
            }
        }
        let new_files: Vec<String> = src
            .file_names()
            .into_iter()
            .skip(1)
            .filter(|f| self.linked_files.insert(f.clone()))
            .collect();
        self.types = (*prog.program().types).clone();
        self.std = std;
        self.rt.mach.extend_program(prog);
        link.prev = Arc::clone(&self.rt.mach.prog);
        // A top-level `:=` gave an existing variable a new slot after this input's functions
        // were compiled: the next input compiles them again, against the new slot.
        let renewed = attempt.file.items[attempt.ncarried..]
            .iter()
            .flat_map(defined_names)
            .any(|n| self.link.globals.contains_key(&n));
        if renewed {
            link.funcs.clear();
        }
        let link_before = std::mem::replace(&mut self.link, link);
        let mut items = attempt.file.items;
        items.truncate(unlinked - (ncarried_at_link - attempt.ncarried));
        let omitted: Vec<u32> = attempt
            .omitted
            .iter()
            .map(|&i| item_span(&self.decls[i]).lo)
            .collect();
        // Carried functions without their bodies: the originals are moved back (not cloned).
        let mut old: HashMap<u32, Item> = std::mem::take(&mut self.decls)
            .into_iter()
            .map(|d| (item_span(&d).lo, d))
            .collect();
        let old_spans: std::collections::HashSet<u32> = old.keys().copied().collect();
        for it in &mut items[..attempt.ncarried] {
            if let Item::Func(FuncDecl {
                body: None, span, ..
            }) = it
            {
                if let Some(orig) = old.remove(&span.lo) {
                    *it = orig;
                }
            }
        }
        let new = items.split_off(attempt.ncarried);
        // The carried functions left out of the file, unchanged (before the others: the order
        // of package-level declarations does not matter).
        let mut decls: Vec<Item> = omitted.iter().filter_map(|lo| old.remove(lo)).collect();
        let new_names: Vec<String> = new.iter().flat_map(declared_names).collect();
        self.pending.retain(|p| {
            !items.iter().any(|i| item_span(i) == item_span(p))
                && !declared_names(p).iter().any(|n| new_names.contains(n))
        });
        decls.extend(items);
        decls.extend(new.into_iter().filter(carried));
        let added = decls
            .iter()
            .map(|d| item_span(d).lo)
            .filter(|lo| !old_spans.contains(lo))
            .collect();
        self.decls = decls;
        self.undo = Some(Undo {
            added,
            removed: old.into_values().collect(),
            pending: pending_before,
            named: new_named,
            func_types: new_func_types,
            link: link_before,
            linked_files: new_files,
        });
        self.text.push_str(&input);
        Ok(Accepted { entry, notes })
    }

    /// The last accepted input's run failed: it declares nothing (its text stays, so positions
    /// of goroutines it started stay right).
    pub fn rollback(&mut self) {
        let Some(undo) = self.undo.take() else {
            return;
        };
        self.decls
            .retain(|d| !undo.added.contains(&item_span(d).lo));
        let kept: std::collections::HashSet<u32> =
            self.decls.iter().map(|d| item_span(d).lo).collect();
        self.decls.extend(
            undo.removed
                .into_iter()
                .filter(|d| !kept.contains(&item_span(d).lo) && carried(d)),
        );
        self.pending = undo.pending;
        for lo in undo.named {
            self.named.remove(&lo);
        }
        for lo in undo.func_types {
            self.func_types.remove(&lo);
        }
        for f in undo.linked_files {
            self.linked_files.remove(&f);
        }
        let mut link = undo.link;
        link.prev = Arc::clone(&self.link.prev);
        link.next_global = self.link.next_global;
        self.link = link;
    }

    /// Leaves out of the packages linked into an input what an earlier input already ran: the
    /// variables that have slots in `link` (a `var` whose names all do), and the `init`
    /// functions of files linked before. They become `is_dropped` placeholders.
    fn drop_relinked(&self, linked: &mut [Item], link: &Link, src: &Source) {
        for item in linked {
            let drop = match item {
                Item::Decl(GenDecl {
                    kind: DeclKind::Var(specs),
                    ..
                }) => {
                    specs.retain(|s| {
                        let named = s.names.iter().filter(|n| n.name != "_");
                        !(named.clone().count() > 0
                            && named
                                .into_iter()
                                .all(|n| link.globals.contains_key(&n.name)))
                    });
                    specs.is_empty()
                }
                Item::Func(f) if f.recv.is_none() && f.name.name == "init" => {
                    let names = src.file_names();
                    let file = &names[src.file_index(f.span.lo)];
                    self.linked_files.contains(file)
                }
                _ => false,
            };
            if drop {
                *item = dropped();
            }
        }
    }

    /// The file for an input's `items`: carried declarations not redeclared by the input (and
    /// the pending ones, if `pending`), then the input; and the link without the variables the
    /// input redeclares at package level.
    fn attempt(&self, items: Vec<Item>, pending: bool) -> Attempt {
        let new_names: Vec<String> = items.iter().flat_map(declared_names).collect();
        // Top-level `:=` names replace declarations too, but the old variable stays visible to
        // the right-hand side (`x := x + 1`): its new slot is made by the compiler.
        let defined: Vec<String> = items.iter().flat_map(defined_names).collect();
        let mut link = Link {
            prev: Arc::clone(&self.link.prev),
            funcs: self.link.funcs.clone(),
            globals: self.link.globals.clone(),
            next_global: self.link.next_global,
            wrappers: self.link.wrappers.clone(),
            boxed: self.link.boxed.clone(),
        };
        if new_names.iter().any(|n| link.globals.contains_key(n)) {
            link.funcs.clear(); // functions using the old variable must use the new one
        }
        link.globals.retain(|n, _| !new_names.contains(n));
        let mut kept: Vec<(usize, &Item)> = Vec::new();
        let replaced = |n: &String| new_names.contains(n) || defined.contains(n);
        for (i, d) in self.decls.iter().enumerate() {
            // (A function's name without building the list: this runs for every declaration.)
            let hit = match d {
                Item::Func(f) if f.recv.is_none() && f.name.name != "init" => {
                    replaced(&f.name.name)
                }
                _ => declared_names(d).iter().any(replaced),
            };
            if hit {
                link.funcs.clear(); // a redefinition: compile every carried function again
            } else {
                kept.push((i, d));
            }
        }
        // Functions the link keeps compiled are carried as signatures: their bodies were
        // checked when they were accepted, and nothing they use changed (else the link would
        // have been cleared), so an input costs what it contains, not the session's size.
        // Those without a receiver are left out of the file altogether: the checker is given
        // their signature types (`Seed::funcs`), the compiler their ids (the link's).
        let mut carried: Vec<Item> = Vec::new();
        let mut seeded = Vec::new();
        let mut omitted = Vec::new();
        for (i, d) in kept {
            if let Item::Func(f) = d {
                let ty = self.func_types.get(&f.name.span.lo);
                if let (None, Some(&ty), true) = (&f.recv, ty, compiled(f, &link)) {
                    seeded.push((f.name.name.clone(), ty, f.name.span));
                    omitted.push(i);
                    continue;
                }
            }
            carried.push(signature_only(d, &link).unwrap_or_else(|| d.clone()));
        }
        if pending {
            let waiting = self
                .pending
                .iter()
                .filter(|d| !declared_names(d).iter().any(|n| new_names.contains(n)));
            carried.extend(waiting.cloned());
        }
        let ncarried = carried.len();
        carried.extend(items);
        Attempt {
            file: File {
                package: None,
                items: carried,
                linked_imports: Vec::new(),
            },
            ncarried,
            link,
            seeded,
            omitted,
        }
    }

    /// Gives carried functions made `signature_only` their bodies back (from `decls`).
    fn restore_bodies(&self, items: &mut [Item]) {
        let by_span: HashMap<u32, &Item> =
            self.decls.iter().map(|d| (item_span(d).lo, d)).collect();
        for it in items {
            if let Item::Func(f @ FuncDecl { body: None, .. }) = it {
                if let Some(Item::Func(orig)) = by_span.get(&f.span.lo) {
                    f.body = orig.body.clone();
                }
            }
        }
    }

    /// `:type EXPR`: the type of an expression, without running it.
    pub fn type_of(&self, expr: &str) -> Result<String, String> {
        let input = format!("{}\n", expr.trim_end_matches('\n'));
        let mut file = self.parse(&input)?;
        let src = self.source_with(&input);
        let [Item::Stmt(Stmt {
            kind: StmtKind::Expr(e),
            ..
        })] = file.items.as_mut_slice()
        else {
            return Err(format!("{FILE}: :type needs one expression\n"));
        };
        // Checked as an argument (an expression statement would be "not used").
        wrap_in_print(e);
        let attempt = self.attempt(file.items, false);
        let checked = types::check_seeded(&attempt.file, &src, self.seed(&attempt));
        // The wrapped argument may be a type (`:type int`): not an error here.
        let whole_type = format!("{} (type) is not an expression", expr.trim());
        let errors: Vec<Diagnostic> = checked
            .diags
            .iter()
            .filter(|d| d.severity == Severity::Error && d.message != whole_type)
            .cloned()
            .collect();
        if !errors.is_empty() {
            return Err(self.render(&input, &errors));
        }
        let Some(Item::Stmt(Stmt {
            kind: StmtKind::Expr(call),
            ..
        })) = attempt.file.items.last()
        else {
            unreachable!("checked above")
        };
        let ExprKind::Call { args, .. } = &call.kind else {
            unreachable!("wrapped above")
        };
        let e = &args[0];
        let info = checked.info.get(e);
        let ty = info.map_or(TypeId::INVALID, |i| i.ty);
        Ok(match info.map(|i| &i.mode) {
            Some(types::operand::Mode::NoValue) => "(no value)".to_string(),
            Some(types::operand::Mode::Type) => format!(
                "{} (type)",
                checked
                    .types
                    .display(ty, Spelling::Compiler { local: "main" })
            ),
            Some(types::operand::Mode::Package) => "(package)".to_string(),
            _ => checked
                .types
                .display(ty, Spelling::Compiler { local: "main" }),
        })
    }

    /// Names to complete: declared functions, types, constants, variables and imports.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .decls
            .iter()
            .flat_map(declared_names)
            .filter(|n| !n.contains('.'))
            .collect();
        v.extend(self.link.globals.keys().cloned());
        v.sort();
        v.dedup();
        v
    }
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

/// Diagnostics the prompt does not show: unused variables and imports (an input often declares
/// what the next one uses).
fn quiet(d: &Diagnostic) -> bool {
    d.severity != Severity::Error && (d.code == tcodes::UNUSED || d.code == tcodes::UNUSED_IMPORT)
}

/// Whether an accepted input's item is carried into later inputs.
fn carried(item: &Item) -> bool {
    match item {
        Item::Func(f) => f.recv.is_some() || f.name.name != "init",
        Item::Decl(d) => !matches!(d.kind, DeclKind::Var(_)),
        Item::Stmt(_) => false,
    }
}

/// The package-level names an item declares (methods as `T.m`).
fn declared_names(item: &Item) -> Vec<String> {
    match item {
        Item::Func(f) => match &f.recv {
            None if f.name.name == "init" => vec![],
            None => vec![f.name.name.clone()],
            Some(r) => vec![format!("{}.{}", recv_base(&r.ty), f.name.name)],
        },
        Item::Decl(d) => match &d.kind {
            DeclKind::Import(specs) => specs
                .iter()
                .map(|s| match &s.name {
                    Some(n) => n.name.clone(),
                    None => s.path.rsplit('/').next().unwrap_or(&s.path).to_string(),
                })
                .collect(),
            DeclKind::Const(specs) | DeclKind::Var(specs) => specs
                .iter()
                .flat_map(|s| s.names.iter().map(|n| n.name.clone()))
                .collect(),
            DeclKind::Type(specs) => specs.iter().map(|s| s.name.name.clone()).collect(),
        },
        Item::Stmt(_) => vec![],
    }
    .into_iter()
    .filter(|n| n != "_")
    .collect()
}

/// The names a top-level `:=` declares.
fn defined_names(item: &Item) -> Vec<String> {
    match item {
        Item::Stmt(Stmt {
            kind:
                StmtKind::Assign {
                    lhs,
                    op: AssignOp::Define,
                    ..
                },
            ..
        }) => lhs
            .iter()
            .filter_map(|e| match &e.kind {
                ExprKind::Ident(n) if n != "_" => Some(n.clone()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

fn recv_base(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Star(x) | ExprKind::Paren(x) => recv_base(x),
        ExprKind::Index(x, _) => recv_base(x),
        ExprKind::Ident(n) => n.clone(),
        _ => String::new(),
    }
}

/// A carried function without its body, if the link keeps its compiled code (unchanged since it
/// was compiled, matched by the compiler's key and name span) and it is not generic (instances
/// are made from bodies).
fn signature_only(d: &Item, link: &Link) -> Option<Item> {
    let Item::Func(f) = d else { return None };
    if !compiled(f, link) {
        return None;
    }
    Some(Item::Func(FuncDecl {
        recv: f.recv.clone(),
        name: f.name.clone(),
        tparams: Vec::new(),
        sig: f.sig.clone(),
        body: None,
        span: f.span,
    }))
}

/// Whether the link keeps `f`'s compiled code (see `signature_only`).
fn compiled(f: &FuncDecl, link: &Link) -> bool {
    if !f.tparams.is_empty() || f.body.is_none() {
        return false;
    }
    let owned;
    let key = match &f.recv {
        None => &f.name.name,
        Some(r) => {
            let mut t = &r.ty;
            while let ExprKind::Star(x) | ExprKind::Paren(x) = &t.kind {
                t = x;
            }
            let ExprKind::Ident(n) = &t.kind else {
                return false; // a generic receiver (`Stack[T]`)
            };
            owned = format!("{n}.{}", f.name.name);
            &owned
        }
    };
    link.funcs
        .get(key)
        .is_some_and(|&(_, lo)| lo == f.name.span.lo)
}

fn item_span(item: &Item) -> Span {
    match item {
        Item::Func(f) => f.span,
        Item::Decl(d) => d.span,
        Item::Stmt(s) => s.span,
    }
}

fn contains(item: &Item, at: u32) -> bool {
    let s = item_span(item);
    s.lo <= at && at < s.hi.max(s.lo + 1)
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

/// `e` → `fmt.Println(e)`, spanned as `e` (so messages about `e` point at it).
fn wrap_in_print(e: &mut Expr) {
    let span = e.span;
    let inner = std::mem::replace(
        e,
        Expr {
            kind: ExprKind::Bad,
            span,
        },
    );
    let pkg = Expr {
        kind: ExprKind::Ident("fmt".into()),
        span,
    };
    let func = Expr {
        kind: ExprKind::Selector(
            Box::new(pkg),
            Ident {
                name: "Println".into(),
                span,
            },
        ),
        span,
    };
    *e = Expr {
        kind: ExprKind::Call {
            func: Box::new(func),
            args: vec![inner],
            ellipsis: false,
        },
        span,
    };
}

/// Wraps the top-level call statements whose results are ignored (as `x` alone would print
/// `x`); whether any was.
fn wrap_calls_with_results(items: &mut [Item], checked: &Checked) -> bool {
    let mut any = false;
    for item in items {
        let Item::Stmt(Stmt {
            kind: StmtKind::Expr(e),
            ..
        }) = item
        else {
            continue;
        };
        let Some(info) = checked.info.get(e) else {
            continue;
        };
        if matches!(
            info.mode,
            types::operand::Mode::NoValue | types::operand::Mode::Invalid
        ) {
            continue;
        }
        if matches!(checked.types.get(info.ty), Type::Tuple(ts) if ts.is_empty()) || writes(e) {
            continue;
        }
        wrap_in_print(e);
        any = true;
    }
    any
}

/// A call made for its output, whose results (a count and an error) nobody wants to see:
/// `fmt.Print*`, `fmt.Fprint*`, and `Write*` methods (`w.Write(p)`, `sb.WriteString(s)`).
fn writes(call: &Expr) -> bool {
    let ExprKind::Call { func, .. } = &strip_parens(call).kind else {
        return false;
    };
    let ExprKind::Selector(x, name) = &func.kind else {
        return false;
    };
    let fmt = matches!(&x.kind, ExprKind::Ident(p) if p == "fmt");
    (fmt && (name.name.starts_with("Print") || name.name.starts_with("Fprint")))
        || (!fmt && name.name.starts_with("Write"))
}

/// A linked item left out of an input (`Session::drop_relinked`): an empty `var` group.
fn dropped() -> Item {
    Item::Decl(GenDecl {
        kind: DeclKind::Var(Vec::new()),
        span: Span::default(),
    })
}

fn is_dropped(item: &Item) -> bool {
    matches!(item, Item::Decl(GenDecl { kind: DeclKind::Var(specs), .. }) if specs.is_empty())
}
