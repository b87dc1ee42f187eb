//! `testing/synctest` bubbles. Input: hooks from the worker (a bubble goroutine starts a
//! slice, parks, ends), from goroutine creation, from the timer table (`Sched::add_timer`,
//! `arm`, `stop_timer` route a bubble goroutine's timers here) and from the clock
//! (`natives/time.rs`). Output: a fake clock per bubble that advances only when every goroutine
//! of the bubble is durably blocked, `synctest.Wait` returning at that moment, and Go's
//! deadlock panics.
//!
//! Invariants:
//! - A goroutine belongs to at most one bubble, for life: the one of the goroutine that
//!   started it (`Goroutine::bubble`), or the one it entered (`enter`).
//! - The thread-local `CURRENT` is the bubble of the goroutine this thread is running (null
//!   otherwise, and while firing timers outside a bubble), so natives without a goroutine
//!   (the clock) and the timer table see it.
//! - A member is *blocked* when its own flag says it parked durably (channel operations,
//!   select, sleep, WaitGroup.Wait, Cond.Wait, synctest.Wait; not Mutex) and its status word
//!   is `WAITING`: a waker makes it `RUNNABLE` first, so a readied member never counts as
//!   blocked. Every member that finishes parking (or ends) runs `check`, so the last one to
//!   block sees all the others blocked.
//! - Only `check` moves the clock, with every member blocked.
//!
//! Known limits: channels are not tied to bubbles (Go panics when one is used from outside
//! its bubble; gol does not check), and a bubble goroutine woken from outside the bubble by
//! a durable operation is not noticed between the check and its wake.

use super::g::{GRef, WAITING};
use super::sched::{TimerAction, WaitReason};
use crate::vm::Machine;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// Go's bubbles start at midnight UTC, January 1, 2000.
const EPOCH_UNIX_NS: i64 = 946_684_800 * 1_000_000_000;
/// Bubble timer ids have this bit set (the runtime's own ids count up from 1).
const BUBBLE_TIMER: u64 = 1 << 62;

static TIMER_SEQ: AtomicU64 = AtomicU64::new(0);
/// Every live bubble (for the collector's roots and for timers stopped from outside).
static BUBBLES: Mutex<Vec<Weak<Bubble>>> = Mutex::new(Vec::new());

thread_local! {
    static CURRENT: Cell<*const Bubble> = const { Cell::new(std::ptr::null()) };
}

struct Member {
    g: GRef,
    blocked: Arc<AtomicBool>,
}

#[derive(Default)]
struct State {
    /// Fake time elapsed since the epoch.
    elapsed: i64,
    members: HashMap<u64, Member>,
    /// (when, id) → action, earliest first; `when` in elapsed nanoseconds.
    timers: BTreeMap<(i64, u64), TimerAction>,
    when: HashMap<u64, i64>,
    /// A goroutine parked in synctest.Wait.
    waiter: Option<u64>,
    /// The root, parked until the other members have ended (the end of synctest.Test).
    exiting: Option<u64>,
    root: u64,
}

pub struct Bubble {
    state: Mutex<State>,
}

impl Bubble {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The bubble of the goroutine running on this thread.
pub fn current() -> Option<&'static Bubble> {
    let p = CURRENT.with(|c| c.get());
    // SAFETY: `CURRENT` is non-null only between `enter_slice` and `leave_slice`, while the
    // running goroutine holds an `Arc` to the bubble (or while `fire` holds one).
    (!p.is_null()).then(|| unsafe { &*p })
}

/// The fake wall clock (Unix ns) and monotonic reading of the current bubble, if any.
pub fn now() -> Option<(i64, i64)> {
    current().map(|b| {
        let e = b.lock().elapsed;
        (EPOCH_UNIX_NS + e, e + 1)
    })
}

/// A worker starts a slice of `g`.
pub fn enter_slice(g: &crate::vm::Goroutine) {
    if let Some(b) = &g.bubble {
        if let Some(m) = b.lock().members.get(&g.id) {
            m.blocked.store(false, Ordering::SeqCst);
        }
        CURRENT.with(|c| c.set(Arc::as_ptr(b)));
    }
}

/// The slice ended.
pub fn leave_slice() {
    CURRENT.with(|c| c.set(std::ptr::null()));
}

/// Whether parking for `reason` is durable blocking in Go's sense.
fn durable(reason: WaitReason) -> bool {
    !matches!(reason, WaitReason::Mutex)
}

