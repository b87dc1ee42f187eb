//! GC CENTRAL: the heap's shared free lists, behind `Heap::central`'s mutex. Input: caches
//! asking for a span of a class or giving one back, large allocations, and the collector's
//! sweep. Output: spans and large objects, and the byte counts `Heap` keeps its statistics from.
//!
//! Invariants (all with the central lock held, or the world stopped):
//! - `spans` holds every formatted span exactly once; `empty` holds the unformatted ones.
//! - A span is on `partial[class]` iff it is in `spans`, not `owned`, of that class, had free
//!   slots at the last sweep or return, and was not taken since. Spans become full only while
//!   owned, so a non-owned span off `partial` is full or becomes partial at the next sweep.
//! - `large` holds every large object exactly once; `large_bytes` is their total size.

use std::ptr::NonNull;

use super::object::Header;
use super::span::{self, Span, SweepCount, NCLASSES, SPAN_BYTES};

/// Spans' used address ranges (start, end, span), sorted by start.
pub(super) type SpanRanges = Vec<(u64, u64, NonNull<Span>)>;

pub(super) struct Central {
    spans: Vec<NonNull<Span>>,
    partial: [Vec<NonNull<Span>>; NCLASSES],
    empty: Vec<NonNull<Span>>,
    large: Vec<NonNull<Header>>,
    large_bytes: usize,
}

// SAFETY: `Central` owns its spans and large objects (raw pointers to memory nobody else frees);
// moving it between threads moves that ownership. Shared use goes through `Heap`'s mutex.
unsafe impl Send for Central {}

/// What one sweep of the whole heap found.
#[derive(Default, Clone, Copy, Debug)]
pub(super) struct SweepTotals {
    pub count: SweepCount,
    /// Bytes granted to caches before the collection but never used (left in owned spans).
    pub unused_grants: u64,
    /// Bytes free in owned spans after the sweep: granted again to their caches.
    pub regranted: u64,
}

impl Central {
    pub fn new() -> Central {
        Central {
            spans: Vec::new(),
            partial: std::array::from_fn(|_| Vec::new()),
            empty: Vec::new(),
            large: Vec::new(),
            large_bytes: 0,
        }
    }

    /// Bytes obtained from the system allocator and not yet returned.
    pub fn sys_bytes(&self) -> usize {
        (self.spans.len() + self.empty.len()) * SPAN_BYTES + self.large_bytes
    }

    /// A span of `class` with free slots, now owned by the calling cache.
    pub fn take_span(&mut self, class: usize) -> NonNull<Span> {
        let sp = match self.partial[class].pop() {
            Some(sp) => sp,
            None => {
                let sp = match self.empty.pop() {
                    Some(mut sp) => {
                        // SAFETY: an empty span is ours alone (on no other list, not owned).
                        unsafe { sp.as_mut() }.format(class);
                        sp
                    }
                    None => Span::alloc(class),
                };
                self.spans.push(sp);
                sp
            }
        };
        // SAFETY: the span is in `spans` and was not owned, so nobody else is using it.
        unsafe { (*sp.as_ptr()).owned = true };
        sp
    }

    /// A cache gives back a span it owned; returns the bytes still free in it.
    ///
    /// # Safety
    /// The calling cache owned `sp` (from `take_span`) and forgets it now.
    pub unsafe fn return_span(&mut self, sp: NonNull<Span>) -> usize {
        // SAFETY: the caller owned it; now the central lists do.
        let s = unsafe { &mut *sp.as_ptr() };
        s.owned = false;
        if s.available() > 0 {
            self.partial[s.class].push(sp);
        }
        s.available() * s.slot_bytes()
    }

    /// Where objects are, for conservative root scanning: (used range start, end, span) sorted
    /// by address, and the large objects' header addresses, sorted.
    pub fn object_index(&self) -> (SpanRanges, Vec<u64>) {
        let mut spans: Vec<(u64, u64, NonNull<Span>)> = self
            .spans
            .iter()
            .map(|&sp| {
                // SAFETY: every span in `spans` is live and formatted; the world is stopped.
                let (a, b) = unsafe { sp.as_ref() }.used_range();
                (a, b, sp)
            })
            .collect();
        spans.sort_by_key(|s| s.0);
        let mut large: Vec<u64> = self.large.iter().map(|h| h.as_ptr() as u64).collect();
        large.sort_unstable();
        (spans, large)
    }

    /// Records a new large object of `bytes`.
    pub fn add_large(&mut self, h: NonNull<Header>, bytes: usize) {
        self.large.push(h);
        self.large_bytes += bytes;
    }

    /// Sweeps every span and large object (see `Span::sweep`); spans left empty join `empty`.
    ///
    /// # Safety
    /// The world is stopped and marking has finished: every live object is marked.
    pub unsafe fn sweep(&mut self) -> SweepTotals {
        let mut t = SweepTotals::default();
        for list in &mut self.partial {
            list.clear();
        }
        let mut kept = Vec::with_capacity(self.spans.len());
        for &sp in &self.spans {
            // SAFETY: world stopped: no cache is popping from its owned span right now.
            let s = unsafe { &mut *sp.as_ptr() };
            let slot_bytes = s.slot_bytes() as u64;
            if s.owned {
                t.unused_grants += s.available() as u64 * slot_bytes;
            }
            let c = s.sweep();
            add(&mut t.count, c);
            if s.owned {
                t.regranted += s.available() as u64 * slot_bytes;
                kept.push(sp);
            } else if c.live_objects == 0 {
                self.empty.push(sp);
            } else {
                if s.available() > 0 {
                    self.partial[s.class].push(sp);
                }
                kept.push(sp);
            }
        }
        self.spans = kept;

        let mut large_bytes = self.large_bytes;
        self.large.retain(|&h| {
            // SAFETY: every entry is a large object that was live at the last sweep; the world
            // is stopped.
            unsafe {
                let hdr = &mut *h.as_ptr();
                if hdr.is_marked() {
                    hdr.clear_mark();
                    t.count.live_objects += 1;
                    t.count.live_bytes += span::large_size(hdr) as u64;
                    true
                } else {
                    let bytes = span::free_large(h);
                    large_bytes -= bytes;
                    t.count.freed_objects += 1;
                    t.count.freed_bytes += bytes as u64;
                    false
                }
            }
        });
        self.large_bytes = large_bytes;
        t
    }

    /// Returns empty spans beyond `keep_bytes` to the system allocator; returns how many.
    pub fn release_empty(&mut self, keep_bytes: u64) -> usize {
        let keep = usize::try_from(keep_bytes / SPAN_BYTES as u64).unwrap_or(usize::MAX);
        let mut released = 0;
        while self.empty.len() > keep {
            let sp = self.empty.pop().expect("len > keep ≥ 0");
            // SAFETY: an empty span holds no live object and is on no other list.
            unsafe { Span::free(sp) };
            released += 1;
        }
        released
    }
}

fn add(a: &mut SweepCount, b: SweepCount) {
    a.live_objects += b.live_objects;
    a.live_bytes += b.live_bytes;
    a.freed_objects += b.freed_objects;
    a.freed_bytes += b.freed_bytes;
}

impl Drop for Central {
    fn drop(&mut self) {
        // The heap is going away, so no `Ref` into it may be used again (`Ref`'s contract) and
        // nothing is marked: one sweep frees (and finalizes) every object, then every span goes.
        // SAFETY: no object is live any more; `&mut self` excludes every other user.
        unsafe { self.sweep() };
        for &sp in self.spans.iter().chain(&self.empty) {
            // SAFETY: each span is on exactly one of these lists and freed once.
            unsafe { Span::free(sp) };
        }
    }
}
