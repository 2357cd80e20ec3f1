package server_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
)

// addUser creates a user directly in the store and returns an API token
// for them, got by logging in.
func (s *testServer) addUser(t *testing.T, name string, role auth.Role, region string) string {
	t.Helper()
	if err := s.atlas.AddUser(context.Background(), name, name+"-password", role, region); err != nil {
		t.Fatal(err)
	}
	return s.login(t, name, name+"-password").Token
}

func TestAuthenticationRequired(t *testing.T) {
	s := newServer(t, fixture())
	resp := s.do(t, "GET", "/api/v1/regions", "", "", nil, 401, nil)
	if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
	}
	s.do(t, "GET", "/tiles/county/0/0/0.mvt", "", "", nil, 401, nil)
	s.do(t, "GET", "/api/v1/regions", "atl_forged", "", nil, 401, nil)
	s.do(t, "GET", "/healthz", "", "", nil, 200, nil)
	s.do(t, "GET", "/api/v1/openapi.json", "", "", nil, 200, nil)
}

func TestPublicRead(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.PublicRead = true
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	s.do(t, "GET", "/api/v1/regions", "", "", nil, 200, nil)
	var me struct {
		User *struct{ Username string }
		Role string
	}
	s.do(t, "GET", "/api/v1/auth/me", "", "", nil, 200, &me)
	if me.User != nil || me.Role != "viewer" {
		t.Errorf("anonymous me = %+v", me)
	}
	s.uploadAs(t, "", "observations", "x.csv", []byte("indicator,region,period,value\n"), 403, nil)
}

func TestLoginCookieAndRateLimit(t *testing.T) {
	s := newServer(t, fixture())
	resp := s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
		strings.NewReader(`{"username":"admin","password":"admin-password-1"}`), 200, nil)
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "atlas_session" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Secure {
		t.Fatalf("session cookie %+v: want HttpOnly, SameSite=Strict, not Secure without TLS", cookie)
	}
	// Five wrong passwords, then even the right one waits.
	for i := 0; i < 5; i++ {
		s.do(t, "POST", "/api/v1/auth/login", "", "application/json", strings.NewReader(`{"username":"admin","password":"guess"}`), 401, nil)
	}
	resp = s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
		strings.NewReader(`{"username":"admin","password":"admin-password-1"}`), 429, nil)
	if resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// An unknown user gets the same answer as a wrong password.
	s.do(t, "POST", "/api/v1/auth/login", "", "application/json", strings.NewReader(`{"username":"nobody","password":"x"}`), 401, nil)
}

