package align

import (
	"runtime"
	"slices"
	"sort"
	"sync"
)

// Candidate generation (phase 2 of match.go): likely partners for each
// segment, found through an inverted index rather than by comparing all
// pairs.
//
// Segments with equal normalized text are candidates of each other. Every
// other segment probes the index of the other side with its rarest terms —
// at most probeTerms of them, while their postings fit a budget — scores
// the segments that share the most probe weight exactly, and keeps its best
// keepCands. A first, cheap round (cheapBudget, from A only) serves the backbone and the
// gaps, which need few anchors; segments still unpaired after that probe
// again with a larger budget (wideBudget), so that a moved clause made of
// common words is still found. Cost: O(n·budget) postings plus
// O(n·scoreCands) exact similarities; linear in the documents' length.

const (
	probeTerms  = 8    // rarest terms of a segment used to find candidates
	minProbes   = 3    // ... at least, even when they are common
	cheapBudget = 300  // postings a segment scans in the first round
	wideBudget  = 800  // ... and when it is still unpaired
	keepCands   = 6    // candidates kept per segment and direction
	scoreCands  = 10   // candidates scored exactly per segment
	minCandSim  = 0.05 // below this a candidate is noise
)

// index is what probing needs, built once: document frequencies and the
// postings of both sides.
type index struct {
	df    []int32
	maxDF int32
	postA postingLists
	postB postingLists
}

func (m *matcher) buildIndex() {
	nTerms := len(m.w)
	df := make([]int32, nTerms)
	for _, f := range []features{m.a, m.b} {
		for _, ts := range f.terms {
			for k, t := range ts {
				if k == 0 || ts[k-1] != t {
					df[t]++
				}
			}
		}
	}
	// Terms in more than a quarter of all segments are never probed.
	maxDF := int32(max(16, (m.na+m.nb)/4))
	m.idx = &index{df: df, maxDF: maxDF}
	done := make(chan struct{})
	go func() {
		m.idx.postB = postings(m.b, df, maxDF, nTerms)
		close(done)
	}()
	m.idx.postA = postings(m.a, df, maxDF, nTerms)
	<-done
}

// candidates computes the first round: equal texts and cheap probes.
func (m *matcher) candidates(normA, normB []string) {
	m.buildIndex()
	var cs []cand
	exact := make([]bool, m.na)

	// Equal texts. Repeated texts pair by rank: the i-th occurrence in A
	// with the (i-2)-th to (i+2)-th in B, so that boilerplate repeated a
	// hundred times does not make ten thousand candidates.
	occB := make(map[string][]int32, m.nb)
	for j, s := range normB {
		occB[s] = append(occB[s], int32(j))
	}
	rankA := make(map[string]int, 16)
	for i, s := range normA {
		bs := occB[s]
		if len(bs) == 0 {
			continue
		}
		r := rankA[s]
		rankA[s] = r + 1
		for k := max(0, r-2); k <= min(len(bs)-1, r+2); k++ {
			cs = append(cs, cand{int32(i), bs[k], 1})
		}
		if len(bs) == 1 {
			// A unique equal partner: probing could only find worse ones.
			exact[i] = true
		}
	}
	cs = m.diagonal(cs, exact)
	all := func(n int, skip []bool) []int32 {
		ids := make([]int32, 0, n)
		for i := 0; i < n; i++ {
			if !skip[i] {
				ids = append(ids, int32(i))
			}
		}
		return ids
	}
	// One direction suffices here: the top candidates of every A segment
	// include nearly every useful pair (measured: no change in quality on
	// ../shared/eval/align, half the time); widen probes both ways.
	cs = m.probe(cs, true, all(m.na, exact), nil, cheapBudget)
	sortCands(cs)
	m.setCands(cs)
}

// diagonal walks both documents in step, as a line diff would, and takes
// as candidate the first of the next few segments of B that an A segment
// matches strongly (strongSim): a light revision keeps most of its
// segments in order, so most pairs are found without the index, and those
// segments need no probing (skip is set for them). Segments off the
// diagonal — moved, inserted, deleted, reworded beyond strongSim — are
// left to the probes.
func (m *matcher) diagonal(cs []cand, skip []bool) []cand {
	// The walk is split between workers, each over a stretch of A; a
	// stretch after the first starts where its first strongly matched
	// segment's best candidate stands (else in proportion).
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, m.na/2048))
	parts := make([][]cand, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := m.na*w/workers, m.na*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = m.diagonalRange(lo, hi, skip, w == 0)
		}()
	}
	wg.Wait()
	for _, p := range parts {
		cs = append(cs, p...)
	}
	return cs
}

