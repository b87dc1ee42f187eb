//! WORKERS: the M:N scheduler that runs a program's goroutines on GOMAXPROCS threads. Input: the
//! compiled program. Output: its run to the end — `main` returning (exit 0, other goroutines
//! abandoned as in Go), `os.Exit`, an unrecovered panic in any goroutine (exit 2), or Go's
//! deadlock report when nothing can run.
//!
//! Each worker thread owns a `crossbeam_deque::Worker` (its local run queue, stealable) and a
//! `runnext` slot (the goroutine readied most recently on this thread: a new goroutine, the
//! partner of a channel handoff, which runs next as in Go's `runqput(pp, gp, next=true)`).
//! A worker looks for work in this order: `runnext`, its queue, the global `Injector` (first,
//! every 61st time, so it cannot starve), then steals half of another worker's queue. With
//! nothing to do it spins briefly, then sleeps on `Shared::ctl_cv` (until a goroutine becomes
//! stealable, a timer is due, or the world stops).
//!
//! Queues hold goroutine handles (`GRef`, g.rs): a switch pops a handle and takes the body out
//! of it, with no table and no lock but the goroutine's own. A worker holds a goroutine's body
//! only during its time slice, and at a safepoint (between slices) it holds none: a
//! collection's roots are then the bodies in the handles of `Sched::gs` and the shared state. Stop-the-world: the worker whose allocation crossed the heap goal sets
//! `Ctl::gc`; the others stop at their next safepoint (idle workers count as stopped); it
//! collects, then restarts them.
//!
//! Deadlock: when every worker is idle (so no goroutine is running or runnable) and no timer is
//! pending, every goroutine is asleep. This needs no global lock on the paths that park and
//! ready goroutines: only a running goroutine (on a worker not counted idle) or a timer can
//! ready another, and it readies it into its own worker's `runnext`, which that worker empties
//! before it counts itself idle; an idle worker (under `Control::ctl`) looks at every queue
//! and at the timers before it may conclude. So "every worker counted idle, every queue empty,
//! no timer" is stable: nothing is left that could make a goroutine runnable. A worker beyond
//! GOMAXPROCS hands its queue to the global one and wakes every sleeper (it may not run the
//! work itself). A goroutine blocked in a native (reading stdin) keeps its worker busy, so it
//! is never taken for a deadlock.
//!
//! Lock order: see shared.rs (`ctl` → `sched`; wake-ups requested under `sched` happen after).

use super::ctl::{Outlook, Woke};
use super::g::{GRef, G};
use super::shared::{request_wake, Shared, MAX_WORKERS};
use super::sync_shim::{fence, Arc, MutexGuard, Ordering};
use crate::vm::dying::Next;
use crate::vm::{run, Exit, GoPanic, Goroutine, Machine};
use crossbeam_deque::{Steal, Stealer, Worker};
use std::cell::RefCell;
use std::time::Instant;

/// Fuel per time slice (calls and backward jumps): about 0.1-1 ms of work.
pub const SLICE: u32 = 20_000;
/// Look-for-work rounds (each a `yield_now`) before an idle worker sleeps.
const SPINS: u32 = 16;

struct Local {
    runnext: Option<GRef>,
    q: Worker<GRef>,
    /// A worker thread (false: the REPL's thread, which has a queue but no stealers).
    worker: bool,
}

thread_local! {
    static LOCAL: RefCell<Option<Local>> = const { RefCell::new(None) };
}

/// Makes `gid` this worker's next goroutine (the one there before moves to the stealable
/// queue). False on a thread that is not a worker (the REPL's): the caller queues it itself.
///
/// `wake`: wake an idle worker to steal the goroutine this displaces (for a new goroutine).
/// A goroutine readied by a channel or sync handoff does not wake one: its partner usually
/// blocks soon, and moving such pairs between workers costs more (runtime lock traffic) than
/// running them on one; spinning and sleeping workers still steal it.
pub fn push_next(g: GRef, wake: bool) {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        // Every thread that runs gol code has its queues (workers, the REPL's thread).
        let l = l
            .as_mut()
            .expect("gol: a goroutine readied on a thread with no run queue");
        if let Some(prev) = l.runnext.replace(g) {
            l.q.push(prev);
            if wake {
                fence(Ordering::SeqCst);
                request_wake();
            }
        }
    })
}

/// Queues `g` at the back of this thread's queue (a goroutine that used up its slice).
pub fn push_back(g: GRef) {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let l = l
            .as_mut()
            .expect("gol: a goroutine queued on a thread with no run queue");
        l.q.push(g);
        fence(Ordering::SeqCst);
        request_wake();
    })
}

