// Package report renders an alignment (align.Result) as terminal text,
// JSON, Markdown or HTML. Every format renders the same pairs; none
// computes anything the others lack.
package report

import (
	"bufio"
	"io"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/clausediff/clausediff/align"
)

// JSONVersion is the version of the JSON shape. It changes only when a
// field changes meaning or disappears; new fields may appear in any version.
const JSONVersion = 1

// Meta is what a report says about the run itself.
type Meta struct {
	Generator string // "clausediff 1.2.3"
}

// JSON writes r as JSON (the shape is documented in README.md, "JSON
// output"): one segment and one pair per line, so that reports diff well.
//
// The document is streamed, not built in memory: a whole-Bible comparison
// makes some 40 MB of JSON, and encoding/json would hold all of it (and
// reflect over a copy of the result) before writing a byte.
func JSON(w io.Writer, r *align.Result, meta Meta) error {
	j := &jsonWriter{w: bufio.NewWriterSize(w, 1<<16)}
	j.raw("{\n \"version\": ")
	j.int(JSONVersion)
	if meta.Generator != "" {
		j.raw(",\n \"generator\": ")
		j.str(meta.Generator)
	}
	j.raw(",\n \"options\": {\"unit\": ")
	j.str(string(r.Options.Unit))
	j.raw(", \"threshold\": ")
	j.float(r.Options.Threshold)
	j.raw("},\n \"a\": ")
	j.side(r.A)
	j.raw(",\n \"b\": ")
	j.side(r.B)
	j.raw(",\n \"pairs\": [")
	j.items(len(r.Pairs), "\n ", func(b []byte, i int) []byte { return appendPair(b, &r.Pairs[i]) })
	s := r.Summary
	j.raw("],\n \"summary\": {")
	for i, f := range []struct {
		k string
		v int
	}{{"pairs", s.Pairs}, {"same", s.Same}, {"changed", s.Changed}, {"only_a", s.OnlyA},
		{"only_b", s.OnlyB}, {"moved", s.Moved}, {"segments_a", s.SegmentsA},
		{"segments_b", s.SegmentsB}, {"words_a", s.WordsA}, {"words_b", s.WordsB},
		{"substantive", s.Substantive}, {"minor", s.Minor}, {"cosmetic", s.Cosmetic}} {
		if i > 0 {
			j.raw(", ")
		}
		j.str(f.k)
		j.raw(": ")
		j.int(f.v)
	}
	j.raw(", \"unchanged_a\": ")
	j.float(s.UnchangedA)
	j.raw(", \"unchanged_b\": ")
	j.float(s.UnchangedB)
	j.raw("}\n}\n")
	if j.err != nil {
		return j.err
	}
	return j.w.Flush()
}

// jsonWriter appends JSON tokens to a buffered writer and remembers the
// first write error.
type jsonWriter struct {
	w   *bufio.Writer
	buf []byte
	err error
}

func (j *jsonWriter) raw(s string) {
	if j.err == nil {
		_, j.err = j.w.WriteString(s)
	}
}

func (j *jsonWriter) flushBuf() {
	if j.err == nil {
		_, j.err = j.w.Write(j.buf)
	}
}

func (j *jsonWriter) int(v int) {
	j.buf = strconv.AppendInt(j.buf[:0], int64(v), 10)
	j.flushBuf()
}

func (j *jsonWriter) float(v float64) {
	j.buf = strconv.AppendFloat(j.buf[:0], v, 'f', -1, 64)
	j.flushBuf()
}

func (j *jsonWriter) str(s string) {
	j.buf = appendJSONString(j.buf[:0], s)
	j.flushBuf()
}

func (j *jsonWriter) strs(v []string) {
	j.raw("[")
	for i, s := range v {
		if i > 0 {
			j.raw(", ")
		}
		j.str(s)
	}
	j.raw("]")
}

func (j *jsonWriter) side(s align.Side) {
	d := s.Doc
	j.raw("{\n  \"source\": ")
	j.str(d.Source)
	if d.Title != "" {
		j.raw(",\n  \"title\": ")
		j.str(d.Title)
	}
	j.raw(",\n  \"format\": ")
	j.str(d.Format)
	j.raw(",\n  \"sha256\": ")
	j.str(d.SHA256)
	j.raw(",\n  \"bytes\": ")
	j.int(d.Size)
	if d.URL != "" {
		j.raw(",\n  \"url\": ")
		j.str(d.URL)
	}
	if !d.RetrievedAt.IsZero() {
		j.raw(",\n  \"retrieved\": ")
		j.str(d.RetrievedAt.UTC().Format(time.RFC3339))
	}
	if d.Status != 0 {
		j.raw(",\n  \"status\": ")
		j.int(d.Status)
	}
	if d.ContentType != "" {
		j.raw(",\n  \"content_type\": ")
		j.str(d.ContentType)
	}
	j.raw(",\n  \"normalizations\": {")
	names := make([]string, 0, len(s.Normalizations))
	for k := range s.Normalizations {
		names = append(names, k)
	}
	sort.Strings(names)
	for i, k := range names {
		if i > 0 {
			j.raw(", ")
		}
		j.str(k)
		j.raw(": ")
		j.int(s.Normalizations[k])
	}
	j.raw("}")
	if len(d.Warnings) > 0 {
		j.raw(",\n  \"warnings\": ")
		j.strs(d.Warnings)
	}
	j.raw(",\n  \"segments\": [")
	j.items(len(s.Segments), "\n  ", func(b []byte, i int) []byte { return appendSegment(b, &s.Segments[i]) })
	j.raw("]\n }")
}

