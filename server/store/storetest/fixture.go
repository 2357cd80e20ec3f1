package storetest

import (
	"math"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// Rect returns the closed ring of the rectangle with corners (x0, y0) and
// (x1, y1), counter-clockwise.
func Rect(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

// Fixture codes, for tests that refer to particular records.
const (
	CityCode      = "3206"
	CountyCode    = "320612"
	TownshipCode  = "320612001"
	UrbanCode     = "320612001001"
	RuralCode     = "320612001201"
	UnmappedCode  = "320612001202"
	GridCode      = "320612001001-01"
	FacilityID    = "F-320612001001-hs"
	IndicatorCode = "A1.1"
)

// Fixture returns a small changeset that exercises every field of every
// record type: the four levels, both kinds, Chinese names, multipolygons
// with holes and several parts, a region without a boundary, floats that
// have no short binary form, extreme int64s and every facility type.
func Fixture() *store.Changeset {
	county := orb.MultiPolygon{
		{Rect(120.8, 31.9, 121.2, 32.3), Rect(120.9, 32.0, 120.95, 32.05), Rect(121.0, 32.1, 121.01, 32.11)},
		{Rect(121.3, 31.95, 121.4, 32.0)},
	}
	return &store.Changeset{
		Kind:   "seed",
		Source: "storetest 夹具.csv",
		Regions: []analytics.Region{
			// Children before parents: the store must not depend on order.
			{
				Code: UrbanCode, Name: "金沙社区居委会", Level: analytics.Community, Parent: TownshipCode,
				Kind: analytics.Urban, Population: 8123, Households: 3011,
				Geometry: orb.MultiPolygon{{Rect(120.96, 32.06, 120.97, 32.07)}},
				AreaKM2:  1.0481234567890123, LabelPoint: orb.Point{120.965, 32.065}, Generated: true,
			},
			{
				Code: RuralCode, Name: "石港村村民委员会", Level: analytics.Community, Parent: TownshipCode,
				Kind: analytics.Rural, Population: 0, Households: 0,
				Geometry: orb.MultiPolygon{{Rect(120.97, 32.06, 120.98, 32.07), Rect(120.972, 32.062, 120.973, 32.063)}},
				AreaKM2:  0.1, LabelPoint: orb.Point{120.9751, 32.0651}, Generated: true,
			},
			{
				Code: UnmappedCode, Name: "新建村", Level: analytics.Community, Parent: TownshipCode,
				Kind: analytics.Rural, Population: 1, Households: 1,
				LabelPoint: orb.Point{0, 0},
			},
			{
				Code: TownshipCode, Name: "金沙街道", Level: analytics.Township, Parent: CountyCode,
				Population: 123456, Households: 45678,
				Geometry: orb.MultiPolygon{{Rect(120.96, 32.06, 121.0, 32.1)}},
				AreaKM2:  1e-9, LabelPoint: orb.Point{120.98, 32.08},
			},
			{
				Code: CountyCode, Name: "通州区", Level: analytics.County, Parent: CityCode,
				Population: math.MaxInt64, Households: 1<<53 + 1,
				Geometry: county, AreaKM2: 1351.0 / 3, LabelPoint: orb.Point{121.00000000000001, 32.1},
			},
			{
				Code: CityCode, Name: "南通市", Level: analytics.City,
				Population: 7_726_635, Households: 2_600_000,
				Geometry: orb.MultiPolygon{{Rect(120.2, 31.7, 121.9, 32.7)}},
				AreaKM2:  10549.0 + math.Pi, LabelPoint: orb.Point{120.894, 31.981},
			},
		},
		Observations: []analytics.Observation{
			{Indicator: IndicatorCode, Region: UrbanCode, Period: 2023, Value: 0.1},
			{Indicator: IndicatorCode, Region: UrbanCode, Period: 2013, Value: 1e-9},
			{Indicator: IndicatorCode, Region: RuralCode, Period: 2023, Value: -2.5},
			{Indicator: "B2", Region: TownshipCode, Period: 2023, Value: 1.0 / 3},
			{Indicator: "B2", Region: CityCode, Period: 0, Value: math.SmallestNonzeroFloat64},
			{Indicator: "C3.10", Region: CountyCode, Period: -1, Value: math.MaxFloat64},
			{Indicator: "指标", Region: UnmappedCode, Period: 2020, Value: 0},
			// Batch is set by the store; what is given here is ignored.
			{Indicator: "D4", Region: UrbanCode, Period: 2022, Value: 12345.678901234567, Batch: 999},
		},
		Facilities: []analytics.Facility{
			{ID: FacilityID, Type: analytics.HealthStation, Name: "金沙社区卫生服务站",
				Point: orb.Point{120.96412345678901, 32.06000000000001}, FloorAreaM2: 0.1, Region: UrbanCode},
			{ID: "F-320612001-hc", Type: analytics.HealthCentre, Name: "金沙街道社区卫生服务中心",
				Point: orb.Point{120.98, 32.08}, FloorAreaM2: 4500, Region: TownshipCode},
			{ID: "F-320612001201-vc", Type: analytics.VillageClinic, Name: "石港村卫生室",
				Point: orb.Point{120.975, 32.065}, Region: RuralCode},
			{ID: "F-320612001001-pp", Type: analytics.PolicePost, Name: "金沙社区警务室",
				Point: orb.Point{120.961, 32.061}, FloorAreaM2: 1e-9, Region: UrbanCode},
			{ID: "F-320612-sc", Type: analytics.ServiceCentre, Name: "通州区政务服务中心",
				Point: orb.Point{121.07, 32.07}, FloorAreaM2: 1.0 / 3, Region: CountyCode},
		},
		Grids: []analytics.Grid{
			{Code: GridCode, Community: UrbanCode, Households: 301, Worker: "张三",
				Geometry: orb.MultiPolygon{{Rect(120.96, 32.06, 120.965, 32.065)}}},
			{Code: "320612001001-02", Community: UrbanCode, Households: 0, Worker: "",
				Geometry: orb.MultiPolygon{
					{Rect(120.965, 32.06, 120.97, 32.065), Rect(120.966, 32.061, 120.967, 32.062)},
					{Rect(120.96, 32.066, 120.97, 32.07)},
				}},
			{Code: "320612001202-01", Community: UnmappedCode, Households: 12, Worker: "李四"},
		},
	}
}
