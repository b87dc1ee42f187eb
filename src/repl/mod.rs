//! REPL: `gol` (or `gol repl`). Input: inputs read from a terminal (rustyline: editing,
//! history, completion, `...` continuation) or plainly from a pipe. Output: each input run in
//! one long-lived session — statements run, declarations persist, expression values print —
//! with goroutines that keep running between inputs.
//!
//! Two threads. The reader (`terminal.rs`) only reads: it sends each complete input and waits
//! until the executor says it is done, so the next prompt comes after the input's output. The
//! executor (this file, on the caller's large-stack thread) owns the session: it checks,
//! compiles and runs inputs, and between inputs keeps running the other goroutines, whose output
//! goes above the prompt (rustyline's external printer) while the reader waits for a line.
//! Ctrl-C while an input runs is a SIGINT (the terminal is not in raw mode then): a flag the
//! scheduler polls between time slices stops the input and the goroutines it started.

mod complete;
mod input;
pub mod session;
mod terminal;

pub use input::incomplete;

use crate::runtime::session::{Event, Outcome};
use session::Session;
use std::cell::RefCell;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Set by SIGINT; the scheduler polls it between time slices.
static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// How long the executor waits for input before looking at the interrupt flag and the timers
/// again (a bound on Ctrl-C latency while idle in pipe mode, nothing else).
const POLL: Duration = Duration::from_millis(100);

/// Messages from the reader to the executor.
pub(crate) enum Request {
    /// One complete input (statements, declarations or a `:command`).
    Input(String),
    /// Where background output goes while the reader waits for a line.
    Printer(Box<dyn rustyline::ExternalPrinter + Send>),
    Eof,
}

/// Names for completion, refreshed by the executor after each input.
pub(crate) type Names = Arc<Mutex<Vec<String>>>;

/// Runs the REPL until `:quit`, end of input or `os.Exit`; the exit status.
pub fn run(interactive: bool) -> i32 {
    install_sigint();
    std::panic::set_hook(Box::new(|info| {
        eprintln!("gol: internal error: {info}\n(the session goes on; please report this input)");
    }));
    let (tx, rx) = std::sync::mpsc::channel();
    let (ack_tx, ack_rx) = std::sync::mpsc::channel();
    let names: Names = Arc::new(Mutex::new(Vec::new()));
    let reader_names = Arc::clone(&names);
    let reader = std::thread::spawn(move || {
        if interactive {
            terminal::read_terminal(tx, ack_rx, reader_names)
        } else {
            terminal::read_plain(tx, ack_rx)
        }
    });
    if interactive {
        println!(
            "gol {} — Go-like REPL. :help for commands, Ctrl-D to quit.",
            env!("CARGO_PKG_VERSION")
        );
    }
    let code = Executor::new(interactive, names).run(rx, ack_tx);
    drop(reader); // the reader may be blocked reading: it ends with the process
    let _ = std::io::stdout().flush();
    code
}

/// Where the session's output goes: straight out while an input runs (or in pipe mode),
/// through the external printer while the reader waits at the prompt.
#[derive(Default)]
struct Output {
    busy: bool,
    printer: Option<Box<dyn rustyline::ExternalPrinter + Send>>,
    /// Background output not yet ending in a newline (the printer prints whole lines).
    partial: Vec<u8>,
}

impl Output {
    fn stdout(&mut self, bytes: &[u8]) {
        match self.printer.as_mut() {
            Some(p) if !self.busy => {
                self.partial.extend_from_slice(bytes);
                if let Some(end) = self.partial.iter().rposition(|&b| b == b'\n') {
                    let rest = self.partial.split_off(end + 1);
                    let mut text = String::from_utf8_lossy(&self.partial).into_owned();
                    text.pop();
                    let _ = p.print(text);
                    self.partial = rest;
                }
            }
            _ => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(&std::mem::take(&mut self.partial));
                let _ = out.write_all(bytes);
                let _ = out.flush();
            }
        }
    }

    fn stderr(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.printer.as_mut() {
            Some(p) if !self.busy => {
                let _ = p.print(text.trim_end_matches('\n').to_string());
            }
            _ => {
                let _ = std::io::stdout().flush();
                let _ = std::io::stderr().write_all(text.as_bytes());
            }
        }
    }

    /// An input starts or ends: flush a partial background line first.
    fn set_busy(&mut self, busy: bool) {
        if busy && !self.partial.is_empty() {
            let _ = std::io::stdout().write_all(&std::mem::take(&mut self.partial));
            let _ = std::io::stdout().write_all(b"\n");
        }
        let _ = std::io::stdout().flush();
        self.busy = busy;
    }
}

