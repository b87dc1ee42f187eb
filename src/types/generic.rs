//! CHECKER: generics, by instantiation. Input: generic function and type declarations and the
//! places that use them (calls `F(x)`, explicit instantiations `F[int]`, types `Stack[string]`).
//! Output: one instance per distinct list of type arguments — a named type with its methods, or
//! a function with its concrete signature — plus, for each function and method instance, a clone
//! of its declaration queued to be checked with the type parameters bound to the arguments
//! (`Info::instances`). The compiler then sees ordinary, fully typed functions
//! (monomorphization). Also: type-argument inference from call arguments and from constraints'
//! core types, and constraint satisfaction, with Go's messages.
//!
//! Invariants: an instance is identified by (declaration name, type arguments); `TypeId`s are
//! canonical, so equal lists mean identical instances. A generic body is checked only through
//! its instances (an uninstantiated generic function's type errors go unreported).

use super::check::{codes, Checker, LocalRef};
use super::info::Instance;
use super::operand::{Mode, Operand};
use super::resolve::{LocalKind, Resolver};
use super::ty::{Method, Spelling, Type, TypeId};
use crate::ast::*;
use crate::span::Span;
use std::sync::Arc;

/// More instances than this means an instantiation cycle (`F[T]` calling `F[[]T]`).
const MAX_INSTANCES: usize = 2000;

/// The names a type parameter list declares, in order.
pub(super) fn tparam_names(tparams: &[Field]) -> Vec<String> {
    tparams
        .iter()
        .flat_map(|f| f.names.iter().map(|n| n.name.clone()))
        .collect()
}

/// The constraint of each type parameter, in order.
fn tparam_constraints(tparams: &[Field]) -> Vec<&Expr> {
    tparams
        .iter()
        .flat_map(|f| f.names.iter().map(move |_| &f.ty))
        .collect()
}

/// The receiver's type parameter names (`func (s *Stack[K]) ...` → `[K]`) and whether it is a
/// pointer receiver.
fn recv_params(t: &Expr) -> (Vec<String>, bool) {
    match &t.kind {
        ExprKind::Star(x) => (recv_params(x).0, true),
        ExprKind::Paren(x) => recv_params(x),
        ExprKind::Index(_, args) => (
            args.iter()
                .map(|a| match &a.kind {
                    ExprKind::Ident(n) => n.clone(),
                    _ => "_".into(),
                })
                .collect(),
            false,
        ),
        _ => (vec![], false),
    }
}

/// The base type name of a receiver (`*Stack[T]` → `Stack`).
pub(super) fn recv_base(t: &Expr) -> Option<&str> {
    match &t.kind {
        ExprKind::Star(x) | ExprKind::Paren(x) => recv_base(x),
        ExprKind::Index(x, _) => recv_base(x),
        ExprKind::Ident(n) => Some(n),
        _ => None,
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}

/// The terms of a union (`~int | ~float64 | string`).
fn union_terms<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match &e.kind {
        ExprKind::Binary(BinOp::Or, a, b) => {
            union_terms(a, out);
            union_terms(b, out);
        }
        ExprKind::Paren(x) => union_terms(x, out),
        _ => out.push(e),
    }
}

impl<'a> Checker<'a> {
    /// Enters generic functions and methods of generic types (called while collecting).
    pub(super) fn collect_generic(&mut self, f: &'a FuncDecl) {
        match &f.recv {
            None if !f.tparams.is_empty() => {
                self.generic_funcs.insert(f.name.name.clone(), f);
            }
            Some(r) if matches!(strip(&r.ty).kind, ExprKind::Index(..)) => {
                if let Some(base) = recv_base(&r.ty) {
                    self.generic_methods
                        .entry(base.to_string())
                        .or_default()
                        .push(f);
                }
            }
            _ => {}
        }
    }

    pub(super) fn is_generic_type(&self, name: &str) -> bool {
        self.decls
            .get(name)
            .is_some_and(|d| !d.spec.tparams.is_empty())
    }

    /// Runs `f` with only `bindings` visible as local names (type parameters bound to types):
    /// a generic declaration sees its package, never the function that instantiates it.
    pub(super) fn with_bindings<R>(
        &mut self,
        bindings: &[(String, TypeId)],
        f: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let scope = bindings
            .iter()
            .map(|(n, t)| (n.clone(), LocalRef::Type(*t)))
            .collect();
        let scopes = std::mem::replace(&mut self.local_scopes, vec![scope]);
        let resolving = self.resolving_local.take();
        let path = std::mem::take(&mut self.path);
        let r = f(self);
        self.local_scopes = scopes;
        self.resolving_local = resolving;
        self.path = path;
        r
    }

