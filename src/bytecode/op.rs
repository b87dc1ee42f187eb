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
//!
//! # Operand widths (generated programs: 100,000 functions, globals, locals, constants)
//! - Registers are u16: three of them plus the tag fill 7 of the 8 bytes, and the hot
//!   arithmetic needs three. A function's window holds at most 65,535 registers; locals declared
//!   past register 32,768 are *spilled* by the compiler (`compiler/func.rs`, `Var::Spilled`): each
//!   lives in a box whose reference is an element of one per-frame spill record (an array object
//!   in a register), reached with `LOADI` + `AGET`. So a function with 100,000 locals runs, the
//!   VM has no new instruction or frame state, and the hot loop is untouched. What still needs
//!   more than 65,535 registers at once (a call with 70,000 arguments) is a compile error
//!   naming the function, never wrong code.
//! - Ids of program tables are u32 in the instructions that name them (`Call`'s function,
//!   `LoadConst`'s constant, globals, captures, `CallIface`'s method name, `CallNative`): each
//!   of these instructions has at most two registers, so a u32 fits beside them in 8 bytes and
//!   costs nothing at run time (rejected: an extra-argument instruction or wide variants, which
//!   add decoding branches and still cap something). They cannot overflow: each id comes from
//!   source text, and sources are shorter than 4 GiB (spans are u32 offsets).
//! - `LoadField`/`StoreField` keep a u16 word index (two registers beside it): the compiler
//!   reaches words past 65,535 of a constant index (array literals `[100000]int{70000: 1}`)
//!   with `LOADI` + `ASET`. `Rt`'s helper number and argument counts stay u16 (fixed tables, and
//!   windows are registers anyway).

use super::program::FuncId;

