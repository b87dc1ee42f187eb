//! GC REGISTRY (debug builds): where heap objects can be. Input: spans and large objects as the
//! allocator creates, re-cuts and frees them. Output: `check(word)`, which says whether a word
//! the VM is about to use as a reference is the header address of an allocated object.
//!
//! Why: the VM trusts the checker and the verifier for the meaning of every word (DESIGN.md:
//! untagged slots). If the checker ever lets through a program Go rejects, an integer could
//! reach a pointer, slice, string or interface slot and be dereferenced. In debug builds every
//! `Ref::from_word` asks this registry first and stops the process with a clear internal error
//! instead of reading memory the heap does not own; the fuzzers (`tools/difffuzz.py --gol
//! target/debug/gol --run`) run against such a build, so a type confusion shows up as a report,
//! never as a silent read. Release builds compile every function here to nothing.
//!
//! Cost: one read lock and one ordered-map lookup per reference taken, in debug builds only.

#[cfg(debug_assertions)]
mod imp {
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::RwLock;

    #[derive(Default)]
    struct Registry {
        /// Span start → (end, slot size in bytes).
        spans: BTreeMap<u64, (u64, u64)>,
        /// Header addresses of large objects.
        large: BTreeSet<u64>,
    }

    static REGISTRY: RwLock<Option<Registry>> = RwLock::new(None);

    fn with<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
        let mut g = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
        f(g.get_or_insert_with(Registry::default))
    }

    pub fn add_span(start: u64, bytes: u64, slot_bytes: u64) {
        with(|r| r.spans.insert(start, (start + bytes, slot_bytes)));
    }

    pub fn remove_span(start: u64) {
        with(|r| r.spans.remove(&start));
    }

    pub fn add_large(addr: u64) {
        with(|r| r.large.insert(addr));
    }

    pub fn remove_large(addr: u64) {
        with(|r| r.large.remove(&addr));
    }

    /// Panics unless `w` is the header address of an allocated object.
    pub fn check(w: u64) {
        let ok = {
            let g = REGISTRY.read().unwrap_or_else(|e| e.into_inner());
            let Some(r) = g.as_ref() else {
                return fail(w);
            };
            if w.is_multiple_of(8) && r.large.contains(&w) {
                true
            } else {
                match r.spans.range(..=w).next_back() {
                    Some((&start, &(end, slot))) if w < end && (w - start).is_multiple_of(slot) => {
                        // SAFETY: `w` is a slot start inside a registered span's memory, which
                        // stays allocated while registered (the lock is held); the layout word
                        // is read atomically, so a racing allocation cannot tear it.
                        let layout = unsafe { (*(w as *const AtomicU64)).load(Ordering::Acquire) };
                        layout != 0 // a free slot's layout word is null
                    }
                    _ => false,
                }
            }
        };
        if !ok {
            fail(w)
        }
    }

    #[cold]
    fn fail(w: u64) {
        panic!(
            "gol: internal error: the word {w:#x} was used as a reference but is not an object \
             (a type confusion the checker let through)"
        )
    }
}

#[cfg(not(debug_assertions))]
mod imp {
    #[inline(always)]
    pub fn add_span(_start: u64, _bytes: u64, _slot_bytes: u64) {}
    #[inline(always)]
    pub fn remove_span(_start: u64) {}
    #[inline(always)]
    pub fn add_large(_addr: u64) {}
    #[inline(always)]
    pub fn remove_large(_addr: u64) {}
    #[inline(always)]
    pub fn check(_w: u64) {}
}

pub use imp::*;
