//! PARSER: `parse(source)` → `ast::File` plus every lexical and syntax error as a Diagnostic,
//! sorted by position, at most one syntax error per line (as Go reports them). The generated
//! LR(1) parser (grammar/gol.lalrpop) keeps its stack on the heap, so no input can overflow the
//! Rust stack while parsing; `MAX_NESTING` bounds the depth of the tree for the passes after it.

pub mod build;
pub mod errors;

use crate::ast::File;
use crate::diag::{codes, Diagnostic, Severity};
use crate::lexer::{self, Tok};
use crate::span::Span;

#[allow(clippy::all, unused_parens, dead_code, unused_imports)]
mod gol {
    include!(concat!(env!("OUT_DIR"), "/gol.rs"));
}

/// The result of parsing: a tree (possibly with `Bad` nodes) and the errors found.
pub struct Parsed {
    pub file: Option<File>,
    pub diags: Vec<Diagnostic>,
}

/// Deepest bracket nesting accepted. Later passes recurse over the tree; the driver gives them a
/// large stack, and this keeps pathological input (100k open parentheses) from exhausting it.
pub const MAX_NESTING: usize = 1000;

pub fn parse(src: &str) -> Parsed {
    let lexed = lexer::lex(src);
    let mut diags = lexed.errors;
    if let Some(d) = check_nesting(&lexed.tokens) {
        diags.push(d);
        return Parsed { file: None, diags };
    }
    let tokens = &lexed.tokens;
    let mut file = None;
    let mut start = 0;
    // Like Go's parser, after a syntax error skip to the next top-level declaration and go on, so
    // independent mistakes are all reported (up to Go's limit) without cascades inside one.
    loop {
        let mut ctx = build::Ctx {
            diags: Vec::new(),
            tokens,
            src,
        };
        let input = tokens[start..].iter().copied().map(Ok::<_, Diagnostic>);
        let result = gol::FileParser::new().parse(src, &mut ctx, input);
        diags.append(&mut ctx.diags);
        match result {
            Ok(f) => {
                if start == 0 {
                    file = Some(f);
                }
                break;
            }
            Err(e) => {
                let at = error_offset(&e);
                diags.extend(errors::syntax_errors(src, tokens, e));
                let errors = diags
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                    .count();
                match resync_point(src, tokens, at) {
                    // One more than Go prints, so the renderer knows to say "too many errors".
                    Some(next) if errors <= crate::diag::MAX_ERRORS => start = next,
                    _ => break,
                }
            }
        }
    }
    Parsed {
        file,
        diags: normalize(src, diags),
    }
}

fn error_offset(e: &lalrpop_util::ParseError<usize, Tok, Diagnostic>) -> usize {
    use lalrpop_util::ParseError::*;
    match e {
        UnrecognizedToken {
            token: (lo, _, _), ..
        }
        | ExtraToken { token: (lo, _, _) } => *lo,
        UnrecognizedEof { location, .. } | InvalidToken { location } => *location,
        User { error } => error.span().lo as usize,
    }
}

/// Index of the first token after `at` that starts a top-level declaration: a declaration
/// keyword at the start of a line, after a `;`.
fn resync_point(src: &str, tokens: &[lexer::Spanned], at: usize) -> Option<usize> {
    let from = tokens.partition_point(|(lo, _, _)| *lo <= at);
    (from.max(1)..tokens.len()).find(|&i| {
        let (lo, t, _) = tokens[i];
        let line_start = lo == 0 || src.as_bytes()[lo - 1] == b'\n';
        line_start
            && matches!(tokens[i - 1].1, Tok::Semi(_))
            && matches!(
                t,
                Tok::Func | Tok::Type | Tok::Var | Tok::Const | Tok::Import
            )
    })
}

/// Sorts by position and keeps only the first syntax error on each line, as Go does
/// (lexical errors on the same line are all kept).
fn normalize(src: &str, mut diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diags.sort_by_key(|d| d.span().lo);
    let line_of = |d: &Diagnostic| {
        src[..(d.span().lo as usize).min(src.len())]
            .matches('\n')
            .count()
    };
    let mut last_syntax_line = None;
    diags.retain(|d| {
        if d.severity != Severity::Error || !d.message.starts_with("syntax error") {
            return true;
        }
        let line = line_of(d);
        let keep = last_syntax_line != Some(line);
        last_syntax_line = Some(line);
        keep
    });
    diags
}

/// Bounds the depth of the tree before building it. Every level of the AST consumes at least one
/// token between the enclosing separators (`;` or `,`) of each open bracket, so the running count
/// of tokens since those separators, summed over the open brackets, bounds the depth. The passes
/// after the parser recurse over the tree; this keeps them (and dropping the tree) within the
/// compiler thread's stack for any input, e.g. a 1 MB line of `-` or of `1+1+...`.
fn check_nesting(tokens: &[lexer::Spanned]) -> Option<Diagnostic> {
    let mut segments: Vec<usize> = vec![0];
    let mut total = 0usize;
    for &(lo, ref t, hi) in tokens {
        let too_deep =
            |msg: String| Some(Diagnostic::error(codes::NESTING, Span::new(lo, hi), msg));
        match t {
            Tok::LParen | Tok::LBrack | Tok::LBrace => {
                *segments.last_mut().expect("never empty") += 1;
                total += 1;
                segments.push(0);
                if segments.len() > MAX_NESTING {
                    return too_deep(format!("syntax error: nesting too deep (more than {MAX_NESTING} levels of brackets)"));
                }
            }
            Tok::RParen | Tok::RBrack | Tok::RBrace if segments.len() > 1 => {
                total -= segments.pop().expect("len > 1");
            }
            Tok::Semi(_) | Tok::Comma => {
                total -= std::mem::take(segments.last_mut().expect("never empty"));
            }
            _ => {
                *segments.last_mut().expect("never empty") += 1;
                total += 1;
            }
        }
        if total > MAX_EXPR_TOKENS {
            return too_deep(format!("expression too long or too deeply nested (more than {MAX_EXPR_TOKENS} tokens without a separator)"));
        }
    }
    None
}

/// See `check_nesting`. 100k tokens allow any program a person writes (and long generated
/// expressions) while keeping recursion over the tree to a few hundred MB of stack at most.
pub const MAX_EXPR_TOKENS: usize = 100_000;
