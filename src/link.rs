//! LINKER: a parsed program + the gol-source packages it imports → one file. Input: the user's
//! parsed file and its `Source`. Output: the same file with the declarations of every package
//! written in gol (`stdlib/`, embedded in the binary) that it imports, directly or not,
//! appended — each package-level name qualified with its package (`Sort` in package slices
//! becomes `slices.Sort`, a name no Go identifier can spell, so nothing collides) — and the
//! packages' texts appended to the `Source`, so every span still points at its own text.
//!
//! The checker and compiler then see one package: `slices.Sort(x)` in user code is a selector
//! on an imported package that they resolve to the package-level name `slices.Sort`.
//!
//! Invariant (kept by the package sources, checked by `tests/programs`): inside a package, a
//! local name never shadows a package-level name of that package that the same function uses
//! (the renaming below tracks scopes, but only function-level ones and blocks).

use crate::ast::*;
use crate::diag::Diagnostic;
use crate::span::Source;

mod prune;
use prune::{prune, Linked};
use std::collections::{HashMap, HashSet};

/// The packages written in gol: import path → files (name, text).
const PACKAGES: &[(&str, &[(&str, &str)])] = &[
    (
        "cmp",
        &[("cmp/cmp.gol", include_str!("../stdlib/cmp/cmp.gol"))],
    ),
    (
        "slices",
        &[
            (
                "slices/slices.gol",
                include_str!("../stdlib/slices/slices.gol"),
            ),
            ("slices/sort.gol", include_str!("../stdlib/slices/sort.gol")),
            (
                "slices/sort_ordered.gol",
                include_str!("../stdlib/slices/sort_ordered.gol"),
            ),
            (
                "slices/sort_cmpfunc.gol",
                include_str!("../stdlib/slices/sort_cmpfunc.gol"),
            ),
            ("slices/iter.gol", include_str!("../stdlib/slices/iter.gol")),
        ],
    ),
    (
        "iter",
        &[("iter/iter.gol", include_str!("../stdlib/iter/iter.gol"))],
    ),
    (
        "log",
        &[("log/log.gol", include_str!("../stdlib/log/log.gol"))],
    ),
    (
        "log/slog",
        &[
            (
                "log/slog/value.gol",
                include_str!("../stdlib/log/slog/value.gol"),
            ),
            (
                "log/slog/handler.gol",
                include_str!("../stdlib/log/slog/handler.gol"),
            ),
            (
                "log/slog/logger.gol",
                include_str!("../stdlib/log/slog/logger.gol"),
            ),
        ],
    ),
    (
        "unique",
        &[(
            "unique/unique.gol",
            include_str!("../stdlib/unique/unique.gol"),
        )],
    ),
    (
        "context",
        &[(
            "context/context.gol",
            include_str!("../stdlib/context/context.gol"),
        )],
    ),
    (
        "runtime/debug",
        &[(
            "runtime/debug/debug.gol",
            include_str!("../stdlib/runtime/debug/debug.gol"),
        )],
    ),
    (
        "golang.org/x/sync/errgroup",
        &[(
            "golang.org/x/sync/errgroup/errgroup.gol",
            include_str!("../stdlib/golang.org/x/sync/errgroup/errgroup.gol"),
        )],
    ),
    (
        "golang.org/x/sync/singleflight",
        &[(
            "golang.org/x/sync/singleflight/singleflight.gol",
            include_str!("../stdlib/golang.org/x/sync/singleflight/singleflight.gol"),
        )],
    ),
    (
        "golang.org/x/sync/semaphore",
        &[(
            "golang.org/x/sync/semaphore/semaphore.gol",
            include_str!("../stdlib/golang.org/x/sync/semaphore/semaphore.gol"),
        )],
    ),
    (
        "maps",
        &[("maps/maps.gol", include_str!("../stdlib/maps/maps.gol"))],
    ),
    (
        "path",
        &[("path/path.gol", include_str!("../stdlib/path/path.gol"))],
    ),
    (
        "io/fs",
        &[
            ("io/fs/fs.gol", include_str!("../stdlib/io/fs/fs.gol")),
            (
                "io/fs/helpers.gol",
                include_str!("../stdlib/io/fs/helpers.gol"),
            ),
            ("io/fs/sub.gol", include_str!("../stdlib/io/fs/sub.gol")),
        ],
    ),
    (
        "os/signal",
        &[(
            "os/signal/signal.gol",
            include_str!("../stdlib/os/signal/signal.gol"),
        )],
    ),
    (
        "syscall",
        &[(
            "syscall/syscall.gol",
            include_str!("../stdlib/syscall/syscall.gol"),
        )],
    ),
    (
        "path/filepath",
        &[
            (
                "path/filepath/filepath.gol",
                include_str!("../stdlib/path/filepath/filepath.gol"),
            ),
            (
                "path/filepath/walk.gol",
                include_str!("../stdlib/path/filepath/walk.gol"),
            ),
        ],
    ),
    (
        "text/tabwriter",
        &[(
            "text/tabwriter/tabwriter.gol",
            include_str!("../stdlib/text/tabwriter/tabwriter.gol"),
        )],
    ),
    (
        "unicode/utf16",
        &[(
            "unicode/utf16/utf16.gol",
            include_str!("../stdlib/unicode/utf16/utf16.gol"),
        )],
    ),
    (
        "encoding/binary",
        &[
            (
                "encoding/binary/order.gol",
                include_str!("../stdlib/encoding/binary/order.gol"),
            ),
            (
                "encoding/binary/varint.gol",
                include_str!("../stdlib/encoding/binary/varint.gol"),
            ),
            (
                "encoding/binary/data.gol",
                include_str!("../stdlib/encoding/binary/data.gol"),
            ),
        ],
    ),
    (
        "encoding/csv",
        &[
            (
                "encoding/csv/reader.gol",
                include_str!("../stdlib/encoding/csv/reader.gol"),
            ),
            (
                "encoding/csv/writer.gol",
                include_str!("../stdlib/encoding/csv/writer.gol"),
            ),
        ],
    ),
    (
        "encoding",
        &[(
            "encoding/encoding.gol",
            include_str!("../stdlib/encoding/encoding.gol"),
        )],
    ),
    (
        "encoding/json",
        &[
            (
                "encoding/json/encode.gol",
                include_str!("../stdlib/encoding/json/encode.gol"),
            ),
            (
                "encoding/json/fields.gol",
                include_str!("../stdlib/encoding/json/fields.gol"),
            ),
            (
                "encoding/json/decode.gol",
                include_str!("../stdlib/encoding/json/decode.gol"),
            ),
            (
                "encoding/json/scanner.gol",
                include_str!("../stdlib/encoding/json/scanner.gol"),
            ),
            (
                "encoding/json/stream.gol",
                include_str!("../stdlib/encoding/json/stream.gol"),
            ),
        ],
    ),
    (
        "encoding/hex",
        &[(
            "encoding/hex/hex.gol",
            include_str!("../stdlib/encoding/hex/hex.gol"),
        )],
    ),
    (
        "hash",
        &[("hash/hash.gol", include_str!("../stdlib/hash/hash.gol"))],
    ),
    (
        "hash/fnv",
        &[(
            "hash/fnv/fnv.gol",
            include_str!("../stdlib/hash/fnv/fnv.gol"),
        )],
    ),
    (
        "hash/crc32",
        &[(
            "hash/crc32/crc32.gol",
            include_str!("../stdlib/hash/crc32/crc32.gol"),
        )],
    ),
    (
        "crypto/sha256",
        &[(
            "crypto/sha256/sha256.gol",
            include_str!("../stdlib/crypto/sha256/sha256.gol"),
        )],
    ),
    (
        "crypto/sha512",
        &[(
            "crypto/sha512/sha512.gol",
            include_str!("../stdlib/crypto/sha512/sha512.gol"),
        )],
    ),
    (
        "crypto/sha1",
        &[(
            "crypto/sha1/sha1.gol",
            include_str!("../stdlib/crypto/sha1/sha1.gol"),
        )],
    ),
    (
        "crypto/md5",
        &[(
            "crypto/md5/md5.gol",
            include_str!("../stdlib/crypto/md5/md5.gol"),
        )],
    ),
    (
        "crypto/hmac",
        &[(
            "crypto/hmac/hmac.gol",
            include_str!("../stdlib/crypto/hmac/hmac.gol"),
        )],
    ),
    (
        "crypto/subtle",
        &[(
            "crypto/subtle/subtle.gol",
            include_str!("../stdlib/crypto/subtle/subtle.gol"),
        )],
    ),
    (
        "crypto/rand",
        &[(
            "crypto/rand/rand.gol",
            include_str!("../stdlib/crypto/rand/rand.gol"),
        )],
    ),
    (
        "hash/crc64",
        &[(
            "hash/crc64/crc64.gol",
            include_str!("../stdlib/hash/crc64/crc64.gol"),
        )],
    ),
    (
        "encoding/base32",
        &[(
            "encoding/base32/base32.gol",
            include_str!("../stdlib/encoding/base32/base32.gol"),
        )],
    ),
    (
        "hash/adler32",
        &[(
            "hash/adler32/adler32.gol",
            include_str!("../stdlib/hash/adler32/adler32.gol"),
        )],
    ),
    (
        "flag",
        &[("flag/flag.gol", include_str!("../stdlib/flag/flag.gol"))],
    ),
    (
        "encoding/base64",
        &[(
            "encoding/base64/base64.gol",
            include_str!("../stdlib/encoding/base64/base64.gol"),
        )],
    ),
    (
        "container/heap",
        &[(
            "container/heap/heap.gol",
            include_str!("../stdlib/container/heap/heap.gol"),
        )],
    ),
    (
        "container/list",
        &[(
            "container/list/list.gol",
            include_str!("../stdlib/container/list/list.gol"),
        )],
    ),
    (
        "container/ring",
        &[(
            "container/ring/ring.gol",
            include_str!("../stdlib/container/ring/ring.gol"),
        )],
    ),
    (
        "regexp/syntax",
        &[(
            "regexp/syntax/syntax.gol",
            include_str!("../stdlib/regexp/syntax/syntax.gol"),
        )],
    ),
    (
        "regexp",
        &[
            (
                "regexp/natives.gol",
                include_str!("../stdlib/regexp/natives.gol"),
            ),
            (
                "regexp/regexp.gol",
                include_str!("../stdlib/regexp/regexp.gol"),
            ),
            (
                "regexp/replace.gol",
                include_str!("../stdlib/regexp/replace.gol"),
            ),
        ],
    ),
    (
        "testing",
        &[
            (
                "testing/natives.gol",
                include_str!("../stdlib/testing/natives.gol"),
            ),
            (
                "testing/testing.gol",
                include_str!("../stdlib/testing/testing.gol"),
            ),
            (
                "testing/main.gol",
                include_str!("../stdlib/testing/main.gol"),
            ),
            (
                "testing/example.gol",
                include_str!("../stdlib/testing/example.gol"),
            ),
            (
                "testing/bench.gol",
                include_str!("../stdlib/testing/bench.gol"),
            ),
            (
                "testing/fuzz.gol",
                include_str!("../stdlib/testing/fuzz.gol"),
            ),
            (
                "testing/fuzzcall.gol",
                include_str!("../stdlib/testing/fuzzcall.gol"),
            ),
        ],
    ),
    (
        "testing/synctest",
        &[(
            "testing/synctest/synctest.gol",
            include_str!("../stdlib/testing/synctest/synctest.gol"),
        )],
    ),
    (
        "bufio",
        &[
            (
                "bufio/reader.gol",
                include_str!("../stdlib/bufio/reader.gol"),
            ),
            (
                "bufio/writer.gol",
                include_str!("../stdlib/bufio/writer.gol"),
            ),
            ("bufio/scan.gol", include_str!("../stdlib/bufio/scan.gol")),
            ("bufio/split.gol", include_str!("../stdlib/bufio/split.gol")),
        ],
    ),
    (
        "sort",
        &[
            ("sort/sort.gol", include_str!("../stdlib/sort/sort.gol")),
            ("sort/slice.gol", include_str!("../stdlib/sort/slice.gol")),
            ("sort/search.gol", include_str!("../stdlib/sort/search.gol")),
            (
                "sort/sort_func.gol",
                include_str!("../stdlib/sort/sort_func.gol"),
            ),
            (
                "sort/sort_interface.gol",
                include_str!("../stdlib/sort/sort_interface.gol"),
            ),
            (
                "sort/natives.gol",
                include_str!("../stdlib/sort/natives.gol"),
            ),
        ],
    ),
];

