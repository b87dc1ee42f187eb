//! `strings` natives and `strings.Builder` (layout in natives/mod.rs). Results that are parts of
//! an argument share its bytes (`substring`), as Go's do.

use super::unicode::{is_letter, is_number, is_space, simple_fold, to_lower, to_title, to_upper};
use super::{int, ret, rune, string, NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::REFS;
use crate::stdlib::utf8::{append_rune, decode_rune, rune_count, valid_rune, RUNE_ERROR};
use crate::vm::value::{self, str_bytes, substring, SliceParts};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "strings.Contains" => |_: &mut NativeCtx, a: &mut [u64]| {
            let r = index(str_bytes(a[0]), str_bytes(a[1])) >= 0;
            ret(a, &[r as u64])
        },
        "strings.ContainsRune" => {
            |_, a| ret(a, &[(index_rune(str_bytes(a[0]), rune(a[1])) >= 0) as u64])
        }
        "strings.ContainsAny" => |_, a| {
            ret(
                a,
                &[(index_any(str_bytes(a[0]), str_bytes(a[1])) >= 0) as u64],
            )
        },
        "strings.HasPrefix" => {
            |_, a| ret(a, &[str_bytes(a[0]).starts_with(str_bytes(a[1])) as u64])
        }
        "strings.HasSuffix" => |_, a| ret(a, &[str_bytes(a[0]).ends_with(str_bytes(a[1])) as u64]),
        "strings.Index" => |_, a| ret(a, &[index(str_bytes(a[0]), str_bytes(a[1])) as u64]),
        "strings.IndexByte" => |_, a| {
            let c = a[1] as u8;
            let i = str_bytes(a[0]).iter().position(|&b| b == c);
            ret(a, &[i.map_or(-1, |i| i as i64) as u64])
        },
        "strings.IndexRune" => |_, a| ret(a, &[index_rune(str_bytes(a[0]), rune(a[1])) as u64]),
        "strings.IndexAny" => |_, a| ret(a, &[index_any(str_bytes(a[0]), str_bytes(a[1])) as u64]),
        "strings.LastIndex" => {
            |_, a| ret(a, &[last_index(str_bytes(a[0]), str_bytes(a[1])) as u64])
        }
        "strings.LastIndexByte" => |_, a| {
            let c = a[1] as u8;
            let i = str_bytes(a[0]).iter().rposition(|&b| b == c);
            ret(a, &[i.map_or(-1, |i| i as i64) as u64])
        },
        "strings.LastIndexAny" => |_, a| {
            ret(
                a,
                &[last_index_any(str_bytes(a[0]), str_bytes(a[1])) as u64],
            )
        },
        "strings.Split" => |c, a| split_native(c, a, 0, -1),
        "strings.SplitN" => |c, a| {
            let n = int(a[2]);
            split_native(c, a, 0, n)
        },
        "strings.SplitAfter" => |c, a| {
            let save = str_bytes(a[1]).len();
            split_native(c, a, save, -1)
        },
        "strings.SplitAfterN" => |c, a| {
            let (save, n) = (str_bytes(a[1]).len(), int(a[2]));
            split_native(c, a, save, n)
        },
        "strings.Fields" => fields,
        "strings.Join" => join,
        "strings.Repeat" => repeat,
        "strings.Replace" => |c, a| {
            let n = int(a[3]);
            replace_native(c, a, n)
        },
        "strings.ReplaceAll" => |c, a| replace_native(c, a, -1),
        "strings.ToUpper" => |c, a| map_native(c, a, to_upper),
        "strings.ToLower" => |c, a| map_native(c, a, to_lower),
        "strings.Title" => title,
        "strings.TrimSpace" => |c, a| {
            let s = str_bytes(a[0]);
            let (lo, hi) = trim_bounds(s, is_space, true, true);
            a[0] = substring(c.m, a[0], lo, hi);
            Ok(())
        },
        "strings.Trim" => |c, a| trim_native(c, a, true, true),
        "strings.TrimLeft" => |c, a| trim_native(c, a, true, false),
        "strings.TrimRight" => |c, a| trim_native(c, a, false, true),
        "strings.TrimPrefix" => |c, a| {
            let (s, p) = (str_bytes(a[0]), str_bytes(a[1]));
            if s.starts_with(p) && !p.is_empty() {
                a[0] = substring(c.m, a[0], p.len(), s.len());
            }
            Ok(())
        },
        "strings.TrimSuffix" => |c, a| {
            let (s, p) = (str_bytes(a[0]), str_bytes(a[1]));
            if s.ends_with(p) && !p.is_empty() {
                a[0] = substring(c.m, a[0], 0, s.len() - p.len());
            }
            Ok(())
        },
        "strings.Count" => |_, a| ret(a, &[count(str_bytes(a[0]), str_bytes(a[1])) as u64]),
        "strings.EqualFold" => {
            |_, a| ret(a, &[equal_fold(str_bytes(a[0]), str_bytes(a[1])) as u64])
        }
        "strings.Compare" => |_, a| {
            let o = str_bytes(a[0]).cmp(str_bytes(a[1])) as i64;
            ret(a, &[o as u64])
        },
        "strings.Cut" => |c, a| {
            let (s, sep) = (str_bytes(a[0]), str_bytes(a[1]));
            let (w, slen) = (a[0], s.len());
            match index(s, sep) {
                i if i >= 0 => {
                    let i = i as usize;
                    let after_lo = i + sep.len();
                    let before = substring(c.m, w, 0, i);
                    let after = substring(c.m, w, after_lo, slen);
                    ret(a, &[before, after, 1])
                }
                _ => ret(a, &[w, 0, 0]),
            }
        },
        "strings.CutPrefix" => |c, a| {
            let (s, p) = (str_bytes(a[0]), str_bytes(a[1]));
            if !s.starts_with(p) {
                return ret(a, &[a[0], 0]);
            }
            let after = substring(c.m, a[0], p.len(), s.len());
            ret(a, &[after, 1])
        },
        "strings.CutSuffix" => |c, a| {
            let (s, p) = (str_bytes(a[0]), str_bytes(a[1]));
            if !s.ends_with(p) {
                return ret(a, &[a[0], 0]);
            }
            let before = substring(c.m, a[0], 0, s.len() - p.len());
            ret(a, &[before, 1])
        },
        "strings.Clone" => |c, a| {
            let s = str_bytes(a[0]).to_vec();
            a[0] = string(c.m, &s);
            Ok(())
        },
        "strings.(*Builder).Cap" => |_, a| {
            let b = builder(a[0])?;
            ret(a, &[value::slice_parts(value::load(b, 1, true)).cap as u64])
        },
        "strings.(*Builder).Len" => |_, a| {
            let b = builder(a[0])?;
            ret(a, &[value::slice_parts(value::load(b, 1, true)).len as u64])
        },
        "strings.(*Builder).String" => |c, a| {
            let b = builder(a[0])?;
            let bytes = super::byte_slice_bytes(value::load(b, 1, true));
            a[0] = string(c.m, &bytes);
            Ok(())
        },
        "strings.(*Builder).Reset" => |_, a| {
            let b = builder(a[0])?;
            value::store(b, 0, 0, true);
            value::store(b, 1, 0, true);
            Ok(())
        },
        "strings.(*Builder).Grow" => builder_grow,
        "strings.(*Builder).WriteString" => |c, a| {
            let s = str_bytes(a[1]).to_vec();
            builder_write(c, a[0], &s)?;
            ret(a, &[s.len() as u64, 0])
        },
        "strings.(*Builder).Write" => |c, a| {
            let s = super::byte_slice_bytes(a[1]);
            builder_write(c, a[0], &s)?;
            ret(a, &[s.len() as u64, 0])
        },
        "strings.(*Builder).WriteByte" => |c, a| {
            builder_write(c, a[0], &[a[1] as u8])?;
            ret(a, &[0])
        },
        "strings.(*Builder).WriteRune" => |c, a| {
            let mut b = Vec::new();
            append_rune(&mut b, rune(a[1]) as i64);
            builder_write(c, a[0], &b)?;
            ret(a, &[b.len() as u64, 0])
        },
        _ => return None,
    })
}

