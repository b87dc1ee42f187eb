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
    /// (first pc, file index in `Program::files`) pairs, sorted by pc: a function's code is in
    /// one file, except the entry that initialises every package's globals.
    pub files: Vec<(u32, u32)>,
    /// Where a recovered panic resumes (the function's return epilogue), if it defers anything.
    pub epilogue: Option<u32>,
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

    /// The index in `Program::files` of the file holding the instruction at `pc`.
    pub fn file_at(&self, pc: usize) -> usize {
        match self.files.binary_search_by_key(&(pc as u32), |&(p, _)| p) {
            Ok(i) => self.files[i].1 as usize,
            Err(0) => 0,
            Err(i) => self.files[i - 1].1 as usize,
        }
    }
}

#[derive(Clone, Default)]
pub struct Program {
    pub funcs: Vec<FuncProto>,
    /// The file name traces print.
    pub file: String,
    /// Every source file's name as traces print it: the program's first (and a tested
    /// package's other files), then the gol-source packages linked into it (`FuncProto::files`
    /// indexes this).
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

impl Program {
    /// `file:line` of the instruction at `pc` of function `f`, as traces print it.
    pub fn position(&self, f: FuncId, pc: usize) -> String {
        let func = &self.funcs[f as usize];
        let file = self
            .files
            .get(func.file_at(pc))
            .map_or(self.file.as_str(), String::as_str);
        format!("{file}:{}", func.line_at(pc))
    }
}
