//! CHECKER (constants): operators on constant values. In: `Value`s and `ast` operators. Out:
//! the exact result (Go's `constant.BinaryOp`, `UnaryOp`, `Shift`, `Compare`), or a
//! `ConstError` where Go reports one (division by zero, an infinite float, a bad shift).
//!
//! Operands of different numeric representations are first brought to the richer one (Go's
//! `match`: int < fraction < big float < complex), so `1 + 0.5` is a fraction and anything mixed
//! with a big float rounds to 512 bits.
//!
//! The checker decides by type what the value alone cannot tell: whether `/` truncates
//! (`int_div`, true when the operands' type is an integer type, even for untyped `7 / 2`) and
//! the bit size of an unsigned type for `^x`. It also rejects by type the operators Go does not
//! define on an operand (`%` on floats), and re-checks typed results with `representable`.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_traits::{One, Zero};

use super::bigfloat::{BigFloat, PREC};
use super::{make_float, make_rat, ConstError, Float, Rat, Value};
use crate::ast::{BinOp, UnOp};

/// The largest constant shift count types2 accepts: `1023 - 1 + 52`, enough to write the
/// smallest float64 (`1 << 1074` is fine; `1 << 1075` is "invalid shift count").
pub const SHIFT_BOUND: u64 = 1074;

/// `op y`. `unsigned_bits` is the size of `y`'s type when that type is unsigned (8 for `uint8`,
/// 64 for `uint`), else 0: `^uint8(1)` is 254, but untyped `^1` is -2.
pub fn unary_op(op: UnOp, y: &Value, unsigned_bits: u32) -> Result<Value, ConstError> {
    match (op, y) {
        (UnOp::Pos, Value::Int(_) | Value::Float(_) | Value::Complex(..)) => Ok(y.clone()),
        (UnOp::Neg, Value::Int(i)) => Ok(Value::Int(-i)),
        (UnOp::Neg, Value::Float(Float::Rat(r))) => Ok(Value::Float(Float::Rat(r.neg()))),
        (UnOp::Neg, Value::Float(Float::Big(b))) => Ok(Value::Float(Float::Big(b.neg()))),
        (UnOp::Neg, Value::Complex(re, im)) => Ok(Value::Complex(
            Box::new(unary_op(UnOp::Neg, re, 0)?),
            Box::new(unary_op(UnOp::Neg, im, 0)?),
        )),
        (UnOp::Xor, Value::Int(i)) => {
            let not = -i - 1u32; // two's complement: ^x == -x-1 for unbounded integers
            if unsigned_bits == 0 {
                return Ok(Value::Int(not));
            }
            // For unsigned types the complement is negative, i.e. "too large": keep only the
            // type's bits (Go: z &^= -1 << prec).
            let mask = (BigInt::one() << unsigned_bits) - 1u32;
            Ok(Value::Int(not & mask))
        }
        (UnOp::Not, Value::Bool(b)) => Ok(Value::Bool(!b)),
        _ => Err(ConstError::InvalidOp),
    }
}

