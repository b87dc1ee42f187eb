package debounce

import (
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

func TestDebounce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var calls atomic.Int32
		d := New(100*time.Millisecond, func() { calls.Add(1) })
		for i := 0; i < 5; i++ {
			d.Trigger()
			time.Sleep(50 * time.Millisecond)
		}
		synctest.Wait()
		if n := calls.Load(); n != 0 {
			t.Fatalf("called %d times during the burst", n)
		}
		time.Sleep(60 * time.Millisecond)
		synctest.Wait()
		if n := calls.Load(); n != 1 {
			t.Fatalf("called %d times after the quiet period, want 1", n)
		}
		t.Log("one call, 310ms of fake time")
	})
}

func TestWaitOutside(t *testing.T) {
	defer func() {
		t.Log("recovered:", recover())
	}()
	synctest.Wait()
}

func TestHandoff(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ch := make(chan int)
		go func() { ch <- 1 }()
		<-ch
		t.Log("the goroutine delivered")
	})
}
