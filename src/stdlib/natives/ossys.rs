//! `os` system calls for files and directories: the bodyless `sys*` functions of
//! `stdlib/os/*.gol` (symbols `os.sysOpen`, `os.sysRead`, ...). In: plain words (file
//! descriptors, strings, `[]byte`, integers). Out: results and an errno word (0 for success,
//! `SANDBOX` when `--sandbox` refuses a write); everything Go-shaped (`*PathError`, `FileInfo`,
//! `FileMode`) is built in gol from these.
//!
//! Descriptors 0-2 are the process's standard streams: writes to 1 go through the program's
//! ordered stdout buffer, writes to 2 flush it first, and reads from 0 share Rust's stdin
//! buffer with fmt's Scan family (so the two never steal each other's bytes). Closing them is
//! the gol side's business (`os.(*File).Close` marks the file closed and keeps the descriptor).
//! A read or write on another descriptor that is not ready (a pipe) never blocks the worker:
//! it answers `WOULD_BLOCK` and the gol side sleeps briefly and retries, so the goroutine that
//! will write the pipe gets to run even with GOMAXPROCS=1.

use super::{int, new_byte_slice, new_int_slice_m, new_string_slice, ret, string};
use super::{NativeCtx, NativeError, NativeFn};
use crate::vm::value::{self, str_bytes};
use std::ffi::CString;
use std::io::Write as _;

/// The errno word of an operation the sandbox refuses (`os.errSandbox` in gol).
pub(super) const SANDBOX: u64 = u64::MAX;

/// The errno of the last failed libc call.
pub(super) fn errno() -> u64 {
    std::io::Error::last_os_error()
        .raw_os_error()
        .unwrap_or(libc::EIO) as u64
}

/// A path as a C string; a NUL inside is Go's EINVAL.
pub(super) fn cpath(w: u64) -> Result<CString, u64> {
    CString::new(str_bytes(w)).map_err(|_| libc::EINVAL as u64)
}

/// The errno word of a read or write on a pipe, socket or terminal that would block: the gol
/// side waits (a short sleep, so other goroutines run on this worker) and tries again.
pub(super) const WOULD_BLOCK: u64 = u64::MAX - 1;

/// Whether descriptor `fd` (not a standard stream) is ready for `events` now; regular files
/// and directories always are.
fn ready(fd: i32, events: libc::c_short) -> bool {
    if fd <= 2 {
        return true;
    }
    let mut p = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: one pollfd, no timeout.
    let n = unsafe { libc::poll(&mut p, 1, 0) };
    n != 0
}

/// Whether `--sandbox` refuses writes to the file system.
pub(super) fn refused() -> bool {
    crate::runtime::limits::sandboxed()
}

/// Stores `b` into the `[]byte` word `s` from its start.
fn fill(s: u64, b: &[u8]) {
    let p = value::slice_parts(s);
    if b.is_empty() {
        return;
    }
    let arr = value::obj(p.array);
    for (i, &x) in b.iter().enumerate() {
        value::store(arr, p.offset + i, x as u64, false);
    }
}

/// The words `sysStat` returns before the errno: mode, size, mtime seconds and nanoseconds,
/// device, inode, link count, uid, gid.
fn stat_words(st: &libc::stat) -> [u64; 9] {
    [
        st.st_mode as u64,
        st.st_size as u64,
        st.st_mtime as u64,
        st.st_mtime_nsec as u64,
        st.st_dev,
        st.st_ino,
        st.st_nlink,
        st.st_uid as u64,
        st.st_gid as u64,
    ]
}

fn stat_result(a: &mut [u64], r: Result<libc::stat, u64>) -> Result<(), NativeError> {
    match r {
        Ok(st) => {
            let w = stat_words(&st);
            a[..9].copy_from_slice(&w);
            a[9] = 0;
        }
        Err(e) => {
            a[..9].fill(0);
            a[9] = e;
        }
    }
    Ok(())
}

fn stat_path(path: u64, follow: bool) -> Result<libc::stat, u64> {
    let p = cpath(path)?;
    // SAFETY: `st` is plain old data written by the call; `p` is a valid C string.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        let r = if follow {
            libc::stat(p.as_ptr(), &mut st)
        } else {
            libc::lstat(p.as_ptr(), &mut st)
        };
        if r < 0 {
            Err(errno())
        } else {
            Ok(st)
        }
    }
}

