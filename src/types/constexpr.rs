//! CHECKER: constant expressions. Input: an expression and what names mean around it. Output:
//! its constant value and type (untyped kinds included), or `None` when it is not a constant
//! this pass can evaluate; along the way, Go's constant errors: overflow and truncation when an
//! untyped constant meets a typed one, typed results that overflow their type, division by zero,
//! bad shifts, `%` on floats, failed constant conversions, `iota` outside a constant declaration.
//! Also: package-level constant declarations (lazily, with `iota` and implicit repetition) and the
//! check of constant initialisers against declared types (`var b byte = 300`).
//!
//! Typing rules (the spec's "Constant expressions"): untyped operands combine into the larger
//! kind (int < rune < float < complex); an untyped operand next to a typed one is converted to
//! that type; both typed must be the same type (otherwise the expression phase reports it: here
//! the result is just `None`). Integer division truncates when the result type is an integer.

use super::check::{codes, Checker};
use super::constant::messages::{self, OperandType};
use super::constant::{binary_op, representable, unary_op, BasicKind, ConstError, Value};
use super::scope::ObjKind;
use super::ty::{Spelling, TypeId};
use crate::ast::*;

/// A constant: value and type (possibly untyped).
#[derive(Clone, Debug)]
pub(super) struct Const {
    pub value: Value,
    pub ty: TypeId,
}

const COMPILER: Spelling = Spelling::Compiler { local: "main" };

/// One package-level constant: its declared type and value expression (after implicit
/// repetition) and its `iota`.
pub(super) struct ConstDecl<'a> {
    pub ty: Option<&'a Expr>,
    pub value: Option<&'a Expr>,
    pub iota: i64,
    pub state: EvalState,
    /// Where Go reports a misfit: the value expression, or the constant's name when the value is
    /// repeated implicitly from an earlier line of the group.
    pub at: Option<crate::span::Span>,
}

#[derive(Clone)]
pub(super) enum EvalState {
    Todo,
    InProgress,
    Done(Option<Const>),
}

fn untyped_rank(k: BasicKind) -> u8 {
    match k {
        BasicKind::UntypedInt => 1,
        BasicKind::UntypedRune => 2,
        BasicKind::UntypedFloat => 3,
        BasicKind::UntypedComplex => 4,
        _ => 0,
    }
}

impl<'a> Checker<'a> {
    /// The value of package-level constant `name`, evaluating its declaration on first use.
    fn package_const(&mut self, name: &str) -> Option<Const> {
        let state = self.consts.get(name)?.state.clone();
        match state {
            EvalState::Done(c) => c,
            // A cycle (`const a = b; const b = a`): the expression phase reports it.
            EvalState::InProgress => None,
            EvalState::Todo => {
                let d = self.consts.get_mut(name)?;
                d.state = EvalState::InProgress;
                let (ty, value, iota, at) = (d.ty, d.value, d.iota, d.at);
                let result = value.and_then(|v| {
                    self.const_init(
                        ty,
                        v,
                        Some(iota),
                        "constant declaration",
                        &|_| false,
                        at.unwrap_or(v.span),
                    )
                });
                if let Some(d) = self.consts.get_mut(name) {
                    d.state = EvalState::Done(result.clone());
                }
                result
            }
        }
    }

    /// Evaluates every package-level constant (reporting its errors once).
    pub(super) fn eval_package_consts(&mut self) {
        let mut names: Vec<(u32, String)> = self
            .consts
            .iter()
            .map(|(n, d)| (d.value.map_or(0, |v| v.span.lo), n.clone()))
            .collect();
        names.sort();
        for (_, n) in names {
            self.package_const(&n);
        }
    }

