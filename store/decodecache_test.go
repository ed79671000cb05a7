package store

import (
	"fmt"
	"testing"

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
	t.Run("it never holds more than its capacity", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		for i := range 23 {
			if _, err := c.decode(fmt.Sprintf(`{"id":"g%d"}`, i)); err != nil {
				t.Fatal(err)
			}
			if len(c.m) > 5 {
				t.Fatalf("holds %d", len(c.m))
			}
		}
	})
	t.Run("an empty text, an object deleted by hand, is the zero value", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		if g, err := c.decode(""); err != nil || g.ID != "" || len(c.m) != 0 {
			t.Fatalf("want the zero gesture and nothing kept, got %+v, %v", g, err)
		}
	})
	t.Run("bad JSON is an error and is not remembered", func(t *testing.T) {
		c := newDecodeCache[domain.Gesture](5)
		if _, err := c.decode(`{"id":`); err == nil || len(c.m) != 0 {
			t.Fatalf("want an error and nothing kept, got %v, %d kept", err, len(c.m))
		}
	})
}