/// Parts of native standard packages written in gol (their generic members): import path →
/// files. Only the names these files declare are qualified in user code.
const SUPPLEMENTS: &[(&str, &[(&str, &str)])] = &[
    (
        "runtime",
        &[(
            "runtime/runtime.gol",
            include_str!("../stdlib/runtime/runtime.gol"),
        )],
    ),
    (
        "math/rand",
        &[
            (
                "math/rand/rand.gol",
                include_str!("../stdlib/math/rand/rand.gol"),
            ),
            (
                "math/rand/rng.gol",
                include_str!("../stdlib/math/rand/rng.gol"),
            ),
            (
                "math/rand/dist.gol",
                include_str!("../stdlib/math/rand/dist.gol"),
            ),
        ],
    ),
    (
        "math/rand/v2",
        &[
            (
                "math/rand/v2/rand.gol",
                include_str!("../stdlib/math/rand/v2/rand.gol"),
            ),
            (
                "math/rand/v2/pcg.gol",
                include_str!("../stdlib/math/rand/v2/pcg.gol"),
            ),
            (
                "math/rand/v2/chacha8.gol",
                include_str!("../stdlib/math/rand/v2/chacha8.gol"),
            ),
            (
                "math/rand/v2/dist.gol",
                include_str!("../stdlib/math/rand/v2/dist.gol"),
            ),
        ],
    ),
    (
        "time",
        &[
            ("time/time.gol", include_str!("../stdlib/time/time.gol")),
            (
                "time/calendar.gol",
                include_str!("../stdlib/time/calendar.gol"),
            ),
            ("time/format.gol", include_str!("../stdlib/time/format.gol")),
            ("time/parse.gol", include_str!("../stdlib/time/parse.gol")),
            ("time/zone.gol", include_str!("../stdlib/time/zone.gol")),
            ("time/tzif.gol", include_str!("../stdlib/time/tzif.gol")),
            (
                "time/marshal.gol",
                include_str!("../stdlib/time/marshal.gol"),
            ),
        ],
    ),
    (
        "io",
        &[
            ("io/io.gol", include_str!("../stdlib/io/io.gol")),
            ("io/helpers.gol", include_str!("../stdlib/io/helpers.gol")),
            ("io/multi.gol", include_str!("../stdlib/io/multi.gol")),
            ("io/pipe.gol", include_str!("../stdlib/io/pipe.gol")),
        ],
    ),
    (
        "os",
        &[
            ("os/types.gol", include_str!("../stdlib/os/types.gol")),
            ("os/file.gol", include_str!("../stdlib/os/file.gol")),
            ("os/dir.gol", include_str!("../stdlib/os/dir.gol")),
            ("os/proc.gol", include_str!("../stdlib/os/proc.gol")),
        ],
    ),
    (
        "strings",
        &[
            (
                "strings/funcs.gol",
                include_str!("../stdlib/strings/funcs.gol"),
            ),
            (
                "strings/iter.gol",
                include_str!("../stdlib/strings/iter.gol"),
            ),
            (
                "strings/more.gol",
                include_str!("../stdlib/strings/more.gol"),
            ),
        ],
    ),
    (
        "bytes",
        &[
            ("bytes/iter.gol", include_str!("../stdlib/bytes/iter.gol")),
            ("bytes/funcs.gol", include_str!("../stdlib/bytes/funcs.gol")),
            (
                "bytes/reader.gol",
                include_str!("../stdlib/bytes/reader.gol"),
            ),
        ],
    ),
    (
        "math/cmplx",
        &[(
            "math/cmplx/trig.gol",
            include_str!("../stdlib/math/cmplx/trig.gol"),
        )],
    ),
    (
        "errors",
        &[("errors/more.gol", include_str!("../stdlib/errors/more.gol"))],
    ),
    (
        "fmt",
        &[("fmt/append.gol", include_str!("../stdlib/fmt/append.gol"))],
    ),
    (
        "unicode",
        &[
            (
                "unicode/letter.gol",
                include_str!("../stdlib/unicode/letter.gol"),
            ),
            (
                "unicode/tables.gol",
                include_str!("../stdlib/unicode/tables.gol"),
            ),
        ],
    ),
    (
        "reflect",
        &[(
            "reflect/value.gol",
            include_str!("../stdlib/reflect/value.gol"),
        )],
    ),
    (
        "sync",
        &[
            (
                "sync/oncevalue.gol",
                include_str!("../stdlib/sync/oncevalue.gol"),
            ),
            ("sync/map.gol", include_str!("../stdlib/sync/map.gol")),
        ],
    ),
    (
        "sync/atomic",
        &[
            (
                "sync/atomic/pointer.gol",
                include_str!("../stdlib/sync/atomic/pointer.gol"),
            ),
            (
                "sync/atomic/value.gol",
                include_str!("../stdlib/sync/atomic/value.gol"),
            ),
        ],
    ),
];

