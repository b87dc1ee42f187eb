//! `math/rand` and `math/rand/v2` natives on a per-thread generator (Go seeds its global
//! generator randomly since 1.20, so no program can depend on its values; `Seed` is accepted
//! and ignored as in Go 1.24+'s default).

use super::{ret, NativeCtx, NativeError, NativeFn};

fn next() -> u64 {
    crate::vm::map::random_u64()
}

/// Fills `buf` from getrandom(2), retrying on EINTR and short reads. A failure other than
/// an interruption is reported (`false`; Go crashes): random bytes never silently weaken.
fn os_random(buf: &mut [u8]) -> bool {
    if crate::runtime::detsched::enabled() {
        // Deterministic mode: even "secure" randomness comes from the seed.
        for b in buf.iter_mut() {
            *b = crate::runtime::detsched::next_u64() as u8;
        }
        return true;
    }
    let mut at = 0;
    while at < buf.len() {
        let rest = &mut buf[at..];
        // SAFETY: `rest` is a valid, writable buffer of `rest.len()` bytes.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n > 0 {
            at += n as usize;
        } else if std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            return false;
        }
    }
    true
}

/// A uniform value in `0..n` (n > 0) without modulo bias.
fn below(n: u64) -> u64 {
    let zone = u64::MAX - u64::MAX % n;
    loop {
        let v = next();
        if v < zone {
            return v % n;
        }
    }
}

fn positive(a: &[u64], what: &'static str) -> Result<u64, NativeError> {
    let n = a[0] as i64;
    if n <= 0 {
        return Err(NativeError::Panic(what.to_string()));
    }
    Ok(n as u64)
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    let name = symbol.rsplit('.').next()?;
    Some(match name {
        "Intn" | "IntN" | "Int63n" | "Int64N" | "Int31n" | "Int32N" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let n = positive(a, "invalid argument to Intn")?;
                ret(a, &[below(n)])
            }
        }
        "Uint64N" | "UintN" | "Uint32N" => |_: &mut NativeCtx, a: &mut [u64]| {
            if a[0] == 0 {
                return Err(NativeError::Panic("invalid argument to Uint64N".into()));
            }
            let v = below(a[0]);
            ret(a, &[v])
        },
        "Int" | "Int63" | "Int64" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[next() >> 1]),
        "Int31" | "Int32" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[next() >> 33]),
        "Uint32" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[next() >> 32]),
        "Uint64" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[next()]),
        "Float64" => |_: &mut NativeCtx, a: &mut [u64]| {
            let f = (next() >> 11) as f64 / (1u64 << 53) as f64;
            ret(a, &[f.to_bits()])
        },
        "Float32" => |_: &mut NativeCtx, a: &mut [u64]| {
            let f = (next() >> 40) as f32 / (1u32 << 24) as f32;
            ret(a, &[(f as f64).to_bits()])
        },
        "Seed" => |_: &mut NativeCtx, _: &mut [u64]| Ok(()),
        // math/rand's unseeded global source.
        "runtimeRand" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[next()]),
        // math/rand's GODEBUG settings: the last `key=value` of $GODEBUG wins, as in Go.
        "godebugValue" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let key = String::from_utf8_lossy(crate::vm::value::str_bytes(a[0])).into_owned();
            let env = std::env::var("GODEBUG").unwrap_or_default();
            let v = env
                .rsplit(',')
                .filter_map(|kv| kv.split_once('='))
                .find(|(k, _)| k.trim() == key)
                .map(|(_, v)| v.trim().to_string())
                .unwrap_or_default();
            let w = crate::vm::value::new_string(ctx.m, v.as_bytes());
            ret(a, &[w])
        },
        // math/rand's top-level Read (random bytes, as Go's unseeded global source gives).
        "Read" => |_: &mut NativeCtx, a: &mut [u64]| {
            let p = crate::vm::value::slice_parts(a[0]);
            if p.len > 0 {
                let arr = crate::vm::value::obj(p.array);
                for i in 0..p.len {
                    crate::vm::value::store(arr, p.offset + i, next() & 0xff, false);
                }
            }
            ret(a, &[p.len as u64, 0])
        },
        // crypto/rand's source: the operating system's generator, written into a []byte.
        "fillRandom" => |_: &mut NativeCtx, a: &mut [u64]| {
            let p = crate::vm::value::slice_parts(a[0]);
            if p.len > 0 {
                let mut buf = vec![0u8; p.len];
                if !os_random(&mut buf) {
                    return Err(NativeError::Panic(
                        "crypto/rand: failed to read random data".into(),
                    ));
                }
                let arr = crate::vm::value::obj(p.array);
                for (i, &b) in buf.iter().enumerate() {
                    crate::vm::value::store(arr, p.offset + i, b as u64, false);
                }
            }
            ret(a, &[])
        },
        "Perm" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let n = a[0] as i64;
            if n < 0 {
                return Err(NativeError::Panic("invalid argument to Perm".into()));
            }
            let mut p: Vec<u64> = (0..n as u64).collect();
            for i in (1..p.len()).rev() {
                let j = below(i as u64 + 1) as usize;
                p.swap(i, j);
            }
            let s = super::new_int_slice(ctx, &p);
            ret(a, &[s])
        },
        _ => return super::randtab::lookup(name),
    })
}
