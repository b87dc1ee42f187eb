//! Go's `fmt` printing over VM values: interface words (`...any`) plus a format string → the
//! bytes `fmt.Sprint`, `Sprintln`, `Sprintf` (and `Errorf`'s message) produce, byte for byte.
//!
//! The per-verb formatting of primitives lives in `stdlib/fmtcore.rs`; this module is the
//! driver of `fmt/print.go`: format-string parsing (`printf.rs`), the method hooks and the
//! `%!verb(...)` error forms (`arg.rs`), composite values (`value.rs`), map key order
//! (`sort.rs`) and method sets (`methods.rs`). Values are read with `vm/value.rs`; the host (the
//! VM) supplies the type table, runs `Error`/`String`/`GoString` methods and lists map entries.

mod arg;
mod methods;
mod printf;
mod sort;
mod value;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_methods;
#[cfg(test)]
mod tests_values;

pub use methods::{find_method, has_hook};

use super::fmtcore::Spec;
use crate::types::constant::BasicKind;
use crate::types::ty::{Type, TypeId, Types};

/// The methods fmt calls on operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Hook {
    Error,
    String,
    GoString,
}

/// What fmt needs from the VM.
pub trait FmtHost {
    fn types(&self) -> &Types;
    /// Calls method `hook` on a value of dynamic type `ty` (`has_hook` said it has one).
    /// Ok(bytes) = its result; Err(text) = it panicked with a value printing as that text.
    fn call(&mut self, hook: Hook, ty: TypeId, w: u64) -> Result<Vec<u8>, String>;
    /// Entries of a non-nil map word (keys, values) in any order.
    fn map_entries(&self, map: u64) -> Vec<(u64, u64)>;
    /// Calls `Format(state, verb)` (the type implements `fmt.Formatter`) with a `fmt.State`
    /// reporting `spec`: Ok(what it wrote) or Err(panic text). `None`: the host cannot.
    fn format(
        &mut self,
        _ty: TypeId,
        _w: u64,
        _verb: u32,
        _spec: &Spec,
    ) -> Option<Result<Vec<u8>, String>> {
        None
    }
}

/// `fmt.Sprint`: operands in their default format, a space between two operands when neither
/// is a string.
pub fn sprint(host: &mut dyn FmtHost, args: &[u64]) -> Vec<u8> {
    let mut p = Printer::new(host);
    p.do_print(args);
    p.out
}

/// `fmt.Sprintln`: operands separated by spaces, then a newline.
pub fn sprintln(host: &mut dyn FmtHost, args: &[u64]) -> Vec<u8> {
    let mut p = Printer::new(host);
    p.do_println(args);
    p.out
}

/// `fmt.Sprintf`.
pub fn sprintf(host: &mut dyn FmtHost, format: &[u8], args: &[u64]) -> Vec<u8> {
    let mut p = Printer::new(host);
    p.do_printf(format, args);
    p.out
}

/// The message of `fmt.Errorf(format, args...)`: like `sprintf`, but `%w` accepts an error
/// operand (printing it as `%v`). The wrapped operands are `wrapped_args(format, args.len())`.
pub fn errorf_message(host: &mut dyn FmtHost, format: &[u8], args: &[u64]) -> Vec<u8> {
    let mut p = Printer::new(host);
    p.wrap_errs = true;
    p.do_printf(format, args);
    p.out
}

/// For `Errorf`: the indices of the operands consumed by `%w` verbs, as Go's `errorf` uses
/// them: in format order, sorted when the format used explicit argument indexes, repeats
/// removed. (Go then keeps only those operands that are errors; one index makes a
/// `*fmt.wrapError`, several a `*fmt.wrapErrors`.)
pub fn wrapped_args(format: &[u8], nargs: usize) -> Vec<usize> {
    let mut host = printf::NullHost(Types::new());
    let args = vec![0u64; nargs];
    let mut p = Printer::new(&mut host);
    p.wrap_errs = true;
    p.do_printf(format, &args);
    let mut w = std::mem::take(&mut p.wrapped);
    if p.reordered {
        w.sort_unstable();
    }
    w.dedup();
    w
}

