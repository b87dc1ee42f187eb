//! REGEXP COMPILER: a parsed tree to a program for the Pike VM. Input: `Re` from the parser.
//! Output: `Prog`, instructions in Go's shapes (a greedy `x*` is `L: alt(x → L, out)`, a lazy one
//! `alt(out, x)`), so threads have Go's priorities and submatches come out as Go's.
//!
//! Counted repetitions are expanded first as Go's `Simplify` does (`x{2,4}` is `xx(x(x)?)?`,
//! `x{2,}` is `xx+`), and a star over something that can match empty is `(x+)?` (Go's fix for
//! golang.org/issue/46123), because those shapes decide which of several equal-length matches
//! Go reports. Instruction 0 is `Fail`, so pc 0 also means "no instruction".

use super::ast::{Node, Re};
use super::class::Ranges;
use crate::stdlib::natives::unicode::simple_fold;

#[derive(Debug, Clone)]
pub enum Inst {
    Fail,
    Match,
    Nop(u32),
    /// Records the position in capture slot `.0`.
    Capture(u32, u32),
    /// A zero-width assertion (`ast::empty` bits).
    Empty(u8, u32),
    /// Try `.0` first, then `.1`.
    Alt(u32, u32),
    /// One rune exactly.
    Rune1(u32, u32),
    /// A rune in the class (also a case-folded literal rune: its orbit).
    Class {
        ranges: Ranges,
        out: u32,
    },
    AnyNotNL(u32),
    Any(u32),
}

pub struct Prog {
    pub inst: Vec<Inst>,
    pub start: u32,
    /// Capture slots used by the program (2 per group, including the whole match).
    pub num_cap: usize,
    /// For each pc that can hold a thread (an instruction that consumes a rune, or Match), its
    /// index among those; the matcher keeps capture slots for these only.
    pub thread_slot: Vec<u32>,
    pub num_threads: usize,
}

/// Where a fragment's dangling exits are: (instruction, which arm: 0 first, 1 second).
type Patch = Vec<(u32, u8)>;

struct Frag {
    start: u32,
    out: Patch,
    nullable: bool,
}

struct Compiler {
    inst: Vec<Inst>,
    num_cap: usize,
}

pub fn compile(re: &Re) -> Prog {
    let mut c = Compiler {
        inst: vec![Inst::Fail],
        num_cap: 2,
    };
    let re = simplify(re);
    let f = c.compile(&re);
    let m = c.push(Inst::Match);
    c.patch(&f.out, m);
    let mut num_threads = 0;
    let thread_slot = c
        .inst
        .iter()
        .map(|i| match i {
            Inst::Match
            | Inst::Rune1(..)
            | Inst::Class { .. }
            | Inst::Any(_)
            | Inst::AnyNotNL(_) => {
                num_threads += 1;
                num_threads as u32 - 1
            }
            _ => u32::MAX,
        })
        .collect();
    Prog {
        inst: c.inst,
        start: f.start,
        num_cap: c.num_cap,
        thread_slot,
        num_threads,
    }
}

fn fail() -> Frag {
    Frag {
        start: 0,
        out: Vec::new(),
        nullable: false,
    }
}

impl Compiler {
    fn push(&mut self, i: Inst) -> u32 {
        self.inst.push(i);
        (self.inst.len() - 1) as u32
    }

    fn patch(&mut self, p: &Patch, to: u32) {
        for &(pc, arm) in p {
            match &mut self.inst[pc as usize] {
                Inst::Alt(a, b) => *(if arm == 0 { a } else { b }) = to,
                Inst::Nop(o)
                | Inst::Capture(_, o)
                | Inst::Empty(_, o)
                | Inst::Rune1(_, o)
                | Inst::AnyNotNL(o)
                | Inst::Any(o)
                | Inst::Class { out: o, .. } => *o = to,
                Inst::Fail | Inst::Match => {}
            }
        }
    }

    fn single(&mut self, i: Inst, nullable: bool) -> Frag {
        let pc = self.push(i);
        Frag {
            start: pc,
            out: vec![(pc, 0)],
            nullable,
        }
    }

    fn cat(&mut self, a: Frag, b: Frag) -> Frag {
        if a.start == 0 || b.start == 0 {
            return fail();
        }
        self.patch(&a.out, b.start);
        Frag {
            start: a.start,
            out: b.out,
            nullable: a.nullable && b.nullable,
        }
    }

