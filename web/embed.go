// Package web holds the browser faces of microact, built by Vite from this folder's sources and
// committed, so a Go build needs no Node. Console is the admin and lead console (web/dist/console),
// served by the API server at /console/; Screen is the break-room screen (web/dist/tv) at /tv/.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist/console all:dist/tv
var dist embed.FS

// Console is the built console, rooted at its index.html.
func Console() fs.FS {
	sub, err := fs.Sub(dist, "dist/console")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}

// Screen is the built break-room screen (web/dist/tv), rooted at its index.html.
func Screen() fs.FS {
	sub, err := fs.Sub(dist, "dist/tv")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}
