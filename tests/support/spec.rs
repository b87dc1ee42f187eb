//! The test-file format of tests/README.md, parsed: directive, header lines, `// Output:` block
//! and `// ERROR "regexp"` comments; and the matching of a compiler's error lines against them.
//! Shared by the harness and the snapshot tests (as a `#[path]` module).

#![allow(dead_code)]

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Directive {
    Run,
    ErrorCheck,
}

#[derive(Debug)]
pub struct Spec {
    pub directive: Directive,
    pub exit: Option<i32>,
    pub stderr: Option<String>,
    pub env: Vec<(String, String)>,
    /// `// flags: ...`: options for `gol run`, before the file (`--seed 7`, `--leaks`).
    pub flags: Vec<String>,
    /// The program's standard input: the `// stdin: TEXT` lines' texts, unescaped, in order.
    pub stdin: String,
    pub output: String,
    /// (line, regexps) for every line with an `// ERROR` comment.
    pub errors: Vec<(usize, Vec<String>)>,
    /// `// race: A B` lines (the two source lines of each race `-race` must report, in either
    /// order) or `// race: none`: the program runs under `gol run -race`.
    pub race: Option<Vec<(usize, usize)>>,
}

impl Spec {
    pub fn parse(text: &str) -> Result<Spec, String> {
        let first = text.lines().next().unwrap_or("").trim();
        let directive = match first {
            "// run" => Directive::Run,
            "// errorcheck" => Directive::ErrorCheck,
            other => return Err(format!("unknown directive line {other:?}")),
        };
        let mut spec = Spec {
            directive,
            exit: None,
            stderr: None,
            env: vec![],
            flags: vec![],
            stdin: String::new(),
            output: String::new(),
            errors: vec![],
            race: None,
        };
        let lines: Vec<&str> = text.lines().collect();
        let mut output_at = None;
        for (i, line) in lines.iter().enumerate() {
            let t = line.trim();
            if let Some(v) = t.strip_prefix("// exit:") {
                spec.exit = Some(
                    v.trim()
                        .parse()
                        .map_err(|_| format!("bad exit line {t:?}"))?,
                );
            } else if let Some(v) = t.strip_prefix("// stderr: ") {
                spec.stderr.get_or_insert_with(|| v.to_string());
            } else if let Some(v) = t.strip_prefix("// env:") {
                for kv in v.split_whitespace() {
                    if let Some((k, v)) = kv.split_once('=') {
                        spec.env.push((k.to_string(), v.to_string()));
                    }
                }
            } else if let Some(v) = t.strip_prefix("// race:") {
                let pairs = spec.race.get_or_insert_with(Vec::new);
                let v = v.trim();
                if v != "none" {
                    let ns: Vec<usize> = v
                        .split_whitespace()
                        .filter_map(|n| n.parse().ok())
                        .collect();
                    match ns[..] {
                        [a, b] => pairs.push((a.min(b), a.max(b))),
                        _ => return Err(format!("bad race line {t:?}")),
                    }
                }
            } else if let Some(v) = t.strip_prefix("// flags:") {
                spec.flags.extend(v.split_whitespace().map(String::from));
            } else if let Some(v) = t.strip_prefix("// stdin: ") {
                spec.stdin.push_str(&unescape(v));
            } else if t == "// Output:" {
                output_at = Some(i);
                break;
            }
            if let Some(pos) = line.find("// ERROR ") {
                let res = quoted(&line[pos + 9..]);
                if !res.is_empty() {
                    spec.errors.push((i + 1, res));
                }
            }
        }
        if let Some(at) = output_at {
            for line in &lines[at + 1..] {
                let body =
                    line.strip_prefix("// ")
                        .or_else(|| if *line == "//" { Some("") } else { None });
                match body {
                    Some(b) => {
                        spec.output.push_str(b);
                        spec.output.push('\n');
                    }
                    None => {
                        return Err(format!(
                            "line after // Output: is not an output line: {line:?}"
                        ))
                    }
                }
            }
        }
        Ok(spec)
    }

