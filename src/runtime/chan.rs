//! CHANNELS: Go's channels as heap objects, following `runtime/chan.go`. Input: send, receive,
//! close and select requests from a running goroutine, with the scheduler to wake others.
//! Output: the operation done now (a value handed over, buffered or taken), or the goroutine
//! queued on the channel (it parks; whoever completes its operation writes the result straight
//! into its registers and readies it), or a Go panic (`send on closed channel`, ...).
//!
//! Invariants: a waiter is in a queue only while its goroutine is parked (or was removed by a
//! REPL: then it is skipped as a fired select waiter is); a select waiter sits
//! in several queues and carries a shared `fired` flag: the first channel to complete it sets the
//! flag, the others skip it when they meet it (Go dequeues eagerly; skipping lazily is
//! equivalent because a fired waiter can never be completed twice).
//!
//! Lock order: one channel's state lock at a time (select takes them one after another and
//! never holds two); the scheduler's queues are touched with no channel lock held.

use super::gc::{Layout, Marker, Mutator, NativeType, Ref};
use super::sched::{Sched, WaitReason};
use crate::vm::value;
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Where a parked goroutine wants its result.
#[derive(Clone)]
pub struct Waiter {
    pub gid: u64,
    /// Absolute register index receiving the value (receives), or unused (sends).
    pub dst: usize,
    /// Absolute register index receiving `ok`, if the receive has one.
    pub ok: Option<usize>,
    /// For select: the shared flag and (case index, register receiving the chosen index).
    pub sel: Option<(Arc<AtomicBool>, usize, usize)>,
}

impl Waiter {
    /// Whether the waiter can still be completed: not a select another channel completed, and
    /// its goroutine still exists (a REPL removes an input's goroutine that deadlocked or was
    /// interrupted, `runtime/session.rs`; a program never removes a parked goroutine).
    fn live(&self, s: &Sched) -> bool {
        self.sel
            .as_ref()
            .is_none_or(|(f, _, _)| !f.load(Ordering::Relaxed))
            && !s.dead.contains(&self.gid)
    }
}

pub struct ChanState {
    pub cap: usize,
    pub buf: VecDeque<u64>,
    pub closed: bool,
    pub recvq: VecDeque<Waiter>,
    pub sendq: VecDeque<(Waiter, u64)>,
    /// The element type's zero value is 0 unless it is an aggregate (then this is a fresh zero
    /// object made by the caller when needed).
    pub elem_aggregate: bool,
    pub elem_ty: crate::types::ty::TypeId,
    /// Elements are references (the tracer marks buffered and pending values only then).
    pub elem_ref: bool,
    /// A timer's channel: one internal slot, but Go 1.23 reports `len` and `cap` 0.
    pub timer: bool,
    /// Queue length at which fired select waiters are purged (doubles with the live waiters,
    /// so purging costs O(1) per enqueue amortized).
    purge_at: usize,
}

struct ChanBox(Mutex<ChanState>);

pub static CHAN_TYPE: NativeType = NativeType {
    name: "chan",
    trace: trace_chan,
    finalize: Some(finalize_chan),
};
pub static CHAN: Layout = Layout::Native(&CHAN_TYPE);

unsafe fn trace_chan(obj: Ref, marker: &mut Marker) {
    let st = state(obj.word()).lock().expect("chan lock");
    if !st.elem_ref {
        return;
    }
    for w in &st.buf {
        marker.mark(*w);
    }
    for (_, w) in &st.sendq {
        marker.mark(*w);
    }
}

unsafe fn finalize_chan(obj: Ref) {
    let p = value::load(obj, 0, false) as *mut ChanBox;
    // SAFETY: word 0 is the Box made by `new_chan`, dropped exactly once here.
    drop(unsafe { Box::from_raw(p) });
}

fn state<'a>(ch: u64) -> &'a Mutex<ChanState> {
    let p = value::load(value::obj(ch), 0, false) as *const ChanBox;
    // SAFETY: a channel object's word 0 is its live Box (freed only by the finalizer, after
    // the object is unreachable).
    unsafe { &(*p).0 }
}

pub fn new_chan(
    m: &mut Mutator,
    cap: usize,
    elem_ty: crate::types::ty::TypeId,
    elem_aggregate: bool,
    elem_ref: bool,
) -> u64 {
    let o = m.alloc(&CHAN, 1);
    let b = Box::into_raw(Box::new(ChanBox(Mutex::new(ChanState {
        cap,
        buf: VecDeque::new(),
        closed: false,
        recvq: VecDeque::new(),
        sendq: VecDeque::new(),
        elem_aggregate,
        elem_ty,
        elem_ref,
        timer: false,
        purge_at: PURGE_AT,
    }))));
    value::store(o, 0, b as u64, false);
    o.word()
}

pub fn len(ch: u64) -> usize {
    if ch == 0 {
        return 0;
    }
    let st = state(ch).lock().expect("chan lock");
    if st.timer {
        0
    } else {
        st.buf.len()
    }
}

pub fn cap(ch: u64) -> usize {
    if ch == 0 {
        return 0;
    }
    let st = state(ch).lock().expect("chan lock");
    if st.timer {
        0
    } else {
        st.cap
    }
}

/// A timer's channel (`time.After`, `Timer.C`, `Ticker.C`): holds one pending tick.
pub fn new_timer_chan(m: &mut Mutator) -> u64 {
    let ch = new_chan(m, 1, crate::types::ty::TypeId::INVALID, false, true);
    state(ch).lock().expect("chan lock").timer = true;
    ch
}

