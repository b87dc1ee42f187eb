//! GC MARKING: from root words to every reachable object marked. Input: root words (0 or live
//! `Ref`s) from the runtime, through `Marker`. Output: all objects reachable from them carry the
//! mark bit. Never recurses: an explicit work stack (a `Vec`) holds objects still to scan, so a
//! 10-million-node linked list costs a stack of one entry, not 10 million Rust frames.
//!
//! Large pointer arrays are scanned in chunks of `CHUNK_WORDS` (Go's "oblets"): the rest of the
//! array is pushed back before the chunk's children, so depth-first order keeps the stack small
//! even for a `[]*T` of millions of elements. Leaf objects (`Scalars`, `Bytes`) are marked but
//! never pushed.

use super::layout::Layout;
use super::object::Ref;
use crate::runtime::sync_shim::SlotWord;

/// Words of one object scanned before the rest of it is pushed back. Small enough that one
/// chunk's children (≤ this many stack entries) are cheap; large enough that re-pushing is rare.
const CHUNK_WORDS: usize = 1024;

/// The marking state of one collection; the runtime reports roots to it.
///
/// Thread role: created by `Heap::collect` on the collecting thread and lent to the roots
/// callback and to `NativeType::trace`; it cannot outlive the collection.
pub struct Marker {
    /// Objects to scan, with the body word to resume at.
    stack: Vec<(Ref, usize)>,
    marked: u64,
    max_stack: usize,
}

impl Marker {
    pub(super) fn new() -> Marker {
        Marker {
            stack: Vec::with_capacity(1024),
            marked: 0,
            max_stack: 0,
        }
    }

    /// Reports one word that holds a reference or nil (0).
    ///
    /// The word must be 0 or a live `Ref` (this is `Heap::collect`'s contract; a scalar passed
    /// here is undefined behaviour, which is why registers need pointer maps).
    #[inline]
    pub fn mark(&mut self, word: u64) {
        let Some(r) = Ref::from_word(word) else {
            return;
        };
        // SAFETY: `collect`'s contract: a non-zero root or traced word is a live object, and
        // the world is stopped, so the collector alone touches mark bits.
        unsafe {
            if r.try_mark() {
                self.marked += 1;
                if !r.layout().is_leaf() {
                    self.stack.push((r, 0));
                }
            }
        }
    }

    /// Reports words that are all references or nil (e.g. a `[]*T` kept outside the heap).
    pub fn mark_all(&mut self, words: &[u64]) {
        for &w in words {
            self.mark(w);
        }
    }

    /// Reports the words of `words` whose bit in `ptr_mask` is set (bit `i % 64` of
    /// `ptr_mask[i / 64]`), e.g. a register window with its function's pointer map. Bits past
    /// the end of `ptr_mask` count as 0.
    pub fn mark_masked(&mut self, words: &[u64], ptr_mask: &[u64]) {
        for (m, chunk) in ptr_mask.iter().zip(words.chunks(64)) {
            let mut bits = *m;
            while bits != 0 {
                let i = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                if let Some(&w) = chunk.get(i) {
                    self.mark(w);
                }
            }
        }
    }

    /// Reports atomic words that are all references or nil (e.g. pointer-typed globals).
    pub fn mark_slots(&mut self, slots: &[SlotWord]) {
        for s in slots {
            self.mark(s.load(crate::runtime::sync_shim::SlotOrdering::Relaxed));
        }
    }

    /// Objects marked so far.
    pub fn marked_objects(&self) -> u64 {
        self.marked
    }

    /// Scans until every object reachable from the reported words is marked.
    pub(super) fn drain(&mut self) {
        while let Some((obj, from)) = self.stack.pop() {
            self.max_stack = self.max_stack.max(self.stack.len() + 1);
            // SAFETY: only live objects are pushed (see `mark`), and the world is stopped.
            unsafe { self.scan(obj, from) };
        }
    }

    /// Marks everything reachable from the words reported so far, so that `is_marked` answers
    /// for them (leak detection marks in rounds: `runtime/leaks.rs`).
    pub fn finish_round(&mut self) {
        self.drain();
    }

    /// Whether the object at `word` is marked (after `finish_round`: reachable from the words
    /// reported so far).
    ///
    /// # Safety
    /// `word` is a live object of the heap being collected, and the world is stopped.
    pub unsafe fn is_marked(&self, word: u64) -> bool {
        match Ref::from_word(word) {
            // SAFETY: a live object's header (caller).
            Some(r) => unsafe { (*r.header()).is_marked() },
            None => false,
        }
    }

    /// The largest the work stack got (for statistics and the no-recursion tests).
    pub(super) fn max_stack(&self) -> usize {
        self.max_stack
    }

    /// Marks the references in body words `from..` of `obj`, at most `CHUNK_WORDS` of them,
    /// pushing the rest of the object back first.
    ///
    /// # Safety
    /// `obj` is live and marked; the world is stopped.
    unsafe fn scan(&mut self, obj: Ref, from: usize) {
        // SAFETY: live object (caller).
        let (layout, n) = unsafe { (obj.layout(), obj.body_words()) };
        if let Layout::Native(t) = layout {
            // SAFETY: live object of this native type; its tracer reports live references.
            return unsafe { (t.trace)(obj, self) };
        }
        let end = n.min(from + CHUNK_WORDS);
        if end < n {
            self.stack.push((obj, end));
        }
        // SAFETY (both loops): `i < end ≤ n`, inside the body; slots are read atomically.
        match layout {
            Layout::Refs => {
                for i in from..end {
                    let w = unsafe { obj.load_ref(i) };
                    if cfg!(debug_assertions) && w % 8 != 0 {
                        panic!("gc: word {i} of a Refs object of {n} words holds {w:#x}");
                    }
                    self.mark(w);
                }
            }
            Layout::Pattern { period, bits } => {
                let period = *period as usize;
                let mut j = from % period;
                for i in from..end {
                    if bits[j / 64] >> (j % 64) & 1 == 1 {
                        let w = unsafe { obj.load_ref(i) };
                        if cfg!(debug_assertions) && w % 8 != 0 {
                            panic!("gc: word {i} of a {period}-period object of {n} words ({bits:?}) holds {w:#x}");
                        }
                        self.mark(w);
                    }
                    j += 1;
                    if j == period {
                        j = 0;
                    }
                }
            }
            Layout::Scalars | Layout::Bytes | Layout::Native(_) => {}
        }
    }
}
