package importer

import (
	"fmt"
	"math"
	"strconv"

	"github.com/paulmach/orb/geojson"
)

// readFeatures parses a GeoJSON FeatureCollection.
func readFeatures(data []byte) (*geojson.FeatureCollection, error) {
	text, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	fc, err := geojson.UnmarshalFeatureCollection(text)
	if err != nil {
		return nil, fmt.Errorf("not a GeoJSON FeatureCollection: %w", err)
	}
	if len(fc.Features) == 0 {
		return nil, fmt.Errorf("the FeatureCollection has no features")
	}
	return fc, nil
}

// props reads typed values from a feature's properties.
type props geojson.Properties

// str returns a string property; whole numbers are accepted too, since codes
// often arrive as JSON numbers.
func (p props) str(key string) (string, error) {
	switch v := p[key].(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1e15 {
			return strconv.FormatInt(int64(v), 10), nil
		}
	}
	return "", fmt.Errorf("%s is %v, not text", key, p[key])
}

// count returns a non-negative whole-number property, 0 when absent.
func (p props) count(key string) (int64, error) {
	switch v := p[key].(type) {
	case nil:
		return 0, nil
	case float64:
		if v >= 0 && v == math.Trunc(v) && v < 1e12 {
			return int64(v), nil
		}
	case string:
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 && n < 1e12 {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s is %v, not a whole number ≥ 0", key, p[key])
}

// flag returns a boolean property, false when absent.
func (p props) flag(key string) (bool, error) {
	switch v := p[key].(type) {
	case nil:
		return false, nil
	case bool:
		return v, nil
	}
	return false, fmt.Errorf("%s is %v, not true or false", key, p[key])
}
