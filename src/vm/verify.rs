//! VM: the bytecode verifier. Input: a `Program`. Output: `Ok` or the first violation. The VM
//! runs only verified programs; its unchecked register and code accesses rely on exactly what is
//! checked here (see `vm/mod.rs`). The compiler's output always passes; hand-written bytecode (tests)
//! is checked the same way.

use crate::bytecode::{FuncProto, Op, Program};

/// A program the verifier accepted: the only kind the VM runs (`Machine::new`,
/// `Machine::extend_program` and the runtime's entry points take this, not a `Program`), so no
/// path, the REPL's included, can run unchecked bytecode.
pub struct Verified(Program);

impl Verified {
    pub fn new(p: Program) -> Result<Verified, String> {
        verify(&p)?;
        Ok(Verified(p))
    }

    /// `next` extends `prev` (the REPL: the same functions first, tables that only grow): only
    /// its new functions need checking, since what the old ones refer to is still there.
    pub fn extending(prev: &Program, next: Program) -> Result<Verified, String> {
        let same = prev.funcs.len() <= next.funcs.len()
            && prev.nglobals <= next.nglobals
            && prev.natives.len() <= next.natives.len()
            && prev.method_names.len() <= next.method_names.len();
        if !same {
            return Verified::new(next);
        }
        for (i, f) in next.funcs.iter().enumerate().skip(prev.funcs.len()) {
            verify_func(&next, f).map_err(|e| format!("{} (func {i}): {e}", f.name))?;
        }
        Ok(Verified(next))
    }

    pub fn program(&self) -> &Program {
        &self.0
    }

    pub fn into_program(self) -> Program {
        self.0
    }
}

pub fn verify(p: &Program) -> Result<(), String> {
    for (i, f) in p.funcs.iter().enumerate() {
        verify_func(p, f).map_err(|e| format!("{} (func {i}): {e}", f.name))?;
    }
    Ok(())
}

fn verify_func(p: &Program, f: &FuncProto) -> Result<(), String> {
    let n = f.code.len();
    let nregs = f.nregs as usize;
    if (f.nparams.max(f.nresults)) as usize > nregs {
        return Err("parameters or results exceed the register window".into());
    }
    // Falling off the end would read past the code: the last instruction must leave.
    match f.code.last() {
        Some(Op::Return { .. }) | Some(Op::Jump { .. }) => {}
        _ => return Err("code must end with RET or JMP".into()),
    }
    let reg = |r: u16, pc: usize| {
        if (r as usize) < nregs {
            Ok(())
        } else {
            Err(format!(
                "pc {pc}: register r{r} outside the window of {nregs}"
            ))
        }
    };
    let target = |off: i64, pc: usize| {
        let t = pc as i64 + 1 + off;
        if t >= 0 && (t as usize) < n {
            Ok(())
        } else {
            Err(format!("pc {pc}: jump to {t} outside the code"))
        }
    };
    for (pc, op) in f.code.iter().enumerate() {
        op.registers().into_iter().try_for_each(|r| reg(r, pc))?;
        match *op {
            Op::LoadConst { k, .. } if k as usize >= f.consts.len() => {
                return Err(format!("pc {pc}: constant k{k} does not exist"));
            }
            // The wide (u32) id operands name entries of the program's tables.
            Op::LoadGlobal { idx, .. } | Op::StoreGlobal { idx, .. } if idx >= p.nglobals => {
                return Err(format!("pc {pc}: global #{idx} does not exist"));
            }
            Op::CallNative { id, .. } if id as usize >= p.natives.len() => {
                return Err(format!("pc {pc}: native {id} does not exist"));
            }
            Op::Rt { f, sub, .. } if crate::bytecode::rtsub::sub_name(f, sub).is_none() => {
                return Err(format!("pc {pc}: helper {f} has no operation {sub}"));
            }
            Op::CallIface { method, .. } if method as usize >= p.method_names.len() => {
                return Err(format!("pc {pc}: method name {method} does not exist"));
            }
            Op::Wrap { bits, .. } if !(1..=63).contains(&bits) => {
                return Err(format!("pc {pc}: WRAP to {bits} bits"));
            }
            Op::Jump { off } | Op::JumpIf { off, .. } | Op::JumpIfNot { off, .. } => {
                target(off as i64, pc)?
            }
            Op::JumpIfLtInt { off, .. }
            | Op::JumpIfGeInt { off, .. }
            | Op::JumpIfEqWord { off, .. }
            | Op::JumpIfNeWord { off, .. }
            | Op::JumpIfEqImm { off, .. }
            | Op::JumpIfNeImm { off, .. }
            | Op::IncJumpIfLt { off, .. }
            | Op::JumpIfLtImm { off, .. }
            | Op::JumpIfGeImm { off, .. }
            | Op::JumpIfGtImm { off, .. }
            | Op::JumpIfLeImm { off, .. } => target(off as i64, pc)?,
            Op::Call { func, base } => {
                let callee = p
                    .funcs
                    .get(func as usize)
                    .ok_or(format!("pc {pc}: no function {func}"))?;
                // Arguments and results live in the caller's window at `base`.
                let used = base as usize + callee.nparams.max(callee.nresults) as usize;
                if used > nregs {
                    return Err(format!(
                        "pc {pc}: call window r{base}.. exceeds {nregs} registers"
                    ));
                }
            }
            Op::Return { src, n } if (n != f.nresults || src as usize + n as usize > nregs) => {
                return Err(format!(
                    "pc {pc}: RET r{src} {n} does not match {} results",
                    f.nresults
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
