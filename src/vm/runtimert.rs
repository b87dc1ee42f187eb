//! `Rt::Runtime`: the bodyless natives under package runtime's and runtime/debug's gol source
//! (`stdlib/runtime/*.gol`). Input: the window `[op, args...]` of the bodyless function's frame
//! (the top frame of `g`). Output: results from `R[at]`. None calls gol code or parks.
//!
//! A program counter (`uintptr` in Go's API) names a frame's function and a place in it:
//! `(function id + 1) << 32 | pc`, where pc is the frame's return address (the instruction after
//! its call), as Go's `Callers` gives return addresses; its line is that of `pc - 1`. Entry
//! points have pc 0. A word whose upper half is 0 names no function.

use super::panic::GoPanic;
use super::rt::Flow;
use super::value;
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::RuntimeOp;

/// The program counter word of function `func` at instruction `pc`.
fn pc_word(func: u32, pc: u32) -> u64 {
    ((func as u64 + 1) << 32) | pc as u64
}

/// The function id and instruction of a program counter word, if it names a function.
fn split_pc(mach: &Machine, w: u64) -> Option<(usize, u32)> {
    let f = (w >> 32).checked_sub(1)? as usize;
    (f < mach.prog.funcs.len()).then_some((f, w as u32))
}

/// The file of instruction `pc` of function `f` as Go's runtime names files: the program's
/// files made absolute (the compiler records paths as given on the command line), a linked
/// package's as its `$GOROOT/src/...` name.
fn file_name(mach: &Machine, f: usize, pc: usize) -> String {
    let prog = &mach.prog;
    let name = prog
        .files
        .get(prog.funcs[f].file_at(pc))
        .unwrap_or(&prog.file);
    let path = std::path::Path::new(name);
    if path.is_absolute() || name.starts_with('$') {
        return name.clone();
    }
    std::env::current_dir().map_or_else(
        |_| name.clone(),
        |d| d.join(path).to_string_lossy().into_owned(),
    )
}

