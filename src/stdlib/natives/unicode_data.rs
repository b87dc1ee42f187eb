//! `unicode.tableData(key)`: the words of one of Go's unicode tables, which
//! `stdlib/unicode/letter.gol` turns into a `*RangeTable` or a `[]CaseRange`. Input: a key of
//! `unicode.dat` (`"Han"`, `"Lu"`, `"foldLl"`, `"CaseRanges"`). Output: an `[]int` holding
//! LatinOffset, the R16 and R32 counts (-1 for a nil list), then each range's Lo, Hi, Stride
//! (or a case range's Lo, Hi and three deltas); an unknown key gives an empty slice.
//!
//! `unicode.dat` is written by `tools/gen_unicode` from the real Go `unicode` package (see
//! its gen.sh), so the tables are Go's exactly, at Go's Unicode version.

use super::{new_int_slice, ret, NativeCtx, NativeError, NativeFn};
use crate::vm::value::str_bytes;
use std::collections::HashMap;
use std::sync::OnceLock;

static DATA: &str = include_str!("unicode.dat");

/// Each table's line after its key, by key (the file is indexed once, parsed per request).
fn index() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        DATA.lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .collect()
    })
}

/// The words of table `key`: three decimal header fields, then hexadecimal values (case
/// deltas may be negative).
pub(super) fn table_words(key: &str) -> Vec<u64> {
    let Some(rest) = index().get(key) else {
        return Vec::new();
    };
    rest.split(' ')
        .enumerate()
        .map(|(i, f)| {
            let v = if i < 3 {
                f.parse::<i64>()
            } else if let Some(neg) = f.strip_prefix('-') {
                i64::from_str_radix(neg, 16).map(|v| -v)
            } else {
                i64::from_str_radix(f, 16)
            };
            v.expect("unicode.dat is well formed (tools/gen_unicode)") as u64
        })
        .collect()
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "unicode.tableData" => |c: &mut NativeCtx, a: &mut [u64]| -> Result<(), NativeError> {
            let key = String::from_utf8_lossy(str_bytes(a[0])).into_owned();
            let words = table_words(&key);
            let s = new_int_slice(c, &words);
            ret(a, &[s])
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::table_words;

    #[test]
    fn tables_parse() {
        // Go's unicode.Latin: LatinOffset 5, R16 first range 'A'..'Z'.
        let w = table_words("Latin");
        assert_eq!(&w[..1], &[5]);
        assert_eq!(&w[3..6], &[0x41, 0x5a, 1]);
        let c = table_words("CaseRanges");
        assert_eq!((c.len() - 3) % 5, 0);
        assert!(table_words("nope").is_empty());
    }
}
