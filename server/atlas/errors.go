package atlas

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownKind is returned for an import kind that does not exist.
var ErrUnknownKind = errors.New("unknown import kind")

// ForbiddenError is a request the caller's role or region does not allow.
// Rows names the records that lie outside the caller's region, when a write
// was refused for them.
type ForbiddenError struct {
	Reason string
	Rows   []string
}

func (e *ForbiddenError) Error() string {
	if len(e.Rows) == 0 {
		return e.Reason
	}
	rows := e.Rows
	more := ""
	if len(rows) > maxNamedRows {
		more = fmt.Sprintf(" and %d more", len(rows)-maxNamedRows)
		rows = rows[:maxNamedRows]
	}
	return e.Reason + ": " + strings.Join(rows, "; ") + more
}

// maxNamedRows caps the rows a refusal names in its message.
const maxNamedRows = 20

// Forbidden is a ForbiddenError with a reason alone.
func Forbidden(reason string) error { return &ForbiddenError{Reason: reason} }

// scopeGone is the refusal for a user limited to a region that no longer
// exists.
func scopeGone(code string) error {
	return Forbidden(fmt.Sprintf("your account is limited to region %s, which does not exist; ask an admin", code))
}
