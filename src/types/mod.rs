//! CHECKER: Go's static type checker (AST → typed AST); so far its constant arithmetic.

pub mod constant;
