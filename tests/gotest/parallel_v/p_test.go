package p

import "testing"

func TestOne(t *testing.T) {
	t.Run("par", func(t *testing.T) {
		t.Parallel()
		t.Log("parallel part")
	})
	t.Log("sequential part")
}

func TestTop(t *testing.T) {
	t.Parallel()
	t.Log("top-level parallel")
}

func TestAfter(t *testing.T) {
	t.Log("sequential top-level test")
}
