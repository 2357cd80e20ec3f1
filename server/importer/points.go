package importer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/table"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// Point tables: a table whose rows are places, located by a pair of
// coordinate columns (经度/纬度, lon/lat, lng/lat, x/y) or by a WKT column.
// The coordinates are the file's own, in whatever CRS it is in: place
// converts them like any layer's, so GCJ-02 points copied from a web map
// land where they belong when the import says --crs gcj02.

// coordinateHeaders are the headers of the x (longitude, easting) and y
// (latitude, northing) columns, normalised (see normHeader).
var coordinateHeaders = [2][]string{
	{"lon", "lng", "longitude", "经度", "x", "东经", "横坐标", "xzb", "e", "easting"},
	{"lat", "latitude", "纬度", "y", "北纬", "纵坐标", "yzb", "n", "northing"},
}

// wktHeaders name a geometry column as WKT.
var wktHeaders = []string{"wkt", "geometry", "geom", "几何", "坐标"}

// pointLayer makes a layer of a table's rows: every column a text field,
// the geometry from the coordinate or WKT columns. line gives each row's
// line in the file, for problems.
func pointLayer(header []string, rows [][]string, line []int) (*format.Layer, []Problem, error) {
	l := &format.Layer{Source: format.Source{Format: "csv"}}
	for _, h := range header {
		l.Fields = append(l.Fields, format.Field{Name: strings.TrimSpace(h), Type: format.String})
	}
	xi, yi, wi := locatorColumns(l.Fields)
	if wi < 0 && (xi < 0 || yi < 0) {
		return nil, nil, fmt.Errorf("no coordinate columns: name them 经度/纬度, lon/lat or x/y, or give a WKT column (columns: %s)", fieldNames(l.Fields))
	}
	var probs []Problem
	for i, row := range rows {
		values := make([]any, len(l.Fields))
		for j := range values {
			if j < len(row) {
				values[j] = strings.TrimSpace(row[j])
			} else {
				values[j] = ""
			}
		}
		g, err := rowPoint(values, xi, yi, wi)
		if err != nil {
			probs = append(probs, Problem{Row: line[i], Field: locatorName(l.Fields), Message: err.Error()})
			continue
		}
		l.Features = append(l.Features, format.Feature{ID: strconv.Itoa(line[i]), Geometry: g, Values: values})
	}
	return l, probs, nil
}

// locatorColumns finds the x, y and WKT columns, -1 where absent.
func locatorColumns(fields []format.Field) (x, y, w int) {
	none := map[int]bool{}
	x = headerMatch(fields, coordinateHeaders[0], none)
	y = headerMatch(fields, coordinateHeaders[1], none)
	w = headerMatch(fields, wktHeaders, none)
	return x, y, w
}

// rowPoint reads one row's point.
func rowPoint(values []any, xi, yi, wi int) (orb.Geometry, error) {
	if wi >= 0 && values[wi] != "" {
		g, err := wkt.Unmarshal(values[wi].(string))
		if err != nil {
			return nil, fmt.Errorf("%q is not WKT: %v", values[wi], err)
		}
		return g, nil
	}
	if xi < 0 || yi < 0 {
		return nil, fmt.Errorf("no coordinates")
	}
	x, err1 := parseCoord(values[xi].(string))
	y, err2 := parseCoord(values[yi].(string))
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("coordinates %q, %q are not numbers", values[xi], values[yi])
	}
	return orb.Point{x, y}, nil
}

// parseCoord reads a coordinate as offices write it: a decimal number,
// with a full-width point or a trailing ° allowed.
func parseCoord(s string) (float64, error) {
	s = strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(s), "．", "."), "°")
	return strconv.ParseFloat(s, 64)
}

// locatorName names the coordinate columns for problems: "lon/lat", "经度/纬度", or the WKT column.
func locatorName(fields []format.Field) string {
	x, y, w := locatorColumns(fields)
	if x >= 0 && y >= 0 {
		return fields[x].Name + "/" + fields[y].Name
	}
	if w >= 0 {
		return fields[w].Name
	}
	return "coordinates"
}

// firstTable reads the first sheet holding a table of a workbook or CSV,
// whole (a facility list is small), noting in the report the format and
// the sheets passed over.
func firstTable(file string, data []byte, opts Options, rep *Report) (header []string, rows [][]string, lines []int, err error) {
	if IsZip(data) {
		if err := CheckZip(file, data, opts.maxBytes()); err != nil {
			return nil, nil, nil, err
		}
		rep.Format = "xlsx"
	}
	book, err := table.Open(file, data)
	if err != nil {
		return nil, nil, nil, err
	}
	defer book.Close()
	for _, s := range book.Skipped {
		rep.Notes = append(rep.Notes, fmt.Sprintf("sheet %s skipped: %s", s.Sheet, s.Reason))
	}
	if len(book.Sheets) == 0 {
		return nil, nil, nil, fmt.Errorf("the file holds no table")
	}
	sh := book.Sheets[0]
	if len(book.Sheets) > 1 {
		rep.Notes = append(rep.Notes, fmt.Sprintf("read sheet %s, the first of %d", sh.Name, len(book.Sheets)))
	}
	err = sh.Each(func(row int, cells []string) error {
		rows = append(rows, append([]string(nil), cells...))
		lines = append(lines, row)
		return nil
	})
	if err == nil && len(rows) == 0 {
		err = fmt.Errorf("the file has a header but no rows")
	}
	return sh.Header, rows, lines, err
}
