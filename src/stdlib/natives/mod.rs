//! NATIVES: the Rust implementations of standard-library functions and methods, keyed by Go's
//! symbol spelling. Input: a symbol (`"strings.Repeat"`, `"strings.(*Builder).WriteString"`,
//! `"errors.(*errorString).Error"`, or a package variable such as `"os.Args"`). Output: the
//! `NativeFn` (native.rs convention: argument words in, result words written over `args[0..]`;
//! a method's receiver is `args[0]`). A package variable's native is its initializer: it takes
//! no arguments and writes the variable's initial value into `args[0]`; the loader calls it once.
//!
//! Value layouts of the standard types (one word per field, in declaration order, as the
//! checker declares them in `types/stdpkg.rs`):
//! - `errors.errorString`: `{s string}` (REFS); an `error` made by `errors.New` is an interface
//!   word `{StdTypes::error_string_ptr, the object}`.
//! - `strconv.NumError`: `{Func string, Num string, Err error}` (REFS); returned as an interface
//!   word `{StdTypes::num_error_ptr, the object}`.
//! - `strings.Builder`: `{addr *Builder, buf []byte}` (REFS), as Go's: `addr` is 0 or the object
//!   itself (the copy check), `buf` a `[]byte` slice grown like Go's `append`.
//! - `[]byte` (per vm/value.rs, for now): a SLICE whose backing array holds one word per byte.

mod atomic;
mod bits;
mod bytes;
mod cmplx;
mod digest;
mod errors;
mod math;
mod math_more;
mod os;
mod osproc;
mod ossys;
mod rand;
mod randtab;
pub(crate) mod reflect;
mod strconv;
mod strconv_quote;
mod strings;
mod strtypes;
pub mod time;
mod timeparse;
pub(crate) mod unicode;
mod unicode_data;
mod unicode_tables;
mod utf8;
mod wraps;

#[cfg(test)]
mod tests;

use super::native::{NativeCtx, NativeError, NativeFn};
use crate::runtime::gc::{Mutator, REFS, SCALARS};
use crate::vm::value::{self, SliceParts};

/// What natives need from the loaded program: the runtime type ids (`TypeId::index()` in the
/// program's type table) of the dynamic types they put in interfaces, and the words of the
/// standard error values whose identity Go programs compare (`err == strconv.ErrSyntax`).
///
/// The loader fills it once: type ids from `types::stdpkg::StdPkgs::std_types`; the error words
/// with `new_error_string` (`"invalid syntax"`, `"value out of range"`), storing the same words
/// as the initial values of `strconv.ErrSyntax` / `strconv.ErrRange` and keeping them as GC
/// roots for the program's life.
#[derive(Clone, Debug, Default)]
pub struct StdTypes {
    /// `*errors.errorString`.
    pub error_string_ptr: u32,
    /// `*strconv.NumError`.
    pub num_error_ptr: u32,
    /// `*strings.Builder`.
    pub builder_ptr: u32,
    /// `*sort.reverse` (what `sort.Reverse` returns).
    pub sort_reverse_ptr: u32,
    /// `*fmt.pp` (the `fmt.State` Format methods get).
    pub fmt_pp_ptr: u32,
    /// `reflect.rtype` (what a `reflect.Type` holds) and `reflect.StructField`.
    pub reflect_rtype_ptr: u32,
    pub reflect_struct_field: u32,
    /// The `error` interface word of `strconv.ErrSyntax` (0 until the loader sets it).
    pub err_syntax: u64,
    /// The `error` interface word of `strconv.ErrRange`.
    pub err_range: u64,
    /// `io.EOF` (made by the loader like the two above).
    pub err_eof: u64,
}

/// The native implementing `symbol`, if gol has one.
pub fn lookup(symbol: &str) -> Option<NativeFn> {
    let (pkg, _) = symbol.split_once('.')?;
    match pkg {
        "fmt" | "errors" | "runtime"
            if symbol.contains("wrapError")
                || symbol.contains("joinError")
                || symbol.contains("(*pp)")
                || pkg == "runtime" =>
        {
            wraps::lookup(symbol)
        }
        "strings" => strings::lookup(symbol).or_else(|| strtypes::lookup(symbol)),
        "io" => strtypes::lookup(symbol),
        "math/rand" | "math/rand/v2" | "crypto/rand" | "rand" => rand::lookup(symbol),
        "sync/atomic" | "atomic" => atomic::lookup(symbol),
        "strconv" => strconv::lookup(symbol).or_else(|| strconv_quote::lookup(symbol)),
        "math" => math::lookup(symbol).or_else(|| math_more::lookup(symbol)),
        "unicode" => unicode::lookup(symbol).or_else(|| unicode_data::lookup(symbol)),
        "utf8" | "unicode/utf8" => utf8::lookup(symbol.trim_start_matches("unicode/")),
        "errors" => errors::lookup(symbol),
        "os" => os::lookup(symbol).or_else(|| ossys::lookup(symbol)),
        "syscall" | "signal" => osproc::lookup(symbol),
        "time" => time::lookup(symbol).or_else(|| timeparse::lookup(symbol)),
        "math/bits" => bits::lookup(symbol),
        "bytes" => bytes::lookup(symbol),
        "reflect" => reflect::lookup(symbol),
        "math/cmplx" => cmplx::lookup(symbol),
        "sha256" | "sha512" | "sha1" | "md5" => digest::lookup(symbol),
        _ => None,
    }
}

