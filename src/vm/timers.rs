//! VM TIMERS AND SYNC: `time`'s timers and tickers and `sync`'s WaitGroup, Mutex, RWMutex and
//! Once, on the scheduler. Input: a runtime helper's window (the sync object or timer is a struct
//! object whose words are the state declared in types/stdpkg.rs). Output: the operation done,
//! or the goroutine parked on the object (queued by the object's address in the scheduler) until
//! another goroutine's operation readies it with the operation completed.
//!
//! Mutex handoff: `Unlock` with waiters passes the lock straight to the first waiter (the state
//! stays locked), so a woken `Lock` never has to retry.

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

fn set(o: u64, i: usize, v: i64) {
    value::store(obj(o), i, v as u64, false)
}

/// Compare-and-swap of word `i` (a mutex's state, changed by lock-free fast paths).
fn cas(o: u64, i: usize, old: i64, new: i64) -> bool {
    value::cas(obj(o), i, old as u64, new as u64)
}

/// Mutex state (word 0, for Mutex and RWMutex): bit 0 = locked (by a writer), bit 1 =
/// goroutines are queued on it (so the fast `Unlock` must take the slow path and wake one).
const LOCKED: i64 = 1;
const WAITERS: i64 = 2;

/// `Lock`'s slow path (runtime lock held): takes the lock, or queues the goroutine after
/// setting `WAITERS`; the queued goroutine retries its `Lock` when woken (Go's mutex in normal
/// mode: a running goroutine may take the lock first, which avoids lock convoys). Readers (an
/// RWMutex's word 1) also keep a writer out.
fn lock_slow(
    s: &mut crate::runtime::sched::Sched,
    o: u64,
    me: &crate::runtime::g::GRef,
) -> Option<WaitReason> {
    loop {
        let cur = word(o, 0);
        if cur & LOCKED == 0 && word(o, 1) == 0 {
            if cas(o, 0, cur, cur | LOCKED) {
                return None;
            }
            continue;
        }
        if cur & WAITERS == 0 && !cas(o, 0, cur, cur | WAITERS) {
            continue;
        }
        s.wait_on(o, std::sync::Arc::clone(me));
        return Some(WaitReason::Mutex);
    }
}

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

