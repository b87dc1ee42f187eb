package g

import (
	"sync"
	"testing"
)

func TestFatalFromGoroutine(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t.Fatal("fatal from another goroutine")
	}()
	wg.Wait()
	t.Log("the test goroutine goes on")
}
