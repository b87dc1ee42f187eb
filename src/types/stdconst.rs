//! CHECKER: the constants of standard packages (`math.MaxInt64`, `math.Pi`). Input: an import
//! path and a member name. Output: the exact untyped constant Go declares (values as in Go's
//! `math/const.go`, on a 64-bit platform), or `None` for anything this table does not describe.

use super::constant::{binary_op, Value};
use super::ty::TypeId;
use crate::ast::{BinOp, LitKind};

/// The value and untyped type of `path.name`, if it is a described constant.
pub(super) fn lookup(path: &str, name: &str) -> Option<(Value, TypeId)> {
    match path {
        "math" => math(name),
        "unicode/utf8" | "utf8" => match name {
            "RuneError" => Some((Value::from_i64(0xFFFD), TypeId::UNTYPED_RUNE)),
            "RuneSelf" => Some((Value::from_i64(0x80), TypeId::UNTYPED_INT)),
            "MaxRune" => Some((Value::from_i64(0x10FFFF), TypeId::UNTYPED_RUNE)),
            "UTFMax" => Some((Value::from_i64(4), TypeId::UNTYPED_INT)),
            _ => None,
        },
        "unicode" => match name {
            "MaxRune" => Some((Value::from_i64(0x10FFFF), TypeId::UNTYPED_RUNE)),
            "ReplacementChar" => Some((Value::from_i64(0xFFFD), TypeId::UNTYPED_RUNE)),
            "MaxASCII" => Some((Value::from_i64(0x7F), TypeId::UNTYPED_RUNE)),
            "MaxLatin1" => Some((Value::from_i64(0xFF), TypeId::UNTYPED_RUNE)),
            "UpperLower" => Some((Value::from_i64(0x110000), TypeId::UNTYPED_RUNE)),
            "UpperCase" => Some((Value::from_i64(0), TypeId::UNTYPED_INT)),
            "LowerCase" => Some((Value::from_i64(1), TypeId::UNTYPED_INT)),
            "TitleCase" => Some((Value::from_i64(2), TypeId::UNTYPED_INT)),
            "MaxCase" => Some((Value::from_i64(3), TypeId::UNTYPED_INT)),
            _ => None,
        },
        "math/bits" | "bits" if name == "UintSize" => {
            Some((Value::from_i64(64), TypeId::UNTYPED_INT))
        }
        "strconv" if name == "IntSize" => Some((Value::from_i64(64), TypeId::UNTYPED_INT)),
        _ => None,
    }
}

fn float(raw: &str) -> Value {
    Value::from_literal(LitKind::Float, raw).expect("a valid float literal")
}

fn op(x: Value, o: BinOp, y: Value) -> Value {
    binary_op(&x, o, &y, false).expect("an exact constant operation")
}

/// `base * (1 + (1 - eps))`: the largest finite float of a format.
fn max_float(base: &str, eps: &str) -> Value {
    let one = Value::from_i64(1);
    let mantissa = op(one.clone(), BinOp::Add, op(one, BinOp::Sub, float(eps)));
    op(float(base), BinOp::Mul, mantissa)
}

const LN2: &str = "0.693147180559945309417232121458176568075500134360255254120680009";
const LN10: &str = "2.30258509299404568401799145468436420760110148862877297603332790";

fn math(name: &str) -> Option<(Value, TypeId)> {
    let int = |v: Value| Some((v, TypeId::UNTYPED_INT));
    let fl = |v: Value| Some((v, TypeId::UNTYPED_FLOAT));
    match name {
        "MaxInt" | "MaxInt64" => int(Value::from_i64(i64::MAX)),
        "MinInt" | "MinInt64" => int(Value::from_i64(i64::MIN)),
        "MaxInt8" => int(Value::from_i64(i8::MAX.into())),
        "MinInt8" => int(Value::from_i64(i8::MIN.into())),
        "MaxInt16" => int(Value::from_i64(i16::MAX.into())),
        "MinInt16" => int(Value::from_i64(i16::MIN.into())),
        "MaxInt32" => int(Value::from_i64(i32::MAX.into())),
        "MinInt32" => int(Value::from_i64(i32::MIN.into())),
        "MaxUint" | "MaxUint64" => int(Value::from_u64(u64::MAX)),
        "MaxUint8" => int(Value::from_u64(u8::MAX.into())),
        "MaxUint16" => int(Value::from_u64(u16::MAX.into())),
        "MaxUint32" => int(Value::from_u64(u32::MAX.into())),
        "E" => fl(float(
            "2.71828182845904523536028747135266249775724709369995957496696763",
        )),
        "Pi" => fl(float(
            "3.14159265358979323846264338327950288419716939937510582097494459",
        )),
        "Phi" => fl(float(
            "1.61803398874989484820458683436563811772030917980576286213544862",
        )),
        "Sqrt2" => fl(float(
            "1.41421356237309504880168872420969807856967187537694807317667974",
        )),
        "SqrtE" => fl(float(
            "1.64872127070012814684865078781416357165377610071014801157507931",
        )),
        "SqrtPi" => fl(float(
            "1.77245385090551602729816748334114518279754945612238712821380779",
        )),
        "SqrtPhi" => fl(float(
            "1.27201964951406896425242246173749149171560804184009624861664038",
        )),
        "Ln2" => fl(float(LN2)),
        "Log2E" => fl(op(Value::from_i64(1), BinOp::Div, float(LN2))),
        "Ln10" => fl(float(LN10)),
        "Log10E" => fl(op(Value::from_i64(1), BinOp::Div, float(LN10))),
        "MaxFloat32" => fl(max_float("0x1p127", "0x1p-23")),
        "SmallestNonzeroFloat32" => fl(op(float("0x1p-126"), BinOp::Mul, float("0x1p-23"))),
        "MaxFloat64" => fl(max_float("0x1p1023", "0x1p-52")),
        "SmallestNonzeroFloat64" => fl(op(float("0x1p-1022"), BinOp::Mul, float("0x1p-52"))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_math_constant_evaluates() {
        for n in [
            "MaxInt",
            "MinInt64",
            "MaxUint64",
            "Pi",
            "Log2E",
            "Log10E",
            "MaxFloat32",
            "SmallestNonzeroFloat32",
            "MaxFloat64",
            "SmallestNonzeroFloat64",
        ] {
            assert!(lookup("math", n).is_some(), "{n}");
        }
        assert_eq!(lookup("math", "MaxInt8").unwrap().0.to_i64(), Some(127));
        assert!(lookup("math", "Sqrt").is_none());
        assert!(lookup("strings", "Pi").is_none());
    }
}
