package align

import (
	"math"
	"slices"
	"sort"
)

// This file pairs segments of A with segments of B 1:1: steps 3 to 5 of the
// algorithm in the package documentation (doc.go).

// Tuning constants. The threshold (Options.Threshold) is the similarity at
// which two segments pair on their words alone; the others are relative to
// it or fixed by measurement on ../shared/eval (see README).
const (
	anchorFactor      = 0.8  // backbone pairs need threshold·anchorFactor
	ctxAlpha          = 0.1  // chance that a gap pairs two unrelated segments (see ctxBar)
	backgroundSamples = 4096 // random pairs sampled for the background
	typicalShare      = 0.2  // in-context bar: at least this share of a typical pair's similarity
	maxGapPairs       = 4096 // gaps up to this many pairs are aligned on all pairs
	betterMargin      = 0.2  // context yields to a candidate elsewhere this much better
	strongSim         = 0.6  // off-order pairs this similar are paired before context is used
	freeTypical       = 0.5  // below this typical similarity, lengths are evidence (see fitLengths)
	maxFitGap         = 8    // gaps up to this many segments a side are aligned on lengths (fitGap)
)

type cand struct {
	a, b int32
	sim  float32
}

type matcher struct {
	a, b   features
	na, nb int
	w      []float32 // weight per term
	thr    float64

	cands  []cand  // all candidates, sorted by (a, b)
	startA []int32 // candidates of A segment i: cands[startA[i]:startA[i+1]]
	best   struct{ a, b []float32 }

	ma, mb []int32 // 1:1 partner, or -1
	idx    *index

	lenA, lenB []int32 // lengths of the normalized texts
	lengths    lengthModel

	background []float32 // sorted similarities of random pairs
	typical    float32   // median best-candidate similarity
}

// match pairs segments 1:1 (phases 2–6). normA and normB are the
// comparison forms, used for exact equality.
func (m *matcher) match(normA, normB []string) {
	m.ma = filled(m.na, -1)
	m.mb = filled(m.nb, -1)
	m.lenA, m.lenB = make([]int32, m.na), make([]int32, m.nb)
	for i, s := range normA {
		m.lenA[i] = int32(len(s))
	}
	for j, s := range normB {
		m.lenB[j] = int32(len(s))
	}
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

	// Leftovers anywhere, now looked up more widely: runs of neighbours that match together (a moved
	// block), then single pairs that clear the threshold alone, then what
	// those make believable around them.
	m.widen()
	m.runs()
	m.greedy(float32(m.thr), true)
	m.extendRuns()
	m.fillGaps()
	m.fillAround()
	m.fitGaps()
}

// fitGaps runs fitGap on every gap of the in-order chain, last: by then
// the segments of moved blocks have found their partners, and what is
// left in a gap has no better place to go.
func (m *matcher) fitGaps() {
	m.fitLengths()
	if !m.lengths.on {
		return
	}
	m.bestUnpaired()
	m.eachGap(m.fitGap)
}

// fillAround aligns, after each pair, the unpaired segments that follow
// both its members (and likewise before it). fillGaps sees only the gaps
// of the in-order chain; next to a moved block, or next to neighbours that
// a moved block pushed off the chain, the gap is bounded by that pair on
// one side only.
func (m *matcher) fillAround() {
	for i := 0; i < m.na; i++ {
		j := int(m.ma[i])
		if j < 0 {
			continue
		}
		for _, d := range []int{1, -1} {
			var ga, gb []int32
			for x := i + d; x >= 0 && x < m.na && m.ma[x] < 0; x += d {
				ga = append(ga, int32(x))
			}
			for y := j + d; y >= 0 && y < m.nb && m.mb[y] < 0; y += d {
				gb = append(gb, int32(y))
			}
			if len(ga) == 0 || len(gb) == 0 || len(ga)*len(gb) > maxGapPairs {
				continue
			}
			if d < 0 {
				slices.Reverse(ga)
				slices.Reverse(gb)
			}
			m.fillSmall(ga, gb)
		}
	}
}

// fillGaps aligns the unpaired segments between consecutive pairs of the
// current in-order chain, repeating while that pairs anything.
func (m *matcher) fillGaps() {
	for pass := 0; pass < 4; pass++ {
		m.bestUnpaired()
		m.fitLengths()
		before := m.paired()
		m.eachGap(func(aLo, aHi, bLo, bHi int) { m.fill(aLo, aHi, bLo, bHi, 0) })
		if m.paired() == before {
			return
		}
	}
}

