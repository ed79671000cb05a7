package configs

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStarterPack(t *testing.T) {
	p, err := StarterPack()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "starter" || p.Version < 1 {
		t.Errorf("pack %q version %d, want starter version ≥ 1", p.Name, p.Version)
	}
	if !slices.Equal(p.Locales, []string{"en", "nl", "de", "fr"}) {
		t.Errorf("locales %v, want Dutch, German and French next to English", p.Locales)
	}
	if len(p.Values) < 6 {
		t.Errorf("%d values, want at least 6", len(p.Values))
	}
	if len(p.Gestures) < 36 {
		t.Errorf("%d gestures, want at least 36", len(p.Gestures))
	}

	perValue := map[string]int{}
	forEmployees := map[string]int{}
	leads := 0
	for _, g := range p.Gestures {
		perValue[g.Value]++
		if g.ForRole("employee") {
			forEmployees[g.Value]++
		}
		if g.ForRole("lead") && !g.ForRole("employee") {
			leads++
		}
		if _, ok := p.Value(g.Value); !ok {
			t.Errorf("gesture %s: unknown value %q", g.Key, g.Value)
		}
		if g.Points < 1 || g.Points > 100 {
			t.Errorf("gesture %s: points %d", g.Key, g.Points)
		}
		checkTexts(t, "gesture "+g.Key+" title", g.Title, MaxTitleRunes)
		checkTexts(t, "gesture "+g.Key+" how_to", g.HowTo, MaxHowToRunes)
	}
	for _, v := range p.Values {
		checkTexts(t, "value "+v.Key+" name", v.Name, MaxValueNameRunes)
		checkTexts(t, "value "+v.Key+" description", v.Description, MaxDescriptionRunes)
		if perValue[v.Key] < 5 {
			t.Errorf("value %s has %d gestures, want at least 5", v.Key, perValue[v.Key])
		}
		if forEmployees[v.Key] < 5 {
			t.Errorf("value %s has %d gestures an employee can be given, want at least 5", v.Key, forEmployees[v.Key])
		}
	}
	if leads < 3 {
		t.Errorf("%d lead-only gestures (leading by example), want at least 3", leads)
	}

	// No two gestures share a title, and no two values a name, in any locale.
	for _, loc := range []string{"en", "nl"} {
		titles := map[string]string{}
		for _, g := range p.Gestures {
			title := strings.ToLower(g.Title[loc])
			if other, dup := titles[title]; dup {
				t.Errorf("gestures %s and %s share the %s title %q", other, g.Key, loc, g.Title[loc])
			}
			titles[title] = g.Key
		}
		names := map[string]string{}
		for _, v := range p.Values {
			if other, dup := names[v.Name[loc]]; dup {
				t.Errorf("values %s and %s share the %s name %q", other, v.Key, loc, v.Name[loc])
			}
			names[v.Name[loc]] = v.Key
		}
	}
}

// checkTexts checks that a text is present in en and nl, within limits, and actually translated.
func checkTexts(t *testing.T, what string, text Text, maxRunes int) {
	t.Helper()
	if len(text) != len(supportedLocales) {
		t.Errorf("%s: locales %v, want exactly %v", what, text, supportedLocales)
	}
	for _, loc := range supportedLocales {
		s := text[loc]
		if s == "" {
			t.Errorf("%s: %s is empty", what, loc)
		}
		if n := utf8.RuneCountInString(s); n > maxRunes {
			t.Errorf("%s: %s is %d characters, limit %d", what, loc, n, maxRunes)
		}
		// Short names such as a value's may legitimately coincide; longer texts must be translated.
		if loc != "en" && utf8.RuneCountInString(text["en"]) > 20 && text["en"] == s {
			t.Errorf("%s: %s is the same as en (%q)", what, loc, s)
		}
	}
}

