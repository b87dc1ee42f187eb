//! RACE DETECTOR (`gol run -race`): happens-before tracking over the memory a gol program shares.
//! Input: the VM's race loop reports each shared-memory access (`shadow::access`) and each
//! synchronisation (`acquire`/`release` on a sync variable, channel edges, `go`); output: Go's
//! `WARNING: DATA RACE` reports on stderr (`report.rs`) and, at exit, `Found N data race(s)`
//! with exit status 66 (`finish`).
//!
//! The algorithm is FastTrack's: every goroutine has a vector clock (`Clock`, indexed by a
//! *thread id* `tid` that is reused after a goroutine ends, as Go's detector reuses its ids),
//! every sync variable has a clock, and every shadowed word remembers its last write as an epoch
//! (tid, clock) and its reads as one epoch, or a set only while reads are concurrent.
//!
//! Invariants:
//! - Off unless `enable` was called before the program started (`ON`): the VM then runs its
//!   ordinary loop, which has no hook; the runtime's one-line hooks (channels, spawn) test `on()`
//!   first (one relaxed load).
//! - A goroutine's clock is changed by itself while it runs, and by the partner of a channel
//!   handoff only while it is parked (or on its way to parking: it does no more accesses), so
//!   its mutex is never contended in practice; it exists so Rust can see the handover.
//! - Lock order: a goroutine's clock, then a sync variable's shard, then a shadow shard; report
//!   printing takes `report::OUT` with none held. No lock here is held across a VM operation.
//! - A `tid` ending its goroutine keeps its last clock value: the next goroutine given that tid
//!   starts one above it, so old epochs of the tid look ordered before the new goroutine (never
//!   a false report; possibly a missed one, as in Go).

pub mod report;
pub mod shadow;

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

static ON: AtomicBool = AtomicBool::new(false);

/// Whether `-race` is on (one relaxed load: the runtime's hooks test it first).
#[inline(always)]
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Turns the detector on (before the program starts) and reads `GORACE`.
pub fn enable() {
    report::configure(std::env::var("GORACE").ok().as_deref());
    ON.store(true, Ordering::Relaxed);
}

/// A vector clock: `c[tid]` is the last event of thread `tid` this clock has seen.
#[derive(Clone, Default, Debug)]
pub struct Clock(pub Vec<u32>);

impl Clock {
    #[inline]
    pub fn get(&self, tid: u32) -> u32 {
        self.0.get(tid as usize).copied().unwrap_or(0)
    }
    fn set(&mut self, tid: u32, v: u32) {
        if self.0.len() <= tid as usize {
            self.0.resize(tid as usize + 1, 0);
        }
        self.0[tid as usize] = v;
    }
    /// `self := self ⊔ o`
    fn join(&mut self, o: &Clock) {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), 0);
        }
        for (a, &b) in self.0.iter_mut().zip(&o.0) {
            *a = (*a).max(b);
        }
    }
}

/// Where a `go` statement was: (function, pc after it, parent goroutine).
pub type CreatedBy = Option<(u32, u32, u64)>;

/// A goroutine's detector state.
pub struct GState {
    pub gid: u64,
    pub tid: u32,
    /// Where the `go` statement was: (function, pc after it, parent goroutine).
    pub created_by: CreatedBy,
    pub finished: AtomicBool,
    pub clock: Mutex<Clock>,
}

impl GState {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Clock> {
        self.clock.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// A new event of this goroutine (after a release: later accesses are not covered by it).
    fn tick(c: &mut Clock, tid: u32) {
        let v = c.get(tid) + 1;
        c.set(tid, v);
    }
}

/// Thread ids: the free ones with their last clock value, and the next fresh one.
struct Tids {
    free: Vec<(u32, u32)>,
    next: u32,
}

struct Global {
    tids: Mutex<Tids>,
    /// Every goroutine that ran under the detector, by goroutine id (kept after it ends: a
    /// report may name it as the previous accessor, `(finished)`).
    gs: Vec<Mutex<HashMap<u64, Arc<GState>>>>,
    /// Sync variables' clocks by (object or channel word, sub-key), sharded.
    syncs: Vec<Mutex<HashMap<(u64, u64), Clock>>>,
}

const SHARDS: usize = 64;

fn global() -> &'static Global {
    static G: OnceLock<Global> = OnceLock::new();
    G.get_or_init(|| Global {
        tids: Mutex::new(Tids {
            free: Vec::new(),
            next: 0,
        }),
        gs: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        syncs: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
    })
}

