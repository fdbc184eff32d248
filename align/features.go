package align

import (
	"math"
	"runtime"
	"slices"
	"sync"
)

type features struct {
	terms [][]int32 // sorted term IDs per segment, with repeats
	tw    []float32 // total term weight per segment
}

// buildFeatures computes terms and weights for both sides. Each side is
// tokenized on its own goroutine with its own vocabulary; B's vocabulary
// is then mapped onto A's, one lookup per distinct term.
func buildFeatures(normA, normB []string) (fa, fb features, w []float32) {
	var va, vb sideVocab
	done := make(chan struct{})
	go func() {
		fb, vb = tokenizeSide(normB)
		close(done)
	}()
	fa, va = tokenizeSide(normA)
	<-done

	// Global IDs: A's as they are, then B's new terms.
	weak := va.weak
	remap := make([]int32, len(vb.names))
	for local, name := range vb.names {
		id, ok := va.ids[name]
		if !ok {
			id = int32(len(weak))
			weak = append(weak, vb.weak[local])
		}
		remap[local] = id
	}
	parallel(len(fb.terms), func(lo, hi int) {
		for _, ts := range fb.terms[lo:hi] {
			for k, t := range ts {
				ts[k] = remap[t]
			}
			slices.Sort(ts)
		}
	})

	df := make([]int32, len(weak))
	for _, f := range []features{fa, fb} {
		for _, ts := range f.terms {
			for k, t := range ts {
				if k == 0 || ts[k-1] != t {
					df[t]++
				}
			}
		}
	}
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

// parallel calls f on consecutive stretches [lo, hi) covering [0, n), one
// stretch per core, and waits for them.
func parallel(n int, f func(lo, hi int)) {
	workers := min(runtime.GOMAXPROCS(0), 8, max(1, n/1024))
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f(n*w/workers, n*(w+1)/workers)
		}()
	}
	wg.Wait()
}

// union returns the terms and total weight of several segments together
// (a pair that holds more than one segment on a side).
func union[T int | int32](f features, ids []T) ([]int32, float32) {
	if len(ids) == 1 {
		return f.terms[ids[0]], f.tw[ids[0]]
	}
	var ts []int32
	var w float32
	for _, id := range ids {
		ts = append(ts, f.terms[id]...)
		w += f.tw[id]
	}
	slices.Sort(ts)
	return ts, w
}

// sideVocab is one side's vocabulary: term → local ID, and back.
type sideVocab struct {
	ids   map[string]int32
	names []string
	weak  []bool
}

// tokenizeSide turns each normalized segment into its sorted term IDs
// (local to this side). All term lists share one backing array.
func tokenizeSide(norms []string) (features, sideVocab) {
	v := sideVocab{ids: make(map[string]int32, 1024)}
	f := features{terms: make([][]int32, len(norms)), tw: make([]float32, len(norms))}
	size := 0
	for _, s := range norms {
		size += len(s)
	}
	flat := make([]int32, 0, size/5+len(norms)) // about one term per five bytes of English
	off := make([]int, len(norms)+1)
	var buf []byte
	for i, s := range norms {
		start := len(flat)
		buf = forEachTerm(s, buf, func(t []byte) {
			id, ok := v.ids[string(t)]
			if !ok {
				id = int32(len(v.names))
				name := string(t)
				v.ids[name] = id
				v.names = append(v.names, name)
				v.weak = append(v.weak, isWeak(t))
			}
			flat = append(flat, id)
		})
		slices.Sort(flat[start:])
		off[i+1] = len(flat)
	}
	for i := range norms {
		f.terms[i] = flat[off[i]:off[i+1]:off[i+1]]
	}
	return f, v
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
