//! CHECKER: control flow that is wrong by its structure alone. Input: a function body. Output:
//! Go's errors for `break` / `continue` outside a loop (or naming a label that is not an enclosing
//! loop / switch / select), `fallthrough` out of place (and in a final case or a type switch),
//! several `default` cases, `go` / `defer` of something that is not a call, and `goto` jumping over
//! a variable declaration or into a block. Function literals start afresh (a `continue` inside
//! one does not see the loop around it).

use super::check::{codes, Checker};
use crate::ast::*;
use crate::span::Span;
use std::collections::HashSet;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Loop,
    Switch,
    Select,
}

/// Where a label or a goto sits: the chain of blocks (by their `{` position) from the function
/// body down, and at each level the index of the statement that contains it.
#[derive(Clone)]
struct Place {
    blocks: Vec<Span>,
    indices: Vec<usize>,
}

struct Flow<'c, 'a> {
    c: &'c mut Checker<'a>,
    /// Enclosing breakable statements with their labels.
    targets: Vec<(Target, Option<String>)>,
    /// The label of the statement being entered (a labelled loop, switch or select).
    pending_label: Option<String>,
    place: Place,
    labels: Vec<(String, Place)>,
    gotos: Vec<(Ident, Place)>,
    /// Variable declarations per block: (block, statement index, name, position Go reports).
    decls: Vec<(Span, usize, String, Span)>,
    /// Every label of the function (a `break L` may name one defined later).
    all_labels: HashSet<String>,
}

pub(super) fn check_body(c: &mut Checker, body: &Block) {
    let mut f = Flow {
        c,
        targets: Vec::new(),
        pending_label: None,
        place: Place {
            blocks: Vec::new(),
            indices: Vec::new(),
        },
        labels: Vec::new(),
        gotos: Vec::new(),
        decls: Vec::new(),
        all_labels: HashSet::new(),
    };
    collect_labels(&body.stmts, &mut f.all_labels);
    f.block(body);
    f.check_gotos();
}

impl Flow<'_, '_> {
    fn block(&mut self, b: &Block) {
        self.stmts_in(b.span, &b.stmts);
    }

    fn stmts_in(&mut self, block: Span, stmts: &[Stmt]) {
        self.place.blocks.push(block);
        self.place.indices.push(0);
        for (i, s) in stmts.iter().enumerate() {
            *self.place.indices.last_mut().expect("pushed") = i;
            self.note_decls(block, i, s);
            self.stmt(s);
        }
        self.place.blocks.pop();
        self.place.indices.pop();
    }

    fn note_decls(&mut self, block: Span, i: usize, s: &Stmt) {
        match &s.kind {
            StmtKind::Decl(GenDecl {
                kind: DeclKind::Var(specs),
                ..
            }) => {
                for spec in specs {
                    if let Some(n) = spec.names.first() {
                        self.decls.push((block, i, n.name.clone(), n.span));
                    }
                }
            }
            StmtKind::Assign {
                lhs,
                op: AssignOp::Define,
                rhs,
            } => {
                if let (Some(ExprKind::Ident(n)), Some(last), Some(first)) =
                    (lhs.first().map(|e| &e.kind), lhs.last(), rhs.first())
                {
                    // Go positions a short variable declaration at its `:=`.
                    let text = self
                        .c
                        .source_slice(Span::new(last.span.hi as usize, first.span.lo as usize));
                    let at = text
                        .find(":=")
                        .map_or(s.span.lo, |k| last.span.hi + k as u32);
                    self.decls
                        .push((block, i, n.clone(), Span::new(at as usize, at as usize + 2)));
                }
            }
            _ => {}
        }
    }

