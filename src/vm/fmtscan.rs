//! VM FMT SCANNING: `fmt.Sscan`, `Sscanln`, `Sscanf`, `Scan`, `Scanln`, `Scanf` (from
//! os.Stdin) and `Fscan`, `Fscanln`, `Fscanf` (from any io.Reader), after Go's `fmt/scan.go` (`ss`: same space and newline rules, same errors).
//! Input: `Rt::Io` ops 60–65 with the window `[op, (input,) (format,) operands []any]`.
//! Output: `(n int, err error)`; values are stored through the operands' pointers.
//!
//! Operands are pointers to booleans, integers, floats, strings or `[]byte` (others give Go's
//! `can't scan type` error; gol has no `fmt.Scanner` yet). Reading stdin consumes bytes as it
//! goes, and a character read past a value is lost when the call returns, as with Go's
//! os.Stdin (which cannot unread).

use super::cont::Replay;
use super::panic::GoPanic;
use super::value;
use super::Machine;
use crate::bytecode::FuncId;
use crate::stdlib::natives::parse;
use crate::stdlib::utf8::decode_rune;
use crate::types::constant::BasicKind;
use crate::types::ty::{Type, TypeId};

const EOF: i64 = -1;

enum Fail {
    /// Out of input before a value started: `io.EOF`.
    Eof,
    UnexpectedEof,
    Msg(String),
}

type R<T> = Result<T, Fail>;

struct Ss<'a> {
    mach: &'a mut Machine,
    /// The reader's methods are called through a replay (`cont.rs`): a call not made yet
    /// suspends the scan, which then reads as if at EOF and stores nothing.
    rp: &'a mut Replay,
    /// Fscan's reader (an `io.Reader` interface), or 0.
    reader: u64,
    /// The reader's ReadRune and UnreadRune methods and its receiver, if it has both
    /// (`*bufio.Reader`, `*strings.Reader`): used as Go does (the rune read past a value is
    /// given back); other readers are read a byte at a time.
    runes: Option<(FuncId, FuncId, u64)>,
    /// A panic in a reader's Read method, raised when the scan returns.
    failed: Option<GoPanic>,
    input: Vec<u8>,
    pos: usize,
    /// Reading os.Stdin (more input is read as needed).
    stdin: bool,
    /// The rune given back by `unread`, returned by the next `get`.
    peeked: Option<i64>,
    nl_is_space: bool,
    nl_is_end: bool,
    at_eof: bool,
    /// Runes read for the current operand, and its width limit.
    count: usize,
    limit: usize,
    buf: Vec<u8>,
}

