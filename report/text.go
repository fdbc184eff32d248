package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/clausediff/clausediff/align"
	"golang.org/x/text/width"
)

// TextOptions control the terminal rendering.
type TextOptions struct {
	Color       bool // ANSI colours and strike-through; markers are shown either way
	Width       int  // wrap at this many columns; 0 means 80
	ChangesOnly bool // leave out same pairs that did not move
}

// ANSI styles. Meaning is never carried by colour alone: without colour,
// removed words read [-like this-] and added words {+like this+}, as in
// wdiff and git's plain word diff.
const (
	sgrReset   = "\x1b[0m"
	sgrRemoved = "\x1b[31;9m" // red, struck through
	sgrAdded   = "\x1b[32;4m" // green, underlined
	sgrOnlyA   = "\x1b[31m"
	sgrOnlyB   = "\x1b[32m"
	sgrMoved   = "\x1b[36m"
	sgrChanged = "\x1b[33m"
	sgrDim     = "\x1b[2m"
	sgrSubst   = "\x1b[1;35m" // bold magenta: the reasons of a substantive change
)

// Text writes r for a terminal: each pair once, in reading order, marked
// in its first column — " " same, "~" changed, "-" only in A, "+" only in
// B, ">" moved — wrapped with a hanging indent, paragraphs separated by
// blank lines, and a summary line at the end. A substantive change is
// followed by a line marked "!" that gives its reasons.
func Text(w io.Writer, r *align.Result, opt TextOptions) error {
	if opt.Width <= 20 {
		opt.Width = 80
	}
	bw := bufio.NewWriter(w)
	t := &textWriter{w: bw, opt: opt}
	t.header(r)
	lastA, lastB := 0, 0
	for _, p := range r.Pairs {
		if opt.ChangesOnly && p.Kind == align.Same && !p.Moved {
			continue
		}
		pa, pb := firstPara(r.A, p.A), firstPara(r.B, p.B)
		if (pb > 0 && pb != lastB) || (pb == 0 && pa != lastA) {
			if lastA+lastB > 0 {
				bw.WriteString("\n")
			}
		}
		if pa > 0 {
			lastA = pa
		}
		if pb > 0 {
			lastB = pb
		}
		t.pair(r, p)
		if p.Class == align.Substantive {
			t.wrap(t.style(sgrSubst, "!")+" ", []piece{{text: "substantive: " + strings.Join(p.Reasons, "; "), sgr: sgrSubst}})
		}
	}
	bw.WriteString("\n")
	t.summary(r)
	return bw.Flush()
}

func firstPara(s align.Side, ids []int) int {
	if len(ids) == 0 {
		return 0
	}
	return s.Segments[ids[0]].Paragraph
}

type textWriter struct {
	w   *bufio.Writer
	opt TextOptions
}

func (t *textWriter) style(sgr, s string) string {
	if !t.opt.Color || s == "" {
		return s
	}
	return sgr + s + sgrReset
}

func (t *textWriter) header(r *align.Result) {
	for _, s := range []struct {
		mark string
		side align.Side
	}{{"---", r.A}, {"+++", r.B}} {
		line := s.mark + " " + displaySource(s.side.Doc.Source)
		if s.side.Doc.Title != "" {
			line += "  (" + s.side.Doc.Title + ")"
		}
		fmt.Fprintln(t.w, t.style(sgrDim, truncate(line, t.opt.Width)))
	}
	fmt.Fprintln(t.w)
}

func displaySource(s string) string {
	if s == "-" {
		return "standard input"
	}
	return s
}

// piece is a run of text in one style; mark wraps it when there is no
// colour.
type piece struct {
	text         string
	sgr          string
	open, closer string
}

func (t *textWriter) pair(r *align.Result, p align.Pair) {
	var mark, msgr string
	var pieces []piece
	switch p.Kind {
	case align.Same:
		mark = " "
		pieces = []piece{{text: joinText(r.B, p.B)}}
	case align.Changed:
		mark, msgr = "~", sgrChanged
		for _, op := range p.Diff {
			switch op.Op {
			case "=":
				pieces = append(pieces, piece{text: op.Text})
			case "-":
				pieces = append(pieces, piece{text: op.Text, sgr: sgrRemoved, open: "[-", closer: "-]"})
			case "+":
				pieces = append(pieces, piece{text: op.Text, sgr: sgrAdded, open: "{+", closer: "+}"})
			}
		}
	case align.OnlyA:
		mark, msgr = "-", sgrOnlyA
		pieces = []piece{{text: joinText(r.A, p.A), sgr: sgrOnlyA}}
	case align.OnlyB:
		mark, msgr = "+", sgrOnlyB
		pieces = []piece{{text: joinText(r.B, p.B), sgr: sgrOnlyB}}
	}
	if p.Moved {
		mark, msgr = ">", sgrMoved
		from := r.A.Segments[p.A[0]]
		note := piece{text: fmt.Sprintf("(moved from ¶%d of A) ", from.Paragraph), sgr: sgrMoved}
		if p.Kind == align.Same {
			note.text = fmt.Sprintf("(moved from ¶%d of A, unchanged) ", from.Paragraph)
		}
		pieces = append([]piece{note}, pieces...)
	}
	t.wrap(t.style(msgr, mark)+" ", pieces)
}

func joinText(s align.Side, ids []int) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = s.Segments[id].Text
	}
	return strings.Join(parts, " ")
}

