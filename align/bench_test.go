package align

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"
)

// synthetic builds a deterministic statement-like document of about n
// bytes: sentences of 8–30 words drawn from a Zipf-distributed vocabulary,
// with commas, clause openers and paragraphs.
func synthetic(seed int64, n int) string {
	rng := rand.New(rand.NewSource(seed))
	vocab := make([]string, 6000)
	for i := range vocab {
		w := []byte{}
		for k := 0; k < 3+rng.Intn(7); k++ {
			w = append(w, byte('a'+rng.Intn(26)))
		}
		vocab[i] = string(w)
	}
	zipf := rand.NewZipf(rng, 1.1, 2, uint64(len(vocab)-1))
	var b strings.Builder
	for b.Len() < n {
		words := 8 + rng.Intn(23)
		for i := 0; i < words; i++ {
			w := vocab[zipf.Uint64()]
			if i == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
			switch {
			case i == words-1:
				b.WriteString(". ")
			case i > 4 && rng.Intn(12) == 0:
				b.WriteString(", which ")
			case rng.Intn(15) == 0:
				b.WriteString(", ")
			default:
				b.WriteString(" ")
			}
		}
		if rng.Intn(4) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// perturb revises a document the way the benchmarks do: a tenth of the
// sentences deleted, a tenth reworded, a few inserted and a block moved.
func perturb(seed int64, doc string) string {
	rng := rand.New(rand.NewSource(seed))
	sents := strings.SplitAfter(doc, ". ")
	var out []string
	for _, s := range sents {
		switch r := rng.Intn(20); {
		case r < 2:
			continue
		case r < 4:
			w := strings.Fields(s)
			if len(w) > 2 {
				w[rng.Intn(len(w)-1)+1] = "changed"
			}
			s = strings.Join(w, " ") + " "
		case r == 4:
			out = append(out, "An inserted sentence about something else entirely. ")
		}
		out = append(out, s)
	}
	if len(out) > 20 {
		i, j := len(out)/5, len(out)*4/5
		block := append([]string{}, out[i:i+3]...)
		out = append(out[:i], out[i+3:]...)
		out = append(out[:j-3], append(block, out[j-3:]...)...)
	}
	return strings.Join(out, "")
}

func BenchmarkSegment(b *testing.B) {
	doc := synthetic(1, 100_000)
	for _, u := range []Unit{UnitClause, UnitSentence} {
		b.Run(string(u), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				segmentText(doc, u)
			}
		})
	}
}

// BenchmarkCompare times the whole comparison at growing sizes: the time per
// byte should stay roughly flat (near-linear cost).
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		a := synthetic(1, n)
		c := perturb(2, a)
		da, db := textDoc(b, "a.txt", a), textDoc(b, "b.txt", c)
		b.Run(fmt.Sprintf("%dKB", n/1000), func(b *testing.B) {
			b.SetBytes(int64(len(a) + len(c)))
			b.ReportAllocs()
			for b.Loop() {
				Compare(da, db, Options{})
			}
		})
	}
}

// BenchmarkMatch times matching alone (features, candidates and pairing),
// without segmentation and word diffs.
func BenchmarkMatch(b *testing.B) {
	a := synthetic(3, 300_000)
	c := perturb(4, a)
	ra := newSide(textDoc(b, "a.txt", a), UnitClause)
	rb := newSide(textDoc(b, "b.txt", c), UnitClause)
	na, nb := norms(ra.Segments), norms(rb.Segments)
	b.SetBytes(int64(len(a) + len(c)))
	for b.Loop() {
		fa, fb, w := buildFeatures(na, nb)
		m := &matcher{a: fa, b: fb, na: len(na), nb: len(nb), w: w, thr: DefaultThreshold}
		m.match(na, nb)
	}
}
