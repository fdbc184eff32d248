package align

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Salience: how much a change matters to a reader of the statement.
//
// A change is substantive when it touches what a statement commits to: a
// number, amount, percentage or date; a negation; a modal or commitment
// word ("will" → "may", "committed" → "intends"); a proper name; or when
// it drops or adds content words outright, with no words in their place
// (an item struck from a list, a clause left out). It is cosmetic when
// only punctuation, case or spacing differ, and minor when other words
// change (rewording, function words, a phrase moved within the clause).
// The classifier is lexical and English-centred: it reads the words of the
// diff, not their meaning, so it errs towards calling a change substantive.

// Class says how much a change matters.
type Class string

// Classes, from least to most salient. Same pairs have no class ("").
const (
	Cosmetic    Class = "cosmetic"    // punctuation, case or spacing only
	Minor       Class = "minor"       // other wording
	Substantive Class = "substantive" // numbers, dates, negation, modality, names, content dropped or added
)

func (c Class) rank() int {
	switch c {
	case Cosmetic:
		return 1
	case Minor:
		return 2
	case Substantive:
		return 3
	}
	return 0
}

// plain classes, without reading the whole pair, a changed pair whose every
// run of changes replaces plain words by plain words: lower-case words that
// are no number, unit, month, weekday, negation, modal word or name
// connector, with no currency or percent sign among them. Such a pair can
// only be minor or cosmetic, for the reasons the full reading would give
// (TestPlainAgrees and FuzzClassifyOps check that it does), and it is most
// of the pairs of a long revision. ok is false when the pair is not plain.
func (s *salience) plain(diff []Op) (Class, []string, bool) {
	var minor, cosmetic []string
	for i := 0; i < len(diff); {
		if diff[i].Op == "=" {
			i++
			continue
		}
		j := i
		for j < len(diff) && diff[j].Op != "=" {
			j++
		}
		if j-i != 2 || diff[i].Op == diff[i+1].Op || !isChangeOp(diff[i].Op) || !isChangeOp(diff[i+1].Op) {
			return "", nil, false // not one deletion and one insertion
		}
		del, ins := diff[i].Text, diff[i+1].Text
		if diff[i].Op == "+" {
			del, ins = ins, del
		}
		var ka, kb string
		var ok bool
		var aText, bText string
		if aText, ka, ok = s.plainSide(del); !ok {
			return "", nil, false
		}
		if bText, kb, ok = s.plainSide(ins); !ok {
			return "", nil, false
		}
		switch {
		case ka == kb:
			cosmetic = appendNew(cosmetic, "spacing: "+change(aText, bText))
		case strings.EqualFold(ka, kb):
			cosmetic = appendNew(cosmetic, "case: "+change(aText, bText))
		case sameSkeleton(ka, kb):
			cosmetic = appendNew(cosmetic, "punctuation: "+change(aText, bText))
		default:
			minor = appendNew(minor, "wording: "+change(aText, bText))
		}
		i = j
	}
	switch {
	case len(minor) > 0:
		return Minor, minor, true
	case len(cosmetic) > 0:
		return Cosmetic, cosmetic, true
	}
	return "", nil, false
}

func isChangeOp(op string) bool { return op == "-" || op == "+" }

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// plainSide reads one side of a run of changes for plain: its words joined
// as the full reading joins them, their keys run together, and whether it
// is plain (at least one word, every word plain).
func (s *salience) plainSide(text string) (joined, keys string, ok bool) {
	s.dtoks, s.norms = displayTokens(s.dtoks[:0], s.norms[:0], text, normalizeToken)
	var jb, kb strings.Builder
	words := 0
	for n, t := range s.dtoks {
		tok := text[t.start:t.end]
		key := t.key(text, s.norms)
		if t.word {
			low := lower(key)
			if low != key || hasDigit(tok) || !plainWord(low) || !caseless(key) {
				return "", "", false
			}
			words++
		} else {
			r, size := utf8.DecodeRuneInString(tok)
			if size == len(tok) && (isCurrency(r) || r == '%' || r == '‰' || r == ',' || r == '-' || r == '–' || r == '/' || r == '&' || r == '.') {
				return "", "", false
			}
		}
		if n > 0 && t.ws < t.start {
			jb.WriteByte(' ')
		}
		jb.WriteString(tok)
		kb.WriteString(key)
	}
	return jb.String(), kb.String(), words > 0
}

// caseless reports a word with no upper- or title-case letter, as the full
// reading sees case: some capitals ("ϔ") have no lower case to map to.
func caseless(w string) bool {
	for _, r := range w {
		if r >= utf8.RuneSelf && (unicode.IsUpper(r) || unicode.IsTitle(r)) {
			return false
		}
	}
	return true
}

// plainWord reports a lower-case word that none of the markers reads.
func plainWord(low string) bool {
	if lexicon[low] != 0 {
		return false // a number, unit, month, weekday, name connector, negation or modal word
	}
	return low != "cannot" && !strings.HasSuffix(low, "n't") && !strings.HasSuffix(low, "'ll") && !strings.HasPrefix(low, "non-")
}

// contextWords is how many unchanged words on each side of a change are
// read: enough for a number with its unit, a name, a sentence start, but
// not the whole of a long unchanged stretch (see window).
const contextWords = 4