// The starter pack tags its gestures by channel: a shop and a call centre each have plenty to
// be given, and a call centre none of the shop floor's.
func TestStarterPackChannels(t *testing.T) {
	p, err := StarterPack()
	if err != nil {
		t.Fatal(err)
	}
	fits := func(g PackGesture, channel string) bool {
		return len(g.Channels) == 0 || slices.Contains(g.Channels, channel)
	}
	count := map[string]int{}
	for _, g := range p.Gestures {
		for _, ch := range packChannels {
			if g.ForRole("employee") && fits(g, ch) {
				count[ch]++
			}
		}
		if g.Key == "offer-a-seat" && fits(g, "phone") {
			t.Errorf("a call centre may be given %q", g.Title.In("en"))
		}
		if g.Key == "answer-with-your-name" && fits(g, "store") {
			t.Errorf("a shop may be given %q", g.Title.In("en"))
		}
	}
	for _, ch := range []string{"store", "phone"} {
		if count[ch] < 15 {
			t.Errorf("an employee of a %s team has %d gestures, want at least 15 (three working weeks without a repeat)", ch, count[ch])
		}
	}
	if count["store"] == len(p.Gestures) || count["phone"] == count["store"] {
		t.Errorf("the pack tags nothing: %v of %d", count, len(p.Gestures))
	}
}

func TestBuiltinPack(t *testing.T) {
	if names := BuiltinPacks(); len(names) == 0 || names[0] == "" {
		t.Fatalf("BuiltinPacks() = %v", names)
	}
	for _, name := range []string{"nope", "../pack", "packs/starter", "", "Starter"} {
		if _, err := BuiltinPack(name); err == nil || !strings.Contains(err.Error(), "no built-in pack") {
			t.Errorf("BuiltinPack(%q) = %v, want a no-built-in-pack error", name, err)
		}
	}
	a, err := BuiltinPack("starter")
	if err != nil {
		t.Fatal(err)
	}
	// Every call parses afresh, so a caller changing its copy cannot change another's.
	a.Gestures[0].Title["en"] = "changed"
	b, _ := StarterPack()
	if b.Gestures[0].Title["en"] == "changed" {
		t.Fatal("packs share their maps")
	}
}

const minimalPack = `pack: mini
version: 1
values:
  - key: attentive
    name: {en: "Attentive", nl: "Attent"}
    description: {en: "We notice people.", nl: "We zien mensen."}
  - key: reliable
    name: {en: "Reliable", nl: "Betrouwbaar"}
    description: {en: "We do what we say.", nl: "We doen wat we zeggen."}
gestures:
  - key: walk-to-the-shelf
    value: attentive
    title: {en: "Walk the customer to the shelf", nl: "Loop mee naar het schap"}
    how_to: {en: "Walk with them.", nl: "Loop met ze mee."}
  - key: call-back
    value: reliable
    title: {en: "Call back on time", nl: "Bel op tijd terug"}
    how_to: {en: "Call when you said you would.", nl: "Bel wanneer je het beloofde."}
    points: 15
    roles: [employee, lead]
`

func TestParsePackValid(t *testing.T) {
	p, err := ParsePack([]byte(minimalPack))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "mini" || p.Version != 1 || len(p.Values) != 2 || len(p.Gestures) != 2 {
		t.Fatalf("parsed %+v", p)
	}
	g0, g1 := p.Gestures[0], p.Gestures[1]
	if g0.Points != DefaultGesturePoints || g0.Roles != nil || !g0.ForRole("admin") {
		t.Errorf("defaults not applied: %+v", g0)
	}
	if g1.Points != 15 || len(g1.Roles) != 2 || g1.ForRole("admin") || !g1.ForRole("lead") {
		t.Errorf("points/roles not read: %+v", g1)
	}
	if g0.Title["nl"] != "Loop mee naar het schap" || g0.HowTo.In("fr") != "Walk with them." {
		t.Errorf("texts: %+v", g0)
	}
	if v, ok := p.Value("reliable"); !ok || v.Name["nl"] != "Betrouwbaar" {
		t.Errorf("Value(reliable) = %+v, %v", v, ok)
	}

	// Texts are trimmed, so folded YAML blocks may end in a line break.
	folded := strings.Replace(minimalPack, `how_to: {en: "Walk with them.", nl: "Loop met ze mee."}`,
		"how_to:\n      en: >\n        Walk with them,\n        all the way.\n      nl: \"  Loop met ze mee.  \"", 1)
	p, err = ParsePack([]byte(folded))
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Gestures[0].HowTo; got["en"] != "Walk with them, all the way." || got["nl"] != "Loop met ze mee." {
		t.Errorf("how_to not trimmed: %q", got)
	}
}

