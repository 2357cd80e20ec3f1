package kml

import (
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// placemark is a KML Placemark: the children that matter here; any
// geometry element lands in Geometries.
type placemark struct {
	ID          string  `xml:"id,attr"`
	Name        string  `xml:"name"`
	Description string  `xml:"description"`
	Data        []datum `xml:"ExtendedData>Data"`
	SchemaData  []struct {
		SimpleData []struct {
			Name  string `xml:"name,attr"`
			Value string `xml:",chardata"`
		} `xml:"SimpleData"`
	} `xml:"ExtendedData>SchemaData"`
	Geometries []element `xml:",any"`
}

// datum is one ExtendedData value.
type datum struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value"`
}

// element is any child element, read as a geometry when it is one.
type element struct {
	XMLName     xml.Name
	Coordinates string    `xml:"coordinates"`
	Coords      []string  `xml:"coord"` // gx:Track's "lon lat alt"
	Outer       string    `xml:"outerBoundaryIs>LinearRing>coordinates"`
	Inner       []string  `xml:"innerBoundaryIs>LinearRing>coordinates"`
	Children    []element `xml:",any"`
}

func (r *reader) placemark(dec *xml.Decoder, start *xml.StartElement) error {
	n := len(r.marks) + 1
	var p placemark
	if err := dec.DecodeElement(&p, start); err != nil {
		line, _ := dec.InputPos()
		return fmt.Errorf("kml: placemark %d (line %d): %w", n, line, err)
	}
	m := mark{folder: strings.Join(r.folders, " / "), data: p.Data}
	m.feature.ID = p.ID
	for _, sd := range p.SchemaData {
		for _, d := range sd.SimpleData {
			m.data = append(m.data, datum{Name: d.Name, Value: d.Value})
		}
	}
	m.data = append([]datum{{"name", p.Name}, {"description", p.Description}}, m.data...)
	for _, e := range p.Geometries {
		g, err := geometry(e)
		if err != nil {
			return fmt.Errorf("kml: placemark %d (%s): %s: %w", n, strings.TrimSpace(p.Name), e.XMLName.Local, err)
		}
		if g != nil {
			m.feature.Geometry = g
			break
		}
	}
	r.marks = append(r.marks, m)
	return nil
}

// geometry converts a geometry element; nil for any other element.
func geometry(e element) (orb.Geometry, error) {
	switch e.XMLName.Local {
	case "Point":
		pts, err := coordinates(e.Coordinates)
		if err != nil {
			return nil, err
		}
		if len(pts) != 1 {
			return nil, fmt.Errorf("%d coordinates, not 1", len(pts))
		}
		return pts[0], nil
	case "LineString", "LinearRing":
		return line(e.Coordinates, 2)
	case "Track":
		return track(e.Coords)
	case "Polygon":
		return polygon(e)
	case "MultiGeometry", "MultiTrack":
		return multi(e.Children)
	}
	return nil, nil
}

// polygon is an outer boundary and its holes.
func polygon(e element) (orb.Polygon, error) {
	outer, err := line(e.Outer, 4)
	if err != nil {
		return nil, fmt.Errorf("outer boundary: %w", err)
	}
	p := orb.Polygon{orb.Ring(outer)}
	for i, in := range e.Inner {
		ring, err := line(in, 4)
		if err != nil {
			return nil, fmt.Errorf("inner boundary %d: %w", i+1, err)
		}
		p = append(p, orb.Ring(ring))
	}
	return p, nil
}

// multi is the parts of a MultiGeometry: a multipoint, multilinestring or
// multipolygon when they are all of one kind, else a collection.
func multi(children []element) (orb.Geometry, error) {
	var parts orb.Collection
	for _, c := range children {
		g, err := geometry(c)
		if err != nil {
			return nil, fmt.Errorf("part %d (%s): %w", len(parts)+1, c.XMLName.Local, err)
		}
		if g != nil {
			parts = append(parts, g)
		}
	}
	if len(parts) == 0 {
		return nil, errors.New("no parts")
	}
	return homogeneous(parts), nil
}

func homogeneous(parts orb.Collection) orb.Geometry {
	var pts orb.MultiPoint
	var lines orb.MultiLineString
	var polys orb.MultiPolygon
	for _, g := range parts {
		switch g := g.(type) {
		case orb.Point:
			pts = append(pts, g)
		case orb.LineString:
			lines = append(lines, g)
		case orb.Polygon:
			polys = append(polys, g)
		}
	}
	switch len(parts) {
	case len(pts):
		return pts
	case len(lines):
		return lines
	case len(polys):
		return polys
	}
	return parts
}

// tupleSpace is white space around the commas of a tuple, which some
// writers put and KML does not allow.
var tupleSpace = regexp.MustCompile(`\s*,\s*`)

// coordinates parses "lon,lat[,alt] lon,lat[,alt] …"; altitudes are
// dropped.
func coordinates(s string) ([]orb.Point, error) {
	var out []orb.Point
	for _, tuple := range strings.Fields(tupleSpace.ReplaceAllString(s, ",")) {
		parts := strings.Split(tuple, ",")
		if len(parts) < 2 || len(parts) > 3 {
			return nil, fmt.Errorf("coordinate %d %q is not lon,lat[,alt]", len(out)+1, tuple)
		}
		p, err := point(parts[0], parts[1])
		if err != nil {
			return nil, fmt.Errorf("coordinate %d %q: %w", len(out)+1, tuple, err)
		}
		out = append(out, p)
	}
	return out, nil
}

func point(lon, lat string) (orb.Point, error) {
	x, err1 := strconv.ParseFloat(lon, 64)
	y, err2 := strconv.ParseFloat(lat, 64)
	if err1 != nil || err2 != nil || x < -180 || x > 180 || y < -90 || y > 90 {
		return orb.Point{}, errors.New("not a longitude and latitude in degrees")
	}
	return orb.Point{x, y}, nil
}

// line parses coordinates that must number at least min.
func line(s string, min int) (orb.LineString, error) {
	pts, err := coordinates(s)
	if err != nil {
		return nil, err
	}
	if len(pts) < min {
		return nil, fmt.Errorf("%d coordinates, fewer than %d", len(pts), min)
	}
	return orb.LineString(pts), nil
}

// track is a gx:Track's points as a line.
func track(coords []string) (orb.LineString, error) {
	var out orb.LineString
	for i, c := range coords {
		f := strings.Fields(c)
		if len(f) < 2 {
			return nil, fmt.Errorf("coord %d %q is not lon lat [alt]", i+1, c)
		}
		p, err := point(f[0], f[1])
		if err != nil {
			return nil, fmt.Errorf("coord %d %q: %w", i+1, c, err)
		}
		out = append(out, p)
	}
	if len(out) < 2 {
		return nil, fmt.Errorf("%d coords, fewer than 2", len(out))
	}
	return out, nil
}
