//! CHECKER: selectors and indexing in expressions. Input: `x.f` / `x[i]` with `x`'s operand.
//! Output: the field, method or element operand, with Go's errors: `p.z undefined (type P has no
//! field or method z)` (and `, but does have method Name`), `cannot call pointer method inc on
//! counter`, `invalid operation: cannot index x (variable of type int)`, constant indices out of
//! range. Fields are found through embedded structs; a type not described yet makes the answer
//! unknown rather than an error.

use super::check::codes;
use super::operand::{known, shallow_known, Mode, Operand};
use super::resolve::Resolver;
use super::stdapi::StdSel;
use super::ty::{Type, TypeId};
use crate::ast::*;

impl Resolver<'_, '_> {
    pub(super) fn selector(&mut self, _e: &Expr, x: &Expr, sel: &Ident) -> Operand {
        let xo = self.operand(x);
        if let Mode::Type = xo.mode {
            return self.method_expr(_e, x, xo.ty, sel);
        }
        if let (Mode::Package, ExprKind::Ident(pkg)) = (&xo.mode, &x.kind) {
            let path = match self.c.lookup(pkg).map(|o| o.kind.clone()) {
                Some(super::scope::ObjKind::Package { path }) => Some(path),
                _ => self.c.package_path(pkg),
            };
            if let Some(op) = path.as_ref().and_then(|p| self.std_member(p, &sel.name)) {
                return op;
            }
            if let Some(p) = path {
                // Go's `undefined: fmt.Prinln`, or a name gol lacks (stdapi.rs).
                return self.missing_std_member(_e, pkg, &p, sel);
            }
        }
        if matches!(xo.mode, Mode::Package) || !known(&self.c.types, &xo) || !xo.is_value() {
            return Operand::invalid();
        }
        let types = &self.c.types;
        let hide = self.c.user_code(sel.span);
        // One automatic dereference for field and method lookup.
        let (base, via_pointer) = match types.get(types.underlying(xo.ty)) {
            Type::Pointer(p) if types.named_info(xo.ty).is_none() => (*p, true),
            // A defined pointer type (`type PS *T`): `z.f` is `(*z).f` for fields only.
            Type::Pointer(p) => match self.lookup_member(*p, &sel.name, hide) {
                Member::Field(ty) => {
                    return Operand {
                        mode: Mode::Var,
                        ty,
                    }
                }
                _ => (xo.ty, false),
            },
            _ => (xo.ty, false),
        };
        match self.lookup_member(base, &sel.name, hide) {
            Member::Field(t) => {
                let mode = if via_pointer || matches!(xo.mode, Mode::Var) {
                    Mode::Var
                } else {
                    Mode::Value
                };
                Operand { mode, ty: t }
            }
            Member::Method(sig, pointer_receiver) => {
                // A pointer method needs an addressable operand (or a pointer).
                let addressable = via_pointer || matches!(xo.mode, Mode::Var);
                if pointer_receiver && !addressable && self.c.types.named_info(base).is_some() {
                    let shown = self.show(base);
                    let d = format!("cannot call pointer method {} on {shown}", sel.name);
                    self.c.error(codes::CALL, sel.span, d);
                    return Operand::invalid();
                }
                Operand::value(sig)
            }
            Member::Unknown => Operand::invalid(),
            Member::NotImplemented(what) => {
                self.c.limit(_e.span, super::stdapi::not_implemented(&what));
                Operand::invalid()
            }
            Member::None => {
                // `**T` has no members at all.
                let hint = self.case_hint(base, &sel.name);
                self.no_member(x, xo.ty, sel, &hint)
            }
        }
    }

    /// `x.m undefined (type T has no field or method m)`, with `hint` appended.
    fn no_member(&mut self, x: &Expr, t: TypeId, sel: &Ident, hint: &str) -> Operand {
        let (text, shown, m) = (self.text(x), self.show(t), &sel.name);
        let d = format!("{text}.{m} undefined (type {shown} has no field or method {m}{hint})");
        self.c.error(codes::UNDEFINED, sel.span, d);
        Operand::invalid()
    }

    /// `, but does have method Name` when only the case differs.
    fn case_hint(&self, t: TypeId, name: &str) -> String {
        if let Some(h) = self.c.std_case_hint(t, name) {
            return h;
        }
        let lower = name.to_lowercase();
        let methods = self
            .c
            .types
            .named_info(t)
            .map(|n| n.methods.clone())
            .unwrap_or_default();
        match methods
            .iter()
            .find(|m| m.name != name && m.name.to_lowercase() == lower)
        {
            Some(m) => format!(", but does have method {}", m.name),
            None => String::new(),
        }
    }

