package importer

import (
	"fmt"
	"strings"

	"github.com/community-atlas/atlas/server/msg"
)

// Options are what a caller may say about a file beyond its bytes: the
// command line's flags and the API's form fields of the same names.
type Options struct {
	// CRS overrides the coordinate system the file declares (EPSG:4549,
	// gcj02, bd09, or WKT); needed for a projected file that declares none.
	CRS string
	// TOWGS84 makes a Xi'an 1980 or Beijing 1954 file usable: seven
	// Helmert parameters dx,dy,dz,rx,ry,rz,s to WGS 84.
	TOWGS84 string
	// Layer picks a layer of a GeoPackage (or a set of a zipped
	// Shapefile); the only or first one when empty.
	Layer string
	// Map overrides the column found for a role: code=行政代码,name=名称.
	Map map[string]string
	// Period gives observations their year when no column or sheet does.
	Period int
	// Replace makes a boundary import drop the regions the file does not
	// hold under the file's parents (see PlanReplace).
	Replace bool
	// DryRun reports what would change and writes nothing.
	DryRun bool
	// Margin is how far, in metres, beyond the known regions an OSM
	// extract's roads are kept, up to MaxMargin (see CheckMargin); 0
	// means DefaultMargin.
	Margin float64
	// NoClip keeps an OSM extract's whole network, wherever it lies.
	NoClip bool
	// MaxBytes bounds what a zipped file may inflate to (the upload limit);
	// 0 means defaultMaxBytes.
	MaxBytes int64
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return defaultMaxBytes
}

// MaxMargin is the widest clip margin, in metres: a neighbouring county,
// beyond which a network is better imported whole (NoClip).
const MaxMargin = 100000.0

// CheckMargin checks a clip margin given in metres.
func CheckMargin(m float64) error {
	if !(m >= 1 && m <= MaxMargin) {
		return fmt.Errorf("%g is not a margin in metres from 1 to %.0f", m, MaxMargin)
	}
	return nil
}

func (o Options) margin() float64 {
	if o.Margin > 0 {
		return o.Margin
	}
	return DefaultMargin
}

// ParseMap reads column overrides "role=column,role=column" (code, name,
// level, parent, kind, population, households; for targets also indicator,
// period, urban, rural, target).
func ParseMap(s string) (map[string]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	m := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		r, col, ok := strings.Cut(part, "=")
		r, col = strings.TrimSpace(r), strings.TrimSpace(col)
		if !ok || col == "" {
			return nil, msg.Errorf("%q is not role=column", part)
		}
		_, known := headerNames[role(r)]
		if _, target := targetHeaders[r]; !known && !target {
			return nil, msg.Errorf("%q is not a role (code, name, level, parent, kind, population, households; for targets indicator, period, urban, rural, target)", r)
		}
		m[r] = col
	}
	return m, nil
}
