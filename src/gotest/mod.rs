//! `gol test [FLAGS] [FILES or DIR]`: Go's `go test` for one package. Input: the command
//! line. Output: what `go test` prints (the test program's output, then `ok  \tPKG\t0.012s`
//! or `FAIL\tPKG\t0.012s`) and its exit status.
//!
//! As `go test` runs a test binary, gol runs the test program in a child process (`gol test`
//! re-executed with the hidden first argument `--exec`), whose stdout and stderr share one
//! pipe: the parent streams it (`-v`, `-bench`) or keeps it and shows it only on failure.
//! The child builds the package with its generated main (`gen.rs`) and runs it with the
//! flags as `-test.NAME=VALUE` arguments, which package testing (`stdlib/testing/`) reads.

mod gen;

use gen::{Entries, PkgFile};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The child's exit status when the package did not build (its output is the diagnostics).
const BUILD_FAILED: i32 = 125;

/// Flags `go test` knows: (name, takes a value).
const FLAGS: &[(&str, bool)] = &[
    ("v", false),
    ("short", false),
    ("benchmem", false),
    ("failfast", false),
    ("race", false),
    ("run", true),
    ("skip", true),
    ("bench", true),
    ("benchtime", true),
    ("count", true),
    ("timeout", true),
    ("shuffle", true),
    ("cpu", true),
    ("parallel", true),
];

/// The parsed command line.
struct Cmd {
    /// (flag, value) in order, for the test program.
    flags: Vec<(String, String)>,
    paths: Vec<String>,
    exec: bool,
}

fn parse_args(args: &[String]) -> Result<Cmd, String> {
    let mut cmd = Cmd {
        flags: Vec::new(),
        paths: Vec::new(),
        exec: false,
    };
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--exec" && i == 1 {
            cmd.exec = true;
            continue;
        }
        if !a.starts_with('-') || a == "-" {
            cmd.paths.push(a.clone());
            continue;
        }
        let body = a.trim_start_matches('-');
        let body = body.strip_prefix("test.").unwrap_or(body);
        let (name, val) = match body.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (body, None),
        };
        let Some(&(_, takes)) = FLAGS.iter().find(|(n, _)| *n == name) else {
            return Err(format!("flag provided but not defined: -{name}"));
        };
        let val = match (val, takes) {
            (Some(v), _) => v,
            (None, false) => "true".into(),
            (None, true) => {
                let Some(v) = args.get(i) else {
                    return Err(format!("flag needs an argument: -{name}"));
                };
                i += 1;
                v.clone()
            }
        };
        cmd.flags.push((name.to_string(), val));
    }
    Ok(cmd)
}

impl Cmd {
    fn has(&self, name: &str) -> bool {
        self.flags
            .iter()
            .any(|(n, v)| n == name && v != "false" && !v.is_empty())
    }
}

/// The files of the package to test: (its name as go test prints it, files). `Err` is a
/// message for `go test`'s error line.
fn package_files(paths: &[String]) -> Result<(String, Vec<PkgFile>, bool), String> {
    let named_files = !paths.is_empty() && paths.iter().all(|p| !Path::new(p).is_dir());
    let (dir, mut list): (PathBuf, Vec<PathBuf>) = if named_files {
        let list: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        let dir = list[0]
            .parent()
            .map_or(PathBuf::from("."), Path::to_path_buf);
        (dir, list)
    } else {
        if paths.len() > 1 {
            return Err("gol test: test one package (directory) at a time".into());
        }
        let dir = PathBuf::from(paths.first().map_or(".", |s| s.as_str()));
        let rd = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut list: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                (n.ends_with(".go") || n.ends_with(".gol"))
                    && !n.starts_with('.')
                    && !n.starts_with('_')
                    && p.is_file()
            })
            .collect();
        list.sort();
        (dir, list)
    };
    let pkg = if named_files {
        "command-line-arguments".to_string()
    } else {
        package_path(&dir)
    };
    if list.is_empty() {
        return Err(format!(
            "no Go files in {}",
            std::fs::canonicalize(&dir).unwrap_or(dir).display()
        ));
    }
    // Package files first, then test files (the generated main is appended last).
    list.sort_by_key(|p| is_test_file(p));
    let mut files = Vec::new();
    for p in list {
        let text = std::fs::read_to_string(&p).map_err(|e| format!("open {}: {e}", p.display()))?;
        let base = p.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        files.push(PkgFile {
            name: format!("./{base}"),
            is_test: is_test_file(&p),
            path: std::fs::canonicalize(&p).unwrap_or(p.clone()),
            text,
        });
    }
    let any_test = files.iter().any(|f| f.is_test);
    Ok((pkg, files, any_test))
}

