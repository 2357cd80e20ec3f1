package wkbgeom

import (
	"errors"
	"math"
	"reflect"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/encoding/wkb"
)

func TestMultiPolygonRoundTrip(t *testing.T) {
	m := orb.MultiPolygon{
		{
			{{120.1, 32.1}, {120.2, 32.1}, {120.2, 32.2}, {120.1, 32.2}, {120.1, 32.1}},
			{{120.12, 32.12}, {120.12, 32.13}, {120.13, 32.13}, {120.12, 32.12}},
		},
		{{{121 + 1e-12, 31.9}, {121.1, 31.9}, {121.1, math.Nextafter(32, 33)}, {121 + 1e-12, 31.9}}},
	}
	b, err := MultiPolygon(m)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseMultiPolygon(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, m) {
		t.Fatalf("round trip: got %v, want %v", got, m)
	}
}

func TestEmptyMultiPolygonIsNull(t *testing.T) {
	for _, m := range []orb.MultiPolygon{nil, {}} {
		b, err := MultiPolygon(m)
		if err != nil || b != nil {
			t.Fatalf("MultiPolygon(%#v) = %v, %v; want nil, nil", m, b, err)
		}
	}
	got, err := ParseMultiPolygon(nil)
	if err != nil || got != nil {
		t.Fatalf("ParseMultiPolygon(nil) = %v, %v; want nil, nil", got, err)
	}
}

func TestPolygonReadsAsMultiPolygon(t *testing.T) {
	p := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}
	b, err := wkb.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseMultiPolygon(b)
	if err != nil {
		t.Fatal(err)
	}
	if want := (orb.MultiPolygon{p}); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestTypeMismatch(t *testing.T) {
	b, err := Point(orb.Point{1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseMultiPolygon(b); !errors.Is(err, ErrType) {
		t.Fatalf("point parsed as multipolygon: err %v, want ErrType", err)
	}
	mb, err := MultiPolygon(orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParsePoint(mb); !errors.Is(err, ErrType) {
		t.Fatalf("multipolygon parsed as point: err %v, want ErrType", err)
	}
}

func TestPointRoundTrip(t *testing.T) {
	p := orb.Point{120.86412345678901, 32.01000000000001}
	b, err := Point(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParsePoint(b)
	if err != nil {
		t.Fatal(err)
	}
	if got != p {
		t.Fatalf("round trip: got %v, want %v", got, p)
	}
}
