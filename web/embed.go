// Package web holds the browser faces of microact, built by Vite from this folder's sources and
// committed, so a Go build needs no Node. Console is the admin and lead console (web/dist/console),
// served by the API server at /console/; App is the employee app (web/dist/app) at /app/.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist/console
var dist embed.FS

//go:embed all:dist/app
var appDist embed.FS

// Console is the built console, rooted at its index.html.
func Console() fs.FS {
	sub, err := fs.Sub(dist, "dist/console")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}

// App is the built employee app, rooted at its index.html.
func App() fs.FS {
	sub, err := fs.Sub(appDist, "dist/app")
	if err != nil {
		panic(err) // the path is a constant of this file
	}
	return sub
}
