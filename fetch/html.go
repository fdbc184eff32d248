package fetch

import (
	"bytes"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// dropped elements never hold the statement: scripts, styles, navigation,
// page furniture and forms.
var droppedAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Form: true,
	atom.Svg: true, atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Object: true,
	atom.Embed: true, atom.Canvas: true, atom.Head: true, atom.Math: true, atom.Textarea: true,
	atom.Input: true, atom.Dialog: true, atom.Menu: true,
}

// blockAtoms start a new paragraph.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Blockquote: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Section: true,
	atom.Article: true, atom.Main: true, atom.Hr: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Figure: true, atom.Figcaption: true, atom.Pre: true, atom.Address: true, atom.Caption: true,
	atom.Details: true, atom.Summary: true, atom.Body: true, atom.Center: true,
}

// parseHTML converts a whole HTML page to text: page furniture dropped,
// block elements as paragraphs. Offsets and lines of the Document refer to
// its Text.
func parseHTML(doc *Document, body []byte) error {
	gq, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		return err
	}
	doc.Title = pageTitle(gq)
	var root *html.Node
	if b := gq.Find("body").First(); b.Length() > 0 {
		root = b.Get(0)
	} else if len(gq.Nodes) > 0 {
		root = gq.Nodes[0]
	}
	var w htmlWriter
	if root != nil {
		w.walk(root)
	}
	doc.Text = w.text()
	doc.lineStarts = lineIndexString(doc.Text)
	return nil
}

func pageTitle(gq *goquery.Document) string {
	for _, sel := range []string{`meta[property="og:title"]`, `meta[name="twitter:title"]`} {
		if v, ok := gq.Find(sel).First().Attr("content"); ok && strings.TrimSpace(v) != "" {
			return collapse(v)
		}
	}
	if t := collapse(gq.Find("title").First().Text()); t != "" {
		return t
	}
	return collapse(gq.Find("h1").First().Text())
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// htmlWriter accumulates paragraphs of text with whitespace collapsed.
type htmlWriter struct {
	b     strings.Builder
	space bool // whitespace is pending inside the paragraph
	brk   int  // 0 none, 1 line break, 2 paragraph break pending
}

func (w *htmlWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.write(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if droppedAtoms[n.DataAtom] || hidden(n) {
			return
		}
		if n.DataAtom == atom.Br {
			w.lineBreak()
			return
		}
		if n.DataAtom == atom.Img {
			return
		}
	}
	block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
	if block {
		w.paragraph()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.paragraph()
	}
}

// hidden reports elements a browser would not show.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if a.Val == "true" {
				return true
			}
		case "style":
			v := strings.ReplaceAll(strings.ToLower(a.Val), " ", "")
			if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

func (w *htmlWriter) write(s string) {
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			w.space = true
			continue
		}
		if w.b.Len() > 0 {
			switch {
			case w.brk == 2:
				w.b.WriteString("\n\n")
			case w.brk == 1:
				w.b.WriteByte('\n')
			case w.space:
				w.b.WriteByte(' ')
			}
		}
		w.brk, w.space = 0, false
		w.b.WriteRune(r)
	}
}

func (w *htmlWriter) lineBreak() {
	if w.brk < 1 {
		w.brk = 1
	}
}

func (w *htmlWriter) paragraph() { w.brk = 2 }

func (w *htmlWriter) text() string {
	s := w.b.String()
	if s != "" {
		s += "\n"
	}
	return s
}
