package main

import (
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/derive"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// geometryYear is the year the generated facilities and grids describe: the
// service derives its computed indicators for the latest year observed.
const geometryYear = 2014

// overReport is the share of communities whose geometry fails a yes/no
// requirement (or has no police post) that report it met all the same.
const overReport = 0.04

// derivedValues runs the service's own derivation (analytics/derive, with
// the default health-circle options) over the generated atlas, as the
// server will load it, and returns the computed value of each computed
// indicator for geometryYear by indicator and region.
func derivedValues(a *atlas) map[[2]string]float64 {
	d := &analytics.Dataset{}
	for _, r := range a.allRegions() {
		d.Regions = append(d.Regions, analytics.Region{Code: r.code, Name: r.name, Level: r.level, Parent: r.parent,
			Kind: r.kind, Population: r.pop, Households: r.hh, Geometry: r.geom, LabelPoint: geo.LabelPoint(r.geom)})
	}
	for _, f := range a.facilities {
		// The point as facilities.csv writes it.
		pt := orb.Point{parseCoord(f.pt[0]), parseCoord(f.pt[1])}
		d.Facilities = append(d.Facilities, analytics.Facility{ID: f.id, Type: f.typ, Point: pt, FloorAreaM2: f.area, Region: f.region})
	}
	for _, g := range a.grids {
		d.Grids = append(d.Grids, analytics.Grid{Code: g.code, Community: g.community, Households: g.households, Worker: g.worker, Geometry: g.geom})
	}
	s := analytics.NewSnapshot(0, a.catalogue, d)
	out := map[[2]string]float64{}
	for _, o := range derive.ForPeriod(s, healthcov.Options{Speeds: healthcov.DefaultSpeeds}, geometryYear) {
		out[[2]string{o.Indicator, o.Region}] = o.Value
	}
	return out
}

func parseCoord(v float64) float64 {
	f, _ := strconv.ParseFloat(coord(v), 64)
	return f
}

// reported is the value a community reports for a computed yes/no or count
// indicator: in geometryYear what the geometry gives, except that a few
// communities falling short report the requirement met (overReport); in
// earlier years the same value or, with probability growing into the
// past, 0 — a community that has a post, grids or a nearby clinic keeps it.
func reported(id string, r *region, period int, computed float64) float64 {
	v := computed
	if v == 0 && rng("over-report", id, r.code).Float64() < overReport {
		v = 1
	}
	for p := geometryYear - 1; p >= period; p-- {
		if rng("not-yet", id, r.code, strconv.Itoa(p)).Float64() < 0.2 {
			return 0
		}
	}
	return v
}
