//! GC TESTS: the heap on its own, without a VM. Input: allocation patterns and root sets.
//! Output: pass/fail on survival, freeing, slot values, bounded memory, trigger and threads.
//! Heavy tests (many millions of objects) hold `HEAVY` so they do not run at the same time
//! and their memory and RSS measurements stay meaningful.

use std::sync::atomic::{AtomicUsize, Ordering as StdOrdering};
use std::sync::Mutex;

use super::span::{class_of, class_words, MAX_SMALL_WORDS};
use super::*;

pub(super) static HEAVY: Mutex<()> = Mutex::new(());

pub(super) fn heavy() -> std::sync::MutexGuard<'static, ()> {
    HEAVY.lock().unwrap_or_else(|e| e.into_inner())
}

pub(super) fn test_heap() -> Heap {
    Heap::new(Config {
        gogc: Some(100),
        stress: false,
        min_heap: MIN_HEAP_BYTES,
        soft_limit: None,
        hard_limit: None,
    })
}

/// Collects with `roots` (all references) as the only roots.
pub(super) fn collect(heap: &Heap, roots: &[u64]) -> CollectStats {
    // SAFETY: tests are single-threaded per heap here, and every root is 0 or a live Ref of
    // `heap` (they come from its allocations and survived every earlier collection).
    unsafe { heap.collect(|m| m.mark_all(roots)) }
}

/// A `REFS` node `{next}` ... built as a linked list of `n` nodes; returns the head.
pub(super) fn list(heap: &Heap, n: usize) -> u64 {
    static NODE: Layout = Layout::Pattern {
        period: 2,
        bits: &[0b10],
    }; // {value, next}
    let mut head = 0;
    for i in 0..n {
        let r = heap.alloc(&NODE, 2);
        // SAFETY: fresh object of 2 words; slot 1 is a reference in NODE.
        unsafe {
            r.store(0, i as u64);
            r.store_ref(1, head);
        }
        head = r.word();
    }
    head
}

/// Walks a list made by `list`, checking the values; returns its length.
pub(super) fn check_list(head: u64) -> usize {
    let mut n = 0;
    let mut cur = head;
    let mut expect: Option<u64> = None;
    while let Some(r) = Ref::from_word(cur) {
        // SAFETY: the list is reachable from a root at every collection of the test.
        let v = unsafe { r.load(0) };
        if let Some(e) = expect {
            assert_eq!(v, e, "node value corrupted");
        }
        expect = v.checked_sub(1);
        cur = unsafe { r.load_ref(1) };
        n += 1;
    }
    n
}

pub(super) fn rss_bytes() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("Linux /proc");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("statm resident");
    pages * 4096 // x86-64 and aarch64 Linux default page size
}

#[test]
fn heap_is_send_and_sync_and_mutator_is_send() {
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>() {}
    send_sync::<Heap>();
    send::<Mutator>();
    send_sync::<Ref>();
}

#[test]
fn size_classes_fit_and_are_smallest() {
    for w in 2..=MAX_SMALL_WORDS {
        let c = class_of(w);
        assert!(class_words(c) >= w);
        assert!(
            c == 0 || class_words(c - 1) < w,
            "class for {w} words is not the smallest"
        );
        assert!(
            class_words(c) * 4 <= w * 5 + 8,
            "waste over 25% for {w} words"
        );
    }
}

#[test]
fn layouts_normalize_and_intern() {
    assert!(matches!(
        Layout::from_ref_mask(&[false, false]),
        Layout::Scalars
    ));
    assert!(matches!(Layout::from_ref_mask(&[true]), Layout::Refs));
    let l = Layout::from_ref_mask(&[false, true, false]);
    assert!(matches!(l, Layout::Pattern { period: 3, .. }));
    assert!(!l.is_ref(0) && l.is_ref(1) && !l.is_ref(2) && l.is_ref(4) && !l.is_ref(6));
    assert!(STRING.is_ref(0) && !STRING.is_ref(1) && !STRING.is_ref(2));
    assert!(SLICE.is_ref(0) && !SLICE.is_ref(3));
    assert!(!IFACE_REF.is_ref(0) && IFACE_REF.is_ref(1));
    let mut t = LayoutTable::new();
    let a = t.intern(&[true, false]);
    let b = t.intern(&[true, false]);
    assert!(std::ptr::eq(a, b));
    assert!(std::ptr::eq(t.intern(&[false; 5]), &SCALARS));
    assert!(std::ptr::eq(t.intern(&[true; 70]), &REFS));
    let wide: Vec<bool> = (0..130).map(|i| i == 129).collect();
    assert!(t.intern(&wide).is_ref(129) && !t.intern(&wide).is_ref(128));
}

