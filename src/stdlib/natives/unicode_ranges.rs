//! `unicode.RangeTable` values and `unicode.Is`/`In`/`IsOneOf`. gol's `*RangeTable` is an
//! object `{id}` naming one of the tables below (the category tables of `unicode.rs` and the
//! script tables of `unicode_scripts.rs`); each table variable (`unicode.Han`) yields one.

use super::unicode::{in_table, is_digit, is_letter, is_lower, is_number, is_punct, is_upper};
use super::unicode_scripts as S;
use super::{ret, rune, NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::SCALARS;
use crate::vm::value;

/// Category Z (Zs, Zl, Zp): Go's `unicode.Space` (not the wider White_Space of `IsSpace`).
fn is_z(r: i32) -> bool {
    matches!(
        r,
        0x20 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    )
}

/// Category Cc.
fn is_cc(r: i32) -> bool {
    matches!(r, 0..=0x1F | 0x7F..=0x9F)
}

/// The tables by id (the variables' names; categories under both of Go's names).
/// A table's names and its membership test.
type Table = (&'static [&'static str], fn(i32) -> bool);

const TABLES: &[Table] = &[
    (&["Letter", "L"], is_letter),
    (&["Upper", "Lu"], is_upper),
    (&["Lower", "Ll"], is_lower),
    (&["Digit", "Nd"], is_digit),
    (&["Number", "N"], is_number),
    (&["Punct", "P"], is_punct),
    (&["Space", "Z"], is_z),
    (&["Cc"], is_cc),
    (&["Han"], |r| in_table(S::HAN, r)),
    (&["Latin"], |r| in_table(S::LATIN, r)),
    (&["Greek"], |r| in_table(S::GREEK, r)),
    (&["Cyrillic"], |r| in_table(S::CYRILLIC, r)),
    (&["Arabic"], |r| in_table(S::ARABIC, r)),
    (&["Hiragana"], |r| in_table(S::HIRAGANA, r)),
    (&["Katakana"], |r| in_table(S::KATAKANA, r)),
    (&["Hangul"], |r| in_table(S::HANGUL, r)),
    (&["Hebrew"], |r| in_table(S::HEBREW, r)),
    (&["Thai"], |r| in_table(S::THAI, r)),
    (&["Devanagari"], |r| in_table(S::DEVANAGARI, r)),
];

fn table_of(w: u64) -> Result<fn(i32) -> bool, NativeError> {
    if w == 0 {
        return Err(super::nil_deref());
    }
    let id = value::load(value::obj(w), 0, false) as usize;
    Ok(TABLES[id.min(TABLES.len() - 1)].1)
}

/// The native for `unicode.Is`/`In`/`IsOneOf`, or a table variable's initializer.
pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    // Table variables: one initializer per id (natives are plain fn pointers).
    macro_rules! var {
        ($($i:literal)*) => {
            [$(|c: &mut NativeCtx, a: &mut [u64]| {
                let o = c.m.alloc(&SCALARS, 1);
                value::store(o, 0, $i, false);
                ret(a, &[o.word()])
            }),*]
        };
    }
    const VARS: [NativeFn; 19] = var!(0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18);
    let name = symbol.strip_prefix("unicode.")?;
    if let Some(id) = TABLES.iter().position(|(n, _)| n.contains(&name)) {
        return Some(VARS[id]);
    }
    Some(match name {
        "Is" => |_, a| {
            let f = table_of(a[0])?;
            ret(a, &[f(rune(a[1])) as u64])
        },
        "In" => |_, a| {
            let r = rune(a[0]);
            let mut found = false;
            for t in crate::vm::rt::slice_words(a[1]) {
                found = found || table_of(t)?(r);
            }
            ret(a, &[found as u64])
        },
        "IsOneOf" => |_, a| {
            let r = rune(a[1]);
            let mut found = false;
            for t in crate::vm::rt::slice_words(a[0]) {
                found = found || table_of(t)?(r);
            }
            ret(a, &[found as u64])
        },
        _ => return None,
    })
}
