//! Go-oracle table for the fmt driver: (format, operand names, the exact text Go 1.27 printed).
//! The operands are the named values of `tests_values.rs`/`tests_methods.rs`, built to match
//! a Go program declaring the same values; every expected string is that program's output
//! (`fmt.Sprintf(format, operands...)`; `PRINT`/`PRINTLN` rows are `Sprint`/`Sprintln`).
//! `testdata/regen.py` rebuilds the CASES rows from `testdata/cases.tsv` with the Go toolchain.

use super::tests_values::Fx;
use super::{has_hook, sprint, sprintf, sprintln, wrapped_args, Hook};
use crate::types::ty::TypeId;

const CASES: &[(&str, &str, &str)] = &[
    ("%d", "i", "42"),
    ("%5d|%-5d|%05d", "i i i", "   42|42   |00042"),
    ("%+d % d %x %X %o %O %b %#x %#o %#b", "i i i i i i i i i i", "+42  42 2a 2A 52 0o52 101010 0x2a 052 0b101010"),
    ("%c %q %U %#U", "r r r r", "x 'x' U+0078 U+0078 'x'"),
    ("%v %d %x", "neg neg neg", "-7 -7 -7"),
    ("%v %v %v %v", "i8 u8 u u64", "-128 200 7 18446744073709551615"),
    ("%#v %#v %#v", "u8 i uptr", "0xc8 42 0xff"),
    ("%v %.2f %e %g %G %8.3f|%-8.3f|", "f f f f f f f", "3.14159 3.14 3.141590e+00 3.14159 3.14159    3.142|3.142   |"),
    ("%v %v", "f32 fbig", "0.1 1e+21"),
    ("%v %f %5.1f", "fnan finf fnan", "NaN +Inf   NaN"),
    ("%+v %08.3f % .2f", "fnan f f", "NaN 0003.142  3.14"),
    ("%v %.1f %#v", "c c c", "(1+2i) (1.0+2.0i) (1+2i)"),
    ("%v", "c64", "(1.5-2i)"),
    ("%t %v %5t|%-6v|", "b b b b", "true true  true|true  |"),
    ("%s %v %q %x %X % x %#x", "s s s s s s s", "hi hi \"hi\" 6869 6869 68 69 0x6869"),
    ("%q %+q %#q %10q", "sq su su s", "\"a\\\"b\\n\" \"h\\u00e9llo\" `héllo`       \"hi\""),
    ("%.2s|%5.1s|%-5s|%05s", "su su s s", "hé|    h|hi   |000hi"),
    ("%x %.1x", "su su", "68c3a96c6c6f 68"),
    ("%s %v %q %x %X %d", "bs bs bs bs bs bs", "hi [104 105] \"hi\" 6869 6869 [104 105]"),
    ("%#v %#v %s|%v", "bs bnil bnil bnil", "[]byte{0x68, 0x69} []byte(nil) |[]"),
    ("%v %d %x %#v %+v", "sl sl sl sl sl", "[1 2 3] [1 2 3] [1 2 3] []int{1, 2, 3} [1 2 3]"),
    ("%v %#v %d", "slnil slnil slnil", "[] []int(nil) []"),
    ("%v %q %#v %x", "sls sls sls sls", "[a b] [\"a\" \"b\"] []string{\"a\", \"b\"} [61 62]"),
    ("%v %#v %s %x", "arr arr arr arr", "[1 2 3] [3]int{1, 2, 3} [%!s(int=1) %!s(int=2) %!s(int=3)] [1 2 3]"),
    ("%v %s %x %#v", "barr barr barr barr", "[65 66 67] ABC 414243 [3]uint8{0x41, 0x42, 0x43}"),
    ("%v %+v %#v", "pt pt pt", "{1 2} {X:1 Y:2} main.Point{X:1, Y:2}"),
    ("%v %+v %#v", "ppt ppt ppt", "&{1 2} &{X:1 Y:2} &main.Point{X:1, Y:2}"),
    ("%v %+v %#v", "t t t", "{1 x} {A:1 b:x} main.T{A:1, b:\"x\"}"),
    ("%v %#v", "m m", "map[a:1 b:2 c:3] map[string]int{\"a\":1, \"b\":2, \"c\":3}"),
    ("%v %#v %v %#v", "mnil mnil mi mi", "map[] map[string]int(nil) map[1:a 2:b 3:c] map[int]string{1:\"a\", 2:\"b\", 3:\"c\"}"),
    ("%v", "mf", "map[NaN:1 -1:3 2.5:2]"),
    ("%v %v", "mb many", "map[false:0 true:1] map[a:3 b:1]"),
    ("%v", "mstruct", "map[{1 1}:z {1 2}:y {2 1}:x]"),
    ("%v %s %d %#v %x %q", "str str str str str str", "Str5 Str5 {5} main.Str{N:5} 53747235 \"Str5\""),
    ("%v %v %+v", "pstr pstrv pstrv", "PStr {1} {N:1}"),
    ("%v %s %d %#v", "e e e e", "E! E! 3 3"),
    ("%v %#v %s", "g g g", "Gs G! Gs"),
    ("%v %s %d", "pan pan pan", "%!v(PANIC=String method: boom) %!s(PANIC=String method: boom) 1"),
    ("%v %s %#v", "vnil vnil vnil", "<nil> <nil> (*main.V)(nil)"),
    ("%v %+v", "hid hid", "{Str1 {2}} {S:Str1 s:{N:2}}"),
    ("%v %+v %#v", "emb emb emb", "Str9 Str9 main.Emb{Str:main.Str{N:9}}"),
    ("%v %s %x %#v", "mybytes mybytes mybytes mybytes", "[104 105] hi 6869 main.MyBytes{0x68, 0x69}"),
    ("%v %d %#v %x", "myint myint myint myint", "5 5 5 5"),
    ("%v %#v %q %x", "mystr mystr mystr mystr", "ms \"ms\" \"ms\" 6d73"),
    ("%v %.1f %#v", "cel cel cel", "36.6 36.6 36.6"),
    ("%v %d %s %#v %T", "nilv nilv nilv nilv nilv", "<nil> %!d(<nil>) %!s(<nil>) <nil> <nil>"),
    ("%v %d %#v", "ifs ifs ifs", "[1 a <nil> 2.5] [1 %!d(string=a) <nil> %!d(float64=2.5)] []interface {}{1, \"a\", interface {}(nil), 2.5}"),
    ("%v %+v %#v", "nodenil nodenil nodenil", "&{1 <nil>} &{Val:1 Next:<nil>} &main.Node{Val:1, Next:(*main.Node)(nil)}"),
    ("%v", "nested", "{{1 2} [3] map[k:1] x <nil>}"),
    ("%+v", "nested", "{P:{X:1 Y:2} L:[3] M:map[k:1] I:x E:<nil>}"),
    ("%#v", "nested", "main.Nested{P:main.Point{X:1, Y:2}, L:[]int{3}, M:map[string]int{\"k\":1}, I:\"x\", E:error(nil)}"),
    ("%v %s %#v", "err err err", "oops oops &errors.errorString{s:\"oops\"}"),
    ("%w", "err", "%!w(*errors.errorString=&{oops})"),
    ("%v %s", "strs strs", "[Str1 Str2] [Str1 Str2]"),
    ("%v %s %d %x", "mbs mbs mbs mbs", "[mb mb] \u{1}\u{2} [1 2] 0102"),
    ("%v %#v", "ptrslice ptrslice", "&[1 2] &[]int{1, 2}"),
    ("%v %#v", "pmap pmap", "&map[a:1] &map[string]int{\"a\":1}"),
    ("%v %#v", "parr parr", "&[1 2] &[2]int{1, 2}"),
    ("%v %#v %d", "pnil pnil pnil", "<nil> (*int)(nil) 0"),
    ("%v %#v", "fnnil fnnil", "<nil> (func())(nil)"),
    ("%v %#v", "chnil chnil", "<nil> (chan int)(nil)"),
    ("%v %+v %#v", "anon anon anon", "{1 x} {A:1 B:x} struct { A int; B string }{A:1, B:\"x\"}"),
    ("%v %#v", "points points", "[{1 2} {3 4}] []main.Point{main.Point{X:1, Y:2}, main.Point{X:3, Y:4}}"),
    ("%v %#v", "mapstr mapstr", "map[a:Str1] map[string]main.Str{\"a\":main.Str{N:1}}"),
    ("%v", "mapkeystr", "map[Str1:2 Str2:1]"),
    ("%T %T %T %T %T %T", "i s f sl m pt", "int string float64 []int map[string]int main.Point"),
    ("%T %T %T %T %T", "ppt mybytes anon ifs err", "*main.Point main.MyBytes struct { A int; B string } []interface {} *errors.errorString"),
    ("%T %T %T %T", "fnnil chnil fn2 mf", "func() chan int func(int) string map[float64]int"),
    ("%10T|%-10T|%.3T", "i i sls", "       int|int       |[]s"),
    ("%d %s", "s i", "%!d(string=hi) %!s(int=42)"),
    ("%!", "i", "%!!(int=42)"),
    ("%z %Z", "i s", "%!z(int=42) %!Z(string=hi)"),
    ("%d %d", "i", "42 %!d(MISSING)"),
    ("%d", "i s", "42%!(EXTRA string=hi)"),
    ("%d", "i s nilv", "42%!(EXTRA string=hi, <nil>)"),
    ("%", "", "%!(NOVERB)"),
    ("%-", "", "%!(NOVERB)"),
    ("%[2]d %[1]d", "i neg", "-7 42"),
    ("%[3]d", "i neg", "%!d(BADINDEX)"),
    ("%[2]*d|", "i w5", "%!d(MISSING)|"),
    ("%*d|%-*d|", "w5 i w5 i", "   42|42   |"),
    ("%*d|", "wneg i", "42   |"),
    ("%*d|", "wbig i", "%!(BADWIDTH)42|"),
    ("%*d|", "s i", "%!(BADWIDTH)42|"),
    ("%.*f|", "w5 f", "3.14159|"),
    ("%.*f|", "wneg f", "%!(BADPREC)3.141590|"),
    ("%[1]d %[1]x %[1]o", "i", "42 2a 52"),
    ("%[0]d", "i", "%!d(BADINDEX)"),
    ("%[x]d", "i", "%!d(BADINDEX)"),
    ("%[1]", "i", "%!(NOVERB)"),
    ("%.[2]d", "w5 i", "42"),
    ("%[2]5d", "i w5", "%!d(BADINDEX)"),
    ("%3.[2]d", "i w5", "  5"),
    ("%*[2]d", "w5 i", "   42"),
    ("%5.", "i", "%!.(int=   42)"),
    ("100%%", "", "100%"),
    ("%5%", "", "%"),
    ("%.3d|%.0d|%+.3d|%08.3d", "i zero i i", "042||+042|     042"),
    ("%x %X %#x", "neg neg u64", "-7 -7 0xffffffffffffffff"),
    ("%c %c %q", "big bigr bigr", "� 😀 '😀'"),
    ("%U %#U", "bigr big", "U+1F600 U+110000"),
    ("%e %E %.0e %.3g %#g %#.3x", "f f f f f f", "3.141590e+00 3.141590E+00 3e+00 3.14 3.14159 0x1.922p+01"),
    ("%b", "f32", "13421773p-27"),
    ("%10.3v|%-10v|", "f s", "      3.14|hi        |"),
    ("%6.2f|%-6.2f|%+06.1f", "c c c", "(  1.00 +2.00i)|(1.00  +2.00 i)|(+001.0+002.0i)"),
    ("%s", "b", "%!s(bool=true)"),
    ("%x", "b", "%!x(bool=true)"),
    ("%p", "i", "%!p(int=42)"),
    ("%p", "s", "%!p(string=hi)"),
    ("%v", "wu", "3"),
    ("%*d|", "wu i", " 42|"),
    ("%d %d", "wu", "3 %!d(MISSING)"),
    ("%+q", "sls", "[\"a\" \"b\"]"),
    ("%x", "sls", "[61 62]"),
    ("% x", "bs", "68 69"),
    ("%#x", "sls", "[0x61 0x62]"),
    ("%-8v|%8v|", "sl pt", "[1        2        3       ]|{       1        2}|"),
    ("%08v", "pt", "{00000001 00000002}"),
    ("%+v", "ifs", "[1 a <nil> 2.5]"),
    ("PRINT", "i s s i i f", "42hihi42 42 3.14159"),
    ("PRINT", "s s", "hihi"),
    ("PRINT", "i i", "42 42"),
    ("PRINT", "nilv nilv", "<nil> <nil>"),
    ("PRINT", "mystr i", "ms42"),
    ("PRINT", "str pt", "Str5 {1 2}"),
    ("PRINTLN", "i s f nilv", "42 hi 3.14159 <nil>\n"),
    ("PRINTLN", "", "\n"),
    ("PRINT", "", ""),
    ("PRINTLN", "pt ppt m", "{1 2} &{1 2} map[a:1 b:2 c:3]\n"),
    ("%v", "intkeymap", "map[-1:1 2:3 10:2]"),
    ("%v", "mapiface", "map[a:1 b:<nil> c:x]"),
    ("%v", "maparr", "map[[1 2]:false [2 1]:true]"),
    ("%s", "err2", "perr"),
    ("%v", "nilerr", "<nil>"),
    ("%T", "nilerr", "<nil>"),
    ("%v %+v", "embptr embptr", "Str4 Str4"),
    ("%v", "sliceptrs", "[<nil>]"),
    ("%v", "deepiface", "[[1 a] map[k:[1]]]"),
    ("%x", "pstr", "50537472"),
    ("%x %X", "str str", "53747235 53747235"),
    ("%5s|%-5v|", "str str", " Str5|Str5 |"),
    ("%.1s", "str", "S"),
    ("%08d|%-08d|%+08d", "neg i i", "-0000007|42      |+0000042"),
    ("% 05d|%x|% x", "i neg neg", " 0042|-7|-7"),
    ("%6.2v|", "f32", "   0.1|"),
    ("%v %+v %#v", "out out out", "{{Str1}} {inner:{S:Str1}} main.Out{inner:main.inner{S:main.Str{N:1}}}"),
    ("%v %+v", "xany xany", "{{1}} {x:{N:1}}"),
    ("%v %#v", "gs gs", "[Gs] []main.G{G!}"),
    ("%v %s %d", "es es es", "[E!] [E!] [1]"),
    ("%v %s", "pans pans", "[%!v(PANIC=String method: boom)] [%!s(PANIC=String method: boom)]"),
    ("%v %+v", "vnils vnils", "[<nil>] [<nil>]"),
    ("%v", "embpnil", "%!v(PANIC=String method: runtime error: invalid memory address or nil pointer dereference)"),
    ("%t %t", "str pan", "{%!t(int=5)} %!t(main.Pan=1)"),
    ("%d", "m", "map[%!d(string=a):1 %!d(string=b):2 %!d(string=c):3]"),
    ("%s %d %v", "pptnil pptnil pptnil", "%!s(*main.Point=<nil>) 0 <nil>"),
    ("%q %c %U %v", "runes runes runes runes", "['a' 'b'] [a b] [U+0061 U+0062] [97 98]"),
    ("%x % d %+d", "sl sl sl", "[1 2 3] [ 1  2  3] [+1 +2 +3]"),
    ("%8v|%-8s|%8d|", "str str str", "    Str5|Str5    |{       5}|"),
    ("%-10s|%10v|", "err e", "oops      |        E!|"),
    ("%+.3e %08.3f %.0f %.0f", "f neg f half", "+3.142e+00 %!f(int=    -007) 3 2"),
    ("%#o %#x %#X %#v", "zero zero i zero", "0 0x0 0X2A 0"),
    ("%8U|%-8U|", "r r", "  U+0078|U+0078  |"),
    ("%6.2f %.2f %v", "f32 c64 f32", "  0.10 (1.50-2.00i) 0.1"),
    ("%5.2q|%.1q", "s su", " \"hi\"|\"h\""),
    ("%T %T %T", "err2 vnil pans", "*main.PErr *main.V []main.Pan"),
    ("PRINT", "str str", "Str5 Str5"),
    ("PRINT", "e i s", "E! 42hi"),
    ("PRINTLN", "pan vnil", "%!v(PANIC=String method: boom) <nil>\n"),
    ("%[2]v %v", "i s neg", "hi -7"),
    ("%[2]v %[2]v %v", "i s", "hi hi %!v(MISSING)"),
    ("%[1]*[2]d|", "w5 i", "   42|"),
    ("%-*d|", "wneg i", "42   |"),
    ("%0*d|", "wneg i", "42   |"),
    ("%.*d|", "w5 i", "00042|"),
    ("%s", "ifs", "[%!s(int=1) a <nil> %!s(float64=2.5)]"),
    ("%X %q", "bs bs", "6869 \"hi\""),
    ("%#q", "sls", "[`a` `b`]"),
    ("%#v", "hid", "main.Hidden{S:main.Str{N:1}, s:main.Str{N:2}}"),
    ("%v %d", "mapiface mapiface", "map[a:1 b:<nil> c:x] map[%!d(string=a):1 %!d(string=b):<nil> %!d(string=c):%!d(string=x)]"),
    ("%v", "mbool", "map[x:true]"),
    ("%v %x", "bytesl bytesl", "[[97 98] []] [6162 ]"),
    ("%s %v", "nestbytes nestbytes", "{hi} {[104 105]}"),
    ("%v %#v", "mkeyiface mkeyiface", "map[<nil>:n 1:one] map[interface {}]string{interface {}(nil):\"n\", 1:\"one\"}"),
];

