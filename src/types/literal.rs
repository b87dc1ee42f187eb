//! CHECKER: composite literals. Input: a literal's type (when known) and its elements. Output:
//! Go's errors for a type that has no literals (`invalid composite literal type int`), struct
//! literals (`unknown field z in struct literal of type P` — promoted fields are keys too, as of
//! Go 1.27, `too few / too many values in struct
//! literal of type P`, `mixture of field:value and value elements in struct literal`, `duplicate
//! field name x in struct literal`), array and slice literals (`duplicate index 0 in array or slice
//! literal`, `invalid argument: index 5 out of bounds [0:3]`, `index 2 is out of bounds (>= 2)`)
//! and map literals with constant keys (`duplicate key 1 in map literal`).

use super::check::codes;
use super::operand::{Mode, Operand, COMPILER};
use super::resolve::Resolver;
use super::ty::{Type, TypeId};
use crate::ast::*;
use crate::span::Span;
use std::collections::HashSet;

impl Resolver<'_, '_> {
    pub(super) fn literal_checks(&mut self, ty_expr: &Expr, t: TypeId, elts: &[Element]) {
        let text = self.c.source_text(ty_expr);
        self.literal_checks_of(&text, ty_expr.span, t, elts);
    }

    /// `literal_checks` for a literal whose type is spelled `text` at `at` (for an elided
    /// literal: the element type as Go prints it, at the literal's brace).
    fn literal_checks_of(&mut self, text: &str, at: Span, t: TypeId, elts: &[Element]) {
        let types = &self.c.types;
        if t == TypeId::INVALID || types.underlying(t) == TypeId::INVALID {
            return;
        }
        let shown = types.display(t, COMPILER);
        match types.get(types.underlying(t)).clone() {
            Type::Struct(fields) => {
                let foreign = self.c.user_code(at) && self.c.foreign_named(t);
                self.struct_literal(&shown, &fields, elts, foreign)
            }
            Type::Array(n, _) => self.array_literal(Some(n), elts),
            Type::Slice(_) => self.array_literal(None, elts),
            Type::Map(..) => self.map_literal(elts),
            _ => {
                self.c.error(
                    codes::ASSIGN,
                    at,
                    format!("invalid composite literal type {text}"),
                );
            }
        }
    }

    /// `foreign`: the literal is in user code and its type is another package's, whose
    /// unexported fields it cannot set.
    fn struct_literal(
        &mut self,
        shown: &str,
        fields: &[super::ty::Field],
        elts: &[Element],
        foreign: bool,
    ) {
        let keyed = elts.iter().filter(|e| e.key.is_some()).count();
        if keyed > 0 && keyed < elts.len() {
            let at = elts[0].value.span;
            self.c.error(
                codes::ASSIGN,
                at,
                "mixture of field:value and value elements in struct literal",
            );
            return;
        }
        let hidden = |name: &str| foreign && !name.starts_with(|c: char| c.is_uppercase());
        if keyed == 0 {
            if let Some((f, el)) = fields.iter().zip(elts).find(|(f, _)| hidden(&f.name)) {
                let d = format!(
                    "implicit assignment to unexported field {} in struct literal of type {shown}",
                    f.name
                );
                self.c.error(codes::ASSIGN, el.value.span, d);
                return;
            }
            if !elts.is_empty() && elts.len() < fields.len() {
                let at = elts
                    .last()
                    .map_or(crate::span::Span::default(), |e| e.value.span);
                self.c.error(
                    codes::ASSIGN,
                    at,
                    format!("too few values in struct literal of type {shown}"),
                );
            } else if elts.len() > fields.len() {
                let at = elts[fields.len()].value.span;
                self.c.error(
                    codes::ASSIGN,
                    at,
                    format!("too many values in struct literal of type {shown}"),
                );
            }
            return;
        }
        let mut seen = HashSet::new();
        for el in elts {
            let Some(k) = &el.key else { continue };
            let ExprKind::Ident(name) = &k.kind else {
                let text = self.c.source_text(k);
                self.c.error(
                    codes::UNDEFINED,
                    k.span,
                    format!("invalid field name {text} in struct literal"),
                );
                continue;
            };
            let unknown = hidden(name)
                || !fields.iter().any(|f| &f.name == name) && !self.promoted_field(fields, name, 0);
            if unknown {
                self.c.error(
                    codes::UNDEFINED,
                    k.span,
                    format!("unknown field {name} in struct literal of type {shown}"),
                );
            } else if !seen.insert(name.clone()) {
                self.c.error(
                    codes::ASSIGN,
                    k.span,
                    format!("duplicate field name {name} in struct literal"),
                );
            }
        }
    }