/// This thread's next goroutine from its own queues (the REPL's loop).
pub fn pop_local() -> Option<GRef> {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let l = l.as_mut()?;
        l.runnext.take().or_else(|| l.q.pop())
    })
}

/// Gives this (non-worker) thread run queues: the REPL's session runs goroutines on it.
pub fn install_local_queues() {
    LOCAL.with(|l| {
        *l.borrow_mut() = Some(Local {
            runnext: None,
            q: Worker::new_fifo(),
            worker: false,
        })
    });
}

/// `runtime.GOMAXPROCS(n)` on a worker: `n` workers take work from now on (threads are
/// started as needed; the ones beyond `n` sleep). Elsewhere (the REPL) only recorded.
pub fn set_gomaxprocs(mach: &Machine, n: usize) {
    // Deterministic mode stays on its one worker: the count is only recorded.
    if super::detsched::enabled() || !LOCAL.with(|l| l.borrow().as_ref().is_some_and(|l| l.worker))
    {
        return;
    }
    mach.sh.nprocs.store(n.max(1), Ordering::SeqCst);
    ensure_workers(mach, n);
}

/// `GOMAXPROCS` from the environment as Go reads it (a positive number), else the CPU count.
pub fn gomaxprocs_from_env() -> i64 {
    match std::env::var("GOMAXPROCS")
        .ok()
        .and_then(|v| v.parse::<i64>().ok())
    {
        Some(n) if n > 0 => n,
        _ => num_cpu(),
    }
}

pub fn num_cpu() -> i64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as i64)
}

/// Runs `prog` from its entry to the end; returns the process exit status.
pub fn run_program(prog: crate::vm::verify::Verified, args: Vec<String>) -> i32 {
    let Some(entry) = prog.program().init else {
        return 0;
    };
    let det = super::detsched::enabled();
    // Deterministic mode: one worker, whatever the environment says.
    let (nprocs, threads) = if det {
        (super::detsched::VIRTUAL_PROCS, 1)
    } else {
        let n = gomaxprocs_from_env();
        (n, n)
    };
    super::stats::init();
    let mut mach = Machine::new(prog, args, None);
    let sh = Arc::clone(&mach.sh);
    sh.nprocs.store(threads as usize, Ordering::SeqCst);
    {
        let mut main = Goroutine::new(&mach.prog, entry, &[]);
        main.id = 1;
        super::events::go_create(&main);
        let main = G::new(1, Box::new(main));
        let mut s = sh.sched();
        s.next_id = 1;
        s.nlive = 1;
        s.gomaxprocs = nprocs;
        s.gs.insert(1, Arc::clone(&main));
        drop(s);
        sh.injector.push(main);
    }
    let first = Worker::new_fifo();
    sh.control.add_thread();
    lock(&sh.stealers).push(first.stealer());
    ensure_workers(&mach, threads as usize);
    worker_loop(&mut mach, 0, first);
    let code = sh
        .exit_code
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .unwrap_or(0);
    if super::events::on() {
        trace_end(&mach);
    }
    let stats = super::stats::report();
    if !stats.is_empty() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), stats.as_bytes());
    }
    code
}

/// Tracing: the goroutines still parked at the end, and the program for the trace writer.
fn trace_end(mach: &Machine) {
    let gs: Vec<GRef> = mach.sched().gs.values().cloned().collect();
    for g in gs {
        g.inspect(|body, reason| {
            if let Some(r) = reason {
                super::events::blocked_at_end(g.id, Some(r), body.map_or(0, super::events::pos_of));
            }
        });
    }
    super::events::run_end(super::events::RunEnd {
        prog: Arc::clone(&mach.prog),
        nprocs: mach.sh.nprocs.load(Ordering::SeqCst),
    });
}