func TestCookieNeedsCSRFToken(t *testing.T) {
	s := newServer(t, fixture())
	sess := s.login(t, adminName, adminPassword)
	post := func(csrf string, status int) {
		req, _ := http.NewRequest("POST", s.URL+"/api/v1/tokens", strings.NewReader(`{"name":"x"}`))
		req.AddCookie(&http.Cookie{Name: "atlas_session", Value: sess.Token})
		if csrf != "" {
			req.Header.Set("X-CSRF-Token", csrf)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != status {
			t.Errorf("CSRF %q: status %d, want %d", csrf, resp.StatusCode, status)
		}
	}
	post("", 403)
	post("0123456789abcdef0123456789abcdef", 403)
	post(sess.CSRFToken, 201)
	// Reading with the cookie needs no CSRF token.
	req, _ := http.NewRequest("GET", s.URL+"/api/v1/regions", nil)
	req.AddCookie(&http.Cookie{Name: "atlas_session", Value: sess.Token})
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET with cookie: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
}

func TestRoles(t *testing.T) {
	s := newServer(t, fixture())
	viewer := s.addUser(t, "viewer1", auth.Viewer, "")
	analyst := s.addUser(t, "analyst1", auth.Analyst, "")
	manager := s.addUser(t, "manager1", auth.DataManager, "")
	csv := []byte("indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\n")
	s.do(t, "GET", "/api/v1/regions", viewer, "", nil, 200, nil)
	s.do(t, "POST", "/api/v1/tokens", viewer, "application/json", strings.NewReader(`{"name":"x"}`), 403, nil)
	s.uploadAs(t, viewer, "observations", "a.csv", csv, 403, nil)
	s.uploadAs(t, analyst, "observations", "a.csv", csv, 403, nil)
	s.uploadAs(t, manager, "observations", "a.csv", csv, 201, nil)
	s.do(t, "GET", "/api/v1/users", manager, "", nil, 403, nil)
	s.do(t, "GET", "/api/v1/audit", analyst, "", nil, 403, nil)

	// An analyst's API token works until revoked.
	var tok struct {
		ID    int64
		Token string
	}
	s.do(t, "POST", "/api/v1/tokens", analyst, "application/json", strings.NewReader(`{"name":"scripts","expires_in_days":30}`), 201, &tok)
	s.do(t, "GET", "/api/v1/regions", tok.Token, "", nil, 200, nil)
	s.do(t, "DELETE", "/api/v1/tokens/"+formatID(tok.ID), analyst, "", nil, 204, nil)
	s.do(t, "GET", "/api/v1/regions", tok.Token, "", nil, 401, nil)
	// Nobody revokes another user's token.
	s.do(t, "DELETE", "/api/v1/tokens/"+formatID(tok.ID), viewer, "", nil, 403, nil)
}

func formatID(id int64) string { return strconv.FormatInt(id, 10) }

func TestUsersAdmin(t *testing.T) {
	s := newServer(t, fixture())
	body := `{"username":"county.official","password":"a-long-password","role":"data_manager","region":"320612"}`
	var u struct{ Username, Role, Region string }
	s.do(t, "POST", "/api/v1/users", s.token, "application/json", strings.NewReader(body), 201, &u)
	if u.Region != "320612" || u.Role != "data_manager" {
		t.Errorf("created %+v", u)
	}
	s.do(t, "POST", "/api/v1/users", s.token, "application/json", strings.NewReader(body), 409, nil)
	for bad, param := range map[string]string{
		`{"username":"x1","password":"a-long-password","role":"viewer"}`:                    "username",
		`{"username":"weakpw","password":"short","role":"viewer"}`:                          "password",
		`{"username":"badrole","password":"a-long-password","role":"root"}`:                 "role",
		`{"username":"badreg","password":"a-long-password","role":"viewer","region":"999"}`: "region",
	} {
		var p problem
		s.do(t, "POST", "/api/v1/users", s.token, "application/json", strings.NewReader(bad), 400, &p)
		if p.Param != param {
			t.Errorf("%s: param %q, want %q", bad, p.Param, param)
		}
	}
	official := s.login(t, "county.official", "a-long-password").Token
	s.do(t, "GET", "/api/v1/regions", official, "", nil, 200, nil)
	// Disabling revokes the user's sessions at once.
	s.do(t, "PATCH", "/api/v1/users/county.official", s.token, "application/json", strings.NewReader(`{"disabled":true}`), 200, nil)
	s.do(t, "GET", "/api/v1/regions", official, "", nil, 401, nil)
	s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
		strings.NewReader(`{"username":"county.official","password":"a-long-password"}`), 401, nil)
	var audit struct {
		Items []struct{ Action, Username, Detail string }
	}
	s.do(t, "GET", "/api/v1/audit", s.token, "", nil, 200, &audit)
	actions := map[string]bool{}
	for _, e := range audit.Items {
		actions[e.Action] = true
	}
	for _, a := range []string{"login", "login_failed", "user_create", "user_update"} {
		if !actions[a] {
			t.Errorf("audit log lacks %s: %+v", a, audit.Items)
		}
	}
}

// TestRegionLimit: a user limited to a township sees only it and what lies
// inside, in lists, values, tiles and imports.
func TestRegionLimit(t *testing.T) {
	s := newServer(t, fixture())
	tok := s.addUser(t, "town.manager", auth.DataManager, "320612001")
	var l struct{ Items []region }
	s.do(t, "GET", "/api/v1/regions", tok, "", nil, 200, &l)
	if len(l.Items) != 3 || l.Items[0].Code != "320612001" {
		t.Errorf("regions seen: %+v", l.Items)
	}
	s.do(t, "GET", "/api/v1/regions/320623", tok, "", nil, 404, nil)
	s.do(t, "GET", "/api/v1/regions/3206", tok, "", nil, 404, nil)
	var fl struct{ Items []struct{ ID string } }
	s.do(t, "GET", "/api/v1/facilities", tok, "", nil, 200, &fl)
	if len(fl.Items) != 2 {
		t.Errorf("facilities seen %+v", fl.Items)
	}
	// Imports outside the region are refused as outside it (see TestWriteScopeMatrix).
	s.uploadAs(t, tok, "facilities", "f.csv",
		[]byte("id,type,name,lon,lat,floor_area_m2,region\nF9,police_post,警务室,120.3,32.05,,320623\n"), 403, nil)
	s.uploadAs(t, tok, "observations", "o.csv",
		[]byte("indicator,region,period,value\nregistered_volunteers,320612001201,2014,6\n"), 201, nil)
	// A road network serves every region: not for a user limited to one.
	s.uploadAs(t, tok, "osm", "roads.osm", []byte(`<osm version="0.6"></osm>`), 403, nil)
	// The cached answers of the admin and of the limited user stay apart.
	var all struct{ Items []region }
	s.get(t, "/api/v1/regions", 200, &all)
	if len(all.Items) != 6 {
		t.Errorf("admin sees %d regions after the limited user asked, want 6", len(all.Items))
	}
}

