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
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server"
	"github.com/community-atlas/atlas/server/store"
	"github.com/community-atlas/atlas/server/store/postgis"
	"github.com/community-atlas/atlas/server/store/sqlite"
	"github.com/community-atlas/atlas/server/store/storetest/pgtest"
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
}

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
	t.Helper()
	ctx := context.Background()
	t.Cleanup(func() { st.Close() })
	if cs != nil {
		if _, err := st.Apply(ctx, cs); err != nil {
			t.Fatal(err)
		}
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := server.NewAtlas(ctx, st, log, cs == nil)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.NewHandler(a, server.DefaultConfig(), log))
	t.Cleanup(srv.Close)
	return &testServer{Server: srv, store: st}
}

// get fetches path and decodes the JSON answer into v, checking the status.
func (s *testServer) get(t *testing.T, path string, status int, v any) *http.Response {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %s", path, resp.StatusCode, status, body)
	}
	if v != nil {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("GET %s: %v in %s", path, err, body)
		}
	}
	return resp
}

// upload posts a file to an import endpoint.
func (s *testServer) upload(t *testing.T, kind, name string, data []byte, status int, v any) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", name)
	part.Write(data)
	w.Close()
	resp, err := http.Post(s.URL+"/api/v1/imports/"+kind, w.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("POST %s: status %d, want %d: %s", kind, resp.StatusCode, status, raw)
	}
	if v != nil {
		if err := json.Unmarshal(raw, v); err != nil {
			t.Fatalf("%v in %s", err, raw)
		}
	}
}

type problem struct {
	Type, Title, Detail, Param string
	Status                     int
	Errors                     []struct {
		Row, Feature         int
		Code, Field, Message string
	}
}
