//! REGEXP MATCHER: a Pike VM (threads in priority order, one step per input rune). Input: a
//! program, the text (bytes), where to start, how many capture slots to report and the mode
//! (leftmost-first, or leftmost-longest for `Longest`/`CompilePOSIX`). Output: the capture slots
//! of the match Go's `regexp` reports, or None.
//!
//! Go's rules, which this follows step for step: the text is decoded as UTF-8 with each invalid
//! byte read as U+FFFD of width 1 (offsets stay in bytes); `\b` and `\B` look at ASCII word
//! characters only; a search starting at `pos > 0` still sees the rune before `pos` for `^`,
//! `\b` and friends. In leftmost-first mode a matching thread cuts off every thread of lower
//! priority; in leftmost-longest mode a match replaces the one found only if it is longer, and
//! threads that started after the match's start are dropped. No recursion: adding a thread
//! follows empty transitions with an explicit stack.

use super::ast::empty;
use super::class;
use super::compile::{Inst, Prog};

/// A sparse set of pcs in insertion order, each with its capture slots if it is a thread.
struct Queue {
    sparse: Vec<u32>,
    dense: Vec<u32>,
    /// `caps[thread_slot[pc] * ncap..]`: the slots of the thread waiting at pc.
    caps: Vec<i64>,
}

impl Queue {
    fn new(n: usize, threads: usize, ncap: usize) -> Queue {
        Queue {
            sparse: vec![0; n],
            dense: Vec::with_capacity(n),
            caps: vec![-1; threads * ncap],
        }
    }

    #[inline]
    fn contains(&self, pc: u32) -> bool {
        let j = self.sparse[pc as usize] as usize;
        j < self.dense.len() && self.dense[j] == pc
    }

    #[inline]
    fn insert(&mut self, pc: u32) {
        self.sparse[pc as usize] = self.dense.len() as u32;
        self.dense.push(pc);
    }
}

enum Job {
    Explore(u32),
    Restore(usize, i64),
}

/// Reusable scratch space for one program (kept in the regexp's pool between calls).
pub struct Machine {
    ncap: usize,
    q0: Queue,
    q1: Queue,
    stack: Vec<Job>,
    cur: Vec<i64>,
    matchcap: Vec<i64>,
}

impl Machine {
    pub fn new(prog: &Prog, ncap: usize) -> Machine {
        let n = prog.inst.len();
        Machine {
            ncap,
            q0: Queue::new(n, prog.num_threads, ncap),
            q1: Queue::new(n, prog.num_threads, ncap),
            stack: Vec::new(),
            cur: vec![-1; ncap],
            matchcap: vec![-1; ncap],
        }
    }

    pub fn ncap(&self) -> usize {
        self.ncap
    }
}

/// The rune at `pos` and its width (-1, 0 at the end).
#[inline]
fn step(text: &[u8], pos: usize) -> (i32, usize) {
    match text.get(pos) {
        None => (-1, 0),
        Some(&c) if c < 0x80 => (c as i32, 1),
        Some(_) => {
            let (r, n) = crate::stdlib::utf8::decode_rune(&text[pos..]);
            (r as i32, n)
        }
    }
}

/// The rune before `pos` (-1 at the start).
fn rune_before(text: &[u8], pos: usize) -> i32 {
    if pos == 0 {
        return -1;
    }
    let c = text[pos - 1];
    if c < 0x80 {
        return c as i32;
    }
    // Go's DecodeLastRune: the last rune, or U+FFFD if the tail is not a valid encoding.
    let start = pos.saturating_sub(4);
    for k in (start..pos).rev() {
        let (r, n) = crate::stdlib::utf8::decode_rune(&text[k..pos]);
        if k + n == pos && !(r == 0xFFFD && n == 1) {
            return r as i32;
        }
        if text[k] & 0xC0 != 0x80 {
            break;
        }
    }
    0xFFFD
}

fn is_word(r: i32) -> bool {
    (0..0x80).contains(&r) && {
        let c = r as u8;
        c.is_ascii_alphanumeric() || c == b'_'
    }
}

/// The zero-width conditions that hold between runes r1 and r2 (Go's EmptyOpContext).
#[inline]
fn context(r1: i32, r2: i32) -> u8 {
    let mut op = 0;
    if r1 < 0 {
        op |= empty::BEGIN_TEXT | empty::BEGIN_LINE;
    }
    if r1 == '\n' as i32 {
        op |= empty::BEGIN_LINE;
    }
    if r2 < 0 {
        op |= empty::END_TEXT | empty::END_LINE;
    }
    if r2 == '\n' as i32 {
        op |= empty::END_LINE;
    }
    if is_word(r1) != is_word(r2) {
        op |= empty::WORD_BOUNDARY;
    } else {
        op |= empty::NO_WORD_BOUNDARY;
    }
    op
}