    /// A constant initialiser `value` for a declaration of type `ty` (if any): evaluates it and,
    /// if typed, checks it fits (`cannot use 300 (untyped int constant) as byte value in ...`).
    pub(super) fn const_init(
        &mut self,
        ty: Option<&Expr>,
        value: &Expr,
        iota: Option<i64>,
        context: &str,
        local: &dyn Fn(&str) -> bool,
        at: crate::span::Span,
    ) -> Option<Const> {
        let c = self.const_expr(value, iota, local)?;
        let Some(ty_expr) = ty else {
            // `var y = 1 << 70`: the variable takes the constant's default type (a constant
            // declaration keeps it untyped).
            let is_var = context == "variable declaration";
            if let Some(from) = self
                .types
                .basic_kind(c.ty)
                .filter(|_| is_var && self.types.is_untyped(c.ty))
            {
                let kind = from.default_type();
                if let Err(err) = representable(&c.value, kind) {
                    let operand = self.describe(value, &c, from);
                    let target = match from {
                        BasicKind::UntypedRune => "rune".to_string(),
                        _ => {
                            let t = super::operand::default_type(&self.types, c.ty);
                            self.types.display(t, COMPILER)
                        }
                    };
                    self.error(
                        codes::CONSTANT,
                        at,
                        messages::cannot_use(&operand, &target, context, err),
                    );
                    return None;
                }
            }
            return Some(c);
        };
        let target = self.type_expr(ty_expr, false);
        let kind = self.types.basic_kind(target)?;
        if !self.types.is_untyped(c.ty) {
            // typed to typed: identical types are fine; others are assignability errors.
            return (c.ty == target).then_some(Const {
                value: c.value,
                ty: target,
            });
        }
        match representable(&c.value, kind) {
            Ok(v) => Some(Const {
                value: v,
                ty: target,
            }),
            Err(err) => {
                let from = self.types.basic_kind(c.ty).unwrap_or(BasicKind::UntypedInt);
                let operand = self.describe(value, &c, from);
                let spelled = self.spelling(ty_expr, target);
                self.error(
                    codes::CONSTANT,
                    at,
                    messages::cannot_use(&operand, &spelled, context, err),
                );
                None
            }
        }
    }

    /// How Go writes a type in a message: the declaration's own spelling for names (so the
    /// aliases `byte` and `rune` read as written), the canonical spelling otherwise.
    fn spelling(&self, ty_expr: &Expr, ty: TypeId) -> String {
        match &ty_expr.kind {
            ExprKind::Ident(n) => n.clone(),
            _ => self.types.display(ty, COMPILER),
        }
    }

    /// types2's operand description for a constant: `300 (untyped int constant)`,
    /// `small * 2 (constant 200 of type int8)`, `Blue (constant 2 of int type Color)`.
    fn describe(&self, e: &Expr, c: &Const, untyped: BasicKind) -> String {
        let text = self.source_text(e);
        if self.types.is_untyped(c.ty) {
            return messages::operand(&text, &c.value, OperandType::Untyped(untyped));
        }
        let name = self.types.display(c.ty, COMPILER);
        if self.types.named_info(c.ty).is_some() {
            let under = self.types.display(self.types.underlying(c.ty), COMPILER);
            messages::operand(
                &text,
                &c.value,
                OperandType::Named {
                    name: &name,
                    underlying: &under,
                },
            )
        } else {
            messages::operand(&text, &c.value, OperandType::Typed(&name))
        }
    }