    fn with_target(&mut self, t: Target, label: Option<String>, f: impl FnOnce(&mut Self)) {
        self.targets.push((t, label));
        f(self);
        self.targets.pop();
    }

    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                // A redefined label (reported by name resolution) names nothing: Go keeps the
                // first definition, so `break L` inside the second is an invalid break label.
                let dup = self.labels.iter().any(|(n, _)| *n == l.name);
                if !dup {
                    self.labels.push((l.name.clone(), self.place.clone()));
                }
                self.pending_label = (!dup).then(|| l.name.clone());
                self.stmt(inner);
                self.pending_label = None;
            }
            StmtKind::Branch(kind, label) => {
                self.pending_label = None;
                self.branch(*kind, label.as_ref(), s.span);
            }
            StmtKind::Go(e) | StmtKind::Defer(e) => {
                self.pending_label = None;
                let is_call = matches!(unparen(e).kind, ExprKind::Call { .. });
                let paren = matches!(e.kind, ExprKind::Paren(_)); // reported by the parser
                if !is_call && !paren {
                    let what = if matches!(s.kind, StmtKind::Go(_)) {
                        "go"
                    } else {
                        "defer"
                    };
                    self.c.error(
                        codes::FLOW,
                        e.span,
                        format!("expression in {what} must be function call"),
                    );
                }
                self.expr(e);
            }
            StmtKind::Block(b) => {
                self.pending_label = None;
                self.block(b);
            }
            StmtKind::If(i) => {
                self.pending_label = None;
                self.opt_expr_stmt(&i.init);
                self.expr(&i.cond);
                self.block(&i.then);
                if let Some(e) = &i.els {
                    self.stmt(e);
                }
            }
            StmtKind::For(f) => {
                let label = self.pending_label.take();
                self.opt_expr_stmt(&f.init);
                self.opt_expr_stmt(&f.post);
                if let Some(c) = &f.cond {
                    self.expr(c);
                }
                self.with_target(Target::Loop, label, |me| me.block(&f.body));
            }
            StmtKind::Range(r) => {
                let label = self.pending_label.take();
                self.expr(&r.x);
                self.with_target(Target::Loop, label, |me| me.block(&r.body));
            }
            StmtKind::Switch(sw) => {
                let label = self.pending_label.take();
                self.opt_expr_stmt(&sw.init);
                self.defaults(sw.cases.iter().map(|c| (c.exprs.is_none(), c.span)));
                let n = sw.cases.len();
                self.with_target(Target::Switch, label, |me| {
                    for (k, c) in sw.cases.iter().enumerate() {
                        me.case_body(c, Some(k + 1 == n));
                    }
                });
            }
            StmtKind::TypeSwitch(sw) => {
                let label = self.pending_label.take();
                self.opt_expr_stmt(&sw.init);
                self.defaults(sw.cases.iter().map(|c| (c.exprs.is_none(), c.span)));
                self.with_target(Target::Switch, label, |me| {
                    for c in &sw.cases {
                        me.case_body(c, None);
                    }
                });
            }
            StmtKind::Select(cases) => {
                let label = self.pending_label.take();
                self.defaults(cases.iter().map(|c| (c.comm.is_none(), c.span)));
                self.with_target(Target::Select, label, |me| {
                    for c in cases {
                        // A clause body is its own block.
                        me.stmts_in(c.span, &c.body);
                    }
                });
            }
            StmtKind::Expr(e) | StmtKind::IncDec(e, _) => {
                self.pending_label = None;
                self.expr(e);
            }
            StmtKind::Send(c, v) => {
                self.pending_label = None;
                self.expr(c);
                self.expr(v);
            }
            StmtKind::Assign { rhs, .. } | StmtKind::Return(rhs) => {
                self.pending_label = None;
                rhs.iter().for_each(|e| self.expr(e));
            }
            StmtKind::Decl(GenDecl {
                kind: DeclKind::Var(specs) | DeclKind::Const(specs),
                ..
            }) => {
                self.pending_label = None;
                specs
                    .iter()
                    .flat_map(|s| &s.values)
                    .for_each(|e| self.expr(e));
            }
            _ => self.pending_label = None,
        }
    }

    fn opt_expr_stmt(&mut self, s: &Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    /// A case body (`last_case`: `Some(is last)` in an expression switch, `None` in a type switch):
    /// a final `fallthrough` is checked here; any other one is out of place.
    fn case_body(&mut self, c: &CaseClause, last_case: Option<bool>) {
        let last = c
            .body
            .iter()
            .rposition(|s| !matches!(s.kind, StmtKind::Empty));
        let body: Vec<&Stmt> = c.body.iter().collect();
        self.place.blocks.push(c.span);
        self.place.indices.push(0);
        for (i, s) in body.iter().enumerate() {
            *self.place.indices.last_mut().expect("pushed") = i;
            self.note_decls(c.span, i, s);
            if Some(i) == last && matches!(s.kind, StmtKind::Branch(BranchKind::Fallthrough, _)) {
                match last_case {
                    None => {
                        self.c
                            .error(codes::FLOW, s.span, "cannot fallthrough in type switch");
                    }
                    Some(true) => {
                        self.c.error(
                            codes::FLOW,
                            s.span,
                            "cannot fallthrough final case in switch",
                        );
                    }
                    Some(false) => {}
                }
                continue;
            }
            self.stmt(s);
        }
        self.place.blocks.pop();
        self.place.indices.pop();
    }

    fn defaults(&mut self, clauses: impl Iterator<Item = (bool, Span)>) {
        let mut first: Option<Span> = None;
        for (is_default, span) in clauses {
            if !is_default {
                continue;
            }
            match first {
                None => first = Some(span),
                Some(f) => {
                    let at = self.c.position(f);
                    self.c.error(
                        codes::FLOW,
                        span,
                        format!("multiple defaults (first at {at})"),
                    );
                }
            }
        }
    }

    fn branch(&mut self, kind: BranchKind, label: Option<&Ident>, span: Span) {
        match (kind, label) {
            (BranchKind::Break, None) => {
                if self.targets.is_empty() {
                    self.c.error(
                        codes::FLOW,
                        span,
                        "break is not in a loop, switch, or select",
                    );
                }
            }
            (BranchKind::Continue, None) => {
                if !self.targets.iter().any(|(t, _)| *t == Target::Loop) {
                    self.c.error(codes::FLOW, span, "continue is not in a loop");
                }
            }
            (BranchKind::Break | BranchKind::Continue, Some(l)) => {
                let found = self
                    .targets
                    .iter()
                    .find(|(_, n)| n.as_deref() == Some(l.name.as_str()));
                let ok = match (kind, found) {
                    (BranchKind::Break, Some(_)) => true,
                    (BranchKind::Continue, Some((t, _))) => *t == Target::Loop,
                    _ => false,
                };
                // An undefined label is reported by name resolution.
                if !ok && self.label_defined(&l.name) {
                    let what = if kind == BranchKind::Break {
                        "break"
                    } else {
                        "continue"
                    };
                    self.c.error(
                        codes::FLOW,
                        l.span,
                        format!("invalid {what} label {}", l.name),
                    );
                }
            }
            (BranchKind::Goto, Some(l)) => self.gotos.push((l.clone(), self.place.clone())),
            (BranchKind::Fallthrough, _) => {
                self.c
                    .error(codes::FLOW, span, "fallthrough statement out of place");
            }
            (BranchKind::Goto, None) => {}
        }
    }

    fn label_defined(&self, name: &str) -> bool {
        self.all_labels.contains(name)
    }

    /// `goto L`: L must not be inside a block the goto is outside of, and a forward jump must not
    /// skip a variable declaration of L's block.
    fn check_gotos(&mut self) {
        let gotos = std::mem::take(&mut self.gotos);
        for (l, from) in gotos {
            let Some((_, to)) = self.labels.iter().find(|(n, _)| *n == l.name).cloned() else {
                continue;
            };
            let depth = to.blocks.len();
            let inside = depth <= from.blocks.len() && from.blocks[..depth] == to.blocks[..];
            if !inside {
                let block = to.blocks[depth - 1];
                let at = self.c.position(block);
                self.c.error(
                    codes::FLOW,
                    l.span,
                    format!("goto {} jumps into block starting at {at}", l.name),
                );
                continue;
            }
            let (block, from_i, to_i) = (
                to.blocks[depth - 1],
                from.indices[depth - 1],
                to.indices[depth - 1],
            );
            let skipped = self
                .decls
                .iter()
                .find(|(b, i, _, _)| *b == block && *i > from_i && *i < to_i);
            if let Some((_, _, name, at)) = skipped.cloned() {
                let pos = self.c.position(at);
                self.c.error(
                    codes::FLOW,
                    l.span,
                    format!("goto {} jumps over declaration of {name} at {pos}", l.name),
                );
            }
        }
    }

    /// Function literals are checked as functions of their own.
    fn expr(&mut self, e: &Expr) {
        visit_func_lits(e, &mut |body| check_body(self.c, body));
    }
}

