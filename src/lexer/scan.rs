//! LEXER: hand-written scanners for the tokens whose errors must read like Go's: numbers, runes,
//! strings, raw strings and general comments. Each is a logos callback: it is called after the
//! first character matched, consumes the rest with `bump`, and records errors in `extras` while
//! still producing a token, so one bad literal does not hide the errors after it.
//! Positions follow Go's scanner: some errors point at the literal's start, some at the
//! character where the problem was seen.

use super::token::{LexError, Tok};
use crate::diag::codes;
use logos::Lexer;

/// The kind of a number literal, decided while scanning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumKind {
    Int,
    Float,
    Imag,
}

type Lex<'a> = Lexer<'a, Tok<'a>>;

fn err(lex: &mut Lex<'_>, offset: usize, code: codes::Code, message: impl Into<String>) {
    lex.extras.errors.push(LexError {
        offset,
        code,
        message: message.into(),
    });
}

/// Byte at `i` of the remainder, or 0 at the end (NUL can't appear: the driver rejects it).
fn peek(lex: &Lex<'_>, i: usize) -> u8 {
    lex.remainder().as_bytes().get(i).copied().unwrap_or(0)
}

fn base_name(base: u32) -> &'static str {
    match base {
        2 => "binary",
        8 => "octal",
        10 => "decimal",
        _ => "hexadecimal",
    }
}

/// Scans a number literal. Called with the first digit (or `.digit`) already matched.
/// Accepts a superset of Go's syntax (any digit in any base, `_` anywhere) and then reports what
/// is wrong with Go's messages, so `0b102` is one bad token rather than `0b10` followed by `2`.
pub fn number(lex: &mut Lex<'_>) -> NumKind {
    let start = lex.span().start;
    let first = lex.slice().as_bytes()[0];
    let mut kind = NumKind::Int;
    let mut base = 10;
    let mut prefix = 0u8; // 0 (decimal), b'0' (legacy octal), b'x', b'o', b'b'
    let mut seen_digit = false;
    let mut seen_sep = false;
    let mut invalid: Option<usize> = None; // offset of the first digit too large for `base`
    let mut ok = true;

    // Consume a run of digits (and `_`) valid in `base`; decimal digits are always consumed
    // for bases <= 10 and the first too-large one is remembered.
    let digits = |lex: &mut Lex<'_>, base: u32, invalid: &mut Option<usize>| -> (bool, bool) {
        let (mut d, mut s) = (false, false);
        loop {
            let c = peek(lex, 0);
            let is_digit = if base <= 10 {
                c.is_ascii_digit()
            } else {
                c.is_ascii_hexdigit()
            };
            if c == b'_' {
                s = true;
            } else if is_digit {
                d = true;
                if base < 10 && (c - b'0') as u32 >= base && invalid.is_none() {
                    *invalid = Some(lex.span().end);
                }
            } else {
                return (d, s);
            }
            lex.bump(1);
        }
    };

    if first == b'.' {
        // `.5`: the matched text is `.` and one digit.
        kind = NumKind::Float;
        seen_digit = true;
        let (d, s) = digits(lex, 10, &mut invalid);
        seen_digit |= d;
        seen_sep |= s;
    } else {
        if first == b'0' {
            match peek(lex, 0).to_ascii_lowercase() {
                b'x' => (base, prefix) = (16, b'x'),
                b'o' => (base, prefix) = (8, b'o'),
                b'b' => (base, prefix) = (2, b'b'),
                _ => {
                    (base, prefix) = (8, b'0');
                    seen_digit = true; // the leading 0 counts
                }
            }
            if prefix != b'0' {
                lex.bump(1);
            }
        } else {
            seen_digit = true;
        }
        let (d, s) = digits(lex, base, &mut invalid);
        seen_digit |= d;
        seen_sep |= s;
        if peek(lex, 0) == b'.' && peek(lex, 1) != b'.' {
            if prefix == b'o' || prefix == b'b' {
                let at = lex.span().end;
                err(
                    lex,
                    at,
                    codes::BAD_NUMBER,
                    format!("invalid radix point in {} literal", base_name(base)),
                );
                ok = false;
            }
            lex.bump(1);
            kind = NumKind::Float;
            let (d, s) = digits(lex, base, &mut invalid);
            seen_digit |= d;
            seen_sep |= s;
        }
    }

    if !seen_digit && ok {
        let at = lex.span().end;
        err(
            lex,
            at,
            codes::BAD_NUMBER,
            format!("{} literal has no digits", base_name(base)),
        );
        ok = false;
    }

    let e = peek(lex, 0).to_ascii_lowercase();
    if e == b'e' || e == b'p' {
        if ok {
            let ch = peek(lex, 0) as char;
            if e == b'e' && prefix != 0 && prefix != b'0' {
                let at = lex.span().end;
                err(
                    lex,
                    at,
                    codes::BAD_NUMBER,
                    format!("'{ch}' exponent requires decimal mantissa"),
                );
                ok = false;
            } else if e == b'p' && prefix != b'x' {
                let at = lex.span().end;
                err(
                    lex,
                    at,
                    codes::BAD_NUMBER,
                    format!("'{ch}' exponent requires hexadecimal mantissa"),
                );
                ok = false;
            }
        }
        lex.bump(1);
        kind = NumKind::Float;
        if matches!(peek(lex, 0), b'+' | b'-') {
            lex.bump(1);
        }
        let (d, s) = digits(lex, 10, &mut None);
        seen_sep |= s;
        if !d && ok {
            let at = lex.span().end;
            err(lex, at, codes::BAD_NUMBER, "exponent has no digits");
            ok = false;
        }
    } else if prefix == b'x' && kind == NumKind::Float && ok {
        let at = lex.span().end;
        err(
            lex,
            at,
            codes::BAD_NUMBER,
            "hexadecimal mantissa requires a 'p' exponent",
        );
        ok = false;
    }

    if peek(lex, 0) == b'i' {
        lex.bump(1);
        kind = NumKind::Imag;
    }

    if ok && kind == NumKind::Int {
        if let Some(at) = invalid {
            let d = lex.source().as_bytes()[at] as char;
            err(
                lex,
                at,
                codes::BAD_NUMBER,
                format!("invalid digit '{d}' in {} literal", base_name(base)),
            );
            ok = false;
        }
    }
    if ok && seen_sep {
        if let Some(i) = misplaced_separator(lex.slice()) {
            err(
                lex,
                start + i,
                codes::BAD_NUMBER,
                "'_' must separate successive digits",
            );
        }
    }
    kind
}

