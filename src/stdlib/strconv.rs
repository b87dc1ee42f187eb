//! Go's `strconv` formatting on Rust primitives → the exact bytes Go 1.27 produces:
//! `FormatFloat`/`AppendFloat` (formats b e E f g G x X, shortest or fixed precision),
//! `FormatComplex`, `FormatInt`/`FormatUint`, `FormatBool`, and the quoting family
//! (`Quote`, `QuoteToASCII`, `QuoteToGraphic`, the rune forms, `CanBackquote`, `IsPrint`,
//! `IsGraphic`). Nothing here knows about interpreter values.
//!
//! Decimal digits come from Rust's own float formatting, which is exact in the same way as Go's:
//! `{:e}` gives the shortest digits that round-trip (closest to the value among the shortest,
//! boundaries included for even mantissas), and `{:.N}` / `{:.Ne}` round the exact binary value
//! half-to-even. The layout of those digits (`fmt_efg`, `%g`'s choice of style, hex and binary
//! exponent forms) follows `internal/strconv/ftoa.go`.

use std::fmt::Write as _;

use super::unicode_print::PRINT_RANGES;
use super::utf8::{append_rune, decode_rune, valid_rune, RUNE_ERROR};

const LOWERHEX: &[u8; 16] = b"0123456789abcdef";
const UPPERHEX: &[u8; 16] = b"0123456789ABCDEF";
const DIGITS36: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

