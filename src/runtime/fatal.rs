//! FATAL: ends the process for errors no gol program can recover from, the way Go's runtime
//! does. Input: a failed or refused allocation (its size), a limit passed, a write to a closed
//! stdout pipe. Output: the program's published stdout flushed, Go's lines on stderr, and the
//! process gone (`_exit(2)`, or death by SIGPIPE) — never a Rust panic or abort.
//!
//! Everything on the path from a failed allocation to `_exit` allocates nothing: it may run
//! inside the global allocator (`GoAlloc`), where allocating again would recurse or deadlock.
//! Locks are only ever *tried* (the failing thread may hold them), numbers are formatted into
//! stack buffers, and bytes go out with `write(2)`.

use super::shared::Shared;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// The running program's shared state, so a fatal error can flush its stdout (registered by
/// `Machine::new`; one program or REPL session per process).
static CURRENT: Mutex<Option<Arc<Shared>>> = Mutex::new(None);

/// Set by the first fatal error: a second one (another thread failing at the same moment, or
/// an allocation failing while the first is reported) waits for the first to exit.
static DYING: AtomicBool = AtomicBool::new(false);

/// Bytes the gol heap holds from the system (the last `Heap` to report), for the "in use"
/// figure of a failure outside the heap.
static HEAP_SYS: AtomicU64 = AtomicU64::new(0);

/// The heap reports its size (`Heap`, whenever it changes).
pub fn note_heap_sys(bytes: u64) {
    HEAP_SYS.store(bytes, Ordering::Relaxed);
}

fn heap_in_use() -> u64 {
    HEAP_SYS.load(Ordering::Relaxed)
}

/// Records the running program (for `flush_stdout`).
pub fn register(sh: &Arc<Shared>) {
    if let Ok(mut c) = CURRENT.lock() {
        *c = Some(Arc::clone(sh));
    }
}

/// Go's report for an allocation of `bytes` that cannot be satisfied, with `in_use` bytes of
/// heap in use: `runtime: out of memory: cannot allocate N-byte block (M in use)` then
/// `fatal error: out of memory`, exit 2. A request larger than the machine's memory and swap
/// but within the address space gets Go's other wording, `fatal error: runtime: out of
/// memory`: Go reserves address space for it and then fails to commit it (`sysMap`), which is
/// where such a request fails in Go (one beyond the address space fails to be reserved, and
/// gets the first wording).
pub fn out_of_memory(bytes: usize, in_use: u64) -> ! {
    begin();
    if exceeds_machine(bytes as u64) && (bytes as u64) < ADDRESS_SPACE {
        write_parts(2, &[b"fatal error: runtime: out of memory\n"]);
    } else {
        let (mut a, mut b) = ([0u8; 20], [0u8; 20]);
        write_parts(
            2,
            &[
                b"runtime: out of memory: cannot allocate ",
                fmt_u64(bytes as u64, &mut a),
                b"-byte block (",
                fmt_u64(in_use, &mut b),
                b" in use)\nfatal error: out of memory\n",
            ],
        );
    }
    end()
}

/// A run limit passed (`what` = `CPU time`, `wall-clock time`, `output`; `limit` as the user
/// gave it; `flag` the option that sets it): `fatal error: CPU time limit exceeded (10s,
/// --max-cpu)`, exit 2. Worded as Go's fatal errors are (Go has no such limits).
pub fn limit_exceeded(what: &str, limit: &str, flag: &str) -> ! {
    begin();
    let how = if super::limits::sandboxed() {
        " under --sandbox"
    } else {
        ""
    };
    write_parts(
        2,
        &[
            b"fatal error: ",
            what.as_bytes(),
            b" limit exceeded (",
            limit.as_bytes(),
            b", ",
            flag.as_bytes(),
            b")",
            how.as_bytes(),
            b"\n",
        ],
    );
    end()
}

/// stdout is a pipe whose reader has gone (EPIPE): die of SIGPIPE, as a Go program writing to
/// its closed stdout does (Rust starts with SIGPIPE ignored, so the write only failed).
pub fn broken_pipe() -> ! {
    // SAFETY: restoring the default disposition and raising the signal are async-signal-safe
    // libc calls with valid arguments; the default action ends the process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
        libc::_exit(2)
    }
}