    /// Type arguments as `%T` spells them inside an instance's name (`Pair[string,main.P]`).
    fn targs_text(&self, targs: &[TypeId]) -> String {
        targs
            .iter()
            .map(|t| self.types.display(*t, Spelling::Reflect))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The instance of generic function `name` for `targs`: its compiler key and signature.
    /// `at` holds, per type parameter, where a constraint violation is reported.
    pub(super) fn instantiate_func(
        &mut self,
        name: &str,
        targs: Vec<TypeId>,
        at: &[Span],
    ) -> Option<(String, TypeId)> {
        let decl: &'a FuncDecl = self.generic_funcs.get(name)?;
        if targs.contains(&TypeId::INVALID) || targs.iter().any(|t| self.types.mentions_tparam(*t))
        {
            return None;
        }
        let key = (name.to_string(), targs.clone());
        if let Some(&i) = self.func_insts.get(&key) {
            let inst = &self.info.instances[i];
            return Some((inst.key.clone(), inst.sig));
        }
        let names = tparam_names(&decl.tparams);
        let bindings: Vec<(String, TypeId)> =
            names.into_iter().zip(targs.iter().copied()).collect();
        if !self.check_constraints(&decl.tparams, &bindings, at) || !self.room_for_instance(at) {
            return None;
        }
        let sig = self.with_bindings(&bindings, |c| c.signature(&decl.sig));
        let inst = Instance {
            key: format!("{name}[{}]", self.targs_text(&targs)),
            trace_name: if name.contains('.') {
                format!("{name}[...]")
            } else {
                format!("main.{name}[...]")
            },
            decl: Arc::new(decl.clone()),
            bindings,
            recv: None,
            sig,
        };
        let k = inst.key.clone();
        self.func_insts.insert(key, self.info.instances.len());
        self.info.instances.push(inst);
        Some((k, sig))
    }

    fn room_for_instance(&mut self, at: &[Span]) -> bool {
        if self.info.instances.len() < MAX_INSTANCES {
            return true;
        }
        if !self.inst_overflow {
            self.inst_overflow = true;
            let span = at.first().copied().unwrap_or_default();
            self.error(codes::CALL, span, "instantiation cycle");
        }
        false
    }

    /// The instance of generic type `name` for `targs` (a new named type with its methods, or
    /// for a generic alias the type it stands for).
    /// `arg_spans`: where each type argument is written (a constraint violation is reported
    /// there), or empty to report at `at`.
    pub(super) fn instantiate_type(
        &mut self,
        name: &str,
        targs: Vec<TypeId>,
        at: Span,
        arg_spans: &[Span],
    ) -> TypeId {
        let Some(spec) = self.decls.get(name).map(|d| d.spec) else {
            return TypeId::INVALID;
        };
        let names = tparam_names(&spec.tparams);
        if targs.len() != names.len() {
            let (what, n) = if targs.len() < names.len() {
                ("not enough", targs.len())
            } else {
                ("too many", targs.len())
            };
            let msg = format!(
                "{what} type arguments for type {name}: have {n}, want {}",
                names.len()
            );
            self.error(codes::CALL, at, msg);
            return TypeId::INVALID;
        }
        if targs.contains(&TypeId::INVALID) || targs.iter().any(|t| self.types.mentions_tparam(*t))
        {
            self.tparam_args_satisfy(&spec.tparams, &targs, arg_spans);
            return TypeId::INVALID;
        }
        let key = (name.to_string(), targs.clone());
        if let Some(&t) = self.type_insts.get(&key) {
            return t;
        }
        // A method body making a bigger instance of its own type (`Pair[B, *A]` in a method of
        // `Pair[A, B]`) would otherwise instantiate forever.
        if !self.room_for_instance(&[at]) {
            return TypeId::INVALID;
        }
        let bindings: Vec<(String, TypeId)> =
            names.into_iter().zip(targs.iter().copied()).collect();
        let spans = if arg_spans.len() == bindings.len() {
            arg_spans.to_vec()
        } else {
            vec![at; bindings.len()]
        };
        if !self.check_constraints(&spec.tparams, &bindings, &spans) {
            return TypeId::INVALID;
        }
        if spec.alias {
            let t = self.with_bindings(&bindings, |c| c.type_expr(&spec.ty, false));
            self.type_insts.insert(key, t);
            return t;
        }
        let shown = format!("{name}[{}]", self.targs_text(&targs));
        let t = self.types.new_named(&shown, "main");
        self.type_insts.insert(key, t);
        self.inst_args.insert(t, (name.to_string(), targs.clone()));
        self.info.inst_types.push(t);
        let u = self.with_bindings(&bindings, |c| c.type_expr(&spec.ty, false));
        self.types.set_underlying(t, u);
        let methods = self.generic_methods.get(name).cloned().unwrap_or_default();
        for m in methods {
            let Some(recv) = &m.recv else { continue };
            let (rnames, ptr) = recv_params(&recv.ty);
            let mb: Vec<(String, TypeId)> = rnames
                .into_iter()
                .zip(targs.iter().copied())
                .filter(|(n, _)| n != "_")
                .collect();
            let sig = self.with_bindings(&mb, |c| c.signature(&m.sig));
            if m.name.name == "_" {
                continue;
            }
            self.types.add_method(
                t,
                Method {
                    name: m.name.name.clone(),
                    sig,
                    pointer_receiver: ptr,
                },
            );
            let recv_t = if ptr { self.types.pointer(t) } else { t };
            // A linked package's type is already qualified (`atomic.Pointer`).
            let (pkg, tn) = name.split_once('.').unwrap_or(("main", name));
            let trace_name = if ptr {
                format!("{pkg}.(*{tn}[...]).{}", m.name.name)
            } else {
                format!("{pkg}.{tn}[...].{}", m.name.name)
            };
            self.info.instances.push(Instance {
                key: format!("{shown}.{}", m.name.name),
                trace_name,
                decl: Arc::new(m.clone()),
                bindings: mb,
                recv: Some(recv_t),
                sig,
            });
        }
        t
    }

    /// Go's inference checks the type arguments it has from typed arguments against their
    /// constraints' methods and core terms before untyped constants get their default types;
    /// a failure there is reported as `T (type P) does not satisfy C (cause)` (the caller adds
    /// `in call to F, `). Other violations are found when the instance is made.
    fn inference_violation(
        &mut self,
        tparams: &[Field],
        names: &[String],
        b: &[Option<TypeId>],
    ) -> Option<(usize, String)> {
        let known: Vec<(String, TypeId)> = names
            .iter()
            .zip(b)
            .filter_map(|(n, t)| t.map(|t| (n.clone(), t)))
            .collect();
        for (i, c) in tparam_constraints(tparams).into_iter().enumerate() {
            let Some(t) = b[i] else { continue };
            if t == TypeId::INVALID || self.types.mentions_tparam(t) {
                continue;
            }
            let mut unbound = false;
            walk_names(c, &mut |n| {
                if let Some(j) = names.iter().position(|m| m == n) {
                    unbound |= b[j].is_none();
                }
            });
            let has_core = self.core_term(c).is_some() || self.named_core_term(c);
            let msg = if unbound {
                // The core term's other parameters were not inferred: `t` did not unify with it.
                if !has_core {
                    continue;
                }
                String::new()
            } else {
                match self.with_bindings(&known, |ch| ch.satisfies(t, c)) {
                    Ok(()) => continue,
                    Err(msg) => msg,
                }
            };
            let cause = ["(missing method ", "(method ", "(wrong type for method "]
                .iter()
                .find_map(|p| msg.find(p).map(|at| &msg[at..]));
            if cause.is_none() && !has_core {
                continue;
            }
            let shown = self.types.display(t, super::operand::COMPILER);
            let text = self.source_slice(c.span).to_string();
            let tail = cause.map(|c| format!(" {c}")).unwrap_or_default();
            return Some((
                i,
                format!("{} (type {shown}) does not satisfy {text}{tail}", names[i]),
            ));
        }
        None
    }

    /// Whether `c` names a (non-generic) constraint interface with a single structural term.
    fn named_core_term(&self, c: &Expr) -> bool {
        let ExprKind::Ident(n) = &c.kind else {
            return false;
        };
        self.local_ref(n).is_none()
            && self
                .decls
                .get(n.as_str())
                .is_some_and(|d| d.spec.tparams.is_empty() && self.core_term(&d.spec.ty).is_some())
    }

    /// Inside a generic declaration, a type parameter `P` (with a methods-only constraint) as a
    /// type argument satisfies a constraint only if every type `P` admits does: a constraint
    /// with type terms or `comparable` never, a methods-only one if `P` has its methods. Go:
    /// `T does not satisfy comparable` for `Set[T]` with `T any`. (A parameter whose own
    /// constraint has type terms is not described here, so it is not checked.)
    fn tparam_args_satisfy(&mut self, tparams: &[Field], targs: &[TypeId], spans: &[Span]) {
        for (i, c) in tparam_constraints(tparams).into_iter().enumerate() {
            let (Some(&t), Some(&at)) = (targs.get(i), spans.get(i)) else {
                break;
            };
            let is_param = self.types.named_info(t).is_some_and(|n| n.tparam.is_some());
            if !is_param {
                continue;
            }
            let shown = self.types.display(t, super::operand::COMPILER);
            let text = self.source_slice(c.span).to_string();
            let msg = match &c.kind {
                ExprKind::Ident(n) if n == "any" && self.local_ref(n).is_none() => None,
                ExprKind::Ident(n) if n == "comparable" && self.local_ref(n).is_none() => {
                    (!self.comparable_tparams.contains(&t))
                        .then(|| format!("{shown} does not satisfy comparable"))
                }
                _ if !self.methods_only(c, 0) => Some(format!("{shown} does not satisfy {text}")),
                _ => None,
            };
            if let Some(msg) = msg {
                self.error(codes::CALL, at, msg);
                return;
            }
        }
    }

    /// A type parameter's constraint that instantiates a generic constraint (`PT Setter[T]`):
    /// its type parameter arguments must satisfy that constraint's (`tparam_args_satisfy`).
    pub(super) fn check_constraint_instance(&mut self, c: &Expr) {
        let ExprKind::Index(g, args) = &c.kind else {
            return;
        };
        let ExprKind::Ident(n) = &g.kind else {
            return;
        };
        if self.local_ref(n).is_some() || !self.is_generic_type(n) {
            return;
        }
        let Some(spec) = self.decls.get(n.as_str()).map(|d| d.spec) else {
            return;
        };
        let before = self.diags.len();
        let targs: Vec<TypeId> = args.iter().map(|a| self.type_expr(a, false)).collect();
        self.diags.truncate(before);
        let spans: Vec<Span> = args.iter().map(|a| a.span).collect();
        if targs.len() == tparam_names(&spec.tparams).len() {
            self.tparam_args_satisfy(&spec.tparams, &targs, &spans);
        }
    }

    /// Whether every type argument satisfies its constraint (reporting the first that does not).
    fn check_constraints(
        &mut self,
        tparams: &[Field],
        b: &[(String, TypeId)],
        at: &[Span],
    ) -> bool {
        for (i, c) in tparam_constraints(tparams).into_iter().enumerate() {
            let Some(&(_, t)) = b.get(i) else { break };
            if let Err(msg) = self.with_bindings(b, |ch| ch.satisfies(t, c)) {
                let span = at.get(i).or(at.first()).copied().unwrap_or_default();
                self.error(codes::CALL, span, msg);
                return false;
            }
        }
        true
    }

    /// Whether `t` satisfies the constraint written `c`; the error is Go's message.
    fn satisfies(&mut self, t: TypeId, c: &Expr) -> Result<(), String> {
        let shown = self.types.display(t, super::operand::COMPILER);
        match &c.kind {
            ExprKind::Paren(x) => self.satisfies(t, x),
            ExprKind::Ident(n)
                if self.local_ref(n).is_none() && n == "any" && !self.decls.contains_key(n) =>
            {
                Ok(())
            }
            ExprKind::Ident(n)
                if self.local_ref(n).is_none()
                    && n == "comparable"
                    && !self.decls.contains_key(n) =>
            {
                if self.types.comparable(t) {
                    Ok(())
                } else {
                    Err(format!("{shown} does not satisfy comparable"))
                }
            }
            ExprKind::Ident(n)
                if self.local_ref(n).is_none()
                    && self.decls.get(n).is_some_and(|d| d.spec.tparams.is_empty()) =>
            {
                let spec = self.decls[n.as_str()].spec;
                match &spec.ty.kind {
                    ExprKind::InterfaceType(elems) => self.satisfies_iface(t, elems, n),
                    _ => self.satisfies_type(t, c, n),
                }
            }
            ExprKind::InterfaceType(elems) => {
                let text = self.source_slice(c.span).to_string();
                self.satisfies_iface(t, elems, &text)
            }
            // An instance of a generic constraint (`Setter[T]`): its elements, with its own
            // parameters bound to the arguments.
            ExprKind::Index(g, args) if matches!(&g.kind, ExprKind::Ident(n) if self.local_ref(n).is_none() && self.is_generic_type(n)) =>
            {
                let ExprKind::Ident(n) = &g.kind else {
                    return Ok(());
                };
                let spec = self.decls[n.as_str()].spec;
                let ExprKind::InterfaceType(elems) = &spec.ty.kind else {
                    return self.satisfies_type(t, c, n);
                };
                let targs: Vec<TypeId> = args.iter().map(|a| self.type_expr(a, false)).collect();
                let b: Vec<(String, TypeId)> =
                    tparam_names(&spec.tparams).into_iter().zip(targs).collect();
                let text = self.source_slice(c.span).to_string();
                self.with_bindings(&b, |ch| ch.satisfies_iface(t, elems, &text))
            }
            ExprKind::Selector(x, sel)
                if matches!(&x.kind, ExprKind::Ident(p) if p == "cmp") && sel.name == "Ordered" =>
            {
                let ordered = matches!(self.types.get(self.types.underlying(t)), Type::Basic(k) if k.is_integer() || k.is_float() || k.is_string());
                if ordered {
                    Ok(())
                } else {
                    Err(format!("{shown} does not satisfy cmp.Ordered ({shown} missing in ~int | ~int8 | ~int16 | ~int32 | ~int64 | ~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 | ~uintptr | ~float32 | ~float64 | ~string)"))
                }
            }
            ExprKind::Binary(BinOp::Or, ..) | ExprKind::Unary(UnOp::Tilde, _) => {
                let text = self.source_slice(c.span).to_string();
                self.satisfies_terms(t, &[c], &text, &text)
            }
            _ => {
                let text = self.source_slice(c.span).to_string();
                self.satisfies_type(t, c, &text)
            }
        }
    }

    /// A constraint written as a type: an interface to implement, or a single exact term.
    fn satisfies_type(&mut self, t: TypeId, c: &Expr, name: &str) -> Result<(), String> {
        let ct = self.type_expr(c, false);
        if ct == TypeId::INVALID {
            return Ok(());
        }
        if self.types.is_interface(ct) {
            return match super::iface::implements(&self.types, t, ct) {
                super::iface::Implements::No(why) => {
                    let shown = self.types.display(t, super::operand::COMPILER);
                    Err(format!("{shown} does not satisfy {name} {why}"))
                }
                _ => Ok(()),
            };
        }
        let text = self.source_slice(c.span).to_string();
        self.satisfies_terms(t, &[c], name, &text)
    }

    fn satisfies_iface(&mut self, t: TypeId, elems: &[Field], name: &str) -> Result<(), String> {
        let shown = self.types.display(t, super::operand::COMPILER);
        for el in elems {
            if let ([m], ExprKind::FuncType(_)) = (&el.names[..], &el.ty.kind) {
                if !self.has_method(t, &m.name) {
                    let pointer_has = !matches!(self.types.get(t), Type::Pointer(_))
                        && self.types.named_info(t).is_some_and(|n| {
                            n.methods
                                .iter()
                                .any(|x| x.name == m.name && x.pointer_receiver)
                        });
                    if pointer_has {
                        return Err(format!(
                            "{shown} does not satisfy {name} (method {} has pointer receiver)",
                            m.name
                        ));
                    }
                    return Err(format!(
                        "{shown} does not satisfy {name} (missing method {})",
                        m.name
                    ));
                }
                // The signature must match too (`wrong type for method Len`).
                let sig = self.type_expr(&el.ty, false);
                if sig != TypeId::INVALID {
                    let want = [(m.name.clone(), sig)];
                    if let super::iface::Implements::No(why) =
                        super::iface::has_methods(&self.types, t, &want)
                    {
                        return Err(format!("{shown} does not satisfy {name} {why}"));
                    }
                }
                continue;
            }
            let mut terms = Vec::new();
            union_terms(&el.ty, &mut terms);
            if terms.len() == 1 && !matches!(terms[0].kind, ExprKind::Unary(UnOp::Tilde, _)) {
                // An embedded interface, or a single exact type.
                let text = self.source_slice(el.ty.span).to_string();
                match self.satisfies(t, &el.ty) {
                    Err(e) if e.contains("missing in") => {
                        return Err(format!(
                            "{shown} does not satisfy {name} ({shown} missing in {text})"
                        ))
                    }
                    Err(e) => {
                        return Err(e.replacen(
                            &format!("does not satisfy {text}"),
                            &format!("does not satisfy {name}"),
                            1,
                        ))
                    }
                    Ok(()) => continue,
                }
            }
            let text = self.source_slice(el.ty.span).to_string();
            self.satisfies_terms(t, &terms, name, &text)?;
        }
        Ok(())
    }

    fn satisfies_terms(
        &mut self,
        t: TypeId,
        terms: &[&Expr],
        name: &str,
        text: &str,
    ) -> Result<(), String> {
        let mut flat = Vec::new();
        for term in terms {
            union_terms(term, &mut flat);
        }
        for term in flat {
            let (tilde, x) = match &term.kind {
                ExprKind::Unary(UnOp::Tilde, x) => (true, x.as_ref()),
                _ => (false, term),
            };
            let xt = self.type_expr(x, false);
            if xt == TypeId::INVALID {
                return Ok(());
            }
            if self.types.is_interface(xt) && !tilde {
                if self.satisfies(t, x).is_ok() {
                    return Ok(());
                }
                continue;
            }
            let hit = if tilde {
                self.types.underlying(t) == self.types.underlying(xt)
            } else {
                t == xt
            };
            if hit {
                return Ok(());
            }
        }
        let shown = self.types.display(t, super::operand::COMPILER);
        Err(format!(
            "{shown} does not satisfy {name} ({shown} missing in {text})"
        ))
    }

    /// Whether `t`'s method set has `name` (a pointer to a named type has all its methods).
    fn has_method(&self, t: TypeId, name: &str) -> bool {
        if let Type::Interface(i) = self.types.get(self.types.underlying(t)) {
            return i.methods.iter().any(|(n, _)| n == name);
        }
        let (base, ptr) = match self.types.get(t) {
            Type::Pointer(p) => (*p, true),
            _ => (t, false),
        };
        if let Some(n) = self.types.named_info(base) {
            if n.methods
                .iter()
                .any(|m| m.name == name && (ptr || !m.pointer_receiver))
            {
                return true;
            }
        }
        // Promoted methods: through embedded fields, shallowly.
        if let Type::Struct(fields) = self.types.get(self.types.underlying(base)) {
            return fields
                .iter()
                .filter(|f| f.embedded)
                .any(|f| self.has_method(f.ty, name));
        }
        false
    }

    /// Unifies parameter type pattern `pat` (mentioning type parameters `names`) with argument
    /// type `t`, binding what it finds. Inexact, as Go's inference is: a structural pattern
    /// matches a named type through its underlying type.
    pub(super) fn unify(
        &mut self,
        pat: &Expr,
        t: TypeId,
        names: &[String],
        b: &mut [Option<TypeId>],
    ) {
        if t == TypeId::INVALID {
            return;
        }
        let u = self.types.underlying(t);
        match (&pat.kind, self.types.get(u).clone()) {
            (ExprKind::Paren(x), _) => self.unify(x, t, names, b),
            (ExprKind::Ident(n), _) => {
                if let Some(i) = names.iter().position(|m| m == n) {
                    if b[i].is_none() {
                        b[i] = Some(t);
                    }
                }
            }
            (ExprKind::Star(x), Type::Pointer(p)) => self.unify(x, p, names, b),
            (ExprKind::ArrayType { len: None, elem }, Type::Slice(e)) => {
                self.unify(elem, e, names, b)
            }
            (ExprKind::Ellipsis(Some(elem)), Type::Slice(e)) => self.unify(elem, e, names, b),
            (ExprKind::ArrayType { len: Some(_), elem }, Type::Array(_, e)) => {
                self.unify(elem, e, names, b)
            }
            (ExprKind::MapType(k, v), Type::Map(kt, vt)) => {
                self.unify(k, kt, names, b);
                self.unify(v, vt, names, b);
            }
            (ExprKind::ChanType(_, e), Type::Chan(_, et)) => self.unify(e, et, names, b),
            (ExprKind::FuncType(ft), Type::Func(sig)) => {
                let ps: Vec<&Expr> = ft
                    .params
                    .iter()
                    .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)))
                    .collect();
                let rs: Vec<&Expr> = ft
                    .results
                    .iter()
                    .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)))
                    .collect();
                for (p, pt) in ps.iter().zip(&sig.params) {
                    self.unify(p, *pt, names, b);
                }
                for (r, rt) in rs.iter().zip(&sig.results) {
                    self.unify(r, *rt, names, b);
                }
            }
            (ExprKind::Index(base, args), _) => {
                let ExprKind::Ident(g) = &unparen(base).kind else {
                    return;
                };
                match self.inst_args.get(&t).cloned() {
                    Some((gname, targs)) if gname == *g => {
                        for (a, at) in args.iter().zip(targs) {
                            self.unify(a, at, names, b);
                        }
                    }
                    // Inexact: the generic type's definition, instantiated with the pattern's
                    // arguments, against the argument's underlying type.
                    _ => {
                        let Some(spec) = self.decls.get(g.as_str()).map(|d| d.spec) else {
                            return;
                        };
                        if spec.tparams.is_empty() || spec.alias {
                            return;
                        }
                        let def = substitute(&spec.ty, &tparam_names(&spec.tparams), args);
                        self.unify(&def, u, names, b);
                    }
                }
            }
            (ExprKind::StructType(fields), Type::Struct(fs)) => {
                let pats: Vec<&Expr> = fields
                    .iter()
                    .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)))
                    .collect();
                if pats.len() == fs.len() {
                    for (p, f) in pats.iter().zip(fs) {
                        self.unify(p, f.ty, names, b);
                    }
                }
            }
            _ => {}
        }
    }

    /// The single structural term of a constraint (`~[]E` in `S ~[]E` or `interface{ ~[]E }`),
    /// with a generic constraint's own parameters replaced by its arguments (`Setter[T]`).
    fn core_term(&self, c: &Expr) -> Option<Expr> {
        match &c.kind {
            ExprKind::Paren(x) => self.core_term(x),
            ExprKind::Unary(UnOp::Tilde, x) => Some((**x).clone()),
            ExprKind::InterfaceType(elems) => {
                let terms: Vec<&Expr> = elems
                    .iter()
                    .filter(|e| e.names.is_empty())
                    .map(|e| &e.ty)
                    .collect();
                match terms[..] {
                    [t] => self.core_term(t),
                    _ => None,
                }
            }
            ExprKind::Index(g, args) => {
                let ExprKind::Ident(n) = &g.kind else {
                    return None;
                };
                let spec = self.decls.get(n.as_str())?.spec;
                let names = tparam_names(&spec.tparams);
                let core = self.core_term(&spec.ty)?;
                Some(substitute(&core, &names, args))
            }
            ExprKind::ArrayType { .. }
            | ExprKind::MapType(..)
            | ExprKind::ChanType(..)
            | ExprKind::FuncType(_)
            | ExprKind::Star(_) => Some(c.clone()),
            _ => None,
        }
    }

    /// Inference through constraints' core types: a bound `S` with `S ~[]E` binds `E`, and an
    /// unbound parameter whose core type mentions only bound ones becomes that type.
    pub(super) fn infer_from_constraints(
        &mut self,
        tparams: &[Field],
        names: &[String],
        b: &mut [Option<TypeId>],
    ) {
        let cons = tparam_constraints(tparams);
        for _ in 0..3 {
            for (i, c) in cons.iter().enumerate() {
                let Some(core) = self.core_term(c) else {
                    continue;
                };
                let core = &core;
                match b[i] {
                    Some(t) => {
                        let u = self.types.underlying(t);
                        self.unify(core, u, names, b);
                    }
                    None => {
                        let mut all = true;
                        walk_names(core, &mut |n| {
                            if let Some(j) = names.iter().position(|m| m == n) {
                                all &= b[j].is_some();
                            }
                        });
                        if all {
                            let bindings: Vec<(String, TypeId)> = names
                                .iter()
                                .zip(b.iter())
                                .filter_map(|(n, t)| t.map(|t| (n.clone(), t)))
                                .collect();
                            let before = self.diags.len();
                            let t = self.with_bindings(&bindings, |c| c.type_expr(core, false));
                            self.diags.truncate(before);
                            if t != TypeId::INVALID {
                                b[i] = Some(t);
                            }
                        }
                    }
                }
            }
        }
    }
}

