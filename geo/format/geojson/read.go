package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
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
// geometry as a layer (see ReadFrom).
func Read(data []byte) (*format.Layer, error) {
	return ReadFrom(bytes.NewReader(data))
}

// ReadFrom reads a GeoJSON FeatureCollection, a single Feature or a bare
// geometry as a layer. Fields are inferred from the properties of every
// feature, in the order they first appear; Source.CRS is the legacy crs
// member's name ("EPSG:n" for the EPSG URNs), "" without one (RFC 7946 then
// means WGS 84, which the caller checks against the numbers).
//
// A collection's features are decoded one at a time as they are read, so
// that a province's boundaries need memory for their geometries, not for
// the text they came in as well (twice over, when the whole document was
// unmarshalled first).
func ReadFrom(r io.Reader) (*format.Layer, error) {
	dec := json.NewDecoder(r)
	var doc document
	l := &format.Layer{Source: format.Source{Format: "geojson"}}
	var props [][]property
	add := func(f *document) error {
		n := len(l.Features) + 1
		if f.Type != "Feature" {
			return fmt.Errorf("geojson: feature %d: type %q, not Feature", n, f.Type)
		}
		feat, p, err := feature(f)
		if err != nil {
			return fmt.Errorf("geojson: feature %d: %w", n, err)
		}
		if feat.Geometry == nil {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("feature %d has no geometry", n))
		}
		l.Features, props = append(l.Features, feat), append(props, p)
		return nil
	}
	rest, err := members(dec, &doc, add)
	var fe *featureError
	if errors.As(err, &fe) {
		return nil, fe.error
	}
	if err != nil {
		return nil, fmt.Errorf("geojson: not a GeoJSON document: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("geojson: not a GeoJSON document: data after the top-level object")
	}
	notes := l.Source.Notes
	l.Name = doc.Name
	l.Source.CRS, l.Source.Notes = declaredCRS(&doc)
	l.Source.Notes = append(l.Source.Notes, notes...)
	switch doc.Type {
	case "FeatureCollection":
	case "Feature":
		if err := add(&doc); err != nil {
			return nil, err
		}
	case "":
		return nil, errors.New(`geojson: not a GeoJSON document: no "type" member`)
	default:
		if err := add(&document{Type: "Feature", Geometry: rest}); err != nil {
			return nil, err
		}
	}
	l.Fields, l.Source.Notes = inferFields(props, l.Source.Notes)
	for i := range l.Features {
		l.Features[i].Values = values(l.Fields, props[i])
	}
	return l, nil
}

// members reads the top-level object member by member into doc, passing
// each element of a "features" array to add as it is decoded. rest is the
// object re-encoded without its features, for a bare geometry.
func members(dec *json.Decoder, doc *document, add func(*document) error) (json.RawMessage, error) {
	if t, err := dec.Token(); err != nil {
		return nil, err
	} else if t != json.Delim('{') {
		return nil, fmt.Errorf("the top level is %v, not an object", t)
	}
	other := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		if key == "features" {
			if err := eachFeature(dec, add); err != nil {
				return nil, err
			}
			continue
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		other[key] = raw
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	rest, err := json.Marshal(other)
	if err != nil {
		return nil, err
	}
	return rest, json.Unmarshal(rest, doc)
}

// eachFeature decodes a features array one feature at a time.
func eachFeature(dec *json.Decoder, add func(*document) error) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	if t != json.Delim('[') {
		return fmt.Errorf("features is %v, not an array", t)
	}
	for n := 1; dec.More(); n++ {
		var f document
		if err := dec.Decode(&f); err != nil {
			return &featureError{fmt.Errorf("geojson: feature %d: %w", n, err)}
		}
		if err := add(&f); err != nil {
			return &featureError{err}
		}
	}
	_, err = dec.Token()
	return err
}

// featureError is a feature's own problem, which names the feature: it
// passes through members as it is.
type featureError struct{ error }

// feature converts a decoded feature.
func feature(f *document) (format.Feature, []property, error) {
	var feat format.Feature
	var err error
	if feat.Geometry, err = geometry(f.Geometry); err != nil {
		return feat, nil, fmt.Errorf("geometry: %w", err)
	}
	feat.ID = featureID(f.ID)
	p, err := properties(f.Properties)
	if err != nil {
		return feat, nil, fmt.Errorf("properties: %w", err)
	}
	return feat, p, nil
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
	// Decoding grows each ring by doubling; a copy of exactly the size
	// keeps a large file's geometries in up to half the memory.
	return orb.Clone(g.Geometry()), nil
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
