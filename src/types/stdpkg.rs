//! CHECKER: the functions, variables and types of standard packages, declared as Go source text
//! (`("strings", "func Repeat(s string, count int) string")`). Input: an import path and a
//! member name. Output: the member's kind and `TypeId`, built in the checker's `Types` from the
//! declaration parsed by gol's own parser; `None` for anything the table does not describe (the
//! checker then treats the member as unknown, never as an error). Constants are `stdconst.rs`'s.
//!
//! The standard named types (`strings.Builder`, `strconv.NumError`,
//! `errors.errorString`, `io.Writer`, `io.Reader`) are created once per `StdPkgs` (one per
//! checker), with their package's name as `pkg` so reflect spells them `*strings.Builder`.
//! Names in declarations resolve in the universe (never in the user's package, which may
//! redeclare `string`), then among the declaring package's types, and `pkg.T` among all of them.
//!
//! A type is *complete* when the table declares every method Go's has: only then may the checker
//! conclude that a method is missing.

use super::ty::{Field, Method, TypeId, Types};
use crate::ast::{DeclKind, Expr, ExprKind, FuncType, Item};
use std::collections::HashMap;

/// What a standard-package member is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MemberKind {
    Func,
    Var,
    Type,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StdMember {
    pub kind: MemberKind,
    pub ty: TypeId,
}

/// The standard named types: (import path, name, declaration, complete).
const TYPES: &[(&str, &str, &str, bool)] = &[
    (
        "io",
        "Writer",
        "type Writer interface { Write(p []byte) (n int, err error) }",
        true,
    ),
    (
        "io",
        "Reader",
        "type Reader interface { Read(p []byte) (n int, err error) }",
        true,
    ),
    (
        "errors",
        "errorString",
        "type errorString struct { s string }",
        true,
    ),
    (
        "strings",
        "Builder",
        "type Builder struct { addr *Builder; buf []byte }",
        true,
    ),
    (
        "strconv",
        "NumError",
        "type NumError struct { Func string; Num string; Err error }",
        true,
    ),
    (
        "fmt",
        "Stringer",
        "type Stringer interface { String() string }",
        true,
    ),
    (
        "fmt",
        "wrapError",
        "type wrapError struct { msg string; err error }",
        true,
    ),
    (
        "runtime",
        "Error",
        "type Error interface { Error() string; RuntimeError() }",
        true,
    ),
    ("runtime", "errorString", "type errorString string", true),
    (
        "runtime",
        "PanicNilError",
        "type PanicNilError struct { _ int }",
        true,
    ),
    // A failed type assertion's panic: gol keeps only Go's message.
    (
        "runtime",
        "TypeAssertionError",
        "type TypeAssertionError struct { msg string }",
        true,
    ),
    (
        "fmt",
        "wrapErrors",
        "type wrapErrors struct { msg string; errs []error }",
        true,
    ),
    (
        "errors",
        "joinError",
        "type joinError struct { errs []error; msg string }",
        true,
    ),
    (
        "fmt",
        "GoStringer",
        "type GoStringer interface { GoString() string }",
        true,
    ),
    // time: Time and Location are completed by the gol source (stdlib/time/, which declares
    // their fields and methods; the checker adopts these ids); the fields here match its
    // layout, which vm/timeval.rs reads and writes. Timers hold the scheduler's timer id.
    ("time", "Duration", "type Duration int64", false),
    (
        "time",
        "Time",
        "type Time struct { sec int64; nsec int64; mono int64; hasMono bool; loc *Location }",
        true,
    ),
    (
        "time",
        "Location",
        "type Location struct { name string }",
        true,
    ),
    (
        "time",
        "Timer",
        "type Timer struct { C <-chan Time; id int64 }",
        true,
    ),
    (
        "time",
        "Ticker",
        "type Ticker struct { C <-chan Time; id int64 }",
        true,
    ),
    // sync: the state words the runtime's helpers use (waiting goroutines are queued by the
    // scheduler under the object's address).
    (
        "sync",
        "WaitGroup",
        "type WaitGroup struct { n int64; waiters int64 }",
        true,
    ),
    (
        "sync",
        "Mutex",
        "type Mutex struct { state int32; sema uint32 }",
        true,
    ),
    (
        "sync",
        "RWMutex",
        "type RWMutex struct { w int32; readers int32 }",
        false,
    ),
    (
        "sync",
        "Once",
        "type Once struct { done uint32; m int32 }",
        true,
    ),
    (
        "sync",
        "Locker",
        "type Locker interface { Lock(); Unlock() }",
        true,
    ),
    (
        "sync",
        "Cond",
        "type Cond struct { L Locker; waiters int64 }",
        true,
    ),
    (
        "sync/atomic",
        "Int32",
        "type Int32 struct { v int32 }",
        true,
    ),
    (
        "sync/atomic",
        "Int64",
        "type Int64 struct { v int64 }",
        true,
    ),
    (
        "sync/atomic",
        "Uint32",
        "type Uint32 struct { v uint32 }",
        true,
    ),
    (
        "sync/atomic",
        "Uint64",
        "type Uint64 struct { v uint64 }",
        true,
    ),
    (
        "sync/atomic",
        "Uintptr",
        "type Uintptr struct { v uintptr }",
        true,
    ),
    ("sync/atomic", "Bool", "type Bool struct { v uint32 }", true),
    ("sync/atomic", "Value", "type Value struct { v any }", true),
    (
        "sort",
        "Interface",
        "type Interface interface { Len() int; Less(i, j int) bool; Swap(i, j int) }",
        true,
    ),
    // What sort.Reverse returns (as a *reverse); the sort helper unwraps it (vm/sortrt.rs).
    ("sort", "reverse", "type reverse struct { Interface }", true),
    ("sort", "IntSlice", "type IntSlice []int", true),
    ("sort", "StringSlice", "type StringSlice []string", true),
    ("sort", "Float64Slice", "type Float64Slice []float64", true),
];

