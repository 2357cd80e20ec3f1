package server

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/gridcov"
	"github.com/community-atlas/atlas/analytics/healthcov"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/export"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
	"github.com/paulmach/orb"
)

// The coverage results as layer exports, so that what the map draws over
// the regions (grid gaps and overlaps, the health circle, its uncovered
// clusters, a what-if scenario and siting suggestions) leaves the app in
// the same formats and through the same writers as the regions do. Each
// takes the parameters of the endpoint it mirrors; what-if and siting,
// POSTs there, take theirs in the query so that a download is a link.

var gapFields = []export.Field{
	{Name: "id", Title: "编号", Type: export.String},
	{Name: "community", Title: "社区代码", Type: export.String},
	{Name: "reason", Title: "原因", Type: export.String},
	{Name: "area_m2", Title: "面积(m²)", Type: export.Real},
	{Name: "share", Title: "占社区面积", Type: export.Real},
	{Name: "households", Title: "估算户数", Type: export.Real},
}

// gapLayer lists the gaps in grid coverage of the communities, with the
// ids and figures of GET /api/v1/coverage/grid/gaps.
func gapLayer(comms []*gridcov.Community) *export.Layer {
	l := &export.Layer{Name: "grid_gaps", CRS: proj.Default, Fields: gapFields}
	for _, cc := range comms {
		reason := "uncovered"
		if len(cc.Grids) == 0 {
			reason = "no_grids"
		}
		for i, g := range cc.Gaps {
			id := cc.Code + "-gap-" + formatInt(int64(i+1))
			l.Features = append(l.Features, export.Feature{ID: id, Geometry: orb.MultiPolygon{g.Geometry},
				Values: []any{id, cc.Code, reason, round(g.AreaM2, 1), round(shareOf(g.AreaM2, cc.AreaM2), 6), round(g.Households, 1)}})
		}
	}
	return l
}

var overlapFields = []export.Field{
	{Name: "id", Title: "编号", Type: export.String},
	{Name: "community", Title: "社区代码", Type: export.String},
	{Name: "grid_a", Title: "网格甲", Type: export.String},
	{Name: "grid_b", Title: "网格乙", Type: export.String},
	{Name: "area_m2", Title: "面积(m²)", Type: export.Real},
}

// overlapLayer lists the pairs of overlapping grids, as
// GET /api/v1/coverage/grid/overlaps does.
func overlapLayer(comms []*gridcov.Community) *export.Layer {
	l := &export.Layer{Name: "grid_overlaps", CRS: proj.Default, Fields: overlapFields}
	for _, cc := range comms {
		for _, o := range cc.Overlaps {
			id := o.A + "+" + o.B
			l.Features = append(l.Features, export.Feature{ID: id, Geometry: o.Geometry,
				Values: []any{id, cc.Code, o.A, o.B, round(o.AreaM2, 1)}})
		}
	}
	return l
}

// GET /api/v1/export/grid-gaps.{fmt}?community=&parent=&crs=
func (api *API) exportGridGaps(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		comms, err := coverageCommunities(c, s)
		if err != nil {
			return nil, "", err
		}
		return gapLayer(comms), fileBase("grid-gaps", c.QueryParam("community"), c.QueryParam("parent")), nil
	})
}

// GET /api/v1/export/grid-overlaps.{fmt}?community=&parent=&crs=
func (api *API) exportGridOverlaps(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		comms, err := coverageCommunities(c, s)
		if err != nil {
			return nil, "", err
		}
		return overlapLayer(comms), fileBase("grid-overlaps", c.QueryParam("community"), c.QueryParam("parent")), nil
	})
}

