package align

import (
	"math"
	"slices"
	"sort"
)

// This file pairs segments of A with segments of B. See Compare for the
// contract; the algorithm, in phases:
//
//  1. Features. Each segment becomes a sorted multiset of terms (tokens.go);
//     a term weighs ln(1+N/df) over the N segments of both sides, a quarter
//     of that for stopwords and one-letter words. Similarity is the weighted
//     Dice coefficient of two multisets: 2·Σ common weight / (W(a)+W(b)).
//  2. Candidates. Segments with equal normalized text are candidates of
//     each other. Otherwise each segment probes an inverted index with its
//     rarest terms (at most probeTerms of them, while their postings stay
//     within postingBudget) and keeps its best few partners by exact
//     similarity. Cost: O(n·postingBudget), linear; never all pairs.
//  3. Backbone. The heaviest chain of candidates increasing in both A and B
//     (a weighted longest increasing subsequence, O(c log n) for c
//     candidates), counting only pairs above the anchor level.
//  4. Strong moves. A candidate off the chain that is the best partner of
//     both its segments and reaches the threshold is paired: a clause moved
//     from the top to the bottom is still found.
//  5. Context. Between two consecutive backbone pairs, the unpaired
//     segments of A and B are aligned in order (the same chain on all
//     pairs of the gap if it is small, on candidates otherwise, recursively),
//     with a bar that is lower the smaller the gap: neighbours that match
//     well make an in-between weak match believable.
//  6. Leftovers reaching the threshold are paired greedily, best first,
//     wherever they are; pairs are then grown along runs of neighbours
//     (a moved block carries its weaker members along).
//  7. Merges. An unpaired segment next to a pair joins it when its words are
//     the words the pair's other side has left over: a sentence split in
//     two, two clauses merged (1:n and n:1 pairs).
//  8. Moves. The pairs off a maximum chain of all pairs (each counting one)
//     are marked moved: the fewest pairs whose moving explains the order.
//
// Every segment ends in exactly one pair.

// Tuning constants. The threshold (Options.Threshold) is the similarity at
// which two segments pair on their words alone; the others are relative to
// it or fixed by measurement on ../shared/eval (see README).
const (
	probeTerms        = 8    // rarest terms of a segment used to find candidates
	minProbes         = 3    // ... at least, even when they are common
	postingBudget     = 1500 // postings a segment may scan to find candidates
	keepCands         = 6    // candidates kept per segment and direction
	scoreCands        = 24   // candidates scored exactly per segment
	minCandSim        = 0.05 // below this a candidate is noise
	anchorFactor      = 0.8  // backbone pairs need threshold·anchorFactor
	ctxAlpha          = 0.1  // chance that a gap pairs two unrelated segments (see ctxBar)
	backgroundSamples = 4096 // random pairs sampled for the background
	typicalShare      = 0.2  // in-context bar: at least this share of a typical pair's similarity
	maxGapPairs       = 4096 // gaps up to this many pairs are aligned on all pairs
	betterMargin      = 0.2  // context yields to a candidate elsewhere this much better
	strongSim         = 0.6  // off-order pairs this similar are paired before context is used
)

type cand struct {
	a, b int32
	sim  float32
}

type features struct {
	terms [][]int32 // sorted term IDs per segment, with repeats
	tw    []float32 // total term weight per segment
}

type matcher struct {
	a, b   features
	na, nb int
	w      []float32 // weight per term
	thr    float64

	cands []cand    // all candidates, sorted by (a, b)
	byA   [][]int32 // indexes into cands per A segment
	best  struct{ a, b []float32 }

	ma, mb []int32 // 1:1 partner, or -1

	background []float32 // sorted similarities of random pairs
	typical    float32   // median best-candidate similarity
}

