package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// OSM is the import kind of OpenStreetMap extracts (road networks).
const OSM = "osm"

// DefaultMargin is how far, in metres, beyond the envelope of the known
// regions an extract's roads are kept. A 15-minute walk (1 km at the
// default pace) or ride crosses region boundaries: a resident near the
// edge reaches a clinic, or walks a street, just outside. 2 km keeps those
// roads for walking and most cycling, while a province extract around a
// city shrinks to the city.
const DefaultMargin = 2000.0

// osmSuffixes are stripped from a file name to name its network.
var osmSuffixes = []string{".osm.pbf", ".osm.bz2", ".osm.gz", ".osm", ".pbf"}

// NetworkName is the name an extract's network is stored under: the file's
// base name without its OSM extension ("delaware-latest.osm.pbf" →
// "delaware-latest"). Importing a file of the same name again replaces the
// network.
func NetworkName(file string) string {
	name := filepath.Base(file)
	lower := strings.ToLower(name)
	for _, s := range osmSuffixes {
		if strings.HasSuffix(lower, s) && len(name) > len(s) {
			return name[:len(name)-len(s)]
		}
	}
	return name
}

// ClipReport says where an extract's network was clipped to and what that
// kept: road segments (pieces between junctions) and their length.
type ClipReport struct {
	// Area is "regions" (the envelope of the known regions widened by
	// MarginM), "China" (no region is known yet), or "none" (not clipped).
	Area      string      `json:"area"`
	MarginM   float64     `json:"margin_m,omitempty"`
	Bound     *[4]float64 `json:"bbox,omitempty"` // lon/lat min, max of the area
	Kept      int         `json:"segments_kept"`
	Dropped   int         `json:"segments_dropped"`
	KeptKM    float64     `json:"length_km_kept"`
	DroppedKM float64     `json:"length_km_dropped"`
}

// ReadOSM reads an OpenStreetMap extract of size bytes from r — PBF, or
// XML plain or compressed with bzip2 or gzip, told apart by content and
// then by file name — into a changeset holding its road network
// (geo/network), streamed in two passes. Roads that do not come within
// opts.Margin of the known regions' envelope (China's, while none is
// known) are dropped unless opts.NoClip. A file that is not an extract,
// cannot be parsed, or has no road any mode may use inside that area is
// rejected.
func ReadOSM(ctx context.Context, file string, r io.ReaderAt, size int64, idx Index, opts Options) (*store.Changeset, *Report, error) {
	clip, rep := clipArea(idx, opts)
	n, clipped, err := network.ReadFrom(ctx, NetworkName(file), file, r, size, network.Options{Clip: clip})
	if err != nil {
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, &Error{File: file, Problems: []Problem{osmProblem(err, clipped, rep)}}
	}
	rep.Kept, rep.Dropped = clipped.Kept, clipped.Dropped
	rep.KeptKM, rep.DroppedKM = round3(clipped.KeptKM), round3(clipped.DroppedKM)
	report := &Report{File: file, Format: clipped.Format.String(), Rows: clipped.Kept + clipped.Dropped, Clip: rep}
	return &store.Changeset{Kind: OSM, Source: file, Networks: []*network.Network{n}}, report, nil
}

func osmProblem(err error, clipped network.Stats, rep *ClipReport) Problem {
	p := Problem{Field: "file", Message: err.Error()}
	switch {
	case errors.Is(err, network.ErrFormat):
		p.Message = fmt.Sprintf("%v: the content is neither OSM XML nor PBF and the name has no OSM extension", err)
	case errors.Is(err, network.ErrNoRoads):
		p.Message = fmt.Sprintf("%v: the extract has no road to build a network from", err)
	case errors.Is(err, network.ErrClippedAway):
		e := clipped.Extent
		p.Message = fmt.Sprintf("none of the extract's %d road segments (lon %.3f … %.3f, lat %.3f … %.3f) comes within %s: "+
			"is it an extract of another place? (--clip=false, API clip=false, keeps the whole network)",
			clipped.Dropped, e.Min[0], e.Max[0], e.Min[1], e.Max[1], rep.describe())
	}
	return p
}

func (c *ClipReport) describe() string {
	b := *c.Bound
	if c.Area == "China" {
		return fmt.Sprintf("China (lon %.1f … %.1f, lat %.1f … %.1f), the area of a first import", b[0], b[2], b[1], b[3])
	}
	return fmt.Sprintf("%.0f m of the atlas's regions (lon %.3f … %.3f, lat %.3f … %.3f with the margin)", c.MarginM, b[0], b[2], b[1], b[3])
}

// clipArea is the box an extract's roads must meet: the known regions'
// envelope widened by the margin, or China while no region is known; nil
// when the caller keeps everything.
func clipArea(idx Index, opts Options) (*orb.Bound, *ClipReport) {
	if opts.NoClip {
		return nil, &ClipReport{Area: "none"}
	}
	known := idx.Bound()
	if known.IsEmpty() || known.Min == known.Max {
		box := china
		return &box, &ClipReport{Area: "China", Bound: bbox(box)}
	}
	m := opts.margin()
	box := widen(known, m)
	return &box, &ClipReport{Area: "regions", MarginM: m, Bound: bbox(box)}
}

// widen grows b by at least m metres on every side: a degree of latitude
// is at least 110,574 m, and a degree of longitude is narrowest at the
// latitude farthest from the equator.
func widen(b orb.Bound, m float64) orb.Bound {
	const minLatDegree = 110574.0
	dLat := m / minLatDegree
	farthest := math.Min(90, math.Max(math.Abs(b.Min[1]), math.Abs(b.Max[1]))+dLat)
	dLon := 180.0
	if c := math.Cos(farthest * math.Pi / 180); c > 1e-9 {
		dLon = math.Min(180, m/(minLatDegree*c))
	}
	return orb.Bound{Min: orb.Point{b.Min[0] - dLon, b.Min[1] - dLat}, Max: orb.Point{b.Max[0] + dLon, b.Max[1] + dLat}}
}

func bbox(b orb.Bound) *[4]float64 { return &[4]float64{b.Min[0], b.Min[1], b.Max[0], b.Max[1]} }

func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
