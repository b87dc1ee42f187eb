package cache

import (
	"testing"
	"testing/synctest"
	"time"
)

func TestExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		start := time.Now()
		c := New(5 * time.Second)
		c.Put("k", "v")
		time.Sleep(4 * time.Second)
		if v, ok := c.Get("k"); !ok || v != "v" {
			t.Errorf("after 4s: Get = %q, %v", v, ok)
		}
		time.Sleep(time.Second)
		if _, ok := c.Get("k"); ok {
			t.Error("after 5s: the entry is still there")
		}
		t.Log("fake time elapsed:", time.Since(start))
		t.Log("bubble epoch:", start.UTC().Format(time.RFC3339))
	})
}

func TestJanitor(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(time.Minute)
		stop := make(chan struct{})
		go c.Janitor(10*time.Second, stop)
		c.Put("a", "1")
		time.Sleep(30 * time.Second)
		c.Put("b", "2")
		time.Sleep(40 * time.Second)
		synctest.Wait()
		if n := c.Len(); n != 1 {
			t.Errorf("after 70s: %d entries, want 1", n)
		}
		close(stop)
	})
}

func TestBroken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(time.Hour)
		c.Put("x", "y")
		time.Sleep(2 * time.Hour)
		if _, ok := c.Get("x"); ok {
			t.Error("expired entry returned")
		}
		if _, ok := c.Get("x"); !ok {
			t.Error("this cache expires entries, as the test says")
		}
	})
}
