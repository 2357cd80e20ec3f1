package server_test

import (
	"strings"
	"testing"

	"github.com/community-atlas/atlas/server"
)

// places is n copies of a place in the fixture, as JSON array members.
func places(n int, member string) string {
	return strings.TrimSuffix(strings.Repeat(member+",", n), ",")
}

// What-if and siting are open to anonymous visitors on a public instance,
// so what one request may ask is capped: 500 added, removed or candidate
// places (400 naming the list beyond it), and a 1 MiB body (413), checked
// before anything is computed.
func TestScenarioRequestsAreCapped(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.PublicRead = true
	s := newServerConfig(t, openSQLite(t), healthFixture(), cfg)
	const (
		whatif = "/api/v1/coverage/health/whatif"
		siting = "/api/v1/coverage/health/siting"
		clinic = `{"lon":120.15,"lat":32.05,"type":"village_clinic"}`
		point  = `{"lon":120.15,"lat":32.05}`
	)
	post := func(path, body string, status int) problem {
		t.Helper()
		var p problem
		s.do(t, "POST", path, "", "application/json", strings.NewReader(body), status, &p)
		return p
	}
	// At the cap: answered.
	post(whatif, `{"add":[`+places(500, clinic)+`]}`, 200)
	post(siting, `{"k":3,"candidates":[`+places(500, point)+`]}`, 200)
	// One beyond: refused, naming the list.
	for _, c := range []struct{ path, body, param string }{
		{whatif, `{"add":[` + places(501, clinic) + `]}`, "add"},
		{whatif, `{"remove":[` + places(501, `"F1"`) + `]}`, "remove"},
		{siting, `{"k":3,"candidates":[` + places(501, point) + `]}`, "candidates"},
	} {
		p := post(c.path, c.body, 400)
		if p.Param != c.param || p.Detail != "parameter "+c.param+": 501 entries; at most 500 per request" {
			t.Errorf("%s %s: %+v", c.path, c.param, p)
		}
	}
	// A million points is refused by size before it is decoded.
	huge := `{"add":[` + places(1_000_000, clinic) + `]}`
	p := post(whatif, huge, 413)
	if !strings.Contains(p.Detail, "over 1024 KiB") {
		t.Errorf("huge body: %+v", p)
	}
	post(siting, `{"k":3,"candidates":[`+places(1_000_000, point)+`]}`, 413)
}
