//! VM MAPS: Go's `map[K]V` as a native heap object. Input: map words and key/value words, with
//! the type table to hash and compare keys (`vm/equal.rs`). Output: lookups, assignments,
//! deletions, the entries in insertion order (for fmt), and key snapshots in a random rotation
//! (for `range`, so iteration order varies between runs as Go's does).
//!
//! Representation: a map word is 0 (nil) or a `MAP` object (`Layout::Native`) of one body word
//! holding a raw `Box<MapBox>`. The box holds what never changes (key type, which words are
//! references, the hash seed) and, behind a `Mutex`, the state: entries in insertion order,
//! deleted ones left as tombstones, plus an open-addressing index (linear probing over `u32`
//! entry numbers). Tombstones are compacted away when they outnumber live entries, so every
//! entry is moved O(1) times on average.
//!
//! Threads: racy gol programs may use one map from several goroutines at once. Every operation
//! locks the state for its whole duration, so a race gives some interleaving of whole operations,
//! never a crash or undefined behaviour (Go's "concurrent map writes" fatal error is not
//! reproduced). No operation reaches a safepoint or allocates on the gol heap with the lock held,
//! so when the world is stopped for a collection no thread holds any map's lock: `trace` uses
//! `try_lock` and treats a held lock as a broken invariant (panics rather than deadlock or
//! trace half a map). A poisoned lock is recovered: the state is plain data, never left unsafe.
//!
//! Words: maps store and return words as they are. The caller copies aggregates (structs,
//! arrays) before storing them as a key or value, and before assigning a value it read into a
//! variable (`copy_aggregate`), so no two places share a mutable aggregate. Key and value words
//! that are references are traced by the map object (`key_ref`, `val_ref` at creation).

use std::cell::Cell;
use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Mutex, MutexGuard, TryLockError};

use crate::runtime::gc::{Layout, Marker, Mutator, NativeType, Ref, REFS, SCALARS};
use crate::types::ty::{TypeId, Types};
use crate::vm::equal;
use crate::vm::value::{self, obj};

/// How the collector traces and frees map objects.
pub static MAP_TYPE: NativeType = NativeType {
    name: "map",
    trace: trace_map,
    finalize: Some(finalize_map),
};
/// The layout of every map object: one body word, the `Box<MapBox>` pointer.
pub static MAP: Layout = Layout::Native(&MAP_TYPE);
const MAP_WORDS: usize = 1;

/// Smallest index size (a power of two).
const MIN_SLOTS: usize = 8;

/// A map's Rust side (owned by its heap object through a raw `Box` pointer).
struct MapBox {
    key_ty: TypeId,
    key_ref: bool,
    val_ref: bool,
    /// Per-map SipHash keys: no input can be crafted to collide in every map.
    seed: RandomState,
    state: Mutex<State>,
}

#[derive(Clone, Copy)]
struct Entry {
    hash: u64,
    key: u64,
    val: u64,
    /// False for a tombstone (its words are zeroed so they keep nothing alive).
    live: bool,
}

#[derive(Default)]
struct State {
    /// In insertion order, tombstones included.
    entries: Vec<Entry>,
    /// The index: 0 is an empty slot, `i + 1` names `entries[i]`. Its length is 0 or a power of
    /// two above `entries.len() * 8 / 7`, so probing always reaches an empty slot.
    slots: Vec<u32>,
    live: usize,
}

impl State {
    /// The entry holding a key equal to `key` (whose hash is `hash`).
    fn find(
        &self,
        types: &Types,
        ty: TypeId,
        hash: u64,
        key: u64,
    ) -> Result<Option<usize>, String> {
        if self.live == 0 {
            return Ok(None);
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let Some(n) = (self.slots[i] as usize).checked_sub(1) else {
                return Ok(None);
            };
            let e = &self.entries[n];
            if e.live && e.hash == hash && equal::equal(types, ty, e.key, key)? {
                return Ok(Some(n));
            }
            i = (i + 1) & mask;
        }
    }

