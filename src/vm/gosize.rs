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

/// Whether Go's GC would scan a `t` (it holds a pointer, string, slice, map, channel, func or
/// interface): such allocations above 512 bytes carry an 8-byte malloc header.
pub fn has_pointers(types: &Types, t: TypeId) -> bool {
    match types.get(types.underlying(t)) {
        Type::Basic(k) => matches!(k, BasicKind::String | BasicKind::UnsafePointer),
        Type::Array(n, e) => *n > 0 && has_pointers(types, *e),
        Type::Struct(fields) => fields.iter().any(|f| has_pointers(types, f.ty)),
        _ => true,
    }
}

/// Go's size classes (`internal/runtime/gc/sizeclasses.go`).
const SIZE_CLASSES: [u64; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// `runtime.roundupsize`: the bytes the allocator really hands out for `size`.
fn roundupsize(size: u64, noscan: bool) -> u64 {
    const MALLOC_HEADER: u64 = 8;
    if size <= 32768 - MALLOC_HEADER {
        let req = if !noscan && size > 512 {
            size + MALLOC_HEADER
        } else {
            size
        };
        let class = *SIZE_CLASSES.iter().find(|&&c| c >= req).expect("a class");
        return class - (req - size);
    }
    size.checked_add(8191).map_or(size, |r| r & !8191)
}

/// `runtime.growslice`'s new capacity when a slice of capacity `old_cap` must hold `new_len`
/// elements of type `elem`: `nextslicecap`, then rounded up to the allocation's size class.
pub fn grown_cap(types: &Types, elem: TypeId, old_cap: usize, new_len: usize) -> usize {
    let mut newcap = old_cap;
    let doublecap = old_cap + old_cap;
    if new_len > doublecap {
        newcap = new_len;
    } else if old_cap < 256 {
        newcap = doublecap;
    } else {
        while newcap < new_len {
            newcap += (newcap + 3 * 256) >> 2;
        }
    }
    let size = size_align(types, elem).0;
    if size == 0 {
        return new_len;
    }
    let Some(mem) = (newcap as u64).checked_mul(size) else {
        return newcap;
    };
    (roundupsize(mem, !has_pointers(types, elem)) / size) as usize
}
