//! CHECKER: method sets and interface satisfaction. Input: a type and an interface (both known).
//! Output: whether the type implements it and, if not, Go's reason: `(missing method M)`,
//! `(method M has pointer receiver)`, `(wrong type for method M)`. Method sets follow the spec:
//! a named type's declared methods (pointer-receiver ones only for `*T`), methods promoted through
//! embedded fields at the shallowest depth (a field or an ambiguity at a depth hides deeper
//! names), and an interface's own methods. "Unknown" only where a type involved is not described
//! (a standard type gol does not list completely, an invalid type): the caller then reports
//! nothing, and the VM checks at run time.
//!
//! Soundness rests on this: a value stored in an interface is called through the interface's
//! method signatures, so a method whose signature differs must never satisfy it.

use super::ty::{Type, TypeId, Types};
use std::collections::HashMap;

pub(super) enum Implements {
    Yes,
    No(String),
    Unknown,
}

/// One entry of a method set being built: the signature, and whether only the pointer's method
/// set has it (a pointer receiver reached through a value).
#[derive(Clone, Copy)]
struct Entry {
    sig: TypeId,
    needs_pointer: bool,
}

/// What one name denotes at the depth it was first found.
enum Found {
    Method(Entry),
    /// A field: no method of that name is in the set.
    Field,
    /// Several names at the same depth: none of them is selected.
    Ambiguous,
}

/// The method set of `t` by name (`None`: not known here), and whether it is complete (a
/// standard type gol lists only partly gives the methods it lists, with their receivers).
fn method_set(types: &Types, t: TypeId) -> Option<(HashMap<String, Found>, bool)> {
    let mut complete = true;
    // `(type, pointer methods reachable)` at the current depth.
    let (base, via_pointer) = match types.get(t) {
        Type::Pointer(p) if types.named_info(*p).is_some() => (*p, true),
        Type::Pointer(p) => match types.get(types.underlying(*p)) {
            // A pointer to an unnamed struct has the struct's promoted methods.
            Type::Struct(_) => (*p, true),
            _ => return Some((HashMap::new(), true)),
        },
        _ => (t, false),
    };
    if via_pointer && types.is_interface(base) {
        return Some((HashMap::new(), true)); // a pointer to an interface has no methods
    }
    let mut set: HashMap<String, Found> = HashMap::new();
    let mut level = vec![(base, via_pointer)];
    let mut seen_named: Vec<TypeId> = Vec::new();
    for _depth in 0..32 {
        if level.is_empty() {
            return Some((set, complete));
        }
        let mut here: HashMap<String, Vec<Found>> = HashMap::new();
        let mut next = Vec::new();
        for (ty, ptr) in level {
            let u = types.underlying(ty);
            if ty == TypeId::INVALID || u == TypeId::INVALID {
                return None;
            }
            if let Some(info) = types.named_info(ty) {
                if seen_named.contains(&ty) {
                    continue; // an embedding cycle through pointers: already expanded
                }
                seen_named.push(ty);
                if info.tparam.is_some() {
                    return None;
                }
                if info.pkg != "main" && !super::stdpkg::complete_named(info) {
                    complete = false;
                }
                for m in &info.methods {
                    let e = Entry {
                        sig: m.sig,
                        needs_pointer: m.pointer_receiver && !ptr,
                    };
                    here.entry(m.name.clone())
                        .or_default()
                        .push(Found::Method(e));
                }
            }
            match types.get(u) {
                Type::Interface(i) => {
                    for (name, sig) in &i.methods {
                        let e = Entry {
                            sig: *sig,
                            needs_pointer: false,
                        };
                        here.entry(name.clone()).or_default().push(Found::Method(e));
                    }
                }
                Type::Struct(fields) => {
                    for f in fields {
                        here.entry(f.name.clone()).or_default().push(Found::Field);
                        if f.embedded {
                            match types.get(f.ty) {
                                Type::Pointer(p) => next.push((*p, true)),
                                _ => next.push((f.ty, ptr)),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (name, mut found) in here {
            if set.contains_key(&name) {
                continue; // hidden by a shallower name
            }
            let f = if found.len() == 1 {
                found.pop().expect("one")
            } else {
                Found::Ambiguous
            };
            set.insert(name, f);
        }
        level = next;
    }
    None
}

/// Whether `t` implements interface `iface` (both known types).
pub(super) fn implements(types: &Types, t: TypeId, iface: TypeId) -> Implements {
    let Type::Interface(i) = types.get(types.underlying(iface)) else {
        return Implements::Unknown;
    };
    if i.comparable {
        return Implements::Unknown;
    }
    has_methods(types, t, &i.methods)
}

/// Whether `t`'s method set has every method of `methods` (name, signature), as `implements`.
pub(super) fn has_methods(types: &Types, t: TypeId, methods: &[(String, TypeId)]) -> Implements {
    let i = super::ty::Interface {
        methods: methods.to_vec(),
        comparable: false,
    };
    if i.methods.is_empty() {
        return Implements::Yes;
    }
    let Some((set, complete)) = method_set(types, t) else {
        return Implements::Unknown;
    };
    // Go names the type without its pointer: `T.m is a field`.
    let base = match types.get(t) {
        Type::Pointer(p) => *p,
        _ => t,
    };
    let shown = || types.display(base, super::operand::COMPILER);
    // `Get() int` from `func() int`.
    let method = |name: &str, sig: TypeId| {
        let f = types.display(sig, super::operand::COMPILER);
        format!("{name}{}", f.strip_prefix("func").unwrap_or(&f))
    };
    for (name, sig) in &i.methods {
        match set.get(name) {
            None if !complete => return Implements::Unknown,
            None => return Implements::No(format!("(missing method {name})")),
            Some(Found::Field) => {
                return Implements::No(format!("({}.{name} is a field, not a method)", shown()));
            }
            Some(Found::Ambiguous) => {
                return Implements::No(format!("(ambiguous selector {}.{name})", shown()));
            }
            Some(Found::Method(m)) if m.sig != *sig => {
                if m.sig == TypeId::INVALID || *sig == TypeId::INVALID {
                    return Implements::Unknown;
                }
                return Implements::No(format!(
                    "(wrong type for method {name})\n\t\thave {}\n\t\twant {}",
                    method(name, m.sig),
                    method(name, *sig)
                ));
            }
            Some(Found::Method(m)) if m.needs_pointer => {
                return Implements::No(format!("(method {name} has pointer receiver)"));
            }
            Some(_) => {}
        }
    }
    Implements::Yes
}
