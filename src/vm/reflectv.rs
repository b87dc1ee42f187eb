//! VM REFLECT VALUES: the natives under gol's `reflect.Value` (`stdlib/reflect/value.gol`,
//! `Rt::Reflect`). Input: the window `[op, args...]`, where a `reflect.Value` argument is the
//! word of its struct object `{typ, flag, w, r, i}`. Output: results in the same window (a
//! Value comes back as those five words, which the gol code wraps), or Go's reflect panics.
//!
//! A Value describes one Go value of type `typ - 1` (`typ == 0`: the zero Value) in one of two
//! ways (invariant, kept by every op here):
//! - direct: the value's word is `w` (scalars) or `r` (references: the GC traces `r`);
//!   aggregates (structs, arrays) are always direct: `r` is the object itself, and an
//!   addressable aggregate Value aliases the variable's own object;
//! - indirect (`flag & INDIR`): the value is word `i` of object `r` (an element of a slice's
//!   array, a struct's field, a box behind a pointer). Reads and writes go through the object.
//!
//! `ADDR` marks values reached through a pointer, slice or addressable aggregate (settable unless
//! `RO`, which marks values reached through unexported fields).

use super::panic::GoPanic;
use super::value::{self, obj};
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::ReflectOp;
use crate::types::ty::{Type, TypeId};
use crate::vm::machine::{is_aggregate, is_ref};
use std::sync::Arc;

/// Flag bits (the gol side names the same numbers).
const ADDR: u64 = 1;
const RO: u64 = 2;
const INDIR: u64 = 4;
/// Reached as an unexported embedded field: not sticky (its exported fields are settable).
const EMBED_RO: u64 = 8;

/// The sticky read-only bit a value derived from one with flags `f` carries (Go's `flag.ro`).
fn ro(f: u64) -> u64 {
    if f & (RO | EMBED_RO) != 0 {
        RO
    } else {
        0
    }
}

/// A Value's five words.
#[derive(Clone, Copy)]
struct V {
    typ: u64,
    flag: u64,
    w: u64,
    r: u64,
    i: u64,
}

impl V {
    const ZERO: V = V {
        typ: 0,
        flag: 0,
        w: 0,
        r: 0,
        i: 0,
    };

    fn ty(&self) -> TypeId {
        TypeId::from_index(self.typ.wrapping_sub(1) as u32)
    }
}

/// Reads a Value argument (the word of a `reflect.Value` struct object).
fn arg(x: u64) -> V {
    if x == 0 {
        return V::ZERO;
    }
    let o = obj(x);
    V {
        typ: value::load(o, 0, false),
        flag: value::load(o, 1, false),
        w: value::load(o, 2, false),
        r: value::load(o, 3, true),
        i: value::load(o, 4, false),
    }
}

/// For fmt, which prints a `reflect.Value` operand as the value it holds: whether `ty` is
/// gol's `reflect.Value`, and then the type and word of what `w` (such a struct) holds, or
/// `None` for the zero Value.
pub fn held_value(
    types: &crate::types::ty::Types,
    ty: TypeId,
    w: u64,
) -> Option<Option<(TypeId, u64)>> {
    let named = types.named_info(ty)?;
    if named.name != "reflect.Value" {
        return None;
    }
    let v = arg(w);
    Some((v.typ != 0).then(|| (v.ty(), word_in(types, &v))))
}

/// A direct Value of type `t` holding `word`.
fn direct(mach: &Machine, t: TypeId, flag: u64, word: u64) -> V {
    let r = is_ref(mach.types(), t);
    V {
        typ: t.index() as u64 + 1,
        flag: flag & !INDIR,
        w: if r { 0 } else { word },
        r: if r { word } else { 0 },
        i: 0,
    }
}

/// A Value of type `t` stored at word `i` of object `base` (aggregates are read at once:
/// their word is their own object).
fn at_slot(mach: &Machine, t: TypeId, flag: u64, base: u64, i: usize) -> V {
    let types = mach.types();
    if is_aggregate(types, t) {
        return direct(mach, t, flag, value::load(obj(base), i, true));
    }
    V {
        typ: t.index() as u64 + 1,
        flag: flag | INDIR,
        w: 0,
        r: base,
        i: i as u64,
    }
}

/// The word of the value `v` describes.
fn word(mach: &Machine, v: &V) -> u64 {
    word_in(mach.types(), v)
}

