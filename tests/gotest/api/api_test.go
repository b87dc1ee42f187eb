package api

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

func check(tb testing.TB, ok bool, what string) {
	tb.Helper()
	if !ok {
		tb.Errorf("%s does not hold", what)
	}
}

func TestFlagsAndState(t *testing.T) {
	check(t, testing.Testing(), "testing.Testing()")
	check(t, testing.Verbose(), "testing.Verbose()")
	check(t, testing.CoverMode() == "", "CoverMode is empty")
	_, ok := t.Deadline()
	check(t, ok, "a deadline (-timeout)")
	ctx := t.Context()
	check(t, ctx.Err() == nil, "the context is live during the test")
	t.Cleanup(func() {
		if ctx.Err() != context.Canceled {
			t.Error("the context is not canceled before cleanups")
		}
	})
	n := testing.AllocsPerRun(10, func() { _ = strings.Repeat("x", 3) })
	check(t, n >= 0, "AllocsPerRun is not negative")
}

func TestChdir(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	wd, _ := os.Getwd()
	check(t, strings.HasSuffix(wd, dir[strings.LastIndex(dir, "/"):]), "Chdir changed the directory")
}

func TestBenchmarkFunc(t *testing.T) {
	r := testing.Benchmark(func(b *testing.B) {
		b.SetBytes(8)
		b.StopTimer()
		b.StartTimer()
		for i := 0; i < b.N; i++ {
		}
		check(b, b.Elapsed() >= 0, "Elapsed")
	})
	check(t, r.N > 0, "the benchmark ran")
	check(t, r.NsPerOp() >= 0 && r.AllocsPerOp() >= 0 && r.AllocedBytesPerOp() >= 0, "per-op figures")
	check(t, strings.Contains(r.MemString(), "allocs/op"), "MemString")
	var _ testing.BenchmarkResult = r
}

func BenchmarkParallel(b *testing.B) {
	b.SetParallelism(2)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			time.Sleep(0)
		}
	})
	b.ReportMetric(42, "answers/op")
}
