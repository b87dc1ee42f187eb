//! GC LAYOUTS: which words of a heap object are references. Input: a type's shape (from the
//! compiler, or the fixed shapes below). Output: a `&'static Layout` that every object header
//! points to, so marking is precise: only words the layout names are ever followed.
//!
//! One general form covers structs, arrays and arrays of structs: a *pattern* of `period` words,
//! repeated over the whole body (word `i` is a reference iff bit `i % period` is set). A struct's
//! period is its size; an array's backing store uses its element's pattern; an array of structs
//! needs no per-element descriptor. Three shapes get their own variant so marking can skip or
//! scan them without bit tests: `Scalars` (no references: never scanned), `Refs` (every word),
//! and `Bytes` (raw bytes; the header's length counts bytes). `Native` is for runtime objects
//! whose body holds Rust data (channels, goroutines, maps): the runtime supplies the tracer.
//!
//! Rejected: a `LayoutId` into a registry (an extra indirection and a lock or an append-only
//! table shared by all workers, for no gain: layouts are immutable and few) and an `Arc<Layout>`
//! (a reference count per object for something that never dies). Layouts are `&'static`: the
//! fixed ones are statics, the compiler's are interned and leaked once per distinct shape
//! (`LayoutTable`), a bounded set even in a long REPL session.

use std::collections::HashMap;

use super::mark::Marker;
use super::object::Ref;