    /// Whether `name` is a field promoted through embedded structs (Go 1.27 accepts promoted
    /// fields as keys), or might be (an embedded type not described yet).
    fn promoted_field(&self, fields: &[super::ty::Field], name: &str, depth: u32) -> bool {
        if depth > 8 {
            return true;
        }
        fields.iter().filter(|f| f.embedded).any(|f| {
            let t = match self.c.types.get(f.ty) {
                Type::Pointer(p) => *p,
                _ => f.ty,
            };
            let u = self.c.types.underlying(t);
            match self.c.types.get(u) {
                Type::Struct(inner) => {
                    inner.iter().any(|g| g.name == name)
                        || self.promoted_field(inner, name, depth + 1)
                }
                Type::Invalid => true,
                _ => false,
            }
        })
    }

    /// Every element's value (and every map key) must be assignable to the field, element or key
    /// type: `cannot use z (variable of type int) as *int value in struct literal`. Elided inner
    /// literals (`{1, 2}` in `[][]int{{1, 2}}`, `&T{}` elided as `{}` for a `*T` element) are
    /// checked as literals of the element type. Values were typed by `elements` already (their
    /// operands are recorded in `Info`); this pass only compares.
    /// `spell` is the literal's type expression when written (Go's messages spell element types
    /// as written: `byte`, not `uint8`).
    pub(super) fn literal_values(&mut self, t: TypeId, spell: Option<&Expr>, elts: &[Element]) {
        let spell = spell.map(unparen);
        let (key_spell, elem_spell) = match spell.map(|e| &e.kind) {
            Some(ExprKind::ArrayType { elem, .. }) => (None, Some(elem.as_ref())),
            Some(ExprKind::MapType(k, v)) => (Some(k.as_ref()), Some(v.as_ref())),
            _ => (None, None),
        };
        let types = &self.c.types;
        if t == TypeId::INVALID || types.underlying(t) == TypeId::INVALID {
            return;
        }
        match types.get(types.underlying(t)).clone() {
            Type::Struct(fields) => {
                let keyed = elts.iter().any(|e| e.key.is_some());
                for (i, el) in elts.iter().enumerate() {
                    let want = match (&el.key, keyed) {
                        (Some(k), _) => match &k.kind {
                            ExprKind::Ident(name) => self.keyed_field_type(&fields, name),
                            _ => TypeId::INVALID,
                        },
                        (None, false) => fields.get(i).map_or(TypeId::INVALID, |f| f.ty),
                        (None, true) => TypeId::INVALID,
                    };
                    if let ExprKind::CompositeLit { ty: None, .. } = &el.value.kind {
                        // Only array, slice and map literals may elide their elements' types.
                        let at = el.value.span;
                        self.c
                            .error(codes::ASSIGN, at, "missing type in composite literal");
                        continue;
                    }
                    self.literal_value(&el.value, want, None, "struct literal");
                }
            }
            Type::Array(_, el) | Type::Slice(el) => {
                for e in elts {
                    self.literal_value(&e.value, el, elem_spell, "array or slice literal");
                }
            }
            Type::Map(k, v) => {
                for e in elts {
                    if let Some(key) = &e.key {
                        self.literal_value(key, k, key_spell, "map literal");
                    }
                    self.literal_value(&e.value, v, elem_spell, "map literal");
                }
            }
            _ => {}
        }
    }

    /// One element against the type it must have (`INVALID`: unknown, nothing to check).
    fn literal_value(&mut self, v: &Expr, want: TypeId, spell: Option<&Expr>, context: &str) {
        if want == TypeId::INVALID {
            return;
        }
        if let ExprKind::CompositeLit { ty: None, elts } = &v.kind {
            // Elided type: the element type itself, or `T` for an element type `*T`.
            let types = &self.c.types;
            let inner = match types.get(want) {
                Type::Pointer(p) => *p,
                _ => want,
            };
            let shown = types.display(inner, COMPILER);
            if !matches!(
                types.get(types.underlying(inner)),
                Type::Struct(_) | Type::Array(..) | Type::Slice(_) | Type::Map(..) | Type::Invalid
            ) {
                let d = format!("invalid composite literal element type {shown}");
                self.c.error(codes::ASSIGN, v.span, d);
                return;
            }
            self.literal_checks_of(&shown, v.span, inner, elts);
            let inner_spell = spell.map(unparen).map(|t| match &t.kind {
                ExprKind::Star(x) => x.as_ref(),
                _ => t,
            });
            self.literal_values(inner, inner_spell, elts);
            return;
        }
        let Some(info) = self.c.info.get(v) else {
            return;
        };
        let op = super::operand::Operand {
            mode: info.mode.clone(),
            ty: info.ty,
        };
        let spelled = match spell.map(|e| &e.kind) {
            Some(ExprKind::Ident(n)) => Some(n.clone()),
            _ => None,
        };
        self.assign_to_spelled(&op, v, want, context, spelled);
    }

