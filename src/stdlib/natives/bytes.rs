//! `bytes` natives: the common functions (on the strings helpers) and `bytes.Buffer`, whose
//! layout is `{buf []byte, off int}` (`BUFFER`), as Go's: the unread bytes are `buf[off:]`.
//! Functions returning parts of their argument return copies here (Go's share memory; only a
//! program writing through a result could tell).

use super::strings::{count, field_ranges, index, map_runes, replace, split_ranges, trim_bounds};
use super::unicode::{is_space, to_lower, to_upper};
use super::{
    append_bytes, byte_slice_bytes as b, int, new_byte_slice, new_string_slice, ret, NativeCtx,
    NativeError, NativeFn,
};
use crate::runtime::gc::Layout;
use crate::stdlib::utf8::{append_rune, decode_rune};
use crate::vm::value::{self, SliceParts};

/// `{[]byte, int}`.
pub static BUFFER: Layout = Layout::Pattern {
    period: 2,
    bits: &[0b01],
};

fn bytes_result(
    c: &mut NativeCtx,
    a: &mut [u64],
    b: Option<Vec<u8>>,
    orig: u64,
) -> Result<(), NativeError> {
    a[0] = match b {
        Some(b) => new_byte_slice(c.m, &b),
        None => orig,
    };
    Ok(())
}

/// A `[][]byte` of the given parts of `s`.
fn parts(c: &mut NativeCtx, s: &[u8], ranges: &[(usize, usize)]) -> u64 {
    let words: Vec<u64> = ranges
        .iter()
        .map(|&(lo, hi)| new_byte_slice(c.m, &s[lo..hi]))
        .collect();
    new_string_slice(c.m, &words)
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "bytes.Equal" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[(b(a[0]) == b(a[1])) as u64]),
        "bytes.Compare" => |_, a| ret(a, &[b(a[0]).cmp(&b(a[1])) as i64 as u64]),
        "bytes.Contains" => |_, a| ret(a, &[(index(&b(a[0]), &b(a[1])) >= 0) as u64]),
        "bytes.Index" => |_, a| ret(a, &[index(&b(a[0]), &b(a[1])) as u64]),
        "bytes.IndexByte" => |_, a| {
            // In place, stopping at the byte (bufio's ScanLines calls it on a whole buffer
            // for every line).
            let p = value::slice_parts(a[0]);
            let i = (0..p.len).position(|i| {
                value::load(value::obj(p.array), p.offset + i, false) as u8 == a[1] as u8
            });
            ret(a, &[i.map_or(-1, |i| i as i64) as u64])
        },
        "bytes.HasPrefix" => |_, a| ret(a, &[b(a[0]).starts_with(&b(a[1])) as u64]),
        "bytes.HasSuffix" => |_, a| ret(a, &[b(a[0]).ends_with(&b(a[1])) as u64]),
        "bytes.Count" => |_, a| ret(a, &[count(&b(a[0]), &b(a[1])) as u64]),
        "bytes.ToUpper" => |c, a| {
            let s = b(a[0]);
            let r = Some(map_runes(&s, to_upper).unwrap_or(s));
            bytes_result(c, a, r, 0)
        },
        "bytes.ToLower" => |c, a| {
            let s = b(a[0]);
            let r = Some(map_runes(&s, to_lower).unwrap_or(s));
            bytes_result(c, a, r, 0)
        },
        "bytes.TrimSpace" => |c, a| {
            let s = b(a[0]);
            let (lo, hi) = trim_bounds(&s, is_space, true, true);
            // Go returns nil for an all-space input.
            let r = (lo < hi).then(|| s[lo..hi].to_vec());
            bytes_result(c, a, r, 0)
        },
        "bytes.Repeat" => |c, a| {
            let n = int(a[1]);
            if n < 0 {
                return Err(NativeError::Panic("bytes: negative Repeat count".into()));
            }
            let s = b(a[0]);
            match (s.len() as u64).checked_mul(n as u64) {
                None => {
                    return Err(NativeError::Panic(
                        "bytes: Repeat output length overflow".into(),
                    ))
                }
                // gol's []byte takes a word per byte: refuse what could not be allocated.
                Some(t) if t > 1 << 32 => {
                    return Err(NativeError::Panic(
                        "runtime error: makeslice: len out of range".into(),
                    ))
                }
                _ => {}
            }
            let r = Some(s.repeat(n as usize));
            bytes_result(c, a, r, 0)
        },
        "bytes.ReplaceAll" => |c, a| {
            let s = b(a[0]);
            let r = Some(replace(&s, &b(a[1]), &b(a[2]), -1).unwrap_or(s));
            bytes_result(c, a, r, 0)
        },
        "bytes.Split" => |c, a| {
            let s = b(a[0]);
            a[0] = match split_ranges(&s, &b(a[1]), 0, -1) {
                Some((ranges, _)) => parts(c, &s, &ranges),
                None => 0,
            };
            Ok(())
        },
        "bytes.Fields" => |c, a| {
            let s = b(a[0]);
            a[0] = parts(c, &s, &field_ranges(&s));
            Ok(())
        },
        "bytes.Join" => |c, a| {
            let sep = b(a[1]);
            let items: Vec<Vec<u8>> = crate::vm::rt::slice_words(a[0])
                .into_iter()
                .map(b)
                .collect::<Vec<_>>();
            if items.is_empty() {
                return ret(a, &[new_byte_slice(c.m, &[])]);
            }
            let r = items.join(&sep[..]);
            ret(a, &[new_byte_slice(c.m, &r)])
        },
        "bytes.NewBuffer" => |c, a| {
            let o = c.m.alloc(&BUFFER, 2);
            value::store(o, 0, a[0], true);
            ret(a, &[o.word()])
        },
        "bytes.NewBufferString" => |c, a| {
            let s = value::str_bytes(a[0]).to_vec();
            let buf = new_byte_slice(c.m, &s);
            let o = c.m.alloc(&BUFFER, 2);
            value::store(o, 0, buf, true);
            ret(a, &[o.word()])
        },
        _ => return buffer(symbol),
    })
}