    fn alt(&mut self, a: Frag, b: Frag) -> Frag {
        if a.start == 0 {
            return b;
        }
        if b.start == 0 {
            return a;
        }
        let pc = self.push(Inst::Alt(a.start, b.start));
        let mut out = a.out;
        out.extend(b.out);
        Frag {
            start: pc,
            out,
            nullable: a.nullable || b.nullable,
        }
    }

    fn quest(&mut self, a: Frag, greedy: bool) -> Frag {
        let (pc, mut out) = if greedy {
            let pc = self.push(Inst::Alt(a.start, 0));
            (pc, vec![(pc, 1)])
        } else {
            let pc = self.push(Inst::Alt(0, a.start));
            (pc, vec![(pc, 0)])
        };
        out.extend(a.out);
        Frag {
            start: pc,
            out,
            nullable: true,
        }
    }

    /// The loop of `x+` / `x*`: an alt after x that goes back to x or on.
    fn loop_(&mut self, a: Frag, greedy: bool) -> Frag {
        let (pc, out) = if greedy {
            let pc = self.push(Inst::Alt(a.start, 0));
            (pc, vec![(pc, 1)])
        } else {
            let pc = self.push(Inst::Alt(0, a.start));
            (pc, vec![(pc, 0)])
        };
        self.patch(&a.out, pc);
        Frag {
            start: pc,
            out,
            nullable: a.nullable,
        }
    }

    fn plus(&mut self, a: Frag, greedy: bool) -> Frag {
        let (start, nullable) = (a.start, a.nullable);
        let l = self.loop_(a, greedy);
        Frag {
            start,
            out: l.out,
            nullable,
        }
    }

    fn star(&mut self, a: Frag, greedy: bool) -> Frag {
        if a.nullable {
            let p = self.plus(a, greedy);
            return self.quest(p, greedy);
        }
        let mut l = self.loop_(a, greedy);
        l.nullable = true;
        l
    }

    fn rune(&mut self, ranges: Ranges, fold: bool) -> Frag {
        let i = match ranges.as_slice() {
            [(lo, hi)] if lo == hi && !fold => Inst::Rune1(*lo, 0),
            [(0, 0x10FFFF)] => Inst::Any(0),
            [(0, 9), (11, 0x10FFFF)] => Inst::AnyNotNL(0),
            _ => Inst::Class { ranges, out: 0 },
        };
        self.single(i, false)
    }

    fn compile(&mut self, re: &Re) -> Frag {
        match &re.node {
            Node::NoMatch => fail(),
            Node::EmptyMatch => self.single(Inst::Nop(0), true),
            Node::Literal { runes, fold } => {
                if runes.is_empty() {
                    return self.single(Inst::Nop(0), true);
                }
                let mut f: Option<Frag> = None;
                for &r in runes {
                    let one = if *fold && simple_fold(r as i32) as u32 != r {
                        let mut orbit = vec![(r, r)];
                        let mut g = simple_fold(r as i32) as u32;
                        while g != r {
                            orbit.push((g, g));
                            g = simple_fold(g as i32) as u32;
                        }
                        super::class::clean(&mut orbit);
                        self.rune(orbit, true)
                    } else {
                        self.rune(vec![(r, r)], false)
                    };
                    f = Some(match f {
                        None => one,
                        Some(prev) => self.cat(prev, one),
                    });
                }
                f.expect("non-empty literal")
            }
            Node::Class(r) => self.rune(r.clone(), false),
            Node::AnyCharNotNL => self.rune(vec![(0, 9), (11, 0x10FFFF)], false),
            Node::AnyChar => self.rune(vec![(0, 0x10FFFF)], false),
            Node::Empty(op) => self.single(Inst::Empty(*op, 0), true),
            Node::Capture { index, sub } => {
                let slot = index * 2;
                self.num_cap = self.num_cap.max(slot as usize + 2);
                let bra = self.single(Inst::Capture(slot, 0), true);
                let s = self.compile(sub);
                let ket = self.single(Inst::Capture(slot + 1, 0), true);
                let f = self.cat(bra, s);
                self.cat(f, ket)
            }
            Node::Star { greedy, sub } => {
                let s = self.compile(sub);
                self.star(s, *greedy)
            }
            Node::Plus { greedy, sub } => {
                let s = self.compile(sub);
                self.plus(s, *greedy)
            }
            Node::Quest { greedy, sub } => {
                let s = self.compile(sub);
                self.quest(s, *greedy)
            }
            Node::Repeat { .. } => unreachable!("simplify expands repetitions"),
            Node::Concat(subs) => {
                let mut f: Option<Frag> = None;
                for s in subs {
                    let one = self.compile(s);
                    f = Some(match f {
                        None => one,
                        Some(prev) => self.cat(prev, one),
                    });
                }
                f.unwrap_or_else(|| self.single(Inst::Nop(0), true))
            }
            Node::Alternate(subs) => {
                let mut f = fail();
                for s in subs {
                    let one = self.compile(s);
                    f = self.alt(f, one);
                }
                f
            }
        }
    }
}