fn is_test_file(p: &Path) -> bool {
    let n = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    n.ends_with("_test.go") || n.ends_with("_test.gol")
}

/// The import path go test prints: the module path from the nearest go.mod plus the
/// directory below it; without a go.mod, the directory's name.
fn package_path(dir: &Path) -> String {
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut d = abs.as_path();
    loop {
        if let Ok(text) = std::fs::read_to_string(d.join("go.mod")) {
            let module = text.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("module")
                    .map(|m| m.trim().trim_matches('"').to_string())
            });
            if let Some(m) = module {
                let rel = abs.strip_prefix(d).unwrap_or(Path::new(""));
                return if rel.as_os_str().is_empty() {
                    m
                } else {
                    format!("{m}/{}", rel.display())
                };
            }
        }
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    abs.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("command-line-arguments")
        .to_string()
}

/// `gol test ARGS`: the exit status.
pub fn run(args: &[String]) -> i32 {
    let cmd = match parse_args(args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}\nusage: gol test [-v] [-run regexp] [-bench regexp] [flags] [files or directory]");
            return 2;
        }
    };
    let (pkg, files, any_test) = match package_files(&cmd.paths) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("{msg}");
            return 1;
        }
    };
    if cmd.exec {
        return exec_child(&cmd, &pkg, files);
    }
    if !any_test {
        println!("?   \t{pkg}\t[no test files]");
        return 0;
    }
    run_parent(&cmd, &pkg, args)
}

/// The parent: runs the child, shows its output as go test does, adds the summary line.
fn run_parent(cmd: &Cmd, pkg: &str, args: &[String]) -> i32 {
    // go test streams the test's output in local directory mode (no package named) and when
    // benchmarking; otherwise it shows it only on failure or with -v.
    let stream = cmd.paths.is_empty()
        || cmd.has("v")
        || cmd.flags.iter().any(|(n, v)| n == "bench" && !v.is_empty());
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("gol test: cannot find gol itself: {e}");
            return 1;
        }
    };
    let (mut reader, writer) = match std::io::pipe() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("gol test: {e}");
            return 1;
        }
    };
    let report = std::env::temp_dir().join(format!("gol-test-{}.build", std::process::id()));
    let _ = std::fs::remove_file(&report);
    let start = std::time::Instant::now();
    let child = std::process::Command::new(exe)
        .env(REPORT_ENV, &report)
        .arg("test")
        .arg("--exec")
        .args(args)
        .stdin(std::process::Stdio::inherit())
        .stdout(writer.try_clone().expect("pipe"))
        .stderr(writer)
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            eprintln!("gol test: {e}");
            return 1;
        }
    };
    let mut out = Vec::new();
    let mut buf = [0u8; 8192];
    let mut stdout = std::io::stdout();
    loop {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if stream {
                    let _ = stdout.write_all(&buf[..n]);
                    let _ = stdout.flush();
                }
            }
        }
    }
    let status = child.wait().map(|s| s.code().unwrap_or(2)).unwrap_or(2);
    let secs = start.elapsed().as_secs_f64();
    let text = String::from_utf8_lossy(&out).into_owned();
    if status == BUILD_FAILED {
        let text = std::fs::read_to_string(&report).unwrap_or_default();
        let _ = std::fs::remove_file(&report);
        let header = if text.contains("_test.go") || text.contains("_test.gol") {
            format!("# {pkg} [{}.test]\n", pkg.rsplit('/').next().unwrap_or(pkg))
        } else {
            format!("# {pkg}\n")
        };
        let (header, tail) = if text.starts_with("#setup\n") {
            (format!("# {pkg}\n"), "setup failed")
        } else {
            (header, "build failed")
        };
        let body = text.strip_prefix("#setup\n").unwrap_or(&text);
        print!("{header}{body}");
        println!("FAIL\t{pkg} [{tail}]");
        return 1;
    }
    let mut so = stdout.lock();
    if status == 0 {
        let norun = if text.contains("testing: warning: no tests to run") {
            " [no tests to run]"
        } else {
            ""
        };
        if stream && !text.is_empty() && !text.ends_with('\n') {
            let _ = so.write_all(b"\n");
        }
        let _ = writeln!(so, "ok  \t{pkg}\t{secs:.3}s{norun}");
        return 0;
    }
    if !stream {
        let _ = so.write_all(text.as_bytes());
    }
    if !text.is_empty() && !text.ends_with('\n') {
        let _ = so.write_all(b"\n");
    }
    // gol's runtime already ends a panic's report with `go run`'s `exit status 2` line.
    if !text.ends_with(&format!("exit status {status}\n")) {
        let _ = writeln!(so, "exit status {status}");
    }
    let _ = writeln!(so, "FAIL\t{pkg}\t{secs:.3}s");
    1
}

