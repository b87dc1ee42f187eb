//! `strconv` natives: parsing with Go's exact results and `*strconv.NumError` errors
//! (`strconv.Atoi: parsing "x": invalid syntax`), formatting through `stdlib/strconv.rs`.

use super::{f64_of, int, ret, rune, string, NativeCtx, NativeError, NativeFn, StdTypes};
use crate::runtime::gc::{Ref, REFS};
use crate::stdlib::strconv as fmtconv;
use crate::vm::value::{self, str_bytes};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "strconv.Itoa" => itoa,
        "strconv.Atoi" => atoi,
        "strconv.ParseInt" => parse_int_native,
        "strconv.ParseUint" => parse_uint_native,
        "strconv.ParseFloat" => parse_float_native,
        "strconv.ParseBool" => parse_bool_native,
        "strconv.FormatInt" => format_int,
        "strconv.FormatUint" => format_uint,
        "strconv.FormatFloat" => format_float,
        "strconv.FormatBool" => format_bool,
        "strconv.Quote" => |c, a| quote_with(c, a, fmtconv::quote),
        "strconv.QuoteToASCII" => |c, a| quote_with(c, a, fmtconv::quote_to_ascii),
        "strconv.QuoteRune" => |c, a| {
            let q = fmtconv::quote_rune(rune(a[0]));
            a[0] = string(c.m, q.as_bytes());
            Ok(())
        },
        "strconv.QuoteRuneToASCII" => |c, a| {
            let q = fmtconv::quote_rune_to_ascii(rune(a[0]));
            a[0] = string(c.m, q.as_bytes());
            Ok(())
        },
        "strconv.AppendInt" => append_int,
        "strconv.AppendQuote" => |c, a| {
            let q = fmtconv::quote(str_bytes(a[1]));
            a[0] = super::append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.(*NumError).Error" => num_error_error,
        "strconv.(*NumError).Unwrap" => |_, a| {
            if a[0] == 0 {
                return Err(super::nil_deref());
            }
            a[0] = value::load(value::obj(a[0]), 2, true);
            Ok(())
        },
        "strconv.ErrSyntax" => |c, a| {
            a[0] = err_word(c, Kind::Syntax);
            Ok(())
        },
        "strconv.ErrRange" => |c, a| {
            a[0] = err_word(c, Kind::Range);
            Ok(())
        },
        _ => return None,
    })
}

/// Why a parse failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    Syntax,
    Range,
    /// `invalid base N`, `invalid bit size N`.
    Other(String),
}

impl Kind {
    fn text(&self) -> &str {
        match self {
            Kind::Syntax => "invalid syntax",
            Kind::Range => "value out of range",
            Kind::Other(s) => s,
        }
    }
}

/// A parse error as Go's `NumError` holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct NumErr {
    pub func: &'static str,
    pub num: Vec<u8>,
    pub kind: Kind,
}

pub(super) fn err_word(ctx: &mut NativeCtx, k: Kind) -> u64 {
    let known = match k {
        Kind::Syntax => ctx.std.err_syntax,
        Kind::Range => ctx.std.err_range,
        Kind::Other(_) => 0,
    };
    if known != 0 {
        return known;
    }
    super::new_error_string(ctx.m, ctx.std, k.text().as_bytes())
}

/// A `*strconv.NumError` as an `error` interface word.
pub(super) fn num_error(ctx: &mut NativeCtx, e: NumErr) -> u64 {
    let f = string(ctx.m, e.func.as_bytes());
    let n = string(ctx.m, &e.num);
    let err = err_word(ctx, e.kind);
    let o = ctx.m.alloc(&REFS, 3);
    value::store(o, 0, f, true);
    value::store(o, 1, n, true);
    value::store(o, 2, err, true);
    value::new_iface(ctx.m, ctx.std.num_error_ptr, o.word(), true)
}

/// `(*NumError).Error` of a NumError object, when its `Err`'s text is known to natives.
pub(super) fn num_error_text(std: &StdTypes, o: Ref) -> Option<Vec<u8>> {
    let func = str_bytes(value::load(o, 0, true));
    let num = str_bytes(value::load(o, 1, true));
    let err = value::load(o, 2, true);
    let etext = super::error_text(std, err)?;
    let mut out = b"strconv.".to_vec();
    out.extend_from_slice(func);
    out.extend_from_slice(b": parsing ");
    out.extend_from_slice(fmtconv::quote(num).as_bytes());
    out.extend_from_slice(b": ");
    out.extend_from_slice(&etext);
    Some(out)
}

