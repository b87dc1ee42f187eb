//! BYTECODE: compiled functions. Input: the compiler's output. Output: what the VM runs. Source
//! positions live beside the code (a pc → line table), never inside `Op`.

use super::op::Op;

/// Index of a function in `Program::funcs`.
pub type FuncId = u32;

#[derive(Clone, Debug, Default)]
pub struct FuncProto {
    /// Go's qualified name, as traces print it (`main.fib`).
    pub name: String,
    pub code: Vec<Op>,
    /// 64-bit constant words (`LoadConst`).
    pub consts: Vec<u64>,
    /// Registers in the frame window; parameters are the first `nparams`.
    pub nregs: u16,
    pub nparams: u16,
    pub nresults: u16,
    /// (first pc, source line) pairs, sorted by pc.
    pub lines: Vec<(u32, u32)>,
    /// Where a recovered panic resumes (the function's return epilogue), if it defers anything.
    pub epilogue: Option<u32>,
    /// The source file of its lines (an index into `Program::files`).
    pub file: u32,
}

impl FuncProto {
    /// The source line of the instruction at `pc` (0 if unknown).
    pub fn line_at(&self, pc: usize) -> u32 {
        match self.lines.binary_search_by_key(&(pc as u32), |&(p, _)| p) {
            Ok(i) => self.lines[i].1,
            Err(0) => 0,
            Err(i) => self.lines[i - 1].1,
        }
    }
}

#[derive(Clone, Default)]
pub struct Program {
    pub funcs: Vec<FuncProto>,
    /// The file name traces print.
    pub file: String,
    /// Every source file's name (the program's own files, then linked packages' files), for
    /// positions that name their file (`testing`'s log lines).
    pub files: Vec<String>,
    /// Natives called by `CallNative`, and their Go names (for listings).
    pub natives: Vec<crate::stdlib::native::NativeFn>,
    pub native_names: Vec<String>,
    /// Method names used by `CallIface`.
    pub method_names: Vec<String>,
    /// (dynamic type id, method name index) → the function implementing it for that type.
    pub methods: std::collections::HashMap<(u32, u32), FuncId>,
    /// The signature (without receiver) of each user-declared or promoted entry of `methods`:
    /// `x.(I)` must fail when a method of I's name has another signature.
    pub method_sigs: std::collections::HashMap<(u32, u32), crate::types::ty::TypeId>,
    /// The program's types (for interfaces, fmt, maps, equality).
    pub types: std::sync::Arc<crate::types::ty::Types>,
    /// Number of global variable slots, and the function that initialises them (run before
    /// `main`), and `main.main`.
    pub nglobals: u32,
    pub init: Option<FuncId>,
    pub main: Option<FuncId>,
    /// String constants: (function, constant index, bytes), turned into heap strings at load.
    pub strings: Vec<(FuncId, u32, Vec<u8>)>,
    /// Type ids of the standard types natives create.
    pub std: crate::stdlib::natives::StdTypes,
    /// Type ids of the error types `fmt.Errorf` and `errors.Join` create.
    pub std_wrap: StdWrap,
    /// `*context.cancelCtx` and `context.cancelCtx` (type id indices).
    pub std_ctx: StdCtx,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct StdCtx {
    pub ptr: u32,
    pub strukt: u32,
}

/// `*fmt.wrapError`, `*fmt.wrapErrors`, `*errors.joinError` (type id indices).
#[derive(Clone, Copy, Debug, Default)]
pub struct StdWrap {
    pub wrap: u32,
    pub wraps: u32,
    pub join: u32,
    /// `runtime.errorString` (recovered runtime errors) and `*runtime.PanicNilError`.
    pub runtime_error: u32,
    pub panic_nil: u32,
    /// `*runtime.TypeAssertionError` (recovered failed type assertions).
    pub type_assert: u32,
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Program")
            .field("funcs", &self.funcs)
            .finish()
    }
}