func TestParsePackErrors(t *testing.T) {
	// Each case changes the minimal pack in one place (old → new, first occurrence only).
	for _, tc := range []struct {
		name, old, new, want string
	}{
		{"unknown top-level field", "version: 1\n", "version: 1\nauthor: me\n", "field author not found"},
		{"unknown gesture field", "    points: 15\n", "    points: 15\n    colour: red\n", "field colour not found"},
		{"unknown value field", "    name: {en: \"Reliable\"", "    emoji: x\n    name: {en: \"Reliable\"", "field emoji not found"},
		{"duplicate gesture key", "key: call-back", "key: walk-to-the-shelf", `gestures[1] (walk-to-the-shelf): key "walk-to-the-shelf" is already used by gestures[0] (walk-to-the-shelf)`},
		{"duplicate value key", "key: reliable", "key: attentive", `values[1] (attentive): key "attentive" is already used by values[0] (attentive)`},
		{"bad key", "key: call-back", "key: Call_Back", `gestures[1]: key "Call_Back" must be 2 to 61 lowercase`},
		{"one-character key", "key: call-back", "key: c", `gestures[1]: key "c" must be`},
		{"key starting with a dash", "key: call-back", "key: -call-back", `key "-call-back" must be`},
		{"missing key", "  - key: call-back\n    value", "  - value", "gestures[1]: key is missing"},
		{"missing nl title", `nl: "Loop mee naar het schap"`, `nl: ""`, "gestures[0] (walk-to-the-shelf): title.nl is empty"},
		{"blank nl title", `nl: "Loop mee naar het schap"`, `nl: "   "`, "gestures[0] (walk-to-the-shelf): title.nl is empty"},
		{"nl title absent", `, nl: "Loop mee naar het schap"`, ``, "gestures[0] (walk-to-the-shelf): title.nl is empty"},
		{"missing how_to", "    how_to: {en: \"Walk with them.\", nl: \"Loop met ze mee.\"}\n", "", "gestures[0] (walk-to-the-shelf): how_to is missing (want en and nl)"},
		{"missing nl description", `nl: "We zien mensen."`, `nl: ""`, "values[0] (attentive): description.nl is empty"},
		{"missing en name", `en: "Attentive", `, ``, "values[0] (attentive): name.en is empty"},
		{"unsupported locale", `nl: "Attent"}`, `nl: "Attent", de: "Aufmerksam"}`, "values[0] (attentive): name.de: unsupported locale"},
		{"a listed locale the texts lack", "version: 1\n", "version: 1\nlocales: [en, nl, de]\n", "values[0] (attentive): name.de is empty"},
		{"an unknown listed locale", "version: 1\n", "version: 1\nlocales: [en, nl, es]\n", `locales[2] is "es", want one of en, nl, de, fr`},
		{"a pack without English", "version: 1\n", "version: 1\nlocales: [nl]\n", "locales: must include en, the base text"},
		{"a locale listed twice", "version: 1\n", "version: 1\nlocales: [en, nl, nl]\n", `locales[2] "nl" is listed twice`},
		{"unknown value ref", "value: reliable", "value: honest", `gestures[1] (call-back): value "honest" is not the key of a value in this pack`},
		{"missing value ref", "    value: reliable\n", "", "gestures[1] (call-back): value is missing"},
		{"too long title", `en: "Call back on time"`, `en: "` + strings.Repeat("é", 81) + `"`, "gestures[1] (call-back): title.en is 81 characters long, at most 80 allowed"},
		{"too long how_to", `en: "Walk with them."`, `en: "` + strings.Repeat("a", 401) + `"`, "how_to.en is 401 characters long, at most 400 allowed"},
		{"too long description", `en: "We notice people."`, `en: "` + strings.Repeat("a", 301) + `"`, "description.en is 301 characters long, at most 300 allowed"},
		{"too long name", `en: "Attentive"`, `en: "` + strings.Repeat("a", 61) + `"`, "name.en is 61 characters long, at most 60 allowed"},
		{"control character", `en: "Call back on time"`, `en: "Call back\ton time"`, "gestures[1] (call-back): title.en contains a control character"},
		{"line break", `en: "Call back on time"`, `en: "Call back\non time"`, "title.en contains a control character or line break"},
		{"line separator", `en: "Call back on time"`, `en: "Call back\u2028on time"`, "title.en contains a control character or line break"},
		{"bad role", "roles: [employee, lead]", "roles: [employee, manager]", `gestures[1] (call-back): roles[1] is "manager", want one of employee, lead, admin`},
		{"duplicate role", "roles: [employee, lead]", "roles: [lead, lead]", `roles[1] "lead" is listed twice`},
		{"unknown channel", "roles: [employee, lead]", "roles: [employee, lead]\n    channels: [store, fax]", `gestures[1] (call-back): channels[1] is "fax", want one of store, phone, online, field`},
		{"duplicate channel", "roles: [employee, lead]", "roles: [employee, lead]\n    channels: [phone, phone]", `channels[1] "phone" is listed twice`},
		{"points zero", "points: 15", "points: 0", "gestures[1] (call-back): points is 0, want 1 to 100"},
		{"points too high", "points: 15", "points: 101", "points is 101, want 1 to 100"},
		{"points negative", "points: 15", "points: -5", "points is -5, want 1 to 100"},
		{"points not a number", "points: 15", "points: many", "cannot unmarshal"},
		{"duplicate title", `en: "Call back on time"`, `en: "walk the customer to the shelf"`, "gestures[1] (call-back): title.en is the same as that of gestures[0] (walk-to-the-shelf)"},
		{"duplicate value name", `nl: "Betrouwbaar"`, `nl: "Attent"`, "values[1] (reliable): name.nl is the same as that of values[0] (attentive)"},
		{"bad pack name", "pack: mini", "pack: Mini Pack", `pack: key "Mini Pack" must be`},
		{"missing pack name", "pack: mini\n", "", "pack: key is missing"},
		{"missing version", "version: 1\n", "", "version: must be a whole number of at least 1"},
		{"no gestures", minimalPack[strings.Index(minimalPack, "gestures:"):], "gestures: []\n", "gestures: a pack needs at least one gesture"},
		{"duplicate yaml key", "    points: 15\n", "    points: 15\n    points: 20\n", `"points" already defined`},
		{"second document", "version: 1\n", "version: 1\n---\npack: other\n", "single YAML document"},
		{"empty", minimalPack, "", "pack is empty"},
		{"not yaml", "pack: mini", "pack: [mini", "not valid YAML"},
		{"values is not a list", minimalPack[strings.Index(minimalPack, "values:"):strings.Index(minimalPack, "gestures:")], "values: attentive\n", "does not follow the pack format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(minimalPack, tc.old) {
				t.Fatalf("the minimal pack does not contain %q", tc.old)
			}
			_, err := ParsePack([]byte(strings.Replace(minimalPack, tc.old, tc.new, 1)))
			if err == nil {
				t.Fatalf("no error, want one containing %q", tc.want)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q\ndoes not contain %q", err, tc.want)
			}
		})
	}
}

