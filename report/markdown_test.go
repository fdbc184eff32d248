package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clausediff/clausediff/align"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// gfm parses and renders Markdown as GitHub does: CommonMark plus tables,
// strikethrough, autolinks and task lists; raw HTML is not rendered.
var gfm = goldmark.New(goldmark.WithExtensions(extension.GFM))

func parseMD(src []byte) ast.Node {
	return gfm.Parser().Parse(text.NewReader(src))
}

// renderMD renders Markdown to HTML and parses the result.
func renderMD(t testing.TB, src []byte) *html.Node {
	t.Helper()
	var buf bytes.Buffer
	if err := gfm.Convert(src, &buf); err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func renderMarkdown(t testing.TB, r *align.Result, opt MarkdownOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Markdown(&buf, r, testMeta, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// view returns the text of n as side A reads it (skipping <strong>, the
// added words) or side B (skipping <del>), whitespace collapsed.
func view(n *html.Node, side byte) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (side == 'A' && n.Data == "strong" || side == 'B' && n.Data == "del") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ') // element boundaries stand between words
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

// spaceless drops all whitespace and control characters (which Markdown
// text cannot hold): views and texts are compared without them, since a
// view puts a space at every element boundary.
func spaceless(s string) string {
	return strings.Join(strings.Fields(collapse(s)), "")
}

// findAll returns the elements named tag under n, in document order.
func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func children(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			out = append(out, c)
		}
	}
	return out
}

// elements returns the element children of n.
func elements(n *html.Node) []*html.Node {
	var out []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			out = append(out, c)
		}
	}
	return out
}

func textOf(n *html.Node) string { return collapse(view(n, 0)) }

// TestMarkdownStructure parses the report as GitHub would and checks that
// it has the structure meant: the headings, the tables with their rows, one
// clause row per pair whose text reads as A without the bold words and as
// B without the struck ones; and no link, image, raw HTML, code or stray
// emphasis made from document text.
func TestMarkdownStructure(t *testing.T) {
	r := kinds(t)
	src := renderMarkdown(t, r, MarkdownOptions{})

	var headings []string
	var bad []string
	ast.Walk(parseMD(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, fmt.Sprintf("h%d %s", n.Level, n.Lines().Value(src)))
		case *ast.Link, *ast.Image, *ast.AutoLink, *ast.RawHTML, *ast.HTMLBlock, *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			bad = append(bad, fmt.Sprintf("%T", n))
		case *ast.Emphasis:
			if n.Level != 2 {
				bad = append(bad, "emphasis level 1")
			}
		}
		return ast.WalkContinue, nil
	})
	wantH := []string{"h1 clausediff report", "h2 Summary", "h3 Substantive changes", "h2 Clauses"}
	if strings.Join(headings, "|") != strings.Join(wantH, "|") {
		t.Errorf("headings %q, want %q", headings, wantH)
	}
	if len(bad) > 0 {
		t.Errorf("unexpected nodes: %v", bad)
	}

	doc := renderMD(t, src)
	tables := findAll(doc, "table")
	want := 3 // sources, summary, clauses
	if len(normalizations(r)) > 0 {
		want++ // and the normalizations
	}
	if len(tables) != want {
		t.Fatalf("%d tables, want %d", len(tables), want)
	}
	summary := findAll(tables[len(tables)-2], "tr")
	if len(summary) != 9 {
		t.Errorf("summary table has %d rows, want 9 (header and 8 counts)", len(summary))
	}
	rows := findAll(findAll(tables[len(tables)-1], "tbody")[0], "tr")
	if len(rows) != len(r.Pairs) {
		t.Fatalf("clause table has %d rows, want one per pair: %d", len(rows), len(r.Pairs))
	}
	for i, p := range r.Pairs {
		cells := children(rows[i], "td")
		if len(cells) != 3 {
			t.Fatalf("row %d has %d cells, want 3", i+1, len(cells))
		}
		if got := textOf(cells[0]); got != fmt.Sprint(i+1) {
			t.Errorf("row %d numbered %q", i+1, got)
		}
		label := textOf(cells[1])
		if p.Class != "" && !strings.Contains(label, string(p.Class)) {
			t.Errorf("row %d label %q lacks the class %s", i+1, label, p.Class)
		}
		if p.Moved && !strings.Contains(label, "moved from ¶") {
			t.Errorf("row %d label %q lacks the move", i+1, label)
		}
		if (p.Class == align.Substantive) != (len(findAll(cells[1], "strong")) > 0) {
			t.Errorf("row %d: substantive %v but label %q", i+1, p.Class == align.Substantive, label)
		}
		a, b := sideText(r.A, p.A), sideText(r.B, p.B)
		if p.Kind == align.Changed {
			a, b = opsText(p.Diff, '-'), opsText(p.Diff, '+')
		}
		switch p.Kind {
		case align.OnlyA:
			b = a // shown plain, labelled "only in A"
		case align.OnlyB, align.Same:
			a = b
		}
		if got := view(cells[2], 'A'); spaceless(got) != spaceless(a) {
			t.Errorf("row %d reads in A as\n%q, want\n%q", i+1, got, collapse(a))
		}
		if got := view(cells[2], 'B'); spaceless(got) != spaceless(b) {
			t.Errorf("row %d reads in B as\n%q, want\n%q", i+1, got, collapse(b))
		}
	}
}

