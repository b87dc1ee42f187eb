//! SYNC WAIT QUEUES: where goroutines wait on `sync` objects (Mutex, RWMutex, WaitGroup, Once,
//! Cond), off the runtime lock. Input: a sync operation's slow path (the object's address as a
//! key, its state words, the goroutine asking). Output: the operation done, or the goroutine
//! queued on the object (FIFO) until another goroutine's operation readies it.
//!
//! As Go's `semtable`, the queues live in a table of `SHARDS` shards hashed by address, each
//! under its own lock, so two objects rarely share a lock and none shares the runtime lock.
//! An RWMutex's reader queue is keyed by its address with bit 0 set (objects are aligned):
//! both of its queues are in one shard.
//!
//! Protocol of a lock's state word (`LOCKED | WAITERS`): while `LOCKED` only its holder and a
//! queueing `Lock` (under the shard lock, setting `WAITERS`) change it; while unlocked, only a
//! compare-and-swap that takes it. `Unlock`'s fast path is a CAS `LOCKED → 0`, which fails
//! when `WAITERS` is set: it then comes here, where the queue and the word change together
//! under the shard lock. A woken `Lock` retries (Go's normal mode: a running goroutine may take
//! the lock first); waiters are woken in FIFO order.
//!
//! Orderings: taking a lock (a CAS) is Acquire, giving it up (CAS or store) is Release, so
//! what a holder wrote is seen by the next one; a WaitGroup's counter is changed AcqRel and
//! read Acquire by `Wait`, so what `Done`'s callers wrote is seen after `Wait`.
//!
//! A queued goroutine may still be running when it is readied (it queues itself, then its
//! slice ends with a park): `G::ready`'s status word covers that. Goroutines are readied after
//! the shard lock is released. Deadlock detection needs nothing here (a parked goroutine's
//! worker goes idle), and the collector finds waiters through the goroutine table.
//!
//! Lock order: a shard's lock is taken with no runtime lock of levels 1-4 held (runtime/mod.rs)
//! and is held only around queue and state changes (never two shards at once); `G::slot` is
//! not taken under it.

use super::g::GRef;
use super::sched::HashMap;
use super::sync_shim::{AtomicU64, Mutex, MutexGuard, Ordering};
use std::collections::VecDeque;

/// Shards of the table (a prime, as Go's 251).
const SHARDS: usize = if super::sync_shim::LOOM { 1 } else { 251 };

/// A lock's state bits (word 0 of Mutex and RWMutex): locked by a writer; goroutines queued.
pub const LOCKED: u64 = 1;
pub const WAITERS: u64 = 2;

/// An RWMutex's reader queue: its address with this bit set.
pub const READER: u64 = 1;

/// A state word of a sync object: a heap slot (gol programs) or a loom atomic (models).
pub trait Word {
    fn load_acquire(&self) -> u64;
    fn load_relaxed(&self) -> u64;
    fn cas(&self, old: u64, new: u64) -> bool;
    fn store_release(&self, v: u64);
}

impl Word for AtomicU64 {
    fn load_acquire(&self) -> u64 {
        self.load(Ordering::Acquire)
    }
    fn load_relaxed(&self) -> u64 {
        self.load(Ordering::Relaxed)
    }
    fn cas(&self, old: u64, new: u64) -> bool {
        // Acquire: taking a lock sees its last holder's writes; Release: giving it up (or
        // changing a counter) publishes this goroutine's writes.
        self.compare_exchange(old, new, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
    fn store_release(&self, v: u64) {
        self.store(v, Ordering::Release)
    }
}

/// Heap slots are std's atomics; under loom they are a different type than the models' words.
#[cfg(loom)]
impl Word for super::sync_shim::SlotWord {
    fn load_acquire(&self) -> u64 {
        self.load(super::sync_shim::SlotOrdering::Acquire)
    }
    fn load_relaxed(&self) -> u64 {
        self.load(super::sync_shim::SlotOrdering::Relaxed)
    }
    fn cas(&self, old: u64, new: u64) -> bool {
        self.compare_exchange(
            old,
            new,
            super::sync_shim::SlotOrdering::AcqRel,
            super::sync_shim::SlotOrdering::Acquire,
        )
        .is_ok()
    }
    fn store_release(&self, v: u64) {
        self.store(v, super::sync_shim::SlotOrdering::Release)
    }
}

type Queues = HashMap<u64, VecDeque<GRef>>;

/// The table of wait queues (one per program run, in `Shared`).
pub struct WaitQueues {
    shards: Box<[Mutex<Queues>]>,
}

impl Default for WaitQueues {
    fn default() -> Self {
        WaitQueues {
            shards: (0..SHARDS).map(|_| Mutex::new(Queues::default())).collect(),
        }
    }
}

/// A shard's queues, locked.
pub struct Shard<'a>(MutexGuard<'a, Queues>);

impl Shard<'_> {
    /// Queues `g` on `key` (FIFO).
    pub fn push(&mut self, key: u64, g: &GRef) {
        self.0.entry(key).or_default().push_back(GRef::clone(g));
    }

