//! COMPILER: checked AST → register bytecode. Input: a parsed file that passed the checker, with
//! the checker's `Info` (the type of every expression). Output: a `Program` whose entry function
//! initialises globals, runs `init` functions and calls `main` — or a diagnostic naming the first
//! construct the compiler does not support yet.
//!
//! Invariants: every instruction emitted for a value uses the representation of `vm/value.rs`
//! for its static type; a register holding an aggregate holds an object no other variable
//! shares (assignment copies, `fresh` results are taken over without copying); functions copy
//! their aggregate parameters on entry (callee-copies, so interface and closure calls need no
//! type knowledge at the call site).

mod assign_order;
mod call;
mod calls;
mod conc;
mod ctrl;
mod expr;
mod func;
mod link;
mod ops;
mod rangefunc;
mod stdcalls;
mod stdio;
mod stmt;

use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::{FuncId, FuncProto, Op, Program};
use crate::diag::Diagnostic;
use crate::span::{Source, Span};
use crate::types::info::Info;
use crate::types::scope::ObjKind;
use crate::types::ty::{Type, TypeId, Types};
use func::{FuncBuilder, Var};
use std::collections::HashMap;
use std::sync::Arc;

pub use link::{compile_linked, Link};

pub const UNSUPPORTED: &str = "E0400";

/// Standard types whose methods are natives (entered in the method table for interfaces and
/// fmt).
const STD_NATIVE_TYPES: [(&str, &str); 13] = [
    ("sync", "Cond"),
    ("sync", "Mutex"),
    ("sync", "RWMutex"),
    ("runtime", "errorString"),
    ("runtime", "PanicNilError"),
    ("runtime", "TypeAssertionError"),
    ("fmt", "wrapError"),
    ("fmt", "wrapErrors"),
    ("errors", "joinError"),
    ("errors", "errorString"),
    ("strconv", "NumError"),
    ("strings", "Builder"),
    ("time", "Duration"),
];

/// Standard types whose methods are natives, entered in the method table only when their
/// package is imported (so other programs do not carry their wrappers).
const STD_NATIVE_TYPES_IMPORTED: [(&str, &str); 6] = [
    ("strings", "Replacer"),
    ("strings", "Reader"),
    ("bytes", "Buffer"),
    ("fmt", "pp"),
    ("reflect", "Kind"),
    ("reflect", "StructTag"),
];

/// The standard packages gol provides (some partially: see docs/ARCHITECTURE.md).
pub const SUPPORTED_PACKAGES: &[&str] = &[
    "bufio",
    "bytes",
    "cmp",
    "errors",
    "fmt",
    "io",
    "iter",
    "maps",
    "math",
    "math/bits",
    "math/cmplx",
    "math/rand",
    "math/rand/v2",
    "os",
    "reflect",
    "runtime",
    "slices",
    "sort",
    "strconv",
    "strings",
    "sync",
    "sync/atomic",
    "time",
    "unicode",
    "unicode/utf8",
];

/// Why compilation stopped.
pub struct Unsupported {
    pub span: Span,
    pub what: String,
    /// A limit of gol's rather than a missing feature: `what` is the whole message.
    pub plain: bool,
}

type CResult<T> = Result<T, Unsupported>;

fn unsupported<T>(span: Span, what: impl Into<String>) -> CResult<T> {
    Err(Unsupported {
        span,
        what: what.into(),
        plain: false,
    })
}

pub struct Compiler<'a> {
    src: &'a Source,
    /// `src`'s file index → `Program::files` index, where they differ (a REPL input's files
    /// join the session's list, which only grows, so earlier functions keep their names).
    pub(crate) file_map: Vec<u32>,
    info: &'a Info,
    pub types: Types,
    prog: Program,
    /// Package functions by name, methods by `Type.method`.
    funcs: HashMap<String, FuncId>,
    globals: HashMap<String, (u32, TypeId)>,
    /// The next free global slot (slots are never reused: a REPL's old code may hold them).
    next_global: u32,
    /// REPL: functions already compiled (`Link::funcs`); updated with the ones compiled now.
    keep: HashMap<String, (FuncId, u32)>,
    /// REPL: `Some` while compiling an input; the globals its top-level `:=` declared so far.
    repl: Option<HashMap<String, u32>>,
    /// REPL: the scope depth of the input's top level while its statements compile (else 0).
    script_top: usize,
    /// REPL: method-table wrappers earlier inputs made (`Link::wrappers`).
    wrappers: HashMap<String, FuncId>,
    /// REPL: global slots holding a box with the variable (`Link::boxed`).
    boxed_globals: std::collections::HashSet<u32>,
    method_ids: HashMap<String, u32>,
    natives: HashMap<String, u32>,
    /// The function being compiled, and the enclosing ones (for closures).
    f: FuncBuilder,
    outer: Vec<FuncBuilder>,
    /// Function literals compiled so far, numbered for their names (`main.main.func1`).
    lit_count: HashMap<String, u32>,
    /// Types of expressions the compiler synthesizes (e.g. the closure a `defer x.m(a)` runs),
    /// and the arena keeping those expressions at stable addresses.
    overlay: HashMap<usize, crate::types::info::ExprInfo>,
    /// Methods' (parameters with the receiver, results), known before their bodies compile.
    method_arity: HashMap<FuncId, (u16, u16)>,
    /// Standard named types by (package path, name).
    std_ids: HashMap<(String, String), TypeId>,
    // Boxed so each synthesized expression keeps its address (the checker's Info is keyed by
    // expression addresses) while the vector grows.
    #[allow(clippy::vec_box)]
    synth: Vec<Box<Expr>>,
    synth_names: u32,
    /// Range-over-func loops compiled so far (names their state variables).
    rf_count: u32,
}

/// Compiles a checked file.
pub fn compile(
    file: &File,
    info: &Info,
    types: Types,
    std: &crate::types::stdpkg::StdPkgs,
    src: &Source,
) -> Result<Program, Diagnostic> {
    let prog = Program {
        file: src.name.clone(),
        files: src.file_names(),
        ..Default::default()
    };
    let mut c = Compiler::new(file, info, types, std, src, prog);
    c.file(file).map_err(error)?;
    add_pointer_types(&mut c.types);
    c.prog.types = Arc::new(std::mem::take(&mut c.types));
    Ok(c.prog)
}

