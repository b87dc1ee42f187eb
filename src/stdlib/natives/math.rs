//! `math` natives on Rust's `f64` (IEEE-exact for the basic operations; libm for the
//! transcendental ones, whose last bit may differ from Go's pure-Go implementations).

use super::{f64_of, int, ret, NativeCtx, NativeError, NativeFn};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    fn f1(a: &mut [u64], f: fn(f64) -> f64) -> Result<(), NativeError> {
        let r = f(f64_of(a[0]));
        ret(a, &[r.to_bits()])
    }
    fn f2(a: &mut [u64], f: fn(f64, f64) -> f64) -> Result<(), NativeError> {
        let r = f(f64_of(a[0]), f64_of(a[1]));
        ret(a, &[r.to_bits()])
    }
    Some(match symbol {
        "math.Sqrt" => |_: &mut NativeCtx, a: &mut [u64]| f1(a, f64::sqrt),
        "math.Pow" => |_, a| f2(a, pow),
        "math.Abs" => |_, a| f1(a, f64::abs),
        "math.Floor" => |_, a| f1(a, f64::floor),
        "math.Ceil" => |_, a| f1(a, f64::ceil),
        "math.Round" => |_, a| f1(a, f64::round),
        "math.RoundToEven" => |_, a| f1(a, f64::round_ties_even),
        "math.Trunc" => |_, a| f1(a, f64::trunc),
        "math.Max" => |_, a| f2(a, max),
        "math.Min" => |_, a| f2(a, min),
        "math.Mod" => |_, a| f2(a, fmod),
        "math.Log" => |_, a| f1(a, f64::ln),
        "math.Log2" => |_, a| f1(a, log2),
        "math.Log10" => |_, a| f1(a, f64::log10),
        "math.Log1p" => |_, a| f1(a, f64::ln_1p),
        "math.Exp" => |_, a| f1(a, f64::exp),
        "math.Exp2" => |_, a| f1(a, f64::exp2),
        "math.Sin" => |_, a| f1(a, f64::sin),
        "math.Cos" => |_, a| f1(a, f64::cos),
        "math.Tan" => |_, a| f1(a, f64::tan),
        "math.Asin" => |_, a| f1(a, f64::asin),
        "math.Acos" => |_, a| f1(a, f64::acos),
        "math.Atan" => |_, a| f1(a, f64::atan),
        "math.Atan2" => |_, a| f2(a, f64::atan2),
        "math.Sinh" => |_, a| f1(a, f64::sinh),
        "math.Cosh" => |_, a| f1(a, f64::cosh),
        "math.Tanh" => |_, a| f1(a, f64::tanh),
        "math.Hypot" => |_, a| f2(a, hypot),
        "math.Remainder" => |_, a| f2(a, remainder),
        "math.Dim" => |_, a| f2(a, |x, y| if x - y <= 0.0 { 0.0 } else { x - y }),
        "math.FMA" => |_, a| {
            let r = f64_of(a[0]).mul_add(f64_of(a[1]), f64_of(a[2]));
            ret(a, &[r.to_bits()])
        },
        "math.Expm1" => |_, a| f1(a, f64::exp_m1),
        "math.Asinh" => |_, a| f1(a, f64::asinh),
        "math.Acosh" => |_, a| f1(a, f64::acosh),
        "math.Atanh" => |_, a| f1(a, f64::atanh),
        "math.Nextafter" => |_, a| f2(a, nextafter),
        "math.Frexp" => |_, a| {
            let (fr, e) = frexp(f64_of(a[0]));
            ret(a, &[fr.to_bits(), e as u64])
        },
        "math.Ldexp" => |_, a| {
            let r = ldexp(f64_of(a[0]), int(a[1]));
            ret(a, &[r.to_bits()])
        },
        "math.Cbrt" => |_, a| f1(a, f64::cbrt),
        "math.Copysign" => |_, a| f2(a, f64::copysign),
        "math.Inf" => |_, a| {
            let v = if int(a[0]) >= 0 {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            };
            ret(a, &[v.to_bits()])
        },
        "math.IsInf" => |_, a| {
            let (f, sign) = (f64_of(a[0]), int(a[1]));
            let r = sign >= 0 && f == f64::INFINITY || sign <= 0 && f == f64::NEG_INFINITY;
            ret(a, &[r as u64])
        },
        "math.IsNaN" => |_, a| ret(a, &[f64_of(a[0]).is_nan() as u64]),
        // Go's NaN is Float64frombits(0x7FF8000000000001).
        "math.NaN" => |_, a| ret(a, &[0x7FF8_0000_0000_0001]),
        "math.Signbit" => |_, a| ret(a, &[(a[0] >> 63) & 1]),
        "math.Float64bits" | "math.Float64frombits" => |_, _| Ok(()),
        "math.Float32bits" => |_, a| ret(a, &[(f64_of(a[0]) as f32).to_bits() as u64]),
        "math.Float32frombits" => |_, a| ret(a, &[(f32::from_bits(a[0] as u32) as f64).to_bits()]),
        "math.Modf" => |_, a| {
            let (i, f) = modf(f64_of(a[0]));
            ret(a, &[i.to_bits(), f.to_bits()])
        },
        _ => return None,
    })
}

