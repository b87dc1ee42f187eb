//! PARSER: the helpers the grammar's actions call. Input: pieces of syntax with their byte
//! positions. Output: AST nodes. Checks the grammar leaves open (a header that must be an
//! expression, parameter lists that mix named and unnamed entries, `<-chan T` written as a
//! receive) are done here and recorded in `Ctx` as diagnostics, so parsing goes on after them.

use super::errors;
use crate::ast::*;
use crate::diag::{codes, Diagnostic};
use crate::lexer::scan::NumKind;
use crate::lexer::{literal, Spanned, Tok};
use crate::span::Span;

/// Parser state shared with the grammar's actions: the diagnostics found so far and the token
/// stream (to describe the context of a syntax error).
pub struct Ctx<'a> {
    pub diags: Vec<Diagnostic>,
    pub tokens: &'a [Spanned<'a>],
    pub src: &'a str,
}

impl Ctx<'_> {
    fn error(&mut self, code: codes::Code, span: Span, msg: impl Into<String>) {
        self.diags.push(Diagnostic::error(code, span, msg));
    }
}

/// A parameter before grouping: `a int` has a name; `int` (or `a` alone) does not.
pub struct Param {
    pub name: Option<Ident>,
    pub ty: Expr,
}

fn sp(l: usize, r: usize) -> Span {
    Span::new(l, r)
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

pub fn prepend<T>(first: T, rest: Vec<T>) -> Vec<T> {
    std::iter::once(first).chain(rest).collect()
}

// ------------------------------------------------------------------ files and declarations

pub fn file(ctx: &mut Ctx, package: Option<Ident>, items: Vec<Item>) -> File {
    if package.is_some() {
        // A package file holds declarations only; Go reports the first statement and stops.
        if let Some(Item::Stmt(s)) = items
            .iter()
            .find(|i| matches!(i, Item::Stmt(s) if s.kind != StmtKind::Bad))
        {
            ctx.error(
                codes::NON_DECL,
                s.span,
                "syntax error: non-declaration statement outside function body",
            );
        }
    }
    // `func f()` then `{` on the next line: a body-less declaration followed by a block.
    for pair in items.windows(2) {
        if let [Item::Func(FuncDecl { body: None, .. }), Item::Stmt(Stmt {
            kind: StmtKind::Block(b),
            ..
        })] = pair
        {
            let at = Span::new(b.span.lo as usize, b.span.lo as usize + 1);
            ctx.error(
                codes::SYNTAX,
                at,
                "syntax error: unexpected semicolon or newline before {",
            );
        }
    }
    let mut seen_other = false;
    for item in &items {
        match item {
            Item::Decl(GenDecl {
                kind: DeclKind::Import(_),
                span,
            }) if seen_other => {
                ctx.error(
                    codes::IMPORT_ORDER,
                    *span,
                    "syntax error: imports must appear before other declarations",
                );
            }
            Item::Decl(GenDecl {
                kind: DeclKind::Import(_),
                ..
            }) => {}
            Item::Stmt(Stmt {
                kind: StmtKind::Bad,
                ..
            }) => {}
            _ => seen_other = true,
        }
    }
    File {
        package,
        items,
        linked_imports: Vec::new(),
    }
}

pub fn gen(kind: DeclKind, l: usize, r: usize) -> GenDecl {
    GenDecl {
        kind,
        span: sp(l, r),
    }
}

pub fn import(name: Option<Ident>, path: (String, Span), l: usize, r: usize) -> ImportSpec {
    ImportSpec {
        name,
        path: path.0,
        path_span: path.1,
        span: sp(l, r),
    }
}

pub fn value_spec(
    names: Vec<Ident>,
    ty: Option<Expr>,
    values: Vec<Expr>,
    l: usize,
    r: usize,
) -> ValueSpec {
    ValueSpec {
        names,
        ty,
        values,
        span: sp(l, r),
    }
}

pub fn type_spec(
    name: Ident,
    tparams: Vec<Field>,
    alias: bool,
    ty: Expr,
    l: usize,
    r: usize,
) -> TypeSpec {
    TypeSpec {
        name,
        tparams,
        alias,
        ty,
        span: sp(l, r),
    }
}

pub fn func_decl(
    recv: Option<Field>,
    name: Ident,
    tparams: Vec<Field>,
    sig: FuncType,
    body: Option<Block>,
    l: usize,
    r: usize,
) -> FuncDecl {
    FuncDecl {
        recv,
        name,
        tparams,
        sig,
        body,
        span: sp(l, r),
    }
}

#[allow(clippy::too_many_arguments)] // one per piece of the grammar production
pub fn method_decl(
    ctx: &mut Ctx,
    mut recv: Vec<Field>,
    name: Ident,
    tparams: Vec<Field>,
    sig: FuncType,
    body: Option<Block>,
    l: usize,
    r: usize,
) -> FuncDecl {
    let count: usize = recv.iter().map(|f| f.names.len().max(1)).sum();
    let recv = if count == 1 {
        recv.pop()
    } else {
        let msg = if count == 0 {
            "method has no receiver"
        } else {
            "method has multiple receivers"
        };
        ctx.error(codes::BAD_SYNTAX_FORM, sp(l, name.span.lo as usize), msg);
        recv.pop()
    };
    func_decl(recv, name, tparams, sig, body, l, r)
}

pub fn field(names: Vec<Ident>, ty: Expr, tag: Option<String>, l: usize, r: usize) -> Field {
    Field {
        names,
        ty,
        tag,
        span: sp(l, r),
    }
}

pub fn unnamed(ty: Expr) -> Field {
    let span = ty.span;
    Field {
        names: vec![],
        ty,
        tag: None,
        span,
    }
}

/// Groups a parameter list. Go's rule: either every entry has a name (`a, b int, c string`, where
/// `a` alone borrows the next type) or none has (`int, string`).
pub fn params(ctx: &mut Ctx, ps: Vec<Param>) -> Vec<Field> {
    let fields = group_params(ctx, ps);
    check_variadic(ctx, &fields);
    fields
}

fn group_params(ctx: &mut Ctx, ps: Vec<Param>) -> Vec<Field> {
    if ps.iter().all(|p| p.name.is_none()) {
        return ps.into_iter().map(|p| unnamed(p.ty)).collect();
    }
    let mut out = Vec::new();
    let mut pending: Vec<Ident> = Vec::new();
    for p in ps {
        match p.name {
            Some(name) => {
                pending.push(name);
                let lo = pending[0].span.lo as usize;
                let names = std::mem::take(&mut pending);
                let hi = p.ty.span.hi as usize;
                out.push(field(names, p.ty, None, lo, hi));
            }
            None => match p.ty.kind {
                ExprKind::Ident(name) => pending.push(Ident {
                    name,
                    span: p.ty.span,
                }),
                _ => {
                    ctx.error(
                        codes::SYNTAX,
                        p.ty.span,
                        "syntax error: mixed named and unnamed parameters",
                    );
                    out.push(unnamed(p.ty));
                }
            },
        }
    }
    if let Some(last) = pending.last() {
        ctx.error(
            codes::SYNTAX,
            last.span,
            "syntax error: missing parameter type",
        );
    }
    out
}

/// `...T` is allowed only on the last parameter.
fn check_variadic(ctx: &mut Ctx, fields: &[Field]) {
    let n = fields.len();
    for (i, f) in fields.iter().enumerate() {
        let variadic = matches!(f.ty.kind, ExprKind::Ellipsis(_));
        if variadic && (i + 1 < n || f.names.len() > 1) {
            ctx.error(
                codes::BAD_SYNTAX_FORM,
                f.ty.span,
                "can only use ... with final parameter",
            );
        }
    }
}

pub fn signature(params: Vec<Field>, results: Vec<Field>, l: usize, r: usize) -> FuncType {
    FuncType {
        params,
        results,
        span: sp(l, r),
    }
}

pub fn func_type_expr(sig: FuncType, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::FuncType(Box::new(sig)), sp(l, r))
}

