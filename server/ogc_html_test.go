package server_test

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
)

// fetchLang GETs path as the admin with an Accept-Language header.
func (s *testServer) fetchLang(t *testing.T, path, acceptLanguage string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest("GET", s.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// seedIndicatorName is an indicator's name in the seed catalogue, read
// from the file rather than through the server.
func seedIndicatorName(t *testing.T, id string) (zh, en string) {
	t.Helper()
	raw, err := os.ReadFile("../seeds/indicators.json")
	if err != nil {
		t.Fatal(err)
	}
	var cat struct {
		Indicators []struct {
			ID   string
			Name struct{ ZH, EN string }
			Unit string
		}
	}
	if err := json.Unmarshal(raw, &cat); err != nil {
		t.Fatal(err)
	}
	for _, ind := range cat.Indicators {
		if ind.ID == id {
			return ind.Name.ZH + " (" + ind.Unit + ")", ind.Name.EN + " (" + ind.Unit + ")"
		}
	}
	t.Fatalf("no indicator %s in the seeds", id)
	return "", ""
}

var hrefs = regexp.MustCompile(`href="([^"]*)"( lang=)?`)

// ogcHrefs are a page's links into the OGC API, unescaped, but for the
// switch to the other language (the link with a lang attribute).
func ogcHrefs(page string) []string {
	var out []string
	for _, m := range hrefs.FindAllStringSubmatch(page, -1) {
		h := html.UnescapeString(m[1])
		if m[2] == "" && strings.Contains(h, "/ogc") && !strings.HasSuffix(h, "/ogc/style.css") {
			out = append(out, h)
		}
	}
	return out
}

func relHref(t *testing.T, page, rel string) string {
	t.Helper()
	m := regexp.MustCompile(`<a href="([^"]*)" rel="` + rel + `"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no %s link in\n%s", rel, page)
	}
	return html.UnescapeString(m[1])
}

// The HTML pages speak the request's language: Accept-Language, or lang=
// which wins and which every link into the API carries on. Collection,
// level, kind, facility type and indicator names are in that language;
// region names are data and stay Chinese.
func TestOGCPagesInTheRequestLanguage(t *testing.T) {
	s := newServer(t, fixture())
	indZH, indEN := seedIndicatorName(t, "registered_volunteers")

	// By Accept-Language, without lang=: the links need not carry it.
	_, zhCols := s.fetchLang(t, "/ogc/collections?f=html", "zh-CN,zh;q=0.9,en;q=0.5")
	_, enCols := s.fetchLang(t, "/ogc/collections?f=html", "en-GB,en;q=0.8")
	for _, want := range []string{`<html lang="zh-CN">`, "城乡社区建设图集", "要素集", "县(市、区)", "乡镇(街道)", "社区(村)", "服务设施", "管理网格", `<link rel="stylesheet" href="/ogc/style.css">`} {
		if !strings.Contains(zhCols, want) {
			t.Errorf("zh collections page lacks %q", want)
		}
	}
	for _, want := range []string{`<html lang="en">`, "Community Atlas", "Collections", "Counties", "Townships", "Communities", "Facilities", "Management grids", `<link rel="stylesheet" href="/ogc/style.css">`} {
		if !strings.Contains(enCols, want) {
			t.Errorf("en collections page lacks %q", want)
		}
	}
	// The landing page names the store's top region and the catalogue's notice.
	_, zhHome := s.fetchLang(t, "/ogc?f=html", "zh-CN")
	_, enHome := s.fetchLang(t, "/ogc?f=html", "en")
	if !strings.Contains(zhHome, "南通市各级区划的边界，以及通政办发〔2013〕35号各项指标") || !strings.Contains(enHome, "the divisions of 南通市 at every level") {
		t.Errorf("landing pages lack the top region and the notice:\n%s\n%s", zhHome, enHome)
	}
	for _, notWant := range []string{"乡镇(街道)", "管理网格", "要素集"} {
		if strings.Contains(enCols, notWant) {
			t.Errorf("en collections page holds %q", notWant)
		}
	}
	for _, h := range ogcHrefs(zhCols) {
		if strings.Contains(h, "lang=") {
			t.Errorf("zh page by Accept-Language pins a language in %q", h)
		}
	}

	// lang=en beats Accept-Language; names and values are English, the
	// indicator named as the catalogue names it; every link keeps lang=en.
	_, en := s.fetchLang(t, "/ogc/collections/communities/items?f=html&limit=1&period=2013&lang=en", "zh-CN")
	for _, want := range []string{`<html lang="en">`, html.EscapeString(indEN), ">Community<", ">Urban community<", "甲社区居委会", "Features 1–1 of 2", "Back to the map", `href="/?lang=en"`} {
		if !strings.Contains(en, want) {
			t.Errorf("en items page lacks %q:\n%s", want, en)
		}
	}
	if strings.Contains(en, indZH) {
		t.Errorf("en items page names the indicator in Chinese")
	}
	links := ogcHrefs(en)
	if len(links) < 8 {
		t.Fatalf("en items page has only %d links into the API", len(links))
	}
	for _, h := range links {
		if !strings.Contains(h, "lang=en") {
			t.Errorf("link %q drops lang=en", h)
		}
	}
	// The language switch leads to the same page in Chinese.
	if sw := regexp.MustCompile(`<a href="([^"]*)" lang="zh-CN"`).FindStringSubmatch(en); sw == nil || !strings.Contains(html.UnescapeString(sw[1]), "lang=zh") || !strings.Contains(html.UnescapeString(sw[1]), "offset=") && !strings.Contains(html.UnescapeString(sw[1]), "limit=1") {
		t.Errorf("language switch %v", sw)
	}

	// The next page, followed as a reader would, is still English.
	next := relHref(t, en, "next")
	_, en2 := s.fetchLang(t, strings.TrimPrefix(next, s.URL), "zh-CN")
	if !strings.Contains(en2, "乙村委会") || !strings.Contains(en2, ">Rural community<") || !strings.Contains(en2, "Features 2–2 of 2") || !strings.Contains(en2, `rel="prev"`) {
		t.Errorf("page 2 from %s:\n%s", next, en2)
	}

	// The same page in Chinese.
	_, zh := s.fetchLang(t, "/ogc/collections/communities/items?f=html&limit=1&period=2013&lang=zh", "en")
	for _, want := range []string{`<html lang="zh-CN">`, indZH, ">社区(村)<", ">城市社区<", "第 1–1 个，共 2 个要素", "年度 2013", "返回地图", "下一页"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh items page lacks %q", want)
		}
	}
	for _, h := range ogcHrefs(zh) {
		if !strings.Contains(h, "lang=zh") {
			t.Errorf("link %q drops lang=zh", h)
		}
	}

	// One feature: its properties in the language, its facility type in words.
	_, f2 := s.fetchLang(t, "/ogc/collections/facilities/items/F2?f=html&lang=zh", "")
	for _, want := range []string{"乙中心", ">社区服务中心<", "建筑面积(m²)", ">450<", "服务设施"} {
		if !strings.Contains(f2, want) {
			t.Errorf("zh feature page lacks %q", want)
		}
	}

	// A language that is neither is a bad parameter.
	var p problem
	s.get(t, "/ogc/collections?f=html&lang=fr", 400, &p)
	if p.Param != "lang" {
		t.Errorf("lang=fr: %+v", p)
	}
}

