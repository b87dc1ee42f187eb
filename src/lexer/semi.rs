//! LEXER: Go's automatic semicolon insertion, as a stage between logos and the parser (never a
//! grammar hack). Input: raw tokens one by one, with newlines and comments. Output: significant
//! tokens only, with a `Semi(Newline)` wherever the Go spec inserts one: after a line's final
//! token if that token is an identifier, a literal, `break continue fallthrough return ++ -- ) ] }`;
//! a general comment that spans lines counts as a newline; at EOF likewise (`Semi(Eof)`).
//! Positions follow Go's scanner: an inserted `;` sits on the newline character, or at the start of
//! the multi-line comment, or at the end of the file, so "unexpected newline" points there.
//! It streams (one output vector, no intermediate ones): on a 10 MB file the copies of
//! multi-million-token vectors cost more than lexing.

use super::token::{SemiKind, Tok};

pub type Spanned<'a> = (usize, Tok<'a>, usize);

pub struct Semicolons<'a> {
    src: &'a str,
    out: Vec<Spanned<'a>>,
    /// Whether the last significant token allows a newline to end the statement.
    pending: bool,
}

impl<'a> Semicolons<'a> {
    pub fn new(src: &'a str) -> Semicolons<'a> {
        // Go source averages about a token per 4 bytes; growing a vector of millions of tokens
        // by doubling costs more page faults than the lexing itself.
        Semicolons {
            src,
            out: Vec::with_capacity(src.len() / 4 + 16),
            pending: false,
        }
    }

    pub fn push(&mut self, lo: usize, tok: Tok<'a>, hi: usize) {
        match tok {
            Tok::LineComment | Tok::BlockComment(false) => {}
            // A newline, or a general comment spanning one, ends the statement if the token before allows.
            Tok::Newline | Tok::BlockComment(true) => {
                if self.pending {
                    self.out.push((lo, Tok::Semi(SemiKind::Newline), lo + 1));
                    self.pending = false;
                }
            }
            _ => {
                // Identifier pieces that touch are one identifier: only possible around an
                // invalid character, which Go's scanner takes into the name (after reporting it).
                if let (Tok::Ident(_), Some((plo, Tok::Ident(_), phi))) =
                    (tok, self.out.last().copied())
                {
                    if phi == lo {
                        *self.out.last_mut().expect("checked above") =
                            (plo, Tok::Ident(&self.src[plo..hi]), hi);
                        return;
                    }
                }
                self.pending = tok.ends_statement();
                self.out.push((lo, tok, hi));
            }
        }
    }

    pub fn finish(mut self) -> Vec<Spanned<'a>> {
        if self.pending {
            let end = self.src.len();
            self.out.push((end, Tok::Semi(SemiKind::Eof), end));
        }
        self.out
    }
}