    /// Evaluates `e` as a constant. `iota` is `Some` inside a constant declaration; `local` says
    /// whether a name is bound by an enclosing function (then it is not a package constant).
    pub(super) fn const_expr(
        &mut self,
        e: &Expr,
        iota: Option<i64>,
        local: &dyn Fn(&str) -> bool,
    ) -> Option<Const> {
        match &e.kind {
            ExprKind::BasicLit(kind, raw) => {
                let value = Value::from_literal(*kind, raw)?;
                let ty = match kind {
                    LitKind::Int => TypeId::UNTYPED_INT,
                    LitKind::Float => TypeId::UNTYPED_FLOAT,
                    LitKind::Imag => TypeId::UNTYPED_COMPLEX,
                    LitKind::Rune => TypeId::UNTYPED_RUNE,
                    LitKind::String => TypeId::UNTYPED_STRING,
                };
                Some(Const { value, ty })
            }
            ExprKind::Paren(x) => self.const_expr(x, iota, local),
            ExprKind::Ident(name) => {
                if let Some(r) = self.local_ref(name) {
                    return match r {
                        super::check::LocalRef::Const(c) => c.clone(),
                        _ => None,
                    };
                }
                if local(name) {
                    return None;
                }
                if name == "iota" && self.lookup("iota").is_some_and(|o| o.decl.is_none()) {
                    return match iota {
                        Some(i) => Some(Const {
                            value: Value::from_i64(i),
                            ty: TypeId::UNTYPED_INT,
                        }),
                        None => {
                            self.error(
                                codes::CONSTANT,
                                e.span,
                                "cannot use iota outside constant declaration",
                            );
                            None
                        }
                    };
                }
                match self
                    .lookup(name)
                    .map(|o| (o.kind.clone(), o.decl.is_none()))
                {
                    Some((ObjKind::Const { ty, value }, true)) => Some(Const { value, ty }),
                    Some((ObjKind::Const { .. }, false)) => self.package_const(name),
                    // A constant of a dot-imported package (`import . "math"`; `Pi`).
                    None => self
                        .dot_paths
                        .iter()
                        .find_map(|p| self.std_const(p, name))
                        .map(|(value, ty)| Const { value, ty }),
                    _ => None,
                }
            }
            ExprKind::Unary(op, x) => {
                let c = self.const_expr(x, iota, local)?;
                let kind = self.types.basic_kind(c.ty)?;
                let bits = if kind.is_unsigned() { kind.bits() } else { 0 };
                let value = unary_op(*op, &c.value, bits).ok()?;
                self.fit(e, Const { value, ty: c.ty })
            }
            ExprKind::Binary(op, a, b) => self.const_binary(e, *op, a, b, iota, local),
            // `math.MaxInt64`: a described constant of an imported package.
            ExprKind::Selector(x, sel) => {
                let ExprKind::Ident(pkg) = &x.kind else {
                    return None;
                };
                if local(pkg) || self.local_ref(pkg).is_some() {
                    return None;
                }
                let path = match self.lookup(pkg).map(|o| o.kind.clone()) {
                    Some(ObjKind::Package { path }) => path,
                    Some(_) => return None,
                    None => self.package_path(pkg)?,
                };
                let (value, ty) = self.std_const(&path, &sel.name)?;
                Some(Const { value, ty })
            }
            ExprKind::Call {
                func,
                args,
                ellipsis: false,
            } if self.builtin_named(func, local).is_some() => {
                let b = self.builtin_named(func, local)?;
                self.const_builtin(b, args, iota, local)
            }
            ExprKind::Call {
                func,
                args,
                ellipsis: false,
            } if args.len() == 1 => {
                // A conversion `T(c)` to a basic type.
                let target = self.conversion_target(func, local)?;
                let c = self.const_expr(&args[0], iota, local)?;
                self.convert(e, &args[0], c, target)
            }
            _ => None,
        }
    }

    /// The builtin function `func` names (if it is one, not shadowed).
    fn builtin_named(
        &self,
        func: &Expr,
        local: &dyn Fn(&str) -> bool,
    ) -> Option<super::scope::Builtin> {
        let mut f = func;
        while let ExprKind::Paren(x) = &f.kind {
            f = x;
        }
        let ExprKind::Ident(n) = &f.kind else {
            return None;
        };
        if local(n) || self.local_ref(n).is_some() {
            return None;
        }
        match self.lookup(n) {
            Some(o) if o.decl.is_none() => match o.kind {
                ObjKind::Builtin(b) => Some(b),
                _ => None,
            },
            _ => None,
        }
    }

