//! VM REFLECT: `reflect.TypeOf` and the methods of gol's `reflect.Type` (an interface holding
//! a `reflect.rtype`: a type's index in the program's type table): Name, String, Kind,
//! NumField, Field (with the field's tag), NumMethod, Elem, Len. Input: `Rt::Io` ops 70–78.
//! Output: their results, or Go's panics for a method the type's kind does not have.

use super::panic::GoPanic;
use super::value::{self, obj};
use super::Machine;
use crate::bytecode::rtsub::ReflectliteOp;
use crate::types::constant::BasicKind;
use crate::types::ty::{Spelling, Type, TypeId};

/// A `reflect.Type` interface word for type `t` (holding the rtype value `t.index()`).
pub(crate) fn type_word(mach: &mut Machine, t: TypeId) -> u64 {
    value::new_iface(
        &mut mach.m,
        mach.std.reflect_rtype_ptr,
        t.index() as u64,
        false,
    )
}

/// reflect's Kind numbering (`stdlib/natives/reflect.rs` names them).
pub(crate) fn kind(mach: &Machine, t: TypeId) -> u64 {
    let types = mach.types();
    match types.get(types.underlying(t)) {
        Type::Basic(k) => match k {
            BasicKind::Bool => 1,
            BasicKind::Int => 2,
            BasicKind::Int8 => 3,
            BasicKind::Int16 => 4,
            BasicKind::Int32 => 5,
            BasicKind::Int64 => 6,
            BasicKind::Uint => 7,
            BasicKind::Uint8 => 8,
            BasicKind::Uint16 => 9,
            BasicKind::Uint32 => 10,
            BasicKind::Uint64 => 11,
            BasicKind::Uintptr => 12,
            BasicKind::Float32 => 13,
            BasicKind::Float64 => 14,
            BasicKind::Complex64 => 15,
            BasicKind::Complex128 => 16,
            BasicKind::String => 24,
            _ => 0,
        },
        Type::Array(..) => 17,
        Type::Chan(..) => 18,
        Type::Func(_) => 19,
        Type::Interface(_) => 20,
        Type::Map(..) => 21,
        Type::Pointer(_) => 22,
        Type::Slice(_) => 23,
        Type::Struct(_) => 25,
        _ => 0,
    }
}

pub fn reflect_op(mach: &mut Machine, op: u64, a: [u64; 4]) -> Result<Vec<u64>, GoPanic> {
    if op == 70 {
        return Ok(vec![match value::iface_parts(a[0]) {
            Some((t, _)) => type_word(mach, TypeId::from_index(t)),
            None => 0,
        }]);
    }
    let t = TypeId::from_index(a[0] as u32);
    let types = std::sync::Arc::clone(&mach.prog);
    let types = &types.types;
    let shown = types.display(t, Spelling::Reflect);
    let u = types.get(types.underlying(t)).clone();
    let bad = |what: &str| {
        Err(GoPanic::Native(format!(
            "reflect: {what} of non-{} type {shown}",
            match what {
                "Len" => "array",
                _ => "struct",
            }
        )))
    };
    Ok(match op {
        71 => {
            let name = match (types.named_info(t), types.get(t)) {
                (Some(n), _) => n.name.clone(),
                (None, Type::Basic(_)) => shown.clone(),
                _ => String::new(),
            };
            vec![value::new_string(&mut mach.m, name.as_bytes())]
        }
        72 => vec![value::new_string(&mut mach.m, shown.as_bytes())],
        73 => vec![kind(mach, t)],
        74 => match u {
            Type::Struct(fs) => vec![fs.len() as u64],
            _ => return bad("NumField"),
        },
        75 => {
            let Type::Struct(fs) = u else {
                return bad("Field");
            };
            let i = a[1] as i64;
            let Some(f) = usize::try_from(i).ok().and_then(|i| fs.get(i)) else {
                return Err(GoPanic::Native("reflect: Field index out of bounds".into()));
            };
            let sf = mach.zero(TypeId::from_index(mach.std.reflect_struct_field));
            let o = obj(sf);
            let name = value::new_string(&mut mach.m, f.name.as_bytes());
            value::store(o, 0, name, true);
            if !f.name.starts_with(|c: char| c.is_uppercase()) {
                let pkg = value::new_string(&mut mach.m, b"main");
                value::store(o, 1, pkg, true);
            }
            let ft = type_word(mach, f.ty);
            value::store(o, 2, ft, true);
            let tag = value::new_string(&mut mach.m, f.tag.as_bytes());
            value::store(o, 3, tag, true);
            let index = crate::stdlib::natives::new_int_slice_m(&mut mach.m, &[i as u64]);
            value::store(o, 5, index, true);
            value::store(o, 6, f.embedded as u64, false);
            vec![sf]
        }
        76 => {
            let n = match &u {
                Type::Interface(i) => i.methods.len(),
                _ => {
                    let (base, ptr) = match &u {
                        Type::Pointer(e) => (*e, true),
                        _ => (t, false),
                    };
                    types.named_info(base).map_or(0, |n| {
                        n.methods
                            .iter()
                            .filter(|m| {
                                (ptr || !m.pointer_receiver)
                                    && m.name.starts_with(|c: char| c.is_uppercase())
                            })
                            .count()
                    })
                }
            };
            vec![n as u64]
        }
        77 => match u {
            Type::Pointer(e)
            | Type::Slice(e)
            | Type::Array(_, e)
            | Type::Chan(_, e)
            | Type::Map(_, e) => vec![type_word(mach, e)],
            _ => {
                return Err(GoPanic::Native(format!(
                    "reflect: Elem of invalid type {shown}"
                )))
            }
        },
        78 => match u {
            Type::Array(n, _) => vec![n],
            _ => return bad("Len"),
        },
        79 => match u {
            Type::Map(k, _) => vec![type_word(mach, k)],
            _ => {
                return Err(GoPanic::Native(format!(
                    "reflect: Key of non-map type {shown}"
                )))
            }
        },
        80 | 82 => {
            let Some((_, ui)) = value::iface_parts(a[1]) else {
                let m = if op == 80 {
                    "Implements"
                } else {
                    "AssignableTo"
                };
                return Err(GoPanic::Native(format!(
                    "reflect: nil type passed to Type.{m}"
                )));
            };
            let ut = TypeId::from_index(ui as u32);
            if op == 80 && !types.is_interface(ut) {
                return Err(GoPanic::Native(
                    "reflect: non-interface type passed to Type.Implements".into(),
                ));
            }
            let ok = ut == t
                || (types.is_interface(ut)
                    && super::reflectv::implements(mach, t.index() as u32, ut))
                || (op == 82
                    && types.underlying(ut) == types.underlying(t)
                    && (types.named_info(ut).is_none() || types.named_info(t).is_none())
                    && !types.is_interface(t));
            vec![ok as u64]
        }
        81 => {
            let pkg = match types.named_info(t) {
                Some(n) if !n.pkg.is_empty() => n.pkg.clone(),
                _ => String::new(),
            };
            vec![value::new_string(&mut mach.m, pkg.as_bytes())]
        }
        _ => {
            return Err(super::panic::runtime(format!(
                "gol: unknown reflect op {op}"
            )))
        }
    })
}

