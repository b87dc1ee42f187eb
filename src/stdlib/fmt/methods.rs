//! Method sets for fmt: (type table, dynamic type, hook) → whether a value of that type has
//! `Error() string`, `String() string` or `GoString() string` in its method set, following Go's
//! rules: T has T's value-receiver methods, *T has all of T's methods, and struct types get the
//! methods promoted from embedded fields (the shallowest depth wins; two at the same depth, or a
//! field of that name, hide each other).

use super::Hook;
use crate::types::ty::{Type, TypeId, Types};

impl Hook {
    /// The Go method name fmt calls for this hook.
    pub fn method_name(self) -> &'static str {
        match self {
            Hook::Error => "Error",
            Hook::String => "String",
            Hook::GoString => "GoString",
        }
    }
}

/// Whether a value of dynamic (non-interface) type `ty` has the hook's method with signature
/// `func() string` in its method set (directly or promoted through embedded fields).
pub fn has_hook(types: &Types, ty: TypeId, hook: Hook) -> bool {
    match find_method(types, ty, hook.method_name()) {
        Some(sig) => is_func_returning_string(types, sig),
        None => false,
    }
}

/// Whether a value of dynamic type `ty` implements `fmt.Formatter`:
/// `Format(f fmt.State, verb rune)` in its method set.
pub fn has_format(types: &Types, ty: TypeId) -> bool {
    match find_method(types, ty, "Format").map(|s| types.get(s)) {
        Some(Type::Func(s)) => {
            s.results.is_empty()
                && s.params.len() == 2
                && types.is_interface(s.params[0])
                && s.params[1] == TypeId::INT32
        }
        _ => false,
    }
}

/// `func() string` exactly (the result must be the predeclared `string`, not a named string).
fn is_func_returning_string(types: &Types, sig: TypeId) -> bool {
    match types.get(sig) {
        Type::Func(s) => s.params.is_empty() && !s.variadic && s.results == [TypeId::STRING],
        _ => false,
    }
}

/// One candidate found at a depth: a callable method's signature, or `None` for a name that
/// blocks deeper ones (a field, or a pointer-receiver method unreachable from a value).
type Candidate = Option<TypeId>;

/// The signature of method `name` in the method set of `ty`, if any.
pub fn find_method(types: &Types, ty: TypeId, name: &str) -> Option<TypeId> {
    // `*T`: T's full method set (and promotions through addressable embedded values).
    let (base, addressable) = match types.get(ty) {
        Type::Pointer(e) => match types.get(*e) {
            Type::Named(_) | Type::Struct(_) => (*e, true),
            _ => return None,
        },
        _ => (ty, false),
    };
    if types.is_interface(base) {
        return None;
    }
    let mut level: Vec<(TypeId, bool)> = vec![(base, addressable)];
    let mut seen: Vec<(TypeId, usize)> = Vec::new();
    for depth in 0..16 {
        let mut found: Vec<Candidate> = Vec::new();
        let mut next: Vec<(TypeId, bool)> = Vec::new();
        for &(t, ptr) in &level {
            // A type met at a shallower depth is shadowed there; met twice at this depth, its
            // names are ambiguous (each copy adds a candidate).
            if types.named_info(t).is_some() {
                if seen.iter().any(|&(s, d)| s == t && d < depth) {
                    continue;
                }
                seen.push((t, depth));
            }
            if let Some(info) = types.named_info(t) {
                for m in info.methods.iter().filter(|m| m.name == name) {
                    found.push((!m.pointer_receiver || ptr).then_some(m.sig));
                }
            }
            match types.get(types.underlying(t)) {
                // An embedded interface promotes its methods (never at depth 0: a dynamic type
                // is not an interface).
                Type::Interface(iface) if depth > 0 => {
                    for (n, sig) in &iface.methods {
                        if n == name {
                            found.push(Some(*sig));
                        }
                    }
                }
                Type::Struct(fields) => {
                    for f in fields {
                        if f.name == name {
                            found.push(None);
                        }
                        if f.embedded {
                            next.push(match types.get(f.ty) {
                                Type::Pointer(e) => (*e, true),
                                _ => (f.ty, ptr),
                            });
                        }
                    }
                }
                _ => {}
            }
        }
        match found.len() {
            0 => {}
            1 => return found[0],
            _ => return None,
        }
        if next.is_empty() {
            return None;
        }
        level = next;
    }
    None
}
