package importer_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/importer"
	"github.com/paulmach/orb"
)

// replaceFixture is the fixture with a second township (320612002, the
// east half of the county) holding community 320612002001, observations
// of the rural community 320612001201, and the given facilities.
func replaceFixture(t *testing.T, facilities ...analytics.Facility) *analytics.Snapshot {
	t.Helper()
	cat, idx := fixture(t)
	regions := append(slices.Clone(idx.Regions()),
		analytics.Region{Code: "320612002", Name: "兴东街道", Level: analytics.Township, Parent: "320612", Geometry: square(120.1, 32, 0.1)},
		analytics.Region{Code: "320612002001", Name: "丙社区居委会", Level: analytics.Community, Parent: "320612002", Kind: analytics.Urban, Geometry: square(120.1, 32, 0.1)},
	)
	obs := []analytics.Observation{
		{Indicator: "one_stop_service", Region: "320612001201", Period: 2023, Value: 1},
		{Indicator: "one_stop_service", Region: "320612001201", Period: 2024, Value: 0},
		{Indicator: "one_stop_service", Region: "320612001001", Period: 2024, Value: 1},
	}
	return analytics.NewSnapshot(2, cat, &analytics.Dataset{Regions: regions, Observations: obs, Facilities: facilities})
}

// readReplace reads a boundary file against s and plans --replace.
func readReplace(t *testing.T, s *analytics.Snapshot, data []byte) (*importer.Report, []string, error) {
	t.Helper()
	cs, rep, err := importer.ReadBoundariesWith(context.Background(), "b.geojson", data, s, importer.Options{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	err = importer.PlanReplace(cs, rep, s)
	return rep, cs.RemoveRegions, err
}

// TestReplaceDropsWhatTheFileLacks: a file of township 320612001's
// community 320612001001 alone removes its sibling 320612001201 and the
// sibling's two observations; the county and the other township, outside
// the file's parents, stay.
func TestReplaceDropsWhatTheFileLacks(t *testing.T) {
	s := replaceFixture(t)
	data := collection(feature(`"code":"320612001001","name":"甲社区居委会"`, `[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]]]`))
	rep, removed, err := readReplace(t, s, data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(removed, ",") != "320612001201" {
		t.Fatalf("removes %v, want [320612001201]", removed)
	}
	rc := rep.Regions
	if rc.Removed != 1 || rc.RemovedObservations != 2 {
		t.Errorf("report removed %d regions, %d observations; want 1, 2", rc.Removed, rc.RemovedObservations)
	}
	i := slices.IndexFunc(rc.Items, func(c importer.Changed) bool { return c.Removed })
	if i < 0 || rc.Items[i].Code != "320612001201" || rc.Items[i].Name != "乙村委会" || rc.Items[i].Observations != 2 {
		t.Errorf("report items %+v, want 320612001201 乙村委会 removed with 2 observations", rc.Items)
	}
}

// TestReplaceRemovesSubtreesChildrenFirst: a file of township 320612001
// alone, under county 320612, removes township 320612002 with its
// community, the community first (a store deletes in that order).
func TestReplaceRemovesSubtreesChildrenFirst(t *testing.T) {
	s := replaceFixture(t)
	data := collection(feature(`"code":"320612001","name":"金沙街道"`, `[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]]]`))
	rep, removed, err := readReplace(t, s, data)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(removed, ",") != "320612002001,320612002" {
		t.Errorf("removes %v, want the community 320612002001, then the township 320612002", removed)
	}
	if rep.Regions.Removed != 2 || rep.Regions.RemovedObservations != 0 {
		t.Errorf("report %+v", rep.Regions)
	}
}

// TestReplaceRefusesRegionsWithFacilities: a region to be removed that a
// facility lies in refuses the whole import, naming the region and the
// facility.
func TestReplaceRefusesRegionsWithFacilities(t *testing.T) {
	s := replaceFixture(t, analytics.Facility{ID: "F-1", Type: analytics.VillageClinic, Name: "乙村卫生室", Region: "320612001201", Point: orb.Point{120.07, 32.05}})
	data := collection(feature(`"code":"320612001001","name":"甲社区居委会"`, `[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]]]`))
	_, _, err := readReplace(t, s, data)
	ps := problems(t, err)
	if len(ps) != 1 || ps[0].Code != "320612001201" || !strings.Contains(ps[0].Message, "facility F-1") || !strings.Contains(ps[0].Message, "乙村委会") {
		t.Errorf("problems %+v, want one naming 320612001201 乙村委会 and facility F-1", ps)
	}
}

// TestReplaceKeepsParentsOfTheFile: a region that is the parent of one in
// the file is never removed, though the file does not hold it.
func TestReplaceKeepsParentsOfTheFile(t *testing.T) {
	s := replaceFixture(t)
	data := collection(
		feature(`"code":"320612001","name":"金沙街道"`, `[[[120,32],[120.1,32],[120.1,32.1],[120,32.1],[120,32]]]`),
		feature(`"code":"320612002001","name":"丙社区居委会"`, `[[[120.1,32],[120.2,32],[120.2,32.1],[120.1,32.1],[120.1,32]]]`),
	)
	_, removed, err := readReplace(t, s, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 0 {
		t.Errorf("removes %v; 320612002 is the parent of a region in the file", removed)
	}
}

// TestRegionWithoutCodeAmbiguous: a name that two regions holding the
// label point share (a township and its community) is listed, not guessed.
func TestRegionWithoutCodeAmbiguous(t *testing.T) {
	cat, idx := fixture(t)
	regions := slices.Clone(idx.Regions())
	for i := range regions {
		if regions[i].Code == "320612001001" {
			regions[i].Name = "金沙街道"
		}
	}
	s := analytics.NewSnapshot(2, cat, &analytics.Dataset{Regions: regions})
	data := collection(feature(`"名称":"金沙街道"`, `[[[120.01,32.01],[120.04,32.01],[120.04,32.09],[120.01,32.09],[120.01,32.01]]]`))
	_, _, err := importer.ReadBoundariesWith(context.Background(), "b.geojson", data, s, importer.Options{})
	ps := problems(t, err)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "320612001001, 320612001") || !strings.Contains(ps[0].Message, "give the code") {
		t.Errorf("problems %+v, want one listing 320612001001 and 320612001", ps)
	}
}