/// Whether the package at `path` is written in gol (and linked in by `link`).
pub fn is_source_package(path: &str) -> bool {
    PACKAGES.iter().any(|(p, _)| *p == path)
}

/// Whether the gol sources of package `path` (a source package or a supplement) declare
/// `name`: a package-level name, or `Type.Method` for a method. What `gol std` counts as
/// implemented for these packages (the linker makes exactly these names visible).
pub fn source_declares(path: &str, name: &str) -> bool {
    static DECLARED: std::sync::OnceLock<HashMap<&'static str, HashSet<String>>> =
        std::sync::OnceLock::new();
    let declared = DECLARED.get_or_init(|| {
        let mut m: HashMap<&'static str, HashSet<String>> = HashMap::new();
        for &(p, files) in PACKAGES.iter().chain(SUPPLEMENTS) {
            let names = m.entry(p).or_default();
            let parsed: Vec<_> = files
                .iter()
                .filter_map(|(_, text)| crate::parser::parse(text).file)
                .collect();
            for f in &parsed {
                names.extend(top_level_names(f));
                for item in &f.items {
                    // An interface declared in gol has all of its (Go) methods, embedded ones
                    // included: `T.*` stands for them.
                    if let Item::Decl(GenDecl {
                        kind: DeclKind::Type(specs),
                        ..
                    }) = item
                    {
                        for ts in specs {
                            if matches!(ts.ty.kind, ExprKind::InterfaceType(_)) {
                                names.insert(format!("{}.*", ts.name.name));
                            }
                        }
                    }
                    let Item::Func(fd) = item else { continue };
                    let Some(r) = &fd.recv else { continue };
                    let mut t = &r.ty;
                    while let ExprKind::Star(x) | ExprKind::Paren(x) | ExprKind::Index(x, _) =
                        &t.kind
                    {
                        t = x.as_ref();
                    }
                    if let ExprKind::Ident(tn) = &t.kind {
                        names.insert(format!("{tn}.{}", fd.name.name));
                    }
                }
            }
            for f in &parsed {
                promote_embedded(f, names);
            }
        }
        m
    });
    declared.get(path).is_some_and(|n| {
        n.contains(name)
            || name
                .split_once('.')
                .is_some_and(|(t, _)| n.contains(&format!("{t}.*")))
    })
}

