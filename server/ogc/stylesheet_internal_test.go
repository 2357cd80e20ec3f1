package ogc

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// rootBlock is a stylesheet's :root rule, and the declarations in it.
var (
	rootBlock   = regexp.MustCompile(`(?s):root\s*\{(.*?)\}`)
	declaration = regexp.MustCompile(`(?s)([-\w]+)\s*:\s*([^;]+);`)
	topBar      = regexp.MustCompile(`(?s)\.top\s*\{[^}]*background:\s*([^;]+);`)
)

func rootDeclarations(t *testing.T, css, name string) map[string]string {
	t.Helper()
	m := rootBlock.FindStringSubmatch(css)
	if m == nil {
		t.Fatalf("%s has no :root rule", name)
	}
	out := map[string]string{}
	for _, d := range declaration.FindAllStringSubmatch(m[1], -1) {
		out[d[1]] = strings.Join(strings.Fields(d[2]), " ")
	}
	return out
}

// The pages' stylesheet has the web app's colours, type and header bar:
// every variable, the font stack, base size and ink of the app's :root,
// and the bar's colour.
func TestStylesheetMatchesTheApp(t *testing.T) {
	raw, err := os.ReadFile("../../frontend/src/style.css")
	if err != nil {
		t.Fatal(err)
	}
	app := rootDeclarations(t, string(raw), "style.css")
	ours := rootDeclarations(t, string(stylesheet), "ogc.css")
	if len(app) < 8 {
		t.Fatalf("the app's :root has only %d declarations: %v", len(app), app)
	}
	for k, v := range app {
		if ours[k] != v {
			t.Errorf("%s: the app has %q, the OGC pages %q", k, v, ours[k])
		}
	}
	bar := topBar.FindStringSubmatch(string(raw))
	if bar == nil {
		t.Fatal("the app's .top has no background")
	}
	if got := ours["--bar"]; got != strings.TrimSpace(bar[1]) {
		t.Errorf("header bar %q, the app's %q", got, bar[1])
	}
	if !topBar.MatchString(string(stylesheet)) || !strings.Contains(topBar.FindStringSubmatch(string(stylesheet))[1], "var(--bar)") {
		t.Error("the pages' .top is not drawn in --bar")
	}
}
