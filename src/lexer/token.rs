//! LEXER: the raw token set (`#[derive(Logos)]`). Input: source text. Output: tokens including
//! newlines and comments, which `semi.rs` turns into Go's automatic semicolons and then drops.
//! Literal tokens keep their raw text; `scan.rs` validates them (with Go's messages) as they are
//! matched, and `literal.rs` decodes them for later stages.

use super::scan;
use logos::Logos;
use std::fmt;

/// An error found while lexing: where (byte offset) and Go's message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub offset: usize,
    pub code: crate::diag::codes::Code,
    pub message: String,
}

/// Errors collected while lexing; literal callbacks push here and still produce their token, so
/// parsing goes on and reports the syntax errors behind a bad literal too (as Go does).
#[derive(Default)]
pub struct Extras {
    pub errors: Vec<LexError>,
}

/// Why a `;` is there: Go names inserted ones `newline` / `EOF` in "unexpected ..." messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SemiKind {
    Explicit,
    Newline,
    Eof,
}

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
#[logos(extras = Extras)]
#[logos(skip r"[ \t\r]+")]
pub enum Tok<'a> {
    // Trivia, consumed by the semicolon pass.
    #[token("\n")]
    Newline,
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    /// `/* */`; `true` if it spans a newline (then it acts like one).
    #[token("/*", scan::block_comment)]
    BlockComment(bool),

    #[regex(r"[\p{L}_][\p{L}\p{Nd}_]*")]
    Ident(&'a str),
    #[regex(r"[0-9]", scan::number)]
    #[regex(r"\.[0-9]", scan::number)]
    Number(scan::NumKind),
    #[token("'", scan::rune_lit)]
    Rune,
    #[token("\"", scan::string_lit)]
    Str,
    #[token("`", scan::raw_string)]
    RawStr,

    #[token("break")]
    Break,
    #[token("case")]
    Case,
    #[token("chan")]
    Chan,
    #[token("const")]
    Const,
    #[token("continue")]
    Continue,
    #[token("default")]
    Default,
    #[token("defer")]
    Defer,
    #[token("else")]
    Else,
    #[token("fallthrough")]
    Fallthrough,
    #[token("for")]
    For,
    #[token("func")]
    Func,
    #[token("go")]
    Go,
    #[token("goto")]
    Goto,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("interface")]
    Interface,
    #[token("map")]
    Map,
    #[token("package")]
    Package,
    #[token("range")]
    Range,
    #[token("return")]
    Return,
    #[token("select")]
    Select,
    #[token("struct")]
    Struct,
    #[token("switch")]
    Switch,
    #[token("type")]
    Type,
    #[token("var")]
    Var,

    #[token("+")]
    Add,
    #[token("-")]
    Sub,
    #[token("*")]
    Star,
    #[token("/")]
    Quo,
    #[token("%")]
    Rem,
    #[token("&")]
    And,
    #[token("|")]
    Or,
    #[token("^")]
    Xor,
    #[token("<<")]
    Shl,
    #[token(">>")]
    Shr,
    #[token("&^")]
    AndNot,
    #[token("+=")]
    AddAssign,
    #[token("-=")]
    SubAssign,
    #[token("*=")]
    MulAssign,
    #[token("/=")]
    QuoAssign,
    #[token("%=")]
    RemAssign,
    #[token("&=")]
    AndAssign,
    #[token("|=")]
    OrAssign,
    #[token("^=")]
    XorAssign,
    #[token("<<=")]
    ShlAssign,
    #[token(">>=")]
    ShrAssign,
    #[token("&^=")]
    AndNotAssign,
    #[token("&&")]
    LAnd,
    #[token("||")]
    LOr,
    #[token("<-")]
    Arrow,
    #[token("++")]
    Inc,
    #[token("--")]
    Dec,
    #[token("==")]
    Eql,
    #[token("<")]
    Lss,
    #[token(">")]
    Gtr,
    #[token("=")]
    Assign,
    #[token("!")]
    Not,
    #[token("~")]
    Tilde,
    #[token("!=")]
    Neq,
    #[token("<=")]
    Leq,
    #[token(">=")]
    Geq,
    #[token(":=")]
    Define,
    #[token("...")]
    Ellipsis,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBrack,
    #[token("]")]
    RBrack,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token(";", |_| SemiKind::Explicit)]
    Semi(SemiKind),
    #[token(".")]
    Period,
    #[token(":")]
    Colon,
}

impl Tok<'_> {
    /// Go's rule: a newline after one of these tokens becomes a `;`.
    pub fn ends_statement(&self) -> bool {
        matches!(
            self,
            Tok::Ident(_)
                | Tok::Number(_)
                | Tok::Rune
                | Tok::Str
                | Tok::RawStr
                | Tok::Break
                | Tok::Continue
                | Tok::Fallthrough
                | Tok::Return
                | Tok::Inc
                | Tok::Dec
                | Tok::RParen
                | Tok::RBrack
                | Tok::RBrace
        )
    }

    /// How Go's parser names the token in "unexpected X" (`name x`, `literal 1`, `keyword for`, `newline`, ...).
    /// `text` is the token's source text.
    pub fn describe(&self, text: &str) -> String {
        match self {
            Tok::Ident(s) => format!("name {s}"),
            Tok::Number(_) | Tok::Rune | Tok::Str | Tok::RawStr => {
                format!("literal {}", shorten(text))
            }
            Tok::Semi(SemiKind::Newline) => "newline".into(),
            Tok::Semi(SemiKind::Eof) => "EOF".into(),
            Tok::Semi(SemiKind::Explicit) => "semicolon".into(),
            Tok::Comma => "comma".into(),
            t if t.is_keyword() => format!("keyword {text}"),
            _ => text.to_string(),
        }
    }

    pub fn is_keyword(&self) -> bool {
        use Tok::*;
        matches!(
            self,
            Break
                | Case
                | Chan
                | Const
                | Continue
                | Default
                | Defer
                | Else
                | Fallthrough
                | For
                | Func
                | Go
                | Goto
                | If
                | Import
                | Interface
                | Map
                | Package
                | Range
                | Return
                | Select
                | Struct
                | Switch
                | Type
                | Var
        )
    }
}

/// Long literals are cut in messages: a 1 MB string must not make a 1 MB error line.
fn shorten(text: &str) -> String {
    const MAX: usize = 40;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_string(),
    }
}

impl fmt::Display for SemiKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SemiKind::Explicit => ";",
            SemiKind::Newline => "newline",
            SemiKind::Eof => "EOF",
        })
    }
}
