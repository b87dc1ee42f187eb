//! VM DYING: the texts of an unrecovered panic, whose values' `Error`/`String` methods run as
//! ordinary frames on the dying goroutine (Go's `preprintpanics`). Input: a goroutine whose
//! run ended in `Exit::Panic` (every frame unwound). Output: either a method frame pushed on
//! it (the scheduler runs it like any goroutine: it may block, be preempted, call os.Exit),
//! or the panic to report, with every text ready in `g.dying`.
//!
//! Protocol: `on_panic` records the panic and its trace in `g.dying`, then `advance` pushes the
//! method of the first value (the earlier panics in `old_panics`, then the last one) that has
//! one; when that frame returns (`Exit::Done`, the string in `R[0]`), `on_done` records the
//! text and advances again. A panic inside a method is Go's fatal `panic while printing panic
//! value`. Invariant: while `g.dying` is set, the goroutine's only frames are a method's.

use super::exec::enter;
use super::host::{panic_method, plain_panic_text};
use super::panic::{GoPanic, RuntimeError};
use super::value;
use super::{Goroutine, Machine};
use crate::bytecode::FuncId;
use crate::types::ty::{Spelling, TypeId};
use std::sync::Arc;

/// An unrecovered panic whose texts are being computed.
#[derive(Debug)]
pub struct Dying {
    pub panic: GoPanic,
    pub trace: Vec<(FuncId, u32)>,
    /// The texts so far, in the order of `old_panics` then `panic`.
    pub texts: Vec<String>,
}

/// What the scheduler does with a goroutine whose run ended.
pub enum Next {
    /// Run it again: a method frame was pushed.
    Run,
    /// Report this panic (the texts are in `g.dying`, if any were needed).
    Report(GoPanic, Vec<(FuncId, u32)>),
}

/// `Exit::Panic(p, trace)` on `g` (not Goexit).
pub fn on_panic(
    mach: &mut Machine,
    g: &mut Goroutine,
    p: GoPanic,
    trace: Vec<(FuncId, u32)>,
) -> Next {
    if let Some(d) = g.dying.take() {
        // A method printing the panic value panicked: Go throws.
        let what = match &p {
            GoPanic::Value(w) => match value::iface_parts(*w) {
                Some((t, s)) if TypeId::from_index(t) == TypeId::STRING => {
                    format!(": {}", String::from_utf8_lossy(value::str_bytes(s)))
                }
                Some((t, _)) => format!(
                    ": type {}",
                    mach.prog
                        .types
                        .display(TypeId::from_index(t), Spelling::Reflect)
                ),
                None => String::new(),
            },
            GoPanic::Native(m) => format!(": {m}"),
            GoPanic::Runtime(e) if e.is_fatal() => return Next::Report(p, d.trace),
            GoPanic::Runtime(_) => ": type runtime.Error".into(),
            GoPanic::Goexit => String::new(),
        };
        let fatal = format!("panic while printing panic value{what}");
        return Next::Report(GoPanic::Runtime(RuntimeError::Fatal(fatal)), trace);
    }
    if matches!(&p, GoPanic::Runtime(e) if e.is_fatal()) {
        return Next::Report(p, trace);
    }
    g.dying = Some(Box::new(Dying {
        panic: p,
        trace,
        texts: Vec::new(),
    }));
    advance(mach, g)
}

/// `Exit::Done` on `g` while `g.dying` is set: a method returned its text in `R[0]`.
pub fn on_done(mach: &mut Machine, g: &mut Goroutine) -> Next {
    let s = String::from_utf8_lossy(value::str_bytes(g.regs[0])).into_owned();
    if let Some(d) = g.dying.as_mut() {
        d.texts.push(s);
    }
    advance(mach, g)
}

/// Computes the next texts that need no call; pushes the frame of the next method, if any.
fn advance(mach: &mut Machine, g: &mut Goroutine) -> Next {
    let prog = Arc::clone(&mach.prog);
    loop {
        let d = g.dying.as_ref().expect("dying");
        let i = d.texts.len();
        let p = match g.old_panics.get(i) {
            Some((p, _)) => p.clone(),
            None if i == g.old_panics.len() => d.panic.clone(),
            None => {
                let d = g.dying.as_ref().expect("dying");
                return Next::Report(d.panic.clone(), d.trace.clone());
            }
        };
        let Some((func, recv)) = panic_method(mach, &p) else {
            let t = plain_panic_text(mach, &p);
            g.dying.as_mut().expect("dying").texts.push(t);
            continue;
        };
        g.frames.clear();
        g.memos.clear();
        if g.regs.is_empty() {
            g.regs.resize(64, 0);
        }
        g.regs[0] = recv;
        if let Err(e) = enter(g, &prog, func, 0, 0) {
            // No room for even one frame: report the overflow.
            return Next::Report(e, g.dying.as_ref().expect("dying").trace.clone());
        }
        return Next::Run;
    }
}

/// The text of the `i`th panic of `g` (`old_panics`, then the last), as computed.
pub fn text(mach: &Machine, g: &Goroutine, i: usize, p: &GoPanic) -> String {
    match g.dying.as_ref().and_then(|d| d.texts.get(i)) {
        Some(t) => t.clone(),
        None => plain_panic_text(mach, p),
    }
}
