//! PARSER: lalrpop's errors → Go's syntax error messages. Input: the error (the unexpected token
//! and the terminals the parser would have accepted) and the token stream. Output: a Diagnostic
//! worded as Go's parser words it: `syntax error: unexpected X, expected Y`, or with Go's context
//! phrases (`in argument list; possibly missing comma or )`, `at end of statement`,
//! `after top level declaration`), found from the expected set and the innermost open bracket.

use crate::diag::{codes, Diagnostic};
use crate::lexer::{SemiKind, Spanned, Tok};
use crate::span::Span;
use lalrpop_util::ParseError;

/// The source text of a token, for messages (literals are described by their position instead).
pub fn token_text(t: &Tok) -> String {
    let s = match t {
        Tok::Ident(s) => return s.to_string(),
        Tok::Semi(SemiKind::Explicit) => ";",
        Tok::Semi(k) => return k.to_string(),
        _ => return terminal_text(t).to_string(),
    };
    s.to_string()
}

/// Joins tokens the way Go prints a statement in a message: `x := 1`, `f(a, b)`.
pub fn join_tokens(toks: &[String]) -> String {
    let mut out = String::new();
    for (i, t) in toks.iter().enumerate() {
        let tight_before = matches!(t.as_str(), ")" | "]" | "," | "." | "++" | "--" | "(" | "[")
            && !(t == "(" && i > 0 && toks[i - 1] == "func");
        let tight_after_prev = i > 0
            && matches!(
                toks[i - 1].as_str(),
                "(" | "[" | "." | "!" | "&" | "<-" | "*"
            );
        if i > 0 && !tight_before && !tight_after_prev {
            out.push(' ');
        }
        out.push_str(t);
    }
    out
}

fn terminal_text(t: &Tok) -> &'static str {
    use Tok::*;
    match t {
        Break => "break",
        Case => "case",
        Chan => "chan",
        Const => "const",
        Continue => "continue",
        Default => "default",
        Defer => "defer",
        Else => "else",
        Fallthrough => "fallthrough",
        For => "for",
        Func => "func",
        Go => "go",
        Goto => "goto",
        If => "if",
        Import => "import",
        Interface => "interface",
        Map => "map",
        Package => "package",
        Range => "range",
        Return => "return",
        Select => "select",
        Struct => "struct",
        Switch => "switch",
        Type => "type",
        Var => "var",
        Add => "+",
        Sub => "-",
        Star => "*",
        Quo => "/",
        Rem => "%",
        And => "&",
        Or => "|",
        Xor => "^",
        Shl => "<<",
        Shr => ">>",
        AndNot => "&^",
        AddAssign => "+=",
        SubAssign => "-=",
        MulAssign => "*=",
        QuoAssign => "/=",
        RemAssign => "%=",
        AndAssign => "&=",
        OrAssign => "|=",
        XorAssign => "^=",
        ShlAssign => "<<=",
        ShrAssign => ">>=",
        AndNotAssign => "&^=",
        LAnd => "&&",
        LOr => "||",
        Arrow => "<-",
        Inc => "++",
        Dec => "--",
        Eql => "==",
        Lss => "<",
        Gtr => ">",
        Assign => "=",
        Not => "!",
        Tilde => "~",
        Neq => "!=",
        Leq => "<=",
        Geq => ">=",
        Define => ":=",
        Ellipsis => "...",
        LParen => "(",
        RParen => ")",
        LBrack => "[",
        RBrack => "]",
        LBrace => "{",
        RBrace => "}",
        Comma => ",",
        Semi(_) => ";",
        Period => ".",
        Colon => ":",
        Number(_) | Rune | Str | RawStr => "literal",
        Ident(_) => "name",
        Newline | LineComment | BlockComment(_) => "",
    }
}

/// Terminals (as the grammar names them, e.g. `"\"name\""`) that begin an expression.
const EXPR_START: &[&str] = &["\"name\"", "\"number\"", "\"string\"", "\"func\"", "\"(\""];

fn has(expected: &[String], t: &str) -> bool {
    expected.iter().any(|e| e.trim_matches('"') == t)
}