/// Index of the first `_` that does not stand between two digits (a base prefix counts as a
/// digit, so `0x_1` is fine), per the Go spec's number literal grammar.
fn misplaced_separator(lit: &str) -> Option<usize> {
    let b = lit.as_bytes();
    let hex = b.len() >= 2 && b[0] == b'0' && b[1].eq_ignore_ascii_case(&b'x');
    let prefixed =
        b.len() >= 2 && b[0] == b'0' && matches!(b[1].to_ascii_lowercase(), b'x' | b'o' | b'b');
    let is_digit = |c: u8| c.is_ascii_digit() || (hex && c.is_ascii_hexdigit());
    // `prev_digit`: the previous byte was a digit (or the prefix); `prev_sep`: it was `_`.
    let (mut prev_digit, mut prev_sep) = (prefixed, false);
    let from = if prefixed { 2 } else { 0 };
    for (i, &c) in b.iter().enumerate().skip(from) {
        if c == b'_' {
            if !prev_digit {
                return Some(i);
            }
            (prev_digit, prev_sep) = (false, true);
        } else if is_digit(c) {
            (prev_digit, prev_sep) = (true, false);
        } else {
            if prev_sep {
                return Some(i - 1);
            }
            (prev_digit, prev_sep) = (false, false);
        }
    }
    if prev_sep {
        Some(b.len() - 1)
    } else {
        None
    }
}

/// Scans one escape sequence after a `\` (already consumed). Returns false if it was bad.
fn escape(lex: &mut Lex<'_>, quote: u8) -> bool {
    let c = peek(lex, 0);
    let (n, base, max): (usize, u32, u32) = match c {
        b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' | b'\\' => {
            lex.bump(1);
            return true;
        }
        _ if c == quote => {
            lex.bump(1);
            return true;
        }
        b'0'..=b'7' => (3, 8, 255),
        b'x' | b'u' | b'U' => {
            lex.bump(1);
            match c {
                b'x' => (2, 16, 255),
                b'u' => (4, 16, 0x10FFFF),
                _ => (8, 16, 0x10FFFF),
            }
        }
        0 => return true, // EOF: the caller complains
        _ => {
            let at = lex.span().end;
            err(lex, at, codes::BAD_ESCAPE, "unknown escape");
            return false;
        }
    };
    let mut x: u32 = 0;
    for _ in 0..n {
        let c = peek(lex, 0);
        if c == 0 {
            return true;
        }
        let d = (c as char).to_digit(16).unwrap_or(base);
        if d >= base {
            let at = lex.span().end;
            let ch = lex.remainder().chars().next().unwrap_or('\0');
            err(
                lex,
                at,
                codes::BAD_ESCAPE,
                format!(
                    "invalid character {} in {} escape",
                    go_quote_rune(ch),
                    base_name(base)
                ),
            );
            return false;
        }
        x = x.saturating_mul(base).saturating_add(d);
        lex.bump(1);
    }
    let at = lex.span().end;
    if x > max && base == 8 {
        err(
            lex,
            at,
            codes::BAD_ESCAPE,
            format!("octal escape value {x} > 255"),
        );
        return false;
    }
    if x > max || (0xD800..0xE000).contains(&x) {
        err(
            lex,
            at,
            codes::BAD_ESCAPE,
            format!("escape is invalid Unicode code point U+{x:04X}"),
        );
        return false;
    }
    true
}

