package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/community-atlas/atlas/geo/format"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/server/store"
)

// insideTolerance is the share of a region's area that may lie outside its
// parent: boundaries from different surveys never match exactly.
const insideTolerance = 0.01

// ReadBoundaries reads a boundary file with the default options (see
// ReadBoundariesWith).
func ReadBoundaries(file string, data []byte, idx Index) (*store.Changeset, error) {
	cs, _, err := ReadBoundariesWith(context.Background(), file, data, idx, Options{})
	return cs, err
}

// ReadBoundariesWith reads a file of regions in any geometry format
// (Shapefile, GeoPackage, GeoJSON, KML, or a CSV or XLSX table with a
// WKT column; see readLayer) and coordinate
// system (see place), one feature a region. The columns are found by
// header and content (see findColumns): a code (whose length gives the
// level and whose prefix the parent, unless columns say), a name, and
// optionally population, households, the urban/rural kind. A region the
// atlas holds keeps what the file does not say; one without a code is
// matched by name where its label point lies. Each region must lie inside
// its parent within 1% of its area. The report says what was understood.
func ReadBoundariesWith(ctx context.Context, file string, data []byte, idx Index, opts Options) (*store.Changeset, *Report, error) {
	l, rep, err := openLayer(ctx, file, data, idx, opts)
	if err != nil {
		return nil, rep, err
	}
	return boundariesOf(file, l, rep, idx, opts)
}

// ReadGeoJSONBoundaries reads a GeoJSON boundary file from r as
// ReadBoundariesWith reads one whole, decoding a feature at a time, so
// that the file's text is never held: a province's boundaries take the
// memory of their geometries. The text must be UTF-8, as RFC 7946 says;
// ErrNotUTF8 says it is not (read it whole then: it may be GBK).
func ReadGeoJSONBoundaries(file string, r io.Reader, idx Index, opts Options) (*store.Changeset, *Report, error) {
	rep := &Report{File: file, Format: FormatGeoJSON}
	l, err := geojson.ReadFrom(utf8Only(r))
	if errors.Is(err, ErrNotUTF8) {
		return nil, rep, ErrNotUTF8
	}
	if l, err = placeLayer(file, l, err, rep, idx, opts); err != nil {
		return nil, rep, err
	}
	return boundariesOf(file, l, rep, idx, opts)
}

// boundariesOf reads the regions of a layer placed in lon/lat.
func boundariesOf(file string, l *format.Layer, rep *Report, idx Index, opts Options) (*store.Changeset, *Report, error) {
	m, err := findColumns(l, opts.Map, func(code string) bool { _, ok := idx.Region(code); return ok })
	if err != nil {
		return nil, rep, fileError(file, err)
	}
	rep.Columns = m.describe(l.Fields)
	if m.column(roleCode) < 0 && m.column(roleName) < 0 {
		return nil, rep, fileError(file, fmt.Errorf("no column holds region codes or names (columns: %s); name them with --map code=…,name=…", fieldNames(l.Fields)))
	}
	cs, err := regionsOf(file, l, m, idx, rep.placeProblems)
	if err != nil {
		return nil, rep, tableRows(l, err)
	}
	rep.Rows = len(l.Features)
	rep.Regions = regionChanges(cs.Regions, idx)
	return cs, rep, nil
}

// regionsOf builds the changeset of a layer's regions, collecting every
// problem.
// pre are the problems placing the features found; those features are
// passed over.
func regionsOf(file string, l *format.Layer, m mapping, idx Index, pre []Problem) (*store.Changeset, error) {
	var c collector
	skip := addPre(&c, pre)
	cs := &store.Changeset{Kind: Boundaries, Source: file}
	rr := regionRow{l: l, m: m, idx: idx}
	pending := make(map[string]int, len(l.Features)) // code → index in cs.Regions
	feature := make([]int, 0, len(l.Features))       // feature number of each region
	for i := range l.Features {
		if skip[i+1] {
			continue
		}
		r, p := rr.region(i)
		// The region holds its own copy of the boundary: dropping the
		// file's keeps one copy of a province in memory, not two.
		l.Features[i].Geometry = nil
		if p == nil {
			if j, dup := pending[r.Code]; dup {
				p = &Problem{Feature: i + 1, Code: r.Code, Field: rr.header(roleCode), Message: "duplicate of " + featureName(l, feature[j]-1)}
			}
		}
		if p != nil {
			if c.add(*p); c.full() {
				break
			}
			continue
		}
		pending[r.Code] = len(cs.Regions)
		cs.Regions = append(cs.Regions, r)
		feature = append(feature, i+1)
	}
	if len(c.err.Problems) == 0 {
		checkHierarchy(cs.Regions, feature, pending, idx, &c)
	}
	if err := c.result(file); err != nil {
		return nil, err
	}
	return cs, nil
}

// openLayer reads a geometry file and places it in lon/lat, reporting how.
func openLayer(ctx context.Context, file string, data []byte, idx Index, opts Options) (*format.Layer, *Report, error) {
	rep := &Report{File: file, Format: sniffGeo(file, data)}
	l, bad, err := readLayer(ctx, file, data, rep.Format, opts)
	l, err = placeLayer(file, l, err, rep, idx, opts)
	rep.placeProblems = append(bad, rep.placeProblems...)
	return l, rep, err
}

