//! VM SORT: Go's package sort (and the `slices.Sort` that `sort.Ints/Strings/Float64s` call)
//! as one runtime helper (`Rt::Sort`). Input: the helper window `[op, a, b]`. Output: the result
//! in `R[at]`, the slice sorted in place, or a Go panic (one raised by a less function or a
//! `Len/Less/Swap` method propagates).
//!
//! The algorithms are Go's own, step by step (pdqsort for `Sort`, `Slice` and `slices.Sort`;
//! insertion sort plus SymMerge for `Stable` and `SliceStable`; the same code as
//! `stdlib/sort/sort_func.gol`, `sort_interface.gol` and `stdlib/slices/sort_ordered.gol`), so
//! the comparator is called in Go's sequence and equal elements end where Go leaves them.
//!
//! | op | call | a | b | result |
//! |---|---|---|---|---|
//! | 0, 1, 2 | `Ints`, `Strings`, `Float64s` | slice | | |
//! | 3, 4, 5 | `IntsAreSorted`, `StringsAreSorted`, `Float64sAreSorted` | slice | | bool |
//! | 6, 7 | `Slice`, `SliceStable` | `any` holding the slice | less closure | |
//! | 8 | `SliceIsSorted` | `any` | less closure | bool |
//! | 9, 10 | `Sort`, `Stable` | `Interface` | | |
//! | 11 | `IsSorted` | `Interface` | | bool |
//! | 12 | `Search` | n | f closure | int |
//! | 13, 14, 15 | `SearchInts`, `SearchStrings`, `SearchFloat64s` | slice | x | int |
//! | 16 | `Reverse` | `Interface` | | `Interface` |
//!
//! `Reverse` wraps its argument in a `*sort.reverse` object `{Interface}`; the interface ops
//! unwrap it (any depth) and swap the arguments of `Less`, which is what Go's `reverse.Less`
//! does.

use super::host::{call_closure, call_method, method_index};
use super::panic::{self, GoPanic};
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::bytecode::FuncId;
use crate::runtime::gc::Ref;
use crate::types::ty::{Type, TypeId};

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

/// Elements reached through gol code.
enum Data {
    /// `sort.Slice`: the slice's backing array and a `less func(i, j int) bool`.
    Slice {
        array: Option<Ref>,
        offset: usize,
        len: usize,
        less: u64,
    },
    /// `sort.Interface`: the receiver word and its methods; `flip` for an odd number of
    /// `sort.Reverse` wrappers.
    Iface {
        recv: u64,
        less: FuncId,
        swap: FuncId,
        flip: bool,
    },
}

struct Sorter<'a> {
    mach: &'a mut Machine,
    g: &'a mut Goroutine,
    data: Data,
}

pub type R<T> = Result<T, GoPanic>;

const UNKNOWN_HINT: u8 = 0;
const INCREASING_HINT: u8 = 1;
const DECREASING_HINT: u8 = 2;

