package server_test

import (
	"testing"

	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/auth"
)

// Chart data as CSV or XLSX is a data download like /api/v1/export/: a
// viewer (signed in, or anonymous on a public instance) is refused, an
// analyst gets it and the audit log records it. The chart itself (JSON
// option, HTML page) stays open to viewers.
func TestChartDataDownloadsNeedAnalyst(t *testing.T) {
	cfg := server.DefaultConfig()
	cfg.PublicRead = true
	s := newServerConfig(t, openSQLite(t), fixture(), cfg)
	viewer := s.addUser(t, "viewer1", auth.Viewer, "")
	analyst := s.addUser(t, "analyst1", auth.Analyst, "")
	const heatmap = "/api/v1/charts/heatmap?period=2013"
	for _, token := range []string{viewer, ""} {
		for _, format := range []string{"csv", "xlsx"} {
			var p problem
			s.do(t, "GET", heatmap+"&format="+format, token, "", nil, 403, &p)
			if p.Detail != "this needs the role analyst or above" {
				t.Errorf("refusal %+v", p)
			}
		}
		s.do(t, "GET", heatmap+"&format=json", token, "", nil, 200, nil)
		s.do(t, "GET", heatmap+"&format=html", token, "", nil, 200, nil)
	}
	s.do(t, "GET", heatmap+"&format=csv", analyst, "", nil, 200, nil)
	s.do(t, "GET", "/api/v1/charts/ranking?indicator=registered_volunteers&format=xlsx", analyst, "", nil, 200, nil)

	var audit struct {
		Items []struct{ Action, Username, Detail string }
	}
	s.do(t, "GET", "/api/v1/audit", s.token, "", nil, 200, &audit)
	var exports []string
	for _, e := range audit.Items {
		if e.Action == "export" {
			exports = append(exports, e.Username+" "+e.Detail)
		}
	}
	// Newest first; the refused downloads and the chart views left no entry.
	want := []string{
		"analyst1 /api/v1/charts/ranking?indicator=registered_volunteers&format=xlsx",
		"analyst1 " + heatmap + "&format=csv",
	}
	if len(exports) != len(want) || exports[0] != want[0] || exports[1] != want[1] {
		t.Errorf("export entries %q, want %q", exports, want)
	}
}
