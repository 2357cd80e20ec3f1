package rowscan

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store/internal/wkbgeom"
	"github.com/community-atlas/atlas/server/store/storetest"
	"github.com/paulmach/orb"
)

// row is a result row: Scan stores each value in its destination, as a
// driver would, converting to the destination's type where they differ
// (a string into a byte slice type, say).
type row []any

func (r row) Scan(dest ...any) error {
	if len(dest) != len(r) {
		return fmt.Errorf("scan: %d destinations for %d columns", len(dest), len(r))
	}
	for i, d := range dest {
		v := reflect.ValueOf(d).Elem()
		if r[i] == nil {
			v.SetZero()
			continue
		}
		v.Set(reflect.ValueOf(r[i]).Convert(v.Type()))
	}
	return nil
}

// rows is a result set of rows.
type rows struct {
	all []row
	i   int
	err error
}

func (rs *rows) Next() bool             { rs.i++; return rs.i <= len(rs.all) }
func (rs *rows) Scan(dest ...any) error { return rs.all[rs.i-1].Scan(dest...) }
func (rs *rows) Err() error             { return rs.err }

func ptr(v float64) *float64 { return &v }

// TestTargetNullBounds: a NULL bound reads as nil, a set one as its value.
func TestTargetNullBounds(t *testing.T) {
	got, err := Target(row{"mass_incidents", "320612", 2014, nil, ptr(0), nil, ptr(2.5), int64(7)})
	if err != nil {
		t.Fatal(err)
	}
	if got.Urban.Min != nil || got.Rural.Min != nil || *got.Urban.Max != 0 || *got.Rural.Max != 2.5 || got.Batch != 7 || got.Period != 2014 {
		t.Errorf("Target = %+v", got)
	}
}

// mustWKB returns the WKB from wkbgeom, panicking on error: the fixtures
// are valid.
func mustWKB(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

func TestRecords(t *testing.T) {
	square := orb.MultiPolygon{{{{120, 32}, {120.1, 32}, {120.1, 32.1}, {120, 32}}}}
	geometry := mustWKB(wkbgeom.MultiPolygon(square))
	point := mustWKB(wkbgeom.Point(orb.Point{120.5, 32.5}))

	region, err := Region(row{"320612", "通州区", "county", "3206", "", int64(1), int64(2), 3.5, 120.05, 32.05, true, geometry})
	want := analytics.Region{Code: "320612", Name: "通州区", Level: analytics.County, Parent: "3206",
		Population: 1, Households: 2, AreaKM2: 3.5, LabelPoint: orb.Point{120.05, 32.05}, Generated: true, Geometry: square}
	if err != nil || !reflect.DeepEqual(region, want) {
		t.Errorf("Region = %+v, %v; want %+v", region, err, want)
	}

	facility, err := Facility(row{"f1", "police_post", "警务室", 40.0, "320612", point})
	wantF := analytics.Facility{ID: "f1", Type: analytics.PolicePost, Name: "警务室", FloorAreaM2: 40, Region: "320612", Point: orb.Point{120.5, 32.5}}
	if err != nil || facility != wantF {
		t.Errorf("Facility = %+v, %v; want %+v", facility, err, wantF)
	}

	grid, err := Grid(row{"g1", "320612001", int64(300), "", nil})
	wantG := analytics.Grid{Code: "g1", Community: "320612001", Households: 300}
	if err != nil || !reflect.DeepEqual(grid, wantG) {
		t.Errorf("Grid = %+v, %v; want %+v (no geometry)", grid, err, wantG)
	}

	east := time.FixedZone("CST", 8*3600)
	at := time.Date(2024, 5, 1, 9, 30, 0, 123000, east)
	batch, err := Batch(row{int64(7), "seed", "seed", 12, at, "wang"}, func(t time.Time) (time.Time, error) { return t, nil })
	if err != nil || batch.At.Location() != time.UTC || !batch.At.Equal(at) || batch.ID != 7 || batch.Rows != 12 || batch.User != "wang" {
		t.Errorf("Batch = %+v, %v; want batch 7 of 12 rows by wang at %v in UTC", batch, err, at)
	}
}

func TestRecordErrorsNameTheRecord(t *testing.T) {
	bad := []byte{1, 2, 3}
	point := mustWKB(wkbgeom.Point(orb.Point{1, 2}))
	for _, c := range []struct {
		read func() error
		want string
	}{
		{func() error {
			_, err := Region(row{"320612", "", "county", "", "", int64(0), int64(0), 0.0, 0.0, 0.0, false, bad})
			return err
		}, "region 320612: "},
		{func() error {
			_, err := Region(row{"320612", "", "county", "", "", int64(0), int64(0), 0.0, 0.0, 0.0, false, point})
			return err
		}, "region 320612: " + wkbgeom.ErrType.Error()},
		{func() error { _, err := Facility(row{"f1", "", "", 0.0, "", bad}); return err }, "facility f1: "},
		{func() error { _, err := Grid(row{"g1", "", int64(0), "", bad}); return err }, "grid g1: "},
		{func() error {
			_, err := Batch(row{int64(3), "", "", 0, "yesterday", ""}, func(s string) (time.Time, error) {
				return time.Parse(time.RFC3339, s)
			})
			return err
		}, "batch 3: at: "},
	} {
		if err := c.read(); err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("got %v, want an error starting %q", err, c.want)
		}
	}
}