/// Adds `T.M` for the methods a struct type `T` of `f` gets from the package's own types it
/// embeds (`ReadWriter{*Reader; *Writer}`), one level deep: a method two embedded types both
/// have is ambiguous in Go and is not promoted, nor is one `T` declares itself.
fn promote_embedded(f: &crate::ast::File, names: &mut HashSet<String>) {
    for item in &f.items {
        let Item::Decl(GenDecl {
            kind: DeclKind::Type(specs),
            ..
        }) = item
        else {
            continue;
        };
        for ts in specs {
            let ExprKind::StructType(fields) = &ts.ty.kind else {
                continue;
            };
            let mut own: HashSet<&str> = HashSet::new();
            let mut promoted: HashMap<String, usize> = HashMap::new();
            for fld in fields {
                if !fld.names.is_empty() {
                    own.extend(fld.names.iter().map(|n| n.name.as_str()));
                    continue;
                }
                let mut t = &fld.ty;
                while let ExprKind::Star(x) | ExprKind::Paren(x) = &t.kind {
                    t = x.as_ref();
                }
                let ExprKind::Ident(en) = &t.kind else {
                    continue;
                };
                own.insert(en.as_str());
                let prefix = format!("{en}.");
                for n in names.iter() {
                    if let Some(m) = n.strip_prefix(&prefix) {
                        *promoted.entry(m.to_string()).or_default() += 1;
                    }
                }
            }
            let tn = &ts.name.name;
            for (m, count) in promoted {
                let declared = names.contains(&format!("{tn}.{m}"));
                if count == 1 && !own.contains(m.as_str()) && !declared {
                    names.insert(format!("{tn}.{m}"));
                }
            }
        }
    }
}

/// The name a source package's members get (`slices.Sort`).
pub fn qualified(path: &str, member: &str) -> String {
    format!("{}.{member}", qualifier(path))
}

/// What a gol-written package's members are qualified with: its package name, or its whole
/// import path when another gol-written package has the same name (`math/rand`,
/// `math/rand/v2` and `crypto/rand` are all `rand`), so a program importing two of them
/// gets two sets of names. Traces print the path as Go does (`math/rand.(*Rand).Intn`);
/// type spellings keep Go's `rand.Rand` (`Types::write`).
pub fn qualifier(path: &str) -> String {
    let name = crate::types::check::import_name(path);
    let shared = PACKAGES
        .iter()
        .chain(SUPPLEMENTS)
        .filter(|(p, _)| crate::types::check::import_name(p) == name)
        .count()
        > 1;
    if shared {
        path.to_string()
    } else {
        name.to_string()
    }
}

