//! CHECKER: Go's static type checker (AST → typed AST). Built so far: exact constant arithmetic
//! (`constant/`), the interned type table (`ty.rs`), scopes and the universe (`scope.rs`), and the
//! package level (`check.rs`, `typexpr.rs`): declarations, type expressions, signatures, methods.
//! Function bodies and expressions are the next phase.

mod builtins;
mod chanops;
pub mod check;
pub mod constant;
mod constexpr;
mod expr;
mod exprstring;
mod flow;
mod generic;
mod iface;
pub mod info;
mod literal;
mod member;
mod misplaced;
pub mod operand;
mod order;
mod resolve;
pub mod scope;
mod stdapi;
mod stdconst;
pub mod stdpkg;
mod stdpkg_more;
mod stmt;
mod terminate;
pub mod ty;
mod typexpr;

pub use check::{check, check_seeded, Checked, Seed};
pub use stdapi::{coverage, gol_has_package, Coverage};

/// Standard packages a script may use without importing them (and that gol intends to provide).
pub const KNOWN_PACKAGES: &[&str] = &[
    "fmt", "strings", "strconv", "math", "sort", "errors", "os", "time", "sync", "unicode", "utf8",
    "runtime", "context", "rand", "bufio", "log", "atomic", "bytes", "slices", "maps", "cmp", "io",
    "iter", "regexp",
];

pub fn known_package(name: &str) -> bool {
    KNOWN_PACKAGES.contains(&name)
}
