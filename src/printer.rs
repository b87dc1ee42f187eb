//! AST → stable, readable text (`gol ast FILE`, snapshot tests). One node per line, children
//! indented by two spaces, each line ending with the node's `LINE:COL`. The format is a contract
//! for the snapshots: change it only together with them.

use crate::ast::*;
use crate::span::{Source, Span};
use std::fmt::Write;

pub fn print_file(src: &Source, file: &File) -> String {
    let mut p = Printer {
        src,
        out: String::new(),
        depth: 0,
    };
    match &file.package {
        Some(pkg) => p.line(&format!("package {}", pkg.name), pkg.span),
        None => p.line("script", Span::default()),
    }
    for item in &file.items {
        p.item(item);
    }
    p.out
}

struct Printer<'a> {
    src: &'a Source,
    out: String,
    depth: usize,
}

impl Printer<'_> {
    fn line(&mut self, text: &str, span: Span) {
        let (l, c) = self.src.line_col(span.lo);
        let _ = writeln!(
            self.out,
            "{:indent$}{text} @{l}:{c}",
            "",
            indent = self.depth * 2
        );
    }

    fn nest(&mut self, f: impl FnOnce(&mut Self)) {
        self.depth += 1;
        f(self);
        self.depth -= 1;
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Decl(d) => self.decl(d),
            Item::Func(f) => self.func(f),
            Item::Stmt(s) => self.stmt(s),
        }
    }

    fn decl(&mut self, d: &GenDecl) {
        match &d.kind {
            DeclKind::Import(specs) => {
                self.line("import", d.span);
                self.nest(|p| {
                    for s in specs {
                        let name = s
                            .name
                            .as_ref()
                            .map(|n| format!("{} ", n.name))
                            .unwrap_or_default();
                        p.line(&format!("{name}{:?}", s.path), s.span);
                    }
                });
            }
            DeclKind::Const(specs) | DeclKind::Var(specs) => {
                let kw = if matches!(d.kind, DeclKind::Const(_)) {
                    "const"
                } else {
                    "var"
                };
                self.line(kw, d.span);
                self.nest(|p| {
                    for s in specs {
                        p.line(&format!("spec {}", names(&s.names)), s.span);
                        p.nest(|p| {
                            if let Some(t) = &s.ty {
                                p.labeled("type", t);
                            }
                            p.exprs(&s.values);
                        });
                    }
                });
            }
            DeclKind::Type(specs) => {
                self.line("type", d.span);
                self.nest(|p| {
                    for s in specs {
                        let alias = if s.alias { " =" } else { "" };
                        p.line(&format!("spec {}{alias}", s.name.name), s.span);
                        p.nest(|p| {
                            p.fields("tparams", &s.tparams);
                            p.expr(&s.ty);
                        });
                    }
                });
            }
        }
    }

    fn func(&mut self, f: &FuncDecl) {
        self.line(&format!("func {}", f.name.name), f.span);
        self.nest(|p| {
            if let Some(r) = &f.recv {
                p.fields("recv", std::slice::from_ref(r));
            }
            p.fields("tparams", &f.tparams);
            p.sig(&f.sig);
            if let Some(b) = &f.body {
                p.block(b);
            }
        });
    }

    fn sig(&mut self, s: &FuncType) {
        self.fields("params", &s.params);
        self.fields("results", &s.results);
    }

    fn fields(&mut self, label: &str, fs: &[Field]) {
        if fs.is_empty() {
            return;
        }
        self.line(label, fs[0].span);
        self.nest(|p| {
            for f in fs {
                let tag = f
                    .tag
                    .as_ref()
                    .map(|t| format!(" tag={t:?}"))
                    .unwrap_or_default();
                p.line(&format!("field {}{tag}", names(&f.names)), f.span);
                p.nest(|p| p.expr(&f.ty));
            }
        });
    }

    fn block(&mut self, b: &Block) {
        self.line("block", b.span);
        self.nest(|p| {
            for s in &b.stmts {
                p.stmt(s);
            }
        });
    }

    fn opt_stmt(&mut self, label: &str, s: &Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.line(label, s.span);
            self.nest(|p| p.stmt(s));
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        use StmtKind::*;
        match &s.kind {
            Bad => self.line("BadStmt", s.span),
            Empty => self.line("empty", s.span),
            Decl(d) => self.decl(d),
            Labeled(l, inner) => {
                self.line(&format!("label {}", l.name), s.span);
                self.nest(|p| p.stmt(inner));
            }
            Expr(e) => {
                self.line("expr", s.span);
                self.nest(|p| p.expr(e));
            }
            Send(c, v) => {
                self.line("send", s.span);
                self.nest(|p| {
                    p.expr(c);
                    p.expr(v);
                });
            }
            IncDec(e, inc) => {
                self.line(if *inc { "inc" } else { "dec" }, s.span);
                self.nest(|p| p.expr(e));
            }
            Assign { lhs, op, rhs } => {
                let op = match op {
                    AssignOp::Assign => "=".to_string(),
                    AssignOp::Define => ":=".to_string(),
                    AssignOp::Op(b) => format!("{}=", binop(*b)),
                };
                self.line(&format!("assign {op}"), s.span);
                self.nest(|p| {
                    p.exprs(lhs);
                    p.exprs(rhs);
                });
            }
            Go(e) | Defer(e) => {
                self.line(
                    if matches!(s.kind, Go(_)) {
                        "go"
                    } else {
                        "defer"
                    },
                    s.span,
                );
                self.nest(|p| p.expr(e));
            }
            Return(es) => {
                self.line("return", s.span);
                self.nest(|p| p.exprs(es));
            }
            Branch(k, label) => {
                let l = label
                    .as_ref()
                    .map(|l| format!(" {}", l.name))
                    .unwrap_or_default();
                self.line(&format!("{k:?}{l}").to_lowercase(), s.span);
            }
            Block(b) => self.block(b),
            If(b) => {
                let IfStmt {
                    init,
                    cond,
                    then,
                    els,
                } = &**b;
                self.line("if", s.span);
                self.nest(|p| {
                    p.opt_stmt("init", init);
                    p.labeled("cond", cond);
                    p.block(then);
                    p.opt_stmt("else", els);
                });
            }
            Switch(b) => {
                let SwitchStmt { init, tag, cases } = &**b;
                self.line("switch", s.span);
                self.nest(|p| {
                    p.opt_stmt("init", init);
                    if let Some(t) = tag {
                        p.labeled("tag", t);
                    }
                    p.cases(cases);
                });
            }
            TypeSwitch(b) => {
                let TypeSwitchStmt {
                    init,
                    bind,
                    x,
                    cases,
                } = &**b;
                let b = bind
                    .as_ref()
                    .map(|b| format!(" {} :=", b.name))
                    .unwrap_or_default();
                self.line(&format!("typeswitch{b}"), s.span);
                self.nest(|p| {
                    p.opt_stmt("init", init);
                    p.labeled("x", x);
                    p.cases(cases);
                });
            }
            Select(cs) => {
                self.line("select", s.span);
                self.nest(|p| {
                    for c in cs {
                        p.line(if c.comm.is_some() { "case" } else { "default" }, c.span);
                        p.nest(|p| {
                            if let Some(comm) = &c.comm {
                                p.stmt(comm);
                            }
                            p.line("body", c.span);
                            p.nest(|p| c.body.iter().for_each(|s| p.stmt(s)));
                        });
                    }
                });
            }
            For(b) => {
                let ForStmt {
                    init,
                    cond,
                    post,
                    body,
                } = &**b;
                self.line("for", s.span);
                self.nest(|p| {
                    p.opt_stmt("init", init);
                    if let Some(c) = cond {
                        p.labeled("cond", c);
                    }
                    p.opt_stmt("post", post);
                    p.block(body);
                });
            }
            Range(b) => {
                let RangeStmt {
                    key,
                    value,
                    define,
                    x,
                    body,
                } = &**b;
                self.line(if *define { "range :=" } else { "range" }, s.span);
                self.nest(|p| {
                    if let Some(k) = key {
                        p.labeled("key", k);
                    }
                    if let Some(v) = value {
                        p.labeled("value", v);
                    }
                    p.labeled("x", x);
                    p.block(body);
                });
            }
        }
    }

    fn cases(&mut self, cases: &[CaseClause]) {
        for c in cases {
            self.line(if c.exprs.is_some() { "case" } else { "default" }, c.span);
            self.nest(|p| {
                if let Some(es) = &c.exprs {
                    p.exprs(es);
                }
                for s in &c.body {
                    p.stmt(s);
                }
            });
        }
    }

    fn labeled(&mut self, label: &str, e: &Expr) {
        self.line(label, e.span);
        self.nest(|p| p.expr(e));
    }

    fn exprs(&mut self, es: &[Expr]) {
        for e in es {
            self.expr(e);
        }
    }

    fn opt(&mut self, label: &str, e: &Option<Box<Expr>>) {
        if let Some(e) = e {
            self.labeled(label, e);
        }
    }

    fn expr(&mut self, e: &Expr) {
        use ExprKind::*;
        match &e.kind {
            Bad => self.line("BadExpr", e.span),
            Ident(n) => self.line(&format!("ident {n}"), e.span),
            BasicLit(k, raw) => self.line(
                &format!("{} {raw}", format!("{k:?}").to_lowercase()),
                e.span,
            ),
            CompositeLit { ty, elts } => {
                self.line("composite", e.span);
                self.nest(|p| {
                    p.opt("type", ty);
                    for el in elts {
                        match &el.key {
                            Some(k) => {
                                p.line("keyed", k.span);
                                p.nest(|p| {
                                    p.expr(k);
                                    p.expr(&el.value);
                                });
                            }
                            None => p.expr(&el.value),
                        }
                    }
                });
            }
            FuncLit(f) => {
                let crate::ast::FuncLit { ty, body } = &**f;
                self.line("funclit", e.span);
                self.nest(|p| {
                    p.sig(ty);
                    p.block(body);
                });
            }
            Paren(x) => {
                self.line("paren", e.span);
                self.nest(|p| p.expr(x));
            }
            Selector(x, s) => {
                self.line(&format!("selector .{}", s.name), e.span);
                self.nest(|p| p.expr(x));
            }
            Index(x, is) => {
                self.line("index", e.span);
                self.nest(|p| {
                    p.expr(x);
                    p.exprs(is);
                });
            }
            Slice { x, lo, hi, max } => {
                self.line("slice", e.span);
                self.nest(|p| {
                    p.expr(x);
                    p.opt("lo", lo);
                    p.opt("hi", hi);
                    p.opt("max", max);
                });
            }
            TypeAssert(x, t) => {
                self.line(if t.is_some() { "assert" } else { "assert type" }, e.span);
                self.nest(|p| {
                    p.expr(x);
                    if let Some(t) = t {
                        p.expr(t);
                    }
                });
            }
            Call {
                func,
                args,
                ellipsis,
            } => {
                self.line(if *ellipsis { "call ..." } else { "call" }, e.span);
                self.nest(|p| {
                    p.expr(func);
                    p.exprs(args);
                });
            }
            Star(x) => {
                self.line("star", e.span);
                self.nest(|p| p.expr(x));
            }
            Unary(op, x) => {
                self.line(&format!("unary {}", unop(*op)), e.span);
                self.nest(|p| p.expr(x));
            }
            Binary(op, a, b) => {
                self.line(&format!("binary {}", binop(*op)), e.span);
                self.nest(|p| {
                    p.expr(a);
                    p.expr(b);
                });
            }
            ArrayType { len, elem } => {
                self.line(if len.is_some() { "array" } else { "slicetype" }, e.span);
                self.nest(|p| {
                    p.opt("len", len);
                    p.expr(elem);
                });
            }
            Ellipsis(t) => {
                self.line("ellipsis", e.span);
                self.nest(|p| {
                    if let Some(t) = t {
                        p.expr(t);
                    }
                });
            }
            StructType(fs) => {
                self.line("struct", e.span);
                self.nest(|p| p.fields("fields", fs));
            }
            FuncType(sig) => {
                self.line("functype", e.span);
                self.nest(|p| p.sig(sig));
            }
            InterfaceType(fs) => {
                self.line("interface", e.span);
                self.nest(|p| p.fields("elems", fs));
            }
            MapType(k, v) => {
                self.line("map", e.span);
                self.nest(|p| {
                    p.expr(k);
                    p.expr(v);
                });
            }
            ChanType(dir, t) => {
                let d = match dir {
                    ChanDir::Both => "chan",
                    ChanDir::Send => "chan<-",
                    ChanDir::Recv => "<-chan",
                };
                self.line(d, e.span);
                self.nest(|p| p.expr(t));
            }
        }
    }
}

fn names(ns: &[Ident]) -> String {
    ns.iter()
        .map(|n| n.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn binop(op: BinOp) -> &'static str {
    use BinOp::*;
    match op {
        LOr => "||",
        LAnd => "&&",
        Eq => "==",
        Ne => "!=",
        Lt => "<",
        Le => "<=",
        Gt => ">",
        Ge => ">=",
        Add => "+",
        Sub => "-",
        Or => "|",
        Xor => "^",
        Mul => "*",
        Div => "/",
        Rem => "%",
        Shl => "<<",
        Shr => ">>",
        And => "&",
        AndNot => "&^",
    }
}

pub fn unop(op: UnOp) -> &'static str {
    match op {
        UnOp::Pos => "+",
        UnOp::Neg => "-",
        UnOp::Not => "!",
        UnOp::Xor => "^",
        UnOp::Addr => "&",
        UnOp::Recv => "<-",
        UnOp::Tilde => "~",
    }
}
