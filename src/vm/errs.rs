//! VM ERRORS: `errors.Is/As/Unwrap/Join` and `fmt.Errorf`'s wrapping, which call error methods
//! (`Unwrap`, `Is`, `As`, `Error`) written in gol. Input: `Rt::Errors`' window `[op, a, b, c]`.
//! Output: Go's results, walking the error tree depth-first as Go's `errors` package does.
//!
//! Wrapped errors are standard named types (types/stdpkg.rs): `*fmt.wrapError {msg, err}`,
//! `*fmt.wrapErrors {msg, errs}` and `*errors.joinError {errs, msg}`; their `Error` returns the
//! message computed when they were made (Go computes the same text).

use super::cont::{Replay, Step};
use super::host::method_index;
use super::panic::GoPanic;
use super::rt::Flow;
use super::rt::{slice_words, words_slice};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::ErrorsOp;
use crate::stdlib::fmt::find_method;
use crate::types::ty::{Type, TypeId};
use std::sync::Arc;

/// Calls method `name` of the dynamic value in interface word `w`, if its type has it.
fn call(
    mach: &mut Machine,
    rp: &mut Replay,
    w: u64,
    name: &str,
    args: &[u64],
) -> Result<Option<Vec<u64>>, GoPanic> {
    let Some((t, d)) = value::iface_parts(w) else {
        return Ok(None);
    };
    let Some(m) = method_index(mach, name) else {
        return Ok(None);
    };
    let Some(&f) = mach.prog.methods.get(&(t, m)) else {
        return Ok(None);
    };
    let mut all = vec![d];
    all.extend_from_slice(args);
    rp.call(f, &all).map(Some)
}

/// The errors `err` wraps: `Unwrap() error` gives one, `Unwrap() []error` several.
fn unwrap(mach: &mut Machine, rp: &mut Replay, err: u64) -> Result<Vec<u64>, GoPanic> {
    let Some((t, _)) = value::iface_parts(err) else {
        return Ok(vec![]);
    };
    let prog = Arc::clone(&mach.prog);
    let Some(sig) = find_method(&prog.types, TypeId::from_index(t), "Unwrap") else {
        return Ok(vec![]);
    };
    let many = match prog.types.get(sig) {
        Type::Func(s) => {
            s.results.len() == 1
                && matches!(
                    prog.types.get(prog.types.underlying(s.results[0])),
                    Type::Slice(_)
                )
        }
        _ => false,
    };
    let Some(r) = call(mach, rp, err, "Unwrap", &[])? else {
        return Ok(vec![]);
    };
    Ok(if many {
        slice_words(r[0]).into_iter().filter(|&e| e != 0).collect()
    } else if r[0] != 0 {
        vec![r[0]]
    } else {
        vec![]
    })
}

