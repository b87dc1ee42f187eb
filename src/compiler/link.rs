//! COMPILER, REPL LINKING: compiles one REPL input against the running program. Input: the
//! input's checked file (the session's carried declarations plus the input, `repl/session.rs`)
//! and a `Link` describing the running program. Output: a `Program` extending it — every
//! function, global, method and native number it had keeps its meaning, new ones are appended —
//! and the `Link` updated with what the input declared.
//!
//! What differs from compiling a program: carried functions whose declaration is unchanged are
//! not compiled again; `main` is never called implicitly; the input's top-level `:=` declare
//! globals; scalar globals of the session live in one-word boxes held by their slots (so `&x`
//! works, as on a local); method-table wrappers are made once per session.

use super::{error, unsupported, CResult, Compiler, Unsupported};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::{FuncId, Op, Program};
use crate::diag::Diagnostic;
use crate::span::{Source, Span};
use crate::types::info::Info;
use crate::types::ty::{TypeId, Types};
use crate::vm::rt::Rt;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a REPL session links each input's program against (`repl/session.rs`): the running
/// program, whose functions, globals, method and native numbers stay valid.
pub struct Link {
    /// The running program (its string constants already loaded); new functions are appended.
    pub prev: Arc<Program>,
    /// Functions and methods earlier inputs compiled, by key (`f`, `T.m`): their id and the
    /// start of their declaration's name span. A declaration at the same span is not compiled
    /// again (so goroutines and closures running it keep running the same code).
    pub funcs: HashMap<String, (FuncId, u32)>,
    /// Package-level variables, by name: slot and type. A name declared again gets a new slot.
    pub globals: HashMap<String, (u32, TypeId)>,
    /// The next free global slot.
    pub next_global: u32,
    /// Method-table wrappers (deref, promoted, native methods) by what they wrap: made once,
    /// not again by every input.
    pub wrappers: HashMap<String, FuncId>,
    /// Global slots of scalar variables that hold a one-word box with the value rather than the
    /// value (so `&x` works on them, as on locals: globals have no addresses).
    pub boxed: HashSet<u32>,
}

/// Compiles one REPL input's file against `link`: the result extends `link.prev` (same ids for
/// everything it had); its `init` runs the input (variables, then statements), and the input's
/// top-level `:=` declare globals. `link` is updated with what the input declared; after an
/// error it is left incomplete (drop it).
pub fn compile_linked(
    file: &File,
    info: &Info,
    types: Types,
    std: &crate::types::stdpkg::StdPkgs,
    src: &Source,
    link: &mut Link,
) -> Result<Program, Diagnostic> {
    let mut prog = (*link.prev).clone();
    prog.strings.clear();
    // The session's file names only grow: this input's files are found or added there.
    let file_map: Vec<u32> = src
        .file_names()
        .into_iter()
        .map(|n| match prog.files.iter().position(|f| *f == n) {
            Some(i) => i as u32,
            None => {
                prog.files.push(n);
                prog.files.len() as u32 - 1
            }
        })
        .collect();
    prog.init = None;
    prog.main = None;
    let mut c = Compiler::new(file, info, types, std, src, prog);
    c.file_map = file_map;
    c.method_ids = c
        .prog
        .method_names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u32))
        .collect();
    c.natives = c
        .prog
        .native_names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i as u32))
        .collect();
    // Moved, not cloned (their size is the session's): on an error the caller drops `link`.
    c.globals = std::mem::take(&mut link.globals);
    c.next_global = link.next_global;
    c.keep = std::mem::take(&mut link.funcs);
    // Functions the session leaves out of the file (unchanged since compiled, `repl/session.rs`)
    // are still called by name. (A key with `.` is a method, with `[` an instance.)
    for (k, &(id, _)) in &c.keep {
        if !k.contains(['.', '[']) {
            c.funcs.insert(k.clone(), id);
        }
    }
    c.wrappers = std::mem::take(&mut link.wrappers);
    c.boxed_globals = std::mem::take(&mut link.boxed);
    c.repl = Some(HashMap::new());
    c.file(file).map_err(error)?;
    // Ids are u32: a (very) long session could run out (new_func would wrap). Refuse the
    // input then.
    let full = c.prog.funcs.len() > FuncId::MAX as usize
        || c.next_global >= u32::MAX - 1
        || c.prog.method_names.len() > u32::MAX as usize;
    if full {
        return Err(error(Unsupported {
            span: Span::new(0, 0),
            what: "this many functions or variables in one session (:reset starts afresh)".into(),
            plain: false,
        }));
    }
    c.prog.types = Arc::new(std::mem::take(&mut c.types));
    c.prog.nglobals = c.prog.nglobals.max(c.next_global);
    link.globals = std::mem::take(&mut c.globals);
    link.next_global = c.next_global;
    link.funcs = std::mem::take(&mut c.keep);
    link.wrappers = std::mem::take(&mut c.wrappers);
    link.boxed = std::mem::take(&mut c.boxed_globals);
    Ok(c.prog)
}

