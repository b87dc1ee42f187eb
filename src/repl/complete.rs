//! REPL COMPLETION (rustyline helper). Input: the line being edited and the cursor. Output:
//! candidates for the word before the cursor — after `pkg.`, the package's members that gol
//! describes (`fmt.Pr<TAB>`); else keywords, predeclared names, package names, the session's
//! declared names (refreshed by the executor after each input) and, at the start of a line,
//! the `:` commands. Tab with no name character before the cursor inserts a tab.

use super::Names;
use rustyline::completion::Completer;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const PREDECLARED: &[&str] = &[
    "any", "append", "bool", "byte", "cap", "clear", "close", "copy", "delete", "error", "false",
    "float32", "float64", "int", "int16", "int32", "int64", "int8", "iota", "len", "make", "max",
    "min", "new", "nil", "panic", "print", "println", "recover", "rune", "string", "true", "uint",
    "uint16", "uint32", "uint64", "uint8", "uintptr",
];

const COMMANDS: &[&str] = &[
    ":help",
    ":quit",
    ":reset",
    ":load ",
    ":type ",
    ":disasm ",
    ":goroutines",
    ":test",
    ":gomaxprocs ",
];

pub(super) struct GolHelper {
    names: Names,
    members: Vec<(&'static str, &'static str)>,
}

impl GolHelper {
    pub(super) fn new(names: Names) -> GolHelper {
        GolHelper {
            names,
            members: crate::types::stdpkg::member_names(),
        }
    }

    /// Candidates for `word` (the text before the cursor back to a non-name character).
    pub(super) fn candidates(&self, word: &str) -> (usize, Vec<String>) {
        if let Some((pkg, prefix)) = word.split_once('.') {
            let found = self
                .members
                .iter()
                .filter(|(p, m)| *p == pkg && m.starts_with(prefix))
                .map(|(_, m)| m.to_string())
                .collect();
            return (pkg.len() + 1, found);
        }
        let declared = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        let packages = crate::types::KNOWN_PACKAGES.iter();
        let mut found: Vec<String> = KEYWORDS
            .iter()
            .chain(PREDECLARED)
            .chain(packages)
            .map(|s| s.to_string())
            .chain(declared)
            .filter(|s| s.starts_with(word))
            .collect();
        found.sort();
        found.dedup();
        (0, found)
    }
}

impl Completer for GolHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        if before.starts_with(':') && !before.contains(' ') {
            let found = COMMANDS
                .iter()
                .filter(|c| c.starts_with(before))
                .map(|c| c.to_string())
                .collect();
            return Ok((0, found));
        }
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        // Tab after nothing or whitespace indents (pasted code keeps its tabs): completion
        // needs at least one character of a name.
        if start == pos {
            return Ok((pos, vec!["\t".to_string()]));
        }
        let (skip, found) = self.candidates(&before[start..]);
        Ok((start + skip, found))
    }
}

impl Hinter for GolHelper {
    type Hint = String;
}
impl Highlighter for GolHelper {}
impl Validator for GolHelper {}
impl Helper for GolHelper {}
