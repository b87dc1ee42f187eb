//! `time` natives that need no scheduler: the clocks (`time.now`: wall clock and monotonic
//! reading), reading a zoneinfo file, and the methods of `Duration` (Go's `String` format:
//! `1.5s`, `150ms`, `2h0m0s`). `Time` itself is gol source (stdlib/time/); its object layout,
//! which timers and contexts build and read, is here (`time_object`, `time_unix_ns`). Timers
//! and `Sleep` are the scheduler's (vm/timers.rs).

use super::{ret, NativeCtx, NativeFn};
use crate::runtime::gc::{Layout, Mutator};
use crate::vm::value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

/// A `time.Time` object (stdlib/time/time.gol): `{sec, nsec, mono, hasMono, loc}`, `sec`
/// counting from January 1, year 1 UTC, `loc` nil for UTC.
pub static TIME: Layout = Layout::Pattern {
    period: 5,
    bits: &[0b10000],
};

/// Seconds from January 1 of year 1 to the Unix epoch.
const UNIX_TO_INTERNAL: i64 = 62_135_596_800;

/// The `*time.Location` of `time.Local` (a heap object the gol package keeps in a global, so it
/// stays reachable); 0 until the package registers it.
static LOCAL: AtomicU64 = AtomicU64::new(0);

/// The wall clock: Unix seconds and nanoseconds.
pub fn wall_now() -> (i64, i64) {
    if let Some((unix_ns, _)) = crate::runtime::bubble::now() {
        return (
            unix_ns.div_euclid(1_000_000_000),
            unix_ns.rem_euclid(1_000_000_000),
        );
    }
    if crate::runtime::detsched::enabled() {
        let ns = crate::runtime::detsched::wall_unix_ns();
        return (ns.div_euclid(1_000_000_000), ns.rem_euclid(1_000_000_000));
    }
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    (d.as_secs() as i64, d.subsec_nanos() as i64)
}

/// The monotonic clock: nanoseconds since the first reading, plus one (Go's readings start
/// at 1 too, so every reading is positive).
pub fn mono_now() -> i64 {
    if let Some((_, mono)) = crate::runtime::bubble::now() {
        return mono;
    }
    if crate::runtime::detsched::enabled() {
        return crate::runtime::detsched::virtual_ns() as i64 + 1;
    }
    static START: OnceLock<Instant> = OnceLock::new();
    let start = *START.get_or_init(Instant::now);
    start.elapsed().as_nanos() as i64 + 1
}

/// A new `time.Time` for the Unix instant `unix_ns`, with a monotonic reading if given, in
/// `time.Local` (`local`) or UTC.
pub fn time_object(m: &mut Mutator, unix_ns: i64, mono: Option<i64>, local: bool) -> u64 {
    let o = m.alloc(&TIME, 5);
    let sec = unix_ns.div_euclid(1_000_000_000) + UNIX_TO_INTERNAL;
    value::store(o, 0, sec as u64, false);
    value::store(o, 1, unix_ns.rem_euclid(1_000_000_000) as u64, false);
    value::store(o, 2, mono.unwrap_or(0) as u64, false);
    value::store(o, 3, mono.is_some() as u64, false);
    let loc = if local {
        LOCAL.load(Ordering::Relaxed)
    } else {
        0
    };
    value::store(o, 4, loc, true);
    o.word()
}

/// The zero `time.Time` (January 1, year 1, UTC).
pub fn zero_time(m: &mut Mutator) -> u64 {
    m.alloc(&TIME, 5).word()
}

/// `time.Now()` as a new object.
pub fn now_object(m: &mut Mutator) -> u64 {
    let (sec, nsec) = wall_now();
    time_object(m, sec * 1_000_000_000 + nsec, Some(mono_now()), true)
}

/// The Unix nanoseconds of a `time.Time` object (saturating far from 1970).
pub fn time_unix_ns(t: u64) -> i64 {
    if t == 0 {
        return 0;
    }
    let o = value::obj(t);
    let sec = value::load(o, 0, false) as i64 - UNIX_TO_INTERNAL;
    let nsec = value::load(o, 1, false) as i64;
    sec.saturating_mul(1_000_000_000).saturating_add(nsec)
}