impl Compiler<'_> {
    /// REPL: the wrapper made earlier for `key`, if any. (Only a REPL session reuses
    /// wrappers: a program's listing stays as it was.)
    pub(super) fn wrapper(&self, key: &str) -> Option<FuncId> {
        self.repl
            .as_ref()
            .and_then(|_| self.wrappers.get(key).copied())
    }

    pub(super) fn remember_wrapper(&mut self, key: String, id: FuncId) {
        if self.repl.is_some() {
            self.wrappers.insert(key, id);
        }
    }

    /// Initialises global `slot` with `src` (in the variable's box, if it has one).
    pub(super) fn store_global(&mut self, slot: u32, src: Reg) {
        if self.boxed_globals.contains(&slot) {
            let b = self.f.alloc();
            self.f.emit(Op::LoadGlobal { dst: b, idx: slot });
            self.f.emit(Op::StoreField {
                obj: b,
                idx: 0,
                src,
            });
        } else {
            self.f.emit(Op::StoreGlobal { idx: slot, src });
        }
    }

    /// A REPL input's top-level `a, b := x, y`: the names become globals (so later inputs and
    /// goroutines share them). The values are computed first (`x := x + 1` reads the old `x`);
    /// a name this input declared already is assigned, any other gets a new slot.
    pub(super) fn define_globals(&mut self, lhs: &[Expr], rhs: &[Expr]) -> CResult<()> {
        let types = self.value_types(rhs, lhs.len())?;
        let mark = self.f.next;
        let vals = self.values_into(rhs, &types)?;
        for ((l, t), v) in lhs.iter().zip(&types).zip(vals) {
            let ExprKind::Ident(n) = &l.kind else {
                return unsupported(l.span, "a non-name on the left of :=");
            };
            if n == "_" {
                continue;
            }
            let declared = self.repl.as_ref().is_some_and(|m| m.contains_key(n));
            if declared {
                let var = self.name_var(n).expect("declared by this input");
                self.store_var(var, v, *t)?;
                continue;
            }
            // Values of := are owned (fresh) already, as for locals.
            let slot = self.next_global;
            self.next_global = self.next_global.saturating_add(1);
            self.globals.insert(n.clone(), (slot, *t));
            if let Some(m) = self.repl.as_mut() {
                m.insert(n.clone(), slot);
            }
            if crate::vm::machine::is_aggregate(&self.types, *t) {
                self.f.emit(Op::StoreGlobal { idx: slot, src: v });
            } else {
                let b = self.new_global_box(slot, *t);
                self.f.emit(Op::StoreField {
                    obj: b,
                    idx: 0,
                    src: v,
                });
            }
        }
        self.f.next = mark;
        Ok(())
    }

    /// REPL: a new box for the scalar variable in global `slot`, holding `t`'s zero value and
    /// stored in the slot; the register holding it.
    pub(crate) fn new_global_box(&mut self, slot: u32, t: TypeId) -> Reg {
        let w = self.f.alloc_n(2);
        let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
        self.f.load_word(w, is_ref);
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::NewBox as u16,
            base: w,
        });
        self.zero_into(w + 1, t);
        self.f.emit(Op::StoreField {
            obj: w,
            idx: 0,
            src: w + 1,
        });
        self.f.emit(Op::StoreGlobal { idx: slot, src: w });
        self.boxed_globals.insert(slot);
        w
    }
}
