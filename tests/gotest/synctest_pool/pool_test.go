package pool

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

func TestPool(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		jobs := []Job{{0, time.Second}, {1, 3 * time.Hour}, {2, 2 * time.Second}, {3, 90 * time.Minute}}
		res := Run(context.Background(), 2, time.Hour, jobs)
		for _, r := range res {
			t.Logf("job %d: %v", r.ID, r.Err)
		}
		// Worker A: job 0 (0-1s), job 2 (1s-3s), then job 3 times out (3s-1h0m3s); worker
		// B: job 1 times out (0-1h).
		if d := time.Since(start); d != time.Hour+3*time.Second {
			t.Errorf("took %v of fake time, want 1h0m3s", d)
		}
	})
}

func TestSleepers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		done := make(chan string, 3)
		for _, d := range []time.Duration{3 * time.Second, time.Second, 2 * time.Second} {
			go func() {
				time.Sleep(d)
				done <- d.String()
			}()
		}
		for i := 0; i < 3; i++ {
			t.Log(<-done, "at", time.Since(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)))
		}
	})
}
