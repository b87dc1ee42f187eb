//! VM STRING CALLBACKS: the `strings` functions that call a gol function per rune (`Map`,
//! `FieldsFunc`, `IndexFunc`, `LastIndexFunc`, `TrimFunc`, `TrimLeftFunc`, `TrimRightFunc`,
//! `ContainsFunc`). Input: `Rt::StrFunc`' window `[op, s, f]`. Output: Go's result, calling `f`
//! through a nested run (natives cannot call gol code).

use super::host::call_closure;
use super::panic::GoPanic;
use super::{value, Goroutine, Machine};
use crate::stdlib::utf8::{append_rune, decode_rune};

fn runes(s: &[u8]) -> Vec<(usize, u32, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let (r, n) = decode_rune(&s[i..]);
        out.push((i, r, n));
        i += n;
    }
    out
}

pub fn str_func(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let (op, sw, f) = (g.regs[at], g.regs[at + 1], g.regs[at + 2]);
    if f == 0 {
        return Err(super::panic::nil_deref());
    }
    let s = value::str_bytes(sw).to_vec();
    let rs = runes(&s);
    let test = |mach: &mut Machine, g: &mut Goroutine, r: u32| -> Result<u64, GoPanic> {
        Ok(call_closure(mach, g, f, &[r as i64 as u64])?[0])
    };
    g.regs[at] = match op {
        // Map: drop runes mapped to a negative value
        0 => {
            let mut out = Vec::with_capacity(s.len());
            for &(_, r, _) in &rs {
                let m = test(mach, g, r)? as i64 as i32;
                if m >= 0 {
                    append_rune(&mut out, m as i64);
                }
            }
            value::new_string(&mut mach.m, &out)
        }
        // FieldsFunc
        1 => {
            let mut fields = Vec::new();
            let mut start: Option<usize> = None;
            for &(i, r, _) in &rs {
                if test(mach, g, r)? != 0 {
                    if let Some(st) = start.take() {
                        fields.push((st, i));
                    }
                } else if start.is_none() {
                    start = Some(i);
                }
            }
            if let Some(st) = start {
                fields.push((st, s.len()));
            }
            let words: Vec<u64> = fields
                .into_iter()
                .map(|(a, b)| value::new_string(&mut mach.m, &s[a..b]))
                .collect();
            crate::stdlib::natives::new_string_slice(&mut mach.m, &words)
        }
        // IndexFunc / ContainsFunc
        2 | 7 => {
            let mut found = -1i64;
            for &(i, r, _) in &rs {
                if test(mach, g, r)? != 0 {
                    found = i as i64;
                    break;
                }
            }
            if op == 7 {
                (found >= 0) as u64
            } else {
                found as u64
            }
        }
        // LastIndexFunc
        3 => {
            let mut found = -1i64;
            for &(i, r, _) in rs.iter().rev() {
                if test(mach, g, r)? != 0 {
                    found = i as i64;
                    break;
                }
            }
            found as u64
        }
        // TrimFunc / TrimLeftFunc / TrimRightFunc
        _ => {
            let (left, right) = (op == 4 || op == 5, op == 4 || op == 6);
            let mut a = 0;
            let mut b = s.len();
            if left {
                a = s.len();
                for &(i, r, _) in &rs {
                    if test(mach, g, r)? == 0 {
                        a = i;
                        break;
                    }
                }
            }
            if right {
                b = a;
                for &(i, r, n) in rs.iter().rev() {
                    if i < a {
                        break;
                    }
                    if test(mach, g, r)? == 0 {
                        b = i + n;
                        break;
                    }
                }
            }
            let b = b.max(a);
            value::new_string(&mut mach.m, &s[a..b])
        }
    };
    Ok(())
}