fn is(
    mach: &mut Machine,
    rp: &mut Replay,
    err: u64,
    target: u64,
    depth: u32,
) -> Result<bool, GoPanic> {
    if err == 0 || depth > 100 {
        return Ok(err == target);
    }
    let comparable = value::iface_parts(target)
        .is_none_or(|(t, _)| mach.types().comparable(TypeId::from_index(t)));
    if comparable && super::host::equal(mach, TypeId::ERROR, err, target).unwrap_or(false) {
        return Ok(true);
    }
    if let Some(r) = call(mach, rp, err, "Is", &[target])? {
        if r[0] != 0 {
            return Ok(true);
        }
    }
    for e in unwrap(mach, rp, err)? {
        if is(mach, rp, e, target, depth + 1)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `errors.As(err, target)` where `target` is a pointer to a value of type `want`.
fn as_(
    mach: &mut Machine,
    rp: &mut Replay,
    err: u64,
    target: u64,
    want: TypeId,
    ptr_ty: Option<u32>,
    depth: u32,
) -> Result<bool, GoPanic> {
    if err == 0 || depth > 100 {
        return Ok(false);
    }
    let (t, d) = value::iface_parts(err).expect("non-nil");
    let dt = TypeId::from_index(t);
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let matches = if types.is_interface(want) {
        implements(mach, t, want)
    } else {
        dt == want
    };
    if matches {
        store(
            mach,
            target,
            want,
            if types.is_interface(want) { err } else { d },
        );
        return Ok(true);
    }
    // An `As(any) bool` method gets the target boxed as `any` of type *want.
    if let Some(tp) = ptr_ty {
        let boxed = value::new_iface(&mut mach.m, tp, target, true);
        if let Some(r) = call(mach, rp, err, "As", &[boxed])? {
            if r[0] != 0 {
                return Ok(true);
            }
        }
    }
    for e in unwrap(mach, rp, err)? {
        if as_(mach, rp, e, target, want, ptr_ty, depth + 1)? {
            return Ok(true);
        }
    }
    Ok(false)
}

fn implements(mach: &Machine, t: u32, iface: TypeId) -> bool {
    let types = &mach.prog.types;
    let Type::Interface(i) = types.get(types.underlying(iface)) else {
        return false;
    };
    i.methods.iter().all(|(n, _)| {
        method_index(mach, n).is_some_and(|m| mach.prog.methods.contains_key(&(t, m)))
    })
}

/// `*target = v` for a target pointer to a value of type `want`.
fn store(mach: &mut Machine, target: u64, want: TypeId, v: u64) {
    if super::machine::is_aggregate(mach.types(), want) {
        mach.copy_into(want, target, v);
    } else {
        let (o, i) = value::interior_parts(target);
        value::store(o, i, v, true);
    }
}

/// The text of an error value (its `Error()`).
fn text(mach: &mut Machine, rp: &mut Replay, err: u64) -> Result<Vec<u8>, GoPanic> {
    match call(mach, rp, err, "Error", &[])? {
        Some(r) => Ok(value::str_bytes(r[0]).to_vec()),
        None => Ok(Vec::new()),
    }
}

/// A struct object of a wrap type with the given words (references).
fn wrap_object(mach: &mut Machine, words: &[u64]) -> u64 {
    let o = mach.m.alloc(&crate::runtime::gc::REFS, words.len());
    for (i, w) in words.iter().enumerate() {
        value::store(o, i, *w, true);
    }
    o.word()
}

/// `[op, a, b, c, d] → [result]`: 0 Unwrap(a), 1 Is(a, b), 2 As(a, target b, elem type c,
/// target type d), 3 Join(a slice),
/// 4 Errorf's result from message a and the args slice b with wrapped indices (from format c).
///
/// The method calls (Is, As, Unwrap, Error) run as frames: this helper is replayed (`cont.rs`);
/// it has no effect before its last call but storing As's target, after which it returns.
pub fn errors_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
    op: ErrorsOp,
) -> Result<Flow, GoPanic> {
    let mut rp = Replay::start(g);
    let res = errors_op_run(mach, g, &mut rp, at, op);
    Ok(match rp.finish(g, res)? {
        Step::Call(req) => Flow::Call(req),
        Step::Done(()) => Flow::Next,
    })
}

fn errors_op_run(
    mach: &mut Machine,
    g: &mut Goroutine,
    rp: &mut Replay,
    at: usize,
    op: ErrorsOp,
) -> Result<(), GoPanic> {
    let (a, b, c) = (g.regs[at + 1], g.regs[at + 2], g.regs[at + 3]);
    let std = mach.prog.std_wrap;
    g.regs[at] = match op {
        ErrorsOp::Unwrap => {
            let Some((t, _)) = value::iface_parts(a) else {
                return Ok(());
            };
            let prog = Arc::clone(&mach.prog);
            let single = find_method(&prog.types, TypeId::from_index(t), "Unwrap").is_some_and(|sig| {
                matches!(prog.types.get(sig), Type::Func(s) if s.results.len() == 1 && !matches!(prog.types.get(prog.types.underlying(s.results[0])), Type::Slice(_)))
            });
            if single {
                call(mach, rp, a, "Unwrap", &[])?.map_or(0, |r| r[0])
            } else {
                0
            }
        }
        ErrorsOp::Is => is(mach, rp, a, b, 0)? as u64,
        ErrorsOp::As => {
            if b == 0 {
                return Err(GoPanic::Native(
                    "errors: target must be a non-nil pointer".into(),
                ));
            }
            let ptr_ty = g.regs[at + 4] as u32;
            as_(
                mach,
                rp,
                a,
                b,
                TypeId::from_index(c as u32),
                Some(ptr_ty),
                0,
            )? as u64
        }
        ErrorsOp::Join => {
            let errs: Vec<u64> = slice_words(a).into_iter().filter(|&e| e != 0).collect();
            if errs.is_empty() {
                0
            } else {
                let mut msg = Vec::new();
                for (i, e) in errs.iter().enumerate() {
                    if i > 0 {
                        msg.push(b'\n');
                    }
                    msg.extend(text(mach, rp, *e)?);
                }
                let s = words_slice(mach, TypeId::ERROR, &errs);
                let m = value::new_string(&mut mach.m, &msg);
                let o = wrap_object(mach, &[s, m]);
                value::new_iface(&mut mach.m, std.join, o, true)
            }
        }
        ErrorsOp::Errorf => {
            // a: message string, b: args slice, c: the format string.
            let args = slice_words(b);
            let format = value::str_bytes(c).to_vec();
            let idx = crate::stdlib::fmt::wrapped_args(&format, args.len());
            let wrapped: Vec<u64> = idx
                .iter()
                .filter_map(|&i| args.get(i).copied())
                .filter(|&w| {
                    value::iface_parts(w).is_some_and(|(t, _)| implements(mach, t, TypeId::ERROR))
                })
                .collect();
            match wrapped.len() {
                0 => crate::stdlib::natives::new_error_string(
                    &mut mach.m,
                    &mach.std,
                    value::str_bytes(a),
                ),
                1 => {
                    let o = wrap_object(mach, &[a, wrapped[0]]);
                    value::new_iface(&mut mach.m, std.wrap, o, true)
                }
                _ => {
                    let s = words_slice(mach, TypeId::ERROR, &wrapped);
                    let o = wrap_object(mach, &[a, s]);
                    value::new_iface(&mut mach.m, std.wraps, o, true)
                }
            }
        }
    };
    let _ = obj;
    Ok(())
}
