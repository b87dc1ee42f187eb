//! SYNC SHIM: the one place the runtime gets its atomics and locks from. Input: `cfg(loom)` or
//! not. Output: `std::sync` types, or loom's model-checked ones under `RUSTFLAGS="--cfg loom"`
//! (the pattern of tokio's `src/loom/mod.rs`), so the runtime's state machines can be model
//! checked without changing their code (STYLE.md habit 7).
//!
//! Two kinds of atomics are deliberately kept apart:
//! - **Runtime state** (counters, flags, locks): `AtomicU64`, `Mutex`, ... below; loom replaces them.
//! - **Heap slots** (`SlotWord`, `SlotByte`): the words and bytes inside gol heap objects. They are
//!   raw memory reinterpreted as atomics (`AtomicU64::from_ptr`), which loom cannot model (its
//!   atomics are tracked objects, not memory), so they are always std's. gol programs' own races
//!   on slots are Go's business (wrong answers allowed); the interpreter only needs them untorn.
//!
//! Capacities that a model checker must explore (queue sizes, spin counts) read `LOOM` to shrink.

#[cfg(not(loom))]
pub use std::sync::{
    atomic::{fence, AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

#[cfg(loom)]
pub use loom::sync::{
    atomic::{fence, AtomicBool, AtomicI64, AtomicU32, AtomicU64, AtomicUsize, Ordering},
    Condvar, Mutex, MutexGuard,
};

/// Always std's: reference counts are not what the models check, and `self: &Arc<Self>`
/// receivers need std's type.
pub use std::sync::Arc;

/// A word inside a heap object: always std's atomic (see the module docs).
pub use std::sync::atomic::AtomicU64 as SlotWord;
/// A byte inside a byte object (`[]byte` backing arrays): always std's atomic.
pub use std::sync::atomic::AtomicU8 as SlotByte;
/// Orderings for heap slots (std's, matching `SlotWord`).
pub use std::sync::atomic::{fence as slot_fence, Ordering as SlotOrdering};

/// True when compiled for the loom model checker: shrink capacities so models stay small.
pub const LOOM: bool = cfg!(loom);