/// Runs op `R[at]` on the window: 0 `frameAt(skip) (pc uintptr, ok bool)` (skip 0: the
/// function that called frameAt); 1 `funcName(pc) string`; 2 `fileLine(pc) (string,
/// int)`; 3 `stack(all bool) string` (Go's traceback text of this goroutine, or of all);
/// 4 `memStats() (live, totalAlloc, numGC, goal, sys, lastMarked, mallocs uint64)`; 5
/// `requestGC()`; 6 `setGCPercent(p int) int`; 7 `funcEntry(pc) uintptr`; 9 `breakpoint()` (Go's SIGTRAP report, exit 2);
/// 10 `goroot() string` (the GOROOT environment variable); 11 `setMaxStack(n int) int` (for
/// goroutines started later and this one); 12 `setMemoryLimit(n int64) int64` (negative:
/// only report).
pub fn runtime_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
    op: RuntimeOp,
) -> Result<Flow, GoPanic> {
    let a = g.regs[at + 1];
    match op {
        RuntimeOp::FrameAt => {
            // The top frame is the bodyless frameAt itself; below it, its caller.
            let n = g.frames.len();
            let idx = (n as u64).checked_sub(2 + a);
            match idx.map(|i| &g.frames[i as usize]) {
                Some(f) if a < n as u64 => {
                    g.regs[at] = pc_word(f.func, f.pc);
                    g.regs[at + 1] = 1;
                }
                _ => {
                    g.regs[at] = 0;
                    g.regs[at + 1] = 0;
                }
            }
        }
        RuntimeOp::FuncName => {
            let name = split_pc(mach, a).map_or(String::new(), |(f, _)| {
                let n = &mach.prog.funcs[f].name;
                if n == "runtime.main" {
                    // gol's entry function plays the part of Go's runtime.main.
                    "runtime.main".to_string()
                } else {
                    n.clone()
                }
            });
            g.regs[at] = value::new_string(&mut mach.m, name.as_bytes());
        }
        RuntimeOp::FileLine => {
            let (file, line) = match split_pc(mach, a) {
                Some((f, pc)) => {
                    let pc = pc.saturating_sub(1) as usize;
                    (
                        file_name(mach, f, pc),
                        mach.prog.funcs[f].line_at(pc) as u64,
                    )
                }
                None => (String::new(), 0),
            };
            g.regs[at] = value::new_string(&mut mach.m, file.as_bytes());
            g.regs[at + 1] = line;
        }
        RuntimeOp::Stack => {
            let text = if a != 0 {
                // Go's all-goroutine dump: this goroutine first, then the others.
                let mut s = own_stack(mach, g);
                s.push('\n');
                let others = crate::runtime::sched::goroutine_dump(mach);
                let mine = format!("goroutine {} ", g.id);
                for block in others.split_inclusive("\n\n") {
                    if !block.starts_with(&mine) {
                        s.push_str(block);
                    }
                }
                s.trim_end_matches('\n').to_string() + "\n"
            } else {
                own_stack(mach, g)
            };
            g.regs[at] = value::new_string(&mut mach.m, text.as_bytes());
        }
        RuntimeOp::MemStats => {
            let s = mach.m.heap().stats();
            let figures = [
                s.live_bytes,
                s.total_allocated,
                s.collections,
                s.heap_goal,
                s.heap_sys,
                s.last_marked_bytes,
            ];
            for (i, v) in figures.into_iter().enumerate() {
                g.regs[at + i] = v;
            }
        }
        RuntimeOp::RequestGC => mach.m.heap().request_collection(),
        RuntimeOp::SetGCPercent => {
            let p = a as i64;
            let new = u32::try_from(p).ok();
            let old = mach.m.heap().set_gogc(new);
            g.regs[at] = old.map_or(-1, i64::from) as u64;
        }
        RuntimeOp::FuncEntry => {
            g.regs[at] = split_pc(mach, a).map_or(0, |(f, _)| pc_word(f as u32, 0));
        }
        RuntimeOp::Breakpoint => {
            mach.write_stderr(b"SIGTRAP: trace trap\n");
            return Ok(Flow::Exit(2));
        }
        RuntimeOp::Goroot => {
            let v = std::env::var("GOROOT").unwrap_or_default();
            g.regs[at] = value::new_string(&mut mach.m, v.as_bytes());
        }
        RuntimeOp::SetMaxStack => {
            let n = (a as i64).max(0) as usize;
            let old = super::MAX_STACK.swap(n, std::sync::atomic::Ordering::Relaxed);
            g.stack_limit = n;
            g.regs[at] = old as u64;
        }
        RuntimeOp::SetMemoryLimit => {
            let heap = mach.m.heap();
            let old = if (a as i64) < 0 {
                heap.limits_soft()
            } else {
                heap.set_soft_limit(a)
            };
            g.regs[at] = old.min(i64::MAX as u64);
        }
    }
    Ok(Flow::Next)
}

/// This goroutine's traceback as Go's `runtime.Stack` writes it: a `goroutine N [running]:`
/// line, then each frame's function and `file:line`, innermost first, without the runtime's
/// own frames (the bodyless native and the library function that called it).
fn own_stack(mach: &Machine, g: &Goroutine) -> String {
    let mut out = format!("goroutine {} [running]:\n", g.id);
    let n = g.frames.len();
    for f in g.frames[..n.saturating_sub(2)].iter().rev() {
        let func = &mach.prog.funcs[f.func as usize];
        if func.name == "runtime.main" {
            continue;
        }
        let pc = f.pc.saturating_sub(1) as usize;
        let file = file_name(mach, f.func as usize, pc);
        out.push_str(&format!(
            "{}(...)\n\t{file}:{}\n",
            func.name,
            func.line_at(pc)
        ));
    }
    out.push_str(&crate::runtime::sched::created_by(&mach.prog, g));
    out
}
