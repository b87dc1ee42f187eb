//! MAP TESTS: maps on a test heap without a VM. Input: string, struct, interface and float keys
//! built with `value.rs`. Output: pass/fail on lookups, overwrites, deletions, insertion order,
//! key snapshots, panics for unhashable keys, collections (contents kept alive, dead maps
//! finalized) and concurrent use from several threads.

use std::collections::HashSet;

use super::*;
use crate::runtime::gc::{Config, Heap, LayoutTable};
use crate::runtime::sync_shim::Arc;
use crate::types::ty::Field;

fn heap() -> (Arc<Heap>, Mutator) {
    let heap = Arc::new(Heap::new(Config::default()));
    let m = heap.mutator();
    (heap, m)
}

fn s(m: &mut Mutator, text: &str) -> u64 {
    value::new_string(m, text.as_bytes())
}

fn text(w: u64) -> String {
    String::from_utf8(value::str_bytes(w).to_vec()).unwrap()
}

/// The words of a snapshot object.
fn words(o: u64) -> Vec<u64> {
    if o == 0 {
        return vec![];
    }
    let r = obj(o);
    (0..value::obj_len(r))
        .map(|i| value::load(r, i, false))
        .collect()
}

#[test]
fn string_keys() {
    let (_heap, mut m) = heap();
    let t = Types::new();
    let map = new_map(&mut m, TypeId::STRING, true, false);
    let (a, a2, b) = (s(&mut m, "a"), s(&mut m, "a"), s(&mut m, "b"));
    assert_eq!(get(&t, map, a), Ok(None));
    insert(&t, map, a, 1).unwrap();
    insert(&t, map, b, 2).unwrap();
    insert(&t, map, 0, 3).unwrap(); // ""
    assert_eq!((get(&t, map, a2), len(map)), (Ok(Some(1)), 3));
    insert(&t, map, a2, 10).unwrap();
    assert_eq!((get(&t, map, a), len(map)), (Ok(Some(10)), 3));
    assert_eq!(entries(map), vec![(a2, 10), (b, 2), (0, 3)]);
    delete(&t, map, a).unwrap();
    delete(&t, map, a).unwrap();
    assert_eq!((get(&t, map, a2), len(map)), (Ok(None), 2));
    assert_eq!(get(&t, map, 0), Ok(Some(3)));
    clear(map);
    assert_eq!((len(map), entries(map)), (0, vec![]));
    insert(&t, map, b, 4).unwrap();
    assert_eq!(get(&t, map, b), Ok(Some(4)));
    // nil maps
    assert_eq!((get(&t, 0, a), len(0), entries(0)), (Ok(None), 0, vec![]));
    assert_eq!(delete(&t, 0, a), Ok(()));
    assert_eq!(
        insert(&t, 0, a, 1),
        Err("assignment to entry in nil map".to_string())
    );
    clear(0);
    assert_eq!(keys_snapshot(&mut m, 0), 0);
}

