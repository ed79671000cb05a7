package configs

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// A content pack is a YAML file of values and gestures an org can be seeded with (see
// packs/starter.yaml for the format). Keys are stable across versions of a pack, so whoever loads
// a pack into an org can match items by key and update them instead of adding duplicates.

//go:embed packs/*.yaml
var packFiles embed.FS

// Limits of a content pack; the text limits are the API's limits for the same fields.
const (
	PackMaxBytes         = 1 << 20 // largest pack file accepted
	DefaultGesturePoints = 10      // points of a gesture that does not set them
	MinGesturePoints     = 1
	MaxGesturePoints     = 100
	MaxValueNameRunes    = 60
	MaxDescriptionRunes  = 300
	MaxTitleRunes        = 80
	MaxHowToRunes        = 400
)

var (
	packKeyPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,60}$`)
	// packLocales are the locales every text of a pack must have when it does not list its own
	// (locales:); supportedLocales those a pack may list, English always among them (the base
	// text of what it adds to an org).
	packLocales      = []string{"en", "nl"}
	supportedLocales = []string{"en", "nl", "de", "fr"}
	packRoles        = []string{"employee", "lead", "admin"}
	packChannels     = []string{"store", "phone", "online", "field"}
)

// Text is one piece of text in several locales, keyed by locale ("en", "nl", "de", "fr").
type Text map[string]string

// In returns the text in locale, falling back to English.
func (t Text) In(locale string) string {
	if s := t[locale]; s != "" {
		return s
	}
	return t["en"]
}

// Pack is a parsed and validated content pack.
type Pack struct {
	Name     string // the pack's own key, e.g. "starter"
	Version  int
	Locales  []string      // every text comes in these; an org made with the pack enables them
	Values   []PackValue   // in file order
	Gestures []PackGesture // in file order
}

// PackValue is a value of a pack.
type PackValue struct {
	Key         string
	Name        Text
	Description Text
}

// PackGesture is a gesture of a pack.
type PackGesture struct {
	Key    string
	Value  string // the Key of a PackValue of the same pack
	Title  Text
	HowTo  Text
	Points int      // 1..100; DefaultGesturePoints when the file does not say
	Roles  []string // employee, lead, admin; nil means everyone
	// Channels are where the gesture fits (store, phone, online, field); nil means everywhere.
	Channels []string
}

// Value returns the value with key.
func (p Pack) Value(key string) (PackValue, bool) {
	for _, v := range p.Values {
		if v.Key == key {
			return v, true
		}
	}
	return PackValue{}, false
}

// ForRole reports whether users with role may be given the gesture.
func (g PackGesture) ForRole(role string) bool {
	return len(g.Roles) == 0 || slices.Contains(g.Roles, role)
}

// The shape of a pack file. These are separate from the exported types so that an absent field
// (points) can be told from a zero one, and so that yaml concerns stay out of the API.
type packFile struct {
	Pack     string            `yaml:"pack"`
	Version  int               `yaml:"version"`
	Locales  []string          `yaml:"locales,omitempty"`
	Values   []packValueFile   `yaml:"values"`
	Gestures []packGestureFile `yaml:"gestures"`
}

type packValueFile struct {
	Key         string            `yaml:"key"`
	Name        map[string]string `yaml:"name"`
	Description map[string]string `yaml:"description"`
}

type packGestureFile struct {
	Key    string            `yaml:"key"`
	Value  string            `yaml:"value"`
	Title  map[string]string `yaml:"title"`
	HowTo  map[string]string `yaml:"how_to"`
	Points *int              `yaml:"points"`
	Roles  []string          `yaml:"roles"`
	// Channels name where the gesture fits; a team of another channel never gets it.
	Channels []string `yaml:"channels"`
}

// LoadPack reads and validates the content pack at path.
func LoadPack(path string) (Pack, error) {
	f, err := os.Open(path)
	if err != nil {
		return Pack{}, fmt.Errorf("content pack: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, PackMaxBytes+1))
	if err != nil {
		return Pack{}, fmt.Errorf("content pack %s: %w", path, err)
	}
	p, err := ParsePack(data)
	if err != nil {
		return Pack{}, fmt.Errorf("content pack %s: %w", path, err)
	}
	return p, nil
}

// ParsePack decodes and validates a content pack. Unknown fields are errors. Texts are trimmed.
// A validation error lists every problem found, one per line, each naming the item and the field
// ("gestures[3] (walk-to-the-shelf): title.nl is empty"); errors.Join's Unwrap gives them one by one.
func ParsePack(data []byte) (Pack, error) {
	if len(data) > PackMaxBytes {
		return Pack{}, fmt.Errorf("pack is larger than %d bytes", PackMaxBytes)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var file packFile
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			return Pack{}, errors.New("pack is empty")
		}
		var typeErr *yaml.TypeError
		if errors.As(err, &typeErr) { // well-formed YAML, but unknown fields or wrong types
			return Pack{}, fmt.Errorf("pack does not follow the pack format: %w", err)
		}
		return Pack{}, fmt.Errorf("pack is not valid YAML: %w", err)
	}
	var rest yaml.Node
	if err := dec.Decode(&rest); !errors.Is(err, io.EOF) {
		return Pack{}, errors.New("pack must be a single YAML document")
	}
	v := &packValidator{}
	p := v.pack(file)
	if len(v.errs) > 0 {
		return Pack{}, errors.Join(v.errs...)
	}
	return p, nil
}

// StarterPack returns the starter pack built into the binary.
func StarterPack() (Pack, error) { return BuiltinPack("starter") }

// BuiltinPack returns the pack built into the binary under name (packs/<name>.yaml).
func BuiltinPack(name string) (Pack, error) {
	if !packKeyPattern.MatchString(name) {
		return Pack{}, unknownPack(name)
	}
	data, err := packFiles.ReadFile("packs/" + name + ".yaml")
	if errors.Is(err, fs.ErrNotExist) {
		return Pack{}, unknownPack(name)
	}
	if err != nil {
		return Pack{}, fmt.Errorf("built-in pack %s: %w", name, err)
	}
	p, err := ParsePack(data)
	if err != nil {
		return Pack{}, fmt.Errorf("built-in pack %s: %w", name, err)
	}
	if p.Name != name {
		return Pack{}, fmt.Errorf("built-in pack %s: the file calls itself %q", name, p.Name)
	}
	return p, nil
}

// BuiltinPacks lists the names of the packs built into the binary, sorted.
func BuiltinPacks() []string {
	entries, _ := packFiles.ReadDir("packs") // the directory is embedded, so it exists
	var names []string
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

func unknownPack(name string) error {
	return fmt.Errorf("no built-in pack %q (built in: %s)", name, strings.Join(BuiltinPacks(), ", "))
}

type packValidator struct {
	errs    []error
	locales []string // the pack's locales, in the order texts are checked
}

func (v *packValidator) addf(format string, args ...any) {
	v.errs = append(v.errs, fmt.Errorf(format, args...))
}

func (v *packValidator) pack(f packFile) Pack {
	v.locales = packLocales
	if f.Locales != nil {
		v.locales = f.Locales
		if !slices.Contains(f.Locales, "en") {
			v.addf("locales: must include en, the base text")
		}
		for i, loc := range f.Locales {
			switch {
			case !slices.Contains(supportedLocales, loc):
				v.addf("locales[%d] is %q, want one of %s", i, loc, strings.Join(supportedLocales, ", "))
			case slices.Contains(f.Locales[:i], loc):
				v.addf("locales[%d] %q is listed twice", i, loc)
			}
		}
	}
	p := Pack{Name: f.Pack, Version: f.Version, Locales: slices.Clone(v.locales)}
	if !packKeyPattern.MatchString(f.Pack) {
		v.addf("pack: %s", keyProblem(f.Pack))
	}
	if f.Version < 1 {
		v.addf("version: must be a whole number of at least 1")
	}
	if len(f.Values) == 0 {
		v.addf("values: a pack needs at least one value")
	}
	if len(f.Gestures) == 0 {
		v.addf("gestures: a pack needs at least one gesture")
	}

	valueAt := map[string]string{} // key -> item label of its first use
	names := map[string]map[string]string{}
	for i, in := range f.Values {
		item := itemLabel("values", i, in.Key)
		v.key(item, in.Key, valueAt)
		out := PackValue{
			Key:         in.Key,
			Name:        v.text(item, "name", in.Name, MaxValueNameRunes),
			Description: v.text(item, "description", in.Description, MaxDescriptionRunes),
		}
		v.unique(item, "name", out.Name, names)
		p.Values = append(p.Values, out)
	}

	gestureAt := map[string]string{}
	titles := map[string]map[string]string{}
	for i, in := range f.Gestures {
		item := itemLabel("gestures", i, in.Key)
		v.key(item, in.Key, gestureAt)
		out := PackGesture{
			Key:    in.Key,
			Value:  in.Value,
			Title:  v.text(item, "title", in.Title, MaxTitleRunes),
			HowTo:  v.text(item, "how_to", in.HowTo, MaxHowToRunes),
			Points: DefaultGesturePoints,
		}
		v.unique(item, "title", out.Title, titles)
		switch _, ok := valueAt[in.Value]; {
		case in.Value == "":
			v.addf("%s: value is missing (want the key of one of the pack's values)", item)
		case !ok:
			v.addf("%s: value %q is not the key of a value in this pack", item, in.Value)
		}
		if in.Points != nil {
			out.Points = *in.Points
			if out.Points < MinGesturePoints || out.Points > MaxGesturePoints {
				v.addf("%s: points is %d, want %d to %d", item, out.Points, MinGesturePoints, MaxGesturePoints)
			}
		}
		for j, role := range in.Roles {
			switch {
			case !slices.Contains(packRoles, role):
				v.addf("%s: roles[%d] is %q, want one of %s", item, j, role, strings.Join(packRoles, ", "))
			case slices.Contains(in.Roles[:j], role):
				v.addf("%s: roles[%d] %q is listed twice", item, j, role)
			}
		}
		if len(in.Roles) > 0 {
			out.Roles = slices.Clone(in.Roles)
		}
		for j, ch := range in.Channels {
			switch {
			case !slices.Contains(packChannels, ch):
				v.addf("%s: channels[%d] is %q, want one of %s", item, j, ch, strings.Join(packChannels, ", "))
			case slices.Contains(in.Channels[:j], ch):
				v.addf("%s: channels[%d] %q is listed twice", item, j, ch)
			}
		}
		if len(in.Channels) > 0 {
			out.Channels = slices.Clone(in.Channels)
		}
		p.Gestures = append(p.Gestures, out)
	}
	return p
}

// itemLabel names an item in errors: "gestures[3] (walk-to-the-shelf)", or "gestures[3]" when the
// key is not a valid one (it is then reported, quoted, by itself).
func itemLabel(list string, i int, key string) string {
	label := list + "[" + strconv.Itoa(i) + "]"
	if packKeyPattern.MatchString(key) {
		label += " (" + key + ")"
	}
	return label
}

func keyProblem(key string) string {
	if key == "" {
		return "key is missing"
	}
	return fmt.Sprintf("key %q must be 2 to 61 lowercase letters, digits or dashes, starting with a letter or digit", key)
}

func (v *packValidator) key(item, key string, seen map[string]string) {
	if !packKeyPattern.MatchString(key) {
		v.addf("%s: %s", item, keyProblem(key))
		return
	}
	if first, dup := seen[key]; dup {
		v.addf("%s: key %q is already used by %s", item, key, first)
		return
	}
	seen[key] = item
}

// text checks one localized text and returns it trimmed.
func (v *packValidator) text(item, field string, in map[string]string, maxRunes int) Text {
	if len(in) == 0 {
		v.addf("%s: %s is missing (want %s)", item, field, strings.Join(v.locales, " and "))
		return nil
	}
	out := make(Text, len(v.locales))
	for _, loc := range v.locales {
		s := strings.TrimSpace(in[loc])
		out[loc] = s
		switch n := utf8.RuneCountInString(s); {
		case s == "":
			v.addf("%s: %s.%s is empty", item, field, loc)
		case !utf8.ValidString(s):
			v.addf("%s: %s.%s is not valid UTF-8", item, field, loc)
		case n > maxRunes:
			v.addf("%s: %s.%s is %d characters long, at most %d allowed", item, field, loc, n, maxRunes)
		case strings.IndexFunc(s, forbiddenInText) >= 0:
			v.addf("%s: %s.%s contains a control character or line break", item, field, loc)
		}
	}
	extra := make([]string, 0, len(in))
	for loc := range in {
		if !slices.Contains(v.locales, loc) {
			extra = append(extra, loc)
		}
	}
	sort.Strings(extra)
	for _, loc := range extra {
		v.addf("%s: %s.%s: unsupported locale, want %s", item, field, loc, strings.Join(v.locales, " and "))
	}
	return out
}

// forbiddenInText is true for control characters (line breaks and tabs included: every text of a
// pack is one line) and the Unicode line and paragraph separators.
func forbiddenInText(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}

// unique reports a text that another item of the same list already uses in the same locale
// (ignoring case), since the app could not tell the two apart.
func (v *packValidator) unique(item, field string, t Text, seen map[string]map[string]string) {
	for _, loc := range v.locales {
		s := strings.ToLower(t[loc])
		if s == "" {
			continue
		}
		if seen[loc] == nil {
			seen[loc] = map[string]string{}
		}
		if first, dup := seen[loc][s]; dup {
			v.addf("%s: %s.%s is the same as that of %s", item, field, loc, first)
			continue
		}
		seen[loc][s] = item
	}
}
