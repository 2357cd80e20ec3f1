// Command pgtiles is the comparison side of the tile benchmark: it serves
// /tiles/{layer}/{z}/{x}/{y}.mvt straight from PostGIS with ST_AsMVT, the
// way a PostGIS tile server does, over the same data Community Atlas serves
// (the PostgreSQL store's tables). With -list it prints the tile paths of a
// layer over the data's extent for zooms -minzoom to -maxzoom instead.
package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/paulmach/orb"
	"github.com/paulmach/orb/maptile"
	"github.com/paulmach/orb/maptile/tilecover"
)

// tileSQL builds a region layer's tile as PostGIS tile servers do: the same
// 4096 extent and 64-unit buffer as Community Atlas.
const tileSQL = `
WITH bounds AS (SELECT ST_TileEnvelope($1, $2, $3) AS env),
mvt AS (
  SELECT ST_AsMVTGeom(ST_Transform(r.geometry, 3857), bounds.env, 4096, 64, true) AS geom,
         r.code, r.name, r.kind, r.parent
  FROM regions r, bounds
  WHERE r.level = $4 AND r.geometry && ST_Transform(ST_Expand(bounds.env, (ST_XMax(bounds.env) - ST_XMin(bounds.env)) * 64.0 / 4096), 4326)
)
SELECT ST_AsMVT(mvt.*, $4) FROM mvt WHERE geom IS NOT NULL`

func main() {
	addr := flag.String("addr", "127.0.0.1:18390", "listen address")
	url := flag.String("database-url", os.Getenv("ATLAS_DATABASE_URL"), "PostgreSQL URL of an atlas store")
	list := flag.String("list", "", "print the tile paths of this layer instead of serving")
	minZoom := flag.Int("minzoom", 8, "first zoom for -list")
	maxZoom := flag.Int("maxzoom", 14, "last zoom for -list")
	pass := flag.String("pass", "", "fetch every path read from stdin once from this base URL and report")
	conns := flag.Int("c", 16, "requests in flight for -pass")
	flag.Parse()
	if *pass != "" {
		if err := onePass(*pass, *conns); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *list != "" {
		printTiles(*list, *minZoom, *maxZoom)
		return
	}
	pool, err := pgxpool.New(context.Background(), *url)
	if err != nil {
		log.Fatal(err)
	}
	http.HandleFunc("/tiles/", func(w http.ResponseWriter, r *http.Request) {
		parts := strings.Split(strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/tiles/"), ".mvt"), "/")
		if len(parts) != 4 {
			http.Error(w, "want /tiles/{layer}/{z}/{x}/{y}.mvt", http.StatusBadRequest)
			return
		}
		z, _ := strconv.Atoi(parts[1])
		x, _ := strconv.Atoi(parts[2])
		y, _ := strconv.Atoi(parts[3])
		var data []byte
		if err := pool.QueryRow(r.Context(), tileSQL, z, x, y, parts[0]).Scan(&data); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if len(data) == 0 {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.mapbox-vector-tile")
		_, _ = w.Write(data)
	})
	log.Printf("serving PostGIS tiles on http://%s", *addr)
	log.Fatal(http.ListenAndServe(*addr, nil))
}

// printTiles lists the tiles covering Nantong's extent.
func printTiles(layer string, minZoom, maxZoom int) {
	box := orb.Bound{Min: orb.Point{120.2, 31.6}, Max: orb.Point{121.98, 32.73}}
	for z := minZoom; z <= maxZoom; z++ {
		set, _ := tilecover.Geometry(box, maptile.Zoom(z))
		tiles := make([]maptile.Tile, 0, len(set))
		for t := range set {
			tiles = append(tiles, t)
		}
		slices.SortFunc(tiles, func(a, b maptile.Tile) int { return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Y, b.Y)) })
		for _, t := range tiles {
			fmt.Printf("/tiles/%s/%d/%d/%d.mvt\n", layer, t.Z, t.X, t.Y)
		}
	}
}