// diagonalRange walks A[lo:hi]; see diagonal. It writes skip[lo:hi] only.
func (m *matcher) diagonalRange(lo, hi int, skip []bool, first bool) []cand {
	// B segments looked at past the expected one. When none matches, the
	// segment is probed at once, and its best candidate, if strong and not
	// far ahead, puts the walk back in step (a block moved in, several
	// insertions); a strong match far away is a move, and the walk stays.
	const ahead, far = 4, 64
	p := m.newProber(true)
	var cs []cand
	j := 0
	if !first {
		j = lo * m.nb / max(m.na, 1)
		for i := lo; i < min(hi, lo+8); i++ {
			n := len(cs)
			cs = p.probe(cs, int32(i), nil, cheapBudget)
			skip[i] = true
			if n < len(cs) && cs[n].sim >= strongSim {
				j = int(cs[n].b)
				break
			}
		}
	}
	for i := lo; i < hi && j < m.nb; i++ {
		if skip[i] {
			continue
		}
		// The best of the next few, not the first: in a genealogy every
		// verse looks like its neighbours ...
		bd, bs := -1, float32(strongSim)
		for d := 0; d < ahead && j+d < m.nb; d++ {
			if s := m.sim(i, j+d); s >= bs {
				bd, bs = d, s
			}
		}
		// ... and only if no A segment just after likes it better: when A's
		// segment was deleted, the next one's partner may look like it.
		for e := 1; bd >= 0 && e < ahead && i+e < m.na; e++ {
			if m.sim(i+e, j+bd) > bs {
				bd = -1
			}
		}
		if bd >= 0 {
			cs = append(cs, cand{int32(i), int32(j + bd), bs})
			skip[i] = true
			j += bd + 1
			continue
		}
		n := len(cs)
		cs = p.probe(cs, int32(i), nil, cheapBudget)
		skip[i] = true
		if n < len(cs) {
			best := cs[n] // probe lists the best first
			if best.sim >= strongSim && int(best.b) >= j && int(best.b) < j+far {
				j = int(best.b) + 1
			}
		}
	}
	return cs
}

// widen probes again, with the wide budget, for segments still unpaired,
// looking only at unpaired segments of the other side.
func (m *matcher) widen() {
	var ua, ub []int32
	for i, j := range m.ma {
		if j < 0 && m.a.tw[i] > 0 {
			ua = append(ua, int32(i))
		}
	}
	for j, i := range m.mb {
		if i < 0 && m.b.tw[j] > 0 {
			ub = append(ub, int32(j))
		}
	}
	if len(ua) == 0 || len(ub) == 0 {
		return
	}
	cs := m.probe(nil, true, ua, func(y int32) bool { return m.mb[y] < 0 }, wideBudget)
	cs = m.probe(cs, false, ub, func(x int32) bool { return m.ma[x] < 0 }, wideBudget)
	sortCands(cs)
	m.setCands(mergeCands(m.cands, cs))
}

// probe appends candidates for the segments ids of side A (fromA) or B,
// each against the other side, keeping only targets ok accepts (nil: all).
// The segments are split between workers; the index is read-only and each
// worker has its own scratch.
func (m *matcher) probe(out []cand, fromA bool, ids []int32, ok func(int32) bool, budget int32) []cand {
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, len(ids)/256))
	parts := make([][]cand, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := len(ids)*w/workers, len(ids)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			parts[w] = m.probeRange(fromA, ids[lo:hi], ok, budget)
		}()
	}
	wg.Wait()
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (m *matcher) probeRange(fromA bool, ids []int32, ok func(int32) bool, budget int32) []cand {
	p := m.newProber(fromA)
	var out []cand
	for _, x := range ids {
		out = p.probe(out, x, ok, budget)
	}
	return out
}

// prober probes the index of one side for segments of the other, with its
// own scratch space (one per goroutine).
type prober struct {
	m               *matcher
	fromA           bool
	from, to        features
	post            postingLists
	acc             []float32
	touched, probes []int32
	top             []scored
}

type scored struct {
	y int32
	s float32
}

func (m *matcher) newProber(fromA bool) *prober {
	p := &prober{m: m, fromA: fromA, from: m.a, to: m.b, post: m.idx.postB}
	n := m.nb
	if !fromA {
		p.from, p.to, p.post, n = m.b, m.a, m.idx.postA, m.na
	}
	p.acc = make([]float32, n)
	return p
}

