//! Standard-library natives; so far the value-independent formatting core: Rust primitives → the bytes Go's `strconv` and `fmt` print.

pub mod api;
pub mod fmt;
pub mod fmtcore;
pub mod native;
pub mod natives;
pub mod regexp;
pub mod strconv;
mod unicode_print;
pub mod utf8;

#[cfg(test)]
mod tests_fmt;
