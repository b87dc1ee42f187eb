package f

import (
	"errors"
	"testing"
)

func mustNoErr(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func TestFatalInHelper(t *testing.T) {
	defer func() { t.Log("deferred calls still run") }()
	mustNoErr(t, nil)
	mustNoErr(t, errors.New("boom"))
	t.Log("not reached")
}

func TestNext(t *testing.T) {
	t.Log("the next test runs")
}
