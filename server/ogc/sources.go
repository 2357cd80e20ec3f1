package ogc

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/export"
	"github.com/paulmach/orb"
)

// ogcSource is the features of one OGC API collection: ids and geometries
// to filter and page cheaply, and the attribute layer built only for the
// page that is sent.
type ogcSource interface {
	Len() int
	ID(i int) string
	Geometry(i int) orb.Geometry
	Layer(s *analytics.Snapshot, idx []int, period int) *export.Layer
}

// ogcCollection describes a collection. Periodic collections carry the
// indicator values of the requested period; the others ignore ?period=.
type ogcCollection struct {
	ID, Title, Description string
	Periodic               bool
	Source                 func(s *analytics.Snapshot) ogcSource
}

// Layers builds the attribute layers of the collections' features: the
// exports' own builders, so the OGC API and the downloads answer with the
// same columns.
type Layers interface {
	Regions(s *analytics.Snapshot, regions []*analytics.Region, period int) *export.Layer
	Facilities(s *analytics.Snapshot, facilities []analytics.Facility) *export.Layer
	Grids(s *analytics.Snapshot, grids []*analytics.Grid) *export.Layer
}

// newCollections are one per level below the city, facilities and grids.
func newCollections(l Layers) []ogcCollection {
	region := func(id string, level analytics.Level, title string) ogcCollection {
		return ogcCollection{ID: id, Title: title, Periodic: true,
			Description: "Boundaries of every " + string(level) + " with population, households, area and the value of every indicator for the period (?period=, default the latest).",
			Source:      func(s *analytics.Snapshot) ogcSource { return regionSource{s.Select(level, ""), l} }}
	}
	return []ogcCollection{
		region("counties", analytics.County, "县(市)、区 Counties"),
		region("townships", analytics.Township, "乡镇(街道) Townships"),
		region("communities", analytics.Community, "社区(村) Communities"),
		{ID: "facilities", Title: "服务设施 Facilities", Description: "Health centres and stations, village clinics, police posts and service centres, with the region each serves.",
			Source: func(s *analytics.Snapshot) ogcSource { return facilitySource{s.Facilities(), l} }},
		{ID: "grids", Title: "管理网格 Management grids", Description: "Cells of grid-based management with households and the assigned worker.",
			Source: func(s *analytics.Snapshot) ogcSource { return gridSource{s.Grids(), l} }},
	}
}

func (svc *Service) findCollection(id string) (*ogcCollection, bool) {
	for i := range svc.collections {
		if svc.collections[i].ID == id {
			return &svc.collections[i], true
		}
	}
	return nil, false
}

type regionSource struct {
	r []*analytics.Region
	l Layers
}

func (r regionSource) Len() int                    { return len(r.r) }
func (r regionSource) ID(i int) string             { return r.r[i].Code }
func (r regionSource) Geometry(i int) orb.Geometry { return r.r[i].Geometry }
func (r regionSource) Layer(s *analytics.Snapshot, idx []int, period int) *export.Layer {
	return r.l.Regions(s, pick(idx, func(i int) *analytics.Region { return r.r[i] }), period)
}

type facilitySource struct {
	f []analytics.Facility
	l Layers
}

func (f facilitySource) Len() int                    { return len(f.f) }
func (f facilitySource) ID(i int) string             { return f.f[i].ID }
func (f facilitySource) Geometry(i int) orb.Geometry { return f.f[i].Point }
func (f facilitySource) Layer(s *analytics.Snapshot, idx []int, _ int) *export.Layer {
	return f.l.Facilities(s, pick(idx, func(i int) analytics.Facility { return f.f[i] }))
}

type gridSource struct {
	g []analytics.Grid
	l Layers
}

func (g gridSource) Len() int                    { return len(g.g) }
func (g gridSource) ID(i int) string             { return g.g[i].Code }
func (g gridSource) Geometry(i int) orb.Geometry { return g.g[i].Geometry }
func (g gridSource) Layer(s *analytics.Snapshot, idx []int, _ int) *export.Layer {
	return g.l.Grids(s, pick(idx, func(i int) *analytics.Grid { return &g.g[i] }))
}

// pick is at(i) for each of the indices idx.
func pick[T any](idx []int, at func(i int) T) []T {
	out := make([]T, len(idx))
	for n, i := range idx {
		out[n] = at(i)
	}
	return out
}
