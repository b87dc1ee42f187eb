package stack

import "testing"

func TestPushPop(t *testing.T) {
	var s Stack[int]
	s.Push(1)
	s.Push(2)
	if v, ok := s.Pop(); !ok || v != 2 {
		t.Fatalf("Pop() = %d, %v; want 2, true", v, ok)
	}
	if s.Len() != 1 {
		t.Errorf("Len() = %d; want 1", s.Len())
	}
	t.Log("only shown on failure or with -v")
}

func TestEmpty(t *testing.T) {
	var s Stack[string]
	if _, ok := s.Pop(); ok {
		t.Error("Pop on an empty stack succeeded")
	}
}