/// reflect's name of a type's kind (`Kind.String`).
fn kind_name(mach: &Machine, t: u32) -> &'static str {
    let k = kind(mach, TypeId::from_index(t)) as usize;
    crate::stdlib::natives::reflect::KIND_NAMES
        .get(k)
        .copied()
        .unwrap_or("invalid")
}

/// The slice an `any` holds, or reflectlite's `Swapper` panic.
fn any_slice(mach: &Machine, x: u64) -> Result<value::SliceParts, GoPanic> {
    let Some((t, d)) = value::iface_parts(x) else {
        return Err(GoPanic::Native(
            "reflect: call of Swapper on zero Value".into(),
        ));
    };
    let types = mach.types();
    match types.get(types.underlying(TypeId::from_index(t))) {
        Type::Slice(_) => Ok(value::slice_parts(d)),
        _ => Err(GoPanic::Native(format!(
            "reflect: call of Swapper on {} Value",
            kind_name(mach, t)
        ))),
    }
}

/// reflectlite's `Value.Len` of what an `any` holds.
fn any_len(mach: &Machine, x: u64) -> Result<i64, GoPanic> {
    let Some((t, d)) = value::iface_parts(x) else {
        return Err(GoPanic::Native(
            "reflect: call of reflectlite.Value.Len on zero Value".into(),
        ));
    };
    let types = mach.types();
    Ok(match types.get(types.underlying(TypeId::from_index(t))) {
        Type::Slice(_) => value::slice_parts(d).len as i64,
        Type::Array(n, _) => *n as i64,
        Type::Basic(BasicKind::String) => value::str_bytes(d).len() as i64,
        Type::Map(..) => super::map::len(d) as i64,
        Type::Chan(..) => crate::runtime::chan::len(d) as i64,
        _ => {
            return Err(GoPanic::Native(format!(
                "reflect: call of reflectlite.Value.Len on {} Value",
                kind_name(mach, t)
            )))
        }
    })
}

/// `Rt::Reflectlite` on the window `[op, x, i, j]`: package sort's bodyless natives
/// (`stdlib/sort/natives.gol`), which stand in for the reflection Go's sort.Slice uses.
/// 0 `sliceLen(x) int`, 1 `sliceSwap(x, i, j)`, 2 `valueLen(x) int`; 3, 4, 5
/// `sortInts(x []int)`, `sortStrings`, `sortFloat64s` (`sortwords.rs`). None calls gol code.
pub fn sort_native(
    mach: &mut Machine,
    g: &mut super::Goroutine,
    at: usize,
    op: ReflectliteOp,
) -> Result<(), GoPanic> {
    let x = g.regs[at + 1];
    match op {
        ReflectliteOp::SliceLen => g.regs[at] = any_slice(mach, x)?.len as u64,
        ReflectliteOp::SliceSwap => {
            let p = any_slice(mach, x)?;
            let (i, j) = (g.regs[at + 2] as i64, g.regs[at + 3] as i64);
            if i < 0 || j < 0 || i as usize >= p.len || j as usize >= p.len {
                return Err(GoPanic::Native("reflect: slice index out of range".into()));
            }
            // Every element is one word (vm/value.rs), whatever the element type.
            let a = obj(p.array);
            let (x, y) = (p.offset + i as usize, p.offset + j as usize);
            let (vx, vy) = (value::load(a, x, true), value::load(a, y, true));
            value::store(a, x, vy, true);
            value::store(a, y, vx, true);
        }
        ReflectliteOp::ValueLen => g.regs[at] = any_len(mach, x)? as u64,
        ReflectliteOp::SortInts => super::sortwords::sort_ordered(0, x)?,
        ReflectliteOp::SortStrings => super::sortwords::sort_ordered(1, x)?,
        ReflectliteOp::SortFloat64s => super::sortwords::sort_ordered(2, x)?,
    }
    Ok(())
}
