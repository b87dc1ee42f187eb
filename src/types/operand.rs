//! CHECKER: operands — what the checker knows about an expression: its mode (Go's: a variable, a
//! value, a constant, a type, nil, a builtin, nothing) and its type. Input: the expression
//! checker's results. Output: Go's descriptions of operands in messages (`x (variable of type
//! int)`, `"4" (untyped string constant)`, `c (variable of float64 type Celsius)`, `f() (no
//! value)`) and the spec's assignability rule.
//!
//! `INVALID` means "unknown": an expression this checker cannot type yet (a member of a package
//! gol does not describe, a generic instantiation) or one already reported. It is assignable to
//! and from everything, so the unknown never produces an error: the checker may miss an error,
//! never invent one.

use super::constant::messages::{self, OperandType};
use super::constant::{representable, BasicKind, Value};
use super::scope::Builtin;
use super::ty::{Spelling, Type, TypeId, Types};
use crate::ast::ChanDir;

#[derive(Clone, Debug)]
pub enum Mode {
    /// Unknown or already reported.
    Invalid,
    /// A call of a function without results.
    NoValue,
    /// An addressable variable.
    Var,
    /// A map index expression (assignable, not addressable).
    MapIndex,
    /// A computed value.
    Value,
    /// A value with an optional second boolean (`v, ok := m[k]`, `<-c`, `x.(T)`).
    CommaOk,
    Const(Value),
    Nil,
    Type,
    Builtin(Builtin),
    Package,
}

#[derive(Clone, Debug)]
pub(super) struct Operand {
    pub mode: Mode,
    pub ty: TypeId,
}

pub(super) const COMPILER: Spelling = Spelling::Compiler { local: "main" };

impl Operand {
    pub fn invalid() -> Operand {
        Operand {
            mode: Mode::Invalid,
            ty: TypeId::INVALID,
        }
    }

    pub fn value(ty: TypeId) -> Operand {
        Operand {
            mode: Mode::Value,
            ty,
        }
    }

    /// Whether nothing is known (no error may be reported about it).
    pub fn unknown(&self) -> bool {
        matches!(self.mode, Mode::Invalid) || self.ty == TypeId::INVALID
    }

    pub fn is_value(&self) -> bool {
        matches!(
            self.mode,
            Mode::Var | Mode::MapIndex | Mode::Value | Mode::CommaOk | Mode::Const(_) | Mode::Nil
        )
    }
}

/// Whether everything about a type is known: it and every type it is built from are described
/// (a named type of a package gol does not describe yet has an unknown underlying type).
pub(super) fn known_type(types: &Types, t: TypeId) -> bool {
    fn walk(types: &Types, t: TypeId, depth: u32) -> bool {
        if depth > 16 {
            return true;
        }
        let u = types.underlying(t);
        if t == TypeId::INVALID || u == TypeId::INVALID {
            return false;
        }
        match types.get(u) {
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => {
                walk(types, *e, depth + 1)
            }
            Type::Map(k, v) => walk(types, *k, depth + 1) && walk(types, *v, depth + 1),
            Type::Struct(fs) => fs.iter().all(|f| walk(types, f.ty, depth + 1)),
            Type::Func(s) => s
                .params
                .iter()
                .chain(&s.results)
                .all(|t| walk(types, *t, depth + 1)),
            Type::Tuple(ts) => ts.iter().all(|t| walk(types, *t, depth + 1)),
            _ => true,
        }
    }
    walk(types, t, 0)
}

/// Whether the top level of an operand's type is known (enough to look up its fields, methods,
/// elements or signature; comparisons of types need `known`).
pub(super) fn shallow_known(types: &Types, x: &Operand) -> bool {
    !matches!(x.mode, Mode::Invalid)
        && x.ty != TypeId::INVALID
        && types.underlying(x.ty) != TypeId::INVALID
}

/// Whether an operand's type is fully known (errors about it may be reported).
pub(super) fn known(types: &Types, x: &Operand) -> bool {
    !matches!(x.mode, Mode::Invalid) && (matches!(x.mode, Mode::Nil) || known_type(types, x.ty))
}

/// Go's word for a type's structure in descriptions of named types: `float64 type Celsius`,
/// `struct type T`.
fn kind_word(types: &Types, t: TypeId) -> String {
    match types.get(types.underlying(t)) {
        Type::Basic(k) => k.name().to_string(),
        Type::Struct(_) => "struct".into(),
        Type::Interface(_) => "interface".into(),
        Type::Func(_) => "func".into(),
        Type::Map(..) => "map".into(),
        Type::Slice(_) => "slice".into(),
        Type::Array(..) => "array".into(),
        Type::Pointer(_) => "pointer".into(),
        Type::Chan(..) => "chan".into(),
        _ => String::new(),
    }
}

