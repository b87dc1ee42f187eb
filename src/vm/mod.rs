//! VM: runs one goroutine's bytecode. `run(g, m, fuel) -> Exit { Yield, Done, Panic, Exit }`:
//! executes at most about `fuel` units of work (one per call and per backward jump, so loops and
//! recursion always reach a check), then returns so the scheduler can run others. The VM is
//! stackless: a gol call pushes a `Frame` on the goroutine's own frame stack and never recurses
//! on the Rust stack. Library code that calls gol code does it as frames too: gol-source
//! packages (`stdlib/`), replayed helpers (`cont.rs`) and an unrecovered panic's methods
//! (`dying.rs`). No nested interpreter loop exists.
//!
//! Invariants (what makes the unchecked register accesses in `exec.rs` sound):
//! - Only programs that passed `verify::verify` run: every register operand of a function is
//!   below its `nregs`, every jump lands inside its code, every static call's window fits.
//! - While a frame is active, `g.regs.len() >= frame.base + func.nregs`: every call grows the
//!   register stack before entering the callee.

pub mod complex;
pub mod cont;
pub mod dying;
pub mod equal;
mod errs;
mod exec;
mod fmtscan;
pub mod gcroots;
mod gosize;
pub mod host;
mod iort;
pub mod machine;
pub mod map;
pub mod panic;
mod printrt;
mod racert;
mod reflectrt;
pub mod reflectv;
mod regexprt;
pub mod rt;
mod runtimert;
mod sel;
mod sortwords;
mod testingrt;
pub mod timers;
pub mod value;
pub mod verify;

#[cfg(test)]
mod tests;

pub use exec::run;
pub use machine::Machine;
pub use panic::{GoPanic, RuntimeError};

use crate::bytecode::{FuncId, Program};

/// One activation: which function, where in it, and where its register window starts.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub func: FuncId,
    /// The next instruction to execute (saved when the frame is not running).
    pub pc: u32,
    /// Index of this frame's `R[0]` in `Goroutine::regs`.
    pub base: u32,
    /// The closure object being run (0 for a direct call).
    pub closure: u64,
    /// This frame is a deferred call run while panicking: only such a frame may `recover`.
    pub panic_defer: bool,
    /// This frame is a deferred call (run by `RunDefers` or by a panic).
    pub deferred: bool,
    /// A runtime helper in the frame below called this one: its results go to the helper's
    /// memo, and the helper runs again (`cont.rs`).
    pub resume: bool,
}

/// A call registered by `defer`, run when the frame at depth `depth` returns or panics.
#[derive(Clone, Debug)]
pub struct DeferRec {
    pub depth: usize,
    pub closure: u64,
    pub args: Vec<u64>,
}

/// A goroutine's execution state: its frames and its register stack. Owned by whoever runs it.
pub struct Goroutine {
    pub frames: Vec<Frame>,
    pub regs: Vec<u64>,
    /// Stack bytes (`exec::stack_bytes`) this goroutine may use before "stack overflow"
    /// (`MAX_STACK_BYTES`; tests lower it).
    pub stack_limit: usize,
    pub defers: Vec<DeferRec>,
    /// The panic being propagated, if any.
    pub panicking: Option<GoPanic>,
    /// Earlier panics still "in progress" (a deferred call panicked again): Go prints them all.
    pub recovered: bool,
    /// The results so far of the suspended runtime helpers that called gol code (`cont.rs`),
    /// innermost last.
    pub memos: Vec<cont::Memo>,
    /// An unrecovered panic whose `Error`/`String` texts are being computed (`dying.rs`).
    pub dying: Option<Box<dying::Dying>>,
    /// Go's goroutine number (main is 1).
    pub id: u64,
    /// A panic to raise when the goroutine next runs (e.g. its send's channel was closed).
    pub pending_panic: Option<GoPanic>,
    /// Earlier panics of the panic in progress, oldest first, with whether they were
    /// recovered (Go prints them all when the program dies).
    pub old_panics: Vec<(GoPanic, bool)>,
    /// The panic in progress re-panics the value a deferred call had recovered.
    pub repanicked: bool,
    /// Where the `go` statement that started it was: (function, pc after it, goroutine), for
    /// tracebacks' `created by main.main in goroutine 1`.
    pub created_by: Option<(FuncId, u32, u64)>,
    /// The synctest bubble it belongs to (`runtime/bubble.rs`).
    pub bubble: Option<std::sync::Arc<crate::runtime::bubble::Bubble>>,
    /// Its race detector state under `-race` (`crate::race`; made by the `go` statement).
    pub race: Option<std::sync::Arc<crate::race::GState>>,
    /// Under `-race`: a sync variable to acquire when it next runs (it parked in a `Wait`
    /// that completes when the variable's releases are done).
    pub race_resume: Option<(u64, u64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Exit {
    /// Fuel ran out; the goroutine can continue later.
    Yield,
    /// The outermost function returned; its results are in `regs[0..nresults]`.
    Done,
    /// An unrecovered panic, with the stack (innermost first) at the moment it started.
    Panic(GoPanic, Vec<(FuncId, u32)>),
    /// `os.Exit(code)`.
    Exit(i32),
    /// Blocked (queued on a channel, sleeping...): someone else will make it runnable.
    Park(crate::runtime::sched::WaitReason),
}

/// Runs `g` raising `p` at its current instruction first.
pub fn throw_at_resume(g: &mut Goroutine, mach: &mut Machine, p: GoPanic) -> Exit {
    g.pending_panic = Some(p);
    run(g, mach, 20_000)
}

/// Stack bytes a goroutine may use before Go's "stack overflow": Go's default maximum stack
/// (`runtime: goroutine stack exceeds 1000000000-byte limit`). What counts is what this VM
/// really holds per activation (`exec::stack_bytes`), so a runaway recursion stops at about the
/// memory Go's would, not several times it.
pub const MAX_STACK_BYTES: usize = 1_000_000_000;

/// The stack limit new goroutines get: `MAX_STACK_BYTES` unless `debug.SetMaxStack` changed it.
pub static MAX_STACK: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(MAX_STACK_BYTES);

impl Goroutine {
    /// A goroutine about to run `func` with `args` as its first registers.
    pub fn new(prog: &Program, func: FuncId, args: &[u64]) -> Goroutine {
        let nregs = prog.funcs[func as usize].nregs as usize;
        let mut regs = vec![0u64; nregs.max(args.len()).max(16)];
        regs[..args.len()].copy_from_slice(args);
        Goroutine {
            frames: vec![Frame {
                func,
                pc: 0,
                base: 0,
                closure: 0,
                panic_defer: false,
                deferred: false,
                resume: false,
            }],
            regs,
            stack_limit: MAX_STACK.load(std::sync::atomic::Ordering::Relaxed),
            defers: Vec::new(),
            panicking: None,
            recovered: false,
            memos: Vec::new(),
            dying: None,
            id: 0,
            pending_panic: None,
            old_panics: Vec::new(),
            repanicked: false,
            created_by: None,
            bubble: None,
            race: None,
            race_resume: None,
        }
    }
}
