package configs

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/microact/microact/domain"
	"gopkg.in/yaml.v3"
)

// fileOf writes a parsed pack back in the pack format.
func fileOf(p Pack) packFile {
	f := packFile{Pack: p.Name, Version: p.Version, Locales: p.Locales}
	for _, v := range p.Values {
		f.Values = append(f.Values, packValueFile{Key: v.Key, Name: v.Name, Description: v.Description})
	}
	for _, g := range p.Gestures {
		points := g.Points
		f.Gestures = append(f.Gestures, packGestureFile{Key: g.Key, Value: g.Value, Title: g.Title, HowTo: g.HowTo, Points: &points, Roles: g.Roles, Channels: g.Channels})
	}
	return f
}

// FuzzParsePack feeds YAML to the pack parser: it refuses with an error or returns a pack that
// keeps every rule of the format, that the API would accept item by item, and that reads back
// the same after being written out.
func FuzzParsePack(f *testing.F) {
	starter, err := packFiles.ReadFile("packs/starter.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(starter)
	for _, seed := range []string{
		"pack: mini\nversion: 1\nvalues:\n  - key: kind\n    name: {en: Kind, nl: Aardig}\n    description: {en: We are kind., nl: We zijn aardig.}\n" +
			"gestures:\n  - key: smile\n    value: kind\n    title: {en: Smile, nl: Glimlach}\n    how_to: {en: Smile at them., nl: Lach ze toe.}\n    points: 5\n    roles: [lead]\n    channels: [store, phone]\n",
		"pack: mini\nversion: 1\nvalues: []\ngestures: []\n",
		"pack: x\n", "", "---\n---\n", "a: &a [*a]\n", "pack: [\n", "version: 1e3\n", "pack: mini\nbogus: 1\n",
		"pack: mini\nversion: 1\nvalues:\n  - key: a\n    name: {en: \"  \", nl: \"\\u2028\"}\n",
		"a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParsePack(data)
		if err != nil {
			if !reflect.DeepEqual(p, Pack{}) || err.Error() == "" {
				t.Fatalf("a refused pack still answered %+v, %q", p, err)
			}
			return
		}
		if !packKeyPattern.MatchString(p.Name) || p.Version < 1 || len(p.Values) == 0 || len(p.Gestures) == 0 {
			t.Fatalf("accepted pack %q version %d with %d values and %d gestures", p.Name, p.Version, len(p.Values), len(p.Gestures))
		}
		// Every text is what the admin API would store for the same field, unchanged.
		text := func(what string, txt Text, field string, max int) {
			for _, loc := range p.Locales {
				s, err := domain.CleanText(field, txt[loc], max)
				if err != nil || s != txt[loc] || strings.ContainsAny(s, "\n\t") || utf8.RuneCountInString(s) > max {
					t.Fatalf("%s: %s.%s %q is not a text the API accepts as is: %v", what, field, loc, txt[loc], err)
				}
			}
			if len(txt) != len(p.Locales) {
				t.Fatalf("%s: %s has the locales %v", what, field, txt)
			}
		}
		values := map[string]bool{}
		for _, v := range p.Values {
			if !packKeyPattern.MatchString(v.Key) || values[v.Key] {
				t.Fatalf("value key %q accepted (twice: %v)", v.Key, values[v.Key])
			}
			values[v.Key] = true
			text(v.Key, v.Name, "name", MaxValueNameRunes)
			text(v.Key, v.Description, "description", MaxDescriptionRunes)
		}
		gestures := map[string]bool{}
		for _, g := range p.Gestures {
			if !packKeyPattern.MatchString(g.Key) || gestures[g.Key] || !values[g.Value] ||
				g.Points < MinGesturePoints || g.Points > MaxGesturePoints {
				t.Fatalf("gesture %+v accepted", g)
			}
			gestures[g.Key] = true
			text(g.Key, g.Title, "title", MaxTitleRunes)
			text(g.Key, g.HowTo, "how_to", MaxHowToRunes)
			for i, r := range g.Roles {
				if _, err := domain.ParseRole("roles", r); err != nil || slices.Contains(g.Roles[:i], r) {
					t.Fatalf("gesture %s: roles %v accepted", g.Key, g.Roles)
				}
			}
			for i, c := range g.Channels {
				if _, err := domain.ParseChannel("channels", c); err != nil || slices.Contains(g.Channels[:i], c) {
					t.Fatalf("gesture %s: channels %v accepted", g.Key, g.Channels)
				}
			}
		}

		out, err := yaml.Marshal(fileOf(p))
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParsePack(out)
		if err != nil || !reflect.DeepEqual(again, p) {
			t.Fatalf("pack %+v, written as\n%s\nreads back as %+v, %v", p, out, again, err)
		}
	})
}

// FuzzParseRate checks MICROACT_USER_RATE and MICROACT_AUTH_RATE: a rate reads back from its
// own String, and the limiter built from it has a positive rate and burst.
func FuzzParseRate(f *testing.F) {
	for _, seed := range []string{"20/s", "10/m", "100/h", "off", "0/s", "-1/s", "+5/m", "5/d", "5", "/s", "OFF",
		"9223372036854775807/s", "4611686018427387904/s", " 5/s", "5/s/s", "0x10/s"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRate(s)
		if err != nil {
			if r != (domain.Rate{}) {
				t.Fatalf("a refused rate still answered %+v", r)
			}
			return
		}
		if s == "off" {
			if !r.Off() {
				t.Fatalf("off reads as %+v", r)
			}
			return
		}
		if r.Off() || r.Events < 1 || (r.Per != 1e9 && r.Per != 60e9 && r.Per != 3600e9) {
			t.Fatalf("%q reads as %+v", s, r)
		}
		if again, err := ParseRate(r.String()); err != nil || again != r {
			t.Fatalf("%q reads as %+v, written %q, which reads as %+v, %v", s, r, r.String(), again, err)
		}
		// The limiters' burst is twice the rate: that must still be a positive int (and a
		// float64 rate of events per second must be exact enough to mean the same).
		if 2*r.Events <= 0 || r.Events > 1<<40 {
			t.Fatalf("%q allows a burst of %d", s, 2*r.Events)
		}
	})
}
