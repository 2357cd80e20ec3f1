package atlas_test

import (
	"errors"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/analytics/standards"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/atlas"
	"github.com/community-atlas/atlas/server/importer"
)

// otherCity writes a catalogue that differs from Nantong's in its source
// and its community floor-area standard, and returns its path.
func otherCity(t *testing.T) string {
	t.Helper()
	other := strings.NewReplacer(
		`"min_m2": 400, "m2_per_100_households": 20`, `"min_m2": 300, "m2_per_100_households": 30`,
		`通政办发〔2013〕35号`, `某市社区建设目标`,
	).Replace(string(seeds.IndicatorsJSON))
	path := filepath.Join(t.TempDir(), "indicators.json")
	if err := os.WriteFile(path, []byte(other), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// ATLAS_CATALOGUE points at another city's indicators: its source, its
// standards and, beside it, its checklist (none when there is no file).
func TestCatalogueFromEnvironment(t *testing.T) {
	path := otherCity(t)
	t.Setenv(atlas.CatalogueEnv, path)
	cat, err := atlas.LoadCatalogue()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(cat.Source, "某市社区建设目标") || len(cat.Checklist.Items) != 0 {
		t.Errorf("source %q, %d checklist items; want the other city's, none", cat.Source, len(cat.Checklist.Items))
	}
	// The seeds judged by that catalogue: every community's centre needs
	// max(300 m², 30 m² per 100 households).
	cs, err := importer.Seeds(cat)
	if err != nil {
		t.Fatal(err)
	}
	s := analytics.NewSnapshot(1, cat, &analytics.Dataset{Regions: cs.Regions, Facilities: cs.Facilities})
	st, judged := standards.Of(s), 0
	for _, r := range s.Select(analytics.Community, "") {
		reg, _ := st.Region(r.Code)
		if want := math.Max(300, 30*float64(r.Households)/100); math.Abs(reg.FloorArea.Centre.RequiredM2-want) > 1e-9 {
			t.Fatalf("%s (%d households): needs %v m², want %v", r.Code, r.Households, reg.FloorArea.Centre.RequiredM2, want)
		}
		judged++
	}
	if judged < 2000 {
		t.Errorf("judged %d communities, want the seeds' 2,005", judged)
	}

	if err := os.WriteFile(filepath.Join(filepath.Dir(path), "checklist.json"), seeds.ChecklistJSON, 0o600); err != nil {
		t.Fatal(err)
	}
	if cat, err = atlas.LoadCatalogue(); err != nil || len(cat.Checklist.Items) == 0 {
		t.Errorf("with a checklist beside it: %v, %+v", err, cat.Checklist)
	}
	t.Setenv(atlas.CatalogueEnv, filepath.Join(t.TempDir(), "missing.json"))
	if _, err := atlas.LoadCatalogue(); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), atlas.CatalogueEnv) {
		t.Errorf("a missing file: %v, want a not-exist error naming %s", err, atlas.CatalogueEnv)
	}
}
