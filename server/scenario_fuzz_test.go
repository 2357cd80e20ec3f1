package server

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// scenarioSnapshot is a small city for the what-if and siting bodies: one
// township with an urban and a rural community and a health station.
func scenarioSnapshot() *analytics.Snapshot {
	box := func(x0, x1 float64) orb.MultiPolygon {
		return orb.MultiPolygon{{{{x0, 32}, {x1, 32}, {x1, 32.1}, {x0, 32.1}, {x0, 32}}}}
	}
	reg := func(code string, l analytics.Level, parent string, k analytics.Kind, pop int64, g orb.MultiPolygon) analytics.Region {
		return analytics.Region{Code: code, Name: code, Level: l, Parent: parent, Kind: k, Population: pop, Households: pop / 3,
			Geometry: g, AreaKM2: 1, LabelPoint: g.Bound().Center()}
	}
	return analytics.NewSnapshot(1, &analytics.Catalogue{}, &analytics.Dataset{
		Regions: []analytics.Region{
			reg("3206", analytics.City, "", "", 4000, box(120, 120.2)),
			reg("320612", analytics.County, "3206", "", 4000, box(120, 120.2)),
			reg("320612001", analytics.Township, "320612", "", 4000, box(120, 120.2)),
			reg("320612001001", analytics.Community, "320612001", analytics.Urban, 3000, box(120, 120.1)),
			reg("320612001201", analytics.Community, "320612001", analytics.Rural, 1000, box(120.1, 120.2)),
		},
		Facilities: []analytics.Facility{
			{ID: "F1", Type: analytics.HealthStation, Name: "甲站", Point: orb.Point{120.05, 32.05}, Region: "320612001001"},
		},
	})
}

// fuzzBody drives a JSON-body handler with arbitrary bodies: each is
// answered 200 with JSON, or refused as the client's fault (400, 404,
// 413), never a server failure or a panic.
func fuzzBody(f *testing.F, handler func(*API, echo.Context) error, seeds ...string) {
	for _, s := range seeds {
		f.Add(s)
	}
	api := &API{cfg: DefaultConfig()}
	snap := scenarioSnapshot()
	e := echo.New()
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 64<<10 {
			return // the caps are tested on their own; keep each run quick
		}
		rec := httptest.NewRecorder()
		c := e.NewContext(httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)), rec)
		c.Set(web.SnapshotKey, snap)
		err := handler(api, c)
		if err == nil {
			if rec.Code != http.StatusOK || !json.Valid(rec.Body.Bytes()) {
				t.Fatalf("%q: status %d, body %.200s", body, rec.Code, rec.Body.String())
			}
			return
		}
		switch p := problemFor(err); p.Status {
		case http.StatusBadRequest, http.StatusNotFound, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("%q: %d %s (%v)", body, p.Status, p.Detail, err)
		}
	})
}

// FuzzWhatIfBody: POST /api/v1/coverage/health/whatif.
func FuzzWhatIfBody(f *testing.F) {
	fuzzBody(f, (*API).healthWhatIf,
		`{}`, `null`, `[]`, ``, `{"add":null}`, `{"add":[{}]}`, `{"nope":1}`,
		`{"level":"community","add":[{"lon":120.15,"lat":32.05,"type":"village_clinic"}]}`,
		`{"add":[{"lon":120.15,"lat":32.05}]}`, `{"add":[{"lon":500,"lat":0,"type":"health_station"}]}`,
		`{"remove":["F1"]}`, `{"remove":["nope"]}`, `{"remove":["F1","F1"]}`,
		`{"level":"community","parent":"320612","mode":"walk","minutes":15}`, `{"parent":"999"}`,
		`{"minutes":0}`, `{"minutes":-1}`, `{"minutes":1e308}`, `{"mode":"boat"}`, `{"rural_mode":"car"}`,
		`{"facility_types":["health_station","village_clinic"]}`, `{"facility_types":["school"]}`,
		`{"add":[`+strings.Repeat(`{"lon":120.1,"lat":32.05,"type":"health_station"},`, 501)+`{}]}`)
}

// FuzzSitingBody: POST /api/v1/coverage/health/siting.
func FuzzSitingBody(f *testing.F) {
	fuzzBody(f, (*API).healthSiting,
		`{}`, `null`, `{"k":1}`, `{"k":0}`, `{"k":51}`, `{"k":-1}`, `{"k":1.5}`, `{"k":"2"}`,
		`{"k":2,"candidates":[]}`, `{"k":2,"candidates":null}`, `{"k":2,"candidates":[{}]}`,
		`{"k":2,"candidates":[{"lon":120.15,"lat":32.05},{"lon":120.05,"lat":32.02}]}`,
		`{"k":1,"candidates":[{"lon":-181,"lat":0}]}`, `{"k":1,"parent":"320612001201"}`, `{"k":1,"parent":"999"}`,
		`{"k":3,"mode":"bicycle","minutes":30}`, `{"k":1,"level":"county"}`,
		`{"k":1,"candidates":[`+strings.Repeat(`{"lon":120.1,"lat":32.05},`, 501)+`{}]}`)
}
