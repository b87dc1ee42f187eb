//! Tests of Go's constant arithmetic. In: Go constant expressions, folded by a small typed
//! evaluator below (the checker's job in miniature). Out: comparisons with what Go 1.27 prints
//! for the same expressions (each expected value was taken from the Go oracle,
//! /work/shared/tools/go-oracle, on a program printing it or failing to compile).

use num_bigint::BigInt;

use super::messages::{self, OperandType};
use super::*;
use crate::ast::{BinOp, Expr, ExprKind, Item, UnOp};

/// A constant operand: its value and its (basic) type.
type Operand = (Value, BasicKind);

/// Folds a Go constant expression the way types2 does for constants: untyped operands take the
/// type of a typed partner, typed results are re-checked with `representable`, `/` truncates
/// under integer types. Supports literals, parentheses, unary and binary operators, `true`,
/// `false` and conversions to basic types. Errors come back as short tags.
fn fold(src: &str) -> Result<Operand, String> {
    let parsed = crate::parser::parse(&format!("package p\nconst _ = {src}\n"));
    let file = parsed
        .file
        .unwrap_or_else(|| panic!("{src}: {:?}", parsed.diags));
    let Some(Item::Decl(decl)) = file.items.first() else {
        panic!("{src}: no declaration")
    };
    let value = first_value(decl).unwrap_or_else(|| panic!("{src}: no value"));
    eval(value)
}

fn first_value(decl: &crate::ast::GenDecl) -> Option<&Expr> {
    match &decl.kind {
        crate::ast::DeclKind::Const(specs) => specs.first()?.values.first(),
        _ => None,
    }
}

fn tag<T>(e: ConstError) -> Result<T, String> {
    Err(format!("{e:?}"))
}

fn rep<T>(e: RepError) -> Result<T, String> {
    Err(format!("{e:?}"))
}

fn eval(e: &Expr) -> Result<Operand, String> {
    match &e.kind {
        ExprKind::BasicLit(kind, raw) => {
            let v = Value::from_literal(*kind, raw).ok_or("Malformed")?;
            let k = match kind {
                crate::ast::LitKind::Int => BasicKind::UntypedInt,
                crate::ast::LitKind::Float => BasicKind::UntypedFloat,
                crate::ast::LitKind::Imag => BasicKind::UntypedComplex,
                crate::ast::LitKind::Rune => BasicKind::UntypedRune,
                crate::ast::LitKind::String => BasicKind::UntypedString,
            };
            Ok((v, k))
        }
        ExprKind::Ident(name) if name == "true" || name == "false" => {
            Ok((Value::Bool(name == "true"), BasicKind::UntypedBool))
        }
        ExprKind::Paren(x) => eval(x),
        ExprKind::Call { func, args, .. } => {
            let ExprKind::Ident(name) = &func.kind else {
                panic!("call of {func:?}")
            };
            let kind = basic(name);
            let (v, from) = eval(&args[0])?;
            match representable(&v, kind) {
                Ok(v) => Ok((v, kind)),
                Err(_) if from.is_integer() && kind.is_string() => {
                    Ok((string_from_int(&v).unwrap(), kind))
                }
                Err(e) => rep(e),
            }
        }
        ExprKind::Unary(op, x) => {
            let (v, k) = eval(x)?;
            let bits = if k.is_unsigned() { k.bits() } else { 0 };
            let v = unary_op(*op, &v, bits).or_else(tag)?;
            typed_result(v, k)
        }
        ExprKind::Binary(op, x, y) => {
            let (xv, xk) = eval(x)?;
            let (yv, yk) = eval(y)?;
            if matches!(op, BinOp::Shl | BinOp::Shr) {
                let k = if xk.is_untyped() {
                    BasicKind::UntypedInt
                } else {
                    xk
                };
                let v = binary_op(&xv, *op, &yv, true).or_else(tag)?;
                return typed_result(v, k);
            }
            let k = match (xk.is_untyped(), yk.is_untyped()) {
                (true, true) => untyped_max(xk, yk),
                (false, _) => xk,
                (true, false) => yk,
            };
            // An untyped operand converts to its partner's type (types2's matchTypes).
            let xv = if k.is_untyped() {
                xv
            } else {
                representable(&xv, k).or_else(rep)?
            };
            let yv = if k.is_untyped() {
                yv
            } else {
                representable(&yv, k).or_else(rep)?
            };
            let v = binary_op(&xv, *op, &yv, k.is_integer()).or_else(tag)?;
            if matches!(
                op,
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
            ) {
                return Ok((v, BasicKind::UntypedBool));
            }
            typed_result(v, k)
        }
        other => panic!("unsupported in tests: {other:?}"),
    }
}

