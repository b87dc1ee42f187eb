//! GOROUTINE HANDLES: the part of a goroutine that travels with it between workers, queues and
//! wait queues (Go's `g` with its `atomicstatus`, and the park record a `sudog` points at).
//! Input: a worker that runs, yields or parks a goroutine; a waker (a channel, a sync object,
//! a timer) that completes a parked goroutine's operation and readies it. Output: each
//! goroutine run by one worker at a time, readied exactly once per park, with the results its
//! waker wrote in its registers when it next runs — and no global table or lock on the way.
//!
//! A `GRef` (an `Arc<G>`) is what run queues, channel wait queues, sync wait queues and timers
//! hold. The goroutine's body (`vm::Goroutine`: registers and frames) is in `G::slot` while it
//! is not running; the worker running it holds the body itself (taken out of the slot).
//!
//! Status (`G::status`), and who owns the body in each state:
//! - `RUNNING`: a worker holds the body and runs it, or has just stopped running it and is
//!   about to park or queue it. The goroutine may already be queued on a channel or sync object
//!   (it queues itself, then its slice ends with `Exit::Park`).
//! - `READIED`: still `RUNNING`, but a waker completed the operation it queued for before its
//!   worker parked it. The worker's `park` sees this and queues it instead (nothing is lost
//!   between queueing and parking; the job `Sched::pending` did under the runtime lock).
//! - `WAITING`: parked; the body is in the slot. Only the waker that completes its operation
//!   moves it on (to `RUNNABLE`, queueing it).
//! - `RUNNABLE`: in exactly one run queue; the body is in the slot. Only the worker that pops
//!   it from the queue takes it (to `RUNNING`).
//! - `DEAD`: removed by a REPL (an input that deadlocked or was interrupted); waiters met later
//!   are skipped.
//!
//! Invariants:
//! - A waker writes the results (`write`) before it readies (`ready`), both under or after the
//!   slot lock, so the worker that next runs the goroutine sees them: a write to a goroutine
//!   whose body is in the slot goes straight to its registers; to one still running, into
//!   `Slot::writes`, which `park` applies before it publishes the body. So at a safepoint (no
//!   worker holds a body) `writes` is empty everywhere: the collector's roots are the bodies.
//! - Every park is completed at most once (a select's cases race through a shared `fired`
//!   flag, chan.rs), so `ready` meets `WAITING` or `RUNNING`, never `RUNNABLE` or `READIED`.
//!
//! Lock order: `G::slot` is a leaf: nothing else is locked while it is held.

use super::sched::WaitReason;
use super::sync_shim::{Arc, AtomicU32, Mutex, MutexGuard, Ordering};
use crate::vm::Goroutine;

pub const RUNNING: u32 = 0;
pub const READIED: u32 = 1;
pub const WAITING: u32 = 2;
pub const RUNNABLE: u32 = 3;
pub const DEAD: u32 = 4;

/// A goroutine's handle: shared by the queues it is in (see the module docs).
pub type GRef = Arc<G>;

pub struct G {
    /// Go's goroutine number (main is 1).
    pub id: u64,
    status: AtomicU32,
    slot: Mutex<Slot>,
}

/// What a goroutine leaves behind while it is not running (its park record).
#[derive(Default)]
struct Slot {
    body: Option<Box<Goroutine>>,
    /// Register writes that reached it while it was still running (applied by `park`).
    writes: Vec<(usize, u64)>,
    /// Why it waits (meaningful while `WAITING`).
    reason: Option<WaitReason>,
    /// A panic to raise when it next runs (a send on a channel closed while it waited).
    wake_panic: Option<&'static str>,
}

impl G {
    /// A new goroutine, runnable (the caller queues it).
    pub fn new(id: u64, body: Box<Goroutine>) -> GRef {
        Arc::new(G {
            id,
            status: AtomicU32::new(RUNNABLE),
            slot: Mutex::new(Slot {
                body: Some(body),
                ..Slot::default()
            }),
        })
    }

    /// A handle for a goroutine run outside any scheduler (unit tests of the VM): dead, so a
    /// waker that meets it skips it.
    pub fn detached() -> GRef {
        Arc::new(G {
            id: 0,
            status: AtomicU32::new(DEAD),
            slot: Mutex::new(Slot::default()),
        })
    }