fn run(fx: &mut Fx, format: &str, names: &str) -> String {
    let args = fx.args(names);
    let out = match format {
        "PRINT" => sprint(&mut fx.host, &args),
        "PRINTLN" => sprintln(&mut fx.host, &args),
        f => sprintf(&mut fx.host, f.as_bytes(), &args),
    };
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn oracle_table() {
    let mut fx = Fx::new();
    let mut bad = Vec::new();
    for &(format, names, want) in CASES {
        let got = run(&mut fx, format, names);
        if got != want {
            bad.push(format!(
                "{format:?} {names}\n   got {got:?}\n  want {want:?}"
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} cases differ:\n{}",
        bad.len(),
        CASES.len(),
        bad.join("\n")
    );
}

/// `fmt.Errorf(format, errors.New("e0"), errors.New("e1"), errors.New("e2"), 7)` in Go 1.27:
/// (format, message, the operands `%w` consumed as `wrapped_args` reports them; Go keeps the
/// error ones: the last column).
const ERRORF: &[(&str, &str, &[usize], &[usize])] = &[
    (
        "%w",
        "e0%!(EXTRA *errors.errorString=e1, *errors.errorString=e2, int=7)",
        &[0],
        &[0],
    ),
    (
        "%w %w",
        "e0 e1%!(EXTRA *errors.errorString=e2, int=7)",
        &[0, 1],
        &[0, 1],
    ),
    ("%[2]w %[1]w", "e1 e0", &[0, 1], &[0, 1]),
    ("%[1]w %[1]w", "e0 e0", &[0], &[0]),
    (
        "%v %w",
        "e0 e1%!(EXTRA *errors.errorString=e2, int=7)",
        &[1],
        &[1],
    ),
    (
        "%w %d %w",
        "e0 &{%!d(string=e1)} e2%!(EXTRA int=7)",
        &[0, 2],
        &[0, 2],
    ),
    ("%[3]w %w %[1]w", "e2 %!w(int=7) e0", &[0, 2, 3], &[0, 2]),
    (
        "%d %w",
        "&{%!d(string=e0)} e1%!(EXTRA *errors.errorString=e2, int=7)",
        &[1],
        &[1],
    ),
    (
        "%*d %w",
        "%!(BADWIDTH)&{%!d(string=e1)} e2%!(EXTRA int=7)",
        &[2],
        &[2],
    ),
    (
        "x %w %w %w %w %w",
        "x e0 e1 e2 %!w(int=7) %!w(MISSING)",
        &[0, 1, 2, 3],
        &[0, 1, 2],
    ),
];

#[test]
fn errorf_messages_and_wrapped_operands() {
    let mut fx = Fx::new();
    let es = fx.type_of("err");
    let mut args = Vec::new();
    for text in ["e0", "e1", "e2"] {
        let s = fx.str(text);
        let e = fx.agg(&[true], &[s]);
        args.push(fx.any(es, e));
    }
    args.push(fx.any(TypeId::INT, 7));
    for &(format, msg, wrapped, _errors) in ERRORF {
        let got = super::errorf_message(&mut fx.host, format.as_bytes(), &args);
        assert_eq!(String::from_utf8_lossy(&got), msg, "{format}");
        assert_eq!(
            wrapped_args(format.as_bytes(), args.len()),
            wrapped,
            "{format}"
        );
    }
    // Outside Errorf, %w is a bad verb even for an error.
    let got = sprintf(&mut fx.host, b"%w", &args[..1]);
    assert_eq!(
        String::from_utf8_lossy(&got),
        "%!w(*errors.errorString=&{e0})"
    );
}

#[test]
fn method_sets() {
    let fx = Fx::new();
    let t = &fx.host.types;
    let has = |name: &str, hook| has_hook(t, fx.type_of(name), hook);
    assert!(has("str", Hook::String));
    assert!(has("emb", Hook::String), "promoted from an embedded value");
    assert!(
        has("embptr", Hook::String),
        "promoted through an embedded pointer"
    );
    assert!(has("pstr", Hook::String), "*T has T's pointer methods");
    assert!(!has("pstrv", Hook::String), "T lacks its pointer methods");
    assert!(has("e", Hook::Error) && has("e", Hook::String) && !has("e", Hook::GoString));
    assert!(has("err", Hook::Error) && !has("err", Hook::String));
    assert!(has("vnil", Hook::String), "*V has V's value methods");
    assert!(!has("i", Hook::String) && !has("pt", Hook::String) && !has("hid", Hook::String));
}

#[test]
fn ambiguous_and_shadowed_promotions() {
    use crate::types::ty::Field;
    let mut fx = Fx::new();
    let str_t = fx.type_of("str");
    let emb = fx.type_of("emb");
    let f = |name: &str, ty, embedded| Field {
        name: name.into(),
        ty,
        embedded,
        tag: String::new(),
    };
    let t = &mut fx.host.types;
    // struct{ Str; Emb }: Str.String at depth 1 wins over Emb's promoted one at depth 2.
    let s1 = t.strukt(vec![f("Str", str_t, true), f("Emb", emb, true)]);
    assert!(has_hook(t, s1, Hook::String));
    // struct{ Str; String int }: the field hides the method.
    let s2 = t.strukt(vec![f("Str", str_t, true), f("String", TypeId::INT, false)]);
    assert!(!has_hook(t, s2, Hook::String));
    // struct{ A; B } with A and B both embedding Str: ambiguous at depth 2.
    let (a, b) = (t.new_named("A", "main"), t.new_named("B", "main"));
    let ua = t.strukt(vec![f("Str", str_t, true)]);
    t.set_underlying(a, ua);
    t.set_underlying(b, ua);
    let s3 = t.strukt(vec![f("A", a, true), f("B", b, true)]);
    assert!(!has_hook(t, s3, Hook::String));
    // struct{ error }: Error promoted from the embedded interface.
    let s4 = t.strukt(vec![f("error", TypeId::ERROR, true)]);
    assert!(has_hook(t, s4, Hook::Error));
}

/// Addresses are not reproducible; check their shape and consistency.
#[test]
fn pointers_print_addresses() {
    let mut fx = Fx::new();
    let ppt = fx.type_of("ppt");
    let p = fx.args("ppt")[0];
    let (_, obj) = crate::vm::value::iface_parts(p).unwrap();
    let sps = fx.host.types.slice(ppt);
    let s = fx.slice(true, &[obj]);
    let sl = fx.any(sps, s);
    let hex = format!("0x{obj:x}");
    let got = |fx: &mut Fx, f: &str, a: u64| {
        String::from_utf8(sprintf(&mut fx.host, f.as_bytes(), &[a])).unwrap()
    };
    assert_eq!(got(&mut fx, "%p", p), hex);
    assert_eq!(got(&mut fx, "%v", sl), format!("[{hex}]"));
    assert_eq!(
        got(&mut fx, "%#v", sl),
        format!("[]*main.Point{{(*main.Point)({hex})}}")
    );
    assert_eq!(got(&mut fx, "%x", p), "&{1 2}");
    assert_eq!(got(&mut fx, "%x", sl), format!("[{obj:x}]"));
    assert_eq!(got(&mut fx, "%#p", p), format!("{obj:x}"));
    // A slice's %p is its first element's address; a map's is nonzero.
    let sl_p = got(&mut fx, "%p", sl);
    assert!(sl_p.starts_with("0x") && sl_p != "0x0", "{sl_p}");
    let m = fx.args("m")[0];
    assert!(got(&mut fx, "%p", m).starts_with("0x"));
}
