//! `gol trace`, tested on the `gol` binary: programs (a worker pool, a pipeline, a deadlock, a
//! ping-pong, a panic, os.Exit) go in; out come the same stdout and exit status as `gol run`,
//! a Chrome trace-event JSON file whose every event has the format's fields (`ph`, `ts`,
//! `pid`, `tid`, a name), one thread per goroutine, flow arrows that pair up, and a stderr
//! summary. Numbers that depend on scheduling (times, arrows) are checked for shape only.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::Command;

/// A JSON value (just enough of a parser to check the files gol writes).
#[derive(Debug, Clone)]
enum J {
    Null,
    Bool,
    Num(f64),
    Str(String),
    Arr(Vec<J>),
    Obj(BTreeMap<String, J>),
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
}

impl P<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }
    fn eat(&mut self, c: u8) -> Result<(), String> {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            Ok(())
        } else {
            Err(format!("expected {:?} at byte {}", c as char, self.i))
        }
    }
    fn value(&mut self) -> Result<J, String> {
        self.ws();
        match self.s.get(self.i).copied() {
            Some(b'{') => {
                self.i += 1;
                let mut m = BTreeMap::new();
                self.ws();
                if self.s.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(J::Obj(m));
                }
                loop {
                    self.ws();
                    let J::Str(k) = self.value()? else {
                        return Err(format!("object key at {}", self.i));
                    };
                    self.eat(b':')?;
                    let v = self.value()?;
                    if m.insert(k.clone(), v).is_some() {
                        return Err(format!("duplicate key {k}"));
                    }
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(J::Obj(m));
                        }
                        _ => return Err(format!("bad object at {}", self.i)),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut v = Vec::new();
                self.ws();
                if self.s.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(J::Arr(v));
                }
                loop {
                    v.push(self.value()?);
                    self.ws();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(J::Arr(v));
                        }
                        _ => return Err(format!("bad array at {}", self.i)),
                    }
                }
            }
            Some(b'"') => {
                self.i += 1;
                let mut out = String::new();
                loop {
                    let c = *self.s.get(self.i).ok_or("unterminated string")?;
                    self.i += 1;
                    match c {
                        b'"' => return Ok(J::Str(out)),
                        b'\\' => {
                            let e = *self.s.get(self.i).ok_or("bad escape")?;
                            self.i += 1;
                            match e {
                                b'u' => {
                                    let h = std::str::from_utf8(&self.s[self.i..self.i + 4])
                                        .map_err(|e| e.to_string())?;
                                    let n =
                                        u32::from_str_radix(h, 16).map_err(|e| e.to_string())?;
                                    out.push(char::from_u32(n).unwrap_or('?'));
                                    self.i += 4;
                                }
                                b'n' => out.push('\n'),
                                b't' => out.push('\t'),
                                b'"' | b'\\' | b'/' => out.push(e as char),
                                _ => return Err(format!("escape {}", e as char)),
                            }
                        }
                        c if c < 0x20 => return Err("control character in string".into()),
                        _ => {
                            // Copy one UTF-8 sequence.
                            let start = self.i - 1;
                            let mut end = self.i;
                            while end < self.s.len() && (self.s[end] & 0xc0) == 0x80 {
                                end += 1;
                            }
                            out.push_str(
                                std::str::from_utf8(&self.s[start..end])
                                    .map_err(|e| e.to_string())?,
                            );
                            self.i = end;
                        }
                    }
                }
            }
            Some(b't') if self.s[self.i..].starts_with(b"true") => {
                self.i += 4;
                Ok(J::Bool)
            }
            Some(b'f') if self.s[self.i..].starts_with(b"false") => {
                self.i += 5;
                Ok(J::Bool)
            }
            Some(b'n') if self.s[self.i..].starts_with(b"null") => {
                self.i += 4;
                Ok(J::Null)
            }
            Some(c) if c == b'-' || c.is_ascii_digit() => {
                let start = self.i;
                while self.i < self.s.len() && b"+-.eE0123456789".contains(&self.s[self.i]) {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).map_err(|e| e.to_string())?;
                t.parse().map(J::Num).map_err(|_| format!("bad number {t}"))
            }
            _ => Err(format!("unexpected byte at {}", self.i)),
        }
    }
}

