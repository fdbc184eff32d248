package fetch

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Boilerplate rules. Each removes one family of page furniture that the
// extraction library leaves in (or that misleads it), and each was kept
// because it raised F1 on the extraction benchmark (see the README). They
// can be turned off one by one with ExtractOptions.DisableRules.
const (
	RuleClasses    = "classes"     // containers named for comments, share bars, related stories, newsletters, cookie banners...
	RuleCaptions   = "captions"    // figure captions and photo credits
	RuleLinkBlocks = "link-blocks" // lists and short paragraphs made of links (related stories, "Read more: ...")
	RulePhrases    = "phrases"     // short blocks that are only a boilerplate phrase ("Skip to content", "Advertisement", "Leave a Reply")
)

// Rules lists the boilerplate rules in the order they apply.
var Rules = []string{RuleClasses, RuleCaptions, RuleLinkBlocks, RulePhrases}

// ruleSet says which rules are on.
type ruleSet map[string]bool

func newRuleSet(disabled []string) ruleSet {
	rs := ruleSet{}
	for _, r := range Rules {
		rs[r] = true
	}
	for _, d := range disabled {
		delete(rs, d)
	}
	return rs
}

// boilerplateWords are class/id words naming page furniture. A word matches
// a whole token of a class or id split at '-', '_', spaces and case changes
// ("share-bar", "shareBar", "share_tools" all hold "share").
var boilerplateWords = map[string]bool{
	"comment": true, "comments": true, "commentlist": true, "disqus": true, "respond": true, "reply": true, "replies": true,
	"share": true, "sharing": true, "sharedaddy": true, "social": true, "socials": true, "sharebar": true, "addthis": true, "sociallinks": true,
	"related": true, "relatedposts": true, "recommended": true, "recommendations": true, "outbrain": true, "taboola": true, "trending": true, "popular": true, "morestories": true, "readmore": true,
	"newsletter": true, "subscribe": true, "subscription": true, "signup": true, "optin": true,
	"cookie": true, "cookies": true, "consent": true, "gdpr": true, "cmp": true,
	"promo": true, "advert": true, "advertisement": true, "ad": true, "ads": true, "adslot": true, "sponsor": true, "sponsored": true,
	"breadcrumb": true, "breadcrumbs": true, "pagination": true, "pager": true,
	"tags": true, "tagcloud": true, "taglist": true,
	"author": true, "byline": true, "bio": true, "authorbio": true, "dateline": true, "timestamp": true,
	"caption": true, "credit": true, "credits": true,
	"print": true, "toolbar": true, "tools": true,
}

// keepWords mark containers that hold the text itself, whatever else their
// class says ("article-body share-enabled").
var keepWords = map[string]bool{
	"body": true, "content": true, "text": true, "article": true, "story": true, "entry": true, "main": true, "post": true,
}

// classTokens splits class names and the id into lower-case words. A name
// of more than maxNameWords words is skipped: it is a slug made from a
// heading ("sharing-with-a-single-developer"), not a name for furniture.
func classTokens(n *html.Node) []string {
	var out []string
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		for _, name := range strings.Fields(a.Val) {
			words := splitName(name)
			if len(words) <= maxNameWords {
				out = append(out, words...)
			}
		}
	}
	return out
}

const maxNameWords = 4

// splitName splits a class name or id at '-', '_', ':', '.' and case
// changes, in lower case.
func splitName(name string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	prevLower := false
	for _, r := range name {
		switch {
		case r == '-' || r == '_' || r == ':' || r == '.':
			flush()
			prevLower = false
		case unicode.IsUpper(r) && prevLower:
			flush()
			cur = append(cur, r)
			prevLower = false
		default:
			cur = append(cur, r)
			prevLower = unicode.IsLower(r)
		}
	}
	flush()
	return out
}

// furnitureByClass reports whether n's class or id names page furniture and
// nothing that marks the main text.
func furnitureByClass(n *html.Node) bool {
	toks := classTokens(n)
	bad := false
	for _, t := range toks {
		if keepWords[t] {
			return false
		}
		if boilerplateWords[t] {
			bad = true
		}
	}
	return bad
}

// furnitureRole reports ARIA roles and elements that are never the text.
func furnitureRole(n *html.Node) bool {
	switch strings.ToLower(attr(n, "role")) {
	case "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "alertdialog":
		return true
	}
	return false
}

// textStats measures a subtree: characters of text, of link text, and of
// text inside <p>.
type textStats struct{ chars, linkChars, pChars int }

func measure(n *html.Node) textStats {
	var s textStats
	var walk func(n *html.Node, inLink, inP bool)
	walk = func(n *html.Node, inLink, inP bool) {
		switch n.Type {
		case html.TextNode:
			c := countChars(n.Data)
			s.chars += c
			if inLink {
				s.linkChars += c
			}
			if inP {
				s.pChars += c
			}
			return
		case html.ElementNode:
			if droppedAtoms[n.DataAtom] {
				return
			}
			inLink = inLink || n.DataAtom == atom.A
			inP = inP || n.DataAtom == atom.P
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inLink, inP)
		}
	}
	walk(n, false, false)
	return s
}

