//! Test fixture, continued: the oracle program's types with `String`/`Error`/`GoString`
//! methods (named, pointer receivers, promoted through embedding, panicking), and maps of
//! every sortable key kind → values by name.

use super::tests_values::{f0, Fx, MethodFn};
use super::Hook;
use crate::types::ty::{Field, TypeId};
use crate::vm::value::{load, obj, str_bytes};

const NIL_DEREF: &str = "runtime error: invalid memory address or nil pointer dereference";

fn field(name: &str, ty: TypeId, embedded: bool) -> Field {
    Field {
        name: name.into(),
        ty,
        embedded,
        tag: String::new(),
    }
}

fn canned(s: &'static str) -> Option<MethodFn> {
    Some(Box::new(move |_| Ok(s.as_bytes().to_vec())))
}

pub(super) fn build(fx: &mut Fx) {
    use TypeId as T;
    // type Str struct{ N int }; func (s Str) String() string { return fmt.Sprintf("Str%d", s.N) }
    let u = fx.host.types.strukt(vec![field("N", T::INT, false)]);
    let str_t = fx.named("main", "Str", u);
    let show: MethodFn = Box::new(|w| Ok(format!("Str{}", f0(w)).into_bytes()));
    fx.method(str_t, Hook::String, false, str_t, Some(show));
    let w = fx.agg(&[false], &[5]);
    fx.set("str", str_t, w);
    let strs = fx.host.types.slice(str_t);
    let (s1, s2) = (fx.agg(&[false], &[1]), fx.agg(&[false], &[2]));
    let w = fx.slice(true, &[s1, s2]);
    fx.set("strs", strs, w);
    let msstr = fx.host.types.map(T::STRING, str_t);
    let a = fx.str("a");
    let w = fx.map(vec![(a, s1)]);
    fx.set("mapstr", msstr, w);
    let mstri = fx.host.types.map(str_t, T::INT);
    let w = fx.map(vec![(s2, 1), (s1, 2)]);
    fx.set("mapkeystr", mstri, w);
    // Hidden{S Str; s Str}: the unexported field's String is not called.
    let u = fx
        .host
        .types
        .strukt(vec![field("S", str_t, false), field("s", str_t, false)]);
    let hidden = fx.named("main", "Hidden", u);
    let w = fx.agg(&[true, true], &[s1, s2]);
    fx.set("hid", hidden, w);
    // Emb{Str}: String promoted; EmbP{*Str; K int}: promoted through a pointer.
    let u = fx.host.types.strukt(vec![field("Str", str_t, true)]);
    let emb = fx.named("main", "Emb", u);
    let promoted: MethodFn =
        Box::new(|w| Ok(format!("Str{}", f0(load(obj(w), 0, true))).into_bytes()));
    fx.host.methods.insert((Hook::String, emb), promoted);
    let s9 = fx.agg(&[false], &[9]);
    let w = fx.agg(&[true], &[s9]);
    fx.set("emb", emb, w);
    let pstr_t = fx.host.types.pointer(str_t);
    let u = fx
        .host
        .types
        .strukt(vec![field("Str", pstr_t, true), field("K", T::INT, false)]);
    let embp = fx.named("main", "EmbP", u);
    let promoted: MethodFn = Box::new(|w| match load(obj(w), 0, true) {
        0 => Err(NIL_DEREF.into()),
        s => Ok(format!("Str{}", f0(s)).into_bytes()),
    });
    fx.host.methods.insert((Hook::String, embp), promoted);
    let s4 = fx.agg(&[false], &[4]);
    let w = fx.agg(&[true, false], &[s4, 1]);
    fx.set("embptr", embp, w);
    // type PStr struct{ N int }; func (s *PStr) String() string { return "PStr" }
    let u = fx.host.types.strukt(vec![field("N", T::INT, false)]);
    let pstr = fx.named("main", "PStr", u);
    let ppstr = fx.host.types.pointer(pstr);
    fx.method(pstr, Hook::String, true, ppstr, canned("PStr"));
    let w = fx.agg(&[false], &[1]);
    fx.set("pstr", ppstr, w);
    let w = fx.agg(&[false], &[1]);
    fx.set("pstrv", pstr, w);
    // type E int with Error and String (Error wins); type G int with GoString and String.
    let e = fx.named("main", "E", T::INT);
    fx.method(e, Hook::Error, false, e, canned("E!"));
    fx.method(e, Hook::String, false, e, None);
    fx.set("e", e, 3);
    let g = fx.named("main", "G", T::INT);
    fx.method(g, Hook::GoString, false, g, canned("G!"));
    fx.method(g, Hook::String, false, g, canned("Gs"));
    fx.set("g", g, 1);
    // type Pan int; func (p Pan) String() string { panic("boom") }
    let pan = fx.named("main", "Pan", T::INT);
    fx.method(
        pan,
        Hook::String,
        false,
        pan,
        Some(Box::new(|_| Err("boom".into()))),
    );
    fx.set("pan", pan, 1);
    // type V struct{ x int } with a value String; (*V)(nil) panics in the call.
    let u = fx.host.types.strukt(vec![field("x", T::INT, false)]);
    let v = fx.named("main", "V", u);
    let pv = fx.host.types.pointer(v);
    let nil_deref: MethodFn = Box::new(|_| Err(NIL_DEREF.into()));
    fx.method(v, Hook::String, false, pv, Some(nil_deref));
    fx.set("vnil", pv, 0);
    // type MB uint8 with String: []MB prints as bytes under %s and %x.
    let mb = fx.named("main", "MB", T::UINT8);
    fx.method(mb, Hook::String, false, mb, canned("mb"));
    let mbs = fx.host.types.slice(mb);
    let w = fx.slice(false, &[1, 2]);
    fx.set("mbs", mbs, w);
    // type PErr struct{}; func (*PErr) Error() string { return "perr" }
    let u = fx.host.types.strukt(vec![]);
    let perr = fx.named("main", "PErr", u);
    let pperr = fx.host.types.pointer(perr);
    fx.method(perr, Hook::Error, true, pperr, canned("perr"));
    let w = fx.agg(&[], &[]);
    fx.set("err2", pperr, w);
    // errors.New("oops"): *errors.errorString{s string}.
    let u = fx.host.types.strukt(vec![field("s", T::STRING, false)]);
    let es = fx.named("errors", "errorString", u);
    let pes = fx.host.types.pointer(es);
    let text: MethodFn = Box::new(|w| Ok(str_bytes(load(obj(w), 0, true)).to_vec()));
    fx.method(es, Hook::Error, true, pes, Some(text));
    let oops = fx.str("oops");
    let w = fx.agg(&[true], &[oops]);
    fx.set("err", pes, w);
    build_more(fx, str_t, s1);
}

