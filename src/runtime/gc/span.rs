//! GC SPANS: where small objects live, and the central free lists. Input: requests for a slot
//! of a size class (from a `Cache`) or a large object. Output: memory, and at collection time a
//! sweep that frees every unmarked object and returns empty spans for reuse or to the system.
//!
//! Memory comes from the system allocator in 64 KiB spans, each cut into equal slots of one
//! size class (Go's mspan, without page-level sharing). A span hands out slots from a free list
//! rebuilt by every sweep in address order, then by bumping through never-used slots (so a
//! fresh span is never touched before use). Objects over `MAX_SMALL_WORDS` are "large": one
//! system allocation each (`alloc_zeroed`, which for big arrays maps fresh zero pages).
//!
//! Rejected: one `Box` per object. Measured (release, this 2-core machine, `gc_bench`): malloc +
//! free alone run 22 M objects/s, before the per-object registry a sweep would need; a
//! `Mutator` allocates 135 M/s in steady state including its share of collections, and
//! `Heap::alloc` (a mutex per object) 30 M/s. Spans also make "give memory back" a whole-span
//! decision, which keeps RSS flat (7 MiB throughout 2 GiB of churn). Also rejected: a bump
//! allocator with copying (moves objects; DESIGN.md wants non-moving) and Go's page heap with
//! span coalescing (more code than gol needs yet; revisit if fragmentation shows up).

use std::alloc::{self, GlobalAlloc, Layout as AllocLayout};
use std::ptr::{self, NonNull};

use super::layout::Layout;
use super::object::{body_words, Header, Ref, HEADER_WORDS};

/// Bytes in one span. Retune with the size classes: the largest class should fit ≥ 8 times, and
/// a `Cache` holds up to one span per class, so this bounds per-worker slack to ~2 MiB.
pub const SPAN_BYTES: usize = 64 << 10;
const SPAN_WORDS: usize = SPAN_BYTES / 8;
/// Span alignment: a cache line, so small slots pack from a line boundary.
const SPAN_ALIGN: usize = 64;

/// Slot sizes in words, header included. Spacing keeps internal waste under 25% (Go's classes
/// do the same, in bytes). The smallest slot (2 words) is an object with an empty body.
const CLASS_WORDS: [u32; 34] = [
    2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192,
    224, 256, 320, 384, 448, 512, 640, 768, 896, 1024,
];
pub const NCLASSES: usize = CLASS_WORDS.len();
/// Largest small object, in words with its header (8 KiB).
pub const MAX_SMALL_WORDS: usize = CLASS_WORDS[NCLASSES - 1] as usize;

/// `CLASS_OF[w]`: the smallest class whose slot holds `w` words.
static CLASS_OF: [u8; MAX_SMALL_WORDS + 1] = {
    let mut t = [0u8; MAX_SMALL_WORDS + 1];
    let (mut w, mut c) = (0, 0);
    while w <= MAX_SMALL_WORDS {
        while (CLASS_WORDS[c] as usize) < w {
            c += 1;
        }
        t[w] = c as u8;
        w += 1;
    }
    t
};

/// The size class for an object of `total_words` (header included, ≤ `MAX_SMALL_WORDS`).
#[inline]
pub fn class_of(total_words: usize) -> usize {
    CLASS_OF[total_words] as usize
}

/// Words of one slot of `class`, header included.
#[cfg(test)]
pub fn class_words(class: usize) -> usize {
    CLASS_WORDS[class] as usize
}

/// One span: `SPAN_BYTES` of memory cut into slots of one class.
///
/// Thread role: owned by the `Central` lists, or by exactly one `Cache` while `owned` (only
/// that cache pops slots); the collector touches every span while the world is stopped.
pub(super) struct Span {
    mem: NonNull<u64>,
    pub class: usize,
    slot_words: usize,
    nslots: usize,
    /// Slots `bump..nslots` were never used since the span was (re)formatted.
    bump: usize,
    /// Free list through slots below `bump` (word 1 of a free slot holds the next address).
    free: *mut u64,
    nfree: usize,
    /// Held by a `Cache`: it is not on a central list, and sweeping keeps it (and its class).
    pub owned: bool,
}

/// What a sweep found.
#[derive(Default, Clone, Copy, Debug)]
pub(super) struct SweepCount {
    pub live_objects: u64,
    pub live_bytes: u64,
    pub freed_objects: u64,
    pub freed_bytes: u64,
}

