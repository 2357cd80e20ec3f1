package server_test

import (
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server"
)

// postLogin tries a login with extra headers and returns the answer's
// status and headers; it does not fail the test, so goroutines may call it.
func postLogin(base, contentType, body string, header map[string]string) (int, http.Header, error) {
	req, err := http.NewRequest("POST", base+"/api/v1/auth/login", strings.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode, resp.Header, nil
}

// tryLogin is postLogin as JSON, failing the test unless the status is want.
func tryLogin(t *testing.T, s *testServer, user, password string, header map[string]string, want int) http.Header {
	t.Helper()
	status, h, err := postLogin(s.URL, "application/json", `{"username":"`+user+`","password":"`+password+`"}`, header)
	if err != nil || status != want {
		t.Fatalf("login %s with %v: status %d, %v; want %d", user, header, status, err, want)
	}
	return h
}

type auditRow struct{ Username, Region, Action, Remote string }

// auditLog is the audit log as the holder of token reads it.
func auditLog(t *testing.T, s *testServer, token string) []auditRow {
	t.Helper()
	var l struct{ Items []auditRow }
	s.do(t, "GET", "/api/v1/audit?limit=1000", token, "", nil, 200, &l)
	return l.Items
}

// TestLoginForwardedForUntrusted: with no trusted proxy, a forged
// X-Forwarded-For or X-Real-IP changes neither the throttle's key nor the
// address the audit log records.
func TestLoginForwardedForUntrusted(t *testing.T) {
	s := newServer(t, fixture())
	for i, h := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4"} {
		tryLogin(t, s, adminName, "wrong-password", map[string]string{"X-Forwarded-For": h}, 401)
		if i == 0 {
			tryLogin(t, s, adminName, "wrong-password", map[string]string{"X-Real-IP": "203.0.113.99"}, 401)
		}
	}
	h := tryLogin(t, s, adminName, adminPassword, map[string]string{"X-Forwarded-For": "203.0.113.5"}, 429)
	if h.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	failed := 0
	for _, e := range auditLog(t, s, s.token) {
		if e.Action == "login_failed" {
			failed++
			if e.Remote != "127.0.0.1" {
				t.Errorf("audit records the forged address %q, want the peer 127.0.0.1", e.Remote)
			}
		}
	}
	if failed != 5 {
		t.Errorf("%d failed logins in the audit log, want 5", failed)
	}
}

// TestLoginForwardedForTrustedProxy: behind a trusted proxy the client
// address is the rightmost hop the proxy did not add, and the throttle and
// the audit log go by it.
func TestLoginForwardedForTrustedProxy(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.TrustedProxies = "10.9.0.0/16, 127.0.0.1"
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	// The client put a forged hop first; the proxy appended the real one.
	client := map[string]string{"X-Forwarded-For": "198.51.100.66, 203.0.113.7"}
	for range 5 {
		tryLogin(t, s, adminName, "wrong-password", client, 401)
	}
	tryLogin(t, s, adminName, adminPassword, client, 429)
	// Another client behind the same proxy has its own count.
	tryLogin(t, s, adminName, adminPassword, map[string]string{"X-Forwarded-For": "203.0.113.8, 10.9.1.1"}, 200)
	tryLogin(t, s, adminName, "wrong-password", map[string]string{"X-Real-IP": "203.0.113.9"}, 401)
	remotes := map[string]int{}
	for _, e := range auditLog(t, s, s.token) {
		if strings.HasPrefix(e.Action, "login") {
			remotes[e.Remote]++
		}
	}
	if remotes["203.0.113.7"] != 5 || remotes["203.0.113.8"] != 1 || remotes["203.0.113.9"] != 1 || len(remotes) != 3 {
		t.Errorf("audited login addresses %v; want 203.0.113.7 ×5, .8 and .9 once", remotes)
	}
}

// TestLoginConcurrentGuesses: 40 wrong passwords at once for one account
// get five 401s and 429 for the rest: the throttle counts an attempt in
// the same step that checks the limit.
func TestLoginConcurrentGuesses(t *testing.T) {
	s := newServer(t, fixture())
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
	)
	start := make(chan struct{})
	for range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			status, _, err := postLogin(s.URL, "application/json", `{"username":"admin","password":"wrong-password"}`, nil)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			statuses[status]++
			mu.Unlock()
		}()
	}
	close(start)
	wg.Wait()
	if statuses[401] != 5 || statuses[429] != 35 {
		t.Errorf("statuses %v; want 5 × 401 and 35 × 429", statuses)
	}
}

// TestLoginSpraying: one address trying one password over many accounts is
// stopped after 20 failures, until the window has passed.
func TestLoginSpraying(t *testing.T) {
	clock := newClock()
	s := newServerWith(t, openSQLite(t), fixture(), server.DefaultConfig(), serverOptions{now: clock.now})
	for i := range 20 {
		tryLogin(t, s, "user"+string(rune('a'+i)), "Summer2024!", nil, 401)
	}
	h := tryLogin(t, s, "someone-else", "Summer2024!", nil, 429)
	if h.Get("Retry-After") != "60" {
		t.Errorf("Retry-After %q, want 60", h.Get("Retry-After"))
	}
	clock.advance(59 * time.Second)
	tryLogin(t, s, "someone-else", "Summer2024!", nil, 429)
	clock.advance(time.Second)
	tryLogin(t, s, "someone-else", "Summer2024!", nil, 401)
}

// TestLoginRefusesUnhashable: a password over 1 KiB, or a body over the
// limit, is refused before anything is hashed, and is not a guess.
func TestLoginRefusesUnhashable(t *testing.T) {
	s := newServer(t, fixture())
	long := strings.Repeat("x", 1025)
	for range 6 {
		var p problem
		s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
			strings.NewReader(`{"username":"admin","password":"`+long+`"}`), 400, &p)
		if p.Param != "password" {
			t.Errorf("param %q, want password", p.Param)
		}
	}
	huge := `{"username":"admin","password":"` + strings.Repeat("x", 50<<20) + `"}`
	s.do(t, "POST", "/api/v1/auth/login", "", "application/json", strings.NewReader(huge), 400, nil)
	s.login(t, adminName, adminPassword) // none of them counted against the account
}

// TestLoginContentType: a login must be declared JSON; an HTML form on
// another site can only post form data or text/plain.
func TestLoginContentType(t *testing.T) {
	s := newServer(t, fixture())
	body := `{"username":"admin","password":"admin-password-1"}`
	for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""} {
		status, _, err := postLogin(s.URL, ct, body, nil)
		if err != nil || status != 415 {
			t.Errorf("Content-Type %q: status %d, %v; want 415", ct, status, err)
		}
	}
	if status, _, err := postLogin(s.URL, "application/json; charset=utf-8", body, nil); err != nil || status != 200 {
		t.Errorf("JSON with a charset: status %d, %v; want 200", status, err)
	}
}
