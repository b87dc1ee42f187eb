//! VM I/O HELPERS: `Rt::Io`, the io, bufio, `strings.Reader.WriteTo`, `sync.Map` and
//! `sync.Pool` operations that call gol code (the `Read`/`Write` methods of any `io.Reader` /
//! `io.Writer`, `Range`'s and `New`'s functions) through the nested loop (`host::call_method`).
//! Input: the window `[op, a, b, c, d]` (receiver first for methods). Output: the results from
//! the window's base, or a Go panic. A Read or Write that blocks (a channel inside a user's
//! reader) is reported as unsupported by the nested loop.
//!
//! Op numbers (the compiler's table in `compiler/stdio.rs` uses the same):
//! 3 (*strings.Reader).WriteTo (io.ReadAll, WriteString and Copy are gol source:
//! `stdlib/io/io.gol`); 10–16 bufio.Scanner
//! (`vm/scanner.rs`); 20–26 bufio.Reader and 30–39 bufio.Writer (`vm/bufwriter.rs`); 40–49
//! sync.Map, 50–51 sync.Pool and 90–91 sync.OnceFunc (`vm/syncmap.rs`); 60–68 fmt's
//! Sscan/Scan/Fscan family (`vm/fmtscan.rs`); 70–78 reflect's TypeOf and Type methods
//! (`vm/reflectrt.rs`).

use super::host::{call_method, method_index};
use super::panic::{self, GoPanic};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::stdlib::natives::{byte_slice_bytes, new_byte_slice};

pub fn io_op(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let op = g.regs[at];
    let a = [
        g.regs[at + 1],
        g.regs[at + 2],
        g.regs[at + 3],
        g.regs[at + 4],
    ];
    let out: Vec<u64> = match op {
        3 => {
            let r = recv(a[0])?;
            let (s, i) = (
                value::load(obj(r), 0, true),
                value::load(obj(r), 1, false) as usize,
            );
            let rest = value::str_bytes(s).get(i..).unwrap_or(&[]).to_vec();
            value::store(obj(r), 2, -1i64 as u64, false);
            if rest.is_empty() {
                vec![0, 0]
            } else {
                let (n, e) = write(mach, g, a[1], &rest)?;
                value::store(obj(r), 1, (i + n as usize) as u64, false);
                vec![n, e]
            }
        }
        10..=19 => super::scanner::scanner_op(mach, g, op, a)?,
        20..=39 => super::bufwriter::buf_op(mach, g, op, a)?,
        40..=59 | 90 | 91 => super::syncmap::sync_op(mach, g, op, a)?,
        60..=68 => super::fmtscan::scan_op(mach, g, op, a)?,
        70..=79 => super::reflectrt::reflect_op(mach, op, a)?,
        _ => return Err(panic::runtime(format!("gol: unknown io helper {op}"))),
    };
    g.regs[at..at + out.len()].copy_from_slice(&out);
    Ok(())
}

/// A non-nil receiver pointer.
pub fn recv(w: u64) -> Result<u64, GoPanic> {
    if w == 0 {
        Err(panic::nil_deref())
    } else {
        Ok(w)
    }
}

/// Whether the dynamic type of interface `iface` has method `name`.
pub(super) fn has_method(mach: &Machine, iface: u64, name: &str) -> bool {
    let Some((ty, _)) = value::iface_parts(iface) else {
        return false;
    };
    method_index(mach, name).is_some_and(|m| mach.prog.methods.contains_key(&(ty, m)))
}

/// The function of method `name` of interface `iface`'s dynamic type, and the receiver word.
pub(super) fn method(
    mach: &Machine,
    iface: u64,
    name: &str,
) -> Result<(crate::bytecode::FuncId, u64), GoPanic> {
    let Some((ty, data)) = value::iface_parts(iface) else {
        return Err(panic::nil_deref());
    };
    method_index(mach, name)
        .and_then(|m| mach.prog.methods.get(&(ty, m)).copied())
        .map(|f| (f, data))
        .ok_or_else(|| panic::runtime(format!("gol: the value has no {name} method")))
}

/// `r.Read(make([]byte, max))`: the bytes read and the error word.
pub fn read(
    mach: &mut Machine,
    g: &mut Goroutine,
    r: u64,
    max: usize,
) -> Result<(Vec<u8>, u64), GoPanic> {
    let (f, data) = method(mach, r, "Read")?;
    let buf = new_byte_slice(&mut mach.m, &vec![0; max]);
    let res = call_method(mach, g, f, &[data, buf])?;
    let n = (res[0] as i64).clamp(0, max as i64) as usize;
    let mut got = byte_slice_bytes(buf);
    got.truncate(n);
    Ok((got, res[1]))
}

/// `w.Write(b)`: n and the error word.
pub fn write(
    mach: &mut Machine,
    g: &mut Goroutine,
    w: u64,
    b: &[u8],
) -> Result<(u64, u64), GoPanic> {
    let (f, data) = method(mach, w, "Write")?;
    let buf = new_byte_slice(&mut mach.m, b);
    let res = call_method(mach, g, f, &[data, buf])?;
    Ok((res[0], res[1]))
}

/// Whether error word `e` is `io.EOF` (the same value, as Go's `==`).
pub fn is_eof(mach: &Machine, e: u64) -> bool {
    e != 0
        && (e == mach.std.err_eof || value::iface_parts(e) == value::iface_parts(mach.std.err_eof))
}
