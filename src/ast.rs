//! AST: the untyped syntax tree `parse` produces. Every node carries its `Span`; nothing here is
//! semantic (no types, no resolved names). As in Go's own parser, types are expressions
//! (`ExprKind::ArrayType`, `MapType`, ...): `[]int{1}` and `[]byte(s)` start the same way, and the
//! checker decides which expressions denote types.

use crate::span::Span;

#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A source file. `package: None` means script mode: the top level may hold statements.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    pub package: Option<Ident>,
    pub items: Vec<Item>,
    /// Import names whose uses the linker rewrote to qualified names (`slices.Sort`): they
    /// count as used (link.rs).
    pub linked_imports: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Decl(GenDecl),
    Func(FuncDecl),
    /// Script mode only (a package file with one is a syntax error, reported by the parser).
    Stmt(Stmt),
}

#[derive(Clone, Debug, PartialEq)]
pub struct GenDecl {
    pub kind: DeclKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum DeclKind {
    Import(Vec<ImportSpec>),
    Const(Vec<ValueSpec>),
    Var(Vec<ValueSpec>),
    Type(Vec<TypeSpec>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct ImportSpec {
    /// `_`, `.` or a rename; `None` for a plain import.
    pub name: Option<Ident>,
    /// The decoded import path and the span of its literal.
    pub path: String,
    pub path_span: Span,
    pub span: Span,
}

/// One line of a `const` or `var` declaration. In a const group an empty `values` repeats the
/// previous spec's expressions (with the next `iota`): the checker does that, not the parser.
#[derive(Clone, Debug, PartialEq)]
pub struct ValueSpec {
    pub names: Vec<Ident>,
    pub ty: Option<Expr>,
    pub values: Vec<Expr>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeSpec {
    pub name: Ident,
    pub tparams: Vec<Field>,
    /// `type A = B` (an alias).
    pub alias: bool,
    pub ty: Expr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncDecl {
    pub recv: Option<Field>,
    pub name: Ident,
    pub tparams: Vec<Field>,
    pub sig: FuncType,
    pub body: Option<Block>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FuncType {
    pub params: Vec<Field>,
    pub results: Vec<Field>,
    pub span: Span,
}

/// A parameter group (`a, b int`), result, struct field, interface element or type parameter.
/// `names` is empty for unnamed parameters and embedded fields; an interface method is a
/// one-name field whose `ty` is a `FuncType`. A variadic parameter's `ty` is `Ellipsis(Some(T))`.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub names: Vec<Ident>,
    pub ty: Expr,
    pub tag: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LitKind {
    Int,
    Float,
    Imag,
    Rune,
    String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Pos,   // +
    Neg,   // -
    Not,   // !
    Xor,   // ^ (bitwise complement)
    Addr,  // &
    Recv,  // <-
    Tilde, // ~ (constraint terms only)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    LOr,
    LAnd,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Or,
    Xor,
    Mul,
    Div,
    Rem,
    Shl,
    Shr,
    And,
    AndNot,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChanDir {
    Both,
    Send,
    Recv,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// Left by error recovery; never reaches the checker (the file had a syntax error).
    Bad,
    Ident(String),
    /// A literal: its raw source text (`0x1F`, `'a'`, `"a\tb"`); see `lexer::literal` to decode.
    BasicLit(LitKind, String),
    /// `T{...}`; `ty` is `None` for an elided type inside another literal (`[]P{{1, 2}}`).
    CompositeLit {
        ty: Option<Box<Expr>>,
        elts: Vec<Element>,
    },
    FuncLit(Box<FuncLit>),
    Paren(Box<Expr>),
    Selector(Box<Expr>, Ident),
    /// `x[i]`, or a generic instantiation `F[int, string]` (more than one index).
    Index(Box<Expr>, Vec<Expr>),
    Slice {
        x: Box<Expr>,
        lo: Option<Box<Expr>>,
        hi: Option<Box<Expr>>,
        max: Option<Box<Expr>>,
    },
    /// `x.(T)`; `ty: None` is the `x.(type)` of a type switch.
    TypeAssert(Box<Expr>, Option<Box<Expr>>),
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        ellipsis: bool,
    },
    /// `*x`: a dereference or a pointer type.
    Star(Box<Expr>),
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `[N]T`, `[...]T` (len is `Ellipsis(None)`) or, with `len: None`, the slice type `[]T`.
    ArrayType {
        len: Option<Box<Expr>>,
        elem: Box<Expr>,
    },
    /// `...T` in a parameter list, or the `...` array length.
    Ellipsis(Option<Box<Expr>>),
    StructType(Vec<Field>),
    FuncType(Box<FuncType>),
    InterfaceType(Vec<Field>),
    MapType(Box<Expr>, Box<Expr>),
    ChanType(ChanDir, Box<Expr>),
}

/// An element of a composite literal: `value` or `key: value`.
#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub key: Option<Expr>,
    pub value: Expr,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` inclusive.
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    pub kind: StmtKind,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    /// `=`
    Assign,
    /// `:=`
    Define,
    /// `op=`
    Op(BinOp),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BranchKind {
    Break,
    Continue,
    Goto,
    Fallthrough,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StmtKind {
    Bad,
    Empty,
    Decl(GenDecl),
    Labeled(Ident, Box<Stmt>),
    Expr(Expr),
    Send(Box<Expr>, Box<Expr>),
    IncDec(Expr, bool),
    Assign {
        lhs: Vec<Expr>,
        op: AssignOp,
        rhs: Vec<Expr>,
    },
    Go(Expr),
    Defer(Expr),
    Return(Vec<Expr>),
    Branch(BranchKind, Option<Ident>),
    Block(Block),
    If(Box<IfStmt>),
    Switch(Box<SwitchStmt>),
    TypeSwitch(Box<TypeSwitchStmt>),
    Select(Vec<CommClause>),
    For(Box<ForStmt>),
    Range(Box<RangeStmt>),
}

// The compound statements are boxed: the parser moves `Stmt` values around constantly, and the
// largest variant sets the size of all of them (a size test in tests/fuzz.rs keeps it small).

#[derive(Clone, Debug, PartialEq)]
pub struct IfStmt {
    pub init: Option<Box<Stmt>>,
    pub cond: Expr,
    pub then: Block,
    pub els: Option<Box<Stmt>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SwitchStmt {
    pub init: Option<Box<Stmt>>,
    pub tag: Option<Expr>,
    pub cases: Vec<CaseClause>,
}

/// `switch [init;] [bind :=] x.(type) { ... }`; case lists hold types (and `nil`).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeSwitchStmt {
    pub init: Option<Box<Stmt>>,
    pub bind: Option<Ident>,
    pub x: Expr,
    pub cases: Vec<CaseClause>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ForStmt {
    pub init: Option<Box<Stmt>>,
    pub cond: Option<Expr>,
    pub post: Option<Box<Stmt>>,
    pub body: Block,
}

/// `for [key [, value] (=|:=)] range x { ... }`.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeStmt {
    pub key: Option<Expr>,
    pub value: Option<Expr>,
    pub define: bool,
    pub x: Expr,
    pub body: Block,
}

/// `func(params) results { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FuncLit {
    pub ty: FuncType,
    pub body: Block,
}

/// `case a, b:` (`exprs: Some`) or `default:` (`exprs: None`).
#[derive(Clone, Debug, PartialEq)]
pub struct CaseClause {
    pub exprs: Option<Vec<Expr>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

/// A select case: `comm` is a send, a receive expression statement, or an assignment /
/// definition from a receive; `None` is `default`.
#[derive(Clone, Debug, PartialEq)]
pub struct CommClause {
    pub comm: Option<Box<Stmt>>,
    pub body: Vec<Stmt>,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

impl Stmt {
    pub fn new(kind: StmtKind, span: Span) -> Stmt {
        Stmt { kind, span }
    }
}
