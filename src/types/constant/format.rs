//! CHECKER (constants): constants printed as Go prints them in messages (go/constant's
//! `Value.String`). In: a `Value`. Out: text such as `300`, `0.333333`, `1e+400`,
//! `(0 + 1i)`, `"a\x00b"` (strings quoted like strconv.Quote, cut to 72 characters).
//!
//! Floats are shown with 6 significant digits (`%.6g` of the nearest float64), or all digits
//! when 6 would hide that a non-integer is not an integer (`1.0000005e+06`, Go issue 56220).
//! Values outside float64's range get Go's approximate mantissa-and-exponent form.

use std::fmt;

use num_bigint::BigUint;
use num_traits::Pow;

use super::bigfloat::{BigFloat, PREC};
use super::{Float, Value};

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::String(s) => f.write_str(&quote_short(s)),
            Value::Int(i) => write!(f, "{i}"),
            // Go formats a fraction by first rounding it to a 512-bit float.
            Value::Float(Float::Rat(r)) => match BigFloat::from_rat(r, PREC) {
                Ok(b) => f.write_str(&float_string(&b)),
                Err(_) => f.write_str("+Inf"),
            },
            Value::Float(Float::Big(b)) => f.write_str(&float_string(b)),
            Value::Complex(re, im) => write!(f, "({re} + {im}i)"),
        }
    }
}

/// go/constant's `floatVal.String`.
fn float_string(b: &BigFloat) -> String {
    let x = b.to_f64();
    if (b.sign() == 0) == (x == 0.0) && x.is_finite() {
        let s = format_g(x, Some(6));
        if b.to_int().is_none() && !s.contains('.') {
            return format_g(x, None);
        }
        return s;
    }
    // Out of float64's range: b = mant · 2^exp with 0.5 <= |mant| < 1, and 2^exp ≈ 10^d.
    // This mirrors Go's approximation step for step (including its float64 rounding), so the
    // same digits come out; LOG10_2 is the float64 Go gets for math.Ln2/math.Ln10.
    let mut m = b.mantissa_f64();
    let d = b.exponent() as f64 * std::f64::consts::LOG10_2;
    let mut e = d as i64; // truncation toward zero, like Go's int64(d)
    m *= 10f64.powf(d - e as f64);
    let am = m.abs();
    if am < 1.0 - 0.5e-6 {
        // %.6g rounds m to 5 digits after the point; keep m*10 < 10 even after rounding.
        m *= 10.0;
        e -= 1;
    } else if am >= 10.0 {
        m /= 10.0;
        e += 1;
    }
    format!("{}e{:+}", format_g(m, Some(6)), e)
}

/// Go's `%g` (`prec == None`: shortest digits that read back the same) and `%.Ng` for a
/// finite float64 (strconv's `fmtEFG`: trailing zeros dropped, exponent form when the
/// exponent is below -4 or at least the precision).
pub fn format_g(x: f64, prec: Option<usize>) -> String {
    let neg = x.is_sign_negative() && x != 0.0;
    let (digits, dp) = match prec {
        _ if x == 0.0 => (Vec::new(), 0),
        None => shortest_digits(x.abs()),
        Some(n) => fixed_digits(x.abs(), n.max(1)),
    };
    let nd = digits.len() as i64;
    let shortest = prec.is_none();
    let mut prec = prec.map_or(nd, |p| p.max(1) as i64);
    let mut eprec = prec;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if shortest {
        eprec = 6;
    }
    let exp = dp - 1;
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let digit = |i: i64| {
        if i >= 0 && i < nd {
            digits[i as usize] as char
        } else {
            '0'
        }
    };
    if exp < -4 || exp >= eprec {
        // %e: d.ddde±dd
        prec = prec.min(nd) - 1;
        out.push(digit(0));
        if prec > 0 {
            out.push('.');
            (1..=prec).for_each(|i| out.push(digit(i)));
        }
        let exp = if nd == 0 { 0 } else { exp };
        out.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    } else {
        // %f
        if prec > dp {
            prec = nd;
        }
        let frac = (prec - dp).max(0);
        if dp > 0 {
            (0..dp).for_each(|i| out.push(digit(i)));
        } else {
            out.push('0');
        }
        if frac > 0 {
            out.push('.');
            (0..frac).for_each(|i| out.push(digit(dp + i)));
        }
    }
    out
}

