package fetch

import (
	"strings"
	"testing"
)

func mdDoc(t testing.TB, src string) *Document {
	t.Helper()
	d, err := Parse("x.md", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Format != FormatMarkdown {
		t.Fatalf("format %q, want markdown", d.Format)
	}
	return d
}

func TestMarkdownText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "One line\nwrapped.\n\nTwo.\n", "One line\nwrapped.\n\nTwo."},
		{"emphasis", "**ACHIEVING TRADE:** The *big* _deal_ and __more__ ~~gone~~.\n",
			"ACHIEVING TRADE: The big deal and more gone."},
		{"lone asterisk stays", "Prices * rose. A footnote*.\n", "Prices * rose. A footnote*."},
		{"intraword underscore stays", "snake_case_name stays\n", "snake_case_name stays"},
		{"escapes", "\\###\n\nA \\*literal\\* star and 5\\. item\n", "###\n\nA *literal* star and 5. item"},
		{"headings", "# Title #\nText under.\n## Sub\n", "Title\n\nText under.\n\nSub"},
		{"setext", "Title\n=====\nBody text.\n", "Title\n\nBody text."},
		{"lists", "Intro:\n-   First item\n    continues here.\n-   Second\n    -   Nested\n1. Numbered\n",
			"Intro:\n\nFirst item\ncontinues here.\n\nSecond\n\nNested\n\nNumbered"},
		{"pandoc separator comments", "-   One.\n\n    <!-- -->\n\n    -   Two.\n", "One.\n\nTwo."},
		{"inline html", "<span style=\"letter-spacing: 0.2px\">India will\nact.</span> Done.\n", "India will\nact. Done."},
		{"comment across lines", "Before <!-- a\nb --> after.\n", "Before  after."},
		{"block comment", "<!--\nhidden\n-->\nShown.\n", "Shown."},
		{"links and images", "See [the text](https://x.gov/a \"t\") and ![a chart](c.png) and [ref][1].\n\n[1]: https://x.gov\n",
			"See the text and a chart and ref."},
		{"brackets stay", "He said [sic] it.\n", "He said [sic] it."},
		{"pandoc spans", "A [word]{.underline} here.\n", "A word here."},
		{"code", "Run `go test` now.\n\n```\nraw *text*\n```\n", "Run go test now.\n\nraw *text*"},
		{"entities", "AT&amp;T &#8217; &#x2019; &nbsp;x &bogus; & done\n", "AT&T ’ ’ \u00a0x &bogus; & done"},
		{"blockquote", "> Quoted line\n> more.\n", "Quoted line\nmore."},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", "a\n\nb\n\n1\n\n2"},
		{"hard breaks", "one\\\ntwo  \nthree\n", "one\ntwo\nthree"},
		{"rule", "Above\n\n---\n\nBelow\n", "Above\n\nBelow"},
		{"br tag", "a<br>b<p>c</p>\n", "a\nb\n\nc"},
		{"script tag dropped", "a <script>var x = 1;</script> b\n", "a  b"},
		{"autolink", "Visit <https://www.whitehouse.gov> today.\n", "Visit https://www.whitehouse.gov today."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mdDoc(t, "---\ntitle: x\n---\n"+tt.in)
			got := strings.TrimSpace(d.Text)
			if got != tt.want {
				t.Errorf("have %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFrontMatterTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"---\ntitle: 'Fact Sheet: The United States and India'\n---\nBody\n", "Fact Sheet: The United States and India"},
		{"---\ndate: x\ntitle: \"Readout of President Joe\\_Biden\\u2019s Meeting with President Xi Jinping of\\\n  \\ the People\\u2019s Republic of\\_China\"\n---\n",
			// YAML's \_ is a no-break space; titles fold all spaces to one.
			"Readout of President Joe Biden’s Meeting with President Xi Jinping of the People’s Republic of China"},
		{"---\ntitle: Plain title # comment\n---\n", "Plain title"},
		{"---\ntitle: 'It''s folded\n  over lines'\n---\n", "It's folded over lines"},
		{"---\ntitle: >\n  Folded block\n  scalar\n---\n", "Folded block scalar"},
		{"---\nno: title\n---\n", ""},
	}
	for _, tt := range tests {
		d := mdDoc(t, tt.in)
		if d.Title != tt.want {
			t.Errorf("title of %q = %q, want %q", tt.in, d.Title, tt.want)
		}
	}
	// Without a closing line there is no front matter: the text stays.
	d := mdDoc(t, "---\ntitle: x\nBody\n")
	if d.Title != "" || !strings.Contains(d.Text, "Body") {
		t.Errorf("unclosed front matter: title %q, text %q", d.Title, d.Text)
	}
}

// Every byte of a Markdown document's text maps back to the line it came
// from.
func TestMarkdownSourceMap(t *testing.T) {
	src := "---\ntitle: T\n---\n\n**Lead:** first\nparagraph.\n\n-   <span>Item one</span>\n    continues.\n-   Item &amp; two.\n"
	d := mdDoc(t, src)
	for _, c := range []struct {
		text string
		line int
	}{{"Lead", 5}, {"first", 5}, {"paragraph", 6}, {"Item one", 8}, {"continues", 9}, {"Item & two", 10}} {
		i := strings.Index(d.Text, c.text)
		if i < 0 {
			t.Fatalf("%q not in %q", c.text, d.Text)
		}
		if got := d.Line(i); got != c.line {
			t.Errorf("%q on line %d, want %d", c.text, got, c.line)
		}
		// Copied text maps to the same bytes in the source.
		if c.text != "Item & two" {
			if off := d.SourceOffset(i); src[off:off+len(c.text)] != c.text {
				t.Errorf("%q maps to %q", c.text, src[off:off+len(c.text)])
			}
		}
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: \"a\\u2019b\"\n---\n# H\n\n**b** _i_ [l](u) ![i](s) <span a=\"b>c\">x</span> <!-- c --> `code` \\*\n\n-   item\n    more\n| t | u |\n",
		"[unclosed *emph _and `tick <tag &amp",
		"```\nfenced\n",
		"<!--\nunclosed comment",
		"---\ntitle: \"\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse("f.md", []byte(s), FormatMarkdown)
		if err != nil {
			return // binary or not UTF-8: rejected with an error
		}
		for i := range d.Text {
			off := d.SourceOffset(i)
			if off < 0 || off > len(s) {
				t.Fatalf("offset %d of text byte %d outside the source (%d bytes)", off, i, len(s))
			}
			if l := d.Line(i); l < 1 || l > strings.Count(s, "\n")+1 {
				t.Fatalf("line %d out of range", l)
			}
		}
	})
}
