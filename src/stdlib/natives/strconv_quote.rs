//! `strconv` natives for quoting and the names Go added around the core: Unquote,
//! UnquoteChar, QuotedPrefix, the *ToGraphic quotes, CanBackquote, IsPrint/IsGraphic, the
//! Append* forms, and FormatComplex/ParseComplex. Input: argument words; output: Go's results,
//! errors as `strconv.ErrSyntax` or `*strconv.NumError` words made by `strconv.rs`.

use super::strconv::{check_base, err_word, num_error, parse_float_prefix, Kind, NumErr};
use super::{append_bytes, f64_of, int, ret, rune, string, NativeCtx, NativeError, NativeFn};
use crate::stdlib::strconv as fmtconv;
use crate::stdlib::utf8::{append_rune, decode_rune, valid_rune};
use crate::vm::value::str_bytes;

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "strconv.Unquote" => |c: &mut NativeCtx, a: &mut [u64]| match unquote(str_bytes(a[0])) {
            Some(v) => {
                let s = string(c.m, &v);
                ret(a, &[s, 0])
            }
            None => syntax(c, a, 2),
        },
        "strconv.QuotedPrefix" => |c, a| {
            let s = str_bytes(a[0]);
            match unquote_prefix(s, false) {
                Some((_, n)) => {
                    let p = string(c.m, &s[..n]);
                    ret(a, &[p, 0])
                }
                None => syntax(c, a, 2),
            }
        },
        "strconv.UnquoteChar" => |c, a| {
            let s = str_bytes(a[0]);
            match unquote_char(s, a[1] as u8) {
                Some((r, multibyte, tail)) => {
                    let t = string(c.m, tail);
                    ret(a, &[r as u64, multibyte as u64, t, 0])
                }
                None => syntax(c, a, 4),
            }
        },
        "strconv.QuoteToGraphic" => |c, a| {
            a[0] = string(c.m, fmtconv::quote_to_graphic(str_bytes(a[0])).as_bytes());
            Ok(())
        },
        "strconv.QuoteRuneToGraphic" => |c, a| {
            a[0] = string(c.m, fmtconv::quote_rune_to_graphic(rune(a[0])).as_bytes());
            Ok(())
        },
        "strconv.CanBackquote" => |_, a| ret(a, &[fmtconv::can_backquote(str_bytes(a[0])) as u64]),
        "strconv.IsPrint" => |_, a| ret(a, &[fmtconv::is_print(rune(a[0])) as u64]),
        "strconv.IsGraphic" => |_, a| ret(a, &[fmtconv::is_graphic(rune(a[0])) as u64]),
        "strconv.AppendBool" => |c, a| {
            let s = fmtconv::format_bool(a[1] != 0);
            a[0] = append_bytes(c.m, a[0], s.as_bytes());
            Ok(())
        },
        "strconv.AppendUint" => |c, a| {
            let base = check_base(int(a[2]))?;
            let s = fmtconv::format_uint(a[1], base);
            a[0] = append_bytes(c.m, a[0], s.as_bytes());
            Ok(())
        },
        "strconv.AppendFloat" => |c, a| {
            let bits = float_bits(int(a[4]))?;
            let prec = int(a[3]).clamp(i32::MIN as i64, i32::MAX as i64) as i32;
            let s = fmtconv::format_float(f64_of(a[1]), a[2] as u8, prec, bits);
            a[0] = append_bytes(c.m, a[0], s.as_bytes());
            Ok(())
        },
        "strconv.AppendQuoteToASCII" => |c, a| {
            let q = fmtconv::quote_to_ascii(str_bytes(a[1]));
            a[0] = append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.AppendQuoteToGraphic" => |c, a| {
            let q = fmtconv::quote_to_graphic(str_bytes(a[1]));
            a[0] = append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.AppendQuoteRune" => |c, a| {
            let q = fmtconv::quote_rune(rune(a[1]));
            a[0] = append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.AppendQuoteRuneToASCII" => |c, a| {
            let q = fmtconv::quote_rune_to_ascii(rune(a[1]));
            a[0] = append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.AppendQuoteRuneToGraphic" => |c, a| {
            let q = fmtconv::quote_rune_to_graphic(rune(a[1]));
            a[0] = append_bytes(c.m, a[0], q.as_bytes());
            Ok(())
        },
        "strconv.FormatComplex" => |c, a| {
            let (re, im) = crate::vm::complex::parts(a[0]);
            let bits = match int(a[3]) {
                64 => 64,
                128 => 128,
                _ => return Err(NativeError::Panic("invalid bitSize".into())),
            };
            let prec = int(a[2]).clamp(i32::MIN as i64, i32::MAX as i64) as i32;
            let s = fmtconv::format_complex(re, im, a[1] as u8, prec, bits);
            a[0] = string(c.m, s.as_bytes());
            Ok(())
        },
        "strconv.ParseComplex" => |c, a| match parse_complex(str_bytes(a[0]), int(a[1])) {
            Ok(v) => {
                let w = super::cmplx::make(c.m, v);
                ret(a, &[w, 0])
            }
            Err((v, e)) => {
                let w = super::cmplx::make(c.m, v);
                let err = num_error(c, e);
                ret(a, &[w, err])
            }
        },
        _ => return None,
    })
}

