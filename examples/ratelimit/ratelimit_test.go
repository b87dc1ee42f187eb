package ratelimit

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := New(1, 3)
		for i := 0; i < 3; i++ {
			if !l.Allow() {
				t.Fatalf("event %d of the burst refused", i)
			}
		}
		if l.Allow() {
			t.Fatal("a fourth event passed at once")
		}
		time.Sleep(time.Second)
		if !l.Allow() {
			t.Fatal("no token after a second")
		}
	})
}

// Ten goroutines share 2 tokens per second: in fake time the last one gets its token after
// exactly 4 seconds, and the test takes no real time at all.
func TestWaitersShareTheRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := New(2, 2)
		start := time.Now()
		var mu sync.Mutex
		var last time.Duration
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := l.Wait(context.Background()); err != nil {
					t.Error(err)
				}
				mu.Lock()
				last = max(last, time.Since(start))
				mu.Unlock()
			}()
		}
		wg.Wait()
		if last != 4*time.Second {
			t.Errorf("the last waiter got its token after %v, want 4s", last)
		}
	})
}

func TestWaitTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		l := New(0.1, 1)
		l.Allow()
		ctx, cancel := context.WithCancel(context.Background())
		errc := make(chan error)
		go func() { errc <- l.Wait(ctx) }()
		time.Sleep(3 * time.Second)
		synctest.Wait() // the waiter is blocked in its select
		cancel()
		if err := <-errc; err != context.Canceled {
			t.Errorf("Wait = %v, want context.Canceled", err)
		}
	})
}

func ExampleLimiter_Allow() {
	l := New(1, 2)
	fmt.Println(l.Allow(), l.Allow(), l.Allow())
	// Output: true true false
}