// buildFeatures computes terms and weights for both sides.
func buildFeatures(normA, normB []string) (fa, fb features, w []float32) {
	vocab := make(map[string]int32, 1024)
	var weak []bool
	var df []int32
	var buf []byte
	seen := []int32{} // last segment that counted a term, for df
	build := func(norms []string, base int32) features {
		f := features{terms: make([][]int32, len(norms)), tw: make([]float32, len(norms))}
		var scratch []int32
		for i, s := range norms {
			scratch = scratch[:0]
			buf = forEachTerm(s, buf, func(t []byte, wk bool) {
				id, ok := vocab[string(t)]
				if !ok {
					id = int32(len(weak))
					vocab[string(t)] = id
					weak = append(weak, wk)
					df = append(df, 0)
					seen = append(seen, -1)
				}
				scratch = append(scratch, id)
			})
			ts := slices.Clone(scratch)
			slices.Sort(ts)
			seg := base + int32(i)
			for _, t := range ts {
				if seen[t] != seg {
					seen[t] = seg
					df[t]++
				}
			}
			f.terms[i] = ts
		}
		return f
	}
	fa = build(normA, 0)
	fb = build(normB, int32(len(normA)))
	n := float64(len(normA) + len(normB))
	w = make([]float32, len(df))
	for t := range df {
		x := math.Log(1 + n/float64(df[t]))
		if weak[t] {
			x *= 0.25
		}
		w[t] = float32(x)
	}
	for _, f := range []*features{&fa, &fb} {
		for i, ts := range f.terms {
			var s float32
			for _, t := range ts {
				s += w[t]
			}
			f.tw[i] = s
		}
	}
	return fa, fb, w
}

// overlap is the weight of the multiset intersection of two sorted lists.
func overlap(x, y []int32, w []float32) float32 {
	var s float32
	i, j := 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			s += w[x[i]]
			i++
			j++
		}
	}
	return s
}

func dice(x, y []int32, wx, wy float32, w []float32) float32 {
	if wx+wy == 0 {
		if len(x) == 0 && len(y) == 0 {
			return 1 // two segments without words: punctuation only
		}
		return 0
	}
	return 2 * overlap(x, y, w) / (wx + wy)
}

func (m *matcher) sim(a, b int) float32 {
	return dice(m.a.terms[a], m.b.terms[b], m.a.tw[a], m.b.tw[b], m.w)
}

// match pairs segments 1:1 (phases 2–6). normA and normB are the
// comparison forms, used for exact equality.
func (m *matcher) match(normA, normB []string) {
	m.ma = filled(m.na, -1)
	m.mb = filled(m.nb, -1)
	m.candidates(normA, normB)
	m.sampleBackground()

	// Backbone.
	anchor := float32(m.thr * anchorFactor)
	var pool []cand
	for _, c := range m.cands {
		if c.sim >= anchor {
			pool = append(pool, c)
		}
	}
	backbone := chain(pool, func(c cand) float64 { return float64(c.sim-anchor) + 0.01 })
	for _, k := range backbone {
		m.pair(pool[k].a, pool[k].b)
	}

	// Strong moves: mutual best pairs off the backbone that no context
	// could overrule.
	m.greedy(float32(max(m.thr, strongSim)), true)

	// Context: gaps between in-order pairs, until nothing changes (each
	// pass shrinks the gaps, and smaller gaps have lower bars).
	m.fillGaps()

	// Leftovers anywhere: runs of neighbours that match together (a moved
	// block), then single pairs that clear the threshold alone, then what
	// those make believable around them.
	m.runs()
	m.greedy(float32(m.thr), true)
	m.extendRuns()
	m.fillGaps()
}

// fillGaps aligns the unpaired segments between consecutive pairs of the
// current in-order chain, repeating while that pairs anything.
func (m *matcher) fillGaps() {
	for pass := 0; pass < 4; pass++ {
		m.bestUnpaired()
		var cur []cand
		for i, j := range m.ma {
			if j >= 0 {
				cur = append(cur, cand{a: int32(i), b: j, sim: 1})
			}
		}
		before := m.paired()
		prevA, prevB := int32(-1), int32(-1)
		for _, k := range chain(cur, func(cand) float64 { return 1 }) {
			c := cur[k]
			m.fill(int(prevA)+1, int(c.a), int(prevB)+1, int(c.b), 0)
			prevA, prevB = c.a, c.b
		}
		m.fill(int(prevA)+1, m.na, int(prevB)+1, m.nb, 0)
		if m.paired() == before {
			return
		}
	}
}

