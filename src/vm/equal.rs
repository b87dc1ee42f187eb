//! EQUALITY (temporary minimal version, replaced by the full one): Go's `==` on words by type.

use super::value;
use crate::types::ty::{Type, TypeId, Types};

pub fn equal(types: &Types, ty: TypeId, a: u64, b: u64) -> Result<bool, String> {
    Ok(match types.get(types.underlying(ty)) {
        Type::Basic(k) => {
            use crate::types::constant::BasicKind::*;
            match k {
                Float32 | Float64 => f64::from_bits(a) == f64::from_bits(b),
                String | UntypedString => value::str_bytes(a) == value::str_bytes(b),
                _ => a == b,
            }
        }
        Type::Interface(_) => match (value::iface_parts(a), value::iface_parts(b)) {
            (None, None) => true,
            (Some((ta, da)), Some((tb, db))) => {
                ta == tb && equal(types, TypeId::from_index(ta), da, db)?
            }
            _ => false,
        },
        Type::Struct(fields) => {
            for (i, f) in fields.iter().enumerate() {
                let (x, y) = (value::load(value::obj(a), i, true), value::load(value::obj(b), i, true));
                if !equal(types, f.ty, x, y)? {
                    return Ok(false);
                }
            }
            true
        }
        Type::Array(n, e) => {
            for i in 0..*n as usize {
                let (x, y) = (value::load(value::obj(a), i, true), value::load(value::obj(b), i, true));
                if !equal(types, *e, x, y)? {
                    return Ok(false);
                }
            }
            true
        }
        _ => a == b,
    })
}
