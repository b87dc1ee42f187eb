//! SCHEDULER STATE: what the runtime lock protects. Input: requests from running goroutines
//! (spawn, park on a channel or sync object, sleep, arm and stop timers, ready another
//! goroutine) and from the workers (park the goroutine whose slice ended, fire due timers).
//! Output: the goroutine table, the wait reasons, the timer heap, and Go's reports
//! (panic traceback, deadlock goroutine dump). `worker.rs` runs the goroutines.
//!
//! Invariant: `gs` holds every live goroutine's handle (running, runnable or parked), from its
//! spawn to its end; what state each is in travels with the goroutine itself (`g.rs`), so
//! switching goroutines, parking and readying need neither this table nor the runtime lock.
//!
//! Goroutines are numbered as Go numbers them (main is 1). A readied goroutine goes to the
//! `runnext` slot of the thread that readied it (worker.rs; the REPL's thread has one too).

use crate::runtime::g::{GRef, G};
use crate::runtime::sync_shim::{Arc, AtomicU64, Ordering};
use crate::vm::{GoPanic, Goroutine, Machine};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

/// Maps keyed by goroutine ids, timer ids and object addresses: those keys are not chosen by
/// the program's input, so a multiplicative hash is enough (SipHash showed in profiles).
pub type HashMap<K, V> = std::collections::HashMap<K, V, IdHash>;
pub type HashSet<K> = std::collections::HashSet<K, IdHash>;

#[derive(Clone, Copy, Default)]
pub struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;
    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// Fibonacci hashing of one word (object addresses are 8-aligned: the multiply spreads them).
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }
}

/// Why a goroutine is parked, as Go's tracebacks name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitReason {
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
    /// `synctest.Wait`, and the end of `synctest.Test` waiting for its bubble's goroutines.
    SynctestWait,
    SynctestRun,
}

impl WaitReason {
    pub fn text(self) -> &'static str {
        match self {
            WaitReason::ChanSend => "chan send",
            WaitReason::ChanRecv => "chan receive",
            WaitReason::ChanSendNil => "chan send (nil chan)",
            WaitReason::ChanRecvNil => "chan receive (nil chan)",
            WaitReason::Select => "select",
            WaitReason::SelectNoCases => "select (no cases)",
            WaitReason::Sleep => "sleep",
            WaitReason::WaitGroup => "sync.WaitGroup.Wait",
            WaitReason::Mutex => "sync.Mutex.Lock",
            WaitReason::Cond => "sync.Cond.Wait",
            WaitReason::SynctestWait => "synctest.Wait",
            WaitReason::SynctestRun => "synctest.Run",
        }
    }
}

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug)]
pub enum TimerAction {
    /// Readies a sleeping goroutine.
    Wake(u64),
    /// Sends the current time on a channel without blocking (`After`, `Timer.C`, `Ticker.C`);
    /// a ticker re-arms itself with its period.
    Send { ch: u64, period: Option<Duration> },
    /// Starts a goroutine running a closure (`AfterFunc`).
    Func(u64),
}

#[derive(Default)]
pub struct Sched {
    /// Every live goroutine (Go's `allgs`): for the deadlock dump, the collector's roots and
    /// timers that wake a goroutine by number.
    pub gs: HashMap<u64, GRef>,
    pub next_id: u64,
    /// Goroutines alive (running, runnable or parked): `runtime.NumGoroutine`.
    pub nlive: usize,
    /// (deadline, timer id); an id whose action is gone was stopped (skipped when popped).
    timers: BinaryHeap<Reverse<(Instant, u64)>>,
    timer_seq: u64,
    pub timer_actions: HashMap<u64, (Instant, TimerAction)>,
    /// The earliest deadline in `timers` (ns on `worker::now_ns`'s clock, `u64::MAX`: none),
    /// shared with `Shared` so workers check it without the lock.
    pub timer_hint: Arc<AtomicU64>,
    /// `runtime.GOMAXPROCS`' current value.
    pub gomaxprocs: i64,
    /// Fired timers that must send or start goroutines (done by the loop, which has the heap).
    pub due: Vec<(u64, TimerAction)>,
    /// Timers that fired and whose action is in `due` or being carried out: Stop and Reset
    /// take them back from here (their action is then dropped: `timers::fire`).
    pub in_flight: HashMap<u64, TimerAction>,
}

impl Sched {
    pub fn new(timer_hint: Arc<AtomicU64>) -> Sched {
        timer_hint.store(u64::MAX, Ordering::SeqCst);
        Sched {
            timer_hint,
            ..Default::default()
        }
    }

    /// Readies goroutine number `gid` (a timer's wake-up), if it is still alive.
    pub fn ready_id(&mut self, gid: u64) {
        if let Some(g) = self.gs.get(&gid) {
            ready(g);
        }
    }

