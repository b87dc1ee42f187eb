//! `Rt::Regexp`: package regexp's bodyless natives (`stdlib/regexp/natives.gol`). Input: the
//! window `[op, args...]`. Output: results written from the window's first register. Nothing here
//! calls gol code or parks; the matching itself is `stdlib/regexp` (Rust).
//!
//! A compiled program is held by a gol value of type `*regexp.engine`: the word is a `REGEXP`
//! heap object (`Layout::Native`) whose one body word is a raw `Box<Regexp>`. Invariant: such a
//! word is only ever made by op 0 and only read by these ops (the gol code never dereferences
//! it); the box lives exactly as long as the object, freed by `finalize` when the collector finds
//! the object dead. The `Regexp` is immutable and `Sync`, so goroutines on several workers may
//! search with it at once; it holds no gol references (`trace` has nothing to mark).

use super::panic::{self, GoPanic};
use super::value;
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::RegexpOp;
use crate::runtime::gc::{Layout, Marker, NativeType, Ref};
use crate::stdlib::natives::new_int_slice_m;
use crate::stdlib::regexp::Regexp;

pub static REGEXP_TYPE: NativeType = NativeType {
    name: "regexp",
    trace: trace_regexp,
    finalize: Some(finalize_regexp),
};
static REGEXP: Layout = Layout::Native(&REGEXP_TYPE);

/// # Safety
/// Called by the collector on a live REGEXP object; it references nothing on the gol heap.
unsafe fn trace_regexp(_o: Ref, _marker: &mut Marker) {}

/// # Safety
/// `o` is a dead REGEXP object, finalized exactly once.
unsafe fn finalize_regexp(o: Ref) {
    // SAFETY: the object is dead, so nothing reads word 0 any more; the box came from
    // `Box::into_raw` in op 0 and is dropped only here.
    unsafe {
        let p = o.load(0) as usize as *mut Regexp;
        if !p.is_null() {
            o.store(0, 0);
            drop(Box::from_raw(p));
        }
    }
}

/// The program behind an `*engine` word.
fn program<'a>(w: u64) -> Result<&'a Regexp, GoPanic> {
    let Some(r) = Ref::from_word(w) else {
        return Err(panic::nil_deref());
    };
    // SAFETY: a non-zero word in a register typed `*engine` is a live object (checker).
    let layout = unsafe { r.layout() };
    if !matches!(layout, Layout::Native(t) if std::ptr::eq(*t, &REGEXP_TYPE)) {
        return Err(panic::runtime(
            "gol: a regexp program that is not one".to_string(),
        ));
    }
    // SAFETY: a REGEXP object's word 0 is its live `Box<Regexp>` (set before the object was
    // published, cleared only by finalize once it is dead; `w` is live: a register holds it).
    unsafe { Ok(&*(r.load(0) as usize as *const Regexp)) }
}

/// `Rt::Regexp` on the window `[op, a, b, c, d, e]`:
/// 0 `compileProgram(expr, posix) (e, code, text)`, 1 `programGroups(e)`,
/// 2 `programGroupName(e, i)`, 3 `programPrefix(e) (prefix, complete)`,
/// 4 `programExec(e, s, pos, ncap, longest) []int`, 5 `programMatch(e, s, longest) bool`.
pub fn regexp_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
    op: RegexpOp,
) -> Result<(), GoPanic> {
    let w = |i: usize| g.regs[at + i];
    match op {
        RegexpOp::CompileProgram => {
            let expr = value::str_bytes(w(1));
            match Regexp::new(expr, w(2) != 0) {
                Ok(re) => {
                    let o = mach.m.alloc(&REGEXP, 1);
                    // SAFETY: a fresh, unpublished object of one word; ownership of the box
                    // passes to it (finalize frees it).
                    unsafe { o.store(0, Box::into_raw(Box::new(re)) as usize as u64) };
                    g.regs[at] = o.word();
                    g.regs[at + 1] = 0;
                    g.regs[at + 2] = 0;
                }
                Err(e) => {
                    let code = value::new_string(&mut mach.m, e.code.as_bytes());
                    let text = value::new_string(&mut mach.m, &e.expr);
                    g.regs[at] = 0;
                    g.regs[at + 1] = code;
                    g.regs[at + 2] = text;
                }
            }
        }
        RegexpOp::ProgramGroups => g.regs[at] = program(w(1))?.num_subexp as u64,
        RegexpOp::ProgramGroupName => {
            let re = program(w(1))?;
            let name = re.names.get(w(2) as usize).map_or("", |s| s.as_str());
            g.regs[at] = value::new_string(&mut mach.m, name.as_bytes());
        }
        RegexpOp::ProgramPrefix => {
            let re = program(w(1))?;
            g.regs[at] = value::new_string(&mut mach.m, re.prefix.as_bytes());
            g.regs[at + 1] = re.complete as u64;
        }
        RegexpOp::ProgramExec => {
            let re = program(w(1))?;
            let text = value::str_bytes(w(2));
            let (pos, ncap, longest) = (w(3) as usize, w(4) as usize, w(5) != 0);
            g.regs[at] = match re.exec(text, pos.min(text.len()), ncap, longest) {
                None => 0,
                Some(caps) => {
                    let words: Vec<u64> = caps.iter().map(|&c| c as u64).collect();
                    new_int_slice_m(&mut mach.m, &words)
                }
            };
        }
        RegexpOp::ProgramMatch => {
            let re = program(w(1))?;
            let text = value::str_bytes(w(2));
            g.regs[at] = re.exec(text, 0, 0, w(3) != 0).is_some() as u64;
        }
    }
    Ok(())
}
