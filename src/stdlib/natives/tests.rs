//! Natives called through `lookup` on a real heap, with Go's results.

use super::*;
use crate::runtime::gc::{Config, Heap};
use crate::stdlib::native::NativeCtx;
use crate::vm::value::{new_string, str_bytes};
use std::sync::Arc;

const ES: u32 = 900; // *errors.errorString
const NE: u32 = 901; // *strconv.NumError

struct T {
    m: std::cell::RefCell<Mutator>,
    out: Vec<u8>,
    args: Vec<String>,
    std: StdTypes,
}

impl T {
    fn new() -> T {
        let heap = Arc::new(Heap::new(Config::default()));
        T {
            m: std::cell::RefCell::new(heap.mutator()),
            out: Vec::new(),
            args: vec!["prog".into(), "x".into()],
            std: StdTypes {
                error_string_ptr: ES,
                num_error_ptr: NE,
                builder_ptr: 902,
                sort_reverse_ptr: 904,
                fmt_pp_ptr: 905,
                reflect_rtype_ptr: 906,
                reflect_struct_field: 907,
                err_syntax: 0,
                err_range: 0,
                err_eof: 0,
            },
        }
    }
    fn call(&mut self, sym: &str, args: &mut [u64]) -> Result<(), NativeError> {
        let f = lookup(sym).unwrap_or_else(|| panic!("no native {sym}"));
        let mut m = self.m.borrow_mut();
        let mut ctx = NativeCtx {
            m: &mut m,
            stdout: &mut self.out,
            args: &self.args,
            std: &self.std,
            sh: &crate::runtime::shared::Shared::new(0, 1),
        };
        f(&mut ctx, args)
    }
    fn s(&self, s: &str) -> u64 {
        new_string(&mut self.m.borrow_mut(), s.as_bytes())
    }
    fn mm(&self) -> std::cell::RefMut<'_, Mutator> {
        self.m.borrow_mut()
    }
    /// Calls a native whose window needs `n` words.
    fn win(&mut self, sym: &str, args: &[u64], n: usize) -> Vec<u64> {
        let mut w = args.to_vec();
        w.resize(n.max(args.len()), 0);
        self.call(sym, &mut w).expect("no panic");
        w
    }
    fn str_fn(&mut self, sym: &str, strs: &[&str], ints: &[i64]) -> String {
        let mut a: Vec<u64> = strs.iter().map(|s| self.s(s)).collect();
        a.extend(ints.iter().map(|&i| i as u64));
        let w = self.win(sym, &a, 1);
        String::from_utf8_lossy(str_bytes(w[0])).into_owned()
    }
    fn strs(w: u64) -> Vec<String> {
        let p = value::slice_parts(w);
        (0..p.len)
            .map(|i| {
                let s = value::load(value::obj(p.array), p.offset + i, true);
                String::from_utf8_lossy(str_bytes(s)).into_owned()
            })
            .collect()
    }
    fn err_text(&self, e: u64) -> String {
        String::from_utf8(error_text(&self.std, e).expect("a known error")).unwrap()
    }
}

