//! `strings.Replacer`, `strings.Reader` and the `io.EOF` variable. Layouts (one word per field,
//! as `types/stdpkg_more.rs` declares them):
//! - `strings.Replacer`: `{oldnew []string}` (REFS), a private copy of the pairs.
//! - `strings.Reader`: `{s string, i int, prevRune int}` (`READER`), as Go's (`prevRune` is -1
//!   unless the last operation was ReadRune).

use super::{int, ret, NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::{Layout, REFS};
use crate::stdlib::utf8::decode_rune;
use crate::vm::value::{self, str_bytes};

/// `{string, int, int}`.
pub static READER: Layout = Layout::Pattern {
    period: 3,
    bits: &[0b001],
};

fn field(o: u64, i: usize, r: bool) -> u64 {
    value::load(value::obj(o), i, r)
}

fn set(o: u64, i: usize, v: u64, r: bool) {
    value::store(value::obj(o), i, v, r)
}

fn error(c: &mut NativeCtx, text: &str) -> u64 {
    super::new_error_string(c.m, c.std, text.as_bytes())
}

/// The receiver object, or Go's nil-pointer panic.
fn recv(w: u64) -> Result<u64, NativeError> {
    if w == 0 {
        Err(super::nil_deref())
    } else {
        Ok(w)
    }
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "io.EOF" => |c: &mut NativeCtx, a: &mut [u64]| ret(a, &[c.std.err_eof]),
        "strings.NewReplacer" => |c, a| {
            let words = crate::vm::rt::slice_words(a[0]);
            if words.len() % 2 == 1 {
                return Err(NativeError::Panic(
                    "strings.NewReplacer: odd argument count".into(),
                ));
            }
            let pairs = super::new_string_slice(c.m, &words);
            let o = c.m.alloc(&REFS, 1);
            value::store(o, 0, pairs, true);
            ret(a, &[o.word()])
        },
        "strings.(*Replacer).Replace" => |c, a| {
            let pairs: Vec<Vec<u8>> = crate::vm::rt::slice_words(field(recv(a[0])?, 0, true))
                .iter()
                .map(|&w| str_bytes(w).to_vec())
                .collect();
            let s = str_bytes(a[1]).to_vec();
            if let Some(out) = replace_all(&s, &pairs) {
                a[0] = value::new_string(c.m, &out);
            } else {
                a[0] = a[1];
            }
            Ok(())
        },
        "strings.NewReader" => |c, a| {
            let o = c.m.alloc(&READER, 3);
            value::store(o, 0, a[0], true);
            value::store(o, 2, -1i64 as u64, false);
            ret(a, &[o.word()])
        },
        "strings.(*Reader).Len" => |_, a| {
            let r = recv(a[0])?;
            let (len, i) = (
                str_bytes(field(r, 0, true)).len() as i64,
                int(field(r, 1, false)),
            );
            ret(a, &[(len - i).max(0) as u64])
        },
        "strings.(*Reader).Size" => |_, a| {
            let r = recv(a[0])?;
            ret(a, &[str_bytes(field(r, 0, true)).len() as u64])
        },
        "strings.(*Reader).Reset" => |_, a| {
            let r = recv(a[0])?;
            set(r, 0, a[1], true);
            set(r, 1, 0, false);
            set(r, 2, -1i64 as u64, false);
            Ok(())
        },
        "strings.(*Reader).Read" => |c, a| {
            let r = recv(a[0])?;
            let (s, i) = (
                str_bytes(field(r, 0, true)),
                int(field(r, 1, false)) as usize,
            );
            if i >= s.len() {
                return ret(a, &[0, c.std.err_eof]);
            }
            set(r, 2, -1i64 as u64, false);
            let p = value::slice_parts(a[1]);
            let n = p.len.min(s.len() - i);
            if n > 0 {
                let arr = value::obj(p.array);
                for (k, &b) in s[i..i + n].iter().enumerate() {
                    value::store(arr, p.offset + k, b as u64, false);
                }
            }
            set(r, 1, (i + n) as u64, false);
            ret(a, &[n as u64, 0])
        },
        "strings.(*Reader).ReadAt" => |c, a| {
            let r = recv(a[0])?;
            let (s, off) = (str_bytes(field(r, 0, true)), a[2] as i64);
            if off < 0 {
                let e = error(c, "strings.Reader.ReadAt: negative offset");
                return ret(a, &[0, e]);
            }
            let off = off as u64;
            if off >= s.len() as u64 {
                return ret(a, &[0, c.std.err_eof]);
            }
            let p = value::slice_parts(a[1]);
            let rest = &s[off as usize..];
            let n = p.len.min(rest.len());
            let arr = value::obj(p.array);
            for (k, &b) in rest[..n].iter().enumerate() {
                value::store(arr, p.offset + k, b as u64, false);
            }
            // Fewer bytes than asked for: the string ended, which ReadAt reports as EOF.
            let err = if n < p.len { c.std.err_eof } else { 0 };
            ret(a, &[n as u64, err])
        },
        "strings.(*Reader).Seek" => |c, a| {
            let r = recv(a[0])?;
            set(r, 2, -1i64 as u64, false);
            let (len, i) = (
                str_bytes(field(r, 0, true)).len() as i64,
                int(field(r, 1, false)),
            );
            let offset = a[1] as i64;
            let base = match a[2] as i64 {
                0 => 0,
                1 => i,
                2 => len,
                _ => {
                    let e = error(c, "strings.Reader.Seek: invalid whence");
                    return ret(a, &[0, e]);
                }
            };
            let abs = base.wrapping_add(offset);
            if abs < 0 {
                let e = error(c, "strings.Reader.Seek: negative position");
                return ret(a, &[0, e]);
            }
            set(r, 1, abs as u64, false);
            ret(a, &[abs as u64, 0])
        },
        "strings.(*Reader).ReadByte" => |c, a| {
            let r = recv(a[0])?;
            let (s, i) = (
                str_bytes(field(r, 0, true)),
                int(field(r, 1, false)) as usize,
            );
            set(r, 2, -1i64 as u64, false);
            if i >= s.len() {
                return ret(a, &[0, c.std.err_eof]);
            }
            let b = s[i];
            set(r, 1, (i + 1) as u64, false);
            ret(a, &[b as u64, 0])
        },
        "strings.(*Reader).UnreadByte" => |c, a| {
            let r = recv(a[0])?;
            let i = int(field(r, 1, false));
            if i <= 0 {
                let e = error(c, "strings.Reader.UnreadByte: at beginning of string");
                return ret(a, &[e]);
            }
            set(r, 2, -1i64 as u64, false);
            set(r, 1, (i - 1) as u64, false);
            ret(a, &[0])
        },
        "strings.(*Reader).ReadRune" => |c, a| {
            let r = recv(a[0])?;
            let (s, i) = (
                str_bytes(field(r, 0, true)),
                int(field(r, 1, false)) as usize,
            );
            if i >= s.len() {
                set(r, 2, -1i64 as u64, false);
                return ret(a, &[0, 0, c.std.err_eof]);
            }
            set(r, 2, i as u64, false);
            let (ch, n) = decode_rune(&s[i..]);
            set(r, 1, (i + n) as u64, false);
            ret(a, &[ch as u64, n as u64, 0])
        },
        "strings.(*Reader).UnreadRune" => |c, a| {
            let r = recv(a[0])?;
            let (i, prev) = (int(field(r, 1, false)), int(field(r, 2, false)));
            if i <= 0 {
                let e = error(c, "strings.Reader.UnreadRune: at beginning of string");
                return ret(a, &[e]);
            }
            if prev < 0 {
                let e = error(
                    c,
                    "strings.Reader.UnreadRune: previous operation was not ReadRune",
                );
                return ret(a, &[e]);
            }
            set(r, 1, prev as u64, false);
            set(r, 2, -1i64 as u64, false);
            ret(a, &[0])
        },
        _ => return None,
    })
}

