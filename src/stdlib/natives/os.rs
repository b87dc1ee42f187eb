//! `os` natives: `Args`, `Stdout`/`Stderr`/`Stdin` (initializers), `Exit`, `Getenv`,
//! `LookupEnv`, and `(*File).Write`/`WriteString` for the standard streams. Under `--sandbox`
//! the environment is `limits::SANDBOX_ENV` (gol's `os` has no file-system calls to refuse).

use super::{byte_slice_bytes, int, ret, string, NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::SCALARS;
use crate::vm::value::{self, str_bytes};
use std::io::Write as _;

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "os.Args" => |c: &mut NativeCtx, a: &mut [u64]| {
            let words: Vec<u64> = c.args.iter().map(|s| string(c.m, s.as_bytes())).collect();
            a[0] = super::new_string_slice(c.m, &words);
            Ok(())
        },
        "os.Stdin" => |c, a| new_file(c, a, 0),
        "os.Stdout" => |c, a| new_file(c, a, 1),
        "os.Stderr" => |c, a| new_file(c, a, 2),
        "os.Exit" => |_, a| Err(NativeError::Exit(int(a[0]) as i32)),
        "os.Getenv" => |c, a| {
            let v = getenv(str_bytes(a[0])).unwrap_or_default();
            a[0] = string(c.m, &v);
            Ok(())
        },
        "os.LookupEnv" => |c, a| match getenv(str_bytes(a[0])) {
            Some(v) => {
                let s = string(c.m, &v);
                ret(a, &[s, 1])
            }
            None => ret(a, &[0, 0]),
        },
        "os.(*File).Write" => |c, a| {
            let b = byte_slice_bytes(a[1]);
            write(c, a[0], &b)?;
            ret(a, &[b.len() as u64, 0])
        },
        "os.(*File).WriteString" => |c, a| {
            let b = str_bytes(a[1]).to_vec();
            write(c, a[0], &b)?;
            ret(a, &[b.len() as u64, 0])
        },
        _ => return None,
    })
}

fn new_file(c: &mut NativeCtx, a: &mut [u64], fd: u64) -> Result<(), NativeError> {
    let o = c.m.alloc(&SCALARS, 1);
    value::store(o, 0, fd, false);
    a[0] = o.word();
    Ok(())
}

fn getenv(key: &[u8]) -> Option<Vec<u8>> {
    use std::os::unix::ffi::{OsStrExt, OsStringExt};
    let key = std::ffi::OsStr::from_bytes(key);
    if key.is_empty() || key.as_encoded_bytes().contains(&b'=') {
        return None;
    }
    if crate::runtime::limits::sandboxed() {
        // The sandbox's fixed environment, whatever the host's holds.
        let sandbox = crate::runtime::limits::SANDBOX_ENV;
        return sandbox
            .iter()
            .find(|(k, _)| k.as_bytes() == key.as_encoded_bytes())
            .map(|(_, v)| v.as_bytes().to_vec());
    }
    std::env::var_os(key).map(|v| v.into_vec())
}

/// Writes to a standard stream: stdout through the VM's buffer; stderr directly, after
/// flushing that buffer so the two interleave as in Go.
fn write(c: &mut NativeCtx, f: u64, b: &[u8]) -> Result<(), NativeError> {
    if f == 0 {
        return Err(super::nil_deref());
    }
    match value::load(value::obj(f), 0, false) {
        1 => c.stdout.extend_from_slice(b),
        2 => {
            c.sh.flush(c.stdout, None);
            let _ = std::io::stderr().write_all(b);
        }
        _ => {}
    }
    Ok(())
}
