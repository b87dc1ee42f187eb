//! GC: the gol heap and its precise, non-moving, stop-the-world mark-sweep collector. Input:
//! allocation requests from any worker thread; at a safepoint with the world stopped, the root
//! words (goroutine registers with pointer maps, globals, timers, channel queues). Output:
//! zeroed objects (`Ref`); after `collect`, every object unreachable from the roots freed
//! (cycles too) and its memory reused, statistics, and a GOGC-style trigger (`should_collect`).
//!
//! Invariants:
//! - Every heap word that the layout of its object names as a reference holds 0 or the word of
//!   a live `Ref`; likewise every root word reported to the `Marker`. (The compiler and VM keep
//!   this: pointer-typed registers and slots only ever receive references; registers get
//!   pointer maps.) Marking follows exactly those words, so no scalar is taken for a pointer.
//! - Objects never move. A `Ref` stays valid as long as the object is reachable from the roots
//!   at every collection; an object is freed only by the sweep of a collection that did not
//!   reach it.
//! - Between collections, objects are only ever accessed through atomics (`Ref::slot` ...), so
//!   no gol-level data race tears a word or is undefined behaviour in Rust. Headers are written
//!   only when an object is created (before it is published) and, for the mark bit, by the
//!   collector while the world is stopped.
//! - `collect` runs with the world stopped: no other thread allocates or touches an object
//!   during it (the scheduler parks every worker at a safepoint first). Marking needs no lock;
//!   sweeping holds the central lock.
//! - `heap_live`, `total_allocated`, `heap_sys` are written only with the central lock held
//!   (so no update is lost); they are atomics so that `should_collect` and `stats` can read
//!   them lock-free from any worker.
//!
//! Lock order: `Heap::shared` (the cache behind `Heap::alloc`) → `Heap::central`. Nothing else
//! is locked inside either, and the roots callback of `collect` runs with neither held, so the
//! runtime may lock channels there. `Mutator` allocation takes only `central`, once per span.
//!
//! Write barriers are not needed: collection is stop-the-world and non-incremental, so the
//! mutator can never hide a reference from a marking in progress.
//!
//! Using it (the compiler, VM and scheduler's side of the invariants):
//! - Values: a Go value that fits a word is the word; `string`, slices, interfaces and interior
//!   pointers are a `Ref` to an immutable `STRING`/`SLICE`/`IFACE_*`/`INTERIOR` object (nil =
//!   zero value), so every shared slot is one word. Structs, arrays, closures and boxed
//!   variables get a layout from `LayoutTable::intern(ref mask)` once per type at compile time.
//! - Registers: each function gets a pointer map (a bitmap over its `nregs`: which registers
//!   hold references). A register keeps one kind for the whole function (or the map becomes
//!   per-safepoint). The roots of a goroutine are, for each frame, its window with its map
//!   (`Marker::mark_masked`); for a frame below the top, only up to its callee's base, since
//!   the callee's window overlaps the caller's call arguments and the callee's map governs
//!   them. `Call` already zeroes the callee's locals, so no stale word is taken for a pointer.
//! - Safepoints: allocation never collects. After an allocating instruction (or at the fuel
//!   check) the VM saves its pc and asks `should_collect()`; if true it parks for GC. The
//!   scheduler parks every worker, calls `collect` with all goroutines, globals, timers and
//!   channel buffers as roots, then restarts the world. Natives hold no `Ref` across that.
//! - Threads: each worker owns a `Mutator` (lock-free allocation); code without one uses
//!   `Heap::alloc`. Reference slots are written with `Ref::store_ref` (Release) and read with
//!   `Ref::load_ref` (Acquire); scalar slots with `store`/`load` (Relaxed).
//! - Program constants that are references (string literals) are allocated at load and
//!   reported as roots at every collection.

mod cache;
mod central;
mod layout;
mod mark;
mod object;
mod registry;
mod span;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_load;

use std::time::{Duration, Instant};

