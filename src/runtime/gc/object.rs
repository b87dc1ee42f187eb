//! GC OBJECTS: the header every heap object starts with, and `Ref`, the one-word handle the VM
//! keeps in registers and slots. Input: an address the allocator handed out. Output: slot and
//! byte accessors that never tear a word, whatever races a gol program has.
//!
//! Object memory (`HEADER_WORDS` + body, 8-byte aligned):
//! ```text
//! word 0  layout: *const Layout   (null only in a free slot: the sweeper's "free" marker)
//! word 1  meta:   len << 1 | mark (len = body words, or bytes for Layout::Bytes;
//!                                  in a free slot: the next free slot's address)
//! word 2… body: one-word slots (or raw bytes)
//! ```
//! Rejected: a side mark bitmap per span (Go's gcmarkBits). It makes sweeping touch no object,
//! but marking would first have to find the span of an arbitrary address (aligned spans or a
//! page map); a header bit costs one word already loaded to read the layout.
//!
//! Memory ordering: slots are `AtomicU64`. Scalars use `Relaxed`. References use `Release`
//! stores and `Acquire` loads, and allocation ends with a `Release` fence, so a goroutine that
//! reads a reference out of a racy slot also sees the object's initialized header and zeroed
//! body (Go's `publicationBarrier`). On x86-64 all of these are plain `mov`s.

use std::ptr::NonNull;

use super::layout::Layout;
use crate::runtime::sync_shim::{SlotByte, SlotOrdering, SlotWord};

/// Words before an object's body.
pub const HEADER_WORDS: usize = 2;

const MARK: u64 = 1;

#[repr(C)]
pub(super) struct Header {
    pub layout: *const Layout,
    pub meta: u64,
}

/// A reference to a heap object: never null (nil is the word 0, i.e. `Option<Ref>::None`).
///
/// Making a `Ref` is safe; using one is `unsafe` because the collector cannot see Rust locals:
/// the object must be **live**, i.e. allocated by a `Heap` that still exists and reachable from
/// the roots passed to every collection since it was allocated.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[repr(transparent)]
pub struct Ref(NonNull<Header>);

// SAFETY: a `Ref` is an address. Every access through it is an `unsafe` method whose contract
// (a live object) is the same on every thread, and the body is only accessed through atomics.
unsafe impl Send for Ref {}
// SAFETY: as above: `&Ref` gives nothing beyond a copy of the address.
unsafe impl Sync for Ref {}

impl Ref {
    /// The register/slot form of this reference.
    #[inline]
    pub fn word(self) -> u64 {
        self.0.as_ptr() as u64
    }

    /// A reference from its register/slot form; `None` for nil (0).
    #[inline]
    pub fn from_word(word: u64) -> Option<Ref> {
        if word != 0 {
            // Debug builds: the word must be an allocated object (registry.rs says why).
            super::registry::check(word);
        }
        NonNull::new(word as usize as *mut Header).map(Ref)
    }

    #[inline]
    pub(super) fn from_header(h: NonNull<Header>) -> Ref {
        Ref(h)
    }

    #[inline]
    pub(super) fn header(self) -> *mut Header {
        self.0.as_ptr()
    }

    #[inline]
    fn body(self) -> *mut u64 {
        // SAFETY: in bounds of the object's allocation (header then body), whatever its size.
        unsafe { (self.0.as_ptr() as *mut u64).add(HEADER_WORDS) }
    }

