package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// fetch returns the status, headers and body of a GET.
func (s *testServer) fetch(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := s.client().Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, body
}

func TestChartOptions(t *testing.T) {
	s := newServer(t, fixture())
	var bar struct {
		Series []struct {
			Type     string
			Data     []map[string]any
			MarkLine struct{ Data []struct{ YAxis float64 } } `json:"markLine"`
		}
		XAxis []struct{ Data []string } `json:"xAxis"`
	}
	s.get(t, "/api/v1/charts/ranking?indicator=registered_volunteers&period=2013", 200, &bar)
	// Bars in rank order; the city target is the population blend
	// (8·3000 + 5·1000)/4000 = 7.25; each region's target as a step line.
	if len(bar.Series) != 2 || bar.Series[0].Type != "bar" || bar.Series[1].Type != "line" {
		t.Fatalf("series %+v", bar.Series)
	}
	if d := bar.Series[0].Data; d[0]["name"] != "通州区" || d[0]["value"] != 8.5 || d[1]["value"] != "-" ||
		d[0]["itemStyle"].(map[string]any)["color"] != "#1a9850" {
		t.Errorf("bars %v", d)
	}
	if ml := bar.Series[0].MarkLine.Data; len(ml) != 1 || ml[0].YAxis != 7.25 {
		t.Errorf("mark line %+v", ml)
	}
	if bar.Series[1].Data[0]["value"] != 7.25 {
		t.Errorf("target line %v", bar.Series[1].Data)
	}
	var heat struct {
		Series []struct{ Data []struct{ Value [3]float64 } }
	}
	s.get(t, "/api/v1/charts/heatmap?period=2013", 200, &heat)
	if d := heat.Series[0].Data; len(d) != 1 || d[0].Value != [3]float64{0, 0, 100} {
		t.Errorf("heatmap data %+v", d)
	}
	var trend struct {
		Series []struct {
			Name string
			Data []struct{ Value any }
		}
	}
	s.get(t, "/api/v1/charts/trend?indicator=registered_volunteers", 200, &trend)
	// 通州区 and the city: 8.5 then 11 (2014 has only the urban community).
	if len(trend.Series) != 3 || trend.Series[2].Name != "南通市" || trend.Series[0].Data[0].Value != 8.5 || trend.Series[0].Data[1].Value != 11.0 ||
		trend.Series[1].Data[0].Value != "-" {
		t.Errorf("trend %+v", trend.Series)
	}
	var radar struct {
		Radar  struct{ Indicator []struct{ Name string } }
		Series []struct{ Data []struct{ Value []float64 } }
	}
	s.get(t, "/api/v1/charts/radar?region=320612&period=2013", 200, &radar)
	if len(radar.Radar.Indicator) != 1 || radar.Series[0].Data[0].Value[0] != 100 || radar.Series[1].Data[0].Value[0] != 100 {
		t.Errorf("radar %+v", radar)
	}
	var box struct {
		Series []struct {
			Type string
			Data []struct{ Value []float64 }
		}
	}
	s.get(t, "/api/v1/charts/boxplot?indicator=registered_volunteers&period=2013", 200, &box)
	if box.Series[0].Type != "boxplot" || len(box.Series[0].Data[0].Value) != 5 || box.Series[0].Data[0].Value[2] != 7 {
		t.Errorf("boxplot %+v", box.Series)
	}
	var p problem
	s.get(t, "/api/v1/charts/pie", 404, &p)
	s.get(t, "/api/v1/charts/radar", 400, &p)
	if p.Param != "region" {
		t.Errorf("radar without region: %+v", p)
	}
	s.get(t, "/api/v1/charts/ranking", 400, &p)
	s.get(t, "/api/v1/charts/heatmap?format=png", 400, &p)
	s.get(t, "/api/v1/charts/heatmap?lang=fr", 400, &p)
}

// A chart page loads ECharts from the server itself, which serves the
// embedded copy; nothing comes from another host.
func TestChartPageUsesLocalECharts(t *testing.T) {
	s := newServer(t, fixture())
	resp, body := s.fetch(t, "/api/v1/charts/ranking?indicator=registered_volunteers&format=html&lang=en")
	page := string(body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Fatalf("status %d type %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if !strings.Contains(page, `<script src="/vendor/echarts/echarts.min.js" defer></script>`) ||
		!strings.Contains(page, `<script src="/vendor/echarts/chart-page.js" defer></script>`) || strings.Contains(page, "http") {
		t.Errorf("page does not load local ECharts only:\n%s", page)
	}
	if !strings.Contains(page, "Registered volunteers") || !strings.Contains(page, "City target") {
		t.Errorf("English labels missing:\n%s", page)
	}
	resp, js := s.fetch(t, "/vendor/echarts/echarts.min.js")
	if resp.StatusCode != 200 || len(js) < 1_000_000 || !strings.Contains(string(js[:400]), "Apache Software Foundation") {
		t.Errorf("echarts.min.js: status %d, %d bytes", resp.StatusCode, len(js))
	}
	if resp, js := s.fetch(t, "/vendor/echarts/chart-page.js"); resp.StatusCode != 200 || !strings.Contains(string(js), "setOption") {
		t.Errorf("chart-page.js: status %d", resp.StatusCode)
	}
	if resp, _ := s.fetch(t, "/vendor/echarts/LICENSE.echarts"); resp.StatusCode != 200 {
		t.Errorf("licence: status %d", resp.StatusCode)
	}
}

func TestChartDataAndAttainment(t *testing.T) {
	s := newServer(t, fixture())
	resp, body := s.fetch(t, "/api/v1/charts/ranking?indicator=registered_volunteers&period=2013&format=csv")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "ranking_registered_volunteers_county_2013.csv") {
		t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) != 3 || lines[1] != "1,320612,通州区,8.5,%,7.25,,true,1.25" || lines[2] != ",320623,如东县,,%,,,," {
		t.Errorf("ranking data:\n%s", body)
	}
	var bar struct {
		Series []struct{ Data []struct{ Value float64 } }
		YAxis  []struct{ Data []string } `json:"yAxis"`
	}
	s.get(t, "/api/v1/charts/attainment?period=2013", 200, &bar)
	// Six departments answer for registered volunteers, all met.
	if len(bar.YAxis[0].Data) != 6 || len(bar.Series[0].Data) != 6 || bar.Series[0].Data[0].Value != 100 {
		t.Errorf("attainment chart %+v", bar)
	}
	var p problem
	s.get(t, "/api/v1/charts/attainment?by=county", 400, &p)
	if p.Param != "by" {
		t.Errorf("problem %+v", p)
	}
}
