package gridcov

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/internal/snapcache"
)

var computed snapcache.Cache[*Coverage]

// Of returns the coverage of s, computing it on the first call for s and
// keeping it for as long as s lives; calls that come while it is computed
// wait for it. A snapshot is immutable, so so is its coverage, failures
// included.
func Of(s *analytics.Snapshot) (*Coverage, error) {
	return computed.Get(s, Compute)
}
