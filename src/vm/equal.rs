//! VM EQUALITY: Go's `==` and map-key hashing over one-word values. Input: the static type of two
//! words (or of one word and a `Hasher`). Output: whether they are equal as Go defines it, or the
//! hash of the value, consistent with that equality; `Err` with Go's panic text when an
//! interface holds a value of an uncomparable dynamic type.
//!
//! The rules follow the spec's "Comparison operators" over the representation in `value.rs`:
//! - bools, integers, `uintptr`, `unsafe.Pointer`, chans, maps and funcs: the words (maps and
//!   funcs are only ever compared with nil);
//! - floats as IEEE numbers (`+0 == -0`, `NaN != NaN`); complex numbers part by part;
//! - strings by content; pointers by identity of what they designate (the aggregate object, or
//!   the (base, index) pair of an `INTERIOR` pointer);
//! - structs field by field (blank fields ignored), arrays element by element;
//! - interfaces: same dynamic type and equal values; a dynamic type that is not comparable
//!   panics (`comparing uncomparable type T` / `hash of unhashable type T`).
//!
//! Hashing follows the same cases, so `equal(a, b)` implies equal hashes: `+0`/`-0` hash alike,
//! and a NaN hashes to a fresh random value each time (like Go: a NaN key never matches, and many
//! NaN keys do not pile up in one probe chain).

use std::hash::Hasher;

use crate::types::constant::BasicKind;
use crate::types::ty::{Spelling, Type, TypeId, Types};
use crate::vm::value::{self, obj};

/// Whether a value of type `ty` is a reference word: `Types::is_reference`, the one definition.
pub fn is_ref_type(types: &Types, ty: TypeId) -> bool {
    types.is_reference(ty)
}

/// Whether pointers to `elem` are the aggregate object itself (struct or array pointees) rather
/// than an `INTERIOR` object.
fn is_aggregate(types: &Types, elem: TypeId) -> bool {
    matches!(
        types.get(types.underlying(elem)),
        Type::Struct(_) | Type::Array(..)
    )
}

/// The (re, im) parts of a complex word (0 is `0+0i`).
fn complex_parts(w: u64) -> (f64, f64) {
    if w == 0 {
        return (0.0, 0.0);
    }
    let o = obj(w);
    (
        f64::from_bits(value::load(o, 0, false)),
        f64::from_bits(value::load(o, 1, false)),
    )
}

/// What a non-aggregate pointer designates: (base object word, word index); nil is (0, 0).
fn interior_key(w: u64) -> (u64, usize) {
    if w == 0 {
        return (0, 0);
    }
    let (base, i) = value::interior_parts(w);
    (base.word(), i)
}

/// Go's `a == b` for two values of static type `ty`.
///
/// `Err` carries Go's panic message when interface operands hold equal dynamic types that are
/// not comparable (`runtime error: comparing uncomparable type []int`).
pub fn equal(types: &Types, ty: TypeId, a: u64, b: u64) -> Result<bool, String> {
    let u = types.underlying(ty);
    Ok(match types.get(u) {
        Type::Basic(k) => match k {
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat => {
                f64::from_bits(a) == f64::from_bits(b)
            }
            BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex => {
                complex_parts(a) == complex_parts(b)
            }
            BasicKind::String | BasicKind::UntypedString => {
                a == b || value::str_bytes(a) == value::str_bytes(b)
            }
            _ => a == b,
        },
        Type::Pointer(elem) => {
            a == b || (!is_aggregate(types, *elem) && interior_key(a) == interior_key(b))
        }
        // No `a == b` shortcut for aggregates: a NaN inside is unequal to itself.
        Type::Struct(fields) => {
            if fields.is_empty() {
                return Ok(true);
            }
            let (oa, ob) = (obj(a), obj(b));
            for (i, f) in fields.iter().enumerate() {
                if f.name == "_" {
                    continue;
                }
                let r = is_ref_type(types, f.ty);
                let (x, y) = (value::load(oa, i, r), value::load(ob, i, r));
                if !equal(types, f.ty, x, y)? {
                    return Ok(false);
                }
            }
            true
        }
        Type::Array(n, elem) => {
            if *n == 0 {
                return Ok(true);
            }
            let (oa, ob) = (obj(a), obj(b));
            let r = is_ref_type(types, *elem);
            for i in 0..*n as usize {
                let (x, y) = (value::load(oa, i, r), value::load(ob, i, r));
                if !equal(types, *elem, x, y)? {
                    return Ok(false);
                }
            }
            true
        }
        Type::Interface(_) => match (value::iface_parts(a), value::iface_parts(b)) {
            (None, None) => true,
            (None, Some(_)) | (Some(_), None) => false,
            (Some((ta, _)), Some((tb, _))) if ta != tb => false,
            (Some((t, da)), Some((_, db))) => {
                let dynamic = TypeId::from_index(t);
                if !types.comparable(dynamic) {
                    return Err(format!(
                        "runtime error: comparing uncomparable type {}",
                        types.display(dynamic, Spelling::Reflect)
                    ));
                }
                equal(types, dynamic, da, db)?
            }
        },
        // Chans by identity; maps, funcs and slices only ever meet nil here.
        _ => a == b,
    })
}

