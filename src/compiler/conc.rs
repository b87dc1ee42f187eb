//! COMPILER: goroutines and channels, and deferred/started calls of any callee. Input: `go`,
//! send and `select` statements, receive expressions, and calls in `defer`/`go`. Output: their
//! instructions. A `defer`/`go` of anything but a plain function value becomes a synthesized
//! closure: its operands are evaluated at the statement into hidden variables (`$d0`...) and a
//! function literal calling the original callee with them is compiled (types for the
//! synthesized expressions go in the compiler's overlay of the checker's `Info`).

use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::info::ExprInfo;
use crate::types::operand::Mode;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

impl Compiler<'_> {
    /// Copies what is known about `orig` (and its subexpressions) to its clone `copy`.
    fn copy_info(&mut self, orig: &Expr, copy: &Expr) {
        if let Some(i) = self.info_of(orig).cloned() {
            self.overlay.insert(copy as *const Expr as usize, i);
        }
        let mut a = Vec::new();
        let mut b = Vec::new();
        super::stmt::walk_expr_children(orig, &mut |e| a.push(e as *const Expr));
        super::stmt::walk_expr_children(copy, &mut |e| b.push(e as *const Expr));
        for (x, y) in a.into_iter().zip(b) {
            // SAFETY: both point into live trees (`orig` borrowed, `copy` in the arena).
            let (x, y) = unsafe { (&*x, &*y) };
            self.copy_info(x, y);
        }
    }

    fn note(&mut self, e: &Expr, ty: TypeId, mode: Mode) {
        self.overlay
            .insert(e as *const Expr as usize, ExprInfo { ty, mode });
    }

    /// Evaluates `e` now into a new hidden variable; returns an expression naming it.
    fn hidden(&mut self, e: &Expr) -> CResult<Expr> {
        let t = self.default_type(self.ty(e)?);
        let name = format!("$d{}", self.synth_names);
        self.synth_names += 1;
        let r = self.f.alloc();
        let (v, fresh) = self.value_as(e, t)?;
        let v = if crate::vm::machine::is_aggregate(&self.types, t) && !fresh {
            self.copied(v, t)
        } else {
            v
        };
        self.f.emit(Op::Move { dst: r, src: v });
        self.f.boxed_names.insert(name.clone());
        self.declare_in(&name, r, t);
        // The hidden variable's register must outlive the statement.
        self.f.next = self.f.next.max(r + 1);
        Ok(Expr::new(ExprKind::Ident(name), e.span))
    }

    /// Evaluates `&x` now into a new hidden variable of type `*T`.
    fn hidden_addr(&mut self, x: &Expr, xt: TypeId) -> CResult<(Expr, TypeId)> {
        let pt = self.types.pointer(xt);
        let name = format!("$d{}", self.synth_names);
        self.synth_names += 1;
        let r = self.f.alloc();
        let (v, _) = self.addr(x)?;
        self.f.emit(Op::Move { dst: r, src: v });
        self.f.boxed_names.insert(name.clone());
        self.declare_in(&name, r, pt);
        self.f.next = self.f.next.max(r + 1);
        Ok((Expr::new(ExprKind::Ident(name), x.span), pt))
    }

    /// `defer`/`go` of call `e` through a synthesized closure; returns (closure reg, 0 args).
    pub(crate) fn deferred_wrapper(&mut self, e: &Expr) -> CResult<(Reg, u16)> {
        let ExprKind::Call {
            func,
            args,
            ellipsis,
        } = &e.kind
        else {
            return unsupported(e.span, "defer of a non-call");
        };
        // Arguments: constants stay inline, everything else is evaluated now.
        let mut new_args = Vec::new();
        let mut hidden_args = Vec::new();
        for a in args {
            let constant = matches!(
                self.info_of(a).map(|i| &i.mode),
                Some(Mode::Const(_) | Mode::Nil | Mode::Type)
            );
            if constant {
                new_args.push((a.clone(), Some(a)));
            } else {
                let h = self.hidden(a)?;
                hidden_args.push(self.default_type(self.ty(a)?));
                new_args.push((h, None));
            }
        }
        // The callee: a method's receiver is evaluated now unless it is a plain name (whose
        // address a pointer method takes: evaluating the name later denotes the same variable).
        let f = super::expr::strip_paren(func);
        let (new_func, recv_hidden) = match &f.kind {
            ExprKind::Selector(x, sel) => {
                let is_pkg = matches!(self.info_of(x).map(|i| &i.mode), Some(Mode::Package));
                let simple = matches!(&x.kind, ExprKind::Ident(_));
                let xt = if is_pkg { TypeId::INVALID } else { self.ty(x)? };
                let ptr_method = !is_pkg
                    && !matches!(self.types.get(xt), Type::Pointer(_))
                    && !self.types.is_interface(xt)
                    && matches!(
                        self.member_ref(xt, &sel.name),
                        Some(super::call::MemberRef::Method(_, _, true))
                    );
                let value_method = !is_pkg
                    && !self.types.is_interface(xt)
                    && matches!(
                        self.member_ref(xt, &sel.name),
                        Some(super::call::MemberRef::Method(_, _, false))
                    );
                let _ = value_method;
                if is_pkg || (simple && ptr_method) {
                    (f.clone(), None)
                } else if ptr_method {
                    // A pointer method: Go evaluates `&x` now.
                    let (h, pt) = self.hidden_addr(x, xt)?;
                    (
                        Expr::new(ExprKind::Selector(Box::new(h), sel.clone()), f.span),
                        Some(pt),
                    )
                } else {
                    let h = self.hidden(x)?;
                    let t = self.default_type(self.ty(x)?);
                    (
                        Expr::new(ExprKind::Selector(Box::new(h), sel.clone()), f.span),
                        Some(t),
                    )
                }
            }
            _ => (f.clone(), None),
        };
        let call = Expr::new(
            ExprKind::Call {
                func: Box::new(new_func),
                args: new_args.iter().map(|(a, _)| a.clone()).collect(),
                ellipsis: *ellipsis,
            },
            e.span,
        );
        let lit = FuncLit {
            ty: FuncType {
                params: vec![],
                results: vec![],
                span: e.span,
            },
            body: Block {
                stmts: vec![Stmt::new(StmtKind::Expr(call), e.span)],
                span: e.span,
            },
        };
        let lit_expr = Box::new(Expr::new(ExprKind::FuncLit(Box::new(lit)), e.span));
        self.synth.push(lit_expr);
        let lit_expr: *const Expr = &**self.synth.last().expect("just pushed");
        // SAFETY: the arena's boxes are never dropped or moved while the compiler lives.
        let lit_expr: &Expr = unsafe { &*lit_expr };
        let ExprKind::FuncLit(lit) = &lit_expr.kind else {
            unreachable!()
        };
        let StmtKind::Expr(call) = &lit.body.stmts[0].kind else {
            unreachable!()
        };
        let ExprKind::Call {
            func: nf,
            args: nargs,
            ..
        } = &call.kind
        else {
            unreachable!()
        };
        // Types: the literal, the call, the callee, the arguments.
        let ft = self.types.func(vec![], vec![], false);
        self.note(lit_expr, ft, Mode::Value);
        self.copy_info(e, call);
        self.copy_info(func, nf);
        if let (ExprKind::Selector(x, _), Some(t)) = (&nf.kind, recv_hidden) {
            self.note(x, t, Mode::Var);
        }
        let mut hi = hidden_args.into_iter();
        for ((_, orig), na) in new_args.iter().zip(nargs) {
            match orig {
                Some(o) => self.copy_info(o, na),
                None => {
                    let t = hi.next().expect("a hidden argument");
                    self.note(na, t, Mode::Var);
                }
            }
        }
        let r = self.func_lit(lit_expr, lit)?;
        Ok((r, 0))
    }

    /// `f := fmt.Println`: a standard function the compiler only knows how to call becomes
    /// the synthesized literal `func($p0 T0, ...) R { return pkg.F($p0, ...) }`.
    pub(crate) fn std_func_value(&mut self, e: &Expr) -> CResult<Reg> {
        self.call_wrapper(e, e.clone(), None)
    }

    /// `wg.Done` as a value, for a standard method the compiler only knows how to call: the
    /// receiver (its address, for a pointer method on a variable) is evaluated now into a
    /// hidden variable, and the literal calls the method on it.
    pub(crate) fn std_method_value(&mut self, e: &Expr, x: &Expr, sel: &Ident) -> CResult<Reg> {
        let xt = self.ty(x)?;
        let ptr_method = !matches!(self.types.get(xt), Type::Pointer(_))
            && matches!(
                self.member_ref(xt, &sel.name),
                Some(super::call::MemberRef::Method(_, _, true))
            );
        let (h, t) = if ptr_method {
            self.hidden_addr(x, xt)?
        } else {
            let t = self.default_type(xt);
            (self.hidden(x)?, t)
        };
        let callee = Expr::new(ExprKind::Selector(Box::new(h), sel.clone()), e.span);
        self.call_wrapper(e, callee, Some(t))
    }

    /// The literal `func($p0 T0, ...) R { return callee($p0, ...) }` for the function value `e`;
    /// `recv`: the type of the hidden receiver variable `callee` selects from.
    fn call_wrapper(&mut self, e: &Expr, callee: Expr, recv: Option<TypeId>) -> CResult<Reg> {
        let sig = self.ty(e)?;
        let Type::Func(s) = self.types.get(self.types.underlying(sig)).clone() else {
            return unsupported(e.span, "this function value");
        };
        let sp = e.span;
        let names: Vec<String> = (0..s.params.len())
            .map(|_| {
                self.synth_names += 1;
                format!("$p{}", self.synth_names)
            })
            .collect();
        let ident = |n: &String| Expr::new(ExprKind::Ident(n.clone()), sp);
        let call = Expr::new(
            ExprKind::Call {
                func: Box::new(callee),
                args: names.iter().map(ident).collect(),
                ellipsis: s.variadic,
            },
            sp,
        );
        let body = if s.results.is_empty() {
            StmtKind::Expr(call)
        } else {
            StmtKind::Return(vec![call])
        };
        let lit = FuncLit {
            ty: FuncType {
                params: names
                    .iter()
                    .map(|n| Field {
                        names: vec![Ident {
                            name: n.clone(),
                            span: sp,
                        }],
                        ty: Expr::new(ExprKind::Ident("_".into()), sp),
                        tag: None,
                        span: sp,
                    })
                    .collect(),
                results: vec![],
                span: sp,
            },
            body: Block {
                stmts: vec![Stmt::new(body, sp)],
                span: sp,
            },
        };
        self.synth
            .push(Box::new(Expr::new(ExprKind::FuncLit(Box::new(lit)), sp)));
        let lit_expr: *const Expr = &**self.synth.last().expect("just pushed");
        // SAFETY: the arena's boxes are never dropped or moved while the compiler lives.
        let lit_expr: &Expr = unsafe { &*lit_expr };
        let ExprKind::FuncLit(lit) = &lit_expr.kind else {
            unreachable!()
        };
        let call = match &lit.body.stmts[0].kind {
            StmtKind::Return(v) => &v[0],
            StmtKind::Expr(c) => c,
            _ => unreachable!(),
        };
        let ExprKind::Call { func, args, .. } = &call.kind else {
            unreachable!()
        };
        self.note(lit_expr, sig, Mode::Value);
        let rt = match s.results.len() {
            0 => TypeId::INVALID,
            1 => s.results[0],
            _ => self.types.tuple(s.results.clone()),
        };
        let mode = if s.results.is_empty() {
            Mode::NoValue
        } else {
            Mode::Value
        };
        self.note(call, rt, mode);
        self.copy_info(e, func);
        if let (ExprKind::Selector(x, _), Some(t)) = (&func.kind, recv) {
            self.note(x, t, Mode::Var);
        }
        for (a, t) in args.iter().zip(&s.params) {
            self.note(a, *t, Mode::Var);
        }
        self.func_lit(lit_expr, lit)
    }

    pub(crate) fn go_stmt(&mut self, e: &Expr) -> CResult<()> {
        let (base, n) = self.call_as_closure(e)?;
        self.f.emit(Op::Go { base, n });
        Ok(())
    }

    pub(crate) fn send_stmt(&mut self, ch: &Expr, v: &Expr) -> CResult<()> {
        let ct = self.ty(ch)?;
        let Type::Chan(_, et) = self.types.get(self.types.underlying(ct)).clone() else {
            return unsupported(ch.span, "sending on this");
        };
        let c = self.expr_as(ch, ct)?;
        let (r, fresh) = self.value_as(v, et)?;
        let r = if crate::vm::machine::is_aggregate(&self.types, et) && !fresh {
            self.copied(r, et)
        } else {
            r
        };
        self.f.emit(Op::Send { ch: c, src: r });
        Ok(())
    }

    /// `<-ch` (with `ok` in the next register when `comma_ok`).
    pub(crate) fn recv_expr(&mut self, ch: &Expr, comma_ok: bool) -> CResult<Reg> {
        let ct = self.ty(ch)?;
        let c = self.expr_as(ch, ct)?;
        let d = self.f.alloc_n(2);
        self.f.emit(Op::Recv {
            dst: d,
            ch: c,
            ok: comma_ok,
        });
        Ok(d)
    }

    pub(crate) fn make_chan(&mut self, et: TypeId, cap: Option<&Expr>) -> CResult<Reg> {
        let w = self.f.alloc_n(2);
        self.f.load_word(w, et.index() as u64);
        match cap {
            Some(c) => {
                let r = self.index_value(c)?;
                self.f.emit(Op::Move { dst: w + 1, src: r });
            }
            None => self.f.load_word(w + 1, 0),
        }
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::MakeChan as u16,
            base: w,
        });
        Ok(w)
    }

    pub(crate) fn select_stmt(&mut self, cases: &[CommClause], label: Option<&str>) -> CResult<()> {
        let mark = self.f.open();
        let n = cases.iter().filter(|c| c.comm.is_some()).count();
        let has_default = cases.iter().any(|c| c.comm.is_none());
        // Evaluate every channel and sent value first (in source order, as Go does).
        let mut table: Vec<(u64, Reg, Option<Reg>)> = Vec::new();
        for c in cases {
            let Some(comm) = &c.comm else { continue };
            match &comm.kind {
                StmtKind::Send(ch, v) => {
                    let ct = self.ty(ch)?;
                    let Type::Chan(_, et) = self.types.get(self.types.underlying(ct)).clone()
                    else {
                        return unsupported(ch.span, "this select case");
                    };
                    let cr = self.expr_as(ch, ct)?;
                    let (vr, fresh) = self.value_as(v, et)?;
                    let vr = if crate::vm::machine::is_aggregate(&self.types, et) && !fresh {
                        self.copied(vr, et)
                    } else {
                        vr
                    };
                    table.push((1, cr, Some(vr)));
                }
                _ => {
                    let ch = select_recv_chan(comm).ok_or_else(|| super::Unsupported {
                        span: comm.span,
                        what: "this select case".into(),
                        plain: false,
                    })?;
                    let ct = self.ty(ch)?;
                    let cr = self.expr_as(ch, ct)?;
                    table.push((0, cr, None));
                }
            }
        }
        let w = self.f.alloc_n(2 + 3 * n);
        self.f.load_word(w, n as u64);
        self.f.load_word(w + 1, has_default as u64);
        for (i, (kind, ch, v)) in table.iter().enumerate() {
            let at = w.wrapping_add((i as u16).wrapping_mul(3).wrapping_add(2));
            self.f.load_word(at, *kind);
            self.f.emit(Op::Move {
                dst: at + 1,
                src: *ch,
            });
            if let Some(v) = v {
                self.f.emit(Op::Move {
                    dst: at + 2,
                    src: *v,
                });
            }
        }
        self.f.emit(Op::Select { base: w });
        // Dispatch on the chosen case.
        self.f.loops.push(super::func::Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: false,
        });
        let mut ends = Vec::new();
        let mut i = 0u64;
        for c in cases {
            let idx = if c.comm.is_some() { i } else { n as u64 };
            if c.comm.is_some() {
                i += 1;
            }
            let m = self.f.next;
            let k = self.f.alloc();
            let cond = self.f.alloc();
            self.f.load_word(k, idx);
            self.f.emit(Op::EqWord {
                dst: cond,
                a: w,
                b: k,
            });
            let skip = self.f.emit(Op::JumpIfNot { cond, off: 0 });
            self.f.next = m;
            let body_mark = self.f.open();
            if let Some(comm) = &c.comm {
                self.select_bind(comm, w + 1)?;
            }
            for s in &c.body {
                self.stmt(s)?;
            }
            self.f.close(body_mark);
            ends.push(self.f.emit(Op::Jump { off: 0 }));
            self.f.patch(skip);
        }
        for e in ends {
            self.f.patch(e);
        }
        let lp = self.f.loops.pop().expect("select");
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    /// Binds or assigns a receive case's value (`R[v]`) and ok (`R[v+1]`).
    fn select_bind(&mut self, comm: &Stmt, v: Reg) -> CResult<()> {
        let StmtKind::Assign { lhs, op, rhs } = &comm.kind else {
            return Ok(());
        };
        let ch = select_recv_chan(comm).expect("a receive case");
        let ct = self.ty(ch)?;
        let Type::Chan(_, et) = self.types.get(self.types.underlying(ct)).clone() else {
            return unsupported(ch.span, "this select case");
        };
        let _ = rhs;
        let types = [et, TypeId::BOOL];
        for (i, l) in lhs.iter().enumerate() {
            if super::stmt::is_blank(l) {
                continue;
            }
            let src = v.wrapping_add(i as u16);
            if *op == AssignOp::Define {
                let ExprKind::Ident(n) = &l.kind else {
                    return unsupported(l.span, "this select case");
                };
                let r = self.f.alloc();
                self.f.emit(Op::Move { dst: r, src });
                self.declare_in(n, r, types[i]);
            } else {
                let lt = self.lhs_type(l)?;
                let p = self.place(l)?;
                let conv = self.convert_reg(src, types[i], lt);
                self.store_place(&p, conv, lt)?;
            }
        }
        Ok(())
    }
}

/// The channel of a receive case (`<-c`, `v := <-c`, `v, ok = <-c`).
fn select_recv_chan(comm: &Stmt) -> Option<&Expr> {
    let e = match &comm.kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { rhs, .. } => rhs.first()?,
        _ => return None,
    };
    match &super::expr::strip_paren(e).kind {
        ExprKind::Unary(UnOp::Recv, ch) => Some(ch),
        _ => None,
    }
}