#[test]
fn strings_basics() {
    let mut t = T::new();
    assert_eq!(t.str_fn("strings.Repeat", &["ab"], &[3]), "ababab");
    assert_eq!(t.str_fn("strings.Repeat", &["ab"], &[0]), "");
    let mut a = [t.s("x"), (-1i64) as u64];
    assert_eq!(
        t.call("strings.Repeat", &mut a),
        Err(NativeError::Panic("strings: negative Repeat count".into()))
    );
    assert_eq!(
        t.str_fn("strings.ToUpper", &["héllo ß ǆ"], &[]),
        "HÉLLO ß Ǆ"
    );
    assert_eq!(t.str_fn("strings.ToLower", &["HÉLLO İ"], &[]), "héllo i");
    assert_eq!(
        t.str_fn("strings.ToUpper", &["a\u{ff}\u{80}"], &[]),
        "AŸ\u{80}"
    );
    let bad = new_string(&mut t.mm(), b"a\xff");
    let w = t.win("strings.ToUpper", &[bad], 1);
    assert_eq!(str_bytes(w[0]), "A\u{FFFD}".as_bytes());
    let w = t.win("strings.ToLower", &[bad], 1);
    assert_eq!(str_bytes(w[0]), "a\u{FFFD}".as_bytes());
    assert_eq!(
        t.str_fn("strings.TrimSpace", &["\t a b \u{3000}\n"], &[]),
        "a b"
    );
    assert_eq!(t.str_fn("strings.Trim", &["xxhixyx", "xy"], &[]), "hi");
    assert_eq!(t.str_fn("strings.TrimLeft", &["xxhix", "x"], &[]), "hix");
    assert_eq!(t.str_fn("strings.TrimRight", &["xxhix", "x"], &[]), "xxhi");
    assert_eq!(
        t.str_fn("strings.TrimPrefix", &["prefix", "pre"], &[]),
        "fix"
    );
    assert_eq!(
        t.str_fn("strings.TrimSuffix", &["prefix", "fix"], &[]),
        "pre"
    );
    assert_eq!(
        t.str_fn("strings.Replace", &["oink oink oink", "k", "ky"], &[2]),
        "oinky oinky oink"
    );
    assert_eq!(
        t.str_fn("strings.Replace", &["oink oink", "", "-"], &[-1]),
        "-o-i-n-k- -o-i-n-k-"
    );
    assert_eq!(
        t.str_fn("strings.ReplaceAll", &["aaa", "a", "b"], &[]),
        "bbb"
    );
    assert_eq!(
        t.str_fn("strings.Title", &["hello wide_world ǆx"], &[]),
        "Hello Wide_world ǅx"
    );
    assert_eq!(
        t.str_fn("strings.ToUpper", &["héllo ß ǆ ᾀ"], &[]),
        "HÉLLO ß Ǆ ᾈ"
    );
    let w = t.win(
        "strings.LastIndexAny",
        &[t.s("go gopher"), t.s("ordent")],
        1,
    );
    assert_eq!(w[0], 8);
    let w = t.win("strings.Index", &[t.s("chicken"), t.s("ken")], 1);
    assert_eq!(w[0] as i64, 4);
    let (s, e) = (t.s("chicken"), t.s(""));
    let w = t.win("strings.LastIndex", &[s, e], 1);
    assert_eq!(w[0] as i64, 7);
    let w = t.win("strings.IndexRune", &[t.s("chicken"), 'k' as u64], 1);
    assert_eq!(w[0] as i64, 4);
    let bad = new_string(&mut t.mm(), b"a\x80b");
    let w = t.win("strings.IndexRune", &[bad, 0xFFFD], 1);
    assert_eq!(w[0] as i64, 1);
    let w = t.win("strings.Count", &[t.s("five"), t.s("")], 1);
    assert_eq!(w[0] as i64, 5);
    let w = t.win("strings.Count", &[t.s("cheese"), t.s("e")], 1);
    assert_eq!(w[0] as i64, 3);
    let w = t.win("strings.EqualFold", &[t.s("Gopher"), t.s("GOPHER")], 1);
    assert_eq!(w[0], 1);
    let w = t.win("strings.EqualFold", &[t.s("k"), t.s("\u{212A}")], 1);
    assert_eq!(w[0], 1);
    let w = t.win("strings.Compare", &[t.s("a"), t.s("b")], 1);
    assert_eq!(w[0] as i64, -1);
    let w = t.win("strings.ContainsAny", &[t.s("failure"), t.s("ui")], 1);
    assert_eq!(w[0], 1);
    let w = t.win("strings.ContainsAny", &[t.s(""), t.s("")], 1);
    assert_eq!(w[0], 0);
    let w = t.win("strings.Cut", &[t.s("key=value"), t.s("=")], 3);
    assert_eq!(
        (str_bytes(w[0]), str_bytes(w[1]), w[2]),
        (&b"key"[..], &b"value"[..], 1)
    );
    let w = t.win("strings.Cut", &[t.s("key"), t.s("=")], 3);
    assert_eq!(
        (str_bytes(w[0]), str_bytes(w[1]), w[2]),
        (&b"key"[..], &b""[..], 0)
    );
}

