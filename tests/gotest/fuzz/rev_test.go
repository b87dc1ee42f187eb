package rev

import (
	"testing"
	"unicode/utf8"
)

func FuzzReverse(f *testing.F) {
	f.Add("hello")
	f.Add("")
	f.Add("héllo")
	f.Fuzz(func(t *testing.T, s string) {
		r := Reverse(s)
		if Reverse(r) != s {
			t.Errorf("double reverse of %q is %q", s, Reverse(r))
		}
		if utf8.ValidString(s) && !utf8.ValidString(r) {
			t.Errorf("Reverse(%q) = %q is not valid UTF-8", s, r)
		}
	})
}

func FuzzAdd(f *testing.F) {
	f.Add(1, 2)
	f.Add(-3, 3)
	f.Fuzz(func(t *testing.T, a, b int) {
		if a+b != b+a {
			t.Fatal("not commutative")
		}
	})
}