fn buf_of(o: u64) -> (SliceParts, usize) {
    let r = value::obj(o);
    (
        value::slice_parts(value::load(r, 0, true)),
        value::load(r, 1, false) as usize,
    )
}

/// The unread bytes.
fn unread(o: u64) -> Vec<u8> {
    let (p, off) = buf_of(o);
    let all = b(value::load(value::obj(o), 0, true));
    all.get(off..p.len).unwrap_or(&[]).to_vec()
}

fn set_buf(o: u64, buf: u64, off: usize) {
    value::store(value::obj(o), 0, buf, true);
    value::store(value::obj(o), 1, off as u64, false);
}

/// `buf[:0]`, off 0 (keeping the array).
fn reset(c: &mut NativeCtx, o: u64) {
    let (p, _) = buf_of(o);
    let empty = if p.array == 0 {
        0
    } else {
        value::new_slice(c.m, SliceParts { len: 0, ..p })
    };
    set_buf(o, empty, 0);
}

fn append(c: &mut NativeCtx, o: u64, bytes: &[u8]) {
    let (_, off) = buf_of(o);
    let buf = append_bytes(c.m, value::load(value::obj(o), 0, true), bytes);
    set_buf(o, buf, off);
}

/// Takes up to `n` unread bytes.
fn take(o: u64, n: usize) -> Vec<u8> {
    let data = unread(o);
    let n = n.min(data.len());
    let (_, off) = buf_of(o);
    value::store(value::obj(o), 1, (off + n) as u64, false);
    data[..n].to_vec()
}

fn recv(w: u64) -> Result<u64, NativeError> {
    if w == 0 {
        Err(super::nil_deref())
    } else {
        Ok(w)
    }
}

