package table

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkt"
)

// Tables of places: a sheet whose rows are features, located by a column of
// WKT (or EWKT, "SRID=4549;POLYGON(…)") or by a pair of coordinate
// columns. Which column holds the geometry is found by content — the cells
// that parse as WKT, the numbers that fall in longitude and latitude
// ranges — and by title where content alone cannot tell x from y.

// CoordinateTitles are the folded titles (see NormHeader) of the x
// (longitude, easting) and y (latitude, northing) columns.
var CoordinateTitles = [2][]string{
	{"lon", "lng", "longitude", "经度", "x", "东经", "横坐标", "xzb", "e", "easting"},
	{"lat", "latitude", "纬度", "y", "北纬", "纵坐标", "yzb", "n", "northing"},
}

// wktTitles name a geometry column; they only break ties between columns
// whose cells parse as WKT equally well.
var wktTitles = []string{"wkt", "geometry", "geom", "shape", "几何", "坐标", "图形"}

// sniffRows is how many rows decide which column holds the geometry.
const sniffRows = 200

// ReadLayer reads the sheet named sheet of an XLSX workbook or CSV file
// (the first sheet holding a table when sheet is ""), one row a feature.
// The geometry columns are left out of the fields; every other column is a
// text field. A feature's ID is its row number in the sheet. A row whose
// geometry cannot be read is left out and returned among bad, each an
// *Error naming the sheet, row and column; errors about the whole file are
// *Error too. Source says what was found: the format, the encoding, the
// CRS an EWKT SRID declares, the geometry's column(s) and how they were
// chosen.
func ReadLayer(name string, data []byte, sheet string) (l *format.Layer, bad []*Error, err error) {
	book, err := Open(name, data)
	if err != nil {
		return nil, nil, err
	}
	defer book.Close()
	sh, notes, err := pickSheet(name, book, sheet)
	if err != nil {
		return nil, nil, err
	}
	var rows [][]string
	var lines []int
	err = sh.Each(func(row int, cells []string) error {
		rows = append(rows, append([]string(nil), cells...))
		lines = append(lines, row)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	loc, err := findLocator(sh.Header, rows)
	if err != nil {
		return nil, nil, &Error{File: name, Sheet: sh.label, Why: err.Error()}
	}
	l = &format.Layer{Name: sh.Name, Source: format.Source{Format: book.Format, Encoding: book.Encoding,
		Geometry: loc.name(sh.Header), Notes: append(notes, loc.how)}}
	for i, h := range sh.Header {
		if !loc.uses(i) {
			l.Fields = append(l.Fields, format.Field{Name: h, Type: format.String})
		}
	}
	srids := map[int]int{} // SRID → first row declaring it
	for i, cells := range rows {
		g, srid, why := loc.read(cells)
		if why == "" {
			why = sameSRID(srids, srid, lines[i])
		}
		if why != "" {
			bad = append(bad, &Error{File: name, Sheet: sh.label, Row: lines[i], Column: loc.name(sh.Header), Why: why})
			continue
		}
		l.Features = append(l.Features, format.Feature{ID: strconv.Itoa(lines[i]), Geometry: g, Values: loc.values(cells)})
	}
	for srid := range srids {
		l.Source.CRS = "EPSG:" + strconv.Itoa(srid)
	}
	return l, bad, nil
}

// sameSRID records an EWKT row's SRID and says what is wrong when it
// differs from an earlier row's: one layer has one CRS.
func sameSRID(seen map[int]int, srid, row int) string {
	if srid == 0 {
		return ""
	}
	for other, at := range seen {
		if other != srid {
			return fmt.Sprintf("SRID=%d, but row %d has SRID=%d: a layer has one coordinate system", srid, at, other)
		}
	}
	if _, ok := seen[srid]; !ok {
		seen[srid] = row
	}
	return ""
}

// pickSheet is the sheet named, or the first, with notes on those passed
// over.
func pickSheet(file string, book *Book, name string) (*Sheet, []string, error) {
	var notes, names []string
	for _, s := range book.Skipped {
		notes = append(notes, fmt.Sprintf("sheet %s skipped: %s", s.Sheet, s.Reason))
	}
	for _, s := range book.Sheets {
		names = append(names, s.Name)
		if name != "" && s.Name == name {
			return s, notes, nil
		}
	}
	switch {
	case len(book.Sheets) == 0:
		return nil, nil, errorf(file, "the file holds no table")
	case name != "" && book.Format == "xlsx":
		return nil, nil, errorf(file, "no sheet %q: the workbook holds %s", name, strings.Join(names, ", "))
	case len(book.Sheets) > 1:
		notes = append(notes, fmt.Sprintf("read sheet %s, the first of %s (choose with --layer)", names[0], strings.Join(names, ", ")))
	}
	return book.Sheets[0], notes, nil
}

// locator is where a table keeps its geometry: a WKT column, or x and y
// columns; -1 where unused.
type locator struct {
	wkt, x, y int
	how       string
}

func (c locator) uses(i int) bool { return i == c.wkt || i == c.x || i == c.y }

// name names the geometry's column(s) for problems: "WKT", "lon/lat".
func (c locator) name(header []string) string {
	if c.wkt >= 0 {
		return header[c.wkt]
	}
	return header[c.x] + "/" + header[c.y]
}

// values are a row's cells without the geometry's.
func (c locator) values(cells []string) []any {
	out := make([]any, 0, len(cells))
	for i, v := range cells {
		if !c.uses(i) {
			out = append(out, v)
		}
	}
	return out
}

// read reads a row's geometry and the SRID an EWKT cell gives (0 when
// none); why says what is wrong, "" when nothing is.
func (c locator) read(cells []string) (g orb.Geometry, srid int, why string) {
	if c.wkt >= 0 {
		return parseWKT(cells[c.wkt])
	}
	xs, ys := cells[c.x], cells[c.y]
	if xs == "" || ys == "" {
		return nil, 0, "no coordinates"
	}
	x, err1 := parseCoord(xs)
	y, err2 := parseCoord(ys)
	if err1 != nil || err2 != nil {
		return nil, 0, fmt.Sprintf("coordinates %q, %q are not numbers", xs, ys)
	}
	return orb.Point{x, y}, 0, ""
}

var ewkt = regexp.MustCompile(`^(?i)SRID=(\d{1,6});`)

// wktStart is how a WKT geometry begins.
var wktStart = regexp.MustCompile(`^(?i)(SRID=\d+;\s*)?(POINT|MULTIPOINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION)\b`)

// parseWKT reads WKT or EWKT. An empty geometry is no geometry: a place
// needs one.
func parseWKT(s string) (orb.Geometry, int, string) {
	if s == "" {
		return nil, 0, "no geometry"
	}
	srid := 0
	if m := ewkt.FindStringSubmatch(s); m != nil {
		srid, _ = strconv.Atoi(m[1])
		s = s[len(m[0]):]
	}
	g, err := wkt.Unmarshal(strings.TrimSpace(s))
	if err != nil {
		return nil, 0, fmt.Sprintf("%q is not WKT: %v", clip(s), err)
	}
	if empty(g) {
		return nil, 0, "the geometry is empty"
	}
	return g, srid, ""
}

// empty reports a geometry without a point, or with a coordinate that is
// not a finite number.
func empty(g orb.Geometry) bool {
	b := g.Bound()
	for _, v := range []float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return true
		}
	}
	switch v := g.(type) {
	case orb.Collection:
		return len(v) == 0
	case orb.MultiPolygon:
		return len(v) == 0
	case orb.Polygon:
		return len(v) == 0
	case orb.MultiPoint:
		return len(v) == 0
	case orb.LineString:
		return len(v) == 0
	case orb.MultiLineString:
		return len(v) == 0
	}
	return false
}

// clip shortens a cell for a message.
func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// parseCoord reads a coordinate as offices write it: a decimal number,
// with a full-width point or a trailing ° allowed.
func parseCoord(s string) (float64, error) {
	s = strings.TrimSuffix(strings.ReplaceAll(strings.TrimSpace(s), "．", "."), "°")
	v, err := strconv.ParseFloat(s, 64)
	if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
		return 0, fmt.Errorf("not a finite number")
	}
	return v, err
}
