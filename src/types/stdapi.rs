//! CHECKER: standard-library names that gol's own tables (stdpkg.rs, stdconst.rs, the gol
//! sources of `stdlib/`) do not resolve, judged against Go's whole API (`stdlib::api`, generated
//! from Go's sources). Input: a selector on a standard package, or a method or field of a
//! standard type, that gol does not describe; the file's imports. Output: Go's error when Go
//! has no such name (`undefined: fmt.Prinln`, `unicode.L (variable of type *unicode.RangeTable)
//! is not a type`, `package foo/bar is not in std`), else a gol limit (`strings.ToTitle is not
//! implemented in gol yet`, `package "encoding/json" is not implemented in gol yet (this program
//! uses json.Marshal)`) in `Info::limits`, which the driver reports only when the program has no
//! error of Go's. Also `coverage`, what `gol std` prints: implemented means resolved by the same
//! tables the checker resolves names with.

use super::check::{codes, Checker};
use super::operand::Operand;
use super::resolve::Resolver;
use super::stdpkg::{canonical_path, MemberKind, StdPkgs};
use super::ty::{Type, TypeId, Types};
use crate::ast::{Expr, Ident};
use crate::diag::Diagnostic;
use crate::span::Span;
use crate::stdlib::api::{self, Entry, Kind};

/// Whether gol provides package `path` (some of it, natively or as gol source).
pub fn gol_has_package(path: &str) -> bool {
    crate::compiler::SUPPORTED_PACKAGES.contains(&path) || crate::link::is_source_package(path)
}

/// The message of a gol limit.
pub(super) fn not_implemented(what: &str) -> String {
    format!("{what} is not implemented in gol yet")
}

/// What Go says about selector `name` on a standard type gol describes incompletely.
pub(super) enum StdSel {
    /// The type is not one of Go's exported types (a gol-internal one such as
    /// `errors.errorString`): gol's own table decides.
    NotInApi,
    /// Go's type has it (`bytes.Buffer.WriteTo`).
    Go(&'static Entry, String),
    /// Go's type has no such exported field or method (nor does anything it embeds).
    NoSuch,
}

impl Checker<'_> {
    /// Records a gol limit at `span` (once).
    pub(super) fn limit(&mut self, span: Span, msg: String) {
        if !self
            .info
            .limits
            .iter()
            .any(|d| d.span() == span && d.message == msg)
        {
            self.info
                .limits
                .push(Diagnostic::error(crate::compiler::UNSUPPORTED, span, msg));
        }
    }

    /// `pkg.name` in a type position, where `path` is the package's import path: the type, or
    /// Go's error for a name that is no type, or an opaque type and a gol limit for a type gol
    /// does not describe. `None`: not a standard package (the caller decides).
    pub(super) fn std_type_name(
        &mut self,
        e: &Expr,
        pkg: &str,
        path: &str,
        sel: &Ident,
    ) -> Option<TypeId> {
        let path = canonical_path(path);
        let p = api::package(path).filter(|p| !p.internal)?;
        if let Some(m) = self.std.lookup(&mut self.types, path, &sel.name) {
            if m.kind == MemberKind::Type {
                return Some(m.ty);
            }
        }
        let Some(entry) = p.member(&sel.name) else {
            let d = format!("undefined: {pkg}.{}", sel.name);
            self.error(codes::UNDEFINED, sel.span, d);
            return Some(TypeId::INVALID);
        };
        if entry.kind != Kind::Type {
            let d = format!(
                "{pkg}.{} ({}) is not a type",
                sel.name,
                entry.operand_desc()
            );
            self.error(codes::NOT_A_TYPE, e.span, d);
            return Some(TypeId::INVALID);
        }
        self.note_std_use(e.span, pkg, path, &sel.name);
        Some(self.foreign_type(path, &sel.name))
    }

    /// `name` (spanning `span`) as the linker's qualified name of a member of a package written
    /// in gol (`iter.Pull`: link.rs qualifies every `iter.X`) that the package's gol source does
    /// not declare: Go's `undefined: iter.Nope` at the member's name, or a limit for a name Go
    /// has. Whether it reported.
    pub(super) fn source_member_missing(&mut self, name: &str, span: Span) -> bool {
        let Some((pkg, member)) = name.split_once('.') else {
            return false;
        };
        // The standard packages written in gol (slices, maps, cmp, iter) have one-element paths.
        if !crate::link::is_source_package(pkg) {
            return false;
        }
        match api::package(pkg).filter(|p| !p.internal) {
            Some(p) if p.member(member).is_some() => {
                self.limit(span, not_implemented(name));
            }
            Some(_) => {
                let at = Span {
                    lo: span.lo + pkg.len() as u32 + 1,
                    hi: span.hi,
                };
                self.error(codes::UNDEFINED, at, format!("undefined: {name}"));
            }
            // golang.org/x/sync's packages: not in the standard library's table.
            None => return false,
        }
        true
    }

