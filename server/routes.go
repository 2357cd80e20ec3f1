package server

import (
	"net/http"
	"strings"

	"github.com/community-atlas/atlas/server/auth"
	"github.com/community-atlas/atlas/server/ogc"
	"github.com/labstack/echo/v4"
)

// Beyond the roles, a route may be public (no credential) or open to anyone
// signed in.
const (
	public = "public"
	anyone = "anyone"
)

// The roles, as the route table names them.
const (
	viewer      = string(auth.Viewer)
	analyst     = string(auth.Analyst)
	dataManager = string(auth.DataManager)
	admin       = string(auth.Admin)
)

// route is one endpoint: its method and echo path, the least role it needs,
// its handler, and whether its answers carry the data version's ETag (see
// etag). Reading is for viewers; exports and the OGC API, which hand data
// away, for analysts; writes for data managers; accounts and the audit log
// for admins.
type route struct {
	method string
	path   string
	need   string
	handle echo.HandlerFunc
	tagged bool
}

// routes is every endpoint of the service with its permission: the one
// table the router is built from and the policy is read from.
func (api *API) routes() []route {
	get, post := http.MethodGet, http.MethodPost
	rs := []route{
		{get, "/healthz", public, api.healthz, false},
		{get, "/readyz", public, api.readyz, false},
		{get, "/api/v1/openapi.json", public, api.openapi, true},
		{get, "/api/v1/config", public, api.getAppConfig, false},
		{get, "/api/v1/regions", viewer, api.listRegions, true},
		{get, "/api/v1/regions.geojson", viewer, api.regionsGeoJSON, true},
		{get, "/api/v1/regions/:code", viewer, api.getRegion, true},
		{get, "/api/v1/indicators", viewer, api.listIndicators, true},
		{get, "/api/v1/periods", viewer, api.listPeriods, false},
		{get, "/api/v1/levels", viewer, api.listLevels, true},
		{get, "/api/v1/observations", viewer, api.listObservations, true},
		{get, "/api/v1/choropleth", viewer, api.getChoropleth, true},
		{get, "/api/v1/facilities", viewer, api.listFacilities, true},
		{get, "/api/v1/grids", viewer, api.listGrids, true},
		{get, "/api/v1/grids.geojson", viewer, api.gridsGeoJSON, true},
		{get, "/tiles/:layer", viewer, api.getTileJSON, true},
		{get, "/tiles/:layer/:z/:x/:y", viewer, api.getTile, true},
		{post, "/api/v1/imports/:kind", dataManager, api.postImport, false},
		{get, "/api/v1/regions/:code/history", viewer, api.regionHistory, false},
		{get, "/api/v1/batches", dataManager, api.listBatches, false},
		{get, "/api/v1/batches/:id", dataManager, api.getBatch, false},
		{post, "/api/v1/batches/:id/undo", dataManager, api.undoBatch, false},
	}
	rs = append(rs, api.coverageRoutes()...)
	rs = append(rs, api.reportRoutes()...)
	rs = append(rs, api.ogcRoutes()...)
	rs = append(rs, api.accountRoutes()...)
	rs = append(rs, api.uploadRoutes()...)
	rs = append(rs, api.checklistRoutes()...)
	rs = append(rs, api.roundRoutes()...)
	return append(rs, api.webAppRoutes()...)
}

// coverageRoutes: grid coverage, the standards and the 15-minute health
// circle. What-if and siting compute without saving: viewers may try them.
func (api *API) coverageRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{get, "/api/v1/coverage/grid", viewer, api.gridCoverage, true},
		{get, "/api/v1/coverage/grid/gaps", viewer, api.gridGaps, true},
		{get, "/api/v1/coverage/grid/overlaps", viewer, api.gridOverlaps, true},
		{get, "/api/v1/coverage/grid/grids", viewer, api.coverageGrids, true},
		{get, "/api/v1/standards", viewer, api.listStandards, true},
		{get, "/api/v1/standards/floor-area", viewer, api.listFloorArea, true},
		{get, "/api/v1/coverage/health", viewer, api.healthCoverage, true},
		{get, "/api/v1/coverage/health/uncovered", viewer, api.healthUncovered, true},
		{post, "/api/v1/coverage/health/whatif", viewer, api.healthWhatIf, true},
		{post, "/api/v1/coverage/health/siting", viewer, api.healthSiting, true},
		{get, "/api/v1/isochrones", viewer, api.isochrone, true},
		{get, "/api/v1/isochrones.geojson", viewer, api.isochronesMerged, true},
		{get, "/api/v1/networks", viewer, api.listNetworks, true},
	}
}

