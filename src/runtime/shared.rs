//! SHARED RUNTIME STATE: what every worker thread of one running program reaches. Input: the
//! program's size (globals) and GOMAXPROCS. Output: the runtime lock (`Sched`: goroutine table,
//! timers, contexts, the logger; not channels nor sync objects), sync wait queues (semq.rs), the globals as atomic words, the ordered
//! stdout buffer, and the worker control block (idle workers, stop-the-world, exit).
//!
//! Lock order (outermost first):
//! 1. `lib` (sync.Map/Pool's lazily made state);
//! 2. `control.ctl` (worker control, ctl.rs: idle, stop-the-world, exit);
//! 3. `sched` (the runtime lock) → channels' state locks (chan.rs) → a map's lock;
//! 4. `out` (stdout), `gc::Heap`'s locks: leaves.
//!
//! Nothing locks `ctl` while holding `sched`: wake-ups requested under `sched` (a goroutine
//! readied into a stealable queue while other workers sleep) are carried out by `SchedGuard`'s
//! `Drop`, after the runtime lock is released.

use super::ctl::Control;
use super::g::GRef;
use super::sched::Sched;
use super::sync_shim::{Arc, AtomicBool, AtomicU64, AtomicUsize, Mutex, MutexGuard, Ordering};
use crossbeam_deque::{Injector, Stealer};
use std::cell::Cell;
use std::io::Write;

/// The most worker threads a program starts (GOMAXPROCS may be set higher; Go's limit is 1024).
pub const MAX_WORKERS: usize = 256;

/// The program's stdout: goroutines' output in the order it was written (a worker appends a
/// native's output right after the native returns), written through when it grows or the
/// program ends. `closed` once the program has ended: later output is dropped, as a Go
/// program's other goroutines die with it.
#[derive(Default)]
pub struct Out {
    pub buf: Vec<u8>,
    pub closed: bool,
    /// Bytes written so far (for `--max-output`).
    pub written: u64,
    /// While `Some`, published output goes here instead (`testing` captures an example's
    /// output; `vm/testingrt.rs`).
    pub capture: Option<Vec<u8>>,
}

/// Output buffered beyond this is written through.
const OUT_LIMIT: usize = 1 << 16;

pub struct Shared {
    sched: Mutex<Sched>,
    /// The thread holding `sched` (0: none), to turn a re-entrant lock into a clear panic
    /// instead of a silent self-deadlock.
    sched_owner: AtomicU64,
    /// Package-level variables: one word each (DESIGN.md: racy programs may read stale words,
    /// never torn ones).
    pub globals: Box<[AtomicU64]>,
    pub out: Mutex<Out>,
    /// Idle workers, stop-the-world, the end of the program (ctl.rs).
    pub control: Control,
    pub exit_code: Mutex<Option<i32>>,
    /// main returned through `runtime.Goexit`.
    pub main_goexited: AtomicBool,
    /// `runtime.GOMAXPROCS`: workers with an index at or above it take no work.
    pub nprocs: AtomicUsize,
    /// The global run queue, and the stealing ends of the workers' local queues.
    pub injector: Injector<GRef>,
    pub stealers: Mutex<Vec<Stealer<GRef>>>,
    /// Serializes sync.Map's and sync.Pool's lazily made state.
    pub lib: Mutex<()>,
    /// The earliest timer deadline (see `Sched::timer_hint`).
    pub timer_hint: Arc<AtomicU64>,
    /// Sync objects' wait queues (semq.rs), off the runtime lock.
    pub waitq: super::semq::WaitQueues,
}

thread_local! {
    static THREAD_TAG: u64 = {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    };
    /// Set under the runtime lock when a stealable goroutine appeared while workers were idle.
    static WAKE_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// The runtime lock held: derefs to `Sched`. Dropping it wakes an idle worker if a goroutine
/// became stealable meanwhile (`request_wake`).
pub struct SchedGuard<'a> {
    guard: Option<MutexGuard<'a, Sched>>,
    sh: &'a Shared,
}

impl std::ops::Deref for SchedGuard<'_> {
    type Target = Sched;
    fn deref(&self) -> &Sched {
        self.guard.as_ref().expect("held")
    }
}

impl std::ops::DerefMut for SchedGuard<'_> {
    fn deref_mut(&mut self) -> &mut Sched {
        self.guard.as_mut().expect("held")
    }
}

impl Drop for SchedGuard<'_> {
    fn drop(&mut self) {
        self.sh.sched_owner.store(0, Ordering::Relaxed);
        drop(self.guard.take());
        if WAKE_PENDING.with(|w| w.replace(false)) {
            self.sh.wake_one();
        }
    }
}

/// Asks the thread's next `SchedGuard` drop (or `flush_wake`) to wake an idle worker.
pub fn request_wake() {
    WAKE_PENDING.with(|w| w.set(true));
}

/// Carries out a wake-up requested outside the runtime lock (a worker does after each slice).
pub fn flush_wake(sh: &Shared) {
    if WAKE_PENDING.with(|w| w.replace(false)) {
        sh.wake_one();
    }
}

