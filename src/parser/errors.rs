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

/// Whether the innermost open `(` before `at` opens a parameter or result list: it follows
/// `func`, `func name`, or the `)` closing such a list.
fn open_params(tokens: &[Spanned], at: usize) -> bool {
    let end = tokens.partition_point(|(lo, _, _)| *lo < at);
    let mut depth = 0i32;
    let mut i = end;
    while i > 0 {
        i -= 1;
        match tokens[i].1 {
            Tok::RParen | Tok::RBrack | Tok::RBrace => depth += 1,
            Tok::LParen | Tok::LBrack | Tok::LBrace if depth > 0 => depth -= 1,
            Tok::LParen => return paren_is_params(tokens, i),
            Tok::LBrack | Tok::LBrace => return false,
            _ => {}
        }
    }
    false
}

/// Whether the `(` at index `i` opens a parameter or result list.
fn paren_is_params(tokens: &[Spanned], i: usize) -> bool {
    let tok = |k: usize| {
        if k < i {
            tokens.get(i - k - 1).map(|t| t.1)
        } else {
            None
        }
    };
    match (tok(0), tok(1)) {
        (Some(Tok::Func), _) | (Some(Tok::Ident(_)), Some(Tok::Func)) => true,
        (Some(Tok::RParen), _) => {
            // Find the `(` matching that `)` and ask the same of it.
            let mut depth = 0i32;
            let mut k = i - 1;
            loop {
                match tokens[k].1 {
                    Tok::RParen => depth += 1,
                    Tok::LParen => {
                        depth -= 1;
                        if depth == 0 {
                            return paren_is_params(tokens, k);
                        }
                    }
                    _ => {}
                }
                if k == 0 {
                    return false;
                }
                k -= 1;
            }
        }
        _ => false,
    }
}

/// The text of the simple statement that ends just before token `idx`, back to the previous `;`
/// or the header keyword (for "cannot use x := 1 as value").
fn previous_simple_stmt(src: &str, tokens: &[Spanned], idx: usize) -> Option<String> {
    let start = (0..idx)
        .rev()
        .find(|&i| matches!(tokens[i].1, Tok::Semi(_) | Tok::Switch | Tok::If | Tok::For))?
        + 1;
    let texts: Vec<String> = tokens[start..idx]
        .iter()
        .map(|(lo, _, hi)| src[*lo..*hi].to_string())
        .collect();
    (!texts.is_empty()).then(|| join_tokens(&texts))
}

/// Whether the error at token `idx` sits just inside a `{` that follows a type name in an
/// if/for/switch header: the classic `if p == Point{1, 2} {`, where Go reads `{` as the block.
fn composite_in_header(tokens: &[Spanned], idx: usize) -> bool {
    let Some(brace) = (0..idx).rev().take(8).find(|&i| tokens[i].1 == Tok::LBrace) else {
        return false;
    };
    // `== T{`, `:= T{`, `, T{`, `range T{`: the type name follows an operator, so it is an operand.
    let operand_before = |i: usize| {
        i > 0
            && matches!(
                tokens[i - 1].1,
                Tok::Eql
                    | Tok::Neq
                    | Tok::Lss
                    | Tok::Leq
                    | Tok::Gtr
                    | Tok::Geq
                    | Tok::Assign
                    | Tok::Define
                    | Tok::Comma
                    | Tok::Range
                    | Tok::LAnd
                    | Tok::LOr
            )
    };
    brace > 1
        && matches!(tokens[brace - 1].1, Tok::Ident(_))
        && (operand_before(brace - 1)
            || (brace > 3 && tokens[brace - 2].1 == Tok::Period && operand_before(brace - 3)))
        && header_keyword(tokens, tokens[brace].0).is_some()
        && tokens[brace + 1..idx]
            .iter()
            .all(|(_, t, _)| !matches!(t, Tok::Semi(_) | Tok::LBrace))
}

/// Whether the `[` before token `idx - 1` follows `func name`: a type parameter list.
fn after_func_name(tokens: &[Spanned], idx: usize) -> bool {
    idx >= 3 && matches!(tokens[idx - 3].1, Tok::Func)
}

