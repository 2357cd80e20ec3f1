package server_test

import (
	"sync"
	"time"
)

// clock is a time source that moves only when a test moves it.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

// newClock starts at a whole second near the real time (the store stamps
// creation times by the real clock).
func newClock() *clock { return &clock{t: time.Now().UTC().Truncate(time.Second)} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}