    /// Fields (with embedded promotion) and methods of `t` (and of `*t`). With `hide_foreign`
    /// (user code), another package's unexported fields and methods are invisible, as in Go.
    fn lookup_member(&self, t: TypeId, name: &str, hide_foreign: bool) -> Member {
        let types = &self.c.types;
        let mut level = vec![t];
        let mut seen = std::collections::HashSet::new();
        for _depth in 0..8 {
            let mut next = Vec::new();
            let mut found = None;
            for &ty in &level {
                if !seen.insert(ty) {
                    continue;
                }
                if ty == TypeId::INVALID || types.underlying(ty) == TypeId::INVALID {
                    return Member::Unknown;
                }
                if hide_foreign && !is_exported(name) && self.c.foreign_named(ty) {
                    // Only the embedded fields lead on (their exported members are promoted).
                    if let Type::Struct(fields) = types.get(types.underlying(ty)) {
                        for f in fields.iter().filter(|f| f.embedded) {
                            next.push(match types.get(f.ty) {
                                Type::Pointer(p) => *p,
                                _ => f.ty,
                            });
                        }
                    }
                    continue;
                }
                if let Some(info) = types.named_info(ty) {
                    let std = info.pkg != "main" && self.c.std.is_std_named(ty);
                    // `main`'s types, the predeclared `error` (package "") and the described
                    // standard types are known.
                    if info.pkg != "main" && !info.pkg.is_empty() && !std {
                        return Member::Unknown; // a type of a package gol does not describe yet
                    }
                    let (u, declared) = (types.underlying(ty), &info.methods);
                    let gol_field = matches!(types.get(u),
                        Type::Struct(fs) if fs.iter().any(|f| f.name == name && !f.embedded));
                    let in_iface = matches!(types.get(u),
                        Type::Interface(i) if i.methods.iter().any(|(n, _)| n == name));
                    if let Some(m) = declared.iter().find(|m| m.name == name) {
                        found = Some(Member::Method(m.sig, m.pointer_receiver));
                    } else if std {
                        // What Go's type has decides (stdapi.rs); gol's own fields of the name
                        // are still found below (gol's library sources use them).
                        let known = self.c.std.is_complete(types, ty);
                        let exported_field =
                            gol_field && name.starts_with(|c: char| c.is_ascii_uppercase());
                        match self.c.std_selector(ty, name) {
                            StdSel::NoSuch if !gol_field => continue,
                            StdSel::Go(e, what) if !(in_iface || gol_field && e.is_field()) => {
                                return Member::NotImplemented(what);
                            }
                            StdSel::NotInApi | StdSel::NoSuch
                                if !(known || in_iface || exported_field) =>
                            {
                                // A method the table does not declare (an incomplete type's
                                // declared interface methods and fields are found below).
                                return Member::Unknown;
                            }
                            _ => {}
                        }
                    }
                }
                match types.get(types.underlying(ty)) {
                    Type::Struct(fields) => {
                        for f in fields {
                            if f.name == name && found.is_none() {
                                found = Some(Member::Field(f.ty));
                            }
                            if f.embedded {
                                let inner = match types.get(f.ty) {
                                    Type::Pointer(p) => *p,
                                    _ => f.ty,
                                };
                                next.push(inner);
                            }
                        }
                    }
                    Type::Interface(i) => {
                        if let Some((_, sig)) = i.methods.iter().find(|(n, _)| n == name) {
                            found = Some(Member::Method(*sig, false));
                        }
                    }
                    Type::Pointer(_) if types.named_info(ty).is_none() => return Member::None,
                    _ => {}
                }
            }
            if let Some(m) = found {
                return m;
            }
            if next.is_empty() {
                return Member::None;
            }
            level = next;
        }
        Member::Unknown
    }

