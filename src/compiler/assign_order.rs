//! COMPILER: which right-hand sides of a tuple assignment `a, b = x, y` gc evaluates before
//! any assignment ("early") and which just before their own assignment ("late"). Input: the
//! two expression lists and the current function's scopes; output: one flag per value.
//!
//! Go's spec leaves the order of panics among operands open; gc (walk/assign.go
//! `ascompatee`) evaluates a value late unless an earlier assignment of the statement could
//! change it, so `s[i], s[j] = s[j], s[i]` on an empty slice panics on the second value's
//! `s[i]`, evaluated early, before the first pair's `s[j]`. The values only ever move later
//! when that cannot change them, so this decides panic order, never the values assigned.

use super::func::Var;
use super::stmt::{is_blank, walk_expr_children};
use super::Compiler;
use crate::ast::*;
use crate::types::ty::Type;

impl Compiler<'_> {
    /// Per value of `lhs = rhs` (same lengths): evaluate it before any assignment.
    pub(crate) fn early_values(&mut self, lhs: &[Expr], rhs: &[Expr]) -> Vec<bool> {
        // Names of plain register locals assigned so far (gc's `assigned`); `mem` once an
        // earlier target may write memory that other expressions read (gc's `memWrite`);
        // `all` after a named result of a function with defers (visible to a recover).
        let mut assigned: Vec<&str> = Vec::new();
        let (mut mem, mut all) = (false, false);
        let mut out = Vec::with_capacity(rhs.len());
        for (l, r) in lhs.iter().zip(rhs) {
            // Calls and receives run before any assignment in gc's order phase; the rest of
            // such a value is simply kept early too.
            let early = all || has_effects(r) || self.affected(r, &assigned, mem);
            out.push(early);
            if is_blank(l) {
                continue;
            }
            match &strip(l).kind {
                ExprKind::Ident(n) => match self.f.lookup(n) {
                    Some(v @ Var::Reg(..)) => {
                        if self.f.has_defer
                            && self.f.named_results.iter().any(|nr| same_var(nr, &v))
                        {
                            all = true;
                        }
                        assigned.push(n);
                    }
                    _ => mem = true,
                },
                _ => mem = true,
            }
        }
        out
    }

    /// Whether `e` could read something an earlier assignment wrote (gc's `affected`).
    fn affected(&self, e: &Expr, assigned: &[&str], mem: bool) -> bool {
        let mut hit = false;
        visit(e, &mut |x| match &x.kind {
            ExprKind::Ident(n) => {
                if assigned.contains(&n.as_str()) || (mem && !self.register_scalar(n)) {
                    hit = true;
                }
            }
            _ => {
                if mem && !pure_op(x) {
                    hit = true;
                }
            }
        });
        hit
    }

    /// A local in a register holding a non-aggregate value: nothing but an assignment to
    /// the name itself changes it.
    fn register_scalar(&self, n: &str) -> bool {
        match self.f.lookup(n) {
            Some(Var::Reg(_, t)) => !matches!(
                self.types.get(self.types.underlying(t)),
                Type::Struct(..) | Type::Array(..)
            ),
            _ => false,
        }
    }
}

fn visit(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    walk_expr_children(e, &mut |k| visit(k, f));
}

fn strip(e: &Expr) -> &Expr {
    super::expr::strip_paren(e)
}

fn same_var(a: &Var, b: &Var) -> bool {
    match (a, b) {
        (Var::Reg(x, _), Var::Reg(y, _)) => x == y,
        _ => false,
    }
}

/// Operations gc's `readsMemory` knows read nothing but their operands.
fn pure_op(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Ident(_) | ExprKind::BasicLit(..) | ExprKind::Paren(_) => true,
        ExprKind::Unary(op, _) => matches!(op, UnOp::Pos | UnOp::Neg | UnOp::Xor),
        ExprKind::Binary(op, ..) => !matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        ),
        _ => false,
    }
}

/// Calls, receives and function or composite literals anywhere in `e`.
fn has_effects(e: &Expr) -> bool {
    let mut hit = matches!(
        e.kind,
        ExprKind::Call { .. }
            | ExprKind::Unary(UnOp::Recv, _)
            | ExprKind::FuncLit(_)
            | ExprKind::CompositeLit { .. }
    );
    walk_expr_children(e, &mut |k| hit |= has_effects(k));
    hit
}
