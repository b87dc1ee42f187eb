//! BYTECODE: the operations of the runtime-helper families, by name. Input: a helper family
//! (`vm::rt::Rt`) and the `sub` field of an `Op::Rt`. Output: the typed operation the VM runs
//! and the name `gol disasm` prints (`rt regexp.compileProgram`). The compiler picks an
//! operation from these enums (or from the gol name of a bodyless function, `bodyless`), the VM
//! matches on them, and the verifier rejects a `sub` no enum names: no operation is chosen by
//! a bare number anywhere.

use crate::vm::rt::Rt;

macro_rules! families {
    ($($(#[$doc:meta])* $family:ident: $enum:ident { $($name:ident = $n:literal => $gol:literal,)* })*) => {
        $(
            $(#[$doc])*
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            #[repr(u16)]
            pub enum $enum { $($name = $n,)* }

            impl $enum {
                pub fn from_u16(sub: u16) -> Option<Self> {
                    match sub { $($n => Some(Self::$name),)* _ => None }
                }
                /// The gol declaration the operation implements.
                pub fn name(self) -> &'static str {
                    match self { $(Self::$name => $gol,)* }
                }
            }
        )*

        /// `Op::Rt`'s family and operation, as `gol disasm` prints them; `None` for a `sub`
        /// the family does not have.
        pub fn sub_name(f: u16, sub: u16) -> Option<&'static str> {
            $(
                if f == Rt::$family as u16 {
                    return $enum::from_u16(sub).map($enum::name);
                }
            )*
            (sub == 0).then(|| crate::vm::rt::name(f))
        }

        /// The helper family and operation of a function declared without a body in gol
        /// source (`stdlib/`), by its qualified name.
        pub fn bodyless(name: &str) -> Option<(Rt, u16)> {
            $($(
                if name == $gol {
                    return Some((Rt::$family, $enum::$name as u16));
                }
            )*)*
            ALIASES
                .iter()
                .find(|(n, _, _)| *n == name)
                .map(|&(_, f, sub)| (f, sub))
        }
    };
}

families! {
    /// Package sort's stand-ins for internal/reflectlite (`stdlib/sort/natives.gol`).
    Reflectlite: ReflectliteOp {
        SliceLen = 0 => "sort.sliceLen",
        SliceSwap = 1 => "sort.sliceSwap",
        ValueLen = 2 => "sort.valueLen",
        SortInts = 3 => "sort.sortInts",
        SortStrings = 4 => "sort.sortStrings",
        SortFloat64s = 5 => "sort.sortFloat64s",
    }
    /// The natives under `reflect.Value` (`stdlib/reflect/`).
    Reflect: ReflectOp {
        ValueOf = 0 => "reflect.valueOf",
        KindOf = 1 => "reflect.kindOf",
        TypeOf = 2 => "reflect.typeOf",
        TypeIdx = 3 => "reflect.typeIdx",
        WordOf = 4 => "reflect.wordOf",
        ElemOf = 6 => "reflect.elemOf",
        FieldOf = 7 => "reflect.fieldOf",
        IndexOf = 8 => "reflect.indexOf",
        LenOf = 9 => "reflect.lenOf",
        ToIface = 10 => "reflect.toIface",
        StoreWord = 11 => "reflect.storeWord",
        Assign = 12 => "reflect.assign",
        ZeroOf = 13 => "reflect.zeroOf",
        NewPtr = 14 => "reflect.newPtr",
        MakeSlice = 15 => "reflect.makeSlice",
        MakeMap = 16 => "reflect.makeMap",
        MapIndex = 17 => "reflect.mapIndex",
        SetMapIndex = 18 => "reflect.setMapIndex",
        MapSnap = 19 => "reflect.mapSnap",
        SnapAt = 20 => "reflect.snapAt",
        AppendOne = 21 => "reflect.appendOne",
        AddrOf = 22 => "reflect.addrOf",
        ImplementsType = 23 => "reflect.implementsType",
        ElemType = 24 => "reflect.elemType",
        KeyType = 25 => "reflect.keyType",
        TypeString = 26 => "reflect.typeString",
        PtrTo = 27 => "reflect.ptrTo",
        ValueTypeIdx = 28 => "json.valueTypeIdx",
    }
    /// Package regexp's compiled programs (`stdlib/regexp/natives.gol`, `stdlib::regexp`).
    Regexp: RegexpOp {
        CompileProgram = 0 => "regexp.compileProgram",
        ProgramGroups = 1 => "regexp.programGroups",
        ProgramGroupName = 2 => "regexp.programGroupName",
        ProgramPrefix = 3 => "regexp.programPrefix",
        ProgramExec = 4 => "regexp.programExec",
        ProgramMatch = 5 => "regexp.programMatch",
    }
    /// Package runtime's and runtime/debug's natives (`stdlib/runtime/`).
    Runtime: RuntimeOp {
        FrameAt = 0 => "runtime.frameAt",
        FuncName = 1 => "runtime.funcName",
        FileLine = 2 => "runtime.fileLine",
        Stack = 3 => "runtime.stack",
        MemStats = 4 => "runtime.memStats",
        RequestGC = 5 => "runtime.requestGC",
        SetGCPercent = 6 => "runtime.setGCPercent",
        FuncEntry = 7 => "runtime.funcEntry",
        Breakpoint = 9 => "runtime.breakpoint",
        Goroot = 10 => "runtime.goroot",
        SetMaxStack = 11 => "debug.setMaxStack",
        SetMemoryLimit = 12 => "debug.setMemoryLimit",
    }
    /// Complex arithmetic (`vm/complex.rs`): the window is `[_, a, b]`, the result `R[base]`.
    Complex: ComplexOp {
        Make = 0 => "complex",
        Add = 1 => "complex +",
        Sub = 2 => "complex -",
        Mul = 3 => "complex *",
        Div = 4 => "complex /",
        Neg = 5 => "complex negate",
        Eq = 6 => "complex ==",
        Real = 7 => "real",
        Imag = 8 => "imag",
        To64 = 9 => "complex64",
    }
    /// Package errors' operations that call `Error`/`Is`/`As`/`Unwrap` methods (`vm/errs.rs`).
    Errors: ErrorsOp {
        Unwrap = 0 => "errors.Unwrap",
        Is = 1 => "errors.Is",
        As = 2 => "errors.As",
        Join = 3 => "errors.Join",
        Errorf = 4 => "fmt.Errorf",
    }
    /// Packages testing's and testing/synctest's natives (`stdlib/testing/`).
    Testing: TestingOp {
        CallerFrame = 0 => "testing.callerFrame",
        CaptureStdout = 1 => "testing.captureStdout",
        HeapAllocs = 2 => "testing.heapAllocs",
        EnterBubble = 3 => "synctest.enterBubble",
        WaitBubble = 4 => "synctest.waitBubble",
        ExitWaitBubble = 5 => "synctest.exitWaitBubble",
        LeaveBubble = 6 => "synctest.leaveBubble",
    }
}

/// Bodyless functions of other packages (or other spellings) that are the same operation.
const ALIASES: &[(&str, Rt, u16)] = &[
    ("reflect.strOf", Rt::Reflect, ReflectOp::WordOf as u16),
    ("reflect.bytesOf", Rt::Reflect, ReflectOp::WordOf as u16),
    ("reflect.ifaceOf", Rt::Reflect, ReflectOp::WordOf as u16),
    ("reflect.storeStr", Rt::Reflect, ReflectOp::StoreWord as u16),
    (
        "reflect.storeBytes",
        Rt::Reflect,
        ReflectOp::StoreWord as u16,
    ),
    ("json.ptrTo", Rt::Reflect, ReflectOp::PtrTo as u16),
    (
        "debug.setGCPercent",
        Rt::Runtime,
        RuntimeOp::SetGCPercent as u16,
    ),
    ("debug.requestGC", Rt::Runtime, RuntimeOp::RequestGC as u16),
    ("debug.memStats", Rt::Runtime, RuntimeOp::MemStats as u16),
];

/// `gol disasm`'s name for `Op::Rt { f, sub }`.
pub fn name(f: u16, sub: u16) -> String {
    match sub_name(f, sub) {
        Some(n) => n.to_string(),
        None => format!("{}#{sub}", crate::vm::rt::name(f)),
    }
}
