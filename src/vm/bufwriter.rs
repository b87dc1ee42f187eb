//! VM BUFIO READER AND WRITER: `bufio.NewReader`/`NewReaderSize` with `*bufio.Reader`'s read
//! methods (ops 20–26) and `bufio.NewWriter`/`NewWriterSize` with `*bufio.Writer`'s methods
//! (ops 30–39), after Go's `bufio/bufio.go`: a Writer writes through only when its buffer
//! fills or on Flush (so unflushed output is lost at exit, as in Go).
//!
//! Object words (`types/stdpkg_more.rs`): Reader `{r io.Reader, pending string, err error,
//! size int}`; Writer `{w io.Writer, buf []byte (the buffered bytes), err error, size int}`.

use super::iort::{read, recv, write};
use super::panic::{self, GoPanic};
use super::value::{self, obj, SliceParts};
use super::{Goroutine, Machine};
use crate::runtime::gc::Layout;
use crate::stdlib::natives::{append_bytes, byte_slice_bytes, new_byte_slice};
use crate::stdlib::utf8::{append_rune, decode_rune};

/// Three references, then one scalar (both types).
static BUFIO: Layout = Layout::Pattern {
    period: 4,
    bits: &[0b0111],
};
const DEFAULT_SIZE: u64 = 4096;
/// Go's `maxConsecutiveEmptyReads`.
const MAX_EMPTY: usize = 100;

fn get(o: u64, i: usize) -> u64 {
    value::load(obj(o), i, i < 3)
}

fn set(o: u64, i: usize, v: u64) {
    value::store(obj(o), i, v, i < 3)
}

pub fn buf_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    op: u64,
    a: [u64; 4],
) -> Result<Vec<u64>, GoPanic> {
    if matches!(op, 20 | 21 | 30 | 31) {
        let size = if op & 1 == 1 && (a[1] as i64) > 0 {
            a[1]
        } else {
            DEFAULT_SIZE
        };
        // Go's minimum Reader size is 16.
        let size = if op < 30 { size.max(16) } else { size };
        let o = mach.m.alloc(&BUFIO, 4);
        value::store(o, 0, a[0], true);
        value::store(o, 3, size, false);
        return Ok(vec![o.word()]);
    }
    let b = recv(a[0])?;
    Ok(match op {
        22 | 23 => {
            let delim = a[1] as u8;
            let (line, e) = read_until(mach, g, b, delim)?;
            let w = if op == 22 {
                value::new_string(&mut mach.m, &line)
            } else {
                new_byte_slice(&mut mach.m, &line)
            };
            vec![w, e]
        }
        24 => {
            fill(mach, g, b, 1)?;
            match take(mach, b, 1).first() {
                Some(&c) => vec![c as u64, 0],
                None => vec![0, read_err(b)],
            }
        }
        25 => {
            fill(mach, g, b, 4)?;
            let p = value::str_bytes(get(b, 1)).to_vec();
            if p.is_empty() {
                vec![0, 0, read_err(b)]
            } else {
                let (r, n) = decode_rune(&p);
                take(mach, b, n);
                vec![r as u64, n as u64, 0]
            }
        }
        26 => {
            let want = value::slice_parts(a[1]).len;
            if want == 0 {
                let e = if value::str_bytes(get(b, 1)).is_empty() {
                    read_err(b)
                } else {
                    0
                };
                return Ok(vec![0, e]);
            }
            fill(mach, g, b, 1)?;
            let got = take(mach, b, want);
            if got.is_empty() {
                vec![0, read_err(b)]
            } else {
                let p = value::slice_parts(a[1]);
                for (i, &c) in got.iter().enumerate() {
                    value::store(obj(p.array), p.offset + i, c as u64, false);
                }
                vec![got.len() as u64, 0]
            }
        }
        32 => {
            let p = byte_slice_bytes(a[1]);
            let (n, e) = write_bytes(mach, g, b, &p)?;
            vec![n, e]
        }
        33 => {
            let p = value::str_bytes(a[1]).to_vec();
            let (n, e) = write_bytes(mach, g, b, &p)?;
            vec![n, e]
        }
        34 => {
            if get(b, 2) != 0 {
                return Ok(vec![get(b, 2)]);
            }
            if available(b) == 0 && flush(mach, g, b)? != 0 {
                return Ok(vec![get(b, 2)]);
            }
            let buf = append_bytes(&mut mach.m, get(b, 1), &[a[1] as u8]);
            set(b, 1, buf);
            vec![0]
        }
        35 => {
            let mut enc = Vec::new();
            append_rune(&mut enc, a[1] as i64 as i32 as i64);
            if get(b, 2) != 0 {
                return Ok(vec![0, get(b, 2)]);
            }
            if available(b) < 4 && flush(mach, g, b)? != 0 {
                return Ok(vec![0, get(b, 2)]);
            }
            let (n, e) = write_bytes(mach, g, b, &enc)?;
            vec![n, e]
        }
        36 => vec![flush(mach, g, b)?],
        37 => vec![buffered(b) as u64],
        38 => vec![available(b) as u64],
        39 => vec![get(b, 3)],
        _ => return Err(panic::runtime(format!("gol: unknown bufio op {op}"))),
    })
}

// ---------------------------------------------------------------- Reader

