//! STDLIB API TABLE: Go's standard-library API (`api/std.txt`, generated from the oracle
//! toolchain's sources by `tools/goapi/gen.sh`, never edited by hand) → lookups by import path
//! and name. Input: a path and a name (`"strings"`, `"ToTitle"`; `"bytes"`, `"Buffer.WriteTo"`).
//! Output: what Go declares under it (its kind and Go's spelling of its type), or `None` when Go
//! has no such exported name. The text is embedded in the binary and parsed once, on first use.
//!
//! The checker uses it to tell a typo (`undefined: fmt.Prinln`) from a name gol lacks
//! (`strings.ToTitle is not implemented in gol yet`); `gol std` to count what gol implements.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

const TEXT: &str = include_str!("api/std.txt");

/// What an exported name is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Const,
    Var,
    Func,
    Type,
    /// `Type.Method` (the method set of `*Type`, promoted methods included).
    Method,
    /// `Type.Field` (exported fields a selector on the struct reaches, promoted ones included).
    Field,
}

impl Kind {
    pub fn word(self) -> &'static str {
        match self {
            Kind::Const => "const",
            Kind::Var => "var",
            Kind::Func => "func",
            Kind::Type => "type",
            Kind::Method => "method",
            Kind::Field => "field",
        }
    }
}

/// One exported name of a package.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub kind: Kind,
    /// `Name`, or `Type.Name` for methods and fields.
    pub name: &'static str,
    /// Go's spelling of its type (tools/goapi/main.go says what each kind holds).
    pub ty: &'static str,
}

impl Entry {
    pub fn is_field(&self) -> bool {
        self.kind == Kind::Field
    }

    /// A method's receiver is a pointer (`(*T) ...`): only addressable values have it.
    pub fn pointer_receiver(&self) -> bool {
        self.kind == Kind::Method && self.ty.starts_with("(*")
    }

    /// How Go's messages describe the object as an operand (`variable of type
    /// *unicode.RangeTable`, `untyped float constant 3.14159`), for `x is not a type`.
    pub fn operand_desc(&self) -> String {
        match self.kind {
            Kind::Const => {
                let (ty, val) = self.ty.split_once(" = ").unwrap_or((self.ty, "?"));
                match ty.strip_prefix("untyped ") {
                    Some(_) => format!("{ty} constant {val}"),
                    None => format!("constant {val} of type {ty}"),
                }
            }
            Kind::Var => format!("variable of type {}", self.ty),
            _ => format!("value of type {}", self.ty),
        }
    }
}

/// One standard package.
#[derive(Debug)]
pub struct Package {
    pub path: &'static str,
    /// Its package name (`rand` for `math/rand/v2`).
    pub name: &'static str,
    /// Under `internal/` or `vendor/`: importable by the standard library only (its names are
    /// not listed).
    pub internal: bool,
    /// Every exported name, sorted by name.
    pub entries: Vec<Entry>,
    index: HashMap<&'static str, usize>,
}

impl Package {
    /// The entry named `name` (`Name` or `Type.Name`).
    pub fn get(&self, name: &str) -> Option<&Entry> {
        self.index.get(name).map(|&i| &self.entries[i])
    }

    /// A package-level name (not a method or field).
    pub fn member(&self, name: &str) -> Option<&Entry> {
        self.get(name)
            .filter(|e| !matches!(e.kind, Kind::Method | Kind::Field))
    }

    /// A method or field `name` of type `tname`.
    pub fn selector(&self, tname: &str, name: &str) -> Option<&Entry> {
        self.get(&format!("{tname}.{name}"))
    }

    /// The methods and fields of type `tname`.
    pub fn selectors<'a>(&'a self, tname: &'a str) -> impl Iterator<Item = &'a Entry> + 'a {
        self.entries.iter().filter(move |e| {
            e.name
                .split_once('.')
                .is_some_and(|(t, _)| t == tname && matches!(e.kind, Kind::Method | Kind::Field))
        })
    }
}

/// The table, parsed on first use.
pub struct Api {
    packages: BTreeMap<&'static str, Package>,
}

impl Api {
    /// The package at `path`, if the standard library has one.
    pub fn package(&self, path: &str) -> Option<&Package> {
        self.packages.get(path)
    }

    /// Every package, sorted by path.
    pub fn packages(&self) -> impl Iterator<Item = &Package> {
        self.packages.values()
    }
}

/// The standard library's API.
pub fn api() -> &'static Api {
    static API: OnceLock<Api> = OnceLock::new();
    API.get_or_init(|| parse(TEXT))
}

/// The Go release the table describes (`go1.27.3`), from its header.
pub fn go_version() -> &'static str {
    TEXT.lines()
        .next()
        .and_then(|l| l.split_once('('))
        .and_then(|(_, r)| r.split([',', ')']).next())
        .unwrap_or("go")
}

/// The standard package at `path`.
pub fn package(path: &str) -> Option<&'static Package> {
    api().package(path)
}

/// Parses the table's text. A malformed line is a bug in the generator, caught by this
/// module's tests.
fn parse(text: &'static str) -> Api {
    let mut packages: BTreeMap<&'static str, Package> = BTreeMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let mut cols = line.splitn(4, '\t');
        let (Some(path), Some(kind), Some(name), Some(ty)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let pkg = packages.entry(path).or_insert_with(|| Package {
            path,
            name: "",
            internal: false,
            entries: Vec::new(),
            index: HashMap::new(),
        });
        let kind = match kind {
            "package" => {
                pkg.name = name;
                pkg.internal = ty == "internal";
                continue;
            }
            "const" => Kind::Const,
            "var" => Kind::Var,
            "func" => Kind::Func,
            "type" => Kind::Type,
            "method" => Kind::Method,
            "field" => Kind::Field,
            _ => continue,
        };
        pkg.entries.push(Entry { kind, name, ty });
    }
    for p in packages.values_mut() {
        p.entries.sort_by_key(|e| (e.name, e.kind));
        for (i, e) in p.entries.iter().enumerate() {
            // A field and a promoted method of one name: the first (the field) is Go's.
            p.index.entry(e.name).or_insert(i);
        }
    }
    Api { packages }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_describes_the_standard_library() {
        let fmt = package("fmt").expect("fmt");
        assert_eq!(fmt.name, "fmt");
        assert_eq!(fmt.member("Println").map(|e| e.kind), Some(Kind::Func));
        assert!(fmt.member("Prinln").is_none());
        let b = package("bytes").expect("bytes");
        let w = b.selector("Buffer", "WriteTo").expect("Buffer.WriteTo");
        assert!(w.pointer_receiver());
        assert_eq!(package("math/rand/v2").map(|p| p.name), Some("rand"));
        assert!(package("internal/abi").is_some_and(|p| p.internal));
        assert!(package("foo/bar").is_none());
        assert!(go_version().starts_with("go1."));
        let l = package("unicode").and_then(|p| p.member("L")).expect("L");
        assert_eq!(l.operand_desc(), "variable of type *unicode.RangeTable");
        let pi = package("math").and_then(|p| p.member("Pi")).expect("Pi");
        assert_eq!(pi.operand_desc(), "untyped float constant 3.14159");
        // Every line parsed: no package without a name.
        assert!(api().packages().all(|p| !p.name.is_empty()));
    }
}
