//! GC LOAD TESTS: the heap under millions of objects, several threads and gigabytes of churn.
//! Input: large allocation patterns. Output: pass/fail on no recursion, bounded mark stack,
//! correct concurrent allocation, and flat memory; `gc_bench` (ignored) prints the numbers the
//! docs quote. Each test holds `HEAVY`, so their memory and RSS measurements do not overlap.

use std::sync::Arc;
use std::time::Instant;

use super::tests::{check_list, collect, heavy, list, rss_bytes, test_heap};
use super::*;

#[test]
fn ten_million_node_list_marks_without_recursion() {
    let _g = heavy();
    let heap = test_heap();
    let n = 10_000_000;
    let t = Instant::now();
    let head = list(&heap, n);
    let alloc_time = t.elapsed();
    let c = collect(&heap, &[head]);
    assert_eq!(c.marked_objects, n as u64);
    assert!(
        c.max_mark_stack <= 2,
        "a list needs one stack entry, got {}",
        c.max_mark_stack
    );
    assert_eq!(check_list(head), n);
    let c2 = collect(&heap, &[]);
    assert_eq!(c2.freed_objects, n as u64);
    assert_eq!(heap.stats().last_marked_bytes, 0);
    eprintln!(
        "gc: {n} nodes: alloc {:?} ({:.0} M/s via Heap::alloc), mark {:?}, sweep {:?}; sweep all dead {:?}",
        alloc_time,
        n as f64 / alloc_time.as_secs_f64() / 1e6,
        c.mark_time,
        c.sweep_time,
        c2.sweep_time
    );
}

#[test]
fn huge_pointer_array_is_scanned_in_chunks() {
    let _g = heavy();
    let heap = test_heap();
    let n = 1_000_000;
    let arr = heap.alloc(&REFS, n);
    for i in 0..n {
        let leaf = heap.alloc(&REFS, 1); // non-leaf layout: each is pushed on the stack
                                         // SAFETY: fresh objects; `arr` has n reference slots.
        unsafe { arr.store_ref(i, leaf.word()) };
    }
    let c = collect(&heap, &[arr.word()]);
    assert_eq!(c.marked_objects, n as u64 + 1);
    assert!(
        c.max_mark_stack <= 2 * 1024 + 2,
        "stack {} not bounded by the chunk size",
        c.max_mark_stack
    );
}

#[test]
fn concurrent_allocation_from_four_threads_then_collect() {
    let _g = heavy();
    let heap = Arc::new(test_heap());
    let per_thread = 200_000;
    let heads: Vec<u64> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|t| {
                let heap = Arc::clone(&heap);
                s.spawn(move || {
                    let mut m = heap.mutator();
                    let mut head = 0u64;
                    for i in 0..per_thread {
                        let node = m.alloc(&REFS, 2); // {next, boxed value}
                        let val = if i % 2 == 0 {
                            m.alloc(&SCALARS, 1)
                        } else {
                            heap.alloc(&SCALARS, 1)
                        };
                        let _garbage = m.alloc(&SCALARS, 1 + i % 50);
                        // SAFETY: fresh objects owned by this thread until published by join.
                        unsafe {
                            val.store(0, (t * per_thread + i) as u64);
                            node.store_ref(0, head);
                            node.store_ref(1, val.word());
                        }
                        head = node.word();
                    }
                    head
                })
            })
            .collect();
        hs.into_iter()
            .map(|h| h.join().expect("allocating thread"))
            .collect()
    });
    // Every thread has finished (joined): the world is stopped.
    let c = collect(&heap, &heads);
    assert_eq!(c.marked_objects, 4 * 2 * per_thread as u64);
    assert_eq!(c.freed_objects, 4 * per_thread as u64);
    for (t, &head) in heads.iter().enumerate() {
        let mut cur = head;
        let mut i = per_thread;
        while let Some(node) = Ref::from_word(cur) {
            i -= 1;
            // SAFETY: reachable from a root of the collection.
            unsafe {
                let val = Ref::from_word(node.load_ref(1)).unwrap();
                assert_eq!(val.load(0), (t * per_thread + i) as u64);
                cur = node.load_ref(0);
            }
        }
        assert_eq!(i, 0);
    }
    let s = heap.stats();
    assert_eq!(s.last_marked_bytes, 4 * per_thread as u64 * (32 + 24));
    // The mutators were dropped and gave their unused grants back; only the shared cache
    // behind `Heap::alloc` still holds one span, whose free slots count as allocated.
    assert!(
        s.live_bytes >= s.last_marked_bytes
            && s.live_bytes <= s.last_marked_bytes + SPAN_BYTES as u64,
        "{s:?}"
    );
}