    /// Appends a new entry (its key is known to be absent).
    fn push(&mut self, hash: u64, key: u64, val: u64) {
        if (self.entries.len() + 1) * 8 > self.slots.len() * 7 {
            if self.entries.len() - self.live > self.live {
                self.entries.retain(|e| e.live);
            }
            self.reindex(self.entries.len() + 1);
        }
        let n = u32::try_from(self.entries.len() + 1).expect("map: too many entries");
        self.entries.push(Entry {
            hash,
            key,
            val,
            live: true,
        });
        self.place(hash, n);
        self.live += 1;
    }

    /// Turns entry `n` into a tombstone; compacts when tombstones dominate.
    fn remove(&mut self, n: usize) {
        self.entries[n] = Entry {
            hash: self.entries[n].hash,
            key: 0,
            val: 0,
            live: false,
        };
        self.live -= 1;
        if self.live == 0 {
            self.entries.clear();
            self.slots.clear();
        } else if self.entries.len() - self.live > self.live.max(MIN_SLOTS) {
            self.entries.retain(|e| e.live);
            self.reindex(self.live);
        }
    }

    /// Rebuilds the index for `entries` plus room to grow to `n` entries.
    fn reindex(&mut self, n: usize) {
        let size = (n * 2).next_power_of_two().max(MIN_SLOTS);
        self.slots.clear();
        self.slots.resize(size, 0);
        for i in 0..self.entries.len() {
            let n = u32::try_from(i + 1).expect("map: too many entries");
            self.place(self.entries[i].hash, n);
        }
    }

    /// Puts entry number `n` (1-based) in the first empty slot of `hash`'s probe sequence.
    fn place(&mut self, hash: u64, n: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = n;
    }

    fn live_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| e.live)
    }
}

/// A cheap per-thread pseudo-random number (xorshift64, seeded from std's random hash keys):
/// for `range` start offsets and NaN key hashes. Not for anything that needs real randomness.
pub fn random_u64() -> u64 {
    if crate::runtime::detsched::enabled() {
        return crate::runtime::detsched::next_u64();
    }
    thread_local! {
        static RNG: Cell<u64> = Cell::new(RandomState::new().build_hasher().finish() | 1);
    }
    RNG.with(|r| {
        let mut x = r.get();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        r.set(x);
        x
    })
}

/// The box of a non-nil map word.
///
/// The reference must not be kept across a safepoint (after that the object may be dead).
fn map_box<'a>(map: u64) -> &'a MapBox {
    let o = obj(map);
    // SAFETY: a non-nil map word is a live MAP object (the caller holds it in a register or
    // slot), whose word 0 is the `Box<MapBox>` made by `new_map`; only `finalize_map` frees it,
    // once the object is dead, i.e. no caller can still hold the word.
    unsafe {
        debug_assert!(matches!(o.layout(), Layout::Native(t) if std::ptr::eq(*t, &MAP_TYPE)));
        &*(o.load(0) as usize as *const MapBox)
    }
}

fn lock(b: &MapBox) -> MutexGuard<'_, State> {
    b.state.lock().unwrap_or_else(|e| e.into_inner())
}

/// The seeded hash of `key` (`Err`: an interface key of unhashable dynamic type).
fn hash_key(types: &Types, b: &MapBox, key: u64) -> Result<u64, String> {
    let mut h = b.seed.build_hasher();
    equal::hash(types, b.key_ty, key, &mut h)?;
    Ok(h.finish())
}

/// A new empty map (`make(map[K]V)`) whose keys have type `key_ty`; `key_ref`/`val_ref` say
/// whether key and value words are references (`equal::is_ref_type`).
pub fn new_map(m: &mut Mutator, key_ty: TypeId, key_ref: bool, val_ref: bool) -> u64 {
    let o = m.alloc(&MAP, MAP_WORDS);
    let b = Box::new(MapBox {
        key_ty,
        key_ref,
        val_ref,
        seed: RandomState::new(),
        state: Mutex::new(State::default()),
    });
    // SAFETY: `o` is fresh and unpublished; word 0 is a scalar to the collector (`trace_map`
    // reads it), owned by the object from now on.
    unsafe { o.store(0, Box::into_raw(b) as usize as u64) };
    o.word()
}

