package align

import (
	"strings"
	"time"
	"unicode"
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
	dmp    *diffmatchpatch.DiffMatchPatch
	ids    map[string]rune
	ta, tb []dtoken // reused between diffs
	na, nb []string // their normalized forms, where they differ
	count  []int32  // runesDiff: occurrences of each token in A and B
	posB   []int32  // runesDiff: where each token stands in B
	spans  []opSpan // diff: the ops as spans of a or b
	rspans []rspan  // runesDiff: the diff as spans of ra or rb
	lis    lisScratch
}

// rspan is a run of runesDiff's result: equal or deleted runes of ra, or
// inserted runes of rb.
type rspan struct {
	typ    diffmatchpatch.Operation
	lo, hi int
}

// opSpan is an op of diff as a span of a ("=" and "-") or of b ("+").
type opSpan struct {
	op     string
	lo, hi int
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
// moved out of it, into the preceding "=" op. Op texts are substrings of a
// and b, not copies. kept counts the words common to both, in order.
func (d *differ) diff(a, b string) (ops []Op, kept int) {
	d.ta, d.na = displayTokens(d.ta[:0], d.na[:0], a, normalizeToken)
	d.tb, d.nb = displayTokens(d.tb[:0], d.nb[:0], b, normalizeToken)
	ta, tb := d.ta, d.tb
	// Common prefix and suffix first: most rewordings touch a few words,
	// and go-diff then works on the middle only.
	pre := 0
	for pre < len(ta) && pre < len(tb) && ta[pre].key(a, d.na) == tb[pre].key(b, d.nb) {
		pre++
	}
	suf := 0
	for suf < len(ta)-pre && suf < len(tb)-pre && ta[len(ta)-1-suf].key(a, d.na) == tb[len(tb)-1-suf].key(b, d.nb) {
		suf++
	}
	// Runs of tokens are contiguous in their text: an op is a span of a
	// (for "=" and "-") or of b ("+"), extended while it grows.
	spans := d.spans[:0]
	add := func(op string, _ string, toks []dtoken) {
		if len(toks) == 0 {
			return
		}
		lo, hi := int(toks[0].ws), int(toks[len(toks)-1].end)
		if n := len(spans); n > 0 && spans[n-1].op == op && spans[n-1].hi == lo {
			spans[n-1].hi = hi
			return
		}
		spans = append(spans, opSpan{op, lo, hi})
	}
	for _, t := range ta[:pre] {
		if t.word {
			kept++
		}
	}
	for _, t := range ta[len(ta)-suf:] {
		if t.word {
			kept++
		}
	}
	add("=", a, ta[:pre])
	ma, mb := ta[pre:len(ta)-suf], tb[pre:len(tb)-suf]
	switch {
	case len(ma) == 0:
		add("+", b, mb)
	case len(mb) == 0:
		add("-", a, ma)
	case len(ma) == 1 && len(mb) == 1:
		add("-", a, ma) // one word for another: nothing for go-diff to find
		add("+", b, mb)
	default:
		clear(d.ids)
		ra := d.runes(ma, a, d.na)
		nA := len(d.ids)
		rb := d.runes(mb, b, d.nb)
		if !shares(rb, nA) {
			// No token of B's middle occurs in A's: go-diff could only
			// say "delete all, insert all".
			add("-", a, ma)
			add("+", b, mb)
			break
		}
		if len(ma)+len(mb) > maxDiffTokens {
			d.dmp.DiffTimeout = 5 * time.Second
			defer func() { d.dmp.DiffTimeout = 0 }()
		}
		diffs := d.runesDiff(ra, rb, len(d.ids))
		// Words kept count on the raw diff, the longest common
		// subsequence; the cleanup below trades some of them for
		// readability ("-the good of +good for").
		k := 0
		for _, df := range diffs {
			n := len(df.Text) / 4 // runes of the private-use planes are 4 bytes
			if df.Type == diffmatchpatch.DiffEqual {
				for _, t := range ma[k : k+n] {
					if t.word {
						kept++
					}
				}
			}
			if df.Type != diffmatchpatch.DiffInsert {
				k += n
			}
		}
		if changeRuns(diffs) > 1 {
			// Only an equality between two changes can be folded; with one
			// run of changes there is nothing for the cleanup to do.
			diffs = d.dmp.DiffCleanupSemantic(diffs)
		}
		ia, ib := 0, 0
		for _, df := range diffs {
			n := len(df.Text) / 4 // runes of the private-use planes are 4 bytes
			switch df.Type {
			case diffmatchpatch.DiffEqual:
				add("=", a, ma[ia:ia+n])
				ia += n
				ib += n
			case diffmatchpatch.DiffDelete:
				add("-", a, ma[ia:ia+n])
				ia += n
			case diffmatchpatch.DiffInsert:
				add("+", b, mb[ib:ib+n])
				ib += n
			}
		}
	}
	add("=", a, ta[len(ta)-suf:])
	spaceInsertions(spans, a, b)
	d.spans = spans
	ops = make([]Op, len(spans))
	for i, sp := range spans {
		src := a
		if sp.op == "+" {
			src = b
		}
		ops[i] = Op{Op: sp.op, Text: src[sp.lo:sp.hi]}
	}
	return tidySpaces(ops), kept
}

// spaceInsertions keeps B's words apart where an insertion meets
// unchanged text that A does not start with whitespace ("=" ops carry A's
// whitespace): in A "talks resumed", B "Officials said talks resumed", the
// insertion becomes "Officials said " — else B would read "Officials
// saidtalks". The last insertion of the run of changes before such an
// "=" span takes the whitespace that follows it in b.
func spaceInsertions(spans []opSpan, a, b string) {
	for k := 1; k < len(spans); k++ {
		if spans[k].op != "=" || spans[k].lo >= len(a) || spaceAt(a, spans[k].lo) > 0 {
			continue
		}
		for i := k - 1; i >= 0 && spans[i].op != "="; i-- {
			if spans[i].op == "+" {
				for n := spaceAt(b, spans[i].hi); n > 0; n = spaceAt(b, spans[i].hi) {
					spans[i].hi += n
				}
				break
			}
		}
	}
}

// spaceAt returns the size of the whitespace character at s[i], or 0.
func spaceAt(s string, i int) int {
	if i >= len(s) {
		return 0
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if unicode.IsSpace(r) {
		return n
	}
	return 0
}

// runesDiff diffs two rune sequences (tokens mapped to runes, n distinct):
// first on the tokens that occur exactly once in each and in the same order
// (patience diff's anchors, found with a longest increasing subsequence),
// then with go-diff between consecutive anchors, where little is left. On
// a sentence with a few words changed here and there this leaves go-diff
// only the short stretches around each change, instead of one long middle.
func (d *differ) runesDiff(ra, rb []rune, n int) []diffmatchpatch.Diff {
	count := d.count[:0]
	for i := 0; i < 2*n; i++ {
		count = append(count, 0)
	}
	d.count = count
	posB := d.posB[:0]
	for i := 0; i < n; i++ {
		posB = append(posB, -1)
	}
	d.posB = posB
	for _, r := range ra {
		count[2*(r-0xF0000)]++
	}
	for j, r := range rb {
		id := r - 0xF0000
		count[2*id+1]++
		posB[id] = int32(j)
	}
	// Unique common tokens, in A's order, with their place in B.
	var anchorsA, anchorsB []int32
	for i, r := range ra {
		id := r - 0xF0000
		if count[2*id] == 1 && count[2*id+1] == 1 {
			anchorsA = append(anchorsA, int32(i))
			anchorsB = append(anchorsB, posB[id])
		}
	}
	keep := d.lis.indexes(anchorsB)
	if len(keep) == 0 {
		return d.dmp.DiffMainRunes(ra, rb, false)
	}
	// Pieces are kept as spans of ra (equal, delete) or rb (insert) and
	// made strings once, merged: appending an anchor's rune to a string
	// at a time would copy a long equal run again at every anchor.
	spans := d.rspans[:0]
	defer func() { d.rspans = spans[:0] }()
	emit := func(typ diffmatchpatch.Operation, lo, hi int) {
		if lo == hi {
			return
		}
		if k := len(spans) - 1; k >= 0 && spans[k].typ == typ && spans[k].hi == lo {
			spans[k].hi = hi
			return
		}
		spans = append(spans, rspan{typ, lo, hi})
	}
	pa, pb := 0, 0
	piece := func(i, j int) {
		for _, df := range d.piece(ra[pa:i], rb[pb:j]) {
			n := len(df.Text) / 4 // every rune of the private-use planes is 4 bytes
			switch df.Type {
			case diffmatchpatch.DiffEqual:
				emit(df.Type, pa, pa+n)
				pa += n
				pb += n
			case diffmatchpatch.DiffDelete:
				emit(df.Type, pa, pa+n)
				pa += n
			case diffmatchpatch.DiffInsert:
				emit(df.Type, pb, pb+n)
				pb += n
			}
		}
	}
	for _, k := range keep {
		i, j := int(anchorsA[k]), int(anchorsB[k])
		piece(i, j)
		emit(diffmatchpatch.DiffEqual, i, i+1)
		pa, pb = i+1, j+1
	}
	piece(len(ra), len(rb))
	out := make([]diffmatchpatch.Diff, len(spans))
	for k, sp := range spans {
		src := ra
		if sp.typ == diffmatchpatch.DiffInsert {
			src = rb
		}
		out[k] = diffmatchpatch.Diff{Type: sp.typ, Text: string(src[sp.lo:sp.hi])}
	}
	return out
}

// piece diffs a stretch between two anchors.
func (d *differ) piece(ra, rb []rune) []diffmatchpatch.Diff {
	switch {
	case len(ra) == 0 && len(rb) == 0:
		return nil
	case len(ra) == 0:
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffInsert, Text: string(rb)}}
	case len(rb) == 0:
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: string(ra)}}
	case len(ra)*len(rb) <= 64 && !common(ra, rb):
		// Nothing in common: go-diff would say "delete, insert" too.
		return []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: string(ra)}, {Type: diffmatchpatch.DiffInsert, Text: string(rb)}}
	}
	if out, ok := simplePiece(ra, rb); ok {
		if len(out) == 3 {
			// An edit between two equalities may shift sideways, as in
			// go-diff (its cleanup merge): "c[-aac-]c" reads "[-caa-]cc".
			out = d.dmp.DiffCleanupMerge(out)
		}
		return out
	}
	return d.dmp.DiffMainRunes(ra, rb, false)
}

