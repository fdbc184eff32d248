package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/clausediff/clausediff/align"
)

// MarkdownOptions control the Markdown rendering.
type MarkdownOptions struct {
	ChangesOnly bool // leave out same pairs that did not move
}

// Markdown writes r as GitHub-flavoured Markdown: the sources, options and
// normalizations; a summary table; the substantive changes, listed first;
// then a table with one row per pair in reading order, removed words
// ~~struck through~~ and added words **bold**, each row labelled with its
// kind, class, reasons and moves. All document text is escaped (mdEscape),
// so no character in a statement can change the layout.
func Markdown(w io.Writer, r *align.Result, meta Meta, opt MarkdownOptions) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	m := &mdWriter{w: bw}
	m.header(r)
	m.summary(r)
	m.body(r, opt)
	if meta.Generator != "" {
		m.printf("\nMade by %s.\n", mdEscape(meta.Generator))
	}
	if m.err != nil {
		return m.err
	}
	return bw.Flush()
}

type mdWriter struct {
	w   *bufio.Writer
	err error
}

func (m *mdWriter) printf(format string, args ...any) {
	if m.err == nil {
		_, m.err = fmt.Fprintf(m.w, format, args...)
	}
}

func (m *mdWriter) line(s string) {
	if m.err == nil {
		_, m.err = m.w.WriteString(s + "\n")
	}
}

// row writes a table row; cells are escaped already.
func (m *mdWriter) row(cells ...string) {
	m.line("| " + strings.Join(cells, " | ") + " |")
}

func (m *mdWriter) header(r *align.Result) {
	m.line("# clausediff report")
	m.line("")
	m.printf("**A:** %s → **B:** %s\n\n", mdEscape(displayName(r.A.Doc)), mdEscape(displayName(r.B.Doc)))
	m.row("", "A", "B")
	m.row("---", "---", "---")
	a, b := r.A.Doc, r.B.Doc
	if a.Title != "" || b.Title != "" {
		m.row("Title", mdEscape(a.Title), mdEscape(b.Title))
	}
	m.row("Source", mdSource(r.A), mdSource(r.B))
	if !a.RetrievedAt.IsZero() || !b.RetrievedAt.IsZero() {
		m.row("Retrieved", retrieved(a.RetrievedAt), retrieved(b.RetrievedAt))
	}
	m.row("SHA-256", mdEscape(a.SHA256), mdEscape(b.SHA256))
	m.row("Input", thousands(a.Size)+" bytes, "+mdEscape(a.Format), thousands(b.Size)+" bytes, "+mdEscape(b.Format))
	m.row("Compared", mdSegments(r.A, r.Options.Unit), mdSegments(r.B, r.Options.Unit))
	if len(a.Warnings)+len(b.Warnings) > 0 {
		m.row("Warnings", mdList(a.Warnings), mdList(b.Warnings))
	}
	m.line("")
	m.printf("Options: unit %s, similarity threshold %s.\n\n", mdEscape(string(r.Options.Unit)),
		strconv.FormatFloat(r.Options.Threshold, 'f', -1, 64))
	norms := normalizations(r)
	if len(norms) == 0 {
		m.line("Ignored in comparison: nothing; both inputs were already in normal form.")
	} else {
		m.line("Ignored in comparison (normalizations applied, with how often):")
		m.line("")
		m.row("Normalization", "What it ignores", "A", "B")
		m.row("---", "---", "--:", "--:")
		for _, n := range norms {
			m.row(mdEscape(n.Name), mdEscape(n.Text), strconv.Itoa(n.A), strconv.Itoa(n.B))
		}
	}
	m.line("")
	m.line("Case and punctuation are compared: a change in them shows, classed cosmetic.")
	m.line("")
}

func retrieved(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func mdSource(s align.Side) string {
	d := s.Doc
	if d.URL != "" && d.URL != d.Source {
		return mdEscape(d.URL) + " (given as " + mdEscape(sourceName(d)) + ")"
	}
	return mdEscape(sourceName(d))
}

func mdSegments(s align.Side, unit align.Unit) string {
	words := 0
	for _, g := range s.Segments {
		words += g.Words
	}
	return thousands(len(s.Segments)) + " " + unitNoun(unit, len(s.Segments)) + ", " + thousands(words) + " words"
}

func mdList(items []string) string {
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = mdEscape(s)
	}
	return strings.Join(out, "; ")
}

