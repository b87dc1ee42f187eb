//! EQUALITY TESTS: `equal` and `hash` over hand-built values of each kind. Input: words made
//! with `value.rs` on a test heap. Output: pass/fail on Go's `==` results, on equal values
//! hashing alike, and on the panic texts for uncomparable dynamic types.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;

use super::*;
use crate::runtime::gc::{Config, Heap, LayoutTable, Mutator, SCALARS};
use crate::runtime::sync_shim::Arc;
use crate::types::ty::Field;

fn heap() -> (Arc<Heap>, Mutator) {
    let heap = Arc::new(Heap::new(Config::default()));
    let m = heap.mutator();
    (heap, m)
}

fn h(types: &Types, ty: TypeId, w: u64) -> u64 {
    let mut s = DefaultHasher::new();
    hash(types, ty, w, &mut s).unwrap();
    s.finish()
}

fn field(name: &str, ty: TypeId) -> Field {
    Field {
        name: name.to_string(),
        ty,
        embedded: false,
        tag: String::new(),
    }
}

/// An object with these words, laid out as `refs` says.
fn object(m: &mut Mutator, words: &[u64], refs: &[bool]) -> u64 {
    let layout = LayoutTable::new().intern(refs);
    let o = m.alloc(layout, words.len());
    for (i, (&w, &r)) in words.iter().zip(refs).enumerate() {
        value::store(o, i, w, r);
    }
    o.word()
}

#[test]
fn scalars_floats_and_strings() {
    let (_heap, mut m) = heap();
    let t = Types::new();
    assert!(equal(&t, TypeId::INT, 5, 5).unwrap());
    assert!(!equal(&t, TypeId::INT, 5, 6).unwrap());
    let (pz, nz, nan) = (0.0f64.to_bits(), (-0.0f64).to_bits(), f64::NAN.to_bits());
    assert!(equal(&t, TypeId::FLOAT64, pz, nz).unwrap());
    assert_eq!(h(&t, TypeId::FLOAT64, pz), h(&t, TypeId::FLOAT64, nz));
    assert!(!equal(&t, TypeId::FLOAT64, nan, nan).unwrap());
    assert!(!equal(&t, TypeId::FLOAT32, nan, nan).unwrap());
    let a = value::new_string(&mut m, b"hello");
    let b = value::new_string(&mut m, b"hello");
    let c = value::new_string(&mut m, b"help!");
    assert!(a != b && equal(&t, TypeId::STRING, a, b).unwrap());
    assert!(!equal(&t, TypeId::STRING, a, c).unwrap());
    assert!(!equal(&t, TypeId::STRING, a, 0).unwrap());
    assert!(equal(&t, TypeId::STRING, 0, 0).unwrap());
    assert_eq!(h(&t, TypeId::STRING, a), h(&t, TypeId::STRING, b));
    // complex: 0 is 0+0i; -0 parts equal +0 ones.
    let z = object(&mut m, &[nz, pz], &[false, false]);
    let one = object(&mut m, &[1.0f64.to_bits(), pz], &[false, false]);
    assert!(equal(&t, TypeId::COMPLEX128, 0, z).unwrap());
    assert_eq!(h(&t, TypeId::COMPLEX128, 0), h(&t, TypeId::COMPLEX128, z));
    assert!(!equal(&t, TypeId::COMPLEX128, 0, one).unwrap());
    let cnan = object(&mut m, &[nan, pz], &[false, false]);
    assert!(!equal(&t, TypeId::COMPLEX128, cnan, cnan).unwrap());
}

