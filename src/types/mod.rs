//! CHECKER: Go's static type checker (AST → typed AST); so far its constant arithmetic and the
//! type table (`ty.rs`).

pub mod constant;
pub mod ty;
