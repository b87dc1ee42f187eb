//! `time` natives that need no scheduler: `Now`, `Since`, `Until`, `Unix`, and the methods of
//! `Duration` (Go's `String` format: `1.5s`, `150ms`, `2h0m0s`) and `Time` (gol's `Time` is a
//! one-word struct of nanoseconds since the Unix epoch). Timers and `Sleep` are the
//! scheduler's (vm/timers.rs).

use super::{ret, NativeCtx, NativeFn};
use crate::runtime::gc::SCALARS;
use crate::vm::value;

fn now_ns() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

fn time_ns(t: u64) -> i64 {
    if t == 0 {
        return 0;
    }
    value::load(value::obj(t), 0, false) as i64
}

fn new_time(ctx: &mut NativeCtx, ns: i64) -> u64 {
    let o = ctx.m.alloc(&SCALARS, 1);
    value::store(o, 0, ns as u64, false);
    o.word()
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
        "time.Now" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let t = new_time(ctx, now_ns());
            ret(a, &[t])
        },
        "time.Since" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(now_ns() - time_ns(a[0])) as u64])
        }
        "time.Until" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) - now_ns()) as u64])
        }
        "time.Unix" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let ns = (a[0] as i64)
                .wrapping_mul(1_000_000_000)
                .wrapping_add(a[1] as i64);
            let t = new_time(ctx, ns);
            ret(a, &[t])
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
        "time.Time.Sub" | "time.(*Time).Sub" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) - time_ns(a[1])) as u64])
        }
        "time.Time.Add" | "time.(*Time).Add" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let t = new_time(ctx, time_ns(a[0]).wrapping_add(a[1] as i64));
            ret(a, &[t])
        },
        "time.Time.After" | "time.(*Time).After" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) > time_ns(a[1])) as u64])
        }
        "time.Time.Before" | "time.(*Time).Before" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) < time_ns(a[1])) as u64])
        }
        "time.Time.Equal" | "time.(*Time).Equal" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) == time_ns(a[1])) as u64])
        }
        "time.Time.IsZero" | "time.(*Time).IsZero" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(time_ns(a[0]) == 0) as u64])
        }
        "time.Time.Unix" | "time.(*Time).Unix" => |_: &mut NativeCtx, a: &mut [u64]| {
            ret(a, &[time_ns(a[0]).div_euclid(1_000_000_000) as u64])
        },
        "time.Time.UnixNano" | "time.(*Time).UnixNano" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[time_ns(a[0]) as u64])
        }
        "time.Time.UnixMilli" | "time.(*Time).UnixMilli" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[time_ns(a[0]).div_euclid(1_000_000) as u64])
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
