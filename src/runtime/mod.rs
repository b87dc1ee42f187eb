//! RUNTIME: what runs compiled gol programs besides the VM's instruction loop. Input: VM
//! goroutines and their requests (allocate, park, collect). Output: memory, scheduling and
//! synchronization with Go's semantics.
//!
//! Built so far: `gc` (the heap and its stop-the-world mark-sweep collector) and `sync_shim`
//! (every atomic and lock of the runtime, std or loom). The M:N scheduler, channels, select,
//! timers and deadlock detection come next (DESIGN.md "Goroutines and the runtime").
//! `sched` runs a program to its end; `session` runs a REPL session's goroutines across inputs.
//!
//! Lock order (outermost first), for everything under `runtime/`:
//! 1. `gc::Heap::shared` → 2. `gc::Heap::central` (leaf: nothing is locked inside it).
//!
//! `gc::Heap::collect` calls its roots callback with no heap lock held.

pub mod chan;
pub mod gc;
pub mod sched;
pub mod session;
pub mod shared;
pub mod sync_shim;
pub mod worker;