pub use cache::{Mutator, MAX_LEN};
pub use layout::{
    Layout, LayoutTable, NativeType, BYTES, IFACE_REF, IFACE_SCALAR, IFACE_WORDS, INTERIOR,
    INTERIOR_WORDS, REFS, SCALARS, SLICE, SLICE_WORDS, STRING, STRING_WORDS,
};
pub use mark::Marker;
pub use object::{Ref, HEADER_WORDS};
pub use span::{MAX_SMALL_WORDS, SPAN_BYTES};

use cache::Cache;
use central::Central;

use crate::runtime::sync_shim::{
    slot_fence, Arc, AtomicBool, AtomicI64, AtomicU64, Mutex, MutexGuard, Ordering, SlotOrdering,
};

/// Go's `GOGC` default: collect when the heap has doubled since the last collection.
pub const DEFAULT_GOGC: u32 = 100;
/// Go's minimum heap goal (`heapMinimum`, scaled by GOGC/100 as Go does): below 4 MiB a
/// program never collects, so short programs pay nothing.
pub const MIN_HEAP_BYTES: u64 = 4 << 20;

/// Object locations at one stopped-world moment: lets the runtime scan words whose type it does
/// not know (goroutine registers) conservatively — a word is marked only if it is exactly the
/// address of an allocated object's header.
pub struct ObjectIndex {
    spans: Vec<(u64, u64, std::ptr::NonNull<span::Span>)>,
    large: Vec<u64>,
}

impl ObjectIndex {
    pub fn is_object(&self, w: u64) -> bool {
        if w == 0 || !w.is_multiple_of(8) {
            return false;
        }
        if self.large.binary_search(&w).is_ok() {
            return true;
        }
        let i = self.spans.partition_point(|s| s.0 <= w);
        if i == 0 {
            return false;
        }
        let (start, end, sp) = self.spans[i - 1];
        // SAFETY: spans in the index are live while the world is stopped.
        w >= start && w < end && unsafe { sp.as_ref() }.object_at(w)
    }
}

/// When to collect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// `GOGC`: collect when the live heap has grown by this percentage; `None` = `off`.
    pub gogc: Option<u32>,
    /// `gc-stress`: `should_collect` is always true (every safepoint collects).
    pub stress: bool,
    /// The minimum heap goal at GOGC=100.
    pub min_heap: u64,
    /// `GOMEMLIMIT`: a soft limit. The heap goal never exceeds it (so the collector runs more
    /// often as the heap approaches it), unless the live heap itself is past it.
    pub soft_limit: Option<u64>,
    /// `--max-memory`: a hard limit. An allocation the live heap cannot take without passing
    /// it is `fatal error: out of memory` (see `Heap::check_limit`).
    pub hard_limit: Option<u64>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            gogc: Some(DEFAULT_GOGC),
            stress: cfg!(feature = "gc-stress"),
            min_heap: MIN_HEAP_BYTES,
            soft_limit: None,
            hard_limit: None,
        }
    }
}

impl Config {
    /// From the environment (`GOGC`, `GOMEMLIMIT`, `GOL_GC_STRESS`) and the run's limits
    /// (`--max-memory`).
    pub fn from_env() -> Config {
        let gogc = std::env::var("GOGC").ok();
        let stress = std::env::var("GOL_GC_STRESS").ok();
        Config {
            soft_limit: crate::runtime::limits::gomemlimit_from_env(),
            hard_limit: crate::runtime::limits::get().max_memory,
            ..Config::parse(gogc.as_deref(), stress.as_deref())
        }
    }

    /// `GOGC` as Go's `readGOGC` reads it: `off` or a negative number disables collection,
    /// a number ≥ 0 is the percentage, anything else (or unset) is 100. Stress mode is on with
    /// the `gc-stress` feature or a `GOL_GC_STRESS` other than empty or `0`.
    pub fn parse(gogc: Option<&str>, stress: Option<&str>) -> Config {
        let gogc = match gogc {
            Some("off") => None,
            Some(s) => match s.parse::<i64>() {
                Ok(n) if n < 0 => None,
                Ok(n) => Some(n.min(u32::MAX as i64) as u32),
                Err(_) => Some(DEFAULT_GOGC),
            },
            None => Some(DEFAULT_GOGC),
        };
        let stress =
            cfg!(feature = "gc-stress") || matches!(stress, Some(s) if !s.is_empty() && s != "0");
        Config {
            gogc,
            stress,
            min_heap: MIN_HEAP_BYTES,
            soft_limit: None,
            hard_limit: None,
        }
    }
}