/// `m[key]`: the value word, or `None` if absent (also for a nil map).
///
/// A nil map has no key type, so an unhashable interface key is not reported for it (Go
/// panics); a VM that wants that can call `equal::hash` with the static key type first.
pub fn get(types: &Types, map: u64, key: u64) -> Result<Option<u64>, String> {
    if map == 0 {
        return Ok(None);
    }
    let b = map_box(map);
    let h = hash_key(types, b, key)?;
    let s = lock(b);
    Ok(s.find(types, b.key_ty, h, key)?.map(|n| s.entries[n].val))
}

/// `m[key] = val`. An existing key's word is replaced too (as Go does: `m[-0.0]` after
/// `m[+0.0]` leaves the key `-0`).
pub fn insert(types: &Types, map: u64, key: u64, val: u64) -> Result<(), String> {
    if map == 0 {
        return Err("assignment to entry in nil map".to_string());
    }
    let b = map_box(map);
    let h = hash_key(types, b, key)?;
    let mut s = lock(b);
    match s.find(types, b.key_ty, h, key)? {
        Some(n) => {
            s.entries[n].key = key;
            s.entries[n].val = val;
        }
        None => s.push(h, key, val),
    }
    Ok(())
}

/// `delete(m, key)` (nothing for a nil map or an absent key).
pub fn delete(types: &Types, map: u64, key: u64) -> Result<(), String> {
    if map == 0 {
        return Ok(());
    }
    let b = map_box(map);
    let h = hash_key(types, b, key)?;
    let mut s = lock(b);
    if let Some(n) = s.find(types, b.key_ty, h, key)? {
        s.remove(n);
    }
    Ok(())
}

/// `len(m)`.
pub fn len(map: u64) -> usize {
    if map == 0 {
        return 0;
    }
    lock(map_box(map)).live
}

/// `clear(m)` (nothing for a nil map).
pub fn clear(map: u64) {
    if map == 0 {
        return;
    }
    let mut s = lock(map_box(map));
    s.entries.clear();
    s.slots.clear();
    s.live = 0;
}

/// The (key, value) words in insertion order (fmt sorts them itself).
pub fn entries(map: u64) -> Vec<(u64, u64)> {
    if map == 0 {
        return Vec::new();
    }
    let s = lock(map_box(map));
    s.live_entries().map(|e| (e.key, e.val)).collect()
}

/// For `for k, v := range m`: a new object holding every current key (one word each, `REFS`
/// if keys are references, else `SCALARS`), rotated by a random offset; 0 for a nil or empty
/// map. The VM walks it and looks each key up again, skipping keys deleted meanwhile, which
/// gives Go's semantics for deletions during `range` (entries added meanwhile are not visited,
/// which Go allows).
pub fn keys_snapshot(m: &mut Mutator, map: u64) -> u64 {
    if map == 0 {
        return 0;
    }
    let b = map_box(map);
    let keys: Vec<u64> = lock(b).live_entries().map(|e| e.key).collect();
    if keys.is_empty() {
        return 0;
    }
    let start = (random_u64() % keys.len() as u64) as usize;
    // Allocation never collects, so the keys held only in `keys` stay valid meanwhile.
    let o = m.alloc(if b.key_ref { &REFS } else { &SCALARS }, keys.len());
    for (i, &k) in keys[start..].iter().chain(&keys[..start]).enumerate() {
        value::store(o, i, k, b.key_ref);
    }
    o.word()
}

