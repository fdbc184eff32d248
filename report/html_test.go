package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/align"
	"golang.org/x/net/html"
)

func renderHTML(t testing.TB, r *align.Result, opt HTMLOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := HTML(&buf, r, testMeta, opt); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func parseHTML(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	return strings.Contains(" "+attr(n, "class")+" ", " "+c+" ")
}

// byID indexes the elements of doc by id.
func byID(doc *html.Node) map[string]*html.Node {
	m := map[string]*html.Node{}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				m[id] = n
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return m
}

// cellText is the text of a table cell without its paragraph number.
func cellText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && hasClass(n, "pn") {
			return
		}
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

// checkHTMLSafe fails on anything in the page but our markup: a script, an
// element that loads or embeds, an event handler attribute, a link that
// is not an in-page anchor or an http(s) source URL, or a second style.
func checkHTMLSafe(t *testing.T, doc *html.Node) {
	t.Helper()
	allowed := map[string]bool{}
	for _, e := range strings.Fields("html head meta title style body header main section footer h1 h2 h3 p strong span " +
		"table caption colgroup col thead tbody tr th td code a ol ul li br del ins div input label") {
		allowed[e] = true
	}
	styles := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if !allowed[n.Data] {
				t.Errorf("unexpected element <%s>", n.Data)
			}
			if n.Data == "style" {
				styles++
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || a.Key == "style" || a.Key == "src" || a.Key == "srcdoc" || a.Key == "action" {
					t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "a" {
				href := attr(n, "href")
				if !strings.HasPrefix(href, "#") && !strings.HasPrefix(href, "http://") && !strings.HasPrefix(href, "https://") {
					t.Errorf("link to %q", href)
				}
			}
			if n.Data == "meta" && attr(n, "http-equiv") != "" && attr(n, "http-equiv") != "Content-Security-Policy" {
				t.Errorf("meta http-equiv=%q", attr(n, "http-equiv"))
			}
			if n.Data == "input" && attr(n, "id") != "only" {
				t.Errorf("unexpected input %v", n.Attr)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if styles != 1 {
		t.Errorf("%d style elements, want 1", styles)
	}
}

// TestHTMLStructure checks the page against the alignment: one row per
// pair in order, each cell holding its side's words with the removed and
// added ones marked, empty cells where a side has none, moves linked both
// ways, and the substantive changes listed with links to their rows.
func TestHTMLStructure(t *testing.T) {
	t.Run("kinds", func(t *testing.T) { checkStructure(t, kinds(t)) })
	t.Run("long", func(t *testing.T) {
		r := long(t)
		if len(r.Pairs) < 2*chunkRows {
			t.Fatalf("the long fixture has %d pairs; it should span several chunks", len(r.Pairs))
		}
		checkStructure(t, r)
	})
}

func checkStructure(t *testing.T, r *align.Result) {
	out := renderHTML(t, r, HTMLOptions{})
	doc := parseHTML(t, out)
	checkHTMLSafe(t, doc)
	ids := byID(doc)

	root := findAll(doc, "html")[0]
	if attr(root, "lang") != "en" {
		t.Errorf("html lang=%q", attr(root, "lang"))
	}
	head := elements(findAll(doc, "head")[0])
	if head[0].Data != "meta" || attr(head[0], "charset") != "utf-8" ||
		attr(head[1], "http-equiv") != "Content-Security-Policy" {
		t.Errorf("head must open with the charset, then the CSP")
	}
	csp := attr(head[1], "content")
	style := findAll(doc, "style")[0].FirstChild.Data
	sum := sha256.Sum256([]byte(style))
	for _, want := range []string{"default-src 'none'", "style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe") {
		t.Errorf("CSP %q allows too much", csp)
	}

	var rows []*html.Node
	for _, tb := range findAll(doc, "table") {
		if hasClass(tb, "pairs") {
			rows = append(rows, findAll(findAll(tb, "tbody")[0], "tr")...)
		}
	}
	var pairRows []*html.Node
	ghosts := 0
	for _, tr := range rows {
		switch {
		case strings.HasPrefix(attr(tr, "id"), "p"):
			pairRows = append(pairRows, tr)
		case hasClass(tr, "gh"):
			ghosts++
		default:
			t.Errorf("row %v is neither a pair nor a move marker", tr.Attr)
		}
	}
	if len(pairRows) != len(r.Pairs) {
		t.Fatalf("%d pair rows, want %d", len(pairRows), len(r.Pairs))
	}
	if ghosts != r.Summary.Moved || ghosts == 0 {
		t.Errorf("%d move markers, want %d (and the fixture has moves)", ghosts, r.Summary.Moved)
	}
	for i, p := range r.Pairs {
		tr := pairRows[i]
		if attr(tr, "id") != fmt.Sprintf("p%d", i+1) {
			t.Errorf("row %d has id %q", i+1, attr(tr, "id"))
		}
		cells := children(tr, "td")
		if len(cells) != 2 {
			t.Fatalf("row %d has %d cells", i+1, len(cells))
		}
		wantA, wantB := collapse(sideText(r.A, p.A)), collapse(sideText(r.B, p.B))
		var dels, inss []string
		if p.Kind == align.Changed {
			wantA, wantB = collapse(opsText(p.Diff, '-')), collapse(opsText(p.Diff, '+'))
			for _, op := range p.Diff {
				switch op.Op {
				case "-":
					dels = append(dels, collapse(op.Text))
				case "+":
					inss = append(inss, collapse(op.Text))
				}
			}
		}
		for k, c := range []struct {
			cell      *html.Node
			want      string
			present   bool
			marks     []string
			tag, none string
		}{{cells[0], wantA, len(p.A) > 0, dels, "del", "not in A"}, {cells[1], wantB, len(p.B) > 0, inss, "ins", "not in B"}} {
			side := "AB"[k : k+1]
			if !c.present {
				if !hasClass(c.cell, "x") || cellText(c.cell) != c.none {
					t.Errorf("row %d: cell %s should be empty (hatched, %q for screen readers), is %q", i+1, side, c.none, cellText(c.cell))
				}
				continue
			}
			if got := cellText(c.cell); got != c.want {
				t.Errorf("row %d: cell %s reads\n%q, want\n%q", i+1, side, got, c.want)
			}
			var got []string
			for _, m := range findAll(c.cell, c.tag) {
				got = append(got, cellText(m))
			}
			if strings.Join(got, "|") != strings.Join(c.marks, "|") {
				t.Errorf("row %d: <%s> %q, want %q", i+1, c.tag, got, c.marks)
			}
		}
		if p.Class != "" && !hasClass(tr, string(p.Class)) {
			t.Errorf("row %d lacks class %s", i+1, p.Class)
		}
		label := cellText(children(tr, "th")[0])
		for _, reason := range p.Reasons {
			if !strings.Contains(label, collapse(reason)) {
				t.Errorf("row %d label %q lacks reason %q", i+1, label, reason)
			}
		}
		if p.Moved != hasClass(tr, "mv") {
			t.Errorf("row %d: moved %v, class %q", i+1, p.Moved, attr(tr, "class"))
		}
	}

	// Every move link resolves, and its target links back.
	links := 0
	for _, a := range findAll(doc, "a") {
		if !hasClass(a, "mvl") {
			continue
		}
		links++
		target := ids[strings.TrimPrefix(attr(a, "href"), "#")]
		if target == nil {
			t.Errorf("move link %q has no target", attr(a, "href"))
			continue
		}
		from := a
		for from.Data != "tr" {
			from = from.Parent
		}
		back := false
		for _, b := range findAll(target, "a") {
			if hasClass(b, "mvl") && attr(b, "href") == "#"+attr(from, "id") {
				back = true
			}
		}
		if !back {
			t.Errorf("row %s links to %s, which does not link back", attr(from, "id"), attr(target, "id"))
		}
	}
	if links != 2*r.Summary.Moved {
		t.Errorf("%d move links, want %d", links, 2*r.Summary.Moved)
	}

	// The substantive changes come first, each linking to its row.
	var want []string
	for i, p := range r.Pairs {
		if p.Class == align.Substantive {
			want = append(want, fmt.Sprintf("#p%d", i+1))
		}
	}
	var got []string
	for _, li := range findAll(findAll(doc, "ol")[0], "li") {
		got = append(got, attr(findAll(li, "a")[0], "href"))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") || len(want) < 3 {
		t.Errorf("substantive list %v, want %v", got, want)
	}
}

// TestHTMLChangesOnly checks the CSS-only toggle: checked when asked, and
// a sibling before the table, as the selector needs.
func TestHTMLChangesOnly(t *testing.T) {
	r := kinds(t)
	for _, on := range []bool{false, true} {
		doc := parseHTML(t, renderHTML(t, r, HTMLOptions{ChangesOnly: on}))
		in := byID(doc)["only"]
		if in == nil || attr(in, "type") != "checkbox" {
			t.Fatal("no changes-only checkbox")
		}
		_, checked := func() (string, bool) {
			for _, a := range in.Attr {
				if a.Key == "checked" {
					return a.Val, true
				}
			}
			return "", false
		}()
		if checked != on {
			t.Errorf("ChangesOnly %v: checkbox checked %v", on, checked)
		}
		sib := in.NextSibling
		for sib != nil && !(sib.Type == html.ElementNode && sib.Data == "div") {
			sib = sib.NextSibling
		}
		if sib == nil || !hasClass(sib, "ch") || !hasClass(elements(sib)[0], "pairs") {
			t.Error("the pairs table does not follow the checkbox")
		}
	}
	if !strings.Contains(htmlCSS, ".tgl:checked ~ .ch tr.s:not(.mv) { display: none; }") {
		t.Error("the style sheet lacks the changes-only rule")
	}
}

// TestHTMLEscapesEverything renders the XSS corpus: the page holds none of
// the injected markup, and every line of both documents reads back as
// text, unchanged.
func TestHTMLEscapesEverything(t *testing.T) {
	r := xssResult(t)
	out := renderHTML(t, r, HTMLOptions{})
	doc := parseHTML(t, out)
	checkHTMLSafe(t, doc)
	if bytes.Contains(bytes.ToLower(out), []byte("<script")) {
		t.Error("the page holds <script")
	}
	text := cellText(findAll(doc, "body")[0])
	for _, s := range append(append([]string{}, r.A.Doc.Title, r.B.Doc.Title), r.A.Doc.Warnings...) {
		if !strings.Contains(text, collapse(s)) {
			t.Errorf("the page does not show %q as text", s)
		}
	}
	for _, side := range []align.Side{r.A, r.B} {
		for _, g := range side.Segments {
			if !strings.Contains(text, collapse(g.Text)) {
				t.Errorf("the page does not show the line %q as text", g.Text)
			}
		}
	}
	for _, a := range findAll(doc, "a") {
		if strings.Contains(attr(a, "href"), "javascript") {
			t.Errorf("link %q", attr(a, "href"))
		}
	}
}