/// What is open around the error: the innermost unclosed bracket before `at`, and the token
/// before it.
fn innermost_open<'a>(
    tokens: &[Spanned<'a>],
    at: usize,
) -> Option<(Tok<'a>, Option<Tok<'a>>, Option<Tok<'a>>)> {
    let end = tokens.partition_point(|(lo, _, _)| *lo < at);
    let mut depth = 0i32;
    for i in (0..end).rev() {
        match tokens[i].1 {
            Tok::RParen | Tok::RBrack | Tok::RBrace => depth += 1,
            Tok::LParen | Tok::LBrack | Tok::LBrace => {
                if depth == 0 {
                    let before = if i > 0 { Some(tokens[i - 1].1) } else { None };
                    let before2 = if i > 1 { Some(tokens[i - 2].1) } else { None };
                    return Some((tokens[i].1, before, before2));
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Whether the `(` just after `before` (and `before2`) opens a parameter list.
fn opens_params(before: Option<Tok>, before2: Option<Tok>) -> bool {
    matches!(before, Some(Tok::Func))
        || matches!((before, before2), (Some(Tok::Ident(_)), Some(Tok::Func)))
}

pub fn syntax_error(
    src: &str,
    tokens: &[Spanned],
    err: ParseError<usize, Tok, Diagnostic>,
) -> Diagnostic {
    let (lo, tok, hi, expected) = match err {
        ParseError::User { error } => return error,
        ParseError::UnrecognizedToken {
            token: (lo, tok, hi),
            expected,
        } => (lo, Some(tok), hi, expected),
        ParseError::UnrecognizedEof { location, expected } => (location, None, location, expected),
        ParseError::ExtraToken {
            token: (lo, tok, hi),
        } => (lo, Some(tok), hi, vec![]),
        ParseError::InvalidToken { location } => (location, None, location, vec![]),
    };
    let unexpected = match tok {
        Some(t) => t.describe(&src[lo..hi.max(lo)]),
        None => "EOF".to_string(),
    };
    let msg = format!(
        "syntax error: unexpected {unexpected}{}",
        context(tokens, lo, tok, &expected)
    );
    let span = if hi > lo {
        Span::new(lo, hi)
    } else {
        Span::new(lo, lo + 1)
    };
    let mut d = Diagnostic::error(codes::SYNTAX, span, msg).with_label("unexpected here");
    if let Some(note) = hint(tokens, lo, tok) {
        d = d.with_note(note);
    }
    d
}

/// Go's context phrase for an unexpected token, from what the parser expected and what is open.
fn context(tokens: &[Spanned], at: usize, tok: Option<Tok>, expected: &[String]) -> String {
    let open = innermost_open(tokens, at);
    let list_sep = has(expected, ",");
    if list_sep && has(expected, ")") {
        let params = matches!(open, Some((Tok::LParen, b, b2)) if opens_params(b, b2));
        return if params {
            " in parameter list; possibly missing comma or )".into()
        } else {
            " in argument list; possibly missing comma or )".into()
        };
    }
    if list_sep && has(expected, "}") && !has(expected, ";") {
        return " in composite literal; possibly missing comma or }".into();
    }
    if has(expected, ";") && (has(expected, "}") || has(expected, ")") || open.is_none()) {
        return match open {
            None => " after top level declaration".into(),
            Some((Tok::LBrace, Some(Tok::Struct), _)) => {
                " in struct type; possibly missing semicolon or newline or }".into()
            }
            Some((Tok::LBrace, Some(Tok::Interface), _)) => {
                " in interface type; possibly missing semicolon or newline or }".into()
            }
            Some((Tok::LParen, Some(Tok::Type), _)) => " in type declaration".into(),
            _ => " at end of statement".into(),
        };
    }
    if has(expected, "{") && expected.len() <= 3 {
        let header = tokens
            .iter()
            .take_while(|(lo, _, _)| *lo < at)
            .filter(|(_, t, _)| {
                matches!(
                    t,
                    Tok::If | Tok::For | Tok::Switch | Tok::LBrace | Tok::RBrace
                )
            })
            .last()
            .map(|(_, t, _)| *t);
        return match header {
            Some(Tok::If) => ", expected { after if clause".into(),
            Some(Tok::For) => ", expected { after for clause".into(),
            Some(Tok::Switch) => ", expected { after switch clause".into(),
            _ => ", expected {".into(),
        };
    }
    if EXPR_START.iter().all(|t| expected.iter().any(|e| e == t)) {
        let _ = tok;
        return ", expected expression".into();
    }
    let named: Vec<String> = expected.iter().map(|e| expected_name(e)).collect();
    match named.as_slice() {
        [] => String::new(),
        [one] => format!(", expected {one}"),
        [a, b] => format!(", expected {a} or {b}"),
        _ if has(expected, "name") && has(expected, "(") && expected.len() <= 4 => {
            ", expected name or (".into()
        }
        _ if has(expected, "name") && expected.len() <= 3 => ", expected name".into(),
        _ => String::new(),
    }
}

fn expected_name(terminal: &str) -> String {
    let t = terminal.trim_matches('"');
    match t {
        "name" => "name".into(),
        "," => "comma".into(),
        ";" => "semicolon or newline".into(),
        "chan" | "func" | "type" | "range" => format!("keyword {t}"),
        "string" | "rawstring" | "number" | "rune" => "literal".into(),
        _ => t.to_string(),
    }
}

/// A note for mistakes people make often.
fn hint(tokens: &[Spanned], at: usize, tok: Option<Tok>) -> Option<&'static str> {
    let idx = tokens.partition_point(|(lo, _, _)| *lo < at);
    let prev = idx.checked_sub(1).map(|i| tokens[i].1);
    match (prev, tok) {
        (Some(Tok::Semi(SemiKind::Newline)), Some(Tok::Else)) => {
            Some("`else` must be on the same line as the closing `}` of the if block")
        }
        (Some(Tok::Semi(SemiKind::Newline)), Some(Tok::LBrace)) => {
            Some("an opening `{` must be on the same line as the statement it belongs to")
        }
        (_, Some(Tok::Semi(SemiKind::Newline))) => {
            Some("a newline after this token ends the statement; break lines after an operator or comma instead")
        }
        _ => None,
    }
}
