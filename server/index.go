package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/paulmach/orb"
)

// emptyIndex knows no regions: the seed's boundaries refer only to each
// other.
type emptyIndex struct{}

func (emptyIndex) Region(string) (*analytics.Region, bool) { return nil, false }

func (emptyIndex) Locate(analytics.Level, orb.Point) (*analytics.Region, bool) { return nil, false }
