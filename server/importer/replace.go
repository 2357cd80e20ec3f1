package importer

import (
	"fmt"
	"slices"
	"strings"

	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/server/store"
)

// Tree is what replacing needs to know of the atlas: its hierarchy and
// what lies in each region (a snapshot satisfies it).
type Tree interface {
	Region(code string) (*analytics.Region, bool)
	Children(code string) []*analytics.Region
	Facilities() []analytics.Facility
	Grids() []analytics.Grid
	ObservationCounts() map[string]int
}

// maxListed caps the facilities or grids a refusal names per region.
const maxListed = 5

// PlanReplace makes a boundary changeset replace what the atlas holds
// under the file's parents (the parents of the regions it holds): every
// stored child of such a parent that the file does not hold is removed,
// with the regions beneath it and their observations, and the report
// lists each. A parent of a region in the file is never removed, nor a
// region the file moves elsewhere.
//
// Observations go with their region: they are figures about a division
// that no longer exists. Facilities and grids do not: they are on the
// ground still, and must be moved to a region that stays (a facility or
// grid import) before their region can go. While any lies in a region to
// be removed, the whole import is refused with a problem per region naming
// them, and nothing is written.
func PlanReplace(cs *store.Changeset, rep *Report, t Tree) error {
	if cs.Kind != Boundaries {
		return &Error{File: cs.Source, Problems: []Problem{{Message: "--replace (replace=true) applies to boundary imports only"}}}
	}
	inFile := make(map[string]bool, len(cs.Regions))
	parents := map[string]bool{}
	for _, r := range cs.Regions {
		inFile[r.Code] = true
		if r.Parent != "" {
			parents[r.Parent] = true
		}
	}
	var drop []*analytics.Region
	for _, p := range sortedKeys(parents) {
		for _, c := range t.Children(p) {
			if !inFile[c.Code] && !parents[c.Code] {
				drop = appendSubtree(drop, c, t, inFile)
			}
		}
	}
	if err := refuseOccupied(cs.Source, drop, t); err != nil {
		return err
	}
	obs := t.ObservationCounts()
	rc := rep.Regions
	if rc == nil {
		rc = &RegionChanges{}
		rep.Regions = rc
	}
	for _, r := range drop {
		cs.RemoveRegions = append(cs.RemoveRegions, r.Code)
		rc.Removed++
		rc.RemovedObservations += obs[r.Code]
		rc.add(Changed{Code: r.Code, Name: r.Name, Removed: true, Observations: obs[r.Code]})
	}
	return nil
}

// appendSubtree appends r's stored descendants, children before parents,
// and then r, leaving out those the file holds (moved elsewhere).
func appendSubtree(out []*analytics.Region, r *analytics.Region, t Tree, inFile map[string]bool) []*analytics.Region {
	for _, c := range t.Children(r.Code) {
		if !inFile[c.Code] {
			out = appendSubtree(out, c, t, inFile)
		}
	}
	return append(out, r)
}

// refuseOccupied is the problem of every region to be removed that still
// holds facilities or grids, or nil when none does.
func refuseOccupied(file string, drop []*analytics.Region, t Tree) error {
	if len(drop) == 0 {
		return nil
	}
	gone := make(map[string]bool, len(drop))
	for _, r := range drop {
		gone[r.Code] = true
	}
	held := map[string][]string{}
	for _, f := range t.Facilities() {
		if gone[f.Region] {
			held[f.Region] = append(held[f.Region], "facility "+f.ID)
		}
	}
	for _, g := range t.Grids() {
		if gone[g.Community] {
			held[g.Community] = append(held[g.Community], "grid "+g.Code)
		}
	}
	var c collector
	for _, r := range drop {
		if things := held[r.Code]; len(things) > 0 {
			c.add(Problem{Code: r.Code, Field: "replace", Message: fmt.Sprintf(
				"%s %s would be removed (the file does not hold it under %s), but %s lie in it: move them to a region that stays with a facility or grid import first, or import without --replace",
				r.Level, r.Name, r.Parent, listed(things))})
		}
	}
	return c.result(file)
}

// listed names up to maxListed things and counts the rest.
func listed(things []string) string {
	if len(things) <= maxListed {
		return strings.Join(things, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(things[:maxListed], ", "), len(things)-maxListed)
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