/// Methods of the standard named types.
const METHODS: &[(&str, &str)] = &[
    ("errors", "func (e *errorString) Error() string"),
    ("errors", "func (e *joinError) Error() string"),
    ("runtime", "func (e errorString) Error() string"),
    ("runtime", "func (e errorString) RuntimeError()"),
    ("runtime", "func (e *PanicNilError) Error() string"),
    ("runtime", "func (e *PanicNilError) RuntimeError()"),
    ("runtime", "func (e *TypeAssertionError) Error() string"),
    ("runtime", "func (e *TypeAssertionError) RuntimeError()"),
    ("errors", "func (e *joinError) Unwrap() []error"),
    ("fmt", "func (e *wrapError) Error() string"),
    ("fmt", "func (e *wrapError) Unwrap() error"),
    ("fmt", "func (e *wrapErrors) Error() string"),
    ("fmt", "func (e *wrapErrors) Unwrap() []error"),
    ("strings", "func (b *Builder) Cap() int"),
    ("strings", "func (b *Builder) Grow(n int)"),
    ("strings", "func (b *Builder) Len() int"),
    ("strings", "func (b *Builder) Reset()"),
    ("strings", "func (b *Builder) String() string"),
    ("strings", "func (b *Builder) Write(p []byte) (int, error)"),
    ("strings", "func (b *Builder) WriteByte(c byte) error"),
    (
        "strings",
        "func (b *Builder) WriteRune(r rune) (int, error)",
    ),
    (
        "strings",
        "func (b *Builder) WriteString(s string) (int, error)",
    ),
    ("strconv", "func (e *NumError) Error() string"),
    ("strconv", "func (e *NumError) Unwrap() error"),
    ("time", "func (d Duration) String() string"),
    ("time", "func (d Duration) Seconds() float64"),
    ("time", "func (d Duration) Minutes() float64"),
    ("time", "func (d Duration) Hours() float64"),
    ("time", "func (d Duration) Milliseconds() int64"),
    ("time", "func (d Duration) Microseconds() int64"),
    ("time", "func (d Duration) Nanoseconds() int64"),
    ("time", "func (d Duration) Round(m Duration) Duration"),
    ("time", "func (d Duration) Truncate(m Duration) Duration"),
    ("time", "func (t *Timer) Stop() bool"),
    ("time", "func (t *Timer) Reset(d Duration) bool"),
    ("time", "func (t *Ticker) Stop()"),
    ("time", "func (t *Ticker) Reset(d Duration)"),
    ("sync", "func (wg *WaitGroup) Add(delta int)"),
    ("sync", "func (wg *WaitGroup) Done()"),
    ("sync", "func (wg *WaitGroup) Wait()"),
    ("sync", "func (wg *WaitGroup) Go(f func())"),
    ("sync", "func (m *Mutex) Lock()"),
    ("sync", "func (m *Mutex) Unlock()"),
    ("sync", "func (m *Mutex) TryLock() bool"),
    ("sync", "func (rw *RWMutex) Lock()"),
    ("sync", "func (rw *RWMutex) Unlock()"),
    ("sync", "func (rw *RWMutex) RLock()"),
    ("sync", "func (rw *RWMutex) RUnlock()"),
    ("sync", "func (rw *RWMutex) TryLock() bool"),
    ("sync", "func (rw *RWMutex) TryRLock() bool"),
    ("sync", "func (o *Once) Do(f func())"),
    ("sync", "func (c *Cond) Wait()"),
    ("sync", "func (c *Cond) Signal()"),
    ("sync", "func (c *Cond) Broadcast()"),
    ("sync/atomic", "func (x *Int32) Load() int32"),
    ("sync/atomic", "func (x *Int32) Store(val int32)"),
    (
        "sync/atomic",
        "func (x *Int32) Add(delta int32) (new int32)",
    ),
    ("sync/atomic", "func (x *Int32) Swap(new int32) (old int32)"),
    (
        "sync/atomic",
        "func (x *Int32) CompareAndSwap(old, new int32) (swapped bool)",
    ),
    ("sync/atomic", "func (x *Int32) And(mask int32) (old int32)"),
    ("sync/atomic", "func (x *Int32) Or(mask int32) (old int32)"),
    ("sync/atomic", "func (x *Int64) Load() int64"),
    ("sync/atomic", "func (x *Int64) Store(val int64)"),
    (
        "sync/atomic",
        "func (x *Int64) Add(delta int64) (new int64)",
    ),
    ("sync/atomic", "func (x *Int64) Swap(new int64) (old int64)"),
    (
        "sync/atomic",
        "func (x *Int64) CompareAndSwap(old, new int64) (swapped bool)",
    ),
    ("sync/atomic", "func (x *Int64) And(mask int64) (old int64)"),
    ("sync/atomic", "func (x *Int64) Or(mask int64) (old int64)"),
    ("sync/atomic", "func (x *Uint32) Load() uint32"),
    ("sync/atomic", "func (x *Uint32) Store(val uint32)"),
    (
        "sync/atomic",
        "func (x *Uint32) Add(delta uint32) (new uint32)",
    ),
    (
        "sync/atomic",
        "func (x *Uint32) Swap(new uint32) (old uint32)",
    ),
    (
        "sync/atomic",
        "func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func (x *Uint32) And(mask uint32) (old uint32)",
    ),
    (
        "sync/atomic",
        "func (x *Uint32) Or(mask uint32) (old uint32)",
    ),
    ("sync/atomic", "func (x *Uint64) Load() uint64"),
    ("sync/atomic", "func (x *Uint64) Store(val uint64)"),
    (
        "sync/atomic",
        "func (x *Uint64) Add(delta uint64) (new uint64)",
    ),
    (
        "sync/atomic",
        "func (x *Uint64) Swap(new uint64) (old uint64)",
    ),
    (
        "sync/atomic",
        "func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func (x *Uint64) And(mask uint64) (old uint64)",
    ),
    (
        "sync/atomic",
        "func (x *Uint64) Or(mask uint64) (old uint64)",
    ),
    ("sync/atomic", "func (x *Uintptr) Load() uintptr"),
    ("sync/atomic", "func (x *Uintptr) Store(val uintptr)"),
    (
        "sync/atomic",
        "func (x *Uintptr) Add(delta uintptr) (new uintptr)",
    ),
    (
        "sync/atomic",
        "func (x *Uintptr) Swap(new uintptr) (old uintptr)",
    ),
    (
        "sync/atomic",
        "func (x *Uintptr) CompareAndSwap(old, new uintptr) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func (x *Uintptr) And(mask uintptr) (old uintptr)",
    ),
    (
        "sync/atomic",
        "func (x *Uintptr) Or(mask uintptr) (old uintptr)",
    ),
    ("sync/atomic", "func (x *Bool) Load() bool"),
    ("sync/atomic", "func (x *Bool) Store(val bool)"),
    ("sync/atomic", "func (x *Bool) Swap(new bool) (old bool)"),
    (
        "sync/atomic",
        "func (x *Bool) CompareAndSwap(old, new bool) (swapped bool)",
    ),
    ("sync/atomic", "func (v *Value) Load() (val any)"),
    ("sync/atomic", "func (v *Value) Store(val any)"),
    ("sync/atomic", "func (v *Value) Swap(new any) (old any)"),
    (
        "sync/atomic",
        "func (v *Value) CompareAndSwap(old, new any) (swapped bool)",
    ),
    ("sort", "func (r reverse) Less(i, j int) bool"),
    ("sort", "func (x IntSlice) Len() int"),
    ("sort", "func (x IntSlice) Less(i, j int) bool"),
    ("sort", "func (x IntSlice) Swap(i, j int)"),
    ("sort", "func (x IntSlice) Sort()"),
    ("sort", "func (x IntSlice) Search(x int) int"),
    ("sort", "func (x StringSlice) Len() int"),
    ("sort", "func (x StringSlice) Less(i, j int) bool"),
    ("sort", "func (x StringSlice) Swap(i, j int)"),
    ("sort", "func (x StringSlice) Sort()"),
    ("sort", "func (x StringSlice) Search(x string) int"),
    ("sort", "func (x Float64Slice) Len() int"),
    ("sort", "func (x Float64Slice) Less(i, j int) bool"),
    ("sort", "func (x Float64Slice) Swap(i, j int)"),
    ("sort", "func (x Float64Slice) Sort()"),
    ("sort", "func (x Float64Slice) Search(x float64) int"),
];