/// Appends the source packages `file` imports to it (and their texts to `src`). Diagnostics
/// are only for broken package sources (a gol bug), never for the user's program.
pub fn link(file: &mut File, src: &mut Source) -> Vec<Diagnostic> {
    link_with(file, src, true)
}

/// `link` without dropping unreachable declarations: for the REPL, whose later inputs may
/// use what an earlier one linked (and whose carried functions are not all in the file).
pub fn link_all(file: &mut File, src: &mut Source) -> Vec<Diagnostic> {
    link_with(file, src, false)
}

fn link_with(file: &mut File, src: &mut Source, reachable_only: bool) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let mut todo: Vec<String> = imports_of(file)
        .into_iter()
        .filter(|p| is_source_package(p))
        .collect();
    // The user's uses of source packages: `slices.Sort` → the qualified name. A script may use
    // them without importing them (if it does not declare the name itself).
    let mut qual: HashMap<String, Qual> = HashMap::new();
    let mut dots: HashMap<String, String> = HashMap::new();
    let mut supplements: Vec<&str> = Vec::new();
    for item in &file.items {
        if let Item::Decl(GenDecl {
            kind: DeclKind::Import(specs),
            ..
        }) = item
        {
            for s in specs.iter() {
                let pkg = qualifier(&s.path);
                let local = s.name.as_ref().map_or_else(
                    || crate::types::check::import_name(&s.path).to_string(),
                    |n| n.name.clone(),
                );
                if local == "." {
                    // A dot import: the package's gol-written exported names, used bare.
                    let files = PACKAGES
                        .iter()
                        .chain(SUPPLEMENTS)
                        .find(|(p, _)| *p == s.path)
                        .map(|(_, f)| *f);
                    if let Some(files) = files {
                        let names = supplement_names(files);
                        let exported = names
                            .into_iter()
                            .filter(|n| n.starts_with(|c: char| c.is_uppercase()));
                        for n in exported {
                            dots.insert(n, pkg.clone());
                        }
                        if !is_source_package(&s.path) {
                            todo.push(s.path.clone());
                        }
                    }
                    continue;
                }
                if is_source_package(&s.path) {
                    qual.insert(local, (pkg, None));
                } else if let Some((path, files)) = SUPPLEMENTS.iter().find(|(p, _)| *p == s.path) {
                    qual.insert(local, (pkg, Some(supplement_names(files))));
                    supplements.push(path);
                }
            }
        }
    }
    if file.package.is_none() {
        let declared = top_level_names(file);
        for (path, _) in PACKAGES.iter().chain(SUPPLEMENTS) {
            let pkg = crate::types::check::import_name(path);
            // A script's `rand` is math/rand, whichever `rand` is listed first.
            if crate::types::known_package(pkg)
                && [*path, pkg].contains(&crate::types::stdpkg::canonical_path(pkg))
                && !qual.contains_key(pkg)
                && !declared.contains(pkg)
                && src.text.contains(&format!("{pkg}."))
            {
                if is_source_package(path) {
                    qual.insert(pkg.to_string(), (qualifier(path), None));
                    todo.push(path.to_string());
                } else if let Some((p, files)) = SUPPLEMENTS.iter().find(|(p, _)| p == path) {
                    qual.insert(
                        pkg.to_string(),
                        (qualifier(path), Some(supplement_names(files))),
                    );
                    supplements.push(p);
                }
            }
        }
    }
    // A supplement is linked only if the program uses one of its names.
    let uses = |pkg: &str, names: &HashSet<String>| {
        names
            .iter()
            .any(|n| src.text.contains(&format!("{pkg}.{n}")))
    };
    for path in supplements {
        let pkg = qualifier(path);
        let locals: Vec<&String> = qual
            .iter()
            .filter(|(_, (p, f))| *p == pkg && f.is_some())
            .map(|(l, _)| l)
            .collect();
        let names = supplement_names(
            SUPPLEMENTS
                .iter()
                .find(|(p, _)| *p == path)
                .expect("listed")
                .1,
        );
        // time's Time, Month and Weekday are gol types whose String methods fmt calls even
        // when the program never names them (a tick received from a Ticker's channel).
        if path == "time" || locals.iter().any(|l| uses(l, &names)) {
            todo.push(path.to_string());
        }
    }
    let user_qual: HashMap<String, String> = qual
        .iter()
        .map(|(l, (q, _))| (l.clone(), q.clone()))
        .collect();
    if !qual.is_empty() || !dots.is_empty() {
        let none = HashSet::new();
        let mut r = Renamer {
            pkg: "",
            names: &none,
            qual: &qual,
            scopes: vec![HashSet::new()],
            used: HashSet::new(),
            native_used: HashSet::new(),
            dots: &dots,
        };
        for item in &mut file.items {
            match item {
                Item::Decl(d) => r.decl(d, true),
                Item::Func(fd) => r.func_decl(fd),
                Item::Stmt(s) => r.stmt(s),
            }
        }
        let used = std::mem::take(&mut r.used);
        file.linked_imports = qual
            .into_iter()
            .filter(|(l, (_, f))| f.is_none() || used.contains(l))
            .map(|(l, _)| l)
            .collect();
    }
    let mut done: HashSet<String> = HashSet::new();
    let mut linked: Vec<Linked> = Vec::new();
    while let Some(path) = todo.pop() {
        if !done.insert(path.clone()) {
            continue;
        }
        let Some((_, files)) = PACKAGES.iter().chain(SUPPLEMENTS).find(|(p, _)| *p == path) else {
            continue;
        };
        let mut parsed = Vec::new();
        for (name, text) in files.iter() {
            let base = src.append(&format!("$GOROOT/src/{name}"), text);
            // Padding puts every span of the package at its offset in the combined text.
            let padded = format!("{}{text}", " ".repeat(base));
            let p = crate::parser::parse(&padded);
            diags.extend(p.diags);
            if let Some(f) = p.file {
                parsed.push(f);
            }
        }
        let pkg = qualifier(&path);
        // The package-level names the package declares (methods are not: they live on types).
        let mut names: HashSet<String> = HashSet::new();
        for f in &parsed {
            names.extend(top_level_names(f));
        }
        names.remove("init");
        for mut f in parsed {
            // Imports of other source packages are qualified away; standard ones stay.
            let mut qual: HashMap<String, Qual> = HashMap::new();
            for item in &f.items {
                if let Item::Decl(GenDecl {
                    kind: DeclKind::Import(specs),
                    ..
                }) = item
                {
                    for s in specs {
                        if is_source_package(&s.path) {
                            let local = s.name.as_ref().map_or_else(
                                || crate::types::check::import_name(&s.path).to_string(),
                                |n| n.name.clone(),
                            );
                            qual.insert(local, (qualifier(&s.path), None));
                            todo.push(s.path.clone());
                        } else if s.path != path {
                            // Another package's supplement: its gol-written members
                            // (io.ReadFull, io.ErrUnexpectedEOF) are linked in too.
                            if let Some((_, files)) = SUPPLEMENTS.iter().find(|(p, _)| *p == s.path)
                            {
                                let local = s.name.as_ref().map_or_else(
                                    || crate::types::check::import_name(&s.path).to_string(),
                                    |n| n.name.clone(),
                                );
                                qual.insert(
                                    local,
                                    (qualifier(&s.path), Some(supplement_names(files))),
                                );
                                todo.push(s.path.clone());
                            }
                        }
                    }
                }
            }
            let no_dots = HashMap::new();
            let mut r = Renamer {
                pkg: &pkg,
                names: &names,
                qual: &qual,
                scopes: Vec::new(),
                used: HashSet::new(),
                native_used: HashSet::new(),
                dots: &no_dots,
            };
            for item in &mut f.items {
                match item {
                    Item::Decl(GenDecl {
                        kind: DeclKind::Import(specs),
                        ..
                    }) => {
                        specs.retain(|s| !is_source_package(&s.path));
                    }
                    Item::Decl(d) => r.decl(d, true),
                    Item::Func(fd) => r.func_decl(fd),
                    Item::Stmt(s) => r.stmt(s),
                }
            }
            // A supplemented package imported only for its gol-written members (log uses
            // runtime.Caller alone) is no import of the native package: drop it, or the checker
            // would call it unused.
            for item in &mut f.items {
                if let Item::Decl(GenDecl {
                    kind: DeclKind::Import(specs),
                    ..
                }) = item
                {
                    specs.retain(|s| {
                        let local = s.name.as_ref().map_or_else(
                            || crate::types::check::import_name(&s.path).to_string(),
                            |n| n.name.clone(),
                        );
                        !r.used.contains(&local) || r.native_used.contains(&local)
                    });
                }
            }
            // The file's import names → the names its members are qualified with.
            let mut imports: HashMap<String, String> = HashMap::new();
            for item in &f.items {
                if let Item::Decl(GenDecl {
                    kind: DeclKind::Import(specs),
                    ..
                }) = item
                {
                    for s in specs {
                        let local = s.name.as_ref().map_or_else(
                            || crate::types::check::import_name(&s.path).to_string(),
                            |n| n.name.clone(),
                        );
                        imports.insert(local, qualifier(&s.path));
                    }
                }
            }
            for (local, (q, _)) in &qual {
                imports.insert(local.clone(), q.clone());
            }
            let from = file.items.len();
            file.items.extend(f.items.into_iter().filter(|i| {
                !matches!(i, Item::Decl(GenDecl { kind: DeclKind::Import(specs), .. }) if specs.is_empty())
            }));
            linked.push((from..file.items.len(), pkg.clone(), imports));
        }
    }
    if let Some(first) = linked
        .first()
        .map(|(r, _, _)| r.start)
        .filter(|_| reachable_only)
    {
        prune(file, first, &linked, &src.text, &user_qual, &dots);
    }
    diags
}