/// When the program uses reflect's Value, the pointer type `*T` of each type `T` it has, so
/// that `reflect.New` and `Value.Addr` find their result type in the frozen table (appending
/// keeps every existing id).
fn add_pointer_types(types: &mut Types) {
    let n = types.count();
    let uses_reflect = (0..n).any(|i| {
        types
            .named_info(TypeId::from_index(i as u32))
            .is_some_and(|t| t.name == "reflect.Value" || t.pkg == "reflect" && t.name == "Value")
    });
    if !uses_reflect {
        return;
    }
    for i in 0..n {
        let t = TypeId::from_index(i as u32);
        let keep = match types.get(t) {
            Type::Tuple(_) | Type::Invalid => false,
            Type::Basic(_) => !types.is_untyped(t),
            Type::Named(_) => types.named_info(t).is_some_and(|n| n.tparam.is_none()),
            _ => !types.mentions_tparam(t),
        };
        if keep {
            types.pointer(t);
        }
    }
}

fn error(u: Unsupported) -> Diagnostic {
    Diagnostic::error(
        UNSUPPORTED,
        u.span,
        if u.plain || u.what.starts_with("package \"") {
            u.what
        } else {
            format!("gol does not support this yet: {}", u.what)
        },
    )
}

impl<'a> Compiler<'a> {
    fn new(
        file: &File,
        info: &'a Info,
        mut types: Types,
        std: &crate::types::stdpkg::StdPkgs,
        src: &'a Source,
        mut prog: Program,
    ) -> Compiler<'a> {
        let _ = file;
        prog.std = std.std_types(&mut types);
        Compiler {
            src,
            file_map: Vec::new(),
            info,
            types,
            prog,
            funcs: HashMap::new(),
            globals: HashMap::new(),
            next_global: 0,
            keep: HashMap::new(),
            repl: None,
            script_top: 0,
            wrappers: HashMap::new(),
            boxed_globals: Default::default(),
            method_ids: HashMap::new(),
            natives: HashMap::new(),
            f: FuncBuilder::new(String::new()),
            outer: Vec::new(),
            lit_count: HashMap::new(),
            overlay: HashMap::new(),
            method_arity: HashMap::new(),
            std_ids: STD_NATIVE_TYPES
                .iter()
                .chain(STD_NATIVE_TYPES_IMPORTED.iter())
                .chain(stdio::IO_TYPES.iter())
                .filter_map(|(p, n)| {
                    std.named_in(p, n)
                        .map(|t| ((p.to_string(), n.to_string()), t))
                })
                .collect(),
            synth: Vec::new(),
            synth_names: 0,
            rf_count: 0,
        }
    }

    fn file(&mut self, file: &File) -> CResult<()> {
        // Imports of packages gol does not have are reported up front (a clear message instead
        // of a failure at the first use).
        for item in &file.items {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Import(specs),
                ..
            }) = item
            {
                for spec in specs {
                    if !SUPPORTED_PACKAGES.contains(&spec.path.as_str())
                        && !crate::link::is_source_package(&spec.path)
                    {
                        return unsupported(
                            spec.path_span,
                            format!(
                                "package \"{}\" is not supported by gol (it has: {})",
                                spec.path,
                                SUPPORTED_PACKAGES.join(", ")
                            ),
                        );
                    }
                }
            }
        }
        // 1. Globals: one slot per package-level variable. A scalar whose address may be taken
        // (`&x`, `x.m()`) lives in a box held by its slot, as a captured local does.
        let addressed = if self.repl.is_some() {
            Default::default()
        } else {
            address_taken(file)
        };
        let mut fresh_boxes = Vec::new();
        for item in &file.items {
            if let Item::Decl(GenDecl {
                kind: DeclKind::Var(specs),
                ..
            }) = item
            {
                for spec in specs {
                    for n in &spec.names {
                        let ty = match self.info.globals.get(&n.name) {
                            Some(ObjKind::Var { ty }) => *ty,
                            _ => TypeId::INVALID,
                        };
                        let slot = self.next_global;
                        if n.name != "_" {
                            if (self.repl.is_some() || addressed.contains(&n.name))
                                && !crate::vm::machine::is_aggregate(&self.types, ty)
                            {
                                self.boxed_globals.insert(slot);
                                fresh_boxes.push((slot, ty));
                            }
                            self.globals.insert(n.name.clone(), (slot, ty));
                            self.next_global = self.next_global.saturating_add(1);
                        }
                    }
                }
            }
        }
        self.prog.nglobals = self.next_global + 1;
        if self.repl.is_some() {
            // The scratch slot (`nglobals - 1`) stays reserved: top-level `:=` come after it.
            self.next_global = self.next_global.saturating_add(1);
        }
        // 2. Every function and method gets its id before any body is compiled.
        let mut bodies = Vec::new();
        for item in &file.items {
            if let Item::Func(fd) = item {
                if !fd.tparams.is_empty()
                    || fd
                        .recv
                        .as_ref()
                        .is_some_and(|r| matches!(strip_recv(&r.ty).kind, ExprKind::Index(..)))
                {
                    continue; // generic: compiled through its instances
                }
                let (key, name) = match &fd.recv {
                    None => (fd.name.name.clone(), go_func_name(&fd.name.name)),
                    Some(r) => {
                        let (tname, ptr) = recv_type_name(&r.ty);
                        // A linked package's type is already qualified (`time.Time`).
                        let (pkg, t) = tname.split_once('.').unwrap_or(("main", &tname));
                        let shown = if ptr {
                            format!("{pkg}.(*{t}).{}", fd.name.name)
                        } else {
                            format!("{pkg}.{t}.{}", fd.name.name)
                        };
                        (format!("{tname}.{}", fd.name.name), shown)
                    }
                };
                if fd.name.name == "init" && fd.recv.is_none() {
                    let id = self.new_func(name);
                    bodies.push((fd, id));
                    continue;
                }
                if let Some(&(id, _)) = self.keep.get(&key).filter(|k| k.1 == fd.name.span.lo) {
                    // REPL: compiled by an earlier input and unchanged.
                    self.funcs.insert(key, id);
                    continue;
                }
                let id = self.new_func(name);
                if fd.name.name != "_" {
                    if self.repl.is_some() {
                        self.keep.insert(key.clone(), (id, fd.name.span.lo));
                    }
                    self.funcs.insert(key, id);
                }
                bodies.push((fd, id));
            }
        }
        // Instances of generic functions and methods (the checker's clones, fully typed).
        let info = self.info;
        let mut inst_bodies = Vec::new();
        if self.repl.is_some() {
            // REPL: instances made by earlier inputs stay callable (a method of `Stack[int]`
            // on a value an earlier input made); keys with `[` are instances' only.
            for (k, &(id, _)) in &self.keep {
                if k.contains('[') {
                    self.funcs.entry(k.clone()).or_insert(id);
                }
            }
        }
        for inst in &info.instances {
            let lo = inst.decl.name.span.lo;
            if let Some(&(id, _)) = self.keep.get(&inst.key).filter(|k| k.1 == lo) {
                self.funcs.insert(inst.key.clone(), id);
                continue;
            }
            let id = self.new_func(inst.trace_name.clone());
            if self.repl.is_some() {
                self.keep.insert(inst.key.clone(), (id, lo));
            }
            self.funcs.insert(inst.key.clone(), id);
            inst_bodies.push((inst, id));
        }
        let ptr_id = |c: &mut Self, p: &str, n: &str| {
            c.std_named(p, n)
                .map_or(0, |t| c.types.pointer(t).index() as u32)
        };
        self.prog.std_wrap = crate::bytecode::program::StdWrap {
            wrap: ptr_id(self, "fmt", "wrapError"),
            wraps: ptr_id(self, "fmt", "wrapErrors"),
            join: ptr_id(self, "errors", "joinError"),
            runtime_error: self
                .std_named("runtime", "errorString")
                .map_or(0, |t| t.index() as u32),
            panic_nil: ptr_id(self, "runtime", "PanicNilError"),
            type_assert: ptr_id(self, "runtime", "TypeAssertionError"),
        };
        // 3. The method table for interface calls (and fmt's String/Error calls).
        self.build_method_table()?;
        // The standard types' entries are the same for every REPL input: made once.
        if self.wrapper("std method tables").is_none() {
            self.std_method_table();
            self.sync_method_table();
            self.io_method_table();
            self.remember_wrapper("std method tables".into(), 0);
        }
        // 4. Bodies.
        for (fd, id) in &bodies {
            let Some(body) = &fd.body else {
                self.compile_bodyless(*id, fd)?;
                continue;
            };
            let recv_sig = self.func_signature(fd)?;
            self.compile_func(*id, fd.recv.as_ref(), &fd.sig, recv_sig, body)?;
        }
        for (inst, id) in &inst_bodies {
            let fd = &inst.decl;
            let Some(body) = &fd.body else {
                return unsupported(fd.name.span, "functions without a body");
            };
            self.compile_func(*id, fd.recv.as_ref(), &fd.sig, inst.sig, body)?;
        }
        // 5. The entry: globals, init functions, main (or a script's statements).
        let entry = self.new_func("main.init.globals".into());
        self.f = FuncBuilder::new("runtime.main".into());
        // REPL: the boxes of this input's `var`s exist before any of its code runs.
        for (slot, t) in fresh_boxes {
            self.new_global_box(slot, t);
            self.f.next = 0;
        }
        for spec in init_order(file) {
            self.set_line(spec.span);
            self.global_var(spec)?;
            self.f.next = 0;
        }
        for (fd, id) in &bodies {
            if fd.name.name == "init" && fd.recv.is_none() {
                let base = self.f.next;
                self.f.emit(Op::Call { func: *id, base });
            }
        }
        let stmts: Vec<&Stmt> = file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Stmt(s) => Some(s),
                _ => None,
            })
            .collect();
        if !stmts.is_empty() {
            // A script: its statements are main's body, compiled in their own function so traces
            // say `main.main`.
            let main = self.new_func("main.main".into());
            let saved = std::mem::replace(&mut self.f, FuncBuilder::new("main.main".into()));
            self.f.boxed_names =
                stmt::boxed_names_in(stmts.iter().copied(), &|e| self.is_func_range(e));
            self.f.has_defer = stmts
                .iter()
                .any(|s| stmt::has_defer(std::slice::from_ref(*s)));
            self.f.open();
            if self.repl.is_some() {
                self.script_top = self.f.scopes.len();
            }
            for s in &stmts {
                self.stmt(s)?;
            }
            self.script_top = 0;
            self.finish_body(main)?;
            self.f = saved;
            let base = self.f.next;
            self.f.emit(Op::Call { func: main, base });
            self.prog.main = Some(main);
        } else if let Some(&main) = self.funcs.get("main").filter(|_| self.repl.is_none()) {
            // (A REPL input declaring `main` only declares it: it runs when called.)
            let base = self.f.next;
            self.f.emit(Op::Call { func: main, base });
            self.prog.main = Some(main);
        }
        self.f.reserve(0, 1);
        self.f.emit(Op::Return { src: 0, n: 0 });
        let mut done = std::mem::replace(&mut self.f, FuncBuilder::new(String::new()));
        for (k, bytes) in std::mem::take(&mut done.strings) {
            self.prog.strings.push((entry, k, bytes));
        }
        self.prog.funcs[entry as usize] = done.proto;
        self.prog.init = Some(entry);
        Ok(())
    }

    fn new_func(&mut self, name: String) -> FuncId {
        self.prog.funcs.push(FuncProto {
            name,
            ..Default::default()
        });
        (self.prog.funcs.len() - 1) as FuncId
    }

    pub(crate) fn method_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.method_ids.get(name) {
            return i;
        }
        let i = self.prog.method_names.len() as u32;
        self.prog.method_names.push(name.to_string());
        self.method_ids.insert(name.to_string(), i);
        i
    }

    /// Fills `Program::methods`: for each named type T, T's value methods and *T's full set.
    fn build_method_table(&mut self) -> CResult<()> {
        let named: Vec<(String, TypeId)> = self
            .info
            .globals
            .iter()
            .filter_map(|(n, k)| match k {
                ObjKind::TypeName { ty } if self.types.named_info(*ty).is_some() => {
                    Some((n.clone(), *ty))
                }
                _ => None,
            })
            .chain(
                self.info
                    .inst_types
                    .iter()
                    .filter_map(|t| self.types.named_info(*t).map(|n| (n.name.clone(), *t))),
            )
            .collect();
        for (tname, t) in named.iter().cloned() {
            let methods = self
                .types
                .named_info(t)
                .map(|n| n.methods.clone())
                .unwrap_or_default();
            let ptr = self.types.pointer(t);
            let agg = crate::vm::machine::is_aggregate(&self.types, t);
            for m in methods {
                let Some(&func) = self.funcs.get(&format!("{tname}.{}", m.name)) else {
                    continue;
                };
                let mid = self.method_id(&m.name);
                if let Type::Func(s) = self.types.get(m.sig) {
                    self.method_arity
                        .insert(func, (1 + s.params.len() as u16, s.results.len() as u16));
                }
                self.prog
                    .method_sigs
                    .insert((ptr.index() as u32, mid), m.sig);
                if m.pointer_receiver {
                    self.prog.methods.insert((ptr.index() as u32, mid), func);
                } else {
                    self.prog.method_sigs.insert((t.index() as u32, mid), m.sig);
                    self.prog.methods.insert((t.index() as u32, mid), func);
                    // *T has T's value methods: for aggregates the pointer is the object itself
                    // (and the callee copies it); other pointees need a dereferencing wrapper.
                    let via_ptr = if agg { func } else { self.deref_wrapper(func) };
                    self.prog.methods.insert((ptr.index() as u32, mid), via_ptr);
                }
            }
            if agg {
                self.promoted_methods(t, ptr);
            }
        }
        // Unnamed struct types (`struct{ Base }`, `*struct{ *Base }`) and types declared inside
        // a function (`type plain struct{ fs.FS }`) have methods too: the ones promoted from
        // their embedded fields, reachable once such a value is in an interface.
        let done: std::collections::HashSet<TypeId> = named.iter().map(|(_, t)| *t).collect();
        let unnamed: Vec<TypeId> = (0..self.types.count() as u32)
            .map(TypeId::from_index)
            .filter(|t| !done.contains(t))
            .filter(|t| {
                let under = if self.types.named_info(*t).is_some() {
                    self.types.underlying(*t)
                } else {
                    *t
                };
                matches!(self.types.get(under), Type::Struct(fs) if fs.iter().any(|f| f.embedded))
            })
            .collect();
        for t in unnamed {
            let ptr = self.types.pointer(t);
            self.promoted_methods(t, ptr);
        }
        Ok(())
    }

    /// Entries for methods promoted through embedded fields of struct type `t`: wrappers that
    /// load the embedded field and call the method (or dispatch through an embedded interface).
    fn promoted_methods(&mut self, t: TypeId, ptr: TypeId) {
        let mut names = Vec::new();
        let mut stack = vec![(t, 0)];
        while let Some((st, depth)) = stack.pop() {
            if depth > 8 {
                continue;
            }
            let Type::Struct(fields) = self.types.get(self.types.underlying(st)).clone() else {
                continue;
            };
            for f in fields.iter().filter(|f| f.embedded) {
                let ft = match self.types.get(f.ty) {
                    Type::Pointer(p) => *p,
                    _ => f.ty,
                };
                if let Some(n) = self.types.named_info(ft) {
                    names.extend(n.methods.iter().map(|m| m.name.clone()));
                }
                if let Type::Interface(i) = self.types.get(self.types.underlying(ft)) {
                    names.extend(i.methods.iter().map(|(n, _)| n.clone()));
                }
                stack.push((ft, depth + 1));
            }
        }
        names.sort();
        names.dedup();
        let declared: Vec<String> = self
            .types
            .named_info(t)
            .map(|n| n.methods.iter().map(|m| m.name.clone()).collect())
            .unwrap_or_default();
        for name in names.into_iter().filter(|n| !declared.contains(n)) {
            let Some(call::MemberRef::Method(path, named, ptr_recv)) = self.member_ref(t, &name)
            else {
                continue;
            };
            if path.is_empty() {
                continue;
            }
            let mid = self.method_id(&name);
            let is_iface = self.types.is_interface(named);
            let (sig, target) = if is_iface {
                let Type::Interface(i) = self.types.get(self.types.underlying(named)).clone()
                else {
                    continue;
                };
                let Some((_, sig)) = i.methods.iter().find(|(n, _)| *n == name).cloned() else {
                    continue;
                };
                (sig, None)
            } else {
                let tname = self
                    .types
                    .named_info(named)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                let _ = tname;
                let Some(&f) = self.funcs.get(&method_key(&self.types, named, &name)) else {
                    continue;
                };
                let Some(m) = self
                    .types
                    .named_info(named)
                    .and_then(|n| n.methods.iter().find(|m| m.name == name).cloned())
                else {
                    continue;
                };
                (m.sig, Some(f))
            };
            let last_is_ptr = matches!(
                self.types.get(path.last().expect("a path").1),
                Type::Pointer(_)
            );
            if !is_iface
                && !crate::vm::machine::is_aggregate(&self.types, named)
                && (ptr_recv || last_is_ptr)
            {
                continue; // a non-aggregate embedded type would need an interior pointer
            }
            let Type::Func(s) = self.types.get(sig).clone() else {
                continue;
            };
            let (np, nr) = (1 + s.params.len() as u16, s.results.len() as u16);
            self.prog.method_sigs.insert((ptr.index() as u32, mid), sig);
            self.prog.method_sigs.insert((t.index() as u32, mid), sig);
            let tn = self.types.display(t, crate::types::ty::Spelling::Reflect);
            let key = format!(
                "promoted {} {name} {target:?} {path:?} {np} {nr}",
                t.index()
            );
            if let Some(id) = self.wrapper(&key) {
                self.prog.methods.insert((ptr.index() as u32, mid), id);
                if !ptr_recv || last_is_ptr || is_iface {
                    self.prog.methods.insert((t.index() as u32, mid), id);
                }
                continue;
            }
            let id = self.new_func(format!("{tn}.{name}"));
            self.remember_wrapper(key, id);
            let mut code: Vec<Op> = path
                .iter()
                .map(|(idx, _)| Op::LoadField {
                    dst: 0,
                    obj: 0,
                    idx: *idx,
                })
                .collect();
            match target {
                Some(f) => code.push(Op::Call { func: f, base: 0 }),
                None => code.push(Op::CallIface {
                    base: 0,
                    method: mid,
                }),
            }
            code.push(Op::Return { src: 0, n: nr });
            let w = &mut self.prog.funcs[id as usize];
            w.nparams = np;
            w.nresults = nr;
            w.nregs = np.max(nr).max(1);
            w.code = code;
            self.prog.methods.insert((ptr.index() as u32, mid), id);
            if !ptr_recv || last_is_ptr || is_iface {
                self.prog.methods.insert((t.index() as u32, mid), id);
            }
        }
    }

    pub(crate) fn deref_wrapper_pub(&mut self, func: FuncId) -> FuncId {
        self.deref_wrapper(func)
    }

    /// Method-table entries for the standard library's types whose methods are natives: a
    /// wrapper function per method that calls the native on its own window.
    fn std_method_table(&mut self) {
        let imported: Vec<String> = self.info.imports.values().cloned().collect();
        let more = STD_NATIVE_TYPES_IMPORTED
            .into_iter()
            .filter(|(p, _)| imported.iter().any(|i| i == p));
        for (path, name) in STD_NATIVE_TYPES.into_iter().chain(more) {
            let Some(t) = self.std_named(path, name) else {
                continue;
            };
            let ptr = self.types.pointer(t);
            let methods = self
                .types
                .named_info(t)
                .map(|n| n.methods.clone())
                .unwrap_or_default();
            for m in methods {
                let Some(id) = self.std_native_method(t, &m.name, m.pointer_receiver) else {
                    continue;
                };
                let Type::Func(s) = self.types.get(m.sig).clone() else {
                    continue;
                };
                let (np, nr) = (1 + s.params.len() as u16, s.results.len() as u16);
                let w = self.new_func(format!("{path}.(*{name}).{}", m.name));
                let f = &mut self.prog.funcs[w as usize];
                f.nparams = np;
                f.nresults = nr;
                f.nregs = np.max(nr).max(1);
                f.code = vec![Op::CallNative { id, base: 0 }, Op::Return { src: 0, n: nr }];
                let mid = self.method_id(&m.name);
                self.prog.methods.insert((ptr.index() as u32, mid), w);
                if !m.pointer_receiver {
                    self.prog.methods.insert((t.index() as u32, mid), w);
                }
            }
        }
    }

    /// The id of a standard named type.
    pub(crate) fn std_named(&self, path: &str, name: &str) -> Option<TypeId> {
        self.std_ids
            .get(&(path.to_string(), name.to_string()))
            .copied()
    }

    /// The native implementing method `name` of standard type `t`.
    pub(crate) fn std_native_method(&mut self, t: TypeId, name: &str, ptr: bool) -> Option<u32> {
        let n = self.types.named_info(t)?.clone();
        let sym = if ptr {
            format!("{}.(*{}).{name}", n.pkg, n.name)
        } else {
            format!("{}.{}.{name}", n.pkg, n.name)
        };
        let f = crate::stdlib::natives::lookup(&sym).or_else(|| {
            // Value methods may be registered under the pointer spelling.
            crate::stdlib::natives::lookup(&format!("{}.(*{}).{name}", n.pkg, n.name))
        })?;
        Some(self.native_id(&sym, f))
    }

    /// A function that dereferences its pointer receiver and calls `func`.
    fn deref_wrapper(&mut self, func: FuncId) -> FuncId {
        let key = format!("deref {func}");
        if let Some(id) = self.wrapper(&key) {
            return id;
        }
        // The target may not be compiled yet: its window comes from its signature.
        let (np, nr) = self.method_arity.get(&func).copied().unwrap_or((1, 1));
        let name = self.prog.funcs[func as usize].name.clone();
        let id = self.new_func(name);
        self.remember_wrapper(key, id);
        let w = &mut self.prog.funcs[id as usize];
        w.nparams = np;
        w.nresults = nr;
        w.nregs = np.max(nr).max(1);
        w.code = vec![
            Op::LoadPtr { dst: 0, p: 0 },
            Op::Call { func, base: 0 },
            Op::Return { src: 0, n: nr },
        ];
        id
    }

    /// The signature type of a declared function or method (without the receiver).
    fn func_signature(&mut self, fd: &FuncDecl) -> CResult<TypeId> {
        match &fd.recv {
            None => match self.info.globals.get(&fd.name.name) {
                Some(ObjKind::Func { ty }) => Ok(*ty),
                _ if fd.name.name == "init" || fd.name.name == "_" => {
                    Ok(self.types.func(vec![], vec![], false))
                }
                _ => unsupported(fd.name.span, "a function whose type is unknown"),
            },
            Some(r) => {
                let (tname, _) = recv_type_name(&r.ty);
                let t = match self.info.globals.get(&tname) {
                    Some(ObjKind::TypeName { ty }) => *ty,
                    _ => return unsupported(r.span, "a method of an unknown type"),
                };
                let sig = self
                    .types
                    .named_info(t)
                    .and_then(|n| n.methods.iter().find(|m| m.name == fd.name.name))
                    .map(|m| m.sig);
                match sig {
                    Some(s) => Ok(s),
                    None => unsupported(fd.name.span, "a method whose type is unknown"),
                }
            }
        }
    }

    /// The function a generic instance expression denotes (`F[int]`, or `F` in `F(x)`).
    pub(crate) fn instance_func(&self, e: &Expr) -> Option<FuncId> {
        let key = self.info.instance_of(e)?;
        self.funcs.get(key).copied()
    }

    /// What the checker (or the compiler, for synthesized expressions) recorded for `e`.
    pub(crate) fn info_of(&self, e: &Expr) -> Option<&crate::types::info::ExprInfo> {
        let key = e as *const Expr as usize;
        self.overlay.get(&key).or_else(|| self.info.get(e))
    }

    /// The type the checker recorded for `e`.
    pub(crate) fn ty(&self, e: &Expr) -> CResult<TypeId> {
        match self.info_of(e) {
            Some(i) if i.ty != TypeId::INVALID => Ok(i.ty),
            _ => unsupported(
                e.span,
                format!(
                    "an expression whose type gol cannot determine yet (`{}`)",
                    self.snippet(e.span)
                ),
            ),
        }
    }

    pub(crate) fn snippet(&self, s: Span) -> String {
        let t = self.src.text.get(s.range()).unwrap_or("");
        if t.len() > 40 {
            let mut end = 40;
            while !t.is_char_boundary(end) {
                end -= 1;
            }
            format!("{}…", &t[..end])
        } else {
            t.to_string()
        }
    }

    pub(crate) fn set_line(&mut self, span: Span) {
        self.f.line = self.src.line_col(span.lo).0 as u32;
        let i = self.src.file_index(span.lo);
        self.f.file = self.file_map.get(i).copied().unwrap_or(i as u32);
    }

    /// Compiles a function body into `id`. `sig` is its signature type (receiver excluded).
    fn compile_func(
        &mut self,
        id: FuncId,
        recv: Option<&Field>,
        ft: &FuncType,
        sig: TypeId,
        body: &Block,
    ) -> CResult<()> {
        let name = self.prog.funcs[id as usize].name.clone();
        // A function with more locals than registers is compiled twice: the first attempt
        // counts the locals it spills (its code, and the closures it made, are discarded),
        // the second allocates a spill record that large first.
        let (nfuncs, nstrings) = (self.prog.funcs.len(), self.prog.strings.len());
        let lits = self.lit_count.get(&name).copied();
        let mut spill = None;
        loop {
            let mut f = FuncBuilder::new(name.clone());
            f.spill_ok = true;
            f.span = body.span;
            let saved = std::mem::replace(&mut self.f, f);
            let boxed = stmt::boxed_names_in(body.stmts.iter(), &|e| self.is_func_range(e));
            self.f.boxed_names = boxed;
            self.f.has_defer = stmt::has_defer(&body.stmts);
            let r = (|| {
                self.params(recv, ft, sig)?;
                if let Some(n) = spill {
                    let rec = self.f.alloc();
                    let et = self.types.pointer(TypeId::INT);
                    let at = self.types.array(n as u64, et);
                    self.zero_into(rec, at);
                    self.f.spill = Some((rec, n));
                }
                self.block_stmts(&body.stmts)?;
                Ok(if spill.is_none() && self.f.spilled > 0 {
                    Some(self.f.spilled)
                } else {
                    self.finish_body(id)?;
                    None
                })
            })();
            self.f = saved;
            match r? {
                Some(n) => {
                    spill = Some(n);
                    self.prog.funcs.truncate(nfuncs);
                    self.prog.strings.truncate(nstrings);
                    match lits {
                        Some(c) => self.lit_count.insert(name.clone(), c),
                        None => self.lit_count.remove(&name),
                    };
                }
                None => return Ok(()),
            }
        }
    }

    /// Declares parameters and results of the function being built, copying aggregate
    /// parameters (callee-copies) and boxing captured ones.
    pub(crate) fn params(
        &mut self,
        recv: Option<&Field>,
        ft: &FuncType,
        sig: TypeId,
    ) -> CResult<()> {
        let Type::Func(s) = self.types.get(sig).clone() else {
            return unsupported(ft.span, "a function of unknown type");
        };
        let mut names: Vec<(Option<Ident>, TypeId)> = Vec::new();
        if let Some(r) = recv {
            let t = self.ty(&r.ty)?;
            names.push((r.names.first().cloned(), t));
        }
        let mut i = 0;
        for p in &ft.params {
            if p.names.is_empty() {
                names.push((None, s.params[i]));
                i += 1;
            }
            for n in &p.names {
                names.push((Some(n.clone()), s.params[i]));
                i += 1;
            }
        }
        let nparams = names.len() as u16;
        // The body (`block_stmts`, next) opens the scope after the parameters'.
        self.f.body_scope = self.f.scopes.len();
        self.f.alloc_n(nparams as usize);
        self.f.proto.nparams = nparams;
        self.f.proto.nresults = s.results.len() as u16;
        self.f.results = s.results.clone();
        self.f.reserve(0, s.results.len() as u16);
        for (i, (n, t)) in names.into_iter().enumerate() {
            let r = i as Reg;
            if crate::vm::machine::is_aggregate(&self.types, t) {
                let tmp = self.f.alloc_n(2);
                self.f.load_word(tmp, t.index() as u64);
                self.f.emit(Op::Move {
                    dst: tmp + 1,
                    src: r,
                });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: crate::vm::rt::Rt::Copy as u16,
                    base: tmp,
                });
                self.f.emit(Op::Move { dst: r, src: tmp });
                self.f.next -= 2;
            }
            if let Some(n) = n {
                self.declare_in(&n.name, r, t);
            }
        }
        // Named results are variables initialised to their zero values.
        let mut i = 0;
        for p in &ft.results {
            for n in &p.names {
                let t = s.results[i];
                i += 1;
                let r = self.f.alloc();
                self.zero_into(r, t);
                let v = self.declare_in(&n.name, r, t);
                self.f.named_results.push(v);
            }
            if p.names.is_empty() {
                i += 1;
            }
        }
        Ok(())
    }

    /// Binds `name` to a variable whose value is in register `r` (boxing it if it must be).
    pub(crate) fn declare_in(&mut self, name: &str, r: Reg, t: TypeId) -> Var {
        let agg = crate::vm::machine::is_aggregate(&self.types, t);
        if self.f.spill_ok
            && r >= func::SPILL_AT
            && r + 1 == self.f.next
            && name != "_"
            && self.f.spill.is_none_or(|(_, cap)| self.f.spilled < cap)
        {
            return self.spill_var(name, r, t, agg);
        }
        let v = if !agg && self.f.boxed_names.contains(name) {
            let tmp = self.f.alloc();
            let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
            self.f.load_word(tmp, is_ref);
            self.f.emit(Op::Rt {
                sub: 0,
                f: crate::vm::rt::Rt::NewBox as u16,
                base: tmp,
            });
            self.f.emit(Op::StoreField {
                obj: tmp,
                idx: 0,
                src: r,
            });
            self.f.emit(Op::Move { dst: r, src: tmp });
            self.f.next -= 1;
            Var::Boxed(r, t)
        } else {
            Var::Reg(r, t)
        };
        self.f.bind(name, v);
        v
    }

    /// Binds `name` to the next slot of the spill record, holding a new box with the value in
    /// `r` (an aggregate: its object), and frees `r` (the top register).
    fn spill_var(&mut self, name: &str, r: Reg, t: TypeId, agg: bool) -> Var {
        let i = self.f.spilled;
        self.f.spilled += 1;
        let rec = self.f.spill.map_or(0, |(rec, _)| rec);
        let w = self.f.alloc_n(2);
        let src = if agg {
            r
        } else {
            let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
            self.f.load_word(w, is_ref);
            self.f.emit(Op::Rt {
                sub: 0,
                f: crate::vm::rt::Rt::NewBox as u16,
                base: w,
            });
            self.f.emit(Op::StoreField {
                obj: w,
                idx: 0,
                src: r,
            });
            w
        };
        self.f.load_word(w + 1, i as u64);
        self.f.emit(Op::ArraySet {
            arr: rec,
            i: w + 1,
            src,
        });
        self.f.next = r;
        let v = Var::Spilled(i, t);
        self.f.bind(name, v);
        v
    }

    /// Ends the function: the implicit return, the epilogue for recovered panics, gotos.
    /// A function declared without a body in a gol-source package (`stdlib/sort/natives.gol`):
    /// its body is the runtime helper that implements it, `Rt[op, params...]`, returning the
    /// helper's results. Any other bodyless function is unsupported.
    /// A bodyless function whose qualified name is a native's symbol (`os.sysOpen`, the
    /// system calls of `stdlib/os`) is that native: `CALLN` over its own window.
    fn compile_bodyless(&mut self, id: FuncId, fd: &FuncDecl) -> CResult<()> {
        let name = self.prog.funcs[id as usize].name.clone();
        let Some((rt, op)) = crate::bytecode::rtsub::bodyless(&name) else {
            let Some(nf) = crate::stdlib::natives::lookup(&name) else {
                return unsupported(fd.name.span, "functions without a body");
            };
            let sig = self.func_signature(fd)?;
            let Type::Func(s) = self.types.get(sig).clone() else {
                return unsupported(fd.name.span, "functions without a body");
            };
            let nid = self.native_id(&name, nf);
            let (np, nr) = (s.params.len() as u16, s.results.len() as u16);
            let f = &mut self.prog.funcs[id as usize];
            f.nparams = np;
            f.nresults = nr;
            f.nregs = np.max(nr).max(1);
            f.code = vec![
                Op::CallNative { id: nid, base: 0 },
                Op::Return { src: 0, n: nr },
            ];
            return Ok(());
        };
        let sig = self.func_signature(fd)?;
        let saved = std::mem::replace(&mut self.f, FuncBuilder::new(name));
        let r = (|| {
            self.params(None, &fd.sig, sig)?;
            let n = self.f.proto.nparams;
            // The window holds an unused word and the arguments, then the results (a helper
            // may return more than it takes); the operation is the instruction's `sub`.
            let nres = self.f.proto.nresults;
            let w = self.f.alloc_n((1 + n as usize).max(nres as usize));
            for i in 0..n {
                self.f.emit(Op::Move {
                    dst: w + 1 + i,
                    src: i,
                });
            }
            self.f.emit(Op::Rt {
                sub: op,
                f: rt as u16,
                base: w,
            });
            self.f.emit(Op::Return { src: w, n: nres });
            self.finish_body(id)
        })();
        self.f = saved;
        r
    }

    fn finish_body(&mut self, id: FuncId) -> CResult<()> {
        self.return_named()?;
        if self.f.overflow {
            return Err(Unsupported {
                span: self.f.span,
                what: format!(
                    "function {} is too large: it needs more than 65535 registers",
                    self.prog.funcs[id as usize].name
                ),
                plain: true,
            });
        }
        if self.f.too_far {
            return unsupported(
                Span::default(),
                "a loop or if body longer than 32K instructions",
            );
        }
        for (at, label) in std::mem::take(&mut self.f.gotos) {
            let Some(&target) = self.f.labels.get(&label) else {
                return unsupported(Span::default(), format!("goto {label}"));
            };
            self.f.patch_to(at, target);
        }
        let mut f = std::mem::replace(&mut self.f, FuncBuilder::new(String::new()));
        if f.has_defer {
            // A recovered panic resumes here: run the remaining defers, return the named
            // results (or zero values).
            let epi = f.proto.code.len() as u32;
            let saved = std::mem::replace(&mut self.f, f);
            self.return_named()?;
            f = std::mem::replace(&mut self.f, saved);
            f.proto.epilogue = Some(epi);
        }
        f.proto.nregs = f.proto.nregs.max(1);
        for (k, bytes) in std::mem::take(&mut f.strings) {
            self.prog.strings.push((id, k, bytes));
        }
        let name = std::mem::take(&mut self.prog.funcs[id as usize].name);
        self.prog.funcs[id as usize] = FuncProto { name, ..f.proto };
        Ok(())
    }

    /// `return` with no expressions: run defers, return the named results' current values (or
    /// zero values when results are unnamed).
    pub(crate) fn return_named(&mut self) -> CResult<()> {
        if self.f.has_defer {
            self.f.emit(Op::RunDefers);
        }
        let n = self.f.results.len() as u16;
        let base = self.f.alloc_n(n as usize);
        let named = self.f.named_results.clone();
        for i in 0..n as usize {
            match named.get(i) {
                Some(v) => self.load_var(*v, base.wrapping_add(i as u16)),
                None => {
                    let t = self.f.results[i];
                    self.zero_into(base.wrapping_add(i as u16), t)
                }
            }
        }
        self.f.emit(Op::Return { src: base, n });
        self.f.next -= n;
        Ok(())
    }

    /// A package-level `var` line, in the entry function.
    fn global_var(&mut self, spec: &ValueSpec) -> CResult<()> {
        let slots: Vec<(u32, TypeId)> = spec
            .names
            .iter()
            .map(|n| {
                self.globals
                    .get(&n.name)
                    .copied()
                    .unwrap_or((self.prog.nglobals - 1, TypeId::INVALID))
            })
            .collect();
        if spec.values.is_empty() {
            for (slot, t) in slots {
                let r = self.f.alloc();
                self.zero_into(r, t);
                self.store_global(slot, r);
            }
            return Ok(());
        }
        let regs =
            self.values_into(&spec.values, &slots.iter().map(|s| s.1).collect::<Vec<_>>())?;
        for ((slot, _), r) in slots.into_iter().zip(regs) {
            self.store_global(slot, r);
        }
        Ok(())
    }

    pub(crate) fn native_id(&mut self, symbol: &str, f: crate::stdlib::native::NativeFn) -> u32 {
        if let Some(&i) = self.natives.get(symbol) {
            return i;
        }
        let i = self.prog.natives.len() as u32;
        self.prog.natives.push(f);
        self.prog.native_names.push(symbol.to_string());
        self.natives.insert(symbol.to_string(), i);
        i
    }
}

