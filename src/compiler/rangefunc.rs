//! COMPILER: `for k, v := range f` over a function (Go 1.23 range-over-func). Input: the range
//! statement whose expression is an iterator `func(yield func(K, V) bool)`. Output: the loop
//! body compiled as a closure (the yield function) that the iterator is called with, and the
//! code after the call that completes what the body asked for.
//!
//! The body cannot jump out of its closure, so it leaves word in a state variable shared with
//! the enclosing function (boxed, captured by the closure) and returns false:
//! 0 normal, 1 `break`, 2 `return` with values (stored in result variables), 3 bare `return`,
//! 4+2i `break L` and 5+2i `continue L` for the i-th outer label it names. `continue` is
//! `return true`. After the iterator returns, the enclosing function acts on the state (or, when
//! it is itself a range-over-func body, passes it outward the same way). A body that runs
//! again after it asked to stop panics, as Go's does.

use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;

/// What a range-over-func body's closure needs to complete `break`, `continue` and `return`.
#[derive(Clone, Debug)]
pub struct RangeFuncCtx {
    /// The state variable's name (captured from the enclosing function).
    pub state: String,
    /// The enclosing function's results: their types and the variables that carry them out.
    pub results: Vec<(String, TypeId)>,
    /// This loop's label.
    pub label: Option<String>,
    /// Outer labels the body branched to, in code order.
    pub labels: Vec<String>,
}