// ------------------------------------------------------------------ shared helpers

pub(crate) const NIL_DEREF: &str =
    "runtime error: invalid memory address or nil pointer dereference";

fn nil_deref() -> NativeError {
    NativeError::Panic(NIL_DEREF.to_string())
}

/// An `int` argument.
#[inline]
fn int(w: u64) -> i64 {
    w as i64
}

#[inline]
fn f64_of(w: u64) -> f64 {
    f64::from_bits(w)
}

#[inline]
fn rune(w: u64) -> i32 {
    w as i64 as i32
}

fn string(m: &mut Mutator, s: &[u8]) -> u64 {
    value::new_string(m, s)
}

/// The bytes of a `[]byte` slice (one word per byte in its backing array).
pub fn byte_slice_bytes(w: u64) -> Vec<u8> {
    let p = value::slice_parts(w);
    if p.len == 0 {
        return Vec::new();
    }
    let arr = value::obj(p.array);
    (0..p.len)
        .map(|i| value::load(arr, p.offset + i, false) as u8)
        .collect()
}

/// The first `n` bytes (at most) of the `[]byte` word `w`: what a decoder of one UTF-8
/// sequence needs, without copying a whole buffer (bufio's ReadRune decodes at every call).
pub fn byte_slice_prefix(w: u64, n: usize) -> Vec<u8> {
    let p = value::slice_parts(w);
    let n = n.min(p.len);
    if n == 0 {
        return Vec::new();
    }
    let arr = value::obj(p.array);
    (0..n)
        .map(|i| value::load(arr, p.offset + i, false) as u8)
        .collect()
}

/// A new `[]byte` holding `b` (len = cap = `b.len()`, never nil).
pub fn new_byte_slice(m: &mut Mutator, b: &[u8]) -> u64 {
    let array = if b.is_empty() {
        0
    } else {
        let arr = m.alloc(&SCALARS, b.len());
        for (i, &x) in b.iter().enumerate() {
            value::store(arr, i, x as u64, false);
        }
        arr.word()
    };
    value::new_slice(
        m,
        SliceParts {
            array,
            offset: 0,
            len: b.len(),
            cap: b.len(),
        },
    )
}

/// Whether `p` starts with a complete (possibly invalid) UTF-8 encoding (`utf8.FullRune`).
pub fn full_rune_pub(p: &[u8]) -> bool {
    utf8::full_rune(p)
}

/// A new `[]string` of the given string words.
/// A new `[]int` holding `words`.
pub(crate) fn new_int_slice(ctx: &mut NativeCtx, words: &[u64]) -> u64 {
    let m = &mut *ctx.m;
    let array = if words.is_empty() {
        0
    } else {
        let arr = m.alloc(&crate::runtime::gc::SCALARS, words.len());
        for (i, &w) in words.iter().enumerate() {
            value::store(arr, i, w, false);
        }
        arr.word()
    };
    value::new_slice(
        m,
        SliceParts {
            array,
            offset: 0,
            len: words.len(),
            cap: words.len(),
        },
    )
}

/// `strconv.Unquote` (None for a syntax error).
pub fn unquote_pub(s: &[u8]) -> Option<Vec<u8>> {
    strconv_quote::unquote(s)
}

/// `new_int_slice` with only a mutator.
pub fn new_int_slice_m(m: &mut Mutator, words: &[u64]) -> u64 {
    let arr = m.alloc(&SCALARS, words.len().max(1));
    for (i, &w) in words.iter().enumerate() {
        value::store(arr, i, w, false);
    }
    value::new_slice(
        m,
        SliceParts {
            array: arr.word(),
            offset: 0,
            len: words.len(),
            cap: words.len(),
        },
    )
}

pub fn new_string_slice(m: &mut Mutator, words: &[u64]) -> u64 {
    let array = if words.is_empty() {
        0
    } else {
        let arr = m.alloc(&REFS, words.len());
        for (i, &w) in words.iter().enumerate() {
            value::store(arr, i, w, true);
        }
        arr.word()
    };
    value::new_slice(
        m,
        SliceParts {
            array,
            offset: 0,
            len: words.len(),
            cap: words.len(),
        },
    )
}