    /// A call of a builtin with constant arguments that is a constant: `len("héllo")`,
    /// `min(3, 1, 2)`, `complex(1, 2)`, `real(c)`, `imag(c)`. Reports nothing (the expression
    /// checker reports misuse).
    fn const_builtin(
        &mut self,
        b: super::scope::Builtin,
        args: &[Expr],
        iota: Option<i64>,
        local: &dyn Fn(&str) -> bool,
    ) -> Option<Const> {
        use super::scope::Builtin;
        if let (Builtin::Len | Builtin::Cap, [a]) = (b, args) {
            // `len(a)` of an array (or pointer to array) without calls or receives: the
            // array's length (its type as the expression checker recorded it).
            let t = self.info.get(a).map(|i| i.ty).unwrap_or(TypeId::INVALID);
            // A package-level constant declaration is evaluated before the expressions are
            // typed: a package variable (`const n = len(arr)`) has its declared type already.
            let t = match (&strip_parens(a).kind, t) {
                (ExprKind::Ident(n), TypeId::INVALID) if !local(n) => match self.lookup(n) {
                    Some(o) => match o.kind {
                        ObjKind::Var { ty } => ty,
                        _ => t,
                    },
                    None => t,
                },
                _ => t,
            };
            let u = self.types.underlying(t);
            let u = match self.types.get(u) {
                super::ty::Type::Pointer(p) => self.types.underlying(*p),
                _ => u,
            };
            if let super::ty::Type::Array(n, _) = self.types.get(u) {
                if !has_call_or_receive(a) {
                    return Some(Const {
                        value: Value::from_u64(*n),
                        ty: TypeId::INT,
                    });
                }
            }
            if b == Builtin::Cap {
                return None;
            }
        }
        let before = self.diags.len();
        let mut cs = Vec::new();
        for a in args {
            match self.const_expr(a, iota, local) {
                Some(c) => cs.push(c),
                None => {
                    self.diags.truncate(before);
                    return None;
                }
            }
        }
        self.diags.truncate(before);
        let kind_of = |s: &Self, t: TypeId| s.types.basic_kind(t);
        match (b, cs.as_slice()) {
            (Builtin::Len, [c]) => match &c.value {
                Value::String(bytes) if kind_of(self, c.ty)?.is_string() => Some(Const {
                    value: Value::from_i64(bytes.len() as i64),
                    ty: TypeId::INT,
                }),
                _ => None,
            },
            (Builtin::Min | Builtin::Max, [_, ..]) => {
                // The result type: the typed arguments' (all the same), else the largest
                // untyped kind.
                let mut ty: Option<TypeId> = None;
                for c in &cs {
                    let k = kind_of(self, c.ty)?;
                    let ordered = (k.is_numeric() || k.is_string())
                        && !matches!(
                            k,
                            BasicKind::Complex64
                                | BasicKind::Complex128
                                | BasicKind::UntypedComplex
                        );
                    if !ordered {
                        return None;
                    }
                    let typed = !self.types.is_untyped(c.ty);
                    ty = match ty {
                        None => Some(c.ty),
                        Some(t) if t == c.ty => Some(t),
                        Some(t) if typed && self.types.is_untyped(t) => Some(c.ty),
                        Some(_) if typed => return None,
                        Some(t) if !self.types.is_untyped(t) => Some(t),
                        Some(t) => {
                            let (a, b) = (kind_of(self, t)?, k);
                            if a.is_string() != b.is_string() {
                                return None;
                            }
                            Some(if untyped_rank(b) > untyped_rank(a) {
                                c.ty
                            } else {
                                t
                            })
                        }
                    };
                }
                let ty = ty?;
                let kind = kind_of(self, ty)?;
                let mut best: Option<Value> = None;
                for c in &cs {
                    let v = if self.types.is_untyped(ty) {
                        c.value.clone()
                    } else {
                        representable(&c.value, kind).ok()?
                    };
                    best = Some(match best {
                        None => v,
                        Some(cur) => {
                            let op = if b == Builtin::Min {
                                BinOp::Lt
                            } else {
                                BinOp::Gt
                            };
                            match binary_op(&v, op, &cur, false).ok()? {
                                Value::Bool(true) => v,
                                _ => cur,
                            }
                        }
                    });
                }
                Some(Const { value: best?, ty })
            }
            (Builtin::Complex, [re, im]) => {
                let (kr, ki) = (kind_of(self, re.ty)?, kind_of(self, im.ty)?);
                let real_part = |c: &Const| match &c.value {
                    Value::Int(_) | Value::Float(_) => Some(c.value.clone()),
                    Value::Complex(r, i) if i.sign() == 0 => Some((**r).clone()),
                    _ => None,
                };
                let (rv, iv) = (real_part(re)?, real_part(im)?);
                if !kr.is_numeric() || !ki.is_numeric() {
                    return None;
                }
                let typed = [re.ty, im.ty]
                    .into_iter()
                    .filter(|t| !self.types.is_untyped(*t))
                    .collect::<Vec<_>>();
                let ty = match typed.as_slice() {
                    [] => TypeId::UNTYPED_COMPLEX,
                    [t] | [t, _] if typed.iter().all(|u| u == t) => match kind_of(self, *t)? {
                        BasicKind::Float32 => TypeId::COMPLEX64,
                        BasicKind::Float64 => TypeId::COMPLEX128,
                        _ => return None,
                    },
                    _ => return None,
                };
                Some(Const {
                    value: Value::Complex(Box::new(rv), Box::new(iv)),
                    ty,
                })
            }
            (Builtin::Real | Builtin::Imag, [c]) => {
                let ty = if self.types.is_untyped(c.ty) {
                    if !kind_of(self, c.ty)?.is_numeric() {
                        return None;
                    }
                    TypeId::UNTYPED_FLOAT
                } else {
                    match kind_of(self, c.ty)? {
                        BasicKind::Complex64 => TypeId::FLOAT32,
                        BasicKind::Complex128 => TypeId::FLOAT64,
                        _ => return None,
                    }
                };
                let value = match (&c.value, b) {
                    (Value::Complex(r, _), Builtin::Real) => (**r).clone(),
                    (Value::Complex(_, i), _) => (**i).clone(),
                    (v @ (Value::Int(_) | Value::Float(_)), Builtin::Real) => v.clone(),
                    (Value::Int(_) | Value::Float(_), _) => Value::from_i64(0),
                    _ => return None,
                };
                Some(Const { value, ty })
            }
            _ => None,
        }
    }

