package ctxerr

import (
	"context"
	"errors"
	"testing"
)

func TestEnded(t *testing.T) {
	over := errors.New("sql: transaction has already been committed or rolled back")

	if err := Ended(t.Context(), over); err != over {
		t.Errorf("live context: got %v, want the error unchanged", err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := Ended(ctx, over)
	if !errors.Is(err, context.Canceled) || !errors.Is(err, over) {
		t.Errorf("cancelled context: got %v, want it to match context.Canceled and the driver's error", err)
	}
	if want := "context canceled: " + over.Error(); err.Error() != want {
		t.Errorf("cancelled context: message %q, want %q", err, want)
	}

	// An error that already says why is left as it is, so the reason is
	// not given twice.
	already := Ended(ctx, context.Canceled)
	if already != context.Canceled {
		t.Errorf("error already matching: got %v, want it unchanged", already)
	}
}