pub fn method_elem(name: Ident, sig: FuncType, l: usize, r: usize) -> Field {
    let ty = Expr::new(
        ExprKind::FuncType(Box::new(sig)),
        sp(name.span.hi as usize, r),
    );
    field(vec![name], ty, None, l, r)
}

// ------------------------------------------------------------------ types

pub fn array_type(len: Option<Expr>, elem: Expr, l: usize, r: usize) -> Expr {
    Expr::new(
        ExprKind::ArrayType {
            len: len.map(bx),
            elem: bx(elem),
        },
        sp(l, r),
    )
}

pub fn map_type(k: Expr, v: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::MapType(bx(k), bx(v)), sp(l, r))
}

pub fn chan_type(dir: ChanDir, elem: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::ChanType(dir, bx(elem)), sp(l, r))
}

pub fn struct_type(fields: Vec<Field>, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::StructType(fields), sp(l, r))
}

pub fn interface_type(elems: Vec<Field>, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::InterfaceType(elems), sp(l, r))
}

// ------------------------------------------------------------------ expressions

pub fn ident(name: &str, l: usize, r: usize) -> Ident {
    Ident {
        name: name.to_string(),
        span: sp(l, r),
    }
}

pub fn ident_expr(i: Ident) -> Expr {
    Expr::new(ExprKind::Ident(i.name), i.span)
}

