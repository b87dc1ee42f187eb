//! REGEXP PARSER: Go's RE2 syntax, as `regexp/syntax.Parse` reads it. Input: the expression and
//! the flags (`flags::PERL` for `regexp.Compile`, `flags::POSIX` for `CompilePOSIX`). Output: the
//! tree (`Re`), the number of capturing groups and their names, or Go's error (`Error`) with the
//! same code and the same quoted part of the expression.
//!
//! Like Go's parser it is a loop over the text with an explicit stack (no recursion, so any
//! nesting depth is safe): operands are pushed, `(` and `|` are markers, a repetition operator
//! wraps the top operand, `)` and the end collapse the stack. Errors are found in Go's order
//! because the text is consumed in Go's order: the first bad construct from the left wins.

use super::ast::{empty, flags as F, Error, Node, Re, *};
use super::class::{self, Ranges};
use super::factor::{alternation, is_fold_pair, repeat_is_valid};
use crate::stdlib::natives::unicode::simple_fold;

/// Go's limits: nesting height of the tree and its size in instructions.
const MAX_HEIGHT: u32 = 1000;
const MAX_SIZE: u64 = (128 << 20) / 40;

/// The parse result: tree, number of groups, names of groups (`""` for unnamed; index 0 is the
/// whole match).
pub struct Parsed {
    pub re: Re,
    pub names: Vec<String>,
}

enum Item {
    Re(Re),
    /// `(`: its group number (0 for a non-capturing group) and the flags to restore at `)`.
    LeftParen {
        cap: u32,
        flags: u16,
    },
    VerticalBar,
}

struct Parser<'a> {
    whole: &'a [u8],
    flags: u16,
    stack: Vec<Item>,
    names: Vec<String>,
}

pub fn parse(s: &[u8], flags: u16) -> Result<Parsed, Error> {
    let mut p = Parser {
        whole: s,
        flags,
        stack: Vec::new(),
        names: vec![String::new()],
    };
    let b = s;
    let perl = flags & F::PERL_X != 0;
    let mut i = 0;
    // Start of the previous token if it was a repetition operator (Perl forbids `a**`).
    let mut last_repeat: Option<usize> = None;
    while i < b.len() {
        let mut repeat = None;
        match b[i] {
            b'(' => {
                if p.flags & F::PERL_X != 0 && b.get(i + 1) == Some(&b'?') {
                    i = p.perl_flags(i)?;
                } else {
                    p.names.push(String::new());
                    let cap = (p.names.len() - 1) as u32;
                    p.stack.push(Item::LeftParen {
                        cap,
                        flags: p.flags,
                    });
                    i += 1;
                }
            }
            b'|' => {
                p.vertical_bar()?;
                i += 1;
            }
            b')' => {
                p.right_paren()?;
                i += 1;
            }
            b'^' => {
                let op = if p.flags & F::ONE_LINE != 0 {
                    empty::BEGIN_TEXT
                } else {
                    empty::BEGIN_LINE
                };
                p.push(Re::new(Node::Empty(op)))?;
                i += 1;
            }
            b'$' => {
                let op = if p.flags & F::ONE_LINE != 0 {
                    empty::END_TEXT
                } else {
                    empty::END_LINE
                };
                p.push(Re::new(Node::Empty(op)))?;
                i += 1;
            }
            b'.' => {
                let n = if p.flags & F::DOT_NL != 0 {
                    Node::AnyChar
                } else {
                    Node::AnyCharNotNL
                };
                p.push(Re::new(n))?;
                i += 1;
            }
            b'[' => i = p.class(i)?,
            c @ (b'*' | b'+' | b'?') => {
                let (min, max) = match c {
                    b'*' => (0, -1),
                    b'+' => (1, -1),
                    _ => (0, 1),
                };
                let before = i;
                i = p.repeat(c, min, max, before, i + 1, last_repeat)?;
                repeat = Some(before);
            }
            b'{' => match parse_repeat(b, i) {
                None => {
                    p.literal('{' as u32)?;
                    i += 1;
                }
                Some((min, max, after)) => {
                    if !(0..=1000).contains(&min) || max > 1000 || (max >= 0 && min > max) {
                        return Err(Error::new(ERR_INVALID_REPEAT_SIZE, &s[i..after]));
                    }
                    let before = i;
                    i = p.repeat(b'{', min, max, before, after, last_repeat)?;
                    repeat = Some(before);
                }
            },
            b'\\' => i = p.backslash(i, perl)?,
            _ => {
                let (c, n) = next_rune(s, i)?;
                p.literal(c)?;
                i += n;
            }
        }
        last_repeat = repeat;
    }
    p.concat()?;
    if p.swap_vertical_bar() {
        p.stack.pop();
    }
    p.alternate()?;
    if p.stack.len() != 1 {
        return Err(Error::new(ERR_MISSING_PAREN, s));
    }
    let Some(Item::Re(re)) = p.stack.pop() else {
        return Err(Error::new(ERR_MISSING_PAREN, s));
    };
    Ok(Parsed { re, names: p.names })
}