struct Executor {
    sess: Session,
    out: Rc<RefCell<Output>>,
    interactive: bool,
    names: Names,
    /// Whether any input failed (a compile error, a panic, a deadlock, a bad command).
    failed: bool,
}

/// What handling one request did.
enum Handled {
    /// The input's goroutine is running: acknowledge when it finishes.
    Started,
    /// Nothing to run (a command, an error, declarations only): acknowledge now.
    Done,
    Quit(i32),
}

impl Executor {
    fn new(interactive: bool, names: Names) -> Executor {
        let out = Rc::new(RefCell::new(Output::default()));
        let mut ex = Executor {
            sess: Session::new(),
            out,
            interactive,
            names,
            failed: false,
        };
        ex.attach();
        ex
    }

    /// Routes the machine's stdout through `out`.
    fn attach(&mut self) {
        let out = Rc::clone(&self.out);
        self.sess.rt.mach.sink = Some(Box::new(move |b: &[u8]| out.borrow_mut().stdout(b)));
        let out = Rc::clone(&self.out);
        self.sess.rt.mach.err_sink = Some(Box::new(move |b: &[u8]| {
            out.borrow_mut().stderr(&String::from_utf8_lossy(b))
        }));
    }

    fn run(&mut self, rx: Receiver<Request>, ack: Sender<()>) -> i32 {
        let mut idle: Option<Option<Instant>> = None;
        loop {
            if !self.sess.rt.busy() {
                if !self.interactive && INTERRUPT.swap(false, Ordering::SeqCst) {
                    return 130;
                }
                let req = match idle {
                    None => rx.try_recv().map_err(|e| match e {
                        std::sync::mpsc::TryRecvError::Empty => RecvTimeoutError::Timeout,
                        std::sync::mpsc::TryRecvError::Disconnected => {
                            RecvTimeoutError::Disconnected
                        }
                    }),
                    Some(deadline) => {
                        let wait = deadline.map_or(POLL, |d| {
                            d.saturating_duration_since(Instant::now()).min(POLL)
                        });
                        rx.recv_timeout(wait)
                    }
                };
                match req {
                    Ok(Request::Input(text)) => {
                        self.out.borrow_mut().set_busy(true);
                        // A bug in gol must not end the session: the input is dropped (nothing of
                        // it was committed, see session.rs) and the prompt comes back.
                        let handled = catch_unwind(AssertUnwindSafe(|| self.handle(&text)))
                            .unwrap_or(Handled::Done);
                        match handled {
                            Handled::Started => {}
                            Handled::Done => self.finish(&ack),
                            Handled::Quit(code) => return code,
                        }
                    }
                    Ok(Request::Printer(p)) => self.out.borrow_mut().printer = Some(p),
                    // Piped, like a script: 1 if any input failed.
                    Ok(Request::Eof) | Err(RecvTimeoutError::Disconnected) => {
                        return i32::from(self.failed && !self.interactive)
                    }
                    Err(RecvTimeoutError::Timeout) => {}
                }
            }
            let step = catch_unwind(AssertUnwindSafe(|| self.sess.rt.step(&INTERRUPT)));
            let event = step.unwrap_or_else(|_| {
                // The goroutine that was running is lost; the others go on.
                match self.sess.rt.abandon_input() {
                    true => Event::Finished(Outcome::Panicked(String::new())),
                    false => Event::Ran,
                }
            });
            match event {
                Event::Ran => idle = None,
                Event::Idle(deadline) => {
                    if self.sess.rt.busy() {
                        // The input sleeps: wait for the timer (a little at a time, for Ctrl-C).
                        let wait = deadline.map_or(POLL, |d| {
                            d.saturating_duration_since(Instant::now()).min(POLL)
                        });
                        std::thread::sleep(wait);
                    } else {
                        idle = Some(deadline);
                    }
                }
                Event::Finished(outcome) => {
                    idle = None;
                    let text = match outcome {
                        Outcome::Done => String::new(),
                        Outcome::Panicked(t) | Outcome::Deadlock(t) => t,
                        Outcome::Interrupted => "interrupted\n".to_string(),
                        Outcome::Exit(code) => return code,
                    };
                    if !text.is_empty() {
                        // An input whose run fails declares nothing.
                        self.sess.rollback();
                        self.failed = true;
                    }
                    self.out.borrow_mut().stderr(&text);
                    self.finish(&ack);
                }
                Event::Background(text) => self.out.borrow_mut().stderr(&text),
            }
        }
    }

