//! COMPILER: call expressions. Input: a checked call. Output: instructions that leave its
//! results in consecutive registers (the call window's base is returned): function and closure
//! calls, static and interface method calls, builtins, conversions, and fmt's printing.

use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::rtsub::{ComplexOp, ErrorsOp};
use crate::bytecode::Op;
use crate::types::operand::Mode;
use crate::types::scope::Builtin;
use crate::types::ty::{Type, TypeId};
use crate::vm::machine::is_aggregate;
use crate::vm::rt::Rt;

impl Compiler<'_> {
    /// Compiles call `e`; returns the register where its results start.
    pub(crate) fn call(&mut self, e: &Expr, _want: usize) -> CResult<Reg> {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
        } = &e.kind
        else {
            return unsupported(e.span, "a call");
        };
        let finfo = self.info_of(func).cloned();
        match finfo.as_ref().map(|i| &i.mode) {
            Some(Mode::Builtin(b)) => return self.builtin(e, *b, args, *ellipsis),
            Some(Mode::Type) => {
                let to = self.ty(func)?;
                return self.conversion(to, &args[0]);
            }
            _ => {}
        }
        let f = super::expr::strip_paren(func);
        let method_expr = matches!(&f.kind, ExprKind::Selector(x, _) if matches!(self.info_of(x).map(|i| &i.mode), Some(Mode::Type)));
        if let (ExprKind::Selector(x, sel), false) = (&f.kind, method_expr) {
            if let ExprKind::Ident(pkg) = &x.kind {
                if self.f.lookup(pkg).is_none()
                    && self
                        .info_of(x)
                        .is_some_and(|i| matches!(i.mode, Mode::Package))
                {
                    let path = self
                        .info
                        .imports
                        .get(pkg)
                        .cloned()
                        .unwrap_or_else(|| pkg.clone());
                    return self.package_call(e, &path, &sel.name, args);
                }
            }
            let xt = self.ty(x)?;
            if self.types.is_interface(xt) {
                let sig = self.ty(func)?;
                let m = self.method_id(&sel.name);
                let recv = self.expr_as(x, xt)?;
                let base = self.args_window(sig, 1, args, *ellipsis, Some(recv))?;
                self.f.emit(Op::CallIface { base, method: m });
                return Ok(base);
            }
            if let Some(super::call::MemberRef::Method(path, named, ptr_recv)) =
                self.member_ref(xt, &sel.name)
            {
                let sig = self.ty(func)?;
                if self.types.is_interface(named) {
                    // A method of an embedded interface field: load the field, dispatch.
                    let mut cur = self.expr_as(x, xt)?;
                    for (idx, _) in &path {
                        let d = self.f.alloc();
                        self.f.emit(Op::LoadField {
                            dst: d,
                            obj: cur,
                            idx: *idx,
                        });
                        cur = d;
                    }
                    let m = self.method_id(&sel.name);
                    let base = self.args_window(sig, 1, args, *ellipsis, Some(cur))?;
                    self.f.emit(Op::CallIface { base, method: m });
                    return Ok(base);
                }
                let tname = self
                    .types
                    .named_info(named)
                    .map(|n| n.name.clone())
                    .unwrap_or_default();
                let key = super::method_key(&self.types, named, &sel.name);
                if self
                    .types
                    .named_info(named)
                    .is_some_and(|n| n.pkg != "main")
                    && !self.funcs.contains_key(&key)
                {
                    // A standard type's method: the scheduler's helpers, or a native.
                    let recv = self.receiver(x, xt, &path, named, ptr_recv)?;
                    if let Some(r) = self.sched_method_call(named, &sel.name, recv, args)? {
                        return Ok(r);
                    }
                    if let Some(id) = self.io_method(named, &sel.name) {
                        let base = self.args_window(sig, 1, args, *ellipsis, Some(recv))?;
                        self.f.emit(Op::Call { func: id, base });
                        return Ok(base);
                    }
                    let Some(nid) = self.std_native_method(named, &sel.name, ptr_recv) else {
                        return unsupported(sel.span, format!("the method {tname}.{}", sel.name));
                    };
                    let base = self.args_window(sig, 1, args, *ellipsis, Some(recv))?;
                    self.f.emit(Op::CallNative { id: nid, base });
                    return Ok(base);
                }
                let Some(&id) = self.funcs.get(&key) else {
                    return unsupported(sel.span, format!("the method {tname}.{}", sel.name));
                };
                let recv = self.receiver(x, xt, &path, named, ptr_recv)?;
                let base = self.args_window(sig, 1, args, *ellipsis, Some(recv))?;
                self.f.emit(Op::Call { func: id, base });
                return Ok(base);
            }
        }
        let sig = self.ty(func)?;
        // A generic function's instance: a static call.
        if let Some(id) = self.instance_func(func).or_else(|| self.instance_func(f)) {
            let base = self.args_window(sig, 0, args, *ellipsis, None)?;
            self.f.emit(Op::Call { func: id, base });
            return Ok(base);
        }
        // A package-level function called by name: a static call.
        if let ExprKind::Ident(n) = &f.kind {
            if self.name_var(n).is_none() {
                if let Some(&id) = self.funcs.get(n.as_str()) {
                    let base = self.args_window(sig, 0, args, *ellipsis, None)?;
                    self.f.emit(Op::Call { func: id, base });
                    return Ok(base);
                }
                // A function of a dot-imported package (`import . "strconv"`; `Itoa(1)`).
                if let Some(path) = self.info.dot_members.get(n.as_str()).cloned() {
                    return self.package_call(e, &path, n, args);
                }
            }
        }
        let fr = self.expr_as(f, sig)?;
        let keep = self.f.alloc();
        self.f.emit(Op::Move { dst: keep, src: fr });
        let base = self.args_window(sig, 0, args, *ellipsis, None)?;
        self.f.emit(Op::CallClosure { f: keep, base });
        Ok(base)
    }

    /// The receiver word for a static method call on `x` (after following `path` through
    /// embedded fields): takes `&x` or `*x` as the method's receiver kind needs.
    pub(crate) fn receiver_pub(
        &mut self,
        x: &Expr,
        xt: TypeId,
        path: &[(u16, TypeId)],
        named: TypeId,
        ptr_recv: bool,
    ) -> CResult<Reg> {
        self.receiver(x, xt, path, named, ptr_recv)
    }

    fn receiver(
        &mut self,
        x: &Expr,
        xt: TypeId,
        path: &[(u16, TypeId)],
        named: TypeId,
        ptr_recv: bool,
    ) -> CResult<Reg> {
        let agg = is_aggregate(&self.types, named);
        if path.is_empty() {
            let is_ptr = matches!(self.types.get(xt), Type::Pointer(_));
            if ptr_recv && !is_ptr && !agg {
                let (p, _) = self.address_of_expr(x)?;
                return Ok(p);
            }
            let v = self.expr_as(x, xt)?;
            if !ptr_recv && is_ptr && !agg {
                let d = self.f.alloc();
                self.f.emit(Op::LoadPtr { dst: d, p: v });
                return Ok(d);
            }
            return Ok(v);
        }
        let obj = self.expr_as(x, xt)?;
        let mut cur = obj;
        for (idx, _) in path {
            let d = self.f.alloc();
            self.f.emit(Op::LoadField {
                dst: d,
                obj: cur,
                idx: *idx,
            });
            cur = d;
        }
        let last_t = path.last().expect("a path").1;
        let last_is_ptr = matches!(self.types.get(last_t), Type::Pointer(_));
        if !agg && (ptr_recv != last_is_ptr) {
            if !ptr_recv {
                let d = self.f.alloc();
                self.f.emit(Op::LoadPtr { dst: d, p: cur });
                return Ok(d);
            }
            // &outer.embedded for a non-aggregate embedded type.
            let (cont, idx) = {
                let mut c = obj;
                for (i, _) in &path[..path.len() - 1] {
                    let d = self.f.alloc();
                    self.f.emit(Op::LoadField {
                        dst: d,
                        obj: c,
                        idx: *i,
                    });
                    c = d;
                }
                (c, path.last().expect("a path").0)
            };
            let w = self.f.alloc_n(2);
            self.f.emit(Op::Move { dst: w, src: cont });
            self.f.load_word(w + 1, idx as u64);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::Interior as u16,
                base: w,
            });
            return Ok(w);
        }
        Ok(cur)
    }

    pub(crate) fn address_of_expr(&mut self, x: &Expr) -> CResult<(Reg, bool)> {
        self.addr(x)
    }

    /// Lays out a call window: `pre` leading words (a receiver) then the arguments, converted to
    /// the parameter types, variadic arguments packed into a slice. Returns the window's base.
    fn args_window(
        &mut self,
        sig: TypeId,
        pre: u16,
        args: &[Expr],
        ellipsis: bool,
        recv: Option<Reg>,
    ) -> CResult<Reg> {
        let Type::Func(s) = self.types.get(self.types.underlying(sig)).clone() else {
            return unsupported(
                crate::span::Span::default(),
                "calling a value of unknown type",
            );
        };
        let np = s.params.len() as u16 + pre;
        let nr = s.results.len() as u16;
        let fixed = if s.variadic {
            s.params.len() - 1
        } else {
            s.params.len()
        };
        if args.len() == 1
            && s.params.len() > 1
            && matches!(self.types.get(self.ty(&args[0])?), Type::Tuple(_))
        {
            // f(g()): g's results, spread.
            let mut vals: Vec<Reg> = recv.into_iter().collect();
            vals.extend(self.values_into(args, &s.params)?);
            let base = self.f.alloc_n(np.max(nr).max(1) as usize);
            for (i, v) in vals.into_iter().enumerate() {
                self.f.emit(Op::Move {
                    dst: base.wrapping_add(i as u16),
                    src: v,
                });
            }
            return Ok(base);
        }
        // The window is allocated first, at the top of the register stack; each argument is
        // evaluated above it (its temporaries freed again) and lands in its slot.
        let base = self.f.alloc_n(np.max(nr).max(1) as usize);
        let mut slot = base;
        // Puts `r` in the next slot; `m` is the register mark before `r` was computed: a
        // temporary computed just now is computed into the slot instead.
        let put = |c: &mut Self, slot: &mut Reg, r: Reg, m: Reg| {
            if r != *slot && !(r >= m && c.f.retarget(*slot, r)) {
                c.f.emit(Op::Move { dst: *slot, src: r });
            }
            *slot += 1;
        };
        if let Some(r) = recv {
            put(self, &mut slot, r, Reg::MAX);
        }
        // Plain variables are read after the other arguments' calls, as Go's compiler does.
        let nfixed = fixed.min(args.len());
        let late = self.read_late(&args[..nfixed].iter().collect::<Vec<_>>());
        let first = slot;
        let order: Vec<usize> = (0..nfixed)
            .filter(|i| !late[*i])
            .chain((0..nfixed).filter(|i| late[*i]))
            .collect();
        for i in order {
            let (a, t) = (&args[i], &s.params[i]);
            let m = self.f.next;
            let (r, fresh) = self.value_as(a, *t)?;
            let r = if is_aggregate(&self.types, *t) && !fresh {
                self.copied(r, *t)
            } else {
                r
            };
            let mut at = first.wrapping_add(i as u16);
            put(self, &mut at, r, m);
            self.f.next = m;
        }
        slot = first + nfixed as u16;
        if s.variadic {
            let st = *s.params.last().expect("variadic param");
            let m = self.f.next;
            let r = if ellipsis {
                self.expr_as(&args[fixed], st)?
            } else {
                self.pack(&args[fixed..], st)?
            };
            put(self, &mut slot, r, m);
            self.f.next = m;
        }
        Ok(base)
    }

    /// `[]T{args...}` for a variadic parameter of slice type `st`.
    pub(crate) fn pack(&mut self, args: &[Expr], st: TypeId) -> CResult<Reg> {
        let et = crate::vm::rt::elem_type(&self.types, st);
        if args.is_empty() {
            let r = self.f.alloc();
            self.f.load_word(r, 0);
            return Ok(r);
        }
        let types = vec![et; args.len()];
        let vals = self.values_into(args, &types)?;
        let w = self.f.alloc_n(2 + vals.len());
        self.f.load_word(w, et.index() as u64);
        self.f.load_word(w + 1, vals.len() as u64);
        for (i, v) in vals.into_iter().enumerate() {
            self.f.emit(Op::Move {
                dst: w.wrapping_add((i as u16).wrapping_add(2)),
                src: v,
            });
        }
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::SliceLit as u16,
            base: w,
        });
        Ok(w)
    }

    /// For `defer`: evaluates the function value and arguments of call `e` now, as a closure
    /// word followed by its arguments. Returns (base, number of arguments).
    pub(crate) fn call_as_closure(&mut self, e: &Expr) -> CResult<(Reg, u16)> {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
        } = &e.kind
        else {
            return unsupported(e.span, "defer of a non-call");
        };
        let f = super::expr::strip_paren(func);
        let plain = match self.info_of(func).map(|i| &i.mode) {
            Some(Mode::Builtin(_)) | Some(Mode::Type) => false,
            _ => !matches!(&f.kind, ExprKind::Selector(..)),
        };
        if !plain {
            // Wrap the whole call in a closure evaluated later; its arguments are evaluated at
            // the defer statement by binding them to fresh variables first.
            return self.deferred_wrapper(e);
        }
        let sig = self.ty(func)?;
        let fr = self.expr_as(f, sig)?;
        let keep = self.f.alloc();
        self.f.emit(Op::Move { dst: keep, src: fr });
        let Type::Func(s) = self.types.get(self.types.underlying(sig)).clone() else {
            return unsupported(e.span, "defer of this call");
        };
        let np = s.params.len() as u16;
        let base = self.args_window(sig, 0, args, *ellipsis, None)?;
        // The Defer window is the closure then the arguments.
        let w = self.f.alloc_n(np as usize + 1);
        self.f.emit(Op::Move { dst: w, src: keep });
        for i in 0..np {
            self.f.emit(Op::Move {
                dst: w + 1 + i,
                src: base + i,
            });
        }
        Ok((w, np))
    }

    fn builtin(&mut self, e: &Expr, b: Builtin, args: &[Expr], ellipsis: bool) -> CResult<Reg> {
        let d = self.f.alloc();
        match b {
            Builtin::Len | Builtin::Cap => {
                let t = self.ty(&args[0])?;
                let x = self.expr_as(&args[0], t)?;
                match self.types.get(self.types.underlying(t)).clone() {
                    Type::Basic(_) => self.f.emit(Op::StrLen { dst: d, a: x }),
                    Type::Slice(_) if b == Builtin::Len => {
                        self.f.emit(Op::SliceLen { dst: d, a: x })
                    }
                    Type::Slice(_) => self.f.emit(Op::SliceCap { dst: d, a: x }),
                    Type::Array(n, _) => {
                        self.f.load_word(d, n);
                        0
                    }
                    Type::Pointer(p) => match self.types.get(self.types.underlying(p)).clone() {
                        Type::Array(n, _) => {
                            self.f.load_word(d, n);
                            0
                        }
                        _ => return unsupported(e.span, "len of this type"),
                    },
                    Type::Map(..) => {
                        self.f.emit(Op::Move { dst: d, src: x });
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::MapLen as u16,
                            base: d,
                        })
                    }
                    Type::Chan(..) => {
                        self.f.emit(Op::Move { dst: d, src: x });
                        let h = if b == Builtin::Len {
                            Rt::ChanLen
                        } else {
                            Rt::ChanCap
                        };
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: h as u16,
                            base: d,
                        })
                    }
                    _ => return unsupported(e.span, "len/cap of this type"),
                };
            }
            Builtin::Append => {
                let st = self.ty(e)?;
                let et = crate::vm::rt::elem_type(&self.types, st);
                let s = self.expr_as(&args[0], st)?;
                if ellipsis {
                    let ot = self.ty(&args[1])?;
                    let o = self.expr_as(&args[1], ot)?;
                    let is_str = self
                        .types
                        .basic_kind(self.types.underlying(ot))
                        .is_some_and(|k| k.is_string());
                    let w = self.f.alloc_n(4);
                    self.f.load_word(w, et.index() as u64);
                    self.f.emit(Op::Move { dst: w + 1, src: s });
                    self.f.emit(Op::Move { dst: w + 2, src: o });
                    self.f.load_word(w + 3, is_str as u64);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::AppendSlice as u16,
                        base: w,
                    });
                    return Ok(w);
                }
                let types = vec![et; args.len() - 1];
                let vals = self.values_into(&args[1..], &types)?;
                let w = self.f.alloc_n(3 + vals.len());
                self.f.load_word(w, et.index() as u64);
                self.f.emit(Op::Move { dst: w + 1, src: s });
                self.f.load_word(w + 2, vals.len() as u64);
                for (i, v) in vals.into_iter().enumerate() {
                    self.f.emit(Op::Move {
                        dst: w.wrapping_add((i as u16).wrapping_add(3)),
                        src: v,
                    });
                }
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Append as u16,
                    base: w,
                });
                return Ok(w);
            }
            Builtin::Copy => {
                let (dt, st) = (self.ty(&args[0])?, self.ty(&args[1])?);
                let a = self.expr_as(&args[0], dt)?;
                let s = self.expr_as(&args[1], st)?;
                let is_str = self
                    .types
                    .basic_kind(self.types.underlying(st))
                    .is_some_and(|k| k.is_string());
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: a });
                self.f.emit(Op::Move { dst: w + 1, src: s });
                let et = crate::vm::rt::elem_type(&self.types, dt);
                self.f
                    .load_word(w + 2, is_str as u64 | (et.index() as u64) << 1);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::CopySlice as u16,
                    base: w,
                });
                return Ok(w);
            }
            Builtin::Delete => {
                let mt = self.ty(&args[0])?;
                let Type::Map(kt, _) = self.types.get(self.types.underlying(mt)).clone() else {
                    return unsupported(e.span, "delete on this type");
                };
                let m = self.expr_as(&args[0], mt)?;
                let k = self.expr_as(&args[1], kt)?;
                let w = self.f.alloc_n(2);
                self.f.emit(Op::Move { dst: w, src: m });
                self.f.emit(Op::Move { dst: w + 1, src: k });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapDelete as u16,
                    base: w,
                });
            }
            Builtin::Clear => {
                let t = self.ty(&args[0])?;
                let x = self.expr_as(&args[0], t)?;
                match self.types.get(self.types.underlying(t)) {
                    Type::Map(..) => {
                        self.f.emit(Op::Move { dst: d, src: x });
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::MapClear as u16,
                            base: d,
                        });
                    }
                    Type::Slice(et) => {
                        let et = *et;
                        let w = self.f.alloc_n(2);
                        self.f.load_word(w, et.index() as u64);
                        self.f.emit(Op::Move { dst: w + 1, src: x });
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::SliceClear as u16,
                            base: w,
                        });
                    }
                    _ => return unsupported(e.span, "clear of this type"),
                }
            }
            Builtin::Make => {
                let t = self.ty(&args[0])?;
                match self.types.get(self.types.underlying(t)).clone() {
                    Type::Slice(et) => {
                        let w = self.f.alloc_n(3);
                        let len = self.index_value(&args[1])?;
                        self.f.emit(Op::Move {
                            dst: w + 1,
                            src: len,
                        });
                        if args.len() > 2 {
                            let cap = self.index_value(&args[2])?;
                            self.f.emit(Op::Move {
                                dst: w + 2,
                                src: cap,
                            });
                        } else {
                            self.f.emit(Op::Move {
                                dst: w + 2,
                                src: len,
                            });
                        }
                        self.f.load_word(w, et.index() as u64);
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::MakeSlice as u16,
                            base: w,
                        });
                        return Ok(w);
                    }
                    Type::Map(kt, vt) => {
                        let w = self.f.alloc_n(2);
                        self.f.load_word(w, kt.index() as u64);
                        self.f.load_word(w + 1, vt.index() as u64);
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::MapNew as u16,
                            base: w,
                        });
                        return Ok(w);
                    }
                    Type::Chan(_, et) => return self.make_chan(et, args.get(1)),
                    _ => return unsupported(e.span, "make of this type"),
                }
            }
            Builtin::New => {
                let t = self.ty(&args[0])?;
                if is_aggregate(&self.types, t) {
                    self.zero_into(d, t);
                } else {
                    let w = self.f.alloc_n(2);
                    let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
                    self.f.load_word(w, is_ref);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::NewBox as u16,
                        base: w,
                    });
                    self.f.load_word(w + 1, 0);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::Interior as u16,
                        base: w,
                    });
                    return Ok(w);
                }
            }
            Builtin::Close => {
                let t = self.ty(&args[0])?;
                let x = self.expr_as(&args[0], t)?;
                self.f.emit(Op::Move { dst: d, src: x });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Close as u16,
                    base: d,
                });
            }
            Builtin::Panic => {
                let v = self.expr_as(&args[0], TypeId::EMPTY_INTERFACE)?;
                self.f.emit(Op::Panic { a: v });
            }
            Builtin::Recover => {
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Recover as u16,
                    base: d,
                });
            }
            Builtin::Print | Builtin::Println => {
                let s = self.pack_any(args)?;
                let w = self.f.alloc_n(2);
                self.f.load_word(w, (b == Builtin::Println) as u64);
                self.f.emit(Op::Move { dst: w + 1, src: s });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::PrintBuiltin as u16,
                    base: w,
                });
            }
            Builtin::Real | Builtin::Imag => {
                let t = self.default_type(self.ty(&args[0])?);
                let x = self.expr_as(&args[0], t)?;
                let op = if b == Builtin::Real {
                    ComplexOp::Real
                } else {
                    ComplexOp::Imag
                };
                self.complex(op, d, x, x);
            }
            Builtin::Complex => {
                let t = self.default_type(self.ty(e)?);
                let ft = if self.types.basic_kind(self.types.underlying(t))
                    == Some(crate::types::constant::BasicKind::Complex64)
                {
                    TypeId::FLOAT32
                } else {
                    TypeId::FLOAT64
                };
                let re = self.expr_as(&args[0], ft)?;
                let im = self.expr_as(&args[1], ft)?;
                self.complex(ComplexOp::Make, d, re, im);
            }
            Builtin::Min | Builtin::Max => {
                let t = self.default_type(self.ty(e)?);
                let cur = self.expr_as(&args[0], t)?;
                self.f.emit(Op::Move { dst: d, src: cur });
                if self.is_float(t) {
                    // Floats: NaN wins, and min(0, -0) is -0 (Rt::FloatMinMax).
                    for a in &args[1..] {
                        let m = self.f.next;
                        let x = self.expr_as(a, t)?;
                        let w = self.f.alloc_n(3);
                        self.f.load_word(w, (b == Builtin::Max) as u64);
                        self.f.emit(Op::Move { dst: w + 1, src: d });
                        self.f.emit(Op::Move { dst: w + 2, src: x });
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::FloatMinMax as u16,
                            base: w,
                        });
                        self.f.emit(Op::Move { dst: d, src: w });
                        self.f.next = m;
                    }
                    return Ok(d);
                }
                for a in &args[1..] {
                    let m = self.f.next;
                    let x = self.expr_as(a, t)?;
                    let c = self.f.alloc();
                    // d = x < d (min) / d < x (max) ? x : d
                    let (l, r) = if b == Builtin::Min { (x, d) } else { (d, x) };
                    self.compare(BinOp::Lt, t, c, l, r, a.span)?;
                    let j = self.f.emit(Op::JumpIfNot { cond: c, off: 0 });
                    self.f.emit(Op::Move { dst: d, src: x });
                    self.f.patch(j);
                    self.f.next = m;
                }
            }
        }
        Ok(d)
    }

    /// `fmt.Fprint*(w, ...)` for any `io.Writer`: formats to a string, then `w.Write([]byte(s))`
    /// through the interface (results: Write's n and err).
    fn fprint_writer(&mut self, e: &Expr, name: &str, args: &[Expr]) -> CResult<Reg> {
        let ExprKind::Call { func, .. } = &e.kind else {
            unreachable!()
        };
        let sig = self.ty(func)?;
        let Type::Func(s) = self.types.get(self.types.underlying(sig)).clone() else {
            return unsupported(e.span, "this fmt call");
        };
        let writer_t = s.params[0];
        let wt = self.ty(&args[0])?;
        let w = self.expr_as(&args[0], wt)?;
        let w = self.convert_reg(w, wt, writer_t);
        let keep = self.f.alloc();
        self.f.emit(Op::Move { dst: keep, src: w });
        let (kind, rest, format) = match name {
            "Fprint" => (3, &args[1..], None),
            "Fprintln" => (4, &args[1..], None),
            _ => (5, &args[2..], Some(&args[1])),
        };
        let (fw, _, _) = self.fmt_call(e, kind, rest, format)?;
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::StrToBytes as u16,
            base: fw,
        });
        let m = self.method_id("Write");
        let base = self.f.alloc_n(2);
        self.f.emit(Op::Move {
            dst: base,
            src: keep,
        });
        self.f.emit(Op::Move {
            dst: base + 1,
            src: fw,
        });
        self.f.emit(Op::CallIface { base, method: m });
        Ok(base)
    }

    /// `errors.Is/As/Unwrap/Join` (vm/errs.rs).
    fn errors_call(&mut self, e: &Expr, name: &str, args: &[Expr]) -> CResult<Reg> {
        let w = self.f.alloc_n(5);
        match name {
            "Unwrap" | "Is" => {
                for (i, a) in args.iter().enumerate() {
                    let r = self.expr_as(a, TypeId::ERROR)?;
                    self.f.emit(Op::Move {
                        dst: w.wrapping_add((i as u16).wrapping_add(1)),
                        src: r,
                    });
                }
            }
            "As" => {
                let err = self.expr_as(&args[0], TypeId::ERROR)?;
                self.f.emit(Op::Move {
                    dst: w + 1,
                    src: err,
                });
                let tt = self.ty(&args[1])?;
                let Type::Pointer(elem) = self.types.get(self.types.underlying(tt)).clone() else {
                    return unsupported(args[1].span, "errors.As with a non-pointer target");
                };
                let t = self.expr_as(&args[1], tt)?;
                self.f.emit(Op::Move { dst: w + 2, src: t });
                self.f.load_word(w + 3, elem.index() as u64);
                self.f.load_word(w + 4, tt.index() as u64);
            }
            _ => {
                let st = self.types.slice(TypeId::ERROR);
                let ExprKind::Call { ellipsis, .. } = &e.kind else {
                    unreachable!()
                };
                let s = if *ellipsis {
                    self.expr_as(&args[0], st)?
                } else {
                    self.pack(args, st)?
                };
                self.f.emit(Op::Move { dst: w + 1, src: s });
            }
        }
        let _ = e;
        let op = match name {
            "Unwrap" => ErrorsOp::Unwrap,
            "Is" => ErrorsOp::Is,
            "As" => ErrorsOp::As,
            _ => ErrorsOp::Join,
        };
        self.f.emit(Op::Rt {
            sub: op as u16,
            f: Rt::Errors as u16,
            base: w,
        });
        Ok(w)
    }

    /// fmt's formatting of `rest` (with `format` for the Printf forms) by `Rt::Fmt` of `kind`:
    /// returns the window (result at its base), the operands slice and the format registers.
    fn fmt_call(
        &mut self,
        e: &Expr,
        kind: u64,
        rest: &[Expr],
        format: Option<&Expr>,
    ) -> CResult<(Reg, Reg, Reg)> {
        let sl = self.variadic_any(e, rest)?;
        let fr = match format {
            Some(f) => self.expr_as(f, TypeId::STRING)?,
            None => {
                let r = self.f.alloc();
                self.f.load_word(r, 0);
                r
            }
        };
        let fw = self.f.alloc_n(3);
        self.f.load_word(fw, kind);
        self.f.emit(Op::Move {
            dst: fw + 1,
            src: sl,
        });
        self.f.emit(Op::Move {
            dst: fw + 2,
            src: fr,
        });
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::Fmt as u16,
            base: fw,
        });
        Ok((fw, sl, fr))
    }

    /// The `...any` operand of call `e`: `rest` packed, or with `f(xs...)` the slice itself.
    fn variadic_any(&mut self, e: &Expr, rest: &[Expr]) -> CResult<Reg> {
        if let ExprKind::Call { ellipsis: true, .. } = &e.kind {
            if let Some(last) = rest.last() {
                let st = self.types.slice(TypeId::EMPTY_INTERFACE);
                return self.expr_as(last, st);
            }
        }
        self.pack_any(rest)
    }

    /// `[]any{args...}`.
    pub(crate) fn pack_any(&mut self, args: &[Expr]) -> CResult<Reg> {
        if args.len() == 1 {
            if let Ok(t) = self.ty(&args[0]) {
                if let Type::Tuple(ts) = self.types.get(t).clone() {
                    let base = self.call(&args[0], ts.len())?;
                    let mut vals = Vec::new();
                    for (i, t) in ts.iter().enumerate() {
                        vals.push(self.convert_reg(
                            base.wrapping_add(i as u16),
                            *t,
                            TypeId::EMPTY_INTERFACE,
                        ));
                    }
                    let w = self.f.alloc_n(2 + vals.len());
                    self.f.load_word(w, TypeId::EMPTY_INTERFACE.index() as u64);
                    self.f.load_word(w + 1, vals.len() as u64);
                    for (i, v) in vals.into_iter().enumerate() {
                        self.f.emit(Op::Move {
                            dst: w.wrapping_add((i as u16).wrapping_add(2)),
                            src: v,
                        });
                    }
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::SliceLit as u16,
                        base: w,
                    });
                    return Ok(w);
                }
            }
        }
        let st = self.types.slice(TypeId::EMPTY_INTERFACE);
        self.pack(args, st)
    }

    /// A call of a standard-library function.
    fn package_call(&mut self, e: &Expr, path: &str, name: &str, args: &[Expr]) -> CResult<Reg> {
        if path == "fmt" {
            let (kind, rest, format) = match name {
                "Print" => (0, args, None),
                "Println" => (1, args, None),
                "Printf" => (2, &args[1..], Some(&args[0])),
                "Sprint" => (3, args, None),
                "Sprintln" => (4, args, None),
                "Sprintf" => (5, &args[1..], Some(&args[0])),
                "Errorf" => (6, &args[1..], Some(&args[0])),
                "Fprint" | "Fprintln" | "Fprintf" => {
                    let to_stderr = self.snippet(args[0].span).trim() == "os.Stderr";
                    let to_stdout = self.snippet(args[0].span).trim() == "os.Stdout";
                    if !to_stderr && !to_stdout {
                        return self.fprint_writer(e, name, args);
                    }
                    let k = match name {
                        "Fprint" => 0,
                        "Fprintln" => 1,
                        _ => 2,
                    } + if to_stderr { 7 } else { 0 };
                    let f = if name == "Fprintf" {
                        Some(&args[1])
                    } else {
                        None
                    };
                    let rest = if name == "Fprintf" {
                        &args[2..]
                    } else {
                        &args[1..]
                    };
                    (k, rest, f)
                }
                _ => {
                    // The Scan family (Rt::Io).
                    let ExprKind::Call { func, ellipsis, .. } = &e.kind else {
                        unreachable!()
                    };
                    let sig = self.ty(func)?;
                    if let Some(id) = self.io_func(path, name, sig) {
                        let base = self.args_window(sig, 0, args, *ellipsis, None)?;
                        self.f.emit(Op::Call { func: id, base });
                        return Ok(base);
                    }
                    return unsupported(e.span, format!("fmt.{name}"));
                }
            };
            let (w, s, fr) = self.fmt_call(e, kind, rest, format)?;
            if kind == 6 {
                // Errorf: the message, the operands and the format make the error value.
                let e = self.f.alloc_n(5);
                self.f.emit(Op::Move { dst: e + 1, src: w });
                self.f.emit(Op::Move { dst: e + 2, src: s });
                self.f.emit(Op::Move {
                    dst: e + 3,
                    src: fr,
                });
                self.f.emit(Op::Rt {
                    sub: ErrorsOp::Errorf as u16,
                    f: Rt::Errors as u16,
                    base: e,
                });
                return Ok(e);
            }
            return Ok(w);
        }
        if let Some(r) = self.sched_package_call(e, path, name, args)? {
            return Ok(r);
        }
        if path == "errors" && matches!(name, "Is" | "As" | "Unwrap" | "Join") {
            return self.errors_call(e, name, args);
        }
        let ExprKind::Call { func, ellipsis, .. } = &e.kind else {
            unreachable!()
        };
        let sig = self.ty(func)?;
        if let Some(id) = self.io_func(path, name, sig) {
            let base = self.args_window(sig, 0, args, *ellipsis, None)?;
            self.f.emit(Op::Call { func: id, base });
            return Ok(base);
        }
        let sym = format!("{path}.{name}");
        if let Some(f) = crate::stdlib::natives::lookup(&sym) {
            let sig = self.ty(func)?;
            let id = self.native_id(&sym, f);
            let base = self.args_window(sig, 0, args, *ellipsis, None)?;
            self.f.emit(Op::CallNative { id, base });
            return Ok(base);
        }
        unsupported(e.span, format!("{path}.{name}"))
    }
}
