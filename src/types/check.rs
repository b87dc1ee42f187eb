//! CHECKER, package level. Input: a parsed file. Output: its declarations entered in the package
//! scope and resolved into the type table — named types with their underlying types and methods,
//! function signatures — and Go's errors for what is wrong at this level: redeclarations,
//! undefined or non-type names in types, invalid recursive types, invalid map keys, methods on
//! non-local types, duplicate methods, a field and a method with one name, `func main`'s
//! signature. Function bodies, constant values and variable initialisers are the next phase's
//! (not built yet); generic declarations are entered but not resolved yet.

use super::scope::{universe, ObjKind, Object, Scope};
use super::ty::{Method, Type, TypeId, Types};
use crate::ast::*;
use crate::diag::{Diagnostic, Severity};
use crate::span::{Source, Span};
use std::collections::HashMap;

/// The checker's diagnostics codes (E03xx, see diag/codes.rs).
pub mod codes {
    pub const REDECLARED: &str = "E0301";
    pub const UNDEFINED: &str = "E0302";
    pub const NOT_A_TYPE: &str = "E0303";
    pub const RECURSIVE_TYPE: &str = "E0304";
    pub const BAD_MAP_KEY: &str = "E0305";
    pub const BAD_METHOD: &str = "E0306";
    pub const BAD_MAIN: &str = "E0307";
    pub const UNUSED: &str = "E0308";
    pub const UNUSED_IMPORT: &str = "E0309";
    pub const NO_NEW_VARS: &str = "E0310";
    pub const LABEL: &str = "E0311";
    pub const MISSING_RETURN: &str = "E0312";
    pub const CONSTANT: &str = "E0313";
    pub const FLOW: &str = "E0314";
    pub const OPERATOR: &str = "E0315";
    pub const CALL: &str = "E0316";
    pub const ASSIGN: &str = "E0317";
}

/// What the package level produced.
pub struct Checked {
    pub types: Types,
    pub diags: Vec<Diagnostic>,
    /// What the compiler needs: the type of every expression, package-level objects.
    pub info: super::info::Info,
    /// The standard packages' members and named types in `types` (stdpkg.rs).
    pub std: super::stdpkg::StdPkgs,
}

/// Checks `file` (from `src`, for positions in messages) at the package level.
pub fn check(file: &File, src: &Source) -> Checked {
    finish(Checker::new(file, src))
}

/// What a REPL session carries from one input's check into the next (`repl/session.rs`), so
/// that every `TypeId` an earlier input's compiled code uses keeps its meaning.
pub struct Seed {
    /// The previous check's type table (after compilation), and its standard packages.
    pub types: Types,
    pub std: super::stdpkg::StdPkgs,
    /// Named types declared by earlier inputs, by the start of their name's span in the session
    /// text: re-checking the same declaration gives back the same type (its methods are
    /// collected again).
    pub named: HashMap<u32, TypeId>,
    /// Named types of the gol-source packages linked into earlier inputs, by qualified name
    /// (`time.Month`): the package linked again into this input declares them again, at other
    /// offsets, and gets the same types back.
    pub linked_named: HashMap<String, TypeId>,
    /// Package-level variables earlier inputs declared (with `var` or a top-level `:=`).
    pub vars: Vec<(String, TypeId)>,
    /// Functions earlier inputs declared that the input's file leaves out (checked then, and
    /// nothing they use changed since): name, signature type and name span.
    pub funcs: Vec<(String, TypeId, Span)>,
}

/// Checks one REPL input's file (the session's declarations and the input) in `seed`'s type
/// table: a type that existed keeps its id, new ones are appended.
pub fn check_seeded(file: &File, src: &Source, seed: Seed) -> Checked {
    // The seed's tables, not fresh ones: building the standard packages' declarations is half
    // of a small REPL input's check.
    let mut c = Checker::with_tables(file, src, seed.types, seed.std);
    c.reuse_named = seed.named;
    c.reuse_linked = seed.linked_named;
    for (name, ty) in seed.vars {
        let obj = Object {
            name,
            kind: ObjKind::Var { ty },
            decl: None,
        };
        let _ = c.pkg.insert(obj);
    }
    for (name, ty, span) in seed.funcs {
        let obj = Object {
            name,
            kind: ObjKind::Func { ty },
            decl: Some(span),
        };
        let _ = c.pkg.insert(obj);
    }
    finish(c)
}

