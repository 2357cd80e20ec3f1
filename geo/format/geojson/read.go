package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/paulmach/orb"
	ogeo "github.com/paulmach/orb/geojson"
)

// document is any GeoJSON object: a FeatureCollection, a Feature or a bare
// geometry, with the legacy crs member.
type document struct {
	Type       string            `json:"type"`
	Name       string            `json:"name"`
	Features   []json.RawMessage `json:"features"`
	ID         json.RawMessage   `json:"id"`
	Geometry   json.RawMessage   `json:"geometry"`
	Properties json.RawMessage   `json:"properties"`
	CRS        *struct {
		Type       string `json:"type"`
		Properties struct {
			Name string `json:"name"`
		} `json:"properties"`
	} `json:"crs"`
}

// Read reads a GeoJSON FeatureCollection, a single Feature or a bare
// geometry as a layer. Fields are inferred from the properties of every
// feature, in the order they first appear; Source.CRS is the legacy crs
// member's name ("EPSG:n" for the EPSG URNs), "" without one (RFC 7946 then
// means WGS 84, which the caller checks against the numbers).
func Read(data []byte) (*format.Layer, error) {
	var doc document
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("geojson: not a GeoJSON document: %w", err)
	}
	l := &format.Layer{Name: doc.Name, Source: format.Source{Format: "geojson"}}
	l.Source.CRS, l.Source.Notes = declaredCRS(&doc)
	var features []document
	switch doc.Type {
	case "FeatureCollection":
		features = make([]document, len(doc.Features))
		for i, raw := range doc.Features {
			if err := json.Unmarshal(raw, &features[i]); err != nil {
				return nil, fmt.Errorf("geojson: feature %d: %w", i+1, err)
			}
		}
	case "Feature":
		features = []document{doc}
	case "":
		return nil, errors.New(`geojson: not a GeoJSON document: no "type" member`)
	default:
		features = []document{{Type: "Feature", Geometry: data}}
	}
	props := make([][]property, len(features))
	var err error
	for i := range features {
		f := &features[i]
		if f.Type != "Feature" {
			return nil, fmt.Errorf("geojson: feature %d: type %q, not Feature", i+1, f.Type)
		}
		var feat format.Feature
		if feat.Geometry, err = geometry(f.Geometry); err != nil {
			return nil, fmt.Errorf("geojson: feature %d: geometry: %w", i+1, err)
		}
		if feat.Geometry == nil {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("feature %d has no geometry", i+1))
		}
		feat.ID = featureID(f.ID)
		if props[i], err = properties(f.Properties); err != nil {
			return nil, fmt.Errorf("geojson: feature %d: properties: %w", i+1, err)
		}
		l.Features = append(l.Features, feat)
	}
	l.Fields, l.Source.Notes = inferFields(props, l.Source.Notes)
	for i := range l.Features {
		l.Features[i].Values = values(l.Fields, props[i])
	}
	return l, nil
}

// geometry decodes a geometry member; null is no geometry.
func geometry(raw json.RawMessage) (orb.Geometry, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	g, err := ogeo.UnmarshalGeometry(raw)
	if err != nil {
		return nil, err
	}
	return g.Geometry(), nil
}

// featureID is a feature's id as text; RFC 7946 allows a string or a
// number.
func featureID(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	if n := bytes.TrimSpace(raw); len(n) > 0 && string(n) != "null" {
		return string(n)
	}
	return ""
}

// epsgName matches the spellings of an EPSG code in a crs member:
// urn:ogc:def:crs:EPSG::4549, urn:ogc:def:crs:EPSG:6.6:4549, EPSG:4549 and
// http://www.opengis.net/def/crs/EPSG/0/4549.
var epsgName = regexp.MustCompile(`(?i)^(?:urn:ogc:def:crs:EPSG:[0-9.]*:|EPSG:|https?://www\.opengis\.net/def/crs/EPSG/[0-9.]+/)([0-9]+)$`)

// declaredCRS is the CRS the legacy crs member names (GeoJSON 2008).
func declaredCRS(doc *document) (string, []string) {
	if doc.CRS == nil {
		return "", nil
	}
	name := doc.CRS.Properties.Name
	if doc.CRS.Type != "name" || name == "" {
		return "", []string{fmt.Sprintf("crs member of type %q ignored: only named CRSs are read", doc.CRS.Type)}
	}
	if m := epsgName.FindStringSubmatch(name); m != nil {
		if code, err := strconv.Atoi(m[1]); err == nil {
			return "EPSG:" + strconv.Itoa(code), []string{"CRS from the crs member " + name}
		}
	}
	return name, []string{"CRS from the crs member " + name}
}
