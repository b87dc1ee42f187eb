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

/// A function or method instance of a generic declaration (generic.rs): the compiler compiles
/// `decl` (a clone of the generic declaration, checked with `bindings`) as an ordinary function.
pub struct Instance {
    /// The compiler's key: `Map[int,string]`, or `Stack[int].Push` for a method.
    pub key: String,
    /// The name in stack traces, as Go prints it: `main.Map[...]`, `main.(*Stack[...]).Push`.
    pub trace_name: String,
    pub decl: std::sync::Arc<crate::ast::FuncDecl>,
    /// The type parameters' names and the types they stand for.
    pub bindings: Vec<(String, TypeId)>,
    /// A method's receiver type (the instance named type, or a pointer to it).
    pub recv: Option<TypeId>,
    /// The signature (without the receiver).
    pub sig: TypeId,
}

#[derive(Default)]
pub struct Info {
    pub exprs: HashMap<usize, ExprInfo>,
    /// Package-level names → what they denote.
    pub globals: HashMap<String, ObjKind>,
    /// Imported package names → import paths.
    pub imports: HashMap<String, String>,
    /// Function and method instances, in the order they were made.
    pub instances: Vec<Instance>,
    /// Expressions denoting a generic function instance (`F` in `F(x)`, `F[int]`) → its key.
    pub inst_refs: HashMap<usize, String>,
    /// Named types made by instantiating generic types (`Stack[int]`).
    pub inst_types: Vec<TypeId>,
    /// Names used from dot-imported packages (`import . "strconv"`; `Itoa`) → import paths.
    pub dot_members: HashMap<String, String>,
    /// What gol lacks that the program uses (`strings.ToTitle is not implemented in gol yet`,
    /// a package gol does not have): kept apart from Go's errors, which come first
    /// (`stdapi.rs`). The program is rejected if any is here.
    pub limits: Vec<crate::diag::Diagnostic>,
    /// Members the program uses of standard packages gol does not implement at all: import
    /// path → `name.Member` as written.
    pub unsupported_uses: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
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

    /// The key of the function instance `e` denotes, if it denotes one.
    pub fn instance_of(&self, e: &Expr) -> Option<&str> {
        self.inst_refs
            .get(&(e as *const Expr as usize))
            .map(|s| s.as_str())
    }

    /// What the checker recorded for `e`.
    pub fn get(&self, e: &Expr) -> Option<&ExprInfo> {
        self.exprs.get(&(e as *const Expr as usize))
    }
}
