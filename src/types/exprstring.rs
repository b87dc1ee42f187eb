//! CHECKER: an expression as Go's messages print it (types2's `ExprString`). Input: an AST
//! expression and its source. Output: text with Go's spacing, whatever the source's: binary
//! operators always between blanks (`half * 2 + 2`, where gofmt writes `half*2 + 2`), composite
//! and function literal bodies elided (`[]int{…}`, `func() {…}`). Types and other forms keep
//! their source text.

use crate::ast::*;
use crate::printer::{binop, unop};

/// Go's message spelling of `e`; `source` gives the text of a node kept as written.
pub(super) fn expr_string(e: &Expr, source: &dyn Fn(&Expr) -> String) -> String {
    let mut out = String::new();
    write(&mut out, e, source);
    out
}

fn write(out: &mut String, e: &Expr, source: &dyn Fn(&Expr) -> String) {
    match &e.kind {
        // A name qualified by import path (link::qualifier) reads as Go's `rand.New`.
        ExprKind::Ident(n) => match n.split_once('.') {
            Some((path, rest)) if path.contains('/') => {
                out.push_str(crate::types::check::import_name(path));
                out.push('.');
                out.push_str(rest);
            }
            _ => out.push_str(n),
        },
        ExprKind::BasicLit(_, raw) => out.push_str(raw),
        ExprKind::CompositeLit { ty, elts } => {
            if let Some(t) = ty {
                write(out, t, source);
            }
            out.push_str(if elts.is_empty() { "{}" } else { "{…}" });
        }
        ExprKind::FuncLit(f) => {
            let text = source(e);
            // The signature as written, then the elided body.
            let head = (f.body.span.lo.saturating_sub(e.span.lo)) as usize;
            let sig = text.get(..head).unwrap_or(&text).trim_end();
            out.push_str(sig);
            if f.body.stmts.is_empty() {
                out.push_str(" {}");
            } else {
                out.push_str(" {…}");
            }
        }
        ExprKind::Paren(x) => {
            out.push('(');
            write(out, x, source);
            out.push(')');
        }
        ExprKind::Selector(x, sel) => {
            write(out, x, source);
            out.push('.');
            out.push_str(&sel.name);
        }
        ExprKind::Index(x, is) => {
            write(out, x, source);
            out.push('[');
            list(out, is, source);
            out.push(']');
        }
        ExprKind::Slice { x, lo, hi, max } => {
            write(out, x, source);
            out.push('[');
            if let Some(lo) = lo {
                write(out, lo, source);
            }
            out.push(':');
            if let Some(hi) = hi {
                write(out, hi, source);
            }
            if let Some(max) = max {
                out.push(':');
                write(out, max, source);
            }
            out.push(']');
        }
        ExprKind::TypeAssert(x, ty) => {
            write(out, x, source);
            out.push_str(".(");
            match ty {
                Some(t) => write(out, t, source),
                None => out.push_str("type"),
            }
            out.push(')');
        }
        ExprKind::Call {
            func,
            args,
            ellipsis,
        } => {
            write(out, func, source);
            out.push('(');
            list(out, args, source);
            if *ellipsis {
                out.push_str("...");
            }
            out.push(')');
        }
        ExprKind::Star(x) => {
            out.push('*');
            write(out, x, source);
        }
        ExprKind::Unary(op, x) => {
            out.push_str(unop(*op));
            write(out, x, source);
        }
        ExprKind::Binary(op, a, b) => {
            write(out, a, source);
            out.push(' ');
            out.push_str(binop(*op));
            out.push(' ');
            write(out, b, source);
        }
        _ => out.push_str(&source(e)),
    }
}

fn list(out: &mut String, es: &[Expr], source: &dyn Fn(&Expr) -> String) {
    for (i, a) in es.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write(out, a, source);
    }
}