/// Methods below unexported fields and inside containers, and a few more containers.
fn build_more(fx: &mut Fx, str_t: TypeId, s1: u64) {
    use TypeId as T;
    // type inner struct{ S Str }; type Out struct{ inner }
    let u = fx.host.types.strukt(vec![field("S", str_t, false)]);
    let inner = fx.named("main", "inner", u);
    let u = fx.host.types.strukt(vec![field("inner", inner, true)]);
    let out = fx.named("main", "Out", u);
    let i = fx.agg(&[true], &[s1]);
    let w = fx.agg(&[true], &[i]);
    fx.set("out", out, w);
    let xany = fx
        .host
        .types
        .strukt(vec![field("x", T::EMPTY_INTERFACE, false)]);
    let a = fx.any(str_t, s1);
    let w = fx.agg(&[true], &[a]);
    fx.set("xany", xany, w);
    for (name, of) in [("gs", "g"), ("es", "e"), ("pans", "pan")] {
        let t = fx.type_of(of);
        let st = fx.host.types.slice(t);
        let w = fx.slice(false, &[1]);
        fx.set(name, st, w);
    }
    let pv = fx.type_of("vnil");
    let spv = fx.host.types.slice(pv);
    let w = fx.slice(true, &[0]);
    fx.set("vnils", spv, w);
    let embp = fx.type_of("embptr");
    let w = fx.agg(&[true, false], &[0, 1]);
    fx.set("embpnil", embp, w);
    let ppt = fx.type_of("ppt");
    fx.set("pptnil", ppt, 0);
    let runes = fx.host.types.slice(T::INT32);
    let w = fx.slice(false, &[97, 98]);
    fx.set("runes", runes, w);
    fx.set("half", T::FLOAT64, 2.5f64.to_bits());
    let msb = fx.host.types.map(T::STRING, T::BOOL);
    let x = fx.str("x");
    let w = fx.map(vec![(x, 1)]);
    fx.set("mbool", msb, w);
    let bytes = fx.host.types.slice(T::UINT8);
    let bss = fx.host.types.slice(bytes);
    let ab = fx.byte_slice(b"ab");
    let w = fx.slice(true, &[ab, 0]);
    fx.set("bytesl", bss, w);
    let sb = fx.host.types.strukt(vec![field("B", bytes, false)]);
    let hi = fx.slice(false, &[104, 105]);
    let w = fx.agg(&[true], &[hi]);
    fx.set("nestbytes", sb, w);
    let mas = fx.host.types.map(T::EMPTY_INTERFACE, T::STRING);
    let (one, n, ones) = (fx.any(T::INT, 1), fx.str("n"), fx.str("one"));
    let w = fx.map(vec![(one, ones), (0, n)]);
    fx.set("mkeyiface", mas, w);
}

