//! `sync/atomic` natives: the functions on `*int32`/`*int64`/... (interior pointers) and the
//! methods of `atomic.Int32/Int64/Uint32/Uint64/Uintptr/Bool/Value` (one-word struct objects).
//! Every word access is an atomic operation on the heap slot, so counters updated from several
//! goroutines are exact.

use super::{ret, NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::Ref;
use crate::runtime::sync_shim::SlotOrdering::SeqCst;
use crate::vm::value;

/// The slot a pointer argument designates: an INTERIOR pointer `{base, index}` (`&x`), or a
/// typed atomic's struct object (its word 0).
fn slot<'a>(
    p: u64,
    is_object: bool,
) -> Result<&'a crate::runtime::sync_shim::SlotWord, NativeError> {
    if p == 0 {
        return Err(super::nil_deref());
    }
    let (o, i): (Ref, usize) = if is_object {
        (value::obj(p), 0)
    } else {
        value::interior_parts(p)
    };
    // SAFETY: the compiler passes a live object and an index within it (a pointer to a word).
    Ok(unsafe { o.slot(i) })
}

/// Narrows `v` to the operand size: `bits` 32 signed/unsigned, or 64.
fn narrow(v: u64, bits: u32, signed: bool) -> u64 {
    if bits == 64 {
        return v;
    }
    if signed {
        v as u32 as i32 as i64 as u64
    } else {
        v as u32 as u64
    }
}

/// (operation, is a method on a typed atomic, bits, signed)
fn parse(symbol: &str) -> Option<(&str, bool, u32, bool)> {
    let (recv, op) = if let Some(rest) = symbol.strip_prefix("(*") {
        let (t, m) = rest.split_once(").")?;
        (t, m)
    } else {
        let ops = [
            "CompareAndSwap",
            "Add",
            "Load",
            "Store",
            "Swap",
            "And",
            "Or",
        ];
        let op = ops.iter().find(|o| symbol.starts_with(**o))?;
        (&symbol[op.len()..], *op)
    };
    let method = symbol.starts_with("(*");
    let (bits, signed) = match recv {
        "Int32" => (32, true),
        "Int64" => (64, true),
        "Uint32" => (32, false),
        "Uint64" | "Uintptr" => (64, false),
        "Bool" => (32, false),
        "Value" => (64, false),
        _ => return None,
    };
    Some((op, method, bits, signed))
}

macro_rules! native {
    ($obj:expr, $bits:expr, $signed:expr, $op:ident) => {{
        const _: () = ();
        |_: &mut NativeCtx, a: &mut [u64]| $op(a, $obj, $bits, $signed)
    }};
}

fn load(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    let v = slot(a[0], obj)?.load(SeqCst);
    ret(a, &[v])
}
fn store(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    slot(a[0], obj)?.store(a[1], SeqCst);
    Ok(())
}
fn add(a: &mut [u64], obj: bool, bits: u32, signed: bool) -> Result<(), NativeError> {
    let s = slot(a[0], obj)?;
    let d = a[1];
    let mut cur = s.load(SeqCst);
    loop {
        let new = narrow(cur.wrapping_add(d), bits, signed);
        match s.compare_exchange(cur, new, SeqCst, SeqCst) {
            Ok(_) => return ret(a, &[new]),
            Err(now) => cur = now,
        }
    }
}
fn swap(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    let old = slot(a[0], obj)?.swap(a[1], SeqCst);
    ret(a, &[old])
}
fn cas(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    let ok = slot(a[0], obj)?
        .compare_exchange(a[1], a[2], SeqCst, SeqCst)
        .is_ok();
    ret(a, &[ok as u64])
}
fn and(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    let old = slot(a[0], obj)?.fetch_and(a[1], SeqCst);
    ret(a, &[old])
}
fn or(a: &mut [u64], obj: bool, _: u32, _: bool) -> Result<(), NativeError> {
    let old = slot(a[0], obj)?.fetch_or(a[1], SeqCst);
    ret(a, &[old])
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    let rest = symbol
        .strip_prefix("sync/atomic.")
        .or_else(|| symbol.strip_prefix("atomic."))?;
    let (op, method, bits, signed) = parse(rest)?;
    // A closure cannot capture here (NativeFn is a fn pointer): one arm per combination.
    Some(match (op, method, bits, signed) {
        ("Load", false, _, _) => native!(false, 64, false, load),
        ("Load", true, _, _) => native!(true, 64, false, load),
        ("Store", false, _, _) => native!(false, 64, false, store),
        ("Store", true, _, _) => native!(true, 64, false, store),
        ("Swap", false, _, _) => native!(false, 64, false, swap),
        ("Swap", true, _, _) => native!(true, 64, false, swap),
        ("CompareAndSwap", false, _, _) => native!(false, 64, false, cas),
        ("CompareAndSwap", true, _, _) => native!(true, 64, false, cas),
        ("And", false, _, _) => native!(false, 64, false, and),
        ("And", true, _, _) => native!(true, 64, false, and),
        ("Or", false, _, _) => native!(false, 64, false, or),
        ("Or", true, _, _) => native!(true, 64, false, or),
        ("Add", false, 32, true) => native!(false, 32, true, add),
        ("Add", false, 32, false) => native!(false, 32, false, add),
        ("Add", false, _, _) => native!(false, 64, false, add),
        ("Add", true, 32, true) => native!(true, 32, true, add),
        ("Add", true, 32, false) => native!(true, 32, false, add),
        ("Add", true, _, _) => native!(true, 64, false, add),
        _ => return None,
    })
}