impl Span {
    /// A fresh span from the system allocator, formatted for `class`.
    pub fn alloc(class: usize) -> NonNull<Span> {
        let layout = span_alloc_layout();
        // SAFETY: the layout has a non-zero size.
        let mem = NonNull::new(unsafe { alloc::alloc(layout) } as *mut u64)
            .unwrap_or_else(|| crate::runtime::fatal::out_of_memory(layout.size(), 0));
        let mut span = Span {
            mem,
            class,
            slot_words: 0,
            nslots: 0,
            bump: 0,
            free: ptr::null_mut(),
            nfree: 0,
            owned: false,
        };
        span.format(class);
        NonNull::from(Box::leak(Box::new(span)))
    }

    /// Returns the span's memory and metadata to the system allocator.
    ///
    /// # Safety
    /// `span` came from `Span::alloc`, is on no list, and no object in it is live.
    pub unsafe fn free(span: NonNull<Span>) {
        // SAFETY: allocated by `Span::alloc` with this layout; the caller says it is unused.
        unsafe {
            let s = Box::from_raw(span.as_ptr());
            super::registry::remove_span(s.mem.as_ptr() as u64);
            alloc::dealloc(s.mem.as_ptr() as *mut u8, span_alloc_layout());
        }
    }

    /// Re-cuts an empty span into slots of `class`.
    pub fn format(&mut self, class: usize) {
        self.class = class;
        self.slot_words = CLASS_WORDS[class] as usize;
        let start = self.mem.as_ptr() as u64;
        super::registry::add_span(start, SPAN_BYTES as u64, self.slot_words as u64 * 8);
        self.nslots = SPAN_WORDS / self.slot_words;
        self.bump = 0;
        self.free = ptr::null_mut();
        self.nfree = 0;
    }

    /// Slots a cache can still take from this span.
    #[inline]
    pub fn available(&self) -> usize {
        self.nfree + (self.nslots - self.bump)
    }

    pub fn slot_bytes(&self) -> usize {
        self.slot_words * 8
    }

    /// The address range of the slots ever used (below `bump`).
    pub fn used_range(&self) -> (u64, u64) {
        let start = self.mem.as_ptr() as u64;
        (start, start + (self.bump * self.slot_words * 8) as u64)
    }

    /// The live object whose header is at `addr`, if `addr` is a slot start inside this span's
    /// used range and the slot is allocated. Only called with the world stopped.
    pub fn object_at(&self, addr: u64) -> bool {
        let (start, end) = self.used_range();
        if addr < start || addr >= end || !(addr - start).is_multiple_of(self.slot_words as u64 * 8)
        {
            return false;
        }
        // SAFETY: `addr` is a slot start below `bump`: every such slot holds a header (free
        // slots have a null layout), and the world is stopped.
        unsafe { !(*(addr as *const Header)).layout.is_null() }
    }

    /// Takes a free slot (uninitialized memory of `slot_words` words).
    #[inline]
    pub fn pop(&mut self) -> Option<NonNull<u64>> {
        if let Some(slot) = NonNull::new(self.free) {
            // SAFETY: a free-list slot lies inside this span; word 1 holds the next link.
            self.free = unsafe { *slot.as_ptr().add(1) } as *mut u64;
            self.nfree -= 1;
            return Some(slot);
        }
        if self.bump < self.nslots {
            // SAFETY: `bump < nslots`, so the slot lies inside the span's memory.
            let slot = unsafe { self.mem.as_ptr().add(self.bump * self.slot_words) };
            self.bump += 1;
            return NonNull::new(slot);
        }
        None
    }