/// `g` is about to park for `reason`: its bubble (to `check` once parked), if it has one.
pub fn parking(g: &crate::vm::Goroutine, reason: WaitReason) -> Option<Arc<Bubble>> {
    let b = g.bubble.as_ref()?;
    if durable(reason) {
        if let Some(m) = b.lock().members.get(&g.id) {
            m.blocked.store(true, Ordering::SeqCst);
        }
    }
    Some(Arc::clone(b))
}

/// A new goroutine `g` (handle `gref`) started by a goroutine of the current bubble joins it.
pub fn spawned(g: &mut crate::vm::Goroutine) -> Option<Arc<Bubble>> {
    let b = current()?;
    let arc = find(b)?;
    g.bubble = Some(Arc::clone(&arc));
    Some(arc)
}

/// Registers the handle of a goroutine that `spawned` put in `b`.
pub fn register(b: &Bubble, id: u64, g: GRef) {
    b.lock().members.insert(
        id,
        Member {
            g,
            blocked: Arc::new(AtomicBool::new(false)),
        },
    );
}

fn find(b: &Bubble) -> Option<Arc<Bubble>> {
    let list = BUBBLES.lock().unwrap_or_else(|p| p.into_inner());
    list.iter()
        .filter_map(Weak::upgrade)
        .find(|a| std::ptr::eq(Arc::as_ptr(a), b))
}

/// `g` ended: it leaves its bubble, which may now be idle.
pub fn exited(g: &crate::vm::Goroutine, mach: &mut Machine) {
    if let Some(b) = &g.bubble {
        b.lock().members.remove(&g.id);
        check(b, mach);
    }
}

/// `synctest.Test`'s start: the running goroutine `g` becomes the root of a new bubble.
pub fn enter(g: &mut crate::vm::Goroutine, gref: GRef) -> Result<(), &'static str> {
    if g.bubble.is_some() {
        return Err("synctest.Run called from within a synctest bubble");
    }
    let b = Arc::new(Bubble {
        state: Mutex::new(State::default()),
    });
    {
        let mut s = b.lock();
        s.root = g.id;
    }
    register(&b, g.id, gref);
    let mut list = BUBBLES.lock().unwrap_or_else(|p| p.into_inner());
    list.retain(|w| w.strong_count() > 0);
    list.push(Arc::downgrade(&b));
    drop(list);
    CURRENT.with(|c| c.set(Arc::as_ptr(&b)));
    g.bubble = Some(b);
    Ok(())
}

/// `synctest.Wait` by `g`: whether to park (until every other member is blocked).
pub fn wait(g: &crate::vm::Goroutine) -> Result<(), &'static str> {
    let Some(b) = &g.bubble else {
        return Err("goroutine is not in a bubble");
    };
    let mut s = b.lock();
    if s.waiter.is_some() {
        return Err("wait already in progress");
    }
    s.waiter = Some(g.id);
    Ok(())
}

/// The root's wait for the other members to end (after the bubble's function returned).
pub fn exit_wait(g: &crate::vm::Goroutine) -> bool {
    let Some(b) = &g.bubble else { return false };
    let mut s = b.lock();
    if s.members.len() <= 1 {
        return false;
    }
    s.exiting = Some(g.id);
    true
}

/// The root leaves its bubble (the end of synctest.Test).
pub fn leave(g: &mut crate::vm::Goroutine) {
    if let Some(b) = g.bubble.take() {
        let mut s = b.lock();
        s.members.remove(&g.id);
        s.timers.clear();
        s.when.clear();
    }
    leave_slice();
}

/// Runs after a member finished parking (or ended): if every member is blocked, wakes the
/// waiter, or ends the root's exit wait, or advances the clock to the next timer and fires
/// it, or reports Go's deadlock to the root.
pub fn check(b: &Arc<Bubble>, mach: &mut Machine) {
    // Firing timers nobody waits for any more (the losing cases of a select) wakes nobody:
    // then the bubble is still idle and the clock moves on.
    while check_once(b, mach) {}
}

