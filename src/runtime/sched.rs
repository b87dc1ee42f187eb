//! SCHEDULER: runs a program's goroutines. Input: the compiled program. Output: its run to the
//! end — `main` returning (exit 0, other goroutines abandoned as in Go), `os.Exit`, an
//! unrecovered panic in any goroutine (exit 2), or Go's deadlock report when nothing can run.
//!
//! This first scheduler has one worker (GOMAXPROCS is not honoured yet) with Go's queue
//! discipline: a run queue plus a `runnext` slot taken by the goroutine readied most recently
//! (a new goroutine, the partner of a channel handoff), goroutines preempted by an instruction
//! budget, and a timer heap for sleeps. Goroutines are numbered as Go numbers them (main is 1).
//!
//! Invariant: a goroutine is in exactly one of: running (owned by the loop), `gs` and the run
//! queue (runnable), `gs` and parked (in a channel queue or the timer heap).

use crate::bytecode::Program;
use crate::vm::{run, Exit, GoPanic, Goroutine, Machine};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::io::Write;
use std::time::{Duration, Instant};

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
    /// A context's deadline passed (vm/ctx.rs).
    Ctx(u64),
}

#[derive(Default)]
pub struct Sched {
    pub gs: HashMap<u64, Box<Goroutine>>,
    pub(crate) runq: VecDeque<u64>,
    pub(crate) runnext: Option<u64>,
    pub next_id: u64,
    /// (deadline, timer id); an id whose action is gone was stopped (skipped when popped).
    timers: BinaryHeap<Reverse<(Instant, u64)>>,
    timer_seq: u64,
    pub timer_actions: HashMap<u64, (Instant, TimerAction)>,
    /// Goroutines parked on sync objects, by the object's address (FIFO).
    pub sync_waiters: HashMap<u64, VecDeque<u64>>,
    /// `runtime.GOMAXPROCS`' current value.
    pub gomaxprocs: i64,
    /// Fired timers that must send or start goroutines (done by the loop, which has the heap).
    pub due: Vec<TimerAction>,
    /// Goroutines woken to panic (a send on a channel closed while they waited).
    pub(crate) wake_panics: HashMap<u64, &'static str>,
    /// Why each parked goroutine waits.
    pub reasons: HashMap<u64, WaitReason>,
    pub running: u64,
}

impl Sched {
    /// Writes a parked goroutine's register (completing its operation).
    pub fn write(&mut self, gid: u64, reg: usize, v: u64) {
        if let Some(g) = self.gs.get_mut(&gid) {
            if reg < g.regs.len() {
                g.regs[reg] = v;
            }
        }
    }

    /// Makes `gid` runnable, next in line.
    pub fn ready(&mut self, gid: u64) {
        self.reasons.remove(&gid);
        if let Some(prev) = self.runnext.replace(gid) {
            self.runq.push_back(prev);
        }
    }

    pub fn panic_on_wake(&mut self, gid: u64, msg: &'static str) {
        self.wake_panics.insert(gid, msg);
    }

    /// Parks the running goroutine until `d` has passed.
    pub fn sleep(&mut self, gid: u64, d: Duration) {
        self.add_timer(d, TimerAction::Wake(gid));
    }

    /// Arms a timer; returns its id.
    pub fn add_timer(&mut self, d: Duration, action: TimerAction) -> u64 {
        self.timer_seq += 1;
        let id = self.timer_seq;
        self.arm(id, d, action);
        id
    }

    /// (Re)arms timer `id`.
    pub fn arm(&mut self, id: u64, d: Duration, action: TimerAction) {
        let at = Instant::now() + d;
        self.timers.push(Reverse((at, id)));
        self.timer_actions.insert(id, (at, action));
    }

    /// Stops timer `id`; whether it was pending.
    pub fn stop_timer(&mut self, id: u64) -> Option<TimerAction> {
        self.timer_actions.remove(&id).map(|(_, a)| a)
    }

    /// Queues the running goroutine on sync object `obj`.
    pub fn wait_on(&mut self, obj: u64, gid: u64) {
        self.sync_waiters.entry(obj).or_default().push_back(gid);
    }

