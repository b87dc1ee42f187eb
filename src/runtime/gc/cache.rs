//! GC CACHES: the allocation fast path. Input: (layout, length) requests from one thread.
//! Output: initialized, zeroed objects. A `Cache` owns one span per size class and pops slots
//! from it without any lock; only when a span runs out does it take the central lock for
//! another (Go's mcache/mcentral split). `Mutator` is a worker thread's cache; `Heap::alloc`
//! uses a cache shared behind a mutex, for callers that have no `Mutator`.
//!
//! Accounting is per span, as Go's: when a cache takes a span, all of its free bytes count as
//! allocated (`Heap::note_grant`), so the hot path touches no shared counter. Statistics read
//! between collections may be ahead by at most one span per size class per cache; collections
//! subtract what was granted but not used.

use std::ptr::NonNull;

use super::layout::{Layout, BYTES, STRING, STRING_WORDS};
use super::object::{body_words, Header, Ref, HEADER_WORDS};
use super::span::{class_of, Span, MAX_SMALL_WORDS, NCLASSES};
use super::Heap;
use crate::runtime::sync_shim::{slot_fence, Arc, SlotOrdering};

/// Largest body length `alloc` accepts, in words (or bytes for `Bytes`): far beyond any real
/// allocation, small enough that size arithmetic cannot overflow. The VM reports Go's
/// `makeslice: len out of range` before asking for more.
pub const MAX_LEN: usize = 1 << 56;

/// One span per size class, owned by one thread at a time.
pub(super) struct Cache {
    spans: [Option<NonNull<Span>>; NCLASSES],
    /// An allocation found the heap at its goal (checked when a span is taken or a large
    /// object made, so not on the fast path); `Mutator::take_gc_request` reads and clears it.
    wants_gc: bool,
}

// SAFETY: the spans a cache owns are used only through `&mut Cache` (or by the collector while
// the world is stopped), so moving the cache to another thread moves that exclusive use along.
// It is not `Sync`: two threads popping from one span would race.
unsafe impl Send for Cache {}

impl Cache {
    pub fn new() -> Cache {
        Cache {
            spans: [None; NCLASSES],
            wants_gc: false,
        }
    }

    /// A zeroed object of `layout` whose header length is `len` (body words, or bytes).
    #[inline]
    pub fn alloc(&mut self, heap: &Heap, layout: &'static Layout, len: usize) -> Ref {
        if len > MAX_LEN {
            // Callers refuse Go's out-of-range sizes first; anything left is memory no machine has.
            crate::runtime::fatal::out_of_memory(len.saturating_mul(8), heap.stats().heap_sys);
        }
        let words = body_words(layout, len);
        let total = HEADER_WORDS + words;
        if total > MAX_SMALL_WORDS {
            let r = heap.alloc_large(layout, len);
            self.wants_gc |= heap.over_goal();
            return r;
        }
        let class = class_of(total);
        let slot = loop {
            if let Some(sp) = self.spans[class] {
                // SAFETY: this cache owns `sp` (taken by `refill`) and `&mut self` is exclusive.
                if let Some(slot) = unsafe { (*sp.as_ptr()).pop() } {
                    break slot;
                }
            }
            self.refill(heap, class);
        };
        let h = slot.cast::<Header>();
        // SAFETY: the slot is free memory of at least `total` words that only we can reach
        // (no live `Ref` points into a free slot), 8-byte aligned.
        unsafe {
            h.as_ptr().write(Header::new(layout, len));
            std::ptr::write_bytes(slot.as_ptr().add(HEADER_WORDS), 0, words);
        }
        // Publication barrier: the header and zeroed body happen-before any `Acquire` load of
        // a slot this `Ref` gets stored in (see object.rs).
        slot_fence(SlotOrdering::Release);
        Ref::from_header(h)
    }

