//! ONE harness for the test programs: walks tests/programs/**.gol and examples/*.gol, obeys each file's directive
//! (see tests/README.md) and compares what the `gol` binary does with the expectations written in
//! the file. Adding a test means adding a file. Prints one line per failure and a closing
//! `programs: N passed, M failed`; exits non-zero if anything failed.
//!
//! A `// run` file is run with `gol run`: stdout, exit status and the first stderr line must be
//! the expected ones (which tests/oracle.py verifies against real Go). Programs gol cannot run
//! yet are listed in tests/known-failing.txt: each must still pass `gol check`, and must fail
//! to run — a listed program that passes is reported, so the list only ever shrinks.
//!
//! Concurrent programs (see `run_per_procs`: everything under tests/programs/conc, tests/programs/notes
//! and examples, and any program with a `go` statement or a channel) are run three times, with
//! GOMAXPROCS=1, 2 and 8 in the environment, and each run must meet the same expectations; a failure
//! names the run, e.g. `FAIL tests/programs/conc/chan/foo.gol [GOMAXPROCS=2]`. A program whose header
//! sets GOMAXPROCS (`// env: GOMAXPROCS=1`) runs once, with that value.
//!
//! Arguments: optional substrings; only files whose path contains one of them run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

#[path = "support/spec.rs"]
mod spec;
use spec::{Directive, Spec};

const GOL: &str = env!("CARGO_BIN_EXE_gol");

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    // The test programs, and the examples (each also a test: its expected output is committed).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    // GOL_TEST_ROOTS (space-separated, relative to the crate) runs other folders instead, e.g. the
    // tests waiting in tests/pending while a stage is being built.
    match std::env::var("GOL_TEST_ROOTS") {
        Ok(roots) => roots
            .split_whitespace()
            .for_each(|r| collect(&root.join(r), &mut files)),
        Err(_) => {
            collect(&root.join("tests/programs"), &mut files);
            collect(&root.join("examples"), &mut files);
        }
    }
    files.sort();
    files.retain(|f| {
        filters.is_empty()
            || filters
                .iter()
                .any(|p| f.to_string_lossy().contains(p.as_str()))
    });

    // Under gc-stress (a collection at every safepoint), programs marked `// gc-stress: skip`
    // are left out: a collection scans every goroutine, so a program with 100k of them would
    // take hours. The reason follows the marker.
    let stress = std::env::var("GOL_GC_STRESS").is_ok_and(|v| !v.is_empty() && v != "0");
    let mut skipped = 0;
    if stress {
        files.retain(|f| {
            let skip = std::fs::read_to_string(f)
                .is_ok_and(|src| src.lines().any(|l| l.starts_with("// gc-stress: skip")));
            skipped += skip as usize;
            !skip
        });
    }

    // One job per run: a concurrent program runs once per GOMAXPROCS value in PROCS.
    let mut jobs: Vec<(&Path, Option<&'static str>)> = Vec::new();
    for f in &files {
        if run_per_procs(f) {
            jobs.extend(PROCS.iter().map(|p| (f.as_path(), Some(*p))));
        } else {
            jobs.push((f.as_path(), None));
        }
    }

    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .max(2);
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(path, procs)) = jobs.get(i) else {
                    break;
                };
                if let Err(why) = run_one(path, procs) {
                    failures.lock().unwrap().push(format!(
                        "FAIL {}\n{}",
                        job_name(path, procs),
                        indent(&why)
                    ));
                }
            });
        }
    });
    let mut failures = failures.into_inner().unwrap();
    failures.sort();
    for f in &failures {
        println!("{f}");
    }
    println!(
        "programs: {} passed, {} failed ({} files, {} runs{})",
        jobs.len() - failures.len(),
        failures.len(),
        files.len(),
        jobs.len(),
        if skipped > 0 {
            format!("; {skipped} skipped under gc-stress")
        } else {
            String::new()
        }
    );
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

/// The GOMAXPROCS values every concurrent program is run with (see `run_per_procs`).
const PROCS: [&str; 3] = ["1", "2", "8"];

/// Folders (relative to the crate) whose `// run` programs are all concurrent.
const CONCURRENT_DIRS: [&str; 3] = ["tests/programs/conc/", "tests/programs/notes/", "examples/"];

/// The path relative to the crate, with `/` separators.
fn rel_path(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// A failure's name: the relative path, plus ` [GOMAXPROCS=N]` for one of a program's runs.
fn job_name(path: &Path, procs: Option<&str>) -> String {
    match procs {
        Some(p) => format!("{} [GOMAXPROCS={p}]", rel_path(path)),
        None => rel_path(path),
    }
}

/// Whether a file is run once per GOMAXPROCS value in PROCS: a `// run` program in one of
/// CONCURRENT_DIRS, or anywhere else if its code has a `go` statement or the word `chan`; unless its
/// header pins GOMAXPROCS with `// env: GOMAXPROCS=N` (then it runs once, with that value).
fn run_per_procs(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false; // run_one reports the error
    };
    let Ok(spec) = Spec::parse(&text) else {
        return false;
    };
    if spec.directive != Directive::Run || spec.env.iter().any(|(k, _)| k == "GOMAXPROCS") {
        return false;
    }
    let rel = rel_path(path);
    CONCURRENT_DIRS.iter().any(|d| rel.starts_with(d)) || looks_concurrent(&text)
}

