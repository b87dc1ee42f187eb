//! `gol explore FILE`: runs a program under many deterministic schedules. Input: the file, the
//! number of runs, the strategy and the parallelism. Output: a table of the distinct outcomes
//! (exit status, stdout digest and its first line that differs from the commonest outcome's,
//! the first line of a panic or fatal error, leak reports), each with its count, the first seed
//! that produced it and the command that replays it; exit status 0 when every run ended alike.
//!
//! Each run is a child process `gol run --seed S --strategy X --leaks FILE` (so a run that
//! crashes, hangs until the wall-clock limit or exits cannot disturb the others); `jobs` threads
//! start children until the seeds run out. Also here: `configure`, the `--seed`/`--strategy`/
//! `--leaks` flags of `gol run` turned into runtime settings.

use crate::runtime::detsched::{self, Strategy};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A run that takes longer than this (wall clock) is stopped: under virtual time a program
/// that never blocks for good and never ends is a livelock.
const RUN_WALL_LIMIT: &str = "20s";

/// Applies `gol run`'s deterministic-mode and leak flags before the program starts.
pub fn configure(seed: Option<u64>, strategy: Option<&str>, leaks: bool) -> Result<(), String> {
    if let Some(seed) = seed {
        let strategy = match strategy {
            None => Strategy::Random,
            Some(s) => Strategy::parse(s)
                .ok_or_else(|| format!("unknown strategy {s:?} (want random or pct)"))?,
        };
        detsched::enable(seed, strategy);
    }
    if leaks {
        crate::runtime::leaks::enable();
    }
    Ok(())
}

/// How one run ended: what makes two runs the same outcome.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Outcome {
    code: i32,
    stdout: Vec<u8>,
    /// The first stderr line that is not part of a leak report (panic, fatal error).
    error: String,
    /// The leak reports' lines.
    leaks: Vec<String>,
}

struct Tally {
    outcomes: HashMap<Outcome, (u64, u64)>,
    done: u64,
}

