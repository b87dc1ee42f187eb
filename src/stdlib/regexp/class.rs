//! REGEXP CLASSES: character classes as sets of rune ranges. Input: ranges, Perl (`\d`), POSIX
//! (`[:alpha:]`) and Unicode (`\pL`, `\p{Greek}`) group names, the case-folding flag. Output:
//! sorted, disjoint, non-adjacent `(lo, hi)` ranges, the form the matcher searches.
//!
//! Only the set of runes matters for matching, so classes are built as unordered lists of
//! ranges and cleaned once (`clean`); folding adds each rune's whole `unicode.SimpleFold` orbit,
//! as Go's parser does, and negation happens after folding (`(?i)[^k]` excludes K, k and the
//! Kelvin sign).

use super::unicode_groups as U;
use crate::stdlib::natives::unicode::simple_fold;

/// Inclusive rune ranges.
pub type Ranges = Vec<(u32, u32)>;

pub const MAX_RUNE: u32 = 0x10FFFF;
/// The lowest and highest runes that take part in case folding (Go's minFold/maxFold).
const MIN_FOLD: u32 = 0x41;
const MAX_FOLD: u32 = 0x1E943;

/// Sorts and merges overlapping or adjacent ranges.
pub fn clean(r: &mut Ranges) {
    r.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Ranges = Vec::with_capacity(r.len());
    for &(lo, hi) in r.iter() {
        if let Some(last) = out.last_mut() {
            if lo <= last.1.saturating_add(1) {
                last.1 = last.1.max(hi);
                continue;
            }
        }
        out.push((lo, hi));
    }
    *r = out;
}

/// The complement of a clean class within 0..=MAX_RUNE.
pub fn negate(r: &Ranges) -> Ranges {
    let mut out = Vec::with_capacity(r.len() + 1);
    let mut next = 0u32;
    for &(lo, hi) in r {
        if lo > next {
            out.push((next, lo - 1));
        }
        next = hi + 1;
    }
    if next <= MAX_RUNE {
        out.push((next, MAX_RUNE));
    }
    out
}

/// Adds `lo..=hi` and, for every rune in it, the runes it folds to.
pub fn add_folded(r: &mut Ranges, lo: u32, hi: u32) {
    if hi < MIN_FOLD || lo > MAX_FOLD || (lo <= MIN_FOLD && hi >= MAX_FOLD) {
        r.push((lo, hi));
        return;
    }
    r.push((lo, hi));
    for c in lo.max(MIN_FOLD)..=hi.min(MAX_FOLD) {
        let mut f = simple_fold(c as i32) as u32;
        while f != c {
            r.push((f, f));
            f = simple_fold(f as i32) as u32;
        }
    }
}

/// A clean class folded: every rune's orbit added.
pub fn folded(x: &Ranges) -> Ranges {
    let mut out = Vec::with_capacity(x.len() * 2);
    for &(lo, hi) in x {
        add_folded(&mut out, lo, hi);
    }
    clean(&mut out);
    out
}

/// The runes of a Go range table as ranges (strided ranges become single runes).
fn table_ranges(t: U::Table) -> Ranges {
    let mut out = Vec::with_capacity(t.len());
    for &(lo, hi, stride) in t {
        if stride == 1 {
            out.push((lo, hi));
        } else {
            let mut c = lo;
            while c <= hi {
                out.push((c, c));
                c += stride;
            }
        }
    }
    clean(&mut out);
    out
}

/// A named group: its runes, folded when `fold`, negated when `negated`, added to `r`.
fn add_group(r: &mut Ranges, class: Ranges, fold: bool, negated: bool) {
    let class = if fold { folded(&class) } else { class };
    if negated {
        r.extend(negate(&class));
    } else {
        r.extend(class);
    }
}

/// `\d \s \w` and their negations (`c` is the letter after the backslash).
pub fn perl_group(c: u8) -> Option<(Ranges, bool)> {
    let class: &[(u32, u32)] = match c.to_ascii_lowercase() {
        b'd' => &[(0x30, 0x39)],
        b's' => &[(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)],
        b'w' => &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        _ => return None,
    };
    Some((class.to_vec(), c.is_ascii_uppercase()))
}

/// Appends a Perl group to `r` (the caller checked `perl_group(c)` is Some).
pub fn add_perl(r: &mut Ranges, c: u8, fold: bool) {
    if let Some((class, neg)) = perl_group(c) {
        add_group(r, class, fold, neg);
    }
}

