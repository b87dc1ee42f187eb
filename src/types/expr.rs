//! CHECKER: expressions in function bodies. Input: an expression (names resolved through the
//! resolver's scopes). Output: its `Operand` (mode and type; `INVALID` when unknown), and Go's
//! errors for operators on the wrong types, mismatched operands, comparisons of incomparable
//! values, calls with wrong arguments, missing fields and methods, bad indexing, bad `&` and `*`.
//! An error is reported only when every type involved is known (see operand.rs).

use super::check::{codes, LocalRef};
use super::constant::BasicKind;
use super::operand::{
    assignable, describe, known, shallow_known, Mode, NotAssignable, Operand, COMPILER,
};
use super::resolve::{Keys, LocalKind, Resolver};
use super::scope::ObjKind;
use super::ty::{Type, TypeId};
use crate::ast::*;

impl Resolver<'_, '_> {
    /// Resolves and types `e`, discarding the result.
    pub(super) fn expr(&mut self, e: &Expr) {
        let _ = self.operand(e);
    }

    pub(super) fn text(&self, e: &Expr) -> String {
        abbreviated(self.c, e)
    }

    pub(super) fn desc(&self, e: &Expr, op: &Operand) -> String {
        describe(&self.c.types, &self.text(e), op)
    }

    pub(super) fn show(&self, t: TypeId) -> String {
        self.c.types.display(t, COMPILER)
    }

    /// The type a type expression denotes, if it mentions no local names (local types and type
    /// parameters are not described yet) and every name in it is defined.
    pub(super) fn local_type(&mut self, t: &Expr) -> TypeId {
        if self.type_is_global(t) {
            self.c.type_expr(t, false)
        } else {
            TypeId::INVALID
        }
    }

    /// `local_type` without reporting anything (names were resolved already).
    pub(super) fn local_type_quiet(&mut self, t: &Expr) -> TypeId {
        let before = self.c.diags.len();
        let ty = self.local_type(t);
        self.c.diags.truncate(before);
        ty
    }

    /// Whether every name in type expression `t` is a type or constant this checker describes
    /// (package-level, predeclared, an imported package, or a local type or constant).
    pub(super) fn type_is_global(&self, t: &Expr) -> bool {
        let mut ok = true;
        walk_idents(t, &mut |n| {
            ok &= match self.c.local_ref(n) {
                Some(LocalRef::Type(_) | LocalRef::Const(_)) => true,
                Some(LocalRef::Value) => false,
                None => {
                    self.find_local(n).is_none()
                        && (self.c.lookup(n).is_some()
                            || self.c.package_path(n).is_some()
                            || self
                                .c
                                .dot_paths
                                .iter()
                                .any(|p| self.c.std.named_in(p, n).is_some()))
                }
            };
        });
        ok
    }

    /// Types `e` and records the result for the compiler (`Info::exprs`).
    pub(super) fn operand(&mut self, e: &Expr) -> Operand {
        let op = self.operand_of(e);
        self.c.info.record(e, op.ty, &op.mode);
        op
    }

    fn operand_of(&mut self, e: &Expr) -> Operand {
        match &e.kind {
            ExprKind::Bad => Operand::invalid(),
            ExprKind::BasicLit(..) => self.constant(e),
            ExprKind::Ident(n) => self.ident_operand(n, e),
            ExprKind::Paren(x) => self.operand(x),
            ExprKind::Selector(x, sel) => self.selector(e, x, sel),
            ExprKind::Unary(op, x) => self.unary(e, *op, x),
            ExprKind::Star(x) => self.star(e, x),
            ExprKind::Binary(op, a, b) => self.binary(e, *op, a, b),
            ExprKind::Index(x, is) => self.index(e, x, is),
            ExprKind::Slice { x, lo, hi, max } => {
                let xo = self.operand(x);
                let mut bad = false;
                for p in [lo, hi, max].into_iter().flatten() {
                    let po = self.operand(p);
                    bad |= !self.valid_index(p, &po);
                }
                if bad {
                    return Operand::invalid();
                }
                self.slice_bounds([lo, hi, max]);
                if let Some(op) = self.unsliceable(e, x, &xo, max.is_some()) {
                    return op;
                }
                let u = self.c.types.underlying(xo.ty);
                let ty = match self.c.types.get(u).clone() {
                    Type::Basic(k) if k.is_string() => {
                        if self.c.types.is_untyped(xo.ty) {
                            TypeId::STRING
                        } else {
                            xo.ty
                        }
                    }
                    Type::Slice(_) => xo.ty,
                    Type::Array(_, el) => self.c.types.slice(el),
                    Type::Pointer(p) => {
                        match self.c.types.get(self.c.types.underlying(p)).clone() {
                            Type::Array(_, el) => self.c.types.slice(el),
                            _ => TypeId::INVALID,
                        }
                    }
                    _ => TypeId::INVALID,
                };
                Operand::value(ty)
            }
            ExprKind::TypeAssert(x, t) => {
                let xo = self.operand(x);
                let is_tparam = self
                    .c
                    .types
                    .named_info(xo.ty)
                    .is_some_and(|n| n.tparam.is_some());
                if is_tparam && xo.is_value() {
                    let d = format!(
                        "invalid operation: cannot use type assertion on type parameter value {}",
                        self.desc(x, &xo)
                    );
                    self.c.error(codes::OPERATOR, x.span, d);
                    return Operand::invalid();
                }
                if shallow_known(&self.c.types, &xo)
                    && xo.is_value()
                    && !self.c.types.is_interface(xo.ty)
                {
                    let d = format!(
                        "invalid operation: {} is not an interface",
                        self.desc(x, &xo)
                    );
                    self.c.error(codes::OPERATOR, x.span, d);
                    return Operand::invalid();
                }
                match t {
                    Some(t) => {
                        if let ExprKind::Selector(..) = &t.kind {
                            // `x.(fmt.Println)`: a value where a type belongs.
                            let to = self.operand(t);
                            if to.is_value() {
                                if known(&self.c.types, &to) {
                                    let d = format!("{} is not a type", self.desc(t, &to));
                                    self.c.error(codes::NOT_A_TYPE, t.span, d);
                                }
                                return Operand::invalid();
                            }
                        }
                        self.type_expr(t);
                        let ty = self.local_type(t);
                        if known(&self.c.types, &xo)
                            && ty != TypeId::INVALID
                            && !self.c.types.is_interface(ty)
                        {
                            if let super::iface::Implements::No(why) =
                                super::iface::implements(&self.c.types, ty, xo.ty)
                            {
                                let (ts, is) = (self.show(ty), self.show(xo.ty));
                                let d = format!("impossible type assertion: {}\n\t{ts} does not implement {is} {why}", self.text(e));
                                self.c.error(codes::OPERATOR, e.span, d);
                            }
                        }
                        Operand {
                            mode: Mode::CommaOk,
                            ty,
                        }
                    }
                    None => Operand::invalid(),
                }
            }
            ExprKind::Call {
                func,
                args,
                ellipsis,
            } => self.call(e, func, args, *ellipsis),
            ExprKind::CompositeLit { ty, elts } => {
                let keys = match ty {
                    Some(t) => {
                        self.type_expr(t);
                        self.keys_of(t)
                    }
                    None => Keys::Unknown,
                };
                self.elements(ty.as_deref(), keys, elts);
                let t = match ty.as_deref().map(|t| &t.kind) {
                    Some(ExprKind::ArrayType { len: Some(l), elem })
                        if matches!(l.kind, ExprKind::Ellipsis(None)) =>
                    {
                        // `[...]T{...}`: the length is the largest index plus one.
                        let el = self.local_type(elem);
                        match self.literal_len(elts) {
                            Some(n) if el != TypeId::INVALID => self.c.types.array(n, el),
                            Some(_) => TypeId::INVALID,
                            None => {
                                // A key that is no index: say why, as for a sized array.
                                self.array_literal(None, elts);
                                TypeId::INVALID
                            }
                        }
                    }
                    Some(_) => self.local_type(ty.as_deref().expect("some")),
                    None => TypeId::INVALID,
                };
                if let Some(te) = ty {
                    self.literal_checks(te, t, elts);
                }
                self.literal_values(t, ty.as_deref(), elts);
                Operand::value(t)
            }
            ExprKind::FuncLit(f) => self.func_lit(f),
            // Type expressions: conversions, `make([]T, n)`, `new(T)`.
            _ => {
                self.type_expr(e);
                let ty = self.local_type(e);
                Operand {
                    mode: Mode::Type,
                    ty,
                }
            }
        }
    }