// reportRoutes: comparisons, charts, exports and the embedded ECharts.
func (api *API) reportRoutes() []route {
	get := http.MethodGet
	return []route{
		{get, "/api/v1/compare", viewer, api.getScorecard, true},
		{get, "/api/v1/compare/tasks", viewer, api.getTaskAttainment, true},
		{get, "/api/v1/compare/departments", viewer, api.getDepartmentAttainment, true},
		{get, "/api/v1/compare/distribution", viewer, api.getDistribution, true},
		{get, "/api/v1/compare/index", viewer, api.getIndex, true},
		{get, "/api/v1/regions/:code/brief.pdf", viewer, api.getBriefPDF, true},
		{get, "/api/v1/regions/:code/brief.html", viewer, api.getBriefHTML, true},
		{get, "/api/v1/charts/:kind", viewer, api.getChart, true},
		{get, "/api/v1/export/observations.:format", analyst, api.exportObservations, true},
		{get, "/api/v1/export/compare.:format", analyst, api.exportCompare, true},
		{get, "/api/v1/export/regions.:format", analyst, api.exportRegions, true},
		{get, "/api/v1/export/facilities.:format", analyst, api.exportFacilities, true},
		{get, "/api/v1/export/grids.:format", analyst, api.exportGrids, true},
		{get, "/api/v1/export/grid-gaps.:format", analyst, api.exportGridGaps, true},
		{get, "/api/v1/export/grid-overlaps.:format", analyst, api.exportGridOverlaps, true},
		{get, "/api/v1/export/health-coverage.:format", analyst, api.exportHealthCoverage, true},
		{get, "/api/v1/export/health-uncovered.:format", analyst, api.exportHealthUncovered, true},
		{get, "/api/v1/export/isochrones.:format", analyst, api.exportIsochrones, true},
		{get, "/api/v1/export/health-whatif.:format", analyst, api.exportHealthWhatIf, true},
		{get, "/api/v1/export/health-siting.:format", analyst, api.exportHealthSiting, true},
		{get, "/vendor/echarts/*", public, vendorAssets(), false},
	}
}

// ogcRoutes: OGC API – Features (server/ogc), which hands data away: for
// analysts.
func (api *API) ogcRoutes() []route {
	get := http.MethodGet
	o := ogc.New(api.snap, exportLayers{})
	return []route{
		{get, "/ogc", analyst, o.Landing, true},
		{get, "/ogc/", analyst, o.Landing, true},
		{get, "/ogc/conformance", analyst, o.Conformance, true},
		{get, "/ogc/api", analyst, o.API, true},
		{get, "/ogc/collections", analyst, o.Collections, true},
		{get, "/ogc/collections/:id", analyst, o.Collection, true},
		{get, "/ogc/collections/:id/items", analyst, o.Items, true},
		{get, "/ogc/collections/:id/items/:fid", analyst, o.Item, true},
		{get, ogc.StylesheetPath, analyst, o.Stylesheet, false},
	}
}

// accountRoutes: login, users, tokens and the audit log.
func (api *API) accountRoutes() []route {
	get, post := http.MethodGet, http.MethodPost
	return []route{
		{post, "/api/v1/auth/login", public, api.login, false},
		{post, "/api/v1/auth/logout", anyone, api.logout, false},
		{get, "/api/v1/auth/me", public, api.me, false}, // answers "not signed in" itself
		{post, "/api/v1/users", admin, api.createUser, false},
		{get, "/api/v1/users", admin, api.listUsers, false},
		{http.MethodPatch, "/api/v1/users/:username", admin, api.updateUser, false},
		{post, "/api/v1/tokens", analyst, api.createToken, false},
		{get, "/api/v1/tokens", analyst, api.listTokens, false},
		{http.MethodDelete, "/api/v1/tokens/:id", analyst, api.revokeToken, false},
		{get, "/api/v1/audit", admin, api.listAudit, false},
	}
}

// register adds every route to e, and indexes the permissions by method
// and path for authenticate.
func (api *API) register(e *echo.Echo) {
	api.needs = map[string]string{}
	for _, r := range api.routes() {
		h := r.handle
		if r.tagged {
			h = api.etag(h)
		}
		e.Add(r.method, r.path, h)
		api.needs[r.method+" "+r.path] = r.need
	}
}

// requiredRole returns the least role a request needs, by its route. A
// request that matched no route (routePath is not in the table) answers 404
// or 405, but only after the same check as the routes beside it, so that
// probing unknown paths tells an anonymous caller nothing.
func (api *API) requiredRole(method, routePath, urlPath string) string {
	if need, ok := api.needs[method+" "+routePath]; ok {
		return need
	}
	if method == http.MethodHead {
		if need, ok := api.needs[http.MethodGet+" "+routePath]; ok {
			return need
		}
	}
	switch {
	case unsafeMethod(method):
		return dataManager
	case strings.HasPrefix(urlPath, "/ogc"):
		return analyst
	case strings.HasPrefix(urlPath, "/api/"), strings.HasPrefix(urlPath, "/tiles/"):
		return viewer
	}
	return public
}
