//! BYTECODE: the register instruction set (`op.rs`, THE table), compiled functions and their
//! tables (`program.rs`) and the stable text listing (`disasm.rs`). Input: what the compiler
//! emits. Output: what the VM runs and what `gol disasm` / snapshots print.

pub mod disasm;
pub mod op;
pub mod program;
pub mod rtsub;

pub use op::Op;
pub use program::{FuncId, FuncProto, Program};
