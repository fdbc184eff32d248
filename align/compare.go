package align

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/clausediff/clausediff/fetch"
)

// DefaultThreshold is the similarity (weighted Dice of the two clauses'
// words, 0–1) at which two segments pair on their words alone, wherever
// they stand. Between two pairs that match well, a weaker pair is believed
// down to a quarter of it (see ctxBar). Chosen on ../shared/eval/align and
// the statements in ../shared; see README.
const DefaultThreshold = 0.4

// Options control Compare.
type Options struct {
	Unit      Unit    // default UnitClause
	Threshold float64 // default DefaultThreshold; 0 < Threshold ≤ 1
}

func (o Options) withDefaults() Options {
	if o.Unit == "" {
		o.Unit = UnitClause
	}
	if o.Threshold <= 0 || o.Threshold > 1 {
		o.Threshold = DefaultThreshold
	}
	return o
}

// Compare segments two documents and aligns their segments regardless of
// order.
//
// Every segment of A and of B ends in exactly one pair. Pairs are same
// (equal after fetch.Normalize), changed (reworded but similar enough to be
// the same clause, with a word diff), only-a or only-b; a pair holds one
// segment per side, or several adjacent segments on one side (a sentence
// split in two). Pairs out of order relative to the rest are marked moved.
// The algorithm is described in match.go; its cost grows near-linearly with
// the documents' length, plus a word diff per changed pair.
func Compare(a, b *fetch.Document, opt Options) *Result {
	opt = opt.withDefaults()
	r := &Result{Options: opt}
	done := make(chan struct{})
	go func() {
		r.B = newSide(b, opt.Unit)
		close(done)
	}()
	r.A = newSide(a, opt.Unit)
	<-done
	normA := norms(r.A.Segments)
	normB := norms(r.B.Segments)
	fa, fb, w := buildFeatures(normA, normB)
	m := &matcher{a: fa, b: fb, na: len(normA), nb: len(normB), w: w, thr: opt.Threshold}
	m.match(normA, normB)
	groups := m.merge(r)
	markMoved(groups)
	r.Pairs = readingOrder(groups, m.na, m.nb)
	finishPairs(r, m)
	r.Summary = summarize(r)
	return r
}

func newSide(d *fetch.Document, unit Unit) Side {
	s := Side{Doc: d, Normalizations: fetch.Normalizations{}}
	spans := segmentText(d.Text, unit)
	s.Segments = make([]Segment, len(spans))
	for i, sp := range spans {
		text := d.Text[sp.start:sp.end]
		s.Segments[i] = Segment{
			ID:        i,
			Text:      text,
			Start:     d.SourceOffset(sp.start),
			End:       d.SourceOffset(sp.end-1) + 1,
			Line:      d.Line(sp.start),
			Paragraph: sp.para,
			Sentence:  sp.sent,
			Words:     countWords(text),
			norm:      fetch.Normalize(text, s.Normalizations),
		}
	}
	return s
}

func norms(segs []Segment) []string {
	out := make([]string, len(segs))
	for i := range segs {
		out[i] = segs[i].norm
	}
	return out
}

// group is a pair under construction: segment IDs of each side, ascending.
type group struct {
	a, b  []int32
	moved bool
}

func (g *group) minA() int32 { return g.a[0] }
func (g *group) minB() int32 { return g.b[0] }

