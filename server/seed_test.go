package server_test

import (
	"math"
	"strings"
	"testing"
)

// TestSeededNantong starts on an empty store, which seeds itself from the
// embedded Nantong files through the importers, and checks the result
// against the reference data's own figures.
func TestSeededNantong(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { checkSeeded(t, newServerOn(t, openSQLite(t), nil)) })
	t.Run("postgis", func(t *testing.T) { checkSeeded(t, newServerOn(t, openPostGIS(t), nil)) })
}

func checkSeeded(t *testing.T, s *testServer) {
	count := func(level string) []region {
		var l struct{ Items []region }
		s.get(t, "/api/v1/regions?level="+level, 200, &l)
		return l.Items
	}
	counties, townships, communities := count("county"), count("township"), count("community")
	// The 2023 codes: 7 counties with real polygons (港闸区 merged into 崇川区)
	// plus the development zone, whose polygon is generated.
	if len(counties) != 8 || len(townships) != 136 || len(communities) != 2005 {
		t.Fatalf("%d counties, %d townships, %d communities; want 8, 136, 2005", len(counties), len(townships), len(communities))
	}
	city := count("city")[0]
	if city.Population < 7.0e6 || city.Population > 7.6e6 {
		t.Errorf("city population %d, want about 7.3 million", city.Population)
	}
	// PostGIS on the reference polygons: the union of the counties is
	// 9,817.55 km² (data README); repair and the rounding of generated
	// coordinates may move that by a little.
	if math.Abs(city.AreaKM2-9817.55) > 2 {
		t.Errorf("city area %.2f km², want about 9,817.55", city.AreaKM2)
	}
	var sum float64
	for _, c := range counties {
		sum += c.AreaKM2
	}
	if math.Abs(sum-city.AreaKM2) > 1e-6*city.AreaKM2 {
		t.Errorf("counties add up to %.4f km², the city is %.4f km²", sum, city.AreaKM2)
	}
	// Residents' committees (居委会) are urban, villagers' committees
	// (村委会) rural; seeds/README.md explains the other endings.
	urban := 0
	for _, c := range communities {
		if c.Kind == "urban" {
			urban++
		}
		if (strings.HasSuffix(c.Name, "居委会") && c.Kind != "urban") || (strings.HasSuffix(c.Name, "村委会") && c.Kind != "rural") {
			t.Errorf("community %s %s is %s", c.Code, c.Name, c.Kind)
		}
	}
	if urban == 0 || urban == len(communities) {
		t.Errorf("%d of %d communities urban", urban, len(communities))
	}
	// Every indicator has a value for every county in every period. In
	// 2013, the notice's year, the targets are neither all met nor all
	// missed; in 2012 and 2014 only the targets dated for them (每年, every
	// year from 2013: training, in 2014) are judged; the others are shown
	// as not judged, as is everything in 2012, before the notice.
	everyYear := map[string]bool{"worker_training": true}
	for _, period := range []string{"2012", "2013", "2014"} {
		var obs struct{ Items []observation }
		s.get(t, "/api/v1/observations?level=county&period="+period, 200, &obs)
		met, judged := 0, 0
		for _, o := range obs.Items {
			if o.Value == nil {
				t.Errorf("%s %s %s: no value", period, o.Indicator, o.Code)
				continue
			}
			if o.Meets != nil {
				judged++
				if *o.Meets {
					met++
				}
			}
			wantJudged := period == "2013" || period == "2014" && everyYear[o.Indicator]
			if (o.Meets != nil) != wantJudged || (!wantJudged && (o.NotJudged != "period" || o.Target != nil)) {
				t.Errorf("%s %s %s: verdict %q (%q), target %v", period, o.Indicator, o.Code, o.Verdict, o.NotJudged, o.Target)
			}
		}
		if period == "2013" && (met == 0 || met == judged) {
			t.Errorf("%s: %d of %d county judgements met", period, met, judged)
		}
	}
}
