package fetch

import (
	"slices"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		fired    []string
	}{
		{"plain text", "plain text", nil},
		{"  padded\ttext \n", "padded text", []string{NormWhite}},
		{"two  spaces", "two spaces", nil},
		{"line\nbreak", "line break", []string{NormWhite}},
		{"India’s “market”", `India's "market"`, []string{NormQuotes}},
		{"‚low‘ „quotes“ «guillemets»", `'low' "quotes" "guillemets"`, []string{NormQuotes}},
		{"U.S.–China — talks − 3 ‐ x", "U.S.-China - talks - 3 - x", []string{NormDashes}},
		{"no\u00a0break\u2009thin\u3000wide", "no break thin wide", []string{NormSpaces}},
		{"soft\u00adhyphen zero\u200bwidth\ufeff", "softhyphen zerowidth", []string{NormInvisible}},
		{"wait…", "wait...", []string{NormEllipsis}},
		{"Jose\u0301", "José", []string{NormNFC}},
		{"Case Stays", "Case Stays", nil},
		{"bad \xff byte", "bad \ufffd byte", nil},
	}
	for _, tt := range tests {
		seen := Normalizations{}
		got := Normalize(tt.in, seen)
		if got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if names := seen.Names(); !slices.Equal(names, tt.fired) {
			t.Errorf("Normalize(%q) fired %v, want %v", tt.in, names, tt.fired)
		}
		if Normalize(got, nil) != got {
			t.Errorf("Normalize is not idempotent on %q", got)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"India’s “market” — U.S.–China…", "Jose\u0301\u00a0\u200b", "\xff\xfe", " a \n b "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s, Normalizations{})
		if !utf8.ValidString(n) {
			t.Fatalf("invalid UTF-8 out of %q", s)
		}
		if Normalize(n, nil) != n {
			t.Fatalf("not idempotent: %q -> %q -> %q", s, n, Normalize(n, nil))
		}
	})
}
