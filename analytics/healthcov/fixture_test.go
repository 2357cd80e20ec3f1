package healthcov

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
)

// box is a counter-clockwise rectangle.
func box(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

func region(code, name string, l analytics.Level, parent string, k analytics.Kind, pop int64, g orb.MultiPolygon) analytics.Region {
	return analytics.Region{Code: code, Name: name, Level: l, Parent: parent, Kind: k, Population: pop,
		Geometry: g, AreaKM2: geo.Area(g) / 1e6, LabelPoint: geo.LabelPoint(g)}
}

// snapshot builds a snapshot of a city, a county, a township and the given
// communities (children of the township), facilities and networks.
func snapshot(t testing.TB, communities []analytics.Region, fs []analytics.Facility, nets ...*network.Network) *analytics.Snapshot {
	t.Helper()
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		t.Fatal(err)
	}
	b := communities[0].Geometry.Bound()
	for _, c := range communities {
		if len(c.Geometry) > 0 {
			b = b.Union(c.Geometry.Bound())
		}
	}
	all := box(b.Min.X()-0.01, b.Min.Y()-0.01, b.Max.X()+0.01, b.Max.Y()+0.01)
	d := &analytics.Dataset{
		Regions: append([]analytics.Region{
			region("3206", "市", analytics.City, "", "", 0, all),
			region("320612", "区", analytics.County, "3206", "", 0, all),
			region("320612001", "街道", analytics.Township, "320612", "", 0, all),
		}, communities...),
		Facilities: fs,
		Networks:   nets,
	}
	return analytics.NewSnapshot(1, cat, d)
}

var (
	andorraOnce sync.Once
	andorraNet  *network.Network
	andorraErr  error
)

// andorra is the road network of the Andorra extract that the
// github.com/paulmach/osm module ships in its testdata.
func andorra(t testing.TB) *network.Network {
	t.Helper()
	andorraOnce.Do(func() {
		out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/paulmach/osm").Output()
		if err != nil {
			andorraErr = err
			return
		}
		file := filepath.Join(strings.TrimSpace(string(out)), "testdata", "andorra-latest.osm.bz2")
		data, err := os.ReadFile(file)
		if err != nil {
			andorraErr = err
			return
		}
		andorraNet, andorraErr = network.Read(context.Background(), "andorra", filepath.Base(file), data)
	})
	if andorraErr != nil {
		t.Fatal(andorraErr)
	}
	return andorraNet
}

// andorraTown is a snapshot over Andorra la Vella and Escaldes: an urban
// community in the centre with a health station, a rural one to the east
// with a village clinic, and a rural one in the mountains to the
// south-east, beyond the extract and any road, with none.
func andorraTown(t testing.TB) *analytics.Snapshot {
	return snapshot(t, []analytics.Region{
		region("320612001001", "中心社区居委会", analytics.Community, "320612001", analytics.Urban, 4000, box(1.515, 42.502, 1.540, 42.515)),
		region("320612001201", "东村委会", analytics.Community, "320612001", analytics.Rural, 1500, box(1.540, 42.502, 1.565, 42.520)),
		region("320612001202", "山村委会", analytics.Community, "320612001", analytics.Rural, 300, box(1.630, 42.415, 1.645, 42.427)),
	}, []analytics.Facility{
		{ID: "HS1", Type: analytics.HealthStation, Name: "站", Point: orb.Point{1.5275, 42.5085}, Region: "320612001001"},
		{ID: "VC1", Type: analytics.VillageClinic, Name: "卫生室", Point: orb.Point{1.5520, 42.5090}, Region: "320612001201"},
		{ID: "PP1", Type: analytics.PolicePost, Name: "警务室", Point: orb.Point{1.5200, 42.5050}, Region: "320612001001"},
	}, andorra(t))
}
