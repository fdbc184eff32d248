package align

import (
	"strings"
	"testing"
)

// TestFitGap checks the last resort of a free translation: segments left
// in a small gap between two pairs pair in order when their lengths relate
// as paired segments' do and they share more than most random pairs —
// and not otherwise.
func TestFitGap(t *testing.T) {
	words := func(n int, w string) string { return strings.TrimSpace(strings.Repeat(w+" ", n)) }
	// A and B: a pair at each end, and a gap of two segments a side that
	// share one word each, pair by pair.
	a := []string{"alpha beta gamma", words(10, "river") + " stone", words(20, "cloud") + " wheat", "delta epsilon zeta"}
	b := []string{"alpha beta gamma", words(11, "water") + " stone", words(20, "rainy") + " wheat", "delta epsilon zeta"}
	tests := []struct {
		name   string
		b1, b2 string
		upper  float32 // the background's upper quartile
		want   [2]int32
	}{
		{"lengths fit, words shared", b[1], b[2], 0.01, [2]int32{1, 2}},
		{"resemblance no better than chance", b[1], b[2], 0.5, [2]int32{-1, -1}},
		{"lengths do not fit", words(40, "water") + " stone", words(2, "rainy") + " wheat", 0.01, [2]int32{-1, -1}},
		{"nothing shared", words(11, "water"), words(20, "rainy"), 0.0, [2]int32{-1, -1}},
	}
	for _, tt := range tests {
		bb := []string{b[0], tt.b1, tt.b2, b[3]}
		fa, fb, w := buildFeatures(a, bb)
		m := &matcher{a: fa, b: fb, na: len(a), nb: len(bb), w: w, thr: DefaultThreshold}
		m.ma, m.mb = filled(m.na, -1), filled(m.nb, -1)
		m.best.a, m.best.b = make([]float32, m.na), make([]float32, m.nb)
		m.lenA, m.lenB = make([]int32, m.na), make([]int32, m.nb)
		for i, s := range a {
			m.lenA[i] = int32(len(s))
		}
		for j, s := range bb {
			m.lenB[j] = int32(len(s))
		}
		m.pair(0, 0)
		m.pair(3, 3)
		// Random pairs: half share nothing (the median lengthFits asks to
		// beat), and the upper quartile is tt.upper.
		m.background = []float32{0, 0, 0, 0, 0, 0, tt.upper, 1}
		m.lengths = lengthModel{on: true, mu: 0, sd: 0.2}
		m.fitGap(1, 3, 1, 3)
		if got := [2]int32{m.ma[1], m.ma[2]}; got != tt.want {
			t.Errorf("%s: A1→%d, A2→%d; want %v (similarities %.3f, %.3f)", tt.name, got[0], got[1], tt.want, m.sim(1, 1), m.sim(2, 2))
		}
	}
}
