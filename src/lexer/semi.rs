//! LEXER: Go's automatic semicolon insertion, as a pass over raw tokens (never a grammar hack).
//! Input: raw tokens with newlines and comments. Output: significant tokens only, with a
//! `Semi(Newline)` wherever the Go spec inserts one: after a line's final token if that token is an
//! identifier, a literal, `break continue fallthrough return ++ -- ) ] }`; a general comment that
//! spans lines counts as a newline; at EOF likewise (`Semi(Eof)`).
//! Positions follow Go's scanner: an inserted `;` sits on the newline character, or at the start of
//! the multi-line comment, or at the end of the file, so "unexpected newline" points there.

use super::token::{SemiKind, Tok};

pub type Spanned<'a> = (usize, Tok<'a>, usize);

pub fn insert_semicolons<'a>(raw: Vec<Spanned<'a>>, src_len: usize) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(raw.len());
    // Whether the last significant token allows a newline to end the statement.
    let mut pending = false;
    for (lo, tok, hi) in raw {
        match tok {
            Tok::LineComment | Tok::BlockComment(false) => {}
            // A newline, or a general comment spanning one, ends the statement if the token before allows.
            Tok::Newline | Tok::BlockComment(true) => {
                if pending {
                    out.push((lo, Tok::Semi(SemiKind::Newline), lo + 1));
                    pending = false;
                }
            }
            _ => {
                pending = tok.ends_statement();
                out.push((lo, tok, hi));
            }
        }
    }
    if pending {
        out.push((src_len, Tok::Semi(SemiKind::Eof), src_len));
    }
    out
}
