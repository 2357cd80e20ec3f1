package server_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// dataBlock matches a chart page's option and every other script element.
var (
	dataBlock = regexp.MustCompile(`<script type="application/json" id="chart-option">([^<]*)</script>`)
	scriptTag = regexp.MustCompile(`<script[^>]*>`)
)

// A region name that closes the script element and redirects stays text on
// a chart page: escaped in the title, JSON-escaped in the data block, and
// the page holds no inline script at all.
func TestChartPageKeepsHostileNameText(t *testing.T) {
	s := newServer(t, fixture())
	evil := `</script><meta http-equiv=refresh content="0;url=https://evil.example/">`
	geo := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"320623101","name":` +
		jsonString(evil) + `,"level":"township","parent":"320623"},
		"geometry":{"type":"Polygon","coordinates":[[[120.2,32],[120.3,32],[120.3,32.1],[120.2,32.1],[120.2,32]]]}}]}`
	s.upload(t, "boundaries", "towns.geojson", []byte(geo), 201, nil)
	for _, path := range []string{
		"/api/v1/charts/ranking?indicator=registered_volunteers&level=township&period=2013&format=html",
		"/api/v1/charts/radar?region=320623101&period=2013&format=html",
	} {
		resp, body := s.fetch(t, path)
		page := string(body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: status %d: %s", path, resp.StatusCode, body)
		}
		if strings.Contains(page, "<meta http-equiv") || strings.Contains(page, "evil.example/\">") {
			t.Errorf("%s: the name broke out as markup:\n%s", path, page)
		}
		// Three script elements: ECharts, the page script, the data block.
		tags := scriptTag.FindAllString(page, -1)
		if len(tags) != 3 || !strings.Contains(tags[0], `src="/vendor/echarts/echarts.min.js"`) ||
			!strings.Contains(tags[1], `src="/vendor/echarts/chart-page.js"`) || !strings.Contains(tags[2], `type="application/json"`) {
			t.Errorf("%s: script elements %q", path, tags)
		}
		m := dataBlock.FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("%s: no data block:\n%s", path, page)
		}
		var option any
		if err := json.Unmarshal([]byte(m[1]), &option); err != nil {
			t.Fatalf("%s: data block is not JSON: %v", path, err)
		}
		if !holds(option, evil) && !holds(option, evil+" 与全市对比 2013") {
			t.Errorf("%s: the name is not in the option as text: %s", path, m[1])
		}
	}
	// The radar's page title carries the name, escaped.
	_, body := s.fetch(t, "/api/v1/charts/radar?region=320623101&period=2013&format=html")
	if !strings.Contains(string(body), "<title>&lt;/script&gt;&lt;meta http-equiv=refresh") {
		t.Errorf("title not escaped:\n%s", body)
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// holds reports whether v, decoded JSON, has the string s anywhere.
func holds(v any, s string) bool {
	switch x := v.(type) {
	case string:
		return x == s
	case []any:
		for _, e := range x {
			if holds(e, s) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if holds(e, s) {
				return true
			}
		}
	}
	return false
}
