//! FMT (temporary minimal driver, replaced by the full one): interface words → Go's printing.

use crate::types::ty::{Type, TypeId, Types};
use crate::vm::value;

pub enum Hook {
    Error,
    String,
    GoString,
}

pub trait FmtHost {
    fn types(&self) -> &Types;
    fn call(&mut self, hook: Hook, ty: TypeId, w: u64) -> Result<Vec<u8>, String>;
    fn map_entries(&self, map: u64) -> Vec<(u64, u64)>;
}

pub fn has_hook(types: &Types, ty: TypeId, hook: Hook) -> bool {
    let name = match hook {
        Hook::Error => "Error",
        Hook::String => "String",
        Hook::GoString => "GoString",
    };
    let (t, ptr) = match types.get(ty) {
        Type::Pointer(p) => (*p, true),
        _ => (ty, false),
    };
    types
        .named_info(t)
        .is_some_and(|n| n.methods.iter().any(|m| m.name == name && (ptr || !m.pointer_receiver)))
}

fn one(host: &mut dyn FmtHost, out: &mut Vec<u8>, w: u64) {
    let Some((t, d)) = value::iface_parts(w) else {
        out.extend_from_slice(b"<nil>");
        return;
    };
    let ty = TypeId::from_index(t);
    for hook in [Hook::Error, Hook::String] {
        let h = matches!(hook, Hook::Error);
        if has_hook(host.types(), ty, if h { Hook::Error } else { Hook::String }) {
            match host.call(hook, ty, d) {
                Ok(b) => out.extend_from_slice(&b),
                Err(e) => out.extend_from_slice(e.as_bytes()),
            }
            return;
        }
    }
    let types = host.types();
    match types.get(types.underlying(ty)) {
        Type::Basic(k) => {
            use crate::types::constant::BasicKind::*;
            match k {
                Bool => out.extend_from_slice(if d != 0 { b"true" } else { b"false" }),
                Int | Int8 | Int16 | Int32 | Int64 => out.extend_from_slice((d as i64).to_string().as_bytes()),
                Float32 => crate::stdlib::strconv::append_float(out, f64::from_bits(d), b'g', -1, 32),
                Float64 => crate::stdlib::strconv::append_float(out, f64::from_bits(d), b'g', -1, 64),
                String => out.extend_from_slice(value::str_bytes(d)),
                _ => out.extend_from_slice(d.to_string().as_bytes()),
            }
        }
        _ => out.extend_from_slice(b"?"),
    }
}

fn is_string(host: &dyn FmtHost, w: u64) -> bool {
    value::iface_parts(w).is_some_and(|(t, _)| {
        let types = host.types();
        types.underlying(TypeId::from_index(t)) == TypeId::STRING
    })
}

pub fn sprint(host: &mut dyn FmtHost, args: &[u64]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 && !is_string(host, a) && !is_string(host, args[i - 1]) {
            out.push(b' ');
        }
        one(host, &mut out, a);
    }
    out
}

pub fn sprintln(host: &mut dyn FmtHost, args: &[u64]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        one(host, &mut out, a);
    }
    out.push(b'\n');
    out
}

pub fn sprintf(host: &mut dyn FmtHost, format: &[u8], args: &[u64]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut it = args.iter();
    let mut i = 0;
    while i < format.len() {
        if format[i] == b'%' && i + 1 < format.len() {
            i += 1;
            if format[i] == b'%' {
                out.push(b'%');
            } else if let Some(&a) = it.next() {
                one(host, &mut out, a);
            }
        } else {
            out.push(format[i]);
        }
        i += 1;
    }
    out
}

pub fn wrapped_args(_format: &[u8], _nargs: usize) -> Vec<usize> {
    Vec::new()
}
