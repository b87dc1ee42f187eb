//! `GOL_SCHEDSTATS=1`, tested on the `gol` binary: a small concurrent program goes in; out
//! comes its usual stdout, and on stderr the counters' table (checked for its shape: every
//! lock and event named once with a number, never for the numbers themselves, which depend on
//! scheduling). Without the variable, stderr stays empty.

use std::process::Command;

const PROGRAM: &str = r#"package main

import (
	"fmt"
	"sync"
)

func main() {
	ping := make(chan int)
	pong := make(chan int)
	go func() {
		for v := range ping {
			pong <- v + 1
		}
		close(pong)
	}()
	sum := 0
	for i := 0; i < 100; i++ {
		ping <- i
		sum += <-pong
	}
	close(ping)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			sum++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(sum)
}
"#;

fn run(stats: Option<&str>) -> (String, String, i32) {
    let dir = std::env::temp_dir().join(format!("gol-schedstats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("pingpong.gol");
    std::fs::write(&path, PROGRAM).unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gol"));
    cmd.arg("run").arg(&path).env_remove("GOL_SCHEDSTATS");
    if let Some(v) = stats {
        cmd.env("GOL_SCHEDSTATS", v);
    }
    let out = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn schedstats_prints_every_counter_at_exit() {
    let (stdout, stderr, code) = run(Some("1"));
    assert_eq!(code, 0, "stderr: {stderr}");
    assert_eq!(stdout, "5054\n");
    let mut lines = stderr.lines();
    assert_eq!(lines.next(), Some("gol schedstats:"), "stderr: {stderr}");
    let rest: Vec<&str> = lines.collect();
    let locks = ["sched (global)", "chan", "sync", "ctl", "g slot", "stdout"];
    let events = [
        "steals",
        "global queue takes",
        "parks",
        "handoffs",
        "spawns",
    ];
    assert_eq!(rest.len(), locks.len() + events.len(), "stderr: {stderr}");
    for (line, name) in rest.iter().zip(locks) {
        let tail = line
            .strip_prefix(&format!("  lock {name}: "))
            .unwrap_or_else(|| panic!("lock line {line:?} for {name}"));
        let words: Vec<&str> = tail.split(' ').collect();
        assert_eq!(words.len(), 4, "{line}");
        assert!(words[0].parse::<u64>().is_ok(), "{line}");
        assert_eq!(words[1], "acquisitions,", "{line}");
        assert!(words[2].parse::<u64>().is_ok(), "{line}");
        assert_eq!(words[3], "contended", "{line}");
    }
    for (line, name) in rest[locks.len()..].iter().zip(events) {
        let n = line
            .strip_prefix(&format!("  {name}: "))
            .unwrap_or_else(|| panic!("event line {line:?} for {name}"));
        assert!(n.parse::<u64>().is_ok(), "{line}");
    }
    // Channel operations happened and were counted: the switch really counts.
    let chan: u64 = rest[1]
        .split(' ')
        .nth(4)
        .and_then(|w| w.parse().ok())
        .unwrap();
    assert!(chan >= 200, "{}", rest[1]);
}

#[test]
fn schedstats_off_prints_nothing() {
    for v in [None, Some("0"), Some("")] {
        let (stdout, stderr, code) = run(v);
        assert_eq!((stdout.as_str(), stderr.as_str(), code), ("5054\n", "", 0));
    }
}
