//! `math/bits` natives: counting, rotating and reversing bits, and the double-word arithmetic
//! (`Add64`, `Sub64`, `Mul64`, `Div64`). Arguments arrive zero-extended (unsigned words); results
//! of the sized forms are truncated to their width.

use super::{ret, NativeCtx, NativeError, NativeFn};

/// The width in bits a symbol's suffix names (`OnesCount8` → 8; no suffix → `uint`'s 64).
fn width(symbol: &str) -> u32 {
    let digits = symbol.trim_start_matches(|c: char| !c.is_ascii_digit());
    digits.parse().unwrap_or(64)
}

fn mask(x: u64, w: u32) -> u64 {
    if w >= 64 {
        x
    } else {
        x & ((1u64 << w) - 1)
    }
}

fn overflow() -> NativeError {
    NativeError::Panic("runtime error: integer overflow".into())
}

fn nonzero(y: u64) -> Result<u64, NativeError> {
    if y == 0 {
        return Err(NativeError::Panic(
            "runtime error: integer divide by zero".into(),
        ));
    }
    Ok(y)
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    let name = symbol.strip_prefix("math/bits.")?;
    // One native per family and width: the width is fixed by the symbol, so each gets its own
    // function item through this macro.
    macro_rules! sized {
        ($w:expr, $body:expr) => {{
            match $w {
                8 => (|_: &mut NativeCtx, a: &mut [u64]| ($body)(a, 8)) as NativeFn,
                16 => |_: &mut NativeCtx, a: &mut [u64]| ($body)(a, 16),
                32 => |_: &mut NativeCtx, a: &mut [u64]| ($body)(a, 32),
                _ => |_: &mut NativeCtx, a: &mut [u64]| ($body)(a, 64),
            }
        }};
    }
    let w = width(name);
    let family = name.trim_end_matches(|c: char| c.is_ascii_digit());
    Some(match family {
        "OnesCount" => sized!(w, |a: &mut [u64], w: u32| ret(
            a,
            &[mask(a[0], w).count_ones() as u64]
        )),
        "LeadingZeros" => sized!(w, |a: &mut [u64], w: u32| {
            let lz = mask(a[0], w).leading_zeros() - (64 - w);
            ret(a, &[lz as u64])
        }),
        "TrailingZeros" => sized!(w, |a: &mut [u64], w: u32| {
            let x = mask(a[0], w);
            ret(a, &[if x == 0 { w } else { x.trailing_zeros() } as u64])
        }),
        "Len" => sized!(w, |a: &mut [u64], w: u32| {
            ret(a, &[(64 - mask(a[0], w).leading_zeros()) as u64])
        }),
        "RotateLeft" => sized!(w, |a: &mut [u64], w: u32| {
            let (x, k) = (mask(a[0], w), a[1] as i64);
            let s = k.rem_euclid(w as i64) as u32;
            let r = if s == 0 {
                x
            } else {
                mask(x << s | x >> (w - s), w)
            };
            ret(a, &[r])
        }),
        "Reverse" => sized!(w, |a: &mut [u64], w: u32| {
            ret(a, &[mask(a[0], w).reverse_bits() >> (64 - w)])
        }),
        "ReverseBytes" => sized!(w, |a: &mut [u64], w: u32| {
            ret(a, &[mask(a[0], w).swap_bytes() >> (64 - w)])
        }),
        // The double-word forms follow Go's formulas exactly, so a carry or borrow other than
        // 0 or 1 gives Go's answer too.
        "Add" if w == 32 => |_, a| {
            let t = a[0] + a[1] + mask(a[2], 32);
            ret(a, &[mask(t, 32), t >> 32])
        },
        "Add" => |_, a| {
            let (x, y) = (a[0], a[1]);
            let sum = x.wrapping_add(y).wrapping_add(a[2]);
            ret(a, &[sum, ((x & y) | ((x | y) & !sum)) >> 63])
        },
        "Sub" => sized!(w, |a: &mut [u64], w: u32| {
            let (x, y) = (a[0], a[1]);
            let diff = mask(x.wrapping_sub(y).wrapping_sub(a[2]), w);
            let out = ((!x & y) | (!(x ^ y) & diff)) >> (w - 1);
            ret(a, &[diff, out & 1])
        }),
        "Mul" if w == 32 => |_, a| {
            let p = a[0] * a[1];
            ret(a, &[p >> 32, mask(p, 32)])
        },
        "Mul" => |_, a| {
            let p = a[0] as u128 * a[1] as u128;
            ret(a, &[(p >> 64) as u64, p as u64])
        },
        "Div" if w == 32 => |_, a| {
            let (hi, lo, y) = (a[0], a[1], a[2]);
            if y != 0 && y <= hi {
                return Err(overflow());
            }
            let n = hi << 32 | lo;
            let y = nonzero(y)?;
            ret(a, &[mask(n / y, 32), n % y])
        },
        "Div" => |_, a| {
            let (hi, lo, y) = (a[0], a[1], nonzero(a[2])?);
            if y <= hi {
                return Err(overflow());
            }
            let n = (hi as u128) << 64 | lo as u128;
            ret(a, &[(n / y as u128) as u64, (n % y as u128) as u64])
        },
        "Rem" if w == 32 => |_, a| {
            let y = nonzero(a[2])?;
            ret(a, &[(a[0] << 32 | a[1]) % y])
        },
        "Rem" => |_, a| {
            let y = nonzero(a[2])? as u128;
            ret(a, &[(((a[0] as u128) << 64 | a[1] as u128) % y) as u64])
        },
        _ => return None,
    })
}
