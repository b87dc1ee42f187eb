//! COMPILER: calls into `time`, `sync` and `runtime`, which need the scheduler, and `sort`
//! (whose less functions and methods the runtime calls back). Input: a call
//! of one of their functions or of a method of their types. Output: the runtime helper calls
//! (`Rt::Sync`, `Rt::Timer`, `Sleep`, `Gosched`...) that do them; `None` when the callee is not
//! one of these (the caller then looks for a native).

use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

impl Compiler<'_> {
    /// Emits `Rt f [op, a, b]` and returns the window (results at its base).
    fn helper(&mut self, f: Rt, op: u64, a: Option<Reg>, b: Option<Reg>) -> Reg {
        let w = self.f.alloc_n(4);
        self.f.load_word(w, op);
        if let Some(a) = a {
            self.f.emit(Op::Move { dst: w + 1, src: a });
        }
        if let Some(b) = b {
            self.f.emit(Op::Move { dst: w + 2, src: b });
        }
        self.f.emit(Op::Rt {
            sub: 0,
            f: f as u16,
            base: w,
        });
        w
    }

    fn arg(&mut self, e: &Expr, t: TypeId) -> CResult<Reg> {
        self.expr_as(e, t)
    }

    /// `time.X(...)`, `runtime.X(...)`.
    pub(crate) fn sched_package_call(
        &mut self,
        e: &Expr,
        path: &str,
        name: &str,
        args: &[Expr],
    ) -> CResult<Option<Reg>> {
        let i64t = TypeId::INT64;
        let r = match (path, name) {
            ("time", "Sleep") => {
                let d = self.arg(&args[0], i64t)?;
                self.f.emit(Op::Sleep { a: d });
                d
            }
            ("time", "After") | ("time", "Tick") | ("time", "NewTimer") | ("time", "NewTicker") => {
                let op = match name {
                    "After" => 0,
                    "Tick" => 1,
                    "NewTimer" => 2,
                    _ => 3,
                };
                let d = self.arg(&args[0], i64t)?;
                self.helper(Rt::Timer, op, Some(d), None)
            }
            ("time", "AfterFunc") => {
                let d = self.arg(&args[0], i64t)?;
                let ft = self.ty(&args[1])?;
                let f = self.arg(&args[1], ft)?;
                self.helper(Rt::Timer, 4, Some(d), Some(f))
            }
            ("runtime", "GOMAXPROCS") => {
                let n = self.arg(&args[0], TypeId::INT)?;
                self.helper(Rt::Timer, 8, Some(n), None)
            }
            ("runtime", "NumCPU") => self.helper(Rt::Timer, 9, None, None),
            ("runtime", "NumGoroutine") => {
                let d = self.f.alloc();
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::NumGoroutine as u16,
                    base: d,
                });
                d
            }
            ("runtime", "Gosched") => {
                self.f.emit(Op::Gosched);
                self.f.alloc()
            }
            ("sync", "NewCond") => {
                let Some(t) = self.std_named("sync", "Cond") else {
                    return unsupported(e.span, "sync.NewCond");
                };
                let ExprKind::Call { func, .. } = &e.kind else {
                    unreachable!()
                };
                let lt = match self.types.get(self.ty(func)?).clone() {
                    Type::Func(s) => s.params[0],
                    _ => return unsupported(e.span, "sync.NewCond"),
                };
                let l = self.arg(&args[0], lt)?;
                let c = self.f.alloc();
                self.zero_into(c, t);
                self.f.emit(Op::StoreField {
                    obj: c,
                    idx: 0,
                    src: l,
                });
                c
            }
            ("runtime", "Goexit") => {
                let d = self.f.alloc();
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Goexit as u16,
                    base: d,
                });
                d
            }
            _ => return Ok(None),
        };
        Ok(Some(r))
    }

    /// A method of `sync.WaitGroup/Mutex/RWMutex/Once` or `time.Timer/Ticker` on receiver `recv`.
    pub(crate) fn sched_method_call(
        &mut self,
        named: TypeId,
        method: &str,
        recv: Reg,
        args: &[Expr],
    ) -> CResult<Option<Reg>> {
        let Some(n) = self.types.named_info(named).cloned() else {
            return Ok(None);
        };
        let r = match (n.pkg.as_str(), n.name.as_str(), method) {
            ("sync", "WaitGroup", "Add") => {
                let d = self.arg(&args[0], TypeId::INT)?;
                self.helper(Rt::Sync, 0, Some(recv), Some(d))
            }
            ("sync", "WaitGroup", "Done") => self.helper(Rt::Sync, 1, Some(recv), None),
            ("sync", "WaitGroup", "Wait") => self.helper(Rt::Sync, 2, Some(recv), None),
            ("sync", "WaitGroup", "Go") => {
                let ft = self.ty(&args[0])?;
                let f = self.arg(&args[0], ft)?;
                let keep = self.f.alloc_n(2);
                self.f.emit(Op::Move {
                    dst: keep,
                    src: recv,
                });
                self.f.emit(Op::Move {
                    dst: keep + 1,
                    src: f,
                });
                let one = self.f.alloc();
                self.f.load_word(one, 1);
                self.helper(Rt::Sync, 0, Some(keep), Some(one));
                let wrapper = self.wg_go_wrapper();
                let w = self.f.alloc_n(3);
                self.f.load_word(w, wrapper as u64);
                self.f.load_word(w + 1, 0);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MakeClosure as u16,
                    base: w,
                });
                self.f.emit(Op::Move {
                    dst: w + 1,
                    src: keep,
                });
                self.f.emit(Op::Move {
                    dst: w + 2,
                    src: keep + 1,
                });
                self.f.emit(Op::Go { base: w, n: 2 });
                w
            }
            // A plain Mutex has lock-free fast paths (ops 15, 16); RWMutex's go through the lock.
            ("sync", "Mutex", "Lock") => self.helper(Rt::Sync, 15, Some(recv), None),
            ("sync", "Mutex", "Unlock") => self.helper(Rt::Sync, 16, Some(recv), None),
            ("sync", "RWMutex", "Lock") => self.helper(Rt::Sync, 3, Some(recv), None),
            ("sync", "RWMutex", "Unlock") => {
                let rw = self.f.alloc();
                self.f.load_word(rw, (n.name == "RWMutex") as u64);
                self.helper(Rt::Sync, 4, Some(recv), Some(rw))
            }
            ("sync", "Mutex" | "RWMutex", "TryLock") => self.helper(Rt::Sync, 5, Some(recv), None),
            ("sync", "RWMutex", "RLock") => self.helper(Rt::Sync, 6, Some(recv), None),
            ("sync", "RWMutex", "RUnlock") => self.helper(Rt::Sync, 7, Some(recv), None),
            ("sync", "RWMutex", "TryRLock") => self.helper(Rt::Sync, 8, Some(recv), None),
            ("sync", "Once", "Do") => {
                let ft = self.ty(&args[0])?;
                let f = self.arg(&args[0], ft)?;
                let w = self.f.alloc_n(2);
                self.f.emit(Op::Move { dst: w, src: recv });
                self.f.emit(Op::Move { dst: w + 1, src: f });
                let id = self.once_do();
                self.f.emit(Op::Call { func: id, base: w });
                w
            }
            ("sync", "Cond", "Wait") => {
                let keep = self.f.alloc();
                self.f.emit(Op::Move {
                    dst: keep,
                    src: recv,
                });
                self.helper(Rt::Sync, 11, Some(keep), None);
                self.helper(Rt::Sync, 14, Some(keep), None)
            }
            ("sync", "Cond", "Signal") => self.helper(Rt::Sync, 12, Some(recv), None),
            ("sync", "Cond", "Broadcast") => self.helper(Rt::Sync, 13, Some(recv), None),
            ("time", "Timer" | "Ticker", "Stop") => self.helper(Rt::Timer, 5, Some(recv), None),
            ("time", "Timer" | "Ticker", "Reset") => {
                let d = self.arg(&args[0], TypeId::INT64)?;
                let op = if n.name == "Ticker" { 7 } else { 6 };
                self.helper(Rt::Timer, op, Some(recv), Some(d))
            }
            _ => return Ok(None),
        };
        let _ = Type::Invalid;
        Ok(Some(r))
    }

    /// `func (o *Once) Do(f func())` as bytecode: begin (parks while another goroutine runs
    /// f), then `defer end(o)` so a panicking f still counts as done, as in Go.
    fn once_do(&mut self) -> crate::bytecode::FuncId {
        if let Some(&id) = self.funcs.get("$once.do") {
            return id;
        }
        let end = self.new_func("sync.(*Once).doSlow.func1".into());
        let f = &mut self.prog.funcs[end as usize];
        f.nparams = 1;
        f.nregs = 3;
        f.code = vec![
            Op::LoadInt { dst: 1, imm: 10 },
            Op::Move { dst: 2, src: 0 },
            Op::Rt {
                sub: 0,
                f: Rt::Sync as u16,
                base: 1,
            },
            Op::Return { src: 0, n: 0 },
        ];
        let id = self.new_func("sync.(*Once).Do".into());
        let f = &mut self.prog.funcs[id as usize];
        f.nparams = 2;
        f.nregs = 8;
        f.code = vec![
            Op::LoadInt { dst: 2, imm: 9 },
            Op::Move { dst: 3, src: 0 },
            Op::Rt {
                sub: 0,
                f: Rt::Sync as u16,
                base: 2,
            },
            Op::JumpIfNot { cond: 2, off: 8 },
            Op::LoadInt {
                dst: 4,
                imm: end as i32,
            },
            Op::LoadInt { dst: 5, imm: 0 },
            Op::Rt {
                sub: 0,
                f: Rt::MakeClosure as u16,
                base: 4,
            },
            Op::Move { dst: 5, src: 0 },
            Op::Defer { base: 4, n: 1 },
            Op::CallClosure { f: 1, base: 6 },
            Op::RunDefers,
            Op::Return { src: 0, n: 0 },
            Op::Return { src: 0, n: 0 },
        ];
        f.epilogue = Some(10);
        self.funcs.insert("$once.do".into(), id);
        id
    }

    /// Method-table entries for `*sync.Mutex` and `*sync.RWMutex` (called through `sync.Locker`
    /// or any interface): wrappers running the sync helper on the receiver.
    pub(crate) fn sync_method_table(&mut self) {
        let entries: [(&str, &str, i32, i32, u16); 9] = [
            ("Mutex", "Lock", 15, 0, 0),
            ("Mutex", "Unlock", 16, 0, 0),
            ("Mutex", "TryLock", 5, 0, 1),
            ("RWMutex", "Lock", 3, 0, 0),
            ("RWMutex", "Unlock", 4, 1, 0),
            ("RWMutex", "RLock", 6, 0, 0),
            ("RWMutex", "RUnlock", 7, 0, 0),
            ("RWMutex", "TryLock", 5, 0, 1),
            ("RWMutex", "TryRLock", 8, 0, 1),
        ];
        for (tname, m, op, flag, nr) in entries {
            let Some(t) = self.std_named("sync", tname) else {
                continue;
            };
            let ptr = self.types.pointer(t);
            let id = self.new_func(format!("sync.(*{tname}).{m}"));
            let f = &mut self.prog.funcs[id as usize];
            f.nparams = 1;
            f.nresults = nr;
            f.nregs = 5;
            f.code = vec![
                Op::LoadInt { dst: 1, imm: op },
                Op::Move { dst: 2, src: 0 },
                Op::LoadInt { dst: 3, imm: flag },
                Op::Rt {
                    sub: 0,
                    f: Rt::Sync as u16,
                    base: 1,
                },
                Op::Return { src: 1, n: nr },
            ];
            let mid = self.method_id(m);
            self.prog.methods.insert((ptr.index() as u32, mid), id);
        }
    }

    /// `func(wg *WaitGroup, f func()) { f(); wg.Done() }` as bytecode.
    fn wg_go_wrapper(&mut self) -> crate::bytecode::FuncId {
        if let Some(&id) = self.funcs.get("$wg.go") {
            return id;
        }
        let id = self.new_func("sync.(*WaitGroup).Go.func1".into());
        let f = &mut self.prog.funcs[id as usize];
        f.nparams = 2;
        f.nresults = 0;
        f.nregs = 4;
        f.code = vec![
            Op::CallClosure { f: 1, base: 2 },
            Op::LoadInt { dst: 2, imm: 1 },
            Op::Move { dst: 3, src: 0 },
            Op::Rt {
                sub: 0,
                f: Rt::Sync as u16,
                base: 2,
            },
            Op::Return { src: 0, n: 0 },
        ];
        self.funcs.insert("$wg.go".into(), id);
        id
    }
}
