package network

import (
	"bytes"
	"compress/bzip2"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/paulmach/osm"
	"github.com/paulmach/osm/osmpbf"
	"github.com/paulmach/osm/osmxml"
)

// Format is the encoding of an OSM extract.
type Format int

// The formats Read accepts.
const (
	PBF Format = iota + 1
	XML
	XMLBzip2
	XMLGzip
)

func (f Format) String() string {
	switch f {
	case PBF:
		return "osm.pbf"
	case XML:
		return "osm"
	case XMLBzip2:
		return "osm.bz2"
	case XMLGzip:
		return "osm.gz"
	}
	return "unknown"
}

// ErrFormat is returned for data that is not an OSM extract in a format
// Read knows.
var ErrFormat = errors.New("not an OSM extract (.osm, .osm.bz2, .osm.gz or .osm.pbf)")

// DetectFormat tells the format of an extract from its first bytes: the
// bzip2 and gzip magic numbers, an XML document, or a PBF file's first
// BlobHeader (a 4-byte length and the type "OSMHeader"). Where the content
// does not tell, the file name's extension does.
func DetectFormat(name string, head []byte) (Format, error) {
	switch {
	case bytes.HasPrefix(head, []byte("BZh")):
		return XMLBzip2, nil
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return XMLGzip, nil
	case len(head) > 8 && bytes.Contains(head[4:min(len(head), 32)], []byte("OSMHeader")):
		return PBF, nil
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("<?xml")) || bytes.HasPrefix(trimmed, []byte("<osm")) {
		return XML, nil
	}
	name = strings.ToLower(name)
	for _, f := range []Format{PBF, XMLBzip2, XMLGzip, XML} {
		if strings.HasSuffix(name, "."+f.String()) {
			return f, nil
		}
	}
	return 0, ErrFormat
}

// scanner opens an osm.Scanner on data in format f.
func scanner(ctx context.Context, f Format, data []byte) (osm.Scanner, error) {
	r := io.Reader(bytes.NewReader(data))
	switch f {
	case PBF:
		return osmpbf.New(ctx, r, 2), nil
	case XMLBzip2:
		r = bzip2.NewReader(r)
	case XMLGzip:
		gz, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip: %w", err)
		}
		r = gz
	case XML:
	default:
		return nil, ErrFormat
	}
	return osmxml.New(ctx, r), nil
}

// extract is what an OSM file holds that a network needs, read in one pass
// (ways may come before the nodes they use): every node's position, the
// highway ways with what they allow, and the homes.
type extract struct {
	nodeID            []int64
	nodeLon, nodeLat  []int32 // 1e-7 degrees, OSM's own precision
	wayStart          []int   // way i's nodes are refs[wayStart[i]:wayStart[i+1]]
	refs              []int64
	acc               []wayAccess
	homeStart         []int // home way i's nodes are homeRefs[homeStart[i]:homeStart[i+1]]
	homeRefs          []int64
	homeLon, homeLat  []float64 // home nodes
	ways, highwayWays int
	unsortedNodes     bool
	lastNode          int64
}

func readExtract(ctx context.Context, f Format, data []byte) (*extract, error) {
	sc, err := scanner(ctx, f, data)
	if err != nil {
		return nil, err
	}
	defer sc.Close()
	e := &extract{wayStart: []int{0}, homeStart: []int{0}, lastNode: math.MinInt64}
	for sc.Scan() {
		switch o := sc.Object().(type) {
		case *osm.Node:
			if err := e.node(o); err != nil {
				return nil, err
			}
		case *osm.Way:
			e.addWay(o)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", f, err)
	}
	return e, nil
}

func (e *extract) node(n *osm.Node) error {
	if !(n.Lon >= -180 && n.Lon <= 180 && n.Lat >= -90 && n.Lat <= 90) {
		return fmt.Errorf("node %d: lon %g, lat %g out of range", n.ID, n.Lon, n.Lat)
	}
	id := int64(n.ID)
	if id <= e.lastNode {
		e.unsortedNodes = true
	}
	e.lastNode = id
	e.nodeID = append(e.nodeID, id)
	e.nodeLon = append(e.nodeLon, int32(math.Round(n.Lon*1e7)))
	e.nodeLat = append(e.nodeLat, int32(math.Round(n.Lat*1e7)))
	if isHome(n.Tags) {
		e.homeLon = append(e.homeLon, n.Lon)
		e.homeLat = append(e.homeLat, n.Lat)
	}
	return nil
}

func (e *extract) addWay(w *osm.Way) {
	e.ways++
	if isHome(w.Tags) && len(w.Nodes) > 0 {
		for _, wn := range w.Nodes {
			e.homeRefs = append(e.homeRefs, int64(wn.ID))
		}
		e.homeStart = append(e.homeStart, len(e.homeRefs))
		return
	}
	if w.Tags.Find("highway") == "" {
		return
	}
	e.highwayWays++
	a, ok := access(w.Tags)
	if !ok || len(w.Nodes) < 2 {
		return
	}
	for _, wn := range w.Nodes {
		e.refs = append(e.refs, int64(wn.ID))
	}
	e.wayStart = append(e.wayStart, len(e.refs))
	e.acc = append(e.acc, a)
}

// homeBuildings are the building values that are homes.
var homeBuildings = map[string]bool{
	"house": true, "residential": true, "apartments": true, "detached": true,
	"semidetached_house": true, "terrace": true, "bungalow": true, "dormitory": true,
	"farm": true, "cabin": true, "hut": true, "static_caravan": true, "houseboat": true, "ger": true,
}

// isHome reports a dwelling: a building of a residential type.
func isHome(tags osm.Tags) bool {
	return homeBuildings[tags.Find("building")]
}
