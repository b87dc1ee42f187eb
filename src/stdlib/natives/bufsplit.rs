//! bufio's split functions (`ScanLines`, `ScanWords`, `ScanRunes`, `ScanBytes`), after Go's
//! `bufio/scan.go`: as natives, and as `split` for the Scanner (vm/scanner.rs), which runs
//! them without a call into gol code.

use super::{byte_slice_bytes, new_byte_slice, ret, NativeCtx, NativeFn};
use crate::stdlib::utf8::decode_rune;

/// What a split function returns (its error is always nil for these four).
pub struct Token {
    pub advance: usize,
    pub token: Option<Vec<u8>>,
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "bufio.ScanLines" => |c: &mut NativeCtx, a: &mut [u64]| native(c, a, 0),
        "bufio.ScanWords" => |c, a| native(c, a, 1),
        "bufio.ScanRunes" => |c, a| native(c, a, 2),
        "bufio.ScanBytes" => |c, a| native(c, a, 3),
        _ => return None,
    })
}

fn native(c: &mut NativeCtx, a: &mut [u64], kind: u64) -> Result<(), super::NativeError> {
    let data = byte_slice_bytes(a[0]);
    let t = split(kind, &data, a[1] != 0);
    let tok = t.token.map_or(0, |t| new_byte_slice(c.m, &t));
    ret(a, &[t.advance as u64, tok, 0])
}

/// Split kind `kind` (0 lines, 1 words, 2 runes, 3 bytes) on `data`.
pub fn split(kind: u64, data: &[u8], at_eof: bool) -> Token {
    let none = |advance| Token {
        advance,
        token: None,
    };
    let tok = |advance, t: &[u8]| Token {
        advance,
        token: Some(t.to_vec()),
    };
    if at_eof && data.is_empty() {
        return none(0);
    }
    match kind {
        0 => {
            let drop_cr = |t: &[u8]| {
                if t.last() == Some(&b'\r') {
                    t[..t.len() - 1].to_vec()
                } else {
                    t.to_vec()
                }
            };
            if let Some(i) = data.iter().position(|&b| b == b'\n') {
                return Token {
                    advance: i + 1,
                    token: Some(drop_cr(&data[..i])),
                };
            }
            if at_eof {
                return Token {
                    advance: data.len(),
                    token: Some(drop_cr(data)),
                };
            }
            none(0)
        }
        1 => {
            let mut start = 0;
            while start < data.len() {
                let (r, w) = decode_rune(&data[start..]);
                if !is_space(r) {
                    break;
                }
                start += w;
            }
            let mut i = start;
            while i < data.len() {
                let (r, w) = decode_rune(&data[i..]);
                if is_space(r) {
                    return tok(i + w, &data[start..i]);
                }
                i += w;
            }
            if at_eof && data.len() > start {
                return tok(data.len(), &data[start..]);
            }
            none(start)
        }
        2 => {
            if data[0] < 0x80 {
                return tok(1, &data[..1]);
            }
            let (_, w) = decode_rune(data);
            if w > 1 {
                return tok(w, &data[..w]);
            }
            if !at_eof && !super::utf8::full_rune(data) {
                return none(0);
            }
            tok(1, "\u{FFFD}".as_bytes())
        }
        _ => tok(1, &data[..1]),
    }
}

/// bufio's `isSpace`.
fn is_space(r: u32) -> bool {
    if r <= 0xFF {
        return matches!(r, 0x09..=0x0D | 0x20 | 0x85 | 0xA0);
    }
    matches!(
        r,
        0x2000..=0x200A | 0x1680 | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000
    )
}
