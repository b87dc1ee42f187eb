//! CHECKER (constants): Go's binary big floats, as go/constant uses them. In: exact operands (big
//! integers, rationals, other BigFloats). Out: results rounded exactly as Go's `math/big.Float`
//! rounds them (512-bit mantissa, round to nearest even, 32-bit exponent), or `Inf` where Go's
//! result would be infinite; plus correctly rounded float32/float64 conversions.
//!
//! Why emulate instead of approximating: go/constant keeps untyped float constants as exact
//! fractions only while numerator and denominator stay under 4096 bits; beyond that (`1e5000`)
//! it switches to a 512-bit big.Float and every later operation rounds. Go's answers then depend on
//! those roundings (`1e5000*1e-4999 == 10` is false in Go, `1e5000/1e4999 == 10` is true), so gol
//! reproduces the same arithmetic bit for bit: each operation is computed exactly and rounded once,
//! which is what big.Float guarantees for Add, Sub, Mul, Quo and SetRat.

use std::cmp::Ordering;

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Zero};

use super::rat::Rat;

/// go/constant's mantissa precision ("the spec requires at least 256 bits; typical
/// implementations use 512 bits").
pub const PREC: u64 = 512;

/// big.Float's exponent range: the value is 0.mant × 2^e with e in [MIN_EXP, MAX_EXP].
const MAX_EXP: i64 = i32::MAX as i64;
const MIN_EXP: i64 = i32::MIN as i64;

/// Rounding modes; go/constant computes with ToNearestEven and uses the other two only in ToInt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    NearestEven,
    ToZero,
    AwayFromZero,
}

/// The result of a big.Float operation whose exponent overflowed: Go gets ±Inf, which
/// go/constant turns into an unknown value ("constant result is not representable").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Inf;

/// A finite binary float `±mant · 2^exp`. Canonical: `mant` is odd (trailing zeros moved into
/// `exp`), and zero is `+0 · 2^0`, so derived equality is numeric equality. Go's -0 never
/// survives into a constant (`makeFloat` turns it into +0), so there is no negative zero.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BigFloat {
    neg: bool,
    mant: BigUint,
    exp: i64,
}

impl BigFloat {
    pub fn zero() -> BigFloat {
        BigFloat {
            neg: false,
            mant: BigUint::zero(),
            exp: 0,
        }
    }

    pub fn is_zero(&self) -> bool {
        self.mant.is_zero()
    }

    pub fn sign(&self) -> i32 {
        match (self.is_zero(), self.neg) {
            (true, _) => 0,
            (false, true) => -1,
            (false, false) => 1,
        }
    }

    pub fn neg(&self) -> BigFloat {
        BigFloat {
            neg: !self.neg && !self.is_zero(),
            ..self.clone()
        }
    }

    /// `(negative, mant, exp)` with `self = ±mant · 2^exp`, `mant` odd (or zero).
    pub fn parts(&self) -> (bool, &BigUint, i64) {
        (self.neg, &self.mant, self.exp)
    }

    /// Go's `MantExp` exponent: `self = m · 2^e` with `0.5 <= |m| < 1` (0 for zero).
    pub fn exponent(&self) -> i64 {
        if self.is_zero() {
            0
        } else {
            self.exp + self.mant.bits() as i64
        }
    }

    /// The exact integer value, if `self` is an integer (as `big.Float.Int` with `Exact`).
    pub fn to_int(&self) -> Option<BigInt> {
        if self.exp < 0 && !self.is_zero() {
            return None;
        }
        let m = BigInt::from_biguint(
            if self.neg { Sign::Minus } else { Sign::Plus },
            self.mant.clone(),
        );
        Some(m << self.exp.max(0) as u64)
    }

    /// The exact value as a fraction. Only for values whose exponent is small (Go's `smallFloat`).
    pub fn to_rat(&self) -> Rat {
        let m = BigInt::from_biguint(
            if self.neg { Sign::Minus } else { Sign::Plus },
            self.mant.clone(),
        );
        if self.exp >= 0 {
            Rat::from_int(m << self.exp as u64)
        } else {
            Rat::new(m, BigInt::one() << (-self.exp) as u64)
        }
    }

