//! MAPS (temporary minimal version, replaced by the full one): a map is an object whose word 0
//! is a leaked `Box<Mutex<..>>` of (key, value) pairs.

use crate::runtime::gc::{Mutator, SCALARS};
use crate::types::ty::{TypeId, Types};
use std::sync::Mutex;

struct State {
    key: TypeId,
    entries: Vec<(u64, u64)>,
}

fn state<'a>(map: u64) -> &'a Mutex<State> {
    let p = super::value::load(super::value::obj(map), 0, false) as *const Mutex<State>;
    // SAFETY: word 0 of a map object is a leaked Box (never freed in this stub).
    unsafe { &*p }
}

pub fn new_map(m: &mut Mutator, key_ty: TypeId, _key_ref: bool, _val_ref: bool) -> u64 {
    let o = m.alloc(&SCALARS, 1);
    let b = Box::into_raw(Box::new(Mutex::new(State { key: key_ty, entries: Vec::new() })));
    super::value::store(o, 0, b as u64, false);
    o.word()
}

fn find(types: &Types, s: &State, key: u64) -> Result<Option<usize>, String> {
    for (i, (k, _)) in s.entries.iter().enumerate() {
        if super::equal::equal(types, s.key, *k, key)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

pub fn get(types: &Types, map: u64, key: u64) -> Result<Option<u64>, String> {
    if map == 0 {
        return Ok(None);
    }
    let s = state(map).lock().unwrap();
    Ok(find(types, &s, key)?.map(|i| s.entries[i].1))
}

pub fn insert(types: &Types, map: u64, key: u64, val: u64) -> Result<(), String> {
    if map == 0 {
        return Err("assignment to entry in nil map".into());
    }
    let mut s = state(map).lock().unwrap();
    match find(types, &s, key)? {
        Some(i) => s.entries[i].1 = val,
        None => s.entries.push((key, val)),
    }
    Ok(())
}

pub fn delete(types: &Types, map: u64, key: u64) -> Result<(), String> {
    if map == 0 {
        return Ok(());
    }
    let mut s = state(map).lock().unwrap();
    if let Some(i) = find(types, &s, key)? {
        s.entries.remove(i);
    }
    Ok(())
}

pub fn len(map: u64) -> usize {
    if map == 0 { 0 } else { state(map).lock().unwrap().entries.len() }
}

pub fn clear(map: u64) {
    if map != 0 {
        state(map).lock().unwrap().entries.clear();
    }
}

pub fn entries(map: u64) -> Vec<(u64, u64)> {
    if map == 0 { Vec::new() } else { state(map).lock().unwrap().entries.clone() }
}

pub fn keys_snapshot(m: &mut Mutator, map: u64) -> u64 {
    let e = entries(map);
    if e.is_empty() {
        return 0;
    }
    let o = m.alloc(&crate::runtime::gc::REFS, e.len());
    for (i, (k, _)) in e.iter().enumerate() {
        super::value::store(o, i, *k, true);
    }
    o.word()
}
