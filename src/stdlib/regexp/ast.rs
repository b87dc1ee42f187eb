//! REGEXP SYNTAX TREES: what the parser builds and the compiler reads, with Go's flags and error
//! codes. Input: nothing (data definitions). Output: `Re`, `Node`, `Flags`, `Error`.

use super::class::Ranges;

/// Parse flags (the values of Go's `syntax.Flags`).
pub mod flags {
    pub const FOLD_CASE: u16 = 1;
    pub const CLASS_NL: u16 = 4;
    pub const DOT_NL: u16 = 8;
    pub const ONE_LINE: u16 = 16;
    pub const NON_GREEDY: u16 = 32;
    pub const PERL_X: u16 = 64;
    pub const UNICODE_GROUPS: u16 = 128;
    /// `regexp.Compile`'s syntax (Go's `syntax.Perl`).
    pub const PERL: u16 = CLASS_NL | ONE_LINE | PERL_X | UNICODE_GROUPS;
    /// `regexp.CompilePOSIX`'s syntax (Go's `syntax.POSIX`).
    pub const POSIX: u16 = 0;
}

/// Zero-width assertions (Go's `syntax.EmptyOp` bits).
pub mod empty {
    pub const BEGIN_LINE: u8 = 1;
    pub const END_LINE: u8 = 2;
    pub const BEGIN_TEXT: u8 = 4;
    pub const END_TEXT: u8 = 8;
    pub const WORD_BOUNDARY: u8 = 16;
    pub const NO_WORD_BOUNDARY: u8 = 32;
}

/// A parse error: Go's `syntax.ErrorCode` text and the offending part of the expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub code: &'static str,
    /// Raw bytes: Go quotes the expression as given, invalid UTF-8 included.
    pub expr: Vec<u8>,
}

impl Error {
    pub fn new(code: &'static str, expr: &[u8]) -> Error {
        Error {
            code,
            expr: expr.to_vec(),
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "error parsing regexp: {}: `{}`",
            self.code,
            String::from_utf8_lossy(&self.expr)
        )
    }
}

pub const ERR_INVALID_CHAR_RANGE: &str = "invalid character class range";
pub const ERR_INVALID_ESCAPE: &str = "invalid escape sequence";
pub const ERR_INVALID_NAMED_CAPTURE: &str = "invalid named capture";
pub const ERR_INVALID_PERL_OP: &str = "invalid or unsupported Perl syntax";
pub const ERR_INVALID_REPEAT_OP: &str = "invalid nested repetition operator";
pub const ERR_INVALID_REPEAT_SIZE: &str = "invalid repeat count";
pub const ERR_INVALID_UTF8: &str = "invalid UTF-8";
pub const ERR_MISSING_BRACKET: &str = "missing closing ]";
pub const ERR_MISSING_PAREN: &str = "missing closing )";
pub const ERR_MISSING_REPEAT_ARGUMENT: &str = "missing argument to repetition operator";
pub const ERR_TRAILING_BACKSLASH: &str = "trailing backslash at end of expression";
pub const ERR_UNEXPECTED_PAREN: &str = "unexpected )";
pub const ERR_NESTING_DEPTH: &str = "expression nests too deeply";
pub const ERR_LARGE: &str = "expression too large";

/// A regular expression node with its height and Go's size estimate (in instructions), which
/// the parser keeps to report `expression nests too deeply` / `too large` as Go does.
#[derive(Debug, Clone)]
pub struct Re {
    pub node: Node,
    pub height: u32,
    pub size: u64,
}

#[derive(Debug, Clone)]
pub enum Node {
    NoMatch,
    EmptyMatch,
    /// Runes matched in sequence; under `fold` each also matches its case-fold orbit.
    Literal {
        runes: Vec<u32>,
        fold: bool,
    },
    Class(Ranges),
    AnyCharNotNL,
    AnyChar,
    /// A zero-width assertion (`empty::*`).
    Empty(u8),
    Capture {
        index: u32,
        sub: Box<Re>,
    },
    Star {
        greedy: bool,
        sub: Box<Re>,
    },
    Plus {
        greedy: bool,
        sub: Box<Re>,
    },
    Quest {
        greedy: bool,
        sub: Box<Re>,
    },
    /// `x{min,max}`; max -1 is unbounded.
    Repeat {
        min: i32,
        max: i32,
        greedy: bool,
        sub: Box<Re>,
    },
    Concat(Vec<Re>),
    Alternate(Vec<Re>),
}

impl Re {
    /// A node, its height and size computed from its children (Go's calcHeight/calcSize).
    pub fn new(node: Node) -> Re {
        let sub_h = |s: &Re| s.height;
        let (height, size) = match &node {
            Node::Literal { runes, .. } => (1, runes.len() as u64),
            Node::Capture { sub, .. } | Node::Star { sub, .. } => (1 + sub_h(sub), 2 + sub.size),
            Node::Plus { sub, .. } | Node::Quest { sub, .. } => (1 + sub_h(sub), 1 + sub.size),
            Node::Repeat { min, max, sub, .. } => {
                let (min, max) = (*min as u64, *max);
                let size = if max == -1 {
                    if min == 0 {
                        2 + sub.size
                    } else {
                        1 + min * sub.size
                    }
                } else {
                    let max = max as u64;
                    max * sub.size + (max - min)
                };
                (1 + sub_h(sub), size)
            }
            Node::Concat(subs) => (
                1 + subs.iter().map(sub_h).max().unwrap_or(0),
                subs.iter().map(|s| s.size).sum(),
            ),
            Node::Alternate(subs) => (
                1 + subs.iter().map(sub_h).max().unwrap_or(0),
                subs.iter().map(|s| s.size).sum::<u64>() + subs.len().saturating_sub(1) as u64,
            ),
            _ => (1, 0),
        };
        Re {
            node,
            height,
            size: size.max(1),
        }
    }
}