fn finish(mut c: Checker) -> Checked {
    c.collect();
    c.resolve_types();
    c.resolve_value_types();
    c.resolve_funcs();
    c.check_map_keys();
    c.eval_package_consts();
    c.check_package_vars();
    c.resolve_bodies();
    let file = c.file;
    let specs: Vec<&ImportSpec> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Decl(GenDecl {
                kind: DeclKind::Import(specs),
                ..
            }) => Some(specs.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    c.std_imports(&specs);
    c.info.limits.sort_by_key(|d| d.span().lo);
    // A constant expression may be evaluated by more than one pass: report each error once.
    let mut diags = c.diags;
    diags.sort_by(|a, b| (a.span().lo, &a.message).cmp(&(b.span().lo, &b.message)));
    diags.dedup_by(|a, b| a.span() == b.span() && a.message == b.message);
    let diags = super::order::go_error_limit(c.file, diags);
    let mut info = c.info;
    info.globals = c
        .pkg
        .objects()
        .map(|o| (o.name.clone(), o.kind.clone()))
        .collect();
    info.imports = c.imports;
    Checked {
        types: c.types,
        diags,
        info,
        std: c.std,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Unresolved,
    Resolving,
    Resolved,
}

pub(super) struct TypeDecl<'a> {
    pub(super) spec: &'a TypeSpec,
    /// The named type (or, for an alias, its target once resolved).
    ty: TypeId,
    state: State,
}

pub(super) struct Checker<'a> {
    file: &'a File,
    src: &'a Source,
    pub(super) types: Types,
    pub(super) diags: Vec<Diagnostic>,
    universe: Scope,
    pkg: Scope,
    /// File scope: imported package names → import paths.
    imports: HashMap<String, String>,
    /// No package clause: standard packages may be used without importing them.
    script: bool,
    pub(super) decls: HashMap<String, TypeDecl<'a>>,
    /// Type declarations on the current by-value path (for invalid recursive types).
    pub(super) path: Vec<String>,
    /// Types of packages gol does not describe yet, by (path, name): opaque named types.
    foreign: HashMap<(String, String), TypeId>,
    /// Map key types to check once every declaration is resolved.
    pub(super) map_keys: Vec<(TypeId, Span)>,
    /// A `.` import brings names this phase cannot see: undefined names are not reported.
    pub(super) dot_import: bool,
    /// The paths imported with `.`, whose members `member.rs` resolves (`dot_member`).
    pub(super) dot_paths: Vec<String>,
    /// Package-level constants, evaluated on first use (constexpr.rs).
    pub(super) consts: HashMap<String, super::constexpr::ConstDecl<'a>>,
    pub(super) info: super::info::Info,
    /// Standard packages' members (stdpkg.rs).
    pub(super) std: super::stdpkg::StdPkgs,
    /// What the names bound inside the function being checked denote, innermost scope last
    /// (kept in step with the resolver's scopes): local constants and types are resolved here.
    pub(super) local_scopes: Vec<HashMap<String, LocalRef>>,
    /// The local type whose definition is being resolved, and whether it refers to itself by
    /// value (an invalid recursive type: left unknown).
    pub(super) resolving_local: Option<(TypeId, bool)>,
    /// Generic functions, and methods of generic types by their type's name (generic.rs).
    pub(super) generic_funcs: HashMap<String, &'a FuncDecl>,
    pub(super) generic_methods: HashMap<String, Vec<&'a FuncDecl>>,
    /// Instances made so far: functions (index in `info.instances`) and types, by
    /// (declaration, type arguments); and each instance type's declaration and arguments.
    pub(super) func_insts: HashMap<(String, Vec<TypeId>), usize>,
    pub(super) type_insts: HashMap<(String, Vec<TypeId>), TypeId>,
    pub(super) inst_args: HashMap<TypeId, (String, Vec<TypeId>)>,
    /// The next instance in `info.instances` whose body is to be checked.
    pub(super) inst_next: usize,
    pub(super) inst_overflow: bool,
    /// REPL: named types to reuse, by declaration name span start (`Seed::named`).
    reuse_named: HashMap<u32, TypeId>,
    /// REPL: linked packages' named types to reuse, by qualified name (`Seed::linked_named`).
    reuse_linked: HashMap<String, TypeId>,
    /// Type parameters (`tparam_type` stand-ins) whose constraint embeds `comparable`.
    pub(super) comparable_tparams: std::collections::HashSet<TypeId>,
}

