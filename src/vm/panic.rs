//! VM PANICS: Go's panic values as the VM carries them. Input: a failing instruction or
//! `panic(v)`. Output: the value `recover` returns and the text an unrecovered panic prints.

/// Go's runtime errors, raised by instructions (the text after `panic: ` / `fatal error: `).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeError {
    IntegerDivideByZero,
    StackOverflow,
    /// `runtime error: ...` with the rest of Go's message.
    Other(String),
    /// An unrecoverable `fatal error: ...` (e.g. `sync: unlock of unlocked mutex`).
    Fatal(String),
}

impl RuntimeError {
    pub fn message(&self) -> String {
        match self {
            RuntimeError::IntegerDivideByZero => "runtime error: integer divide by zero".into(),
            RuntimeError::StackOverflow => "stack overflow".into(),
            RuntimeError::Other(m) | RuntimeError::Fatal(m) => m.clone(),
        }
    }

    /// Fatal errors cannot be recovered (`fatal error: stack overflow`).
    pub fn is_fatal(&self) -> bool {
        matches!(self, RuntimeError::StackOverflow | RuntimeError::Fatal(_))
    }
}

/// What a goroutine panics with.
#[derive(Clone, Debug, PartialEq)]
pub enum GoPanic {
    /// A runtime error (a `runtime.Error` when recovered).
    Runtime(RuntimeError),
    /// `panic(v)`: the interface word of `v`.
    Value(u64),
    /// A panic from a native with Go's text (recovered as a string-like error value).
    Native(String),
    /// `runtime.Goexit()`: unwinds like a panic (running deferred calls, which cannot recover
    /// it), then ends the goroutine normally.
    Goexit,
}

/// Go's `index out of range [i] with length n`.
pub fn index_out_of_range(i: i64, len: usize) -> GoPanic {
    if i < 0 {
        return GoPanic::Runtime(RuntimeError::Other(format!(
            "runtime error: index out of range [{i}]"
        )));
    }
    GoPanic::Runtime(RuntimeError::Other(format!(
        "runtime error: index out of range [{i}] with length {len}"
    )))
}

pub fn nil_deref() -> GoPanic {
    GoPanic::Runtime(RuntimeError::Other(
        "runtime error: invalid memory address or nil pointer dereference".into(),
    ))
}

pub fn runtime(msg: impl Into<String>) -> GoPanic {
    GoPanic::Runtime(RuntimeError::Other(msg.into()))
}
