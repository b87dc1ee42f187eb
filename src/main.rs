//! CLI: `gol run|check|tokens|ast|disasm|version FILE`, `gol std [PACKAGE]`, `gol [repl]` (the REPL). Argument parsing only; the work is in `driver`.
//! The front end and later passes recurse over the syntax tree, so everything runs on a thread
//! with a large stack (reserved virtual memory, touched only as deep input needs it).

use clap::{Args, Parser, Subcommand};
use gol::driver;
use gol::runtime::limits::{self, Limits};
use std::process::ExitCode;
use std::time::Duration;

/// A failed allocation is Go's `fatal error: out of memory` (exit 2), not an abort
/// (runtime/fatal.rs says why this is sound).
#[global_allocator]
static ALLOC: gol::runtime::fatal::GoAlloc = gol::runtime::fatal::GoAlloc;

#[derive(Parser)]
#[command(
    name = "gol",
    about = "An interpreter for a Go-like concurrent language",
    version
)]
struct Cli {
    #[command(flatten)]
    limits: LimitArgs,
    #[command(subcommand)]
    command: Option<Command>,
}

/// Limits for `gol run` and the REPL (README.md, "Sandbox"). Given before the file.
#[derive(Args)]
struct LimitArgs {
    /// Playground mode (also GOL_SANDBOX=1): no host environment, no file-system writes, no
    /// environment changes, no signals sent, and default limits
    /// (256MiB memory, 10s CPU, 30s wall clock, 1MiB output)
    #[arg(long, global = true)]
    sandbox: bool,
    /// Hard limit on the heap (bytes, or Go's GOMEMLIMIT syntax: 100MiB, 1GiB)
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_memory: Option<u64>,
    /// CPU time limit (10s, 500ms, 2m)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    max_cpu: Option<Duration>,
    /// Wall-clock time limit (10s, 500ms, 2m)
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    max_wall: Option<Duration>,
    /// Limit on the bytes written to stdout (SIZE as for --max-memory)
    #[arg(long, global = true, value_name = "SIZE", value_parser = parse_size)]
    max_output: Option<u64>,
}

fn parse_size(s: &str) -> Result<u64, String> {
    limits::parse_size(s).filter(|&n| n > 0).ok_or_else(|| {
        format!("invalid size {s:?} (want bytes, or a number with B, KiB, MiB, GiB or TiB)")
    })
}

fn parse_duration(s: &str) -> Result<Duration, String> {
    limits::parse_duration(s)
        .ok_or_else(|| format!("invalid duration {s:?} (want e.g. 10s, 500ms, 2m)"))
}