/// Maps of every sortable key kind, entries listed out of order.
pub(super) fn build_maps(fx: &mut Fx) {
    use TypeId as T;
    let (a, b, c) = (fx.str("a"), fx.str("b"), fx.str("c"));
    let msi = fx.host.types.map(T::STRING, T::INT);
    let w = fx.map(vec![(c, 3), (a, 1), (b, 2)]);
    fx.set("m", msi, w);
    fx.set("mnil", msi, 0);
    let w = fx.map(vec![(a, 1)]);
    let pm = fx.host.types.pointer(msi);
    let p = fx.boxed(true, w);
    fx.set("pmap", pm, p);
    let mis = fx.host.types.map(T::INT, T::STRING);
    let w = fx.map(vec![(3, c), (2, b), (1, a)]);
    fx.set("mi", mis, w);
    let mii = fx.host.types.map(T::INT, T::INT);
    let w = fx.map(vec![(10, 2), (2, 3), (-1i64 as u64, 1)]);
    fx.set("intkeymap", mii, w);
    let mfi = fx.host.types.map(T::FLOAT64, T::INT);
    let w = fx.map(vec![
        (2.5f64.to_bits(), 2),
        (f64::NAN.to_bits(), 1),
        ((-1f64).to_bits(), 3),
    ]);
    fx.set("mf", mfi, w);
    let mbi = fx.host.types.map(T::BOOL, T::INT);
    let w = fx.map(vec![(1, 1), (0, 0)]);
    fx.set("mb", mbi, w);
    let mai = fx.host.types.map(T::EMPTY_INTERFACE, T::INT);
    let (ia, ib) = (fx.any(T::STRING, a), fx.any(T::STRING, b));
    let w = fx.map(vec![(ib, 1), (ia, 3)]);
    fx.set("many", mai, w);
    let msa = fx.host.types.map(T::STRING, T::EMPTY_INTERFACE);
    let (one, x) = (fx.any(T::INT, 1), fx.str("x"));
    let x = fx.any(T::STRING, x);
    let w = fx.map(vec![(c, x), (b, 0), (a, one)]);
    fx.set("mapiface", msa, w);
    let arr2 = fx.host.types.array(2, T::INT);
    let mab = fx.host.types.map(arr2, T::BOOL);
    let (k1, k2) = (fx.agg(&[false; 2], &[2, 1]), fx.agg(&[false; 2], &[1, 2]));
    let w = fx.map(vec![(k1, 1), (k2, 0)]);
    fx.set("maparr", mab, w);
    let point = fx.type_of("pt");
    let mps = fx.host.types.map(point, T::STRING);
    let (y, z) = (fx.str("y"), fx.str("z"));
    let x = fx.str("x");
    let keys: Vec<u64> = [[2, 1], [1, 2], [1, 1]]
        .iter()
        .map(|k| fx.agg(&[false; 2], k))
        .collect();
    let w = fx.map(vec![(keys[0], x), (keys[1], y), (keys[2], z)]);
    fx.set("mstruct", mps, w);
}
