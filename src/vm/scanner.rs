//! VM BUFIO SCANNER: `bufio.NewScanner` and the `*bufio.Scanner` methods, after Go's
//! `bufio/scan.go` (same tokens, same `ErrTooLong` point, same panics). Input: `Rt::Io` ops
//! 10–16. Output: their results.
//!
//! The Scanner object's words (`types/stdpkg_more.rs`): 0 the reader (an `io.Reader`
//! interface), 1 the pending input not yet consumed (a string sharing its bytes, so consuming a
//! token allocates nothing), 2 the last token, 3 the sticky error, 4 a user's split function,
//! 5 the split kind (0 lines, 1 words, 2 runes, 3 bytes, 4 the user's function), 6 the maximum
//! token size, 7 Go's buffer size (pending input never exceeds it), 8 flags (1 Scan was
//! called, 2 done), 9 consecutive empty tokens.

use super::host::call_closure;
use super::iort::{is_eof, read, recv};
use super::panic::{self, GoPanic};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::runtime::gc::Layout;
use crate::stdlib::natives::bufsplit::{split, Token};
use crate::stdlib::natives::{byte_slice_bytes, new_byte_slice};

/// Five references, then five scalars.
static SCANNER: Layout = Layout::Pattern {
    period: 10,
    bits: &[0b11111],
};
const MAX_TOKEN: u64 = 64 * 1024;
const START_BUF: usize = 4096;
/// Go's `maxConsecutiveEmptyReads`.
const MAX_EMPTY: u64 = 100;

fn get(s: u64, i: usize) -> u64 {
    value::load(obj(s), i, i < 5)
}

fn set(s: u64, i: usize, v: u64) {
    value::store(obj(s), i, v, i < 5)
}

/// Go's `setErr`: the first error sticks, except that EOF gives way to a later one.
fn set_err(mach: &Machine, s: u64, e: u64) {
    let cur = get(s, 3);
    if cur == 0 || is_eof(mach, cur) {
        set(s, 3, e);
    }
}

pub fn scanner_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    op: u64,
    a: [u64; 4],
) -> Result<Vec<u64>, GoPanic> {
    if op == 10 {
        let o = mach.m.alloc(&SCANNER, 10);
        value::store(o, 0, a[0], true);
        value::store(o, 6, MAX_TOKEN, false);
        return Ok(vec![o.word()]);
    }
    let s = recv(a[0])?;
    Ok(match op {
        11 => vec![scan(mach, g, s)? as u64],
        12 => vec![get(s, 2)],
        13 => {
            let t = value::str_bytes(get(s, 2)).to_vec();
            vec![if get(s, 2) == 0 {
                0
            } else {
                new_byte_slice(&mut mach.m, &t)
            }]
        }
        14 => {
            let e = get(s, 3);
            vec![if is_eof(mach, e) { 0 } else { e }]
        }
        15 => {
            if get(s, 8) & 1 != 0 {
                return Err(GoPanic::Native("Buffer called after Scan".into()));
            }
            set(s, 7, value::slice_parts(a[1]).cap as u64);
            set(s, 6, a[2]);
            vec![]
        }
        16 => {
            if get(s, 8) & 1 != 0 {
                return Err(GoPanic::Native("Split called after Scan".into()));
            }
            // The library's own split functions run natively; others are called back.
            let name = (a[1] != 0).then(|| {
                let f = value::load(obj(a[1]), 0, false) as usize;
                mach.prog.funcs[f].name.clone()
            });
            let kind = match name.as_deref() {
                Some("bufio.ScanLines") => 0,
                Some("bufio.ScanWords") => 1,
                Some("bufio.ScanRunes") => 2,
                Some("bufio.ScanBytes") => 3,
                _ => 4,
            };
            set(s, 5, kind);
            set(s, 4, if kind == 4 { a[1] } else { 0 });
            vec![]
        }
        _ => return Err(panic::runtime(format!("gol: unknown scanner op {op}"))),
    })
}

