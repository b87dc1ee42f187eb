//! CHECKER: more standard declarations, in `stdpkg.rs`'s three-table format (read together with
//! its tables: `stdpkg::all_types`, `all_members`): `math/bits`, `math/cmplx`, `bytes`,
//! more of `io`, `strings`, `math`, `time`, `unicode/utf8` and `sync`. Input: nothing (static
//! text). Output: Go declarations the checker parses once per `StdPkgs`.
//!
//! Kept apart from `stdpkg.rs` so that file stays small; the layouts of the structs below are
//! the natives' (`stdlib/natives/mod.rs` documents them), not Go's.

/// Named types: (import path, name, declaration, complete).
pub(super) const TYPES: &[(&str, &str, &str, bool)] = &[
    // fmt.State, and gol's implementation handed to Format methods (vm/host.rs): the bytes
    // written, the flags present ("+-# 0"), width and precision (-1 when absent).
    ("fmt", "State", "type State interface { Write(b []byte) (n int, err error); Width() (wid int, ok bool); Precision() (prec int, ok bool); Flag(c int) bool }", true),
    ("fmt", "Formatter", "type Formatter interface { Format(f State, verb rune) }", true),
    ("fmt", "pp", "type pp struct { buf []byte; flags string; wid int; prec int }", true),
    // reflect (a small part): gol's Type holds an rtype, a type's index in the program's table
    // (a value, so that two Types of one type are equal).
    ("reflect", "Type", "type Type interface { Name() string; String() string; Kind() Kind; NumField() int; Field(i int) StructField; NumMethod() int; Elem() Type; Len() int; Key() Type; Implements(u Type) bool; PkgPath() string; AssignableTo(u Type) bool }", false),
    ("reflect", "Kind", "type Kind uint", false),
    ("reflect", "StructTag", "type StructTag string", true),
    ("reflect", "StructField", "type StructField struct { Name string; PkgPath string; Type Type; Tag StructTag; Offset uintptr; Index []int; Anonymous bool }", false),
    ("reflect", "rtype", "type rtype int", false),
    ("io", "WriterTo", "type WriterTo interface { WriteTo(w Writer) (n int64, err error) }", true),
    ("io", "ReaderFrom", "type ReaderFrom interface { ReadFrom(r Reader) (n int64, err error) }", true),
    ("io", "StringWriter", "type StringWriter interface { WriteString(s string) (n int, err error) }", true),
    ("io", "ByteReader", "type ByteReader interface { ReadByte() (byte, error) }", true),
    ("io", "ByteWriter", "type ByteWriter interface { WriteByte(c byte) error }", true),
    ("io", "RuneReader", "type RuneReader interface { ReadRune() (r rune, size int, err error) }", true),
    ("io", "Closer", "type Closer interface { Close() error }", true),
    ("io", "ReadWriter", "type ReadWriter interface { Read(p []byte) (n int, err error); Write(p []byte) (n int, err error) }", true),
    ("io", "ReadCloser", "type ReadCloser interface { Read(p []byte) (n int, err error); Close() error }", true),
    ("io", "WriteCloser", "type WriteCloser interface { Write(p []byte) (n int, err error); Close() error }", true),
    // strings.Replacer: the old/new pairs, in argument order.
    ("strings", "Replacer", "type Replacer struct { oldnew []string }", false),
    // strings.Reader: the string and the read offset (Go's also remembers the last rune's size).
    ("strings", "Reader", "type Reader struct { s string; i int64; prevRune int }", false),
    // sync.Map: one native map of `any` to `any` (vm/map.rs), made on first use.
    ("sync", "Map", "type Map struct { m map[any]any }", true),
    // sync.Pool: the cached values (a stack) and the user's New function.
    ("sync", "Pool", "type Pool struct { items []any; New func() any }", true),
    // What RWMutex.RLocker returns: the same object, whose Lock/Unlock read-lock.
    ("sync", "rlocker", "type rlocker struct { w int32; readers int32 }", true),
    // bytes.Buffer: the bytes and the read offset, as Go's.
    ("bytes", "Buffer", "type Buffer struct { buf []byte; off int }", false),
];

