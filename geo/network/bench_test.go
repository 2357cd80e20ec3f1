package network

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
)

// The figures of docs/BENCHMARKS.md: importing the Delaware extract, and a
// whole-network 15-minute search from 50 facilities placed on it, beside
// pgRouting's pgr_drivingDistance on the same graph and sources.

func BenchmarkImportDelaware(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(osmTestdata(b), "delaware-latest.osm.pbf"))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		clip *orb.Bound
	}{
		{"whole", nil},
		// Northern Delaware (Wilmington and Newark): about half the roads.
		{"clipped", &orb.Bound{Min: orb.Point{-75.8, 39.4}, Max: orb.Point{-75.4, 39.9}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			var st Stats
			for b.Loop() {
				if _, st, err = ReadFrom(context.Background(), "delaware", "delaware-latest.osm.pbf",
					bytes.NewReader(data), int64(len(data)), Options{Clip: c.clip}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(st.Kept), "segments_kept")
			b.ReportMetric(float64(st.Dropped), "segments_dropped")
		})
	}
}

// facilities50 are 50 nodes spread over mode m's graph, as sources at time 0.
func facilities50(n *Network, m Mode) ([]uint32, []Source) {
	nodes := spreadNodes(n, m, 50, 0)
	srcs := make([]Source, len(nodes))
	for i, v := range nodes {
		srcs[i] = Source{Node: v}
	}
	return nodes, srcs
}

func BenchmarkMultiSource15(b *testing.B) {
	n := delaware(b)
	for _, m := range Modes {
		b.Run(m.String(), func(b *testing.B) {
			_, srcs := facilities50(n, m)
			g := &n.Graphs[m]
			var reached int
			for b.Loop() {
				reached = len(g.ShortestTimes(srcs, 900).Reached)
			}
			b.ReportMetric(float64(reached), "nodes")
		})
	}
}

// BenchmarkPgrDrivingDistance15 is the same search in PostgreSQL with
// pgRouting (the edges already in a table), after checking that both give
// the same answer.
func BenchmarkPgrDrivingDistance15(b *testing.B) {
	conn := pgrConn(b)
	n := delaware(b)
	for _, m := range Modes {
		table := loadEdges(b, conn, n, m)
		b.Run(m.String(), func(b *testing.B) {
			nodes, _ := facilities50(n, m)
			reached := compareWithPgRouting(b, conn, table, &n.Graphs[m], nodes, 900)
			for b.Loop() {
				drivingDistance(b, conn, table, nodes, 900)
			}
			b.ReportMetric(float64(reached), "nodes")
		})
	}
}
