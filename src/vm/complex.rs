//! VM COMPLEX NUMBERS: `complex64`/`complex128` values are 0 (= 0+0i) or an immutable
//! `SCALARS` object `{re bits, im bits}` (complex64 parts are f32-rounded f64s). Input:
//! `Rt::Complex`' window `[op, a, b]`. Output: the result word (Go's arithmetic, including
//! its division algorithm, `runtime.complex128div`).

use super::value::{self, obj};
use super::Machine;

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

/// `[op, a, b] → [result]`: 0 make(re bits a, im bits b), 1 a+b, 2 a-b, 3 a*b, 4 a/b, 5 -a,
/// 6 a==b, 7 real(a), 8 imag(a), 9 a rounded to complex64.
pub fn complex_op(mach: &mut Machine, regs: &mut [u64]) {
    let (op, a, b) = (regs[0], regs[1], regs[2]);
    if op == 0 {
        // The operands are the parts' bits, not complex words.
        regs[0] = make(mach, f64::from_bits(a), f64::from_bits(b));
        return;
    }
    let (x, y) = (parts(a), parts(b));
    regs[0] = match op {
        0 => unreachable!("handled above"),
        1 => make(mach, x.0 + y.0, x.1 + y.1),
        2 => make(mach, x.0 - y.0, x.1 - y.1),
        3 => make(mach, x.0 * y.0 - x.1 * y.1, x.0 * y.1 + x.1 * y.0),
        4 => {
            let (e, f) = div(x, y);
            make(mach, e, f)
        }
        5 => make(mach, -x.0, -x.1),
        6 => (x.0 == y.0 && x.1 == y.1) as u64,
        7 => x.0.to_bits(),
        8 => x.1.to_bits(),
        _ => make(mach, x.0 as f32 as f64, x.1 as f32 as f64),
    };
}