/// types2's `overflow`: typed results must fit their type, untyped integers 512 bits.
fn typed_result(v: Value, k: BasicKind) -> Result<Operand, String> {
    if k.is_untyped() {
        if v.untyped_int_overflows() {
            return Err("ConstantOverflow".into());
        }
        return Ok((v, k));
    }
    Ok((representable(&v, k).or_else(rep)?, k))
}

fn untyped_max(a: BasicKind, b: BasicKind) -> BasicKind {
    let rank = |k| {
        [
            BasicKind::UntypedInt,
            BasicKind::UntypedRune,
            BasicKind::UntypedFloat,
            BasicKind::UntypedComplex,
        ]
        .iter()
        .position(|&x| x == k)
    };
    match (rank(a), rank(b)) {
        (Some(x), Some(y)) if y > x => b,
        _ => a,
    }
}

fn basic(name: &str) -> BasicKind {
    use BasicKind::*;
    match name {
        "int" => Int,
        "int8" => Int8,
        "int16" => Int16,
        "int32" | "rune" => Int32,
        "int64" => Int64,
        "uint" => Uint,
        "uint8" | "byte" => Uint8,
        "uint16" => Uint16,
        "uint32" => Uint32,
        "uint64" => Uint64,
        "uintptr" => Uintptr,
        "float32" => Float32,
        "float64" => Float64,
        "complex64" => Complex64,
        "complex128" => Complex128,
        "string" => String,
        other => panic!("not a basic type: {other}"),
    }
}

fn val(src: &str) -> Value {
    fold(src).unwrap_or_else(|e| panic!("{src}: {e}")).0
}

fn int(src: &str) -> BigInt {
    match val(src) {
        Value::Int(i) => i,
        other => panic!("{src}: not an integer: {other:?}"),
    }
}

fn boolean(src: &str) -> bool {
    val(src)
        .as_bool()
        .unwrap_or_else(|| panic!("{src}: not a bool"))
}

fn shown(src: &str) -> String {
    val(src).to_string()
}

fn f64_of(src: &str) -> f64 {
    val(src)
        .to_f64()
        .unwrap_or_else(|| panic!("{src}: no float64"))
}

fn err(src: &str) -> String {
    match fold(src) {
        Ok((v, _)) => panic!("{src}: expected an error, got {v}"),
        Err(e) => e,
    }
}

fn big(s: &str) -> BigInt {
    s.parse().unwrap()
}

