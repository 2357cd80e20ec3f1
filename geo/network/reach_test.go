package network

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

func mustSnap(t *testing.T, n *Network, m Mode, p orb.Point) Snap {
	t.Helper()
	s, ok := n.Snap(m, p, 1000)
	if !ok {
		t.Fatalf("%v does not snap", p)
	}
	return s
}

// TestReachTown works times and reached length out by hand on the test
// town: P lies 0.1 m-degree north of the street 1–3, a quarter of the way
// along it.
func TestReachTown(t *testing.T) {
	n := mustRead(t, town)
	m := metresPerMilliDegree
	v := WalkKmh / 3.6
	p := mustSnap(t, n, Walk, orb.Point{0.0005, 0.0001})
	if !near(p.Frac, 0.25) || math.Abs(p.Dist-0.1*m) > 1e-6 {
		t.Fatalf("snap %+v, want a quarter along at %g m", p, 0.1*m)
	}
	const budget = 200.0
	r, err := n.Search(Query{Mode: Walk, Budget: budget, OffSpeed: WalkKmh}, []Snap{p})
	if err != nil {
		t.Fatal(err)
	}
	n3 := nodeAt(t, n, 0.002, 0)
	if got, want := r.NodeTime(n3), (0.1*m+1.5*m)/v; !near(got, want) {
		t.Errorf("node 3 at %g s, want %g", got, want)
	}
	if r.ReachedNodes() != 2 {
		t.Errorf("%d nodes reached, want 2 (1 and 3)", r.ReachedNodes())
	}
	// Q lies on the same street, south of it, reached along the street
	// without passing a node.
	q := mustSnap(t, n, Walk, orb.Point{0.0015, -0.0002})
	if got, want := r.TimeTo(q), (0.1*m+m+0.2*m)/v; !near(got, want) {
		t.Errorf("Q at %g s, want %g", got, want)
	}
	// Beyond node 3 the budget leaves rem metres on each of 3–4 and 3–5.
	rem := budget*v - 0.1*m - 1.5*m
	if got, want := r.LengthKM()*1000, 2*m+2*rem; !near(got, want) {
		t.Errorf("reached %g m of road, want %g", got, want)
	}
	far := mustSnap(t, n, Walk, orb.Point{0.003, 0.0001})
	if got := r.TimeTo(far); !math.IsInf(got, 1) {
		t.Errorf("node 4 reached in %g s, beyond the budget", got)
	}
	// At twice the speed every time halves.
	fast, err := n.Search(Query{Mode: Walk, Budget: budget, Speed: 2 * WalkKmh, OffSpeed: 2 * WalkKmh}, []Snap{p})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fast.TimeTo(q), r.TimeTo(q)/2; !near(got, want) {
		t.Errorf("Q at twice the speed: %g s, want %g", got, want)
	}
	if got, want := fast.TimeTo(far), (0.1*m+2.5*m+0.1*m)/(2*v); !near(got, want) {
		t.Errorf("node 4 at twice the speed: %g s, want %g", got, want)
	}
	if _, err := n.Search(Query{Mode: Car, Budget: 60, Speed: 30, OffSpeed: 4}, nil); err == nil {
		t.Error("a car query with a speed was accepted")
	}
}

// TestSnapAgainstBruteForce compares the index's nearest segment with a
// scan of every segment.
func TestSnapAgainstBruteForce(t *testing.T) {
	n := andorra(t)
	b := n.Bound()
	for _, m := range Modes {
		fwd, bwd := n.segCosts(m)
		for i := range 300 {
			// A deterministic scatter over the extract and a little beyond.
			fx, fy := math.Mod(float64(i)*0.6180339887, 1), math.Mod(float64(i)*0.7548776662, 1)
			p := orb.Point{b.Min.X() - 0.01 + fx*(b.Max.X()-b.Min.X()+0.02), b.Min.Y() - 0.01 + fy*(b.Max.Y()-b.Min.Y()+0.02)}
			want := math.Inf(1)
			for s := range n.Segments.Len() {
				if !math.IsInf(fwd[s], 1) || !math.IsInf(bwd[s], 1) {
					want = math.Min(want, n.segDist(s, p))
				}
			}
			const maxDist = 1500
			s, ok := n.Snap(m, p, maxDist)
			if ok != (want <= maxDist) {
				t.Fatalf("%s %v: snapped %v, nearest road at %g m", m, p, ok, want)
			}
			if ok && n.segDist(int(s.Seg), p) != want {
				t.Fatalf("%s %v: snapped to a road at %g m, nearest at %g m", m, p, n.segDist(int(s.Seg), p), want)
			}
			if ok && math.Abs(s.Dist-want) > 1e-3*want+0.01 {
				t.Fatalf("%s %v: leg %g m, distance to the road %g m", m, p, s.Dist, want)
			}
		}
	}
}

func TestCut(t *testing.T) {
	n := mustRead(t, town)
	n1, n3 := nodeAt(t, n, 0, 0), nodeAt(t, n, 0.002, 0)
	for s := range n.Segments.Len() {
		if n.Segments.From[s] != n1 || n.Segments.To[s] != n3 {
			continue
		}
		got := n.Cut(s, 0.25, 0.75)
		want := orb.LineString{{0.0005, 0}, {0.001, 0}, {0.0015, 0}}
		if len(got) != len(want) {
			t.Fatalf("cut %v, want %v", got, want)
		}
		for i := range got {
			if math.Abs(got[i].X()-want[i].X()) > 1e-12 || got[i].Y() != want[i].Y() {
				t.Fatalf("cut %v, want %v", got, want)
			}
		}
		return
	}
	t.Fatal("no segment 1–3")
}
