//! gol: an interpreter for a Go-like concurrent language, with Go as the oracle.
//!
//! The pipeline (data flows one way; every stage reports `diag::Diagnostic` values):
//!
//! ```text
//! source ─lex (logos)─▶ raw tokens ─semicolons (Go's rule)─▶ tokens ─parse (lalrpop)─▶ ast::File
//!   ─check─▶ typed AST ─compile─▶ bytecode ─▶ VM goroutines ─▶ M:N runtime   (later stages: see docs/ARCHITECTURE.md)
//! ```
//!
//! The REPL (`repl`) runs the same stages per input against a session: each input's program
//! extends the running one (`compiler::compile_linked`) inside one live machine
//! (`runtime::session`).

pub mod ast;
pub mod bytecode;
pub mod compiler;
pub mod diag;
pub mod driver;
pub mod explore;
pub mod gotest;
pub mod lexer;
pub mod link;
pub mod parser;
pub mod printer;
pub mod race;
pub mod repl;
pub mod runtime;
pub mod span;
pub mod stdlib;
pub mod trace;
pub mod types;
pub mod vm;
