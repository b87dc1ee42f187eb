//! The operand loops of `fmt/print.go`: a format string and operand words → output, with
//! flags, widths, precisions, `*`, argument indexes `%[n]d`, and the `%!(NOVERB)`,
//! `%!d(MISSING)`, `%!d(BADINDEX)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(EXTRA ...)` forms;
//! plus `Print`'s and `Println`'s spacing.

use super::{kind, FmtHost, Hook, Kind, Printer};
use crate::stdlib::fmtcore::Spec;
use crate::stdlib::utf8::decode_rune;
use crate::types::ty::{TypeId, Types};
use crate::vm::value::iface_parts;

/// A host with no values (for `wrapped_args`, which only parses).
pub(super) struct NullHost(pub Types);

impl FmtHost for NullHost {
    fn types(&self) -> &Types {
        &self.0
    }
    fn call(&mut self, _: Hook, _: TypeId, _: u64) -> Result<Vec<u8>, String> {
        Ok(Vec::new())
    }
    fn map_entries(&self, _: u64) -> Vec<(u64, u64)> {
        Vec::new()
    }
}

/// Go's `tooLarge`.
fn too_large(x: i64) -> bool {
    !(-1_000_000..=1_000_000).contains(&x)
}

/// Go's `parsenum`: (number, present, new index); an overlong number consumes the rest.
fn parsenum(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let (mut num, mut isnum, mut i) = (0i64, false, start);
    while i < end && s[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end);
        }
        num = num * 10 + i64::from(s[i] - b'0');
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

