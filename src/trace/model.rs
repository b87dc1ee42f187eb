//! TRACE MODEL: the runtime's event stream (runtime/events.rs) turned into what a viewer
//! draws. Input: every event of a run, sorted by time, and the program (to name functions and
//! lines). Output: `Model` — per-worker lanes (which goroutine ran when), per-goroutine
//! segments (running, runnable, blocked with Go's wait reason), arrows from a channel send to
//! the receive it handed off to, GC pauses, channels named by the line of their `make`, and
//! the summary's figures. The JSON and HTML writers read only this.
//!
//! Times are nanoseconds from the first event. Strings (function names, `file:line`) are
//! interned in `strs` and referred to by index, so the page's data stays compact.

use crate::runtime::events::{End, Event, Kind, Stop, WAIT_REASONS};
use std::collections::HashMap as StdMap;

/// Keys are goroutine ids, workers, channel addresses and positions: the runtime's
/// multiplicative hash is enough (SipHash was a third of the model's time on 1M events).
type HashMap<K, V> = crate::runtime::sched::HashMap<K, V>;

/// A goroutine's state in a segment of its lane.
pub const RUNNING: u32 = 0;
pub const RUNNABLE: u32 = 1;
/// Blocked: `BLOCKED + wait reason number` (`events::WAIT_REASONS`).
pub const BLOCKED: u32 = 2;

pub struct Goroutine {
    pub id: u64,
    /// Its function (index into `strs`).
    pub func: u32,
    /// Where it was created (`strs`; the `go` statement), and by whom (0: the runtime).
    pub created_at: u32,
    pub parent: u64,
    pub start: u64,
    /// When it ended (None: still alive at the end).
    pub end: Option<u64>,
}

/// One piece of a goroutine lane: [start, end) in `state`, at `pos` (`strs`: where it blocked).
#[derive(Clone, Copy)]
pub struct Seg {
    pub g: u32,
    pub start: u64,
    pub end: u64,
    pub state: u32,
    pub pos: u32,
    /// The channel it blocked on (index into `chans` + 1; 0: none).
    pub chan: u32,
}

/// A time slice on a worker lane.
#[derive(Clone, Copy)]
pub struct Slice {
    pub worker: u32,
    pub g: u64,
    pub start: u64,
    pub end: u64,
}

/// A channel handoff: sender `from` at `t0` to receiver `to` at `t1` on channel `chan` (+1).
#[derive(Clone, Copy)]
pub struct Arrow {
    pub from: u64,
    pub t0: u64,
    pub to: u64,
    pub t1: u64,
    pub chan: u32,
}

pub struct Chan {
    /// Where it was made (`strs`).
    pub made_at: u32,
    pub cap: u64,
    /// Values sent (each once: by its sender, or by the receiver that took it from a parked
    /// sender) and values received.
    pub sends: u64,
    pub recvs: u64,
    pub closed: bool,
}

#[derive(Default)]
pub struct Summary {
    pub created: u64,
    pub max_alive: u64,
    /// Total ns blocked per wait reason (indexed like `WAIT_REASONS`).
    pub blocked_ns: Vec<u64>,
    pub steals: u64,
    pub gcs: u64,
    pub gc_pause_ns: u64,
    pub gc_max_ns: u64,
    /// Goroutines still parked at the end: (id, wait reason number, pos `strs`).
    pub leaked: Vec<(u64, u32, u32)>,
    pub exit_code: i32,
    pub end: Option<End>,
    pub events: usize,
}

pub struct Model {
    pub strs: Vec<String>,
    pub workers: u32,
    pub goroutines: Vec<Goroutine>,
    pub segs: Vec<Seg>,
    pub slices: Vec<Slice>,
    pub arrows: Vec<Arrow>,
    pub gc: Vec<(u64, u64)>,
    pub chans: Vec<Chan>,
    pub duration: u64,
    pub summary: Summary,
}

/// The wait reason's text for a reason number (`WaitReason as u64`).
pub fn reason_text(r: u32) -> &'static str {
    WAIT_REASONS.get(r as usize).map_or("blocked", |w| w.text())
}

struct Builder<'a> {
    prog: Option<&'a crate::bytecode::Program>,
    strs: Vec<String>,
    str_ix: StdMap<String, u32>,
    pos_ix: HashMap<u64, u32>,
    m: Model,
    /// Per goroutine: index in `goroutines`, the open segment (start, state, pos, chan).
    gix: HashMap<u64, usize>,
    open: HashMap<u64, (u64, u32, u32, u32)>,
    /// Per worker: the open slice (goroutine, start).
    running: HashMap<u32, (u64, u64)>,
    chan_ix: HashMap<u64, u32>,
    /// The channel a goroutine queued on last (index + 1).
    block_chan: HashMap<u64, u32>,
    /// Handoffs waiting for their receiver's next start: receiver → (sender, t, chan).
    pending: HashMap<u64, (u64, u64, u32)>,
    /// When each goroutine last stopped (a parked sender's send time).
    last_stop: HashMap<u64, u64>,
    alive: u64,
    gc_open: Option<u64>,
}

