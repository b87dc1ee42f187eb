//! VM LOOP: the instruction interpreter. Input: a goroutine positioned at its top frame's pc, the
//! machine, a fuel budget. Output: an `Exit` — with the goroutine's frames, registers, pending
//! defers and panic state updated so it can be resumed (Yield) or reported (Panic).
//!
//! Panics unwind without Rust recursion: `throw` marks the goroutine as panicking and pushes the
//! innermost pending deferred call as a frame (flagged `panic_defer`, the only kind of frame in
//! which `recover` works); when that call returns, unwinding continues, or, if it recovered, the
//! frame that deferred it resumes at its epilogue (which runs its other defers and returns).

use super::panic::{self, GoPanic, RuntimeError};
use super::value::{self, obj};
use super::{Exit, Frame, Goroutine, Machine};
use crate::bytecode::{FuncId, Op, Program};
use crate::runtime::chan::{self, Outcome, Waiter};
use crate::stdlib::native::{NativeCtx, NativeError};
use std::sync::Arc;

/// Pushes a frame for `func` at absolute register `new_base`, growing and zeroing its window.
#[inline(always)]
pub(super) fn enter(
    g: &mut Goroutine,
    prog: &Program,
    func: FuncId,
    new_base: usize,
    closure: u64,
) -> Result<(), GoPanic> {
    let callee = &prog.funcs[func as usize];
    let need = new_base + callee.nregs as usize;
    if stack_bytes(need, g.frames.len() + 1, g.memos.len()) > g.stack_limit {
        return Err(GoPanic::Runtime(RuntimeError::StackOverflow));
    }
    if g.regs.len() < need {
        // Grow geometrically; fresh registers are zero (nil / 0 / false). Never past what the
        // limit allows, so the last growth does not double the memory of a runaway recursion.
        let cap = (g.stack_limit / 8).max(need);
        g.regs.resize(need.max(g.regs.len() * 2).min(cap), 0);
    }
    // Non-parameter registers start zeroed: Go zero-initialises every variable, and the GC
    // must never see a stale word.
    let first_local = new_base + callee.nparams as usize;
    g.regs[first_local..need].fill(0);
    g.frames.push(Frame {
        func,
        pc: 0,
        base: new_base as u32,
        closure,
        panic_defer: false,
        deferred: false,
        resume: false,
    });
    Ok(())
}

/// What a stack of `regs` register words, `frames` frames and `memos` suspended runtime
/// helpers costs, in bytes: the registers, the frame records, and for each helper waiting on a
/// call (fmt printing a `String` result) what its Go counterpart's frames take (fmt's
/// `pp`, `printArg`, `handleMethods`...: about a kilobyte, measured with `debug.SetMaxStack`).
pub(super) fn stack_bytes(regs: usize, frames: usize, memos: usize) -> usize {
    const HELPER_BYTES: usize = 1024;
    regs * 8 + frames * std::mem::size_of::<Frame>() + memos * HELPER_BYTES
}

/// The function a closure word runs.
fn closure_func(c: u64) -> FuncId {
    value::load(obj(c), 0, false) as FuncId
}

/// Starts the next deferred call of the top frame, placed above that frame's window.
fn call_deferred(g: &mut Goroutine, prog: &Program, panicking: bool) -> Result<(), GoPanic> {
    let d = g.defers.pop().expect("a pending defer");
    if d.closure == 0 {
        // `defer f()` with a nil f: the panic happens in the deferring function, now.
        return Err(super::panic::nil_deref());
    }
    let top = *g.frames.last().expect("a frame");
    let base = top.base as usize + prog.funcs[top.func as usize].nregs as usize;
    let func = closure_func(d.closure);
    let need = base + d.args.len();
    if g.regs.len() < need {
        g.regs.resize(need.max(g.regs.len() * 2), 0);
    }
    g.regs[base..need].copy_from_slice(&d.args);
    enter(g, prog, func, base, d.closure)?;
    let f = g.frames.last_mut().expect("just pushed");
    f.deferred = true;
    f.panic_defer = panicking;
    Ok(())
}

