//! LOOM MODELS: the runtime's handshakes checked over every interleaving that loom explores.
//! Input: the real code of `ctl.rs` (sleep and wake, stop-the-world, deadlock detection) and
//! of `g.rs` (a goroutine completed while on its way to parking), `semq.rs` (a Mutex handoff,
//! WaitGroup Wait against Done) and `chan.rs` (send,
//! receive, close, a two-channel select woken once), built with
//! `RUSTFLAGS="--cfg loom"` so `sync_shim` hands them loom's locks and atomics. Output: a
//! failed assertion, or loom's report of a deadlock (a lost wake-up leaves every model thread
//! blocked), if any interleaving breaks the invariant a model states.
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test --release --lib runtime::model` (CI does).

use super::chan::{close_on, recv_on, send_on, ChanBox, Locked, Outcome, Waiter};
use super::ctl::{Control, Outlook, Woke};
use super::g::{self, GRef, G};
use super::sched;
use super::sync_shim::{Arc, AtomicBool, AtomicUsize, Ordering};
use super::worker;
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

/// A goroutine that queued itself (on a channel or sync object) is completed by a waker on
/// another worker before, while or after its own worker parks it: whatever the interleaving,
/// exactly one of the two queues it, the value written reaches its registers, and a goroutine
/// nobody completed stays parked with its reason (g.rs's status handshake).
#[test]
fn completed_while_parking() {
    use super::sched::WaitReason;
    loom::model(|| {
        let gr = G::new(7, Box::new(goroutine(7)));
        // A worker takes it from a run queue and runs it; it queues itself on an object.
        let (body, _) = gr.take().expect("runnable");
        let waiter = Arc::clone(&gr);
        let waker = thread::spawn(move || {
            waiter.write(0, 42);
            waiter.ready()
        });
        let parked_then_runnable = gr.park(body, WaitReason::Mutex);
        let waker_queues = waker.join().unwrap();
        assert!(
            parked_then_runnable ^ waker_queues,
            "queued exactly once (worker: {parked_then_runnable}, waker: {waker_queues})"
        );
        assert_eq!(gr.status(), g::RUNNABLE);
        let (body, _) = gr.take().expect("its body is in the handle");
        assert_eq!(body.regs[0], 42, "the waker's write reached the registers");
    });
}

/// A goroutine in the model: its handle, taken to "run" (status `RUNNING`).
fn running(id: u64) -> (GRef, Box<crate::vm::Goroutine>) {
    let gr = G::new(id, Box::new(goroutine(id)));
    let (body, _) = gr.take().expect("runnable");
    (gr, body)
}

/// What a worker does when a goroutine's slice ends with `Park`: parks it, or queues it on
/// this thread if its operation was completed meanwhile. Whether it was queued.
fn end_slice(gr: &GRef, body: Box<crate::vm::Goroutine>, out: &Outcome) -> bool {
    match out {
        Outcome::Park(reason) => {
            if gr.park(body, *reason) {
                sched::runnable(Arc::clone(gr), false);
                true
            } else {
                false
            }
        }
        _ => false,
    }
}

fn waiter(gr: &GRef, dst: usize, sel: Option<(Arc<AtomicBool>, usize, usize)>) -> Waiter {
    Waiter {
        g: Arc::clone(gr),
        dst,
        ok: Some(dst + 1),
        sel,
    }
}

/// The goroutines this thread's run queue holds (the model threads share one OS thread, so
/// one queue: readied goroutines of every model thread end up here).
fn queued() -> Vec<u64> {
    std::iter::from_fn(worker::pop_local)
        .map(|g| g.id)
        .collect()
}

/// An unbuffered send and a receive on two workers, in any order: the value arrives (now or
/// through the parked receiver's registers), and whoever parked is readied exactly once.
#[test]
fn chan_send_recv() {
    loom::model(|| {
        worker::install_local_queues();
        let cb = Arc::new(ChanBox::new(0, false));
        let (rg, rbody) = running(1);
        let (sg, sbody) = running(2);
        let (cb2, sg2) = (Arc::clone(&cb), Arc::clone(&sg));
        let sender = thread::spawn(move || {
            let out = send_on(&cb2, 42, || waiter(&sg2, 0, None));
            end_slice(&sg2, sbody, &out);
            matches!(out, Outcome::Park(_))
        });
        let out = recv_on(&cb, || waiter(&rg, 0, None));
        let got_now = match &out {
            Outcome::Done(v, ok) => Some((*v, *ok)),
            _ => None,
        };
        end_slice(&rg, rbody, &out);
        let sender_parked = sender.join().unwrap();
        let q = queued();
        match got_now {
            Some((v, ok)) => {
                // Unbuffered: a receive done at once took a parked sender's value.
                assert!(sender_parked);
                assert_eq!((v, ok), (42, true));
                // The receiver took the parked sender's value: the sender is readied.
                assert_eq!(q, vec![2]);
            }
            None => {
                // The receiver parked; the sender completed it.
                assert!(!sender_parked);
                assert_eq!(q, vec![1]);
                let (body, _) = rg.take().expect("readied");
                assert_eq!((body.regs[0], body.regs[1]), (42, 1));
            }
        }
    });
}

/// Two receivers park on a channel (or are about to) while a third worker closes it: both
/// are readied exactly once with (zero, false); a later receive sees the close at once.
#[test]
fn chan_close_wakes_all() {
    loom::model(|| {
        worker::install_local_queues();
        let cb = Arc::new(ChanBox::new(0, false));
        let recv = |id: u64| {
            let cb = Arc::clone(&cb);
            thread::spawn(move || {
                let (gr, body) = running(id);
                let out = recv_on(&cb, || waiter(&gr, 0, None));
                let now = matches!(out, Outcome::Done(_, false));
                end_slice(&gr, body, &out);
                (gr, now)
            })
        };
        let (a, b) = (recv(1), recv(2));
        close_on(&cb, 0).expect("first close");
        let mut readied = queued();
        for (gr, now) in [a.join().unwrap(), b.join().unwrap()] {
            if !now {
                // Parked (or on its way): the close completed it.
                readied.extend(queued());
                assert!(readied.contains(&gr.id), "goroutine {} not readied", gr.id);
                let (body, _) = gr.take().expect("readied");
                assert_eq!((body.regs[0], body.regs[1]), (0, 0));
            }
        }
        readied.sort();
        let before = readied.len();
        readied.dedup();
        assert_eq!(before, readied.len(), "a goroutine readied twice");
        assert_eq!(close_on(&cb, 0), Err("close of closed channel"));
    });
}

/// A two-channel select parks on both channels while two senders send one on each, at once:
/// the select is completed exactly once (by one sender, whose value and case it gets); the
/// other sender finds only the dead select waiter and parks.
#[test]
fn select_wakes_once() {
    loom::model(|| {
        worker::install_local_queues();
        let c1 = Arc::new(ChanBox::new(0, false));
        let c2 = Arc::new(ChanBox::new(0, false));
        let sender = |id: u64, cb: &Arc<ChanBox>| {
            let cb = Arc::clone(cb);
            thread::spawn(move || {
                let (gr, body) = running(id);
                let out = send_on(&cb, id * 10, || waiter(&gr, 0, None));
                end_slice(&gr, body, &out);
                (gr, matches!(out, Outcome::Park(_)))
            })
        };
        let (a, b) = (sender(1, &c1), sender(2, &c2));
        // The select (goroutine 9): case 0 receives from c1, case 1 from c2; its results go
        // to registers 0 (case), 1 (value), 2 (ok).
        let (sg, body) = running(9);
        let (k1, k2) = (
            c1.as_ref() as *const ChanBox as u64,
            c2.as_ref() as *const ChanBox as u64,
        );
        let mut locked = Locked::of([(k1, &*c1), (k2, &*c2)].into_iter());
        let mut chosen = None;
        for (i, k) in [(0, k1), (1, k2)] {
            if let Some((v, ok, wake)) = locked.try_recv(k) {
                chosen = Some((i, v, ok, wake));
                break;
            }
        }
        let out = match chosen {
            Some((i, v, ok, wake)) => {
                drop(locked);
                wake.run();
                assert!(ok && v == (i + 1) * 10);
                Outcome::Done(v, ok)
            }
            None => {
                let fired = Arc::new(AtomicBool::new(false));
                for (i, k) in [(0usize, k1), (1, k2)] {
                    let mut w = waiter(&sg, 1, Some((Arc::clone(&fired), i, 0)));
                    w.ok = Some(2);
                    locked.enqueue_recv(k, w);
                }
                drop(locked);
                Outcome::Park(super::sched::WaitReason::Select)
            }
        };
        let select_parked = matches!(out, Outcome::Park(_));
        end_slice(&sg, body, &out);
        let senders = [a.join().unwrap(), b.join().unwrap()];
        let mut q = queued();
        if select_parked {
            // Exactly one sender completed it; the other parked and stays parked.
            assert_eq!(senders.iter().filter(|(_, parked)| *parked).count(), 1);
            q.retain(|&id| id == 9);
            assert_eq!(q, vec![9], "the select readied once");
            let (body, _) = sg.take().expect("readied");
            let case = body.regs[0];
            assert!(case < 2);
            assert_eq!((body.regs[1], body.regs[2]), ((case + 1) * 10, 1));
        }
        for (gr, parked) in senders {
            if parked && gr.status() != g::WAITING {
                // A sender that parked was later completed by the select polling it.
                assert!(!select_parked);
            }
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
        bubble: None,
        race: None,
        race_resume: None,
    }
}

/// Parks a goroutine that `semq` queued (its slice ends with a park), or queues it on this
/// thread if it was readied meanwhile.
fn park_queued(gr: &GRef, body: Box<crate::vm::Goroutine>) {
    if gr.park(body, super::sched::WaitReason::Mutex) {
        sched::runnable(Arc::clone(gr), false);
    }
}

/// A Mutex held by one worker while another's `Lock` takes the slow path, and the holder
/// unlocks at any moment: the lock is not lost and nobody sleeps forever — either `Lock` took
/// it at once, or it queued and the `Unlock` (forced onto its slow path by `WAITERS`) readied
/// it exactly once, and its retry then takes the lock.
#[test]
fn mutex_handoff() {
    use super::semq::{WaitQueues, Word, LOCKED};
    use super::sync_shim::AtomicU64;
    loom::model(|| {
        worker::install_local_queues();
        let q = Arc::new(WaitQueues::default());
        let state = Arc::new(AtomicU64::new(LOCKED));
        let (q2, s2) = (Arc::clone(&q), Arc::clone(&state));
        let locker = thread::spawn(move || {
            let (gr, body) = running(2);
            let cur = s2.load_relaxed();
            let took = (cur & LOCKED == 0 && s2.cas(cur, cur | LOCKED))
                || q2.lock_slow(8, &*s2, None, &gr);
            if !took {
                park_queued(&gr, body);
            }
            (gr, took)
        });
        // The holder's Unlock: the fast CAS, else the slow path that wakes a waiter.
        if !state.cas(LOCKED, 0) {
            q.unlock_slow(8, &*state, None);
        }
        let (gr, took) = locker.join().unwrap();
        let readied = queued();
        if took {
            assert!(readied.is_empty());
            assert_eq!(state.load_relaxed() & LOCKED, LOCKED);
        } else {
            assert_eq!(readied, vec![2], "the queued Lock is readied exactly once");
            // Its retry: nobody else holds the lock now.
            let (_body, _) = gr.take().expect("readied");
            assert!(q.lock_slow(8, &*state, None, &gr), "the lock was lost");
        }
    });
}

/// WaitGroup.Wait races the Done that brings the counter to zero: Wait either returns at once
/// or queues and is readied exactly once (no lost wake-up).
#[test]
fn waitgroup_wait_done() {
    use super::semq::{WaitQueues, Word};
    use super::sync_shim::AtomicU64;
    loom::model(|| {
        worker::install_local_queues();
        let q = Arc::new(WaitQueues::default());
        let counter = Arc::new(AtomicU64::new(1));
        let (q2, c2) = (Arc::clone(&q), Arc::clone(&counter));
        let waiter = thread::spawn(move || {
            let (gr, body) = running(3);
            let parked = c2.load_acquire() != 0 && q2.wg_wait(16, &*c2, &gr);
            if parked {
                park_queued(&gr, body);
            }
            parked
        });
        // Done: the counter reaches zero, then the waiters are woken.
        assert!(counter.cas(1, 0));
        q.wg_wake(16, &*counter);
        let parked = waiter.join().unwrap();
        let readied = queued();
        if parked {
            assert_eq!(readied, vec![3], "Wait is readied exactly once");
        } else {
            assert!(readied.is_empty());
        }
    });
}