impl Compiler<'_> {
    pub(crate) fn range_func(
        &mut self,
        r: &RangeStmt,
        label: Option<&str>,
        xt: TypeId,
    ) -> CResult<()> {
        let Type::Func(sig) = self.types.get(self.types.underlying(xt)).clone() else {
            return unsupported(r.x.span, "range over this function");
        };
        let Some(Type::Func(ys)) = sig
            .params
            .first()
            .map(|p| self.types.get(self.types.underlying(*p)).clone())
        else {
            return unsupported(r.x.span, "range over this function");
        };
        if has_defer_in(&r.body.stmts) {
            return unsupported(r.body.span, "defer inside a range-over-func loop body");
        }
        let f = self.expr_as(&r.x, xt)?;
        let fr = self.f.alloc();
        self.f.emit(Op::Move { dst: fr, src: f });
        // The shared state and result variables, boxed so the body's closure captures them.
        self.rf_count += 1;
        let state = format!("#rf{}", self.rf_count);
        let results: Vec<(String, TypeId)> = self
            .outer_results()
            .into_iter()
            .enumerate()
            .map(|(i, t)| (format!("{state}.r{i}"), t))
            .collect();
        for (name, t) in
            std::iter::once((state.clone(), TypeId::INT)).chain(results.iter().cloned())
        {
            self.f.boxed_names.insert(name.clone());
            let reg = self.f.alloc();
            self.zero_into(reg, t);
            self.declare_in(&name, reg, t);
        }
        // The body: a closure taking the yield function's parameters, returning bool.
        let outer_name = self.f.proto.name.clone();
        let n = self
            .lit_count
            .entry(format!("{outer_name}-range"))
            .or_insert(0);
        *n += 1;
        let name = format!("{outer_name}-range{n}");
        let id = self.new_func(name.clone());
        let mut inner = super::func::FuncBuilder::new(name);
        inner.boxed_names =
            super::stmt::boxed_names_in(r.body.stmts.iter(), &|e| self.is_func_range(e));
        inner.results = vec![TypeId::BOOL];
        inner.range_ctx = Some(RangeFuncCtx {
            state: state.clone(),
            results: results.clone(),
            label: label.map(String::from),
            labels: vec![],
        });
        let outer = std::mem::replace(&mut self.f, inner);
        self.outer.push(outer);
        let mut caps = Vec::new();
        let mut ctx = None;
        let built = (|| {
            self.set_line(r.x.span);
            let np = ys.params.len() as u16;
            self.f.alloc_n(np as usize);
            self.f.proto.nparams = np;
            self.f.proto.nresults = 1;
            // Running again after asking to stop is the iterator's bug: Go panics.
            let sv = self.name_var(&state).expect("state variable");
            let cur = self.f.alloc();
            self.load_var(sv, cur);
            let ok = self.f.emit(Op::JumpIfNot { cond: cur, off: 0 });
            let w = self.f.alloc_n(1);
            self.f.load_word(w, 0);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::RangeFuncDone as u16,
                base: w,
            });
            self.f.patch(ok);
            let kt = ys.params.first().copied().unwrap_or(TypeId::INVALID);
            let vt = ys.params.get(1).copied().unwrap_or(TypeId::INVALID);
            if np > 0 {
                self.range_bind_pub(r, 0, kt, vt)?;
            }
            self.block_stmts(&r.body.stmts)?;
            self.return_bool(true);
            caps = self.f.captures.clone();
            ctx = self.f.range_ctx.clone();
            self.finish_body(id)
        })();
        self.f = self.outer.pop().expect("outer function");
        built?;
        let ctx = ctx.expect("range context");
        // The closure, then the call `f(body)`.
        let w = self.make_closure(id, &caps);
        let base = self.f.alloc_n(1);
        self.f.emit(Op::Move { dst: base, src: w });
        self.f.emit(Op::CallClosure { f: fr, base });
        // Act on the state the body left.
        let sv = self.name_var(&state).expect("state variable");
        let st = self.f.alloc();
        self.load_var(sv, st);
        let mut codes: Vec<(u64, Option<(BranchKind, String)>)> = vec![(2, None), (3, None)];
        for (i, l) in ctx.labels.iter().enumerate() {
            codes.push((4 + 2 * i as u64, Some((BranchKind::Break, l.clone()))));
            codes.push((5 + 2 * i as u64, Some((BranchKind::Continue, l.clone()))));
        }
        for (code, branch) in codes {
            let k = self.f.alloc();
            self.f.load_word(k, code);
            let c = self.f.alloc();
            self.f.emit(Op::EqWord {
                dst: c,
                a: st,
                b: k,
            });
            let skip = self.f.emit(Op::JumpIfNot { cond: c, off: 0 });
            match (code, branch) {
                (2, _) => {
                    let mut regs = Vec::new();
                    for (name, t) in &results {
                        let v = self.name_var(name).expect("result variable");
                        let rr = self.f.alloc();
                        self.load_var(v, rr);
                        regs.push((rr, *t));
                    }
                    self.return_regs(&regs)?;
                }
                (3, _) => self.return_bare()?,
                (_, Some((kind, l))) => {
                    let id = Ident {
                        name: l,
                        span: r.body.span,
                    };
                    self.branch_pub(kind, Some(&id), r.body.span)?;
                }
                _ => {}
            }
            self.f.patch(skip);
        }
        Ok(())
    }

    /// Whether `e`, a range clause's expression, is a function (a range-over-func loop).
    pub(crate) fn is_func_range(&self, e: &Expr) -> bool {
        self.info_of(e)
            .is_some_and(|i| matches!(self.types.get(self.types.underlying(i.ty)), Type::Func(_)))
    }

    /// The result types of the function a `return` here returns from (through enclosing
    /// range-over-func bodies).
    fn outer_results(&self) -> Vec<TypeId> {
        match &self.f.range_ctx {
            Some(ctx) => ctx.results.iter().map(|(_, t)| *t).collect(),
            None => self.f.results.clone(),
        }
    }

    fn return_bool(&mut self, v: bool) {
        let r = self.f.alloc();
        self.f.load_word(r, v as u64);
        self.f.emit(Op::Return { src: r, n: 1 });
        self.f.next -= 1;
    }

    /// In a range-over-func body: sets the state to `code` and stops the iteration.
    fn stop_with(&mut self, code: u64) -> CResult<()> {
        let state = self
            .f
            .range_ctx
            .as_ref()
            .expect("in a range body")
            .state
            .clone();
        let v = self.name_var(&state).expect("state variable");
        let r = self.f.alloc();
        self.f.load_word(r, code);
        self.store_var(v, r, TypeId::INT)?;
        self.return_bool(false);
        Ok(())
    }

    /// `break`/`continue` that no loop inside the body takes: `None` if not in a range body.
    pub(crate) fn range_branch(
        &mut self,
        kind: BranchKind,
        label: Option<&Ident>,
    ) -> Option<CResult<()>> {
        let ctx = self.f.range_ctx.as_mut()?;
        let mine = label.is_none_or(|l| ctx.label.as_deref() == Some(&l.name));
        if mine {
            return Some(match kind {
                BranchKind::Continue => {
                    self.return_bool(true);
                    Ok(())
                }
                _ => self.stop_with(1),
            });
        }
        let l = label.expect("labelled").name.clone();
        let i = match ctx.labels.iter().position(|x| *x == l) {
            Some(i) => i,
            None => {
                ctx.labels.push(l);
                ctx.labels.len() - 1
            }
        };
        let code = if kind == BranchKind::Break {
            4 + 2 * i
        } else {
            5 + 2 * i
        };
        Some(self.stop_with(code as u64))
    }

    /// `return` inside a range-over-func body: `None` if not in one.
    pub(crate) fn range_return(&mut self, es: &[Expr]) -> Option<CResult<()>> {
        let ctx = self.f.range_ctx.clone()?;
        Some((|| {
            if es.is_empty() {
                return self.stop_with(3);
            }
            let types: Vec<TypeId> = ctx.results.iter().map(|(_, t)| *t).collect();
            let vals = self.values_into(es, &types)?;
            for ((name, t), v) in ctx.results.iter().zip(vals) {
                let var = self.name_var(name).expect("result variable");
                self.store_var(var, v, *t)?;
            }
            self.stop_with(2)
        })())
    }

    /// Returns the values in `regs` from the function being built (or, in a range-over-func
    /// body, hands them outward).
    fn return_regs(&mut self, regs: &[(Reg, TypeId)]) -> CResult<()> {
        if let Some(ctx) = self.f.range_ctx.clone() {
            for ((name, t), (r, _)) in ctx.results.iter().zip(regs) {
                let var = self.name_var(name).expect("result variable");
                self.store_var(var, *r, *t)?;
            }
            return self.stop_with(2);
        }
        if !self.f.named_results.is_empty() {
            let named = self.f.named_results.clone();
            for (v, (r, t)) in named.iter().zip(regs) {
                self.store_var(*v, *r, *t)?;
            }
            return self.return_named();
        }
        if self.f.has_defer {
            self.f.emit(Op::RunDefers);
        }
        let n = regs.len() as u16;
        let base = self.f.alloc_n(n.max(1) as usize);
        for (i, (r, _)) in regs.iter().enumerate() {
            self.f.emit(Op::Move {
                dst: base.wrapping_add(i as u16),
                src: *r,
            });
        }
        self.f.emit(Op::Return { src: base, n });
        Ok(())
    }

    fn return_bare(&mut self) -> CResult<()> {
        if self.f.range_ctx.is_some() {
            return self.stop_with(3);
        }
        self.return_named()
    }
}

/// Whether a loop body holds a `defer` of its own (not of a nested function literal).
fn has_defer_in(stmts: &[Stmt]) -> bool {
    let mut found = false;
    for s in stmts {
        super::stmt::visit_stmts(s, &mut |s| found |= matches!(s.kind, StmtKind::Defer(_)));
    }
    found
}
