//! VM ORDERED SORT: `sort.Ints`, `sort.Strings` and `sort.Float64s` (bodyless natives of
//! `stdlib/sort/natives.gol`, `Rt::Reflectlite` ops 3–5) sort their slice here with Go's
//! `slices.Sort` algorithm (pdqsortOrdered, step by step as slices/zsortordered.go), so equal
//! elements (-0 and +0, NaNs) end where Go leaves them. Input: the slice word. Output: the
//! slice sorted in place. No gol code is called (the comparison is `<`), so a native is
//! allowed; the generic gol version (`stdlib/slices/sort_ordered.gol`) is the same algorithm,
//! about 20 times slower.

use super::panic::GoPanic;
use super::value::{self, obj};

pub type R<T> = Result<T, GoPanic>;

/// A sort's elements as Go's `lessSwap`: how to compare and exchange two of them.
pub trait LessSwap {
    fn less(&mut self, i: i64, j: i64) -> R<bool>;
    fn swap(&mut self, i: i64, j: i64) -> R<()>;
}

/// A copy of an ordered slice's words (written back afterwards), with `cmpLess`.
pub struct Words {
    pub words: Vec<u64>,
    pub less: fn(u64, u64) -> bool,
}

impl LessSwap for Words {
    fn less(&mut self, i: i64, j: i64) -> R<bool> {
        Ok((self.less)(self.words[i as usize], self.words[j as usize]))
    }
    fn swap(&mut self, i: i64, j: i64) -> R<()> {
        self.words.swap(i as usize, j as usize);
        Ok(())
    }
}

const UNKNOWN_HINT: u8 = 0;
const INCREASING_HINT: u8 = 1;
const DECREASING_HINT: u8 = 2;

/// Go's sorting algorithms over any `LessSwap`, step by step as in sort/zsortfunc.go.
pub trait Algo: LessSwap {
    // ---- pdqsort (sort/zsortfunc.go) ----

    fn insertion_sort(&mut self, a: i64, b: i64) -> R<()> {
        let mut i = a + 1;
        while i < b {
            let mut j = i;
            while j > a && self.less(j, j - 1)? {
                self.swap(j, j - 1)?;
                j -= 1;
            }
            i += 1;
        }
        Ok(())
    }

    fn sift_down(&mut self, lo: i64, hi: i64, first: i64) -> R<()> {
        let mut root = lo;
        loop {
            let mut child = 2 * root + 1;
            if child >= hi {
                return Ok(());
            }
            if child + 1 < hi && self.less(first + child, first + child + 1)? {
                child += 1;
            }
            if !self.less(first + root, first + child)? {
                return Ok(());
            }
            self.swap(first + root, first + child)?;
            root = child;
        }
    }

    fn heap_sort(&mut self, a: i64, b: i64) -> R<()> {
        let (first, lo, hi) = (a, 0, b - a);
        let mut i = (hi - 1) / 2;
        while i >= 0 {
            self.sift_down(i, hi, first)?;
            i -= 1;
        }
        let mut i = hi - 1;
        while i >= 0 {
            self.swap(first, first + i)?;
            self.sift_down(lo, i, first)?;
            i -= 1;
        }
        Ok(())
    }

    fn pdqsort(&mut self, mut a: i64, mut b: i64, mut limit: i64) -> R<()> {
        const MAX_INSERTION: i64 = 12;
        let (mut was_balanced, mut was_partitioned) = (true, true);
        loop {
            let length = b - a;
            if length <= MAX_INSERTION {
                return self.insertion_sort(a, b);
            }
            if limit == 0 {
                return self.heap_sort(a, b);
            }
            if !was_balanced {
                self.break_patterns(a, b)?;
                limit -= 1;
            }
            let (mut pivot, mut hint) = self.choose_pivot(a, b)?;
            if hint == DECREASING_HINT {
                self.reverse_range(a, b)?;
                pivot = (b - 1) - (pivot - a);
                hint = INCREASING_HINT;
            }
            if was_balanced
                && was_partitioned
                && hint == INCREASING_HINT
                && self.partial_insertion_sort(a, b)?
            {
                return Ok(());
            }
            if a > 0 && !self.less(a - 1, pivot)? {
                a = self.partition_equal(a, b, pivot)?;
                continue;
            }
            let (mid, already) = self.partition(a, b, pivot)?;
            was_partitioned = already;
            let (left, right) = (mid - a, b - mid);
            let threshold = length / 8;
            if left < right {
                was_balanced = left >= threshold;
                self.pdqsort(a, mid, limit)?;
                a = mid + 1;
            } else {
                was_balanced = right >= threshold;
                self.pdqsort(mid + 1, b, limit)?;
                b = mid;
            }
        }
    }

    fn partition(&mut self, a: i64, b: i64, pivot: i64) -> R<(i64, bool)> {
        self.swap(a, pivot)?;
        let (mut i, mut j) = (a + 1, b - 1);
        while i <= j && self.less(i, a)? {
            i += 1;
        }
        while i <= j && !self.less(j, a)? {
            j -= 1;
        }
        if i > j {
            self.swap(j, a)?;
            return Ok((j, true));
        }
        self.swap(i, j)?;
        i += 1;
        j -= 1;
        loop {
            while i <= j && self.less(i, a)? {
                i += 1;
            }
            while i <= j && !self.less(j, a)? {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i, j)?;
            i += 1;
            j -= 1;
        }
        self.swap(j, a)?;
        Ok((j, false))
    }