impl Builder<'_> {
    fn intern(&mut self, s: String) -> u32 {
        if let Some(&i) = self.str_ix.get(&s) {
            return i;
        }
        let i = self.strs.len() as u32;
        self.strs.push(s.clone());
        self.str_ix.insert(s, i);
        i
    }

    fn pos(&mut self, p: u64) -> u32 {
        if let Some(&i) = self.pos_ix.get(&p) {
            return i;
        }
        let text = match self.prog {
            Some(prog) if p != 0 => {
                let f = (p >> 32) as usize - 1;
                if f < prog.funcs.len() {
                    prog.position(f as crate::bytecode::FuncId, (p & 0xffff_ffff) as usize)
                } else {
                    String::new()
                }
            }
            _ => String::new(),
        };
        let i = self.intern(text);
        self.pos_ix.insert(p, i);
        i
    }

    fn func(&mut self, f: u64) -> u32 {
        let name = self
            .prog
            .and_then(|p| p.funcs.get(f as usize))
            .map_or_else(|| format!("func#{f}"), |fp| fp.name.clone());
        // The main goroutine enters through the runtime's wrapper; people know it as main.
        let name = if name == "runtime.main" {
            "main.main".to_string()
        } else {
            name
        };
        self.intern(name)
    }

    /// Closes `g`'s open segment at `t` and opens one in `state` (None: it ended).
    fn set_state(&mut self, g: u64, t: u64, next: Option<(u32, u32, u32)>) {
        if let Some((start, state, pos, chan)) = self.open.remove(&g) {
            if let Some(&ix) = self.gix.get(&g) {
                self.m.segs.push(Seg {
                    g: ix as u32,
                    start,
                    end: t,
                    state,
                    pos,
                    chan,
                });
                if state >= BLOCKED {
                    let r = (state - BLOCKED) as usize;
                    if r < self.m.summary.blocked_ns.len() {
                        self.m.summary.blocked_ns[r] += t - start;
                    }
                }
            }
        }
        if let Some((state, pos, chan)) = next {
            self.open.insert(g, (t, state, pos, chan));
        }
    }

    fn event(&mut self, e: &Event, t: u64) {
        match e.kind {
            Kind::GoCreate => {
                let func = self.func(e.args[2]);
                let created_at = self.pos(e.args[1]);
                self.gix.insert(e.g, self.m.goroutines.len());
                self.m.goroutines.push(Goroutine {
                    id: e.g,
                    func,
                    created_at,
                    parent: e.args[0],
                    start: t,
                    end: None,
                });
                self.m.summary.created += 1;
                self.alive += 1;
                self.m.summary.max_alive = self.m.summary.max_alive.max(self.alive);
                self.set_state(e.g, t, Some((RUNNABLE, 0, 0)));
            }
            Kind::GoStart => {
                self.set_state(e.g, t, Some((RUNNING, 0, 0)));
                self.running.insert(e.worker, (e.g, t));
                self.m.workers = self.m.workers.max(e.worker + 1);
                if let Some((from, t0, chan)) = self.pending.remove(&e.g) {
                    self.m.arrows.push(Arrow {
                        from,
                        t0,
                        to: e.g,
                        t1: t,
                        chan,
                    });
                }
            }
            Kind::GoStop => {
                if let Some((g, start)) = self.running.remove(&e.worker) {
                    self.m.slices.push(Slice {
                        worker: e.worker,
                        g,
                        start,
                        end: t,
                    });
                }
                self.last_stop.insert(e.g, t);
                let stop = e.args[0];
                let next = if stop == Stop::Yield as u64 {
                    Some((RUNNABLE, 0, 0))
                } else if stop == Stop::Block as u64 {
                    let reason = e.args[1].saturating_sub(1) as u32;
                    let pos = self.pos(e.args[2]);
                    let chan = self.block_chan.remove(&e.g).unwrap_or(0);
                    Some((BLOCKED + reason, pos, chan))
                } else {
                    None
                };
                if next.is_none() {
                    if let Some(&ix) = self.gix.get(&e.g) {
                        self.m.goroutines[ix].end = Some(t);
                    }
                    self.alive = self.alive.saturating_sub(1);
                }
                self.set_state(e.g, t, next);
            }
            Kind::GoUnblock => {
                // Only a parked goroutine changes state (a wake-up racing its park is
                // reported by the parking worker after the stop).
                if self.open.get(&e.g).is_some_and(|o| o.1 >= BLOCKED) {
                    self.set_state(e.g, t, Some((RUNNABLE, 0, 0)));
                }
            }
            Kind::Steal => self.m.summary.steals += 1,
            Kind::ChanMake => {
                let made_at = self.pos(e.args[2]);
                self.chan_ix.insert(e.args[0], self.m.chans.len() as u32);
                self.m.chans.push(Chan {
                    made_at,
                    cap: e.args[1],
                    sends: 0,
                    recvs: 0,
                    closed: false,
                });
            }
            Kind::ChanSend | Kind::ChanRecv => {
                let c = self.chan(e.args[0]);
                let partner = e.args[1];
                if let Some(ch) = c
                    .checked_sub(1)
                    .and_then(|i| self.m.chans.get_mut(i as usize))
                {
                    // A value moves once: sent by its sender, or taken from a parked sender by
                    // the receiver that completed it (which counts for both sides).
                    let send = e.kind == Kind::ChanSend;
                    ch.sends += (send || partner != 0) as u64;
                    ch.recvs += (!send || partner != 0) as u64;
                }
                if partner != 0 {
                    if e.kind == Kind::ChanSend {
                        // The receiver was parked: it gets the value when it next runs.
                        self.pending.insert(partner, (e.g, t, c));
                    } else {
                        // The sender was parked since it last stopped.
                        let t0 = self.last_stop.get(&partner).copied().unwrap_or(t);
                        self.m.arrows.push(Arrow {
                            from: partner,
                            t0,
                            to: e.g,
                            t1: t,
                            chan: c,
                        });
                    }
                }
            }
            Kind::ChanClose => {
                let c = self.chan(e.args[0]);
                if let Some(ch) = c
                    .checked_sub(1)
                    .and_then(|i| self.m.chans.get_mut(i as usize))
                {
                    ch.closed = true;
                }
            }
            Kind::ChanBlock => {
                let c = self.chan(e.args[0]);
                self.block_chan.insert(e.g, c);
            }
            Kind::Select | Kind::TimerFire => {}
            Kind::GcStart => self.gc_open = Some(t),
            Kind::GcEnd => {
                if let Some(s) = self.gc_open.take() {
                    self.m.gc.push((s, t));
                    self.m.summary.gcs += 1;
                    self.m.summary.gc_pause_ns += t - s;
                    self.m.summary.gc_max_ns = self.m.summary.gc_max_ns.max(t - s);
                }
            }
            Kind::ProgramEnd => {
                if self.m.summary.end.is_none() {
                    self.m.summary.exit_code = e.args[0] as i32;
                    self.m.summary.end = Some(match e.args[1] {
                        0 => End::Normal,
                        1 => End::Panic,
                        2 => End::Deadlock,
                        _ => End::Exit,
                    });
                }
            }
            Kind::Blocked => {
                let pos = self.pos(e.args[1]);
                let r = e.args[0].saturating_sub(1) as u32;
                self.m.summary.leaked.push((e.g, r, pos));
            }
        }
    }

    /// A channel's index + 1 (0: made before tracing or unknown).
    fn chan(&self, id: u64) -> u32 {
        self.chan_ix.get(&id).map_or(0, |&i| i + 1)
    }
}