// window shortens the "=" ops of a diff to the contextWords words next to a
// change on either side, cutting at spaces. Where a stretch is cut, a " | "
// stands in for it: a mark that ends no sentence and joins no name or
// number, so nothing is read across the cut. Classifying a long clause with
// one word changed then costs the change's neighbourhood, not the clause.
func window(diff []Op, n int) []Op {
	var out []Op
	for i, op := range diff {
		if op.Op != "=" {
			if out != nil {
				out = append(out, op)
			}
			continue
		}
		before, after := i > 0, i < len(diff)-1 // a change before it, after it
		head, tail := -1, -1                    // byte offsets of the cuts
		if before {
			head = nthSpace(op.Text, n, false)
		}
		if after {
			tail = nthSpace(op.Text, n, true)
		}
		var text string
		switch {
		case before && after && head >= 0 && tail >= 0 && tail > head+16:
			text = op.Text[:head] + " | " + op.Text[tail:]
		case before && !after && head >= 0:
			text = op.Text[:head] + " |"
		case !before && after && tail >= 0:
			text = "| " + op.Text[tail:]
		default:
			if out != nil {
				out = append(out, op)
			}
			continue
		}
		if out == nil {
			out = append(make([]Op, 0, len(diff)), diff[:i]...)
		}
		out = append(out, Op{Op: "=", Text: text})
	}
	if out == nil {
		return diff
	}
	return out
}

// capsInSentence reports whether the word low is written capitalized
// inside a sentence somewhere in the pair: in the tokens read, or in the
// text the window cut away (looked at only when asked, which is rare).
func (s *salience) capsInSentence(low string) bool {
	if v, ok := s.caps[low]; ok {
		return v
	}
	found := false
	for _, op := range s.full {
		if op.Op == "=" && strings.Contains(strings.ToLower(op.Text), low) {
			m := map[string]bool{}
			midSentenceCaps(op.Text, m)
			if m[low] {
				found = true
				break
			}
		}
	}
	s.caps[low] = found
	return found
}

// midSentenceCaps adds to caps, lower-cased, the capitalized words of text
// that do not start a sentence: a light reading of what load does for the
// tokens it keeps, for the text window cut away.
func midSentenceCaps(text string, caps map[string]bool) {
	start := true // at a sentence start
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			switch r {
			case '.', '!', '?', ':':
				start = true
			case ' ', '\t', '\n', '\r', '"', '\'', '(', ')', '\u201C', '\u201D', '\u2018', '\u2019':
			default:
				if !unicode.IsSpace(r) {
					start = false
				}
			}
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			c, m := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) {
				break
			}
			j += m
		}
		if !start && (unicode.IsUpper(r) || unicode.IsTitle(r)) {
			caps[lower(text[i:j])] = true
		}
		start = false
		i = j
	}
}

// nthSpace returns the offset of the n-th run of spaces of s, counted from
// the start, or from the end when fromEnd is set (then the offset just past
// the run); -1 when s has fewer runs.
func nthSpace(s string, n int, fromEnd bool) int {
	runs := 0
	if !fromEnd {
		for i := 1; i < len(s); i++ {
			if s[i] == ' ' && s[i-1] != ' ' && i < len(s)-1 {
				if runs++; runs == n {
					return i
				}
			}
		}
		return -1
	}
	for i := len(s) - 2; i >= 0; i-- {
		if s[i] == ' ' && s[i+1] != ' ' && i > 0 {
			if runs++; runs == n {
				return i + 1
			}
		}
	}
	return -1
}

// maxReasonText caps the quoted text in a reason, in runes.
const maxReasonText = 80

// Classify returns the class of a pair and the reasons for it: one
// human-readable line per finding at the pair's class ("number: 25% →
// 18%", "modal: committed → intends", "dropped: agricultural").
//
// For a changed pair it reads diff, whose "-" and "+" ops hold each side's
// changed words; textA and textB are not needed. An only-a pair is read
// as the removal of textA, an only-b pair as the addition of textB. A same
// pair, or an unknown kind, has no class and no reasons. Classify never
// panics, whatever the input; a changed or one-sided pair always gets a
// class and at least one reason.
func Classify(kind Kind, diff []Op, textA, textB string) (Class, []string) {
	return new(salience).classify(kind, diff, textA, textB)
}

// classify is Classify reusing s's buffers: one salience per worker saves
// most of the allocation on a long document.
func (s *salience) classify(kind Kind, diff []Op, textA, textB string) (Class, []string) {
	if kind == Changed {
		if c, reasons, ok := s.plain(diff); ok {
			return c, reasons
		}
	}
	return s.read(kind, diff, textA, textB)
}

// read is the full reading of a pair, for classify.
func (s *salience) read(kind Kind, diff []Op, textA, textB string) (Class, []string) {
	whole := false
	full := diff
	switch kind {
	case Changed:
		diff = window(diff, contextWords)
	case OnlyA:
		diff, whole = []Op{{Op: "-", Text: textA}}, true
	case OnlyB:
		diff, whole = []Op{{Op: "+", Text: textB}}, true
	default:
		return "", nil
	}
	var cut []Op // the text the window left out, for what it says of names
	if kind == Changed && len(diff) > 0 && len(full) > 0 && &diff[0] != &full[0] {
		cut = full
	}
	s.load(diff, cut)
	found := s.found[:0]
	fallback := s.fallback[:0] // how each hunk reads as a mere rewording
	for h := 0; h < s.hunks; h++ {
		f, minor := s.hunk(h, whole)
		found = append(found, f...)
		fallback = append(fallback, minor)
	}
	s.fallback = fallback
	found = cancelMoves(found)
	defer func() { s.found = found[:0] }()
	// A hunk whose substantive findings all cancelled out is a rewording.
	s.has = resetBools(s.has, s.hunks)
	has := s.has
	for _, f := range found {
		has[f.hunk] = true
	}
	for h, minor := range fallback {
		if !has[h] && minor != "" {
			found = append(found, finding{class: Minor, hunk: h, text: minor})
		}
	}
	if len(found) == 0 {
		// Ops equal throughout: the sides differ only in spacing between
		// tokens ("a ," against "a,").
		return Cosmetic, []string{"spacing"}
	}
	slices.SortStableFunc(found, func(x, y finding) int { return x.hunk - y.hunk })
	best := Class("")
	for _, f := range found {
		if f.class.rank() > best.rank() {
			best = f.class
		}
	}
	var reasons []string
	for _, f := range found {
		if f.class != best {
			continue
		}
		for _, r := range f.reasons() {
			if !slices.Contains(reasons, r) {
				reasons = append(reasons, r)
			}
		}
	}
	return best, reasons
}

