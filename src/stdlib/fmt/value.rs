//! One (static type, word) value under a verb → Go's `printValue` output: numbers, strings,
//! `[1 2]`, `{1 2}`, `{X:1}`, `main.T{X:1}`, `map[a:1]`, `&{1}`, `<nil>`, addresses; methods
//! are called on nested values unless they were reached through an unexported field.

use super::arg::v8;
use super::{Kind, Printer};
use crate::runtime::gc::Layout;
use crate::stdlib::fmtcore::{fmt_bool, fmt_complex, fmt_float, fmt_integer, fmt_string};
use crate::types::ty::TypeId;
use crate::vm::value::{iface_parts, interior_parts, load, obj, slice_parts, str_bytes};

/// Word `i` of aggregate object `agg` holding a value of type `ty` (0 if there is no object).
pub(super) fn agg_word(is_ref: bool, agg: u64, i: usize) -> u64 {
    if agg == 0 {
        return 0;
    }
    load(obj(agg), i, is_ref)
}

/// Element `i` of a backing array (one word per element, or raw bytes).
pub(super) fn array_elem(array: u64, i: usize, is_ref: bool) -> u64 {
    let r = obj(array);
    // SAFETY: `array` is a live backing array reachable from the value being printed.
    if matches!(unsafe { r.layout() }, Layout::Bytes) {
        return u64::from(unsafe { r.bytes() }[i]);
    }
    load(r, i, is_ref)
}

/// The (re, im) of a complex word.
pub(super) fn complex_parts(w: u64) -> (f64, f64) {
    if w == 0 {
        return (0.0, 0.0);
    }
    let o = obj(w);
    (
        f64::from_bits(load(o, 0, false)),
        f64::from_bits(load(o, 1, false)),
    )
}

/// reflect's read-only flags on a value reached through unexported fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ro {
    None,
    /// An unexported embedded field itself (its exported fields are usable again).
    Embed,
    /// Below an unexported non-embedded field: everything inside.
    Sticky,
}

impl Ro {
    /// reflect's `flag.ro()`: what elements, map entries and interface contents inherit.
    fn sticky(self) -> Ro {
        if self == Ro::None {
            Ro::None
        } else {
            Ro::Sticky
        }
    }

    /// reflect's `Value.Field`: the embed flag is cleared, an unexported field sets one.
    fn field(self, exported: bool, embedded: bool) -> Ro {
        match (self, exported, embedded) {
            (Ro::Sticky, _, _) | (_, false, false) => Ro::Sticky,
            (_, false, true) => Ro::Embed,
            _ => Ro::None,
        }
    }
}