/// How a package name is qualified: the package's name, and (for a supplement) the only
/// members that are linked in.
type Qual = (String, Option<HashSet<String>>);

/// The package-level names a supplement's files declare (parsed on their own just for that).
fn supplement_names(files: &[(&str, &str)]) -> HashSet<String> {
    let mut names = HashSet::new();
    for (_, text) in files {
        if let Some(f) = crate::parser::parse(text).file {
            names.extend(top_level_names(&f));
        }
    }
    names
}

/// The names a file declares at the package level.
fn top_level_names(file: &File) -> HashSet<String> {
    let mut names = HashSet::new();
    for item in &file.items {
        match item {
            Item::Func(fd) if fd.recv.is_none() => {
                names.insert(fd.name.name.clone());
            }
            Item::Decl(GenDecl {
                kind: DeclKind::Type(specs),
                ..
            }) => {
                names.extend(specs.iter().map(|s| s.name.name.clone()));
            }
            Item::Decl(GenDecl {
                kind: DeclKind::Var(specs) | DeclKind::Const(specs),
                ..
            }) => {
                names.extend(
                    specs
                        .iter()
                        .flat_map(|s| s.names.iter().map(|n| n.name.clone())),
                );
            }
            _ => {}
        }
    }
    names
}

fn imports_of(file: &File) -> Vec<String> {
    let mut out = Vec::new();
    for item in &file.items {
        if let Item::Decl(GenDecl {
            kind: DeclKind::Import(specs),
            ..
        }) = item
        {
            out.extend(specs.iter().map(|s| s.path.clone()));
        }
    }
    out
}

