//! VM GC ROOTS: a stop-the-world collection of a running program. Input: the machine (globals,
//! program constants, scheduler state, context and std values) and every goroutine, at a
//! scheduler safepoint (between two goroutine time slices: no instruction, native or helper is
//! running, so Rust holds no heap reference). Output: the heap collected.
//!
//! Registers and the other untyped word arrays are scanned *conservatively*: a word counts as a
//! root only if it is exactly the address of an allocated object's header (`ObjectIndex`), so a
//! scalar can never be taken for a pointer (it may at worst keep an object alive). Heap objects
//! are traced precisely through their layouts. (DESIGN.md's per-function pointer maps would
//! make registers precise too; conservative registers need no compiler support and are safe.)
//!
//! Invariant relied on: every heap object's layout names exactly its reference words — the
//! compiler and runtime allocate with the layout of the value's static type (`is_ref`).

use super::cont::CallResult;
use super::{GoPanic, Goroutine, Machine};
use crate::runtime::gc::{Marker, ObjectIndex};
use crate::runtime::leaks;
use crate::runtime::sched::TimerAction;

/// Collects if the heap asks for it (GOGC growth, or gc-stress). For a machine whose goroutines
/// all run on this thread (the REPL's session), between time slices.
pub fn maybe_collect(mach: &mut Machine) {
    if !mach.m.heap().should_collect() {
        return;
    }
    collect(mach);
}

/// Collects now. The caller has stopped the world: every other worker is idle or stopped at a
/// safepoint, and none holds a goroutine (all are in `Sched::gs`).
pub fn collect(mach: &mut Machine) {
    let heap = std::sync::Arc::clone(mach.m.heap());
    let mach_ref: &Machine = mach;
    crate::runtime::events::gc_start(heap.stats().live_bytes);
    // SAFETY: the world is stopped (caller) and this thread is at a safepoint (between time
    // slices), so no thread touches the heap; every live object is reachable from the roots
    // reported below (goroutines, globals, constants, scheduler and runtime state).
    let mut leaked = Vec::new();
    unsafe {
        heap.collect(|marker| {
            let index = heap.object_index();
            leaked = report(mach_ref, &index, marker);
        });
    }
    crate::runtime::events::gc_end(heap.stats().live_bytes);
    if !leaked.is_empty() {
        let text = leak_report(mach, leaked);
        if !text.is_empty() {
            mach.flush();
            let _ = std::io::Write::write_all(&mut std::io::stderr(), text.as_bytes());
        }
    }
}

/// The report of goroutines a collection found leaked (only those not reported before).
fn leak_report(mach: &Machine, leaked: Vec<u64>) -> String {
    let ids = leaks::newly_leaked(leaked);
    let prog = std::sync::Arc::clone(&mach.prog);
    let gs: Vec<_> = {
        let s = mach.sched();
        ids.iter().filter_map(|id| s.gs.get(id).cloned()).collect()
    };
    let base = |pos: String| match pos.rfind('/') {
        Some(i) => pos[i + 1..].to_string(),
        None => pos,
    };
    let mut lines = Vec::new();
    for g in gs {
        g.inspect(|body, reason| {
            let (Some(body), Some(reason)) = (body, reason) else {
                return;
            };
            // The innermost frame of the program's own code (not the library's gol sources).
            let at = body
                .frames
                .iter()
                .rev()
                .map(|f| {
                    (
                        f.func,
                        prog.position(f.func, f.pc.saturating_sub(1) as usize),
                    )
                })
                .find(|(f, pos)| {
                    !pos.starts_with("$GOROOT") && prog.funcs[*f as usize].name != "runtime.main"
                })
                .map_or(String::new(), |(f, pos)| {
                    format!("{} at {}", prog.funcs[f as usize].name, base(pos))
                });
            let created = match body.created_by {
                Some((f, pc, _)) => {
                    let name = &prog.funcs[f as usize].name;
                    let name = if name == "runtime.main" {
                        "main.main"
                    } else {
                        name
                    };
                    let pos = prog.position(f, (pc as usize).saturating_sub(1));
                    format!("{name} at {}", base(pos))
                }
                None => String::new(),
            };
            lines.push((g.id, reason.text(), at, created));
        });
    }
    leaks::report(&lines)
}

fn words(index: &ObjectIndex, marker: &mut Marker, ws: &[u64]) {
    for &w in ws {
        if index.is_object(w) {
            marker.mark(w);
        }
    }
}