    /// Checks `FILE:LINE:COL: msg` lines in `stderr` against the `// ERROR` comments: every error
    /// must match a comment on its line, and every comment must be matched, except that after a
    /// syntax error the comments of later lines are optional (Go's parser reports follow-on errors
    /// that come from its own recovery; gol must report the first one, and nothing Go doesn't).
    pub fn match_errors(&self, stderr: &str) -> Result<(), String> {
        let mut got: Vec<(usize, String)> = Vec::new();
        for line in stderr.lines() {
            // Go's multi-line messages continue on tab-indented lines, some of which look like
            // positions themselves (`\t./main.go:6:6: other declaration of a`).
            if line.starts_with('\t') {
                continue;
            }
            let mut parts = line.splitn(4, ':');
            let (_file, l, c, msg) = (parts.next(), parts.next(), parts.next(), parts.next());
            if let (Some(l), Some(_c), Some(msg)) = (
                l.and_then(|l| l.parse::<usize>().ok()),
                c.and_then(|c| c.parse::<usize>().ok()),
                msg,
            ) {
                let msg = msg.trim_start().to_string();
                if msg != "too many errors" {
                    got.push((l, msg));
                }
            }
        }
        let mut problems = Vec::new();
        let mut used = vec![false; got.len()];
        for (line, res) in &self.errors {
            for re in res {
                let rx =
                    regex_lite::Regex::new(re).map_err(|e| format!("bad regexp {re:?}: {e}"))?;
                let hit = got
                    .iter()
                    .enumerate()
                    .find(|(i, (l, m))| !used[*i] && l == line && rx.is_match(m));
                let optional = self
                    .errors
                    .iter()
                    .any(|(l, r)| l < line && r.iter().any(|x| x.starts_with("syntax error")));
                match hit {
                    Some((i, _)) => used[i] = true,
                    None if optional => {}
                    None => {
                        let on_line: Vec<&String> = got
                            .iter()
                            .filter(|(l, _)| l == line)
                            .map(|(_, m)| m)
                            .collect();
                        problems.push(format!("line {line}: want /{re}/, got {on_line:?}"));
                    }
                }
            }
        }
        for (i, (l, m)) in got.iter().enumerate() {
            if !used[i] && !self.errors.iter().any(|(el, _)| el == l) {
                problems.push(format!("line {l}: unexpected error {m:?}"));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }
}

/// The quoted strings in `s` (Go test style: `"a" "b"`, backslash escapes kept for the regexp).
fn quoted(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            let mut j = i + 1;
            let mut cur: Vec<u8> = Vec::new();
            while j < b.len() && b[j] != b'"' {
                if b[j] == b'\\' && j + 1 < b.len() {
                    // `\"` is a quote inside the regexp; other escapes stay for the regexp engine.
                    if b[j + 1] == b'"' {
                        cur.push(b'"');
                    } else {
                        cur.extend_from_slice(&[b'\\', b[j + 1]]);
                    }
                    j += 2;
                    continue;
                }
                cur.push(b[j]);
                j += 1;
            }
            out.push(String::from_utf8_lossy(&cur).into_owned());
            i = j + 1;
        } else if b[i] == b' ' || b[i] == b'\t' {
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// A `// stdin:` text: `\n`, `\r`, `\t` and `\\` stand for a newline, a carriage return, a tab
/// and a backslash.
pub fn unescape(v: &str) -> String {
    let mut out = String::new();
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// The races a `-race` run reported on `stderr` (Go's or gol's format): for each report, the
/// lines in file `file` (a path ending) of the first frame of the current access's stack and of
/// the previous access's stack, as an ordered pair; and the `Found N data race(s)` count.
pub fn race_reports(stderr: &str, file: &str) -> (Vec<(usize, usize)>, Option<usize>) {
    let mut pairs = Vec::new();
    let mut found = None;
    let mut lines = stderr.lines().peekable();
    while let Some(l) = lines.next() {
        if let Some(n) = l
            .strip_prefix("Found ")
            .and_then(|r| r.strip_suffix(" data race(s)"))
        {
            found = n.parse().ok();
        }
        if l != "WARNING: DATA RACE" {
            continue;
        }
        // Two stacks: the access's, then "Previous ...".
        let mut firsts = Vec::new();
        let mut in_stack = false;
        for l in lines.by_ref() {
            if l.starts_with("==================") {
                break;
            }
            if l.ends_with(':') && (l.contains(" at 0x") || l.starts_with("Goroutine ")) {
                in_stack = l.contains(" at 0x");
                if in_stack {
                    firsts.push(None);
                }
                continue;
            }
            let t = l.trim();
            if in_stack && firsts.last() == Some(&None) {
                let t = t.split(" +0x").next().unwrap_or(t);
                if let Some((path, n)) = t.rsplit_once(':') {
                    if path.ends_with(file) {
                        if let Ok(n) = n.parse::<usize>() {
                            *firsts.last_mut().unwrap() = Some(n);
                        }
                    }
                }
            }
        }
        if let [Some(a), Some(b)] = firsts[..] {
            pairs.push((a.min(b), a.max(b)));
        } else {
            pairs.push((0, 0));
        }
    }
    (pairs, found)
}
