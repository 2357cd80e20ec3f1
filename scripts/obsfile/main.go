// Command obsfile writes a large observation file from the Nantong seeds
// (see seeds/bigobs), to measure `atlas import observations` with:
//
//	go run ./scripts/obsfile -rows 1000000 -o obs.csv
//	go run ./scripts/obsfile -rows 1000000 -o obs.xlsx
//
// The format follows the name's extension.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/community-atlas/atlas/seeds/bigobs"
)

func main() {
	n := flag.Int("rows", 1_000_000, "rows to write")
	out := flag.String("o", "observations.csv", "file to write (.csv or .xlsx)")
	flag.Parse()
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	write := bigobs.WriteCSV
	if strings.EqualFold(filepath.Ext(*out), ".xlsx") {
		write = bigobs.WriteXLSX
	}
	if err := write(f, *n); err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
}