// ------------------------------------------------------------------ searching (pure)

/// `strings.Index`.
pub fn index(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return 0;
    }
    if sub.len() > s.len() {
        return -1;
    }
    s.windows(sub.len())
        .position(|w| w == sub)
        .map_or(-1, |i| i as i64)
}

/// `strings.LastIndex`.
pub fn last_index(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return s.len() as i64;
    }
    if sub.len() > s.len() {
        return -1;
    }
    s.windows(sub.len())
        .rposition(|w| w == sub)
        .map_or(-1, |i| i as i64)
}

/// The runes of `s` with their byte offsets and widths (invalid bytes are RuneError, width 1).
fn runes(s: &[u8]) -> impl Iterator<Item = (usize, i32, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= s.len() {
            return None;
        }
        let (r, n) = decode_rune(&s[i..]);
        let at = i;
        i += n;
        Some((at, r as i32, n))
    })
}

/// `strings.IndexRune`.
pub fn index_rune(s: &[u8], r: i32) -> i64 {
    if (0..0x80).contains(&r) {
        return s
            .iter()
            .position(|&b| b as i32 == r)
            .map_or(-1, |i| i as i64);
    }
    if r == RUNE_ERROR as i32 {
        return runes(s)
            .find(|&(_, c, _)| c == r)
            .map_or(-1, |(i, _, _)| i as i64);
    }
    if !valid_rune(r as i64) {
        return -1;
    }
    let mut enc = Vec::new();
    append_rune(&mut enc, r as i64);
    index(s, &enc)
}