/// Allocates `GOL_GC_CHURN_MB` (default 2048) MiB in total with ~1000 live objects, collecting
/// whenever the trigger says so, as a program at safepoints would. The heap and the process's
/// RSS must stay flat.
#[test]
fn churn_two_gigabytes_with_small_live_set_keeps_memory_flat() {
    let _g = heavy();
    let total: u64 = std::env::var("GOL_GC_CHURN_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2048)
        << 20;
    let heap = Arc::new(test_heap());
    let mut m = heap.mutator();
    let mut ring = vec![0u64; 1024];
    let (mut max_live, mut max_sys, mut allocs) = (0u64, 0u64, 0u64);
    let mut rss_warm = None;
    let mut rss_max = 0;
    let t = Instant::now();
    let mut gc_time = std::time::Duration::ZERO;
    while heap.stats().total_allocated < total {
        for _ in 0..256 {
            let i = allocs as usize;
            let r = match i % 1024 {
                0 => m.alloc(&REFS, 4096 + i % 7),          // large (32 KiB)
                k if k % 16 == 1 => m.alloc_bytes(100 + k), // byte arrays
                k if k % 4 == 2 => m.alloc(&SCALARS, 5 + k % 100),
                _ => m.alloc(&REFS, 2),
            };
            // SAFETY: `r` is fresh; slot 0 of REFS objects gets a live ring entry.
            unsafe {
                if matches!(r.layout(), Layout::Refs) {
                    r.store_ref(0, ring[(i + 1) % ring.len()]);
                }
            }
            let n = ring.len();
            ring[i % n] = r.word();
            allocs += 1;
        }
        if heap.should_collect() {
            let rl = &ring;
            // SAFETY: this thread is the only mutator; the ring holds every live reference.
            let c = unsafe { heap.collect(|mk| mk.mark_all(rl)) };
            gc_time += c.mark_time + c.sweep_time;
            let s = heap.stats();
            max_live = max_live.max(s.live_bytes);
            max_sys = max_sys.max(s.heap_sys);
            let rss = rss_bytes();
            rss_max = rss_max.max(rss);
            if s.collections == 3 {
                rss_warm = Some(rss);
            }
        }
    }
    let elapsed = t.elapsed();
    let s = heap.stats();
    let rss_end = rss_bytes();
    eprintln!(
        "gc churn: {} MiB in {allocs} allocations, {:?} ({:.0} M allocs/s, {:.2} GB/s incl. GC), {} collections, \
         GC time {gc_time:?}, max live {} KiB, max heap_sys {} KiB, RSS warm {} MiB max {} MiB end {} MiB",
        s.total_allocated >> 20,
        elapsed,
        allocs as f64 / elapsed.as_secs_f64() / 1e6,
        s.total_allocated as f64 / elapsed.as_secs_f64() / 1e9,
        s.collections,
        max_live >> 10,
        max_sys >> 10,
        rss_warm.unwrap_or(0) >> 20,
        rss_max >> 20,
        rss_end >> 20,
    );
    assert!(s.collections >= 10, "{s:?}");
    assert!(
        max_live <= 3 * MIN_HEAP_BYTES,
        "live heap grew to {max_live}"
    );
    assert!(
        max_sys <= 4 * MIN_HEAP_BYTES,
        "heap footprint grew to {max_sys}"
    );
    if let Some(warm) = rss_warm {
        // Loose: other tests of this process may allocate meanwhile; a leak of the churned
        // bytes would add gigabytes.
        assert!(
            rss_max < warm + (96 << 20),
            "RSS grew from {} MiB to {} MiB",
            warm >> 20,
            rss_max >> 20
        );
    }
}

/// Measurements for the docs, not a check: `cargo test --release --lib gc_bench -- --ignored --nocapture`.
#[test]
#[ignore]
fn gc_bench() {
    let _g = heavy();
    const N: usize = 50_000_000;
    let rate = |t: Instant, n: usize| n as f64 / t.elapsed().as_secs_f64() / 1e6;

    // Steady state (memory reused), small live set, collecting when triggered.
    let heap = Arc::new(test_heap());
    let mut ring = [0u64; 1024];
    let mut m = heap.mutator();
    let t = Instant::now();
    for i in 0..N {
        let r = m.alloc(&REFS, 2);
        // Even objects point at an odd one 1023 allocations older, odd ones at nothing: each
        // chain is two objects long, so the live set stays ~1024 objects.
        // SAFETY: fresh; ring entries are live.
        unsafe { r.store_ref(0, if i % 2 == 0 { ring[(i + 1) % 1024] } else { 0 }) };
        ring[i % 1024] = r.word();
        if i % 256 == 0 && heap.should_collect() {
            // SAFETY: single mutator; the ring holds every live reference.
            unsafe { heap.collect(|mk| mk.mark_all(&ring)) };
        }
    }
    eprintln!(
        "bench: Mutator::alloc 4-word objects, steady state incl. GC: {:.1} M/s",
        rate(t, N)
    );
    drop(m);
    let t = Instant::now();
    for i in 0..N / 5 {
        let r = heap.alloc(&REFS, 2);
        // SAFETY: as above.
        unsafe { r.store_ref(0, if i % 2 == 0 { ring[(i + 1) % 1024] } else { 0 }) };
        ring[i % 1024] = r.word();
        if i % 256 == 0 && heap.should_collect() {
            // SAFETY: as above.
            unsafe { heap.collect(|mk| mk.mark_all(&ring)) };
        }
    }
    eprintln!(
        "bench: Heap::alloc (shared cache, mutex), steady state incl. GC: {:.1} M/s",
        rate(t, N / 5)
    );

    // The rejected design: one Box per object (malloc + free each; a real GC would add a
    // registry entry per object to sweep).
    let mut boxes: Vec<Option<Box<[std::sync::atomic::AtomicU64; 4]>>> =
        (0..1024).map(|_| None).collect();
    let t = Instant::now();
    for i in 0..N {
        let b = Box::new([const { std::sync::atomic::AtomicU64::new(0) }; 4]);
        boxes[i % 1024] = Some(std::hint::black_box(b));
    }
    eprintln!(
        "bench: Box per object (malloc+free, no registry): {:.1} M/s",
        rate(t, N)
    );
    drop(boxes);

    // Four threads on Mutators at once (2 cores here), in rounds: all threads allocate, join
    // (the world is stopped), collect. Contention is only on span refills.
    let t = Instant::now();
    let rounds = 50;
    let per_round = N / 5 / 4 / rounds;
    for _ in 0..rounds {
        std::thread::scope(|s| {
            for _ in 0..4 {
                let heap = Arc::clone(&heap);
                s.spawn(move || {
                    let mut m = heap.mutator();
                    for _ in 0..per_round {
                        let r = m.alloc(&REFS, 2);
                        // SAFETY: fresh object.
                        unsafe { r.store_ref(0, 0) };
                    }
                });
            }
        });
        collect(&heap, &[]);
    }
    eprintln!(
        "bench: 4 threads × Mutator::alloc, steady state incl. GC: {:.1} M/s total",
        rate(t, rounds * per_round * 4)
    );

    // Collection time with 1M live objects (a list of 2-word nodes) and nothing dead.
    let heap = test_heap();
    let head = list(&heap, 1_000_000);
    collect(&heap, &[head]);
    let c = collect(&heap, &[head]);
    eprintln!(
        "bench: collect 1M live objects: mark {:?} + sweep {:?}",
        c.mark_time, c.sweep_time
    );
    let big = heap.alloc(&REFS, 1_000_000);
    for i in 0..1_000_000 {
        // SAFETY: fresh array of 1M reference slots.
        unsafe { big.store_ref(i, heap.alloc(&SCALARS, 1).word()) };
    }
    let c = collect(&heap, &[head, big.word()]);
    eprintln!(
        "bench: collect 2M live objects (list + []*int of 1M): mark {:?} + sweep {:?}",
        c.mark_time, c.sweep_time
    );
}

/// The safepoint protocol in miniature: worker threads keep their `Mutator`s (and the spans
/// those own) across collections. Each round the workers allocate, publish their roots, park
/// at a barrier; the main thread collects with the world stopped; the workers resume and
/// check that everything they kept is intact and keep allocating into swept spans.
#[test]
fn mutators_on_parked_threads_survive_collections() {
    use crate::runtime::sync_shim::{AtomicU64, Ordering};
    use std::sync::Barrier;
    let _g = heavy();
    let heap = Arc::new(test_heap());
    const WORKERS: usize = 2;
    const ROUNDS: usize = 10;
    let roots: Vec<AtomicU64> = (0..WORKERS).map(|_| AtomicU64::new(0)).collect();
    let stop = Barrier::new(WORKERS + 1);
    let resume = Barrier::new(WORKERS + 1);
    std::thread::scope(|s| {
        for w in 0..WORKERS {
            let (heap, roots, stop, resume) = (Arc::clone(&heap), &roots, &stop, &resume);
            s.spawn(move || {
                let mut m = heap.mutator();
                let mut expect = 0;
                for round in 0..ROUNDS {
                    let mut head = roots[w].load(Ordering::Relaxed);
                    for i in 0..20_000 {
                        let node = m.alloc(&REFS, 2);
                        let val = m.alloc_string(format!("w{w} r{round} i{i}").as_bytes());
                        let _garbage = m.alloc(&SCALARS, i % 30);
                        // SAFETY: fresh node; `head` and `val` are live (rooted or fresh).
                        unsafe {
                            node.store_ref(0, head);
                            node.store_ref(1, val);
                        }
                        head = node.word();
                    }
                    expect += 20_000;
                    roots[w].store(head, Ordering::Relaxed);
                    stop.wait(); // parked at a safepoint
                    resume.wait(); // the world restarted
                    let (mut n, mut cur) = (0, roots[w].load(Ordering::Relaxed));
                    while let Some(node) = Ref::from_word(cur) {
                        // SAFETY: reachable from this worker's root at every collection.
                        unsafe {
                            let s = Ref::from_word(node.load_ref(1)).unwrap();
                            let bytes = Ref::from_word(s.load_ref(0)).unwrap().bytes();
                            assert!(bytes.starts_with(format!("w{w} ").as_bytes()));
                            cur = node.load_ref(0);
                        }
                        n += 1;
                    }
                    assert_eq!(n, expect);
                }
            });
        }
        for round in 0..ROUNDS {
            stop.wait(); // every worker is parked
                         // SAFETY: all workers wait at `resume`: nobody allocates or touches objects; their
                         // list heads are the only roots and hold live references.
            let c = unsafe {
                heap.collect(|mk| {
                    roots
                        .iter()
                        .for_each(|r| mk.mark(r.load(Ordering::Relaxed)))
                })
            };
            assert!(c.freed_objects > 0);
            // Each list node keeps a string: node, STRING object and its bytes.
            assert_eq!(
                c.marked_objects,
                3 * (WORKERS * (round + 1) * 20_000) as u64
            );
            resume.wait();
        }
    });
    assert_eq!(heap.stats().collections, ROUNDS as u64);
}