/// Locks `m`, ignoring poisoning (a panic elsewhere must not silence the detector).
pub(crate) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[inline]
pub(crate) fn shard_of(k: u64) -> usize {
    ((k >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % SHARDS
}

/// A new goroutine state with a fresh (or reused) tid; its clock starts from `from`.
fn new_state(gid: u64, created_by: CreatedBy, from: Option<&Clock>) -> GState {
    let (tid, start) = {
        let mut t = lock(&global().tids);
        match t.free.pop() {
            Some((tid, last)) => (tid, last + 1),
            None => {
                t.next += 1;
                (t.next - 1, 1)
            }
        }
    };
    let mut c = from.cloned().unwrap_or_default();
    c.set(tid, start.max(c.get(tid) + 1));
    GState {
        gid,
        tid,
        created_by,
        finished: AtomicBool::new(false),
        clock: Mutex::new(c),
    }
}

/// The state a goroutine made by `go` starts with: the parent's clock (the `go` statement
/// happens before the goroutine starts); the parent moves to a new event. The id is filled in
/// when it first runs (`enter`).
pub fn fork(parent: &GState, created_by: CreatedBy) -> Arc<GState> {
    let mut pc = parent.lock();
    let st = new_state(0, created_by, Some(&pc));
    GState::tick(&mut pc, parent.tid);
    Arc::new(st)
}

thread_local! {
    /// The goroutine this worker thread is running under the detector (for the runtime's
    /// hooks, which do not see the goroutine).
    static CUR: RefCell<Option<Arc<GState>>> = const { RefCell::new(None) };
}

/// The detector state of goroutine `gid` about to run (`slot`: the goroutine's own field, set
/// by `fork`, or empty for main and goroutines started by the runtime), registered by id and
/// made the thread's current one.
pub fn enter(gid: u64, slot: &mut Option<Arc<GState>>, created_by: CreatedBy) -> Arc<GState> {
    let st = match slot {
        Some(s) if s.gid == gid => Arc::clone(s),
        _ => {
            let mut st = match slot.take() {
                Some(s) => Arc::try_unwrap(s).unwrap_or_else(|s| {
                    let c = s.lock().clone();
                    GState {
                        gid: 0,
                        tid: s.tid,
                        created_by: s.created_by,
                        finished: AtomicBool::new(false),
                        clock: Mutex::new(c),
                    }
                }),
                None => new_state(gid, created_by, None),
            };
            st.gid = gid;
            let st = Arc::new(st);
            lock(&global().gs[shard_of(gid << 4)]).insert(gid, Arc::clone(&st));
            *slot = Some(Arc::clone(&st));
            st
        }
    };
    CUR.with(|c| *c.borrow_mut() = Some(Arc::clone(&st)));
    st
}

/// The running goroutine leaves its worker thread (end of a time slice).
pub fn leave() {
    CUR.with(|c| *c.borrow_mut() = None);
}

/// A goroutine ended: its tid is free for reuse.
pub fn finished(st: &GState) {
    st.finished.store(true, Ordering::Relaxed);
    let last = st.lock().get(st.tid);
    lock(&global().tids).free.push((st.tid, last));
}

fn by_gid(gid: u64) -> Option<Arc<GState>> {
    lock(&global().gs[shard_of(gid << 4)]).get(&gid).cloned()
}

/// The created-at record and status of goroutine `gid`, for reports.
pub(crate) fn info(gid: u64) -> Option<(CreatedBy, bool)> {
    by_gid(gid).map(|s| (s.created_by, s.finished.load(Ordering::Relaxed)))
}

fn cur() -> Option<Arc<GState>> {
    CUR.with(|c| c.borrow().clone())
}

/// How `g` and the sync variable `k` exchange clocks.
#[derive(Clone, Copy)]
enum Edge {
    /// `g ⊔= S`
    Acquire,
    /// `S ⊔= g`, then g moves to a new event
    Release,
    /// Go's release-store-acquire (a channel buffer slot): `S := g` and `g ⊔= old S`
    Exchange,
}

fn edge(g: &GState, k: (u64, u64), e: Edge) {
    let mut c = g.lock();
    let mut s = lock(&global().syncs[shard_of(k.0)]);
    match e {
        Edge::Acquire => {
            if let Some(sc) = s.get(&k) {
                c.join(sc);
            }
        }
        Edge::Release => {
            s.entry(k).or_default().join(&c);
            drop(s);
            GState::tick(&mut c, g.tid);
        }
        Edge::Exchange => {
            // In place (no allocation per channel operation): S[i], g[i] := g[i], max(g[i], S[i]).
            let sc = s.entry(k).or_default();
            let n = sc.0.len().max(c.0.len());
            sc.0.resize(n, 0);
            c.0.resize(n, 0);
            for (a, b) in sc.0.iter_mut().zip(c.0.iter_mut()) {
                let old = *a;
                *a = *b;
                *b = (*b).max(old);
            }
            drop(s);
            GState::tick(&mut c, g.tid);
        }
    }
}

/// The running goroutine acquires sync variable `k` (`Mutex.Lock` and the like).
pub fn acquire_in(g: &GState, k: (u64, u64)) {
    edge(g, k, Edge::Acquire)
}

/// The running goroutine releases into sync variable `k` (`Mutex.Unlock` and the like).
pub fn release_in(g: &GState, k: (u64, u64)) {
    edge(g, k, Edge::Release)
}

/// Sub-keys of a channel's sync variables.
const CHAN_CLOSE: u64 = u64::MAX;

/// Runtime hook: an unbuffered handoff between the running goroutine and the parked
/// `partner` (Go's `racesync`): each side's past happens before the other's future.
pub fn chan_sync(ch: u64, partner: u64) {
    let (Some(me), Some(p)) = (cur(), by_gid(partner)) else {
        if let Some(me) = cur() {
            edge(&me, (ch, 0), Edge::Release);
            edge(&me, (ch, 0), Edge::Acquire);
        }
        return;
    };
    let k = (ch, 0);
    edge(&me, k, Edge::Release);
    edge(&p, k, Edge::Acquire);
    edge(&p, k, Edge::Release);
    edge(&me, k, Edge::Acquire);
}

/// Runtime hook: a buffered channel's slot `slot` passes a value (Go's `racenotify`): the
/// running goroutine (`partner` 0) or a parked partner exchanges clocks with the slot, so the
/// k-th receive happens before the (k+C)-th send completes and a send before its receive.
pub fn chan_slot(ch: u64, slot: u64, partner: u64) {
    let g = if partner == 0 { cur() } else { by_gid(partner) };
    if let Some(g) = g {
        edge(&g, (ch, slot + 1), Edge::Exchange);
    }
}

/// Runtime hook: `close(ch)` by the running goroutine.
pub fn chan_close(ch: u64) {
    if let Some(me) = cur() {
        edge(&me, (ch, CHAN_CLOSE), Edge::Release);
    }
}

/// Runtime hook: a receive (by the running goroutine, or by a parked `partner` that the close
/// wakes) observed that `ch` is closed.
pub fn chan_closed_recv(ch: u64, partner: u64) {
    let g = if partner == 0 { cur() } else { by_gid(partner) };
    if let Some(g) = g {
        edge(&g, (ch, CHAN_CLOSE), Edge::Acquire);
    }
}

/// A channel is freed: forget its sync variables (its key may be reused by a new channel).
pub fn forget_chan(key: u64) {
    lock(&global().syncs[shard_of(key)]).retain(|k, _| k.0 != key);
}

/// The collector is about to free every object `live` says is unmarked: forget their shadow
/// and sync clocks, so a reused address starts clean. World stopped.
pub fn prune(live: &dyn Fn(u64) -> bool) {
    shadow::prune(live);
    for s in &global().syncs {
        lock(s).retain(|k, _| shadow::is_pseudo(k.0) || live(k.0));
    }
}

/// The exit status of a program that ended with `code`: Go's `Found N data race(s)` line and
/// 66 (or `GORACE=exitcode=N`) when it ended normally after races.
pub fn finish(code: i32) -> i32 {
    if !on() {
        return code;
    }
    report::finish(code)
}