// finding is one reason for a class. It stays structured until the whole
// pair has been read, so that words moved from one place in the clause to
// another cancel out (cancelMoves) rather than count as dropped and added.
type finding struct {
	class Class
	hunk  int    // the run of changes it comes from
	cat   string // "number" (numbers and dates), "name", "negation", "modal", "content"; "" for a reason in text
	text  string // the reason, for cat ""; the changed text, for "content"

	drop, add []item   // number, name, negation, modal: on A's side only, on B's side only
	words     []string // content: the content words, lower-cased
	added     bool     // content: added rather than dropped
	moved     bool     // content: the words are found again elsewhere in the pair
}

// item is a number, date, name, negation or modal word of a finding.
type item struct{ key, text, kind string }

// reasons formats a finding: "number: 25% → 18%", "dropped: agricultural".
func (f finding) reasons() []string {
	switch f.cat {
	case "":
		return []string{f.text}
	case "content":
		switch {
		case f.moved:
			return []string{"moved: " + quote(trimPunct(f.text))}
		case f.added:
			return []string{"added: " + quote(trimPunct(f.text))}
		}
		return []string{"dropped: " + quote(trimPunct(f.text))}
	}
	texts := func(is []item) string {
		var ts []string
		for _, it := range is {
			ts = append(ts, it.text)
		}
		return strings.Join(ts, ", ")
	}
	if f.cat != "number" {
		return []string{f.cat + ": " + change(texts(f.drop), texts(f.add))}
	}
	if len(f.drop) > 0 && len(f.add) > 0 {
		// "in April 2025 and October 2022" → "since 2023": one change.
		label := "number"
		for _, it := range append(slices.Clone(f.drop), f.add...) {
			if it.kind == "date" {
				label = "date"
			}
		}
		return []string{label + ": " + change(texts(f.drop), texts(f.add))}
	}
	// Dropped or added only: numbers and dates apart.
	var out []string
	for _, kind := range []string{"number", "date"} {
		var a, b []item
		for _, it := range f.drop {
			if it.kind == kind {
				a = append(a, it)
			}
		}
		for _, it := range f.add {
			if it.kind == kind {
				b = append(b, it)
			}
		}
		if len(a)+len(b) > 0 {
			out = append(out, kind+": "+change(texts(a), texts(b)))
		}
	}
	return out
}

// cancelMoves drops the numbers, names, negations and modals that one
// change removes and another change of the same pair puts back (a phrase
// moved within the clause), and marks content that moved so, as minor.
// Only one-sided findings cancel: two replacements that swap values
// ("5 for 10" → "10 for 5") change the meaning and stay.
func cancelMoves(found []finding) []finding {
	for i := range found {
		fi := &found[i]
		if fi.cat == "" || fi.cat == "content" || len(fi.add) > 0 {
			continue
		}
		for j := range found {
			fj := &found[j]
			if fj.cat != fi.cat || len(fj.drop) > 0 || fj.hunk == fi.hunk {
				continue
			}
			for a := 0; a < len(fi.drop); a++ {
				for b := range fj.add {
					if fi.drop[a].key == fj.add[b].key {
						fi.drop = slices.Delete(fi.drop, a, a+1)
						fj.add = slices.Delete(fj.add, b, b+1)
						a--
						break
					}
				}
			}
		}
	}
	// Content moved: every content word of a dropped run is added
	// elsewhere in the pair, or the other way round.
	for i := range found {
		f := &found[i]
		if f.cat != "content" {
			continue
		}
		other := map[string]int{}
		for _, g := range found {
			if g.cat == "content" && g.added != f.added && g.hunk != f.hunk {
				for _, w := range g.words {
					other[w]++
				}
			}
		}
		moved := len(f.words) > 0
		for _, w := range f.words {
			if other[w] == 0 {
				moved = false
				break
			}
			other[w]--
		}
		if moved {
			f.moved, f.class = true, Minor
		}
	}
	out := found[:0]
	for _, f := range found {
		if f.cat == "" || f.cat == "content" || len(f.drop)+len(f.add) > 0 {
			out = append(out, f)
		}
	}
	return out
}

// stok is one token of a diff, placed on the sides it belongs to.
type stok struct {
	text     string // as written
	key      string // normalized: quotes, dashes, NFC (fetch.Normalize)
	low      string // key lower-cased
	word     bool   // a word, not a punctuation mark
	op       byte   // '=', '-' or '+'
	hunk     int    // for '-' and '+': which run of changes; -1 for '='
	spA, spB bool   // whitespace before it on side A, on side B

	// Read once per token (load), asked many times.
	digit, caps, numWord, unit bool
	lex                        lexFlags // what the word lists say of the word (words only)
	fn                         int8     // function word: 0 not asked yet (see isFn), 1 no, 2 yes
}

// salience holds a diff as tokens, with each side's reading of them.
type salience struct {
	dtoks   []dtoken        // scratch for tokenizing
	norms   []string        // ... and their normalized forms
	fnCache map[string]bool // isFunctionWord, by lower-cased word: kept from pair to pair
	full    []Op            // the diff before window cut it, or nil
	toks    []stok
	hunks   int
	inHunk  [][]int         // token indexes of each hunk
	side    [2][]int        // token indexes of side A (0) and B (1), in order
	init    [2][]bool       // words that start a sentence, per side (by token index)
	names   [2][]bool       // tokens that are part of a proper name, per side
	caps    map[string]bool // words written capitalized inside a sentence, either side
	runs    [2][]run        // number and name runs, per side
	byTok   [2][][]int      // token index → runs holding it, per side
	byHunk  [2][][]int      // hunk → runs holding one of its tokens, per side
	months  [2][]bool       // tokens read as months or weekdays, per side

	found    []finding // read's scratch
	fallback []string
	has      []bool
}

