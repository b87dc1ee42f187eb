//! The methods of the wrapped-error types `fmt.Errorf` and `errors.Join` create (vm/errs.rs):
//! each is a struct object whose message was computed when it was made.

use super::{ret, NativeCtx, NativeFn};
use crate::vm::value;

fn field(a: &[u64], i: usize) -> u64 {
    value::load(value::obj(a[0]), i, true)
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        // wrapError {msg, err}, wrapErrors {msg, errs}
        "fmt.(*wrapError).Error" | "fmt.(*wrapErrors).Error" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let m = field(a, 0);
                ret(a, &[m])
            }
        }
        "fmt.(*wrapError).Unwrap" | "fmt.(*wrapErrors).Unwrap" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let e = field(a, 1);
                ret(a, &[e])
            }
        }
        // joinError {errs, msg}
        "errors.(*joinError).Error" => |_: &mut NativeCtx, a: &mut [u64]| {
            let m = field(a, 1);
            ret(a, &[m])
        },
        "errors.(*joinError).Unwrap" => |_: &mut NativeCtx, a: &mut [u64]| {
            let e = field(a, 0);
            ret(a, &[e])
        },
        // runtime.errorString (a string), *runtime.PanicNilError
        "runtime.errorString.Error" | "runtime.(*errorString).Error" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let m = a[0];
                ret(a, &[m])
            }
        }
        "runtime.errorString.RuntimeError"
        | "runtime.(*errorString).RuntimeError"
        | "runtime.(*PanicNilError).RuntimeError"
        | "runtime.(*TypeAssertionError).RuntimeError" => |_: &mut NativeCtx, _: &mut [u64]| Ok(()),
        // *runtime.TypeAssertionError {msg string}
        "runtime.(*TypeAssertionError).Error" => |_: &mut NativeCtx, a: &mut [u64]| {
            let m = field(a, 0);
            ret(a, &[m])
        },
        "runtime.(*PanicNilError).Error" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let m = value::new_string(ctx.m, b"runtime error: panic called with nil argument");
            ret(a, &[m])
        },
        // fmt.pp {buf []byte, flags string, wid int, prec int}: the fmt.State of Format.
        "fmt.(*pp).Write" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let b = super::byte_slice_bytes(a[1]);
            pp_write(ctx, a[0], &b);
            ret(a, &[b.len() as u64, 0])
        },
        "fmt.(*pp).WriteString" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let b = value::str_bytes(a[1]).to_vec();
            pp_write(ctx, a[0], &b);
            ret(a, &[b.len() as u64, 0])
        },
        "fmt.(*pp).Width" => |_: &mut NativeCtx, a: &mut [u64]| pp_num(a, 2),
        "fmt.(*pp).Precision" => |_: &mut NativeCtx, a: &mut [u64]| pp_num(a, 3),
        "fmt.(*pp).Flag" => |_: &mut NativeCtx, a: &mut [u64]| {
            let flags = value::str_bytes(value::load(value::obj(a[0]), 1, true));
            let c = a[1] as i64;
            let has = (0..=127).contains(&c) && flags.contains(&(c as u8));
            ret(a, &[has as u64])
        },
        _ => return None,
    })
}

/// Width (word 2) or precision (word 3): (value, present); -1 means absent.
fn pp_num(a: &mut [u64], word: usize) -> Result<(), super::NativeError> {
    let v = value::load(value::obj(a[0]), word, false) as i64;
    ret(a, &[v.max(0) as u64, (v >= 0) as u64])
}

fn pp_write(ctx: &mut NativeCtx, p: u64, b: &[u8]) {
    let o = value::obj(p);
    let buf = super::append_bytes(ctx.m, value::load(o, 0, true), b);
    value::store(o, 0, buf, true);
}
