//! CHECKER: typed statements in function bodies. Input: statements whose names the resolver
//! resolves. Output: local variables' types (from declarations, `:=` and `range`) and Go's errors
//! for assignment counts (`assignment mismatch: 2 variables but f returns 1 value`, `missing init
//! expr for c`, `extra init expr 3`), assignability (`cannot use x (variable of type int) as string
//! value in assignment`), assigning to what cannot be assigned, `return` counts and values,
//! non-boolean conditions, `++` on non-numbers and ranges over what cannot be ranged over.

use super::check::codes;
use super::constant::BasicKind;
use super::operand::{describe, known, shallow_known, Mode, Operand, COMPILER};
use super::resolve::{LocalKind, Resolver};
use super::ty::{Type, TypeId};
use crate::ast::*;
use crate::span::Span;

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

impl Resolver<'_, '_> {
    /// The values an expression list provides: one per expression, or the results of a single
    /// call (`None` for the count when it cannot be known).
    fn values(&mut self, rhs: &[Expr]) -> (Vec<(Operand, Option<usize>)>, bool) {
        let mut ops: Vec<Operand> = rhs.iter().map(|e| self.operand(e)).collect();
        for (o, e) in ops.iter_mut().zip(rhs) {
            if let Mode::NoValue = o.mode {
                let d = format!("{} (no value) used as value", self.c.source_text(e));
                self.c.error(codes::ASSIGN, e.span, d);
                *o = Operand::invalid();
            } else if let Mode::Type = o.mode {
                let d = format!("{} (type) is not an expression", self.c.source_text(e));
                self.c.error(codes::ASSIGN, e.span, d);
                *o = Operand::invalid();
            } else if let Mode::Builtin(_) = o.mode {
                let d = format!("{} (built-in) must be called", self.c.source_text(e));
                self.c.error(codes::CALL, e.span, d);
                *o = Operand::invalid();
            }
        }
        if let [op] = ops.as_slice() {
            if let Type::Tuple(ts) = self.c.types.get(op.ty).clone() {
                return (
                    ts.into_iter().map(|t| (Operand::value(t), None)).collect(),
                    true,
                );
            }
            // Unknown: it may be a call with several results or a comma-ok form.
            if op.unknown() || self.c.types.underlying(op.ty) == TypeId::INVALID {
                return (vec![(op.clone(), Some(0))], false);
            }
        }
        (
            ops.into_iter()
                .enumerate()
                .map(|(i, o)| (o, Some(i)))
                .collect(),
            true,
        )
    }

    /// Value `i` of a multi-valued right side (`a, b = f()`, `v, ok = m[k]`) must be assignable
    /// to its variable's type `t`: `cannot use 1st function result (value of type int) as string
    /// value in multiple assignment`, `cannot use ok value of (comma, ok) expression (untyped bool
    /// value) as chan int value in multiple assignment` (reported at the right side).
    fn multi_value_to(&mut self, v: &Operand, i: usize, comma_ok: bool, rhs: &Expr, t: TypeId) {
        let ok_value = comma_ok && i == 1;
        let v = if ok_value {
            Operand::value(TypeId::UNTYPED_BOOL)
        } else {
            v.clone()
        };
        let types = &self.c.types;
        if !known(types, &v) || super::operand::assignable(types, &v, t).is_ok() {
            return;
        }
        let what = if ok_value {
            "ok value of (comma, ok) expression (untyped bool value)".to_string()
        } else {
            let n = i + 1;
            let suffix = match (n % 10, n % 100) {
                (1, x) if x != 11 => "st",
                (2, x) if x != 12 => "nd",
                (3, x) if x != 13 => "rd",
                _ => "th",
            };
            let of = describe(types, "", &Operand::value(v.ty));
            format!("{n}{suffix} function result {}", of.trim_start())
        };
        let d = format!(
            "cannot use {what} as {} value in multiple assignment",
            types.display(t, COMPILER)
        );
        self.c.error(codes::ASSIGN, rhs.span, d);
    }

    /// Go's count mismatch message, naming the function for a single call.
    fn count_mismatch(&mut self, nvars: usize, rhs: &[Expr], nvalues: usize, at: Span) {
        let values = match rhs {
            [Expr {
                kind: ExprKind::Call { func, .. },
                ..
            }] => {
                format!(
                    "{} returns {}",
                    self.c.source_text(func),
                    plural(nvalues, "value")
                )
            }
            _ => plural(nvalues, "value"),
        };
        let d = format!(
            "assignment mismatch: {} but {values}",
            plural(nvars, "variable")
        );
        self.c.error(codes::ASSIGN, at, d);
    }

    /// The type a new variable gets from a value (untyped constants take their default type).
    fn default_type(&mut self, op: &Operand) -> TypeId {
        if !self.c.types.is_untyped(op.ty) {
            return op.ty;
        }
        super::operand::default_type(&self.c.types, op.ty)
    }