// healthFields are the columns of a region's health-circle coverage; names
// keep within a Shapefile's ten characters.
var healthFields = []export.Field{
	{Name: "code", Title: "区划代码", Type: export.String},
	{Name: "name", Title: "名称", Type: export.String},
	{Name: "level", Title: "层级", Type: export.String},
	{Name: "parent", Title: "上级代码", Type: export.String},
	{Name: "population", Title: "人口", Type: export.Integer},
	{Name: "covered", Title: "覆盖人口", Type: export.Integer},
	{Name: "uncovered", Title: "未覆盖人口", Type: export.Integer},
	{Name: "households", Title: "户数", Type: export.Integer},
	{Name: "hh_covered", Title: "估算覆盖户数", Type: export.Integer},
	{Name: "share", Title: "覆盖率", Type: export.Real},
	{Name: "status", Title: "覆盖状态", Type: export.String},
	{Name: "meets", Title: "达标", Type: export.Boolean},
	{Name: "estimate", Title: "直线距离估算", Type: export.Boolean},
}

// whatIfFields follow healthFields in a what-if export: the same figures
// before the change.
var whatIfFields = []export.Field{
	{Name: "base_cov", Title: "变更前覆盖人口", Type: export.Integer},
	{Name: "base_share", Title: "变更前覆盖率", Type: export.Real},
	{Name: "change", Title: "覆盖人口变化", Type: export.Integer},
}

// healthLayer lists the regions with their coverage as the coverage (or,
// with baseline figures, the what-if) answer gives it.
func healthLayer(name string, regions []*analytics.Region, list healthList) *export.Layer {
	l := &export.Layer{Name: name, CRS: proj.Default, Fields: append([]export.Field(nil), healthFields...)}
	whatIf := len(list.Items) > 0 && list.Items[0].CoveredPopulationChange != nil
	if whatIf {
		l.Fields = append(l.Fields, whatIfFields...)
	}
	for i, it := range list.Items {
		values := []any{it.Code, it.Name, string(it.Level), it.Parent, it.Population, it.CoveredPopulation,
			it.UncoveredPopulation, it.Households, it.CoveredHouseholds, optional(it.CoveredShare), string(it.Status),
			it.Meets, it.Estimate}
		if whatIf {
			values = append(values, optional(it.BaselineCoveredPopulation), optional(it.BaselineCoveredShare), optional(it.CoveredPopulationChange))
		}
		l.Features = append(l.Features, export.Feature{ID: it.Code, Geometry: regions[i].Geometry, Values: values})
	}
	return l
}

// optional is *p, or nil (an empty cell) for a nil p.
func optional[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// GET /api/v1/export/health-coverage.{fmt}?level=&parent=&mode=&rural_mode=&minutes=&facility_types=&crs=
func (api *API) exportHealthCoverage(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		regions, err := api.analysisRegions(c, s)
		if err != nil {
			return nil, "", err
		}
		o, err := api.queryOptions(c)
		if err != nil {
			return nil, "", err
		}
		_, cov, err := healthCoverage(s, o)
		if err != nil {
			return nil, "", err
		}
		list := newHealthList(cov.Options, regions, cov.Regions(regions))
		return healthLayer("health_coverage", regions, list), fileBase("health-coverage", c.QueryParam("level"), c.QueryParam("parent"), minutesName(o)), nil
	})
}

// minutesName is the budget in a file name: "15min".
func minutesName(o healthcov.Options) string {
	if o.Minutes == 0 {
		return ""
	}
	return strconv.FormatFloat(o.Minutes, 'f', -1, 64) + "min"
}

var clusterFields = []export.Field{
	{Name: "rank", Title: "序号", Type: export.Integer},
	{Name: "population", Title: "未覆盖人口", Type: export.Real},
	{Name: "households", Title: "估算户数", Type: export.Real},
	{Name: "points", Title: "人口点数", Type: export.Integer},
	{Name: "area_km2", Title: "面积(km²)", Type: export.Real},
	{Name: "communities", Title: "所在社区", Type: export.String},
	{Name: "estimate", Title: "直线距离估算", Type: export.Boolean},
}

