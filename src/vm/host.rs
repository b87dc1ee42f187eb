//! VM HOST: runtime helpers that need the type table or must run gol code from Rust: fmt's
//! printing (which calls `String`/`Error`/`Format` methods as frames, `cont.rs`), type
//! assertions, `==` on any comparable type, maps, recovered panic values and the builtin `print`.
//! Input: a helper's register window. Output: its results, or a Go panic.

use super::cont::{self, CallReq, CallResult, Memo};
use super::panic::{self, GoPanic};
use super::rt::{slice_words, Flow};
use super::value;
use super::{Goroutine, Machine};
use crate::bytecode::FuncId;
use crate::stdlib::fmt::{self as gofmt, FmtHost, Hook};
use crate::types::ty::{Spelling, Type, TypeId, Types};
use std::sync::Arc;

/// The method-name index of `name`, if any call site or method uses it.
pub(crate) fn method_index(mach: &Machine, name: &str) -> Option<u32> {
    mach.prog
        .method_names
        .iter()
        .position(|n| n == name)
        .map(|i| i as u32)
}

/// fmt's view of the VM while a `fmt` helper runs. Method calls are answered from the
/// helper's memo; the first call not in it becomes `request` and every later one is answered
/// with a dummy (the output of this run is then discarded: the helper suspends, `cont.rs`).
struct Host<'a> {
    mach: &'a mut Machine,
    types: Arc<crate::bytecode::Program>,
    memo: Memo,
    /// Index of the next memoised result to consume.
    next: usize,
    request: Option<CallReq>,
}

impl Host<'_> {
    /// The result of the next call this run makes: memoised, or `None` after asking for it
    /// (`args` and `extra` as in `CallReq`).
    fn result(&mut self, func: FuncId, args: Vec<u64>, extra: Vec<u64>) -> Option<CallResult> {
        if self.request.is_some() {
            return None;
        }
        if let Some(r) = self.memo.results.get(self.next) {
            self.next += 1;
            return Some(r.clone());
        }
        self.request = Some(CallReq {
            func,
            closure: 0,
            args,
            catch: true,
            extra,
        });
        None
    }

    /// The text of a panic that fmt caught (`%!v(PANIC=...)`): its `Error`/`String` result if
    /// it has one (another call), else how the runtime prints it.
    fn panic_text(&mut self, p: &GoPanic) -> String {
        match panic_method(self.mach, p) {
            Some((func, d)) => match self.result(func, vec![d], Vec::new()) {
                Some(CallResult::Ok(r)) => {
                    String::from_utf8_lossy(value::str_bytes(r[0])).into_owned()
                }
                Some(CallResult::Panic(_)) => plain_panic_text(self.mach, p),
                None => String::new(),
            },
            None => plain_panic_text(self.mach, p),
        }
    }
}

