//! `sort` natives: the methods of `IntSlice`, `StringSlice` and `Float64Slice` (whose `Less`
//! needs no gol code: `Sort` runs Go's pdqsort here, `vm/sortrt.rs`'s). The package's
//! functions, which call back into gol, are the `Rt::Sort` helper's.

use super::{ret, NativeCtx, NativeError, NativeFn};
use crate::vm::sortrt::{ordered_less, Algo, Words};
use crate::vm::value;

/// Element `i` of slice `s`, or Go's index panic.
fn elem(s: u64, i: u64) -> Result<(value::SliceParts, usize), NativeError> {
    let p = value::slice_parts(s);
    let i = i as i64;
    if i < 0 || i as usize >= p.len {
        let msg = if i < 0 {
            format!("runtime error: index out of range [{i}]")
        } else {
            format!(
                "runtime error: index out of range [{i}] with length {}",
                p.len
            )
        };
        return Err(NativeError::Panic(msg));
    }
    Ok((p, p.offset + i as usize))
}

fn load(s: u64, i: u64) -> Result<u64, NativeError> {
    let (p, k) = elem(s, i)?;
    Ok(value::load(value::obj(p.array), k, true))
}

/// `kind`: 0 ints, 1 strings, 2 floats (as `ordered_less`).
fn less(kind: u64, a: &mut [u64]) -> Result<(), NativeError> {
    let (x, y) = (load(a[0], a[1])?, load(a[0], a[2])?);
    ret(a, &[ordered_less(kind)(x, y) as u64])
}

fn swap(a: &mut [u64]) -> Result<(), NativeError> {
    let (p, i) = elem(a[0], a[1])?;
    let (_, j) = elem(a[0], a[2])?;
    let arr = value::obj(p.array);
    let (x, y) = (value::load(arr, i, true), value::load(arr, j, true));
    value::store(arr, i, y, true);
    value::store(arr, j, x, true);
    Ok(())
}

fn sort(kind: u64, a: &mut [u64]) -> Result<(), NativeError> {
    let p = value::slice_parts(a[0]);
    if p.len > 1 {
        let arr = value::obj(p.array);
        let words = (0..p.len)
            .map(|i| value::load(arr, p.offset + i, true))
            .collect();
        let mut w = Words {
            words,
            less: ordered_less(kind),
        };
        let _ = w.sort(p.len as i64);
        for (i, x) in w.words.into_iter().enumerate() {
            value::store(arr, p.offset + i, x, true);
        }
    }
    Ok(())
}

/// `SearchInts`/`SearchStrings`/`SearchFloat64s`: the first i with `a[i] >= x`.
fn search(kind: u64, a: &mut [u64]) -> Result<(), NativeError> {
    let p = value::slice_parts(a[0]);
    let x = a[1];
    let at = |i: usize| value::load(value::obj(p.array), p.offset + i, true);
    let (mut i, mut j) = (0usize, p.len);
    while i < j {
        let h = (i + j) >> 1;
        let ge = match kind {
            2 => f64::from_bits(at(h)) >= f64::from_bits(x),
            _ => !ordered_less(kind)(at(h), x),
        };
        if !ge {
            i = h + 1;
        } else {
            j = h;
        }
    }
    ret(a, &[i as u64])
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "sort.IntSlice.Len" | "sort.StringSlice.Len" | "sort.Float64Slice.Len" => {
            |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[value::slice_parts(a[0]).len as u64])
        }
        "sort.IntSlice.Less" => |_, a| less(0, a),
        "sort.StringSlice.Less" => |_, a| less(1, a),
        "sort.Float64Slice.Less" => |_, a| less(2, a),
        "sort.IntSlice.Swap" | "sort.StringSlice.Swap" | "sort.Float64Slice.Swap" => |_, a| swap(a),
        "sort.IntSlice.Sort" => |_, a| sort(0, a),
        "sort.StringSlice.Sort" => |_, a| sort(1, a),
        "sort.Float64Slice.Sort" => |_, a| sort(2, a),
        "sort.IntSlice.Search" => |_, a| search(0, a),
        "sort.StringSlice.Search" => |_, a| search(1, a),
        "sort.Float64Slice.Search" => |_, a| search(2, a),
        _ => return None,
    })
}
