package fetch

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	nurl "net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// Extractors (ExtractOptions.Extractor).
const (
	ExtractorAuto        = "auto"        // profile, else the library with boilerplate rules and fallback
	ExtractorReadability = "readability" // the library alone
	ExtractorPage        = "page"        // the whole page, furniture dropped
)

// Extraction methods, as reported in Document.Method.
const (
	MethodReadability = "readability"                // the library alone
	MethodRules       = "readability+rules"          // the library after and before boilerplate rules
	MethodFallback    = "readability+rules+fallback" // the library on the page as it is, then the rules (see autoBlocks)
	MethodPage        = "page"                       // the whole page, furniture dropped
	MethodSelector    = "selector"                   // --selector
	methodProfile     = "profile:"                   // + profile name
)

// ExtractOptions control main-text extraction from HTML.
type ExtractOptions struct {
	// URL is the page's address: it selects site profiles and resolves
	// relative links. For a saved page, the address it was saved from.
	URL string
	// Selector, a CSS selector, picks the body of the statement and
	// overrides profiles and the library.
	Selector string
	// Profiles are tried before the built-in profiles.
	Profiles []*Profile
	// NoProfiles turns the built-in profiles off.
	NoProfiles bool
	// Extractor is ExtractorAuto (default), ExtractorReadability or
	// ExtractorPage.
	Extractor string
	// DisableRules turns boilerplate rules off (see Rules).
	DisableRules []string
}

// extraction is what extractHTML finds in a page.
type extraction struct {
	meta     pageMeta
	method   string
	blocks   []Block
	warnings []string
}

var discardLogger = slog.New(slog.NewTextHandler(io.Discard, nil))

// extractHTML finds the main text of a decoded (UTF-8) page.
func extractHTML(body []byte, opt ExtractOptions) (*extraction, error) {
	root, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	ex := &extraction{meta: readMeta(root)}
	var pageURL *nurl.URL
	if opt.URL != "" {
		pageURL, _ = nurl.Parse(opt.URL)
	}
	if pageURL == nil && ex.meta.Canonical != "" {
		if u, err := nurl.Parse(ex.meta.Canonical); err == nil && u.IsAbs() {
			pageURL = u
		}
	}

	switch {
	case opt.Selector != "":
		p := &Profile{Name: "selector", Body: opt.Selector}
		if err := p.compile(); err != nil {
			return nil, fmt.Errorf("--selector: %w", err)
		}
		ex.method = MethodSelector
		blocks, warns := p.extract(root, &ex.meta)
		if len(blocks) == 0 {
			ex.warnings = append(ex.warnings, fmt.Sprintf("--selector %q matched no text; fell back to automatic extraction", opt.Selector))
			break
		}
		ex.blocks, ex.warnings = blocks, warns
		return ex, nil
	case opt.Extractor == ExtractorPage:
		ex.method = MethodPage
		ex.blocks = pageBlocks(root)
		return ex, nil
	case opt.Extractor == ExtractorReadability:
		ex.method = MethodReadability
		ex.blocks = readabilityBlocks(root, pageURL, &ex.meta, nil, false)
		return ex, nil
	default:
		if p := findProfile(opt, pageURL); p != nil {
			blocks, warns := p.extract(root, &ex.meta)
			ex.warnings = append(ex.warnings, warns...)
			if len(blocks) > 0 {
				ex.method = methodProfile + p.Name
				ex.blocks = blocks
				return ex, nil
			}
		}
	}
	ex.blocks, ex.method = autoBlocks(root, pageURL, &ex.meta, newRuleSet(opt.DisableRules))
	return ex, nil
}

// autoBlocks runs the library with the boilerplate rules. If the page
// cleaned of furniture yields too little — the rules or the library went
// wrong — it runs the library on the page as it is, and keeps the longer
// result.
func autoBlocks(root *html.Node, pageURL *nurl.URL, meta *pageMeta, rules ruleSet) ([]Block, string) {
	blocks := readabilityBlocks(root, pageURL, meta, rules, rules[RuleClasses])
	if !rules[RuleClasses] || wordCount(blocksText(blocks)) >= fallbackWords {
		return blocks, MethodRules
	}
	alt := readabilityBlocks(root, pageURL, meta, rules, false)
	if wordCount(blocksText(alt)) > wordCount(blocksText(blocks)) {
		return alt, MethodFallback
	}
	return blocks, MethodRules
}

// fallbackWords: an automatic extraction shorter than this is tried again
// another way.
const fallbackWords = 2 * MinWords

// readabilityBlocks runs the library on a copy of the page; with rules, it
// removes furniture first (if pre) and cleans the result.
func readabilityBlocks(root *html.Node, pageURL *nurl.URL, meta *pageMeta, rules ruleSet, pre bool) []Block {
	doc := cloneTree(root)
	if pre {
		removeFurniture(doc)
	}
	p := readabilityParser()
	art, err := p.ParseAndMutate(doc, pageURL)
	if err != nil || art.Node == nil {
		return nil
	}
	if meta.Byline == "" {
		meta.Byline = collapse(art.Byline())
	}
	if meta.Language == "" {
		meta.Language = art.Language()
	}
	if meta.Title == "" {
		meta.Title = collapse(art.Title())
	}
	cleanArticle(art.Node, rules)
	return cleanBlocks(nodeBlocks(art.Node, nil), rules)
}

// pageBlocks is the text of the whole page with furniture dropped.
func pageBlocks(root *html.Node) []Block {
	body := findElement(root, "body")
	if body == nil {
		body = root
	}
	return nodeBlocks(body, nil)
}

func findElement(n *html.Node, name string) *html.Node {
	if n.Type == html.ElementNode && n.Data == name {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findElement(c, name); f != nil {
			return f
		}
	}
	return nil
}

// cloneTree deep-copies a node tree.
func cloneTree(n *html.Node) *html.Node {
	c := &html.Node{Type: n.Type, DataAtom: n.DataAtom, Data: n.Data, Namespace: n.Namespace}
	if len(n.Attr) > 0 {
		c.Attr = append([]html.Attribute(nil), n.Attr...)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.AppendChild(cloneTree(k))
	}
	return c
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var f func(*html.Node)
	f = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			f(c)
		}
	}
	f(n)
	return b.String()
}

func readabilityParser() readability.Parser {
	p := readability.NewParser()
	p.Logger = discardLogger
	p.KeepClasses = true
	return p
}