    /// The type `T` names in a conversion `T(x)`, if it is a (package-level or predeclared)
    /// basic type.
    fn conversion_target(
        &mut self,
        func: &Expr,
        local: &dyn Fn(&str) -> bool,
    ) -> Option<(TypeId, String)> {
        let mut f = func;
        while let ExprKind::Paren(x) = &f.kind {
            f = x;
        }
        let ExprKind::Ident(n) = &f.kind else {
            return None;
        };
        if let Some(r) = self.local_ref(n) {
            return match *r {
                super::check::LocalRef::Type(ty) => {
                    self.types.basic_kind(ty)?;
                    Some((ty, n.clone()))
                }
                _ => None,
            };
        }
        if local(n) {
            return None;
        }
        match self.lookup(n).map(|o| o.kind.clone()) {
            Some(ObjKind::TypeName { ty }) => {
                self.types.basic_kind(ty)?;
                Some((ty, n.clone()))
            }
            _ => None,
        }
    }

    fn convert(
        &mut self,
        e: &Expr,
        arg: &Expr,
        c: Const,
        (target, spelled): (TypeId, String),
    ) -> Option<Const> {
        let kind = self.types.basic_kind(target)?;
        let from = self.types.basic_kind(c.ty)?;
        // string(65) is "A": integer to string conversions are not representability questions.
        if kind.is_string() && (from.is_integer() || from == BasicKind::UntypedRune) {
            let v = super::constant::string_from_int(&c.value)?;
            return Some(Const {
                value: v,
                ty: target,
            });
        }
        match representable(&c.value, kind) {
            Ok(v) => Some(Const {
                value: v,
                ty: target,
            }),
            Err(err) => {
                let msg = if err == super::constant::RepError::Overflows
                    && kind.is_integer()
                    && from.is_integer()
                {
                    messages::conversion_overflows(&c.value, &spelled)
                } else {
                    let shown = match (
                        c.value.to_int(),
                        from.is_float() || from == BasicKind::UntypedFloat,
                    ) {
                        (Some(iv), true) if kind.is_integer() => Const {
                            value: iv,
                            ty: c.ty,
                        },
                        _ => c.clone(),
                    };
                    messages::cannot_convert(&self.describe(arg, &shown, from), &spelled)
                };
                // Go reports a failed constant conversion at its argument.
                let _ = e;
                self.error(codes::CONSTANT, arg.span, msg);
                None
            }
        }
    }

    /// A typed constant must fit its type: `small * 2 (constant 200 of type int8) overflows int8`.
    fn fit(&mut self, e: &Expr, c: Const) -> Option<Const> {
        if self.types.is_untyped(c.ty) {
            return Some(c);
        }
        let kind = self.types.basic_kind(c.ty)?;
        match representable(&c.value, kind) {
            Ok(v) => Some(Const { value: v, ty: c.ty }),
            Err(err) => {
                let under = self.types.display(self.types.underlying(c.ty), COMPILER);
                let operand = self.describe(e, &c, kind);
                self.error(
                    codes::CONSTANT,
                    e.span,
                    messages::invalid_conversion(&operand, &under, err),
                );
                None
            }
        }
    }