/// Go's `math.Max`: +Inf wins, then NaN, and +0 over -0.
pub fn max(x: f64, y: f64) -> f64 {
    if x == f64::INFINITY || y == f64::INFINITY {
        return f64::INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && x == y {
        return if x.is_sign_negative() { y } else { x };
    }
    if x > y {
        x
    } else {
        y
    }
}

/// Go's `math.Min`: -Inf wins, then NaN, and -0 over +0.
pub fn min(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY || y == f64::NEG_INFINITY {
        return f64::NEG_INFINITY;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == 0.0 && x == y {
        return if x.is_sign_negative() { x } else { y };
    }
    if x < y {
        x
    } else {
        y
    }
}

/// Go's `math.Mod` (C's fmod: exact, the sign of x).
pub fn fmod(x: f64, y: f64) -> f64 {
    if y == 0.0 || x.is_infinite() || x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    x % y
}

/// Go's `math.Log2`: exact for powers of two.
pub fn log2(x: f64) -> f64 {
    let (frac, exp) = frexp(x);
    if frac == 0.5 {
        return (exp - 1) as f64;
    }
    x.log2()
}

fn frexp(f: f64) -> (f64, i64) {
    if f == 0.0 || f.is_infinite() || f.is_nan() {
        return (f, 0);
    }
    let (mut f, mut exp) = (f, 0i64);
    if f.abs() < f64::MIN_POSITIVE {
        f *= (1u64 << 52) as f64;
        exp = -52;
    }
    let mut x = f.to_bits();
    exp += ((x >> 52) & 0x7FF) as i64 - 1022;
    x &= !(0x7FF << 52);
    x |= 1022 << 52;
    (f64::from_bits(x), exp)
}

/// Go's `math.Hypot`.
pub fn hypot(p: f64, q: f64) -> f64 {
    if p.is_infinite() || q.is_infinite() {
        return f64::INFINITY;
    }
    if p.is_nan() || q.is_nan() {
        return f64::NAN;
    }
    let (mut p, mut q) = (p.abs(), q.abs());
    if p < q {
        std::mem::swap(&mut p, &mut q);
    }
    if p == 0.0 {
        return 0.0;
    }
    let q = q / p;
    p * (1.0 + q * q).sqrt()
}

/// Go's `math.Pow` special cases around Rust's `powf`.
pub fn pow(x: f64, y: f64) -> f64 {
    if y == 0.0 || x == 1.0 {
        return 1.0;
    }
    if y == 1.0 {
        return x;
    }
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if x == -1.0 && y.is_infinite() {
        return 1.0;
    }
    x.powf(y)
}

/// Go's `math.Modf`: integer and fractional parts with x's sign.
pub fn modf(f: f64) -> (f64, f64) {
    if f < 1.0 {
        if f < 0.0 {
            let (i, fr) = modf(-f);
            return (-i, -fr);
        }
        if f == 0.0 {
            return (f, f);
        }
        return (0.0, f);
    }
    let i = f.trunc();
    let fr = if f.is_infinite() { f64::NAN } else { f - i };
    (i, fr)
}

/// Go's `math.Remainder`: the IEEE 754 remainder (x - n*y, n the integer nearest x/y).
pub fn remainder(x: f64, y: f64) -> f64 {
    const TINY: f64 = 4.450_147_717_014_403e-308; // 0x0020000000000000
    if x.is_nan() || y.is_nan() || x.is_infinite() || y == 0.0 {
        return f64::NAN;
    }
    if y.is_infinite() {
        return x;
    }
    let (mut x, sign) = (x.abs(), x < 0.0);
    let y = y.abs();
    if x == y {
        return if sign { -0.0 } else { 0.0 };
    }
    if y <= f64::MAX / 2.0 {
        x = fmod(x, y + y); // now x < 2y
    }
    if y < TINY {
        if x + x > y {
            x -= y;
            if x + x >= y {
                x -= y;
            }
        }
    } else {
        let half = 0.5 * y;
        if x > half {
            x -= y;
            if x >= half {
                x -= y;
            }
        }
    }
    if sign {
        -x
    } else {
        x
    }
}

/// Go's `math.Nextafter`.
fn nextafter(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        x
    } else if x == 0.0 {
        f64::from_bits(1).copysign(y)
    } else if (y > x) == (x > 0.0) {
        f64::from_bits(x.to_bits() + 1)
    } else {
        f64::from_bits(x.to_bits() - 1)
    }
}

/// Go's `math.Ldexp`: frac × 2^exp, with Go's underflow to denormals.
fn ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_infinite() || frac.is_nan() {
        return frac;
    }
    let (frac, e) = frexp(frac);
    let mut exp = exp.saturating_add(e);
    let mut x = frac.to_bits();
    exp = exp.saturating_add(((x >> 52) & 0x7FF) as i64 - 1023);
    if exp < -1075 {
        return 0f64.copysign(frac);
    }
    if exp > 1023 {
        return if frac < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let mut m = 1.0;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    x &= !(0x7FF << 52);
    x |= ((exp + 1023) as u64) << 52;
    m * f64::from_bits(x)
}
