package server_test

import "testing"

type tier struct{ Units, Meeting int }

type standardsItem struct {
	Code, Level string
	FloorArea   struct {
		Centre *struct {
			Facility    string
			FloorAreaM2 float64 `json:"floor_area_m2"`
			RequiredM2  float64 `json:"required_m2"`
			Meets       bool
		}
		Communities, Townships, Counties, Total tier
		Rate                                    float64
		Meets                                   bool
	} `json:"floor_area"`
	Police struct {
		Post        string
		Communities tier
		Meets       bool
	}
	Health struct {
		Centre, Station        string
		Townships, Communities tier
		Meets                  bool
	}
	MeetsAll bool `json:"meets_all"`
}

// The fixture: 甲 (1000 households, needs 400 m²) has a health station
// and no service centre; 乙 (333 households) a 450 m² service centre and
// nothing else; the township and the two counties have no centres; nobody
// has a police post.
func TestStandards(t *testing.T) {
	s := newServer(t, fixture())
	var l struct{ Items []standardsItem }
	s.get(t, "/api/v1/standards?level=community", 200, &l)
	if len(l.Items) != 2 {
		t.Fatalf("items %+v", l.Items)
	}
	jia, yi := l.Items[0], l.Items[1]
	if c := jia.FloorArea.Centre; c == nil || c.Facility != "" || c.RequiredM2 != 400 || c.Meets || jia.FloorArea.Meets {
		t.Errorf("甲 floor area %+v", jia.FloorArea)
	}
	if c := yi.FloorArea.Centre; c == nil || c.Facility != "F2" || c.FloorAreaM2 != 450 || !c.Meets || !yi.FloorArea.Meets {
		t.Errorf("乙 floor area %+v", yi.FloorArea)
	}
	if jia.Health.Station != "F1" || !jia.Health.Meets || yi.Health.Meets || jia.Police.Meets || jia.Police.Post != "" {
		t.Errorf("甲 health %+v police %+v; 乙 health %+v", jia.Health, jia.Police, yi.Health)
	}
	s.get(t, "/api/v1/standards?parent=3206", 200, &l)
	if len(l.Items) != 2 || l.Items[0].Code != "320612" {
		t.Fatalf("counties %+v", l.Items)
	}
	c := l.Items[0]
	if c.FloorArea.Total != (tier{4, 1}) || c.FloorArea.Rate != 0.25 || c.FloorArea.Meets || c.FloorArea.Centre.RequiredM2 != 3000 ||
		c.Police.Communities != (tier{2, 0}) || c.Health.Townships != (tier{1, 0}) || c.Health.Communities != (tier{2, 1}) || c.MeetsAll {
		t.Errorf("county 320612 %+v", c)
	}

	var fa struct {
		Items []struct {
			Code   string
			Centre *struct{ Facility string }
			Total  tier
			Rate   float64
			Target float64
			Meets  bool
		}
	}
	s.get(t, "/api/v1/standards/floor-area?level=city", 200, &fa)
	if len(fa.Items) != 1 || fa.Items[0].Centre != nil || fa.Items[0].Total != (tier{5, 1}) || fa.Items[0].Target != 0.95 {
		t.Errorf("city floor area %+v", fa.Items)
	}
	var p problem
	s.get(t, "/api/v1/standards?level=street", 400, &p)
	s.get(t, "/api/v1/standards/floor-area?parent=1", 404, &p)
}
