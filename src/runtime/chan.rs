//! CHANNELS: Go's channels as heap objects, following `runtime/chan.go`. Input: send, receive,
//! close and select requests from a running goroutine. Output: the operation done now (a value
//! handed over, buffered or taken), or the goroutine queued on the channel (it parks; whoever
//! completes its operation writes the result straight into its registers and readies it), or a
//! Go panic (`send on closed channel`, ...).
//!
//! Each channel has its own lock (`ChanBox`); no operation here takes the runtime lock.
//!
//! Invariants:
//! - A waiter is in a queue only while its goroutine is parked or on its way to parking (g.rs),
//!   or once it can no longer be completed: a select waiter another case completed, or a
//!   goroutine a REPL removed. Such dead waiters are skipped when met and purged when a queue
//!   doubles (Go dequeues a select's other cases when it wakes; skipping lazily is equivalent).
//! - A waiter is completed at most once: whoever dequeues it claims it (`claim`) under the
//!   channel's lock; a select's waiters share one `fired` flag, and of several channels racing
//!   to complete the same select only the one whose compare-and-swap sets it goes on.
//! - FIFO: waiters are completed in the order they queued (skipping dead ones).
//! - Wake after unlock: the claimed waiter's registers are written and it is readied
//!   (`Wake::run`) after the channel lock is released, never under it.
//!
//! Lock order: a channel's lock is taken alone, except by `select` (`Locked`), which takes the
//! locks of all its channels in ascending address order (the object's address: the collector
//! never moves objects), so two selects (or a select and a send) never wait on each other in a
//! cycle. Nothing else is locked while a channel lock is held (a waiter's `G::slot` is locked
//! only after the unlock, to write its results and ready it). The runtime lock (`Shared::sched`) may be held
//! around a channel operation (timers, contexts), never taken inside one.

use super::g::{self, GRef};
use super::gc::{Layout, Marker, Mutator, NativeType, Ref};
use super::sched::{self, WaitReason};
use super::sync_shim::{Arc, AtomicBool, Mutex, MutexGuard, Ordering};
use crate::vm::value;
use std::collections::VecDeque;

/// Where a parked goroutine wants its result (Go's `sudog`).
#[derive(Clone)]
pub struct Waiter {
    pub g: GRef,
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
    fn live(&self) -> bool {
        self.sel
            .as_ref()
            .is_none_or(|(f, _, _)| !f.load(Ordering::SeqCst))
            && self.g.status() != g::DEAD
    }