    /// `name`, undeclared, where packages are dot-imported: a name Go's package has that gol
    /// lacks is a limit (Go's `undefined: name` needs every dot-imported package known).
    pub(super) fn dot_member_missing(&mut self, name: &str, span: Span) {
        for path in self.dot_paths.clone() {
            let path = canonical_path(&path);
            if let Some(p) = api::package(path).filter(|p| p.member(name).is_some()) {
                self.note_std_use(span, p.name, path, name);
                return;
            }
        }
    }

    /// A use of `pkg.name`, which Go has and gol does not: a limit naming it, or (for a package
    /// gol does not have at all) a use listed in the package's limit (`std_imports`).
    fn note_std_use(&mut self, span: Span, pkg: &str, path: &str, name: &str) {
        if gol_has_package(path) {
            self.limit(span, not_implemented(&format!("{pkg}.{name}")));
        } else {
            self.info
                .unsupported_uses
                .entry(path.to_string())
                .or_default()
                .insert(format!("{pkg}.{name}"));
        }
    }

    /// The imports' checks, once the bodies are checked: Go's errors for paths that are not
    /// importable standard packages, and a limit for each standard package gol does not have.
    pub(super) fn std_imports(&mut self, specs: &[&crate::ast::ImportSpec]) {
        for s in specs {
            let path = s.path.as_str();
            if gol_has_package(path) || path == "C" {
                continue;
            }
            match api::package(path) {
                Some(p) if p.internal => {
                    let d = if path.starts_with("vendor/") {
                        "use of vendored package not allowed".to_string()
                    } else {
                        format!("use of internal package {path} not allowed")
                    };
                    self.error(codes::UNDEFINED, s.path_span, d);
                }
                Some(_) => {
                    let uses = self.info.unsupported_uses.get(path);
                    let mut msg = not_implemented(&format!("package {path:?}"));
                    if let Some(u) = uses.filter(|u| !u.is_empty()) {
                        let list: Vec<&str> = u.iter().map(|s| s.as_str()).collect();
                        msg.push_str(&format!(" (this program uses {})", list.join(", ")));
                    }
                    self.limit(s.path_span, msg);
                }
                // A path whose first element has no dot names a standard package (Go's rule).
                None if !path.split('/').next().unwrap_or("").contains('.') => {
                    let d = format!("package {path} is not in std ($GOROOT/src/{path})");
                    self.error(codes::UNDEFINED, s.path_span, d);
                }
                None => {}
            }
        }
    }

    /// Go's view of selector `name` on the table's named type `t`.
    /// An unexported name is `NoSuch` (the caller still finds gol's own fields of that name,
    /// which gol's library sources use).
    pub(super) fn std_selector(&self, t: TypeId, name: &str) -> StdSel {
        let Some((path, tname)) = self.std.path_of(t) else {
            return StdSel::NotInApi;
        };
        let Some(p) = api::package(path) else {
            return StdSel::NotInApi;
        };
        if p.member(tname).is_none_or(|e| e.kind != Kind::Type) {
            return StdSel::NotInApi;
        }
        match p.selector(tname, name) {
            Some(e) => StdSel::Go(e, format!("{}.{tname}.{name}", p.name)),
            None => StdSel::NoSuch,
        }
    }

    /// Go's `, but does have method Name` (or `field Name`) for a standard type, from Go's API.
    pub(super) fn std_case_hint(&self, t: TypeId, name: &str) -> Option<String> {
        let (path, tname) = self.std.path_of(t)?;
        let p = api::package(path)?;
        let lower = name.to_lowercase();
        let e = p.selectors(tname).find(|e| {
            let n = e.name.split_once('.').map_or(e.name, |(_, n)| n);
            n != name && n.to_lowercase() == lower
        })?;
        let n = e.name.split_once('.').map_or(e.name, |(_, n)| n);
        let what = if e.kind == Kind::Field {
            "field"
        } else {
            "method"
        };
        Some(format!(", but does have {what} {n}"))
    }
}