/// One step of `check`: true if it fired timers (the bubble may still be idle).
fn check_once(b: &Arc<Bubble>, mach: &mut Machine) -> bool {
    let mut s = b.lock();
    let all_blocked = s
        .members
        .values()
        .all(|m| m.blocked.load(Ordering::SeqCst) && m.g.status() == WAITING);
    if !all_blocked {
        return false;
    }
    if let Some(w) = s.waiter.take() {
        drop(s);
        mach.sched().ready_id(w);
        return false;
    }
    if let Some(r) = s.exiting {
        if s.members.len() <= 1 {
            s.exiting = None;
            drop(s);
            mach.sched().ready_id(r);
            return false;
        }
    }
    if let Some((&(when, _), _)) = s.timers.iter().next() {
        s.elapsed = s.elapsed.max(when);
        let now = s.elapsed;
        let mut due = Vec::new();
        while let Some((&(w, id), _)) = s.timers.iter().next() {
            if w > now {
                break;
            }
            let a = s.timers.remove(&(w, id)).expect("present");
            s.when.remove(&id);
            due.push((id, a));
        }
        drop(s);
        fire(b, mach, due);
        return true;
    }
    let msg = if s.exiting.is_some() {
        "deadlock: main bubble goroutine has exited but blocked goroutines remain"
    } else {
        "deadlock: all goroutines in bubble are blocked"
    };
    let root = s.members.get(&s.root).map(|m| m.g.clone());
    drop(s);
    if let Some(r) = root {
        r.panic_on_wake(msg);
        let id = b.lock().root;
        mach.sched().ready_id(id);
    }
    false
}

/// Carries out fired timers as members of the bubble (a tick reads the fake clock, an
/// AfterFunc's goroutine joins the bubble).
fn fire(b: &Arc<Bubble>, mach: &mut Machine, due: Vec<(u64, TimerAction)>) {
    let saved = CURRENT.with(|c| c.replace(Arc::as_ptr(b)));
    for (id, action) in due {
        let period = match action {
            TimerAction::Send { period, .. } => period,
            _ => None,
        };
        if let Some(p) = period {
            arm_in(b, id, p, action);
        }
        mach.sched().in_flight.insert(id, action);
        crate::vm::timers::fire(mach, id, action);
    }
    CURRENT.with(|c| c.set(saved));
}

fn arm_in(b: &Bubble, id: u64, d: Duration, action: TimerAction) {
    let mut s = b.lock();
    if let Some(old) = s.when.remove(&id) {
        s.timers.remove(&(old, id));
    }
    let when = s.elapsed + d.as_nanos().min(i64::MAX as u128 / 4) as i64;
    s.timers.insert((when, id), action);
    s.when.insert(id, when);
}

/// `Sched::add_timer` from a bubble goroutine: the timer's id, on the bubble's clock.
pub fn add_timer(d: Duration, action: TimerAction) -> Option<u64> {
    let b = current()?;
    let id = BUBBLE_TIMER | TIMER_SEQ.fetch_add(1, Ordering::Relaxed);
    arm_in(b, id, d, action);
    Some(id)
}

/// `Sched::arm` of a bubble timer: true if it was one (and is re-armed on its bubble).
pub fn arm(id: u64, d: Duration, action: TimerAction) -> bool {
    if id & BUBBLE_TIMER == 0 {
        return false;
    }
    if let Some(b) = owner(id).or_else(|| current().and_then(find)) {
        arm_in(&b, id, d, action);
    }
    true
}

/// `Sched::stop_timer` of a bubble timer: Some(its action if it was pending).
pub fn stop_timer(id: u64) -> Option<Option<TimerAction>> {
    if id & BUBBLE_TIMER == 0 {
        return None;
    }
    let b = owner(id)?;
    let mut s = b.lock();
    let when = s.when.remove(&id)?;
    Some(s.timers.remove(&(when, id)))
}

fn owner(id: u64) -> Option<Arc<Bubble>> {
    let list = BUBBLES.lock().unwrap_or_else(|p| p.into_inner());
    list.iter()
        .filter_map(Weak::upgrade)
        .find(|b| b.lock().when.contains_key(&id))
}

/// The words bubble timers keep alive (channels, AfterFunc closures): GC roots.
pub fn roots() -> Vec<u64> {
    let list = BUBBLES.lock().unwrap_or_else(|p| p.into_inner());
    let mut out = Vec::new();
    for b in list.iter().filter_map(Weak::upgrade) {
        for a in b.lock().timers.values() {
            if let TimerAction::Send { ch: w, .. } | TimerAction::Func(w) = *a {
                out.push(w);
            }
        }
    }
    out
}
