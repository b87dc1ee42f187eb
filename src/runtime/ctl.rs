//! WORKER CONTROL: the handshakes between worker threads, apart from what they run so that loom
//! can check them (runtime/model.rs). Input: a worker that found nothing to run, a worker that
//! made work stealable, a worker at a safepoint, a worker that must collect. Output: sleeping
//! and waking without a lost wake-up, the world stopped (every other worker idle or stopped)
//! while one worker collects, deadlock detected when every worker sleeps with no timer pending.
//!
//! Invariants:
//! - `Ctl` is changed only under its lock; `nidle`, `gc_requested` and `done` mirror it for
//!   lock-free reads on hot paths.
//! - No lost wake-up: a sleeper counts itself in `nidle`, then (under the lock) looks for work
//!   and only then waits; a waker publishes its work, then (SeqCst fence) reads `nidle` and, if
//!   anyone sleeps, notifies under the lock. One of the two sees the other.
//! - Stop-the-world: while `gc` is set no worker starts a time slice: idle workers keep
//!   sleeping, busy ones stop at their next safepoint (`stop_for_gc`). The collector runs its
//!   closure only once `stopped + idle + 1 == nthreads`.
//!
//! Lock order: `ctl` may be held while the caller's closures take the runtime lock (`ctl` →
//! `sched`); nothing takes `ctl` while holding `sched`.

use super::sync_shim::{fence, AtomicBool, AtomicUsize, Condvar, Mutex, MutexGuard, Ordering};
use std::time::Duration;

/// Worker counts, under `Control::ctl`.
#[derive(Default)]
pub struct Ctl {
    /// Worker threads started (and not retired).
    pub nthreads: usize,
    /// Workers sleeping in `sleep` (including those beyond GOMAXPROCS).
    pub idle: usize,
    /// Workers stopped at a safepoint for a collection.
    pub stopped: usize,
    /// A collection is requested or running.
    pub gc: bool,
}

#[derive(Default)]
pub struct Control {
    pub ctl: Mutex<Ctl>,
    pub cv: Condvar,
    pub nidle: AtomicUsize,
    /// Workers looking for work before they sleep: while one does, waking another is useless
    /// (Go's `nmspinning`). A spinner that gives up checks for work again in `sleep`.
    pub spinning: AtomicUsize,
    pub gc_requested: AtomicBool,
    /// The program has ended: workers return.
    pub done: AtomicBool,
}

/// Why `sleep` returned.
#[derive(Debug, PartialEq, Eq)]
pub enum Woke {
    /// There may be work (or a due timer, or the world restarted): look again.
    Look,
    /// Every worker sleeps and no timer is pending: every goroutine is asleep.
    Deadlock,
    Done,
}

/// What a sleeper sees when it looks around (under `ctl`).
pub enum Outlook {
    /// Something to run (or a timer due now).
    Work,
    /// Nothing to run; the earliest timer is this far away.
    Wait(Duration),
    /// Nothing to run and no timer.
    Nothing,
    /// Nothing this worker may run (it is beyond GOMAXPROCS), but there is work for the workers
    /// below it: not a deadlock. If every worker sleeps, the sleepers are all woken so the
    /// active ones find it (a `wake_one` may have picked this worker instead of an active one).
    Elsewhere,
}

fn relock<'a, T>(
    r: Result<MutexGuard<'a, T>, std::sync::PoisonError<MutexGuard<'a, T>>>,
) -> MutexGuard<'a, T> {
    r.unwrap_or_else(|p| p.into_inner())
}

impl Control {
    fn lock(&self) -> MutexGuard<'_, Ctl> {
        super::stats::lock(&self.ctl, super::stats::Lock::Ctl)
    }

    /// Counts a new worker thread (before it starts).
    pub fn add_thread(&self) -> usize {
        let mut c = self.lock();
        c.nthreads += 1;
        c.nthreads - 1
    }

    /// Sleeps until `look` (called under the lock) finds work, a timer is due, the world
    /// restarts after a collection, or the program ends. `Deadlock` when every worker sleeps
    /// and `look` finds nothing and no timer.
    pub fn sleep(&self, mut look: impl FnMut() -> Outlook) -> Woke {
        let mut c = self.lock();
        c.idle += 1;
        self.nidle.fetch_add(1, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        if c.gc {
            // The collector may be waiting for this worker.
            self.cv.notify_all();
        }
        // Whether this sleeper already woke the others for work it may not run (once per
        // sleep: the woken active workers take the work, so waking again would only make the
        // inactive ones wake each other in turn).
        let mut passed_on = false;
        let woke = loop {
            if self.done.load(Ordering::SeqCst) {
                break Woke::Done;
            }
            let mut timeout = None;
            if !c.gc {
                match look() {
                    Outlook::Work => break Woke::Look,
                    Outlook::Wait(d) => timeout = Some(d),
                    Outlook::Nothing if c.idle >= c.nthreads => break Woke::Deadlock,
                    Outlook::Nothing => {}
                    Outlook::Elsewhere if c.idle >= c.nthreads && !passed_on => {
                        passed_on = true;
                        self.cv.notify_all();
                    }
                    Outlook::Elsewhere => {}
                }
            }
            c = match timeout {
                Some(t) => match self.cv.wait_timeout(c, t) {
                    Ok((g, _)) => g,
                    Err(p) => p.into_inner().0,
                },
                None => relock(self.cv.wait(c)),
            };
        };
        c.idle -= 1;
        self.nidle.fetch_sub(1, Ordering::SeqCst);
        woke
    }

    /// After making work stealable: wakes a sleeper if there is one. Never called with the
    /// runtime lock held (lock order).
    pub fn wake_one(&self) {
        fence(Ordering::SeqCst);
        if self.spinning.load(Ordering::SeqCst) == 0 && self.nidle.load(Ordering::SeqCst) > 0 {
            let _c = self.lock();
            self.cv.notify_one();
        }
    }

    pub fn wake_all(&self) {
        let _c = self.lock();
        self.cv.notify_all();
    }

    /// Ends the program: every worker returns from `sleep` and stops at its next check.
    pub fn finish(&self) {
        self.done.store(true, Ordering::SeqCst);
        self.wake_all();
    }

    /// At a safepoint, with a collection requested: waits until it is over.
    pub fn stop_for_gc(&self) {
        let mut c = self.lock();
        if !c.gc {
            return;
        }
        c.stopped += 1;
        self.cv.notify_all();
        while c.gc {
            c = relock(self.cv.wait(c));
        }
        c.stopped -= 1;
    }

    /// At a safepoint: stops the world, runs `collect`, restarts the world. If another worker
    /// is already collecting, stops for it instead (and does not run `collect`).
    pub fn collect_world(&self, collect: impl FnOnce()) {
        let mut c = self.lock();
        if c.gc {
            drop(c);
            self.stop_for_gc();
            return;
        }
        c.gc = true;
        self.gc_requested.store(true, Ordering::SeqCst);
        self.cv.notify_all();
        while c.stopped + c.idle + 1 < c.nthreads && !self.done.load(Ordering::SeqCst) {
            c = relock(self.cv.wait(c));
        }
        drop(c);
        if !self.done.load(Ordering::SeqCst) {
            collect();
        }
        let mut c = self.lock();
        c.gc = false;
        self.gc_requested.store(false, Ordering::SeqCst);
        self.cv.notify_all();
    }
}
