//! COMPILER: statements. Input: checked statements. Output: their instructions in the current
//! function: declarations and assignments (with copies of aggregates and boxing of captured
//! variables), `if`, `for` (Go 1.22 per-iteration variables), `range`, `switch`, type switches,
//! labels and branches, `return`, `defer`, `go` (not yet), `panic`.

use super::func::{Loop, Var};
use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::ty::{Type, TypeId};
use crate::vm::rt::Rt;
use std::collections::HashSet;

/// Names that must live in boxes: used inside a function literal, or whose address is taken
/// (`&x`, or `x.m()` which may need `&x`). Over-approximated by name: boxing is never wrong.
/// The bodies of range-over-func loops (`is_func_range` says which range expressions are
/// functions) become closures: every name used in them counts as captured.
pub fn boxed_names_in<'s>(
    stmts: impl Iterator<Item = &'s Stmt>,
    is_func_range: &dyn Fn(&Expr) -> bool,
) -> HashSet<String> {
    let mut out = HashSet::new();
    let stmts: Vec<&Stmt> = stmts.collect();
    let mut w = Walker {
        out: &mut out,
        depth: 0,
    };
    for s in &stmts {
        w.stmt(s);
    }
    for s in &stmts {
        visit_stmts(s, &mut |s| {
            if let StmtKind::Range(r) = &s.kind {
                if is_func_range(&r.x) {
                    let mut w = Walker {
                        out: &mut out,
                        depth: 1,
                    };
                    for e in [&r.key, &r.value].into_iter().flatten() {
                        w.expr(e);
                    }
                    for b in &r.body.stmts {
                        w.stmt(b);
                    }
                }
            }
        });
    }
    out
}

/// Calls `f` on `s` and every statement nested in it (not those in function literals).
pub fn visit_stmts(s: &Stmt, f: &mut dyn FnMut(&Stmt)) {
    f(s);
    let all = |b: &[Stmt], f: &mut dyn FnMut(&Stmt)| b.iter().for_each(|s| visit_stmts(s, f));
    match &s.kind {
        StmtKind::Labeled(_, x) => visit_stmts(x, f),
        StmtKind::Block(b) => all(&b.stmts, f),
        StmtKind::If(i) => {
            if let Some(x) = &i.init {
                visit_stmts(x, f);
            }
            all(&i.then.stmts, f);
            if let Some(x) = &i.els {
                visit_stmts(x, f);
            }
        }
        StmtKind::Switch(sw) => {
            if let Some(x) = &sw.init {
                visit_stmts(x, f);
            }
            sw.cases.iter().for_each(|c| all(&c.body, f));
        }
        StmtKind::TypeSwitch(sw) => {
            if let Some(x) = &sw.init {
                visit_stmts(x, f);
            }
            sw.cases.iter().for_each(|c| all(&c.body, f));
        }
        StmtKind::Select(cs) => {
            for c in cs {
                if let Some(x) = &c.comm {
                    visit_stmts(x, f);
                }
                all(&c.body, f);
            }
        }
        StmtKind::For(fs) => {
            if let Some(x) = &fs.init {
                visit_stmts(x, f);
            }
            if let Some(x) = &fs.post {
                visit_stmts(x, f);
            }
            all(&fs.body.stmts, f);
        }
        StmtKind::Range(r) => all(&r.body.stmts, f),
        _ => {}
    }
}

struct Walker<'o> {
    out: &'o mut HashSet<String>,
    depth: u32,
}

impl Walker<'_> {
    fn stmt(&mut self, s: &Stmt) {
        crate::compiler::stmt::walk_stmt(s, &mut |e| self.expr(e));
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Ident(n) if self.depth > 0 => {
                self.out.insert(n.clone());
            }
            ExprKind::Unary(UnOp::Addr, x) => {
                if let ExprKind::Ident(n) = &x.kind {
                    self.out.insert(n.clone());
                }
                self.expr(x)
            }
            ExprKind::Call { func, args, .. } => {
                if let ExprKind::Selector(x, _) = &func.kind {
                    if let ExprKind::Ident(n) = &x.kind {
                        self.out.insert(n.clone());
                    }
                }
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
            }
            ExprKind::FuncLit(f) => {
                self.depth += 1;
                for s in &f.body.stmts {
                    self.stmt(s);
                }
                self.depth -= 1;
            }
            _ => walk_expr_children(e, &mut |c| self.expr(c)),
        }
    }
}