#[test]
fn integer_arithmetic() {
    assert_eq!(int("1 << 100 >> 98"), BigInt::from(4));
    assert_eq!(val("uint64(1<<64 - 1)").to_u64(), Some(u64::MAX)); // math.MaxUint64
    assert_eq!(int("-5 / 2"), BigInt::from(-2));
    assert_eq!(int("-5 % 2"), BigInt::from(-1));
    assert_eq!(int("5 % -2"), BigInt::from(1));
    assert_eq!(int("7 &^ 5"), BigInt::from(2));
    assert_eq!(int("-7 &^ 5"), BigInt::from(-8));
    assert_eq!(int("-8 >> 1"), BigInt::from(-4));
    assert_eq!(int("-1 >> 10"), BigInt::from(-1));
    assert_eq!(int("10 / 4"), BigInt::from(2));
    assert_eq!(int("(1 << 100) % 7"), BigInt::from(2));
    assert_eq!(int("(-(1 << 100)) % 7"), BigInt::from(-2));
    assert_eq!(int("(1 << 100) & ((1 << 100) - 1)"), BigInt::from(0));
    assert_eq!(int("(1 << 100) ^ ((1 << 100) + 1)"), BigInt::from(1));
    assert_eq!(
        int("-(1 << 100) / 3"),
        big("-422550200076076467165567735125")
    );
    assert_eq!(int("(1 << 100) >> 99"), BigInt::from(2));
    assert_eq!(int("'a' * 2"), BigInt::from(194));
    assert_eq!(int("1.0 << 3"), BigInt::from(8)); // an integral float shifts as an integer
    assert_eq!(int("1 << 2.0"), BigInt::from(4));
    assert_eq!(val("int64(-1 << 63)").to_i64(), Some(i64::MIN));
    assert_eq!(
        val("uint64(1e19)").to_u64(),
        Some(10_000_000_000_000_000_000)
    );
    assert_eq!(
        val("int64(9.223372036854775807e18 - 1e3)").to_i64(),
        Some(9_223_372_036_854_774_807)
    );
}

#[test]
fn go_int64_division_wraps() {
    // go/constant divides int64-sized values with Go's own `/`, which wraps for MinInt64 / -1:
    // in Go 1.27 `math.MinInt64 / -1 == 1<<63` is false and the quotient is negative.
    assert!(!boolean("-9223372036854775808 / -1 == 9223372036854775808"));
    assert_eq!(val("-9223372036854775808 / -1").to_i64(), Some(i64::MIN));
    assert!(boolean("-9223372036854775809 / -1 == 9223372036854775809")); // big path is exact
}

#[test]
fn complement() {
    assert_eq!(int("^uint8(0)"), BigInt::from(255));
    assert_eq!(int("^uint16(1)"), BigInt::from(65534));
    assert_eq!(int("^uint32(0)"), BigInt::from(u32::MAX));
    assert_eq!(int("^uint(0)"), BigInt::from(u64::MAX));
    assert_eq!(int("^uint64(5)"), BigInt::from(18446744073709551610u64));
    assert_eq!(int("^uint8(1) + 1"), BigInt::from(255));
    assert_eq!(int("^0"), BigInt::from(-1));
    assert_eq!(int("^-1"), BigInt::from(0));
    assert_eq!(int("^5"), BigInt::from(-6));
    assert_eq!(int("^int8(5)"), BigInt::from(-6));
}

#[test]
fn exact_floats() {
    assert!(boolean("1.0/3*3 == 1"));
    assert!(boolean("0.1 + 0.2 == 0.3"));
    assert!(!boolean("float64(0.1) + float64(0.2) == 0.3")); // typed: rounded at each step
    assert!(boolean("float32(0.1) == 0.1")); // 0.1 converts to float32 first
    assert!(boolean("1e308 * 10 / 10 == 1e308"));
    assert!(boolean("1e-320 / 10 * 10 == 1e-320"));
    assert!(boolean("1e20 == 100000000000000000000"));
    assert!(boolean("2.0 == 2"));
    assert_eq!(f64_of("float64(1e308 * 10 / 100)"), 1e307);
    assert_eq!(f64_of("10 / 4.0"), 2.5);
    assert_eq!(f64_of("10.0 / 4"), 2.5);
    assert_eq!(f64_of("1/2 + 1/2.0"), 0.5);
    assert_eq!(f64_of("3/2 * 2.0"), 2.0);
    assert_eq!(f64_of("'a' / 2.0"), 48.5);
    assert_eq!(f64_of("1 / 3.0"), 1.0 / 3.0);
    assert_eq!(f64_of("float32(1 / 3.0) * 3"), 1.0);
    assert_eq!(f64_of("float64(1 / 3.0) * 3"), 1.0);
}