/// Continues unwinding a panic: runs the innermost pending defer, or pops frames without one.
/// `Err` when no frame is left (the panic is unrecovered).
fn unwind(g: &mut Goroutine, prog: &Program) -> Result<(), ()> {
    loop {
        let depth = g.frames.len();
        if depth == 0 {
            return Err(());
        }
        if g.defers.last().is_some_and(|d| d.depth == depth) {
            if let Err(p) = call_deferred(g, prog, true) {
                // A stack overflow while starting a deferred call: give up on this panic.
                g.panicking = Some(p);
                return Err(());
            }
            return Ok(());
        }
        // A runtime helper below that catches panics (fmt) recovers this one.
        if g.frames[depth - 1].resume && super::cont::catch(g) {
            return Ok(());
        }
        g.frames.pop();
        super::cont::drop_dead(g);
    }
}

/// The stack at a panic, innermost first: (function, pc of the failing instruction).
fn trace(g: &Goroutine) -> Vec<(FuncId, u32)> {
    g.frames
        .iter()
        .rev()
        .map(|f| (f.func, f.pc.saturating_sub(1)))
        .collect()
}

/// Runs `g` for about `fuel` units of work. See the module docs for the invariants.
///
/// Under `-race` a second instance of the loop runs (`RACE = true`): the same code plus the
/// race hooks (`vm/racert.rs`), resolved at compile time, so the ordinary loop has none.
pub fn run(g: &mut Goroutine, mach: &mut Machine, fuel: u32) -> Exit {
    if !crate::race::on() {
        return run_loop::<false>(g, mach, fuel, None);
    }
    let fresh = g.race.is_none();
    let st = crate::race::enter(g.id, &mut g.race, g.created_by);
    if fresh && g.created_by.is_none() {
        super::racert::enter_runtime_g(&st, g);
    }
    if let Some(k) = g.race_resume.take() {
        crate::race::acquire_in(&st, k);
    }
    let exit = run_loop::<true>(g, mach, fuel, Some(&st));
    crate::race::leave();
    if matches!(exit, Exit::Done) && g.dying.is_none() {
        crate::race::finished(&st);
    }
    exit
}