fn goroutine(index: &ObjectIndex, marker: &mut Marker, g: &Goroutine) {
    goroutine_upto(index, marker, g, g.regs.len());
}

/// The registers a goroutine's frames use (leak detection's view: words left beyond the top
/// frame by calls that returned are dead, though the collector scans them conservatively).
fn live_regs(prog: &crate::bytecode::Program, g: &Goroutine) -> usize {
    g.frames
        .iter()
        .map(|f| f.base as usize + prog.funcs[f.func as usize].nregs as usize)
        .max()
        .unwrap_or(0)
        .min(g.regs.len())
}

/// A goroutine's roots, its registers up to `end`.
fn goroutine_upto(index: &ObjectIndex, marker: &mut Marker, g: &Goroutine, end: usize) {
    words(index, marker, &g.regs[..end]);
    for f in &g.frames {
        words(index, marker, &[f.closure]);
    }
    for d in &g.defers {
        words(index, marker, &[d.closure]);
        words(index, marker, &d.args);
    }
    let panics = g
        .panicking
        .iter()
        .chain(g.pending_panic.iter())
        .chain(g.old_panics.iter().map(|(p, _)| p))
        .chain(g.dying.iter().map(|d| &d.panic));
    for p in panics {
        if let GoPanic::Value(w) = p {
            words(index, marker, &[*w]);
        }
    }
    // Suspended helpers' results so far (fmt's replay memo).
    for m in &g.memos {
        words(index, marker, &m.extra);
        for r in &m.results {
            match r {
                CallResult::Ok(ws) => words(index, marker, ws),
                CallResult::Panic(GoPanic::Value(w)) => words(index, marker, &[*w]),
                CallResult::Panic(_) => {}
            }
        }
    }
}

/// Reports the roots; returns the goroutines found leaked (`--leaks` only, else none).
fn report(mach: &Machine, index: &ObjectIndex, marker: &mut Marker) -> Vec<u64> {
    let s = mach.sched();
    let leaky = leaks::enabled();
    let mut cands = Vec::new();
    // At a safepoint no worker holds a body: every goroutine's is in its handle (g.rs).
    for g in s.gs.values() {
        g.inspect(|body, reason| {
            let Some(body) = body else { return };
            if leaky {
                if let Some(c) = leaks::candidate(g.id, reason) {
                    cands.push(c);
                } else {
                    goroutine_upto(index, marker, body, live_regs(&mach.prog, body));
                }
                return;
            }
            goroutine(index, marker, body);
        });
    }
    let n = (mach.prog.nglobals as usize).min(mach.sh.globals.len());
    let globals: Vec<u64> = (0..n).map(|i| mach.sh.load_global(i)).collect();
    words(index, marker, &globals);
    for f in &mach.prog.funcs {
        words(index, marker, &f.consts);
    }
    for (_, a) in s.timer_actions.values() {
        match *a {
            TimerAction::Send { ch, .. } => words(index, marker, &[ch]),
            TimerAction::Func(f) => words(index, marker, &[f]),
            TimerAction::Wake(_) => {}
        }
    }
    words(index, marker, &crate::runtime::bubble::roots());
    for &a in s.in_flight.values() {
        if let TimerAction::Send { ch: w, .. } | TimerAction::Func(w) = a {
            words(index, marker, &[w]);
        }
    }
    words(index, marker, &[mach.std.err_syntax, mach.std.err_range]);
    words(index, marker, &[mach.std.err_eof]);
    if !leaky {
        return Vec::new();
    }
    // Leak detection's rounds: a parked goroutine whose wait object is reachable from what
    // can run is live too (its stack may reach more waits).
    loop {
        marker.finish_round();
        let mut woke = false;
        cands.retain(|c| {
            // SAFETY: `is_object` says the word is a live object; the world is stopped.
            let reachable = c
                .objs
                .iter()
                .any(|&o| !index.is_object(o) || unsafe { marker.is_marked(o) });
            if reachable {
                if let Some(g) = s.gs.get(&c.id) {
                    g.inspect(|body, _| {
                        body.map(|b| goroutine_upto(index, marker, b, live_regs(&mach.prog, b)))
                    });
                }
                woke = true;
            }
            !reachable
        });
        if !woke {
            break;
        }
    }
    // Every goroutine keeps all it holds, as in a plain collection (the leaked ones, and the
    // dead registers): the analysis frees nothing more than usual.
    for g in s.gs.values() {
        g.inspect(|body, _| body.map(|b| goroutine(index, marker, b)));
    }
    cands.into_iter().map(|c| c.id).collect()
}
