package server

import (
	"sync"
	"time"
)

// stagings are the dry runs of uploads under way, by the path their
// report is kept at: one run for each, however many requests wait on it.
type stagings struct {
	mu   sync.Mutex
	runs map[string]*stagingRun
}

// stagingRun is one dry run: done closes when body or err is set.
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
