//! CHECKER (constants): the wording of Go's constant errors. In: the pieces the checker knows
//! (the operand's source text, its value and type, the target type's name, the context phrase
//! such as "variable declaration"). Out: the exact message types2 prints after `FILE:L:C: `.
//!
//! Every text here was taken from Go 1.27 (see the module tests and the examples per function).

use super::{BasicKind, RepError, Value};

/// The type part of an operand's description.
#[derive(Clone, Copy, Debug)]
pub enum OperandType<'a> {
    /// An untyped constant: `300 (untyped int constant)`.
    Untyped(BasicKind),
    /// A constant of a predeclared type: `int8(1) << 8 (constant 256 of type int8)`.
    Typed(&'a str),
    /// A constant of a defined type, with the underlying type's name:
    /// `T(100) * 2 (constant 200 of int8 type T)`.
    Named { name: &'a str, underlying: &'a str },
}

/// types2's `operandString` for a constant: the expression, then its kind, then the value
/// unless the value prints exactly as the expression (`0.1`, `"abc"`, `-1`).
/// `x (untyped int constant 300)`, `'a' (untyped rune constant 97)`, `1e400 (untyped float
/// constant 1e+400)`, `-1 (constant of type int)`.
pub fn operand(expr: &str, v: &Value, ty: OperandType) -> String {
    let val = v.to_string();
    let val = if val == expr {
        String::new()
    } else {
        format!(" {val}")
    };
    match ty {
        OperandType::Untyped(k) => format!("{expr} ({} constant{val})", k.name()),
        OperandType::Typed(t) => format!("{expr} (constant{val} of type {t})"),
        OperandType::Named { name, underlying } => {
            format!("{expr} (constant{val} of {underlying} type {name})")
        }
    }
}

/// An untyped constant that does not fit where it is used (assignment, declaration, argument,
/// return): `cannot use 300 (untyped int constant) as byte value in variable declaration
/// (overflows)`; `(truncated)` for floats to integers; nothing for `1` as `string`.
/// `context` is Go's phrase: "assignment", "variable declaration", "constant declaration",
/// "argument to f", "return statement".
pub fn cannot_use(operand: &str, target: &str, context: &str, err: RepError) -> String {
    let why = match err {
        RepError::Truncated => " (truncated)",
        RepError::Overflows => " (overflows)",
        RepError::Invalid => "",
    };
    format!("cannot use {operand} as {target} value in {context}{why}")
}

/// A conversion `T(x)` of an integer constant to an integer type that overflows:
/// `constant 300 overflows byte`, `constant -1 overflows uint`.
pub fn conversion_overflows(v: &Value, target: &str) -> String {
    format!("constant {v} overflows {target}")
}

/// Any other failed constant conversion: `cannot convert 2.5 (untyped float constant) to type
/// int`, `cannot convert 1e39 (untyped float constant 1e+39) to type float32`. Go describes
/// the operand after its integer conversion when there is one (`cannot convert c (untyped float
/// constant 10000000000) to type int32` for `const c = 1e10`): pass `v.to_int()` if `Some`.
pub fn cannot_convert(operand: &str, target: &str) -> String {
    format!("cannot convert {operand} to type {target}")
}

/// types2's `invalidConversion`, for a constant that does not fit its type after an operation or
/// an implicit conversion: `uint8(255) + 1 (constant 256 of type uint8) overflows uint8`,
/// `2.5 (untyped float constant) truncated to int` (in `int(1) + 2.5`), `1000 (untyped int
/// constant) overflows int8` (in `x + 1000`).
pub fn invalid_conversion(operand: &str, target: &str, err: RepError) -> String {
    match err {
        RepError::Truncated => format!("{operand} truncated to {target}"),
        RepError::Overflows => format!("{operand} overflows {target}"),
        RepError::Invalid => cannot_convert(operand, target),
    }
}

/// `x / 0`, `x % 0`, `1.0 / (0 + 0i)`, and a non-constant integer `i / 0`.
pub const DIVISION_BY_ZERO: &str = "invalid operation: division by zero";

/// A float constant beyond big.Float's range (`0x1p2147483646 * 4`).
pub const NOT_REPRESENTABLE: &str = "constant result is not representable";

/// An untyped integer result over 512 bits: `constant shift overflow`, `constant
/// multiplication overflow`; `op_name` comes from `overflow_op_name` (None: `constant overflow`).
pub fn constant_overflow(op_name: Option<&str>) -> String {
    match op_name {
        Some(op) => format!("constant {op} overflow"),
        None => "constant overflow".to_string(),
    }
}

/// The operation named in "constant OP overflow" (types2's `opName`), if it has a name.
pub fn overflow_op_name(op: crate::ast::BinOp) -> Option<&'static str> {
    use crate::ast::BinOp::*;
    match op {
        Add => Some("addition"),
        Sub => Some("subtraction"),
        Xor => Some("bitwise XOR"),
        Mul => Some("multiplication"),
        Shl => Some("shift"),
        _ => None,
    }
}

/// The unary counterpart: only `^x` has a name; `-x` overflows as plain "constant overflow".
pub fn unary_overflow_op_name(op: crate::ast::UnOp) -> Option<&'static str> {
    (op == crate::ast::UnOp::Xor).then_some("bitwise complement")
}

/// `1 << 1075`: `invalid operation: invalid shift count 1075 (untyped int constant)`.
pub fn invalid_shift_count(count_operand: &str) -> String {
    format!("invalid operation: invalid shift count {count_operand}")
}

/// `1 << -1`: `invalid operation: negative shift count -1 (untyped int constant)`.
pub fn negative_shift_count(count_operand: &str) -> String {
    format!("invalid operation: negative shift count {count_operand}")
}

/// `2.5 << 1`: `invalid operation: shifted operand 2.5 (untyped float constant) must be integer`.
pub fn shifted_operand_not_integer(operand: &str) -> String {
    format!("invalid operation: shifted operand {operand} must be integer")
}

/// `1.5 % 1`: `invalid operation: operator % not defined on 1.5 (untyped float constant)`.
pub fn operator_not_defined(op: &str, operand: &str) -> String {
    format!("invalid operation: operator {op} not defined on {operand}")
}

/// A literal `Value::from_literal` rejects: `malformed constant: 1e9999999999`.
pub fn malformed_constant(literal: &str) -> String {
    format!("malformed constant: {literal}")
}

/// A string constant over `MAX_STRING_LEN` bytes.
pub fn string_too_long(len: u64) -> String {
    format!(
        "constant string too long ({len} bytes > {} bytes)",
        super::MAX_STRING_LEN
    )
}