    /// The first goroutine queued on `key`.
    pub fn pop(&mut self, key: u64) -> Option<GRef> {
        let q = self.0.get_mut(&key)?;
        let g = q.pop_front();
        if q.is_empty() {
            self.0.remove(&key);
        }
        g
    }

    /// Whether anyone waits on `key`.
    pub fn has(&self, key: u64) -> bool {
        self.0.contains_key(&key)
    }
}

impl WaitQueues {
    /// Locks the shard of object `key` (an RWMutex's two queues share it).
    pub fn shard(&self, key: u64) -> Shard<'_> {
        let h = (key >> 3).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32;
        let m = &self.shards[h as usize % self.shards.len()];
        Shard(super::stats::lock(m, super::stats::Lock::Sync))
    }

    /// Drops queued goroutines that `keep` rejects (a REPL input's dead goroutines).
    pub fn retain(&self, mut keep: impl FnMut(&GRef) -> bool) {
        for m in self.shards.iter() {
            let mut q = super::stats::lock(m, super::stats::Lock::Sync);
            for v in q.values_mut() {
                v.retain(&mut keep);
            }
            q.retain(|_, v| !v.is_empty());
        }
    }

    /// `Lock`'s slow path on a lock at `key` with state word `state` (and, for an RWMutex,
    /// its reader count, which also keeps a writer out): true if taken; false if `me` was
    /// queued (it parks, and retries `Lock` when woken).
    pub fn lock_slow<W: Word + ?Sized>(
        &self,
        key: u64,
        state: &W,
        readers: Option<&W>,
        me: &GRef,
    ) -> bool {
        let mut sh = self.shard(key);
        loop {
            let cur = state.load_relaxed();
            let free = readers.is_none_or(|r| r.load_acquire() == 0);
            if cur & LOCKED == 0 && free {
                if state.cas(cur, cur | LOCKED) {
                    return true;
                }
                continue;
            }
            // WAITERS makes the holder's fast Unlock fail, so it comes to this shard to wake us.
            if cur & WAITERS == 0 && !state.cas(cur, cur | WAITERS) {
                continue;
            }
            sh.push(key, me);
            return false;
        }
    }

    /// Gives up a write lock (or an RWMutex's last read lock) at `key`: wakes the first
    /// queued writer (it retries its `Lock`), or else admits every queued reader. Only the
    /// holder gets here, and nobody else changes a locked word outside this shard's lock.
    pub fn unlock_slow<W: Word + ?Sized>(&self, key: u64, state: &W, readers: Option<&W>) {
        let mut woken = Vec::new();
        {
            let mut sh = self.shard(key);
            if let Some(w) = sh.pop(key) {
                let more = sh.has(key) || sh.has(key | READER);
                state.store_release(if more { WAITERS } else { 0 });
                woken.push(w);
            } else {
                state.store_release(0);
                if let Some(r) = readers {
                    while let Some(g) = sh.pop(key | READER) {
                        r.store_release(r.load_relaxed() + 1);
                        woken.push(g);
                    }
                }
            }
        }
        for g in &woken {
            super::sched::ready(g);
        }
    }

    /// WaitGroup.Wait's slow path: false if the counter is zero (no wait), true if `me` was
    /// queued (it parks until a `Done` brings the counter to zero).
    pub fn wg_wait<W: Word + ?Sized>(&self, key: u64, counter: &W, me: &GRef) -> bool {
        let mut sh = self.shard(key);
        // Under the shard lock: a `Done` that brings the counter to zero after this check
        // takes the lock after us, and finds us queued.
        if counter.load_acquire() == 0 {
            return false;
        }
        sh.push(key, me);
        true
    }

    /// After a WaitGroup's counter reached zero: wakes its waiters (unless it rose again).
    pub fn wg_wake<W: Word + ?Sized>(&self, key: u64, counter: &W) {
        self.wake_all_if(key, || counter.load_acquire() == 0);
    }

    /// Wakes everyone queued on `key` if `cond` holds under the shard lock.
    pub fn wake_all_if(&self, key: u64, cond: impl FnOnce() -> bool) {
        let mut woken = Vec::new();
        {
            let mut sh = self.shard(key);
            if cond() {
                while let Some(g) = sh.pop(key) {
                    woken.push(g);
                }
            }
        }
        for g in &woken {
            super::sched::ready(g);
        }
    }

    /// Wakes the first goroutine queued on `key` (all of them if `all`).
    pub fn wake(&self, key: u64, all: bool) {
        let mut woken = Vec::new();
        {
            let mut sh = self.shard(key);
            while let Some(g) = sh.pop(key) {
                woken.push(g);
                if !all {
                    break;
                }
            }
        }
        for g in &woken {
            super::sched::ready(g);
        }
    }
}
