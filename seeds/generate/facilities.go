package main

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/geo"
	"github.com/paulmach/orb"
)

// facility is one row of facilities.csv. area is the floor area in m², 0
// where not recorded.
type facility struct {
	id, name string
	typ      analytics.FacilityType
	pt       orb.Point
	area     float64
	region   string
}

// Shares of communities with each kind of facility.
const (
	clinicShare        = 0.85 // health station (urban) or village clinic (rural)
	policeShare        = 0.90
	serviceCentreShare = 0.95
	clinicAreaShare    = 0.6 // clinics whose floor area is on record
)

// Floor-area standards of task 15 of the 2013 notice, in m².
const (
	communityCentreMin    = 400.0
	communityCentrePer100 = 20.0
	townshipCentreStd     = 1500.0
	countyCentreStd       = 3000.0
)

// placeFacilities places, for every township, its health centre and service
// centre near the seat; for every county its service centre near the seat;
// and for most communities a clinic, a police post and a service centre
// near the label point. Every point lies inside the region it serves.
func placeFacilities(a *atlas) []facility {
	var out []facility
	for _, c := range a.counties {
		r := rng("facilities", c.code)
		out = append(out, facility{
			typ: analytics.ServiceCentre, name: c.name + "社区服务中心",
			pt: pointNear(r, c.geom, c.seat, 0.3), region: c.code,
			area: math.Round(countyCentreStd * centreFactor(r)),
		})
	}
	for _, t := range a.townships {
		r := rng("facilities", t.code)
		hc := t.name + "卫生院"
		if strings.HasSuffix(t.name, "街道") || !strings.HasSuffix(t.name, "镇") {
			hc = t.name + "社区卫生服务中心"
		}
		out = append(out,
			facility{
				typ: analytics.HealthCentre, name: hc,
				pt: pointNear(r, t.geom, t.seat, 0.3), region: t.code,
				area: math.Round(1500 + 3500*r.Float64()),
			},
			facility{
				typ: analytics.ServiceCentre, name: t.name + "社区服务中心",
				pt: pointNear(r, t.geom, t.seat, 0.3), region: t.code,
				area: math.Round(townshipCentreStd * centreFactor(r)),
			})
	}
	for _, c := range a.communities {
		r := rng("facilities", c.code)
		short := shortName(c.name)
		urban := c.kind == analytics.Urban
		spread := 0.4
		if urban {
			spread = 0.2
		}
		if r.Float64() < clinicShare {
			f := facility{typ: analytics.VillageClinic, name: short + "卫生室", region: c.code}
			if urban {
				f.typ, f.name = analytics.HealthStation, short+"卫生服务站"
			}
			f.pt = pointNear(r, c.geom, c.seat, spread)
			if r.Float64() < clinicAreaShare {
				if urban {
					f.area = math.Round(150 + 250*r.Float64())
				} else {
					f.area = math.Round(60 + 140*r.Float64())
				}
			}
			out = append(out, f)
		}
		if r.Float64() < policeShare {
			out = append(out, facility{
				typ: analytics.PolicePost, name: short + "警务室",
				pt: pointNear(r, c.geom, c.seat, spread), region: c.code,
			})
		}
		if r.Float64() < serviceCentreShare {
			std := max(communityCentreMin, communityCentrePer100*float64(c.hh)/100)
			name := short + "社区服务中心"
			if strings.HasSuffix(short, "社区") {
				name = short + "服务中心"
			}
			out = append(out, facility{
				typ: analytics.ServiceCentre, name: name,
				pt: pointNear(r, c.geom, c.seat, spread), region: c.code,
				area: math.Round(std * centreFactor(r)),
			})
		}
	}
	for i := range out {
		out[i].id = "F-" + out[i].region + "-" + string(out[i].typ) + "-1"
	}
	return out
}

// centreFactor spreads a service centre's floor area around its standard:
// mostly above it, about one in five below.
func centreFactor(r *rand.Rand) float64 {
	return min(2.5, max(0.4, 1.15+0.18*r.NormFloat64()))
}

// pointNear draws a point inside mp within about km kilometres of centre,
// rounded as every coordinate written; after 50 misses it settles for
// centre itself, which the callers keep inside mp.
func pointNear(r *rand.Rand, mp orb.MultiPolygon, centre orb.Point, km float64) orb.Point {
	k := math.Cos(centre[1] * math.Pi / 180)
	scale := math.Pow(10, coordDecimals)
	for range 50 {
		d := km / kmPerDegree * math.Sqrt(r.Float64())
		th := 2 * math.Pi * r.Float64()
		p := geo.RoundPoint(orb.Point{centre[0] + d*math.Cos(th)/k, centre[1] + d*math.Sin(th)}, scale)
		if geo.PointInMultiPolygon(mp, p) {
			return p
		}
	}
	return geo.RoundPoint(centre, scale)
}

// facilitiesCSV writes facilities.csv in placement order: counties,
// townships, communities, each by code.
func facilitiesCSV(a *atlas) []byte {
	rows := [][]string{{"id", "type", "name", "lon", "lat", "floor_area_m2", "region"}}
	for _, f := range a.facilities {
		area := ""
		if f.area > 0 {
			area = strconv.FormatFloat(f.area, 'f', 0, 64)
		}
		rows = append(rows, []string{f.id, string(f.typ), f.name, coord(f.pt[0]), coord(f.pt[1]), area, f.region})
	}
	return csvBytes(rows)
}