#[test]
fn alloc_zeroes_and_slots_read_back() {
    let heap = test_heap();
    for len in [
        0,
        1,
        3,
        100,
        MAX_SMALL_WORDS - HEADER_WORDS,
        MAX_SMALL_WORDS,
        5000,
    ] {
        let r = heap.alloc(&SCALARS, len);
        // SAFETY: fresh, live object of `len` words.
        unsafe {
            assert_eq!(r.len(), len);
            assert!(matches!(r.layout(), Layout::Scalars));
            for i in 0..len {
                assert_eq!(r.load(i), 0, "slot {i} of a {len}-word object not zeroed");
                r.store(i, (i as u64) ^ 0xABCD);
            }
            for i in 0..len {
                assert_eq!(r.load(i), (i as u64) ^ 0xABCD);
            }
        }
    }
    let b = heap.alloc_bytes_from(b"hello, gol");
    let s = heap.alloc_string("héllo".as_bytes());
    // SAFETY: fresh objects; the byte object is not written concurrently.
    unsafe {
        assert_eq!(b.bytes(), b"hello, gol");
        assert_eq!(b.len(), 10);
        b.byte_slots()[0].store(b'j', std::sync::atomic::Ordering::Relaxed);
        assert_eq!(b.bytes(), b"jello, gol");
        let s = Ref::from_word(s).unwrap();
        let bytes = Ref::from_word(s.load_ref(0)).unwrap();
        assert_eq!((s.load(1), s.load(2)), (0, 6));
        assert_eq!(bytes.bytes(), "héllo".as_bytes());
    }
    assert_eq!(heap.alloc_string(b""), 0, "the empty string is nil");
    assert!(Ref::from_word(0).is_none());
}

#[test]
fn freed_memory_is_reused_and_zeroed_again() {
    let heap = test_heap();
    let garbage: Vec<Ref> = (0..10_000).map(|_| heap.alloc(&SCALARS, 4)).collect();
    for &r in &garbage {
        // SAFETY: live until the collection below.
        unsafe { r.store(0, 7) };
    }
    let sys = heap.stats().heap_sys;
    let c = collect(&heap, &[]);
    assert_eq!(c.freed_objects, 10_000);
    for _ in 0..10_000 {
        let r = heap.alloc(&SCALARS, 4);
        // SAFETY: fresh object.
        assert_eq!(unsafe { r.load(0) }, 0);
    }
    assert_eq!(
        heap.stats().heap_sys,
        sys,
        "the freed slots were reused, no new span"
    );
}

#[test]
fn unreachable_cycle_is_freed() {
    let heap = test_heap();
    let root = heap.alloc(&REFS, 1);
    // A 3-cycle hanging off the root, and a separate unreachable 2-cycle and self-loop.
    let cyc: Vec<Ref> = (0..3).map(|_| heap.alloc(&REFS, 1)).collect();
    let lost: Vec<Ref> = (0..2).map(|_| heap.alloc(&REFS, 2)).collect();
    let selfish = heap.alloc(&REFS, 1);
    // SAFETY: fresh objects with reference slots.
    unsafe {
        for i in 0..3 {
            cyc[i].store_ref(0, cyc[(i + 1) % 3].word());
        }
        root.store_ref(0, cyc[0].word());
        lost[0].store_ref(0, lost[1].word());
        lost[1].store_ref(1, lost[0].word());
        selfish.store_ref(0, selfish.word());
    }
    let c = collect(&heap, &[root.word()]);
    assert_eq!((c.marked_objects, c.freed_objects), (4, 3));
    // Cut the root's edge: now the whole 3-cycle is garbage.
    // SAFETY: `root` was a root of the last collection.
    unsafe { root.store_ref(0, 0) };
    let c = collect(&heap, &[root.word()]);
    assert_eq!((c.marked_objects, c.freed_objects), (1, 3));
    let c = collect(&heap, &[]);
    assert_eq!((c.marked_objects, c.freed_objects, c.live_bytes), (0, 1, 0));
    assert_eq!(
        heap.stats().live_bytes,
        heap.stats().heap_sys.min(heap.stats().live_bytes)
    );
}

