package align

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unit is the grain of alignment.
type Unit string

// Units of alignment. A clause never crosses a sentence, a sentence never
// crosses a paragraph.
const (
	UnitClause    Unit = "clause"
	UnitSentence  Unit = "sentence"
	UnitParagraph Unit = "paragraph"
	UnitLine      Unit = "line" // one segment per non-blank input line
)

// ParseUnit checks a unit name.
func ParseUnit(s string) (Unit, bool) {
	switch u := Unit(s); u {
	case UnitClause, UnitSentence, UnitParagraph, UnitLine:
		return u, true
	}
	return "", false
}

// span is a segment found in a text: byte offsets and its ordinals.
type span struct {
	start, end int // byte offsets into the text, trimmed of whitespace
	para, sent int // 1-based paragraph and sentence numbers
}

// segmentText splits text into spans of the given unit. Paragraphs are
// separated by blank lines; for UnitLine every non-blank line is a segment
// and a paragraph of its own.
func segmentText(text string, unit Unit) []span {
	var out []span
	para, sent := 0, 0
	if unit == UnitLine {
		for lo := 0; lo < len(text); {
			hi := strings.IndexByte(text[lo:], '\n')
			if hi < 0 {
				hi = len(text)
			} else {
				hi += lo
			}
			if s, e := trimSpan(text, lo, hi); e > s {
				para++
				out = append(out, span{s, e, para, para})
			}
			lo = hi + 1
		}
		return out
	}
	forEachParagraph(text, func(lo, hi int) {
		para++
		if unit == UnitParagraph {
			sent++
			out = append(out, span{lo, hi, para, sent})
			return
		}
		for _, s := range sentences(text, lo, hi) {
			sent++
			if unit == UnitSentence {
				out = append(out, span{s.start, s.end, para, sent})
				continue
			}
			for _, c := range clauses(text, s.start, s.end) {
				out = append(out, span{c.start, c.end, para, sent})
			}
		}
	})
	return out
}

// forEachParagraph calls f with the trimmed bounds of each paragraph: runs
// of lines separated by blank (whitespace-only) lines.
func forEachParagraph(text string, f func(lo, hi int)) {
	start := -1
	lo := 0
	for lo <= len(text) {
		hi := strings.IndexByte(text[lo:], '\n')
		if hi < 0 {
			hi = len(text)
		} else {
			hi += lo
		}
		blank := isBlank(text[lo:hi])
		if blank && start >= 0 {
			if s, e := trimSpan(text, start, lo); e > s {
				f(s, e)
			}
			start = -1
		} else if !blank && start < 0 {
			start = lo
		}
		lo = hi + 1
	}
	if start >= 0 {
		if s, e := trimSpan(text, start, len(text)); e > s {
			f(s, e)
		}
	}
}

func isBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// isSpace is whitespace for segmentation: Unicode spaces plus the invisible
// characters that normalization drops.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200B' || r == '\uFEFF' || r == '\u2060' || r == '\u3000'
}

func trimSpan(text string, lo, hi int) (int, int) {
	for lo < hi {
		r, n := utf8.DecodeRuneInString(text[lo:])
		if !isSpace(r) {
			break
		}
		lo += n
	}
	for hi > lo {
		r, n := utf8.DecodeLastRuneInString(text[:hi])
		if !isSpace(r) {
			break
		}
		hi -= n
	}
	return lo, hi
}

// isCJKStop reports full stops that end a sentence without a following space.
func isCJKStop(r rune) bool {
	return r == '。' || r == '！' || r == '？' || r == '；' || r == '｡'
}

// isCloser reports characters that stay with the sentence they close: closing
// quotes and brackets after a full stop.
func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '\u2019', '\u201D', '\u00BB', '\u203A', ')', ']', '}', '」', '』', '）', '】', '〉', '》':
		return true
	}
	return false
}