fn strip(t: &Expr) -> &Expr {
    match &t.kind {
        ExprKind::Star(x) | ExprKind::Paren(x) => strip(x),
        _ => t,
    }
}

/// `e` with the type parameter names `names` replaced by the expressions `args`.
fn substitute(e: &Expr, names: &[String], args: &[Expr]) -> Expr {
    let sub = |x: &Expr| Box::new(substitute(x, names, args));
    let kind = match &e.kind {
        ExprKind::Ident(n) => match names.iter().position(|m| m == n) {
            Some(i) if i < args.len() => return args[i].clone(),
            _ => e.kind.clone(),
        },
        ExprKind::Paren(x) => ExprKind::Paren(sub(x)),
        ExprKind::Star(x) => ExprKind::Star(sub(x)),
        ExprKind::ChanType(d, x) => ExprKind::ChanType(*d, sub(x)),
        ExprKind::ArrayType { len, elem } => ExprKind::ArrayType {
            len: len.clone(),
            elem: sub(elem),
        },
        ExprKind::MapType(k, v) => ExprKind::MapType(sub(k), sub(v)),
        ExprKind::Index(x, a) => ExprKind::Index(
            sub(x),
            a.iter().map(|y| substitute(y, names, args)).collect(),
        ),
        ExprKind::Ellipsis(Some(x)) => ExprKind::Ellipsis(Some(sub(x))),
        ExprKind::FuncType(ft) => {
            let fields = |fs: &[Field]| -> Vec<Field> {
                fs.iter()
                    .map(|f| Field {
                        ty: substitute(&f.ty, names, args),
                        ..f.clone()
                    })
                    .collect()
            };
            ExprKind::FuncType(Box::new(FuncType {
                params: fields(&ft.params),
                results: fields(&ft.results),
                span: ft.span,
            }))
        }
        ExprKind::StructType(fs) => ExprKind::StructType(
            fs.iter()
                .map(|f| Field {
                    ty: substitute(&f.ty, names, args),
                    ..f.clone()
                })
                .collect(),
        ),
        _ => e.kind.clone(),
    };
    Expr::new(kind, e.span)
}