pub fn number(src: &str, kind: NumKind, l: usize, r: usize) -> Expr {
    let kind = match kind {
        NumKind::Int => LitKind::Int,
        NumKind::Float => LitKind::Float,
        NumKind::Imag => LitKind::Imag,
    };
    lit(src, kind, l, r)
}

pub fn lit(src: &str, kind: LitKind, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::BasicLit(kind, src[l..r].to_string()), sp(l, r))
}

/// A string literal's value as text (import paths, struct tags); invalid UTF-8 is replaced.
pub fn string_value(src: &str, l: usize, r: usize) -> (String, Span) {
    let bytes = literal::unquote_string(&src[l..r]);
    (String::from_utf8_lossy(&bytes).into_owned(), sp(l, r))
}

pub fn binary(op: BinOp, a: Expr, b: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Binary(op, bx(a), bx(b)), sp(l, r))
}

pub fn unary_plain(op: UnOp, e: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Unary(op, bx(e)), sp(l, r))
}

/// A unary expression. `<-` applied to a channel type is the receive-only channel type, re-associated
/// as Go's parser does: `<-chan chan int` is `<-chan (chan int)`, and `<-chan<- T`... stays an error
/// for the checker.
pub fn unary(op: UnOp, e: Expr, l: usize, r: usize) -> Expr {
    if op == UnOp::Recv {
        if let ExprKind::ChanType(ChanDir::Both, _) = e.kind {
            return recv_chan(e, l, r);
        }
    }
    unary_plain(op, e, l, r)
}

/// Turns `chan T` (just preceded by `<-`) into `<-chan T`. If T is itself a bidirectional channel
/// type, the arrow moves down: `<-chan chan T` means `<-chan (chan T)`, i.e. the outer is receive-only.
fn recv_chan(e: Expr, l: usize, r: usize) -> Expr {
    match e.kind {
        ExprKind::ChanType(ChanDir::Both, elem) => chan_type(ChanDir::Recv, *elem, l, r),
        other => Expr::new(other, e.span),
    }
}

pub fn star(e: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Star(bx(e)), sp(l, r))
}

pub fn paren(e: Expr, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Paren(bx(e)), sp(l, r))
}

pub fn selector(x: Expr, s: Ident, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Selector(bx(x), s), sp(l, r))
}

pub fn index(x: Expr, i: Vec<Expr>, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::Index(bx(x), i), sp(l, r))
}

pub fn slice(
    x: Expr,
    lo: Option<Expr>,
    hi: Option<Expr>,
    max: Option<Expr>,
    l: usize,
    r: usize,
) -> Expr {
    Expr::new(
        ExprKind::Slice {
            x: bx(x),
            lo: lo.map(bx),
            hi: hi.map(bx),
            max: max.map(bx),
        },
        sp(l, r),
    )
}

pub fn type_assert(x: Expr, t: Option<Expr>, l: usize, r: usize) -> Expr {
    Expr::new(ExprKind::TypeAssert(bx(x), t.map(bx)), sp(l, r))
}

pub fn call(func: Expr, args: (Vec<Expr>, bool), l: usize, r: usize) -> Expr {
    Expr::new(
        ExprKind::Call {
            func: bx(func),
            args: args.0,
            ellipsis: args.1,
        },
        sp(l, r),
    )
}