#[test]
fn survivors_keep_their_values_and_scalars_are_never_followed() {
    let heap = test_heap();
    // {ref, scalar that looks like a pointer, ref} — a precise marker must skip word 1.
    let mut table = LayoutTable::new();
    let rec = table.intern(&[true, false, true]);
    let bogus = 0xDEAD_BEEF_0000_0008u64;
    let leaf = heap.alloc(&SCALARS, 2);
    let big = heap.alloc(&SCALARS, 3000); // large object
    let text = heap.alloc_string(b"still here");
    let r = heap.alloc(rec, 6); // two records: pattern repeats
    let slice = heap.alloc(&SLICE, SLICE_WORDS);
    // SAFETY: fresh objects; reference slots receive live refs.
    unsafe {
        leaf.store(0, 41);
        leaf.store(1, bogus);
        big.store(2999, 99);
        r.store_ref(0, leaf.word());
        r.store(1, bogus);
        r.store_ref(2, big.word());
        r.store_ref(3, text);
        r.store(4, bogus);
        slice.store_ref(0, r.word());
        slice.store(1, bogus);
        slice.store(2, 2);
        slice.store(3, 2);
    }
    for _ in 0..1000 {
        heap.alloc(&SCALARS, 2); // garbage interleaved with the survivors
    }
    for _ in 0..3 {
        let c = collect(&heap, &[slice.word(), 0]);
        assert_eq!(
            c.marked_objects, 6,
            "slice, record, leaf, big, string, bytes"
        );
        assert_eq!(c.freed_objects % 1000, 0);
    }
    // SAFETY: everything is reachable from `slice`, a root of every collection.
    unsafe {
        assert_eq!((slice.load(1), slice.load(2), slice.load(3)), (bogus, 2, 2));
        let r = Ref::from_word(slice.load_ref(0)).unwrap();
        assert_eq!((r.load(1), r.load(4)), (bogus, bogus));
        let leaf = Ref::from_word(r.load_ref(0)).unwrap();
        assert_eq!((leaf.load(0), leaf.load(1)), (41, bogus));
        assert_eq!(Ref::from_word(r.load_ref(2)).unwrap().load(2999), 99);
        let s = Ref::from_word(r.load_ref(3)).unwrap();
        assert_eq!(
            Ref::from_word(s.load_ref(0)).unwrap().bytes(),
            b"still here"
        );
    }
}

#[test]
fn masked_roots_follow_only_pointer_registers() {
    let heap = test_heap();
    let keep = heap.alloc(&SCALARS, 1);
    let drop_me = heap.alloc(&SCALARS, 1);
    // A 70-register window: r3 and r66 hold pointers; r5 holds `drop_me`'s address as an
    // integer (a scalar register): it must neither keep it alive nor be dereferenced.
    let mut regs = vec![0u64; 70];
    regs[3] = keep.word();
    regs[5] = drop_me.word();
    regs[66] = keep.word();
    regs[10] = 12345; // scalar garbage
    let mask = [1u64 << 3, 1u64 << (66 - 64)];
    // SAFETY: single thread; registers named by the mask hold live refs.
    let c = unsafe { heap.collect(|m| m.mark_masked(&regs, &mask)) };
    assert_eq!((c.marked_objects, c.freed_objects), (1, 1));
}

#[test]
fn native_objects_are_traced_and_finalized() {
    static FINALIZED: AtomicUsize = AtomicUsize::new(0);
    unsafe fn trace(obj: Ref, m: &mut Marker) {
        // SAFETY: a live CELL object: word 0 is a reference.
        m.mark(unsafe { obj.load_ref(0) });
    }
    unsafe fn finalize(_obj: Ref) {
        FINALIZED.fetch_add(1, StdOrdering::Relaxed);
    }
    static CELL_TYPE: NativeType = NativeType {
        name: "cell",
        trace,
        finalize: Some(finalize),
    };
    static CELL: Layout = Layout::Native(&CELL_TYPE);
    let heap = test_heap();
    let cell = heap.alloc(&CELL, 2);
    let big_cell = heap.alloc(&CELL, 4000);
    let inner = heap.alloc(&SCALARS, 1);
    // SAFETY: fresh objects.
    unsafe { cell.store_ref(0, inner.word()) };
    let c = collect(&heap, &[cell.word()]);
    assert_eq!((c.marked_objects, c.freed_objects), (2, 1));
    assert_eq!(
        FINALIZED.load(StdOrdering::Relaxed),
        1,
        "the dead large cell was finalized"
    );
    let _ = big_cell;
    drop(heap); // dropping the heap finalizes what is left
    assert_eq!(FINALIZED.load(StdOrdering::Relaxed), 2);
}

