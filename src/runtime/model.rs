//! LOOM MODELS: the runtime's handshakes checked over every interleaving that loom explores.
//! Input: the real code of `ctl.rs` (sleep and wake, stop-the-world, deadlock detection) and
//! of `sched.rs` (a goroutine completed while on its way to parking), built with
//! `RUSTFLAGS="--cfg loom"` so `sync_shim` hands them loom's locks and atomics. Output: a
//! failed assertion, or loom's report of a deadlock (a lost wake-up leaves every model thread
//! blocked), if any interleaving breaks the invariant a model states.
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test --release --lib runtime::model` (CI does).

use super::ctl::{Control, Outlook, Woke};
use super::sync_shim::{Arc, AtomicUsize, Ordering};
use loom::thread;

/// A sleeping worker is woken by a worker that makes work stealable: no lost wake-up.
#[test]
fn sleep_and_wake() {
    loom::model(|| {
        let c = two_workers();
        let work = Arc::new(AtomicUsize::new(0));
        let (c1, w1) = (Arc::clone(&c), Arc::clone(&work));
        let sleeper = thread::spawn(move || {
            if w1.load(Ordering::SeqCst) == 0 {
                wait_for(&c1, &w1);
            }
        });
        work.fetch_add(1, Ordering::SeqCst);
        c.wake_one();
        sleeper.join().unwrap();
    });
}

/// The same with the spinning phase: a waker skips the wake-up while a worker spins, and the
/// spinner looks once more inside `sleep`, so the work is still found.
#[test]
fn spin_then_sleep() {
    loom::model(|| {
        let c = two_workers();
        let work = Arc::new(AtomicUsize::new(0));
        let (c1, w1) = (Arc::clone(&c), Arc::clone(&work));
        let spinner = thread::spawn(move || {
            c1.spinning.fetch_add(1, Ordering::SeqCst);
            let seen = w1.load(Ordering::SeqCst) > 0;
            c1.spinning.fetch_sub(1, Ordering::SeqCst);
            if !seen {
                wait_for(&c1, &w1);
            }
        });
        work.fetch_add(1, Ordering::SeqCst);
        c.wake_one();
        spinner.join().unwrap();
    });
}

/// When every worker sleeps with nothing to do, exactly one reports the deadlock (and ends the
/// program, which wakes the other).
#[test]
fn deadlock_reported_once() {
    loom::model(|| {
        let c = two_workers();
        let reports = Arc::new(AtomicUsize::new(0));
        let worker = |c: Arc<Control>, reports: Arc<AtomicUsize>| {
            move || match c.sleep(|| Outlook::Nothing) {
                Woke::Deadlock => {
                    reports.fetch_add(1, Ordering::SeqCst);
                    c.finish();
                }
                Woke::Done => {}
                Woke::Look => panic!("nothing can wake a worker here"),
            }
        };
        let a = thread::spawn(worker(Arc::clone(&c), Arc::clone(&reports)));
        worker(Arc::clone(&c), Arc::clone(&reports))();
        a.join().unwrap();
        assert_eq!(reports.load(Ordering::SeqCst), 1);
    });
}

/// A worker beyond GOMAXPROCS that queued work and is the last to fall asleep wakes the active
/// worker (it may not run the work itself), and nobody takes the sleeping pair for a deadlock.
#[test]
fn inactive_worker_passes_work_on() {
    loom::model(|| {
        let c = two_workers();
        let work = Arc::new(AtomicUsize::new(0));
        let (c1, w1) = (Arc::clone(&c), Arc::clone(&work));
        let active = thread::spawn(move || {
            wait_for(&c1, &w1);
            w1.fetch_sub(1, Ordering::SeqCst);
            c1.finish();
        });
        // The inactive worker gives its goroutine away without waking anyone (as a `wake_one`
        // that picked the wrong sleeper would), then sleeps.
        work.fetch_add(1, Ordering::SeqCst);
        loop {
            let woke = c.sleep(|| {
                if work.load(Ordering::SeqCst) > 0 {
                    Outlook::Elsewhere
                } else {
                    Outlook::Nothing
                }
            });
            match woke {
                Woke::Done => break,
                Woke::Look => {}
                Woke::Deadlock => panic!("work was waiting for the active worker"),
            }
        }
        active.join().unwrap();
    });
}

/// The collector runs only while no other worker is inside a time slice.
#[test]
fn stop_the_world() {
    loom::model(|| {
        let c = two_workers();
        let in_slice = Arc::new(AtomicUsize::new(0));
        let (c1, s1) = (Arc::clone(&c), Arc::clone(&in_slice));
        let mutator = thread::spawn(move || {
            for _ in 0..2 {
                if c1.gc_requested.load(Ordering::SeqCst) {
                    c1.stop_for_gc();
                }
                s1.fetch_add(1, Ordering::SeqCst);
                s1.fetch_sub(1, Ordering::SeqCst);
            }
            // Out of work: sleep until the program ends.
            while c1.sleep(|| Outlook::Nothing) == Woke::Look {}
        });
        c.collect_world(|| {
            assert_eq!(in_slice.load(Ordering::SeqCst), 0, "a slice runs during GC")
        });
        c.finish();
        mutator.join().unwrap();
    });
}

/// A goroutine queued on a sync object is completed by another worker before or after its own
/// worker parks it: either way it ends up runnable exactly once with the value written, or
/// parked with its reason if nobody completed it.
#[test]
fn completed_while_parking() {
    use super::sched::WaitReason;
    use super::shared::Shared;
    loom::model(|| {
        let sh = Arc::new(Shared::new(0, 1));
        let obj = 0x1000;
        let sh2 = Arc::clone(&sh);
        let parker = thread::spawn(move || {
            sh2.sched().wait_on(obj, 7);
            sh2.sched().park(Box::new(goroutine(7)), WaitReason::Mutex);
        });
        let woke = {
            let mut s = sh.sched();
            match s.pop_waiter(obj) {
                Some(g) => {
                    s.write(g, 0, 42);
                    s.ready(g);
                    true
                }
                None => false,
            }
        };
        parker.join().unwrap();
        let mut s = sh.sched();
        let queued = s
            .runq
            .iter()
            .chain(s.runnext.iter())
            .filter(|&&g| g == 7)
            .count();
        assert_eq!(s.gs[&7].regs[0], if woke { 42 } else { 0 });
        if woke {
            assert_eq!(queued, 1);
            assert!(!s.reasons.contains_key(&7));
        } else {
            assert_eq!(queued, 0);
            assert_eq!(s.reasons.get(&7), Some(&WaitReason::Mutex));
            assert_eq!(s.pop_waiter(obj), Some(7));
        }
    });
}

/// Worker control with two worker threads counted.
fn two_workers() -> Arc<Control> {
    let c = Arc::new(Control::default());
    c.add_thread();
    c.add_thread();
    c
}

/// A worker that waits for `work` (through `sleep`, as an idle worker does).
fn wait_for(c: &Control, work: &AtomicUsize) {
    loop {
        let woke = c.sleep(|| {
            if work.load(Ordering::SeqCst) > 0 {
                Outlook::Work
            } else {
                Outlook::Nothing
            }
        });
        assert_ne!(woke, Woke::Deadlock, "the other worker is running");
        if work.load(Ordering::SeqCst) > 0 {
            return;
        }
    }
}

fn goroutine(id: u64) -> crate::vm::Goroutine {
    crate::vm::Goroutine {
        frames: Vec::new(),
        regs: vec![0; 4],
        stack_limit: 0,
        defers: Vec::new(),
        panicking: None,
        recovered: false,
        memos: Vec::new(),
        dying: None,
        id,
        pending_panic: None,
        old_panics: Vec::new(),
        repanicked: false,
        created_by: None,
    }
}