fn walk_names(e: &Expr, f: &mut dyn FnMut(&str)) {
    match &e.kind {
        ExprKind::Ident(n) => f(n),
        ExprKind::Paren(x)
        | ExprKind::Star(x)
        | ExprKind::ChanType(_, x)
        | ExprKind::Ellipsis(Some(x))
        | ExprKind::Unary(_, x) => walk_names(x, f),
        ExprKind::ArrayType { elem, .. } => walk_names(elem, f),
        ExprKind::MapType(k, v) | ExprKind::Binary(_, k, v) => {
            walk_names(k, f);
            walk_names(v, f);
        }
        ExprKind::Index(x, args) => {
            walk_names(x, f);
            args.iter().for_each(|a| walk_names(a, f));
        }
        ExprKind::FuncType(ft) => ft
            .params
            .iter()
            .chain(&ft.results)
            .for_each(|p| walk_names(&p.ty, f)),
        ExprKind::StructType(fs) => fs.iter().for_each(|p| walk_names(&p.ty, f)),
        _ => {}
    }
}

impl Checker<'_> {
    /// Whether constraint `c` is made of methods only (no type terms, here or in interfaces it
    /// embeds): a type parameter so constrained behaves as that interface's methods allow.
    fn methods_only(&self, c: &Expr, depth: u32) -> bool {
        if depth > 8 {
            return false;
        }
        match &c.kind {
            ExprKind::Paren(x) => self.methods_only(x, depth + 1),
            ExprKind::Ident(n) if self.local_ref(n).is_some() => false,
            ExprKind::Ident(n) => match self.decls.get(n.as_str()) {
                Some(d) if d.spec.tparams.is_empty() => self.methods_only(&d.spec.ty, depth + 1),
                Some(_) => false,
                None => n == "any" || n == "comparable" || n == "error",
            },
            ExprKind::Selector(..) => true,
            ExprKind::InterfaceType(elems) => elems.iter().all(|el| {
                matches!((&el.names[..], &el.ty.kind), ([_], ExprKind::FuncType(_)))
                    || (el.names.is_empty() && self.methods_only(&el.ty, depth + 1))
            }),
            _ => false,
        }
    }

    pub(super) fn methods_only_pub(&self, c: &Expr) -> bool {
        self.methods_only(c, 0)
    }

    /// The type a type parameter has inside its own declaration: a stand-in named type whose
    /// underlying type is its constraint's interface, if the constraint has methods only
    /// (else `None`: the parameter stays unknown, so its uses are never reported).
    pub(super) fn tparam_type(&mut self, name: &str, c: &Expr) -> Option<TypeId> {
        if !self.methods_only(c, 0) {
            return None;
        }
        let before = self.diags.len();
        let ct = self.type_expr(c, false);
        self.diags.truncate(before);
        if ct == TypeId::INVALID || !self.types.is_interface(ct) {
            return None;
        }
        let text = match &c.kind {
            ExprKind::InterfaceType(_) => self.source_slice(c.span).to_string(),
            _ => self.types.display(ct, super::operand::COMPILER),
        };
        let text = if ct == TypeId::EMPTY_INTERFACE {
            "any".to_string()
        } else {
            text
        };
        let t = self.types.new_tparam(name, &text, ct);
        if self.embeds_comparable(c, 0) {
            self.comparable_tparams.insert(t);
        }
        Some(t)
    }

    /// Whether a methods-only constraint embeds `comparable` (its type parameter then
    /// satisfies `comparable` too).
    fn embeds_comparable(&self, c: &Expr, depth: u32) -> bool {
        if depth > 8 {
            return false;
        }
        match &c.kind {
            ExprKind::Paren(x) => self.embeds_comparable(x, depth + 1),
            ExprKind::Ident(n) if self.local_ref(n).is_some() => false,
            ExprKind::Ident(n) => match self.decls.get(n.as_str()) {
                Some(d) => self.embeds_comparable(&d.spec.ty, depth + 1),
                None => n == "comparable",
            },
            ExprKind::InterfaceType(elems) => elems
                .iter()
                .any(|el| el.names.is_empty() && self.embeds_comparable(&el.ty, depth + 1)),
            _ => false,
        }
    }
}

