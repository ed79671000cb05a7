package store

import (
	"embed"
	"regexp"
	"strings"
	"testing"
)

// Every script file of store/lua (and the tests' own, testdata/lua) names, in its header, each
// KEYS and ARGV entry its body uses.
func TestLuaFilesNameTheirKeysAndArguments(t *testing.T) {
	sources := map[string]string{}
	for _, dir := range []struct {
		fs   embed.FS
		path string
	}{{luaFiles, "lua"}, {testLuaFiles, "testdata/lua"}} {
		entries, err := dir.fs.ReadDir(dir.path)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			src, err := dir.fs.ReadFile(dir.path + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			sources[strings.TrimSuffix(e.Name(), ".lua")] = string(src)
		}
	}
	used := regexp.MustCompile(`\b(KEYS|ARGV)\[(\d+)\]`)
	for name, src := range sources {
		t.Run(name+" names what it uses in its header", func(t *testing.T) {
			var header, body []string
			inHeader := true
			for _, line := range strings.Split(src, "\n") {
				if inHeader && strings.HasPrefix(line, "--") {
					header = append(header, line)
					continue
				}
				inHeader = false
				body = append(body, line)
			}
			if len(header) == 0 {
				t.Fatal("no header")
			}
			if strings.HasPrefix(name, "lib_") {
				return // a library's header names its functions; its callers name KEYS and ARGV
			}
			named := map[string]bool{}
			for _, line := range header {
				if m := regexp.MustCompile(`^--\s+((KEYS|ARGV)\[\d+\])`).FindStringSubmatch(line); m != nil {
					named[m[1]] = true
				}
			}
			for _, m := range used.FindAllStringSubmatch(strings.Join(body, "\n"), -1) {
				if !named[m[0]] {
					t.Errorf("%s is used but not named on a header line of its own", m[0])
				}
			}
		})
	}
}
