package align

import "testing"

// wordsOf counts the words displayTokens finds: what countWords must give.
func wordsOf(s string) int {
	toks, _ := displayTokens(nil, nil, s, normalizeToken)
	n := 0
	for _, t := range toks {
		if t.word {
			n++
		}
	}
	return n
}

func TestCountWords(t *testing.T) {
	for _, s := range []string{
		"", "   ", "India will cut tariffs.", "don't", "1,000 and 2.5%", "a--b", "a- b", "-a-",
		"U.S. officials", "non-tariff barriers", "l’accord de Paris", "a’’b", "重要的合作", "Zürich, 2026",
		"x-", "'quoted'", "a,", "a,b", "é-b", "b-é", "a-重", "日本-a",
	} {
		if got, want := countWords(s), wordsOf(s); got != want {
			t.Errorf("countWords(%q) = %d, displayTokens finds %d", s, got, want)
		}
	}
}

func FuzzCountWords(f *testing.F) {
	for _, s := range []string{"India will cut tariffs.", "a--b", "l’accord", "重要的合作", "1,000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), wordsOf(s); got != want {
			t.Errorf("countWords(%q) = %d, displayTokens finds %d", s, got, want)
		}
	})
}