fn lock<T>(m: &super::sync_shim::Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Starts worker threads until there are `n` (at most `MAX_WORKERS`); `runtime.GOMAXPROCS`
/// raising the count calls this from a running goroutine. Idle workers beyond GOMAXPROCS stay
/// asleep, so lowering it needs no thread to exit.
pub fn ensure_workers(mach: &Machine, n: usize) {
    let sh = &mach.sh;
    let n = n.min(MAX_WORKERS);
    // Threads are added one at a time under the stealers' lock, so two goroutines raising
    // GOMAXPROCS at once do not start too many.
    let mut stealers = lock(&sh.stealers);
    while stealers.len() < n {
        let q = Worker::new_fifo();
        stealers.push(q.stealer());
        let wid = sh.control.add_thread();
        let seed = mach.seed();
        let spawned = std::thread::Builder::new()
            .name(format!("gol-worker-{wid}"))
            .stack_size(64 << 20)
            .spawn(move || {
                let sh = Arc::clone(&seed.sh);
                let run = std::panic::AssertUnwindSafe(move || {
                    let mut m = Machine::from_seed(seed);
                    worker_loop(&mut m, wid, q);
                });
                // A bug in gol must end the program with a message, not leave it hanging.
                if std::panic::catch_unwind(run).is_err() {
                    sh.finish(
                        3,
                        &mut Vec::new(),
                        b"gol: internal error in a worker thread\n",
                    );
                }
            });
        if spawned.is_err() {
            // No thread: the others do the work (this one counts as sleeping forever).
            let mut c = lock(&sh.control.ctl);
            c.idle += 1;
            sh.control.nidle.fetch_add(1, Ordering::SeqCst);
            break;
        }
    }
    drop(stealers);
    sh.control.wake_all();
}

/// Per-worker view of the other workers' queues (refreshed when workers are added).
struct Thieves {
    list: Vec<Stealer<GRef>>,
    rng: u64,
}

impl Thieves {
    fn refresh(&mut self, sh: &Shared) {
        let all = lock(&sh.stealers);
        if all.len() != self.list.len() {
            self.list = all.clone();
        }
    }

    fn any_work(&self, sh: &Shared) -> bool {
        !sh.injector.is_empty() || self.list.iter().any(|s| !s.is_empty())
    }
}

fn worker_loop(mach: &mut Machine, wid: usize, q: Worker<GRef>) {
    let sh = Arc::clone(&mach.sh);
    LOCAL.with(|l| {
        *l.borrow_mut() = Some(Local {
            runnext: None,
            q,
            worker: true,
        })
    });
    super::events::thread_start(wid);
    let mut thieves = Thieves {
        list: Vec::new(),
        rng: (wid as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1,
    };
    let mut tick: u32 = 0;
    // A slice ran since the last safepoint check (allocation happens only in slices; checking
    // without one would collect in a loop under gc-stress).
    let mut ran = false;
    loop {
        // The safepoint: this worker holds no goroutine's body here.
        let stop = sh.control.done.load(Ordering::SeqCst)
            || sh.control.gc_requested.load(Ordering::SeqCst);
        let collect = std::mem::take(&mut ran) && mach.m.heap().should_collect();
        if stop || collect {
            if sh.control.done.load(Ordering::SeqCst) {
                break;
            }
            if sh.control.gc_requested.load(Ordering::SeqCst) {
                sh.control.stop_for_gc();
            } else {
                sh.control
                    .collect_world(|| crate::vm::gcroots::collect(mach));
            }
            continue;
        }
        fire_due_timers(mach);
        tick = tick.wrapping_add(1);
        let active = wid < sh.nprocs.load(Ordering::Relaxed);
        let next = if active {
            find_work(&sh, &mut thieves, tick)
        } else {
            // Beyond GOMAXPROCS: hand what this worker readied to the others. All
            // sleepers are woken: `wake_one` could pick another inactive worker (or
            // trust an inactive spinner), and the work would wait for nobody.
            if give_away(&sh) {
                sh.control.wake_all();
            }
            None
        };
        let Some(gref) = next else {
            idle(mach, wid, &mut thieves);
            continue;
        };
        // None: a REPL removed it while it was queued (not in a program run).
        let Some((mut g, wake_panic)) = gref.take() else {
            continue;
        };
        let id = g.id;
        super::events::go_start(id);
        mach.cur = Some(gref);
        super::bubble::enter_slice(&g);
        let exit = match wake_panic {
            Some(msg) => crate::vm::throw_at_resume(&mut g, mach, crate::vm::panic::runtime(msg)),
            None if super::detsched::enabled() => run(&mut g, mach, super::detsched::fuel(SLICE)),
            None => run(&mut g, mach, SLICE),
        };
        super::bubble::leave_slice();
        let gref = mach.cur.take().expect("set above");
        mach.publish();
        ran = true;
        super::events::slice_end(&g, &exit);
        match exit {
            Exit::Yield => requeue(gref, g),
            Exit::Park(reason) => {
                let bubble = super::bubble::parking(&g, reason);
                if gref.park(g, reason) {
                    // Completed while on its way to parking: it runs next, as if readied now.
                    super::events::go_unblock(id);
                    push_next(gref, false);
                } else {
                    super::stats::count(super::stats::Event::Park);
                }
                if let Some(b) = bubble {
                    super::bubble::check(&b, mach);
                }
            }
            // An unrecovered panic's Error/String method returned (`vm/dying.rs`).
            Exit::Done if g.dying.is_some() => match crate::vm::dying::on_done(mach, &mut g) {
                Next::Run => requeue(gref, g),
                Next::Report(p, trace) => {
                    let mut text = super::sched::panic_report(mach, &mut g, p, trace);
                    text.push_str("exit status 2\n");
                    super::events::program_end(2, super::events::End::Panic);
                    mach.finish(2, text.as_bytes());
                    break;
                }
            },
            Exit::Done if id == 1 => {
                if super::leaks::enabled() {
                    // `--leaks`: the goroutines blocked forever now that main has returned
                    // (main's frames are gone: its body is here, not in its handle).
                    let mut done = false;
                    while !done && !sh.control.done.load(Ordering::SeqCst) {
                        sh.control.collect_world(|| {
                            crate::vm::gcroots::collect(mach);
                            done = true;
                        });
                    }
                }
                super::events::program_end(0, super::events::End::Normal);
                mach.finish(0, b"");
                break;
            }
            Exit::Done => {
                super::leaks::exited(id);
                let mut s = sh.sched();
                s.nlive -= 1;
                s.exit(id);
                drop(s);
                super::bubble::exited(&g, mach);
            }
            Exit::Exit(code) => {
                super::events::program_end(code, super::events::End::Exit);
                mach.finish(code, b"");
                break;
            }
            // Goexit ended the goroutine; main's ending leaves the others running until none is.
            Exit::Panic(GoPanic::Goexit, _) => {
                let mut s = sh.sched();
                s.nlive -= 1;
                s.exit(id);
                drop(s);
                super::bubble::exited(&g, mach);
                if id == 1 {
                    sh.main_goexited.store(true, Ordering::SeqCst);
                }
            }
            // Its texts first: the values' Error/String methods run as frames (`vm/dying.rs`).
            Exit::Panic(p, trace) => match crate::vm::dying::on_panic(mach, &mut g, p, trace) {
                Next::Run => requeue(gref, g),
                Next::Report(p, trace) => {
                    let mut text = super::sched::panic_report(mach, &mut g, p, trace);
                    text.push_str("exit status 2\n");
                    super::events::program_end(2, super::events::End::Panic);
                    mach.finish(2, text.as_bytes());
                    break;
                }
            },
        }
        super::shared::flush_wake(&sh);
    }
    super::events::thread_exit();
    LOCAL.with(|l| *l.borrow_mut() = None);
}

/// A goroutine whose slice ended but which can go on: to the back of this worker's queue.
fn requeue(gref: GRef, g: Box<Goroutine>) {
    gref.put_runnable(g);
    push_back(gref);
}

fn find_work(sh: &Shared, thieves: &mut Thieves, tick: u32) -> Option<GRef> {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let l = l.as_mut().expect("a worker thread");
        if super::detsched::enabled() {
            // Every queued goroutine is a candidate; the seed's generator chooses.
            let fresh = l.runnext.take().into_iter();
            let queued = std::iter::from_fn(|| l.q.pop());
            let global = std::iter::from_fn(|| match sh.injector.steal() {
                Steal::Success(g) => Some(g),
                _ => None,
            });
            return super::detsched::pick(
                fresh
                    .chain(queued)
                    .chain(global)
                    .collect::<Vec<_>>()
                    .into_iter(),
            );
        }
        // The global queue first now and then, so goroutines there cannot starve.
        if tick.is_multiple_of(61) {
            if let Steal::Success(id) = sh.injector.steal_batch_and_pop(&l.q) {
                super::stats::count(super::stats::Event::Global);
                return Some(id);
            }
        }
        if let Some(id) = l.runnext.take() {
            return Some(id);
        }
        if let Some(id) = l.q.pop() {
            return Some(id);
        }
        loop {
            match sh.injector.steal_batch_and_pop(&l.q) {
                Steal::Success(id) => {
                    super::stats::count(super::stats::Event::Global);
                    return Some(id);
                }
                Steal::Retry => continue,
                Steal::Empty => break,
            }
        }
        thieves.refresh(sh);
        let n = thieves.list.len();
        if n > 1 {
            thieves.rng ^= thieves.rng << 13;
            thieves.rng ^= thieves.rng >> 7;
            thieves.rng ^= thieves.rng << 17;
            let start = (thieves.rng % n as u64) as usize;
            for k in 0..n {
                let s = &thieves.list[(start + k) % n];
                loop {
                    match s.steal_batch_and_pop(&l.q) {
                        Steal::Success(id) => {
                            super::events::steal(id.id, (start + k) % n);
                            super::stats::count(super::stats::Event::Steal);
                            return Some(id);
                        }
                        Steal::Retry => continue,
                        Steal::Empty => break,
                    }
                }
            }
        }
        None
    })
}

