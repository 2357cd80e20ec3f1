package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"

	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// countyShape is a county-level boundary ready to partition.
type countyShape struct {
	code      string
	geom      orb.MultiPolygon
	seat      orb.Point // the county seat, inside geom
	generated bool
}

// vintage2013 maps the 2013 county names of counties_2013.geojson to the
// 2023 codes. 港闸区 merged into 崇川区 in 2020, 海门市 became 海门区 (320614) in
// 2020 and 海安县 became 海安市 (320685) in 2018; the others kept their names
// and codes.
var vintage2013 = map[string]string{
	"通州区": "320612",
	"崇川区": "320613",
	"港闸区": "320613",
	"海门市": "320614",
	"如东县": "320623",
	"启东市": "320681",
	"如皋市": "320682",
	"海安县": "320685",
}

// devZone is the county-level 南通经济技术开发区, which has a code but no
// polygon of its own.
const devZone = "320671"

// devZoneSketch outlines the development zone south-east of central
// 崇川/通州, between about 120.90° and 121.10°E and from 31.98°N south to the
// Yangtze: its southern edge lies in the river so that clipping it to 崇川 and
// 通州 lets the real shore (the county boundary) bound the zone there. The
// wobble of the other edges only keeps the made-up line from looking ruled.
var devZoneSketch = orb.Polygon{{
	{120.905, 31.972}, {120.930, 31.984}, {120.965, 31.977}, {121.000, 31.986},
	{121.040, 31.975}, {121.075, 31.968}, {121.098, 31.940}, {121.090, 31.905},
	{121.100, 31.870}, {121.110, 31.820}, {121.110, 31.740}, {120.900, 31.740},
	{120.895, 31.820}, {120.910, 31.860}, {120.898, 31.905}, {120.912, 31.940},
	{120.905, 31.972},
}}

// devZoneSeat is where the zone's administration sits, at 中兴街道.
var devZoneSeat = orb.Point{120.975, 31.950}

// readCounties loads the 2013 county polygons, repairs them, reconciles the
// vintages, removes overlaps between neighbours and carves out the
// development zone. The result is sorted by code.
func readCounties(fsys fs.FS) ([]countyShape, error) {
	b, err := fs.ReadFile(fsys, "nantong/counties_2013.geojson")
	if err != nil {
		return nil, err
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Name string
				CP   [2]float64
			}
			Geometry struct {
				Type        string
				Coordinates json.RawMessage
			}
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		return nil, fmt.Errorf("counties: %w", err)
	}
	parts := map[string][]orb.MultiPolygon{}
	seats := map[string]orb.Point{}
	for _, f := range fc.Features {
		code, ok := vintage2013[f.Properties.Name]
		if !ok {
			return nil, fmt.Errorf("counties: %s has no 2023 code", f.Properties.Name)
		}
		var mp orb.MultiPolygon
		switch f.Geometry.Type {
		case "Polygon":
			var p orb.Polygon
			err = json.Unmarshal(f.Geometry.Coordinates, &p)
			mp = orb.MultiPolygon{p}
		case "MultiPolygon":
			err = json.Unmarshal(f.Geometry.Coordinates, &mp)
		default:
			err = fmt.Errorf("geometry type %s", f.Geometry.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("counties: %s: %w", f.Properties.Name, err)
		}
		fixed, err := geo.MakeValid(mp)
		if err != nil {
			return nil, fmt.Errorf("counties: repairing %s: %w", f.Properties.Name, err)
		}
		parts[code] = append(parts[code], fixed)
		// The label point (cp) of the 2013 file is the seat of the county
		// government; 崇川区 keeps its own after absorbing 港闸区.
		if f.Properties.Name != "港闸区" {
			seats[code] = orb.Point(f.Properties.CP)
		}
	}
	codes := make([]string, 0, len(parts))
	for c := range parts {
		codes = append(codes, c)
	}
	sort.Strings(codes)

	// Merge, then take away from each county what the counties before it
	// (in code order) already hold, so that neighbours do not overlap.
	var out []countyShape
	var placed []orb.MultiPolygon
	for _, c := range codes {
		g, err := geo.UnionAll(parts[c])
		if err != nil {
			return nil, fmt.Errorf("counties: merging %s: %w", c, err)
		}
		if len(placed) > 0 {
			prev, err := geo.UnionAll(placed)
			if err != nil {
				return nil, err
			}
			if g, err = geo.Difference(g, prev); err != nil {
				return nil, fmt.Errorf("counties: removing overlaps from %s: %w", c, err)
			}
		}
		placed = append(placed, g)
		out = append(out, countyShape{code: c, geom: g, seat: seats[c]})
	}

	out, err = carveDevZone(out)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if !geo.PointInMultiPolygon(out[i].geom, out[i].seat) {
			out[i].seat = geo.LabelPoint(out[i].geom)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].code < out[j].code })
	return out, nil
}

// carveDevZone cuts the development zone out of 崇川区 and 通州区.
func carveDevZone(cs []countyShape) ([]countyShape, error) {
	var hosts []orb.MultiPolygon
	for _, c := range cs {
		if c.code == "320612" || c.code == "320613" {
			hosts = append(hosts, c.geom)
		}
	}
	host, err := geo.UnionAll(hosts)
	if err != nil {
		return nil, err
	}
	zone, err := geo.Intersection(orb.MultiPolygon{devZoneSketch}, host)
	if err != nil {
		return nil, fmt.Errorf("counties: clipping the development zone: %w", err)
	}
	for i := range cs {
		if cs[i].code == "320612" || cs[i].code == "320613" {
			if cs[i].geom, err = geo.Difference(cs[i].geom, zone); err != nil {
				return nil, fmt.Errorf("counties: carving the development zone out of %s: %w", cs[i].code, err)
			}
		}
	}
	return append(cs, countyShape{code: devZone, geom: zone, seat: devZoneSeat, generated: true}), nil
}

// coordDecimals is the precision of every coordinate written: 1e-7° is
// about a centimetre.
const coordDecimals = 7