    /// Frees every unmarked object (running `Native` finalizers), clears the marks of the
    /// rest, and rebuilds the free list in address order. World stopped.
    pub fn sweep(&mut self) -> SweepCount {
        let mut count = SweepCount::default();
        let mut free: *mut u64 = ptr::null_mut();
        let mut nfree = 0;
        let mut new_bump = self.bump;
        let slot_bytes = self.slot_bytes() as u64;
        // Backwards, so the rebuilt list runs in address order and trailing free slots can
        // return to the never-used (bump) region.
        for i in (0..self.bump).rev() {
            // SAFETY: `i < bump ≤ nslots`: inside the span; slots below `bump` hold a header.
            let slot = unsafe { self.mem.as_ptr().add(i * self.slot_words) };
            let h = slot as *mut Header;
            // SAFETY: world stopped; this slot's header is ours to read and write.
            unsafe {
                if !(*h).layout.is_null() {
                    if (*h).is_marked() {
                        (*h).clear_mark();
                        count.live_objects += 1;
                        count.live_bytes += slot_bytes;
                        continue;
                    }
                    finalize(h);
                    count.freed_objects += 1;
                    count.freed_bytes += slot_bytes;
                    (*h).layout = ptr::null();
                    poison(slot, self.slot_words);
                }
                if new_bump == i + 1 {
                    new_bump = i; // still in the free tail: give it back to the bump region
                } else {
                    *slot.add(1) = free as u64;
                    free = slot;
                    nfree += 1;
                }
            }
        }
        self.bump = new_bump;
        self.free = free;
        self.nfree = nfree;
        count
    }
}

fn span_alloc_layout() -> AllocLayout {
    AllocLayout::from_size_align(SPAN_BYTES, SPAN_ALIGN).expect("span layout")
}

/// Runs a dead object's `Native` finalizer, if it has one.
///
/// # Safety
/// `h` is a dead object's header, about to be freed; the world is stopped.
unsafe fn finalize(h: *mut Header) {
    // SAFETY: the header is initialized and the layout is `'static`.
    if let Layout::Native(t) = unsafe { &*(*h).layout } {
        if let Some(f) = t.finalize {
            // SAFETY: `h` is non-null; the object is dead and finalized exactly once (its slot
            // becomes free right after).
            unsafe { f(Ref::from_header(NonNull::new_unchecked(h))) }
        }
    }
}

/// Debug builds overwrite freed objects, so a use after free reads garbage loudly (marking a
/// poisoned reference faults) instead of reading plausible stale values.
#[inline]
unsafe fn poison(slot: *mut u64, slot_words: usize) {
    if cfg!(debug_assertions) {
        // SAFETY: the caller's slot has `slot_words` words; words 0/1 are rewritten after.
        unsafe {
            for w in 2..slot_words {
                *slot.add(w) = 0xDEAD_DEAD_DEAD_DEAD;
            }
        }
    }
}

/// Allocates a large object: a system allocation of header + zeroed body.
/// The system's refusal is Go's out-of-memory fatal error (`in_use`: the heap's size, for the
/// report).
pub(super) fn alloc_large(
    layout: &'static Layout,
    len: usize,
    in_use: u64,
) -> (NonNull<Header>, usize) {
    let bytes = large_bytes(layout, len);
    let oom = || -> ! { crate::runtime::fatal::out_of_memory(bytes, in_use) };
    let al = AllocLayout::from_size_align(bytes, 16).unwrap_or_else(|_| oom());
    // SAFETY: non-zero size (at least the header). The system allocator is called directly so
    // that a refusal here reports the object's size whatever the global allocator is.
    let p = NonNull::new(unsafe { std::alloc::System.alloc_zeroed(al) } as *mut Header)
        .unwrap_or_else(|| oom());
    // SAFETY: `p` is a fresh allocation large enough for a header.
    unsafe { p.as_ptr().write(Header::new(layout, len)) };
    super::registry::add_large(p.as_ptr() as u64);
    (p, bytes)
}

/// Frees a large object allocated by `alloc_large`; returns its size in bytes.
///
/// # Safety
/// `h` came from `alloc_large`, is dead, and is on no list.
pub(super) unsafe fn free_large(h: NonNull<Header>) -> usize {
    // SAFETY: the header is initialized (caller).
    let bytes = large_size(unsafe { &*h.as_ptr() });
    // SAFETY: allocated by `alloc_large` with this size and alignment.
    super::registry::remove_large(h.as_ptr() as u64);
    unsafe {
        finalize(h.as_ptr());
        std::alloc::System.dealloc(
            h.as_ptr() as *mut u8,
            AllocLayout::from_size_align_unchecked(bytes, 16),
        );
    }
    bytes
}

/// Size in bytes of a large object's allocation.
pub(super) fn large_size(h: &Header) -> usize {
    // SAFETY: a live or dying object's layout is a valid `&'static Layout`.
    large_bytes(unsafe { &*h.layout }, h.len())
}

pub(super) fn large_bytes(layout: &Layout, len: usize) -> usize {
    (HEADER_WORDS + body_words(layout, len))
        .checked_mul(8)
        .expect("object size overflows")
}
