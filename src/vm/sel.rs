//! VM SELECT: Go's `select` (after `runtime/select.go`). Input: the case table in a register
//! window: `[ncases, has_default, (kind, chan, value) × ncases]` (kind 0 receive, 1 send).
//! Output: `R[base]` = the chosen case (`ncases` for default), `R[base+1]` = the received value,
//! `R[base+2]` = ok — now, or when a channel completes the parked goroutine's case.
//!
//! Ready cases are polled in a random order (Go's uniform choice); if none is ready and there
//! is no default, the goroutine is queued on every case's channel with one shared `fired` flag (the first channel to
//! complete a case claims it, chan.rs).

use super::panic::GoPanic;
use super::{Goroutine, Machine};
use crate::runtime::chan::{self, Waiter};
use crate::runtime::sched::WaitReason;
use crate::runtime::sync_shim::{Arc, AtomicBool};

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
    // Polling and queueing happen with every case's channel locked (in address order,
    // chan.rs), so no case can become ready in between; the wake of a case done now runs
    // after they are all unlocked.
    let mut locked = chan::Locked::new((0..n).map(|i| case(g, i).1));
    let mut chosen = None;
    for &i in &order {
        let (kind, ch, v) = case(g, i);
        if ch == 0 {
            continue;
        }
        if kind == 1 {
            match locked.try_send(ch, v) {
                Some(Ok(wake)) => {
                    chosen = Some((i, kind, ch, 0, true, wake));
                    break;
                }
                Some(Err(m)) => return Err(super::panic::runtime(m)),
                None => {}
            }
        } else if let Some((v, ok, wake)) = locked.try_recv(ch) {
            chosen = Some((i, kind, ch, v, ok, wake));
            break;
        }
    }
    if let Some((i, kind, ch, v, ok, wake)) = chosen {
        drop(locked);
        crate::runtime::events::select(i, n);
        crate::runtime::events::chan_done(kind == 1, || chan::id(ch), &wake);
        wake.run();
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
        crate::runtime::events::select(n, n);
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
    if crate::runtime::leaks::enabled() {
        let chans: Vec<u64> = (0..n).map(|i| case(g, i).1).collect();
        crate::runtime::leaks::note(g.id, &chans);
    }
    let fired = Arc::new(AtomicBool::new(false));
    let cur = mach.cur_g();
    for i in 0..n {
        let (kind, ch, v) = case(g, i);
        if ch == 0 {
            continue;
        }
        let w = Waiter {
            g: Arc::clone(&cur),
            dst: at + 1,
            ok: Some(at + 2),
            sel: Some((Arc::clone(&fired), i, at)),
        };
        if kind == 1 {
            locked.enqueue_send(ch, w, v);
        } else {
            locked.enqueue_recv(ch, w);
        }
    }
    Ok(Some(WaitReason::Select))
}