/// Qualifies a package's names in its own code: uses of its package-level names (unless a
/// local shadows them) and selectors on the source packages it imports.
struct Renamer<'r> {
    pkg: &'r str,
    names: &'r HashSet<String>,
    /// Local import name → package name (and member filter), for imported source packages.
    qual: &'r HashMap<String, Qual>,
    scopes: Vec<HashSet<String>>,
    /// The import names whose members were qualified (so the import is used, even if only a
    /// supplement's names were).
    used: HashSet<String>,
    /// The import names of supplemented packages used for a native member too.
    native_used: HashSet<String>,
    /// Dot imports (`import . "slices"`): a gol-written exported name → its package's
    /// qualifier, for bare uses in the user's code.
    dots: &'r HashMap<String, String>,
}

impl Renamer<'_> {
    fn local(&self, n: &str) -> bool {
        self.scopes.iter().any(|s| s.contains(n))
    }

    fn bind(&mut self, n: &str) {
        if let Some(s) = self.scopes.last_mut() {
            s.insert(n.to_string());
        }
    }

    fn name(&self, n: &mut String) {
        if self.names.contains(n.as_str()) && !self.local(n) {
            *n = format!("{}.{n}", self.pkg);
        } else if let Some(q) = self.dots.get(n.as_str()).filter(|_| !self.local(n)) {
            *n = format!("{q}.{n}");
        }
    }

    fn decl(&mut self, d: &mut GenDecl, top: bool) {
        match &mut d.kind {
            DeclKind::Import(_) => {}
            DeclKind::Var(specs) | DeclKind::Const(specs) => {
                for s in specs {
                    if let Some(t) = &mut s.ty {
                        self.expr(t);
                    }
                    s.values.iter_mut().for_each(|v| self.expr(v));
                    for n in &mut s.names {
                        if top {
                            self.name(&mut n.name);
                        } else {
                            self.bind(&n.name);
                        }
                    }
                }
            }
            DeclKind::Type(specs) => {
                for s in specs {
                    if top {
                        self.name(&mut s.name.name);
                    } else {
                        self.bind(&s.name.name);
                    }
                    self.scopes.push(HashSet::new());
                    self.fields(&mut s.tparams, true);
                    self.expr(&mut s.ty);
                    self.scopes.pop();
                }
            }
        }
    }

    /// Field lists: types renamed; names bound when `bind` (parameters, type parameters).
    fn fields(&mut self, fields: &mut [Field], bind: bool) {
        if bind {
            for f in fields.iter() {
                for n in &f.names {
                    self.bind(&n.name);
                }
            }
        }
        for f in fields.iter_mut() {
            self.expr(&mut f.ty);
        }
    }

    fn func_decl(&mut self, fd: &mut FuncDecl) {
        if fd.recv.is_none() && fd.name.name != "init" {
            self.name(&mut fd.name.name);
        }
        self.scopes.push(HashSet::new());
        self.fields(&mut fd.tparams, true);
        if let Some(r) = &mut fd.recv {
            // Receiver type parameters (`Stack[T]`) are bound by the receiver.
            let mut base = &r.ty;
            while let ExprKind::Star(x) | ExprKind::Paren(x) = &base.kind {
                base = x;
            }
            if let ExprKind::Index(_, args) = &base.kind {
                for a in args {
                    if let ExprKind::Ident(n) = &a.kind {
                        let n = n.clone();
                        self.bind(&n);
                    }
                }
            }
            self.expr(&mut r.ty);
            for n in &r.names {
                let n = n.name.clone();
                self.bind(&n);
            }
        }
        self.func_type(&mut fd.sig);
        if let Some(b) = &mut fd.body {
            self.block(b);
        }
        self.scopes.pop();
    }

    fn func_type(&mut self, ft: &mut FuncType) {
        self.fields(&mut ft.params, true);
        self.fields(&mut ft.results, true);
    }

    fn block(&mut self, b: &mut Block) {
        self.scopes.push(HashSet::new());
        b.stmts.iter_mut().for_each(|s| self.stmt(s));
        self.scopes.pop();
    }

    fn opt_stmt(&mut self, s: &mut Option<Box<Stmt>>) {
        if let Some(s) = s {
            self.stmt(s);
        }
    }

    fn stmt(&mut self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Bad | StmtKind::Empty | StmtKind::Branch(..) => {}
            StmtKind::Decl(d) => self.decl(d, false),
            StmtKind::Labeled(_, s) => self.stmt(s),
            StmtKind::Expr(e) | StmtKind::Go(e) | StmtKind::Defer(e) | StmtKind::IncDec(e, _) => {
                self.expr(e)
            }
            StmtKind::Send(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            StmtKind::Assign { lhs, op, rhs } => {
                rhs.iter_mut().for_each(|e| self.expr(e));
                if *op == AssignOp::Define {
                    for e in lhs.iter() {
                        if let ExprKind::Ident(n) = &e.kind {
                            let n = n.clone();
                            self.bind(&n);
                        }
                    }
                } else {
                    lhs.iter_mut().for_each(|e| self.expr(e));
                }
            }
            StmtKind::Return(es) => es.iter_mut().for_each(|e| self.expr(e)),
            StmtKind::Block(b) => self.block(b),
            StmtKind::If(i) => {
                self.scopes.push(HashSet::new());
                self.opt_stmt(&mut i.init);
                self.expr(&mut i.cond);
                self.block(&mut i.then);
                self.opt_stmt(&mut i.els);
                self.scopes.pop();
            }
            StmtKind::Switch(sw) => {
                self.scopes.push(HashSet::new());
                self.opt_stmt(&mut sw.init);
                if let Some(t) = &mut sw.tag {
                    self.expr(t);
                }
                for c in &mut sw.cases {
                    self.scopes.push(HashSet::new());
                    c.exprs.iter_mut().flatten().for_each(|e| self.expr(e));
                    c.body.iter_mut().for_each(|s| self.stmt(s));
                    self.scopes.pop();
                }
                self.scopes.pop();
            }
            StmtKind::TypeSwitch(sw) => {
                self.scopes.push(HashSet::new());
                self.opt_stmt(&mut sw.init);
                self.expr(&mut sw.x);
                for c in &mut sw.cases {
                    self.scopes.push(HashSet::new());
                    c.exprs.iter_mut().flatten().for_each(|e| self.expr(e));
                    if let Some(b) = &sw.bind {
                        let n = b.name.clone();
                        self.bind(&n);
                    }
                    c.body.iter_mut().for_each(|s| self.stmt(s));
                    self.scopes.pop();
                }
                self.scopes.pop();
            }
            StmtKind::Select(cases) => {
                for c in cases {
                    self.scopes.push(HashSet::new());
                    self.opt_stmt(&mut c.comm);
                    c.body.iter_mut().for_each(|s| self.stmt(s));
                    self.scopes.pop();
                }
            }
            StmtKind::For(f) => {
                self.scopes.push(HashSet::new());
                self.opt_stmt(&mut f.init);
                if let Some(c) = &mut f.cond {
                    self.expr(c);
                }
                self.opt_stmt(&mut f.post);
                self.block(&mut f.body);
                self.scopes.pop();
            }
            StmtKind::Range(r) => {
                self.expr(&mut r.x);
                self.scopes.push(HashSet::new());
                for k in [&mut r.key, &mut r.value].into_iter().flatten() {
                    if r.define {
                        if let ExprKind::Ident(n) = &k.kind {
                            let n = n.clone();
                            self.bind(&n);
                        }
                    } else {
                        self.expr(k);
                    }
                }
                self.block(&mut r.body);
                self.scopes.pop();
            }
        }
    }

    fn expr(&mut self, e: &mut Expr) {
        // `pkg.Name` on an imported source package becomes the qualified name.
        if let ExprKind::Selector(x, sel) = &e.kind {
            if let ExprKind::Ident(p) = &x.kind {
                if let Some((q, filter)) = self.qual.get(p) {
                    if !self.local(p) && filter.as_ref().is_none_or(|f| f.contains(&sel.name)) {
                        self.used.insert(p.clone());
                        e.kind = ExprKind::Ident(format!("{q}.{}", sel.name));
                        return;
                    }
                    if !self.local(p) {
                        self.native_used.insert(p.clone());
                    }
                }
            }
        }
        match &mut e.kind {
            ExprKind::Ident(n) => self.name(n),
            ExprKind::Bad | ExprKind::BasicLit(..) | ExprKind::Ellipsis(None) => {}
            ExprKind::CompositeLit { ty, elts } => {
                if let Some(t) = ty {
                    self.expr(t);
                }
                for el in elts {
                    // A bare name as key may be a struct field: left alone.
                    if let Some(k) = &mut el.key {
                        if !matches!(k.kind, ExprKind::Ident(_)) {
                            self.expr(k);
                        }
                    }
                    self.expr(&mut el.value);
                }
            }
            ExprKind::FuncLit(f) => {
                self.scopes.push(HashSet::new());
                self.func_type(&mut f.ty);
                self.block(&mut f.body);
                self.scopes.pop();
            }
            ExprKind::Paren(x)
            | ExprKind::Selector(x, _)
            | ExprKind::Star(x)
            | ExprKind::Unary(_, x)
            | ExprKind::Ellipsis(Some(x))
            | ExprKind::ChanType(_, x) => self.expr(x),
            ExprKind::Index(x, is) => {
                self.expr(x);
                is.iter_mut().for_each(|i| self.expr(i));
            }
            ExprKind::Slice { x, lo, hi, max } => {
                self.expr(x);
                for p in [lo, hi, max].into_iter().flatten() {
                    self.expr(p);
                }
            }
            ExprKind::TypeAssert(x, t) => {
                self.expr(x);
                if let Some(t) = t {
                    self.expr(t);
                }
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                args.iter_mut().for_each(|a| self.expr(a));
            }
            ExprKind::Binary(_, a, b) | ExprKind::MapType(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::ArrayType { len, elem } => {
                if let Some(l) = len {
                    self.expr(l);
                }
                self.expr(elem);
            }
            ExprKind::StructType(fields) => self.fields(fields, false),
            ExprKind::InterfaceType(elems) => {
                for el in elems {
                    self.expr(&mut el.ty);
                }
            }
            ExprKind::FuncType(ft) => {
                self.scopes.push(HashSet::new());
                self.func_type(ft);
                self.scopes.pop();
            }
        }
    }
}