fn into_string(v: Vec<u8>) -> String {
    String::from_utf8(v).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

// ───────────────────────────── floats ─────────────────────────────

/// `strconv.FormatFloat(f, fmt, prec, bitsize)`. `fmt` is one of `b e E f g G x X` (anything
/// else prints `%` and the byte, as Go does); `prec < 0` means the fewest digits that read back
/// exactly. `bitsize` is 32 (round `f` to float32 first, shortest digits for float32) or 64;
/// Go panics on any other value, so callers check first.
pub fn format_float(f: f64, fmt: u8, prec: i32, bitsize: u32) -> String {
    let mut out = Vec::with_capacity(24);
    append_float(&mut out, f, fmt, prec, bitsize);
    into_string(out)
}

/// `strconv.AppendFloat`: [`format_float`] appended to `out`.
pub fn append_float(out: &mut Vec<u8>, f: f64, fmt: u8, prec: i32, bitsize: u32) {
    assert!(
        bitsize == 32 || bitsize == 64,
        "strconv: illegal AppendFloat bitSize"
    );
    let (bits, exp_bits, mant_bits, bias) = if bitsize == 32 {
        ((f as f32).to_bits() as u64, 8u32, 23u32, -127i32)
    } else {
        (f.to_bits(), 11, 52, -1023)
    };
    let neg = bits >> (exp_bits + mant_bits) != 0;
    let mut exp = ((bits >> mant_bits) & ((1 << exp_bits) - 1)) as i32;
    let mut mant = bits & ((1u64 << mant_bits) - 1);
    if exp == (1 << exp_bits) - 1 {
        out.extend_from_slice(match (mant != 0, neg) {
            (true, _) => b"NaN",
            (false, true) => b"-Inf",
            (false, false) => b"+Inf",
        });
        return;
    }
    if exp == 0 {
        exp += 1;
    } else {
        mant |= 1 << mant_bits;
    }
    exp += bias;
    match fmt {
        b'b' => return fmt_b(out, neg, mant, exp - mant_bits as i32),
        b'x' | b'X' => return fmt_x(out, prec, fmt, neg, mant, exp, mant_bits),
        _ => {}
    }
    if mant == 0 {
        return fmt_efg(out, neg, &[], 0, prec, fmt, prec < 0);
    }
    // The magnitude, exactly (a float32 widens to float64 without loss).
    let abs = if bitsize == 32 {
        (f as f32).abs() as f64
    } else {
        f.abs()
    };
    let mut text = String::with_capacity(32);
    if prec < 0 {
        if bitsize == 32 {
            let _ = write!(text, "{:e}", abs as f32);
        } else {
            let _ = write!(text, "{abs:e}");
        }
        let (mut digits, mut dp) = sci_digits(&mut text);
        let even: String;
        if let Some((d, p)) = tie_to_even(digits, dp, mant, exp - mant_bits as i32, abs, bitsize) {
            even = d.to_string();
            (digits, dp) = (trim_zeros(even.as_bytes()), p);
        }
        let nd = digits.len() as i32;
        let prec = match fmt {
            b'e' | b'E' => (nd - 1).max(0),
            b'f' => (nd - dp).max(0),
            b'g' | b'G' => nd,
            _ => prec,
        };
        return fmt_efg(out, neg, digits, dp, prec, fmt, true);
    }
    // Rust's formatter takes precisions below 2¹⁶ only; past these caps every digit of the exact
    // value (at most 767 significant, 1074 after the point) is already there, and `fmt_efg`
    // adds the zeros.
    const SIG_CAP: usize = 800;
    const FRAC_CAP: usize = 1100;
    let mut prec = prec;
    let (digits, dp) = match fmt {
        b'e' | b'E' => {
            let _ = write!(text, "{:.*e}", (prec as usize).min(SIG_CAP), abs);
            sci_digits(&mut text)
        }
        b'g' | b'G' => {
            if prec == 0 {
                prec = 1;
            }
            let _ = write!(text, "{:.*e}", (prec as usize - 1).min(SIG_CAP), abs);
            sci_digits(&mut text)
        }
        b'f' => {
            let _ = write!(text, "{:.*}", (prec as usize).min(FRAC_CAP), abs);
            fixed_digits(&mut text)
        }
        _ => (&[][..], 0),
    };
    fmt_efg(out, neg, digits, dp, prec, fmt, false)
}

/// Go's shortest digits where Rust's differ. Both pick the closest of the shortest digit
/// strings that read back exactly; when the value lies exactly halfway between two of them
/// (e.g. 2⁻²⁵ = 2.98023223876953125e-08), Rust rounds up and Go to the even one. `digits`,
/// `dp` are Rust's; the value is `mant × 2^e`. Returns Go's digits as an integer with the
/// new decimal point position, or `None` when they agree.
fn tie_to_even(
    digits: &[u8],
    dp: i32,
    mant: u64,
    e: i32,
    abs: f64,
    bitsize: u32,
) -> Option<(u64, i32)> {
    // A tie means 2·value = (2D ± 1)·10^k, with D the digits as an integer and 10^k the unit of
    // the last digit. With value = m·2^e (m odd) the powers of two force e + 1 == k, and then
    // 2D ± 1 = m·5^-k (k < 0) or m / 5^k (k ≥ 0).
    let tz = mant.trailing_zeros();
    let (m, e) = ((mant >> tz) as u128, e + tz as i32);
    let k = dp - digits.len() as i32;
    if e + 1 != k || digits.len() > 19 {
        return None;
    }
    let t = if k < 0 {
        m.checked_mul(5u128.checked_pow((-k) as u32)?)?
    } else {
        let p = 5u128.checked_pow(k as u32)?;
        if m % p != 0 {
            return None;
        }
        m / p
    };
    let d = digits
        .iter()
        .fold(0u128, |acc, &c| acc * 10 + (c - b'0') as u128);
    if t != 2 * d + 1 && t + 1 != 2 * d {
        return None;
    }
    let (lo, hi) = ((t - 1) / 2, t.div_ceil(2));
    let even = if lo % 2 == 0 { lo } else { hi };
    if even == d {
        return None;
    }
    // Keep it only if it reads back as the same value (it always should: it is as close).
    let text = format!("{even}e{k}");
    let back = if bitsize == 32 {
        text.parse::<f32>().ok()? as f64
    } else {
        text.parse::<f64>().ok()?
    };
    if back != abs {
        return None;
    }
    let nd = even.to_string().len() as i32;
    Some((even as u64, nd + k))
}

/// Rust's `d.ddde±x` (in `s`) → (significant digits, no point or trailing zeros; decimal point
/// position `dp`): the value is `0.d₁d₂… × 10^dp`. Reuses `s`'s storage.
fn sci_digits(s: &mut String) -> (&[u8], i32) {
    let e = s.find('e').unwrap_or(s.len());
    let exp: i32 = s[e + 1..].parse().unwrap_or(0);
    s.truncate(e);
    if s.len() > 1 {
        s.remove(1); // the point always follows the first digit
    }
    (trim_zeros(s.as_bytes()), exp + 1)
}

/// Rust's `iii.fff` (in `s`) → (significant digits, decimal point position); zero gives `([], 0)`.
fn fixed_digits(s: &mut String) -> (&[u8], i32) {
    let point = s.find('.').unwrap_or(s.len());
    if point < s.len() {
        s.remove(point);
    }
    let b = s.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b'0').count();
    let digits = trim_zeros(&b[lead..]);
    if digits.is_empty() {
        return (digits, 0);
    }
    (digits, point as i32 - lead as i32)
}

