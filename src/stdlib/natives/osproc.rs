//! The process side of `os`, `syscall` and `os/signal`: the environment (a private copy, as
//! Go's `syscall` keeps, so `Setenv` never races the C library), ids, the host name, errno and
//! signal texts, `kill`, and the signal flags. In: plain words from the bodyless functions of
//! `stdlib/os`, `stdlib/syscall`, `stdlib/os/signal`. Out: plain words (errno 0 for success,
//! `ossys::SANDBOX` where `--sandbox` refuses a change).
//!
//! Signals: `enableSignal` installs a handler whose only work is to set the signal's bit in
//! `PENDING` (an atomic OR: async-signal-safe). `os/signal`'s delivery goroutine takes the bits
//! with `pendingSignals` and sends on the registered channels (stdlib/os/signal/signal.gol).

use super::ossys::{errno, refused, SANDBOX};
use super::{int, new_int_slice_m, new_string_slice, ret, string};
use super::{NativeCtx, NativeFn};
use crate::vm::value::str_bytes;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

type Env = Vec<(Vec<u8>, Vec<u8>)>;

/// The program's environment: the host's (or the sandbox's) at first use, then what
/// `Setenv`/`Unsetenv`/`Clearenv` make of it.
static ENV: Mutex<Option<Env>> = Mutex::new(None);

fn with_env<R>(f: impl FnOnce(&mut Env) -> R) -> R {
    let mut g = ENV.lock().unwrap_or_else(|p| p.into_inner());
    let env = g.get_or_insert_with(|| {
        if refused() {
            crate::runtime::limits::SANDBOX_ENV
                .iter()
                .map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec()))
                .collect()
        } else {
            use std::os::unix::ffi::OsStringExt;
            std::env::vars_os()
                .map(|(k, v)| (k.into_vec(), v.into_vec()))
                .collect()
        }
    });
    f(env)
}

/// `os.Getenv`'s lookup: the value of `key`, if set.
pub(super) fn getenv(key: &[u8]) -> Option<Vec<u8>> {
    if key.is_empty() {
        return None;
    }
    with_env(|e| e.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
}

/// Bits of the signals caught since the last `pendingSignals` (bit n = signal n).
static PENDING: AtomicU64 = AtomicU64::new(0);

extern "C" fn on_signal(sig: libc::c_int) {
    if (0..64).contains(&sig) {
        PENDING.fetch_or(1 << sig, Ordering::SeqCst);
    }
}

/// Sets the disposition of `sig`: our handler, the default, or ignore.
fn set_handler(sig: i64, h: libc::sighandler_t) {
    if !(1..64).contains(&sig) || sig == libc::SIGKILL as i64 || sig == libc::SIGSTOP as i64 {
        return;
    }
    // SAFETY: a zeroed sigaction with an empty mask and a handler that only touches an
    // atomic is a valid disposition for any catchable signal.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = h;
        sa.sa_flags = libc::SA_RESTART;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig as i32, &sa, std::ptr::null_mut());
    }
}

/// A libc message in Go's spelling: the first letter lowered unless the word is an acronym
/// (`No such file` → `no such file`; `CPU time limit exceeded` stays).
fn go_text(s: &[u8]) -> Vec<u8> {
    let mut v = s.to_vec();
    if v.len() > 1 && v[0].is_ascii_uppercase() && v[1].is_ascii_lowercase() {
        v[0] = v[0].to_ascii_lowercase();
    }
    v
}

fn errno_text(e: i64) -> Vec<u8> {
    if (1..=133).contains(&e) {
        let mut buf = [0u8; 256];
        // SAFETY: `buf` is writable for its length; strerror_r NUL-terminates on success.
        let r = unsafe { libc::strerror_r(e as i32, buf.as_mut_ptr().cast(), buf.len()) };
        if r == 0 {
            let n = buf.iter().position(|&b| b == 0).unwrap_or(0);
            if n > 0 && !buf.starts_with(b"Unknown error") {
                return go_text(&buf[..n]);
            }
        }
    }
    format!("errno {e}").into_bytes()
}

