//! VM TIMERS AND SYNC: `time`'s timers and tickers and `sync`'s WaitGroup, Mutex, RWMutex and
//! Once, on the scheduler. Input: a runtime helper's window (the sync object or timer is a struct
//! object whose words are the state declared in types/stdpkg.rs). Output: the operation done,
//! or the goroutine parked on the object (queued by the object's address in the scheduler) until
//! another goroutine's operation readies it with the operation completed.
//!
//! Mutex: `Unlock` with waiters wakes the first (FIFO), which retries its `Lock` (Go's normal
//! mode); the wait queues and their protocol are `runtime/semq.rs`'s.

use super::panic::{self, GoPanic, RuntimeError};
use super::rt::Flow;
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::runtime::chan;
use crate::runtime::sched::{TimerAction, WaitReason};
use std::time::Duration;

fn word(o: u64, i: usize) -> i64 {
    value::load(obj(o), i, false) as i64
}

use crate::runtime::semq::{LOCKED, READER};

fn fatal(msg: &str) -> GoPanic {
    GoPanic::Runtime(RuntimeError::Fatal(msg.into()))
}

fn nil_check(o: u64) -> Result<(), GoPanic> {
    if o == 0 {
        Err(panic::nil_deref())
    } else {
        Ok(())
    }
}

/// Word `i` of sync object `o` as an atomic (`runtime/semq.rs` documents each ordering).
fn w<'a>(o: u64, i: usize) -> &'a crate::runtime::sync_shim::SlotWord {
    value::slot_word(obj(o), i)
}

