package format

import (
	"bytes"
	"encoding/json"
)

// MarshalJSON encodes v as the writers of JSON formats want it: without
// HTML escaping, so Chinese names and "<" stay readable, and without the
// encoder's trailing newline. NaN and infinities are an error.
func MarshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
