// Command briefont prints the characters the brief's font subset must hold
// (see server/brief/font/README.md): printable ASCII and every other
// character of the catalogue, the checklist, the seeded region names and
// the brief package's own text. Run it from the repository's root.
package main

import (
	"fmt"
	"os"

	"github.com/community-atlas/atlas/server/brief"
)

func main() {
	texts, err := brief.Sources(".")
	if err != nil {
		fmt.Fprintln(os.Stderr, "briefont:", err)
		os.Exit(1)
	}
	fmt.Println(string(brief.Needed(texts...)))
}
