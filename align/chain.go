package align

import (
	"math"
	"slices"
	"sort"
)

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
