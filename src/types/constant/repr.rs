//! CHECKER (constants): representability (Go spec "Representability", types2's
//! `representableConst`). In: a constant value and a basic kind. Out: the value as that kind
//! holds it (an integer for integer kinds, float32/float64-rounded floats, ...) or why it does
//! not fit, in Go's terms (`overflows`, `truncated`, or not at all).
//!
//! `BasicKind` is defined here because representability is what needs it first; the checker's
//! type representation can adopt it as its basic-type tag. `int`, `uint` and `uintptr` are 64
//! bits (gol models amd64 / arm64, like the Go oracle).

use num_bigint::BigInt;
use num_traits::{One, Signed};

use super::{Kind, Value};

/// Go's basic types (types2's `BasicKind`), with the untyped constant kinds. `byte` and `rune`
/// are aliases of `Uint8` and `Int32`; the checker keeps their names for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BasicKind {
    Bool,
    Int,
    Int8,
    Int16,
    Int32,
    Int64,
    Uint,
    Uint8,
    Uint16,
    Uint32,
    Uint64,
    Uintptr,
    Float32,
    Float64,
    Complex64,
    Complex128,
    String,
    UnsafePointer,
    UntypedBool,
    UntypedInt,
    UntypedRune,
    UntypedFloat,
    UntypedComplex,
    UntypedString,
    UntypedNil,
}

impl BasicKind {
    /// Every kind, in declaration order (the type table gives them fixed ids in this order).
    pub const ALL: [BasicKind; 25] = {
        use BasicKind::*;
        [
            Bool,
            Int,
            Int8,
            Int16,
            Int32,
            Int64,
            Uint,
            Uint8,
            Uint16,
            Uint32,
            Uint64,
            Uintptr,
            Float32,
            Float64,
            Complex64,
            Complex128,
            String,
            UnsafePointer,
            UntypedBool,
            UntypedInt,
            UntypedRune,
            UntypedFloat,
            UntypedComplex,
            UntypedString,
            UntypedNil,
        ]
    };

    /// The name Go prints (`untyped int`, `float64`, ...).
    pub fn name(self) -> &'static str {
        use BasicKind::*;
        match self {
            Bool => "bool",
            Int => "int",
            Int8 => "int8",
            Int16 => "int16",
            Int32 => "int32",
            Int64 => "int64",
            Uint => "uint",
            Uint8 => "uint8",
            Uint16 => "uint16",
            Uint32 => "uint32",
            Uint64 => "uint64",
            Uintptr => "uintptr",
            Float32 => "float32",
            Float64 => "float64",
            Complex64 => "complex64",
            Complex128 => "complex128",
            String => "string",
            UnsafePointer => "unsafe.Pointer",
            UntypedBool => "untyped bool",
            UntypedInt => "untyped int",
            UntypedRune => "untyped rune",
            UntypedFloat => "untyped float",
            UntypedComplex => "untyped complex",
            UntypedString => "untyped string",
            UntypedNil => "untyped nil",
        }
    }

    pub fn is_untyped(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            UntypedBool
                | UntypedInt
                | UntypedRune
                | UntypedFloat
                | UntypedComplex
                | UntypedString
                | UntypedNil
        )
    }

    pub fn is_integer(self) -> bool {
        use BasicKind::*;
        matches!(
            self,
            Int | Int8
                | Int16
                | Int32
                | Int64
                | Uint
                | Uint8
                | Uint16
                | Uint32
                | Uint64
                | Uintptr
                | UntypedInt
                | UntypedRune
        )
    }

    pub fn is_unsigned(self) -> bool {
        use BasicKind::*;
        matches!(self, Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr)
    }

    pub fn is_float(self) -> bool {
        matches!(
            self,
            BasicKind::Float32 | BasicKind::Float64 | BasicKind::UntypedFloat
        )
    }

    pub fn is_complex(self) -> bool {
        matches!(
            self,
            BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
        )
    }

    pub fn is_numeric(self) -> bool {
        self.is_integer() || self.is_float() || self.is_complex()
    }

    pub fn is_string(self) -> bool {
        matches!(self, BasicKind::String | BasicKind::UntypedString)
    }

    pub fn is_boolean(self) -> bool {
        matches!(self, BasicKind::Bool | BasicKind::UntypedBool)
    }

    /// Kinds a constant can have (`const c T = ...` is allowed).
    pub fn is_const_type(self) -> bool {
        self.is_numeric() || self.is_string() || self.is_boolean()
    }

    /// Size in bits of a sized numeric kind (0 for untyped and non-numeric kinds): what
    /// `unary_op` needs for `^x` on unsigned types.
    pub fn bits(self) -> u32 {
        use BasicKind::*;
        match self {
            Int8 | Uint8 => 8,
            Int16 | Uint16 => 16,
            Int32 | Uint32 | Float32 => 32,
            Int | Int64 | Uint | Uint64 | Uintptr | Float64 | Complex64 | UnsafePointer => 64,
            Complex128 => 128,
            _ => 0,
        }
    }

    /// The type an untyped constant of this kind gets where a type is needed (`x := 1.5`).
    pub fn default_type(self) -> BasicKind {
        use BasicKind::*;
        match self {
            UntypedBool => Bool,
            UntypedInt => Int,
            UntypedRune => Int32,
            UntypedFloat => Float64,
            UntypedComplex => Complex128,
            UntypedString => String,
            other => other,
        }
    }
}

