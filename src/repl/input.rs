//! REPL INPUT: whether the lines typed so far form a complete input. Input: the text. Output:
//! `true` if the REPL should continue reading on a `...` prompt — open brackets, a raw string or
//! a general comment not yet closed, or a last token that cannot end a statement (a binary
//! operator, `,`, `.`, `=`, `:=`, `<-`...). Uses gol's own lexer, so strings and comments that
//! contain brackets are seen as Go sees them.
//!
//! Anything else is complete, including input that is wrong (a `)` too many): the parser then
//! reports it. The lexer never fails, so this never fails either.

use crate::diag::codes;
use crate::lexer::{self, SemiKind, Tok};

pub fn incomplete(text: &str) -> bool {
    if text.trim().is_empty() {
        return false;
    }
    let lexed = lexer::lex(text);
    // An unterminated raw string or general comment runs to the end of the text.
    if lexed
        .errors
        .iter()
        .any(|d| d.code == codes::RAW_STRING_EOF || d.code == codes::COMMENT_EOF)
    {
        return true;
    }
    // A string or rune literal cut by the newline cannot go on on the next line: the input is
    // complete (and wrong), whatever brackets are open.
    if lexed
        .errors
        .iter()
        .any(|d| d.code == codes::NEWLINE_IN_STRING)
    {
        return false;
    }
    let mut depth: i64 = 0;
    let mut last = None;
    for (_, tok, _) in &lexed.tokens {
        match tok {
            Tok::LParen | Tok::LBrack | Tok::LBrace => depth += 1,
            Tok::RParen | Tok::RBrack | Tok::RBrace => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false; // an error: let the parser say so
        }
        if !matches!(tok, Tok::Semi(SemiKind::Newline | SemiKind::Eof)) {
            last = Some(tok);
        }
    }
    depth > 0 || last.is_some_and(continues)
}

/// A token after which a statement cannot end: the line goes on.
fn continues(t: &Tok) -> bool {
    use Tok::*;
    matches!(
        t,
        Add | Sub
            | Star
            | Quo
            | Rem
            | And
            | Or
            | Xor
            | Shl
            | Shr
            | AndNot
            | AddAssign
            | SubAssign
            | MulAssign
            | QuoAssign
            | RemAssign
            | AndAssign
            | OrAssign
            | XorAssign
            | ShlAssign
            | ShrAssign
            | AndNotAssign
            | LAnd
            | LOr
            | Arrow
            | Eql
            | Lss
            | Gtr
            | Assign
            | Not
            | Neq
            | Leq
            | Geq
            | Define
            | Comma
            | Period
    )
}

#[cfg(test)]
mod tests {
    use super::incomplete;

    #[test]
    fn completeness() {
        for t in [
            "x := 1",
            "fmt.Println(1)",
            "}",
            "func f() {}",
            "s := \"(\"",
            "// {",
            "x++",
            "",
            "fmt.Println(\"abc",
            "f(func() { s := 'ab",
        ] {
            assert!(!incomplete(t), "{t:?} is complete");
        }
        for t in [
            "func f() {",
            "x := (1 +",
            "x := 1 +",
            "fmt.Println(1,",
            "s := `abc",
            "/* x",
            "a := []int{",
            "x := y.",
            "x :=",
            "ch <-",
            "if x &&",
        ] {
            assert!(incomplete(t), "{t:?} is incomplete");
        }
    }
}