// opsText returns one side of a diff: "=" ops and the ops of that side.
func opsText(ops []align.Op, side byte) string {
	var b strings.Builder
	for _, op := range ops {
		if op.Op == "=" || op.Op == string(side) {
			b.WriteString(op.Text)
		}
	}
	return b.String()
}

func TestMarkdownChangesOnly(t *testing.T) {
	r := kinds(t)
	doc := renderMD(t, renderMarkdown(t, r, MarkdownOptions{ChangesOnly: true}))
	tables := findAll(doc, "table")
	rows := findAll(findAll(tables[len(tables)-1], "tbody")[0], "tr")
	want := 0
	for _, p := range r.Pairs {
		if p.Kind != align.Same || p.Moved {
			want++
		}
	}
	if len(rows) != want || want == len(r.Pairs) {
		t.Errorf("changes-only table has %d rows, want %d of %d", len(rows), want, len(r.Pairs))
	}
}

// TestMarkdownSubstantiveList checks that the substantive changes come
// first, one item per substantive pair, in reading order.
func TestMarkdownSubstantiveList(t *testing.T) {
	r := kinds(t)
	doc := renderMD(t, renderMarkdown(t, r, MarkdownOptions{}))
	items := findAll(findAll(doc, "ol")[0], "li")
	var want []string
	for i, p := range r.Pairs {
		if p.Class == align.Substantive {
			want = append(want, fmt.Sprintf("#%d %s: %s", i+1, kindLabel(p.Kind), strings.Join(p.Reasons, "; ")))
		}
	}
	if len(items) != len(want) || len(want) < 3 {
		t.Fatalf("%d items, want %d (at least 3)", len(items), len(want))
	}
	for i, li := range items {
		if got := textOf(li); !strings.HasPrefix(got, collapse(want[i])) {
			t.Errorf("item %d: %q, want it to start %q", i+1, got, want[i])
		}
	}
}

// metachars hold text that would be markup if it were not escaped.
var metachars = []string{
	"*bold* and **strong** and _em_ and __strong__",
	"a | b | c", "`code` and ``more``", "<b>tag</b> <script>alert(1)</script> <!-- c -->",
	"[link](http://example.com) ![img](x.png) [ref][1]", "[1]: http://example.com",
	"# heading", "## h2", "- item", "+ item", "* item", "1. item", "2) item", "> quote",
	"---", "***", "___", "= = =", "~~struck~~ ~sub~", "$x^2$ and $$y$$", "&amp; &copy; &#60; &#x3C;",
	"back\\slash \\* \\", "<http://example.com>", "    indented code", "```fence", "~~~fence",
	"line\nbreak  \nhard", "tab\there", "trailing backslash\\", "|", "\\|", "[^note]", "- [ ] task",
	"<div>block</div>", "www.example.com and a@b.co", "\u00a0nbsp\u2028ls\u2029ps\u0085nel",
	"control\x00\x01\x1b[31m", "\ufffd", "e\u0301 combining", "1\\. escaped", ":emoji: @user #12",
}

// TestMdEscape checks that each metacharacter string renders as itself,
// as a paragraph and inside a table cell, with no markup.
func TestMdEscape(t *testing.T) {
	for _, s := range metachars {
		checkEscaped(t, s)
	}
}

