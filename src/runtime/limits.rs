//! LIMITS: what `gol run` may use, set once per process from the command line and the
//! environment. Input: `--sandbox`, `--max-memory`, `--max-cpu`, `--max-wall`, `--max-output`,
//! `GOMEMLIMIT`. Output: the process-wide `Limits` the heap, the stdout writer and the `os`
//! natives read, Go's size syntax parsed, and the watchdog thread that ends a program past its
//! CPU or wall-clock time.
//!
//! The limits are process-global (one program, or one REPL session, per process) so that code
//! far from the CLI (a native reading the environment, the stdout writer) can read them without
//! threading a handle through every call. They are set before the program starts and never
//! change afterwards.

use std::sync::OnceLock;
use std::time::Duration;

/// Defaults under `--sandbox` (each overridable by its flag).
pub const SANDBOX_MEMORY: u64 = 256 << 20;
pub const SANDBOX_CPU: Duration = Duration::from_secs(10);
pub const SANDBOX_WALL: Duration = Duration::from_secs(30);
pub const SANDBOX_OUTPUT: u64 = 1 << 20;

/// The environment a sandboxed program sees (`os.Getenv`, `os.LookupEnv`, `os.Environ`):
/// fixed values, whatever the host's environment holds.
pub const SANDBOX_ENV: &[(&str, &str)] = &[
    ("HOME", "/home/gol"),
    ("USER", "gol"),
    ("PATH", "/usr/bin:/bin"),
    ("LANG", "C.UTF-8"),
    ("TZ", "UTC"),
];

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Limits {
    /// `--sandbox`: no host environment, and the defaults above for the limits not given.
    pub sandbox: bool,
    /// Hard limit on the gol heap (`--max-memory`): past it, `fatal error: out of memory`.
    pub max_memory: Option<u64>,
    /// Process CPU time (`--max-cpu`).
    pub max_cpu: Option<Duration>,
    /// Wall-clock time from the start of the run (`--max-wall`).
    pub max_wall: Option<Duration>,
    /// Bytes the program may write to stdout (`--max-output`).
    pub max_output: Option<u64>,
}

static LIMITS: OnceLock<Limits> = OnceLock::new();

/// Sets the process's limits (once, before the program starts; later calls are ignored).
pub fn set(l: Limits) {
    let _ = LIMITS.set(l);
}

/// The process's limits (none unless `set` was called).
pub fn get() -> &'static Limits {
    static NONE: Limits = Limits {
        sandbox: false,
        max_memory: None,
        max_cpu: None,
        max_wall: None,
        max_output: None,
    };
    LIMITS.get().unwrap_or(&NONE)
}

/// Whether the program runs in the sandbox.
pub fn sandboxed() -> bool {
    get().sandbox
}

/// A size as Go's `GOMEMLIMIT` reads it (`runtime/debug.go` `parseByteCount`): a plain byte
/// count, or a number with one of the suffixes `B KiB MiB GiB TiB`. `None` if malformed.
/// (`off` is the caller's business.)
pub fn parse_size(s: &str) -> Option<u64> {
    let units: [(&str, u32); 5] = [("TiB", 40), ("GiB", 30), ("MiB", 20), ("KiB", 10), ("B", 0)];
    let (digits, shift) = units
        .iter()
        .find_map(|(u, sh)| s.strip_suffix(u).map(|d| (d, *sh)))
        .unwrap_or((s, 0));
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    n.checked_mul(1u64 << shift)
}

/// `GOMEMLIMIT`: the soft limit. Unset, `off` or malformed (Go refuses to start on a malformed
/// value; gol ignores it) is no limit.
pub fn gomemlimit_from_env() -> Option<u64> {
    let v = std::env::var("GOMEMLIMIT").ok()?;
    if v == "off" {
        return None;
    }
    parse_size(&v).filter(|&n| n < i64::MAX as u64)
}

/// A duration for `--max-cpu`/`--max-wall`: Go's `time.ParseDuration` units `ms s m h`, or a
/// plain number of seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let units: [(&str, f64); 4] = [("ms", 1e-3), ("s", 1.0), ("m", 60.0), ("h", 3600.0)];
    let (num, scale) = units
        .iter()
        .find_map(|(u, k)| s.strip_suffix(u).map(|d| (d, *k)))
        .unwrap_or((s, 1.0));
    let x: f64 = num.parse().ok()?;
    (x.is_finite() && x > 0.0 && x * scale < 1e9).then(|| Duration::from_secs_f64(x * scale))
}

/// Human spelling of a size in a message (`256MiB`, `1000B`).
pub fn show_size(n: u64) -> String {
    for (u, sh) in [("GiB", 30), ("MiB", 20), ("KiB", 10)] {
        if n >= 1 << sh && n.is_multiple_of(1 << sh) {
            return format!("{}{u}", n >> sh);
        }
    }
    format!("{n}B")
}

/// Spelling of a duration in a message (`10s`, `1.5s`).
pub fn show_duration(d: Duration) -> String {
    format!("{}s", d.as_secs_f64())
}

/// The process's CPU time so far (all threads).
pub fn cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer; CLOCK_PROCESS_CPUTIME_ID is always available on Linux.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Starts the thread that ends the program when it passes its CPU or wall-clock limit (if it
/// has one). It polls every 20 ms: a program may overrun its limit by about that much.
pub fn start_watchdog() {
    let l = get();
    if l.max_cpu.is_none() && l.max_wall.is_none() {
        return;
    }
    let (cpu, wall) = (l.max_cpu, l.max_wall);
    let start = std::time::Instant::now();
    let _ = std::thread::Builder::new()
        .name("gol-watchdog".into())
        .stack_size(64 << 10)
        .spawn(move || loop {
            std::thread::sleep(Duration::from_millis(20));
            if let Some(c) = cpu {
                if cpu_time() >= c {
                    super::fatal::limit_exceeded("CPU time", &show_duration(c), "--max-cpu");
                }
            }
            if let Some(w) = wall {
                if start.elapsed() >= w {
                    super::fatal::limit_exceeded(
                        "wall-clock time",
                        &show_duration(w),
                        "--max-wall",
                    );
                }
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_as_gomemlimit() {
        assert_eq!(parse_size("100MiB"), Some(100 << 20));
        assert_eq!(parse_size("1GiB"), Some(1 << 30));
        assert_eq!(parse_size("12345"), Some(12345));
        assert_eq!(parse_size("7B"), Some(7));
        assert_eq!(parse_size("2KiB"), Some(2048));
        assert_eq!(parse_size("1MB"), None);
        assert_eq!(parse_size("-1"), None);
        assert_eq!(parse_size("MiB"), None);
        assert_eq!(parse_size("99999999999TiB"), None);
    }

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("10s"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("500ms"), Some(Duration::from_millis(500)));
        assert_eq!(parse_duration("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_duration("1m"), Some(Duration::from_secs(60)));
        assert_eq!(parse_duration("0s"), None);
        assert_eq!(parse_duration("x"), None);
    }

    #[test]
    fn sizes_show() {
        assert_eq!(show_size(256 << 20), "256MiB");
        assert_eq!(show_size(1 << 30), "1GiB");
        assert_eq!(show_size(1000), "1000B");
    }
}