/// The state of one `fmt` call (Go's `pp`).
pub(crate) struct Printer<'h> {
    host: &'h mut dyn FmtHost,
    out: Vec<u8>,
    /// The current directive's flags, width and precision (Go's `p.fmt`).
    spec: Spec,
    /// Inside `%!verb(T=value)`: methods are not called.
    erroring: bool,
    /// `Errorf`: `%w` is allowed.
    wrap_errs: bool,
    /// Operand indices consumed by `%w`.
    wrapped: Vec<usize>,
    /// The format used an explicit argument index.
    reordered: bool,
    /// The last argument index parsed was valid.
    good_arg_num: bool,
}

impl<'h> Printer<'h> {
    fn new(host: &'h mut dyn FmtHost) -> Printer<'h> {
        Printer {
            host,
            out: Vec::new(),
            spec: Spec::default(),
            erroring: false,
            wrap_errs: false,
            wrapped: Vec::new(),
            reordered: false,
            good_arg_num: true,
        }
    }

    fn types(&self) -> &Types {
        self.host.types()
    }

    /// reflect's spelling of a type (`%T`, `%!v(T=...)`, `%#v`).
    fn type_string(&self, t: TypeId) -> String {
        self.types().display(t, crate::types::ty::Spelling::Reflect)
    }

    fn kind(&self, t: TypeId) -> Kind {
        kind(self.types(), t)
    }
}

/// reflect's `Kind` of a type, with what printing needs of its structure.
#[derive(Clone, Debug)]
pub(crate) enum Kind {
    Bool,
    Int,
    Uint,
    /// 32 or 64.
    Float(u32),
    /// 64 or 128.
    Complex(u32),
    Str,
    UnsafePointer,
    Pointer(TypeId),
    Slice(TypeId),
    Array(u64, TypeId),
    Map(TypeId, TypeId),
    Chan,
    Func,
    /// Field (name, type, exported, embedded) in order.
    Struct(Vec<(String, TypeId, bool, bool)>),
    Interface,
    Invalid,
}

pub(crate) fn kind(types: &Types, t: TypeId) -> Kind {
    use BasicKind as B;
    match types.get(types.underlying(t)) {
        Type::Basic(k) => match k {
            B::Bool | B::UntypedBool => Kind::Bool,
            B::Int | B::Int8 | B::Int16 | B::Int32 | B::Int64 | B::UntypedInt | B::UntypedRune => {
                Kind::Int
            }
            B::Uint | B::Uint8 | B::Uint16 | B::Uint32 | B::Uint64 | B::Uintptr => Kind::Uint,
            B::Float32 => Kind::Float(32),
            B::Float64 | B::UntypedFloat => Kind::Float(64),
            B::Complex64 => Kind::Complex(64),
            B::Complex128 | B::UntypedComplex => Kind::Complex(128),
            B::String | B::UntypedString => Kind::Str,
            B::UnsafePointer => Kind::UnsafePointer,
            B::UntypedNil => Kind::Invalid,
        },
        Type::Pointer(e) => Kind::Pointer(*e),
        Type::Slice(e) => Kind::Slice(*e),
        Type::Array(n, e) => Kind::Array(*n, *e),
        Type::Map(k, v) => Kind::Map(*k, *v),
        Type::Chan(..) => Kind::Chan,
        Type::Func(_) => Kind::Func,
        Type::Struct(fields) => Kind::Struct(
            fields
                .iter()
                .map(|f| (f.name.clone(), f.ty, is_exported(&f.name), f.embedded))
                .collect(),
        ),
        Type::Interface(_) => Kind::Interface,
        Type::Named(_) | Type::Tuple(_) | Type::Invalid => Kind::Invalid,
    }
}

/// Go's `token.IsExported`: the name starts with an upper-case letter.
fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}