/// Functions and variables, by import path.
pub const MEMBERS: &[(&str, &str)] = &[
    // fmt
    ("fmt", "func Print(a ...any) (n int, err error)"),
    ("fmt", "func Println(a ...any) (n int, err error)"),
    (
        "fmt",
        "func Printf(format string, a ...any) (n int, err error)",
    ),
    ("fmt", "func Sprint(a ...any) string"),
    ("fmt", "func Sprintln(a ...any) string"),
    ("fmt", "func Sprintf(format string, a ...any) string"),
    ("fmt", "func Errorf(format string, a ...any) error"),
    (
        "fmt",
        "func Fprint(w io.Writer, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Fprintln(w io.Writer, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Fprintf(w io.Writer, format string, a ...any) (n int, err error)",
    ),
    // io
    ("io", "var EOF error"),
    // time
    ("time", "func Sleep(d Duration)"),
    ("time", "func After(d Duration) <-chan Time"),
    ("time", "func Tick(d Duration) <-chan Time"),
    ("time", "func NewTimer(d Duration) *Timer"),
    ("time", "func NewTicker(d Duration) *Ticker"),
    ("time", "func AfterFunc(d Duration, f func()) *Timer"),
    // math/rand (the rest is gol source: stdlib/math/rand; math/rand/v2 is all gol)
    ("math/rand", "func Read(p []byte) (n int, err error)"),
    // runtime
    ("runtime", "func NumGoroutine() int"),
    ("runtime", "func GOMAXPROCS(n int) int"),
    ("runtime", "func Gosched()"),
    ("runtime", "func NumCPU() int"),
    ("runtime", "func Goexit()"),
    // sync
    ("sync", "func OnceFunc(f func()) func()"),
    ("sync", "func NewCond(l Locker) *Cond"),
    (
        "sync/atomic",
        "func AddInt32(addr *int32, delta int32) (new int32)",
    ),
    ("sync/atomic", "func LoadInt32(addr *int32) (val int32)"),
    ("sync/atomic", "func StoreInt32(addr *int32, val int32)"),
    (
        "sync/atomic",
        "func SwapInt32(addr *int32, new int32) (old int32)",
    ),
    (
        "sync/atomic",
        "func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func AndInt32(addr *int32, mask int32) (old int32)",
    ),
    (
        "sync/atomic",
        "func OrInt32(addr *int32, mask int32) (old int32)",
    ),
    (
        "sync/atomic",
        "func AddInt64(addr *int64, delta int64) (new int64)",
    ),
    ("sync/atomic", "func LoadInt64(addr *int64) (val int64)"),
    ("sync/atomic", "func StoreInt64(addr *int64, val int64)"),
    (
        "sync/atomic",
        "func SwapInt64(addr *int64, new int64) (old int64)",
    ),
    (
        "sync/atomic",
        "func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func AndInt64(addr *int64, mask int64) (old int64)",
    ),
    (
        "sync/atomic",
        "func OrInt64(addr *int64, mask int64) (old int64)",
    ),
    (
        "sync/atomic",
        "func AddUint32(addr *uint32, delta uint32) (new uint32)",
    ),
    ("sync/atomic", "func LoadUint32(addr *uint32) (val uint32)"),
    ("sync/atomic", "func StoreUint32(addr *uint32, val uint32)"),
    (
        "sync/atomic",
        "func SwapUint32(addr *uint32, new uint32) (old uint32)",
    ),
    (
        "sync/atomic",
        "func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func AndUint32(addr *uint32, mask uint32) (old uint32)",
    ),
    (
        "sync/atomic",
        "func OrUint32(addr *uint32, mask uint32) (old uint32)",
    ),
    (
        "sync/atomic",
        "func AddUint64(addr *uint64, delta uint64) (new uint64)",
    ),
    ("sync/atomic", "func LoadUint64(addr *uint64) (val uint64)"),
    ("sync/atomic", "func StoreUint64(addr *uint64, val uint64)"),
    (
        "sync/atomic",
        "func SwapUint64(addr *uint64, new uint64) (old uint64)",
    ),
    (
        "sync/atomic",
        "func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func AndUint64(addr *uint64, mask uint64) (old uint64)",
    ),
    (
        "sync/atomic",
        "func OrUint64(addr *uint64, mask uint64) (old uint64)",
    ),
    (
        "sync/atomic",
        "func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)",
    ),
    (
        "sync/atomic",
        "func LoadUintptr(addr *uintptr) (val uintptr)",
    ),
    (
        "sync/atomic",
        "func StoreUintptr(addr *uintptr, val uintptr)",
    ),
    (
        "sync/atomic",
        "func SwapUintptr(addr *uintptr, new uintptr) (old uintptr)",
    ),
    (
        "sync/atomic",
        "func CompareAndSwapUintptr(addr *uintptr, old, new uintptr) (swapped bool)",
    ),
    (
        "sync/atomic",
        "func AndUintptr(addr *uintptr, mask uintptr) (old uintptr)",
    ),
    (
        "sync/atomic",
        "func OrUintptr(addr *uintptr, mask uintptr) (old uintptr)",
    ),
    // sort
    ("sort", "func Ints(x []int)"),
    ("sort", "func Strings(x []string)"),
    ("sort", "func Float64s(x []float64)"),
    ("sort", "func IntsAreSorted(x []int) bool"),
    ("sort", "func StringsAreSorted(x []string) bool"),
    ("sort", "func Float64sAreSorted(x []float64) bool"),
    ("sort", "func Slice(x any, less func(i, j int) bool)"),
    ("sort", "func SliceStable(x any, less func(i, j int) bool)"),
    (
        "sort",
        "func SliceIsSorted(x any, less func(i, j int) bool) bool",
    ),
    ("sort", "func Sort(data Interface)"),
    ("sort", "func Stable(data Interface)"),
    ("sort", "func IsSorted(data Interface) bool"),
    ("sort", "func Reverse(data Interface) Interface"),
    ("sort", "func Search(n int, f func(int) bool) int"),
    ("sort", "func SearchInts(a []int, x int) int"),
    ("sort", "func SearchStrings(a []string, x string) int"),
    ("sort", "func SearchFloat64s(a []float64, x float64) int"),
    // strings
    ("strings", "func Contains(s, substr string) bool"),
    (
        "strings",
        "func Map(mapping func(rune) rune, s string) string",
    ),
    (
        "strings",
        "func FieldsFunc(s string, f func(rune) bool) []string",
    ),
    ("strings", "func IndexFunc(s string, f func(rune) bool) int"),
    (
        "strings",
        "func LastIndexFunc(s string, f func(rune) bool) int",
    ),
    (
        "strings",
        "func TrimFunc(s string, f func(rune) bool) string",
    ),
    (
        "strings",
        "func TrimLeftFunc(s string, f func(rune) bool) string",
    ),
    (
        "strings",
        "func TrimRightFunc(s string, f func(rune) bool) string",
    ),
    (
        "strings",
        "func ContainsFunc(s string, f func(rune) bool) bool",
    ),
    ("strings", "func ContainsRune(s string, r rune) bool"),
    ("strings", "func ContainsAny(s, chars string) bool"),
    ("strings", "func HasPrefix(s, prefix string) bool"),
    ("strings", "func HasSuffix(s, suffix string) bool"),
    ("strings", "func Index(s, substr string) int"),
    ("strings", "func IndexByte(s string, c byte) int"),
    ("strings", "func IndexRune(s string, r rune) int"),
    ("strings", "func IndexAny(s, chars string) int"),
    ("strings", "func LastIndex(s, substr string) int"),
    ("strings", "func LastIndexByte(s string, c byte) int"),
    ("strings", "func LastIndexAny(s, chars string) int"),
    ("strings", "func Split(s, sep string) []string"),
    ("strings", "func SplitN(s, sep string, n int) []string"),
    ("strings", "func SplitAfter(s, sep string) []string"),
    ("strings", "func SplitAfterN(s, sep string, n int) []string"),
    ("strings", "func Fields(s string) []string"),
    ("strings", "func Join(elems []string, sep string) string"),
    ("strings", "func Repeat(s string, count int) string"),
    ("strings", "func Replace(s, old, new string, n int) string"),
    ("strings", "func ReplaceAll(s, old, new string) string"),
    ("strings", "func ToUpper(s string) string"),
    ("strings", "func ToLower(s string) string"),
    ("strings", "func Title(s string) string"),
    ("strings", "func TrimSpace(s string) string"),
    ("strings", "func Trim(s, cutset string) string"),
    ("strings", "func TrimLeft(s, cutset string) string"),
    ("strings", "func TrimRight(s, cutset string) string"),
    ("strings", "func TrimPrefix(s, prefix string) string"),
    ("strings", "func TrimSuffix(s, suffix string) string"),
    ("strings", "func Count(s, substr string) int"),
    ("strings", "func EqualFold(s, t string) bool"),
    ("strings", "func Compare(a, b string) int"),
    (
        "strings",
        "func Cut(s, sep string) (before, after string, found bool)",
    ),
    (
        "strings",
        "func CutPrefix(s, prefix string) (after string, found bool)",
    ),
    (
        "strings",
        "func CutSuffix(s, suffix string) (before string, found bool)",
    ),
    ("strings", "func Clone(s string) string"),
    // strconv
    ("strconv", "func Itoa(i int) string"),
    ("strconv", "func Atoi(s string) (int, error)"),
    (
        "strconv",
        "func ParseInt(s string, base int, bitSize int) (i int64, err error)",
    ),
    (
        "strconv",
        "func ParseUint(s string, base int, bitSize int) (uint64, error)",
    ),
    (
        "strconv",
        "func ParseFloat(s string, bitSize int) (float64, error)",
    ),
    ("strconv", "func ParseBool(str string) (bool, error)"),
    ("strconv", "func FormatInt(i int64, base int) string"),
    ("strconv", "func FormatUint(i uint64, base int) string"),
    (
        "strconv",
        "func FormatFloat(f float64, fmt byte, prec, bitSize int) string",
    ),
    ("strconv", "func FormatBool(b bool) string"),
    ("strconv", "func Quote(s string) string"),
    ("strconv", "func QuoteToASCII(s string) string"),
    ("strconv", "func QuoteRune(r rune) string"),
    ("strconv", "func QuoteRuneToASCII(r rune) string"),
    ("strconv", "func Unquote(s string) (string, error)"),
    (
        "strconv",
        "func AppendInt(dst []byte, i int64, base int) []byte",
    ),
    ("strconv", "func AppendQuote(dst []byte, s string) []byte"),
    ("strconv", "func QuotedPrefix(s string) (string, error)"),
    (
        "strconv",
        "func UnquoteChar(s string, quote byte) (value rune, multibyte bool, tail string, err error)",
    ),
    ("strconv", "func QuoteToGraphic(s string) string"),
    ("strconv", "func QuoteRuneToGraphic(r rune) string"),
    ("strconv", "func CanBackquote(s string) bool"),
    ("strconv", "func IsPrint(r rune) bool"),
    ("strconv", "func IsGraphic(r rune) bool"),
    ("strconv", "func AppendBool(dst []byte, b bool) []byte"),
    ("strconv", "func AppendUint(dst []byte, i uint64, base int) []byte"),
    (
        "strconv",
        "func AppendFloat(dst []byte, f float64, fmt byte, prec, bitSize int) []byte",
    ),
    ("strconv", "func AppendQuoteToASCII(dst []byte, s string) []byte"),
    ("strconv", "func AppendQuoteToGraphic(dst []byte, s string) []byte"),
    ("strconv", "func AppendQuoteRune(dst []byte, r rune) []byte"),
    ("strconv", "func AppendQuoteRuneToASCII(dst []byte, r rune) []byte"),
    ("strconv", "func AppendQuoteRuneToGraphic(dst []byte, r rune) []byte"),
    (
        "strconv",
        "func FormatComplex(c complex128, fmt byte, prec, bitSize int) string",
    ),
    ("strconv", "func ParseComplex(s string, bitSize int) (complex128, error)"),
    ("strconv", "var ErrRange error"),
    ("strconv", "var ErrSyntax error"),
    // math
    ("math", "func Sqrt(x float64) float64"),
    ("math", "func Pow(x, y float64) float64"),
    ("math", "func Abs(x float64) float64"),
    ("math", "func Floor(x float64) float64"),
    ("math", "func Ceil(x float64) float64"),
    ("math", "func Round(x float64) float64"),
    ("math", "func RoundToEven(x float64) float64"),
    ("math", "func Trunc(x float64) float64"),
    ("math", "func Max(x, y float64) float64"),
    ("math", "func Min(x, y float64) float64"),
    ("math", "func Mod(x, y float64) float64"),
    ("math", "func Log(x float64) float64"),
    ("math", "func Log2(x float64) float64"),
    ("math", "func Log10(x float64) float64"),
    ("math", "func Log1p(x float64) float64"),
    ("math", "func Exp(x float64) float64"),
    ("math", "func Exp2(x float64) float64"),
    ("math", "func Sin(x float64) float64"),
    ("math", "func Cos(x float64) float64"),
    ("math", "func Tan(x float64) float64"),
    ("math", "func Asin(x float64) float64"),
    ("math", "func Acos(x float64) float64"),
    ("math", "func Atan(x float64) float64"),
    ("math", "func Atan2(y, x float64) float64"),
    ("math", "func Sinh(x float64) float64"),
    ("math", "func Cosh(x float64) float64"),
    ("math", "func Tanh(x float64) float64"),
    ("math", "func Hypot(p, q float64) float64"),
    ("math", "func Cbrt(x float64) float64"),
    ("math", "func Inf(sign int) float64"),
    ("math", "func IsInf(f float64, sign int) bool"),
    ("math", "func IsNaN(f float64) (is bool)"),
    ("math", "func NaN() float64"),
    ("math", "func Signbit(x float64) bool"),
    ("math", "func Copysign(f, sign float64) float64"),
    ("math", "func Float64bits(f float64) uint64"),
    ("math", "func Float64frombits(b uint64) float64"),
    ("math", "func Float32bits(f float32) uint32"),
    ("math", "func Float32frombits(b uint32) float32"),
    ("math", "func Modf(f float64) (int float64, frac float64)"),
    // unicode
    ("unicode", "func IsLetter(r rune) bool"),
    ("unicode", "func IsDigit(r rune) bool"),
    ("unicode", "func IsNumber(r rune) bool"),
    ("unicode", "func IsSpace(r rune) bool"),
    ("unicode", "func IsUpper(r rune) bool"),
    ("unicode", "func IsLower(r rune) bool"),
    ("unicode", "func IsPunct(r rune) bool"),
    ("unicode", "func IsPrint(r rune) bool"),
    ("unicode", "func IsGraphic(r rune) bool"),
    ("unicode", "func IsControl(r rune) bool"),
    ("unicode", "func ToUpper(r rune) rune"),
    ("unicode", "func ToLower(r rune) rune"),
    ("unicode", "func ToTitle(r rune) rune"),
    // unicode/utf8
    ("unicode/utf8", "func RuneLen(r rune) int"),
    ("unicode/utf8", "func RuneCountInString(s string) (n int)"),
    ("unicode/utf8", "func RuneCount(p []byte) int"),
    (
        "unicode/utf8",
        "func DecodeRuneInString(s string) (r rune, size int)",
    ),
    (
        "unicode/utf8",
        "func DecodeLastRuneInString(s string) (r rune, size int)",
    ),
    (
        "unicode/utf8",
        "func DecodeRune(p []byte) (r rune, size int)",
    ),
    ("unicode/utf8", "func EncodeRune(p []byte, r rune) int"),
    ("unicode/utf8", "func AppendRune(p []byte, r rune) []byte"),
    ("unicode/utf8", "func ValidString(s string) bool"),
    ("unicode/utf8", "func Valid(p []byte) bool"),
    ("unicode/utf8", "func ValidRune(r rune) bool"),
    ("unicode/utf8", "func RuneStart(b byte) bool"),
    ("unicode/utf8", "func FullRuneInString(s string) bool"),
    // errors
    ("errors", "func New(text string) error"),
    ("errors", "func Is(err, target error) bool"),
    ("errors", "func As(err error, target any) bool"),
    ("errors", "func Unwrap(err error) error"),
    ("errors", "func Join(errs ...error) error"),
    // os
    ("os", "func Exit(code int)"),
    ("os", "func Getenv(key string) string"),
    ("os", "func LookupEnv(key string) (string, bool)"),
];

