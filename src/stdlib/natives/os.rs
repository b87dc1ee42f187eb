//! `os` natives that are not system calls on files: `Args`' initial value, `Exit`, `Getenv`, `LookupEnv`
//! (over the environment copy of `osproc.rs`; under `--sandbox` that copy starts as
//! `limits::SANDBOX_ENV`). Files, directories and the rest are `stdlib/os/*.gol` over the
//! `sys*` natives of `ossys.rs` and `osproc.rs`.

use super::{int, ret, string, NativeCtx, NativeError, NativeFn};
use crate::vm::value::str_bytes;

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        // The initial value of the gol variable `os.Args` (`stdlib/os/proc.gol`).
        "os.runtimeArgs" => |c: &mut NativeCtx, a: &mut [u64]| {
            let words: Vec<u64> = c.args.iter().map(|s| string(c.m, s.as_bytes())).collect();
            a[0] = super::new_string_slice(c.m, &words);
            Ok(())
        },
        "os.Exit" => |_, a| Err(NativeError::Exit(int(a[0]) as i32)),
        "os.Getenv" => |c, a| {
            let v = super::osproc::getenv(str_bytes(a[0])).unwrap_or_default();
            a[0] = string(c.m, &v);
            Ok(())
        },
        "os.LookupEnv" => |c, a| match super::osproc::getenv(str_bytes(a[0])) {
            Some(v) => {
                let s = string(c.m, &v);
                ret(a, &[s, 1])
            }
            None => ret(a, &[0, 0]),
        },
        _ => return None,
    })
}
