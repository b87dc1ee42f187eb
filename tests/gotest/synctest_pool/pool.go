// Package pool runs jobs on a fixed number of workers, each job with a timeout.
package pool

import (
	"context"
	"errors"
	"sync"
	"time"
)

var ErrTimeout = errors.New("job timed out")

type Job struct {
	ID   int
	Cost time.Duration // how long the job works
}

type Result struct {
	ID  int
	Err error
}

// Run runs jobs on n workers; a job that needs more than timeout fails with ErrTimeout.
func Run(ctx context.Context, n int, timeout time.Duration, jobs []Job) []Result {
	in := make(chan Job)
	out := make(chan Result, len(jobs))
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range in {
				select {
				case <-time.After(j.Cost):
					out <- Result{ID: j.ID}
				case <-time.After(timeout):
					out <- Result{ID: j.ID, Err: ErrTimeout}
				case <-ctx.Done():
					out <- Result{ID: j.ID, Err: ctx.Err()}
				}
			}
		}()
	}
	for _, j := range jobs {
		in <- j
	}
	close(in)
	wg.Wait()
	close(out)
	res := make([]Result, len(jobs))
	for r := range out {
		res[r.ID] = r
	}
	return res
}