// isOpener reports characters that may start a sentence before its first
// letter: opening quotes and brackets.
func isOpener(r rune) bool {
	switch r {
	case '"', '\'', '\u2018', '\u201C', '\u00AB', '(', '[', '「', '『', '（', '【', '¿', '¡':
		return true
	}
	return false
}

// sentences splits text[lo:hi] (one paragraph) into sentences.
//
// A sentence ends at . ! ? … (or several of them) followed by closing
// quotes or brackets, then whitespace and a word that can start a sentence;
// or right after a CJK full stop (。！？；). A full stop after an
// abbreviation does not end a sentence: titles (Mr., Dr., Gen.), "No. 5",
// "e.g.", decimals and amounts ($1.2 trillion), and — unless the next word
// is one that typically starts a sentence (The, It, We, ...) — initials
// (Donald J. Trump), dotted acronyms (U.S., U.K.), a.m./p.m., months and
// company suffixes.
func sentences(text string, lo, hi int) []span {
	var out []span
	start := lo
	emit := func(e int) {
		if s, e := trimSpan(text, start, e); e > s {
			out = append(out, span{start: s, end: e})
		}
	}
	for i := lo; i < hi; {
		r, n := utf8.DecodeRuneInString(text[i:hi])
		if isCJKStop(r) {
			j := i + n
			for j < hi {
				c, m := utf8.DecodeRuneInString(text[j:hi])
				if !isCloser(c) && !isCJKStop(c) {
					break
				}
				j += m
			}
			emit(j)
			start, i = j, j
			continue
		}
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += n
			continue
		}
		j := i + n
		for j < hi {
			c, m := utf8.DecodeRuneInString(text[j:hi])
			if c != '.' && c != '!' && c != '?' && c != '…' {
				break
			}
			j += m
		}
		for j < hi {
			c, m := utf8.DecodeRuneInString(text[j:hi])
			if !isCloser(c) {
				break
			}
			j += m
		}
		if j < hi {
			c, _ := utf8.DecodeRuneInString(text[j:hi])
			if !isSpace(c) {
				i = j // "U.S.", "1.2", "a.m" inside a token
				continue
			}
		}
		k := j
		for k < hi {
			c, m := utf8.DecodeRuneInString(text[k:hi])
			if !isSpace(c) {
				break
			}
			k += m
		}
		if k >= hi {
			break
		}
		if endsSentence(text, start, i, j, k, hi, r) {
			emit(j)
			start = k
		}
		i = k
	}
	emit(hi)
	return out
}

// endsSentence decides whether the terminator r at text[i] (with its
// closers, up to j) ends the sentence that began at start, given that the
// next word begins at k.
func endsSentence(text string, start, i, j, k, hi int, r rune) bool {
	next, _ := utf8.DecodeRuneInString(text[k:hi])
	if unicode.IsLower(next) {
		return false
	}
	if !unicode.IsUpper(next) && !unicode.IsDigit(next) && !isOpener(next) && !unicode.IsLetter(next) {
		return false // "- item", "§ 3", ... a symbol does not start a sentence
	}
	if r != '.' || j-i > 1 && text[i+1] == '.' {
		return true // ! ? … or "..." before a capital
	}
	// The word before the full stop, dots inside it kept ("U.S", "a.m", "e.g").
	w := i
	for w > start {
		c, m := utf8.DecodeLastRuneInString(text[start:w])
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.') {
			break
		}
		w -= m
	}
	word := text[w:i]
	if w == start && isEnumerator(word) {
		return false // "1. The first item"
	}
	lw := strings.ToLower(word)
	nextWord := wordAt(text, k, hi)
	switch {
	case titleAbbrev[lw]:
		return false
	case numberAbbrev[lw]:
		return !unicode.IsDigit(next)
	case ambiguousAbbrev[lw] || isInitial(word) || isDotted(word):
		return sentenceStarters[nextWord]
	}
	return true
}