/// Calls `f` on every expression directly inside `s` (and inside nested statements).
pub fn walk_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let block = |b: &[Stmt], f: &mut dyn FnMut(&Expr)| b.iter().for_each(|s| walk_stmt(s, f));
    match &s.kind {
        StmtKind::Bad | StmtKind::Empty | StmtKind::Branch(..) => {}
        StmtKind::Decl(d) => {
            if let DeclKind::Var(specs) | DeclKind::Const(specs) = &d.kind {
                for sp in specs {
                    sp.values.iter().for_each(&mut *f);
                }
            }
        }
        StmtKind::Labeled(_, s) => walk_stmt(s, f),
        StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) | StmtKind::IncDec(e, _) => f(e),
        StmtKind::Send(a, b) => {
            f(a);
            f(b)
        }
        StmtKind::Assign { lhs, rhs, .. } => {
            lhs.iter().for_each(&mut *f);
            rhs.iter().for_each(&mut *f);
        }
        StmtKind::Return(es) => es.iter().for_each(&mut *f),
        StmtKind::Block(b) => block(&b.stmts, f),
        StmtKind::If(i) => {
            if let Some(s) = &i.init {
                walk_stmt(s, f)
            }
            f(&i.cond);
            block(&i.then.stmts, f);
            if let Some(e) = &i.els {
                walk_stmt(e, f)
            }
        }
        StmtKind::Switch(sw) => {
            if let Some(s) = &sw.init {
                walk_stmt(s, f)
            }
            if let Some(t) = &sw.tag {
                f(t)
            }
            for c in &sw.cases {
                c.exprs.iter().flatten().for_each(&mut *f);
                block(&c.body, f);
            }
        }
        StmtKind::TypeSwitch(ts) => {
            if let Some(s) = &ts.init {
                walk_stmt(s, f)
            }
            f(&ts.x);
            for c in &ts.cases {
                block(&c.body, f);
            }
        }
        StmtKind::Select(cs) => {
            for c in cs {
                if let Some(s) = &c.comm {
                    walk_stmt(s, f)
                }
                block(&c.body, f);
            }
        }
        StmtKind::For(fs) => {
            if let Some(s) = &fs.init {
                walk_stmt(s, f)
            }
            if let Some(c) = &fs.cond {
                f(c)
            }
            if let Some(s) = &fs.post {
                walk_stmt(s, f)
            }
            block(&fs.body.stmts, f);
        }
        StmtKind::Range(r) => {
            r.key.iter().for_each(&mut *f);
            r.value.iter().for_each(&mut *f);
            f(&r.x);
            block(&r.body.stmts, f);
        }
    }
}

/// Calls `f` on each direct subexpression of `e`.
pub fn walk_expr_children(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    match &e.kind {
        ExprKind::Paren(x)
        | ExprKind::Selector(x, _)
        | ExprKind::Star(x)
        | ExprKind::Unary(_, x) => f(x),
        ExprKind::TypeAssert(x, _) => f(x),
        ExprKind::Binary(_, a, b) => {
            f(a);
            f(b)
        }
        ExprKind::Index(x, is) => {
            f(x);
            is.iter().for_each(f)
        }
        ExprKind::Slice { x, lo, hi, max } => {
            f(x);
            for p in [lo, hi, max].into_iter().flatten() {
                f(p)
            }
        }
        ExprKind::Call { func, args, .. } => {
            f(func);
            args.iter().for_each(f)
        }
        ExprKind::CompositeLit { elts, .. } => {
            for el in elts {
                if let Some(k) = &el.key {
                    f(k)
                }
                f(&el.value)
            }
        }
        _ => {}
    }
}

