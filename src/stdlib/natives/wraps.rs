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
        "runtime.errorString.Error" | "runtime.(*errorString).Error" => |_: &mut NativeCtx, a: &mut [u64]| {
            let m = a[0];
            ret(a, &[m])
        },
        "runtime.errorString.RuntimeError"
        | "runtime.(*errorString).RuntimeError"
        | "runtime.(*PanicNilError).RuntimeError" => |_: &mut NativeCtx, _: &mut [u64]| Ok(()),
        "runtime.(*PanicNilError).Error" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let m = value::new_string(ctx.m, b"runtime error: panic called with nil argument");
            ret(a, &[m])
        },
        _ => return None,
    })
}
