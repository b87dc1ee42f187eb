//! Block functions of the digest packages (`crypto/sha256`, `sha512`, `sha1`, `md5`). Input: a
//! pointer to the hash's chaining state (`*[8]uint32`, `*[8]uint64`, `*[5]uint32`, `*[4]uint32`:
//! the array object itself, one word per element) and a `[]byte` whose length is a multiple of
//! the block size. Output: the state advanced over every block, written back in place.
//!
//! Only the compression function is native (RustCrypto's `sha2`, `sha1`, `md-5`, whose outputs
//! are the standard ones Go's also are); buffering, padding, lengths, `Sum`, `Reset` and the
//! marshalled state are gol source in `stdlib/crypto/*`, so a digest's state stays plain Go data
//! (copyable by `Clone`, marshalled as Go's `MarshalBinary` lays it out).

use super::{ret, NativeCtx, NativeError, NativeFn};
use crate::vm::value;

/// How many bytes the native copies out of the heap at a time: large writes (a 64 MB file) are
/// hashed in chunks so the scratch buffer stays small. A multiple of every block size.
const CHUNK: usize = 64 << 10;

/// Runs `compress` over the blocks of the `[]byte` word `p`, `B` bytes per block, reading the
/// heap's one-word-per-byte array into a byte buffer chunk by chunk.
fn for_blocks<const B: usize>(p: u64, mut compress: impl FnMut(&[[u8; B]])) {
    let parts = value::slice_parts(p);
    let n = parts.len / B * B;
    if n == 0 {
        return;
    }
    let arr = value::obj(parts.array);
    let mut buf: Vec<[u8; B]> = Vec::with_capacity(CHUNK / B);
    let mut at = 0;
    while at < n {
        buf.clear();
        let end = (at + CHUNK).min(n);
        while at < end {
            let mut b = [0u8; B];
            for (i, x) in b.iter_mut().enumerate() {
                *x = value::load(arr, parts.offset + at + i, false) as u8;
            }
            buf.push(b);
            at += B;
        }
        compress(&buf);
    }
}

/// The `N` words of the array object `h` (a non-nil `*[N]uintXX`).
fn load_state<const N: usize>(h: u64) -> Result<[u64; N], NativeError> {
    let Some(o) = crate::runtime::gc::Ref::from_word(h) else {
        return Err(super::nil_deref());
    };
    let mut s = [0u64; N];
    for (i, w) in s.iter_mut().enumerate() {
        *w = value::load(o, i, false);
    }
    Ok(s)
}

fn store_state(h: u64, s: &[u64]) {
    let o = value::obj(h);
    for (i, &w) in s.iter().enumerate() {
        value::store(o, i, w, false);
    }
}

/// A 32-bit-word state: load, narrow, compress, widen, store.
fn block32<const N: usize>(
    a: &[u64],
    compress: fn(&mut [u32; N], &[[u8; 64]]),
) -> Result<(), NativeError> {
    let words = load_state::<N>(a[0])?;
    let mut st = words.map(|w| w as u32);
    for_blocks::<64>(a[1], |blocks| compress(&mut st, blocks));
    store_state(a[0], &st.map(u64::from));
    Ok(())
}

fn md5_compress(s: &mut [u32; 4], b: &[[u8; 64]]) {
    md5::block_api::compress(s, b)
}

fn sha1_compress(s: &mut [u32; 5], b: &[[u8; 64]]) {
    sha1::block_api::compress(s, b)
}

fn sha256_compress(s: &mut [u32; 8], b: &[[u8; 64]]) {
    sha2::block_api::compress256(s, b)
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "sha256.block" => |_: &mut NativeCtx, a: &mut [u64]| {
            block32::<8>(a, sha256_compress)?;
            ret(a, &[])
        },
        "sha1.block" => |_: &mut NativeCtx, a: &mut [u64]| {
            block32::<5>(a, sha1_compress)?;
            ret(a, &[])
        },
        "md5.block" => |_: &mut NativeCtx, a: &mut [u64]| {
            block32::<4>(a, md5_compress)?;
            ret(a, &[])
        },
        "sha512.block" => |_: &mut NativeCtx, a: &mut [u64]| {
            let mut st = load_state::<8>(a[0])?;
            for_blocks::<128>(a[1], |blocks| sha2::block_api::compress512(&mut st, blocks));
            store_state(a[0], &st);
            ret(a, &[])
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_abc_one_block() {
        // "abc" padded by hand: FIPS 180-2's first example.
        let mut b = [0u8; 64];
        b[..3].copy_from_slice(b"abc");
        b[3] = 0x80;
        b[63] = 24;
        let mut s: [u32; 8] = [
            0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
            0x5be0cd19,
        ];
        super::sha256_compress(&mut s, &[b]);
        assert_eq!(s[0], 0xba7816bf);
        assert_eq!(s[7], 0xf20015ad);
    }
}