fn parse(text: &str) -> Result<J, String> {
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value()?;
    p.ws();
    if p.i != p.s.len() {
        return Err(format!("trailing data at {}", p.i));
    }
    Ok(v)
}

fn gol() -> &'static str {
    env!("CARGO_BIN_EXE_gol")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn out_dir() -> PathBuf {
    let d = root().join("target").join("trace-test");
    std::fs::create_dir_all(&d).expect("target dir");
    d
}

struct Run {
    stdout: String,
    stderr: String,
    code: Option<i32>,
}

fn run(args: &[&str], gomaxprocs: &str) -> Run {
    let o = Command::new(gol())
        .args(args)
        .env("GOMAXPROCS", gomaxprocs)
        .output()
        .expect("run gol");
    Run {
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        code: o.status.code(),
    }
}

/// Checks one program: `gol trace --format json` behaves as `gol run` and writes a valid trace.
/// Returns the trace's events and the run's stderr.
fn check(prog: &str, procs: &str) -> (Vec<BTreeMap<String, J>>, String) {
    let path = root().join(prog);
    let path = path.to_str().expect("utf-8 path");
    let name = prog.replace('/', "_");
    let out = out_dir().join(format!("{name}.{procs}.json"));
    let out = out.to_str().expect("utf-8 path");
    let plain = run(&["run", path], procs);
    let traced = run(&["trace", "--format", "json", "--out", out, path], procs);
    assert_eq!(
        plain.stdout, traced.stdout,
        "{prog}: stdout differs under trace"
    );
    assert_eq!(
        plain.code, traced.code,
        "{prog}: exit status differs under trace"
    );
    // The program's own stderr (a panic or deadlock report) comes first, then the summary.
    let first = plain.stderr.lines().next().unwrap_or("");
    assert!(
        traced.stderr.starts_with(first),
        "{prog}: stderr should start with {first:?}: {}",
        traced.stderr
    );
    assert!(
        traced.stderr.contains("gol trace: ") && traced.stderr.contains("goroutines: "),
        "{prog}: no summary on stderr: {}",
        traced.stderr
    );
    let text = std::fs::read_to_string(out).expect("trace written");
    let doc = parse(&text).unwrap_or_else(|e| panic!("{prog}: invalid JSON: {e}"));
    let J::Obj(doc) = doc else {
        panic!("{prog}: not an object")
    };
    let Some(J::Arr(events)) = doc.get("traceEvents") else {
        panic!("{prog}: no traceEvents array")
    };
    let mut evs = Vec::new();
    let mut flows: HashMap<u64, (usize, usize)> = HashMap::new();
    for e in events {
        let J::Obj(e) = e else {
            panic!("{prog}: an event is not an object")
        };
        for k in ["ph", "ts", "pid", "tid", "name"] {
            assert!(e.contains_key(k), "{prog}: event without {k}: {e:?}");
        }
        let Some(J::Str(ph)) = e.get("ph") else {
            panic!("{prog}: ph is not a string")
        };
        assert!(
            ["X", "M", "s", "f", "i"].contains(&ph.as_str()),
            "{prog}: phase {ph}"
        );
        for k in ["ts", "pid", "tid"] {
            assert!(
                matches!(e.get(k), Some(J::Num(n)) if *n >= 0.0),
                "{prog}: {k} is not a non-negative number: {e:?}"
            );
        }
        assert!(matches!(e.get("name"), Some(J::Str(_))), "{prog}: name");
        if ph == "X" {
            assert!(
                matches!(e.get("dur"), Some(J::Num(n)) if *n >= 0.0),
                "{prog}: complete event without dur: {e:?}"
            );
        }
        if ph == "s" || ph == "f" {
            let Some(J::Num(id)) = e.get("id") else {
                panic!("{prog}: flow event without id")
            };
            let f = flows.entry(*id as u64).or_default();
            if ph == "s" {
                f.0 += 1
            } else {
                f.1 += 1
            }
        }
        evs.push(e.clone());
    }
    for (id, (s, f)) in flows {
        assert_eq!((s, f), (1, 1), "{prog}: flow {id} does not pair up");
    }
    (evs, traced.stderr)
}