impl Ss<'_> {
    /// Go's `ss.ReadRune` (EOF past the limit, or after a newline in Scanln).
    fn get(&mut self) -> i64 {
        if self.at_eof || self.count >= self.limit {
            return EOF;
        }
        let r = match self.peeked.take() {
            Some(r) => r,
            None => match self.next_rune() {
                Some(r) => r,
                None => {
                    self.at_eof = true;
                    return EOF;
                }
            },
        };
        self.count += 1;
        if self.nl_is_end && r == '\n' as i64 {
            self.at_eof = true;
        }
        r
    }

    fn next_rune(&mut self) -> Option<i64> {
        if self.reader != 0 && self.pos >= self.input.len() && self.failed.is_none() {
            if let Err(p) = self.read_reader() {
                self.failed = Some(p);
            }
        }
        if self.stdin && self.pos >= self.input.len() {
            // One character's bytes at a time: never wait for input beyond it.
            let b0 = read_byte()?;
            self.input.push(b0);
            let more = match b0 {
                0xC0..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xF7 => 3,
                _ => 0,
            };
            for _ in 0..more {
                match read_byte() {
                    Some(b) => self.input.push(b),
                    None => break,
                }
            }
        }
        if self.pos >= self.input.len() {
            return None;
        }
        let (r, n) = decode_rune(&self.input[self.pos..]);
        self.pos += n;
        Some(r as i64)
    }

    /// One rune's bytes from the Fscan reader into `input`.
    fn read_reader(&mut self) -> Result<(), GoPanic> {
        if let Some((f, _, data)) = self.runes {
            let r = self.rp.call(f, &[data])?;
            if r[2] == 0 {
                crate::stdlib::utf8::append_rune(&mut self.input, r[0] as i64);
            }
            return Ok(());
        }
        let (b, _) = super::iort::read(self.mach, self.rp, self.reader, 1)?;
        self.input.extend_from_slice(&b);
        if let Some(&b0) = b.first() {
            let more = match b0 {
                0xC0..=0xDF => 1,
                0xE0..=0xEF => 2,
                0xF0..=0xF7 => 3,
                _ => 0,
            };
            for _ in 0..more {
                let (b, _) = super::iort::read(self.mach, self.rp, self.reader, 1)?;
                self.input.extend_from_slice(&b);
            }
        }
        Ok(())
    }

    /// At the end of a scan: a RuneScanner gets back the rune read past the value.
    fn give_back(&mut self) -> Result<(), GoPanic> {
        if let (Some((_, f, data)), Some(_)) = (self.runes, self.peeked) {
            self.rp.call(f, &[data])?;
        }
        Ok(())
    }

    fn unread(&mut self, r: i64) {
        self.peeked = Some(r);
        self.at_eof = false;
        self.count -= 1;
    }

    fn err<T>(&self, m: impl Into<String>) -> R<T> {
        Err(Fail::Msg(m.into()))
    }

    fn must_get(&mut self) -> R<i64> {
        match self.get() {
            EOF => Err(Fail::UnexpectedEof),
            r => Ok(r),
        }
    }

    fn peek(&mut self, ok: &str) -> bool {
        let r = self.get();
        if r != EOF {
            self.unread(r);
        }
        ok_has(ok, r)
    }

    fn consume(&mut self, ok: &str, accept: bool) -> bool {
        let r = self.get();
        if r == EOF {
            return false;
        }
        if ok_has(ok, r) {
            if accept {
                crate::stdlib::utf8::append_rune(&mut self.buf, r);
            }
            return true;
        }
        if accept {
            self.unread(r);
        }
        false
    }

    fn accept(&mut self, ok: &str) -> bool {
        self.consume(ok, true)
    }

    fn not_eof(&mut self) -> R<()> {
        match self.get() {
            EOF => Err(Fail::Eof),
            r => {
                self.unread(r);
                Ok(())
            }
        }
    }

    fn skip_space(&mut self) -> R<()> {
        loop {
            let r = self.get();
            if r == EOF {
                return Ok(());
            }
            if r == '\r' as i64 && self.peek("\n") {
                continue;
            }
            if r == '\n' as i64 {
                if self.nl_is_space {
                    continue;
                }
                return self.err("unexpected newline");
            }
            if !is_space(r) {
                self.unread(r);
                return Ok(());
            }
        }
    }

    fn token(&mut self) -> Vec<u8> {
        loop {
            let r = self.get();
            if r == EOF {
                break;
            }
            if is_space(r) {
                self.unread(r);
                break;
            }
            crate::stdlib::utf8::append_rune(&mut self.buf, r);
        }
        std::mem::take(&mut self.buf)
    }
}

/// One byte of standard input (shared with `(*os.File).Read`'s reads), or none at EOF.
fn read_byte() -> Option<u8> {
    use std::io::BufRead;
    let mut lock = std::io::stdin().lock();
    let b = *lock.fill_buf().ok()?.first()?;
    lock.consume(1);
    Some(b)
}

fn ok_has(ok: &str, r: i64) -> bool {
    ok.chars().any(|c| c as i64 == r)
}

/// fmt's `isSpace`.
fn is_space(r: i64) -> bool {
    matches!(r, 0x09..=0x0D | 0x20 | 0x85 | 0xA0 | 0x1680 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000)
}

fn ok_verb(s: &Ss, verb: char, ok: &str, typ: &str) -> R<()> {
    if ok.contains(verb) {
        Ok(())
    } else {
        s.err(format!("bad verb '%{verb}' for {typ}"))
    }
}

/// What an operand points at.
enum Target {
    Bool,
    Int(u32),
    Uint(u32),
    Float(u32),
    Str,
    Bytes,
}

fn scan_int(s: &mut Ss, verb: char, bits: u32) -> R<i64> {
    if verb == 'c' {
        return scan_rune(s, bits);
    }
    s.skip_space()?;
    s.not_eof()?;
    ok_verb(s, verb, "bdoUxXv", "integer")?;
    let (mut base, mut digits) = base_of(verb);
    let mut have = false;
    s.accept("+-");
    if verb == 'v' {
        (base, digits, have) = base_prefix(s);
    }
    let tok = number(s, digits, have)?;
    let i = parse::int(&tok, base).map_err(Fail::Msg)?;
    let x = (i << (64 - bits)) >> (64 - bits);
    if x != i {
        return s.err(format!(
            "integer overflow on token {}",
            String::from_utf8_lossy(&tok)
        ));
    }
    Ok(i)
}

