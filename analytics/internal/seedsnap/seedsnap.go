// Package seedsnap loads the embedded Nantong seeds — regions, facilities
// and grids — straight into a snapshot, for the tests and benchmarks of the
// analytics packages on the real data. It reads the files as they are (the
// generator writes them valid and oriented) and skips the importers'
// validation, which lives in the server and is tested there.
package seedsnap

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/seeds"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// Load builds a snapshot (version 1) of the seed regions, facilities,
// grids and observations.
func Load() (*analytics.Snapshot, error) {
	cat, err := analytics.ParseCatalogue(seeds.IndicatorsJSON)
	if err != nil {
		return nil, err
	}
	var d analytics.Dataset
	if d.Regions, err = regions(); err != nil {
		return nil, err
	}
	if d.Grids, err = grids(); err != nil {
		return nil, err
	}
	if d.Facilities, err = facilities(); err != nil {
		return nil, err
	}
	if d.Observations, err = observations(); err != nil {
		return nil, err
	}
	return analytics.NewSnapshot(1, cat, &d), nil
}

func features(name string) ([]*geojson.Feature, error) {
	data, err := seeds.Files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return fc.Features, nil
}

func multiPolygon(name string, i int, g orb.Geometry) (orb.MultiPolygon, error) {
	switch g := g.(type) {
	case orb.MultiPolygon:
		return g, nil
	case orb.Polygon:
		return orb.MultiPolygon{g}, nil
	}
	return nil, fmt.Errorf("%s: feature %d is a %T, not a polygon", name, i+1, g)
}

func regions() ([]analytics.Region, error) {
	fs, err := features(seeds.RegionsFile)
	if err != nil {
		return nil, err
	}
	out := make([]analytics.Region, len(fs))
	for i, f := range fs {
		mp, err := multiPolygon(seeds.RegionsFile, i, f.Geometry)
		if err != nil {
			return nil, err
		}
		p := f.Properties
		out[i] = analytics.Region{
			Code: p.MustString("code"), Name: p.MustString("name"), Level: analytics.Level(p.MustString("level")),
			Parent: p.MustString("parent"), Kind: analytics.Kind(p.MustString("kind", "")),
			Population: int64(p.MustFloat64("population")), Households: int64(p.MustFloat64("households")),
			Geometry: mp, AreaKM2: geo.Area(mp) / 1e6, LabelPoint: mp.Bound().Center(),
			Generated: p.MustBool("generated"),
		}
	}
	return out, nil
}

func grids() ([]analytics.Grid, error) {
	fs, err := features(seeds.GridsFile)
	if err != nil {
		return nil, err
	}
	out := make([]analytics.Grid, len(fs))
	for i, f := range fs {
		mp, err := multiPolygon(seeds.GridsFile, i, f.Geometry)
		if err != nil {
			return nil, err
		}
		p := f.Properties
		out[i] = analytics.Grid{Code: p.MustString("code"), Community: p.MustString("community"),
			Households: int64(p.MustFloat64("households")), Worker: p.MustString("worker"), Geometry: mp}
	}
	return out, nil
}

// csvRows reads a seed CSV file, header included.
func csvRows(name string) ([][]string, error) {
	data, err := seeds.Files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rows, nil
}

func observations() ([]analytics.Observation, error) {
	rows, err := csvRows(seeds.ObservationsFile)
	if err != nil {
		return nil, err
	}
	out := make([]analytics.Observation, 0, len(rows))
	for i, r := range rows[1:] { // indicator,region,period,value
		period, err := strconv.Atoi(r[2])
		if err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", seeds.ObservationsFile, i+2, err)
		}
		v, err := strconv.ParseFloat(r[3], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: row %d: %w", seeds.ObservationsFile, i+2, err)
		}
		out = append(out, analytics.Observation{Indicator: r[0], Region: r[1], Period: period, Value: v, Batch: 1})
	}
	return out, nil
}

func facilities() ([]analytics.Facility, error) {
	rows, err := csvRows(seeds.FacilitiesFile)
	if err != nil {
		return nil, err
	}
	out := make([]analytics.Facility, 0, len(rows))
	for i, r := range rows[1:] { // id,type,name,lon,lat,floor_area_m2,region
		var nums [3]float64
		for k, s := range []string{r[3], r[4], r[5]} {
			if s == "" {
				continue
			}
			if nums[k], err = strconv.ParseFloat(s, 64); err != nil {
				return nil, fmt.Errorf("%s: row %d: %w", seeds.FacilitiesFile, i+2, err)
			}
		}
		out = append(out, analytics.Facility{ID: r[0], Type: analytics.FacilityType(r[1]), Name: r[2],
			Point: orb.Point{nums[0], nums[1]}, FloorAreaM2: nums[2], Region: r[6]})
	}
	return out, nil
}