// minPopulationParam reads ?min_population=, the least residents of a
// cluster listed.
func minPopulationParam(c echo.Context) (float64, error) {
	v := c.QueryParam("min_population")
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || !(n >= 0) {
		return 0, web.BadParam("min_population", "%q is not a number of residents ≥ 0", v)
	}
	return n, nil
}

// clusterLayer lists the uncovered clusters of at least minPop residents,
// ranked as GET /api/v1/coverage/health/uncovered ranks them.
func clusterLayer(s *analytics.Snapshot, clusters []healthcov.Cluster, minPop float64) *export.Layer {
	l := &export.Layer{Name: "uncovered", CRS: proj.Default, Fields: clusterFields}
	for _, cl := range clusters {
		if cl.Population < minPop {
			continue
		}
		rank := int64(len(l.Features) + 1)
		l.Features = append(l.Features, export.Feature{ID: formatInt(rank), Geometry: cl.Geometry, Values: []any{
			rank, math.Round(cl.Population), round(clusterHouseholds(s, cl.Population, cl.Communities), 1), int64(cl.Points),
			round(cl.AreaKM2, 4), strings.Join(cl.Communities, ","), cl.Estimated > 0,
		}})
	}
	return l
}

// GET /api/v1/export/health-uncovered.{fmt}?parent=&mode=&rural_mode=&minutes=&facility_types=&min_population=&crs=
func (api *API) exportHealthUncovered(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		o, scope, err := api.queryOptionsIn(c, s)
		if err != nil {
			return nil, "", err
		}
		minPop, err := minPopulationParam(c)
		if err != nil {
			return nil, "", err
		}
		_, cov, err := healthCoverage(s, o)
		if err != nil {
			return nil, "", err
		}
		return clusterLayer(s, cov.Uncovered(scope), minPop), fileBase("health-uncovered", c.QueryParam("parent"), minutesName(o)), nil
	})
}

var isochroneFields = []export.Field{
	{Name: "mode", Title: "出行方式", Type: export.String},
	{Name: "minutes", Title: "分钟", Type: export.Real},
	{Name: "area_km2", Title: "面积(km²)", Type: export.Real},
	{Name: "facilities", Title: "设施数", Type: export.Integer},
	{Name: "estimate", Title: "直线距离估算", Type: export.Boolean},
}

// GET /api/v1/export/isochrones.{fmt}?parent=&mode=&rural_mode=&minutes=&facility_types=&crs=:
// the merged isochrones, one feature per travel mode.
func (api *API) exportIsochrones(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		o, scope, err := api.queryOptionsIn(c, s)
		if err != nil {
			return nil, "", err
		}
		m, err := healthcov.Of(s)
		if err != nil {
			return nil, "", err
		}
		isos, err := m.Merged(o, scope)
		if err != nil {
			return nil, "", healthError(err)
		}
		l := &export.Layer{Name: "isochrones", CRS: proj.Default, Fields: isochroneFields}
		for _, iso := range isos {
			l.Features = append(l.Features, export.Feature{ID: string(iso.Mode), Geometry: iso.Geometry,
				Values: []any{string(iso.Mode), iso.Minutes, round(iso.AreaKM2, 4), int64(iso.Sites), iso.Estimate()}})
		}
		return l, fileBase("isochrones", c.QueryParam("parent"), minutesName(o)), nil
	})
}

// addParam reads ?add=lon,lat[,type];…, the clinics a what-if adds, as
// the web app's address writes them.
func addParam(c echo.Context) ([]lonLat, error) {
	v := c.QueryParam("add")
	if v == "" {
		return nil, nil
	}
	var out []lonLat
	for i, part := range strings.Split(v, ";") {
		f := strings.Split(part, ",")
		if len(f) < 2 || len(f) > 3 {
			return nil, web.BadParam("add", "item %d %q is not lon,lat or lon,lat,type", i+1, part)
		}
		lon, err1 := strconv.ParseFloat(f[0], 64)
		lat, err2 := strconv.ParseFloat(f[1], 64)
		if err1 != nil || err2 != nil {
			return nil, web.BadParam("add", "item %d %q is not lon,lat or lon,lat,type", i+1, part)
		}
		p := lonLat{Lon: &lon, Lat: &lat}
		if len(f) == 3 {
			p.Type = f[2]
		}
		out = append(out, p)
	}
	return out, nil
}