/// `s` without its trailing zeros.
fn trim_zeros(s: &[u8]) -> &[u8] {
    let end = s.iter().rposition(|&c| c != b'0').map_or(0, |i| i + 1);
    &s[..end]
}

/// Lays out decimal digits as Go's `fmtEFG` does: `%e`, `%f`, or `%g` choosing between them.
fn fmt_efg(
    out: &mut Vec<u8>,
    neg: bool,
    digits: &[u8],
    dp: i32,
    mut prec: i32,
    mut fmt: u8,
    shortest: bool,
) {
    let d = digits;
    let nd = d.len() as i32;
    if fmt == b'g' || fmt == b'G' {
        // Trailing fractional zeros in 'e' form will be trimmed.
        let mut eprec = prec;
        if eprec > nd && nd >= dp {
            eprec = nd;
        }
        // %e when the exponent is < -4 or >= the precision (6 when the precision is shortest).
        if shortest {
            eprec = 6;
        }
        let exp = dp - 1;
        if exp < -4 || exp >= eprec {
            if prec > nd {
                prec = nd;
            }
            prec -= 1;
            fmt = fmt + b'e' - b'g';
        } else {
            if prec > dp {
                prec = nd;
            }
            prec = (prec - dp).max(0);
            fmt = b'f';
        }
    }
    match fmt {
        b'e' | b'E' => {
            if neg {
                out.push(b'-');
            }
            out.push(if nd != 0 { d[0] } else { b'0' });
            if prec > 0 {
                out.push(b'.');
                let m = nd.min(prec + 1);
                let mut i = 1;
                if i < m {
                    out.extend_from_slice(&d[i as usize..m as usize]);
                    i = m;
                }
                out.resize(out.len() + (prec + 1 - i) as usize, b'0');
            }
            out.push(fmt);
            let exp = if nd == 0 { 0 } else { dp - 1 };
            out.push(if exp < 0 { b'-' } else { b'+' });
            let exp = exp.unsigned_abs();
            if exp >= 100 {
                out.push(b'0' + (exp / 100) as u8);
            }
            out.push(b'0' + (exp / 10 % 10) as u8);
            out.push(b'0' + (exp % 10) as u8);
        }
        b'f' => {
            if neg {
                out.push(b'-');
            }
            if dp > 0 {
                let m = nd.min(dp);
                out.extend_from_slice(&d[..m as usize]);
                out.resize(out.len() + (dp - m) as usize, b'0');
            } else {
                out.push(b'0');
            }
            if prec > 0 {
                out.push(b'.');
                let lz = prec.min((-dp).max(0)); // leading zeros
                let off = dp + lz;
                let m = (prec - lz).min((nd - off).max(0)); // middle digits
                let tz = (prec - lz - m).max(0); // trailing zeros
                out.resize(out.len() + lz as usize, b'0');
                if m > 0 {
                    out.extend_from_slice(&d[off as usize..(off + m) as usize]);
                }
                out.resize(out.len() + tz as usize, b'0');
            }
        }
        _ => {
            out.push(b'%');
            out.push(fmt);
        }
    }
}

/// `%b`: `-ddddp±ddd`, the mantissa and binary exponent in decimal.
fn fmt_b(out: &mut Vec<u8>, neg: bool, mant: u64, exp: i32) {
    if neg {
        out.push(b'-');
    }
    append_uint(out, mant, 10);
    out.push(b'p');
    if exp >= 0 {
        out.push(b'+');
    }
    append_int(out, exp as i64, 10);
}