    pub(super) fn assign(&mut self, lhs: &[Expr], op: AssignOp, rhs: &[Expr], span: Span) {
        if let (AssignOp::Op(_), true) = (op, lhs.len() != 1 || rhs.len() != 1) {
            // `a, b += x`: Go's parser takes an operator assignment with one operand on each
            // side only (gol's grammar is laxer; the syntax error is reported here, at the
            // operator).
            let from = lhs.last().map_or(span.lo, |e| e.span.hi);
            let text = self.c.source_slice(Span {
                lo: from,
                hi: span.hi,
            });
            let skip = text.len() - text.trim_start().len();
            let width = text.trim_start().find([' ', '\t']).unwrap_or(0);
            let at = Span {
                lo: from + skip as u32,
                hi: from + (skip + width) as u32,
            };
            let sym = &text[skip..skip + width];
            let d = if lhs.len() != 1 {
                format!("syntax error: unexpected {sym}, expected := or = or comma")
            } else {
                format!("assignment operation {sym} requires single-valued expressions")
            };
            self.c.error(codes::ASSIGN, at, d);
            rhs.iter().for_each(|e| self.expr(e));
            return;
        }
        let (vals, count_known) = self.values(rhs);
        let comma_ok = rhs.len() == 1
            && lhs.len() == 2
            && matches!(vals[0].0.mode, Mode::CommaOk | Mode::MapIndex);
        let counts_ok = !count_known
            || vals.len() == lhs.len()
            || comma_ok
            || op != AssignOp::Define && op != AssignOp::Assign;
        if !counts_ok {
            // types2 reports the mismatch at the first value.
            let at = rhs.first().map_or(span, |e| e.span);
            self.count_mismatch(lhs.len(), rhs, vals.len(), at);
        }
        match op {
            AssignOp::Define => {
                self.check_generic_values(rhs);
                self.define(lhs, rhs, &vals, comma_ok && counts_ok, span)
            }
            AssignOp::Assign => {
                for (i, e) in lhs.iter().enumerate() {
                    let target = self.assign_target(e);
                    if !counts_ok {
                        continue;
                    }
                    let (v, idx) = match (comma_ok, i) {
                        (true, 1) => (Operand::value(TypeId::UNTYPED_BOOL), None),
                        _ => match vals.get(i) {
                            Some(v) => v.clone(),
                            None => continue,
                        },
                    };
                    if matches!(v.mode, Mode::Nil)
                        && matches!(&e.kind, ExprKind::Ident(n) if n == "_")
                    {
                        self.c.error(
                            codes::ASSIGN,
                            rhs[0].span,
                            "use of untyped nil in assignment",
                        );
                        continue;
                    }
                    match (target, idx) {
                        (Some(t), Some(k)) => self.assign_to(&v, &rhs[k], t, "assignment"),
                        (Some(t), None) => self.multi_value_to(&v, i, comma_ok, &rhs[0], t),
                        _ => {}
                    }
                }
            }
            AssignOp::Op(bop) => {
                let x = self.operand(&lhs[0]);
                let y = vals
                    .first()
                    .map(|v| v.0.clone())
                    .unwrap_or_else(Operand::invalid);
                if known(&self.c.types, &x)
                    && known(&self.c.types, &y)
                    && x.is_value()
                    && y.is_value()
                {
                    let ok = if self.c.types.is_untyped(y.ty) {
                        super::operand::assignable(&self.c.types, &y, x.ty).is_ok()
                    } else {
                        x.ty == y.ty
                    };
                    let defined = match self.c.types.basic_kind(x.ty) {
                        Some(k) => match bop {
                            BinOp::Add => k.is_numeric() || k.is_string(),
                            BinOp::Sub | BinOp::Mul | BinOp::Div => k.is_numeric(),
                            BinOp::Rem | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => {
                                k.is_integer()
                            }
                            _ => true,
                        },
                        None => matches!(bop, BinOp::Shl | BinOp::Shr),
                    };
                    if ok && !defined {
                        let d = format!(
                            "invalid operation: operator {} not defined on {}",
                            crate::printer::binop(bop),
                            super::operand::describe(
                                &self.c.types,
                                &self.c.source_text(&lhs[0]),
                                &x
                            )
                        );
                        self.c.error(codes::OPERATOR, span, d);
                    } else if let (BinOp::Shl | BinOp::Shr, Mode::Const(v), true) =
                        (bop, &y.mode, self.c.types.is_untyped(y.ty))
                    {
                        // An untyped constant count converts to `uint` (`x <<= 2i`).
                        if let Err(err) = super::constant::representable(v, BasicKind::Uint) {
                            let d = super::constant::messages::invalid_conversion(
                                &describe(&self.c.types, &self.c.source_text(&rhs[0]), &y),
                                "uint",
                                err,
                            );
                            self.c.error(codes::CONSTANT, rhs[0].span, d);
                        }
                    } else if !ok && !matches!(bop, BinOp::Shl | BinOp::Shr) {
                        let text = self.c.source_slice(span).to_string();
                        let (xt, yt) = (
                            self.c.types.display(x.ty, COMPILER),
                            self.c.types.display(y.ty, COMPILER),
                        );
                        self.c.error(
                            codes::OPERATOR,
                            span,
                            format!("invalid operation: {text} (mismatched types {xt} and {yt})"),
                        );
                    }
                }
            }
        }
    }