/// The child's build failure: its text goes to the file the parent named (not to the shared
/// pipe, which the parent may be streaming), and the status says so.
fn build_failed(text: &str) -> i32 {
    match std::env::var_os(REPORT_ENV) {
        Some(p) => {
            let _ = std::fs::write(p, text);
        }
        None => eprint!("{text}"),
    }
    BUILD_FAILED
}

/// The environment variable naming the file for the child's build report.
const REPORT_ENV: &str = "GOL_TEST_BUILD_REPORT";

/// The child: builds the package with its test main and runs it.
fn exec_child(cmd: &Cmd, pkg: &str, mut files: Vec<PkgFile>) -> i32 {
    let mut entries = Entries::default();
    // Test functions: from the `_test` files, each parsed on its own (positions are its own).
    for f in files.iter().filter(|f| f.is_test) {
        let src = crate::span::Source::new(f.name.clone(), f.text.clone());
        let Some(parsed) = crate::parser::parse(&f.text).file else {
            continue; // reported by the build below
        };
        if let Err(e) = gen::collect(&parsed, f, &src, &mut entries) {
            return build_failed(&format!(
                "#setup\n{}:{}:{}: {}\n",
                e.path, e.line, e.col, e.msg
            ));
        }
    }
    if let Some(p) = external_package(&files) {
        return build_failed(&format!(
            "gol test: external test packages are not supported yet (package {p})\n"
        ));
    }
    files.push(PkgFile {
        name: "_testmain.go".into(),
        path: PathBuf::from("_testmain.go"),
        text: gen::test_main(&entries),
        is_test: false,
    });
    let (mut src, file, mut diags) = gen::assemble(&files);
    let style = crate::diag::render::Style::PLAIN;
    let Some(mut file) = file else {
        return build_failed(&crate::diag::render::render_all(&src, &diags, style));
    };
    diags.extend(crate::link::link(&mut file, &mut src));
    let checked = crate::types::check(&file, &src);
    diags.extend(checked.diags);
    diags.sort_by_key(|d| d.span().lo);
    if diags
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error)
        || !checked.info.limits.is_empty()
    {
        diags.extend(checked.info.limits);
        return build_failed(&crate::diag::render::render_all(&src, &diags, style));
    }
    let prog =
        match crate::compiler::compile(&file, &checked.info, checked.types, &checked.std, &src) {
            Ok(p) => p,
            Err(d) => {
                return build_failed(&crate::diag::render::render_all(&src, &[d], style));
            }
        };
    let _ = std::io::stdout().flush();
    let mut argv = vec![format!("{}.test", pkg.rsplit('/').next().unwrap_or(pkg))];
    let mut timeout = "10m0s".to_string();
    for (n, v) in &cmd.flags {
        match n.as_str() {
            "timeout" => timeout = v.clone(),
            "race" => {}
            _ => argv.push(format!("-test.{n}={v}")),
        }
    }
    argv.push(format!("-test.timeout={timeout}"));
    argv.push(format!("-test.gol.pkg={pkg}"));
    crate::runtime::limits::start_watchdog();
    crate::driver::execute(prog, argv)
}

/// The package name of an external test file (`package foo_test`), if any.
fn external_package(files: &[PkgFile]) -> Option<String> {
    let name_of = |f: &PkgFile| {
        crate::parser::parse(&f.text)
            .file
            .and_then(|p| p.package.map(|i| i.name))
    };
    let base = files.iter().find(|f| !f.is_test).and_then(name_of);
    for f in files.iter().filter(|f| f.is_test) {
        if let Some(n) = name_of(f) {
            if n.ends_with("_test") && base.as_deref() != Some(n.as_str()) {
                return Some(n);
            }
        }
    }
    None
}
