//! The constant tables of `math/rand` (v1 and v2), computed rather than transcribed. Input: none
//! (each table is computed once per process). Output: the words `math/rand`'s gol source reads
//! through bodyless natives: `rand.cookedTable` (the 607 values that whiten every seeded v1
//! source) and `rand.zigTables` (the ziggurat tables of NormFloat64 and ExpFloat64).
//!
//! **The cooked table.** Go's v1 source is an additive lagged Fibonacci generator
//! (`x[n] = x[n-273] + x[n-607]` mod 2^64). Its seeding xors each register word with a fixed
//! value: the register of that same generator, seeded with 1 through the Park–Miller sequence
//! (shifts 20 and 10), after 7.8e12 steps. Stepping 7.8e12 times is hours of work, but the
//! generator is linear: the value n steps on is `x^n mod P(x)` (P = x^607 - x^334 - 1, over
//! the integers mod 2^64) applied to the 607 starting values, so 43 polynomial squarings get
//! there. Go's own table agrees (checked by the programs under `tests/programs/std/rand/`).
//!
//! **The ziggurat tables** follow Marsaglia and Tsang's setup ("The Ziggurat Method for
//! Generating Random Variables", 2000): 128 layers for the normal distribution from
//! r = 3.442619855899, 256 for the exponential from r = 7.69711747013104972, computed in
//! double precision and narrowed as Go stores them (`k` truncated to uint32, `w` and `f`
//! rounded to float32).

use std::sync::OnceLock;

use super::{ret, NativeCtx, NativeFn};

const LEN: usize = 607;
const TAP: usize = 273;
/// How many steps Go's table generator ran (gen_cooked.go's loop bound).
const COOK_STEPS: u64 = 7_800_000_000_000;

/// The Park–Miller step `x * 48271 mod (2^31 - 1)` by Schrage's method, in int32 as Go does it.
pub(super) fn seedrand(x: i32) -> i32 {
    const A: i32 = 48271;
    const Q: i32 = 44488;
    const R: i32 = 3399;
    let hi = x / Q;
    let lo = x % Q;
    let mut x = A * lo - R * hi;
    if x < 0 {
        x += i32::MAX;
    }
    x
}

/// `a * b mod P` for polynomials of degree < 607 with coefficients mod 2^64.
fn mulmod(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut p = vec![0u64; 2 * LEN - 1];
    for (i, &x) in a.iter().enumerate() {
        if x == 0 {
            continue;
        }
        for (j, &y) in b.iter().enumerate() {
            p[i + j] = p[i + j].wrapping_add(x.wrapping_mul(y));
        }
    }
    reduce(&mut p);
    p.truncate(LEN);
    p
}

/// Folds every term of degree >= 607 down with x^607 = x^334 + 1, from the top.
fn reduce(p: &mut [u64]) {
    for d in (LEN..p.len()).rev() {
        let c = p[d];
        if c != 0 {
            p[d] = 0;
            p[d - LEN + (LEN - TAP)] = p[d - LEN + (LEN - TAP)].wrapping_add(c);
            p[d - LEN] = p[d - LEN].wrapping_add(c);
        }
    }
}

/// x^n mod P.
fn x_pow(n: u64) -> Vec<u64> {
    let mut result = vec![0u64; LEN];
    result[0] = 1;
    let mut base = vec![0u64; LEN];
    base[1] = 1;
    let mut n = n;
    while n > 0 {
        if n & 1 == 1 {
            result = mulmod(&result, &base);
        }
        n >>= 1;
        if n > 0 {
            base = mulmod(&base, &base);
        }
    }
    result
}

/// The register gen_cooked.go starts from: seed 1 through the Park–Miller sequence.
fn cook_start() -> [u64; LEN] {
    let mut vec = [0u64; LEN];
    let mut x: i32 = 1;
    for i in -20..LEN as i64 {
        x = seedrand(x);
        if i >= 0 {
            let mut u = (x as i64) << 20;
            x = seedrand(x);
            u ^= (x as i64) << 10;
            x = seedrand(x);
            u ^= x as i64;
            vec[i as usize] = u as u64;
        }
    }
    vec
}

/// The register after `steps` steps of the generator from `start` (tap and feed starting at
/// 0 and 334 and moving down, as in Go's source).
///
/// Write s_k for the value the k-th step stores (k >= 1) and, for k <= 0, the value the
/// register held where step k would have stored it: position (334 - k) mod 607. Step k adds
/// the value stored 273 steps before to the one stored 607 steps before, so
/// s_k = s_{k-273} + s_{k-607}; with t_m = s_{m-606}, t_0..t_606 are the start register and
/// t_M = sum_i c_i t_i where sum_i c_i x^i = x^M mod P.
fn jump(start: &[u64; LEN], steps: u64) -> [u64; LEN] {
    let t0: Vec<u64> = (0..LEN)
        .map(|m| start[(940 - m as i64).rem_euclid(LEN as i64) as usize])
        .collect();
    let mut out = [0u64; LEN];
    // x^M for M = steps .. steps + 606: the first by squaring, the rest by shifting.
    let mut r = x_pow(steps);
    let first = steps as i64 - (LEN as i64 - 1); // the oldest step still in the register
    for k in 0..LEN as i64 {
        // r = x^(steps + k) mod P, whose value is s_j with j = steps + k - 606.
        let j = first + k;
        let v = r
            .iter()
            .zip(&t0)
            .fold(0u64, |acc, (&c, &t)| acc.wrapping_add(c.wrapping_mul(t)));
        out[(334 - j).rem_euclid(LEN as i64) as usize] = v;
        // r *= x
        let top = r[LEN - 1];
        r.copy_within(0..LEN - 1, 1);
        r[0] = top;
        r[LEN - TAP] = r[LEN - TAP].wrapping_add(top);
    }
    out
}