impl Shared {
    pub fn new(nglobals: usize, nprocs: usize) -> Shared {
        let timer_hint = Arc::new(AtomicU64::new(u64::MAX));
        Shared {
            sched: Mutex::new(Sched::new(Arc::clone(&timer_hint))),
            timer_hint,
            sched_owner: AtomicU64::new(0),
            globals: (0..nglobals).map(|_| AtomicU64::new(0)).collect(),
            out: Mutex::new(Out::default()),
            control: Control::default(),
            exit_code: Mutex::new(None),
            main_goexited: AtomicBool::new(false),
            nprocs: AtomicUsize::new(nprocs.max(1)),
            injector: Injector::new(),
            stealers: Mutex::new(Vec::new()),
            lib: Mutex::new(()),
            waitq: Default::default(),
        }
    }

    /// Takes the runtime lock. Panics (a bug in gol, not a hang) if this thread holds it.
    pub fn sched(&self) -> SchedGuard<'_> {
        let me = THREAD_TAG.with(|t| *t);
        // (Under loom every model thread shares one OS thread, so the check is off there.)
        assert!(
            super::sync_shim::LOOM || self.sched_owner.load(Ordering::Relaxed) != me,
            "gol: the runtime lock was taken twice by one thread"
        );
        let guard = super::stats::lock(&self.sched, super::stats::Lock::Sched);
        self.sched_owner.store(me, Ordering::Relaxed);
        SchedGuard {
            guard: Some(guard),
            sh: self,
        }
    }

    /// Wakes one idle worker, if any (never called with `sched` held: lock order).
    pub fn wake_one(&self) {
        self.control.wake_one();
    }

    pub fn load_global(&self, i: usize) -> u64 {
        self.globals[i].load(Ordering::Relaxed)
    }

    pub fn store_global(&self, i: usize, v: u64) {
        self.globals[i].store(v, Ordering::Relaxed)
    }

    /// Appends a worker's buffered output (in program order); writes through when large.
    pub fn publish(&self, bytes: &mut Vec<u8>, sink: Option<&mut Sink>) {
        let mut out = super::stats::lock(&self.out, super::stats::Lock::Out);
        if out.closed {
            bytes.clear();
            return;
        }
        if let Some(c) = out.capture.as_mut() {
            c.append(bytes);
            return;
        }
        out.buf.append(bytes);
        if out.buf.len() >= OUT_LIMIT {
            write_out(&mut out, sink);
        }
    }

    /// Writes everything buffered to stdout (or `sink`).
    pub fn flush(&self, bytes: &mut Vec<u8>, sink: Option<&mut Sink>) {
        let mut out = super::stats::lock(&self.out, super::stats::Lock::Out);
        if out.closed {
            bytes.clear();
            return;
        }
        if let Some(c) = out.capture.as_mut() {
            c.append(bytes);
            return;
        }
        out.buf.append(bytes);
        write_out(&mut out, sink);
    }

    /// Starts capturing published output (`start`), or stops and returns what was captured.
    /// The caller has flushed its own worker's buffer first.
    pub fn capture(&self, start: bool) -> Vec<u8> {
        let mut out = self.out.lock().unwrap_or_else(|p| p.into_inner());
        if start {
            out.capture = Some(Vec::new());
            Vec::new()
        } else {
            out.capture.take().unwrap_or_default()
        }
    }

    /// Ends the program once: flushes stdout, writes `stderr`, records `code`, stops the
    /// workers. A later call (another goroutine failing at the same moment) does nothing.
    /// Returns whether this call ended it.
    pub fn finish(&self, code: i32, stdout: &mut Vec<u8>, stderr: &[u8]) -> bool {
        let mut out = super::stats::lock(&self.out, super::stats::Lock::Out);
        if out.closed {
            return false;
        }
        out.buf.append(stdout);
        write_out(&mut out, None);
        out.closed = true;
        let _ = std::io::stderr().write_all(stderr);
        *self.exit_code.lock().unwrap_or_else(|p| p.into_inner()) = Some(code);
        drop(out);
        self.control.finish();
        true
    }
}

/// Where flushed output goes instead of the process's stdout or stderr (the REPL).
pub type Sink = Box<dyn FnMut(&[u8])>;

fn write_out(out: &mut Out, sink: Option<&mut Sink>) {
    if out.buf.is_empty() {
        return;
    }
    // `--max-output`: write up to the limit, then end the program (with `out` still locked, so
    // nothing more gets out).
    let limit = super::limits::get().max_output.unwrap_or(u64::MAX);
    let room = limit.saturating_sub(out.written);
    let over = out.buf.len() as u64 > room;
    if over {
        out.buf.truncate(room as usize);
    }
    out.written += out.buf.len() as u64;
    match sink {
        Some(sink) => sink(&out.buf),
        None => {
            let mut so = std::io::stdout().lock();
            let res = so.write_all(&out.buf).and_then(|_| so.flush());
            if matches!(&res, Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe) {
                // The reader is gone: Go's program would have died of SIGPIPE.
                super::fatal::broken_pipe();
            }
        }
    }
    out.buf.clear();
    if over {
        out.closed = true;
        let shown = super::limits::show_size(limit);
        super::fatal::limit_exceeded("output", &shown, "--max-output");
    }
}
