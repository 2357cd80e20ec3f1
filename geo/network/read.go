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
	"slices"
	"strings"

	"github.com/paulmach/orb"
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

// pass is one of the two readings of an extract.
type pass int

const (
	waysPass  pass = iota // the ways, for the nodes they use
	nodesPass             // the positions of those nodes
)

// scanner opens an osm.Scanner on r in format f for one pass of e. A PBF
// scanner skips the blocks the pass does not need undecoded and, in the
// blocks it decodes, keeps only what e wants: the decoder queues a few
// decoded blocks ahead of the reader, and queued ways of every kind, or
// nodes of every building, would weigh more than the whole network. XML
// is parsed whole each time, its elements of the other kind ignored.
func scanner(ctx context.Context, f Format, r io.Reader, p pass, e *extract) (osm.Scanner, error) {
	switch f {
	case PBF:
		sc := osmpbf.New(ctx, r, 2)
		sc.SkipRelations = true
		sc.SkipNodes = p == waysPass
		sc.SkipWays = p == nodesPass
		sc.FilterWay = wantsWay
		sc.FilterNode = e.wantsNode
		return sc, nil
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

// wantsWay tells the ways that may matter (see extract.addWay). The PBF
// decoder calls it from several goroutines.
func wantsWay(w *osm.Way) bool {
	return w.Tags.Find("highway") != "" || isHome(w.Tags)
}

// wantsNode tells the nodes that may matter (see extract.node), reading
// only what the ways pass left. The PBF decoder calls it from several
// goroutines.
func (e *extract) wantsNode(n *osm.Node) bool {
	if !validPosition(n) || isHome(n.Tags) {
		return true
	}
	_, ok := slices.BinarySearch(e.nodeID, int64(n.ID))
	return ok
}

func validPosition(n *osm.Node) bool {
	return n.Lon >= -180 && n.Lon <= 180 && n.Lat >= -90 && n.Lat <= 90
}

// extract is what an OSM file holds that a network needs: the highway ways
// with what they allow, the homes, and the positions of only the nodes
// those ways use. It is read in two passes (see Read), so that memory
// follows the roads rather than the whole file: most of a province's
// nodes outline buildings, fields and water.
type extract struct {
	// nodeID are the ids the ways use, sorted and distinct; node i is at
	// nodeLon[i], nodeLat[i] (1e-7 degrees, OSM's own precision) when the
	// file holds it (present[i]).
	nodeID           []int64
	nodeLon, nodeLat []int32
	present          []bool
	wayStart         []int   // way i's nodes are idx[wayStart[i]:wayStart[i+1]]
	refs             []int64 // node ids, while the ways are read (see index)
	idx              []int32 // positions in nodeID; -1 for nodes the file lacks
	acc              []wayAccess
	homeStart        []int // home way i's nodes are homeIdx[homeStart[i]:homeStart[i+1]]
	homeRefs         []int64
	homeIdx          []int32
	homeLon, homeLat []float64 // home nodes
	clip             *orb.Bound
}

// readExtract reads the ways of the extract, then the nodes they use.
func readExtract(ctx context.Context, f Format, r io.ReaderAt, size int64, clip *orb.Bound) (*extract, error) {
	e := &extract{wayStart: []int{0}, homeStart: []int{0}, clip: clip}
	if err := e.scan(ctx, f, io.NewSectionReader(r, 0, size), waysPass); err != nil {
		return nil, err
	}
	e.index()
	if err := e.scan(ctx, f, io.NewSectionReader(r, 0, size), nodesPass); err != nil {
		return nil, err
	}
	e.resolve()
	return e, nil
}

// scan reads the nodes or the ways of one pass into e.
func (e *extract) scan(ctx context.Context, f Format, r io.Reader, p pass) error {
	sc, err := scanner(ctx, f, r, p, e)
	if err != nil {
		return err
	}
	defer sc.Close()
	for sc.Scan() {
		if err := e.object(p, sc.Object()); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", f, err)
	}
	return nil
}

func (e *extract) object(p pass, o osm.Object) error {
	switch o := o.(type) {
	case *osm.Way:
		if p == waysPass {
			e.addWay(o)
		}
	case *osm.Node:
		if p == nodesPass {
			return e.node(o)
		}
	}
	return nil
}

func (e *extract) addWay(w *osm.Way) {
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

// index lists the nodes the ways use and turns the ways' node ids into
// positions in that list (four bytes a reference instead of eight).
func (e *extract) index() {
	ids := make([]int64, 0, len(e.refs)+len(e.homeRefs))
	ids = append(append(ids, e.refs...), e.homeRefs...)
	slices.Sort(ids)
	e.nodeID = slices.Clip(slices.Compact(ids))
	e.idx, e.homeIdx = e.positions(e.refs), e.positions(e.homeRefs)
	e.refs, e.homeRefs = nil, nil
	e.nodeLon, e.nodeLat = make([]int32, len(e.nodeID)), make([]int32, len(e.nodeID))
	e.present = make([]bool, len(e.nodeID))
}

func (e *extract) positions(ids []int64) []int32 {
	out := make([]int32, len(ids))
	for k, id := range ids {
		i, _ := slices.BinarySearch(e.nodeID, id)
		out[k] = int32(i)
	}
	return out
}

// node keeps the position of a node a way uses (the first, if the file
// repeats an id) and the homes mapped as nodes. Every node's coordinates
// are checked, used or not.
func (e *extract) node(n *osm.Node) error {
	if !validPosition(n) {
		return fmt.Errorf("node %d: lon %g, lat %g out of range", n.ID, n.Lon, n.Lat)
	}
	if isHome(n.Tags) && e.keeps(orb.Point{n.Lon, n.Lat}) {
		e.homeLon = append(e.homeLon, n.Lon)
		e.homeLat = append(e.homeLat, n.Lat)
	}
	i, ok := slices.BinarySearch(e.nodeID, int64(n.ID))
	if !ok || e.present[i] {
		return nil
	}
	e.present[i] = true
	e.nodeLon[i] = int32(math.Round(n.Lon * 1e7))
	e.nodeLat[i] = int32(math.Round(n.Lat * 1e7))
	return nil
}

// keeps reports whether p lies inside the clip box (always, without one).
func (e *extract) keeps(p orb.Point) bool { return e.clip == nil || e.clip.Contains(p) }

// resolve marks the references to nodes the file does not hold with -1.
func (e *extract) resolve() {
	for _, refs := range [][]int32{e.idx, e.homeIdx} {
		for k, i := range refs {
			if !e.present[i] {
				refs[k] = -1
			}
		}
	}
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
