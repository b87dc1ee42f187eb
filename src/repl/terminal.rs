//! REPL READER: turns what the user types into complete inputs for the executor (`mod.rs`).
//! Input: a terminal (rustyline: line editing, completion, a history file) or plain stdin.
//! Output: `Request`s — one per complete input (lines are joined while `input::incomplete`
//! says so), then `Eof`. After each input it waits for the executor's acknowledgement, so a
//! prompt never appears before the output of the input above it.

use super::{complete::GolHelper, input::incomplete, Names, Request};
use rustyline::error::ReadlineError;
use rustyline::history::{DefaultHistory, History};
use rustyline::{Config, Editor};
use std::io::BufRead;
use std::sync::mpsc::{Receiver, Sender};

const PROMPT: &str = "gol> ";
const MORE: &str = "...  ";

/// Pipe mode: lines from stdin, no prompts, no editing.
pub(super) fn read_plain(tx: Sender<Request>, ack: Receiver<()>) {
    let mut stdin = std::io::stdin().lock();
    let mut buf = String::new();
    let mut bytes = Vec::new();
    loop {
        bytes.clear();
        match stdin.read_until(b'\n', &mut bytes) {
            Ok(0) | Err(_) => break,
            Ok(_) => {}
        }
        // Invalid UTF-8 becomes U+FFFD (and then, in code, an error) rather than ending input.
        let line = String::from_utf8_lossy(&bytes);
        buf.push_str(line.trim_end_matches(['\n', '\r']));
        buf.push('\n');
        if incomplete(&buf) {
            continue;
        }
        if tx.send(Request::Input(std::mem::take(&mut buf))).is_err() || ack.recv().is_err() {
            return;
        }
    }
    // Input ended inside an unfinished input: submit it, so its error is reported.
    if !buf.trim().is_empty() && tx.send(Request::Input(buf)).is_ok() {
        let _ = ack.recv();
    }
    let _ = tx.send(Request::Eof);
}

/// The history file: `$GOL_HISTORY`, else `~/.gol_history`; none under `--sandbox`.
fn history_path() -> Option<std::path::PathBuf> {
    // The sandbox writes no file, the history included.
    if crate::runtime::limits::sandboxed() {
        return None;
    }
    if let Some(p) = std::env::var_os("GOL_HISTORY") {
        return Some(p.into());
    }
    std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".gol_history"))
}

/// Terminal mode. Ctrl-C abandons the input being typed; Ctrl-D on an empty prompt ends.
pub(super) fn read_terminal(tx: Sender<Request>, ack: Receiver<()>, names: Names) {
    let config = Config::builder()
        .auto_add_history(false)
        .max_history_size(10_000)
        // Several candidates are listed (and their common prefix completed), not cycled through.
        .map(|b| b.completion_type(rustyline::CompletionType::List).build());
    let editor = config.and_then(Editor::<GolHelper, DefaultHistory>::with_config);
    let mut ed = match editor {
        Ok(ed) => ed,
        Err(e) => {
            eprintln!("gol: cannot use the terminal ({e}); reading plain lines");
            return read_plain(tx, ack);
        }
    };
    ed.set_helper(Some(GolHelper::new(names)));
    let path = history_path();
    if let Some(p) = &path {
        let _ = ed.load_history(p);
    }
    if let Ok(p) = ed.create_external_printer() {
        let _ = tx.send(Request::Printer(Box::new(p)));
    }
    loop {
        let mut buf = String::new();
        let eof = loop {
            let prompt = if buf.is_empty() { PROMPT } else { MORE };
            match ed.readline(prompt) {
                Ok(line) => {
                    buf.push_str(&line);
                    buf.push('\n');
                    if !incomplete(&buf) {
                        break false;
                    }
                }
                Err(ReadlineError::Interrupted) => {
                    buf.clear();
                    break false;
                }
                // Ctrl-D: ends the session on an empty prompt, abandons an unfinished input.
                Err(ReadlineError::Eof) if !buf.is_empty() => {
                    buf.clear();
                    break false;
                }
                Err(_) => break true,
            }
        };
        if eof {
            break;
        }
        if buf.trim().is_empty() {
            continue;
        }
        // One history entry per input, however many lines it has.
        let entry = buf.trim_end().to_string();
        if ed.add_history_entry(entry.as_str()).unwrap_or(false) {
            if let Some(p) = &path {
                let _ = ed.history_mut().save(p);
            }
        }
        if tx.send(Request::Input(buf)).is_err() || ack.recv().is_err() {
            return;
        }
    }
    let _ = tx.send(Request::Eof);
}
