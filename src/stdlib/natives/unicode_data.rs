//! `unicode.tableData(key)`: the words of one of Go's unicode tables, which
//! `stdlib/unicode/letter.gol` turns into a `*RangeTable` or a `[]CaseRange`. Input: a key of
//! `unicode.dat` (`"Han"`, `"Lu"`, `"foldLl"`, `"CaseRanges"`). Output: an `[]int` holding
//! LatinOffset, the R16 and R32 counts (-1 for a nil list), then each range's Lo, Hi, Stride
//! (or a case range's Lo, Hi and three deltas); an unknown key gives an empty slice. Also
//! `unicode.remember`/`isKnown`, which let `unicode.Is` search Go's own tables in Rust.
//!
//! `unicode.dat` is written by `tools/gen_unicode` from the real Go `unicode` package (see
//! its gen.sh), so the tables are Go's exactly, at Go's Unicode version.

use super::{new_int_slice, ret, NativeCtx, NativeError, NativeFn};
use crate::vm::value::{self, str_bytes};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

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

/// A table gol code built from `unicode.dat`, remembered by the address of its `RangeTable`
/// object: the word its `R16` field held then (a slice is a word naming an immutable header
/// object, so assigning a new slice to the field changes it), and its ranges for Rust's search.
struct Known {
    r16: u64,
    ranges: Vec<(u32, u32, u32)>,
}

/// Tables by object address. Entries are never removed: the tables are package variables of
/// unicode, so they live as long as the program, and the `r16` check turns away an address
/// that names some other object (a table of an earlier program in the same process).
fn known() -> &'static Mutex<HashMap<u64, Known>> {
    static KNOWN: OnceLock<Mutex<HashMap<u64, Known>>> = OnceLock::new();
    KNOWN.get_or_init(Default::default)
}

/// `unicode.Is` of a remembered table: Some(answer), or None when gol code must search (a
/// table a program made, or one whose R16 it replaced).
fn is_known(t: u64, r: i32) -> Option<bool> {
    if t == 0 {
        return None;
    }
    let r16 = value::load(value::obj(t), 0, true);
    let map = known().lock().unwrap_or_else(|e| e.into_inner());
    let k = map.get(&t).filter(|k| k.r16 == r16)?;
    let Ok(r) = u32::try_from(r) else {
        return Some(false);
    };
    let i = k.ranges.partition_point(|&(lo, _, _)| lo <= r);
    Some(
        i > 0 && {
            let (lo, hi, stride) = k.ranges[i - 1];
            r <= hi && (r - lo) % stride == 0
        },
    )
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        // remember(t, key): t was built from table key.
        "unicode.remember" => |_: &mut NativeCtx, a: &mut [u64]| -> Result<(), NativeError> {
            let key = String::from_utf8_lossy(str_bytes(a[1])).into_owned();
            let w = table_words(&key);
            let ranges = w.get(3..).unwrap_or_default().chunks_exact(3);
            let ranges = ranges
                .map(|c| (c[0] as u32, c[1] as u32, c[2] as u32))
                .collect();
            if a[0] != 0 {
                let r16 = value::load(value::obj(a[0]), 0, true);
                let mut map = known().lock().unwrap_or_else(|e| e.into_inner());
                map.insert(a[0], Known { r16, ranges });
            }
            ret(a, &[])
        },
        // isKnown(t, r): 1 or 0 for a remembered table, 2 when gol code must search.
        "unicode.isKnown" => |_, a| {
            let v = match is_known(a[0], a[1] as i64 as i32) {
                Some(b) => b as u64,
                None => 2,
            };
            ret(a, &[v])
        },
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