/// `T{...}`. The grammar accepts any primary expression before `{`; Go's parser accepts only
/// those that could denote a type (names, selectors, instantiations, type literals).
pub fn composite(ctx: &mut Ctx, ty: Option<Expr>, elts: Vec<Element>, l: usize, r: usize) -> Expr {
    if let Some(t) = &ty {
        let mut inner = t;
        while let ExprKind::Paren(x) = &inner.kind {
            inner = x;
        }
        let ok = matches!(
            inner.kind,
            ExprKind::Ident(_)
                | ExprKind::Selector(..)
                | ExprKind::Index(..)
                | ExprKind::ArrayType { .. }
                | ExprKind::MapType(..)
                | ExprKind::StructType(..)
                | ExprKind::Bad
        );
        if !ok {
            let at = Span::new(t.span.hi as usize, t.span.hi as usize + 1);
            ctx.error(
                codes::SYNTAX,
                at,
                "syntax error: unexpected { at end of statement",
            );
        } else if matches!(t.kind, ExprKind::Paren(_)) {
            let msg = "syntax error: cannot parenthesize type in composite literal";
            ctx.error(codes::SYNTAX, t.span, msg);
        }
    }
    Expr::new(
        ExprKind::CompositeLit {
            ty: ty.map(bx),
            elts,
        },
        sp(l, r),
    )
}

// ------------------------------------------------------------------ statements

/// `go f()` / `defer f()`: Go rejects a parenthesized operand (`go (f())`).
pub fn go_defer(ctx: &mut Ctx, go: bool, e: Expr, l: usize, r: usize) -> Stmt {
    if matches!(e.kind, ExprKind::Paren(_)) {
        let what = if go { "go" } else { "defer" };
        ctx.error(
            codes::BAD_SYNTAX_FORM,
            e.span,
            format!("expression in {what} must not be parenthesized"),
        );
    }
    let kind = if go {
        StmtKind::Go(e)
    } else {
        StmtKind::Defer(e)
    };
    Stmt::new(kind, sp(l, r))
}

/// A label needs a statement, except right before a closing `}` (Go accepts `L: }`).
pub fn labeled_checked(ctx: &mut Ctx, label: Ident, s: Option<Stmt>, l: usize, r: usize) -> Stmt {
    if s.is_none() {
        let at = ctx.tokens.partition_point(|(lo, _, _)| *lo < r);
        let next = ctx.tokens.get(at).map(|(_, t, _)| *t);
        if matches!(next, Some(Tok::Case | Tok::Default)) {
            ctx.error(
                codes::SYNTAX,
                label.span,
                "syntax error: missing statement after label",
            );
        }
    }
    labeled(label, s, l, r)
}

pub fn labeled(label: Ident, s: Option<Stmt>, l: usize, r: usize) -> Stmt {
    let s = s.unwrap_or_else(|| Stmt::new(StmtKind::Empty, sp(r, r)));
    Stmt::new(StmtKind::Labeled(label, Box::new(s)), sp(l, r))
}

pub fn branch(kind: BranchKind, label: Option<Ident>, l: usize, r: usize) -> Stmt {
    Stmt::new(StmtKind::Branch(kind, label), sp(l, r))
}

pub fn assign(lhs: Vec<Expr>, op: AssignOp, rhs: Vec<Expr>, l: usize, r: usize) -> Stmt {
    Stmt::new(StmtKind::Assign { lhs, op, rhs }, sp(l, r))
}

/// A header's condition must be an expression: `if x := 1 {` is Go's "cannot use x := 1 as value".
fn header_expr(ctx: &mut Ctx, s: Stmt) -> Expr {
    match s.kind {
        StmtKind::Expr(e) => e,
        _ => {
            let text = stmt_text(ctx, &s);
            ctx.error(
                codes::SYNTAX,
                s.span,
                format!("syntax error: cannot use {text} as value"),
            );
            Expr::new(ExprKind::Bad, s.span)
        }
    }
}

/// Source text of a statement, for messages (`x := 1`): its tokens joined by single spaces.
fn stmt_text(ctx: &Ctx, s: &Stmt) -> String {
    // Tokens are sorted by position: find the first by binary search (no scan per error).
    let from = ctx
        .tokens
        .partition_point(|(lo, _, _)| *lo < s.span.lo as usize);
    let toks: Vec<String> = ctx.tokens[from..]
        .iter()
        .take_while(|(_, _, hi)| *hi <= s.span.hi as usize)
        .map(|(lo, _, hi)| ctx.src[*lo..*hi].to_string())
        .collect();
    errors::join_tokens(&toks)
}

