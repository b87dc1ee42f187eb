package check

import (
	"strings"
	"testing"
)

func assertEqual(t *testing.T, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func assertUpper(t *testing.T, s string) {
	t.Helper()
	assertEqual(t, strings.ToUpper(s), s)
}

func notAHelper(t *testing.T) {
	t.Error("reported at this line")
}

func TestHelpers(t *testing.T) {
	assertEqual(t, "a", "b")
	assertUpper(t, "abc")
	notAHelper(t)
	check := func(v int) {
		t.Helper()
		if v < 0 {
			t.Errorf("negative: %d", v)
		}
	}
	check(-1)
	t.Run("sub", func(t *testing.T) {
		assertEqual(t, "x", "y")
	})
}