#[test]
fn struct_and_interface_keys() {
    let (_heap, mut m) = heap();
    let mut t = Types::new();
    let f = |name: &str, ty| Field {
        name: name.to_string(),
        ty,
        embedded: false,
        tag: String::new(),
    };
    let st = t.strukt(vec![f("n", TypeId::INT), f("s", TypeId::STRING)]);
    let layout = LayoutTable::new().intern(&[false, true]);
    let key = |m: &mut Mutator, n: u64, text: &str| {
        let o = m.alloc(layout, 2);
        value::store(o, 0, n, false);
        value::store(o, 1, value::new_string(m, text.as_bytes()), true);
        o.word()
    };
    let map = new_map(&mut m, st, true, false);
    let (k1, k1b, k2) = (
        key(&mut m, 1, "x"),
        key(&mut m, 1, "x"),
        key(&mut m, 1, "y"),
    );
    insert(&t, map, k1, 100).unwrap();
    insert(&t, map, k2, 200).unwrap();
    assert_eq!(get(&t, map, k1b), Ok(Some(100)));
    assert_eq!(len(map), 2);

    let any = TypeId::EMPTY_INTERFACE;
    let imap = new_map(&mut m, any, true, false);
    let int = TypeId::INT.index() as u32;
    let i7 = value::new_iface(&mut m, int, 7, false);
    let i7b = value::new_iface(&mut m, int, 7, false);
    let seven = s(&mut m, "7");
    let sx = value::new_iface(&mut m, TypeId::STRING.index() as u32, seven, true);
    insert(&t, imap, i7, 1).unwrap();
    insert(&t, imap, sx, 2).unwrap();
    insert(&t, imap, 0, 3).unwrap(); // nil interface key
    assert_eq!(get(&t, imap, i7b), Ok(Some(1)));
    assert_eq!((get(&t, imap, 0), len(imap)), (Ok(Some(3)), 3));
    let sl = t.slice(TypeId::INT);
    let bad = value::new_iface(&mut m, sl.index() as u32, 0, true);
    let msg = Err("runtime error: hash of unhashable type []int".to_string());
    assert_eq!(get(&t, imap, bad), msg.clone().map(|()| None));
    assert_eq!(insert(&t, imap, bad, 9), msg);
    assert_eq!(delete(&t, imap, bad), msg);
    assert_eq!(len(imap), 3);
}

#[test]
fn float_keys() {
    let (_heap, mut m) = heap();
    let t = Types::new();
    let map = new_map(&mut m, TypeId::FLOAT64, false, false);
    let (pz, nz, nan) = (0.0f64.to_bits(), (-0.0f64).to_bits(), f64::NAN.to_bits());
    insert(&t, map, pz, 1).unwrap();
    insert(&t, map, nz, 2).unwrap();
    assert_eq!(
        entries(map),
        vec![(nz, 2)],
        "one entry; the key became -0 as in Go"
    );
    assert_eq!(get(&t, map, pz), Ok(Some(2)));
    insert(&t, map, nan, 3).unwrap();
    insert(&t, map, nan, 4).unwrap();
    assert_eq!(len(map), 3, "NaN keys never match: each insert adds one");
    assert_eq!(get(&t, map, nan), Ok(None));
    delete(&t, map, nan).unwrap();
    assert_eq!(len(map), 3);
    clear(map);
    assert_eq!(len(map), 0);
}

#[test]
fn many_inserts_and_deletes() {
    let (_heap, mut m) = heap();
    let t = Types::new();
    let map = new_map(&mut m, TypeId::INT, false, false);
    for i in 0..10_000u64 {
        insert(&t, map, i, i * 3).unwrap();
    }
    assert_eq!(len(map), 10_000);
    for i in (0..10_000u64).filter(|i| i % 4 != 0) {
        delete(&t, map, i).unwrap();
    }
    assert_eq!(len(map), 2_500);
    for i in 0..10_000u64 {
        let want = (i % 4 == 0).then_some(i * 3);
        assert_eq!(get(&t, map, i), Ok(want), "key {i}");
    }
    let order: Vec<u64> = entries(map).iter().map(|e| e.0).collect();
    assert_eq!(order, (0..10_000).step_by(4).collect::<Vec<u64>>());
    for i in (0..10_000u64).rev() {
        delete(&t, map, i).unwrap();
        insert(&t, map, i + 20_000, i).unwrap();
    }
    assert_eq!(len(map), 10_000);
    assert_eq!(get(&t, map, 20_000 + 9_999), Ok(Some(9_999)));
    assert!(
        lock(map_box(map)).entries.len() < 30_000,
        "tombstones were compacted"
    );
}