func checkEscaped(t *testing.T, s string) {
	t.Helper()
	want := collapse(strings.ToValidUTF8(s, "\uFFFD"))
	esc := mdEscape(s)
	if strings.ContainsAny(esc, "\n\r") {
		t.Fatalf("mdEscape(%q) = %q holds a line break", s, esc)
	}
	// As a whole paragraph (line start) and after a word.
	for k, src := range []string{esc, "x " + esc} {
		doc := renderMD(t, []byte(src))
		body := findAll(doc, "body")[0]
		w := want
		if k == 1 {
			w = collapse("x " + want)
		}
		if want == "" && src == esc {
			continue
		}
		ps := findAll(body, "p")
		if len(ps) != 1 || len(elements(body)) != 1 {
			t.Fatalf("%q (escaped %q) is not one paragraph: %s", s, src, htmlString(body))
		}
		if got := plainText(ps[0]); got != w {
			t.Fatalf("%q (escaped %q) renders %q, want %q", s, src, got, w)
		}
		checkInline(t, s, ps[0])
	}
	// In a table cell.
	doc := renderMD(t, []byte("| h |\n| --- |\n| "+esc+" |\n"))
	tds := findAll(doc, "td")
	if len(tds) != 1 || len(findAll(doc, "tr")) != 2 {
		t.Fatalf("%q (escaped %q) breaks the table: %s", s, esc, htmlString(doc))
	}
	if got := plainText(tds[0]); got != want {
		t.Fatalf("%q (escaped %q) renders %q in a cell, want %q", s, esc, got, want)
	}
	checkInline(t, s, tds[0])
}

// checkInline fails when escaped text made any element other than an
// autolink (GitHub links bare www. addresses; the text stays the same).
func checkInline(t *testing.T, s string, n *html.Node) {
	t.Helper()
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data != "a" {
			t.Fatalf("%q made <%s>", s, c.Data)
		}
	}
}

// plainText is the text of n, whitespace collapsed, without the spaces
// view puts between elements.
func plainText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return collapse(b.String())
}

func htmlString(n *html.Node) string {
	var b bytes.Buffer
	html.Render(&b, n)
	return b.String()
}

// FuzzMdEscape: any text, escaped, renders as itself (whitespace
// collapsed) in a paragraph and in a table cell, without breaking either.
func FuzzMdEscape(f *testing.F) {
	for _, s := range metachars {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsRune(s, utf8.RuneError) {
			t.Skip() // U+FFFD and invalid UTF-8 are covered by the table test
		}
		checkEscaped(t, s)
	})
}

// TestMdDiffWords checks that changed words are marked word by word: an
// insertion before the first word of A is bold on its own.
func TestMdDiffWords(t *testing.T) {
	for _, tt := range []struct {
		ops  []align.Op
		want string
	}{
		{[]align.Op{{Op: "+", Text: "Officials said "}, {Op: "=", Text: "talks resumed."}}, "**Officials said** talks resumed."},
		{[]align.Op{{Op: "=", Text: "India "}, {Op: "-", Text: "committed"}, {Op: "+", Text: "intends"}, {Op: "=", Text: " to buy"}},
			"India ~~committed~~ **intends** to buy"},
	} {
		if got := mdDiff(tt.ops); got != tt.want {
			t.Errorf("mdDiff(%v) = %q, want %q", tt.ops, got, tt.want)
		}
	}
}

// FuzzMdDiff: any diff renders as a table cell that reads, without its
// bold words, as side A, and without its struck words, as side B; no
// emphasis is left unclosed or opened by accident.
func FuzzMdDiff(f *testing.F) {
	f.Add("=India |-committed|+intends|= to buy|-, agricultural|=, coal")
	f.Add("=barriers to digital trade|-,|+.")
	f.Add("=the benefits of |-theAgreement|+the Agreement|= accrue")
	f.Add("-*a*|+_b_|=|c|+ ~d~ ")
	f.Add("+Officials said |=talks resumed.")
	f.Fuzz(func(t *testing.T, s string) {
		var ops []align.Op
		for _, part := range strings.Split(s, "|") {
			if part == "" {
				continue
			}
			op := part[:1]
			if op != "-" && op != "+" {
				op = "="
			}
			ops = append(ops, align.Op{Op: op, Text: strings.ToValidUTF8(part[1:], "")})
		}
		md := mdDiff(ops)
		if strings.ContainsAny(md, "\n\r") {
			t.Fatalf("line break in %q", md)
		}
		doc := renderMD(t, []byte("| h |\n| --- |\n| "+md+" |\n"))
		tds := findAll(doc, "td")
		if len(tds) != 1 {
			t.Fatalf("%q breaks the table: %s", md, htmlString(doc))
		}
		for _, el := range []string{"em", "code", "img"} {
			if len(findAll(tds[0], el)) > 0 {
				t.Fatalf("%q made <%s>: %s", md, el, htmlString(tds[0]))
			}
		}
		if got, want := spaceless(view(tds[0], 'A')), spaceless(opsText(ops, '-')); got != want {
			t.Fatalf("%q reads in A as %q, want %q", md, got, want)
		}
		if got, want := spaceless(view(tds[0], 'B')), spaceless(opsText(ops, '+')); got != want {
			t.Fatalf("%q reads in B as %q, want %q", md, got, want)
		}
	})
}