/// For `for k, v := range m`: like `keys_snapshot`, plus a second object holding each key's
/// value at the snapshot (`REFS` or `SCALARS` by the value type), in the same order; `(0, 0)`
/// for a nil or empty map. The values serve keys no lookup can find (a NaN, or an interface or
/// struct holding one), which Go still visits (see `range_get`).
pub fn range_snapshot(m: &mut Mutator, map: u64) -> (u64, u64) {
    if map == 0 {
        return (0, 0);
    }
    let b = map_box(map);
    let kv: Vec<(u64, u64)> = lock(b).live_entries().map(|e| (e.key, e.val)).collect();
    if kv.is_empty() {
        return (0, 0);
    }
    let start = (random_u64() % kv.len() as u64) as usize;
    // Allocation never collects, so the words held only in `kv` stay valid meanwhile.
    let ko = m.alloc(if b.key_ref { &REFS } else { &SCALARS }, kv.len());
    let vo = m.alloc(if b.val_ref { &REFS } else { &SCALARS }, kv.len());
    for (i, &(k, v)) in kv[start..].iter().chain(&kv[..start]).enumerate() {
        value::store(ko, i, k, b.key_ref);
        value::store(vo, i, v, b.val_ref);
    }
    (ko.word(), vo.word())
}

/// One `range` step over the snapshot entry `(key, snap_val)`: the key's current value, or
/// `None` if it was deleted meanwhile. A key unequal to itself is never found by a lookup; it
/// is visited with its snapshot value while an entry with that very key word is still live
/// (only `clear` removes such entries; `m[k] = v` for them always adds a new entry).
pub fn range_get(types: &Types, map: u64, key: u64, snap_val: u64) -> Result<Option<u64>, String> {
    if map == 0 {
        return Ok(None);
    }
    let b = map_box(map);
    let h = hash_key(types, b, key)?;
    let s = lock(b);
    if let Some(n) = s.find(types, b.key_ty, h, key)? {
        return Ok(Some(s.entries[n].val));
    }
    if !equal::equal(types, b.key_ty, key, key)? && s.live_entries().any(|e| e.key == key) {
        return Ok(Some(snap_val));
    }
    Ok(None)
}

/// `NativeType::trace` for maps: marks every reference key and value.
///
/// # Safety
/// `o` is a live MAP object and the world is stopped (no thread is inside a map operation).
unsafe fn trace_map(o: Ref, marker: &mut Marker) {
    // SAFETY: live MAP object (caller): word 0 is 0 or its `Box<MapBox>`, alive until finalize.
    let Some(b) = (unsafe { (o.load(0) as usize as *const MapBox).as_ref() }) else {
        return;
    };
    if !b.key_ref && !b.val_ref {
        return;
    }
    let s = match b.state.try_lock() {
        Ok(s) => s,
        Err(TryLockError::Poisoned(e)) => e.into_inner(),
        Err(TryLockError::WouldBlock) => {
            panic!("gc: a map is locked during a collection (a map operation spans a safepoint)")
        }
    };
    for e in s.live_entries() {
        if b.key_ref {
            marker.mark(e.key);
        }
        if b.val_ref {
            marker.mark(e.val);
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Maps finalized on this thread (collections in tests run on the test's thread).
    static FINALIZED: Cell<usize> = const { Cell::new(0) };
}

/// `NativeType::finalize` for maps: drops the Rust state of a dead map.
///
/// # Safety
/// `o` is a dead MAP object, finalized exactly once.
unsafe fn finalize_map(o: Ref) {
    // SAFETY: the object is dead, so nothing else reads word 0 or the box any more; the box
    // came from `Box::into_raw` in `new_map` and is dropped only here.
    unsafe {
        let p = o.load(0) as usize as *mut MapBox;
        if !p.is_null() {
            o.store(0, 0);
            drop(Box::from_raw(p));
        }
    }
    #[cfg(test)]
    FINALIZED.with(|f| f.set(f.get() + 1));
}

#[cfg(test)]
#[path = "map/tests.rs"]
mod tests;