// run is a number or name expression: consecutive tokens of one side.
type run struct {
	kind string // "number", "date" or "name"
	toks []int  // token indexes (a slice of side: valid for the pair being read)
	dot  bool   // a name that ends in an initialism's full stop ("U.S.")
	key  string // what is compared (see describe)
	text string // as shown in a reason (see describe)
}

// load reads diff into s, reusing its buffers. full, if not nil, is the
// diff before window cut it.
func (s *salience) load(diff, full []Op) {
	if s.caps == nil {
		s.caps = map[string]bool{}
		s.fnCache = map[string]bool{}
	}
	clear(s.caps)
	s.side[0], s.side[1] = s.side[0][:0], s.side[1][:0]
	for k := range s.runs {
		s.runs[k] = s.runs[k][:0]
	}
	hunk := -1
	prevEq := true
	pend := [2]bool{true, true} // a side's text so far ends in whitespace (or is empty)
	buf := s.dtoks[:0]
	s.toks = s.toks[:0]
	for _, op := range diff {
		var c byte
		switch op.Op {
		case "=":
			c = '='
		case "-":
			c = '-'
		case "+":
			c = '+'
		default:
			continue
		}
		if c != '=' && prevEq {
			hunk++
		}
		prevEq = c == '='
		h := -1
		if c != '=' {
			h = hunk
		}
		buf, s.norms = displayTokens(buf[:0], s.norms[:0], op.Text, normalizeToken)
		onA, onB := c != '+', c != '-'
		for _, t := range buf {
			ws := t.start > t.ws
			key := t.key(op.Text, s.norms)
			tok := stok{text: op.Text[t.start:t.end], key: key, low: lower(key), word: t.word, op: c, hunk: h}
			tok.digit = hasDigit(tok.text)
			tok.caps = isCapitalized(tok.text)
			if tok.word {
				tok.lex = lexicon[tok.low]
				tok.numWord = tok.lex&lexNumber != 0
				tok.unit = tok.lex&lexUnit != 0
			} else {
				r, n := utf8.DecodeRuneInString(tok.text)
				tok.unit = n == len(tok.text) && (isCurrency(r) || r == '%' || r == '‰')
			}
			if onA {
				tok.spA = ws || pend[0]
				pend[0] = false
			}
			if onB {
				tok.spB = ws || pend[1]
				pend[1] = false
			}
			s.toks = append(s.toks, tok)
		}
		if endsWithSpace(op.Text) || (len(buf) == 0 && op.Text != "") {
			if onA {
				pend[0] = true
			}
			if onB {
				pend[1] = true
			}
		}
	}
	s.dtoks = buf
	s.hunks = hunk + 1
	s.inHunk = s.inHunk[:0]
	for h := 0; h < s.hunks; h++ {
		if h < cap(s.inHunk) {
			s.inHunk = s.inHunk[:h+1]
			s.inHunk[h] = s.inHunk[h][:0]
		} else {
			s.inHunk = append(s.inHunk, nil)
		}
	}
	for i := range s.toks {
		t := &s.toks[i]
		if t.hunk >= 0 {
			s.inHunk[t.hunk] = append(s.inHunk[t.hunk], i)
		}
		if t.op != '+' {
			s.side[0] = append(s.side[0], i)
		}
		if t.op != '-' {
			s.side[1] = append(s.side[1], i)
		}
	}
	for k := 0; k < 2; k++ {
		s.init[k] = s.sentenceStarts(k)
		s.months[k] = s.dateWords(k)
	}
	for k := 0; k < 2; k++ {
		for _, i := range s.side[k] {
			if t := &s.toks[i]; t.word && !s.init[k][i] && t.caps {
				s.caps[t.low] = true
			}
		}
	}
	s.full = full
	for k := 0; k < 2; k++ {
		s.names[k] = s.nameWords(k)
	}
	s.namesAcross()
	for k := 0; k < 2; k++ {
		s.byTok[k] = resetLists(s.byTok[k], len(s.toks))
		s.runs[k] = s.nameRuns(k, s.numberRuns(k, s.runs[k][:0]))
		s.byHunk[k] = resetLists(s.byHunk[k], s.hunks)
		for r, rn := range s.runs[k] {
			for _, i := range rn.toks {
				s.byTok[k][i] = append(s.byTok[k][i], r)
				if h := s.toks[i].hunk; h >= 0 {
					if hs := s.byHunk[k][h]; len(hs) == 0 || hs[len(hs)-1] != r {
						s.byHunk[k][h] = append(hs, r)
					}
				}
			}
		}
	}
}

// resetLists returns lists of n empty lists, reusing buf's.
func resetLists(buf [][]int, n int) [][]int {
	if cap(buf) < n {
		buf = append(buf[:cap(buf)], make([][]int, n-cap(buf))...)
	}
	buf = buf[:n]
	for i := range buf {
		buf[i] = buf[i][:0]
	}
	return buf
}

