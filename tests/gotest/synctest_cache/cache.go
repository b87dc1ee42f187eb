// Package cache is a map whose entries expire.
package cache

import (
	"sync"
	"time"
)

type entry struct {
	value   string
	expires time.Time
}

type Cache struct {
	mu  sync.Mutex
	ttl time.Duration
	m   map[string]entry
}

func New(ttl time.Duration) *Cache {
	return &Cache{ttl: ttl, m: map[string]entry{}}
}

func (c *Cache) Put(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m[k] = entry{v, time.Now().Add(c.ttl)}
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[k]
	if !ok || !time.Now().Before(e.expires) {
		return "", false
	}
	return e.value, true
}

// Janitor removes expired entries every interval until stop is closed.
func (c *Cache) Janitor(interval time.Duration, stop <-chan struct{}) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			c.mu.Lock()
			for k, e := range c.m {
				if !time.Now().Before(e.expires) {
					delete(c.m, k)
				}
			}
			c.mu.Unlock()
		case <-stop:
			return
		}
	}
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
