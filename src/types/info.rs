//! CHECKER OUTPUT for the compiler. Input: what the checker learns while checking. Output: the
//! type and mode of every expression it typed (keyed by the expression's address in the AST, which
//! is immutable after parsing), and the package-level objects and imports.
//!
//! Invariant: an expression is recorded with the last result the checker computed for it; a type
//! the checker could not determine is `INVALID` (the compiler reports such code as unsupported).

use super::operand::Mode;
use super::scope::ObjKind;
use super::ty::TypeId;
use crate::ast::Expr;
use std::collections::HashMap;

#[derive(Clone, Debug)]
pub struct ExprInfo {
    pub ty: TypeId,
    pub mode: Mode,
}

#[derive(Default)]
pub struct Info {
    pub exprs: HashMap<usize, ExprInfo>,
    /// Package-level names → what they denote.
    pub globals: HashMap<String, ObjKind>,
    /// Imported package names → import paths.
    pub imports: HashMap<String, String>,
    /// Names used from dot-imported packages (`import . "strconv"`; `Itoa`) → import paths.
    pub dot_members: HashMap<String, String>,
}

impl Info {
    pub(super) fn record(&mut self, e: &Expr, ty: TypeId, mode: &Mode) {
        self.exprs.insert(
            e as *const Expr as usize,
            ExprInfo {
                ty,
                mode: mode.clone(),
            },
        );
    }

    /// What the checker recorded for `e`.
    pub fn get(&self, e: &Expr) -> Option<&ExprInfo> {
        self.exprs.get(&(e as *const Expr as usize))
    }
}
