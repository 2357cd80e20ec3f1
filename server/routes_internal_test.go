package server

import (
	"encoding/json"
	"io"
	"log/slog"
	"regexp"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server/atlas"
	"github.com/labstack/echo/v4"
)

// TestOpenAPIDocumentsEveryRoute keeps openapi.json and the router in step.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	var doc struct {
		OpenAPI    string                                `json:"openapi"`
		Paths      map[string]map[string]json.RawMessage `json:"paths"`
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPIDoc, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi version %q", doc.OpenAPI)
	}
	// Every schema reference resolves.
	for _, ref := range regexp.MustCompile(`"#/components/schemas/(\w+)"`).FindAllStringSubmatch(string(openAPIDoc), -1) {
		if _, ok := doc.Components.Schemas[ref[1]]; !ok {
			t.Errorf("schema %s is referenced but not defined", ref[1])
		}
	}
	e := NewHandler(&atlas.Atlas{}, DefaultConfig(), slog.New(slog.NewTextHandler(io.Discard, nil))).(*echo.Echo)
	param := regexp.MustCompile(`:(\w+)`)
	routed := map[string]bool{}
	for _, r := range e.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") || !strings.Contains("GET POST PUT PATCH DELETE", r.Method) {
			continue
		}
		path := param.ReplaceAllString(r.Path, "{$1}")
		key := strings.ToLower(r.Method) + " " + path
		routed[key] = true
		if _, ok := doc.Paths[path][strings.ToLower(r.Method)]; !ok {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if !routed[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which is not routed", method, path)
			}
		}
	}
}

// TestRoutePolicy walks the route table: every route is registered once
// with a known permission, and the permissions follow the rules the README
// states (reading for viewers, handing data away for analysts, writes for
// data managers, accounts for admins).
func TestRoutePolicy(t *testing.T) {
	api := &API{}
	e := echo.New()
	api.register(e)
	known := map[string]bool{public: true, anyone: true, viewer: true, analyst: true, dataManager: true, admin: true}
	seen := map[string]bool{}
	for _, r := range api.routes() {
		key := r.method + " " + r.path
		if seen[key] {
			t.Errorf("%s is in the table twice", key)
		}
		seen[key] = true
		if !known[r.need] {
			t.Errorf("%s needs %q, which is no role", key, r.need)
		}
		if want := expectedNeed(r.method, r.path); want != "" && r.need != want {
			t.Errorf("%s needs %q, want %q", key, r.need, want)
		}
	}
	for _, r := range e.Routes() {
		if !seen[r.Method+" "+r.Path] {
			t.Errorf("%s %s is routed but not in the table", r.Method, r.Path)
		}
	}
	for _, c := range []struct{ method, route, url, want string }{
		{"GET", "/dashboard", "/dashboard", public},
		{"GET", "/rounds", "/rounds", public},
		{"HEAD", "/api/v1/regions", "/api/v1/regions", viewer},
		{"GET", "", "/api/v1/nothing", viewer},
		{"GET", "", "/ogc/nothing", analyst},
		{"DELETE", "", "/api/v1/regions", dataManager},
		{"GET", "", "/favicon.ico", public},
	} {
		if got := api.requiredRole(c.method, c.route, c.url); got != c.want {
			t.Errorf("%s %s needs %q, want %q", c.method, c.url, got, c.want)
		}
	}
}

// expectedNeed is the rule a route's permission must follow, or "" where
// the route is an exception listed here.
func expectedNeed(method, path string) string {
	switch {
	case path == "/api/v1/auth/login", path == "/healthz", path == "/readyz",
		path == "/api/v1/openapi.json", path == "/api/v1/config",
		path == "/api/v1/auth/me", // answers "not signed in" rather than 401
		path == "/", path == "/dashboard", path == "/rounds", strings.HasPrefix(path, "/assets/"), strings.HasPrefix(path, "/vendor/"):
		return public
	case strings.HasPrefix(path, "/api/v1/auth/"):
		return anyone
	case strings.HasPrefix(path, "/api/v1/users"), strings.HasPrefix(path, "/api/v1/audit"):
		return admin
	case strings.HasPrefix(path, "/api/v1/export/"), strings.HasPrefix(path, "/api/v1/tokens"), strings.HasPrefix(path, "/ogc"):
		return analyst
	case strings.HasPrefix(path, "/api/v1/uploads"):
		return dataManager // staged imports, read back only by who may write them
	case path == "/api/v1/rounds" && method == "POST", strings.HasSuffix(path, "/publish"):
		return admin // opening and publishing a round are the city's
	case strings.HasPrefix(path, "/api/v1/rounds"):
		return dataManager // the round is for those who report and review
	case strings.HasPrefix(path, "/api/v1/batches"):
		return dataManager // the history of writes is for those who write
	case strings.HasSuffix(path, "/whatif"), strings.HasSuffix(path, "/siting"):
		return viewer // computed, never saved
	case unsafeMethod(method):
		return dataManager
	}
	return viewer
}