fn fstat(fd: i32) -> Result<libc::stat, u64> {
    // SAFETY: as in `stat_path`; a bad descriptor is EBADF.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(fd, &mut st) < 0 {
            Err(errno())
        } else {
            Ok(st)
        }
    }
}

/// A libc call returning -1 on failure, as an errno word.
fn check(r: libc::c_int) -> u64 {
    if r < 0 {
        errno()
    } else {
        0
    }
}

/// Runs `f` on one C path argument, refusing it under the sandbox when `write`.
fn path_op(w: u64, write: bool, f: impl FnOnce(&CString) -> libc::c_int) -> u64 {
    if write && refused() {
        return SANDBOX;
    }
    match cpath(w) {
        // The call gets a valid C string; errors come back as -1 and errno.
        Ok(p) => check(f(&p)),
        Err(e) => e,
    }
}

fn two_paths(a: u64, b: u64, f: impl FnOnce(&CString, &CString) -> libc::c_int) -> u64 {
    if refused() {
        return SANDBOX;
    }
    match (cpath(a), cpath(b)) {
        (Ok(x), Ok(y)) => check(f(&x, &y)),
        (Err(e), _) | (_, Err(e)) => e,
    }
}

/// Writes `b` to descriptor `fd` (the standard streams through the program's buffers).
fn write_fd(c: &mut NativeCtx, fd: i32, b: &[u8], off: Option<i64>) -> (u64, u64) {
    match (fd, off) {
        (1, None) => {
            c.stdout.extend_from_slice(b);
            return (b.len() as u64, 0);
        }
        (2, None) => {
            c.sh.flush(c.stdout, None);
            let _ = std::io::stderr().write_all(b);
            return (b.len() as u64, 0);
        }
        _ => {}
    }
    let mut done = 0usize;
    while done < b.len() {
        if off.is_none() && !ready(fd, libc::POLLOUT) {
            return (done as u64, WOULD_BLOCK);
        }
        let rest = &b[done..];
        // SAFETY: `rest` is a live buffer of `rest.len()` bytes.
        let n = unsafe {
            match off {
                None => libc::write(fd, rest.as_ptr().cast(), rest.len()),
                Some(o) => libc::pwrite(fd, rest.as_ptr().cast(), rest.len(), o + done as i64),
            }
        };
        if n < 0 {
            let e = errno();
            if e == libc::EINTR as u64 {
                continue;
            }
            return (done as u64, e);
        }
        done += n as usize;
    }
    (done as u64, 0)
}

/// Reads into a buffer of `len` bytes: stdin through Rust's shared buffer, others by `read`.
fn read_fd(fd: i32, len: usize, off: Option<i64>) -> (Vec<u8>, u64) {
    let mut buf = vec![0u8; len];
    if fd == 0 && off.is_none() {
        use std::io::Read as _;
        // Blocks this worker until input arrives, as `fmt.Scan` does.
        return match std::io::stdin().lock().read(&mut buf) {
            Ok(n) => {
                buf.truncate(n);
                (buf, 0)
            }
            Err(e) => (Vec::new(), e.raw_os_error().unwrap_or(libc::EIO) as u64),
        };
    }
    if off.is_none() && !ready(fd, libc::POLLIN) {
        return (Vec::new(), WOULD_BLOCK);
    }
    loop {
        // SAFETY: `buf` has room for `len` bytes.
        let n = unsafe {
            match off {
                None => libc::read(fd, buf.as_mut_ptr().cast(), len),
                Some(o) => libc::pread(fd, buf.as_mut_ptr().cast(), len, o),
            }
        };
        if n < 0 {
            let e = errno();
            if e == libc::EINTR as u64 {
                continue;
            }
            return (Vec::new(), e);
        }
        buf.truncate(n as usize);
        return (buf, 0);
    }
}