    /// The left side of `=`: its type if it can be assigned to (reporting it if it cannot).
    fn assign_target(&mut self, e: &Expr) -> Option<TypeId> {
        match &e.kind {
            ExprKind::Ident(n) if n == "_" => None,
            ExprKind::Ident(n) => {
                self.ident(n, e.span, false);
                self.record_target(e);
                match self.find_local(n) {
                    Some(i) => Some(self.locals[i].ty),
                    None => match self.c.lookup(n).map(|o| o.kind.clone()) {
                        Some(super::scope::ObjKind::Var { ty }) => Some(ty),
                        Some(super::scope::ObjKind::Const { .. }) => {
                            let d = format!("cannot assign to {n} (neither addressable nor a map index expression)");
                            self.c.error(codes::ASSIGN, e.span, d);
                            None
                        }
                        _ => None,
                    },
                }
            }
            ExprKind::Paren(x) => self.assign_target(x),
            _ => {
                let op = self.operand(e);
                match op.mode {
                    Mode::Var | Mode::MapIndex => Some(op.ty),
                    Mode::Invalid => None,
                    _ if op.unknown() && !matches!(op.mode, Mode::Const(_)) => None,
                    _ => {
                        let text = self.c.source_text(e);
                        let in_map = matches!(&e.kind, ExprKind::Selector(x, _) if matches!(self.peek_mode(x), Some(Mode::MapIndex)));
                        let d = if in_map {
                            format!("cannot assign to struct field {text} in map")
                        } else {
                            format!("cannot assign to {text} (neither addressable nor a map index expression)")
                        };
                        self.c.error(codes::ASSIGN, e.span, d);
                        None
                    }
                }
            }
        }
    }

    /// The type of `x` without reporting anything twice.
    fn peek_type(&mut self, x: &Expr) -> TypeId {
        let before = self.c.diags.len();
        let t = self.operand(x).ty;
        self.c.diags.truncate(before);
        t
    }

    /// The mode of `x` without reporting anything twice (names were resolved already).
    fn peek_mode(&mut self, x: &Expr) -> Option<Mode> {
        let before = self.c.diags.len();
        let m = self.operand(x).mode;
        self.c.diags.truncate(before);
        Some(m)
    }

    fn define(
        &mut self,
        lhs: &[Expr],
        rhs: &[Expr],
        vals: &[(Operand, Option<usize>)],
        comma_ok: bool,
        span: Span,
    ) {
        let scope_has = |r: &Self, n: &str| r.scopes.last().is_some_and(|s| s.contains_key(n));
        let mut seen = std::collections::HashSet::new();
        for e in lhs {
            if let ExprKind::Ident(n) = &e.kind {
                if n != "_" && !seen.insert(n.as_str()) {
                    let d = format!("{n} repeated on left side of :=");
                    self.c.error(codes::ASSIGN, e.span, d);
                }
            }
        }
        let mut new = 0;
        for (i, e) in lhs.iter().enumerate() {
            let ty = match (comma_ok, i) {
                (true, 1) => TypeId::BOOL,
                _ => match vals.get(i) {
                    // (An existing variable is assigned: nil may suit its type.)
                    Some((v, _))
                        if matches!(v.mode, Mode::Nil)
                            && !matches!(&e.kind, ExprKind::Ident(n) if scope_has(self, n)) =>
                    {
                        self.c.error(
                            codes::ASSIGN,
                            rhs.get(i).unwrap_or(&rhs[0]).span,
                            "use of untyped nil in assignment",
                        );
                        TypeId::INVALID
                    }
                    Some((v, _)) => self.default_type(v),
                    None => TypeId::INVALID,
                },
            };
            match &e.kind {
                ExprKind::Ident(n) if n == "_" => {}
                ExprKind::Ident(n) if scope_has(self, n) => {
                    self.ident(n, e.span, false);
                    // An existing variable is assigned.
                    match (self.find_local(n), vals.get(i)) {
                        (Some(l), Some((v, Some(k)))) if !(comma_ok && i == 1) => {
                            let t = self.locals[l].ty;
                            let v = v.clone();
                            self.assign_to(&v, &rhs[*k], t, "assignment");
                        }
                        (Some(l), Some((v, _))) => {
                            let t = self.locals[l].ty;
                            let v = v.clone();
                            self.multi_value_to(&v, i, comma_ok, &rhs[0], t);
                        }
                        _ => {}
                    }
                }
                ExprKind::Ident(n) => {
                    new += 1;
                    let idx = self.declare(
                        &Ident {
                            name: n.clone(),
                            span: e.span,
                        },
                        LocalKind::Var,
                    );
                    self.locals[idx].ty = ty;
                    if let Some((_, Some(k))) = vals.get(i) {
                        self.settle(&rhs[*k], ty);
                    }
                    // An untyped constant must fit its default type: `d := 1 << 64` overflows.
                    if let Some((
                        v @ Operand {
                            mode: Mode::Const(_),
                            ..
                        },
                        Some(k),
                    )) = vals.get(i)
                    {
                        if ty != TypeId::INVALID && self.c.types.is_untyped(v.ty) {
                            let v = v.clone();
                            let spelled =
                                (v.ty == TypeId::UNTYPED_RUNE).then(|| "rune".to_string());
                            self.assign_to_spelled(&v, &rhs[*k], ty, "assignment", spelled);
                        }
                    }
                }
                // `x.f := 1`: "non-name on left side of :=" (a later phase).
                _ => self.expr(e),
            }
        }
        if new == 0 {
            // Go reports it at the `:=`.
            let from = lhs.last().map_or(span.lo, |e| e.span.hi);
            let text = self.c.source_slice(Span {
                lo: from,
                hi: span.hi,
            });
            let lo = from + (text.len() - text.trim_start().len()) as u32;
            let at = Span { lo, hi: lo + 2 };
            self.c.error(
                codes::NO_NEW_VARS,
                at,
                "no new variables on left side of :=",
            );
        }
    }