    /// Takes the right to complete this waiter (under its channel's lock): false if it is dead
    /// or another channel completed its select first.
    fn claim(&self) -> bool {
        if self.g.status() == g::DEAD {
            return false;
        }
        match &self.sel {
            None => true,
            Some((fired, _, _)) => fired
                .compare_exchange(false, true, Ordering::SeqCst, Ordering::SeqCst)
                .is_ok(),
        }
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
    /// Values taken from the buffer so far (Go's `recvx`, unwrapped): names the buffer slot of
    /// each operation for the race detector's edges (`race_edge`).
    recvx: u64,
}

/// `-race`'s happens-before edges of a completed operation on `st` (Go's `racesync` /
/// `racenotify`): `Handoff` to a parked partner, a value put into / taken from the buffer (with
/// the parked sender whose value refills the slot), a receive observing the close.
enum RaceOp {
    Handoff(u64),
    Put,
    Take(Option<u64>),
    Closed(u64),
}

fn race_edge(st: &mut ChanState, op: RaceOp) {
    let key = (st as *const ChanState as u64) | crate::race::shadow::GLOBALS;
    let cap = st.cap.max(1) as u64;
    match op {
        RaceOp::Handoff(partner) if st.cap == 0 => crate::race::chan_sync(key, partner),
        RaceOp::Handoff(partner) => {
            crate::race::chan_slot(key, st.recvx % cap, 0);
            crate::race::chan_slot(key, st.recvx % cap, partner);
        }
        RaceOp::Put => crate::race::chan_slot(key, (st.recvx + st.buf.len() as u64 - 1) % cap, 0),
        RaceOp::Take(sender) => {
            let slot = st.recvx.wrapping_sub(1) % cap;
            crate::race::chan_slot(key, slot, 0);
            if let Some(p) = sender {
                crate::race::chan_slot(key, slot, p);
            }
        }
        RaceOp::Closed(partner) => crate::race::chan_closed_recv(key, partner),
    }
}

/// A channel's state under its own lock (word 0 of the channel object points at it).
pub struct ChanBox(Mutex<ChanState>);

pub static CHAN_TYPE: NativeType = NativeType {
    name: "chan",
    trace: trace_chan,
    finalize: Some(finalize_chan),
};
pub static CHAN: Layout = Layout::Native(&CHAN_TYPE);

unsafe fn trace_chan(obj: Ref, marker: &mut Marker) {
    let st = lock(state(obj.word()));
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
    if crate::race::on() {
        // SAFETY: word 0 is the live Box made by `new_chan` (dropped just below).
        let key = &*lock(unsafe { &*p }) as *const ChanState as u64;
        crate::race::forget_chan(key | crate::race::shadow::GLOBALS);
    }
    // SAFETY: word 0 is the Box made by `new_chan`, dropped exactly once here.
    drop(unsafe { Box::from_raw(p) });
}

fn state<'a>(ch: u64) -> &'a ChanBox {
    let p = value::load(value::obj(ch), 0, false) as *const ChanBox;
    // SAFETY: a channel object's word 0 is its live Box (freed only by the finalizer, after
    // the object is unreachable; a caller holds the channel word, so it is reachable).
    unsafe { &*p }
}

fn lock(b: &ChanBox) -> MutexGuard<'_, ChanState> {
    super::stats::lock(&b.0, super::stats::Lock::Chan)
}

/// A channel's identity in events: its state's address (stable while the channel lives).
pub fn id(ch: u64) -> u64 {
    if ch == 0 {
        return 0;
    }
    state(ch).id()
}

impl ChanBox {
    pub fn id(&self) -> u64 {
        self as *const ChanBox as u64
    }

    /// A channel's state, outside the heap (the loom models make channels this way).
    pub fn new(cap: usize, elem_ref: bool) -> ChanBox {
        ChanBox(Mutex::new(ChanState {
            cap,
            buf: VecDeque::new(),
            closed: false,
            recvq: VecDeque::new(),
            sendq: VecDeque::new(),
            elem_aggregate: false,
            elem_ty: crate::types::ty::TypeId::INVALID,
            elem_ref,
            timer: false,
            purge_at: PURGE_AT,
            recvx: 0,
        }))
    }
}

pub fn new_chan(
    m: &mut Mutator,
    cap: usize,
    elem_ty: crate::types::ty::TypeId,
    elem_aggregate: bool,
    elem_ref: bool,
) -> u64 {
    let o = m.alloc(&CHAN, 1);
    let mut cb = ChanBox::new(cap, elem_ref);
    {
        let st = cb.0.get_mut().unwrap_or_else(|p| p.into_inner());
        st.elem_aggregate = elem_aggregate;
        st.elem_ty = elem_ty;
    }
    let b = Box::into_raw(Box::new(cb));
    value::store(o, 0, b as u64, false);
    o.word()
}

pub fn len(ch: u64) -> usize {
    if ch == 0 {
        return 0;
    }
    let st = lock(state(ch));
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
    let st = lock(state(ch));
    if st.timer {
        0
    } else {
        st.cap
    }
}

/// A timer's channel (`time.After`, `Timer.C`, `Ticker.C`): holds one pending tick.
pub fn new_timer_chan(m: &mut Mutator) -> u64 {
    let ch = new_chan(m, 1, crate::types::ty::TypeId::INVALID, false, true);
    lock(state(ch)).timer = true;
    ch
}

