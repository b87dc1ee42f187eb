//! CHECKER (constants): Go's exact constant arithmetic, the role of Go's go/constant package.
//! In: literal text from the AST, operators, basic kinds. Out: `Value`s computed exactly as the Go
//! compiler computes them, representability verdicts with Go's rounding, Go's printed form of a
//! constant (`Display`), and the wording of Go's constant errors (`messages`).
//!
//! Representation (the same tiers as go/constant, so results agree bit for bit):
//! - integers are exact `BigInt`s (the checker rejects untyped results over 512 bits);
//! - floats are exact fractions (`Rat`) while numerator and denominator stay under 4096 bits, so
//!   `1.0/3*3 == 1` and `0.1+0.2 == 0.3` hold; beyond that (`1e5000`) they become 512-bit binary
//!   floats (`BigFloat`) rounded like Go's math/big, and stay so: Go never converts back, since
//!   that would claim an exactness the value no longer has;
//! - complex numbers are pairs of integer or float values.
//!
//! Rejected designs: f64 or a fixed 256-bit float for untyped floats (then `0.1+0.2 == 0.3` is
//! false, unlike Go); fractions only (`1e1000000000` is a valid Go constant and would need a
//! 400 MB numerator); a general big-float crate (its rounding would not be Go's).
//!
//! Split: `rat.rs` fractions, `bigfloat.rs` Go's big.Float, `ops.rs` operators, `repr.rs`
//! representability and `BasicKind`, `format.rs` printing, `messages.rs` error texts.

mod bigfloat;
mod format;
pub mod messages;
mod ops;
mod rat;
mod repr;
mod set;
#[cfg(test)]
mod tests;

use std::rc::Rc;

use num_bigint::{BigInt, BigUint};
use num_traits::{One, ToPrimitive, Zero};

use crate::ast::LitKind;
pub use bigfloat::BigFloat;
pub use format::{exact_string, format_g, quote};
pub use ops::{binary_op, compare, shift, unary_op, SHIFT_BOUND};
pub use rat::Rat;
pub use repr::{rep_error, representable, string_from_int, BasicKind, RepError};
pub use set::ConstSet;

/// A Go constant's value. The type (untyped int, `uint8`, ...) lives with the checker's operand:
/// go/constant values carry no type either, and typed results are re-rounded by `representable`.
///
/// `PartialEq` compares representations (a `Rat` 1 differs from a `BigFloat` 1 and from `Int` 1);
/// Go's `==` on constants is `compare(x, BinOp::Eq, y)`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Bool(bool),
    /// Go strings are bytes, not necessarily UTF-8 (`"\xff"`).
    String(Rc<[u8]>),
    Int(BigInt),
    Float(Float),
    /// Real and imaginary parts, each an `Int` or a `Float` (a literal `2i` has an `Int` 0 real
    /// part, as in Go, which matters only for printing).
    Complex(Box<Value>, Box<Value>),
}

/// The numeric tiers of a float constant (see the module comment).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Float {
    Rat(Rat),
    Big(BigFloat),
}

/// go/constant's `Kind` (without `Unknown`: failed operations return `Err` instead).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Bool,
    String,
    Int,
    Float,
    Complex,
}

/// Why a constant operation has no value. The checker turns each into Go's message (see
/// `messages`); the operands it reports on are its business.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConstError {
    /// `x / 0`, `x % 0`, or a complex divisor whose squared parts are both zero.
    DivByZero,
    /// A float result beyond big.Float's exponent range (about 10^±646456992): Go's
    /// "constant result is not representable".
    NotRepresentable,
    /// A shift count below zero, above `SHIFT_BOUND`, or not an integer.
    NegativeShiftCount,
    InvalidShiftCount,
    /// The left operand of a shift is not an integer value (`2.5 << 1`).
    ShiftOperandNotInteger,
    /// The operator is not defined on these operands (`"a" - "b"`, `1.5 % 1`); the checker
    /// rejects such expressions by type before folding them.
    InvalidOp,
}

/// Fractions with components of at most this many bits stay exact (go/constant's `maxExp`).
const MAX_EXP: u64 = 4 << 10;