#[test]
fn big_floats_round_like_go() {
    // Beyond 2^±4096 Go computes with 512-bit floats: products of rounded operands are not exact.
    assert!(boolean("1e5000 / 1e4999 == 10"));
    assert!(!boolean("1e5000 * 1e-4999 == 10"));
    assert!(boolean("1e1300 / 1e1299 == 10"));
    assert_eq!(shown("1e5000 * 1e-4999 - 10"), "1.19333e-153");
    assert_eq!(f64_of("(1e5000 * 1e-4999 - 10) * 1e153"), 1.193334516992033);
    assert_eq!(shown("1e4567 * 3.3e-4560 - 3.3e7"), "-2.5026e-147");
    assert_eq!(shown("1e-4500 * 7e4500 - 7"), "5.96667e-154");
    assert_eq!(shown("1e6000 / 3e5990 - 1e10/3"), "3.20333e-145");
    assert_eq!(shown("1e-100000 * 1e100000 - 1"), "-7.45834e-155");
    assert_eq!(shown("(1e5000 * 1.5 + 1e4997) / 1e5000 - 1.5"), "0.001");
    assert_eq!(
        shown("9.999999999999999999999999999999999999999e4999 / 1e4999 - 10"),
        "-1e-39"
    );
    assert_eq!(shown("1.0/3 + 1e-5000 - 1.0/3"), "0");
    assert_eq!(shown("(1e5000 + 1) - 1e5000"), "0");
    assert_eq!(shown("1e9999 / 7e9998 - 10.0/7"), "0");
    // ToInt accepts a big float within a few bits of an integer, as Go does.
    assert_eq!(val("int64(1e5000 * 1e-4999)").to_i64(), Some(10));
    assert_eq!(
        val("int64((1e5000 / 3) * 3 / 1e4990)").to_i64(),
        Some(10_000_000_000)
    );
    assert_eq!(
        val("int64(1e5000 / 7 * 7 / 1e4995)").to_i64(),
        Some(100_000)
    );
}

#[test]
fn literals() {
    assert_eq!(int("0x_1F"), BigInt::from(31));
    assert_eq!(int("0o17"), BigInt::from(15));
    assert_eq!(int("017"), BigInt::from(15));
    assert_eq!(int("0b1011"), BigInt::from(11));
    assert_eq!(int("1_000_000"), BigInt::from(1_000_000));
    assert_eq!(int("'\\xff'"), BigInt::from(255));
    assert_eq!(int("'\\377'"), BigInt::from(255));
    assert_eq!(int("'\\u00e9'"), BigInt::from(233));
    assert_eq!(f64_of("0X1P-2"), 0.25);
    assert_eq!(f64_of("0x1.8p1"), 3.0);
    assert_eq!(f64_of("0x.8p0"), 0.5);
    assert_eq!(f64_of("1_0.2_5e1_0"), 1.025e11);
    assert_eq!(f64_of("089.5"), 89.5);
    assert_eq!(shown("0123i"), "(0 + 123i)"); // decimal, not octal, before an i
    assert_eq!(shown("0x1Fp-2i"), "(0 + 7.75i)");
    assert_eq!(shown("1_0i"), "(0 + 10i)");
    assert_eq!(val("\"a\" + \"b\"").to_bytes(), Some(&b"ab"[..]));
    assert!(boolean("\"ab\" < \"b\""));
    assert_eq!(val("\"\\xff\"").to_bytes(), Some(&[0xffu8][..]));
    // Exponents big.Float cannot hold are "malformed constant"; 10^-2e9 underflows to 0.
    assert_eq!(err("1e9999999999"), "Malformed");
    assert_eq!(err("1e-9999999999"), "Malformed");
    assert_eq!(err("1e2000000000"), "Malformed");
    assert_eq!(err("0x1p2147483647"), "Malformed");
    assert_eq!(shown("1e-2000000000"), "0");
    assert_eq!(shown("string(65)"), "\"A\"");
    assert_eq!(shown("string(-1)"), "\"\u{FFFD}\"");
}