/// `strings.IndexAny`.
pub fn index_any(s: &[u8], chars: &[u8]) -> i64 {
    if chars.is_empty() {
        return -1;
    }
    runes(s)
        .find(|&(_, c, _)| index_rune(chars, c) >= 0)
        .map_or(-1, |(i, _, _)| i as i64)
}

/// `strings.LastIndexAny`.
pub fn last_index_any(s: &[u8], chars: &[u8]) -> i64 {
    if chars.is_empty() {
        return -1;
    }
    let mut last = -1;
    for (i, c, _) in runes(s) {
        if index_rune(chars, c) >= 0 {
            last = i as i64;
        }
    }
    last
}

/// `strings.Count`.
pub fn count(s: &[u8], sub: &[u8]) -> i64 {
    if sub.is_empty() {
        return rune_count(s) as i64 + 1;
    }
    let mut n = 0;
    let mut s = s;
    loop {
        let i = index(s, sub);
        if i < 0 {
            return n;
        }
        n += 1;
        s = &s[i as usize + sub.len()..];
    }
}

/// `genSplit`: the (lo, hi) byte ranges of the parts, and the result's capacity. `None` for a
/// nil result (`n == 0`).
pub fn split_ranges(
    s: &[u8],
    sep: &[u8],
    save: usize,
    n: i64,
) -> Option<(Vec<(usize, usize)>, usize)> {
    if n == 0 {
        return None;
    }
    if sep.is_empty() {
        // explode: one part per UTF-8 sequence, the last holding the rest.
        let l = rune_count(s) as i64;
        let n = if n < 0 || n > l { l } else { n } as usize;
        let mut out = Vec::with_capacity(n);
        let mut at = 0;
        for _ in 0..n.saturating_sub(1) {
            let (_, size) = decode_rune(&s[at..]);
            out.push((at, at + size));
            at += size;
        }
        if n > 0 {
            out.push((at, s.len()));
        }
        return Some((out, n));
    }
    let mut n = if n < 0 { count(s, sep) + 1 } else { n };
    if n > s.len() as i64 + 1 {
        n = s.len() as i64 + 1;
    }
    let cap = n as usize;
    let mut out = Vec::new();
    let mut start = 0;
    while (out.len() as i64) < n - 1 {
        let m = index(&s[start..], sep);
        if m < 0 {
            break;
        }
        let m = start + m as usize;
        out.push((start, m + save));
        start = m + sep.len();
    }
    out.push((start, s.len()));
    Some((out, cap))
}

