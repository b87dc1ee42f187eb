//! GO SIZES: the size and alignment Go gives a type on linux/amd64. Input: a `TypeId`. Output:
//! bytes, as `unsafe.Sizeof`/`Alignof` would say. gol's own representation differs (one word
//! per value); this is only for deciding, as Go's runtime does, whether `make` asks for more
//! than any heap can hold (`makeslice: len out of range`) or for more than this one has.

use crate::types::constant::BasicKind;
use crate::types::ty::{Type, TypeId, Types};

/// Go's `maxAlloc` on 64-bit Linux (`1 << heapAddrBits`): larger requests are out of range.
pub const MAX_ALLOC: u64 = 1 << 48;

/// (size, alignment) of `t` in bytes; saturating, so a huge array type cannot overflow.
pub fn size_align(types: &Types, t: TypeId) -> (u64, u64) {
    match types.get(types.underlying(t)) {
        Type::Basic(k) => match k {
            BasicKind::Bool | BasicKind::Int8 | BasicKind::Uint8 => (1, 1),
            BasicKind::Int16 | BasicKind::Uint16 => (2, 2),
            BasicKind::Int32 | BasicKind::Uint32 | BasicKind::Float32 => (4, 4),
            BasicKind::Complex64 => (8, 4),
            BasicKind::Complex128 => (16, 8),
            BasicKind::String => (16, 8),
            _ => (8, 8),
        },
        Type::Slice(_) => (24, 8),
        Type::Interface(_) => (16, 8),
        Type::Array(n, e) => {
            let (s, a) = size_align(types, *e);
            (s.saturating_mul(*n), a)
        }
        Type::Struct(fields) => {
            let (mut off, mut align) = (0u64, 1u64);
            for f in fields {
                let (s, a) = size_align(types, f.ty);
                off = off.next_multiple_of(a).saturating_add(s);
                align = align.max(a);
            }
            // A final zero-size field gets a byte of padding (Go's rule), then round up.
            if off > 0
                && fields
                    .last()
                    .is_some_and(|f| size_align(types, f.ty).0 == 0)
            {
                off += 1;
            }
            (off.next_multiple_of(align), align)
        }
        _ => (8, 8),
    }
}

/// Go's decision for `make([]T, len, cap)` (runtime.makeslice): `Err(message)` for a length or
/// capacity out of range, else the bytes Go would allocate.
pub fn makeslice(types: &Types, elem: TypeId, len: i64, cap: i64) -> Result<u64, &'static str> {
    let size = size_align(types, elem).0;
    let fits = |n: i64| n >= 0 && (n as u64).checked_mul(size).is_some_and(|m| m <= MAX_ALLOC);
    if !fits(len) {
        return Err("runtime error: makeslice: len out of range");
    }
    if !fits(cap) || cap < len {
        return Err("runtime error: makeslice: cap out of range");
    }
    Ok(size * cap as u64)
}

/// Go's decision for `make(chan T, size)` (runtime.makechan): `Err` for a size out of range,
/// else the buffer's bytes.
pub fn makechan(types: &Types, elem: TypeId, cap: i64) -> Result<u64, &'static str> {
    let size = size_align(types, elem).0;
    match (cap >= 0).then(|| (cap as u64).checked_mul(size)).flatten() {
        Some(m) if m <= MAX_ALLOC - 96 => Ok(m),
        _ => Err("makechan: size out of range"),
    }
}
