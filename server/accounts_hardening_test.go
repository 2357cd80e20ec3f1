package server_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/auth"
)

// TestAuditScope: an admin limited to a township reads the entries of users
// in the township only; the city admin reads them all.
func TestAuditScope(t *testing.T) {
	s := newServer(t, fixture())
	town := s.addUser(t, "town.admin", auth.Admin, "320612001")   // logs in: an entry in 320612001
	s.addUser(t, "village.clerk", auth.Viewer, "320612001201")    // an entry in a community of the township
	s.addUser(t, "county.clerk", auth.Viewer, "320612")           // the county above: outside
	s.addUser(t, "neighbour.clerk", auth.Viewer, "320623")        // a sibling county: outside
	s.do(t, "POST", "/api/v1/users", s.token, "application/json", // by the city admin: outside
		strings.NewReader(`{"username":"new.clerk","password":"a-long-password","role":"viewer","region":"320612001001"}`), 201, nil)
	tryLogin(t, s, "village.clerk", "wrong-password", nil, 401) // a failure is the named user's

	var got []string
	for _, e := range auditLog(t, s, town) {
		got = append(got, e.Username+" "+e.Action+" "+e.Region)
	}
	want := []string{"village.clerk login_failed 320612001201", "village.clerk login 320612001201", "town.admin login 320612001"}
	if !slices.Equal(got, want) {
		t.Errorf("the township admin reads\n%q\nwant\n%q", got, want)
	}
	all := auditLog(t, s, s.token)
	if len(all) != 6 { // four logins, a failed one, the user created
		t.Errorf("the city admin reads %d entries, want 6: %+v", len(all), all)
	}
}

// TestTokenCannotOutliveItsCreator: a token made with an API token expires
// no later than that token; one made in a session gets what it asks.
func TestTokenCannotOutliveItsCreator(t *testing.T) {
	clock := newClock()
	s := newServerWith(t, openSQLite(t), fixture(), server.DefaultConfig(), serverOptions{now: clock.now})
	sess := s.login(t, adminName, adminPassword)
	var long struct {
		Token     string
		ExpiresAt time.Time `json:"expires_at"`
	}
	s.do(t, "POST", "/api/v1/tokens", sess.Token, "application/json", strings.NewReader(`{"name":"ci","expires_in_days":30}`), 201, &long)
	if want := clock.now().Add(30 * 24 * time.Hour); !long.ExpiresAt.Equal(want) {
		t.Errorf("token from a session expires %v, want %v", long.ExpiresAt, want)
	}
	clock.advance(24 * time.Hour)
	var minted struct {
		ExpiresAt time.Time `json:"expires_at"`
	}
	s.do(t, "POST", "/api/v1/tokens", long.Token, "application/json", strings.NewReader(`{"name":"longer","expires_in_days":365}`), 201, &minted)
	if !minted.ExpiresAt.Equal(long.ExpiresAt) {
		t.Errorf("token minted by a token expires %v, want its creator's %v", minted.ExpiresAt, long.ExpiresAt)
	}
}

// TestSessionAndTokenExpiryClock: sessions and API tokens stop working when
// the clock passes their expiry, and the login throttle's window moves on.
func TestSessionAndTokenExpiryClock(t *testing.T) {
	clock := newClock()
	cfg := server.DefaultConfig()
	cfg.SessionTTL = 2 * time.Hour
	s := newServerWith(t, openSQLite(t), fixture(), cfg, serverOptions{now: clock.now})
	sess := s.login(t, adminName, adminPassword)
	var tok struct{ Token string }
	s.do(t, "POST", "/api/v1/tokens", sess.Token, "application/json", strings.NewReader(`{"name":"day","expires_in_days":1}`), 201, &tok)
	clock.advance(2*time.Hour - time.Second)
	s.do(t, "GET", "/api/v1/auth/me", sess.Token, "", nil, 200, nil)
	clock.advance(time.Second)
	s.do(t, "GET", "/api/v1/auth/me", sess.Token, "", nil, 401, nil)
	s.do(t, "GET", "/api/v1/auth/me", tok.Token, "", nil, 200, nil)
	clock.advance(22 * time.Hour)
	s.do(t, "GET", "/api/v1/auth/me", tok.Token, "", nil, 401, nil)

	for range 5 {
		tryLogin(t, s, adminName, "wrong-password", nil, 401)
	}
	tryLogin(t, s, adminName, adminPassword, nil, 429)
	clock.advance(time.Minute)
	tryLogin(t, s, adminName, adminPassword, nil, 200)
}