    /// Parks the running goroutine until `d` has passed.
    pub fn sleep(&mut self, gid: u64, d: Duration) {
        self.add_timer(d, TimerAction::Wake(gid));
    }

    /// Arms a timer; returns its id.
    pub fn add_timer(&mut self, d: Duration, action: TimerAction) -> u64 {
        if let Some(id) = super::bubble::add_timer(d, action) {
            return id; // a synctest bubble's goroutine: the bubble's fake clock
        }
        self.timer_seq += 1;
        let id = self.timer_seq;
        self.arm(id, d, action);
        id
    }

    /// (Re)arms timer `id`.
    pub fn arm(&mut self, id: u64, d: Duration, action: TimerAction) {
        if super::bubble::arm(id, d, action) {
            return;
        }
        let at = super::detsched::instant_now() + d;
        self.timers.push(Reverse((at, id)));
        self.timer_actions.insert(id, (at, action));
        let ns = crate::runtime::worker::now_ns()
            .saturating_add(d.as_nanos().min(u64::MAX as u128 / 2) as u64);
        self.timer_hint.fetch_min(ns, Ordering::SeqCst);
        // A sleeping worker may have to wake earlier than it planned.
        crate::runtime::shared::request_wake();
    }

    /// Stops timer `id`; whether it was pending.
    pub fn stop_timer(&mut self, id: u64) -> Option<TimerAction> {
        if let Some(pending) = super::bubble::stop_timer(id) {
            return pending;
        }
        let flying = self.in_flight.remove(&id);
        self.timer_actions.remove(&id).map(|(_, a)| a).or(flying)
    }

    /// A new goroutine (runs next, as Go's `newproc` does).
    pub fn spawn(&mut self, mut g: Goroutine) -> GRef {
        self.next_id += 1;
        let id = self.next_id;
        g.id = id;
        super::events::go_create(&g);
        let bubble = super::bubble::spawned(&mut g);
        let g = G::new(id, Box::new(g));
        if let Some(b) = bubble {
            super::bubble::register(&b, id, Arc::clone(&g));
        }
        self.gs.insert(id, Arc::clone(&g));
        self.nlive += 1;
        crate::runtime::stats::count(crate::runtime::stats::Event::Spawn);
        runnable(Arc::clone(&g), true);
        g
    }

    /// A goroutine ended (`nlive` is counted by the caller).
    pub fn exit(&mut self, id: u64) {
        self.gs.remove(&id);
    }

    pub fn count(&self) -> usize {
        self.nlive
    }

    pub(crate) fn fire_timers(&mut self, now: Instant) {
        while let Some(Reverse((t, id))) = self.timers.peek().copied() {
            // A stopped or re-armed timer's stale entry: drop it.
            match self.timer_actions.get(&id) {
                Some((at, _)) if *at == t => {}
                _ => {
                    self.timers.pop();
                    continue;
                }
            }
            if t > now {
                break;
            }
            self.timers.pop();
            let (_, action) = self.timer_actions.remove(&id).expect("checked");
            crate::runtime::events::timer_fire(id, &action);
            match action {
                TimerAction::Wake(gid) => self.ready_id(gid),
                TimerAction::Send {
                    period: Some(p),
                    ch,
                } => {
                    self.arm(
                        id,
                        p,
                        TimerAction::Send {
                            ch,
                            period: Some(p),
                        },
                    );
                    self.in_flight.insert(id, action);
                    self.due.push((id, action));
                }
                other => {
                    self.in_flight.insert(id, other);
                    self.due.push((id, other));
                }
            }
        }
        let hint = match self.timers.peek() {
            Some(Reverse((t, _))) => {
                let left = t.saturating_duration_since(super::detsched::instant_now());
                crate::runtime::worker::now_ns().saturating_add(left.as_nanos() as u64)
            }
            None => u64::MAX,
        };
        self.timer_hint.store(hint, Ordering::SeqCst);
    }

    /// The earliest pending timer's deadline.
    pub(crate) fn next_deadline(&mut self) -> Option<Instant> {
        // Stale entries (stopped or re-armed timers) are dropped from the top first.
        while let Some(Reverse((t, id))) = self.timers.peek().copied() {
            match self.timer_actions.get(&id) {
                Some((at, _)) if *at == t => return Some(t),
                _ => {
                    self.timers.pop();
                }
            }
        }
        None
    }
}

/// Makes a goroutine whose operation the caller completed runnable (after the caller's
/// `G::write`s): next in line on this thread, as Go's `goready` does. Needs no lock.
pub fn ready(g: &GRef) {
    if g.ready() {
        crate::runtime::events::go_unblock(g.id);
        crate::runtime::stats::count(crate::runtime::stats::Event::Handoff);
        runnable(Arc::clone(g), false);
    }
}