    /// Records the variable an assignment names on its left (`x` in `x = v`, `for x = range`),
    /// which is not a use and so not typed as an operand.
    pub(super) fn record_target(&mut self, e: &Expr) {
        let ExprKind::Ident(n) = &e.kind else {
            return;
        };
        let ty = match self.find_local(n) {
            Some(i)
                if matches!(
                    self.locals[i].kind,
                    LocalKind::Var | LocalKind::Param | LocalKind::Bind
                ) =>
            {
                self.locals[i].ty
            }
            Some(_) => return,
            None => match self.c.lookup(n).map(|o| o.kind.clone()) {
                Some(super::scope::ObjKind::Var { ty }) => ty,
                _ => return,
            },
        };
        self.c.info.record(e, ty, &Mode::Var);
    }

    /// Gives the package-level variables of `d` declared without a type the (default) types of
    /// their initialisers; whether any type changed. Reports nothing itself (the caller discards
    /// what typing the initialisers reports: the declaration is checked again later).
    pub(super) fn package_var_types(&mut self, d: &GenDecl) -> bool {
        let DeclKind::Var(specs) = &d.kind else {
            return false;
        };
        let mut changed = false;
        self.open();
        for s in specs {
            if s.ty.is_some() || s.values.is_empty() {
                continue;
            }
            let (vals, _) = self.values(&s.values);
            let comma_ok = s.values.len() == 1
                && s.names.len() == 2
                && vals.len() == 1
                && matches!(vals[0].0.mode, Mode::CommaOk | Mode::MapIndex);
            for (i, n) in s.names.iter().enumerate() {
                let ty = match (comma_ok, vals.get(i)) {
                    (true, _) if i == 1 => TypeId::BOOL,
                    _ if !comma_ok && vals.len() != s.names.len() => TypeId::INVALID,
                    (_, Some((v, _))) if v.is_value() && !matches!(v.mode, Mode::Nil) => {
                        self.default_type(v)
                    }
                    _ => TypeId::INVALID,
                };
                changed |= self.c.set_var_type(n, ty);
            }
        }
        self.close();
        changed
    }

    /// A `var` declaration inside a function.
    pub(super) fn var_spec(&mut self, s: &ValueSpec) {
        let types = self.var_spec_types(s);
        for (n, ty) in s.names.iter().zip(types) {
            let idx = self.declare(n, LocalKind::Var);
            self.locals[idx].ty = ty;
        }
    }