    /// `big.Float.SetInt` at precision `prec`.
    pub fn from_int(i: &BigInt, prec: u64) -> Result<BigFloat, Inf> {
        finish(
            i.sign() == Sign::Minus,
            i.magnitude().clone(),
            0,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    /// `big.Float.SetRat` at precision `prec`: the correctly rounded quotient.
    pub fn from_rat(r: &Rat, prec: u64) -> Result<BigFloat, Inf> {
        let neg = r.sign() < 0;
        let (q, e, sticky) = quotient(r.num().magnitude(), r.den().magnitude(), prec + 3);
        finish(neg, q, e, sticky, prec, Mode::NearestEven)
    }

    /// `self` rounded to `prec` bits under `mode` (big.Float.Set on a Float of that precision).
    pub fn round(&self, prec: u64, mode: Mode) -> Result<BigFloat, Inf> {
        finish(self.neg, self.mant.clone(), self.exp, false, prec, mode)
    }

    pub fn add(&self, y: &BigFloat, prec: u64) -> Result<BigFloat, Inf> {
        if self.is_zero() {
            return y.round(prec, Mode::NearestEven);
        }
        if y.is_zero() {
            return self.round(prec, Mode::NearestEven);
        }
        let (big, small) = if self.exponent() >= y.exponent() {
            (self, y)
        } else {
            (y, self)
        };
        // big.Float aligns the operands exactly, which for 1 + 1e-600000000 means a shift by two
        // billion bits. A far smaller operand only decides the rounding through its sign and its
        // being nonzero, so any stand-in below a quarter of the result's last place rounds the same;
        // that keeps the shift under ~prec bits.
        let limit = big.exp.min(big.exponent() - prec as i64 - 1) - 2;
        let stand_in;
        let small = if small.exponent() <= limit {
            stand_in = BigFloat {
                neg: small.neg,
                mant: BigUint::one(),
                exp: limit - 1,
            };
            &stand_in
        } else {
            small
        };
        let e = big.exp.min(small.exp);
        let a = signed(big.neg, &big.mant << (big.exp - e) as u64);
        let b = signed(small.neg, &small.mant << (small.exp - e) as u64);
        let sum = a + b;
        finish(
            sum.sign() == Sign::Minus,
            sum.magnitude().clone(),
            e,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    pub fn sub(&self, y: &BigFloat, prec: u64) -> Result<BigFloat, Inf> {
        self.add(&y.neg(), prec)
    }

    pub fn mul(&self, y: &BigFloat, prec: u64) -> Result<BigFloat, Inf> {
        finish(
            self.neg != y.neg,
            &self.mant * &y.mant,
            self.exp + y.exp,
            false,
            prec,
            Mode::NearestEven,
        )
    }

    /// `self / y`; `y` must not be zero (the checker reports division by zero first).
    pub fn quo(&self, y: &BigFloat, prec: u64) -> Result<BigFloat, Inf> {
        assert!(!y.is_zero(), "BigFloat division by zero");
        if self.is_zero() {
            return Ok(BigFloat::zero());
        }
        let (q, e, sticky) = quotient(&self.mant, &y.mant, prec + 3);
        finish(
            self.neg != y.neg,
            q,
            e + self.exp - y.exp,
            sticky,
            prec,
            Mode::NearestEven,
        )
    }

    /// The nearest float64 (big.Float.Float64): correctly rounded, denormals included; ±Inf
    /// when too large, 0 when too small.
    pub fn to_f64(&self) -> f64 {
        to_ieee(self.neg, &self.mant, self.exp, false, Ieee::F64)
    }

    pub fn to_f32(&self) -> f32 {
        to_ieee(self.neg, &self.mant, self.exp, false, Ieee::F32) as f32
    }

    /// Go's `MantExp` mantissa converted to float64: `self / 2^exponent()`, in `[0.5, 1)`.
    pub fn mantissa_f64(&self) -> f64 {
        to_ieee(
            self.neg,
            &self.mant,
            -(self.mant.bits() as i64),
            false,
            Ieee::F64,
        )
    }
}

/// Numeric order (canonical form makes it agree with the derived `Eq`).
impl Ord for BigFloat {
    fn cmp(&self, y: &BigFloat) -> Ordering {
        let (sx, sy) = (self.sign(), y.sign());
        if sx != sy || sx == 0 {
            return sx.cmp(&sy);
        }
        // Same nonzero sign: compare magnitudes, then flip for negatives.
        let mag = self.exponent().cmp(&y.exponent()).then_with(|| {
            let e = self.exp.min(y.exp);
            (&self.mant << (self.exp - e) as u64).cmp(&(&y.mant << (y.exp - e) as u64))
        });
        if self.neg {
            mag.reverse()
        } else {
            mag
        }
    }
}

impl PartialOrd for BigFloat {
    fn partial_cmp(&self, y: &BigFloat) -> Option<Ordering> {
        Some(self.cmp(y))
    }
}

fn signed(neg: bool, m: BigUint) -> BigInt {
    BigInt::from_biguint(if neg { Sign::Minus } else { Sign::Plus }, m)
}

/// `n / d` truncated to at least `bits` significant bits: `(q, e, sticky)` with
/// `n/d = (q + f) · 2^e`, `0 <= f < 1` and `sticky == (f != 0)`.
fn quotient(n: &BigUint, d: &BigUint, bits: u64) -> (BigUint, i64, bool) {
    let k = bits as i64 + d.bits() as i64 - n.bits() as i64;
    let (q, r) = if k >= 0 {
        (n << k as u64).div_rem(d)
    } else {
        n.div_rem(&(d << (-k) as u64))
    };
    (q, -k, !r.is_zero())
}

/// The integer nearest to `m · 2^(e - lsb)` under `mode`. With `sticky`, the exact value is a
/// little more than `m · 2^e` (less than one unit of `m`'s last bit); callers pass it only
/// when `lsb > e`, so that excess lies below the rounding bit.
fn round_to_unit(m: &BigUint, e: i64, lsb: i64, sticky: bool, mode: Mode) -> BigUint {
    if lsb <= e {
        debug_assert!(!sticky, "sticky bit above the rounding position");
        return m << (e - lsb) as u64;
    }
    let shift = (lsb - e) as u64;
    let q = m >> shift;
    let rbit = m.bit(shift - 1);
    // Bits strictly below the rounding bit, without building 2^shift (shift may be ~2^31).
    let below = sticky || m.trailing_zeros().is_some_and(|tz| tz < shift - 1);
    let inc = match mode {
        Mode::NearestEven => rbit && (below || q.bit(0)),
        Mode::ToZero => false,
        Mode::AwayFromZero => rbit || below,
    };
    if inc {
        q + 1u32
    } else {
        q
    }
}

/// Go's `setExpAndRound`: the exponent of the unrounded value decides underflow (to zero) and
/// overflow (to Inf); then the mantissa is rounded to `prec` bits, and a carry out of the
/// mantissa may still overflow.
fn finish(
    neg: bool,
    m: BigUint,
    e: i64,
    sticky: bool,
    prec: u64,
    mode: Mode,
) -> Result<BigFloat, Inf> {
    if m.is_zero() {
        return Ok(BigFloat::zero());
    }
    let top = e + m.bits() as i64;
    if top < MIN_EXP {
        return Ok(BigFloat::zero());
    }
    if top > MAX_EXP {
        return Err(Inf);
    }
    let lsb = top - prec as i64;
    let (mut q, mut lsb) = if lsb <= e && !sticky {
        (m, e)
    } else {
        (round_to_unit(&m, e, lsb, sticky, mode), lsb)
    };
    if q.bits() > prec {
        if top >= MAX_EXP {
            return Err(Inf);
        }
        q >>= 1u32;
        lsb += 1;
    }
    let tz = q.trailing_zeros().unwrap_or(0);
    Ok(BigFloat {
        neg,
        mant: q >> tz,
        exp: lsb + tz as i64,
    })
}

/// The two IEEE 754 binary formats constants convert to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ieee {
    F32,
    F64,
}

impl Ieee {
    /// (explicit mantissa bits, exponent of the smallest denormal's unit, exponent bound:
    /// every finite value is below 2^bound).
    fn params(self) -> (i64, i64, i64) {
        match self {
            Ieee::F32 => (23, -149, 128),
            Ieee::F64 => (52, -1074, 1024),
        }
    }
}

/// `±(m + sticky) · 2^e` correctly rounded (nearest even) to `fmt`, returned as f64 (exact for
/// F32 results, which the caller narrows). Overflow gives ±Inf, underflow ±0.
pub fn to_ieee(neg: bool, m: &BigUint, e: i64, sticky: bool, fmt: Ieee) -> f64 {
    let (mbits, dmin, bound) = fmt.params();
    let sign = if neg { -1.0 } else { 1.0 };
    if m.is_zero() {
        return 0.0 * sign;
    }
    let top = e + m.bits() as i64;
    // The last place: 53 (24) significant bits for normal numbers, a fixed unit for denormals.
    let lsb = (top - 1 - mbits).max(dmin);
    let q = round_to_unit(m, e, lsb, sticky, Mode::NearestEven);
    if q.is_zero() {
        return 0.0 * sign;
    }
    if lsb + q.bits() as i64 > bound {
        return f64::INFINITY * sign;
    }
    // q < 2^54, so the conversion is exact, and so is the scaling: the result is representable.
    let q = q.iter_u64_digits().next().unwrap_or(0) as f64;
    sign * ldexp(q, lsb)
}

/// `x · 2^n` by exact power-of-two steps (each factor is a normal float64).
fn ldexp(mut x: f64, mut n: i64) -> f64 {
    let pow2 = |k: i64| f64::from_bits(((k + 1023) as u64) << 52);
    while n > 1000 {
        x *= pow2(1000);
        n -= 1000;
    }
    while n < -1000 {
        x *= pow2(-1000);
        n += 1000;
    }
    x * pow2(n)
}

/// A fraction correctly rounded to `fmt` (Go's `big.Rat.Float64`/`Float32`).
pub fn rat_to_ieee(r: &Rat, fmt: Ieee) -> f64 {
    let (q, e, sticky) = quotient(r.num().magnitude(), r.den().magnitude(), 64);
    to_ieee(r.sign() < 0, &q, e, sticky, fmt)
}

/// What Go's `big.Float.SetString` (precision 512) yields for a float literal whose value is
/// `m · 2^(exp2 - bits(m)) · 5^exp5` (the caller has already checked that `exp2`, Go's binary
/// exponent before the decimal scaling, fits in 32 bits; otherwise Go reports an error).
///
/// Go does not round this value once: it multiplies (or divides) the exact mantissa by 5^|exp5|
/// computed in 576-bit precision by repeated squaring, each step rounded. go/constant only keeps
/// this float for literals beyond 2^±4096; smaller ones are re-read as exact fractions.
pub fn parse_literal(m: &BigUint, exp2: i64, exp5: i64) -> Result<BigFloat, Inf> {
    let e = exp2 - m.bits() as i64;
    if exp5 == 0 {
        return finish(false, m.clone(), e, false, PREC, Mode::NearestEven);
    }
    let z = BigFloat {
        neg: false,
        mant: m.clone(),
        exp: e,
    };
    match (pow5(exp5.unsigned_abs()), exp5 > 0) {
        (Some(p), true) => finish(
            false,
            m * &p.mant,
            e + p.exp,
            false,
            PREC,
            Mode::NearestEven,
        ),
        (Some(p), false) => z.quo(&p, PREC),
        (None, true) => Err(Inf),
        (None, false) => Ok(BigFloat::zero()), // x / Inf
    }
}

/// `5^n` as Go's `big.Float.pow5` computes it at 576 bits (512 + 64); `None` is +Inf.
fn pow5(n: u64) -> Option<BigFloat> {
    const P: u64 = PREC + 64;
    const TAB_MAX: u64 = 27; // 5^27 is the largest power of 5 below 2^64 (Go's pow5tab)
    let exact = |k: u64| BigFloat::from_int(&BigInt::from(5u64.pow(k as u32)), P).ok();
    if n <= TAB_MAX {
        return exact(n);
    }
    let mut z = exact(TAB_MAX)?;
    let mut f = exact(1);
    let mut n = n - TAB_MAX;
    while n > 0 {
        if n & 1 != 0 {
            z = z.mul(f.as_ref()?, P).ok()?;
        }
        f = f.and_then(|f| f.mul(&f, P).ok());
        n >>= 1;
    }
    Some(z)
}