/// What a name bound in a function body denotes, for types and constant expressions.
#[derive(Clone, Debug)]
pub(super) enum LocalRef {
    /// A variable, parameter, type parameter or anything else not a constant or a type.
    Value,
    /// A local type (defined or alias).
    Type(TypeId),
    /// A local constant (`None`: its value is unknown).
    Const(Option<super::constexpr::Const>),
}

impl<'a> Checker<'a> {
    fn new(file: &'a File, src: &'a Source) -> Checker<'a> {
        let mut types = Types::new();
        let std = super::stdpkg::StdPkgs::new(&mut types);
        Checker::with_tables(file, src, types, std)
    }

    fn with_tables(
        file: &'a File,
        src: &'a Source,
        types: Types,
        std: super::stdpkg::StdPkgs,
    ) -> Checker<'a> {
        Checker {
            std,
            file,
            src,
            types,
            diags: Vec::new(),
            universe: universe(),
            pkg: Scope::default(),
            imports: HashMap::new(),
            script: file.package.is_none(),
            decls: HashMap::new(),
            path: Vec::new(),
            foreign: HashMap::new(),
            map_keys: Vec::new(),
            dot_import: false,
            dot_paths: Vec::new(),
            consts: HashMap::new(),
            info: Default::default(),
            local_scopes: Vec::new(),
            resolving_local: None,
            generic_funcs: HashMap::new(),
            generic_methods: HashMap::new(),
            func_insts: HashMap::new(),
            type_insts: HashMap::new(),
            inst_args: HashMap::new(),
            inst_next: 0,
            inst_overflow: false,
            reuse_named: HashMap::new(),
            reuse_linked: HashMap::new(),
            comparable_tparams: Default::default(),
        }
    }

    /// Whether `span` is in the user's program rather than in a linked package's source: there,
    /// another package's unexported fields and methods are out of reach.
    pub(super) fn user_code(&self, span: Span) -> bool {
        self.src.in_first_file(span.lo)
    }

    /// Whether `t` is a defined type of another package than the program's (a standard type).
    pub(super) fn foreign_named(&self, t: TypeId) -> bool {
        // Types of gol-source packages are declared in "main" under their qualified names
        // (link.rs); an instance's name has its type arguments after `[`.
        self.types.named_info(t).is_some_and(|i| {
            let base = i.name.split('[').next().unwrap_or_default();
            i.pkg != "main" && !i.pkg.is_empty() || base.contains('.')
        })
    }

    pub(super) fn error(
        &mut self,
        code: &'static str,
        span: Span,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(code, span, msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub(super) fn position(&self, span: Span) -> String {
        self.src.position(span.lo)
    }

    /// Declares a package-level name, reporting Go's redeclaration error.
    fn declare(&mut self, name: &Ident, kind: ObjKind) {
        let obj = Object {
            name: name.name.clone(),
            kind,
            decl: Some(name.span),
        };
        if let Err(prev) = self.pkg.insert(obj) {
            let prev_span = prev.decl;
            let d = self.error(
                codes::REDECLARED,
                name.span,
                format!("{} redeclared in this block", name.name),
            );
            if let Some(p) = prev_span {
                d.labels.push(crate::diag::Label {
                    span: p,
                    message: format!("other declaration of {}", name.name),
                });
            }
        }
    }

    // ------------------------------------------------------------------ collection

    fn collect(&mut self) {
        let file = self.file;
        for item in &file.items {
            match item {
                Item::Decl(d) => self.collect_decl(d),
                Item::Func(f) => {
                    self.collect_generic(f);
                    if f.recv.is_none() {
                        self.collect_func(f);
                    }
                }
                Item::Stmt(_) => {}
            }
        }
    }

    fn collect_decl(&mut self, d: &'a GenDecl) {
        match &d.kind {
            DeclKind::Import(specs) => {
                for s in specs {
                    let name = match &s.name {
                        Some(n) => n.name.clone(),
                        None => import_name(&s.path).to_string(),
                    };
                    self.dot_import |= name == ".";
                    if name == "." {
                        self.dot_paths.push(s.path.clone());
                    }
                    if name != "_" && name != "." {
                        self.imports.insert(name, s.path.clone());
                    }
                }
            }
            DeclKind::Const(specs) | DeclKind::Var(specs) => {
                let is_const = matches!(d.kind, DeclKind::Const(_));
                if is_const {
                    self.collect_consts(specs);
                }
                for s in specs {
                    for n in &s.names {
                        // Types and values come with the expression phase.
                        let kind = if is_const {
                            ObjKind::Const {
                                ty: TypeId::INVALID,
                                value: super::constant::Value::Bool(false),
                            }
                        } else {
                            ObjKind::Var {
                                ty: TypeId::INVALID,
                            }
                        };
                        self.declare(n, kind);
                    }
                }
            }
            DeclKind::Type(specs) => {
                for s in specs {
                    let ty = if s.alias {
                        TypeId::INVALID
                    } else if let Some(t) = self.adopted_std_type(&s.name.name) {
                        t
                    } else if let Some(t) = self.reused_named(&s.name.name, s.name.span.lo) {
                        self.types.clear_methods(t);
                        t
                    } else {
                        self.types.new_named(&s.name.name, "main")
                    };
                    self.declare(&s.name, ObjKind::TypeName { ty });
                    if s.name.name != "_" && !self.decls.contains_key(&s.name.name) {
                        self.decls.insert(
                            s.name.name.clone(),
                            TypeDecl {
                                spec: s,
                                ty,
                                state: State::Unresolved,
                            },
                        );
                    }
                }
            }
        }
    }

    /// A constant group: each name gets its value expression (a spec without values repeats the
    /// previous one's type and expressions, with its own `iota`).
    fn collect_consts(&mut self, specs: &'a [ValueSpec]) {
        let mut prev: Option<&'a ValueSpec> = None;
        for (iota, s) in specs.iter().enumerate() {
            let source = if s.values.is_empty() && s.ty.is_none() {
                prev.unwrap_or(s)
            } else {
                s
            };
            prev = Some(source);
            for (i, n) in s.names.iter().enumerate() {
                if n.name == "_" || self.consts.contains_key(&n.name) {
                    continue;
                }
                let decl = super::constexpr::ConstDecl {
                    ty: source.ty.as_ref(),
                    value: source.values.get(i),
                    iota: iota as i64,
                    state: super::constexpr::EvalState::Todo,
                    at: (!std::ptr::eq(source, s)).then_some(n.span),
                };
                self.consts.insert(n.name.clone(), decl);
            }
        }
    }

    fn collect_func(&mut self, f: &FuncDecl) {
        // `init` functions are not declared: there may be many, and none can be referred to.
        if f.name.name == "init" {
            if f.recv.is_none() && (!f.sig.params.is_empty() || !f.sig.results.is_empty()) {
                self.error(
                    codes::BAD_MAIN,
                    f.name.span,
                    "func init must have no arguments and no return values",
                );
            }
            return;
        }
        if f.name.name == "main"
            && !self.script
            && (!f.sig.params.is_empty() || !f.sig.results.is_empty())
        {
            self.error(
                codes::BAD_MAIN,
                f.name.span,
                "func main must have no arguments and no return values",
            );
        }
        self.declare(
            &f.name,
            ObjKind::Func {
                ty: TypeId::INVALID,
            },
        );
    }

    // ------------------------------------------------------------------ type declarations

    fn resolve_types(&mut self) {
        let mut names: Vec<(u32, String)> = self
            .decls
            .iter()
            .map(|(n, d)| (d.spec.name.span.lo, n.clone()))
            .collect();
        names.sort();
        for (_, name) in names {
            self.resolve_decl(&name);
        }
    }

    /// Resolves the declaration `name` (if it is not already), detecting by-value cycles.
    fn resolve_decl(&mut self, name: &str) {
        let Some(d) = self.decls.get_mut(name) else {
            return;
        };
        if d.state != State::Unresolved {
            return;
        }
        d.state = State::Resolving;
        let (spec, ty) = (d.spec, d.ty);
        // Generic types wait for the phase that instantiates them.
        if !spec.tparams.is_empty() {
            self.decls.get_mut(name).expect("present").state = State::Resolved;
            return;
        }
        self.path.push(name.to_string());
        let rhs = self.type_expr(&spec.ty, true);
        self.path.pop();
        let d = self.decls.get_mut(name).expect("present");
        if d.state == State::Resolving {
            if spec.alias {
                d.ty = rhs;
                if let Some(obj) = self.pkg.lookup_mut(name) {
                    obj.kind = ObjKind::TypeName { ty: rhs };
                }
            } else if self.types.underlying(ty) == TypeId::INVALID {
                self.types.set_underlying(ty, rhs);
            }
        }
        self.decls.get_mut(name).expect("present").state = State::Resolved;
    }

    /// A by-value reference to the declared type `name` from the current path: resolve it now,
    /// or report the cycle if it is on the path.
    pub(super) fn direct_ref(&mut self, name: &str, at: Span) {
        let Some(d) = self.decls.get(name) else {
            return;
        };
        match d.state {
            State::Resolved => {}
            State::Unresolved => {
                self.resolve_decl(name);
            }
            State::Resolving => {
                let start = self.path.iter().position(|n| n == name).unwrap_or(0);
                let cycle: Vec<String> = self.path[start..].to_vec();
                self.report_cycle(&cycle, at);
            }
        }
    }

    fn report_cycle(&mut self, cycle: &[String], _at: Span) {
        // Go reports the cycle at the member declared first, listing the references from there.
        let spans: Vec<Span> = cycle.iter().map(|n| self.decls[n].spec.name.span).collect();
        let first = (0..cycle.len()).min_by_key(|&i| spans[i].lo).unwrap_or(0);
        let order: Vec<usize> = (0..cycle.len())
            .map(|k| (first + k) % cycle.len())
            .collect();
        let head = &cycle[order[0]];
        if cycle.len() == 1 {
            self.error(
                codes::RECURSIVE_TYPE,
                spans[order[0]],
                format!("invalid recursive type: {head} refers to itself"),
            );
        } else {
            let labels: Vec<crate::diag::Label> = order
                .iter()
                .enumerate()
                .map(|(k, &i)| crate::diag::Label {
                    span: spans[i],
                    message: format!(
                        "{} refers to {}",
                        cycle[i],
                        cycle[order[(k + 1) % order.len()]]
                    ),
                })
                .collect();
            let d = self.error(
                codes::RECURSIVE_TYPE,
                spans[order[0]],
                format!("invalid recursive type {head}"),
            );
            d.labels.extend(labels);
        }
        // Every member becomes invalid, so the cycle is reported once.
        for n in cycle {
            if let Some(d) = self.decls.get_mut(n) {
                d.state = State::Resolved;
                let ty = d.ty;
                if !d.spec.alias {
                    self.types.set_underlying(ty, TypeId::INVALID);
                }
            }
        }
    }

    /// What a name bound in the enclosing functions denotes (`None`: not a local name).
    pub(super) fn local_ref(&self, name: &str) -> Option<&LocalRef> {
        self.local_scopes.iter().rev().find_map(|s| s.get(name))
    }

    /// Sets the type of the package-level variable declared at `name`; whether it changed.
    pub(super) fn set_var_type(&mut self, name: &Ident, ty: TypeId) -> bool {
        match self.pkg.lookup_mut(&name.name) {
            Some(Object {
                kind: ObjKind::Var { ty: slot },
                decl,
                ..
            }) if *decl == Some(name.span) && *slot != ty => {
                *slot = ty;
                true
            }
            _ => false,
        }
    }

    /// Looks `name` up through the package scope and the universe.
    pub(super) fn lookup(&self, name: &str) -> Option<&Object> {
        self.pkg.lookup(name).or_else(|| self.universe.lookup(name))
    }

    /// The import path a package name refers to in this file (scripts import standard packages
    /// implicitly).
    pub(super) fn package_path(&self, name: &str) -> Option<String> {
        if self.lookup(name).is_some() {
            return None;
        }
        match self.imports.get(name) {
            Some(p) => Some(p.clone()),
            None if self.script && super::known_package(name) => Some(name.to_string()),
            None => None,
        }
    }

    /// REPL: the id an earlier input gave the declaration at `lo`, if it declared this name
    /// there (a linked package's text moves with every input, so an offset alone may name
    /// another type of it) and it is no table type.
    fn reused_named(&self, name: &str, lo: u32) -> Option<TypeId> {
        let &t = if name.contains('.') {
            self.reuse_linked.get(name)?
        } else {
            self.reuse_named.get(&lo)?
        };
        let same = self.types.named_info(t).is_some_and(|n| n.name == name);
        (same && !self.std.is_std_named(t)).then_some(t)
    }

    /// A type the `time` supplement declares that the native tables name too (`time.Time`,
    /// `time.Location`): the declaration completes the table's type (its fields and methods
    /// come from the gol source), so natives' signatures (`Timer.C`, `Context.Deadline`) and
    /// the gol code agree on one type.
    fn adopted_std_type(&mut self, name: &str) -> Option<TypeId> {
        let (pkg, member) = name.split_once('.')?;
        if pkg != "time" {
            return None;
        }
        let t = self.std.named_in(pkg, member)?;
        // The table's stand-in fields give way to the declaration's (resolve_decl sets them);
        // in a REPL session the methods a previous input's link declared go too.
        self.types.set_underlying(t, TypeId::INVALID);
        self.types.clear_methods(t);
        Some(t)
    }

    /// An opaque named type `pkg.Name` of a package gol does not describe yet.
    pub(super) fn foreign_type(&mut self, path: &str, name: &str) -> TypeId {
        if let Some(m) = self.std.lookup(&mut self.types, path, name) {
            if m.kind == super::stdpkg::MemberKind::Type {
                return m.ty;
            }
        }
        let key = (path.to_string(), name.to_string());
        if let Some(&t) = self.foreign.get(&key) {
            return t;
        }
        let short = path.rsplit('/').next().unwrap_or(path);
        let t = self.types.new_named(name, short);
        self.foreign.insert(key, t);
        t
    }

    pub(super) fn alias_decl(&self, name: &str) -> bool {
        self.decls.get(name).is_some_and(|d| d.spec.alias)
    }

    pub(super) fn source_slice(&self, span: Span) -> &str {
        self.src.text.get(span.range()).unwrap_or("")
    }

    pub(super) fn note_map_key(&mut self, key: TypeId, span: Span) {
        self.map_keys.push((key, span));
    }

    fn check_map_keys(&mut self) {
        let keys = std::mem::take(&mut self.map_keys);
        for (k, span) in keys {
            let u = self.types.underlying(k);
            if u != TypeId::INVALID && !self.types.comparable(k) {
                let shown = self
                    .types
                    .display(k, super::ty::Spelling::Compiler { local: "main" });
                self.error(
                    codes::BAD_MAP_KEY,
                    span,
                    format!("invalid map key type {shown}"),
                );
            }
        }
    }

    /// The declared types of package-level constants and variables (`var v T`); their values
    /// and inferred types come with the expression phase.
    fn resolve_value_types(&mut self) {
        let file = self.file;
        for item in &file.items {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Const(specs) | DeclKind::Var(specs),
                ..
            }) = item
            {
                for s in specs {
                    if let Some(t) = &s.ty {
                        let ty = self.type_expr(t, false);
                        for n in &s.names {
                            if let Some(obj) = self.pkg.lookup_mut(&n.name) {
                                if let ObjKind::Var { ty: slot } = &mut obj.kind {
                                    *slot = ty;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ functions and methods

    fn resolve_funcs(&mut self) {
        let file = self.file;
        let mut methods: HashMap<TypeId, Vec<(String, Span)>> = HashMap::new();
        for item in &file.items {
            let Item::Func(f) = item else { continue };
            if !f.tparams.is_empty() {
                continue; // generic: the next phase
            }
            match &f.recv {
                None => {
                    let sig = self.signature(&f.sig);
                    if let Some(obj) = self.pkg.lookup_mut(&f.name.name) {
                        if matches!(obj.kind, ObjKind::Func { .. }) && obj.decl == Some(f.name.span)
                        {
                            obj.kind = ObjKind::Func { ty: sig };
                        }
                    }
                }
                // The receiver decides whether the signature can be resolved now (its type
                // parameters are in scope in the signature of a method of a generic type).
                Some(recv) => self.method(f, recv, &mut methods),
            }
        }
    }

    fn method(
        &mut self,
        f: &FuncDecl,
        recv: &Field,
        seen: &mut HashMap<TypeId, Vec<(String, Span)>>,
    ) {
        let (base, pointer) = match &recv.ty.kind {
            ExprKind::Star(inner) => (inner.as_ref(), true),
            ExprKind::Paren(inner) => (inner.as_ref(), false),
            _ => (&recv.ty, false),
        };
        let ExprKind::Ident(name) = &base.kind else {
            // `func (T[K]) M()` and other forms: generic receivers wait for the next phase,
            // but a base that names no type is an error now (nothing would check it later).
            if let ExprKind::Index(x, _) = &base.kind {
                if let ExprKind::Ident(name) = &x.kind {
                    match self.lookup(name).map(|o| o.kind.clone()) {
                        Some(ObjKind::TypeName { .. }) => {}
                        Some(k) => {
                            let msg = format!("{name} ({}) is not a type", k.go_kind());
                            self.error(codes::NOT_A_TYPE, x.span, msg);
                        }
                        None => {
                            let msg = format!("undefined: {name}");
                            self.error(codes::UNDEFINED, x.span, msg);
                        }
                    }
                }
            }
            return;
        };
        let named = match self.lookup(name).map(|o| o.kind.clone()) {
            Some(ObjKind::TypeName { ty }) if self.decls.contains_key(name) => ty,
            Some(ObjKind::TypeName { .. }) => {
                let msg = format!("cannot define new methods on non-local type {name}");
                self.error(codes::BAD_METHOD, base.span, msg);
                return;
            }
            Some(k) => {
                let msg = format!("{name} ({}) is not a type", k.go_kind());
                self.error(codes::NOT_A_TYPE, base.span, msg);
                return;
            }
            None => {
                self.error(codes::UNDEFINED, base.span, format!("undefined: {name}"));
                return;
            }
        };
        if self
            .decls
            .get(name)
            .is_some_and(|d| !d.spec.tparams.is_empty())
            || !matches!(self.types.get(named), Type::Named(_))
        {
            return;
        }
        let sig = self.signature(&f.sig);
        let m = &f.name;
        if m.name != "_" {
            let list = seen.entry(named).or_default();
            if let Some((_, first)) = list.iter().find(|(n, _)| *n == m.name) {
                let at = self.position(*first);
                self.error(
                    codes::BAD_METHOD,
                    m.span,
                    format!("method {name}.{} already declared at {at}", m.name),
                );
                return;
            }
            list.push((m.name.clone(), m.span));
        }
        if let Type::Struct(fields) = self.types.get(self.types.underlying(named)) {
            if fields.iter().any(|fl| fl.name == m.name) {
                self.error(
                    codes::BAD_METHOD,
                    m.span,
                    format!("field and method with the same name {}", m.name),
                );
                return;
            }
        }
        self.types.add_method(
            named,
            Method {
                name: m.name.clone(),
                sig,
                pointer_receiver: pointer,
            },
        );
    }
}

impl Checker<'_> {
    /// Constant initialisers of package-level variables (`var b byte = 300`, `var x = 1 / 0`).
    fn check_package_vars(&mut self) {
        let file = self.file;
        for item in &file.items {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Var(specs),
                ..
            }) = item
            {
                for s in specs {
                    for v in &s.values {
                        self.const_init(
                            s.ty.as_ref(),
                            v,
                            None,
                            "variable declaration",
                            &|_| false,
                            v.span,
                        );
                    }
                }
            }
        }
    }

    /// Resolves names in every function body, package-level initialiser and (in a script) the
    /// top-level statements; then reports unused imports.
    fn resolve_bodies(&mut self) {
        let file = self.file;
        let script = self.script;
        let mut r = super::resolve::Resolver::new(self, script);
        // Package-level variables without a type take their initialisers' types; an initialiser
        // may use a variable declared after it, so this repeats until nothing changes.
        for _ in 0..8 {
            let before = r.c.diags.len();
            let mut changed = false;
            for item in &file.items {
                if let Item::Decl(d) = item {
                    changed |= r.package_var_types(d);
                }
            }
            r.c.diags.truncate(before);
            if !changed {
                break;
            }
        }
        let mut top = Vec::new();
        for item in &file.items {
            match item {
                Item::Decl(d) => r.package_decl(d),
                Item::Func(f) => match &f.body {
                    Some(b) => r.func(f.recv.as_ref(), &f.tparams, &f.sig, b),
                    None => r.signature_only(&f.sig),
                },
                Item::Stmt(s) => top.push(s),
            }
        }
        if !top.is_empty() {
            r.script_main(&top);
        }
        r.check_instances();
        let used = std::mem::take(&mut r.used_packages);
        self.unused_imports(&used);
        self.check_map_keys();
        // Control-flow structure, per function (and the script's main).
        for item in &file.items {
            if let Item::Func(FuncDecl { body: Some(b), .. }) = item {
                super::flow::check_body(self, b);
            }
        }
        if !top.is_empty() {
            let main = Block {
                stmts: top.iter().map(|s| (*s).clone()).collect(),
                span: Span::default(),
            };
            super::flow::check_body(self, &main);
        }
    }

    fn unused_imports(&mut self, used: &std::collections::HashSet<String>) {
        let file = self.file;
        for item in &file.items {
            let Item::Decl(GenDecl {
                kind: DeclKind::Import(specs),
                ..
            }) = item
            else {
                continue;
            };
            for s in specs {
                let (name, at, renamed) = match &s.name {
                    Some(n) => (n.name.clone(), n.span, true),
                    None => (import_name(&s.path).to_string(), s.path_span, false),
                };
                // `import "C"` is cgo's pseudo-package; outside the standard library and
                // golang.org/x the package name need not be the path's last element.
                if name == "_"
                    || name == "."
                    || s.path == "C"
                    || used.contains(&name)
                    || file.linked_imports.contains(&name)
                    || !name_is_certain(&s.path, s.name.is_some())
                {
                    continue;
                }
                let msg = if renamed && name != import_name(&s.path) {
                    format!("{:?} imported as {name} and not used", s.path)
                } else {
                    format!("{:?} imported and not used", s.path)
                };
                let sev = if self.script {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                self.error(codes::UNUSED_IMPORT, at, msg).severity = sev;
            }
        }
    }
}

/// Whether the name an import introduces is known without reading the package: a rename, a
/// standard package (no dot in its first element) or golang.org/x/....
fn name_is_certain(path: &str, renamed: bool) -> bool {
    renamed
        || !path.split('/').next().unwrap_or("").contains('.')
        || path.starts_with("golang.org/x/")
}

/// The package name an import path introduces: its last element, skipping a major version
/// suffix (`math/rand/v2` → `rand`).
pub fn import_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_version =
        last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    match (is_version, parts.next()) {
        (true, Some(prev)) => prev,
        _ => last,
    }
}

/// Whether all diagnostics are warnings (so the program may run).
pub fn ok(diags: &[Diagnostic]) -> bool {
    diags.iter().all(|d| d.severity != Severity::Error)
}