fn signal_text(s: i64) -> Vec<u8> {
    if (1..=31).contains(&s) {
        // SAFETY: strsignal returns a static (or thread-local) NUL-terminated string for a
        // signal number; it is copied at once.
        let p = unsafe { libc::strsignal(s as i32) };
        if !p.is_null() {
            // SAFETY: as above.
            let t = unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes();
            return go_text(t);
        }
    }
    format!("signal {s}").into_bytes()
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        "os.sysSandboxed" => |_: &mut NativeCtx, a: &mut [u64]| ret(a, &[refused() as u64]),
        // sysEnviron() []string
        "os.sysEnviron" => |c, a| {
            let pairs = with_env(|e| e.clone());
            let words: Vec<u64> = pairs
                .iter()
                .map(|(k, v)| {
                    let mut kv = k.clone();
                    kv.push(b'=');
                    kv.extend_from_slice(v);
                    string(c.m, &kv)
                })
                .collect();
            a[0] = new_string_slice(c.m, &words);
            Ok(())
        },
        // sysSetenv(key, value string) (errno int)
        "os.sysSetenv" => |_, a| {
            let (k, v) = (str_bytes(a[0]).to_vec(), str_bytes(a[1]).to_vec());
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            if k.is_empty() || k.contains(&b'=') || k.contains(&0) || v.contains(&0) {
                return ret(a, &[libc::EINVAL as u64]);
            }
            with_env(|e| match e.iter_mut().find(|(ek, _)| *ek == k) {
                Some(slot) => slot.1 = v,
                None => e.push((k, v)),
            });
            ret(a, &[0])
        },
        // sysUnsetenv(key string) (errno int)
        "os.sysUnsetenv" => |_, a| {
            let k = str_bytes(a[0]).to_vec();
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            with_env(|e| e.retain(|(ek, _)| *ek != k));
            ret(a, &[0])
        },
        // sysClearenv() (errno int)
        "os.sysClearenv" => |_, a| {
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            with_env(|e| e.clear());
            ret(a, &[0])
        },
        // sysHostname() (string, errno int)
        "os.sysHostname" => |c, a| {
            let mut buf = [0u8; 256];
            // SAFETY: `buf` is writable for its length.
            let r = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
            let e = if r < 0 { errno() } else { 0 };
            let n = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
            let s = string(c.m, &buf[..n]);
            ret(a, &[s, e])
        },
        // sysExecutable() (string, errno int)
        "os.sysExecutable" => |c, a| match std::env::current_exe() {
            Ok(p) => {
                use std::os::unix::ffi::OsStrExt;
                let s = string(c.m, p.as_os_str().as_bytes());
                ret(a, &[s, 0])
            }
            Err(e) => {
                let s = string(c.m, b"");
                ret(a, &[s, e.raw_os_error().unwrap_or(libc::ENOENT) as u64])
            }
        },
        // sysRandom() uint32: a fresh pseudo-random number (CreateTemp's names).
        "os.sysRandom" => |_, a| {
            let mut x: u32 = 0;
            // SAFETY: getrandom writes at most the 4 bytes of `x`.
            let n = unsafe { libc::getrandom((&mut x as *mut u32).cast(), 4, 0) };
            if n != 4 {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(1, |d| d.subsec_nanos());
                x = t ^ std::process::id().rotate_left(16);
            }
            ret(a, &[x as u64])
        },
        "syscall.Getpid" => |_, a| ret(a, &[std::process::id() as u64]),
        // SAFETY (these five): the id calls take no arguments and cannot fail.
        "syscall.Getppid" => |_, a| ret(a, &[unsafe { libc::getppid() } as u64]),
        "syscall.Getuid" => |_, a| ret(a, &[unsafe { libc::getuid() } as u64]),
        "syscall.Geteuid" => |_, a| ret(a, &[unsafe { libc::geteuid() } as u64]),
        "syscall.Getgid" => |_, a| ret(a, &[unsafe { libc::getgid() } as u64]),
        "syscall.Getegid" => |_, a| ret(a, &[unsafe { libc::getegid() } as u64]),
        "syscall.Getpagesize" => |_, a| {
            // SAFETY: sysconf takes a constant.
            let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
            ret(a, &[n as u64])
        },
        // getgroups() []int
        "syscall.getgroups" => |c, a| {
            let mut g = vec![0 as libc::gid_t; 256];
            // SAFETY: `g` has room for 256 ids.
            let n = unsafe { libc::getgroups(g.len() as i32, g.as_mut_ptr()) };
            let words: Vec<u64> = g[..n.max(0) as usize].iter().map(|&x| x as u64).collect();
            a[0] = new_int_slice_m(c.m, &words);
            Ok(())
        },
        // errnoText(e int) string
        "syscall.errnoText" => |c, a| {
            let t = errno_text(int(a[0]));
            a[0] = string(c.m, &t);
            Ok(())
        },
        // signalText(s int) string
        "syscall.signalText" => |c, a| {
            let t = signal_text(int(a[0]));
            a[0] = string(c.m, &t);
            Ok(())
        },
        // kill(pid, sig int) (errno int); refused by the sandbox (as EPERM)
        "syscall.kill" => |c, a| {
            if refused() {
                return ret(a, &[libc::EPERM as u64]);
            }
            // A signal to ourselves may be handled at once: what the program printed so far
            // goes out first, as with Go's unbuffered stdout.
            c.sh.flush(c.stdout, None);
            // SAFETY: kill takes plain integers.
            let r = unsafe { libc::kill(int(a[0]) as i32, int(a[1]) as i32) };
            ret(a, &[if r < 0 { errno() } else { 0 }])
        },
        "signal.enableSignal" => |_, a| {
            set_handler(int(a[0]), on_signal as *const () as libc::sighandler_t);
            Ok(())
        },
        "signal.defaultSignal" => |_, a| {
            set_handler(int(a[0]), libc::SIG_DFL);
            Ok(())
        },
        "signal.ignoreSignal" => |_, a| {
            set_handler(int(a[0]), libc::SIG_IGN);
            Ok(())
        },
        "signal.signalIgnored" => |_, a| {
            let sig = int(a[0]);
            if !(1..64).contains(&sig) {
                return ret(a, &[0]);
            }
            // SAFETY: querying a disposition writes only `old`.
            let ign = unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                libc::sigaction(sig as i32, std::ptr::null(), &mut old) == 0
                    && old.sa_sigaction == libc::SIG_IGN
            };
            ret(a, &[ign as u64])
        },
        "signal.pendingSignals" => |_, a| ret(a, &[PENDING.swap(0, Ordering::SeqCst)]),
        _ => return None,
    })
}