func TestParsePackReportsEveryProblem(t *testing.T) {
	bad := strings.NewReplacer(`nl: "Loop mee naar het schap"`, `nl: ""`, "value: reliable", "value: honest", "points: 15", "points: 0").Replace(minimalPack)
	_, err := ParsePack([]byte(bad))
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 3 {
		t.Fatalf("want three problems, got %v", err)
	}
}

func TestParsePackTooLarge(t *testing.T) {
	data := []byte(minimalPack + "# " + strings.Repeat("x", PackMaxBytes) + "\n")
	if _, err := ParsePack(data); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Fatalf("err = %v", err)
	}
}

func TestLoadPack(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "mini.yaml")
	if err := os.WriteFile(good, []byte(minimalPack), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := LoadPack(good)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "mini" || len(p.Gestures) != 2 {
		t.Fatalf("loaded %+v", p)
	}

	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte(strings.Replace(minimalPack, "value: reliable", "value: honest", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadPack(bad); err == nil || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), `value "honest"`) {
		t.Fatalf("err = %v, want one naming the file and the problem", err)
	}

	if _, err := LoadPack(filepath.Join(dir, "missing.yaml")); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("err = %v, want not-exist", err)
	}

	// The starter pack on disk is the one built into the binary.
	disk, err := LoadPack(filepath.Join("packs", "starter.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	embedded, _ := StarterPack()
	if len(disk.Gestures) != len(embedded.Gestures) || len(disk.Values) != len(embedded.Values) {
		t.Fatal("packs/starter.yaml and the embedded starter pack differ")
	}
}
