package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/community-atlas/atlas/server/auth"
)

// langRequest is one request the language test sends twice.
type langRequest struct {
	method, path string
	token        string
	contentType  string
	body         func() []byte
}

// send makes the request with an Accept-Language header and reads the
// problem it answers with.
func (r langRequest) send(t *testing.T, s *testServer, acceptLanguage string) (int, problem) {
	t.Helper()
	var body io.Reader
	if r.body != nil {
		body = bytes.NewReader(r.body())
	}
	req, err := http.NewRequest(r.method, s.URL+r.path, body)
	if err != nil {
		t.Fatal(err)
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var p problem
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatalf("%s %s: %d %s is no problem document", r.method, r.path, resp.StatusCode, raw)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s %s: Content-Type %q", r.method, r.path, ct)
	}
	return resp.StatusCode, p
}

// multipartFile is a body with one file in the field "file".
func multipartFile(name, content string) (string, func() []byte) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	part, _ := w.CreateFormFile("file", name)
	part.Write([]byte(content))
	w.Close()
	return w.FormDataContentType(), func() []byte { return buf.Bytes() }
}

// englishSentence is three English words in a row: text the catalogue
// failed to translate.
// (A comma without a space joins tokens, as in minLon,minLat.)
var englishSentence = regexp.MustCompile(`[A-Za-z]{2,}(?:(?:[ '’-]|, )+[A-Za-z]{2,}){2,}`)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// Every class of error the API answers with says its title and detail in
// Chinese when the request prefers Chinese (Accept-Language zh-CN, or
// lang=zh) and in English otherwise, with the same status, type and
// parameter; the data the detail names (codes, values, a file's name, an
// import's own messages) is kept as it is.
func TestProblemsInTheRequestLanguage(t *testing.T) {
	s := newServer(t, scopeFixture())
	viewer := s.addUser(t, "viewer1", auth.Viewer, "")
	scoped := s.addUser(t, "manager1", auth.DataManager, "320612001")
	fileType, badFile := multipartFile("values.csv", "indicator,region,period,value\nregistered_volunteers,999999999999,2013,7\n")
	outsideType, outsideFile := multipartFile("o.csv", valueRow("320623001001"))
	// Five failed logins: the sixth attempt is throttled.
	for range 5 {
		s.do(t, "POST", "/api/v1/auth/login", "", "application/json", strings.NewReader(`{"username":"admin","password":"wrong-password-1"}`), 401, nil)
	}
	bigBody := func() []byte {
		return []byte(`{"add":[` + strings.Repeat(`{"lon":120.1,"lat":32.05},`, 50000) + `{"lon":120.1,"lat":32.05}]}`)
	}

	cases := map[string]struct {
		req    langRequest
		status int
		typ    string
		param  string
		keep   []string // data the detail names in both languages
	}{
		"unknown level":     {langRequest{method: "GET", path: "/api/v1/choropleth?indicator=registered_volunteers&level=village", token: s.token}, 400, "/problems/invalid-parameter", "level", []string{`"village"`, "province, city, county, township, community"}},
		"bad period":        {langRequest{method: "GET", path: "/api/v1/choropleth?indicator=registered_volunteers&level=community&period=20x3", token: s.token}, 400, "/problems/invalid-parameter", "period", []string{`"20x3"`}},
		"period no data":    {langRequest{method: "GET", path: "/api/v1/choropleth?indicator=registered_volunteers&level=community&period=1999", token: s.token}, 400, "/problems/invalid-parameter", "period", []string{"1999", "2013, 2014"}},
		"unknown indicator": {langRequest{method: "GET", path: "/api/v1/choropleth?indicator=nope&level=township", token: s.token}, 400, "/problems/invalid-parameter", "indicator", []string{`"nope"`, "GET /api/v1/indicators"}},
		"bad bbox":          {langRequest{method: "GET", path: "/ogc/collections/communities/items?bbox=1,2,3", token: s.token}, 400, "/problems/invalid-parameter", "bbox", []string{`"1,2,3"`}},
		"bbox upside down":  {langRequest{method: "GET", path: "/ogc/collections/communities/items?bbox=121,32,120,33", token: s.token}, 400, "/problems/invalid-parameter", "bbox", []string{"121", "120"}},
		"bad weights":       {langRequest{method: "GET", path: "/api/v1/compare/index?level=township&weights=2:x", token: s.token}, 400, "/problems/invalid-parameter", "weights", []string{`"x"`}},
		"bad breaks":        {langRequest{method: "GET", path: "/api/v1/choropleth?indicator=registered_volunteers&level=community&method=manual&breaks=5,1", token: s.token}, 400, "/problems/invalid-parameter", "breaks", []string{"1", "5"}},
		"level of a region": {langRequest{method: "GET", path: "/api/v1/grids?community=320612001", token: s.token}, 400, "/problems/invalid-parameter", "community", []string{"320612001"}},
		"not found":         {langRequest{method: "GET", path: "/api/v1/regions/999", token: s.token}, 404, "/problems/not-found", "", []string{`"999"`}},
		"no feature":        {langRequest{method: "GET", path: "/ogc/collections/grids/items/G404", token: s.token}, 404, "/problems/not-found", "", []string{"grids/G404"}},
		"no route":          {langRequest{method: "GET", path: "/api/v1/nothing", token: s.token}, 404, "about:blank", "", nil},
		"unauthorized":      {langRequest{method: "GET", path: "/api/v1/regions"}, 401, "/problems/unauthenticated", "", []string{"POST /api/v1/auth/login", "Authorization: Bearer"}},
		"forbidden by role": {langRequest{method: "GET", path: "/api/v1/export/regions.geojson", token: viewer}, 403, "/problems/forbidden", "", []string{"analyst"}},
		"forbidden rows":    {langRequest{method: "POST", path: "/api/v1/imports/observations", token: scoped, contentType: outsideType, body: outsideFile}, 403, "/problems/forbidden", "", []string{"320612001", "320623001001", "registered_volunteers", "2013"}},
		"rate limited":      {langRequest{method: "POST", path: "/api/v1/auth/login", contentType: "application/json", body: func() []byte { return []byte(`{"username":"admin","password":"wrong-password-1"}`) }}, 429, "/problems/too-many-requests", "", nil},
		"too large":         {langRequest{method: "POST", path: "/api/v1/coverage/health/whatif", token: s.token, contentType: "application/json", body: bigBody}, 413, "about:blank", "", []string{"1024 KiB", "500"}},
		"media type":        {langRequest{method: "POST", path: "/api/v1/auth/login", contentType: "text/plain", body: func() []byte { return []byte("x") }}, 415, "about:blank", "", []string{"Content-Type: application/json"}},
		"invalid file":      {langRequest{method: "POST", path: "/api/v1/imports/observations", token: s.token, contentType: fileType, body: badFile}, 422, "/problems/invalid-file", "", []string{"values.csv", "999999999999"}},
		"conflict":          {langRequest{method: "POST", path: "/api/v1/users", token: s.token, contentType: "application/json", body: func() []byte { return []byte(`{"username":"viewer1","password":"a-long-password-1","role":"viewer"}`) }}, 409, "/problems/conflict", "", []string{`"viewer1"`}},
		"method":            {langRequest{method: "DELETE", path: "/api/v1/regions", token: s.token}, 405, "about:blank", "", nil},
	}
	for name, c := range cases {
		status, en := c.req.send(t, s, "en-GB,en;q=0.9")
		zhStatus, zh := c.req.send(t, s, "zh-CN,zh;q=0.9,en;q=0.8")
		q := "?"
		if strings.Contains(c.req.path, "?") {
			q = "&"
		}
		byParam := c.req
		byParam.path += q + "lang=zh"
		paramStatus, zhParam := byParam.send(t, s, "en")
		for lang, got := range map[string]int{"en": status, "zh": zhStatus, "lang=zh": paramStatus} {
			if got != c.status {
				t.Errorf("%s (%s): status %d, want %d", name, lang, got, c.status)
			}
		}
		for lang, p := range map[string]problem{"en": en, "zh": zh, "lang=zh": zhParam} {
			if p.Type != c.typ || p.Param != c.param || p.Status != c.status {
				t.Errorf("%s (%s): type %q param %q status %d, want %q %q %d", name, lang, p.Type, p.Param, p.Status, c.typ, c.param, c.status)
			}
			for _, k := range c.keep {
				if !strings.Contains(p.Detail, k) {
					t.Errorf("%s (%s): the detail %q drops %q", name, lang, p.Detail, k)
				}
			}
		}
		if zh.Detail != zhParam.Detail || zh.Title != zhParam.Title {
			t.Errorf("%s: lang=zh %q differs from Accept-Language zh-CN %q", name, zhParam.Detail, zh.Detail)
		}
		// English: no Chinese (these requests name no Chinese data).
		if hasHan(en.Title) || hasHan(en.Detail) || en.Detail == "" {
			t.Errorf("%s: English problem %q / %q", name, en.Title, en.Detail)
		}
		// Chinese: the title and detail speak Chinese, and what English is
		// left is data (an import's own messages are the importer's).
		detail := zh.Detail
		for _, e := range zh.Errors {
			detail = strings.ReplaceAll(detail, e.Message, "")
		}
		for _, k := range c.keep {
			detail = strings.ReplaceAll(detail, k, "")
		}
		if !hasHan(zh.Title) || !hasHan(zh.Detail) {
			t.Errorf("%s: Chinese problem %q / %q", name, zh.Title, zh.Detail)
		}
		if m := englishSentence.FindString(detail); m != "" {
			t.Errorf("%s: the Chinese detail %q keeps English %q", name, zh.Detail, m)
		}
		if zh.Detail == en.Detail {
			t.Errorf("%s: the same detail in both languages: %q", name, zh.Detail)
		}
	}
}