// TestLogoutAnonymousNotAudited: under public read an anonymous logout has
// nothing to revoke and leaves no entry.
func TestLogoutAnonymousNotAudited(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.PublicRead = true
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	for range 3 {
		s.do(t, "POST", "/api/v1/auth/logout", "", "", nil, 204, nil)
	}
	sess := s.login(t, adminName, adminPassword)
	s.do(t, "POST", "/api/v1/auth/logout", sess.Token, "", nil, 204, nil)
	var logouts []auditRow
	for _, e := range auditLog(t, s, s.token) {
		if e.Action == "logout" {
			logouts = append(logouts, e)
		}
	}
	if len(logouts) != 1 || logouts[0].Username != adminName {
		t.Errorf("logout entries %+v, want the admin's one", logouts)
	}
}

// TestSecurityRequestLogStatus: the request log has the status the client
// got, also for requests that failed.
func TestSecurityRequestLogStatus(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s := newServerWith(t, openSQLite(t), fixture(), server.DefaultConfig(), serverOptions{log: log})
	for path, status := range map[string]int{"/api/v1/regions": 401, "/api/v1/regions/999": 404, "/api/v1/choropleth": 400} {
		buf.Reset()
		token := s.token
		if status == 401 {
			token = ""
		}
		s.do(t, "GET", path, token, "", nil, status, nil)
		want := "status=" + formatID(int64(status))
		line := requestLine(buf.String(), path)
		if !strings.Contains(line, want) {
			t.Errorf("%s: log line %q lacks %s", path, line, want)
		}
	}
}

// requestLine is the log line of the request for uri.
func requestLine(log, uri string) string {
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, "msg=request") && strings.Contains(l, "uri="+uri+" ") {
			return l
		}
	}
	return ""
}

// TestSecurityDataDirPrivate: the embedded store's directory is created
// for the service's user only.
func TestSecurityDataDirPrivate(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.DataDir = filepath.Join(t.TempDir(), "data", "atlas")
	if err := cfg.EnsureDataDir(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(cfg.DataDir)
	if err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("data directory %v, %v; want mode 700", fi.Mode(), err)
	}
}

// TestUserPasswordLength: a password of 1 KiB is accepted, one byte more
// is refused before it is hashed, on create and on change.
func TestUserPasswordLength(t *testing.T) {
	s := newServer(t, fixture())
	kib := strings.Repeat("p", 1024)
	for _, c := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/api/v1/users", `{"username":"long.pw","password":"` + kib + `x","role":"viewer"}`, 400},
		{"POST", "/api/v1/users", `{"username":"long.pw","password":"` + kib + `","role":"viewer"}`, 201},
		{"PATCH", "/api/v1/users/long.pw", `{"password":"` + kib + `y"}`, 400},
	} {
		var p problem
		s.do(t, c.method, c.path, s.token, "application/json", strings.NewReader(c.body), c.status, &p)
		if c.status == 400 && p.Param != "password" {
			t.Errorf("%s %s: param %q, want password", c.method, c.path, p.Param)
		}
	}
	s.login(t, "long.pw", kib)
	if err := s.atlas.AddUser(t.Context(), "cli.user", kib+"z", auth.Viewer, ""); err == nil {
		t.Error("the command line added a user with a password over 1 KiB")
	}
}