impl Resolver<'_, '_> {
    /// `pkg.name` (`e`) on an imported package, where gol's tables have no such member: Go's
    /// `undefined: fmt.Prinln` (at the name, as Go reports it), or a gol limit for a name Go
    /// has (at the start of `e`).
    pub(super) fn missing_std_member(
        &mut self,
        e: &Expr,
        pkg: &str,
        path: &str,
        sel: &Ident,
    ) -> Operand {
        let path = canonical_path(path);
        let exported = sel.name.starts_with(|c: char| c.is_uppercase());
        match api::package(path).filter(|p| !p.internal) {
            Some(p) => match p.member(&sel.name) {
                Some(_) => self.c.note_std_use(e.span, pkg, path, &sel.name),
                None => {
                    let d = format!("undefined: {pkg}.{}", sel.name);
                    self.c.error(codes::UNDEFINED, sel.span, d);
                }
            },
            // Not a standard package (golang.org/x/sync's are gol source): only exported
            // names are visible outside a package.
            None if !exported => {
                let d = format!("undefined: {pkg}.{}", sel.name);
                self.c.error(codes::UNDEFINED, sel.span, d);
            }
            None => {}
        }
        Operand::invalid()
    }
}

/// One package's coverage: Go's exported names (fields excluded: they come with their type)
/// that gol implements, and the others.
pub struct Coverage {
    pub path: &'static str,
    pub implemented: Vec<&'static Entry>,
    pub missing: Vec<&'static Entry>,
}

/// Every standard package's coverage (internal ones left out), sorted by path.
pub fn coverage() -> Vec<Coverage> {
    let mut types = Types::new();
    let mut std = StdPkgs::new(&mut types);
    let mut out = Vec::new();
    for p in api::api().packages().filter(|p| !p.internal) {
        let mut c = Coverage {
            path: p.path,
            implemented: Vec::new(),
            missing: Vec::new(),
        };
        for e in p.entries.iter().filter(|e| e.kind != Kind::Field) {
            if gol_has_package(p.path) && implemented(&mut std, &mut types, p.path, e) {
                c.implemented.push(e);
            } else {
                c.missing.push(e);
            }
        }
        out.push(c);
    }
    out
}

/// Whether the checker resolves Go's name `e` of package `path`: by the tables of stdpkg.rs and
/// stdconst.rs (what `Resolver::std_member` and member lookup use) or as a name the gol sources
/// of `stdlib/` declare (which the linker makes visible).
pub fn implemented(std: &mut StdPkgs, types: &mut Types, path: &str, e: &Entry) -> bool {
    if crate::link::source_declares(path, e.name) {
        return true;
    }
    match e.kind {
        Kind::Const | Kind::Var | Kind::Func | Kind::Type => {
            std.constant(path, e.name).is_some() || std.lookup(types, path, e.name).is_some()
        }
        Kind::Method | Kind::Field => {
            let Some((tname, name)) = e.name.split_once('.') else {
                return false;
            };
            let Some(t) = std.named_in(path, tname) else {
                return false;
            };
            let declared = types
                .named_info(t)
                .is_some_and(|n| n.methods.iter().any(|m| m.name == name));
            declared
                || match types.get(types.underlying(t)) {
                    Type::Interface(i) => i.methods.iter().any(|(n, _)| n == name),
                    Type::Struct(fs) => fs.iter().any(|f| f.name == name),
                    _ => false,
                }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every exported name gol's tables declare is one of Go's, of the same kind: the tables
    /// describe Go's API, nothing else.
    #[test]
    fn gol_tables_declare_only_go_names() {
        let mut bad = Vec::new();
        for &(path, decl) in super::super::stdpkg::all_members() {
            let name = super::super::stdpkg::decl_name(decl);
            if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
                continue;
            }
            let kind = if decl.starts_with("func") {
                Kind::Func
            } else {
                Kind::Var
            };
            match api::package(path).and_then(|p| p.member(name)) {
                Some(e) if e.kind == kind => {}
                Some(e) => bad.push(format!("{path}.{name}: gol {kind:?}, Go {:?}", e.kind)),
                None => bad.push(format!("{path}.{name}: not in Go's API")),
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn coverage_counts_known_names() {
        let cov = coverage();
        let strings = cov.iter().find(|c| c.path == "strings").expect("strings");
        assert!(strings.implemented.iter().any(|e| e.name == "Repeat"));
        assert!(strings
            .implemented
            .iter()
            .any(|e| e.name == "Builder.WriteString"));
        let xml = cov.iter().find(|c| c.path == "encoding/xml").expect("xml");
        assert!(xml.implemented.is_empty() && !xml.missing.is_empty());
        let json = cov
            .iter()
            .find(|c| c.path == "encoding/json")
            .expect("json");
        assert!(json.implemented.iter().any(|e| e.name == "Marshal"));
        let slices = cov.iter().find(|c| c.path == "slices").expect("slices");
        assert!(slices.implemented.iter().any(|e| e.name == "Sort"));
    }
}