/// `gol explore`: returns the process exit status.
pub fn run(file: &str, runs: u64, strategy: &str, jobs: Option<usize>) -> i32 {
    let Some(strategy) = Strategy::parse(strategy) else {
        eprintln!("gol explore: unknown strategy {strategy:?} (want random or pct)");
        return 2;
    };
    if let Err(e) = std::fs::metadata(file) {
        eprintln!("gol explore: {file}: {e}");
        return 2;
    }
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gol explore: cannot find the gol executable: {e}");
            return 2;
        }
    };
    let jobs = jobs
        .unwrap_or_else(|| crate::runtime::sched::num_cpu() as usize)
        .max(1);
    let next = Arc::new(AtomicU64::new(1));
    let tally = Arc::new(Mutex::new(Tally {
        outcomes: HashMap::new(),
        done: 0,
    }));
    let tty = std::io::stderr().is_terminal();
    let failed = Arc::new(Mutex::new(None::<String>));
    let threads: Vec<_> = (0..jobs.min(runs.max(1) as usize))
        .map(|_| {
            let (next, tally, exe, failed) = (
                Arc::clone(&next),
                Arc::clone(&tally),
                exe.clone(),
                Arc::clone(&failed),
            );
            let file = file.to_string();
            std::thread::spawn(move || loop {
                let seed = next.fetch_add(1, Ordering::SeqCst);
                if seed > runs {
                    return;
                }
                let out = Command::new(&exe)
                    .args(["--max-wall", RUN_WALL_LIMIT, "run", "--leaks", "--seed"])
                    .arg(seed.to_string())
                    .args(["--strategy", strategy.name()])
                    .arg(&file)
                    .stdin(Stdio::null())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .output();
                let out = match out {
                    Ok(o) => o,
                    Err(e) => {
                        *failed.lock().unwrap_or_else(|p| p.into_inner()) =
                            Some(format!("cannot start gol: {e}"));
                        return;
                    }
                };
                let outcome = classify(out.status, out.stdout, &out.stderr);
                let mut t = tally.lock().unwrap_or_else(|p| p.into_inner());
                let e = t.outcomes.entry(outcome).or_insert((0, seed));
                e.0 += 1;
                e.1 = e.1.min(seed);
                t.done += 1;
                if tty {
                    eprint!(
                        "\r{} of {runs} runs, {} distinct outcome{}",
                        t.done,
                        t.outcomes.len(),
                        if t.outcomes.len() == 1 { "" } else { "s" }
                    );
                    let _ = std::io::stderr().flush();
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    if tty {
        eprint!("\r\x1b[K");
    }
    if let Some(msg) = failed.lock().unwrap_or_else(|p| p.into_inner()).take() {
        eprintln!("gol explore: {msg}");
        return 2;
    }
    let tally = tally.lock().unwrap_or_else(|p| p.into_inner());
    print!("{}", table(file, strategy, &tally));
    if tally.outcomes.len() > 1 {
        1
    } else {
        0
    }
}

fn classify(status: std::process::ExitStatus, stdout: Vec<u8>, stderr: &[u8]) -> Outcome {
    use std::os::unix::process::ExitStatusExt;
    let code = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    let text = String::from_utf8_lossy(stderr);
    let mut error = String::new();
    let mut leaks = Vec::new();
    let mut in_report = false;
    for line in text.lines() {
        if crate::runtime::leaks::is_header(line) {
            in_report = true;
            leaks.push(line.to_string());
        } else if in_report && line.starts_with("  goroutine ") {
            leaks.push(line.to_string());
        } else {
            in_report = false;
            if error.is_empty() && !line.is_empty() {
                error = line.to_string();
            }
        }
    }
    Outcome {
        code,
        stdout,
        error,
        leaks,
    }
}

/// FNV-1a: a short, stable name for a stdout.
fn digest(b: &[u8]) -> u64 {
    b.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x100_0000_01b3)
    })
}

/// The first line where `b` differs from `a` (1-based), and that line of `b`.
fn first_difference(a: &[u8], b: &[u8]) -> Option<(usize, String)> {
    let lines = |t: &[u8]| -> Vec<Vec<u8>> {
        let mut v: Vec<Vec<u8>> = t.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
        if t.ends_with(b"\n") || t.is_empty() {
            v.pop();
        }
        v
    };
    let (la, lb) = (lines(a), lines(b));
    for i in 0..la.len().max(lb.len()) {
        if la.get(i) != lb.get(i) {
            let line = lb.get(i).map_or("(end of output)".to_string(), |l| {
                format!("{:?}", String::from_utf8_lossy(l))
            });
            return Some((i + 1, line));
        }
    }
    None
}

fn table(file: &str, strategy: Strategy, t: &Tally) -> String {
    use std::fmt::Write;
    let mut rows: Vec<(&Outcome, u64, u64)> =
        t.outcomes.iter().map(|(o, &(n, s))| (o, n, s)).collect();
    // Commonest first; ties by first seed, so the table is the same in every exploration.
    rows.sort_by_key(|&(_, n, s)| (std::cmp::Reverse(n), s));
    let mut out = String::new();
    let n = rows.len();
    let _ = writeln!(
        out,
        "gol explore: {} runs of {file} (strategy {}): {n} distinct outcome{}",
        t.done,
        strategy.name(),
        if n == 1 { "" } else { "s" }
    );
    let reference = rows.first().map(|r| r.0.stdout.clone()).unwrap_or_default();
    for (i, (o, count, seed)) in rows.iter().enumerate() {
        let lines = o.stdout.iter().filter(|&&c| c == b'\n').count();
        let _ = writeln!(
            out,
            "\n#{} {count} run{} (first seed {seed}): exit status {}, stdout {:016x} ({lines} line{})",
            i + 1,
            if *count == 1 { "" } else { "s" },
            o.code,
            digest(&o.stdout),
            if lines == 1 { "" } else { "s" }
        );
        if i > 0 {
            if let Some((at, line)) = first_difference(&reference, &o.stdout) {
                let _ = writeln!(out, "   stdout differs from #1 at line {at}: {line}");
            }
        }
        if !o.error.is_empty() {
            let _ = writeln!(out, "   {}", o.error);
        }
        for l in &o.leaks {
            let _ = writeln!(out, "   {l}");
        }
        let strat = match strategy {
            Strategy::Random => String::new(),
            s => format!(" --strategy {}", s.name()),
        };
        let leaks = if o.leaks.is_empty() { "" } else { " --leaks" };
        let _ = writeln!(out, "   replay: gol run --seed {seed}{strat}{leaks} {file}");
    }
    out
}
