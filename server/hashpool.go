package server

import (
	"context"
	"runtime"
	"time"

	"github.com/community-atlas/atlas/server/msg"
)

// hashPool bounds the password hashes computed at once. Each argon2id hash
// holds 19 MiB while it runs, and one core: without a bound, a burst of
// logins takes memory in proportion to its size (200 at once took the
// service past 7 GiB). A few more may wait, for a short while; the rest are
// turned away with 503 and Retry-After, which costs nothing.
type hashPool struct {
	running  chan struct{} // a token per hash being computed
	admitted chan struct{} // a token per hash computed or waiting
	wait     time.Duration // how long one waits for a turn
}

// newHashPool allows workers hashes at once and queue more waiting.
func newHashPool(workers, queue int, wait time.Duration) *hashPool {
	return &hashPool{running: make(chan struct{}, workers), admitted: make(chan struct{}, workers+queue), wait: wait}
}

// defaultHashPool: a hash per core, and sixteen times as many waiting
// for up to five seconds. A waiting login costs no hash memory, and a
// hash takes tens of milliseconds on an idle core, so the queue absorbs
// the morning's burst of sign-ins; a flood beyond it is turned away.
func defaultHashPool() *hashPool {
	n := runtime.GOMAXPROCS(0)
	return newHashPool(n, 16*n, 5*time.Second)
}

// errBusy: the server is at its bound for this work; try again shortly.
type errBusy struct{ wait time.Duration }

func (e *errBusy) Error() string { return e.In(msg.EN) }

// In says the error in l.
func (e *errBusy) In(l msg.Lang) string {
	return msg.New("too many password checks at once; try again in %d s", retrySeconds(e.wait)).In(l)
}

// RetryAfter is when to try again, for the Retry-After header.
func (e *errBusy) RetryAfter() time.Duration { return e.wait }

// run calls f when a worker is free, or fails with errBusy when the queue
// is full or the wait runs out, or with the context's error.
func (p *hashPool) run(ctx context.Context, f func()) error {
	select {
	case p.admitted <- struct{}{}:
	default:
		return &errBusy{wait: time.Second}
	}
	defer func() { <-p.admitted }()
	timer := time.NewTimer(p.wait)
	defer timer.Stop()
	select {
	case p.running <- struct{}{}:
	case <-timer.C:
		return &errBusy{wait: time.Second}
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.running }()
	f()
	return nil
}