impl Compiler<'_> {
    pub(crate) fn block_stmts(&mut self, stmts: &[Stmt]) -> CResult<()> {
        let mark = self.f.open();
        for s in stmts {
            self.stmt(s)?;
        }
        self.f.close(mark);
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.set_line(s.span);
        let mark = self.f.next;
        match &s.kind {
            StmtKind::Bad | StmtKind::Empty => {}
            StmtKind::Expr(e) => {
                self.expr_discard(e)?;
            }
            StmtKind::Decl(d) => match &d.kind {
                DeclKind::Var(specs) => {
                    for spec in specs {
                        self.local_var(spec)?;
                    }
                    return Ok(());
                }
                DeclKind::Const(_) | DeclKind::Type(_) | DeclKind::Import(_) => {}
            },
            StmtKind::Assign { lhs, op, rhs } => match op {
                AssignOp::Define => return self.define(lhs, rhs),
                AssignOp::Assign => self.assign(lhs, rhs)?,
                AssignOp::Op(b) => self.op_assign(&lhs[0], *b, &rhs[0])?,
            },
            StmtKind::IncDec(e, inc) => {
                let one = Expr::new(ExprKind::BasicLit(LitKind::Int, "1".into()), e.span);
                let op = if *inc { BinOp::Add } else { BinOp::Sub };
                self.op_assign_const(e, op)?;
                let _ = one;
            }
            StmtKind::Block(b) => self.block_stmts(&b.stmts)?,
            StmtKind::If(i) => self.if_stmt(i)?,
            StmtKind::For(fs) => self.for_stmt(fs, None)?,
            StmtKind::Range(r) => self.range_stmt(r, None)?,
            StmtKind::Switch(sw) => self.switch_stmt(sw, None)?,
            StmtKind::TypeSwitch(ts) => self.type_switch(ts, None)?,
            StmtKind::Labeled(l, inner) => {
                let pc = self.f.pc();
                self.f.labels.insert(l.name.clone(), pc);
                match &inner.kind {
                    StmtKind::For(fs) => self.for_stmt(fs, Some(&l.name))?,
                    StmtKind::Range(r) => self.range_stmt(r, Some(&l.name))?,
                    StmtKind::Switch(sw) => self.switch_stmt(sw, Some(&l.name))?,
                    StmtKind::TypeSwitch(ts) => self.type_switch(ts, Some(&l.name))?,
                    StmtKind::Select(cs) => self.select_stmt(cs, Some(&l.name))?,
                    _ => self.stmt(inner)?,
                }
            }
            StmtKind::Branch(kind, label) => self.branch(*kind, label.as_ref(), s.span)?,
            StmtKind::Return(es) => self.return_stmt(es, s.span)?,
            StmtKind::Defer(e) => self.defer_stmt(e)?,
            StmtKind::Go(e) => self.go_stmt(e)?,
            StmtKind::Send(ch, v) => self.send_stmt(ch, v)?,
            StmtKind::Select(cases) => self.select_stmt(cases, None)?,
        }
        self.f.next = mark;
        Ok(())
    }

    /// `var a, b T = x, y` in a function.
    fn local_var(&mut self, spec: &ValueSpec) -> CResult<()> {
        let declared = match &spec.ty {
            Some(t) => Some(self.ty(t)?),
            None => None,
        };
        if spec.values.is_empty() {
            let t = declared.expect("a var without values has a type");
            for n in &spec.names {
                let r = self.f.alloc();
                self.zero_into(r, t);
                self.declare_in(&n.name, r, t);
            }
            return Ok(());
        }
        let types: Vec<TypeId> = match declared {
            Some(t) => vec![t; spec.names.len()],
            None => self.value_types(&spec.values, spec.names.len())?,
        };
        let regs: Vec<Reg> = (0..spec.names.len()).map(|_| self.f.alloc()).collect();
        let mark = self.f.next;
        let vals = self.values_into(&spec.values, &types)?;
        for (r, v) in regs.iter().zip(vals) {
            self.f.emit(Op::Move { dst: *r, src: v });
        }
        self.f.next = mark;
        for ((n, r), t) in spec.names.iter().zip(regs).zip(types) {
            self.declare_in(&n.name, r, t);
        }
        Ok(())
    }

    /// The types of `n` values from `values` (one multi-valued call or n expressions), with
    /// untyped constants at their default types.
    pub(crate) fn value_types(&mut self, values: &[Expr], n: usize) -> CResult<Vec<TypeId>> {
        if values.len() == 1 && n > 1 {
            let t = self.ty(&values[0])?;
            return match self.types.get(t) {
                Type::Tuple(ts) => Ok(ts.clone()),
                _ => Ok(self.comma_ok_types(&values[0], t)),
            };
        }
        values
            .iter()
            .map(|v| {
                let t = self.ty(v)?;
                Ok(self.default_type(t))
            })
            .collect()
    }

    fn comma_ok_types(&mut self, _e: &Expr, t: TypeId) -> Vec<TypeId> {
        vec![t, TypeId::BOOL]
    }

    /// `a, b := x, y`
    fn define(&mut self, lhs: &[Expr], rhs: &[Expr]) -> CResult<()> {
        if self.script_top != 0 && self.script_top == self.f.scopes.len() && self.outer.is_empty() {
            return self.define_globals(lhs, rhs);
        }
        let types = self.value_types(rhs, lhs.len())?;
        // Existing variables (redeclared in the same scope) are assigned; new ones declared.
        let mut targets: Vec<(Option<Reg>, TypeId, &str)> = Vec::new();
        for (l, t) in lhs.iter().zip(&types) {
            let ExprKind::Ident(n) = &l.kind else {
                return unsupported(l.span, "a non-name on the left of :=");
            };
            let depth = self.f.scopes.len();
            let exists = self.f.scopes.last().is_some_and(|s| s.contains_key(n))
                || (Some(depth) == self.f.body_scope.checked_add(1)
                    && self.f.scopes[depth - 2].contains_key(n));
            if exists || n == "_" {
                targets.push((None, *t, n));
            } else {
                let r = self.f.alloc();
                targets.push((Some(r), *t, n));
            }
        }
        let mark = self.f.next;
        let vals = self.values_into(rhs, &types)?;
        let single = vals.len() == 1;
        for ((r, t, n), v) in targets.iter().zip(&vals) {
            match r {
                // A temporary computed just now: computed into the variable instead.
                Some(r) if single && *v >= mark && self.f.retarget(*r, *v) => {}
                Some(r) => {
                    self.f.emit(Op::Move { dst: *r, src: *v });
                }
                None if *n == "_" => {}
                None => {
                    let var = self.name_var(n).expect("redeclared variable exists");
                    self.store_var(var, *v, *t)?;
                }
            }
        }
        self.f.next = mark;
        for (r, t, n) in targets {
            if let Some(r) = r {
                self.declare_in(n, r, t);
            }
        }
        Ok(())
    }

    /// `a, b = x, y` (all right-hand sides are evaluated before any assignment).
    fn assign(&mut self, lhs: &[Expr], rhs: &[Expr]) -> CResult<()> {
        let mut types = Vec::new();
        for l in lhs {
            types.push(if is_blank(l) {
                TypeId::INVALID
            } else {
                self.lhs_type(l)?
            });
        }
        let value_types = self.value_types(rhs, lhs.len())?;
        let types: Vec<TypeId> = types
            .into_iter()
            .zip(value_types)
            .map(|(t, v)| if t == TypeId::INVALID { v } else { t })
            .collect();
        if lhs.len() == 1 {
            // Single assignment: evaluate the target's operands, then the value (Go's order
            // for `a[i] = f()` evaluates index operands first).
            let place = self.place(&lhs[0])?;
            let v = self.values_into(rhs, &types)?[0];
            return self.store_place(&place, v, types[0]);
        }
        // All index operands are evaluated before any assignment: operands read from variables'
        // own registers are copied, since an earlier assignment may change the variable.
        let mark = self.f.next;
        let mut places: Vec<_> = lhs.iter().map(|l| self.place(l)).collect::<CResult<_>>()?;
        for p in &mut places {
            self.stabilize(p, mark);
        }
        if rhs.len() != lhs.len() {
            let vals = self.values_into(rhs, &types)?;
            for ((p, v), t) in places.iter().zip(vals).zip(types) {
                self.store_place(p, v, t)?;
            }
            return Ok(());
        }
        // gc's order (see `assign_order`): values an earlier assignment could change are
        // evaluated first, in order; the others just before their own assignment.
        let early = self.early_values(lhs, rhs);
        let (pick, pick_t): (Vec<&Expr>, Vec<TypeId>) = (0..rhs.len())
            .filter(|i| early[*i])
            .map(|i| (&rhs[i], types[i]))
            .unzip();
        let mark = self.f.next;
        let mut vals = self.value_list_into(&pick, &pick_t)?;
        // A lone early value may be a variable's own register (`x, y = y, x`): later
        // assignments could overwrite it before it is stored.
        for v in &mut vals {
            if *v < mark {
                let d = self.f.alloc();
                self.f.emit(Op::Move { dst: d, src: *v });
                *v = d;
            }
        }
        let mut vals = vals.into_iter();
        for (i, (p, t)) in places.iter().zip(types).enumerate() {
            let v = if early[i] {
                vals.next().expect("one value per early flag")
            } else {
                self.values_into(std::slice::from_ref(&rhs[i]), &[t])?[0]
            };
            self.store_place(p, v, t)?;
        }
        Ok(())
    }

    /// The type of an assignment target (names are typed by their variables: the checker
    /// does not record targets it only assigns to).
    pub(crate) fn lhs_type(&mut self, l: &Expr) -> CResult<TypeId> {
        let s = super::expr::strip_paren(l);
        match &s.kind {
            ExprKind::Ident(n) => {
                let m = self.f.next;
                let v = self.name_var(n);
                self.f.next = m;
                if let Some(v) = v {
                    return Ok(v.ty());
                }
            }
            // `*p = v` and `(*p)[k] = v`: from the operand's type when the target itself was
            // not recorded.
            ExprKind::Star(x) if self.info_of(s).is_none() => {
                let pt = self.lhs_type(x)?;
                if let Type::Pointer(e) = self.types.get(self.types.underlying(pt)) {
                    return Ok(*e);
                }
            }
            ExprKind::Index(x, _) if self.info_of(s).is_none() => {
                let xt = self.lhs_type(x)?;
                match self.types.get(self.types.underlying(xt)).clone() {
                    Type::Map(_, v) | Type::Slice(v) | Type::Array(_, v) => return Ok(v),
                    Type::Pointer(p) => {
                        if let Type::Array(_, v) = self.types.get(self.types.underlying(p)) {
                            return Ok(*v);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.ty(s)
    }

    pub(crate) fn stabilize(&mut self, p: &mut super::expr::Place, mark: u16) {
        use super::expr::Place;
        let fix = |c: &mut Self, r: &mut Reg| {
            if *r < mark {
                let d = c.f.alloc();
                c.f.emit(Op::Move { dst: d, src: *r });
                *r = d;
            }
        };
        match p {
            Place::Field { obj, .. } => fix(self, obj),
            Place::Slice { s, i } => {
                fix(self, s);
                fix(self, i);
            }
            Place::Array { arr, i } => {
                fix(self, arr);
                fix(self, i);
            }
            Place::Ptr { p } => fix(self, p),
            Place::Map { m, k } => {
                fix(self, m);
                fix(self, k);
            }
            Place::Var(_) | Place::Blank => {}
        }
    }

    fn op_assign(&mut self, lhs: &Expr, op: BinOp, rhs: &Expr) -> CResult<()> {
        let t = self.lhs_type(lhs)?;
        let place = self.place(lhs)?;
        let rt = if matches!(op, BinOp::Shl | BinOp::Shr) {
            self.default_type(self.ty(rhs)?)
        } else {
            t
        };
        // A variable in a register is updated in place: `x op= y` is one instruction.
        if let super::expr::Place::Var(super::func::Var::Reg(x, _)) = place {
            let r = self.expr_as(rhs, rt)?;
            return self.binary_op(op, t, rt, x, x, r, lhs.span);
        }
        let cur = self.load_place(&place, t)?;
        let r = self.expr_as(rhs, rt)?;
        let dst = self.f.alloc();
        self.binary_op(op, t, rt, dst, cur, r, lhs.span)?;
        self.store_place(&place, dst, t)
    }

    fn op_assign_const(&mut self, lhs: &Expr, op: BinOp) -> CResult<()> {
        let t = self.lhs_type(lhs)?;
        let place = self.place(lhs)?;
        let int = self
            .types
            .basic_kind(self.types.underlying(t))
            .is_some_and(|k| k.is_integer());
        if let (super::expr::Place::Var(super::func::Var::Reg(x, _)), true) = (&place, int) {
            // `i++` on a register variable: one instruction (plus the narrowing of sized ints).
            let imm = if op == BinOp::Add { 1 } else { -1 };
            self.f.emit(Op::AddIntImm {
                dst: *x,
                a: *x,
                imm,
            });
            self.wrap(*x, t);
            return Ok(());
        }
        let cur = self.load_place(&place, t)?;
        let one = self.f.alloc();
        // `load_const` makes the right word for any numeric type (a complex object for
        // complex types, whose words are references: a bare 1 would be taken for one).
        self.load_const(
            one,
            &crate::types::constant::Value::from_i64(1),
            t,
            lhs.span,
        )?;
        let dst = self.f.alloc();
        self.binary_op(op, t, t, dst, cur, one, lhs.span)?;
        self.store_place(&place, dst, t)
    }

    fn if_stmt(&mut self, i: &IfStmt) -> CResult<()> {
        let mark = self.f.open();
        if let Some(init) = &i.init {
            self.stmt(init)?;
        }
        let jf = self.jump_if_false(&i.cond)?;
        self.block_stmts(&i.then.stmts)?;
        match &i.els {
            None => self.f.patch(jf),
            Some(e) => {
                let jend = self.f.emit(Op::Jump { off: 0 });
                self.f.patch(jf);
                self.stmt(e)?;
                self.f.patch(jend);
            }
        }
        self.f.close(mark);
        Ok(())
    }

    /// A jump taken when `cond` is false (to be patched): a fused compare-and-branch for
    /// comparisons of integers, else the condition then `JumpIfNot`.
    pub(crate) fn jump_if_false(&mut self, cond: &Expr) -> CResult<usize> {
        self.cond_jump(cond, false)
    }

    /// A jump taken when `cond` is `when` (to be patched).
    pub(crate) fn cond_jump(&mut self, cond: &Expr, when: bool) -> CResult<usize> {
        let m = self.f.next;
        let c = super::expr::strip_paren(cond);
        if let ExprKind::Binary(op @ (BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge), a, b) =
            &c.kind
        {
            let (ta, tb) = (self.ty(a)?, self.ty(b)?);
            let t = if self.types.is_untyped(ta) { tb } else { ta };
            let t = self.default_type(t);
            let signed_int = self
                .types
                .basic_kind(self.types.underlying(t))
                .is_some_and(|k| k.is_integer() && !k.is_unsigned());
            let imm = match self.info_of(b).map(|i| &i.mode) {
                Some(crate::types::operand::Mode::Const(v)) => v
                    .to_int()
                    .and_then(|i| i.to_i64())
                    .and_then(|i| i16::try_from(i).ok()),
                _ => None,
            };
            if let (true, Some(imm)) = (signed_int, imm) {
                // `x op k`: jump when (x op k) == when.
                let x = self.expr_as(a, t)?;
                self.f.next = m;
                let j = match (op, when) {
                    (BinOp::Lt, true) | (BinOp::Ge, false) => Op::JumpIfLtImm { a: x, imm, off: 0 },
                    (BinOp::Lt, false) | (BinOp::Ge, true) => Op::JumpIfGeImm { a: x, imm, off: 0 },
                    (BinOp::Gt, true) | (BinOp::Le, false) => Op::JumpIfGtImm { a: x, imm, off: 0 },
                    _ => Op::JumpIfLeImm { a: x, imm, off: 0 },
                };
                return Ok(self.f.emit(j));
            }
            if signed_int {
                let x = self.expr_as(a, t)?;
                let y = self.expr_as(b, t)?;
                self.f.next = m;
                // As `l < r` (jump if true) or `l >= r` (jump if false).
                let (l, r, lt_when) = match op {
                    BinOp::Lt => (x, y, true),
                    BinOp::Ge => (x, y, false),
                    BinOp::Gt => (y, x, true),
                    _ => (y, x, false),
                };
                let j = if lt_when == when {
                    Op::JumpIfLtInt { a: l, b: r, off: 0 }
                } else {
                    Op::JumpIfGeInt { a: l, b: r, off: 0 }
                };
                return Ok(self.f.emit(j));
            }
        }
        // `x == y`, `x != y` on integers: a fused branch (with an immediate for small constants).
        if let ExprKind::Binary(op @ (BinOp::Eq | BinOp::Ne), a, b) = &c.kind {
            let (ta, tb) = (self.ty(a)?, self.ty(b)?);
            let t = self.default_type(if self.types.is_untyped(ta) { tb } else { ta });
            // Both sides integers: `u16 != iu16` compares an integer with an interface.
            if !self.types.is_interface(ta)
                && !self.types.is_interface(tb)
                && self
                    .types
                    .basic_kind(self.types.underlying(t))
                    .is_some_and(|k| k.is_integer())
            {
                let konst = |c: &Self, e: &Expr| match c.info_of(e).map(|i| &i.mode) {
                    Some(crate::types::operand::Mode::Const(v)) => v
                        .to_int()
                        .and_then(|i| i.to_i64())
                        .and_then(|i| i16::try_from(i).ok()),
                    _ => None,
                };
                let jump_on_eq = (*op == BinOp::Eq) == when;
                if let Some(imm) = konst(self, b) {
                    let x = self.expr_as(a, t)?;
                    self.f.next = m;
                    let j = if jump_on_eq {
                        Op::JumpIfEqImm { a: x, imm, off: 0 }
                    } else {
                        Op::JumpIfNeImm { a: x, imm, off: 0 }
                    };
                    return Ok(self.f.emit(j));
                }
                let x = self.expr_as(a, t)?;
                let y = self.expr_as(b, t)?;
                self.f.next = m;
                let j = if jump_on_eq {
                    Op::JumpIfEqWord { a: x, b: y, off: 0 }
                } else {
                    Op::JumpIfNeWord { a: x, b: y, off: 0 }
                };
                return Ok(self.f.emit(j));
            }
        }
        let r = self.expr_as(cond, TypeId::BOOL)?;
        self.f.next = m;
        Ok(if when {
            self.f.emit(Op::JumpIf { cond: r, off: 0 })
        } else {
            self.f.emit(Op::JumpIfNot { cond: r, off: 0 })
        })
    }

    fn for_stmt(&mut self, fs: &ForStmt, label: Option<&str>) -> CResult<()> {
        let mark = self.f.open();
        if let Some(init) = &fs.init {
            self.stmt(init)?;
        }
        // Go 1.22: each iteration has its own copy of the loop variables; only boxed ones
        // (captured or address-taken) can tell, so only they are re-boxed per iteration.
        let per_iter: Vec<(Reg, TypeId, Option<u32>)> = self
            .f
            .scopes
            .last()
            .expect("scope")
            .values()
            .filter_map(|v| match v {
                Var::Boxed(r, t) => Some((*r, *t, None)),
                Var::Spilled(i, t) if !crate::vm::machine::is_aggregate(&self.types, *t) => {
                    Some((0, *t, Some(*i)))
                }
                _ => None,
            })
            .collect();
        let top = self.f.pc();
        let exit = match &fs.cond {
            Some(c) => Some(self.jump_if_false(c)?),
            None => None,
        };
        let body_top = self.f.pc();
        self.f.loops.push(Loop {
            label: label.map(String::from),
            breaks: vec![],
            continues: vec![],
            is_loop: true,
        });
        self.block_stmts(&fs.body.stmts)?;
        let lp = self.f.loops.pop().expect("loop");
        for c in lp.continues {
            self.f.patch(c);
        }
        for (r, t, spilled) in per_iter {
            // A spilled variable's box is loaded first and the new one stored back.
            let mark = self.f.next;
            let r = match spilled.map(|i| self.unspill(i, t)) {
                Some(Var::Boxed(b, _)) => b,
                _ => r,
            };
            let tmp = self.f.alloc_n(2);
            self.f.emit(Op::LoadField {
                dst: tmp + 1,
                obj: r,
                idx: 0,
            });
            let is_ref = crate::vm::machine::is_ref(&self.types, t) as u64;
            self.f.load_word(tmp, is_ref);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::NewBox as u16,
                base: tmp,
            });
            self.f.emit(Op::StoreField {
                obj: tmp,
                idx: 0,
                src: tmp + 1,
            });
            self.f.emit(Op::Move { dst: r, src: tmp });
            if let (Some(i), Some((rec, _))) = (spilled, self.f.spill) {
                self.f.load_word(tmp + 1, i as u64);
                self.f.emit(Op::ArraySet {
                    arr: rec,
                    i: tmp + 1,
                    src: tmp,
                });
            }
            self.f.next = mark;
        }
        // `for ...; i < n; i++` with `i` and `n` int variables in registers: one instruction
        // steps and tests.
        if let Some(j) = self.counting_step(fs, body_top)? {
            self.f.patch_to(j, body_top);
        } else {
            if let Some(post) = &fs.post {
                self.stmt(post)?;
            }
            // The condition is tested again at the bottom (one branch per iteration instead of a
            // jump and a branch), unless the body is too long for a fused branch's offset.
            match &fs.cond {
                Some(c) if self.f.pc() - body_top < 30_000 => {
                    self.set_line(c.span);
                    let j = self.cond_jump(c, true)?;
                    self.f.patch_to(j, body_top);
                }
                _ => self.f.jump_to(top),
            }
        }
        if let Some(x) = exit {
            self.f.patch(x);
        }
        for b in lp.breaks {
            self.f.patch(b);
        }
        self.f.close(mark);
        Ok(())
    }

    /// The fused `i++; if i < n` of a counting loop (to be patched to the body), if the loop
    /// has that shape: `i` and `n` int (64-bit) variables held in registers.
    fn counting_step(&mut self, fs: &ForStmt, body_top: usize) -> CResult<Option<usize>> {
        let (Some(post), Some(cond)) = (&fs.post, &fs.cond) else {
            return Ok(None);
        };
        let StmtKind::IncDec(x, true) = &post.kind else {
            return Ok(None);
        };
        let ExprKind::Ident(i) = &x.kind else {
            return Ok(None);
        };
        let ExprKind::Binary(BinOp::Lt, a, b) = &super::expr::strip_paren(cond).kind else {
            return Ok(None);
        };
        let (ExprKind::Ident(ai), ExprKind::Ident(n)) = (&a.kind, &b.kind) else {
            return Ok(None);
        };
        if ai != i || self.f.pc() - body_top > 30_000 {
            return Ok(None);
        }
        let (Some(Var::Reg(ri, ti)), Some(Var::Reg(rn, tn))) = (self.f.lookup(i), self.f.lookup(n))
        else {
            return Ok(None);
        };
        let int64 =
            |c: &Self, t: TypeId| matches!(c.types.underlying(t), TypeId::INT | TypeId::INT64);
        if !int64(self, ti) || !int64(self, tn) || ti != tn {
            return Ok(None);
        }
        self.set_line(cond.span);
        Ok(Some(self.f.emit(Op::IncJumpIfLt {
            a: ri,
            b: rn,
            off: 0,
        })))
    }

    pub(crate) fn branch_pub(
        &mut self,
        kind: BranchKind,
        label: Option<&Ident>,
        span: crate::span::Span,
    ) -> CResult<()> {
        self.branch(kind, label, span)
    }

    fn branch(
        &mut self,
        kind: BranchKind,
        label: Option<&Ident>,
        span: crate::span::Span,
    ) -> CResult<()> {
        if kind == BranchKind::Goto {
            let at = self.f.emit(Op::Jump { off: 0 });
            self.f
                .gotos
                .push((at, label.expect("goto label").name.clone()));
            return Ok(());
        }
        if kind == BranchKind::Fallthrough {
            return unsupported(span, "fallthrough here");
        }
        let idx = self.f.loops.iter().rposition(|l| match label {
            Some(n) => l.label.as_deref() == Some(&n.name),
            None => kind == BranchKind::Break || l.is_loop,
        });
        let Some(idx) = idx else {
            if let Some(r) = self.range_branch(kind, label) {
                return r;
            }
            return unsupported(span, "this branch");
        };
        let at = self.f.emit(Op::Jump { off: 0 });
        if kind == BranchKind::Break {
            self.f.loops[idx].breaks.push(at);
        } else {
            self.f.loops[idx].continues.push(at);
        }
        Ok(())
    }

    fn return_stmt(&mut self, es: &[Expr], _span: crate::span::Span) -> CResult<()> {
        if let Some(r) = self.range_return(es) {
            return r;
        }
        if es.is_empty() {
            return self.return_named();
        }
        let results = self.f.results.clone();
        let vals = self.values_into(es, &results)?;
        // Copy aggregates that are not fresh was done by values_into; with defers, the results
        // go through the named result variables so deferred closures can see and change them.
        if self.f.has_defer && !self.f.named_results.is_empty() {
            let named = self.f.named_results.clone();
            for ((v, r), t) in named.iter().zip(vals).zip(results) {
                self.store_var(*v, r, t)?;
            }
            return self.return_named();
        }
        if self.f.has_defer {
            self.f.emit(Op::RunDefers);
        }
        let n = results.len() as u16;
        if n == 1 {
            self.f.emit(Op::Return { src: vals[0], n: 1 });
            return Ok(());
        }
        let base = self.f.alloc_n(n as usize);
        for (i, v) in vals.into_iter().enumerate() {
            self.f.emit(Op::Move {
                dst: base.wrapping_add(i as u16),
                src: v,
            });
        }
        self.f.emit(Op::Return { src: base, n });
        Ok(())
    }

    fn defer_stmt(&mut self, e: &Expr) -> CResult<()> {
        self.f.has_defer = true;
        // `defer recover()`: recover is then not called by a deferred function, so it does
        // nothing (Go's rule); nothing needs to run.
        if let ExprKind::Call { func, .. } = &e.kind {
            if matches!(
                self.info_of(func).map(|i| &i.mode),
                Some(crate::types::operand::Mode::Builtin(
                    crate::types::scope::Builtin::Recover
                ))
            ) {
                return Ok(());
            }
        }
        let ExprKind::Call { .. } = &e.kind else {
            return unsupported(e.span, "defer of a non-call");
        };
        let (base, n) = self.call_as_closure(e)?;
        self.f.emit(Op::Defer { base, n });
        Ok(())
    }
}

pub fn is_blank(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Ident(n) if n == "_")
}

/// Whether `stmts` contain a `defer` of this function (not of a nested function literal).
pub fn has_defer(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match &s.kind {
        StmtKind::Defer(_) => true,
        StmtKind::Labeled(_, s) => has_defer(std::slice::from_ref(s)),
        StmtKind::Block(b) => has_defer(&b.stmts),
        StmtKind::If(i) => {
            has_defer(&i.then.stmts)
                || i.els
                    .as_ref()
                    .is_some_and(|e| has_defer(std::slice::from_ref(e)))
        }
        StmtKind::For(f) => has_defer(&f.body.stmts),
        StmtKind::Range(r) => has_defer(&r.body.stmts),
        StmtKind::Switch(sw) => sw.cases.iter().any(|c| has_defer(&c.body)),
        StmtKind::TypeSwitch(ts) => ts.cases.iter().any(|c| has_defer(&c.body)),
        StmtKind::Select(cs) => cs.iter().any(|c| has_defer(&c.body)),
        _ => false,
    })
}
