package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/server/importer"
)

// importFlags are the options of atlas import, as the API's form fields.
type importFlags struct {
	crs, towgs84, layer, mapping string
	period                       int
	margin                       float64
	dryRun, replace, clip        bool
}

func (f *importFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.crs, "crs", "", "coordinate system of the file when it names none or the wrong one (EPSG:4549, gcj02, bd09)")
	fs.StringVar(&f.towgs84, "towgs84", "", "Helmert parameters dx,dy,dz,rx,ry,rz,s for a Xi'an 1980 or Beijing 1954 file")
	fs.StringVar(&f.layer, "layer", "", "the layer of a GeoPackage (or the set of a zipped Shapefile) to read")
	fs.StringVar(&f.mapping, "map", "", "columns for roles the file names its own way: code=行政代码,name=名称")
	fs.IntVar(&f.period, "period", 0, "the year of observations when no column or sheet gives it")
	fs.Float64Var(&f.margin, "margin", importer.DefaultMargin, "osm: metres beyond the regions' envelope within which roads are kept")
	fs.BoolVar(&f.clip, "clip", true, "osm: keep only the roads near the regions (China's roads while there are none); -clip=false keeps the whole extract")
	fs.BoolVar(&f.dryRun, "dry-run", false, "say what the import would write, and write nothing")
	fs.BoolVar(&f.replace, "replace", false, "boundaries: remove the regions the file does not hold under its regions' parents")
}

func (f *importFlags) options() (importer.Options, error) {
	m, err := importer.ParseMap(f.mapping)
	if err != nil {
		return importer.Options{}, err
	}
	if err := importer.CheckMargin(f.margin); err != nil {
		return importer.Options{}, fmt.Errorf("-margin: %w", err)
	}
	return importer.Options{CRS: f.crs, TOWGS84: f.towgs84, Layer: f.layer, Map: m, Period: f.period,
		Margin: f.margin, NoClip: !f.clip, DryRun: f.dryRun, Replace: f.replace}, nil
}

// readImportFile reads a Shapefile given by its .shp: the siblings of the
// same base name (.dbf, .shx, .prj, .cpg) are read with it into one zip, as
// an upload would send them.
func readImportFile(file string) ([]byte, error) {
	base := strings.TrimSuffix(file, filepath.Ext(file))
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, ext := range []string{".shp", ".shx", ".dbf", ".prj", ".cpg"} {
		data, err := readSibling(base, ext)
		if os.IsNotExist(err) && ext != ".shp" {
			continue
		}
		if err != nil {
			return nil, err
		}
		w, err := zw.Create(filepath.Base(base) + ext)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readSibling reads base+ext, in lower or upper case (TOWNS.SHP, towns.DBF).
func readSibling(base, ext string) ([]byte, error) {
	data, err := os.ReadFile(base + ext)
	if os.IsNotExist(err) {
		if up, err2 := os.ReadFile(base + strings.ToUpper(ext)); err2 == nil {
			return up, nil
		}
	}
	return data, err
}