    /// Checks a `var` spec's values against its names and type (counts, assignability, untyped
    /// constants' default types) and returns each name's type. Package-level specs use it too:
    /// their initialisers must be checked as strictly (the compiler trusts the types).
    pub(super) fn var_spec_types(&mut self, s: &ValueSpec) -> Vec<TypeId> {
        let mut out = Vec::with_capacity(s.names.len());
        let declared = s.ty.as_ref().map(|t| {
            self.type_expr(t);
            self.c.check_var_type(t);
            self.local_type(t)
        });
        if declared.is_none() {
            self.check_generic_values(&s.values);
        }
        let (vals, known) = if s.values.is_empty() {
            (vec![], true)
        } else {
            self.values(&s.values)
        };
        let comma_ok = s.values.len() == 1
            && s.names.len() == 2
            && vals.len() == 1
            && matches!(vals[0].0.mode, Mode::CommaOk | Mode::MapIndex);
        if !s.values.is_empty() && known && vals.len() != s.names.len() && !comma_ok {
            if s.values.len() == 1 && s.names.len() == 1 {
                // One name, one value: types2 checks it as a single value (`var d = two()`).
                let op = self.operand(&s.values[0]);
                self.single_value(&op, &s.values[0]);
                return vec![TypeId::INVALID];
            } else if s.values.len() == 1 {
                self.count_mismatch(s.names.len(), &s.values, vals.len(), s.values[0].span);
            } else if vals.len() < s.names.len() {
                let missing = &s.names[vals.len()];
                self.c.error(
                    codes::ASSIGN,
                    missing.span,
                    format!("missing init expr for {}", missing.name),
                );
            } else {
                let extra = &s.values[s.names.len()];
                let text = self.c.source_text(extra);
                self.c
                    .error(codes::ASSIGN, extra.span, format!("extra init expr {text}"));
            }
        }
        for (i, n) in s.names.iter().enumerate() {
            let ty = match (&declared, vals.get(i)) {
                (Some(t), Some((v, k))) => {
                    if k.is_none() || comma_ok && i == 1 {
                        let v = v.clone();
                        self.multi_value_to(&v, i, comma_ok, &s.values[0], *t);
                    }
                    if let (Some(k), false) = (k, comma_ok && i == 1) {
                        let v = v.clone();
                        let spelled = match s.ty.as_ref().map(|t| &t.kind) {
                            Some(ExprKind::Ident(n)) => Some(n.clone()),
                            _ => None,
                        };
                        self.assign_to_spelled(
                            &v,
                            &s.values[*k],
                            *t,
                            "variable declaration",
                            spelled,
                        );
                    }
                    *t
                }
                (Some(t), None) => *t,
                (None, Some(_)) if comma_ok && i == 1 => TypeId::BOOL,
                (None, Some((v, Some(k)))) if matches!(self.c.types.get(v.ty), Type::Tuple(_)) => {
                    // `var h, i = two(), 1`: a multi-valued call where one value belongs.
                    let (v, e) = (v.clone(), &s.values[*k]);
                    self.single_value(&v, e);
                    TypeId::INVALID
                }
                (None, Some((v, k))) => {
                    let v = v.clone();
                    let t = self.default_type(&v);
                    if let Some(k) = k {
                        self.settle(&s.values[*k], t);
                    }
                    // `var x = 1 << 64`: the constant must fit its default type.
                    let untyped_const =
                        matches!(v.mode, Mode::Const(_)) && self.c.types.is_untyped(v.ty);
                    if let (Some(k), true) = (k, untyped_const && t != TypeId::INVALID) {
                        let spelled = (v.ty == TypeId::UNTYPED_RUNE).then(|| "rune".to_string());
                        self.assign_to_spelled(
                            &v,
                            &s.values[*k],
                            t,
                            "variable declaration",
                            spelled,
                        );
                    }
                    t
                }
                (None, None) => TypeId::INVALID,
            };
            let _ = n;
            out.push(ty);
        }
        out
    }

    pub(super) fn ret(&mut self, es: &[Expr], span: Span) {
        let (vals, known) = if es.is_empty() {
            (vec![], true)
        } else {
            self.values(es)
        };
        let Some(&(sig, named)) = self.results.last() else {
            return;
        };
        let want = match self.c.types.get(sig) {
            Type::Func(s) => s.results.clone(),
            _ => return,
        };
        if es.is_empty() && (named || want.is_empty()) || !known {
            return;
        }
        if vals.len() != want.len() {
            let what = if vals.len() < want.len() {
                "not enough"
            } else {
                "too many"
            };
            let have: Vec<String> = vals.iter().map(|(v, _)| self.have_type(v)).collect();
            let want_s: Vec<String> = want
                .iter()
                .map(|t| self.c.types.display(*t, COMPILER))
                .collect();
            let d = format!(
                "{what} return values\n\thave ({})\n\twant ({})",
                have.join(", "),
                want_s.join(", ")
            );
            let at = es.first().map_or(span, |e| e.span);
            self.c.error(codes::ASSIGN, at, d);
            return;
        }
        for (i, (v, k)) in vals.iter().enumerate() {
            if let Some(k) = k {
                let v = v.clone();
                self.assign_to(&v, &es[*k], want[i], "return statement");
            }
        }
    }

