//! CHECKER, names in function bodies. Input: the package's functions, methods and package-level
//! initialisers (and a script's top-level statements, as `main`'s body). Output: Go's errors for
//! names: `undefined: x`, `x redeclared in this block`, `no new variables on left side of :=`,
//! `declared and not used: x` (warnings in scripts), `"os" imported and not used`, and labels that
//! are undefined or unused. It needs no types: it is name resolution through block scopes.
//!
//! Rule against false errors: where a name might or might not be a use (a key in a composite
//! literal of unknown type may be a struct field name), it counts as a use, and is never reported
//! as undefined: this pass may miss an error, never invent one.
//! Go's notion of use: reading a variable, `x++`, `x += 1` and `x.f = ...` use `x`; `x = ...`
//! (also in a closure, a range clause or a tuple assignment) does not.

use super::check::{codes, Checker, LocalRef};
use super::scope::ObjKind;
use super::ty::{Type, TypeId};
use crate::ast::*;
use crate::diag::{Diagnostic, Label, Severity};
use crate::span::Span;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum LocalKind {
    /// A variable: reported if never used.
    Var,
    /// A parameter or result: a variable never reported as unused.
    Param,
    /// Parameters, results, constants, types, type parameters: never reported.
    Other,
    /// A local type whose definition is a struct type (its literals have field-name keys).
    StructType,
    /// A type switch's bound variable in one clause (its use is tracked across clauses).
    Bind,
}

pub(super) struct Local {
    pub name: String,
    pub span: Span,
    pub kind: LocalKind,
    pub used: bool,
    /// Its type when known (`INVALID` otherwise).
    pub ty: TypeId,
}

/// A Go label (a `goto`/`break`/`continue` target), not a diagnostic label.
pub(super) struct GoLabel {
    span: Span,
    used: bool,
}

pub(super) struct Resolver<'c, 'a> {
    pub(super) c: &'c mut Checker<'a>,
    pub(super) locals: Vec<Local>,
    /// Open scopes: each maps names to indices in `locals`.
    pub(super) scopes: Vec<HashMap<String, usize>>,
    /// Labels of the function being resolved (function-wide, may be used before they appear).
    pub(super) labels: HashMap<String, GoLabel>,
    pub(super) used_packages: HashSet<String>,
    /// In a script, unused variables and imports are warnings.
    script: bool,
    /// The signatures of the enclosing functions (for `return`), innermost last.
    pub(super) results: Vec<(TypeId, bool)>,
    /// Inside a constant declaration's values (`iota` is allowed).
    pub(super) in_const: bool,
    /// The receiver type of the method instance about to be checked (generic.rs).
    pub(super) inst_recv: Option<TypeId>,
}

/// What a composite literal's keys are: field names (struct), expressions (map, array, slice),
/// or unknown (a type this pass cannot see through).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Keys {
    Fields,
    Exprs,
    Unknown,
}

impl<'c, 'a> Resolver<'c, 'a> {
    pub(super) fn new(c: &'c mut Checker<'a>, script: bool) -> Self {
        Resolver {
            c,
            locals: Vec::new(),
            scopes: Vec::new(),
            labels: HashMap::new(),
            used_packages: HashSet::new(),
            script,
            results: Vec::new(),
            in_const: false,
            inst_recv: None,
        }
    }