/// Why a constant does not fit a kind. types2 picks the word from the operand's and the
/// target's types (`rep_error`); `representable` picks it from the value, which agrees for
/// every constant except a transient one (an integer value under an untyped float type).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepError {
    /// A non-integer numeric value to an integer kind: "(truncated)", "truncated to T".
    Truncated,
    /// Any other numeric misfit: "(overflows)", "overflows T", "constant 300 overflows byte".
    Overflows,
    /// Not numeric on both sides (`1` as `string`, `"a"` as `int`): "cannot convert", or no
    /// parenthesized reason in assignments.
    Invalid,
}

/// types2's `representation`: the error for an operand of kind `from` that does not fit `to`.
pub fn rep_error(from: BasicKind, to: BasicKind) -> RepError {
    if from.is_numeric() && to.is_numeric() {
        if !from.is_integer() && to.is_integer() {
            RepError::Truncated
        } else {
            RepError::Overflows
        }
    } else {
        RepError::Invalid
    }
}

/// `v` as a constant of kind `kind` holds it (Go's `representableConst` with rounding): integer
/// kinds get an `Int` (2.0 → 2), float kinds the value rounded to float32/float64 (nearest even
/// of the exact value; 16777217 → 16777216 for float32), complex kinds both parts rounded, and
/// untyped kinds the value unchanged. Float underflow is not an error: `1e-400` is 0 as float64.
pub fn representable(v: &Value, kind: BasicKind) -> Result<Value, RepError> {
    let fail = || {
        let from = match v.kind() {
            Kind::Int => BasicKind::UntypedInt,
            Kind::Float => BasicKind::UntypedFloat,
            Kind::Complex => BasicKind::UntypedComplex,
            Kind::Bool => BasicKind::UntypedBool,
            Kind::String => BasicKind::UntypedString,
        };
        Err(rep_error(from, kind))
    };
    use BasicKind::*;
    if kind.is_integer() {
        let Some(Value::Int(i)) = v.to_int() else {
            return fail();
        };
        let fits = match kind {
            UntypedInt | UntypedRune => true,
            Int8 | Int16 | Int32 | Int64 | Int => {
                let half = BigInt::one() << (kind.bits() - 1);
                -&half <= i && i < half
            }
            _ => !i.is_negative() && i.bits() <= kind.bits() as u64,
        };
        return if fits { Ok(Value::Int(i)) } else { fail() };
    }
    if kind.is_float() {
        let Some(f) = v.to_float() else { return fail() };
        return match kind {
            UntypedFloat => Ok(f),
            _ => round_float(&f, kind).ok_or(()).or_else(|_| fail()),
        };
    }
    if kind.is_complex() {
        let Some(Value::Complex(re, im)) = v.to_complex() else {
            return fail();
        };
        if kind == UntypedComplex {
            return Ok(Value::Complex(re, im));
        }
        let part = if kind == Complex64 { Float32 } else { Float64 };
        return match (round_float(&re, part), round_float(&im, part)) {
            (Some(re), Some(im)) => Ok(Value::Complex(Box::new(re), Box::new(im))),
            _ => fail(),
        };
    }
    match (kind, v) {
        (String | UntypedString, Value::String(_)) | (Bool | UntypedBool, Value::Bool(_)) => {
            Ok(v.clone())
        }
        _ => fail(),
    }
}

/// An integer or float value rounded to float32 or float64 (Go's `roundFloat32/64`: the
/// nearest float, then its exact value); `None` if that is infinite.
fn round_float(v: &Value, kind: BasicKind) -> Option<Value> {
    let f = if kind == BasicKind::Float32 {
        v.to_f32()? as f64
    } else {
        v.to_f64()?
    };
    Value::from_f64(f)
}

/// The conversion `string(x)` of an integer constant: the UTF-8 encoding of that code point,
/// or of U+FFFD when `x` is negative, a surrogate or beyond U+10FFFF (Go's rule).
pub fn string_from_int(v: &Value) -> Option<Value> {
    let Value::Int(_) = v else { return None };
    let c = v
        .to_u64()
        .and_then(|u| char::from_u32(u32::try_from(u).ok()?))
        .unwrap_or('\u{FFFD}');
    Some(Value::from_bytes(c.to_string().as_bytes()))
}