/// A snapshot of the heap's counters (bytes are slot sizes, headers included).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Live heap: bytes marked by the last collection plus bytes allocated since (Go's
    /// `heapLive`; ahead by at most one span per size class per cache between collections).
    pub live_bytes: u64,
    /// Bytes allocated since the heap was created (exact at each collection).
    pub total_allocated: u64,
    pub collections: u64,
    /// `should_collect` turns true when `live_bytes` reaches this.
    pub heap_goal: u64,
    /// Bytes held from the system allocator (spans, free or not, and large objects).
    pub heap_sys: u64,
    /// Bytes marked by the last collection.
    pub last_marked_bytes: u64,
}

/// What one collection did.
#[derive(Clone, Copy, Debug, Default)]
pub struct CollectStats {
    pub marked_objects: u64,
    pub live_bytes: u64,
    pub freed_objects: u64,
    pub freed_bytes: u64,
    /// Empty spans given back to the system allocator.
    pub released_spans: usize,
    /// Largest size of the mark work stack (entries).
    pub max_mark_stack: usize,
    pub mark_time: Duration,
    pub sweep_time: Duration,
}

/// The gol heap. `Send + Sync`: shared by all workers (usually in an `Arc`).
pub struct Heap {
    central: Mutex<Central>,
    /// The cache behind `Heap::alloc`, for callers without a `Mutator`.
    shared: Mutex<Cache>,
    heap_live: AtomicU64,
    heap_goal: AtomicU64,
    heap_sys: AtomicU64,
    total_allocated: AtomicU64,
    collections: AtomicU64,
    last_marked: AtomicU64,
    /// GOGC, or -1 for off.
    gogc: AtomicI64,
    min_heap: u64,
    stress: bool,
    /// `runtime.GC` asked for a collection at the next safepoint (cleared by `collect`).
    forced: AtomicBool,
    /// `Config::soft_limit` (`debug.SetMemoryLimit` changes it), `hard_limit` (`u64::MAX`: none).
    soft_limit: AtomicU64,
    hard_limit: u64,
}

impl Default for Heap {
    fn default() -> Heap {
        Heap::new(Config::default())
    }
}

impl Heap {
    pub fn new(config: Config) -> Heap {
        let gogc = config.gogc.map_or(-1, i64::from);
        let limits = Limits {
            soft: config.soft_limit.unwrap_or(u64::MAX),
            hard: config.hard_limit.unwrap_or(u64::MAX),
        };
        Heap {
            central: Mutex::new(Central::new()),
            shared: Mutex::new(Cache::new()),
            heap_live: AtomicU64::new(0),
            heap_goal: AtomicU64::new(limits.cap(0, goal(0, gogc, config.min_heap))),
            heap_sys: AtomicU64::new(0),
            total_allocated: AtomicU64::new(0),
            collections: AtomicU64::new(0),
            last_marked: AtomicU64::new(0),
            gogc: AtomicI64::new(gogc),
            min_heap: config.min_heap,
            stress: config.stress,
            forced: AtomicBool::new(false),
            soft_limit: AtomicU64::new(limits.soft),
            hard_limit: limits.hard,
        }
    }

    fn limits(&self) -> Limits {
        Limits {
            soft: self.soft_limit.load(Ordering::Relaxed),
            hard: self.hard_limit,
        }
    }

    /// The goal after a collection that marked `marked` bytes: GOGC's, capped by the limits.
    fn goal_after(&self, marked: u64, gogc: i64) -> u64 {
        self.limits().cap(marked, goal(marked, gogc, self.min_heap))
    }

    /// Whether the live heap has reached its goal (`should_collect` without stress mode): the
    /// VM ends a time slice early when an allocation finds this, so a goroutine that allocates
    /// all the time still reaches a safepoint near the goal.
    #[inline]
    pub fn over_goal(&self) -> bool {
        self.heap_live.load(Ordering::Relaxed) >= self.heap_goal.load(Ordering::Relaxed)
    }

