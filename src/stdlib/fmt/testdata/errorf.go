package main

import (
	"errors"
	"fmt"
)

func main() {
	es := []any{errors.New("e0"), errors.New("e1"), errors.New("e2"), 7}
	for _, f := range []string{"%w", "%w %w", "%[2]w %[1]w", "%[1]w %[1]w", "%v %w", "%w %d %w", "%[3]w %w %[1]w", "%d %w", "%*d %w", "x %w %w %w %w %w"} {
		err := fmt.Errorf(f, es...)
		idx := []int{}
		var list []error
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			list = []error{u.Unwrap()}
		case interface{ Unwrap() []error }:
			list = u.Unwrap()
		}
		for _, e := range list {
			for i, x := range es {
				if x == e {
					idx = append(idx, i)
				}
			}
		}
		fmt.Printf("%q %q %v\n", f, err.Error(), idx)
	}
}