func (m *matcher) paired() int {
	n := 0
	for _, j := range m.ma {
		if j >= 0 {
			n++
		}
	}
	return n
}

// runs pairs diagonal runs of unpaired segments — A[i..i+k] with
// B[j..j+k] — whose members each clear the one-by-one context bar and
// together add up to the threshold: a block moved elsewhere keeps its inner
// order, and that order is evidence for its weaker members.
func (m *matcher) runs() {
	bar := m.ctxBar(1, 1)
	type run struct {
		a, b, n int32
		score   float32
	}
	var found []run
	seen := map[int64]bool{}
	for _, c := range m.cands {
		if c.sim < bar || m.ma[c.a] >= 0 || m.mb[c.b] >= 0 {
			continue
		}
		// Walk back to the head of the run, then forward along it.
		x, y := int(c.a), int(c.b)
		for x > 0 && y > 0 && m.ma[x-1] < 0 && m.mb[y-1] < 0 && m.sim(x-1, y-1) >= bar {
			x, y = x-1, y-1
		}
		if seen[int64(x)<<32|int64(y)] {
			continue
		}
		seen[int64(x)<<32|int64(y)] = true
		r := run{a: int32(x), b: int32(y)}
		for ; x < m.na && y < m.nb && m.ma[x] < 0 && m.mb[y] < 0; x, y = x+1, y+1 {
			s := m.sim(x, y)
			if s < bar {
				break
			}
			r.n++
			r.score += s
		}
		if r.n >= 2 && r.score >= float32(m.thr) && r.score/float32(r.n) >= float32(m.thr)/2 {
			found = append(found, r)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	for _, r := range found {
		for k := int32(0); k < r.n; k++ {
			if m.ma[r.a+k] >= 0 || m.mb[r.b+k] >= 0 {
				break
			}
			m.pair(r.a+k, r.b+k)
		}
	}
}

func filled(n int, v int32) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func (m *matcher) pair(a, b int32) {
	m.ma[a], m.mb[b] = b, a
}

// candidates finds, for every segment, likely partners on the other side
// (phase 2) and records each segment's best candidate similarity.
func (m *matcher) candidates(normA, normB []string) {
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
	set := make(map[int64]float32)
	add := func(a, b int32, s float32) {
		set[int64(a)<<32|int64(b)] = s
	}

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
			add(int32(i), bs[k], 1)
		}
	}

	probe := func(from, to features, nTo int, emit func(x, y int32, s float32)) {
		post := postings(to, df, maxDF, nTerms)
		acc := make([]float32, nTo)
		var touched []int32
		var probes []int32
		type sc struct {
			y   int32
			acc float32
		}
		var top []sc
		for x, ts := range from.terms {
			probes = probes[:0]
			for k, t := range ts {
				if (k == 0 || ts[k-1] != t) && df[t] <= maxDF {
					probes = append(probes, t)
				}
			}
			sort.Slice(probes, func(i, j int) bool {
				if df[probes[i]] != df[probes[j]] {
					return df[probes[i]] < df[probes[j]]
				}
				return probes[i] < probes[j]
			})
			// The rarest terms, as many as the posting budget allows;
			// at least minProbes of them.
			n, cost := 0, int32(0)
			for n < len(probes) && n < probeTerms && (cost+df[probes[n]] <= postingBudget || n < minProbes) {
				cost += df[probes[n]]
				n++
			}
			probes = probes[:n]
			touched = touched[:0]
			for _, t := range probes {
				for _, y := range post.list(t) {
					if acc[y] == 0 {
						touched = append(touched, y)
					}
					acc[y] += m.w[t]
				}
			}
			top = top[:0]
			for _, y := range touched {
				top = append(top, sc{y, acc[y]})
				acc[y] = 0
			}
			if len(top) > scoreCands {
				sort.Slice(top, func(i, j int) bool {
					if top[i].acc != top[j].acc {
						return top[i].acc > top[j].acc
					}
					return top[i].y < top[j].y
				})
				top = top[:scoreCands]
			}
			scored := top[:0]
			for _, c := range top {
				s := dice(ts, to.terms[c.y], from.tw[x], to.tw[c.y], m.w)
				if s >= minCandSim {
					scored = append(scored, sc{c.y, s})
				}
			}
			sort.Slice(scored, func(i, j int) bool {
				if scored[i].acc != scored[j].acc {
					return scored[i].acc > scored[j].acc
				}
				return scored[i].y < scored[j].y
			})
			if len(scored) > keepCands {
				scored = scored[:keepCands]
			}
			for _, c := range scored {
				emit(int32(x), c.y, c.acc)
			}
		}
	}
	probe(m.a, m.b, m.nb, func(x, y int32, s float32) {
		if _, ok := set[int64(x)<<32|int64(y)]; !ok {
			add(x, y, s)
		}
	})
	probe(m.b, m.a, m.na, func(y, x int32, s float32) {
		if _, ok := set[int64(x)<<32|int64(y)]; !ok {
			add(x, y, s)
		}
	})

	m.cands = make([]cand, 0, len(set))
	for k, s := range set {
		m.cands = append(m.cands, cand{a: int32(k >> 32), b: int32(k & 0xffffffff), sim: s})
	}
	sort.Slice(m.cands, func(i, j int) bool {
		if m.cands[i].a != m.cands[j].a {
			return m.cands[i].a < m.cands[j].a
		}
		return m.cands[i].b < m.cands[j].b
	})
	m.byA = make([][]int32, m.na)
	m.best.a = make([]float32, m.na)
	m.best.b = make([]float32, m.nb)
	for k, c := range m.cands {
		m.byA[c.a] = append(m.byA[c.a], int32(k))
		m.best.a[c.a] = max(m.best.a[c.a], c.sim)
		m.best.b[c.b] = max(m.best.b[c.b], c.sim)
	}
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

// greedy pairs unpaired candidates at or above min, best first. With
// mutual set, a candidate must also be the best candidate of both its
// segments.
func (m *matcher) greedy(min float32, mutual bool) {
	if mutual {
		m.bestUnpaired()
	}
	var pool []cand
	for _, c := range m.cands {
		if c.sim < min || m.ma[c.a] >= 0 || m.mb[c.b] >= 0 {
			continue
		}
		if mutual && (c.sim < m.best.a[c.a] || c.sim < m.best.b[c.b]) {
			continue
		}
		pool = append(pool, c)
	}
	sort.SliceStable(pool, func(i, j int) bool { return pool[i].sim > pool[j].sim })
	for _, c := range pool {
		if m.ma[c.a] < 0 && m.mb[c.b] < 0 {
			m.pair(c.a, c.b)
		}
	}
}

// bestUnpaired sets best.a and best.b to each segment's best candidate
// among segments still unpaired on the other side.
func (m *matcher) bestUnpaired() {
	clear(m.best.a)
	clear(m.best.b)
	for _, c := range m.cands {
		if m.ma[c.a] < 0 && m.mb[c.b] < 0 {
			m.best.a[c.a] = max(m.best.a[c.a], c.sim)
			m.best.b[c.b] = max(m.best.b[c.b], c.sim)
		}
	}
}

// ctxBar is the similarity a pair needs inside a gap of na×nb unpaired
// segments between two in-order pairs. Two unrelated segments of these
// documents look alike by chance now and then, more often the more pairs a
// gap offers, so the bar is the similarity that one of na·nb random pairs
// of the documents exceeds with probability ctxAlpha: the 1-ctxAlpha/(na·nb)
// quantile of the background (sampled once, see background), never below
// minCandSim nor above the threshold.
func (m *matcher) ctxBar(na, nb int) float32 {
	k := float64(na) * float64(nb)
	q := 1 - ctxAlpha/k
	bg := m.background
	if len(bg) == 0 {
		return float32(m.thr)
	}
	i := int(q * float64(len(bg)))
	if i >= len(bg) {
		return float32(m.thr)
	}
	return min(max(bg[i], minCandSim, typicalShare*m.typical), float32(m.thr))
}

// sampleBackground draws a fixed-seed sample of similarities of random
// pairs (all pairs when there are few), sorted: the documents' own measure
// of chance resemblance.
func (m *matcher) sampleBackground() {
	total := m.na * m.nb
	if total == 0 {
		return
	}
	var bg []float32
	if total <= backgroundSamples {
		bg = make([]float32, 0, total)
		for i := 0; i < m.na; i++ {
			for j := 0; j < m.nb; j++ {
				bg = append(bg, m.sim(i, j))
			}
		}
	} else {
		bg = make([]float32, 0, backgroundSamples)
		x := uint64(0x9E3779B97F4A7C15)
		for k := 0; k < backgroundSamples; k++ {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			i := int(x % uint64(m.na))
			j := int((x >> 32) % uint64(m.nb))
			bg = append(bg, m.sim(i, j))
		}
	}
	slices.Sort(bg)
	m.background = bg

	// The typical similarity of a true pair in these documents: the median
	// of every segment's best candidate. A light revision pairs near 1, a
	// free translation near 0.3; a pair far below the typical is doubtful
	// however small its gap.
	var best []float32
	for _, s := range m.best.a {
		if s > 0 {
			best = append(best, s)
		}
	}
	if len(best) > 0 {
		slices.Sort(best)
		m.typical = best[len(best)/2]
	}
}

// fill aligns the unpaired segments of A[aLo:aHi] and B[bLo:bHi] in order.
func (m *matcher) fill(aLo, aHi, bLo, bHi, depth int) {
	var ga, gb []int32
	for i := aLo; i < aHi; i++ {
		if m.ma[i] < 0 {
			ga = append(ga, int32(i))
		}
	}
	for j := bLo; j < bHi; j++ {
		if m.mb[j] < 0 {
			gb = append(gb, int32(j))
		}
	}
	if len(ga) == 0 || len(gb) == 0 {
		return
	}
	if len(ga)*len(gb) <= maxGapPairs {
		bar := m.ctxBar(len(ga), len(gb))
		var cs []cand
		for _, i := range ga {
			for _, j := range gb {
				if s := m.sim(int(i), int(j)); s >= bar && !m.betterElsewhere(i, j, s) {
					cs = append(cs, cand{i, j, s})
				}
			}
		}
		for _, k := range chain(cs, func(c cand) float64 { return float64(c.sim - bar) }) {
			m.pair(cs[k].a, cs[k].b)
		}
		return
	}
	// A big gap: anchor it on its candidates, then align the smaller gaps
	// between those anchors.
	bar := float32(m.thr * anchorFactor)
	var cs []cand
	for _, i := range ga {
		for _, k := range m.byA[i] {
			c := m.cands[k]
			if int(c.b) >= bLo && int(c.b) < bHi && m.mb[c.b] < 0 && c.sim >= bar {
				cs = append(cs, c)
			}
		}
	}
	sel := chain(cs, func(c cand) float64 { return float64(c.sim-bar) + 0.01 })
	if len(sel) == 0 || depth > 8 {
		// Nothing to anchor on: pair what clears the bar of the whole gap.
		bar := m.ctxBar(len(ga), len(gb))
		for _, i := range ga {
			for _, k := range m.byA[i] {
				c := m.cands[k]
				if int(c.b) >= bLo && int(c.b) < bHi && c.sim >= bar {
					cs = append(cs, c)
				}
			}
		}
		for _, k := range chain(cs, func(c cand) float64 { return float64(c.sim - bar) }) {
			if m.ma[cs[k].a] < 0 && m.mb[cs[k].b] < 0 {
				m.pair(cs[k].a, cs[k].b)
			}
		}
		return
	}
	for _, k := range sel {
		m.pair(cs[k].a, cs[k].b)
	}
	pa, pb := aLo, bLo
	for _, k := range sel {
		c := cs[k]
		m.fill(pa, int(c.a), pb, int(c.b), depth+1)
		pa, pb = int(c.a)+1, int(c.b)+1
	}
	m.fill(pa, aHi, pb, bHi, depth+1)
}

// betterElsewhere reports whether segment a or b has an unpaired candidate
// that clears the anchor level and beats s by a wide margin: context should
// not take a segment whose true partner has merely moved.
func (m *matcher) betterElsewhere(a, b int32, s float32) bool {
	floor := float32(m.thr * anchorFactor)
	ba, bb := m.best.a[a], m.best.b[b]
	return ba >= floor && ba-s >= betterMargin || bb >= floor && bb-s >= betterMargin
}

// extendRuns grows pairs along runs of unpaired neighbours on both sides:
// if A[i]↔B[j] are paired and A[i+1], B[j+1] are not, they pair when they
// clear the bar of a one-by-one gap; likewise backwards.
func (m *matcher) extendRuns() {
	bar := m.ctxBar(1, 1)
	for changed := true; changed; {
		changed = false
		for i := 0; i < m.na; i++ {
			j := int(m.ma[i])
			if j < 0 {
				continue
			}
			for _, d := range []int{1, -1} {
				x, y := i+d, j+d
				for x >= 0 && x < m.na && y >= 0 && y < m.nb && m.ma[x] < 0 && m.mb[y] < 0 && m.sim(x, y) >= bar {
					m.pair(int32(x), int32(y))
					changed = true
					x, y = x+d, y+d
				}
			}
		}
	}
}

// chain returns the indexes of a maximum-weight subset of cs strictly
// increasing in both a and b, in increasing order. Pairs of non-positive
// weight are never chosen. O(len(cs)·log n) with a Fenwick tree of prefix
// maxima over b.
func chain(cs []cand, weight func(cand) float64) []int {
	if len(cs) == 0 {
		return nil
	}
	order := make([]int, 0, len(cs))
	lo, hi := int32(math.MaxInt32), int32(-1)
	for k, c := range cs {
		if weight(c) > 0 {
			order = append(order, k)
			lo, hi = min(lo, c.b), max(hi, c.b)
		}
	}
	if len(order) == 0 {
		return nil
	}
	// a ascending; b descending within one a, so that two pairs of the
	// same A segment never chain.
	sort.Slice(order, func(i, j int) bool {
		x, y := cs[order[i]], cs[order[j]]
		if x.a != y.a {
			return x.a < y.a
		}
		return x.b > y.b
	})
	n := int(hi-lo) + 1
	treeVal := make([]float64, n+1)
	treeIdx := make([]int, n+1)
	for i := range treeIdx {
		treeIdx[i] = -1
	}
	score := make([]float64, len(cs))
	parent := make([]int, len(cs))
	bestK, bestV := -1, 0.0
	for _, k := range order {
		c := cs[k]
		pos := int(c.b - lo) // query prefix [0, pos): b' < b
		v, from := 0.0, -1
		for i := pos; i > 0; i -= i & -i {
			if treeIdx[i] >= 0 && treeVal[i] > v {
				v, from = treeVal[i], treeIdx[i]
			}
		}
		s := v + weight(c)
		score[k], parent[k] = s, from
		for i := pos + 1; i <= n; i += i & -i {
			if treeIdx[i] < 0 || s > treeVal[i] {
				treeVal[i], treeIdx[i] = s, k
			}
		}
		if s > bestV {
			bestK, bestV = k, s
		}
	}
	var out []int
	for k := bestK; k >= 0; k = parent[k] {
		out = append(out, k)
	}
	slices.Reverse(out)
	return out
}
