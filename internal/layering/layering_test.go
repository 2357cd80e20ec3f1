package layering

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// A rule says which of the module's packages the packages under Under may
// import (each entry a path relative to the module, standing for itself
// and every package under it); FromTests adds those their tests may import
// too. A package may always import the packages under its own Under.
type rule struct {
	Under     string
	May       []string
	FromTests []string
	Why       string
}

// The module's layers. Root internal/... is test support (pgtest, this
// package): it imports nothing of the module, so any layer's tests may use
// it without reaching into another layer.
var rules = []rule{
	{Under: "geo", FromTests: []string{"internal"},
		Why: "geo is the bottom layer: geometry and road networks for anyone"},
	{Under: "analytics", May: []string{"geo"}, FromTests: []string{"internal", "seeds"},
		Why: "analytics builds on geo only; its tests may read the seeds' data files (the seeds package embeds them)"},
	{Under: "seeds", May: []string{"geo", "analytics"},
		Why: "the seeds and their generator use the domain model, never the server"},
	{Under: "migrations", FromTests: []string{"internal", "analytics"},
		Why: "the schema is plain SQL that both stores apply (its tests check the levels table against analytics.Hierarchy)"},
	{Under: "internal",
		Why: "root internal packages are test support any layer may import"},
}

// drivers are the modules only the server's packages may import.
var drivers = []string{"github.com/labstack/echo/v4", "github.com/jackc/pgx/v5"}

// driverExceptions are the packages outside server that may import the
// drivers anyway, each for a reason given: true allows only the package's
// tests, false the package itself too.
var driverExceptions = map[string]bool{
	// pgtest creates and drops each test's schema over pgx.
	"internal/pgtest": false,
	// The migrations' tests apply them to PostgreSQL through pgx's
	// database/sql driver.
	"migrations": true,
	// The pgRouting comparison test asks PostgreSQL for the routes to
	// compare with network's own.
	"geo/network": true,
	// pgtiles is the tile benchmark's other side: tiles straight from
	// PostGIS, as a PostGIS tile server makes them, without the server.
	"scripts/pgtiles": false,
}

// pkg is what go list says of a package.
type pkg struct {
	ImportPath                         string
	Imports, TestImports, XTestImports []string
}

// imported is one import of a package: the imported path and whether only
// its tests import it.
type imported struct {
	path     string
	fromTest bool
}

func (p pkg) imports() []imported {
	var out []imported
	for _, path := range p.Imports {
		out = append(out, imported{path, false})
	}
	for _, path := range append(append([]string(nil), p.TestImports...), p.XTestImports...) {
		out = append(out, imported{path, true})
	}
	return out
}

// goList returns the module path and every package of the module.
func goList(t *testing.T) (string, []pkg) {
	t.Helper()
	mod, err := exec.Command("go", "list", "-m").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	module := strings.TrimSpace(string(mod))
	cmd := exec.Command("go", "list", "-json=ImportPath,Imports,TestImports,XTestImports", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.Bytes())
	}
	var pkgs []pkg
	for dec := json.NewDecoder(bytes.NewReader(out)); ; {
		var p pkg
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found %d packages of %s; expected the whole module", len(pkgs), module)
	}
	return module, pkgs
}

// under reports whether path (relative to the module) is dir or below it.
func under(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, dir+"/")
}

func underAny(path string, dirs []string) bool {
	for _, d := range dirs {
		if under(path, d) {
			return true
		}
	}
	return false
}

func TestLayers(t *testing.T) {
	module, pkgs := goList(t)
	rel := func(path string) (string, bool) {
		if path == module {
			return ".", true
		}
		r, ok := strings.CutPrefix(path, module+"/")
		return r, ok
	}
	var checked int
	for _, p := range pkgs {
		from, _ := rel(p.ImportPath)
		for _, r := range rules {
			if !under(from, r.Under) {
				continue
			}
			checked++
			for _, imp := range p.imports() {
				to, ours := rel(imp.path)
				if !ours || under(to, r.Under) || underAny(to, r.May) || imp.fromTest && underAny(to, r.FromTests) {
					continue
				}
				t.Errorf("%s imports %s%s: %s", from, to, testNote(imp), r.Why)
			}
		}
	}
	if checked == 0 {
		t.Error("no package of the module falls under a rule")
	}
}

func TestDriversStayInTheServer(t *testing.T) {
	module, pkgs := goList(t)
	for _, p := range pkgs {
		from := strings.TrimPrefix(p.ImportPath, module+"/")
		if under(from, "server") {
			continue
		}
		for _, imp := range p.imports() {
			if !underAny(imp.path, drivers) {
				continue
			}
			if testsOnly, ok := driverExceptions[from]; ok && (!testsOnly || imp.fromTest) {
				continue
			}
			t.Errorf("%s imports %s%s: only the server's packages speak HTTP (echo) or to PostgreSQL (pgx)", from, imp.path, testNote(imp))
		}
	}
}

func testNote(imp imported) string {
	if imp.fromTest {
		return " (in its tests)"
	}
	return ""
}

// TestApplicationServiceKnowsNoHTTP keeps the application service (and the
// importers and stores it drives) free of echo: handlers translate HTTP into
// its calls, never the other way round.
func TestApplicationServiceKnowsNoHTTP(t *testing.T) {
	module, pkgs := goList(t)
	below := []string{"server/atlas", "server/importer", "server/store", "server/auth"}
	for _, p := range pkgs {
		from := strings.TrimPrefix(p.ImportPath, module+"/")
		if !underAny(from, below) {
			continue
		}
		for _, imp := range p.imports() {
			if !imp.fromTest && under(imp.path, "github.com/labstack/echo/v4") {
				t.Errorf("%s imports %s: below the handlers nothing speaks HTTP", from, imp.path)
			}
		}
	}
}