impl FmtHost for Host<'_> {
    fn types(&self) -> &Types {
        &self.types.types
    }

    fn call(&mut self, hook: Hook, ty: TypeId, w: u64) -> Result<Vec<u8>, String> {
        let name = match hook {
            Hook::Error => "Error",
            Hook::String => "String",
            Hook::GoString => "GoString",
        };
        let Some(func) = method_index(self.mach, name)
            .and_then(|m| self.mach.prog.methods.get(&(ty.index() as u32, m)).copied())
        else {
            return Err(format!("gol: no {name} method"));
        };
        match self.result(func, vec![w], Vec::new()) {
            Some(CallResult::Ok(r)) => Ok(value::str_bytes(r[0]).to_vec()),
            Some(CallResult::Panic(p)) => Err(self.panic_text(&p)),
            None => Ok(Vec::new()),
        }
    }

    fn map_entries(&self, map: u64) -> Vec<(u64, u64)> {
        super::map::entries(map)
    }

    /// `Format(state, verb)` with a fresh `*fmt.pp` (`{buf, flags, wid, prec}`) as the state.
    fn format(
        &mut self,
        ty: TypeId,
        w: u64,
        verb: u32,
        spec: &crate::stdlib::fmtcore::Spec,
    ) -> Option<Result<Vec<u8>, String>> {
        static PP: crate::runtime::gc::Layout = crate::runtime::gc::Layout::Pattern {
            period: 4,
            bits: &[0b0011],
        };
        let func = method_index(self.mach, "Format")
            .and_then(|m| self.mach.prog.methods.get(&(ty.index() as u32, m)).copied())?;
        if self.request.is_some() {
            return Some(Ok(Vec::new()));
        }
        if self.next >= self.memo.results.len() {
            let f = &spec.flags;
            let mut flags = Vec::new();
            for (on, c) in [
                (f.minus, b'-'),
                (f.plus || f.plus_v, b'+'),
                (f.sharp || f.sharp_v, b'#'),
                (f.space, b' '),
                (f.zero, b'0'),
            ] {
                if on {
                    flags.push(c);
                }
            }
            let flags = value::new_string(&mut self.mach.m, &flags);
            let o = self.mach.m.alloc(&PP, 4);
            value::store(o, 1, flags, true);
            value::store(o, 2, spec.width.map_or(-1, |x| x as i64) as u64, false);
            value::store(o, 3, spec.prec.map_or(-1, |x| x as i64) as u64, false);
            let m = &mut self.mach.m;
            let state = value::new_iface(m, self.mach.std.fmt_pp_ptr, o.word(), true);
            // The state object comes back as the call's (only) result.
            self.result(func, vec![w, state, verb as u64], vec![o.word()]);
            return Some(Ok(Vec::new()));
        }
        Some(match self.result(func, Vec::new(), Vec::new())? {
            CallResult::Ok(r) => Ok(crate::stdlib::natives::byte_slice_bytes(value::load(
                value::obj(r[r.len() - 1]),
                0,
                true,
            ))),
            CallResult::Panic(p) => Err(self.panic_text(&p)),
        })
    }
}

