//! REGEXP ENGINE: Go's `regexp` matching core in Rust. Input: an expression and a syntax mode
//! (`Compile` or `CompilePOSIX`), then texts to search. Output: a compiled `Regexp` (or Go's
//! parse error, code and quoted text, byte for byte), and for each search the capture slots Go
//! reports. The API around it (Find*, ReplaceAll*, Expand, Split...) is gol source in
//! `stdlib/regexp/`, which calls this through `Rt::Regexp` (`vm/regexprt.rs`).
//!
//! Pipeline: `parse` (Go's syntax and errors) → `compile` (Go's Simplify and program shapes) →
//! `pike` (Go's NFA simulation rules). Written from Go's documented behaviour and checked
//! against real Go by the tests under `tests/programs/std/regexp/`; no code is shared with Go.

mod ast;
mod class;
mod compile;
mod factor;
mod parse;
mod pike;
mod unicode_groups;

#[cfg(test)]
mod tests;

use std::sync::Mutex;

pub use ast::Error;

/// A compiled expression. Immutable after `new`, so one value serves every goroutine at once;
/// scratch space comes from `pool` (taken and returned around each search, never held across a
/// safepoint).
pub struct Regexp {
    prog: compile::Prog,
    /// Number of capturing groups.
    pub num_subexp: usize,
    /// Group names, index 0 (the whole match) included; `""` for unnamed groups.
    pub names: Vec<String>,
    /// `LiteralPrefix`: the literal every match starts with, and whether it is the whole match.
    pub prefix: String,
    pub complete: bool,
    /// The prefix searched with memmem before starting threads (empty when anchored).
    search_prefix: Vec<u8>,
    anchored: bool,
    pool: Mutex<Vec<pike::Machine>>,
}

impl Regexp {
    /// Compiles `expr` with `regexp.Compile`'s syntax, or `CompilePOSIX`'s when `posix`.
    pub fn new(expr: &[u8], posix: bool) -> Result<Regexp, Error> {
        let mode = if posix {
            ast::flags::POSIX
        } else {
            ast::flags::PERL
        };
        let parsed = parse::parse(expr, mode)?;
        let prog = compile::compile(&parsed.re);
        let anchored = prog.starts_with_begin_text();
        let (prefix, complete) = prog.prefix(prog.one_pass());
        let search_prefix = if anchored {
            Vec::new()
        } else {
            prefix.as_bytes().to_vec()
        };
        Ok(Regexp {
            num_subexp: parsed.names.len() - 1,
            names: parsed.names,
            prog,
            prefix,
            complete,
            search_prefix,
            anchored,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// The leftmost match in `text` starting the search at byte `pos`: `ncap` slots (pairs of
    /// byte offsets, -1 for a group that did not take part), or None. `ncap` 0 only tests.
    pub fn exec(&self, text: &[u8], pos: usize, ncap: usize, longest: bool) -> Option<Vec<i64>> {
        let want = ncap.min(self.prog.num_cap);
        let mut m = {
            let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
            match pool.iter().position(|m| m.ncap() == want) {
                Some(i) => pool.swap_remove(i),
                None => pike::Machine::new(&self.prog, want),
            }
        };
        let r = pike::exec(
            &mut m,
            &self.prog,
            &self.search_prefix,
            self.anchored,
            text,
            pos,
            longest,
        );
        let mut pool = self.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < 8 {
            pool.push(m);
        }
        drop(pool);
        r.map(|mut caps| {
            caps.resize(ncap, -1);
            caps
        })
    }
}
