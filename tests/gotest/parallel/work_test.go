package work

import (
	"testing"
	"time"
)

// The two subtests wait for each other: they can only finish if they really run at the same
// time, and "second" always reports first.
func TestPair(t *testing.T) {
	ping := make(chan int)
	pong := make(chan int)
	t.Run("first", func(t *testing.T) {
		t.Parallel()
		ping <- 1
		<-pong
		time.Sleep(10 * time.Millisecond)
		t.Error("first fails after second")
	})
	t.Run("second", func(t *testing.T) {
		t.Parallel()
		<-ping
		pong <- 2
		t.Error("second fails")
	})
	t.Log("the sequential part ends before the parallel subtests run")
}

func TestSquares(t *testing.T) {
	for i := 0; i < 5; i++ {
		t.Run("", func(t *testing.T) {
			t.Parallel()
			if Square(i) != i*i {
				t.Errorf("Square(%d) = %d", i, Square(i))
			}
		})
	}
}
