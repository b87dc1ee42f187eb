//! REPL SCHEDULER: runs the goroutines of one long-lived machine across REPL inputs. Input: each
//! input's program (an extension of the running one, `compiler::compile_linked`) and its entry
//! function. Output: one `Event` per step — the input goroutine finished, panicked, deadlocked,
//! was interrupted or called `os.Exit`; a background goroutine panicked; or nothing can run
//! until a deadline (or until the next input).
//!
//! Differences from `sched::run_program`, which ends the program on these events: an input's
//! goroutine plays main's part, but returning from it ends only the input; goroutines it started
//! keep running between inputs; a panic kills only its goroutine; "deadlock" means the input
//! goroutine waits while nothing can run and no timer is pending, and it is then removed (the
//! goroutines it waits for stay, a later input may still wake them).
//!
//! Invariant: as in `sched.rs`, every live goroutine's handle is in `gs`, and its state travels
//! with it (g.rs). The session's thread has its own run queues (`worker::install_local_queues`).
//! Removing a goroutine (`kill`) marks it dead and may leave its handle in a wait queue or the
//! run queue: dead goroutines are skipped when dequeued or met by a waker.

use super::sched::{goroutine_dump, panic_report};
use crate::bytecode::FuncId;
use crate::vm::dying::Next;
use crate::vm::{run, Exit, GoPanic, Goroutine, Machine};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Instructions' fuel per time slice (as `run_program`).
const SLICE: u32 = 20_000;

/// What a step of the session's scheduler observed.
pub enum Event {
    /// A goroutine ran for a slice (or a timer fired); step again.
    Ran,
    /// Nothing can run before `Some(deadline)` (a timer), or at all (`None`), and no input is
    /// running: wait for the deadline or the next input.
    Idle(Option<Instant>),
    /// The input's goroutine ended.
    Finished(Outcome),
    /// A goroutine not running an input panicked: Go's report (it is gone, the rest goes on).
    Background(String),
}

pub enum Outcome {
    Done,
    /// Go's report of the panic, or of the deadlock with the goroutine list.
    Panicked(String),
    Deadlock(String),
    Interrupted,
    Exit(i32),
}

pub struct Session {
    pub mach: Machine,
    /// The goroutine running the current input, and the first goroutine id of that input
    /// (goroutines it started have larger ids: an interrupt stops them too).
    input: Option<(u64, u64)>,
}

impl Session {
    /// A machine for the session's first program.
    pub fn new(prog: crate::vm::verify::Verified, args: Vec<String>) -> Session {
        let mach = Machine::new(prog, args, Some(crate::vm::machine::SESSION_GLOBALS));
        super::worker::install_local_queues();
        {
            let mut s = mach.sched();
            s.next_id = 0;
            s.gomaxprocs = super::sched::gomaxprocs_from_env();
        }
        Session { mach, input: None }
    }

    /// Whether an input is running.
    pub fn busy(&self) -> bool {
        self.input.is_some()
    }

    /// Starts `entry` of the (already installed) program as the input's goroutine.
    pub fn start(&mut self, entry: FuncId) {
        let g = Goroutine::new(&self.mach.prog, entry, &[]);
        let id = self.mach.sched().spawn(g).id;
        self.input = Some((id, id));
    }

