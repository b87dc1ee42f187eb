//! VM I/O HELPERS: `Rt::Io`, library operations written in Rust that may call the `Read`/
//! `Write` methods of an `io.Reader`/`io.Writer` (fmt's Fscan family,
//! `(*strings.Reader).WriteTo`), and reflect's. Input: the window `[op, a, b, c, d]` (receiver
//! first for methods). Output: the results from the window's base, or a Go panic. Those
//! methods are called as frames through a replay (`cont.rs`: the op runs again from its start
//! after each call, changing nothing before its last call returned), so they may block,
//! recurse and panic like any call.
//!
//! Op numbers (the compiler's table in `compiler/stdio.rs` uses the same):
//! 3 (*strings.Reader).WriteTo; 60–68 fmt's Sscan/Scan/Fscan family (`vm/fmtscan.rs`); 70–78
//! reflect's TypeOf and Type methods (`vm/reflectrt.rs`). (io.ReadAll/Copy/WriteString,
//! bufio, sync.Map/Pool/OnceFunc and sort are gol source: `stdlib/`.)

use super::cont::{Replay, Step};
use super::host::method_index;
use super::panic::{self, GoPanic};
use super::rt::Flow;
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::stdlib::natives::{byte_slice_bytes, new_byte_slice};

pub fn io_op(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<Flow, GoPanic> {
    let mut rp = Replay::start(g);
    let res = io_op_run(mach, g, &mut rp, at);
    Ok(match rp.finish(g, res)? {
        Step::Call(req) => Flow::Call(req),
        Step::Done(out) => {
            g.regs[at..at + out.len()].copy_from_slice(&out);
            Flow::Next
        }
    })
}

/// `io_op`'s work: the results, computed without changing anything before its last call
/// returned (a replay, `cont.rs`).
fn io_op_run(
    mach: &mut Machine,
    g: &mut Goroutine,
    rp: &mut Replay,
    at: usize,
) -> Result<Vec<u64>, GoPanic> {
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
            if rest.is_empty() {
                value::store(obj(r), 2, -1i64 as u64, false);
                vec![0, 0]
            } else {
                let (n, e) = write(mach, rp, a[1], &rest)?;
                value::store(obj(r), 2, -1i64 as u64, false);
                value::store(obj(r), 1, (i + n as usize) as u64, false);
                vec![n, e]
            }
        }
        60..=68 => super::fmtscan::scan_op(mach, rp, op, a)?,
        70..=89 => super::reflectrt::reflect_op(mach, op, a)?,
        _ => return Err(panic::runtime(format!("gol: unknown io helper {op}"))),
    };
    Ok(out)
}

/// A non-nil receiver pointer.
pub fn recv(w: u64) -> Result<u64, GoPanic> {
    if w == 0 {
        Err(panic::nil_deref())
    } else {
        Ok(w)
    }
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

/// `r.Read(make([]byte, max))` (a replayed call): the bytes read and the error word.
pub fn read(
    mach: &mut Machine,
    rp: &mut Replay,
    r: u64,
    max: usize,
) -> Result<(Vec<u8>, u64), GoPanic> {
    let (f, data) = method(mach, r, "Read")?;
    // The buffer comes back as an extra result word: a replay reads the one Read filled.
    let res = rp.call_with(f, || {
        let buf = new_byte_slice(&mut mach.m, &vec![0; max]);
        (vec![data, buf], vec![buf])
    })?;
    let n = (res[0] as i64).clamp(0, max as i64) as usize;
    let mut got = byte_slice_bytes(res[2]);
    got.truncate(n);
    Ok((got, res[1]))
}

/// `w.Write(b)` (a replayed call): n and the error word.
pub fn write(mach: &mut Machine, rp: &mut Replay, w: u64, b: &[u8]) -> Result<(u64, u64), GoPanic> {
    let (f, data) = method(mach, w, "Write")?;
    let res = rp.call_with(f, || {
        (vec![data, new_byte_slice(&mut mach.m, b)], Vec::new())
    })?;
    Ok((res[0], res[1]))
}
