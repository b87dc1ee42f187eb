//! NATIVES: the calling convention between the VM and standard-library functions written in Rust.
//! Input: the argument words of a call (one word per parameter, `vm/value.rs` representation; a
//! variadic parameter arrives as one slice word). Output: the result words, written over the
//! same window (`args[0..nresults]`; the compiler sizes the window for both), or a Go panic.
//!
//! Rules: a native never calls gol code and never keeps a heap reference after it returns (the
//! collector runs only at safepoints, between instructions); it allocates through `ctx.m`.

use crate::runtime::gc::Mutator;

/// What a native may use besides its arguments.
pub struct NativeCtx<'a> {
    pub m: &'a mut Mutator,
    /// Buffered standard output of the program (flushed by the VM at exit and before stderr
    /// output, so the two streams interleave as in Go).
    pub stdout: &'a mut Vec<u8>,
    /// The program's `os.Args`.
    pub args: &'a [String],
    /// Type ids and error values of the standard types natives create (natives/mod.rs).
    pub std: &'a super::natives::StdTypes,
    /// The program's shared output (stderr writes flush it first).
    pub sh: &'a crate::runtime::shared::Shared,
}

/// How a native call fails.
#[derive(Clone, Debug, PartialEq)]
pub enum NativeError {
    /// `panic(VALUE)` where VALUE prints as this text (e.g. `strings: negative Repeat count`).
    Panic(String),
    /// `os.Exit(code)`.
    Exit(i32),
}

pub type NativeFn = fn(&mut NativeCtx, &mut [u64]) -> Result<(), NativeError>;
