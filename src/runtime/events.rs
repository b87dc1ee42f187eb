//! RUNTIME EVENT STREAM: one interface through which the scheduler, channels, select, sync,
//! timers and the collector report what they do. Input: one call per event at the place it
//! happens (`events::go_create(..)`, `events::chan_send(..)`, ...). Output: when tracing is on
//! (`enable`, before the program starts), every event as a fixed-size `Event` in the order
//! each thread saw it, collected by `take` after the run; when it is off, nothing.
//!
//! Consumers: `gol trace` (src/trace/) today; the race detector (happens-before edges from
//! the channel, sync and goroutine events) and schedule exploration are meant to hook into the
//! same call sites, so each hook stays a one-line call where the runtime acts.
//!
//! Cost when off: each hook is an `#[inline]` function whose first statement is one relaxed
//! load of `ON`; the recording body is `#[cold]` and out of line. No lock, no thread-local
//! access, no clock read.
//!
//! Cost when on: a clock read and a push onto this thread's buffer (a thread-local `Vec`, no
//! lock and no atomic). A full buffer (`BUF_EVENTS`) is pushed onto the global list `CHUNKS`
//! (a lock-free queue: hooks run under channel locks and the runtime lock, and take no lock
//! of their own); a worker flushes what it holds when its loop ends (`thread_exit`), and
//! `take` waits (bounded) for every worker to have done so.
//!
//! These are std's atomics even under loom: they are not part of any protocol the models
//! check (as `stats.rs`).
//!
//! Positions (`pos` arguments) are `(function id + 1) << 32 | pc`, as `runtime.Caller`'s pcs;
//! 0 means unknown. The trace module turns them into `file:line` with the program.

use crossbeam_deque::{Injector, Steal};
use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

static ON: AtomicBool = AtomicBool::new(false);
/// Threads that may still hold unflushed events (workers between `thread_start` and `thread_exit`).
static ACTIVE: AtomicUsize = AtomicUsize::new(0);
/// Full buffers, pushed without a lock (a hook may run under any runtime lock).
static CHUNKS: OnceLock<Injector<Vec<Event>>> = OnceLock::new();
/// What the run left for the trace writer (the program, to name functions and lines).
static END: OnceLock<Mutex<Option<RunEnd>>> = OnceLock::new();

/// Events per thread buffer before it is moved to the global list: 64Ki × 48 bytes = 3 MiB,
/// so the lock is taken rarely, and a trace of a short program is one chunk per worker.
const BUF_EVENTS: usize = 1 << 16;

thread_local! {
    static BUF: RefCell<Vec<Event>> = const { RefCell::new(Vec::new()) };
    /// This thread's worker number (the REPL's and other threads: 0).
    static WORKER: Cell<u32> = const { Cell::new(0) };
    /// The goroutine this thread runs now (0 between time slices: a timer, the scheduler).
    static CUR: Cell<u64> = const { Cell::new(0) };
}

/// What an event is. The meaning of `Event::g` and `Event::args` per kind is on each variant.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `g` was created: args = [creator goroutine, pos of the `go` statement, entry function id].
    GoCreate = 0,
    /// `g` starts a time slice on `worker`.
    GoStart,
    /// `g`'s slice ended: args = [`Stop` as u64, wait reason (`WaitReason as u64 + 1`, 0: none), pos].
    GoStop,
    /// `g` was made runnable: args = [by goroutine (0: a timer or the scheduler)].
    GoUnblock,
    /// `worker` stole `g` from another worker's queue: args = [victim worker].
    Steal,
    /// `g` made a channel: args = [channel id, capacity, pos].
    ChanMake,
    /// `g` sent on a channel: args = [channel id, partner receiver (0: buffered), 0].
    ChanSend,
    /// `g` received: args = [channel id, partner sender (0: from the buffer or closed), 0].
    ChanRecv,
    /// `g` closed a channel: args = [channel id].
    ChanClose,
    /// `g` is about to park on a channel: args = [channel id, 0 receive / 1 send].
    ChanBlock,
    /// `g`'s select chose a case: args = [case index (= ncases: default), ncases].
    Select,
    /// A timer fired (on `worker`): args = [timer id, 0 wake / 1 send / 2 func, goroutine woken].
    TimerFire,
    /// A collection starts: args = [live heap bytes].
    GcStart,
    /// A collection ended: args = [live heap bytes].
    GcEnd,
    /// The program ended: args = [exit status, `End` as u64].
    ProgramEnd,
    /// `g` was still blocked when the program ended: args = [wait reason + 1, pos].
    Blocked,
}

/// Why a time slice ended (`GoStop`'s first argument).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Out of fuel or `runtime.Gosched`: still runnable.
    Yield = 0,
    /// Parked with a wait reason.
    Block,
    /// Returned from its function.
    Done,
    /// Ended the program (main returned, os.Exit, an unrecovered panic).
    Exit,
}