fn begin() {
    if DYING.swap(true, Ordering::SeqCst) {
        // Another thread is reporting; it exits the process shortly.
        loop {
            // SAFETY: `pause` only sleeps until a signal arrives.
            unsafe { libc::pause() };
        }
    }
    flush_stdout();
}

fn end() -> ! {
    write_parts(2, &[b"\nexit status 2\n"]);
    // SAFETY: `_exit` ends the process at once; nothing here relies on destructors running.
    unsafe { libc::_exit(2) }
}

/// Writes the program's published stdout and closes it (later output is dropped), if its lock
/// can be had. Output still in a worker's private buffer is lost, as a dying Go program loses
/// what its goroutines had not written yet.
fn flush_stdout() {
    let Ok(cur) = CURRENT.try_lock() else { return };
    let Some(sh) = cur.as_ref() else { return };
    // Another thread may be writing stdout right now (the watchdog ends a busy program): give
    // it a moment. (If this thread holds the lock, the wait is in vain but short.)
    let mut tries = 0;
    let mut out = loop {
        match sh.out.try_lock() {
            Ok(out) => break out,
            Err(_) if tries < 50 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Err(_) => return,
        }
    };
    if !out.closed {
        write_parts(1, &[&out.buf]);
        out.buf.clear();
        out.closed = true;
    }
}

/// `write(2)` of every part to `fd`, retrying short writes; errors are ignored (nothing better
/// can be done while dying).
fn write_parts(fd: i32, parts: &[&[u8]]) {
    for part in parts {
        let mut rest: &[u8] = part;
        while !rest.is_empty() {
            // SAFETY: `rest` is a valid buffer of `rest.len()` bytes.
            let n = unsafe { libc::write(fd, rest.as_ptr().cast(), rest.len()) };
            if n <= 0 {
                if n < 0
                    && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
                {
                    continue;
                }
                break;
            }
            rest = &rest[n as usize..];
        }
    }
}

/// Decimal digits of `n` in `buf`.
fn fmt_u64(mut n: u64, buf: &mut [u8; 20]) -> &[u8] {
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[i..];
        }
    }
}

/// Whether `bytes` is more than the machine's memory and swap (no allocator could give it).
pub fn exceeds_machine(bytes: u64) -> bool {
    bytes > machine_memory()
}

/// Address space a Go program can still reserve for its heap (half of x86-64's 47-bit user
/// space, the rest being taken or fragmented): larger requests fail to be reserved.
const ADDRESS_SPACE: u64 = 1 << 46;

/// Physical memory plus swap, in bytes (`sysinfo`; unknown is "unlimited").
fn machine_memory() -> u64 {
    // SAFETY: `sysinfo` fills the zeroed struct it is given.
    unsafe {
        let mut si: libc::sysinfo = std::mem::zeroed();
        if libc::sysinfo(&mut si) != 0 {
            return u64::MAX;
        }
        let unit = u64::from(si.mem_unit.max(1));
        (si.totalram as u64)
            .saturating_add(si.totalswap as u64)
            .saturating_mul(unit)
    }
}

/// The process's global allocator (installed by `main.rs`): the system allocator, except that
/// a failed allocation ends the process with Go's out-of-memory report (exit 2) instead of
/// Rust's `memory allocation of N bytes failed` and SIGABRT, which would also lose stdout.
///
/// Sound because the failure path allocates nothing and never returns (see the module docs):
/// it only tries locks, writes with `write(2)` and calls `_exit`.
pub struct GoAlloc;

// SAFETY: every method forwards to `System` with the caller's arguments, so `System`'s
// guarantees hold; the only addition is diverging (never returning null) on failure.
unsafe impl GlobalAlloc for GoAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's (valid, non-zero-size) layout.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            out_of_memory(layout.size(), heap_in_use());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            out_of_memory(layout.size(), heap_in_use());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, i.e. from `System`, with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's arguments (`ptr` is from `System`).
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            out_of_memory(new_size, heap_in_use());
        }
        p
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_format_without_allocating() {
        let mut b = [0u8; 20];
        assert_eq!(super::fmt_u64(0, &mut b), b"0");
        assert_eq!(super::fmt_u64(3003121664, &mut b), b"3003121664");
        assert_eq!(super::fmt_u64(u64::MAX, &mut b), b"18446744073709551615");
    }
}
