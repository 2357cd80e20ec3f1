// Command generate rebuilds the generated Nantong seed files in
// seeds/generated: township and community boundaries partitioned out of the
// real county polygons, population, facilities, grid cells and three years
// of indicator observations. Run it from the repository root:
//
//	go run ./seeds/generate
//
// The output depends only on the embedded inputs and a fixed random seed:
// two runs write byte-identical files. seeds/README.md describes the choices
// the generator makes.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	out := flag.String("out", "seeds/generated", "directory to write the generated files to")
	flag.Parse()
	if fi, err := os.Stat(*out); err != nil || !fi.IsDir() {
		fmt.Fprintf(os.Stderr, "generate: output directory %q not found (run from the repository root or pass -out)\n", *out)
		os.Exit(1)
	}
	start := time.Now()
	st, err := Generate(*out)
	if err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
	fmt.Printf("generated %s in %s\n", st, time.Since(start).Round(time.Millisecond))
}
