//! `math` natives computed exactly as Go's pure-Go code does (no rounding choices left):
//! Ilogb, Logb, Nextafter32, Pow10, Sincos. Input: argument words (a float32 arrives as the
//! f64 of its value); output: Go's results bit for bit.

use super::{f64_of, int, ret, NativeCtx, NativeFn};

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "math.Ilogb" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[ilogb_go(f64_of(a[0])) as u64]),
        "math.Logb" => |_, a| ret(a, &[logb(f64_of(a[0])).to_bits()]),
        "math.Nextafter32" => |_, a| {
            let r = nextafter32(f64_of(a[0]) as f32, f64_of(a[1]) as f32);
            ret(a, &[(r as f64).to_bits()])
        },
        "math.Pow10" => |_, a| ret(a, &[pow10(int(a[0])).to_bits()]),
        "math.Sincos" => |_, a| {
            let x = f64_of(a[0]);
            let (s, c) = if x == 0.0 { (x, 1.0) } else { x.sin_cos() };
            ret(a, &[s.to_bits(), c.to_bits()])
        },
        _ => return None,
    })
}

/// The binary exponent of a finite non-zero x (subnormals normalised first).
fn ilogb(x: f64) -> i64 {
    let (x, e) = if x.abs() < f64::MIN_POSITIVE {
        (x * (1u64 << 52) as f64, -52)
    } else {
        (x, 0)
    };
    ((x.to_bits() >> 52) & 0x7FF) as i64 - 1023 + e
}

/// `math.Ilogb`: Go's MinInt32 for 0 and MaxInt32 for infinities and NaN.
fn ilogb_go(x: f64) -> i64 {
    if x == 0.0 {
        i32::MIN as i64
    } else if !x.is_finite() {
        i32::MAX as i64
    } else {
        ilogb(x)
    }
}

fn logb(x: f64) -> f64 {
    if x == 0.0 {
        f64::NEG_INFINITY
    } else if x.is_infinite() {
        f64::INFINITY
    } else if x.is_nan() {
        x
    } else {
        ilogb(x) as f64
    }
}

fn nextafter32(x: f32, y: f32) -> f32 {
    if x.is_nan() || y.is_nan() {
        // Go converts its NaN (0x7FF8000000000001) to float32: the quiet NaN 0x7FC00000.
        f32::from_bits(0x7FC0_0000)
    } else if x == y {
        x
    } else if x == 0.0 {
        f32::from_bits(1).copysign(y)
    } else if (y > x) == (x > 0.0) {
        f32::from_bits(x.to_bits() + 1)
    } else {
        f32::from_bits(x.to_bits() - 1)
    }
}

/// `math.Pow10`: a product (or quotient) of two exact table powers, as Go computes it, so the
/// one rounding happens where Go's does.
fn pow10(n: i64) -> f64 {
    // 1e0..1e31 and 1e0, 1e32, ..., 1e288; each literal is the correctly rounded constant Go
    // uses.
    const SMALL: [f64; 32] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31,
    ];
    const BIG: [f64; 10] = [
        1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288,
    ];
    const NEG: [f64; 11] = [
        1e-0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320,
    ];
    if (0..=308).contains(&n) {
        BIG[n as usize / 32] * SMALL[n as usize % 32]
    } else if (-323..=0).contains(&n) {
        let m = (-n) as usize;
        NEG[m / 32] / SMALL[m % 32]
    } else if n > 0 {
        f64::INFINITY
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn pow10_and_ilogb() {
        assert_eq!(super::pow10(308), 1e308);
        assert_eq!(super::pow10(-323), 1e-323);
        assert_eq!(super::pow10(309), f64::INFINITY);
        assert_eq!(super::ilogb(f64::from_bits(1)), -1074);
        assert_eq!(super::ilogb_go(0.0), i32::MIN as i64);
    }
}
