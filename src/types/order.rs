//! GO'S ERROR LIMIT: which errors Go's compiler prints when there are more than ten. Input: the
//! checker's diagnostics (sorted by position, deduplicated) and the file. Output: the same list
//! when it has at most `MAX_ERRORS` errors; otherwise the ten errors Go reports first, in
//! position order, plus a `TOO_MANY` marker at the tenth one's position (`render_all` prints it
//! last as `POS: too many errors`).
//!
//! Go stops at the tenth error it *reports*, then sorts what it has. Its order: branch errors
//! (`break` outside a loop, labels: found by the parser), then package-level declarations, then
//! function bodies in source order, each body's `declared and not used` after its other
//! errors, then unused imports. So a later function's error can push out an earlier
//! function's unused variable, and an unused import is the first to go.

use super::check::codes;
use crate::ast::{File, Item};
use crate::diag::{Diagnostic, Severity, MAX_ERRORS};

pub(super) fn go_error_limit(file: &File, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    if errors <= MAX_ERRORS {
        return diags;
    }
    // Function bodies in source order: (lo, hi).
    let bodies: Vec<(u32, u32)> = file
        .items
        .iter()
        .filter_map(|it| match it {
            Item::Func(f) => f.body.as_ref().map(|b| (b.span.lo, b.span.hi)),
            _ => None,
        })
        .collect();
    let key = |d: &Diagnostic| -> (u8, usize, u8, u32) {
        let lo = d.span().lo;
        match d.code {
            codes::FLOW | codes::LABEL => return (0, 0, 0, lo),
            codes::UNUSED_IMPORT => return (3, 0, 0, lo),
            _ => {}
        }
        match bodies.iter().position(|&(b, e)| b <= lo && lo < e) {
            Some(i) => (2, i, (d.code == codes::UNUSED) as u8, lo),
            None => (1, 0, 0, lo),
        }
    };
    let mut order: Vec<usize> = (0..diags.len())
        .filter(|&i| diags[i].severity == Severity::Error)
        .collect();
    order.sort_by_key(|&i| key(&diags[i]));
    let kept = &order[..MAX_ERRORS];
    let tenth = diags[kept[MAX_ERRORS - 1]].span();
    let mut out: Vec<Diagnostic> = diags
        .iter()
        .enumerate()
        .filter(|(i, d)| d.severity != Severity::Error || kept.contains(i))
        .map(|(_, d)| d.clone())
        .collect();
    out.push(Diagnostic::error(
        crate::diag::codes::TOO_MANY_ERRORS,
        tenth,
        "too many errors",
    ));
    out
}