func (m *mdWriter) summary(r *align.Result) {
	s := r.Summary
	m.line("## Summary")
	m.line("")
	if !r.Differs() {
		m.printf("**No differences:** every %s of A is in B, unchanged and in order.\n\n", unitNoun(r.Options.Unit, 1))
	}
	title := unitNoun(r.Options.Unit, 2)
	m.row(strings.ToUpper(title[:1])+title[1:], "Count")
	m.row("---", "--:")
	for _, c := range []struct {
		k string
		v int
	}{{"Same", s.Same}, {"Reworded", s.Changed}, {"Only in A (left out of B)", s.OnlyA},
		{"Only in B (added)", s.OnlyB}, {"Moved", s.Moved},
		{"**Substantive** changes", s.Substantive}, {"Minor changes", s.Minor}, {"Cosmetic changes", s.Cosmetic}} {
		m.row(c.k, thousands(c.v))
	}
	m.line("")
	m.printf("Words found unchanged in the other: %s of A, %s of B.\n\n", percent(s.UnchangedA), percent(s.UnchangedB))
	m.line("Substantive: a number, amount, percentage or date, a negation, a modal or commitment word " +
		"(will, may, committed, intends…) or a proper name changed, or words were dropped or added outright. " +
		"Cosmetic: only punctuation, case or spacing. Minor: any other rewording.")
	m.line("")
	m.line("### Substantive changes")
	m.line("")
	listed, more := 0, 0
	for i, p := range r.Pairs {
		if p.Class != align.Substantive {
			continue
		}
		if listed == maxListed {
			more++
			continue
		}
		listed++
		m.printf("%d. **#%d** %s: %s — %s\n", listed, i+1, kindLabel(p.Kind), mdReasons(p.Reasons), mdInline(r, p))
	}
	switch {
	case listed == 0:
		m.line("None.")
	case more > 0:
		m.printf("\n%s more substantive changes are not listed here; each is marked **substantive** below.\n", thousands(more))
	}
	m.line("")
}

func mdReasons(rs []string) string {
	out := make([]string, len(rs))
	for i, s := range rs {
		out[i] = mdEscape(s)
	}
	return strings.Join(out, "; ")
}

// mdInline shows a pair on one line: a changed pair as its diff, an only-a
// pair struck through, an only-b pair bold.
func mdInline(r *align.Result, p align.Pair) string {
	switch p.Kind {
	case align.Changed:
		return mdDiff(p.Diff)
	case align.OnlyA:
		return mdMark("~~", sideText(r.A, p.A))
	case align.OnlyB:
		return mdMark("**", sideText(r.B, p.B))
	}
	return mdEscape(collapse(sideText(r.B, p.B)))
}

// mdMark wraps text in a delimiter, trimmed so that the delimiters touch
// the text, as emphasis requires.
func mdMark(delim, s string) string {
	s = collapse(s)
	if s == "" {
		return ""
	}
	return mdWrap(delim, s)
}

// mdWrap escapes s, which has no whitespace at either end, and wraps it in
// delim ("~~" or "**"). A delimiter character at either end of s is
// written as a character reference, not backslash-escaped: parsers differ
// on whether an escaped "~" next to "~~" joins the delimiter run.
func mdWrap(delim, s string) string {
	c := delim[:1]
	ref := "&#" + strconv.Itoa(int(delim[0])) + ";"
	var pre, post string
	if strings.HasPrefix(s, c) {
		pre, s = ref, s[1:]
	}
	if strings.HasSuffix(s, c) {
		post, s = ref, s[:len(s)-1]
	}
	// A space left next to a reference stays: mdEscape would trim it.
	if pre != "" && strings.HasPrefix(s, " ") {
		pre += " "
	}
	if post != "" && strings.HasSuffix(s, " ") && s != " " {
		post = " " + post
	}
	return delim + pre + mdEscape(s) + post + delim
}

func (m *mdWriter) body(r *align.Result, opt MarkdownOptions) {
	title := unitNoun(r.Options.Unit, 2)
	m.printf("## %s\n\n", strings.ToUpper(title[:1])+title[1:])
	m.line("Rows follow B's reading order; a " + unitNoun(r.Options.Unit, 1) + " only A has stands where it stood in A. " +
		"Removed words are ~~struck through~~, added words **bold**.")
	if opt.ChangesOnly {
		m.line("Unchanged " + title + " are left out.")
	}
	m.line("")
	m.row("#", "Change", "Text")
	m.row("--:", "---", "---")
	for i, p := range r.Pairs {
		if opt.ChangesOnly && p.Kind == align.Same && !p.Moved {
			continue
		}
		var label []string
		if p.Kind != align.Same || p.Moved {
			label = append(label, kindLabel(p.Kind))
		}
		if p.Moved && len(p.A) > 0 {
			label = append(label, movedFrom(r, p)+" to "+position(r, r.B, p.B)+" of B")
		}
		switch p.Class {
		case align.Substantive:
			label = append(label, "**substantive**: "+mdReasons(p.Reasons))
		case align.Minor, align.Cosmetic:
			label = append(label, string(p.Class)+": "+mdReasons(p.Reasons))
		}
		var text string
		switch p.Kind {
		case align.Changed:
			text = mdDiff(p.Diff)
		case align.OnlyA:
			text = mdEscape(collapse(sideText(r.A, p.A)))
		default:
			text = mdEscape(collapse(sideText(r.B, p.B)))
		}
		m.row(strconv.Itoa(i+1), strings.Join(label, ", "), text)
	}
}

