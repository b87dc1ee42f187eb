//! LEXER: `lex(src)` → the token stream lalrpop consumes (`(lo, Tok, hi)` triples, semicolons
//! already inserted) plus lexical errors as `Diagnostic`s. Never fails: bad input yields errors and
//! a best-effort token stream, so the parser can report what follows too.

pub mod literal;
pub mod scan;
pub mod semi;
pub mod token;

use crate::diag::{codes, Diagnostic};
use crate::span::Span;
use logos::Logos;
pub use semi::Spanned;
pub use token::{SemiKind, Tok};

pub struct Lexed<'a> {
    pub tokens: Vec<Spanned<'a>>,
    pub errors: Vec<Diagnostic>,
}

pub fn lex(src: &str) -> Lexed<'_> {
    let mut errors = Vec::new();
    // Go rejects NUL anywhere and a byte-order mark anywhere but at the very start.
    for (i, c) in src.char_indices() {
        match c {
            '\0' => errors.push(Diagnostic::error(
                codes::BAD_UTF8,
                Span::new(i, i + 1),
                "invalid NUL character",
            )),
            '\u{FEFF}' if i > 0 => errors.push(Diagnostic::error(
                codes::BAD_UTF8,
                Span::new(i, i + 3),
                "invalid BOM in the middle of the file",
            )),
            _ => {}
        }
    }
    let body_start = if src.starts_with('\u{FEFF}') { 3 } else { 0 };
    let mut lexer = Tok::lexer(&src[body_start..]);
    let mut tokens = semi::Semicolons::new(src);
    while let Some(result) = lexer.next() {
        let span = lexer.span();
        let (lo, hi) = (span.start + body_start, span.end + body_start);
        match result {
            Ok(tok) => tokens.push(lo, tok, hi),
            Err(()) => {
                let c = src[lo..].chars().next().unwrap_or('\0');
                if c == '\0' || c == '\u{FEFF}' {
                    continue;
                }
                errors.push(invalid_char(c, lo));
                // Go's scanner takes any non-ASCII character into an identifier (after reporting
                // it), so `x€y` is one bad name, not three tokens: the semicolon stage merges them.
                if !c.is_ascii() {
                    tokens.push(
                        lo,
                        Tok::Ident(&src[lo..lo + c.len_utf8()]),
                        lo + c.len_utf8(),
                    );
                }
            }
        }
    }
    for e in lexer.extras.errors.drain(..) {
        let at = e.offset + body_start;
        errors.push(Diagnostic::error(e.code, Span::new(at, at + 1), e.message));
    }
    Lexed {
        tokens: tokens.finish(),
        errors,
    }
}

fn invalid_char(c: char, at: usize) -> Diagnostic {
    let shown = if c.is_control() {
        format!("U+{:04X}", c as u32)
    } else {
        format!("U+{:04X} '{c}'", c as u32)
    };
    let message = if c.is_numeric() {
        format!("identifier cannot begin with digit {shown}")
    } else if !c.is_ascii() {
        format!("invalid character {shown} in identifier")
    } else {
        format!("invalid character {shown}")
    };
    Diagnostic::error(
        codes::INVALID_CHAR,
        Span::new(at, at + c.len_utf8()),
        message,
    )
}
