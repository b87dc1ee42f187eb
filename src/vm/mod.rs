//! VM: runs one goroutine's bytecode. `run(g, prog, fuel) -> Exit { Yield, Done, Panic }`:
//! executes at most about `fuel` units of work (one per call and per backward jump, so loops and
//! recursion always reach a check), then returns so the scheduler can run others. The VM is
//! stackless: a gol call pushes a `Frame` on the goroutine's own frame stack and never recurses
//! on the Rust stack.
//!
//! Invariants (what makes the unchecked register accesses below sound):
//! - Only programs that passed `verify::verify` run: every register operand of a function is
//!   below its `nregs`, every jump lands inside its code, every call's window fits in the caller's.
//! - While a frame is active, `g.regs.len() >= frame.base + func.nregs`: `Call` grows the
//!   register stack before entering the callee.

pub mod equal;
pub mod map;
pub mod value;
pub mod verify;

#[cfg(test)]
mod tests;

use crate::bytecode::{FuncId, Op, Program};

/// One activation: which function, where in it, and where its register window starts.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub func: FuncId,
    /// The next instruction to execute (saved when the frame is not running).
    pub pc: u32,
    /// Index of this frame's `R[0]` in `Goroutine::regs`.
    pub base: u32,
}

/// A goroutine's execution state: its frames and its register stack. Owned by whoever runs it.
pub struct Goroutine {
    pub frames: Vec<Frame>,
    pub regs: Vec<u64>,
    /// Register words this goroutine may use before "stack overflow" (`MAX_STACK_WORDS`;
    /// tests lower it).
    pub stack_limit: usize,
}

/// Go's runtime errors, raised by instructions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuntimeError {
    IntegerDivideByZero,
    StackOverflow,
}