func wordAt(text string, k, hi int) string {
	e := k
	for e < hi {
		c, m := utf8.DecodeRuneInString(text[e:hi])
		if !unicode.IsLetter(c) {
			break
		}
		e += m
	}
	return text[k:e]
}

func isEnumerator(w string) bool {
	if w == "" || len(w) > 4 {
		return false
	}
	for _, c := range w {
		if !unicode.IsDigit(c) && !strings.ContainsRune("ivxlIVXL", c) && len(w) > 1 {
			return false
		}
	}
	return true
}

// isDotted reports initialisms written with dots: "U.S", "a.m", "N.A.T.O".
func isDotted(w string) bool {
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if p == "" || utf8.RuneCountInString(p) > 2 {
			return false
		}
		for _, r := range p {
			if !unicode.IsLetter(r) {
				return false
			}
		}
	}
	return true
}

// isInitial reports a single capital letter: an initial in a name.
func isInitial(w string) bool {
	r, n := utf8.DecodeRuneInString(w)
	return n == len(w) && unicode.IsUpper(r)
}

// titleAbbrev never end a sentence: they stand before a name or a word.
var titleAbbrev = setOf("mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "gen", "sen", "sens", "rep",
	"reps", "gov", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr", "gen", "brig", "rev",
	"hon", "pres", "supt", "amb", "st", "mt", "ft", "e.g", "i.e", "cf", "vs", "viz", "approx", "ca",
	"dept", "govt")

// numberAbbrev stand before a number ("No. 5", "Art. 3") and end a sentence
// otherwise ("The answer was no.").
var numberAbbrev = setOf("no", "nos", "art", "arts", "sec", "secs", "fig", "figs", "vol", "vols",
	"p", "pp", "para", "paras", "ch", "chap", "op", "nr")

// ambiguousAbbrev end a sentence only before a typical sentence starter.
var ambiguousAbbrev = setOf("a.m", "p.m", "inc", "ltd", "co", "corp", "bros", "llc", "plc", "etc",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "al", "jr", "sr")

// sentenceStarters are words that typically begin a sentence, so that a
// sentence ending in an abbreviation ("... in the U.S. The talks ...") still
// ends there. Names are left out on purpose: "U.S. President" continues.
var sentenceStarters = setOf("The", "This", "That", "These", "Those", "There", "Their", "They",
	"Then", "It", "Its", "He", "She", "His", "Her", "We", "Our", "I", "You", "Your", "In", "On",
	"At", "As", "For", "But", "And", "Or", "So", "Both", "Each", "All", "A", "An", "To", "With",
	"By", "From", "After", "Before", "During", "Since", "While", "When", "If", "However",
	"Today", "Yesterday", "Tomorrow", "Finally", "Also", "Meanwhile", "Moreover", "Furthermore",
	"Additionally", "Accordingly", "Nevertheless", "Thus", "Therefore", "Such", "Under", "Over",
	"Through", "Following", "Earlier", "Later", "What", "Why", "How", "Who", "Where")

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// clauseOpeners start a new clause after a comma. Read off real statements:
// readouts and fact sheets chain clauses with ", including", ", which",
// ", noting that", ", while"; plain "and"/"or" also join list items, so
// those split only when what precedes is not a short list item.
var clauseOpeners = setOf("and", "but", "or", "nor", "while", "whereas", "which", "who", "whom",
	"whose", "where", "including", "although", "though", "because", "noting", "adding",
	"saying", "stressing", "underscoring", "emphasizing", "emphasising", "reaffirming",
	"recognizing", "recognising", "welcoming", "urging", "calling", "expressing", "highlighting",
	"reiterating", "affirming", "underlining", "particularly", "especially", "unless", "whether")

// listJoiners are openers that also join the last item of a list.
var listJoiners = setOf("and", "or", "nor")

