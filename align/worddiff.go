package align

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/clausediff/clausediff/fetch"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// differ computes word diffs. Words and punctuation marks are the tokens
// (displayTokens), never characters, so "said" → "confirmed" is one
// replacement and not "sai" → "confirme". Each distinct token of a pair is
// mapped to one rune of a private-use plane and go-diff's Myers diff runs on
// those runes; a semantic cleanup then merges small equalities between
// changes so that a rewritten phrase reads as one replacement.
type differ struct {
	dmp *diffmatchpatch.DiffMatchPatch
	ids map[string]rune
}

// maxDiffTokens bounds a word diff. Segments are clauses or lines, far
// below it; beyond it (a whole book on one line) the diff gets a time limit
// and may come out coarse, which is better than a stall.
const maxDiffTokens = 20000

func newDiffer() *differ {
	dmp := diffmatchpatch.New()
	// No timeout: go-diff's default of one second silently degrades a big
	// diff to "delete everything, insert everything". Segments are small.
	dmp.DiffTimeout = 0
	return &differ{dmp: dmp, ids: map[string]rune{}}
}

// diff returns the word diff of two original texts. Tokens compare by their
// normalized form; "=" ops carry A's text. Whitespace before a change is
// moved out of it, into the preceding "=" op.
func (d *differ) diff(a, b string) []Op {
	ta := displayTokens(a, normalizeToken)
	tb := displayTokens(b, normalizeToken)
	clear(d.ids)
	ra := d.runes(ta)
	rb := d.runes(tb)
	if len(ta)+len(tb) > maxDiffTokens {
		d.dmp.DiffTimeout = 5 * time.Second
		defer func() { d.dmp.DiffTimeout = 0 }()
	}
	diffs := d.dmp.DiffMainRunes(ra, rb, false)
	diffs = d.dmp.DiffCleanupSemantic(diffs)
	var ops []Op
	ia, ib := 0, 0
	add := func(op string, toks []dtoken) {
		if len(toks) == 0 {
			return
		}
		var sb strings.Builder
		for _, t := range toks {
			sb.WriteString(t.space)
			sb.WriteString(t.text)
		}
		if n := len(ops); n > 0 && ops[n-1].Op == op {
			ops[n-1].Text += sb.String()
			return
		}
		ops = append(ops, Op{Op: op, Text: sb.String()})
	}
	for _, df := range diffs {
		n := utf8.RuneCountInString(df.Text)
		switch df.Type {
		case diffmatchpatch.DiffEqual:
			add("=", ta[ia:ia+n])
			ia += n
			ib += n
		case diffmatchpatch.DiffDelete:
			add("-", ta[ia:ia+n])
			ia += n
		case diffmatchpatch.DiffInsert:
			add("+", tb[ib:ib+n])
			ib += n
		}
	}
	return tidySpaces(ops)
}

// runes maps tokens to runes from a private-use plane (U+F0000 on), one
// per distinct key. The mapping is per diff, so the plane never runs out.
func (d *differ) runes(ts []dtoken) []rune {
	out := make([]rune, len(ts))
	for i, t := range ts {
		r, ok := d.ids[t.key]
		if !ok {
			r = rune(0xF0000 + len(d.ids))
			if r > 0x10FFFD {
				r = 0x10FFFD // beyond 130k distinct tokens: collide rather than fail
			}
			d.ids[t.key] = r
		}
		out[i] = r
	}
	return out
}

func normalizeToken(s string) string { return fetch.Normalize(s, nil) }

// tidySpaces moves the whitespace that starts a run of changes to the end
// of the "=" op before it, so that changes read "India [-committed-]" and
// not "India[- committed-]".
func tidySpaces(ops []Op) []Op {
	for i := 0; i < len(ops); i++ {
		if ops[i].Op == "=" {
			continue
		}
		// A run of changes starts at i.
		j := i
		for j < len(ops) && ops[j].Op != "=" {
			j++
		}
		all := true
		for k := i; k < j; k++ {
			if !startsWithSpace(ops[k].Text) {
				all = false
			}
		}
		if all {
			var lead string
			for k := i; k < j; k++ {
				t := strings.TrimLeft(ops[k].Text, " \t\r\n\u00A0")
				if k == i {
					lead = ops[k].Text[:len(ops[k].Text)-len(t)]
				}
				ops[k].Text = t
			}
			if i > 0 {
				ops[i-1].Text += lead
			}
		}
		i = j
	}
	return ops
}

func startsWithSpace(s string) bool {
	return s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || strings.HasPrefix(s, "\u00A0"))
}
