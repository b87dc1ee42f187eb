//! VM SYNC.MAP AND SYNC.POOL: `*sync.Map`'s methods (ops 40–49) over one native map of `any`
//! to `any` (vm/map.rs), made on first use, and `*sync.Pool`'s Get/Put (ops 50–51). Input:
//! `Rt::Io` ops. Output: their results. Each operation holds `Shared::lib` (workers run
//! goroutines in parallel), except while calling back into gol: `Range` calls its function
//! through the nested loop over a snapshot of the entries (Go allows the function to modify
//! the map), and Pool's `New` runs after the lock is released.
//!
//! Object words (`types/stdpkg_more.rs`): Map `{m map[any]any}`; Pool `{items []any, New
//! func() any}` (a stack: Get pops the most recently Put value, as Go's per-P cache does).

use super::host::{call_closure, equal};
use super::iort::recv;
use super::panic::{self, GoPanic};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::types::ty::TypeId;
use std::sync::Arc;

const ANY: TypeId = TypeId::EMPTY_INTERFACE;

/// The Map object's map, made on first use.
fn the_map(mach: &mut Machine, m: u64) -> u64 {
    let cur = value::load(obj(m), 0, true);
    if cur != 0 {
        return cur;
    }
    let new = super::map::new_map(&mut mach.m, ANY, true, true);
    value::store(obj(m), 0, new, true);
    new
}

/// sync.OnceFunc's state `{f func(), panic value any, state int}` (0 not run, 1 done, 2 f
/// panicked).
static ONCE: crate::runtime::gc::Layout = crate::runtime::gc::Layout::Pattern {
    period: 3,
    bits: &[0b011],
};

/// `OnceFunc(f)`'s state (op 90), and a call of the function it returns (op 91): the first call
/// runs f through the nested loop (so f must not block, as for fmt's String methods); later
/// calls do nothing, or panic again with f's panic value, as Go's.
fn once_func(mach: &mut Machine, g: &mut Goroutine, op: u64, a: u64) -> Result<Vec<u64>, GoPanic> {
    if op == 90 {
        let o = mach.m.alloc(&ONCE, 3);
        value::store(o, 0, a, true);
        return Ok(vec![o.word()]);
    }
    let o = obj(a);
    // Claiming the first call is one step under the library lock (two workers may call at
    // once); f itself runs without it.
    let state = {
        let sh = Arc::clone(&mach.sh);
        let _lib = sh.lib.lock().unwrap_or_else(|p| p.into_inner());
        let st = value::load(o, 2, false);
        if st == 0 {
            value::store(o, 2, 1, false);
        }
        st
    };
    match state {
        0 => {
            let f = value::load(o, 0, true);
            if let Err(p) = call_closure(mach, g, f, &[]) {
                let v = super::host::panic_value(mach, &p);
                value::store(o, 1, v, true);
                value::store(o, 2, 2, false);
                return Err(p);
            }
            value::store(o, 0, 0, true);
            Ok(vec![])
        }
        1 => Ok(vec![]),
        _ => Err(GoPanic::Value(value::load(o, 1, true))),
    }
}

pub fn sync_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    op: u64,
    a: [u64; 4],
) -> Result<Vec<u64>, GoPanic> {
    if op == 90 || op == 91 {
        return once_func(mach, g, op, a[0]);
    }
    let o = recv(a[0])?;
    if op >= 50 {
        return pool_op(mach, g, op, o, a[1]);
    }
    let sh = Arc::clone(&mach.sh);
    let lib = sh.lib.lock().unwrap_or_else(|p| p.into_inner());
    let m = the_map(mach, o);
    // Range calls back into gol: it runs without the lock (the map has its own).
    let _lib = if op == 48 {
        drop(lib);
        None
    } else {
        Some(lib)
    };
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let get = |k: u64| super::map::get(types, m, k).map_err(panic::runtime);
    let set = |k: u64, v: u64| super::map::insert(types, m, k, v).map_err(panic::runtime);
    let del = |k: u64| super::map::delete(types, m, k).map_err(panic::runtime);
    let (k, v) = (a[1], a[2]);
    Ok(match op {
        // Load
        40 => match get(k)? {
            Some(v) => vec![v, 1],
            None => vec![0, 0],
        },
        // Store
        41 => {
            set(k, v)?;
            vec![]
        }
        // LoadOrStore
        42 => match get(k)? {
            Some(old) => vec![old, 1],
            None => {
                set(k, v)?;
                vec![v, 0]
            }
        },
        // LoadAndDelete
        43 => match get(k)? {
            Some(old) => {
                del(k)?;
                vec![old, 1]
            }
            None => vec![0, 0],
        },
        // Delete
        44 => {
            del(k)?;
            vec![]
        }
        // Swap
        45 => {
            let prev = get(k)?;
            set(k, v)?;
            vec![prev.unwrap_or(0), prev.is_some() as u64]
        }
        // CompareAndSwap(key, old, new)
        46 => match get(k)? {
            Some(cur) if equal(mach, ANY, cur, v)? => {
                super::map::insert(types, m, k, a[3]).map_err(panic::runtime)?;
                vec![1]
            }
            _ => vec![0],
        },
        // CompareAndDelete(key, old)
        47 => match get(k)? {
            Some(cur) if equal(mach, ANY, cur, v)? => {
                super::map::delete(types, m, k).map_err(panic::runtime)?;
                vec![1]
            }
            _ => vec![0],
        },
        // Range(f)
        48 => {
            // (A nil f panics only when there is an entry to visit, as in Go.)
            for (key, _) in super::map::entries(m) {
                // Entries deleted by an earlier call are skipped, as Go's Range never
                // visits a key after its deletion; values are the current ones.
                let Some(val) = super::map::get(types, m, key).map_err(panic::runtime)? else {
                    continue;
                };
                if call_closure(mach, g, k, &[key, val])?[0] == 0 {
                    break;
                }
            }
            vec![]
        }
        // Clear
        49 => {
            super::map::clear(m);
            vec![]
        }
        _ => return Err(panic::runtime(format!("gol: unknown sync.Map op {op}"))),
    })
}

fn pool_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    op: u64,
    p: u64,
    x: u64,
) -> Result<Vec<u64>, GoPanic> {
    let sh = Arc::clone(&mach.sh);
    let lib = sh.lib.lock().unwrap_or_else(|p| p.into_inner());
    let items = value::load(obj(p), 0, true);
    let parts = value::slice_parts(items);
    if op == 51 {
        // Put: nil values are dropped, as in Go.
        if x != 0 {
            let s = super::rt::append(mach, ANY, items, &[x]);
            value::store(obj(p), 0, s, true);
        }
        return Ok(vec![]);
    }
    if parts.len > 0 {
        let last = value::load(obj(parts.array), parts.offset + parts.len - 1, true);
        let rest = value::new_slice(
            &mut mach.m,
            value::SliceParts {
                len: parts.len - 1,
                ..parts
            },
        );
        value::store(obj(p), 0, rest, true);
        return Ok(vec![last]);
    }
    let new = value::load(obj(p), 1, true);
    drop(lib);
    if new == 0 {
        return Ok(vec![0]);
    }
    Ok(vec![call_closure(mach, g, new, &[])?[0]])
}
