package server

import (
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo/format/geojson"
	"github.com/community-atlas/atlas/geo/format/gpkg"
	"github.com/community-atlas/atlas/geo/format/shp"
	"github.com/community-atlas/atlas/geo/proj"
	"github.com/community-atlas/atlas/server/export"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

// layerFormats are the formats of map-layer exports, with media types.
var layerFormats = map[string]string{
	"geojson": web.MIMEGeoJSON,
	"gpkg":    "application/geopackage+sqlite3",
	"shp.zip": "application/zip",
	"csv":     "text/csv; charset=utf-8",
	"xlsx":    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

// crsParam reads ?crs=, the CRS of an export (default EPSG:4326).
func crsParam(c echo.Context) (proj.CRS, error) {
	v := c.QueryParam("crs")
	crs, err := proj.Parse(v)
	switch {
	case errors.Is(err, proj.ErrNeedsDatumShift):
		return crs, web.BadParam("crs", "%q is not a supported CRS for exports: its datum differs from WGS 84/CGCS2000 by up to a few hundred metres, and no shift to WGS 84 is given (supported: %s)", v, proj.Names())
	case err != nil:
		return crs, web.BadParam("crs", "%q is not a supported CRS (%s)", v, proj.Names())
	}
	return crs, nil
}

// sendLayer reprojects l to the requested CRS and writes it in format as a
// download named base_crs.format.
func (api *API) sendLayer(c echo.Context, l *export.Layer, format, base string) error {
	crs, err := crsParam(c)
	if err != nil {
		return err
	}
	l = l.Reproject(crs)
	base = fileBase(base, crs.Slug())
	err = sendDownload(c, base+"."+format, layerFormats[format], func(w io.Writer) error {
		switch format {
		case "gpkg":
			return gpkg.Write(c.Request().Context(), w, l)
		case "shp.zip":
			return shp.Write(w, l, base, batchTime(api.snap(c)))
		case "csv":
			return export.WriteCSVWKT(w, l)
		case "xlsx":
			return export.WriteXLSXWKT(w, l)
		}
		return geojson.Write(w, l)
	})
	var long *export.CellTooLongError
	if errors.As(err, &long) {
		return web.BadParam("format", "%v", long)
	}
	return err
}

// exportLayer answers GET /api/v1/export/{name}.{geojson,gpkg,shp.zip,csv,xlsx}:
// build reads the other parameters and makes the layer and the download's
// name.
func (api *API) exportLayer(c echo.Context, build func(echo.Context, *analytics.Snapshot) (*export.Layer, string, error)) error {
	format := c.Param("format")
	if _, ok := layerFormats[format]; !ok {
		return web.BadParam("format", "%q is not geojson, gpkg, shp.zip, csv or xlsx", format)
	}
	l, base, err := build(c, api.snap(c))
	if err != nil {
		return err
	}
	return api.sendLayer(c, l, format, base)
}

// batchTime is when the data last changed: the time of the last batch.
func batchTime(s *analytics.Snapshot) time.Time {
	b := s.Batches()
	if len(b) == 0 {
		return time.Date(2013, 2, 27, 0, 0, 0, 0, time.UTC)
	}
	return b[len(b)-1].At
}

var regionFields = []export.Field{
	{Name: "code", Title: "区划代码", Type: export.String},
	{Name: "name", Title: "名称", Type: export.String},
	{Name: "level", Title: "层级", Type: export.String},
	{Name: "parent", Title: "上级代码", Type: export.String},
	{Name: "kind", Title: "城乡", Type: export.String},
	{Name: "population", Title: "人口", Type: export.Integer},
	{Name: "households", Title: "户数", Type: export.Integer},
	{Name: "area_km2", Title: "面积(km²)", Type: export.Real},
}

// regionLayer builds the regions of a level with indicator values for a
// period: with ind, its value, target, meets and gap; without, one value
// column per indicator, named by the indicator's id.
func regionLayer(s *analytics.Snapshot, regions []*analytics.Region, ind *analytics.Indicator, period int) *export.Layer {
	l := &export.Layer{Name: "regions", CRS: proj.Default, Fields: append([]export.Field(nil), regionFields...)}
	indicators := catalogueIndicators(s, ind)
	if ind != nil {
		l.Fields = append(l.Fields,
			export.Field{Name: "value", Title: "数值", Type: export.Real}, export.Field{Name: "unit", Title: "单位", Type: export.String})
		l.Fields = append(l.Fields, targetColumns...)
	} else {
		for _, ind := range indicators {
			l.Fields = append(l.Fields, export.Field{Name: ind.ID, Title: ind.Name.ZH, Type: export.Real})
		}
	}
	items := make([][]observationItem, len(indicators))
	for i, ind := range indicators {
		items[i] = observationItems(s, ind, period, regions)
	}
	for r, reg := range regions {
		values := []any{reg.Code, reg.Name, string(reg.Level), reg.Parent, string(reg.Kind), reg.Population, reg.Households, round(reg.AreaKM2, 6)}
		if ind != nil {
			it := items[0][r]
			values = append(values, float(it.Value), it.Unit)
			values = append(values, targetCells(it.Judgement)...)
		} else {
			for i := range indicators {
				values = append(values, float(items[i][r].Value))
			}
		}
		l.Features = append(l.Features, export.Feature{ID: reg.Code, Geometry: reg.Geometry, Values: values})
	}
	return l
}

// GET /api/v1/export/regions.{geojson,gpkg,shp.zip,csv,xlsx}?level=&parent=&period=&indicator=&crs=
func (api *API) exportRegions(c echo.Context) error {
	return api.exportLayer(c, regionsExport)
}

func regionsExport(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
	q, err := valuesParams(c, s)
	if err != nil {
		return nil, "", err
	}
	period, err := web.PeriodParam(c, s)
	if err != nil {
		return nil, "", err
	}
	return regionLayer(s, q.regions, q.ind, period),
		fileBase("regions", string(q.level), c.QueryParam("parent"), strconv.Itoa(period), indicatorName(q.ind)), nil
}

var facilityFields = []export.Field{
	{Name: "id", Title: "编号", Type: export.String},
	{Name: "type", Title: "类型", Type: export.String},
	{Name: "name", Title: "名称", Type: export.String},
	{Name: "floor_area_m2", Title: "建筑面积(m²)", Type: export.Real},
	{Name: "region", Title: "服务区划代码", Type: export.String},
	{Name: "region_name", Title: "服务区划", Type: export.String},
}

// facilityLayer lists facilities as points.
func facilityLayer(s *analytics.Snapshot, facilities []analytics.Facility) *export.Layer {
	l := &export.Layer{Name: "facilities", CRS: proj.Default, Fields: facilityFields}
	for _, f := range facilities {
		var area, regionName any
		if f.FloorAreaM2 > 0 {
			area = f.FloorAreaM2
		}
		if r, ok := s.Region(f.Region); ok {
			regionName = r.Name
		}
		l.Features = append(l.Features, export.Feature{ID: f.ID, Geometry: f.Point,
			Values: []any{f.ID, string(f.Type), f.Name, area, f.Region, regionName}})
	}
	return l
}

// GET /api/v1/export/facilities.{geojson,gpkg,shp.zip,csv,xlsx}?type=&region=&crs=
func (api *API) exportFacilities(c echo.Context) error {
	return api.exportLayer(c, facilitiesExport)
}

func facilitiesExport(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
	types, err := facilityTypesParam(c)
	if err != nil {
		return nil, "", err
	}
	region, err := regionParam(c, s, "region")
	if err != nil {
		return nil, "", err
	}
	var picked []analytics.Facility
	for _, f := range s.Facilities() {
		if (types == nil || types[f.Type]) && (region == nil || s.Within(f.Region, region.Code)) {
			picked = append(picked, f)
		}
	}
	return facilityLayer(s, picked), fileBase("facilities", c.QueryParam("type"), c.QueryParam("region")), nil
}

var gridFields = []export.Field{
	{Name: "code", Title: "网格编码", Type: export.String},
	{Name: "community", Title: "社区代码", Type: export.String},
	{Name: "community_name", Title: "社区", Type: export.String},
	{Name: "households", Title: "户数", Type: export.Integer},
	{Name: "worker", Title: "网格员", Type: export.String},
	{Name: "area_m2", Title: "面积(m²)", Type: export.Real},
}

// gridLayer lists management grids.
func gridLayer(s *analytics.Snapshot, grids []*analytics.Grid) *export.Layer {
	l := &export.Layer{Name: "grids", CRS: proj.Default, Fields: gridFields}
	for _, g := range grids {
		var name any
		if r, ok := s.Region(g.Community); ok {
			name = r.Name
		}
		it := newGridItem(g)
		l.Features = append(l.Features, export.Feature{ID: g.Code, Geometry: g.Geometry,
			Values: []any{it.Code, it.Community, name, it.Households, it.Worker, it.AreaM2}})
	}
	return l
}

// GET /api/v1/export/grids.{geojson,gpkg,shp.zip,csv,xlsx}?community=&parent=&crs=
func (api *API) exportGrids(c echo.Context) error {
	return api.exportLayer(c, gridsExport)
}

func gridsExport(c echo.Context, s *analytics.Snapshot) (*export.Layer, string, error) {
	grids, err := selectGrids(c, s)
	if err != nil {
		return nil, "", err
	}
	return gridLayer(s, grids), fileBase("grids", c.QueryParam("community"), c.QueryParam("parent")), nil
}

// exportLayers gives the OGC API the exports' layer builders, so both
// answer with the same columns.
type exportLayers struct{}

func (exportLayers) Regions(s *analytics.Snapshot, regions []*analytics.Region, period int) *export.Layer {
	return regionLayer(s, regions, nil, period)
}

func (exportLayers) Facilities(s *analytics.Snapshot, facilities []analytics.Facility) *export.Layer {
	return facilityLayer(s, facilities)
}

func (exportLayers) Grids(s *analytics.Snapshot, grids []*analytics.Grid) *export.Layer {
	return gridLayer(s, grids)
}
