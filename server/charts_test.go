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

// The options themselves are pinned by TestChartsGolden; this test covers
// the requests a chart refuses.
func TestChartErrors(t *testing.T) {
	s := newServer(t, fixture())
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
	resp, body := s.fetch(t, "/api/v1/charts/ranking?indicator=registered_volunteers&period=2013&format=html&lang=en")
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

func TestChartData(t *testing.T) {
	s := newServer(t, fixture())
	resp, body := s.fetch(t, "/api/v1/charts/ranking?indicator=registered_volunteers&period=2013&format=csv")
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "ranking_registered_volunteers_county_2013.csv") {
		t.Fatalf("status %d %s", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) != 3 || lines[1] != "1,320612,通州区,8.5,%,7.25,,false,-1,unmet,,10,8,true,4,5,false,false" || lines[2] != ",320623,如东县,,%,,,,,,,,,,,,," {
		t.Errorf("ranking data:\n%s", body)
	}
	var p problem
	s.get(t, "/api/v1/charts/attainment?by=county", 400, &p)
	if p.Param != "by" {
		t.Errorf("problem %+v", p)
	}
}
