package importer

import (
	"github.com/community-atlas/atlas/analytics"
	"github.com/community-atlas/atlas/seeds"
	"github.com/community-atlas/atlas/server/store"
	"github.com/paulmach/orb"
)

// Seeds reads the embedded seed files through the importers, so the
// seeds pass exactly the validation an upload would, into one changeset.
func Seeds(cat *analytics.Catalogue) (*store.Changeset, error) {
	read := func(name string) ([]byte, error) { return seeds.Files.ReadFile(name) }
	data, err := read(seeds.RegionsFile)
	if err != nil {
		return nil, err
	}
	cs, err := ReadBoundaries(seeds.RegionsFile, data, emptyIndex{})
	if err != nil {
		return nil, err
	}
	cs.Kind, cs.Source = "seed", "seeds"
	idx := analytics.NewSnapshot(0, cat, &analytics.Dataset{Regions: append([]analytics.Region(nil), cs.Regions...)})
	steps := []struct {
		file string
		read func([]byte) (*store.Changeset, error)
	}{
		{seeds.FacilitiesFile, func(b []byte) (*store.Changeset, error) { return ReadFacilities(seeds.FacilitiesFile, b, idx) }},
		{seeds.GridsFile, func(b []byte) (*store.Changeset, error) { return ReadGrids(seeds.GridsFile, b, idx) }},
		{seeds.ObservationsFile, func(b []byte) (*store.Changeset, error) {
			return ReadObservations(seeds.ObservationsFile, b, cat, idx)
		}},
	}
	for _, s := range steps {
		data, err := read(s.file)
		if err != nil {
			return nil, err
		}
		part, err := s.read(data)
		if err != nil {
			return nil, err
		}
		cs.Facilities = append(cs.Facilities, part.Facilities...)
		cs.Grids = append(cs.Grids, part.Grids...)
		cs.Observations = append(cs.Observations, part.Observations...)
	}
	return cs, nil
}

// emptyIndex knows no regions: the seed's boundaries refer only to each
// other.
type emptyIndex struct{}

func (emptyIndex) Region(string) (*analytics.Region, bool) { return nil, false }

func (emptyIndex) Locate(analytics.Level, orb.Point) (*analytics.Region, bool) { return nil, false }

func (emptyIndex) Bound() orb.Bound { return orb.Bound{} }
