package fib

import (
	"strings"
	"testing"
)

func TestFib(t *testing.T) {
	if Fib(10) != 55 {
		t.Error("Fib(10) != 55")
	}
}

func BenchmarkFib10(b *testing.B) {
	for i := 0; i < b.N; i++ {
		Fib(10)
	}
}

func BenchmarkFibLoop(b *testing.B) {
	for b.Loop() {
		Fib(5)
	}
}

func BenchmarkJoin(b *testing.B) {
	b.ReportAllocs()
	parts := []string{"a", "b", "c"}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = strings.Join(parts, ",")
	}
}

func BenchmarkSizes(b *testing.B) {
	for _, n := range []int{5, 10} {
		b.Run(strings.Repeat("x", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				Fib(n)
			}
		})
	}
}