    /// The length of an array literal `[...]T{...}`: one past its largest (constant) index.
    fn literal_len(&mut self, elts: &[Element]) -> Option<u64> {
        let (mut next, mut len) = (0u64, 0u64);
        let locals = self.visible_locals();
        let before = self.c.diags.len();
        for el in elts {
            let i = match &el.key {
                Some(k) => {
                    let c = self.c.const_expr(k, None, &|n| locals.contains(n));
                    match c.and_then(|c| c.value.to_i64()) {
                        Some(i) if i >= 0 => i as u64,
                        _ => {
                            self.c.diags.truncate(before);
                            return None;
                        }
                    }
                }
                None => next,
            };
            next = i + 1;
            len = len.max(next);
        }
        self.c.diags.truncate(before);
        Some(len)
    }

    fn constant(&mut self, e: &Expr) -> Operand {
        // Inside a constant declaration `const_init` evaluates the values (with their `iota`).
        if self.in_const {
            return Operand::invalid();
        }
        match self.c.const_expr(e, None, &|_| false) {
            Some(c) => Operand {
                mode: Mode::Const(c.value),
                ty: c.ty,
            },
            None => Operand::invalid(),
        }
    }

    fn ident_operand(&mut self, name: &str, e: &Expr) -> Operand {
        self.ident(name, e.span, true);
        if name == "_" {
            return Operand::invalid();
        }
        if let Some(i) = self.find_local(name) {
            let l = &self.locals[i];
            return match l.kind {
                LocalKind::Var => Operand {
                    mode: Mode::Var,
                    ty: l.ty,
                },
                LocalKind::Param | LocalKind::Bind => Operand {
                    mode: Mode::Var,
                    ty: l.ty,
                },
                LocalKind::Other | LocalKind::StructType => match self.c.local_ref(name) {
                    Some(LocalRef::Const(Some(c))) if !self.in_const => Operand {
                        mode: Mode::Const(c.value.clone()),
                        ty: c.ty,
                    },
                    Some(LocalRef::Type(t)) => Operand {
                        mode: Mode::Type,
                        ty: *t,
                    },
                    _ => Operand::invalid(),
                },
            };
        }
        let Some(obj) = self
            .c
            .lookup(name)
            .map(|o| (o.kind.clone(), o.decl.is_some()))
        else {
            return if self.c.package_path(name).is_some() {
                Operand {
                    mode: Mode::Package,
                    ty: TypeId::INVALID,
                }
            } else {
                self.dot_member(name, e.span)
                    .unwrap_or_else(Operand::invalid)
            };
        };
        match obj {
            (ObjKind::Var { ty }, _) => Operand {
                mode: Mode::Var,
                ty,
            },
            (ObjKind::Func { ty }, _) => Operand::value(ty),
            (ObjKind::TypeName { ty }, _) => Operand {
                mode: Mode::Type,
                ty,
            },
            (ObjKind::Nil, _) => Operand {
                mode: Mode::Nil,
                ty: TypeId::UNTYPED_NIL,
            },
            (ObjKind::Builtin(b), _) => Operand {
                mode: Mode::Builtin(b),
                ty: TypeId::INVALID,
            },
            (ObjKind::Const { .. }, false) if name == "iota" => {
                if !self.in_const {
                    self.c.error(
                        codes::CONSTANT,
                        e.span,
                        "cannot use iota outside constant declaration",
                    );
                }
                Operand::invalid()
            }
            (ObjKind::Const { .. }, _) => self.constant(e),
            (ObjKind::Package { .. }, _) => Operand {
                mode: Mode::Package,
                ty: TypeId::INVALID,
            },
        }
    }

    fn func_lit(&mut self, f: &FuncLit) -> Operand {
        let outer_labels = std::mem::take(&mut self.labels);
        self.collect_labels(&f.body.stmts);
        self.open();
        let sig = self.signature_type(&f.ty);
        let named = f.ty.results.iter().any(|r| !r.names.is_empty());
        self.results.push((sig, named));
        self.params(&f.ty);
        self.stmts(&f.body.stmts);
        self.results.pop();
        self.close();
        self.report_labels();
        self.labels = outer_labels;
        self.missing_return(&f.ty, &f.body);
        Operand::value(sig)
    }