    pub(super) fn index(&mut self, e: &Expr, x: &Expr, is: &[Expr]) -> Operand {
        if let Some(op) = self.generic_index(e, x, is) {
            return op;
        }
        let xo = self.operand(x);
        let iops: Vec<Operand> = is.iter().map(|i| self.operand(i)).collect();
        if let ([i], true) = (is, shallow_known(&self.c.types, &xo)) {
            let arr = match self.c.types.get(self.c.types.underlying(xo.ty)).clone() {
                Type::Array(n, _) => Some(n),
                Type::Pointer(p) => match self.c.types.get(self.c.types.underlying(p)) {
                    Type::Array(n, _) => Some(*n),
                    _ => None,
                },
                _ => None,
            };
            let len = arr.or_else(|| match &xo.mode {
                Mode::Const(super::constant::Value::String(b)) => Some(b.len() as u64),
                _ => None,
            });
            // Maps take any key; slices and strings of unknown length still reject negatives.
            let sequence = matches!(
                self.c.types.get(self.c.types.underlying(xo.ty)),
                Type::Slice(_)
                    | Type::Basic(
                        super::constant::BasicKind::String
                            | super::constant::BasicKind::UntypedString
                    )
            );
            let indexable = len.is_some() || sequence;
            if indexable && !matches!(xo.mode, Mode::Type) && !self.valid_index(i, &iops[0]) {
                return Operand::invalid();
            }
            match len {
                Some(n) => self.check_const_index(i, n),
                None if sequence => self.check_const_index(i, u64::MAX),
                None => {}
            }
        }
        if matches!(xo.mode, Mode::Type) || !shallow_known(&self.c.types, &xo) || is.len() != 1 {
            // Generic instantiation, or unknown.
            return Operand::invalid();
        }
        let types = &self.c.types;
        match types.get(types.underlying(xo.ty)).clone() {
            Type::Basic(k) if k.is_string() => Operand::value(TypeId::UINT8),
            Type::Slice(el) => Operand {
                mode: Mode::Var,
                ty: el,
            },
            Type::Array(_, el) => Operand {
                mode: if matches!(xo.mode, Mode::Var) {
                    Mode::Var
                } else {
                    Mode::Value
                },
                ty: el,
            },
            Type::Pointer(p) => match types.get(types.underlying(p)).clone() {
                Type::Array(_, el) => Operand {
                    mode: Mode::Var,
                    ty: el,
                },
                // The pointee is not described yet (e.g. an array with a constant length).
                Type::Invalid => Operand::invalid(),
                _ => self.cannot_index(e, x, &xo),
            },
            Type::Map(k, v) => {
                self.assign_to(&iops[0], &is[0], k, "map index");
                Operand {
                    mode: Mode::MapIndex,
                    ty: v,
                }
            }
            Type::Interface(_) | Type::Invalid => Operand::invalid(),
            _ => self.cannot_index(e, x, &xo),
        }
    }

    fn cannot_index(&mut self, e: &Expr, x: &Expr, xo: &Operand) -> Operand {
        let d = format!("invalid operation: cannot index {}", self.desc(x, xo));
        self.c.error(codes::OPERATOR, e.span, d);
        Operand::invalid()
    }
}

/// What a selector finds.
enum Member {
    Field(TypeId),
    /// A method's signature, and whether it has a pointer receiver.
    Method(TypeId, bool),
    /// Certainly none.
    None,
    /// Cannot tell (a type not described yet).
    Unknown,
    /// Go's standard type has it and gol does not (`bytes.Buffer.WriteTo`).
    NotImplemented(String),
}

impl Resolver<'_, '_> {
    /// Go's rule for an index or a `make` size: an integer, or an untyped constant that converts
    /// to `int`. Reports `invalid argument: index f (variable of type float64) must be integer`,
    /// `1.5 (untyped float constant) truncated to int`, `cannot convert "ten" (untyped string
    /// constant) to type int`; answers whether the operand passed (unknown operands pass).
    pub(super) fn valid_index(&mut self, i: &Expr, o: &Operand) -> bool {
        use super::constant::{messages, representable, BasicKind};
        if !known(&self.c.types, o) || !o.is_value() {
            return true;
        }
        let Type::Basic(k) = self.c.types.get(self.c.types.underlying(o.ty)).clone() else {
            let d = format!(
                "invalid argument: index {} must be integer",
                self.desc(i, o)
            );
            self.c.error(codes::ASSIGN, i.span, d);
            return false;
        };
        if k.is_integer() || k == BasicKind::UntypedInt || k == BasicKind::UntypedRune {
            if let (true, Mode::Const(v)) = (k.is_untyped(), &o.mode) {
                if let Err(err) = representable(v, BasicKind::Int) {
                    let d = messages::invalid_conversion(&self.desc(i, o), "int", err);
                    self.c.error(codes::CONSTANT, i.span, d);
                    return false;
                }
            }
            return true;
        }
        match (&o.mode, k.is_untyped()) {
            (Mode::Const(v), true) => {
                let err = match (k.is_numeric(), representable(v, BasicKind::Int)) {
                    (_, Ok(_)) => return true,
                    (true, Err(err)) => err,
                    (false, Err(_)) => super::constant::RepError::Invalid,
                };
                let d = messages::invalid_conversion(&self.desc(i, o), "int", err);
                self.c.error(codes::CONSTANT, i.span, d);
                false
            }
            _ => {
                let d = format!(
                    "invalid argument: index {} must be integer",
                    self.desc(i, o)
                );
                self.c.error(codes::ASSIGN, i.span, d);
                false
            }
        }
    }
}