/// The sticky read error, cleared as Go's `readErr` does.
fn read_err(b: u64) -> u64 {
    let e = get(b, 2);
    set(b, 2, 0);
    e
}

/// Reads once more from the underlying reader into `pending` (retrying empty reads).
fn fill_once(mach: &mut Machine, g: &mut Goroutine, b: u64) -> Result<(), GoPanic> {
    for _ in 0..MAX_EMPTY {
        // (A huge NewReaderSize reads in chunks of at most 1 MiB.)
        let (got, e) = read(mach, g, get(b, 0), (get(b, 3) as usize).min(1 << 20))?;
        if !got.is_empty() {
            let mut all = value::str_bytes(get(b, 1)).to_vec();
            all.extend_from_slice(&got);
            let w = value::new_string(&mut mach.m, &all);
            set(b, 1, w);
        }
        if e != 0 {
            set(b, 2, e);
        }
        if e != 0 || !got.is_empty() {
            return Ok(());
        }
    }
    let e = crate::stdlib::natives::new_error_string(
        &mut mach.m,
        &mach.std,
        b"multiple Read calls return no data or error",
    );
    set(b, 2, e);
    Ok(())
}

/// Fills until `pending` holds `n` bytes (or a full rune when `n` is 4) or an error is pending.
pub(super) fn fill(mach: &mut Machine, g: &mut Goroutine, b: u64, n: usize) -> Result<(), GoPanic> {
    loop {
        let p = value::str_bytes(get(b, 1));
        let enough =
            p.len() >= n || (n == 4 && !p.is_empty() && crate::stdlib::natives::full_rune_pub(p));
        if enough || get(b, 2) != 0 {
            return Ok(());
        }
        fill_once(mach, g, b)?;
    }
}

/// Removes and returns up to `n` pending bytes.
pub(super) fn take(mach: &mut Machine, b: u64, n: usize) -> Vec<u8> {
    let p = get(b, 1);
    let len = value::str_bytes(p).len();
    let n = n.min(len);
    let out = value::str_bytes(p)[..n].to_vec();
    let rest = value::substring(&mut mach.m, p, n, len);
    set(b, 1, rest);
    out
}

/// `ReadString`/`ReadBytes`: through the first `delim`, or everything and the error.
fn read_until(
    mach: &mut Machine,
    g: &mut Goroutine,
    b: u64,
    delim: u8,
) -> Result<(Vec<u8>, u64), GoPanic> {
    let mut searched = 0;
    loop {
        let p = value::str_bytes(get(b, 1));
        if let Some(i) = p[searched..].iter().position(|&c| c == delim) {
            return Ok((take(mach, b, searched + i + 1), 0));
        }
        searched = p.len();
        if get(b, 2) != 0 {
            let all = take(mach, b, searched);
            return Ok((all, read_err(b)));
        }
        fill_once(mach, g, b)?;
    }
}

// ---------------------------------------------------------------- Writer

fn buffered(b: u64) -> usize {
    value::slice_parts(get(b, 1)).len
}

fn available(b: u64) -> usize {
    (get(b, 3) as usize).saturating_sub(buffered(b))
}

/// Go's `Writer.Write`: fills the buffer, flushing whenever it is full; a large write into an
/// empty buffer goes straight through.
fn write_bytes(
    mach: &mut Machine,
    g: &mut Goroutine,
    b: u64,
    mut p: &[u8],
) -> Result<(u64, u64), GoPanic> {
    let mut nn = 0u64;
    while p.len() > available(b) && get(b, 2) == 0 {
        let n = if buffered(b) == 0 {
            let (n, e) = write(mach, g, get(b, 0), p)?;
            if e != 0 {
                set(b, 2, e);
            }
            (n as usize).min(p.len())
        } else {
            let n = available(b);
            let buf = append_bytes(&mut mach.m, get(b, 1), &p[..n]);
            set(b, 1, buf);
            flush(mach, g, b)?;
            n
        };
        nn += n as u64;
        p = &p[n..];
    }
    if get(b, 2) != 0 {
        return Ok((nn, get(b, 2)));
    }
    let buf = append_bytes(&mut mach.m, get(b, 1), p);
    set(b, 1, buf);
    Ok((nn + p.len() as u64, 0))
}

/// Go's `Writer.Flush`: the error word.
fn flush(mach: &mut Machine, g: &mut Goroutine, b: u64) -> Result<u64, GoPanic> {
    if get(b, 2) != 0 {
        return Ok(get(b, 2));
    }
    let bytes = byte_slice_bytes(get(b, 1));
    if bytes.is_empty() {
        return Ok(0);
    }
    let (n, mut e) = write(mach, g, get(b, 0), &bytes)?;
    let n = (n as usize).min(bytes.len());
    if n < bytes.len() && e == 0 {
        e = crate::stdlib::natives::new_error_string(&mut mach.m, &mach.std, b"short write");
    }
    if e != 0 {
        let rest = new_byte_slice(&mut mach.m, &bytes[n..]);
        set(b, 1, rest);
        set(b, 2, e);
        return Ok(e);
    }
    // Keep the buffer's array for the next writes.
    let p = value::slice_parts(get(b, 1));
    let empty = value::new_slice(&mut mach.m, SliceParts { len: 0, ..p });
    set(b, 1, empty);
    Ok(0)
}
