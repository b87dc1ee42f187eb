//! CHECKER: Go's types, interned. Input: type constructors called by the checker. Output: `TypeId`
//! handles that are equal exactly when the types are identical (the spec's "Type identity"), the
//! facts later stages ask about them (underlying type, comparability, whether a value is a heap
//! reference), and Go's two spellings of them: the compiler's (in error messages) and reflect's
//! (`%T`, panics).
//!
//! Invariants:
//! - Structural types (pointer, slice, array, map, chan, func, struct, interface, tuple) are
//!   hash-consed: constructing the same structure twice yields the same `TypeId`, so identity is
//!   `==`. Interface methods are kept sorted by name with embedded interfaces flattened, and
//!   parameter names are not stored, so equal structure is exactly Go's identity.
//! - A named (defined) type is unique per declaration: `new_named` always makes a fresh id. Its
//!   underlying type is set once, after its declaration is resolved (so `type L struct{ next *L }`
//!   can refer to itself).
//! - Aliases (`byte`, `rune`, `any`, `type A = B`) are not types: they name an existing `TypeId`.
//!   Go prints `byte`/`rune` in some compile errors where the source spelled them; the checker
//!   keeps the spelling for such messages.
//! - The basic types occupy the first ids, in `BASIC_KINDS` order (`TypeId::INT` etc.).

use super::constant::BasicKind;
use crate::ast::ChanDir;
use std::collections::HashMap;

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct TypeId(u32);

/// Every basic kind, in the order of their fixed `TypeId`s.
pub const BASIC_KINDS: [BasicKind; 25] = BasicKind::ALL;

impl TypeId {
    pub const BOOL: TypeId = TypeId(0);
    pub const INT: TypeId = TypeId(1);
    pub const INT8: TypeId = TypeId(2);
    pub const INT16: TypeId = TypeId(3);
    pub const INT32: TypeId = TypeId(4);
    pub const INT64: TypeId = TypeId(5);
    pub const UINT: TypeId = TypeId(6);
    pub const UINT8: TypeId = TypeId(7);
    pub const UINT16: TypeId = TypeId(8);
    pub const UINT32: TypeId = TypeId(9);
    pub const UINT64: TypeId = TypeId(10);
    pub const UINTPTR: TypeId = TypeId(11);
    pub const FLOAT32: TypeId = TypeId(12);
    pub const FLOAT64: TypeId = TypeId(13);
    pub const COMPLEX64: TypeId = TypeId(14);
    pub const COMPLEX128: TypeId = TypeId(15);
    pub const STRING: TypeId = TypeId(16);
    pub const UNSAFE_POINTER: TypeId = TypeId(17);
    pub const UNTYPED_BOOL: TypeId = TypeId(18);
    pub const UNTYPED_INT: TypeId = TypeId(19);
    pub const UNTYPED_RUNE: TypeId = TypeId(20);
    pub const UNTYPED_FLOAT: TypeId = TypeId(21);
    pub const UNTYPED_COMPLEX: TypeId = TypeId(22);
    pub const UNTYPED_STRING: TypeId = TypeId(23);
    pub const UNTYPED_NIL: TypeId = TypeId(24);
    /// The predeclared `error` (a named interface), created right after the basics.
    pub const ERROR: TypeId = TypeId(25);
    /// `interface{}` (what `any` names).
    pub const EMPTY_INTERFACE: TypeId = TypeId(26);
    /// The predeclared `comparable` constraint.
    pub const COMPARABLE: TypeId = TypeId(27);
    /// The type of an erroneous expression: accepted everywhere, so one mistake is reported once.
    pub const INVALID: TypeId = TypeId(28);

    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The id whose `index()` is `i` (the runtime's dynamic type ids, e.g. in interfaces).
    pub fn from_index(i: u32) -> TypeId {
        TypeId(i)
    }
}

/// A field of a struct type. `name` is the type's name for an embedded field.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Field {
    pub name: String,
    pub ty: TypeId,
    pub embedded: bool,
    pub tag: String,
}

/// A function signature; parameter names are not part of the type.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Signature {
    pub params: Vec<TypeId>,
    pub results: Vec<TypeId>,
    /// The last parameter is `...T` (its type is stored as `[]T`).
    pub variadic: bool,
}

/// An interface's methods (sorted by name, embedded interfaces flattened in), each with its
/// signature type; `comparable` marks the predeclared constraint.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct Interface {
    pub methods: Vec<(String, TypeId)>,
    pub comparable: bool,
}