/// `x op y` for every binary operator: arithmetic, logical, bitwise, comparisons (a `Bool`
/// result) and shifts. `int_div` makes `/` truncate; the checker sets it when the operands'
/// type is an integer type (Go's `QUO_ASSIGN` trick), otherwise `/` is exact (`1/2` of two
/// integer values is the fraction 1/2 under a float type).
pub fn binary_op(x: &Value, op: BinOp, y: &Value, int_div: bool) -> Result<Value, ConstError> {
    use BinOp::*;
    match op {
        Eq | Ne | Lt | Le | Gt | Ge => return compare(x, op, y).map(Value::Bool),
        Shl | Shr => {
            let count = y.to_int().ok_or(ConstError::InvalidShiftCount)?;
            if count.sign() < 0 {
                return Err(ConstError::NegativeShiftCount);
            }
            let s = count
                .to_u64()
                .filter(|&s| s <= SHIFT_BOUND)
                .ok_or(ConstError::InvalidShiftCount)?;
            return shift(x, op, s as u32);
        }
        Div | Rem if divides_by_zero(y) => return Err(ConstError::DivByZero),
        _ => {}
    }
    let (x, y) = match_repr(x, y)?;
    match (&x, &y) {
        (Value::Bool(a), Value::Bool(b)) => match op {
            LAnd => Ok(Value::Bool(*a && *b)),
            LOr => Ok(Value::Bool(*a || *b)),
            _ => Err(ConstError::InvalidOp),
        },
        (Value::String(a), Value::String(b)) if op == Add => {
            Ok(Value::from_bytes(&[&a[..], &b[..]].concat()))
        }
        (Value::Int(a), Value::Int(b)) => Ok(Value::Int(match op {
            Add => a + b,
            Sub => a - b,
            Mul => a * b,
            // go/constant divides int64-sized operands with Go's own int64 `/`, which wraps
            // for MinInt64 / -1; Go 1.27 folds `math.MinInt64 / -1` to MinInt64, so gol must too.
            Div if int_div && *a == BigInt::from(i64::MIN) && *b == BigInt::from(-1) => a.clone(),
            Div if int_div => a / b, // BigInt division truncates toward zero, like Go's
            Div => return make_rat(Rat::new(a.clone(), b.clone())),
            Rem => a % b, // the sign follows the dividend, like Go's
            And => a & b,
            Or => a | b,
            Xor => a ^ b,
            AndNot => a & !b,
            _ => return Err(ConstError::InvalidOp),
        })),
        (Value::Float(Float::Rat(a)), Value::Float(Float::Rat(b))) => make_rat(match op {
            Add => a.add(b),
            Sub => a.sub(b),
            Mul => a.mul(b),
            Div => a.quo(b),
            _ => return Err(ConstError::InvalidOp),
        }),
        (Value::Float(Float::Big(a)), Value::Float(Float::Big(b))) => make_float(match op {
            Add => a.add(b, PREC),
            Sub => a.sub(b, PREC),
            Mul => a.mul(b, PREC),
            Div => a.quo(b, PREC),
            _ => return Err(ConstError::InvalidOp),
        }),
        (Value::Complex(a, b), Value::Complex(c, d)) => complex_op(a, b, op, c, d),
        _ => Err(ConstError::InvalidOp),
    }
}

/// `(a+bi) op (c+di)` with Go's formulas, each part computed exactly by `binary_op`.
fn complex_op(a: &Value, b: &Value, op: BinOp, c: &Value, d: &Value) -> Result<Value, ConstError> {
    let f = |x: &Value, op: BinOp, y: &Value| binary_op(x, op, y, false);
    let (re, im) = match op {
        BinOp::Add => (f(a, BinOp::Add, c)?, f(b, BinOp::Add, d)?),
        BinOp::Sub => (f(a, BinOp::Sub, c)?, f(b, BinOp::Sub, d)?),
        BinOp::Mul => {
            let (ac, bd) = (f(a, BinOp::Mul, c)?, f(b, BinOp::Mul, d)?);
            let (bc, ad) = (f(b, BinOp::Mul, c)?, f(a, BinOp::Mul, d)?);
            (f(&ac, BinOp::Sub, &bd)?, f(&bc, BinOp::Add, &ad)?)
        }
        BinOp::Div => {
            // (ac+bd)/s + i(bc-ad)/s with s = cc+dd
            let (ac, bd) = (f(a, BinOp::Mul, c)?, f(b, BinOp::Mul, d)?);
            let (bc, ad) = (f(b, BinOp::Mul, c)?, f(a, BinOp::Mul, d)?);
            let s = f(&f(c, BinOp::Mul, c)?, BinOp::Add, &f(d, BinOp::Mul, d)?)?;
            (
                f(&f(&ac, BinOp::Add, &bd)?, BinOp::Div, &s)?,
                f(&f(&bc, BinOp::Sub, &ad)?, BinOp::Div, &s)?,
            )
        }
        _ => return Err(ConstError::InvalidOp),
    };
    Ok(Value::Complex(Box::new(re), Box::new(im)))
}

/// types2's zero-divisor test: a zero value, or a complex divisor whose squared parts both
/// vanish (they can underflow even when the parts do not: go.dev/issue/20227).
fn divides_by_zero(y: &Value) -> bool {
    if let Value::Complex(re, im) = y {
        let sq = |v: &Value| binary_op(v, BinOp::Mul, v, false).map_or(1, |p| p.sign());
        return sq(re) == 0 && sq(im) == 0;
    }
    y.sign() == 0
}