    /// Memory Go would take from its heap for an object gol keeps elsewhere (a channel's
    /// buffer): Go's out-of-memory report if the machine or the hard limit cannot hold it.
    pub fn check_external(&self, bytes: u64) {
        let b = usize::try_from(bytes).unwrap_or(usize::MAX);
        if crate::runtime::fatal::exceeds_machine(bytes) {
            crate::runtime::fatal::out_of_memory(b, self.heap_sys.load(Ordering::Relaxed));
        }
        self.check_limit(b);
    }

    /// The hard limit, before `bytes` more are taken from the system for the heap: the
    /// allocation fails (Go's out-of-memory report, exit 2) if the heap live at the last
    /// collection plus `bytes` exceeds the limit — no collection could make room — or if the
    /// heap, garbage included, would pass twice the limit before the next safepoint. (Allocation
    /// cannot collect: natives hold references in Rust locals between safepoints. The goal is
    /// capped at the limit, so the collector runs before the heap gets there.)
    fn check_limit(&self, bytes: usize) {
        if self.hard_limit == u64::MAX {
            return;
        }
        let b = bytes as u64;
        let marked = self.last_marked.load(Ordering::Relaxed);
        let live = self.heap_live.load(Ordering::Relaxed);
        if marked.saturating_add(b) > self.hard_limit
            || live.saturating_add(b) > self.hard_limit.saturating_mul(2)
        {
            crate::runtime::fatal::out_of_memory(bytes, self.heap_sys.load(Ordering::Relaxed));
        }
    }

    /// A heap configured from `GOGC` and `GOL_GC_STRESS`.
    pub fn from_env() -> Heap {
        Heap::new(Config::from_env())
    }

    /// A worker's lock-free allocator on this heap.
    pub fn mutator(self: &Arc<Self>) -> Mutator {
        Mutator::new(Arc::clone(self))
    }

    /// A zeroed object of `layout` with `len` body words (bytes for `BYTES`), through the
    /// shared cache (one uncontended lock per allocation: workers should use a `Mutator`).
    pub fn alloc(&self, layout: &'static Layout, len: usize) -> Ref {
        self.shared
            .lock()
            .expect("gc: heap lock poisoned")
            .alloc(self, layout, len)
    }

    /// A zeroed `Bytes` object of `len` bytes.
    pub fn alloc_bytes(&self, len: usize) -> Ref {
        self.alloc(&BYTES, len)
    }

    /// A new `Bytes` object holding a copy of `data`.
    pub fn alloc_bytes_from(&self, data: &[u8]) -> Ref {
        self.shared
            .lock()
            .expect("gc: heap lock poisoned")
            .alloc_bytes_from(self, data)
    }

    /// A new Go string (`STRING` over fresh bytes); the empty string is nil (0).
    pub fn alloc_string(&self, s: &[u8]) -> u64 {
        self.shared
            .lock()
            .expect("gc: heap lock poisoned")
            .alloc_string(self, s)
    }

    /// An index of where objects are, to validate conservative roots (`ObjectIndex::is_object`).
    /// Call with the world stopped, inside `collect`'s roots callback (no heap lock is held).
    pub fn object_index(&self) -> ObjectIndex {
        let central = self.lock_central();
        let (spans, large) = central.object_index();
        ObjectIndex { spans, large }
    }

    /// Whether the runtime should stop the world and collect at this safepoint: the live heap
    /// reached the goal, or stress mode is on. Two relaxed loads; allocation never collects.
    #[inline]
    pub fn should_collect(&self) -> bool {
        self.stress
            || self.forced.load(Ordering::Relaxed)
            || self.heap_live.load(Ordering::Relaxed) >= self.heap_goal.load(Ordering::Relaxed)
    }

    /// Makes `should_collect` true until the next collection (`runtime.GC`).
    pub fn request_collection(&self) {
        self.forced.store(true, Ordering::Relaxed);
    }