/// Moves this worker's `runnext` and queue to the global queue; whether there were any.
fn give_away(sh: &Shared) -> bool {
    LOCAL.with(|l| {
        let mut l = l.borrow_mut();
        let l = l.as_mut().expect("a worker thread");
        let mut any = false;
        if let Some(g) = l.runnext.take() {
            sh.injector.push(g);
            any = true;
        }
        while let Some(g) = l.q.pop() {
            sh.injector.push(g);
            any = true;
        }
        any
    })
}

/// Nanoseconds on the runtime's clock (timer deadlines are kept on it).
pub fn now_ns() -> u64 {
    if super::detsched::enabled() {
        return super::detsched::virtual_ns();
    }
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    EPOCH.get_or_init(Instant::now).elapsed().as_nanos() as u64
}

/// Fires the timers that are due, if any (a cheap check when none is).
fn fire_due_timers(mach: &mut Machine) {
    let sh = Arc::clone(&mach.sh);
    if sh.timer_hint.load(Ordering::Relaxed) > now_ns() {
        return;
    }
    crate::vm::timers::fire_due(mach);
    mach.publish();
}

/// Nothing to run: spin a little, then sleep until there is work, a timer is due, the world
/// stops or the program ends; reports the deadlock when every worker is here.
fn idle(mach: &mut Machine, wid: usize, thieves: &mut Thieves) {
    let sh = Arc::clone(&mach.sh);
    // A worker beyond GOMAXPROCS does not spin: a waker that sees a spinner skips its wake-up
    // trusting the spinner to take the work, which this one may not.
    if super::detsched::enabled() {
        // Nothing can run: the virtual clock jumps to the earliest timer, if there is one
        // (else the sleep below finds the deadlock).
        let next = sh.sched().next_deadline();
        if let Some(t) = next {
            super::detsched::advance_to(t);
            return;
        }
    }
    let active = wid < sh.nprocs.load(Ordering::Relaxed);
    thieves.refresh(&sh);
    if active {
        sh.control.spinning.fetch_add(1, Ordering::SeqCst);
    }
    let found = active
        && (0..SPINS).any(|_| {
            thieves.refresh(&sh);
            let active = wid < sh.nprocs.load(Ordering::Relaxed);
            let any = sh.control.done.load(Ordering::Relaxed)
                || sh.control.gc_requested.load(Ordering::Relaxed)
                || (active && thieves.any_work(&sh))
                || sh.timer_hint.load(Ordering::Relaxed) <= now_ns();
            if !any {
                std::thread::yield_now();
            }
            any
        });
    if active {
        sh.control.spinning.fetch_sub(1, Ordering::SeqCst);
    }
    if found {
        return;
    }
    let woke = sh.control.sleep(|| {
        let active = wid < sh.nprocs.load(Ordering::Relaxed);
        if thieves.any_work(&sh) {
            return if active {
                Outlook::Work
            } else {
                Outlook::Elsewhere
            };
        }
        if sh.timer_hint.load(Ordering::SeqCst) == u64::MAX {
            return Outlook::Nothing;
        }
        // The hint may be a stopped timer's: ask the timer table (ctl → sched: lock order).
        match sh.sched().next_deadline() {
            None => Outlook::Nothing,
            Some(t) => match t.checked_duration_since(super::detsched::instant_now()) {
                Some(d) if !d.is_zero() => Outlook::Wait(d),
                _ => Outlook::Work,
            },
        }
    });
    if woke == Woke::Deadlock {
        report_deadlock(mach);
    }
}

fn report_deadlock(mach: &mut Machine) {
    let sh = Arc::clone(&mach.sh);
    let empty = sh.sched().gs.is_empty();
    let text = if sh.main_goexited.load(Ordering::SeqCst) && empty {
        String::from("fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n")
    } else {
        let mut out = String::from("fatal error: all goroutines are asleep - deadlock!\n\n");
        out.push_str(&super::sched::goroutine_dump(mach));
        out.push_str("exit status 2\n");
        out
    };
    super::events::program_end(2, super::events::End::Deadlock);
    mach.finish(2, text.as_bytes());
}
