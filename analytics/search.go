package analytics

import "github.com/paulmach/orb"

// Bound is the bounding box of every region, or an empty bound.
func (s *Snapshot) Bound() orb.Bound {
	var b orb.Bound
	for i, r := range s.regions {
		rb := r.Geometry.Bound()
		if i == 0 {
			b = rb
		} else {
			b = b.Union(rb)
		}
	}
	return b
}
