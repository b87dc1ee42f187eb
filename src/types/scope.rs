//! CHECKER: what names denote. Input: declarations as the checker meets them. Output: `Object`s
//! (a constant, variable, type, function, package, builtin or `nil`) found by name through a chain
//! of scopes ending in the universe (Go's predeclared identifiers).

use super::constant::Value;
use super::ty::TypeId;
use crate::span::Span;
use std::collections::HashMap;

/// Go's builtin functions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    Append,
    Cap,
    Clear,
    Close,
    Complex,
    Copy,
    Delete,
    Imag,
    Len,
    Make,
    Max,
    Min,
    New,
    Panic,
    Print,
    Println,
    Real,
    Recover,
}

#[derive(Clone, Debug)]
pub enum ObjKind {
    Const {
        ty: TypeId,
        value: Value,
    },
    Var {
        ty: TypeId,
    },
    TypeName {
        ty: TypeId,
    },
    Func {
        ty: TypeId,
    },
    /// An imported package (its import path).
    Package {
        path: String,
    },
    Builtin(Builtin),
    Nil,
}

impl ObjKind {
    /// How Go's `X (kind) is not a type` names a package-level object of this kind.
    pub fn go_kind(&self) -> &'static str {
        match self {
            ObjKind::Const { .. } => "constant",
            ObjKind::Var { .. } => "package-level variable",
            ObjKind::TypeName { .. } => "defined type",
            ObjKind::Func { .. } => "function",
            ObjKind::Package { .. } => "package name",
            ObjKind::Builtin(_) => "built-in function",
            ObjKind::Nil => "untyped nil",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Object {
    pub name: String,
    pub kind: ObjKind,
    /// Where it was declared (the name's span); `None` for predeclared objects.
    pub decl: Option<Span>,
}

/// A scope: names declared in one block, and the enclosing scope.
#[derive(Default)]
pub struct Scope {
    names: HashMap<String, usize>,
    objects: Vec<Object>,
}

impl Scope {
    /// Declares `obj`; if the name is taken in this scope, returns the earlier object instead.
    /// `_` is never declared (the blank identifier introduces no binding).
    pub fn insert(&mut self, obj: Object) -> Result<(), &Object> {
        if obj.name == "_" {
            return Ok(());
        }
        if let Some(&i) = self.names.get(&obj.name) {
            return Err(&self.objects[i]);
        }
        self.names.insert(obj.name.clone(), self.objects.len());
        self.objects.push(obj);
        Ok(())
    }

    pub fn lookup(&self, name: &str) -> Option<&Object> {
        self.names.get(name).map(|&i| &self.objects[i])
    }

    /// Every object, in declaration order.
    pub fn objects(&self) -> impl Iterator<Item = &Object> {
        self.objects.iter()
    }

    pub fn lookup_mut(&mut self, name: &str) -> Option<&mut Object> {
        self.names.get(name).map(|&i| &mut self.objects[i])
    }
}

/// The universe scope: predeclared types, constants, `nil` and the builtins.
pub fn universe() -> Scope {
    let mut s = Scope::default();
    let mut add = |name: &str, kind: ObjKind| {
        let _ = s.insert(Object {
            name: name.to_string(),
            kind,
            decl: None,
        });
    };
    let types = [
        ("bool", TypeId::BOOL),
        ("int", TypeId::INT),
        ("int8", TypeId::INT8),
        ("int16", TypeId::INT16),
        ("int32", TypeId::INT32),
        ("int64", TypeId::INT64),
        ("uint", TypeId::UINT),
        ("uint8", TypeId::UINT8),
        ("uint16", TypeId::UINT16),
        ("uint32", TypeId::UINT32),
        ("uint64", TypeId::UINT64),
        ("uintptr", TypeId::UINTPTR),
        ("float32", TypeId::FLOAT32),
        ("float64", TypeId::FLOAT64),
        ("complex64", TypeId::COMPLEX64),
        ("complex128", TypeId::COMPLEX128),
        ("string", TypeId::STRING),
        // Aliases name the same type (see ty.rs).
        ("byte", TypeId::UINT8),
        ("rune", TypeId::INT32),
        ("error", TypeId::ERROR),
        ("any", TypeId::EMPTY_INTERFACE),
        ("comparable", TypeId::COMPARABLE),
    ];
    for (name, ty) in types {
        add(name, ObjKind::TypeName { ty });
    }
    add(
        "true",
        ObjKind::Const {
            ty: TypeId::UNTYPED_BOOL,
            value: Value::Bool(true),
        },
    );
    add(
        "false",
        ObjKind::Const {
            ty: TypeId::UNTYPED_BOOL,
            value: Value::Bool(false),
        },
    );
    // `iota` is re-bound in each constant declaration; in the universe it is 0 of untyped int.
    add(
        "iota",
        ObjKind::Const {
            ty: TypeId::UNTYPED_INT,
            value: Value::from_i64(0),
        },
    );
    add("nil", ObjKind::Nil);
    use Builtin::*;
    let builtins = [
        ("append", Append),
        ("cap", Cap),
        ("clear", Clear),
        ("close", Close),
        ("complex", Complex),
        ("copy", Copy),
        ("delete", Delete),
        ("imag", Imag),
        ("len", Len),
        ("make", Make),
        ("max", Max),
        ("min", Min),
        ("new", New),
        ("panic", Panic),
        ("print", Print),
        ("println", Println),
        ("real", Real),
        ("recover", Recover),
    ];
    for (name, b) in builtins {
        add(name, ObjKind::Builtin(b));
    }
    s
}
