//! `errors` natives: `New` and `(*errorString).Error` (Is, As, Unwrap and Join call methods of
//! arbitrary dynamic types, which natives cannot: they are the compiler's).

use super::{NativeCtx, NativeFn};
use crate::vm::value::{self, str_bytes};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "errors.New" => |c: &mut NativeCtx, a: &mut [u64]| {
            let text = str_bytes(a[0]).to_vec();
            a[0] = super::new_error_string(c.m, c.std, &text);
            Ok(())
        },
        "errors.(*errorString).Error" => |_, a| {
            if a[0] == 0 {
                return Err(super::nil_deref());
            }
            a[0] = value::load(value::obj(a[0]), 0, true);
            Ok(())
        },
        _ => return None,
    })
}