    /// The object's layout.
    ///
    /// # Safety
    /// `self` is live (see the type docs).
    #[inline]
    pub unsafe fn layout(self) -> &'static Layout {
        // SAFETY: a live object's layout word is a `&'static Layout` written at allocation and
        // never changed until the object is freed.
        unsafe { &*(*self.header()).layout }
    }

    /// Body length: words, or bytes for a `Layout::Bytes` object.
    #[allow(clippy::len_without_is_empty)] // an object, not a collection: nothing asks "empty?"
    ///
    /// # Safety
    /// `self` is live.
    #[inline]
    pub unsafe fn len(self) -> usize {
        // SAFETY: live header; `meta` is written only at allocation and, for the mark bit, by
        // the collector while the world is stopped, so this read races with nothing.
        (unsafe { (*self.header()).meta } >> 1) as usize
    }

    /// The body word `i` as an atomic.
    ///
    /// # Safety
    /// `self` is live, is not a `Bytes` object, and `i < self.len()`; the returned reference
    /// must not be used after the object can be freed (past the next safepoint). A word stored
    /// into a slot that the layout names as a reference is 0 or a live `Ref`'s word (anything
    /// else would be dereferenced by the next collection).
    #[inline]
    pub unsafe fn slot<'a>(self, i: usize) -> &'a SlotWord {
        debug_assert!(i < unsafe { self.len() }, "slot {i} out of bounds");
        // SAFETY: `i` is inside the body (caller), which is 8-byte aligned and only ever
        // accessed atomically once the object is published.
        unsafe { SlotWord::from_ptr(self.body().add(i)) }
    }

    /// Reads scalar slot `i` (`Relaxed`).
    ///
    /// # Safety
    /// As `slot`.
    #[inline]
    pub unsafe fn load(self, i: usize) -> u64 {
        unsafe { self.slot(i) }.load(SlotOrdering::Relaxed)
    }

    /// Writes scalar slot `i` (`Relaxed`).
    ///
    /// # Safety
    /// As `slot`.
    #[inline]
    pub unsafe fn store(self, i: usize, v: u64) {
        unsafe { self.slot(i) }.store(v, SlotOrdering::Relaxed)
    }

    /// Reads reference slot `i` (`Acquire`: the object it names is seen initialized).
    ///
    /// # Safety
    /// As `slot`.
    #[inline]
    pub unsafe fn load_ref(self, i: usize) -> u64 {
        unsafe { self.slot(i) }.load(SlotOrdering::Acquire)
    }

    /// Writes reference slot `i` (`Release`).
    ///
    /// # Safety
    /// As `slot`.
    #[inline]
    pub unsafe fn store_ref(self, i: usize, v: u64) {
        unsafe { self.slot(i) }.store(v, SlotOrdering::Release)
    }

    /// The bytes of an immutable `Bytes` object (string contents).
    ///
    /// # Safety
    /// `self` is live, a `Bytes` object, and nobody writes its bytes while the slice is used.
    #[inline]
    pub unsafe fn bytes<'a>(self) -> &'a [u8] {
        debug_assert!(matches!(unsafe { self.layout() }, Layout::Bytes));
        // SAFETY: the body holds `len` initialized bytes (zeroed or written at creation), and
        // the caller rules out concurrent writes.
        unsafe { std::slice::from_raw_parts(self.body() as *const u8, self.len()) }
    }

    /// The bytes of a fresh `Bytes` object, to fill before it is published.
    ///
    /// # Safety
    /// `self` is a `Bytes` object just allocated by this thread and not yet stored anywhere
    /// another thread can read it.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn bytes_mut<'a>(self) -> &'a mut [u8] {
        debug_assert!(matches!(unsafe { self.layout() }, Layout::Bytes));
        // SAFETY: unpublished, so this is the only access.
        unsafe { std::slice::from_raw_parts_mut(self.body() as *mut u8, self.len()) }
    }

    /// The bytes of a shared mutable `Bytes` object (`[]byte`), as atomics.
    ///
    /// # Safety
    /// `self` is live and a `Bytes` object.
    #[inline]
    pub unsafe fn byte_slots<'a>(self) -> &'a [SlotByte] {
        debug_assert!(matches!(unsafe { self.layout() }, Layout::Bytes));
        // SAFETY: `AtomicU8` has the layout of `u8`; the body holds `len` bytes.
        unsafe { std::slice::from_raw_parts(self.body() as *const SlotByte, self.len()) }
    }

    // ---- Collector-only: called while the world is stopped (single-threaded access). ----

    /// Marks the object; returns false if it already was. # Safety: live, world stopped.
    #[inline]
    pub(super) unsafe fn try_mark(self) -> bool {
        let h = self.header();
        // SAFETY: live header; the world is stopped, so the collector is its only user.
        unsafe {
            if (*h).meta & MARK != 0 {
                return false;
            }
            (*h).meta |= MARK;
        }
        true
    }

    /// Body words (bytes rounded up for `Bytes`). # Safety: live.
    #[inline]
    pub(super) unsafe fn body_words(self) -> usize {
        unsafe { body_words(self.layout(), self.len()) }
    }
}

/// Body words of an object with this layout and header length.
#[inline]
pub(super) fn body_words(layout: &Layout, len: usize) -> usize {
    match layout {
        Layout::Bytes => len.div_ceil(8),
        _ => len,
    }
}

impl Header {
    /// Header of a fresh object (unmarked).
    #[inline]
    pub(super) fn new(layout: &'static Layout, len: usize) -> Header {
        Header {
            layout,
            meta: (len as u64) << 1,
        }
    }

    #[inline]
    pub(super) fn is_marked(&self) -> bool {
        self.meta & MARK != 0
    }

    #[inline]
    pub(super) fn clear_mark(&mut self) {
        self.meta &= !MARK;
    }

    #[inline]
    pub(super) fn len(&self) -> usize {
        (self.meta >> 1) as usize
    }
}
