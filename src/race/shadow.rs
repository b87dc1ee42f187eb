//! RACE SHADOW: what the detector remembers about each shared word. Input: an access (object
//! word and index, read or write, the goroutine's state and position); output: the race it
//! completes with an earlier access, if any (handed to `report.rs`), and the word's updated
//! shadow.
//!
//! Shadow is kept per heap object (keyed by its address, one `Cell` per word, grown on demand),
//! in shards each under its own lock; package variables use a pseudo-object key (`GLOBALS`).
//! Lifetime: the collector calls `prune` before it sweeps, dropping the shadow of every object
//! it frees, so a reused address never inherits old accesses (no false report after reuse).

use super::{lock, shard_of, Clock, GState};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Pseudo-object key of the package variables (never a heap address: the top bit is set).
pub const GLOBALS: u64 = 1 << 63;

/// Whether `k` is a pseudo key, not a heap object (never pruned).
pub fn is_pseudo(k: u64) -> bool {
    k & GLOBALS != 0
}

/// One access: who (tid, and the goroutine number for reports), when (the tid's clock) and
/// where (function, pc). `clock == 0`: none.
#[derive(Clone, Copy, Default, Debug)]
pub struct Acc {
    pub tid: u32,
    pub clock: u32,
    /// The goroutine number, truncated (reports of programs with 2^32 goroutines may misname).
    pub gid: u32,
    pub func: u32,
    pub pc: u32,
}

impl Acc {
    /// Whether this access happens before the goroutine with clock `c` (or is its own).
    #[inline]
    fn before(&self, tid: u32, c: &Clock) -> bool {
        self.clock == 0 || self.tid == tid || self.clock <= c.get(self.tid)
    }
}

/// A word's shadow: the last write and the reads since it not yet known to be ordered
/// (48 bytes: the set of concurrent reads is boxed, rare).
#[derive(Clone, Default)]
struct Cell {
    w: Acc,
    r: Acc,
    // A thin pointer: 8 bytes in every cell where a `Vec` would take 24 (concurrent reads are rare).
    #[allow(clippy::box_collection)]
    more: Option<Box<Vec<Acc>>>,
}

/// A race found: the current access and the earlier one it conflicts with.
pub struct Race {
    pub addr: u64,
    pub write: bool,
    pub prev: Acc,
    pub prev_write: bool,
}

type Shard = Mutex<HashMap<u64, Vec<Cell>>>;

fn shards() -> &'static [Shard] {
    static S: OnceLock<Vec<Shard>> = OnceLock::new();
    S.get_or_init(|| (0..256).map(|_| Mutex::new(HashMap::new())).collect())
}

fn shard(k: u64) -> &'static Shard {
    &shards()[(shard_of(k) * 4 + ((k >> 9) as usize & 3)) % 256]
}

/// Records an access by `g` (at `func`, `pc`) to word `idx` of object `obj`, and returns the
/// race it makes with an earlier access, if any.
pub fn access(g: &GState, obj: u64, idx: usize, write: bool, func: u32, pc: u32) -> Option<Race> {
    let c = g.lock();
    let me = Acc {
        tid: g.tid,
        clock: c.get(g.tid),
        gid: g.gid as u32,
        func,
        pc,
    };
    let mut s = lock(shard(obj));
    let cells = s.entry(obj).or_default();
    if cells.len() <= idx {
        cells.resize(idx + 1, Cell::default());
    }
    let cell = &mut cells[idx];
    let addr = if is_pseudo(obj) {
        0x0000_0060_0000 + 8 * idx as u64
    } else {
        obj + 16 + 8 * idx as u64
    };
    let mut race = None;
    if !cell.w.before(g.tid, &c) {
        race = Some(Race {
            addr,
            write,
            prev: cell.w,
            prev_write: true,
        });
    }
    if write {
        if race.is_none() {
            let prev = std::iter::once(&cell.r)
                .chain(cell.more.iter().flat_map(|m| m.iter()))
                .find(|r| !r.before(g.tid, &c));
            if let Some(&p) = prev {
                race = Some(Race {
                    addr,
                    write,
                    prev: p,
                    prev_write: false,
                });
            }
        }
        cell.w = me;
        cell.r = Acc::default();
        cell.more = None;
    } else if cell.more.is_none() && cell.r.before(g.tid, &c) {
        // The common case: reads are ordered, one epoch suffices.
        cell.r = me;
    } else {
        // Concurrent reads: keep the ones not ordered before this read, and this read.
        let all: Vec<Acc> = std::iter::once(cell.r)
            .chain(cell.more.take().into_iter().flat_map(|m| m.into_iter()))
            .filter(|r| !r.before(g.tid, &c))
            .collect();
        cell.r = me;
        cell.more = (!all.is_empty()).then(|| Box::new(all));
    }
    race
}

/// Forgets the shadow of objects the collector frees (world stopped).
pub fn prune(live: &dyn Fn(u64) -> bool) {
    for s in shards() {
        lock(s).retain(|&k, _| is_pseudo(k) || live(k));
    }
}
