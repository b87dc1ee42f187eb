//! Spans and source files: byte ranges into one source text, and the map from a byte offset to
//! Go's `LINE:COL` (1-based; columns count bytes, as Go's scanner does).

use std::fmt;

/// A half-open byte range `lo..hi` in one source file. Offsets are `u32`: sources over 4 GiB are
/// rejected before lexing (see `Source::new`), so the conversion from `usize` never truncates.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub lo: u32,
    pub hi: u32,
}

impl Span {
    pub fn new(lo: usize, hi: usize) -> Span {
        Span {
            lo: lo as u32,
            hi: hi as u32,
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            lo: self.lo.min(other.lo),
            hi: self.hi.max(other.hi),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.lo as usize..self.hi as usize
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.lo, self.hi)
    }
}

/// One source file: its display name (as the user typed it, e.g. `prog.gol` or `<stdin>`), its
/// text, and the offsets where its lines start.
pub struct Source {
    pub name: String,
    pub text: String,
    line_starts: Vec<u32>,
    /// Files appended after the first (gol-source packages a program imports, see link.rs):
    /// their start offsets in `text` and names. Lines and positions count from a file's start.
    parts: Vec<(u32, String)>,
}

/// Largest source accepted: spans are `u32`, and anything near this size is surely not a program.
pub const MAX_SOURCE_LEN: usize = (u32::MAX / 2) as usize;

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        let mut line_starts = vec![0u32];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        Source {
            name: name.into(),
            text,
            line_starts,
            parts: Vec::new(),
        }
    }

    /// Appends another file's text (starting on a fresh line); returns its start offset.
    pub fn append(&mut self, name: &str, text: &str) -> usize {
        if !self.text.ends_with('\n') {
            self.text.push('\n');
            self.line_starts.push(self.text.len() as u32);
        }
        let base = self.text.len();
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                self.line_starts.push((base + i) as u32 + 1);
            }
        }
        self.text.push_str(text);
        self.parts.push((base as u32, name.to_string()));
        base
    }

    /// The file holding `offset`: its name and start offset.
    fn part(&self, offset: u32) -> (&str, u32) {
        match self.parts.iter().rev().find(|(b, _)| *b <= offset) {
            Some((b, n)) => (n, *b),
            None => (&self.name, 0),
        }
    }

    /// The index of the file holding `offset`: 0 for the first, `i + 1` for the `i`th appended
    /// (the order of `file_names`).
    pub fn part_index(&self, offset: u32) -> u32 {
        self.parts
            .iter()
            .rposition(|(b, _)| *b <= offset)
            .map_or(0, |i| i as u32 + 1)
    }

    /// The names of the files, first one first (indexed by `part_index`).
    pub fn file_names(&self) -> Vec<String> {
        std::iter::once(self.name.clone())
            .chain(self.parts.iter().map(|(_, n)| n.clone()))
            .collect()
    }

    /// 1-based line and byte column of `offset`, as Go prints them.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let line_of = |o: u32| match self.line_starts.binary_search(&o) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line = line_of(offset);
        let first = line_of(self.part(offset).1);
        (
            line - first + 1,
            (offset - self.line_starts[line]) as usize + 1,
        )
    }

    /// Go's position prefix: `FILE:LINE:COL`.
    pub fn position(&self, offset: u32) -> String {
        let (l, c) = self.line_col(offset);
        format!("{}:{}:{}", self.part(offset).0, l, c)
    }
}