#[test]
fn strings_split_fields_join() {
    let mut t = T::new();
    let cases: &[(&str, &str, i64, Option<&[&str]>)] = &[
        ("a,b,c", ",", -1, Some(&["a", "b", "c"])),
        ("a,b,c", ",", 2, Some(&["a", "b,c"])),
        ("a,b,c", ",", 0, None),
        ("abc", "", -1, Some(&["a", "b", "c"])),
        ("a\u{e9}\u{80}", "", -1, Some(&["a", "\u{e9}", "\u{80}"])),
        ("", "", -1, Some(&[])),
        ("", ",", -1, Some(&[""])),
        (",a,", ",", -1, Some(&["", "a", ""])),
        ("abc", "", 2, Some(&["a", "bc"])),
    ];
    for &(s, sep, n, want) in cases {
        let w = t.win("strings.SplitN", &[t.s(s), t.s(sep), n as u64], 1);
        match want {
            None => assert_eq!(w[0], 0, "{s:?} {sep:?} {n}"),
            Some(parts) => {
                assert_ne!(w[0], 0);
                let got = T::strs(w[0]);
                // Invalid bytes stay as they are (compare lossily).
                assert_eq!(
                    got,
                    parts.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
                    "{s:?}"
                );
            }
        }
    }
    let w = t.win("strings.SplitAfter", &[t.s("a,b,c"), t.s(",")], 1);
    assert_eq!(T::strs(w[0]), ["a,", "b,", "c"]);
    let w = t.win(
        "strings.Fields",
        &[t.s("  foo bar\u{a0}baz\u{85} \u{2003}")],
        1,
    );
    assert_eq!(T::strs(w[0]), ["foo", "bar", "baz"]);
    let w = t.win("strings.Fields", &[t.s("   ")], 1);
    assert_eq!(T::strs(w[0]), Vec::<String>::new());
    let parts = [t.s("a"), t.s("b"), t.s("c")];
    let sl = new_string_slice(&mut t.mm(), &parts);
    let w = t.win("strings.Join", &[sl, t.s(", ")], 1);
    assert_eq!(str_bytes(w[0]), b"a, b, c");
    let w = t.win("strings.Join", &[0, t.s(", ")], 1);
    assert_eq!(str_bytes(w[0]), b"");
}

#[test]
fn builder() {
    let mut t = T::new();
    let b = t.mm().alloc(&crate::runtime::gc::REFS, 2).word();
    let w = t.win("strings.(*Builder).WriteString", &[b, t.s("héllo")], 2);
    assert_eq!(w, [6, 0]);
    let w = t.win("strings.(*Builder).WriteByte", &[b, b' ' as u64], 1);
    assert_eq!(w[0], 0);
    let w = t.win("strings.(*Builder).WriteRune", &[b, '世' as u64], 2);
    assert_eq!(w, [3, 0]);
    let bs = new_byte_slice(&mut t.mm(), b"!");
    t.win("strings.(*Builder).Write", &[b, bs], 2);
    let w = t.win("strings.(*Builder).String", &[b], 1);
    assert_eq!(std::str::from_utf8(str_bytes(w[0])).unwrap(), "héllo 世!");
    assert_eq!(t.win("strings.(*Builder).Len", &[b], 1)[0], 11);
    // Go: 6 → cap 8, then append to 7, 10 (→16), 11.
    assert_eq!(t.win("strings.(*Builder).Cap", &[b], 1)[0], 16);
    t.win("strings.(*Builder).Grow", &[b, 100], 1);
    assert_eq!(t.win("strings.(*Builder).Cap", &[b], 1)[0], 144);
    // A copy of a non-zero Builder panics on write.
    let copy = t.mm().alloc(&crate::runtime::gc::REFS, 2);
    let o = value::obj(b);
    value::store(copy, 0, value::load(o, 0, true), true);
    value::store(copy, 1, value::load(o, 1, true), true);
    let mut a = [copy.word(), t.s("x")];
    assert_eq!(
        t.call("strings.(*Builder).WriteString", &mut a),
        Err(NativeError::Panic(
            "strings: illegal use of non-zero Builder copied by value".into()
        ))
    );
    t.win("strings.(*Builder).Reset", &[b], 1);
    assert_eq!(t.win("strings.(*Builder).Len", &[b], 1)[0], 0);
    let mut a = [0, t.s("x")];
    assert_eq!(
        t.call("strings.(*Builder).WriteString", &mut a),
        Err(NativeError::Panic(NIL_DEREF.into()))
    );
}