/// Go's `parseArgNumber` on `s` starting with `[`: (zero-based index, bytes consumed, ok).
fn parse_arg_number(s: &[u8]) -> (i64, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s[i] == b']' {
            let (w, ok, newi) = parsenum(s, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (w - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

impl Printer<'_> {
    pub(super) fn do_print(&mut self, args: &[u64]) {
        let mut prev_string = false;
        for (i, &a) in args.iter().enumerate() {
            let is_string = iface_parts(a)
                .is_some_and(|(t, _)| matches!(self.kind(TypeId::from_index(t)), Kind::Str));
            if i > 0 && !is_string && !prev_string {
                self.out.push(b' ');
            }
            self.print_arg(a, 'v' as u32);
            prev_string = is_string;
        }
    }

    pub(super) fn do_println(&mut self, args: &[u64]) {
        for (i, &a) in args.iter().enumerate() {
            if i > 0 {
                self.out.push(b' ');
            }
            self.print_arg(a, 'v' as u32);
        }
        self.out.push(b'\n');
    }

    /// Go's `argNumber`: (new arg number, new index, found).
    fn arg_number(
        &mut self,
        arg_num: usize,
        f: &[u8],
        i: usize,
        nargs: usize,
    ) -> (usize, usize, bool) {
        if f.len() <= i || f[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&f[i..]);
        if ok && 0 <= index && (index as usize) < nargs {
            return (index as usize, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    /// Go's `intFromArg`: (value, is an in-range integer, new arg number).
    fn int_from_arg(&self, args: &[u64], arg_num: usize) -> (i64, bool, usize) {
        if arg_num >= args.len() {
            return (0, false, arg_num);
        }
        let (mut num, mut is_int) = (0i64, false);
        if let Some((t, w)) = iface_parts(args[arg_num]) {
            match kind(self.types(), TypeId::from_index(t)) {
                Kind::Int => (num, is_int) = (w as i64, true),
                Kind::Uint if (w as i64) >= 0 => (num, is_int) = (w as i64, true),
                _ => {}
            }
        }
        if too_large(num) {
            (num, is_int) = (0, false);
        }
        (num, is_int, arg_num + 1)
    }

    pub(super) fn do_printf(&mut self, f: &[u8], args: &[u64]) {
        let end = f.len();
        let mut arg_num = 0usize;
        let mut after_index;
        self.reordered = false;
        let mut i = 0;
        while i < end {
            self.good_arg_num = true;
            let lasti = i;
            while i < end && f[i] != b'%' {
                i += 1;
            }
            self.out.extend_from_slice(&f[lasti..i]);
            if i >= end {
                break;
            }
            i += 1;
            self.spec = Spec::default();
            while i < end {
                match f[i] {
                    b'#' => self.spec.flags.sharp = true,
                    b'0' => self.spec.flags.zero = true,
                    b'+' => self.spec.flags.plus = true,
                    b'-' => self.spec.flags.minus = true,
                    b' ' => self.spec.flags.space = true,
                    _ => break,
                }
                i += 1;
            }
            (arg_num, i, after_index) = self.arg_number(arg_num, f, i, args.len());
            // Width.
            if i < end && f[i] == b'*' {
                i += 1;
                let (w, ok, n) = self.int_from_arg(args, arg_num);
                arg_num = n;
                if !ok {
                    self.out.extend_from_slice(b"%!(BADWIDTH)");
                }
                self.spec.width = ok.then_some(w.unsigned_abs() as usize);
                if w < 0 {
                    self.spec.flags.minus = true;
                    self.spec.flags.zero = false;
                }
                after_index = false;
            } else {
                let (w, ok, n) = parsenum(f, i, end);
                i = n;
                self.spec.width = ok.then_some(w as usize);
                if after_index && ok {
                    self.good_arg_num = false;
                }
            }
            // Precision.
            if i + 1 < end && f[i] == b'.' {
                i += 1;
                if after_index {
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, f, i, args.len());
                if i < end && f[i] == b'*' {
                    i += 1;
                    let (p, ok, n) = self.int_from_arg(args, arg_num);
                    arg_num = n;
                    let ok = ok && p >= 0;
                    self.spec.prec = ok.then_some(p as usize);
                    if !ok {
                        self.out.extend_from_slice(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (p, ok, n) = parsenum(f, i, end);
                    i = n;
                    self.spec.prec = Some(if ok { p as usize } else { 0 });
                }
            }
            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, f, i, args.len());
            }
            if i >= end {
                self.out.extend_from_slice(b"%!(NOVERB)");
                break;
            }
            let (verb, size) = decode_rune(&f[i..]);
            i += size;
            match verb {
                0x25 => self.out.push(b'%'),
                _ if !self.good_arg_num => self.bang(verb, b"(BADINDEX)"),
                _ if arg_num >= args.len() => self.bang(verb, b"(MISSING)"),
                _ => {
                    if verb == 'w' as u32 {
                        self.wrapped.push(arg_num);
                    }
                    if verb == 'v' as u32 || verb == 'w' as u32 {
                        let fl = &mut self.spec.flags;
                        fl.sharp_v = std::mem::take(&mut fl.sharp);
                        fl.plus_v = std::mem::take(&mut fl.plus);
                    }
                    self.print_arg(args[arg_num], verb);
                    arg_num += 1;
                }
            }
        }
        if !self.reordered && arg_num < args.len() {
            self.spec = Spec::default();
            self.out.extend_from_slice(b"%!(EXTRA ");
            for (k, &a) in args[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.out.extend_from_slice(b", ");
                }
                match iface_parts(a) {
                    None => self.out.extend_from_slice(b"<nil>"),
                    Some((t, _)) => {
                        let s = self.type_string(TypeId::from_index(t));
                        self.out.extend_from_slice(s.as_bytes());
                        self.out.push(b'=');
                        self.print_arg(a, 'v' as u32);
                    }
                }
            }
            self.out.push(b')');
        }
    }

    /// `%!` verb `text`.
    fn bang(&mut self, verb: u32, text: &[u8]) {
        self.out.extend_from_slice(b"%!");
        self.push_rune(verb);
        self.out.extend_from_slice(text);
    }

    pub(super) fn push_rune(&mut self, r: u32) {
        crate::stdlib::utf8::append_rune(&mut self.out, i64::from(r));
    }
}