/// A wait queue this long is cleared of fired select waiters before it grows (Go dequeues a
/// select's other cases when it wakes; here they linger until met or purged).
const PURGE_AT: usize = 16;

/// What a channel operation did.
pub enum Outcome {
    /// Done now; for a receive: the value and ok.
    Done(u64, bool),
    /// The goroutine must park (it was queued, unless the caller only polled).
    Park(WaitReason),
    Panic(&'static str),
}

/// A completion decided under a channel's lock and carried out after it is released.
#[must_use]
pub enum Wake {
    None,
    /// A parked receiver gets (value, ok).
    Recv(Waiter, u64, bool),
    /// A parked sender's value was taken.
    Send(Waiter),
    /// A close: every receiver gets (zero, false); every sender panics.
    Close(Vec<Waiter>, Vec<Waiter>, u64),
}

impl Wake {
    /// The goroutine this completion hands a value to or takes one from (0: none; events).
    pub fn partner(&self) -> u64 {
        match self {
            Wake::Recv(w, ..) | Wake::Send(w) => w.g.id,
            _ => 0,
        }
    }

    /// Writes the results into the claimed waiters' registers and readies them (no channel
    /// lock held: lock order).
    pub fn run(self) {
        match self {
            Wake::None => {}
            Wake::Recv(w, v, ok) => complete_recv(&w, v, ok),
            Wake::Send(w) => complete_send(&w),
            Wake::Close(recvs, sends, zero) => {
                for r in recvs {
                    complete_recv(&r, zero, false);
                }
                for w in sends {
                    w.g.panic_on_wake("send on closed channel");
                    complete_send(&w);
                }
            }
        }
    }
}

/// Writes a completed waiter's results (the select case chosen, then `extra`) and readies it.
fn complete(w: &Waiter, extra: &[(usize, u64)]) {
    let mut writes = [(0, 0); 4];
    let mut n = 0;
    if let Some((_, case, case_reg)) = &w.sel {
        writes[0] = (*case_reg, *case as u64);
        n = 1;
    }
    for &x in extra {
        writes[n] = x;
        n += 1;
    }
    if n > 0 {
        w.g.write_all(&writes[..n]);
    }
    sched::ready(&w.g);
}

fn complete_recv(w: &Waiter, v: u64, ok: bool) {
    match w.ok {
        Some(o) => complete(w, &[(w.dst, v), (o, ok as u64)]),
        None => complete(w, &[(w.dst, v)]),
    }
}

fn complete_send(w: &Waiter) {
    complete(w, &[]);
}

/// The first receiver in `st`'s queue that can still be completed, claimed.
fn claim_recv(st: &mut ChanState) -> Option<Waiter> {
    while let Some(r) = st.recvq.pop_front() {
        if r.claim() {
            return Some(r);
        }
    }
    None
}

fn claim_send(st: &mut ChanState) -> Option<(Waiter, u64)> {
    while let Some((w, v)) = st.sendq.pop_front() {
        if w.claim() {
            return Some((w, v));
        }
    }
    None
}

/// A send on a locked channel, without queueing: done (with the wake to run after unlocking),
/// or None if it would block.
fn try_send(st: &mut ChanState, v: u64) -> Option<Result<Wake, &'static str>> {
    if st.closed {
        return Some(Err("send on closed channel"));
    }
    if let Some(r) = claim_recv(st) {
        if crate::race::on() {
            race_edge(st, RaceOp::Handoff(r.g.id));
        }
        st.recvx = st.recvx.wrapping_add((st.cap > 0) as u64);
        return Some(Ok(Wake::Recv(r, v, true)));
    }
    if st.buf.len() < st.cap {
        st.buf.push_back(v);
        if crate::race::on() {
            race_edge(st, RaceOp::Put);
        }
        return Some(Ok(Wake::None));
    }
    None
}

