package kml

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
)

// finish gives the layer its fields — name, description, the folder path
// when there are folders, then each ExtendedData name in the order first
// seen — and each feature its values. ExtendedData values are text in
// KML; a name whose values are all numbers becomes an Integer or Real
// field.
func (r *reader) finish() {
	l := r.layer
	var names []string
	index := map[string]int{}
	hasFolder := false
	for _, m := range r.marks {
		hasFolder = hasFolder || m.folder != ""
		for _, d := range m.data {
			if _, ok := index[d.Name]; !ok {
				index[d.Name] = len(names)
				names = append(names, d.Name)
			}
		}
	}
	if hasFolder {
		folder := "folder"
		if _, taken := index[folder]; taken {
			folder = "folder_path"
		}
		names = append(names, folder)
	}
	values := make([][]string, len(r.marks))
	for i, m := range r.marks {
		values[i] = make([]string, len(names))
		for _, d := range m.data {
			// A later value of the same name wins, as in an object.
			values[i][index[d.Name]] = strings.TrimSpace(d.Value)
		}
		if hasFolder {
			values[i][len(names)-1] = m.folder
		}
	}
	for j, name := range names {
		typ := columnType(values, j)
		if j < 2 || hasFolder && j == len(names)-1 {
			typ = format.String
		}
		l.Fields = append(l.Fields, format.Field{Name: name, Type: typ})
	}
	for i, m := range r.marks {
		f := m.feature
		if f.Geometry == nil {
			l.Source.Notes = append(l.Source.Notes, fmt.Sprintf("placemark %d (%s) has no geometry", i+1, values[i][0]))
		}
		f.Values = make([]any, len(names))
		for j, v := range values[i] {
			f.Values[j] = typed(v, l.Fields[j].Type)
		}
		l.Features = append(l.Features, f)
	}
}

// columnType is Integer when every non-empty value of column j is an
// integer, Real when every one is a number, else String.
func columnType(values [][]string, j int) format.Type {
	typ, any := format.Integer, false
	for _, row := range values {
		v := row[j]
		if v == "" {
			continue
		}
		any = true
		if len(v) > 1 && v[0] == '0' && v[1] != '.' {
			return format.String // a code such as 007 keeps its zeros
		}
		if _, err := strconv.ParseInt(v, 10, 64); err == nil {
			continue
		}
		if x, err := strconv.ParseFloat(v, 64); err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return format.String
		}
		typ = format.Real
	}
	if !any {
		return format.String
	}
	return typ
}

// typed is v as a value of type typ; empty is null.
func typed(v string, typ format.Type) any {
	if v == "" {
		return nil
	}
	switch typ {
	case format.Integer:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	case format.Real:
		x, _ := strconv.ParseFloat(v, 64)
		return x
	}
	return v
}