/// The shortest decimal digits that read back as `x > 0`, and the decimal point's position
/// (`x = 0.d1d2... × 10^dp`). Rust's `{:e}` and Go's strconv both produce the shortest
/// round-trip digits, closest to the exact value.
fn shortest_digits(x: f64) -> (Vec<u8>, i64) {
    let s = format!("{x:e}");
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    (digits, exp.parse::<i64>().unwrap_or(0) + 1)
}

/// `x > 0` rounded to `n` significant decimal digits, ties to even on the exact binary value
/// (Go's fixed-precision `%e`/`%g`), trailing zeros dropped; with the decimal point position.
fn fixed_digits(x: f64, n: usize) -> (Vec<u8>, i64) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e2) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    // x = m · 2^e2 exactly; find k with 10^(n-1) <= round(x · 10^(n-1-k)) < 10^n.
    let mut k = x.log10().floor() as i64;
    let ten = BigUint::from(10u32);
    let low = ten.clone().pow((n - 1) as u32);
    let high = ten.clone().pow(n as u32);
    loop {
        let s = n as i64 - 1 - k; // scale: multiply by 10^s
        let mut num = BigUint::from(m);
        let mut den = BigUint::from(1u32);
        if e2 >= 0 {
            num <<= e2 as u64;
        } else {
            den <<= (-e2) as u64;
        }
        if s >= 0 {
            num *= ten.clone().pow(s as u32);
        } else {
            den *= ten.clone().pow((-s) as u32);
        }
        let (q, r) = (&num / &den, &num % &den);
        let twice = r << 1u32;
        let q = if twice > den || (twice == den && q.bit(0)) {
            q + 1u32
        } else {
            q
        };
        if q >= high {
            k += 1;
        } else if q < low {
            k -= 1;
        } else {
            let mut digits = q.to_string().into_bytes();
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            return (digits, k + 1);
        }
    }
}

/// A string constant as Go shows it: strconv.Quote, then cut to 72 characters with `...`.
pub fn quote_short(s: &[u8]) -> String {
    const MAX_LEN: usize = 72;
    let q = quote(s);
    if q.chars().count() <= MAX_LEN {
        return q;
    }
    let mut cut: String = q.chars().take(MAX_LEN - 3).collect();
    cut.push_str("...");
    cut
}

/// Go's strconv.Quote: printable characters as they are, the usual backslash escapes, `\xff`
/// for bytes that are not UTF-8, `\u`/`\U` for other characters.
pub fn quote(s: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut i = 0;
    while i < s.len() {
        let width = match s[i] {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let c = s
            .get(i..i + width)
            .and_then(|b| std::str::from_utf8(b).ok())
            .and_then(|t| t.chars().next());
        let Some(c) = c else {
            out.push_str(&format!("\\x{:02x}", s[i]));
            i += 1;
            continue;
        };
        i += width;
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if is_print(c) => out.push(c),
            '\x07' => out.push_str("\\a"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x0b' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Go's unicode.IsPrint, approximated without Unicode tables: everything but controls,
/// spaces other than U+0020, format characters, private use and noncharacters. Unassigned
/// code points (Go escapes `\u0378`) count as printable here; only quoting of exotic string
/// constants in messages can differ.
fn is_print(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return (0x20..0x7f).contains(&u);
    }
    let format = matches!(u,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2 | 0x180e
        | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff
        | 0xfff9..=0xfffb | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0001 | 0xe0020..=0xe007f);
    let private = matches!(u, 0xe000..=0xf8ff | 0xf0000..=0xffffd | 0x100000..=0x10fffd);
    let nonchar = (0xfdd0..=0xfdef).contains(&u) || u & 0xfffe == 0xfffe;
    !(c.is_control() || c.is_whitespace() || format || private || nonchar)
}

/// An exact text for a constant, like go/constant's `ExactString`: integers in full,
/// fractions as `n/d`, big floats as `mantissa*2^exp` (Go uses a hex form there; no Go
/// message shows it, so this one is for tests and debugging).
pub fn exact_string(v: &Value) -> String {
    match v {
        Value::Float(Float::Rat(r)) if r.is_int() => r.num().to_string(),
        Value::Float(Float::Rat(r)) => format!("{}/{}", r.num(), r.den()),
        Value::Float(Float::Big(b)) => {
            let (neg, mant, exp) = b.parts();
            format!("{}{mant}*2^{exp}", if neg { "-" } else { "" })
        }
        Value::Complex(re, im) => format!("({} + {}i)", exact_string(re), exact_string(im)),
        other => other.to_string(),
    }
}