#[test]
fn strconv_ints() {
    let mut t = T::new();
    assert_eq!(t.str_fn("strconv.Itoa", &[], &[-45]), "-45");
    assert_eq!(t.str_fn("strconv.FormatInt", &[], &[-255, 16]), "-ff");
    let w = t.win("strconv.Atoi", &[t.s("-123")], 2);
    assert_eq!((w[0] as i64, w[1]), (-123, 0));
    let cases: &[(&str, &str)] = &[
        ("x", "strconv.Atoi: parsing \"x\": invalid syntax"),
        ("", "strconv.Atoi: parsing \"\": invalid syntax"),
        (
            "99999999999999999999",
            "strconv.Atoi: parsing \"99999999999999999999\": value out of range",
        ),
        ("1_000", "strconv.Atoi: parsing \"1_000\": invalid syntax"),
        ("+", "strconv.Atoi: parsing \"+\": invalid syntax"),
    ];
    for &(s, msg) in cases {
        let w = t.win("strconv.Atoi", &[t.s(s)], 2);
        let (ty, _) = value::iface_parts(w[1]).expect("an error");
        assert_eq!(ty, NE);
        assert_eq!(t.err_text(w[1]), msg);
    }
    let w = t.win("strconv.Atoi", &[t.s("99999999999999999999")], 2);
    assert_eq!(w[0] as i64, i64::MAX);
    assert_eq!(parse_int_t("0x_1F", 0, 64), Ok(31));
    assert_eq!(parse_int_t("0o17", 0, 64), Ok(15));
    assert_eq!(parse_int_t("017", 0, 64), Ok(15));
    assert_eq!(parse_int_t("-128", 10, 8), Ok(-128));
    assert_eq!(
        parse_int_t("-129", 10, 8),
        Err((-128, "value out of range".into()))
    );
    assert_eq!(
        parse_int_t("128", 10, 8),
        Err((127, "value out of range".into()))
    );
    assert_eq!(
        parse_int_t("1__0", 0, 64),
        Err((0, "invalid syntax".into()))
    );
    assert_eq!(parse_int_t("12", 1, 64), Err((0, "invalid base 1".into())));
    assert_eq!(
        parse_int_t("12", 10, 65),
        Err((0, "invalid bit size 65".into()))
    );
    assert_eq!(parse_int_t("-9223372036854775808", 10, 64), Ok(i64::MIN));
    let w = t.win("strconv.ParseInt", &[t.s("z"), 10, 64], 2);
    assert_eq!(
        t.err_text(w[1]),
        "strconv.ParseInt: parsing \"z\": invalid syntax"
    );
    let w = t.win("strconv.ParseUint", &[t.s("300"), 10, 8], 2);
    assert_eq!(w[0], 255);
    assert_eq!(
        t.err_text(w[1]),
        "strconv.ParseUint: parsing \"300\": value out of range"
    );
    let w = t.win("strconv.ParseBool", &[t.s("T")], 2);
    assert_eq!(w, [1, 0]);
    let w = t.win("strconv.ParseBool", &[t.s("yes")], 2);
    assert_eq!(
        t.err_text(w[1]),
        "strconv.ParseBool: parsing \"yes\": invalid syntax"
    );
    // Error and Unwrap through the methods.
    let e = value::iface_parts(w[1]).unwrap().1;
    let m = t.win("strconv.(*NumError).Error", &[e], 1);
    assert_eq!(
        str_bytes(m[0]),
        b"strconv.ParseBool: parsing \"yes\": invalid syntax"
    );
    let u = t.win("strconv.(*NumError).Unwrap", &[e], 1);
    assert_eq!(t.err_text(u[0]), "invalid syntax");
    // With the loader's ErrSyntax, Err is that very value.
    let es = new_error_string(&mut t.mm(), &t.std.clone(), b"invalid syntax");
    t.std.err_syntax = es;
    let w = t.win("strconv.Atoi", &[t.s("q")], 2);
    let e = value::iface_parts(w[1]).unwrap().1;
    assert_eq!(t.win("strconv.(*NumError).Unwrap", &[e], 1)[0], es);
    let bs = new_byte_slice(&mut t.mm(), b"n=");
    let w = t.win("strconv.AppendInt", &[bs, 42, 10], 1);
    assert_eq!(byte_slice_bytes(w[0]), b"n=42");
}

fn parse_int_t(s: &str, base: i64, bits: i64) -> Result<i64, (i64, String)> {
    strconv::parse_int(s.as_bytes(), base, bits).map_err(|(v, e)| {
        let text = match e.kind {
            strconv::Kind::Syntax => "invalid syntax".to_string(),
            strconv::Kind::Range => "value out of range".to_string(),
            strconv::Kind::Other(s) => s,
        };
        (v, text)
    })
}

