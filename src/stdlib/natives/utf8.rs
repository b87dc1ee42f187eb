//! `unicode/utf8` natives (symbols `utf8.Name`; `natives::lookup` also accepts
//! `unicode/utf8.Name`).

use super::{byte_slice_bytes, byte_slice_prefix, ret, rune, NativeCtx, NativeError, NativeFn};
use crate::stdlib::utf8::{append_rune, decode_rune, rune_count, valid_rune, RUNE_ERROR};
use crate::vm::value::{self, str_bytes};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "utf8.RuneLen" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[rune_len(rune(a[0])) as u64]),
        "utf8.RuneCountInString" => |_, a| ret(a, &[rune_count(str_bytes(a[0])) as u64]),
        "utf8.RuneCount" => |_, a| ret(a, &[rune_count(&byte_slice_bytes(a[0])) as u64]),
        "utf8.DecodeRuneInString" => |_, a| {
            let (r, n) = decode(str_bytes(a[0]));
            ret(a, &[r as u64, n as u64])
        },
        "utf8.DecodeRune" => |_, a| {
            let (r, n) = decode(&byte_slice_prefix(a[0], 4));
            ret(a, &[r as u64, n as u64])
        },
        "utf8.DecodeLastRuneInString" => |_, a| {
            let (r, n) = decode_last(str_bytes(a[0]));
            ret(a, &[r as u64, n as u64])
        },
        "utf8.EncodeRune" => encode_rune,
        "utf8.AppendRune" => |c, a| {
            let mut b = Vec::new();
            append_rune(&mut b, rune(a[1]) as i64);
            a[0] = super::append_bytes(c.m, a[0], &b);
            Ok(())
        },
        "utf8.ValidString" => |_, a| ret(a, &[valid(str_bytes(a[0])) as u64]),
        "utf8.Valid" => |_, a| ret(a, &[valid(&byte_slice_bytes(a[0])) as u64]),
        "utf8.ValidRune" => |_, a| ret(a, &[valid_rune(rune(a[0]) as i64) as u64]),
        "utf8.RuneStart" => |_, a| ret(a, &[(a[0] as u8 & 0xC0 != 0x80) as u64]),
        "utf8.FullRune" => |_, a| ret(a, &[full_rune(&byte_slice_prefix(a[0], 4)) as u64]),
        "utf8.DecodeLastRune" => |_, a| {
            let (r, n) = decode_last(&byte_slice_bytes(a[0]));
            ret(a, &[r as u64, n as u64])
        },
        "utf8.FullRuneInString" => |_, a| ret(a, &[full_rune(str_bytes(a[0])) as u64]),
        _ => return None,
    })
}

/// `utf8.RuneLen`: -1 for an invalid rune.
pub fn rune_len(r: i32) -> i64 {
    match r {
        0..=0x7F => 1,
        0x80..=0x7FF => 2,
        0xD800..=0xDFFF => -1,
        0x800..=0xFFFF => 3,
        0x10000..=0x10FFFF => 4,
        _ => -1,
    }
}

/// `DecodeRune`: (RuneError, 0) for empty input, (RuneError, 1) for an invalid encoding.
pub fn decode(s: &[u8]) -> (i64, usize) {
    if s.is_empty() {
        return (RUNE_ERROR as i64, 0);
    }
    let (r, n) = decode_rune(s);
    (r as i64, n)
}

/// `DecodeLastRuneInString`.
pub fn decode_last(s: &[u8]) -> (i64, usize) {
    let end = s.len();
    if end == 0 {
        return (RUNE_ERROR as i64, 0);
    }
    if s[end - 1] < 0x80 {
        return (s[end - 1] as i64, 1);
    }
    let lim = end.saturating_sub(4);
    let mut start = end - 1;
    while start > lim {
        if s[start] & 0xC0 != 0x80 {
            break;
        }
        start -= 1;
    }
    let (r, size) = decode(&s[start..end]);
    if start + size != end {
        return (RUNE_ERROR as i64, 1);
    }
    (r, size)
}

pub fn valid(s: &[u8]) -> bool {
    std::str::from_utf8(s).is_ok()
}

pub(super) fn full_rune(s: &[u8]) -> bool {
    if s.is_empty() {
        return false;
    }
    let (r, n) = decode_rune(s);
    if r != RUNE_ERROR || n != 1 {
        return true;
    }
    // An invalid first byte or a complete bad sequence is "full"; a valid prefix is not.
    let need = match s[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return true,
    };
    if s.len() >= need {
        return true;
    }
    // A prefix that could still complete a valid sequence is not full.
    let mut buf = s.to_vec();
    for fill in [0x80u8, 0x90, 0xA0, 0xBF] {
        buf.truncate(s.len());
        buf.resize(need, fill);
        if decode_rune(&buf).1 == need {
            return false;
        }
    }
    true
}

fn encode_rune(_: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let mut b = Vec::new();
    append_rune(&mut b, rune(a[1]) as i64);
    let p = value::slice_parts(a[0]);
    if p.len < b.len() {
        return Err(NativeError::Panic(format!(
            "runtime error: index out of range [{}] with length {}",
            b.len() - 1,
            p.len
        )));
    }
    let arr = value::obj(p.array);
    for (i, &x) in b.iter().enumerate() {
        value::store(arr, p.offset + i, x as u64, false);
    }
    ret(a, &[b.len() as u64])
}
