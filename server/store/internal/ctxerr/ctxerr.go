// Package ctxerr makes a store's errors say when a context ended them. The
// store contract has an Apply whose context is cancelled or past its
// deadline report context.Canceled or context.DeadlineExceeded, but the
// drivers report what they saw instead: database/sql rolls the transaction
// back when the context is done, so the statement that follows reports only
// that the transaction is over, and pgx closes the connection, so what it
// reports need not say why.
package ctxerr

import (
	"context"
	"errors"
	"fmt"
)

// Ended makes err match ctx's error once ctx is done, keeping err's own
// message and chain as well; otherwise it returns err.
func Ended(ctx context.Context, err error) error {
	if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	return err
}
