package align

import (
	"unicode"
	"unicode/utf8"
)

// This file holds the two tokenizers: terms, the bag of lower-cased,
// lightly stemmed words that similarity is computed on, and display tokens,
// the words and punctuation a word diff is made of.

// isCJK reports scripts written without spaces, whose characters are
// tokens of their own.
func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// forEachTerm calls f with each matching term of the normalized text s, in
// order: words lower-cased and stemmed, numbers as written ("1.2", "500"),
// and for CJK text each character and each pair of adjacent characters.
// The slice passed to f is only valid during the call.
func forEachTerm(s string, buf []byte, f func(term []byte, weak bool)) []byte {
	var prevCJK rune
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isCJK(r) {
			buf = utf8.AppendRune(buf[:0], r)
			f(buf, false)
			if prevCJK != 0 {
				buf = utf8.AppendRune(utf8.AppendRune(buf[:0], prevCJK), r)
				f(buf, false)
			}
			prevCJK = r
			i += size
			continue
		}
		prevCJK = 0
		if !isWordRune(r) {
			i += size
			continue
		}
		// A word: letters and digits, with ' . , inside numbers and '
		// inside words ("don't", "1,000", "2.5").
		buf = buf[:0]
		digits := true
		j := i
		for j < len(s) {
			c, n := rune(s[j]), 1
			if c >= utf8.RuneSelf {
				c, n = utf8.DecodeRuneInString(s[j:])
			}
			if isWordRune(c) && !isCJK(c) {
				if c < utf8.RuneSelf {
					if 'A' <= c && c <= 'Z' {
						c += 'a' - 'A'
					}
					buf = append(buf, byte(c))
				} else {
					buf = utf8.AppendRune(buf, unicode.ToLower(c))
				}
				if !unicode.IsDigit(c) {
					digits = false
				}
				j += n
				continue
			}
			if (c == '.' || c == ',') && digits && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' && j > i {
				buf = append(buf, byte(c))
				j++
				continue
			}
			if c == '\'' && j+1 < len(s) && j > i {
				if nr, _ := utf8.DecodeRuneInString(s[j+1:]); unicode.IsLetter(nr) {
					// Possessive 's is dropped; other contractions stay.
					if (s[j+1] == 's' || s[j+1] == 'S') && (j+2 >= len(s) || !isWordByte(s[j+2])) {
						j += 2
						break
					}
					buf = append(buf, '\'')
					j++
					continue
				}
			}
			break
		}
		i = j
		if !digits {
			buf = stem(buf)
		}
		weak := len(buf) == 1 || stopwords[string(buf)]
		f(buf, weak)
	}
	return buf
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= utf8.RuneSelf
}

// stem strips common English inflections so that "walketh", "walked",
// "walking" and "walks" meet. It is deliberately light: both sides of a
// comparison are stemmed alike, so a crude stem costs little, and a
// non-English word is left almost untouched.
func stem(w []byte) []byte {
	for _, c := range w {
		if c >= utf8.RuneSelf || c < 'a' || c > 'z' {
			return w
		}
	}
	n := len(w)
	if n <= 3 || stopwords[string(w)] {
		return w
	}
	has := func(suf string) bool {
		return len(w) > len(suf) && string(w[len(w)-len(suf):]) == suf
	}
	switch {
	case has("ies") && n > 4:
		w = append(w[:n-3], 'y')
	case has("sses"):
		w = w[:n-2]
	case has("ss") || has("us") || has("is"):
	case has("s"):
		w = w[:n-1]
	}
	n = len(w)
	switch {
	case has("ing") && n-3 >= 3:
		w = w[:n-3]
	case has("eth") && n-3 >= 3:
		w = w[:n-3]
	case has("est") && n-3 >= 4:
		w = w[:n-3]
	case has("ed") && n-2 >= 3:
		w = w[:n-2]
	case has("ly") && n-2 >= 4:
		w = w[:n-2]
	}
	n = len(w)
	if n >= 4 && w[n-1] == w[n-2] && w[n-1] != 'l' && w[n-1] != 's' && w[n-1] != 'z' && !isVowel(w[n-1]) {
		w = w[:n-1]
	}
	n = len(w)
	if n >= 4 && w[n-1] == 'e' {
		w = w[:n-1]
	}
	return w
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

// stopwords weigh little in similarity: they make two clauses look alike
// without saying they are the same clause. English only; in other
// languages, frequent words get low weight from their document frequency.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for",
		"with", "from", "as", "into", "onto", "upon", "about", "over", "under", "than", "then",
		"that", "this", "these", "those", "which", "who", "whom", "whose", "what", "where", "when",
		"it", "its", "he", "him", "his", "she", "her", "hers", "they", "them", "their", "theirs",
		"we", "us", "our", "ours", "you", "your", "yours", "i", "me", "my", "mine",
		"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does",
		"did", "so", "if", "there", "here", "also", "such", "both", "each", "all", "any", "some",
		"other", "own", "same", "very", "just", "up", "out", "off", "again", "further", "once",
		"thee", "thou", "thy", "thine", "ye", "unto", "shall", "hath", "doth", "saith", "said",
		"will", "would", "may", "might", "must", "can", "could", "should",
	} {
		m[w] = true
	}
	return m
}()

// dtoken is a display token of a word diff: its text as written, the
// whitespace before it, and the key it is compared by.
type dtoken struct {
	space string // whitespace before the token, as written
	text  string // the token as written
	key   string // the token normalized: what is compared
	word  bool   // a word, not punctuation
}

// displayTokens splits original text into words and punctuation marks. A
// word is a run of letters, digits and marks, with connectors inside it
// ("don't", "non-tariff", "1,000", "U.S"); every other character except
// whitespace is a token of its own; each CJK character is a word.
func displayTokens(s string, normalize func(string) string) []dtoken {
	var out []dtoken
	i := 0
	for i < len(s) {
		ws := i
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) && r != '\u200B' && r != '\u00AD' && r != '\uFEFF' {
				break
			}
			i += n
		}
		if i >= len(s) {
			break
		}
		start := i
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		word := false
		if isWordRune(r) && !isCJK(r) {
			word = true
			for i < len(s) {
				c, m := utf8.DecodeRuneInString(s[i:])
				if isWordRune(c) && !isCJK(c) {
					i += m
					continue
				}
				if isConnector(c) && i+m < len(s) {
					nc, _ := utf8.DecodeRuneInString(s[i+m:])
					if isWordRune(nc) && !isCJK(nc) {
						i += m
						continue
					}
				}
				break
			}
		} else if isCJK(r) {
			word = true
		}
		t := s[start:i]
		out = append(out, dtoken{space: s[ws:start], text: t, key: normalize(t), word: word})
	}
	return out
}

func isConnector(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02BC', '-', '\u2010', '\u2011', '.', ',', '/', '&':
		return true
	}
	return false
}

// countWords counts the words of s as displayTokens would, without
// building them.
func countWords(s string) int {
	n := 0
	inWord := false
	for _, r := range s {
		switch {
		case isCJK(r):
			n++
			inWord = false
		case isWordRune(r):
			if !inWord {
				n++
			}
			inWord = true
		case inWord && isConnector(r):
			// stays in the word if a letter follows; counted either way once
		default:
			inWord = false
		}
	}
	return n
}
