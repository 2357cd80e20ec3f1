package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// Problem is an RFC 9457 problem detail, the body of every error response.
type Problem struct {
	Type     string             `json:"type"`
	Title    string             `json:"title"`
	Status   int                `json:"status"`
	Detail   string             `json:"detail,omitempty"`
	Instance string             `json:"instance,omitempty"`
	Param    string             `json:"param,omitempty"`
	Errors   []importer.Problem `json:"errors,omitempty"`
	// Cells are the cells that keep a round's submission back.
	Cells []atlas.CellProblem `json:"cells,omitempty"`
}

// problemFor maps an error to its problem document: the one place where
// errors become HTTP statuses.
func problemFor(err error) Problem {
	var (
		pe  *web.ParamError
		nf  *web.NotFoundError
		ie  *importer.Error
		he  *echo.HTTPError
		fe  *atlas.ForbiddenError
		tm  *errTooMany
		be  *errBusy
		ce  *conflictError
		se  *atlas.StateError
		uc  *store.UndoConflict
		sc  *store.StatusConflict
		sub *atlas.SubmitError
		in  *atlas.InputError
	)
	switch {
	case errors.Is(err, errUnauthenticated):
		return Problem{Type: "/problems/unauthenticated", Title: "Sign in needed", Status: http.StatusUnauthorized,
			Detail: "log in (POST /api/v1/auth/login) or send Authorization: Bearer <token>"}
	case errors.As(err, &fe):
		return Problem{Type: "/problems/forbidden", Title: "Forbidden", Status: http.StatusForbidden, Detail: fe.Error()}
	case errors.As(err, &tm):
		return Problem{Type: "/problems/too-many-requests", Title: "Too many requests", Status: http.StatusTooManyRequests, Detail: tm.Error()}
	case errors.As(err, &be):
		return Problem{Type: "/problems/busy", Title: "Busy", Status: http.StatusServiceUnavailable, Detail: be.Error()}
	case errors.As(err, &ce):
		return Problem{Type: "/problems/conflict", Title: "Conflict", Status: http.StatusConflict, Detail: ce.Error()}
	case errors.As(err, &se):
		return Problem{Type: "/problems/conflict", Title: "Conflict", Status: http.StatusConflict, Detail: se.Error()}
	case errors.Is(err, atlas.ErrNoEntry):
		return Problem{Type: "/problems/not-found", Title: "Not found", Status: http.StatusNotFound, Detail: err.Error()}
	case errors.As(err, &uc):
		return Problem{Type: "/problems/conflict", Title: "Conflict", Status: http.StatusConflict, Detail: uc.Error()}
	case errors.As(err, &sc):
		return Problem{Type: "/problems/conflict", Title: "Conflict", Status: http.StatusConflict, Detail: sc.Error()}
	case errors.As(err, &sub):
		return Problem{Type: "/problems/submission-incomplete", Title: "The submission has problems; nothing was submitted",
			Status: http.StatusUnprocessableEntity, Detail: sub.Error(), Cells: sub.Cells}
	case errors.As(err, &in):
		return Problem{Type: "/problems/invalid-parameter", Title: "Invalid parameter", Status: http.StatusBadRequest, Detail: in.Error(), Param: in.Field}
	case errors.As(err, &pe):
		return Problem{Type: "/problems/invalid-parameter", Title: "Invalid parameter", Status: http.StatusBadRequest, Detail: pe.Error(), Param: pe.Param}
	case errors.As(err, &nf):
		return Problem{Type: "/problems/not-found", Title: "Not found", Status: http.StatusNotFound, Detail: nf.Error()}
	case errors.As(err, &ie):
		p := Problem{Type: "/problems/invalid-file", Title: "The file has problems; nothing was written", Status: http.StatusUnprocessableEntity, Detail: ie.Error(), Errors: ie.Problems}
		return p
	case errors.Is(err, atlas.ErrUnknownKind):
		return Problem{Type: "/problems/not-found", Title: "Not found", Status: http.StatusNotFound, Detail: err.Error()}
	case errors.Is(err, store.ErrNotReady):
		return Problem{Type: "/problems/unavailable", Title: "Store unavailable", Status: http.StatusServiceUnavailable,
			Detail: "the database is not reachable; try again shortly"}
	case errors.Is(err, context.DeadlineExceeded):
		return Problem{Type: "/problems/timeout", Title: "Request timed out", Status: http.StatusServiceUnavailable}
	case errors.As(err, &he):
		return Problem{Type: "about:blank", Title: http.StatusText(he.Code), Status: he.Code, Detail: fmt.Sprint(he.Message)}
	}
	return Problem{Type: "/problems/internal", Title: "Internal error", Status: http.StatusInternalServerError,
		Detail: "the server failed; the cause is in its log"}
}

// errorHandler writes every handler error as application/problem+json.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := problemFor(err)
		p.Instance = c.Request().URL.RequestURI()
		if p.Status == http.StatusUnauthorized {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="atlas"`)
		}
		var ra interface{ RetryAfter() time.Duration }
		if errors.As(err, &ra) {
			c.Response().Header().Set("Retry-After", strconv.Itoa(retrySeconds(ra.RetryAfter())))
		}
		var be *errBusy
		if p.Status >= 500 && !errors.As(err, &be) { // shedding load is no failure of the server's
			log.Error("request failed", "method", c.Request().Method, "uri", p.Instance, "err", err)
		}
		c.Response().Header().Set(echo.HeaderContentType, "application/problem+json")
		c.Response().WriteHeader(p.Status)
		if c.Request().Method != http.MethodHead {
			_ = web.WriteJSON(c.Response(), p)
		}
	}
}
