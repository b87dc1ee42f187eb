//! Deterministic schedules, schedule exploration and leak reports (issue 18). Input: the
//! programs under tests/explore/. Output: pass/fail of what `gol run --seed`, `gol explore` and
//! `gol run --leaks` must do: the same seed gives the same output whatever GOMAXPROCS says,
//! seeds reach different orders, virtual time makes sleeping free, exploration finds each
//! seeded bug and its seed replays it, leak reports name exactly the leaked goroutines.
//! No timing is asserted except a loose bound on a ten-second sleep under virtual time.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;

const GOL: &str = env!("CARGO_BIN_EXE_gol");

fn prog(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/explore")
        .join(name)
}

/// `gol ARGS` in tests/explore/: (exit code, stdout, stderr).
fn gol(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let out = Command::new(GOL)
        .args(args)
        .current_dir(prog(""))
        .envs(env.iter().copied())
        .output()
        .expect("gol runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn same_seed_same_output_at_any_gomaxprocs() {
    let first = gol(&["run", "--seed", "7", "order.gol"], &[]);
    assert_eq!(first.0, 0, "{}", first.2);
    for procs in ["1", "2", "8"] {
        for _ in 0..20 {
            let again = gol(
                &["run", "--seed", "7", "order.gol"],
                &[("GOMAXPROCS", procs)],
            );
            assert_eq!(again, first, "GOMAXPROCS={procs}");
        }
    }
}

#[test]
fn seeds_reach_different_orders() {
    let outputs: HashSet<String> = (0..100)
        .map(|s| gol(&["run", "--seed", &s.to_string(), "order.gol"], &[]).1)
        .collect();
    assert!(outputs.len() >= 3, "only {} distinct orders", outputs.len());
}

#[test]
fn virtual_time_makes_sleeping_free() {
    let t = std::time::Instant::now();
    let (code, out, err) = gol(&["run", "--seed", "1", "sleep10.gol"], &[]);
    let took = t.elapsed();
    assert_eq!(code, 0, "{err}");
    // Go's output (checked with the oracle).
    assert_eq!(
        out,
        "slept\ntick 1\ntick 2\ntick 3\nworker done\nelapsed 10s\n"
    );
    // Loose: ten seconds of sleeping must not be waited for (not a timing benchmark).
    assert!(took.as_secs() < 5, "took {took:?}");
}

/// Explores `file` with PCT; returns the replay seed of the first outcome (in table order)
/// whose block satisfies `bad`, after checking that the exploration saw several outcomes.
fn explore_finds(file: &str, bad: impl Fn(&str) -> bool) -> String {
    let (code, table, err) = gol(
        &[
            "explore",
            "--runs",
            "1000",
            "--strategy",
            "pct",
            "--jobs",
            "2",
            file,
        ],
        &[],
    );
    assert_eq!(code, 1, "{file}: one outcome only?\n{table}{err}");
    let block = table
        .split("\n#")
        .skip(1)
        .find(|b| bad(b))
        .unwrap_or_else(|| panic!("{file}: the bad outcome was not found:\n{table}"));
    let replay = block
        .lines()
        .find_map(|l| l.trim().strip_prefix("replay: gol run --seed "))
        .expect("a replay line");
    replay.split_whitespace().next().unwrap().to_string()
}

/// Replays `seed` three times: each run must show the bad outcome.
fn replays(file: &str, seed: &str, bad: impl Fn(i32, &str, &str) -> bool) {
    for _ in 0..3 {
        let (code, out, err) = gol(&["run", "--seed", seed, "--strategy", "pct", file], &[]);
        assert!(
            bad(code, &out, &err),
            "{file} seed {seed}: {code} {out:?} {err:?}"
        );
    }
}

const DEADLOCK: &str = "fatal error: all goroutines are asleep - deadlock!";

#[test]
fn explore_finds_lock_order_inversion() {
    let seed = explore_finds("lock_order.gol", |b| b.contains(DEADLOCK));
    replays("lock_order.gol", &seed, |c, _, e| {
        c == 2 && e.starts_with(DEADLOCK)
    });
}

#[test]
fn explore_finds_cond_missed_wakeup() {
    let seed = explore_finds("cond_missed_wakeup.gol", |b| b.contains(DEADLOCK));
    replays("cond_missed_wakeup.gol", &seed, |c, _, e| {
        c == 2 && e.starts_with(DEADLOCK)
    });
}

#[test]
fn explore_finds_send_on_closed_channel() {
    let msg = "panic: send on closed channel";
    let seed = explore_finds("send_after_close.gol", |b| b.contains(msg));
    replays("send_after_close.gol", &seed, |c, _, e| {
        c == 2 && e.starts_with(msg)
    });
}

#[test]
fn explore_finds_waitgroup_add_race() {
    let short = |s: &str| {
        s.contains("\"done: 0\"") || s.contains("\"done: 1\"") || s.contains("\"done: 2\"")
    };
    let seed = explore_finds("waitgroup_add.gol", short);
    replays("waitgroup_add.gol", &seed, |c, o, _| {
        c == 0 && o.starts_with("done: ") && o != "done: 3\n"
    });
}

#[test]
fn explore_finds_starved_select_case() {
    let msg = "panic: quit starved";
    let seed = explore_finds("select_starve.gol", |b| b.contains(msg));
    replays("select_starve.gol", &seed, |c, _, e| {
        c == 2 && e.starts_with(msg)
    });
}

#[test]
fn explore_agrees_on_a_deterministic_program() {
    let (code, table, _) = gol(&["explore", "--runs", "20", "sleep10.gol"], &[]);
    assert_eq!(code, 0, "{table}");
    assert!(table.contains("1 distinct outcome"), "{table}");
}

/// Runs `file` with `--leaks`, without and with a seed: the report must be `want` exactly.
fn leaks(file: &str, want_out: &str, want_err: &str) {
    for extra in [&[][..], &["--seed", "3"][..]] {
        let mut args = vec!["run", "--leaks"];
        args.extend_from_slice(extra);
        args.push(file);
        let (code, out, err) = gol(&args, &[]);
        assert_eq!(code, 0, "{file} {extra:?}: {err}");
        assert_eq!(out, want_out, "{file} {extra:?}");
        assert_eq!(err, want_err, "{file} {extra:?}");
    }
}

#[test]
fn leak_forgotten_receiver() {
    leaks(
        "leak_receiver.gol",
        "main returns\n",
        "gol: 1 goroutine leaked (blocked forever):\n  goroutine 2 [chan receive]: \
         main.receive at leak_receiver.gol:10, created by main.main at leak_receiver.gol:16\n",
    );
}

#[test]
fn leak_producer_of_early_returning_consumer() {
    leaks(
        "leak_producer.gol",
        "4\n",
        "gol: 1 goroutine leaked (blocked forever):\n  goroutine 2 [chan send]: \
         main.produce at leak_producer.gol:12, created by main.firstOver at leak_producer.gol:19\n",
    );
}

#[test]
fn leak_partial_deadlock_reported_while_main_runs() {
    // The report comes from the collection main asks for, before main's last line.
    let (code, out, err) = gol(&["run", "--leaks", "--seed", "5", "leak_partial.gol"], &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "main goes on\n");
    assert_eq!(
        err,
        "gol: 2 goroutines leaked (blocked forever):\n  goroutine 5 [chan receive]: \
         main.pair.func1 at leak_partial.gol:17, created by main.pair at leak_partial.gol:16\n  \
         goroutine 6 [chan receive]: main.pair.func2 at leak_partial.gol:21, created by \
         main.pair at leak_partial.gol:20\n"
    );
    leaks("leak_partial.gol", "main goes on\n", &err);
}

#[test]
fn leak_report_only_with_the_flag() {
    let (code, out, err) = gol(&["run", "leak_receiver.gol"], &[]);
    assert_eq!(
        (code, out.as_str(), err.as_str()),
        (0, "main returns\n", "")
    );
}

/// `--leaks` over every `// run` program under tests/programs/conc/ (but stress/): nothing
/// may be reported for a program that leaks nothing, which is all of them but those listed in
/// tests/explore/leaky-conc.txt (checked against their code: goroutines really blocked
/// forever when main returns).
#[test]
fn no_false_leak_reports_in_conc_programs() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/programs/conc");
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                if !p.ends_with("stress") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "gol") {
                files.push(p);
            }
        }
    }
    files.sort();
    let leaky = leaky_programs();
    let mut reported = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if !text.starts_with("// run") || text.contains("// stdin:") {
            continue;
        }
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        // A listed program's goroutines may still be runnable when main returns (then they
        // are not reported): only the programs that leak nothing are checked, with and
        // without a seed.
        if leaky.contains(&name.as_str()) {
            continue;
        }
        for extra in [&[][..], &["--seed", "1"][..]] {
            let out = Command::new(GOL)
                .args(["run", "--leaks"])
                .args(extra)
                .arg(&f)
                .stdin(std::process::Stdio::null())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            if err
                .lines()
                .any(|l| l.ends_with("leaked (blocked forever):"))
            {
                reported.push(format!("{name} {extra:?}: {err}"));
            }
        }
    }
    assert!(reported.is_empty(), "{}", reported.join("\n"));
}

/// Programs under conc/ whose goroutines really are blocked forever at exit (reported when
/// they have parked by then).
fn leaky_programs() -> HashSet<&'static str> {
    include_str!("explore/leaky-conc.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}
