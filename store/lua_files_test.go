package store

import (
	"regexp"
	"strings"
	"testing"
)

// Every script file of store/lua names, in its header, each KEYS and ARGV entry its body uses.
func TestLuaFilesNameTheirKeysAndArguments(t *testing.T) {
	entries, err := luaFiles.ReadDir("lua")
	if err != nil {
		t.Fatal(err)
	}
	used := regexp.MustCompile(`\b(KEYS|ARGV)\[(\d+)\]`)
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".lua")
		t.Run(name+" names what it uses in its header", func(t *testing.T) {
			src := luaSource(name)
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
