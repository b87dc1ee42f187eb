// Package debounce calls a function once events stop arriving for a while.
package debounce

import (
	"sync"
	"time"
)

type Debouncer struct {
	mu    sync.Mutex
	wait  time.Duration
	timer *time.Timer
	f     func()
}

func New(wait time.Duration, f func()) *Debouncer {
	return &Debouncer{wait: wait, f: f}
}

// Trigger (re)starts the quiet period.
func (d *Debouncer) Trigger() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.timer != nil {
		d.timer.Stop()
	}
	d.timer = time.AfterFunc(d.wait, d.f)
}