pub fn if_stmt(
    ctx: &mut Ctx,
    init: Option<Stmt>,
    cond: Option<Stmt>,
    then: Block,
    els: Option<Stmt>,
    l: usize,
    r: usize,
) -> Stmt {
    let cond = match cond {
        Some(c) => header_expr(ctx, c),
        None => {
            ctx.error(
                codes::SYNTAX,
                then.span,
                "syntax error: missing condition in if statement",
            );
            Expr::new(ExprKind::Bad, then.span)
        }
    };
    let kind = StmtKind::If(Box::new(IfStmt {
        init: init.map(Box::new),
        cond,
        then,
        els: els.map(Box::new),
    }));
    Stmt::new(kind, sp(l, r))
}

#[allow(clippy::too_many_arguments)]
pub fn if_stmt_init(
    ctx: &mut Ctx,
    init: Option<Stmt>,
    _semi: usize,
    cond: Option<Stmt>,
    then: Block,
    els: Option<Stmt>,
    l: usize,
    r: usize,
) -> Stmt {
    if_stmt(ctx, init, cond, then, els, l, r)
}

pub fn for_stmt(
    init: Option<Stmt>,
    cond: Option<Expr>,
    post: Option<Stmt>,
    body: Block,
    l: usize,
    r: usize,
) -> Stmt {
    let kind = StmtKind::For(Box::new(ForStmt {
        init: init.map(Box::new),
        cond,
        post: post.map(Box::new),
        body,
    }));
    Stmt::new(kind, sp(l, r))
}

pub fn for_cond(ctx: &mut Ctx, c: Stmt, body: Block, l: usize, r: usize) -> Stmt {
    let cond = match c.kind {
        StmtKind::Expr(e) => e,
        _ => {
            ctx.error(
                codes::SYNTAX,
                c.span,
                "syntax error: expected for loop condition",
            );
            Expr::new(ExprKind::Bad, c.span)
        }
    };
    for_stmt(None, Some(cond), None, body, l, r)
}

pub fn for_clause(
    ctx: &mut Ctx,
    init: Option<Stmt>,
    cond: Option<Stmt>,
    post: Option<Stmt>,
    body: Block,
    l: usize,
    r: usize,
) -> Stmt {
    let cond = cond.map(|c| header_expr(ctx, c));
    if let Some(Stmt {
        kind: StmtKind::Assign {
            op: AssignOp::Define,
            ..
        },
        span,
    }) = &post
    {
        ctx.error(
            codes::SYNTAX,
            *span,
            "syntax error: cannot declare in post statement of for loop",
        );
    }
    for_stmt(init, cond, post, body, l, r)
}

pub fn range_stmt(
    ctx: &mut Ctx,
    lhs: Vec<Expr>,
    define: bool,
    x: Expr,
    body: Block,
    l: usize,
    r: usize,
) -> Stmt {
    if lhs.len() > 2 {
        ctx.error(
            codes::SYNTAX,
            lhs[2].span,
            "range clause permits at most two iteration variables",
        );
    }
    let mut it = lhs.into_iter();
    let (key, value) = (it.next(), it.next());
    Stmt::new(
        StmtKind::Range(Box::new(RangeStmt {
            key,
            value,
            define,
            x,
            body,
        })),
        sp(l, r),
    )
}

