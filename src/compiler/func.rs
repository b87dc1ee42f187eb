//! COMPILER: one function being built. Input: instructions and register requests from the
//! statement and expression compilers. Output: a `FuncProto` (code, constants, register count,
//! line table). Registers are allocated as a stack: variables live until their scope closes,
//! temporaries until their statement ends, and everything at or above `next` is free — which is
//! what makes a call window at `next` safe to overlap with the callee's frame.

use crate::bytecode::op::Reg;
use crate::bytecode::{FuncProto, Op};
use crate::types::ty::TypeId;
use std::collections::{HashMap, HashSet};

/// Where a variable lives.
#[derive(Clone, Copy, Debug)]
pub enum Var {
    /// In a register (aggregates: the register holds the variable's own object).
    Reg(Reg, TypeId),
    /// In a one-word box whose reference is in the register (captured or address-taken).
    Boxed(Reg, TypeId),
    Global(u32, TypeId),
    /// A local of a function with more variables than registers: element `idx` of the
    /// function's spill record (`FuncBuilder::spill`) holds its box (or, for an aggregate, its
    /// object). Only ever in a scope: `Compiler::name_var` turns it into a `Boxed` (or `Reg`)
    /// variable in a temporary, so no other code sees this variant.
    Spilled(u32, TypeId),
}

/// Locals declared while this many registers are in use are spilled (see `Var::Spilled`) in a
/// function compiled with `spill_ok`: what is left of the 65,536 registers serves temporaries
/// and call windows.
pub const SPILL_AT: Reg = 32_768;

impl Var {
    pub fn ty(&self) -> TypeId {
        match *self {
            Var::Reg(_, t) | Var::Boxed(_, t) | Var::Global(_, t) | Var::Spilled(_, t) => t,
        }
    }
}

/// A `break`/`continue` target being compiled.
pub struct Loop {
    pub label: Option<String>,
    pub breaks: Vec<usize>,
    pub continues: Vec<usize>,
    /// `switch`/`select` take `break` but not `continue`.
    pub is_loop: bool,
}

pub struct FuncBuilder {
    pub proto: FuncProto,
    pub next: u16,
    pub scopes: Vec<HashMap<String, Var>>,
    /// The index of the function body's outermost scope (`usize::MAX` until parameters are
    /// declared): Go puts parameters and results in that same block, so `a, s := f()` there
    /// assigns a named result `s` instead of declaring a new one.
    pub body_scope: usize,
    pub loops: Vec<Loop>,
    /// Result types and, for named results, their variables.
    pub results: Vec<TypeId>,
    pub named_results: Vec<Var>,
    pub has_defer: bool,
    /// Names that must be boxed when declared in this function (captured or address-taken).
    pub boxed_names: HashSet<String>,
    /// Captured variables of a closure: name → (capture index, type, aggregate).
    pub captures: Vec<(String, Var)>,
    pub line: u32,
    /// The file (index in `Program::files`) of the code being compiled.
    pub file: u32,
    /// Pending `goto`s and label positions.
    pub labels: HashMap<String, usize>,
    pub gotos: Vec<(usize, String)>,
    /// String constants to allocate at load: (constant index, bytes).
    pub strings: Vec<(u32, Vec<u8>)>,
    /// Index of each non-zero constant word in `proto.consts` (so sharing is not a linear search).
    pub const_index: HashMap<u64, u32>,
    /// A fused compare-and-branch could not reach its target.
    pub too_far: bool,
    /// Set when this function is a range-over-func loop body (rangefunc.rs).
    pub range_ctx: Option<super::rangefunc::RangeFuncCtx>,
    /// The latest pc a forward jump was patched to (`retarget` must not move a value across
    /// a join point).
    pub last_target: usize,
    /// Whether locals past `SPILL_AT` may be spilled (functions compiled by `compile_func`,
    /// which compiles a function again when its first attempt spilled).
    pub spill_ok: bool,
    /// The register holding the spill record and its length (`None`: the first attempt, whose
    /// code is discarded if anything spilled).
    pub spill: Option<(Reg, u32)>,
    /// Locals spilled so far.
    pub spilled: u32,
    /// More than 65,536 registers were needed: the code is wrong and is reported, not run.
    pub overflow: bool,
    /// The body, for errors about the whole function.
    pub span: crate::span::Span,
}

impl FuncBuilder {
    pub fn new(name: String) -> FuncBuilder {
        FuncBuilder {
            proto: FuncProto {
                name,
                ..Default::default()
            },
            next: 0,
            scopes: vec![HashMap::new()],
            body_scope: usize::MAX,
            loops: Vec::new(),
            results: Vec::new(),
            named_results: Vec::new(),
            has_defer: false,
            boxed_names: HashSet::new(),
            captures: Vec::new(),
            line: 0,
            file: 0,
            labels: HashMap::new(),
            gotos: Vec::new(),
            strings: Vec::new(),
            const_index: HashMap::new(),
            too_far: false,
            range_ctx: None,
            last_target: usize::MAX,
            spill_ok: false,
            spill: None,
            spilled: 0,
            overflow: false,
            span: crate::span::Span::default(),
        }
    }

    /// The next free register. Past the last one it sets `overflow` (a compile error when the
    /// function is finished) and hands out register 0 (small, so the callers' `r + k`
    /// arithmetic cannot overflow while the doomed code is finished).
    pub fn alloc(&mut self) -> Reg {
        let r = self.next;
        match self.next.checked_add(1) {
            Some(n) => self.next = n,
            None => {
                self.overflow = true;
                return 0;
            }
        }
        if self.next > self.proto.nregs {
            self.proto.nregs = self.next;
        }
        r
    }