func TestSecurityHeaders(t *testing.T) {
	s := newServer(t, fixture())
	h := s.get(t, "/api/v1/regions", 200, nil).Header
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "script-src 'self' 'unsafe-inline'") ||
		!strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers %v", h)
	}
}

func TestBootstrapAdmin(t *testing.T) {
	st := openSQLite(t)
	ctx := context.Background()
	a, err := atlas.New(ctx, st, slog.New(slog.NewTextHandler(io.Discard, nil)), false)
	if err != nil {
		t.Fatal(err)
	}
	created, err := a.BootstrapAdmin(ctx, "boss:boss-password-1")
	if err != nil || !created {
		t.Fatalf("first bootstrap: %v %v", created, err)
	}
	created, err = a.BootstrapAdmin(ctx, "boss:another-password")
	if err != nil || created {
		t.Fatalf("second bootstrap changed something: %v %v", created, err)
	}
	u, err := st.UserByName(ctx, "boss")
	if err != nil || u.Role != auth.Admin {
		t.Fatalf("boss = %+v, %v", u, err)
	}
	if ok, _ := auth.VerifyPassword(u.PasswordHash, "boss-password-1"); !ok {
		t.Error("the bootstrap password was replaced")
	}
}

// TestMeBeforeLogin: the app asks who the user is before anything else, and
// a browser that is not signed in (no cookie, or one that has run out) is
// told so with 200, not 401; a script's wrong bearer token still gets 401.
func TestMeBeforeLogin(t *testing.T) {
	s := newServer(t, fixture())
	type meAnswer struct {
		SignedIn bool `json:"signed_in"`
		User     *struct{ Username string }
		Role     string
		Region   string
	}
	var me meAnswer
	s.do(t, "GET", "/api/v1/auth/me", "", "", nil, 200, &me)
	if me.SignedIn || me.User != nil || me.Role != "" {
		t.Errorf("no credential: %+v, want not signed in and no role", me)
	}
	s.do(t, "GET", "/api/v1/regions", "", "", nil, 401, nil) // reading still needs a login

	sess := s.login(t, adminName, adminPassword)
	withCookie := func(secret string) *http.Response {
		req, _ := http.NewRequest("GET", s.URL+"/api/v1/auth/me", nil)
		req.AddCookie(&http.Cookie{Name: "atlas_session", Value: secret})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		if resp.StatusCode != 200 {
			t.Fatalf("me with a cookie: %d", resp.StatusCode)
		}
		me = meAnswer{}
		if err := json.NewDecoder(resp.Body).Decode(&me); err != nil {
			t.Fatal(err)
		}
		return resp
	}
	withCookie(sess.Token)
	if !me.SignedIn || me.User == nil || me.User.Username != adminName || me.Role != "admin" {
		t.Errorf("signed in: %+v", me)
	}
	s.do(t, "POST", "/api/v1/auth/logout", sess.Token, "", nil, 204, nil)
	resp := withCookie(sess.Token)
	if me.SignedIn || me.Role != "" {
		t.Errorf("revoked cookie: %+v, want not signed in", me)
	}
	cleared := false
	for _, c := range resp.Cookies() {
		cleared = cleared || (c.Name == "atlas_session" && c.MaxAge < 0)
	}
	if !cleared {
		t.Error("a revoked session cookie is not cleared")
	}
	s.do(t, "GET", "/api/v1/auth/me", sess.Token, "", nil, 401, nil)
}