fn scan_uint(s: &mut Ss, verb: char, bits: u32) -> R<u64> {
    if verb == 'c' {
        return scan_rune(s, bits).map(|r| r as u64);
    }
    s.skip_space()?;
    s.not_eof()?;
    ok_verb(s, verb, "bdoUxXv", "integer")?;
    let (mut base, mut digits) = base_of(verb);
    let mut have = false;
    if verb == 'v' {
        (base, digits, have) = base_prefix(s);
    }
    let tok = number(s, digits, have)?;
    let i = parse::uint(&tok, base).map_err(Fail::Msg)?;
    let x = if bits >= 64 { i } else { i & ((1 << bits) - 1) };
    if x != i {
        return s.err(format!(
            "unsigned integer overflow on token {}",
            String::from_utf8_lossy(&tok)
        ));
    }
    Ok(i)
}

fn scan_rune(s: &mut Ss, bits: u32) -> R<i64> {
    s.not_eof()?;
    let r = s.get();
    let x = (r << (64 - bits)) >> (64 - bits);
    if x != r {
        let c = char::from_u32(r as u32).unwrap_or('\u{FFFD}');
        return s.err(format!("overflow on character value {c}"));
    }
    Ok(r)
}

fn base_of(verb: char) -> (i64, &'static str) {
    match verb {
        'b' => (2, "01"),
        'o' => (8, "01234567"),
        'x' | 'X' | 'U' => (16, "0123456789aAbBcCdDeEfF"),
        _ => (10, "0123456789"),
    }
}

fn base_prefix(s: &mut Ss) -> (i64, &'static str, bool) {
    if !s.peek("0") {
        return (0, "0123456789_", false);
    }
    s.accept("0");
    if s.peek("bB") {
        s.consume("bB", true);
        (0, "01_", true)
    } else if s.peek("oO") {
        s.consume("oO", true);
        (0, "01234567_", true)
    } else if s.peek("xX") {
        s.consume("xX", true);
        (0, "0123456789aAbBcCdDeEfF_", true)
    } else {
        (0, "01234567_", true)
    }
}

fn number(s: &mut Ss, digits: &str, have: bool) -> R<Vec<u8>> {
    if !have {
        s.not_eof()?;
        if !s.accept(digits) {
            return s.err("expected integer");
        }
    }
    while s.accept(digits) {}
    Ok(std::mem::take(&mut s.buf))
}

fn float_token(s: &mut Ss) -> Vec<u8> {
    s.buf.clear();
    if s.accept("nN") && s.accept("aA") && s.accept("nN") {
        return std::mem::take(&mut s.buf);
    }
    s.accept("+-");
    if s.accept("iI") && s.accept("nN") && s.accept("fF") {
        return std::mem::take(&mut s.buf);
    }
    let (mut digits, mut exp) = ("0123456789_", "eEpP");
    if s.accept("0") && s.accept("xX") {
        digits = "0123456789aAbBcCdDeEfF_";
        exp = "pP";
    }
    while s.accept(digits) {}
    if s.accept(".") {
        while s.accept(digits) {}
    }
    if s.accept(exp) {
        s.accept("+-");
        while s.accept("0123456789_") {}
    }
    std::mem::take(&mut s.buf)
}

fn scan_bool(s: &mut Ss, verb: char) -> R<bool> {
    s.skip_space()?;
    s.not_eof()?;
    ok_verb(s, verb, "tv", "boolean")?;
    let bad = || Fail::Msg("syntax error scanning boolean".into());
    Ok(match char::from_u32(s.get() as u32) {
        Some('1') => true,
        Some('t' | 'T') => {
            if s.accept("rR") && (!s.accept("uU") || !s.accept("eE")) {
                return Err(bad());
            }
            true
        }
        Some('f' | 'F') => {
            if s.accept("aA") && (!s.accept("lL") || !s.accept("sS") || !s.accept("eE")) {
                return Err(bad());
            }
            false
        }
        _ => false,
    })
}

fn convert_string(s: &mut Ss, verb: char) -> R<Vec<u8>> {
    ok_verb(s, verb, "svqxX", "string")?;
    s.skip_space()?;
    s.not_eof()?;
    if verb == 'q' || verb == 'x' || verb == 'X' {
        return s.err(format!("gol does not support %{verb} in scanning yet"));
    }
    Ok(s.token())
}

