package healthcov

import (
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/geo/raster"
	"github.com/paulmach/orb"
)

// Isochrone is the area reached within the budget from one place, or from
// many merged. From a place on a road network it is the network's
// isochrone (roads reached, buffered; see geo/network); from a place off
// every network, a disk of the straight-line reach (the budget at the
// mode's speed over Detour), an estimate.
type Isochrone struct {
	Geometry     orb.MultiPolygon
	Mode         Mode
	Minutes      float64
	Sites        int     // places it is reached from
	Estimated    int     // of them off every network: disks, estimates
	ReachedNodes int     // network nodes reached
	LengthKM     float64 // road reached
	Networks     []string
	SnapM        float64 // one place on a network: its distance to the road
	AreaKM2      float64
}

// Estimate reports whether any of the isochrone is a straight-line
// estimate.
func (iso *Isochrone) Estimate() bool { return iso.Estimated > 0 }

// Method says how the isochrone was found (see Summary.Method).
func (iso *Isochrone) Method() string {
	switch {
	case iso.Estimated == 0:
		return MethodNetwork
	case iso.Estimated == iso.Sites:
		return MethodStraightLine
	}
	return MethodMixed
}

// circleSides is the number of sides of a straight-line isochrone, and
// MergedCells bounds the raster of merged isochrones.
const (
	circleSides = 72
	MergedCells = 1 << 22
)

// modeAt is the mode of the residents of the community at p (walking
// where no community holds p).
func (m *Model) modeAt(o Options, p orb.Point) Mode {
	if o.Mode != "" {
		return o.Mode
	}
	if r, ok := m.s.Locate(analytics.Community, p); ok {
		return o.modeOf(r)
	}
	return Walk
}

// IsochroneAt returns the isochrone of place p, by the options' mode or,
// without one, the mode of the community p lies in.
func (m *Model) IsochroneAt(o Options, p orb.Point) (*Isochrone, error) {
	o, err := o.normal()
	if err != nil {
		return nil, err
	}
	md := m.modeAt(o, p)
	iso := &Isochrone{Mode: md, Minutes: o.Minutes, Sites: 1}
	nm, q := query(o, md)
	nets := m.s.Networks()
	if k, snap := nearestNetwork(nets, nm, p); k >= 0 {
		r, err := nets[k].Search(q, []network.Snap{snap})
		if err != nil {
			return nil, err
		}
		iso.Geometry, iso.ReachedNodes, iso.LengthKM = r.Polygon(), r.ReachedNodes(), r.LengthKM()
		iso.Networks, iso.SnapM = []string{nets[k].Name}, snap.Dist
	} else {
		iso.Geometry, iso.Estimated = orb.MultiPolygon{circle(p, lineReach(o, md))}, 1
	}
	iso.AreaKM2 = geo.Area(iso.Geometry) / 1e6
	return iso, nil
}

// query is the network query of mode md under the options.
func query(o Options, md Mode) (network.Mode, network.Query) {
	nm, speed := o.Speeds.graph(md)
	return nm, network.Query{Mode: nm, Budget: o.budget(), Speed: speed, OffSpeed: o.Speeds.Of(md)}
}

// lineReach is the straight-line reach of mode md in metres.
func lineReach(o Options, md Mode) float64 { return o.budget() * o.Speeds.Of(md) / 3.6 / Detour }

// circle is a polygon of circleSides sides around p of radius r metres, in
// a plane tangent at p.
func circle(p orb.Point, r float64) orb.Polygon {
	ky := network.EarthRadius * math.Pi / 180
	kx := ky * math.Cos(p.Lat()*math.Pi/180)
	ring := make(orb.Ring, circleSides+1)
	for i := range circleSides {
		a := 2 * math.Pi * float64(i) / circleSides
		ring[i] = orb.Point{p.Lon() + r*math.Cos(a)/kx, p.Lat() + r*math.Sin(a)/ky}
	}
	ring[circleSides] = ring[0]
	return orb.Polygon{ring}
}

// Merged returns, per mode, the union of the isochrones of the facilities
// of the options' types serving the scope (every facility for nil), each
// facility by the options' mode or else the mode of the community it lies
// in. Network isochrones and disks are unioned on one raster of
// network.Cell metres, coarser where it would have more than MergedCells
// cells (a whole city at about 100 m).
func (m *Model) Merged(o Options, scope *analytics.Region) ([]*Isochrone, error) {
	o, err := o.normal()
	if err != nil {
		return nil, err
	}
	byMode := map[Mode][]orb.Point{}
	for _, f := range m.s.Facilities() {
		if o.counts(f.Type) && (scope == nil || m.s.Within(f.Region, scope.Code)) {
			md := m.modeAt(o, f.Point)
			byMode[md] = append(byMode[md], f.Point)
		}
	}
	var out []*Isochrone
	for _, md := range Modes {
		if sites := byMode[md]; len(sites) > 0 {
			out = append(out, m.merge(o, md, sites))
		}
	}
	return out, nil
}

func (m *Model) merge(o Options, md Mode, sites []orb.Point) *Isochrone {
	iso := &Isochrone{Mode: md, Minutes: o.Minutes, Sites: len(sites)}
	nm, q := query(o, md)
	nets := m.s.Networks()
	on := make([][]network.Snap, len(nets))
	var off []orb.Point
	for _, p := range sites {
		if k, s := nearestNetwork(nets, nm, p); k >= 0 {
			on[k] = append(on[k], s)
		} else {
			off = append(off, p)
		}
	}
	radius := lineReach(o, md)
	b := orb.Bound{Min: orb.Point{math.Inf(1), math.Inf(1)}, Max: orb.Point{math.Inf(-1), math.Inf(-1)}}
	var reaches []*network.Reach
	for k, n := range nets {
		if len(on[k]) == 0 {
			continue
		}
		r, err := n.Search(q, on[k])
		if err != nil {
			panic(err) // the options were checked
		}
		reaches = append(reaches, r)
		iso.Networks = append(iso.Networks, n.Name)
		iso.ReachedNodes += r.ReachedNodes()
		iso.LengthKM += r.LengthKM()
		if rb := r.Bound(); rb.Min.X() <= rb.Max.X() {
			b = b.Union(rb)
		}
	}
	for _, p := range off {
		b = b.Extend(p)
	}
	iso.Estimated = len(off)
	cv := raster.NewCanvas(b, math.Max(radius, network.Buffer)+2*network.Cell, network.Cell, MergedCells)
	for _, r := range reaches {
		r.Burn(cv, network.Buffer)
	}
	for _, p := range off {
		cv.Disk(p, radius)
	}
	iso.Geometry = cv.Polygons()
	iso.AreaKM2 = geo.Area(iso.Geometry) / 1e6
	return iso
}