#[test]
fn float32_and_float64_rounding() {
    assert_eq!(f64_of("float32(16777217)"), 16777216.0); // ties to even
    assert_eq!(f64_of("float32(16777219)"), 16777220.0);
    assert_eq!(f64_of("float32(1<<24 + 1)"), 16777216.0);
    assert_eq!(f64_of("float64(1<<53 + 1)"), 9007199254740992.0);
    assert_eq!(val("float32(1e-45)").to_f32(), Some(f32::from_bits(1))); // smallest denormal
    assert_eq!(val("float32(0x1p-150)").to_f32(), Some(0.0)); // half of it: ties to even (0)
    assert_eq!(val("float32(0x1.8p-149)").to_f32(), Some(f32::from_bits(2))); // 1.5 units: to 2
    assert_eq!(val("float32(3.4028235e38)").to_f32(), Some(f32::MAX));
    assert_eq!(f64_of("float64(0x1p-1075)"), 0.0);
    assert_eq!(f64_of("float64(0x1.0000000000001p-1074)"), 5e-324);
    assert_eq!(f64_of("float64(0x1p-1074 * 1.5)"), 1e-323);
    assert_eq!(f64_of("float64(2.4703282292062328e-324)"), 5e-324);
    assert_eq!(
        f64_of("3.14159265358979323846264338327950288419716939937510582097494459"),
        std::f64::consts::PI
    );
    let pi32 = val("float32(3.14159265358979323846264338327950288419716939937510582097494459)");
    assert_eq!(pi32.to_f32(), Some(std::f32::consts::PI));
    assert_eq!(f64_of("float64(1e23)"), 1e23);
    assert_eq!(f64_of("float64(1e-400)"), 0.0); // underflow is no error
    assert_eq!(f64_of("1.7976931348623157e308"), f64::MAX);
    assert_eq!(f64_of("-0.0"), 0.0);
    assert!(f64_of("-0.0").is_sign_positive());
}

#[test]
fn complex_arithmetic() {
    assert_eq!(shown("(1 + 2i) * (3 - 4i)"), "(11 + 2i)");
    assert_eq!(shown("(1 + 2i) / (3 - 4i)"), "(-0.2 + 0.4i)");
    assert!(boolean("1i * 1i == -1"));
    assert!(boolean("1i == 1i"));
    assert_eq!(int("int(1 + 0i)"), BigInt::from(1));
    assert_eq!(val("3 + 4i").real().and_then(|v| v.to_f64()), Some(3.0));
    assert_eq!(val("3 + 4i").imag().and_then(|v| v.to_f64()), Some(4.0));
}

#[test]
fn booleans() {
    assert!(!boolean("true && false"));
    assert!(boolean("true || false"));
    assert!(!boolean("!true"));
    assert!(boolean("1 < 2"));
    assert!(boolean("\"a\" != \"b\""));
}

#[test]
fn errors() {
    assert_eq!(err("1 / 0"), "DivByZero");
    assert_eq!(err("1 % 0"), "DivByZero");
    assert_eq!(err("1 / 0.0"), "DivByZero");
    assert_eq!(err("1.0 / (0 + 0i)"), "DivByZero");
    assert_eq!(err("0x1p2147483646 * 4"), "NotRepresentable");
    assert_eq!(err("1 << 600"), "ConstantOverflow");
    assert_eq!(err("1 << 511 * 4"), "ConstantOverflow");
    assert_eq!(err("1 << 1075"), "InvalidShiftCount");
    assert_eq!(err("1 << -1"), "NegativeShiftCount");
    assert_eq!(err("2.5 << 1"), "ShiftOperandNotInteger");
    assert_eq!(err("uint8(255) + 1"), "Overflows");
    assert_eq!(err("int8(100) * 2"), "Overflows");
    assert_eq!(err("int8(-128) / -1"), "Overflows");
    assert_eq!(err("-uint8(1)"), "Overflows");
    assert_eq!(err("uint(1) << 64"), "Overflows");
    assert_eq!(err("byte(300)"), "Overflows");
    assert_eq!(err("int8(-129)"), "Overflows");
    assert_eq!(err("int(2.5)"), "Truncated");
    assert_eq!(err("int(1e100)"), "Truncated"); // an untyped float: Go says truncated
    assert_eq!(err("int(1e5000)"), "Truncated");
    assert_eq!(err("int(1 + 1i)"), "Truncated");
    assert_eq!(err("float64(1 + 1i)"), "Overflows");
    assert_eq!(err("float32(1e39)"), "Overflows");
    assert_eq!(err("float64(1e400)"), "Overflows");
    assert_eq!(err("float64(8.98846567431158e307 * 2)"), "Overflows");
    assert_eq!(err("complex64(1e39i)"), "Overflows");
    assert_eq!(err("float32(1) * 1e39"), "Overflows");
    assert_eq!(
        representable(&Value::from_i64(1), BasicKind::String),
        Err(RepError::Invalid)
    );
    assert_eq!(
        representable(&Value::from_i64(1), BasicKind::Bool),
        Err(RepError::Invalid)
    );
    assert_eq!(
        rep_error(BasicKind::UntypedFloat, BasicKind::Uint),
        RepError::Truncated
    );
    assert_eq!(
        rep_error(BasicKind::UntypedInt, BasicKind::Float32),
        RepError::Overflows
    );
}