fn run_loop<const RACE: bool>(
    g: &mut Goroutine,
    mach: &mut Machine,
    mut fuel: u32,
    rs: Option<&crate::race::GState>,
) -> Exit {
    let prog: Arc<Program> = Arc::clone(&mach.prog);
    let prog: &Program = &prog;
    let mut panic_trace: Vec<(FuncId, u32)> = Vec::new();
    // A panic delivered while the goroutine was parked (its send's channel was closed).
    if let Some(p) = g.pending_panic.take() {
        panic_trace = trace(g);
        g.panicking = Some(p);
        g.recovered = false;
        if unwind(g, prog).is_err() {
            let p = g.panicking.take().expect("panicking");
            return Exit::Panic(p, panic_trace);
        }
    }
    let Some(&frame) = g.frames.last() else {
        return Exit::Done;
    };
    let mut code: &[Op] = &prog.funcs[frame.func as usize].code;
    let mut consts: &[u64] = &prog.funcs[frame.func as usize].consts;
    let mut pc = frame.pc as usize;
    let mut base = frame.base as usize;
    // The current frame's first register. Invariant: equal to `g.regs.as_mut_ptr() + base`
    // whenever an instruction starts: refreshed (`refresh!`) by every path that changes `base`
    // or may touch `g.regs` other than through `r!` (calls, returns, helpers, natives, defers,
    // `go`, select, unwinding).
    // SAFETY: `base <= g.regs.len()` (module invariant).
    let mut regs: *mut u64 = unsafe { g.regs.as_mut_ptr().add(base) };

    // R(i): register i of the current frame.
    macro_rules! r {
        ($i:expr) => {
            // SAFETY: `$i < nregs` of the running function (verified), the frame window
            // `base..base+nregs` is inside `g.regs` (module invariant), and `regs` points at
            // its start (the invariant above), so the access is in bounds of a live buffer.
            *unsafe { &mut *regs.add($i as usize) }
        };
    }
    macro_rules! refresh {
        () => {
            // SAFETY: `base <= g.regs.len()` (module invariant).
            regs = unsafe { g.regs.as_mut_ptr().add(base) };
        };
    }
    macro_rules! save_pc {
        () => {
            g.frames.last_mut().expect("a frame is running").pc = pc as u32;
        };
    }
    // Switches to the frame now on top of the stack.
    macro_rules! reload {
        () => {{
            let f = *g.frames.last().expect("a frame is running");
            let p = &prog.funcs[f.func as usize];
            code = &p.code;
            consts = &p.consts;
            pc = f.pc as usize;
            base = f.base as usize;
            refresh!();
        }};
    }
    // Raises a Go panic at the current instruction.
    macro_rules! throw {
        ($p:expr) => {{
            let p: GoPanic = $p;
            save_pc!();
            if let GoPanic::Runtime(e) = &p {
                if e.is_fatal() {
                    return Exit::Panic(p, trace(g));
                }
            }
            if g.panicking.is_none() || panic_trace.is_empty() {
                panic_trace = trace(g);
            }
            // A panic while another is in progress: Go reports both (the earlier one marked
            // [recovered] if a deferred call recovered it; re-panicking the recovered value
            // itself is reported once, as [recovered, repanicked]).
            if let Some(old) = g.panicking.take() {
                let same = g.recovered && matches!((&old, &p), (GoPanic::Value(a), GoPanic::Value(b)) if a == b);
                if same {
                    g.repanicked = true;
                } else {
                    g.old_panics.push((old, g.recovered));
                }
            }
            g.panicking = Some(p);
            g.recovered = false;
            if unwind(g, prog).is_err() {
                let p = g.panicking.take().expect("panicking");
                return Exit::Panic(p, std::mem::take(&mut panic_trace));
            }
            reload!();
            continue;
        }};
    }
    macro_rules! try_rt {
        ($e:expr) => {
            match $e {
                Ok(v) => v,
                Err(p) => throw!(p),
            }
        };
    }
    // Takes a relative jump. A backward jump costs fuel: when none is left the goroutine yields
    // with its pc at the jump target, so every loop reaches the scheduler.
    macro_rules! jump {
        ($off:expr) => {{
            let off = $off as i64;
            pc = (pc as i64 + off) as usize;
            if off < 0 {
                // Allocation counts too: a loop whose allocations brought the heap to its goal
                // (a string concatenation, a conversion: instructions, not helpers) yields so the
                // scheduler's safepoint collects.
                if fuel == 0 || mach.m.poll_gc_request() {
                    save_pc!();
                    return Exit::Yield;
                }
                fuel -= 1;
            }
        }};
    }
    // After an instruction that may allocate much (a helper, a native): if the heap reached its
    // goal, end the slice so the scheduler's safepoint collects (the goal, and a memory limit,
    // hold even for a goroutine that allocates in one long loop).
    macro_rules! gc_check {
        () => {
            if mach.m.take_gc_request() {
                save_pc!();
                return Exit::Yield;
            }
        };
    }
    // Deterministic mode (`--seed`): a synchronising instruction (channel operation, sync
    // helper, `go`) costs fuel too, so schedules can switch between a Lock and the next.
    // Off: one relaxed load.
    macro_rules! det_point {
        () => {
            if crate::runtime::detsched::enabled() {
                if fuel == 0 {
                    save_pc!();
                    return Exit::Yield;
                }
                fuel -= 1;
            }
        };
    }
    macro_rules! call {
        ($func:expr, $abs:expr, $closure:expr) => {{
            let (func, abs) = ($func, $abs);
            save_pc!();
            try_rt!(enter(g, prog, func, abs, $closure));
            // The new frame (what `reload!` would read back).
            let p = &prog.funcs[func as usize];
            code = &p.code;
            consts = &p.consts;
            pc = 0;
            base = abs;
            refresh!();
            if fuel == 0 || mach.m.poll_gc_request() {
                return Exit::Yield;
            }
            fuel -= 1;
        }};
    }
    macro_rules! f {
        ($x:expr) => {
            f64::from_bits($x)
        };
    }
    // Under `-race`: checks an access to word `$idx` of object `$obj` (`$w`: a write).
    macro_rules! race {
        ($obj:expr, $idx:expr, $w:expr) => {
            if RACE {
                if let Some(st) = rs {
                    if let Some(code) =
                        super::racert::access(st, g, prog, pc, $obj, $idx as usize, $w)
                    {
                        save_pc!();
                        return Exit::Exit(code);
                    }
                }
            }
        };
    }
    macro_rules! shift_count {
        ($b:expr, $signed:expr) => {{
            let c = r!($b);
            if $signed && (c as i64) < 0 {
                throw!(panic::runtime("runtime error: negative shift amount"))
            }
            c
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
            Op::MulIntImm { dst, a, imm } => r!(dst) = r!(a).wrapping_mul(imm as i64 as u64),
            Op::AndImm { dst, a, imm } => r!(dst) = r!(a) & (imm as i64 as u64),
            Op::RemIntImm { dst, a, imm } => {
                r!(dst) = (r!(a) as i64).wrapping_rem(imm as i64) as u64
            }
            Op::ShlImm { dst, a, imm } => r!(dst) = r!(a) << (imm & 63),
            Op::SarImm { dst, a, imm } => r!(dst) = ((r!(a) as i64) >> (imm & 63)) as u64,
            Op::ShrImm { dst, a, imm } => r!(dst) = r!(a) >> (imm & 63),
            Op::SubInt { dst, a, b } => r!(dst) = r!(a).wrapping_sub(r!(b)),
            Op::MulInt { dst, a, b } => r!(dst) = r!(a).wrapping_mul(r!(b)),
            Op::DivInt { dst, a, b } => {
                let d = r!(b) as i64;
                if d == 0 {
                    throw!(GoPanic::Runtime(RuntimeError::IntegerDivideByZero));
                }
                r!(dst) = (r!(a) as i64).wrapping_div(d) as u64;
            }
            Op::RemInt { dst, a, b } => {
                let d = r!(b) as i64;
                if d == 0 {
                    throw!(GoPanic::Runtime(RuntimeError::IntegerDivideByZero));
                }
                r!(dst) = (r!(a) as i64).wrapping_rem(d) as u64;
            }
            Op::DivUint { dst, a, b } => {
                let d = r!(b);
                if d == 0 {
                    throw!(GoPanic::Runtime(RuntimeError::IntegerDivideByZero));
                }
                r!(dst) = r!(a) / d;
            }
            Op::RemUint { dst, a, b } => {
                let d = r!(b);
                if d == 0 {
                    throw!(GoPanic::Runtime(RuntimeError::IntegerDivideByZero));
                }
                r!(dst) = r!(a) % d;
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
            Op::And { dst, a, b } => r!(dst) = r!(a) & r!(b),
            Op::Or { dst, a, b } => r!(dst) = r!(a) | r!(b),
            Op::Xor { dst, a, b } => r!(dst) = r!(a) ^ r!(b),
            Op::AndNot { dst, a, b } => r!(dst) = r!(a) & !r!(b),
            Op::BitNot { dst, a } => r!(dst) = !r!(a),
            Op::Shl {
                dst,
                a,
                b,
                signed_count,
            } => {
                let c = shift_count!(b, signed_count);
                r!(dst) = if c >= 64 { 0 } else { r!(a) << c };
            }
            Op::Sar {
                dst,
                a,
                b,
                signed_count,
            } => {
                let c = shift_count!(b, signed_count);
                r!(dst) = ((r!(a) as i64) >> c.min(63)) as u64;
            }
            Op::Shr {
                dst,
                a,
                b,
                signed_count,
            } => {
                let c = shift_count!(b, signed_count);
                r!(dst) = if c >= 64 { 0 } else { r!(a) >> c };
            }

            Op::AddF64 { dst, a, b } => r!(dst) = (f!(r!(a)) + f!(r!(b))).to_bits(),
            Op::SubF64 { dst, a, b } => r!(dst) = (f!(r!(a)) - f!(r!(b))).to_bits(),
            Op::MulF64 { dst, a, b } => r!(dst) = (f!(r!(a)) * f!(r!(b))).to_bits(),
            Op::DivF64 { dst, a, b } => r!(dst) = (f!(r!(a)) / f!(r!(b))).to_bits(),
            Op::NegF64 { dst, a } => r!(dst) = (-f!(r!(a))).to_bits(),
            Op::IntToF64 { dst, a, signed } => {
                r!(dst) = if signed {
                    (r!(a) as i64 as f64).to_bits()
                } else {
                    (r!(a) as f64).to_bits()
                }
            }
            Op::F64ToInt { dst, a, signed } => {
                let x = f!(r!(a));
                // Unsigned targets of negative values wrap through int64 (what Go's amd64 does).
                r!(dst) = if signed || x < 0.0 {
                    x as i64 as u64
                } else {
                    x as u64
                }
            }
            Op::RoundF32 { dst, a } => r!(dst) = (f!(r!(a)) as f32 as f64).to_bits(),

            Op::EqWord { dst, a, b } => r!(dst) = (r!(a) == r!(b)) as u64,
            Op::NeWord { dst, a, b } => r!(dst) = (r!(a) != r!(b)) as u64,
            Op::LtInt { dst, a, b } => r!(dst) = ((r!(a) as i64) < (r!(b) as i64)) as u64,
            Op::LeInt { dst, a, b } => r!(dst) = ((r!(a) as i64) <= (r!(b) as i64)) as u64,
            Op::LtUint { dst, a, b } => r!(dst) = (r!(a) < r!(b)) as u64,
            Op::LeUint { dst, a, b } => r!(dst) = (r!(a) <= r!(b)) as u64,
            Op::LtF64 { dst, a, b } => r!(dst) = (f!(r!(a)) < f!(r!(b))) as u64,
            Op::LeF64 { dst, a, b } => r!(dst) = (f!(r!(a)) <= f!(r!(b))) as u64,
            Op::EqF64 { dst, a, b } => r!(dst) = (f!(r!(a)) == f!(r!(b))) as u64,
            Op::Not { dst, a } => r!(dst) = (r!(a) == 0) as u64,

            Op::Concat { dst, a, b } => {
                let (x, y) = (r!(a), r!(b));
                r!(dst) = if x == 0 {
                    y
                } else if y == 0 {
                    x
                } else {
                    let sx = value::str_bytes(x);
                    let sy = value::str_bytes(y);
                    let mut v = Vec::with_capacity(sx.len() + sy.len());
                    v.extend_from_slice(sx);
                    v.extend_from_slice(sy);
                    value::new_string(&mut mach.m, &v)
                };
            }
            Op::StrCmp { dst, a, b, cmp } => {
                let (x, y) = (value::str_bytes(r!(a)), value::str_bytes(r!(b)));
                r!(dst) = match cmp {
                    0 => x == y,
                    1 => x != y,
                    2 => x < y,
                    _ => x <= y,
                } as u64;
            }
            Op::StrLen { dst, a } => {
                let s = r!(a);
                r!(dst) = if s == 0 {
                    0
                } else {
                    value::load(obj(s), 2, false)
                };
            }
            Op::StrByte { dst, s, i } => {
                let bytes = value::str_bytes(r!(s));
                let i = r!(i);
                match bytes.get(i as usize) {
                    Some(&b) if (i as i64) >= 0 => r!(dst) = b as u64,
                    _ => throw!(panic::index_out_of_range(i as i64, bytes.len())),
                }
            }
            Op::SliceLen { dst, a } => {
                let s = r!(a);
                r!(dst) = if s == 0 {
                    0
                } else {
                    value::load(obj(s), 2, false)
                };
            }
            Op::SliceCap { dst, a } => {
                let s = r!(a);
                r!(dst) = if s == 0 {
                    0
                } else {
                    value::load(obj(s), 3, false)
                };
            }
            Op::SliceGet { dst, s, i } => {
                let p = value::slice_parts(r!(s));
                let i = r!(i);
                if i >= p.len as u64 {
                    throw!(panic::index_out_of_range(i as i64, p.len));
                }
                race!(p.array, p.offset + i as usize, false);
                r!(dst) = value::load(obj(p.array), p.offset + i as usize, true);
            }
            Op::SliceSet { s, i, src } => {
                let p = value::slice_parts(r!(s));
                let i = r!(i);
                if i >= p.len as u64 {
                    throw!(panic::index_out_of_range(i as i64, p.len));
                }
                race!(p.array, p.offset + i as usize, true);
                value::store(obj(p.array), p.offset + i as usize, r!(src), true);
            }
            Op::ArrayGet { dst, arr, i } => {
                let Some(o) = crate::runtime::gc::Ref::from_word(r!(arr)) else {
                    throw!(panic::nil_deref())
                };
                let n = value::obj_len(o);
                let i = r!(i);
                if i >= n as u64 {
                    throw!(panic::index_out_of_range(i as i64, n));
                }
                race!(o.word(), i, false);
                r!(dst) = value::load(o, i as usize, true);
            }
            Op::ArraySet { arr, i, src } => {
                let Some(o) = crate::runtime::gc::Ref::from_word(r!(arr)) else {
                    throw!(panic::nil_deref())
                };
                let n = value::obj_len(o);
                let i = r!(i);
                if i >= n as u64 {
                    throw!(panic::index_out_of_range(i as i64, n));
                }
                race!(o.word(), i, true);
                value::store(o, i as usize, r!(src), true);
            }
            // Field indices come from static types, so they are in range; the check keeps a
            // compiler bug from ever reading outside an object.
            Op::LoadField { dst, obj: o, idx } => {
                let Some(o) = crate::runtime::gc::Ref::from_word(r!(o)) else {
                    throw!(panic::nil_deref())
                };
                if idx as usize >= value::obj_len(o) {
                    throw!(panic::runtime(
                        "gol: internal error: field index out of range"
                    ))
                }
                race!(o.word(), idx, false);
                r!(dst) = value::load(o, idx as usize, true);
            }
            Op::StoreField { obj: o, idx, src } => {
                let Some(o) = crate::runtime::gc::Ref::from_word(r!(o)) else {
                    throw!(panic::nil_deref())
                };
                if idx as usize >= value::obj_len(o) {
                    throw!(panic::runtime(
                        "gol: internal error: field index out of range"
                    ))
                }
                race!(o.word(), idx, true);
                value::store(o, idx as usize, r!(src), true);
            }
            Op::LoadPtr { dst, p } => {
                if r!(p) == 0 {
                    throw!(panic::nil_deref())
                }
                let (o, i) = value::interior_parts(r!(p));
                race!(o.word(), i, false);
                r!(dst) = value::load(o, i, true);
            }
            Op::StorePtr { p, src } => {
                if r!(p) == 0 {
                    throw!(panic::nil_deref())
                }
                let (o, i) = value::interior_parts(r!(p));
                race!(o.word(), i, true);
                value::store(o, i, r!(src), true);
            }
            Op::LoadGlobal { dst, idx } => {
                race!(crate::race::shadow::GLOBALS, idx, false);
                r!(dst) = mach.sh.load_global(idx as usize)
            }
            Op::StoreGlobal { idx, src } => {
                race!(crate::race::shadow::GLOBALS, idx, true);
                mach.sh.store_global(idx as usize, r!(src))
            }
            Op::GetCapture { dst, idx } => {
                let c = g.frames.last().expect("a frame").closure;
                match crate::runtime::gc::Ref::from_word(c) {
                    Some(o) if 1 + (idx as usize) < value::obj_len(o) => {
                        r!(dst) = value::load(o, 1 + idx as usize, true)
                    }
                    _ => throw!(panic::runtime("gol: internal error: capture out of range")),
                }
            }

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
            Op::JumpIfEqWord { a, b, off } => {
                if r!(a) == r!(b) {
                    jump!(off)
                }
            }
            Op::JumpIfNeWord { a, b, off } => {
                if r!(a) != r!(b) {
                    jump!(off)
                }
            }
            Op::JumpIfLtImm { a, imm, off } => {
                if (r!(a) as i64) < imm as i64 {
                    jump!(off)
                }
            }
            Op::JumpIfGeImm { a, imm, off } => {
                if (r!(a) as i64) >= imm as i64 {
                    jump!(off)
                }
            }
            Op::JumpIfGtImm { a, imm, off } => {
                if (r!(a) as i64) > imm as i64 {
                    jump!(off)
                }
            }
            Op::JumpIfLeImm { a, imm, off } => {
                if (r!(a) as i64) <= imm as i64 {
                    jump!(off)
                }
            }
            Op::IncJumpIfLt { a, b, off } => {
                let v = r!(a).wrapping_add(1);
                r!(a) = v;
                if (v as i64) < (r!(b) as i64) {
                    jump!(off)
                }
            }
            Op::JumpIfEqImm { a, imm, off } => {
                if r!(a) == imm as i64 as u64 {
                    jump!(off)
                }
            }
            Op::JumpIfNeImm { a, imm, off } => {
                if r!(a) != imm as i64 as u64 {
                    jump!(off)
                }
            }

            Op::Call { func, base: cbase } => call!(func, base + cbase as usize, 0),
            Op::CallClosure { f, base: cbase } => {
                let c = r!(f);
                if c == 0 {
                    throw!(panic::nil_deref())
                }
                call!(closure_func(c), base + cbase as usize, c)
            }
            Op::CallIface {
                base: cbase,
                method,
            } => {
                let Some((ty, data)) = value::iface_parts(r!(cbase)) else {
                    throw!(panic::nil_deref())
                };
                let Some(&func) = prog.methods.get(&(ty, method)) else {
                    throw!(panic::runtime(format!(
                        "gol: no method {} for dynamic type {ty}",
                        prog.method_names[method as usize]
                    )))
                };
                r!(cbase) = data;
                call!(func, base + cbase as usize, 0)
            }
            Op::CallNative { id, base: cbase } => {
                let native = prog.natives[id as usize];
                let mut ctx = NativeCtx {
                    m: &mut mach.m,
                    stdout: &mut mach.stdout,
                    args: &mach.args,
                    std: &mach.std,
                    sh: &mach.sh,
                };
                let at = base + cbase as usize;
                let mut ptr = 0;
                if RACE {
                    if let Some(st) = rs {
                        ptr = g.regs[at];
                        super::racert::atomic_native(st, prog, id, &g.regs[at..], false);
                    }
                }
                let res = native(&mut ctx, &mut g.regs[at..]);
                if RACE {
                    if let Some(st) = rs {
                        super::racert::atomic_native(st, prog, id, &[ptr], true);
                    }
                }
                mach.publish();
                refresh!();
                match res {
                    Ok(()) => gc_check!(),
                    Err(NativeError::Panic(msg)) => throw!(GoPanic::Native(msg)),
                    Err(NativeError::Exit(code)) => return Exit::Exit(code),
                }
            }
            Op::Rt {
                f,
                sub,
                base: cbase,
            } => {
                save_pc!();
                let at = base + cbase as usize;
                let mut window = (0, 0);
                if RACE {
                    if let Some(st) = rs {
                        if let Some(code) = super::racert::before_rt(st, g, prog, pc, f, at) {
                            return Exit::Exit(code);
                        }
                        window = (g.regs[at], g.regs[at + 1]);
                    }
                }
                let res = super::rt::call(f, sub, mach, g, at);
                mach.publish();
                refresh!();
                if RACE {
                    if let (Some(st), Ok(flow)) = (rs, &res) {
                        let parked = matches!(flow, super::rt::Flow::Park(_));
                        if parked || matches!(flow, super::rt::Flow::Next) {
                            super::racert::after_rt(st, g, f, window, at, parked);
                        }
                    }
                }
                match res {
                    Ok(super::rt::Flow::Next) => {
                        gc_check!();
                        det_point!();
                    }
                    Ok(super::rt::Flow::Exit(code)) => return Exit::Exit(code),
                    Ok(super::rt::Flow::Park(reason)) => return Exit::Park(reason),
                    Ok(super::rt::Flow::Retry(reason)) => {
                        pc -= 1;
                        save_pc!();
                        return Exit::Park(reason);
                    }
                    Ok(super::rt::Flow::Call(req)) => {
                        // Run the call as a frame; when it returns, this `Rt` runs again.
                        let top = g.frames.last().expect("a frame is running").func;
                        let nb = base + prog.funcs[top as usize].nregs as usize;
                        let need = nb + req.args.len();
                        if g.regs.len() < need {
                            g.regs.resize(need.max(g.regs.len() * 2), 0);
                        }
                        g.regs[nb..need].copy_from_slice(&req.args);
                        try_rt!(enter(g, prog, req.func, nb, req.closure));
                        let n = g.frames.len();
                        g.frames[n - 2].pc = pc as u32 - 1;
                        g.frames[n - 1].resume = true;
                        reload!();
                        if fuel == 0 {
                            return Exit::Yield;
                        }
                        fuel -= 1;
                    }
                    Err(p) => throw!(p),
                }
            }
            Op::Defer { base: cbase, n } => {
                let at = base + cbase as usize;
                // A nil closure is deferred as is: Go panics when the deferred call runs.
                let closure = g.regs[at];
                let args = g.regs[at + 1..at + 1 + n as usize].to_vec();
                refresh!();
                let depth = g.frames.len();
                g.defers.push(super::DeferRec {
                    depth,
                    closure,
                    args,
                });
            }
            Op::RunDefers => {
                if g.defers.last().is_some_and(|d| d.depth == g.frames.len()) {
                    pc -= 1; // come back here when the deferred call returns
                    save_pc!();
                    try_rt!(call_deferred(g, prog, false));
                    reload!();
                }
            }
            Op::Panic { a } => {
                let v = r!(a);
                if v == 0 {
                    throw!(panic::runtime(
                        "runtime error: panic called with nil argument"
                    ))
                }
                throw!(GoPanic::Value(v))
            }
            Op::Send { ch, src } => {
                let out = chan::send(r!(ch), r!(src), || Waiter {
                    g: mach.cur_g(),
                    dst: 0,
                    ok: None,
                    sel: None,
                });
                match out {
                    Outcome::Done(..) => det_point!(),
                    Outcome::Park(reason) => {
                        crate::runtime::leaks::note(g.id, &[r!(ch)]);
                        save_pc!();
                        return Exit::Park(reason);
                    }
                    Outcome::Panic(m) => throw!(panic::runtime(m)),
                }
            }
            Op::Recv { dst, ch, ok } => {
                let at = base + dst as usize;
                let c = r!(ch);
                let out = chan::recv(c, || Waiter {
                    g: mach.cur_g(),
                    dst: at,
                    ok: ok.then_some(at + 1),
                    sel: None,
                });
                match out {
                    Outcome::Done(v, okv) => {
                        r!(dst) = if okv {
                            v
                        } else {
                            match chan::elem_aggregate(c) {
                                Some(t) => mach.zero(t),
                                None => 0,
                            }
                        };
                        if ok {
                            r!(dst + 1) = okv as u64;
                        }
                        det_point!();
                    }
                    Outcome::Park(reason) => {
                        crate::runtime::leaks::note(g.id, &[c]);
                        save_pc!();
                        return Exit::Park(reason);
                    }
                    Outcome::Panic(m) => throw!(panic::runtime(m)),
                }
            }
            Op::Select { base: sb } => {
                let res = super::sel::select(mach, g, base + sb as usize);
                refresh!();
                match res {
                    Ok(None) => det_point!(),
                    Ok(Some(reason)) => {
                        save_pc!();
                        return Exit::Park(reason);
                    }
                    Err(p) => throw!(p),
                }
            }
            Op::Go { base: gb, n } => {
                let at = base + gb as usize;
                let closure = g.regs[at];
                if closure == 0 {
                    // Go 1.27: a fatal error (not recoverable), reported in the caller.
                    throw!(GoPanic::Runtime(RuntimeError::Fatal(
                        "go of nil func value".into()
                    )))
                }
                let args = g.regs[at + 1..at + 1 + n as usize].to_vec();
                refresh!();
                let func = closure_func(closure);
                let mut ng = Goroutine::new(prog, func, &args);
                ng.frames[0].closure = closure;
                let here = g.frames.last().expect("a frame is running").func;
                ng.created_by = Some((here, pc as u32, g.id));
                if RACE {
                    if let Some(st) = rs {
                        ng.race = Some(crate::race::fork(st, ng.created_by));
                    }
                }
                mach.sched().spawn(ng);
                det_point!();
            }
            Op::Sleep { a } => {
                let d = r!(a) as i64;
                if d > 0 {
                    save_pc!();
                    mach.sched()
                        .sleep(g.id, std::time::Duration::from_nanos(d as u64));
                    return Exit::Park(crate::runtime::sched::WaitReason::Sleep);
                }
            }
            Op::Gosched => {
                save_pc!();
                return Exit::Yield;
            }
            Op::Return { src, n } => {
                // Results go to R[0..n] of this frame, which is the caller's call window.
                if n == 1 {
                    r!(0) = r!(src);
                } else if src != 0 {
                    let from = base + src as usize;
                    // (`reload!` below refreshes `regs`.)
                    g.regs.copy_within(from..from + n as usize, base);
                }
                let done = g.frames.pop().expect("a frame is running");
                // Defers registered by a frame that is gone can never run (defensive).
                while g.defers.last().is_some_and(|d| d.depth > g.frames.len()) {
                    g.defers.pop();
                }
                super::cont::drop_dead(g);
                if g.frames.is_empty() {
                    return Exit::Done;
                }
                if done.resume {
                    let n = prog.funcs[done.func as usize].nresults as usize;
                    let res = g.regs[done.base as usize..done.base as usize + n].to_vec();
                    super::cont::deliver(g, super::cont::CallResult::Ok(res));
                    reload!();
                    continue;
                }
                if done.panic_defer && g.panicking.is_some() {
                    if g.recovered {
                        // The frame that deferred the call returns normally.
                        g.panicking = None;
                        g.recovered = false;
                        g.repanicked = false;
                        g.old_panics.clear();
                        panic_trace.clear();
                        let top = g.frames.last_mut().expect("the deferring frame");
                        let epi = prog.funcs[top.func as usize].epilogue;
                        top.pc = epi.expect("a function with defers has an epilogue");
                        reload!();
                    } else {
                        if unwind(g, prog).is_err() {
                            let p = g.panicking.take().expect("panicking");
                            return Exit::Panic(p, std::mem::take(&mut panic_trace));
                        }
                        reload!();
                    }
                    continue;
                }
                reload!();
            }
        }
    }
}
