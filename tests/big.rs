//! Large generated programs: ids past 16 bits (functions, globals, string constants, locals,
//! array literal indexes) and the checker's scaling (a 70,000-case switch, a 100,000-key map
//! literal). In: sizes; the programs are generated here (`tools/gen_big.py` writes the same
//! ones for the Go oracle, which printed the same outputs). Out: `gol run`'s stdout must equal
//! the output computed from the size.

use std::fmt::Write as _;
use std::process::Command;

const GOL: &str = env!("CARGO_BIN_EXE_gol");

fn run(name: &str, src: &str) -> String {
    let dir = std::env::temp_dir().join(format!("gol-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.gol"));
    std::fs::write(&path, src).expect("write program");
    let out = Command::new(GOL)
        .arg("run")
        .arg(&path)
        .output()
        .expect("gol runs");
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "{name}: exit {:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

const HEAD: &str = "package main\n\nimport \"fmt\"\n\n";

#[test]
fn hundred_thousand_functions() {
    let n = 100_000;
    let mut s = HEAD.to_string();
    for i in 0..n {
        writeln!(s, "func f{i}() int {{ return {} }}", i % 7).unwrap();
    }
    s.push_str("func main() {\n\ts := 0\n");
    for i in 0..n {
        writeln!(s, "\ts += f{i}()").unwrap();
    }
    s.push_str("\tfmt.Println(s)\n}\n");
    let want: u64 = (0..n).map(|i| i % 7).sum();
    assert_eq!(run("funcs", &s), format!("{want}\n"));
}

#[test]
fn seventy_thousand_globals() {
    let n = 70_000;
    let mut s = HEAD.to_string();
    for i in 0..n {
        writeln!(s, "var g{i} = {}", i % 5).unwrap();
    }
    s.push_str("func main() {\n\ts := 0\n");
    for i in 0..n {
        writeln!(s, "\ts += g{i}").unwrap();
    }
    s.push_str("\tfmt.Println(s, g69999)\n}\n");
    let want: u64 = (0..n).map(|i| i % 5).sum();
    assert_eq!(run("globals", &s), format!("{want} 4\n"));
}

#[test]
fn hundred_thousand_string_constants() {
    let n = 100_000;
    let mut s = HEAD.to_string();
    s.push_str("func l(s string) int { return len(s) }\nfunc main() {\n\tt := 0\n");
    for i in 0..n {
        writeln!(s, "\tt += l(\"s{i}\")").unwrap();
    }
    writeln!(s, "\tfmt.Println(t, \"s0\", \"s{}\")\n}}", n - 1).unwrap();
    let want: usize = (0..n).map(|i| format!("s{i}").len()).sum();
    assert_eq!(run("strings", &s), format!("{want} s0 s{}\n", n - 1));
}

#[test]
fn hundred_thousand_locals() {
    let n = 100_000;
    let mut s = HEAD.to_string();
    s.push_str("func main() {\n\tvar ");
    let names: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    s.push_str(&names.join(", "));
    s.push_str(" int\n");
    for i in 0..n {
        writeln!(s, "\tv{i} = {}", i % 3).unwrap();
    }
    s.push_str("\ts := 0\n");
    for i in 0..n {
        writeln!(s, "\ts += v{i}").unwrap();
    }
    s.push_str("\tfmt.Println(s)\n}\n");
    let want: u64 = (0..n).map(|i| i % 3).sum();
    assert_eq!(run("locals", &s), format!("{want}\n"));
}

/// Spilled locals keep Go's semantics: addresses, closures, aggregates, per-iteration loop
/// variables, redeclaration by `:=`, defer and recover (output checked with the Go oracle).
#[test]
fn spilled_locals_behave() {
    let n = 40_000;
    let names: Vec<String> = (0..n).map(|i| format!("v{i}")).collect();
    let mut s = HEAD.to_string();
    s.push_str("type P struct{ a, b int }\n\nfunc main() {\n\tvar ");
    s.push_str(&names.join(", "));
    s.push_str(" int\n\tv39999 = 3\n\t_ = []int{");
    s.push_str(&names.join(", "));
    s.push_str(
        "}
	x := 5
	p := &x
	*p = 7
	s := [3]int{1, 2, 3}
	t := s
	t[0] = 9
	q := P{1, 2}
	q.b = 4
	pq := &q
	pq.a = 8
	f := func() int { x++; return x + s[1] + q.a }
	fmt.Println(x, f(), x, s, t, q, v39999, v0)
	var fs []func() int
	for i := 0; i < 3; i++ {
		fs = append(fs, func() int { return i })
	}
	for _, g := range fs {
		fmt.Print(g(), \" \")
	}
	sum := 0
	for i := range 10 {
		sum += i
	}
	m := map[string]int{\"a\": 1}
	m[\"b\"] += 2
	a, b := 1, \"s\"
	a, c := 2, 3.5
	fmt.Println(sum, len(m), a, b, c)
	defer func() { fmt.Println(\"deferred\", x, recover()) }()
	var arr []int
	_ = arr[v0+5]
}
",
    );
    assert_eq!(
        run("spill", &s),
        "8 18 8 [1 2 3] [9 2 3] {8 4} 3 0\n0 1 2 45 2 2 s 3.5\n\
         deferred 8 runtime error: index out of range [5] with length 0\n"
    );
}

#[test]
fn array_literal_index_past_65535() {
    let s = format!(
        "{HEAD}var a = [100000]int{{70000: 5, 99999: 7, 3: 1}}\n\nfunc main() {{\n\
         \tb := [80000]string{{65536: \"x\", 1: \"y\"}}\n\
         \tfmt.Println(a[70000], a[99999], a[3], a[4464], b[65536], b[0], b[1], len(b))\n}}\n"
    );
    assert_eq!(run("arr", &s), "5 7 1 0 x  y 80000\n");
}

#[test]
fn seventy_thousand_case_switch() {
    let n = 70_000;
    let mut s = HEAD.to_string();
    s.push_str("func f(x int) int {\n\tswitch x {\n");
    for i in 0..n {
        writeln!(s, "\tcase {i}:\n\t\treturn {}", i % 11).unwrap();
    }
    writeln!(
        s,
        "\t}}\n\treturn -1\n}}\nfunc main() {{\n\ts := 0\n\tfor i := 0; i <= {n}; i += 7 {{\n\
         \t\ts += f(i)\n\t}}\n\tfmt.Println(s)\n}}"
    )
    .unwrap();
    let want: i64 = (0..=n)
        .step_by(7)
        .map(|i| if i < n { i % 11 } else { -1 })
        .sum();
    assert_eq!(run("switch", &s), format!("{want}\n"));
}

#[test]
fn hundred_thousand_key_map_literal() {
    let n = 100_000;
    let mut s = HEAD.to_string();
    s.push_str("var m = map[int]int{\n");
    for i in 0..n {
        writeln!(s, "\t{i}: {},", i % 13).unwrap();
    }
    s.push_str("}\n\nfunc main() {\n\ts := 0\n\tfor _, v := range m {\n\t\ts += v\n\t}\n");
    s.push_str("\tfmt.Println(len(m), s)\n}\n");
    let want: u64 = (0..n).map(|i| i % 13).sum();
    assert_eq!(run("maplit", &s), format!("{n} {want}\n"));
}
