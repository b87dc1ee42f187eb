//! VM MACHINE: the state one running program shares between its goroutines' instructions.
//! Input: a compiled `Program`. Output: the loaded program (string constants allocated), its heap
//! allocator, globals, buffered stdout, and per-type facts the instructions need at run time
//! (aggregate layouts and deep copies, zero values).

use super::value::{self, obj};
use super::verify::Verified;
use crate::bytecode::Program;
use crate::runtime::gc::{Heap, Layout, LayoutTable, Mutator, Ref};
use crate::runtime::shared::{SchedGuard, Shared};
use crate::types::ty::{Type, TypeId, Types};
use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

pub struct Machine {
    pub prog: Arc<Program>,
    /// This worker's allocator.
    pub m: Mutator,
    /// What all workers share: the runtime lock, globals, stdout, worker control.
    pub sh: Arc<Shared>,
    /// This worker's output not yet published to `sh.out` (natives append here; the VM
    /// publishes after each native, so goroutines' output keeps its order).
    pub stdout: Vec<u8>,
    pub args: Vec<String>,
    /// The standard types' ids and shared error values (`strconv.ErrSyntax`...).
    pub std: crate::stdlib::natives::StdTypes,
    /// Where flushed stdout goes instead of the process's stdout (the REPL prints goroutines'
    /// output above its prompt).
    pub sink: Option<crate::runtime::shared::Sink>,
    /// The same for stderr (`println`, `log`, `fmt.Fprint(os.Stderr, ...)`).
    pub err_sink: Option<crate::runtime::shared::Sink>,
    /// The handle of the goroutine this thread is running (set around each time slice): what
    /// its channel and sync operations queue (`cur_g`).
    pub cur: Option<crate::runtime::g::GRef>,
    layouts: LayoutTable,
    by_type: HashMap<TypeId, &'static Layout>,
}

/// What a new worker thread needs to make its own `Machine` (all `Send`).
pub struct Seed {
    prog: Arc<Program>,
    pub sh: Arc<Shared>,
    heap: Arc<Heap>,
    args: Vec<String>,
    std: crate::stdlib::natives::StdTypes,
}

/// Globals a REPL session can ever have (its global ids are 16-bit).
pub const SESSION_GLOBALS: usize = 1 << 16;

impl Machine {
    /// Loads `prog`: allocates its string constants on a fresh heap. `globals`: how many
    /// global slots to make (default: the program's).
    pub fn new(prog: Verified, args: Vec<String>, globals: Option<usize>) -> Machine {
        let mut prog = prog.into_program();
        let heap = Arc::new(Heap::from_env());
        let mut m = heap.mutator();
        for (f, k, bytes) in std::mem::take(&mut prog.strings) {
            prog.funcs[f as usize].consts[k as usize] = value::new_string(&mut m, &bytes);
        }
        let nglobals = globals.unwrap_or(prog.nglobals as usize);
        let mut std = prog.std.clone();
        std.err_syntax = crate::stdlib::natives::new_error_string(&mut m, &std, b"invalid syntax");
        std.err_range =
            crate::stdlib::natives::new_error_string(&mut m, &std, b"value out of range");
        std.err_eof = crate::stdlib::natives::new_error_string(&mut m, &std, b"EOF");
        let sh = Arc::new(Shared::new(nglobals, 1));
        // A fatal error (out of memory, a limit) flushes this program's stdout first.
        crate::runtime::fatal::register(&sh);
        Machine {
            prog: Arc::new(prog),
            m,
            sh,
            stdout: Vec::new(),
            args,
            std,
            sink: None,
            err_sink: None,
            cur: None,
            layouts: LayoutTable::new(),
            by_type: HashMap::new(),
        }
    }

    /// What another worker thread needs to run goroutines of this program.
    /// The running goroutine's handle. Only instructions run by a worker or a REPL session
    /// park; a bare `vm::run` (unit tests) gets a detached handle that nothing queues.
    pub fn cur_g(&self) -> crate::runtime::g::GRef {
        match &self.cur {
            Some(g) => Arc::clone(g),
            None => crate::runtime::g::G::detached(),
        }
    }

