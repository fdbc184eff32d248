package report

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
	"github.com/clausediff/clausediff/internal/offline"
)

var (
	screenshot = flag.String("screenshot", "", "browser test: save a screenshot of the India fact sheet report (from ../shared) to this PNG file")
	bibleDir   = flag.String("bible", "", "browser test: time the reports of the Bible pair in this directory (a.txt, b.txt; see README)")
)

// chromiumPath finds a Chromium or Chrome, or skips the test.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CLAUSEDIFF_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("skipped: no Chromium found; install it (apt-get install -y chromium) or set CLAUSEDIFF_CHROMIUM to run the browser test")
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and no
// network of its own (no background requests, QUIC, updates or sync; any
// request goes to a dead proxy).
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath(t)
	profile, err := os.MkdirTemp("", "clausediff-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(profile),
		// Should a page ever request something, it goes to a closed port,
		// never to the network.
		chromedp.ProxyServer(offline.DeadProxy),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", path, err)
	}
	return ctx
}

// tab is an open page and what it did: the requests it made, its log
// (CSP violations land there) and its uncaught exceptions.
type tab struct {
	ctx                    context.Context
	url                    string
	mu                     sync.Mutex
	requests, logs, errors []string
}

// open writes page to a file and loads it in a new tab at the given
// viewport width, waiting for the load event.
func open(t *testing.T, browser context.Context, page []byte, width int64) *tab {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, page, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	tb := &tab{ctx: ctx, url: "file://" + path}
	if err := chromedp.Listen(ctx, func(ev any) {
		tb.mu.Lock()
		defer tb.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			tb.requests = append(tb.requests, e.Request.URL)
		case *cdplog.EventEntryAdded:
			tb.logs = append(tb.logs, string(e.Entry.Source)+": "+e.Entry.Text)
		case *runtime.EventExceptionThrown:
			tb.errors = append(tb.errors, e.ExceptionDetails.Text)
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	tb.viewport(t, width)
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.url)); err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	return tb
}

// viewport sets the width; under 700 px the page is shown as on a phone.
func (tb *tab) viewport(t *testing.T, width int64) {
	t.Helper()
	opts := []chromedp.EmulateViewportOption{}
	if width < 700 {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(tb.ctx, chromedp.EmulateViewport(width, 900, opts...)); err != nil {
		t.Fatal(err)
	}
}

func (tb *tab) media(t *testing.T, media, scheme string) {
	t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: media}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, p); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate: %v\n%s", err, js)
	}
	return v
}

// outside returns the requests the page made beyond loading itself.
func (tb *tab) outside() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	var out []string
	for _, u := range tb.requests {
		if u != tb.url {
			out = append(out, u)
		}
	}
	return out
}