    fn partition_equal(&mut self, a: i64, b: i64, pivot: i64) -> R<i64> {
        self.swap(a, pivot)?;
        let (mut i, mut j) = (a + 1, b - 1);
        loop {
            while i <= j && !self.less(a, i)? {
                i += 1;
            }
            while i <= j && self.less(a, j)? {
                j -= 1;
            }
            if i > j {
                return Ok(i);
            }
            self.swap(i, j)?;
            i += 1;
            j -= 1;
        }
    }

    fn partial_insertion_sort(&mut self, a: i64, b: i64) -> R<bool> {
        const MAX_STEPS: i64 = 5;
        const SHORTEST_SHIFTING: i64 = 50;
        let mut i = a + 1;
        for _ in 0..MAX_STEPS {
            while i < b && !self.less(i, i - 1)? {
                i += 1;
            }
            if i == b {
                return Ok(true);
            }
            if b - a < SHORTEST_SHIFTING {
                return Ok(false);
            }
            self.swap(i, i - 1)?;
            if i - a >= 2 {
                let mut j = i - 1;
                while j >= 1 {
                    if !self.less(j, j - 1)? {
                        break;
                    }
                    self.swap(j, j - 1)?;
                    j -= 1;
                }
            }
            if b - i >= 2 {
                let mut j = i + 1;
                while j < b {
                    if !self.less(j, j - 1)? {
                        break;
                    }
                    self.swap(j, j - 1)?;
                    j += 1;
                }
            }
        }
        Ok(false)
    }

    fn break_patterns(&mut self, a: i64, b: i64) -> R<()> {
        let length = b - a;
        if length >= 8 {
            let mut random = length as u64;
            let mask = (1u64 << bit_len(length as u64)) - 1;
            let mid = a + (length / 4) * 2;
            for idx in mid - 1..=mid + 1 {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                let mut other = (random & mask) as i64;
                if other >= length {
                    other -= length;
                }
                self.swap(idx, a + other)?;
            }
        }
        Ok(())
    }

    fn choose_pivot(&mut self, a: i64, b: i64) -> R<(i64, u8)> {
        const SHORTEST_NINTHER: i64 = 50;
        const MAX_SWAPS: i64 = 4 * 3;
        let l = b - a;
        let mut swaps = 0;
        let mut i = a + l / 4;
        let mut j = a + l / 4 * 2;
        let mut k = a + l / 4 * 3;
        if l >= 8 {
            if l >= SHORTEST_NINTHER {
                i = self.median(i - 1, i, i + 1, &mut swaps)?;
                j = self.median(j - 1, j, j + 1, &mut swaps)?;
                k = self.median(k - 1, k, k + 1, &mut swaps)?;
            }
            j = self.median(i, j, k, &mut swaps)?;
        }
        Ok(match swaps {
            0 => (j, INCREASING_HINT),
            MAX_SWAPS => (j, DECREASING_HINT),
            _ => (j, UNKNOWN_HINT),
        })
    }

    fn order2(&mut self, a: i64, b: i64, swaps: &mut i64) -> R<(i64, i64)> {
        if self.less(b, a)? {
            *swaps += 1;
            return Ok((b, a));
        }
        Ok((a, b))
    }

    fn median(&mut self, a: i64, b: i64, c: i64, swaps: &mut i64) -> R<i64> {
        let (a, b) = self.order2(a, b, swaps)?;
        let (b, c) = self.order2(b, c, swaps)?;
        let _ = c;
        let (_a, b) = self.order2(a, b, swaps)?;
        Ok(b)
    }

    fn reverse_range(&mut self, a: i64, b: i64) -> R<()> {
        let (mut i, mut j) = (a, b - 1);
        while i < j {
            self.swap(i, j)?;
            i += 1;
            j -= 1;
        }
        Ok(())
    }

    // ---- stable (insertion sort + SymMerge) ----

    /// `sort.Sort`'s and `sort.Slice`'s entry: pdqsort with Go's depth limit.
    fn sort(&mut self, n: i64) -> R<()> {
        self.pdqsort(0, n, bit_len(n as u64) as i64)
    }
}

impl<T: LessSwap> Algo for T {}

/// `math/bits.Len`.
fn bit_len(x: u64) -> u32 {
    64 - x.leading_zeros()
}

fn int_less(x: u64, y: u64) -> bool {
    (x as i64) < (y as i64)
}

fn str_less(x: u64, y: u64) -> bool {
    value::str_bytes(x) < value::str_bytes(y)
}

/// Go's `cmpLess` for floats: NaNs order first.
fn float_less(x: u64, y: u64) -> bool {
    let (x, y) = (f64::from_bits(x), f64::from_bits(y));
    x < y || (x.is_nan() && !y.is_nan())
}

pub fn ordered_less(op: u64) -> fn(u64, u64) -> bool {
    match op % 3 {
        0 => int_less,
        1 => str_less,
        _ => float_less,
    }
}

/// Sorts the slice `s` of ints (kind 0), strings (1) or float64s (2).
pub fn sort_ordered(kind: u64, s: u64) -> R<()> {
    let p = value::slice_parts(s);
    if p.len > 1 {
        let arr = obj(p.array);
        let words: Vec<u64> = (0..p.len)
            .map(|i| value::load(arr, p.offset + i, true))
            .collect();
        let mut w = Words {
            words,
            less: ordered_less(kind),
        };
        w.sort(p.len as i64)?;
        for (i, x) in w.words.into_iter().enumerate() {
            value::store(arr, p.offset + i, x, true);
        }
    }
    Ok(())
}