impl RuntimeError {
    /// The text after `panic: ` / `fatal error: ` as Go prints it.
    pub fn message(&self) -> &'static str {
        match self {
            RuntimeError::IntegerDivideByZero => "runtime error: integer divide by zero",
            RuntimeError::StackOverflow => "stack overflow",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Fuel ran out; the goroutine can continue later.
    Yield,
    /// The outermost function returned; its results are in `regs[0..nresults]`.
    Done,
    Panic(RuntimeError),
}

/// Register words a goroutine may use before Go's "stack overflow" (8 bytes each: 1 GiB, Go's
/// default maximum stack).
pub const MAX_STACK_WORDS: usize = (1 << 30) / 8;

impl Goroutine {
    /// A goroutine about to run `func` with `args` as its first registers.
    pub fn new(prog: &Program, func: FuncId, args: &[u64]) -> Goroutine {
        let nregs = prog.funcs[func as usize].nregs as usize;
        let mut regs = vec![0u64; nregs.max(args.len())];
        regs[..args.len()].copy_from_slice(args);
        Goroutine {
            frames: vec![Frame {
                func,
                pc: 0,
                base: 0,
            }],
            regs,
            stack_limit: MAX_STACK_WORDS,
        }
    }
}

/// Runs `g` for about `fuel` units of work. See the module docs for the invariants.
pub fn run(g: &mut Goroutine, prog: &Program, mut fuel: u32) -> Exit {
    let Some(&frame) = g.frames.last() else {
        return Exit::Done;
    };
    let mut code: &[Op] = &prog.funcs[frame.func as usize].code;
    let mut consts: &[u64] = &prog.funcs[frame.func as usize].consts;
    let mut pc = frame.pc as usize;
    let mut base = frame.base as usize;

    // R(i): register i of the current frame.
    macro_rules! r {
        ($i:expr) => {
            // SAFETY: `$i < nregs` of the running function (verified) and the frame window
            // `base..base+nregs` is inside `g.regs` (module invariant), so the index is in bounds.
            *unsafe { g.regs.get_unchecked_mut(base + $i as usize) }
        };
    }
    macro_rules! save_pc {
        () => {
            g.frames.last_mut().expect("a frame is running").pc = pc as u32;
        };
    }
    // Takes a relative jump. A backward jump costs fuel: when none is left the goroutine yields
    // with its pc at the jump target, so every loop reaches the scheduler.
    macro_rules! jump {
        ($off:expr) => {{
            let off = $off as i64;
            pc = (pc as i64 + off) as usize;
            if off < 0 {
                if fuel == 0 {
                    save_pc!();
                    return Exit::Yield;
                }
                fuel -= 1;
            }
        }};
    }

    loop {
        // SAFETY: verified code never falls off its end: every path ends in `Return` or a jump
        // to a pc inside the code, so `pc < code.len()` here.
        let op = *unsafe { code.get_unchecked(pc) };
        pc += 1;
        match op {
            Op::Move { dst, src } => r!(dst) = r!(src),
            Op::LoadInt { dst, imm } => r!(dst) = imm as i64 as u64,
            Op::LoadConst { dst, k } => r!(dst) = consts[k as usize],

            Op::AddInt { dst, a, b } => r!(dst) = r!(a).wrapping_add(r!(b)),
            Op::AddIntImm { dst, a, imm } => r!(dst) = r!(a).wrapping_add(imm as i64 as u64),
            Op::SubInt { dst, a, b } => r!(dst) = r!(a).wrapping_sub(r!(b)),
            Op::MulInt { dst, a, b } => r!(dst) = r!(a).wrapping_mul(r!(b)),
            Op::DivInt { dst, a, b } => {
                let d = r!(b) as i64;
                if d == 0 {
                    save_pc!();
                    return Exit::Panic(RuntimeError::IntegerDivideByZero);
                }
                r!(dst) = (r!(a) as i64).wrapping_div(d) as u64;
            }
            Op::RemInt { dst, a, b } => {
                let d = r!(b) as i64;
                if d == 0 {
                    save_pc!();
                    return Exit::Panic(RuntimeError::IntegerDivideByZero);
                }
                r!(dst) = (r!(a) as i64).wrapping_rem(d) as u64;
            }
            Op::NegInt { dst, a } => r!(dst) = (r!(a) as i64).wrapping_neg() as u64,
            Op::Wrap {
                dst,
                a,
                bits,
                signed,
            } => {
                let shift = 64 - bits as u32;
                let v = r!(a) << shift;
                r!(dst) = if signed {
                    ((v as i64) >> shift) as u64
                } else {
                    v >> shift
                };
            }

            Op::AddF64 { dst, a, b } => {
                r!(dst) = (f64::from_bits(r!(a)) + f64::from_bits(r!(b))).to_bits()
            }
            Op::SubF64 { dst, a, b } => {
                r!(dst) = (f64::from_bits(r!(a)) - f64::from_bits(r!(b))).to_bits()
            }
            Op::MulF64 { dst, a, b } => {
                r!(dst) = (f64::from_bits(r!(a)) * f64::from_bits(r!(b))).to_bits()
            }
            Op::DivF64 { dst, a, b } => {
                r!(dst) = (f64::from_bits(r!(a)) / f64::from_bits(r!(b))).to_bits()
            }

            Op::EqWord { dst, a, b } => r!(dst) = (r!(a) == r!(b)) as u64,
            Op::LtInt { dst, a, b } => r!(dst) = ((r!(a) as i64) < (r!(b) as i64)) as u64,
            Op::LeInt { dst, a, b } => r!(dst) = ((r!(a) as i64) <= (r!(b) as i64)) as u64,
            Op::LtF64 { dst, a, b } => {
                r!(dst) = (f64::from_bits(r!(a)) < f64::from_bits(r!(b))) as u64
            }
            Op::Not { dst, a } => r!(dst) = (r!(a) == 0) as u64,

            Op::Jump { off } => jump!(off),
            Op::JumpIf { cond, off } => {
                if r!(cond) != 0 {
                    jump!(off)
                }
            }
            Op::JumpIfNot { cond, off } => {
                if r!(cond) == 0 {
                    jump!(off)
                }
            }
            Op::JumpIfLtInt { a, b, off } => {
                if (r!(a) as i64) < (r!(b) as i64) {
                    jump!(off)
                }
            }
            Op::JumpIfGeInt { a, b, off } => {
                if (r!(a) as i64) >= (r!(b) as i64) {
                    jump!(off)
                }
            }

            Op::Call { func, base: cbase } => {
                save_pc!();
                let callee = &prog.funcs[func as usize];
                let new_base = base + cbase as usize;
                let need = new_base + callee.nregs as usize;
                if need > g.stack_limit {
                    return Exit::Panic(RuntimeError::StackOverflow);
                }
                if g.regs.len() < need {
                    // Grow geometrically; fresh registers are zero (nil / 0 / false).
                    g.regs.resize(need.max(g.regs.len() * 2), 0);
                }
                // The callee's non-parameter registers must start zeroed: the GC will read them
                // as possibly-nil references, and Go zero-initialises every variable.
                let first_local = new_base + callee.nparams as usize;
                g.regs[first_local..need].fill(0);
                g.frames.push(Frame {
                    func,
                    pc: 0,
                    base: new_base as u32,
                });
                code = &callee.code;
                consts = &callee.consts;
                pc = 0;
                base = new_base;
                if fuel == 0 {
                    return Exit::Yield;
                }
                fuel -= 1;
            }
            Op::Return { src, n } => {
                // Results go to R[0..n] of this frame, which is the caller's call window.
                if src != 0 {
                    let from = base + src as usize;
                    g.regs.copy_within(from..from + n as usize, base);
                }
                g.frames.pop();
                let Some(&caller) = g.frames.last() else {
                    return Exit::Done;
                };
                let f = &prog.funcs[caller.func as usize];
                code = &f.code;
                consts = &f.consts;
                pc = caller.pc as usize;
                base = caller.base as usize;
            }
        }
    }
}