/// The entries of the directory open as `fd` (without `.` and `..`), with each entry's type
/// bits (`S_IFMT` of `st_mode`; from `lstat` when the directory does not say).
fn read_dir(fd: i32) -> Result<(Vec<Vec<u8>>, Vec<u64>), u64> {
    // SAFETY: the duplicate descriptor belongs to the DIR stream, which closedir releases;
    // every dirent pointer is used before the next readdir call.
    unsafe {
        let d = libc::dup(fd);
        if d < 0 {
            return Err(errno());
        }
        let dir = libc::fdopendir(d);
        if dir.is_null() {
            let e = errno();
            libc::close(d);
            return Err(e);
        }
        let (mut names, mut kinds) = (Vec::new(), Vec::new());
        loop {
            *libc::__errno_location() = 0;
            let ent = libc::readdir(dir);
            if ent.is_null() {
                let e = *libc::__errno_location();
                if e != 0 {
                    libc::closedir(dir);
                    return Err(e as u64);
                }
                break;
            }
            let name = std::ffi::CStr::from_ptr((*ent).d_name.as_ptr());
            let name = name.to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let kind = match (*ent).d_type {
                libc::DT_DIR => libc::S_IFDIR,
                libc::DT_REG => libc::S_IFREG,
                libc::DT_LNK => libc::S_IFLNK,
                libc::DT_FIFO => libc::S_IFIFO,
                libc::DT_SOCK => libc::S_IFSOCK,
                libc::DT_CHR => libc::S_IFCHR,
                libc::DT_BLK => libc::S_IFBLK,
                _ => {
                    let mut st: libc::stat = std::mem::zeroed();
                    let c = CString::new(name).unwrap_or_default();
                    if libc::fstatat(fd, c.as_ptr(), &mut st, libc::AT_SYMLINK_NOFOLLOW) == 0 {
                        st.st_mode & libc::S_IFMT
                    } else {
                        0
                    }
                }
            };
            names.push(name.to_vec());
            kinds.push(kind as u64);
        }
        libc::closedir(dir);
        Ok((names, kinds))
    }
}

fn fd_of(w: u64) -> i32 {
    int(w) as i32
}

