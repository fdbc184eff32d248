package report

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
)

// This file holds the wording the HTML and Markdown reports share, so that
// both say the same thing in the same words.

// normDescriptions say, for each normalization, what comparison ignored.
var normDescriptions = []struct{ name, text string }{
	{fetch.NormQuotes, "curly, low and prime quotes read as straight quotes"},
	{fetch.NormDashes, "en and em dashes, minus signs and other dashes read as hyphens"},
	{fetch.NormSpaces, "non-breaking, thin and other special spaces read as spaces"},
	{fetch.NormInvisible, "zero-width characters, soft hyphens and byte order marks ignored"},
	{fetch.NormEllipsis, "the ellipsis character … read as three full stops"},
	{fetch.NormWhite, "line breaks and runs of spaces read as one space"},
	{fetch.NormNFC, "composed and decomposed accented letters read alike (Unicode NFC)"},
}

// normRow is one normalization that fired on either side.
type normRow struct {
	Name, Text string
	A, B       int
}

// normalizations lists the normalizations that changed either side, in a
// fixed order, with any unknown ones (a newer fetch) at the end.
func normalizations(r *align.Result) []normRow {
	var out []normRow
	seen := map[string]bool{}
	for _, d := range normDescriptions {
		seen[d.name] = true
		if a, b := r.A.Normalizations[d.name], r.B.Normalizations[d.name]; a+b > 0 {
			out = append(out, normRow{d.name, d.text, a, b})
		}
	}
	names := append(r.A.Normalizations.Names(), r.B.Normalizations.Names()...)
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, normRow{n, n, r.A.Normalizations[n], r.B.Normalizations[n]})
		}
	}
	return out
}

// unitNoun names the segments of a comparison: "clauses", "lines", ...
func unitNoun(u align.Unit, n int) string {
	noun := string(u)
	if noun == "" {
		noun = string(align.UnitClause)
	}
	if n == 1 {
		return noun
	}
	return noun + "s"
}

// kindLabel is how a report names a pair kind.
func kindLabel(k align.Kind) string {
	switch k {
	case align.Same:
		return "same"
	case align.Changed:
		return "reworded"
	case align.OnlyA:
		return "only in A"
	case align.OnlyB:
		return "only in B"
	}
	return string(k)
}

// sideText joins the text of segments ids of one side.
func sideText(s align.Side, ids []int) string {
	parts := make([]string, 0, len(ids))
	for _, id := range ids {
		if id >= 0 && id < len(s.Segments) {
			parts = append(parts, s.Segments[id].Text)
		}
	}
	return strings.Join(parts, " ")
}

// paragraph returns the paragraph of the first segment ids, or 0.
func paragraph(s align.Side, ids []int) int {
	if len(ids) == 0 || ids[0] < 0 || ids[0] >= len(s.Segments) {
		return 0
	}
	return s.Segments[ids[0]].Paragraph
}

// position names where segments ids stand in their side: "¶3" (the
// paragraph), or "line 12" when each line is a segment.
func position(r *align.Result, s align.Side, ids []int) string {
	if r.Options.Unit == align.UnitLine {
		if len(ids) == 0 || ids[0] < 0 || ids[0] >= len(s.Segments) {
			return "line ?"
		}
		return fmt.Sprintf("line %d", s.Segments[ids[0]].Line)
	}
	return fmt.Sprintf("¶%d", paragraph(s, ids))
}

// movedFrom and movedTo label the two ends of a move.
func movedFrom(r *align.Result, p align.Pair) string {
	return "moved from " + position(r, r.A, p.A) + " of A"
}

func movedTo(r *align.Result, p align.Pair) string {
	return "moved to " + position(r, r.B, p.B) + " of B"
}

// sourceName is how a report names an input.
func sourceName(d *fetch.Document) string {
	if d.Source == "-" {
		return "standard input"
	}
	return d.Source
}

// displayName is the short name of a side: its title, else its source.
func displayName(d *fetch.Document) string {
	if t := strings.TrimSpace(d.Title); t != "" {
		return t
	}
	return sourceName(d)
}

// thousands writes n with thousands separators: 1,234,567.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// excerpt returns the first words of s, at most n runes, with "…" when cut.
func excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := len(r)
	for i := len(r) - 1; i > n/2; i-- {
		if unicode.IsSpace(r[i]) {
			cut = i
			break
		}
	}
	return strings.TrimSpace(string(r[:cut])) + "…"
}

// maxListed caps the list of substantive changes at the top of a report;
// every substantive pair is still marked in the body.
const maxListed = 500
