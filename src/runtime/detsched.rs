//! DETERMINISTIC MODE (`gol run --seed N`). Input: the seed and strategy from the command line,
//! then the scheduler's questions (which runnable goroutine runs next, how much fuel its slice
//! gets), the runtime's requests for random numbers (select, map iteration, math/rand) and for
//! the time. Output: answers that depend only on the seed, and a virtual clock.
//!
//! Invariants:
//! - Off (the default), every entry point costs one relaxed load of `ON` and changes nothing.
//! - On, the program runs on exactly one worker thread, so the only sources of variation are
//!   the ones this file answers: every scheduling choice, every random number and every clock
//!   reading is drawn here, in program order, from one generator seeded by N.
//! - The virtual clock jumps when nothing can run (`advance_to`, called by the idle worker):
//!   the earliest timer's deadline becomes "now", as `testing/synctest` does. It also ticks
//!   `SLICE_NS` at every scheduling decision, so a goroutine that spins until a timer fires
//!   (or until a deadline passes) still gets there, as it would on a real clock.
//!
//! Strategies: `random` picks uniformly among the runnable goroutines at every decision and
//! gives each slice a random amount of fuel. `pct` (probabilistic concurrency testing, Burckhardt
//! et al.) gives every goroutine a random priority when first seen, always runs the highest,
//! and at `DEPTH - 1` random decision points lowers the running goroutine below all others:
//! a bug that needs `d` ordering constraints shows with probability about 1/(n·k^(d-1)).

use super::g::GRef;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// Whether deterministic mode is on (set once, before the program starts).
static ON: AtomicBool = AtomicBool::new(false);
/// Virtual nanoseconds since the program started (only in deterministic mode).
static VNOW: AtomicU64 = AtomicU64::new(0);
/// What one scheduling decision costs on the virtual clock (a time slice's worth of work).
const SLICE_NS: u64 = 1_000;
static STATE: Mutex<Option<State>> = Mutex::new(None);
/// The real instant virtual time 0 stands for: timer deadlines are `Instant`s.
static BASE: OnceLock<Instant> = OnceLock::new();

/// The wall clock's reading at virtual time 0: 2009-11-10 23:00:00 UTC, the Go playground's
/// fake time, so `time.Now()` prints the same in every run.
const EPOCH_UNIX_NS: i64 = 1_257_894_000 * 1_000_000_000;
/// PCT's depth (bugs needing up to DEPTH ordering constraints are found).
const DEPTH: u64 = 3;
/// PCT's guesses at how many scheduling decisions a run makes (change points fall among
/// them): each run draws one of 2^MIN_LOG..2^MAX_LOG, so short and long programs both get
/// change points where they matter.
const MIN_LOG: u64 = 2;
const MAX_LOG: u64 = 9;
/// Reported by `runtime.GOMAXPROCS(0)` and `runtime.NumCPU()`: the machine must not show.
pub const VIRTUAL_PROCS: i64 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strategy {
    Random,
    Pct,
}

impl Strategy {
    pub fn parse(s: &str) -> Option<Strategy> {
        match s {
            "random" => Some(Strategy::Random),
            "pct" => Some(Strategy::Pct),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::Pct => "pct",
        }
    }
}

struct State {
    rng: u64,
    strategy: Strategy,
    /// PCT: each goroutine's priority (higher runs first), by goroutine number.
    prio: HashMap<u64, u64>,
    /// PCT: decision numbers at which the chosen goroutine's priority drops.
    change_points: Vec<u64>,
    /// Decisions made so far.
    step: u64,
    /// Goroutines handed to the scheduler and not yet chosen (the run queue in this mode).
    pool: Vec<GRef>,
}

impl State {
    /// splitmix64: a full-period generator whose every seed (0 included) gives a good stream.
    fn next(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        // n is small (queue lengths, fuel): the modulo bias is negligible and deterministic.
        self.next() % n.max(1)
    }
}

fn state() -> MutexGuard<'static, Option<State>> {
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