/// A register in the current frame's window.
pub type Reg = u16;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `R[dst] := R[src]`
    Move {
        dst: Reg,
        src: Reg,
    },
    /// `R[dst] := imm` (sign-extended)
    LoadInt {
        dst: Reg,
        imm: i32,
    },
    /// `R[dst] := K[k]` (a 64-bit word from the function's constant pool)
    LoadConst {
        dst: Reg,
        k: u32,
    },

    /// `R[dst] := R[a] + R[b]` (wrapping)
    AddInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] + imm` (wrapping)
    AddIntImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a * imm`
    MulIntImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a & imm` (imm sign-extended)
    AndImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a % imm` for signed ints (imm is never 0)
    RemIntImm {
        dst: Reg,
        a: Reg,
        imm: i16,
    },
    /// `dst = a << imm`, `a >> imm` (arithmetic), `a >> imm` (logical); imm in 0..64
    ShlImm {
        dst: Reg,
        a: Reg,
        imm: u16,
    },
    SarImm {
        dst: Reg,
        a: Reg,
        imm: u16,
    },
    ShrImm {
        dst: Reg,
        a: Reg,
        imm: u16,
    },
    /// `R[dst] := R[a] - R[b]` (wrapping)
    SubInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] * R[b]` (wrapping)
    MulInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] / R[b]` (truncated; panics on zero; MinInt64 / -1 wraps as in Go)
    DivInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] % R[b]` (sign of the dividend; panics on zero)
    RemInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := -R[a]` (wrapping)
    NegInt {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := R[a]` narrowed to `bits` and sign- (`signed`) or zero-extended back to 64.
    Wrap {
        dst: Reg,
        a: Reg,
        bits: u8,
        signed: bool,
    },

    /// `R[dst] := R[a] + R[b]` as f64
    AddF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] - R[b]` as f64
    SubF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] * R[b]` as f64
    MulF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] / R[b]` as f64 (IEEE: no panic)
    DivF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },

    /// `R[dst] := R[a] == R[b]` (word equality: ints, bools)
    EqWord {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] < R[b]` as signed ints
    LtInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] <= R[b]` as signed ints
    LeInt {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] < R[b]` as f64
    LtF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := !R[a]` (bool)
    Not {
        dst: Reg,
        a: Reg,
    },

    /// `R[dst] := R[a] / R[b]` as unsigned (panics on zero)
    DivUint {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] % R[b]` as unsigned (panics on zero)
    RemUint {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] & R[b]`
    And {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] | R[b]`
    Or {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] ^ R[b]`
    Xor {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] &^ R[b]`
    AndNot {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] << R[b]` (counts ≥ 64 give 0; a negative signed count panics)
    Shl {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// `R[dst] := R[a] >> R[b]` arithmetic (counts ≥ 64 give 0 or -1)
    Sar {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// `R[dst] := R[a] >> R[b]` logical
    Shr {
        dst: Reg,
        a: Reg,
        b: Reg,
        signed_count: bool,
    },
    /// `R[dst] := ^R[a]`
    BitNot {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := R[a] < R[b]` as unsigned ints
    LtUint {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] <= R[b]` as unsigned ints
    LeUint {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] != R[b]` (word inequality)
    NeWord {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] == R[b]` as f64 (NaN is unequal to everything)
    EqF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] <= R[b]` as f64
    LeF64 {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := -R[a]` as f64
    NegF64 {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := float64(R[a])`, `R[a]` a signed (`signed`) or unsigned int
    IntToF64 {
        dst: Reg,
        a: Reg,
        signed: bool,
    },
    /// `R[dst] := int(R[a])` truncating an f64 (to a signed or unsigned 64-bit word)
    F64ToInt {
        dst: Reg,
        a: Reg,
        signed: bool,
    },
    /// `R[dst] := float64(float32(R[a]))` (rounds an f64 to f32 precision)
    RoundF32 {
        dst: Reg,
        a: Reg,
    },

    /// `R[dst] := R[a] + R[b]` as strings (allocates)
    Concat {
        dst: Reg,
        a: Reg,
        b: Reg,
    },
    /// `R[dst] := R[a] <cmp> R[b]` as strings; `cmp`: 0 `==`, 1 `!=`, 2 `<`, 3 `<=`
    StrCmp {
        dst: Reg,
        a: Reg,
        b: Reg,
        cmp: u8,
    },
    /// `R[dst] := len(R[a])` for a string
    StrLen {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := R[s][R[i]]` (a byte of a string; panics out of range)
    StrByte {
        dst: Reg,
        s: Reg,
        i: Reg,
    },
    /// `R[dst] := len(R[a])` for a slice
    SliceLen {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := cap(R[a])` for a slice
    SliceCap {
        dst: Reg,
        a: Reg,
    },
    /// `R[dst] := R[s][R[i]]` (a slice element; panics out of range)
    SliceGet {
        dst: Reg,
        s: Reg,
        i: Reg,
    },
    /// `R[s][R[i]] := R[src]` (panics out of range)
    SliceSet {
        s: Reg,
        i: Reg,
        src: Reg,
    },
    /// `R[dst] := R[obj].word[idx]` (a struct field or array element; panics if `R[obj]` is nil)
    LoadField {
        dst: Reg,
        obj: Reg,
        idx: u16,
    },
    /// `R[obj].word[idx] := R[src]` (panics if `R[obj]` is nil)
    StoreField {
        obj: Reg,
        idx: u16,
        src: Reg,
    },
    /// `R[dst] := R[arr].word[R[i]]` for arrays (panics out of range: `len` is the array length)
    ArrayGet {
        dst: Reg,
        arr: Reg,
        i: Reg,
    },
    /// `R[arr].word[R[i]] := R[src]` for arrays (panics out of range)
    ArraySet {
        arr: Reg,
        i: Reg,
        src: Reg,
    },
    /// `R[dst] := *R[p]` through an INTERIOR pointer (panics on nil)
    LoadPtr {
        dst: Reg,
        p: Reg,
    },
    /// `*R[p] := R[src]` through an INTERIOR pointer (panics on nil)
    StorePtr {
        p: Reg,
        src: Reg,
    },
    /// `R[dst] := globals[idx]`
    LoadGlobal {
        dst: Reg,
        idx: u32,
    },
    /// `globals[idx] := R[src]`
    StoreGlobal {
        idx: u32,
        src: Reg,
    },
    /// `R[dst] := captured word idx` of the running closure
    GetCapture {
        dst: Reg,
        idx: u32,
    },
    /// Calls the closure in `R[f]` with its frame at `R[base]` (as `Call`; panics on a nil func).
    CallClosure {
        f: Reg,
        base: Reg,
    },
    /// Calls method `method` (an index into `Program::method_names`) of the interface value in
    /// `R[base]`, which is replaced by its data word as the receiver (panics on a nil interface).
    CallIface {
        base: Reg,
        method: u32,
    },
    /// Calls native `id` (`Program::natives`) on the window at `R[base]`; may not park.
    CallNative {
        id: u32,
        base: Reg,
    },
    /// Runtime helper `f` (`vm/rt.rs`) on the window at `R[base]`: operands in, results out.
    /// `sub` names the operation within a helper family (`bytecode/rtsub.rs`; 0 for helpers
    /// that are one operation): the family's enum, never a number chosen elsewhere.
    Rt {
        f: u16,
        sub: u16,
        base: Reg,
    },
    /// Registers a deferred call: the closure in `R[base]`, `n` argument words after it.
    Defer {
        base: Reg,
        n: u16,
    },
    /// Runs the next pending deferred call of this frame, then executes this instruction again;
    /// falls through when none is left.
    RunDefers,
    /// Panics with the interface value in `R[a]`.
    Panic {
        a: Reg,
    },
    /// `R[ch] <- R[src]` (may park)
    Send {
        ch: Reg,
        src: Reg,
    },
    /// `R[dst] := <-R[ch]`, and `R[dst+1] := ok` when `ok` (may park)
    Recv {
        dst: Reg,
        ch: Reg,
        ok: bool,
    },
    /// `select` over the cases described at `R[base..]` (see `vm/sel.rs`; may park)
    Select {
        base: Reg,
    },
    /// `go`: starts a goroutine running the closure in `R[base]` with `n` argument words after it.
    Go {
        base: Reg,
        n: u16,
    },
    /// Parks the goroutine for `R[a]` nanoseconds (`time.Sleep`; may park)
    Sleep {
        a: Reg,
    },
    /// Lets other goroutines run (`runtime.Gosched`).
    Gosched,

    /// `pc += off`
    Jump {
        off: i32,
    },
    /// `if R[cond] != 0 { pc += off }`
    JumpIf {
        cond: Reg,
        off: i32,
    },
    /// `if R[cond] == 0 { pc += off }`
    JumpIfNot {
        cond: Reg,
        off: i32,
    },
    /// `if R[a] < R[b] (signed) { pc += off }`
    JumpIfLtInt {
        a: Reg,
        b: Reg,
        off: i16,
    },
    /// `if !(R[a] < R[b]) (signed) { pc += off }`
    JumpIfGeInt {
        a: Reg,
        b: Reg,
        off: i16,
    },
    /// Jump if the words `a` and `b` are equal / differ.
    JumpIfEqWord {
        a: Reg,
        b: Reg,
        off: i16,
    },
    JumpIfNeWord {
        a: Reg,
        b: Reg,
        off: i16,
    },
    /// Jump if word `a` equals / differs from `imm` (sign-extended).
    JumpIfEqImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    JumpIfNeImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    /// Jump if signed `a` is <, >=, >, <= `imm`.
    JumpIfLtImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    JumpIfGeImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    JumpIfGtImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    JumpIfLeImm {
        a: Reg,
        imm: i16,
        off: i16,
    },
    /// `a += 1; if a < b (signed) then jump` (a counting loop's step and test)
    IncJumpIfLt {
        a: Reg,
        b: Reg,
        off: i16,
    },

    /// Calls function `func` with its frame starting at `R[base]`: the arguments are already in
    /// `R[base..base+nparams]`, and the results come back in `R[base..base+nresults]`.
    Call {
        func: FuncId,
        base: Reg,
    },
    /// Returns `R[src..src+n]` to the caller (at the caller's call `base`), or ends the goroutine.
    Return {
        src: Reg,
        n: u16,
    },
}

impl Op {
    /// The register a simple value-producing instruction writes (`None` for anything else:
    /// calls, helpers, jumps, stores). The compiler retargets it to save a `MOVE`.
    pub fn dst_mut(&mut self) -> Option<&mut Reg> {
        match self {
            Op::LoadInt { dst, .. }
            | Op::LoadConst { dst, .. }
            | Op::AddInt { dst, .. }
            | Op::AddIntImm { dst, .. }
            | Op::SubInt { dst, .. }
            | Op::MulInt { dst, .. }
            | Op::MulIntImm { dst, .. }
            | Op::AndImm { dst, .. }
            | Op::RemIntImm { dst, .. }
            | Op::ShlImm { dst, .. }
            | Op::SarImm { dst, .. }
            | Op::ShrImm { dst, .. }
            | Op::NegInt { dst, .. }
            | Op::AddF64 { dst, .. }
            | Op::SubF64 { dst, .. }
            | Op::MulF64 { dst, .. }
            | Op::DivF64 { dst, .. }
            | Op::NegF64 { dst, .. }
            | Op::And { dst, .. }
            | Op::Or { dst, .. }
            | Op::Xor { dst, .. }
            | Op::AndNot { dst, .. }
            | Op::BitNot { dst, .. }
            | Op::Wrap { dst, .. }
            | Op::IntToF64 { dst, .. }
            | Op::F64ToInt { dst, .. }
            | Op::EqWord { dst, .. }
            | Op::NeWord { dst, .. }
            | Op::LtInt { dst, .. }
            | Op::LeInt { dst, .. }
            | Op::LtF64 { dst, .. }
            | Op::LeF64 { dst, .. }
            | Op::EqF64 { dst, .. }
            | Op::StrLen { dst, .. }
            | Op::SliceLen { dst, .. }
            | Op::SliceGet { dst, .. }
            | Op::ArrayGet { dst, .. }
            | Op::LoadGlobal { dst, .. }
            | Op::Concat { dst, .. } => Some(dst),
            _ => None,
        }
    }

    /// The mnemonic used by the disassembler.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Move { .. } => "MOVE",
            Op::LoadInt { .. } => "LOADI",
            Op::LoadConst { .. } => "LOADK",
            Op::AddInt { .. } => "ADDI",
            Op::AddIntImm { .. } => "ADDIK",
            Op::MulIntImm { .. } => "MULIK",
            Op::AndImm { .. } => "ANDK",
            Op::RemIntImm { .. } => "REMIK",
            Op::ShlImm { .. } => "SHLK",
            Op::SarImm { .. } => "SARK",
            Op::ShrImm { .. } => "SHRK",
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
            Op::DivUint { .. } => "DIVU",
            Op::RemUint { .. } => "REMU",
            Op::And { .. } => "AND",
            Op::Or { .. } => "OR",
            Op::Xor { .. } => "XOR",
            Op::AndNot { .. } => "ANDNOT",
            Op::Shl { .. } => "SHL",
            Op::Sar { .. } => "SAR",
            Op::Shr { .. } => "SHR",
            Op::BitNot { .. } => "BNOT",
            Op::LtUint { .. } => "LTU",
            Op::LeUint { .. } => "LEU",
            Op::NeWord { .. } => "NE",
            Op::EqF64 { .. } => "EQF",
            Op::LeF64 { .. } => "LEF",
            Op::NegF64 { .. } => "NEGF",
            Op::IntToF64 { .. } => "ITOF",
            Op::F64ToInt { .. } => "FTOI",
            Op::RoundF32 { .. } => "F32",
            Op::Concat { .. } => "CONCAT",
            Op::StrCmp { .. } => "STRCMP",
            Op::StrLen { .. } => "STRLEN",
            Op::StrByte { .. } => "STRBYTE",
            Op::SliceLen { .. } => "LEN",
            Op::SliceCap { .. } => "CAP",
            Op::SliceGet { .. } => "SGET",
            Op::SliceSet { .. } => "SSET",
            Op::LoadField { .. } => "GETF",
            Op::StoreField { .. } => "SETF",
            Op::ArrayGet { .. } => "AGET",
            Op::ArraySet { .. } => "ASET",
            Op::LoadPtr { .. } => "LOADP",
            Op::StorePtr { .. } => "STOREP",
            Op::LoadGlobal { .. } => "GETG",
            Op::StoreGlobal { .. } => "SETG",
            Op::GetCapture { .. } => "GETC",
            Op::CallClosure { .. } => "CALLC",
            Op::CallIface { .. } => "CALLI",
            Op::CallNative { .. } => "CALLN",
            Op::Rt { .. } => "RT",
            Op::Defer { .. } => "DEFER",
            Op::RunDefers => "RUNDEFERS",
            Op::Send { .. } => "SEND",
            Op::Recv { .. } => "RECV",
            Op::Select { .. } => "SELECT",
            Op::Go { .. } => "GO",
            Op::Sleep { .. } => "SLEEP",
            Op::Gosched => "GOSCHED",
            Op::Panic { .. } => "PANIC",
            Op::Jump { .. } => "JMP",
            Op::JumpIf { .. } => "JMPIF",
            Op::JumpIfNot { .. } => "JMPIFNOT",
            Op::JumpIfLtInt { .. } => "JLTI",
            Op::JumpIfGeInt { .. } => "JGEI",
            Op::JumpIfEqWord { .. } => "JEQ",
            Op::JumpIfNeWord { .. } => "JNE",
            Op::JumpIfEqImm { .. } => "JEQK",
            Op::JumpIfNeImm { .. } => "JNEK",
            Op::IncJumpIfLt { .. } => "INCJLT",
            Op::JumpIfLtImm { .. } => "JLTK",
            Op::JumpIfGeImm { .. } => "JGEK",
            Op::JumpIfGtImm { .. } => "JGTK",
            Op::JumpIfLeImm { .. } => "JLEK",
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
            | Op::MulIntImm { dst, a, .. }
            | Op::AndImm { dst, a, .. }
            | Op::RemIntImm { dst, a, .. }
            | Op::ShlImm { dst, a, .. }
            | Op::SarImm { dst, a, .. }
            | Op::ShrImm { dst, a, .. }
            | Op::NegInt { dst, a }
            | Op::Not { dst, a }
            | Op::Wrap { dst, a, .. } => {
                vec![dst, a]
            }
            Op::DivUint { dst, a, b }
            | Op::RemUint { dst, a, b }
            | Op::And { dst, a, b }
            | Op::Or { dst, a, b }
            | Op::Xor { dst, a, b }
            | Op::AndNot { dst, a, b }
            | Op::Shl { dst, a, b, .. }
            | Op::Sar { dst, a, b, .. }
            | Op::Shr { dst, a, b, .. }
            | Op::LtUint { dst, a, b }
            | Op::LeUint { dst, a, b }
            | Op::NeWord { dst, a, b }
            | Op::EqF64 { dst, a, b }
            | Op::LeF64 { dst, a, b }
            | Op::Concat { dst, a, b }
            | Op::StrCmp { dst, a, b, .. } => vec![dst, a, b],
            Op::BitNot { dst, a }
            | Op::NegF64 { dst, a }
            | Op::IntToF64 { dst, a, .. }
            | Op::F64ToInt { dst, a, .. }
            | Op::RoundF32 { dst, a }
            | Op::StrLen { dst, a }
            | Op::SliceLen { dst, a }
            | Op::SliceCap { dst, a } => vec![dst, a],
            Op::StrByte { dst, s, i } | Op::SliceGet { dst, s, i } => vec![dst, s, i],
            Op::SliceSet { s, i, src } => vec![s, i, src],
            Op::ArrayGet { dst, arr, i } => vec![dst, arr, i],
            Op::ArraySet { arr, i, src } => vec![arr, i, src],
            Op::LoadField { dst, obj, .. } => vec![dst, obj],
            Op::StoreField { obj, src, .. } => vec![obj, src],
            Op::LoadPtr { dst, p } => vec![dst, p],
            Op::StorePtr { p, src } => vec![p, src],
            Op::LoadGlobal { dst, .. } | Op::GetCapture { dst, .. } => vec![dst],
            Op::StoreGlobal { src, .. } => vec![src],
            Op::CallClosure { f, base } => vec![f, base],
            Op::CallIface { base, .. }
            | Op::CallNative { base, .. }
            | Op::Rt { base, .. }
            | Op::Defer { base, .. } => vec![base],
            Op::Panic { a } => vec![a],
            Op::RunDefers | Op::Gosched => vec![],
            Op::Send { ch, src } => vec![ch, src],
            Op::Recv { dst, ch, ok } => {
                if ok {
                    vec![dst, dst + 1, ch]
                } else {
                    vec![dst, ch]
                }
            }
            Op::Select { base } | Op::Go { base, .. } => vec![base],
            Op::Sleep { a } => vec![a],
            Op::JumpIf { cond, .. } | Op::JumpIfNot { cond, .. } => vec![cond],
            Op::JumpIfLtInt { a, b, .. }
            | Op::JumpIfGeInt { a, b, .. }
            | Op::JumpIfEqWord { a, b, .. }
            | Op::JumpIfNeWord { a, b, .. }
            | Op::IncJumpIfLt { a, b, .. } => vec![a, b],
            Op::JumpIfEqImm { a, .. }
            | Op::JumpIfNeImm { a, .. }
            | Op::JumpIfLtImm { a, .. }
            | Op::JumpIfGeImm { a, .. }
            | Op::JumpIfGtImm { a, .. }
            | Op::JumpIfLeImm { a, .. } => vec![a],
            // Call windows and returned ranges are checked by the verifier with their sizes.
            Op::Jump { .. } | Op::Call { .. } | Op::Return { .. } => vec![],
        }
    }

    /// Whether executing it may park the goroutine (channel operations, locks, sleeps). None
    /// of the current instructions can; the scheduler relies on this being exact.
    pub fn may_park(&self) -> bool {
        matches!(
            self,
            Op::Send { .. } | Op::Recv { .. } | Op::Select { .. } | Op::Sleep { .. } | Op::Gosched
        )
    }

    /// Whether it may panic (the VM saves the pc before such instructions for traces).
    pub fn may_panic(&self) -> bool {
        !matches!(
            self,
            Op::Move { .. } | Op::LoadInt { .. } | Op::LoadConst { .. } | Op::Jump { .. }
        )
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