#[test]
fn strconv_floats() {
    let pf =
        |s: &str, bits: i64| strconv::parse_float(s.as_bytes(), bits).map_err(|(v, e)| (v, e.kind));
    use strconv::Kind::*;
    assert_eq!(pf("3.25", 64), Ok(3.25));
    assert_eq!(pf("1e308", 64), Ok(1e308));
    assert_eq!(pf("1e309", 64), Err((f64::INFINITY, Range)));
    assert_eq!(pf("-1e309", 64), Err((f64::NEG_INFINITY, Range)));
    assert_eq!(pf("1e-400", 64), Ok(0.0));
    assert_eq!(pf("0x1p-2", 64), Ok(0.25));
    assert_eq!(pf("0x1.8p1", 64), Ok(3.0));
    assert_eq!(pf("0x1p1024", 64), Err((f64::INFINITY, Range)));
    assert_eq!(pf("0x1", 64), Err((0.0, Syntax)));
    assert_eq!(pf("Inf", 64), Ok(f64::INFINITY));
    assert_eq!(pf("-infinity", 64), Ok(f64::NEG_INFINITY));
    assert_eq!(pf("+INF", 64), Ok(f64::INFINITY));
    assert!(pf("NaN", 64).unwrap().is_nan());
    assert_eq!(pf("+nan", 64), Err((0.0, Syntax)));
    assert_eq!(pf("infin", 64), Err((0.0, Syntax)));
    assert_eq!(pf("1_000.5", 64), Ok(1000.5));
    assert_eq!(pf("1__0", 64), Err((0.0, Syntax)));
    assert_eq!(pf("0x_1p0", 64), Ok(1.0));
    assert_eq!(pf(".5", 64), Ok(0.5));
    assert_eq!(pf("5.", 64), Ok(5.0));
    assert_eq!(pf(".", 64), Err((0.0, Syntax)));
    assert_eq!(pf("1e", 64), Err((0.0, Syntax)));
    assert_eq!(pf("", 64), Err((0.0, Syntax)));
    assert_eq!(pf("0.1", 32), Ok(0.1f32 as f64));
    assert_eq!(pf("3.4028236e38", 32), Err((f64::INFINITY, Range)));
    let mut t = T::new();
    let w = t.win("strconv.ParseFloat", &[t.s("abc"), 64], 2);
    assert_eq!(
        t.err_text(w[1]),
        "strconv.ParseFloat: parsing \"abc\": invalid syntax"
    );
    assert_eq!(
        t.str_fn(
            "strconv.FormatFloat",
            &[],
            &[1.5f64.to_bits() as i64, b'f' as i64, 2, 64]
        ),
        "1.50"
    );
    assert_eq!(
        t.str_fn(
            "strconv.FormatFloat",
            &[],
            &[0.1f64.to_bits() as i64, b'g' as i64, -1, 32]
        ),
        "0.1"
    );
}

