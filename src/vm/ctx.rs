//! VM CONTEXT: Go's `context` package on the scheduler. Input: `Rt::Ctx`' window `[op, a, b, c]`.
//! Output: contexts (interface words of `*context.cancelCtx`, a struct declared in
//! types/stdpkg.rs), cancel functions (closures over compiler-made wrappers), and cancellation
//! that closes `Done` channels, propagates to children and fires on deadlines.
//!
//! A context object's words: 0 parent (object or 0), 1 done channel (0: never done), 2 err,
//! 3 cause, 4 key (a deadline context keeps its timeout cause here), 5 value, 6 deadline (Unix
//! ns, 0 = none), 7 kind (0 background, 1 cancelable, 2 value, 3 TODO). Children of a
//! cancelable context are listed in the scheduler by the parent's address.

use super::panic::{self, GoPanic};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::runtime::chan;
use crate::runtime::sched::TimerAction;
use crate::types::ty::TypeId;

const PARENT: usize = 0;
const DONE: usize = 1;
const ERR: usize = 2;
const CAUSE: usize = 3;
const KEY: usize = 4;
const VAL: usize = 5;
const DEADLINE: usize = 6;
const KIND: usize = 7;

fn get(o: u64, i: usize) -> u64 {
    value::load(obj(o), i, i < DEADLINE)
}

fn set(o: u64, i: usize, v: u64) {
    value::store(obj(o), i, v, i < DEADLINE)
}

/// The context object inside a `Context` interface word (0 for nil or a foreign context).
fn object(mach: &Machine, iface: u64) -> u64 {
    match value::iface_parts(iface) {
        Some((t, d)) if t == mach.prog.std_ctx.ptr => d,
        _ => 0,
    }
}

fn boxed(mach: &mut Machine, o: u64) -> u64 {
    let t = mach.prog.std_ctx.ptr;
    value::new_iface(&mut mach.m, t, o, true)
}

fn new_ctx(mach: &mut Machine, parent: u64, kind: u64) -> u64 {
    let t = TypeId::from_index(mach.prog.std_ctx.strukt);
    let o = mach.zero(t);
    set(o, PARENT, parent);
    set(o, KIND, kind);
    o
}

/// The nearest cancelable context at or above `o`.
fn canceler(mut o: u64) -> u64 {
    while o != 0 {
        if get(o, KIND) == 1 {
            return o;
        }
        o = get(o, PARENT);
    }
    0
}

/// The shared error values `context.Canceled` and `context.DeadlineExceeded`.
fn canceled(mach: &mut Machine) -> u64 {
    if mach.sched().ctx_errors.0 == 0 {
        let std = mach.std.clone();
        let a = crate::stdlib::natives::new_error_string(&mut mach.m, &std, b"context canceled");
        let b = crate::stdlib::natives::new_error_string(
            &mut mach.m,
            &std,
            b"context deadline exceeded",
        );
        mach.sched().ctx_errors = (a, b);
    }
    mach.sched().ctx_errors.0
}

fn deadline_exceeded(mach: &mut Machine) -> u64 {
    canceled(mach);
    mach.sched().ctx_errors.1
}

/// Cancels `o` (a cancelable context) and its descendants with `err` and `cause`.
pub fn cancel(mach: &mut Machine, o: u64, err: u64, cause: u64) {
    if o == 0 || get(o, ERR) != 0 {
        return;
    }
    set(o, ERR, err);
    set(o, CAUSE, if cause != 0 { cause } else { err });
    let done = get(o, DONE);
    if done != 0 {
        let _ = chan::close(done, 0);
    }
    let children = {
        let mut s = mach.sched();
        if let Some(id) = s.ctx_timers.remove(&o) {
            s.stop_timer(id);
        }
        s.ctx_children.remove(&o).unwrap_or_default()
    };
    let cause = get(o, CAUSE);
    for child in children {
        cancel(mach, child, err, cause);
    }
}

/// A new cancelable child of `parent` (an interface word), registered with its canceler.
fn cancelable(mach: &mut Machine, parent: u64) -> u64 {
    let p = object(mach, parent);
    let o = new_ctx(mach, p, 1);
    let ch = chan::new_chan(&mut mach.m, 0, TypeId::INVALID, false, true);
    set(o, DONE, ch);
    let c = canceler(p);
    if c != 0 {
        if get(c, ERR) != 0 {
            let (e, cause) = (get(c, ERR), get(c, CAUSE));
            cancel(mach, o, e, cause);
        } else {
            mach.sched().ctx_children.entry(c).or_default().push(o);
        }
    }
    // A deadline inherited from above is kept (an earlier one wins in WithDeadline).
    let mut a = p;
    while a != 0 {
        let d = get(a, DEADLINE);
        if d != 0 {
            set(o, DEADLINE, d);
            break;
        }
        a = get(a, PARENT);
    }
    o
}

fn closure(mach: &mut Machine, func: u64, o: u64) -> u64 {
    let layout = mach.closure_layout(1);
    let c = mach.m.alloc(layout, 2);
    value::store(c, 0, func, false);
    value::store(c, 1, o, true);
    c.word()
}

fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// Arms a deadline on `o` at Unix time `at` (ns): cancels with DeadlineExceeded (and the
/// timeout cause in word KEY) when it passes, unless an earlier deadline is already set.
fn arm_deadline(mach: &mut Machine, o: u64, at: i64) {
    let cur = get(o, DEADLINE) as i64;
    let at = if cur != 0 && cur < at { cur } else { at };
    set(o, DEADLINE, at as u64);
    let d = (at - now_ns()).max(0) as u64;
    if d == 0 {
        let e = deadline_exceeded(mach);
        let cause = get(o, KEY);
        cancel(mach, o, e, cause);
        return;
    }
    let mut s = mach.sched();
    let id = s.add_timer(std::time::Duration::from_nanos(d), TimerAction::Ctx(o));
    s.ctx_timers.insert(o, id);
}

/// A deadline timer fired.
pub fn deadline_passed(mach: &mut Machine, o: u64) {
    let sh = std::sync::Arc::clone(&mach.sh);
    let _serial = sh.ctx.lock().unwrap_or_else(|p| p.into_inner());
    mach.sched().ctx_timers.remove(&o);
    let e = deadline_exceeded(mach);
    let cause = get(o, KEY);
    cancel(mach, o, e, cause);
}

/// `[op, a, b, c, d] → [results]` (see the module docs for the words).
pub fn ctx_op(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let (op, a, b, c, d) = (
        g.regs[at],
        g.regs[at + 1],
        g.regs[at + 2],
        g.regs[at + 3],
        g.regs[at + 4],
    );
    let nil_parent = || GoPanic::Native("cannot create context from nil parent".into());
    // One context operation at a time: a cancel checks `err` then closes `Done` exactly once.
    let sh = std::sync::Arc::clone(&mach.sh);
    let _serial = sh.ctx.lock().unwrap_or_else(|p| p.into_inner());
    match op {
        // Background, TODO
        0 | 1 => {
            let key = op as usize;
            if mach.sched().ctx_roots[key] == 0 {
                let o = new_ctx(mach, 0, if op == 0 { 0 } else { 3 });
                let b = boxed(mach, o);
                mach.sched().ctx_roots[key] = b;
            }
            g.regs[at] = mach.sched().ctx_roots[key];
        }
        // WithCancel(a) / WithCancelCause(a) → (ctx, cancel closure of wrapper d)
        2 | 3 => {
            if a == 0 {
                return Err(nil_parent());
            }
            let o = cancelable(mach, a);
            g.regs[at] = boxed(mach, o);
            g.regs[at + 1] = closure(mach, d, o);
        }
        // WithTimeout(a, b ns, cause c) / WithDeadline(a, Time b, cause c) → (ctx, cancel)
        4 | 5 => {
            if a == 0 {
                return Err(nil_parent());
            }
            let o = cancelable(mach, a);
            set(o, KEY, c);
            let at_ns = if op == 4 {
                now_ns().saturating_add(b as i64)
            } else if b == 0 {
                0
            } else {
                crate::stdlib::natives::time::time_unix_ns(b)
            };
            arm_deadline(mach, o, at_ns);
            g.regs[at] = boxed(mach, o);
            g.regs[at + 1] = closure(mach, d, o);
        }
        // WithValue(a, key b, val c)
        6 => {
            if a == 0 {
                return Err(nil_parent());
            }
            if b == 0 {
                return Err(GoPanic::Native("nil key".into()));
            }
            let p = object(mach, a);
            let o = new_ctx(mach, p, 2);
            set(o, KEY, b);
            set(o, VAL, c);
            g.regs[at] = boxed(mach, o);
        }
        // Cause(a)
        7 => {
            let cc = canceler(object(mach, a));
            g.regs[at] = if cc == 0 { 0 } else { get(cc, CAUSE) };
        }
        8 => g.regs[at] = canceled(mach),
        9 => g.regs[at] = deadline_exceeded(mach),
        // Done / Err / Value / Deadline of the context object a
        10 => {
            let cc = canceler(a);
            g.regs[at] = if cc == 0 { 0 } else { get(cc, DONE) };
        }
        11 => {
            let cc = canceler(a);
            g.regs[at] = if cc == 0 { 0 } else { get(cc, ERR) };
        }
        12 => {
            let mut o = a;
            g.regs[at] = 0;
            while o != 0 {
                if get(o, KIND) == 2
                    && super::host::equal(mach, TypeId::EMPTY_INTERFACE, get(o, KEY), b)?
                {
                    g.regs[at] = get(o, VAL);
                    break;
                }
                o = get(o, PARENT);
            }
        }
        13 => {
            let mut o = a;
            let mut dl = 0i64;
            while o != 0 {
                let x = get(o, DEADLINE) as i64;
                if x != 0 {
                    dl = x;
                    break;
                }
                o = get(o, PARENT);
            }
            // The deadline in time.Local (gol keeps it as Unix nanoseconds, so without the
            // monotonic reading Go's WithTimeout deadline has).
            let t = if dl == 0 {
                crate::stdlib::natives::time::zero_time(&mut mach.m)
            } else {
                crate::stdlib::natives::time::time_object(&mut mach.m, dl, None, true)
            };
            g.regs[at] = t;
            g.regs[at + 1] = (dl != 0) as u64;
        }
        // cancel(a) with cause b (0: none), from a cancel closure
        14 => {
            let e = canceled(mach);
            cancel(mach, a, e, b);
            if let Some(p) = Some(canceler(get(a, PARENT))).filter(|&p| p != 0) {
                if let Some(list) = mach.sched().ctx_children.get_mut(&p) {
                    list.retain(|&c| c != a);
                }
            }
        }
        _ => return Err(panic::runtime("gol: unknown context operation")),
    }
    Ok(())
}