#[test]
fn structs_arrays_and_pointers() {
    let (_heap, mut m) = heap();
    let mut t = Types::new();
    let st = t.strukt(vec![
        field("n", TypeId::INT),
        field("s", TypeId::STRING),
        field("_", TypeId::INT),
        field("f", TypeId::FLOAT64),
    ]);
    let refs = [false, true, false, false];
    let s1 = value::new_string(&mut m, b"k");
    let s2 = value::new_string(&mut m, b"k");
    let a = object(&mut m, &[1, s1, 7, 0.0f64.to_bits()], &refs);
    let b = object(&mut m, &[1, s2, 8, (-0.0f64).to_bits()], &refs); // blank field differs
    let c = object(&mut m, &[2, s2, 7, 0], &refs);
    assert!(equal(&t, st, a, b).unwrap());
    assert_eq!(h(&t, st, a), h(&t, st, b));
    assert!(!equal(&t, st, a, c).unwrap());
    let with_nan = object(&mut m, &[1, s1, 7, f64::NAN.to_bits()], &refs);
    assert!(
        !equal(&t, st, with_nan, with_nan).unwrap(),
        "NaN field: s != s"
    );

    let arr = t.array(3, TypeId::STRING);
    let x = value::new_string(&mut m, b"x");
    let x2 = value::new_string(&mut m, b"x");
    let a1 = object(&mut m, &[x, 0, x], &[true; 3]);
    let a2 = object(&mut m, &[x2, 0, x2], &[true; 3]);
    let a3 = object(&mut m, &[x2, x2, x2], &[true; 3]);
    assert!(equal(&t, arr, a1, a2).unwrap());
    assert_eq!(h(&t, arr, a1), h(&t, arr, a2));
    assert!(!equal(&t, arr, a1, a3).unwrap());

    // Pointers to aggregates are the object; others are INTERIOR (base, index) pairs.
    let pst = t.pointer(st);
    assert!(equal(&t, pst, a, a).unwrap() && !equal(&t, pst, a, b).unwrap());
    let pint = t.pointer(TypeId::INT);
    let base = m.alloc(&SCALARS, 2).word();
    let p1 = value::new_interior(&mut m, base, 1);
    let p2 = value::new_interior(&mut m, base, 1);
    let p3 = value::new_interior(&mut m, base, 0);
    assert!(equal(&t, pint, p1, p2).unwrap());
    assert_eq!(h(&t, pint, p1), h(&t, pint, p2));
    assert!(!equal(&t, pint, p1, p3).unwrap());
    assert!(!equal(&t, pint, p1, 0).unwrap() && equal(&t, pint, 0, 0).unwrap());
}

#[test]
fn interfaces() {
    let (_heap, mut m) = heap();
    let mut t = Types::new();
    let any = TypeId::EMPTY_INTERFACE;
    let int_t = TypeId::INT.index() as u32;
    let named = t.new_named("T", "main");
    t.set_underlying(named, TypeId::INT);
    let i5 = value::new_iface(&mut m, int_t, 5, false);
    let i5b = value::new_iface(&mut m, int_t, 5, false);
    let t5 = value::new_iface(&mut m, named.index() as u32, 5, false);
    assert!(equal(&t, any, 0, 0).unwrap());
    assert!(!equal(&t, any, 0, i5).unwrap());
    assert!(equal(&t, any, i5, i5b).unwrap());
    assert_eq!(h(&t, any, i5), h(&t, any, i5b));
    assert!(!equal(&t, any, i5, t5).unwrap(), "int(5) != main.T(5)");
    let s = value::new_string(&mut m, b"s");
    let is = value::new_iface(&mut m, TypeId::STRING.index() as u32, s, true);
    assert!(!equal(&t, any, i5, is).unwrap());

    let sl = t.slice(TypeId::INT);
    let e1 = value::new_iface(&mut m, sl.index() as u32, 0, true);
    let e2 = value::new_iface(&mut m, sl.index() as u32, 0, true);
    assert_eq!(
        equal(&t, any, e1, e2),
        Err("runtime error: comparing uncomparable type []int".to_string())
    );
    assert!(
        !equal(&t, any, e1, i5).unwrap(),
        "different dynamic types: no panic"
    );
    let mut hs = DefaultHasher::new();
    assert_eq!(
        hash(&t, any, e1, &mut hs),
        Err("runtime error: hash of unhashable type []int".to_string())
    );
    let ms = t.map(TypeId::STRING, TypeId::INT);
    let nm = t.new_named("M", "main");
    t.set_underlying(nm, ms);
    let e3 = value::new_iface(&mut m, nm.index() as u32, 0, true);
    assert_eq!(
        hash(&t, any, e3, &mut hs),
        Err("runtime error: hash of unhashable type main.M".to_string())
    );
}

#[test]
fn ref_types() {
    let mut t = Types::new();
    let st = t.strukt(vec![]);
    let p = t.pointer(TypeId::INT);
    for ty in [TypeId::STRING, TypeId::COMPLEX64, st, p, TypeId::ERROR] {
        assert!(is_ref_type(&t, ty), "{}", t.display(ty, Spelling::Reflect));
    }
    for ty in [
        TypeId::BOOL,
        TypeId::INT8,
        TypeId::FLOAT32,
        TypeId::UNSAFE_POINTER,
    ] {
        assert!(!is_ref_type(&t, ty), "{}", t.display(ty, Spelling::Reflect));
    }
}
