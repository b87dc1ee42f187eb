//! `Rt::Testing`: package testing's bodyless natives (`stdlib/testing/natives.gol`). Input: the
//! window `[op, arg]`. Output: results written from the window's first register. Nothing here
//! calls gol code or parks.
//!
//! 0 `callerFrame(skip) (file, line, fn, ok)`: the goroutine's frame `skip` levels above the
//! function that called `callerFrame` (runtime.Caller's information, for log positions and
//! `Helper`): its file's name (`./a_test.go`, `$GOROOT/src/testing/testing.gol`), its line at the frame's current pc, its function's name.
//! 1 `captureStdout(start) string`: examples' output capture (`Shared::capture`).
//! 2 `heapAllocs() (objects, bytes)`: bytes allocated so far (objects are not counted: 0).
//! 3–6: package testing/synctest's `enterBubble`, `waitBubble` (parks), `exitWaitBubble`
//! (parks while other bubble goroutines live), `leaveBubble` (`runtime/bubble.rs`).

use super::panic::{self, GoPanic};
use super::rt::Flow;
use super::value;
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::TestingOp;
use crate::runtime::bubble;
use crate::runtime::sched::WaitReason;

pub fn testing_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
    op: TestingOp,
) -> Result<Flow, GoPanic> {
    match op {
        TestingOp::CallerFrame => {
            let skip = g.regs[at + 1] as i64;
            // The innermost frame is callerFrame's own body; the next is its caller.
            let n = g.frames.len() as i64;
            let idx = n - 2 - skip;
            if skip < 0 || idx < 0 {
                g.regs[at] = value::new_string(&mut mach.m, b"");
                g.regs[at + 1] = 0;
                g.regs[at + 2] = value::new_string(&mut mach.m, b"");
                g.regs[at + 3] = 0;
                return Ok(Flow::Next);
            }
            let f = &g.frames[idx as usize];
            let prog = std::sync::Arc::clone(&mach.prog);
            let func = &prog.funcs[f.func as usize];
            // A frame below the innermost is suspended after its call instruction.
            let pc = f.pc.saturating_sub(1) as usize;
            let line = func.line_at(pc);
            let file = prog
                .files
                .get(func.file_at(pc))
                .map_or(prog.file.as_str(), |s| s.as_str());
            g.regs[at] = value::new_string(&mut mach.m, file.as_bytes());
            g.regs[at + 1] = line as u64;
            g.regs[at + 2] = value::new_string(&mut mach.m, func.name.as_bytes());
            g.regs[at + 3] = 1;
        }
        TestingOp::CaptureStdout => {
            let start = g.regs[at + 1] != 0;
            mach.flush();
            let got = mach.sh.capture(start);
            g.regs[at] = value::new_string(&mut mach.m, &got);
        }
        TestingOp::HeapAllocs => {
            let st = mach.m.heap().stats();
            g.regs[at] = 0;
            g.regs[at + 1] = st.total_allocated;
        }
        // synctest: the running goroutine becomes a new bubble's root
        TestingOp::EnterBubble => {
            let Some(me) = mach.cur.clone() else {
                return Err(panic::runtime("gol: synctest outside a program run"));
            };
            bubble::enter(g, me).map_err(|m| GoPanic::Native(m.into()))?;
        }
        // synctest.Wait
        TestingOp::WaitBubble => {
            bubble::wait(g).map_err(|m| GoPanic::Native(m.into()))?;
            return Ok(Flow::Park(WaitReason::SynctestWait));
        }
        // the root waits for the bubble's other goroutines to end
        TestingOp::ExitWaitBubble => {
            if bubble::exit_wait(g) {
                return Ok(Flow::Park(WaitReason::SynctestRun));
            }
        }
        TestingOp::LeaveBubble => bubble::leave(g),
    }
    Ok(Flow::Next)
}