/// The named types of both tables (this file's and `stdpkg_more.rs`'s).
fn all_types() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str, bool)> {
    TYPES.iter().chain(super::stdpkg_more::TYPES)
}

/// The functions and variables of both tables.
pub fn all_members() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    MEMBERS.iter().chain(super::stdpkg_more::MEMBERS)
}

/// Whether a named type is one of the table's types whose method set is fully declared (by its
/// package and name: `foreign_type` never makes another type with such a name).
pub(super) fn complete_named(info: &super::ty::Named) -> bool {
    info.underlying.is_some()
        && all_types().any(|&(path, name, _, complete)| {
            complete && name == info.name && path.rsplit('/').next() == Some(info.pkg.as_str())
        })
}

/// Script mode names packages by their last element: the import path they stand for.
pub fn canonical_path(path: &str) -> &str {
    match path {
        "utf8" => "unicode/utf8",
        "bits" => "math/bits",
        "cmplx" => "math/cmplx",
        "rand" => "math/rand",
        "atomic" => "sync/atomic",
        p => p,
    }
}

/// The standard packages' members in one checker's type table.
#[derive(Clone, Debug, Default)]
pub struct StdPkgs {
    /// Named types by (import path, name).
    named: HashMap<(&'static str, &'static str), TypeId>,
    members: HashMap<(String, String), Option<StdMember>>,
}