/// `strings.Fields`: the byte ranges of the runs of non-space runes.
pub fn field_ranges(s: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, r, _) in runes(s) {
        let space = is_space(r);
        match (space, start) {
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// `strings.Map` with a rune mapping that never drops runes (invalid bytes become U+FFFD when
/// anything changes); `None` when nothing changes (Go returns `s` itself).
pub fn map_runes(s: &[u8], f: fn(i32) -> i32) -> Option<Vec<u8>> {
    let changed = runes(s).any(|(_, c, n)| f(c) != c || c == RUNE_ERROR as i32 && n == 1);
    if !changed {
        return None;
    }
    let mut out = Vec::with_capacity(s.len());
    for (_, c, _) in runes(s) {
        append_rune(&mut out, f(c) as i64);
    }
    Some(out)
}

/// `strings.Replace` (`n < 0`: all).
pub fn replace(s: &[u8], old: &[u8], new: &[u8], n: i64) -> Option<Vec<u8>> {
    if old == new || n == 0 {
        return None;
    }
    let m = count(s, old);
    if m == 0 {
        return None;
    }
    let n = if n < 0 || m < n { m } else { n };
    let mut out = Vec::new();
    let mut start = 0usize;
    for i in 0..n {
        let mut j = start;
        if old.is_empty() {
            if i > 0 {
                let (_, wid) = decode_rune(&s[start..]);
                j += wid;
            }
        } else {
            j += index(&s[start..], old) as usize;
        }
        out.extend_from_slice(&s[start..j]);
        out.extend_from_slice(new);
        start = j + old.len();
    }
    out.extend_from_slice(&s[start..]);
    Some(out)
}

/// The bounds of `s` with runes satisfying `cut` removed from the chosen ends.
pub(super) fn trim_bounds(
    s: &[u8],
    cut: impl Fn(i32) -> bool,
    left: bool,
    right: bool,
) -> (usize, usize) {
    let (mut lo, mut hi) = (0, s.len());
    if left {
        while lo < hi {
            let (r, n) = decode_rune(&s[lo..hi]);
            if !cut(r as i32) {
                break;
            }
            lo += n;
        }
    }
    if right {
        while lo < hi {
            let (r, n) = super::utf8::decode_last(&s[lo..hi]);
            if !cut(r as i32) {
                break;
            }
            hi -= n;
        }
    }
    (lo, hi)
}

/// `strings.EqualFold` (Go's algorithm: ASCII folding, else `SimpleFold` orbits).
pub fn equal_fold(s: &[u8], t: &[u8]) -> bool {
    let mut a = runes(s);
    let mut t = t;
    for (_, sr, _) in &mut a {
        if t.is_empty() {
            return false;
        }
        let (tr, n) = decode_rune(t);
        t = &t[n..];
        let (mut sr, mut tr) = (sr, tr as i32);
        if tr == sr {
            continue;
        }
        if tr < sr {
            std::mem::swap(&mut tr, &mut sr);
        }
        if tr < 0x80 {
            if (b'A' as i32..=b'Z' as i32).contains(&sr) && tr == sr + 32 {
                continue;
            }
            return false;
        }
        let mut r = simple_fold(sr);
        while r != sr && r < tr {
            r = simple_fold(r);
        }
        if r == tr {
            continue;
        }
        return false;
    }
    t.is_empty()
}

// ------------------------------------------------------------------ natives

fn string_slice_of(c: &mut NativeCtx, w: u64, ranges: &[(usize, usize)], cap: usize) -> u64 {
    let words: Vec<u64> = ranges
        .iter()
        .map(|&(lo, hi)| substring(c.m, w, lo, hi))
        .collect();
    let array = if cap == 0 {
        0
    } else {
        let arr = c.m.alloc(&REFS, cap);
        for (i, &x) in words.iter().enumerate() {
            value::store(arr, i, x, true);
        }
        arr.word()
    };
    value::new_slice(
        c.m,
        SliceParts {
            array,
            offset: 0,
            len: words.len(),
            cap,
        },
    )
}

fn split_native(c: &mut NativeCtx, a: &mut [u64], save: usize, n: i64) -> Result<(), NativeError> {
    let (s, sep) = (str_bytes(a[0]), str_bytes(a[1]));
    a[0] = match split_ranges(s, sep, save, n) {
        None => 0,
        Some((ranges, cap)) => string_slice_of(c, a[0], &ranges, cap),
    };
    Ok(())
}

fn fields(c: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let ranges = field_ranges(str_bytes(a[0]));
    let n = ranges.len();
    a[0] = string_slice_of(c, a[0], &ranges, n);
    Ok(())
}

fn join(c: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let p = value::slice_parts(a[0]);
    let sep = str_bytes(a[1]);
    match p.len {
        0 => a[0] = 0,
        1 => a[0] = value::load(value::obj(p.array), p.offset, true),
        _ => {
            let arr = value::obj(p.array);
            let mut out = Vec::new();
            for i in 0..p.len {
                if i > 0 {
                    out.extend_from_slice(sep);
                }
                out.extend_from_slice(str_bytes(value::load(arr, p.offset + i, true)));
            }
            a[0] = string(c.m, &out);
        }
    }
    Ok(())
}

fn repeat(c: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let (s, n) = (str_bytes(a[0]), int(a[1]));
    if n < 0 {
        return Err(NativeError::Panic("strings: negative Repeat count".into()));
    }
    if n == 0 || s.is_empty() {
        a[0] = 0;
        return Ok(());
    }
    if (s.len() as u64)
        .checked_mul(n as u64)
        .is_none_or(|t| t > i64::MAX as u64)
    {
        return Err(NativeError::Panic(
            "strings: Repeat output length overflow".into(),
        ));
    }
    let out = s.repeat(n as usize);
    a[0] = string(c.m, &out);
    Ok(())
}

fn replace_native(c: &mut NativeCtx, a: &mut [u64], n: i64) -> Result<(), NativeError> {
    if let Some(out) = replace(str_bytes(a[0]), str_bytes(a[1]), str_bytes(a[2]), n) {
        a[0] = string(c.m, &out);
    }
    Ok(())
}

fn map_native(c: &mut NativeCtx, a: &mut [u64], f: fn(i32) -> i32) -> Result<(), NativeError> {
    if let Some(out) = map_runes(str_bytes(a[0]), f) {
        a[0] = string(c.m, &out);
    }
    Ok(())
}

fn trim_native(
    c: &mut NativeCtx,
    a: &mut [u64],
    left: bool,
    right: bool,
) -> Result<(), NativeError> {
    let (s, cutset) = (str_bytes(a[0]), str_bytes(a[1]));
    if s.is_empty() || cutset.is_empty() {
        return Ok(());
    }
    let set: Vec<i32> = runes(cutset).map(|(_, r, _)| r).collect();
    let (lo, hi) = trim_bounds(s, |r| set.contains(&r), left, right);
    a[0] = substring(c.m, a[0], lo, hi);
    Ok(())
}

/// Go's `isSeparator` for `Title`.
fn is_separator(r: i32) -> bool {
    if r <= 0x7F {
        let b = r as u8;
        return !(b.is_ascii_alphanumeric() || b == b'_');
    }
    if is_letter(r) || is_number(r) {
        return false;
    }
    is_space(r)
}

fn title(c: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let s = str_bytes(a[0]);
    let mut prev = b' ' as i32;
    let mut out = Vec::with_capacity(s.len());
    let mut changed = false;
    for (_, r, n) in runes(s) {
        let m = if is_separator(prev) { to_title(r) } else { r };
        changed |= m != r || r == RUNE_ERROR as i32 && n == 1;
        append_rune(&mut out, m as i64);
        prev = r;
    }
    if changed {
        a[0] = string(c.m, &out);
    }
    Ok(())
}

// ------------------------------------------------------------------ Builder

fn builder(w: u64) -> Result<crate::runtime::gc::Ref, NativeError> {
    if w == 0 {
        return Err(super::nil_deref());
    }
    Ok(value::obj(w))
}

/// Go's `copyCheck`.
fn copy_check(w: u64) -> Result<crate::runtime::gc::Ref, NativeError> {
    let b = builder(w)?;
    let addr = value::load(b, 0, true);
    if addr == 0 {
        value::store(b, 0, w, true);
    } else if addr != w {
        return Err(NativeError::Panic(
            "strings: illegal use of non-zero Builder copied by value".into(),
        ));
    }
    Ok(b)
}

fn builder_write(c: &mut NativeCtx, w: u64, bytes: &[u8]) -> Result<(), NativeError> {
    let b = copy_check(w)?;
    let buf = value::load(b, 1, true);
    let nb = super::append_bytes(c.m, buf, bytes);
    value::store(b, 1, nb, true);
    Ok(())
}

fn builder_grow(c: &mut NativeCtx, a: &mut [u64]) -> Result<(), NativeError> {
    let b = copy_check(a[0])?;
    let n = int(a[1]);
    if n < 0 {
        return Err(NativeError::Panic(
            "strings.Builder.Grow: negative count".into(),
        ));
    }
    let p = value::slice_parts(value::load(b, 1, true));
    if ((p.cap - p.len) as i64) < n {
        // Go: bytealg.MakeNoZero(2*cap(b.buf) + n)[:len(b.buf)], rounded up to a size class.
        let cap = super::roundupsize(2 * p.cap + n as usize);
        let fresh = super::fresh_bytes(c.m, p, p.len, cap);
        let nb = value::new_slice(c.m, fresh);
        value::store(b, 1, nb, true);
    }
    Ok(())
}