fn word_in(types: &crate::types::ty::Types, v: &V) -> u64 {
    if v.typ == 0 {
        return 0;
    }
    let r = is_ref(types, v.ty());
    if v.flag & INDIR != 0 {
        value::load(obj(v.r), v.i as usize, r)
    } else if r {
        v.r
    } else {
        v.w
    }
}

/// Writes `x` as the value of `v` (aggregates are copied into `v`'s own object).
fn store(mach: &mut Machine, v: &V, x: u64) {
    let t = v.ty();
    if is_aggregate(mach.types(), t) {
        mach.copy_into(t, v.r, x);
    } else if v.flag & INDIR != 0 {
        let r = is_ref(mach.types(), t);
        value::store(obj(v.r), v.i as usize, x, r);
    }
}

fn kind_name(mach: &Machine, v: &V) -> String {
    if v.typ == 0 {
        return "zero".into();
    }
    let k = super::reflectrt::kind(mach, v.ty()) as usize;
    crate::stdlib::natives::reflect::KIND_NAMES
        .get(k)
        .copied()
        .unwrap_or("invalid")
        .to_string()
}

/// Go's `ValueError` text for method `m` called on `v`.
fn value_error(mach: &Machine, m: &str, v: &V) -> GoPanic {
    GoPanic::Native(format!(
        "reflect: call of reflect.Value.{m} on {} Value",
        kind_name(mach, v)
    ))
}

fn put(g: &mut Goroutine, at: usize, v: V) {
    g.regs[at..at + 5].copy_from_slice(&[v.typ, v.flag, v.w, v.r, v.i]);
}

/// Whether a value of dynamic type `t` has every method of interface type `iface`.
pub(crate) fn implements(mach: &Machine, t: u32, iface: TypeId) -> bool {
    let types = mach.types();
    let Type::Interface(i) = types.get(types.underlying(iface)) else {
        return false;
    };
    i.methods.iter().all(|(name, sig)| {
        super::host::method_index(mach, name).is_some_and(|m| {
            mach.prog.methods.contains_key(&(t, m))
                && mach.prog.method_sigs.get(&(t, m)).is_none_or(|s| s == sig)
        })
    })
}

/// The word to store into a slot of type `dst` for the value `x` (Go's assignability as
/// `reflect.Value.Set` checks it), or Go's panic text.
fn assignable_word(mach: &mut Machine, dst: TypeId, x: &V, what: &str) -> Result<u64, GoPanic> {
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let src = x.ty();
    let w = word(mach, x);
    if src == dst {
        return Ok(w);
    }
    let (us, ud) = (types.underlying(src), types.underlying(dst));
    let named = |t: TypeId| types.named_info(t).is_some();
    if types.is_interface(dst) {
        if types.is_interface(src) {
            match value::iface_parts(w) {
                None => return Ok(0),
                Some((dt, _)) if implements(mach, dt, dst) => return Ok(w),
                _ => {}
            }
        } else if implements(mach, src.index() as u32, dst) {
            let r = is_ref(types, src);
            let d = if is_aggregate(types, src) {
                mach.copy(src, w)
            } else {
                w
            };
            return Ok(value::new_iface(&mut mach.m, src.index() as u32, d, r));
        }
    } else if us == ud && (!named(src) || !named(dst)) && !types.is_interface(src) {
        return Ok(w);
    }
    Err(GoPanic::Native(format!(
        "{what}: value of type {} is not assignable to type {}",
        types.display(src, crate::types::ty::Spelling::Reflect),
        types.display(dst, crate::types::ty::Spelling::Reflect)
    )))
}

