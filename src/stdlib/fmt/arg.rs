//! One operand under one verb (Go's `printArg`, `handleMethods`, `badVerb`, `catchPanic`,
//! `fmtPointer`): an interface word or a (type, word) value → `<nil>`, `%T`, `%p`, the result of
//! its `Error`/`String`/`GoString` method, or `%!verb(T=value)` / `%!v(PANIC=...)`.

use super::value::Ro;
use super::{has_hook, Hook, Kind, Printer};
use crate::stdlib::fmtcore::{fmt_0x64, fmt_integer, fmt_string, pad};
use crate::types::ty::{Type, TypeId};
use crate::vm::value::{iface_parts, interior_parts, slice_parts};

/// A verb as the byte the formatting core takes (non-ASCII verbs are bad for every kind).
pub(super) fn v8(verb: u32) -> u8 {
    if verb < 0x80 {
        verb as u8
    } else {
        0
    }
}

impl Printer<'_> {
    /// Go's `printArg`: `arg` is an interface word.
    pub(super) fn print_arg(&mut self, arg: u64, verb: u32) {
        let Some((t, w)) = iface_parts(arg) else {
            match v8(verb) {
                b'T' | b'v' => self.pad_string(b"<nil>"),
                _ => self.bad_verb(None, verb),
            }
            return;
        };
        let ty = TypeId::from_index(t);
        if v8(verb) != b'T' && v8(verb) != b'p' {
            // Go's printArg prints a reflect.Value operand as the value it holds.
            if let Some(held) = crate::vm::reflectv::held_value(self.types(), ty, w) {
                // An interface-typed Value holds its dynamic value.
                let held = match held {
                    Some((vt, vw)) if self.types().is_interface(vt) => {
                        iface_parts(vw).map(|(d, x)| (TypeId::from_index(d), x))
                    }
                    h => h,
                };
                match held {
                    Some((vt, vw)) => {
                        if !self.handle_methods(vt, vw, verb) {
                            self.print_value(vt, vw, verb, 0, Ro::None);
                        }
                    }
                    None => self.print_value(TypeId::INVALID, 0, verb, 0, Ro::None),
                }
                return;
            }
        }
        match v8(verb) {
            b'T' => {
                let s = self.type_string(ty);
                self.fmt_s(s.as_bytes());
            }
            b'p' => self.fmt_pointer(ty, w, verb),
            // `%#v` of a plain `[]byte` operand spells its type `[]byte` (Go's fast path).
            b'v' | b'd' if self.spec.flags.sharp_v && self.is_plain_bytes(ty) => {
                self.out.extend_from_slice(b"[]byte");
                if w == 0 {
                    self.out.extend_from_slice(b"(nil)");
                    return;
                }
                self.out.push(b'{');
                let k = self.kind(ty);
                for (i, c) in self.elems(&k, w).into_iter().enumerate() {
                    if i > 0 {
                        self.out.extend_from_slice(b", ");
                    }
                    fmt_0x64(&mut self.out, c & 0xff, true, &self.spec);
                }
                self.out.push(b'}');
            }
            _ => {
                if !self.handle_methods(ty, w, verb) {
                    self.print_value(ty, w, verb, 0, Ro::None);
                }
            }
        }
    }

    /// Whether `ty` is exactly `[]byte` (not a named type).
    fn is_plain_bytes(&self, ty: TypeId) -> bool {
        matches!(self.types().get(ty), Type::Slice(e) if *e == TypeId::UINT8)
    }

    /// Go's `fmt.padString`: width applies, precision does not.
    pub(super) fn pad_string(&mut self, s: &[u8]) {
        let f = self.spec.flags;
        pad(&mut self.out, s, self.spec.width, f.minus, f.zero);
    }

    /// Go's `fmt.fmtS`: truncated to the precision, then padded.
    pub(super) fn fmt_s(&mut self, s: &[u8]) {
        fmt_string(&mut self.out, s, b's', &self.spec);
    }

    /// Go's `badVerb`: `%!verb(T=value)`, or `%!verb(<nil>)`; methods are not called inside.
    pub(super) fn bad_verb(&mut self, value: Option<(TypeId, u64)>, verb: u32) {
        self.erroring = true;
        self.out.extend_from_slice(b"%!");
        self.push_rune(verb);
        self.out.push(b'(');
        match value {
            Some((ty, w)) => {
                let s = self.type_string(ty);
                self.out.extend_from_slice(s.as_bytes());
                self.out.push(b'=');
                self.print_value(ty, w, 'v' as u32, 0, Ro::None);
            }
            None => self.out.extend_from_slice(b"<nil>"),
        }
        self.out.push(b')');
        self.erroring = false;
    }

    /// Go's `handleMethods` for a value of dynamic type `ty`: `%w` checks, then `GoString` under
    /// `%#v`, else `Error` or `String` for the verbs `v s x X q`. True when it printed.
    pub(super) fn handle_methods(&mut self, ty: TypeId, w: u64, mut verb: u32) -> bool {
        if self.erroring {
            return false;
        }
        if verb == 'w' as u32 {
            if !has_hook(self.types(), ty, Hook::Error) || !self.wrap_errs {
                self.bad_verb(Some((ty, w)), verb);
                return true;
            }
            verb = 'v' as u32;
        }
        if super::methods::has_format(self.types(), ty) {
            let spec = self.spec;
            match self.host.format(ty, w, verb, &spec) {
                Some(Ok(s)) => {
                    self.out.extend_from_slice(&s);
                    return true;
                }
                Some(Err(text)) => {
                    self.catch_panic_named(ty, w, verb, "Format", &text);
                    return true;
                }
                None => {}
            }
        }
        let hook = if self.spec.flags.sharp_v {
            if !has_hook(self.types(), ty, Hook::GoString) {
                return false;
            }
            Hook::GoString
        } else {
            if !matches!(v8(verb), b'v' | b's' | b'x' | b'X' | b'q') {
                return false;
            }
            if has_hook(self.types(), ty, Hook::Error) {
                Hook::Error
            } else if has_hook(self.types(), ty, Hook::String) {
                Hook::String
            } else {
                return false;
            }
        };
        match self.host.call(hook, ty, w) {
            Ok(s) if hook == Hook::GoString => self.fmt_s(&s),
            Ok(s) => {
                fmt_string(&mut self.out, &s, v8(verb), &self.spec);
            }
            Err(text) => self.catch_panic(ty, w, verb, hook, &text),
        }
        true
    }

    /// Go's `catchPanic`: a nil pointer receiver prints `<nil>`; otherwise
    /// `%!v(PANIC=String method: TEXT)` with default flags.
    fn catch_panic(&mut self, ty: TypeId, w: u64, verb: u32, hook: Hook, text: &str) {
        self.catch_panic_named(ty, w, verb, hook.method_name(), text)
    }

    fn catch_panic_named(&mut self, ty: TypeId, w: u64, verb: u32, method: &str, text: &str) {
        if w == 0 && matches!(self.kind(ty), Kind::Pointer(_)) {
            self.out.extend_from_slice(b"<nil>");
            return;
        }
        self.out.extend_from_slice(b"%!");
        self.push_rune(verb);
        self.out.extend_from_slice(b"(PANIC=");
        self.out.extend_from_slice(method.as_bytes());
        self.out.extend_from_slice(b" method: ");
        self.out.extend_from_slice(text.as_bytes());
        self.out.push(b')');
    }

    /// The machine address a pointer-like value prints as (0 for nil). Pointers to
    /// non-aggregates and slices designate a word of an object: its base plus 8 per word, so
    /// equal pointers print equal.
    pub(super) fn address(&self, ty: TypeId, w: u64) -> u64 {
        if w == 0 {
            return 0;
        }
        match self.kind(ty) {
            Kind::Pointer(e) if !self.is_aggregate(e) => {
                let (base, i) = interior_parts(w);
                base.word() + 8 * i as u64
            }
            Kind::Slice(_) => {
                let p = slice_parts(w);
                if p.array == 0 {
                    w
                } else {
                    p.array + 8 * p.offset as u64
                }
            }
            _ => w,
        }
    }

    /// Whether values of `t` are aggregate objects (structs, arrays).
    pub(super) fn is_aggregate(&self, t: TypeId) -> bool {
        let types = self.types();
        matches!(
            types.get(types.underlying(t)),
            Type::Struct(_) | Type::Array(..)
        )
    }

    /// Go's `fmtPointer` (chans, funcs, maps, pointers, slices, unsafe pointers).
    pub(super) fn fmt_pointer(&mut self, ty: TypeId, w: u64, verb: u32) {
        if !matches!(
            self.kind(ty),
            Kind::Chan
                | Kind::Func
                | Kind::Map(..)
                | Kind::Pointer(_)
                | Kind::Slice(_)
                | Kind::UnsafePointer
        ) {
            self.bad_verb(Some((ty, w)), verb);
            return;
        }
        let u = self.address(ty, w);
        let sharp = self.spec.flags.sharp;
        match v8(verb) {
            b'v' if self.spec.flags.sharp_v => {
                self.out.push(b'(');
                let s = self.type_string(ty);
                self.out.extend_from_slice(s.as_bytes());
                self.out.extend_from_slice(b")(");
                if u == 0 {
                    self.out.extend_from_slice(b"nil");
                } else {
                    fmt_0x64(&mut self.out, u, true, &self.spec);
                }
                self.out.push(b')');
            }
            b'v' if u == 0 => self.pad_string(b"<nil>"),
            b'v' | b'p' => fmt_0x64(&mut self.out, u, !sharp, &self.spec),
            b'b' | b'o' | b'd' | b'x' | b'X' => {
                fmt_integer(&mut self.out, u, false, v8(verb), &self.spec);
            }
            _ => self.bad_verb(Some((ty, w)), verb),
        }
    }
}
