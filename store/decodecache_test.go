package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/microact/microact/domain"
)

func TestDecodeCache(t *testing.T) {
	t.Run("an edited object decodes to its new content, never the remembered one", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](10)
		for _, title := range []string{"Smile", "Smile", "Wave", "Smile"} {
			g, err := c.decode(fmt.Sprintf(`{"id":"g1","title":%q}`, title))
			if err != nil || g.Title != title {
				t.Fatalf("want %q, got %q (%v)", title, g.Title, err)
			}
		}
	})
	t.Run("it never holds more than its capacity (at least one per shard)", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		for i := range 230 {
			if _, err := c.decode(fmt.Sprintf(`{"id":"g%d"}`, i)); err != nil {
				t.Fatal(err)
			}
			if c.m.Len() > 64 {
				t.Fatalf("holds %d", c.m.Len())
			}
		}
	})
	t.Run("an empty text, an object deleted by hand, is the zero value", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		if g, err := c.decode(""); err != nil || g.ID != "" || c.m.Len() != 0 {
			t.Fatalf("want the zero gesture and nothing kept, got %+v, %v", g, err)
		}
	})
	t.Run("bad JSON is an error and is not remembered", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		if _, err := c.decode(`{"id":`); err == nil || c.m.Len() != 0 {
			t.Fatalf("want an error and nothing kept, got %v, %d kept", err, c.m.Len())
		}
	})
}

// What the decode cache earns per decode: a gesture with its translations decoded by
// encoding/json, against the same text found in the cache. A first read of the day decodes a
// gesture, a value, a user and maybe a challenge; a feed page read whole, 8 texts a card.
func BenchmarkDecodeGesture(b *testing.B) {
	g := domain.Gesture{ID: "g12", Rev: 3, Org: "acme", Title: "Thank a colleague by name", HowTo: strings.Repeat("Say what they did and why it helped. ", 4),
		ValueID: "v2", Points: 10, Active: true, Source: "pack", PackKey: "thank-by-name", CreatedAt: time.Now(),
		Translations: map[string]domain.Text{"nl": {Title: "Bedank een collega bij naam", HowTo: strings.Repeat("Zeg wat ze deden en waarom. ", 4)},
			"de": {Title: "Danke einem Kollegen namentlich", HowTo: strings.Repeat("Sag, was sie getan haben. ", 4)}}}
	raw, err := json.Marshal(g)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			var g domain.Gesture
			if err := json.Unmarshal(raw, &g); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		c := newDecodeCache[domain.Gesture](4096)
		for b.Loop() {
			if _, err := c.decode(string(raw)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