#[test]
fn strconv_quote() {
    let uq = |s: &str| {
        strconv_quote::unquote(s.as_bytes()).map(|v| String::from_utf8_lossy(&v).into_owned())
    };
    assert_eq!(uq(r#""a\tb\u00e9""#), Some("a\tbé".into()));
    assert_eq!(uq("`a\\n`"), Some("a\\n".into()));
    assert_eq!(uq("'x'"), Some("x".into()));
    assert_eq!(uq("'xy'"), None);
    assert_eq!(uq("''"), Some("".into()));
    assert_eq!(strconv_quote::unquote(b"'\xff'"), Some("\u{FFFD}".into()));
    assert_eq!(strconv_quote::unquote(b"\"\xff\""), Some("\u{FFFD}".into()));
    assert_eq!(uq(r#""a"b""#), None);
    assert_eq!(uq("\"a\nb\""), None);
    assert_eq!(uq(r#""\q""#), None);
    assert_eq!(uq("abc"), None);
    assert_eq!(uq(r#""\x41\101""#), Some("AA".into()));
    let mut t = T::new();
    assert_eq!(
        t.str_fn("strconv.Quote", &["hi\n\"é\u{7f}"], &[]),
        r#""hi\n\"é\x7f""#
    );
    assert_eq!(t.str_fn("strconv.QuoteToASCII", &["é"], &[]), r#""\u00e9""#);
    let w = t.win("strconv.QuoteRune", &['☺' as u64], 1);
    assert_eq!(std::str::from_utf8(str_bytes(w[0])).unwrap(), "'☺'");
    let w = t.win("strconv.Unquote", &[t.s("'ab'")], 2);
    assert_eq!(w[0], 0);
    assert_eq!(t.err_text(w[1]), "invalid syntax");
}

#[test]
fn math_unicode_utf8() {
    let mut t = T::new();
    let f = |x: f64| x.to_bits();
    let r = |t: &mut T, sym: &str, a: &[u64]| f64::from_bits(t.win(sym, a, 2)[0]);
    assert_eq!(r(&mut t, "math.Round", &[f(-2.5)]), -3.0);
    assert_eq!(r(&mut t, "math.Round", &[f(2.5)]), 3.0);
    assert_eq!(r(&mut t, "math.RoundToEven", &[f(2.5)]), 2.0);
    assert_eq!(r(&mut t, "math.Sqrt", &[f(2.0)]), std::f64::consts::SQRT_2);
    assert_eq!(r(&mut t, "math.Max", &[f(-0.0), f(0.0)]).to_bits(), 0);
    assert!(r(&mut t, "math.Max", &[f(f64::NAN), f(1.0)]).is_nan());
    assert_eq!(
        r(&mut t, "math.Max", &[f(f64::NAN), f(f64::INFINITY)]),
        f64::INFINITY
    );
    assert_eq!(r(&mut t, "math.Mod", &[f(-7.0), f(3.0)]), -1.0);
    assert_eq!(r(&mut t, "math.Log2", &[f(8.0)]), 3.0);
    assert_eq!(r(&mut t, "math.Inf", &[(-1i64) as u64]), f64::NEG_INFINITY);
    assert_eq!(t.win("math.IsInf", &[f(f64::INFINITY), 0], 1)[0], 1);
    assert_eq!(
        t.win("math.IsInf", &[f(f64::INFINITY), (-1i64) as u64], 1)[0],
        0
    );
    assert_eq!(r(&mut t, "math.Hypot", &[f(3.0), f(4.0)]), 5.0);
    assert_eq!(r(&mut t, "math.Pow", &[f(2.0), f(10.0)]), 1024.0);
    let w = t.win("math.Modf", &[f(-3.25)], 2);
    assert_eq!((f64::from_bits(w[0]), f64::from_bits(w[1])), (-3.0, -0.25));
    let u = |t: &mut T, sym: &str, c: char| t.win(sym, &[c as u64], 1)[0];
    assert_eq!(u(&mut t, "unicode.IsLetter", 'é'), 1);
    assert_eq!(u(&mut t, "unicode.IsLetter", '1'), 0);
    assert_eq!(u(&mut t, "unicode.IsDigit", '٣'), 1);
    assert_eq!(u(&mut t, "unicode.IsSpace", '\u{85}'), 1);
    assert_eq!(u(&mut t, "unicode.IsUpper", 'Ä'), 1);
    assert_eq!(u(&mut t, "unicode.IsLower", 'ß'), 1);
    assert_eq!(u(&mut t, "unicode.IsPunct", '!'), 1);
    assert_eq!(u(&mut t, "unicode.IsPunct", '+'), 0);
    assert_eq!(u(&mut t, "unicode.ToUpper", 'ÿ'), 'Ÿ' as u64);
    assert_eq!(u(&mut t, "unicode.ToLower", 'Σ'), 'σ' as u64);
    assert_eq!(u(&mut t, "unicode.ToTitle", 'ǆ'), 'ǅ' as u64);
    assert_eq!(u(&mut t, "utf8.RuneLen", '世'), 3);
    assert_eq!(t.win("utf8.RuneLen", &[0xD800], 1)[0] as i64, -1);
    let w = t.win("utf8.RuneCountInString", &[t.s("héllo")], 1);
    assert_eq!(w[0], 5);
    let w = t.win("unicode/utf8.DecodeRuneInString", &[t.s("世界")], 2);
    assert_eq!(w, ['世' as u64, 3]);
    let w = t.win("utf8.DecodeRuneInString", &[0], 2);
    assert_eq!(w, [0xFFFD, 0]);
    let w = t.win("utf8.DecodeLastRuneInString", &[t.s("世界")], 2);
    assert_eq!(w, ['界' as u64, 3]);
    let s = new_string(&mut t.mm(), b"a\xe4\xb8");
    let w = t.win("utf8.DecodeLastRuneInString", &[s], 2);
    assert_eq!(w, [0xFFFD, 1]);
    let w = t.win("utf8.ValidString", &[s], 1);
    assert_eq!(w[0], 0);
    let buf = new_byte_slice(&mut t.mm(), &[0, 0, 0, 0]);
    let w = t.win("utf8.EncodeRune", &[buf, '€' as u64], 1);
    assert_eq!(w[0], 3);
    assert_eq!(byte_slice_bytes(buf), [0xE2, 0x82, 0xAC, 0]);
    let small = new_byte_slice(&mut t.mm(), &[0]);
    let mut a = [small, '€' as u64];
    assert_eq!(
        t.call("utf8.EncodeRune", &mut a),
        Err(NativeError::Panic(
            "runtime error: index out of range [2] with length 1".into()
        ))
    );
}

#[test]
fn errors_and_os() {
    let mut t = T::new();
    let w = t.win("errors.New", &[t.s("boom")], 1);
    let (ty, data) = value::iface_parts(w[0]).unwrap();
    assert_eq!(ty, ES);
    let m = t.win("errors.(*errorString).Error", &[data], 1);
    assert_eq!(str_bytes(m[0]), b"boom");
    let w = t.win("os.runtimeArgs", &[], 1);
    assert_eq!(T::strs(w[0]), ["prog", "x"]);
    // Descriptor 1 goes through the program's stdout buffer.
    let bs = new_byte_slice(&mut t.mm(), b"hi\n");
    let w = t.win("os.sysWrite", &[1, bs], 2);
    assert_eq!(w, [3, 0]);
    assert_eq!(t.out, b"hi\n");
    let mut a = [3];
    assert_eq!(t.call("os.Exit", &mut a), Err(NativeError::Exit(3)));
    let w = t.win("os.Getenv", &[t.s("GOL_SURELY_UNSET_VAR")], 1);
    assert_eq!(w[0], 0);
    let w = t.win("os.LookupEnv", &[t.s("PATH")], 2);
    assert_eq!(w[1], 1);
    assert!(lookup("strings.NoSuch").is_none());
    assert!(lookup("fmt.Println").is_none());
}

#[test]
fn append_growth_matches_go() {
    // Go: cap after appending one byte at a time: 8, 16, 32, 64, ... then 1.25x above 256.
    let heap = Arc::new(Heap::new(Config::default()));
    let mut m = heap.mutator();
    let mut s = 0;
    let mut caps = vec![];
    for _ in 0..600 {
        s = append_bytes(&mut m, s, b"x");
        let c = value::slice_parts(s).cap;
        if caps.last() != Some(&c) {
            caps.push(c);
        }
    }
    assert_eq!(caps, [8, 16, 32, 64, 128, 256, 512, 896]);
}

#[test]
fn unicode_matches_go_on_every_rune() {
    use super::unicode::*;
    use crate::stdlib::strconv::{is_graphic, is_print};
    // Checksums printed by Go 1.27 over runes 0..=MaxRune+2 (see the loop).
    let (mut h, mut m) = (0u64, 0u64);
    for r in 0..=0x10FFFF + 2 {
        let b = |x: bool| x as u64;
        let bits = b(is_letter(r))
            | b(is_upper(r)) << 1
            | b(is_lower(r)) << 2
            | b(is_digit(r)) << 3
            | b(is_number(r)) << 4
            | b(is_punct(r)) << 5
            | b(is_space(r)) << 6
            | b(is_control(r)) << 7
            | b(is_print(r)) << 8
            | b(is_graphic(r)) << 9;
        h = h.wrapping_mul(31).wrapping_add(bits);
        for v in [to_upper(r), to_lower(r), to_title(r), simple_fold(r)] {
            m = m.wrapping_mul(1000003).wrapping_add(v as i64 as u64);
        }
    }
    assert_eq!((h, m), (0x24404e520dbf2e80, 0xd2c07b0394932229));
}

/// Go's `%q` of a []string.
fn q_list(parts: Option<Vec<Vec<u8>>>) -> String {
    let parts = parts.unwrap_or_default();
    let inner: Vec<String> = parts
        .iter()
        .map(|p| crate::stdlib::strconv::quote(p))
        .collect();
    format!("[{}]", inner.join(" "))
}

fn q(s: &[u8]) -> String {
    crate::stdlib::strconv::quote(s)
}

fn num_err_text(e: &strconv::NumErr) -> String {
    let kind = match &e.kind {
        strconv::Kind::Syntax => "invalid syntax",
        strconv::Kind::Range => "value out of range",
        strconv::Kind::Other(s) => s,
    };
    format!("strconv.{}: parsing {}: {kind}", e.func, q(&e.num))
}

/// The first Go-quoted string of `line` after its 2-byte tag, unquoted, and the rest.
fn first_quoted(line: &str) -> (Vec<u8>, &str) {
    let b = line.as_bytes();
    let mut i = 3;
    while b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    let lit = &line[2..=i];
    (
        strconv_quote::unquote(lit.as_bytes()).expect("a %q literal"),
        &line[i + 1..],
    )
}

fn parts(s: &[u8], r: Option<(Vec<(usize, usize)>, usize)>) -> Option<Vec<Vec<u8>>> {
    r.map(|(ranges, _)| ranges.iter().map(|&(lo, hi)| s[lo..hi].to_vec()).collect())
}

#[test]
fn parsing_and_strings_match_go() {
    use crate::stdlib::strconv::format_float;
    let want = include_str!("testdata/parse_strings.out");
    let mut got = String::new();
    let mut lines = want.lines();
    while let Some(line) = lines.next() {
        let (s, rest) = first_quoted(line);
        match &line[..1] {
            "F" => {
                let bits: i64 = rest.split_whitespace().next().unwrap().parse().unwrap();
                let (f, e) = match strconv::parse_float(&s, bits) {
                    Ok(f) => (f, "<nil>".to_string()),
                    Err((f, e)) => (f, num_err_text(&e)),
                };
                got += &format!("F {} {bits} {} {e}\n", q(&s), format_float(f, b'b', -1, 64));
            }
            "I" | "U" => {
                let mut it = rest.split_whitespace();
                let base: i64 = it.next().unwrap().parse().unwrap();
                let bits: i64 = it.next().unwrap().parse().unwrap();
                let (v, e) = if &line[..1] == "I" {
                    match strconv::parse_int(&s, base, bits) {
                        Ok(v) => (v.to_string(), "<nil>".to_string()),
                        Err((v, e)) => (v.to_string(), num_err_text(&e)),
                    }
                } else {
                    match strconv::parse_uint(&s, base, bits) {
                        Ok(v) => (v.to_string(), "<nil>".to_string()),
                        Err((v, e)) => (v.to_string(), num_err_text(&e)),
                    }
                };
                got += &format!("{} {} {base} {bits} {v} {e}\n", &line[..1], q(&s));
            }
            "A" => {
                let (v, e) = match strconv::parse_int(&s, 10, 0) {
                    Ok(v) => (v, "<nil>".to_string()),
                    Err((v, mut e)) => {
                        e.func = "Atoi";
                        (v, num_err_text(&e))
                    }
                };
                got += &format!("A {} {v} {e}\n", q(&s));
            }
            "Q" => {
                let (u, e) = match strconv_quote::unquote(&s) {
                    Some(u) => (u, "<nil>"),
                    None => (vec![], "invalid syntax"),
                };
                got += &format!("Q {} {} {e}\n", q(&s), q(&u));
            }
            "S" => {
                use super::strings::*;
                let f = |s: &[u8], g: fn(i32) -> i32| map_runes(s, g).unwrap_or(s.to_vec());
                let fields: Vec<Vec<u8>> = field_ranges(&s)
                    .iter()
                    .map(|&(lo, hi)| s[lo..hi].to_vec())
                    .collect();
                let ts = {
                    let mut lo = 0;
                    let mut hi = s.len();
                    while lo < hi {
                        let (r, n) = crate::stdlib::utf8::decode_rune(&s[lo..hi]);
                        if !super::unicode::is_space(r as i32) {
                            break;
                        }
                        lo += n;
                    }
                    while lo < hi {
                        let (r, n) = super::utf8::decode_last(&s[lo..hi]);
                        if !super::unicode::is_space(r as i32) {
                            break;
                        }
                        hi -= n;
                    }
                    s[lo..hi].to_vec()
                };
                let mut t = T::new();
                let title = {
                    let w = new_string(&mut t.mm(), &s);
                    str_bytes(t.win("strings.Title", &[w], 1)[0]).to_vec()
                };
                got += &format!(
                    "S {} {} {} {} {} {}\n",
                    q(&s),
                    q_list(Some(fields)),
                    q(&f(&s, super::unicode::to_upper)),
                    q(&f(&s, super::unicode::to_lower)),
                    q(&ts),
                    q(&title)
                );
                got += &format!(
                    "T {} {} {} {}\n",
                    q_list(parts(&s, split_ranges(&s, b",", 0, -1))),
                    q_list(parts(&s, split_ranges(&s, b"", 0, -1))),
                    q_list(parts(&s, split_ranges(&s, b"b", 1, 2))),
                    q(&replace(&s, b"", b"-", 3).unwrap_or(s.clone()))
                );
                let w = new_string(&mut t.mm(), &s);
                let mut trim = |sym: &str, set: &[u8]| {
                    let c = new_string(&mut t.mm(), set);
                    str_bytes(t.win(sym, &[w, c], 1)[0]).to_vec()
                };
                let (a, b, c) = (
                    trim("strings.Trim", b" a\xff"),
                    trim("strings.TrimLeft", b"ab"),
                    trim("strings.TrimRight", b"c "),
                );
                got += &format!(
                    "U {} {} {} {} {}\n",
                    q(&a),
                    q(&b),
                    q(&c),
                    count(&s, b"b"),
                    last_index_any(&s, b"b\xff")
                );
                lines.next();
                lines.next();
            }
            _ => panic!("unexpected line {line}"),
        }
    }
    for (g, w) in got.lines().zip(want.lines()) {
        assert_eq!(g, w);
    }
    assert_eq!(got.lines().count(), want.lines().count());
}
