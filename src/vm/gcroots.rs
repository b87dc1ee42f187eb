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
    unsafe {
        heap.collect(|marker| {
            let index = heap.object_index();
            report(mach_ref, &index, marker);
        });
    }
    crate::runtime::events::gc_end(heap.stats().live_bytes);
}

fn words(index: &ObjectIndex, marker: &mut Marker, ws: &[u64]) {
    for &w in ws {
        if index.is_object(w) {
            marker.mark(w);
        }
    }
}

fn goroutine(index: &ObjectIndex, marker: &mut Marker, g: &Goroutine) {
    words(index, marker, &g.regs);
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

fn report(mach: &Machine, index: &ObjectIndex, marker: &mut Marker) {
    let s = mach.sched();
    // At a safepoint no worker holds a body: every goroutine's is in its handle (g.rs).
    for g in s.gs.values() {
        g.inspect(|body, _| {
            if let Some(body) = body {
                goroutine(index, marker, body);
            }
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
}
