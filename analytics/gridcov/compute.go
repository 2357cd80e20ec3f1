package gridcov

import (
	"runtime"
	"sync"

	"github.com/community-atlas/atlas/analytics"
)

// Coverage is the grid coverage of every community of a snapshot.
type Coverage struct {
	communities []Community    // by code
	byCode      map[string]int // community code → index
	under       map[string][]int
}

// Compute measures every community of s against its grids, on as many
// goroutines as GOMAXPROCS. It fails if an overlay fails, naming the
// community: a partial answer would pass for a gap.
func Compute(s *analytics.Snapshot) (*Coverage, error) {
	regions := s.Select(analytics.Community, "")
	grids := groupGrids(s)
	cov := &Coverage{communities: make([]Community, len(regions)), byCode: make(map[string]int, len(regions)), under: map[string][]int{}}
	errs := make([]error, len(regions))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(1, len(regions))) {
		wg.Go(func() {
			scratch := edgeSum{}
			for i := range next {
				cov.communities[i], errs[i] = measure(regions[i], grids[regions[i].Code], scratch)
			}
		})
	}
	for i := range regions {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, r := range regions {
		if errs[i] != nil {
			return nil, errs[i]
		}
		cov.byCode[r.Code] = i
		// Index the community under itself and every region above it.
		for code := r.Code; code != ""; {
			cov.under[code] = append(cov.under[code], i)
			p, ok := s.Region(code)
			if !ok {
				break
			}
			code = p.Parent
		}
	}
	return cov, nil
}

// groupGrids maps community codes to their grids, in code order.
func groupGrids(s *analytics.Snapshot) map[string][]*analytics.Grid {
	grids := map[string][]*analytics.Grid{}
	all := s.Grids()
	for i := range all {
		grids[all[i].Community] = append(grids[all[i].Community], &all[i])
	}
	return grids
}

// Community returns the coverage of one community.
func (cov *Coverage) Community(code string) (*Community, bool) {
	i, ok := cov.byCode[code]
	if !ok {
		return nil, false
	}
	return &cov.communities[i], true
}

// Communities returns the communities inside the region code (the community
// itself for a community), by code. Unknown codes and regions without
// communities give none.
func (cov *Coverage) Communities(code string) []*Community {
	idx := cov.under[code]
	out := make([]*Community, len(idx))
	for k, i := range idx {
		out[k] = &cov.communities[i]
	}
	return out
}

// All returns every community, by code.
func (cov *Coverage) All() []*Community {
	out := make([]*Community, len(cov.communities))
	for i := range cov.communities {
		out[i] = &cov.communities[i]
	}
	return out
}
