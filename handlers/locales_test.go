package handlers

import (
	"testing"
)

func TestOrgLocalesBoundWhatUsersMayChoose(t *testing.T) {
	o := socialNewOrg(t, "talen")
	a := o.a
	var org OrgSettings
	a.call("GET", "/v1/admin/org", o.admin.AccessToken, nil).expect(200).decode(&org)
	if len(org.Locales) != 4 {
		t.Fatalf("an org made without a pack should speak every locale: %v", org.Locales)
	}
	t.Run("an employee picks German while the org speaks it", func(t *testing.T) {
		var me Me
		a.call("PATCH", "/v1/me", o.eva.AccessToken, map[string]any{"locale": "de"}).expect(200).decode(&me)
		if me.Locale != "de" {
			t.Errorf("locale %q", me.Locale)
		}
	})
	a.call("PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"locales": []string{"nl", "en"}, "default_locale": "nl"}).expect(200).decode(&org)
	if len(org.Locales) != 2 || org.Locales[0] != "nl" || org.DefaultLocale != "nl" {
		t.Fatalf("org %v %v", org.Locales, org.DefaultLocale)
	}
	for _, tc := range []struct {
		name   string
		method string
		path   string
		token  string
		body   map[string]any
		status int
		field  string
	}{
		{"an employee cannot pick French the org no longer speaks", "PATCH", "/v1/me", o.ben.AccessToken, map[string]any{"locale": "fr"}, 422, "locale"},
		{"an admin cannot give a user French either", "PATCH", "/v1/admin/users/" + o.ben.User.Id, o.admin.AccessToken, map[string]any{"locale": "fr"}, 422, "locale"},
		{"an employee can pick Dutch", "PATCH", "/v1/me", o.ben.AccessToken, map[string]any{"locale": "nl"}, 200, ""},
		{"the default locale must be enabled", "PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"default_locale": "de"}, 422, "default_locale"},
		{"the org cannot drop its default locale", "PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"locales": []string{"en"}}, 422, "default_locale"},
		{"an unknown locale is refused", "PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"locales": []string{"es"}}, 422, "locales.0"},
		{"no locale at all is refused", "PATCH", "/v1/admin/org", o.admin.AccessToken, map[string]any{"locales": []string{}}, 422, "locales"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := a.call(tc.method, tc.path, tc.token, tc.body)
			if tc.field != "" {
				if p := r.wantProblem(tc.status, "invalid"); !p.names(tc.field) {
					t.Errorf("problem names %v, want %s", p.fieldNames(), tc.field)
				}
				return
			}
			r.expect(tc.status)
		})
	}
	t.Run("a user who chose a locale the org disabled keeps it", func(t *testing.T) {
		if me := a.loopMe(o.eva); me.Locale != "de" {
			t.Errorf("locale %q", me.Locale)
		}
	})
	t.Run("a German user's notifications are in German", func(t *testing.T) {
		story := o.socialShare(o.eva, "Eine Geschichte")
		a.call("PUT", "/v1/stories/"+story+"/kudos", o.ben.AccessToken, nil).expect(204)
		got := a.socialNotices(o.eva, "kudos")
		if len(got) != 1 || got[0].Body != "Ben de Boer gefällt deine Geschichte." {
			t.Errorf("kudos notices %+v", got)
		}
	})
}

func TestGermanAndFrenchCatalogueTexts(t *testing.T) {
	a := newAPI(t)
	o := a.loopNewOrg("sprachen")
	v := o.value("Attentive", map[string]any{"translations": map[string]any{
		"de": map[string]any{"name": "Aufmerksam"}, "fr": map[string]any{"name": "Attentif"},
	}})
	g := o.gesture(v.Id, "Greet every customer", map[string]any{"translations": map[string]any{
		"de": map[string]any{"title": "Begrüß jeden Kunden", "how_to": "Sag Hallo, sobald jemand reinkommt."},
		"fr": map[string]any{"title": "Salue chaque client", "how_to": "Dis bonjour dès que quelqu’un entre."},
	}})
	if g.Translations.De == nil || *g.Translations.De.Title != "Begrüß jeden Kunden" || g.Translations.Fr == nil || *g.Translations.Fr.HowTo != "Dis bonjour dès que quelqu’un entre." {
		t.Fatalf("translations %+v", g.Translations)
	}
	for _, tc := range []struct{ locale, title, value string }{
		{"de", "Begrüß jeden Kunden", "Aufmerksam"},
		{"fr", "Salue chaque client", "Attentif"},
	} {
		t.Run("a user who reads "+tc.locale+" gets today's gesture in it", func(t *testing.T) {
			s := o.member("Reader "+tc.locale, "employee", "")
			a.call("PATCH", "/v1/me", s.AccessToken, map[string]any{"locale": tc.locale}).expect(200)
			a.loopRefresh(s)
			as := a.loopToday(s)
			if as.Gesture.Title != tc.title || as.Gesture.Value.Name != tc.value {
				t.Errorf("today %q of %q", as.Gesture.Title, as.Gesture.Value.Name)
			}
		})
	}
}
