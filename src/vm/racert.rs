//! VM RACE HOOKS: what the `-race` instance of the VM loop (`exec::run_loop::<true>`) does
//! around instructions that touch shared memory or synchronise. Input: the goroutine, the
//! instruction's operands; output: calls into `crate::race` (accesses checked against the
//! shadow, sync edges), and a halt exit code when `GORACE=halt_on_error=1` stops the program.
//!
//! Sync edges follow Go's annotations of its `sync` package: `Unlock` → later `Lock`;
//! `RUnlock` → later `Lock`, `Unlock` → later `RLock`; `WaitGroup.Done` (any negative `Add`) →
//! `Wait` returning; the end of `Once.Do`'s f → every `Do` that returns; `Cond.Wait` releases
//! and re-acquires its lock; every `sync/atomic` operation acquires and releases its word.

use super::rt::Rt;
use super::value;
use super::Goroutine;
use crate::bytecode::Program;
use crate::race::{self, GState};

/// Sub-keys of a sync object's clocks: its mutex (writer) side and its readers' unlocks.
const W: u64 = 0;
const R: u64 = 2;
/// Sub-key of a function an `AfterFunc` timer will start as a goroutine.
const TIMER: u64 = 3;
/// Sub-key base of an atomic word (`ATOMIC + word index`).
const ATOMIC: u64 = 1 << 32;

/// Checks an access to word `idx` of `obj` at the instruction before `pc`; `Some(code)` when
/// the program must halt (a race with `halt_on_error`).
#[cold]
#[inline(never)]
pub(super) fn access(
    st: &GState,
    g: &Goroutine,
    prog: &Program,
    pc: usize,
    obj: u64,
    idx: usize,
    write: bool,
) -> Option<i32> {
    if obj == 0 {
        return None;
    }
    let f = g.frames.last()?.func;
    if obj == race::shadow::GLOBALS && is_library(prog, f) {
        return None;
    }
    let pc = pc.saturating_sub(1) as u32;
    let race = race::shadow::access(st, obj, idx, write, f, pc)?;
    let mut stack = vec![(f, pc)];
    for fr in g.frames.iter().rev().skip(1) {
        stack.push((fr.func, fr.pc.saturating_sub(1)));
    }
    race::report::report(prog, g.id, g.created_by, &stack, &race).then(race::report::halt_code)
}

/// Whether function `f` is standard-library code written in gol (`stdlib/`). Its package
/// variables are gol's implementation, not Go's (`runtime.GC` counts its calls in a plain
/// variable where Go's runtime uses an atomic): their accesses are not checked, so the
/// detector reports the user's races only. Library code's accesses to the heap (the user's data
/// passed in) are checked as in Go.
fn is_library(prog: &Program, f: u32) -> bool {
    let Some(func) = prog.funcs.get(f as usize) else {
        return false;
    };
    func.files
        .first()
        .and_then(|&(_, i)| prog.files.get(i as usize))
        .is_some_and(|p| p.starts_with("$GOROOT/"))
}

/// The mutex object behind a Cond's `L`.
fn locker(cond: u64) -> u64 {
    let l = value::load(value::obj(cond), 0, true);
    value::iface_parts(l).map_or(0, |(_, d)| d)
}

/// Before runtime helper `f` runs on the window at `at`: map accesses and the releasing side
/// of sync operations. `Some(code)`: halt.
#[cold]
#[inline(never)]
pub(super) fn before_rt(
    st: &GState,
    g: &Goroutine,
    prog: &Program,
    pc: usize,
    f: u16,
    at: usize,
) -> Option<i32> {
    let w = |i: usize| g.regs[at + i];
    let map = |write| access(st, g, prog, pc, w(0), 0, write);
    match super::rt::from_u16(f)? {
        Rt::MapGet | Rt::MapKeys | Rt::MapRange | Rt::MapRangeGet => map(false),
        Rt::MapSet | Rt::MapDelete | Rt::MapClear => map(true),
        // AfterFunc(d, f) and Reset: the call happens before f starts (`enter_runtime_g`).
        Rt::Timer => {
            let f = match w(0) {
                4 => w(2),
                6 | 7 if w(1) != 0 => value::load(value::obj(w(1)), 2, true),
                _ => 0,
            };
            if f != 0 {
                race::release_in(st, (f, TIMER));
            }
            None
        }
        Rt::Sync => {
            let (op, o) = (w(0), w(1));
            if o == 0 {
                return None;
            }
            match op {
                16 | 4 => race::release_in(st, (o, W)),
                7 => race::release_in(st, (o, R)),
                1 => race::release_in(st, (o, W)),
                0 if (w(2) as i64) < 0 => race::release_in(st, (o, W)),
                10 => race::release_in(st, (o, W)),
                11 => {
                    let l = locker(o);
                    if l != 0 {
                        race::release_in(st, (l, W));
                    }
                }
                _ => {}
            }
            None
        }
        _ => None,
    }
}

/// After runtime helper `f` completed (`parked`: its goroutine parks and the operation
/// completes while it waits): the acquiring side of sync operations. `(op, o)`: the window's
/// first two words before the helper ran (its results overwrite them).
#[cold]
#[inline(never)]
pub(super) fn after_rt(
    st: &GState,
    g: &mut Goroutine,
    f: u16,
    (op, o): (u64, u64),
    at: usize,
    parked: bool,
) {
    if super::rt::from_u16(f) != Some(Rt::Sync) {
        return;
    }
    if o == 0 {
        return;
    }
    let key = match op {
        15 | 3 => {
            race::acquire_in(st, (o, R));
            (o, W)
        }
        14 => {
            let l = locker(o);
            race::acquire_in(st, (l, R));
            (l, W)
        }
        5 | 8 if g.regs[at] == 0 => return,
        5 => {
            race::acquire_in(st, (o, R));
            (o, W)
        }
        6 | 8 | 2 | 9 => (o, W),
        _ => return,
    };
    if parked {
        g.race_resume = Some(key);
    } else {
        race::acquire_in(st, key);
    }
}

/// Around native `id` (`after`: once it ran): a `sync/atomic` operation synchronises on its
/// word (Go treats atomics as sequentially consistent: loads acquire, stores release, the rest
/// do both). Releasing comes before the operation and acquiring after it, so a CAS that sees a
/// Store's value also sees what came before the Store.
#[cold]
#[inline(never)]
pub(super) fn atomic_native(st: &GState, prog: &Program, id: u32, args: &[u64], after: bool) {
    let Some(name) = prog.native_names.get(id as usize) else {
        return;
    };
    let Some(rest) = name
        .strip_prefix("sync/atomic.")
        .or_else(|| name.strip_prefix("atomic."))
    else {
        return;
    };
    let p = args.first().copied().unwrap_or(0);
    if p == 0 {
        return;
    }
    let key = if rest.starts_with("(*") {
        (p, ATOMIC)
    } else {
        let (o, i) = value::interior_parts(p);
        (o.word(), ATOMIC + i as u64)
    };
    let op = rest.rsplit(['.', ')']).next().unwrap_or("");
    let load = op.starts_with("Load");
    let store = op.starts_with("Store");
    if after && !store {
        race::acquire_in(st, key);
    }
    if !after && !load {
        race::release_in(st, key);
    }
}

/// A goroutine the runtime started (an `AfterFunc` timer's function: no `go` statement) begins
/// after the `AfterFunc` or `Reset` call that armed it.
pub(super) fn enter_runtime_g(st: &GState, g: &Goroutine) {
    if let Some(f) = g.frames.first() {
        if f.closure != 0 {
            race::acquire_in(st, (f.closure, TIMER));
        }
    }
}