impl StdPkgs {
    /// Creates the standard named types (with their methods) in `types`.
    pub fn new(types: &mut Types) -> StdPkgs {
        let mut s = StdPkgs::default();
        for &(path, name, _, _) in all_types() {
            let short = path.rsplit('/').next().unwrap_or(path);
            let t = types.new_named(name, short);
            s.named.insert((path, name), t);
        }
        for &(path, name, decl, _) in all_types() {
            let file = parse_decl(decl);
            let Some(Item::Decl(d)) = file.items.first() else {
                panic!("std type declaration {decl:?} does not parse");
            };
            let DeclKind::Type(specs) = &d.kind else {
                unreachable!()
            };
            let u = s.type_expr(types, path, &specs[0].ty);
            let t = s.named[&(path, name)];
            types.set_underlying(t, u);
        }
        for &(path, decl) in METHODS.iter().chain(super::stdpkg_more::METHODS) {
            let file = parse_decl(decl);
            let Some(Item::Func(f)) = file.items.first() else {
                panic!("std method declaration {decl:?} does not parse");
            };
            let recv = f.recv.as_ref().expect("a method");
            let (base, pointer) = match &recv.ty.kind {
                ExprKind::Star(b) => (b.as_ref(), true),
                _ => (&recv.ty, false),
            };
            let ExprKind::Ident(tname) = &base.kind else {
                unreachable!()
            };
            let t = s.named_in(path, tname).expect("a declared std type");
            let sig = s.signature(types, path, &f.sig, false);
            types.add_method(
                t,
                Method {
                    name: f.name.name.clone(),
                    sig,
                    pointer_receiver: pointer,
                },
            );
        }
        s
    }