/// `Rt::Reflect` on the window `[op, args...]`; see `stdlib/reflect/value.gol` for what each
/// op's gol declaration promises.
pub fn value_op(
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
    op: ReflectOp,
) -> Result<(), GoPanic> {
    let a = |k: usize| g.regs[at + 1 + k];
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let tid = |x: u64| TypeId::from_index(x.wrapping_sub(1) as u32);
    match op {
        // valueOf(x any) (typ, w, r)
        ReflectOp::ValueOf => {
            let v = match value::iface_parts(a(0)) {
                None => V::ZERO,
                Some((t, d)) => direct(mach, TypeId::from_index(t), 0, d),
            };
            g.regs[at..at + 3].copy_from_slice(&[v.typ, v.w, v.r]);
        }
        // kindOf(typ) Kind
        ReflectOp::KindOf => {
            g.regs[at] = if a(0) == 0 {
                0
            } else {
                super::reflectrt::kind(mach, tid(a(0)))
            }
        }
        // typeOf(typ) Type
        ReflectOp::TypeOf => {
            g.regs[at] = if a(0) == 0 {
                0
            } else {
                super::reflectrt::type_word(mach, tid(a(0)))
            }
        }
        // typeIdx(t Type) int
        ReflectOp::TypeIdx => {
            g.regs[at] = match value::iface_parts(a(0)) {
                Some((_, d)) => d + 1,
                None => 0,
            }
        }
        // wordOf(v) (also strOf, bytesOf, ifaceOf: the same word under other result types)
        ReflectOp::WordOf => g.regs[at] = word(mach, &arg(a(0))),
        // elem(v) Value
        ReflectOp::ElemOf => {
            let v = arg(a(0));
            let out = match types.get(types.underlying(v.ty())) {
                _ if v.typ == 0 => return Err(value_error(mach, "Elem", &v)),
                Type::Pointer(e) => {
                    let p = word(mach, &v);
                    if p == 0 {
                        V::ZERO
                    } else if is_aggregate(types, *e) {
                        direct(mach, *e, ADDR | ro(v.flag), p)
                    } else {
                        let (base, i) = value::interior_parts(p);
                        at_slot(mach, *e, ADDR | ro(v.flag), base.word(), i)
                    }
                }
                Type::Interface(_) => match value::iface_parts(word(mach, &v)) {
                    None => V::ZERO,
                    Some((t, d)) => direct(mach, TypeId::from_index(t), ro(v.flag), d),
                },
                _ => return Err(value_error(mach, "Elem", &v)),
            };
            put(g, at, out);
        }
        // field(v, i) Value
        ReflectOp::FieldOf => {
            let v = arg(a(0));
            let Type::Struct(fs) = types.get(types.underlying(v.ty())) else {
                return Err(value_error(mach, "Field", &v));
            };
            let i = a(1) as usize;
            let Some(f) = fs.get(i) else {
                return Err(GoPanic::Native("reflect: Field index out of range".into()));
            };
            let mut flag = v.flag & (ADDR | RO);
            if !f.name.starts_with(|c: char| c.is_uppercase()) {
                flag |= if f.embedded { EMBED_RO } else { RO };
            }
            let out = at_slot(mach, f.ty, flag, word(mach, &v), i);
            put(g, at, out);
        }
        // index(v, i) Value
        ReflectOp::IndexOf => {
            let v = arg(a(0));
            let i = a(1) as i64;
            let out = match types.get(types.underlying(v.ty())) {
                _ if v.typ == 0 => return Err(value_error(mach, "Index", &v)),
                Type::Slice(e) => {
                    let p = value::slice_parts(word(mach, &v));
                    if i < 0 || i as usize >= p.len {
                        return Err(GoPanic::Native("reflect: slice index out of range".into()));
                    }
                    at_slot(mach, *e, ADDR | ro(v.flag), p.array, p.offset + i as usize)
                }
                Type::Array(n, e) => {
                    if i < 0 || i as u64 >= *n {
                        return Err(GoPanic::Native("reflect: array index out of range".into()));
                    }
                    at_slot(
                        mach,
                        *e,
                        (v.flag & ADDR) | ro(v.flag),
                        word(mach, &v),
                        i as usize,
                    )
                }
                Type::Basic(crate::types::constant::BasicKind::String) => {
                    let s = value::str_bytes(word(mach, &v));
                    if i < 0 || i as usize >= s.len() {
                        return Err(GoPanic::Native("reflect: string index out of range".into()));
                    }
                    direct(mach, TypeId::UINT8, ro(v.flag), s[i as usize] as u64)
                }
                _ => return Err(value_error(mach, "Index", &v)),
            };
            put(g, at, out);
        }
        // vlen(v) int
        ReflectOp::LenOf => {
            let v = arg(a(0));
            let w = word(mach, &v);
            g.regs[at] = match types.get(types.underlying(v.ty())) {
                _ if v.typ == 0 => return Err(value_error(mach, "Len", &v)),
                Type::Slice(_) => value::slice_parts(w).len as u64,
                Type::Array(n, _) => *n,
                Type::Basic(crate::types::constant::BasicKind::String) => {
                    value::str_bytes(w).len() as u64
                }
                Type::Map(..) => super::map::len(w) as u64,
                Type::Chan(..) => crate::runtime::chan::len(w) as u64,
                _ => return Err(value_error(mach, "Len", &v)),
            };
        }
        // toIface(v) any: Interface()
        ReflectOp::ToIface => {
            let v = arg(a(0));
            if v.typ == 0 {
                return Err(value_error(mach, "Interface", &v));
            }
            let t = v.ty();
            let w = word(mach, &v);
            g.regs[at] = if types.is_interface(t) {
                w
            } else {
                let d = if is_aggregate(types, t) {
                    mach.copy(t, w)
                } else {
                    w
                };
                value::new_iface(&mut mach.m, t.index() as u32, d, is_ref(types, t))
            };
        }
        // storeWord(v, w): the gol side checked settability and kind
        ReflectOp::StoreWord => {
            let v = arg(a(0));
            store(mach, &v, a(1));
        }
        // assign(v, x): Set
        ReflectOp::Assign => {
            let (v, x) = (arg(a(0)), arg(a(1)));
            if x.typ == 0 {
                return Err(GoPanic::Native(
                    "reflect: call of reflect.Value.Set on zero Value".into(),
                ));
            }
            let w = assignable_word(mach, v.ty(), &x, "reflect.Set")?;
            store(mach, &v, w);
        }
        // zero(typ) (w, r)
        ReflectOp::ZeroOf => {
            let t = tid(a(0));
            let z = mach.zero(t);
            let v = direct(mach, t, 0, z);
            g.regs[at..at + 2].copy_from_slice(&[v.w, v.r]);
        }
        // newPtr(typ) (ptyp, r): New; ptyp 0 if the program has no type *T
        ReflectOp::NewPtr => {
            let t = tid(a(0));
            let Some(pt) = types.lookup(&Type::Pointer(t)) else {
                g.regs[at..at + 2].copy_from_slice(&[0, 0]);
                return Ok(());
            };
            let p = if is_aggregate(types, t) {
                mach.zero(t)
            } else {
                let r = is_ref(types, t);
                let layout = if r {
                    &crate::runtime::gc::REFS
                } else {
                    &crate::runtime::gc::SCALARS
                };
                let b = mach.m.alloc(layout, 1).word();
                value::new_interior(&mut mach.m, b, 0)
            };
            g.regs[at..at + 2].copy_from_slice(&[pt.index() as u64 + 1, p]);
        }
        // makeSlice(typ, len, cap) []T
        ReflectOp::MakeSlice => {
            let Type::Slice(e) = types.get(types.underlying(tid(a(0)))) else {
                return Err(GoPanic::Native(
                    "reflect.MakeSlice of non-slice type".into(),
                ));
            };
            let (len, cap) = (a(1) as i64, a(2) as i64);
            if len < 0 {
                return Err(GoPanic::Native("reflect.MakeSlice: negative len".into()));
            }
            if cap < len {
                return Err(GoPanic::Native("reflect.MakeSlice: len > cap".into()));
            }
            g.regs[at] = super::rt::make_slice(mach, *e, len as usize, cap as usize);
        }
        // makeMap(typ) map
        ReflectOp::MakeMap => {
            let Type::Map(k, e) = types.get(types.underlying(tid(a(0)))) else {
                return Err(GoPanic::Native("reflect.MakeMap of non-map type".into()));
            };
            let (kr, er) = (is_ref(types, *k), is_ref(types, *e));
            g.regs[at] = super::map::new_map(&mut mach.m, *k, kr, er);
        }
        // mapIndex(v, k) Value (zero Value if absent)
        ReflectOp::MapIndex => {
            let (v, k) = (arg(a(0)), arg(a(1)));
            let Type::Map(kt, et) = types.get(types.underlying(v.ty())) else {
                return Err(value_error(mach, "MapIndex", &v));
            };
            let key = assignable_word(mach, *kt, &k, "reflect.Value.MapIndex")?;
            let got = super::map::get(types, word(mach, &v), key).map_err(super::panic::runtime)?;
            let out = match got {
                Some(x) => direct(mach, *et, ro(v.flag), x),
                None => V::ZERO,
            };
            put(g, at, out);
        }
        // setMapIndex(v, k, e): e the zero Value deletes
        ReflectOp::SetMapIndex => {
            let (v, k, e) = (arg(a(0)), arg(a(1)), arg(a(2)));
            let Type::Map(kt, et) = types.get(types.underlying(v.ty())) else {
                return Err(value_error(mach, "SetMapIndex", &v));
            };
            let m = word(mach, &v);
            let key = assignable_word(mach, *kt, &k, "reflect.Value.SetMapIndex")?;
            let key = if is_aggregate(types, *kt) {
                mach.copy(*kt, key)
            } else {
                key
            };
            if e.typ == 0 {
                super::map::delete(types, m, key).map_err(super::panic::runtime)?;
            } else {
                let x = assignable_word(mach, *et, &e, "reflect.Value.SetMapIndex")?;
                let x = if is_aggregate(types, *et) {
                    mach.copy(*et, x)
                } else {
                    x
                };
                super::map::insert(types, m, key, x)
                    .map_err(|s| GoPanic::Runtime(super::panic::RuntimeError::Other(s)))?;
            }
        }
        // mapSnap(v) (keys, vals, n)
        ReflectOp::MapSnap => {
            let v = arg(a(0));
            let m = word(mach, &v);
            let (k, e) = super::map::range_snapshot(&mut mach.m, m);
            let n = if k == 0 {
                0
            } else {
                value::obj_len(obj(k)) as u64
            };
            g.regs[at..at + 3].copy_from_slice(&[k, e, n]);
        }
        // snapAt(typ, snap, i) Value: word i of a map snapshot, as a value of type typ
        ReflectOp::SnapAt => {
            let t = tid(a(0));
            let x = value::load(obj(a(1)), a(2) as usize, is_ref(types, t));
            let out = direct(mach, t, 0, x);
            put(g, at, out);
        }
        // appendOne(s, x) []T
        ReflectOp::AppendOne => {
            let (s, x) = (arg(a(0)), arg(a(1)));
            let Type::Slice(e) = types.get(types.underlying(s.ty())) else {
                return Err(value_error(mach, "Append", &s));
            };
            let w = assignable_word(mach, *e, &x, "reflect.Append")?;
            let sw = word(mach, &s);
            g.regs[at] = super::rt::append(mach, *e, sw, &[w]);
        }
        // addr(v) (ptyp, r): ptyp 0 if the program has no type *T
        ReflectOp::AddrOf => {
            let v = arg(a(0));
            let t = v.ty();
            let Some(pt) = types.lookup(&Type::Pointer(t)) else {
                g.regs[at..at + 2].copy_from_slice(&[0, 0]);
                return Ok(());
            };
            let p = if is_aggregate(types, t) {
                v.r
            } else {
                value::new_interior(&mut mach.m, v.r, v.i as usize)
            };
            g.regs[at..at + 2].copy_from_slice(&[pt.index() as u64 + 1, p]);
        }
        // implements(typ, iface typ) bool: the method set of typ covers iface's
        ReflectOp::ImplementsType => {
            let t = tid(a(0));
            g.regs[at] = implements(mach, t.index() as u32, tid(a(1))) as u64;
        }
        // elemType(typ) typ: Elem of pointer/slice/array/map/chan (0 otherwise); keyType(typ)
        ReflectOp::ElemType | ReflectOp::KeyType => {
            let u = types.get(types.underlying(tid(a(0))));
            let t = match (op, u) {
                (ReflectOp::KeyType, Type::Map(k, _)) => Some(*k),
                (
                    ReflectOp::ElemType,
                    Type::Pointer(e)
                    | Type::Slice(e)
                    | Type::Array(_, e)
                    | Type::Chan(_, e)
                    | Type::Map(_, e),
                ) => Some(*e),
                _ => None,
            };
            g.regs[at] = t.map_or(0, |t| t.index() as u64 + 1);
        }
        // typeString(typ) string
        ReflectOp::TypeString => {
            let s = types.display(tid(a(0)), crate::types::ty::Spelling::Reflect);
            g.regs[at] = value::new_string(&mut mach.m, s.as_bytes());
        }
        // valueTypeIdx(v Value) int: v's type index + 1 (a cache key for encoding/json)
        ReflectOp::ValueTypeIdx => g.regs[at] = arg(a(0)).typ,
        // ptrTo(t Type) Type: *t, or nil if the program has no such type
        ReflectOp::PtrTo => {
            g.regs[at] = match value::iface_parts(a(0)) {
                None => 0,
                Some((_, d)) => match types.lookup(&Type::Pointer(TypeId::from_index(d as u32))) {
                    Some(pt) => super::reflectrt::type_word(mach, pt),
                    None => 0,
                },
            }
        }
    }
    Ok(())
}
