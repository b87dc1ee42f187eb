//! CHECKER (constants): a set of constant values under Go's `==`, for duplicate detection in
//! switch cases and composite literal keys. In: values one at a time. Out: whether an equal
//! value was inserted before, in expected constant time, so a 70,000-case switch or a 100,000-key
//! map literal is checked in linear time (a list compared pairwise was quadratic).
//!
//! Values are hashed by a canonical key in which equal constants coincide: booleans, strings,
//! and numbers as exact (real, imaginary) fractions (`Int` 1, `Rat` 1 and complex `1+0i` are one
//! key, as `compare` says they are equal). `BigFloat`s (beyond 4096-bit fractions: `1e5000`)
//! have no exact fraction key; the few there are are compared pairwise with `compare`, among
//! themselves only (a fraction that rounds to the same 512-bit float is not reported).

use std::collections::HashSet;
use std::rc::Rc;

use num_bigint::BigInt;

use super::{compare, Float, Rat, Value};
use crate::ast::BinOp;

#[derive(PartialEq, Eq, Hash)]
enum Key {
    Bool(bool),
    Str(Rc<[u8]>),
    Num(Rat, Rat),
}

#[derive(Default)]
pub struct ConstSet {
    keyed: HashSet<Key>,
    other: Vec<Value>,
}

impl ConstSet {
    pub fn new() -> ConstSet {
        ConstSet::default()
    }

    /// Adds `v`; false if an equal value is already in the set (then the set is unchanged).
    pub fn insert(&mut self, v: &Value) -> bool {
        match key(v) {
            Some(k) => self.keyed.insert(k),
            None => {
                let dup = self
                    .other
                    .iter()
                    .any(|s| compare(s, BinOp::Eq, v).unwrap_or(false));
                if !dup {
                    self.other.push(v.clone());
                }
                !dup
            }
        }
    }
}

fn key(v: &Value) -> Option<Key> {
    Some(match v {
        Value::Bool(b) => Key::Bool(*b),
        Value::String(s) => Key::Str(s.clone()),
        Value::Complex(re, im) => Key::Num(exact(re)?, exact(im)?),
        _ => Key::Num(exact(v)?, Rat::zero()),
    })
}

/// A real number as an exact fraction (None for a `BigFloat` or a non-number).
fn exact(v: &Value) -> Option<Rat> {
    match v {
        Value::Int(i) => Some(Rat::from_int(BigInt::clone(i))),
        Value::Float(Float::Rat(r)) => Some(r.clone()),
        _ => None,
    }
}