#[test]
fn printed_like_go() {
    let cases = [
        ("0.1 + 0.2", "0.3"),
        ("1.0 / 3", "0.333333"),
        ("2.0 / 3", "0.666667"),
        ("1e400", "1e+400"),
        ("-1e400", "-1e+400"),
        ("1e-400", "1e-400"),
        ("1000000.5", "1.0000005e+06"),
        ("1000000.0", "1e+06"),
        ("123456789.0", "1.23457e+08"),
        ("1e21", "1e+21"),
        ("1e20 + 0.5", "1e+20"),
        ("0.0001", "0.0001"),
        ("0.00001", "1e-05"),
        ("1.5e-5", "1.5e-05"),
        ("100.0", "100"),
        ("1234565.0", "1.23456e+06"),
        ("1234575.0", "1.23458e+06"),
        ("12345650.0", "1.23456e+07"),
        ("0.5 * 3", "1.5"),
        ("1e10", "1e+10"),
        ("1i", "(0 + 1i)"),
        ("-1i", "(0 + -1i)"),
        ("1 + 2.5i", "(1 + 2.5i)"),
        ("1 + 0i", "(1 + 0i)"),
        ("'a'", "97"),
        ("1 << 100", "1267650600228229401496703205376"),
        ("-(1 << 70)", "-1180591620717411303424"),
        ("1e5000 / 1e4999", "10"),
        ("1e1233", "1e+1233"),
        ("1e1234", "1e+1234"),
        ("1e1232 * 10", "1e+1233"),
        ("0x1p-1074", "4.94066e-324"),
        ("0x1p-1075", "2.47033e-324"),
        ("1.7976931348623159e308", "1.79769e+308"),
        ("1e300 * 1e300 * 1e300 * 1e300", "1e+1200"),
        ("(1e5000 / 3) * 3 / 1e5000", "1"),
        ("1.0000001 * 1e4000", "1e+4000"),
        ("-1e-5000", "-1e-5000"),
        ("1e-5000 * 0", "0"),
        ("1e1000000", "1e+1000000"),
        ("1e100000000", "1e+100000000"),
        ("0x1p2147483646", "4.40403e+646456992"),
        ("0x1p-2147483648", "0.567662e-646456993"), // Go's approximation misses a 10x here
        ("1 == 1", "true"),
    ];
    for (src, want) in cases {
        assert_eq!(shown(src), want, "{src}");
    }
}