    /// A signature's type if every type in it is global (else unknown).
    pub(super) fn signature_type(&mut self, ft: &FuncType) -> TypeId {
        let all_global = ft
            .params
            .iter()
            .chain(&ft.results)
            .all(|f| self.type_is_global(&f.ty));
        if all_global {
            let before = self.c.diags.len();
            let t = self.c.signature(ft);
            // Duplicate parameter names were reported already (resolve.rs / typexpr.rs).
            self.c.diags.truncate(before);
            t
        } else {
            TypeId::INVALID
        }
    }

    // ------------------------------------------------------------------ operators

    fn unary(&mut self, e: &Expr, op: UnOp, x: &Expr) -> Operand {
        let xo = self.operand(x);
        if let Mode::Const(_) = xo.mode {
            if op != UnOp::Addr && op != UnOp::Recv {
                return self.constant_or_invalid(e);
            }
        }
        if op == UnOp::Addr {
            let addressable = matches!(xo.mode, Mode::Var)
                || matches!(unparen(x).kind, ExprKind::CompositeLit { .. });
            if !addressable && !xo.unknown() && !matches!(xo.mode, Mode::MapIndex) {
                let d = format!(
                    "invalid operation: cannot take address of {}",
                    self.desc(x, &xo)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                return Operand::invalid();
            }
            let ty = if xo.ty == TypeId::INVALID {
                TypeId::INVALID
            } else {
                self.c.types.pointer(xo.ty)
            };
            return Operand::value(ty);
        }
        if !known(&self.c.types, &xo) || !xo.is_value() {
            return Operand::invalid();
        }
        let k = self.c.types.basic_kind(xo.ty);
        match op {
            UnOp::Recv => self.receive(e, x, &xo),
            UnOp::Not | UnOp::Neg | UnOp::Pos | UnOp::Xor => {
                let ok = match (op, k) {
                    (UnOp::Not, Some(k)) => k.is_boolean(),
                    (UnOp::Xor, Some(k)) => k.is_integer(),
                    (_, Some(k)) => k.is_numeric(),
                    (_, None) => false,
                };
                if !ok {
                    let sym = crate::printer::unop(op);
                    let d = format!(
                        "invalid operation: operator {sym} not defined on {}",
                        self.desc(x, &xo)
                    );
                    // Go reports it at the operand.
                    self.c.error(codes::OPERATOR, x.span, d);
                    return Operand::invalid();
                }
                Operand::value(xo.ty)
            }
            _ => Operand::invalid(),
        }
    }

    fn star(&mut self, e: &Expr, x: &Expr) -> Operand {
        let xo = self.operand(x);
        match xo.mode {
            Mode::Type => {
                let ty = if xo.ty == TypeId::INVALID {
                    TypeId::INVALID
                } else {
                    self.c.types.pointer(xo.ty)
                };
                Operand {
                    mode: Mode::Type,
                    ty,
                }
            }
            _ if !known(&self.c.types, &xo) => Operand {
                mode: Mode::Var,
                ty: TypeId::INVALID,
            },
            Mode::Nil => {
                self.c.error(
                    codes::OPERATOR,
                    e.span,
                    "invalid operation: cannot indirect nil",
                );
                Operand::invalid()
            }
            _ => match self.c.types.get(self.c.types.underlying(xo.ty)).clone() {
                Type::Pointer(el) => Operand {
                    mode: Mode::Var,
                    ty: el,
                },
                _ => {
                    let d = format!("invalid operation: cannot indirect {}", self.desc(x, &xo));
                    self.c.error(codes::OPERATOR, e.span, d);
                    Operand::invalid()
                }
            },
        }
    }

    fn constant_or_invalid(&mut self, e: &Expr) -> Operand {
        if self.in_const {
            return Operand::invalid();
        }
        let locals = self.visible_locals();
        match self.c.const_expr(e, None, &|n| locals.contains(n)) {
            Some(c) => Operand {
                mode: Mode::Const(c.value),
                ty: c.ty,
            },
            None => Operand::invalid(),
        }
    }

    fn binary(&mut self, e: &Expr, op: BinOp, a: &Expr, b: &Expr) -> Operand {
        let x = self.operand(a);
        let y = self.operand(b);
        if let (Mode::Const(_), Mode::Const(_)) = (&x.mode, &y.mode) {
            return self.constant_or_invalid(e);
        }
        let comparison = matches!(
            op,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        );
        if !self.single_value(&x, a) || !self.single_value(&y, b) {
            return Operand::invalid();
        }
        if !known(&self.c.types, &x) || !known(&self.c.types, &y) || !x.is_value() || !y.is_value()
        {
            return if comparison {
                Operand::value(TypeId::UNTYPED_BOOL)
            } else {
                Operand::invalid()
            };
        }
        let sym = crate::printer::binop(op);
        let types = &self.c.types;
        let (xu, yu) = (types.is_untyped(x.ty), types.is_untyped(y.ty));
        if matches!(op, BinOp::Shl | BinOp::Shr) {
            let kx = types.basic_kind(x.ty);
            let ky = types.basic_kind(y.ty);
            if !kx.is_some_and(|k| k.is_integer() || k == BasicKind::UntypedRune) && !xu {
                let d = format!(
                    "invalid operation: shifted operand {} must be integer",
                    self.desc(a, &x)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                return Operand::invalid();
            }
            if !ky.is_some_and(|k| k.is_integer() || k == BasicKind::UntypedRune) && !yu {
                let d = format!(
                    "invalid operation: shift count {} must be integer",
                    self.desc(b, &y)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                return Operand::invalid();
            }
            if let Mode::Const(v) = &y.mode {
                if v.sign() < 0 {
                    let d = super::constant::messages::negative_shift_count(&self.desc(b, &y));
                    self.c.error(codes::CONSTANT, b.span, d);
                    return Operand::invalid();
                }
                // An untyped constant count converts to `uint` (`2i ... truncated to uint`).
                if yu {
                    if let Err(err) = super::constant::representable(v, BasicKind::Uint) {
                        let d = super::constant::messages::invalid_conversion(
                            &self.desc(b, &y),
                            "uint",
                            err,
                        );
                        self.c.error(codes::CONSTANT, b.span, d);
                        return Operand::invalid();
                    }
                }
            }
            // A non-constant shift of an untyped constant takes the type its context gives the
            // constant (`settle`): until then it is an untyped integer value.
            let ty = match types.basic_kind(x.ty) {
                _ if !xu => x.ty,
                Some(BasicKind::UntypedInt) => TypeId::UNTYPED_INT,
                Some(BasicKind::UntypedRune) => TypeId::UNTYPED_RUNE,
                // `1. << s`: an untyped float (or complex) constant with an integer value
                // shifts as an untyped integer (Go's spec example `make([]byte, 1.0<<s)`).
                Some(BasicKind::UntypedFloat | BasicKind::UntypedComplex) if matches!(&x.mode, Mode::Const(v) if v.to_int().is_some()) => {
                    TypeId::UNTYPED_INT
                }
                _ => TypeId::INVALID,
            };
            return Operand::value(ty);
        }
        // The operands' common type: an untyped operand takes the typed one's type.
        let comparable_either_way = comparison
            && x.ty != y.ty
            && (assignable(types, &x, y.ty).is_ok() || assignable(types, &y, x.ty).is_ok());
        let mut settle: Option<&Expr> = None;
        let ty = match (xu, yu) {
            (false, false) if comparable_either_way => {
                // Interface against concrete, or channel directions: compared as the interface /
                // the typed side; the comparability checks below use the first operand's type.
                if self.c.types.is_interface(x.ty) {
                    y.ty
                } else {
                    x.ty
                }
            }
            (false, false) if x.ty != y.ty => {
                let d = format!(
                    "invalid operation: {} (mismatched types {} and {})",
                    self.text(e),
                    self.show(x.ty),
                    self.show(y.ty)
                );
                self.c.error(codes::OPERATOR, e.span, d);
                return Operand::invalid();
            }
            (false, _) => match assignable(types, &y, x.ty) {
                Ok(()) => {
                    settle = Some(b);
                    x.ty
                }
                Err(NotAssignable::Constant(err)) => return self.overflow(b, &y, x.ty, err),
                Err(NotAssignable::Mismatch | NotAssignable::Missing(_)) => {
                    return self.mismatch(e, &x, &y)
                }
            },
            (_, false) => match assignable(types, &x, y.ty) {
                Ok(()) => {
                    settle = Some(a);
                    y.ty
                }
                Err(NotAssignable::Constant(err)) => return self.overflow(a, &x, y.ty, err),
                Err(NotAssignable::Mismatch | NotAssignable::Missing(_)) => {
                    return self.mismatch(e, &x, &y)
                }
            },
            (true, true) => {
                if matches!(x.mode, Mode::Nil) != matches!(y.mode, Mode::Nil)
                    || types.basic_kind(x.ty).map(|k| k.is_boolean())
                        != types.basic_kind(y.ty).map(|k| k.is_boolean())
                {
                    return self.mismatch(e, &x, &y);
                }
                x.ty
            }
        };
        if let Some(side) = settle {
            self.settle(side, ty);
        }
        let types = &self.c.types;
        if comparison {
            return self.comparison(e, op, a, &x, &y, ty);
        }
        if let (BinOp::Div | BinOp::Rem, Mode::Const(v)) = (op, &y.mode) {
            let int = self.c.types.basic_kind(ty).is_some_and(|k| k.is_integer());
            if int && v.sign() == 0 {
                self.c.error(
                    codes::CONSTANT,
                    b.span,
                    super::constant::messages::DIVISION_BY_ZERO,
                );
                return Operand::invalid();
            }
        }
        let Some(k) = types.basic_kind(ty) else {
            let d = format!(
                "invalid operation: operator {sym} not defined on {}",
                self.desc(a, &x)
            );
            self.c.error(codes::OPERATOR, e.span, d);
            return Operand::invalid();
        };
        let defined = match op {
            BinOp::Add => k.is_numeric() || k.is_string(),
            BinOp::Sub | BinOp::Mul | BinOp::Div => k.is_numeric(),
            BinOp::Rem | BinOp::And | BinOp::Or | BinOp::Xor | BinOp::AndNot => {
                k.is_integer() || k == BasicKind::UntypedRune
            }
            BinOp::LAnd | BinOp::LOr => k.is_boolean(),
            _ => true,
        };
        if !defined {
            let d = format!(
                "invalid operation: operator {sym} not defined on {}",
                self.desc(a, &x)
            );
            self.c.error(codes::OPERATOR, e.span, d);
            return Operand::invalid();
        }
        Operand::value(ty)
    }

    /// Constant slice indices must not decrease: `invalid slice indices: 1 < 3`.
    /// Go's errors for what cannot be sliced: `cannot slice m (variable of type map[int]int)`,
    /// `cannot slice unaddressable value [3]int{} (value of type [3]int)`, `invalid operation:
    /// 3-index slice of string`. `Some(invalid)` when reported.
    fn unsliceable(&mut self, e: &Expr, x: &Expr, xo: &Operand, three: bool) -> Option<Operand> {
        let types = &self.c.types;
        if !known(types, xo) || !xo.is_value() {
            return None;
        }
        let d = match types.get(types.underlying(xo.ty)) {
            Type::Basic(k) if k.is_string() && three => {
                let at = match &e.kind {
                    ExprKind::Slice { max: Some(m), .. } => m.span,
                    _ => e.span,
                };
                self.c.error(
                    codes::OPERATOR,
                    at,
                    "invalid operation: 3-index slice of string",
                );
                return Some(Operand::invalid());
            }
            Type::Basic(k) if k.is_string() => return None,
            Type::Slice(_) => return None,
            Type::Array(..) if matches!(xo.mode, Mode::Var) => return None,
            Type::Array(..) => format!("cannot slice unaddressable value {}", self.desc(x, xo)),
            Type::Pointer(p) if matches!(types.get(types.underlying(*p)), Type::Array(..)) => {
                return None
            }
            _ => format!("cannot slice {}", self.desc(x, xo)),
        };
        self.c.error(codes::OPERATOR, x.span, d);
        Some(Operand::invalid())
    }

    fn slice_bounds(&mut self, idx: [&Option<Box<Expr>>; 3]) {
        let locals = self.visible_locals();
        let before = self.c.diags.len();
        let mut known: Vec<(i64, &Expr)> = Vec::new();
        for p in idx {
            let Some(e) = p.as_deref() else { continue };
            let Some(c) = self.c.const_expr(e, None, &|n| locals.contains(n)) else {
                continue;
            };
            if let Some(v) = c.value.to_i64() {
                known.push((v, e));
            }
        }
        self.c.diags.truncate(before);
        if let Some((v, e)) = known.iter().find(|(v, _)| *v < 0) {
            let d = format!(
                "invalid argument: index {} (constant of type int) must not be negative",
                self.c.source_text(e)
            );
            let _ = v;
            self.c.error(codes::ASSIGN, e.span, d);
            return;
        }
        for w in known.windows(2) {
            if w[1].0 < w[0].0 {
                self.c.error(
                    codes::ASSIGN,
                    w[1].1.span,
                    format!("invalid slice indices: {} < {}", w[1].0, w[0].0),
                );
                return;
            }
        }
    }

    /// An untyped constant operand that does not fit the other operand's type:
    /// `200 (untyped int constant) overflows int8`.
    fn overflow(
        &mut self,
        c: &Expr,
        op: &Operand,
        to: TypeId,
        err: super::constant::RepError,
    ) -> Operand {
        let d =
            super::constant::messages::invalid_conversion(&self.desc(c, op), &self.show(to), err);
        self.c.error(codes::CONSTANT, c.span, d);
        Operand::invalid()
    }

    fn mismatch(&mut self, e: &Expr, x: &Operand, y: &Operand) -> Operand {
        let d = format!(
            "invalid operation: {} (mismatched types {} and {})",
            self.text(e),
            self.show(x.ty),
            self.show(y.ty)
        );
        self.c.error(codes::OPERATOR, e.span, d);
        Operand::invalid()
    }

    fn comparison(
        &mut self,
        e: &Expr,
        op: BinOp,
        a: &Expr,
        x: &Operand,
        y: &Operand,
        ty: TypeId,
    ) -> Operand {
        let types = &self.c.types;
        let sym = crate::printer::binop(op);
        let result = Operand::value(TypeId::UNTYPED_BOOL);
        // A type parameter (inside its generic declaration) compares only as its constraint
        // allows.
        if let Some(c) = types.named_info(ty).and_then(|n| n.tparam.clone()) {
            let comparable =
                matches!(types.get(types.underlying(ty)), Type::Interface(i) if i.comparable);
            let why = if matches!(op, BinOp::Eq | BinOp::Ne) {
                (!comparable).then(|| "incomparable types in type set".to_string())
            } else {
                let tn = self.show(ty);
                Some(format!("type parameter {tn} cannot use operator {sym}"))
                    .filter(|_| !c.is_empty())
            };
            if let Some(why) = why {
                let d = format!("invalid operation: {} ({why})", self.text(e));
                self.c.error(codes::OPERATOR, e.span, d);
                return Operand::invalid();
            }
            return result;
        }
        if matches!(x.mode, Mode::Nil) && matches!(y.mode, Mode::Nil) {
            let d = format!(
                "invalid operation: {} (operator {sym} not defined on untyped nil)",
                self.text(e)
            );
            // Go reports it at the second operand.
            let at = match &e.kind {
                ExprKind::Binary(_, _, b) => b.span,
                _ => e.span,
            };
            self.c.error(codes::OPERATOR, at, d);
            return Operand::invalid();
        }
        if matches!(op, BinOp::Eq | BinOp::Ne) {
            let nil_side = matches!(x.mode, Mode::Nil) || matches!(y.mode, Mode::Nil);
            let u = types.underlying(ty);
            let why = match types.get(u) {
                Type::Slice(_) if !nil_side => {
                    Some("slice can only be compared to nil".to_string())
                }
                Type::Map(..) if !nil_side => Some("map can only be compared to nil".to_string()),
                Type::Func(_) if !nil_side => Some("func can only be compared to nil".to_string()),
                Type::Struct(fields) if !types.comparable(ty) => {
                    let bad = fields
                        .iter()
                        .find(|f| !types.comparable(f.ty))
                        .map(|f| f.ty);
                    Some(format!(
                        "struct containing {} cannot be compared",
                        bad.map_or(String::new(), |t| self.show(t))
                    ))
                }
                Type::Array(..) if !types.comparable(ty) => {
                    Some(format!("{} cannot be compared", self.show(ty)))
                }
                _ => None,
            };
            if let Some(why) = why {
                self.c.error(
                    codes::OPERATOR,
                    e.span,
                    format!("invalid operation: {} ({why})", self.text(e)),
                );
                return Operand::invalid();
            }
            return result;
        }
        let _ = a;
        // A concrete operand against an interface compares with == and != only; Go names the
        // interface side, at that operand.
        let iface_side = [(x, 0), (y, 1)]
            .into_iter()
            .find(|(o, _)| o.ty != ty && types.is_interface(o.ty) && !matches!(o.mode, Mode::Nil));
        if let Some((_, side)) = iface_side {
            let at = match &e.kind {
                ExprKind::Binary(_, l, r) => [l.span, r.span][side],
                _ => e.span,
            };
            let d = format!(
                "invalid operation: {} (operator {sym} not defined on interface)",
                self.text(e)
            );
            self.c.error(codes::OPERATOR, at, d);
            return Operand::invalid();
        }
        let ordered = types
            .basic_kind(ty)
            .is_some_and(|k| k.is_numeric() || k.is_string())
            && !types.basic_kind(ty).is_some_and(|k| {
                matches!(
                    k,
                    BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
                )
            });
        if !ordered {
            let what = match types.get(types.underlying(ty)) {
                Type::Basic(k) => k.name().to_string(),
                Type::Struct(_) => "struct".into(),
                Type::Pointer(_) => "pointer".into(),
                Type::Interface(_) => "interface".into(),
                Type::Chan(..) => "chan".into(),
                Type::Slice(_) => "slice".into(),
                Type::Map(..) => "map".into(),
                Type::Func(_) => "func".into(),
                Type::Array(..) => "array".into(),
                _ => return result,
            };
            self.c.error(
                codes::OPERATOR,
                e.span,
                format!(
                    "invalid operation: {} (operator {sym} not defined on {what})",
                    self.text(e)
                ),
            );
            return Operand::invalid();
        }
        result
    }

    // ------------------------------------------------------------------ calls

    fn call(&mut self, e: &Expr, func: &Expr, args: &[Expr], ellipsis: bool) -> Operand {
        if let Some(op) = self.generic_call(e, func, args, ellipsis) {
            return op;
        }
        let f = self.operand(func);
        match f.mode {
            Mode::Type => {
                if let [a] = args {
                    let xo = self.operand(a);
                    self.conversion(e, a, &xo, f.ty);
                    self.settle(a, f.ty);
                } else {
                    args.iter().for_each(|a| self.expr(a));
                    let to = if f.ty == TypeId::INVALID {
                        self.text(func)
                    } else {
                        self.show(f.ty)
                    };
                    let (at, what) = match args.get(1) {
                        Some(extra) => (extra.span, "too many arguments"),
                        None => (e.span, "missing argument"),
                    };
                    self.c
                        .error(codes::CALL, at, format!("{what} in conversion to {to}"));
                    return Operand::invalid();
                }
                if f.ty != TypeId::INVALID
                    && args.len() == 1
                    && self.c.types.basic_kind(f.ty).is_some()
                {
                    if let Some(c) = self.const_of(e) {
                        return c;
                    }
                }
                return Operand::value(f.ty);
            }
            Mode::Builtin(b) => return self.builtin(e, b, args),
            _ => {}
        }
        let arg_ops: Vec<(Operand, &Expr)> = args.iter().map(|a| (self.operand(a), a)).collect();
        if !shallow_known(&self.c.types, &f) || !f.is_value() {
            return Operand::invalid();
        }
        match self.c.types.get(self.c.types.underlying(f.ty)) {
            Type::Func(_) => {}
            _ => {
                let d = format!(
                    "invalid operation: cannot call {}: {} is not a function",
                    self.desc(func, &f),
                    self.show(f.ty)
                );
                self.c.error(codes::CALL, e.span, d);
                return Operand::invalid();
            }
        };
        self.finish_call(e, func, f.ty, &arg_ops, ellipsis)
    }

    /// Checks a call's arguments against the callee's type `fty`; the call's result.
    pub(super) fn finish_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        fty: TypeId,
        arg_ops: &[(Operand, &Expr)],
        ellipsis: bool,
    ) -> Operand {
        let Type::Func(sig) = self.c.types.get(self.c.types.underlying(fty)).clone() else {
            return Operand::invalid();
        };
        let fname = self.text(func);
        self.check_args(e, &fname, &sig, arg_ops, ellipsis);
        match sig.results.len() {
            0 => Operand {
                mode: Mode::NoValue,
                ty: TypeId::INVALID,
            },
            1 => Operand::value(sig.results[0]),
            _ => {
                let t = self.c.types.tuple(sig.results.clone());
                Operand::value(t)
            }
        }
    }

    pub(super) fn const_of(&mut self, e: &Expr) -> Option<Operand> {
        if self.in_const {
            return None;
        }
        let locals = self.visible_locals();
        self.c
            .const_expr(e, None, &|n| locals.contains(n))
            .map(|c| Operand {
                mode: Mode::Const(c.value),
                ty: c.ty,
            })
    }

    fn check_args(
        &mut self,
        e: &Expr,
        fname: &str,
        sig: &super::ty::Signature,
        args: &[(Operand, &Expr)],
        ellipsis: bool,
    ) {
        if let Some((_, a)) = args.iter().find(|(o, _)| matches!(o.mode, Mode::NoValue)) {
            // `f(panic(7))`: a call without results is no argument.
            let d = format!("{} (no value) used as value", self.text(a));
            self.c.error(codes::ASSIGN, a.span, d);
            return;
        }
        if args
            .iter()
            .any(|(o, _)| o.unknown() && !matches!(o.mode, Mode::Nil))
            && args.len() == 1
        {
            return;
        }
        // `f(g())` with a multi-value g: its results are the arguments.
        let spread: Vec<TypeId> = match args {
            [(o, _)] if matches!(self.c.types.get(o.ty), Type::Tuple(_)) => {
                match self.c.types.get(o.ty) {
                    Type::Tuple(ts) => ts.clone(),
                    _ => vec![],
                }
            }
            _ => vec![],
        };
        if ellipsis && !sig.variadic {
            self.c.error(
                codes::CALL,
                e.span,
                format!("cannot use ... in call to non-variadic {fname}"),
            );
            return;
        }
        let nargs = if spread.is_empty() {
            args.len()
        } else {
            spread.len()
        };
        let nparams = sig.params.len();
        let too_few = if sig.variadic && !ellipsis {
            nargs < nparams - 1
        } else {
            nargs < nparams
        };
        let too_many = if sig.variadic && !ellipsis {
            false
        } else {
            nargs > nparams
        };
        if too_few || too_many {
            let what = if too_few { "not enough" } else { "too many" };
            // Go points at the first extra argument, or the last one (the call if none).
            let at = match (too_few, args.get(nparams), args.last()) {
                (false, Some((_, extra)), _) if spread.is_empty() => extra.span,
                (true, _, Some((_, last))) => last.span,
                _ => e.span,
            };
            self.c.error(
                codes::CALL,
                at,
                format!("{what} arguments in call to {fname}"),
            );
            return;
        }
        if !spread.is_empty() {
            for (i, t) in spread.iter().enumerate() {
                let want = self.param_type(sig, i, ellipsis);
                let op = Operand::value(*t);
                if want != TypeId::INVALID && assignable(&self.c.types, &op, want).is_err() {
                    let d = format!(
                        "cannot use {} (value of type {}) as {} value in argument to {fname}",
                        self.text(args[0].1),
                        self.show(*t),
                        self.show(want)
                    );
                    self.c.error(codes::ASSIGN, args[0].1.span, d);
                }
            }
            return;
        }
        for (i, (op, a)) in args.iter().enumerate() {
            let want = self.param_type(sig, i, ellipsis);
            self.assign_to(op, a, want, &format!("argument to {fname}"));
        }
    }

    /// The type argument `i` must have (the element type for the variadic tail).
    fn param_type(&mut self, sig: &super::ty::Signature, i: usize, ellipsis: bool) -> TypeId {
        let n = sig.params.len();
        if sig.variadic && i + 1 >= n && !ellipsis {
            match self.c.types.get(sig.params[n - 1]) {
                Type::Slice(el) => *el,
                _ => TypeId::INVALID,
            }
        } else {
            sig.params.get(i).copied().unwrap_or(TypeId::INVALID)
        }
    }

    /// `T(x)`: the spec's conversion rules, reported only when both types are known:
    /// `cannot convert a (variable of struct type A) to type B`. A constant converted to a basic
    /// type is the constant evaluator's (representability); an untyped value converted to any
    /// other type converts as a value of its default type (`[]byte("hi")` is fine, `[]int(5)` and
    /// `M(5)` are not).
    fn conversion(&mut self, e: &Expr, a: &Expr, x: &Operand, t: TypeId) {
        let types = &self.c.types;
        if !known(types, x) || !super::operand::known_type(types, t) || !x.is_value() {
            return;
        }
        let tu = types.underlying(t);
        let is_tparam = |ty: TypeId| types.named_info(ty).is_some_and(|n| n.tparam.is_some());
        // Type parameters convert by their type sets; instances are checked with real types.
        if is_tparam(t) || (!matches!(x.mode, Mode::Nil) && is_tparam(x.ty)) {
            return;
        }
        let ok = if matches!(x.mode, Mode::Nil) {
            assignable(types, x, t).is_ok()
        } else if types.is_untyped(x.ty) {
            if matches!(types.get(tu), Type::Basic(_)) {
                return; // representability: the constant evaluator's
            }
            let d = super::operand::default_type(types, x.ty);
            d == TypeId::INVALID || assignable(types, x, t).is_ok() || convertible(types, d, t)
        } else {
            assignable(types, x, t).is_ok() || convertible(types, x.ty, t)
        };
        if !ok {
            let x_iface = !matches!(x.mode, Mode::Nil) && types.is_interface(x.ty);
            let why = match (types.get(tu), assignable(types, x, t)) {
                (Type::Interface(_), Err(NotAssignable::Missing(why))) => {
                    format!(
                        ": {} does not implement {} {why}",
                        self.show(x.ty),
                        self.show(t)
                    )
                }
                // Go's hint when a type assertion would do: T implements x's interface.
                (_, _)
                    if x_iface
                        && matches!(
                            super::iface::implements(types, t, x.ty),
                            super::iface::Implements::Yes
                        ) =>
                {
                    ": need type assertion".to_string()
                }
                _ => String::new(),
            };
            let d = format!(
                "cannot convert {} to type {}{why}",
                self.desc(a, x),
                self.show(t)
            );
            let _ = e;
            self.c.error(codes::ASSIGN, a.span, d);
        }
    }

    /// An untyped non-constant numeric value (a shift of an untyped constant, `1 << n`, and the
    /// arithmetic around it) takes the basic type `t` its context gives it: the types recorded
    /// for it and its untyped operands become `t` (the spec's delayed typing of shifts).
    pub(super) fn settle(&mut self, e: &Expr, t: TypeId) {
        self.settle_in(e, t, false)
    }

    fn settle_in(&mut self, e: &Expr, t: TypeId, inner: bool) {
        if t == TypeId::INVALID
            || self.c.types.is_untyped(t)
            || self.c.types.basic_kind(t).is_none()
        {
            return;
        }
        let Some(info) = self.c.info.get(e).cloned() else {
            return;
        };
        if !matches!(
            self.c.types.basic_kind(info.ty),
            Some(BasicKind::UntypedInt | BasicKind::UntypedRune | BasicKind::UntypedFloat)
        ) {
            return;
        }
        if let Mode::Const(_) = info.mode {
            // A constant operand of such an expression (`1` in `1 << n`).
            if inner {
                self.c.info.record(e, t, &info.mode);
            }
            return;
        }
        self.c.info.record(e, t, &info.mode);
        match &e.kind {
            ExprKind::Paren(x) | ExprKind::Unary(_, x) => self.settle_in(x, t, true),
            ExprKind::Binary(BinOp::Shl | BinOp::Shr, a, _) => self.settle_in(a, t, true),
            ExprKind::Binary(op, a, b)
                if !matches!(
                    op,
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
                ) =>
            {
                self.settle_in(a, t, true);
                self.settle_in(b, t, true);
            }
            _ => {}
        }
    }

    /// Whether `o` (the value of `e`) is a single value; otherwise reports Go's error:
    /// `f() (no value) used as value`, `multiple-value f() (value of type (int, int)) in
    /// single-value context`.
    pub(super) fn single_value(&mut self, o: &Operand, e: &Expr) -> bool {
        if let Mode::Builtin(_) = o.mode {
            let d = format!("{} (built-in) must be called", self.text(e));
            self.c.error(codes::CALL, e.span, d);
            return false;
        }
        if let Mode::Type = o.mode {
            let d = format!("{} (type) is not an expression", self.text(e));
            self.c.error(codes::ASSIGN, e.span, d);
            return false;
        }
        if let Mode::NoValue = o.mode {
            let d = format!("{} (no value) used as value", self.text(e));
            self.c.error(codes::ASSIGN, e.span, d);
            return false;
        }
        if let Type::Tuple(_) = self.c.types.get(o.ty) {
            let d = format!(
                "multiple-value {} (value of type {}) in single-value context",
                self.text(e),
                self.show(o.ty)
            );
            self.c.error(codes::ASSIGN, e.span, d);
            return false;
        }
        true
    }

    /// Checks `op` (the value of expression `a`) can be assigned to `want`, with Go's message.
    pub(super) fn assign_to(&mut self, op: &Operand, a: &Expr, want: TypeId, context: &str) {
        self.assign_to_spelled(op, a, want, context, None)
    }

    /// `assign_to`, naming the target type as the declaration spells it (`byte`, `rune`).
    pub(super) fn assign_to_spelled(
        &mut self,
        op: &Operand,
        a: &Expr,
        want: TypeId,
        context: &str,
        spelled: Option<String>,
    ) {
        let inferred;
        let op = match self.infer_generic_value(a, want) {
            Some(sig) => {
                inferred = Operand::value(sig);
                &inferred
            }
            None => op,
        };
        if !self.single_value(op, a) {
            return;
        }
        if want == TypeId::INVALID {
            return;
        }
        if matches!(op.mode, Mode::Nil) && want == TypeId::INVALID {
            return;
        }
        match assignable(&self.c.types, op, want) {
            Ok(()) => self.settle(a, want),
            Err(why) => {
                let mut target = spelled.unwrap_or_else(|| self.show(want));
                if matches!(why, NotAssignable::Constant(_)) && self.c.types.is_interface(want) {
                    // A constant too big for its default type: Go names that type.
                    target = self.show(super::operand::default_type(&self.c.types, op.ty));
                }
                let d = match why {
                    NotAssignable::Constant(err) => super::constant::messages::cannot_use(
                        &self.desc(a, op),
                        &target,
                        context,
                        err,
                    ),
                    NotAssignable::Mismatch => {
                        // Go's hint when a type assertion would do: the target implements the
                        // operand's interface.
                        let types = &self.c.types;
                        let hint = types.is_interface(op.ty)
                            && !types.is_interface(want)
                            && matches!(
                                super::iface::implements(types, want, op.ty),
                                super::iface::Implements::Yes
                            );
                        format!(
                            "cannot use {} as {target} value in {context}{}",
                            self.desc(a, op),
                            if hint { ": need type assertion" } else { "" }
                        )
                    }
                    NotAssignable::Missing(why) => format!(
                        "cannot use {} as {target} value in {context}: {} does not implement {target} {why}",
                        self.desc(a, op),
                        self.show(op.ty)
                    ),
                };
                self.c.error(codes::ASSIGN, a.span, d);
            }
        }
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// Calls `f` on every identifier of a type expression (not field or method names).
fn walk_idents(t: &Expr, f: &mut dyn FnMut(&str)) {
    match &t.kind {
        ExprKind::Ident(n) => f(n),
        ExprKind::Selector(x, _) => walk_idents(x, f),
        ExprKind::StructType(fields) | ExprKind::InterfaceType(fields) => {
            fields.iter().for_each(|fl| walk_idents(&fl.ty, f))
        }
        ExprKind::FuncType(ft) => ft
            .params
            .iter()
            .chain(&ft.results)
            .for_each(|fl| walk_idents(&fl.ty, f)),
        ExprKind::ArrayType { len, elem } => {
            if let Some(l) = len {
                walk_idents(l, f);
            }
            walk_idents(elem, f);
        }
        ExprKind::MapType(k, v) | ExprKind::Binary(_, k, v) => {
            walk_idents(k, f);
            walk_idents(v, f);
        }
        ExprKind::ChanType(_, e)
        | ExprKind::Ellipsis(Some(e))
        | ExprKind::Star(e)
        | ExprKind::Paren(e)
        | ExprKind::Unary(_, e) => walk_idents(e, f),
        ExprKind::Index(x, args) => {
            walk_idents(x, f);
            args.iter().for_each(|a| walk_idents(a, f));
        }
        _ => {}
    }
}

/// An expression as Go prints it in messages (see `exprstring`).
pub(super) fn abbreviated(c: &super::check::Checker, e: &Expr) -> String {
    super::exprstring::expr_string(e, &|x| c.source_text(x))
}

/// The spec's conversion rules for a non-constant value of type `x` to type `t` beyond
/// assignability: identical underlying types (struct tags ignored), unnamed pointers to such,
/// numeric to numeric (complex only to complex), integers and byte/rune slices to strings,
/// strings to byte/rune slices, slices to arrays and array pointers of the same element type.
/// Interfaces convert only by assignability (a type assertion is needed the other way).
pub(super) fn convertible(types: &super::ty::Types, x: TypeId, t: TypeId) -> bool {
    let (xu, tu) = (types.underlying(x), types.underlying(t));
    if identical_ignoring_tags(types, xu, tu, 0) {
        return true;
    }
    match (types.get(xu), types.get(tu)) {
        (Type::Pointer(a), Type::Pointer(b))
            if types.named_info(x).is_none() && types.named_info(t).is_none() =>
        {
            identical_ignoring_tags(types, types.underlying(*a), types.underlying(*b), 0)
        }
        (Type::Basic(k1), Type::Basic(k2)) => {
            let complex = |k: &BasicKind| {
                matches!(
                    k,
                    BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
                )
            };
            (k1.is_numeric() && k2.is_numeric() && complex(k1) == complex(k2))
                || (k2.is_string() && (k1.is_integer() || k1.is_string()))
        }
        (Type::Slice(el), Type::Basic(k)) | (Type::Basic(k), Type::Slice(el)) => {
            k.is_string()
                && matches!(
                    types.basic_kind(types.underlying(*el)),
                    Some(BasicKind::Uint8 | BasicKind::Int32)
                )
        }
        (Type::Slice(a), Type::Array(_, b)) => a == b,
        (Type::Slice(a), Type::Pointer(p)) => {
            matches!(types.get(types.underlying(*p)), Type::Array(_, b) if b == a)
        }
        _ => false,
    }
}

/// Type identity with struct tags ignored (the conversion rule's "ignoring struct tags").
fn identical_ignoring_tags(types: &super::ty::Types, a: TypeId, b: TypeId, depth: u32) -> bool {
    if a == b {
        return true;
    }
    if depth > 32 {
        return false;
    }
    match (types.get(a), types.get(b)) {
        (Type::Struct(fa), Type::Struct(fb)) => {
            fa.len() == fb.len()
                && fa.iter().zip(fb.iter()).all(|(x, y)| {
                    x.name == y.name
                        && x.embedded == y.embedded
                        && identical_ignoring_tags(types, x.ty, y.ty, depth + 1)
                })
        }
        (Type::Pointer(x), Type::Pointer(y)) | (Type::Slice(x), Type::Slice(y)) => {
            identical_ignoring_tags(types, *x, *y, depth + 1)
        }
        (Type::Array(n, x), Type::Array(m, y)) => {
            n == m && identical_ignoring_tags(types, *x, *y, depth + 1)
        }
        (Type::Map(k1, v1), Type::Map(k2, v2)) => {
            identical_ignoring_tags(types, *k1, *k2, depth + 1)
                && identical_ignoring_tags(types, *v1, *v2, depth + 1)
        }
        (Type::Chan(d1, x), Type::Chan(d2, y)) => {
            d1 == d2 && identical_ignoring_tags(types, *x, *y, depth + 1)
        }
        _ => false,
    }
}
