package domain

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
)

// verbs lists a format's verbs in order ("%s", "%d"), which every locale must use alike.
var verbs = regexp.MustCompile(`%[sdv]`)

func TestEveryTextExistsInEveryLocale(t *testing.T) {
	for _, locale := range Locales {
		t.Run("notification texts in "+locale, func(t *testing.T) {
			for kind, texts := range PushTexts {
				got, ok := texts[locale]
				if !ok || got[0] == "" || got[1] == "" {
					t.Errorf("%s has no text in %s", kind, locale)
					continue
				}
				if want, have := verbs.FindAllString(texts["en"][1], -1), verbs.FindAllString(got[1], -1); !slices.Equal(want, have) {
					t.Errorf("%s in %s fills %v, English fills %v", kind, locale, have, want)
				}
			}
		})
		t.Run("status words in "+locale, func(t *testing.T) {
			for word := range StatusWords["en"] {
				if StatusWords[locale][word] == "" {
					t.Errorf("no word for %s in %s", word, locale)
				}
			}
		})
		t.Run("badge names in "+locale, func(t *testing.T) {
			for id, names := range BadgeNames {
				if names[locale] == "" {
					t.Errorf("badge %s has no name in %s", id, locale)
				}
			}
		})
		t.Run("the erased person's stand-in in "+locale, func(t *testing.T) {
			if ErasedNames[locale] == "" {
				t.Errorf("no stand-in in %s", locale)
			}
		})
	}
	t.Run("a filled notification reads whole in every locale", func(t *testing.T) {
		d := DraftEach(KindSuggestionReviewed, "microact://suggestions/x", func(locale string) []any {
			return []any{"Welcome card", StatusWords[locale][SuggestionRejected]}
		})
		for _, locale := range Locales {
			body := d.Texts[locale][1]
			if body == "" || regexp.MustCompile(`%!|%[sd]`).MatchString(body) {
				t.Errorf("%s: %q", locale, body)
			}
		}
		if got := fmt.Sprint(d.Texts["fr"][1]); got != "Ton idée « Welcome card » a été écartée." {
			t.Errorf("fr: %q", got)
		}
	})
}

func TestOrgLocales(t *testing.T) {
	o := newTestOrg(t)
	if got := o.SpokenLocales(); !slices.Equal(got, Locales) {
		t.Fatalf("an org without the setting speaks %v", got)
	}
	for _, tc := range []struct {
		name   string
		patch  OrgPatch
		fields []string
		want   []string
	}{
		{"enables Dutch and German", OrgPatch{Locales: ptr([]string{"nl", "de"}), DefaultLocale: ptr("nl")}, nil, []string{"nl", "de"}},
		{"refuses an unknown locale", OrgPatch{Locales: ptr([]string{"nl", "es"})}, []string{"locales"}, nil},
		{"refuses a locale twice", OrgPatch{Locales: ptr([]string{"nl", "nl"})}, []string{"locales"}, nil},
		{"refuses none", OrgPatch{Locales: ptr([]string{})}, []string{"locales"}, nil},
		{"refuses to drop the default locale", OrgPatch{Locales: ptr([]string{"fr"})}, []string{"default_locale"}, nil},
		{"refuses a default locale the org did not enable", OrgPatch{DefaultLocale: ptr("fr")}, []string{"default_locale"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := o.SpokenLocales()
			next := o
			err := next.Apply(tc.patch)
			if tc.fields != nil {
				if err == nil || !slices.Equal(fieldsOf(err), tc.fields) {
					t.Fatalf("want invalid %v, got %v", tc.fields, err)
				}
				if !slices.Equal(next.SpokenLocales(), before) {
					t.Error("a refused patch changed the locales")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(next.SpokenLocales(), tc.want) {
				t.Errorf("locales %v", next.SpokenLocales())
			}
			o = next
		})
	}
	t.Run("a user's locale must be one the org enabled", func(t *testing.T) {
		if err := o.CheckLocale("locale", "de"); err != nil {
			t.Error(err)
		}
		if err := o.CheckLocale("locale", "fr"); err == nil || !slices.Equal(fieldsOf(err), []string{"locale"}) {
			t.Errorf("fr: %v", err)
		}
	})
}
