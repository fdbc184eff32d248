package fetch

import (
	"encoding/json"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// pageMeta is what a page states about itself.
type pageMeta struct {
	Title     string
	Byline    string
	Published string // as the page states it (ISO 8601 when the page uses it)
	Modified  string
	Canonical string
	Language  string
	Archived  string // for a Wayback Machine capture, the original URL
}

// readMeta reads title, byline, dates, canonical URL and language from the
// page's <head> markup, JSON-LD and <time> elements.
func readMeta(root *html.Node) pageMeta {
	var m pageMeta
	var metaTitle, docTitle, h1, timeAttr string
	var ld []any
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "html":
				if m.Language == "" {
					m.Language = strings.TrimSpace(attr(n, "lang"))
				}
			case "meta":
				key := strings.ToLower(attr(n, "property"))
				if key == "" {
					key = strings.ToLower(attr(n, "name"))
				}
				if key == "" {
					key = strings.ToLower(attr(n, "itemprop"))
				}
				if key == "" {
					key = strings.ToLower(attr(n, "http-equiv"))
				}
				val := collapse(attr(n, "content"))
				if val == "" {
					break
				}
				switch key {
				case "og:title", "twitter:title", "dc.title", "dcterms.title":
					setOnce(&metaTitle, val)
				case "author", "article:author", "dc.creator", "dcterms.creator", "byl", "parsely-author", "sailthru.author":
					if !strings.Contains(val, "://") {
						setOnce(&m.Byline, val)
					}
				case "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
					"date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "dcterms.created",
					"parsely-pub-date", "sailthru.date", "citation_publication_date":
					setOnce(&m.Published, val)
				case "article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "last-modified", "lastmod":
					setOnce(&m.Modified, val)
				case "og:url":
					if m.Canonical == "" {
						m.Canonical = val
					}
				case "content-language", "og:locale":
					if m.Language == "" {
						m.Language = strings.ReplaceAll(val, "_", "-")
					}
				}
			case "link":
				if strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
					if h := strings.TrimSpace(attr(n, "href")); h != "" {
						m.Canonical = h
					}
				}
			case "title":
				if docTitle == "" {
					docTitle = collapse(textOf(n))
				}
			case "h1":
				if h1 == "" {
					h1 = collapse(textOf(n))
				}
			case "time":
				if timeAttr == "" {
					timeAttr = strings.TrimSpace(attr(n, "datetime"))
				}
			case "script":
				src := scriptText(n)
				if strings.EqualFold(strings.TrimSpace(attr(n, "type")), "application/ld+json") {
					var v any
					if json.Unmarshal([]byte(src), &v) == nil {
						ld = append(ld, v)
					}
				} else if m.Archived == "" {
					m.Archived = waybackOriginal(src)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, v := range ld {
		readJSONLD(v, &m, 0)
	}
	if m.Published == "" && timeAttr != "" {
		m.Published = timeAttr
	}
	switch {
	case metaTitle != "":
		m.Title = metaTitle
	case h1 != "":
		m.Title = h1
	default:
		m.Title = docTitle
	}
	return m
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// readJSONLD takes dates and author from schema.org objects in JSON-LD.
func readJSONLD(v any, m *pageMeta, depth int) {
	if depth > 8 {
		return
	}
	switch v := v.(type) {
	case []any:
		for _, e := range v {
			readJSONLD(e, m, depth+1)
		}
	case map[string]any:
		if s, ok := v["datePublished"].(string); ok {
			setOnce(&m.Published, strings.TrimSpace(s))
		}
		if s, ok := v["dateModified"].(string); ok {
			setOnce(&m.Modified, strings.TrimSpace(s))
		}
		if m.Byline == "" {
			m.Byline = ldAuthor(v["author"])
		}
		if g, ok := v["@graph"]; ok {
			readJSONLD(g, m, depth+1)
		}
	}
}

func ldAuthor(v any) string {
	switch v := v.(type) {
	case string:
		if !strings.Contains(v, "://") {
			return collapse(v)
		}
	case map[string]any:
		if s, ok := v["name"].(string); ok {
			return collapse(s)
		}
	case []any:
		var names []string
		for _, e := range v {
			if s := ldAuthor(e); s != "" {
				names = append(names, s)
			}
		}
		return strings.Join(names, ", ")
	}
	return ""
}

var waybackRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`__wm\.wombat\(\s*"([^"]+)"`)
})

// waybackOriginal returns the original URL a Wayback Machine capture names
// in its injected script, or "".
func waybackOriginal(script string) string {
	if !strings.Contains(script, "__wm.wombat") {
		return ""
	}
	if m := waybackRE().FindStringSubmatch(script); m != nil {
		return m[1]
	}
	return ""
}

// scriptText is the source inside a <script> element.
func scriptText(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return b.String()
}
