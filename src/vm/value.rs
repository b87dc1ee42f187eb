//! VM VALUES: how every Go value is one 64-bit word. Input: words from registers and heap slots,
//! plus the static type that says what they mean. Output: safe accessors that the VM, natives and
//! fmt use to read and build strings, slices, interfaces, pointers, closures and aggregates.
//!
//! The representation (DESIGN.md "Values and memory"): the word 0 is always the zero value, except
//! for aggregates (below), which are always materialized.
//!
//! | Go type | word |
//! |---|---|
//! | `bool` | 0 or 1 |
//! | signed ints | the value sign-extended to i64 (`int8(-1)` is `u64::MAX`) |
//! | unsigned ints, `uintptr` | the value zero-extended |
//! | `float64` | its bits; `float32`: the bits of the f64 holding the f32-rounded value |
//! | `complex64/128` | 0 or a `SCALARS` object `{re bits, im bits}` (immutable) |
//! | `string` | 0 (`""`) or a `STRING` object `{bytes, offset, len}` (immutable) |
//! | `[]T` | 0 (nil) or a `SLICE` object `{array, offset, len, cap}` (immutable); the array holds one word per element (also for `[]byte`, for now) |
//! | `[N]T`, `struct` | a reference to the aggregate's own object (N words / one word per field), never 0 in a variable; assignment copies (`copy_aggregate`) |
//! | `*T`, T an aggregate | 0 (nil) or the aggregate object itself |
//! | `*T`, other T | 0 (nil) or an `INTERIOR` object `{base, word index}` (immutable) |
//! | `map` | 0 (nil) or a native map object (`vm/map.rs`) |
//! | interface | 0 (nil) or an `IFACE_REF`/`IFACE_SCALAR` object `{dynamic type id, data word}` (immutable) |
//! | `func` | 0 (nil) or a closure object `{func id, captured...}` (captured words are references) |
//!
//! The dynamic type id in an interface is `TypeId::index()` in the program's type table. An
//! aggregate stored in an interface is a private copy (interfaces hold values).

use crate::runtime::gc::{
    Layout, Mutator, Ref, IFACE_REF, IFACE_SCALAR, IFACE_WORDS, INTERIOR, INTERIOR_WORDS, SLICE,
    SLICE_WORDS, STRING, STRING_WORDS,
};

/// The object behind a non-zero reference word.
#[inline]
pub fn obj(w: u64) -> Ref {
    Ref::from_word(w).expect("a nil reference where an object was required")
}

/// The bytes of a Go string (`&[]` for `""`).
///
/// The returned slice borrows heap memory: it stays valid until the next collection, which can
/// only happen at a safepoint, so callers must not keep it across one.
pub fn str_bytes<'a>(w: u64) -> &'a [u8] {
    let Some(r) = Ref::from_word(w) else {
        return &[];
    };
    // SAFETY: a non-zero string word is a live STRING object {bytes, offset, len} whose range
    // lies inside its BYTES object (strings are immutable once published).
    unsafe {
        let bytes = obj(r.load_ref(0));
        let off = r.load(1) as usize;
        let len = r.load(2) as usize;
        &bytes.bytes()[off..off + len]
    }
}

/// A new Go string holding a copy of `s`.
pub fn new_string(m: &mut Mutator, s: &[u8]) -> u64 {
    m.alloc_string(s)
}

/// `s[lo:hi]` sharing the bytes (bounds already checked by the caller).
pub fn substring(m: &mut Mutator, w: u64, lo: usize, hi: usize) -> u64 {
    if lo == hi {
        return 0;
    }
    let r = obj(w);
    let s = m.alloc(&STRING, STRING_WORDS);
    // SAFETY: `r` is a live STRING; `s` is fresh and unpublished.
    unsafe {
        s.store_ref(0, r.load_ref(0));
        s.store(1, r.load(1) + lo as u64);
        s.store(2, (hi - lo) as u64);
    }
    s.word()
}

/// The parts of a slice header.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SliceParts {
    /// The backing array object (0 for a nil slice or a zero-capacity one).
    pub array: u64,
    pub offset: usize,
    pub len: usize,
    pub cap: usize,
}

pub fn slice_parts(w: u64) -> SliceParts {
    let Some(r) = Ref::from_word(w) else {
        return SliceParts::default();
    };
    // SAFETY: a non-zero slice word is a live, immutable SLICE object.
    unsafe {
        SliceParts {
            array: r.load_ref(0),
            offset: r.load(1) as usize,
            len: r.load(2) as usize,
            cap: r.load(3) as usize,
        }
    }
}