/// The labels defined anywhere in a function body (not in its function literals).
fn collect_labels(stmts: &[Stmt], out: &mut HashSet<String>) {
    for s in stmts {
        match &s.kind {
            StmtKind::Labeled(l, inner) => {
                out.insert(l.name.clone());
                collect_labels(std::slice::from_ref(inner), out);
            }
            StmtKind::Block(b) => collect_labels(&b.stmts, out),
            StmtKind::If(i) => {
                collect_labels(&i.then.stmts, out);
                if let Some(e) = &i.els {
                    collect_labels(std::slice::from_ref(e), out);
                }
            }
            StmtKind::For(f) => collect_labels(&f.body.stmts, out),
            StmtKind::Range(r) => collect_labels(&r.body.stmts, out),
            StmtKind::Switch(sw) => sw.cases.iter().for_each(|c| collect_labels(&c.body, out)),
            StmtKind::TypeSwitch(sw) => sw.cases.iter().for_each(|c| collect_labels(&c.body, out)),
            StmtKind::Select(cs) => cs.iter().for_each(|c| collect_labels(&c.body, out)),
            _ => {}
        }
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// Calls `f` on the body of every function literal in `e` (not nested ones: `check_body` visits
/// those itself).
fn visit_func_lits(e: &Expr, f: &mut dyn FnMut(&Block)) {
    match &e.kind {
        ExprKind::FuncLit(fl) => f(&fl.body),
        ExprKind::Paren(x)
        | ExprKind::Star(x)
        | ExprKind::Unary(_, x)
        | ExprKind::Selector(x, _) => visit_func_lits(x, f),
        ExprKind::Binary(_, a, b) => {
            visit_func_lits(a, f);
            visit_func_lits(b, f);
        }
        ExprKind::Call { func, args, .. } => {
            visit_func_lits(func, f);
            args.iter().for_each(|a| visit_func_lits(a, f));
        }
        ExprKind::Index(x, is) => {
            visit_func_lits(x, f);
            is.iter().for_each(|i| visit_func_lits(i, f));
        }
        ExprKind::Slice { x, lo, hi, max } => {
            visit_func_lits(x, f);
            [lo, hi, max]
                .into_iter()
                .flatten()
                .for_each(|p| visit_func_lits(p, f));
        }
        ExprKind::TypeAssert(x, _) => visit_func_lits(x, f),
        ExprKind::CompositeLit { elts, .. } => {
            for el in elts {
                if let Some(k) = &el.key {
                    visit_func_lits(k, f);
                }
                visit_func_lits(&el.value, f);
            }
        }
        _ => {}
    }
}
