//! One `fmt` directive (flags, width, precision, verb) applied to one Rust primitive → the bytes
//! Go 1.27's `fmt` prints for it: bools, integers (`%d %b %o %O %x %X %c %q %U %v`), floats and
//! complex numbers (`%e %E %f %F %g %G %x %X %b %v`), strings and byte slices
//! (`%s %q %x %X %v`), with Go's padding rules (width counts runes; `0` pads after the sign).
//!
//! This mirrors `fmt/format.go` plus the per-kind verb switches of `fmt/print.go`; parsing the
//! format string, argument indexes, `*` widths, `%!verb(type=value)` errors, Stringer/error
//! methods and composite values belong to the caller. A `false` return means "bad verb for
//! this kind": nothing was written and the caller prints Go's `%!v(T=...)` form.

use super::strconv::{
    append_float, append_quote_rune, append_quoted_with, can_backquote, is_print,
};
use super::utf8::{append_rune, decode_rune, rune_count, MAX_RUNE, RUNE_ERROR};

const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";

/// The flags of one directive, as `fmt` holds them after parsing. For verb `v`, Go moves `#`
/// into `sharp_v` and `+` into `plus_v` (and clears `sharp`/`plus`); the caller does the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `+`: always print a sign (numbers); ASCII-only quoting (`%+q`).
    pub plus: bool,
    /// `-`: pad on the right.
    pub minus: bool,
    /// `#`: alternate form (`0x`, leading `0`, kept trailing zeros, backquoted `%#q`, `%#U`).
    pub sharp: bool,
    /// ` `: a space where a `+` sign would go; spaces between bytes in `% x`.
    pub space: bool,
    /// `0`: pad with leading zeros (after any sign); ignored on the right.
    pub zero: bool,
    /// `%+v` (struct field names); integers, floats and strings ignore it.
    pub plus_v: bool,
    /// `%#v` (Go syntax): unsigned integers print as `0x..`, strings quoted.
    pub sharp_v: bool,
}

/// One directive's flags, width and precision (`None` when absent; Go's `%.d` is `Some(0)`).
/// Go's parser treats a literal width or precision above 10⁶ as absent, and a negative `*`
/// width as `-` plus its magnitude; that is the caller's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spec {
    pub flags: Flags,
    pub width: Option<usize>,
    pub prec: Option<usize>,
}

impl Spec {
    fn wid(&self) -> usize {
        self.width.unwrap_or(0)
    }
}

/// `n` padding bytes: zeros when `zero` (callers pass `zero && !minus`), else spaces.
fn write_padding(out: &mut Vec<u8>, n: usize, zero: bool) {
    out.resize(out.len() + n, if zero { b'0' } else { b' ' });
}

/// Go's `fmt.pad`: `s` padded to `width` runes, on the left (zeros if `zero` and not `minus`)
/// or, with `minus`, on the right with spaces. No width or width 0 writes `s` as is.
pub fn pad(out: &mut Vec<u8>, s: &[u8], width: Option<usize>, minus: bool, zero: bool) {
    let w = width.unwrap_or(0);
    if w == 0 {
        out.extend_from_slice(s);
        return;
    }
    let n = w.saturating_sub(rune_count(s));
    if minus {
        out.extend_from_slice(s);
        write_padding(out, n, false);
    } else {
        write_padding(out, n, zero);
        out.extend_from_slice(s);
    }
}

fn pad_spec(out: &mut Vec<u8>, s: &[u8], spec: &Spec) {
    pad(out, s, spec.width, spec.flags.minus, spec.flags.zero);
}

/// [`pad`] with the `0` flag ignored, as Go does for numbers already zero-filled and for `%U`.
fn pad_no_zero(out: &mut Vec<u8>, s: &[u8], spec: &Spec) {
    pad(out, s, spec.width, spec.flags.minus, false);
}

// ───────────────────────────── bool ─────────────────────────────

/// `%t` / `%v` of a bool.
pub fn fmt_bool(out: &mut Vec<u8>, b: bool, verb: u8, spec: &Spec) -> bool {
    if verb != b't' && verb != b'v' {
        return false;
    }
    pad_spec(out, if b { b"true" } else { b"false" }, spec);
    true
}

// ───────────────────────────── integers ─────────────────────────────