/// `{min}`, `{min,}` or `{min,max}` at `i`: (min, max (-1: none), end). A number too big gives
/// min -1 (an error for the caller); not of that form: None (the `{` is a literal).
fn parse_repeat(b: &[u8], i: usize) -> Option<(i32, i32, usize)> {
    let mut j = i + 1;
    let (mut min, nj) = parse_int(b, j)?;
    j = nj;
    let max;
    match b.get(j)? {
        b',' => {
            j += 1;
            if *b.get(j)? == b'}' {
                max = -1;
            } else {
                let (m, nj) = parse_int(b, j)?;
                j = nj;
                max = m;
                if m < 0 {
                    min = -1;
                }
            }
        }
        _ => max = min,
    }
    if *b.get(j)? != b'}' {
        return None;
    }
    Some((min, max, j + 1))
}

/// A decimal number without leading zeros; -1 if it is 10^8 or more.
fn parse_int(b: &[u8], i: usize) -> Option<(i32, usize)> {
    let d = |k: usize| b.get(k).is_some_and(|c| c.is_ascii_digit());
    if !d(i) || (b[i] == b'0' && d(i + 1)) {
        return None;
    }
    let mut j = i;
    let mut n: i64 = 0;
    while d(j) {
        if n >= 0 {
            n = if n >= 100_000_000 {
                -1
            } else {
                n * 10 + (b[j] - b'0') as i64
            };
        }
        j += 1;
    }
    Some((n as i32, j))
}

/// The rune at byte `i` and its width; invalid UTF-8 is Go's error quoting the rest.
fn next_rune(s: &[u8], i: usize) -> Result<(u32, usize), Error> {
    let (r, n) = crate::stdlib::utf8::decode_rune(&s[i..]);
    if r == 0xFFFD && n == 1 {
        return Err(Error::new(ERR_INVALID_UTF8, &s[i..]));
    }
    Ok((r, n))
}

fn check_utf8(s: &[u8], from: usize, to: usize) -> Result<(), Error> {
    let mut i = from;
    while i < to {
        let (_, n) = next_rune(s, i)?;
        i += n;
    }
    Ok(())
}

fn is_alnum(c: u8) -> bool {
    c.is_ascii_alphanumeric()
}

fn unhex(c: u32) -> Option<u32> {
    char::from_u32(c).and_then(|c| c.to_digit(16))
}

/// The smallest rune in `r`'s case-fold orbit (Go's minFoldRune).
fn min_fold(r: u32) -> u32 {
    let mut m = r;
    let mut f = simple_fold(r as i32) as u32;
    while f != r {
        m = m.min(f);
        f = simple_fold(f as i32) as u32;
    }
    m
}

