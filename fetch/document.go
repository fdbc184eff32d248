// Package fetch loads statements — local files, standard input and (later)
// web pages — and turns them into plain text for alignment: markup is
// dropped, paragraphs are kept, and every byte of the text can be traced back
// to where it came from in the input.
package fetch

import (
	"sort"
	"time"
)

// Input formats.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
)

// Document is one input converted to plain text.
//
// Text holds paragraphs separated by blank lines; lines inside a paragraph
// are kept as they were (a wrapped paragraph stays wrapped). For text and
// Markdown inputs, SourceOffset maps a byte of Text back to the byte of the
// input it came from, so segments can name the line they start on. For HTML,
// whose markup has no useful line structure, offsets and lines refer to Text.
type Document struct {
	Source string // as the user gave it: a path, "-" for standard input, or a URL
	Title  string // from front matter, <title> or <h1>; empty if none
	Format string // FormatText, FormatMarkdown or FormatHTML
	SHA256 string // hex SHA-256 of the raw input bytes
	Size   int    // raw input size in bytes

	// Set for web pages (see the fetch issue); zero for files.
	URL         string    // final URL after redirects
	RetrievedAt time.Time // when the page was fetched
	Status      int       // HTTP status
	ContentType string
	NotModified bool // served from the cache after a conditional request

	// Set for HTML inputs, where the page states them.
	Charset       string  // WHATWG name of the charset the page was decoded from
	CharsetSource string  // how it was decided: bom, valid-utf8, content-type, meta, detected, fallback
	Byline        string  // author
	Published     string  // publication date as the page states it
	Modified      string  // modification date as the page states it
	Canonical     string  // <link rel=canonical> or og:url
	Language      string  // <html lang> or content-language
	Archived      string  // for a Wayback Machine capture, the original URL
	Method        string  // how the main text was found: readability+rules, profile:NAME, selector, ...
	Blocks        []Block // the paragraphs of Text, with their kinds
	NearEmpty     bool    // the extraction yielded fewer than MinWords words

	Text string

	// Warnings are problems that did not stop loading (an extraction that
	// looks too short, say). They are shown on stderr and in reports.
	Warnings []string

	runs       []run // sorted by text offset; nil means identity
	lineStarts []int // byte offsets where lines of the source (or Text) start
}

// A run maps Text[text:text+n] to source[src:src+n] when copied is true, or
// every byte of it to src when the text was synthesized (an entity decoded, a
// paragraph break inserted).
type run struct {
	text, src, n int
	copied       bool
}

// SourceOffset returns the input byte offset that Text[i] came from.
func (d *Document) SourceOffset(i int) int {
	if d.runs == nil {
		return i
	}
	k := sort.Search(len(d.runs), func(k int) bool { return d.runs[k].text > i }) - 1
	if k < 0 {
		return 0
	}
	r := d.runs[k]
	if r.copied && i-r.text < r.n {
		return r.src + (i - r.text)
	}
	if r.copied {
		return r.src + r.n
	}
	return r.src
}

// Line returns the 1-based line of the input on which Text[i] stands.
func (d *Document) Line(i int) int {
	off := d.SourceOffset(i)
	return sort.Search(len(d.lineStarts), func(k int) bool { return d.lineStarts[k] > off })
}

// lineIndex returns the offsets at which lines of b start.
func lineIndex(b []byte) []int {
	starts := make([]int, 1, len(b)/40+1)
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

func lineIndexString(s string) []int {
	starts := make([]int, 1, len(s)/40+1)
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// textBuilder assembles Text from pieces of the source and records the runs
// that map it back.
type textBuilder struct {
	buf  []byte
	runs []run
}

// copy appends src[lo:hi], which stands at source offset lo.
func (t *textBuilder) copy(src []byte, lo, hi int) {
	if hi <= lo {
		return
	}
	n := len(t.runs)
	if n > 0 {
		last := &t.runs[n-1]
		if last.copied && last.text+last.n == len(t.buf) && last.src+last.n == lo {
			last.n += hi - lo
			t.buf = append(t.buf, src[lo:hi]...)
			return
		}
	}
	t.runs = append(t.runs, run{text: len(t.buf), src: lo, n: hi - lo, copied: true})
	t.buf = append(t.buf, src[lo:hi]...)
}

// emit appends s, which replaces the source at offset src.
func (t *textBuilder) emit(s string, src int) {
	if s == "" {
		return
	}
	t.runs = append(t.runs, run{text: len(t.buf), src: src, n: len(s)})
	t.buf = append(t.buf, s...)
}

// paragraphBreak ends the current paragraph, if any text has been written.
func (t *textBuilder) paragraphBreak(src int) {
	b := t.buf
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	if len(b) == 0 || (len(b) >= 2 && b[len(b)-1] == '\n' && b[len(b)-2] == '\n') {
		return
	}
	if b[len(b)-1] == '\n' {
		t.emit("\n", src)
		return
	}
	t.emit("\n\n", src)
}

func (t *textBuilder) text() string { return string(t.buf) }
