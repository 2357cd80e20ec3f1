package server_test

import (
	"testing"

	"github.com/community-atlas/atlas/internal/golden"
)

// The ECharts option of every chart kind over the fixture, indented and
// compared with testdata/charts/<kind>.json: the builders' data (ranks,
// blended targets, missing values) and the charts' styling in one place.
// The ranking is drawn in English too, for the labels. Values to check a
// change against: the city target is the population blend
// (8·3000 + 5·1000)/4000 = 7.25; 通州区 has 8.5 in 2013 and 11 in 2014
// (only the urban community reports in 2014); 如东县 has no data ("-").
func TestChartsGolden(t *testing.T) {
	s := newServer(t, fixture())
	for name, query := range map[string]string{
		"ranking":    "ranking?indicator=registered_volunteers&period=2013",
		"ranking-en": "ranking?indicator=registered_volunteers&period=2013&lang=en",
		"heatmap":    "heatmap?period=2013",
		"radar":      "radar?region=320612&period=2013",
		"trend":      "trend?indicator=registered_volunteers",
		"boxplot":    "boxplot?indicator=registered_volunteers&period=2013",
		"attainment": "attainment?period=2013",
	} {
		resp, body := s.fetch(t, "/api/v1/charts/"+query)
		if resp.StatusCode != 200 {
			t.Errorf("%s: status %d: %s", query, resp.StatusCode, body)
			continue
		}
		golden.Check(t, "charts/"+name+".json", golden.JSON(t, body), *update)
	}
}
