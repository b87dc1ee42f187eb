//! VM SELECT: Go's `select` (after `runtime/select.go`). Input: the case table in a register
//! window: `[ncases, has_default, (kind, chan, value) × ncases]` (kind 0 receive, 1 send).
//! Output: `R[base]` = the chosen case (`ncases` for default), `R[base+1]` = the received value,
//! `R[base+2]` = ok — now, or when a channel completes the parked goroutine's case.
//!
//! Ready cases are polled in a random order (Go's uniform choice); if none is ready and there
//! is no default, the goroutine is queued on every case's channel with one shared `fired` flag.

use super::panic::GoPanic;
use super::{Goroutine, Machine};
use crate::runtime::chan::{self, Outcome, Waiter};
use crate::runtime::sched::WaitReason;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

pub fn select(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
) -> Result<Option<WaitReason>, GoPanic> {
    let n = g.regs[at] as usize;
    let has_default = g.regs[at + 1] != 0;
    let case = |g: &Goroutine, i: usize| {
        let w = at + 2 + 3 * i;
        (g.regs[w], g.regs[w + 1], g.regs[w + 2])
    };
    // A random permutation of the cases.
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (crate::vm::map::random_u64() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    let me = |sel: Option<(Arc<AtomicBool>, usize, usize)>| Waiter {
        gid: g.id,
        dst: at + 1,
        ok: Some(at + 2),
        sel,
    };
    // Polling and queueing happen under the runtime lock, so no case can become ready in
    // between (Go locks every case's channel for the same reason).
    let sh = Arc::clone(&mach.sh);
    let mut s = sh.sched();
    let mut chosen = None;
    for &i in &order {
        let (kind, ch, v) = case(g, i);
        if ch == 0 {
            continue;
        }
        let out = if kind == 1 {
            chan::send(&mut s, ch, v, &me(None), false)
        } else {
            chan::recv(&mut s, ch, &me(None), false)
        };
        match out {
            Outcome::Done(v, ok) => {
                chosen = Some((i, kind, ch, v, ok));
                break;
            }
            Outcome::Panic(m) => return Err(super::panic::runtime(m)),
            Outcome::Park(_) => {}
        }
    }
    if let Some((i, kind, ch, v, ok)) = chosen {
        drop(s);
        g.regs[at] = i as u64;
        g.regs[at + 1] = if ok || kind == 1 {
            v
        } else {
            match chan::elem_aggregate(ch) {
                Some(t) => mach.zero(t),
                None => 0,
            }
        };
        g.regs[at + 2] = ok as u64;
        return Ok(None);
    }
    if has_default {
        g.regs[at] = n as u64;
        return Ok(None);
    }
    if n == 0 || (0..n).all(|i| case(g, i).1 == 0) {
        return Ok(Some(if n == 0 {
            WaitReason::SelectNoCases
        } else {
            WaitReason::Select
        }));
    }
    let fired = Arc::new(AtomicBool::new(false));
    for i in 0..n {
        let (kind, ch, v) = case(g, i);
        if ch == 0 {
            continue;
        }
        let w = me(Some((Arc::clone(&fired), i, at)));
        // Nothing was ready a moment ago and the lock is still held: these only queue.
        let _ = if kind == 1 {
            chan::send(&mut s, ch, v, &w, true)
        } else {
            chan::recv(&mut s, ch, &w, true)
        };
    }
    Ok(Some(WaitReason::Select))
}
