//! LEXER: decoding of literal tokens that `scan.rs` already validated. Input: a literal's raw
//! text. Output: its value: string literals as bytes (Go strings may hold any bytes, e.g. "\xff"),
//! runes as code points. Malformed input (only possible after a reported lex error) decodes to a
//! best effort, never a panic.

/// The bytes of an interpreted (`"..."`) or raw (`` `...` ``) string literal.
pub fn unquote_string(raw: &str) -> Vec<u8> {
    if let Some(body) = raw.strip_prefix('`') {
        let body = body.strip_suffix('`').unwrap_or(body);
        // The spec: carriage returns inside raw string literals are discarded.
        return body.bytes().filter(|&b| b != b'\r').collect();
    }
    let body = raw.strip_prefix('"').unwrap_or(raw);
    let body = body.strip_suffix('"').unwrap_or(body);
    decode(body)
}

/// The code point of a rune literal (`'a'`, `'\n'`, `'\u00e9'`).
pub fn rune_value(raw: &str) -> u32 {
    let body = raw.strip_prefix('\'').unwrap_or(raw);
    let body = body.strip_suffix('\'').unwrap_or(body);
    if let Some(rest) = body.strip_prefix('\\') {
        let mut out = Vec::new();
        escape(rest.as_bytes(), &mut out, true);
        // `decode` pushes the code point as UTF-8 except for \x and octal (single bytes).
        return match std::str::from_utf8(&out)
            .ok()
            .and_then(|s| s.chars().next())
        {
            Some(c) if !(rest.starts_with('x') || rest.as_bytes()[0].is_ascii_digit()) => c as u32,
            _ => out.first().copied().unwrap_or(0) as u32,
        };
    }
    body.chars().next().map_or(0, |c| c as u32)
}

fn decode(body: &str) -> Vec<u8> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 1 < b.len() {
            i += 1 + escape(&b[i + 1..], &mut out, false);
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// Decodes one escape (text after the backslash) into `out`; returns the bytes consumed.
fn escape(s: &[u8], out: &mut Vec<u8>, _rune: bool) -> usize {
    let simple = match s[0] {
        b'a' => Some(7),
        b'b' => Some(8),
        b'f' => Some(12),
        b'n' => Some(b'\n'),
        b'r' => Some(b'\r'),
        b't' => Some(b'\t'),
        b'v' => Some(11),
        b'\\' => Some(b'\\'),
        b'\'' => Some(b'\''),
        b'"' => Some(b'"'),
        _ => None,
    };
    if let Some(c) = simple {
        out.push(c);
        return 1;
    }
    let (skip, n, base) = match s[0] {
        b'0'..=b'7' => (0, 3, 8),
        b'x' => (1, 2, 16),
        b'u' => (1, 4, 16),
        b'U' => (1, 8, 16),
        _ => {
            out.push(s[0]);
            return 1;
        }
    };
    let digits = &s[skip..(skip + n).min(s.len())];
    let v = digits.iter().fold(0u32, |acc, &d| {
        acc.wrapping_mul(base)
            .wrapping_add((d as char).to_digit(16).unwrap_or(0))
    });
    if base == 8 || s[0] == b'x' {
        out.push(v as u8);
    } else {
        let c = char::from_u32(v).unwrap_or('\u{FFFD}');
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
    skip + digits.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings() {
        assert_eq!(unquote_string(r#""a\tb""#), b"a\tb");
        assert_eq!(unquote_string(r#""\xff\101""#), vec![0xff, b'A']);
        assert_eq!(unquote_string(r#""\u00e9""#), "é".as_bytes());
        assert_eq!(unquote_string("`a\r\nb\\n`"), b"a\nb\\n");
        assert_eq!(unquote_string(r#""日本""#), "日本".as_bytes());
    }

    #[test]
    fn runes() {
        assert_eq!(rune_value("'a'"), 97);
        assert_eq!(rune_value(r"'\n'"), 10);
        assert_eq!(rune_value(r"'\x41'"), 65);
        assert_eq!(rune_value(r"'\377'"), 255);
        assert_eq!(rune_value(r"'\u00e9'"), 0xe9);
        assert_eq!(rune_value(r"'\U0001F600'"), 0x1F600);
        assert_eq!(rune_value("'世'"), 0x4e16);
        assert_eq!(rune_value(r"'\''"), 39);
    }
}
