//! Map entries → Go's printing order (`internal/fmtsort`): keys compared by kind — numbers by
//! value (NaN first), strings bytewise, false before true, pointers and chans by address (nil
//! first), structs and arrays element-wise, interfaces by dynamic type then value.

use super::value::{agg_word, complex_parts};
use super::{Kind, Printer};
use crate::types::ty::TypeId;
use crate::vm::value::{iface_parts, str_bytes};
use std::cmp::Ordering;

/// Go's `cmp.Compare` on floats: NaN sorts before everything and equals NaN.
fn cmp_float(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Less,
        (false, true) => Ordering::Greater,
        _ => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

impl Printer<'_> {
    /// Sorts (key, value) pairs by key, stably, as `fmtsort.Sort` does.
    pub(super) fn sort_entries(&self, kt: TypeId, entries: &mut [(u64, u64)]) {
        entries.sort_by(|a, b| self.compare(kt, a.0, b.0));
    }

    /// `fmtsort.compare` of two values of type `t`.
    fn compare(&self, t: TypeId, a: u64, b: u64) -> Ordering {
        match self.kind(t) {
            Kind::Int => (a as i64).cmp(&(b as i64)),
            Kind::Uint | Kind::Bool => a.cmp(&b),
            Kind::Str => str_bytes(a).cmp(str_bytes(b)),
            Kind::Float(_) => cmp_float(f64::from_bits(a), f64::from_bits(b)),
            Kind::Complex(_) => {
                let ((ar, ai), (br, bi)) = (complex_parts(a), complex_parts(b));
                cmp_float(ar, br).then_with(|| cmp_float(ai, bi))
            }
            Kind::Pointer(_) | Kind::UnsafePointer | Kind::Chan => {
                self.address(t, a).cmp(&self.address(t, b))
            }
            Kind::Struct(fields) => {
                for (i, (_, ft, _, _)) in fields.iter().enumerate() {
                    let r = self.types().is_reference(*ft);
                    let c = self.compare(*ft, agg_word(r, a, i), agg_word(r, b, i));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                Ordering::Equal
            }
            Kind::Array(n, e) => {
                let r = self.types().is_reference(e);
                for i in 0..n as usize {
                    let c = self.compare(e, agg_word(r, a, i), agg_word(r, b, i));
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                Ordering::Equal
            }
            Kind::Interface => match (iface_parts(a), iface_parts(b)) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                // Go orders dynamic types by their descriptors' addresses; the type table's
                // order stands in for that.
                (Some((ta, da)), Some((tb, db))) => ta
                    .cmp(&tb)
                    .then_with(|| self.compare(TypeId::from_index(ta), da, db)),
            },
            _ => Ordering::Equal,
        }
    }
}
