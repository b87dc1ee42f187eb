//! COMPILER: the library calls done by the runtime helper `Rt::Io` (vm/iort.rs) because they
//! call gol code: fmt's Scan family and `(*strings.Reader).WriteTo` (through replay
//! continuations, `vm/cont.rs`), reflect's TypeOf; and `RWMutex.RLocker`. Input: a call of one of
//! these functions or methods. Output: a static call of a small wrapper function (one per
//! function or method, made on first use), which the method table also lists so interfaces
//! (`io.Writer`, `sync.Locker`) reach the same code.

use super::Compiler;
use crate::bytecode::{FuncId, Op};
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

/// Methods done by `Rt::Io`: (package, type, method, op).
const IO_METHODS: &[(&str, &str, &str, i32)] = &[
    ("strings", "Reader", "WriteTo", 3),
    ("reflect", "rtype", "Name", 71),
    ("reflect", "rtype", "String", 72),
    ("reflect", "rtype", "Kind", 73),
    ("reflect", "rtype", "NumField", 74),
    ("reflect", "rtype", "Field", 75),
    ("reflect", "rtype", "NumMethod", 76),
    ("reflect", "rtype", "Elem", 77),
    ("reflect", "rtype", "Len", 78),
    ("reflect", "rtype", "Key", 79),
    ("reflect", "rtype", "Implements", 80),
    ("reflect", "rtype", "PkgPath", 81),
    ("reflect", "rtype", "AssignableTo", 82),
];

/// Functions done by `Rt::Io`: (package, name, op).
const IO_FUNCS: &[(&str, &str, i32)] = &[
    ("reflect", "TypeOf", 70),
    ("fmt", "Sscan", 60),
    ("fmt", "Sscanln", 61),
    ("fmt", "Sscanf", 62),
    ("fmt", "Scan", 63),
    ("fmt", "Scanln", 64),
    ("fmt", "Scanf", 65),
    ("fmt", "Fscan", 66),
    ("fmt", "Fscanln", 67),
    ("fmt", "Fscanf", 68),
];

/// The standard types whose methods are in `IO_METHODS` (method-table entries are made only
/// when their package is imported).
pub(super) const IO_TYPES: &[(&str, &str)] = &[
    ("strings", "Reader"),
    ("sync", "rlocker"),
    ("reflect", "rtype"),
];

