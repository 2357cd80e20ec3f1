package shp

import (
	"fmt"

	"github.com/community-atlas/atlas/geo/format"
)

// Read reads one Shapefile set, its files keyed by lower-case extension:
// ".shp" and ".dbf" are required; ".prj" gives Source.CRS verbatim and
// ".cpg" the text encoding; ".shx" is not needed. Errors name the files
// ".shp", ".dbf"; ReadNamed names them after the set.
func Read(files map[string][]byte) (*format.Layer, error) {
	return ReadNamed("", files)
}

// ReadNamed is Read of the set named base (towns for towns.shp, …): the
// layer and the files in errors and notes are named after it.
func ReadNamed(base string, files map[string][]byte) (*format.Layer, error) {
	for _, ext := range []string{".shp", ".dbf"} {
		if _, ok := files[ext]; !ok {
			return nil, errorf(base+ext, 0, "", "missing: a Shapefile needs its .shp and .dbf")
		}
	}
	shapes, err := readShapes(base+".shp", files[".shp"])
	if err != nil {
		return nil, err
	}
	t, err := readTable(base+".dbf", files[".dbf"])
	if err != nil {
		return nil, err
	}
	if len(t.records) != len(shapes) {
		return nil, errorf(base+".dbf", 0, "", "%d records but %s.shp has %d shapes", len(t.records), base, len(shapes))
	}
	cpg, hasCPG := files[".cpg"]
	codec, why := chooseCodec(cpg, hasCPG, t)
	l := &format.Layer{Name: base, Source: format.Source{Format: "shapefile", CRS: string(files[".prj"]),
		Encoding: codec.name, Notes: []string{why}}}
	cols, notes := layout(base+".dbf", t, codec)
	l.Source.Notes = append(l.Source.Notes, notes...)
	for _, c := range cols {
		l.Fields = append(l.Fields, c.field)
	}
	for i, r := range t.records {
		if r.deleted {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("record %d is marked deleted in %s.dbf; it and its shape are skipped", i+1, base))
			continue
		}
		f := format.Feature{Geometry: shapes[i].geom, Values: make([]any, len(cols))}
		if f.Geometry == nil {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("record %d has a null shape", i+1))
		}
		for j, c := range cols {
			if f.Values[j], err = c.value(r.fields[c.at], codec); err != nil {
				return nil, &Error{File: base + ".dbf", Record: i + 1, Field: c.field.Name, Reason: err.Error()}
			}
		}
		l.Features = append(l.Features, f)
	}
	return l, nil
}