// The JSON answers do not change with the language, the HTML does, and
// the tags and Vary say so.
func TestOGCJSONIgnoresLanguage(t *testing.T) {
	s := newServer(t, fixture())
	for _, path := range []string{"/ogc", "/ogc/collections", "/ogc/collections/grids", "/ogc/collections/communities/items?limit=1&period=2013"} {
		zhResp, zh := s.fetchLang(t, path, "zh-CN")
		enResp, en := s.fetchLang(t, path, "en")
		if zh != en {
			t.Errorf("%s: the JSON differs by language", path)
		}
		if zhResp.Header.Get("Content-Type") != enResp.Header.Get("Content-Type") {
			t.Errorf("%s: content types %q, %q", path, zhResp.Header.Get("Content-Type"), enResp.Header.Get("Content-Type"))
		}
	}
	var cols struct{ Collections []struct{ Title string } }
	_, body := s.fetchLang(t, "/ogc/collections", "zh-CN")
	if err := json.Unmarshal([]byte(body), &cols); err != nil || cols.Collections[2].Title != "乡镇(街道) Townships" {
		t.Errorf("JSON title %+v (%v)", cols, err)
	}
	zhResp, _ := s.fetchLang(t, "/ogc/collections?f=html", "zh-CN")
	enResp, _ := s.fetchLang(t, "/ogc/collections?f=html", "en")
	if zhResp.Header.Get("ETag") == enResp.Header.Get("ETag") {
		t.Errorf("zh and en pages share the ETag %s", zhResp.Header.Get("ETag"))
	}
	if v := zhResp.Header.Values("Vary"); !strings.Contains(strings.Join(v, ","), "Accept-Language") {
		t.Errorf("Vary %v", v)
	}
	resp, css := s.fetchLang(t, "/ogc/style.css", "")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") || !strings.Contains(css, "--accent") {
		t.Errorf("stylesheet: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
