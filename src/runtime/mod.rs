//! RUNTIME: what runs compiled gol programs besides the VM's instruction loop. Input: VM
//! goroutines and their requests (allocate, park, collect). Output: memory, scheduling and
//! synchronization with Go's semantics.
//!
//! - `gc`: the heap and its stop-the-world mark-sweep collector;
//! - `worker`: the M:N scheduler (GOMAXPROCS threads, crossbeam-deque queues, stealing, idle
//!   parking, stop-the-world, deadlock detection) that runs a program to its end;
//! - `ctl`: the workers' handshakes (sleep and wake, stop-the-world), loom-checked;
//! - `shared`: the state all workers share (runtime lock, globals, stdout, worker control);
//! - `g`: a goroutine's handle (status word, park record), what queues hold;
//! - `sched`: the state under the runtime lock (goroutine table, timers, wait queues);
//! - `chan`: channels; `session`: a REPL session's goroutines across inputs (one thread);
//! - `limits`: the run's limits (`--sandbox`, `--max-*`, GOMEMLIMIT) and their watchdog;
//!   `fatal`: Go's fatal errors for memory, limits and a closed stdout (no Rust abort);
//! - `semq`: sync objects' wait queues (sharded by address, each shard under its own lock);
//! - `stats`: `GOL_SCHEDSTATS=1`'s counters of locks and scheduler events;
//! - `events`: the event stream (`gol trace`; off: one relaxed load per hook, no lock ever);
//! - `sync_shim`: every atomic and lock of the runtime, std or loom; `model`: the loom models.
//!
//! Lock order (outermost first), for everything under `runtime/`:
//! 1. `Shared::lib` → 2. `Control::ctl` → 3. `Shared::sched` (the runtime lock)
//!    → 4. channels' state locks (several only in a select, in ascending address order:
//!    chan.rs) → a map's lock;
//! - a sync wait-queue shard (semq.rs): taken with none of 1-4 held, never two at once;
//! 5. leaves: `G::slot` (g.rs; never held while readying), `Shared::out`,
//!    `gc::Heap::shared` → `gc::Heap::central`.
//!
//! Channel operations, sync objects and goroutine switches take no lock of level 1-3.
//!
//! `gc::Heap::collect` calls its roots callback with no heap lock held.

pub mod bubble;
pub mod chan;
pub mod ctl;
pub mod detsched;
pub mod events;
pub mod fatal;
pub mod g;
pub mod gc;
pub mod leaks;
pub mod limits;
#[cfg(all(test, loom))]
mod model;
pub mod sched;
pub mod semq;
pub mod session;
pub mod shared;
pub mod stats;
pub mod sync_shim;
pub mod worker;
