package align

import "testing"

// TestFillAround checks the gap that only one pair bounds: A2 moved far
// down to B6, and the sentence after it in A (A3) went with it to B7. The
// chain's gaps never hold A3 and B7 together; the segments after the moved
// pair do.
func TestFillAround(t *testing.T) {
	a := []string{
		"The ministers met in Geneva on Monday.",
		"They discussed tariffs on steel and aluminium.",
		"The talks on fishing quotas were postponed.",
		"Negotiators will return to the quotas next month.",
		"Both sides praised the tone of the meeting.",
		"A joint statement is expected on Friday.",
	}
	for _, tt := range []struct {
		name string
		b7   string
		want int32
	}{
		{"reworded follower", "The quotas will be taken up again by negotiators next month.", 7},
		{"unrelated follower", "Weather delayed several flights out of the city.", -1},
	} {
		b := []string{
			"The ministers met in Geneva on Monday.",
			"They discussed tariffs on steel and aluminium.",
			"Officials said progress had been made.",
			"Observers expected little from the round.",
			"Both sides praised the tone of the meeting.",
			"A joint statement is expected on Friday.",
			"The talks on fishing quotas were postponed.",
			tt.b7,
		}
		fa, fb, w := buildFeatures(a, b)
		m := &matcher{a: fa, b: fb, na: len(a), nb: len(b), w: w, thr: DefaultThreshold}
		m.ma, m.mb = filled(m.na, -1), filled(m.nb, -1)
		m.best.a, m.best.b = make([]float32, m.na), make([]float32, m.nb)
		m.background = []float32{0, 0, 0, 0} // unrelated segments share nothing here
		m.typical = 0.9                      // a light revision: lengths are no evidence
		m.lenA, m.lenB = make([]int32, m.na), make([]int32, m.nb)
		for _, p := range [][2]int32{{0, 0}, {1, 1}, {4, 4}, {5, 5}, {2, 6}} {
			m.pair(p[0], p[1])
		}
		m.fillGaps()
		if m.ma[3] != -1 {
			t.Fatalf("%s: fillGaps paired A3 with B%d; the test needs it left over", tt.name, m.ma[3])
		}
		m.fillAround()
		if m.ma[3] != tt.want {
			t.Errorf("%s: A3 → B%d, want B%d (similarity %.3f, bar %.3f)", tt.name, m.ma[3], tt.want, m.sim(3, 7), m.ctxBar(1, 1))
		}
	}
}