#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Type {
    Basic(BasicKind),
    Named(NamedId),
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Chan(ChanDir, TypeId),
    Func(Signature),
    Struct(Vec<Field>),
    Interface(Interface),
    /// The results of a call with several (or no) values; never the type of a variable.
    Tuple(Vec<TypeId>),
    Invalid,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct NamedId(u32);

/// A method declared on a named type.
#[derive(Clone, Debug)]
pub struct Method {
    pub name: String,
    /// The signature without the receiver.
    pub sig: TypeId,
    pub pointer_receiver: bool,
}

/// A defined type: its name, the package that declared it (`""` for predeclared `error`), its
/// underlying type once resolved, and its declared methods.
#[derive(Clone, Debug)]
pub struct Named {
    pub name: String,
    pub pkg: String,
    /// For a type parameter seen inside its generic declaration: its constraint as written
    /// (its underlying type is the constraint's interface). Such types never reach the compiler.
    pub tparam: Option<String>,
    pub underlying: Option<TypeId>,
    pub methods: Vec<Method>,
}

/// How to spell types.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Spelling {
    /// Go's compile errors: `interface{}`, `struct{x int}`, named types of `local` unqualified.
    Compiler { local: &'static str },
    /// reflect / `%T` / panics: `interface {}`, `struct { x int }`, always `pkg.Name`.
    Reflect,
}

#[derive(Clone)]
pub struct Types {
    types: Vec<Type>,
    interned: HashMap<Type, TypeId>,
    named: Vec<Named>,
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

impl Types {
    /// A table holding the predeclared types at their fixed ids.
    pub fn new() -> Types {
        let mut t = Types {
            types: Vec::new(),
            interned: HashMap::new(),
            named: Vec::new(),
        };
        for k in BASIC_KINDS {
            t.intern(Type::Basic(k));
        }
        // error: a named interface { Error() string }.
        let error = t.new_named("error", "");
        debug_assert_eq!(error, TypeId::ERROR);
        let empty = t.intern(Type::Interface(Interface {
            methods: vec![],
            comparable: false,
        }));
        debug_assert_eq!(empty, TypeId::EMPTY_INTERFACE);
        let comparable = t.intern(Type::Interface(Interface {
            methods: vec![],
            comparable: true,
        }));
        debug_assert_eq!(comparable, TypeId::COMPARABLE);
        let invalid = t.intern(Type::Invalid);
        debug_assert_eq!(invalid, TypeId::INVALID);
        let error_sig = t.func(vec![], vec![TypeId::STRING], false);
        let error_iface = t.interface(vec![("Error".to_string(), error_sig)], false);
        t.set_underlying(TypeId::ERROR, error_iface);
        t
    }

    fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(&id) = self.interned.get(&ty) {
            return id;
        }
        let id = TypeId(self.types.len() as u32);
        self.types.push(ty.clone());
        self.interned.insert(ty, id);
        id
    }

    /// The id of `ty` if the table holds it (a run-time lookup: the table is frozen then).
    pub fn lookup(&self, ty: &Type) -> Option<TypeId> {
        self.interned.get(ty).copied()
    }

    /// How many types the table holds: ids `0..count()` are all valid.
    pub fn count(&self) -> usize {
        self.types.len()
    }

    pub fn get(&self, t: TypeId) -> &Type {
        &self.types[t.index()]
    }

    // --------------------------------------------------------------- constructors