fn is_empty_match(re: &Re) -> bool {
    matches!(re.node, Node::EmptyMatch)
}

/// `x*`, `x+`, `x?` of an already simplified x, collapsing what Go's simplify1 collapses.
fn simple1(kind: u8, greedy: bool, sub: Re) -> Re {
    if is_empty_match(&sub) {
        return sub;
    }
    let same = match &sub.node {
        Node::Star { greedy: g, .. } => kind == b'*' && *g == greedy,
        Node::Plus { greedy: g, .. } => kind == b'+' && *g == greedy,
        Node::Quest { greedy: g, .. } => kind == b'?' && *g == greedy,
        _ => false,
    };
    if same {
        return sub;
    }
    let sub = Box::new(sub);
    Re::new(match kind {
        b'*' => Node::Star { greedy, sub },
        b'+' => Node::Plus { greedy, sub },
        _ => Node::Quest { greedy, sub },
    })
}

/// Go's `Simplify`: counted repetitions expanded, redundant nesting of operators removed.
fn simplify(re: &Re) -> Re {
    match &re.node {
        Node::Capture { index, sub } => Re::new(Node::Capture {
            index: *index,
            sub: Box::new(simplify(sub)),
        }),
        Node::Concat(subs) => Re::new(Node::Concat(subs.iter().map(simplify).collect())),
        Node::Alternate(subs) => Re::new(Node::Alternate(subs.iter().map(simplify).collect())),
        Node::Star { greedy, sub } => simple1(b'*', *greedy, simplify(sub)),
        Node::Plus { greedy, sub } => simple1(b'+', *greedy, simplify(sub)),
        Node::Quest { greedy, sub } => simple1(b'?', *greedy, simplify(sub)),
        Node::Repeat {
            min,
            max,
            greedy,
            sub,
        } => {
            let (min, max, greedy) = (*min, *max, *greedy);
            if min == 0 && max == 0 {
                return Re::new(Node::EmptyMatch);
            }
            let sub = simplify(sub);
            if max == -1 {
                if min == 0 {
                    return simple1(b'*', greedy, sub);
                }
                if min == 1 {
                    return simple1(b'+', greedy, sub);
                }
                let mut subs: Vec<Re> = (0..min - 1).map(|_| sub.clone()).collect();
                subs.push(simple1(b'+', greedy, sub));
                return Re::new(Node::Concat(subs));
            }
            if min == 1 && max == 1 {
                return sub;
            }
            let mut prefix: Vec<Re> = (0..min).map(|_| sub.clone()).collect();
            if max > min {
                let mut suffix = simple1(b'?', greedy, sub.clone());
                for _ in min + 1..max {
                    let c = Re::new(Node::Concat(vec![sub.clone(), suffix]));
                    suffix = simple1(b'?', greedy, c);
                }
                if prefix.is_empty() {
                    return suffix;
                }
                prefix.push(suffix);
            }
            if prefix.is_empty() {
                return Re::new(Node::NoMatch);
            }
            Re::new(Node::Concat(prefix))
        }
        _ => re.clone(),
    }
}

/// Whether two clean classes share no rune.
fn disjoint(x: &Ranges, y: &Ranges) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        if x[i].1 < y[j].0 {
            i += 1;
        } else if y[j].1 < x[i].0 {
            j += 1;
        } else {
            return false;
        }
    }
    true
}

impl Prog {
    /// Skips Nop and Capture instructions from `pc`.
    fn skip_nop(&self, mut pc: u32) -> u32 {
        while let Inst::Nop(o) | Inst::Capture(_, o) = self.inst[pc as usize] {
            pc = o;
        }
        pc
    }