    /// How Go lists an argument in `have (...)`: untyped numeric constants as `number`.
    fn have_type(&self, v: &Operand) -> String {
        match (self.c.types.basic_kind(v.ty), &v.mode) {
            (Some(k), Mode::Const(_)) if self.c.types.is_untyped(v.ty) && k.is_numeric() => {
                "number".into()
            }
            (_, Mode::Nil) => "nil".into(),
            _ => self.c.types.display(v.ty, COMPILER),
        }
    }

    pub(super) fn condition(&mut self, e: &Expr, what: &str) {
        let op = self.operand(e);
        if known(&self.c.types, &op)
            && op.is_value()
            && !self
                .c
                .types
                .basic_kind(op.ty)
                .is_some_and(|k| k.is_boolean())
        {
            self.c.error(
                codes::OPERATOR,
                e.span,
                format!("non-boolean condition in {what} statement"),
            );
        }
    }

    /// The types of a range clause's key and value (`INVALID` when unknown), with Go's errors.
    pub(super) fn range_types(&mut self, r: &RangeStmt) -> [TypeId; 2] {
        let x = self.operand(&r.x);
        if !shallow_known(&self.c.types, &x) || !x.is_value() {
            return [TypeId::INVALID; 2];
        }
        let two = r.value.is_some();
        let types = &self.c.types;
        let u = types.underlying(x.ty);
        let (k, v, one_only) = match types.get(u).clone() {
            Type::Slice(el) | Type::Array(_, el) => (TypeId::INT, el, false),
            Type::Pointer(p) => match types.get(types.underlying(p)).clone() {
                Type::Array(_, el) => (TypeId::INT, el, false),
                Type::Invalid => return [TypeId::INVALID; 2],
                _ => return self.cannot_range(&r.x, &x),
            },
            Type::Basic(b) if b.is_string() => (TypeId::INT, TypeId::INT32, false),
            Type::Basic(b) if b.is_integer() || b == BasicKind::UntypedRune => {
                // An untyped constant takes its default type (`range 'a'` counts in runes), or,
                // assigned to a variable (`for j = range 3`), that variable's type.
                let untyped = types.is_untyped(x.ty);
                let mut t = if untyped {
                    super::operand::default_type(types, x.ty)
                } else {
                    x.ty
                };
                if let (true, false, Some(key)) = (untyped, r.define, &r.key) {
                    if let Some(want) = self.iteration_var_type(key) {
                        if want != TypeId::INVALID {
                            self.assign_to(&x, &r.x, want, "range clause");
                            let u = self.c.types.underlying(want);
                            if matches!(self.c.types.get(u), Type::Basic(b) if b.is_integer()) {
                                t = want;
                            } else {
                                let d = format!(
                                    "cannot use iteration variable of type {}",
                                    self.c.types.display(want, COMPILER)
                                );
                                self.c.error(codes::ASSIGN, key.span, d);
                                t = TypeId::INVALID;
                            }
                        }
                    }
                }
                (t, TypeId::INVALID, true)
            }
            Type::Map(kt, vt) => (kt, vt, false),
            Type::Chan(ChanDir::Send, _) => {
                let shown = self.c.types.display(x.ty, COMPILER);
                let d = format!(
                    "cannot range over {}: receive from send-only channel {shown}",
                    describe(&self.c.types, &self.c.source_text(&r.x), &x)
                );
                self.c.error(codes::ASSIGN, r.x.span, d);
                return [TypeId::INVALID; 2];
            }
            Type::Chan(_, el) => (el, TypeId::INVALID, true),
            // Go 1.23 iterators: `func(yield func(K, V) bool)`.
            Type::Func(sig) => {
                let ys = match (&sig.params[..], &sig.results[..]) {
                    ([p], []) => match types.get(types.underlying(*p)).clone() {
                        Type::Func(ys)
                            if ys.results == [TypeId::BOOL]
                                && ys.params.len() <= 2
                                && !ys.variadic =>
                        {
                            Some(ys)
                        }
                        _ => None,
                    },
                    _ => None,
                };
                let Some(ys) = ys else {
                    return self.cannot_range(&r.x, &x);
                };
                let n = ys.params.len();
                let given = r.key.is_some() as usize + two as usize;
                if given > n {
                    let d = if n == 0 {
                        format!(
                            "range over {} permits no iteration variables",
                            describe(&self.c.types, &self.c.source_text(&r.x), &x)
                        )
                    } else {
                        format!(
                            "range over {} permits only one iteration variable",
                            describe(&self.c.types, &self.c.source_text(&r.x), &x)
                        )
                    };
                    let at = if n == 0 {
                        r.key.as_ref()
                    } else {
                        r.value.as_ref()
                    }
                    .map_or(r.x.span, |v| v.span);
                    self.c.error(codes::ASSIGN, at, d);
                }
                return [
                    ys.params.first().copied().unwrap_or(TypeId::INVALID),
                    ys.params.get(1).copied().unwrap_or(TypeId::INVALID),
                ];
            }
            Type::Interface(_) | Type::Invalid => return [TypeId::INVALID; 2],
            _ => return self.cannot_range(&r.x, &x),
        };
        if one_only && two {
            let d = format!(
                "range over {} permits only one iteration variable",
                describe(&self.c.types, &self.c.source_text(&r.x), &x)
            );
            let at = r.value.as_ref().map_or(r.x.span, |v| v.span);
            self.c.error(codes::ASSIGN, at, d);
        }
        [k, v]
    }

