//! VM BUILTIN PRINTING AND INTERFACE ASSERTIONS: the `print`/`println` builtins (Go's
//! `runtime/print.go` forms) and `x.(I)` for an interface type I. Input: the helper windows
//! documented on `Rt::PrintBuiltin` and `Rt::AssertIface`. Output: bytes on stderr, or the
//! asserted value / Go's `interface conversion` panic.

use super::host::{method_index, print_float};
use super::panic::{self, GoPanic};
use super::rt::slice_words;
use super::value;
use super::{Goroutine, Machine};
use crate::types::ty::{Spelling, Type, TypeId};
use std::sync::Arc;

/// `[kind, args slice]`: the builtin `print` (kind 0) / `println` (kind 1) to stderr.
pub fn print_builtin(mach: &mut Machine, g: &mut Goroutine, at: usize) {
    let ln = g.regs[at] != 0;
    let args = slice_words(g.regs[at + 1]);
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        if ln && i > 0 {
            out.push(b' ');
        }
        let Some((t, d)) = value::iface_parts(*a) else {
            out.extend_from_slice(b"(0x0,0x0)");
            continue;
        };
        let ty = TypeId::from_index(t);
        match types.get(types.underlying(ty)) {
            Type::Basic(k) => {
                use crate::types::constant::BasicKind::*;
                match k {
                    Bool => out.extend_from_slice(if d != 0 { b"true" } else { b"false" }),
                    Int | Int8 | Int16 | Int32 | Int64 => {
                        out.extend_from_slice((d as i64).to_string().as_bytes())
                    }
                    Float32 => print_float(&mut out, f64::from_bits(d), 32),
                    Float64 => print_float(&mut out, f64::from_bits(d), 64),
                    Complex64 => print_complex(&mut out, d, 32),
                    Complex128 => print_complex(&mut out, d, 64),
                    String => out.extend_from_slice(value::str_bytes(d)),
                    _ => out.extend_from_slice(d.to_string().as_bytes()),
                }
            }
            // Go's printslice: `[len/cap]` and the address of the first element.
            Type::Slice(_) => {
                let p = value::slice_parts(d);
                let addr = if p.array == 0 {
                    0
                } else {
                    p.array + 8 * p.offset as u64
                };
                out.extend_from_slice(format!("[{}/{}]{addr:#x}", p.len, p.cap).as_bytes());
            }
            _ => out.extend_from_slice(format!("{d:#x}").as_bytes()),
        }
    }
    if ln {
        out.push(b'\n');
    }
    mach.write_stderr(&out);
}

/// Go's `strconv.AppendComplex(dst, c, 'g', -1, ...)`: `(re±imi)`, the imaginary part always
/// signed; `bits` is each part's float size.
fn print_complex(out: &mut Vec<u8>, w: u64, bits: u32) {
    let (re, im) = super::complex::parts(w);
    out.push(b'(');
    print_float(out, re, bits);
    let i = out.len();
    print_float(out, im, bits);
    if out[i] != b'+' && out[i] != b'-' {
        out.insert(i, b'+');
    }
    out.extend_from_slice(b"i)");
}

/// `[interface, interface type id, comma_ok, static type id] → [value, ok]`.
///
/// The dynamic type must have every method of the target with the same name and signature
/// (`Program::method_sigs` holds the signatures of user-declared and promoted methods).
pub fn assert_iface(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let target = TypeId::from_index(g.regs[at + 1] as u32);
    let w = g.regs[at];
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let methods: Vec<(String, TypeId)> = match types.get(types.underlying(target)) {
        Type::Interface(i) => i.methods.clone(),
        _ => Vec::new(),
    };
    let has = |t: u32, name: &str, sig: TypeId| {
        method_index(mach, name).is_some_and(|i| {
            prog.methods.contains_key(&(t, i))
                && prog.method_sigs.get(&(t, i)).is_none_or(|&s| s == sig)
        })
    };
    let missing = match value::iface_parts(w) {
        None => Some(None),
        Some((t, _)) => methods
            .iter()
            .find(|(m, sig)| !has(t, m, *sig))
            .map(|(m, _)| Some((t, m.clone()))),
    };
    match missing {
        None => {
            g.regs[at + 1] = 1;
        }
        Some(_) if g.regs[at + 2] != 0 => {
            g.regs[at] = 0;
            g.regs[at + 1] = 0;
        }
        Some(None) => {
            // Go names no static type here: "interface is nil".
            let want = types.display(target, Spelling::Reflect);
            return Err(panic::runtime(format!(
                "interface conversion: interface is nil, not {want}"
            )));
        }
        Some(Some((t, m))) => {
            let got = types.display(TypeId::from_index(t), Spelling::Reflect);
            let want = types.display(target, Spelling::Reflect);
            return Err(panic::runtime(format!(
                "interface conversion: {got} is not {want}: missing method {m}"
            )));
        }
    }
    Ok(())
}
