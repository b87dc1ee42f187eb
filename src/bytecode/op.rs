//! BYTECODE: `enum Op`, the one opcode table. Each variant documents its operands and effect in
//! Lua's notation (`R[dst] := R[a] + R[b]`), and whether it may park the goroutine. Registers are
//! one machine word (`u64`) each, in the current frame's window; what a word means (int, float bits,
//! bool, heap reference) is decided statically by the compiler, so no instruction checks a tag.
//! Names, operand kinds and "may park" are derived by `match`, never kept in parallel tables.
//!
//! # Notes
//! - Jump offsets are relative to the instruction after the jump (`pc` has already advanced).
//! - Fused compare-and-branch forms carry an `i16` offset; the compiler falls back to a compare
//!   plus `Jump` when a target is farther away.
//! - Integer arithmetic is on 64-bit words and wraps; the compiler narrows results of smaller
//!   integer types with `Wrap` (Go's sized-integer overflow semantics).

/// A register in the current frame's window.
pub type Reg = u16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `R[dst] := R[src]`
    Move { dst: Reg, src: Reg },
    /// `R[dst] := imm` (sign-extended)
    LoadInt { dst: Reg, imm: i32 },
    /// `R[dst] := K[k]` (a 64-bit word from the function's constant pool)
    LoadConst { dst: Reg, k: u16 },

    /// `R[dst] := R[a] + R[b]` (wrapping)
    AddInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] + imm` (wrapping)
    AddIntImm { dst: Reg, a: Reg, imm: i16 },
    /// `R[dst] := R[a] - R[b]` (wrapping)
    SubInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] * R[b]` (wrapping)
    MulInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] / R[b]` (truncated; panics on zero; MinInt64 / -1 wraps as in Go)
    DivInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] % R[b]` (sign of the dividend; panics on zero)
    RemInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := -R[a]` (wrapping)
    NegInt { dst: Reg, a: Reg },
    /// `R[dst] := R[a]` narrowed to `bits` and sign- (`signed`) or zero-extended back to 64.
    Wrap {
        dst: Reg,
        a: Reg,
        bits: u8,
        signed: bool,
    },

    /// `R[dst] := R[a] + R[b]` as f64
    AddF64 { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] - R[b]` as f64
    SubF64 { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] * R[b]` as f64
    MulF64 { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] / R[b]` as f64 (IEEE: no panic)
    DivF64 { dst: Reg, a: Reg, b: Reg },

    /// `R[dst] := R[a] == R[b]` (word equality: ints, bools)
    EqWord { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] < R[b]` as signed ints
    LtInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] <= R[b]` as signed ints
    LeInt { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := R[a] < R[b]` as f64
    LtF64 { dst: Reg, a: Reg, b: Reg },
    /// `R[dst] := !R[a]` (bool)
    Not { dst: Reg, a: Reg },

    /// `pc += off`
    Jump { off: i32 },
    /// `if R[cond] != 0 { pc += off }`
    JumpIf { cond: Reg, off: i32 },
    /// `if R[cond] == 0 { pc += off }`
    JumpIfNot { cond: Reg, off: i32 },
    /// `if R[a] < R[b] (signed) { pc += off }`
    JumpIfLtInt { a: Reg, b: Reg, off: i16 },
    /// `if !(R[a] < R[b]) (signed) { pc += off }`
    JumpIfGeInt { a: Reg, b: Reg, off: i16 },

    /// Calls function `func` with its frame starting at `R[base]`: the arguments are already in
    /// `R[base..base+nparams]`, and the results come back in `R[base..base+nresults]`.
    Call { func: u16, base: Reg },
    /// Returns `R[src..src+n]` to the caller (at the caller's call `base`), or ends the goroutine.
    Return { src: Reg, n: u16 },
}

impl Op {
    /// The mnemonic used by the disassembler.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Move { .. } => "MOVE",
            Op::LoadInt { .. } => "LOADI",
            Op::LoadConst { .. } => "LOADK",
            Op::AddInt { .. } => "ADDI",
            Op::AddIntImm { .. } => "ADDIK",
            Op::SubInt { .. } => "SUBI",
            Op::MulInt { .. } => "MULI",
            Op::DivInt { .. } => "DIVI",
            Op::RemInt { .. } => "REMI",
            Op::NegInt { .. } => "NEGI",
            Op::Wrap { .. } => "WRAP",
            Op::AddF64 { .. } => "ADDF",
            Op::SubF64 { .. } => "SUBF",
            Op::MulF64 { .. } => "MULF",
            Op::DivF64 { .. } => "DIVF",
            Op::EqWord { .. } => "EQ",
            Op::LtInt { .. } => "LTI",
            Op::LeInt { .. } => "LEI",
            Op::LtF64 { .. } => "LTF",
            Op::Not { .. } => "NOT",
            Op::Jump { .. } => "JMP",
            Op::JumpIf { .. } => "JMPIF",
            Op::JumpIfNot { .. } => "JMPIFNOT",
            Op::JumpIfLtInt { .. } => "JLTI",
            Op::JumpIfGeInt { .. } => "JGEI",
            Op::Call { .. } => "CALL",
            Op::Return { .. } => "RET",
        }
    }

    /// The register operands it reads or writes (for the verifier and register allocation).
    pub fn registers(&self) -> Vec<Reg> {
        match *self {
            Op::Move { dst, src } => vec![dst, src],
            Op::LoadInt { dst, .. } | Op::LoadConst { dst, .. } => vec![dst],
            Op::AddInt { dst, a, b }
            | Op::SubInt { dst, a, b }
            | Op::MulInt { dst, a, b }
            | Op::DivInt { dst, a, b }
            | Op::RemInt { dst, a, b }
            | Op::AddF64 { dst, a, b }
            | Op::SubF64 { dst, a, b }
            | Op::MulF64 { dst, a, b }
            | Op::DivF64 { dst, a, b }
            | Op::EqWord { dst, a, b }
            | Op::LtInt { dst, a, b }
            | Op::LeInt { dst, a, b }
            | Op::LtF64 { dst, a, b } => vec![dst, a, b],
            Op::AddIntImm { dst, a, .. }
            | Op::NegInt { dst, a }
            | Op::Not { dst, a }
            | Op::Wrap { dst, a, .. } => {
                vec![dst, a]
            }
            Op::JumpIf { cond, .. } | Op::JumpIfNot { cond, .. } => vec![cond],
            Op::JumpIfLtInt { a, b, .. } | Op::JumpIfGeInt { a, b, .. } => vec![a, b],
            // Call windows and returned ranges are checked by the verifier with their sizes.
            Op::Jump { .. } | Op::Call { .. } | Op::Return { .. } => vec![],
        }
    }

    /// Whether executing it may park the goroutine (channel operations, locks, sleeps). None
    /// of the current instructions can; the scheduler relies on this being exact.
    pub fn may_park(&self) -> bool {
        false
    }

    /// Whether it may panic (the VM saves the pc before such instructions for traces).
    pub fn may_panic(&self) -> bool {
        matches!(self, Op::DivInt { .. } | Op::RemInt { .. })
    }
}

#[cfg(test)]
mod tests {
    /// Instructions are fetched and copied constantly: one per 8 bytes keeps the code dense.
    #[test]
    fn op_is_at_most_eight_bytes() {
        assert!(
            std::mem::size_of::<super::Op>() <= 8,
            "{}",
            std::mem::size_of::<super::Op>()
        );
    }
}
