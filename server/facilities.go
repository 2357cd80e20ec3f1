package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/web"
	"github.com/labstack/echo/v4"
)

type facilityItem struct {
	ID          string                 `json:"id"`
	Type        analytics.FacilityType `json:"type"`
	Name        string                 `json:"name"`
	Lon         float64                `json:"lon"`
	Lat         float64                `json:"lat"`
	FloorAreaM2 *float64               `json:"floor_area_m2"`
	Region      string                 `json:"region"`
}

// GET /api/v1/facilities?type=&region=
// region selects the facilities serving that region or any region in it.
func (api *API) listFacilities(c echo.Context) error {
	s := api.snap(c)
	types, err := facilityTypesParam(c)
	if err != nil {
		return err
	}
	region, err := regionParam(c, s, "region")
	if err != nil {
		return err
	}
	items := []facilityItem{}
	for _, f := range s.Facilities() {
		if types != nil && !types[f.Type] {
			continue
		}
		if region != nil && !s.Within(f.Region, region.Code) {
			continue
		}
		it := facilityItem{ID: f.ID, Type: f.Type, Name: f.Name, Lon: f.Point[0], Lat: f.Point[1], Region: f.Region}
		if f.FloorAreaM2 > 0 {
			a := f.FloorAreaM2
			it.FloorAreaM2 = &a
		}
		items = append(items, it)
	}
	return web.SendJSON(c, list[facilityItem]{Items: items})
}
