package domain

import (
	"strings"
	"testing"
)

func TestBarrierUpdateDraft(t *testing.T) {
	for _, c := range []struct {
		name, note string
		wantNote   bool
	}{
		{"a resolution with a note carries it in the body and the data", "Fixed on Tuesday.", true},
		{"a change without a note carries none", "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := BarrierUpdateDraft("B1", BarrierResolved, "The till is slow.", c.note)
			if d.Kind != KindBarrierUpdate || d.Link != "microact://barriers/B1" || d.Data["barrier_id"] != "B1" || d.Data["status"] != BarrierResolved {
				t.Errorf("draft %+v", d)
			}
			for locale, tx := range d.Texts {
				if strings.Contains(tx[1], "Fixed on Tuesday.") != c.wantNote || !strings.Contains(tx[1], "The till is slow.") {
					t.Errorf("%s body %q", locale, tx[1])
				}
			}
			if _, ok := d.Data["note"]; ok != c.wantNote {
				t.Errorf("data %v", d.Data)
			}
		})
	}
	t.Run("a long note is cut in the body, whole in the data", func(t *testing.T) {
		note := strings.Repeat("a", 500)
		d := BarrierUpdateDraft("B1", BarrierResolved, "x", note)
		if d.Data["note"] != note || len([]rune(d.Texts["en"][1])) > 300 {
			t.Errorf("body of %d runes", len([]rune(d.Texts["en"][1])))
		}
	})
}

func TestBarrierReportedDraft(t *testing.T) {
	d := BarrierReportedDraft("B2", "Eva")
	if d.Kind != KindBarrierReported || d.Data["barrier_id"] != "B2" || len(d.Texts) != len(Locales) {
		t.Fatalf("draft %+v", d)
	}
	for locale, tx := range d.Texts {
		if tx[0] == "" || !strings.Contains(tx[1], "Eva") {
			t.Errorf("%s texts %q", locale, tx)
		}
	}
}
