package server

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

// ogcCollection describes a collection.
type ogcCollection struct {
	ID, Title, Description string
	Source                 func(s *analytics.Snapshot) ogcSource
}

// ogcCollections are one per level below the city, facilities and grids.
var ogcCollections = []ogcCollection{
	regionCollection("counties", analytics.County, "县(市)、区 Counties"),
	regionCollection("townships", analytics.Township, "乡镇(街道) Townships"),
	regionCollection("communities", analytics.Community, "社区(村) Communities"),
	{ID: "facilities", Title: "服务设施 Facilities", Description: "Health centres and stations, village clinics, police posts and service centres, with the region each serves.",
		Source: func(s *analytics.Snapshot) ogcSource { return facilitySource(s.Facilities()) }},
	{ID: "grids", Title: "管理网格 Management grids", Description: "Cells of grid-based management with households and the assigned worker.",
		Source: func(s *analytics.Snapshot) ogcSource { return gridSource(s.Grids()) }},
}

func regionCollection(id string, level analytics.Level, title string) ogcCollection {
	return ogcCollection{ID: id, Title: title,
		Description: "Boundaries of every " + string(level) + " with population, households, area and the value of every indicator for the period (?period=, default the latest).",
		Source:      func(s *analytics.Snapshot) ogcSource { return regionSource(s.Select(level, "")) }}
}

func findCollection(id string) (*ogcCollection, bool) {
	for i := range ogcCollections {
		if ogcCollections[i].ID == id {
			return &ogcCollections[i], true
		}
	}
	return nil, false
}

type regionSource []*analytics.Region

func (r regionSource) Len() int                    { return len(r) }
func (r regionSource) ID(i int) string             { return r[i].Code }
func (r regionSource) Geometry(i int) orb.Geometry { return r[i].Geometry }
func (r regionSource) Layer(s *analytics.Snapshot, idx []int, period int) *export.Layer {
	return regionLayer(s, pick(idx, func(i int) *analytics.Region { return r[i] }), nil, period)
}

type facilitySource []analytics.Facility

func (f facilitySource) Len() int                    { return len(f) }
func (f facilitySource) ID(i int) string             { return f[i].ID }
func (f facilitySource) Geometry(i int) orb.Geometry { return f[i].Point }
func (f facilitySource) Layer(s *analytics.Snapshot, idx []int, _ int) *export.Layer {
	return facilityLayer(s, pick(idx, func(i int) analytics.Facility { return f[i] }))
}

type gridSource []analytics.Grid

func (g gridSource) Len() int                    { return len(g) }
func (g gridSource) ID(i int) string             { return g[i].Code }
func (g gridSource) Geometry(i int) orb.Geometry { return g[i].Geometry }
func (g gridSource) Layer(s *analytics.Snapshot, idx []int, _ int) *export.Layer {
	return gridLayer(s, pick(idx, func(i int) *analytics.Grid { return &g[i] }))
}

// pick is at(i) for each of the indices idx.
func pick[T any](idx []int, at func(i int) T) []T {
	out := make([]T, len(idx))
	for n, i := range idx {
		out[n] = at(i)
	}
	return out
}