    /// The named type `path.name` of the table.
    pub fn named_in(&self, path: &str, name: &str) -> Option<TypeId> {
        let path = canonical_path(path);
        self.named
            .iter()
            .find(|((p, n), _)| *p == path && *n == name)
            .map(|(_, &t)| t)
    }

    /// The runtime type ids natives need (`TypeId::index()` of the pointer types); the error
    /// words are the loader's to fill.
    pub fn std_types(&self, types: &mut Types) -> crate::stdlib::natives::StdTypes {
        let mut ptr = |path: &str, name: &str| {
            let t = self.named_in(path, name).expect("a std named type");
            types.pointer(t).index() as u32
        };
        crate::stdlib::natives::StdTypes {
            error_string_ptr: ptr("errors", "errorString"),
            num_error_ptr: ptr("strconv", "NumError"),
            builder_ptr: ptr("strings", "Builder"),
            sort_reverse_ptr: ptr("sort", "reverse"),
            fmt_pp_ptr: ptr("fmt", "pp"),
            reflect_rtype_ptr: self.named_in("reflect", "rtype").expect("declared").index() as u32,
            reflect_struct_field: self
                .named_in("reflect", "StructField")
                .expect("declared")
                .index() as u32,
            err_syntax: 0,
            err_range: 0,
            err_eof: 0,
        }
    }

