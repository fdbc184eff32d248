package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/clausediff/clausediff/align"
)

//go:embed html.tmpl
var htmlSource string

//go:embed html.css
var htmlCSS string

var htmlTemplate = template.Must(template.New("report").Parse(htmlSource))

// htmlCSP is the report's Content-Security-Policy: nothing may load or run;
// only the one embedded style sheet, named by its hash, applies. Document
// text is escaped anyway; the policy is a second wall.
var htmlCSP = func() string {
	sum := sha256.Sum256([]byte(htmlCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; img-src 'none'; base-uri 'none'; form-action 'none'"
}()

// HTMLOptions control the HTML rendering.
type HTMLOptions struct {
	ChangesOnly bool // open with unchanged rows hidden (the reader can show them)
}

// HTML writes r as one self-contained HTML page: inline CSS, no script,
// no fonts, images or requests, with a Content-Security-Policy that forbids
// them. All document text is escaped by html/template. The page shows the
// sources, options and normalizations, the summary with the substantive
// changes first, and every pair as a table row: A left, B right, removed
// words in <del>, added words in <ins>, moved pairs linked both ways to a
// marker row where they stood in A. Rows come in tables of chunkRows that
// the browser lays out as they scroll into view.
func HTML(w io.Writer, r *align.Result, meta Meta, opt HTMLOptions) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if err := htmlTemplate.Execute(bw, newHTMLPage(r, meta, opt)); err != nil {
		return err
	}
	return bw.Flush()
}

type htmlPage struct {
	Title, CSP, Generator string
	CSS                   template.CSS
	A, B                  htmlSide
	Unit, Threshold       string
	UnitNoun, UnitTitle   string
	Norms                 []normRow
	Differs               bool
	Count                 htmlCounts
	Substantive           []htmlListed
	MoreSubstantive       int
	ChangesOnly           bool
	Chunks                []htmlChunk
}

// htmlChunk is a run of rows in a table of its own. A long report is cut
// into chunks that the browser lays out only when they come into view
// (content-visibility), so that the whole-Bible comparison loads in seconds
// rather than minutes; a short one is a single chunk.
type htmlChunk struct {
	First, Last, Of string // 1-based row numbers, for the caption
	Rows            []htmlRow
}

// chunkRows is the number of rows per chunk.
const chunkRows = 250

type htmlSide struct {
	Name, Title, Source, URL, Retrieved, SHA256, Format string
	Bytes, Segments, Words                              string
	Warnings                                            []string
}

type htmlCounts struct {
	Same, Changed, OnlyA, OnlyB, Moved string
	Substantive, Minor, Cosmetic       string
	UnchangedA, UnchangedB             string
}

// htmlListed is one entry of the list of substantive changes.
type htmlListed struct {
	ID, N, Kind string
	Reasons     []string
	Spans       []htmlSpan // the change inline: removed and added words in turn
}

// htmlRow is one table row: a pair, or the marker where a moved pair
// stood in A (Ghost).
type htmlRow struct {
	ID, N          string
	Ghost          bool
	Kind           string // CSS class: s same, c changed, a only-a, b only-b
	Label          string // kind in words; empty for same
	Class          string // salience class
	Reasons        []string
	Link, LinkText string // the other end of a move
	A, B           htmlCell
}

type htmlCell struct {
	Present bool
	Para    int // paragraph number shown at the start; 0 for none
	Spans   []htmlSpan
}

type htmlSpan struct {
	Text     string
	Del, Ins bool
}

func newHTMLPage(r *align.Result, meta Meta, opt HTMLOptions) *htmlPage {
	s := r.Summary
	p := &htmlPage{
		Title:       "clausediff: " + displayName(r.A.Doc) + " → " + displayName(r.B.Doc),
		CSP:         htmlCSP,
		Generator:   meta.Generator,
		CSS:         template.CSS(htmlCSS), // our embedded style sheet, never document text
		A:           newHTMLSide(r.A, r.Options.Unit),
		B:           newHTMLSide(r.B, r.Options.Unit),
		Unit:        string(r.Options.Unit),
		Threshold:   strconv.FormatFloat(r.Options.Threshold, 'f', -1, 64),
		UnitNoun:    unitNoun(r.Options.Unit, 1),
		Norms:       normalizations(r),
		Differs:     r.Differs(),
		ChangesOnly: opt.ChangesOnly,
		Count: htmlCounts{
			Same: thousands(s.Same), Changed: thousands(s.Changed), OnlyA: thousands(s.OnlyA),
			OnlyB: thousands(s.OnlyB), Moved: thousands(s.Moved), Substantive: thousands(s.Substantive),
			Minor: thousands(s.Minor), Cosmetic: thousands(s.Cosmetic),
			UnchangedA: percent(s.UnchangedA), UnchangedB: percent(s.UnchangedB),
		},
	}
	if p.Generator == "" {
		p.Generator = "clausediff"
	}
	p.UnitTitle = strings.ToUpper(p.UnitNoun[:1]) + unitNoun(r.Options.Unit, 2)[1:]
	rows := htmlRows(r)
	for lo := 0; lo < len(rows); lo += chunkRows {
		hi := min(lo+chunkRows, len(rows))
		p.Chunks = append(p.Chunks, htmlChunk{First: thousands(lo + 1), Last: thousands(hi), Of: thousands(len(rows)), Rows: rows[lo:hi]})
	}
	for i, pr := range r.Pairs {
		if pr.Class != align.Substantive {
			continue
		}
		if len(p.Substantive) == maxListed {
			p.MoreSubstantive++
			continue
		}
		p.Substantive = append(p.Substantive, htmlListed{
			ID: pairID(i), N: strconv.Itoa(i + 1), Kind: kindLabel(pr.Kind),
			Reasons: pr.Reasons, Spans: inlineSpans(r, pr),
		})
	}
	return p
}

func newHTMLSide(s align.Side, unit align.Unit) htmlSide {
	d := s.Doc
	words := 0
	for _, g := range s.Segments {
		words += g.Words
	}
	hs := htmlSide{
		Name:     displayName(d),
		Title:    d.Title,
		Source:   sourceName(d),
		URL:      d.URL,
		SHA256:   d.SHA256,
		Format:   d.Format,
		Bytes:    thousands(d.Size),
		Segments: thousands(len(s.Segments)) + " " + unitNoun(unit, len(s.Segments)),
		Words:    thousands(words),
		Warnings: d.Warnings,
	}
	if !d.RetrievedAt.IsZero() {
		hs.Retrieved = d.RetrievedAt.UTC().Format(time.RFC3339)
	}
	return hs
}

func ghostPara(r *align.Result, p align.Pair) int {
	if r.Options.Unit == align.UnitLine {
		return 0
	}
	return paragraph(r.A, p.A)
}

func pairID(i int) string  { return "p" + strconv.Itoa(i+1) }
func ghostID(i int) string { return "m" + strconv.Itoa(i+1) }

// htmlRows lays out the pairs in reading order and, for each moved pair,
// a marker row where it stood in A: right after the last row that is not
// moved and holds an earlier segment of A.
func htmlRows(r *align.Result) []htmlRow {
	// Rows in place that hold A segments come in A's order (only-a pairs
	// stand where they were in A; in-order pairs keep A's order).
	type anchor struct{ row, minA int }
	var anchors []anchor
	for i, p := range r.Pairs {
		if !p.Moved && len(p.A) > 0 {
			anchors = append(anchors, anchor{i, p.A[0]})
		}
	}
	// ghostsAfter[k] holds the moved pairs whose marker follows pair k;
	// k = -1 means before the first row.
	ghostsAfter := map[int][]int{}
	for i, p := range r.Pairs {
		if !p.Moved || len(p.A) == 0 {
			continue
		}
		k := sort.Search(len(anchors), func(j int) bool { return anchors[j].minA > p.A[0] }) - 1
		after := -1
		if k >= 0 {
			after = anchors[k].row
		}
		ghostsAfter[after] = append(ghostsAfter[after], i)
	}
	for _, g := range ghostsAfter {
		sort.Slice(g, func(x, y int) bool { return r.Pairs[g[x]].A[0] < r.Pairs[g[y]].A[0] })
	}

	rows := make([]htmlRow, 0, len(r.Pairs)+r.Summary.Moved)
	index := map[string]int{} // row ID → position, to point the move arrows
	lastPara := [2]int{-1, -1}
	addGhosts := func(after int) {
		for _, i := range ghostsAfter[after] {
			p := r.Pairs[i]
			text := excerpt(sideText(r.A, p.A), 100)
			index[ghostID(i)] = len(rows)
			rows = append(rows, htmlRow{
				ID: ghostID(i), N: strconv.Itoa(i + 1), Ghost: true,
				Link: pairID(i), LinkText: movedTo(r, p),
				A: htmlCell{Present: true, Para: ghostPara(r, p), Spans: []htmlSpan{{Text: text}}},
			})
		}
	}
	addGhosts(-1)
	for i, p := range r.Pairs {
		row := htmlRow{ID: pairID(i), N: strconv.Itoa(i + 1), Class: string(p.Class), Reasons: p.Reasons}
		switch p.Kind {
		case align.Same:
			row.Kind = "s"
		case align.Changed:
			row.Kind, row.Label = "c", kindLabel(p.Kind)
		case align.OnlyA:
			row.Kind, row.Label = "a", kindLabel(p.Kind)
		case align.OnlyB:
			row.Kind, row.Label = "b", kindLabel(p.Kind)
		}
		if p.Moved && len(p.A) > 0 {
			row.Link, row.LinkText = ghostID(i), movedFrom(r, p)
			if p.Kind == align.Same {
				row.Label = "same"
			}
		}
		row.A, row.B = sideCells(r, p)
		for k, c := range []*htmlCell{&row.A, &row.B} {
			// Show the paragraph number where a paragraph starts, and on
			// moved rows, whose paragraphs are out of sequence. With line
			// units every line is a paragraph: no numbers (moves name the
			// line instead).
			if !c.Present {
				continue
			}
			if r.Options.Unit == align.UnitLine {
				c.Para = 0
				continue
			}
			// Changed rows always show it: the changes-only view hides
			// the same rows that would have shown it.
			keep := c.Para != lastPara[k] || p.Moved || p.Kind != align.Same
			if !p.Moved {
				lastPara[k] = c.Para
			}
			if !keep {
				c.Para = 0
			}
		}
		index[row.ID] = len(rows)
		rows = append(rows, row)
		addGhosts(i)
	}
	for k := range rows {
		if rows[k].Link == "" {
			continue
		}
		if index[rows[k].Link] > k {
			rows[k].LinkText += " ↓"
		} else {
			rows[k].LinkText += " ↑"
		}
	}
	return rows
}

// sideCells returns the A and B cells of a pair: the words of each side,
// with the removed (A) and added (B) words of a changed pair marked.
func sideCells(r *align.Result, p align.Pair) (a, b htmlCell) {
	if len(p.A) > 0 {
		a = htmlCell{Present: true, Para: paragraph(r.A, p.A)}
	}
	if len(p.B) > 0 {
		b = htmlCell{Present: true, Para: paragraph(r.B, p.B)}
	}
	if p.Kind == align.Changed && len(p.Diff) > 0 {
		for _, op := range p.Diff {
			switch op.Op {
			case "=":
				a.Spans = appendSpan(a.Spans, htmlSpan{Text: op.Text})
				b.Spans = appendSpan(b.Spans, htmlSpan{Text: op.Text})
			case "-":
				a.Spans = appendSpan(a.Spans, htmlSpan{Text: op.Text, Del: true})
			case "+":
				b.Spans = appendSpan(b.Spans, htmlSpan{Text: op.Text, Ins: true})
			}
		}
		return a, b
	}
	if a.Present {
		a.Spans = []htmlSpan{{Text: sideText(r.A, p.A)}}
	}
	if b.Present {
		b.Spans = []htmlSpan{{Text: sideText(r.B, p.B)}}
	}
	return a, b
}

func appendSpan(spans []htmlSpan, s htmlSpan) []htmlSpan {
	if n := len(spans); n > 0 && spans[n-1].Del == s.Del && spans[n-1].Ins == s.Ins {
		spans[n-1].Text += s.Text
		return spans
	}
	return append(spans, s)
}

// inlineSpans shows a pair as one line: a changed pair's diff with removed
// and added words in turn; an only-a pair all removed, an only-b pair all
// added.
func inlineSpans(r *align.Result, p align.Pair) []htmlSpan {
	switch p.Kind {
	case align.Changed:
		out := make([]htmlSpan, 0, len(p.Diff))
		for _, op := range p.Diff {
			out = append(out, htmlSpan{Text: op.Text, Del: op.Op == "-", Ins: op.Op == "+"})
		}
		return out
	case align.OnlyA:
		return []htmlSpan{{Text: sideText(r.A, p.A), Del: true}}
	case align.OnlyB:
		return []htmlSpan{{Text: sideText(r.B, p.B), Ins: true}}
	}
	return []htmlSpan{{Text: sideText(r.B, p.B)}}
}
