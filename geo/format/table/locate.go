package table

import (
	"fmt"
	"strings"
)

// findLocator finds where a table keeps its geometry, from the first
// sniffRows rows: the column whose cells best parse as WKT (its title
// breaking ties), else the x and y columns by title, else a pair of
// columns whose numbers are longitudes and latitudes in China.
func findLocator(header []string, rows [][]string) (locator, error) {
	sample := rows[:min(len(rows), sniffRows)]
	if c, ok := wktColumn(header, sample); ok {
		return c, nil
	}
	x := MatchHeader(header, CoordinateTitles[0], nil)
	y := MatchHeader(header, CoordinateTitles[1], func(i int) bool { return i == x })
	if x >= 0 && y >= 0 {
		return locator{wkt: -1, x: x, y: y, how: fmt.Sprintf("points from columns %s and %s, by their titles", header[x], header[y])}, nil
	}
	if x, y, ok := degreeColumns(sample, len(header)); ok {
		return locator{wkt: -1, x: x, y: y, how: fmt.Sprintf("points from columns %s and %s: their numbers are longitudes and latitudes", header[x], header[y])}, nil
	}
	return locator{}, fmt.Errorf("no geometry: no column holds WKT (POINT, POLYGON, MULTIPOLYGON …, or EWKT SRID=…;…) and no pair of columns holds coordinates (name them 经度/纬度, lon/lat or x/y); columns: %s",
		strings.Join(header, ", "))
}

// wktColumn is the column most of whose cells parse as WKT.
func wktColumn(header []string, rows [][]string) (locator, bool) {
	titles := map[string]bool{}
	for _, t := range wktTitles {
		titles[t] = true
	}
	best, bestScore, bestTitled := -1, 0.0, false
	for j := range header {
		n, ok := 0, 0
		for _, r := range rows {
			if r[j] == "" {
				continue
			}
			n++
			if wktStart.MatchString(r[j]) {
				if _, _, why := parseWKT(r[j]); why == "" {
					ok++
				}
			}
		}
		if ok == 0 {
			continue
		}
		score, titled := float64(ok)/float64(n), HeaderRank(header[j], titles) > 0
		if score > bestScore || (score == bestScore && titled && !bestTitled) {
			best, bestScore, bestTitled = j, score, titled
		}
	}
	if best < 0 || bestScore < 0.5 {
		return locator{}, false
	}
	return locator{wkt: best, x: -1, y: -1,
		how: fmt.Sprintf("geometry from column %s: %.0f%% of its cells are WKT", header[best], 100*bestScore)}, true
}

// degreeColumns finds a longitude column and a latitude column by their
// numbers: every cell a decimal number, inside China's longitudes (73–136)
// or latitudes (3–54) respectively.
func degreeColumns(rows [][]string, cols int) (x, y int, ok bool) {
	x, y = -1, -1
	for j := 0; j < cols; j++ {
		switch inRange(rows, j) {
		case 'x':
			if x < 0 {
				x = j
			}
		case 'y':
			if y < 0 {
				y = j
			}
		}
	}
	return x, y, x >= 0 && y >= 0
}

// inRange says whether column j holds longitudes ('x') or latitudes ('y')
// of China, or neither (0).
func inRange(rows [][]string, j int) byte {
	lon, lat, n := true, true, 0
	for _, r := range rows {
		if r[j] == "" {
			continue
		}
		v, err := parseCoord(r[j])
		if err != nil || !strings.Contains(r[j], ".") {
			return 0
		}
		n++
		lon = lon && v >= 73 && v <= 136
		lat = lat && v >= 3 && v <= 54
	}
	switch {
	case n == 0:
		return 0
	case lon:
		return 'x'
	case lat:
		return 'y'
	}
	return 0
}