/// Go's size classes (runtime/sizeclasses.go), for `append`'s capacity rounding.
const SIZE_CLASSES: [usize; 68] = [
    0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320,
    352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792,
    2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728,
    10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672,
    32768,
];

/// `runtime.roundupsize` for a pointer-free allocation of `size` bytes.
pub fn roundupsize(size: usize) -> usize {
    if size <= 32768 {
        return *SIZE_CLASSES.iter().find(|&&c| c >= size).expect("a class");
    }
    size.div_ceil(8192) * 8192
}

/// `runtime.nextslicecap`.
fn nextslicecap(new_len: usize, old_cap: usize) -> usize {
    let mut newcap = old_cap;
    let doublecap = newcap + newcap;
    if new_len > doublecap {
        return new_len;
    }
    const THRESHOLD: usize = 256;
    if old_cap < THRESHOLD {
        return doublecap;
    }
    loop {
        newcap += (newcap + 3 * THRESHOLD) >> 2;
        if newcap >= new_len {
            return newcap;
        }
    }
}

/// A `[]byte` of length `len` and capacity `cap` whose first bytes are `prefix`'s (a fresh array).
fn fresh_bytes(m: &mut Mutator, old: SliceParts, len: usize, cap: usize) -> SliceParts {
    let arr = m.alloc(&SCALARS, cap.max(1));
    if old.len > 0 {
        let src = value::obj(old.array);
        for i in 0..old.len {
            value::store(arr, i, value::load(src, old.offset + i, false), false);
        }
    }
    SliceParts {
        array: arr.word(),
        offset: 0,
        len,
        cap,
    }
}

/// `append(s, b...)` for a `[]byte` `s`, with Go's growth (in place when the capacity allows).
pub fn append_bytes(m: &mut Mutator, s: u64, b: &[u8]) -> u64 {
    let old = value::slice_parts(s);
    if b.is_empty() {
        return s;
    }
    let new_len = old.len + b.len();
    let p = if new_len <= old.cap {
        SliceParts {
            len: new_len,
            ..old
        }
    } else {
        let cap = roundupsize(nextslicecap(new_len, old.cap));
        fresh_bytes(m, old, new_len, cap)
    };
    let arr = value::obj(p.array);
    for (i, &x) in b.iter().enumerate() {
        value::store(arr, p.offset + old.len + i, x as u64, false);
    }
    value::new_slice(m, p)
}

/// A new `*errors.errorString` holding `text`, as an `error` interface word.
pub fn new_error_string(m: &mut Mutator, std: &StdTypes, text: &[u8]) -> u64 {
    let s = string(m, text);
    let o = m.alloc(&REFS, 1);
    value::store(o, 0, s, true);
    value::new_iface(m, std.error_string_ptr, o.word(), true)
}

/// The text of an error value whose dynamic type natives know (`*errors.errorString`,
/// `*strconv.NumError`); `None` for other types (their `Error` method is gol code).
pub fn error_text(std: &StdTypes, err: u64) -> Option<Vec<u8>> {
    let (ty, data) = value::iface_parts(err)?;
    if data == 0 {
        return None;
    }
    let o = value::obj(data);
    if ty == std.error_string_ptr {
        return Some(value::str_bytes(value::load(o, 0, true)).to_vec());
    }
    if ty == std.num_error_ptr {
        return strconv::num_error_text(std, o);
    }
    None
}

/// Writes the results of a native over the argument window.
#[inline]
fn ret(args: &mut [u64], results: &[u64]) -> Result<(), NativeError> {
    args[..results.len()].copy_from_slice(results);
    Ok(())
}

/// Parsing for fmt's scanning (vm/fmtscan.rs): strconv's ParseInt/ParseUint/ParseFloat, with
/// an error's text as Go prints it (`strconv.ParseInt: parsing "x": invalid syntax`).
pub mod parse {
    use super::strconv::{self, Kind, NumErr};

    fn text(e: NumErr) -> String {
        let why = match e.kind {
            Kind::Syntax => "invalid syntax".to_string(),
            Kind::Range => "value out of range".to_string(),
            Kind::Other(s) => s,
        };
        format!(
            "strconv.{}: parsing {}: {why}",
            e.func,
            crate::stdlib::strconv::quote(&e.num)
        )
    }

    pub fn int(s: &[u8], base: i64) -> Result<i64, String> {
        strconv::parse_int(s, base, 64).map_err(|(_, e)| text(e))
    }

    pub fn uint(s: &[u8], base: i64) -> Result<u64, String> {
        strconv::parse_uint(s, base, 64).map_err(|(_, e)| text(e))
    }

    pub fn float(s: &[u8], bits: i64) -> Result<f64, String> {
        strconv::parse_float(s, bits).map_err(|(_, e)| text(e))
    }
}
