//! CHECKER: constraint interfaces in type positions. Input: a type expression written where a
//! variable's type goes (a `var`, a parameter or result, a struct field, an element, key or
//! pointer base type, a type argument). Output: Go's error when it names an interface that is
//! only a constraint (type terms such as `~int | string`, or `comparable` embedded): such an
//! interface has no values, so Go rejects it everywhere but in a constraint.

use super::check::{codes, Checker};
use super::resolve::Resolver;
use crate::ast::{Expr, ExprKind, UnOp};

/// Why an interface can only be a constraint (Go's wording).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Misplaced {
    Comparable,
    Terms,
}

impl Checker<'_> {
    /// Reports `e` (at its start, as Go does) if it denotes a constraint-only interface.
    pub(super) fn check_var_type(&mut self, e: &Expr) {
        let Some(why) = self.constraint_only(e, 0) else {
            return;
        };
        let shown = match &e.kind {
            ExprKind::InterfaceType(_) => compact(self.source_slice(e.span)),
            _ => self.source_slice(e.span).to_string(),
        };
        let reason = match why {
            Misplaced::Comparable => "interface is (or embeds) comparable",
            Misplaced::Terms => "interface contains type constraints",
        };
        let msg = format!("cannot use type {shown} outside a type constraint: {reason}");
        self.error(codes::NOT_A_TYPE, e.span, msg);
    }

    /// Whether `e` names (or spells) an interface whose type set is not a method set.
    fn constraint_only(&self, e: &Expr, depth: u32) -> Option<Misplaced> {
        if depth > 16 {
            return None;
        }
        match &e.kind {
            ExprKind::Paren(x) => self.constraint_only(x, depth + 1),
            ExprKind::Ident(n) if self.local_ref(n).is_some() => None,
            ExprKind::Ident(n) => match self.decls.get(n.as_str()) {
                Some(d) if d.spec.tparams.is_empty() => match &d.spec.ty.kind {
                    ExprKind::InterfaceType(_) | ExprKind::Ident(_) | ExprKind::Paren(_) => {
                        self.constraint_only(&d.spec.ty, depth + 1)
                    }
                    _ => None,
                },
                Some(_) => None,
                None if n == "comparable" => Some(Misplaced::Comparable),
                None => None,
            },
            ExprKind::InterfaceType(elems) => {
                let mut found = None;
                for el in elems.iter().filter(|el| el.names.is_empty()) {
                    let why = match &el.ty.kind {
                        ExprKind::Binary(..) | ExprKind::Unary(UnOp::Tilde, _) => {
                            Some(Misplaced::Terms)
                        }
                        _ if self.embeds_non_interface(&el.ty) => Some(Misplaced::Terms),
                        _ => self.constraint_only(&el.ty, depth + 1),
                    };
                    // Terms anywhere decide (the type set is then a list of types, made
                    // comparable by filtering), else an embedded comparable does.
                    match why {
                        Some(Misplaced::Terms) => return Some(Misplaced::Terms),
                        Some(Misplaced::Comparable) => found = Some(Misplaced::Comparable),
                        None => {}
                    }
                }
                found
            }
            _ => None,
        }
    }

    /// Whether an embedded interface element is a single non-interface type (`interface{ int }`),
    /// which is a type term too.
    fn embeds_non_interface(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Paren(x) => self.embeds_non_interface(x),
            ExprKind::Ident(n) if self.local_ref(n).is_some() => false,
            ExprKind::Ident(n) => match self.decls.get(n.as_str()) {
                Some(d) => !matches!(
                    d.spec.ty.kind,
                    ExprKind::InterfaceType(_) | ExprKind::Ident(_) | ExprKind::Selector(..)
                ),
                // Predeclared names: every one but the interfaces is a type term.
                None => !matches!(n.as_str(), "any" | "error" | "comparable"),
            },
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::Star(_)
            | ExprKind::FuncType(_)
            | ExprKind::StructType(_) => true,
            _ => false,
        }
    }
}

/// An interface literal as Go prints the type: `interface{ ~int }` → `interface{~int}`.
fn compact(src: &str) -> String {
    let s = src.split_whitespace().collect::<Vec<_>>().join(" ");
    s.replace("{ ", "{").replace(" }", "}")
}

impl Resolver<'_, '_> {
    /// Reports each value that is a generic function named without type arguments where
    /// nothing can infer them (`f := Id`, `var f = Id`): Go has no value for it.
    pub(super) fn check_generic_values(&mut self, rhs: &[Expr]) {
        for e in rhs {
            let mut x = e;
            while let ExprKind::Paren(inner) = &x.kind {
                x = inner;
            }
            if let ExprKind::Ident(n) = &x.kind {
                if self.is_generic_func(n) {
                    let msg = format!("cannot use generic function {n} without instantiation");
                    self.c.error(codes::NOT_A_TYPE, x.span, msg);
                }
            }
        }
    }
}