// TestBrowser opens reports in headless Chromium and checks what a reader
// gets: the rows, the layout at desktop and phone widths, the move links,
// the changes-only toggle, contrast in light and dark schemes, print
// styles; and that the XSS corpus runs no script and makes no request.
func TestBrowser(t *testing.T) {
	browser := newBrowser(t)

	cases := []struct {
		name    string
		compare func(testing.TB) *align.Result
	}{{"kinds", func(t testing.TB) *align.Result { return kinds(t) }}, {"long", long}}
	for _, f := range fixtures {
		cases = append(cases, struct {
			name    string
			compare func(testing.TB) *align.Result
		}{f.name, func(t testing.TB) *align.Result { return compareFixture(t.(*testing.T), f.a, f.b, f.unit) }})
	}

	for _, fx := range cases {
		t.Run("layout/"+fx.name, func(t *testing.T) { checkLayout(t, browser, fx.compare(t)) })
		t.Run("moves/"+fx.name, func(t *testing.T) { checkMoves(t, browser, fx.compare(t)) })
	}

	t.Run("changes-only", func(t *testing.T) {
		r := kinds(t)
		tb := open(t, browser, renderHTML(t, r, HTMLOptions{}), 1280)
		const visible = `[...document.querySelectorAll('table.pairs > tbody > tr')].filter(r => getComputedStyle(r).display !== 'none').length`
		all := eval[int](t, tb, visible)
		eval[bool](t, tb, `document.querySelector('label[for=only]').click(), true`)
		changed := eval[int](t, tb, visible)
		want := r.Summary.Moved // the move markers stay
		for _, p := range r.Pairs {
			if p.Kind != align.Same || p.Moved {
				want++
			}
		}
		if all != len(r.Pairs)+r.Summary.Moved || changed != want {
			t.Errorf("rows shown: %d, then %d with changes only; want %d and %d", all, changed, len(r.Pairs)+r.Summary.Moved, want)
		}
	})

	t.Run("contrast", func(t *testing.T) {
		tb := open(t, browser, renderHTML(t, kinds(t), HTMLOptions{}), 1280)
		for _, scheme := range []string{"light", "dark"} {
			tb.media(t, "", scheme)
			type sample struct {
				Name  string
				Ratio float64
			}
			got := eval[[]sample](t, tb, contrastJS)
			if len(got) < 10 {
				t.Fatalf("%s: only %d samples", scheme, len(got))
			}
			var low []string
			for _, s := range got {
				if s.Ratio < 4.5 {
					low = append(low, fmt.Sprintf("%s %.2f", s.Name, s.Ratio))
				}
			}
			if len(low) > 0 {
				t.Errorf("%s scheme: contrast below 4.5:1 for %s", scheme, strings.Join(low, ", "))
			}
			min := got[0]
			for _, s := range got {
				if s.Ratio < min.Ratio {
					min = s
				}
			}
			t.Logf("%s scheme: %d text samples, lowest contrast %.2f:1 (%s)", scheme, len(got), min.Ratio, min.Name)
		}
	})

	t.Run("print", func(t *testing.T) {
		tb := open(t, browser, renderHTML(t, kinds(t), HTMLOptions{}), 1280)
		tb.media(t, "print", "dark")
		type styles struct{ Del, Ins, Adjust, Toggle, Bg string }
		s := eval[styles](t, tb, `(() => {
			const d = document.querySelector('del'), i = document.querySelector('ins');
			return {Del: getComputedStyle(d).textDecorationLine, Ins: getComputedStyle(i).textDecorationLine,
				Adjust: getComputedStyle(d).printColorAdjust, Toggle: getComputedStyle(document.getElementById('only')).display,
				Bg: getComputedStyle(document.documentElement).backgroundColor};
		})()`)
		if !strings.Contains(s.Del, "line-through") || !strings.Contains(s.Ins, "underline") || s.Adjust != "exact" ||
			s.Toggle != "none" || s.Bg != "rgb(255, 255, 255)" {
			t.Errorf("print styles: %+v", s)
		}
		tb.media(t, "", "")
		res, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{})
		if err != nil || !bytes.HasPrefix(res.Data, []byte("%PDF")) {
			t.Errorf("print to PDF: %v (%d bytes)", err, len(res.Data))
		}
	})

	t.Run("xss", func(t *testing.T) {
		r := xssResult(t)
		out := renderHTML(t, r, HTMLOptions{})
		csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy"[^>]*>`)
		if !csp.Match(out) {
			t.Fatal("no CSP meta tag")
		}
		// Without the policy too: escaping alone must hold.
		for _, v := range []struct {
			name string
			page []byte
		}{{"with CSP", out}, {"without CSP", csp.ReplaceAll(out, nil)}} {
			tb := open(t, browser, v.page, 1280)
			// Give handlers that fire late (autofocus, toggle, error) a moment.
			time.Sleep(300 * time.Millisecond)
			type state struct {
				Pwned                                string
				Scripts, Frames, Handlers, Resources int
				Rows, Styles                         int
				LeftTexts                            []string
			}
			s := eval[state](t, tb, `(() => {
				let handlers = 0;
				for (const el of document.querySelectorAll('*'))
					for (const a of el.attributes) if (/^on/i.test(a.name)) handlers++;
				return {Pwned: typeof window.__pwned,
					Scripts: document.scripts.length,
					Frames: document.querySelectorAll('iframe, frame, object, embed, img, svg, math, video, audio, source, link, base, form, textarea, template, noscript, xmp').length,
					Handlers: handlers,
					Resources: performance.getEntriesByType('resource').length,
					Rows: document.querySelectorAll('table.pairs > tbody > tr[id^=p]').length,
					Styles: document.querySelectorAll('style').length,
					LeftTexts: [...document.querySelectorAll('table.pairs > tbody > tr[id^=p] > td:first-of-type:not(.x)')].map(td => {
						const c = td.cloneNode(true); c.querySelectorAll('.pn').forEach(e => e.remove()); return c.textContent; })};
			})()`)
			if s.Pwned != "undefined" || s.Scripts != 0 || s.Frames != 0 || s.Handlers != 0 || s.Resources != 0 || s.Styles != 1 {
				t.Errorf("%s: the page was injected: %+v", v.name, s)
			}
			if s.Rows != len(r.Pairs) {
				t.Errorf("%s: %d rows, want %d", v.name, s.Rows, len(r.Pairs))
			}
			// Each row's A cell reads as A's text: every vector came through as text.
			var want []string
			for _, p := range r.Pairs {
				switch {
				case len(p.A) == 0:
				case p.Kind == align.Changed:
					want = append(want, opsText(p.Diff, '-'))
				default:
					want = append(want, sideText(r.A, p.A))
				}
			}
			if len(s.LeftTexts) != len(want) {
				t.Errorf("%s: %d A cells, want %d", v.name, len(s.LeftTexts), len(want))
			} else {
				for i := range want {
					if collapse(s.LeftTexts[i]) != collapse(want[i]) {
						t.Errorf("%s: A cell %d reads %q, want %q", v.name, i, s.LeftTexts[i], want[i])
					}
				}
			}
			if o := tb.outside(); len(o) > 0 {
				t.Errorf("%s: requests left the page: %q", v.name, o)
			}
			tb.mu.Lock()
			for _, l := range tb.logs {
				if strings.Contains(l, "Content Security Policy") || strings.Contains(l, "Refused") {
					t.Errorf("%s: the policy had to block something: %s", v.name, l)
				}
			}
			if len(tb.errors) > 0 {
				t.Errorf("%s: exceptions: %q", v.name, tb.errors)
			}
			tb.mu.Unlock()
		}
		t.Logf("%d XSS vectors through text, titles, sources, URLs and warnings: no script ran, no request left the page", len(xssVectors))
	})

	t.Run("screenshot", func(t *testing.T) {
		if *screenshot == "" {
			t.Skip("skipped: pass -screenshot FILE.png to save a screenshot of a real report")
		}
		r := revision(t, "wh-us-india-trade-factsheet-2026", "v1", "v2")
		var page bytes.Buffer
		if err := HTML(&page, r, Meta{Generator: "clausediff"}, HTMLOptions{ChangesOnly: true}); err != nil {
			t.Fatal(err)
		}
		tb := open(t, browser, page.Bytes(), 1200)
		tb.media(t, "", "light")
		png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", *screenshot, len(png))
	})

	t.Run("bible", func(t *testing.T) {
		if *bibleDir == "" {
			t.Skip("skipped: pass -bible DIR (made by bible.py make; see README) to time the whole-Bible report")
		}
		ctx := context.Background()
		da, err := fetch.Load(ctx, filepath.Join(*bibleDir, "a.txt"), fetch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		db, err := fetch.Load(ctx, filepath.Join(*bibleDir, "b.txt"), fetch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		r := align.Compare(da, db, align.Options{Unit: align.UnitLine})
		tCompare := time.Since(start)
		var buf bytes.Buffer
		start = time.Now()
		if err := HTML(&buf, r, testMeta, HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		tHTML := time.Since(start)
		var md bytes.Buffer
		start = time.Now()
		if err := Markdown(&md, r, testMeta, MarkdownOptions{}); err != nil {
			t.Fatal(err)
		}
		tMD := time.Since(start)
		start = time.Now()
		tb := open(t, browser, buf.Bytes(), 1280)
		tLoad := time.Since(start)
		type timing struct {
			Rows                     int
			Parsed, Loaded, Rendered float64
		}
		// One animation frame after load: the table has been laid out.
		g, err := chromedp.Run(tb.ctx, chromedp.Evaluate[timing](`new Promise(res => requestAnimationFrame(() => {
			const n = performance.getEntriesByType('navigation')[0];
			res({Rows: document.querySelectorAll('table.pairs > tbody > tr[id^=p]').length,
				Parsed: n.domInteractive, Loaded: n.loadEventEnd, Rendered: performance.now()});
		}))`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if g.Rows != len(r.Pairs) {
			t.Errorf("%d rows in the browser, want %d", g.Rows, len(r.Pairs))
		}
		t.Logf("Bible pair (%d pairs, %d segments / %d segments): compare %v; HTML %.1f MB rendered in %v; Markdown %.1f MB in %v",
			len(r.Pairs), len(r.A.Segments), len(r.B.Segments), tCompare.Round(time.Millisecond),
			float64(buf.Len())/1e6, tHTML.Round(time.Millisecond), float64(md.Len())/1e6, tMD.Round(time.Millisecond))
		t.Logf("Chromium: navigate to load event %v; DOM interactive at %.0f ms, load event end %.0f ms, first frame after load %.0f ms",
			tLoad.Round(time.Millisecond), g.Parsed, g.Loaded, g.Rendered)
		// Jump to the last row, as a link from the list would, and toggle
		// the changes-only view: both must stay quick on a long report.
		type jump struct {
			Jump, Toggle float64
			InView       bool
		}
		j, err := chromedp.Run(tb.ctx, chromedp.Evaluate[jump](fmt.Sprintf(`new Promise(res => {
			const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
			const t0 = performance.now();
			location.hash = '#p%d';
			frame().then(() => {
				const t1 = performance.now();
				const rect = document.getElementById('p%d').getBoundingClientRect();
				document.getElementById('only').click();
				frame().then(() => res({Jump: t1 - t0, Toggle: performance.now() - t1,
					InView: rect.bottom > 0 && rect.top < innerHeight}));
			});
		})`, len(r.Pairs), len(r.Pairs)), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		if !j.InView {
			t.Errorf("the last row is not in view after jumping to it")
		}
		t.Logf("Chromium: jump to the last row %.0f ms; changes-only toggle %.0f ms", j.Jump, j.Toggle)
	})
}

// checkLayout checks the rows in the DOM and the columns: side by side at
// desktop width, stacked at phone width, with no sideways scrolling.
func checkLayout(t *testing.T, browser context.Context, r *align.Result) {
	tb := open(t, browser, renderHTML(t, r, HTMLOptions{}), 1280)
	type geom struct {
		Pairs, Ghosts                         int
		ALeft, ARight, ATop, ABottom          float64
		BLeft, BRight, BTop                   float64
		ScrollWidth, ViewWidth, HeaderColumns int
	}
	const js = `(() => {
		const rows = [...document.querySelectorAll('table.pairs > tbody > tr')];
		const pairs = rows.filter(r => /^p\d+$/.test(r.id));
		const row = pairs.find(r => r.classList.contains('c')) || pairs.find(r => !r.querySelector('td.x'));
		const [a, b] = row.querySelectorAll('td');
		const ra = a.getBoundingClientRect(), rb = b.getBoundingClientRect();
		return {Pairs: pairs.length, Ghosts: rows.filter(r => r.classList.contains('gh')).length,
			ALeft: ra.left, ARight: ra.right, ATop: ra.top, ABottom: ra.bottom,
			BLeft: rb.left, BRight: rb.right, BTop: rb.top,
			ScrollWidth: document.documentElement.scrollWidth, ViewWidth: window.innerWidth,
			HeaderColumns: document.querySelectorAll('table.pairs thead th').length};
	})()`
	g := eval[geom](t, tb, js)
	if g.Pairs != len(r.Pairs) {
		t.Errorf("%d pair rows in the DOM, want %d", g.Pairs, len(r.Pairs))
	}
	if g.Ghosts != r.Summary.Moved {
		t.Errorf("%d move markers, want %d", g.Ghosts, r.Summary.Moved)
	}
	if !(g.ARight <= g.BLeft+1 && abs(g.ATop-g.BTop) < 1 && g.BRight-g.BLeft > 300) {
		t.Errorf("at 1280 px the columns are not side by side: %+v", g)
	}
	tb.viewport(t, 375)
	g = eval[geom](t, tb, js)
	if !(g.BTop >= g.ABottom-1 && abs(g.ALeft-g.BLeft) < 2) {
		t.Errorf("at 375 px the columns do not stack: %+v", g)
	}
	if g.ScrollWidth > g.ViewWidth {
		t.Errorf("at 375 px the page scrolls sideways: %d > %d", g.ScrollWidth, g.ViewWidth)
	}
	t.Logf("desktop and phone layout ok; %d rows, %d move markers", g.Pairs, g.Ghosts)
}

// checkMoves clicks every move link: it must scroll to its target, which
// links back.
func checkMoves(t *testing.T, browser context.Context, r *align.Result) {
	if r.Summary.Moved == 0 {
		t.Skip("no moves in this pair")
	}
	tb := open(t, browser, renderHTML(t, r, HTMLOptions{}), 1280)
	type link struct {
		From, Href, Text string
		Found, Back      bool
		Targeted, InView bool
	}
	n := eval[int](t, tb, `document.querySelectorAll('a.mvl').length`)
	var links []link
	for i := 0; i < n; i++ {
		// Click, then measure two frames later, when layout has settled
		// (chunks off screen are laid out as they come into view).
		eval[bool](t, tb, fmt.Sprintf(`document.querySelectorAll('a.mvl')[%d].click(), true`, i))
		l, err := chromedp.Run(tb.ctx, chromedp.Evaluate[link](fmt.Sprintf(`new Promise(res => requestAnimationFrame(() => requestAnimationFrame(() => {
			const a = document.querySelectorAll('a.mvl')[%d];
			const from = a.closest('tr'), id = a.getAttribute('href').slice(1);
			const target = document.getElementById(id);
			const rect = target ? target.getBoundingClientRect() : null;
			res({From: from.id, Href: id, Text: a.textContent, Found: !!target,
				Back: !!target && !!target.querySelector('a.mvl[href="#' + from.id + '"]'),
				Targeted: document.querySelector(':target') === target,
				InView: !!rect && rect.bottom > 0 && rect.top < window.innerHeight});
		})))`, i), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		links = append(links, l)
	}
	if len(links) != 2*r.Summary.Moved || len(links) == 0 {
		t.Fatalf("%d move links, want %d", len(links), 2*r.Summary.Moved)
	}
	label := regexp.MustCompile(`^moved (from (¶|line )\d+ of A|to (¶|line )\d+ of B) [↑↓]$`)
	for _, l := range links {
		if !l.Found || !l.Back || !l.Targeted || !l.InView {
			t.Errorf("move link %+v does not resolve both ways, or does not scroll to its target", l)
		}
		if !label.MatchString(l.Text) {
			t.Errorf("move link reads %q", l.Text)
		}
	}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// contrastJS measures the WCAG contrast ratio of the report's kinds of
// text against the background they sit on (the nearest ancestor with an
// opaque background).
const contrastJS = `(() => {
	const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
	const lum = ([r, g, b]) => {
		const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
		return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
	};
	const bg = el => {
		for (; el; el = el.parentElement) {
			const c = rgb(getComputedStyle(el).backgroundColor);
			if (c.length === 3 || (c.length === 4 && c[3] === 1)) return c.slice(0, 3);
		}
		return [255, 255, 255];
	};
	const out = [];
	const sample = (name, sel) => {
		const el = document.querySelector(sel);
		if (!el) return;
		const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
		out.push({Name: name, Ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)});
	};
	sample('body text', 'table.pairs tr.s td');
	sample('note', '.note');
	sample('sub-title', '.sub-title');
	sample('link', '.subst a');
	sample('removed words', 'table.pairs del');
	sample('added words', 'table.pairs ins');
	sample('substantive badge', '.badge.substantive');
	sample('minor badge', '.badge.minor');
	sample('cosmetic badge', '.badge.cosmetic');
	sample('row number', 'table.pairs tbody th > a');
	sample('reasons', 'table.pairs .why li');
	sample('paragraph number', 'table.pairs .pn');
	sample('only-in-A text', 'table.pairs tr.a td');
	sample('only-in-B text', 'table.pairs tr.b td:last-of-type');
	sample('move link', 'table.pairs tr.mv a.mvl');
	sample('move marker', 'table.pairs tr.gh td');
	sample('table header', 'table.pairs thead th');
	sample('warning', '.warn');
	return out;
})()`
