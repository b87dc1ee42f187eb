package greet

import (
	"fmt"
	"testing"
)

func ExampleHello() {
	fmt.Println(Hello("gopher"))
	fmt.Println(Hello("world"))
	// Output:
	// Hello, gopher!
	// Hello, world!
}

func ExampleHello_unordered() {
	for _, n := range []string{"c", "a", "b"} {
		fmt.Println(Hello(n))
	}
	// Unordered output:
	// Hello, a!
	// Hello, b!
	// Hello, c!
}

func ExampleHello_wrong() {
	fmt.Println(Hello("x"))
	// Output: Hello, y!
}

func ExampleHello_noOutput() {
	// Compiled but not run: there is no output comment.
	panic("not run")
}

func TestAlongside(t *testing.T) {}