/// Scans one value into the operand `arg` (an interface holding a pointer).
fn scan_one(s: &mut Ss, verb: char, arg: u64) -> R<()> {
    s.buf.clear();
    let Some((ty, ptr)) = value::iface_parts(arg) else {
        return s.err("can't scan type: <nil>");
    };
    let prog = std::sync::Arc::clone(&s.mach.prog);
    let types = &prog.types;
    let pt = TypeId::from_index(ty);
    let target = match types.get(pt) {
        Type::Pointer(e) => {
            let e = types.underlying(*e);
            match (types.basic_kind(e), types.get(e)) {
                (Some(BasicKind::Bool), _) => Target::Bool,
                (Some(k), _) if k.is_integer() && k.is_unsigned() => Target::Uint(k.bits().max(8)),
                (Some(k), _) if k.is_integer() => Target::Int(k.bits().max(8)),
                (Some(k), _) if k.is_float() => Target::Float(k.bits()),
                (Some(k), _) if k.is_string() => Target::Str,
                (_, Type::Slice(el))
                    if types.basic_kind(types.underlying(*el)) == Some(BasicKind::Uint8) =>
                {
                    Target::Bytes
                }
                _ => {
                    let name = types.display(pt, crate::types::ty::Spelling::Reflect);
                    return s.err(format!("can't scan type: {name}"));
                }
            }
        }
        _ => {
            let name = types.display(pt, crate::types::ty::Spelling::Reflect);
            return s.err(format!("type not a pointer: {name}"));
        }
    };
    if ptr == 0 {
        return s.err("gol: scanning into a nil pointer");
    }
    let (word, is_ref) = match target {
        Target::Bool => (scan_bool(s, verb)? as u64, false),
        Target::Int(bits) => (scan_int(s, verb, bits)? as u64, false),
        Target::Uint(bits) => (scan_uint(s, verb, bits)?, false),
        Target::Float(bits) => {
            ok_verb(
                s,
                verb,
                "beEfFgGv",
                if bits == 32 { "float32" } else { "float64" },
            )?;
            s.skip_space()?;
            s.not_eof()?;
            let tok = float_token(s);
            let f = parse::float(&tok, bits as i64).map_err(Fail::Msg)?;
            let f = if bits == 32 { f as f32 as f64 } else { f };
            (f.to_bits(), false)
        }
        Target::Str => {
            let t = convert_string(s, verb)?;
            (value::new_string(&mut s.mach.m, &t), true)
        }
        Target::Bytes => {
            let t = convert_string(s, verb)?;
            (
                crate::stdlib::natives::new_byte_slice(&mut s.mach.m, &t),
                true,
            )
        }
    };
    if s.rp.suspended() {
        // This run's input ended early at a call still to be made: it is replayed.
        return Ok(());
    }
    let (base, idx) = value::interior_parts(ptr);
    value::store(base, idx, word, is_ref);
    Ok(())
}

/// Go's `doScan` (Scan, Scanln): one value per operand, space-separated.
fn do_scan(s: &mut Ss, args: &[u64], n: &mut usize) -> R<()> {
    for &a in args {
        scan_one(s, 'v', a)?;
        *n += 1;
    }
    if s.nl_is_end {
        loop {
            let r = s.get();
            if r == '\n' as i64 || r == EOF {
                break;
            }
            if !is_space(r) {
                return s.err("expected newline");
            }
        }
    }
    Ok(())
}

/// Go's `advance`: matches format text (spaces, newlines, literals, `%%`) against the input.
/// The bytes of format consumed; 0 at a verb or end of input; -1 on a mismatch.
fn advance(s: &mut Ss, format: &[u8]) -> R<isize> {
    let mut i = 0;
    while i < format.len() {
        let (mut fc, mut w) = decode_rune(&format[i..]);
        if is_space(fc as i64) {
            let (mut newlines, mut trailing) = (0, false);
            while is_space(fc as i64) && i < format.len() {
                if fc == '\n' as u32 {
                    newlines += 1;
                    trailing = false;
                } else {
                    trailing = true;
                }
                i += w;
                (fc, w) = if i < format.len() {
                    decode_rune(&format[i..])
                } else {
                    (0, 0)
                };
            }
            for _ in 0..newlines {
                let mut c = s.get();
                while is_space(c) && c != '\n' as i64 {
                    c = s.get();
                }
                if c != '\n' as i64 && c != EOF {
                    return s.err("newline in format does not match input");
                }
            }
            if trailing {
                let mut c = s.get();
                if newlines == 0 {
                    if !is_space(c) && c != EOF {
                        return s.err("expected space in input to match format");
                    }
                    if c == '\n' as i64 {
                        return s.err("newline in input does not match format");
                    }
                }
                while is_space(c) && c != '\n' as i64 {
                    c = s.get();
                }
                if c != EOF {
                    s.unread(c);
                }
            }
            continue;
        }
        if fc == '%' as u32 {
            if i + w == format.len() {
                return s.err("missing verb: % at end of format string");
            }
            if format[i + w] != b'%' {
                return Ok(i as isize);
            }
            i += w;
        }
        let c = s.must_get()?;
        if fc as i64 != c {
            s.unread(c);
            return Ok(-1);
        }
        i += w;
    }
    Ok(i as isize)
}