/// Methods of the types above.
pub(super) const METHODS: &[(&str, &str)] = &[
    ("time", "func (d Duration) Abs() Duration"),
    ("strings", "func (r *Replacer) Replace(s string) string"),
    ("strings", "func (r *Reader) Len() int"),
    ("strings", "func (r *Reader) Size() int64"),
    (
        "strings",
        "func (r *Reader) Read(b []byte) (n int, err error)",
    ),
    (
        "strings",
        "func (r *Reader) ReadAt(b []byte, off int64) (n int, err error)",
    ),
    (
        "strings",
        "func (r *Reader) Seek(offset int64, whence int) (int64, error)",
    ),
    ("strings", "func (r *Reader) ReadByte() (byte, error)"),
    ("strings", "func (r *Reader) UnreadByte() error"),
    (
        "strings",
        "func (r *Reader) ReadRune() (ch rune, size int, err error)",
    ),
    ("strings", "func (r *Reader) UnreadRune() error"),
    ("strings", "func (r *Reader) Reset(s string)"),
    (
        "strings",
        "func (r *Reader) WriteTo(w io.Writer) (n int64, err error)",
    ),
    ("sync", "func (m *Map) Load(key any) (value any, ok bool)"),
    ("sync", "func (m *Map) Store(key, value any)"),
    (
        "sync",
        "func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool)",
    ),
    (
        "sync",
        "func (m *Map) LoadAndDelete(key any) (value any, loaded bool)",
    ),
    ("sync", "func (m *Map) Delete(key any)"),
    (
        "sync",
        "func (m *Map) Swap(key, value any) (previous any, loaded bool)",
    ),
    (
        "sync",
        "func (m *Map) CompareAndSwap(key, old, new any) (swapped bool)",
    ),
    (
        "sync",
        "func (m *Map) CompareAndDelete(key, old any) (deleted bool)",
    ),
    ("sync", "func (m *Map) Range(f func(key, value any) bool)"),
    ("sync", "func (m *Map) Clear()"),
    ("sync", "func (p *Pool) Get() any"),
    ("sync", "func (p *Pool) Put(x any)"),
    ("sync", "func (rw *RWMutex) RLocker() Locker"),
    ("reflect", "func (t rtype) Name() string"),
    ("reflect", "func (t rtype) String() string"),
    ("reflect", "func (t rtype) Kind() Kind"),
    ("reflect", "func (t rtype) NumField() int"),
    ("reflect", "func (t rtype) Field(i int) StructField"),
    ("reflect", "func (t rtype) NumMethod() int"),
    ("reflect", "func (t rtype) Elem() Type"),
    ("reflect", "func (t rtype) Len() int"),
    ("reflect", "func (t rtype) Key() Type"),
    ("reflect", "func (f StructField) IsExported() bool"),
    ("reflect", "func (t rtype) Implements(u Type) bool"),
    ("reflect", "func (t rtype) PkgPath() string"),
    ("reflect", "func (t rtype) AssignableTo(u Type) bool"),
    ("reflect", "func (k Kind) String() string"),
    ("reflect", "func (tag StructTag) Get(key string) string"),
    (
        "reflect",
        "func (tag StructTag) Lookup(key string) (value string, ok bool)",
    ),
    ("fmt", "func (p *pp) Write(b []byte) (n int, err error)"),
    (
        "fmt",
        "func (p *pp) WriteString(s string) (n int, err error)",
    ),
    ("fmt", "func (p *pp) Width() (wid int, ok bool)"),
    ("fmt", "func (p *pp) Precision() (prec int, ok bool)"),
    ("fmt", "func (p *pp) Flag(c int) bool"),
    ("sync", "func (r *rlocker) Lock()"),
    ("sync", "func (r *rlocker) Unlock()"),
    ("bytes", "func (b *Buffer) Bytes() []byte"),
    ("bytes", "func (b *Buffer) String() string"),
    ("bytes", "func (b *Buffer) Len() int"),
    ("bytes", "func (b *Buffer) Cap() int"),
    ("bytes", "func (b *Buffer) Reset()"),
    ("bytes", "func (b *Buffer) Truncate(n int)"),
    ("bytes", "func (b *Buffer) Grow(n int)"),
    (
        "bytes",
        "func (b *Buffer) Write(p []byte) (n int, err error)",
    ),
    (
        "bytes",
        "func (b *Buffer) WriteString(s string) (n int, err error)",
    ),
    ("bytes", "func (b *Buffer) WriteByte(c byte) error"),
    (
        "bytes",
        "func (b *Buffer) WriteRune(r rune) (n int, err error)",
    ),
    (
        "bytes",
        "func (b *Buffer) Read(p []byte) (n int, err error)",
    ),
    ("bytes", "func (b *Buffer) Next(n int) []byte"),
    ("bytes", "func (b *Buffer) ReadByte() (byte, error)"),
    (
        "bytes",
        "func (b *Buffer) ReadRune() (r rune, size int, err error)",
    ),
    (
        "bytes",
        "func (b *Buffer) ReadString(delim byte) (line string, err error)",
    ),
    (
        "bytes",
        "func (b *Buffer) ReadBytes(delim byte) (line []byte, err error)",
    ),
];