/// An integer under `verb` (`v d b o O x X c q U`). `v` holds the value's bits widened to 64:
/// sign-extended when `signed` (Go's `uint64(int8(-1))`), zero-extended otherwise; `%c %q %U`
/// read those bits as an unsigned code point, as Go does.
pub fn fmt_integer(out: &mut Vec<u8>, v: u64, signed: bool, verb: u8, spec: &Spec) -> bool {
    match verb {
        b'v' if spec.flags.sharp_v && !signed => fmt_0x64(out, v, true, spec),
        b'v' | b'd' => integer(out, v, 10, signed, verb, LDIGITS, spec),
        b'b' => integer(out, v, 2, signed, verb, LDIGITS, spec),
        b'o' | b'O' => integer(out, v, 8, signed, verb, LDIGITS, spec),
        b'x' => integer(out, v, 16, signed, verb, LDIGITS, spec),
        b'X' => integer(out, v, 16, signed, verb, UDIGITS, spec),
        b'c' => fmt_c(out, v, spec),
        b'q' => fmt_qc(out, v, spec),
        b'U' => fmt_unicode(out, v, spec),
        _ => return false,
    }
    true
}

/// `fmt0x64`: `v` in lowercase hex, with a `0x` prefix iff `leading_0x` (the `#` flag is
/// replaced). Used for `%#v` of unsigned integers and for pointers (`%p`, `%v` of a pointer).
pub fn fmt_0x64(out: &mut Vec<u8>, v: u64, leading_0x: bool, spec: &Spec) {
    let mut s = *spec;
    s.flags.sharp = leading_0x;
    integer(out, v, 16, false, b'v', LDIGITS, &s);
}

/// Go's `fmt.fmtInteger`: sign, prefixes, minimum digits from the precision (or from the width
/// with the `0` flag), then space padding.
fn integer(
    out: &mut Vec<u8>,
    v: u64,
    base: u64,
    signed: bool,
    verb: u8,
    digits: &[u8; 17],
    spec: &Spec,
) {
    let f = &spec.flags;
    let negative = signed && (v as i64) < 0;
    let mut u = if negative { v.wrapping_neg() } else { v };
    // Two ways to ask for leading zeros: %.3d or %03d; with both, the 0 flag is ignored.
    let mut prec = 0usize;
    if let Some(p) = spec.prec {
        prec = p;
        if p == 0 && u == 0 {
            write_padding(out, spec.wid(), false);
            return;
        }
    } else if f.zero && !f.minus && spec.width.is_some() {
        prec = spec.wid();
        if negative || f.plus || f.space {
            prec = prec.saturating_sub(1); // room for the sign
        }
    }
    let mut buf = [0u8; 64];
    let mut i = buf.len();
    while u >= base {
        i -= 1;
        buf[i] = digits[(u % base) as usize];
        u /= base;
    }
    i -= 1;
    buf[i] = digits[u as usize];
    let body = &buf[i..];
    let zeros = prec.saturating_sub(body.len());

    let mut num: Vec<u8> = Vec::with_capacity(body.len() + zeros + 5);
    if negative {
        num.push(b'-');
    } else if f.plus {
        num.push(b'+');
    } else if f.space {
        num.push(b' ');
    }
    if verb == b'O' {
        num.extend_from_slice(b"0o");
    }
    if f.sharp {
        match base {
            2 => num.extend_from_slice(b"0b"),
            8 if zeros == 0 && body[0] != b'0' => num.push(b'0'),
            16 => num.extend_from_slice(&[b'0', digits[16]]),
            _ => {}
        }
    }
    num.resize(num.len() + zeros, b'0');
    num.extend_from_slice(body);
    pad_no_zero(out, &num, spec);
}

/// The code point a `%c`/`%q` argument names: values beyond U+10FFFF become U+FFFD.
fn rune_of(c: u64) -> i32 {
    if c > MAX_RUNE as u64 {
        RUNE_ERROR as i32
    } else {
        c as i32
    }
}

/// `%c`: the character (U+FFFD for surrogates and out-of-range values), padded.
fn fmt_c(out: &mut Vec<u8>, c: u64, spec: &Spec) {
    let mut buf = Vec::with_capacity(4);
    append_rune(&mut buf, rune_of(c) as i64);
    pad_spec(out, &buf, spec);
}

/// `%q` of an integer: a single-quoted rune literal (`%+q`: ASCII only), padded.
fn fmt_qc(out: &mut Vec<u8>, c: u64, spec: &Spec) {
    let mut buf = Vec::with_capacity(12);
    append_quote_rune(&mut buf, rune_of(c), spec.flags.plus, false);
    pad_spec(out, &buf, spec);
}