/// Go's `doScanf`.
fn do_scanf(s: &mut Ss, format: &[u8], args: &[u64], n: &mut usize) -> R<()> {
    let mut i = 0;
    while i < format.len() {
        let w = advance(s, &format[i..])?;
        if w > 0 {
            i += w as usize;
            continue;
        }
        if format[i] != b'%' {
            if w < 0 {
                return s.err("input does not match format");
            }
            break;
        }
        i += 1;
        let start = i;
        while i < format.len() && format[i].is_ascii_digit() {
            i += 1;
        }
        let width = std::str::from_utf8(&format[start..i])
            .ok()
            .and_then(|d| d.parse::<usize>().ok());
        let (c, cw) = decode_rune(&format[i..]);
        i += cw;
        let verb = char::from_u32(c).unwrap_or('?');
        if verb != 'c' {
            s.skip_space()?;
        }
        if verb == '%' {
            s.skip_space()?;
            s.not_eof()?;
            if !s.accept("%") {
                return s.err("missing literal %");
            }
            continue;
        }
        let Some(&arg) = args.get(*n) else {
            let rest = String::from_utf8_lossy(&format[i - cw..]);
            return s.err(format!("too few operands for format '%{rest}'"));
        };
        s.count = 0;
        s.limit = width.unwrap_or(usize::MAX);
        scan_one(s, verb, arg)?;
        s.limit = usize::MAX;
        *n += 1;
    }
    if *n < args.len() {
        return s.err("too many operands");
    }
    Ok(())
}

/// `[op, ...] → [n, err]`: 60 Sscan(str, args), 61 Sscanln, 62 Sscanf(str, format, args),
/// 63 Scan(args), 64 Scanln, 65 Scanf(format, args), 66 Fscan(r, args), 67 Fscanln, 68 Fscanf.
pub fn scan_op(
    mach: &mut Machine,
    rp: &mut Replay,
    op: u64,
    a: [u64; 4],
) -> Result<Vec<u64>, GoPanic> {
    let stdin = (63..=65).contains(&op);
    let reader = if op >= 66 { a[0] } else { 0 };
    if op >= 66 && reader == 0 {
        return Err(super::panic::nil_deref());
    }
    let input = if op <= 62 {
        value::str_bytes(a[0]).to_vec()
    } else {
        Vec::new()
    };
    let rest = if stdin { &a[..] } else { &a[1..] };
    let kind = (op - 60) % 3;
    let (format, args_w) = if kind == 2 {
        (value::str_bytes(rest[0]).to_vec(), rest[1])
    } else {
        (Vec::new(), rest[0])
    };
    let args = super::rt::slice_words(args_w);
    let runes = if reader != 0 {
        let r = super::iort::method(mach, reader, "ReadRune");
        let u = super::iort::method(mach, reader, "UnreadRune");
        match (r, u) {
            (Ok((r, data)), Ok((u, _))) => Some((r, u, data)),
            _ => None,
        }
    } else {
        None
    };
    let mut s = Ss {
        mach,
        rp,
        reader,
        runes,
        failed: None,
        input,
        pos: 0,
        stdin,
        peeked: None,
        nl_is_space: kind == 0,
        nl_is_end: kind == 1,
        at_eof: false,
        count: 0,
        limit: usize::MAX,
        buf: Vec::new(),
    };
    let mut n = 0;
    let r = if kind == 2 {
        do_scanf(&mut s, &format, &args, &mut n)
    } else {
        do_scan(&mut s, &args, &mut n)
    };
    s.give_back()?;
    if let Some(p) = s.failed.take() {
        return Err(p);
    }
    let mach = s.mach;
    let err = match r {
        Ok(()) => 0,
        Err(Fail::Eof) => mach.std.err_eof,
        Err(Fail::UnexpectedEof) => {
            crate::stdlib::natives::new_error_string(&mut mach.m, &mach.std, b"unexpected EOF")
        }
        Err(Fail::Msg(m)) => {
            crate::stdlib::natives::new_error_string(&mut mach.m, &mach.std, m.as_bytes())
        }
    };
    Ok(vec![n as u64, err])
}