// listParam splits a comma-separated parameter; nil when empty.
func listParam(c echo.Context, name string) []string {
	if v := c.QueryParam(name); v != "" {
		return strings.Split(v, ",")
	}
	return nil
}

// GET /api/v1/export/health-whatif.{fmt}?level=&parent=&add=&remove=&mode=&rural_mode=&minutes=&facility_types=&crs=:
// the regions' coverage after the change, beside before it.
func (api *API) exportHealthWhatIf(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		req := whatIfRequest{Level: c.QueryParam("level"), Parent: c.QueryParam("parent"), Remove: listParam(c, "remove")}
		if err := req.healthOptions.fromQuery(c); err != nil {
			return nil, "", err
		}
		add, err := addParam(c)
		if err != nil {
			return nil, "", err
		}
		req.Add = add
		if err := capItems("add", len(req.Add)); err != nil {
			return nil, "", err
		}
		if err := capItems("remove", len(req.Remove)); err != nil {
			return nil, "", err
		}
		regions, list, err := api.whatIf(s, req)
		if err != nil {
			return nil, "", err
		}
		return healthLayer("health_whatif", regions, list), fileBase("health-whatif", req.Level, req.Parent, minutesName(healthcov.Options{Minutes: list.Minutes})), nil
	})
}

var siteFields = []export.Field{
	{Name: "rank", Title: "序号", Type: export.Integer},
	{Name: "gain", Title: "新增覆盖人口", Type: export.Real},
	{Name: "covered", Title: "累计覆盖人口", Type: export.Real},
	{Name: "share", Title: "累计覆盖率", Type: export.Real},
	{Name: "community", Title: "所在社区", Type: export.String},
	{Name: "type", Title: "建议类型", Type: export.String},
}

// GET /api/v1/export/health-siting.{fmt}?k=&parent=&mode=&rural_mode=&minutes=&facility_types=&crs=:
// the k best new sites, as POST /api/v1/coverage/health/siting chooses
// them from the default candidates.
func (api *API) exportHealthSiting(c echo.Context) error {
	return api.exportLayer(c, func(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
		req := sitingRequest{Parent: c.QueryParam("parent")}
		if err := req.healthOptions.fromQuery(c); err != nil {
			return nil, "", err
		}
		if v := c.QueryParam("k"); v != "" {
			k, err := strconv.Atoi(v)
			if err != nil {
				return nil, "", web.BadParam("k", "%q is not a whole number", v)
			}
			req.K = k
		}
		cov, st, err := api.siting(s, req)
		if err != nil {
			return nil, "", err
		}
		return siteLayer(cov, st), fileBase("health-siting", req.Parent, sitesName(req.K), minutesName(cov.Options)), nil
	})
}

// siteLayer lists the suggested sites with the figures of the siting
// answer (sitingCollection), so both say the same.
func siteLayer(cov *healthcov.Coverage, st *healthcov.Siting) *export.Layer {
	l := &export.Layer{Name: "siting", CRS: proj.Default, Fields: siteFields}
	for i, f := range sitingCollection(cov, st).Features {
		p := f.Properties
		rank := int64(i + 1)
		l.Features = append(l.Features, export.Feature{ID: formatInt(rank), Geometry: f.Geometry,
			Values: []any{rank, p["gain"], p["covered_population"], p["covered_share"], p["community"], fmt.Sprint(p["type"])}})
	}
	return l
}

// sitesName is the number of sites asked for in a file name: "k3".
func sitesName(k int) string {
	if k <= 0 {
		return ""
	}
	return "k" + strconv.Itoa(k)
}