// mdDiff renders a word diff inline. Emphasis in Markdown only opens and
// closes next to whitespace or punctuation of the right kind, so a change
// glued to a word ("trade[-,-]{+.+}") cannot be marked where it stands;
// changes are therefore shown at word granularity: each run of words with
// a change in it appears once as A has it, struck through, and once as B
// has it, bold ("~~trade,~~ **trade.**"). Struck and bold text always sit
// between spaces, where the delimiters work.
func mdDiff(ops []align.Op) string {
	type unit struct {
		a, b    strings.Builder
		changed bool
	}
	var units []*unit
	cur := &unit{}
	closeUnit := func() {
		if cur.a.Len() > 0 || cur.b.Len() > 0 || cur.changed {
			units = append(units, cur)
		}
		cur = &unit{}
	}
	for _, op := range ops {
		switch op.Op {
		case "=":
			for _, piece := range splitSpaces(op.Text) {
				if isSpaces(piece) {
					closeUnit()
					continue
				}
				cur.a.WriteString(piece)
				cur.b.WriteString(piece)
			}
		case "-":
			cur.a.WriteString(op.Text)
			cur.changed = true
		case "+":
			cur.b.WriteString(op.Text)
			cur.changed = true
			if strings.TrimRight(op.Text, " \t\n") != op.Text {
				// B's words part here though A's do not ("Officials said "
				// before "talks" at the start of A).
				closeUnit()
			}
		}
	}
	closeUnit()

	var out []string
	var plain []string      // unchanged words, escaped together
	var runA, runB []string // a run of changed units
	flushPlain := func() {
		if s := collapse(strings.Join(plain, " ")); s != "" {
			out = append(out, mdEscape(s))
		}
		plain = nil
	}
	flush := func() {
		a, b := collapse(strings.Join(runA, " ")), collapse(strings.Join(runB, " "))
		runA, runB = nil, nil
		if a == b {
			plain = append(plain, a)
			return
		}
		flushPlain()
		if a != "" {
			out = append(out, mdWrap("~~", a))
		}
		if b != "" {
			out = append(out, mdWrap("**", b))
		}
	}
	for _, u := range units {
		if u.changed {
			runA = append(runA, u.a.String())
			runB = append(runB, u.b.String())
			continue
		}
		flush()
		plain = append(plain, u.a.String())
	}
	flush()
	flushPlain()
	return strings.Join(out, " ")
}

// splitSpaces splits s into alternating runs of whitespace and of other
// characters.
func splitSpaces(s string) []string {
	var out []string
	start := 0
	prev := -1 // 1 in whitespace, 0 not, -1 at the start
	for i, r := range s {
		sp := 0
		if unicode.IsSpace(r) {
			sp = 1
		}
		if prev >= 0 && sp != prev {
			out = append(out, s[start:i])
			start = i
		}
		prev = sp
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

func isSpaces(s string) bool {
	return strings.TrimFunc(s, unicode.IsSpace) == ""
}

// collapse turns runs of whitespace and control characters into one
// space and trims the ends: Markdown text stays on one line.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// mdEscape returns s as Markdown inline text that renders as s itself, in a
// paragraph, a list item or a table cell: whitespace and control characters
// become single spaces (Markdown text cannot hold a line break without
// starting a block), invalid UTF-8 becomes U+FFFD, and every character
// Markdown could read as markup is backslash-escaped: \ ` * _ [ ] < > | ~ $ &
// anywhere, and # + - = or a list number's . or ) at the start, where they
// would open a block.
func mdEscape(s string) string {
	s = collapse(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	digits := true // s[:i] is all ASCII digits
	for i, r := range s {
		switch {
		case strings.ContainsRune("\\`*_[]<>|~$&", r):
			b.WriteByte('\\')
		case i == 0 && strings.ContainsRune("#+-=", r):
			b.WriteByte('\\')
		case (r == '.' || r == ')') && i > 0 && digits:
			b.WriteByte('\\')
		}
		digits = digits && r >= '0' && r <= '9'
		b.WriteRune(r)
	}
	return b.String()
}
