//! CLI: `gol run|check|tokens|ast|disasm|version FILE`, `gol [repl]` (the REPL). Argument parsing only; the work is in `driver`.
//! The front end and later passes recurse over the syntax tree, so everything runs on a thread
//! with a large stack (reserved virtual memory, touched only as deep input needs it).

use clap::{Parser, Subcommand};
use gol::driver;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "gol",
    about = "An interpreter for a Go-like concurrent language",
    version
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Compile and run a program (`-` reads it from stdin)
    Run {
        file: String,
        /// Arguments for the program (os.Args[1:])
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
    /// Print gol's version
    Version,
    /// Start the interactive REPL
    Repl,
}

/// Stack for the compiler thread. Recursion depth is bounded by the parser's nesting limit;
/// 1 GiB leaves room for every later pass at that depth.
const STACK_SIZE: usize = 1 << 30;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let worker = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(move || dispatch(cli));
    match worker.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code as u8),
        _ => {
            eprintln!("gol: internal error");
            ExitCode::from(3)
        }
    }
}

fn dispatch(cli: Cli) -> i32 {
    match cli.command {
        None | Some(Command::Repl) => {
            use std::io::IsTerminal;
            gol::repl::run(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())
        }
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
        Some(Command::Run { file, args }) => with_source(&file, |src, diags| {
            let (prog, diags) = driver::build(src, diags);
            driver::report(src, &diags);
            let Some(prog) = prog else {
                return driver::EXIT_COMPILE_ERROR;
            };
            let mut argv = vec![file.clone()];
            argv.extend(args.iter().cloned());
            driver::execute(prog, argv)
        }),
    }
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