// countChars counts non-space characters.
func countChars(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// inlineAtoms are phrasing elements: a class on one of them is not removed
// (it would leave half a sentence: "By <span class=author>…</span>").
var inlineAtoms = map[atom.Atom]bool{
	atom.A: true, atom.Span: true, atom.Strong: true, atom.Em: true, atom.B: true, atom.I: true, atom.U: true,
	atom.Time: true, atom.Abbr: true, atom.Small: true, atom.Sup: true, atom.Sub: true, atom.Cite: true,
	atom.Code: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Font: true, atom.Label: true,
}

// ownText is the text of a subtree outside links: what a container says
// itself rather than points to.
func ownText(s textStats) int { return s.chars - s.linkChars }

// removeFurniture deletes, before the library runs, the containers whose
// class, id or role names page furniture — unless one holds a third or more
// of the page's text outside links (a content wrapper with an unlucky class
// name).
func removeFurniture(root *html.Node) {
	total := ownText(measure(root))
	var victims []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html, atom.Body, atom.Main, atom.Article, atom.Head:
			default:
				if !inlineAtoms[n.DataAtom] && (furnitureRole(n) || furnitureByClass(n)) || isWayback(n) {
					if total == 0 || ownText(measure(n))*3 < total {
						victims = append(victims, n)
						return
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, v := range victims {
		if v.Parent != nil {
			v.Parent.RemoveChild(v)
		}
	}
}

// isWayback reports the toolbar the Wayback Machine injects into captures.
func isWayback(n *html.Node) bool {
	id := attr(n, "id")
	return strings.HasPrefix(id, "wm-ipp") || id == "donato"
}

// cleanArticle applies the rules that work on the library's result.
func cleanArticle(n *html.Node, rules ruleSet) {
	var victims []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if rules[RuleCaptions] && isCaption(n) {
			victims = append(victims, n)
			return
		}
		if rules[RuleClasses] && n.Parent != nil && !inlineAtoms[n.DataAtom] && furnitureByClass(n) {
			s := measure(n)
			if s.chars < 400 || s.linkChars*2 > s.chars {
				victims = append(victims, n)
				return
			}
		}
		if rules[RuleLinkBlocks] && isLinkBlock(n) {
			victims = append(victims, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c)
	}
	for _, v := range victims {
		if v.Parent != nil {
			v.Parent.RemoveChild(v)
		}
	}
}

// isCaption: <figcaption>, and elements named caption or credit.
func isCaption(n *html.Node) bool {
	if n.DataAtom == atom.Figcaption {
		return true
	}
	for _, t := range classTokens(n) {
		switch t {
		case "caption", "credit", "credits", "wp-caption-text", "photocredit", "imagecredit", "figcaption":
			return true
		}
	}
	return false
}

// isLinkBlock: a list whose text is mostly links, or a short paragraph that
// is nearly all one link ("Related: <a>…</a>").
func isLinkBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Ul, atom.Ol:
		s := measure(n)
		return s.chars > 0 && s.linkChars*10 >= s.chars*8
	case atom.P, atom.Div, atom.Section, atom.Aside:
		s := measure(n)
		if s.chars == 0 || s.chars > 200 {
			return false
		}
		return s.linkChars*10 >= s.chars*8
	}
	return false
}

// boilerplatePhrases are whole blocks that are never part of a statement.
// Compared in lower case with punctuation and spaces trimmed.
var boilerplatePhrases = map[string]bool{
	"skip to content": true, "skip to main content": true, "advertisement": true, "advert": true, "ad": true,
	"leave a reply": true, "leave a comment": true, "post a comment": true, "post comment": true, "comments": true, "comment": true,
	"share this": true, "share this article": true, "share this story": true, "share": true, "share on facebook": true, "share on twitter": true,
	"related": true, "related articles": true, "related stories": true, "related posts": true, "related news": true, "you may also like": true, "more stories": true, "read more": true, "read next": true, "recommended": true, "trending": true, "most popular": true,
	"sign up": true, "subscribe": true, "newsletter": true, "continue reading below": true, "continue reading": true, "story continues below advertisement": true,
	"image copyright": true, "image caption": true, "caption": true, "close": true, "enlarge image": true, "this slideshow requires javascript": true,
	"accept": true, "accept cookies": true, "we use cookies": true, "print": true, "email": true, "back to top": true,
}

// cleanBlocks applies the rules that work on the extracted paragraphs.
func cleanBlocks(bs []Block, rules ruleSet) []Block {
	out := bs[:0:0]
	for _, b := range bs {
		if rules[RulePhrases] && isBoilerplatePhrase(b.Text) {
			continue
		}
		out = append(out, b)
	}
	return out
}

func isBoilerplatePhrase(s string) bool {
	if len(s) > 60 {
		return false
	}
	t := strings.ToLower(strings.TrimFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) }))
	return boilerplatePhrases[strings.Join(strings.Fields(t), " ")]
}