    /// The next goroutine waiting on `obj`, if any.
    pub fn pop_waiter(&mut self, obj: u64) -> Option<u64> {
        let q = self.sync_waiters.get_mut(&obj)?;
        let g = q.pop_front();
        if q.is_empty() {
            self.sync_waiters.remove(&obj);
        }
        g
    }

    /// A new goroutine (runs next, as Go's `newproc` does).
    pub fn spawn(&mut self, mut g: Goroutine) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        g.id = id;
        self.gs.insert(id, Box::new(g));
        self.ready(id);
        id
    }

    pub fn count(&self) -> usize {
        self.gs.len() + 1
    }

    pub(crate) fn fire_timers(&mut self, now: Instant) {
        while let Some(Reverse((t, id))) = self.timers.peek().copied() {
            if t > now {
                break;
            }
            self.timers.pop();
            // A stopped or re-armed timer's stale entry: skip it.
            match self.timer_actions.get(&id) {
                Some((at, _)) if *at == t => {}
                _ => continue,
            }
            let (_, action) = self.timer_actions.remove(&id).expect("checked");
            match action {
                TimerAction::Wake(gid) => self.ready(gid),
                TimerAction::Send { period: Some(p), ch } => {
                    self.arm(id, p, TimerAction::Send { ch, period: Some(p) });
                    self.due.push(action);
                }
                other => self.due.push(other),
            }
        }
    }

    /// The earliest pending timer's deadline.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        self.timer_actions.values().map(|(t, _)| *t).min()
    }

    pub(crate) fn next(&mut self) -> Option<u64> {
        self.runnext.take().or_else(|| self.runq.pop_front())
    }
}

/// Runs `prog` from its entry to the end; returns the process exit status.
pub fn run_program(prog: Program, args: Vec<String>) -> i32 {
    let Some(entry) = prog.init else {
        return 0;
    };
    let mut main = Goroutine::new(&prog, entry, &[]);
    main.id = 1;
    let mut mach = Machine::new(prog, args);
    mach.sched.next_id = 1;
    mach.sched.gomaxprocs = gomaxprocs_from_env();
    let mut current: Box<Goroutine> = Box::new(main);
    let mut main_goexited = false;
    loop {
        mach.sched.running = current.id;
        let exit = match mach.sched.wake_panics.remove(&current.id) {
            Some(msg) => crate::vm::throw_at_resume(&mut current, &mut mach, GoPanic::Native(msg.to_string())),
            None => run(&mut current, &mut mach, 20_000),
        };
        // A safepoint: no instruction is running.
        if !matches!(exit, Exit::Panic(..) | Exit::Exit(_)) {
            crate::vm::gcroots::maybe_collect(&mut mach, &current);
        }
        match exit {
            Exit::Yield => {
                let id = current.id;
                mach.sched.gs.insert(id, current);
                mach.sched.runq.push_back(id);
            }
            Exit::Park(reason) => {
                let id = current.id;
                mach.sched.reasons.insert(id, reason);
                mach.sched.gs.insert(id, current);
            }
            Exit::Done if current.id == 1 => {
                mach.flush();
                return 0;
            }
            Exit::Done => {}
            Exit::Exit(code) => {
                mach.flush();
                return code;
            }
            // Goexit ended the goroutine; main's ending leaves the others running until none is.
            Exit::Panic(GoPanic::Goexit, _) => {
                if current.id == 1 {
                    main_goexited = true;
                }
            }
            Exit::Panic(p, trace) => return report_panic(&mut mach, &mut current, p, trace),
        }
        // Pick the next goroutine: runnable ones first, then wait for the earliest timer.
        let next = loop {
            mach.sched.fire_timers(Instant::now());
            for action in std::mem::take(&mut mach.sched.due) {
                crate::vm::timers::fire(&mut mach, action);
            }
            if let Some(id) = mach.sched.next() {
                break id;
            }
            match mach.sched.next_deadline() {
                Some(t) => {
                    let now = Instant::now();
                    if t > now {
                        mach.flush();
                        std::thread::sleep(t - now);
                    }
                }
                None if main_goexited && mach.sched.gs.is_empty() => {
                    mach.flush();
                    let _ = std::io::stderr().write_all(
                        b"fatal error: no goroutines (main called runtime.Goexit) - deadlock!\n",
                    );
                    return 2;
                }
                None => return report_deadlock(&mut mach),
            }
        };
        current = mach.sched.gs.remove(&next).expect("a runnable goroutine exists");
    }
}

