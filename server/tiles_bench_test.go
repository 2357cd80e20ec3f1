package server

import (
	"fmt"
	"testing"

	"github.com/community-atlas/atlas/geo/tile"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/maptile/tilecover"
)

// BenchmarkCommunityTiles builds every community tile over the Nantong seed
// at a few zooms, without HTTP or caches: the cost of a cold tile.
func BenchmarkCommunityTiles(b *testing.B) {
	s := seedSnapshot(b)
	var sources tileSources
	src := sources.layer(s, "community", projectLayer)
	for _, z := range []maptile.Zoom{8, 10, 12, 14} {
		set, _ := tilecover.Geometry(s.Bound(), z)
		b.Run(fmt.Sprintf("z%d", z), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for t := range set {
					if _, err := tile.Encode(t, tile.Layer{Name: "community", Features: src.search(tile.SearchBox(t))}); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(set)), "µs/tile")
		})
	}
}
