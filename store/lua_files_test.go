package store

import (
	"embed"
	"regexp"
	"strings"
	"testing"
)

// opListScripts take their ARGV as a list of operations, each its name and arguments, read where
// they lie (see write.lua's header): the one form of argument besides one MessagePack map.
var opListScripts = map[string]bool{"write": true}

// Every script of store/lua takes its arguments named: ARGV[1] alone, one MessagePack argument
// that mirrors a Go struct (scriptArg), or a single plain value. A script does not read
// ARGV[2…] (nor all of ARGV) by position, save an operation list.
func TestLuaFilesTakeOneArgument(t *testing.T) {
	entries, err := luaFiles.ReadDir("lua")
	if err != nil {
		t.Fatal(err)
	}
	positional := regexp.MustCompile(`\bARGV\[(?:[2-9]|\d{2,}|[A-Za-z_])|(?:^|[^.\w])unpack\(ARGV|#ARGV|pairs\(ARGV`)
	checked := 0
	for _, e := range entries {
		name := strings.TrimSuffix(e.Name(), ".lua")
		if strings.HasPrefix(name, "lib_") || opListScripts[name] {
			continue
		}
		src, err := luaFiles.ReadFile("lua/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, line := range strings.Split(string(src), "\n") {
			if code := strings.TrimSpace(line); !strings.HasPrefix(code, "--") && positional.MatchString(code) {
				t.Errorf("%s reads its arguments by position: %q", name, line)
			}
		}
	}
	if checked < 15 {
		t.Fatalf("only %d scripts checked", checked)
	}
}

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
