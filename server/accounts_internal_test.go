package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
)

// TestHashPoolBusy: with its one worker busy and its one queue place
// taken, the pool turns the next caller away at once, the queued one when
// its wait runs out, and the answer is 503 with Retry-After.
func TestHashPoolBusy(t *testing.T) {
	p := newHashPool(1, 1, 50*time.Millisecond)
	release, started := make(chan struct{}), make(chan struct{})
	go p.run(context.Background(), func() { close(started); <-release })
	<-started
	queued := make(chan error)
	go func() { queued <- p.run(context.Background(), func() { t.Error("ran while the worker was busy") }) }()
	for len(p.admitted) < 2 { // until it holds the queue's place
		time.Sleep(time.Millisecond)
	}
	var busy *errBusy
	if err := p.run(context.Background(), func() { t.Error("ran past a full queue") }); !errors.As(err, &busy) {
		t.Errorf("past a full queue: %v, want errBusy", err)
	}
	if err := <-queued; !errors.As(err, &busy) {
		t.Errorf("after the wait: %v, want errBusy", err)
	}
	close(release)
	ran := false
	if err := p.run(context.Background(), func() { ran = true }); err != nil || !ran {
		t.Errorf("free pool: %v, ran %t", err, ran)
	}

	rec := httptest.NewRecorder()
	c := echo.New().NewContext(httptest.NewRequest(http.MethodPost, "/api/v1/auth/login", nil), rec)
	errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))(&errBusy{wait: 1500 * time.Millisecond}, c)
	if rec.Code != 503 || rec.Header().Get("Retry-After") != "2" {
		t.Errorf("busy answer %d, Retry-After %q; want 503, 2", rec.Code, rec.Header().Get("Retry-After"))
	}
}

// TestLoginLimiterKeys: each of the three limits holds on its own, and a
// success is taken back.
func TestLoginLimiterKeys(t *testing.T) {
	now := time.Date(2024, 5, 1, 8, 0, 0, 0, time.UTC)
	l := newLoginLimiter(loginLimits{Pair: 2, User: 3, Addr: 4, Window: time.Minute})
	must := func(addr, user string, ok bool) *loginAttempt {
		t.Helper()
		a, wait := l.begin(addr, user, now)
		if (a != nil) != ok || (a == nil) != (wait > 0) {
			t.Fatalf("%s %s: attempt %v wait %v, want allowed=%t", addr, user, a, wait, ok)
		}
		return a
	}
	must("a1", "u", true).forget() // a success: not counted
	must("a1", "u", true)
	must("a1", "u", true)
	must("a1", "u", false) // pair
	must("a2", "u", true)
	must("a3", "u", false) // user: three failures from anywhere
	must("a2", "v", true)
	must("a2", "w", true)
	must("a2", "x", true)
	must("a2", "y", false) // address: four failures over any usernames
	now = now.Add(time.Minute)
	must("a2", "y", true)
}

// TestSecurityTrustedProxiesConfig: the proxies' list is read as CIDRs or
// single addresses, and anything else is refused at start.
func TestSecurityTrustedProxiesConfig(t *testing.T) {
	nets, err := trustedProxies(" 10.0.0.0/8, 192.168.1.7 ,::1,")
	if err != nil || len(nets) != 3 || nets[1].String() != "192.168.1.7/32" || nets[2].String() != "::1/128" {
		t.Fatalf("trustedProxies = %v, %v", nets, err)
	}
	cfg := DefaultConfig()
	for _, bad := range []string{"10.0.0.0/33", "proxy.local", "10.0.0.0/8;1.2.3.4"} {
		cfg.TrustedProxies = bad
		if cfg.Validate() == nil {
			t.Errorf("ATLAS_TRUSTED_PROXIES=%q accepted", bad)
		}
	}
	got, err := DefaultConfig().FromEnv(func(k string) string {
		if k == "ATLAS_TRUSTED_PROXIES" {
			return "10.1.0.0/16"
		}
		return ""
	})
	if err != nil || got.TrustedProxies != "10.1.0.0/16" {
		t.Errorf("from the environment: %q, %v", got.TrustedProxies, err)
	}
}