/// `%U`: `U+0041`, at least 4 (or the precision's) hex digits; `%#U` adds ` 'A'` when printable.
fn fmt_unicode(out: &mut Vec<u8>, u: u64, spec: &Spec) {
    let prec = spec.prec.filter(|&p| p > 4).unwrap_or(4);
    let mut hex = [0u8; 16];
    let mut i = hex.len();
    let mut x = u;
    loop {
        i -= 1;
        hex[i] = UDIGITS[(x & 15) as usize];
        x >>= 4;
        if x == 0 {
            break;
        }
    }
    let hex = &hex[i..];
    let mut buf = Vec::with_capacity(prec + 10);
    buf.extend_from_slice(b"U+");
    buf.resize(buf.len() + prec.saturating_sub(hex.len()), b'0');
    buf.extend_from_slice(hex);
    if spec.flags.sharp && u <= MAX_RUNE as u64 && is_print(u as i32) {
        buf.extend_from_slice(b" '");
        append_rune(&mut buf, u as i64);
        buf.push(b'\'');
    }
    pad_no_zero(out, &buf, spec);
}

// ───────────────────────────── floats ─────────────────────────────

/// A float under `verb` (`v b g G x X e E f F`); `bitsize` 32 for float32 (shortest digits of
/// the float32), else 64. `%v` is `%g` with the shortest digits, `%e %f` default to 6 digits.
pub fn fmt_float(out: &mut Vec<u8>, v: f64, bitsize: u32, verb: u8, spec: &Spec) -> bool {
    let (verb, prec) = match verb {
        b'v' => (b'g', -1),
        b'b' | b'g' | b'G' | b'x' | b'X' => (verb, -1),
        b'f' | b'e' | b'E' => (verb, 6),
        b'F' => (b'f', 6),
        _ => return false,
    };
    float(
        out,
        v,
        if bitsize == 32 { 32 } else { 64 },
        verb,
        prec,
        spec,
    );
    true
}

/// A complex number under `verb` (the float verbs): `(re±imi)`, each part padded on its own and
/// the imaginary part always signed. `bitsize` is 64 (complex64) or 128.
pub fn fmt_complex(
    out: &mut Vec<u8>,
    re: f64,
    im: f64,
    bitsize: u32,
    verb: u8,
    spec: &Spec,
) -> bool {
    if !matches!(
        verb,
        b'v' | b'b' | b'g' | b'G' | b'x' | b'X' | b'f' | b'F' | b'e' | b'E'
    ) {
        return false;
    }
    let size = if bitsize == 64 { 32 } else { 64 };
    out.push(b'(');
    fmt_float(out, re, size, verb, spec);
    let mut im_spec = *spec;
    im_spec.flags.plus = true;
    fmt_float(out, im, size, verb, &im_spec);
    out.extend_from_slice(b"i)");
    true
}

/// Go's `fmt.fmtFloat` for a strconv verb and default precision.
fn float(out: &mut Vec<u8>, v: f64, bitsize: u32, verb: u8, prec: i32, spec: &Spec) {
    let f = &spec.flags;
    let prec = spec.prec.map_or(prec, |p| p.min(i32::MAX as usize) as i32);
    // Format with a leading sign slot.
    let mut num = Vec::with_capacity(32);
    num.push(b'+');
    append_float(&mut num, v, verb, prec, bitsize);
    if num[1] == b'-' || num[1] == b'+' {
        num.remove(0);
    }
    if f.space && num[0] == b'+' && !f.plus {
        num[0] = b' ';
    }
    // Infinities and NaN are not padded with zeros; NaN shows a sign only if asked.
    if num[1] == b'I' || num[1] == b'N' {
        let start = usize::from(num[1] == b'N' && !f.space && !f.plus);
        pad_no_zero(out, &num[start..], spec);
        return;
    }
    // '#' forces a decimal point and keeps trailing zeros (to `prec` significant digits for
    // %g and %x, 6 by default).
    if f.sharp && verb != b'b' {
        let mut digits = match verb {
            b'v' | b'g' | b'G' | b'x' => {
                if prec == -1 {
                    6
                } else {
                    prec as i64
                }
            }
            _ => 0,
        };
        let mut tail = Vec::new();
        let mut has_point = false;
        let mut saw_nonzero = false;
        let mut i = 1;
        while i < num.len() {
            match num[i] {
                b'.' => has_point = true,
                b'p' | b'P' => tail.extend(num.drain(i..)),
                b'e' | b'E' if verb != b'x' && verb != b'X' => tail.extend(num.drain(i..)),
                c => {
                    saw_nonzero |= c != b'0';
                    if saw_nonzero {
                        digits -= 1;
                    }
                }
            }
            i += 1;
        }
        if !has_point {
            // A lone leading 0 counts as one digit.
            if num.len() == 2 && num[1] == b'0' {
                digits -= 1;
            }
            num.push(b'.');
        }
        if digits > 0 {
            num.resize(num.len() + digits as usize, b'0');
        }
        num.extend_from_slice(&tail);
    }
    if f.plus || num[0] != b'+' {
        // Zero padding goes between the sign and the digits.
        if f.zero && !f.minus && spec.wid() > num.len() {
            out.push(num[0]);
            write_padding(out, spec.wid() - num.len(), true);
            out.extend_from_slice(&num[1..]);
            return;
        }
        pad_spec(out, &num, spec);
        return;
    }
    pad_spec(out, &num[1..], spec);
}

