//! VM CONTINUATIONS: how a runtime helper (an `Op::Rt`, e.g. fmt's printing) calls gol code
//! without a nested interpreter loop. Input: a helper that needs the result of a gol call.
//! Output: the call runs as an ordinary frame (it may block, be preempted, be collected around,
//! panic), and the helper is re-run from its start with the results so far.
//!
//! Protocol ("replay"): the helper reads its `Memo` (the results of the calls it already made,
//! in order); when it needs one more, it returns `Flow::Call`. The VM then rewinds the calling
//! frame's pc to the `Rt` instruction, pushes the callee as a frame flagged `resume`, and runs
//! it. When that frame returns, its results are appended to the memo and the `Rt` instruction
//! runs again, consuming the memoised results in order. A helper may only use this if it has no
//! side effects besides those calls until it completes (fmt's driver: it only fills its output
//! buffer), so the replay is exact.
//!
//! Invariants: a memo belongs to the helper running in the frame at depth `depth` (1-based,
//! `frames.len()` when the helper runs); a frame has at most one memo; memos are ordered by
//! depth, so the current helper's memo is the last one. A memo whose frame goes away (a panic
//! unwinds through it) is dropped with it. Memo words are GC roots (`gcroots.rs`).

use super::panic::GoPanic;
use super::Goroutine;
use crate::bytecode::FuncId;

/// What one call made for a helper produced.
#[derive(Clone, Debug)]
pub enum CallResult {
    /// It returned these results.
    Ok(Vec<u64>),
    /// It panicked with this value, and the helper catches panics (`Memo::catch`).
    Panic(GoPanic),
}

/// The results of the calls a suspended helper has made so far.
#[derive(Debug)]
pub struct Memo {
    /// `frames.len()` of the helper's frame.
    pub depth: usize,
    pub results: Vec<CallResult>,
    /// A panic out of a callee stops at the helper (fmt's `catchPanic`) instead of unwinding
    /// the helper's frame.
    pub catch: bool,
    /// Length of `old_panics` and whether a panic was in progress when the helper first called:
    /// a caught panic restores that state.
    pub outer: (usize, bool),
    /// `CallReq::extra` of the call in progress.
    pub extra: Vec<u64>,
}

/// A call a helper asks the VM to make (`Flow::Call`).
#[derive(Debug)]
pub struct CallReq {
    pub func: FuncId,
    /// The closure word for a `func` value, 0 for a method or plain function.
    pub closure: u64,
    pub args: Vec<u64>,
    /// A panic in the callee is delivered to the helper as `CallResult::Panic`.
    pub catch: bool,
    /// Words appended to the call's results when it returns (fmt's `Format` state object);
    /// rooted meanwhile.
    pub extra: Vec<u64>,
}

/// Takes the running helper's memo out of `g` (an empty one on a first run). The helper gives it
/// back with `suspend` when it asks for a call; dropping it otherwise ends the protocol. (No
/// collection can happen while a helper runs, so the memo need not be rooted meanwhile.)
pub fn take(g: &mut Goroutine) -> Memo {
    let depth = g.frames.len();
    if g.memos.last().is_some_and(|m| m.depth == depth) {
        return g.memos.pop().expect("checked");
    }
    Memo {
        depth,
        results: Vec::new(),
        catch: false,
        outer: (g.old_panics.len(), g.panicking.is_some()),
        extra: Vec::new(),
    }
}

/// Puts `memo` back for the call `req` the helper is about to return as `Flow::Call`.
pub fn suspend(g: &mut Goroutine, mut memo: Memo, req: &CallReq) {
    memo.catch = req.catch;
    memo.extra = req.extra.clone();
    g.memos.push(memo);
}

/// Drops the memos of frames deeper than the current stack (they were unwound).
pub fn drop_dead(g: &mut Goroutine) {
    while g.memos.last().is_some_and(|m| m.depth > g.frames.len()) {
        g.memos.pop();
    }
}

/// A `resume` frame returned with `results`: hand them to the helper below it.
pub fn deliver(g: &mut Goroutine, r: CallResult) {
    let depth = g.frames.len();
    if let Some(m) = g.memos.last_mut().filter(|m| m.depth == depth) {
        let r = match r {
            CallResult::Ok(mut ws) => {
                ws.append(&mut m.extra);
                CallResult::Ok(ws)
            }
            CallResult::Panic(p) => {
                m.extra.clear();
                CallResult::Panic(p)
            }
        };
        m.results.push(r);
    }
}

