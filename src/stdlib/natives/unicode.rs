//! `unicode` natives and the rune classes `strings` uses (`IsSpace` for `Fields`/`TrimSpace`,
//! case mapping for `ToUpper`/`ToLower`/`EqualFold`).
//!
//! Exact: the category and case tables are Go's own (`unicode_tables.rs`, printed from Go by
//! `tools/unicode_tables.gol`), searched as Go's `unicode.Is` and `unicode.To` do.

use super::unicode_tables as T;
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
        "unicode.SimpleFold" => |_, a| map(a, simple_fold),
        _ => return None,
    })
}

fn in_table(t: &[(u32, u32, u32)], r: i32) -> bool {
    let Ok(r) = u32::try_from(r) else {
        return false;
    };
    // Ranges are sorted and disjoint: binary search for the last range starting at or below r.
    let i = t.partition_point(|&(lo, _, _)| lo <= r);
    if i == 0 {
        return false;
    }
    let (lo, hi, stride) = t[i - 1];
    r <= hi && (r - lo) % stride == 0
}

pub fn is_space(r: i32) -> bool {
    if (0..=0xFF).contains(&r) {
        return matches!(
            r as u8,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' | 0x85 | 0xA0
        );
    }
    matches!(
        r,
        0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    )
}

pub fn is_upper(r: i32) -> bool {
    in_table(T::UPPER, r)
}

pub fn is_lower(r: i32) -> bool {
    in_table(T::LOWER, r)
}

pub fn is_letter(r: i32) -> bool {
    in_table(T::LETTER, r)
}

pub fn is_digit(r: i32) -> bool {
    in_table(T::DIGIT, r)
}

pub fn is_number(r: i32) -> bool {
    in_table(T::NUMBER, r)
}

pub fn is_control(r: i32) -> bool {
    (0..0x20).contains(&r) || (0x7F..=0x9F).contains(&r)
}

pub fn is_punct(r: i32) -> bool {
    in_table(T::PUNCT, r)
}

const UPPER_LOWER: i32 = 0x110000;

/// Go's `unicode.to`: case 0 upper, 1 lower, 2 title.
fn to(case: usize, r: i32) -> i32 {
    let Ok(u) = u32::try_from(r) else {
        return r;
    };
    let i = T::CASE_RANGES.partition_point(|&(lo, _, _)| lo <= u);
    if i == 0 {
        return r;
    }
    let (lo, hi, delta) = T::CASE_RANGES[i - 1];
    if u > hi {
        return r;
    }
    let d = delta[case];
    if d == UPPER_LOWER {
        let lo = lo as i32;
        return lo + ((r - lo) & !1 | (case as i32 & 1));
    }
    r + d
}

pub fn to_upper(r: i32) -> i32 {
    if (0..0x80).contains(&r) {
        return (r as u8).to_ascii_uppercase() as i32;
    }
    to(0, r)
}

pub fn to_lower(r: i32) -> i32 {
    if (0..0x80).contains(&r) {
        return (r as u8).to_ascii_lowercase() as i32;
    }
    to(1, r)
}

pub fn to_title(r: i32) -> i32 {
    if (0..0x80).contains(&r) {
        return (r as u8).to_ascii_uppercase() as i32;
    }
    to(2, r)
}

/// Go's `unicode.SimpleFold`.
pub fn simple_fold(r: i32) -> i32 {
    if !(0..=0x10FFFF).contains(&r) {
        return r;
    }
    if let Ok(i) = T::CASE_ORBIT.binary_search_by_key(&(r as u32), |&(f, _)| f) {
        return T::CASE_ORBIT[i].1 as i32;
    }
    let l = to_lower(r);
    if l != r {
        return l;
    }
    to_upper(r)
}
