package network

import (
	"bytes"
	"context"
	"errors"
	"io"

	"github.com/paulmach/orb"
)

// ErrNoRoads is returned for an extract with no way any mode may use.
var ErrNoRoads = errors.New("no highway=* way usable by any mode")

// ErrClippedAway is returned when an extract has roads but none of them
// meets the clip box.
var ErrClippedAway = errors.New("no road meets the clip area")

// Options say how ReadFrom builds a network.
type Options struct {
	// Clip, when set, keeps only the segments that meet this lon/lat box
	// (any of their points inside it, or any of their straight pieces
	// crossing it) and the homes inside it. Segments are cut at junctions
	// before clipping, so a kept segment is the same as without a clip.
	Clip *orb.Bound
}

// Stats are what ReadFrom read: the format, the segments clipping kept
// and dropped with their road length, and the extent of every segment.
type Stats struct {
	Format            Format
	Kept, Dropped     int
	KeptKM, DroppedKM float64
	Extent            orb.Bound
}

// Read parses an OSM extract held in memory (format detected from data,
// then name) and builds its whole network, named name.
func Read(ctx context.Context, name, source string, data []byte) (*Network, error) {
	n, _, err := ReadFrom(ctx, name, source, bytes.NewReader(data), int64(len(data)), Options{})
	return n, err
}

// ReadFrom parses the OSM extract of size bytes in r and builds its
// network, named name. It reads the file twice: the ways first, keeping
// those with a highway=* tag some mode may use and the home buildings, then
// only the positions of the nodes those ways use. Ways that reference nodes
// missing from the extract (as ways crossing an extract's border do) are
// cut where the nodes are missing. With opts.Clip, segments that do not
// meet the box are dropped (ErrClippedAway when that leaves none).
func ReadFrom(ctx context.Context, name, source string, r io.ReaderAt, size int64, opts Options) (*Network, Stats, error) {
	head := make([]byte, min(size, 64))
	if _, err := r.ReadAt(head, 0); err != nil && !errors.Is(err, io.EOF) {
		return nil, Stats{}, err
	}
	f, err := DetectFormat(source, head)
	if err != nil {
		return nil, Stats{}, err
	}
	e, err := readExtract(ctx, f, r, size, opts.Clip)
	if err != nil {
		return nil, Stats{}, err
	}
	n, clipped := e.build()
	clipped.Format = f
	switch {
	case clipped.Kept == 0 && clipped.Dropped > 0:
		return nil, clipped, ErrClippedAway
	case n.Segments.Len() == 0:
		return nil, clipped, ErrNoRoads
	}
	n.Name, n.Source = name, source
	return n, clipped, nil
}

func (e *extract) point(i int) orb.Point {
	return orb.Point{float64(e.nodeLon[i]) / 1e7, float64(e.nodeLat[i]) / 1e7}
}

// build splits the ways into segments at junctions, drops the segments
// outside the clip box, and builds each mode's graph.
func (e *extract) build() (*Network, Stats) {
	vertex := e.junctions(e.idx)
	b := newBuilder(e, vertex)
	for w := range len(e.acc) {
		b.way(w, e.idx[e.wayStart[w]:e.wayStart[w+1]])
	}
	n := b.network()
	n.Homes = e.homes()
	return n, b.clipped
}

// junctions marks the nodes that become graph nodes: nodes used twice or
// more (by different ways, or twice by one), the ends of every run of
// present nodes, and the middle node of any piece that would otherwise
// start and end at the same junction (a closed way), so that no segment is
// a loop.
func (e *extract) junctions(idx []int32) []bool {
	uses := make([]uint8, len(e.nodeID))
	vertex := make([]bool, len(e.nodeID))
	for w := range len(e.acc) {
		run := dedupe(idx[e.wayStart[w]:e.wayStart[w+1]])
		for k, i := range run {
			if i < 0 {
				continue
			}
			if uses[i] < 2 {
				uses[i]++
			}
			if k == 0 || k == len(run)-1 || run[k-1] < 0 || run[k+1] < 0 {
				vertex[i] = true
			}
		}
	}
	for i, u := range uses {
		if u >= 2 {
			vertex[i] = true
		}
	}
	for w := range len(e.acc) {
		splitLoops(dedupe(idx[e.wayStart[w]:e.wayStart[w+1]]), vertex)
	}
	return vertex
}

// dedupe drops nodes repeated in a row.
func dedupe(run []int32) []int32 {
	out := make([]int32, 0, len(run))
	for _, i := range run {
		if len(out) == 0 || out[len(out)-1] != i {
			out = append(out, i)
		}
	}
	return out
}

// splitLoops marks the middle node of each piece of run between junctions
// that starts and ends at the same one.
func splitLoops(run []int32, vertex []bool) {
	start := -1
	for k, i := range run {
		if i < 0 {
			start = -1
			continue
		}
		if !vertex[i] {
			continue
		}
		if start >= 0 && run[start] == i && k-start >= 2 {
			vertex[run[(start+k)/2]] = true
		}
		start = k
	}
}

// homes returns the home nodes and the mean position of each home
// building's nodes present in the extract, those inside the clip box.
func (e *extract) homes() []orb.Point {
	out := make([]orb.Point, 0, len(e.homeLon)+len(e.homeStart)-1)
	for i := range e.homeLon {
		out = append(out, orb.Point{e.homeLon[i], e.homeLat[i]})
	}
	for w := 0; w+1 < len(e.homeStart); w++ {
		if p, ok := e.outlineMean(e.homeIdx[e.homeStart[w]:e.homeStart[w+1]]); ok && e.keeps(p) {
			out = append(out, p)
		}
	}
	return out
}

// outlineMean is the mean position of an outline's nodes present in the
// extract; ok is false when none is.
func (e *extract) outlineMean(refs []int32) (p orb.Point, ok bool) {
	// A closed outline repeats its first node at the end.
	if len(refs) > 1 && refs[0] == refs[len(refs)-1] {
		refs = refs[:len(refs)-1]
	}
	var sx, sy float64
	n := 0
	for _, i := range refs {
		if i >= 0 {
			q := e.point(int(i))
			sx, sy, n = sx+q.X(), sy+q.Y(), n+1
		}
	}
	if n == 0 {
		return orb.Point{}, false
	}
	return orb.Point{sx / float64(n), sy / float64(n)}, true
}
