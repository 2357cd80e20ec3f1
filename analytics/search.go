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

// Named returns the regions called name, in level then code order: the
// annexes of the notice name counties rather than give their codes.
func (s *Snapshot) Named(name string) []*Region {
	var out []*Region
	for i := range s.regions {
		if s.regions[i].Name == name {
			out = append(out, &s.regions[i])
		}
	}
	return out
}