/// `GOMAXPROCS` from the environment as Go reads it (a positive number), else the CPU count.
pub fn gomaxprocs_from_env() -> i64 {
    match std::env::var("GOMAXPROCS").ok().and_then(|v| v.parse::<i64>().ok()) {
        Some(n) if n > 0 => n,
        _ => num_cpu(),
    }
}

pub fn num_cpu() -> i64 {
    std::thread::available_parallelism().map_or(1, |n| n.get() as i64)
}

fn report_panic(mach: &mut Machine, g: &mut Goroutine, p: GoPanic, trace: Vec<(u16, u32)>) -> i32 {
    let mut out = panic_report(mach, g, p, trace);
    out.push_str("exit status 2\n");
    let _ = std::io::stderr().write_all(out.as_bytes());
    2
}

/// Go's report of an unrecovered panic (or fatal error) in `g`: the message and the stack
/// (`trace`, innermost first). Flushes stdout first.
pub fn panic_report(mach: &mut Machine, g: &mut Goroutine, p: GoPanic, trace: Vec<(u16, u32)>) -> String {
    let fatal = matches!(&p, GoPanic::Runtime(e) if e.is_fatal());
    let text = crate::vm::host::panic_text(mach, g, &p);
    mach.flush();
    let overflow = matches!(&p, GoPanic::Runtime(crate::vm::RuntimeError::StackOverflow));
    let mut out = if overflow {
        format!("runtime: goroutine stack exceeds 1000000000-byte limit\nfatal error: {text}\n\n")
    } else if fatal {
        format!("fatal error: {text}\n\n")
    } else {
        let mut s = String::new();
        for (old, recovered) in std::mem::take(&mut g.old_panics) {
            let t = crate::vm::host::panic_text(mach, g, &old);
            s.push_str(&format!("panic: {t}{}\n\t", if recovered { " [recovered]" } else { "" }));
        }
        let mark = if g.repanicked { " [recovered, repanicked]" } else { "" };
        s.push_str(&format!("panic: {text}{mark}\n\n"));
        s
    };
    out.push_str(&format!("goroutine {} [running]:\n", g.id));
    let prog = std::sync::Arc::clone(&mach.prog);
    let frames: Vec<_> = trace.into_iter().filter(|&(f, _)| prog.funcs[f as usize].name != "runtime.main").collect();
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
        out.push_str(&format!("{}(...)\n\t{}:{}\n", func.name, prog.file, func.line_at(pc as usize)));
    }
    out
}

/// Frames a panic's trace shows at each end of a deeper stack (Go's traceback shows 50 and 50).
const TRACE_ENDS: usize = 50;

fn report_deadlock(mach: &mut Machine) -> i32 {
    mach.flush();
    let mut out = String::from("fatal error: all goroutines are asleep - deadlock!\n\n");
    out.push_str(&goroutine_dump(mach));
    out.push_str("exit status 2\n");
    let _ = std::io::stderr().write_all(out.as_bytes());
    2
}

/// Every parked or runnable goroutine, as Go's tracebacks list them: `goroutine N [reason]:`
/// and its stack, innermost first, each followed by a blank line.
pub fn goroutine_dump(mach: &Machine) -> String {
    let mut out = String::new();
    let mut ids: Vec<u64> = mach.sched.gs.keys().copied().collect();
    ids.sort();
    let prog = std::sync::Arc::clone(&mach.prog);
    for id in ids {
        let reason = mach.sched.reasons.get(&id).map_or("runnable", |r| r.text());
        out.push_str(&format!("goroutine {id} [{reason}]:\n"));
        if let Some(g) = mach.sched.gs.get(&id) {
            for f in g.frames.iter().rev() {
                let func = &prog.funcs[f.func as usize];
                if func.name == "runtime.main" {
                    continue;
                }
                let line = func.line_at(f.pc.saturating_sub(1) as usize);
                out.push_str(&format!("{}(...)\n\t{}:{}\n", func.name, prog.file, line));
            }
        }
        out.push('\n');
    }
    out
}
