// Command provincegen writes a province-scale boundary file for measuring
// the boundary import: the generated Nantong regions (seeds/generated)
// copied into a grid of neighbouring cities, each copy with its own city
// code (32CC…) and its coordinates shifted by whole multiples of Nantong's
// extent, every edge split into equal parts so that the file has the
// vertex count and size of a surveyed province (≈36k regions, ≈250 MB).
// The points added lie on the original edges: the regions keep their
// shapes and nest as the seeds do. The province itself (code 32, a
// rectangle around every city) comes first unless -province=false; its
// cities take it as their parent by their codes.
//
//	go run ./scripts/provincegen -out /tmp/province.geojson
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

func main() {
	in := flag.String("in", "seeds/generated/regions.geojson", "the regions to copy")
	out := flag.String("out", "", "the file to write")
	copies := flag.Int("copies", 17, "how many cities (at most 20)")
	split := flag.Int("split", 4, "parts each edge is cut into")
	province := flag.Bool("province", true, "write the province (code 32) above the cities")
	flag.Parse()
	if *out == "" || *copies < 1 || *copies > 20 || *split < 1 {
		log.Fatal("usage: provincegen -out FILE [-copies 1..20] [-split N]")
	}
	if err := run(*in, *out, *copies, *split, *province); err != nil {
		log.Fatal(err)
	}
}

func run(in, out string, copies, split int, province bool) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		return err
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprint(w, `{"type":"FeatureCollection","features":[`)
	n := 0
	if province {
		b, err := json.Marshal(provinceFeature(fc, copies))
		if err != nil {
			return err
		}
		w.Write(b)
		n++
	}
	for c := 0; c < copies; c++ {
		dx, dy := offset(c)
		city := fmt.Sprintf("32%02d", 20+c)
		for _, feat := range fc.Features {
			g := shift(feat.Geometry, dx, dy, split)
			props := map[string]any{}
			for k, v := range feat.Properties {
				props[k] = v
			}
			for _, k := range []string{"code", "parent"} {
				if s, _ := props[k].(string); len(s) >= 4 {
					props[k] = city + s[4:]
				}
			}
			props["name"] = fmt.Sprintf("%s%d", props["name"], c)
			b, err := json.Marshal(map[string]any{"type": "Feature", "properties": props, "geometry": geojson.NewGeometry(g)})
			if err != nil {
				return err
			}
			if n > 0 {
				w.WriteString(",\n")
			}
			w.Write(b)
			n++
		}
	}
	fmt.Fprintln(w, "]}")
	if err := w.Flush(); err != nil {
		return err
	}
	log.Printf("%d regions in %s", n, out)
	return f.Close()
}

// offset is how far copy c lies from the original: a 5 × 4 grid around
// it, within the importer's reach of the regions already known (5°).
func offset(c int) (dx, dy float64) {
	return float64(c%5-2) * 1.8, float64(c/5-2) * 1.1
}

// provinceFeature is a rectangle around every copy, a little larger.
func provinceFeature(fc *geojson.FeatureCollection, copies int) map[string]any {
	var b orb.Bound
	for i, f := range fc.Features {
		if i == 0 {
			b = f.Geometry.Bound()
		}
		b = b.Union(f.Geometry.Bound())
	}
	all := b
	for c := range copies {
		dx, dy := offset(c)
		all = all.Union(orb.Bound{Min: orb.Point{b.Min[0] + dx, b.Min[1] + dy}, Max: orb.Point{b.Max[0] + dx, b.Max[1] + dy}})
	}
	all = all.Pad(0.01)
	return map[string]any{"type": "Feature", "properties": map[string]any{"code": "32", "name": "江苏省(生成)"},
		"geometry": geojson.NewGeometry(all.ToPolygon())}
}

// shift moves a (multi)polygon by dx, dy and cuts every edge into split
// parts.
func shift(g orb.Geometry, dx, dy float64, split int) orb.Geometry {
	var mp orb.MultiPolygon
	switch v := g.(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{v}
	case orb.MultiPolygon:
		mp = v
	default:
		panic(fmt.Sprintf("a %s among the regions", strings.ToLower(g.GeoJSONType())))
	}
	out := make(orb.MultiPolygon, len(mp))
	for i, poly := range mp {
		out[i] = make(orb.Polygon, len(poly))
		for j, ring := range poly {
			r := make(orb.Ring, 0, (len(ring)-1)*split+1)
			for k, p := range ring {
				if k > 0 {
					q := ring[k-1]
					for s := 1; s < split; s++ {
						t := float64(s) / float64(split)
						r = append(r, orb.Point{q[0] + t*(p[0]-q[0]) + dx, q[1] + t*(p[1]-q[1]) + dy})
					}
				}
				r = append(r, orb.Point{p[0] + dx, p[1] + dy})
			}
			out[i][j] = r
		}
	}
	return out
}
