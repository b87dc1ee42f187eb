//! CHECKER: interface satisfaction, where it can be decided for certain. Input: a concrete type
//! and an interface. Output: whether the type implements it and, if not, Go's reason: `(missing
//! method M)`, `(method M has pointer receiver)`, `(wrong type for method M)`. Decided only for
//! types whose method set is fully known here: basic types (no methods) and this package's named
//! types without embedded fields (promoted methods come later); anything else is "unknown".

use super::ty::{Type, TypeId, Types};

pub(super) enum Implements {
    Yes,
    No(String),
    Unknown,
}

/// Whether `t` implements interface `iface` (both known types).
pub(super) fn implements(types: &Types, t: TypeId, iface: TypeId) -> Implements {
    let Type::Interface(i) = types.get(types.underlying(iface)) else {
        return Implements::Unknown;
    };
    if i.comparable {
        return Implements::Unknown;
    }
    if i.methods.is_empty() {
        return Implements::Yes;
    }
    // The concrete type's methods, and whether it is a pointer to a named type.
    let (named, pointer) = match types.get(t) {
        Type::Pointer(p) if types.named_info(*p).is_some() => (*p, true),
        _ => (t, false),
    };
    let methods = match types.named_info(named) {
        Some(info) if info.pkg == "main" || super::stdpkg::complete_named(info) => {
            let has_embedded = matches!(types.get(types.underlying(named)), Type::Struct(fs) if fs.iter().any(|f| f.embedded));
            if has_embedded || types.underlying(named) == TypeId::INVALID {
                return Implements::Unknown;
            }
            if matches!(types.get(types.underlying(named)), Type::Interface(_)) {
                return Implements::Unknown;
            }
            info.methods.clone()
        }
        Some(_) => return Implements::Unknown,
        None => match types.get(t) {
            Type::Basic(_)
            | Type::Slice(_)
            | Type::Map(..)
            | Type::Chan(..)
            | Type::Func(_)
            | Type::Array(..) => Vec::new(),
            _ => return Implements::Unknown,
        },
    };
    for (name, sig) in &i.methods {
        match methods.iter().find(|m| &m.name == name) {
            None => return Implements::No(format!("(missing method {name})")),
            Some(m) if m.pointer_receiver && !pointer => {
                return Implements::No(format!("(method {name} has pointer receiver)"));
            }
            Some(m) if m.sig != *sig => {
                if m.sig == TypeId::INVALID || *sig == TypeId::INVALID {
                    return Implements::Unknown;
                }
                return Implements::No(format!("(wrong type for method {name})"));
            }
            Some(_) => {}
        }
    }
    Implements::Yes
}
