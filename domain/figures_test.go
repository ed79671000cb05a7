package domain

import "testing"

func TestShownScore(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{0, 0}, {10, 10}, {58.833332, 58.8}, {10.0 / 3, 3.3}, {20.0 / 3, 6.7}, {2.25, 2.3}, {2.35, 2.4}, {99.95, 100},
	} {
		if got := ShownScore(c.in); got != c.want {
			t.Errorf("ShownScore(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestShareOf(t *testing.T) {
	for _, c := range []struct {
		part, whole int
		want        float64
	}{
		{0, 0, 0}, {1, 0, 0}, {0, 3, 0}, {1, 3, 0.333}, {2, 3, 0.667}, {3, 3, 1}, {4, 3, 1}, {1, 8, 0.125}, {1, 7, 0.143}, {-1, 3, 0},
	} {
		if got := ShareOf(c.part, c.whole); got != c.want {
			t.Errorf("ShareOf(%d, %d) = %v, want %v", c.part, c.whole, got, c.want)
		}
	}
}