// merge turns the 1:1 pairing into groups and lets unpaired segments join a
// neighbouring pair when they carry the words its other side has left over
// (phase 7). It returns the paired groups.
func (m *matcher) merge(r *Result) []*group {
	ga := make([]*group, m.na)
	gb := make([]*group, m.nb)
	var groups []*group
	for i, j := range m.ma {
		if j >= 0 {
			g := &group{a: []int32{int32(i)}, b: []int32{j}}
			groups = append(groups, g)
			ga[i], gb[j] = g, g
		}
	}
	// leftover returns the terms of other not matched by own.
	leftover := func(own, other []int32) []int32 {
		var out []int32
		i, j := 0, 0
		for j < len(other) {
			switch {
			case i < len(own) && own[i] < other[j]:
				i++
			case i < len(own) && own[i] == other[j]:
				i++
				j++
			default:
				out = append(out, other[j])
				j++
			}
		}
		return out
	}
	// try attaches segment u of side "from" to a neighbour's group.
	try := func(u int32, fromA bool) bool {
		own, other := m.a, m.b
		gs, n := ga, m.na
		if !fromA {
			own, other = m.b, m.a
			gs, n = gb, m.nb
		}
		if own.tw[u] == 0 {
			return false
		}
		var bestG *group
		var bestC float32
		for _, v := range []int32{u - 1, u + 1} {
			if v < 0 || int(v) >= n || gs[v] == nil {
				continue
			}
			g := gs[v]
			ownIDs, otherIDs := g.a, g.b
			if !fromA {
				ownIDs, otherIDs = g.b, g.a
			}
			// Only adjacent segments join: the group must stay contiguous.
			if ownIDs[0] != u+1 && ownIDs[len(ownIDs)-1] != u-1 {
				continue
			}
			ot, ow := union(own, ownIDs)
			xt, xw := union(other, otherIDs)
			rest := leftover(ot, xt)
			c := overlap(own.terms[u], rest, m.w) / own.tw[u]
			if c < 0.5 {
				continue
			}
			mt, mw := union(own, append(slices.Clone(ownIDs), u))
			if dice(mt, xt, mw, xw, m.w) <= dice(ot, xt, ow, xw, m.w) {
				continue
			}
			if c > bestC {
				bestG, bestC = g, c
			}
		}
		if bestG == nil {
			return false
		}
		if fromA {
			bestG.a = insertSorted(bestG.a, u)
			ga[u] = bestG
		} else {
			bestG.b = insertSorted(bestG.b, u)
			gb[u] = bestG
		}
		return true
	}
	for changed := true; changed; {
		changed = false
		for i := int32(0); int(i) < m.na; i++ {
			if ga[i] == nil && try(i, true) {
				changed = true
			}
		}
		for j := int32(0); int(j) < m.nb; j++ {
			if gb[j] == nil && try(j, false) {
				changed = true
			}
		}
	}
	return groups
}

func insertSorted(s []int32, v int32) []int32 {
	i, _ := slices.BinarySearch(s, v)
	return slices.Insert(s, i, v)
}

// markMoved marks as moved every group that some shortest explanation of
// B's order moves (phase 8). Groups are ordered by their first segments; a
// maximum chain of groups increasing in both A and B stays in place, and the
// groups off it are the fewest whose moving explains B's order. Usually
// that chain is unique up to groups it could not hold anyway. When it is
// not — a block swapped with a neighbouring block of the same size, where
// "this one moved down" and "that one moved up" are equally short — no
// order of the text says which one moved, and both are marked: a group
// stays unmarked only if every maximum chain holds it.
//
// A group lies on some maximum chain when the longest chain ending at it
// and the longest chain starting at it add up to the maximum; it lies on
// every one when, besides, no other such group has the same length of
// chain ending at it (each maximum chain holds exactly one group per
// length). O(n log n), with two Fenwick trees of prefix maxima.
func markMoved(groups []*group) {
	n := len(groups)
	if n == 0 {
		return
	}
	byA := make([]int, n)
	for k := range byA {
		byA[k] = k
	}
	slices.SortFunc(byA, func(x, y int) int { return int(groups[x].minA() - groups[y].minA()) })
	byB := slices.Clone(byA)
	slices.SortFunc(byB, func(x, y int) int { return int(groups[x].minB() - groups[y].minB()) })
	rank := make([]int, n) // 1-based rank of each group's first B segment
	for r, k := range byB {
		rank[k] = r + 1
	}
	tree := make([]int32, n+1)
	longest := func(order []int, pos func(k int) int, out []int32) {
		clear(tree)
		for _, k := range order {
			var v int32
			for i := pos(k) - 1; i > 0; i -= i & -i {
				v = max(v, tree[i])
			}
			out[k] = v + 1
			for i := pos(k); i <= n; i += i & -i {
				tree[i] = max(tree[i], v+1)
			}
		}
	}
	ending := make([]int32, n)   // longest chain ending at the group
	starting := make([]int32, n) // longest chain starting at it
	longest(byA, func(k int) int { return rank[k] }, ending)
	slices.Reverse(byA)
	longest(byA, func(k int) int { return n + 1 - rank[k] }, starting)
	best := slices.Max(ending)
	perLength := make([]int32, best+1)
	for k := range groups {
		if ending[k]+starting[k]-1 == best {
			perLength[ending[k]]++
		}
	}
	for k, g := range groups {
		g.moved = ending[k]+starting[k]-1 != best || perLength[ending[k]] != 1
	}
}