/// Go's `%q` of a rune, for messages: `'a'`, `'\n'`, `'\x00'`.
pub fn go_quote_rune(c: char) -> String {
    match c {
        '\n' => "'\\n'".into(),
        '\t' => "'\\t'".into(),
        '\r' => "'\\r'".into(),
        '\'' => "'\\''".into(),
        '\\' => "'\\\\'".into(),
        c if (c as u32) < 0x20 || c as u32 == 0x7f => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

/// Bytes of the UTF-8 character starting at remainder[0] (1 for ASCII and for bad bytes).
fn char_len(lex: &Lex<'_>) -> usize {
    lex.remainder().chars().next().map_or(1, char::len_utf8)
}

pub fn rune_lit(lex: &mut Lex<'_>) {
    let start = lex.span().start;
    let mut ok = true;
    let mut n = 0;
    loop {
        match peek(lex, 0) {
            b'\'' => {
                if ok && n == 0 {
                    let at = lex.span().end;
                    err(
                        lex,
                        at,
                        codes::BAD_RUNE,
                        "empty rune literal or unescaped '",
                    );
                } else if ok && n != 1 {
                    err(
                        lex,
                        start,
                        codes::BAD_RUNE,
                        "more than one character in rune literal",
                    );
                }
                lex.bump(1);
                return;
            }
            b'\\' => {
                lex.bump(1);
                ok &= escape(lex, b'\'');
            }
            b'\n' => {
                if ok {
                    let at = lex.span().end;
                    err(lex, at, codes::NEWLINE_IN_STRING, "newline in rune literal");
                }
                return;
            }
            0 if lex.remainder().is_empty() => {
                if ok {
                    err(
                        lex,
                        start,
                        codes::NEWLINE_IN_STRING,
                        "rune literal not terminated",
                    );
                }
                return;
            }
            _ => lex.bump(char_len(lex)),
        }
        n += 1;
    }
}

pub fn string_lit(lex: &mut Lex<'_>) {
    let start = lex.span().start;
    loop {
        match peek(lex, 0) {
            b'"' => {
                lex.bump(1);
                return;
            }
            b'\\' => {
                lex.bump(1);
                escape(lex, b'"');
            }
            b'\n' => {
                let at = lex.span().end;
                err(lex, at, codes::NEWLINE_IN_STRING, "newline in string");
                return;
            }
            0 if lex.remainder().is_empty() => {
                err(
                    lex,
                    start,
                    codes::NEWLINE_IN_STRING,
                    "string not terminated",
                );
                return;
            }
            _ => lex.bump(char_len(lex)),
        }
    }
}

pub fn raw_string(lex: &mut Lex<'_>) {
    match lex.remainder().find('`') {
        Some(i) => lex.bump(i + 1),
        None => {
            let start = lex.span().start;
            lex.bump(lex.remainder().len());
            err(lex, start, codes::RAW_STRING_EOF, "string not terminated");
        }
    }
}

/// `/* ... */`; returns whether it contains a newline (then it acts like one).
pub fn block_comment(lex: &mut Lex<'_>) -> bool {
    match lex.remainder().find("*/") {
        Some(i) => {
            let newline = lex.remainder()[..i].contains('\n');
            lex.bump(i + 2);
            newline
        }
        None => {
            let start = lex.span().start;
            let newline = lex.remainder().contains('\n');
            lex.bump(lex.remainder().len());
            err(lex, start, codes::COMMENT_EOF, "comment not terminated");
            newline
        }
    }
}

#[cfg(test)]
mod tests {
    use super::misplaced_separator as sep;

    #[test]
    fn separators() {
        assert_eq!(sep("1_000"), None);
        assert_eq!(sep("0x_ff"), None);
        assert_eq!(sep("1__2"), Some(2));
        assert_eq!(sep("1_"), Some(1));
        assert_eq!(sep("1_.5"), Some(1));
        assert_eq!(sep("0b1_0"), None);
    }
}
