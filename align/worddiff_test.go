package align

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/sergi/go-diff/diffmatchpatch"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		a, b string
		want []string // ops, "=" "-" "+" then the text
	}{
		{"The minister said it.", "The minister confirmed it.",
			[]string{"=The minister ", "-said", "+confirmed", "= it."}},
		{"India committed to buy", "India intends to buy",
			[]string{"=India ", "-committed", "+intends", "= to buy"}},
		{"from 25% to 18%.", "from 25% to 15%.",
			[]string{"=from 25% to ", "-18", "+15", "=%."}},
		{"We will not act.", "We will act.",
			[]string{"=We will ", "-not", "= act."}},
		{"We will act.", "We will really act.",
			[]string{"=We will", "+ really", "= act."}},
		{"He said “yes”.", "He said \"yes\".", []string{"=He said “yes”."}},
		{"the good of all", "good for all",
			// The semantic cleanup folds a one-word equality between two
			// changes into one replacement: it reads as a rewritten phrase.
			[]string{"-the good of", "+good for", "= all"}},
		{"非常重要的合作。", "非常重要的交流。", []string{"=非常重要的", "-合作", "+交流", "=。"}},
		{"", "New text.", []string{"+New text."}},
		{"Old text.", "", []string{"-Old text."}},
		// An insertion before text that starts A keeps B's space after it.
		{"talks resumed on Monday.", "Officials said talks resumed on Monday.",
			[]string{"+Officials said ", "=talks resumed on Monday."}},
		{"talks resumed.", "Officials said\u00a0talks resumed.",
			[]string{"+Officials said\u00a0", "=talks resumed."}},
	}
	for _, tt := range tests {
		d := newDiffer()
		ops, _ := d.diff(tt.a, tt.b)
		var got []string
		for _, op := range ops {
			got = append(got, op.Op+op.Text)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("diff(%q, %q)\n have %q\n want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// A rewording never cuts inside a word: every changed op holds whole
// tokens of its side.
func TestWordDiffWholeWords(t *testing.T) {
	a := "The spokesman said the delegation arrived on Tuesday and departed promptly."
	b := "The spokeswoman confirmed the delegations arrived Tuesday, departing promptly."
	d := newDiffer()
	ops, kept := d.diff(a, b)
	words := func(s string) []string { return strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) }) }
	wa, wb := words(a), words(b)
	for _, op := range ops {
		for _, w := range words(op.Text) {
			if op.Op != "+" && !slices.Contains(wa, w) || op.Op == "+" && !slices.Contains(wb, w) {
				t.Errorf("op %q%q holds %q, not a word of its side", op.Op, op.Text, w)
			}
		}
	}
	// The, the, arrived, Tuesday, promptly: the common words in order,
	// whatever the cleanup folded into replacements.
	if kept != 5 {
		t.Errorf("kept = %d, want 5 (ops %q)", kept, ops)
	}
}

func BenchmarkWordDiff(b *testing.B) {
	x := "The United States and India committed to strengthen economic security alignment to enhance supply chain resilience and innovation through complementary actions."
	y := "The United States and India intend to strengthen their economic security alignment to improve supply chain resilience and innovation by complementary action."
	d := newDiffer()
	b.ReportAllocs()
	for b.Loop() {
		d.diff(x, y)
	}
}

// TestWordDiffRebuilds checks on many random texts of a few repeated words
// (where go-diff and the cleanup have the most choices) that the "=" and
// "-" ops rebuild A exactly and the "=" and "+" ops rebuild B's words,
// none glued to its neighbour.
func TestWordDiffRebuilds(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	d := newDiffer()
	words := []string{"a", "bb", "c", "dd", "e"}
	text := func() string {
		w := make([]string, 1+rng.IntN(12))
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	for trial := 0; trial < 20000; trial++ {
		a, b := text(), text()
		ops, _ := d.diff(a, b)
		var ra, rb strings.Builder
		for _, op := range ops {
			if op.Op != "+" {
				ra.WriteString(op.Text)
			}
			if op.Op != "-" {
				rb.WriteString(op.Text)
			}
		}
		if ra.String() != a || strings.Join(strings.Fields(rb.String()), " ") != b {
			t.Fatalf("%q → %q: ops %q rebuild %q and %q", a, b, ops, ra.String(), rb.String())
		}
	}
}

// TestPieceMatchesGoDiff checks that the stretches the differ diffs on its
// own (simplePiece, and no rune in common) come out as go-diff would diff
// them, on every random stretch of a few runes drawn from three.
func TestPieceMatchesGoDiff(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	d := newDiffer()
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	text := func() []rune {
		r := make([]rune, rng.IntN(7))
		for i := range r {
			r[i] = rune(0xF0000 + rng.IntN(3))
		}
		return r
	}
	for trial := 0; trial < 50000; trial++ {
		a, b := text(), text()
		have, want := d.piece(a, b), dmp.DiffMainRunes(a, b, false)
		if !slices.Equal(have, want) {
			t.Fatalf("%q, %q: have %v, want %v", string(a), string(b), have, want)
		}
	}
}