impl Resolver<'_, '_> {
    /// Whether `name` here denotes a generic package-level function.
    pub(super) fn is_generic_func(&self, name: &str) -> bool {
        self.find_local(name).is_none()
            && self.c.local_ref(name).is_none()
            && self.c.generic_funcs.contains_key(name)
    }

    fn is_generic_type_name(&self, name: &str) -> bool {
        self.find_local(name).is_none()
            && self.c.local_ref(name).is_none()
            && self.c.is_generic_type(name)
    }

    /// `F[int]` (a function instance) or `Stack[int]` (a type) in an expression; `None` when
    /// `x` is not generic.
    pub(super) fn generic_index(&mut self, e: &Expr, x: &Expr, is: &[Expr]) -> Option<Operand> {
        let ExprKind::Ident(n) = &unparen(x).kind else {
            return None;
        };
        if self.is_generic_type_name(n) {
            self.type_expr(e);
            let ty = self.local_type(e);
            return Some(Operand {
                mode: Mode::Type,
                ty,
            });
        }
        if !self.is_generic_func(n) {
            return None;
        }
        self.ident(n, x.span, true);
        let decl = self.c.generic_funcs[n.as_str()];
        let names = tparam_names(&decl.tparams);
        let mut targs = Vec::new();
        for a in is {
            self.type_expr(a);
            targs.push(self.local_type(a));
        }
        if targs.len() > names.len() {
            let msg = format!(
                "got {} type arguments but {n} has {} type parameters",
                targs.len(),
                names.len()
            );
            self.c.error(codes::CALL, is[names.len()].span, msg);
            return Some(Operand::invalid());
        }
        let mut b: Vec<Option<TypeId>> = names
            .iter()
            .enumerate()
            .map(|(i, _)| targs.get(i).copied())
            .collect();
        self.c.infer_from_constraints(&decl.tparams, &names, &mut b);
        if let Some(i) = b.iter().position(|t| t.is_none()) {
            let at = self.c.position(
                decl.tparams
                    .iter()
                    .flat_map(|f| &f.names)
                    .nth(i)
                    .map_or(decl.name.span, |n| n.span),
            );
            let msg = format!(
                "in call to {n}, cannot infer {} (declared at {at})",
                names[i]
            );
            self.c.error(codes::CALL, e.span, msg);
            return Some(Operand::invalid());
        }
        let spans: Vec<Span> = (0..names.len())
            .map(|i| is.get(i).map_or(e.span, |a| a.span))
            .collect();
        let targs: Vec<TypeId> = b
            .into_iter()
            .map(|t| t.unwrap_or(TypeId::INVALID))
            .collect();
        let Some((key, sig)) = self.c.instantiate_func(n, targs, &spans) else {
            return Some(Operand::invalid());
        };
        self.c.info.inst_refs.insert(e as *const Expr as usize, key);
        Some(Operand::value(sig))
    }