    fn cannot_range(&mut self, e: &Expr, x: &Operand) -> [TypeId; 2] {
        let d = format!(
            "cannot range over {}",
            describe(&self.c.types, &self.c.source_text(e), x)
        );
        self.c.error(codes::ASSIGN, e.span, d);
        [TypeId::INVALID; 2]
    }

    /// A case of an expression switch must compare with the tag (`true` without one): Go's
    /// `invalid case make(chan int) in switch on t.Text (mismatched types chan int and string)`.
    /// Untyped constants are `case_value`'s.
    pub(super) fn case_type(&mut self, tag: Option<(&Expr, &Operand)>, e: &Expr, op: &Operand) {
        let types = &self.c.types;
        if !known(types, op) || !op.is_value() {
            return;
        }
        let untyped_const = matches!(op.mode, Mode::Const(_)) && types.is_untyped(op.ty);
        if untyped_const || matches!(op.mode, Mode::Nil) {
            // Converted to the tag's type as in an assignment (a tagless switch: `bool`).
            let want = match tag {
                Some((_, t)) if !untyped_const && known(types, t) => t.ty,
                Some(_) => return, // constants: case_value
                None => TypeId::BOOL,
            };
            if super::operand::assignable(types, op, want).is_err() {
                let d = format!(
                    "cannot convert {} to type {}",
                    self.desc(e, op),
                    types.display(want, COMPILER)
                );
                self.c.error(codes::ASSIGN, e.span, d);
            }
            return;
        }
        let (on, tag_ty, ok) = match tag {
            Some((te, t)) => {
                if !known(types, t) || !t.is_value() || matches!(t.mode, Mode::Nil) {
                    return;
                }
                let ok = super::operand::assignable(types, op, t.ty).is_ok()
                    || (!matches!(op.mode, Mode::Nil)
                        && super::operand::assignable(types, t, op.ty).is_ok());
                (format!(" on {}", self.c.source_text(te)), t.ty, ok)
            }
            None => {
                let ok = types.basic_kind(op.ty).is_some_and(|k| k.is_boolean());
                (" on true".to_string(), TypeId::BOOL, ok)
            }
        };
        if !ok {
            let shown = |t: TypeId| types.display(t, COMPILER);
            let d = format!(
                "invalid case {} in switch{on} (mismatched types {} and {})",
                self.c.source_text(e),
                shown(op.ty),
                shown(tag_ty)
            );
            self.c.error(codes::ASSIGN, e.span, d);
        }
    }

    /// A case of an expression switch: it must convert to the tag's type (`cannot convert "one"
    /// (untyped string constant) to type int`), and constant cases must not repeat (`duplicate
    /// case 1 (constant of type int) in expression switch`).
    pub(super) fn case_value(
        &mut self,
        tag: &Operand,
        e: &Expr,
        op: &Operand,
        seen: &mut super::constant::ConstSet,
    ) {
        if !known(&self.c.types, tag) || !known(&self.c.types, op) || !tag.is_value() {
            return;
        }
        let Mode::Const(v) = &op.mode else { return };
        if !self.c.types.is_untyped(op.ty) || self.c.types.basic_kind(tag.ty).is_none() {
            return;
        }
        let k = self.c.types.basic_kind(tag.ty).expect("checked");
        let from = self
            .c
            .types
            .basic_kind(op.ty)
            .unwrap_or(BasicKind::UntypedInt);
        let compatible = match from {
            BasicKind::UntypedBool => k.is_boolean(),
            BasicKind::UntypedString => k.is_string(),
            _ => k.is_numeric(),
        };
        let shown = self.c.types.display(tag.ty, COMPILER);
        if !compatible {
            let d = format!(
                "cannot convert {} to type {shown}",
                describe(&self.c.types, &self.c.source_text(e), op)
            );
            self.c.error(codes::ASSIGN, e.span, d);
            return;
        }
        let Ok(conv) = super::constant::representable(v, k) else {
            return;
        };
        if !seen.insert(&conv) {
            let d = format!(
                "duplicate case {} (constant of type {shown}) in expression switch",
                self.c.source_text(e)
            );
            self.c.error(codes::FLOW, e.span, d);
        }
    }

