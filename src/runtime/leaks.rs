//! GOROUTINE LEAKS (`gol run --leaks`, always on under `gol explore`). Input: what each parked
//! goroutine waits on (noted at its park sites: the channels of a send, receive or select, the
//! sync object of a Lock, Wait or Cond.Wait) and the collector's marking. Output: the goroutines
//! blocked forever, reported once each on stderr, in Go-like form:
//!
//! ```text
//! gol: 2 goroutines leaked (blocked forever):
//!   goroutine 7 [chan send]: main.worker at prog.go:12, created by main.main at prog.go:30
//! ```
//!
//! The analysis is a collection whose marking runs in rounds (`mark_goroutines`, called from
//! the roots callback): first every goroutine that can run by itself (runnable, running,
//! sleeping, or parked on something not noted) and the other roots; then, repeatedly, every
//! parked goroutine whose wait object got marked, until nothing changes. A parked goroutine
//! left over waits on objects that nothing able to run can reach: nobody can ever complete its
//! operation. Its stack is marked last all the same, so the analysis frees nothing the plain
//! collection would keep.
//!
//! Invariant: off (the default), the park sites pay one relaxed load and nothing is recorded.

use super::sched::WaitReason;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static ON: AtomicBool = AtomicBool::new(false);

#[derive(Default)]
struct State {
    /// Goroutine number → the objects its current park waits on.
    waits: HashMap<u64, Vec<u64>>,
    /// Goroutines already reported (each is reported once).
    reported: HashSet<u64>,
}

static STATE: Mutex<Option<State>> = Mutex::new(None);

fn with<R>(f: impl FnOnce(&mut State) -> R) -> R {
    let mut g = STATE.lock().unwrap_or_else(|p| p.into_inner());
    f(g.get_or_insert_with(State::default))
}

/// Turns leak detection on (before the program starts).
pub fn enable() {
    ON.store(true, Ordering::SeqCst);
}

#[inline]
pub fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Goroutine `gid` is about to park waiting on `objs` (channels or a sync object).
#[inline]
pub fn note(gid: u64, objs: &[u64]) {
    if enabled() {
        with(|s| {
            let v = s.waits.entry(gid).or_default();
            v.clear();
            v.extend(objs.iter().copied().filter(|&o| o != 0));
        });
    }
}

/// Whether a stderr line opens a leak report (`gol explore` sorts stderr with it).
pub fn is_header(line: &str) -> bool {
    line.starts_with("gol: ") && line.ends_with("leaked (blocked forever):")
}

/// Whether a goroutine parked for `reason` can only be woken through the objects noted for it
/// (a sleeper has its timer; synctest's waits end through their bubble).
fn blocks_on_objects(reason: WaitReason) -> bool {
    !matches!(
        reason,
        WaitReason::Sleep | WaitReason::SynctestWait | WaitReason::SynctestRun
    )
}

/// One parked goroutine as the analysis sees it.
pub struct Candidate {
    pub id: u64,
    /// The objects it waits on (empty: a nil channel or an empty select, blocked forever).
    pub objs: Vec<u64>,
}

/// A parked goroutine (`id`, `reason`: None when it is not parked) as the analysis sees it:
/// None when it is a root by itself, else a candidate with its wait objects.
pub fn candidate(id: u64, reason: Option<WaitReason>) -> Option<Candidate> {
    let reason = reason?;
    // Main blocked forever while others run is a program that never ends, not a leak (and
    // when nothing else runs either, Go's deadlock report says it).
    if id == 1 {
        return None;
    }
    if !blocks_on_objects(reason) {
        return None;
    }
    let objs = match reason {
        WaitReason::ChanSendNil | WaitReason::ChanRecvNil | WaitReason::SelectNoCases => Vec::new(),
        // Parked on something not noted (a park site that does not note yet): assume it can
        // be woken, rather than report a goroutine that is not leaked.
        _ => with(|s| s.waits.get(&id).cloned())?,
    };
    Some(Candidate { id, objs })
}

/// Of the goroutines found leaked by a collection, the ones not reported yet (they now
/// count as reported).
pub fn newly_leaked(mut ids: Vec<u64>) -> Vec<u64> {
    ids.sort_unstable();
    with(|s| ids.retain(|id| s.reported.insert(*id)));
    ids
}

/// Forgets a goroutine that ended.
pub fn exited(gid: u64) {
    if enabled() {
        with(|s| {
            s.waits.remove(&gid);
        });
    }
}

/// The report's text for leaked goroutines: (id, wait reason, innermost user frame's
/// function and position, `created by` function and position).
pub fn report(lines: &[(u64, &str, String, String)]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let n = lines.len();
    let mut out = format!(
        "gol: {n} goroutine{} leaked (blocked forever):\n",
        if n == 1 { "" } else { "s" }
    );
    for (id, reason, at, created) in lines {
        out.push_str(&format!("  goroutine {id} [{reason}]: {at}"));
        if !created.is_empty() {
            out.push_str(&format!(", created by {created}"));
        }
        out.push('\n');
    }
    out
}