/// Feeds a float's hash: `+0`/`-0` alike, NaN random (it never equals anything anyway).
fn hash_float(f: f64, h: &mut impl Hasher) {
    if f == 0.0 {
        h.write_u64(0);
    } else if f.is_nan() {
        h.write_u64(crate::vm::map::random_u64());
    } else {
        h.write_u64(f.to_bits());
    }
}

/// Feeds the hash of a value of static type `ty` into `h`, consistently with `equal`: values
/// that are `==` feed the same bytes.
///
/// `Err` carries Go's panic message for an interface holding a value whose dynamic type is not
/// comparable (`runtime error: hash of unhashable type []int`).
pub fn hash(types: &Types, ty: TypeId, w: u64, h: &mut impl Hasher) -> Result<(), String> {
    let u = types.underlying(ty);
    match types.get(u) {
        Type::Basic(k) => match k {
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat => {
                hash_float(f64::from_bits(w), h)
            }
            BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex => {
                let (re, im) = complex_parts(w);
                hash_float(re, h);
                hash_float(im, h);
            }
            BasicKind::String | BasicKind::UntypedString => {
                let s = value::str_bytes(w);
                h.write_usize(s.len());
                h.write(s);
            }
            _ => h.write_u64(w),
        },
        Type::Pointer(elem) => {
            if is_aggregate(types, *elem) {
                h.write_u64(w);
            } else {
                let (base, i) = interior_key(w);
                h.write_u64(base);
                h.write_usize(i);
            }
        }
        Type::Struct(fields) => {
            if fields.is_empty() {
                return Ok(());
            }
            let o = obj(w);
            for (i, f) in fields.iter().enumerate() {
                if f.name != "_" {
                    hash(types, f.ty, value::load(o, i, is_ref_type(types, f.ty)), h)?;
                }
            }
        }
        Type::Array(n, elem) => {
            if *n == 0 {
                return Ok(());
            }
            let o = obj(w);
            let r = is_ref_type(types, *elem);
            for i in 0..*n as usize {
                hash(types, *elem, value::load(o, i, r), h)?;
            }
        }
        Type::Interface(_) => match value::iface_parts(w) {
            None => h.write_u64(u64::MAX),
            Some((t, data)) => {
                let dynamic = TypeId::from_index(t);
                if !types.comparable(dynamic) {
                    return Err(format!(
                        "runtime error: hash of unhashable type {}",
                        types.display(dynamic, Spelling::Reflect)
                    ));
                }
                h.write_u32(t);
                hash(types, dynamic, data, h)?;
            }
        },
        _ => h.write_u64(w),
    }
    Ok(())
}

#[cfg(test)]
#[path = "equal/tests.rs"]
mod tests;