/// What a sync helper does, by `op`: see `Rt::Sync`.
pub fn sync(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<Flow, GoPanic> {
    let mut op = g.regs[at];
    let o = g.regs[at + 1];
    nil_check(o)?;
    // A plain Mutex's fast paths: no runtime lock unless goroutines wait (Go's mutex too).
    match op {
        15 => {
            let cur = word(o, 0);
            if cur & LOCKED == 0 && cas(o, 0, cur, cur | LOCKED) {
                return Ok(Flow::Next);
            }
            op = 3;
        }
        // WaitGroup.Add / Done: the counter changes atomically; only reaching zero takes the
        // runtime lock (to wake the waiters, who read the counter under it).
        0 | 1 => {
            let delta = if op == 1 { -1 } else { g.regs[at + 2] as i64 };
            let n = loop {
                let cur = word(o, 0);
                let n = cur.wrapping_add(delta);
                if n < 0 {
                    return Err(GoPanic::Native("sync: negative WaitGroup counter".into()));
                }
                if cas(o, 0, cur, n) {
                    break n;
                }
            };
            if n > 0 {
                return Ok(Flow::Next);
            }
        }
        16 if cas(o, 0, LOCKED, 0) => return Ok(Flow::Next),
        16 => {
            g.regs[at + 2] = 0;
            op = 4;
        }
        _ => {}
    }
    // The whole operation holds the runtime lock: checking the state and queueing on the
    // object are one step against other workers' Unlock/Done/Signal.
    let sh = std::sync::Arc::clone(&mach.sh);
    let me = mach.cur_g();
    let mut s = sh.sched();
    let s = &mut *s;
    match op {
        // WaitGroup.Add(delta) / Done that brought the counter to zero (above): wake waiters
        // (unless it rose again meanwhile).
        0 | 1 => {
            if word(o, 0) == 0 {
                while let Some(w) = s.pop_waiter(o) {
                    crate::runtime::sched::ready(&w);
                }
            }
        }
        // WaitGroup.Wait
        2 => {
            if word(o, 0) > 0 {
                s.wait_on(o, me);
                return Ok(Flow::Park(WaitReason::WaitGroup));
            }
        }
        // Mutex.Lock / RWMutex.Lock (word 0: the state above; word 1: readers)
        3 => {
            if let Some(reason) = lock_slow(s, o, &me) {
                return Ok(Flow::Retry(reason));
            }
        }
        // Mutex.Unlock / RWMutex.Unlock
        4 => {
            if word(o, 0) & LOCKED == 0 {
                return Err(fatal(if g.regs[at + 2] != 0 {
                    "sync: Unlock of unlocked RWMutex"
                } else {
                    "sync: unlock of unlocked mutex"
                }));
            }
            release(s, o);
        }
        // TryLock
        5 => {
            let cur = word(o, 0);
            let ok = word(o, 1) == 0 && cur & LOCKED == 0 && cas(o, 0, cur, cur | LOCKED);
            g.regs[at] = ok as u64;
        }
        // RWMutex.RLock: readers wait while a writer holds it or waits (Go favours writers).
        6 => {
            if word(o, 0) & LOCKED == 0 && !s.sync_waiters.contains_key(&o) {
                set(o, 1, word(o, 1) + 1);
            } else {
                s.wait_on(o ^ READER, me);
                return Ok(Flow::Park(WaitReason::Mutex));
            }
        }
        // RWMutex.RUnlock
        7 => {
            let r = word(o, 1);
            if r <= 0 {
                return Err(fatal("sync: RUnlock of unlocked RWMutex"));
            }
            set(o, 1, r - 1);
            if r == 1 {
                release(s, o);
            }
        }
        // TryRLock
        8 => {
            let ok = word(o, 0) & LOCKED == 0 && !s.sync_waiters.contains_key(&o);
            if ok {
                set(o, 1, word(o, 1) + 1);
            }
            g.regs[at] = ok as u64;
        }
        // Once: begin (1 = run f now; 0 = done; parks while another goroutine runs f)
        9 => match word(o, 0) {
            0 => {
                set(o, 0, 1);
                g.regs[at] = 1;
            }
            1 => {
                s.wait_on(o, me);
                g.regs[at] = 0;
                return Ok(Flow::Park(WaitReason::Mutex));
            }
            _ => g.regs[at] = 0,
        },
        // Once: end
        10 => {
            set(o, 0, 2);
            while let Some(w) = s.pop_waiter(o) {
                crate::runtime::sched::ready(&w);
            }
        }
        // Cond.Wait: unlock c.L (a *Mutex or *RWMutex), then wait for Signal/Broadcast; the
        // compiled code relocks with op 14 once woken.
        11 => {
            let l = locker(o)?;
            if word(l, 0) & LOCKED == 0 {
                return Err(fatal("sync: unlock of unlocked mutex"));
            }
            release(s, l);
            s.wait_on(o, me);
            return Ok(Flow::Park(WaitReason::Cond));
        }
        // Cond.Signal / Cond.Broadcast
        12 | 13 => {
            while let Some(w) = s.pop_waiter(o) {
                crate::runtime::sched::ready(&w);
                if op == 12 {
                    break;
                }
            }
        }
        // Cond.Wait's relock of c.L (like Lock)
        14 => {
            let l = locker(o)?;
            if let Some(reason) = lock_slow(s, l, &me) {
                return Ok(Flow::Retry(reason));
            }
        }
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

/// Bit distinguishing an RWMutex's reader queue from its writer queue (objects are aligned).
const READER: u64 = 1;

/// Releases a write lock (or the last read lock): wakes a waiting writer (it retries its
/// `Lock`), or else admits every waiting reader. Only the holder (or the last reader) gets
/// here, and the fast paths change no state they do not own, so plain stores are enough.
fn release(s: &mut crate::runtime::sched::Sched, o: u64) {
    if let Some(w) = s.pop_waiter(o) {
        let more = s.sync_waiters.contains_key(&o) || s.sync_waiters.contains_key(&(o ^ READER));
        set(o, 0, if more { WAITERS } else { 0 });
        crate::runtime::sched::ready(&w);
        return;
    }
    set(o, 0, 0);
    while let Some(r) = s.pop_waiter(o ^ READER) {
        set(o, 1, word(o, 1) + 1);
        crate::runtime::sched::ready(&r);
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
        s.fire_timers(std::time::Instant::now());
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
