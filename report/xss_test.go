package report

import (
	"strings"
	"testing"
	"time"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
)

// xssVectors are markup injections, each on one line, that would run
// script (setting window.__pwned), load something, or break out of the
// element they stand in if a report did not escape document text. They go
// through the documents' text, titles, sources, URLs and warnings.
var xssVectors = []string{
	`<script>window.__pwned=1</script>`,
	`<SCRIPT SRC=http://xss.invalid/x.js></SCRIPT>`,
	`<scr<script>ipt>window.__pwned=1</scr</script>ipt>`,
	`<img src=x onerror="window.__pwned=1">`,
	`<svg onload=window.__pwned=1>`,
	`<svg><script>window.__pwned=1</script></svg>`,
	`<body onload=window.__pwned=1>`,
	`<iframe src="javascript:window.__pwned=1"></iframe>`,
	`<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>`,
	`<a href="javascript:window.__pwned=1">click</a>`,
	`<a href="&#106;avascript:window.__pwned=1">entity scheme</a>`,
	`javascript:window.__pwned=1`,
	`"><script>window.__pwned=1</script>`,
	`'><script>window.__pwned=1</script>`,
	`" onmouseover="window.__pwned=1" x="`,
	`' onfocus='window.__pwned=1' autofocus x='`,
	"` onclick=`window.__pwned=1`",
	`</textarea><script>window.__pwned=1</script>`,
	`</style><script>window.__pwned=1</script>`,
	`</title><script>window.__pwned=1</script>`,
	`</td></tr></tbody></table><script>window.__pwned=1</script>`,
	`<!--<script>window.__pwned=1</script>-->`,
	`--><script>window.__pwned=1</script><!--`,
	`<![CDATA[<script>window.__pwned=1</script>]]>`,
	`+ADw-script+AD4-window.__pwned=1+ADw-/script+AD4-`,
	`&lt;script&gt;window.__pwned=1&lt;/script&gt;`,
	`&#60;script&#62;window.__pwned=1&#60;/script&#62;`,
	`\u003cscript\u003ewindow.__pwned=1\u003c/script\u003e`,
	`%3Cscript%3Ewindow.__pwned=1%3C/script%3E`,
	`<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>`,
	`<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>">`,
	`<xmp><script>window.__pwned=1</script></xmp>`,
	`<template><script>window.__pwned=1</script></template>`,
	`<details open ontoggle=window.__pwned=1>`,
	`<input autofocus onfocus=window.__pwned=1>`,
	`<video><source onerror="window.__pwned=1"></video>`,
	`<object data="javascript:window.__pwned=1"></object>`,
	`<embed src="data:text/html,<script>window.__pwned=1</script>">`,
	`<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">`,
	`<base href="javascript:window.__pwned=1//">`,
	`<link rel=stylesheet href=http://xss.invalid/x.css>`,
	`<style>@import url(http://xss.invalid/x.css);</style>`,
	`<div style="background:url(http://xss.invalid/x.png)">styled</div>`,
	`<form action="javascript:window.__pwned=1"><button>go</button></form>`,
	`{{.}}{{template "x"}}{{printf "%s" "x"}}`,
	"line\u2028separator\u2029paragraph <script>window.__pwned=1</script>",
}

// xssDocs makes a statement and a revision of it from the vectors: the
// revision rewords some lines, drops some, adds some and moves one, so
// that the vectors reach every kind of row and both sides of a diff.
func xssDocs(t testing.TB) (a, b *fetch.Document) {
	var la, lb []string
	for i, v := range xssVectors {
		la = append(la, v)
		switch i % 6 {
		case 0: // same
			lb = append(lb, v)
		case 1: // reworded: words around the vector change
			la[len(la)-1] = "Officials said " + v + " on Monday"
			lb = append(lb, "Officials stated "+v+" on Tuesday")
		case 2: // only in A
		case 3: // only in B
			la = la[:len(la)-1]
			lb = append(lb, v)
		case 4: // the vector inside a changed word run
			lb = append(lb, v+" "+xssVectors[(i+7)%len(xssVectors)])
		case 5:
			lb = append(lb, v)
		}
	}
	// Move the first line to the end.
	lb = append(lb[1:], lb[0])
	a = parse(t, xssVectors[13], strings.Join(la, "\n")+"\n", fetch.FormatText)
	b = parse(t, xssVectors[18], strings.Join(lb, "\n")+"\n", fetch.FormatText)
	a.Title, b.Title = xssVectors[19], xssVectors[0]
	a.URL, a.RetrievedAt = "javascript:window.__pwned=1", time.Date(2026, 2, 10, 18, 45, 0, 0, time.UTC)
	b.URL, b.RetrievedAt = `http://example.invalid/"><script>window.__pwned=1</script>`, a.RetrievedAt
	a.Warnings = []string{xssVectors[3], xssVectors[17]}
	b.Warnings = []string{xssVectors[20]}
	return a, b
}

func xssResult(t testing.TB) *align.Result {
	a, b := xssDocs(t)
	return align.Compare(a, b, align.Options{Unit: align.UnitLine})
}

func TestXSSCorpusSize(t *testing.T) {
	if len(xssVectors) < 30 {
		t.Errorf("%d XSS vectors, want at least 30", len(xssVectors))
	}
	r := xssResult(t)
	kinds := map[align.Kind]int{}
	moved := 0
	for _, p := range r.Pairs {
		kinds[p.Kind]++
		if p.Moved {
			moved++
		}
	}
	if kinds[align.Same] == 0 || kinds[align.Changed] == 0 || kinds[align.OnlyA] == 0 || kinds[align.OnlyB] == 0 || moved == 0 {
		t.Errorf("the XSS documents should reach every kind of row: %v, %d moved", kinds, moved)
	}
}