fn num_error_error(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    if a[0] == 0 {
        return Err(super::nil_deref());
    }
    let o = value::obj(a[0]);
    if value::load(o, 2, true) == 0 {
        // e.Err.Error() on a nil interface.
        return Err(super::nil_deref());
    }
    let text = num_error_text(ctx.std, o).ok_or_else(|| {
        NativeError::Panic(
            "gol: (*strconv.NumError).Error with an Err of a type natives cannot call".into(),
        )
    })?;
    a[0] = string(ctx.m, &text);
    Ok(())
}

// ------------------------------------------------------------------ parsing (pure)

fn lower(c: u8) -> u8 {
    c | 0x20
}

/// Go's `underscoreOK`: underscores only between digits (or after a base prefix).
fn underscore_ok(s: &[u8]) -> bool {
    let mut saw = b'^';
    let mut i = 0;
    let mut s = s;
    if !s.is_empty() && (s[0] == b'-' || s[0] == b'+') {
        s = &s[1..];
    }
    let mut hex = false;
    if s.len() >= 2 && s[0] == b'0' && matches!(lower(s[1]), b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = lower(s[1]) == b'x';
    }
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() || hex && (b'a'..=b'f').contains(&lower(c)) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

/// `strconv.ParseUint`.
pub fn parse_uint(s0: &[u8], base: i64, bit_size: i64) -> Result<u64, (u64, NumErr)> {
    const F: &str = "ParseUint";
    let err = |v: u64, kind: Kind| {
        Err((
            v,
            NumErr {
                func: F,
                num: s0.to_vec(),
                kind,
            },
        ))
    };
    if s0.is_empty() {
        return err(0, Kind::Syntax);
    }
    let base0 = base == 0;
    let mut s = s0;
    let mut base = base;
    if base == 0 {
        base = 10;
        if s[0] == b'0' {
            if s.len() >= 3 && lower(s[1]) == b'b' {
                base = 2;
                s = &s[2..];
            } else if s.len() >= 3 && lower(s[1]) == b'o' {
                base = 8;
                s = &s[2..];
            } else if s.len() >= 3 && lower(s[1]) == b'x' {
                base = 16;
                s = &s[2..];
            } else {
                base = 8;
                s = &s[1..];
            }
        }
    } else if !(2..=36).contains(&base) {
        return err(0, Kind::Other(format!("invalid base {base}")));
    }
    let bit_size = if bit_size == 0 {
        64
    } else if !(0..=64).contains(&bit_size) {
        return err(0, Kind::Other(format!("invalid bit size {bit_size}")));
    } else {
        bit_size
    };
    let base = base as u64;
    let cutoff = u64::MAX / base + 1;
    let max_val = if bit_size == 64 {
        u64::MAX
    } else {
        (1u64 << bit_size) - 1
    };
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in s {
        let d = if c == b'_' && base0 {
            underscores = true;
            continue;
        } else if c.is_ascii_digit() {
            c - b'0'
        } else if lower(c).is_ascii_lowercase() {
            lower(c) - b'a' + 10
        } else {
            return err(0, Kind::Syntax);
        };
        if d as u64 >= base {
            return err(0, Kind::Syntax);
        }
        if n >= cutoff {
            return err(max_val, Kind::Range);
        }
        n *= base;
        let n1 = n.wrapping_add(d as u64);
        if n1 < n || n1 > max_val {
            return err(max_val, Kind::Range);
        }
        n = n1;
    }
    if underscores && !underscore_ok(s0) {
        return err(0, Kind::Syntax);
    }
    Ok(n)
}

/// `strconv.ParseInt`; on error, the value Go returns with it.
pub fn parse_int(s0: &[u8], base: i64, bit_size: i64) -> Result<i64, (i64, NumErr)> {
    const F: &str = "ParseInt";
    if s0.is_empty() {
        return Err((
            0,
            NumErr {
                func: F,
                num: vec![],
                kind: Kind::Syntax,
            },
        ));
    }
    let (neg, s) = match s0[0] {
        b'+' => (false, &s0[1..]),
        b'-' => (true, &s0[1..]),
        _ => (false, s0),
    };
    let un = match parse_uint(s, base, bit_size) {
        Ok(u) => u,
        Err((_, e)) if e.kind != Kind::Range => {
            return Err((
                0,
                NumErr {
                    func: F,
                    num: s0.to_vec(),
                    kind: e.kind,
                },
            ))
        }
        Err((u, _)) => u,
    };
    let bit_size = if bit_size == 0 { 64 } else { bit_size };
    let cutoff = 1u64 << (bit_size - 1);
    let range = |v: i64| {
        Err((
            v,
            NumErr {
                func: F,
                num: s0.to_vec(),
                kind: Kind::Range,
            },
        ))
    };
    if !neg && un >= cutoff {
        return range((cutoff - 1) as i64);
    }
    if neg && un > cutoff {
        return range((cutoff as i64).wrapping_neg());
    }
    let n = un as i64;
    Ok(if neg { n.wrapping_neg() } else { n })
}

/// `strconv.ParseBool`.
pub fn parse_bool(s: &[u8]) -> Result<bool, NumErr> {
    match s {
        b"1" | b"t" | b"T" | b"TRUE" | b"true" | b"True" => Ok(true),
        b"0" | b"f" | b"F" | b"FALSE" | b"false" | b"False" => Ok(false),
        _ => Err(NumErr {
            func: "ParseBool",
            num: s.to_vec(),
            kind: Kind::Syntax,
        }),
    }
}

fn common_prefix_len_ignore_case(s: &[u8], prefix: &[u8]) -> usize {
    s.iter()
        .zip(prefix)
        .take_while(|(a, b)| lower(**a) == **b)
        .count()
}

/// Go's `special`: `[+-]inf`, `[+-]infinity`, `nan` (any case) → (value, bytes consumed).
fn special(s: &[u8]) -> Option<(f64, usize)> {
    let (sign, nsign, rest) = match s.first()? {
        b'+' => (1.0, 1, &s[1..]),
        b'-' => (-1.0, 1, &s[1..]),
        b'n' | b'N' => {
            return (common_prefix_len_ignore_case(s, b"nan") == 3).then_some((f64::NAN, 3));
        }
        _ => (1.0, 0, s),
    };
    if !matches!(rest.first(), Some(b'i' | b'I')) {
        return None;
    }
    let mut n = common_prefix_len_ignore_case(rest, b"infinity");
    if 3 < n && n < 8 {
        n = 3;
    }
    (n == 3 || n == 8).then_some((sign * f64::INFINITY, nsign + n))
}

struct ReadFloat {
    mantissa: u64,
    exp: i64,
    neg: bool,
    trunc: bool,
    hex: bool,
    /// Bytes consumed.
    n: usize,
}

/// Go's `readFloat`: the longest prefix that is a float literal.
fn read_float(s: &[u8]) -> Option<ReadFloat> {
    let mut r = ReadFloat {
        mantissa: 0,
        exp: 0,
        neg: false,
        trunc: false,
        hex: false,
        n: 0,
    };
    let mut i = 0;
    let mut underscores = false;
    if i >= s.len() {
        return None;
    }
    if s[i] == b'+' {
        i += 1;
    } else if s[i] == b'-' {
        r.neg = true;
        i += 1;
    }
    let mut base: u64 = 10;
    let mut max_mant_digits = 19;
    let mut exp_char = b'e';
    if i + 2 < s.len() && s[i] == b'0' && lower(s[i + 1]) == b'x' {
        base = 16;
        max_mant_digits = 16;
        i += 2;
        exp_char = b'p';
        r.hex = true;
    }
    let (mut sawdot, mut sawdigits) = (false, false);
    let (mut nd, mut nd_mant, mut dp): (i64, i64, i64) = (0, 0, 0);
    while i < s.len() {
        let c = s[i];
        if c == b'_' {
            underscores = true;
        } else if c == b'.' {
            if sawdot {
                break;
            }
            sawdot = true;
            dp = nd;
        } else if c.is_ascii_digit() {
            sawdigits = true;
            if c == b'0' && nd == 0 {
                dp -= 1;
            } else {
                nd += 1;
                if nd_mant < max_mant_digits {
                    r.mantissa = r.mantissa * base + (c - b'0') as u64;
                    nd_mant += 1;
                } else if c != b'0' {
                    r.trunc = true;
                }
            }
        } else if base == 16 && (b'a'..=b'f').contains(&lower(c)) {
            sawdigits = true;
            nd += 1;
            if nd_mant < max_mant_digits {
                r.mantissa = r.mantissa * 16 + (lower(c) - b'a' + 10) as u64;
                nd_mant += 1;
            } else {
                r.trunc = true;
            }
        } else {
            break;
        }
        i += 1;
    }
    if !sawdigits {
        return None;
    }
    if !sawdot {
        dp = nd;
    }
    if base == 16 {
        dp *= 4;
        nd_mant *= 4;
    }
    if i < s.len() && lower(s[i]) == exp_char {
        i += 1;
        if i >= s.len() {
            return None;
        }
        let mut esign = 1;
        if s[i] == b'+' {
            i += 1;
        } else if s[i] == b'-' {
            i += 1;
            esign = -1;
        }
        if i >= s.len() || !s[i].is_ascii_digit() {
            return None;
        }
        let mut e: i64 = 0;
        while i < s.len() && (s[i].is_ascii_digit() || s[i] == b'_') {
            if s[i] == b'_' {
                underscores = true;
            } else if e < 10000 {
                e = e * 10 + (s[i] - b'0') as i64;
            }
            i += 1;
        }
        dp += e * esign;
    } else if base == 16 {
        return None;
    }
    if r.mantissa != 0 {
        r.exp = dp - nd_mant;
    }
    if underscores && !underscore_ok(&s[..i]) {
        return None;
    }
    r.n = i;
    Some(r)
}

/// Go's `atofHex`: (value, overflowed).
fn atof_hex(r: &ReadFloat, f32: bool) -> (f64, bool) {
    let (mantbits, expbits, bias): (u32, u32, i64) =
        if f32 { (23, 8, -127) } else { (52, 11, -1023) };
    let max_exp = (1i64 << expbits) + bias - 2;
    let min_exp = bias + 1;
    let mut mantissa = r.mantissa;
    let mut exp = r.exp + mantbits as i64;
    while mantissa != 0 && mantissa >> (mantbits + 2) == 0 {
        mantissa <<= 1;
        exp -= 1;
    }
    if r.trunc {
        mantissa |= 1;
    }
    while mantissa >> (1 + mantbits + 2) != 0 {
        mantissa = mantissa >> 1 | mantissa & 1;
        exp += 1;
    }
    while mantissa > 1 && exp < min_exp - 2 {
        mantissa = mantissa >> 1 | mantissa & 1;
        exp += 1;
    }
    let mut round = mantissa & 3;
    mantissa >>= 2;
    round |= mantissa & 1;
    exp += 2;
    if round == 3 {
        mantissa += 1;
        if mantissa == 1 << (1 + mantbits) {
            mantissa >>= 1;
            exp += 1;
        }
    }
    if mantissa >> mantbits == 0 {
        exp = bias;
    }
    let mut overflow = false;
    if exp > max_exp {
        mantissa = 1 << mantbits;
        exp = max_exp + 1;
        overflow = true;
    }
    let mut bits = mantissa & ((1 << mantbits) - 1);
    bits |= (((exp - bias) & ((1 << expbits) - 1)) as u64) << mantbits;
    if r.neg {
        bits |= 1 << mantbits << expbits;
    }
    let v = if f32 {
        f32::from_bits(bits as u32) as f64
    } else {
        f64::from_bits(bits)
    };
    (v, overflow)
}

/// `strconv.ParseFloat`: the value, or the value Go returns with the error.
pub fn parse_float(s: &[u8], bit_size: i64) -> Result<f64, (f64, NumErr)> {
    match parse_float_prefix(s, bit_size) {
        Ok((_, n)) | Err((_, n, _)) if n != s.len() => Err((0.0, syntax_err("ParseFloat", s))),
        Ok((v, _)) => Ok(v),
        Err((v, _, e)) => Err((v, e)),
    }
}

fn syntax_err(func: &'static str, s: &[u8]) -> NumErr {
    NumErr {
        func,
        num: s.to_vec(),
        kind: Kind::Syntax,
    }
}

/// Go's `parseFloatPrefix`: the value of the longest float at the start of `s` and its length,
/// or the error (a syntax error when `s` starts with no float; a range error with Go's value,
/// after which the caller may still look at the rest).
pub(super) fn parse_float_prefix(
    s: &[u8],
    bit_size: i64,
) -> Result<(f64, usize), (f64, usize, NumErr)> {
    let f32 = bit_size == 32;
    let (v, n, overflow) = if let Some((v, n)) = special(s) {
        (v, n, false)
    } else {
        let Some(r) = read_float(s) else {
            return Err((0.0, 0, syntax_err("ParseFloat", s)));
        };
        if r.hex {
            let (v, o) = atof_hex(&r, f32);
            (v, r.n, o)
        } else {
            let text: String = s[..r.n]
                .iter()
                .filter(|&&c| c != b'_')
                .map(|&c| c as char)
                .collect();
            let v = if f32 {
                text.parse::<f32>().map(f64::from)
            } else {
                text.parse::<f64>()
            };
            let v = v.expect("a validated float literal");
            (v, r.n, v.is_infinite())
        }
    };
    if overflow {
        let e = NumErr {
            func: "ParseFloat",
            num: s.to_vec(),
            kind: Kind::Range,
        };
        return Err((v, n, e));
    }
    Ok((v, n))
}

// ------------------------------------------------------------------ natives

fn itoa(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let s = fmtconv::format_int(int(a[0]), 10);
    a[0] = string(ctx.m, s.as_bytes());
    Ok(())
}

fn atoi(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    match parse_int(str_bytes(a[0]), 10, 0) {
        Ok(v) => ret(a, &[v as u64, 0]),
        Err((v, mut e)) => {
            e.func = "Atoi";
            let err = num_error(ctx, e);
            ret(a, &[v as u64, err])
        }
    }
}

fn parse_int_native(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    match parse_int(str_bytes(a[0]), int(a[1]), int(a[2])) {
        Ok(v) => ret(a, &[v as u64, 0]),
        Err((v, e)) => {
            let err = num_error(ctx, e);
            ret(a, &[v as u64, err])
        }
    }
}

fn parse_uint_native(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    match parse_uint(str_bytes(a[0]), int(a[1]), int(a[2])) {
        Ok(v) => ret(a, &[v, 0]),
        Err((v, e)) => {
            let err = num_error(ctx, e);
            ret(a, &[v, err])
        }
    }
}

fn parse_float_native(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    match parse_float(str_bytes(a[0]), int(a[1])) {
        Ok(v) => ret(a, &[v.to_bits(), 0]),
        Err((v, e)) => {
            let err = num_error(ctx, e);
            ret(a, &[v.to_bits(), err])
        }
    }
}

fn parse_bool_native(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    match parse_bool(str_bytes(a[0])) {
        Ok(v) => ret(a, &[v as u64, 0]),
        Err(e) => {
            let err = num_error(ctx, e);
            ret(a, &[0, err])
        }
    }
}

pub(super) fn check_base(base: i64) -> Result<u32, NativeError> {
    if (2..=36).contains(&base) {
        Ok(base as u32)
    } else {
        Err(NativeError::Panic(
            "strconv: illegal AppendInt/FormatInt base".into(),
        ))
    }
}

fn format_int(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let base = check_base(int(a[1]))?;
    let s = fmtconv::format_int(int(a[0]), base);
    a[0] = string(ctx.m, s.as_bytes());
    Ok(())
}

fn format_uint(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let base = check_base(int(a[1]))?;
    let s = fmtconv::format_uint(a[0], base);
    a[0] = string(ctx.m, s.as_bytes());
    Ok(())
}

fn append_int(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let base = check_base(int(a[2]))?;
    let s = fmtconv::format_int(int(a[1]), base);
    a[0] = super::append_bytes(ctx.m, a[0], s.as_bytes());
    Ok(())
}

fn format_float(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let (f, fmt, prec, bits) = (f64_of(a[0]), a[1] as u8, int(a[2]), int(a[3]));
    let bits = match bits {
        32 => 32,
        64 => 64,
        _ => {
            return Err(NativeError::Panic(
                "strconv: illegal AppendFloat/FormatFloat bitSize".into(),
            ))
        }
    };
    let prec = prec.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    let s = fmtconv::format_float(f, fmt, prec, bits);
    a[0] = string(ctx.m, s.as_bytes());
    Ok(())
}

fn format_bool(ctx: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    a[0] = string(ctx.m, fmtconv::format_bool(a[0] != 0).as_bytes());
    Ok(())
}

fn quote_with(
    ctx: &mut NativeCtx,
    a: &mut [u64],
    f: fn(&[u8]) -> String,
) -> Result<(), NativeError> {
    let q = f(str_bytes(a[0]));
    a[0] = string(ctx.m, q.as_bytes());
    Ok(())
}