    /// The soft memory limit (`u64::MAX`: none).
    pub fn limits_soft(&self) -> u64 {
        self.soft_limit.load(Ordering::Relaxed)
    }

    /// Sets the soft memory limit (`debug.SetMemoryLimit`; `u64::MAX`: none) and returns the
    /// previous one; the heap goal is recomputed from the last collection's marked bytes.
    pub fn set_soft_limit(&self, limit: u64) -> u64 {
        let central = self.lock_central();
        let old = self.soft_limit.swap(limit, Ordering::Relaxed);
        let gogc = self.gogc.load(Ordering::Relaxed);
        self.heap_goal.store(
            self.goal_after(self.last_marked.load(Ordering::Relaxed), gogc),
            Ordering::Relaxed,
        );
        drop(central);
        old
    }

    /// Sets GOGC (`None` = off), as `debug.SetGCPercent`; returns the previous setting.
    pub fn set_gogc(&self, gogc: Option<u32>) -> Option<u32> {
        let central = self.lock_central();
        let new = gogc.map_or(-1, i64::from);
        let old = self.gogc.swap(new, Ordering::Relaxed);
        self.heap_goal.store(
            self.goal_after(self.last_marked.load(Ordering::Relaxed), new),
            Ordering::Relaxed,
        );
        drop(central);
        u32::try_from(old).ok()
    }

    pub fn stats(&self) -> Stats {
        Stats {
            live_bytes: self.heap_live.load(Ordering::Relaxed),
            total_allocated: self.total_allocated.load(Ordering::Relaxed),
            collections: self.collections.load(Ordering::Relaxed),
            heap_goal: self.heap_goal.load(Ordering::Relaxed),
            heap_sys: self.heap_sys.load(Ordering::Relaxed),
            last_marked_bytes: self.last_marked.load(Ordering::Relaxed),
        }
    }

    /// Marks everything reachable from the words `roots` reports, then frees the rest.
    ///
    /// `roots` runs first, with no heap lock held, and reports every root word with
    /// `Marker::mark` / `mark_masked` / ...: for each goroutine, the register window of every
    /// frame with its function's pointer map; the globals; pending timers; channel buffers
    /// and wait queues; program constants that are references.
    ///
    /// # Safety
    /// - The world is stopped: until this returns, no other thread allocates from this heap or
    ///   reads or writes any object of it.
    /// - Every word reported (and every word a layout names as a reference in a reachable
    ///   object) is 0 or a live `Ref` of this heap.
    /// - The roots are complete: any `Ref` used after this returns was reported or is reachable
    ///   from one that was (natives hold no `Ref` across a safepoint).
    /// - `roots` does not allocate from this heap (an object made during marking is not marked
    ///   and would be freed by this very collection).
    pub unsafe fn collect(&self, roots: impl FnOnce(&mut Marker)) -> CollectStats {
        let start = Instant::now();
        let mut marker = Marker::new();
        roots(&mut marker);
        marker.drain();
        if crate::race::on() {
            // `-race`: forget the shadow of what is about to be freed (addresses get reused).
            // SAFETY: marking is done and nothing is swept yet: every key is an allocated object.
            crate::race::prune(&|w| {
                Ref::from_word(w).is_some_and(|r| unsafe { (*r.header()).is_marked() })
            });
        }
        let mark_time = start.elapsed();

        let mut central = self.lock_central();
        // SAFETY: world stopped (caller) and marking done: every live object is marked.
        let t = unsafe { central.sweep() };
        let marked = t.count.live_bytes;
        let gogc = self.gogc.load(Ordering::Relaxed);
        let new_goal = self.goal_after(marked, gogc);
        // Keep the empty spans the mutator will fill before the next collection; give the rest
        // back to the system, so a heap that shrank returns its memory (GOGC off: as if 100).
        let keep_goal = if gogc < 0 {
            goal(marked, DEFAULT_GOGC as i64, self.min_heap)
        } else {
            new_goal
        };
        let released_spans = central.release_empty(keep_goal.saturating_sub(marked));
        self.total_allocated
            .fetch_sub(t.unused_grants, Ordering::Relaxed);
        self.total_allocated
            .fetch_add(t.regranted, Ordering::Relaxed);
        self.heap_live
            .store(marked + t.regranted, Ordering::Relaxed);
        self.last_marked.store(marked, Ordering::Relaxed);
        // The slots still free in spans that caches own count as live (`heap_live`) until they
        // are used: the goal is raised by as much, or with many workers' caches the heap could
        // stay above its goal and every safepoint would collect again.
        self.heap_goal
            .store(new_goal.saturating_add(t.regranted), Ordering::Relaxed);
        self.heap_sys
            .store(central.sys_bytes() as u64, Ordering::Relaxed);
        crate::runtime::fatal::note_heap_sys(central.sys_bytes() as u64);
        self.collections.fetch_add(1, Ordering::Relaxed);
        self.forced.store(false, Ordering::Relaxed);
        drop(central);

        CollectStats {
            marked_objects: marker.marked_objects(),
            live_bytes: marked,
            freed_objects: t.count.freed_objects,
            freed_bytes: t.count.freed_bytes,
            released_spans,
            max_mark_stack: marker.max_stack(),
            mark_time,
            sweep_time: start.elapsed() - mark_time,
        }
    }