    /// `for k, v = range x`: the iteration values are assigned to existing variables.
    /// The type of the local variable `e` names, if it is one (a range clause assigning to it).
    fn iteration_var_type(&self, e: &Expr) -> Option<TypeId> {
        let ExprKind::Ident(n) = &e.kind else {
            return None;
        };
        self.find_local(n).map(|i| self.locals[i].ty)
    }

    pub(super) fn range_assign(&mut self, target: &Expr, ty: TypeId) {
        if ty == TypeId::INVALID {
            return;
        }
        let ExprKind::Ident(n) = &target.kind else {
            return;
        };
        let Some(i) = self.find_local(n) else { return };
        let want = self.locals[i].ty;
        let v = Operand::value(ty);
        self.assign_to(&v, target, want, "assignment");
    }

    /// A call whose result must be used: a conversion or a builtin such as `append` or `len`.
    pub(super) fn discards_result(&self, e: &Expr) -> bool {
        let ExprKind::Call { func, .. } = &unparen(e).kind else {
            return false;
        };
        // A conversion `T(x)` is a value, not a call.
        if self
            .c
            .info
            .get(func)
            .is_some_and(|i| matches!(i.mode, Mode::Type))
        {
            return true;
        }
        let ExprKind::Ident(n) = &unparen(func).kind else {
            return false;
        };
        if self.find_local(n).is_some() {
            return false;
        }
        match self.c.lookup(n).map(|o| (&o.kind, o.decl.is_none())) {
            Some((super::scope::ObjKind::Builtin(b), true)) => matches!(
                b,
                super::scope::Builtin::Append
                    | super::scope::Builtin::Cap
                    | super::scope::Builtin::Complex
                    | super::scope::Builtin::Imag
                    | super::scope::Builtin::Len
                    | super::scope::Builtin::Make
                    | super::scope::Builtin::Max
                    | super::scope::Builtin::Min
                    | super::scope::Builtin::New
                    | super::scope::Builtin::Real
            ),
            _ => false,
        }
    }

    /// `go f(x)` / `defer f(x)`: a call whose result is not discarded, never a conversion.
    pub(super) fn go_defer_call(&mut self, what: &str, e: &Expr) {
        let op = self.operand(e);
        let ExprKind::Call { func, .. } = &unparen(e).kind else {
            return;
        };
        if !known(&self.c.types, &op) {
            return;
        }
        let text = super::expr::abbreviated(self.c, e);
        let desc = describe(&self.c.types, &text, &op);
        let func_is_type = matches!(&unparen(func).kind, ExprKind::Ident(n) if self.find_local(n).is_none()
            && matches!(self.c.lookup(n).map(|o| &o.kind), Some(super::scope::ObjKind::TypeName { .. })));
        if func_is_type {
            self.c.error(
                codes::FLOW,
                e.span,
                format!("{what} requires function call, not conversion {desc}"),
            );
        } else if self.discards_result(e) {
            self.c.error(
                codes::FLOW,
                e.span,
                format!("{what} discards result of {desc}"),
            );
        }
    }

    /// A constant declaration's value that is a known non-constant: `len(xs) (value of type int)
    /// is not constant`.
    pub(super) fn not_constant(&mut self, e: &Expr, op: &Operand) {
        // Only shapes that are never constant: a composite literal, a call of a function (not a
        // conversion or builtin), `len`/`cap` of a slice, map or channel. (Inside a constant
        // declaration most constant expressions are not folded by the operand code.)
        let never_constant = match &unparen(e).kind {
            ExprKind::CompositeLit { .. } => true,
            ExprKind::Call { func, args, .. } => match &unparen(func).kind {
                ExprKind::Ident(n) if self.find_local(n).is_none() => {
                    match self.c.lookup(n).map(|o| o.kind.clone()) {
                        Some(super::scope::ObjKind::Func { .. }) => true,
                        Some(super::scope::ObjKind::Builtin(
                            super::scope::Builtin::Len | super::scope::Builtin::Cap,
                        )) => {
                            let arg = args
                                .first()
                                .map(|a| self.peek_type(a))
                                .unwrap_or(TypeId::INVALID);
                            matches!(
                                self.c.types.get(self.c.types.underlying(arg)),
                                Type::Slice(_) | Type::Map(..) | Type::Chan(..)
                            )
                        }
                        _ => false,
                    }
                }
                _ => false,
            },
            _ => false,
        };
        if never_constant
            && known(&self.c.types, op)
            && matches!(
                op.mode,
                Mode::Value | Mode::Var | Mode::MapIndex | Mode::CommaOk
            )
        {
            let text = super::expr::abbreviated(self.c, e);
            let d = format!("{} is not constant", describe(&self.c.types, &text, op));
            self.c.error(codes::CONSTANT, e.span, d);
        }
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}
