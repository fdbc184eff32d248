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
	switch {
	case r < 0x0E00:
		return false
	case r < 0x0E80:
		return true // Thai
	case r < 0x2E80:
		return false
	}
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Thai, r)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// forEachTerm calls f with each matching term of the normalized text s, in
// order: words lower-cased and stemmed, numbers as written ("1.2", "500"),
// and for CJK text each character and each pair of adjacent characters.
// The slice passed to f is only valid during the call.
func forEachTerm(s string, buf []byte, f func(term []byte)) []byte {
	var prevCJK rune
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf && asciiKind[c] == 0 {
			prevCJK = 0 // ASCII space or punctuation: the usual case between words
			i++
			continue
		}
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isCJK(r) {
			buf = utf8.AppendRune(buf[:0], r)
			f(buf)
			if prevCJK != 0 {
				buf = utf8.AppendRune(utf8.AppendRune(buf[:0], prevCJK), r)
				f(buf)
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
			switch b := s[j]; asciiKind[b] {
			case asciiLower, asciiDigit:
				buf = append(buf, b)
				digits = digits && asciiKind[b] == asciiDigit
				j++
				continue
			case asciiUpper:
				buf = append(buf, b+'a'-'A')
				digits = false
				j++
				continue
			}
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
		f(buf)
	}
	return buf
}

// asciiKind classes ASCII bytes for the fast paths of forEachTerm; 0 is
// anything else (and every non-ASCII byte).
var asciiKind = func() (k [256]uint8) {
	for c := 'a'; c <= 'z'; c++ {
		k[c] = asciiLower
	}
	for c := 'A'; c <= 'Z'; c++ {
		k[c] = asciiUpper
	}
	for c := '0'; c <= '9'; c++ {
		k[c] = asciiDigit
	}
	return k
}()

// countKind classes bytes for countWords' ASCII pass.
var countKind = func() (k [256]uint8) {
	for c := 0; c < 256; c++ {
		switch {
		case c >= utf8.RuneSelf:
			k[c] = countNonASCII
		case asciiKind[c] != 0:
			k[c] = countWord
		case c == '\'' || c == '-' || c == '.' || c == ',' || c == '/' || c == '&':
			k[c] = countConnector
		}
	}
	return k
}()

const (
	countOther = iota
	countWord
	countConnector
	countNonASCII
)

const (
	asciiLower = 1 + iota
	asciiUpper
	asciiDigit
)

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
	if n <= 3 {
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

// isWeak reports terms that weigh little in similarity: stopwords, which
// make two clauses look alike without saying they are the same clause, and
// one-letter words. English only; in other languages, frequent words get
// low weight from their document frequency.
func isWeak(term []byte) bool {
	return len(term) == 1 || stopwords[string(term)]
}

// stopwords holds the stems of English function words (terms are stemmed
// before they are looked up).
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
		m[string(stem([]byte(w)))] = true
	}
	return m
}()

// dtoken is a display token of a word diff: where it stands in its text
// (with the whitespace before it) and the key it is compared by.
type dtoken struct {
	ws, start, end int32 // text[ws:start] is the whitespace before it, text[start:end] the token
	norm           int32 // index of its normalized form in the norms kept beside the tokens; -1: the text itself
	word           bool  // a word, not a punctuation mark
}

// key is the token normalized: what a word diff compares. It holds no
// string of its own (a token list is rebuilt for every pair, and strings
// in it would cost the garbage collector); norms holds the few that differ
// from the text.
func (t dtoken) key(text string, norms []string) string {
	if t.norm < 0 {
		return text[t.start:t.end]
	}
	return norms[t.norm]
}

// displayTokens appends to out the words and punctuation marks of s. A word
// is a run of letters, digits and marks, with connectors inside it
// ("don't", "non-tariff", "1,000", "U.S"); every other character except
// whitespace is a token of its own; each CJK character is a word.
func displayTokens(out []dtoken, norms []string, s string, normalize func(string) string) ([]dtoken, []string) {
	i := 0
	for i < len(s) {
		ws := i
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f' {
					break
				}
				i++
				continue
			}
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
		ascii := true
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
			ascii = false
		}
		i += n
		word := isWordRune(r)
		if word && !isCJK(r) {
			for i < len(s) {
				if asciiKind[s[i]] != 0 {
					i++ // ASCII letter or digit: the usual case
					continue
				}
				c, m := rune(s[i]), 1
				if c >= utf8.RuneSelf {
					c, m = utf8.DecodeRuneInString(s[i:])
					ascii = false
				}
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
		}
		norm := int32(-1)
		if !ascii { // an ASCII token without spaces is already normal
			if k := normalize(s[start:i]); k != s[start:i] {
				norm = int32(len(norms))
				norms = append(norms, k)
			}
		}
		out = append(out, dtoken{ws: int32(ws), start: int32(start), end: int32(i), norm: norm, word: word})
	}
	return out, norms
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
	for i := 0; i < len(s); i++ {
		switch countKind[s[i]] {
		case countWord:
			if !inWord {
				n++
			}
			inWord = true
		case countConnector:
			// Inside a word only between two of its letters ("don't",
			// "1,000"), as displayTokens reads it.
			inWord = inWord && i+1 < len(s) && countKind[s[i+1]] == countWord
		case countOther:
			inWord = false
		default:
			return countWordsRunes(s)
		}
	}
	return n
}

// countWordsRunes is countWords for text that is not all ASCII.
func countWordsRunes(s string) int {
	n := 0
	inWord := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isCJK(r) && isWordRune(r): // a CJK character is a word of its own
			n++
			inWord = false
		case isWordRune(r):
			if !inWord {
				n++
			}
			inWord = true
		case isConnector(r):
			next, _ := utf8.DecodeRuneInString(s[i+size:])
			inWord = inWord && i+size < len(s) && isWordRune(next) && !isCJK(next)
		default:
			inWord = false
		}
		i += size
	}
	return n
}
