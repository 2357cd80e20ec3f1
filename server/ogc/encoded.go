package ogc

import (
	"slices"
	"sync"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/paulmach/orb"
	"github.com/tidwall/rtree"
)

// maxEncodedSets bounds the encoded collections kept for one data version:
// a set per collection, period and scope (users limited to a region read a
// snapshot of their own). The oldest set made goes first.
const maxEncodedSets = 64

// encodedCache keeps each collection's features encoded as GeoJSON, built on
// the first request for a snapshot, collection and period and shared by all
// later ones: an items page is then a copy of bytes, not an encoding. A
// snapshot is immutable, so its encodings never go stale; a newer data
// version empties the cache.
type encodedCache struct {
	mu      sync.Mutex
	version int64
	sets    map[encodedKey]*encodedSet
	order   []encodedKey
}

// encodedKey names a set: the snapshot (Key: version and scope), the
// collection and the period (0 for collections without periods).
type encodedKey struct {
	snapshot, collection string
	period               int
}

// encodedSet is one collection's features, encoded once.
type encodedSet struct {
	once sync.Once
	err  error
	src  ogcSource // the collection's features, selected once
	// buf holds every feature's GeoJSON in collection order, joined by
	// commas, so a run of consecutive features is one slice of it.
	buf  []byte
	ends []int // ends[i] is the end of feature i in buf
	// index holds the features' bounds for bbox queries; features without
	// a geometry are left out (no box meets them).
	index rtree.RTreeG[int]
}

// set returns the encoded features of col in s for period, encoding them
// on first use. Sets of an older snapshot than the newest seen are built
// for the request alone and not kept.
func (c *encodedCache) set(s *analytics.Snapshot, col *ogcCollection, period int) (*encodedSet, error) {
	if !col.Periodic {
		period = 0
	}
	e := c.entry(s, encodedKey{s.Key(), col.ID, period})
	e.once.Do(func() {
		e.src = col.Source(s)
		e.indexBounds()
		e.err = e.encode(s, period)
	})
	return e, e.err
}

// entry finds or adds the set for key.
func (c *encodedCache) entry(s *analytics.Snapshot, key encodedKey) *encodedSet {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case s.Version < c.version:
		return &encodedSet{}
	case s.Version > c.version || c.sets == nil:
		c.version, c.sets, c.order = s.Version, map[encodedKey]*encodedSet{}, nil
	}
	if e, ok := c.sets[key]; ok {
		return e
	}
	if len(c.order) >= maxEncodedSets {
		delete(c.sets, c.order[0])
		c.order = c.order[1:]
	}
	e := &encodedSet{}
	c.sets[key], c.order = e, append(c.order, key)
	return e
}

// encode builds the attribute layer of every feature of e.src at once and
// encodes each feature as geojson.Feature does for any layer holding it:
// a feature's attributes do not depend on the features beside it.
func (e *encodedSet) encode(s *analytics.Snapshot, period int) error {
	all := make([]int, e.src.Len())
	for i := range all {
		all[i] = i
	}
	layer := e.src.Layer(s, all, period)
	e.ends = make([]int, len(all))
	for i := range all {
		f, err := geojson.Feature(layer, i)
		if err != nil {
			return err
		}
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = append(e.buf, f...)
		e.ends[i] = len(e.buf)
	}
	return nil
}

// indexBounds puts the bound of every feature with a geometry in the index.
func (e *encodedSet) indexBounds() {
	for i := range e.src.Len() {
		if b := e.src.Geometry(i).Bound(); !b.IsEmpty() {
			e.index.Insert(b.Min, b.Max, i)
		}
	}
}

// start is where feature i begins in buf.
func (e *encodedSet) start(i int) int {
	if i == 0 {
		return 0
	}
	return e.ends[i-1] + 1
}

// feature is the GeoJSON of feature i.
func (e *encodedSet) feature(i int) []byte { return e.buf[e.start(i):e.ends[i]] }

// run is the GeoJSON of features lo…hi-1, joined by commas.
func (e *encodedSet) run(lo, hi int) []byte { return e.buf[e.start(lo):e.ends[hi-1]] }

// within is the indices, in collection order, of the features that
// intersect b: candidates from the index, then the exact test.
func (e *encodedSet) within(b orb.Bound) []int {
	var out []int
	e.index.Search(b.Min, b.Max, func(_, _ [2]float64, i int) bool {
		if intersectsBound(e.src.Geometry(i), b) {
			out = append(out, i)
		}
		return true
	})
	slices.Sort(out)
	return out
}
