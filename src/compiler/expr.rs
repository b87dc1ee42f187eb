//! COMPILER: expressions. Input: a checked expression and the type its context wants. Output:
//! the register holding its value (a variable's own register, or a temporary), converted to the
//! wanted type (untyped constants materialized, concrete values boxed into interfaces), and
//! places (`x`, `s.f`, `a[i]`, `*p`, `m[k]`) for assignment.

use super::func::Var;
use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::rtsub::ComplexOp;
use crate::bytecode::Op;
use crate::types::constant::{BasicKind, Value};
use crate::types::operand::Mode;
use crate::types::ty::{Type, TypeId};
use crate::vm::machine::is_aggregate;
use crate::vm::rt::Rt;

/// An assignable location.
pub enum Place {
    Var(Var),
    Field {
        obj: Reg,
        idx: u16,
    },
    Slice {
        s: Reg,
        i: Reg,
    },
    Array {
        arr: Reg,
        i: Reg,
    },
    /// Through an INTERIOR pointer (non-aggregate pointee), or the aggregate object itself.
    Ptr {
        p: Reg,
    },
    Map {
        m: Reg,
        k: Reg,
    },
    Blank,
}

impl Compiler<'_> {
    pub(crate) fn default_type(&self, t: TypeId) -> TypeId {
        match self.types.basic_kind(t) {
            Some(k) if k.is_untyped() => match k {
                BasicKind::UntypedBool => TypeId::BOOL,
                BasicKind::UntypedInt => TypeId::INT,
                BasicKind::UntypedRune => TypeId::INT32,
                BasicKind::UntypedFloat => TypeId::FLOAT64,
                BasicKind::UntypedComplex => TypeId::COMPLEX128,
                BasicKind::UntypedString => TypeId::STRING,
                _ => t,
            },
            _ => t,
        }
    }

    /// The word for constant `v` as a value of type `t` (not an interface).
    fn const_word(
        &mut self,
        v: &Value,
        t: TypeId,
        span: crate::span::Span,
    ) -> CResult<Option<u64>> {
        let k = self.types.basic_kind(self.types.underlying(t));
        Ok(match k {
            Some(k) if k.is_integer() => Some(
                match v
                    .to_int()
                    .and_then(|i| i.to_i64().or_else(|| i.to_u64().map(|u| u as i64)))
                {
                    Some(i) => i as u64,
                    None => return unsupported(span, "this integer constant"),
                },
            ),
            Some(BasicKind::Float32) => Some((v.to_f32().unwrap_or(0.0) as f64).to_bits()),
            Some(k) if k.is_float() => Some(v.to_f64().unwrap_or(0.0).to_bits()),
            Some(k) if k.is_boolean() => Some(v.as_bool().unwrap_or(false) as u64),
            Some(k) if k.is_string() => None,
            Some(k) if k.is_complex() => return unsupported(span, "complex numbers"),
            _ => return unsupported(span, "a constant of this type"),
        })
    }

    /// Loads constant `v` of (typed) type `t` into `dst`.
    pub(super) fn load_const(
        &mut self,
        dst: Reg,
        v: &Value,
        t: TypeId,
        span: crate::span::Span,
    ) -> CResult<()> {
        if let Some(k) = self
            .types
            .basic_kind(self.types.underlying(t))
            .filter(|k| k.is_complex())
        {
            // A complex constant: its parts, then a fresh complex object.
            let c = v.to_complex().unwrap_or_else(|| Value::from_i64(0));
            let part = |p: Option<Value>| {
                let f = p.and_then(|x| x.to_f64()).unwrap_or(0.0);
                if k == BasicKind::Complex64 {
                    f as f32 as f64
                } else {
                    f
                }
            };
            let (re, im) = (part(c.real()), part(c.imag()));
            let w = self.f.alloc_n(3);
            self.f.load_word(w + 1, re.to_bits());
            self.f.load_word(w + 2, im.to_bits());
            self.f.emit(Op::Rt {
                sub: ComplexOp::Make as u16,
                f: Rt::Complex as u16,
                base: w,
            });
            self.f.emit(Op::Move { dst, src: w });
            return Ok(());
        }
        match self.const_word(v, t, span)? {
            Some(w) => self.f.load_word(dst, w),
            None => {
                let bytes = v.to_bytes().unwrap_or(&[]).to_vec();
                if bytes.is_empty() {
                    self.f.load_word(dst, 0);
                } else {
                    let k = self.f.new_const(0);
                    self.f.strings.push((k, bytes));
                    self.f.emit(Op::LoadConst { dst, k });
                }
            }
        }
        Ok(())
    }

    /// Compiles `e` for its side effects.
    pub(crate) fn expr_discard(&mut self, e: &Expr) -> CResult<()> {
        let m = self.f.next;
        match &e.kind {
            ExprKind::Call { .. } => {
                self.call(e, 0)?;
            }
            _ => {
                self.expr(e)?;
            }
        }
        self.f.next = m;
        Ok(())
    }

    /// `e` as a value of type `want`; the register may be a variable's own: do not write it.
    pub(crate) fn expr_as(&mut self, e: &Expr, want: TypeId) -> CResult<Reg> {
        Ok(self.value_as(e, want)?.0)
    }

    /// `e` as a value of type `want`, and whether the value is fresh (an aggregate no one else
    /// holds).
    pub(crate) fn value_as(&mut self, e: &Expr, want: TypeId) -> CResult<(Reg, bool)> {
        if let Some(info) = self.info_of(e) {
            if let Mode::Const(v) = &info.mode {
                let v = v.clone();
                let ct = if self.types.is_untyped(info.ty) || want == TypeId::INVALID {
                    want
                } else {
                    info.ty
                };
                let ct = if ct == TypeId::INVALID || self.types.is_interface(ct) {
                    self.default_type(info.ty)
                } else {
                    ct
                };
                let dst = self.f.alloc();
                self.load_const(dst, &v, ct, e.span)?;
                return Ok((self.convert_reg(dst, ct, want), true));
            }
            if let Mode::Nil = info.mode {
                let dst = self.f.alloc();
                self.f.load_word(dst, 0);
                return Ok((dst, true));
            }
        }
        let t = self.ty(e)?;
        let (r, fresh) = self.expr(e)?;
        let from = if self.types.is_untyped(t) {
            self.default_type(t)
        } else {
            t
        };
        if want != TypeId::INVALID
            && self.types.is_interface(want)
            && !self.types.is_interface(from)
        {
            let r = if is_aggregate(&self.types, from) && !fresh {
                self.copied(r, from)
            } else {
                r
            };
            return Ok((self.convert_reg(r, from, want), true));
        }
        Ok((r, fresh))
    }

    /// A register holding a fresh copy of aggregate `r`.
    pub(crate) fn copied(&mut self, r: Reg, t: TypeId) -> Reg {
        let w = self.f.alloc_n(2);
        self.f.load_word(w, t.index() as u64);
        self.f.emit(Op::Move { dst: w + 1, src: r });
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::Copy as u16,
            base: w,
        });
        w
    }

    pub(crate) fn copy_reg(&mut self, r: Reg, t: TypeId) {
        let c = self.copied(r, t);
        self.f.emit(Op::Move { dst: r, src: c });
    }

    /// `r` (of type `from`) as a value of type `to`: boxes concrete values into interfaces.
    pub(crate) fn convert_reg(&mut self, r: Reg, from: TypeId, to: TypeId) -> Reg {
        if to == TypeId::INVALID
            || from == to
            || !self.types.is_interface(to)
            || self.types.is_interface(from)
            || from == TypeId::UNTYPED_NIL
        {
            return r;
        }
        let from = self.default_type(from);
        let w = self.f.alloc_n(2);
        self.f.load_word(w, from.index() as u64);
        self.f.emit(Op::Move { dst: w + 1, src: r });
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::Box as u16,
            base: w,
        });
        w
    }

    pub(crate) fn zero_into(&mut self, r: Reg, t: TypeId) {
        if is_aggregate(&self.types, t) {
            let w = self.f.alloc();
            self.f.load_word(w, t.index() as u64);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::Zero as u16,
                base: w,
            });
            self.f.emit(Op::Move { dst: r, src: w });
            self.f.next -= 1;
        } else {
            self.f.load_word(r, 0);
        }
    }

    pub(crate) fn load_var(&mut self, v: Var, dst: Reg) {
        match v {
            Var::Reg(r, _) => {
                self.f.emit(Op::Move { dst, src: r });
            }
            Var::Boxed(r, _) => {
                self.f.emit(Op::LoadField {
                    dst,
                    obj: r,
                    idx: 0,
                });
            }
            Var::Global(i, _) => {
                self.f.emit(Op::LoadGlobal { dst, idx: i });
            }
            Var::Spilled(i, t) => {
                let v = self.unspill(i, t);
                self.load_var(v, dst);
            }
        }
    }

    /// Stores `src` (of type `t`, already converted) into variable `v`.
    pub(crate) fn store_var(&mut self, v: Var, src: Reg, t: TypeId) -> CResult<()> {
        let vt = v.ty();
        let src = self.convert_reg(src, t, vt);
        if is_aggregate(&self.types, vt) {
            let cur = self.f.alloc();
            self.load_var(v, cur);
            self.copy_into(cur, src, vt);
            return Ok(());
        }
        match v {
            Var::Reg(r, _) => {
                self.f.emit(Op::Move { dst: r, src });
            }
            Var::Boxed(r, _) => {
                self.f.emit(Op::StoreField {
                    obj: r,
                    idx: 0,
                    src,
                });
            }
            Var::Global(i, _) => {
                self.f.emit(Op::StoreGlobal { idx: i, src });
            }
            Var::Spilled(i, t) => {
                let v = self.unspill(i, t);
                return self.store_var(v, src, vt);
            }
        }
        Ok(())
    }

    fn copy_into(&mut self, dst: Reg, src: Reg, t: TypeId) {
        let w = self.f.alloc_n(3);
        self.f.load_word(w, t.index() as u64);
        self.f.emit(Op::Move {
            dst: w + 1,
            src: dst,
        });
        self.f.emit(Op::Move { dst: w + 2, src });
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::CopyInto as u16,
            base: w,
        });
    }

    /// Spilled local `i`: its box (an aggregate: its object) loaded from the spill record into a
    /// temporary.
    pub(crate) fn unspill(&mut self, i: u32, t: TypeId) -> Var {
        // The first attempt at a spilling function has no record yet: its code is discarded.
        let rec = self.f.spill.map_or(0, |(rec, _)| rec);
        let r = self.f.alloc();
        self.f.load_word(r, i as u64);
        self.f.emit(Op::ArrayGet {
            dst: r,
            arr: rec,
            i: r,
        });
        if is_aggregate(&self.types, t) {
            Var::Reg(r, t)
        } else {
            Var::Boxed(r, t)
        }
    }

    /// Resolves a name used as a value.
    pub(crate) fn name_var(&mut self, n: &str) -> Option<Var> {
        if let Some(v) = self.f.lookup(n) {
            if let Var::Spilled(i, t) = v {
                return Some(self.unspill(i, t));
            }
            return Some(v);
        }
        // A closure's free variable: its box (or aggregate object) is loaded from the closure
        // at each use, so no register has to stay reserved for it.
        let mut i = self.f.captures.iter().position(|(c, _)| c == n);
        if i.is_none() && self.capture(n) {
            i = Some(self.f.captures.len() - 1);
        }
        if let Some(i) = i {
            let r = self.f.alloc();
            self.f.emit(Op::GetCapture {
                dst: r,
                idx: i as u32,
            });
            return Some(match self.f.captures[i].1 {
                Var::Boxed(_, t) => Var::Boxed(r, t),
                v => Var::Reg(r, v.ty()),
            });
        }
        let &(i, t) = self.globals.get(n)?;
        if self.boxed_globals.contains(&i) {
            // REPL: the slot holds the variable's box (so `&x` works, as for a local).
            let r = self.f.alloc();
            self.f.emit(Op::LoadGlobal { dst: r, idx: i });
            return Some(Var::Boxed(r, t));
        }
        Some(Var::Global(i, t))
    }

    pub(crate) fn expr(&mut self, e: &Expr) -> CResult<(Reg, bool)> {
        if let Some(info) = self.info_of(e) {
            if let Mode::Const(_) | Mode::Nil = info.mode {
                let t = self.default_type(info.ty);
                return self.value_as(e, t);
            }
        }
        if let Some(id) = self.instance_func(e) {
            // A generic function instance as a value (`F[int]`, or `F` inferred).
            let w = self.f.alloc_n(2);
            self.f.load_word(w, id as u64);
            self.f.load_word(w + 1, 0);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::MakeClosure as u16,
                base: w,
            });
            return Ok((w, true));
        }
        match &e.kind {
            ExprKind::Paren(x) => self.expr(x),
            ExprKind::Ident(n) => {
                if let Some(v) = self.name_var(n) {
                    // A variable in a register is read in place (callers never write a
                    // register they did not allocate).
                    if let Var::Reg(r, _) = v {
                        return Ok((r, false));
                    }
                    let dst = self.f.alloc();
                    self.load_var(v, dst);
                    return Ok((dst, false));
                }
                if let Some(&id) = self.funcs.get(n.as_str()) {
                    let w = self.f.alloc_n(2);
                    self.f.load_word(w, id as u64);
                    self.f.load_word(w + 1, 0);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::MakeClosure as u16,
                        base: w,
                    });
                    return Ok((w, true));
                }
                // A variable of a dot-imported package (`import . "os"`; `Args`): its native
                // yields the value, as for `os.Args`.
                if let Some(path) = self.info.dot_members.get(n.as_str()).cloned() {
                    let sym = format!("{path}.{n}");
                    let is_func = matches!(
                        self.info_of(e).map(|i| self.types.get(i.ty)),
                        Some(crate::types::ty::Type::Func(_))
                    );
                    if let (false, Some(f)) = (is_func, crate::stdlib::natives::lookup(&sym)) {
                        let id = self.native_id(&sym, f);
                        let d = self.f.alloc();
                        self.f.emit(Op::CallNative { id, base: d });
                        return Ok((d, false));
                    }
                }
                unsupported(e.span, format!("the name `{n}` here"))
            }
            ExprKind::Binary(op, a, b) => self.binary(e, *op, a, b),
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Star(x) => {
                let t = self.ty(e)?;
                let p = self.expr_as(x, self.ty(x)?)?;
                if is_aggregate(&self.types, t) {
                    let d = self.f.alloc();
                    let z = self.f.alloc();
                    self.f.load_word(z, 0);
                    // A nil pointer to an aggregate: LoadField of word 0 panics like Go.
                    self.f.emit(Op::EqWord { dst: d, a: p, b: z });
                    let ok = self.f.emit(Op::JumpIfNot { cond: d, off: 0 });
                    self.f.emit(Op::LoadField {
                        dst: d,
                        obj: z,
                        idx: 0,
                    });
                    self.f.patch(ok);
                    return Ok((p, false));
                }
                let d = self.f.alloc();
                self.f.emit(Op::LoadPtr { dst: d, p });
                Ok((d, false))
            }
            ExprKind::Call { .. } => {
                let r = self.call(e, 1)?;
                Ok((r, true))
            }
            ExprKind::Selector(x, sel) => self.selector(e, x, sel),
            ExprKind::Index(x, idx) => self.index(e, x, &idx[0]),
            ExprKind::Slice { x, lo, hi, max } => {
                self.slice_expr(x, lo.as_deref(), hi.as_deref(), max.as_deref())
            }
            ExprKind::CompositeLit { .. } => {
                let t = self.ty(e)?;
                Ok((self.composite(e, t)?, true))
            }
            ExprKind::FuncLit(f) => Ok((self.func_lit(e, f)?, true)),
            ExprKind::TypeAssert(x, Some(t)) => {
                let (v, _) = self.type_assert(x, t, false)?;
                Ok((v, true))
            }
            _ => unsupported(
                e.span,
                format!("this expression (`{}`)", self.snippet(e.span)),
            ),
        }
    }

    /// `x.(T)`: the value, and the ok register when `comma_ok`.
    pub(crate) fn type_assert(
        &mut self,
        x: &Expr,
        t: &Expr,
        comma_ok: bool,
    ) -> CResult<(Reg, Reg)> {
        let xt = self.ty(x)?;
        let tt = self.ty(t)?;
        let v = self.expr_as(x, xt)?;
        let w = self.f.alloc_n(4);
        self.f.emit(Op::Move { dst: w, src: v });
        self.f.load_word(w + 1, tt.index() as u64);
        self.f.load_word(w + 2, comma_ok as u64);
        self.f.load_word(w + 3, xt.index() as u64);
        let f = if self.types.is_interface(tt) {
            Rt::AssertIface
        } else {
            Rt::AssertType
        };
        self.f.emit(Op::Rt {
            sub: 0,
            f: f as u16,
            base: w,
        });
        Ok((w, w + 1))
    }

    fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> CResult<(Reg, bool)> {
        let t = self.ty(e)?;
        let t = self.default_type(t);
        match op {
            UnOp::Pos => self.value_as(x, t),
            UnOp::Neg => {
                let a = self.expr_as(x, t)?;
                let d = self.f.alloc();
                if self.is_complex(t) {
                    self.complex(ComplexOp::Neg, d, a, a);
                    self.wrap(d, t);
                } else if self.is_float(t) {
                    self.f.emit(Op::NegF64 { dst: d, a });
                } else {
                    self.f.emit(Op::NegInt { dst: d, a });
                    self.wrap(d, t);
                }
                Ok((d, true))
            }
            UnOp::Not => {
                let a = self.expr_as(x, t)?;
                let d = self.f.alloc();
                self.f.emit(Op::Not { dst: d, a });
                Ok((d, true))
            }
            UnOp::Xor => {
                let a = self.expr_as(x, t)?;
                let d = self.f.alloc();
                self.f.emit(Op::BitNot { dst: d, a });
                self.wrap(d, t);
                Ok((d, true))
            }
            UnOp::Addr => self.addr(x),
            UnOp::Recv => Ok((self.recv_expr(x, false)?, true)),
            _ => unsupported(e.span, "this operator"),
        }
    }

    /// `&x`.
    pub(crate) fn addr(&mut self, x: &Expr) -> CResult<(Reg, bool)> {
        let x = strip_paren(x);
        let t = self.ty(x)?;
        if let ExprKind::CompositeLit { .. } = &x.kind {
            // &T{...}: the fresh object is the pointer (aggregates), or a fresh box.
            let (v, _) = self.expr(x)?;
            if is_aggregate(&self.types, t) {
                return Ok((v, true));
            }
            let w = self.f.alloc_n(2);
            let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
            self.f.load_word(w, is_ref);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::NewBox as u16,
                base: w,
            });
            self.f.emit(Op::StoreField {
                obj: w,
                idx: 0,
                src: v,
            });
            self.f.load_word(w + 1, 0);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::Interior as u16,
                base: w,
            });
            return Ok((w, true));
        }
        if is_aggregate(&self.types, t) {
            // The pointer to an aggregate is its object.
            let place = self.place(x)?;
            let v = self.load_place(&place, t)?;
            if let Place::Ptr { p } = place {
                // `&*p` faults on a nil p, as in Go.
                self.nil_check(p);
            }
            return Ok((v, true));
        }
        let place = self.place(x)?;
        let w = self.f.alloc_n(2);
        match place {
            Place::Var(Var::Boxed(r, _)) => {
                self.f.emit(Op::Move { dst: w, src: r });
                self.f.load_word(w + 1, 0);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Interior as u16,
                    base: w,
                });
            }
            Place::Var(Var::Global(i, _)) => {
                return unsupported(x.span, format!("the address of global {}", i));
            }
            Place::Field { obj, idx } => {
                self.f.emit(Op::Move { dst: w, src: obj });
                self.f.load_word(w + 1, idx as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Interior as u16,
                    base: w,
                });
            }
            Place::Array { arr, i } => {
                // Bounds-check through a read first.
                let d = self.f.alloc();
                self.f.emit(Op::ArrayGet { dst: d, arr, i });
                self.f.emit(Op::Move { dst: w, src: arr });
                self.f.emit(Op::Move { dst: w + 1, src: i });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Interior as u16,
                    base: w,
                });
            }
            Place::Slice { s, i } => {
                self.f.emit(Op::Move { dst: w, src: s });
                self.f.emit(Op::Move { dst: w + 1, src: i });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::SliceAddr as u16,
                    base: w,
                });
            }
            Place::Ptr { p } => {
                self.nil_check(p);
                return Ok((p, false));
            }
            _ => return unsupported(x.span, "taking this address"),
        }
        Ok((w, true))
    }

    /// Panics (Go's nil dereference) when the pointer in `p` is nil.
    pub(crate) fn nil_check(&mut self, p: Reg) {
        let w = self.f.alloc();
        self.f.emit(Op::Move { dst: w, src: p });
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::NilCheck as u16,
            base: w,
        });
    }

    /// The place `e` denotes, with its operands evaluated.
    pub(crate) fn place(&mut self, e: &Expr) -> CResult<Place> {
        let e = strip_paren(e);
        match &e.kind {
            ExprKind::Ident(n) if n == "_" => Ok(Place::Blank),
            ExprKind::Ident(n) => match self.name_var(n) {
                Some(v) => Ok(Place::Var(v)),
                None => unsupported(e.span, format!("assigning to `{n}`")),
            },
            ExprKind::Star(x) => {
                let p = self.expr_as(x, self.ty(x)?)?;
                Ok(Place::Ptr { p })
            }
            ExprKind::Selector(x, sel) => {
                let (obj, idx) = self.field_obj(x, sel)?;
                Ok(Place::Field { obj, idx })
            }
            ExprKind::Index(x, idx) => {
                let xt = self.ty(x)?;
                let u = self.types.underlying(xt);
                match self.types.get(u).clone() {
                    Type::Map(k, _) => {
                        let m = self.expr_as(x, xt)?;
                        let kr = self.value_as(&idx[0], k)?;
                        let kr = if is_aggregate(&self.types, k) && !kr.1 {
                            self.copied(kr.0, k)
                        } else {
                            kr.0
                        };
                        Ok(Place::Map { m, k: kr })
                    }
                    Type::Slice(_) => {
                        let s = self.expr_as(x, xt)?;
                        let i = self.index_value(&idx[0])?;
                        Ok(Place::Slice { s, i })
                    }
                    Type::Array(..) => {
                        let arr = self.array_obj(x)?;
                        let i = self.index_value(&idx[0])?;
                        Ok(Place::Array { arr, i })
                    }
                    Type::Pointer(_) => {
                        let arr = self.expr_as(x, xt)?;
                        let i = self.index_value(&idx[0])?;
                        Ok(Place::Array { arr, i })
                    }
                    _ => unsupported(e.span, "assigning to this index expression"),
                }
            }
            _ => unsupported(e.span, "assigning to this expression"),
        }
    }

    /// The object register of an array-typed operand (a variable's own object when it is one).
    fn array_obj(&mut self, x: &Expr) -> CResult<Reg> {
        let xt = self.ty(x)?;
        let p = self.place(x)?;
        self.load_place(&p, xt)
    }

    pub(crate) fn index_value(&mut self, i: &Expr) -> CResult<Reg> {
        let t = self.default_type(self.ty(i)?);
        self.expr_as(i, t)
    }

    pub(crate) fn load_place(&mut self, p: &Place, t: TypeId) -> CResult<Reg> {
        let d = self.f.alloc();
        match *p {
            Place::Var(v) => self.load_var(v, d),
            Place::Field { obj, idx } => {
                self.f.emit(Op::LoadField { dst: d, obj, idx });
            }
            Place::Slice { s, i } => {
                self.f.emit(Op::SliceGet { dst: d, s, i });
            }
            Place::Array { arr, i } => {
                self.f.emit(Op::ArrayGet { dst: d, arr, i });
            }
            Place::Ptr { p } => {
                if is_aggregate(&self.types, t) {
                    return Ok(p);
                }
                self.f.emit(Op::LoadPtr { dst: d, p });
            }
            Place::Map { m, k } => {
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: m });
                self.f.emit(Op::Move { dst: w + 1, src: k });
                self.f.load_word(w + 2, t.index() as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapGet as u16,
                    base: w,
                });
                return Ok(w);
            }
            Place::Blank => {}
        }
        Ok(d)
    }

    /// Stores `v` (of type `t`) into `p` (whose type is `t` after conversion).
    pub(crate) fn store_place(&mut self, p: &Place, v: Reg, t: TypeId) -> CResult<()> {
        let agg = is_aggregate(&self.types, t);
        match *p {
            Place::Blank => {}
            Place::Var(var) => self.store_var(var, v, t)?,
            Place::Field { obj, idx } => {
                if agg {
                    let cur = self.f.alloc();
                    self.f.emit(Op::LoadField { dst: cur, obj, idx });
                    self.copy_into(cur, v, t);
                } else {
                    self.f.emit(Op::StoreField { obj, idx, src: v });
                }
            }
            Place::Slice { s, i } => {
                if agg {
                    let cur = self.f.alloc();
                    self.f.emit(Op::SliceGet { dst: cur, s, i });
                    self.copy_into(cur, v, t);
                } else {
                    self.f.emit(Op::SliceSet { s, i, src: v });
                }
            }
            Place::Array { arr, i } => {
                if agg {
                    let cur = self.f.alloc();
                    self.f.emit(Op::ArrayGet { dst: cur, arr, i });
                    self.copy_into(cur, v, t);
                } else {
                    self.f.emit(Op::ArraySet { arr, i, src: v });
                }
            }
            Place::Ptr { p } => {
                if agg {
                    self.copy_into(p, v, t);
                } else {
                    self.f.emit(Op::StorePtr { p, src: v });
                }
            }
            Place::Map { m, k } => {
                let v = if agg { self.copied(v, t) } else { v };
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: m });
                self.f.emit(Op::Move { dst: w + 1, src: k });
                self.f.emit(Op::Move { dst: w + 2, src: v });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapSet as u16,
                    base: w,
                });
            }
        }
        Ok(())
    }

    /// Values for `n` targets of types `types` from `values` (a multi-valued call or one
    /// expression each), converted, aggregates copied unless fresh. Returns temporaries.
    pub(crate) fn values_into(&mut self, values: &[Expr], types: &[TypeId]) -> CResult<Vec<Reg>> {
        if values.len() == 1 && types.len() > 1 {
            let e = strip_paren(&values[0]);
            let (base, srcs) = match &e.kind {
                ExprKind::Call { .. } => {
                    let base = self.call(e, types.len())?;
                    let vt = match self.types.get(self.ty(e)?) {
                        Type::Tuple(ts) => ts.clone(),
                        _ => vec![],
                    };
                    (base, vt)
                }
                ExprKind::TypeAssert(x, Some(t)) => {
                    let (v, _) = self.type_assert(x, t, true)?;
                    let tt = self.ty(t)?;
                    (v, vec![tt, TypeId::BOOL])
                }
                ExprKind::Index(x, idx) => {
                    let xt = self.ty(x)?;
                    let Type::Map(k, vt) = self.types.get(self.types.underlying(xt)).clone() else {
                        return unsupported(e.span, "this comma-ok form");
                    };
                    let m = self.expr_as(x, xt)?;
                    let kr = self.expr_as(&idx[0], k)?;
                    let w = self.f.alloc_n(3);
                    self.f.emit(Op::Move { dst: w, src: m });
                    self.f.emit(Op::Move {
                        dst: w + 1,
                        src: kr,
                    });
                    self.f.load_word(w + 2, vt.index() as u64);
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::MapGet as u16,
                        base: w,
                    });
                    if is_aggregate(&self.types, vt) {
                        self.copy_reg(w, vt);
                    }
                    (w, vec![vt, TypeId::BOOL])
                }
                ExprKind::Unary(UnOp::Recv, ch) => {
                    let ct = self.ty(ch)?;
                    let Type::Chan(_, et) = self.types.get(self.types.underlying(ct)).clone()
                    else {
                        return unsupported(e.span, "this receive");
                    };
                    (self.recv_expr(ch, true)?, vec![et, TypeId::BOOL])
                }
                _ => return unsupported(e.span, "this multi-value expression"),
            };
            let mut out = Vec::new();
            for (i, t) in types.iter().enumerate() {
                let from = srcs.get(i).copied().unwrap_or(*t);
                let r = self.f.alloc();
                self.f.emit(Op::Move {
                    dst: r,
                    src: base.wrapping_add(i as u16),
                });
                out.push(self.convert_reg(r, from, *t));
            }
            return Ok(out);
        }
        self.value_list_into(&values.iter().collect::<Vec<_>>(), types)
    }

    /// `values_into` for a list of single values, one per type.
    pub(crate) fn value_list_into(
        &mut self,
        values: &[&Expr],
        types: &[TypeId],
    ) -> CResult<Vec<Reg>> {
        let mut out = vec![0; values.len()];
        let mark = self.f.next;
        // Go's compiler reads plain variables after the calls of the same list
        // (`fmt.Println(n, inc(&n))` prints the new n): those go last.
        let late = self.read_late(values);
        let order: Vec<usize> = (0..values.len())
            .filter(|i| !late[*i])
            .chain((0..values.len()).filter(|i| late[*i]))
            .collect();
        for i in order {
            let (v, t) = (&values[i], &types[i]);
            let (r, fresh) = self.value_as(v, *t)?;
            let r = if is_aggregate(&self.types, *t) && !fresh {
                self.copied(r, *t)
            } else {
                r
            };
            // A variable's own register (below `mark`) is copied: the assignments that follow
            // may overwrite it before it is used (`a, b = b, a`). Temporaries above `mark` are
            // never reused while the values are alive.
            if r < mark && values.len() > 1 {
                let d = self.f.alloc();
                self.f.emit(Op::Move { dst: d, src: r });
                out[i] = d;
            } else {
                out[i] = r;
            }
        }
        Ok(out)
    }

    /// Which of `values` are plain variables to read after the list's calls and receives
    /// (all false when the list has none).
    pub(crate) fn read_late(&self, values: &[&Expr]) -> Vec<bool> {
        fn has_call(c: &Compiler, e: &Expr) -> bool {
            let mut found = match &e.kind {
                ExprKind::Call { func, .. } => !matches!(
                    c.info_of(func).map(|i| &i.mode),
                    Some(Mode::Type | Mode::Builtin(_))
                ),
                ExprKind::Unary(UnOp::Recv, _) => true,
                _ => false,
            };
            if !found {
                super::stmt::walk_expr_children(e, &mut |x| found |= has_call(c, x));
            }
            found
        }
        // A variable, or a field of one (`t.v`).
        fn plain(c: &Compiler, e: &Expr) -> bool {
            let e = strip_paren(e);
            let var = matches!(c.info_of(e).map(|i| &i.mode), Some(Mode::Var));
            match &e.kind {
                ExprKind::Ident(_) => var,
                ExprKind::Selector(x, _) => var && plain(c, x),
                _ => false,
            }
        }
        let plain = |e: &Expr| plain(self, e);
        if values.len() < 2 || !values.iter().any(|v| has_call(self, v)) {
            return vec![false; values.len()];
        }
        values.iter().map(|e| plain(e)).collect()
    }

    pub(crate) fn is_complex(&self, t: TypeId) -> bool {
        self.types
            .basic_kind(self.types.underlying(t))
            .is_some_and(|k| k.is_complex())
    }

    /// `dst = complex op(a, b)` (vm/complex.rs).
    pub(crate) fn complex(&mut self, op: ComplexOp, dst: Reg, a: Reg, b: Reg) {
        let w = self.f.alloc_n(3);
        self.f.emit(Op::Move { dst: w + 1, src: a });
        self.f.emit(Op::Move { dst: w + 2, src: b });
        self.f.emit(Op::Rt {
            sub: op as u16,
            f: Rt::Complex as u16,
            base: w,
        });
        self.f.emit(Op::Move { dst, src: w });
    }

    pub(crate) fn is_float(&self, t: TypeId) -> bool {
        self.types
            .basic_kind(self.types.underlying(t))
            .is_some_and(|k| k.is_float())
    }

    /// Narrows `r` to `t`'s size after integer arithmetic (float32: rounds).
    pub(crate) fn wrap(&mut self, r: Reg, t: TypeId) {
        let Some(k) = self.types.basic_kind(self.types.underlying(t)) else {
            return;
        };
        let (bits, signed) = match k {
            BasicKind::Int8 => (8, true),
            BasicKind::Int16 => (16, true),
            BasicKind::Int32 | BasicKind::UntypedRune => (32, true),
            BasicKind::Uint8 => (8, false),
            BasicKind::Uint16 => (16, false),
            BasicKind::Uint32 => (32, false),
            BasicKind::Float32 => {
                self.f.emit(Op::RoundF32 { dst: r, a: r });
                return;
            }
            BasicKind::Complex64 => {
                self.complex(ComplexOp::To64, r, r, r);
                return;
            }
            _ => return,
        };
        self.f.emit(Op::Wrap {
            dst: r,
            a: r,
            bits,
            signed,
        });
    }
}

pub fn strip_paren(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_paren(x),
        _ => e,
    }
}