// simplePiece diffs, without go-diff's machinery, the stretches whose diff
// go-diff finds in its own first steps — after trimming the common prefix
// and suffix, one side empty or found whole inside the other — and gives
// what go-diff gives for them (TestSimplePiece compares the two). Most
// stretches between anchors are of these kinds. ok is false for the rest.
func simplePiece(ra, rb []rune) (out []diffmatchpatch.Diff, ok bool) {
	pre := 0
	for pre < len(ra) && pre < len(rb) && ra[pre] == rb[pre] {
		pre++
	}
	suf := 0
	for suf < len(ra)-pre && suf < len(rb)-pre && ra[len(ra)-1-suf] == rb[len(rb)-1-suf] {
		suf++
	}
	ma, mb := ra[pre:len(ra)-suf], rb[pre:len(rb)-suf]
	var mid []diffmatchpatch.Diff
	switch {
	case len(ma) == 0 && len(mb) == 0:
	case len(ma) == 0:
		mid = []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffInsert, Text: string(mb)}}
	case len(mb) == 0:
		mid = []diffmatchpatch.Diff{{Type: diffmatchpatch.DiffDelete, Text: string(ma)}}
	default:
		return nil, false
	}
	if pre > 0 {
		out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(ra[:pre])})
	}
	out = append(out, mid...)
	if suf > 0 {
		out = append(out, diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: string(ra[len(ra)-suf:])})
	}
	return out, true
}

