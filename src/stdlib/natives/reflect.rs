//! `reflect.Kind.String` and `reflect.StructTag.Get`/`Lookup` (Go's tag syntax:
//! `key:"value" key2:"value2"`, values in Go string-literal quoting).

use super::{ret, NativeCtx, NativeFn};
use crate::vm::value::{self, str_bytes};

/// Go's `Kind.String` names, by kind number (vm/reflectrt.rs numbers kinds the same way).
pub(crate) const KIND_NAMES: [&str; 27] = [
    "invalid",
    "bool",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "array",
    "chan",
    "func",
    "interface",
    "map",
    "ptr",
    "slice",
    "string",
    "struct",
    "unsafe.Pointer",
];

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "reflect.Kind.String" | "reflect.(*Kind).String" => |c: &mut NativeCtx, a: &mut [u64]| {
            let k = a[0] as usize;
            let s = match KIND_NAMES.get(k) {
                Some(n) => n.to_string(),
                None => format!("kind{k}"),
            };
            a[0] = value::new_string(c.m, s.as_bytes());
            Ok(())
        },
        "reflect.StructField.IsExported" | "reflect.(*StructField).IsExported" => |_c, a| {
            // Field 1 is PkgPath, empty for an exported field.
            let pkg = value::load(value::obj(a[0]), 1, true);
            a[0] = value::str_bytes(pkg).is_empty() as u64;
            Ok(())
        },
        "reflect.StructTag.Get" | "reflect.(*StructTag).Get" => |c, a| {
            let v = tag_lookup(str_bytes(a[0]), str_bytes(a[1])).unwrap_or_default();
            a[0] = value::new_string(c.m, &v);
            Ok(())
        },
        "reflect.StructTag.Lookup" | "reflect.(*StructTag).Lookup" => {
            |c, a| match tag_lookup(str_bytes(a[0]), str_bytes(a[1])) {
                Some(v) => {
                    let w = value::new_string(c.m, &v);
                    ret(a, &[w, 1])
                }
                None => ret(a, &[0, 0]),
            }
        }
        _ => return None,
    })
}

/// Go's `StructTag.Lookup`.
fn tag_lookup(mut tag: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    while !tag.is_empty() {
        let skip = tag.iter().take_while(|&&c| c == b' ').count();
        tag = &tag[skip..];
        if tag.is_empty() {
            break;
        }
        // The name: up to ':' (no spaces, quotes or controls).
        let i = tag
            .iter()
            .take_while(|&&c| c > b' ' && c != b':' && c != b'"' && c != 0x7f)
            .count();
        if i == 0 || i + 1 >= tag.len() || tag[i] != b':' || tag[i + 1] != b'"' {
            break;
        }
        let name = &tag[..i];
        tag = &tag[i + 1..];
        // The quoted value.
        let mut j = 1;
        while j < tag.len() && tag[j] != b'"' {
            if tag[j] == b'\\' {
                j += 1;
            }
            j += 1;
        }
        if j >= tag.len() {
            break;
        }
        let quoted = &tag[..j + 1];
        tag = &tag[j + 1..];
        if name == key {
            return crate::stdlib::natives::unquote_pub(quoted);
        }
    }
    None
}
