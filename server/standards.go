package server

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/standards"
	"github.com/labstack/echo/v4"
)

// tierJSON counts the units a standard applies to and those meeting it.
type tierJSON struct {
	Units   int     `json:"units"`
	Meeting int     `json:"meeting"`
	Rate    float64 `json:"rate"`
}

func newTier(t standards.Tier) tierJSON {
	return tierJSON{Units: t.Units, Meeting: t.Meeting, Rate: round(t.Rate(), 6)}
}

type centreJSON struct {
	Facility    string  `json:"facility"`
	FloorAreaM2 float64 `json:"floor_area_m2"`
	RequiredM2  float64 `json:"required_m2"`
	Meets       bool    `json:"meets"`
}

// floorAreaJSON is the floor-area standard (task 15) for a region.
type floorAreaJSON struct {
	Centre      *centreJSON `json:"centre"`
	Communities tierJSON    `json:"communities"`
	Townships   tierJSON    `json:"townships"`
	Counties    tierJSON    `json:"counties"`
	Total       tierJSON    `json:"total"`
	Rate        float64     `json:"rate"`
	Target      float64     `json:"target"`
	Meets       bool        `json:"meets"`
}

func newFloorArea(f *standards.FloorArea) floorAreaJSON {
	out := floorAreaJSON{
		Communities: newTier(f.Communities), Townships: newTier(f.Townships), Counties: newTier(f.Counties),
		Total: newTier(f.Total()), Rate: round(f.Total().Rate(), 6), Target: f.Target, Meets: f.Meets(),
	}
	if c := f.Centre; c != nil {
		out.Centre = &centreJSON{Facility: c.Facility, FloorAreaM2: c.FloorAreaM2, RequiredM2: round(c.RequiredM2, 1), Meets: c.Meets}
	}
	return out
}

type policeJSON struct {
	Post        string   `json:"post,omitempty"`
	Communities tierJSON `json:"communities"`
	Rate        float64  `json:"rate"`
	Meets       bool     `json:"meets"`
}

type healthJSON struct {
	Centre      string   `json:"centre,omitempty"`
	Station     string   `json:"station,omitempty"`
	Townships   tierJSON `json:"townships"`
	Communities tierJSON `json:"communities"`
	Rate        float64  `json:"rate"`
	Meets       bool     `json:"meets"`
}

type standardsItem struct {
	regionRef
	FloorArea floorAreaJSON `json:"floor_area"`
	Police    policeJSON    `json:"police"`
	Health    healthJSON    `json:"health"`
	MeetsAll  bool          `json:"meets_all"`
}

func newStandardsItem(r *analytics.Region, st *standards.Region) standardsItem {
	p, h := &st.Police, &st.Health
	it := standardsItem{
		regionRef: newRegionRef(r),
		FloorArea: newFloorArea(&st.FloorArea),
		Police:    policeJSON{Post: p.Post, Communities: newTier(p.Communities), Rate: round(p.Communities.Rate(), 6), Meets: p.Meets()},
		Health: healthJSON{Centre: h.Centre, Station: h.Station, Townships: newTier(h.Townships),
			Communities: newTier(h.Communities), Rate: round(h.Communities.Rate(), 6), Meets: h.Meets()},
	}
	it.MeetsAll = it.FloorArea.Meets && it.Police.Meets && it.Health.Meets
	return it
}

// standardsList answers the items item makes of the selected regions and
// their standards, cached per snapshot and request.
func standardsList[T any](api *API, c echo.Context, item func(*analytics.Region, *standards.Region) T) error {
	s := api.snap(c)
	regions, err := api.analysisRegions(c, s)
	if err != nil {
		return err
	}
	return api.cachedBody(c, s, echo.MIMEApplicationJSON, func() ([]byte, error) {
		st := standards.Of(s)
		items := make([]T, 0, len(regions))
		for _, r := range regions {
			if sr, ok := st.Region(r.Code); ok {
				items = append(items, item(r, sr))
			}
		}
		return marshalJSON(list[T]{Items: items})
	})
}

// GET /api/v1/standards?level=&parent=
func (api *API) listStandards(c echo.Context) error {
	return standardsList(api, c, newStandardsItem)
}

type floorAreaItem struct {
	regionRef
	floorAreaJSON
}

// GET /api/v1/standards/floor-area?level=&parent=
func (api *API) listFloorArea(c echo.Context) error {
	return standardsList(api, c, func(r *analytics.Region, sr *standards.Region) floorAreaItem {
		return floorAreaItem{regionRef: newRegionRef(r), floorAreaJSON: newFloorArea(&sr.FloorArea)}
	})
}