    /// The type of the field a struct literal's key names: a field of the struct, or the one
    /// promoted at the shallowest depth (`INVALID` if unknown or ambiguous: nothing is checked).
    fn keyed_field_type(&self, fields: &[super::ty::Field], name: &str) -> TypeId {
        let types = &self.c.types;
        let mut level: Vec<&[super::ty::Field]> = vec![fields];
        for _ in 0..8 {
            let found: Vec<TypeId> = level
                .iter()
                .flat_map(|fs| fs.iter().filter(|f| f.name == name).map(|f| f.ty))
                .collect();
            match found.len() {
                1 => return found[0],
                0 => {}
                _ => return TypeId::INVALID,
            }
            let mut next = Vec::new();
            for fs in &level {
                for f in fs.iter().filter(|f| f.embedded) {
                    let t = match types.get(f.ty) {
                        Type::Pointer(p) => *p,
                        _ => f.ty,
                    };
                    match types.get(types.underlying(t)) {
                        Type::Struct(inner) => next.push(inner.as_slice()),
                        Type::Invalid => return TypeId::INVALID,
                        _ => {}
                    }
                }
            }
            if next.is_empty() {
                return TypeId::INVALID;
            }
            level = next;
        }
        TypeId::INVALID
    }

    /// Indices of an array (`len: Some`) or slice literal: constant keys, positions after them.
    pub(super) fn array_literal(&mut self, len: Option<u64>, elts: &[Element]) {
        let locals = self.visible_locals();
        let mut next: i128 = 0;
        let mut seen = HashSet::new();
        for el in elts {
            let index = match &el.key {
                Some(k) => {
                    let Some(c) = self.c.const_expr(k, None, &|n| locals.contains(n)) else {
                        // Not a constant: Go's error, unless nothing is known of it (an error
                        // already reported).
                        let known = self.c.info.get(k).is_some_and(|i| {
                            i.ty != TypeId::INVALID
                                && matches!(i.mode, Mode::Var | Mode::Value | Mode::MapIndex)
                        });
                        if known {
                            let d =
                                format!("index {} must be integer constant", self.c.source_text(k));
                            self.c.error(codes::ASSIGN, k.span, d);
                        }
                        return;
                    };
                    // An integer, or an untyped constant that converts to int (Go's messages:
                    // `1.5 (untyped float constant) truncated to int`, `... overflows int`).
                    let o = Operand {
                        mode: Mode::Const(c.value.clone()),
                        ty: c.ty,
                    };
                    if !self.valid_index(k, &o) {
                        return;
                    }
                    let Some(i) = c.value.to_i64().or_else(|| {
                        super::constant::representable(&c.value, super::constant::BasicKind::Int)
                            .ok()
                            .and_then(|v| v.to_i64())
                    }) else {
                        return;
                    };
                    if i < 0 {
                        let d = format!(
                            "invalid argument: index {} (constant of type int) must not be negative",
                            self.c.source_text(k)
                        );
                        self.c.error(codes::ASSIGN, k.span, d);
                        return;
                    }
                    if let Some(n) = len {
                        if i as u64 >= n {
                            self.c.error(
                                codes::ASSIGN,
                                k.span,
                                format!("invalid argument: index {i} out of bounds [0:{n}]"),
                            );
                            return;
                        }
                    }
                    i as i128
                }
                None => {
                    if let Some(n) = len {
                        if next >= n as i128 {
                            self.c.error(
                                codes::ASSIGN,
                                el.value.span,
                                format!("index {next} is out of bounds (>= {n})"),
                            );
                            return;
                        }
                    }
                    next
                }
            };
            if !seen.insert(index) {
                let at = el.key.as_ref().map_or(el.value.span, |k| k.span);
                self.c.error(
                    codes::ASSIGN,
                    at,
                    format!("duplicate index {index} in array or slice literal"),
                );
            }
            next = index + 1;
        }
    }

    fn map_literal(&mut self, elts: &[Element]) {
        let locals = self.visible_locals();
        let mut seen = super::constant::ConstSet::new();
        for el in elts {
            let Some(k) = &el.key else { continue };
            let Some(c) = self.c.const_expr(k, None, &|n| locals.contains(n)) else {
                continue;
            };
            if !seen.insert(&c.value) {
                let text = self.c.source_text(k);
                self.c.error(
                    codes::ASSIGN,
                    k.span,
                    format!("duplicate key {text} in map literal"),
                );
            }
        }
    }

    /// A constant index into an array: within its bounds, not negative.
    pub(super) fn check_const_index(&mut self, i: &Expr, len: u64) {
        let locals = self.visible_locals();
        let before = self.c.diags.len();
        let c = self.c.const_expr(i, None, &|n| locals.contains(n));
        self.c.diags.truncate(before);
        let Some(c) = c else { return };
        let Some(v) = c.value.to_i64() else { return };
        if v < 0 {
            let d = format!(
                "invalid argument: index {} (constant of type int) must not be negative",
                self.c.source_text(i)
            );
            self.c.error(codes::ASSIGN, i.span, d);
        } else if v as u64 >= len {
            self.c.error(
                codes::ASSIGN,
                i.span,
                format!("invalid argument: index {v} out of bounds [0:{len}]"),
            );
        }
    }
}

fn unparen(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::Paren(x) => unparen(x),
        _ => e,
    }
}