// appendPair appends one pair object, on a line of its own.
func appendPair(b []byte, p *align.Pair) []byte {
	b = append(b, "\n  {\"kind\": "...)
	b = appendJSONString(b, string(p.Kind))
	b = append(b, ", \"a\": "...)
	b = appendInts(b, p.A)
	b = append(b, ", \"b\": "...)
	b = appendInts(b, p.B)
	b = append(b, ", \"moved\": "...)
	b = strconv.AppendBool(b, p.Moved)
	b = append(b, ", \"similarity\": "...)
	b = strconv.AppendFloat(b, p.Similarity, 'f', -1, 64)
	if p.Class != "" {
		b = append(b, ", \"class\": "...)
		b = appendJSONString(b, string(p.Class))
	}
	if len(p.Reasons) > 0 {
		b = append(b, ", \"reasons\": ["...)
		for k, r := range p.Reasons {
			if k > 0 {
				b = append(b, ", "...)
			}
			b = appendJSONString(b, r)
		}
		b = append(b, ']')
	}
	if len(p.Diff) > 0 {
		b = append(b, ", \"diff\": ["...)
		for k, op := range p.Diff {
			if k > 0 {
				b = append(b, ", "...)
			}
			b = append(b, "{\"op\": "...)
			b = appendJSONString(b, op.Op)
			b = append(b, ", \"text\": "...)
			b = appendJSONString(b, op.Text)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendSegment appends one segment object, on a line of its own.
func appendSegment(b []byte, g *align.Segment) []byte {
	b = append(b, "\n   {\"id\": "...)
	b = strconv.AppendInt(b, int64(g.ID), 10)
	b = append(b, ", \"text\": "...)
	b = appendJSONString(b, g.Text)
	for _, f := range []struct {
		k string
		v int
	}{{", \"line\": ", g.Line}, {", \"paragraph\": ", g.Paragraph}, {", \"sentence\": ", g.Sentence},
		{", \"start\": ", g.Start}, {", \"end\": ", g.End}, {", \"words\": ", g.Words}} {
		b = append(b, f.k...)
		b = strconv.AppendInt(b, int64(f.v), 10)
	}
	return append(b, '}')
}

func appendInts(b []byte, v []int) []byte {
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendInt(b, int64(x), 10)
	}
	return append(b, ']')
}

// items writes n items, rendered by item, in order, with commas between
// them and end after the last (nothing when n is 0). A long list is
// rendered in chunks on all cores while the chunks before are written:
// the whole-Bible report is some 40 MB of JSON, a tenth of the run when
// encoded on one core. At most twice as many chunks as cores are held at
// once.
func (j *jsonWriter) items(n int, end string, item func(b []byte, i int) []byte) {
	if n > 0 {
		defer j.raw(end)
	}
	render := func(b []byte, i int) []byte {
		if i > 0 {
			b = append(b, ',')
		}
		return item(b, i)
	}
	const chunk = 512
	if n <= chunk || runtime.GOMAXPROCS(0) == 1 {
		for i := 0; i < n && j.err == nil; i++ {
			j.buf = render(j.buf[:0], i)
			j.flushBuf()
		}
		return
	}
	type job struct {
		lo, hi int
		out    chan []byte
	}
	jobs := make(chan job)
	ready := make(chan job, 2*runtime.GOMAXPROCS(0))
	free := make(chan []byte, 3*runtime.GOMAXPROCS(0)+1) // written chunks' buffers, for reuse
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for jb := range jobs {
				var b []byte
				select {
				case b = <-free:
				default:
				}
				for i := jb.lo; i < jb.hi; i++ {
					b = render(b, i)
				}
				jb.out <- b
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for lo := 0; lo < n; lo += chunk {
			jb := job{lo: lo, hi: min(lo+chunk, n), out: make(chan []byte, 1)}
			ready <- jb // blocks while the writer is far behind
			jobs <- jb
		}
		close(jobs)
		close(ready)
	}()
	for jb := range ready {
		b := <-jb.out
		if j.err == nil {
			_, j.err = j.w.Write(b)
		}
		select {
		case free <- b[:0]:
		default:
		}
	}
	wg.Wait()
}

// jsonSafe marks the ASCII bytes a JSON string holds as they are.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and U+2028
// and U+2029 escaped so that the output is also valid JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonSafe[c] {
			i++ // the usual byte: written as it is
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
