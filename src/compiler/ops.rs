//! COMPILER: operators. Input: a binary expression (or `op=`), its operand types. Output: the
//! type-specialized instructions: integer ops wrapped to their size, unsigned division and
//! shifts, float ops, string concatenation and comparison, `==` on anything comparable,
//! short-circuit `&&`/`||`.

use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::rtsub::ComplexOp;
use crate::bytecode::Op;
use crate::span::Span;
use crate::types::constant::BasicKind;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

impl Compiler<'_> {
    pub(crate) fn binary(
        &mut self,
        e: &Expr,
        op: BinOp,
        a: &Expr,
        b: &Expr,
    ) -> CResult<(Reg, bool)> {
        let t = self.default_type(self.ty(e)?);
        if matches!(op, BinOp::LAnd | BinOp::LOr) {
            let d = self.f.alloc();
            let x = self.expr_as(a, TypeId::BOOL)?;
            self.f.emit(Op::Move { dst: d, src: x });
            let j = if op == BinOp::LAnd {
                self.f.emit(Op::JumpIfNot { cond: d, off: 0 })
            } else {
                self.f.emit(Op::JumpIf { cond: d, off: 0 })
            };
            let m = self.f.next;
            let y = self.expr_as(b, TypeId::BOOL)?;
            self.f.emit(Op::Move { dst: d, src: y });
            self.f.next = m;
            self.f.patch(j);
            return Ok((d, true));
        }
        if matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        ) {
            // The operands' common type: a typed side decides for an untyped one; an interface
            // side makes the comparison an interface comparison.
            let (ta, tb) = (self.ty(a)?, self.ty(b)?);
            let ct = if self.types.is_untyped(ta) && !self.types.is_untyped(tb) {
                tb
            } else if self.types.is_untyped(tb) && !self.types.is_untyped(ta) {
                ta
            } else if self.types.is_interface(tb) && !self.types.is_interface(ta) {
                tb
            } else {
                self.default_type(ta)
            };
            let ct = if ct == TypeId::UNTYPED_NIL {
                self.default_type(tb)
            } else {
                ct
            };
            let x = self.expr_as(a, ct)?;
            let y = self.expr_as(b, ct)?;
            let d = self.f.alloc();
            self.compare(op, ct, d, x, y, e.span)?;
            return Ok((d, true));
        }
        let rt = if matches!(op, BinOp::Shl | BinOp::Shr) {
            self.default_type(self.ty(b)?)
        } else {
            t
        };
        // x + k and x - k with a small constant k: one instruction.
        if matches!(op, BinOp::Add | BinOp::Sub)
            && self
                .types
                .basic_kind(self.types.underlying(t))
                .is_some_and(|k| k.is_integer())
        {
            if let Some(crate::types::operand::Mode::Const(v)) = self.info_of(b).map(|i| &i.mode) {
                if let Some(k) = v.to_int().and_then(|i| i.to_i64()) {
                    let k = if op == BinOp::Sub {
                        k.checked_neg()
                    } else {
                        Some(k)
                    };
                    if let Some(imm) = k.and_then(|k| i16::try_from(k).ok()) {
                        let x = self.expr_as(a, t)?;
                        let d = self.f.alloc();
                        self.f.emit(Op::AddIntImm { dst: d, a: x, imm });
                        self.wrap(d, t);
                        return Ok((d, true));
                    }
                }
            }
        }
        if let Some(r) = self.binary_imm(op, t, a, b)? {
            return Ok((r, true));
        }
        let x = self.expr_as(a, t)?;
        let y = self.expr_as(b, rt)?;
        let d = self.f.alloc();
        self.binary_op(op, t, rt, d, x, y, e.span)?;
        Ok((d, true))
    }

    /// `a op k` on integers with a small constant `k`, as one instruction (`x*3`, `x&1`,
    /// `x%7`, `x>>2`); `None` when it does not apply.
    fn binary_imm(&mut self, op: BinOp, t: TypeId, a: &Expr, b: &Expr) -> CResult<Option<Reg>> {
        let Some(k) = self
            .types
            .basic_kind(self.types.underlying(t))
            .filter(|k| k.is_integer())
        else {
            return Ok(None);
        };
        let Some(crate::types::operand::Mode::Const(v)) = self.info_of(b).map(|i| &i.mode) else {
            return Ok(None);
        };
        let Some(c) = v.to_int().and_then(|i| i.to_i64()) else {
            return Ok(None);
        };
        let imm = i16::try_from(c).ok();
        let shift = u16::try_from(c).ok().filter(|s| *s < 64);
        let mk: Option<fn(Reg, Reg, i16) -> Op> = match op {
            BinOp::Mul if imm.is_some() => Some(|dst, a, imm| Op::MulIntImm { dst, a, imm }),
            BinOp::And if imm.is_some() => Some(|dst, a, imm| Op::AndImm { dst, a, imm }),
            BinOp::Rem if imm.is_some_and(|i| i != 0) && !k.is_unsigned() => {
                Some(|dst, a, imm| Op::RemIntImm { dst, a, imm })
            }
            _ => None,
        };
        let sh: Option<fn(Reg, Reg, u16) -> Op> = match op {
            BinOp::Shl if shift.is_some() => Some(|dst, a, imm| Op::ShlImm { dst, a, imm }),
            BinOp::Shr if shift.is_some() && k.is_unsigned() => {
                Some(|dst, a, imm| Op::ShrImm { dst, a, imm })
            }
            BinOp::Shr if shift.is_some() => Some(|dst, a, imm| Op::SarImm { dst, a, imm }),
            _ => None,
        };
        if mk.is_none() && sh.is_none() {
            return Ok(None);
        }
        let x = self.expr_as(a, t)?;
        let d = self.f.alloc();
        match (mk, sh) {
            (Some(f), _) => self.f.emit(f(d, x, imm.expect("checked"))),
            (_, Some(f)) => self.f.emit(f(d, x, shift.expect("checked"))),
            _ => unreachable!(),
        };
        self.wrap(d, t);
        Ok(Some(d))
    }

    /// `dst = a op b` for arithmetic on type `t` (`rt`: the shift count's type).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn binary_op(
        &mut self,
        op: BinOp,
        t: TypeId,
        rt: TypeId,
        dst: Reg,
        a: Reg,
        b: Reg,
        span: Span,
    ) -> CResult<()> {
        let k = match self.types.basic_kind(self.types.underlying(t)) {
            Some(k) => k,
            None => return unsupported(span, "this operator's operand type"),
        };
        if k.is_string() {
            if op != BinOp::Add {
                return unsupported(span, "this string operator");
            }
            self.f.emit(Op::Concat { dst, a, b });
            return Ok(());
        }
        if k.is_float() {
            let o = match op {
                BinOp::Add => Op::AddF64 { dst, a, b },
                BinOp::Sub => Op::SubF64 { dst, a, b },
                BinOp::Mul => Op::MulF64 { dst, a, b },
                BinOp::Div => Op::DivF64 { dst, a, b },
                _ => return unsupported(span, "this float operator"),
            };
            self.f.emit(o);
            self.wrap(dst, t);
            return Ok(());
        }
        if k.is_complex() {
            let op = match op {
                BinOp::Add => ComplexOp::Add,
                BinOp::Sub => ComplexOp::Sub,
                BinOp::Mul => ComplexOp::Mul,
                BinOp::Div => ComplexOp::Div,
                _ => return unsupported(span, "this complex operator"),
            };
            self.complex(op, dst, a, b);
            self.wrap(dst, t);
            return Ok(());
        }
        let unsigned = k.is_unsigned();
        let signed_count = !self
            .types
            .basic_kind(self.types.underlying(rt))
            .is_some_and(|k| k.is_unsigned());
        let o = match op {
            BinOp::Add => Op::AddInt { dst, a, b },
            BinOp::Sub => Op::SubInt { dst, a, b },
            BinOp::Mul => Op::MulInt { dst, a, b },
            BinOp::Div if unsigned => Op::DivUint { dst, a, b },
            BinOp::Div => Op::DivInt { dst, a, b },
            BinOp::Rem if unsigned => Op::RemUint { dst, a, b },
            BinOp::Rem => Op::RemInt { dst, a, b },
            BinOp::And => Op::And { dst, a, b },
            BinOp::Or => Op::Or { dst, a, b },
            BinOp::Xor => Op::Xor { dst, a, b },
            BinOp::AndNot => Op::AndNot { dst, a, b },
            BinOp::Shl => Op::Shl {
                dst,
                a,
                b,
                signed_count,
            },
            BinOp::Shr if unsigned => Op::Shr {
                dst,
                a,
                b,
                signed_count,
            },
            BinOp::Shr => Op::Sar {
                dst,
                a,
                b,
                signed_count,
            },
            _ => return unsupported(span, "this integer operator"),
        };
        self.f.emit(o);
        // Sized ints wrap; 64-bit ones wrap by themselves. Division by -1 of the minimum
        // value of a small type also needs the wrap.
        self.wrap(dst, t);
        let _ = BasicKind::Int;
        Ok(())
    }

    /// `dst = a op b` for a comparison of two values of type `t`.
    pub(crate) fn compare(
        &mut self,
        op: BinOp,
        t: TypeId,
        dst: Reg,
        a: Reg,
        b: Reg,
        _span: Span,
    ) -> CResult<()> {
        let (a, b, op) = match op {
            BinOp::Gt => (b, a, BinOp::Lt),
            BinOp::Ge => (b, a, BinOp::Le),
            _ => (a, b, op),
        };
        let u = self.types.underlying(t);
        match self.types.get(u).clone() {
            Type::Basic(k) if k.is_string() => {
                let cmp = match op {
                    BinOp::Eq => 0,
                    BinOp::Ne => 1,
                    BinOp::Lt => 2,
                    _ => 3,
                };
                self.f.emit(Op::StrCmp { dst, a, b, cmp });
            }
            Type::Basic(k) if k.is_float() => {
                match op {
                    BinOp::Eq => self.f.emit(Op::EqF64 { dst, a, b }),
                    BinOp::Ne => {
                        self.f.emit(Op::EqF64 { dst, a, b });
                        self.f.emit(Op::Not { dst, a: dst })
                    }
                    BinOp::Lt => self.f.emit(Op::LtF64 { dst, a, b }),
                    _ => self.f.emit(Op::LeF64 { dst, a, b }),
                };
            }
            Type::Basic(k) if k.is_complex() => {
                self.complex(ComplexOp::Eq, dst, a, b);
                if op == BinOp::Ne {
                    self.f.emit(Op::Not { dst, a: dst });
                }
            }
            Type::Basic(k) if !matches!(op, BinOp::Eq | BinOp::Ne) => {
                let o = match (op, k.is_unsigned()) {
                    (BinOp::Lt, false) => Op::LtInt { dst, a, b },
                    (BinOp::Lt, true) => Op::LtUint { dst, a, b },
                    (_, false) => Op::LeInt { dst, a, b },
                    (_, true) => Op::LeUint { dst, a, b },
                };
                self.f.emit(o);
            }
            Type::Basic(_) | Type::Map(..) | Type::Chan(..) | Type::Func(_) | Type::Slice(_) => {
                let o = if op == BinOp::Eq {
                    Op::EqWord { dst, a, b }
                } else {
                    Op::NeWord { dst, a, b }
                };
                self.f.emit(o);
            }
            Type::Pointer(p) if crate::vm::machine::is_aggregate(&self.types, p) => {
                let o = if op == BinOp::Eq {
                    Op::EqWord { dst, a, b }
                } else {
                    Op::NeWord { dst, a, b }
                };
                self.f.emit(o);
            }
            _ => {
                let w = self.f.alloc_n(3);
                self.f.load_word(w, t.index() as u64);
                self.f.emit(Op::Move { dst: w + 1, src: a });
                self.f.emit(Op::Move { dst: w + 2, src: b });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::Equal as u16,
                    base: w,
                });
                if op == BinOp::Ne {
                    self.f.emit(Op::Not { dst, a: w });
                } else {
                    self.f.emit(Op::Move { dst, src: w });
                }
            }
        }
        Ok(())
    }

    /// `T(x)` for non-constant `x`.
    pub(crate) fn conversion(&mut self, to: TypeId, x: &Expr) -> CResult<Reg> {
        let from = self.default_type(self.ty(x)?);
        let (r, fresh) = self.value_as(x, from)?;
        let (fu, tu) = (self.types.underlying(from), self.types.underlying(to));
        if self.types.is_interface(to) {
            let r = if crate::vm::machine::is_aggregate(&self.types, from) && !fresh {
                self.copied(r, from)
            } else {
                r
            };
            return Ok(self.convert_reg(r, from, to));
        }
        let fk = self.types.basic_kind(fu);
        let tk = self.types.basic_kind(tu);
        if let Type::Slice(_) = self.types.get(fu) {
            // A slice to an array or an array pointer (Rt::SliceToArray checks the length).
            let arr = match self.types.get(tu) {
                Type::Array(..) => Some((tu, false)),
                Type::Pointer(p)
                    if matches!(self.types.get(self.types.underlying(*p)), Type::Array(..)) =>
                {
                    Some((*p, true))
                }
                _ => None,
            };
            if let Some((at, to_ptr)) = arr {
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: r });
                self.f.load_word(w + 1, at.index() as u64);
                self.f.load_word(w + 2, to_ptr as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::SliceToArray as u16,
                    base: w,
                });
                return Ok(w);
            }
        }
        let d = self.f.alloc();
        match (fk, tk) {
            (Some(f), Some(t)) if f.is_integer() && t.is_integer() => {
                self.f.emit(Op::Move { dst: d, src: r });
                self.wrap(d, to);
            }
            (Some(f), Some(t)) if f.is_integer() && t.is_float() => {
                self.f.emit(Op::IntToF64 {
                    dst: d,
                    a: r,
                    signed: !f.is_unsigned(),
                });
                self.wrap(d, to);
            }
            (Some(f), Some(t)) if f.is_float() && t.is_integer() => {
                self.f.emit(Op::F64ToInt {
                    dst: d,
                    a: r,
                    signed: !t.is_unsigned(),
                });
                self.wrap(d, to);
            }
            (Some(f), Some(t)) if f.is_complex() && t.is_complex() => {
                self.f.emit(Op::Move { dst: d, src: r });
                self.wrap(d, to);
            }
            (Some(f), Some(t)) if f.is_float() && t.is_float() => {
                self.f.emit(Op::Move { dst: d, src: r });
                self.wrap(d, to);
            }
            (Some(f), Some(t)) if f.is_integer() && t.is_string() => {
                self.f.emit(Op::Move { dst: d, src: r });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::RuneToStr as u16,
                    base: d,
                });
            }
            (Some(f), Some(t)) if f.is_string() && t.is_string() => {
                self.f.emit(Op::Move { dst: d, src: r });
            }
            (Some(f), None) if f.is_string() => {
                let elem = crate::vm::rt::elem_type(&self.types, to);
                let h = if self.types.basic_kind(self.types.underlying(elem))
                    == Some(BasicKind::Int32)
                {
                    Rt::StrToRunes
                } else {
                    Rt::StrToBytes
                };
                self.f.emit(Op::Move { dst: d, src: r });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: h as u16,
                    base: d,
                });
            }
            (None, Some(t)) if t.is_string() => {
                let elem = crate::vm::rt::elem_type(&self.types, from);
                let h = if self.types.basic_kind(self.types.underlying(elem))
                    == Some(BasicKind::Int32)
                {
                    Rt::RunesToStr
                } else {
                    Rt::BytesToStr
                };
                self.f.emit(Op::Move { dst: d, src: r });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: h as u16,
                    base: d,
                });
            }
            _ => {
                // Same underlying representation (named types, pointers, slices...).
                if crate::vm::machine::is_aggregate(&self.types, to) && !fresh {
                    let c = self.copied(r, from);
                    self.f.emit(Op::Move { dst: d, src: c });
                } else {
                    self.f.emit(Op::Move { dst: d, src: r });
                }
            }
        }
        Ok(d)
    }
}
