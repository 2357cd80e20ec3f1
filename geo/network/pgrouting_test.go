package network

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/community-atlas/atlas/internal/pgtest"
	"github.com/jackc/pgx/v5"
)

// pgrConn connects to a fresh test schema with pgRouting available (the
// extension lives in public, beside PostGIS).
func pgrConn(tb testing.TB) *pgx.Conn {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	conn, err := pgx.Connect(ctx, pgtest.URL(tb))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { conn.Close(context.Background()) })
	const exists = `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting')`
	var ok bool
	if err := conn.QueryRow(ctx, exists).Scan(&ok); err != nil {
		tb.Fatal(err)
	}
	if !ok {
		if _, err := conn.Exec(ctx, `CREATE EXTENSION IF NOT EXISTS pgrouting SCHEMA public`); err != nil {
			// Another test process may have created it meanwhile.
			if err2 := conn.QueryRow(ctx, exists).Scan(&ok); err2 != nil || !ok {
				tb.Fatalf("create extension pgrouting (Debian: postgresql-15-pgrouting): %v", err)
			}
		}
	}
	return conn
}

// loadEdges writes mode m's graph as a pgRouting edges table: one row per
// directed CSR edge (reverse_cost -1: one way), nodes numbered from 1.
func loadEdges(tb testing.TB, conn *pgx.Conn, n *Network, m Mode) string {
	tb.Helper()
	ctx := context.Background()
	table := "edges_" + m.String()
	if _, err := conn.Exec(ctx, `CREATE TABLE `+table+
		` (id bigint PRIMARY KEY, source bigint NOT NULL, target bigint NOT NULL,
		   cost double precision NOT NULL, reverse_cost double precision NOT NULL)`); err != nil {
		tb.Fatal(err)
	}
	g := &n.Graphs[m]
	rows := make([][]any, 0, g.NumEdges())
	for u := range g.NumNodes() {
		for e := g.Offsets[u]; e < g.Offsets[u+1]; e++ {
			rows = append(rows, []any{int64(e) + 1, int64(u) + 1, int64(g.Targets[e]) + 1, g.Costs[e], -1.0})
		}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{table}, []string{"id", "source", "target", "cost", "reverse_cost"},
		pgx.CopyFromRows(rows)); err != nil {
		tb.Fatal(err)
	}
	return table
}

// drivingDistance asks pgRouting for the least time to every node within
// budget from any of the sources: pgr_drivingDistance with equicost :=
// false answers per source, and the least per node is taken here. (In
// pgRouting 3.4.2 equicost := true is not an exact multi-source answer.)
func drivingDistance(tb testing.TB, conn *pgx.Conn, table string, sources []uint32, budget float64) map[uint32]float64 {
	tb.Helper()
	ids := make([]int64, len(sources))
	for i, s := range sources {
		ids[i] = int64(s) + 1
	}
	q := `SELECT node, min(agg_cost) FROM pgr_drivingDistance(
	        'SELECT id, source, target, cost, reverse_cost FROM ` + table + `',
	        $1::bigint[], $2::float8, directed := true, equicost := false)
	      GROUP BY node`
	rows, err := conn.Query(context.Background(), q, ids, budget)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[uint32]float64{}
	for rows.Next() {
		var node int64
		var t float64
		if err := rows.Scan(&node, &t); err != nil {
			tb.Fatal(err)
		}
		out[uint32(node-1)] = t
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// spreadNodes picks k nodes of mode m's graph spread evenly over the node
// numbers, skipping nodes without edges.
func spreadNodes(n *Network, m Mode, k, phase int) []uint32 {
	g := &n.Graphs[m]
	var with []uint32
	for u := range g.NumNodes() {
		if g.Offsets[u+1] > g.Offsets[u] {
			with = append(with, uint32(u))
		}
	}
	out := make([]uint32, k)
	for i := range k {
		out[i] = with[(i*len(with)/k+phase*7919)%len(with)]
	}
	return out
}

// compareWithPgRouting fails the test unless our search and pgRouting's
// reach the same nodes in the same times.
func compareWithPgRouting(t testing.TB, conn *pgx.Conn, table string, g *Graph, sources []uint32, budget float64) int {
	t.Helper()
	srcs := make([]Source, len(sources))
	for i, s := range sources {
		srcs[i] = Source{Node: s}
	}
	tr := g.ShortestTimes(srcs, budget)
	want := drivingDistance(t, conn, table, sources, budget)
	if len(tr.Reached) != len(want) {
		t.Fatalf("%d sources, %g s: %d nodes reached, pgRouting %d", len(sources), budget, len(tr.Reached), len(want))
	}
	for v, wt := range want {
		if got := tr.Time[v]; math.Abs(got-wt) > 1e-6 {
			t.Fatalf("%d sources, %g s: node %d at %g s, pgRouting %g s", len(sources), budget, v, got, wt)
		}
	}
	return len(want)
}

// TestAgainstPgRouting compares reached node sets and times with
// pgRouting's pgr_drivingDistance on the Andorra extract, for each mode,
// several source sets and budgets.
func TestAgainstPgRouting(t *testing.T) {
	conn := pgrConn(t)
	n := andorra(t)
	budgets := map[Mode][]float64{Walk: {300, 900, 1800}, Bicycle: {300, 900}, Car: {120, 600, 900}}
	for _, m := range Modes {
		table := loadEdges(t, conn, n, m)
		g := &n.Graphs[m]
		total := 0
		for _, k := range []int{1, 3, 8} {
			for phase := range 2 {
				sources := spreadNodes(n, m, k, phase)
				for _, b := range budgets[m] {
					reached := compareWithPgRouting(t, conn, table, g, sources, b)
					if reached < k {
						t.Fatalf("%s: %d nodes reached from %d sources", m, reached, k)
					}
					total += reached
				}
			}
		}
		t.Logf("%s: %d node times agree", m, total)
	}
}
