//! Tests for the type table: identity by interning, named types, predicates, and both of Go's
//! spellings (every expected string is what Go 1.27 prints: `%T` for `Reflect`, compile errors for
//! `Compiler`).

use super::*;

const MAIN: Spelling = Spelling::Compiler { local: "main" };

struct Fixture {
    t: Types,
    named_t: TypeId,
    celsius: TypeId,
}

fn fixture() -> Fixture {
    let mut t = Types::new();
    let named_t = t.new_named("T", "main");
    let empty = t.strukt(vec![]);
    t.set_underlying(named_t, empty);
    let celsius = t.new_named("Celsius", "main");
    t.set_underlying(celsius, TypeId::FLOAT64);
    Fixture {
        t,
        named_t,
        celsius,
    }
}

#[test]
fn structural_types_are_identical_exactly_when_equal() {
    let mut t = Types::new();
    let a = t.slice(TypeId::INT);
    let b = t.slice(TypeId::INT);
    assert_eq!(a, b);
    assert_ne!(t.slice(TypeId::INT64), a);
    let f1 = t.func(vec![TypeId::INT, TypeId::STRING], vec![TypeId::BOOL], false);
    let f2 = t.func(vec![TypeId::INT, TypeId::STRING], vec![TypeId::BOOL], false);
    assert_eq!(f1, f2);
    assert_ne!(
        f1,
        t.func(vec![TypeId::INT, TypeId::STRING], vec![TypeId::BOOL], true)
    );
    // Interfaces: method order does not matter.
    let m = t.func(vec![], vec![], false);
    let n = t.func(vec![TypeId::INT], vec![TypeId::STRING], false);
    let i1 = t.interface(vec![("M".into(), m), ("N".into(), n)], false);
    let i2 = t.interface(vec![("N".into(), n), ("M".into(), m)], false);
    assert_eq!(i1, i2);
    // Struct tags are part of identity.
    let s1 = t.strukt(vec![Field {
        name: "X".into(),
        ty: TypeId::INT,
        embedded: false,
        tag: "a".into(),
    }]);
    let s2 = t.strukt(vec![Field {
        name: "X".into(),
        ty: TypeId::INT,
        embedded: false,
        tag: "b".into(),
    }]);
    assert_ne!(s1, s2);
}

#[test]
fn named_types_are_distinct_and_resolve_their_underlying() {
    let mut f = fixture();
    let other = f.t.new_named("T", "main");
    assert_ne!(other, f.named_t, "two declarations are two types");
    assert_eq!(f.t.underlying(f.celsius), TypeId::FLOAT64);
    assert_eq!(f.t.basic_kind(f.celsius), Some(BasicKind::Float64));
    // type A Celsius: A's underlying is float64, not Celsius.
    let a = f.t.new_named("A", "main");
    f.t.set_underlying(a, f.celsius);
    assert_eq!(f.t.underlying(a), TypeId::FLOAT64);
    // A recursive type: type L struct { next *L }.
    let l = f.t.new_named("L", "main");
    let pl = f.t.pointer(l);
    let body = f.t.strukt(vec![Field {
        name: "next".into(),
        ty: pl,
        embedded: false,
        tag: String::new(),
    }]);
    f.t.set_underlying(l, body);
    assert_eq!(f.t.display(l, Spelling::Reflect), "main.L");
    assert_eq!(f.t.display(body, MAIN), "struct{next *L}");
}

#[test]
fn predeclared_types() {
    let t = Types::new();
    assert_eq!(t.display(TypeId::ERROR, MAIN), "error");
    assert_eq!(
        t.display(t.underlying(TypeId::ERROR), MAIN),
        "interface{Error() string}"
    );
    assert_eq!(t.display(TypeId::UNTYPED_FLOAT, MAIN), "untyped float");
    assert_eq!(t.display(TypeId::EMPTY_INTERFACE, MAIN), "interface{}");
    assert_eq!(t.display(TypeId::COMPARABLE, MAIN), "comparable");
    for (i, k) in BASIC_KINDS.iter().enumerate() {
        assert_eq!(t.get(TypeId(i as u32)), &Type::Basic(*k));
    }
    assert!(t.is_untyped(TypeId::UNTYPED_NIL) && !t.is_untyped(TypeId::INT));
}