    // ---- for caches ----

    fn lock_central(&self) -> MutexGuard<'_, Central> {
        self.central.lock().expect("gc: heap lock poisoned")
    }

    /// `bytes` were handed to a cache (or a large object was made). Central lock held.
    fn note_grant(&self, central: &MutexGuard<'_, Central>, bytes: usize) {
        self.heap_live.fetch_add(bytes as u64, Ordering::Relaxed);
        self.total_allocated
            .fetch_add(bytes as u64, Ordering::Relaxed);
        self.heap_sys
            .store(central.sys_bytes() as u64, Ordering::Relaxed);
        crate::runtime::fatal::note_heap_sys(central.sys_bytes() as u64);
    }

    /// A cache gave back `bytes` it was granted but did not use. Central lock held.
    fn note_ungrant(&self, _central: &MutexGuard<'_, Central>, bytes: usize) {
        self.heap_live.fetch_sub(bytes as u64, Ordering::Relaxed);
        self.total_allocated
            .fetch_sub(bytes as u64, Ordering::Relaxed);
    }

    /// A large object (bigger than `MAX_SMALL_WORDS`): its own zeroed system allocation.
    #[cold]
    fn alloc_large(&self, layout: &'static Layout, len: usize) -> Ref {
        self.check_limit(span::large_bytes(layout, len));
        let (h, bytes) = span::alloc_large(layout, len, self.heap_sys.load(Ordering::Relaxed));
        let mut central = self.lock_central();
        central.add_large(h, bytes);
        self.note_grant(&central, bytes);
        drop(central);
        slot_fence(SlotOrdering::Release); // publication barrier, as in `Cache::alloc`
        Ref::from_header(h)
    }
}

/// The memory limits as they bound the heap goal.
#[derive(Clone, Copy)]
struct Limits {
    soft: u64,
    hard: u64,
}

impl Limits {
    /// `goal` capped: never above the hard limit; never above the soft limit unless the live
    /// heap (`marked`) is already near it, where the goal leaves it an eighth to grow so the
    /// collector does not run at every safepoint (Go bounds that case by limiting the GC's
    /// CPU share instead).
    fn cap(self, marked: u64, goal: u64) -> u64 {
        let soft = self.soft.max(marked.saturating_add(marked / 8));
        goal.min(soft).min(self.hard)
    }
}

/// The heap goal after a collection that marked `marked` bytes (Go's gcController): the live
/// heap may grow by GOGC% first, and never collects below the minimum heap (scaled by GOGC as
/// Go scales `heapMinimum`). GOGC off: never.
fn goal(marked: u64, gogc: i64, min_heap: u64) -> u64 {
    if gogc < 0 {
        return u64::MAX;
    }
    let g = gogc as u64;
    let grown = marked.saturating_add(marked.saturating_mul(g) / 100);
    grown.max(min_heap.saturating_mul(g) / 100)
}
