package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/community-atlas/atlas/server/msg"
	"github.com/community-atlas/atlas/server/roundbook"
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

// problemFor maps an error to its problem document in English: the one
// place where errors become HTTP statuses.
func problemFor(err error) Problem { return problemIn(err, msg.EN) }

// problemIn is err's problem document with its title and detail in l.
func problemIn(err error, l msg.Lang) Problem {
	p := problemKind(err)
	p.Title = msg.New(p.Title).In(l)
	if p.detail != nil {
		p.Detail = p.detail.In(l)
	}
	if p.cells != nil {
		p.Cells = p.cells(l)
	}
	return p.Problem
}

// classified is a problem whose detail is yet to be said in a language.
type classified struct {
	Problem
	detail msg.Localizer
	// cells are the problem's cells said in a language, where they can be.
	cells func(msg.Lang) []atlas.CellProblem
}

// said is err as a detail: in the request's language where err (or the
// first error it wraps that can) says itself, else as it stands.
type said struct{ err error }

func (s said) In(l msg.Lang) string {
	var lz msg.Localizer
	var fm msg.Formatted
	switch {
	case l == msg.EN:
	case errors.As(s.err, &lz):
		return lz.In(l)
	case errors.As(s.err, &fm):
		f, args := fm.MessageFormat()
		return msg.New(f, args...).In(l)
	}
	return s.err.Error()
}

// problemKind classifies err: its type, status, English title and the
// detail to say.
func problemKind(err error) classified {
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
		tpl *roundbook.Error
	)
	is := func(typ, title string, status int, detail msg.Localizer) classified {
		return classified{Problem: Problem{Type: typ, Title: title, Status: status}, detail: detail}
	}
	switch {
	case errors.Is(err, errUnauthenticated):
		return is("/problems/unauthenticated", "Sign in needed", http.StatusUnauthorized,
			msg.New("log in (POST /api/v1/auth/login) or send Authorization: Bearer <token>"))
	case errors.As(err, &fe):
		return is("/problems/forbidden", "Forbidden", http.StatusForbidden, fe)
	case errors.As(err, &tm):
		return is("/problems/too-many-requests", "Too many requests", http.StatusTooManyRequests, tm)
	case errors.As(err, &be):
		return is("/problems/busy", "Busy", http.StatusServiceUnavailable, be)
	case errors.As(err, &ce):
		return is("/problems/conflict", "Conflict", http.StatusConflict, ce)
	case errors.As(err, &se):
		return is("/problems/conflict", "Conflict", http.StatusConflict, se)
	case errors.Is(err, atlas.ErrNoEntry):
		return is("/problems/not-found", "Not found", http.StatusNotFound, said{err})
	case errors.As(err, &uc):
		return is("/problems/conflict", "Conflict", http.StatusConflict, uc)
	case errors.As(err, &sc):
		return is("/problems/conflict", "Conflict", http.StatusConflict, said{sc})
	case errors.As(err, &sub):
		p := is("/problems/submission-incomplete", "The submission has problems; nothing was submitted",
			http.StatusUnprocessableEntity, said{sub})
		p.cells = func(l msg.Lang) []atlas.CellProblem { return sayCells(sub.Cells, l) }
		return p
	case errors.As(err, &tpl):
		p := is("/problems/invalid-template", "The template has problems; nothing was saved",
			http.StatusUnprocessableEntity, tpl)
		p.cells = func(l msg.Lang) []atlas.CellProblem { return localCells(tpl.Problems, l) }
		return p
	case errors.As(err, &in):
		p := is("/problems/invalid-parameter", "Invalid parameter", http.StatusBadRequest, said{in})
		p.Param = in.Field
		return p
	case errors.As(err, &pe):
		p := is("/problems/invalid-parameter", "Invalid parameter", http.StatusBadRequest, pe)
		p.Param = pe.Param
		return p
	case errors.As(err, &nf):
		return is("/problems/not-found", "Not found", http.StatusNotFound, nf)
	case errors.As(err, &ie):
		p := is("/problems/invalid-file", "The file has problems; nothing was written", http.StatusUnprocessableEntity, ie)
		p.Errors = ie.Problems
		return p
	case errors.Is(err, atlas.ErrUnknownKind):
		return is("/problems/not-found", "Not found", http.StatusNotFound, said{err})
	case errors.Is(err, store.ErrNotReady):
		return is("/problems/unavailable", "Store unavailable", http.StatusServiceUnavailable,
			msg.New("the database is not reachable; try again shortly"))
	case errors.Is(err, context.DeadlineExceeded):
		return is("/problems/timeout", "Request timed out", http.StatusServiceUnavailable, nil)
	case errors.As(err, &he):
		return is("about:blank", http.StatusText(he.Code), he.Code, httpDetail(he))
	}
	return is("/problems/internal", "Internal error", http.StatusInternalServerError,
		msg.New("the server failed; the cause is in its log"))
}

// sayCells are cells with their why said in l.
func sayCells(cells []atlas.CellProblem, l msg.Lang) []atlas.CellProblem {
	out := make([]atlas.CellProblem, len(cells))
	for i, c := range cells {
		out[i] = c
		if c.Message.Format != "" {
			out[i].Why = c.Message.In(l)
		}
	}
	return out
}

// httpDetail is an echo error's message: ours are messages; echo's own
// (a route not found, a body over the limit) are its status text, which
// the catalogue holds as well.
func httpDetail(he *echo.HTTPError) msg.Localizer {
	if m, ok := he.Message.(msg.Localizer); ok {
		return m
	}
	return msg.New(fmt.Sprint(he.Message))
}

// errorHandler writes every handler error as application/problem+json.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		p := problemIn(err, msg.Of(c.Request()))
		p.Instance = c.Request().URL.RequestURI()
		if !strings.Contains(strings.Join(c.Response().Header().Values("Vary"), ","), "Accept-Language") {
			c.Response().Header().Add("Vary", "Accept-Language") // the detail is in the request's language
		}
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
