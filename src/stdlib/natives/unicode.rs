//! `unicode` natives and the rune classes `strings` uses (`IsSpace` for `Fields`/`TrimSpace`,
//! case mapping for `ToUpper`/`ToLower`/`EqualFold`).
//!
//! Exact for Latin-1 (Go's `properties` table) and for `IsSpace`, `IsPrint`, `IsGraphic`,
//! `IsControl` everywhere. Beyond Latin-1 the category tests use Rust's `char` properties, which
//! approximate Go's categories: `IsLetter` ≈ Alphabetic (which also has Nl and some marks),
//! `IsUpper`/`IsLower` ≈ Uppercase/Lowercase, `IsDigit` ≈ numeric, `IsPunct` by common
//! punctuation blocks. Case mapping uses Rust's mapping where it is one rune to one rune (Go's
//! simple case mapping), with the known exceptions patched.

use super::{ret, rune, NativeCtx, NativeError, NativeFn};
use crate::stdlib::strconv::{is_graphic, is_print};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    fn pred(a: &mut [u64], f: fn(i32) -> bool) -> Result<(), NativeError> {
        let r = f(rune(a[0]));
        ret(a, &[r as u64])
    }
    fn map(a: &mut [u64], f: fn(i32) -> i32) -> Result<(), NativeError> {
        let r = f(rune(a[0]));
        ret(a, &[r as i64 as u64])
    }
    Some(match symbol {
        "unicode.IsLetter" => |_: &mut NativeCtx, a: &mut [u64]| pred(a, is_letter),
        "unicode.IsDigit" => |_, a| pred(a, is_digit),
        "unicode.IsNumber" => |_, a| pred(a, is_number),
        "unicode.IsSpace" => |_, a| pred(a, is_space),
        "unicode.IsUpper" => |_, a| pred(a, is_upper),
        "unicode.IsLower" => |_, a| pred(a, is_lower),
        "unicode.IsPunct" => |_, a| pred(a, is_punct),
        "unicode.IsPrint" => |_, a| pred(a, is_print),
        "unicode.IsGraphic" => |_, a| pred(a, is_graphic),
        "unicode.IsControl" => |_, a| pred(a, is_control),
        "unicode.ToUpper" => |_, a| map(a, to_upper),
        "unicode.ToLower" => |_, a| map(a, to_lower),
        "unicode.ToTitle" => |_, a| map(a, to_title),
        _ => return None,
    })
}

fn latin1(r: i32) -> Option<u8> {
    (0..=0xFF).contains(&r).then_some(r as u8)
}

fn ch(r: i32) -> Option<char> {
    u32::try_from(r).ok().and_then(char::from_u32)
}

pub fn is_space(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0x85 | 0xA0);
    }
    matches!(r, 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

pub fn is_upper(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return b.is_ascii_uppercase() || (0xC0..=0xDE).contains(&b) && b != 0xD7;
    }
    ch(r).is_some_and(|c| c.is_uppercase())
}

pub fn is_lower(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return b.is_ascii_lowercase() || b == 0xB5 || (0xDF..=0xFF).contains(&b) && b != 0xF7;
    }
    ch(r).is_some_and(|c| c.is_lowercase())
}

pub fn is_letter(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return is_upper(r) || is_lower(r) || b == 0xAA || b == 0xBA;
    }
    ch(r).is_some_and(|c| c.is_alphabetic() && !c.is_numeric())
}

pub fn is_digit(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return b.is_ascii_digit();
    }
    is_number(r)
}

pub fn is_number(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return b.is_ascii_digit() || matches!(b, 0xB2 | 0xB3 | 0xB9 | 0xBC..=0xBE);
    }
    ch(r).is_some_and(|c| c.is_numeric())
}

pub fn is_control(r: i32) -> bool {
    (0..0x20).contains(&r) || (0x7F..=0x9F).contains(&r)
}

pub fn is_punct(r: i32) -> bool {
    if let Some(b) = latin1(r) {
        return matches!(
            b,
            b'!' | b'"' | b'#' | b'%' | b'&' | b'\'' | b'(' | b')' | b'*' | b',' | b'-' | b'.'
                | b'/' | b':' | b';' | b'?' | b'@' | b'[' | b'\\' | b']' | b'_' | b'{' | b'}'
                | 0xA1 | 0xA7 | 0xAB | 0xB6 | 0xB7 | 0xBB | 0xBF
        );
    }
    matches!(r,
        0x2010..=0x2027 | 0x2030..=0x2043 | 0x2045..=0x2051 | 0x2053..=0x205E
        | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F
        | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A | 0xFF0C..=0xFF0F | 0xFF1A | 0xFF1B | 0xFF1F
        | 0xFF20 | 0xFF3B..=0xFF3D | 0xFF3F | 0xFF5B | 0xFF5D)
}

/// Rust's mapping when it is one rune.
fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

pub fn to_upper(r: i32) -> i32 {
    if (0..0x80).contains(&r) {
        return (r as u8).to_ascii_uppercase() as i32;
    }
    // Greek with ypogegrammeni: Go's simple mapping is the titlecase letter.
    match r {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => return r + 8,
        0x1FB3 | 0x1FC3 | 0x1FF3 => return r + 9,
        _ => {}
    }
    match ch(r).and_then(|c| single(c.to_uppercase())) {
        Some(u) => u as i32,
        None => r,
    }
}

pub fn to_lower(r: i32) -> i32 {
    if (0..0x80).contains(&r) {
        return (r as u8).to_ascii_lowercase() as i32;
    }
    if r == 0x130 {
        return 'i' as i32;
    }
    match ch(r).and_then(|c| single(c.to_lowercase())) {
        Some(u) => u as i32,
        None => r,
    }
}

pub fn to_title(r: i32) -> i32 {
    match r {
        0x1C4..=0x1C6 => 0x1C5,
        0x1C7..=0x1C9 => 0x1C8,
        0x1CA..=0x1CC => 0x1CB,
        0x1F1..=0x1F3 => 0x1F2,
        0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF | 0x1FBC | 0x1FCC | 0x1FFC => r,
        _ => to_upper(r),
    }
}