/// A wait queue this long is cleared of fired select waiters before it grows (Go dequeues a
/// select's other cases when it wakes; here they linger until met or purged).
const PURGE_AT: usize = 16;

/// What a channel operation did.
pub enum Outcome {
    /// Done now; for a receive: the value and ok.
    Done(u64, bool),
    /// The goroutine must park (it was queued).
    Park(WaitReason),
    Panic(&'static str),
}

/// Completes a parked receiver with `v`.
fn complete_recv(s: &mut Sched, w: &Waiter, v: u64, ok: bool) {
    if let Some((fired, case, case_reg)) = &w.sel {
        fired.store(true, Ordering::Relaxed);
        s.write(w.gid, *case_reg, *case as u64);
    }
    s.write(w.gid, w.dst, v);
    if let Some(o) = w.ok {
        s.write(w.gid, o, ok as u64);
    }
    s.ready(w.gid);
}

fn complete_send(s: &mut Sched, w: &Waiter) {
    if let Some((fired, case, case_reg)) = &w.sel {
        fired.store(true, Ordering::Relaxed);
        s.write(w.gid, *case_reg, *case as u64);
    }
    s.ready(w.gid);
}

/// `ch <- v` by goroutine `me`; `park`: queue it if it cannot proceed (false: just report).
pub fn send(s: &mut Sched, ch: u64, v: u64, me: &Waiter, park: bool) -> Outcome {
    if ch == 0 {
        return if park {
            Outcome::Park(WaitReason::ChanSendNil)
        } else {
            Outcome::Park(WaitReason::Select)
        };
    }
    let mut st = state(ch).lock().expect("chan lock");
    if st.closed {
        return Outcome::Panic("send on closed channel");
    }
    while let Some(r) = st.recvq.pop_front() {
        if r.live(s) {
            drop(st);
            complete_recv(s, &r, v, true);
            return Outcome::Done(0, true);
        }
    }
    if st.buf.len() < st.cap {
        st.buf.push_back(v);
        return Outcome::Done(0, true);
    }
    if park {
        if st.sendq.len() >= st.purge_at {
            st.sendq.retain(|(w, _)| w.live(s));
            st.purge_at = (2 * st.sendq.len()).max(PURGE_AT);
        }
        st.sendq.push_back((me.clone(), v));
    }
    Outcome::Park(WaitReason::ChanSend)
}

/// `<-ch` by goroutine `me` (see `send`).
pub fn recv(s: &mut Sched, ch: u64, me: &Waiter, park: bool) -> Outcome {
    if ch == 0 {
        return Outcome::Park(if park {
            WaitReason::ChanRecvNil
        } else {
            WaitReason::Select
        });
    }
    let mut st = state(ch).lock().expect("chan lock");
    if let Some(v) = st.buf.pop_front() {
        // A waiting sender's value moves into the freed slot.
        while let Some((w, sv)) = st.sendq.pop_front() {
            if w.live(s) {
                st.buf.push_back(sv);
                drop(st);
                complete_send(s, &w);
                return Outcome::Done(v, true);
            }
        }
        return Outcome::Done(v, true);
    }
    while let Some((w, sv)) = st.sendq.pop_front() {
        if w.live(s) {
            drop(st);
            complete_send(s, &w);
            return Outcome::Done(sv, true);
        }
    }
    if st.closed {
        return Outcome::Done(u64::MAX, false);
    }
    if park {
        if st.recvq.len() >= st.purge_at {
            st.recvq.retain(|w| w.live(s));
            st.purge_at = (2 * st.recvq.len()).max(PURGE_AT);
        }
        st.recvq.push_back(me.clone());
    }
    Outcome::Park(WaitReason::ChanRecv)
}

/// `close(ch)`: wakes every receiver (zero, false) and panics every sender.
/// `zero` is what woken receivers get (the element's zero value; one shared object for an
/// aggregate element type).
pub fn close(s: &mut Sched, ch: u64, zero: u64) -> Result<(), &'static str> {
    if ch == 0 {
        return Err("close of nil channel");
    }
    let mut st = state(ch).lock().expect("chan lock");
    if st.closed {
        return Err("close of closed channel");
    }
    st.closed = true;
    let recvs: Vec<Waiter> = st.recvq.drain(..).filter(|w| w.live(s)).collect();
    let sends: Vec<Waiter> = st
        .sendq
        .drain(..)
        .map(|(w, _)| w)
        .filter(|w| w.live(s))
        .collect();
    drop(st);
    for r in recvs {
        complete_recv(s, &r, zero, false);
    }
    for w in sends {
        if let Some((fired, case, case_reg)) = &w.sel {
            fired.store(true, Ordering::Relaxed);
            s.write(w.gid, *case_reg, *case as u64);
        }
        s.panic_on_wake(w.gid, "send on closed channel");
        s.ready(w.gid);
    }
    Ok(())
}

pub fn elem_aggregate(ch: u64) -> Option<crate::types::ty::TypeId> {
    let st = state(ch).lock().expect("chan lock");
    st.elem_aggregate.then_some(st.elem_ty)
}

/// Takes a buffered value without blocking (timers drain their channel on Stop/Reset).
pub fn try_take(ch: u64) -> Option<u64> {
    state(ch).lock().expect("chan lock").buf.pop_front()
}

/// A send that never blocks: to a waiting receiver, else into free buffer space, else dropped
/// (a timer's tick that nobody has taken yet).
pub fn offer(s: &mut Sched, ch: u64, v: u64) {
    if ch == 0 {
        return;
    }
    let me = Waiter {
        gid: 0,
        dst: 0,
        ok: None,
        sel: None,
    };
    let _ = send(s, ch, v, &me, false);
}
