//! COMPILER: calls and the expressions around them. Input: a call, selector, index, slice,
//! composite literal or function literal. Output: instructions leaving the value (a call's
//! results at a window base) in registers: static calls, closures, methods (static and through
//! interfaces, with automatic `&`/`*` and embedded promotion), builtins, conversions and fmt.

use super::func::{FuncBuilder, Var};
use super::{unsupported, CResult, Compiler};
use crate::ast::*;
use crate::bytecode::op::Reg;
use crate::bytecode::Op;
use crate::types::operand::Mode;
use crate::types::ty::{Type, TypeId};
use crate::vm::machine::is_aggregate;
use crate::vm::rt::Rt;

/// What a selector names.
pub(crate) enum MemberRef {
    /// Fields to follow (indices), ending at a field.
    Field(Vec<(u16, TypeId)>),
    /// Fields to follow to the receiver, the named type declaring the method, and whether
    /// the method has a pointer receiver.
    Method(Vec<(u16, TypeId)>, TypeId, bool),
}

impl Compiler<'_> {
    /// Finds field or method `name` in `t` (a struct, a named type, a pointer to one),
    /// searching embedded fields breadth-first like Go.
    pub(crate) fn member_ref(&self, t: TypeId, name: &str) -> Option<MemberRef> {
        let mut level: Vec<(Vec<(u16, TypeId)>, TypeId)> = vec![(vec![], t)];
        for _ in 0..8 {
            let mut next = Vec::new();
            for (path, t) in &level {
                let base = match self.types.get(*t) {
                    Type::Pointer(p) => *p,
                    // A defined pointer type (`type PS *T`): its fields are T's (the checker
                    // allows fields only, never methods).
                    _ if path.is_empty() => match self.types.get(self.types.underlying(*t)) {
                        Type::Pointer(p) => *p,
                        _ => *t,
                    },
                    _ => *t,
                };
                if let Some(n) = self.types.named_info(base) {
                    if let Some(m) = n.methods.iter().find(|m| m.name == name) {
                        return Some(MemberRef::Method(path.clone(), base, m.pointer_receiver));
                    }
                }
                // An embedded interface's methods are promoted too.
                if !path.is_empty() {
                    if let Type::Interface(i) = self.types.get(self.types.underlying(base)) {
                        if i.methods.iter().any(|(n, _)| n == name) {
                            return Some(MemberRef::Method(path.clone(), base, false));
                        }
                    }
                }
                if let Type::Struct(fields) = self.types.get(self.types.underlying(base)) {
                    for (i, f) in fields.iter().enumerate() {
                        let mut p = path.clone();
                        p.push((i as u16, f.ty));
                        if f.name == name {
                            return Some(MemberRef::Field(p));
                        }
                        if f.embedded {
                            next.push((p, f.ty));
                        }
                    }
                }
            }
            if next.is_empty() {
                return None;
            }
            level = next;
        }
        None
    }

    /// Follows `path` from the object in `obj` (dereferencing embedded pointers): returns the
    /// register holding the last step's container object and the field index.
    fn follow(&mut self, mut obj: Reg, path: &[(u16, TypeId)]) -> (Reg, u16) {
        for (idx, _) in &path[..path.len() - 1] {
            let d = self.f.alloc();
            self.f.emit(Op::LoadField {
                dst: d,
                obj,
                idx: *idx,
            });
            obj = d;
        }
        (obj, path[path.len() - 1].0)
    }

    /// The object holding field `sel` of `x`, and the field's index.
    pub(crate) fn field_obj(&mut self, x: &Expr, sel: &Ident) -> CResult<(Reg, u16)> {
        let xt = self.ty(x)?;
        let Some(MemberRef::Field(path)) = self.member_ref(xt, &sel.name) else {
            return unsupported(sel.span, format!("the selector .{}", sel.name));
        };
        let obj = self.expr_as(x, xt)?;
        Ok(self.follow(obj, &path))
    }

    pub(crate) fn selector(&mut self, e: &Expr, x: &Expr, sel: &Ident) -> CResult<(Reg, bool)> {
        if let ExprKind::Ident(pkg) = &x.kind {
            if self.f.lookup(pkg).is_none()
                && self
                    .info_of(x)
                    .is_some_and(|i| matches!(i.mode, Mode::Package))
            {
                // A package variable (`os.Args`): its native yields the value.
                let path = self
                    .info
                    .imports
                    .get(pkg)
                    .cloned()
                    .unwrap_or_else(|| pkg.clone());
                if path == "context" && matches!(sel.name.as_str(), "Canceled" | "DeadlineExceeded")
                {
                    let w = self.f.alloc_n(5);
                    self.f
                        .load_word(w, if sel.name == "Canceled" { 8 } else { 9 });
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::Ctx as u16,
                        base: w,
                    });
                    return Ok((w, false));
                }
                let sym = format!("{path}.{}", sel.name);
                let is_func = matches!(
                    self.info_of(e).map(|i| self.types.get(i.ty)),
                    Some(Type::Func(_))
                );
                if let Some(f) = crate::stdlib::natives::lookup(&sym) {
                    let id = self.native_id(&sym, f);
                    if is_func {
                        // A library function used as a value: a closure over a wrapper.
                        let Some(Type::Func(s)) =
                            self.info_of(e).map(|i| self.types.get(i.ty).clone())
                        else {
                            unreachable!()
                        };
                        let (np, nr) = (s.params.len() as u16, s.results.len() as u16);
                        let wid = self.new_func(sym.clone());
                        let w = &mut self.prog.funcs[wid as usize];
                        w.nparams = np;
                        w.nresults = nr;
                        w.nregs = np.max(nr).max(1);
                        w.code = vec![Op::CallNative { id, base: 0 }, Op::Return { src: 0, n: nr }];
                        let r = self.f.alloc_n(2);
                        self.f.load_word(r, wid as u64);
                        self.f.load_word(r + 1, 0);
                        self.f.emit(Op::Rt {
                            sub: 0,
                            f: Rt::MakeClosure as u16,
                            base: r,
                        });
                        return Ok((r, true));
                    }
                    let d = self.f.alloc();
                    self.f.emit(Op::CallNative { id, base: d });
                    return Ok((d, false));
                }
                if is_func {
                    // A library function compiled as a special call (fmt's printing, ...): a
                    // closure whose body is that call on its parameters.
                    return Ok((self.std_func_value(e)?, true));
                }
                return unsupported(e.span, format!("{pkg}.{} (this package member)", sel.name));
            }
        }
        if matches!(self.info_of(x).map(|i| &i.mode), Some(Mode::Type)) {
            // A method expression `T.m` / `(*T).m`: the method's function, receiver first.
            let t = self.ty(x)?;
            if self.types.is_interface(t) {
                // `I.m`: a function of (receiver, args...) that calls m dynamically.
                let Type::Func(s) = self.types.get(self.types.underlying(self.ty(e)?)).clone()
                else {
                    return unsupported(e.span, "this method expression");
                };
                let (np, nr) = (s.params.len() as u16, s.results.len() as u16);
                let method = self.method_id(&sel.name);
                let key = format!("iface method expr {} {} {np} {nr}", t.index(), sel.name);
                let id = match self.wrapper(&key) {
                    Some(id) => id,
                    None => {
                        let tn = self.types.display(t, crate::types::ty::Spelling::Reflect);
                        let id = self.new_func(format!("{tn}.{}", sel.name));
                        self.remember_wrapper(key, id);
                        let w = &mut self.prog.funcs[id as usize];
                        w.nparams = np;
                        w.nresults = nr;
                        w.nregs = np.max(nr).max(1);
                        w.code = vec![
                            Op::CallIface { base: 0, method },
                            Op::Return { src: 0, n: nr },
                        ];
                        id
                    }
                };
                let w = self.f.alloc_n(2);
                self.f.load_word(w, id as u64);
                self.f.load_word(w + 1, 0);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MakeClosure as u16,
                    base: w,
                });
                return Ok((w, true));
            }
            let (base, via_ptr) = match self.types.get(t) {
                Type::Pointer(p) => (*p, true),
                _ => (t, false),
            };
            let tname = self
                .types
                .named_info(base)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            let _ = tname;
            let Some(&id) = self
                .funcs
                .get(&super::method_key(&self.types, base, &sel.name))
            else {
                // A promoted method (`S.Inc` through an embedded `*D`, `(*U).Sum`): the method
                // table's wrapper for T (or *T) takes the receiver first, as the expression does.
                let mid = self.method_id(&sel.name);
                let Some(&id) = self.prog.methods.get(&(t.index() as u32, mid)) else {
                    return unsupported(e.span, "this method expression");
                };
                let w = self.f.alloc_n(2);
                self.f.load_word(w, id as u64);
                self.f.load_word(w + 1, 0);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MakeClosure as u16,
                    base: w,
                });
                return Ok((w, true));
            };
            let ptr_recv = self
                .types
                .named_info(base)
                .and_then(|n| n.methods.iter().find(|m| m.name == sel.name))
                .is_some_and(|m| m.pointer_receiver);
            let id = if via_ptr && !ptr_recv && !is_aggregate(&self.types, base) {
                self.deref_wrapper_pub(id)
            } else {
                id
            };
            let w = self.f.alloc_n(2);
            self.f.load_word(w, id as u64);
            self.f.load_word(w + 1, 0);
            self.f.emit(Op::Rt {
                sub: 0,
                f: Rt::MakeClosure as u16,
                base: w,
            });
            return Ok((w, true));
        }
        let xt = self.ty(x)?;
        let member = if self.types.is_interface(xt) {
            Some(MemberRef::Method(vec![], xt, false))
        } else {
            self.member_ref(xt, &sel.name)
        };
        match member {
            Some(MemberRef::Field(_)) => {
                let (obj, idx) = self.field_obj(x, sel)?;
                let d = self.f.alloc();
                self.f.emit(Op::LoadField { dst: d, obj, idx });
                Ok((d, false))
            }
            Some(MemberRef::Method(path, named, ptr_recv)) => {
                // A method value: a closure over the (boxed) receiver.
                let mt = self.ty(e)?;
                let Type::Func(s) = self.types.get(self.types.underlying(mt)).clone() else {
                    return unsupported(e.span, "this method value");
                };
                let (np, nr) = (s.params.len() as u16, s.results.len() as u16);
                let (recv, rt, target) = if (self.types.is_interface(named) && path.is_empty())
                    || self.types.is_interface(xt)
                {
                    let m = self.method_id(&sel.name);
                    (self.expr_as(x, xt)?, xt, Err(m))
                } else {
                    let tname = self
                        .types
                        .named_info(named)
                        .map(|n| n.name.clone())
                        .unwrap_or_default();
                    let key = super::method_key(&self.types, named, &sel.name);
                    let std_fn = match self.funcs.get(&key) {
                        Some(_) => None,
                        None => self.std_method_func(named, &sel.name, ptr_recv),
                    };
                    let Some(id) = std_fn.or_else(|| self.funcs.get(&key).copied()) else {
                        let is_std = self
                            .types
                            .named_info(named)
                            .is_some_and(|n| n.pkg != "main" && !n.pkg.is_empty());
                        if is_std && path.is_empty() {
                            return Ok((self.std_method_value(e, x, sel)?, true));
                        }
                        return unsupported(sel.span, format!("the method {tname}.{}", sel.name));
                    };
                    let r = self.receiver_pub(x, xt, &path, named, ptr_recv)?;
                    let r = if !ptr_recv && is_aggregate(&self.types, named) {
                        // Go copies the receiver when the value is taken: a nil pointer faults.
                        self.nil_check(r);
                        self.copied(r, named)
                    } else {
                        r
                    };
                    (r, named, Ok(id))
                };
                let name = format!("{}-fm", self.f.proto.name);
                let wid = self.new_func(name);
                let mut code = Vec::new();
                for i in (0..np).rev() {
                    code.push(Op::Move { dst: i + 1, src: i });
                }
                code.push(Op::GetCapture { dst: 0, idx: 0 });
                code.push(Op::LoadField {
                    dst: 0,
                    obj: 0,
                    idx: 0,
                });
                match target {
                    Ok(id) => code.push(Op::Call { func: id, base: 0 }),
                    Err(m) => code.push(Op::CallIface { base: 0, method: m }),
                }
                code.push(Op::Return { src: 0, n: nr });
                let w = &mut self.prog.funcs[wid as usize];
                w.nparams = np;
                w.nresults = nr;
                w.nregs = (np + 1).max(nr).max(1);
                w.code = code;
                // Box the receiver word so the closure's captured words are all references.
                let b = self.f.alloc_n(4);
                let is_ref = crate::vm::machine::is_ref(&self.types, rt) || ptr_recv;
                self.f.load_word(b, is_ref as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::NewBox as u16,
                    base: b,
                });
                self.f.emit(Op::StoreField {
                    obj: b,
                    idx: 0,
                    src: recv,
                });
                self.f.emit(Op::Move { dst: b + 3, src: b });
                self.f.load_word(b + 1, 1);
                self.f.load_word(b, wid as u64);
                self.f.emit(Op::Move {
                    dst: b + 2,
                    src: b + 3,
                });
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MakeClosure as u16,
                    base: b,
                });
                Ok((b, true))
            }
            None => unsupported(e.span, format!("the selector .{}", sel.name)),
        }
    }

    pub(crate) fn index(&mut self, e: &Expr, x: &Expr, i: &Expr) -> CResult<(Reg, bool)> {
        let xt = self.ty(x)?;
        let t = self.ty(e)?;
        let u = self.types.underlying(xt);
        let d = self.f.alloc();
        match self.types.get(u).clone() {
            Type::Basic(_) => {
                let s = self.expr_as(x, xt)?;
                let i = self.index_value(i)?;
                self.f.emit(Op::StrByte { dst: d, s, i });
            }
            Type::Slice(_) => {
                let s = self.expr_as(x, xt)?;
                let i = self.index_value(i)?;
                self.f.emit(Op::SliceGet { dst: d, s, i });
            }
            Type::Array(..) | Type::Pointer(_) => {
                let arr = self.expr_as(x, xt)?;
                let i = self.index_value(i)?;
                self.f.emit(Op::ArrayGet { dst: d, arr, i });
            }
            Type::Map(k, v) => {
                let m = self.expr_as(x, xt)?;
                let kr = self.expr_as(i, k)?;
                let w = self.f.alloc_n(3);
                self.f.emit(Op::Move { dst: w, src: m });
                self.f.emit(Op::Move {
                    dst: w + 1,
                    src: kr,
                });
                self.f.load_word(w + 2, v.index() as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapGet as u16,
                    base: w,
                });
                return Ok((w, false));
            }
            _ => return unsupported(e.span, "indexing this type"),
        }
        let _ = t;
        Ok((d, false))
    }

    pub(crate) fn slice_expr(
        &mut self,
        x: &Expr,
        lo: Option<&Expr>,
        hi: Option<&Expr>,
        max: Option<&Expr>,
    ) -> CResult<(Reg, bool)> {
        let xt = self.ty(x)?;
        let u = self.types.underlying(xt);
        let kind = match self.types.get(u) {
            Type::Slice(_) => 0,
            Type::Basic(_) => 1,
            _ => 2,
        };
        let xr = self.expr_as(x, xt)?;
        let w = self.f.alloc_n(5);
        self.f.emit(Op::Move { dst: w, src: xr });
        let mut flags = kind;
        for (i, p) in [lo, hi, max].into_iter().enumerate() {
            if let Some(p) = p {
                let r = self.index_value(p)?;
                self.f.emit(Op::Move {
                    dst: w.wrapping_add((i as u16).wrapping_add(1)),
                    src: r,
                });
                flags |= 1 << (4 + i);
            }
        }
        self.f.load_word(w + 4, flags);
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::SliceExpr as u16,
            base: w,
        });
        Ok((w, true))
    }

    /// A composite literal of type `t` (elided inner types come from `t`).
    pub(crate) fn composite(&mut self, e: &Expr, t: TypeId) -> CResult<Reg> {
        let ExprKind::CompositeLit { elts, .. } = &e.kind else {
            return self.expr_as(e, t);
        };
        let u = self.types.underlying(t);
        let (t, u) = match self.types.get(u).clone() {
            Type::Pointer(p) => (p, self.types.underlying(p)),
            _ => (t, u),
        };
        let elem_value = |c: &mut Self, v: &Expr, et: TypeId| -> CResult<Reg> {
            if let ExprKind::CompositeLit { ty: None, .. } = &v.kind {
                return c.composite(v, et);
            }
            if let ExprKind::Unary(UnOp::Addr, inner) = &v.kind {
                if let ExprKind::CompositeLit { ty: None, .. } = &inner.kind {
                    return c.composite(inner, et);
                }
            }
            let (r, fresh) = c.value_as(v, et)?;
            Ok(if is_aggregate(&c.types, et) && !fresh {
                c.copied(r, et)
            } else {
                r
            })
        };
        // Elements that are plain variables are read after the others' calls (as Go's
        // compiler does); each element is stored at its own index, so order is free.
        let values: Vec<&Expr> = elts.iter().map(|el| &el.value).collect();
        let late = self.read_late(&values);
        let order: Vec<usize> = (0..elts.len())
            .filter(|i| !late[*i])
            .chain((0..elts.len()).filter(|i| late[*i]))
            .collect();
        match self.types.get(u).clone() {
            Type::Struct(fields) => {
                let obj = self.f.alloc();
                self.zero_into(obj, t);
                for &i in &order {
                    let el = &elts[i];
                    let m = self.f.next;
                    let idx = match &el.key {
                        Some(Expr {
                            kind: ExprKind::Ident(n),
                            ..
                        }) => fields.iter().position(|f| &f.name == n).unwrap_or(i),
                        _ => i,
                    };
                    let v = elem_value(self, &el.value, fields[idx].ty)?;
                    self.f.emit(Op::StoreField {
                        obj,
                        idx: idx as u16,
                        src: v,
                    });
                    self.f.next = m;
                }
                Ok(obj)
            }
            Type::Array(_, et) => {
                let obj = self.f.alloc();
                self.zero_into(obj, t);
                let mut i = 0u64;
                let mut idxs = Vec::new();
                for el in elts {
                    if let Some(k) = &el.key {
                        i = self.const_index(k)?;
                    }
                    idxs.push(i);
                    i += 1;
                }
                for &j in &order {
                    let m = self.f.next;
                    let v = elem_value(self, &elts[j].value, et)?;
                    self.f.store_word(obj, idxs[j], v);
                    self.f.next = m;
                }
                Ok(obj)
            }
            Type::Slice(et) => {
                // Length: the largest index + 1.
                let mut n = 0u64;
                let mut i = 0u64;
                let mut idxs = Vec::new();
                for el in elts {
                    if let Some(k) = &el.key {
                        i = self.const_index(k)?;
                    }
                    idxs.push(i);
                    i += 1;
                    n = n.max(i);
                }
                let s = self.f.alloc_n(3);
                self.f.load_word(s, et.index() as u64);
                self.f.load_word(s + 1, n);
                self.f.load_word(s + 2, n);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MakeSlice as u16,
                    base: s,
                });
                for &j in &order {
                    let (el, i) = (&elts[j], idxs[j]);
                    let m = self.f.next;
                    let v = elem_value(self, &el.value, et)?;
                    let ir = self.f.alloc();
                    self.f.load_word(ir, i);
                    self.f.emit(Op::SliceSet { s, i: ir, src: v });
                    self.f.next = m;
                }
                Ok(s)
            }
            Type::Map(kt, vt) => {
                let m = self.f.alloc_n(2);
                self.f.load_word(m, kt.index() as u64);
                self.f.load_word(m + 1, vt.index() as u64);
                self.f.emit(Op::Rt {
                    sub: 0,
                    f: Rt::MapNew as u16,
                    base: m,
                });
                for el in elts {
                    let mark = self.f.next;
                    let Some(k) = &el.key else {
                        return unsupported(el.value.span, "a map literal element without a key");
                    };
                    let kr = elem_value(self, k, kt)?;
                    let vr = elem_value(self, &el.value, vt)?;
                    let w = self.f.alloc_n(3);
                    self.f.emit(Op::Move { dst: w, src: m });
                    self.f.emit(Op::Move {
                        dst: w + 1,
                        src: kr,
                    });
                    self.f.emit(Op::Move {
                        dst: w + 2,
                        src: vr,
                    });
                    self.f.emit(Op::Rt {
                        sub: 0,
                        f: Rt::MapSet as u16,
                        base: w,
                    });
                    self.f.next = mark;
                }
                Ok(m)
            }
            _ => unsupported(e.span, "a composite literal of this type"),
        }
    }

    fn const_index(&self, k: &Expr) -> CResult<u64> {
        match self.info_of(k).map(|i| &i.mode) {
            Some(Mode::Const(v)) => Ok(v.to_i64().unwrap_or(0) as u64),
            _ => unsupported(k.span, "a non-constant index in a literal"),
        }
    }

    /// A function literal: compiles its body as a new function and builds the closure.
    pub(crate) fn func_lit(&mut self, e: &Expr, lit: &FuncLit) -> CResult<Reg> {
        let t = self.ty(e)?;
        let outer_name = self.f.proto.name.clone();
        let n = self.lit_count.entry(outer_name.clone()).or_insert(0);
        *n += 1;
        let name = format!("{outer_name}.func{n}");
        let id = self.new_func(name.clone());
        let mut inner = FuncBuilder::new(name);
        inner.span = lit.body.span;
        inner.boxed_names =
            super::stmt::boxed_names_in(lit.body.stmts.iter(), &|e| self.is_func_range(e));
        inner.has_defer = super::stmt::has_defer(&lit.body.stmts);
        let outer = std::mem::replace(&mut self.f, inner);
        self.outer.push(outer);
        let mut caps = Vec::new();
        let r = (|| {
            self.params(None, &lit.ty, t)?;
            self.block_stmts(&lit.body.stmts)?;
            caps = self.f.captures.clone();
            self.finish_body(id)
        })();
        self.f = self.outer.pop().expect("outer function");
        r?;
        Ok(self.make_closure(id, &caps))
    }

    /// The closure of function `id` over the variables `caps` (their boxes, or aggregate
    /// objects, in capture order), built in the function being compiled.
    pub(crate) fn make_closure(
        &mut self,
        id: crate::bytecode::FuncId,
        caps: &[(String, Var)],
    ) -> Reg {
        let w = self.f.alloc_n(2 + caps.len());
        self.f.load_word(w, id as u64);
        self.f.load_word(w + 1, caps.len() as u64);
        for (i, (name, _)) in caps.iter().enumerate() {
            let v = self
                .name_var(name)
                .expect("captured variable exists outside");
            let src = match v {
                Var::Reg(r, _) | Var::Boxed(r, _) => r,
                Var::Global(..) | Var::Spilled(..) => {
                    unreachable!("globals are not captured; name_var resolves spilled locals")
                }
            };
            self.f.emit(Op::Move {
                dst: w.wrapping_add((i as u16).wrapping_add(2)),
                src,
            });
        }
        self.f.emit(Op::Rt {
            sub: 0,
            f: Rt::MakeClosure as u16,
            base: w,
        });
        w
    }

    /// Looks `n` up in the enclosing functions; if found, records it as a capture of the
    /// function being built (the enclosing function captures it in turn when it builds the
    /// closure) and returns true.
    pub(crate) fn capture(&mut self, n: &str) -> bool {
        let found = self.outer.iter().rev().find_map(|o| {
            o.lookup(n)
                .or_else(|| o.captures.iter().find(|(c, _)| c == n).map(|c| c.1))
        });
        match found {
            Some(v @ (Var::Boxed(..) | Var::Reg(..))) => {
                self.f.captures.push((n.to_string(), v));
                true
            }
            // Captured as what `unspill` makes of it: the box (or aggregate object).
            Some(Var::Spilled(_, t)) => {
                let v = if crate::vm::machine::is_aggregate(&self.types, t) {
                    Var::Reg(0, t)
                } else {
                    Var::Boxed(0, t)
                };
                self.f.captures.push((n.to_string(), v));
                true
            }
            _ => false,
        }
    }
}