/// Follows empty transitions from `pc0`, adding every pc reached to `q` and a thread (with a
/// copy of `cur` as its slots) at every instruction that consumes input or matches.
fn add(
    q: &mut Queue,
    stack: &mut Vec<Job>,
    cur: &mut [i64],
    prog: &Prog,
    pc0: u32,
    pos: usize,
    cond: u8,
) {
    let ncap = cur.len();
    stack.push(Job::Explore(pc0));
    while let Some(job) = stack.pop() {
        let mut pc = match job {
            Job::Restore(slot, v) => {
                cur[slot] = v;
                continue;
            }
            Job::Explore(pc) => pc,
        };
        loop {
            if pc == 0 || q.contains(pc) {
                break;
            }
            q.insert(pc);
            match prog.inst[pc as usize] {
                Inst::Fail => break,
                Inst::Alt(a, b) => {
                    stack.push(Job::Explore(b));
                    pc = a;
                }
                Inst::Empty(op, o) => {
                    if op & !cond != 0 {
                        break;
                    }
                    pc = o;
                }
                Inst::Nop(o) => pc = o,
                Inst::Capture(slot, o) => {
                    let slot = slot as usize;
                    if slot < ncap {
                        stack.push(Job::Restore(slot, cur[slot]));
                        cur[slot] = pos as i64;
                    }
                    pc = o;
                }
                _ => {
                    if ncap > 0 {
                        let at = prog.thread_slot[pc as usize] as usize * ncap;
                        q.caps[at..at + ncap].copy_from_slice(cur);
                    }
                    break;
                }
            }
        }
    }
}

/// Searches `text` from `pos`; on a match returns the first `ncap` slots (`[]` for ncap 0).
pub fn exec(
    m: &mut Machine,
    prog: &Prog,
    prefix: &[u8],
    anchored: bool,
    text: &[u8],
    mut pos: usize,
    longest: bool,
) -> Option<Vec<i64>> {
    let ncap = m.ncap;
    m.matchcap.iter_mut().for_each(|c| *c = -1);
    m.q0.dense.clear();
    m.q1.dense.clear();
    let mut matched = false;
    let mut run = false; // false: q0 is the run queue
    let (mut r, mut width) = step(text, pos);
    let (mut r1, mut width1) = if r >= 0 {
        step(text, pos + width)
    } else {
        (-1, 0)
    };
    let mut flag = if pos == 0 {
        context(-1, r)
    } else {
        context(rune_before(text, pos), r)
    };
    let finder = (!prefix.is_empty()).then(|| memchr::memmem::Finder::new(prefix));
    loop {
        let runq_empty = if run {
            m.q1.dense.is_empty()
        } else {
            m.q0.dense.is_empty()
        };
        if runq_empty {
            if anchored && pos != 0 {
                break;
            }
            if matched {
                break;
            }
            if let Some(f) = &finder {
                // Every match starts with the literal prefix: skip to its next occurrence.
                match f.find(&text[pos..]) {
                    None => break,
                    Some(k) if k > 0 => {
                        pos += k;
                        (r, width) = step(text, pos);
                        (r1, width1) = step(text, pos + width);
                        flag = context(rune_before(text, pos), r);
                    }
                    Some(_) => {}
                }
            }
        }
        let Machine {
            q0,
            q1,
            stack,
            cur,
            matchcap,
            ..
        } = &mut *m;
        let (runq, nextq) = if run { (q1, q0) } else { (q0, q1) };
        if !matched && (pos == 0 || !anchored) {
            if ncap > 0 {
                cur.iter_mut().for_each(|c| *c = -1);
                cur[0] = pos as i64;
            }
            add(runq, stack, cur, prog, prog.start, pos, flag);
        }
        flag = context(r, r1);
        // Step every thread of the run queue over rune r into the other queue.
        for j in 0..runq.dense.len() {
            let pc = runq.dense[j];
            let slot = prog.thread_slot[pc as usize];
            if slot == u32::MAX {
                continue; // an Alt, Empty, Capture or Nop visited while adding threads
            }
            let at = slot as usize * ncap;
            if longest && matched && ncap > 0 && matchcap[0] < runq.caps[at] {
                continue;
            }
            let (ok, out) = match &prog.inst[pc as usize] {
                Inst::Match => {
                    if ncap > 0 && (!longest || !matched || matchcap[1] < pos as i64) {
                        matchcap.copy_from_slice(&runq.caps[at..at + ncap]);
                        matchcap[1] = pos as i64;
                    }
                    matched = true;
                    if !longest {
                        // Leftmost-first: lower-priority threads are cut off.
                        break;
                    }
                    (false, 0)
                }
                Inst::Rune1(c, o) => (r == *c as i32, *o),
                Inst::Class { ranges, out, .. } => {
                    (r >= 0 && class::contains(ranges, r as u32), *out)
                }
                Inst::Any(o) => (r >= 0, *o),
                Inst::AnyNotNL(o) => (r >= 0 && r != '\n' as i32, *o),
                _ => (false, 0),
            };
            if ok {
                if ncap > 0 {
                    cur.copy_from_slice(&runq.caps[at..at + ncap]);
                }
                add(nextq, stack, cur, prog, out, pos + width, flag);
            }
        }
        runq.dense.clear();
        if width == 0 {
            break;
        }
        if ncap == 0 && matched {
            break;
        }
        pos += width;
        (r, width) = (r1, width1);
        if r >= 0 {
            (r1, width1) = step(text, pos + width);
        }
        run = !run;
    }
    m.q0.dense.clear();
    m.q1.dense.clear();
    matched.then(|| m.matchcap.clone())
}
