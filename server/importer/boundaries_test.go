package importer_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
)

// feature builds a GeoJSON Feature with the given properties (JSON object
// members) and polygon coordinates.
func feature(props, coords string) string {
	return fmt.Sprintf(`{"type":"Feature","properties":{%s},"geometry":{"type":"Polygon","coordinates":%s}}`, props, coords)
}

func collection(features ...string) []byte {
	return []byte(`{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`)
}

// The east half of county 320612, split into a township and two communities.
const (
	eastHalf  = `[[[120.1,32],[120.2,32],[120.2,32.1],[120.1,32.1],[120.1,32]]]`
	eastWest  = `[[[120.1,32],[120.15,32],[120.15,32.1],[120.1,32.1],[120.1,32]]]`
	eastEastR = `[[[120.15,32],[120.15,32.1],[120.2,32.1],[120.2,32],[120.15,32]]]` // clockwise, open ring fixed below
)

func TestReadBoundaries(t *testing.T) {
	_, idx := fixture(t)
	data := collection(
		feature(`"code":"320612002","name":"兴东街道","level":"township","parent":"320612","population":9000,"households":3200`, eastHalf),
		feature(`"code":320612002001,"name":"丙社区居委会","level":"community","parent":"320612002","population":5000`, eastWest),
		// Clockwise shell, and no kind: rural from 村委会.
		feature(`"code":"320612002201","name":"丁村委会","level":"community","parent":"320612002","generated":true`, eastEastR),
	)
	cs, err := importer.ReadBoundaries("b.geojson", data, idx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.Regions) != 3 {
		t.Fatalf("%d regions, want 3", len(cs.Regions))
	}
	town, comm, village := cs.Regions[0], cs.Regions[1], cs.Regions[2]
	if town.Population != 9000 || town.Households != 3200 || town.Kind != "" {
		t.Errorf("township = %+v", town)
	}
	if comm.Code != "320612002001" || comm.Kind != analytics.Urban {
		t.Errorf("community code %q kind %q; want 320612002001 urban", comm.Code, comm.Kind)
	}
	if village.Kind != analytics.Rural || !village.Generated {
		t.Errorf("village kind %q generated %v; want rural, true", village.Kind, village.Generated)
	}
	// The clockwise shell is turned counter-clockwise.
	if o := village.Geometry[0][0].Orientation(); o <= 0 {
		t.Errorf("shell orientation %v, want counter-clockwise", o)
	}
	// 0.1° × 0.1° at 32°N: about 9.44 km × 11.09 km ≈ 104.7 km²
	// (independent: 111.32 km·cos(32.05°) × 110.9 km).
	want := 0.1 * 111.32 * math.Cos(32.05*math.Pi/180) * 0.1 * 110.9
	if math.Abs(town.AreaKM2-want)/want > 0.005 {
		t.Errorf("township area %.3f km², want about %.3f", town.AreaKM2, want)
	}
	lp := town.LabelPoint
	if lp[0] <= 120.1 || lp[0] >= 120.2 || lp[1] <= 32 || lp[1] >= 32.1 {
		t.Errorf("label point %v outside the township", lp)
	}
}

func TestReadBoundariesProblems(t *testing.T) {
	_, idx := fixture(t)
	bowtie := `[[[120.1,32],[120.2,32.1],[120.2,32],[120.1,32.05],[120.1,32]]]` // crosses itself
	farAway := `[[[121,33],[121.1,33],[121.1,33.1],[121,33.1],[121,33]]]`
	half := `[[[120.15,32],[120.25,32],[120.25,32.1],[120.15,32.1],[120.15,32]]]` // half outside the county
	data := collection(
		feature(`"code":"320612002","name":"兴东街道","level":"township","parent":"320612"`, bowtie),
		feature(`"code":"320612003","name":"先锋街道","level":"township","parent":"320699"`, eastHalf),
		feature(`"code":"32061200","name":"短码","level":"township","parent":"320612"`, eastHalf),
		feature(`"code":"320612004","name":"远镇","level":"township","parent":"320612"`, farAway),
		feature(`"code":"320612005","name":"半镇","level":"township","parent":"320612"`, half),
		feature(`"code":"320612006","name":"镇","level":"village","parent":"320612"`, eastHalf),
		feature(`"code":"320612001301","name":"某社区","level":"community","parent":"320612001"`, eastHalf),
		feature(`"code":"320612007","name":"重复","level":"township","parent":"320612"`, eastHalf),
		feature(`"code":"320612007","name":"重复","level":"township","parent":"320612"`, eastHalf),
		feature(`"code":"320699001","name":"错前缀","level":"township","parent":"320612"`, eastHalf),
		feature(`"code":"320612008","name":"点","level":"township","parent":"320612"`, `[[[120.1,32],[120.1,32],[120.1,32]]]`),
		feature(`"code":"320612009","name":"投影","level":"township","parent":"320612"`, `[[[500000,3500000],[500100,3500000],[500100,3500100],[500000,3500000]]]`),
	)
	_, err := importer.ReadBoundaries("bad.geojson", data, idx)
	ps := problems(t, err)
	wantProblem(t, ps, 0, 1, "geometry", "invalid geometry")
	wantProblem(t, ps, 0, 3, "code", "has 8 digits; a township code has 9")
	wantProblem(t, ps, 0, 6, "level", `"village" is not one of province, city, county, township, community`)
	wantProblem(t, ps, 0, 7, "kind", "ends in neither 居委会 (urban) nor 村委会 (rural)")
	wantProblem(t, ps, 0, 9, "code", "duplicate of feature 8")
	wantProblem(t, ps, 0, 11, "geometry", "at least 3 distinct points, it has 1")
	wantProblem(t, ps, 0, 12, "geometry", "not a longitude/latitude")
	// Hierarchy problems are checked once every feature parses; here they
	// are reported together with a second file.
	data = collection(
		feature(`"code":"320612003","name":"先锋街道","level":"township","parent":"320699"`, eastHalf),
		feature(`"code":"320612004","name":"远镇","level":"township","parent":"320612"`, farAway),
		feature(`"code":"320612005","name":"半镇","level":"township","parent":"320612"`, half),
		feature(`"code":"320699001","name":"错前缀","level":"township","parent":"320612"`, eastHalf),
		feature(`"code":"320612001301","name":"某社区居委会","level":"community","parent":"320612001001"`, eastHalf),
	)
	_, err = importer.ReadBoundaries("bad2.geojson", data, idx)
	ps = problems(t, err)
	wantProblem(t, ps, 0, 1, "parent", `parent "320699" is neither in this file nor already known`)
	wantProblem(t, ps, 0, 2, "parent", "entirely outside its parent 320612")
	wantProblem(t, ps, 0, 3, "parent", "50.0% of the region")
	wantProblem(t, ps, 0, 4, "parent", "does not start with its parent's code 320612")
	wantProblem(t, ps, 0, 5, "parent", "parent 320612001001 is a community; a community's parent must be at a higher level")
}