fn str_of(e: &BTreeMap<String, J>, k: &str) -> String {
    match e.get(k) {
        Some(J::Str(s)) => s.clone(),
        _ => String::new(),
    }
}

fn num_of(e: &BTreeMap<String, J>, k: &str) -> f64 {
    match e.get(k) {
        Some(J::Num(n)) => *n,
        _ => -1.0,
    }
}

/// Goroutine thread names (`G5 main.worker`) in the goroutines' process.
fn goroutine_names(evs: &[BTreeMap<String, J>]) -> Vec<String> {
    evs.iter()
        .filter(|e| {
            str_of(e, "ph") == "M" && str_of(e, "name") == "thread_name" && num_of(e, "pid") == 2.0
        })
        .filter_map(|e| match e.get("args") {
            Some(J::Obj(a)) => Some(str_of(a, "name")),
            _ => None,
        })
        .collect()
}

#[test]
fn worker_pool_and_pipeline() {
    for procs in ["1", "2", "4"] {
        let (evs, _) = check("examples/19_worker_pool.gol", procs);
        let gs = goroutine_names(&evs);
        // main, 3 workers, the closer.
        assert_eq!(gs.len(), 5, "{gs:?}");
        assert!(gs.iter().any(|g| g.starts_with("G1 main.main")), "{gs:?}");
        assert_eq!(gs.iter().filter(|g| g.ends_with("main.worker")).count(), 3);
        let workers = evs
            .iter()
            .filter(|e| str_of(e, "name") == "thread_name" && num_of(e, "pid") == 1.0)
            .count();
        assert!(
            workers > procs.parse::<usize>().unwrap(),
            "P lanes and GC lane"
        );
        // Every send on the unbuffered jobs channel is a handoff between two goroutines.
        assert!(
            evs.iter().any(|e| str_of(e, "ph") == "s"),
            "no channel arrows"
        );
        assert!(evs.iter().any(|e| str_of(e, "name") == "chan receive"));
        let (evs, _) = check("examples/20_pipeline.gol", procs);
        assert!(goroutine_names(&evs).len() >= 4);
    }
}

#[test]
fn deadlock_panic_exit() {
    let (evs, stderr) = check("examples/31_deadlock.gol", "2");
    assert!(evs
        .iter()
        .any(|e| str_of(e, "ph") == "i" && str_of(e, "name") == "deadlock"));
    assert!(stderr.contains("end: deadlock (exit status 2)"), "{stderr}");
    assert!(
        stderr.contains("still blocked: goroutine 1 [chan send]"),
        "{stderr}"
    );
    let (evs, _) = check("tests/programs/conc/patterns/ping_pong.gol", "2");
    assert_eq!(goroutine_names(&evs).len(), 3);
    // Every hit is a handoff on an unbuffered channel: 7 of them (serve, 5 hits, done).
    let arrows = evs.iter().filter(|e| str_of(e, "ph") == "s").count();
    assert_eq!(arrows, 7, "one arrow per handoff");
    // A panic in a goroutine and os.Exit from one: their statuses and stderr stand.
    check("tests/programs/conc/xsync/errgroup_panic.gol", "2");
    check("tests/programs/conc/failures/exit_from_goroutine.gol", "2");
}

#[test]
fn compile_error_writes_nothing() {
    let dir = out_dir();
    let src = dir.join("bad.gol");
    std::fs::write(&src, "package main\n\nfunc main() { x }\n").unwrap();
    let out = dir.join("bad.json");
    let _ = std::fs::remove_file(&out);
    let r = run(
        &[
            "trace",
            "--format",
            "json",
            "--out",
            out.to_str().unwrap(),
            src.to_str().unwrap(),
        ],
        "1",
    );
    assert_eq!(r.code, Some(1));
    assert!(!out.exists());
    assert!(r.stdout.is_empty());
    assert!(!r.stderr.contains("gol trace"), "{}", r.stderr);
}