/// Go's `Duration.String`.
pub fn duration_string(d: i64) -> String {
    let mut u = d.unsigned_abs();
    let neg = d < 0;
    let mut out: Vec<u8> = Vec::new(); // built backwards
                                       // Appends v's fraction of 10^prec (without trailing zeros); returns v / 10^prec.
    let frac = |out: &mut Vec<u8>, mut v: u64, prec: u32| {
        let mut print = false;
        for _ in 0..prec {
            let digit = v % 10;
            print = print || digit != 0;
            if print {
                out.push(b'0' + digit as u8);
            }
            v /= 10;
        }
        if print {
            out.push(b'.');
        }
        v
    };
    let int = |out: &mut Vec<u8>, mut v: u64| {
        if v == 0 {
            out.push(b'0');
        }
        while v > 0 {
            out.push(b'0' + (v % 10) as u8);
            v /= 10;
        }
    };
    if u < 1_000_000_000 {
        if u == 0 {
            return "0s".into();
        }
        out.push(b's');
        let prec = if u < 1_000 {
            out.push(b'n');
            0
        } else if u < 1_000_000 {
            out.extend_from_slice(
                "µ".as_bytes()
                    .iter()
                    .rev()
                    .copied()
                    .collect::<Vec<u8>>()
                    .as_slice(),
            );
            3
        } else {
            out.push(b'm');
            6
        };
        u = frac(&mut out, u, prec);
        int(&mut out, u);
    } else {
        out.push(b's');
        u = frac(&mut out, u, 9);
        int(&mut out, u % 60);
        u /= 60;
        if u > 0 {
            out.push(b'm');
            int(&mut out, u % 60);
            u /= 60;
            if u > 0 {
                out.push(b'h');
                int(&mut out, u);
            }
        }
    }
    if neg {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn round(d: i64, m: i64) -> i64 {
    if m <= 0 {
        return d;
    }
    let less_than_half = |x: i64, y: i64| (x as u64).wrapping_add(x as u64) < y as u64;
    let mut r = d % m;
    if d < 0 {
        r = -r;
        if less_than_half(r, m) {
            return d + r;
        }
        let d1 = d.wrapping_sub(m).wrapping_add(r);
        return if d1 < d { d1 } else { i64::MIN };
    }
    if less_than_half(r, m) {
        return d - r;
    }
    let d1 = d.wrapping_add(m).wrapping_sub(r);
    if d1 > d {
        d1
    } else {
        i64::MAX
    }
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "time.now" => |_: &mut NativeCtx, a: &mut [u64]| {
            let (sec, nsec) = wall_now();
            ret(a, &[sec as u64, nsec as u64, mono_now() as u64])
        },
        "time.readFile" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let name = String::from_utf8_lossy(value::str_bytes(a[0])).into_owned();
            // Zone files are small; anything unreadable (or absurdly large) is "not found".
            match std::fs::read(&name) {
                Ok(b) if b.len() <= 10 << 20 => {
                    let w = super::new_byte_slice(ctx.m, &b);
                    ret(a, &[w, 1])
                }
                _ => ret(a, &[0, 0]),
            }
        },
        "time.registerLocal" => |_: &mut NativeCtx, a: &mut [u64]| {
            // Package initialisation: the monotonic clock starts here, so readings count from
            // about the program's start as Go's do.
            mono_now();
            LOCAL.store(a[0], std::sync::atomic::Ordering::Relaxed);
            ret(a, &[a[0]])
        },
        "time.Duration.String" | "time.(*Duration).String" => {
            |ctx: &mut NativeCtx, a: &mut [u64]| {
                let s = duration_string(a[0] as i64);
                let w = value::new_string(ctx.m, s.as_bytes());
                ret(a, &[w])
            }
        }
        "time.Duration.Seconds" | "time.(*Duration).Seconds" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let d = a[0] as i64;
                let v = (d / 1_000_000_000) as f64 + (d % 1_000_000_000) as f64 / 1e9;
                ret(a, &[v.to_bits()])
            }
        }
        "time.Duration.Minutes" | "time.(*Duration).Minutes" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let d = a[0] as i64;
                let v = (d / 60_000_000_000) as f64 + (d % 60_000_000_000) as f64 / 60e9;
                ret(a, &[v.to_bits()])
            }
        }
        "time.Duration.Hours" | "time.(*Duration).Hours" => |_: &mut NativeCtx, a: &mut [u64]| {
            let d = a[0] as i64;
            let v = (d / 3_600_000_000_000) as f64 + (d % 3_600_000_000_000) as f64 / 3600e9;
            ret(a, &[v.to_bits()])
        },
        "time.Duration.Milliseconds" | "time.(*Duration).Milliseconds" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[((a[0] as i64) / 1_000_000) as u64])
        }
        "time.Duration.Microseconds" | "time.(*Duration).Microseconds" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[((a[0] as i64) / 1_000) as u64])
        }
        "time.Duration.Nanoseconds" | "time.(*Duration).Nanoseconds" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[a[0]])
        }
        "time.Duration.Round" | "time.(*Duration).Round" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[round(a[0] as i64, a[1] as i64) as u64])
        }
        "time.Duration.Truncate" | "time.(*Duration).Truncate" => {
            |_: &mut NativeCtx, a: &mut [u64]| {
                let (d, m) = (a[0] as i64, a[1] as i64);
                ret(a, &[if m <= 0 { d } else { d - d % m } as u64])
            }
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::duration_string as s;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(s(0), "0s");
        assert_eq!(s(1), "1ns");
        assert_eq!(s(1_500), "1.5µs");
        assert_eq!(s(150_000_000), "150ms");
        assert_eq!(s(1_500_000_000), "1.5s");
        assert_eq!(s(7_200_000_000_000), "2h0m0s");
        assert_eq!(s(-90_000_000_000), "-1m30s");
    }
}