    pub fn pointer(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Pointer(elem))
    }

    pub fn slice(&mut self, elem: TypeId) -> TypeId {
        self.intern(Type::Slice(elem))
    }

    pub fn array(&mut self, len: u64, elem: TypeId) -> TypeId {
        self.intern(Type::Array(len, elem))
    }

    pub fn map(&mut self, key: TypeId, value: TypeId) -> TypeId {
        self.intern(Type::Map(key, value))
    }

    pub fn chan(&mut self, dir: ChanDir, elem: TypeId) -> TypeId {
        self.intern(Type::Chan(dir, elem))
    }

    pub fn func(&mut self, params: Vec<TypeId>, results: Vec<TypeId>, variadic: bool) -> TypeId {
        self.intern(Type::Func(Signature {
            params,
            results,
            variadic,
        }))
    }

    pub fn tuple(&mut self, elems: Vec<TypeId>) -> TypeId {
        self.intern(Type::Tuple(elems))
    }

    pub fn strukt(&mut self, fields: Vec<Field>) -> TypeId {
        self.intern(Type::Struct(fields))
    }

    /// An interface with these methods (embedded interfaces already flattened in by the caller;
    /// duplicates with identical signatures are allowed, as Go allows them).
    pub fn interface(&mut self, mut methods: Vec<(String, TypeId)>, comparable: bool) -> TypeId {
        methods.sort_by(|a, b| a.0.cmp(&b.0));
        methods.dedup();
        self.intern(Type::Interface(Interface {
            methods,
            comparable,
        }))
    }

    /// A new defined type (each call is a distinct type); set its underlying type later.
    pub fn new_named(&mut self, name: &str, pkg: &str) -> TypeId {
        let id = NamedId(self.named.len() as u32);
        self.named.push(Named {
            name: name.to_string(),
            pkg: pkg.to_string(),
            tparam: None,
            underlying: None,
            methods: vec![],
        });
        // Not interned by structure: `Named(id)` is unique because `id` is.
        self.intern(Type::Named(id))
    }

    /// A type parameter as its own generic declaration sees it: a named type `name` whose
    /// underlying type is its constraint's interface `iface`.
    pub fn new_tparam(&mut self, name: &str, constraint: &str, iface: TypeId) -> TypeId {
        let t = self.new_named(name, "");
        let u = self.underlying(iface);
        if let Type::Named(id) = self.types[t.index()] {
            let n = &mut self.named[id.0 as usize];
            n.tparam = Some(constraint.to_string());
            n.underlying = Some(u);
        }
        t
    }

    /// Whether `t` is or contains a type parameter of a generic declaration (`new_tparam`).
    pub fn mentions_tparam(&self, t: TypeId) -> bool {
        self.mentions_tparam_depth(t, 0)
    }

    fn mentions_tparam_depth(&self, t: TypeId, depth: u32) -> bool {
        if depth > 16 {
            return false;
        }
        let m = |x: TypeId| self.mentions_tparam_depth(x, depth + 1);
        match self.get(t) {
            Type::Named(id) => self.named[id.0 as usize].tparam.is_some(),
            Type::Pointer(e) | Type::Slice(e) | Type::Array(_, e) | Type::Chan(_, e) => m(*e),
            Type::Map(k, v) => m(*k) || m(*v),
            Type::Func(s) => s.params.iter().chain(&s.results).any(|x| m(*x)),
            Type::Struct(fs) => fs.iter().any(|f| m(f.ty)),
            Type::Tuple(ts) => ts.iter().any(|x| m(*x)),
            _ => false,
        }
    }

    /// Sets a named type's underlying type (the underlying of `u`, as the spec says for
    /// `type A B`: A's underlying is B's underlying).
    pub fn set_underlying(&mut self, named: TypeId, u: TypeId) {
        let u = self.underlying(u);
        if let Type::Named(id) = self.types[named.index()] {
            self.named[id.0 as usize].underlying = Some(u);
        }
    }

    pub fn named_info(&self, t: TypeId) -> Option<&Named> {
        match self.get(t) {
            Type::Named(id) => Some(&self.named[id.0 as usize]),
            _ => None,
        }
    }

    /// Forgets a named type's methods (a REPL re-checks its declarations: they are added again).
    pub fn clear_methods(&mut self, named: TypeId) {
        if let Type::Named(id) = self.types[named.index()] {
            self.named[id.0 as usize].methods.clear();
        }
    }

    pub fn add_method(&mut self, named: TypeId, m: Method) {
        if let Type::Named(id) = self.types[named.index()] {
            self.named[id.0 as usize].methods.push(m);
        }
    }

    // --------------------------------------------------------------- questions

    /// The underlying type: itself for all but named types (an unresolved named type is `INVALID`).
    pub fn underlying(&self, t: TypeId) -> TypeId {
        match self.get(t) {
            Type::Named(id) => self.named[id.0 as usize]
                .underlying
                .unwrap_or(TypeId::INVALID),
            _ => t,
        }
    }

    pub fn basic_kind(&self, t: TypeId) -> Option<BasicKind> {
        match self.get(self.underlying(t)) {
            Type::Basic(k) => Some(*k),
            _ => None,
        }
    }

    pub fn is_untyped(&self, t: TypeId) -> bool {
        (TypeId::UNTYPED_BOOL.0..=TypeId::UNTYPED_NIL.0).contains(&t.0)
    }

    pub fn is_interface(&self, t: TypeId) -> bool {
        matches!(self.get(self.underlying(t)), Type::Interface(_))
    }

    /// Go's size and alignment of a value of type `t` on a 64-bit target (`unsafe.Sizeof`,
    /// `Alignof`), saturating at `u64::MAX`; `None` for a type not described. Used for Go's
    /// `larger than address space` limit, not for gol's own layout (one word per element).
    pub fn go_size_align(&self, t: TypeId) -> Option<(u64, u64)> {
        self.go_size_align_at(t, 0)
    }

    fn go_size_align_at(&self, t: TypeId, depth: u32) -> Option<(u64, u64)> {
        if depth > 64 {
            return None;
        }
        let u = self.underlying(t);
        Some(match self.get(u) {
            Type::Basic(k) => {
                use BasicKind as B;
                let n = match k {
                    B::Bool | B::Int8 | B::Uint8 => 1,
                    B::Int16 | B::Uint16 => 2,
                    B::Int32 | B::Uint32 | B::Float32 => 4,
                    B::Complex64 => return Some((8, 4)),
                    B::Complex128 => return Some((16, 8)),
                    B::String => return Some((16, 8)),
                    _ => 8,
                };
                (n, n)
            }
            Type::Pointer(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) => (8, 8),
            Type::Slice(_) => (24, 8),
            Type::Interface(_) => (16, 8),
            Type::Array(n, e) => {
                let (es, ea) = self.go_size_align_at(*e, depth + 1)?;
                (es.saturating_mul(*n), ea)
            }
            Type::Struct(fields) => {
                let (mut off, mut align) = (0u64, 1u64);
                for f in fields {
                    let (fs, fa) = self.go_size_align_at(f.ty, depth + 1)?;
                    off = off.div_ceil(fa).saturating_mul(fa).saturating_add(fs);
                    align = align.max(fa);
                }
                // A final zero-size field gets a byte so its address stays inside the struct.
                if fields.last().is_some_and(|f| {
                    self.go_size_align_at(f.ty, depth + 1)
                        .is_some_and(|(s, _)| s == 0)
                }) && off > 0
                {
                    off = off.saturating_add(1);
                }
                (off.div_ceil(align).saturating_mul(align), align)
            }
            _ => return None,
        })
    }

    /// Whether values of the type may be compared with `==` (the spec's "Comparison operators"):
    /// not slices, maps or funcs, nor structs or arrays containing them.
    pub fn comparable(&self, t: TypeId) -> bool {
        match self.get(self.underlying(t)) {
            Type::Slice(_) | Type::Map(..) | Type::Func(_) | Type::Tuple(_) => false,
            Type::Array(_, e) => self.comparable(*e),
            Type::Struct(fields) => fields.iter().all(|f| self.comparable(f.ty)),
            _ => true,
        }
    }

    /// Whether a value of the type, held in a one-word register or slot, is a reference the
    /// garbage collector must trace: THE definition (the compiler's register maps, the VM's
    /// layouts and equality all ask this). Numbers and bools are plain words; strings, complex
    /// numbers, slices, interfaces, pointers, maps, chans, funcs, structs and arrays are
    /// references to heap objects, per DESIGN.md's one-word-slot rule. `nil` is a reference word
    /// (always 0). `unsafe.Pointer` is a plain word: gol has no package unsafe, so no value
    /// of it holds an address. A tuple or an invalid type is never one word.
    pub fn is_reference(&self, t: TypeId) -> bool {
        match self.get(self.underlying(t)) {
            Type::Basic(k) => matches!(
                k,
                BasicKind::String
                    | BasicKind::UntypedString
                    | BasicKind::Complex64
                    | BasicKind::Complex128
                    | BasicKind::UntypedComplex
                    | BasicKind::UntypedNil
            ),
            // (`underlying` of an unresolved `Named` is INVALID; kept for exhaustiveness.)
            Type::Invalid | Type::Tuple(_) | Type::Named(_) => false,
            Type::Pointer(_)
            | Type::Slice(_)
            | Type::Array(..)
            | Type::Map(..)
            | Type::Chan(..)
            | Type::Func(_)
            | Type::Struct(_)
            | Type::Interface(_) => true,
        }
    }

    // --------------------------------------------------------------- spelling

    /// Go's spelling of the type.
    pub fn display(&self, t: TypeId, how: Spelling) -> String {
        let mut out = String::new();
        self.write(&mut out, t, how);
        out
    }

    fn write(&self, out: &mut String, t: TypeId, how: Spelling) {
        let reflect = how == Spelling::Reflect;
        match self.get(t) {
            Type::Basic(k) => out.push_str(k.name()),
            Type::Invalid => out.push_str("invalid type"),
            Type::Named(id) => {
                let n = &self.named[id.0 as usize];
                // A type of a linked source package is named `pkg.T` already (link.rs).
                let linked = n.name.split('[').next().is_some_and(|b| b.contains('.'));
                let qualify = !n.pkg.is_empty()
                    && !linked
                    && (reflect || matches!(how, Spelling::Compiler { local } if local != n.pkg));
                if qualify {
                    // Go's compiler quotes a package path whose name another loaded package
                    // shares: strconv imports internal/strconv (also named strconv).
                    if !reflect && n.pkg == "strconv" {
                        out.push_str("\"strconv\"");
                    } else {
                        out.push_str(&n.pkg);
                    }
                    out.push('.');
                }
                match n.name.split_once('.') {
                    // Qualified by import path (`math/rand/v2.Rand`, link::qualifier): Go
                    // spells it by package name.
                    Some((path, rest)) if linked && path.contains('/') => {
                        out.push_str(crate::types::check::import_name(path));
                        out.push('.');
                        out.push_str(rest);
                    }
                    _ => out.push_str(&n.name),
                }
            }
            Type::Pointer(e) => {
                out.push('*');
                self.write(out, *e, how);
            }
            Type::Slice(e) => {
                out.push_str("[]");
                self.write(out, *e, how);
            }
            Type::Array(n, e) => {
                out.push_str(&format!("[{n}]"));
                self.write(out, *e, how);
            }
            Type::Map(k, v) => {
                out.push_str("map[");
                self.write(out, *k, how);
                out.push(']');
                self.write(out, *v, how);
            }
            Type::Chan(dir, e) => {
                out.push_str(match dir {
                    ChanDir::Both => "chan ",
                    ChanDir::Send => "chan<- ",
                    ChanDir::Recv => "<-chan ",
                });
                // `chan (<-chan int)`: without parentheses the arrow would bind to the outer chan.
                let paren =
                    *dir == ChanDir::Both && matches!(self.get(*e), Type::Chan(ChanDir::Recv, _));
                if paren {
                    out.push('(');
                }
                self.write(out, *e, how);
                if paren {
                    out.push(')');
                }
            }
            Type::Func(sig) => {
                out.push_str("func");
                self.write_signature(out, sig, how);
            }
            Type::Tuple(elems) => {
                out.push('(');
                self.write_list(out, elems, how);
                out.push(')');
            }
            Type::Struct(fields) => {
                out.push_str(if reflect { "struct {" } else { "struct{" });
                for (i, f) in fields.iter().enumerate() {
                    out.push_str(if i > 0 {
                        "; "
                    } else if reflect {
                        " "
                    } else {
                        ""
                    });
                    if !f.embedded {
                        out.push_str(&f.name);
                        out.push(' ');
                    }
                    self.write(out, f.ty, how);
                    if !f.tag.is_empty() {
                        out.push(' ');
                        out.push_str(&crate::stdlib::strconv::quote(f.tag.as_bytes()));
                    }
                }
                out.push_str(if reflect && !fields.is_empty() {
                    " }"
                } else {
                    "}"
                });
            }
            Type::Interface(iface) => {
                if iface.comparable && iface.methods.is_empty() {
                    out.push_str("comparable");
                    return;
                }
                if t == TypeId::EMPTY_INTERFACE && !reflect {
                    out.push_str("interface{}");
                    return;
                }
                out.push_str(if reflect { "interface {" } else { "interface{" });
                for (i, (name, sig)) in iface.methods.iter().enumerate() {
                    out.push_str(if i > 0 {
                        "; "
                    } else if reflect {
                        " "
                    } else {
                        ""
                    });
                    out.push_str(name);
                    if let Type::Func(s) = self.get(*sig) {
                        self.write_signature(out, s, how);
                    }
                }
                out.push_str(if reflect && !iface.methods.is_empty() {
                    " }"
                } else {
                    "}"
                });
            }
        }
    }

    /// `(int, ...string) (bool, error)`; one unnamed result without parentheses.
    fn write_signature(&self, out: &mut String, sig: &Signature, how: Spelling) {
        out.push('(');
        for (i, p) in sig.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if sig.variadic && i + 1 == sig.params.len() {
                out.push_str("...");
                let elem = match self.get(*p) {
                    Type::Slice(e) => *e,
                    _ => *p,
                };
                self.write(out, elem, how);
            } else {
                self.write(out, *p, how);
            }
        }
        out.push(')');
        match sig.results.as_slice() {
            [] => {}
            [one] => {
                out.push(' ');
                self.write(out, *one, how);
            }
            many => {
                out.push_str(" (");
                self.write_list(out, many, how);
                out.push(')');
            }
        }
    }

    fn write_list(&self, out: &mut String, ts: &[TypeId], how: Spelling) {
        for (i, t) in ts.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.write(out, *t, how);
        }
    }
}

#[cfg(test)]
#[path = "ty/tests.rs"]
mod tests;
