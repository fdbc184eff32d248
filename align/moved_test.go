package align

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// groupsOf makes one 1:1 group per position of perm: A segment i pairs
// with B segment perm[i].
func groupsOf(perm []int) []*group {
	gs := make([]*group, len(perm))
	for i, j := range perm {
		gs[i] = &group{a: []int32{int32(i)}, b: []int32{int32(j)}}
	}
	return gs
}

func movedOf(perm []int) []int {
	gs := groupsOf(perm)
	markMoved(gs)
	var out []int
	for i, g := range gs {
		if g.moved {
			out = append(out, i)
		}
	}
	return out
}

func TestMarkMoved(t *testing.T) {
	tests := []struct {
		name string
		perm []int // B position of each A segment
		want []int // A segments marked moved
	}{
		{"in order", []int{0, 1, 2, 3}, nil},
		{"one moved far", []int{0, 2, 3, 4, 5, 1}, []int{5}},
		{"block of 3 down past 5", []int{5, 6, 7, 0, 1, 2, 3, 4}, []int{0, 1, 2}},
		{"block of 2 up past 4", []int{2, 3, 4, 5, 0, 1}, []int{4, 5}},
		{"two neighbours swapped", []int{0, 2, 1, 3}, []int{1, 2}},
		{"equal blocks swapped", []int{0, 4, 5, 6, 1, 2, 3, 7}, []int{1, 2, 3, 4, 5, 6}},
		{"unequal blocks swapped", []int{0, 3, 4, 5, 1, 2, 6}, []int{4, 5}},
		{"reversed", []int{2, 1, 0}, []int{0, 1, 2}},
		{"empty", nil, nil},
		{"one", []int{0}, nil},
	}
	for _, tt := range tests {
		if got := movedOf(tt.perm); !slices.Equal(got, tt.want) {
			t.Errorf("%s: moved %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestMarkMovedBrute checks markMoved against its definition on every
// small case: a group stays unmarked exactly when every maximum chain
// (longest increasing subsequence) holds it.
func TestMarkMovedBrute(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 3000; trial++ {
		n := 1 + rng.IntN(9)
		perm := rng.Perm(n)
		// all maximum chains, by enumerating subsets
		best, onAll := 0, 0
		for mask := 1; mask < 1<<n; mask++ {
			prev, ok, size := -1, true, 0
			for i := 0; i < n && ok; i++ {
				if mask&(1<<i) != 0 {
					ok = perm[i] > prev
					prev = perm[i]
					size++
				}
			}
			if !ok {
				continue
			}
			switch {
			case size > best:
				best, onAll = size, mask
			case size == best:
				onAll &= mask
			}
		}
		var want []int
		for i := 0; i < n; i++ {
			if onAll&(1<<i) == 0 {
				want = append(want, i)
			}
		}
		if got := movedOf(perm); !slices.Equal(got, want) {
			t.Fatalf("perm %v: moved %v, want %v", perm, got, want)
		}
	}
}