    /// Whether `t` is one of the table's named types whose method set is fully declared.
    pub fn is_complete(&self, types: &Types, t: TypeId) -> bool {
        let Some(info) = types.named_info(t) else {
            return false;
        };
        all_types().any(|&(path, name, _, complete)| {
            complete && name == info.name && self.named.get(&(path, name)) == Some(&t)
        })
    }

    /// The import path and name of the table's named type `t`.
    pub fn path_of(&self, t: TypeId) -> Option<(&'static str, &'static str)> {
        self.named
            .iter()
            .find(|(_, &n)| n == t)
            .map(|(&(p, n), _)| (p, n))
    }

    /// Whether `t` is one of the table's named types.
    pub fn is_std_named(&self, t: TypeId) -> bool {
        self.named.values().any(|&n| n == t)
    }

    /// The exported member `path.name` (a function, variable or type), if the table has it.
    pub fn lookup(&mut self, types: &mut Types, path: &str, name: &str) -> Option<StdMember> {
        let path = canonical_path(path);
        if !name.starts_with(|c: char| c.is_ascii_uppercase()) {
            return None;
        }
        let key = (path.to_string(), name.to_string());
        if let Some(m) = self.members.get(&key) {
            return *m;
        }
        let m = self.build(types, path, name);
        self.members.insert(key, m);
        m
    }

    fn build(&mut self, types: &mut Types, path: &str, name: &str) -> Option<StdMember> {
        if let Some(t) = self.named_in(path, name) {
            return Some(StdMember {
                kind: MemberKind::Type,
                ty: t,
            });
        }
        let &(_, decl) = all_members().find(|&&(p, d)| p == path && decl_name(d) == name)?;
        let file = parse_decl(decl);
        match file.items.first()? {
            Item::Func(f) => Some(StdMember {
                kind: MemberKind::Func,
                ty: self.signature(types, path, &f.sig, false),
            }),
            Item::Decl(d) => match &d.kind {
                DeclKind::Var(specs) => Some(StdMember {
                    kind: MemberKind::Var,
                    ty: self.type_expr(types, path, specs[0].ty.as_ref()?),
                }),
                _ => None,
            },
            Item::Stmt(_) => None,
        }
    }

    fn signature(&self, types: &mut Types, path: &str, ft: &FuncType, _m: bool) -> TypeId {
        let mut params = Vec::new();
        let mut variadic = false;
        for f in &ft.params {
            let t = match &f.ty.kind {
                ExprKind::Ellipsis(Some(elem)) => {
                    variadic = true;
                    let e = self.type_expr(types, path, elem);
                    types.slice(e)
                }
                _ => self.type_expr(types, path, &f.ty),
            };
            params.extend(std::iter::repeat_n(t, f.names.len().max(1)));
        }
        let mut results = Vec::new();
        for f in &ft.results {
            let t = self.type_expr(types, path, &f.ty);
            results.extend(std::iter::repeat_n(t, f.names.len().max(1)));
        }
        types.func(params, results, variadic)
    }

    /// A type expression of a declaration in package `path`.
    fn type_expr(&self, types: &mut Types, path: &str, e: &Expr) -> TypeId {
        match &e.kind {
            ExprKind::Ident(n) => universe_type(n)
                .or_else(|| self.named_in(path, n))
                .unwrap_or_else(|| panic!("std declaration names unknown type {n}")),
            ExprKind::Selector(x, sel) => {
                let ExprKind::Ident(pkg) = &x.kind else {
                    panic!("bad std type")
                };
                self.named_in(pkg, &sel.name).unwrap_or_else(|| {
                    panic!("std declaration names unknown type {pkg}.{}", sel.name)
                })
            }
            ExprKind::Paren(x) => self.type_expr(types, path, x),
            ExprKind::Star(x) => {
                let t = self.type_expr(types, path, x);
                types.pointer(t)
            }
            ExprKind::ArrayType { len: None, elem } => {
                let t = self.type_expr(types, path, elem);
                types.slice(t)
            }
            ExprKind::MapType(k, v) => {
                let k = self.type_expr(types, path, k);
                let v = self.type_expr(types, path, v);
                types.map(k, v)
            }
            ExprKind::FuncType(ft) => self.signature(types, path, ft, false),
            ExprKind::ChanType(dir, elem) => {
                let t = self.type_expr(types, path, elem);
                types.chan(*dir, t)
            }
            ExprKind::StructType(fields) => {
                let mut out = Vec::new();
                for f in fields {
                    let ty = self.type_expr(types, path, &f.ty);
                    for n in &f.names {
                        out.push(Field {
                            name: n.name.clone(),
                            ty,
                            embedded: false,
                            tag: String::new(),
                        });
                    }
                }
                types.strukt(out)
            }
            ExprKind::InterfaceType(elems) => {
                let mut methods = Vec::new();
                for el in elems {
                    let ExprKind::FuncType(ft) = &el.ty.kind else {
                        panic!("std interfaces list methods only")
                    };
                    let sig = self.signature(types, path, ft, false);
                    methods.push((el.names[0].name.clone(), sig));
                }
                types.interface(methods, false)
            }
            _ => panic!("unsupported type expression in a std declaration"),
        }
    }
}

