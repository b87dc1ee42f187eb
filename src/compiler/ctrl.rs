//! COMPILER: `range`, `switch` and type switches. Input: the checked statement. Output: its
//! loop or jump table in the current function (Go's semantics: a range expression is evaluated
//! once; ranging over a map walks a snapshot of its keys and skips keys deleted meanwhile;
//! switch cases are tested in order; `fallthrough` enters the next body).

use super::func::Loop;
use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

impl Compiler<'_> {
    pub(crate) fn range_stmt(&mut self, r: &RangeStmt, label: Option<&str>) -> CResult<()> {
        let mark = self.f.open();
        let xt = self.ty(&r.x)?;
        let u = self.types.underlying(xt);
        let kind = self.types.get(u).clone();
        // Ranging over an integer (Go 1.22).
        let (n_reg, idx) = (self.f.alloc(), self.f.alloc());
        let x = self.f.alloc();
        let (key_t, val_t, mode) = match &kind {
            Type::Basic(k) if k.is_integer() => {
                let t = self.default_type(xt);
                let v = self.expr_as(&r.x, t)?;
                self.f.emit(Op::Move { dst: n_reg, src: v });
                (t, TypeId::INVALID, 0)
            }
            Type::Basic(_) => {
                let v = self.expr_as(&r.x, xt)?;
                self.f.emit(Op::Move { dst: x, src: v });
                self.f.emit(Op::StrLen { dst: n_reg, a: x });
                (TypeId::INT, TypeId::INT32, 1)
            }
            Type::Slice(e) => {
                let v = self.expr_as(&r.x, xt)?;
                self.f.emit(Op::Move { dst: x, src: v });
                self.f.emit(Op::SliceLen { dst: n_reg, a: x });
                (TypeId::INT, *e, 2)
            }
            Type::Array(n, e) => {
                // The range expression is evaluated once: an array is copied (only needed when
                // its elements are read).
                let (v, fresh) = self.value_as(&r.x, xt)?;
                let v = if r.value.is_some() && !fresh {
                    self.copied(v, xt)
                } else {
                    v
                };
                self.f.emit(Op::Move { dst: x, src: v });
                self.f.load_word(n_reg, *n);
                (TypeId::INT, *e, 3)
            }
            Type::Pointer(p)
                if matches!(self.types.get(self.types.underlying(*p)), Type::Array(..)) =>
            {
                let Type::Array(n, e) = self.types.get(self.types.underlying(*p)).clone() else {
                    unreachable!()
                };
                let v = self.expr_as(&r.x, xt)?;
                self.f.emit(Op::Move { dst: x, src: v });
                self.f.load_word(n_reg, n);
                (TypeId::INT, e, 3)
            }
            Type::Map(k, v) => {
                let m = self.expr_as(&r.x, xt)?;
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: m });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapRange as u16,
                    base: w,
                });
                // x: the map, n_reg: entry count; the snapshot goes in `keys`, `keys + 1`.
                self.f.emit(Op::Move { dst: x, src: m });
                self.f.emit(Op::Move {
                    dst: n_reg,
                    src: w + 2,
                });
                let keys = self.f.alloc_n(2);
                self.f.emit(Op::Move { dst: keys, src: w });
                self.f.emit(Op::Move {
                    dst: keys + 1,
                    src: w + 1,
                });
                return self.range_map(r, label, mark, x, keys, n_reg, idx, *k, *v);
            }
            Type::Chan(_, e) => {
                let c = self.expr_as(&r.x, xt)?;
                self.f.emit(Op::Move { dst: x, src: c });
                return self.range_chan(r, label, mark, x, *e);
            }
            Type::Func(_) => {
                self.range_func(r, label, xt)?;
                self.f.close(mark);
                return Ok(());
            }
            _ => return unsupported(r.x.span, "range over this type"),
        };
        self.f.load_word(idx, 0);
        let top = self.f.pc();
        let cond = self.f.alloc();
        self.f.emit(Op::LtInt {
            dst: cond,
            a: idx,
            b: n_reg,
        });
        let exit = self.f.emit(Op::JumpIfNot { cond, off: 0 });
        let width = self.f.alloc();
        let body_mark = self.f.open();
        // The iteration's values.
        let kv = self.f.alloc_n(2);
        self.f.emit(Op::Move { dst: kv, src: idx });
        match mode {
            1 => {
                let w = self.f.alloc_n(2);
                self.f.emit(Op::Move { dst: w, src: x });
                self.f.emit(Op::Move {
                    dst: w + 1,
                    src: idx,
                });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::DecodeRune as u16,
                    base: w,
                });
                self.f.emit(Op::Move {
                    dst: kv + 1,
                    src: w,
                });
                self.f.emit(Op::Move {
                    dst: width,
                    src: w + 1,
                });
            }
            2 if r.value.is_some() => {
                self.f.emit(Op::SliceGet {
                    dst: kv + 1,
                    s: x,
                    i: idx,
                });
            }
            3 if r.value.is_some() => {
                self.f.emit(Op::ArrayGet {
                    dst: kv + 1,
                    arr: x,
                    i: idx,
                });
            }
            _ => {}
        }
        if r.value.is_some() && crate::vm::machine::is_aggregate(&self.types, val_t) {
            self.copy_reg(kv + 1, val_t);
        }
        self.range_bind(r, kv, key_t, val_t)?;
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: true,
        });
        for s in &r.body.stmts {
            self.stmt(s)?;
        }
        let lp = self.f.loops.pop().expect("loop");
        for c in lp.continues {
            self.f.patch(c);
        }
        self.f.close(body_mark);
        if mode == 1 {
            self.f.emit(Op::AddInt {
                dst: idx,
                a: idx,
                b: width,
            });
        } else {
            self.f.emit(Op::AddIntImm {
                dst: idx,
                a: idx,
                imm: 1,
            });
        }
        self.f.jump_to(top);
        self.f.patch(exit);
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    /// Binds or assigns the key and value of one iteration (in `kv`, `kv+1`).
    pub(crate) fn range_bind_pub(
        &mut self,
        r: &RangeStmt,
        kv: Reg,
        key_t: TypeId,
        val_t: TypeId,
    ) -> CResult<()> {
        self.range_bind(r, kv, key_t, val_t)
    }

    fn range_bind(&mut self, r: &RangeStmt, kv: Reg, key_t: TypeId, val_t: TypeId) -> CResult<()> {
        let pairs = [
            (r.key.as_ref(), kv, key_t),
            (r.value.as_ref(), kv + 1, val_t),
        ];
        // Assignment (`for i, x[i] = range y`): as in any assignment, the index and pointer
        // operands on the left are evaluated first, then the variables are assigned in order.
        let mut stores = Vec::new();
        let mark = self.f.next;
        for (e, reg, t) in pairs {
            let Some(e) = e else { continue };
            if super::stmt::is_blank(e) {
                continue;
            }
            if r.define {
                let ExprKind::Ident(n) = &e.kind else {
                    return unsupported(e.span, "range variable");
                };
                let v = self.f.alloc();
                self.f.emit(Op::Move { dst: v, src: reg });
                self.declare_in(n, v, t);
            } else {
                let mut p = self.place(e)?;
                self.stabilize(&mut p, mark);
                stores.push((p, self.ty(e)?, reg, t));
            }
        }
        for (p, lt, reg, t) in stores {
            let conv = self.convert_reg(reg, t, lt);
            self.store_place(&p, conv, lt)?;
        }
        Ok(())
    }

    /// `for v := range ch`: receives until the channel is closed and drained.
    fn range_chan(
        &mut self,
        r: &RangeStmt,
        label: Option<&str>,
        mark: u16,
        ch: Reg,
        et: TypeId,
    ) -> CResult<()> {
        let top = self.f.pc();
        let v = self.f.alloc_n(2);
        self.f.emit(Op::Recv {
            dst: v,
            ch,
            ok: true,
        });
        let exit = self.f.emit(Op::JumpIfNot {
            cond: v + 1,
            off: 0,
        });
        let body_mark = self.f.open();
        self.range_bind(r, v, et, TypeId::INVALID)?;
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: true,
        });
        for s in &r.body.stmts {
            self.stmt(s)?;
        }
        let lp = self.f.loops.pop().expect("loop");
        for c in lp.continues {
            self.f.patch(c);
        }
        self.f.close(body_mark);
        self.f.jump_to(top);
        self.f.patch(exit);
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn range_map(
        &mut self,
        r: &RangeStmt,
        label: Option<&str>,
        mark: u16,
        map: Reg,
        keys: Reg,
        n: Reg,
        idx: Reg,
        kt: TypeId,
        vt: TypeId,
    ) -> CResult<()> {
        self.f.load_word(idx, 0);
        let top = self.f.pc();
        let cond = self.f.alloc();
        self.f.emit(Op::LtInt {
            dst: cond,
            a: idx,
            b: n,
        });
        let exit = self.f.emit(Op::JumpIfNot { cond, off: 0 });
        let body_mark = self.f.open();
        let kv = self.f.alloc_n(2);
        self.f.emit(Op::ArrayGet {
            dst: kv,
            arr: keys,
            i: idx,
        });
        // Look the key up: deleted keys are skipped, the value is the current one.
        let w = self.f.alloc_n(4);
        self.f.emit(Op::Move { dst: w, src: map });
        self.f.emit(Op::Move {
            dst: w + 1,
            src: kv,
        });
        self.f.emit(Op::ArrayGet {
            dst: w + 2,
            arr: keys + 1,
            i: idx,
        });
        self.f.load_word(w + 3, vt.index() as u64);
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::MapRangeGet as u16,
            base: w,
        });
        let skip = self.f.emit(Op::JumpIfNot {
            cond: w + 1,
            off: 0,
        });
        self.f.emit(Op::Move {
            dst: kv + 1,
            src: w,
        });
        if crate::vm::machine::is_aggregate(&self.types, vt) {
            self.copy_reg(kv + 1, vt);
        }
        self.range_bind(r, kv, kt, vt)?;
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: true,
        });
        for s in &r.body.stmts {
            self.stmt(s)?;
        }
        let lp = self.f.loops.pop().expect("loop");
        for c in lp.continues {
            self.f.patch(c);
        }
        self.f.patch(skip);
        self.f.close(body_mark);
        self.f.emit(Op::AddIntImm {
            dst: idx,
            a: idx,
            imm: 1,
        });
        self.f.jump_to(top);
        self.f.patch(exit);
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    pub(crate) fn switch_stmt(&mut self, sw: &SwitchStmt, label: Option<&str>) -> CResult<()> {
        let mark = self.f.open();
        if let Some(init) = &sw.init {
            self.stmt(init)?;
        }
        let tag = match &sw.tag {
            Some(t) => {
                let tt = self.default_type(self.ty(t)?);
                let r = self.f.alloc();
                let v = self.expr_as(t, tt)?;
                self.f.emit(Op::Move { dst: r, src: v });
                Some((r, tt))
            }
            None => None,
        };
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: false,
        });
        // Tests first, each jumping to its body; then the bodies in order.
        let mut body_jumps: Vec<Vec<usize>> = Vec::new();
        let mut default = None;
        for (i, c) in sw.cases.iter().enumerate() {
            let mut js = Vec::new();
            match &c.exprs {
                None => default = Some(i),
                Some(es) => {
                    for e in es {
                        let m = self.f.next;
                        let cond = match tag {
                            Some((r, tt)) => {
                                let et = self.ty(e)?;
                                let ct = if self.types.is_interface(tt)
                                    || !self.types.is_interface(et)
                                {
                                    tt
                                } else {
                                    et
                                };
                                let a = self.convert_reg(r, tt, ct);
                                let b = self.expr_as(e, ct)?;
                                let d = self.f.alloc();
                                self.compare(BinOp::Eq, ct, d, a, b, e.span)?;
                                d
                            }
                            None => self.expr_as(e, TypeId::BOOL)?,
                        };
                        self.f.next = m;
                        js.push(self.f.emit(Op::JumpIf { cond, off: 0 }));
                    }
                }
            }
            body_jumps.push(js);
        }
        let to_default = self.f.emit(Op::Jump { off: 0 });
        let mut ends = Vec::new();
        let mut fall: Option<usize> = None;
        for (i, c) in sw.cases.iter().enumerate() {
            for j in &body_jumps[i] {
                self.f.patch(*j);
            }
            if default == Some(i) {
                self.f.patch(to_default);
            }
            if let Some(f) = fall.take() {
                self.f.patch(f);
            }
            let body_mark = self.f.open();
            let (body, falls) = match c.body.last() {
                Some(Stmt {
                    kind: StmtKind::Branch(BranchKind::Fallthrough, _),
                    ..
                }) => (&c.body[..c.body.len() - 1], true),
                _ => (&c.body[..], false),
            };
            for s in body {
                self.stmt(s)?;
            }
            self.f.close(body_mark);
            if falls {
                fall = Some(self.f.emit(Op::Jump { off: 0 }));
            } else {
                ends.push(self.f.emit(Op::Jump { off: 0 }));
            }
        }
        if default.is_none() {
            self.f.patch(to_default);
        }
        if let Some(f) = fall {
            self.f.patch(f);
        }
        for e in ends {
            self.f.patch(e);
        }
        let lp = self.f.loops.pop().expect("switch");
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    pub(crate) fn type_switch(&mut self, ts: &TypeSwitchStmt, label: Option<&str>) -> CResult<()> {
        let mark = self.f.open();
        if let Some(init) = &ts.init {
            self.stmt(init)?;
        }
        // The parser keeps the operand of `x.(type)` (without the assertion).
        let x = match &ts.x.kind {
            ExprKind::TypeAssert(x, None) => &**x,
            _ => &ts.x,
        };
        let xt = self.ty(x)?;
        let xr = self.f.alloc();
        let v = self.expr_as(x, xt)?;
        self.f.emit(Op::Move { dst: xr, src: v });
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: false,
        });
        let mut ends = Vec::new();
        let mut default = None;
        for (i, c) in ts.cases.iter().enumerate() {
            let Some(es) = &c.exprs else {
                default = Some(i);
                continue;
            };
            let mut hits = Vec::new();
            let mut single: Option<TypeId> = None;
            for e in es {
                let m = self.f.next;
                let w = self.f.alloc_n(4);
                if matches!(&e.kind, ExprKind::Ident(n) if n == "nil") {
                    self.f.emit(Op::LoadInt { dst: w, imm: 0 });
                    self.f.emit(Op::EqWord {
                        dst: w,
                        a: xr,
                        b: w,
                    });
                    hits.push(self.f.emit(Op::JumpIf { cond: w, off: 0 }));
                    self.f.next = m;
                    continue;
                }
                let t = self.ty(e)?;
                single = if es.len() == 1 { Some(t) } else { None };
                self.f.emit(Op::Move { dst: w, src: xr });
                self.f.load_word(w + 1, t.index() as u64);
                self.f.load_word(w + 2, 1);
                self.f.load_word(w + 3, xt.index() as u64);
                let f = if self.types.is_interface(t) {
                    Rt::AssertIface
                } else {
                    Rt::AssertType
                };
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: f as u16,
                    base: w,
                });
                hits.push(self.f.emit(Op::JumpIf {
                    cond: w + 1,
                    off: 0,
                }));
                self.f.next = m;
            }
            let skip = self.f.emit(Op::Jump { off: 0 });
            for h in hits {
                self.f.patch(h);
            }
            self.case_body(ts, c, xr, xt, single)?;
            ends.push(self.f.emit(Op::Jump { off: 0 }));
            self.f.patch(skip);
        }
        if let Some(d) = default {
            self.case_body(ts, &ts.cases[d], xr, xt, None)?;
        }
        for e in ends {
            self.f.patch(e);
        }
        let lp = self.f.loops.pop().expect("switch");
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    /// A type switch clause's body, with its bound variable typed by the clause.
    fn case_body(
        &mut self,
        ts: &TypeSwitchStmt,
        c: &CaseClause,
        xr: Reg,
        xt: TypeId,
        single: Option<TypeId>,
    ) -> CResult<()> {
        let body_mark = self.f.open();
        if let Some(b) = &ts.bind {
            let r = self.f.alloc();
            match single {
                Some(t) if !self.types.is_interface(t) => {
                    let w = self.f.alloc_n(4);
                    self.f.emit(Op::Move { dst: w, src: xr });
                    self.f.load_word(w + 1, t.index() as u64);
                    self.f.load_word(w + 2, 1);
                    self.f.load_word(w + 3, xt.index() as u64);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::AssertType as u16,
                        base: w,
                    });
                    self.f.emit(Op::Move { dst: r, src: w });
                    self.f.next -= 4;
                    self.declare_in(&b.name, r, t);
                }
                Some(t) => {
                    self.f.emit(Op::Move { dst: r, src: xr });
                    self.declare_in(&b.name, r, t);
                }
                None => {
                    self.f.emit(Op::Move { dst: r, src: xr });
                    self.declare_in(&b.name, r, xt);
                }
            }
        }
        for s in &c.body {
            self.stmt(s)?;
        }
        self.f.close(body_mark);
        Ok(())
    }
}
