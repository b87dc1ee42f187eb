package table

import "testing"

func TestUpper(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"one word", "go", "GO"},
		{"one word", "gopher", "GOPHER!"},
		{"mixed Case", "GoL", "GOL"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Upper(c.in); got != c.want {
				t.Errorf("Upper(%q) = %q; want %q", c.in, got, c.want)
			}
		})
	}
}

func TestNested(t *testing.T) {
	t.Run("a", func(t *testing.T) {
		t.Log("in a")
		t.Run("b", func(t *testing.T) {
			t.Log("in a/b")
			t.Fail()
		})
		t.Run("c", func(t *testing.T) {})
		if ok := t.Run("d", func(t *testing.T) { t.Error("d fails") }); ok {
			t.Error("Run returned true for a failed subtest")
		}
	})
	t.Log("name:", t.Name())
}