// ───────────────────────────── strings ─────────────────────────────

/// A string or byte slice under `verb` (`v s q x X`). `%v` is `%s`, or `%q` under `%#v`. (For
/// a `[]byte`, `%v` and `%d` print a number list; that is the caller's.)
pub fn fmt_string(out: &mut Vec<u8>, s: &[u8], verb: u8, spec: &Spec) -> bool {
    match verb {
        b'v' if spec.flags.sharp_v => fmt_q(out, s, spec),
        b'v' | b's' => pad_spec(out, truncate(s, spec.prec), spec),
        b'x' => fmt_sx(out, s, LDIGITS, spec),
        b'X' => fmt_sx(out, s, UDIGITS, spec),
        b'q' => fmt_q(out, s, spec),
        _ => return false,
    }
    true
}

/// `s` cut to at most `prec` runes (invalid bytes count as one rune each).
fn truncate(s: &[u8], prec: Option<usize>) -> &[u8] {
    let Some(mut n) = prec else { return s };
    let mut i = 0;
    while i < s.len() {
        if n == 0 {
            return &s[..i];
        }
        n -= 1;
        i += if s[i] < 0x80 {
            1
        } else {
            decode_rune(&s[i..]).1
        };
    }
    s
}

/// `%q` of a string: truncated to the precision, then backquoted under `#` when
/// `CanBackquote`, else double-quoted (`+`: ASCII only); padded.
fn fmt_q(out: &mut Vec<u8>, s: &[u8], spec: &Spec) {
    let s = truncate(s, spec.prec);
    let mut buf = Vec::with_capacity(s.len() + 2);
    if spec.flags.sharp && can_backquote(s) {
        buf.push(b'`');
        buf.extend_from_slice(s);
        buf.push(b'`');
    } else {
        append_quoted_with(&mut buf, s, b'"', spec.flags.plus, false);
    }
    pad_spec(out, &buf, spec);
}

/// `%x`/`%X` of a string: two hex digits per byte (the precision counts bytes); `% x` separates
/// bytes with spaces, `%#x` adds `0x` once (or, with the space flag, to every byte).
fn fmt_sx(out: &mut Vec<u8>, s: &[u8], digits: &[u8; 17], spec: &Spec) {
    let f = &spec.flags;
    let length = spec.prec.map_or(s.len(), |p| p.min(s.len()));
    let mut width = 2 * length;
    if width == 0 {
        if spec.width.is_some() {
            write_padding(out, spec.wid(), f.zero && !f.minus);
        }
        return;
    }
    if f.space {
        if f.sharp {
            width *= 2;
        }
        width += length - 1;
    } else if f.sharp {
        width += 2;
    }
    let padding = spec.wid().saturating_sub(width);
    if !f.minus {
        write_padding(out, padding, f.zero);
    }
    if f.sharp {
        out.extend_from_slice(&[b'0', digits[16]]);
    }
    for (i, &c) in s[..length].iter().enumerate() {
        if f.space && i > 0 {
            out.push(b' ');
            if f.sharp {
                out.extend_from_slice(&[b'0', digits[16]]);
            }
        }
        out.extend_from_slice(&[digits[(c >> 4) as usize], digits[(c & 15) as usize]]);
    }
    if f.minus {
        write_padding(out, padding, false);
    }
}