/// Results of zero value and `ErrSyntax` last: `n` result words in all.
fn syntax(c: &mut NativeCtx, a: &mut [u64], n: usize) -> Result<(), NativeError> {
    let e = err_word(c, Kind::Syntax);
    let mut words = vec![0; n];
    words[n - 1] = e;
    ret(a, &words)
}

fn float_bits(bits: i64) -> Result<u32, NativeError> {
    match bits {
        32 => Ok(32),
        64 => Ok(64),
        _ => Err(NativeError::Panic(
            "strconv: illegal AppendFloat/FormatFloat bitSize".into(),
        )),
    }
}

/// `strconv.Unquote`; `None` is `ErrSyntax`.
pub fn unquote(s: &[u8]) -> Option<Vec<u8>> {
    match unquote_prefix(s, true)? {
        (out, n) if n == s.len() => Some(out),
        _ => None,
    }
}

/// Go's `unquote`: the quoted literal at the start of `s` (its value when `unescape`, else
/// nothing) and the length it spans; `None` is `ErrSyntax`.
fn unquote_prefix(s: &[u8], unescape: bool) -> Option<(Vec<u8>, usize)> {
    if s.len() < 2 {
        return None;
    }
    let quote = s[0];
    // Past the first later quote: the end unless an escape hides a quote.
    let end = s[1..].iter().position(|&c| c == quote)? + 2;
    match quote {
        b'`' => {
            let out = if unescape {
                s[1..end - 1]
                    .iter()
                    .copied()
                    .filter(|&c| c != b'\r')
                    .collect()
            } else {
                Vec::new()
            };
            Some((out, end))
        }
        b'"' | b'\'' => {
            let body = &s[1..end - 1];
            if !body.contains(&b'\\') && !body.contains(&b'\n') {
                // No escapes: valid UTF-8 (one rune for a character literal) is the value.
                let valid = if quote == b'"' {
                    std::str::from_utf8(body).is_ok()
                } else {
                    let (r, n) = decode_rune(body);
                    n + 2 == end && (r != 0xFFFD || n != 1)
                };
                if valid {
                    return Some((if unescape { body.to_vec() } else { Vec::new() }, end));
                }
            }
            let mut input = &s[1..];
            let mut buf = Vec::new();
            while !input.is_empty() && input[0] != quote {
                if input[0] == b'\n' {
                    return None;
                }
                let (r, multibyte, rest) = unquote_char(input, quote)?;
                input = rest;
                if unescape {
                    if r < 0x80 || !multibyte {
                        buf.push(r as u8);
                    } else {
                        append_rune(&mut buf, r as i64);
                    }
                }
                if quote == b'\'' {
                    break;
                }
            }
            if input.first() != Some(&quote) {
                return None;
            }
            Some((buf, s.len() - input.len() + 1))
        }
        _ => None,
    }
}