/// How the program ended (`ProgramEnd`'s second argument).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    Normal = 0,
    Panic,
    Deadlock,
    Exit,
}

/// One event: fixed size, plain data (48 bytes).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Event {
    /// Nanoseconds on the runtime's clock (`worker::now_ns`).
    pub ts: u64,
    pub g: u64,
    pub args: [u64; 3],
    pub kind: Kind,
    pub worker: u32,
}

/// The run's end state for the trace writer.
pub struct RunEnd {
    pub prog: std::sync::Arc<crate::bytecode::Program>,
    pub nprocs: usize,
}

/// Turns recording on (the CLI calls this before the program starts).
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

#[inline]
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

#[cold]
#[inline(never)]
fn record(kind: Kind, g: u64, args: [u64; 3]) {
    let ev = Event {
        ts: crate::runtime::worker::now_ns(),
        g,
        args,
        kind,
        worker: WORKER.with(Cell::get),
    };
    BUF.with(|b| {
        let mut b = b.borrow_mut();
        if b.capacity() == 0 {
            b.reserve_exact(BUF_EVENTS);
        }
        b.push(ev);
        if b.len() >= BUF_EVENTS {
            let full = std::mem::replace(&mut *b, Vec::with_capacity(BUF_EVENTS));
            chunks().push(full);
        }
    });
}

/// Emits an event of `kind` for goroutine `g` (the typed functions below are the usual way).
#[inline]
pub fn emit(kind: Kind, g: u64, args: [u64; 3]) {
    if on() {
        record(kind, g, args);
    }
}

/// The goroutine this thread is running (0 if none).
pub fn current() -> u64 {
    CUR.with(Cell::get)
}

fn chunks() -> &'static Injector<Vec<Event>> {
    CHUNKS.get_or_init(Injector::new)
}

fn flush() {
    BUF.with(|b| {
        let b = std::mem::take(&mut *b.borrow_mut());
        if !b.is_empty() {
            chunks().push(b);
        }
    });
}

/// A worker thread starts its loop.
pub fn thread_start(worker: usize) {
    if on() {
        WORKER.with(|w| w.set(worker as u32));
        ACTIVE.fetch_add(1, Ordering::SeqCst);
    }
}