/// Turns deterministic mode on (before the program starts; the CLI's `--seed`).
pub fn enable(seed: u64, strategy: Strategy) {
    let mut st = State {
        rng: seed,
        strategy,
        prio: HashMap::new(),
        change_points: Vec::new(),
        step: 0,
        pool: Vec::new(),
    };
    if strategy == Strategy::Pct {
        let horizon = 1 << (MIN_LOG + st.below(MAX_LOG - MIN_LOG + 1));
        for _ in 1..DEPTH {
            let at = 1 + st.below(horizon);
            st.change_points.push(at);
        }
    }
    *state() = Some(st);
    BASE.get_or_init(Instant::now);
    ON.store(true, Ordering::SeqCst);
}

/// Whether this run is deterministic.
#[inline]
pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// The next random word (select, map iteration, math/rand, crypto/rand in this mode).
pub fn next_u64() -> u64 {
    state().as_mut().map_or(0, State::next)
}

/// Fuel for the next slice: usually small, so preemption lands at varied points.
pub fn fuel(full: u32) -> u32 {
    let mut g = state();
    let Some(s) = g.as_mut() else { return full };
    if s.strategy == Strategy::Pct {
        // PCT's steps are the preemption points themselves (no fuel: the slice ends at the
        // first one, after its instruction): the running goroutine goes on (it has the
        // highest priority) unless a change point lowers it.
        return 0;
    }
    // A mix of lengths: most slices end within a few preemption points (calls, backward
    // jumps, channel and sync operations), some run a long stretch.
    match s.below(8) {
        0 => full,
        1..=4 => s.below(4) as u32,
        _ => 1 + s.below(64) as u32,
    }
}

/// Chooses the goroutine to run next among the ones queued so far (`fresh`: those queued since
/// the last choice, in the order they were queued) and the ones left from earlier choices.
pub fn pick(fresh: impl Iterator<Item = GRef>) -> Option<GRef> {
    let mut guard = state();
    let s = guard.as_mut()?;
    VNOW.fetch_add(SLICE_NS, Ordering::SeqCst);
    s.pool.extend(fresh);
    if s.pool.is_empty() {
        return None;
    }
    s.step += 1;
    let i = match s.strategy {
        Strategy::Random => s.below(s.pool.len() as u64) as usize,
        Strategy::Pct => {
            let mut best = pct_best(s);
            if let Some(k) = s.change_points.iter().position(|&c| c == s.step) {
                // Lower the goroutine about to run below every initial priority.
                let id = s.pool[best].id;
                s.prio.insert(id, DEPTH - 1 - k as u64);
                best = pct_best(s);
            }
            best
        }
    };
    Some(s.pool.remove(i))
}

/// The index in the pool of the highest-priority goroutine (new ones get random priorities
/// above every change point's).
fn pct_best(s: &mut State) -> usize {
    let mut best = 0;
    let mut best_p = 0;
    for i in 0..s.pool.len() {
        let id = s.pool[i].id;
        let p = match s.prio.get(&id) {
            Some(&p) => p,
            None => {
                let p = DEPTH + (s.next() >> 8);
                s.prio.insert(id, p);
                p
            }
        };
        if i == 0 || p > best_p {
            best = i;
            best_p = p;
        }
    }
    best
}

/// "Now" on the timers' clock: the real instant, or in this mode the virtual one.
#[inline]
pub fn instant_now() -> Instant {
    if !enabled() {
        return Instant::now();
    }
    *BASE.get_or_init(Instant::now) + Duration::from_nanos(VNOW.load(Ordering::SeqCst))
}

/// Virtual nanoseconds since the start (this mode only).
pub fn virtual_ns() -> u64 {
    VNOW.load(Ordering::SeqCst)
}

/// The wall clock in this mode: Unix nanoseconds.
pub fn wall_unix_ns() -> i64 {
    EPOCH_UNIX_NS + virtual_ns() as i64
}

/// Nothing can run and the earliest timer is due at `t`: the virtual clock jumps there.
pub fn advance_to(t: Instant) {
    let base = *BASE.get_or_init(Instant::now);
    let ns = t.saturating_duration_since(base).as_nanos() as u64;
    VNOW.fetch_max(ns, Ordering::SeqCst);
}
