//! CHROME TRACE-EVENT JSON (`gol trace --format json`). Input: the trace model. Output: a
//! `{"traceEvents": [...]}` document that Perfetto's UI and `chrome://tracing` open: process 1
//! holds one thread per worker (P) with a complete event (`ph: X`) per time slice, and a GC
//! thread; process 2 one thread per goroutine with its running / runnable / blocked segments;
//! channel handoffs are flow events (`s` → `f`); the program's end is an instant event.
//! Every event carries `ph`, `ts`, `pid` and `tid` (metadata events too, at ts 0).

use super::model::{Model, BLOCKED, RUNNABLE, RUNNING};
use super::{chan_name, json_str, model::reason_text};
use std::fmt::Write as _;

const WORKERS_PID: u32 = 1;
const GOROUTINES_PID: u32 = 2;
/// The GC lane's thread id in the workers' process (beyond any worker number).
const GC_TID: u32 = 1_000_000;

/// Microseconds with nanosecond precision, as the format wants.
fn us(out: &mut String, ns: u64) {
    super::page::push_u64(out, ns / 1000);
    let f = ns % 1000;
    out.push('.');
    out.push(char::from(b'0' + (f / 100) as u8));
    out.push(char::from(b'0' + (f / 10 % 10) as u8));
    out.push(char::from(b'0' + (f % 10) as u8));
}

fn meta(out: &mut String, pid: u32, tid: u64, what: &str, name: &str) {
    let _ = write!(out, "{{\"ph\":\"M\",\"ts\":0,\"pid\":{pid},\"tid\":{tid},\"name\":\"{what}\",\"args\":{{\"name\":");
    json_str(out, name);
    out.push_str("}},\n");
}

fn complete(out: &mut String, pid: u32, tid: u64, start: u64, end: u64, name: &str) {
    let _ = write!(out, "{{\"ph\":\"X\",\"pid\":{pid},\"tid\":{tid},\"ts\":");
    us(out, start);
    out.push_str(",\"dur\":");
    us(out, end - start);
    out.push_str(",\"name\":");
    json_str(out, name);
    out.push('}');
}

pub fn render(m: &Model) -> String {
    let mut out = String::with_capacity(64 * (m.segs.len() + m.slices.len()) + 4096);
    out.push_str("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
    meta(&mut out, WORKERS_PID, 0, "process_name", "Workers (P)");
    meta(&mut out, GOROUTINES_PID, 0, "process_name", "Goroutines");
    for w in 0..m.workers {
        meta(
            &mut out,
            WORKERS_PID,
            w as u64,
            "thread_name",
            &format!("P{w}"),
        );
    }
    meta(&mut out, WORKERS_PID, GC_TID as u64, "thread_name", "GC");
    for g in &m.goroutines {
        let name = format!("G{} {}", g.id, m.strs[g.func as usize]);
        meta(&mut out, GOROUTINES_PID, g.id, "thread_name", &name);
    }
    let gfunc: std::collections::HashMap<u64, &str> = m
        .goroutines
        .iter()
        .map(|g| (g.id, m.strs[g.func as usize].as_str()))
        .collect();
    for s in &m.slices {
        let name = format!("G{} {}", s.g, gfunc.get(&s.g).copied().unwrap_or(""));
        complete(
            &mut out,
            WORKERS_PID,
            s.worker as u64,
            s.start,
            s.end,
            &name,
        );
        out.push_str(",\n");
    }
    for s in &m.segs {
        let g = &m.goroutines[s.g as usize];
        let name = match s.state {
            RUNNING => "running",
            RUNNABLE => "runnable",
            r => reason_text(r - BLOCKED),
        };
        complete(&mut out, GOROUTINES_PID, g.id, s.start, s.end, name);
        if s.state >= BLOCKED {
            out.pop();
            out.push_str(",\"args\":{\"at\":");
            json_str(&mut out, &m.strs[s.pos as usize]);
            if s.chan > 0 {
                out.push_str(",\"chan\":");
                json_str(&mut out, &chan_name(m, s.chan as usize - 1));
            }
            out.push_str("}}");
        }
        out.push_str(",\n");
    }
    for (i, a) in m.arrows.iter().enumerate() {
        let name = if a.chan > 0 {
            chan_name(m, a.chan as usize - 1)
        } else {
            "chan".to_string()
        };
        for (ph, tid, t) in [("s", a.from, a.t0), ("f", a.to, a.t1)] {
            let _ = write!(
                out,
                "{{\"ph\":\"{ph}\",\"id\":{i},\"cat\":\"chan\",\"bp\":\"e\",\"pid\":{GOROUTINES_PID},\"tid\":{tid},\"ts\":"
            );
            us(&mut out, t);
            out.push_str(",\"name\":");
            json_str(&mut out, &name);
            out.push_str("},\n");
        }
    }
    for &(s, e) in &m.gc {
        complete(&mut out, WORKERS_PID, GC_TID as u64, s, e, "GC");
        out.push_str(",\n");
    }
    let end = match m.summary.end {
        Some(crate::runtime::events::End::Deadlock) => "deadlock",
        Some(crate::runtime::events::End::Panic) => "panic",
        Some(crate::runtime::events::End::Exit) => "os.Exit",
        _ => "end",
    };
    let _ = write!(
        out,
        "{{\"ph\":\"i\",\"s\":\"g\",\"pid\":{WORKERS_PID},\"tid\":0,\"ts\":"
    );
    us(&mut out, m.duration);
    let _ = writeln!(
        out,
        ",\"name\":\"{end}\",\"args\":{{\"exit\":{}}}}}",
        m.summary.exit_code
    );
    out.push_str("]}\n");
    out
}