    /// A call of a generic function (`F(x)`, `F[int](x)`): infers the missing type arguments,
    /// instantiates, and checks the call against the instance. `None` if `func` is not generic.
    /// A generic function named without type arguments where a value of function type `want`
    /// belongs (`slices.IndexFunc(xs, isEven)`, `var f func(int) bool = isEven`): its type
    /// arguments are inferred from `want`'s parameter and result types (Go's reverse type
    /// inference). Records the instance for `a` and returns its signature; `None` if `a` is no
    /// such name or nothing could be inferred.
    pub(super) fn infer_generic_value(&mut self, a: &Expr, want: TypeId) -> Option<TypeId> {
        let ExprKind::Ident(name) = &unparen(a).kind else {
            return None;
        };
        if !self.is_generic_func(name) {
            return None;
        }
        let Type::Func(ws) = self.c.types.get(self.c.types.underlying(want)).clone() else {
            return None;
        };
        let decl: &FuncDecl = self.c.generic_funcs[name.as_str()];
        let names = tparam_names(&decl.tparams);
        fn expand(fs: &[Field]) -> Vec<&Expr> {
            fs.iter()
                .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)))
                .collect()
        }
        let (pats, rpats) = (expand(&decl.sig.params), expand(&decl.sig.results));
        if pats.len() != ws.params.len() || rpats.len() != ws.results.len() {
            return None;
        }
        let mut b: Vec<Option<TypeId>> = vec![None; names.len()];
        for (p, t) in pats
            .iter()
            .zip(&ws.params)
            .chain(rpats.iter().zip(&ws.results))
        {
            self.c.unify(p, *t, &names, &mut b);
        }
        self.c.infer_from_constraints(&decl.tparams, &names, &mut b);
        let targs: Vec<TypeId> = b.into_iter().collect::<Option<_>>()?;
        let spans = vec![a.span; names.len()];
        let (key, sig) = self.c.instantiate_func(name, targs, &spans)?;
        self.ident(name, a.span, true);
        for f in [a, unparen(a)] {
            self.c.info.record(f, sig, &Mode::Value);
            self.c
                .info
                .inst_refs
                .insert(f as *const Expr as usize, key.clone());
        }
        Some(sig)
    }

    pub(super) fn generic_call(
        &mut self,
        e: &Expr,
        func: &Expr,
        args: &[Expr],
        ellipsis: bool,
    ) -> Option<Operand> {
        let callee = unparen(func);
        let (name, explicit): (&str, &[Expr]) = match &callee.kind {
            ExprKind::Ident(n) if self.is_generic_func(n) => (n, &[]),
            ExprKind::Index(b, is) => match &unparen(b).kind {
                ExprKind::Ident(n) if self.is_generic_func(n) => (n, is),
                _ => return None,
            },
            _ => return None,
        };
        self.ident(name, callee.span, true);
        let decl = self.c.generic_funcs[name];
        let names = tparam_names(&decl.tparams);
        let mut b: Vec<Option<TypeId>> = vec![None; names.len()];
        let mut spans: Vec<Span> =
            vec![Span::new(func.span.hi as usize, func.span.hi as usize + 1); names.len()];
        for (i, a) in explicit.iter().enumerate() {
            self.type_expr(a);
            let t = self.local_type(a);
            if i >= names.len() {
                let msg = format!(
                    "got {} type arguments but want {}",
                    explicit.len(),
                    names.len()
                );
                self.c.error(codes::CALL, a.span, msg);
                args.iter().for_each(|a| self.expr(a));
                return Some(Operand::invalid());
            }
            b[i] = Some(t);
            spans[i] = a.span;
        }
        let arg_ops: Vec<(Operand, &Expr)> = args.iter().map(|a| (self.operand(a), a)).collect();
        // One pattern per argument (the variadic tail's element for extra arguments).
        let pats: Vec<&Expr> = decl
            .sig
            .params
            .iter()
            .flat_map(|f| std::iter::repeat_n(&f.ty, f.names.len().max(1)))
            .collect();
        let variadic = pats
            .last()
            .is_some_and(|p| matches!(p.kind, ExprKind::Ellipsis(_)));
        let pat_for = |i: usize| -> Option<&Expr> {
            if variadic && i + 1 >= pats.len() {
                let last = pats[pats.len() - 1];
                match (&last.kind, ellipsis) {
                    (_, true) => Some(last),
                    (ExprKind::Ellipsis(Some(el)), false) => Some(el),
                    _ => None,
                }
            } else {
                pats.get(i).copied()
            }
        };
        // Arguments from a multi-value call spread over the parameters.
        let spread: Vec<TypeId> = match &arg_ops[..] {
            [(o, _)] => match self.c.types.get(o.ty) {
                Type::Tuple(ts) => ts.clone(),
                _ => vec![o.ty],
            },
            _ => arg_ops.iter().map(|(o, _)| o.ty).collect(),
        };
        let untyped = |c: &Checker, t: TypeId| c.types.is_untyped(t) || t == TypeId::UNTYPED_NIL;
        for (i, t) in spread.iter().enumerate() {
            if untyped(self.c, *t) {
                continue;
            }
            if let Some(p) = pat_for(i) {
                let p = match (&p.kind, ellipsis) {
                    (ExprKind::Ellipsis(Some(_)), true) => p,
                    _ => p,
                };
                self.c.unify(p, *t, &names, &mut b);
            }
        }
        self.c.infer_from_constraints(&decl.tparams, &names, &mut b);
        if explicit.len() < names.len() {
            if let Some((i, msg)) = self.c.inference_violation(&decl.tparams, &names, &b) {
                let msg = format!("in call to {name}, {msg}");
                self.c.error(codes::CALL, spans[i], msg);
                return Some(Operand::invalid());
            }
        }
        // Untyped constants bound to a bare type parameter: the default type of the largest kind.
        let mut defaults: Vec<Option<TypeId>> = vec![None; names.len()];
        for (i, t) in spread.iter().enumerate() {
            if !self.c.types.is_untyped(*t) || *t == TypeId::UNTYPED_NIL {
                continue;
            }
            let Some(ExprKind::Ident(n)) = pat_for(i).map(|p| &unparen(p).kind) else {
                continue;
            };
            let Some(j) = names.iter().position(|m| m == n) else {
                continue;
            };
            if b[j].is_some() {
                continue;
            }
            let rank = |t: TypeId| match t {
                TypeId::UNTYPED_INT => 1,
                TypeId::UNTYPED_RUNE => 2,
                TypeId::UNTYPED_FLOAT => 3,
                TypeId::UNTYPED_COMPLEX => 4,
                _ => 0,
            };
            // Untyped constants of different kinds that are not both numeric (`1` and `"x"`)
            // cannot share a type parameter.
            if let Some(d) = defaults[j] {
                if d != *t && (rank(d) == 0 || rank(*t) == 0) {
                    let (ds, ts) = (self.show(d), self.show(*t));
                    let msg = format!(
                        "in call to {name}, mismatched types {ds} and {ts} (cannot infer {})",
                        names[j]
                    );
                    let at = args.get(i).map_or(e.span, |a| a.span);
                    self.c.error(codes::CALL, at, msg);
                    return Some(Operand::invalid());
                }
            }
            defaults[j] = match defaults[j] {
                Some(d) if rank(d) >= rank(*t) => Some(d),
                _ => Some(*t),
            };
        }
        for (j, d) in defaults.into_iter().enumerate() {
            if let Some(d) = d {
                b[j] = Some(super::operand::default_type(&self.c.types, d));
            }
        }
        self.c.infer_from_constraints(&decl.tparams, &names, &mut b);
        let unknown = spread.contains(&TypeId::INVALID) || b.contains(&Some(TypeId::INVALID));
        if let Some(i) = b.iter().position(|t| t.is_none()) {
            if !unknown {
                let at = self.c.position(
                    decl.tparams
                        .iter()
                        .flat_map(|f| &f.names)
                        .nth(i)
                        .map_or(decl.name.span, |n| n.span),
                );
                let msg = format!(
                    "in call to {name}, cannot infer {} (declared at {at})",
                    names[i]
                );
                self.c.error(codes::CALL, spans[i], msg);
            }
            return Some(Operand::invalid());
        }
        let targs: Vec<TypeId> = b
            .into_iter()
            .map(|t| t.unwrap_or(TypeId::INVALID))
            .collect();
        let Some((key, sig)) = self.c.instantiate_func(name, targs.clone(), &spans) else {
            // Type arguments that violate their constraints: Go still checks the arguments
            // against the parameters those type arguments give (one more error to report).
            if !targs.contains(&TypeId::INVALID)
                && !targs.iter().any(|t| self.c.types.mentions_tparam(*t))
            {
                let bindings: Vec<(String, TypeId)> = tparam_names(&decl.tparams)
                    .into_iter()
                    .zip(targs.iter().copied())
                    .collect();
                let (before, keys) = (self.c.diags.len(), self.c.map_keys.len());
                let sig = self.c.with_bindings(&bindings, |c| c.signature(&decl.sig));
                self.c.diags.truncate(before);
                self.c.map_keys.truncate(keys);
                if let Type::Func(fs) = self.c.types.get(sig).clone() {
                    let fname = format!("{name}[{}]", {
                        let shown: Vec<String> = targs.iter().map(|t| self.show(*t)).collect();
                        shown.join(", ")
                    });
                    let context = format!("argument to {fname}");
                    if !fs.variadic && !ellipsis && fs.params.len() == arg_ops.len() {
                        for ((op, a), want) in arg_ops.iter().zip(&fs.params) {
                            self.assign_to(op, a, *want, &context);
                        }
                    }
                }
            }
            return Some(Operand::invalid());
        };
        for f in [func, callee] {
            self.c.info.record(f, sig, &Mode::Value);
            self.c
                .info
                .inst_refs
                .insert(f as *const Expr as usize, key.clone());
        }
        Some(self.finish_call(e, func, sig, &arg_ops, ellipsis))
    }

    /// Checks the queued instance bodies (checking one may queue more).
    pub(super) fn check_instances(&mut self) {
        while self.c.inst_next < self.c.info.instances.len() {
            let i = self.c.inst_next;
            self.c.inst_next += 1;
            let inst = &self.c.info.instances[i];
            let (decl, bindings, recv) = (inst.decl.clone(), inst.bindings.clone(), inst.recv);
            let Some(body) = &decl.body else { continue };
            self.open();
            for (n, t) in &bindings {
                let id = Ident {
                    name: n.clone(),
                    span: decl.name.span,
                };
                self.declare_as(&id, LocalKind::Other, LocalRef::Type(*t));
            }
            self.inst_recv = recv;
            let before = self.c.diags.len();
            self.func(decl.recv.as_ref(), &[], &decl.sig, body);
            self.inst_recv = None;
            self.close();
            // A generic function whose type parameters all have method-only constraints was
            // checked as Go checks it (generically): its instances add nothing Go would report.
            let generic_checked =
                recv.is_none() && decl.tparams.iter().all(|f| self.c.methods_only_pub(&f.ty));
            if generic_checked {
                self.c.diags.truncate(before);
            }
        }
    }
}