pub(super) fn lookup(symbol: &str) -> Option<NativeFn> {
    Some(match symbol {
        // sysOpen(name string, flag int, perm uint32) (fd int, errno int)
        "os.sysOpen" => |_: &mut NativeCtx, a: &mut [u64]| {
            let flag = int(a[1]) as i32;
            let writes = flag & (libc::O_WRONLY | libc::O_RDWR | libc::O_CREAT | libc::O_TRUNC)
                != 0
                || flag & libc::O_APPEND != 0;
            if writes && refused() {
                return ret(a, &[u64::MAX, SANDBOX]);
            }
            let p = match cpath(a[0]) {
                Ok(p) => p,
                Err(e) => return ret(a, &[u64::MAX, e]),
            };
            // SAFETY: a valid C string; the mode is passed as the variadic argument.
            let fd = unsafe {
                libc::open(
                    p.as_ptr(),
                    flag | libc::O_CLOEXEC,
                    a[2] as libc::c_uint & 0o7777,
                )
            };
            if fd < 0 {
                ret(a, &[u64::MAX, errno()])
            } else {
                ret(a, &[fd as u64, 0])
            }
        },
        // sysRead(fd int, b []byte) (n int, errno int)
        "os.sysRead" => |_, a| {
            let len = value::slice_parts(a[1]).len;
            let (buf, e) = read_fd(fd_of(a[0]), len, None);
            fill(a[1], &buf);
            ret(a, &[buf.len() as u64, e])
        },
        // sysPread(fd int, b []byte, off int64) (n int, errno int)
        "os.sysPread" => |_, a| {
            let len = value::slice_parts(a[1]).len;
            let (buf, e) = read_fd(fd_of(a[0]), len, Some(int(a[2])));
            fill(a[1], &buf);
            ret(a, &[buf.len() as u64, e])
        },
        // sysWrite(fd int, b []byte) (n int, errno int)
        "os.sysWrite" => |c, a| {
            let b = super::byte_slice_bytes(a[1]);
            let (n, e) = write_fd(c, fd_of(a[0]), &b, None);
            ret(a, &[n, e])
        },
        // sysPwrite(fd int, b []byte, off int64) (n int, errno int)
        "os.sysPwrite" => |c, a| {
            let b = super::byte_slice_bytes(a[1]);
            let (n, e) = write_fd(c, fd_of(a[0]), &b, Some(int(a[2])));
            ret(a, &[n, e])
        },
        // sysSeek(fd int, off int64, whence int) (int64, errno int)
        "os.sysSeek" => |_, a| {
            // SAFETY: lseek takes plain integers.
            let r = unsafe { libc::lseek(fd_of(a[0]), int(a[1]), int(a[2]) as i32) };
            if r < 0 {
                ret(a, &[0, errno()])
            } else {
                ret(a, &[r as u64, 0])
            }
        },
        // sysClose(fd int) (errno int)
        "os.sysClose" => |_, a| {
            // SAFETY: the descriptor is the gol File's own (never 0-2: gol keeps those).
            let r = unsafe { libc::close(fd_of(a[0])) };
            ret(a, &[check(r)])
        },
        "os.sysFsync" => |_, a| {
            // SAFETY: plain integer argument.
            let r = unsafe { libc::fsync(fd_of(a[0])) };
            ret(a, &[check(r)])
        },
        // sysFtruncate(fd int, size int64) (errno int)
        "os.sysFtruncate" => |_, a| {
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            // SAFETY: plain integer arguments.
            let r = unsafe { libc::ftruncate(fd_of(a[0]), int(a[1])) };
            ret(a, &[check(r)])
        },
        // sysTruncate(name string, size int64) (errno int)
        "os.sysTruncate" => |_, a| {
            let size = int(a[1]);
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe { libc::truncate(p.as_ptr(), size) });
            ret(a, &[e])
        },
        // sysStat(name string, follow bool) (mode uint32, size, sec, nsec int64, dev, ino,
        // nlink uint64, uid, gid uint32, errno int)
        "os.sysStat" => |_, a| {
            let r = stat_path(a[0], a[1] != 0);
            stat_result(a, r)
        },
        // sysFstat(fd int) (the same ten words)
        "os.sysFstat" => |_, a| {
            let r = fstat(fd_of(a[0]));
            stat_result(a, r)
        },
        // sysReadDir(fd int) (names []string, kinds []uint32, errno int)
        "os.sysReadDir" => |c, a| match read_dir(fd_of(a[0])) {
            Ok((names, kinds)) => {
                let words: Vec<u64> = names.iter().map(|n| string(c.m, n)).collect();
                let n = new_string_slice(c.m, &words);
                let k = new_int_slice_m(c.m, &kinds);
                ret(a, &[n, k, 0])
            }
            Err(e) => ret(a, &[0, 0, e]),
        },
        // sysMkdir(name string, perm uint32) (errno int)
        "os.sysMkdir" => |_, a| {
            let perm = a[1] as libc::mode_t & 0o7777;
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe { libc::mkdir(p.as_ptr(), perm) });
            ret(a, &[e])
        },
        "os.sysUnlink" => |_, a| {
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe { libc::unlink(p.as_ptr()) });
            ret(a, &[e])
        },
        "os.sysRmdir" => |_, a| {
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe { libc::rmdir(p.as_ptr()) });
            ret(a, &[e])
        },
        // sysRename(old, new string) (errno int)
        "os.sysRename" => |_, a| {
            // SAFETY (closure): valid C strings.
            let e = two_paths(a[0], a[1], |x, y| unsafe {
                libc::rename(x.as_ptr(), y.as_ptr())
            });
            ret(a, &[e])
        },
        "os.sysLink" => |_, a| {
            // SAFETY (closure): valid C strings.
            let e = two_paths(a[0], a[1], |x, y| unsafe {
                libc::link(x.as_ptr(), y.as_ptr())
            });
            ret(a, &[e])
        },
        "os.sysSymlink" => |_, a| {
            // SAFETY (closure): valid C strings.
            let e = two_paths(a[0], a[1], |x, y| unsafe {
                libc::symlink(x.as_ptr(), y.as_ptr())
            });
            ret(a, &[e])
        },
        // sysReadlink(name string) (string, errno int)
        "os.sysReadlink" => |c, a| match cpath(a[0]) {
            Ok(p) => {
                let mut buf = vec![0u8; 4096];
                // SAFETY: `buf` has room for its length.
                let n = unsafe { libc::readlink(p.as_ptr(), buf.as_mut_ptr().cast(), buf.len()) };
                if n < 0 {
                    return ret(a, &[string(c.m, b""), errno()]);
                }
                let s = string(c.m, &buf[..n as usize]);
                ret(a, &[s, 0])
            }
            Err(e) => ret(a, &[string(c.m, b""), e]),
        },
        // sysChmod(name string, mode uint32) (errno int)
        "os.sysChmod" => |_, a| {
            let mode = a[1] as libc::mode_t;
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe { libc::chmod(p.as_ptr(), mode) });
            ret(a, &[e])
        },
        // sysFchmod(fd int, mode uint32) (errno int)
        "os.sysFchmod" => |_, a| {
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            // SAFETY: plain integer arguments.
            let r = unsafe { libc::fchmod(fd_of(a[0]), a[1] as libc::mode_t) };
            ret(a, &[check(r)])
        },
        // sysChown(name string, uid, gid int, follow bool) (errno int)
        "os.sysChown" => |_, a| {
            let (uid, gid, follow) = (a[1] as libc::uid_t, a[2] as libc::gid_t, a[3] != 0);
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], true, |p| unsafe {
                if follow {
                    libc::chown(p.as_ptr(), uid, gid)
                } else {
                    libc::lchown(p.as_ptr(), uid, gid)
                }
            });
            ret(a, &[e])
        },
        // sysFchown(fd, uid, gid int) (errno int)
        "os.sysFchown" => |_, a| {
            if refused() {
                return ret(a, &[SANDBOX]);
            }
            // SAFETY: plain integer arguments.
            let r = unsafe { libc::fchown(fd_of(a[0]), a[1] as u32, a[2] as u32) };
            ret(a, &[check(r)])
        },
        // sysChdir(name string) (errno int)
        "os.sysChdir" => |_, a| {
            // SAFETY (closure): a valid C string.
            let e = path_op(a[0], false, |p| unsafe { libc::chdir(p.as_ptr()) });
            ret(a, &[e])
        },
        "os.sysFchdir" => |_, a| {
            // SAFETY: plain integer argument.
            let r = unsafe { libc::fchdir(fd_of(a[0])) };
            ret(a, &[check(r)])
        },
        // sysGetwd() (string, errno int)
        "os.sysGetwd" => |c, a| match std::env::current_dir() {
            Ok(d) => {
                use std::os::unix::ffi::OsStrExt;
                let s = string(c.m, d.as_os_str().as_bytes());
                ret(a, &[s, 0])
            }
            Err(e) => {
                let s = string(c.m, b"");
                ret(a, &[s, e.raw_os_error().unwrap_or(libc::EIO) as u64])
            }
        },
        // sysUtimes(name string, asec, ansec, msec, mnsec int64) (errno int); a nanosecond
        // word of -1 leaves that time as it is (UTIME_OMIT).
        "os.sysUtimes" => |_, a| {
            let ts = |s: u64, ns: u64| libc::timespec {
                tv_sec: int(s),
                tv_nsec: if int(ns) < 0 {
                    libc::UTIME_OMIT
                } else {
                    int(ns)
                },
            };
            let times = [ts(a[1], a[2]), ts(a[3], a[4])];
            // SAFETY (closure): a valid C string and two timespecs.
            let e = path_op(a[0], true, |p| unsafe {
                libc::utimensat(libc::AT_FDCWD, p.as_ptr(), times.as_ptr(), 0)
            });
            ret(a, &[e])
        },
        // sysPipe() (r, w int, errno int)
        "os.sysPipe" => |_, a| {
            let mut fds = [0i32; 2];
            // SAFETY: `fds` has room for the two descriptors.
            let r = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
            if r < 0 {
                return ret(a, &[0, 0, errno()]);
            }
            ret(a, &[fds[0] as u64, fds[1] as u64, 0])
        },
        // sysReadFileAll(fd int) ([]byte, errno int): the rest of a regular file in one call
        // (anything else answers WOULD_BLOCK at once, and the gol side reads it as a stream).
        "os.sysReadFileAll" => |c, a| {
            let fd = fd_of(a[0]);
            if fstat(fd).is_ok_and(|st| st.st_mode & libc::S_IFMT != libc::S_IFREG) {
                return ret(a, &[0, WOULD_BLOCK]);
            }
            let mut out = Vec::new();
            loop {
                let (buf, e) = read_fd(fd, 64 * 1024, None);
                if e != 0 {
                    let s = new_byte_slice(c.m, &out);
                    return ret(a, &[s, e]);
                }
                if buf.is_empty() {
                    break;
                }
                out.extend_from_slice(&buf);
            }
            let s = new_byte_slice(c.m, &out);
            ret(a, &[s, 0])
        },
        _ => return super::osproc::lookup(symbol),
    })
}
