//! The only module that knows ariadne: `Diagnostic` values + their `Source` → text.
//! Every error starts with Go's one-line form `FILE:LINE:COL: message`, so scripts and editors that
//! parse Go's output parse ours; the ariadne picture of the source follows when asked for (stderr
//! is a terminal, or a snapshot test).

use super::{Diagnostic, Severity};
use crate::span::Source;
use ariadne::{Config, IndexType, Label, Report, ReportKind};

/// How to render: `picture` adds the ariadne source excerpt, `color` ANSI colours in it.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub picture: bool,
    pub color: bool,
}

impl Style {
    pub const PLAIN: Style = Style {
        picture: false,
        color: false,
    };
    pub const PICTURE: Style = Style {
        picture: true,
        color: false,
    };
}

/// Go's first line: `FILE:LINE:COL: message` (warnings say so, since Go has none).
pub fn headline(src: &Source, d: &Diagnostic) -> String {
    let pos = src.position(d.span().lo);
    match d.severity {
        Severity::Error => format!("{pos}: {}", d.message),
        Severity::Warning => format!("{pos}: warning: {}", d.message),
    }
}

/// The REPL's form: Go's line, then the source line with a caret under the column (the input is
/// on screen just above, so a picture would repeat it). With `color`, the position and the caret
/// are bold red and the message bold: readable on dark and light backgrounds, as rustc's are.
pub fn caret(src: &Source, d: &Diagnostic, color: bool) -> String {
    let text = src.text.as_str();
    let mut lo = (d.span().lo as usize).min(text.len());
    while !text.is_char_boundary(lo) {
        lo -= 1;
    }
    let start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
    let end = text[lo..].find('\n').map_or(text.len(), |i| lo + i);
    let line = &text[start..end];
    // Tabs stay tabs under the line so the caret lines up whatever the tab width.
    let pad: String = text[start..lo]
        .chars()
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let pos = src.position(d.span().lo);
    let msg = match d.severity {
        Severity::Error => d.message.clone(),
        Severity::Warning => format!("warning: {}", d.message),
    };
    let mut out = if color {
        format!("\x1b[1;31m{pos}:\x1b[0m \x1b[1m{msg}\x1b[0m\n")
    } else {
        format!("{pos}: {msg}\n")
    };
    for l in d.labels.iter().skip(1).filter(|l| !l.message.is_empty()) {
        out.push_str(&format!("\t{}: {}\n", src.position(l.span.lo), l.message));
    }
    if !line.trim().is_empty() {
        out.push_str(&format!("  {line}\n"));
        if color {
            out.push_str(&format!("  {pad}\x1b[1;31m^\x1b[0m\n"));
        } else {
            out.push_str(&format!("  {pad}^\n"));
        }
    }
    out
}

/// Renders one diagnostic, ending with a newline. Labelled secondary spans follow Go's first line
/// the way Go prints related positions: `\tFILE:LINE:COL: other declaration of x`.
pub fn render(src: &Source, d: &Diagnostic, style: Style) -> String {
    let mut out = headline(src, d);
    out.push('\n');
    for l in d.labels.iter().skip(1).filter(|l| !l.message.is_empty()) {
        out.push_str(&format!("\t{}: {}\n", src.position(l.span.lo), l.message));
    }
    if style.picture {
        out.push_str(&picture(src, d, style.color));
    }
    out
}

/// Renders a list the way Go does: in order, stopping after `MAX_ERRORS` with `too many errors`.
///
/// A `TOO_MANY_ERRORS` marker (the checker chose which errors Go would have reported, see
/// `types/order.rs`) is printed last, at its own position, whatever its place in the list.
pub fn render_all(src: &Source, diags: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    let mut errors = 0;
    let marker = diags
        .iter()
        .find(|d| d.code == super::codes::TOO_MANY_ERRORS);
    for d in diags
        .iter()
        .filter(|d| d.code != super::codes::TOO_MANY_ERRORS)
    {
        if d.severity == Severity::Error {
            if errors == super::MAX_ERRORS {
                out.push_str(&format!("{}: too many errors\n", src.position(d.span().lo)));
                break;
            }
            errors += 1;
        }
        out.push_str(&render(src, d, style));
    }
    if let Some(m) = marker {
        if errors <= super::MAX_ERRORS {
            out.push_str(&format!("{}: too many errors\n", src.position(m.span().lo)));
        }
    }
    out
}

fn picture(src: &Source, d: &Diagnostic, color: bool) -> String {
    let name = src.name.as_str();
    // Spans come from every stage; make them safe for ariadne whatever they are: inside the text,
    // on character boundaries (it slices lines by them), and not reversed.
    let clamp = |r: std::ops::Range<usize>| {
        let text = src.text.as_str();
        let mut lo = r.start.min(text.len());
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = r.end.clamp(lo, text.len());
        while !text.is_char_boundary(hi) {
            hi += 1;
        }
        lo..hi
    };
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let config = Config::default()
        .with_color(color)
        .with_index_type(IndexType::Byte);
    let primary = clamp(d.span().range());
    let mut report = Report::build(kind, (name, primary))
        .with_config(config)
        .with_code(d.code)
        .with_message(&d.message);
    for (i, l) in d.labels.iter().enumerate() {
        let mut label = Label::new((name, clamp(l.span.range()))).with_order(i as i32);
        if !l.message.is_empty() {
            label = label.with_message(&l.message);
        }
        report = report.with_label(label);
    }
    for n in &d.notes {
        report = report.with_note(n);
    }
    let mut buf = Vec::new();
    let cache = (name, ariadne::Source::from(src.text.as_str()));
    // Writing into a Vec cannot fail; if ariadne ever refuses, the headline alone still says it all.
    if report.finish().write(cache, &mut buf).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&buf).into_owned()
}