/// `strconv.ParseComplex`: Go's grammar (`re`, `imi`, `re±imi`, in optional parentheses),
/// with a range error in either part kept pending while the rest is checked.
fn parse_complex(s0: &[u8], bit_size: i64) -> Result<(f64, f64), ((f64, f64), NumErr)> {
    let size = if bit_size == 64 { 32 } else { 64 };
    let mut s = s0;
    if s.len() >= 2 && s[0] == b'(' && s[s.len() - 1] == b')' {
        s = &s[1..s.len() - 1];
    }
    let fail = |kind| {
        Err((
            (0.0, 0.0),
            NumErr {
                func: "ParseComplex",
                num: s0.to_vec(),
                kind,
            },
        ))
    };
    let mut pending: Option<NumErr> = None;
    // One part: its value and length, a syntax error ending the parse.
    let mut part = |s: &[u8]| match parse_float_prefix(s, size) {
        Ok(vn) => Ok(vn),
        Err((v, n, e)) if e.kind == Kind::Range => {
            pending = Some(NumErr {
                func: "ParseComplex",
                num: s0.to_vec(),
                kind: Kind::Range,
            });
            Ok((v, n))
        }
        Err(_) => Err(()),
    };
    let Ok((re, n)) = part(s) else {
        return fail(Kind::Syntax);
    };
    s = &s[n..];
    let value = if s.is_empty() {
        (re, 0.0)
    } else {
        match s[0] {
            b'+' if s.len() > 1 && s[1] != b'+' => s = &s[1..],
            b'+' | b'-' => {}
            b'i' if s.len() == 1 => s = &[],
            _ => return fail(Kind::Syntax),
        }
        if s.is_empty() {
            (0.0, re)
        } else {
            let Ok((im, n)) = part(s) else {
                return fail(Kind::Syntax);
            };
            if &s[n..] != b"i" {
                return fail(Kind::Syntax);
            }
            (re, im)
        }
    };
    match pending {
        Some(e) => Err((value, e)),
        None => Ok(value),
    }
}
/// `strconv.UnquoteChar`: (value, multibyte, rest), `None` for ErrSyntax.
fn unquote_char(s: &[u8], quote: u8) -> Option<(u32, bool, &[u8])> {
    let c = *s.first()?;
    if c == quote && (quote == b'\'' || quote == b'"') {
        return None;
    }
    if c >= 0x80 {
        let (r, size) = decode_rune(s);
        return Some((r, true, &s[size..]));
    }
    if c != b'\\' {
        return Some((c as u32, false, &s[1..]));
    }
    if s.len() <= 1 {
        return None;
    }
    let c = s[1];
    let mut s = &s[2..];
    let mut multibyte = false;
    let value = match c {
        b'a' => 7,
        b'b' => 8,
        b'f' => 12,
        b'n' => 10,
        b'r' => 13,
        b't' => 9,
        b'v' => 11,
        b'x' | b'u' | b'U' => {
            let n = match c {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            if s.len() < n {
                return None;
            }
            let mut v: u32 = 0;
            for &h in &s[..n] {
                v = v << 4 | (h as char).to_digit(16)?;
            }
            s = &s[n..];
            if c != b'x' {
                if !valid_rune(v as i64) {
                    return None;
                }
                multibyte = true;
            }
            v
        }
        b'0'..=b'7' => {
            let mut v = (c - b'0') as u32;
            if s.len() < 2 {
                return None;
            }
            for &d in &s[..2] {
                if !(b'0'..=b'7').contains(&d) {
                    return None;
                }
                v = v << 3 | (d - b'0') as u32;
            }
            s = &s[2..];
            if v > 255 {
                return None;
            }
            v
        }
        b'\\' => b'\\' as u32,
        b'\'' | b'"' => {
            if c != quote {
                return None;
            }
            c as u32
        }
        _ => return None,
    };
    Some((value, multibyte, s))
}