/// `[:name:]` and `[:^name:]` (the whole bracketed text); None for an unknown name.
pub fn add_posix(r: &mut Ranges, name: &str, fold: bool) -> bool {
    let (neg, base) = match name.strip_prefix("[:^") {
        Some(rest) => (true, rest),
        None => (false, &name[2..]),
    };
    let class: &[(u32, u32)] = match base {
        "alnum:]" => &[(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        "alpha:]" => &[(0x41, 0x5A), (0x61, 0x7A)],
        "ascii:]" => &[(0x00, 0x7F)],
        "blank:]" => &[(0x09, 0x09), (0x20, 0x20)],
        "cntrl:]" => &[(0x00, 0x1F), (0x7F, 0x7F)],
        "digit:]" => &[(0x30, 0x39)],
        "graph:]" => &[(0x21, 0x7E)],
        "lower:]" => &[(0x61, 0x7A)],
        "print:]" => &[(0x20, 0x7E)],
        "punct:]" => &[(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "space:]" => &[(0x09, 0x0D), (0x20, 0x20)],
        "upper:]" => &[(0x41, 0x5A)],
        "word:]" => &[(0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)],
        "xdigit:]" => &[(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
        _ => return false,
    };
    add_group(r, class.to_vec(), fold, neg);
    true
}

/// Go's canonicalName: a leading capital, the rest lower case, `_ - space` dropped.
fn canonical(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut first = true;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            continue;
        }
        if first {
            out.push(c.to_ascii_uppercase());
            first = false;
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn find(t: &'static [(&'static str, U::Table)], name: &str) -> Option<U::Table> {
    t.binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| t[i].1)
}

/// The table named by a `\p` group, its case-fold extras and whether it is inverted.
fn unicode_table(name: &str) -> Option<(Ranges, Option<Ranges>, bool)> {
    const ANY: &[(u32, u32, u32)] = &[(0, MAX_RUNE, 1)];
    const ASCII: &[(u32, u32, u32)] = &[(0, 0x7F, 1)];
    const ASCII_FOLD: &[(u32, u32, u32)] = &[(0, 0x7F, 1), (0x17F, 0x17F, 1), (0x212A, 0x212A, 1)];
    let canon = canonical(name);
    let (tab, fold, inv): (U::Table, Option<U::Table>, bool) = match canon.as_str() {
        "Any" => (ANY, Some(ANY), false),
        "Assigned" => (U::CN, Some(U::CN), true),
        "Ascii" => (ASCII, Some(ASCII_FOLD), false),
        "Lc" => (
            find(U::CATEGORIES, "LC")?,
            find(U::FOLD_CATEGORY, "LC"),
            false,
        ),
        c => {
            let from_cat =
                |n: &str| find(U::CATEGORIES, n).map(|t| (t, find(U::FOLD_CATEGORY, n), false));
            let from_script =
                |n: &str| find(U::SCRIPTS, n).map(|t| (t, find(U::FOLD_SCRIPT, n), false));
            let alias = || {
                U::CATEGORY_ALIASES
                    .iter()
                    .find(|(a, _)| canonical(a) == c)
                    .and_then(|(_, actual)| from_cat(actual))
            };
            let script = || {
                U::SCRIPTS
                    .iter()
                    .find(|(n, _)| canonical(n) == c)
                    .and_then(|(n, _)| from_script(n))
            };
            from_cat(c)
                .or_else(|| from_script(c))
                .or_else(alias)
                .or_else(script)?
        }
    };
    Some((table_ranges(tab), fold.map(table_ranges), inv))
}

/// Adds the runes of `\p{name}` (negated when `negated`) to `r`; false for an unknown name.
pub fn add_unicode(r: &mut Ranges, name: &str, mut negated: bool, fold: bool) -> bool {
    let Some((tab, fold_tab, inv)) = unicode_table(name) else {
        return false;
    };
    negated ^= inv;
    let class = match (fold, fold_tab) {
        (true, Some(extra)) => {
            let mut t = tab;
            t.extend(extra);
            clean(&mut t);
            t
        }
        _ => tab,
    };
    if negated {
        r.extend(negate(&class));
    } else {
        r.extend(class);
    }
    true
}

/// Whether `r` is in the clean class `c`.
#[inline]
pub fn contains(c: &[(u32, u32)], r: u32) -> bool {
    if c.len() <= 4 {
        return c.iter().any(|&(lo, hi)| lo <= r && r <= hi);
    }
    let i = c.partition_point(|&(lo, _)| lo <= r);
    i > 0 && r <= c[i - 1].1
}