/// The receiver's type name and whether it is a pointer receiver.
/// Names whose address the program may take: operands of `&` and bases of selectors (a
/// method call may need `&x`), anywhere in its functions and initialisers. Over-approximated
/// by name: boxing a global is never wrong.
fn address_taken(file: &File) -> std::collections::HashSet<String> {
    fn expr(e: &Expr, out: &mut std::collections::HashSet<String>) {
        match &e.kind {
            ExprKind::Unary(UnOp::Addr, x) => {
                if let ExprKind::Ident(n) = &expr::strip_paren(x).kind {
                    out.insert(n.clone());
                }
            }
            ExprKind::Selector(x, _) => {
                if let ExprKind::Ident(n) = &x.kind {
                    out.insert(n.clone());
                }
            }
            ExprKind::FuncLit(f) => {
                for s in &f.body.stmts {
                    stmt::walk_stmt(s, &mut |e| expr(e, out));
                }
                return;
            }
            _ => {}
        }
        stmt::walk_expr_children(e, &mut |c| expr(c, out));
    }
    let mut out = std::collections::HashSet::new();
    for item in &file.items {
        match item {
            Item::Func(fd) => {
                for s in fd.body.iter().flat_map(|b| &b.stmts) {
                    stmt::walk_stmt(s, &mut |e| expr(e, &mut out));
                }
            }
            Item::Decl(GenDecl {
                kind: DeclKind::Var(specs),
                ..
            }) => {
                for v in specs.iter().flat_map(|s| &s.values) {
                    expr(v, &mut out);
                }
            }
            Item::Stmt(s) => stmt::walk_stmt(s, &mut |e| expr(e, &mut out)),
            _ => {}
        }
    }
    out
}

