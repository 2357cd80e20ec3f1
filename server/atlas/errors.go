package atlas

import (
	"strings"

	"github.com/community-atlas/atlas/server/msg"
)

// ErrUnknownKind is returned for an import kind that does not exist.
var ErrUnknownKind = msg.Errorf("unknown import kind")

// ForbiddenError is a request the caller's role or region does not allow:
// Reason formatted with Args (an English format of the message catalogue).
// Rows names the records that lie outside the caller's region, when a
// write was refused for them.
type ForbiddenError struct {
	Reason string
	Args   []any
	Rows   []msg.Message
}

func (e *ForbiddenError) Error() string { return e.In(msg.EN) }

// In says the refusal in l, naming at most maxNamedRows rows.
func (e *ForbiddenError) In(l msg.Lang) string {
	reason := msg.New(e.Reason, e.Args...).In(l)
	if len(e.Rows) == 0 {
		return reason
	}
	rows := e.Rows
	more := ""
	if len(rows) > maxNamedRows {
		more = msg.New(" and %d more", len(rows)-maxNamedRows).In(l)
		rows = rows[:maxNamedRows]
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.In(l)
	}
	return reason + l.Colon() + strings.Join(names, l.ListSep()) + more
}

// maxNamedRows caps the rows a refusal names in its message.
const maxNamedRows = 20

// Forbidden is a ForbiddenError with a reason alone.
func Forbidden(format string, args ...any) error {
	return &ForbiddenError{Reason: format, Args: args}
}

// scopeGone is the refusal for a user limited to a region that no longer
// exists.
func scopeGone(code string) error {
	return Forbidden("your account is limited to region %s, which does not exist; ask an admin", code)
}
