//! UTF-8 as Go's `unicode/utf8` sees it: bytes → (rune, width) and rune → bytes, where every
//! invalid byte decodes on its own to `RUNE_ERROR` (so rune counts and `range` agree with Go).

/// U+FFFD, what Go decodes an invalid byte to and encodes an invalid rune as.
pub const RUNE_ERROR: u32 = 0xFFFD;
/// The largest valid code point.
pub const MAX_RUNE: u32 = 0x10FFFF;

/// `utf8.DecodeRune`: the first rune of `s` and its width in bytes. An empty slice gives
/// `(RUNE_ERROR, 0)`; an invalid or truncated encoding (overlong forms, surrogates, > U+10FFFF
/// included) gives `(RUNE_ERROR, 1)`.
pub fn decode_rune(s: &[u8]) -> (u32, usize) {
    let Some(&b0) = s.first() else {
        return (RUNE_ERROR, 0);
    };
    if b0 < 0x80 {
        return (b0 as u32, 1);
    }
    let n = match b0 {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return (RUNE_ERROR, 1),
    };
    // `str::from_utf8` applies exactly Go's acceptance rules to one complete sequence.
    match s.get(..n).map(std::str::from_utf8) {
        Some(Ok(text)) => (text.chars().next().map_or(RUNE_ERROR, |c| c as u32), n),
        _ => (RUNE_ERROR, 1),
    }
}

/// `utf8.RuneCount`: the number of runes in `s`, each invalid byte counting as one.
pub fn rune_count(s: &[u8]) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    let (mut i, mut n) = (0, 0);
    while i < s.len() {
        if s[i] < 0x80 {
            i += 1;
        } else {
            i += decode_rune(&s[i..]).1;
        }
        n += 1;
    }
    n
}

/// `utf8.ValidRune`: in range and not a surrogate.
pub fn valid_rune(r: i64) -> bool {
    (0..0xD800).contains(&r) || (0xE000..=MAX_RUNE as i64).contains(&r)
}

/// `utf8.AppendRune`: the UTF-8 encoding of `r`, or of U+FFFD when `r` is not a valid rune.
pub fn append_rune(out: &mut Vec<u8>, r: i64) {
    let c = if valid_rune(r) {
        char::from_u32(r as u32)
    } else {
        None
    };
    let c = c.unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_like_go() {
        assert_eq!(decode_rune(b""), (RUNE_ERROR, 0));
        assert_eq!(decode_rune(b"a"), (0x61, 1));
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune("😀x".as_bytes()), (0x1F600, 4));
        assert_eq!(decode_rune(b"\xED\xA0\x80"), (RUNE_ERROR, 1)); // surrogate
        assert_eq!(decode_rune(b"\xC0\x80"), (RUNE_ERROR, 1)); // overlong
        assert_eq!(decode_rune(b"\xE2\x82"), (RUNE_ERROR, 1)); // truncated
        assert_eq!(decode_rune(b"\xF4\x90\x80\x80"), (RUNE_ERROR, 1)); // > U+10FFFF
        assert_eq!(decode_rune("\u{FFFD}".as_bytes()), (RUNE_ERROR, 3));
        assert_eq!(rune_count(b"a\xffb\xE2\x82"), 5);
        assert_eq!(rune_count("héllo😀".as_bytes()), 6);
    }

    #[test]
    fn encode_like_go() {
        let mut v = Vec::new();
        for r in [0x41, 0xD800, 0x110000, -1, 0x1F600] {
            append_rune(&mut v, r);
        }
        assert_eq!(v, "A\u{FFFD}\u{FFFD}\u{FFFD}😀".as_bytes());
    }
}
