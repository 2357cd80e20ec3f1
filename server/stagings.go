package server

import (
	"net/http"
	"sync"
	"time"

	"github.com/labstack/echo/v4"
)

// stagings are the dry runs and the commits of uploads under way, by the
// path their answer is kept at: one run for each, however many requests
// wait on it.
type stagings struct {
	mu   sync.Mutex
	runs map[string]*stagingRun
}

// stagingRun is one run: done closes when body or err is set.
type stagingRun struct {
	done    chan struct{}
	started time.Time
	body    []byte
	err     error
}

func newStagings() *stagings { return &stagings{runs: map[string]*stagingRun{}} }

// start returns the run for path, starting run in a goroutine of its own
// when none is under way. A finished run is forgotten: its report is kept
// on disk by run, and a failed one may be tried again.
func (s *stagings) start(path string, run func() ([]byte, error)) *stagingRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.runs[path]; ok {
		return r
	}
	r := &stagingRun{done: make(chan struct{}), started: time.Now()}
	s.runs[path] = r
	go func() {
		r.body, r.err = run()
		s.mu.Lock()
		delete(s.runs, path)
		s.mu.Unlock()
		close(r.done)
	}()
	return r
}

// answer waits up to wait for the run: its body with status done, or its
// error; otherwise 202 {status: pending, seconds: how long it has run} with
// Retry-After, the run going on without the request.
func (r *stagingRun) answer(c echo.Context, wait time.Duration, done int, pending string) error {
	select {
	case <-r.done:
		if r.err != nil {
			return r.err
		}
		return c.JSONBlob(done, r.body)
	case <-time.After(wait):
		c.Response().Header().Set("Retry-After", "2")
		return c.JSON(http.StatusAccepted, map[string]any{"status": pending, "seconds": int(time.Since(r.started).Seconds())})
	}
}