// placeLayer reports what was read (l, or the error reading it) and places
// the layer in lon/lat.
func placeLayer(file string, l *format.Layer, err error, rep *Report, idx Index, opts Options) (*format.Layer, error) {
	if err != nil {
		return nil, fileError(file, err)
	}
	rep.Layer, rep.Encoding, rep.Notes = l.Name, l.Source.Encoding, l.Source.Notes
	if l.Source.Format != "" {
		rep.Format = l.Source.Format
	}
	if len(l.Features) == 0 {
		return nil, fileError(file, fmt.Errorf("the file holds no features"))
	}
	crs, probs, err := place(l, opts, extentOf(idx.Bound()))
	rep.CRS, rep.placeProblems = &crs, probs
	if err != nil {
		return nil, fileError(file, err)
	}
	return l, nil
}

// fileError is a problem with a whole file, as an Error; an Error passes
// through.
func fileError(file string, err error) error {
	var ie *Error
	if errors.As(err, &ie) {
		return err
	}
	return &Error{File: file, Problems: []Problem{{Message: err.Error()}}}
}

func checkCode(code string, level analytics.Level) error {
	for _, ch := range code {
		if ch < '0' || ch > '9' {
			return fmt.Errorf("code %q is not a statistical division code (digits only)", code)
		}
	}
	if n := level.CodeLength(); len(code) != n {
		return fmt.Errorf("code %q has %d digits; a %s code has %d", code, len(code), level, n)
	}
	return nil
}

// checkHierarchy checks each region's parent: known, at a higher level, a
// prefix of the code, and covering the region.
func checkHierarchy(regions []analytics.Region, feature []int, pending map[string]int, idx Index, c *collector) {
	covers := coverCache{}
	for i := range regions {
		r := &regions[i]
		if err := checkParent(r, regions, pending, idx, covers); err != nil {
			if c.add(Problem{Feature: feature[i], Code: r.Code, Field: "parent", Message: err.Error()}); c.full() {
				return
			}
		}
	}
}

func checkParent(r *analytics.Region, regions []analytics.Region, pending map[string]int, idx Index, covers coverCache) error {
	parent, err := resolveParent(r, regions, pending, idx)
	if parent == nil || err != nil {
		return err
	}
	if parent.Level.Depth() >= r.Level.Depth() {
		return fmt.Errorf("parent %s is a %s; a %s's parent must be at a higher level", parent.Code, parent.Level, r.Level)
	}
	if !strings.HasPrefix(r.Code, parent.Code) {
		return fmt.Errorf("code %s does not start with its parent's code %s", r.Code, parent.Code)
	}
	return checkInside(r, parent, covers)
}

// resolveParent finds r's parent, in the file or stored. A parent inferred
// from the code that is neither gives way to the nearest ancestor code that
// is, so that a skipped level (Dongguan's towns under the city, a
// province-administered county-level city) needs nothing said. A province,
// or a city with no province above it, is a root: r.Parent becomes empty
// and the parent nil.
func resolveParent(r *analytics.Region, regions []analytics.Region, pending map[string]int, idx Index) (*analytics.Region, error) {
	find := func(code string) *analytics.Region {
		if j, ok := pending[code]; ok {
			return &regions[j]
		}
		if p, ok := idx.Region(code); ok {
			return p
		}
		return nil
	}
	if r.Parent != "" {
		if p := find(r.Parent); p != nil {
			return p, nil
		}
	}
	if r.Parent != "" && r.Parent != parentOfCode(r.Code) {
		return nil, fmt.Errorf("parent %q is neither in this file nor already known", r.Parent)
	}
	for _, code := range analytics.AncestorCodes(r.Code) {
		if p := find(code); p != nil {
			r.Parent = code
			return p, nil
		}
	}
	if r.Level.Depth() <= analytics.City.Depth() {
		r.Parent = ""
		return nil, nil
	}
	if r.Parent == "" {
		return nil, fmt.Errorf("a %s needs a parent, and none of the codes its code starts with is in this file or known", r.Level)
	}
	return nil, fmt.Errorf("parent %q is neither in this file nor already known", r.Parent)
}

// coverCache holds the prepared parents of the regions checked lately. A
// file lists a parent's children together as a rule, so a few are enough,
// and holding every parent of a province would double its memory.
type coverCache map[string]*geo.Cover

const coverCacheSize = 32

func (cc coverCache) of(parent *analytics.Region) *geo.Cover {
	if c, ok := cc[parent.Code]; ok {
		return c
	}
	if len(cc) >= coverCacheSize {
		clear(cc)
	}
	c := geo.NewCover(parent.Geometry)
	cc[parent.Code] = c
	return c
}

// checkInside requires all but insideTolerance of the region's area to lie
// inside its parent. A region the parent's Cover shows inside needs no
// overlay; the others are measured.
func checkInside(r, parent *analytics.Region, covers coverCache) error {
	if !parent.Geometry.Bound().Intersects(r.Geometry.Bound()) {
		return fmt.Errorf("the region lies entirely outside its parent %s %s", parent.Code, parent.Name)
	}
	if covers.of(parent).Covers(r.Geometry) {
		return nil
	}
	inter, err := geo.Intersection(r.Geometry, parent.Geometry)
	if err != nil {
		return fmt.Errorf("cannot intersect with parent %s: %w", parent.Code, err)
	}
	area := r.AreaKM2 * 1e6
	if outside := area - geo.Area(inter); outside > insideTolerance*area {
		return fmt.Errorf("%.1f%% of the region (%.3f km²) lies outside its parent %s %s; at most %.0f%% may",
			100*outside/area, outside/1e6, parent.Code, parent.Name, 100*insideTolerance)
	}
	return nil
}

// addPre adds problems found before the rows were read, and returns the
// feature numbers they concern.
func addPre(c *collector, pre []Problem) map[int]bool {
	skip := map[int]bool{}
	for _, p := range pre {
		c.add(p)
		skip[p.Feature] = true
	}
	return skip
}