/// types2's operand string: `expr (mode of type T)`.
pub(super) fn describe(types: &Types, text: &str, op: &Operand) -> String {
    let ty = types.display(op.ty, COMPILER);
    let of_type = || {
        if let Some(c) = types.named_info(op.ty).and_then(|n| n.tparam.as_ref()) {
            format!("of type {ty} constrained by {c}")
        } else if types.named_info(op.ty).is_some() && types.underlying(op.ty) != op.ty {
            let w = kind_word(types, op.ty);
            if w.is_empty() {
                format!("of type {ty}")
            } else {
                format!("of {w} type {ty}")
            }
        } else {
            format!("of type {ty}")
        }
    };
    match &op.mode {
        Mode::NoValue => format!("{text} (no value)"),
        Mode::Nil => "nil".to_string(),
        Mode::Const(v) if types.is_untyped(op.ty) => {
            let k = types.basic_kind(op.ty).unwrap_or(BasicKind::UntypedInt);
            messages::operand(text, v, OperandType::Untyped(k))
        }
        Mode::Const(v) => {
            let under = types.display(types.underlying(op.ty), COMPILER);
            if types.named_info(op.ty).is_some() {
                messages::operand(
                    text,
                    v,
                    OperandType::Named {
                        name: &ty,
                        underlying: &under,
                    },
                )
            } else {
                messages::operand(text, v, OperandType::Typed(&ty))
            }
        }
        Mode::Var | Mode::MapIndex => format!("{text} (variable {})", of_type()),
        Mode::CommaOk => format!("{text} (comma, ok expression {})", of_type()),
        _ if types.is_untyped(op.ty) => format!("{text} ({ty} value)"),
        _ => format!("{text} (value {})", of_type()),
    }
}

/// Why an assignment is not allowed.
pub(super) enum NotAssignable {
    /// A plain mismatch: `cannot use x (...) as T value in ...`.
    Mismatch,
    /// An untyped constant that does not fit: with `(overflows)` / `(truncated)`.
    Constant(super::constant::RepError),
    /// A type that does not implement the target interface: Go's reason.
    Missing(String),
}

/// The spec's assignability of `x` to type `t` (unknowns are always assignable).
pub(super) fn assignable(types: &Types, x: &Operand, t: TypeId) -> Result<(), NotAssignable> {
    if !known(types, x) || t == TypeId::INVALID || !known_type(types, t) {
        return Ok(());
    }
    if x.ty == t {
        return Ok(());
    }
    let tu = types.underlying(t);
    // A type parameter without a core type takes no untyped value (not even nil).
    if types.named_info(t).is_some_and(|n| n.tparam.is_some()) && types.is_untyped(x.ty) {
        return Err(NotAssignable::Mismatch);
    }
    if let Mode::Nil = x.mode {
        return match types.get(tu) {
            Type::Pointer(_)
            | Type::Func(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..)
            | Type::Interface(_) => Ok(()),
            Type::Basic(BasicKind::UnsafePointer) => Ok(()),
            _ => Err(NotAssignable::Mismatch),
        };
    }
    // Interfaces: decided where the concrete type's method set is certain (iface.rs).
    if let Type::Interface(_) = types.get(tu) {
        // An untyped constant is assigned as a value of its default type.
        let from = if types.is_untyped(x.ty) {
            default_type(types, x.ty)
        } else {
            x.ty
        };
        if from == TypeId::INVALID {
            return Ok(());
        }
        // The constant must fit its default type (`1 << 64` passed as `any` overflows int).
        if let (true, Mode::Const(v)) = (types.is_untyped(x.ty), &x.mode) {
            if let Some(k) = types.basic_kind(from) {
                representable(v, k).map_err(NotAssignable::Constant)?;
            }
        }
        return match super::iface::implements(types, from, t) {
            super::iface::Implements::No(why) => Err(NotAssignable::Missing(why)),
            _ => Ok(()),
        };
    }
    if types.is_untyped(x.ty) {
        let Some(k) = types.basic_kind(t) else {
            return Err(NotAssignable::Mismatch);
        };
        let from = types.basic_kind(x.ty).unwrap_or(BasicKind::UntypedInt);
        let compatible = match from {
            BasicKind::UntypedBool => k.is_boolean(),
            BasicKind::UntypedString => k.is_string(),
            _ => k.is_numeric(),
        };
        if !compatible {
            return Err(NotAssignable::Mismatch);
        }
        if let Mode::Const(v) = &x.mode {
            return representable(v, k)
                .map(|_| ())
                .map_err(NotAssignable::Constant);
        }
        return Ok(());
    }
    let xu = types.underlying(x.ty);
    // Predeclared types (int, string, ...) are named types too.
    let x_named = types.named_info(x.ty).is_some() || matches!(types.get(x.ty), Type::Basic(_));
    let t_named = types.named_info(t).is_some() || matches!(types.get(t), Type::Basic(_));
    if xu == tu && (!x_named || !t_named) {
        return Ok(());
    }
    // A bidirectional channel to a channel type with the same element.
    if let (Type::Chan(ChanDir::Both, xe), Type::Chan(_, te)) = (types.get(xu), types.get(tu)) {
        if xe == te && (!x_named || !t_named) {
            return Ok(());
        }
    }
    Err(NotAssignable::Mismatch)
}

/// The type an untyped constant of type `t` defaults to (`INVALID` for untyped nil).
pub(super) fn default_type(types: &Types, t: TypeId) -> TypeId {
    match types.basic_kind(t).map(BasicKind::default_type) {
        Some(BasicKind::Bool) => TypeId::BOOL,
        Some(BasicKind::Int) => TypeId::INT,
        Some(BasicKind::Int32) => TypeId::INT32,
        Some(BasicKind::Float64) => TypeId::FLOAT64,
        Some(BasicKind::Complex128) => TypeId::COMPLEX128,
        Some(BasicKind::String) => TypeId::STRING,
        _ => TypeId::INVALID,
    }
}
