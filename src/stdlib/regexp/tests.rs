//! Unit tests of the engine alone (the behaviour against real Go is tested by the programs
//! under `tests/programs/std/regexp/`).

use super::Regexp;

fn find(expr: &str, text: &str) -> Option<Vec<i64>> {
    let re = Regexp::new(expr.as_bytes(), false).expect("compiles");
    re.exec(text.as_bytes(), 0, 2 * (1 + re.num_subexp), false)
}

#[test]
fn leftmost_first_submatches() {
    assert_eq!(find("a(b*)", "xabbc"), Some(vec![1, 4, 2, 4]));
    assert_eq!(find("(a|ab)(c|bcd)", "abcd"), Some(vec![0, 4, 0, 1, 1, 4]));
    assert_eq!(find("x*", "abc"), Some(vec![0, 0]));
    assert_eq!(find("(?i)straße", "STRASSE straße"), Some(vec![8, 15]));
    assert_eq!(find(r"\bfoo\b", "afoo foo"), Some(vec![5, 8]));
    assert_eq!(find("a{2,3}", "aaaa"), Some(vec![0, 3]));
    assert_eq!(find("a{2,3}?", "aaaa"), Some(vec![0, 2]));
}

#[test]
fn longest() {
    let re = Regexp::new(b"a|ab", false).unwrap();
    assert_eq!(re.exec(b"ab", 0, 2, false), Some(vec![0, 1]));
    assert_eq!(re.exec(b"ab", 0, 2, true), Some(vec![0, 2]));
}

#[test]
fn invalid_utf8_is_fffd() {
    let re = Regexp::new(b"a.b", false).unwrap();
    assert_eq!(re.exec(b"a\xffb", 0, 2, false), Some(vec![0, 3]));
}

#[test]
fn errors() {
    let e = |s: &str| {
        Regexp::new(s.as_bytes(), false)
            .err()
            .map(|e| e.to_string())
    };
    assert_eq!(
        e("(abc").unwrap(),
        "error parsing regexp: missing closing ): `(abc`"
    );
    assert_eq!(
        e("a**").unwrap(),
        "error parsing regexp: invalid nested repetition operator: `**`"
    );
    assert_eq!(
        e("(?<").unwrap(),
        "error parsing regexp: invalid or unsupported Perl syntax: `(?<`"
    );
    assert_eq!(
        e(r"\8").unwrap(),
        "error parsing regexp: invalid escape sequence: `\\8`"
    );
    assert_eq!(
        e("[z-a]").unwrap(),
        "error parsing regexp: invalid character class range: `z-a`"
    );
}