impl Printer<'_> {
    fn is_ref(&self, t: TypeId) -> bool {
        self.types().is_reference(t)
    }

    /// The words of an array or slice value of element type `elem`.
    pub(super) fn elems(&self, k: &Kind, w: u64) -> Vec<u64> {
        match *k {
            Kind::Array(n, e) => {
                let r = self.is_ref(e);
                (0..n as usize).map(|i| agg_word(r, w, i)).collect()
            }
            Kind::Slice(e) => {
                let r = self.is_ref(e);
                let p = slice_parts(w);
                (0..p.len)
                    .map(|i| array_elem(p.array, p.offset + i, r))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The value a non-nil pointer to `elem` designates.
    pub(super) fn deref(&self, elem: TypeId, w: u64) -> u64 {
        if self.is_aggregate(elem) {
            return w;
        }
        let (base, i) = interior_parts(w);
        load(base, i, self.is_ref(elem))
    }

    /// Go's `printValue`. Methods are called only when `ro` is `Ro::None` (reflect's
    /// `CanInterface`).
    pub(super) fn print_value(&mut self, ty: TypeId, w: u64, verb: u32, depth: usize, ro: Ro) {
        let k = self.kind(ty);
        // An interface value prints its dynamic value (and that value's methods apply).
        if let Kind::Interface = k {
            if let Some((t, d)) = iface_parts(w) {
                return self.print_value(TypeId::from_index(t), d, verb, depth + 1, ro.sticky());
            }
        }
        if depth > 0 && ro == Ro::None && self.handle_methods(ty, w, verb) {
            return;
        }
        let (sharp_v, plus_v) = (self.spec.flags.sharp_v, self.spec.flags.plus_v);
        let vb = v8(verb);
        let ok = match k {
            Kind::Invalid => {
                if depth == 0 {
                    self.out.extend_from_slice(b"<invalid reflect.Value>");
                } else if vb == b'v' {
                    self.out.extend_from_slice(b"<nil>");
                } else {
                    self.bad_verb(None, verb);
                }
                true
            }
            Kind::Bool => fmt_bool(&mut self.out, w != 0, vb, &self.spec),
            Kind::Int => fmt_integer(&mut self.out, w, true, vb, &self.spec),
            Kind::Uint => fmt_integer(&mut self.out, w, false, vb, &self.spec),
            Kind::Float(b) => fmt_float(&mut self.out, f64::from_bits(w), b, vb, &self.spec),
            Kind::Complex(b) => {
                let (re, im) = complex_parts(w);
                fmt_complex(&mut self.out, re, im, b, vb, &self.spec)
            }
            Kind::Str => fmt_string(&mut self.out, str_bytes(w), vb, &self.spec),
            Kind::Interface => {
                // A nil interface (non-nil ones were unwrapped above).
                if sharp_v {
                    let s = self.type_string(ty);
                    self.out.extend_from_slice(s.as_bytes());
                    self.out.extend_from_slice(b"(nil)");
                } else {
                    self.out.extend_from_slice(b"<nil>");
                }
                true
            }
            Kind::Map(kt, vt) => {
                self.print_map(ty, w, kt, vt, verb, depth, ro.sticky());
                true
            }
            Kind::Struct(fields) => {
                if sharp_v {
                    let s = self.type_string(ty);
                    self.out.extend_from_slice(s.as_bytes());
                }
                self.out.push(b'{');
                for (i, (name, fty, exported, embedded)) in fields.iter().enumerate() {
                    if i > 0 {
                        self.sep(sharp_v);
                    }
                    if plus_v || sharp_v {
                        self.out.extend_from_slice(name.as_bytes());
                        self.out.push(b':');
                    }
                    let fw = agg_word(self.is_ref(*fty), w, i);
                    self.print_value(*fty, fw, verb, depth + 1, ro.field(*exported, *embedded));
                }
                self.out.push(b'}');
                true
            }
            Kind::Array(_, e) | Kind::Slice(e) => {
                self.print_list(ty, w, &k, e, verb, depth, ro.sticky());
                true
            }
            Kind::Pointer(e) => {
                let ek = self.kind(e);
                if depth == 0
                    && w != 0
                    && matches!(
                        ek,
                        Kind::Array(..) | Kind::Slice(_) | Kind::Struct(_) | Kind::Map(..)
                    )
                {
                    self.out.push(b'&');
                    let d = self.deref(e, w);
                    self.print_value(e, d, verb, depth + 1, ro);
                } else {
                    self.fmt_pointer(ty, w, verb);
                }
                true
            }
            Kind::Chan | Kind::Func | Kind::UnsafePointer => {
                self.fmt_pointer(ty, w, verb);
                true
            }
        };
        if !ok {
            self.bad_verb(Some((ty, w)), verb);
        }
    }

    /// `, ` under `%#v`, else a space.
    fn sep(&mut self, sharp_v: bool) {
        if sharp_v {
            self.out.extend_from_slice(b", ");
        } else {
            self.out.push(b' ');
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn print_list(
        &mut self,
        ty: TypeId,
        w: u64,
        k: &Kind,
        e: TypeId,
        verb: u32,
        depth: usize,
        ci: Ro,
    ) {
        let vb = v8(verb);
        if matches!(vb, b's' | b'q' | b'x' | b'X') && self.is_byte(e) {
            let bytes: Vec<u8> = self.elems(k, w).into_iter().map(|b| b as u8).collect();
            fmt_string(&mut self.out, &bytes, vb, &self.spec);
            return;
        }
        let sharp_v = self.spec.flags.sharp_v;
        if sharp_v {
            let s = self.type_string(ty);
            self.out.extend_from_slice(s.as_bytes());
            if matches!(k, Kind::Slice(_)) && w == 0 {
                self.out.extend_from_slice(b"(nil)");
                return;
            }
            self.out.push(b'{');
        } else {
            self.out.push(b'[');
        }
        for (i, ew) in self.elems(k, w).into_iter().enumerate() {
            if i > 0 {
                self.sep(sharp_v);
            }
            self.print_value(e, ew, verb, depth + 1, ci);
        }
        self.out.push(if sharp_v { b'}' } else { b']' });
    }

    /// Whether `t`'s kind is `uint8` (byte slices and arrays print as strings for `%s %q %x`).
    fn is_byte(&self, t: TypeId) -> bool {
        let types = self.types();
        types.basic_kind(t) == Some(crate::types::constant::BasicKind::Uint8)
    }

    #[allow(clippy::too_many_arguments)]
    fn print_map(
        &mut self,
        ty: TypeId,
        w: u64,
        kt: TypeId,
        vt: TypeId,
        verb: u32,
        depth: usize,
        ci: Ro,
    ) {
        let sharp_v = self.spec.flags.sharp_v;
        if sharp_v {
            let s = self.type_string(ty);
            self.out.extend_from_slice(s.as_bytes());
            if w == 0 {
                self.out.extend_from_slice(b"(nil)");
                return;
            }
            self.out.push(b'{');
        } else {
            self.out.extend_from_slice(b"map[");
        }
        let mut entries = if w == 0 {
            Vec::new()
        } else {
            self.host.map_entries(w)
        };
        self.sort_entries(kt, &mut entries);
        for (i, (kw, vw)) in entries.into_iter().enumerate() {
            if i > 0 {
                self.sep(sharp_v);
            }
            self.print_value(kt, kw, verb, depth + 1, ci);
            self.out.push(b':');
            self.print_value(vt, vw, verb, depth + 1, ci);
        }
        self.out.push(if sharp_v { b'}' } else { b']' });
    }
}