    /// Runs one slice of the next runnable goroutine (firing due timers first).
    pub fn step(&mut self, interrupt: &AtomicBool) -> Event {
        if interrupt.swap(false, Ordering::SeqCst) {
            if let Some((_, first)) = self.input.take() {
                let ids: Vec<u64> = self
                    .mach
                    .sched()
                    .gs
                    .keys()
                    .copied()
                    .filter(|&id| id >= first)
                    .collect();
                ids.into_iter().for_each(|id| self.kill(id));
                self.mach.flush();
                return Event::Finished(Outcome::Interrupted);
            }
        }
        let mach = &mut self.mach;
        crate::vm::timers::fire_due(mach);
        let next = loop {
            match super::worker::pop_local() {
                // None from `take`: killed while queued.
                Some(g) => match g.take() {
                    Some(taken) => break Some((g, taken)),
                    None => continue,
                },
                None => break None,
            }
        };
        let Some((gref, (mut g, wake_panic))) = next else {
            let deadline = mach.sched().next_deadline();
            mach.flush();
            return match (self.input, deadline) {
                (Some((gid, _)), None) => {
                    let mut text =
                        String::from("fatal error: all goroutines are asleep - deadlock!\n\n");
                    text.push_str(&goroutine_dump(mach));
                    self.kill(gid);
                    self.input = None;
                    Event::Finished(Outcome::Deadlock(text))
                }
                _ => Event::Idle(deadline),
            };
        };
        mach.cur = Some(gref);
        let exit = match wake_panic {
            Some(msg) => crate::vm::throw_at_resume(&mut g, mach, crate::vm::panic::runtime(msg)),
            None => run(&mut g, mach, SLICE),
        };
        let gref = mach.cur.take().expect("set above");
        let is_input = self.input.is_some_and(|(gid, _)| gid == g.id);
        // An unrecovered panic's texts first: its values' methods run as frames (`vm/dying.rs`).
        let exit = match exit {
            Exit::Done if g.dying.is_some() => match crate::vm::dying::on_done(mach, &mut g) {
                Next::Run => Exit::Yield,
                Next::Report(p, trace) => Exit::Panic(p, trace),
            },
            Exit::Panic(p, trace) if !matches!(p, GoPanic::Goexit) => {
                match crate::vm::dying::on_panic(mach, &mut g, p, trace) {
                    Next::Run => Exit::Yield,
                    Next::Report(p, trace) => Exit::Panic(p, trace),
                }
            }
            e => e,
        };
        let event = match exit {
            Exit::Yield => {
                gref.put_runnable(g);
                super::worker::push_back(gref);
                Event::Ran
            }
            Exit::Park(reason) => {
                if gref.park(g, reason) {
                    super::worker::push_next(gref, false);
                }
                Event::Ran
            }
            Exit::Done | Exit::Panic(GoPanic::Goexit, _) if is_input => {
                ended(mach, gref.id);
                self.input = None;
                Event::Finished(Outcome::Done)
            }
            Exit::Done | Exit::Panic(GoPanic::Goexit, _) => {
                ended(mach, gref.id);
                Event::Ran
            }
            Exit::Exit(code) => Event::Finished(Outcome::Exit(code)),
            Exit::Panic(p, trace) => {
                ended(mach, gref.id);
                let text = panic_report(mach, &mut g, p, trace);
                if is_input {
                    self.input = None;
                    Event::Finished(Outcome::Panicked(text))
                } else {
                    Event::Background(text)
                }
            }
        };
        if !matches!(event, Event::Finished(Outcome::Exit(_))) {
            crate::vm::gcroots::maybe_collect(&mut self.mach);
        }
        self.mach.flush();
        event
    }

    /// Forgets the running input (after a failure inside gol itself); whether there was one.
    pub fn abandon_input(&mut self) -> bool {
        self.input.take().is_some()
    }

    /// Removes goroutine `id` for good (see the invariant above).
    fn kill(&mut self, id: u64) {
        let mut s = self.mach.sched();
        if let Some(g) = s.gs.remove(&id) {
            g.kill();
            s.nlive -= 1;
        }
        drop(s);
        self.mach.sh.waitq.retain(|g| g.id != id);
    }

    /// `:goroutines`: each goroutine's number, state, wait reason and position.
    pub fn goroutines(&self) -> String {
        let mut out = String::new();
        let mut gs: Vec<_> = self.mach.sched().gs.values().cloned().collect();
        gs.sort_by_key(|g| g.id);
        let prog = &self.mach.prog;
        for gref in gs {
            let id = gref.id;
            let Some((state, at)) = gref.inspect(|body, reason| {
                let state = match reason {
                    Some(r) => format!("waiting: {}", r.text()),
                    None => "runnable".to_string(),
                };
                let at = body?
                    .frames
                    .iter()
                    .rev()
                    .find(|f| prog.funcs[f.func as usize].name != "runtime.main")
                    .map(|f| (f.func, f.pc));
                Some((state, at))
            }) else {
                continue;
            };
            let pos = match at {
                Some((func, pc)) => {
                    let name = &prog.funcs[func as usize].name;
                    let pos = prog.position(func, pc.saturating_sub(1) as usize);
                    format!("{name} at {pos}")
                }
                None => "(starting)".to_string(),
            };
            out.push_str(&format!("goroutine {id} [{state}] {pos}\n"));
        }
        out
    }
}

/// A goroutine of the session ended.
fn ended(mach: &Machine, id: u64) {
    let mut s = mach.sched();
    s.nlive -= 1;
    s.exit(id);
}