/// What a sync helper does, by `op`: see `Rt::Sync`. Slow paths queue on the object's own
/// wait queue (`runtime/semq.rs`), never under the runtime lock.
pub fn sync(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<Flow, GoPanic> {
    use crate::runtime::semq::Word;
    let op = g.regs[at];
    let o = g.regs[at + 1];
    nil_check(o)?;
    let sh = std::sync::Arc::clone(&mach.sh);
    let q = &sh.waitq;
    match op {
        // Mutex.Lock: a CAS when free (Acquire: sees the last holder's writes).
        15 => {
            let cur = w(o, 0).load_relaxed();
            if cur & LOCKED == 0 && w(o, 0).cas(cur, cur | LOCKED) {
                return Ok(Flow::Next);
            }
            if !q.lock_slow(o, w(o, 0), None, &mach.cur_g()) {
                crate::runtime::leaks::note(g.id, &[o]);
                return Ok(Flow::Retry(WaitReason::Mutex));
            }
        }
        // Mutex.Unlock: a CAS LOCKED -> 0 (Release) when nobody waits.
        16 if w(o, 0).cas(LOCKED, 0) => {}
        16 => {
            if w(o, 0).load_relaxed() & LOCKED == 0 {
                return Err(fatal("sync: unlock of unlocked mutex"));
            }
            q.unlock_slow(o, w(o, 0), None);
        }
        // WaitGroup.Add / Done: the counter changes by CAS (AcqRel); reaching zero wakes the
        // waiters (who check the counter under their queue's lock).
        0 | 1 => {
            let delta = if op == 1 { -1 } else { g.regs[at + 2] as i64 };
            let n = loop {
                let cur = w(o, 0).load_relaxed() as i64;
                let n = cur.wrapping_add(delta);
                if n < 0 {
                    return Err(GoPanic::Native("sync: negative WaitGroup counter".into()));
                }
                if w(o, 0).cas(cur as u64, n as u64) {
                    break n;
                }
            };
            if n == 0 {
                q.wg_wake(o, w(o, 0));
            }
        }
        // WaitGroup.Wait: returns at once at zero (Acquire: sees what Done's callers wrote).
        2 => {
            if w(o, 0).load_acquire() != 0 && q.wg_wait(o, w(o, 0), &mach.cur_g()) {
                crate::runtime::leaks::note(g.id, &[o]);
                return Ok(Flow::Park(WaitReason::WaitGroup));
            }
        }
        // RWMutex.Lock (word 0: the state; word 1: readers), and Cond.Wait's relock of c.L.
        3 | 14 => {
            let l = if op == 14 { locker(o)? } else { o };
            if !q.lock_slow(l, w(l, 0), Some(w(l, 1)), &mach.cur_g()) {
                crate::runtime::leaks::note(g.id, &[l]);
                return Ok(Flow::Retry(WaitReason::Mutex));
            }
        }
        // Mutex.Unlock (through sync.Locker) / RWMutex.Unlock
        4 => {
            if w(o, 0).load_relaxed() & LOCKED == 0 {
                return Err(fatal(if g.regs[at + 2] != 0 {
                    "sync: Unlock of unlocked RWMutex"
                } else {
                    "sync: unlock of unlocked mutex"
                }));
            }
            q.unlock_slow(o, w(o, 0), Some(w(o, 1)));
        }
        // TryLock
        5 => {
            let cur = w(o, 0).load_relaxed();
            let ok =
                cur & LOCKED == 0 && w(o, 1).load_acquire() == 0 && w(o, 0).cas(cur, cur | LOCKED);
            g.regs[at] = ok as u64;
        }
        // RWMutex.RLock: readers wait while a writer holds it or waits (Go favours writers).
        // The reader count changes only under the shard lock.
        6 => {
            let mut s = q.shard(o);
            if w(o, 0).load_acquire() & LOCKED == 0 && !s.has(o) {
                w(o, 1).store_release(w(o, 1).load_relaxed() + 1);
            } else {
                s.push(o | READER, &mach.cur_g());
                crate::runtime::leaks::note(g.id, &[o]);
                return Ok(Flow::Park(WaitReason::Mutex));
            }
        }
        // RWMutex.RUnlock: the last reader lets a writer in.
        7 => {
            let s = q.shard(o);
            let r = w(o, 1).load_relaxed();
            if r == 0 {
                return Err(fatal("sync: RUnlock of unlocked RWMutex"));
            }
            w(o, 1).store_release(r - 1);
            drop(s);
            if r == 1 && w(o, 0).load_acquire() & LOCKED == 0 {
                q.wake(o, false);
            }
        }
        // TryRLock
        8 => {
            let s = q.shard(o);
            let ok = w(o, 0).load_acquire() & LOCKED == 0 && !s.has(o);
            if ok {
                w(o, 1).store_release(w(o, 1).load_relaxed() + 1);
            }
            g.regs[at] = ok as u64;
        }
        // Once: begin (1 = run f now; 0 = done; parks while another goroutine runs f). Done
        // (2) is read Acquire: what f wrote is seen.
        9 => {
            if w(o, 0).load_acquire() == 2 {
                g.regs[at] = 0;
                return Ok(Flow::Next);
            }
            let mut s = q.shard(o);
            match w(o, 0).load_acquire() {
                0 => {
                    w(o, 0).store_release(1);
                    g.regs[at] = 1;
                }
                1 => {
                    s.push(o, &mach.cur_g());
                    g.regs[at] = 0;
                    crate::runtime::leaks::note(g.id, &[o]);
                    return Ok(Flow::Park(WaitReason::Mutex));
                }
                _ => g.regs[at] = 0,
            }
        }
        // Once: end (Release: f's writes are published with "done").
        10 => q.wake_all_if(o, || {
            w(o, 0).store_release(2);
            true
        }),
        // Cond.Wait: queue on the Cond first, then unlock c.L (a *Mutex or *RWMutex), so a
        // Signal made by the next holder of c.L finds this goroutine queued; the compiled code
        // relocks with op 14 once woken.
        11 => {
            let l = locker(o)?;
            if w(l, 0).load_relaxed() & LOCKED == 0 {
                return Err(fatal("sync: unlock of unlocked mutex"));
            }
            q.shard(o).push(o, &mach.cur_g());
            if !w(l, 0).cas(LOCKED, 0) {
                q.unlock_slow(l, w(l, 0), Some(w(l, 1)));
            }
            crate::runtime::leaks::note(g.id, &[o]);
            return Ok(Flow::Park(WaitReason::Cond));
        }
        // Cond.Signal / Cond.Broadcast
        12 | 13 => q.wake(o, op == 13),
        _ => return Err(panic::runtime("gol: unknown sync operation")),
    }
    Ok(Flow::Next)
}

/// The mutex object behind a Cond's `L` (an interface holding a `*Mutex` or `*RWMutex`).
fn locker(cond: u64) -> Result<u64, GoPanic> {
    let l = value::load(obj(cond), 0, true);
    match value::iface_parts(l) {
        Some((_, d)) if d != 0 => Ok(d),
        _ => Err(panic::nil_deref()),
    }
}

/// A `time.Time` value for a timer's tick: `time.Now()`, monotonic reading included.
pub fn now_object(mach: &mut Machine) -> u64 {
    crate::stdlib::natives::time::now_object(&mut mach.m)
}

fn dur(ns: u64) -> Duration {
    Duration::from_nanos((ns as i64).max(0) as u64)
}

/// Timer helpers, by `op`: see `Rt::Timer`.
pub fn timer(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<Flow, GoPanic> {
    let op = g.regs[at];
    let a = g.regs[at + 1];
    let b = g.regs[at + 2];
    let time_ty = g.regs[at + 3] as u32;
    let _ = time_ty;
    match op {
        // After(d) / Tick(d) → channel
        0 | 1 => {
            let ch = chan::new_timer_chan(&mut mach.m);
            let period = (op == 1).then(|| dur(a).max(Duration::from_nanos(1)));
            mach.sched()
                .add_timer(dur(a), TimerAction::Send { ch, period });
            g.regs[at] = ch;
        }
        // NewTimer(d) / NewTicker(d) → *Timer {C, id}
        2 | 3 => {
            let ch = chan::new_timer_chan(&mut mach.m);
            let period = (op == 3).then(|| dur(a).max(Duration::from_nanos(1)));
            let id = mach
                .sched()
                .add_timer(dur(a), TimerAction::Send { ch, period });
            g.regs[at] = timer_object(mach, ch, id);
        }
        // AfterFunc(d, f) → *Timer
        4 => {
            let id = mach.sched().add_timer(dur(a), TimerAction::Func(b));
            g.regs[at] = timer_object(mach, 0, id);
            // The function stays with the timer: a Reset after Stop (or after it fired) runs it.
            value::store(obj(g.regs[at]), 2, b, true);
        }
        // Timer.Stop / Ticker.Stop → was it pending (Go 1.23: the channel is drained too)
        5 => {
            nil_check(a)?;
            let id = word(a, 1) as u64;
            // Go 1.23: a fired tick nobody received yet counts as still pending (the timer's
            // channel is synchronous), and it is discarded.
            let mut s = mach.sched();
            let was = s.stop_timer(id).is_some();
            let unreceived = drain(value::load(obj(a), 0, true));
            drop(s);
            g.regs[at] = (was || unreceived) as u64;
        }
        // Timer.Reset(d) / Ticker.Reset(d)
        6 | 7 => {
            nil_check(a)?;
            let id = word(a, 1) as u64;
            let ch = value::load(obj(a), 0, true);
            let mut s = mach.sched();
            let func = value::load(obj(a), 2, true);
            let old = s.stop_timer(id);
            let unreceived = drain(ch);
            let action = match old {
                Some(TimerAction::Func(f)) => TimerAction::Func(f),
                _ if func != 0 => TimerAction::Func(func),
                _ if ch == 0 => {
                    g.regs[at] = 0;
                    return Ok(Flow::Next);
                }
                _ => TimerAction::Send {
                    ch,
                    period: (op == 7).then(|| dur(b).max(Duration::from_nanos(1))),
                },
            };
            let action = match (old, action) {
                (
                    Some(TimerAction::Send {
                        period: Some(_), ..
                    }),
                    TimerAction::Send { ch, .. },
                ) => TimerAction::Send {
                    ch,
                    period: Some(dur(b).max(Duration::from_nanos(1))),
                },
                (_, a) => a,
            };
            s.arm(id, dur(b), action);
            drop(s);
            g.regs[at] = (old.is_some() || unreceived) as u64;
        }
        // runtime.GOMAXPROCS(n) → previous
        8 => {
            let prev = mach.sched().gomaxprocs;
            if (a as i64) > 0 {
                mach.sched().gomaxprocs = a as i64;
                crate::runtime::worker::set_gomaxprocs(mach, a as usize);
            }
            g.regs[at] = prev as u64;
        }
        9 if crate::runtime::detsched::enabled() => {
            g.regs[at] = crate::runtime::detsched::VIRTUAL_PROCS as u64
        }
        9 => g.regs[at] = crate::runtime::sched::num_cpu() as u64,
        _ => return Err(panic::runtime("gol: unknown timer operation")),
    }
    Ok(Flow::Next)
}

fn timer_object(mach: &mut Machine, ch: u64, id: u64) -> u64 {
    let l = mach.timer_layout();
    // {C, id, AfterFunc's function or nil}: the declared fields, then one only natives see.
    let o = mach.m.alloc(l, 3);
    value::store(o, 0, ch, true);
    value::store(o, 1, id, false);
    o.word()
}

/// Empties a timer channel's buffer (no stale tick after Stop/Reset, as in Go 1.23); whether a
/// value was waiting.
fn drain(ch: u64) -> bool {
    let mut any = false;
    if ch != 0 {
        while chan::try_take(ch).is_some() {
            any = true;
        }
    }
    any
}

/// Carries out a fired timer's action (called by the scheduler loop).
/// Fires every due timer and carries out their actions (called between time slices).
pub fn fire_due(mach: &mut Machine) {
    let due = {
        let mut s = mach.sched();
        s.fire_timers(crate::runtime::detsched::instant_now());
        std::mem::take(&mut s.due)
    };
    for (id, action) in due {
        fire(mach, id, action);
    }
}

/// Timer `id` may have been stopped or reset since it fired (`Sched::in_flight`): then its
/// action is dropped, as if Stop had come first (Go 1.23: no stale tick after Stop/Reset).
pub fn fire(mach: &mut Machine, id: u64, action: TimerAction) {
    match action {
        TimerAction::Wake(g) => mach.sched().ready_id(g),
        TimerAction::Send { ch, .. } => {
            let t = now_object(mach);
            let mut s = mach.sched();
            if s.in_flight.remove(&id).is_some() {
                // Under the runtime lock, so Stop/Reset cannot slip in between (sched → chan:
                // lock order).
                chan::offer(ch, t);
            }
        }
        TimerAction::Func(f) => {
            if mach.sched().in_flight.remove(&id).is_none() || f == 0 {
                return;
            }
            let prog = std::sync::Arc::clone(&mach.prog);
            let func = value::load(obj(f), 0, false) as crate::bytecode::FuncId;
            let mut ng = Goroutine::new(&prog, func, &[]);
            ng.frames[0].closure = f;
            mach.sched().spawn(ng);
        }
    }
}
