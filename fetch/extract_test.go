package fetch

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// goldenExtract renders what extraction found in a page: the metadata, the
// method, the warnings and the text as Markdown (which shows block kinds).
func goldenExtract(d *Document) string {
	var b strings.Builder
	field := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	field("title", d.Title)
	field("byline", d.Byline)
	field("published", d.Published)
	field("modified", d.Modified)
	field("canonical", d.Canonical)
	field("language", d.Language)
	field("charset", d.Charset+" ("+d.CharsetSource+")")
	field("method", d.Method)
	for _, w := range d.Warnings {
		field("warning", w)
	}
	b.WriteString("---\n")
	b.WriteString(Markdown(d))
	return b.String()
}

func checkGolden(t *testing.T, name, have string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", "extract", name)
	if *update {
		if err := os.WriteFile(path, []byte(have), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./fetch -run %s -update to create it)", err, t.Name())
	}
	if have != string(want) {
		t.Errorf("%s differs from the golden file %s\n--- have ---\n%s\n--- want ---\n%s", name, path, have, want)
	}
}

// TestExtractGolden runs extraction on the pages in testdata/pages, written
// for these tests: statements surrounded by navigation, cookie banners,
// share bars, related stories, comments and newsletter boxes.
func TestExtractGolden(t *testing.T) {
	pages, err := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	if err != nil || len(pages) == 0 {
		t.Fatalf("no test pages: %v", err)
	}
	for _, p := range pages {
		name := strings.TrimSuffix(filepath.Base(p), ".html")
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			d, err := ParseHTML(filepath.Base(p), raw, "", ExtractOptions{})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, name+".txt", goldenExtract(d))
		})
	}
}

// furniture is text from the test pages that must never reach the
// extracted statement.
var furniture = []string{
	"cookies", "Skip to", "Share", "Subscribe", "Related", "Leave a Reply", "Reader One",
	"Latest statements", "Recent readouts", "More news", "Privacy", "Tags:", "figcaption",
	"Department photo", "The Secretary speaks with farmers", "Read more", "Accept",
	"Photo: Ministry", "See also", "Fisheries talks", "Posted in", "thoughts on",
}

