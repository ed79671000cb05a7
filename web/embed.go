// Package web holds the browser faces of microact, built by Vite from this folder's sources and
// committed, so a Go build needs no Node. Console is the admin and lead console (web/dist/console),
// served by the API server at /console/; App is the employee app (web/dist/app) at /app/; Screen
// is the break-room screen (web/dist/tv) at /tv/.
package web

import (
	"embed"
	"io/fs"
)

//go:embed all:dist/console all:dist/app all:dist/tv
var dist embed.FS

// face is one built face, rooted at its index.html.
func face(dir string) fs.FS {
	sub, err := fs.Sub(dist, dir)
	if err != nil {
		panic(err) // the paths are constants of this file
	}
	return sub
}

// Console is the built console.
func Console() fs.FS { return face("dist/console") }

// App is the built employee app.
func App() fs.FS { return face("dist/app") }

// Screen is the built break-room screen.
func Screen() fs.FS { return face("dist/tv") }