/// A new slice header.
pub fn new_slice(m: &mut Mutator, p: SliceParts) -> u64 {
    let s = m.alloc(&SLICE, SLICE_WORDS);
    // SAFETY: fresh and unpublished SLICE object.
    unsafe {
        s.store_ref(0, p.array);
        s.store(1, p.offset as u64);
        s.store(2, p.len as u64);
        s.store(3, p.cap as u64);
    }
    s.word()
}

/// An interface's dynamic type id and data word (`None` for a nil interface).
pub fn iface_parts(w: u64) -> Option<(u32, u64)> {
    let r = Ref::from_word(w)?;
    // SAFETY: a non-zero interface word is a live, immutable IFACE object.
    unsafe {
        let data = if matches!(r.layout(), Layout::Scalars) {
            r.load(1)
        } else {
            r.load_ref(1)
        };
        Some((r.load(0) as u32, data))
    }
}

/// A new interface value holding `data` of dynamic type `ty`; `is_ref` says whether the data
/// word is a reference (so the collector follows it).
pub fn new_iface(m: &mut Mutator, ty: u32, data: u64, is_ref: bool) -> u64 {
    let layout = if is_ref { &IFACE_REF } else { &IFACE_SCALAR };
    let r = m.alloc(layout, IFACE_WORDS);
    // SAFETY: fresh and unpublished IFACE object.
    unsafe {
        r.store(0, ty as u64);
        if is_ref {
            r.store_ref(1, data)
        } else {
            r.store(1, data)
        }
    }
    r.word()
}

/// A pointer to word `index` of object `base` (for pointees that are not aggregates).
pub fn new_interior(m: &mut Mutator, base: u64, index: usize) -> u64 {
    let r = m.alloc(&INTERIOR, INTERIOR_WORDS);
    // SAFETY: fresh and unpublished INTERIOR object.
    unsafe {
        r.store_ref(0, base);
        r.store(1, index as u64);
    }
    r.word()
}

/// The (object, word index) an `INTERIOR` pointer designates.
pub fn interior_parts(w: u64) -> (Ref, usize) {
    let r = obj(w);
    // SAFETY: a non-nil pointer to a non-aggregate is a live, immutable INTERIOR object whose
    // base is a live object with more than `index` words.
    unsafe { (obj(r.load_ref(0)), r.load(1) as usize) }
}

/// Reads word `i` of an object, as a reference if `is_ref` (Acquire) or a scalar (Relaxed).
///
/// Every caller passes an object and index the compiler proved in range for its type.
#[inline]
pub fn load(o: Ref, i: usize, is_ref: bool) -> u64 {
    // SAFETY: `o` is live (reachable from a register) and `i` is in range (see above).
    unsafe {
        if is_ref {
            o.load_ref(i)
        } else {
            o.load(i)
        }
    }
}

/// Writes word `i` of an object (see `load`).
#[inline]
pub fn store(o: Ref, i: usize, v: u64, is_ref: bool) {
    // SAFETY: as in `load`.
    unsafe {
        if is_ref {
            o.store_ref(i, v)
        } else {
            o.store(i, v)
        }
    }
}

/// Compare-and-swap of scalar word `i` (AcqRel: a lock's state publishes what it guards).
#[inline]
pub fn cas(o: Ref, i: usize, old: u64, new: u64) -> bool {
    use crate::runtime::sync_shim::SlotOrdering;
    // SAFETY: as in `load`.
    unsafe { o.slot(i) }
        .compare_exchange(old, new, SlotOrdering::AcqRel, SlotOrdering::Acquire)
        .is_ok()
}

/// Scalar word `i` as an atomic (a sync object's state word, `runtime/semq.rs`).
#[inline]
pub fn slot_word<'a>(o: Ref, i: usize) -> &'a crate::runtime::sync_shim::SlotWord {
    // SAFETY: as in `load`; the caller holds the object (in a register) while it uses the word.
    unsafe { o.slot(i) }
}

/// Stores scalar word `i` with Release ordering: a sync object's state word given up by its
/// holder (an `Unlock`'s slow path), so the next holder's Acquire (its `cas` or
/// `load_acquire`) sees every write made under the lock.
#[inline]
pub fn store_release(o: Ref, i: usize, v: u64) {
    use crate::runtime::sync_shim::SlotOrdering;
    // SAFETY: as in `load`.
    unsafe { o.slot(i) }.store(v, SlotOrdering::Release)
}

/// Loads scalar word `i` with Acquire ordering (pairs with `store_release` and `cas`).
#[inline]
pub fn load_acquire(o: Ref, i: usize) -> u64 {
    use crate::runtime::sync_shim::SlotOrdering;
    // SAFETY: as in `load`.
    unsafe { o.slot(i) }.load(SlotOrdering::Acquire)
}

/// Body words of an object (bytes for a BYTES object).
pub fn obj_len(o: Ref) -> usize {
    // SAFETY: `o` is live.
    unsafe { o.len() }
}
