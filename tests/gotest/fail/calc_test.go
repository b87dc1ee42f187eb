package calc

import "testing"

func TestAdd(t *testing.T) {
	if got := Add(2, 3); got != 5 {
		t.Errorf("Add(2, 3) = %d; want 5", got)
	}
}

func TestSub(t *testing.T) {
	t.Log("checking Sub")
	if got := Sub(5, 3); got != 2 {
		t.Errorf("Sub(5, 3) = %d; want 2", got)
	}
	t.Logf("a message\nover two lines")
	if got := Sub(1, 1); got != 0 {
		t.Fatal("Sub(1, 1) =", got)
	}
	t.Error("not reached")
}

func TestFailNow(t *testing.T) {
	t.Fail()
	if !t.Failed() {
		t.Error("Failed() is false after Fail")
	}
	t.FailNow()
}

func TestPanic(t *testing.T) {
	var m map[string]int
	m["x"] = 1
}
