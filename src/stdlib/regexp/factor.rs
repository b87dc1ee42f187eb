//! REGEXP TREE REWRITES the parser applies as Go's does. Input: parsed nodes. Output: the
//! alternation with common leading literal text factored out (`abc|abd` → `ab(?:c|d)`, empty
//! alternatives merged), and the checks on trees: `[Aa]`-like classes that are folded literals,
//! nested counted repetitions within Go's limit of 1000.

use super::ast::{Node, Re};
use super::class::Ranges;
use crate::stdlib::natives::unicode::simple_fold;

/// An alternation with common leading literal text factored out, as Go's parser does
/// (`abc|abd` is `ab(?:c|d)`). Matching is the same either way (the alternatives keep their
/// order); it shows in `LiteralPrefix`, which sees the `ab`.
pub(super) fn alternation(subs: Vec<Re>) -> Re {
    let mut subs = factor(subs);
    // Consecutive empty alternatives are one (Go's last factoring round).
    subs.dedup_by(|b, a| matches!(a.node, Node::EmptyMatch) && matches!(b.node, Node::EmptyMatch));
    if subs.len() == 1 {
        return subs.pop().expect("one");
    }
    Re::new(Node::Alternate(subs))
}

/// The literal text a node starts with, and its folding.
fn leading(re: &Re) -> Option<(&[u32], bool)> {
    let re = match &re.node {
        Node::Concat(subs) => subs.first()?,
        _ => re,
    };
    match &re.node {
        Node::Literal { runes, fold } => Some((runes, *fold)),
        _ => None,
    }
}

/// `re` without its first `n` leading literal runes.
fn remove_leading(re: Re, n: usize) -> Re {
    match re.node {
        Node::Literal { runes, fold } => {
            if runes.len() == n {
                Re::new(Node::EmptyMatch)
            } else {
                Re::new(Node::Literal {
                    runes: runes[n..].to_vec(),
                    fold,
                })
            }
        }
        Node::Concat(mut subs) => {
            let first = remove_leading(subs.remove(0), n);
            if !matches!(first.node, Node::EmptyMatch) {
                subs.insert(0, first);
            }
            match subs.len() {
                0 => Re::new(Node::EmptyMatch),
                1 => subs.pop().expect("one"),
                _ => Re::new(Node::Concat(subs)),
            }
        }
        node => Re::new(node),
    }
}

/// Go's first factoring round: runs of consecutive alternatives sharing leading text become
/// that text followed by the alternation of the rests (itself factored).
fn factor(subs: Vec<Re>) -> Vec<Re> {
    let mut out: Vec<Re> = Vec::with_capacity(subs.len());
    let mut run: Vec<Re> = Vec::new();
    // The text common to the run so far and its folding.
    let mut common: Vec<u32> = Vec::new();
    let mut common_fold = false;
    let flush = |run: &mut Vec<Re>, common: &[u32], fold: bool, out: &mut Vec<Re>| {
        if run.len() <= 1 || common.is_empty() {
            out.append(run);
            return;
        }
        let rests: Vec<Re> = run
            .drain(..)
            .map(|r| remove_leading(r, common.len()))
            .collect();
        let prefix = Re::new(Node::Literal {
            runes: common.to_vec(),
            fold,
        });
        out.push(Re::new(Node::Concat(vec![prefix, alternation(rests)])));
    };
    for re in subs {
        let lead = leading(&re).map(|(r, f)| (r.to_vec(), f));
        if let Some((text, fold)) = &lead {
            if !run.is_empty() && !common.is_empty() && *fold == common_fold {
                let same = common
                    .iter()
                    .zip(text.iter())
                    .take_while(|(a, b)| a == b)
                    .count();
                if same > 0 {
                    common.truncate(same);
                    run.push(re);
                    continue;
                }
            }
        }
        flush(&mut run, &common, common_fold, &mut out);
        match lead {
            Some((text, fold)) => {
                common = text;
                common_fold = fold;
            }
            None => common.clear(),
        }
        run.push(re);
    }
    flush(&mut run, &common, common_fold, &mut out);
    out
}

/// `[Aa]`-like: two runes that fold to each other and nothing else.
pub(super) fn is_fold_pair(r: &Ranges) -> bool {
    let (a, b) = match r.as_slice() {
        [(a, a2), (b, b2)] if a == a2 && b == b2 => (*a, *b),
        [(a, b)] if *a + 1 == *b => (*a, *b),
        _ => return false,
    };
    simple_fold(a as i32) as u32 == b && simple_fold(b as i32) as u32 == a
}

/// Whether nested counted repetitions stay within `n` copies of the innermost thing.
pub(super) fn repeat_is_valid(re: &Re, mut n: i32) -> bool {
    if let Node::Repeat { min, max, .. } = re.node {
        let mut m = max;
        if m == 0 {
            return true;
        }
        if m < 0 {
            m = min;
        }
        if m > n {
            return false;
        }
        if m > 0 {
            n /= m;
        }
    }
    match &re.node {
        Node::Capture { sub, .. }
        | Node::Star { sub, .. }
        | Node::Plus { sub, .. }
        | Node::Quest { sub, .. }
        | Node::Repeat { sub, .. } => repeat_is_valid(sub, n),
        Node::Concat(subs) | Node::Alternate(subs) => subs.iter().all(|s| repeat_is_valid(s, n)),
        _ => true,
    }
}