func TestObservationsShareStrings(t *testing.T) {
	var obs Observations[[]byte]
	a, err := obs.Scan(row{"population", "320612", 2023, 1.5, int64(1)})
	if err != nil {
		t.Fatal(err)
	}
	b, err := obs.Scan(row{"population", "320612", 2024, 2.5, int64(2)})
	if err != nil {
		t.Fatal(err)
	}
	want := analytics.Observation{Indicator: "population", Region: "320612", Period: 2024, Value: 2.5, Batch: 2}
	if b != want {
		t.Errorf("Scan = %+v, want %+v", b, want)
	}
	if unsafe.StringData(a.Indicator) != unsafe.StringData(b.Indicator) || unsafe.StringData(a.Region) != unsafe.StringData(b.Region) {
		t.Error("equal codes do not share storage")
	}
}

func TestLoad(t *testing.T) {
	point := mustWKB(wkbgeom.Point(orb.Point{1, 2}))
	tables := map[string][]row{
		"batches":      {{int64(1), "seed", "seed", 3, "2024-05-01T01:30:00Z", ""}},
		"regions":      {{"3206", "南通市", "city", "", "", int64(0), int64(0), 0.0, 0.0, 0.0, false, nil}},
		"observations": {{"population", "3206", 2024, 1.0, int64(1)}},
		"facilities":   {{"f1", "police_post", "", 0.0, "3206", point}},
		"grids":        {{"g1", "3206", int64(0), "", nil}},
		"networks":     {networkRow(storetest.Network("n1", 0))},
		"checklist": {{"t20_coordination_body", "3206", 2013, "done", "", "", "", "", int64(0), "", "dm",
			"2024-05-01T02:00:00Z", "pending", "", "", nil}},
		"targets": {{"one_stop_service", "3206", 2013, ptr(90.0), nil, ptr(85.0), nil, int64(1)}},
	}
	qs := Select(func(column string) string { return column })
	byQuery := map[string]string{qs.Batches: "batches", qs.Regions: "regions",
		qs.Observations: "observations", qs.Facilities: "facilities", qs.Grids: "grids", qs.Networks: "networks",
		qs.Checklist: "checklist", qs.Targets: "targets"}
	var (
		order []string
		fail  string // the table whose rows end in an error
	)
	query := func(q string, each func(Scanner) error) error {
		name := byQuery[q]
		order = append(order, name)
		rs := &rows{all: tables[name]}
		if name == fail {
			rs.err = errors.New("connection lost")
		}
		return Each(rs, each)
	}
	parse := func(s string) (time.Time, error) { return time.Parse(time.RFC3339, s) }

	fail = "facilities"
	if _, err := Load[[]byte](qs, parse, query); err == nil || err.Error() != "load facilities: connection lost" {
		t.Fatalf("Load = %v, want load facilities: connection lost", err)
	}
	if want := []string{"batches", "regions", "observations", "facilities"}; !reflect.DeepEqual(order, want) {
		t.Errorf("read %v, want %v and then to stop", order, want)
	}

	fail = ""
	ds, err := Load[[]byte](qs, parse, query)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Batches) != 1 || len(ds.Regions) != 1 || len(ds.Observations) != 1 || len(ds.Facilities) != 1 ||
		len(ds.Grids) != 1 || len(ds.Networks) != 1 || ds.Networks[0].Name != "n1" || len(ds.Targets) != 1 ||
		len(ds.Checklist) != 1 || ds.Checklist[0].Status != analytics.Done || ds.Checklist[0].ReviewedAt != nil {
		t.Errorf("Load = %+v, want one record of each type", ds)
	}
	if !ds.Batches[0].At.Equal(time.Date(2024, 5, 1, 1, 30, 0, 0, time.UTC)) {
		t.Errorf("batch at %v", ds.Batches[0].At)
	}
}

// networkRow is the row Network reads for n: name, source and the parts
// NetworkRow writes.
func networkRow(n *network.Network) row {
	r, _, err := NetworkRow(n)
	if err != nil {
		panic(err)
	}
	return row{r[0], r[1], r[5], r[6], r[7], r[8], r[9], r[10]}
}

func TestNetworkCorrupt(t *testing.T) {
	r := networkRow(storetest.Network("n1", 0))
	r[4] = []byte("not a graph")
	if _, err := Network(r); err == nil || !strings.Contains(err.Error(), "network n1") {
		t.Fatalf("Network(corrupt) = %v, want an error naming the network", err)
	}
}