/// A rough test for goroutines and channels in a program's code (comment lines are skipped): a
/// line starting with `go ` (a go statement) or the word `chan` anywhere.
fn looks_concurrent(text: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.lines().map(str::trim_start).any(|l| {
        !l.starts_with("//")
            && (l.starts_with("go ")
                || l.match_indices("chan").any(|(i, _)| {
                    !l[..i].chars().next_back().is_some_and(is_ident)
                        && !l[i + 4..].chars().next().is_some_and(is_ident)
                }))
    })
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "gol") {
            out.push(p);
        }
    }
}

fn indent(s: &str) -> String {
    s.lines().map(|l| format!("    {l}\n")).collect()
}

/// The programs gol cannot run yet, from tests/known-failing.txt: paths relative to the crate, or
/// `PATH [GOMAXPROCS=N]` for one run of a program that is run once per GOMAXPROCS value (a bare
/// path then stands for all its runs).
fn known_failing() -> &'static std::collections::HashSet<String> {
    static SET: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/known-failing.txt");
        std::fs::read_to_string(p)
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect()
    })
}

/// Runs `gol run path` with a time limit: (exit code, stdout, stderr).
fn run_program(
    path: &Path,
    spec: &Spec,
    procs: Option<&str>,
) -> Result<(Option<i32>, String, String), String> {
    use std::io::Read;
    let mut cmd = Command::new(GOL);
    if let Some(p) = procs {
        cmd.env("GOMAXPROCS", p);
    }
    cmd.arg("run");
    if spec.race.is_some() {
        cmd.arg("-race");
    }
    let mut child = cmd
        .args(&spec.flags)
        .arg(path)
        .envs(spec.env.iter().map(|(k, v)| (k, v)))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    // The input is written from a thread (a large input must not block on a full pipe) and
    // the pipe closed, so a program reading to EOF ends.
    let mut stdin = child.stdin.take().expect("piped");
    let input = spec.stdin.clone().into_bytes();
    let in_t = std::thread::spawn(move || {
        use std::io::Write;
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stdout.read_to_end(&mut s);
        s
    });
    let err_t = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = stderr.read_to_end(&mut s);
        s
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let status = loop {
        if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
            break st;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err("timed out after 60 s".into());
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    let _ = in_t.join();
    let out = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let err = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    Ok((status.code(), out, err))
}

fn check_run(path: &Path, spec: &Spec, procs: Option<&str>) -> Result<(), String> {
    let (code, out, err) = run_program(path, spec, procs)?;
    let racy = spec.race.as_ref().is_some_and(|r| !r.is_empty());
    let want_code = spec.exit.unwrap_or(if racy { 66 } else { 0 });
    let mut why = Vec::new();
    if let Some(want) = &spec.race {
        let name = path
            .file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let (mut got, found) = spec::race_reports(&err, &name);
        let mut want = want.clone();
        got.sort();
        want.sort();
        if got != want {
            why.push(format!("races reported at lines {got:?}, want {want:?}"));
        }
        let want_found = (!want.is_empty()).then_some(want.len());
        let halts = spec
            .env
            .iter()
            .any(|(k, v)| k == "GORACE" && v.contains("halt_on_error=1"));
        if found != want_found && !halts {
            why.push(format!(
                "`Found N data race(s)`: {found:?}, want {want_found:?}"
            ));
        }
    }
    if code != Some(want_code) {
        why.push(format!("exit status {code:?}, want {want_code}"));
    }
    if out != spec.output {
        why.push(format!("stdout:\n{out}\nwant:\n{}", spec.output));
    }
    if let Some(want) = &spec.stderr {
        let first = err.lines().next().unwrap_or("");
        if first != want {
            why.push(format!("first stderr line {first:?}, want {want:?}"));
        }
    }
    if why.is_empty() {
        Ok(())
    } else {
        let mut s = why.join("\n");
        if !err.is_empty() && spec.stderr.is_none() {
            let n = if spec.race.is_some() { 40 } else { 5 };
            s.push_str(&format!(
                "\nstderr:\n{}",
                err.lines().take(n).collect::<Vec<_>>().join("\n")
            ));
        }
        Err(s)
    }
}

/// Checks one file, or one run of it (`procs`: the GOMAXPROCS value of that run).
fn run_one(path: &Path, procs: Option<&str>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let spec = Spec::parse(&text)?;
    match spec.directive {
        Directive::Run => {
            // `gol check` once per file, not once per run.
            if procs.is_none_or(|p| p == PROCS[0]) {
                let out = Command::new(GOL)
                    .arg("check")
                    .arg(path)
                    .output()
                    .map_err(|e| e.to_string())?;
                if !out.status.success() {
                    return Err(format!(
                        "gol check failed:\n{}",
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
            }
            let listed = known_failing().contains(&rel_path(path))
                || known_failing().contains(&job_name(path, procs));
            let result = check_run(path, &spec, procs);
            match (listed, result) {
                (false, r) => r,
                (true, Ok(())) if procs.is_some() => Err(
                    "passes now: remove it from tests/known-failing.txt (or list only its failing \
                     runs there, as `PATH [GOMAXPROCS=N]`)"
                        .into(),
                ),
                (true, Ok(())) => Err("passes now: remove it from tests/known-failing.txt".into()),
                (true, Err(_)) => Ok(()),
            }
        }
        Directive::ErrorCheck => {
            let out = Command::new(GOL)
                .arg("check")
                .arg(path)
                .output()
                .map_err(|e| e.to_string())?;
            if out.status.code() != Some(1) {
                return Err(format!(
                    "expected exit status 1, got {:?}",
                    out.status.code()
                ));
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            spec.match_errors(&stderr)
        }
    }
}
