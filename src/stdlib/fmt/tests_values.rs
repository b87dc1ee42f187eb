//! Test fixture: Go values by name (the same names as the Go oracle program in `tests.rs`) →
//! interface words on a real heap, with their types in a `Types` table and a host that runs
//! canned `String`/`Error`/`GoString` methods and lists map entries.

use super::{FmtHost, Hook};
use crate::ast::ChanDir;
use crate::runtime::gc::{Config, Heap, Layout, Mutator, SCALARS};
use crate::types::ty::{Field, Method, TypeId, Types};
use crate::vm::value::{self, load, new_iface, new_interior, new_slice, obj, SliceParts};
use std::collections::HashMap;
use std::sync::Arc;

pub(super) type MethodFn = Box<dyn Fn(u64) -> Result<Vec<u8>, String>>;

pub(super) struct TestHost {
    pub types: Types,
    pub methods: HashMap<(Hook, TypeId), MethodFn>,
    pub maps: HashMap<u64, Vec<(u64, u64)>>,
}

impl FmtHost for TestHost {
    fn types(&self) -> &Types {
        &self.types
    }
    fn call(&mut self, hook: Hook, ty: TypeId, w: u64) -> Result<Vec<u8>, String> {
        let f = self.methods.get(&(hook, ty)).unwrap_or_else(|| {
            panic!(
                "no {hook:?} method on {}",
                self.types.display(ty, crate::types::ty::Spelling::Reflect)
            )
        });
        f(w)
    }
    fn map_entries(&self, map: u64) -> Vec<(u64, u64)> {
        self.maps[&map].clone()
    }
}

pub(super) struct Fx {
    pub m: Mutator,
    pub host: TestHost,
    pub vals: HashMap<&'static str, u64>,
}

fn field(name: &str, ty: TypeId) -> Field {
    Field {
        name: name.into(),
        ty,
        embedded: false,
        tag: String::new(),
    }
}

/// Field 0 of an aggregate, as an int (for canned methods).
pub(super) fn f0(w: u64) -> i64 {
    load(obj(w), 0, false) as i64
}

impl Fx {
    pub fn new() -> Fx {
        let heap = Arc::new(Heap::new(Config::default()));
        let host = TestHost {
            types: Types::new(),
            methods: HashMap::new(),
            maps: HashMap::new(),
        };
        let mut fx = Fx {
            m: heap.mutator(),
            host,
            vals: HashMap::new(),
        };
        fx.build();
        fx
    }

    fn t(&mut self) -> &mut Types {
        &mut self.host.types
    }

    /// A named type in package `pkg` with underlying `u`.
    pub fn named(&mut self, pkg: &str, name: &str, u: TypeId) -> TypeId {
        let n = self.t().new_named(name, pkg);
        self.t().set_underlying(n, u);
        n
    }

    /// Declares `func (T) name() string` (or `(*T)` when `ptr`) answered by `f`; `call_ty` is
    /// the dynamic type fmt calls it on.
    pub fn method(
        &mut self,
        t: TypeId,
        hook: Hook,
        ptr: bool,
        call_ty: TypeId,
        f: Option<MethodFn>,
    ) {
        let sig = self.t().func(vec![], vec![TypeId::STRING], false);
        let name = hook.method_name().to_string();
        self.t().add_method(
            t,
            Method {
                name,
                sig,
                pointer_receiver: ptr,
            },
        );
        if let Some(f) = f {
            self.host.methods.insert((hook, call_ty), f);
        }
    }

    pub fn str(&mut self, s: &str) -> u64 {
        value::new_string(&mut self.m, s.as_bytes())
    }

    /// An aggregate object (struct or array) with these words; `refs[i]` marks references.
    pub fn agg(&mut self, refs: &[bool], words: &[u64]) -> u64 {
        let layout: &'static Layout = Box::leak(Box::new(Layout::from_ref_mask(refs)));
        let r = self.m.alloc(layout, words.len());
        for (i, &w) in words.iter().enumerate() {
            value::store(r, i, w, refs.get(i).copied().unwrap_or(false));
        }
        r.word()
    }

    pub fn slice(&mut self, is_ref: bool, words: &[u64]) -> u64 {
        let array = self.agg(&vec![is_ref; words.len().max(1)], words);
        let p = SliceParts {
            array,
            offset: 0,
            len: words.len(),
            cap: words.len(),
        };
        new_slice(&mut self.m, p)
    }

    /// A `[]byte` whose backing array is a BYTES object.
    pub fn byte_slice(&mut self, b: &[u8]) -> u64 {
        let array = self.m.alloc_bytes_from(b).word();
        new_slice(
            &mut self.m,
            SliceParts {
                array,
                offset: 0,
                len: b.len(),
                cap: b.len(),
            },
        )
    }

