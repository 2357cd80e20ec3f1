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

// ogcCollection describes a collection: Title and Description for the
// JSON, Name and About for people in their language. Periodic collections
// carry the indicator values of the requested period; the others ignore
// ?period=.
type ogcCollection struct {
	ID, Title, Description string
	Name, About            analytics.Text
	Periodic               bool
	Level                  analytics.Level // of a collection of regions; "" for the others
	Source                 func(s *analytics.Snapshot) ogcSource
}

// offered reports whether s has the collection: a level no region is at
// (the province where the top is a city) is left out.
func (col *ogcCollection) offered(s *analytics.Snapshot) bool {
	return col.Level == "" || s.LevelCount(col.Level) > 0
}

// Layers builds the attribute layers of the collections' features: the
// exports' own builders, so the OGC API and the downloads answer with the
// same columns.
type Layers interface {
	Regions(s *analytics.Snapshot, regions []*analytics.Region, period int) *export.Layer
	Facilities(s *analytics.Snapshot, facilities []analytics.Facility) *export.Layer
	Grids(s *analytics.Snapshot, grids []*analytics.Grid) *export.Layer
}

// newCollections are one per level of the hierarchy, facilities and grids.
// A level no region of the store has (a province where only a city is
// kept) is not offered.
func newCollections(l Layers) []ogcCollection {
	region := func(id string, level analytics.Level, title string, name analytics.Text) ogcCollection {
		en := "Boundaries of every " + string(level) + " with population, households, area and the value of every indicator for the period (?period=, default the latest)."
		return ogcCollection{ID: id, Title: title, Periodic: true, Level: level, Description: en, Name: name,
			About:  analytics.Text{ZH: "每个" + name.ZH + "的边界，含人口、户数、面积和所选年度（?period=，默认最近一年）各项指标的数值。", EN: en},
			Source: func(s *analytics.Snapshot) ogcSource { return regionSource{s.Select(level, ""), l} }}
	}
	facilities := "Health centres and stations, village clinics, police posts and service centres, with the region each serves."
	grids := "Cells of grid-based management with households and the assigned worker."
	return []ogcCollection{
		region("provinces", analytics.Province, "省(自治区、直辖市) Provinces", analytics.Text{ZH: "省(自治区、直辖市)", EN: "Provinces"}),
		region("cities", analytics.City, "市 Cities", analytics.Text{ZH: "市", EN: "Cities"}),
		region("counties", analytics.County, "县(市)、区 Counties", analytics.Text{ZH: "县(市、区)", EN: "Counties"}),
		region("townships", analytics.Township, "乡镇(街道) Townships", analytics.Text{ZH: "乡镇(街道)", EN: "Townships"}),
		region("communities", analytics.Community, "社区(村) Communities", analytics.Text{ZH: "社区(村)", EN: "Communities"}),
		{ID: "facilities", Title: "服务设施 Facilities", Description: facilities,
			Name:   analytics.Text{ZH: "服务设施", EN: "Facilities"},
			About:  analytics.Text{ZH: "社区卫生服务中心和服务站、村卫生室、社区警务室和社区服务中心，含各自服务的地区。", EN: facilities},
			Source: func(s *analytics.Snapshot) ogcSource { return facilitySource{s.Facilities(), l} }},
		{ID: "grids", Title: "管理网格 Management grids", Description: grids,
			Name:   analytics.Text{ZH: "管理网格", EN: "Management grids"},
			About:  analytics.Text{ZH: "网格化管理的网格，含户数和网格员。", EN: grids},
			Source: func(s *analytics.Snapshot) ogcSource { return gridSource{s.Grids(), l} }},
	}
}

func (svc *Service) findCollection(s *analytics.Snapshot, id string) (*ogcCollection, bool) {
	for i := range svc.collections {
		if col := &svc.collections[i]; col.ID == id && col.offered(s) {
			return col, true
		}
	}
	return nil, false
}

// offered lists the collections s has.
func (svc *Service) offered(s *analytics.Snapshot) []*ogcCollection {
	var out []*ogcCollection
	for i := range svc.collections {
		if col := &svc.collections[i]; col.offered(s) {
			out = append(out, col)
		}
	}
	return out
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
