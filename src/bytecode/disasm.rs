//! BYTECODE: `Program` → stable text (`gol disasm`, snapshots). One line per instruction:
//! `pc  LINE  MNEMONIC operands`, registers as `r3`, constants as `k0(=value)`, jump targets as
//! absolute pcs. The format is a contract for the snapshots.

use super::op::Op;
use super::program::{FuncProto, Program};
use std::fmt::Write;

pub fn disasm(p: &Program) -> String {
    let mut out = String::new();
    for (i, f) in p.funcs.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        disasm_func(&mut out, p, f);
    }
    out
}

/// One function's listing (the REPL's `:disasm`).
pub fn disasm_one(p: &Program, f: &FuncProto) -> String {
    let mut out = String::new();
    disasm_func(&mut out, p, f);
    out
}

fn disasm_func(out: &mut String, p: &Program, f: &FuncProto) {
    let _ = writeln!(
        out,
        "func {} (params {}, results {}, regs {})",
        f.name, f.nparams, f.nresults, f.nregs
    );
    for (pc, op) in f.code.iter().enumerate() {
        let target = |off: i64| (pc as i64 + 1 + off).to_string();
        let args = match *op {
            Op::Move { dst, src } => format!("r{dst} r{src}"),
            Op::LoadInt { dst, imm } => format!("r{dst} {imm}"),
            Op::LoadConst { dst, k } => format!(
                "r{dst} k{k}(={})",
                f.consts.get(k as usize).map_or(0, |w| *w as i64)
            ),
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
            | Op::LtF64 { dst, a, b } => format!("r{dst} r{a} r{b}"),
            Op::AddIntImm { dst, a, imm }
            | Op::MulIntImm { dst, a, imm }
            | Op::AndImm { dst, a, imm }
            | Op::RemIntImm { dst, a, imm } => format!("r{dst} r{a} {imm}"),
            Op::ShlImm { dst, a, imm }
            | Op::SarImm { dst, a, imm }
            | Op::ShrImm { dst, a, imm } => {
                format!("r{dst} r{a} {imm}")
            }
            Op::JumpIfEqImm { a, imm, off }
            | Op::JumpIfNeImm { a, imm, off }
            | Op::JumpIfLtImm { a, imm, off }
            | Op::JumpIfGeImm { a, imm, off }
            | Op::JumpIfGtImm { a, imm, off }
            | Op::JumpIfLeImm { a, imm, off } => {
                format!("r{a} {imm} -> {}", target(off as i64))
            }
            Op::NegInt { dst, a } | Op::Not { dst, a } => format!("r{dst} r{a}"),
            Op::Wrap {
                dst,
                a,
                bits,
                signed,
            } => format!("r{dst} r{a} {}{bits}", if signed { "i" } else { "u" }),
            Op::Jump { off } => format!("-> {}", target(off as i64)),
            Op::JumpIf { cond, off } | Op::JumpIfNot { cond, off } => {
                format!("r{cond} -> {}", target(off as i64))
            }
            Op::JumpIfLtInt { a, b, off }
            | Op::JumpIfGeInt { a, b, off }
            | Op::JumpIfEqWord { a, b, off }
            | Op::JumpIfNeWord { a, b, off }
            | Op::IncJumpIfLt { a, b, off } => {
                format!("r{a} r{b} -> {}", target(off as i64))
            }
            Op::Call { func, base } => {
                let name = p.funcs.get(func as usize).map_or("?", |f| f.name.as_str());
                format!("{name} @r{base}")
            }
            Op::Return { src, n } => format!("r{src} {n}"),
            Op::CallClosure { f, base } => format!("r{f} @r{base}"),
            Op::CallNative { id, base } => {
                let name = p.native_names.get(id as usize).map_or("?", |n| n.as_str());
                format!("{name} @r{base}")
            }
            Op::Rt { f, sub, base } => format!("{} @r{base}", super::rtsub::name(f, sub)),
            Op::CallIface { base, method } => {
                let name = p
                    .method_names
                    .get(method as usize)
                    .map_or("?", |n| n.as_str());
                format!("{name} @r{base}")
            }
            other => {
                // The remaining instructions print their registers in declaration order.
                let regs: Vec<String> = other.registers().iter().map(|r| format!("r{r}")).collect();
                let extra = match other {
                    Op::LoadField { idx, .. } | Op::StoreField { idx, .. } => format!(" #{idx}"),
                    Op::LoadGlobal { idx, .. }
                    | Op::StoreGlobal { idx, .. }
                    | Op::GetCapture { idx, .. } => format!(" #{idx}"),
                    Op::Defer { n, .. } => format!(" {n}"),
                    Op::StrCmp { cmp, .. } => {
                        format!(" {}", ["==", "!=", "<", "<="][cmp as usize & 3])
                    }
                    _ => String::new(),
                };
                format!("{}{extra}", regs.join(" "))
            }
        };
        let _ = writeln!(out, "  {pc:4} {:4}  {:<9}{args}", f.line_at(pc), op.name());
    }
}