/// Go's `rngCooked` (64-bit values).
pub(super) fn cooked() -> &'static [u64; LEN] {
    static T: OnceLock<[u64; LEN]> = OnceLock::new();
    T.get_or_init(|| jump(&cook_start(), COOK_STEPS))
}

/// The ziggurat tables: normal (k, w, f; 128 each) then exponential (k, w, f; 256 each).
#[derive(Debug)]
pub(super) struct Zig {
    pub kn: [u32; 128],
    pub wn: [f32; 128],
    pub fn_: [f32; 128],
    pub ke: [u32; 256],
    pub we: [f32; 256],
    pub fe: [f32; 256],
}

pub(super) fn zig() -> &'static Zig {
    static T: OnceLock<Zig> = OnceLock::new();
    T.get_or_init(|| {
        let mut z = Zig {
            kn: [0; 128],
            wn: [0.0; 128],
            fn_: [0.0; 128],
            ke: [0; 256],
            we: [0.0; 256],
            fe: [0.0; 256],
        };
        // Normal: 128 layers of equal area v under exp(-x²/2).
        let m1 = 2147483648.0f64;
        let (mut dn, vn) = (3.442619855899f64, 9.91256303526217e-3f64);
        let mut tn = dn;
        let q = vn / (-0.5 * dn * dn).exp();
        z.kn[0] = ((dn / q) * m1) as u32;
        z.kn[1] = 0;
        z.wn[0] = (q / m1) as f32;
        z.wn[127] = (dn / m1) as f32;
        z.fn_[0] = 1.0;
        z.fn_[127] = (-0.5 * dn * dn).exp() as f32;
        for i in (1..=126).rev() {
            dn = (-2.0 * (vn / dn + (-0.5 * dn * dn).exp()).ln()).sqrt();
            z.kn[i + 1] = ((dn / tn) * m1) as u32;
            tn = dn;
            z.fn_[i] = (-0.5 * dn * dn).exp() as f32;
            z.wn[i] = (dn / m1) as f32;
        }
        // Exponential: 256 layers of equal area v under exp(-x).
        let m2 = 4294967296.0f64;
        let (mut de, ve) = (7.697117470131487f64, 3.949659822581572e-3f64);
        let mut te = de;
        let q = ve / (-de).exp();
        z.ke[0] = ((de / q) * m2) as u32;
        z.ke[1] = 0;
        z.we[0] = (q / m2) as f32;
        z.we[255] = (de / m2) as f32;
        z.fe[0] = 1.0;
        z.fe[255] = (-de).exp() as f32;
        for i in (1..=254).rev() {
            de = -(ve / de + (-de).exp()).ln();
            z.ke[i + 1] = ((de / te) * m2) as u32;
            te = de;
            z.fe[i] = (-de).exp() as f32;
            z.we[i] = (de / m2) as f32;
        }
        z
    })
}

pub(super) fn lookup(name: &str) -> Option<NativeFn> {
    Some(match name {
        // func cookedTable() []int64
        "cookedTable" => |ctx: &mut NativeCtx, a: &mut [u64]| {
            let s = super::new_int_slice(ctx, cooked());
            ret(a, &[s])
        },
        // func zigUint(table, i int) uint32: table 0 is kn, 1 is ke.
        "zigUint" => |_: &mut NativeCtx, a: &mut [u64]| {
            let z = zig();
            let (t, i) = (a[0], a[1] as usize);
            let v = if t == 0 { z.kn.get(i) } else { z.ke.get(i) };
            ret(a, &[v.copied().unwrap_or(0) as u64])
        },
        // func zigFloat(table, i int) float32: 0 wn, 1 fn, 2 we, 3 fe.
        "zigFloat" => |_: &mut NativeCtx, a: &mut [u64]| {
            let z = zig();
            let (t, i) = (a[0], a[1] as usize);
            let v = match t {
                0 => z.wn.get(i),
                1 => z.fn_.get(i),
                2 => z.we.get(i),
                _ => z.fe.get(i),
            };
            ret(a, &[(v.copied().unwrap_or(0.0) as f64).to_bits()])
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn jump_matches_stepping() {
        // A short jump equals stepping the generator by hand.
        let start = super::cook_start();
        let mut v = start;
        let (mut tap, mut feed) = (0usize, super::LEN - super::TAP);
        for _ in 0..5000 {
            tap = (tap + super::LEN - 1) % super::LEN;
            feed = (feed + super::LEN - 1) % super::LEN;
            v[feed] = v[feed].wrapping_add(v[tap]);
        }
        assert_eq!(super::jump(&start, 5000), v);
    }

    #[test]
    fn cooked_starts_as_gos() {
        assert_eq!(super::cooked()[0] as i64, -4181792142133755926);
    }
}
