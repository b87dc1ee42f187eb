//! VM RUNTIME HELPERS: the operations too big or too rare for their own instruction (`Op::Rt`).
//! Input: a helper number and a register window `R[at..]` holding its operands (type ids as
//! plain words). Output: results written back from `R[at]`, or a Go panic. Each helper's window
//! layout is documented on its `Rt` variant; the compiler sizes windows by the same table.

use super::machine::{is_aggregate, is_ref};
use super::panic::{self, GoPanic};
use super::value::{self, obj, SliceParts};
use super::{Goroutine, Machine};
use crate::bytecode::rtsub::{
    ComplexOp, ErrorsOp, ReflectOp, ReflectliteOp, RegexpOp, RuntimeOp, TestingOp,
};
use crate::runtime::gc::{REFS, SCALARS};
use crate::types::ty::{Type, TypeId};

macro_rules! helpers {
    ($($(#[$doc:meta])* $name:ident = $n:literal,)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(u16)]
        pub enum Rt { $($(#[$doc])* $name = $n,)* }
        pub fn name(f: u16) -> &'static str {
            match f { $($n => stringify!($name),)* _ => "?" }
        }
        pub(super) fn from_u16(f: u16) -> Option<Rt> {
            match f { $($n => Some(Rt::$name),)* _ => None }
        }
    };
}

helpers! {
    /// `[ty] → [zero value of ty]`
    Zero = 0,
    /// `[ty, src] → [deep copy]`
    Copy = 1,
    /// `[ty, dst, src]`: `*dst = *src` in place
    CopyInto = 2,
    /// `[is_ref] → [a fresh one-word box]`
    NewBox = 3,
    /// `[base, index] → [pointer to word index of base]`
    Interior = 4,
    /// `[slice, i] → [pointer to element i]` (bounds-checked)
    SliceAddr = 5,
    /// `[elem ty, len, cap] → [slice]`
    MakeSlice = 6,
    /// `[elem ty, n, v1..vn] → [slice]`
    SliceLit = 7,
    /// `[elem ty, slice, n, v1..vn] → [slice]`
    Append = 8,
    /// `[elem ty, slice, other slice or string, other is string] → [slice]`
    AppendSlice = 9,
    /// `[dst slice, src, src is string | dst elem ty << 1] → [n copied]`
    CopySlice = 10,
    /// `[x, lo, hi, max, flags] → [result]`; flags: kind (0 slice, 1 string, 2 array object)
    /// | has_lo << 4 | has_hi << 5 | has_max << 6
    SliceExpr = 11,
    /// `[[]byte] → [string]`
    BytesToStr = 12,
    /// `[string] → [[]byte]`
    StrToBytes = 13,
    /// `[[]rune] → [string]`
    RunesToStr = 14,
    /// `[string] → [[]rune]`
    StrToRunes = 15,
    /// `[rune (any int)] → [string]`
    RuneToStr = 16,
    /// `[string, i] → [rune, width]` (decodes at byte i; invalid bytes are U+FFFD width 1)
    DecodeRune = 17,
    /// `[func id, n, c1..cn] → [closure]`
    MakeClosure = 18,
    /// `[type id, word] → [interface]` (a nil pointer/slice/map... still makes a non-nil interface)
    Box = 19,
    /// `[interface, type id, comma_ok] → [value, ok]`: `x.(T)` for a concrete T
    AssertType = 20,
    /// `[interface, interface type id, comma_ok] → [value, ok]`: `x.(I)`
    AssertIface = 21,
    /// `[interface] → [dynamic type id or -1 for nil]`
    DynType = 22,
    /// `[] → [recovered value or nil]`
    Recover = 23,
    /// `[kind, args slice, format] → [string]`: fmt's printing (see `host.rs`)
    Fmt = 24,
    /// `[ty, a, b] → [a == b]` for any comparable type
    Equal = 25,
    /// `[key ty, val ty] → [map]`
    MapNew = 26,
    /// `[map, key, val ty] → [value, ok]`
    MapGet = 27,
    /// `[map, key, value]`
    MapSet = 28,
    /// `[map, key]`
    MapDelete = 29,
    /// `[map] → [len]`
    MapLen = 30,
    /// `[map] → [keys snapshot object, count]`
    MapKeys = 31,
    /// `[map]`
    MapClear = 32,
    /// `[interface, method name index] → [does the dynamic type have it]`
    HasMethod = 33,
    /// `[kind, args slice]`: builtin print/println to stderr
    PrintBuiltin = 34,
    /// `[a, b] → [a < b]` for strings
    StrLess = 35,
    /// `[elem ty, cap] → [channel]`
    MakeChan = 36,
    /// `[chan]`: `close(ch)`
    Close = 37,
    /// `[chan] → [len]`
    ChanLen = 38,
    /// `[chan] → [cap]`
    ChanCap = 39,
    /// `[] → [number of goroutines]`
    NumGoroutine = 40,
    /// `[op, object, arg] → [result]`: sync's WaitGroup/Mutex/RWMutex/Once (`vm/timers.rs`);
    /// may park
    Sync = 41,
    /// `[op, a, b] → [result]`: time's timers, tickers, `runtime.GOMAXPROCS`/`NumCPU`
    Timer = 42,
    /// `[op, a, b, c, d] → [result]`: errors.Unwrap/Is/As/Join and Errorf's wrapping
    /// (`vm/errs.rs`)
    Errors = 44,
    /// Retired: package log is gol source (`stdlib/log/log.gol`); the number stays reserved.
    Log = 45,
    /// `[op, x, i, j] → [result]`: reflectlite's stand-ins for package sort's bodyless
    /// natives (`stdlib/sort/natives.gol`): 0 sliceLen(x), 1 sliceSwap(x, i, j), 2 valueLen(x)
    /// (`vm/reflectrt.rs`); 3–5 sortInts/sortStrings/sortFloat64s(x) (`vm/sortwords.rs`)
    Reflectlite = 43,
    /// Retired: package context is gol source (`stdlib/context/`); the number stays reserved.
    Ctx = 46,
    /// `[]`: `runtime.Goexit()`
    Goexit = 47,
    /// `[op, a, b] → [result]`: complex arithmetic (`vm/complex.rs`)
    Complex = 48,
    /// `[is_max, a, b] → [result]`: float min/max (NaN wins; -0 < +0)
    FloatMinMax = 49,
    /// Retired: strings' per-rune callback functions are gol source (`stdlib/strings/funcs.gol`)
    StrFunc = 50,
    /// `[ty, s]`: `clear(s)` on a slice of element type ty (each element set to its zero value)
    SliceClear = 60,
    /// `[]`: a range-over-func body called again after it stopped the loop: Go's panic
    RangeFuncDone = 61,
    /// `[slice, array ty, to pointer] → [array or pointer]`: `[N]T(s)` (a copy) and
    /// `(*[N]T)(s)` (the backing array itself)
    SliceToArray = 51,
    /// `[op, a, b, c, d] → [results]`: io, sync.Map and sync.Pool operations that call
    /// gol methods or functions (`vm/iort.rs`)
    Io = 52,
    /// `[p]`: panics with Go's nil dereference when p is nil (`&*p`, a value-receiver method
    /// value taken through a nil pointer)
    NilCheck = 62,
    /// `[map] → [keys snapshot, values snapshot, count]` (`map::range_snapshot`)
    MapRange = 63,
    /// `[map, key, snapshot value, val ty] → [value, ok]`: one `range` step
    /// (`map::range_get`; not ok: the key was deleted meanwhile)
    MapRangeGet = 64,
    /// `[op, args...] → [results]`: the natives under `reflect.Value`
    /// (`stdlib/reflect/value.gol`, `vm/reflectv.rs`)
    Reflect = 65,
    /// `[op, a, b, c, d, e] → [results]`: package regexp's bodyless natives: compile a program,
    /// its groups and prefix, search (`vm/regexprt.rs`)
    Regexp = 90,
    /// `[op, a] → [results]`: package runtime's and runtime/debug's bodyless natives:
    /// callers, function names and lines, stacks, heap figures, the collector's settings
    /// (`vm/runtimert.rs`)
    Runtime = 91,
    /// `[op, a] → [results]`: package testing's bodyless natives: a caller's frame, stdout
    /// capture for examples, allocation counts (`vm/testingrt.rs`)
    Testing = 92,
}

/// What the instruction after a helper does.
pub enum Flow {
    Next,
    Exit(i32),
    /// The goroutine parks; whoever completes its operation readies it (it resumes after).
    Park(crate::runtime::sched::WaitReason),
    /// The goroutine parks; when readied it runs the same helper again (a woken `Lock`
    /// competes for the lock).
    Retry(crate::runtime::sched::WaitReason),
    /// Call gol code as a frame, then run the same helper again (`cont.rs`).
    Call(super::cont::CallReq),
}

/// Runs helper `f` on the window at absolute register `at`.
/// The typed operation of a family's `sub`; an operation the family does not have (the
/// verifier rejects such programs) is an internal error, never undefined behaviour.
fn known<T>(o: Option<T>, f: Rt, sub: u16) -> Result<T, GoPanic> {
    o.ok_or_else(|| {
        panic::runtime(format!(
            "gol: unknown operation {sub} of {}",
            name(f as u16)
        ))
    })
}

pub fn call(
    f: u16,
    sub: u16,
    mach: &mut Machine,
    g: &mut Goroutine,
    at: usize,
) -> Result<Flow, GoPanic> {
    let Some(f) = from_u16(f) else {
        return Err(panic::runtime(format!("gol: unknown runtime helper {f}")));
    };
    let w = |g: &Goroutine, i: usize| g.regs[at + i];
    let ty = |g: &Goroutine, i: usize| TypeId::from_index(g.regs[at + i] as u32);
    match f {
        Rt::Zero => {
            let z = mach.zero(ty(g, 0));
            g.regs[at] = z;
        }
        Rt::Copy => {
            let c = mach.copy(ty(g, 0), w(g, 1));
            g.regs[at] = c;
        }
        Rt::CopyInto => mach.copy_into(ty(g, 0), w(g, 1), w(g, 2)),
        Rt::NewBox => {
            let layout = if w(g, 0) != 0 { &REFS } else { &SCALARS };
            g.regs[at] = mach.m.alloc(layout, 1).word();
        }
        Rt::Interior => {
            // `&p.f` through a nil p: Go faults when the address is taken.
            if w(g, 0) == 0 {
                return Err(panic::nil_deref());
            }
            g.regs[at] = value::new_interior(&mut mach.m, w(g, 0), w(g, 1) as usize)
        }
        Rt::MapRange => {
            let (k, v) = super::map::range_snapshot(&mut mach.m, w(g, 0));
            g.regs[at] = k;
            g.regs[at + 1] = v;
            g.regs[at + 2] = if k == 0 {
                0
            } else {
                value::obj_len(value::obj(k)) as u64
            };
        }
        Rt::MapRangeGet => {
            let got = super::map::range_get(mach.types(), w(g, 0), w(g, 1), w(g, 2))
                .map_err(panic::runtime)?;
            match got {
                Some(v) => {
                    g.regs[at] = v;
                    g.regs[at + 1] = 1;
                }
                None => {
                    g.regs[at] = mach.zero(ty(g, 3));
                    g.regs[at + 1] = 0;
                }
            }
        }
        Rt::NilCheck => {
            if w(g, 0) == 0 {
                return Err(panic::nil_deref());
            }
        }
        Rt::SliceAddr => {
            let p = value::slice_parts(w(g, 0));
            let i = w(g, 1);
            if i >= p.len as u64 {
                return Err(panic::index_out_of_range(i as i64, p.len));
            }
            g.regs[at] = value::new_interior(&mut mach.m, p.array, p.offset + i as usize);
        }
        Rt::MakeSlice => {
            let (len, cap) = (w(g, 1) as i64, w(g, 2) as i64);
            super::gosize::makeslice(mach.types(), ty(g, 0), len, cap).map_err(panic::runtime)?;
            g.regs[at] = make_slice(mach, ty(g, 0), len as usize, cap as usize);
        }
        Rt::SliceLit => {
            let n = w(g, 1) as usize;
            let s = make_slice(mach, ty(g, 0), n, n);
            let p = value::slice_parts(s);
            for i in 0..n {
                value::store(obj(p.array), i, w(g, 2 + i), true);
            }
            g.regs[at] = s;
        }
        Rt::Append => {
            let n = w(g, 2) as usize;
            let vals: Vec<u64> = (0..n).map(|i| w(g, 3 + i)).collect();
            g.regs[at] = append(mach, ty(g, 0), w(g, 1), &vals);
        }
        Rt::AppendSlice => {
            let vals: Vec<u64> = if w(g, 3) != 0 {
                value::str_bytes(w(g, 2)).iter().map(|&b| b as u64).collect()
            } else {
                slice_words(w(g, 2))
            };
            g.regs[at] = append(mach, ty(g, 0), w(g, 1), &vals);
        }
        Rt::CopySlice => {
            let et = TypeId::from_index((w(g, 2) >> 1) as u32);
            let src: Vec<u64> = if w(g, 2) & 1 != 0 {
                value::str_bytes(w(g, 1)).iter().map(|&b| b as u64).collect()
            } else {
                slice_words(w(g, 1))
            };
            let d = value::slice_parts(w(g, 0));
            let n = d.len.min(src.len());
            if w(g, 2) & 1 == 0 && is_aggregate(mach.types(), et) {
                // Aggregates are values: copy into dst's own element objects (from snapshots,
                // so that overlapping ranges behave like memmove).
                let snaps: Vec<u64> = src.iter().take(n).map(|&v| mach.copy(et, v)).collect();
                for (i, v) in snaps.into_iter().enumerate() {
                    let dst = value::load(obj(d.array), d.offset + i, true);
                    mach.copy_into(et, dst, v);
                }
            } else {
                for (i, v) in src.iter().take(n).enumerate() {
                    value::store(obj(d.array), d.offset + i, *v, true);
                }
            }
            g.regs[at] = n as u64;
        }
        Rt::SliceClear => {
            let et = ty(g, 0);
            let d = value::slice_parts(w(g, 1));
            if is_aggregate(mach.types(), et) {
                let z = mach.zero(et);
                for i in 0..d.len {
                    let dst = value::load(obj(d.array), d.offset + i, true);
                    mach.copy_into(et, dst, z);
                }
            } else {
                for i in 0..d.len {
                    let z = mach.zero(et);
                    value::store(obj(d.array), d.offset + i, z, true);
                }
            }
        }
        Rt::RangeFuncDone => {
            return Err(GoPanic::Runtime(super::panic::RuntimeError::Other(
                "runtime error: range function continued iteration after function for loop body returned false".into(),
            )))
        }
        Rt::SliceExpr => g.regs[at] = slice_expr(mach, g, at)?,
        Rt::BytesToStr => {
            let b: Vec<u8> = slice_words(w(g, 0)).iter().map(|&x| x as u8).collect();
            g.regs[at] = value::new_string(&mut mach.m, &b);
        }
        Rt::StrToBytes => {
            let b: Vec<u64> = value::str_bytes(w(g, 0)).iter().map(|&x| x as u64).collect();
            g.regs[at] = words_slice(mach, TypeId::UINT8, &b);
        }
        Rt::RunesToStr => {
            let mut s = String::new();
            for r in slice_words(w(g, 0)) {
                s.push(char::from_u32(r as u32).unwrap_or('\u{FFFD}'));
            }
            g.regs[at] = value::new_string(&mut mach.m, s.as_bytes());
        }
        Rt::StrToRunes => {
            let bytes = value::str_bytes(w(g, 0)).to_vec();
            let mut runes = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                let (r, n) = crate::stdlib::utf8::decode_rune(&bytes[i..]);
                runes.push(r as i64 as u64);
                i += n;
            }
            g.regs[at] = words_slice(mach, TypeId::INT32, &runes);
        }
        Rt::RuneToStr => {
            let r = w(g, 0) as i64;
            let c = u32::try_from(r)
                .ok()
                .and_then(char::from_u32)
                .unwrap_or('\u{FFFD}');
            let mut buf = [0u8; 4];
            g.regs[at] = value::new_string(&mut mach.m, c.encode_utf8(&mut buf).as_bytes());
        }
        Rt::DecodeRune => {
            let s = value::str_bytes(w(g, 0));
            let i = w(g, 1) as usize;
            let (r, n) = crate::stdlib::utf8::decode_rune(&s[i..]);
            g.regs[at] = r as i64 as u64;
            g.regs[at + 1] = n as u64;
        }
        Rt::MakeClosure => {
            let n = w(g, 1) as usize;
            let layout = mach.closure_layout(n);
            let c = mach.m.alloc(layout, n + 1);
            value::store(c, 0, w(g, 0), false);
            for i in 0..n {
                value::store(c, 1 + i, w(g, 2 + i), true);
            }
            g.regs[at] = c.word();
        }
        Rt::Box => {
            let t = ty(g, 0);
            let r = is_ref(mach.types(), t);
            g.regs[at] = value::new_iface(&mut mach.m, t.index() as u32, w(g, 1), r);
        }
        Rt::AssertType => return super::host::assert_type(mach, g, at).map(|_| Flow::Next),
        Rt::AssertIface => return super::printrt::assert_iface(mach, g, at).map(|_| Flow::Next),
        Rt::DynType => {
            g.regs[at] = match value::iface_parts(w(g, 0)) {
                Some((t, _)) => t as u64,
                None => u64::MAX,
            }
        }
        Rt::Recover => {
            let frame = *g.frames.last().expect("a frame");
            g.regs[at] = 0;
            if frame.panic_defer && !g.recovered && !matches!(g.panicking, Some(GoPanic::Goexit)) {
                if let Some(p) = g.panicking.clone() {
                    g.recovered = true;
                    let v = super::host::panic_value(mach, &p);
                    g.regs[at] = v;
                    if matches!(p, GoPanic::Runtime(_) | GoPanic::Native(_)) {
                        // The recovered value is the panic's value from now on, so that
                        // re-panicking it is Go's `[recovered, repanicked]`.
                        g.panicking = Some(GoPanic::Value(v));
                    }
                }
            }
        }
        Rt::Fmt => return super::host::fmt(mach, g, at),
        Rt::Equal => {
            let eq = super::host::equal(mach, ty(g, 0), w(g, 1), w(g, 2))?;
            g.regs[at] = eq as u64;
        }
        Rt::MapNew | Rt::MapGet | Rt::MapSet | Rt::MapDelete | Rt::MapLen | Rt::MapKeys
        | Rt::MapClear => return super::host::map_op(f, mach, g, at).map(|_| Flow::Next),
        Rt::HasMethod => {
            g.regs[at] = match value::iface_parts(w(g, 0)) {
                Some((t, _)) => mach.prog.methods.contains_key(&(t, w(g, 1) as u32)) as u64,
                None => 0,
            }
        }
        Rt::PrintBuiltin => super::printrt::print_builtin(mach, g, at),
        Rt::MakeChan => {
            let t = ty(g, 0);
            let cap = w(g, 1) as i64;
            let bytes = super::gosize::makechan(mach.types(), t, cap).map_err(panic::runtime)?;
            // gol grows a channel's buffer as it fills; Go allocates it here, and fails here.
            mach.m.heap().check_external(bytes);
            let agg = is_aggregate(mach.types(), t);
            let r = is_ref(mach.types(), t);
            g.regs[at] = crate::runtime::chan::new_chan(&mut mach.m, cap as usize, t, agg, r);
            crate::runtime::events::chan_make(g.regs[at], cap as usize, g);
        }
        Rt::Close => {
            let ch = w(g, 0);
            let zero = match (ch != 0).then(|| crate::runtime::chan::elem_aggregate(ch)).flatten() {
                Some(t) => mach.zero(t),
                None => 0,
            };
            let res = crate::runtime::chan::close(ch, zero);
            // Go's channel panics are runtime errors (`runtime.Error` when recovered).
            res.map_err(panic::runtime)?;
        }
        Rt::ChanLen => g.regs[at] = crate::runtime::chan::len(w(g, 0)) as u64,
        Rt::ChanCap => g.regs[at] = crate::runtime::chan::cap(w(g, 0)) as u64,
        Rt::NumGoroutine => g.regs[at] = mach.sched().count() as u64,
        Rt::Sync => return super::timers::sync(mach, g, at),
        Rt::Timer => return super::timers::timer(mach, g, at),
        Rt::Errors => {
            return super::errs::errors_op(mach, g, at, known(ErrorsOp::from_u16(sub), f, sub)?)
        }
        Rt::Log => return Err(panic::runtime("gol: retired helper log")),
        Rt::Runtime => return super::runtimert::runtime_op(mach, g, at, known(RuntimeOp::from_u16(sub), f, sub)?),
        Rt::Ctx => return Err(panic::runtime("gol: retired helper context")),
        Rt::Goexit => return Err(GoPanic::Goexit),
        Rt::Complex => {
            let op = known(ComplexOp::from_u16(sub), f, sub)?;
            super::complex::complex_op(mach, op, &mut g.regs[at..at + 3])
        }
        // strings' func-taking functions are gol source now (`stdlib/strings/funcs.gol`); the
        // number stays reserved.
        Rt::StrFunc => return Err(panic::runtime("gol: retired helper strings.func")),
        Rt::FloatMinMax => {
            let (x, y) = (f64::from_bits(w(g, 1)), f64::from_bits(w(g, 2)));
            let r = if x.is_nan() || y.is_nan() {
                f64::NAN
            } else if x == y {
                // Equal: only the zeros' signs can differ.
                let neg = x.is_sign_negative() || y.is_sign_negative();
                let pos = x.is_sign_positive() || y.is_sign_positive();
                if w(g, 0) != 0 { if pos { x.abs() } else { x } } else if neg { -x.abs() } else { x }
            } else if (w(g, 0) != 0) == (x < y) {
                y
            } else {
                x
            };
            g.regs[at] = r.to_bits();
        }
        Rt::Reflectlite => {
            super::reflectrt::sort_native(mach, g, at, known(ReflectliteOp::from_u16(sub), f, sub)?)?
        }
        Rt::Reflect => super::reflectv::value_op(mach, g, at, known(ReflectOp::from_u16(sub), f, sub)?)?,
        Rt::Regexp => super::regexprt::regexp_op(mach, g, at, known(RegexpOp::from_u16(sub), f, sub)?)?,
        Rt::Testing => return super::testingrt::testing_op(mach, g, at, known(TestingOp::from_u16(sub), f, sub)?),
        Rt::Io => return super::iort::io_op(mach, g, at),
        Rt::SliceToArray => g.regs[at] = slice_to_array(mach, w(g, 0), ty(g, 1), w(g, 2) != 0)?,
        Rt::StrLess => {
            g.regs[at] = (value::str_bytes(w(g, 0)) < value::str_bytes(w(g, 1))) as u64;
        }
    }
    Ok(Flow::Next)
}

/// `[N]T(s)` or, with `to_ptr`, `(*[N]T)(s)`: Go's length check, then a copy of the first N
/// elements or the backing array (a pointer to an aggregate is its object, so only a slice
/// starting at its backing array's first element can be viewed as an array).
fn slice_to_array(mach: &mut Machine, s: u64, at: TypeId, to_ptr: bool) -> Result<u64, GoPanic> {
    let (n, et) = match mach.types().get(mach.types().underlying(at)) {
        Type::Array(n, e) => (*n as usize, *e),
        _ => return Err(panic::runtime("gol: slice conversion to a non-array type")),
    };
    let p = value::slice_parts(s);
    if p.len < n {
        return Err(panic::runtime(format!(
            "runtime error: cannot convert slice with length {} to array or pointer to array with length {n}",
            p.len
        )));
    }
    if to_ptr {
        if s == 0 {
            return Ok(0);
        }
        if p.array == 0 {
            return Ok(mach.zero(at));
        }
        if p.offset != 0 {
            return Err(panic::runtime(
                "gol does not support this yet: a pointer to an array that starts inside a slice's backing array",
            ));
        }
        return Ok(p.array);
    }
    let a = mach.zero(at);
    let agg = is_aggregate(mach.types(), et);
    for i in 0..n {
        let v = value::load(obj(p.array), p.offset + i, true);
        if agg {
            mach.copy_into(et, value::load(obj(a), i, true), v);
        } else {
            value::store(obj(a), i, v, is_ref(mach.types(), et));
        }
    }
    Ok(a)
}

/// The words of a slice's elements.
pub fn slice_words(s: u64) -> Vec<u64> {
    let p = value::slice_parts(s);
    (0..p.len)
        .map(|i| value::load(obj(p.array), p.offset + i, true))
        .collect()
}

/// A new slice of `elem`-typed words.
pub fn words_slice(mach: &mut Machine, elem: TypeId, words: &[u64]) -> u64 {
    let s = make_slice(mach, elem, 0, words.len());
    append(mach, elem, s, words)
}

/// `make([]elem, len, cap)`; aggregate elements are allocated zeroed.
pub fn make_slice(mach: &mut Machine, elem: TypeId, len: usize, cap: usize) -> u64 {
    let layout = mach.layout(elem, true);
    let array = mach.m.alloc(layout, cap);
    if is_aggregate(mach.types(), elem) {
        for i in 0..cap {
            let z = mach.zero(elem);
            value::store(array, i, z, true);
        }
    }
    value::new_slice(
        &mut mach.m,
        SliceParts {
            array: array.word(),
            offset: 0,
            len,
            cap,
        },
    )
}

/// `append(s, vals...)` with Go's growth rule (double below 256, then ~1.25x, rounded up to
/// the allocation's size class).
pub fn append(mach: &mut Machine, elem: TypeId, s: u64, vals: &[u64]) -> u64 {
    let p = value::slice_parts(s);
    if vals.is_empty() {
        return s;
    }
    // Aggregate elements are values: the new elements are copies, never shared objects.
    let copies: Vec<u64>;
    let vals = if is_aggregate(mach.types(), elem) {
        copies = vals.iter().map(|&v| mach.copy(elem, v)).collect();
        &copies[..]
    } else {
        vals
    };
    let need = p.len + vals.len();
    if need <= p.cap {
        let a = obj(p.array);
        for (i, v) in vals.iter().enumerate() {
            value::store(a, p.offset + p.len + i, *v, true);
        }
        return value::new_slice(&mut mach.m, SliceParts { len: need, ..p });
    }
    let cap = super::gosize::grown_cap(mach.types(), elem, p.cap, need).max(need);
    let layout = mach.layout(elem, true);
    let array = mach.m.alloc(layout, cap);
    // The new backing array holds copies of the old elements (aggregates are values: a pointer
    // into the old array must not see writes through the new slice).
    let agg = is_aggregate(mach.types(), elem);
    for i in 0..p.len {
        let w = value::load(obj(p.array), p.offset + i, true);
        let w = if agg { mach.copy(elem, w) } else { w };
        value::store(array, i, w, true);
    }
    for (i, v) in vals.iter().enumerate() {
        value::store(array, p.len + i, *v, true);
    }
    if is_aggregate(mach.types(), elem) {
        for i in need..cap {
            let z = mach.zero(elem);
            value::store(array, i, z, true);
        }
    }
    value::new_slice(
        &mut mach.m,
        SliceParts {
            array: array.word(),
            offset: 0,
            len: need,
            cap,
        },
    )
}

fn slice_expr(mach: &mut Machine, g: &Goroutine, at: usize) -> Result<u64, GoPanic> {
    let w = |i: usize| g.regs[at + i];
    let flags = w(4);
    let kind = flags & 15;
    let (x, has_lo, has_hi, has_max) = (
        w(0),
        flags >> 4 & 1 != 0,
        flags >> 5 & 1 != 0,
        flags >> 6 & 1 != 0,
    );
    let (len, cap) = match kind {
        0 => {
            let p = value::slice_parts(x);
            (p.len, p.cap)
        }
        1 => {
            let n = value::str_bytes(x).len();
            (n, n)
        }
        _ => {
            if x == 0 {
                return Err(panic::nil_deref());
            }
            let n = value::obj_len(obj(x));
            (n, n)
        }
    };
    let lo = if has_lo { w(1) as i64 } else { 0 };
    let hi = if has_hi { w(2) as i64 } else { len as i64 };
    let max = if has_max { w(3) as i64 } else { cap as i64 };
    // Go checks from the right: max against cap, then hi against max, then lo against hi.
    let bound = if kind == 1 { len } else { cap } as i64;
    if has_max && (max < 0 || max > bound) {
        // An array's capacity is its length, and Go says so.
        let what = if kind == 0 { "capacity" } else { "length" };
        return Err(panic::runtime(format!(
            "runtime error: slice bounds out of range [::{max}] with {what} {cap}"
        )));
    }
    let hi_bound = if has_max { max } else { bound };
    if hi < 0 || hi > hi_bound {
        let what = if kind == 0 { "capacity" } else { "length" };
        return Err(panic::runtime(if has_max {
            format!("runtime error: slice bounds out of range [:{hi}:{max}]")
        } else {
            format!("runtime error: slice bounds out of range [:{hi}] with {what} {hi_bound}")
        }));
    }
    if lo < 0 || lo > hi {
        return Err(panic::runtime(if has_max {
            format!("runtime error: slice bounds out of range [{lo}:{hi}:]")
        } else {
            format!("runtime error: slice bounds out of range [{lo}:{hi}]")
        }));
    }
    let (lo, hi, max) = (lo as usize, hi as usize, max as usize);
    Ok(match kind {
        0 => {
            let p = value::slice_parts(x);
            if p.array == 0 && lo == 0 && hi == 0 {
                return Ok(x);
            }
            value::new_slice(
                &mut mach.m,
                SliceParts {
                    array: p.array,
                    offset: p.offset + lo,
                    len: hi - lo,
                    cap: max - lo,
                },
            )
        }
        1 => value::substring(&mut mach.m, x, lo, hi),
        _ => value::new_slice(
            &mut mach.m,
            SliceParts {
                array: x,
                offset: lo,
                len: hi - lo,
                cap: max - lo,
            },
        ),
    })
}

/// The element type of a slice, array or pointer-to-array type.
pub fn elem_type(types: &crate::types::ty::Types, t: TypeId) -> TypeId {
    match types.get(types.underlying(t)) {
        Type::Slice(e) | Type::Array(_, e) => *e,
        Type::Pointer(p) => elem_type(types, *p),
        _ => TypeId::INVALID,
    }
}
