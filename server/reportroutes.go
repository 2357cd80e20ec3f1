package server

import "github.com/labstack/echo/v4"

// routeReports registers comparisons, charts, exports, the embedded
// ECharts and the OGC API – Features.
func (api *API) routeReports(e *echo.Echo, v1 *echo.Group) {
	v1.GET("/compare", api.getScorecard)
	v1.GET("/compare/tasks", api.getTaskAttainment)
	v1.GET("/compare/departments", api.getDepartmentAttainment)
	v1.GET("/compare/distribution", api.getDistribution)
	v1.GET("/compare/index", api.getIndex)
	v1.GET("/charts/:kind", api.getChart)
	v1.GET("/export/observations.:format", api.exportObservations)
	v1.GET("/export/compare.:format", api.exportCompare)
	v1.GET("/export/regions.:format", api.exportRegions)
	v1.GET("/export/facilities.:format", api.exportFacilities)
	v1.GET("/export/grids.:format", api.exportGrids)
	e.GET("/vendor/echarts/*", vendorAssets())

	ogc := e.Group("/ogc", api.etag)
	ogc.GET("", api.ogcLanding)
	ogc.GET("/", api.ogcLanding)
	ogc.GET("/conformance", api.ogcConformance)
	ogc.GET("/api", api.ogcAPI)
	ogc.GET("/collections", api.ogcCollections)
	ogc.GET("/collections/:id", api.ogcCollection)
	ogc.GET("/collections/:id/items", api.ogcItems)
	ogc.GET("/collections/:id/items/:fid", api.ogcItem)
}
