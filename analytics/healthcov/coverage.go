package healthcov

import (
	"slices"

	"github.com/community-atlas/atlas/analytics"
	"github.com/paulmach/orb"
)

// Coverage is how far the facilities of a scenario reach the population of
// every community within the time budget.
type Coverage struct {
	Options Options
	m       *Model
	ev      *evaluation
	// comm holds each community's figures, by model index.
	comm []Summary
}

// Coverage returns the coverage of the snapshot's own facilities of the
// option's types, computed on first use and kept with the model.
func (m *Model) Coverage(o Options) (*Coverage, error) {
	o, err := o.normal()
	if err != nil {
		return nil, err
	}
	key := o.key()
	m.mu.Lock()
	c, ok := m.results[key]
	m.mu.Unlock()
	if ok {
		return c, nil
	}
	c = m.compute(o, m.sites(o, nil))
	m.mu.Lock()
	defer m.mu.Unlock()
	if old, ok := m.results[key]; ok {
		return old, nil
	}
	if len(m.order) >= maxResults {
		delete(m.results, m.order[0])
		m.order = m.order[1:]
	}
	m.results[key], m.order = c, append(m.order, key)
	return c, nil
}

// sites returns the points of the snapshot's facilities of the option's
// types, less those whose ids are in removed.
func (m *Model) sites(o Options, removed map[string]bool) []orb.Point {
	var out []orb.Point
	for _, f := range m.s.Facilities() {
		if o.counts(f.Type) && !removed[f.ID] {
			out = append(out, f.Point)
		}
	}
	return out
}

func (m *Model) compute(o Options, sites []orb.Point) *Coverage {
	c := &Coverage{Options: o, m: m, ev: m.evaluate(o, sites)}
	c.comm = make([]Summary, len(m.communities))
	for k, r := range m.communities {
		s := Summary{Population: r.Population, Communities: 1, modes: map[Mode]bool{o.modeOf(r): true}, Source: m.sources[k]}
		if m.start[k+1] > m.start[k] {
			s.Placed = r.Population
		}
		for i := m.start[k]; i < m.start[k+1]; i++ {
			s.Points++
			if c.ev.covered[i] {
				s.Covered += m.points[i].weight
			}
			if c.ev.estimated[i] {
				s.Estimated++
			}
		}
		s.count(s.status())
		c.comm[k] = s
	}
	return c
}

// Community returns the coverage of one community.
func (c *Coverage) Community(code string) (Summary, bool) {
	k, ok := c.m.index[code]
	if !ok {
		return Summary{}, false
	}
	return c.comm[k], true
}

// Region sums the coverage of the communities in region r's subtree (r
// itself for a community).
func (c *Coverage) Region(r *analytics.Region) Summary {
	if r.Level == analytics.Community {
		s, _ := c.Community(r.Code)
		return s
	}
	total := Summary{modes: map[Mode]bool{}}
	for _, x := range c.m.s.Select(analytics.Community, r.Code) {
		if k, ok := c.m.index[x.Code]; ok {
			total.add(c.comm[k])
		}
	}
	return total
}

// Regions sums the coverage for many regions at once, in their order:
// one pass over the communities rather than one per region.
func (c *Coverage) Regions(rs []*analytics.Region) []Summary {
	at := map[string]int{}
	out := make([]Summary, len(rs))
	for i, r := range rs {
		at[r.Code] = i
		out[i].modes = map[Mode]bool{}
	}
	for k, r := range c.m.communities {
		for code := r.Code; code != ""; {
			if i, ok := at[code]; ok {
				out[i].add(c.comm[k])
			}
			p, ok := c.m.s.Region(code)
			if !ok {
				break
			}
			code = p.Parent
		}
	}
	for i, r := range rs {
		if r.Level == analytics.Community {
			out[i].Source = c.comm[c.m.index[r.Code]].Source
		}
	}
	return out
}

// Modes returns the modes a summary's communities travel by, in the order
// of Modes.
func (s Summary) Modes() []Mode {
	var out []Mode
	for _, m := range Modes {
		if s.modes[m] {
			out = append(out, m)
		}
	}
	return slices.Clip(out)
}
