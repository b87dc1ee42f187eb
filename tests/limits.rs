//! The run's limits and fatal ends, tested on the `gol` binary: a program (script-mode text
//! written to a temporary file) and the flags or resource limits it runs under go in; its
//! stdout, stderr lines (a traceback's frames), and exit status or killing signal come out.
//! These need CLI flags, `setrlimit` or a closed pipe, which `tests/programs/` cannot express.
//! No timing is asserted: a limit's test only checks that the run ends, and how.

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A bound on any run here, far above what each needs: reaching it fails the test (a hang)
/// instead of blocking the suite.
const PATIENCE: Duration = Duration::from_secs(120);

fn program(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gol-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

struct Run {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

impl Run {
    fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

/// Waits for `child`, killing it after `PATIENCE` (then the test fails).
fn wait(mut child: Child) -> ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(st) = child.try_wait().unwrap() {
            return st;
        }
        if start.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("gol did not end within {PATIENCE:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs `gol run FLAGS FILE` with `env`, and an address-space cap (bytes) if given.
fn gol(flags: &[&str], file: &std::path::Path, env: &[(&str, &str)], cap: Option<u64>) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gol"));
    cmd.arg("run").args(flags).arg(file);
    cmd.envs(env.iter().copied());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    if let Some(bytes) = cap {
        // SAFETY: only async-signal-safe calls (setrlimit) between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                let rl = libc::rlimit {
                    rlim_cur: bytes,
                    rlim_max: bytes,
                };
                if libc::setrlimit(libc::RLIMIT_AS, &rl) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
    }
    let mut child = cmd.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let status = wait(child);
    Run {
        status,
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
    }
}

const PRINTER: &str = "for i := 0; ; i++ {\n\tfmt.Println(\"line\", i)\n}\n";

#[test]
fn closed_stdout_pipe_kills_with_sigpipe() {
    let f = program("printer.gol", PRINTER);
    let mut child = Command::new(env!("CARGO_BIN_EXE_gol"))
        .arg("run")
        .arg(&f)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert_eq!(first, "line 0\n");
    drop(out); // the reader goes away, as `head -1` does
    let mut err = child.stderr.take().unwrap();
    let status = wait(child);
    assert_eq!(status.signal(), Some(libc::SIGPIPE), "{status:?}");
    let mut text = String::new();
    err.read_to_string(&mut text).unwrap();
    assert_eq!(text, "", "no extra output");
}

#[test]
fn failed_heap_allocation_is_go_out_of_memory() {
    // 3e9 bytes under a 1 GB address-space cap: the system refuses it.
    let f = program(
        "bigbytes.gol",
        "fmt.Println(\"start\")\nn := 3000000000\nb := make([]byte, n)\nfmt.Println(len(b))\n",
    );
    let r = gol(&[], &f, &[], Some(1_000_000_000));
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert_eq!(r.stdout, "start\n", "stdout is flushed before the report");
    let lines = r.stderr_lines();
    assert!(
        lines[0].starts_with("runtime: out of memory: cannot allocate ")
            && lines[0].ends_with(" in use)"),
        "{}",
        r.stderr
    );
    assert_eq!(lines[1], "fatal error: out of memory");
}

#[test]
fn failed_rust_allocation_is_go_out_of_memory() {
    // strings.Repeat builds its result in a Rust buffer first: the global allocator's failure.
    let f = program(
        "bigrepeat.gol",
        "fmt.Println(\"start\")\nn := 2000000000\ns := strings.Repeat(\"ab\", n)\nfmt.Println(len(s))\n",
    );
    let r = gol(&[], &f, &[], Some(1_000_000_000));
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert_eq!(r.stdout, "start\n");
    let lines = r.stderr_lines();
    assert!(
        lines[0].starts_with("runtime: out of memory: cannot allocate "),
        "{}",
        r.stderr
    );
    assert_eq!(lines[1], "fatal error: out of memory");
}

#[test]
fn allocation_beyond_the_machine_is_go_sysmap_failure() {
    // 8 TiB: Go reserves the address space and fails to commit it.
    let f = program(
        "huge.gol",
        "fmt.Println(\"start\")\nn := 1 << 40\ns := make([]int, n)\nfmt.Println(len(s))\n",
    );
    let r = gol(&[], &f, &[], None);
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert_eq!(r.stdout, "start\n");
    assert_eq!(r.stderr_lines()[0], "fatal error: runtime: out of memory");
}

#[test]
fn hello_starts_under_a_small_address_space() {
    let f = program("hello.gol", "fmt.Println(\"hello\")\n");
    let r = gol(&[], &f, &[], Some(200_000_000));
    assert_eq!(
        (r.status.code(), r.stdout.as_str()),
        (Some(0), "hello\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn max_memory_is_a_hard_limit() {
    let hold = program(
        "hold.gol",
        "var keep [][]int\nfor {\n\tkeep = append(keep, make([]int, 100000))\n}\n",
    );
    let r = gol(&["--max-memory", "64MiB"], &hold, &[], None);
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    let lines = r.stderr_lines();
    assert!(
        lines[0].starts_with("runtime: out of memory: cannot allocate "),
        "{}",
        r.stderr
    );
    assert_eq!(lines[1], "fatal error: out of memory");
    // One allocation larger than the limit fails at once.
    let big = program(
        "big.gol",
        "n := 100 << 20\nb := make([]int, n)\nfmt.Println(len(b))\n",
    );
    let r = gol(&["--max-memory", "64MiB"], &big, &[], None);
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert_eq!(r.stderr_lines()[1], "fatal error: out of memory");
}

#[test]
fn garbage_does_not_count_against_max_memory() {
    // 1.6 GB allocated in all, never more than 8 KB of it live.
    let churn = program(
        "churn.gol",
        "total := 0\nfor i := 0; i < 200000; i++ {\n\tb := make([]int, 1000)\n\ttotal += len(b)\n}\nfmt.Println(total)\n",
    );
    for env in [[("GOGC", "100")], [("GOGC", "off")]] {
        let r = gol(&["--max-memory", "64MiB"], &churn, &env, None);
        assert_eq!(
            (r.status.code(), r.stdout.as_str()),
            (Some(0), "200000000\n"),
            "{}",
            r.stderr
        );
        // GOMEMLIMIT alone: a soft limit, the program still runs.
        let r = gol(&[], &churn, &[env[0], ("GOMEMLIMIT", "16MiB")], None);
        assert_eq!(
            (r.status.code(), r.stdout.as_str()),
            (Some(0), "200000000\n"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn allocating_instructions_reach_a_collection() {
    // A string concatenation is an instruction, not a helper: before allocation counted at
    // backward jumps, this loop never reached a safepoint that collects (20 GB for 20,000
    // iterations) and here it hit the hard limit.
    let concat = program(
        "concat.gol",
        "s := string(make([]byte, 1<<20))\nn := 0\nfor i := 0; i < 2000; i++ {\n\tt := s + \"x\"\n\tn += len(t)\n}\nfmt.Println(n)\n",
    );
    let r = gol(&["--max-memory", "64MiB"], &concat, &[], None);
    assert_eq!(
        (r.status.code(), r.stdout.as_str()),
        (Some(0), "2097154000\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn cpu_and_wall_limits_end_the_program() {
    let spin = program(
        "spin.gol",
        "fmt.Println(\"spinning\")\nx := 0\nfor {\n\tx++\n}\n",
    );
    let r = gol(&["--max-cpu", "500ms"], &spin, &[], None);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(r.stdout, "spinning\n");
    assert_eq!(
        r.stderr_lines()[0],
        "fatal error: CPU time limit exceeded (0.5s, --max-cpu)"
    );
    let sleep = program(
        "sleep.gol",
        "fmt.Println(\"sleeping\")\ntime.Sleep(time.Hour)\n",
    );
    let r = gol(&["--max-wall", "1s"], &sleep, &[], None);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(r.stdout, "sleeping\n");
    assert_eq!(
        r.stderr_lines()[0],
        "fatal error: wall-clock time limit exceeded (1s, --max-wall)"
    );
}

#[test]
fn output_limit_stops_output() {
    let f = program("printer2.gol", PRINTER);
    let r = gol(&["--max-output", "1000"], &f, &[], None);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(r.stdout.len(), 1000);
    assert!(r.stdout.starts_with("line 0\nline 1\n"));
    assert_eq!(
        r.stderr_lines()[0],
        "fatal error: output limit exceeded (1000B, --max-output)"
    );
}

#[test]
fn sandbox_defaults_and_messages() {
    let f = program("printer3.gol", PRINTER);
    let r = gol(&["--sandbox"], &f, &[], None);
    assert_eq!(r.status.code(), Some(2));
    assert_eq!(r.stdout.len(), 1 << 20);
    assert_eq!(
        r.stderr_lines()[0],
        "fatal error: output limit exceeded (1MiB, --max-output) under --sandbox"
    );
    let spin = program("spin2.gol", "x := 0\nfor {\n\tx++\n}\n");
    let r = gol(&["--sandbox", "--max-cpu", "300ms"], &spin, &[], None);
    assert_eq!(
        r.stderr_lines()[0],
        "fatal error: CPU time limit exceeded (0.3s, --max-cpu) under --sandbox"
    );
    // The default memory limit (256MiB).
    let big = program(
        "big2.gol",
        "n := 40 << 20\nb := make([]int, n)\nfmt.Println(len(b))\n",
    );
    let r = gol(&["--sandbox"], &big, &[], None);
    assert_eq!(r.status.code(), Some(2), "{}", r.stderr);
    assert_eq!(r.stderr_lines()[1], "fatal error: out of memory");
}

#[test]
fn sandbox_hides_the_host_environment() {
    let f = program(
        "env.gol",
        "fmt.Printf(\"%q %q\\n\", os.Getenv(\"HOME\"), os.Getenv(\"GOL_SECRET\"))\nv, ok := os.LookupEnv(\"GOL_SECRET\")\nfmt.Println(v, ok)\nv, ok = os.LookupEnv(\"USER\")\nfmt.Println(v, ok)\n",
    );
    let r = gol(
        &["--sandbox"],
        &f,
        &[("GOL_SECRET", "s3cret"), ("HOME", "/root")],
        None,
    );
    assert_eq!(
        r.stdout, "\"/home/gol\" \"\"\n false\ngol true\n",
        "{}",
        r.stderr
    );
    let r = gol(
        &[],
        &f,
        &[("GOL_SECRET", "s3cret"), ("HOME", "/root")],
        None,
    );
    assert!(
        r.stdout.starts_with("\"/root\" \"s3cret\"\ns3cret true\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn panic_traceback_names_library_frames_by_their_own_file() {
    // A panic inside a gol-source package: its frame is named as Go names it and placed in
    // the package's file, the user's frame in the program's.
    let f = program(
        "libpanic.gol",
        "var loc *time.Location\nfmt.Println(time.Unix(0, 0).In(loc))\n",
    );
    let run = gol(&[], &f, &[], None);
    assert_eq!(run.status.code(), Some(2), "{}", run.stderr);
    let lines = run.stderr_lines();
    assert_eq!(lines[0], "panic: time: missing Location in call to Time.In");
    let at = lines.iter().position(|l| *l == "time.Time.In(...)");
    let at = at.unwrap_or_else(|| panic!("no library frame in {}", run.stderr));
    assert!(
        lines[at + 1].starts_with("\t$GOROOT/src/time/") && lines[at + 1].contains(".gol:"),
        "{}",
        run.stderr
    );
    assert!(
        lines[at + 3].starts_with('\t') && lines[at + 3].contains("libpanic.gol:2"),
        "{}",
        run.stderr
    );
}