// wrap lays pieces out in lines of at most opt.Width columns after a
// two-column gutter, breaking at spaces; a style is closed at the end of a
// line and reopened on the next, so colour never bleeds into the gutter.
func (t *textWriter) wrap(gutter string, pieces []piece) {
	type word struct {
		text string
		sgr  string
		glue bool // no space before it
		brk  bool // a line may break before it even so (CJK)
	}
	var words []word
	spaceBefore := false // the previous piece ended in whitespace
	for _, pc := range pieces {
		fields := splitKeepGlue(pc.text)
		if len(fields) > 0 && spaceBefore {
			fields[0].glue = false
		}
		if pc.text != "" {
			spaceBefore = endsWithSpace(pc.text)
		}
		for k, f := range fields {
			tx := f.text
			if !t.opt.Color || pc.sgr == "" {
				if k == 0 {
					tx = pc.open + tx
				}
				if k == len(fields)-1 {
					tx += pc.closer
				}
			}
			words = append(words, word{text: tx, sgr: pc.sgr, glue: f.glue, brk: f.brk})
		}
	}
	limit := t.opt.Width - 2
	col := 0
	t.w.WriteString(gutter)
	curSGR := ""
	setSGR := func(s string) {
		if !t.opt.Color || s == curSGR {
			return
		}
		if curSGR != "" {
			t.w.WriteString(sgrReset)
		}
		if s != "" {
			t.w.WriteString(s)
		}
		curSGR = s
	}
	for i, wd := range words {
		wl := displayWidth(wd.text)
		space := i > 0 && !wd.glue
		// A word and the words glued to it ("[-resume-]{+restore+}") break
		// as one.
		unit := wl
		for k := i + 1; k < len(words) && words[k].glue && !words[k].brk; k++ {
			unit += displayWidth(words[k].text)
		}
		sp := 0
		if space {
			sp = 1
		}
		if col > 0 && (space || wd.brk) && col+sp+unit > limit {
			setSGR("")
			t.w.WriteString("\n  ")
			col = 0
			space = false
		}
		if space {
			// A space inside a styled run keeps the style (struck-through
			// words read as one phrase); between runs it is plain.
			if i > 0 && words[i-1].sgr == wd.sgr {
				setSGR(wd.sgr)
			} else {
				setSGR("")
			}
			t.w.WriteString(" ")
			col++
		}
		setSGR(wd.sgr)
		t.w.WriteString(wd.text)
		col += wl
	}
	setSGR("")
	t.w.WriteString("\n")
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00A0'
}

type field struct {
	text string
	glue bool // no space before it
	brk  bool // glued, but a line may break before it (CJK)
}

// splitKeepGlue splits s at whitespace; the first field is glued to what
// came before when s does not start with a space ("India " + "committed").
// Text without spaces between words (Chinese, Japanese) is also split
// before each ideograph or kana, where lines may break; punctuation stays
// with the character before it.
func splitKeepGlue(s string) []field {
	var out []field
	glue := true
	start := -1
	for i, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\u00A0' {
			if start >= 0 {
				out = appendFields(out, s[start:i], glue)
				start = -1
			}
			glue = false
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = appendFields(out, s[start:], glue)
	}
	return out
}

// appendFields appends one whitespace-free word, split before ideographs.
func appendFields(out []field, w string, glue bool) []field {
	lo := 0
	first := true
	for i, r := range w {
		if i > lo && isBreakBefore(r) {
			out = append(out, field{text: w[lo:i], glue: glue || !first, brk: !first})
			first = false
			lo = i
		}
	}
	return append(out, field{text: w[lo:], glue: glue || !first, brk: !first})
}

// isBreakBefore reports characters a line may start with although no space
// precedes them: CJK ideographs, kana and hangul syllables.
func isBreakBefore(r rune) bool {
	return r >= 0x3040 && r <= 0x30FF || r >= 0x3400 && r <= 0x4DBF || r >= 0x4E00 && r <= 0x9FFF ||
		r >= 0xAC00 && r <= 0xD7AF || r >= 0xF900 && r <= 0xFAFF || r >= 0x20000 && r <= 0x2FFFF
}

// displayWidth counts terminal columns: East Asian wide characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

func truncate(s string, w int) string {
	if displayWidth(s) <= w {
		return s
	}
	n := 0
	for i, r := range s {
		n += displayWidth(string(r))
		if n > w-1 {
			return s[:i] + "…"
		}
	}
	return s
}

func (t *textWriter) summary(r *align.Result) {
	s := r.Summary
	parts := []string{
		fmt.Sprintf("%d changed", s.Changed),
		fmt.Sprintf("%d only in A", s.OnlyA),
		fmt.Sprintf("%d only in B", s.OnlyB),
		fmt.Sprintf("%d moved", s.Moved),
		fmt.Sprintf("%d same", s.Same),
	}
	parts[len(parts)-1] += ";"
	parts = append(parts, fmt.Sprintf("%d substantive;", s.Substantive))
	parts = append(parts, fmt.Sprintf("words unchanged: %s of A, %s of B", percent(s.UnchangedA), percent(s.UnchangedB)))
	// Fill lines up to the width, breaking between parts.
	line := ""
	for i, p := range parts {
		sep := ", "
		if i == 0 || strings.HasSuffix(parts[i-1], ";") {
			sep = " "
		}
		if line != "" && utf8.RuneCountInString(line)+len(sep)+utf8.RuneCountInString(p) > t.opt.Width {
			fmt.Fprintln(t.w, strings.TrimSuffix(line, " "))
			line = ""
		}
		if line != "" {
			line += sep
		}
		line += p
	}
	fmt.Fprintln(t.w, line)
	for _, side := range []struct {
		name string
		s    align.Side
	}{{"A", r.A}, {"B", r.B}} {
		for _, warn := range side.s.Doc.Warnings {
			fmt.Fprintf(t.w, "warning: %s: %s\n", side.name, warn)
		}
	}
}

func percent(x float64) string {
	return fmt.Sprintf("%.0f%%", x*100)
}
