//! CHECKER: the spec's "Terminating statements". Input: a function body. Output: whether it ends
//! in a terminating statement; a function with results whose body does not gets Go's
//! `missing return` (at the closing brace). Purely syntactic, as the spec defines it; `panic`
//! counts only when it names the builtin (the caller says whether it is shadowed).

use crate::ast::*;

/// Whether `stmts` ends in a terminating statement (the last non-empty statement is one).
pub fn ends_terminating(stmts: &[Stmt], panic_is_builtin: bool) -> bool {
    stmts
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
        .is_some_and(|s| terminating(s, None, panic_is_builtin))
}

/// Whether `s` (labelled `label`, if it is the target of a labelled statement) terminates.
fn terminating(s: &Stmt, label: Option<&str>, pb: bool) -> bool {
    match &s.kind {
        StmtKind::Return(_) | StmtKind::Branch(BranchKind::Goto, _) => true,
        StmtKind::Expr(e) => pb && is_panic_call(e),
        StmtKind::Block(b) => ends_terminating(&b.stmts, pb),
        StmtKind::If(i) => {
            ends_terminating(&i.then.stmts, pb)
                && i.els.as_ref().is_some_and(|e| terminating(e, None, pb))
        }
        StmtKind::Labeled(l, inner) => terminating(inner, Some(&l.name), pb),
        StmtKind::For(f) => f.cond.is_none() && !has_break(&f.body.stmts, label),
        StmtKind::Switch(sw) => {
            sw.cases.iter().any(|c| c.exprs.is_none())
                && sw
                    .cases
                    .iter()
                    .all(|c| case_terminates(&c.body, pb) && !has_break(&c.body, label))
        }
        StmtKind::TypeSwitch(sw) => {
            sw.cases.iter().any(|c| c.exprs.is_none())
                && sw
                    .cases
                    .iter()
                    .all(|c| case_terminates(&c.body, pb) && !has_break(&c.body, label))
        }
        StmtKind::Select(cases) => cases
            .iter()
            .all(|c| ends_terminating(&c.body, pb) && !has_break(&c.body, label)),
        _ => false,
    }
}

/// A switch case ends in a terminating statement or a `fallthrough`.
fn case_terminates(body: &[Stmt], pb: bool) -> bool {
    match body
        .iter()
        .rev()
        .find(|s| !matches!(s.kind, StmtKind::Empty))
    {
        Some(Stmt {
            kind: StmtKind::Branch(BranchKind::Fallthrough, _),
            ..
        }) => true,
        Some(s) => terminating(s, None, pb),
        None => false,
    }
}

fn is_panic_call(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { func, .. } => matches!(&func.kind, ExprKind::Ident(n) if n == "panic"),
        ExprKind::Paren(x) => is_panic_call(x),
        _ => false,
    }
}

/// Whether `stmts` contain a `break` that refers to the enclosing statement: an unlabelled one
/// not inside a nested for/switch/select, or one naming `label`. Function literals are opaque.
fn has_break(stmts: &[Stmt], label: Option<&str>) -> bool {
    stmts.iter().any(|s| breaks(s, label, true))
}

/// `bare`: whether an unlabelled break here still refers to the outer statement.
fn breaks(s: &Stmt, label: Option<&str>, bare: bool) -> bool {
    let list = |stmts: &[Stmt], bare: bool| stmts.iter().any(|s| breaks(s, label, bare));
    match &s.kind {
        StmtKind::Branch(BranchKind::Break, None) => bare,
        StmtKind::Branch(BranchKind::Break, Some(l)) => Some(l.name.as_str()) == label,
        StmtKind::Block(b) => list(&b.stmts, bare),
        StmtKind::Labeled(_, inner) => breaks(inner, label, bare),
        StmtKind::If(i) => {
            list(&i.then.stmts, bare) || i.els.as_ref().is_some_and(|e| breaks(e, label, bare))
        }
        // Inside these an unlabelled break refers to them, not to the outer statement.
        StmtKind::For(f) => list(&f.body.stmts, false),
        StmtKind::Range(r) => list(&r.body.stmts, false),
        StmtKind::Switch(sw) => sw.cases.iter().any(|c| list(&c.body, false)),
        StmtKind::TypeSwitch(sw) => sw.cases.iter().any(|c| list(&c.body, false)),
        StmtKind::Select(cs) => cs.iter().any(|c| list(&c.body, false)),
        _ => false,
    }
}
