package fetch

import (
	"bytes"
	"fmt"
	"strings"

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

// MinWords is the least number of words an extraction should yield; below
// it, the document carries a warning (see Document.Warnings) and compare
// refuses it unless told otherwise.
const MinWords = 50

// parseHTML decodes a web page, extracts its main text and fills doc. The
// Document's offsets and lines refer to its Text.
func parseHTML(doc *Document, raw []byte, contentType string, opt ExtractOptions) error {
	if _, _, bom := sniffBOM(raw); bom == "" && (bytes.IndexByte(raw[:min(len(raw), 64<<10)], 0) >= 0 && controlShare(raw) > 0.1) {
		return fmt.Errorf("%w: too many control characters for a web page", ErrBinary)
	}
	body, cs, how, err := decodeHTML(raw, contentType)
	if err != nil {
		return err
	}
	doc.Format = FormatHTML
	doc.Charset, doc.CharsetSource = cs, how
	if opt.URL == "" && doc.URL != "" {
		opt.URL = doc.URL
	}
	ex, err := extractHTML(body, opt)
	if err != nil {
		return err
	}
	doc.Title = ex.meta.Title
	doc.Byline = ex.meta.Byline
	doc.Published = ex.meta.Published
	doc.Modified = ex.meta.Modified
	doc.Canonical = ex.meta.Canonical
	doc.Language = ex.meta.Language
	doc.Archived = ex.meta.Archived
	doc.Method = ex.method
	doc.Blocks = ex.blocks
	doc.Warnings = append(doc.Warnings, ex.warnings...)
	doc.Text = blocksText(ex.blocks)
	doc.lineStarts = lineIndexString(doc.Text)
	if n := wordCount(doc.Text); n < MinWords {
		doc.Warnings = append(doc.Warnings, fmt.Sprintf("extraction yielded only %d words (method %s); the page may need a site profile or --selector", n, ex.method))
		doc.NearEmpty = true
	}
	return nil
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

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