impl Parser<'_> {
    fn is_marker_top(&self) -> bool {
        !matches!(self.stack.last(), Some(Item::Re(_)))
    }

    /// Pushes an operand (Go's limits are checked on every node as it is made).
    fn push(&mut self, re: Re) -> Result<(), Error> {
        self.check(&re)?;
        // A class of one rune is a literal; [Aa] is a case-folded literal (as Go's push does,
        // which matters for LiteralPrefix).
        let re = match &re.node {
            Node::Class(r) if r.len() == 1 && r[0].0 == r[0].1 => Re::new(Node::Literal {
                runes: vec![r[0].0],
                fold: false,
            }),
            Node::Class(r) if is_fold_pair(r) => Re::new(Node::Literal {
                runes: vec![min_fold(r[0].0)],
                fold: true,
            }),
            _ => re,
        };
        self.stack.push(Item::Re(re));
        Ok(())
    }

    fn check(&self, re: &Re) -> Result<(), Error> {
        if re.height > MAX_HEIGHT {
            return Err(Error::new(ERR_NESTING_DEPTH, self.whole));
        }
        if re.size > MAX_SIZE {
            return Err(Error::new(ERR_LARGE, self.whole));
        }
        Ok(())
    }

    fn literal(&mut self, r: u32) -> Result<(), Error> {
        let fold = self.flags & F::FOLD_CASE != 0;
        let r = if fold { min_fold(r) } else { r };
        let fold = fold && simple_fold(r as i32) as u32 != r;
        self.push(Re::new(Node::Literal {
            runes: vec![r],
            fold,
        }))
    }

    /// `*` `+` `?` (op is the character) or `{` (op `{`) with the bounds; `before..after` is the
    /// operator's text. Returns the position after it.
    fn repeat(
        &mut self,
        op: u8,
        min: i32,
        max: i32,
        before: usize,
        mut after: usize,
        last_repeat: Option<usize>,
    ) -> Result<usize, Error> {
        let mut flags = self.flags;
        let b = self.whole;
        if self.flags & F::PERL_X != 0 {
            if b.get(after) == Some(&b'?') {
                after += 1;
                flags ^= F::NON_GREEDY;
            }
            if let Some(lr) = last_repeat {
                return Err(Error::new(ERR_INVALID_REPEAT_OP, &self.whole[lr..after]));
            }
        }
        if self.is_marker_top() {
            return Err(Error::new(
                ERR_MISSING_REPEAT_ARGUMENT,
                &self.whole[before..after],
            ));
        }
        let Some(Item::Re(sub)) = self.stack.pop() else {
            unreachable!("checked above");
        };
        let greedy = flags & F::NON_GREEDY == 0;
        let sub = Box::new(sub);
        let node = match op {
            b'*' => Node::Star { greedy, sub },
            b'+' => Node::Plus { greedy, sub },
            b'?' => Node::Quest { greedy, sub },
            _ => Node::Repeat {
                min,
                max,
                greedy,
                sub,
            },
        };
        let re = Re::new(node);
        self.check(&re)?;
        if op == b'{' && (min >= 2 || max >= 2) && !repeat_is_valid(&re, 1000) {
            return Err(Error::new(
                ERR_INVALID_REPEAT_SIZE,
                &self.whole[before..after],
            ));
        }
        self.stack.push(Item::Re(re));
        Ok(after)
    }

    /// Replaces the operands above the topmost marker with their concatenation.
    fn concat(&mut self) -> Result<(), Error> {
        let start = self
            .stack
            .iter()
            .rposition(|it| !matches!(it, Item::Re(_)))
            .map_or(0, |k| k + 1);
        let items: Vec<Item> = self.stack.drain(start..).collect();
        let mut subs: Vec<Re> = Vec::with_capacity(items.len());
        for it in items {
            let Item::Re(re) = it else { unreachable!() };
            // Adjacent literals with the same folding become one string (Go's maybeConcat).
            if let (
                Some(Re {
                    node: Node::Literal { runes, fold },
                    ..
                }),
                Node::Literal {
                    runes: more,
                    fold: f2,
                },
            ) = (subs.last_mut(), &re.node)
            {
                if fold == f2 {
                    runes.extend_from_slice(more);
                    let merged = subs.pop().expect("just matched");
                    subs.push(Re::new(merged.node));
                    continue;
                }
            }
            subs.push(re);
        }
        let re = match subs.len() {
            0 => Re::new(Node::EmptyMatch),
            1 => subs.pop().expect("one"),
            _ => Re::new(Node::Concat(subs)),
        };
        self.check(&re)?;
        self.stack.push(Item::Re(re));
        Ok(())
    }

    /// Replaces the operands above the topmost `(` (or the bottom) with their alternation.
    fn alternate(&mut self) -> Result<(), Error> {
        let start = self
            .stack
            .iter()
            .rposition(|it| !matches!(it, Item::Re(_)))
            .map_or(0, |k| k + 1);
        let mut subs: Vec<Re> = self
            .stack
            .drain(start..)
            .map(|it| match it {
                Item::Re(re) => re,
                _ => unreachable!(),
            })
            .collect();
        let re = match subs.len() {
            0 => Re::new(Node::NoMatch),
            1 => subs.pop().expect("one"),
            _ => alternation(subs),
        };
        self.check(&re)?;
        self.stack.push(Item::Re(re));
        Ok(())
    }

    fn vertical_bar(&mut self) -> Result<(), Error> {
        self.concat()?;
        if !self.swap_vertical_bar() {
            self.stack.push(Item::VerticalBar);
        }
        Ok(())
    }

    /// If an operand sits above a `|`, moves it below (the alternatives collect under the bar).
    fn swap_vertical_bar(&mut self) -> bool {
        let n = self.stack.len();
        if n >= 2 && matches!(self.stack[n - 2], Item::VerticalBar) {
            if let Item::Re(_) = self.stack[n - 1] {
                self.stack.swap(n - 1, n - 2);
                return true;
            }
        }
        false
    }

    fn right_paren(&mut self) -> Result<(), Error> {
        self.concat()?;
        if self.swap_vertical_bar() {
            self.stack.pop();
        }
        self.alternate()?;
        let n = self.stack.len();
        if n < 2 {
            return Err(Error::new(ERR_UNEXPECTED_PAREN, self.whole));
        }
        let Some(Item::Re(re)) = self.stack.pop() else {
            unreachable!("alternate pushed an operand")
        };
        let Some(Item::LeftParen { cap, flags }) = self.stack.pop() else {
            return Err(Error::new(ERR_UNEXPECTED_PAREN, self.whole));
        };
        self.flags = flags;
        if cap == 0 {
            self.push(re)
        } else {
            self.push(Re::new(Node::Capture {
                index: cap,
                sub: Box::new(re),
            }))
        }
    }

    /// `(?` at `i`: a named group, a non-capturing group and/or flag changes.
    fn perl_flags(&mut self, i: usize) -> Result<usize, Error> {
        let s = self.whole;
        let t = &s[i..];
        let tb = t;
        let starts_p = tb.len() > 4 && tb[2] == b'P' && tb[3] == b'<';
        let starts_name = tb.len() > 3 && tb[2] == b'<';
        if starts_p || starts_name {
            let name_start = if starts_p { 4 } else { 3 };
            let Some(end) = memchr::memchr(b'>', t) else {
                check_utf8(s, i, s.len())?;
                return Err(Error::new(ERR_INVALID_NAMED_CAPTURE, t));
            };
            let capture = &t[..end + 1];
            let name = &t[name_start..end];
            check_utf8(s, i + name_start, i + end)?;
            if name.is_empty() || !name.iter().all(|&c| c == b'_' || is_alnum(c)) {
                return Err(Error::new(ERR_INVALID_NAMED_CAPTURE, capture));
            }
            self.names.push(String::from_utf8_lossy(name).into_owned());
            let cap = (self.names.len() - 1) as u32;
            self.stack.push(Item::LeftParen {
                cap,
                flags: self.flags,
            });
            return Ok(i + end + 1);
        }
        let mut j = i + 2;
        let mut flags = self.flags;
        let mut negate = false;
        let mut saw_flag = false;
        while j < s.len() {
            let (c, n) = next_rune(s, j)?;
            j += n;
            let bit = match char::from_u32(c) {
                Some('i') => F::FOLD_CASE,
                Some('m') => F::ONE_LINE,
                Some('s') => F::DOT_NL,
                Some('U') => F::NON_GREEDY,
                Some('-') => {
                    if negate {
                        break;
                    }
                    negate = true;
                    saw_flag = false;
                    continue;
                }
                Some(c @ (':' | ')')) => {
                    if negate && !saw_flag {
                        break;
                    }
                    if c == ':' {
                        self.stack.push(Item::LeftParen {
                            cap: 0,
                            flags: self.flags,
                        });
                    }
                    self.flags = flags;
                    return Ok(j);
                }
                _ => break,
            };
            // `m` clears OneLine where the others set their flag; `-` inverts both.
            let set = (bit == F::ONE_LINE) == negate;
            if set {
                flags |= bit;
            } else {
                flags &= !bit;
            }
            saw_flag = true;
        }
        Err(Error::new(ERR_INVALID_PERL_OP, &s[i..j]))
    }

    /// A backslash at `i` outside a class.
    fn backslash(&mut self, i: usize, perl: bool) -> Result<usize, Error> {
        let s = self.whole;
        let b = s;
        if perl && i + 1 < b.len() {
            let op = match b[i + 1] {
                b'A' => Some(empty::BEGIN_TEXT),
                b'b' => Some(empty::WORD_BOUNDARY),
                b'B' => Some(empty::NO_WORD_BOUNDARY),
                b'z' => Some(empty::END_TEXT),
                b'C' => return Err(Error::new(ERR_INVALID_ESCAPE, &s[i..i + 2])),
                b'Q' => {
                    let rest = &s[i + 2..];
                    let (lit, after) = match memchr::memmem::find(rest, b"\\E") {
                        Some(k) => (&rest[..k], i + 2 + k + 2),
                        None => (rest, s.len()),
                    };
                    let base = i + 2;
                    let mut k = 0;
                    while k < lit.len() {
                        let (c, n) = next_rune(s, base + k)?;
                        self.literal(c)?;
                        k += n;
                    }
                    return Ok(after);
                }
                _ => None,
            };
            if let Some(op) = op {
                self.push(Re::new(Node::Empty(op)))?;
                return Ok(i + 2);
            }
        }
        let fold = self.flags & F::FOLD_CASE != 0;
        let mut r = Ranges::new();
        if let Some(end) = self.unicode_class(i, &mut r)? {
            class::clean(&mut r);
            self.push(Re::new(Node::Class(r)))?;
            return Ok(end);
        }
        if perl && i + 1 < b.len() && class::perl_group(b[i + 1]).is_some() {
            class::add_perl(&mut r, b[i + 1], fold);
            class::clean(&mut r);
            self.push(Re::new(Node::Class(r)))?;
            return Ok(i + 2);
        }
        let (c, end) = self.escape(i)?;
        self.literal(c)?;
        Ok(end)
    }

    /// `\p{Name}`, `\pL`, `\P...` at `i` (Unicode groups only): adds its runes to `r` and
    /// returns the end, or None if there is none here.
    fn unicode_class(&self, i: usize, r: &mut Ranges) -> Result<Option<usize>, Error> {
        let s = self.whole;
        let b = s;
        if self.flags & F::UNICODE_GROUPS == 0
            || i + 1 >= b.len()
            || b[i] != b'\\'
            || (b[i + 1] != b'p' && b[i + 1] != b'P')
        {
            return Ok(None);
        }
        let mut negated = b[i + 1] == b'P';
        let (seq_end, name) = if i + 2 >= b.len() {
            // Go decodes "" as a zero-width rune: the name is empty (an error below).
            (i + 2, &b""[..])
        } else {
            let (c, n) = next_rune(s, i + 2)?;
            if c != '{' as u32 {
                (i + 2 + n, &s[i + 2..i + 2 + n])
            } else {
                let Some(end) = memchr::memchr(b'}', &s[i..]).map(|k| i + k) else {
                    check_utf8(s, i, s.len())?;
                    return Err(Error::new(ERR_INVALID_CHAR_RANGE, &s[i..]));
                };
                check_utf8(s, i + 3, end)?;
                (end + 1, &s[i + 3..end])
            }
        };
        let mut name = name;
        if let Some(rest) = name.strip_prefix(b"^") {
            negated = !negated;
            name = rest;
        }
        let fold = self.flags & F::FOLD_CASE != 0;
        let name = std::str::from_utf8(name).unwrap_or("\u{FFFD}");
        if !class::add_unicode(r, name, negated, fold) {
            return Err(Error::new(ERR_INVALID_CHAR_RANGE, &s[i..seq_end]));
        }
        Ok(Some(seq_end))
    }

    /// A single-rune escape at `i` (the backslash): the rune and the end.
    fn escape(&self, i: usize) -> Result<(u32, usize), Error> {
        let s = self.whole;
        let b = s;
        let mut j = i + 1;
        if j >= b.len() {
            return Err(Error::new(ERR_TRAILING_BACKSLASH, b""));
        }
        let (c, n) = next_rune(s, j)?;
        j += n;
        let bad = |j: usize| Err(Error::new(ERR_INVALID_ESCAPE, &s[i..j]));
        let octal = |k: usize| b.get(k).is_some_and(|d| (b'0'..=b'7').contains(d));
        match char::from_u32(c).unwrap_or('\u{FFFD}') {
            '1'..='7' if !octal(j) => bad(j),
            '0'..='7' => {
                let mut r = c - '0' as u32;
                for _ in 1..3 {
                    if !octal(j) {
                        break;
                    }
                    r = r * 8 + (b[j] - b'0') as u32;
                    j += 1;
                }
                Ok((r, j))
            }
            'x' => {
                if j >= b.len() {
                    return bad(j);
                }
                let (c, n) = next_rune(s, j)?;
                j += n;
                if c == '{' as u32 {
                    let mut nhex = 0;
                    let mut r: u32 = 0;
                    loop {
                        if j >= b.len() {
                            return bad(j);
                        }
                        let (c, n) = next_rune(s, j)?;
                        j += n;
                        if c == '}' as u32 {
                            break;
                        }
                        let Some(v) = unhex(c) else {
                            return bad(j);
                        };
                        r = r * 16 + v;
                        if r > class::MAX_RUNE {
                            return bad(j);
                        }
                        nhex += 1;
                    }
                    if nhex == 0 {
                        return bad(j);
                    }
                    return Ok((r, j));
                }
                let x = unhex(c);
                if j >= b.len() {
                    // Go decodes "" as RuneError width 0: not a hex digit.
                    return bad(j);
                }
                let (c2, n) = next_rune(s, j)?;
                j += n;
                match (x, unhex(c2)) {
                    (Some(x), Some(y)) => Ok((x * 16 + y, j)),
                    _ => bad(j),
                }
            }
            'a' => Ok((7, j)),
            'f' => Ok((12, j)),
            'n' => Ok((10, j)),
            'r' => Ok((13, j)),
            't' => Ok((9, j)),
            'v' => Ok((11, j)),
            _ if c < 0x80 && !is_alnum(c as u8) => Ok((c, j)),
            _ => bad(j),
        }
    }

    /// A bracketed class at `i`; returns the end.
    fn class(&mut self, i: usize) -> Result<usize, Error> {
        let s = self.whole;
        let b = s;
        let whole_class = &s[i..];
        let fold = self.flags & F::FOLD_CASE != 0;
        let mut j = i + 1;
        let mut r = Ranges::new();
        let mut negated = false;
        if b.get(j) == Some(&b'^') {
            negated = true;
            j += 1;
            if self.flags & F::CLASS_NL == 0 {
                r.push((10, 10));
            }
        }
        let mut first = true;
        while j >= b.len() || b[j] != b']' || first {
            if j < b.len()
                && b[j] == b'-'
                && self.flags & F::PERL_X == 0
                && !first
                && (j + 1 == b.len() || b[j + 1] != b']')
            {
                let size = if j + 1 < b.len() {
                    crate::stdlib::utf8::decode_rune(&b[j + 1..]).1
                } else {
                    0
                };
                return Err(Error::new(ERR_INVALID_CHAR_RANGE, &s[j..j + 1 + size]));
            }
            first = false;
            if j + 2 < b.len() && b[j] == b'[' && b[j + 1] == b':' {
                if let Some(k) = memchr::memmem::find(&s[j + 2..], b":]") {
                    let name = &s[j..j + 2 + k + 2];
                    let known =
                        std::str::from_utf8(name).is_ok_and(|n| class::add_posix(&mut r, n, fold));
                    if !known {
                        return Err(Error::new(ERR_INVALID_CHAR_RANGE, name));
                    }
                    j += name.len();
                    continue;
                }
            }
            if let Some(end) = self.unicode_class(j, &mut r)? {
                j = end;
                continue;
            }
            if self.flags & F::PERL_X != 0
                && j + 1 < b.len()
                && b[j] == b'\\'
                && class::perl_group(b[j + 1]).is_some()
            {
                class::add_perl(&mut r, b[j + 1], fold);
                j += 2;
                continue;
            }
            let rng = j;
            let (lo, nj) = self.class_char(j, whole_class)?;
            j = nj;
            let mut hi = lo;
            if j + 1 < b.len() && b[j] == b'-' && b[j + 1] != b']' {
                j += 1;
                let (h, nj) = self.class_char(j, whole_class)?;
                j = nj;
                hi = h;
                if hi < lo {
                    return Err(Error::new(ERR_INVALID_CHAR_RANGE, &s[rng..j]));
                }
            }
            if fold {
                class::add_folded(&mut r, lo, hi);
            } else {
                r.push((lo, hi));
            }
        }
        class::clean(&mut r);
        if negated {
            r = class::negate(&r);
        }
        self.push(Re::new(Node::Class(r)))?;
        Ok(j + 1)
    }

    fn class_char(&self, j: usize, whole_class: &[u8]) -> Result<(u32, usize), Error> {
        let s = self.whole;
        if j >= s.len() {
            return Err(Error::new(ERR_MISSING_BRACKET, whole_class));
        }
        if s[j] == b'\\' {
            return self.escape(j);
        }
        let (c, n) = next_rune(s, j)?;
        Ok((c, j + n))
    }
}