/// A receive on a locked channel, without queueing: (value, ok, wake), or None if it would
/// block. `u64::MAX` with ok false: closed (the caller supplies the zero value).
fn try_recv(st: &mut ChanState) -> Option<(u64, bool, Wake)> {
    if let Some(v) = st.buf.pop_front() {
        st.recvx = st.recvx.wrapping_add(1);
        // A waiting sender's value moves into the freed slot.
        return Some(match claim_send(st) {
            Some((w, sv)) => {
                st.buf.push_back(sv);
                if crate::race::on() {
                    race_edge(st, RaceOp::Take(Some(w.g.id)));
                }
                (v, true, Wake::Send(w))
            }
            None => {
                if crate::race::on() {
                    race_edge(st, RaceOp::Take(None));
                }
                (v, true, Wake::None)
            }
        });
    }
    if let Some((w, sv)) = claim_send(st) {
        if crate::race::on() {
            race_edge(st, RaceOp::Handoff(w.g.id));
        }
        return Some((sv, true, Wake::Send(w)));
    }
    if st.closed {
        if crate::race::on() {
            race_edge(st, RaceOp::Closed(0));
        }
        return Some((u64::MAX, false, Wake::None));
    }
    None
}

fn enqueue_send(st: &mut ChanState, me: Waiter, v: u64) {
    if st.sendq.len() >= st.purge_at {
        st.sendq.retain(|(w, _)| w.live());
        st.purge_at = (2 * st.sendq.len()).max(PURGE_AT);
    }
    st.sendq.push_back((me, v));
}

fn enqueue_recv(st: &mut ChanState, me: Waiter) {
    if st.recvq.len() >= st.purge_at {
        st.recvq.retain(|w| w.live());
        st.purge_at = (2 * st.recvq.len()).max(PURGE_AT);
    }
    st.recvq.push_back(me);
}

/// `ch <- v`; `me` makes the running goroutine's waiter if it must queue.
pub fn send(ch: u64, v: u64, me: impl FnOnce() -> Waiter) -> Outcome {
    if ch == 0 {
        return Outcome::Park(WaitReason::ChanSendNil);
    }
    send_on(state(ch), v, me)
}

/// `send` on a channel's state (the loom models call it directly).
pub fn send_on(cb: &ChanBox, v: u64, me: impl FnOnce() -> Waiter) -> Outcome {
    let mut st = lock(cb);
    match try_send(&mut st, v) {
        Some(Ok(wake)) => {
            drop(st);
            super::events::chan_done(true, || cb.id(), &wake);
            wake.run();
            Outcome::Done(0, true)
        }
        Some(Err(msg)) => Outcome::Panic(msg),
        None => {
            super::events::chan_block(cb.id(), true);
            enqueue_send(&mut st, me(), v);
            Outcome::Park(WaitReason::ChanSend)
        }
    }
}

/// `<-ch` (see `send`).
pub fn recv(ch: u64, me: impl FnOnce() -> Waiter) -> Outcome {
    if ch == 0 {
        return Outcome::Park(WaitReason::ChanRecvNil);
    }
    recv_on(state(ch), me)
}

pub fn recv_on(cb: &ChanBox, me: impl FnOnce() -> Waiter) -> Outcome {
    let mut st = lock(cb);
    match try_recv(&mut st) {
        Some((v, ok, wake)) => {
            drop(st);
            super::events::chan_done(false, || cb.id(), &wake);
            wake.run();
            Outcome::Done(v, ok)
        }
        None => {
            super::events::chan_block(cb.id(), false);
            enqueue_recv(&mut st, me());
            Outcome::Park(WaitReason::ChanRecv)
        }
    }
}

/// `close(ch)`: wakes every receiver (zero, false) and panics every sender.
/// `zero` is what woken receivers get (the element's zero value; one shared object for an
/// aggregate element type).
pub fn close(ch: u64, zero: u64) -> Result<(), &'static str> {
    if ch == 0 {
        return Err("close of nil channel");
    }
    close_on(state(ch), zero)
}