/// Which body words of an object are references (see the module docs).
#[derive(Debug)]
pub enum Layout {
    /// No word is a reference: boxed numbers, `[N]int`, `[]float64` backing arrays, an
    /// interface holding a non-pointer scalar (`IFACE_SCALAR`). Never scanned.
    Scalars,
    /// Every word is a reference or 0: `[]*T`, `[]string`, `[]map[..]..` backing arrays.
    Refs,
    /// Raw bytes (string contents, `[]byte` backing arrays); the header length counts bytes.
    Bytes,
    /// Word `i` is a reference iff bit `i % period` of `bits` (little-endian across words) is set.
    /// `period ≥ 1` and `bits` has at least `period` bits. Built by `Layout::from_ref_mask`,
    /// which never yields a pattern with no or only references.
    Pattern { period: u32, bits: &'static [u64] },
    /// A runtime object whose body holds Rust data; `NativeType` says how to trace and drop it.
    Native(&'static NativeType),
}

/// How the collector treats a runtime-defined object kind (a `Layout::Native` body).
///
/// Both functions run during a stop-the-world collection, on the collector's thread, with the
/// heap's central lock held: they must not allocate, collect, block, or lock anything that
/// another thread could hold while waiting for the world to stop.
#[derive(Debug)]
pub struct NativeType {
    pub name: &'static str,
    /// Reports every reference the object holds with `marker.mark(word)`.
    ///
    /// # Safety (for implementors)
    /// Receives a live object of this type; every word passed on must be 0 or a live `Ref`.
    pub trace: unsafe fn(obj: Ref, marker: &mut Marker),
    /// Releases the Rust resources of an object the collector found dead (`None`: nothing to do).
    ///
    /// # Safety (for implementors)
    /// Receives a dead object of this type exactly once; it is freed right after.
    pub finalize: Option<unsafe fn(obj: Ref)>,
}

impl Layout {
    /// The layout whose word `i` is a reference iff `refs[i % refs.len()]`, normalized:
    /// no references → `Scalars`, all → `Refs`. Leaks the bitmap: intern with `LayoutTable`.
    pub fn from_ref_mask(refs: &[bool]) -> Layout {
        if refs.iter().all(|&r| !r) {
            return Layout::Scalars;
        }
        if refs.iter().all(|&r| r) {
            return Layout::Refs;
        }
        let mut bits = vec![0u64; refs.len().div_ceil(64)];
        for (i, _) in refs.iter().enumerate().filter(|(_, &r)| r) {
            bits[i / 64] |= 1 << (i % 64);
        }
        let period = u32::try_from(refs.len()).expect("a layout period fits in u32 words");
        Layout::Pattern {
            period,
            bits: Box::leak(bits.into_boxed_slice()),
        }
    }

    /// Whether body word `i` is a reference. (Marking uses faster loops; this is the definition.)
    pub fn is_ref(&self, i: usize) -> bool {
        match self {
            Layout::Scalars | Layout::Bytes | Layout::Native(_) => false,
            Layout::Refs => true,
            Layout::Pattern { period, bits } => {
                let j = i % *period as usize;
                bits[j / 64] >> (j % 64) & 1 == 1
            }
        }
    }

    /// True if marking never needs to look inside such an object.
    #[inline]
    pub fn is_leaf(&self) -> bool {
        matches!(self, Layout::Scalars | Layout::Bytes)
    }
}

/// Interns compiler-built layouts so each distinct shape is leaked once and shared by pointer.
/// Owned by the compiler/loader (not global: nothing here needs to be shared between threads).
#[derive(Default)]
pub struct LayoutTable {
    by_mask: HashMap<Vec<bool>, &'static Layout>,
}

impl LayoutTable {
    pub fn new() -> LayoutTable {
        LayoutTable::default()
    }

    /// The layout for an object (or repeated element) whose word `i` is a reference iff `refs[i]`.
    pub fn intern(&mut self, refs: &[bool]) -> &'static Layout {
        if refs.iter().all(|&r| !r) {
            return &SCALARS;
        }
        if refs.iter().all(|&r| r) {
            return &REFS;
        }
        if let Some(&l) = self.by_mask.get(refs) {
            return l;
        }
        let l: &'static Layout = Box::leak(Box::new(Layout::from_ref_mask(refs)));
        self.by_mask.insert(refs.to_vec(), l);
        l
    }
}

// ---- The fixed layouts. Multi-word Go values are stored in one-word slots as a reference to
// ---- a small immutable object (DESIGN.md "Values and memory"); these are those objects.
// ---- In every case the nil reference (word 0) is the Go zero value.

/// No references (e.g. a boxed `int`, `[4]float64`, a `[]int` backing array).
pub static SCALARS: Layout = Layout::Scalars;
/// Every word a reference (e.g. a boxed `*T`, a `[]*T` or `[]string` backing array).
pub static REFS: Layout = Layout::Refs;
/// Raw bytes: string contents and `[]byte` backing arrays.
pub static BYTES: Layout = Layout::Bytes;

/// `string`: `{bytes: Ref(BYTES), offset, len}`, immutable. `s[i:j]` shares `bytes`; the empty
/// string is nil (0), so `""` allocates nothing.
pub static STRING: Layout = Layout::Pattern {
    period: 3,
    bits: &[0b001],
};
pub const STRING_WORDS: usize = 3;
/// `[]T`: `{array: Ref, offset, len, cap}` in elements, immutable (appending makes a new header).
/// A nil slice is nil (0).
pub static SLICE: Layout = Layout::Pattern {
    period: 4,
    bits: &[0b0001],
};
pub const SLICE_WORDS: usize = 4;
/// An interface holding a pointer-shaped value: `{type word, data: Ref}`. The type word is a
/// runtime type id, never a reference. A nil interface is nil (0).
pub static IFACE_REF: Layout = Layout::Pattern {
    period: 2,
    bits: &[0b10],
};
/// An interface holding a one-word non-pointer value (`int`, `float64`, `bool`, ...):
/// `{type word, value}`. Larger values are boxed first and stored with `IFACE_REF`. Choosing
/// the layout from the dynamic type at conversion keeps marking precise without boxing scalars.
pub static IFACE_SCALAR: Layout = Layout::Scalars;
pub const IFACE_WORDS: usize = 2;
/// An interior pointer (`&s.f`, `&a[i]`): `{base: Ref, word index}`, immutable.
pub static INTERIOR: Layout = Layout::Pattern {
    period: 2,
    bits: &[0b01],
};
pub const INTERIOR_WORDS: usize = 2;