/// A panic has unwound every frame above the `resume` frame on top, which is about to be
/// popped: if its helper catches panics, recover it there (restoring the panic state from
/// before the call) and return true; the caller then pops the frame and resumes the helper.
pub fn catch(g: &mut Goroutine) -> bool {
    let depth = g.frames.len() - 1;
    let Some(m) = g.memos.last().filter(|m| m.depth == depth && m.catch) else {
        return false;
    };
    let (olds, was_panicking) = m.outer;
    let Some(p) = g.panicking.take() else {
        return false;
    };
    if matches!(p, GoPanic::Goexit) {
        // `recover` cannot stop Goexit.
        g.panicking = Some(p);
        return false;
    }
    g.old_panics.truncate(olds + was_panicking as usize);
    if was_panicking {
        let (outer, rec) = g.old_panics.pop().expect("the outer panic");
        g.panicking = Some(outer);
        g.recovered = rec;
    } else {
        g.recovered = false;
        g.repanicked = false;
    }
    g.frames.pop();
    deliver(g, CallResult::Panic(p));
    true
}

/// The replay protocol for a helper whose calls are reached through ordinary Rust calls that
/// propagate `GoPanic` with `?` (errors' Is/As/Unwrap walk): `call` answers from the memo, or
/// records the call to make and fails with the `suspended` marker, which the helper's caller
/// turns into `Flow::Call` with `finish`. Callee panics are not caught (they unwind the
/// helper's frame like any panic).
pub struct Replay {
    memo: Memo,
    next: usize,
    request: Option<CallReq>,
}

/// What a replayed helper does next.
pub enum Step<T> {
    /// It completed with this outcome.
    Done(T),
    /// It needs this call made first.
    Call(CallReq),
}

/// The marker a suspended `Replay::call` fails with (never seen outside `finish`).
const SUSPENDED: &str = "\0gol: helper suspended";

impl Replay {
    pub fn start(g: &mut Goroutine) -> Replay {
        Replay {
            memo: take(g),
            next: 0,
            request: None,
        }
    }

    /// The results of calling `func` (a method or plain function) with `args`.
    pub fn call(&mut self, func: FuncId, args: &[u64]) -> Result<Vec<u64>, GoPanic> {
        self.call_with(func, || (args.to_vec(), Vec::new()))
    }

    /// The results of calling `func` with the arguments `make` returns, followed by the
    /// `extra` words it returns (objects the helper reads after the call, such as the buffer a
    /// `Read` filled: they are rooted while the call runs and memoised with its results).
    /// `make` runs only when the call is not memoised yet, so a replay allocates nothing.
    pub fn call_with(
        &mut self,
        func: FuncId,
        make: impl FnOnce() -> (Vec<u64>, Vec<u64>),
    ) -> Result<Vec<u64>, GoPanic> {
        if self.request.is_none() {
            if let Some(r) = self.memo.results.get(self.next) {
                self.next += 1;
                return match r {
                    CallResult::Ok(ws) => Ok(ws.clone()),
                    CallResult::Panic(p) => Err(p.clone()),
                };
            }
            let (args, extra) = make();
            self.request = Some(CallReq {
                func,
                closure: 0,
                args,
                catch: false,
                extra,
            });
        }
        Err(GoPanic::Native(SUSPENDED.into()))
    }

    /// Whether a call is waiting to be made: every later result of this run is discarded, so
    /// the helper should make no lasting change (store nothing) and wind up.
    pub fn suspended(&self) -> bool {
        self.request.is_some()
    }

    /// The helper's outcome: `Ok(Done(x))` when it completed (its memo is dropped),
    /// `Ok(Call)` when it needs the call returned (its memo is put back for the replay).
    pub fn finish<T>(self, g: &mut Goroutine, res: Result<T, GoPanic>) -> Result<Step<T>, GoPanic> {
        match (res, self.request) {
            (Err(GoPanic::Native(m)), Some(req)) if m == SUSPENDED => {
                suspend(g, self.memo, &req);
                Ok(Step::Call(req))
            }
            (_, Some(req)) => {
                // The helper ended (or failed) after a suspended call: its outcome came from
                // dummy results; make the call and replay.
                suspend(g, self.memo, &req);
                Ok(Step::Call(req))
            }
            (res, None) => res.map(Step::Done),
        }
    }
}