/// `%x`: `-0x1.yyyyp±dd` (or `-0x0p+00`), rounding half-to-even when `0 <= prec < 15`.
fn fmt_x(
    out: &mut Vec<u8>,
    prec: i32,
    fmt: u8,
    neg: bool,
    mut mant: u64,
    mut exp: i32,
    mant_bits: u32,
) {
    if mant == 0 {
        exp = 0;
    }
    // Put the leading 1 (if any) at bit 60.
    mant <<= 60 - mant_bits;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            mant >>= 1;
            exp += 1;
        }
    }
    let hex = if fmt == b'X' { UPPERHEX } else { LOWERHEX };
    if neg {
        out.push(b'-');
    }
    out.extend_from_slice(&[b'0', fmt, b'0' + ((mant >> 60) & 1) as u8]);
    mant <<= 4; // drop the leading digit
    if prec < 0 && mant != 0 {
        out.push(b'.');
        while mant != 0 {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push(b'.');
        for _ in 0..prec {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    out.push(if fmt == b'X' { b'P' } else { b'p' });
    out.push(if exp < 0 { b'-' } else { b'+' });
    let exp = exp.unsigned_abs();
    if exp >= 1000 {
        out.push(b'0' + (exp / 1000) as u8);
    }
    if exp >= 100 {
        out.push(b'0' + (exp / 100 % 10) as u8);
    }
    out.push(b'0' + (exp / 10 % 10) as u8);
    out.push(b'0' + (exp % 10) as u8);
}

/// `strconv.FormatComplex(c, fmt, prec, bitsize)` with `bitsize` 64 (complex64: float32 parts)
/// or 128: `(re±imi)`, the imaginary part always signed. Also the runtime's `println` of a
/// complex value (`fmt = b'g'`, `prec = -1`).
pub fn format_complex(re: f64, im: f64, fmt: u8, prec: i32, bitsize: u32) -> String {
    assert!(bitsize == 64 || bitsize == 128, "invalid bitSize");
    let size = bitsize / 2;
    let mut out = vec![b'('];
    append_float(&mut out, re, fmt, prec, size);
    let i = out.len();
    append_float(&mut out, im, fmt, prec, size);
    if out[i] != b'+' && out[i] != b'-' {
        out.insert(i, b'+');
    }
    out.extend_from_slice(b"i)");
    into_string(out)
}

// ───────────────────────────── integers ─────────────────────────────

/// `strconv.FormatInt(i, base)`, lowercase digits. `base` must be in 2..=36 (Go panics with
/// `strconv: illegal AppendInt/FormatInt base` otherwise; callers check first).
pub fn format_int(i: i64, base: u32) -> String {
    let mut out = Vec::with_capacity(20);
    append_int(&mut out, i, base);
    into_string(out)
}

/// `strconv.FormatUint(u, base)`; `base` in 2..=36.
pub fn format_uint(u: u64, base: u32) -> String {
    let mut out = Vec::with_capacity(20);
    append_uint(&mut out, u, base);
    into_string(out)
}

/// `strconv.AppendInt`.
pub fn append_int(out: &mut Vec<u8>, i: i64, base: u32) {
    if i < 0 {
        out.push(b'-');
    }
    append_uint(out, i.unsigned_abs(), base);
}

/// `strconv.AppendUint`.
pub fn append_uint(out: &mut Vec<u8>, mut u: u64, base: u32) {
    assert!(
        (2..=36).contains(&base),
        "strconv: illegal AppendInt/FormatInt base"
    );
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    let b = base as u64;
    while u >= b {
        i -= 1;
        buf[i] = DIGITS36[(u % b) as usize];
        u /= b;
    }
    i -= 1;
    buf[i] = DIGITS36[u as usize];
    out.extend_from_slice(&buf[i..]);
}

/// `strconv.FormatBool`.
pub fn format_bool(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

// ───────────────────────────── quoting ─────────────────────────────

/// `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and U+0020 (Unicode 17,
/// the table Go 1.27 ships). Negative or out-of-range values are not printable.
pub fn is_print(r: i32) -> bool {
    if (0x20..0x7F).contains(&r) {
        return true;
    }
    if r < 0 {
        return false;
    }
    let r = r as u32;
    PRINT_RANGES
        .binary_search_by(|&(lo, hi)| {
            if hi < r {
                std::cmp::Ordering::Less
            } else if lo > r {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The spaces `strconv.IsGraphic` accepts beyond [`is_print`] (Unicode category Zs).
fn is_in_graphic_list(r: i32) -> bool {
    matches!(
        r,
        0xA0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000
    )
}

/// `strconv.IsGraphic`: [`is_print`] plus the other Unicode space characters.
pub fn is_graphic(r: i32) -> bool {
    is_print(r) || is_in_graphic_list(r)
}

/// The escape of one rune inside a quoted literal, as `appendEscapedRune` writes it.
fn append_escaped_rune(out: &mut Vec<u8>, r: i32, quote: u8, ascii_only: bool, graphic_only: bool) {
    if r == quote as i32 || r == '\\' as i32 {
        out.push(b'\\');
        out.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            out.push(r as u8);
            return;
        }
    } else if is_print(r) || graphic_only && is_in_graphic_list(r) {
        append_rune(out, r as i64);
        return;
    }
    match r {
        0x07 => out.extend_from_slice(b"\\a"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0C => out.extend_from_slice(b"\\f"),
        0x0A => out.extend_from_slice(b"\\n"),
        0x0D => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0x0B => out.extend_from_slice(b"\\v"),
        _ if (0..0x20).contains(&r) || r == 0x7F => {
            out.extend_from_slice(&[
                b'\\',
                b'x',
                LOWERHEX[(r >> 4) as usize],
                LOWERHEX[(r & 15) as usize],
            ]);
        }
        _ => {
            let r = if valid_rune(r as i64) {
                r as u32
            } else {
                RUNE_ERROR
            };
            let (tag, n) = if r < 0x10000 { (b'u', 4) } else { (b'U', 8) };
            out.push(b'\\');
            out.push(tag);
            for k in (0..n).rev() {
                out.push(LOWERHEX[((r >> (4 * k)) & 15) as usize]);
            }
        }
    }
}

/// `appendQuotedWith`: `s` between `quote`s, invalid UTF-8 bytes as `\xNN`.
pub fn append_quoted_with(
    out: &mut Vec<u8>,
    mut s: &[u8],
    quote: u8,
    ascii_only: bool,
    graphic_only: bool,
) {
    out.reserve(s.len() + 2);
    out.push(quote);
    while !s.is_empty() {
        let (r, width) = if s[0] < 0x80 {
            (s[0] as u32, 1)
        } else {
            decode_rune(s)
        };
        if width == 1 && r == RUNE_ERROR {
            out.extend_from_slice(&[
                b'\\',
                b'x',
                LOWERHEX[(s[0] >> 4) as usize],
                LOWERHEX[(s[0] & 15) as usize],
            ]);
        } else {
            append_escaped_rune(out, r as i32, quote, ascii_only, graphic_only);
        }
        s = &s[width..];
    }
    out.push(quote);
}

/// `appendQuotedRuneWith`: an invalid rune (surrogate, negative, > U+10FFFF) quotes as U+FFFD.
fn append_quoted_rune_with(out: &mut Vec<u8>, r: i32, ascii_only: bool, graphic_only: bool) {
    let r = if valid_rune(r as i64) {
        r
    } else {
        RUNE_ERROR as i32
    };
    out.push(b'\'');
    append_escaped_rune(out, r, b'\'', ascii_only, graphic_only);
    out.push(b'\'');
}

/// `strconv.Quote`: a double-quoted Go string literal; printable runes kept as they are.
pub fn quote(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    append_quoted_with(&mut out, s, b'"', false, false);
    into_string(out)
}

/// `strconv.QuoteToASCII` (what `%+q` prints): every non-ASCII rune escaped.
pub fn quote_to_ascii(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    append_quoted_with(&mut out, s, b'"', true, false);
    into_string(out)
}

/// `strconv.QuoteToGraphic`: like [`quote`] but Unicode spaces are kept too.
pub fn quote_to_graphic(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    append_quoted_with(&mut out, s, b'"', false, true);
    into_string(out)
}

/// `strconv.AppendQuoteRune` etc.: `r` as a single-quoted Go rune literal.
pub fn append_quote_rune(out: &mut Vec<u8>, r: i32, ascii_only: bool, graphic_only: bool) {
    append_quoted_rune_with(out, r, ascii_only, graphic_only);
}

/// `strconv.QuoteRune`.
pub fn quote_rune(r: i32) -> String {
    let mut out = Vec::with_capacity(8);
    append_quoted_rune_with(&mut out, r, false, false);
    into_string(out)
}

/// `strconv.QuoteRuneToASCII` (what `%+q` of a rune prints).
pub fn quote_rune_to_ascii(r: i32) -> String {
    let mut out = Vec::with_capacity(12);
    append_quoted_rune_with(&mut out, r, true, false);
    into_string(out)
}

/// `strconv.QuoteRuneToGraphic`.
pub fn quote_rune_to_graphic(r: i32) -> String {
    let mut out = Vec::with_capacity(8);
    append_quoted_rune_with(&mut out, r, false, true);
    into_string(out)
}

/// `strconv.CanBackquote`: valid UTF-8 without a BOM, backquote, DEL or control character
/// other than tab (so `%#q` may print it raw).
pub fn can_backquote(mut s: &[u8]) -> bool {
    while !s.is_empty() {
        let (r, width) = decode_rune(s);
        s = &s[width..];
        if width > 1 {
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == RUNE_ERROR || (r < 0x20 && r != 0x09) || r == 0x60 || r == 0x7F {
            return false;
        }
    }
    true
}