// A city whose province is not stored is a root, whether the file names
// the province code as its parent or not; a parent that is not an
// ancestor code is a problem of the file, not a failed write.
func TestReadBoundariesCityParent(t *testing.T) {
	_, idx := fixture(t)
	city := `[[[120,32],[120.4,32],[120.4,32.1],[120,32.1],[120,32]]]`
	for _, parent := range []string{``, `,"parent":"32"`, `,"parent":""`} {
		cs, err := importer.ReadBoundaries("city.geojson", collection(feature(`"code":"3206","name":"南通市","level":"city"`+parent, city)), idx)
		if err != nil || len(cs.Regions) != 1 || cs.Regions[0].Parent != "" {
			t.Errorf("a city with parent %s and no province stored: %v, %+v", parent, err, cs)
		}
	}
	data := collection(feature(`"code":"3206","name":"南通市","level":"city","parent":"33"`, city))
	_, err := importer.ReadBoundaries("city.geojson", data, idx)
	wantProblem(t, problems(t, err), 0, 1, "parent", `parent "33" is neither in this file nor already known`)
}

// A province above the stored city: levels and parents follow from the
// codes alone. A county directly under its province (a
// province-administered county-level city, no city between) takes the
// province as its parent; a township with no ancestor known is refused.
func TestReadBoundariesProvince(t *testing.T) {
	_, idx := fixture(t)
	province := `[[[119,31],[122,31],[122,33],[119,33],[119,31]]]`
	data := collection(
		feature(`"code":"32","name":"江苏省"`, province),
		feature(`"code":"3206","name":"南通市"`, `[[[120,32],[120.2,32],[120.2,32.1],[120,32.1],[120,32]]]`),
		feature(`"code":"329001","name":"某县级市"`, `[[[121,31.5],[121.2,31.5],[121.2,31.7],[121,31.7],[121,31.5]]]`),
	)
	cs, err := importer.ReadBoundaries("province.geojson", data, idx)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		level  analytics.Level
		parent string
	}{"32": {analytics.Province, ""}, "3206": {analytics.City, "32"}, "329001": {analytics.County, "32"}}
	for _, r := range cs.Regions {
		if w := want[r.Code]; r.Level != w.level || r.Parent != w.parent {
			t.Errorf("%s: level %s parent %q, want %s %q", r.Code, r.Level, r.Parent, w.level, w.parent)
		}
	}
	_, err = importer.ReadBoundaries("t.geojson", collection(feature(`"code":"330100001","name":"孤镇"`, eastHalf)), idx)
	wantProblem(t, problems(t, err), 0, 1, "parent", `parent "330100" is neither in this file nor already known`)
}

func TestReadBoundariesFileProblems(t *testing.T) {
	_, idx := fixture(t)
	for name, c := range map[string]struct{ data, want string }{
		"not json":    {"hello", "not a GeoJSON document"},
		"no features": {`{"type":"FeatureCollection","features":[]}`, "no features"},
		"point":       {string(collection(`{"type":"Feature","properties":{"code":"320612002","name":"x","level":"township","parent":"320612"},"geometry":{"type":"Point","coordinates":[120.1,32]}}`)), "is a Point"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := importer.ReadBoundaries("f.geojson", []byte(c.data), idx)
			ps := problems(t, err)
			if len(ps) == 0 || !strings.Contains(ps[0].String(), c.want) {
				t.Errorf("problems %+v, want one mentioning %q", ps, c.want)
			}
		})
	}
}
