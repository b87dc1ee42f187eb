//! CHECKER: type expressions → `TypeId`s. Input: an AST expression in a type position. Output:
//! the type it denotes (or `INVALID` after reporting Go's error). `direct` says whether the type
//! is contained by value in the declaration being resolved (struct fields, array elements,
//! embedded interfaces): only such references can make a type invalidly recursive; pointers,
//! slices, maps, channels and functions break the cycle.

use super::check::{codes, Checker};
use super::constant::Value;
use super::scope::ObjKind;
use super::ty::{Field, Type, TypeId};
use crate::ast::{self, Expr, ExprKind, FuncType, LitKind};
use crate::span::Span;

impl Checker<'_> {
    /// The type `e` denotes (recorded for the compiler in `Info::exprs`).
    pub(super) fn type_expr(&mut self, e: &Expr, direct: bool) -> TypeId {
        let t = self.type_expr_of(e, direct);
        self.info.record(e, t, &super::operand::Mode::Type);
        t
    }

    fn type_expr_of(&mut self, e: &Expr, direct: bool) -> TypeId {
        match &e.kind {
            ExprKind::Ident(name) => {
                if let Some(r) = self.local_ref(name) {
                    // Local names were resolved (and reported) by the resolver.
                    return match *r {
                        super::check::LocalRef::Type(t) => {
                            if let Some((cur, cyclic)) = &mut self.resolving_local {
                                if *cur == t && direct {
                                    *cyclic = true;
                                }
                            }
                            t
                        }
                        _ => TypeId::INVALID,
                    };
                }
                self.type_name(name, e, direct)
            }
            ExprKind::Selector(x, sel) => {
                if let ExprKind::Ident(pkg) = &x.kind {
                    if self.local_ref(pkg).is_some() {
                        return TypeId::INVALID;
                    }
                    if let Some(path) = self.package_path(pkg) {
                        if let Some(t) = self.std_type_name(e, pkg, &path, sel) {
                            return t; // a standard package (stdapi.rs)
                        }
                        if !sel.name.starts_with(|c: char| c.is_uppercase()) {
                            // Only exported names are visible outside a package.
                            let d = format!("undefined: {pkg}.{}", sel.name);
                            self.error(codes::UNDEFINED, sel.span, d);
                            return TypeId::INVALID;
                        }
                        return self.foreign_type(&path, &sel.name);
                    }
                    if self.lookup(pkg).is_none() {
                        self.error(codes::UNDEFINED, x.span, format!("undefined: {pkg}"));
                        return TypeId::INVALID;
                    }
                }
                self.not_a_type(e)
            }
            ExprKind::Paren(x) => self.type_expr(x, direct),
            ExprKind::Star(x) => {
                let t = self.type_expr(x, false);
                self.check_var_type(x);
                self.types.pointer(t)
            }
            ExprKind::ArrayType { len: None, elem } => {
                let t = self.type_expr(elem, false);
                self.check_var_type(elem);
                self.types.slice(t)
            }
            ExprKind::ArrayType { len: Some(n), elem } => {
                let t = self.type_expr(elem, direct);
                self.check_var_type(elem);
                let len = array_len(n).or_else(|| {
                    let c = self.const_expr(n, None, &|_| false)?;
                    self.types
                        .basic_kind(c.ty)
                        .filter(|k| k.is_integer() || self.types.is_untyped(c.ty))?;
                    c.value.to_int()?.to_u64()
                });
                match len {
                    Some(len) => {
                        let a = self.types.array(len, t);
                        // Go's compiler refuses arrays of 2^50 bytes or more (its MaxWidth on
                        // 64-bit targets): `type [1 << 62]int64 larger than address space`.
                        const MAX_WIDTH: u64 = 1 << 50;
                        if let Some((es, _)) = self.types.go_size_align(t) {
                            if es != 0 && len > (MAX_WIDTH - 1) / es {
                                // The element as written (`byte`, not `uint8`), as Go prints it.
                                let el = match &elem.kind {
                                    ExprKind::Ident(_) | ExprKind::Selector(..) => {
                                        self.source_text(elem)
                                    }
                                    _ => self.types.display(t, super::operand::COMPILER),
                                };
                                let shown = format!("[{len}]{el}");
                                self.error(
                                    codes::CONSTANT,
                                    e.span,
                                    format!("type {shown} larger than address space"),
                                );
                                return TypeId::INVALID;
                            }
                        }
                        a
                    }
                    // Not a constant this phase can evaluate: unknown, never an error here.
                    None => TypeId::INVALID,
                }
            }
            ExprKind::MapType(k, v) => {
                let kt = self.type_expr(k, false);
                let vt = self.type_expr(v, false);
                self.check_var_type(k);
                self.check_var_type(v);
                self.note_map_key(kt, k.span);
                self.types.map(kt, vt)
            }
            ExprKind::ChanType(dir, elem) => {
                let t = self.type_expr(elem, false);
                self.check_var_type(elem);
                self.types.chan(*dir, t)
            }
            ExprKind::FuncType(ft) => self.signature(ft),
            ExprKind::StructType(fields) => self.struct_type(fields, direct),
            ExprKind::InterfaceType(elems) => self.interface_type(elems),
            // An instance of a generic type (generic.rs).
            ExprKind::Index(x, args) => match &x.kind {
                ExprKind::Ident(n) if self.local_ref(n).is_none() && self.is_generic_type(n) => {
                    let targs = args.iter().map(|a| self.type_expr(a, false)).collect();
                    let spans: Vec<Span> = args.iter().map(|a| a.span).collect();
                    self.instantiate_type(n, targs, e.span, &spans)
                }
                ExprKind::Ident(n) if self.local_ref(n).is_none() && self.lookup(n).is_some() => {
                    let _ = self.type_expr(x, false);
                    let msg = format!("{n} is not a generic type");
                    self.error(codes::NOT_A_TYPE, x.span, msg);
                    TypeId::INVALID
                }
                _ => TypeId::INVALID,
            },
            ExprKind::Bad => TypeId::INVALID,
            _ => self.not_a_type(e),
        }
    }

    fn type_name(&mut self, name: &str, e: &Expr, direct: bool) -> TypeId {
        match self.lookup(name).map(|o| o.kind.clone()) {
            Some(ObjKind::TypeName { .. }) if self.is_generic_type(name) => {
                let spec = self.decls[name].spec;
                let params = self.source_slice(Span::new(
                    spec.tparams.first().map_or(0, |f| f.span.lo as usize),
                    spec.tparams.last().map_or(0, |f| f.span.hi as usize),
                ));
                let msg = format!("cannot use generic type {name}[{params}] without instantiation");
                self.error(codes::NOT_A_TYPE, e.span, msg);
                TypeId::INVALID
            }
            Some(ObjKind::TypeName { .. }) => {
                if direct || self.is_alias(name) {
                    // An alias must be resolved to know what it names; a by-value use must be
                    // resolved to find cycles.
                    self.direct_ref(name, e.span);
                }
                match self.lookup(name).map(|o| o.kind.clone()) {
                    Some(ObjKind::TypeName { ty }) => ty,
                    _ => TypeId::INVALID,
                }
            }
            Some(ObjKind::Builtin(_)) => {
                let text = self.source_text(e);
                let d = format!("{text} (built-in function) is not a type");
                self.error(codes::NOT_A_TYPE, e.span, d);
                TypeId::INVALID
            }
            // A linked package's member (`unicode.L`): described from Go's API table.
            Some(_) if name.contains('.') => self.not_a_type(e),
            Some(k) => {
                let d = format!("{name} ({}) is not a type", k.go_kind());
                self.error(codes::NOT_A_TYPE, e.span, d);
                TypeId::INVALID
            }
            // A type of a dot-imported package (`import . "strings"`; `Builder`).
            None if self
                .dot_paths
                .iter()
                .any(|p| self.std.named_in(p, name).is_some()) =>
            {
                self.dot_paths
                    .iter()
                    .find_map(|p| self.std.named_in(p, name))
                    .unwrap_or(TypeId::INVALID)
            }
            None => {
                if !self.source_member_missing(name, e.span) {
                    self.error(codes::UNDEFINED, e.span, format!("undefined: {name}"));
                }
                TypeId::INVALID
            }
        }
    }

    fn not_a_type(&mut self, e: &Expr) -> TypeId {
        let text = &self.source_text(e);
        // A member of a package written in gol (`unicode.L`, linked as a qualified name) is
        // described as Go describes it, from Go's API table.
        let desc = text.split_once('.').and_then(|(pkg, name)| {
            let api = crate::stdlib::api::api();
            api.packages()
                .filter(|p| p.name == pkg && !p.internal)
                .find_map(|p| p.member(name))
                .map(|m| m.operand_desc())
        });
        let msg = match desc {
            Some(d) => format!("{text} ({d}) is not a type"),
            None => format!("{text} is not a type"),
        };
        self.error(codes::NOT_A_TYPE, e.span, msg);
        TypeId::INVALID
    }

    /// A function type: parameter names are checked for duplicates but are not part of the type.
    pub(super) fn signature(&mut self, ft: &FuncType) -> TypeId {
        let mut names: Vec<&ast::Ident> = Vec::new();
        let mut params = Vec::new();
        let mut variadic = false;
        for f in &ft.params {
            let t = match &f.ty.kind {
                ExprKind::Ellipsis(Some(elem)) => {
                    variadic = true;
                    let e = self.type_expr(elem, false);
                    self.check_var_type(elem);
                    self.types.slice(e)
                }
                _ => {
                    let t = self.type_expr(&f.ty, false);
                    self.check_var_type(&f.ty);
                    t
                }
            };
            params.extend(std::iter::repeat_n(t, f.names.len().max(1)));
            names.extend(f.names.iter());
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let t = self.type_expr(&f.ty, false);
            self.check_var_type(&f.ty);
            results.extend(std::iter::repeat_n(t, f.names.len().max(1)));
            names.extend(f.names.iter());
        }
        // Parameters and results share the function's outermost scope.
        for (i, n) in names.iter().enumerate() {
            if n.name != "_" {
                if let Some(prev) = names[..i].iter().find(|p| p.name == n.name) {
                    let prev = prev.span;
                    let d = self.error(
                        codes::REDECLARED,
                        n.span,
                        format!("{} redeclared in this block", n.name),
                    );
                    d.labels.push(crate::diag::Label {
                        span: prev,
                        message: format!("other declaration of {}", n.name),
                    });
                }
            }
        }
        self.types.func(params, results, variadic)
    }

    fn struct_type(&mut self, fields: &[ast::Field], direct: bool) -> TypeId {
        let mut out = Vec::new();
        for f in fields {
            let ty = self.type_expr(&f.ty, direct);
            self.check_var_type(&f.ty);
            let tag = f.tag.clone().unwrap_or_default();
            if f.names.is_empty() {
                // An embedded field is named after its type: `T`, `*T`, `pkg.T`.
                let mut base = &f.ty;
                while let ExprKind::Star(x) | ExprKind::Paren(x) = &base.kind {
                    base = x;
                }
                if let ExprKind::Index(x, _) = &base.kind {
                    base = x;
                }
                let name = match &base.kind {
                    // (A linked package's own type is spelled `sort.Interface`: link.rs.)
                    ExprKind::Ident(n) => n.rsplit('.').next().unwrap_or(n).to_string(),
                    ExprKind::Selector(_, s) => s.name.clone(),
                    _ => String::new(),
                };
                out.push(Field {
                    name,
                    ty,
                    embedded: true,
                    tag,
                });
            } else {
                for n in &f.names {
                    out.push(Field {
                        name: n.name.clone(),
                        ty,
                        embedded: false,
                        tag: tag.clone(),
                    });
                }
            }
        }
        self.types.strukt(out)
    }

    fn interface_type(&mut self, elems: &[ast::Field]) -> TypeId {
        let mut methods = Vec::new();
        let mut unknown = false;
        for el in elems {
            match (&el.names[..], &el.ty.kind) {
                ([name], ExprKind::FuncType(ft)) => {
                    let sig = self.signature(ft);
                    methods.push((name.name.clone(), sig));
                }
                // Type-set terms (`~int | string`) belong to constraints: the generics phase.
                (_, ExprKind::Binary(..) | ExprKind::Unary(ast::UnOp::Tilde, _)) => {}
                _ => {
                    let t = self.type_expr(&el.ty, true);
                    match self.types.get(self.types.underlying(t)) {
                        Type::Interface(i) => methods.extend(i.methods.iter().cloned()),
                        // An embedded interface not described yet: the method set is unknown,
                        // so the whole interface is.
                        _ => unknown = true,
                    }
                }
            }
        }
        if unknown {
            return TypeId::INVALID;
        }
        self.types.interface(methods, false)
    }

    fn is_alias(&self, name: &str) -> bool {
        self.alias_decl(name)
    }

    pub(super) fn source_text(&self, e: &Expr) -> String {
        self.source_slice(e.span).to_string()
    }
}

/// A literal array length (constant expressions come with the expression phase).
fn array_len(n: &Expr) -> Option<u64> {
    match &n.kind {
        ExprKind::BasicLit(LitKind::Int, raw) => Value::from_literal(LitKind::Int, raw)?.to_u64(),
        ExprKind::Paren(x) => array_len(x),
        _ => None,
    }
}