fn universe_type(n: &str) -> Option<TypeId> {
    Some(match n {
        "bool" => TypeId::BOOL,
        "int" => TypeId::INT,
        "int8" => TypeId::INT8,
        "int16" => TypeId::INT16,
        "int32" | "rune" => TypeId::INT32,
        "int64" => TypeId::INT64,
        "uint" => TypeId::UINT,
        "uint8" | "byte" => TypeId::UINT8,
        "uint16" => TypeId::UINT16,
        "uint32" => TypeId::UINT32,
        "uint64" => TypeId::UINT64,
        "uintptr" => TypeId::UINTPTR,
        "float32" => TypeId::FLOAT32,
        "float64" => TypeId::FLOAT64,
        "complex64" => TypeId::COMPLEX64,
        "complex128" => TypeId::COMPLEX128,
        "string" => TypeId::STRING,
        "error" => TypeId::ERROR,
        "any" => TypeId::EMPTY_INTERFACE,
        _ => return None,
    })
}

/// The declared name of `func Name(...`, `var Name T`.
pub(super) fn decl_name(decl: &str) -> &str {
    let rest = decl
        .strip_prefix("func ")
        .or_else(|| decl.strip_prefix("var "))
        .unwrap_or("");
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

fn parse_decl(decl: &str) -> crate::ast::File {
    let src = format!("package p; {decl}");
    let parsed = crate::parser::parse(&src);
    match parsed.file {
        Some(f) if parsed.diags.is_empty() => f,
        _ => panic!(
            "std declaration {decl:?} does not parse: {:?}",
            parsed.diags
        ),
    }
}

impl super::check::Checker<'_> {
    /// A standard package's constant (`StdPkgs::constant`).
    pub(super) fn std_const(
        &self,
        path: &str,
        name: &str,
    ) -> Option<(super::constant::Value, TypeId)> {
        self.std.constant(path, name)
    }
}

impl StdPkgs {
    /// A standard package's constant: `stdconst.rs`'s table, and `time`'s typed `Duration` units.
    pub fn constant(&self, path: &str, name: &str) -> Option<(super::constant::Value, TypeId)> {
        if let Some(c) = super::stdconst::lookup(path, name) {
            return Some(c);
        }
        if path != "time" {
            return None;
        }
        let ns: i64 = match name {
            "Nanosecond" => 1,
            "Microsecond" => 1_000,
            "Millisecond" => 1_000_000,
            "Second" => 1_000_000_000,
            "Minute" => 60_000_000_000,
            "Hour" => 3_600_000_000_000,
            _ => return None,
        };
        let d = self.named_in("time", "Duration")?;
        Some((super::constant::Value::from_i64(ns), d))
    }
}

/// The standard members gol describes, as (package name, member name), for REPL completion.
pub fn member_names() -> Vec<(&'static str, &'static str)> {
    let short = |p: &'static str| p.rsplit('/').next().unwrap_or(p);
    let mut v: Vec<_> = MEMBERS
        .iter()
        .map(|&(p, d)| (short(p), decl_name(d)))
        .collect();
    v.extend(TYPES.iter().map(|&(p, n, _, _)| (short(p), n)));
    v.retain(|(_, n)| n.starts_with(|c: char| c.is_uppercase()));
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::ty::Spelling;

    #[test]
    fn every_declaration_builds() {
        let mut types = Types::new();
        let mut s = StdPkgs::new(&mut types);
        for &(path, decl) in all_members() {
            let name = decl_name(decl);
            assert!(s.lookup(&mut types, path, name).is_some(), "{path}.{name}");
        }
        let rep = s.lookup(&mut types, "strings", "Repeat").unwrap();
        assert_eq!(rep.kind, MemberKind::Func);
        assert_eq!(
            types.display(rep.ty, Spelling::Reflect),
            "func(string, int) string"
        );
        let eof = s.lookup(&mut types, "io", "EOF").unwrap();
        assert_eq!(eof.kind, MemberKind::Var);
        let f = s.lookup(&mut types, "fmt", "Fprintf").unwrap();
        assert_eq!(
            types.display(f.ty, Spelling::Reflect),
            "func(io.Writer, string, ...interface {}) (int, error)"
        );
        let u = s.lookup(&mut types, "utf8", "RuneLen").unwrap();
        assert_eq!(types.display(u.ty, Spelling::Reflect), "func(int32) int");
        let es = s.named_in("errors", "errorString").unwrap();
        let p = types.pointer(es);
        assert_eq!(types.display(p, Spelling::Reflect), "*errors.errorString");
        assert!(s.lookup(&mut types, "errors", "errorString").is_none());
        assert!(s.lookup(&mut types, "strings", "NoSuch").is_none());
        let b = s.lookup(&mut types, "strings", "Builder").unwrap();
        assert_eq!(b.kind, MemberKind::Type);
        assert!(s.is_complete(&types, b.ty));
        assert_eq!(types.named_info(b.ty).unwrap().methods.len(), 9);
    }
}