/// Builds the model of a run from its events (sorted by time).
pub fn build(events: &[Event], prog: Option<&crate::bytecode::Program>, nprocs: usize) -> Model {
    // Time 0 is the first time slice (what came before it is the runtime starting up; on a
    // loaded machine it can dwarf the run itself).
    let t0 = events
        .iter()
        .find(|e| matches!(e.kind, Kind::GoStart))
        .or(events.first())
        .map_or(0, |e| e.ts);
    let mut b = Builder {
        prog,
        strs: Vec::new(),
        str_ix: StdMap::new(),
        pos_ix: HashMap::default(),
        m: Model {
            strs: Vec::new(),
            workers: nprocs as u32,
            goroutines: Vec::new(),
            segs: Vec::new(),
            slices: Vec::new(),
            arrows: Vec::new(),
            gc: Vec::new(),
            chans: Vec::new(),
            duration: 0,
            summary: Summary {
                blocked_ns: vec![0; WAIT_REASONS.len()],
                events: events.len(),
                ..Summary::default()
            },
        },
        gix: HashMap::default(),
        open: HashMap::default(),
        running: HashMap::default(),
        chan_ix: HashMap::default(),
        block_chan: HashMap::default(),
        pending: HashMap::default(),
        last_stop: HashMap::default(),
        alive: 0,
        gc_open: None,
    };
    b.intern(String::new());
    for e in events {
        b.event(e, e.ts.saturating_sub(t0));
    }
    let end = events.last().map_or(0, |e| e.ts.saturating_sub(t0));
    // Close what is still open at the end: lanes and slices of goroutines still alive.
    let mut open: Vec<u64> = b.open.keys().copied().collect();
    open.sort_unstable();
    for g in open {
        b.set_state(g, end, None);
    }
    let mut running: Vec<(u32, (u64, u64))> = b.running.drain().collect();
    running.sort_unstable();
    for (worker, (g, start)) in running {
        b.m.slices.push(Slice {
            worker,
            g,
            start,
            end,
        });
    }
    if let Some(s) = b.gc_open.take() {
        b.m.gc.push((s, end));
    }
    b.m.summary.leaked.sort_unstable();
    b.m.duration = end;
    b.m.strs = std::mem::take(&mut b.strs);
    b.m
}