/// Queues a runnable goroutine in this thread's `runnext` (`wake`: wake an idle worker for the
/// one it displaces). Only threads that run goroutines (workers, the REPL's) ready others.
pub fn runnable(g: GRef, wake: bool) {
    crate::runtime::worker::push_next(g, wake);
}

pub use crate::runtime::worker::{gomaxprocs_from_env, num_cpu, run_program};

/// Go's report of an unrecovered panic (or fatal error) in `g`: the message and the stack
/// (`trace`, innermost first). Flushes stdout first.
pub fn panic_report(
    mach: &mut Machine,
    g: &mut Goroutine,
    p: GoPanic,
    trace: Vec<(crate::bytecode::FuncId, u32)>,
) -> String {
    let fatal = matches!(&p, GoPanic::Runtime(e) if e.is_fatal());
    let n = g.old_panics.len();
    let text = crate::vm::dying::text(mach, g, n, &p);
    mach.flush();
    let overflow = matches!(&p, GoPanic::Runtime(crate::vm::RuntimeError::StackOverflow));
    let mut out = if overflow {
        format!("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: {text}\n\n")
    } else if fatal {
        format!("fatal error: {text}\n\n")
    } else {
        let mut s = String::new();
        for (i, (old, recovered)) in std::mem::take(&mut g.old_panics).into_iter().enumerate() {
            let t = crate::vm::dying::text(mach, g, i, &old);
            s.push_str(&format!(
                "panic: {t}{}\n\t",
                if recovered { " [recovered]" } else { "" }
            ));
        }
        let mark = if g.repanicked {
            " [recovered, repanicked]"
        } else {
            ""
        };
        s.push_str(&format!("panic: {text}{mark}\n\n"));
        s
    };
    out.push_str(&format!("goroutine {} [running]:\n", g.id));
    let prog = std::sync::Arc::clone(&mach.prog);
    let frames: Vec<_> = trace
        .into_iter()
        .filter(|&(f, _)| prog.funcs[f as usize].name != "runtime.main")
        .collect();
    // As Go does, a deep stack (a runaway recursion) shows its innermost and outermost frames.
    let elided = frames.len().saturating_sub(2 * TRACE_ENDS);
    for (i, &(f, pc)) in frames.iter().enumerate() {
        if elided > 0 && i == TRACE_ENDS {
            out.push_str(&format!("...{elided} frames elided...\n"));
        }
        if elided > 0 && (TRACE_ENDS..TRACE_ENDS + elided).contains(&i) {
            continue;
        }
        let func = &prog.funcs[f as usize];
        let pos = prog.position(f, pc as usize);
        out.push_str(&format!("{}(...)\n\t{pos}\n", func.name));
    }
    out.push_str(&created_by(&prog, g));
    out
}

/// Go's last traceback lines for a goroutine started by a `go` statement.
pub(crate) fn created_by(prog: &crate::bytecode::Program, g: &Goroutine) -> String {
    match g.created_by {
        Some((f, pc, gid)) => {
            let func = &prog.funcs[f as usize];
            let name = if func.name == "runtime.main" {
                "main.main"
            } else {
                func.name.as_str()
            };
            let pos = prog.position(f, (pc as usize).saturating_sub(1));
            format!("created by {name} in goroutine {gid}\n\t{pos}\n")
        }
        None => String::new(),
    }
}

/// Frames a panic's trace shows at each end of a deeper stack (Go's traceback shows 50 and 50).
const TRACE_ENDS: usize = 50;

/// Every parked or runnable goroutine, as Go's tracebacks list them: `goroutine N [reason]:`
/// and its stack, innermost first, each followed by a blank line.
pub fn goroutine_dump(mach: &Machine) -> String {
    let mut out = String::new();
    let s = mach.sched();
    let mut gs: Vec<GRef> = s.gs.values().cloned().collect();
    drop(s);
    gs.sort_by_key(|g| g.id);
    let prog = std::sync::Arc::clone(&mach.prog);
    for g in gs {
        g.inspect(|body, reason| {
            let id = g.id;
            let reason = reason.map_or("runnable", |r| r.text());
            out.push_str(&format!("goroutine {id} [{reason}]:\n"));
            let Some(g) = body else { return };
            for f in g.frames.iter().rev() {
                let func = &prog.funcs[f.func as usize];
                if func.name == "runtime.main" {
                    continue;
                }
                let pos = prog.position(f.func, f.pc.saturating_sub(1) as usize);
                out.push_str(&format!("{}(...)\n\t{pos}\n", func.name));
            }
            out.push_str(&created_by(&prog, g));
        });
        out.push('\n');
    }
    out
}