// common reports whether two short rune slices share a rune.
func common(ra, rb []rune) bool {
	for _, x := range ra {
		for _, y := range rb {
			if x == y {
				return true
			}
		}
	}
	return false
}

// lisScratch holds the buffers of indexes, for reuse.
type lisScratch struct{ tails, prev, out []int }

// indexes returns the indexes of a longest strictly increasing subsequence
// of v, in order, in O(len(v) log len(v)). The result is valid until the
// next call.
func (s *lisScratch) indexes(v []int32) []int {
	if len(v) == 0 {
		return nil
	}
	tails := s.tails[:0] // tails[k]: index of the smallest tail of an increasing run of length k+1
	prev := s.prev[:0]
	for i, x := range v {
		lo, hi := 0, len(tails)
		for lo < hi {
			m := (lo + hi) / 2
			if v[tails[m]] < x {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo > 0 {
			prev = append(prev, tails[lo-1])
		} else {
			prev = append(prev, -1)
		}
		if lo == len(tails) {
			tails = append(tails, i)
		} else {
			tails[lo] = i
		}
	}
	out := s.out[:0]
	for range tails {
		out = append(out, 0)
	}
	for k, i := len(tails)-1, tails[len(tails)-1]; k >= 0; k, i = k-1, prev[i] {
		out[k] = i
	}
	s.tails, s.prev, s.out = tails, prev, out
	return out
}

// changeRuns counts the runs of deletions and insertions in diffs.
func changeRuns(diffs []diffmatchpatch.Diff) int {
	n, in := 0, false
	for _, df := range diffs {
		ch := df.Type != diffmatchpatch.DiffEqual
		if ch && !in {
			n++
		}
		in = ch
	}
	return n
}

// shares reports whether any of rb was first mapped while mapping A's
// tokens (runes below the first nA of the plane).
func shares(rb []rune, nA int) bool {
	for _, r := range rb {
		if int(r-0xF0000) < nA {
			return true
		}
	}
	return false
}

// runes maps tokens to runes from a private-use plane (U+F0000 on), one
// per distinct key. The mapping is per diff, so the plane never runs out.
func (d *differ) runes(ts []dtoken, text string, norms []string) []rune {
	out := make([]rune, len(ts))
	for i, t := range ts {
		key := t.key(text, norms)
		r, ok := d.ids[key]
		if !ok {
			r = rune(0xF0000 + len(d.ids))
			if r > 0x10FFFD {
				r = 0x10FFFD // beyond 130k distinct tokens: collide rather than fail
			}
			d.ids[key] = r
		}
		out[i] = r
	}
	return out
}

func normalizeToken(s string) string { return fetch.Normalize(s, nil) }

// tidySpaces moves the whitespace that starts a run of changes to the end
// of the "=" op before it, so that changes read "India [-committed-]" and
// not "India[- committed-]". Only A's whitespace can move into an "=" op
// (its text is A's), so this happens when the run deletes something that
// starts with whitespace; the run's insertions then lose theirs, which the
// "=" op now supplies. A pure insertion keeps its leading space.
func tidySpaces(ops []Op) []Op {
	for i := 0; i < len(ops); i++ {
		if ops[i].Op == "=" {
			continue
		}
		j := i
		for j < len(ops) && ops[j].Op != "=" {
			j++
		}
		if i > 0 {
			del := -1
			for k := i; k < j; k++ {
				if ops[k].Op == "-" {
					del = k
					break
				}
			}
			if del >= 0 && startsWithSpace(ops[del].Text) {
				t := strings.TrimLeft(ops[del].Text, " \t\r\n\u00A0")
				ops[i-1].Text += ops[del].Text[:len(ops[del].Text)-len(t)]
				ops[del].Text = t
				for k := i; k < j; k++ {
					if ops[k].Op == "+" {
						// Only the first: a later insertion's whitespace
						// parts it from B's word before it.
						ops[k].Text = strings.TrimLeft(ops[k].Text, " \t\r\n\u00A0")
						break
					}
				}
			}
		}
		i = j
	}
	return ops
}

func startsWithSpace(s string) bool {
	return s != "" && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r' || strings.HasPrefix(s, "\u00A0"))
}