    fn slot(&self) -> MutexGuard<'_, Slot> {
        super::stats::lock(&self.slot, super::stats::Lock::Slot)
    }

    pub fn status(&self) -> u32 {
        self.status.load(Ordering::SeqCst)
    }

    /// Writes register `reg` of a goroutine whose operation the caller completes.
    pub fn write(&self, reg: usize, v: u64) {
        self.write_all(&[(reg, v)]);
    }

    /// Writes several registers at once (one lock for a whole completion).
    pub fn write_all(&self, writes: &[(usize, u64)]) {
        let mut s = self.slot();
        match s.body.as_mut() {
            Some(b) => {
                for &(reg, v) in writes {
                    if reg < b.regs.len() {
                        b.regs[reg] = v;
                    }
                }
            }
            None => s.writes.extend_from_slice(writes),
        }
    }

    /// Makes the goroutine panic with `msg` when it next runs.
    pub fn panic_on_wake(&self, msg: &'static str) {
        self.slot().wake_panic = Some(msg);
    }

    /// The waker's half of the park handshake, after its writes: true if the goroutine was
    /// parked and is now `RUNNABLE` (the caller must queue it); false if it was still running
    /// (its worker queues it when it parks) or is dead.
    #[must_use]
    pub fn ready(&self) -> bool {
        loop {
            let from = match self.status.load(Ordering::SeqCst) {
                WAITING => WAITING,
                RUNNING => RUNNING,
                // Dead (a REPL removed it); a second completion would be a bug (see above).
                s => {
                    debug_assert_eq!(s, DEAD, "goroutine readied twice");
                    return false;
                }
            };
            let to = if from == WAITING { RUNNABLE } else { READIED };
            if self
                .status
                .compare_exchange(from, to, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok()
            {
                return from == WAITING;
            }
        }
    }

    /// The worker's half: parks `body` (whose slice ended with `Exit::Park(reason)`). True if a
    /// waker completed it meanwhile: it is then `RUNNABLE` and the caller must queue it.
    #[must_use]
    pub fn park(&self, mut body: Box<Goroutine>, reason: WaitReason) -> bool {
        {
            let mut s = self.slot();
            for (r, v) in s.writes.drain(..) {
                if r < body.regs.len() {
                    body.regs[r] = v;
                }
            }
            s.body = Some(body);
            s.reason = Some(reason);
        }
        match self
            .status
            .compare_exchange(RUNNING, WAITING, Ordering::SeqCst, Ordering::SeqCst)
        {
            Ok(_) => false,
            Err(s) => {
                debug_assert_eq!(s, READIED);
                self.status.store(RUNNABLE, Ordering::SeqCst);
                true
            }
        }
    }

    /// Stores the body of a goroutine that stays runnable (its slice ended, or a worker gives
    /// back one it took); the caller queues it.
    pub fn put_runnable(&self, body: Box<Goroutine>) {
        self.slot().body = Some(body);
        self.status.store(RUNNABLE, Ordering::SeqCst);
    }

    /// Takes a `RUNNABLE` goroutine popped from a run queue to run it, with the panic to raise
    /// in it. None if it is dead (a REPL removed it while it was queued).
    pub fn take(&self) -> Option<(Box<Goroutine>, Option<&'static str>)> {
        let mut s = self.slot();
        let mut body = s.body.take()?;
        for (r, v) in s.writes.drain(..) {
            if r < body.regs.len() {
                body.regs[r] = v;
            }
        }
        self.status.store(RUNNING, Ordering::SeqCst);
        Some((body, s.wake_panic.take()))
    }

    /// Removes the goroutine for good (a REPL's input ended): waiters met later are skipped.
    pub fn kill(&self) -> bool {
        self.status.store(DEAD, Ordering::SeqCst);
        let mut s = self.slot();
        s.writes.clear();
        s.body.take().is_some()
    }

    /// Looks at a goroutine that is not running (dumps, the collector's roots): its body and,
    /// if it is parked, why.
    pub fn inspect<R>(&self, f: impl FnOnce(Option<&Goroutine>, Option<WaitReason>) -> R) -> R {
        let s = self.slot();
        let reason = if self.status() == WAITING {
            s.reason
        } else {
            None
        };
        f(s.body.as_deref(), reason)
    }
}
