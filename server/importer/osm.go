package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/geo/network"
	"github.com/community-atlas/atlas/server/store"
)

// OSM is the import kind of OpenStreetMap extracts (road networks).
const OSM = "osm"

// osmSuffixes are stripped from a file name to name its network.
var osmSuffixes = []string{".osm.pbf", ".osm.bz2", ".osm.gz", ".osm", ".pbf"}

// NetworkName is the name an extract's network is stored under: the file's
// base name without its OSM extension ("delaware-latest.osm.pbf" →
// "delaware-latest"). Importing a file of the same name again replaces the
// network.
func NetworkName(file string) string {
	name := filepath.Base(file)
	lower := strings.ToLower(name)
	for _, s := range osmSuffixes {
		if strings.HasSuffix(lower, s) && len(name) > len(s) {
			return name[:len(name)-len(s)]
		}
	}
	return name
}

// ReadOSM reads an OpenStreetMap extract — PBF, or XML plain or compressed
// with bzip2 or gzip, told apart by content and then by file name — into a
// changeset holding its road network (geo/network). A file that is not an
// extract, cannot be parsed, or has no road any mode may use is rejected.
func ReadOSM(ctx context.Context, file string, data []byte) (*store.Changeset, error) {
	n, err := network.Read(ctx, NetworkName(file), file, data)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p := Problem{Field: "file", Message: err.Error()}
		switch {
		case errors.Is(err, network.ErrFormat):
			p.Message = fmt.Sprintf("%v: the content is neither OSM XML nor PBF and the name has no OSM extension", err)
		case errors.Is(err, network.ErrNoRoads):
			p.Message = fmt.Sprintf("%v: the extract has no road to build a network from", err)
		}
		return nil, &Error{File: file, Problems: []Problem{p}}
	}
	return &store.Changeset{Kind: OSM, Source: file, Networks: []*network.Network{n}}, nil
}