// resetBools returns n false values, reusing buf.
func resetBools(buf []bool, n int) []bool {
	if cap(buf) < n {
		return make([]bool, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// lower is strings.ToLower without the allocation for text already in
// lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r != utf8.RuneError && unicode.IsSpace(r)
}

// hunk classes one run of changes, h. whole says the run is a whole clause
// only one side has. It returns its findings, and how it reads as a mere
// rewording, for when its substantive findings cancel out ("" for a
// cosmetic hunk).
func (s *salience) hunk(h int, whole bool) ([]finding, string) {
	var del, ins []int
	for _, i := range s.inHunk[h] {
		if s.toks[i].op == '-' {
			del = append(del, i)
		} else {
			ins = append(ins, i)
		}
	}
	if len(del)+len(ins) == 0 {
		return nil, ""
	}
	aText, bText := s.join(del, 0), s.join(ins, 1)

	// Cosmetic: the same characters but for spacing, case or punctuation.
	if kind := s.cosmetic(del, ins); kind != "" {
		return []finding{{class: Cosmetic, hunk: h, text: kind + ": " + change(aText, bText)}}, ""
	}
	var out []finding
	add := func(cat string, drop, add []item) {
		if len(drop)+len(add) > 0 {
			out = append(out, finding{class: Substantive, hunk: h, cat: cat, drop: drop, add: add})
		}
	}
	for _, cat := range []string{"number", "name"} {
		a, b := s.runChanges(h, cat)
		add(cat, a, b)
	}
	for _, l := range []struct {
		cat string
		f   func(int, string) []string
	}{{"negation", s.negationLemmaAt}, {"modal", s.modalLemmaAt}} {
		a, b := multisetDiff(s.lemmas(del, l.f), s.lemmas(ins, l.f), func(x item) string { return x.key })
		add(l.cat, a, b)
	}
	contentA, contentB := s.content(del), s.content(ins)
	switch {
	case whole && len(del) > 0 && contentA:
		out = append([]finding{{class: Substantive, hunk: h, text: "dropped clause"}}, out...)
	case whole && len(ins) > 0 && contentB:
		out = append([]finding{{class: Substantive, hunk: h, text: "added clause"}}, out...)
	case contentA && !s.hasWords(ins):
		// Words struck out with nothing in their place: the clause now
		// says less ("fruit, [-certain pulses,-] soybean oil"). A word
		// replaced by another is a rewording, unless a marker above fired.
		out = append(out, finding{class: Substantive, hunk: h, cat: "content", text: aText, words: s.contentWords(del)})
	case contentB && !s.hasWords(del):
		out = append(out, finding{class: Substantive, hunk: h, cat: "content", text: bText, words: s.contentWords(ins), added: true})
	}
	if len(out) == 0 && !s.hasWords(del) && !s.hasWords(ins) {
		// Only punctuation, and different punctuation: "," → ";".
		return []finding{{class: Cosmetic, hunk: h, text: "punctuation: " + change(aText, bText)}}, ""
	}
	return out, "wording: " + change(aText, bText)
}

// change describes a → b, or a one-sided change.
func change(a, b string) string {
	switch {
	case a == "":
		return "added " + quote(b)
	case b == "":
		return "dropped " + quote(a)
	}
	return quote(a) + " → " + quote(b)
}

// quote shortens s for a reason; reasons show text bare, so that they read
// like the diff ("modal: committed → intends").
func quote(s string) string {
	if utf8.RuneCountInString(s) <= maxReasonText {
		return s
	}
	n := 0
	for i := range s {
		if n == maxReasonText-1 {
			return strings.TrimRight(s[:i], " ") + "…"
		}
		n++
	}
	return s
}

func trimPunct(s string) string {
	t := strings.TrimFunc(s, func(r rune) bool { return !isWordRune(r) && r != '$' && r != '%' })
	if t == "" {
		return s
	}
	return t
}

// join writes tokens as side k reads them: with a space where it had
// whitespace, none elsewhere.
func (s *salience) join(ids []int, k int) string {
	if len(ids) == 1 {
		return s.toks[ids[0]].text
	}
	var b strings.Builder
	size := 0
	for _, i := range ids {
		size += len(s.toks[i].text) + 1
	}
	b.Grow(size)
	for n, i := range ids {
		t := &s.toks[i]
		sp := t.spA
		if k == 1 {
			sp = t.spB
		}
		if n > 0 && sp {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// cosmetic names the cosmetic difference between the two sides of a hunk
// ("spacing", "case" or "punctuation"), or returns "" when the difference
// is more than cosmetic.
func (s *salience) cosmetic(del, ins []int) string {
	cat := func(ids []int) string {
		if len(ids) == 1 {
			return s.toks[ids[0]].key
		}
		var b strings.Builder
		size := 0
		for _, i := range ids {
			size += len(s.toks[i].key)
		}
		b.Grow(size)
		for _, i := range ids {
			b.WriteString(s.toks[i].key)
		}
		return b.String()
	}
	ea, eb := cat(del), cat(ins)
	switch {
	case ea == eb:
		return "spacing"
	case strings.EqualFold(ea, eb):
		return "case"
	}
	if sameSkeleton(ea, eb) {
		return "punctuation"
	}
	return ""
}

// sameSkeleton reports whether a and b have the same, non-empty skeleton,
// without building either.
func sameSkeleton(a, b string) bool {
	ia, ib := skeletonRunes(a), skeletonRunes(b)
	empty := true
	for {
		ra, oka := ia()
		rb, okb := ib()
		if oka != okb || ra != rb {
			return false
		}
		if !oka {
			return !empty
		}
		empty = false
	}
}

// skeletonRunes iterates over the skeleton of s: what punctuation cannot
// change — letters and digits, lower-cased, currency and percent signs,
// and a decimal point between digits ("2.5" is not "25", "1,000" is
// "1000").
func skeletonRunes(s string) func() (rune, bool) {
	i := 0
	var prev rune
	return func() (rune, bool) {
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			at := i
			i += n
			p := prev
			prev = r
			switch {
			case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
				return r, true
			case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
				return r + 'a' - 'A', true
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
				return unicode.ToLower(r), true
			case isCurrency(r) || r == '%' || r == '‰':
				return r, true
			case r == '.' && unicode.IsDigit(p):
				if next, _ := utf8.DecodeRuneInString(s[at+1:]); unicode.IsDigit(next) {
					return r, true
				}
			}
		}
		return 0, false
	}
}

func isCurrency(r rune) bool {
	if r < utf8.RuneSelf {
		return r == '$'
	}
	return unicode.Is(unicode.Sc, r)
}

func (s *salience) hasWords(ids []int) bool {
	for _, i := range ids {
		if s.toks[i].word {
			return true
		}
	}
	return false
}

// content reports whether ids hold a content word: a word that is not a
// function word.
func (s *salience) content(ids []int) bool {
	for _, i := range ids {
		if s.toks[i].word && !s.isFn(i) {
			return true
		}
	}
	return false
}

// isFn reports whether token i is a function word, working it out (through
// a cache kept from pair to pair) the first time it is asked: most tokens
// never are.
func (s *salience) isFn(i int) bool {
	t := &s.toks[i]
	if t.fn == 0 {
		fn, ok := s.fnCache[t.low]
		if !ok {
			fn = isFunctionWord(t.low)
			s.fnCache[t.low] = fn
		}
		t.fn = 1
		if fn {
			t.fn = 2
		}
	}
	return t.fn == 2
}

// isFunctionWord reports English function words, and stray single Latin
// letters. A CJK character is a word of its own and counts as content:
// the lists here are English.
// contentWords returns the content words of ids, lower-cased.
func (s *salience) contentWords(ids []int) []string {
	var out []string
	for _, i := range ids {
		if t := &s.toks[i]; t.word && !s.isFn(i) {
			out = append(out, t.low)
		}
	}
	return out
}

func isFunctionWord(low string) bool {
	if r, n := utf8.DecodeRuneInString(low); n == len(low) {
		return unicode.Is(unicode.Latin, r)
	}
	return stopwords[string(stem([]byte(low)))]
}

// lemmas returns, for the tokens ids, the lemma f gives each (the key)
// with the word as written, for those f recognizes.
func (s *salience) lemmas(ids []int, f func(i int, low string) []string) []item {
	var out []item
	for _, i := range ids {
		t := &s.toks[i]
		if !t.word {
			continue
		}
		for _, l := range f(i, t.low) {
			out = append(out, item{key: l, text: t.low})
		}
	}
	return out
}

// multisetDiff returns the items of a not matched in b and of b not
// matched in a, keeping their order.
func multisetDiff[T any](a, b []T, key func(T) string) (onlyA, onlyB []T) {
	if len(a) == 0 || len(b) == 0 {
		return a, b
	}
	return unmatched(a, b, key), unmatched(b, a, key)
}

// unmatched returns the items of xs left over when each item of ys takes
// one of xs with its key, in order.
func unmatched[T any](xs, ys []T, key func(T) string) []T {
	var out []T
	if len(ys) <= 8 {
		// The usual case: a few items; match them without a map.
		var used [8]bool
		for _, x := range xs {
			k, found := key(x), false
			for j, y := range ys {
				if !used[j] && key(y) == k {
					used[j], found = true, true
					break
				}
			}
			if !found {
				out = append(out, x)
			}
		}
		return out
	}
	count := make(map[string]int, len(ys))
	for _, y := range ys {
		count[key(y)]++
	}
	for _, x := range xs {
		if k := key(x); count[k] > 0 {
			count[k]--
		} else {
			out = append(out, x)
		}
	}
	return out
}

// runChanges compares the number (kind "number", which covers dates) or
// name runs that hunk h touches on each side, with the runs on the other
// side that share unchanged tokens with them, so that "$[-500-]{+600+}
// billion" reads "number: $500 billion → $600 billion". It returns the
// runs found on one side only.
func (s *salience) runChanges(h int, kind string) (drop, add []item) {
	match := func(r run) bool {
		if kind == "number" {
			return r.kind == "number" || r.kind == "date"
		}
		return r.kind == kind
	}
	any := false
	for k := 0; k < 2 && !any; k++ {
		for _, r := range s.byHunk[k][h] {
			if match(s.runs[k][r]) {
				any = true
				break
			}
		}
	}
	if !any {
		return nil, nil // most hunks: no number or name to follow
	}
	var sel [2]map[int]bool
	for k := 0; k < 2; k++ {
		sel[k] = map[int]bool{}
		for _, r := range s.byHunk[k][h] {
			if match(s.runs[k][r]) {
				sel[k][r] = true
			}
		}
	}
	// Add the runs of the other side that share an unchanged token with a
	// selected run, until no more join.
	for grew := true; grew; {
		grew = false
		for k := 0; k < 2; k++ {
			for r := range sel[k] {
				for _, i := range s.runs[k][r].toks {
					if s.toks[i].op != '=' {
						continue
					}
					for _, o := range s.byTok[1-k][i] {
						if match(s.runs[1-k][o]) && !sel[1-k][o] {
							sel[1-k][o] = true
							grew = true
						}
					}
				}
			}
		}
	}
	var sides [2][]run
	for k := 0; k < 2; k++ {
		rs := make([]int, 0, len(sel[k]))
		for r := range sel[k] {
			rs = append(rs, r)
		}
		slices.Sort(rs)
		for _, r := range rs {
			rn := s.runs[k][r]
			s.describe(&rn, k)
			sides[k] = append(sides[k], rn)
		}
	}
	onlyA, onlyB := multisetDiff(sides[0], sides[1], func(r run) string { return r.key })
	items := func(rs []run) []item {
		var out []item
		for _, r := range rs {
			out = append(out, item{key: r.key, text: r.text, kind: r.kind})
		}
		return out
	}
	return items(onlyA), items(onlyB)
}

// sentenceStarts marks the words of side k that begin a sentence: the first
// word, and the first word after . ! ? or : (but not after an abbreviation
// such as "U.S." or an initial).
func (s *salience) sentenceStarts(k int) []bool {
	out := resetBools(s.init[k], len(s.toks))
	start := true
	prevWord := ""
	for _, i := range s.side[k] {
		t := &s.toks[i]
		if t.word {
			if start {
				out[i] = true
			}
			start = false
			prevWord = t.text
			continue
		}
		switch t.text {
		case ".":
			if !isAbbreviation(prevWord) {
				start = true
			}
		case "!", "?", ":", "…", "•", "·", "。", "！", "？":
			start = true
		case "\"", "'", "“", "‘", "«", "(", "[", "-", "–", "—", "*":
			// Openers and bullets leave a sentence start pending.
		default:
			start = false
		}
		prevWord = ""
	}
	return out
}

// isAbbreviation reports words whose following full stop does not end a
// sentence: initials (J.), dotted initialisms (U.S.) and titles (Mr.).
func isAbbreviation(w string) bool {
	if w == "" {
		return false
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return true
	}
	if strings.Contains(w, ".") {
		return true
	}
	return titles[strings.ToLower(w)]
}

var titles = wordSet("mr mrs ms dr prof gen sen rep gov lt col maj capt sgt adm rev hon st jr sr no vs amb")

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

func isCapitalized(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}

func hasDigit(s string) bool {
	for _, r := range s {
		if unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

var (
	monthNames = wordSet("january february march april may june july august september october november december " +
		"jan feb mar apr jun jul aug sep sept oct nov dec")
	weekdayNames = wordSet("monday tuesday wednesday thursday friday saturday sunday")
	numberWords  = wordSet("zero one two three four five six seven eight nine ten eleven twelve thirteen " +
		"fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy " +
		"eighty ninety hundred hundreds thousand thousands million millions billion billions trillion " +
		"trillions dozen dozens half quarter twice double triple")
	unitWords = wordSet("percent percentage dollars euros pounds yen yuan rupees")
)

// dateWords marks month and weekday names on side k. "May" and "March"
// are months only next to a number, and any month must be capitalized.
func (s *salience) dateWords(k int) []bool {
	out := resetBools(s.months[k], len(s.toks))
	ids := s.side[k]
	for n, i := range ids {
		t := &s.toks[i]
		if !t.word || !t.caps {
			continue
		}
		if t.lex&lexWeekday != 0 {
			out[i] = true
			continue
		}
		if t.lex&lexMonth == 0 {
			continue
		}
		if t.low == "may" || t.low == "march" {
			near := n > 0 && s.toks[ids[n-1]].digit || n+1 < len(ids) && s.toks[ids[n+1]].digit
			if !near {
				continue
			}
		}
		out[i] = true
	}
	return out
}

func (s *salience) isNumberWord(k, i int) bool {
	t := &s.toks[i]
	return t.word && (t.digit || t.numWord || s.months[k][i])
}

func (s *salience) isUnit(i int) bool { return s.toks[i].unit }

// numberRuns finds the numbers, amounts, percentages and dates of side k:
// runs of number words ("1.4", "twelve", "million", "April") and units
// ("$", "%", "percent"), with a comma, dash or slash between two number
// words ("April 2, 2025"), appended to out.
func (s *salience) numberRuns(k int, out []run) []run {
	ids := s.side[k]
	for n := 0; n < len(ids); {
		if !s.isNumberWord(k, ids[n]) && !(s.isUnit(ids[n]) && n+1 < len(ids) && s.isNumberWord(k, ids[n+1])) {
			n++
			continue
		}
		start := n
		for n < len(ids) {
			i := ids[n]
			if s.isNumberWord(k, i) || s.isUnit(i) {
				n++
				continue
			}
			t := &s.toks[i]
			if (t.text == "," || t.text == "-" || t.text == "–" || t.text == "/") && n+1 < len(ids) && s.isNumberWord(k, ids[n+1]) {
				n++
				continue
			}
			break
		}
		toks := ids[start:n]
		has := false
		date := false
		for _, i := range toks {
			if s.isNumberWord(k, i) {
				has = true
			}
			if s.months[k][i] {
				date = true
			}
		}
		if !has {
			continue
		}
		kind := "number"
		if date {
			kind = "date"
		}
		out = append(out, run{kind: kind, toks: toks})
	}
	return out
}

// describe sets r's key and text, which runChanges compares and reports:
// worked out only for the runs a change touches.
func (s *salience) describe(r *run, k int) {
	var key strings.Builder
	for _, i := range r.toks {
		t := &s.toks[i]
		switch {
		case r.kind == "name":
			if !t.word {
				continue
			}
			key.WriteString(t.low)
		case t.low == "percent":
			key.WriteString("%")
		case t.text == ",":
		case hasDigit(t.low):
			key.WriteString(strings.ReplaceAll(t.low, ",", ""))
		default:
			key.WriteString(t.low)
		}
		key.WriteByte(' ')
	}
	r.key, r.text = key.String(), s.join(r.toks, k)
	if r.dot {
		r.text += "."
	}
}

// nameWords marks the words of side k that look like parts of proper
// names: words with two or more capitals ("ICT", "U.S", "DDGs"), and
// capitalized words inside a sentence. A capitalized word that starts a
// sentence is a name only when it is not a function word and it is written
// capitalized inside a sentence somewhere in the pair, or the next word is
// a name too ("President Biden"). Numbers, months and the pronoun "I" are
// not names.
func (s *salience) nameWords(k int) []bool {
	out := resetBools(s.names[k], len(s.toks))
	ids := s.side[k]
	for n, i := range ids {
		if !s.nameCandidate(k, i) {
			continue
		}
		t := &s.toks[i]
		switch {
		case upperCount(t.text) >= 2:
			out[i] = true
		case s.isFn(i):
			// "The", "In": capitalized after an abbreviation that ended
			// a sentence, or in a headline.
		case !s.init[k][i]:
			out[i] = true
		case s.capsInSentence(t.low):
			out[i] = true
		case n+1 < len(ids) && s.nameCandidate(k, ids[n+1]) && !s.isFn(ids[n+1]):
			out[i] = true
		}
	}
	return out
}

// nameCandidate reports a capitalized word that could be part of a name.
func (s *salience) nameCandidate(k, i int) bool {
	t := &s.toks[i]
	return t.word && t.caps && !t.digit && !s.months[k][i] && t.text != "I"
}

// namesAcross marks, in a hunk that replaces a name on one side, the
// capitalized words that start a sentence on the other side as names:
// "[-Canada-]{+Mexico+} will act" replaces a name with a name.
func (s *salience) namesAcross() {
	for _, ids := range s.inHunk {
		var has [2]bool
		for _, i := range ids {
			if k := sideOf(s.toks[i].op); s.names[k][i] {
				has[k] = true
			}
		}
		for _, i := range ids {
			k := sideOf(s.toks[i].op)
			if has[1-k] && !s.names[k][i] && s.nameCandidate(k, i) && !s.isFn(i) {
				s.names[k][i] = true
			}
		}
	}
}

// sideOf returns the side of a changed token: 0 for A ('-'), 1 for B.
func sideOf(op byte) int {
	if op == '-' {
		return 0
	}
	return 1
}

// nameConnectors join the words of one name: "Terms of Reference",
// "Department of the Treasury", "Al Rabban".
var nameConnectors = wordSet("of the for de du da del della van von der den al el bin ibn la le y &")

// nameRuns groups the name words of side k into names, joined by
// connectors and the full stops of initials ("Donald J. Trump"), appended to out.
func (s *salience) nameRuns(k int, out []run) []run {
	ids := s.side[k]
	for n := 0; n < len(ids); {
		if !s.names[k][ids[n]] {
			n++
			continue
		}
		start, end := n, n+1
		for m := n + 1; m < len(ids); m++ {
			i := ids[m]
			t := &s.toks[i]
			if s.names[k][i] {
				end = m + 1
				continue
			}
			if (t.word && t.lex&lexConnector != 0 && !t.caps) || t.text == "&" {
				continue
			}
			if t.text == "." && isAbbreviation(s.toks[ids[m-1]].text) && s.names[k][ids[m-1]] {
				continue
			}
			break
		}
		// The full stop of a trailing initialism belongs to the name: "U.S.".
		dot := end < len(ids) && s.toks[ids[end]].text == "." && strings.Contains(s.toks[ids[end-1]].text, ".")
		out = append(out, run{kind: "name", toks: ids[start:end], dot: dot})
		n = end
	}
	return out
}

// negationLemma recognizes negations: not, no, never, neither, nor,
// none, nothing, nobody, nowhere, without, cannot, -n't and non-.
func (s *salience) negationLemmaAt(i int, low string) []string {
	switch {
	case s.toks[i].lex&lexNegation != 0:
		return []string{low}
	case low == "cannot":
		return []string{"not"}
	case strings.HasSuffix(low, "n't"):
		return []string{"not"}
	case strings.HasPrefix(low, "non-"):
		return []string{"non-"}
	}
	return nil
}

var negations = wordSet("not no never neither nor none nothing nobody nowhere without")

// modalLemmaAt recognizes modal verbs and words of commitment, intention
// and likelihood, and returns their lemma: "committed" and "commits" are
// both "commit", so a change of tense alone is not a change of modality.
// "May" is a month, not a modal, next to a number ("May 14").
func (s *salience) modalLemmaAt(i int, low string) []string {
	if s.months[0][i] || s.months[1][i] {
		return nil
	}
	if s.toks[i].lex&lexModal != 0 {
		return []string{modals[low]}
	}
	switch {
	case low == "cannot":
		return []string{"can"}
	case strings.HasSuffix(low, "'ll"):
		return []string{"will"}
	case strings.HasSuffix(low, "n't"):
		if l, ok := modals[strings.TrimSuffix(low, "n't")]; ok {
			return []string{l}
		}
		switch low {
		case "won't":
			return []string{"will"}
		case "can't":
			return []string{"can"}
		case "shan't":
			return []string{"shall"}
		}
	}
	return nil
}

var modals = func() map[string]string {
	m := map[string]string{}
	for _, family := range []string{
		"will", "would", "shall", "should", "may", "might", "must", "can", "could", "ought",
		"commit commits committed committing commitment commitments",
		"intend intends intended intending intention intentions",
		"plan plans planned planning",
		"expect expects expected expecting expectation expectations",
		"aim aims aimed aiming",
		"seek seeks sought seeking",
		"hope hopes hoped hoping",
		"pledge pledges pledged pledging",
		"promise promises promised",
		"vow vows vowed",
		"propose proposes proposed proposing",
		"consider considers considered considering",
		"require requires required requiring requirement requirements",
		"oblige obliged obligated obligation obligations",
		"want wants wanted",
		"likely unlikely",
		"possibly possible",
		"probably probable",
		"perhaps",
	} {
		ws := strings.Fields(family)
		for _, w := range ws {
			m[w] = ws[0]
		}
	}
	return m
}()

// lexFlags says which word lists hold a lower-cased word.
type lexFlags uint8

const (
	lexNumber lexFlags = 1 << iota
	lexUnit
	lexMonth
	lexWeekday
	lexConnector
	lexNegation
	lexModal
)

// lexicon holds every word of the lists above with its flags: one lookup
// per token instead of one per list (a long document has many tokens).
var lexicon = func() map[string]lexFlags {
	m := map[string]lexFlags{}
	for _, l := range []struct {
		words map[string]bool
		flag  lexFlags
	}{{numberWords, lexNumber}, {unitWords, lexUnit}, {monthNames, lexMonth}, {weekdayNames, lexWeekday},
		{nameConnectors, lexConnector}, {negations, lexNegation}} {
		for w := range l.words {
			m[w] |= l.flag
		}
	}
	for w := range modals {
		m[w] |= lexModal
	}
	return m
}()
