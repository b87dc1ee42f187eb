package c

import "testing"

func TestF(t *testing.T) {
	var unused int
	if F() != 1 {
		t.Error("F")
	}
}
