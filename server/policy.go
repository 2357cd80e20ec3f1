package server

import (
	"net/http"
	"strings"

	"github.com/community-atlas/atlas/server/auth"
)

// Beyond the roles, a route may be public (no credential) or open to anyone
// signed in.
const (
	public = "public"
	anyone = "anyone"
)

// rule gives the least role for routes whose echo path starts with prefix,
// for one method or all ("").
type rule struct {
	method string
	prefix string
	need   string
}

// policy is checked in order; the first match wins. Reading is for
// viewers; exports and the OGC API, which hand data away, for analysts;
// writes for data managers; accounts and the audit log for admins.
var policy = []rule{
	{"", "/healthz", public},
	{"", "/readyz", public},
	{"", "/api/v1/openapi.json", public},
	{"", "/api/v1/config", public},
	{http.MethodPost, "/api/v1/auth/login", public},
	{"", "/api/v1/auth/", anyone},
	{"", "/api/v1/users", string(auth.Admin)},
	{"", "/api/v1/audit", string(auth.Admin)},
	{"", "/api/v1/tokens", string(auth.Analyst)},
	{"", "/api/v1/export/", string(auth.Analyst)},
	{"", "/ogc", string(auth.Analyst)},
	{http.MethodPost, "/api/v1/imports/", string(auth.DataManager)},
	// What-if and siting compute without saving: viewers may try them.
	{http.MethodPost, "/api/v1/coverage/", string(auth.Viewer)},
	{http.MethodGet, "/api/", string(auth.Viewer)},
	{http.MethodGet, "/tiles/", string(auth.Viewer)},
	{http.MethodHead, "/api/", string(auth.Viewer)},
	{http.MethodHead, "/tiles/", string(auth.Viewer)},
	{http.MethodGet, "/", public}, // the web app's files: it asks for a login itself
}

// requiredRole returns the least role a request needs: by default data
// manager for anything that writes and viewer for anything that reads.
func requiredRole(method, path string) string {
	for _, r := range policy {
		if (r.method == "" || r.method == method) && strings.HasPrefix(path, r.prefix) {
			return r.need
		}
	}
	if unsafeMethod(method) {
		return string(auth.DataManager)
	}
	return string(auth.Viewer)
}
