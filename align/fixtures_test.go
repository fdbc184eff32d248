package align

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/fetch"
)

// The statement pairs in testdata/pairs were written for these tests; each
// NOTES.md lists the differences put in. These tests check that every one
// of them comes out, and nothing else.

func compareFixture(t *testing.T, a, b string, unit Unit) *Result {
	t.Helper()
	load := func(p string) *fetch.Document {
		d, err := fetch.Load(context.Background(), filepath.Join("..", "testdata", "pairs", p), fetch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	r := Compare(load(a), load(b), Options{Unit: unit})
	checkInvariants(t, r)
	return r
}

func TestFixtureReleaseRevision(t *testing.T) {
	r := compareFixture(t, "release-revision/a.md", "release-revision/b.md", UnitClause)
	got := changes(r)
	want := []string{
		"~ -pharmaceuticals,",
		"- Last year, disruptions at a handful of overseas ports cost American manufacturers an estimated $38 billion in delayed shipments.",
		"~ -September 30 +December 31",
		"~ -500 +450",
		"~ -will +may",
		"~ -committed +intends",
		"~ -; +.", // "in 2027; once fully operational" → "in 2027. Once fully operational"
		"~ -once +Once",
		"+ Partners are also expected to announce joint research projects on substitutes for scarce materials.",
		"moved", "moved", "moved", // the paragraph moved to the end: its three clauses, unchanged
		"~ -whole-of-goverment +whole-of-government",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The moved paragraph is the review paragraph, and only it.
	for _, p := range r.Pairs {
		if p.Moved && (p.Kind != Same || r.A.Segments[p.A[0]].Paragraph != 3) {
			t.Errorf("moved pair %+v", p)
		}
	}
	// The <span> wrapper around an unchanged bullet changes nothing; the
	// merged bullets are the same sentences.
	if r.Summary.Changed != 8 || r.Summary.OnlyA != 1 || r.Summary.OnlyB != 1 || r.Summary.Moved != 3 {
		t.Errorf("summary %+v", r.Summary)
	}
	if r.B.Doc.Title == "" || !strings.HasPrefix(r.B.Doc.Title, "FACT SHEET") {
		t.Errorf("title %q", r.B.Doc.Title)
	}
}

func TestFixtureTwoReadouts(t *testing.T) {
	r := compareFixture(t, "two-readouts/a.md", "two-readouts/b.md", UnitClause)
	holds := func(side Side, ids []int, sub string) bool {
		for _, id := range ids {
			if strings.Contains(strings.Join(strings.Fields(side.Segments[id].Text), " "), sub) {
				return true
			}
		}
		return false
	}
	find := func(sub string) *Pair {
		for k := range r.Pairs {
			p := &r.Pairs[k]
			if holds(r.A, p.A, sub) || holds(r.B, p.B, sub) {
				return p
			}
		}
		t.Fatalf("no pair holds %q", sub)
		return nil
	}
	tests := []struct {
		sub  string
		kind Kind
	}{
		{"Science and Technology Cooperation Agreement", Same},
		{"regional hydrogen network", Same},
		{"immediate", Changed},                       // "and unconditional" added
		{"Lars Brekke", Changed},                     // title changed
		{"spoke today with Prime Minister", Changed}, // paraphrased opening
		{"rare earth", Changed},                      // "could play" vs "are expected to make"
		{"digital services tax", Changed},            // "does not support" vs "supports"
		{"collective", Changed},
		{"$41.6 billion", OnlyA},
		{"2.5% of GDP", OnlyA},
		{"Arctic security", OnlyA},
		{"human rights situation", OnlyB},
		{"ferry accident", OnlyB},
		{"Paris Agreement", OnlyB},
		{"official visit", OnlyB},
	}
	for _, tt := range tests {
		if p := find(tt.sub); p.Kind != tt.kind {
			t.Errorf("%q: %s, want %s", tt.sub, p.Kind, tt.kind)
		}
	}
	// The negation is visible in the diff.
	p := find("digital services tax")
	var removed []string
	for _, op := range p.Diff {
		if op.Op == "-" {
			removed = append(removed, op.Text)
		}
	}
	if !strings.Contains(strings.Join(removed, " "), "does not") {
		t.Errorf("negation not in the diff: %+v", p.Diff)
	}
}

func TestFixtureParaphrase(t *testing.T) {
	r := compareFixture(t, "paraphrase/a.txt", "paraphrase/b.txt", UnitSentence)
	// Every sentence of the spun copy is paired with its source; the one
	// dropped sentence is the only one left over; the two swapped
	// sentences are both marked moved (neither order says which moved).
	s := r.Summary
	if s.OnlyB != 0 || s.OnlyA != 1 || s.Moved != 2 || s.Changed+s.Same != 11 {
		t.Errorf("summary %+v\n%s", s, strings.Join(changes(r), "\n"))
	}
	for _, p := range r.Pairs {
		if p.Kind == OnlyA && !strings.Contains(r.A.Segments[p.A[0]].Text, "irrigation fees") {
			t.Errorf("only in A: %q", r.A.Segments[p.A[0]].Text)
		}
		if len(p.A) == 0 {
			continue
		}
		if text := r.A.Segments[p.A[0]].Text; p.Moved != (strings.HasPrefix(text, "Opposition lawmakers") || strings.HasPrefix(text, "Finance Minister")) {
			t.Errorf("moved=%v: %q", p.Moved, text)
		}
	}
	// The spinning error in a number is in a diff.
	if !strings.Contains(strings.Join(changes(r), "\n"), "-3,000 +300") {
		t.Errorf("3,000 → 300 not found:\n%s", strings.Join(changes(r), "\n"))
	}
}

func TestFixtureUnicode(t *testing.T) {
	r := compareFixture(t, "unicode/a.txt", "unicode/b.txt", UnitSentence)
	if r.Differs() {
		t.Errorf("normalization-only differences reported: %q", changes(r))
	}
	for _, n := range []string{fetch.NormQuotes, fetch.NormDashes, fetch.NormSpaces, fetch.NormInvisible, fetch.NormEllipsis, fetch.NormNFC} {
		if r.A.Normalizations[n]+r.B.Normalizations[n] == 0 {
			t.Errorf("normalization %q not recorded", n)
		}
	}

	r = compareFixture(t, "unicode/zh-a.txt", "unicode/zh-b.txt", UnitSentence)
	got := strings.Join(changes(r), "\n")
	want := "~ -126 +132\n~ -重点 +加快\n- 各区要进一步压实主体责任，加强施工安全监管；\n- 对进度滞后的项目，要逐一分析原因，限期整改到位。"
	if got != want {
		t.Errorf("changes:\n%s\nwant:\n%s", got, want)
	}
}
