package domain

import (
	"testing"
	"time"
)

func TestDraftAddress(t *testing.T) {
	now := time.Date(2026, 12, 6, 9, 30, 15, 500_000_000, time.FixedZone("CET", 3600))
	d := Draft{Kind: KindKudos, Link: "microact://stories/S1", Collapse: "kudos:S1",
		Texts: map[string][2]string{"en": {"Kudos", "Sam liked your story"}, "nl": {"Kudos", "Sam vond je verhaal mooi"}},
		Data:  map[string]string{"story_id": "S1"}}
	cases := []struct {
		name string
		r    Recipient
		ok   bool
		body string
	}{
		{"in the user's locale", Recipient{ID: "eva", Locale: "nl", Active: true}, true, "Sam vond je verhaal mooi"},
		{"in English when the draft has not their locale", Recipient{ID: "eva", Locale: "fr", Active: true}, true, "Sam liked your story"},
		{"in English without a locale", Recipient{ID: "eva", Active: true}, true, "Sam liked your story"},
		{"none for a user who is not active (or gone)", Recipient{ID: "eva", Locale: "nl"}, false, ""},
	}
	for _, c := range cases {
		n, ok := d.Address("N1", c.r, now)
		if ok != c.ok || n.Body != c.body {
			t.Errorf("%s: %+v, %v", c.name, n, ok)
			continue
		}
		if !ok {
			continue
		}
		want := map[string]string{"story_id": "S1", "kind": KindKudos, "id": "N1", "link": "microact://stories/S1"}
		if n.ID != "N1" || n.Kind != KindKudos || n.Title != "Kudos" || len(n.Data) != len(want) ||
			!n.CreatedAt.Equal(time.Date(2026, 12, 6, 8, 30, 15, 0, time.UTC)) || n.CreatedAt.Location() != time.UTC {
			t.Errorf("%s: %+v", c.name, n)
		}
		for k, v := range want {
			if n.Data[k] != v {
				t.Errorf("%s: data %s = %q, want %q", c.name, k, n.Data[k], v)
			}
		}
	}
	if _, ok := d.Data["kind"]; ok {
		t.Error("Address changed the draft's data")
	}
}