// eachGap calls f with the bounds of each gap of the longest in-order chain
// of the current pairs (before the first pair and after the last too).
// The chain is taken before f runs: pairs f makes do not split the gaps.
func (m *matcher) eachGap(f func(aLo, aHi, bLo, bHi int)) {
	var cur []cand
	for i, j := range m.ma {
		if j >= 0 {
			cur = append(cur, cand{a: int32(i), b: j, sim: 1})
		}
	}
	prevA, prevB := int32(-1), int32(-1)
	for _, k := range chain(cur, func(cand) float64 { return 1 }) {
		c := cur[k]
		f(int(prevA)+1, int(c.a), int(prevB)+1, int(c.b))
		prevA, prevB = c.a, c.b
	}
	f(int(prevA)+1, m.na, int(prevB)+1, m.nb)
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

// runs pairs runs of unpaired segments that match in step — A[i], B[j],
// then A[i+1], B[j+1], allowing one skipped segment on either side (a
// verse inserted into a moved block) — when each member clears the
// one-by-one context bar and together they add up to the threshold, at an
// average of half of it: a block moved elsewhere keeps its inner order,
// and that order is evidence for its weaker members.
func (m *matcher) runs() {
	bar := m.ctxBar(1, 1)
	type run struct {
		pairs []cand
		score float32
	}
	free := func(x, y int) bool {
		return x >= 0 && y >= 0 && x < m.na && y < m.nb && m.ma[x] < 0 && m.mb[y] < 0
	}
	// step finds the next member after (x, y) going in direction d.
	step := func(x, y, d int) (int, int, float32, bool) {
		var bx, by int
		var bs float32
		for _, st := range [][2]int{{1, 1}, {2, 1}, {1, 2}} {
			nx, ny := x+d*st[0], y+d*st[1]
			if !free(nx, ny) {
				continue
			}
			if s := m.sim(nx, ny); s >= bar && s > bs {
				bx, by, bs = nx, ny, s
			}
			if st == [2]int{1, 1} && bs > 0 {
				break // the plain diagonal wins when it matches
			}
		}
		return bx, by, bs, bs > 0
	}
	var found []run
	member := map[int64]bool{}
	for _, c := range m.cands {
		if c.sim < float32(m.thr)/2 || !free(int(c.a), int(c.b)) || member[int64(c.a)<<32|int64(c.b)] {
			continue
		}
		r := run{pairs: []cand{c}, score: c.sim}
		for _, d := range []int{-1, 1} {
			x, y := int(c.a), int(c.b)
			for {
				nx, ny, s, ok := step(x, y, d)
				if !ok {
					break
				}
				r.pairs = append(r.pairs, cand{int32(nx), int32(ny), s})
				r.score += s
				x, y = nx, ny
			}
		}
		for _, p := range r.pairs {
			member[int64(p.a)<<32|int64(p.b)] = true
		}
		n := float32(len(r.pairs))
		if n >= 2 && r.score >= float32(m.thr) && r.score/n >= float32(m.thr)/2 {
			found = append(found, r)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	for _, r := range found {
		for _, p := range r.pairs {
			if m.ma[p.a] < 0 && m.mb[p.b] < 0 {
				m.pair(p.a, p.b)
			}
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

// unpaired returns the unpaired segments of A[aLo:aHi] and of B[bLo:bHi].
func (m *matcher) unpaired(aLo, aHi, bLo, bHi int) (ga, gb []int32) {
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
	return ga, gb
}

// fill aligns the unpaired segments of A[aLo:aHi] and B[bLo:bHi] in order.
func (m *matcher) fill(aLo, aHi, bLo, bHi, depth int) {
	ga, gb := m.unpaired(aLo, aHi, bLo, bHi)
	if len(ga) == 0 || len(gb) == 0 {
		return
	}
	if len(ga)*len(gb) <= maxGapPairs {
		m.fillSmall(ga, gb)
		return
	}
	// A big gap: anchor it on its candidates, then align the smaller gaps
	// between those anchors.
	bar := float32(m.thr * anchorFactor)
	var cs []cand
	for _, i := range ga {
		for _, c := range m.candsOf(i) {
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
			for _, c := range m.candsOf(i) {
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

// fillSmall aligns a gap small enough to compare all its pairs. Pairs
// that are each other's best in the gap and clear the anchor level go
// first, even crossing one another (a move inside the gap); the rest are
// aligned in order above the gap's context bar.
func (m *matcher) fillSmall(ga, gb []int32) {
	sims := make([]float32, len(ga)*len(gb))
	bestA := make([]float32, len(ga))
	bestB := make([]float32, len(gb))
	for x, i := range ga {
		for y, j := range gb {
			s := m.sim(int(i), int(j))
			sims[x*len(gb)+y] = s
			bestA[x] = max(bestA[x], s)
			bestB[y] = max(bestB[y], s)
		}
	}
	if len(ga) == 1 && len(gb) == 1 && sims[0] < m.ctxBar(1, 1) && m.lengthFits(ga[0], gb[0], sims[0]) {
		m.pair(ga[0], gb[0])
		return
	}
	anchor := float32(m.thr * anchorFactor)
	var restA, restB []int
	takenB := make([]bool, len(gb))
	for x := range ga {
		for y := range gb {
			s := sims[x*len(gb)+y]
			if s >= anchor && s == bestA[x] && s == bestB[y] && !takenB[y] && !m.betterElsewhere(ga[x], gb[y], s) {
				m.pair(ga[x], gb[y])
				takenB[y] = true
				break
			}
		}
	}
	for x, i := range ga {
		if m.ma[i] < 0 {
			restA = append(restA, x)
		}
	}
	for y, j := range gb {
		if m.mb[j] < 0 {
			restB = append(restB, y)
		}
	}
	if len(restA) == 0 || len(restB) == 0 {
		return
	}
	bar := m.ctxBar(len(restA), len(restB))
	var cs []cand
	for _, x := range restA {
		for _, y := range restB {
			if s := sims[x*len(gb)+y]; s >= bar && !m.betterElsewhere(ga[x], gb[y], s) {
				cs = append(cs, cand{ga[x], gb[y], s})
			}
		}
	}
	for _, k := range chain(cs, func(c cand) float64 { return float64(c.sim - bar) }) {
		m.pair(cs[k].a, cs[k].b)
	}
}

// fitGap pairs what is left of a small gap between two pairs on lengths
// and weak resemblance, in order (Gale and Church's alignment of
// translations, on the pairs that lengthFits accepts): in a free
// translation, a gap of two verses on each side is most likely those two
// verses, in their order. The chain prefers more pairs, then closer fits.
func (m *matcher) fitGap(aLo, aHi, bLo, bHi int) {
	ga, gb := m.unpaired(aLo, aHi, bLo, bHi)
	if len(ga) == 0 || len(gb) == 0 || len(ga) > maxFitGap || len(gb) > maxFitGap {
		return
	}
	// A gap of several segments offers several pairs to fit by chance:
	// beyond one by one, a pair must share more than three random pairs
	// in four do (lengthFits alone asks for more than half).
	upper := float32(0)
	if len(ga)*len(gb) > 1 {
		upper = m.background[len(m.background)*3/4]
	}
	var cs []cand
	for _, i := range ga {
		for _, j := range gb {
			if s := m.sim(int(i), int(j)); s > upper && m.lengthFits(i, j, s) && !m.betterElsewhere(i, j, s) {
				cs = append(cs, cand{i, j, s})
			}
		}
	}
	for _, k := range chain(cs, func(c cand) float64 { return 1 + float64(c.sim) }) {
		m.pair(cs[k].a, cs[k].b)
	}
}

// lengthModel says whether lengths are evidence (a 1×1 gap, fitGap), and how the
// lengths of paired segments relate.
type lengthModel struct {
	on     bool    // see fitLengths
	mu, sd float64 // mean and deviation of log(len B / len A)
}

// fitLengths turns length evidence on when the typical pair of these
// documents shares less than freeTypical of its weighted words (a free
// translation or a paraphrase: many true pairs will fall below any lexical
// bar), and estimates from the current pairs the mean and deviation of
// their log length ratio. In a light revision it stays off: there a weak
// pair alone in a gap is most likely a deletion next to an insertion.
func (m *matcher) fitLengths() {
	m.lengths = lengthModel{}
	if m.typical >= freeTypical {
		return
	}
	var n, sum, sq float64
	for i, j := range m.ma {
		if j < 0 || m.lenA[i] == 0 || m.lenB[j] == 0 {
			continue
		}
		r := math.Log(float64(m.lenB[j]) / float64(m.lenA[i]))
		n++
		sum += r
		sq += r * r
	}
	if n < 10 {
		return
	}
	mu := sum / n
	m.lengths = lengthModel{on: true, mu: mu, sd: math.Sqrt(max(sq/n-mu*mu, 1e-6))}
}

// lengthFits reports whether a and b, alone in a gap between two pairs,
// should pair although their words barely overlap: weak pairs are common
// here, they share more than the median random pair, and their lengths relate as paired segments'
// do (within two deviations) — Gale and Church's evidence for aligning
// translations.
func (m *matcher) lengthFits(a, b int32, s float32) bool {
	if !m.lengths.on || s <= m.background[len(m.background)/2] || m.lenA[a] == 0 || m.lenB[b] == 0 {
		return false // they must share more than two random segments do
	}
	r := math.Log(float64(m.lenB[b]) / float64(m.lenA[a]))
	return math.Abs(r-m.lengths.mu) <= 2*m.lengths.sd
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