// probe appends the candidates of segment x to out.
func (p *prober) probe(out []cand, x int32, ok func(int32) bool, budget int32) []cand {
	m, df := p.m, p.m.idx.df
	ts := p.from.terms[x]
	probes := p.probes[:0]
	for k, t := range ts {
		if (k == 0 || ts[k-1] != t) && df[t] <= m.idx.maxDF {
			probes = append(probes, t)
		}
	}
	slices.SortFunc(probes, func(a, b int32) int {
		if df[a] != df[b] {
			return int(df[a] - df[b])
		}
		return int(a - b)
	})
	n, cost := 0, int32(0)
	for n < len(probes) && n < probeTerms && (cost+df[probes[n]] <= budget || n < minProbes) {
		cost += df[probes[n]]
		n++
	}
	touched := p.touched[:0]
	for _, t := range probes[:n] {
		for _, y := range p.post.list(t) {
			if p.acc[y] == 0 {
				touched = append(touched, y)
			}
			p.acc[y] += m.w[t]
		}
	}
	top := p.top[:0]
	for _, y := range touched {
		if ok == nil || ok(y) {
			top = append(top, scored{y, p.acc[y]})
		}
		p.acc[y] = 0
	}
	if len(top) > scoreCands {
		// Partial selection: only the scoreCands best probe scores.
		selectTop(top, scoreCands, func(a, b scored) bool {
			return a.s > b.s || a.s == b.s && a.y < b.y
		})
		top = top[:scoreCands]
	}
	for i := range top {
		y := top[i].y
		top[i].s = dice(ts, p.to.terms[y], p.from.tw[x], p.to.tw[y], m.w)
	}
	sort.Slice(top, func(i, j int) bool {
		return top[i].s > top[j].s || top[i].s == top[j].s && top[i].y < top[j].y
	})
	for i := 0; i < len(top) && i < keepCands && top[i].s >= minCandSim; i++ {
		if p.fromA {
			out = append(out, cand{x, top[i].y, top[i].s})
		} else {
			out = append(out, cand{top[i].y, x, top[i].s})
		}
	}
	p.probes, p.touched, p.top = probes, touched, top
	return out
}

// selectTop moves the k best elements of s to its front, in no particular
// order: quickselect, O(len(s)) on average.
func selectTop[T any](s []T, k int, better func(x, y T) bool) {
	lo, hi := 0, len(s)-1
	for lo < hi {
		p := lo + (hi-lo)/2
		s[p], s[hi] = s[hi], s[p]
		store := lo
		for i := lo; i < hi; i++ {
			if better(s[i], s[hi]) {
				s[i], s[store] = s[store], s[i]
				store++
			}
		}
		s[store], s[hi] = s[hi], s[store]
		switch {
		case store == k:
			return
		case store < k:
			lo = store + 1
		default:
			hi = store - 1
		}
	}
}

// sortCands sorts candidates by (a, b), then by decreasing similarity.
func sortCands(cs []cand) {
	slices.SortFunc(cs, func(x, y cand) int {
		if x.a != y.a {
			return int(x.a - y.a)
		}
		if x.b != y.b {
			return int(x.b - y.b)
		}
		switch {
		case x.sim > y.sim:
			return -1
		case x.sim < y.sim:
			return 1
		}
		return 0
	})
}

// mergeCands merges two sorted candidate lists.
func mergeCands(x, y []cand) []cand {
	out := make([]cand, 0, len(x)+len(y))
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		if x[i].a < y[j].a || x[i].a == y[j].a && x[i].b <= y[j].b {
			out = append(out, x[i])
			i++
		} else {
			out = append(out, y[j])
			j++
		}
	}
	out = append(out, x[i:]...)
	return append(out, y[j:]...)
}

// setCands takes sorted candidates, keeps one per pair (the highest
// similarity), and indexes them by A segment.
func (m *matcher) setCands(cs []cand) {
	cs = slices.CompactFunc(cs, func(x, y cand) bool { return x.a == y.a && x.b == y.b })
	m.cands = cs
	if cap(m.startA) < m.na+1 {
		m.startA = make([]int32, m.na+1)
	}
	m.startA = m.startA[:m.na+1]
	if m.best.a == nil {
		m.best.a = make([]float32, m.na)
		m.best.b = make([]float32, m.nb)
	}
	k := 0
	for i := 0; i <= m.na; i++ {
		m.startA[i] = int32(k)
		for k < len(cs) && int(cs[k].a) == i {
			m.best.a[i] = max(m.best.a[i], cs[k].sim)
			m.best.b[cs[k].b] = max(m.best.b[cs[k].b], cs[k].sim)
			k++
		}
	}
}

// candsOf returns the candidates of A segment i.
func (m *matcher) candsOf(i int32) []cand {
	return m.cands[m.startA[i]:m.startA[i+1]]
}

// postingLists is an inverted index in compressed form: for term t, the
// segments holding it are ids[off[t]:off[t+1]].
type postingLists struct {
	off []int32
	ids []int32
}

func (p postingLists) list(t int32) []int32 { return p.ids[p.off[t]:p.off[t+1]] }

func postings(f features, df []int32, maxDF int32, nTerms int) postingLists {
	off := make([]int32, nTerms+1)
	for _, ts := range f.terms {
		for k, t := range ts {
			if (k == 0 || ts[k-1] != t) && df[t] <= maxDF {
				off[t+1]++
			}
		}
	}
	for t := 0; t < nTerms; t++ {
		off[t+1] += off[t]
	}
	ids := make([]int32, off[nTerms])
	pos := slices.Clone(off[:nTerms])
	for y, ts := range f.terms {
		for k, t := range ts {
			if (k == 0 || ts[k-1] != t) && df[t] <= maxDF {
				ids[pos[t]] = int32(y)
				pos[t]++
			}
		}
	}
	return postingLists{off: off, ids: ids}
}