/// Functions and variables.
pub(super) const MEMBERS: &[(&str, &str)] = &[
    // io
    (
        "io",
        "func WriteString(w Writer, s string) (n int, err error)",
    ),
    ("io", "func ReadAll(r Reader) ([]byte, error)"),
    (
        "io",
        "func Copy(dst Writer, src Reader) (written int64, err error)",
    ),
    // fmt's scanning
    ("fmt", "func Sscan(str string, a ...any) (n int, err error)"),
    (
        "fmt",
        "func Sscanln(str string, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Sscanf(str string, format string, a ...any) (n int, err error)",
    ),
    ("fmt", "func Scan(a ...any) (n int, err error)"),
    ("fmt", "func Scanln(a ...any) (n int, err error)"),
    (
        "fmt",
        "func Scanf(format string, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Fscan(r io.Reader, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Fscanln(r io.Reader, a ...any) (n int, err error)",
    ),
    (
        "fmt",
        "func Fscanf(r io.Reader, format string, a ...any) (n int, err error)",
    ),
    // strings
    ("strings", "func NewReplacer(oldnew ...string) *Replacer"),
    ("strings", "func NewReader(s string) *Reader"),
    // sync
    ("sync", "func OnceFunc(f func()) func()"),
    // reflect
    ("reflect", "func TypeOf(i any) Type"),
    // unicode (RangeTable, the tables and Is/In are gol source: stdlib/unicode/)
    ("unicode", "func SimpleFold(r rune) rune"),
    // time
    ("time", "func ParseDuration(s string) (Duration, error)"),
    // unicode/utf8
    ("unicode/utf8", "func FullRune(p []byte) bool"),
    (
        "unicode/utf8",
        "func DecodeLastRune(p []byte) (r rune, size int)",
    ),
    // math
    ("math", "func Remainder(x, y float64) float64"),
    ("math", "func Dim(x, y float64) float64"),
    ("math", "func FMA(x, y, z float64) float64"),
    ("math", "func Ldexp(frac float64, exp int) float64"),
    ("math", "func Frexp(f float64) (frac float64, exp int)"),
    ("math", "func Expm1(x float64) float64"),
    ("math", "func Asinh(x float64) float64"),
    ("math", "func Acosh(x float64) float64"),
    ("math", "func Atanh(x float64) float64"),
    ("math", "func Nextafter(x, y float64) (r float64)"),
    ("math", "func Nextafter32(x, y float32) (r float32)"),
    ("math", "func Ilogb(x float64) int"),
    ("math", "func Logb(x float64) float64"),
    ("math", "func Pow10(n int) float64"),
    ("math", "func Sincos(x float64) (sin, cos float64)"),
    // math/bits
    ("math/bits", "func OnesCount(x uint) int"),
    ("math/bits", "func OnesCount8(x uint8) int"),
    ("math/bits", "func OnesCount16(x uint16) int"),
    ("math/bits", "func OnesCount32(x uint32) int"),
    ("math/bits", "func OnesCount64(x uint64) int"),
    ("math/bits", "func LeadingZeros(x uint) int"),
    ("math/bits", "func LeadingZeros8(x uint8) int"),
    ("math/bits", "func LeadingZeros16(x uint16) int"),
    ("math/bits", "func LeadingZeros32(x uint32) int"),
    ("math/bits", "func LeadingZeros64(x uint64) int"),
    ("math/bits", "func TrailingZeros(x uint) int"),
    ("math/bits", "func TrailingZeros8(x uint8) int"),
    ("math/bits", "func TrailingZeros16(x uint16) int"),
    ("math/bits", "func TrailingZeros32(x uint32) int"),
    ("math/bits", "func TrailingZeros64(x uint64) int"),
    ("math/bits", "func Len(x uint) int"),
    ("math/bits", "func Len8(x uint8) int"),
    ("math/bits", "func Len16(x uint16) int"),
    ("math/bits", "func Len32(x uint32) int"),
    ("math/bits", "func Len64(x uint64) int"),
    ("math/bits", "func RotateLeft(x uint, k int) uint"),
    ("math/bits", "func RotateLeft8(x uint8, k int) uint8"),
    ("math/bits", "func RotateLeft16(x uint16, k int) uint16"),
    ("math/bits", "func RotateLeft32(x uint32, k int) uint32"),
    ("math/bits", "func RotateLeft64(x uint64, k int) uint64"),
    ("math/bits", "func Reverse(x uint) uint"),
    ("math/bits", "func Reverse8(x uint8) uint8"),
    ("math/bits", "func Reverse16(x uint16) uint16"),
    ("math/bits", "func Reverse32(x uint32) uint32"),
    ("math/bits", "func Reverse64(x uint64) uint64"),
    ("math/bits", "func ReverseBytes(x uint) uint"),
    ("math/bits", "func ReverseBytes16(x uint16) uint16"),
    ("math/bits", "func ReverseBytes32(x uint32) uint32"),
    ("math/bits", "func ReverseBytes64(x uint64) uint64"),
    (
        "math/bits",
        "func Add64(x, y, carry uint64) (sum, carryOut uint64)",
    ),
    (
        "math/bits",
        "func Sub64(x, y, borrow uint64) (diff, borrowOut uint64)",
    ),
    ("math/bits", "func Mul64(x, y uint64) (hi, lo uint64)"),
    (
        "math/bits",
        "func Div64(hi, lo, y uint64) (quo, rem uint64)",
    ),
    (
        "math/bits",
        "func Add(x, y, carry uint) (sum, carryOut uint)",
    ),
    (
        "math/bits",
        "func Add32(x, y, carry uint32) (sum, carryOut uint32)",
    ),
    (
        "math/bits",
        "func Sub(x, y, borrow uint) (diff, borrowOut uint)",
    ),
    (
        "math/bits",
        "func Sub32(x, y, borrow uint32) (diff, borrowOut uint32)",
    ),
    ("math/bits", "func Mul(x, y uint) (hi, lo uint)"),
    ("math/bits", "func Mul32(x, y uint32) (hi, lo uint32)"),
    ("math/bits", "func Div(hi, lo, y uint) (quo, rem uint)"),
    (
        "math/bits",
        "func Div32(hi, lo, y uint32) (quo, rem uint32)",
    ),
    ("math/bits", "func Rem(hi, lo, y uint) uint"),
    ("math/bits", "func Rem32(hi, lo, y uint32) uint32"),
    ("math/bits", "func Rem64(hi, lo, y uint64) uint64"),
    // math/cmplx
    ("math/cmplx", "func Abs(x complex128) float64"),
    ("math/cmplx", "func Conj(x complex128) complex128"),
    ("math/cmplx", "func Sqrt(x complex128) complex128"),
    ("math/cmplx", "func Exp(x complex128) complex128"),
    ("math/cmplx", "func Log(x complex128) complex128"),
    ("math/cmplx", "func Phase(x complex128) float64"),
    ("math/cmplx", "func Polar(x complex128) (r, theta float64)"),
    ("math/cmplx", "func Rect(r, theta float64) complex128"),
    ("math/cmplx", "func IsNaN(x complex128) bool"),
    ("math/cmplx", "func IsInf(x complex128) bool"),
    ("math/cmplx", "func Inf() complex128"),
    ("math/cmplx", "func NaN() complex128"),
    ("math/cmplx", "func Pow(x, y complex128) complex128"),
    // bytes
    ("bytes", "func NewBuffer(buf []byte) *Buffer"),
    ("bytes", "func NewBufferString(s string) *Buffer"),
    ("bytes", "func Equal(a, b []byte) bool"),
    ("bytes", "func Compare(a, b []byte) int"),
    ("bytes", "func Contains(b, subslice []byte) bool"),
    ("bytes", "func Index(s, sep []byte) int"),
    ("bytes", "func IndexByte(b []byte, c byte) int"),
    ("bytes", "func HasPrefix(s, prefix []byte) bool"),
    ("bytes", "func HasSuffix(s, suffix []byte) bool"),
    ("bytes", "func ToUpper(s []byte) []byte"),
    ("bytes", "func ToLower(s []byte) []byte"),
    ("bytes", "func TrimSpace(s []byte) []byte"),
    ("bytes", "func Repeat(b []byte, count int) []byte"),
    ("bytes", "func Split(s, sep []byte) [][]byte"),
    ("bytes", "func Join(s [][]byte, sep []byte) []byte"),
    ("bytes", "func Fields(s []byte) [][]byte"),
    ("bytes", "func Count(s, sep []byte) int"),
    ("bytes", "func ReplaceAll(s, old, new []byte) []byte"),
];