/// `switch [init;] [tag] {`: the tag may be an expression, or a type switch guard
/// `x.(type)` / `v := x.(type)`.
pub fn switch_stmt(
    ctx: &mut Ctx,
    init: Option<Option<Stmt>>,
    tag: Option<Stmt>,
    cases: Vec<CaseClause>,
    l: usize,
    r: usize,
) -> Stmt {
    let init = init.flatten().map(Box::new);
    let span = sp(l, r);
    let Some(tag) = tag else {
        return Stmt::new(
            StmtKind::Switch(Box::new(SwitchStmt {
                init,
                tag: None,
                cases,
            })),
            span,
        );
    };
    match tag.kind {
        StmtKind::Expr(Expr {
            kind: ExprKind::TypeAssert(x, None),
            ..
        }) => Stmt::new(
            StmtKind::TypeSwitch(Box::new(TypeSwitchStmt {
                init,
                bind: None,
                x: *x,
                cases,
            })),
            span,
        ),
        StmtKind::Assign {
            ref lhs,
            op: AssignOp::Define,
            ref rhs,
        } if lhs.len() == 1
            && rhs.len() == 1
            && matches!(lhs[0].kind, ExprKind::Ident(_))
            && matches!(rhs[0].kind, ExprKind::TypeAssert(_, None)) =>
        {
            let StmtKind::Assign {
                mut lhs, mut rhs, ..
            } = tag.kind
            else {
                unreachable!()
            };
            let (
                Some(Expr {
                    kind: ExprKind::Ident(name),
                    span: nspan,
                }),
                Some(Expr {
                    kind: ExprKind::TypeAssert(x, None),
                    ..
                }),
            ) = (lhs.pop(), rhs.pop())
            else {
                unreachable!("guarded by the match above")
            };
            let bind = Some(Ident { name, span: nspan });
            Stmt::new(
                StmtKind::TypeSwitch(Box::new(TypeSwitchStmt {
                    init,
                    bind,
                    x: *x,
                    cases,
                })),
                span,
            )
        }
        _ => {
            let tag = header_expr(ctx, tag);
            Stmt::new(
                StmtKind::Switch(Box::new(SwitchStmt {
                    init,
                    tag: Some(tag),
                    cases,
                })),
                span,
            )
        }
    }
}

/// A select case must be a send, a receive, or an assignment/definition from a receive.
pub fn comm_clause(
    ctx: &mut Ctx,
    comm: Option<Stmt>,
    body: Vec<Stmt>,
    l: usize,
    r: usize,
) -> CommClause {
    if let Some(c) = &comm {
        // "The RecvExpr must be a (possibly parenthesized) receive operation."
        fn is_recv(e: &Expr) -> bool {
            match &e.kind {
                ExprKind::Unary(UnOp::Recv, _) => true,
                ExprKind::Paren(x) => is_recv(x),
                _ => false,
            }
        }
        let ok = match &c.kind {
            StmtKind::Send(..) => true,
            StmtKind::Expr(e) => is_recv(e),
            StmtKind::Assign {
                op: AssignOp::Assign | AssignOp::Define,
                lhs,
                rhs,
            } => lhs.len() <= 2 && rhs.len() == 1 && is_recv(&rhs[0]),
            _ => false,
        };
        if !ok {
            ctx.error(
                codes::SYNTAX,
                c.span,
                "select case must be send or receive (possibly with assignment)",
            );
        }
    }
    CommClause {
        comm: comm.map(Box::new),
        body,
        span: sp(l, r),
    }
}

// ------------------------------------------------------------------ malformed forms Go names

pub fn import_without_path(ctx: &mut Ctx, name: Ident, l: usize, r: usize) -> ImportSpec {
    ctx.error(codes::BAD_SYNTAX_FORM, name.span, "missing import path");
    ImportSpec {
        name: None,
        path: String::new(),
        path_span: name.span,
        span: sp(l, r),
    }
}

pub fn paren_embedded(ctx: &mut Ctx, t: Expr, tag: Option<String>, l: usize, r: usize) -> Field {
    ctx.error(
        codes::SYNTAX,
        sp(l, r),
        "syntax error: cannot parenthesize embedded type",
    );
    field(vec![], t, tag, l, r)
}

/// `x[lo:hi:max]`: Go requires both the middle and the final index.
#[allow(clippy::too_many_arguments)]
pub fn slice3(
    ctx: &mut Ctx,
    x: Expr,
    lo: Option<Expr>,
    hi: Option<Expr>,
    colon: usize,
    max: Option<Expr>,
    l: usize,
    r: usize,
) -> Expr {
    if hi.is_none() {
        ctx.error(
            codes::BAD_SYNTAX_FORM,
            sp(colon, colon + 1),
            "middle index required in 3-index slice",
        );
    }
    if max.is_none() {
        ctx.error(
            codes::BAD_SYNTAX_FORM,
            sp(r - 1, r),
            "final index required in 3-index slice",
        );
    }
    let bad = || Expr::new(ExprKind::Bad, sp(colon, colon + 1));
    slice(
        x,
        lo,
        Some(hi.unwrap_or_else(bad)),
        Some(max.unwrap_or_else(bad)),
        l,
        r,
    )
}