/// Go's generic Replacer: at each position the first pair (in argument order) whose old string
/// matches is replaced; an empty old string matches once between any two characters. `None`
/// when nothing matched (the result is `s` itself).
pub fn replace_all(s: &[u8], pairs: &[Vec<u8>]) -> Option<Vec<u8>> {
    let olds: Vec<(&[u8], &[u8])> = pairs.chunks(2).map(|p| (&p[0][..], &p[1][..])).collect();
    let mut out = Vec::with_capacity(s.len());
    let (mut i, mut last, mut any) = (0, 0, false);
    let mut prev_empty = false;
    while i <= s.len() {
        let found = olds
            .iter()
            .find(|(o, _)| s[i..].starts_with(o) && !(o.is_empty() && prev_empty));
        prev_empty = matches!(found, Some((o, _)) if o.is_empty());
        match found {
            Some((o, n)) => {
                any = true;
                out.extend_from_slice(&s[last..i]);
                out.extend_from_slice(n);
                // After an empty match the next round at the same position ignores the empty
                // pattern (so it matches once per position), as Go's lookup(ignoreRoot).
                i += o.len();
                last = i;
            }
            None => i += 1,
        }
    }
    if !any {
        return None;
    }
    if last < s.len() {
        out.extend_from_slice(&s[last..]);
    }
    Some(out)
}