fn buffer(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "bytes.(*Buffer).String" => |c: &mut NativeCtx, a: &mut [u64]| {
            if a[0] == 0 {
                a[0] = value::new_string(c.m, b"<nil>");
                return Ok(());
            }
            let s = unread(a[0]);
            a[0] = value::new_string(c.m, &s);
            Ok(())
        },
        "bytes.(*Buffer).Bytes" => |c, a| {
            let s = unread(recv(a[0])?);
            ret(a, &[new_byte_slice(c.m, &s)])
        },
        "bytes.(*Buffer).Len" => |_, a| ret(a, &[unread(recv(a[0])?).len() as u64]),
        "bytes.(*Buffer).Cap" => |_, a| ret(a, &[buf_of(recv(a[0])?).0.cap as u64]),
        "bytes.(*Buffer).Reset" => |c, a| {
            reset(c, recv(a[0])?);
            Ok(())
        },
        "bytes.(*Buffer).Truncate" => |c, a| {
            let o = recv(a[0])?;
            let n = int(a[1]);
            if n == 0 {
                reset(c, o);
                return Ok(());
            }
            let (p, off) = buf_of(o);
            if n < 0 || n as usize > p.len - off {
                return Err(NativeError::Panic(
                    "bytes.Buffer: truncation out of range".into(),
                ));
            }
            let cut = value::new_slice(
                c.m,
                SliceParts {
                    len: off + n as usize,
                    ..p
                },
            );
            set_buf(o, cut, off);
            Ok(())
        },
        "bytes.(*Buffer).Grow" => |c, a| {
            let o = recv(a[0])?;
            let n = int(a[1]);
            if n < 0 {
                return Err(NativeError::Panic(
                    "bytes.Buffer.Grow: negative count".into(),
                ));
            }
            let (p, off) = buf_of(o);
            if p.cap - p.len < n as usize {
                // Grow by appending n bytes, then cut them off again.
                let grown = append_bytes(
                    c.m,
                    value::load(value::obj(o), 0, true),
                    &vec![0; n as usize],
                );
                let q = value::slice_parts(grown);
                let cut = value::new_slice(c.m, SliceParts { len: p.len, ..q });
                set_buf(o, cut, off);
            }
            Ok(())
        },
        "bytes.(*Buffer).Write" => |c, a| {
            let p = b(a[1]);
            append(c, recv(a[0])?, &p);
            ret(a, &[p.len() as u64, 0])
        },
        "bytes.(*Buffer).WriteString" => |c, a| {
            let p = value::str_bytes(a[1]).to_vec();
            append(c, recv(a[0])?, &p);
            ret(a, &[p.len() as u64, 0])
        },
        "bytes.(*Buffer).WriteByte" => |c, a| {
            append(c, recv(a[0])?, &[a[1] as u8]);
            ret(a, &[0])
        },
        "bytes.(*Buffer).WriteRune" => |c, a| {
            let mut enc = Vec::new();
            append_rune(&mut enc, a[1] as i64 as i32 as i64);
            append(c, recv(a[0])?, &enc);
            ret(a, &[enc.len() as u64, 0])
        },
        "bytes.(*Buffer).Read" => |c, a| {
            let o = recv(a[0])?;
            let want = value::slice_parts(a[1]);
            if unread(o).is_empty() {
                reset(c, o);
                return ret(a, &[0, if want.len == 0 { 0 } else { c.std.err_eof }]);
            }
            let got = take(o, want.len);
            for (i, &x) in got.iter().enumerate() {
                value::store(value::obj(want.array), want.offset + i, x as u64, false);
            }
            ret(a, &[got.len() as u64, 0])
        },
        "bytes.(*Buffer).Next" => |c, a| {
            let got = take(recv(a[0])?, int(a[1]).max(0) as usize);
            ret(a, &[new_byte_slice(c.m, &got)])
        },
        "bytes.(*Buffer).ReadByte" => |c, a| {
            let o = recv(a[0])?;
            if unread(o).is_empty() {
                reset(c, o);
                return ret(a, &[0, c.std.err_eof]);
            }
            ret(a, &[take(o, 1)[0] as u64, 0])
        },
        "bytes.(*Buffer).ReadRune" => |c, a| {
            let o = recv(a[0])?;
            let data = unread(o);
            if data.is_empty() {
                reset(c, o);
                return ret(a, &[0, 0, c.std.err_eof]);
            }
            let (r, n) = decode_rune(&data);
            take(o, n);
            ret(a, &[r as u64, n as u64, 0])
        },
        "bytes.(*Buffer).ReadString" => |c, a| {
            let (line, err) = read_until(c, a)?;
            let w = value::new_string(c.m, &line);
            ret(a, &[w, err])
        },
        "bytes.(*Buffer).ReadBytes" => |c, a| {
            let (line, err) = read_until(c, a)?;
            let w = new_byte_slice(c.m, &line);
            ret(a, &[w, err])
        },
        _ => return None,
    })
}

/// `ReadString`/`ReadBytes`: through the first `delim` (a[1]), or everything and io.EOF.
fn read_until(c: &mut NativeCtx, a: &[u64]) -> Result<(Vec<u8>, u64), NativeError> {
    let o = recv(a[0])?;
    let data = unread(o);
    let (end, err) = match data.iter().position(|&x| x == a[1] as u8) {
        Some(i) => (i + 1, 0),
        None => (data.len(), c.std.err_eof),
    };
    take(o, end);
    Ok((data[..end].to_vec(), err))
}
