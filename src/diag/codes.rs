//! The registry of diagnostic codes: one line each. E01xx lexical, E02xx syntax, E03xx types,
//! R0xxx runtime. Codes are stable: tests and docs may name them.

/// A diagnostic code such as `E0101`.
pub type Code = &'static str;

// Lexical errors (src/lexer).
pub const INVALID_CHAR: Code = "E0101"; // a byte that starts no token
pub const NEWLINE_IN_STRING: Code = "E0102"; // interpreted string or rune cut by a newline / EOF
pub const RAW_STRING_EOF: Code = "E0103"; // raw string not terminated
pub const COMMENT_EOF: Code = "E0104"; // general comment not terminated
pub const BAD_ESCAPE: Code = "E0105"; // unknown or malformed escape sequence
pub const BAD_RUNE: Code = "E0106"; // empty rune literal or more than one character
pub const BAD_NUMBER: Code = "E0107"; // malformed number literal
pub const BAD_UTF8: Code = "E0108"; // invalid UTF-8 or NUL / BOM in the source
pub const TOO_LONG: Code = "E0109"; // source too large

// Syntax errors (src/parser).
pub const SYNTAX: Code = "E0201"; // unexpected token
pub const NESTING: Code = "E0202"; // nesting too deep for the parser
pub const NON_DECL: Code = "E0203"; // statement outside function body in a package file
pub const IMPORT_ORDER: Code = "E0204"; // import after other declarations
pub const COMPOSITE_HEADER: Code = "E0205"; // composite literal in if/for/switch header
pub const BAD_SYNTAX_FORM: Code = "E0206"; // well-tokenised but malformed construct (e.g. go x)

// Type errors (src/types: the E03xx codes are in types/check.rs), and the end of a list.
pub const TOO_MANY_ERRORS: Code = "E0399"; // marker: Go stopped reporting here (types/order.rs)