impl LessSwap for Sorter<'_> {
    fn less(&mut self, i: i64, j: i64) -> R<bool> {
        match &self.data {
            Data::Slice { less, .. } => {
                let r = call_closure(self.mach, self.g, *less, &[i as u64, j as u64])?;
                Ok(r[0] & 1 != 0)
            }
            Data::Iface {
                recv, less, flip, ..
            } => {
                let (i, j) = if *flip { (j, i) } else { (i, j) };
                let r = call_method(self.mach, self.g, *less, &[*recv, i as u64, j as u64])?;
                Ok(r[0] & 1 != 0)
            }
        }
    }

    fn swap(&mut self, i: i64, j: i64) -> R<()> {
        match &mut self.data {
            Data::Slice {
                array, offset, len, ..
            } => {
                if i < 0 || j < 0 || i as usize >= *len || j as usize >= *len {
                    return Err(GoPanic::Native("reflect: slice index out of range".into()));
                }
                let a = array.expect("a non-empty slice has an array");
                let (x, y) = (*offset + i as usize, *offset + j as usize);
                let (vx, vy) = (value::load(a, x, true), value::load(a, y, true));
                value::store(a, x, vy, true);
                value::store(a, y, vx, true);
                Ok(())
            }
            Data::Iface { recv, swap, .. } => {
                call_method(self.mach, self.g, *swap, &[*recv, i as u64, j as u64])?;
                Ok(())
            }
        }
    }
}

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

    fn swap_range(&mut self, a: i64, b: i64, n: i64) -> R<()> {
        for i in 0..n {
            self.swap(a + i, b + i)?;
        }
        Ok(())
    }

    fn stable(&mut self, n: i64) -> R<()> {
        let mut block_size = 20;
        let (mut a, mut b) = (0, block_size);
        while b <= n {
            self.insertion_sort(a, b)?;
            a = b;
            b += block_size;
        }
        self.insertion_sort(a, n)?;
        while block_size < n {
            a = 0;
            b = 2 * block_size;
            while b <= n {
                self.sym_merge(a, a + block_size, b)?;
                a = b;
                b += 2 * block_size;
            }
            let m = a + block_size;
            if m < n {
                self.sym_merge(a, m, n)?;
            }
            block_size *= 2;
        }
        Ok(())
    }

    fn sym_merge(&mut self, a: i64, m: i64, b: i64) -> R<()> {
        if m - a == 1 {
            let (mut i, mut j) = (m, b);
            while i < j {
                let h = ((i + j) as u64 >> 1) as i64;
                if self.less(h, a)? {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            let mut k = a;
            while k < i - 1 {
                self.swap(k, k + 1)?;
                k += 1;
            }
            return Ok(());
        }
        if b - m == 1 {
            let (mut i, mut j) = (a, m);
            while i < j {
                let h = ((i + j) as u64 >> 1) as i64;
                if !self.less(m, h)? {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            let mut k = m;
            while k > i {
                self.swap(k, k - 1)?;
                k -= 1;
            }
            return Ok(());
        }
        let mid = ((a + b) as u64 >> 1) as i64;
        let n = mid + m;
        let (mut start, mut r) = if m > mid { (n - b, mid) } else { (a, m) };
        let p = n - 1;
        while start < r {
            let c = ((start + r) as u64 >> 1) as i64;
            if !self.less(p - c, c)? {
                start = c + 1;
            } else {
                r = c;
            }
        }
        let end = n - start;
        if start < m && m < end {
            self.rotate(start, m, end)?;
        }
        if a < start && start < mid {
            self.sym_merge(a, start, mid)?;
        }
        if mid < end && end < b {
            self.sym_merge(mid, end, b)?;
        }
        Ok(())
    }

    fn rotate(&mut self, a: i64, m: i64, b: i64) -> R<()> {
        let (mut i, mut j) = (m - a, b - m);
        while i != j {
            if i > j {
                self.swap_range(m - i, m, j)?;
                i -= j;
            } else {
                self.swap_range(m - i, m + j - i, i)?;
                j -= i;
            }
        }
        self.swap_range(m - i, m, i)
    }

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

/// reflect's name of a type's kind (`Kind.String`).
fn kind_name(mach: &Machine, t: u32) -> String {
    let types = mach.types();
    let u = types.underlying(TypeId::from_index(t));
    match types.get(u) {
        Type::Basic(k) => k.name().to_string(),
        Type::Pointer(_) => "ptr".into(),
        Type::Slice(_) => "slice".into(),
        Type::Array(..) => "array".into(),
        Type::Map(..) => "map".into(),
        Type::Chan(..) => "chan".into(),
        Type::Func(_) => "func".into(),
        Type::Struct(_) => "struct".into(),
        Type::Interface(_) => "interface".into(),
        _ => "invalid".into(),
    }
}

/// The slice an `any` holds, or reflectlite's `Swapper` panic.
fn any_slice(mach: &Machine, x: u64) -> R<value::SliceParts> {
    match value::iface_parts(x) {
        None => Err(GoPanic::Native(
            "reflect: call of Swapper on zero Value".into(),
        )),
        Some((t, d)) => {
            let types = mach.types();
            if matches!(
                types.get(types.underlying(TypeId::from_index(t))),
                Type::Slice(_)
            ) {
                Ok(value::slice_parts(d))
            } else {
                Err(GoPanic::Native(format!(
                    "reflect: call of Swapper on {} Value",
                    kind_name(mach, t)
                )))
            }
        }
    }
}

/// reflectlite's `Value.Len` of what an `any` holds.
fn any_len(mach: &Machine, x: u64) -> R<i64> {
    let Some((t, d)) = value::iface_parts(x) else {
        return Err(GoPanic::Native(
            "reflect: call of reflect.Value.Len on zero Value".into(),
        ));
    };
    let types = mach.types();
    Ok(match types.get(types.underlying(TypeId::from_index(t))) {
        Type::Slice(_) => value::slice_parts(d).len as i64,
        Type::Array(n, _) => *n as i64,
        Type::Basic(crate::types::constant::BasicKind::String) => value::str_bytes(d).len() as i64,
        Type::Map(..) => super::map::len(d) as i64,
        Type::Chan(..) => crate::runtime::chan::len(d) as i64,
        _ => {
            return Err(GoPanic::Native(format!(
                "reflect: call of reflect.Value.Len on {} Value",
                kind_name(mach, t)
            )))
        }
    })
}

/// The methods of a `sort.Interface` value: (receiver, Len, Less, Swap, flip), looking through
/// `sort.Reverse` wrappers (dynamic type `reverse_ty`).
fn iface_methods(
    mach: &Machine,
    mut x: u64,
    reverse_ty: u32,
) -> R<(u64, FuncId, FuncId, FuncId, bool)> {
    let mut flip = false;
    loop {
        let Some((t, d)) = value::iface_parts(x) else {
            return Err(panic::nil_deref());
        };
        if t == reverse_ty {
            flip = !flip;
            x = value::load(obj(d), 0, true);
            continue;
        }
        let find = |name: &str| -> R<FuncId> {
            method_index(mach, name)
                .and_then(|m| mach.prog.methods.get(&(t, m)).copied())
                .ok_or_else(|| {
                    panic::runtime(format!("gol: no method {name} for dynamic type {t}"))
                })
        };
        return Ok((d, find("Len")?, find("Less")?, find("Swap")?, flip));
    }
}

/// Searches `[0, n)` for the first index where `f` holds (`sort.Search` on a pure predicate).
fn search(n: i64, mut f: impl FnMut(usize) -> bool) -> i64 {
    let (mut i, mut j) = (0i64, n);
    while i < j {
        let h = ((i + j) as u64 >> 1) as i64;
        if !f(h as usize) {
            i = h + 1;
        } else {
            j = h;
        }
    }
    i
}

/// Runs the sort helper on the window at `at` (see the module table).
pub fn sort_op(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let (op, a, b) = (g.regs[at], g.regs[at + 1], g.regs[at + 2]);
    let reverse_ty = mach.std.sort_reverse_ptr;
    let result: u64 = match op {
        0..=2 => {
            let p = value::slice_parts(a);
            if p.len > 1 {
                let arr = obj(p.array);
                let words: Vec<u64> = (0..p.len)
                    .map(|i| value::load(arr, p.offset + i, true))
                    .collect();
                let mut s = Words {
                    words,
                    less: ordered_less(op),
                };
                s.sort(p.len as i64)?;
                for (i, w) in s.words.into_iter().enumerate() {
                    value::store(arr, p.offset + i, w, true);
                }
            }
            0
        }
        3..=5 => {
            let p = value::slice_parts(a);
            let less = ordered_less(op);
            let mut sorted = true;
            for i in (1..p.len).rev() {
                let arr = obj(p.array);
                if less(
                    value::load(arr, p.offset + i, true),
                    value::load(arr, p.offset + i - 1, true),
                ) {
                    sorted = false;
                    break;
                }
            }
            sorted as u64
        }
        6 | 7 => {
            let p = any_slice(mach, a)?;
            let array = Ref::from_word(p.array);
            let n = p.len as i64;
            let mut s = Sorter {
                mach,
                g,
                data: Data::Slice {
                    array,
                    offset: p.offset,
                    len: p.len,
                    less: b,
                },
            };
            if op == 6 {
                s.sort(n)?;
            } else {
                s.stable(n)?;
            }
            0
        }
        8 => {
            let n = any_len(mach, a)?;
            let mut s = Sorter {
                mach,
                g,
                data: Data::Slice {
                    array: None,
                    offset: 0,
                    len: 0,
                    less: b,
                },
            };
            let mut sorted = true;
            let mut i = n - 1;
            while i > 0 {
                if s.less(i, i - 1)? {
                    sorted = false;
                    break;
                }
                i -= 1;
            }
            sorted as u64
        }
        9..=11 => {
            let (recv, lenf, less, swap, flip) = iface_methods(mach, a, reverse_ty)?;
            let n = call_method(mach, g, lenf, &[recv])?[0] as i64;
            let mut s = Sorter {
                mach,
                g,
                data: Data::Iface {
                    recv,
                    less,
                    swap,
                    flip,
                },
            };
            match op {
                9 => {
                    if n > 1 {
                        s.sort(n)?;
                    }
                    0
                }
                10 => {
                    s.stable(n)?;
                    0
                }
                _ => {
                    let mut sorted = true;
                    let mut i = n - 1;
                    while i > 0 {
                        if s.less(i, i - 1)? {
                            sorted = false;
                            break;
                        }
                        i -= 1;
                    }
                    sorted as u64
                }
            }
        }
        12 => {
            let (mut i, mut j) = (0i64, a as i64);
            while i < j {
                let h = ((i + j) as u64 >> 1) as i64;
                if call_closure(mach, g, b, &[h as u64])?[0] & 1 == 0 {
                    i = h + 1;
                } else {
                    j = h;
                }
            }
            i as u64
        }
        13..=15 => {
            let p = value::slice_parts(a);
            let less = ordered_less(op - 13);
            let at_i = |i: usize| value::load(obj(p.array), p.offset + i, true);
            // a[i] >= x, i.e. !(a[i] < x) (for floats: Go compares with >=, false for NaNs).
            let r = if op == 15 {
                let x = f64::from_bits(b);
                search(p.len as i64, |i| f64::from_bits(at_i(i)) >= x)
            } else {
                search(p.len as i64, |i| !less(at_i(i), b))
            };
            r as u64
        }
        16 => {
            // &reverse{data}: a one-field struct object holding the interface.
            let t = mach.std.sort_reverse_ptr;
            let o = mach.m.alloc(&crate::runtime::gc::REFS, 1);
            value::store(o, 0, a, true);
            value::new_iface(&mut mach.m, t, o.word(), true)
        }
        _ => return Err(panic::runtime(format!("gol: unknown sort op {op}"))),
    };
    g.regs[at] = result;
    Ok(())
}