/// Go's diagnostics for one parse error (usually one; `func () {` gets Go's two).
pub fn syntax_errors(
    src: &str,
    tokens: &[Spanned],
    err: ParseError<usize, Tok, Diagnostic>,
) -> Vec<Diagnostic> {
    let at = match &err {
        ParseError::UnrecognizedToken {
            token: (lo, _, _), ..
        } => Some(*lo),
        _ => None,
    };
    let mut out = vec![syntax_error(src, tokens, err)];
    if let Some(at) = at {
        let idx = tokens.partition_point(|(lo, _, _)| *lo < at);
        if idx >= 3
            && matches!(
                (tokens[idx - 3].1, tokens[idx - 2].1, tokens[idx - 1].1),
                (Tok::Func, Tok::LParen, Tok::RParen)
            )
        {
            let (lo, _, hi) = tokens[idx - 2];
            out.insert(
                0,
                Diagnostic::error(
                    codes::BAD_SYNTAX_FORM,
                    Span::new(lo, hi),
                    "method has no receiver",
                ),
            );
        }
    }
    out
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
    let text = &src[lo..hi.max(lo)];
    let msg = message(src, tokens, lo, tok, text, &expected);
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

/// The whole message, Go's special cases first.
fn message(
    src: &str,
    tokens: &[Spanned],
    at: usize,
    tok: Option<Tok>,
    text: &str,
    expected: &[String],
) -> String {
    let idx = tokens.partition_point(|(lo, _, _)| *lo < at);
    let prev = idx.checked_sub(1).map(|i| tokens[i].1);
    let prev2 = idx.checked_sub(2).map(|i| tokens[i].1);
    let package_file = matches!(tokens.first(), Some((_, Tok::Package, _)));
    let open = innermost_open(tokens, at);
    let unexpected = match tok {
        Some(t) => t.describe(text),
        None => "EOF".to_string(),
    };
    match (prev, tok) {
        // The go command's own parser reports a nameless package clause.
        (Some(Tok::Package), _) => {
            let found = if tok.is_some() { text } else { "EOF" };
            return format!("expected 'IDENT', found '{found}'");
        }
        (Some(Tok::Func), Some(Tok::LBrack)) if open.is_some() => {
            return "syntax error: function type must have no type parameters".into();
        }
        (Some(Tok::If), Some(Tok::Var)) => {
            return "syntax error: var declaration not allowed in if initializer".into()
        }
        (Some(Tok::For), Some(Tok::Var)) => {
            return "syntax error: var declaration not allowed in for initializer".into()
        }
        (Some(Tok::LBrack), Some(Tok::RBrack))
            if matches!(prev2, Some(Tok::Ident(_))) && after_func_name(tokens, idx) =>
        {
            return "syntax error: empty type parameter list".into();
        }
        (Some(Tok::LBrack), Some(Tok::RBrack)) => {
            return format!("syntax error: unexpected {unexpected}, expected operand")
        }
        (Some(Tok::Else), _) => {
            return "syntax error: else must be followed by if or statement block".into()
        }
        (Some(Tok::If), Some(Tok::LBrace)) => {
            return "syntax error: missing condition in if statement".into()
        }
        (Some(Tok::If | Tok::Switch | Tok::For), Some(t)) if t.is_keyword() => {
            return format!("syntax error: unexpected {unexpected}, expected expression");
        }
        (Some(Tok::Ident(_)), Some(Tok::RBrack)) if has(expected, "~") => {
            return "syntax error: missing type constraint".into();
        }
        _ => {}
    }
    let at_item_start = matches!(prev, None | Some(Tok::Semi(_)));
    // Inside an unclosed `const (` / `var (` / `type (` / `import (` group, a new line starts a spec.
    if at_item_start {
        match open {
            Some((Tok::LParen, Some(Tok::Import), _)) => return "missing import path".into(),
            Some((Tok::LParen, Some(Tok::Const | Tok::Var | Tok::Type), _)) => {
                return format!("syntax error: unexpected {unexpected}, expected name");
            }
            _ => {}
        }
    }
    if tok == Some(Tok::Semi(SemiKind::Explicit)) && header_keyword(tokens, at) == Some("switch") {
        if let Some(stmt) = previous_simple_stmt(src, tokens, idx) {
            return format!("syntax error: cannot use {stmt} as value");
        }
    }
    if open.is_none() && at_item_start && package_file && tok.is_some() {
        if tok == Some(Tok::LBrace) && prev == Some(Tok::Semi(SemiKind::Newline)) {
            return "syntax error: unexpected semicolon or newline before {".into();
        }
        return "syntax error: non-declaration statement outside function body".into();
    }
    let in_type_decl = matches!((prev, prev2), (Some(Tok::Ident(_)), Some(Tok::Type)));
    let ctx = context(tokens, at, tok, prev, in_type_decl, open, expected);
    format!("syntax error: unexpected {unexpected}{ctx}")
}

/// Go's context phrase for an unexpected token, from what the parser expected and what is open.
fn context(
    tokens: &[Spanned],
    at: usize,
    tok: Option<Tok>,
    prev: Option<Tok>,
    in_type_decl: bool,
    open: Option<(Tok, Option<Tok>, Option<Tok>)>,
    expected: &[String],
) -> String {
    let e = |t: &str| has(expected, t);
    let open_tok = open.map(|o| o.0);
    if tok.is_none() {
        return match open_tok {
            Some(Tok::LBrace) => ", expected }".into(),
            Some(Tok::LParen) => ", expected )".into(),
            Some(Tok::LBrack) => ", expected ]".into(),
            _ => String::new(),
        };
    }
    if e(",") && e(":=") && e("=") && !e(";") && !e("{") {
        return ", expected := or = or comma".into();
    }
    if e(",") && e(":") && expected.len() == 2 {
        return ", expected :".into();
    }
    if open_tok == Some(Tok::LBrack) && e("]") && matches!(tok, Some(Tok::Ident(_))) {
        return ", expected ]".into();
    }
    if e(",") && e(")") {
        let params = open_params(tokens, at);
        return if params {
            " in parameter list; possibly missing comma or )".into()
        } else {
            " in argument list; possibly missing comma or )".into()
        };
    }
    if e(",") && e("}") && !e(";") {
        return " in composite literal; possibly missing comma or }".into();
    }
    if e(",") && e(":") && e("]") {
        return ", expected comma, : or ]".into();
    }
    if in_type_decl && e("map") && e("=") {
        return " in type declaration".into();
    }
    // At the start of a statement, a token that cannot begin one ends the block in Go's parser.
    let at_stmt_start = matches!(
        prev,
        Some(Tok::Semi(_)) | Some(Tok::LBrace) | Some(Tok::Colon)
    );
    if at_stmt_start && e("}") && open_tok == Some(Tok::LBrace) {
        return ", expected }".into();
    }
    let header = header_keyword(tokens, at);
    if e("{") {
        if let Some(h) = header {
            return format!(", expected {{ after {h} clause");
        }
    }
    if header == Some("for") && e(";") && tok == Some(Tok::LBrace) {
        return ", expected semicolon or newline".into();
    }
    if e(";") {
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
    if EXPR_START.iter().all(|t| expected.iter().any(|x| x == t)) {
        return ", expected expression".into();
    }
    if e("map") && e("chan") && e("struct") && e("*") {
        return if e("~") {
            ", expected ~ term or type".into()
        } else {
            ", expected type".into()
        };
    }
    let mut named: Vec<String> = expected.iter().map(|x| expected_name(x)).collect();
    named.dedup();
    match named.as_slice() {
        [] => String::new(),
        [one] => format!(", expected {one}"),
        // A method name may be followed by type parameters (Go 1.27), but Go's message names `(` only.
        [a, b] if a == "(" && b == "[" => ", expected (".into(),
        [a, b] => format!(", expected {a} or {b}"),
        _ if e("name") && e("(") && expected.len() <= 4 => ", expected name or (".into(),
        _ if e("name") && expected.len() <= 3 => ", expected name".into(),
        _ => String::new(),
    }
}

/// `if`, `for` or `switch` if `at` is inside that statement's header (before its block).
fn header_keyword(tokens: &[Spanned], at: usize) -> Option<&'static str> {
    let end = tokens.partition_point(|(lo, _, _)| *lo < at);
    let mut depth = 0i32;
    for i in (0..end).rev() {
        match tokens[i].1 {
            Tok::RParen | Tok::RBrack => depth += 1,
            Tok::LParen | Tok::LBrack => depth -= 1,
            Tok::If if depth == 0 => return Some("if"),
            Tok::For if depth == 0 => return Some("for"),
            Tok::Switch if depth == 0 => return Some("switch"),
            Tok::LBrace | Tok::RBrace | Tok::Semi(SemiKind::Newline) if depth == 0 => return None,
            _ => {}
        }
    }
    None
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
    if composite_in_header(tokens, idx) {
        return Some("a composite literal in an if, for or switch header must be parenthesized: `if x == (T{...}) {`");
    }
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