/// The split function's verdict on `data`: (advance, token or none, error word).
fn run_split(
    mach: &mut Machine,
    g: &mut Goroutine,
    s: u64,
    data: u64,
    at_eof: bool,
) -> Result<(i64, Option<Vec<u8>>, u64), GoPanic> {
    let bytes = value::str_bytes(data).to_vec();
    let kind = get(s, 5);
    if kind != 4 {
        let Token { advance, token } = split(kind, &bytes, at_eof);
        return Ok((advance as i64, token, 0));
    }
    let b = new_byte_slice(&mut mach.m, &bytes);
    let r = call_closure(mach, g, get(s, 4), &[b, at_eof as u64])?;
    let tok = (r[1] != 0).then(|| byte_slice_bytes(r[1]));
    Ok((r[0] as i64, tok, r[2]))
}

/// Go's `Scanner.Scan`.
fn scan(mach: &mut Machine, g: &mut Goroutine, s: u64) -> Result<bool, GoPanic> {
    if get(s, 8) & 2 != 0 {
        return Ok(false);
    }
    set(s, 8, get(s, 8) | 1);
    loop {
        let pending = get(s, 1);
        let plen = value::str_bytes(pending).len();
        // A token from what is held; with an error pending, the split function gets a last
        // chance at the (possibly empty) rest.
        if plen > 0 || get(s, 3) != 0 {
            let at_eof = get(s, 3) != 0;
            let (adv, tok, err) = run_split(mach, g, s, pending, at_eof)?;
            if err != 0 {
                // (gol has no bufio.ErrFinalToken yet: every error ends the scan.)
                set_err(mach, s, err);
                return Ok(false);
            }
            if adv < 0 || adv as usize > plen {
                let text: &[u8] = if adv < 0 {
                    b"bufio.Scanner: SplitFunc returns negative advance count"
                } else {
                    b"bufio.Scanner: SplitFunc returns advance count beyond input"
                };
                let e = crate::stdlib::natives::new_error_string(&mut mach.m, &mach.std, text);
                set_err(mach, s, e);
                return Ok(false);
            }
            let rest = value::substring(&mut mach.m, pending, adv as usize, plen);
            set(s, 1, rest);
            if let Some(t) = tok {
                let w = value::new_string(&mut mach.m, &t);
                set(s, 2, w);
                if get(s, 3) == 0 || adv > 0 {
                    set(s, 9, 0);
                } else {
                    set(s, 9, get(s, 9) + 1);
                    if get(s, 9) > MAX_EMPTY {
                        return Err(GoPanic::Native(
                            "bufio.Scan: too many empty tokens without progressing".into(),
                        ));
                    }
                }
                return Ok(true);
            }
        }
        if get(s, 3) != 0 {
            set(s, 1, 0);
            return Ok(false);
        }
        // Need more input: the buffer grows (doubling from 4096) up to the maximum token size.
        let plen = value::str_bytes(get(s, 1)).len();
        let mut size = get(s, 7) as usize;
        if plen >= size {
            if size as u64 >= get(s, 6) {
                let e = mach.std.err_too_long;
                set_err(mach, s, e);
                return Ok(false);
            }
            size = if size == 0 { START_BUF } else { size * 2 }.min(get(s, 6) as usize);
            set(s, 7, size as u64);
        }
        let mut empties = 0;
        loop {
            let (b, e) = read(mach, g, get(s, 0), size - plen)?;
            if !b.is_empty() {
                let mut all = value::str_bytes(get(s, 1)).to_vec();
                all.extend_from_slice(&b);
                let w = value::new_string(&mut mach.m, &all);
                set(s, 1, w);
            }
            if e != 0 {
                set_err(mach, s, e);
                break;
            }
            if !b.is_empty() {
                set(s, 9, 0);
                break;
            }
            empties += 1;
            if empties > MAX_EMPTY {
                let e = crate::stdlib::natives::new_error_string(
                    &mut mach.m,
                    &mach.std,
                    b"multiple Read calls return no data or error",
                );
                set_err(mach, s, e);
                break;
            }
        }
    }
}
