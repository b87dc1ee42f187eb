package work

func Square(x int) int { return x * x }