    pub fn complex(&mut self, re: f64, im: f64) -> u64 {
        let r = self.m.alloc(&SCALARS, 2);
        value::store(r, 0, re.to_bits(), false);
        value::store(r, 1, im.to_bits(), false);
        r.word()
    }

    /// A pointer to a fresh variable holding `w` (a non-aggregate of kind `is_ref`).
    pub fn boxed(&mut self, is_ref: bool, w: u64) -> u64 {
        let base = self.agg(&[is_ref], &[w]);
        new_interior(&mut self.m, base, 0)
    }

    /// A map word with these entries (kept in the given order; fmt sorts them).
    pub fn map(&mut self, entries: Vec<(u64, u64)>) -> u64 {
        let w = self.m.alloc(&SCALARS, 1).word();
        self.host.maps.insert(w, entries);
        w
    }

    pub fn any(&mut self, ty: TypeId, w: u64) -> u64 {
        let r = self.host.types.is_reference(ty);
        new_iface(&mut self.m, ty.index() as u32, w, r)
    }

    pub fn set(&mut self, name: &'static str, ty: TypeId, w: u64) {
        let a = self.any(ty, w);
        self.vals.insert(name, a);
    }

    /// The interface words for space-separated value names.
    pub fn args(&self, names: &str) -> Vec<u64> {
        names
            .split_whitespace()
            .map(|n| *self.vals.get(n).unwrap_or_else(|| panic!("no value {n}")))
            .collect()
    }

    fn build(&mut self) {
        use TypeId as T;
        let f64b = |f: f64| f.to_bits();
        for (n, ty, w) in [
            ("i", T::INT, 42u64),
            ("neg", T::INT, -7i64 as u64),
            ("i8", T::INT8, -128i64 as u64),
            ("u8", T::UINT8, 200),
            ("u", T::UINT, 7),
            ("u64", T::UINT64, u64::MAX),
            ("uptr", T::UINTPTR, 255),
            ("r", T::INT32, 'x' as u64),
            #[allow(clippy::approx_constant)]
            ("f", T::FLOAT64, f64b(3.14159)),
            ("f32", T::FLOAT32, f64b(f64::from(0.1f32))),
            ("fbig", T::FLOAT64, f64b(1e21)),
            ("fnan", T::FLOAT64, f64b(f64::NAN)),
            ("finf", T::FLOAT64, f64b(f64::INFINITY)),
            ("b", T::BOOL, 1),
            ("w5", T::INT, 5),
            ("wneg", T::INT, -5i64 as u64),
            ("wbig", T::INT, 10_000_000),
            ("wu", T::UINT, 3),
            ("zero", T::INT, 0),
            ("big", T::INT, 0x110000),
            ("bigr", T::INT32, 0x1F600),
        ] {
            self.set(n, ty, w);
        }
        self.vals.insert("nilv", 0);
        self.vals.insert("nilerr", 0);
        let c = self.complex(1.0, 2.0);
        self.set("c", T::COMPLEX128, c);
        let c = self.complex(1.5, -2.0);
        self.set("c64", T::COMPLEX64, c);
        for (n, s) in [("s", "hi"), ("sq", "a\"b\n"), ("su", "héllo")] {
            let w = self.str(s);
            self.set(n, T::STRING, w);
        }
        self.build_lists();
        self.build_structs();
        super::tests_methods::build_maps(self);
        self.build_methods();
    }