// clauses splits the sentence text[lo:hi] into clauses at semicolons, at
// colons and dashes followed by a space (not "10:30", not "U.S.-China"), at
// em dashes, and at commas before a clause opener (see clauseOpeners) when
// both sides hold at least four words (for "and", "or" and "nor", the next
// list item too, and the item before must not be a short one). Nothing inside parentheses or
// brackets is split. The delimiter stays with the clause it ends.
func clauses(text string, lo, hi int) []span {
	var out []span
	start := lo
	depth := 0
	emit := func(e, next int) {
		if s, e := trimSpan(text, start, e); e > s {
			out = append(out, span{start: s, end: e})
		}
		start = next
	}
	lastComma := lo // where the current comma-separated chunk began
	for i := lo; i < hi; {
		if c := text[i]; c < utf8.RuneSelf && !clauseBytes[c] {
			i++ // the common case: nothing that splits or nests
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:hi])
		switch r {
		case '(', '[', '{', '（', '【':
			depth++
		case ')', ']', '}', '）', '】':
			if depth > 0 {
				depth--
			}
		}
		if depth > 0 {
			i += n
			continue
		}
		after := i + n
		spaceAfter := after < hi && isSpaceAt(text, after)
		spaceBefore := i > lo && isSpaceBefore(text, i)
		split := false
		switch r {
		case ';', '；':
			split = true
		case ':', '：':
			split = spaceAfter || r == '：'
		case '—', '―':
			split = true
		case '–':
			split = spaceBefore && spaceAfter
		case '-':
			if spaceBefore && spaceAfter {
				split = true
			} else if after < hi && text[after] == '-' && (after+1 >= hi || text[after+1] != '-') {
				after++ // "--"
				split = true
			}
		case ',', '，':
			if spaceAfter || r == '，' {
				k := skipSpaces(text, after, hi)
				w := strings.ToLower(wordAt(text, k, hi))
				if clauseOpeners[w] || w == "as" && strings.HasPrefix(strings.ToLower(text[k:hi]), "as well as ") {
					ok := hasWords(text[start:i], 4) && hasWords(text[k:hi], 4)
					if ok && listJoiners[w] && (!hasWords(text[lastComma:i], 4) ||
						!hasWords(text[k:nextDelimiter(text, k, hi)], 4)) {
						ok = false // "conflict, confrontation, or a new Cold War"
					}
					if ok {
						emit(after, k)
						lastComma = k
						i = k
						continue
					}
				}
				lastComma = after
			}
		}
		if split && after < hi {
			k := skipSpaces(text, after, hi)
			if k < hi {
				emit(after, k)
				lastComma = k
				i = k
				continue
			}
		}
		i = after
	}
	emit(hi, hi)
	return out
}

// clauseBytes are the ASCII characters clauses care about.
var clauseBytes = func() (t [utf8.RuneSelf]bool) {
	for _, c := range "()[]{};:-," {
		t[c] = true
	}
	return t
}()

func isSpaceAt(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	return isSpace(r)
}

func isSpaceBefore(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isSpace(r)
}

func skipSpaces(text string, i, hi int) int {
	for i < hi {
		r, n := utf8.DecodeRuneInString(text[i:hi])
		if !isSpace(r) {
			break
		}
		i += n
	}
	return i
}

// nextDelimiter finds the end of the chunk that starts at k: the next comma,
// semicolon, colon or dash outside brackets, or hi.
func nextDelimiter(text string, k, hi int) int {
	hi = min(hi, k+200) // a list item is short; do not scan a whole sentence
	depth := 0
	for i := k; i < hi; {
		r, n := utf8.DecodeRuneInString(text[i:hi])
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case ',', ';', ':', '—', '，', '；':
			if depth == 0 {
				return i
			}
		}
		i += n
	}
	return hi
}

// hasWords reports whether s holds at least n words, reading no further
// than it must (clause splitting asks this at every comma).
func hasWords(s string, n int) bool {
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			if n--; n == 0 {
				return true
			}
		}
		in = w
	}
	return false
}
