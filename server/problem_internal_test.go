package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// TestProblemFor is the table of the one mapping from errors to statuses:
// each error kind, bare and wrapped, gives its status and problem type.
func TestProblemFor(t *testing.T) {
	cases := map[string]struct {
		err    error
		status int
		typ    string
	}{
		"unauthenticated": {errUnauthenticated, http.StatusUnauthorized, "/problems/unauthenticated"},
		"forbidden":       {atlas.Forbidden("no"), http.StatusForbidden, "/problems/forbidden"},
		"forbidden rows":  {&atlas.ForbiddenError{Reason: "outside", Rows: []msg.Message{msg.New("region %s", "3206")}}, http.StatusForbidden, "/problems/forbidden"},
		"too many":        {&errTooMany{wait: time.Second}, http.StatusTooManyRequests, "/problems/too-many-requests"},
		"conflict":        {&conflictError{msg.New("exists")}, http.StatusConflict, "/problems/conflict"},
		"entry state":     {&atlas.StateError{Reason: "not done"}, http.StatusConflict, "/problems/conflict"},
		"no entry":        {fmt.Errorf("%w: x", atlas.ErrNoEntry), http.StatusNotFound, "/problems/not-found"},
		"bad parameter":   {web.BadParam("level", "no"), http.StatusBadRequest, "/problems/invalid-parameter"},
		"not found":       {&web.NotFoundError{What: "region", Code: "1"}, http.StatusNotFound, "/problems/not-found"},
		"invalid file":    {&importer.Error{File: "f.csv", Problems: []importer.Problem{{Row: 2, Message: "bad"}}}, http.StatusUnprocessableEntity, "/problems/invalid-file"},
		"unknown kind":    {fmt.Errorf("%w %q", atlas.ErrUnknownKind, "x"), http.StatusNotFound, "/problems/not-found"},
		"store away":      {fmt.Errorf("load: %w", store.ErrNotReady), http.StatusServiceUnavailable, "/problems/unavailable"},
		"deadline":        {context.DeadlineExceeded, http.StatusServiceUnavailable, "/problems/timeout"},
		"echo":            {echo.NewHTTPError(http.StatusMethodNotAllowed, "no"), http.StatusMethodNotAllowed, "about:blank"},
		"anything else":   {errors.New("disk on fire"), http.StatusInternalServerError, "/problems/internal"},
	}
	for name, c := range cases {
		for _, err := range []error{c.err, fmt.Errorf("context: %w", c.err)} {
			p := problemFor(err)
			if p.Status != c.status || p.Type != c.typ {
				t.Errorf("%s (%v): %d %s, want %d %s", name, err, p.Status, p.Type, c.status, c.typ)
			}
		}
	}
	// The cause of an internal error stays in the log, not the answer.
	if p := problemFor(errors.New("secret path /var/x")); p.Detail != "the server failed; the cause is in its log" {
		t.Errorf("internal detail %q", p.Detail)
	}
}
