package server

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzChecklistBody: a report body either fails with a parameter error on
// one of its fields, or holds a known status, bounded valid text and an
// empty or absolute http(s) link — never a javascript: or data: one.
func FuzzChecklistBody(f *testing.F) {
	for _, s := range []string{
		`{"status":"done","evidence":"成立协调小组","link":"https://example.org/a"}`, `{"status":"finished"}`,
		`{"status":"done","link":"javascript:alert(1)"}`, `{"status":"done","link":"//example.org"}`,
		`{"status":"in_progress","evidence":"` + strings.Repeat("证", 4001) + `"}`, `{"status":"done","link":"https:"}`,
		`{"status":"not_started","remove_file":true}`, `{}`, `[]`, `{"status":1}`, `{"status":"done","evidence":"\xff"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > maxJSONBody {
			return
		}
		var b checklistBody
		dec := json.NewDecoder(strings.NewReader(body))
		dec.DisallowUnknownFields()
		if dec.Decode(&b) != nil {
			return // readBody answers these with a parameter error on the body
		}
		if err := b.validate(); err != nil {
			bodyParamError(t, body, err, "status", "evidence", "link")
			return
		}
		if !b.Status.Valid() || !utf8.ValidString(b.Evidence) || utf8.RuneCountInString(b.Evidence) > maxEvidenceRunes {
			t.Fatalf("%q: accepted %+v", body, b)
		}
		if b.Link != "" {
			u, err := url.Parse(b.Link)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(b.Link) > maxLinkBytes {
				t.Fatalf("%q: accepted the link %q", body, b.Link)
			}
		}
	})
}