/// A package-level function's name in traces: `main.f`, or `slices.Sort` for a function of a
/// linked source package (its name is already qualified).
fn go_func_name(name: &str) -> String {
    if name.contains('.') {
        name.to_string()
    } else {
        format!("main.{name}")
    }
}

fn recv_type_name(t: &Expr) -> (String, bool) {
    match &t.kind {
        ExprKind::Star(x) => (recv_type_name(x).0, true),
        ExprKind::Paren(x) => recv_type_name(x),
        ExprKind::Ident(n) => (n.clone(), false),
        ExprKind::Index(x, _) => recv_type_name(x),
        _ => ("?".into(), false),
    }
}

fn strip_recv(t: &Expr) -> &Expr {
    match &t.kind {
        ExprKind::Star(x) | ExprKind::Paren(x) => strip_recv(x),
        _ => t,
    }
}

/// Package-level `var` specs in Go's initialization order: repeatedly the earliest (in
/// declaration order) whose initializer depends on no variable still uninitialized, where an
/// initializer depends on the variables it names and, transitively, those named by the bodies
/// of the functions it names. (Names are matched by spelling: a local that shadows a global
/// counts as a dependency, which can only move an initialization later, never break a valid
/// order.)
fn init_order(file: &File) -> Vec<&ValueSpec> {
    use std::collections::HashSet;
    let mut specs: Vec<&ValueSpec> = Vec::new();
    let mut funcs: HashMap<&str, &FuncDecl> = HashMap::new();
    // Methods by name: a selector `.m` reaches every method named m (a superset of Go's
    // method references, which can only move an initialization later).
    let mut methods: HashMap<&str, Vec<&FuncDecl>> = HashMap::new();
    for item in &file.items {
        match item {
            Item::Decl(GenDecl {
                kind: DeclKind::Var(vs),
                ..
            }) => specs.extend(vs.iter()),
            Item::Func(fd) if fd.recv.is_none() => {
                funcs.insert(fd.name.name.as_str(), fd);
            }
            Item::Func(fd) => methods.entry(fd.name.name.as_str()).or_default().push(fd),
            _ => {}
        }
    }
    let globals: HashSet<&str> = specs
        .iter()
        .flat_map(|s| s.names.iter().map(|n| n.name.as_str()))
        .collect();
    // Names used by an expression tree (identifiers and selector bases).
    fn names_in(e: &Expr, out: &mut HashSet<String>) {
        match &e.kind {
            ExprKind::Ident(n) => {
                out.insert(n.clone());
            }
            ExprKind::FuncLit(f) => {
                for s in &f.body.stmts {
                    stmt::walk_stmt(s, &mut |x| names_in(x, out));
                }
            }
            ExprKind::Selector(x, sel) => {
                out.insert(format!(".{}", sel.name));
                names_in(x, out);
            }
            _ => stmt::walk_expr_children(e, &mut |x| names_in(x, out)),
        }
    }
    // The global variables an initializer reaches.
    let deps_of = |values: &[Expr]| -> HashSet<String> {
        let mut seen_funcs: HashSet<String> = HashSet::new();
        let mut names: HashSet<String> = HashSet::new();
        for v in values {
            names_in(v, &mut names);
        }
        let mut work: Vec<String> = names.iter().cloned().collect();
        while let Some(n) = work.pop() {
            let bodies: Vec<&FuncDecl> = match n.strip_prefix('.') {
                Some(m) => methods.get(m).cloned().unwrap_or_default(),
                None => funcs.get(n.as_str()).map(|f| vec![*f]).unwrap_or_default(),
            };
            if !bodies.is_empty() && seen_funcs.insert(n.clone()) {
                let mut inner = HashSet::new();
                for s in bodies
                    .iter()
                    .flat_map(|fd| fd.body.iter().flat_map(|b| b.stmts.iter()))
                {
                    stmt::walk_stmt(s, &mut |x| names_in(x, &mut inner));
                }
                for m in inner {
                    if names.insert(m.clone()) {
                        work.push(m);
                    }
                }
            }
        }
        names.retain(|n| globals.contains(n.as_str()));
        names
    };
    // Variables without initializers hold their zero values from the start: set them first,
    // so no initializer's side effect on them is undone.
    let mut order: Vec<&ValueSpec> = specs
        .iter()
        .copied()
        .filter(|s| s.values.is_empty())
        .collect();
    let mut done: HashSet<String> = order
        .iter()
        .flat_map(|s| s.names.iter().map(|n| n.name.clone()))
        .collect();
    specs.retain(|s| !s.values.is_empty());
    let deps: Vec<HashSet<String>> = specs.iter().map(|s| deps_of(&s.values)).collect();
    let mut emitted = vec![false; specs.len()];
    let zeroed = order.len();
    // Everything before `first` is emitted: the scan for the earliest ready variable starts
    // there (from 0 it was quadratic in the number of variables even when all are ready).
    let mut first = 0;
    while order.len() - zeroed < specs.len() {
        while emitted[first] {
            first += 1;
        }
        let ready = (first..specs.len()).find(|&i| {
            !emitted[i]
                && deps[i]
                    .iter()
                    .all(|d| done.contains(d) || specs[i].names.iter().any(|n| &n.name == d))
        });
        // A cycle (reported by Go's compiler; gol's checker may not): declaration order.
        let i = ready.unwrap_or(first);
        emitted[i] = true;
        order.push(specs[i]);
        done.extend(specs[i].names.iter().map(|n| n.name.clone()));
    }
    order
}

/// The key of a gol-declared method in `funcs`: `T.M` for the program's types (a linked
/// package's are named `pkg.T`), `pkg.T.M` for a standard type whose declaration the gol
/// source completes (`time.Time.Format`). A native type's methods have no key there.
pub(crate) fn method_key(types: &Types, named: TypeId, method: &str) -> String {
    match types.named_info(named) {
        Some(n) if n.pkg != "main" && !n.pkg.is_empty() => {
            format!("{}.{}.{method}", n.pkg, n.name)
        }
        Some(n) => format!("{}.{method}", n.name),
        None => format!(".{method}"),
    }
}
