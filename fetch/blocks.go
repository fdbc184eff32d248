package fetch

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Block kinds of extracted text.
const (
	BlockParagraph = "p"
	BlockHeading   = "h"
	BlockItem      = "li"
	BlockQuote     = "quote"
	BlockPre       = "pre"
)

// Block is one paragraph of extracted text.
type Block struct {
	Kind  string `json:"kind"`            // BlockParagraph, BlockHeading, ...
	Level int    `json:"level,omitempty"` // heading level 1-6
	Text  string `json:"text"`
}

// blockWriter turns a DOM subtree into blocks: block elements start new
// blocks, whitespace is collapsed, <br> becomes a line break inside a block,
// and elements a reader never sees are skipped.
type blockWriter struct {
	blocks []Block
	cur    strings.Builder
	kind   string
	level  int
	space  bool // whitespace pending inside the block
	brk    bool // line break pending inside the block
	pre    int  // depth inside <pre>
	skip   func(*html.Node) bool
}

func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.write(n.Data)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		if droppedAtoms[n.DataAtom] || hidden(n) || (w.skip != nil && w.skip(n)) {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			if w.cur.Len() > 0 {
				w.brk = true
			}
			return
		case atom.Img, atom.Picture, atom.Video, atom.Audio, atom.Source:
			return
		}
	}
	kind, level := "", 0
	if n.Type == html.ElementNode && blockAtoms[n.DataAtom] {
		kind = BlockParagraph
		switch n.DataAtom {
		case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
			kind, level = BlockHeading, int(n.Data[1]-'0')
		case atom.Li, atom.Dd, atom.Dt:
			kind = BlockItem
		case atom.Blockquote:
			kind = BlockQuote
		case atom.Pre:
			kind = BlockPre
		}
		w.flush()
		if kind != BlockParagraph || w.kind == "" {
			w.kind, w.level = kind, level
		}
	}
	if n.DataAtom == atom.Pre {
		w.pre++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.DataAtom == atom.Pre {
		w.pre--
	}
	if kind != "" {
		w.flush()
	}
}

func (w *blockWriter) write(s string) {
	if w.pre > 0 {
		for _, line := range strings.Split(s, "\n") {
			if w.brk {
				w.cur.WriteByte('\n')
				w.brk = false
			}
			w.cur.WriteString(strings.TrimRight(line, " \t\r"))
			w.brk = true
		}
		w.brk = false
		if strings.HasSuffix(s, "\n") {
			w.brk = w.cur.Len() > 0
		}
		return
	}
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00A0' && w.cur.Len() == 0 {
			w.space = true
			continue
		}
		if w.cur.Len() > 0 {
			switch {
			case w.brk:
				w.cur.WriteByte('\n')
			case w.space:
				w.cur.WriteByte(' ')
			}
		}
		w.brk, w.space = false, false
		w.cur.WriteRune(r)
	}
}

// flush ends the current block.
func (w *blockWriter) flush() {
	t := strings.TrimSpace(w.cur.String())
	if t != "" {
		kind := w.kind
		if kind == "" {
			kind = BlockParagraph
		}
		w.blocks = append(w.blocks, Block{Kind: kind, Level: w.level, Text: t})
		w.kind, w.level = "", 0
	}
	w.cur.Reset()
	w.space, w.brk = false, false
}

// nodeBlocks returns the blocks of the subtree at n.
func nodeBlocks(n *html.Node, skip func(*html.Node) bool) []Block {
	w := blockWriter{skip: skip}
	w.walk(n)
	w.flush()
	return w.blocks
}

// blocksText joins blocks as paragraphs separated by blank lines.
func blocksText(bs []Block) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.Text)
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// blocksMarkdown renders blocks as Markdown: headings with #, list items
// with -, quotes with >, preformatted text fenced.
func blocksMarkdown(bs []Block) string {
	var b strings.Builder
	for i, bl := range bs {
		if i > 0 {
			b.WriteString("\n\n")
		}
		switch bl.Kind {
		case BlockHeading:
			b.WriteString(strings.Repeat("#", max(1, min(bl.Level, 6))) + " " + strings.ReplaceAll(bl.Text, "\n", " "))
		case BlockItem:
			b.WriteString("- " + strings.ReplaceAll(bl.Text, "\n", "\n  "))
		case BlockQuote:
			b.WriteString("> " + strings.ReplaceAll(bl.Text, "\n", "\n> "))
		case BlockPre:
			b.WriteString("```\n" + bl.Text + "\n```")
		default:
			b.WriteString(escapeMarkdownStart(bl.Text))
		}
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}

// escapeMarkdownStart keeps a paragraph that starts like a heading, quote,
// list item or fence from being read as one.
func escapeMarkdownStart(s string) string {
	t := strings.TrimLeft(s, " ")
	switch {
	case strings.HasPrefix(t, "#"), strings.HasPrefix(t, ">"), strings.HasPrefix(t, "- "), strings.HasPrefix(t, "* "),
		strings.HasPrefix(t, "+ "), strings.HasPrefix(t, "```"), strings.HasPrefix(t, "~~~"):
		return "\\" + t
	}
	return s
}

// wordCount counts words the way a reader would: runs of letters or digits
// separated by spaces; in scripts written without spaces (Chinese, Japanese,
// Thai, ...) every two characters count as one word.
func wordCount(s string) int {
	n, inWord, cjk := 0, false, 0
	for _, r := range s {
		switch {
		case isCJK(r):
			cjk++
			inWord = false
		case r == ' ' || r == '\n' || r == '\t' || r == '\u00A0':
			inWord = false
		default:
			if !inWord {
				n++
				inWord = true
			}
		}
	}
	return n + (cjk+1)/2
}

func isCJK(r rune) bool {
	return r >= 0x2E80 && r <= 0x9FFF || r >= 0xAC00 && r <= 0xD7AF || r >= 0xF900 && r <= 0xFAFF ||
		r >= 0x0E00 && r <= 0x0E7F || r >= 0x20000 && r <= 0x2FA1F
}

// WordCount counts the words of s (see wordCount): runs of letters and
// digits, and two characters as one word in scripts written without spaces.
func WordCount(s string) int { return wordCount(s) }

// Paragraphs returns the paragraphs of d: the extracted blocks of an HTML
// page, or the blank-line separated paragraphs of its Text.
func Paragraphs(d *Document) []Block {
	if d.Blocks != nil {
		return d.Blocks
	}
	out := []Block{}
	for _, p := range strings.Split(d.Text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, Block{Kind: BlockParagraph, Text: p})
		}
	}
	return out
}

// Markdown renders d's main text as Markdown. A Markdown input is
// returned as its plain text.
func Markdown(d *Document) string {
	if d.Blocks != nil {
		return blocksMarkdown(d.Blocks)
	}
	return d.Text
}
