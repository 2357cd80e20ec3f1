package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"strconv"

	"github.com/paulmach/orb"
)

// The writers below format every number themselves (strconv with fixed
// decimals) and emit properties in a fixed order, so that the files are
// byte-identical from run to run and diff well.

// writeFile writes b to path.
func writeFile(path string, b []byte) error {
	return os.WriteFile(path, b, 0o644)
}

// jsonString encodes s as a JSON string, keeping Chinese as UTF-8.
func jsonString(s string) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return string(bytes.TrimRight(buf.Bytes(), "\n"))
}

// coord formats one coordinate with coordDecimals, trimming trailing zeros.
func coord(v float64) string {
	s := strconv.FormatFloat(v, 'f', coordDecimals, 64)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// appendMultiPolygon appends a GeoJSON MultiPolygon geometry object.
func appendMultiPolygon(b []byte, mp orb.MultiPolygon) []byte {
	b = append(b, `{"type":"MultiPolygon","coordinates":[`...)
	for i, p := range mp {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, r := range p {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			for k, pt := range r {
				if k > 0 {
					b = append(b, ',')
				}
				b = append(b, '[')
				b = append(b, coord(pt[0])...)
				b = append(b, ',')
				b = append(b, coord(pt[1])...)
				b = append(b, ']')
			}
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// prop is one property of a feature, already encoded as JSON.
type prop struct{ key, json string }

// appendFeature appends one Feature, on a line of its own.
func appendFeature(b []byte, props []prop, mp orb.MultiPolygon) []byte {
	b = append(b, `{"type":"Feature","properties":{`...)
	for i, p := range props {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, jsonString(p.key)...)
		b = append(b, ':')
		b = append(b, p.json...)
	}
	b = append(b, `},"geometry":`...)
	b = appendMultiPolygon(b, mp)
	return append(b, '}')
}

// featureCollection joins features, one per line.
func featureCollection(features [][]byte) []byte {
	var b []byte
	b = append(b, "{\"type\":\"FeatureCollection\",\"features\":[\n"...)
	for i, f := range features {
		b = append(b, f...)
		if i < len(features)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
	}
	return append(b, "]}\n"...)
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }

// regionsGeoJSON writes the regions: city, counties, townships,
// communities, each level by code.
func regionsGeoJSON(a *atlas) []byte {
	var fs [][]byte
	for _, r := range a.allRegions() {
		props := []prop{
			{"code", jsonString(r.code)},
			{"name", jsonString(r.name)},
			{"level", jsonString(string(r.level))},
			{"parent", jsonString(r.parent)},
		}
		if r.kind != "" {
			props = append(props, prop{"kind", jsonString(string(r.kind))})
		}
		props = append(props,
			prop{"population", itoa(r.pop)},
			prop{"households", itoa(r.hh)},
			prop{"generated", strconv.FormatBool(r.generated)},
		)
		fs = append(fs, appendFeature(nil, props, r.geom))
	}
	return featureCollection(fs)
}

// allRegions lists the regions in output order.
func (a *atlas) allRegions() []*region {
	out := []*region{a.city}
	out = append(out, a.counties...)
	out = append(out, a.townships...)
	return append(out, a.communities...)
}

// csvBytes encodes rows as CSV with \n line ends.
func csvBytes(rows [][]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	_ = w.WriteAll(rows) // writing to a buffer cannot fail
	return buf.Bytes()
}
