package fetch

import (
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// quick are HTTP options for tests: short backoff, short timeouts.
func quick() HTTPOptions {
	return HTTPOptions{RetryBase: time.Millisecond, Deadline: 10 * time.Second, HeaderTimeout: 2 * time.Second, ConnectTimeout: 2 * time.Second}
}

const statementHTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Joint statement</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Joint statement</h1>
<p>The two governments reaffirmed their commitment to the peaceful settlement of disputes in the region and agreed to resume talks at the level of deputy ministers next month.</p>
<p>Both sides welcomed the progress made on the exchange of detainees and on the return of displaced persons to their homes before the winter.</p>
<p>They agreed to meet again in the spring to review the implementation of today's commitments.</p>
</article><footer>Contact us</footer></body></html>`

func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}

func httpErr(t *testing.T, err error) *HTTPError {
	t.Helper()
	var he *HTTPError
	if !errors.As(err, &he) {
		t.Fatalf("error %v (%T) is not an HTTPError", err, err)
	}
	return he
}

func TestGetOK(t *testing.T) {
	var ua, accept string
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		ua, accept = r.Header.Get("User-Agent"), r.Header.Get("Accept-Encoding")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, statementHTML)
	})
	opt := quick()
	opt.UserAgent = "clausediff/9.9 (+https://example.org)"
	r, err := Get(context.Background(), s.URL+"/s", opt)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != 200 || r.URL != s.URL+"/s" || r.Attempts != 1 || string(r.Body) != statementHTML || r.RetrievedAt.IsZero() {
		t.Errorf("response %+v", r)
	}
	if ua != opt.UserAgent || accept != "gzip, deflate" {
		t.Errorf("User-Agent %q, Accept-Encoding %q", ua, accept)
	}
	// The default User-Agent names clausediff.
	if _, err := Get(context.Background(), s.URL, quick()); err != nil || !strings.HasPrefix(ua, "clausediff") {
		t.Errorf("default User-Agent %q (err %v)", ua, err)
	}
}

func TestLoadURL(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/new", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, statementHTML)
	})
	d, err := Load(context.Background(), s.URL+"/old", Options{HTTP: quick()})
	if err != nil {
		t.Fatal(err)
	}
	if d.URL != s.URL+"/new" || d.Status != 200 || d.ContentType != "text/html" || d.Source != s.URL+"/old" || d.RetrievedAt.IsZero() {
		t.Errorf("document: url %q status %d type %q source %q", d.URL, d.Status, d.ContentType, d.Source)
	}
	if d.Format != FormatHTML || d.Method != MethodRules || d.Title != "Joint statement" {
		t.Errorf("format %q method %q title %q", d.Format, d.Method, d.Title)
	}
	if strings.Contains(d.Text, "Home") || strings.Contains(d.Text, "Contact us") || !strings.Contains(d.Text, "peaceful settlement") {
		t.Errorf("text:\n%s", d.Text)
	}
}

func TestRedirects(t *testing.T) {
	var s *httptest.Server
	s = serve(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		switch {
		case r.URL.Path == "/loop-a":
			http.Redirect(w, r, "/loop-b", http.StatusFound)
		case r.URL.Path == "/loop-b":
			http.Redirect(w, r, "/loop-a", http.StatusFound)
		case r.URL.Path == "/ftp":
			http.Redirect(w, r, "ftp://example.org/file", http.StatusFound)
		case r.URL.Path == "/file":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/hop/"):
			fmt.Sscanf(r.URL.Path, "/hop/%d", &n)
			if n > 0 {
				http.Redirect(w, r, fmt.Sprintf("/hop/%d", n-1), http.StatusFound)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			io.WriteString(w, statementHTML)
		}
	})
	// Ten redirects are followed.
	r, err := Get(context.Background(), s.URL+"/hop/10", quick())
	if err != nil || r.URL != s.URL+"/hop/0" {
		t.Errorf("10 redirects: %v, %+v", err, r)
	}
	// Eleven are not.
	_, err = Get(context.Background(), s.URL+"/hop/11", quick())
	if !errors.Is(err, ErrTooManyHops) || httpErr(t, err).Attempts != 1 || !strings.Contains(err.Error(), s.URL+"/hop/11") {
		t.Errorf("11 redirects: %v", err)
	}
	_, err = Get(context.Background(), s.URL+"/loop-a", quick())
	if !errors.Is(err, ErrRedirectLoop) || httpErr(t, err).Attempts != 1 {
		t.Errorf("loop: %v", err)
	}
	for _, p := range []string{"/ftp", "/file"} {
		_, err = Get(context.Background(), s.URL+p, quick())
		if !errors.Is(err, ErrScheme) || httpErr(t, err).Attempts != 1 {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestSchemes(t *testing.T) {
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/a", "gopher://example.org/", "file:/etc/passwd", "data:text/html,hi", "mailto:press@example.org"} {
		_, err := Load(context.Background(), u, Options{HTTP: quick()})
		var fe *Error
		if !errors.Is(err, ErrScheme) || !errors.As(err, &fe) || fe.Source != u {
			t.Errorf("%s: %v", u, err)
		}
	}
	if _, err := Get(context.Background(), "http:///nohost", quick()); err == nil {
		t.Error("URL without host: no error")
	}
}

func TestStatusRetries(t *testing.T) {
	cases := []struct {
		status     int
		retryAfter string
		attempts   int // with 2 retries
	}{
		{404, "", 1},
		{410, "", 1},
		{403, "", 1},
		{429, "", 3},
		{429, "0", 3},
		{500, "", 3},
		{503, "", 3},
		{503, "1", 3},
		{502, "Wed, 21 Oct 2015 07:28:00 GMT", 3}, // a date in the past: retry at once
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%d %q", c.status, c.retryAfter), func(t *testing.T) {
			var hits atomic.Int32
			s := serve(t, func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				if c.retryAfter != "" {
					w.Header().Set("Retry-After", c.retryAfter)
				}
				w.WriteHeader(c.status)
			})
			opt := quick()
			opt.Retries = 2
			start := time.Now()
			_, err := Get(context.Background(), s.URL+"/p", opt)
			he := httpErr(t, err)
			if he.Status != c.status || he.Attempts != c.attempts || int(hits.Load()) != c.attempts {
				t.Errorf("status %d attempts %d hits %d, want %d %d", he.Status, he.Attempts, hits.Load(), c.status, c.attempts)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "fetch: GET "+s.URL+"/p: "+fmt.Sprint(c.status)) || !strings.HasSuffix(msg, fmt.Sprintf("(%d attempt%s)", c.attempts, map[bool]string{true: "s"}[c.attempts > 1])) {
				t.Errorf("message %q", msg)
			}
			if c.retryAfter == "1" && time.Since(start) < 2*time.Second {
				t.Errorf("Retry-After: 1 not honoured: two retries took %v", time.Since(start))
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	var hits atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, statementHTML)
	})
	r, err := Get(context.Background(), s.URL, quick())
	if err != nil || r.Attempts != 3 || r.Status != 200 {
		t.Fatalf("err %v, response %+v", err, r)
	}
	opt := quick()
	opt.Retries = -1
	hits.Store(0)
	if _, err := Get(context.Background(), s.URL, opt); httpErr(t, err).Attempts != 1 {
		t.Errorf("no retries: %v", err)
	}
}

func TestRetryAfterBeyondDeadline(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	opt := quick()
	opt.Deadline = 2 * time.Second
	start := time.Now()
	_, err := Get(context.Background(), s.URL, opt)
	if time.Since(start) > time.Second {
		t.Errorf("waited %v for a retry that could not happen", time.Since(start))
	}
	if he := httpErr(t, err); he.Attempts != 1 || !strings.Contains(err.Error(), "retry after 1h0m0s") {
		t.Errorf("%v", err)
	}
}

func TestHeaderTimeoutRetried(t *testing.T) {
	var hits atomic.Int32
	release := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			select {
			case <-release:
			case <-time.After(5 * time.Second):
			}
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, statementHTML)
	})
	t.Cleanup(func() { close(release) })
	opt := quick()
	opt.HeaderTimeout = 200 * time.Millisecond
	r, err := Get(context.Background(), s.URL, opt)
	if err != nil || r.Attempts != 2 {
		t.Fatalf("err %v, response %+v", err, r)
	}
}

func TestTimeoutEveryAttempt(t *testing.T) {
	release := make(chan struct{})
	var hits atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
	})
	t.Cleanup(func() { close(release) }) // before the server closes
	opt := quick()
	opt.HeaderTimeout = 100 * time.Millisecond
	opt.Retries = 2
	_, err := Get(context.Background(), s.URL, opt)
	he := httpErr(t, err)
	if he.Attempts != 3 || !strings.Contains(err.Error(), "timeout") {
		t.Errorf("%v (attempts %d)", err, he.Attempts)
	}
}

func TestSlowBodyDeadline(t *testing.T) {
	release := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(200)
		for i := 0; i < 100; i++ {
			io.WriteString(w, "<p>slow</p>")
			w.(http.Flusher).Flush()
			select {
			case <-release:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
	t.Cleanup(func() { close(release) })
	opt := quick()
	opt.Deadline = 500 * time.Millisecond
	start := time.Now()
	_, err := Get(context.Background(), s.URL, opt)
	if err == nil || !strings.Contains(err.Error(), "deadline of 500ms exceeded") {
		t.Errorf("slow body: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("deadline not kept: %v", d)
	}
}

func TestConnectionResetRetried(t *testing.T) {
	var hits atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		if hits.Add(1) == 1 {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				if tc, ok := conn.(*net.TCPConn); ok {
					tc.SetLinger(0) // RST instead of FIN
				}
				conn.Close()
			}
			return
		}
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, statementHTML)
	})
	r, err := Get(context.Background(), s.URL, quick())
	if err != nil || r.Attempts != 2 {
		t.Fatalf("err %v, response %+v", err, r)
	}
}

func TestConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	opt := quick()
	opt.Retries = 1
	_, err = Get(context.Background(), "http://"+addr+"/x", opt)
	he := httpErr(t, err)
	if he.Attempts != 2 || !strings.Contains(err.Error(), "refused") || !strings.Contains(err.Error(), "http://"+addr+"/x") {
		t.Errorf("%v", err)
	}
}

func TestBodyCap(t *testing.T) {
	big := strings.Repeat("<p>statement text</p>", 1000) // 21 000 bytes
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/chunked":
			w.WriteHeader(200)
			w.(http.Flusher).Flush()
			io.WriteString(w, big)
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			io.WriteString(zw, big)
			zw.Close()
		default:
			io.WriteString(w, big)
		}
	})
	opt := quick()
	opt.MaxBytes = 10000
	for _, p := range []string{"/length", "/chunked", "/gzip"} {
		_, err := Get(context.Background(), s.URL+p, opt)
		if !errors.Is(err, ErrTooBig) || httpErr(t, err).Attempts != 1 {
			t.Errorf("%s: %v", p, err)
		}
	}
	opt.MaxBytes = 30000
	if _, err := Get(context.Background(), s.URL+"/gzip", opt); err != nil {
		t.Errorf("under the cap: %v", err)
	}
}

func TestCompression(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		var zw io.WriteCloser
		switch r.URL.Path {
		case "/gzip":
			w.Header().Set("Content-Encoding", "gzip")
			zw = gzip.NewWriter(w)
		case "/deflate":
			w.Header().Set("Content-Encoding", "deflate")
			zw = zlib.NewWriter(w)
		case "/raw-deflate":
			w.Header().Set("Content-Encoding", "deflate")
			zw, _ = flate.NewWriter(w, flate.DefaultCompression)
		case "/bad-gzip":
			w.Header().Set("Content-Encoding", "gzip")
			io.WriteString(w, "this is not gzip")
			return
		case "/br":
			w.Header().Set("Content-Encoding", "br")
			io.WriteString(w, "\x1b\x00")
			return
		}
		io.WriteString(zw, statementHTML)
		zw.Close()
	})
	for _, p := range []string{"/gzip", "/deflate", "/raw-deflate"} {
		r, err := Get(context.Background(), s.URL+p, quick())
		if err != nil || string(r.Body) != statementHTML {
			t.Errorf("%s: err %v", p, err)
		}
	}
	if _, err := Get(context.Background(), s.URL+"/bad-gzip", quick()); err == nil || !strings.Contains(err.Error(), "gzip") {
		t.Errorf("bad gzip: %v", err)
	}
	if _, err := Get(context.Background(), s.URL+"/br", quick()); !errors.Is(err, ErrUnsupported) {
		t.Errorf("br: %v", err)
	}
}

func TestContentTypes(t *testing.T) {
	pdf := "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
	cases := []struct {
		path, ctype, body string
		format, warn      string
		unsupported       string
	}{
		{"/html", "text/html; charset=utf-8", statementHTML, FormatHTML, "", ""},
		{"/xhtml", "application/xhtml+xml", statementHTML, FormatHTML, "", ""},
		{"/none", "", statementHTML, FormatHTML, "no Content-Type", ""},
		{"/octet", "application/octet-stream", statementHTML, FormatHTML, "served as application/octet-stream", ""},
		{"/plain-html", "text/plain", statementHTML, FormatHTML, "served as text/plain but is HTML", ""},
		{"/plain", "text/plain; charset=utf-8", "A statement.\n\nIn two paragraphs.\n", FormatText, "", ""},
		{"/md", "text/markdown", "# Title\n\nA statement.\n", FormatMarkdown, "", ""},
		{"/pdf", "application/pdf", pdf, "", "", "application/pdf"},
		{"/pdf-as-html", "text/html", pdf, "", "", "application/pdf"},
		{"/pdf-untyped", "", pdf, "", "", "application/pdf"},
		{"/png", "image/png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "", "", "image/png"},
		{"/json", "application/json", `{"a":1}`, "", "", "application/json"},
		{"/bad", "text/html; charset", statementHTML, FormatHTML, "", ""}, // unparsable type: sniffed
	}
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		for _, c := range cases {
			if c.path == r.URL.Path {
				if c.ctype != "" {
					w.Header().Set("Content-Type", c.ctype)
				} else {
					w.Header()["Content-Type"] = nil // no sniffing by the server
				}
				io.WriteString(w, c.body)
			}
		}
	})
	for _, c := range cases {
		d, err := Load(context.Background(), s.URL+c.path, Options{HTTP: quick()})
		if c.unsupported != "" {
			if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "not supported yet: "+c.unsupported) {
				t.Errorf("%s: err %v, want not supported yet: %s", c.path, err, c.unsupported)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if d.Format != c.format {
			t.Errorf("%s: format %q, want %q", c.path, d.Format, c.format)
		}
		hasWarn := len(d.Warnings) > 0 && strings.Contains(d.Warnings[0], c.warn)
		if c.warn != "" && !hasWarn {
			t.Errorf("%s: warnings %q, want %q", c.path, d.Warnings, c.warn)
		}
	}
}

func TestConditionalRequests(t *testing.T) {
	var conds []string
	var hits atomic.Int32
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		conds = append(conds, r.Header.Get("If-None-Match")+"|"+r.Header.Get("If-Modified-Since"))
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, statementHTML)
	})
	cache := &MemoryCache{}
	opt := quick()
	opt.Cache = cache
	d1, err := Load(context.Background(), s.URL+"/s", Options{HTTP: opt})
	if err != nil || d1.NotModified {
		t.Fatalf("first fetch: %v", err)
	}
	d2, err := Load(context.Background(), s.URL+"/s", Options{HTTP: opt})
	if err != nil {
		t.Fatal(err)
	}
	if !d2.NotModified || d2.Status != 304 || d2.Text != d1.Text || d2.SHA256 != d1.SHA256 {
		t.Errorf("second fetch: not modified %v, status %d, same text %v", d2.NotModified, d2.Status, d2.Text == d1.Text)
	}
	want := []string{"|", `"v1"|Mon, 02 Jan 2006 15:04:05 GMT`}
	if len(conds) != 2 || conds[0] != want[0] || conds[1] != want[1] {
		t.Errorf("conditional headers %q, want %q", conds, want)
	}
}

func TestCancel(t *testing.T) {
	release := make(chan struct{})
	s := serve(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
	})
	t.Cleanup(func() { close(release) })
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	start := time.Now()
	_, err := Get(ctx, s.URL, quick())
	if !errors.Is(err, context.Canceled) || time.Since(start) > 2*time.Second {
		t.Errorf("cancel: %v after %v", err, time.Since(start))
	}
	if he := httpErr(t, err); he.Attempts != 1 {
		t.Errorf("cancelled fetch retried: %d attempts", he.Attempts)
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for v, want := range map[string]time.Duration{
		"": 0, "0": 0, "5": 5 * time.Second, "-3": 0, "soon": 0,
		"Mon, 01 Jan 2024 00:00:30 GMT": 30 * time.Second,
		"Sun, 31 Dec 2023 23:00:00 GMT": 0,
	} {
		if got := parseRetryAfter(v, now); got != want {
			t.Errorf("Retry-After %q: %v, want %v", v, got, want)
		}
	}
}

func TestBackoff(t *testing.T) {
	for n := 1; n <= 4; n++ {
		d := 100 * time.Millisecond << (n - 1)
		for i := 0; i < 50; i++ {
			if b := backoff(100*time.Millisecond, n); b < d/2 || b > d {
				t.Fatalf("backoff(%d) = %v, want in [%v, %v]", n, b, d/2, d)
			}
		}
	}
}