    fn const_binary(
        &mut self,
        e: &Expr,
        op: BinOp,
        a: &Expr,
        b: &Expr,
        iota: Option<i64>,
        local: &dyn Fn(&str) -> bool,
    ) -> Option<Const> {
        let x = self.const_expr(a, iota, local)?;
        let y = self.const_expr(b, iota, local)?;
        let (xk, yk) = (self.types.basic_kind(x.ty)?, self.types.basic_kind(y.ty)?);
        let shift = matches!(op, BinOp::Shl | BinOp::Shr);
        // The result type: for shifts the left operand's; otherwise typed wins, else the larger
        // untyped kind.
        let (x, y, ty) = if shift {
            (x.clone(), y, x.ty)
        } else {
            match (self.types.is_untyped(x.ty), self.types.is_untyped(y.ty)) {
                (true, true) => {
                    // Untyped string, bool and numeric constants do not mix.
                    let class = |k: BasicKind| {
                        if k.is_string() {
                            0
                        } else if k.is_boolean() {
                            1
                        } else {
                            2
                        }
                    };
                    if class(xk) != class(yk) {
                        // Spelled as Go prints expressions (one line, normalized).
                        let text = super::expr::abbreviated(self, e);
                        let (xt, yt) = (
                            self.types.display(x.ty, COMPILER),
                            self.types.display(y.ty, COMPILER),
                        );
                        self.error(
                            codes::OPERATOR,
                            e.span,
                            format!("invalid operation: {text} (mismatched types {xt} and {yt})"),
                        );
                        return None;
                    }
                    let ty = if untyped_rank(xk) >= untyped_rank(yk) {
                        x.ty
                    } else {
                        y.ty
                    };
                    (x, y, ty)
                }
                (false, true) => {
                    let y2 = self.implicit(b, &y, yk, x.ty)?;
                    (x.clone(), y2, x.ty)
                }
                (true, false) => {
                    let x2 = self.implicit(a, &x, xk, y.ty)?;
                    (x2, y.clone(), y.ty)
                }
                (false, false) if x.ty == y.ty => (x.clone(), y, x.ty),
                _ => return None,
            }
        };
        let comparison = matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        );
        let kind = self.types.basic_kind(ty)?;
        let int_div = kind.is_integer() || kind == BasicKind::UntypedRune;
        if op == BinOp::Rem && !int_div && kind.is_numeric() {
            let operand = self.describe(a, &x, xk);
            self.error(
                codes::CONSTANT,
                e.span,
                messages::operator_not_defined("%", &operand),
            );
            return None;
        }
        match binary_op(&x.value, op, &y.value, int_div) {
            Ok(value) if comparison => Some(Const {
                value,
                ty: TypeId::UNTYPED_BOOL,
            }),
            Ok(value) => self.fit(e, Const { value, ty }),
            Err(ConstError::DivByZero) => {
                self.error(codes::CONSTANT, b.span, messages::DIVISION_BY_ZERO);
                None
            }
            Err(ConstError::NegativeShiftCount) => {
                let count = self.describe(b, &y, yk);
                self.error(
                    codes::CONSTANT,
                    b.span,
                    messages::negative_shift_count(&count),
                );
                None
            }
            Err(_) => None,
        }
    }

    /// An untyped constant operand converted to the other operand's type:
    /// `200 (untyped int constant) overflows int8`.
    fn implicit(&mut self, e: &Expr, c: &Const, from: BasicKind, to: TypeId) -> Option<Const> {
        let kind = self.types.basic_kind(to)?;
        match representable(&c.value, kind) {
            Ok(v) => Some(Const { value: v, ty: to }),
            Err(err) => {
                let operand = self.describe(e, c, from);
                let target = self.types.display(to, COMPILER);
                self.error(
                    codes::CONSTANT,
                    e.span,
                    messages::invalid_conversion(&operand, &target, err),
                );
                None
            }
        }
    }
}

fn strip_parens(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => strip_parens(x),
        _ => e,
    }
}

/// Whether `e` contains a function call or a channel receive (then `len(e)` is not constant).
fn has_call_or_receive(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call { .. } | ExprKind::Unary(UnOp::Recv, _) => true,
        ExprKind::Paren(x) | ExprKind::Star(x) | ExprKind::Unary(_, x) => has_call_or_receive(x),
        ExprKind::Selector(x, _) => has_call_or_receive(x),
        ExprKind::Index(x, is) => has_call_or_receive(x) || is.iter().any(has_call_or_receive),
        ExprKind::Binary(_, a, b) => has_call_or_receive(a) || has_call_or_receive(b),
        ExprKind::Ident(_) | ExprKind::BasicLit(..) => false,
        // `len([4]int{})`: only the elements are evaluated (the type's length is constant).
        ExprKind::CompositeLit { elts, .. } => elts.iter().any(|el| {
            el.key.as_ref().is_some_and(has_call_or_receive) || has_call_or_receive(&el.value)
        }),
        _ => true,
    }
}