#[test]
fn gogc_trigger_and_parsing() {
    assert_eq!(Config::parse(None, None).gogc, Some(100));
    assert_eq!(Config::parse(Some("off"), None).gogc, None);
    assert_eq!(Config::parse(Some("-1"), None).gogc, None);
    assert_eq!(Config::parse(Some("50"), None).gogc, Some(50));
    assert_eq!(Config::parse(Some("0"), None).gogc, Some(0));
    assert_eq!(Config::parse(Some("bogus"), None).gogc, Some(100));
    let stress_feature = cfg!(feature = "gc-stress");
    assert_eq!(Config::parse(None, Some("0")).stress, stress_feature);
    assert_eq!(Config::parse(None, Some("")).stress, stress_feature);
    assert!(Config::parse(None, Some("1")).stress);

    let heap = Heap::new(Config {
        stress: false,
        ..Config::default()
    });
    assert!(!heap.should_collect());
    let mut roots = Vec::new();
    while !heap.should_collect() {
        roots.push(heap.alloc(&SCALARS, 14).word()); // 128-byte slots, all kept live
    }
    let s = heap.stats();
    assert!(
        s.live_bytes >= MIN_HEAP_BYTES && s.live_bytes < MIN_HEAP_BYTES + (1 << 20),
        "{s:?}"
    );
    collect(&heap, &roots);
    let s = heap.stats();
    assert_eq!(s.last_marked_bytes, roots.len() as u64 * 128);
    assert_eq!(
        s.heap_goal,
        2 * s.last_marked_bytes + (s.live_bytes - s.last_marked_bytes),
        "GOGC=100: the goal is twice the live heap (plus what caches hold unused)"
    );
    assert!(!heap.should_collect());
    assert_eq!(heap.set_gogc(None), Some(100));
    for _ in 0..100_000 {
        heap.alloc(&SCALARS, 14);
    }
    assert!(!heap.should_collect(), "GOGC=off never triggers");
    assert_eq!(heap.set_gogc(Some(0)), None);
    assert!(heap.should_collect(), "GOGC=0 collects continuously");
    let s = heap.stats();
    assert_eq!(s.collections, 1);
    assert!(s.total_allocated >= (roots.len() as u64 + 100_000) * 128);
}

#[test]
fn gc_stress_collects_at_every_check() {
    let heap = Heap::new(Config {
        stress: true,
        ..Config::default()
    });
    assert!(heap.should_collect(), "even an empty heap");
    let keep = heap.alloc(&REFS, 1);
    for i in 0..1000 {
        let r = heap.alloc(&SCALARS, 1);
        // SAFETY: `keep` is a root of every collection.
        unsafe { keep.store_ref(0, r.word()) };
        assert!(heap.should_collect());
        collect(&heap, &[keep.word()]);
        // SAFETY: reachable from `keep`.
        unsafe {
            let r = Ref::from_word(keep.load_ref(0)).unwrap();
            r.store(0, i);
        }
    }
    assert_eq!(heap.stats().collections, 1000);
    assert_eq!(heap.stats().last_marked_bytes, 2 * 24);
}

#[test]
fn memory_limits_cap_the_goal() {
    let heap = |soft, hard| {
        Heap::new(Config {
            soft_limit: soft,
            hard_limit: hard,
            ..Config::parse(None, None)
        })
    };
    assert_eq!(heap(None, None).stats().heap_goal, MIN_HEAP_BYTES);
    assert_eq!(heap(Some(1 << 20), None).stats().heap_goal, 1 << 20);
    assert_eq!(heap(None, Some(2 << 20)).stats().heap_goal, 2 << 20);
    assert_eq!(
        heap(Some(3 << 20), Some(2 << 20)).stats().heap_goal,
        2 << 20
    );
    // GOGC=off with a soft limit: collect at the limit (Go's GOMEMLIMIT-only mode).
    let off = Heap::new(Config {
        soft_limit: Some(8 << 20),
        ..Config::parse(Some("off"), None)
    });
    assert_eq!(off.stats().heap_goal, 8 << 20);
    // Allocation past the goal asks the VM for a safepoint.
    let h = Arc::new(heap(Some(1 << 20), None));
    let mut m = h.mutator();
    assert!(!m.take_gc_request());
    for _ in 0..200 {
        m.alloc(&SCALARS, 1000); // 8 KB each: 1.6 MB in all
    }
    assert!(h.over_goal());
    assert!(m.take_gc_request());
    assert!(!m.take_gc_request(), "the request is cleared once read");
}
