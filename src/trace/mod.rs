//! `gol trace`: a program's run as a picture. Input: the runtime's event stream of a run
//! (`runtime::events`, recorded because the CLI turned it on before the program started).
//! Output: after the run, `FILE.trace.html` (one self-contained page: `page.rs`, `trace.js`)
//! or Chrome trace-event JSON (`--format json`, `chrome.rs`), and a short summary on stderr.
//!
//! `model.rs` turns events into lanes, segments, arrows and figures; the writers only format it.

pub mod chrome;
pub mod model;
pub mod page;

use model::{reason_text, Model};
use std::fmt::Write as _;

/// What `gol trace` writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Json,
}

/// Writes the trace of the run that just ended to `out` (or next to `file`) and the summary
/// to stderr (`GOL_TRACE_PROFILE=1` adds how long collecting and modelling took). An error
/// is a message for the CLI (the program's own exit status stands).
pub fn finish(file: &str, out: Option<&str>, format: Format) -> Result<(), String> {
    let started = std::time::Instant::now();
    let (events, end) = crate::runtime::events::take();
    if end.is_none() {
        // The program never ran (a compile error, already reported): nothing to draw.
        return Ok(());
    }
    let t_take = started.elapsed();
    let nprocs = end.as_ref().map_or(1, |e| e.nprocs);
    let model = model::build(&events, end.as_ref().map(|e| &*e.prog), nprocs);
    let path = match out {
        Some(p) => p.to_string(),
        None => {
            let base = if file == "-" { "stdin" } else { file };
            match format {
                Format::Html => format!("{base}.trace.html"),
                Format::Json => format!("{base}.trace.json"),
            }
        }
    };
    let t_model = started.elapsed();
    let text = match format {
        Format::Html => page::render(&model, file),
        Format::Json => chrome::render(&model),
    };
    std::fs::write(&path, text).map_err(|e| format!("cannot write {path}: {e}"))?;
    let took = started.elapsed().as_nanos() as u64;
    if std::env::var("GOL_TRACE_PROFILE").is_ok() {
        eprintln!(
            "take {t_take:?} model {t_model:?} total {:?}",
            started.elapsed()
        );
    }
    eprint!(
        "{}",
        summary_text(&model, &format!("{path} in {}", dur(took)))
    );
    Ok(())
}

/// Nanoseconds as a short duration (`1.2ms`).
pub fn dur(ns: u64) -> String {
    if ns >= 1_000_000_000 {
        format!("{:.2}s", ns as f64 / 1e9)
    } else if ns >= 1_000_000 {
        format!("{:.1}ms", ns as f64 / 1e6)
    } else if ns >= 1_000 {
        format!("{:.1}µs", ns as f64 / 1e3)
    } else {
        format!("{ns}ns")
    }
}

/// A channel's name for people: `chan@file:line` of its `make` (`#n` if unknown).
pub fn chan_name(m: &Model, c: usize) -> String {
    let at = &m.strs[m.chans[c].made_at as usize];
    if at.is_empty() {
        format!("chan#{}", c + 1)
    } else {
        format!("chan@{at}")
    }
}

/// The stderr summary: the page's summary table in a few lines (`path`: where it went).
pub fn summary_text(m: &Model, path: &str) -> String {
    let s = &m.summary;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "gol trace: {} events over {}, written to {path}",
        s.events,
        dur(m.duration)
    );
    let _ = writeln!(
        t,
        "  goroutines: {} created, {} max alive; workers: {}; steals: {}",
        s.created, s.max_alive, m.workers, s.steals
    );
    let mut blocked: Vec<(u64, usize)> = s
        .blocked_ns
        .iter()
        .enumerate()
        .filter(|(_, &ns)| ns > 0)
        .map(|(r, &ns)| (ns, r))
        .collect();
    blocked.sort_unstable_by(|a, b| b.cmp(a));
    if !blocked.is_empty() {
        let parts: Vec<String> = blocked
            .iter()
            .map(|&(ns, r)| format!("{} {}", reason_text(r as u32), dur(ns)))
            .collect();
        let _ = writeln!(t, "  blocked: {}", parts.join(", "));
    }
    let mut chans: Vec<usize> = (0..m.chans.len())
        .filter(|&c| m.chans[c].sends > 0)
        .collect();
    chans.sort_by_key(|&c| std::cmp::Reverse(m.chans[c].sends));
    if !chans.is_empty() {
        let parts: Vec<String> = chans
            .iter()
            .take(6)
            .map(|&c| format!("{} {} msgs", chan_name(m, c), m.chans[c].sends))
            .collect();
        let more = if chans.len() > 6 {
            format!(" (+{} more)", chans.len() - 6)
        } else {
            String::new()
        };
        let _ = writeln!(t, "  channels: {}{more}", parts.join(", "));
    }
    let _ = writeln!(
        t,
        "  gc: {} collections, {} paused (max {})",
        s.gcs,
        dur(s.gc_pause_ns),
        dur(s.gc_max_ns)
    );
    let end = match s.end {
        Some(crate::runtime::events::End::Normal) | None => "main returned",
        Some(crate::runtime::events::End::Panic) => "panic",
        Some(crate::runtime::events::End::Deadlock) => "deadlock",
        Some(crate::runtime::events::End::Exit) => "os.Exit",
    };
    let _ = writeln!(t, "  end: {end} (exit status {})", s.exit_code);
    if !s.leaked.is_empty() {
        let parts: Vec<String> = s
            .leaked
            .iter()
            .take(8)
            .map(|&(g, r, pos)| {
                let at = &m.strs[pos as usize];
                format!("goroutine {g} [{}] {at}", reason_text(r))
            })
            .collect();
        let more = if s.leaked.len() > 8 {
            format!(" (+{} more)", s.leaked.len() - 8)
        } else {
            String::new()
        };
        let _ = writeln!(t, "  still blocked: {}{more}", parts.join("; "));
    }
    t
}

/// Appends `s` as a JSON string (also safe inside an HTML `<script>`: `<` is escaped).
pub fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