/// Untyped integer constants may not exceed this many bits (types2's `overflow`: "constant
/// addition overflow" and friends).
pub const MAX_UNTYPED_INT_BITS: u64 = 512;

/// String constants may not exceed this length (types2; go.dev/issue/78346): "constant string
/// too long (N bytes > 2000000000 bytes)".
pub const MAX_STRING_LEN: u64 = 2_000_000_000;

impl Value {
    pub fn kind(&self) -> Kind {
        match self {
            Value::Bool(_) => Kind::Bool,
            Value::String(_) => Kind::String,
            Value::Int(_) => Kind::Int,
            Value::Float(_) => Kind::Float,
            Value::Complex(..) => Kind::Complex,
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self.kind(), Kind::Int | Kind::Float | Kind::Complex)
    }

    pub fn from_bytes(b: &[u8]) -> Value {
        Value::String(Rc::from(b))
    }

    pub fn from_i64(i: i64) -> Value {
        Value::Int(BigInt::from(i))
    }

    pub fn from_u64(u: u64) -> Value {
        Value::Int(BigInt::from(u))
    }

    /// Go's `MakeFloat64`: the exact value of `f` (so -0 becomes 0); `None` for NaN and ±Inf.
    pub fn from_f64(f: f64) -> Option<Value> {
        if !f.is_finite() {
            return None;
        }
        let bits = f.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1 << 52) - 1);
        let (m, e) = if exp == 0 {
            (frac, -1074)
        } else {
            (frac | 1 << 52, exp - 1075)
        };
        let m = if f < 0.0 {
            -BigInt::from(m)
        } else {
            BigInt::from(m)
        };
        let r = if e >= 0 {
            Rat::from_int(m << e as u64)
        } else {
            Rat::new(m, BigInt::one() << (-e) as u64)
        };
        Some(Value::Float(Float::Rat(r)))
    }

    /// The value of a literal token's raw text; `None` where Go reports "malformed constant"
    /// (a float literal whose exponent is out of range, like `1e9999999999`).
    pub fn from_literal(kind: LitKind, raw: &str) -> Option<Value> {
        match kind {
            LitKind::Int => parse_int(raw).map(Value::Int),
            LitKind::Float => parse_float(raw),
            LitKind::Imag => {
                let im = parse_float(raw.strip_suffix('i')?)?;
                Some(Value::Complex(
                    Box::new(Value::Int(BigInt::zero())),
                    Box::new(im),
                ))
            }
            LitKind::Rune => Some(Value::Int(BigInt::from(crate::lexer::literal::rune_value(
                raw,
            )))),
            LitKind::String => Some(Value::from_bytes(&crate::lexer::literal::unquote_string(
                raw,
            ))),
        }
    }

    /// -1, 0 or 1; for complex values 0 exactly when both parts are 0 (otherwise nonzero).
    pub fn sign(&self) -> i32 {
        match self {
            Value::Int(i) => rat::sign_of(i),
            Value::Float(Float::Rat(r)) => r.sign(),
            Value::Float(Float::Big(b)) => b.sign(),
            Value::Complex(re, im) => re.sign() | im.sign(),
            Value::Bool(_) | Value::String(_) => 1,
        }
    }

    /// Bits of `|x|` for an integer (0 otherwise): what types2 compares with 512.
    pub fn bit_len(&self) -> u64 {
        match self {
            Value::Int(i) => i.bits(),
            _ => 0,
        }
    }

    /// An untyped integer result too large to keep (types2 reports "constant OP overflow").
    pub fn untyped_int_overflows(&self) -> bool {
        self.bit_len() > MAX_UNTYPED_INT_BITS
    }

    /// Go's `ToInt`: the integer equal to `self`, if any. A big float that is an integer only up to
    /// a few bits of accumulated rounding counts as that integer, as in Go.
    pub fn to_int(&self) -> Option<Value> {
        match self {
            Value::Int(_) => Some(self.clone()),
            Value::Float(Float::Rat(r)) => r.is_int().then(|| Value::Int(r.num().clone())),
            Value::Float(Float::Big(b)) => {
                // Go refuses to build huge integers: only values within 2^±4096.
                if !small_float(b) {
                    return None;
                }
                const DELTA: u64 = 4; // "a small number of bits > 0"
                b.to_int()
                    .or_else(|| {
                        b.round(bigfloat::PREC - DELTA, bigfloat::Mode::ToZero)
                            .ok()?
                            .to_int()
                    })
                    .or_else(|| {
                        b.round(bigfloat::PREC - DELTA, bigfloat::Mode::AwayFromZero)
                            .ok()?
                            .to_int()
                    })
                    .map(Value::Int)
            }
            Value::Complex(..) => self.to_float()?.to_int(),
            Value::Bool(_) | Value::String(_) => None,
        }
    }

    /// Go's `ToFloat`: integers become floats (exactly while small), complex values with a zero
    /// imaginary part their real part.
    pub fn to_float(&self) -> Option<Value> {
        match self {
            Value::Int(i) if i.bits() < MAX_EXP => {
                Some(Value::Float(Float::Rat(Rat::from_int(i.clone()))))
            }
            Value::Int(i) => BigFloat::from_int(i, bigfloat::PREC)
                .ok()
                .map(|b| Value::Float(Float::Big(b))),
            Value::Float(_) => Some(self.clone()),
            Value::Complex(re, im) if im.sign() == 0 => re.to_float(),
            _ => None,
        }
    }

    /// Go's `ToComplex`.
    pub fn to_complex(&self) -> Option<Value> {
        match self {
            Value::Int(_) | Value::Float(_) => Some(Value::Complex(
                Box::new(self.clone()),
                Box::new(Value::Int(BigInt::zero())),
            )),
            Value::Complex(..) => Some(self.clone()),
            _ => None,
        }
    }

    /// `real(x)` of a numeric constant.
    pub fn real(&self) -> Option<Value> {
        match self {
            Value::Int(_) | Value::Float(_) => Some(self.clone()),
            Value::Complex(re, _) => Some((**re).clone()),
            _ => None,
        }
    }

    /// `imag(x)` of a numeric constant.
    pub fn imag(&self) -> Option<Value> {
        match self {
            Value::Int(_) | Value::Float(_) => Some(Value::Int(BigInt::zero())),
            Value::Complex(_, im) => Some((**im).clone()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A string constant's bytes.
    pub fn to_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// An integer constant that fits in `i64` (typed constants were checked by `representable`).
    pub fn to_i64(&self) -> Option<i64> {
        match self {
            Value::Int(i) => i.to_i64(),
            _ => None,
        }
    }

    pub fn to_u64(&self) -> Option<u64> {
        match self {
            Value::Int(i) => i.to_u64(),
            _ => None,
        }
    }

    /// Go's `Float64Val`: the nearest float64 of an integer or float constant (±Inf when too
    /// large, 0 when too small). `None` for complex and non-numeric values.
    pub fn to_f64(&self) -> Option<f64> {
        Some(match self {
            Value::Int(i) => match i.to_i64() {
                Some(small) => small as f64, // Go's float64(int64): correctly rounded, as is Rust's
                None => BigFloat::from_int(i, bigfloat::PREC).ok()?.to_f64(),
            },
            Value::Float(Float::Rat(r)) => bigfloat::rat_to_ieee(r, bigfloat::Ieee::F64),
            Value::Float(Float::Big(b)) => b.to_f64(),
            _ => return None,
        })
    }

    /// Go's `Float32Val`.
    pub fn to_f32(&self) -> Option<f32> {
        Some(match self {
            Value::Int(i) => match i.to_i64() {
                Some(small) => small as f32,
                None => BigFloat::from_int(i, bigfloat::PREC).ok()?.to_f32(),
            },
            Value::Float(Float::Rat(r)) => bigfloat::rat_to_ieee(r, bigfloat::Ieee::F32) as f32,
            Value::Float(Float::Big(b)) => b.to_f32(),
            _ => return None,
        })
    }
}

/// Go's `makeRat`: a fraction stays exact while its parts are under 4096 bits.
fn make_rat(r: Rat) -> Result<Value, ConstError> {
    if r.num().bits() < MAX_EXP && r.den().bits() < MAX_EXP {
        return Ok(Value::Float(Float::Rat(r)));
    }
    make_float(BigFloat::from_rat(&r, bigfloat::PREC))
}

/// Go's `makeFloat`: an infinite result is no constant.
fn make_float(b: Result<BigFloat, bigfloat::Inf>) -> Result<Value, ConstError> {
    b.map(|b| Value::Float(Float::Big(b)))
        .map_err(|_| ConstError::NotRepresentable)
}

/// Go's `smallFloat`: within 2^±4096, where fractions are still of reasonable size.
fn small_float(b: &BigFloat) -> bool {
    let e = b.exponent();
    -(MAX_EXP as i64) < e && e < MAX_EXP as i64
}

/// Strips `_` separators and a base prefix: (digits, base). A leading `0` alone means octal
/// for integers (`legacy_octal`), decimal for floats and imaginary literals.
fn split_base(lit: &str, legacy_octal: bool) -> (String, u32) {
    let s: String = lit.chars().filter(|&c| c != '_').collect();
    let lower = s.to_ascii_lowercase();
    for (prefix, base) in [("0x", 16), ("0b", 2), ("0o", 8)] {
        if lower.starts_with(prefix) {
            return (s[2..].to_string(), base);
        }
    }
    if legacy_octal && s.len() > 1 && s.starts_with('0') {
        return (s[1..].to_string(), 8);
    }
    (s, 10)
}

fn parse_int(lit: &str) -> Option<BigInt> {
    let (digits, base) = split_base(lit, true);
    BigUint::parse_bytes(digits.as_bytes(), base).map(BigInt::from)
}

/// A float literal (or an imaginary literal without its `i`), as go/constant reads it: parsed
/// the way big.Float.SetString does (that decides overflow and the representation), then, if
/// within 2^±4096, re-read as the exact fraction.
fn parse_float(lit: &str) -> Option<Value> {
    let (s, base) = split_base(lit, false);
    let exp_at = if base == 16 {
        s.find(['p', 'P'])
    } else {
        s.find(['e', 'E', 'p', 'P'])
    };
    let (mantissa, exponent) = match exp_at {
        Some(i) => (
            &s[..i],
            Some((s.as_bytes()[i].to_ascii_lowercase(), &s[i + 1..])),
        ),
        None => (&s[..], None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int_part}{frac_part}");
    if digits.is_empty() {
        return None;
    }
    let m = BigUint::parse_bytes(digits.as_bytes(), base)?;
    if m.is_zero() {
        return Some(Value::Float(Float::Rat(Rat::zero())));
    }
    // Go's scan: m · 2^(exp2 - bits(m)) · 5^exp5, exponents in i64 (int64 overflow is an error).
    let fcount = frac_part.len() as i64;
    let mut exp2 = m.bits() as i64;
    let mut exp5 = 0i64;
    match base {
        10 => {
            exp5 = -fcount;
            exp2 -= fcount;
        }
        2 => exp2 -= fcount,
        8 => exp2 -= 3 * fcount,
        _ => exp2 -= 4 * fcount,
    }
    if let Some((marker, text)) = exponent {
        let e: i64 = text.parse().ok()?;
        if marker == b'e' {
            exp5 = exp5.checked_add(e)?;
        }
        exp2 = exp2.checked_add(e)?;
    }
    if exp2 < i32::MIN as i64 || exp2 > i32::MAX as i64 {
        return None; // big.Float: "exponent overflow"
    }
    let f = bigfloat::parse_literal(&m, exp2, exp5).ok()?;
    if !small_float(&f) {
        return Some(Value::Float(Float::Big(f)));
    }
    if f.is_zero() {
        // Go's issue 20228: an underflow to zero is read as "0", never as a huge fraction.
        return Some(Value::Float(Float::Rat(Rat::zero())));
    }
    // The exact fraction m · 2^a · 5^exp5 (go/constant keeps a literal's fraction whatever its size).
    let a = exp2 - m.bits() as i64;
    let mut num = BigInt::from(m);
    let mut den = BigInt::one();
    let five = BigInt::from(5u32);
    if exp5 >= 0 {
        num *= five.pow(exp5 as u32);
    } else {
        den *= five.pow((-exp5) as u32);
    }
    if a >= 0 {
        num <<= a as u64;
    } else {
        den <<= (-a) as u64;
    }
    Some(Value::Float(Float::Rat(Rat::new(num, den))))
}
