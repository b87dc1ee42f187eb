//! Diagnostics as data: every stage (lexer, parser, checker, runtime) returns `Diagnostic` values
//! holding a code, Go's message and labelled spans. Only `render.rs` turns them into text.

pub mod codes;
pub mod render;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One labelled span. The primary label's start is the position printed in Go's
/// `FILE:LINE:COL: message` line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: codes::Code,
    pub severity: Severity,
    /// Go's wording, without the position prefix (e.g. `syntax error: unexpected }`).
    pub message: String,
    /// The first label is the primary one; the others point at related places.
    pub labels: Vec<Label>,
    /// Extra help shown under the picture ("composite literal in an if header must be ...").
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: codes::Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            labels: vec![Label {
                span,
                message: String::new(),
            }],
            notes: Vec::new(),
        }
    }

    /// Text shown under the primary span in the source picture.
    pub fn with_label(mut self, message: impl Into<String>) -> Diagnostic {
        self.labels[0].message = message.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn span(&self) -> Span {
        self.labels[0].span
    }
}

/// Go's compiler stops after this many errors ("too many errors").
pub const MAX_ERRORS: usize = 10;