    fn severity(&self) -> Severity {
        if self.script {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    // ------------------------------------------------------------------ scopes

    pub(super) fn open(&mut self) {
        self.scopes.push(HashMap::new());
        self.c.local_scopes.push(HashMap::new());
    }

    /// Closes the innermost scope, reporting its unused variables.
    pub(super) fn close(&mut self) {
        let Some(scope) = self.scopes.pop() else {
            return;
        };
        self.c.local_scopes.pop();
        let mut unused: Vec<(Span, String)> = scope
            .values()
            .map(|&i| &self.locals[i])
            .filter(|l| l.kind == LocalKind::Var && !l.used)
            .map(|l| (l.span, l.name.clone()))
            .collect();
        unused.sort_by_key(|(s, _)| s.lo);
        let sev = self.severity();
        for (span, name) in unused {
            let mut d = Diagnostic::error(
                codes::UNUSED,
                span,
                format!("declared and not used: {name}"),
            );
            d.severity = sev;
            self.c.diags.push(d);
        }
    }

    pub(super) fn declare(&mut self, name: &Ident, kind: LocalKind) -> usize {
        self.declare_as(name, kind, LocalRef::Value)
    }

    /// `declare`, saying what the name denotes in types and constant expressions.
    pub(super) fn declare_as(&mut self, name: &Ident, kind: LocalKind, what: LocalRef) -> usize {
        let idx = self.locals.len();
        self.locals.push(Local {
            name: name.name.clone(),
            span: name.span,
            kind,
            used: false,
            ty: TypeId::INVALID,
        });
        if name.name == "_" {
            return idx;
        }
        let scope = self.scopes.last_mut().expect("a scope is open");
        if let Some(&prev) = scope.get(&name.name) {
            let prev = self.locals[prev].span;
            let d = self.c.error(
                codes::REDECLARED,
                name.span,
                format!("{} redeclared in this block", name.name),
            );
            d.labels.push(Label {
                span: prev,
                message: format!("other declaration of {}", name.name),
            });
            // The earlier one stays in scope (and is not reported as unused because of this).
            self.locals[idx].used = true;
            return idx;
        }
        scope.insert(name.name.clone(), idx);
        if let Some(view) = self.c.local_scopes.last_mut() {
            view.insert(name.name.clone(), what);
        }
        idx
    }

    /// The names bound by enclosing functions here (they hide package-level constants).
    pub(super) fn visible_locals(&self) -> HashSet<String> {
        self.scopes.iter().flat_map(|s| s.keys().cloned()).collect()
    }

    pub(super) fn find_local(&self, name: &str) -> Option<usize> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    /// Resolves an identifier in an expression; `used` says whether this occurrence is a use.
    pub(super) fn ident(&mut self, name: &str, span: Span, used: bool) {
        if name == "_" {
            if used {
                self.c
                    .error(codes::UNDEFINED, span, "cannot use _ as value or type");
            }
            return;
        }
        if let Some(i) = self.find_local(name) {
            self.locals[i].used |= used;
            return;
        }
        if self.c.lookup(name).is_some() {
            return;
        }
        if self.c.package_path(name).is_some() {
            self.used_packages.insert(name.to_string());
            return;
        }
        if !self.c.dot_import && !self.c.source_member_missing(name, span) {
            self.c
                .error(codes::UNDEFINED, span, format!("undefined: {name}"));
        }
    }

    // ------------------------------------------------------------------ functions

    /// A package-level declaration: names used by its types and initialisers.
    pub(super) fn package_decl(&mut self, d: &GenDecl) {
        self.open();
        match &d.kind {
            DeclKind::Import(_) => {}
            DeclKind::Var(specs) => {
                for s in specs {
                    self.var_spec_types(s);
                }
            }
            DeclKind::Const(specs) => {
                let is_const = true;
                for s in specs {
                    if let Some(t) = &s.ty {
                        self.type_expr(t);
                    }
                    self.in_const = is_const;
                    for e in &s.values {
                        let op = self.operand(e);
                        if is_const {
                            self.not_constant(e, &op);
                        }
                    }
                    self.in_const = false;
                }
            }
            DeclKind::Type(specs) => {
                for s in specs {
                    self.open();
                    for tp in &s.tparams {
                        tp.names.iter().for_each(|n| {
                            self.declare(n, LocalKind::Other);
                        });
                    }
                    for tp in &s.tparams {
                        self.type_expr(&tp.ty);
                    }
                    self.type_expr(&s.ty);
                    self.close();
                }
            }
        }
        self.close();
    }

    /// A function declared without a body: only its signature's names.
    pub(super) fn signature_only(&mut self, sig: &FuncType) {
        self.open();
        self.params(sig);
        self.close();
    }

    pub(super) fn func(
        &mut self,
        recv: Option<&Field>,
        tparams: &[Field],
        sig: &FuncType,
        body: &Block,
    ) {
        let outer_labels = std::mem::take(&mut self.labels);
        self.collect_labels(&body.stmts);
        self.open();
        let mut receiver: Option<(&Field, TypeId)> = None;
        if let (Some(r), Some(rt)) = (recv, self.inst_recv.take()) {
            // A method instance: the receiver's type parameters are bound already.
            self.c.info.record(&r.ty, rt, &super::operand::Mode::Type);
            receiver = Some((r, rt));
        } else if let Some(r) = recv {
            // The receiver's type parameters: `func (s *Stack[T]) Push(v T)`.
            let mut base = &r.ty;
            while let ExprKind::Star(x) | ExprKind::Paren(x) = &base.kind {
                base = x;
            }
            if let ExprKind::Index(b, args) = &base.kind {
                self.type_expr(b);
                for a in args {
                    if let ExprKind::Ident(n) = &a.kind {
                        self.declare(
                            &Ident {
                                name: n.clone(),
                                span: a.span,
                            },
                            LocalKind::Other,
                        );
                    }
                }
            } else {
                self.type_expr(base);
            }
            // The receiver's name is declared after the signature's types are resolved: in
            // `func (lcs lcs) prepend() lcs` the result type is the type, not the receiver.
            let rty = if matches!(base.kind, ExprKind::Index(..)) {
                TypeId::INVALID
            } else {
                self.local_type(&r.ty)
            };
            receiver = Some((r, rty));
        }
        for tp in tparams {
            for n in &tp.names {
                match self.c.tparam_type(&n.name, &tp.ty) {
                    Some(t) => self.declare_as(n, LocalKind::Other, LocalRef::Type(t)),
                    None => self.declare(n, LocalKind::Other),
                };
            }
        }
        for tp in tparams {
            self.type_expr(&tp.ty);
            self.c.check_constraint_instance(&tp.ty);
        }
        let sig_ty = self.signature_type(sig);
        let receiver_decl = receiver.take();
        let named = sig.results.iter().any(|f| !f.names.is_empty());
        self.results.push((sig_ty, named));
        self.params(sig);
        if let Some((r, rty)) = receiver_decl {
            for n in &r.names {
                let i = self.declare(n, LocalKind::Param);
                self.locals[i].ty = rty;
            }
        }
        self.stmts(&body.stmts);
        self.results.pop();
        self.close();
        self.report_labels();
        self.labels = outer_labels;
        self.missing_return(sig, body);
    }

    /// A function with results must end in a terminating statement (Go: `missing return`, at
    /// the closing brace).
    pub(super) fn missing_return(&mut self, sig: &FuncType, body: &Block) {
        if sig.results.is_empty() {
            return;
        }
        let panic_is_builtin = self.find_local("panic").is_none()
            && self.c.lookup("panic").is_some_and(|o| o.decl.is_none());
        if !super::terminate::ends_terminating(&body.stmts, panic_is_builtin) {
            let close = Span::new(body.span.hi as usize - 1, body.span.hi as usize);
            self.c.error(codes::MISSING_RETURN, close, "missing return");
        }
    }

    /// Declares a signature's parameters and results in the current scope (never "unused").
    pub(super) fn params(&mut self, sig: &FuncType) {
        for f in sig.params.iter().chain(&sig.results) {
            self.type_expr(&f.ty);
        }
        for f in sig.params.iter().chain(&sig.results) {
            let ty = match &f.ty.kind {
                ExprKind::Ellipsis(Some(el)) => match self.local_type(el) {
                    TypeId::INVALID => TypeId::INVALID,
                    t => self.c.types.slice(t),
                },
                _ => self.local_type(&f.ty),
            };
            for n in &f.names {
                // Duplicates were reported with the signature (check.rs / typexpr.rs).
                if self.scopes.last().is_some_and(|s| s.contains_key(&n.name)) {
                    continue;
                }
                let i = self.declare(n, LocalKind::Param);
                self.locals[i].ty = ty;
            }
        }
    }

    /// A script's top-level statements: `main`'s body.
    pub(super) fn script_main(&mut self, stmts: &[&Stmt]) {
        self.labels.clear();
        // The statements themselves (not copies): the compiler finds their types by address.
        for s in stmts {
            self.collect_labels_in(s);
        }
        self.open();
        let main_sig = self.c.types.func(vec![], vec![], false);
        self.results.push((main_sig, false));
        for s in stmts {
            self.stmt(s);
        }
        self.results.pop();
        self.close();
        self.report_labels();
    }

    pub(super) fn collect_labels(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.collect_labels_in(s);
        }
    }

    fn collect_labels_in(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                if let Some(prev) = self.labels.get(&l.name) {
                    let at = self.c.position(prev.span);
                    self.c.error(
                        codes::LABEL,
                        l.span,
                        format!("label {} already defined at {at}", l.name),
                    );
                } else {
                    self.labels.insert(
                        l.name.clone(),
                        GoLabel {
                            span: l.span,
                            used: false,
                        },
                    );
                }
                self.collect_labels_in(inner);
            }
            StmtKind::Block(b) => self.collect_labels(&b.stmts),
            StmtKind::If(i) => {
                self.collect_labels(&i.then.stmts);
                if let Some(e) = &i.els {
                    self.collect_labels_in(e);
                }
            }
            StmtKind::For(f) => self.collect_labels(&f.body.stmts),
            StmtKind::Range(r) => self.collect_labels(&r.body.stmts),
            StmtKind::Switch(sw) => sw.cases.iter().for_each(|c| self.collect_labels(&c.body)),
            StmtKind::TypeSwitch(sw) => sw.cases.iter().for_each(|c| self.collect_labels(&c.body)),
            StmtKind::Select(cs) => cs.iter().for_each(|c| self.collect_labels(&c.body)),
            _ => {}
        }
    }

    pub(super) fn report_labels(&mut self) {
        let mut unused: Vec<(Span, String)> = self
            .labels
            .iter()
            .filter(|(_, l)| !l.used)
            .map(|(n, l)| (l.span, n.clone()))
            .collect();
        unused.sort_by_key(|(s, _)| s.lo);
        for (span, name) in unused {
            self.c.error(
                codes::LABEL,
                span,
                format!("label {name} defined and not used"),
            );
        }
    }

    // ------------------------------------------------------------------ statements

    pub(super) fn stmts(&mut self, stmts: &[Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    fn block(&mut self, b: &Block) {
        self.open();
        self.stmts(&b.stmts);
        self.close();
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Bad | StmtKind::Empty => {}
            StmtKind::Decl(d) => self.decl(d),
            StmtKind::Labeled(_, inner) => self.stmt(inner),
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                let what = if matches!(s.kind, StmtKind::Go(_)) {
                    "go"
                } else {
                    "defer"
                };
                self.go_defer_call(what, e);
            }
            StmtKind::Expr(e) => {
                let op = self.operand(e);
                let is_call_or_recv = matches!(
                    unparen(e).kind,
                    ExprKind::Call { .. } | ExprKind::Unary(UnOp::Recv, _)
                ) && !self.discards_result(e);
                if !is_call_or_recv && super::operand::known(&self.c.types, &op) && op.is_value() {
                    let d = format!(
                        "{} is not used",
                        super::operand::describe(&self.c.types, &self.c.source_text(e), &op)
                    );
                    self.c.error(codes::OPERATOR, e.span, d);
                }
            }
            StmtKind::Send(c, v) => self.send(c, v),
            StmtKind::IncDec(e, inc) => {
                let op = self.operand(e);
                if super::operand::known(&self.c.types, &op)
                    && !self
                        .c
                        .types
                        .basic_kind(op.ty)
                        .is_some_and(|k| k.is_numeric())
                {
                    let sym = if *inc { "++" } else { "--" };
                    let shown = self.c.types.display(op.ty, super::operand::COMPILER);
                    let d = format!(
                        "invalid operation: {}{sym} (non-numeric type {shown})",
                        self.c.source_text(e)
                    );
                    self.c.error(codes::OPERATOR, s.span, d);
                }
            }
            StmtKind::Assign { lhs, op, rhs } => self.assign(lhs, *op, rhs, s.span),
            StmtKind::Return(es) => self.ret(es, s.span),
            StmtKind::Branch(_, label) => {
                if let Some(l) = label {
                    match self.labels.get_mut(&l.name) {
                        Some(found) => found.used = true,
                        None => {
                            self.c.error(
                                codes::LABEL,
                                l.span,
                                format!("label {} not defined", l.name),
                            );
                        }
                    }
                }
            }
            StmtKind::Block(b) => self.block(b),
            StmtKind::If(i) => {
                self.open();
                if let Some(init) = &i.init {
                    self.stmt(init);
                }
                self.condition(&i.cond, "if");
                self.block(&i.then);
                if let Some(e) = &i.els {
                    self.stmt(e);
                }
                self.close();
            }
            StmtKind::For(f) => {
                self.open();
                if let Some(init) = &f.init {
                    self.stmt(init);
                }
                if let Some(c) = &f.cond {
                    self.condition(c, "for");
                }
                if let Some(p) = &f.post {
                    self.stmt(p);
                }
                self.block(&f.body);
                self.close();
            }
            StmtKind::Range(r) => {
                let types = self.range_types(r);
                self.open();
                for (k, v) in [&r.key, &r.value].into_iter().enumerate() {
                    let Some(v) = v else { continue };
                    match (&v.kind, r.define) {
                        (ExprKind::Ident(n), true) => {
                            let i = self.declare(
                                &Ident {
                                    name: n.clone(),
                                    span: v.span,
                                },
                                LocalKind::Var,
                            );
                            self.locals[i].ty = types[k];
                        }
                        (ExprKind::Ident(n), false) => {
                            self.ident(n, v.span, false);
                            self.record_target(v);
                            self.range_assign(v, types[k]);
                        }
                        _ => self.expr(v),
                    }
                }
                self.block(&r.body);
                self.close();
            }
            StmtKind::Switch(sw) => {
                self.open();
                if let Some(init) = &sw.init {
                    self.stmt(init);
                }
                let tag = sw.tag.as_ref().map(|t| self.operand(t));
                let mut seen = super::constant::ConstSet::new();
                for c in &sw.cases {
                    for e in c.exprs.iter().flatten() {
                        let op = self.operand(e);
                        if let Some(tag) = &tag {
                            self.case_value(tag, e, &op, &mut seen);
                        }
                        let tag_expr = sw.tag.as_ref();
                        self.case_type(tag_expr.zip(tag.as_ref()), e, &op);
                    }
                    self.open();
                    self.stmts(&c.body);
                    self.close();
                }
                self.close();
            }
            StmtKind::TypeSwitch(sw) => self.type_switch(sw),
            StmtKind::Select(cases) => {
                for c in cases {
                    self.open();
                    if let Some(comm) = &c.comm {
                        self.stmt(comm);
                    }
                    self.stmts(&c.body);
                    self.close();
                }
            }
        }
    }

    fn type_switch(&mut self, sw: &TypeSwitchStmt) {
        self.open();
        if let Some(init) = &sw.init {
            self.stmt(init);
        }
        let xo = self.operand(&sw.x);
        let is_tparam = self
            .c
            .types
            .named_info(xo.ty)
            .is_some_and(|n| n.tparam.is_some());
        if is_tparam && xo.is_value() {
            let d = format!(
                "cannot use type switch on type parameter value {}",
                super::operand::describe(&self.c.types, &self.c.source_text(&sw.x), &xo)
            );
            self.c.error(codes::OPERATOR, sw.x.span, d);
        } else if super::operand::shallow_known(&self.c.types, &xo)
            && xo.is_value()
            && !self.c.types.is_interface(xo.ty)
        {
            let d = format!(
                "{} is not an interface",
                super::operand::describe(&self.c.types, &self.c.source_text(&sw.x), &xo)
            );
            self.c.error(codes::OPERATOR, sw.x.span, d);
        }
        let mut seen_types = std::collections::HashSet::new();
        for c in &sw.cases {
            for e in c.exprs.iter().flatten() {
                let t = self.local_type_quiet(e);
                if t == TypeId::INVALID {
                    continue;
                }
                if !seen_types.insert(t) {
                    let d = format!("duplicate case {} in type switch", self.c.source_text(e));
                    self.c.error(codes::FLOW, e.span, d);
                }
            }
        }
        let mut bind_used = false;
        for c in &sw.cases {
            c.exprs.iter().flatten().for_each(|e| self.type_expr(e));
            self.open();
            // The bound variable is declared anew in each clause.
            let idx = sw.bind.as_ref().map(|b| self.declare(b, LocalKind::Bind));
            // Its type: the clause's single type, else the switched expression's.
            if let Some(i) = idx {
                let ty = match c.exprs.as_deref() {
                    Some([t]) if !self.is_nil(t) => self.local_type_quiet(t),
                    _ => xo.ty,
                };
                self.locals[i].ty = ty;
            }
            self.stmts(&c.body);
            if let Some(i) = idx {
                bind_used |= self.locals[i].used;
            }
            self.close();
        }
        if let Some(b) = &sw.bind {
            if !bind_used && b.name != "_" {
                let mut d = Diagnostic::error(
                    codes::UNUSED,
                    b.span,
                    format!("{} declared and not used", b.name),
                );
                d.severity = self.severity();
                self.c.diags.push(d);
            }
        }
        self.close();
    }

    /// Whether `e` is the predeclared `nil`.
    fn is_nil(&self, e: &Expr) -> bool {
        matches!(&unparen(e).kind, ExprKind::Ident(n) if n == "nil"
            && self.find_local(n).is_none()
            && self.c.lookup(n).is_some_and(|o| o.decl.is_none()))
    }

    fn decl(&mut self, d: &GenDecl) {
        match &d.kind {
            DeclKind::Import(_) => {}
            DeclKind::Var(specs) => specs.iter().for_each(|s| self.var_spec(s)),
            DeclKind::Const(specs) => self.const_decl(specs),
            DeclKind::Type(specs) => specs.iter().for_each(|s| self.type_decl(s)),
        }
    }

    /// A constant group inside a function: each name gets its value (a spec without values
    /// repeats the previous one's type and expressions, with its own `iota`), in scope after
    /// its spec.
    fn const_decl(&mut self, specs: &[ValueSpec]) {
        let mut prev: Option<&ValueSpec> = None;
        for (iota, s) in specs.iter().enumerate() {
            if let Some(t) = &s.ty {
                self.type_expr(t);
            }
            self.in_const = true;
            for e in &s.values {
                let op = self.operand(e);
                self.not_constant(e, &op);
            }
            self.in_const = false;
            let source = if s.values.is_empty() && s.ty.is_none() {
                prev.unwrap_or(s)
            } else {
                s
            };
            prev = Some(source);
            let repeated = !std::ptr::eq(source, s);
            // Constant initialisers: overflow, truncation, division by zero, iota.
            let locals = self.visible_locals();
            let iota = Some(iota as i64);
            let mut values: Vec<Option<super::constexpr::Const>> = Vec::new();
            if repeated {
                for (i, n) in s.names.iter().enumerate() {
                    values.push(source.values.get(i).and_then(|v| {
                        self.c.const_init(
                            source.ty.as_ref(),
                            v,
                            iota,
                            "constant declaration",
                            &|n| locals.contains(n),
                            n.span,
                        )
                    }));
                }
            } else {
                for v in &s.values {
                    values.push(self.c.const_init(
                        s.ty.as_ref(),
                        v,
                        iota,
                        "constant declaration",
                        &|n| locals.contains(n),
                        v.span,
                    ));
                }
            }
            for (i, n) in s.names.iter().enumerate() {
                let value = values.get(i).cloned().flatten();
                self.declare_as(n, LocalKind::Other, LocalRef::Const(value));
            }
        }
    }

    /// A type declaration inside a function: a defined type is a new named type (Go prints it
    /// `main.T`), in scope in its own definition; an alias denotes its target.
    fn type_decl(&mut self, s: &TypeSpec) {
        let kind = if matches!(s.ty.kind, ExprKind::StructType(_)) {
            LocalKind::StructType
        } else {
            LocalKind::Other
        };
        let generic = !s.tparams.is_empty();
        let named = (!s.alias && !generic).then(|| self.c.types.new_named(&s.name.name, "main"));
        let what = named.map_or(LocalRef::Value, LocalRef::Type);
        let idx = self.declare_as(&s.name, kind, what);
        self.open();
        for tp in &s.tparams {
            tp.names.iter().for_each(|n| {
                self.declare(n, LocalKind::Other);
            });
        }
        self.type_expr(&s.ty);
        self.close();
        if generic {
            return;
        }
        let saved = self.c.resolving_local.take();
        self.c.resolving_local = named.map(|t| (t, false));
        let before = self.c.diags.len();
        let rhs = if self.type_is_global(&s.ty) {
            self.c.type_expr(&s.ty, named.is_some())
        } else {
            TypeId::INVALID
        };
        // Names were reported by the resolver.
        self.c.diags.truncate(before);
        let cyclic = self.c.resolving_local.is_some_and(|(_, c)| c);
        self.c.resolving_local = saved;
        match named {
            Some(t) if !cyclic && rhs != TypeId::INVALID => self.c.types.set_underlying(t, rhs),
            Some(_) => {}
            None => {
                // The alias is in scope from here on (if it was declared).
                let bound = self.scopes.last().and_then(|sc| sc.get(&s.name.name)) == Some(&idx);
                if bound && rhs != TypeId::INVALID {
                    if let Some(view) = self.c.local_scopes.last_mut() {
                        view.insert(s.name.name.clone(), LocalRef::Type(rhs));
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ expressions

    pub(super) fn elements(&mut self, ty: Option<&Expr>, keys: Keys, elts: &[Element]) {
        // The type of elided inner literals: the element (or key) type of this literal's type.
        let (elem_ty, key_ty) = match ty.map(|t| &t.kind) {
            Some(ExprKind::ArrayType { elem, .. }) => (Some(elem.as_ref()), None),
            Some(ExprKind::MapType(k, v)) => (Some(v.as_ref()), Some(k.as_ref())),
            _ => (None, None),
        };
        for el in elts {
            if let Some(k) = &el.key {
                match (keys, &k.kind) {
                    (Keys::Fields, _) => {}
                    // A bare name might be a field name: a use if it resolves, never undefined.
                    (Keys::Unknown, ExprKind::Ident(n)) => {
                        if let Some(i) = self.find_local(n) {
                            self.locals[i].used = true;
                        } else if self.c.package_path(n).is_some() {
                            self.used_packages.insert(n.clone());
                        }
                    }
                    _ => self.element(k, key_ty),
                }
            }
            self.element(&el.value, elem_ty);
        }
    }

    fn element(&mut self, v: &Expr, elided: Option<&Expr>) {
        match &v.kind {
            ExprKind::CompositeLit { ty: None, elts } => {
                // `&T{}` may be elided as `{}` when the element type is `*T`.
                let inner = elided.map(|t| match &t.kind {
                    ExprKind::Star(x) => x.as_ref(),
                    _ => t,
                });
                let keys = inner.map_or(Keys::Unknown, |t| self.keys_of(t));
                self.elements(inner, keys, elts);
            }
            _ => self.expr(v),
        }
    }

    /// Whether a composite literal of type `t` has field-name keys.
    pub(super) fn keys_of(&self, t: &Expr) -> Keys {
        match &t.kind {
            ExprKind::StructType(_) => Keys::Fields,
            ExprKind::ArrayType { .. } | ExprKind::MapType(..) => Keys::Exprs,
            ExprKind::Paren(x) => self.keys_of(x),
            ExprKind::Ident(n) => match self.find_local(n) {
                Some(i) if self.locals[i].kind == LocalKind::StructType => Keys::Fields,
                Some(_) => match self.c.local_ref(n) {
                    Some(LocalRef::Type(t)) => self.keys_of_type(*t),
                    _ => Keys::Unknown,
                },
                None => match self.c.lookup(n).map(|o| &o.kind) {
                    Some(ObjKind::TypeName { ty }) => self.keys_of_type(*ty),
                    _ => Keys::Unknown,
                },
            },
            _ => Keys::Unknown,
        }
    }

    fn keys_of_type(&self, ty: TypeId) -> Keys {
        let u = self.c.types.underlying(ty);
        match self.c.types.get(u) {
            Type::Struct(_) => Keys::Fields,
            Type::Map(..) | Type::Slice(_) | Type::Array(..) => Keys::Exprs,
            _ => Keys::Unknown,
        }
    }

    /// Names in a type expression (local types, type parameters, package types, packages).
    pub(super) fn type_expr(&mut self, t: &Expr) {
        match &t.kind {
            ExprKind::Ident(n) => {
                if let Some(i) = self.find_local(n) {
                    // Results and receivers are `Param`s too; Go names them otherwise.
                    let kind = match self.locals[i].kind {
                        LocalKind::Var => Some("local variable"),
                        LocalKind::Param => Some("parameter"),
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        self.locals[i].used = true;
                        let d = format!("{n} ({kind}) is not a type");
                        self.c.error(codes::NOT_A_TYPE, t.span, d);
                        return;
                    }
                }
                self.ident(n, t.span, true)
            }
            ExprKind::Selector(x, _) => self.expr(x),
            ExprKind::StructType(fields) => fields.iter().for_each(|f| self.type_expr(&f.ty)),
            ExprKind::InterfaceType(elems) => elems.iter().for_each(|f| self.type_expr(&f.ty)),
            ExprKind::FuncType(ft) => ft
                .params
                .iter()
                .chain(&ft.results)
                .for_each(|f| self.type_expr(&f.ty)),
            ExprKind::ArrayType { len, elem } => {
                if let Some(l) = len {
                    if !matches!(l.kind, ExprKind::Ellipsis(None)) {
                        self.expr(l);
                    }
                }
                self.type_expr(elem);
            }
            ExprKind::MapType(k, v) => {
                self.type_expr(k);
                self.type_expr(v);
            }
            ExprKind::ChanType(_, e)
            | ExprKind::Ellipsis(Some(e))
            | ExprKind::Star(e)
            | ExprKind::Paren(e) => self.type_expr(e),
            ExprKind::Unary(UnOp::Tilde, e) => self.type_expr(e),
            ExprKind::Binary(_, a, b) => {
                self.type_expr(a);
                self.type_expr(b);
            }
            ExprKind::Index(x, args) => {
                self.type_expr(x);
                args.iter().for_each(|a| self.type_expr(a));
            }
            ExprKind::Ellipsis(None) | ExprKind::Bad => {}
            _ => self.expr(t),
        }
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}