impl Resolver<'_, '_> {
    /// A method expression `T.m` / `(*T).m`: a function taking the receiver first. Errors:
    /// `invalid method expression T.m (needs pointer receiver (*T).m)`, `operand for field
    /// selector x must be value of type T`, `T.m undefined (type T has no field or method m)`.
    fn method_expr(&mut self, e: &Expr, x: &Expr, t: TypeId, sel: &Ident) -> Operand {
        let types = &self.c.types;
        if t == TypeId::INVALID || !super::operand::known_type(types, t) {
            return Operand::invalid();
        }
        let (base, via_pointer) = match types.get(t) {
            Type::Pointer(p) => (*p, true),
            _ => (t, false),
        };
        if via_pointer && matches!(types.get(types.underlying(base)), Type::Interface(_)) {
            return Operand::invalid(); // `(*I).m`: a pointer to an interface has no methods
        }
        let declared_here = types
            .named_info(base)
            .is_some_and(|i| i.methods.iter().any(|m| m.name == sel.name));
        let hide = self.c.user_code(sel.span);
        match self.lookup_member(base, &sel.name, hide) {
            Member::Method(sig, pointer_receiver) => {
                if pointer_receiver && !via_pointer && declared_here {
                    let (tx, m) = (self.text(x), &sel.name);
                    let d = format!(
                        "invalid method expression {tx}.{m} (needs pointer receiver (*{tx}).{m})"
                    );
                    self.c.error(codes::CALL, sel.span, d);
                    return Operand::invalid();
                }
                let Type::Func(s) = self.c.types.get(sig).clone() else {
                    return Operand::invalid();
                };
                let mut params = vec![t];
                params.extend(s.params);
                Operand::value(self.c.types.func(params, s.results, s.variadic))
            }
            Member::Field(_) if self.c.types.named_info(base).is_some() => {
                let d = format!(
                    "operand for field selector {} must be value of type {}",
                    sel.name,
                    self.show(t)
                );
                self.c.error(codes::UNDEFINED, e.span, d);
                Operand::invalid()
            }
            Member::None if self.c.types.named_info(base).is_some() => {
                self.no_member(x, t, sel, "")
            }
            Member::NotImplemented(what) => {
                self.c.limit(e.span, super::stdapi::not_implemented(&what));
                Operand::invalid()
            }
            _ => Operand::invalid(),
        }
    }
}

impl Resolver<'_, '_> {
    /// The operand a standard package's member denotes (a constant, function, type or
    /// variable), if the tables describe it.
    fn std_member(&mut self, path: &str, name: &str) -> Option<Operand> {
        use super::stdpkg::MemberKind;
        if let Some((v, ty)) = self.c.std_const(path, name) {
            return Some(Operand {
                mode: Mode::Const(v),
                ty,
            });
        }
        let m = self.c.std.lookup(&mut self.c.types, path, name)?;
        Some(match m.kind {
            MemberKind::Func => Operand::value(m.ty),
            MemberKind::Type => Operand {
                mode: Mode::Type,
                ty: m.ty,
            },
            MemberKind::Var => Operand {
                mode: Mode::Var,
                ty: m.ty,
            },
        })
    }

    /// A name no scope declares, as a member of a dot-imported package (`import . "strconv"`
    /// makes `Itoa` mean `strconv.Itoa`); recorded in `Info::dot_members` for the compiler.
    pub(super) fn dot_member(&mut self, name: &str, span: crate::span::Span) -> Option<Operand> {
        for p in self.c.dot_paths.clone() {
            if let Some(op) = self.std_member(&p, name) {
                self.c.info.dot_members.insert(name.to_string(), p);
                return Some(op);
            }
        }
        self.c.dot_member_missing(name, span);
        None
    }
}

/// Go's exported identifiers start with an upper-case letter.
fn is_exported(name: &str) -> bool {
    name.chars().next().is_some_and(char::is_uppercase)
}
