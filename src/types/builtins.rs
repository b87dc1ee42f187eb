//! CHECKER: calls of Go's builtin functions. Input: the call and its arguments. Output: the
//! result operand, and Go's errors for argument counts (`not enough arguments for min() (expected
//! 1, found 0)`), argument kinds (`invalid argument: x (variable of type int) for built-in len`,
//! `invalid append: argument must be a slice; have ...`, `cannot make int: type must be slice, map,
//! or channel`, `... cannot be ordered`, `length and capacity swapped`, copy and delete misuse).

use super::check::codes;
use super::constant::BasicKind;
use super::operand::{describe, known, shallow_known, Mode, Operand, COMPILER};
use super::resolve::Resolver;
use super::scope::Builtin;
use super::ty::{Type, TypeId};
use crate::ast::*;

impl Resolver<'_, '_> {
    fn name_of(b: Builtin) -> &'static str {
        use Builtin::*;
        match b {
            Append => "append",
            Cap => "cap",
            Clear => "clear",
            Close => "close",
            Complex => "complex",
            Copy => "copy",
            Delete => "delete",
            Imag => "imag",
            Len => "len",
            Make => "make",
            Max => "max",
            Min => "min",
            New => "new",
            Panic => "panic",
            Print => "print",
            Println => "println",
            Real => "real",
            Recover => "recover",
        }
    }

    fn bdesc(&self, e: &Expr, op: &Operand) -> String {
        describe(&self.c.types, &self.c.source_text(e), op)
    }

    fn under(&self, t: TypeId) -> Type {
        self.c.types.get(self.c.types.underlying(t)).clone()
    }

    /// Whether `len`/`cap`'s one operand is an array or a pointer to one: then the call is a
    /// constant unless the operand has calls or receives (`const_of` decides), and the operand
    /// is not evaluated (`len(*p)` with a nil p is fine).
    fn array_len_operand(&self, ops: &[Operand]) -> bool {
        let [op] = ops else { return false };
        if !op.is_value() || op.ty == TypeId::INVALID {
            return false;
        }
        match self.under(op.ty) {
            Type::Array(..) => true,
            Type::Pointer(p) => matches!(self.under(p), Type::Array(..)),
            _ => false,
        }
    }

    pub(super) fn builtin(&mut self, call: &Expr, b: Builtin, args: &[Expr]) -> Operand {
        let ops: Vec<Operand> = args.iter().map(|a| self.operand(a)).collect();
        let name = Self::name_of(b);
        // Argument counts: (minimum, maximum) for the simple cases.
        let (min, max) = match b {
            Builtin::Len
            | Builtin::Cap
            | Builtin::Close
            | Builtin::New
            | Builtin::Panic
            | Builtin::Real
            | Builtin::Imag
            | Builtin::Clear => (1, Some(1)),
            Builtin::Delete | Builtin::Copy | Builtin::Complex => (2, Some(2)),
            Builtin::Append | Builtin::Min | Builtin::Max | Builtin::Make => (1, None),
            Builtin::Recover => (0, Some(0)),
            Builtin::Print | Builtin::Println => (0, None),
        };
        let text = self.c.source_text(call);
        if args.len() < min {
            let d = format!(
                "invalid operation: not enough arguments for {text} (expected {min}, found {})",
                args.len()
            );
            self.c.error(codes::CALL, call.span, d);
            return Operand::invalid();
        }
        // One call with several results counts as that many arguments (`panic(fmt.Println())`).
        let found = match (args.len(), ops.first().map(|o| self.c.types.get(o.ty))) {
            (1, Some(Type::Tuple(ts))) if ts.len() > 1 => ts.len(),
            _ => args.len(),
        };
        if max.is_some_and(|m| found > m) {
            let d = format!(
                "invalid operation: too many arguments for {text} (expected {}, found {found})",
                max.unwrap_or(0),
            );
            self.c.error(codes::CALL, call.span, d);
            return Operand::invalid();
        }
        if matches!(
            b,
            Builtin::Len
                | Builtin::Min
                | Builtin::Max
                | Builtin::Complex
                | Builtin::Real
                | Builtin::Imag
        ) && ops.iter().all(|o| matches!(o.mode, Mode::Const(_)))
            || matches!(b, Builtin::Len | Builtin::Cap) && self.array_len_operand(&ops)
        {
            let before = self.c.diags.len();
            let c = self.const_of(call);
            self.c.diags.truncate(before);
            if let Some(c) = c {
                return c;
            }
        }
        let first = ops.first().cloned().unwrap_or_else(Operand::invalid);
        let k0 = shallow_known(&self.c.types, &first) && first.is_value();
        match b {
            Builtin::Len | Builtin::Cap => {
                if k0 {
                    let ok = match self.under(first.ty) {
                        Type::Basic(k) => b == Builtin::Len && k.is_string(),
                        Type::Slice(_) | Type::Array(..) | Type::Chan(..) => true,
                        Type::Map(..) => b == Builtin::Len,
                        // A pointee not described yet (an array with another file's constant length).
                        Type::Pointer(p) => {
                            matches!(self.under(p), Type::Array(..) | Type::Invalid)
                        }
                        _ => false,
                    };
                    if !ok {
                        let d = format!(
                            "invalid argument: {} for built-in {name}",
                            self.bdesc(&args[0], &first)
                        );
                        self.c.error(codes::CALL, args[0].span, d);
                        return Operand::invalid();
                    }
                }
                Operand::value(TypeId::INT)
            }
            Builtin::Append => {
                if k0 && !matches!(first.mode, Mode::Nil) {
                    match self.under(first.ty) {
                        Type::Slice(el) => {
                            let spread = matches!(call.kind, ExprKind::Call { ellipsis: true, .. });
                            for (op, a) in ops.iter().zip(args).skip(1) {
                                // `append(b, "str"...)`: a string's bytes appended to a []byte.
                                let string_to_bytes = spread
                                    && self.c.types.basic_kind(el) == Some(BasicKind::Uint8)
                                    && self
                                        .c
                                        .types
                                        .basic_kind(op.ty)
                                        .is_some_and(|k| k.is_string());
                                if string_to_bytes {
                                    continue;
                                }
                                let want = if spread { first.ty } else { el };
                                self.assign_to(op, a, want, "argument to append");
                            }
                        }
                        _ => {
                            let d = format!(
                                "invalid append: argument must be a slice; have {}",
                                self.bdesc(&args[0], &first)
                            );
                            self.c.error(codes::CALL, args[0].span, d);
                            return Operand::invalid();
                        }
                    }
                }
                Operand::value(if matches!(first.mode, Mode::Nil) {
                    TypeId::INVALID
                } else {
                    first.ty
                })
            }
            Builtin::Make => self.make(call, &text, args, &ops),
            Builtin::New => {
                if let Mode::Nil = first.mode {
                    self.c.error(
                        codes::CALL,
                        args[0].span,
                        "use of untyped nil in argument to new",
                    );
                    return Operand::invalid();
                }
                let ty = if matches!(first.mode, Mode::Type) && first.ty != TypeId::INVALID {
                    self.c.types.pointer(first.ty)
                } else {
                    TypeId::INVALID
                };
                Operand::value(ty)
            }
            Builtin::Clear => {
                if k0 && !matches!(self.under(first.ty), Type::Map(..) | Type::Slice(_)) {
                    let d = format!("invalid argument: cannot clear {}: argument must be (or constrained by) map or slice", self.bdesc(&args[0], &first));
                    self.c.error(codes::CALL, args[0].span, d);
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: TypeId::INVALID,
                }
            }
            Builtin::Delete => {
                if k0 {
                    match self.under(first.ty) {
                        Type::Map(key, _) => {
                            self.assign_to(&ops[1], &args[1], key, "argument to delete")
                        }
                        _ => {
                            let d = format!(
                                "invalid argument: {} is not a map",
                                self.bdesc(&args[0], &first)
                            );
                            self.c.error(codes::CALL, args[0].span, d);
                        }
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: TypeId::INVALID,
                }
            }
            Builtin::Copy => {
                let src = &ops[1];
                if k0 {
                    match self.under(first.ty) {
                        Type::Slice(del) => {
                            let not_slice = match src.mode {
                                Mode::Nil => Some("untyped nil".to_string()),
                                _ if known(&self.c.types, src)
                                    && !matches!(
                                        self.under(src.ty),
                                        Type::Slice(_) | Type::Basic(_)
                                    )
                                    || (known(&self.c.types, src)
                                        && matches!(self.under(src.ty), Type::Basic(k) if !k.is_string())) =>
                                {
                                    Some(self.bdesc(&args[1], src))
                                }
                                _ => None,
                            };
                            if let Some(have) = not_slice {
                                // The source of a copy must be a slice or a string: any other word
                                // would be read as a slice header.
                                let d =
                                    format!("invalid copy: argument must be a slice; have {have}");
                                self.c.error(codes::CALL, args[1].span, d);
                                return Operand::invalid();
                            }
                            if shallow_known(&self.c.types, src) {
                                let sel = match self.under(src.ty) {
                                    Type::Slice(e) => Some(e),
                                    Type::Basic(k) if k.is_string() => Some(TypeId::UINT8),
                                    _ => None,
                                };
                                if let Some(sel) = sel {
                                    if sel != del && known(&self.c.types, src) {
                                        let (dt, st) = (
                                            self.c.types.display(del, COMPILER),
                                            self.c.types.display(sel, COMPILER),
                                        );
                                        let d = format!(
                                            "invalid copy: arguments {} and {} have different element types {dt} and {st}",
                                            self.bdesc(&args[0], &first),
                                            self.bdesc(&args[1], src)
                                        );
                                        self.c.error(codes::CALL, args[0].span, d);
                                    }
                                }
                            }
                        }
                        _ => {
                            let d = format!(
                                "invalid copy: argument must be a slice; have {}",
                                self.bdesc(&args[0], &first)
                            );
                            self.c.error(codes::CALL, args[0].span, d);
                        }
                    }
                }
                Operand::value(TypeId::INT)
            }
            Builtin::Min | Builtin::Max => self.min_max(call, args, &ops),
            Builtin::Complex => {
                if let [x, y] = ops.as_slice() {
                    if known(&self.c.types, x)
                        && known(&self.c.types, y)
                        && !self.c.types.is_untyped(x.ty)
                        && !self.c.types.is_untyped(y.ty)
                        && x.ty != y.ty
                    {
                        let (xt, yt) = (
                            self.c.types.display(x.ty, COMPILER),
                            self.c.types.display(y.ty, COMPILER),
                        );
                        self.c.error(
                            codes::CALL,
                            call.span,
                            format!("invalid operation: {text} (mismatched types {xt} and {yt})"),
                        );
                        return Operand::invalid();
                    }
                    // The result: complex64 or complex128 after the typed float argument.
                    let typed: Vec<TypeId> = [x.ty, y.ty]
                        .into_iter()
                        .filter(|t| *t != TypeId::INVALID && !self.c.types.is_untyped(*t))
                        .collect();
                    if x.unknown() || y.unknown() || typed.is_empty() {
                        return Operand::invalid();
                    }
                    let ty = match self.c.types.basic_kind(typed[0]) {
                        Some(BasicKind::Float32) => TypeId::COMPLEX64,
                        Some(BasicKind::Float64) => TypeId::COMPLEX128,
                        _ => return Operand::invalid(),
                    };
                    let ft = typed[0];
                    self.settle(&args[0], ft);
                    self.settle(&args[1], ft);
                    return Operand::value(ty);
                }
                Operand::invalid()
            }
            Builtin::Real | Builtin::Imag => {
                if k0 && !self.c.types.is_untyped(first.ty) {
                    let complex = matches!(
                        self.c.types.basic_kind(first.ty),
                        Some(BasicKind::Complex64 | BasicKind::Complex128)
                    );
                    if !complex {
                        let shown = self.c.types.display(first.ty, COMPILER);
                        self.c.error(codes::CALL, args[0].span, format!("invalid argument: argument has type {shown}, expected complex type"));
                        return Operand::invalid();
                    }
                }
                match self.c.types.basic_kind(first.ty) {
                    Some(BasicKind::Complex64) => Operand::value(TypeId::FLOAT32),
                    Some(BasicKind::Complex128) => Operand::value(TypeId::FLOAT64),
                    _ => Operand::invalid(),
                }
            }
            Builtin::Recover => Operand::value(TypeId::EMPTY_INTERFACE),
            Builtin::Close => {
                if let Some(a) = args.first() {
                    self.close_check(call, a, &first);
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: TypeId::INVALID,
                }
            }
            Builtin::Print | Builtin::Println => {
                // Untyped constants are printed as their default types: `println(1 << 70)`
                // overflows int.
                for (a, op) in args.iter().zip(&ops) {
                    if matches!(op.mode, Mode::Const(_)) && self.c.types.is_untyped(op.ty) {
                        let t = super::operand::default_type(&self.c.types, op.ty);
                        let context = format!("argument to built-in {name}");
                        self.assign_to(op, a, t, &context);
                    }
                }
                Operand {
                    mode: Mode::NoValue,
                    ty: TypeId::INVALID,
                }
            }
            Builtin::Panic => Operand {
                mode: Mode::NoValue,
                ty: TypeId::INVALID,
            },
        }
    }

    fn make(&mut self, call: &Expr, text: &str, args: &[Expr], ops: &[Operand]) -> Operand {
        let t = &ops[0];
        if t.is_value() && super::operand::known(&self.c.types, t) {
            // `make(done)` with a variable: a value where a type belongs.
            let d = match &args[0].kind {
                ExprKind::Ident(n) if self.find_local(n).is_some() => {
                    format!("{n} (local variable) is not a type")
                }
                _ => format!("{} is not a type", self.desc(&args[0], t)),
            };
            self.c.error(codes::NOT_A_TYPE, args[0].span, d);
            return Operand::invalid();
        }
        if !matches!(t.mode, Mode::Type)
            || t.ty == TypeId::INVALID
            || self.c.types.underlying(t.ty) == TypeId::INVALID
        {
            return Operand::value(if matches!(t.mode, Mode::Type) {
                t.ty
            } else {
                TypeId::INVALID
            });
        }
        let (lo, hi) = match self.under(t.ty) {
            Type::Slice(_) => (2, 3),
            Type::Map(..) | Type::Chan(..) => (1, 2),
            _ => {
                let shown = self.c.source_text(&args[0]);
                self.c.error(codes::CALL, args[0].span, format!("invalid argument: cannot make {shown}: type must be slice, map, or channel"));
                return Operand::invalid();
            }
        };
        if args.len() < lo || args.len() > hi {
            let d = format!(
                "invalid operation: {text} expects {lo} or {hi} arguments; found {}",
                args.len()
            );
            self.c.error(codes::CALL, call.span, d);
            return Operand::invalid();
        }
        let mut sizes_ok = true;
        for (a, o) in args[1..].iter().zip(&ops[1..]) {
            sizes_ok &= self.valid_index(a, o);
        }
        if !sizes_ok {
            return Operand::invalid();
        }
        // Constant sizes: not negative, length not above capacity.
        let consts: Vec<Option<i64>> = ops[1..]
            .iter()
            .map(|o| match &o.mode {
                Mode::Const(v) => v.to_i64(),
                _ => None,
            })
            .collect();
        for (i, c) in consts.iter().enumerate() {
            if let Some(v) = c {
                if *v < 0 {
                    let d = format!(
                        "invalid argument: index {} (constant of type int) must not be negative",
                        self.c.source_text(&args[i + 1])
                    );
                    self.c.error(codes::CALL, args[i + 1].span, d);
                    return Operand::invalid();
                }
            }
        }
        if let [Some(l), Some(c)] = consts.as_slice() {
            if l > c {
                self.c.error(
                    codes::CALL,
                    args[1].span,
                    "invalid argument: length and capacity swapped",
                );
                return Operand::invalid();
            }
        }
        Operand::value(t.ty)
    }

    fn min_max(&mut self, _call: &Expr, args: &[Expr], ops: &[Operand]) -> Operand {
        let mut common: Option<(TypeId, usize)> = None;
        for (i, op) in ops.iter().enumerate() {
            if !known(&self.c.types, op) || !op.is_value() {
                return Operand::invalid();
            }
            let ordered = self.c.types.basic_kind(op.ty).is_some_and(|k| {
                (k.is_numeric() || k.is_string())
                    && !matches!(
                        k,
                        BasicKind::Complex64 | BasicKind::Complex128 | BasicKind::UntypedComplex
                    )
            });
            if !ordered {
                let d = format!(
                    "invalid argument: {} cannot be ordered",
                    self.bdesc(&args[i], op)
                );
                self.c.error(codes::CALL, args[i].span, d);
                return Operand::invalid();
            }
            if self.c.types.is_untyped(op.ty) {
                continue;
            }
            match common {
                None => common = Some((op.ty, i)),
                Some((t, _)) if t != op.ty => {
                    let (pt, ot) = (
                        self.c.types.display(t, COMPILER),
                        self.c.types.display(op.ty, COMPILER),
                    );
                    let d = format!("invalid argument: mismatched types {pt} (previous argument) and {ot} (type of {})", self.c.source_text(&args[i]));
                    self.c.error(codes::CALL, args[i].span, d);
                    return Operand::invalid();
                }
                _ => {}
            }
        }
        Operand::value(common.map_or(TypeId::INVALID, |(t, _)| t))
    }
}