impl Compiler<'_> {
    /// A wrapper `func(params...) results` running `Rt::Io` op `op` on its parameters.
    fn io_wrapper(&mut self, name: String, op: i32, np: u16, nr: u16) -> FuncId {
        let key = format!("$io.{name}");
        if let Some(&id) = self.funcs.get(&key) {
            return id;
        }
        let id = self.new_func(name);
        // The helper's window [op, a, b, c, d] sits above the parameters.
        let w = np.max(nr);
        let mut code = vec![Op::LoadInt { dst: w, imm: op }];
        for i in 0..np {
            code.push(Op::Move {
                dst: w + 1 + i,
                src: i,
            });
        }
        code.push(Op::Rt {
            sub: 0,
            f: Rt::Io as u16,
            base: w,
        });
        code.push(Op::Return { src: w, n: nr });
        let f = &mut self.prog.funcs[id as usize];
        f.nparams = np;
        f.nresults = nr;
        f.nregs = w + 5.max(1 + np);
        f.code = code;
        self.funcs.insert(key, id);
        id
    }

    /// The wrapper for method `name` of standard type `named`, if `Rt::Io` (or RLocker) does it.
    pub(crate) fn io_method(&mut self, named: TypeId, name: &str) -> Option<FuncId> {
        let n = self.types.named_info(named)?.clone();
        let pkg = n.pkg.clone();
        if self.std_named(&pkg, &n.name) != Some(named) {
            return None;
        }
        if (pkg.as_str(), n.name.as_str(), name) == ("sync", "RWMutex", "RLocker") {
            return Some(self.rlocker_wrapper());
        }
        let &(_, _, _, op) = IO_METHODS
            .iter()
            .find(|&&(p, t, m, _)| p == pkg && t == n.name && m == name)?;
        let m = n.methods.iter().find(|m| m.name == name)?;
        let Type::Func(s) = self.types.get(m.sig).clone() else {
            return None;
        };
        let (np, nr) = (1 + s.params.len() as u16, s.results.len() as u16);
        let recv_by_value = !m.pointer_receiver;
        let spelled = if recv_by_value {
            format!("{pkg}.{}.{name}", n.name)
        } else {
            format!("{pkg}.(*{}).{name}", n.name)
        };
        Some(self.io_wrapper(spelled, op, np, nr))
    }

    /// A function for method `name` of standard type `named` (for method values such as
    /// `f := buf.String`): the `Rt::Io` wrapper, or one calling the method's native.
    pub(crate) fn std_method_func(
        &mut self,
        named: TypeId,
        name: &str,
        ptr_recv: bool,
    ) -> Option<FuncId> {
        if self.types.named_info(named).is_none_or(|n| n.pkg == "main") {
            return None;
        }
        if let Some(id) = self.io_method(named, name) {
            return Some(id);
        }
        let nid = self.std_native_method(named, name, ptr_recv)?;
        let m = self
            .types
            .named_info(named)?
            .methods
            .iter()
            .find(|m| m.name == name)?
            .clone();
        let Type::Func(s) = self.types.get(m.sig).clone() else {
            return None;
        };
        let (np, nr) = (1 + s.params.len() as u16, s.results.len() as u16);
        let n = self.types.named_info(named)?.clone();
        let id = self.new_func(format!("{}.(*{}).{name}", n.pkg, n.name));
        let f = &mut self.prog.funcs[id as usize];
        f.nparams = np;
        f.nresults = nr;
        f.nregs = np.max(nr).max(1);
        f.code = vec![
            Op::CallNative { id: nid, base: 0 },
            Op::Return { src: 0, n: nr },
        ];
        Some(id)
    }

    /// The wrapper for package function `path.name` of signature `sig`, if `Rt::Io` does it.
    pub(crate) fn io_func(&mut self, path: &str, name: &str, sig: TypeId) -> Option<FuncId> {
        let &(_, _, op) = IO_FUNCS.iter().find(|&&(p, n, _)| p == path && n == name)?;
        let Type::Func(s) = self.types.get(self.types.underlying(sig)).clone() else {
            return None;
        };
        Some(self.io_wrapper(
            format!("{path}.{name}"),
            op,
            s.params.len() as u16,
            s.results.len() as u16,
        ))
    }

    /// `func (rw *RWMutex) RLocker() Locker`: the same object as a `*sync.rlocker` in a
    /// `sync.Locker`.
    fn rlocker_wrapper(&mut self) -> FuncId {
        if let Some(&id) = self.funcs.get("$sync.rlocker") {
            return id;
        }
        let rl = self
            .std_named("sync", "rlocker")
            .expect("sync.rlocker is declared");
        let ptr = self.types.pointer(rl);
        let id = self.new_func("sync.(*RWMutex).RLocker".into());
        let f = &mut self.prog.funcs[id as usize];
        f.nparams = 1;
        f.nresults = 1;
        f.nregs = 4;
        f.code = vec![
            Op::LoadInt {
                dst: 1,
                imm: ptr.index() as i32,
            },
            Op::Move { dst: 2, src: 0 },
            Op::Rt {
                sub: 0,
                f: Rt::Box as u16,
                base: 1,
            },
            Op::Return { src: 1, n: 1 },
        ];
        self.funcs.insert("$sync.rlocker".into(), id);
        id
    }

    /// Method-table entries for `IO_TYPES` whose package the file imports, and for
    /// `*sync.rlocker` (Lock/Unlock read-lock the RWMutex: `Rt::Sync` ops 6 and 7).
    pub(crate) fn io_method_table(&mut self) {
        let imported: Vec<String> = self.info.imports.values().cloned().collect();
        for &(path, tname) in IO_TYPES {
            if !imported.iter().any(|p| p == path) {
                continue;
            }
            let Some(t) = self.std_named(path, tname) else {
                continue;
            };
            let ptr = self.types.pointer(t);
            if tname == "rlocker" {
                for (m, op) in [("Lock", 6), ("Unlock", 7)] {
                    let id = self.new_func(format!("sync.(*rlocker).{m}"));
                    let f = &mut self.prog.funcs[id as usize];
                    f.nparams = 1;
                    f.nregs = 5;
                    f.code = vec![
                        Op::LoadInt { dst: 1, imm: op },
                        Op::Move { dst: 2, src: 0 },
                        Op::LoadInt { dst: 3, imm: 0 },
                        Op::Rt {
                            sub: 0,
                            f: Rt::Sync as u16,
                            base: 1,
                        },
                        Op::Return { src: 1, n: 0 },
                    ];
                    let mid = self.method_id(m);
                    self.prog.methods.insert((ptr.index() as u32, mid), id);
                }
                continue;
            }
            let names: Vec<String> = IO_METHODS
                .iter()
                .filter(|m| m.0 == path && m.1 == tname)
                .map(|m| m.2.to_string())
                .collect();
            for name in names {
                if let Some(id) = self.io_method(t, &name) {
                    // (A value-receiver method is entered for T only: no program holds a *T
                    // of these unexported types.)
                    let mid = self.method_id(&name);
                    let by_value = self.types.named_info(t).is_some_and(|n| {
                        n.methods
                            .iter()
                            .any(|m| m.name == name && !m.pointer_receiver)
                    });
                    let key = if by_value { t } else { ptr };
                    self.prog.methods.insert((key.index() as u32, mid), id);
                }
            }
        }
    }
}