    pub fn seed(&self) -> Seed {
        Seed {
            prog: Arc::clone(&self.prog),
            sh: Arc::clone(&self.sh),
            heap: Arc::clone(self.m.heap()),
            args: self.args.clone(),
            std: self.std.clone(),
        }
    }

    /// A worker's machine: shares everything but the allocator and the layout cache.
    pub fn from_seed(seed: Seed) -> Machine {
        Machine {
            prog: seed.prog,
            m: seed.heap.mutator(),
            sh: seed.sh,
            stdout: Vec::new(),
            args: seed.args,
            std: seed.std,
            sink: None,
            err_sink: None,
            cur: None,
            layouts: LayoutTable::new(),
            by_type: HashMap::new(),
        }
    }

    /// Takes the runtime lock (scheduler, channels, sync objects, timers).
    #[inline]
    pub fn sched(&self) -> SchedGuard<'_> {
        self.sh.sched()
    }

    /// REPL: runs `prog` from now on. It must extend the current program (the same functions,
    /// globals, types and method numbers at the same ids: `compiler::compile_linked`), so the
    /// goroutines and values of earlier inputs keep their meaning.
    pub fn extend_program(&mut self, prog: Verified) {
        let mut prog = prog.into_program();
        for (f, k, bytes) in std::mem::take(&mut prog.strings) {
            prog.funcs[f as usize].consts[k as usize] = value::new_string(&mut self.m, &bytes);
        }
        assert!(
            prog.nglobals as usize <= self.sh.globals.len(),
            "gol: too many globals"
        );
        self.prog = Arc::new(prog);
    }

    /// Hands this worker's buffered output to the shared stdout (in order with other workers').
    #[inline]
    pub fn publish(&mut self) {
        if !self.stdout.is_empty() {
            self.sh.publish(&mut self.stdout, self.sink.as_mut());
        }
    }

    /// Ends the program (once): flushes stdout, writes `stderr`, records the exit status.
    pub fn finish(&mut self, code: i32, stderr: &[u8]) {
        self.sh.finish(code, &mut self.stdout, stderr);
    }

    pub fn types(&self) -> &Types {
        &self.prog.types
    }

    /// Writes buffered stdout through (before anything goes to stderr, and at exit).
    pub fn flush(&mut self) {
        self.sh.flush(&mut self.stdout, self.sink.as_mut());
    }

    /// Writes to stderr, after flushing stdout (so the two interleave as in Go).
    pub fn write_stderr(&mut self, bytes: &[u8]) {
        self.flush();
        match self.err_sink.as_mut() {
            Some(sink) => sink(bytes),
            None => {
                let _ = std::io::stderr().write_all(bytes);
            }
        }
    }

    /// The layout of an aggregate object (struct or array) of type `ty`, or of a slice's backing
    /// array of elements `ty` (`elem = true`).
    pub fn layout(&mut self, ty: TypeId, elem: bool) -> &'static Layout {
        let key = if elem { elem_key(ty) } else { ty };
        if let Some(l) = self.by_type.get(&key) {
            return l;
        }
        let types = Arc::clone(&self.prog);
        let types = &types.types;
        let mask: Vec<bool> = if elem {
            vec![is_ref(types, ty)]
        } else {
            match types.get(types.underlying(ty)) {
                Type::Struct(fields) => fields.iter().map(|f| is_ref(types, f.ty)).collect(),
                Type::Array(_, e) => vec![is_ref(types, *e)],
                _ => vec![false],
            }
        };
        let mask = if mask.is_empty() { vec![false] } else { mask };
        let l = self.layouts.intern(&mask);
        self.by_type.insert(key, l);
        l
    }

    /// The layout of a closure with `n` captured words (word 0 is the function id).
    pub fn closure_layout(&mut self, n: usize) -> &'static Layout {
        let mut mask = vec![true; n + 1];
        mask[0] = false;
        self.layouts.intern(&mask)
    }

    /// The layout of a `*time.Timer`/`*time.Ticker` object: `{C: channel, id}`.
    pub fn timer_layout(&mut self) -> &'static Layout {
        self.layouts.intern(&[true, false, true])
    }

    /// A new zero value of type `ty`: 0, or for an aggregate a fresh object with its nested
    /// aggregates allocated too.
    pub fn zero(&mut self, ty: TypeId) -> u64 {
        let prog = Arc::clone(&self.prog);
        let types = &prog.types;
        match types.get(types.underlying(ty)) {
            Type::Struct(fields) => {
                let layout = self.layout(ty, false);
                let o = self.m.alloc(layout, fields.len());
                for (i, f) in fields.iter().enumerate() {
                    if is_aggregate(types, f.ty) {
                        let z = self.zero(f.ty);
                        value::store(o, i, z, true);
                    }
                }
                o.word()
            }
            Type::Array(n, e) => {
                let layout = self.layout(ty, false);
                let o = self.m.alloc(layout, *n as usize);
                if is_aggregate(types, *e) {
                    for i in 0..*n as usize {
                        let z = self.zero(*e);
                        value::store(o, i, z, true);
                    }
                }
                o.word()
            }
            _ => 0,
        }
    }

    /// A deep copy of aggregate `src` of type `ty` (nested aggregates copied too).
    pub fn copy(&mut self, ty: TypeId, src: u64) -> u64 {
        if src == 0 {
            return self.zero(ty);
        }
        if is_native(obj(src)) {
            // A standard type implemented by a native object: its words
            // are not the declared fields, so it is shared, not copied word by word (Go's copy
            // of such a value also shares its buffers).
            return src;
        }
        let layout = self.layout(ty, false);
        let n = value::obj_len(obj(src));
        let o = self.m.alloc(layout, n);
        self.copy_words(ty, o, obj(src), false);
        o.word()
    }

    /// `*dst = *src` for aggregates of type `ty`, in place (so pointers into `dst` stay valid).
    pub fn copy_into(&mut self, ty: TypeId, dst: u64, src: u64) {
        if dst == src {
            return;
        }
        if src == 0 {
            let z = self.zero(ty);
            return self.copy_into(ty, dst, z);
        }
        if is_native(obj(src)) || is_native(obj(dst)) {
            return; // see `copy`: native objects are never copied word by word
        }
        self.copy_words(ty, obj(dst), obj(src), true);
    }

    fn copy_words(&mut self, ty: TypeId, dst: Ref, src: Ref, in_place: bool) {
        let prog = Arc::clone(&self.prog);
        let types = &prog.types;
        let n = value::obj_len(src);
        let elem_ty = |i: usize| match types.get(types.underlying(ty)) {
            Type::Struct(fields) => fields.get(i).map_or(TypeId::INVALID, |f| f.ty),
            Type::Array(_, e) => *e,
            _ => TypeId::INVALID,
        };
        for i in 0..n {
            let et = elem_ty(i);
            let w = value::load(src, i, true);
            if is_aggregate(types, et) {
                if in_place {
                    let d = value::load(dst, i, true);
                    self.copy_into(et, d, w);
                } else {
                    let c = self.copy(et, w);
                    value::store(dst, i, c, true);
                }
            } else {
                value::store(dst, i, w, true);
            }
        }
    }
}

/// Whether `r` is a native object (a standard type implemented in Rust, `Layout::Native`).
fn is_native(r: Ref) -> bool {
    // SAFETY: `r` is a live object (a non-nil aggregate word the VM holds).
    matches!(unsafe { r.layout() }, crate::runtime::gc::Layout::Native(_))
}

/// A key for element layouts that cannot collide with a type's own (types are < 2^31).
fn elem_key(ty: TypeId) -> TypeId {
    crate::types::ty::TypeId::from_index(ty.index() as u32 | 1 << 31)
}

/// Whether a value of type `ty` is a heap reference word (see `value.rs`).
/// (`Types::is_reference`, the one definition.)
pub fn is_ref(types: &Types, ty: TypeId) -> bool {
    types.is_reference(ty)
}

/// Structs and arrays: values held by reference to their own object, copied on assignment.
pub fn is_aggregate(types: &Types, ty: TypeId) -> bool {
    matches!(
        types.get(types.underlying(ty)),
        Type::Struct(_) | Type::Array(..)
    )
}