impl LimitArgs {
    /// The limits in force: the flags given, and the sandbox's defaults for the others (the
    /// REPL gets no default wall-clock limit: a person takes their time typing).
    fn resolve(&self, repl: bool) -> Limits {
        // GOL_SANDBOX=1 (any value but empty or 0) turns the sandbox on as the flag does, for
        // playgrounds that start gol through a wrapper.
        let sb =
            self.sandbox || std::env::var("GOL_SANDBOX").is_ok_and(|v| !v.is_empty() && v != "0");
        Limits {
            sandbox: sb,
            max_memory: self.max_memory.or(sb.then_some(limits::SANDBOX_MEMORY)),
            max_cpu: self.max_cpu.or(sb.then_some(limits::SANDBOX_CPU)),
            max_wall: self
                .max_wall
                .or((sb && !repl).then_some(limits::SANDBOX_WALL)),
            max_output: self.max_output.or(sb.then_some(limits::SANDBOX_OUTPUT)),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a program (`-` reads it from stdin)
    Run {
        /// Deterministic run: every scheduling choice drawn from this seed, virtual time
        #[arg(long)]
        seed: Option<u64>,
        /// With --seed: how choices are drawn (random or pct)
        #[arg(long, requires = "seed")]
        strategy: Option<String>,
        /// Report goroutines blocked forever (at exit and when a collection finds them)
        #[arg(long)]
        leaks: bool,
        file: String,
        /// Arguments for the program (os.Args[1:])
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run a program and write a timeline of its goroutines, workers and channels
    /// (FILE.trace.html; see README, "gol trace")
    Trace {
        file: String,
        /// Where to write the trace (default: FILE.trace.html, or FILE.trace.json)
        #[arg(long, value_name = "PATH")]
        out: Option<String>,
        /// html (a self-contained page) or json (Chrome trace-event format, for Perfetto)
        #[arg(long, default_value = "html", value_parser = ["html", "json"])]
        format: String,
        /// Arguments for the program (os.Args[1:])
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Run a program under many deterministic schedules and list the distinct outcomes
    Explore {
        file: String,
        /// Number of schedules to try
        #[arg(long, default_value_t = 1000)]
        runs: u64,
        /// random or pct
        #[arg(long, default_value = "random")]
        strategy: String,
        /// Runs in parallel (default: the number of cores)
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Test a package as `go test` does: `gol test [-v] [-run RE] [-bench RE] [FLAGS] [DIR or FILES]`
    #[command(disable_help_flag = true)]
    Test {
        /// go test's flags, then the package directory (default `.`) or files
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Check a program for errors without running it
    Check {
        file: String,
        /// Only lex and parse (e.g. one file of a multi-file package)
        #[arg(long)]
        parse_only: bool,
    },
    /// Print the token stream, with the semicolons Go's rule inserts
    Tokens { file: String },
    /// Print the syntax tree
    Ast { file: String },
    /// Print the bytecode listing of a program
    Disasm { file: String },
    /// Show how much of Go's standard library gol implements (per package, or one package's
    /// implemented and missing names)
    Std { package: Option<String> },
    /// Print gol's version
    Version,
    /// Start the interactive REPL
    Repl,
}

/// Stack for the compiler thread. Recursion depth is bounded by the parser's nesting limit;
/// 1 GiB leaves room for every later pass at that depth. It is only reserved address space
/// (touched as deep input needs it); where even that is capped (`ulimit -v`), smaller stacks
/// are tried (`FALLBACK_STACKS`, enough for the bounded depth: docs/ARCHITECTURE.md).
const STACK_SIZE: usize = 1 << 30;
const FALLBACK_STACKS: [usize; 2] = [256 << 20, 64 << 20];

fn main() -> ExitCode {
    let cli = Cli::parse_from(race_flag(std::env::args().collect()));
    let repl = matches!(cli.command, None | Some(Command::Repl));
    limits::set(cli.limits.resolve(repl));
    if matches!(
        cli.command,
        Some(Command::Run { .. } | Command::Test { .. } | Command::Trace { .. })
    ) {
        // A Go program writing to a closed stdout pipe dies of SIGPIPE (Rust ignores it). The
        // REPL keeps ignoring it: its output goes through its own printer.
        // SAFETY: setting a signal's disposition to the default, before any thread exists.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    // Shared so that a spawn that failed (and dropped its closure) leaves it for the next try.
    let cli = std::sync::Arc::new(std::sync::Mutex::new(Some(cli)));
    // Under an address-space cap (`ulimit -v`), a stack that would take more than half of it
    // leaves too little for the heap: start with one that fits.
    let cap = address_space_limit();
    let sizes = std::iter::once(STACK_SIZE).chain(FALLBACK_STACKS);
    let last = FALLBACK_STACKS[FALLBACK_STACKS.len() - 1];
    for size in sizes.filter(|&s| s == last || (s as u64) <= cap / 2) {
        let arg = std::sync::Arc::clone(&cli);
        let spawned = std::thread::Builder::new().stack_size(size).spawn(move || {
            let cli = arg.lock().ok().and_then(|mut c| c.take());
            cli.map(dispatch)
        });
        match spawned.map(|h| h.join()) {
            Ok(Ok(Some(code))) => return ExitCode::from(code as u8),
            // The thread's stack could not be reserved: try a smaller one.
            Err(_) => continue,
            Ok(_) => break,
        }
    }
    eprintln!("gol: internal error");
    ExitCode::from(3)
}

/// Go's single-dash `gol run -race FILE`: taken out of the arguments (clap would read `-r -a
/// -c -e`) before the file, and the detector turned on (`gol::race`).
fn race_flag(mut args: Vec<String>) -> Vec<String> {
    let Some(run) = args.iter().position(|a| a == "run") else {
        return args;
    };
    let flags = args[run + 1..]
        .iter()
        .take_while(|a| a.starts_with('-') && *a != "-");
    if let Some(i) = flags
        .into_iter()
        .position(|a| a == "-race" || a == "--race")
    {
        args.remove(run + 1 + i);
        gol::race::enable();
    }
    args
}

/// `RLIMIT_AS` (bytes; `u64::MAX` when unlimited).
fn address_space_limit() -> u64 {
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: `rl` is a valid out-pointer for getrlimit.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) } != 0
        || rl.rlim_cur == libc::RLIM_INFINITY
    {
        return u64::MAX;
    }
    rl.rlim_cur
}

fn dispatch(cli: Cli) -> i32 {
    match cli.command {
        None | Some(Command::Repl) => {
            limits::start_watchdog();
            use std::io::IsTerminal;
            gol::repl::run(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())
        }
        Some(Command::Std { package }) => {
            let (text, code) = driver::std_report(package.as_deref());
            if code == 0 {
                print!("{text}");
            } else {
                eprint!("{text}");
            }
            code
        }
        Some(Command::Test { args }) => gol::gotest::run(&args),
        Some(Command::Version) => {
            println!("gol {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Some(Command::Tokens { file }) => with_source(&file, |src, diags| {
            print!("{}", driver::dump_tokens(src));
            if driver::report(src, &diags) {
                driver::EXIT_COMPILE_ERROR
            } else {
                0
            }
        }),
        Some(Command::Disasm { file }) => with_source(&file, |src, diags| {
            let (prog, diags) = driver::build(src, diags);
            driver::report(src, &diags);
            match prog {
                Some(p) => {
                    print!("{}", gol::bytecode::disasm::disasm(&p));
                    0
                }
                None => driver::EXIT_COMPILE_ERROR,
            }
        }),
        Some(Command::Ast { file }) => with_source(&file, |src, diags| {
            let (ast, diags) = driver::parse(src, diags);
            driver::report(src, &diags);
            match ast {
                Some(f) => {
                    print!("{}", gol::printer::print_file(src, &f));
                    0
                }
                None => driver::EXIT_COMPILE_ERROR,
            }
        }),
        Some(Command::Check {
            file,
            parse_only: true,
        }) => with_source(&file, |src, diags| {
            let (ast, diags) = driver::parse(src, diags);
            driver::report(src, &diags);
            if ast.is_some() {
                0
            } else {
                driver::EXIT_COMPILE_ERROR
            }
        }),
        Some(Command::Check {
            file,
            parse_only: false,
        }) => with_source(&file, |src, diags| {
            let (ok, diags) = driver::check(src, diags);
            driver::report(src, &diags);
            if ok {
                0
            } else {
                driver::EXIT_COMPILE_ERROR
            }
        }),
        Some(Command::Trace {
            file,
            out,
            format,
            args,
        }) => {
            gol::runtime::events::enable();
            // The leak report is always on in a trace (issue 18): a learner sees the
            // goroutines blocked forever beside the lanes that show them.
            gol::runtime::leaks::enable();
            let code = run_file(&file, args);
            let format = match format.as_str() {
                "json" => gol::trace::Format::Json,
                _ => gol::trace::Format::Html,
            };
            if let Err(msg) = gol::trace::finish(&file, out.as_deref(), format) {
                eprintln!("gol: {msg}");
            }
            code
        }
        Some(Command::Explore {
            file,
            runs,
            strategy,
            jobs,
        }) => gol::explore::run(&file, runs, &strategy, jobs),
        Some(Command::Run {
            file,
            args,
            seed,
            strategy,
            leaks,
        }) => {
            if let Err(msg) = gol::explore::configure(seed, strategy.as_deref(), leaks) {
                eprintln!("gol: {msg}");
                return 2;
            }
            run_file(&file, args)
        }
    }
}

/// `gol run FILE ARGS` (also what `gol trace` runs).
fn run_file(file: &str, args: Vec<String>) -> i32 {
    with_source(file, |src, diags| {
        let not_main = driver::main_package_error(src);
        if let Some(msg) = not_main.as_ref().filter(|m| m.starts_with("package ")) {
            eprintln!("{msg}"); // found when Go loads the package, before compiling it
            return driver::EXIT_COMPILE_ERROR;
        }
        let (prog, diags) = driver::build(src, diags);
        driver::report(src, &diags);
        let Some(prog) = prog else {
            return driver::EXIT_COMPILE_ERROR;
        };
        if let Some(msg) = not_main {
            eprintln!("{msg}"); // found by Go's linker, after compiling
            return driver::EXIT_COMPILE_ERROR;
        }
        let mut argv = vec![file.to_string()];
        argv.extend(args.iter().cloned());
        limits::start_watchdog();
        gol::race::finish(driver::execute(prog, argv))
    })
}

fn with_source(
    path: &str,
    f: impl FnOnce(&mut gol::span::Source, Vec<gol::diag::Diagnostic>) -> i32,
) -> i32 {
    match driver::load(path) {
        Ok((mut src, diags)) => f(&mut src, diags),
        Err(msg) => {
            eprintln!("gol: {msg}");
            driver::EXIT_COMPILE_ERROR
        }
    }
}
