package align

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/fetch"
)

// The real, silently revised White House pages live in ../shared beside the
// checkout (they are not ours to copy in); these tests read them there.
var revisions = filepath.Join("..", "..", "shared", "statements", "revisions")

func loadRevision(t *testing.T, dir, prefix string) *fetch.Document {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(revisions, dir, prefix+"*.md"))
	if len(matches) == 0 {
		if _, err := os.Stat(revisions); err != nil {
			t.Skipf("skipping: real statements not found at %s (../shared sits beside the checkout in CI)", revisions)
		}
		t.Fatalf("no %s*.md in %s", prefix, dir)
	}
	d, err := fetch.Load(context.Background(), matches[0], fetch.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func compareRevision(t *testing.T, dir, from, to string) *Result {
	t.Helper()
	r := Compare(loadRevision(t, dir, from), loadRevision(t, dir, to), Options{})
	checkInvariants(t, r)
	return r
}

// changes lists the non-same pairs as readable strings: "~ -old +new" for
// changed pairs (only the changed ops), "- text" and "+ text" for the rest.
func changes(r *Result) []string {
	var out []string
	for _, p := range r.Pairs {
		switch p.Kind {
		case Changed:
			var ops []string
			for _, op := range p.Diff {
				if op.Op != "=" {
					ops = append(ops, op.Op+strings.Join(strings.Fields(op.Text), " "))
				}
			}
			out = append(out, "~ "+strings.Join(ops, " "))
		case OnlyA:
			_, t := joined(r.A.Segments, p.A)
			out = append(out, "- "+strings.Join(strings.Fields(t), " "))
		case OnlyB:
			_, t := joined(r.B.Segments, p.B)
			out = append(out, "+ "+strings.Join(strings.Fields(t), " "))
		}
		if p.Moved {
			out = append(out, "moved")
		}
	}
	return out
}

func TestRevisionIndiaTradeFactSheet(t *testing.T) {
	r := compareRevision(t, "wh-us-india-trade-factsheet-2026", "v1", "v2")
	got := changes(r)
	want := []string{
		"~ -certain pulses,",
		"~ -committed +intends -, agricultural",
		"~ -will remove its digital services taxes and -, +.",
		"- including rules that prohibit the imposition of customs duties on electronic transmissions.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// "committed to buy" → "intends to buy" is one changed clause.
	for _, p := range r.Pairs {
		if p.Kind == Changed && strings.Contains(r.A.Segments[p.A[0]].Text, "committed to buy") {
			if len(p.B) != 1 || !strings.Contains(r.B.Segments[p.B[0]].Text, "intends to buy") {
				t.Errorf("committed-to-buy clause paired with %v", p.B)
			}
		}
	}
}

func TestRevisionNetanyahuReadout(t *testing.T) {
	r := compareRevision(t, "wh-netanyahu-call-readout-2023", "v1", "v2")
	got := changes(r)
	want := []string{"- The two leaders also discussed tensions and violence in the West Bank."}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("changes: %q, want %q", got, want)
	}
}

func TestRevisionLimaTypos(t *testing.T) {
	for _, step := range [][2]string{{"v1", "v2"}, {"v2", "v3"}} {
		r := compareRevision(t, "wh-biden-xi-lima-readout-2024", step[0], step[1])
		got := changes(r)
		if len(got) != 1 {
			t.Errorf("%s→%s: %d changes, want 1 tiny one: %q", step[0], step[1], len(got), got)
			continue
		}
		for _, p := range r.Pairs {
			if p.Kind == Changed && (p.Similarity < 0.9 || len(p.Diff) > 4) {
				t.Errorf("%s→%s: typo fix is not tiny: sim %v, %q", step[0], step[1], p.Similarity, got)
			}
		}
	}
}

func TestRevisionChinaTradeFactSheet(t *testing.T) {
	r := compareRevision(t, "wh-us-china-trade-factsheet-2025", "v1", "v2")
	if got := strings.Join(changes(r), "\n"); !strings.Contains(got, "-in April 2025 and October 2022 +since 2023") {
		t.Errorf("v1→v2 changes:\n%s", got)
	}
	r = compareRevision(t, "wh-us-china-trade-factsheet-2025", "v2", "v3")
	// "sorghum and hardwood logs" → "sorghum and hardwood and softwood logs".
	if got := strings.Join(changes(r), "\n"); got != "~ +and softwood" {
		t.Errorf("v2→v3 changes:\n%s", got)
	}
}

func TestRevisionQatarSplit(t *testing.T) {
	r := compareRevision(t, "wh-us-qatar-factsheet-2025", "v1", "v2")
	// One sentence became two ("... a prominent Qatari company. Qatar will
	// invest ..."): a 1:2 pair, not a deletion plus two insertions.
	found := false
	for _, p := range r.Pairs {
		if len(p.B) == 2 && strings.Contains(r.A.Segments[p.A[0]].Text, "Quantinuum") {
			found = true
		}
	}
	if !found || r.Summary.OnlyA+r.Summary.OnlyB != 0 {
		t.Errorf("changes: %q", changes(r))
	}
}
