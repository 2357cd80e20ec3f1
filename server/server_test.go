package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
	"github.com/paulmach/orb"
)

// box is a counter-clockwise rectangle.
func box(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// fixture: city → county 320612 → township 320612001 → an urban and a rural
// community, plus county 320623 with no data beneath it.
func fixture() *store.Changeset {
	reg := func(code, name string, l analytics.Level, parent string, k analytics.Kind, pop int64, g orb.MultiPolygon) analytics.Region {
		return analytics.Region{Code: code, Name: name, Level: l, Parent: parent, Kind: k, Population: pop,
			Households: pop / 3, Geometry: g, AreaKM2: 1, LabelPoint: g.Bound().Center()}
	}
	return &store.Changeset{
		Kind: "seed", Source: "fixture",
		Regions: []analytics.Region{
			reg("3206", "南通市", analytics.City, "", "", 4000, box(120, 32, 120.4, 32.1)),
			reg("320612", "通州区", analytics.County, "3206", "", 4000, box(120, 32, 120.2, 32.1)),
			reg("320623", "如东县", analytics.County, "3206", "", 0, box(120.2, 32, 120.4, 32.1)),
			reg("320612001", "金沙街道", analytics.Township, "320612", "", 4000, box(120, 32, 120.2, 32.1)),
			reg("320612001001", "甲社区居委会", analytics.Community, "320612001", analytics.Urban, 3000, box(120, 32, 120.1, 32.1)),
			reg("320612001201", "乙村委会", analytics.Community, "320612001", analytics.Rural, 1000, box(120.1, 32, 120.2, 32.1)),
		},
		Observations: []analytics.Observation{
			{Indicator: "registered_volunteers", Region: "320612001001", Period: 2013, Value: 10},
			{Indicator: "registered_volunteers", Region: "320612001201", Period: 2013, Value: 4},
			{Indicator: "registered_volunteers", Region: "320612001001", Period: 2014, Value: 11},
		},
		Facilities: []analytics.Facility{
			{ID: "F1", Type: analytics.HealthStation, Name: "甲站", Point: orb.Point{120.05, 32.05}, Region: "320612001001"},
			{ID: "F2", Type: analytics.ServiceCentre, Name: "乙中心", Point: orb.Point{120.15, 32.05}, FloorAreaM2: 450, Region: "320612001201"},
		},
		Grids: []analytics.Grid{
			{Code: "G1", Community: "320612001001", Households: 400, Worker: "张三", Geometry: box(120, 32, 120.1, 32.05)},
		},
	}
}

type testServer struct {
	*httptest.Server
	store store.Store
	atlas *atlas.Atlas
	token string // the admin's API token, sent by get and upload
}

// Credentials of the admin every test server has.
const (
	adminName     = "admin"
	adminPassword = "admin-password-1"
)

// openSQLite opens an embedded store in a temporary directory.
func openSQLite(t *testing.T) store.Store {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "atlas.db"))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// openPostGIS opens a PostgreSQL store in a fresh schema.
func openPostGIS(t *testing.T) store.Store {
	st, err := postgis.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// newServer starts the real handler on a SQLite store holding cs (or the
// seeds, when cs is nil).
func newServer(t *testing.T, cs *store.Changeset) *testServer {
	return newServerOn(t, openSQLite(t), cs)
}

func newServerOn(t *testing.T, st store.Store, cs *store.Changeset) *testServer {
	return newServerConfig(t, st, cs, server.DefaultConfig())
}

// newServerConfig starts the handler with a configuration, an admin user
// and that admin's API token.
func newServerConfig(t *testing.T, st store.Store, cs *store.Changeset, cfg server.Config) *testServer {
	return newServerWith(t, st, cs, cfg, serverOptions{})
}

// serverOptions: a clock for the handler (time.Now when nil) and a log
// (discarded when nil).
type serverOptions struct {
	now func() time.Time
	log *slog.Logger
}

func newServerWith(t *testing.T, st store.Store, cs *store.Changeset, cfg server.Config, opts serverOptions) *testServer {
	t.Helper()
	ctx := context.Background()
	t.Cleanup(func() { st.Close() })
	if cs != nil {
		if _, err := st.Apply(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	log := opts.log
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	now := opts.now
	if now == nil {
		now = time.Now
	}
	a, err := atlas.New(ctx, st, log, cs == nil, atlas.WithHealthOptions(cfg.HealthOptions()))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.AddUser(ctx, adminName, adminPassword, auth.Admin, ""); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.NewHandlerClock(a, cfg, log, now))
	t.Cleanup(srv.Close)
	ts := &testServer{Server: srv, store: st, atlas: a}
	ts.token = apiToken(t, st, adminName)
	return ts
}

type session struct {
	Token     string
	CSRFToken string `json:"csrf_token"`
}

// login signs in and returns the session answer.
func (s *testServer) login(t *testing.T, user, password string) session {
	t.Helper()
	var out session
	resp := s.do(t, "POST", "/api/v1/auth/login", "", "application/json",
		strings.NewReader(`{"username":"`+user+`","password":"`+password+`"}`), 200, &out)
	resp.Body.Close()
	return out
}

// do sends a request with an optional bearer token and checks the status.
func (s *testServer) do(t *testing.T, method, path, token, contentType string, body io.Reader, status int, v any) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	if resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", method, path, resp.StatusCode, status, raw)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, raw)
		}
	}
	return resp
}

// get fetches path and decodes the JSON answer into v, checking the status.
func (s *testServer) get(t *testing.T, path string, status int, v any) *http.Response {
	t.Helper()
	return s.do(t, "GET", path, s.token, "", nil, status, v)
}

// upload posts a file to an import endpoint.
func (s *testServer) upload(t *testing.T, kind, name string, data []byte, status int, v any) {
	t.Helper()
	s.uploadAs(t, s.token, kind, name, data, status, v)
}

func (s *testServer) uploadAs(t *testing.T, token, kind, name string, data []byte, status int, v any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	s.do(t, "POST", "/api/v1/imports/"+kind, token, w.FormDataContentType(), &body, status, v)
}

type problem struct {
	Type, Title, Detail, Param string
	Status                     int
	Errors                     []struct {
		Row, Feature         int
		Code, Field, Message string
	}
}

// client sends the admin's token with every request.
func (s *testServer) client() *http.Client {
	return &http.Client{Transport: bearer{token: s.token}}
}

type bearer struct{ token string }

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return http.DefaultTransport.RoundTrip(r)
}

// apiToken issues an API token for a user straight in the store.
func apiToken(t *testing.T, st store.Store, username string) string {
	t.Helper()
	return apiTokenAt(t, st, username, time.Now())
}

// apiTokenAt issues an API token valid for an hour from now.
func apiTokenAt(t *testing.T, st store.Store, username string, now time.Time) string {
	t.Helper()
	ctx := context.Background()
	u, err := st.UserByName(ctx, username)
	if err != nil {
		t.Fatal(err)
	}
	secret, hash, err := auth.NewSecret()
	if err != nil {
		t.Fatal(err)
	}
	tok := &auth.Token{UserID: u.ID, Kind: auth.API, Name: "test", Hash: hash, ExpiresAt: now.Add(time.Hour)}
	if err := st.CreateToken(ctx, tok); err != nil {
		t.Fatal(err)
	}
	return secret
}
