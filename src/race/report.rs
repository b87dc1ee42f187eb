//! RACE REPORTS: a race found by the shadow, written on stderr in Go's format with gol's
//! function names and `file:line` positions (no program-counter offsets). Input: the race, the
//! program, the current goroutine's stack; output: the report (once per pair of source
//! positions), the count for `Found N data race(s)`, and `GORACE`'s `halt_on_error`/`exitcode`.
//!
//! The previous access is shown by its one recorded frame (the detector keeps no history of
//! stacks); the current one by its whole stack.

use super::shadow::Race;
use super::{info, lock};
use crate::bytecode::Program;
use std::collections::HashSet;
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

static HALT: AtomicBool = AtomicBool::new(false);
static EXITCODE: AtomicI32 = AtomicI32::new(66);
static COUNT: AtomicUsize = AtomicUsize::new(0);

/// Reads `GORACE` (`halt_on_error=1 exitcode=N`; other options are accepted and ignored).
pub fn configure(gorace: Option<&str>) {
    for opt in gorace.unwrap_or("").split([' ', ',']) {
        match opt.split_once('=') {
            Some(("halt_on_error", v)) => HALT.store(v == "1" || v == "true", Ordering::Relaxed),
            Some(("exitcode", v)) => {
                if let Ok(n) = v.parse() {
                    EXITCODE.store(n, Ordering::Relaxed)
                }
            }
            _ => {}
        }
    }
}

/// The pairs of positions already reported.
fn seen() -> &'static Mutex<HashSet<(String, String)>> {
    static S: OnceLock<Mutex<HashSet<(String, String)>>> = OnceLock::new();
    S.get_or_init(|| Mutex::new(HashSet::new()))
}

fn who(gid: u64) -> String {
    if gid == 1 {
        "main goroutine".into()
    } else {
        format!("goroutine {gid}")
    }
}

fn frame(prog: &Program, out: &mut String, f: u32, pc: u32) {
    let Some(func) = prog.funcs.get(f as usize) else {
        return;
    };
    if func.name == "runtime.main" {
        return;
    }
    let pos = prog.position(f, pc as usize);
    out.push_str(&format!("  {}()\n      {pos}\n", func.name));
}

fn created(
    prog: &Program,
    out: &mut String,
    gid: u64,
    created_by: super::CreatedBy,
    finished: bool,
) {
    let Some((f, pc, _)) = created_by else {
        return;
    };
    let Some(func) = prog.funcs.get(f as usize) else {
        return;
    };
    let name = if func.name == "runtime.main" {
        "main.main"
    } else {
        func.name.as_str()
    };
    let status = if finished { "finished" } else { "running" };
    let pos = prog.position(f, pc.saturating_sub(1) as usize);
    out.push_str(&format!(
        "\nGoroutine {gid} ({status}) created at:\n  {name}()\n      {pos}\n"
    ));
}

/// Reports `race`, found by goroutine `gid` (created at `created_by`) whose stack is `stack`
/// (innermost first: function, pc of the instruction). Returns whether the program must stop
/// now (`halt_on_error`).
pub fn report(
    prog: &Program,
    gid: u64,
    created_by: super::CreatedBy,
    stack: &[(u32, u32)],
    race: &Race,
) -> bool {
    let here = stack
        .first()
        .map_or(String::new(), |&(f, pc)| prog.position(f, pc as usize));
    let there = prog.position(race.prev.func, race.prev.pc as usize);
    let key = if here <= there {
        (here, there)
    } else {
        (there, here)
    };
    if !lock(seen()).insert(key) {
        return false;
    }
    let kind = |w: bool| if w { "Write" } else { "Read" };
    let mut out = String::from("==================\nWARNING: DATA RACE\n");
    out.push_str(&format!(
        "{} at {:#014x} by {}:\n",
        kind(race.write),
        race.addr,
        who(gid)
    ));
    for &(f, pc) in stack {
        frame(prog, &mut out, f, pc);
    }
    out.push_str(&format!(
        "\nPrevious {} at {:#014x} by {}:\n",
        kind(race.prev_write).to_lowercase(),
        race.addr,
        who(race.prev.gid as u64)
    ));
    frame(prog, &mut out, race.prev.func, race.prev.pc);
    created(prog, &mut out, gid, created_by, false);
    if race.prev.gid as u64 != gid {
        if let Some((cb, fin)) = info(race.prev.gid as u64) {
            created(prog, &mut out, race.prev.gid as u64, cb, fin);
        }
    }
    out.push_str("==================\n");
    COUNT.fetch_add(1, Ordering::Relaxed);
    static OUT: Mutex<()> = Mutex::new(());
    let _g = lock(&OUT);
    let _ = std::io::stderr().write_all(out.as_bytes());
    HALT.load(Ordering::Relaxed)
}

/// The exit status for `halt_on_error`.
pub fn halt_code() -> i32 {
    EXITCODE.load(Ordering::Relaxed)
}

/// See `race::finish`.
pub fn finish(code: i32) -> i32 {
    let n = COUNT.load(Ordering::Relaxed);
    if n == 0 || code != 0 {
        return code;
    }
    eprintln!("Found {n} data race(s)");
    EXITCODE.load(Ordering::Relaxed)
}