/// `[kind, args slice, format] → [result]`: kinds 0–2 Print/Println/Printf to stdout (results
/// n, err), 3–5 Sprint/Sprintln/Sprintf (a string), 6 Errorf (an error), 7–9 the Fprint family
/// on os.Stderr.
pub fn fmt(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<Flow, GoPanic> {
    let kind = g.regs[at];
    let args = slice_words(g.regs[at + 1]);
    let format = value::str_bytes(g.regs[at + 2]).to_vec();
    let prog = Arc::clone(&mach.prog);
    let memo = cont::take(g);
    let (out, memo, request) = {
        let mut host = Host {
            mach,
            types: prog,
            memo,
            next: 0,
            request: None,
        };
        let out = match kind {
            6 => gofmt::errorf_message(&mut host, &format, &args),
            // 7–9 are 0–2 to stderr (`kind % 3` would shift them by one).
            _ => match if kind >= 7 { kind - 7 } else { kind % 3 } {
                0 => gofmt::sprint(&mut host, &args),
                1 => gofmt::sprintln(&mut host, &args),
                _ => gofmt::sprintf(&mut host, &format, &args),
            },
        };
        (out, host.memo, host.request)
    };
    if let Some(req) = request {
        // A method result is missing: run the method as a frame, then format again.
        cont::suspend(g, memo, &req);
        return Ok(Flow::Call(req));
    }
    match kind {
        0..=2 => {
            mach.stdout.extend_from_slice(&out);
            g.regs[at] = out.len() as u64;
            g.regs[at + 1] = 0;
        }
        3..=5 => g.regs[at] = value::new_string(&mut mach.m, &out),
        // Errorf: the message; the compiler then builds the error (vm/errs.rs).
        6 => g.regs[at] = value::new_string(&mut mach.m, &out),
        _ => {
            mach.write_stderr(&out);
            g.regs[at] = out.len() as u64;
            g.regs[at + 1] = 0;
        }
    }
    Ok(Flow::Next)
}

/// An `*errors.errorString` error value whose `Error()` is the string `s`.
pub fn error_value(mach: &mut Machine, s: u64) -> u64 {
    let text = value::str_bytes(s).to_vec();
    crate::stdlib::natives::new_error_string(&mut mach.m, &mach.std, &text)
}

/// What `recover()` returns for a panic.
pub fn panic_value(mach: &mut Machine, p: &GoPanic) -> u64 {
    match p {
        GoPanic::Value(w) => *w,
        GoPanic::Goexit => 0,
        GoPanic::Runtime(e) => {
            let msg = e.message();
            let w = mach.prog.std_wrap;
            if msg == "runtime error: panic called with nil argument" && w.panic_nil != 0 {
                let o = mach.m.alloc(&crate::runtime::gc::SCALARS, 1);
                return value::new_iface(&mut mach.m, w.panic_nil, o.word(), true);
            }
            let s = value::new_string(&mut mach.m, msg.as_bytes());
            // Every runtime panic Go words `interface conversion: ...` is a failed type
            // assertion: a *runtime.TypeAssertionError.
            if msg.starts_with("interface conversion: ") && w.type_assert != 0 {
                let o = mach.m.alloc(&crate::runtime::gc::REFS, 1);
                value::store(o, 0, s, true);
                return value::new_iface(&mut mach.m, w.type_assert, o.word(), true);
            }
            if w.runtime_error != 0 {
                return value::new_iface(&mut mach.m, w.runtime_error, s, true);
            }
            error_value(mach, s)
        }
        GoPanic::Native(msg) => {
            let s = value::new_string(&mut mach.m, msg.as_bytes());
            error_value(mach, s)
        }
    }
}

/// The `Error` (or else `String`) method a panic value prints with, and its receiver word.
pub(crate) fn panic_method(mach: &Machine, p: &GoPanic) -> Option<(FuncId, u64)> {
    let GoPanic::Value(w) = p else {
        return None;
    };
    let (t, d) = value::iface_parts(*w)?;
    let ty = TypeId::from_index(t);
    let types = &mach.prog.types;
    for (hook, name) in [(Hook::Error, "Error"), (Hook::String, "String")] {
        if gofmt::has_hook(types, ty, hook) {
            if let Some(func) =
                method_index(mach, name).and_then(|m| mach.prog.methods.get(&(t, m)).copied())
            {
                return Some((func, d));
            }
        }
    }
    None
}

/// How the runtime prints a panic value without calling its methods.
pub(crate) fn plain_panic_text(mach: &Machine, p: &GoPanic) -> String {
    let w = match p {
        GoPanic::Runtime(e) => return e.message(),
        GoPanic::Native(m) => return m.clone(),
        GoPanic::Goexit => return "runtime.Goexit".into(),
        GoPanic::Value(w) => *w,
    };
    let Some((t, d)) = value::iface_parts(w) else {
        return "nil".into();
    };
    let ty = TypeId::from_index(t);
    let types = &mach.prog.types;
    let named = types.named_info(ty).is_some();
    let show = types.display(ty, Spelling::Reflect);
    let u = types.underlying(ty);
    let plain = match types.get(u) {
        Type::Basic(k) => {
            use crate::types::constant::BasicKind::*;
            Some(match k {
                String => {
                    let s = std::string::String::from_utf8_lossy(value::str_bytes(d)).into_owned();
                    if named {
                        format!("{show}({})", crate::stdlib::strconv::quote(s.as_bytes()))
                    } else {
                        return s;
                    }
                }
                Bool => format!("{}", d != 0),
                Int | Int8 | Int16 | Int32 | Int64 => format!("{}", d as i64),
                Uint | Uint8 | Uint16 | Uint32 | Uint64 | Uintptr => format!("{d}"),
                Float32 | Float64 => {
                    let mut out = Vec::new();
                    print_float(
                        &mut out,
                        f64::from_bits(d),
                        if *k == Float32 { 32 } else { 64 },
                    );
                    std::string::String::from_utf8_lossy(&out).into_owned()
                }
                _ => return format!("({show}) {d:#x}"),
            })
        }
        _ => None,
    };
    match plain {
        Some(v) if named => {
            if v.starts_with(&show) {
                v
            } else {
                format!("{show}({v})")
            }
        }
        Some(v) => v,
        None => format!("({show}) {d:#x}"),
    }
}

/// Go's runtime float printing (`print(2.5)`, `panic(1.5)`): since Go 1.27 the shortest `%g`
/// form, like `strconv.FormatFloat(f, 'g', -1, bits)`.
pub fn print_float(out: &mut Vec<u8>, f: f64, bits: u32) {
    crate::stdlib::strconv::append_float(out, f, b'g', -1, bits);
}

/// `[interface, type id, comma_ok, static type id] → [value, ok]`.
pub fn assert_type(mach: &mut Machine, g: &mut Goroutine, at: usize) -> Result<(), GoPanic> {
    let target = TypeId::from_index(g.regs[at + 1] as u32);
    let parts = value::iface_parts(g.regs[at]);
    match parts {
        Some((t, d)) if t == target.index() as u32 => {
            let v = if super::machine::is_aggregate(mach.types(), target) {
                mach.copy(target, d)
            } else {
                d
            };
            g.regs[at] = v;
            g.regs[at + 1] = 1;
        }
        _ if g.regs[at + 2] != 0 => {
            g.regs[at] = mach.zero(target);
            g.regs[at + 1] = 0;
        }
        _ => {
            let types = mach.types();
            let stat = types.display(TypeId::from_index(g.regs[at + 3] as u32), Spelling::Reflect);
            let want = types.display(target, Spelling::Reflect);
            let got = match parts {
                Some((t, _)) => types.display(TypeId::from_index(t), Spelling::Reflect),
                None => "nil".into(),
            };
            return Err(panic::runtime(format!(
                "interface conversion: {stat} is {got}, not {want}"
            )));
        }
    }
    Ok(())
}

/// `==` on any comparable type.
pub fn equal(mach: &mut Machine, ty: TypeId, a: u64, b: u64) -> Result<bool, GoPanic> {
    super::equal::equal(mach.types(), ty, a, b).map_err(panic::runtime)
}

/// The map helpers (see `rt.rs` for their windows).
pub fn map_op(
    f: super::rt::Rt,
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
) -> Result<(), GoPanic> {
    use super::rt::Rt;
    let prog = Arc::clone(&mach.prog);
    let types = &prog.types;
    let w = |g: &Goroutine, i: usize| g.regs[at + i];
    match f {
        Rt::MapNew => {
            let (k, v) = (
                TypeId::from_index(w(g, 0) as u32),
                TypeId::from_index(w(g, 1) as u32),
            );
            let (kr, vr) = (
                super::machine::is_ref(types, k),
                super::machine::is_ref(types, v),
            );
            g.regs[at] = super::map::new_map(&mut mach.m, k, kr, vr);
        }
        Rt::MapGet => {
            let got = super::map::get(types, w(g, 0), w(g, 1)).map_err(panic::runtime)?;
            match got {
                Some(v) => {
                    g.regs[at] = v;
                    g.regs[at + 1] = 1;
                }
                None => {
                    g.regs[at] = mach.zero(TypeId::from_index(w(g, 2) as u32));
                    g.regs[at + 1] = 0;
                }
            }
        }
        Rt::MapSet => {
            super::map::insert(types, w(g, 0), w(g, 1), w(g, 2)).map_err(panic::runtime)?
        }
        Rt::MapDelete => super::map::delete(types, w(g, 0), w(g, 1)).map_err(panic::runtime)?,
        Rt::MapLen => g.regs[at] = super::map::len(w(g, 0)) as u64,
        Rt::MapKeys => {
            let snap = super::map::keys_snapshot(&mut mach.m, w(g, 0));
            g.regs[at] = snap;
            g.regs[at + 1] = if snap == 0 {
                0
            } else {
                value::obj_len(value::obj(snap)) as u64
            };
        }
        Rt::MapClear => super::map::clear(w(g, 0)),
        _ => unreachable!("not a map helper"),
    }
    Ok(())
}
