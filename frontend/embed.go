// Package frontend holds the Community Atlas web app. Its sources are in
// src/ and are built with npm into dist/ (`make frontend`); the built files
// are embedded into the binary. Until the app is built, dist holds only
// .gitkeep and Dist has no index.html.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist is the built app: index.html and assets/ with content-hashed names
// (each with a .gz twin compressed at build time).
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // "dist" is a valid path: cannot happen
	}
	return sub
}