#[test]
fn comparability_and_references() {
    let mut f = fixture();
    let t = &mut f.t;
    let sl = t.slice(TypeId::INT);
    let mp = t.map(TypeId::STRING, TypeId::INT);
    let arr_of_slices = t.array(2, sl);
    let ok_struct = t.strukt(vec![Field {
        name: "a".into(),
        ty: TypeId::INT,
        embedded: false,
        tag: String::new(),
    }]);
    let bad_struct = t.strukt(vec![Field {
        name: "m".into(),
        ty: mp,
        embedded: false,
        tag: String::new(),
    }]);
    assert!(
        !t.comparable(sl)
            && !t.comparable(mp)
            && !t.comparable(arr_of_slices)
            && !t.comparable(bad_struct)
    );
    assert!(t.comparable(ok_struct) && t.comparable(TypeId::ERROR) && t.comparable(f.named_t));
    assert!(
        !t.is_reference(TypeId::INT)
            && !t.is_reference(TypeId::FLOAT64)
            && !t.is_reference(f.celsius)
    );
    assert!(t.is_reference(TypeId::STRING) && t.is_reference(sl) && t.is_reference(TypeId::ERROR));
}

/// The types of tests/.. `%T` program (see the module doc): reflect spellings, as Go prints them.
#[test]
fn reflect_spelling_matches_gos_percent_t() {
    let mut f = fixture();
    let t = &mut f.t;
    let a = t.map(TypeId::STRING, TypeId::EMPTY_INTERFACE);
    assert_eq!(t.display(a, Spelling::Reflect), "map[string]interface {}");
    let b = t.strukt(vec![
        Field {
            name: "X".into(),
            ty: TypeId::INT,
            embedded: false,
            tag: String::new(),
        },
        Field {
            name: "y".into(),
            ty: TypeId::STRING,
            embedded: false,
            tag: "json:\"y\"".into(),
        },
    ]);
    assert_eq!(
        t.display(b, Spelling::Reflect),
        r#"struct { X int; y string "json:\"y\"" }"#
    );
    let recv = t.chan(ChanDir::Recv, TypeId::INT);
    let c = t.chan(ChanDir::Both, recv);
    assert_eq!(t.display(c, Spelling::Reflect), "chan (<-chan int)");
    let strs = t.slice(TypeId::STRING);
    let d = t.func(
        vec![TypeId::INT, strs],
        vec![TypeId::BOOL, TypeId::ERROR],
        true,
    );
    assert_eq!(
        t.display(d, Spelling::Reflect),
        "func(int, ...string) (bool, error)"
    );
    let pt = t.pointer(f.named_t);
    let arr = t.array(3, pt);
    assert_eq!(t.display(arr, Spelling::Reflect), "[3]*main.T");
    let g = t.func(vec![], vec![f.celsius], false);
    assert_eq!(t.display(g, Spelling::Reflect), "func() main.Celsius");
    let bytes = t.slice(TypeId::UINT8);
    let h = t.chan(ChanDir::Recv, bytes);
    assert_eq!(t.display(h, Spelling::Reflect), "<-chan []uint8");
    let empty = t.strukt(vec![]);
    assert_eq!(t.display(empty, Spelling::Reflect), "struct {}");
    assert_eq!(
        t.display(TypeId::EMPTY_INTERFACE, Spelling::Reflect),
        "interface {}"
    );
    let inner = t.func(vec![], vec![TypeId::INT], false);
    let l = t.func(vec![TypeId::INT], vec![inner], false);
    assert_eq!(t.display(l, Spelling::Reflect), "func(int) func() int");
}

/// Compile-error spellings, as in Go's `cannot use 1 (untyped int constant) as X value`.
#[test]
fn compiler_spelling_matches_gos_errors() {
    let mut f = fixture();
    let t = &mut f.t;
    let a = t.map(TypeId::STRING, TypeId::EMPTY_INTERFACE);
    assert_eq!(t.display(a, MAIN), "map[string]interface{}");
    let b = t.strukt(vec![
        Field {
            name: "X".into(),
            ty: TypeId::INT,
            embedded: false,
            tag: String::new(),
        },
        Field {
            name: "y".into(),
            ty: TypeId::STRING,
            embedded: false,
            tag: "tag".into(),
        },
    ]);
    assert_eq!(t.display(b, MAIN), r#"struct{X int; y string "tag"}"#);
    let unit = t.func(vec![], vec![], false);
    let n = t.func(vec![TypeId::INT], vec![TypeId::STRING], false);
    let e = t.interface(vec![("N".into(), n), ("M".into(), unit)], false);
    assert_eq!(t.display(e, MAIN), "interface{M(); N(int) string}");
    let pt = t.pointer(f.named_t);
    let arr = t.array(3, pt);
    assert_eq!(t.display(arr, MAIN), "[3]*T");
    let empty = t.strukt(vec![]);
    let k = t.chan(ChanDir::Send, empty);
    assert_eq!(t.display(k, MAIN), "chan<- struct{}");
    let tup = t.tuple(vec![TypeId::INT, TypeId::ERROR]);
    assert_eq!(t.display(tup, MAIN), "(int, error)");
}
