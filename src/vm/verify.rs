//! VM: the bytecode verifier. Input: a `Program`. Output: `Ok` or the first violation. The VM
//! runs only verified programs; its unchecked register and code accesses rely on exactly what is
//! checked here (see `vm/mod.rs`). The compiler's output always passes; hand-written bytecode (tests)
//! is checked the same way.

use crate::bytecode::{FuncProto, Op, Program};

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
            Err(format!("pc {pc}: register r{r} outside the window of {nregs}"))
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
        match *op {
            Op::Move { dst, src } => [dst, src].iter().try_for_each(|&r| reg(r, pc))?,
            Op::LoadInt { dst, .. } => reg(dst, pc)?,
            Op::LoadConst { dst, k } => {
                reg(dst, pc)?;
                if k as usize >= f.consts.len() {
                    return Err(format!("pc {pc}: constant k{k} does not exist"));
                }
            }
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
            | Op::LtF64 { dst, a, b } => [dst, a, b].iter().try_for_each(|&r| reg(r, pc))?,
            Op::AddIntImm { dst, a, .. } | Op::NegInt { dst, a } | Op::Not { dst, a } => {
                [dst, a].iter().try_for_each(|&r| reg(r, pc))?
            }
            Op::Wrap { dst, a, bits, .. } => {
                [dst, a].iter().try_for_each(|&r| reg(r, pc))?;
                if !(1..=63).contains(&bits) {
                    return Err(format!("pc {pc}: WRAP to {bits} bits"));
                }
            }
            Op::Jump { off } => target(off as i64, pc)?,
            Op::JumpIf { cond, off } | Op::JumpIfNot { cond, off } => {
                reg(cond, pc)?;
                target(off as i64, pc)?;
            }
            Op::JumpIfLtInt { a, b, off } | Op::JumpIfGeInt { a, b, off } => {
                [a, b].iter().try_for_each(|&r| reg(r, pc))?;
                target(off as i64, pc)?;
            }
            Op::Call { func, base } => {
                let callee = p.funcs.get(func as usize).ok_or(format!("pc {pc}: no function {func}"))?;
                // Arguments and results live in the caller's window at `base`.
                let used = base as usize + callee.nparams.max(callee.nresults) as usize;
                if used > nregs {
                    return Err(format!("pc {pc}: call window r{base}.. exceeds {nregs} registers"));
                }
            }
            Op::Return { src, n } => {
                if n != f.nresults || src as usize + n as usize > nregs {
                    return Err(format!("pc {pc}: RET r{src} {n} does not match {} results", f.nresults));
                }
            }
        }
    }
    Ok(())
}
