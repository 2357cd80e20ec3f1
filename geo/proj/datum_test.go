package proj_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/geo/proj"
	"github.com/paulmach/orb"
)

// The contract of Parse for Xi'an 1980 and Beijing 1954: the CRS and
// ErrNeedsDatumShift; the CRS refuses to convert until WithTOWGS84.
func TestParseNeedsDatumShift(t *testing.T) {
	for code, datum := range map[string]string{"EPSG:2385": "Xi'an 1980", "4610": "Xi'an 1980", "EPSG:2327": "Xi'an 1980",
		"EPSG:2401": "Beijing 1954", "EPSG:21460": "Beijing 1954", "4214": "Beijing 1954"} {
		c, err := proj.Parse(code)
		if !errors.Is(err, proj.ErrNeedsDatumShift) || !strings.Contains(err.Error(), datum) || !c.NeedsDatumShift() || c.EPSG == 0 {
			t.Errorf("%s: %s, %v", code, c.Name(), err)
		}
	}
	c, _ := proj.Parse("EPSG:2385")
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Unproject converted without the datum shift")
			}
		}()
		c.Unproject(orb.Point{528151, 3597358})
	}()
	// The shifted CRS: cs2cs +proj=tmerc +lon_0=120 +x_0=500000 +ellps=IAU76
	// +towgs84=24,-123,-94,0.02,-0.25,-0.13,1.1 +to +proj=longlat +datum=WGS84.
	shifted := proj.WithTOWGS84(c, [7]float64{24, -123, -94, 0.02, -0.25, -0.13, 1.1})
	if shifted.NeedsDatumShift() || shifted.Name() != "Xian 1980 / 3-degree Gauss-Kruger CM 120E (EPSG:2385) + TOWGS84[24,-123,-94,0.02,-0.25,-0.13,1.1]" {
		t.Errorf("shifted: %s", shifted.Name())
	}
	p := shifted.Unproject(orb.Point{528151.369004, 3597358.370537}).(orb.Point)
	if math.Abs(p[0]-120.3) > 1e-8 || math.Abs(p[1]-32.5) > 1e-8 {
		t.Errorf("unprojected to %.10f %.10f, want 120.3 32.5", p[0], p[1])
	}
	if g, _ := proj.Parse("gcj02"); proj.WithTOWGS84(g, [7]float64{1}).Name() != g.Name() {
		t.Error("GCJ-02 took a datum shift")
	}
}

// Forward then inverse across ±3.5° of a zone's central meridian, from
// the equator to 60°N, comes back to 1e-11° (a micrometre).
func TestTransverseMercatorRoundTrip(t *testing.T) {
	tm := proj.TransverseMercator{Ellipsoid: proj.GRS80, Lon0: 117, K0: 1, FalseE: 500000}
	fwd, inv := tm.Func(), tm.InverseFunc()
	worst := 0.0
	for dl := -3.5; dl <= 3.5; dl += 0.05 {
		for lat := 0.0; lat <= 60; lat += 0.5 {
			lon, back := inv(fwd(117+dl, lat))
			worst = math.Max(worst, math.Max(math.Abs(lon-117-dl), math.Abs(back-lat)))
		}
	}
	if worst > 1e-11 {
		t.Errorf("worst round trip %.2e°", worst)
	}
}