// readingOrder lays the pairs out in B's order, with each only-a segment
// right after the in-order pair that precedes it in A, before B's
// insertions there. Moved pairs stand where they are in B.
func readingOrder(groups []*group, na, nb int) []Pair {
	ga := make([]*group, na)
	gb := make([]*group, nb)
	var inOrder []*group
	for _, g := range groups {
		for _, i := range g.a {
			ga[i] = g
		}
		for _, j := range g.b {
			gb[j] = g
		}
		if !g.moved {
			inOrder = append(inOrder, g)
		}
	}
	slices.SortFunc(inOrder, func(x, y *group) int { return int(x.minB() - y.minB()) })
	rows := len(groups)
	for _, g := range ga {
		if g == nil {
			rows++
		}
	}
	for _, g := range gb {
		if g == nil {
			rows++
		}
	}
	out := make([]Pair, 0, rows)
	nextA := 0
	onlyA := func(upto int) {
		for ; nextA < upto; nextA++ {
			if ga[nextA] == nil {
				out = append(out, Pair{Kind: OnlyA, A: []int{nextA}, B: []int{}})
			}
		}
	}
	k := 0
	limit := func() int {
		if k < len(inOrder) {
			return int(inOrder[k].minA())
		}
		return na
	}
	onlyA(limit())
	for j := 0; j < nb; j++ {
		g := gb[j]
		if g == nil {
			out = append(out, Pair{Kind: OnlyB, A: []int{}, B: []int{j}})
			continue
		}
		if int(g.minB()) != j {
			continue
		}
		out = append(out, Pair{A: ints(g.a), B: ints(g.b), Moved: g.moved})
		if !g.moved {
			k++
			onlyA(limit())
		}
	}
	onlyA(na)
	return out
}

func ints(s []int32) []int {
	out := make([]int, len(s))
	for i, v := range s {
		out[i] = int(v)
	}
	return out
}

// finishPairs sets the kind, similarity and word diff of every paired row,
// and the class of every pair that is not same. Word diffs run in
// parallel: they are independent and, on a long document, most of the work.
func finishPairs(r *Result, m *matcher) {
	var todo []int
	for k := range r.Pairs {
		if p := &r.Pairs[k]; p.Kind != Same {
			todo = append(todo, k)
		}
	}
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			d := newDiffer()
			var sal salience
			for i := w; i < len(todo); i += workers {
				p := &r.Pairs[todo[i]]
				na, ta := joined(r.A.Segments, p.A)
				nb, tb := joined(r.B.Segments, p.B)
				if p.Kind == "" {
					if na == nb {
						p.Kind, p.Similarity = Same, 1
						continue
					}
					p.Kind = Changed
					p.Similarity = round3(float64(m.groupSim(p.A, p.B)))
					p.Diff, p.kept = d.diff(ta, tb)
				}
				p.Class, p.Reasons = sal.classify(p.Kind, p.Diff, ta, tb)
			}
		}(w)
	}
	wg.Wait()
}

func round3(x float64) float64 {
	return float64(int64(x*1000+0.5)) / 1000
}

// joined returns the comparison form and the original text of segments ids.
func joined(segs []Segment, ids []int) (norm, text string) {
	if len(ids) == 1 {
		return segs[ids[0]].norm, segs[ids[0]].Text
	}
	var n, t strings.Builder
	for k, id := range ids {
		if k > 0 {
			n.WriteByte(' ')
			t.WriteByte(' ')
		}
		n.WriteString(segs[id].norm)
		t.WriteString(segs[id].Text)
	}
	return n.String(), t.String()
}

func (m *matcher) groupSim(a, b []int) float32 {
	ta, wa := union(m.a, a)
	tb, wb := union(m.b, b)
	return dice(ta, tb, wa, wb, m.w)
}

func summarize(r *Result) Summary {
	s := Summary{Pairs: len(r.Pairs), SegmentsA: len(r.A.Segments), SegmentsB: len(r.B.Segments)}
	for _, seg := range r.A.Segments {
		s.WordsA += seg.Words
	}
	for _, seg := range r.B.Segments {
		s.WordsB += seg.Words
	}
	var keptA, keptB int
	for _, p := range r.Pairs {
		if p.Moved {
			s.Moved++
		}
		switch p.Kind {
		case Same:
			s.Same++
			for _, id := range p.A {
				keptA += r.A.Segments[id].Words
			}
			for _, id := range p.B {
				keptB += r.B.Segments[id].Words
			}
		case Changed:
			s.Changed++
			keptA += p.kept
			keptB += p.kept
		case OnlyA:
			s.OnlyA++
		case OnlyB:
			s.OnlyB++
		}
		switch p.Class {
		case Substantive:
			s.Substantive++
		case Minor:
			s.Minor++
		case Cosmetic:
			s.Cosmetic++
		}
	}
	if s.WordsA > 0 {
		s.UnchangedA = round3(float64(min(keptA, s.WordsA)) / float64(s.WordsA))
	}
	if s.WordsB > 0 {
		s.UnchangedB = round3(float64(min(keptB, s.WordsB)) / float64(s.WordsB))
	}
	return s
}