    /// An input is done: refresh completion names, let the reader prompt again.
    fn finish(&mut self, ack: &Sender<()>) {
        if let Ok(mut n) = self.names.lock() {
            *n = self.sess.names();
        }
        self.out.borrow_mut().set_busy(false);
        let _ = ack.send(());
    }

    fn handle(&mut self, text: &str) -> Handled {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Handled::Done;
        }
        if let Some(cmd) = trimmed.strip_prefix(':') {
            return self.command(cmd);
        }
        self.eval(text)
    }

    fn eval(&mut self, text: &str) -> Handled {
        match self.sess.eval(text) {
            Ok(acc) => {
                self.out.borrow_mut().stderr(&acc.notes);
                self.sess.rt.start(acc.entry);
                Handled::Started
            }
            Err(msg) => {
                self.out.borrow_mut().stderr(&msg);
                // (Not a declaration kept until what it uses is declared.)
                self.failed |= !msg.contains(": kept until it is\n");
                Handled::Done
            }
        }
    }

    fn say(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if !text.ends_with('\n') {
            let _ = out.write_all(b"\n");
        }
        let _ = out.flush();
    }

    fn command(&mut self, cmd: &str) -> Handled {
        let (name, arg) = cmd.split_once(char::is_whitespace).unwrap_or((cmd, ""));
        let arg = arg.trim();
        match name {
            "help" | "h" | "?" => self.say(HELP),
            "quit" | "q" | "exit" => return Handled::Quit(0),
            "reset" => {
                self.sess = Session::new();
                self.attach();
                self.say("session reset");
            }
            "load" | "l" => return self.load(arg),
            "type" | "t" => match self.sess.type_of(arg) {
                Ok(t) => self.say(&t),
                Err(msg) => {
                    self.failed = true;
                    self.out.borrow_mut().stderr(&msg)
                }
            },
            "disasm" | "d" => {
                let prog = Arc::clone(&self.sess.rt.mach.prog);
                let want = [arg.to_string(), format!("main.{arg}")];
                match prog.funcs.iter().rev().find(|f| want.contains(&f.name)) {
                    Some(f) => self.say(&crate::bytecode::disasm::disasm_one(&prog, f)),
                    None => {
                        self.failed = true;
                        self.out
                            .borrow_mut()
                            .stderr(&format!("no function {arg}\n"))
                    }
                }
            }
            "test" => return self.test(arg),
            "goroutines" | "g" => {
                let list = self.sess.rt.goroutines();
                self.say(if list.is_empty() {
                    "no goroutines"
                } else {
                    &list
                });
            }
            "gomaxprocs" => {
                let mut sched = self.sess.rt.mach.sched();
                let prev = sched.gomaxprocs;
                match arg.parse::<i64>() {
                    Ok(n) if n > 0 => {
                        sched.gomaxprocs = n;
                        self.say(&format!("GOMAXPROCS {n} (was {prev}; the REPL runs on one thread; programs use it)"));
                    }
                    _ if arg.is_empty() => self.say(&format!("GOMAXPROCS {prev}")),
                    _ => {
                        self.failed = true;
                        self.out
                            .borrow_mut()
                            .stderr(":gomaxprocs needs a positive number\n")
                    }
                }
            }
            _ => {
                self.failed = true;
                self.out
                    .borrow_mut()
                    .stderr(&format!("unknown command :{name} (:help lists them)\n"))
            }
        }
        Handled::Done
    }

    /// `:test [FLAGS]`: runs the `TestXxx(*testing.T)` functions declared so far through
    /// package testing, with go test's flags (`-v`, `-run RE`, `-count N`...); os.Args is
    /// restored afterwards.
    fn test(&mut self, flags: &str) -> Handled {
        let prog = Arc::clone(&self.sess.rt.mach.prog);
        let mut names: Vec<String> = Vec::new();
        for f in &prog.funcs {
            let Some(n) = f.name.strip_prefix("main.") else {
                continue;
            };
            let after = n.strip_prefix("Test");
            let valid = after.is_some_and(|r| {
                r.chars().all(|c| c.is_alphanumeric() || c == '_')
                    && r.chars().next().is_none_or(|c| !c.is_lowercase())
            });
            if valid && !names.iter().any(|x| x == n) {
                names.push(n.to_string());
            }
        }
        // Only the ones that still are tests (a name may have been redeclared since).
        names.retain(|n| self.sess.type_of(n).is_ok_and(|t| t == "func(*testing.T)"));
        if names.is_empty() {
            self.say("no test functions (declare func TestXxx(t *testing.T))");
            return Handled::Done;
        }
        let quote = |s: &str| format!("{s:?}");
        let args: Vec<String> = std::iter::once(quote("gol-repl.test"))
            .chain(flags.split_whitespace().map(quote))
            .collect();
        let tests: Vec<String> = names
            .iter()
            .map(|n| format!("{{Name: {}, F: {n}}}", quote(n)))
            .collect();
        let input = format!(
            "func() {{ saved := os.Args; defer func() {{ os.Args = saved }}(); os.Args = []string{{{}}}; testing.MainStart(nil, []testing.InternalTest{{{}}}, nil, nil, nil).Run() }}()\n",
            args.join(", "),
            tests.join(", ")
        );
        self.eval(&input)
    }

    /// `:load FILE`: the file as one input. A package clause is dropped, so a program's
    /// declarations are loaded (its `main` runs when called).
    fn load(&mut self, path: &str) -> Handled {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                let why = match e.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
                    std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                    _ => e.to_string(),
                };
                self.out
                    .borrow_mut()
                    .stderr(&format!("open {path}: {why}\n"));
                self.failed = true;
                return Handled::Done;
            }
        };
        let parsed = crate::parser::parse(&text);
        let mut text = text;
        if let Some(pkg) = parsed.file.as_ref().and_then(|f| f.package.as_ref()) {
            // Blank `package NAME` (same length: positions in messages stay right).
            let lo = text[..pkg.span.lo as usize].rfind("package").unwrap_or(0);
            let hi = pkg.span.hi as usize;
            text.replace_range(lo..hi, &" ".repeat(hi - lo));
            let has_main = parsed.file.as_ref().is_some_and(|f| {
                f.items.iter().any(|i| matches!(i, crate::ast::Item::Func(fd) if fd.recv.is_none() && fd.name.name == "main"))
            });
            if has_main {
                return self.eval_file(path, &text, "; call main() to run it");
            }
        }
        self.eval_file(path, &text, "")
    }

    /// Runs a loaded file's text as one input; says so once it is accepted.
    fn eval_file(&mut self, path: &str, text: &str, hint: &str) -> Handled {
        match self.sess.eval_file(path, text) {
            Ok(acc) => {
                self.say(&format!("loaded {path}{hint}"));
                self.out.borrow_mut().stderr(&acc.notes);
                self.sess.rt.start(acc.entry);
                Handled::Started
            }
            Err(msg) => {
                self.out.borrow_mut().stderr(&msg);
                self.failed = true;
                Handled::Done
            }
        }
    }
}

const HELP: &str = "\
Type Go statements and declarations; they run at once and what they declare persists.
An expression shows its value (as fmt's %v does). Incomplete input continues on `...`.
Goroutines keep running between inputs.

:help             this text
:quit             leave (also Ctrl-D)
:reset            forget every declaration, variable and goroutine
:load FILE        run FILE as one input (a package clause is dropped; call main() to run it)
:type EXPR        the type of EXPR, without running it
:disasm NAME      the bytecode of function NAME
:goroutines       each goroutine: number, state, wait reason, position
:test [FLAGS]     run the TestXxx(t *testing.T) functions declared so far (-v, -run RE...)
:gomaxprocs N     set runtime.GOMAXPROCS
Ctrl-C abandons the line being typed, or stops the running input and the goroutines it started.";

extern "C" fn on_sigint(_: libc::c_int) {
    INTERRUPT.store(true, Ordering::SeqCst);
}

fn install_sigint() {
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, on_sigint as *const () as libc::sighandler_t);
    }
}