/// `x << s` or `x >> s` on an integer value (`>>` rounds toward negative infinity, like Go's
/// arithmetic shift). A float operand must already be integral: `2.0 << 1` is 4.
pub fn shift(x: &Value, op: BinOp, s: u32) -> Result<Value, ConstError> {
    let Some(Value::Int(i)) = x.to_int() else {
        return Err(ConstError::ShiftOperandNotInteger);
    };
    match op {
        BinOp::Shl => Ok(Value::Int(i << s)),
        BinOp::Shr => Ok(Value::Int(i >> s)),
        _ => Err(ConstError::InvalidOp),
    }
}

/// `x op y` for `== != < <= > >=`. Complex values and booleans only compare for equality;
/// strings compare bytewise.
pub fn compare(x: &Value, op: BinOp, y: &Value) -> Result<bool, ConstError> {
    let (x, y) = match_repr(x, y)?;
    let ord = match (&x, &y) {
        (Value::Bool(a), Value::Bool(b)) if matches!(op, BinOp::Eq | BinOp::Ne) => a.cmp(b),
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Int(a), Value::Int(b)) => a.cmp(b),
        (Value::Float(Float::Rat(a)), Value::Float(Float::Rat(b))) => a.cmp(b),
        (Value::Float(Float::Big(a)), Value::Float(Float::Big(b))) => a.cmp(b),
        (Value::Complex(a, b), Value::Complex(c, d)) if matches!(op, BinOp::Eq | BinOp::Ne) => {
            let eq = compare(a, BinOp::Eq, c)? && compare(b, BinOp::Eq, d)?;
            if eq {
                Ordering::Equal
            } else {
                Ordering::Less
            }
        }
        _ => return Err(ConstError::InvalidOp),
    };
    Ok(match op {
        BinOp::Eq => ord.is_eq(),
        BinOp::Ne => ord.is_ne(),
        BinOp::Lt => ord.is_lt(),
        BinOp::Le => ord.is_le(),
        BinOp::Gt => ord.is_gt(),
        BinOp::Ge => ord.is_ge(),
        _ => return Err(ConstError::InvalidOp),
    })
}

/// Go's `ord`: the richness of a representation.
fn rank(v: &Value) -> u8 {
    match v {
        Value::Bool(_) | Value::String(_) => 1,
        Value::Int(_) => 2,
        Value::Float(Float::Rat(_)) => 4,
        Value::Float(Float::Big(_)) => 5,
        Value::Complex(..) => 6,
    }
}

/// Go's `match`: both operands in the richer representation. Conversions to a fraction are
/// exact; to a big float they round to 512 bits.
fn match_repr(x: &Value, y: &Value) -> Result<(Value, Value), ConstError> {
    let (rx, ry) = (rank(x), rank(y));
    if (rx == 1) != (ry == 1) {
        return Err(ConstError::InvalidOp); // bool or string against a number
    }
    Ok(match rx.cmp(&ry) {
        Ordering::Equal => (x.clone(), y.clone()),
        Ordering::Less => (promote(x, ry)?, y.clone()),
        Ordering::Greater => (x.clone(), promote(y, rx)?),
    })
}

fn promote(v: &Value, rank: u8) -> Result<Value, ConstError> {
    let big = |b| Ok(Value::Float(Float::Big(b)));
    match (v, rank) {
        (_, 6) => Ok(Value::Complex(
            Box::new(v.clone()),
            Box::new(Value::Int(BigInt::zero())),
        )),
        (Value::Int(i), 4) => Ok(Value::Float(Float::Rat(Rat::from_int(i.clone())))),
        (Value::Int(i), 5) => {
            BigFloat::from_int(i, PREC).map_or(Err(ConstError::NotRepresentable), big)
        }
        (Value::Float(Float::Rat(r)), 5) => {
            BigFloat::from_rat(r, PREC).map_or(Err(ConstError::NotRepresentable), big)
        }
        _ => Err(ConstError::InvalidOp),
    }
}
