//! VM COMPLEX NUMBERS: `complex64`/`complex128` values are 0 (= 0+0i) or an immutable
//! `SCALARS` object `{re bits, im bits}` (complex64 parts are f32-rounded f64s). Input:
//! `Rt::Complex`' window `[op, a, b]`. Output: the result word (Go's arithmetic, including
//! its division algorithm, `runtime.complex128div`).

use super::value::{self, obj};
use super::Machine;
use crate::bytecode::rtsub::ComplexOp;

pub fn parts(w: u64) -> (f64, f64) {
    if w == 0 {
        return (0.0, 0.0);
    }
    let o = obj(w);
    (
        f64::from_bits(value::load(o, 0, false)),
        f64::from_bits(value::load(o, 1, false)),
    )
}

pub fn make(mach: &mut Machine, re: f64, im: f64) -> u64 {
    let o = mach.m.alloc(&crate::runtime::gc::SCALARS, 2);
    value::store(o, 0, re.to_bits(), false);
    value::store(o, 1, im.to_bits(), false);
    o.word()
}

fn div(n: (f64, f64), m: (f64, f64)) -> (f64, f64) {
    let ((a, b), (c, d)) = (n, m);
    let (mut e, mut f);
    if c.abs() >= d.abs() {
        let ratio = d / c;
        let denom = c + ratio * d;
        e = (a + b * ratio) / denom;
        f = (b - a * ratio) / denom;
    } else {
        let ratio = c / d;
        let denom = d + ratio * c;
        e = (a * ratio + b) / denom;
        f = (b * ratio - a) / denom;
    }
    if e.is_nan() && f.is_nan() {
        let inf = f64::INFINITY;
        let b2f = |x: bool| -> f64 {
            if x {
                1.0
            } else {
                0.0
            }
        };
        if c == 0.0 && d == 0.0 && (!a.is_nan() || !b.is_nan()) {
            e = inf.copysign(c) * a;
            f = inf.copysign(c) * b;
        } else if (a.is_infinite() || b.is_infinite()) && c.is_finite() && d.is_finite() {
            let a = b2f(a.is_infinite()).copysign(a);
            let b = b2f(b.is_infinite()).copysign(b);
            e = inf * (a * c + b * d);
            f = inf * (b * c - a * d);
        } else if (c.is_infinite() || d.is_infinite()) && a.is_finite() && b.is_finite() {
            let c = b2f(c.is_infinite()).copysign(c);
            let d = b2f(d.is_infinite()).copysign(d);
            e = 0.0 * (a * c + b * d);
            f = 0.0 * (b * c - a * d);
        }
    }
    (e, f)
}

/// `[_, a, b] → [result]` for `op` (`Make` takes the parts' bits).
pub fn complex_op(mach: &mut Machine, op: ComplexOp, regs: &mut [u64]) {
    let (a, b) = (regs[1], regs[2]);
    if op == ComplexOp::Make {
        // The operands are the parts' bits, not complex words.
        regs[0] = make(mach, f64::from_bits(a), f64::from_bits(b));
        return;
    }
    let (x, y) = (parts(a), parts(b));
    regs[0] = match op {
        ComplexOp::Make => unreachable!("handled above"),
        ComplexOp::Add => make(mach, x.0 + y.0, x.1 + y.1),
        ComplexOp::Sub => make(mach, x.0 - y.0, x.1 - y.1),
        ComplexOp::Mul => make(mach, x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
        ComplexOp::Div => {
            let (e, f) = div(x, y);
            make(mach, e, f)
        }
        ComplexOp::Neg => make(mach, -x.0, -x.1),
        ComplexOp::Eq => (x.0 == y.0 && x.1 == y.1) as u64,
        ComplexOp::Real => x.0.to_bits(),
        ComplexOp::Imag => x.1.to_bits(),
        ComplexOp::To64 => make(mach, x.0 as f32 as f64, x.1 as f32 as f64),
    };
}