func TestExtractDropsFurniture(t *testing.T) {
	for _, name := range []string{"ministry-statement", "readout-comments", "press-release-figures"} {
		raw, err := os.ReadFile(filepath.Join("testdata", "pages", name+".html"))
		if err != nil {
			t.Fatal(err)
		}
		d, err := ParseHTML(name, raw, "", ExtractOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range furniture {
			if strings.Contains(d.Text, f) {
				t.Errorf("%s: extracted text holds furniture %q:\n%s", name, f, d.Text)
			}
		}
		if d.NearEmpty || len(d.Warnings) > 0 {
			t.Errorf("%s: unexpected warnings %q", name, d.Warnings)
		}
		// The library alone keeps some of it: the rules are what removes it.
		lib, err := ParseHTML(name, raw, "", ExtractOptions{Extractor: ExtractorReadability})
		if err != nil {
			t.Fatal(err)
		}
		if lib.Method != MethodReadability {
			t.Errorf("%s: method %q, want %q", name, lib.Method, MethodReadability)
		}
		kept := 0
		for _, f := range furniture {
			if strings.Contains(lib.Text, f) {
				kept++
			}
		}
		// (WordPress comment sections the library removes by itself.)
		if kept == 0 && name != "readout-comments" {
			t.Errorf("%s: the library alone keeps no furniture; the page no longer tests the rules", name)
		}
	}
}

func TestExtractNearEmptyWarns(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", "app-shell.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseHTML("app-shell.html", raw, "", ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !d.NearEmpty || len(d.Warnings) == 0 || !strings.Contains(d.Warnings[len(d.Warnings)-1], "only 1 words") {
		t.Errorf("near-empty page: NearEmpty=%v warnings=%q", d.NearEmpty, d.Warnings)
	}
}

func TestExtractSelector(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", "ministry-statement.html"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseHTML("m.html", raw, "", ExtractOptions{Selector: "aside.sidebar li"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != MethodSelector || len(d.Blocks) != 3 || d.Blocks[0].Text != "Minister to visit the southern region" {
		t.Errorf("selector: method %q, blocks %+v", d.Method, d.Blocks)
	}
	// A selector that matches nothing warns and falls back.
	d, err = ParseHTML("m.html", raw, "", ExtractOptions{Selector: "#no-such-thing"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != MethodRules || len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `--selector "#no-such-thing" matched no text`) {
		t.Errorf("empty selector: method %q, warnings %q", d.Method, d.Warnings)
	}
	if !strings.Contains(d.Text, "Northern Fisheries Agreement") {
		t.Errorf("fallback lost the statement:\n%s", d.Text)
	}
	if _, err := ParseHTML("m.html", raw, "", ExtractOptions{Selector: "p[["}); err == nil || !strings.Contains(err.Error(), "--selector") {
		t.Errorf("bad selector: err %v", err)
	}
}

func TestExtractDisableRule(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pages", "press-release-figures.html"))
	if err != nil {
		t.Fatal(err)
	}
	on, _ := ParseHTML("p.html", raw, "", ExtractOptions{})
	off, _ := ParseHTML("p.html", raw, "", ExtractOptions{DisableRules: []string{RuleCaptions}})
	const caption = "A field of winter wheat"
	if strings.Contains(on.Text, caption) || !strings.Contains(off.Text, caption) {
		t.Errorf("captions rule: with it %v, without it %v (want false, true)", strings.Contains(on.Text, caption), strings.Contains(off.Text, caption))
	}
}

// sharedPages is where the real saved pages are (see SOURCES.md there).
const sharedPages = "../../shared/pages"

func readShared(t *testing.T, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(sharedPages, rel))
	if err != nil {
		if os.IsNotExist(err) {
			t.Skipf("real page %s absent (%s): skipped", rel, sharedPages)
		}
		t.Fatal(err)
	}
	return b
}

// TestRealPages checks extraction on real saved newsroom pages.
func TestRealPages(t *testing.T) {
	cases := []struct {
		file, url          string
		method, title      string
		published, charset string
		first, last        string   // the first and last paragraphs start so
		absent             []string // furniture that must not be in the text
		minWords           int
	}{
		{
			file: "xinhua/xinhuanet-zh-c_1125597921-utf8.html", url: "http://www.xinhuanet.com/local/2020-02/19/c_1125597921.htm",
			method: "profile:xinhuanet", title: "武汉的声音：有英勇的你，才有英雄的城！", published: "2020-02-19 20:29:58", charset: "utf-8",
			first: "“妈妈，为什么还不能出去？”", last: "正是有了英勇的你们，才有这座英雄的城！",
			absent: []string{"图集", "责任编辑", "关注新华网", "纠错", "微博"}, minWords: 500,
		},
		{
			// No URL given: the page does not name its own address, so the
			// library and the rules find the text.
			file:   "xinhua/xinhuanet-zh-c_1125597921-utf8.html",
			method: MethodRules, charset: "utf-8",
			first: "“妈妈，为什么还不能出去？”", absent: []string{"责任编辑", "关注新华网", "纠错"}, minWords: 500,
		},
		{
			// GB2312 bytes in a Wayback Machine capture.
			file:   "xinhua/he-xinhuanet-zh-25340717-gb2312-wayback.html",
			method: MethodRules, title: "话剧《约定无期限》河北各市巡演结束", charset: "gbk",
			first: "一个约定，信守15年", last: "如今，向河北农大果树93(01)班毕业生群体学习的热潮",
			absent: []string{"archive.org", "Wayback", "__wm", "关闭窗口", "发表评论", "更多图片", "新华纵横"}, minWords: 600,
		},
		{
			file:   "whitehouse/obamawh-archive-press-office-2015-04-11-weekly-address.html",
			method: "profile:obamawhitehouse", title: "Weekly Address: Tuition-Free Community College", published: "April 11, 2015", charset: "utf-8",
			first: "In this week’s address, the Vice President", last: "So I want to thank you all for listening.",
			absent: []string{"frozen in time", "For Immediate Release", "MP4", "Search form"}, minWords: 800,
		},
		{
			file:   "whitehouse/obamawh-archive-press-office-2016-12-24-weekly-address.html",
			method: "profile:obamawhitehouse", title: "WEEKLY ADDRESS: Merry Christmas from the President and the First Lady", published: "December 23, 2016", charset: "utf-8",
			first: "In this week’s address, the President and the First Lady", last: "THE FIRST LADY: And we wish you and your family",
			absent: []string{"frozen in time", "MP4", "MP3"}, minWords: 600,
		},
	}
	for _, c := range cases {
		t.Run(c.file+" "+c.method, func(t *testing.T) {
			raw := readShared(t, c.file)
			d, err := ParseHTML(c.file, raw, "", ExtractOptions{URL: c.url})
			if err != nil {
				t.Fatal(err)
			}
			if d.Method != c.method {
				t.Errorf("method %q, want %q", d.Method, c.method)
			}
			if c.title != "" && d.Title != c.title {
				t.Errorf("title %q, want %q", d.Title, c.title)
			}
			if c.published != "" && d.Published != c.published {
				t.Errorf("published %q, want %q", d.Published, c.published)
			}
			if d.Charset != c.charset {
				t.Errorf("charset %q, want %q", d.Charset, c.charset)
			}
			if len(d.Blocks) == 0 {
				t.Fatalf("no text")
			}
			if !strings.HasPrefix(d.Blocks[0].Text, c.first) {
				t.Errorf("first paragraph %q, want it to start %q", d.Blocks[0].Text, c.first)
			}
			if c.last != "" && !strings.HasPrefix(d.Blocks[len(d.Blocks)-1].Text, c.last) {
				t.Errorf("last paragraph %q, want it to start %q", d.Blocks[len(d.Blocks)-1].Text, c.last)
			}
			for _, a := range c.absent {
				if strings.Contains(d.Text, a) {
					t.Errorf("text holds %q", a)
				}
			}
			if n := WordCount(d.Text); n < c.minWords {
				t.Errorf("%d words, want at least %d", n, c.minWords)
			}
			if len(d.Warnings) > 0 {
				t.Errorf("warnings: %q", d.Warnings)
			}
		})
	}
}

// TestWaybackCapture: the capture names its original URL, and the
// archive's address selects site profiles by the original's.
func TestWaybackCapture(t *testing.T) {
	raw := readShared(t, "xinhua/he-xinhuanet-zh-25340717-gb2312-wayback.html")
	d, err := ParseHTML("he.html", raw, "", ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://www.he.xinhuanet.com:80/news/2012-06/04/content_25340717.htm"; d.Archived != want {
		t.Errorf("archived %q, want %q", d.Archived, want)
	}
	if d.Charset != "gbk" || d.CharsetSource != charsetFromMeta {
		t.Errorf("charset %s from %s, want gbk from meta", d.Charset, d.CharsetSource)
	}
}

func FuzzExtractHTML(f *testing.F) {
	pages, _ := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	for _, p := range pages {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, "")
		}
	}
	f.Add([]byte("<html><body><div class=share><p>x</div></p></table><article><h1>t</h1><p>a<br>b</p><pre>x\n y</pre>"), "text/html; charset=gbk")
	f.Add([]byte("<meta charset=shift_jis><p>\x82\xa0\x82\xa2</p>"), "")
	f.Add([]byte("\xff\xfe<\x00p\x00>\x00"), "")
	f.Add([]byte("<svg><foreignObject><p>x</svg><math><mi><table><td>y"), "text/html; charset=\"")
	f.Add([]byte("<script type=application/ld+json>{\"@graph\":[[[[[]]]]],\"author\":[{\"name\":1}]}</script>"), "")
	f.Fuzz(func(t *testing.T, raw []byte, contentType string) {
		for _, ex := range []string{ExtractorAuto, ExtractorReadability, ExtractorPage} {
			d, err := ParseHTML("fuzz.html", raw, contentType, ExtractOptions{Extractor: ex, URL: "http://www.xinhuanet.com/a/c_1.htm"})
			if err != nil {
				continue
			}
			if strings.Contains(d.Text, "\n\n\n") {
				t.Errorf("%s: three newlines in a row in %q", ex, d.Text)
			}
			for _, b := range d.Blocks {
				if strings.TrimSpace(b.Text) != b.Text || b.Text == "" {
					t.Errorf("%s: block not trimmed: %q", ex, b.Text)
				}
			}
			_ = Markdown(d)
		}
	})
}

// TestExtractFallback: when the rules leave too little (here the statement
// stands in a container with a furniture name, among teaser boxes), the
// library runs again on the page as it is.
func TestExtractFallback(t *testing.T) {
	statement := strings.Repeat("The delegations agreed to continue the talks on the border crossings next month in the capital. ", 4)
	teaser := "<div class=\"related\"><p>" + strings.Repeat("A story about the weather in the mountains this weekend. ", 12) + "</p></div>"
	page := "<html><body><div class=\"print-area\"><p>" + statement + "</p><p>" + statement + "</p></div>" + teaser + teaser + teaser + "</body></html>"
	d, err := ParseHTML("p.html", []byte(page), "", ExtractOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Method != MethodFallback || !strings.Contains(d.Text, "The delegations agreed") {
		t.Errorf("method %q, text %q", d.Method, d.Text)
	}
	d, _ = ParseHTML("p.html", []byte(page), "", ExtractOptions{DisableRules: []string{RuleClasses}})
	if d.Method != MethodRules {
		t.Errorf("without the classes rule: method %q", d.Method)
	}
}