#[test]
fn snapshots_hold_every_key_in_a_random_rotation() {
    let (_heap, mut m) = heap();
    let t = Types::new();
    let map = new_map(&mut m, TypeId::INT, false, true);
    assert_eq!(keys_snapshot(&mut m, map), 0);
    for i in 0..50u64 {
        insert(&t, map, i, 0).unwrap();
    }
    delete(&t, map, 7).unwrap();
    let mut starts = HashSet::new();
    for _ in 0..20 {
        let snap = keys_snapshot(&mut m, map);
        // SAFETY: a fresh object from this heap.
        assert!(matches!(unsafe { obj(snap).layout() }, Layout::Scalars));
        let ks = words(snap);
        assert_eq!(ks.len(), 49);
        let start = ks.iter().position(|&k| k == 0).unwrap();
        let rotated: Vec<u64> = ks[start..].iter().chain(&ks[..start]).copied().collect();
        assert_eq!(rotated, (0..50).filter(|&k| k != 7).collect::<Vec<u64>>());
        starts.insert(start);
    }
    assert!(starts.len() > 1, "iteration order varies");
    let smap = new_map(&mut m, TypeId::STRING, true, false);
    let k = s(&mut m, "k");
    insert(&t, smap, k, 1).unwrap();
    let snap = keys_snapshot(&mut m, smap);
    // SAFETY: a fresh object from this heap.
    assert!(matches!(unsafe { obj(snap).layout() }, Layout::Refs));
    assert_eq!(words(snap), vec![k]);
}

#[test]
fn collections_keep_contents_and_free_dead_maps() {
    let (heap, mut m) = heap();
    let t = Types::new();
    let map = new_map(&mut m, TypeId::STRING, true, true);
    let scalar = new_map(&mut m, TypeId::INT, false, false);
    for i in 0..100 {
        let (k, v) = (s(&mut m, &format!("k{i}")), s(&mut m, &format!("v{i}")));
        insert(&t, map, k, v).unwrap();
        insert(&t, scalar, i, i).unwrap();
    }
    for i in (0..100).step_by(2) {
        let k = s(&mut m, &format!("k{i}"));
        delete(&t, map, k).unwrap();
    }
    let before = FINALIZED.with(Cell::get);
    let roots = [map, scalar];
    // SAFETY: single-threaded; the roots are live objects of `heap`.
    let c = unsafe { heap.collect(|mk| mk.mark_all(&roots)) };
    // the two maps, and 50 keys and 50 values (a STRING and its BYTES each).
    assert_eq!(c.marked_objects, 2 + 50 * 4);
    assert_eq!(FINALIZED.with(Cell::get), before);
    for i in 0..100 {
        let k = s(&mut m, &format!("k{i}"));
        let v = get(&t, map, k).unwrap();
        assert_eq!(v.map(text), (i % 2 == 1).then(|| format!("v{i}")));
    }
    // SAFETY: as above; `map` is dropped from the roots.
    let c = unsafe { heap.collect(|mk| mk.mark(scalar)) };
    assert_eq!(c.marked_objects, 1);
    assert_eq!(
        FINALIZED.with(Cell::get),
        before + 1,
        "the dead map was finalized"
    );
    assert_eq!(get(&t, scalar, 42), Ok(Some(42)));
}

#[test]
fn concurrent_use_does_not_crash() {
    let heap = Arc::new(Heap::new(Config::default()));
    let t = Arc::new(Types::new());
    let map = new_map(&mut heap.mutator(), TypeId::INT, false, false);
    let threads: Vec<_> = (0..4u64)
        .map(|n| {
            let t = Arc::clone(&t);
            std::thread::spawn(move || {
                for i in 0..2_000u64 {
                    insert(&t, map, i % 500 + n * 1000, i).unwrap();
                    if i % 3 == 0 {
                        delete(&t, map, (i / 2) % 500 + n * 1000).unwrap();
                    }
                    let _ = (get(&t, map, i % 700), len(map), entries(map).len());
                }
            })
        })
        .collect();
    for th in threads {
        th.join().unwrap();
    }
    assert!(len(map) <= 2_000);
    drop(heap);
}
