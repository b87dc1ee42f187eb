//! SCHEDULER STATISTICS (`GOL_SCHEDSTATS=1`): counters of the runtime's locks and scheduling
//! events. Input: the runtime's lock sites and scheduler events (steal, park, handoff, spawn).
//! Output: at the program's end, one table on stderr, so a claim such as "a channel operation
//! takes no global lock" can be checked on any machine.
//!
//! Off unless the variable is set when the program starts (`init`): then every counting site
//! costs one relaxed load of `ON`, and locks are taken exactly as without statistics. On, a
//! lock is first tried (`try_lock`); a failed try counts as a contended acquisition. Counters
//! are relaxed atomics: they are only summed at the end (after every worker has stopped), so no
//! ordering between them matters.
//!
//! These are std's atomics even under loom: they are not part of any protocol a model checks,
//! and statics cannot hold loom's atomics.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

/// The locks counted (see `runtime/mod.rs` for their order).
#[derive(Clone, Copy)]
pub enum Lock {
    /// `Shared::sched`, the global runtime lock.
    Sched,
    /// A channel's state lock.
    Chan,
    /// A sync object's wait queue lock (Mutex, RWMutex, WaitGroup, Once, Cond).
    Sync,
    /// `Control::ctl` (idle workers, stop-the-world).
    Ctl,
    /// A goroutine's park record (`G::slot`).
    Slot,
    /// The shared stdout buffer.
    Out,
}

const LOCKS: [(&str, Lock); 6] = [
    ("sched (global)", Lock::Sched),
    ("chan", Lock::Chan),
    ("sync", Lock::Sync),
    ("ctl", Lock::Ctl),
    ("g slot", Lock::Slot),
    ("stdout", Lock::Out),
];

/// Scheduler events counted.
#[derive(Clone, Copy)]
pub enum Event {
    /// A worker took goroutines from another worker's queue.
    Steal,
    /// A worker took goroutines from the global queue.
    Global,
    /// A goroutine parked (it waited; a wake-up that raced ahead of its park is not one).
    Park,
    /// A goroutine readied into its waker's `runnext` (a channel or sync handoff, a timer).
    Handoff,
    /// A goroutine started.
    Spawn,
}

const EVENTS: [(&str, Event); 5] = [
    ("steals", Event::Steal),
    ("global queue takes", Event::Global),
    ("parks", Event::Park),
    ("handoffs", Event::Handoff),
    ("spawns", Event::Spawn),
];

#[allow(clippy::declare_interior_mutable_const)]
const ZERO: AtomicU64 = AtomicU64::new(0);
/// Per lock `l`: acquisitions at `2 * l`, contended acquisitions at `2 * l + 1`.
static LOCK_COUNTS: [AtomicU64; 12] = [ZERO; 12];
static EVENT_COUNTS: [AtomicU64; 5] = [ZERO; 5];

/// Reads `GOL_SCHEDSTATS` (a program run calls this once, before its workers start).
pub fn init() {
    let on = std::env::var("GOL_SCHEDSTATS").is_ok_and(|v| !v.is_empty() && v != "0");
    ON.store(on, Ordering::Relaxed);
}

#[inline]
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Takes `m`, counting the acquisition (and whether it had to wait) when statistics are on.
#[inline]
pub fn lock<T>(m: &super::sync_shim::Mutex<T>, which: Lock) -> super::sync_shim::MutexGuard<'_, T> {
    if !on() {
        return m.lock().unwrap_or_else(|p| p.into_inner());
    }
    lock_counted(m, which)
}

#[cold]
fn lock_counted<T>(
    m: &super::sync_shim::Mutex<T>,
    which: Lock,
) -> super::sync_shim::MutexGuard<'_, T> {
    let c = &LOCK_COUNTS[2 * which as usize..];
    c[0].fetch_add(1, Ordering::Relaxed);
    match m.try_lock() {
        Ok(g) => g,
        Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner(),
        Err(std::sync::TryLockError::WouldBlock) => {
            c[1].fetch_add(1, Ordering::Relaxed);
            m.lock().unwrap_or_else(|p| p.into_inner())
        }
    }
}

/// Counts one event (when statistics are on).
#[inline]
pub fn count(e: Event) {
    if on() {
        EVENT_COUNTS[e as usize].fetch_add(1, Ordering::Relaxed);
    }
}

/// The table printed at the end of a run (empty when statistics are off).
pub fn report() -> String {
    if !on() {
        return String::new();
    }
    let mut s = String::from("gol schedstats:\n");
    for (name, l) in LOCKS {
        let c = &LOCK_COUNTS[2 * l as usize..];
        s.push_str(&format!(
            "  lock {name}: {} acquisitions, {} contended\n",
            c[0].load(Ordering::Relaxed),
            c[1].load(Ordering::Relaxed)
        ));
    }
    for (name, e) in EVENTS {
        s.push_str(&format!(
            "  {name}: {}\n",
            EVENT_COUNTS[e as usize].load(Ordering::Relaxed)
        ));
    }
    s
}
