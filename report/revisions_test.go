package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/align"
)

// TestIndiaFactSheet: the silent revision of the White House fact sheet
// on the US-India trade deal (../shared) must list as substantive the
// change from "committed to buy" to "intends to buy", the dropped
// "agricultural" and the dropped "certain pulses", in every format.
func TestIndiaFactSheet(t *testing.T) {
	r := revision(t, "wh-us-india-trade-factsheet-2026", "v1", "v2")
	want := []string{"modal: committed → intends", "dropped: agricultural", "dropped: certain pulses"}
	var listed []string
	for _, p := range r.Pairs {
		if p.Class == align.Substantive {
			listed = append(listed, p.Reasons...)
		}
	}
	for _, w := range want {
		found := false
		for _, l := range listed {
			found = found || l == w
		}
		if !found {
			t.Errorf("substantive reasons %q lack %q", listed, w)
		}
	}

	md := renderMD(t, renderMarkdown(t, r, MarkdownOptions{}))
	items := textOf(findAll(md, "ol")[0])
	doc := parseHTML(t, renderHTML(t, r, HTMLOptions{}))
	subst := cellText(findAll(doc, "ol")[0])
	var js bytes.Buffer
	if err := JSON(&js, r, testMeta); err != nil {
		t.Fatal(err)
	}
	for _, w := range want {
		if !strings.Contains(items, w) {
			t.Errorf("the Markdown list of substantive changes lacks %q:\n%s", w, items)
		}
		if !strings.Contains(subst, w) {
			t.Errorf("the HTML list of substantive changes lacks %q:\n%s", w, subst)
		}
		if !strings.Contains(js.String(), `"class": "substantive", "reasons": [`) || !strings.Contains(js.String(), `"`+w+`"`) {
			t.Errorf("the JSON lacks the substantive reason %q", w)
		}
	}
}

// TestLimaReadoutTypos: the two typo fixes in the Biden-Xi Lima readout
// ("the good of all" → "the good for all" → "good for all") must come out
// minor or cosmetic, never substantive.
func TestLimaReadoutTypos(t *testing.T) {
	for _, v := range [][2]string{{"v1", "v2"}, {"v2", "v3"}} {
		r := revision(t, "wh-biden-xi-lima-readout-2024", v[0], v[1])
		changed := 0
		for _, p := range r.Pairs {
			if p.Kind == align.Same {
				continue
			}
			changed++
			if p.Class != align.Minor && p.Class != align.Cosmetic {
				t.Errorf("%s→%s: %s pair classed %s (%q)", v[0], v[1], p.Kind, p.Class, p.Reasons)
			}
		}
		if changed == 0 {
			t.Errorf("%s→%s: no change found", v[0], v[1])
		}
		if r.Summary.Substantive != 0 {
			t.Errorf("%s→%s: %d substantive", v[0], v[1], r.Summary.Substantive)
		}
	}
}
