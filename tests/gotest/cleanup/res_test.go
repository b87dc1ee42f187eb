package res

import (
	"os"
	"testing"
)

func TestCleanupOrder(t *testing.T) {
	t.Cleanup(func() { t.Log("cleanup 1 (last)") })
	t.Cleanup(func() { t.Log("cleanup 2 (first)") })
	t.Run("sub", func(t *testing.T) {
		t.Cleanup(func() { t.Log("sub cleanup") })
		t.Log("sub body")
	})
	t.Log("body")
	t.Fail()
}

func TestCleanupAfterParallel(t *testing.T) {
	t.Cleanup(func() { t.Log("parent cleanup after the parallel subtest") })
	t.Run("p", func(t *testing.T) {
		t.Parallel()
		t.Log("parallel subtest")
	})
	t.Fail()
}

func TestTempDirAndEnv(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(dir+"/f.txt", []byte("hi"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(dir + "/f.txt")
	if err != nil || string(b) != "hi" {
		t.Fatalf("read back %q, %v", b, err)
	}
	t.Setenv("GOL_TEST_VAR", "set")
	if os.Getenv("GOL_TEST_VAR") != "set" {
		t.Error("Setenv did not set")
	}
	t.Cleanup(func() {
		if _, err := os.Stat(dir); err != nil {
			t.Error("the temp dir is gone before the cleanups ran")
		}
	})
}

func TestAfterEnv(t *testing.T) {
	if v, ok := os.LookupEnv("GOL_TEST_VAR"); ok {
		t.Errorf("GOL_TEST_VAR still set: %q", v)
	}
}
