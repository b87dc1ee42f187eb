//! `time.ParseDuration` (a port of Go's `time/format.go`, same errors) and `Duration.Abs`.
//! Input: the argument words. Output: `(Duration, error)`; the error is an `errors.New`-style
//! value with Go's text (`time: invalid duration "bogus"`).

use super::{new_error_string, ret, NativeCtx, NativeFn};
use crate::vm::value::str_bytes;

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "time.ParseDuration" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let s = str_bytes(a[0]).to_vec();
            match parse_duration(&s) {
                Ok(d) => ret(a, &[d as u64, 0]),
                Err(msg) => {
                    let text = format!("time: {msg} {}", quote(&s));
                    let e = new_error_string(ctx.m, ctx.std, text.as_bytes());
                    ret(a, &[0, e])
                }
            }
        },
        "time.Duration.Abs" | "time.(*Duration).Abs" => |_, a| {
            let d = a[0] as i64;
            let r = if d >= 0 {
                d
            } else if d == i64::MIN {
                i64::MAX
            } else {
                -d
            };
            ret(a, &[r as u64])
        },
        _ => return None,
    })
}

/// time's own quoting: non-ASCII and control bytes as `\xHH`.
fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in s {
        if !(b' '..0x80).contains(&b) {
            out.push_str(&format!("\\x{b:02x}"));
        } else {
            if b == b'"' || b == b'\\' {
                out.push('\\');
            }
            out.push(b as char);
        }
    }
    out.push('"');
    out
}

const OVER: u64 = 1 << 63;

/// `[0-9]*`: the value (None on overflow) and the rest.
fn leading_int(s: &[u8]) -> (Option<u64>, &[u8]) {
    let mut x: u64 = 0;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if x > OVER / 10 {
            return (None, s);
        }
        x = x * 10 + (s[i] - b'0') as u64;
        if x > OVER {
            return (None, s);
        }
        i += 1;
    }
    (Some(x), &s[i..])
}

/// `[0-9]*` after a decimal point: the digits' value, its scale and the rest.
fn leading_fraction(s: &[u8]) -> (u64, f64, &[u8]) {
    let (mut x, mut scale, mut overflow) = (0u64, 1f64, false);
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if !overflow {
            if x > (OVER - 1) / 10 {
                overflow = true;
            } else {
                let y = x * 10 + (s[i] - b'0') as u64;
                if y > OVER {
                    overflow = true;
                } else {
                    x = y;
                    scale *= 10.0;
                }
            }
        }
        i += 1;
    }
    (x, scale, &s[i..])
}

fn unit(u: &[u8]) -> Option<u64> {
    Some(match u {
        b"ns" => 1,
        b"us" => 1_000,
        _ if u == "µs".as_bytes() || u == "μs".as_bytes() => 1_000,
        b"ms" => 1_000_000,
        b"s" => 1_000_000_000,
        b"m" => 60_000_000_000,
        b"h" => 3_600_000_000_000,
        _ => return None,
    })
}

/// Go's `ParseDuration`; the error is the message before the quoted input.
fn parse_duration(orig: &[u8]) -> Result<i64, String> {
    let invalid = || "invalid duration".to_string();
    let mut s = orig;
    let mut neg = false;
    if let Some(&c) = s.first() {
        if c == b'-' || c == b'+' {
            neg = c == b'-';
            s = &s[1..];
        }
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut d: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let pl = s.len();
        let (v, rest) = leading_int(s);
        let mut v = v.ok_or_else(invalid)?;
        s = rest;
        let pre = pl != s.len();
        let (mut f, mut scale, mut post) = (0u64, 1f64, false);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let pl = s.len();
            let (ff, sc, rest) = leading_fraction(s);
            (f, scale, s) = (ff, sc, rest);
            post = pl != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        let i = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if i == 0 {
            return Err("missing unit in duration".into());
        }
        let u = &s[..i];
        s = &s[i..];
        let Some(unit) = unit(u) else {
            return Err(format!("unknown unit {} in duration", quote(u)));
        };
        if v > OVER / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            // float64 is precise enough for fractions of hours to the nanosecond.
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > OVER {
                return Err(invalid());
            }
        }
        d += v;
        if d > OVER {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i64).wrapping_neg());
    }
    if d > OVER - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_like_go() {
        let p = |s: &str| super::parse_duration(s.as_bytes());
        assert_eq!(p("1h15m30.5s"), Ok(4_530_500_000_000));
        assert_eq!(p("-1.5h"), Ok(-5_400_000_000_000));
        assert_eq!(p("1µs"), Ok(1_000));
        assert_eq!(p("bogus"), Err("invalid duration".into()));
        assert_eq!(p("5"), Err("missing unit in duration".into()));
        assert_eq!(p("5x"), Err("unknown unit \"x\" in duration".into()));
    }
}