#[test]
fn strings_quoted_like_go() {
    let cases = [
        (
            r#""a\x00b\n\t\"é\a\b\f\r\v\\""#,
            r#""a\x00b\n\t\"é\a\b\f\r\v\\""#,
        ),
        (
            r#""\xff\u200b\u00a0\u00ad\u2028\U0001F600\ufeff\ue000""#,
            r#""\xff\u200b\u00a0\u00ad\u2028😀\ufeff\ue000""#,
        ),
        ("`'`", r#""'""#),
        (
            r#""0123456789012345678901234567890123456789012345678901234567890123456789""#,
            r#""0123456789012345678901234567890123456789012345678901234567890123456789""#,
        ),
        (
            r#""01234567890123456789012345678901234567890123456789012345678901234567890""#,
            r#""01234567890123456789012345678901234567890123456789012345678901234567..."#,
        ),
        (
            r#""\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00""#,
            r#""\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00..."#,
        ),
    ];
    for (src, want) in cases {
        assert_eq!(shown(src), want, "{src}");
    }
    let e72 = format!("\"{}\"", "é".repeat(72));
    assert_eq!(shown(&e72), format!("\"{}...", "é".repeat(68)));
}

#[test]
fn go_messages() {
    let untyped = |expr: &str, k| messages::operand(expr, &val(expr), OperandType::Untyped(k));
    use BasicKind::*;
    let cases = [
        (
            messages::cannot_use(&untyped("300", UntypedInt), "byte", "variable declaration", RepError::Overflows),
            "cannot use 300 (untyped int constant) as byte value in variable declaration (overflows)",
        ),
        (
            messages::cannot_use(&untyped("2.5", UntypedFloat), "int", "variable declaration", RepError::Truncated),
            "cannot use 2.5 (untyped float constant) as int value in variable declaration (truncated)",
        ),
        (
            messages::cannot_use(&untyped("1e400", UntypedFloat), "float64", "variable declaration", RepError::Overflows),
            "cannot use 1e400 (untyped float constant 1e+400) as float64 value in variable declaration (overflows)",
        ),
        (
            messages::cannot_use(&untyped("'Ā'", UntypedRune), "int8", "variable declaration", RepError::Overflows),
            "cannot use 'Ā' (untyped rune constant 256) as int8 value in variable declaration (overflows)",
        ),
        (
            messages::cannot_use(&untyped("1 + 1i", UntypedComplex), "float64", "variable declaration", RepError::Overflows),
            "cannot use 1 + 1i (untyped complex constant (1 + 1i)) as float64 value in variable declaration (overflows)",
        ),
        (
            messages::cannot_use(&untyped("1", UntypedInt), "string", "variable declaration", RepError::Invalid),
            "cannot use 1 (untyped int constant) as string value in variable declaration",
        ),
        (
            messages::cannot_use(&untyped("1.5", UntypedFloat), "int", "argument to f", RepError::Truncated),
            "cannot use 1.5 (untyped float constant) as int value in argument to f (truncated)",
        ),
        (
            messages::cannot_use(&untyped("1 << 63", UntypedInt), "int64", "constant declaration", RepError::Overflows),
            "cannot use 1 << 63 (untyped int constant 9223372036854775808) as int64 value in constant declaration (overflows)",
        ),
        (messages::conversion_overflows(&val("300"), "byte"), "constant 300 overflows byte"),
        (messages::conversion_overflows(&val("-129"), "int8"), "constant -129 overflows int8"),
        (messages::conversion_overflows(&val("'Ā'"), "int8"), "constant 256 overflows int8"),
        (
            messages::cannot_convert(&untyped("2.5", UntypedFloat), "int"),
            "cannot convert 2.5 (untyped float constant) to type int",
        ),
        (
            messages::cannot_convert(&untyped("1e39", UntypedFloat), "float32"),
            "cannot convert 1e39 (untyped float constant 1e+39) to type float32",
        ),
        (
            messages::cannot_convert(&messages::operand("c", &val("1e10").to_int().unwrap(), OperandType::Untyped(UntypedFloat)), "int32"),
            "cannot convert c (untyped float constant 10000000000) to type int32",
        ),
        (
            messages::invalid_conversion(
                &messages::operand("uint8(255) + 1", &val("256"), OperandType::Typed("uint8")),
                "uint8",
                RepError::Overflows,
            ),
            "uint8(255) + 1 (constant 256 of type uint8) overflows uint8",
        ),
        (
            messages::invalid_conversion(
                &messages::operand("T(100) * 2", &val("200"), OperandType::Named { name: "T", underlying: "int8" }),
                "int8",
                RepError::Overflows,
            ),
            "T(100) * 2 (constant 200 of int8 type T) overflows int8",
        ),
        (
            messages::invalid_conversion(&untyped("2.5", UntypedFloat), "int", RepError::Truncated),
            "2.5 (untyped float constant) truncated to int",
        ),
        (messages::operand("-1", &val("-1"), OperandType::Typed("int")), "-1 (constant of type int)"),
        (messages::DIVISION_BY_ZERO.to_string(), "invalid operation: division by zero"),
        (messages::NOT_REPRESENTABLE.to_string(), "constant result is not representable"),
        (messages::constant_overflow(messages::overflow_op_name(BinOp::Shl)), "constant shift overflow"),
        (messages::constant_overflow(messages::overflow_op_name(BinOp::Mul)), "constant multiplication overflow"),
        (messages::constant_overflow(messages::unary_overflow_op_name(UnOp::Neg)), "constant overflow"),
        (
            messages::invalid_shift_count(&untyped("1075", UntypedInt)),
            "invalid operation: invalid shift count 1075 (untyped int constant)",
        ),
        (
            messages::negative_shift_count(&untyped("-1", UntypedInt)),
            "invalid operation: negative shift count -1 (untyped int constant)",
        ),
        (
            messages::shifted_operand_not_integer(&untyped("2.5", UntypedFloat)),
            "invalid operation: shifted operand 2.5 (untyped float constant) must be integer",
        ),
        (
            messages::operator_not_defined("%", &untyped("3.0", UntypedFloat)),
            "invalid operation: operator % not defined on 3.0 (untyped float constant 3)",
        ),
        (messages::malformed_constant("1e9999999999"), "malformed constant: 1e9999999999"),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
}

#[test]
fn format_g_matches_strconv() {
    assert_eq!(format_g(0.0, Some(6)), "0");
    assert_eq!(format_g(100.0, Some(6)), "100");
    assert_eq!(format_g(-2.5, Some(6)), "-2.5");
    assert_eq!(format_g(1e-5, None), "1e-05");
    assert_eq!(format_g(123456.0, None), "123456");
    assert_eq!(format_g(1234567.0, None), "1.234567e+06");
    assert_eq!(format_g(5e-324, Some(6)), "4.94066e-324");
    assert_eq!(format_g(1e100, Some(6)), "1e+100");
}

#[test]
fn representations() {
    // Fractions stay exact up to 4096-bit parts, then become 512-bit floats (go/constant).
    assert!(matches!(val("1.0 / 3"), Value::Float(Float::Rat(_))));
    assert!(matches!(val("1e1232"), Value::Float(Float::Rat(_))));
    assert!(matches!(val("1e1233"), Value::Float(Float::Big(_)))); // 2^4095.9: exponent 4096
    assert_eq!(shown("1e1233 + 1 - 1e1233"), "0");
    assert_eq!(shown("1e1232 + 1 - 1e1232"), "1");
    assert_eq!(shown("1e-1233 + 1 - 1"), "0");
    assert_eq!(shown("1e-1232 + 1 - 1"), "1e-1232");
    assert!(matches!(val("1e1300"), Value::Float(Float::Big(_))));
    assert!(matches!(
        val("1e1000 * 1e1000"),
        Value::Float(Float::Big(_))
    ));
    assert_eq!(exact_string(&val("1.0 / 3")), "1/3");
    assert_eq!(exact_string(&val("0.75")), "3/4");
    assert_eq!(
        Value::from_f64(0.1).map(|v| exact_string(&v)),
        Some("3602879701896397/36028797018963968".into())
    );
    assert_eq!(Value::from_f64(f64::INFINITY), None);
    assert_eq!(
        representable(&val("2.0"), BasicKind::Int),
        Ok(Value::from_i64(2))
    );
    assert_eq!(BasicKind::UntypedRune.default_type(), BasicKind::Int32);
    assert_eq!(quote(b"\xe2\x82"), r#""\xe2\x82""#); // a truncated UTF-8 sequence: byte escapes
}