    fn build_lists(&mut self) {
        use TypeId as T;
        let bytes = self.t().slice(T::UINT8);
        let ints = self.t().slice(T::INT);
        let strs = self.t().slice(T::STRING);
        let w = self.slice(false, &[104, 105]);
        self.set("bs", bytes, w);
        self.set("bnil", bytes, 0);
        let w = self.slice(false, &[1, 2, 3]);
        self.set("sl", ints, w);
        self.set("slnil", ints, 0);
        let (a, b) = (self.str("a"), self.str("b"));
        let w = self.slice(true, &[a, b]);
        self.set("sls", strs, w);
        let arr = self.t().array(3, T::INT);
        let w = self.agg(&[false; 3], &[1, 2, 3]);
        self.set("arr", arr, w);
        let barr = self.t().array(3, T::UINT8);
        let w = self.agg(&[false; 3], &[65, 66, 67]);
        self.set("barr", barr, w);
        let mybytes = self.named("main", "MyBytes", bytes);
        let w = self.byte_slice(b"hi");
        self.set("mybytes", mybytes, w);
        for (n, name, u, w) in [
            ("myint", "MyInt", T::INT, 5u64),
            ("cel", "Celsius", T::FLOAT64, 36.6f64.to_bits()),
        ] {
            let t = self.named("main", name, u);
            self.set(n, t, w);
        }
        let mystr = self.named("main", "MyStr", T::STRING);
        let w = self.str("ms");
        self.set("mystr", mystr, w);
        // []any{1, "a", nil, 2.5}
        let anys = self.t().slice(T::EMPTY_INTERFACE);
        let one = self.any(T::INT, 1);
        let a = self.str("a");
        let a = self.any(T::STRING, a);
        let f = self.any(T::FLOAT64, 2.5f64.to_bits());
        let w = self.slice(true, &[one, a, 0, f]);
        self.set("ifs", anys, w);
        // []any{[]any{1, "a"}, map[string]any{"k": []int{1}}}
        let inner = self.slice(true, &[one, a]);
        let inner = self.any(anys, inner);
        let l1 = self.slice(false, &[1]);
        let l1 = self.any(ints, l1);
        let k = self.str("k");
        let m = self.map(vec![(k, l1)]);
        let msa = self.t().map(T::STRING, T::EMPTY_INTERFACE);
        let m = self.any(msa, m);
        let w = self.slice(true, &[inner, m]);
        self.set("deepiface", anys, w);
        // &[]int{1, 2}, &[2]int{1, 2}, (*int)(nil), nil func and chan, a func.
        let pints = self.t().pointer(ints);
        let s12 = self.slice(false, &[1, 2]);
        let p = self.boxed(true, s12);
        self.set("ptrslice", pints, p);
        let arr2 = self.t().array(2, T::INT);
        let parr = self.t().pointer(arr2);
        let w = self.agg(&[false, false], &[1, 2]);
        self.set("parr", parr, w);
        let pint = self.t().pointer(T::INT);
        self.set("pnil", pint, 0);
        let fnt = self.t().func(vec![], vec![], false);
        self.set("fnnil", fnt, 0);
        let ch = self.t().chan(ChanDir::Both, T::INT);
        self.set("chnil", ch, 0);
        let fn2 = self.t().func(vec![T::INT], vec![T::STRING], false);
        let w = self.m.alloc(&SCALARS, 1).word();
        self.set("fn2", fn2, w);
    }

    fn build_structs(&mut self) {
        use TypeId as T;
        let u = self
            .t()
            .strukt(vec![field("X", T::INT), field("Y", T::INT)]);
        let point = self.named("main", "Point", u);
        let w = self.agg(&[false, false], &[1, 2]);
        self.set("pt", point, w);
        let ppoint = self.t().pointer(point);
        let w = self.agg(&[false, false], &[1, 2]);
        self.set("ppt", ppoint, w);
        let sps = self.t().slice(ppoint);
        let w = self.slice(true, &[0]);
        self.set("sliceptrs", sps, w);
        let points = self.t().slice(point);
        let (p1, p2) = (
            self.agg(&[false; 2], &[1, 2]),
            self.agg(&[false; 2], &[3, 4]),
        );
        let w = self.slice(true, &[p1, p2]);
        self.set("points", points, w);
        let u = self
            .t()
            .strukt(vec![field("A", T::INT), field("b", T::STRING)]);
        let t = self.named("main", "T", u);
        let x = self.str("x");
        let w = self.agg(&[false, true], &[1, x]);
        self.set("t", t, w);
        let anon = self
            .t()
            .strukt(vec![field("A", T::INT), field("B", T::STRING)]);
        self.set("anon", anon, w);
        // type Node struct { Val int; Next *Node }
        let node = self.t().new_named("Node", "main");
        let pnode = self.t().pointer(node);
        let u = self
            .t()
            .strukt(vec![field("Val", T::INT), field("Next", pnode)]);
        self.t().set_underlying(node, u);
        let w = self.agg(&[false, true], &[1, 0]);
        self.set("nodenil", pnode, w);
        // Nested{Point{1, 2}, []int{3}, map[string]int{"k": 1}, "x", nil}
        let ints = self.t().slice(T::INT);
        let msi = self.t().map(T::STRING, T::INT);
        let u = self.t().strukt(vec![
            field("P", point),
            field("L", ints),
            field("M", msi),
            field("I", T::EMPTY_INTERFACE),
            field("E", T::ERROR),
        ]);
        let nested = self.named("main", "Nested", u);
        let p = self.agg(&[false; 2], &[1, 2]);
        let l = self.slice(false, &[3]);
        let k = self.str("k");
        let m = self.map(vec![(k, 1)]);
        let i = self.any(T::STRING, x);
        let w = self.agg(&[true; 5], &[p, l, m, i, 0]);
        self.set("nested", nested, w);
    }

    /// The dynamic type of a named value.
    pub fn type_of(&self, name: &str) -> TypeId {
        let (t, _) = value::iface_parts(self.vals[name]).expect("non-nil value");
        TypeId::from_index(t)
    }

    fn build_methods(&mut self) {
        super::tests_methods::build(self);
    }
}
