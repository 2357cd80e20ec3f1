package geojson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/geo/format"
)

// kind is what a property value is in the JSON text.
type kind int

const (
	null kind = iota
	text
	integer // a number literal without fraction or exponent that fits int64
	real
	boolean
	nested // an object or array, kept as its JSON text
)

// property is one member of a feature's properties.
type property struct {
	key  string
	kind kind
	text string // the string's value, or the literal of anything else
}

// properties reads a properties object keeping the members' order, which
// becomes the order of the fields.
func properties(raw json.RawMessage) ([]property, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not an object")
	}
	var out []property
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		out = append(out, classify(key, v))
	}
	return out, nil
}

func classify(key string, v json.RawMessage) property {
	p := property{key: key, text: string(v)}
	switch v[0] {
	case 'n':
		p.kind = null
	case 't', 'f':
		p.kind = boolean
	case '"':
		p.kind = text
		_ = json.Unmarshal(v, &p.text)
	case '{', '[':
		p.kind = nested
		var b bytes.Buffer
		if json.Compact(&b, v) == nil {
			p.text = b.String()
		}
	default:
		p.kind = real
		if !strings.ContainsAny(p.text, ".eE") {
			if _, err := strconv.ParseInt(p.text, 10, 64); err == nil {
				p.kind = integer
			}
		}
	}
	return p
}

// inferFields gives each property key seen a field: Boolean, Integer or
// Real when every non-null value is one, Real for a mix of integers and
// reals, else String, with a note for a key whose values mix text with
// other kinds or hold objects.
func inferFields(props [][]property, notes []string) ([]format.Field, []string) {
	var keys []string
	seen := map[string]map[kind]bool{}
	for _, ps := range props {
		for _, p := range ps {
			if seen[p.key] == nil {
				seen[p.key] = map[kind]bool{}
				keys = append(keys, p.key)
			}
			if p.kind != null {
				seen[p.key][p.kind] = true
			}
		}
	}
	fields := make([]format.Field, len(keys))
	for i, k := range keys {
		kinds := seen[k]
		fields[i] = format.Field{Name: k, Type: format.String}
		switch {
		case len(kinds) == 1 && kinds[boolean]:
			fields[i].Type = format.Boolean
		case len(kinds) == 1 && kinds[integer]:
			fields[i].Type = format.Integer
		case len(kinds) > 0 && !kinds[text] && !kinds[boolean] && !kinds[nested]:
			fields[i].Type = format.Real
		case kinds[nested]:
			notes = append(notes, fmt.Sprintf("property %s holds objects or arrays: read as JSON text", k))
		case len(kinds) > 1:
			notes = append(notes, fmt.Sprintf("property %s mixes text with numbers or booleans: read as text", k))
		}
	}
	return fields, notes
}

// values gives a feature's properties as the fields' values; a property
// the feature lacks is null.
func values(fields []format.Field, props []property) []any {
	byKey := make(map[string]property, len(props))
	for _, p := range props {
		byKey[p.key] = p
	}
	out := make([]any, len(fields))
	for i, f := range fields {
		p, ok := byKey[f.Name]
		if !ok || p.kind == null {
			continue
		}
		switch f.Type {
		case format.Boolean:
			out[i] = p.text == "true"
		case format.Integer:
			out[i], _ = strconv.ParseInt(p.text, 10, 64)
		case format.Real:
			out[i], _ = strconv.ParseFloat(p.text, 64)
		default:
			out[i] = p.text
		}
	}
	return out
}