pub fn close_on(cb: &ChanBox, zero: u64) -> Result<(), &'static str> {
    let mut st = lock(cb);
    if st.closed {
        return Err("close of closed channel");
    }
    st.closed = true;
    let recvs: Vec<Waiter> = st.recvq.drain(..).filter(|w| w.claim()).collect();
    if crate::race::on() {
        crate::race::chan_close((&*st as *const ChanState as u64) | crate::race::shadow::GLOBALS);
        for w in &recvs {
            race_edge(&mut st, RaceOp::Closed(w.g.id));
        }
    }
    let sends: Vec<Waiter> = st
        .sendq
        .drain(..)
        .map(|(w, _)| w)
        .filter(|w| w.claim())
        .collect();
    drop(st);
    super::events::chan_close(cb.id());
    Wake::Close(recvs, sends, zero).run();
    Ok(())
}

pub fn elem_aggregate(ch: u64) -> Option<crate::types::ty::TypeId> {
    let st = lock(state(ch));
    st.elem_aggregate.then_some(st.elem_ty)
}

/// Takes a buffered value without blocking (timers drain their channel on Stop/Reset).
pub fn try_take(ch: u64) -> Option<u64> {
    lock(state(ch)).buf.pop_front()
}

/// A send that never blocks: to a waiting receiver, else into free buffer space, else dropped
/// (a timer's tick that nobody has taken yet).
pub fn offer(ch: u64, v: u64) {
    if ch == 0 {
        return;
    }
    let mut st = lock(state(ch));
    if let Some(Ok(wake)) = try_send(&mut st, v) {
        drop(st);
        wake.run();
    }
}

/// The locks of a select's channels, taken in ascending address order (see the lock order
/// above); each channel once however many cases name it. Dropping it unlocks them all.
pub struct Locked<'a> {
    held: Vec<(u64, MutexGuard<'a, ChanState>)>,
}

impl<'a> Locked<'a> {
    /// Locks the channels of `cases` (nil channels are skipped).
    pub fn new(cases: impl Iterator<Item = u64>) -> Locked<'a> {
        Self::of(cases.filter(|&ch| ch != 0).map(|ch| (ch, state(ch))))
    }

    /// Locks channel states named by keys (the loom models use their boxes' addresses).
    pub fn of(chans: impl Iterator<Item = (u64, &'a ChanBox)>) -> Locked<'a> {
        let mut boxes: Vec<(u64, &ChanBox)> = chans.collect();
        boxes.sort_by_key(|&(_, b)| b as *const ChanBox as usize);
        boxes.dedup_by_key(|&mut (_, b)| b as *const ChanBox as usize);
        let held = boxes.into_iter().map(|(ch, b)| (ch, lock(b))).collect();
        Locked { held }
    }

    fn get(&mut self, ch: u64) -> &mut ChanState {
        let i = self
            .held
            .iter()
            .position(|(c, _)| *c == ch)
            .expect("select locked every case's channel");
        &mut self.held[i].1
    }

    /// Polls a send case: done (its wake runs after `self` is dropped), a panic, or None.
    pub fn try_send(&mut self, ch: u64, v: u64) -> Option<Result<Wake, &'static str>> {
        try_send(self.get(ch), v)
    }

    /// Polls a receive case (see `try_recv`).
    pub fn try_recv(&mut self, ch: u64) -> Option<(u64, bool, Wake)> {
        try_recv(self.get(ch))
    }

    /// Queues a select's waiter on a send case.
    pub fn enqueue_send(&mut self, ch: u64, me: Waiter, v: u64) {
        enqueue_send(self.get(ch), me, v)
    }

    pub fn enqueue_recv(&mut self, ch: u64, me: Waiter) {
        enqueue_recv(self.get(ch), me)
    }
}
