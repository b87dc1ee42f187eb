//! `math/cmplx` natives, after Go's `math/cmplx` (special cases included). A `complex128`
//! word is 0 or a `SCALARS` object `{re bits, im bits}` (vm/value.rs).

use super::{f64_of, ret, NativeCtx, NativeFn};
use crate::runtime::gc::{Mutator, SCALARS};
use crate::vm::value;

use crate::vm::complex::parts;

pub(super) fn make(m: &mut Mutator, (re, im): (f64, f64)) -> u64 {
    let o = m.alloc(&SCALARS, 2);
    value::store(o, 0, re.to_bits(), false);
    value::store(o, 1, im.to_bits(), false);
    o.word()
}

/// A native from complex128 to complex128.
fn c1(
    ctx: &mut NativeCtx,
    a: &mut [u64],
    f: fn(f64, f64) -> (f64, f64),
) -> Result<(), super::NativeError> {
    let (re, im) = parts(a[0]);
    let r = make(ctx.m, f(re, im));
    ret(a, &[r])
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "math/cmplx.Abs" => |_: &mut NativeCtx, a: &mut [u64]| {
            let (re, im) = parts(a[0]);
            ret(a, &[super::math::hypot(re, im).to_bits()])
        },
        "math/cmplx.Phase" => |_, a| {
            let (re, im) = parts(a[0]);
            ret(a, &[im.atan2(re).to_bits()])
        },
        "math/cmplx.Polar" => |_, a| {
            let (re, im) = parts(a[0]);
            ret(
                a,
                &[super::math::hypot(re, im).to_bits(), im.atan2(re).to_bits()],
            )
        },
        "math/cmplx.Rect" => |c, a| {
            let (r, t) = (f64_of(a[0]), f64_of(a[1]));
            let (s, co) = t.sin_cos();
            a[0] = make(c.m, (r * co, r * s));
            Ok(())
        },
        "math/cmplx.Conj" => |c, a| c1(c, a, |re, im| (re, -im)),
        "math/cmplx.Sqrt" => |c, a| c1(c, a, sqrt),
        "math/cmplx.Exp" => |c, a| c1(c, a, exp),
        "math/cmplx.Log" => |c, a| {
            c1(c, a, |re, im| {
                (super::math::hypot(re, im).ln(), im.atan2(re))
            })
        },
        "math/cmplx.IsNaN" => |_, a| {
            let (re, im) = parts(a[0]);
            let r = !(re.is_infinite() || im.is_infinite()) && (re.is_nan() || im.is_nan());
            ret(a, &[r as u64])
        },
        "math/cmplx.IsInf" => |_, a| {
            let (re, im) = parts(a[0]);
            ret(a, &[(re.is_infinite() || im.is_infinite()) as u64])
        },
        "math/cmplx.Inf" => |c, a| {
            a[0] = make(c.m, (f64::INFINITY, f64::INFINITY));
            Ok(())
        },
        "math/cmplx.NaN" => |c, a| {
            let nan = f64::from_bits(0x7FF8000000000001);
            a[0] = make(c.m, (nan, nan));
            Ok(())
        },
        "math/cmplx.Pow" => |c, a| {
            let r = pow(parts(a[0]), parts(a[1]));
            a[0] = make(c.m, r);
            Ok(())
        },
        _ => return None,
    })
}

fn sqrt(re: f64, im: f64) -> (f64, f64) {
    if im == 0.0 {
        // imag(r) keeps the sign of a signed-zero imag(x).
        if re == 0.0 {
            return (0.0, im);
        }
        if re < 0.0 {
            return (0.0, (-re).sqrt().copysign(im));
        }
        return (re.sqrt(), im);
    } else if im.is_infinite() {
        return (f64::INFINITY, im);
    }
    if re == 0.0 {
        let r = (0.5 * im.abs()).sqrt();
        return if im < 0.0 { (r, -r) } else { (r, r) };
    }
    let (mut a, mut b) = (re, im);
    // Rescale to avoid internal overflow or underflow.
    let scale = if a.abs() > 4.0 || b.abs() > 4.0 {
        a *= 0.25;
        b *= 0.25;
        2.0
    } else {
        a *= 1.8014398509481984e16; // 2**54
        b *= 1.8014398509481984e16;
        7.450_580_596_923_828e-9 // 2**-27
    };
    let mut r = super::math::hypot(a, b);
    let t;
    if a > 0.0 {
        let t0 = (0.5 * r + 0.5 * a).sqrt();
        r = scale * ((0.5 * b) / t0).abs();
        t = t0 * scale;
    } else {
        r = (0.5 * r - 0.5 * a).sqrt();
        t = scale * ((0.5 * b) / r).abs();
        r *= scale;
    }
    if b < 0.0 {
        (t, -r)
    } else {
        (t, r)
    }
}

fn exp(re: f64, im: f64) -> (f64, f64) {
    if re.is_infinite() {
        if re > 0.0 && im == 0.0 {
            return (re, im);
        }
        if im.is_infinite() || im.is_nan() {
            return if re < 0.0 {
                (0.0, 0f64.copysign(im))
            } else {
                (f64::INFINITY, f64::NAN)
            };
        }
    } else if re.is_nan() && im == 0.0 {
        return (f64::NAN, im);
    }
    let r = re.exp();
    let (s, c) = im.sin_cos();
    (r * c, r * s)
}

fn pow(x: (f64, f64), y: (f64, f64)) -> (f64, f64) {
    if x.0 == 0.0 && x.1 == 0.0 {
        let nan = !(y.0.is_infinite() || y.1.is_infinite()) && (y.0.is_nan() || y.1.is_nan());
        if nan {
            let n = f64::from_bits(0x7FF8000000000001);
            return (n, n);
        }
        let (r, i) = y;
        return if r == 0.0 {
            (1.0, 0.0)
        } else if r < 0.0 {
            if i == 0.0 {
                (f64::INFINITY, 0.0)
            } else {
                (f64::INFINITY, f64::INFINITY)
            }
        } else {
            (0.0, 0.0)
        };
    }
    let modulus = super::math::hypot(x.0, x.1);
    if modulus == 0.0 {
        return (0.0, 0.0);
    }
    let mut r = super::math::pow(modulus, y.0);
    let arg = x.1.atan2(x.0);
    let mut theta = y.0 * arg;
    if y.1 != 0.0 {
        r *= (-y.1 * arg).exp();
        theta += y.1 * modulus.ln();
    }
    let (s, c) = theta.sin_cos();
    (r * c, r * s)
}