    /// Replaces the exhausted span of `class` with one that has free slots.
    #[cold]
    fn refill(&mut self, heap: &Heap, class: usize) {
        heap.check_limit(super::SPAN_BYTES);
        let mut central = heap.lock_central();
        if let Some(old) = self.spans[class].take() {
            // SAFETY: we owned `old` and forget it here.
            let unused = unsafe { central.return_span(old) };
            heap.note_ungrant(&central, unused);
        }
        let sp = central.take_span(class);
        // SAFETY: `take_span` made `sp` ours.
        let s = unsafe { &*sp.as_ptr() };
        heap.note_grant(&central, s.available() * s.slot_bytes());
        self.spans[class] = Some(sp);
        self.wants_gc |= heap.over_goal();
    }

    /// Gives every owned span back to the central lists (a worker is going away).
    pub fn release(&mut self, heap: &Heap) {
        if self.spans.iter().all(Option::is_none) {
            return;
        }
        let mut central = heap.lock_central();
        for sp in self.spans.iter_mut().filter_map(Option::take) {
            // SAFETY: we owned `sp` and forget it here.
            let unused = unsafe { central.return_span(sp) };
            heap.note_ungrant(&central, unused);
        }
    }

    /// A new `Bytes` object holding a copy of `data`.
    pub fn alloc_bytes_from(&mut self, heap: &Heap, data: &[u8]) -> Ref {
        let r = self.alloc(heap, &BYTES, data.len());
        // SAFETY: fresh and unpublished `Bytes` object of `data.len()` bytes.
        unsafe { r.bytes_mut().copy_from_slice(data) };
        r
    }

    /// A new Go string (a `STRING` object over fresh bytes); the empty string is nil (0).
    pub fn alloc_string(&mut self, heap: &Heap, s: &[u8]) -> u64 {
        if s.is_empty() {
            return 0;
        }
        let bytes = self.alloc_bytes_from(heap, s);
        let r = self.alloc(heap, &STRING, STRING_WORDS);
        // SAFETY: fresh `STRING` object: slot 0 is its bytes reference, 1 the offset, 2 the length.
        unsafe {
            r.store_ref(0, bytes.word());
            r.store(2, s.len() as u64);
        }
        r.word()
    }
}

/// A worker thread's allocator: lock-free allocation from its own spans.
///
/// Thread role: one per worker (M). `Send`, not `Sync`. Between two collections its objects
/// may be published to any thread. Dropping it gives its spans back.
pub struct Mutator {
    heap: Arc<Heap>,
    cache: Cache,
}

impl Mutator {
    pub fn new(heap: Arc<Heap>) -> Mutator {
        Mutator {
            heap,
            cache: Cache::new(),
        }
    }

    pub fn heap(&self) -> &Arc<Heap> {
        &self.heap
    }

    /// A zeroed object of `layout` with `len` body words (or bytes, for `BYTES`).
    #[inline]
    pub fn alloc(&mut self, layout: &'static Layout, len: usize) -> Ref {
        self.cache.alloc(&self.heap, layout, len)
    }

    /// A zeroed `Bytes` object of `len` bytes.
    pub fn alloc_bytes(&mut self, len: usize) -> Ref {
        self.cache.alloc(&self.heap, &BYTES, len)
    }

    /// Whether an allocation since the last call found the heap at its goal: the VM then ends
    /// the time slice so the scheduler's safepoint can collect. Clears the request.
    #[inline]
    pub fn take_gc_request(&mut self) -> bool {
        std::mem::take(&mut self.cache.wants_gc)
    }

    /// `take_gc_request` for the VM's hot paths (backward jumps, calls): one load when no
    /// request is pending.
    #[inline(always)]
    pub fn poll_gc_request(&mut self) -> bool {
        self.cache.wants_gc && self.take_gc_request()
    }

    /// A new `Bytes` object holding a copy of `data`.
    pub fn alloc_bytes_from(&mut self, data: &[u8]) -> Ref {
        self.cache.alloc_bytes_from(&self.heap, data)
    }

    /// A new Go string; the empty string is nil (0).
    pub fn alloc_string(&mut self, s: &[u8]) -> u64 {
        self.cache.alloc_string(&self.heap, s)
    }
}

impl Drop for Mutator {
    fn drop(&mut self) {
        self.cache.release(&self.heap);
    }
}