/// A worker thread leaves its loop: its events go to the global list.
pub fn thread_exit() {
    if on() {
        flush();
        ACTIVE.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The run ended (run_program, after its own worker loop): keeps what the writer needs.
pub fn run_end(end: RunEnd) {
    if on() {
        *END.get_or_init(|| Mutex::new(None))
            .lock()
            .unwrap_or_else(|p| p.into_inner()) = Some(end);
    }
}

/// Every event recorded, sorted by time, and the run's end state. Waits up to a second for
/// the other workers to flush (they stop at their next check once the program has ended; one
/// blocked reading stdin would not, and its last events are then missing).
pub fn take() -> (Vec<Event>, Option<RunEnd>) {
    flush();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(1);
    while ACTIVE.load(Ordering::SeqCst) > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let mut all: Vec<Event> = Vec::new();
    loop {
        match chunks().steal() {
            Steal::Success(c) => all.extend(c),
            Steal::Retry => continue,
            Steal::Empty => break,
        }
    }
    // Stable: events of one thread with equal timestamps keep their order.
    all.sort_by_key(|e| e.ts);
    let end = END
        .get()
        .and_then(|m| m.lock().unwrap_or_else(|p| p.into_inner()).take());
    (all, end)
}

/// A position as events carry it: `(func + 1) << 32 | pc`.
#[inline]
pub fn pos(func: crate::bytecode::FuncId, pc: u32) -> u64 {
    ((func as u64 + 1) << 32) | pc as u64
}

/// Where a goroutine stands now: its innermost frame's saved pc (the instruction after the
/// one it executes, as tracebacks read it).
pub fn pos_of(g: &crate::vm::Goroutine) -> u64 {
    g.frames
        .last()
        .map_or(0, |f| pos(f.func, f.pc.saturating_sub(1)))
}

// ---- typed hooks: one line at each place the runtime acts ----

/// `g` was created by the running goroutine (at `created_by`'s position), to run `entry`.
#[inline]
pub fn go_create(g: &crate::vm::Goroutine) {
    if on() {
        let (by, at) = g.created_by.map_or((0, 0), |(f, pc, by)| (by, pos(f, pc)));
        let entry = g.frames.first().map_or(0, |f| f.func as u64);
        record(Kind::GoCreate, g.id, [by, at, entry]);
    }
}

/// A time slice of `g` starts on this thread.
#[inline]
pub fn go_start(g: u64) {
    if on() {
        CUR.with(|c| c.set(g));
        record(Kind::GoStart, g, [0; 3]);
    }
}

/// `g`'s time slice ended (`reason`: why it parks, for `Stop::Block`).
#[inline]
pub fn go_stop(
    g: &crate::vm::Goroutine,
    stop: Stop,
    reason: Option<crate::runtime::sched::WaitReason>,
) {
    if on() {
        CUR.with(|c| c.set(0));
        let r = reason.map_or(0, |r| r as u64 + 1);
        record(Kind::GoStop, g.id, [stop as u64, r, pos_of(g)]);
    }
}

/// `g`'s time slice ended with `exit` (the worker's view: yield, park, done, the end).
#[inline]
pub fn slice_end(g: &crate::vm::Goroutine, exit: &crate::vm::Exit) {
    if on() {
        use crate::vm::{Exit, GoPanic};
        let (stop, reason) = match exit {
            Exit::Yield => (Stop::Yield, None),
            Exit::Park(r) => (Stop::Block, Some(*r)),
            Exit::Done if g.dying.is_none() && g.id != 1 => (Stop::Done, None),
            Exit::Panic(GoPanic::Goexit, _) => (Stop::Done, None),
            _ => (Stop::Exit, None),
        };
        go_stop(g, stop, reason);
    }
}

/// `g` was made runnable by the running goroutine (or a timer).
#[inline]
pub fn go_unblock(g: u64) {
    if on() {
        record(Kind::GoUnblock, g, [current(), 0, 0]);
    }
}

/// This worker stole `g` from worker `victim`.
#[inline]
pub fn steal(g: u64, victim: usize) {
    if on() {
        record(Kind::Steal, g, [victim as u64, 0, 0]);
    }
}

/// The running goroutine `g` made channel `ch` (a channel word) with capacity `cap`.
#[inline]
pub fn chan_make(ch: u64, cap: usize, g: &crate::vm::Goroutine) {
    if on() {
        let id = crate::runtime::chan::id(ch);
        record(Kind::ChanMake, current(), [id, cap as u64, pos_of(g)]);
    }
}

/// The running goroutine sent (`send`) on or received from channel `ch()` (an id, computed
/// only when on), completing `wake`: a handoff to a parked receiver, or taking a parked
/// sender's value (its partner), else through the buffer (partner 0). Arguments are lazy so
/// that a hook costs one relaxed load when off, not a load of the partner's handle.
#[inline]
pub fn chan_done(send: bool, ch: impl FnOnce() -> u64, wake: &crate::runtime::chan::Wake) {
    if on() {
        let kind = if send { Kind::ChanSend } else { Kind::ChanRecv };
        record(kind, current(), [ch(), wake.partner(), 0]);
    }
}

#[inline]
pub fn chan_close(ch: u64) {
    if on() {
        record(Kind::ChanClose, current(), [ch, 0, 0]);
    }
}

/// The running goroutine queued on `ch` and will park (`send`: as a sender).
#[inline]
pub fn chan_block(ch: u64, send: bool) {
    if on() {
        record(Kind::ChanBlock, current(), [ch, send as u64, 0]);
    }
}

/// The running goroutine's select chose `case` of `n` (`n`: the default case).
#[inline]
pub fn select(case: usize, n: usize) {
    if on() {
        record(Kind::Select, current(), [case as u64, n as u64, 0]);
    }
}

/// Timer `id` fired: it wakes a goroutine (0), sends on a channel (1) or starts a function (2).
#[inline]
pub fn timer_fire(id: u64, action: &crate::runtime::sched::TimerAction) {
    if on() {
        use crate::runtime::sched::TimerAction;
        let (what, g) = match *action {
            TimerAction::Wake(g) => (0, g),
            TimerAction::Send { .. } => (1, 0),
            TimerAction::Func(_) => (2, 0),
        };
        record(Kind::TimerFire, 0, [id, what, g]);
    }
}

#[inline]
pub fn gc_start(live: u64) {
    if on() {
        record(Kind::GcStart, 0, [live, 0, 0]);
    }
}

#[inline]
pub fn gc_end(live: u64) {
    if on() {
        record(Kind::GcEnd, 0, [live, 0, 0]);
    }
}

#[inline]
pub fn program_end(code: i32, how: End) {
    if on() {
        record(Kind::ProgramEnd, 0, [code as u64, how as u64, 0]);
    }
}

/// Goroutine `g` was still parked at the end (`reason`, at `at`).
#[inline]
pub fn blocked_at_end(g: u64, reason: Option<crate::runtime::sched::WaitReason>, at: u64) {
    if on() {
        record(
            Kind::Blocked,
            g,
            [reason.map_or(0, |r| r as u64 + 1), at, 0],
        );
    }
}

/// The wait reasons by their number in events (`WaitReason as u64`), for the writer.
pub const WAIT_REASONS: [crate::runtime::sched::WaitReason; 12] = {
    use crate::runtime::sched::WaitReason::*;
    [
        ChanSend,
        ChanRecv,
        ChanSendNil,
        ChanRecvNil,
        Select,
        SelectNoCases,
        Sleep,
        WaitGroup,
        Mutex,
        Cond,
        SynctestWait,
        SynctestRun,
    ]
};
