//! THE TRACE PAGE (`gol trace`'s default output). Input: the trace model. Output: one HTML
//! file with everything inline (style, `trace.js`, the data as one JSON document in a
//! `<script type="application/json">`): no network, so it works from `file://`.
//!
//! The data is flat arrays of numbers (a segment is six numbers, not an object), so a trace
//! of a million events stays a few tens of megabytes and parses quickly; `trace.js` draws it
//! on a canvas, only what is visible.
//!
//! Data layout (times in ns from the first event; `s`: an index into `strs`):
//! - `gs`: per goroutine `[id, func s, created_at s, parent, start, end (-1: alive)]`;
//! - `segs`: flat `[g index, start, end, state, pos s, chan + 1]`, sorted by goroutine then
//!   time; state 0 running, 1 runnable, 2 + r blocked with wait reason `reasons[r]`;
//! - `slices`: flat `[worker, goroutine id, start, end]`, sorted by worker then time;
//! - `arrows`: flat `[from id, t0, to id, t1, chan + 1]`; `gc`: flat `[start, end]`;
//! - `chans`: `[made_at s, cap, sends, recvs, closed]`; `summary`: the stderr summary's data.

use super::model::Model;
use super::{chan_name, json_str};
use std::fmt::Write as _;

const SCRIPT: &str = include_str!("trace.js");
const STYLE: &str = include_str!("trace.css");

fn nums(out: &mut String, key: &str, it: impl Iterator<Item = u64>) {
    let _ = write!(out, "\"{key}\":[");
    let mut first = true;
    for n in it {
        if !first {
            out.push(',');
        }
        first = false;
        push_u64(out, n);
    }
    out.push_str("],\n");
}

/// Appends `n` in decimal (`write!` costs a third of the page's time on 1M events).
pub fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // The bytes are ASCII digits.
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or("0"));
}

/// The model as the page's JSON document.
pub fn data(m: &Model, file: &str) -> String {
    let mut out = String::with_capacity(40 * m.segs.len() + 25 * m.slices.len() + 4096);
    out.push_str("{\"v\":1,\"file\":");
    json_str(&mut out, file);
    let _ = write!(
        out,
        ",\"duration\":{},\"workers\":{},\n\"strs\":[",
        m.duration, m.workers
    );
    for (i, s) in m.strs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(&mut out, s);
    }
    out.push_str("],\n\"reasons\":[");
    for (i, r) in crate::runtime::events::WAIT_REASONS.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(&mut out, r.text());
    }
    out.push_str("],\n\"gs\":[");
    for (i, g) in m.goroutines.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let end = g.end.map_or(-1, |e| e as i64);
        let _ = write!(
            out,
            "[{},{},{},{},{},{end}]",
            g.id, g.func, g.created_at, g.parent, g.start
        );
    }
    out.push_str("],\n");
    let mut segs = m.segs.clone();
    segs.sort_unstable_by_key(|s| (s.g, s.start));
    nums(
        &mut out,
        "segs",
        segs.iter().flat_map(|s| {
            [
                s.g as u64,
                s.start,
                s.end,
                s.state as u64,
                s.pos as u64,
                s.chan as u64,
            ]
        }),
    );
    let mut slices = m.slices.clone();
    slices.sort_unstable_by_key(|s| (s.worker, s.start));
    nums(
        &mut out,
        "slices",
        slices
            .iter()
            .flat_map(|s| [s.worker as u64, s.g, s.start, s.end]),
    );
    nums(
        &mut out,
        "arrows",
        m.arrows
            .iter()
            .flat_map(|a| [a.from, a.t0, a.to, a.t1, a.chan as u64]),
    );
    nums(&mut out, "gc", m.gc.iter().flat_map(|&(s, e)| [s, e]));
    out.push_str("\"chans\":[");
    for (i, c) in m.chans.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            "[{},{},{},{},{}]",
            c.made_at, c.cap, c.sends, c.recvs, c.closed as u8
        );
    }
    out.push_str("],\n\"chanNames\":[");
    for i in 0..m.chans.len() {
        if i > 0 {
            out.push(',');
        }
        json_str(&mut out, &chan_name(m, i));
    }
    let s = &m.summary;
    let end = match s.end {
        Some(crate::runtime::events::End::Normal) | None => "normal",
        Some(crate::runtime::events::End::Panic) => "panic",
        Some(crate::runtime::events::End::Deadlock) => "deadlock",
        Some(crate::runtime::events::End::Exit) => "exit",
    };
    let _ = write!(
        out,
        "],\n\"summary\":{{\"events\":{},\"created\":{},\"maxAlive\":{},\"steals\":{},\"gcs\":{},\"gcPause\":{},\"gcMax\":{},\"exit\":{},\"end\":\"{end}\",",
        s.events, s.created, s.max_alive, s.steals, s.gcs, s.gc_pause_ns, s.gc_max_ns, s.exit_code
    );
    nums(&mut out, "blocked", s.blocked_ns.iter().copied());
    nums(
        &mut out,
        "leaked",
        s.leaked
            .iter()
            .flat_map(|&(g, r, p)| [g, r as u64, p as u64]),
    );
    // `nums` left a trailing comma: close the object with a last member.
    out.push_str("\"ok\":1}}");
    out
}

/// The whole page.
pub fn render(m: &Model, file: &str) -> String {
    let data = data(m, file);
    let mut title = String::new();
    json_str(&mut title, file);
    let title = title
        .trim_matches('"')
        .replace('&', "&amp;")
        .replace('<', "&lt;");
    let mut page = String::with_capacity(data.len() + SCRIPT.len() + STYLE.len() + 2048);
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>gol trace: {title}</title>\n<style>\n{STYLE}</style></head>\n<body>\n"
    );
    page.push_str(
        "<header><b>gol trace</b> <span id=\"file\"></span> <span id=\"help\">wheel or w/s: zoom · drag or a/d: pan · click: details · 0: reset</span></header>\n\
<div id=\"main\"><canvas id=\"tl\"></canvas><div id=\"tip\"></div></div>\n\
<div id=\"bottom\"><div id=\"details\">Click a lane segment, a slice or an arrow for details.</div><div id=\"summary\"></div></div>\n\
<pre id=\"selftest\" hidden></pre>\n",
    );
    page.push_str("<script type=\"application/json\" id=\"trace-data\">");
    page.push_str(&data);
    page.push_str("</script>\n<script>\n");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body></html>\n");
    page
}