    /// Go's `Prog.Prefix`: the literal text every match starts with, and whether it is all of
    /// the program. Also `onePassPrefix`'s form for programs anchored at the start (`^abc`).
    pub fn prefix(&self, anchored: bool) -> (String, bool) {
        let mut pc = self.start;
        if anchored {
            let Inst::Empty(_, o) = self.inst[pc as usize] else {
                return (String::new(), false);
            };
            pc = o;
            while let Inst::Nop(o) = self.inst[pc as usize] {
                pc = o;
            }
        } else {
            pc = self.skip_nop(pc);
        }
        if !matches!(self.inst[pc as usize], Inst::Rune1(..)) {
            // Go reports `^` and `\A` alone as not complete (its one-pass analysis rejects them).
            return (
                String::new(),
                !anchored && matches!(self.inst[pc as usize], Inst::Match),
            );
        }
        let mut out = String::new();
        while let Inst::Rune1(r, o) = self.inst[pc as usize] {
            if r == 0xFFFD {
                break;
            }
            out.push(char::from_u32(r).unwrap_or('\u{FFFD}'));
            pc = if anchored { o } else { self.skip_nop(o) };
        }
        let complete = if anchored {
            matches!(self.inst[pc as usize], Inst::Empty(op, o)
                if op & super::ast::empty::END_TEXT != 0
                    && matches!(self.inst[o as usize], Inst::Match))
        } else {
            matches!(self.inst[pc as usize], Inst::Match)
        };
        (out, complete)
    }

    /// Whether Go would run the program one-pass (which decides the form of LiteralPrefix):
    /// it starts with `^`; if it has any choice, it reaches Match only through `$` and at every
    /// choice the runes that can come next on the two sides are disjoint.
    pub fn one_pass(&self) -> bool {
        let begins = matches!(self.inst[self.start as usize],
            Inst::Empty(op, _) if op & super::ast::empty::BEGIN_TEXT != 0);
        // Go does not analyse programs of 1000 instructions or more.
        if !begins || self.inst.len() >= 1000 {
            return false;
        }
        let has_alt = self.inst.iter().any(|i| matches!(i, Inst::Alt(..)));
        if !has_alt {
            return true;
        }
        let is_match = |pc: u32| matches!(self.inst[pc as usize], Inst::Match);
        let ends_ok = self.inst.iter().all(|i| match *i {
            Inst::Alt(a, b) => !is_match(a) && !is_match(b),
            Inst::Empty(op, o) => !is_match(o) || op & super::ast::empty::END_TEXT != 0,
            Inst::Nop(o)
            | Inst::Capture(_, o)
            | Inst::Rune1(_, o)
            | Inst::Any(o)
            | Inst::AnyNotNL(o)
            | Inst::Class { out: o, .. } => !is_match(o),
            Inst::Fail | Inst::Match => true,
        });
        ends_ok
            && self.inst.iter().all(|i| match *i {
                Inst::Alt(a, b) => {
                    let (mut x, mut y) = (self.first_runes(a), self.first_runes(b));
                    super::class::clean(&mut x);
                    super::class::clean(&mut y);
                    disjoint(&x, &y)
                }
                _ => true,
            })
    }

    /// The runes that can be consumed first from `pc` (following empty transitions).
    fn first_runes(&self, pc: u32) -> Ranges {
        let mut out = Ranges::new();
        let mut seen = vec![false; self.inst.len()];
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if std::mem::replace(&mut seen[pc as usize], true) {
                continue;
            }
            match &self.inst[pc as usize] {
                Inst::Alt(a, b) => stack.extend([*a, *b]),
                Inst::Nop(o) | Inst::Capture(_, o) | Inst::Empty(_, o) => stack.push(*o),
                Inst::Rune1(r, _) => out.push((*r, *r)),
                Inst::Class { ranges, .. } => out.extend(ranges.iter().copied()),
                Inst::Any(_) => out.push((0, 0x10FFFF)),
                Inst::AnyNotNL(_) => out.extend([(0, 9), (11, 0x10FFFF)]),
                Inst::Fail | Inst::Match => {}
            }
        }
        out
    }

    /// Empty-width conditions every match starts with (Go's `StartCond`): the anchored test.
    pub fn starts_with_begin_text(&self) -> bool {
        let mut pc = self.start;
        loop {
            match self.inst[pc as usize] {
                Inst::Empty(op, o) => {
                    if op & super::ast::empty::BEGIN_TEXT != 0 {
                        return true;
                    }
                    pc = o;
                }
                Inst::Nop(o) | Inst::Capture(_, o) => pc = o,
                _ => return false,
            }
        }
    }
}