    /// `n` consecutive registers.
    pub fn alloc_n(&mut self, n: usize) -> Reg {
        let r = self.next;
        for _ in 0..n {
            self.alloc();
            if self.overflow {
                return 0;
            }
        }
        r
    }

    /// Makes sure `n` registers from `base` exist (a call window may exceed what was allocated).
    pub fn reserve(&mut self, base: Reg, n: u16) {
        let Some(top) = base.checked_add(n) else {
            self.overflow = true;
            return;
        };
        if top > self.proto.nregs {
            self.proto.nregs = top;
        }
    }

    pub fn emit(&mut self, op: Op) -> usize {
        let pc = self.proto.code.len();
        let file_changed = self.proto.files.last().is_none_or(|&(_, f)| f != self.file);
        if file_changed {
            self.proto.files.push((pc as u32, self.file));
        }
        if file_changed || self.proto.lines.last().is_none_or(|&(_, l)| l != self.line) {
            self.proto.lines.push((pc as u32, self.line));
        }
        self.proto.code.push(op);
        pc
    }

    /// Makes the instruction that just computed temporary `src` write `dst` instead, if it
    /// can (a simple instruction, no jump lands after it); whether it did.
    pub fn retarget(&mut self, dst: Reg, src: Reg) -> bool {
        let pc = self.pc();
        if pc == 0 || self.last_target == pc {
            return false;
        }
        match self.proto.code[pc - 1].dst_mut() {
            Some(d) if *d == src => {
                *d = dst;
                true
            }
            _ => false,
        }
    }

    pub fn pc(&self) -> usize {
        self.proto.code.len()
    }

    /// Points the jump at `at` to the current pc.
    pub fn patch(&mut self, at: usize) {
        let target = self.pc();
        self.patch_to(at, target);
    }

    pub fn patch_to(&mut self, at: usize, target: usize) {
        self.last_target = target;
        let off = target as i64 - (at as i64 + 1);
        match &mut self.proto.code[at] {
            Op::Jump { off: o } | Op::JumpIf { off: o, .. } | Op::JumpIfNot { off: o, .. } => {
                *o = off as i32
            }
            Op::JumpIfLtInt { off: o, .. }
            | Op::JumpIfGeInt { off: o, .. }
            | Op::JumpIfEqWord { off: o, .. }
            | Op::JumpIfNeWord { off: o, .. }
            | Op::JumpIfEqImm { off: o, .. }
            | Op::JumpIfNeImm { off: o, .. }
            | Op::IncJumpIfLt { off: o, .. }
            | Op::JumpIfLtImm { off: o, .. }
            | Op::JumpIfGeImm { off: o, .. }
            | Op::JumpIfGtImm { off: o, .. }
            | Op::JumpIfLeImm { off: o, .. } => match i16::try_from(off) {
                Ok(v) => *o = v,
                // A fused branch over more than 32K instructions: the function is recompiled
                // without fused branches (see `Compiler::compile_func`).
                Err(_) => self.too_far = true,
            },
            _ => unreachable!("patching a non-jump"),
        }
    }

    /// A jump back to `target`.
    pub fn jump_to(&mut self, target: usize) {
        let at = self.emit(Op::Jump { off: 0 });
        self.patch_to(at, target);
    }

    pub fn konst(&mut self, w: u64) -> u32 {
        // 0 is never shared: string constants are 0 placeholders until the program is loaded.
        if w != 0 {
            if let Some(&i) = self.const_index.get(&w) {
                return i;
            }
        }
        let i = self.new_const(w);
        if w != 0 {
            self.const_index.insert(w, i);
        }
        i
    }

    /// Appends constant word `w` (never shared) and returns its index.
    pub fn new_const(&mut self, w: u64) -> u32 {
        self.proto.consts.push(w);
        // Ids cannot overflow u32: each constant comes from source text, and sources are
        // shorter than 4 GiB (spans are u32 offsets).
        (self.proto.consts.len() - 1) as u32
    }

    /// `R[obj].word[idx] := R[src]` for a constant `idx`: `SETF` when it fits its u16 operand,
    /// else the index goes through a temporary register (`ASET`, same nil and range checks).
    pub fn store_word(&mut self, obj: Reg, idx: u64, src: Reg) {
        match u16::try_from(idx) {
            Ok(idx) => {
                self.emit(Op::StoreField { obj, idx, src });
            }
            Err(_) => {
                let i = self.alloc();
                self.load_word(i, idx);
                self.emit(Op::ArraySet { arr: obj, i, src });
            }
        }
    }

    pub fn load_word(&mut self, dst: Reg, w: u64) {
        let i = w as i64;
        if i >= i32::MIN as i64 && i <= i32::MAX as i64 {
            self.emit(Op::LoadInt { dst, imm: i as i32 });
        } else {
            let k = self.konst(w);
            self.emit(Op::LoadConst { dst, k });
        }
    }

    pub fn lookup(&self, name: &str) -> Option<Var> {
        self.scopes.iter().rev().find_map(|s| s.get(name).copied())
    }

    pub fn open(&mut self) -> u16 {
        self.scopes.push(HashMap::new());
        self.next
    }

    pub fn close(&mut self, mark: u16) {
        self.scopes.pop();
        self.next = mark;
    }

    pub fn bind(&mut self, name: &str, v: Var) {
        if name != "_" {
            self.scopes
                .last_mut()
                .expect("a scope")
                .insert(name.to_string(), v);
        }
    }
}
