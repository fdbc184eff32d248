package fetch

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalization names, as reported in the JSON and in reports. Each names one
// family of differences that comparison ignores.
const (
	NormNFC       = "unicode-nfc" // composed and decomposed accents compare equal
	NormQuotes    = "quotes"      // curly, low-9 and prime quotes compare as ' and "
	NormDashes    = "dashes"      // hyphen, en/em dash, minus variants compare as -
	NormSpaces    = "spaces"      // NBSP, thin, ideographic and other spaces compare as a space
	NormInvisible = "invisible"   // soft hyphens, zero-width characters and BOMs are ignored
	NormEllipsis  = "ellipsis"    // … compares as ...
	NormWhite     = "whitespace"  // runs of whitespace and line breaks compare as one space
)

// Normalizations counts, per kind, how many times a normalization changed the
// text. A nil or empty map means the text was already in normal form.
type Normalizations map[string]int

// Names lists the kinds that fired, sorted.
func (n Normalizations) Names() []string {
	out := make([]string, 0, len(n))
	for k, v := range n {
		if v > 0 {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// Normalize returns the comparison form of s: NFC, straight quotes, one kind
// of dash, ordinary spaces, no invisible characters, "..." for an ellipsis and
// single spaces between words, trimmed. Case and punctuation are kept:
// a change of case is a change, though a cosmetic one. If seen is not nil,
// every normalization that changed s is counted in it.
//
// Normalize never fails; invalid UTF-8 bytes become U+FFFD.
func Normalize(s string, seen Normalizations) string {
	switch plainClass(s) {
	case plainClean:
		return s // the usual segment: nothing to do
	case plainASCII:
		// Nothing to map, only whitespace to fold.
		return foldSpace(s, seen)
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
		if seen != nil {
			seen[NormNFC]++
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false // a space is pending
	started := false
	for _, r := range s {
		kind := ""
		var rep string
		switch {
		case r == '\u2018' || r == '\u2019' || r == '\u201A' || r == '\u201B' || r == '\u2032' || r == '\u02BC' || r == '\uFF07':
			rep, kind = "'", NormQuotes
		case r == '\u201C' || r == '\u201D' || r == '\u201E' || r == '\u201F' || r == '\u2033' || r == '\u00AB' || r == '\u00BB' || r == '\uFF02':
			rep, kind = `"`, NormQuotes
		case r == '\u2010' || r == '\u2011' || r == '\u2012' || r == '\u2013' || r == '\u2014' || r == '\u2015' || r == '\u2212' || r == '\u2043' || r == '\uFE58' || r == '\uFE63' || r == '\uFF0D':
			rep, kind = "-", NormDashes
		case r == '\u2026':
			rep, kind = "...", NormEllipsis
		case r == '\u00AD' || r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' || r == '\u180E':
			if seen != nil {
				seen[NormInvisible]++
			}
			continue
		case r == ' ' || r == '\t':
			space = true
			continue
		case r == '\n' || r == '\r' || r == '\v' || r == '\f' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			if seen != nil && started {
				seen[NormWhite]++
			}
			space = true
			continue
		case unicode.IsSpace(r) || r == '\u200A' || r == '\u3000':
			if seen != nil {
				seen[NormSpaces]++
			}
			space = true
			continue
		}
		if space && started {
			b.WriteByte(' ')
		}
		space = false
		started = true
		if kind != "" {
			if seen != nil {
				seen[kind]++
			}
			b.WriteString(rep)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

const (
	plainClean = iota // ASCII, single spaces only, none at either end
	plainASCII        // ASCII
	plainOther
)

// byteClass marks the bytes plainClass looks at: 1 ASCII whitespace, 2
// not ASCII.
var byteClass = func() (t [256]uint8) {
	for _, c := range []byte(" \t\n\r\v\f") {
		t[c] = 1
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = 2
	}
	return t
}()

// plainClass reads s once and says whether Normalize can return it as it
// is (plainClean), need only fold its whitespace (plainASCII), or must map
// characters.
func plainClass(s string) int {
	clean := true
	for i := 0; i < len(s); i++ {
		switch byteClass[s[i]] {
		case 0:
		case 1:
			if s[i] != ' ' || i == 0 || i == len(s)-1 || byteClass[s[i+1]] == 1 {
				clean = false
			}
		default:
			return plainOther
		}
	}
	if clean {
		return plainClean
	}
	return plainASCII
}

// foldSpace trims s and folds runs of ASCII whitespace into one space.
// Line breaks inside the text count as a "whitespace" normalization; runs of
// spaces do too, since they are invisible to a reader.
func foldSpace(s string, seen Normalizations) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIISpace(c) && (c != ' ' || i == 0 || i == len(s)-1 || isASCIISpace(s[i+1])) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space, started := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIISpace(c) {
			if c != ' ' && started && seen != nil {
				seen[NormWhite]++
			}
			space = true
			continue
		}
		if space && started {
			b.WriteByte(' ')
		}
		space, started = false, true
		b.WriteByte(c)
	}
	return b.String()
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
