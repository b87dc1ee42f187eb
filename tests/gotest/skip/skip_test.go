package skip

import "testing"

func TestSkip(t *testing.T) {
	t.Skip("not today")
	t.Error("not reached")
}

func TestSkipf(t *testing.T) {
	t.Skipf("skipping %d of %d", 1, 2)
}

func TestSkipNow(t *testing.T) {
	t.Log("before SkipNow")
	t.SkipNow()
}

func TestShort(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	t.Log("long test ran")
}

func TestSkippedSub(t *testing.T) {
	t.Run("s", func(t *testing.T) { t.Skip("sub skipped") })
	t.Run("p", func(t *testing.T) {
		if t.Skipped() {
			t.Error("Skipped before Skip")
		}
	})
}
