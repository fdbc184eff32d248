package fetch

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net"
	"net/http"
	nurl "net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Defaults for fetching web pages.
const (
	DefaultConnectTimeout = 10 * time.Second
	DefaultHeaderTimeout  = 30 * time.Second // from request sent to response headers, per attempt
	DefaultDeadline       = 2 * time.Minute  // the whole fetch: every attempt, body and waits
	DefaultMaxPageBytes   = 20 << 20
	DefaultRetries        = 3 // after the first attempt
	DefaultRetryBase      = 500 * time.Millisecond
	MaxRedirects          = 10
)

// HTTPOptions control how web pages are fetched.
type HTTPOptions struct {
	ConnectTimeout time.Duration // dialling and TLS handshake; 0: DefaultConnectTimeout
	HeaderTimeout  time.Duration // per attempt, until response headers arrive; 0: DefaultHeaderTimeout
	Deadline       time.Duration // the whole fetch, retries included; 0: DefaultDeadline
	MaxBytes       int64         // body cap after decompression; 0: DefaultMaxPageBytes
	UserAgent      string        // empty: "clausediff"
	Retries        int           // retries after the first attempt; negative: none; 0: DefaultRetries
	RetryBase      time.Duration // first backoff; doubles each retry, with jitter; 0: DefaultRetryBase
	Cache          Cache         // conditional requests; nil: none
	// Transport replaces the default transport (tests); its timeouts are
	// then the caller's business.
	Transport http.RoundTripper
}

func (o *HTTPOptions) defaults() HTTPOptions {
	c := *o
	if c.ConnectTimeout <= 0 {
		c.ConnectTimeout = DefaultConnectTimeout
	}
	if c.HeaderTimeout <= 0 {
		c.HeaderTimeout = DefaultHeaderTimeout
	}
	if c.Deadline <= 0 {
		c.Deadline = DefaultDeadline
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxPageBytes
	}
	if c.UserAgent == "" {
		c.UserAgent = "clausediff"
	}
	switch {
	case c.Retries == 0:
		c.Retries = DefaultRetries
	case c.Retries < 0:
		c.Retries = 0
	}
	if c.RetryBase <= 0 {
		c.RetryBase = DefaultRetryBase
	}
	return c
}

// Cache stores pages for conditional requests (If-None-Match,
// If-Modified-Since). Implementations must be safe for concurrent use.
type Cache interface {
	Get(url string) (*CacheEntry, bool)
	Put(url string, e *CacheEntry)
}

// CacheEntry is a page as last fetched.
type CacheEntry struct {
	ETag         string
	LastModified string
	ContentType  string
	FinalURL     string
	Body         []byte
	RetrievedAt  time.Time
}

// MemoryCache is a Cache in memory.
type MemoryCache struct {
	mu sync.Mutex
	m  map[string]*CacheEntry
}

func (c *MemoryCache) Get(url string) (*CacheEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[url]
	return e, ok
}

func (c *MemoryCache) Put(url string, e *CacheEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*CacheEntry{}
	}
	c.m[url] = e
}

// Response is a fetched page.
type Response struct {
	URL         string // final URL after redirects
	Status      int    // HTTP status of the final response (304 when served from the cache)
	ContentType string
	Body        []byte // decompressed
	RetrievedAt time.Time
	Attempts    int
	NotModified bool // the cache's copy was still current

	etag, lastMod string
}

// HTTPError is a final failure to fetch a page: a status the server sent,
// or a network error, after some attempts.
type HTTPError struct {
	Status     int    // 0 for a network error
	StatusText string // "404 Not Found"
	Err        error  // the network error, if any
	Attempts   int
}

func (e *HTTPError) Error() string {
	what := e.StatusText
	if e.Err != nil {
		what = e.Err.Error()
	}
	a := "attempts"
	if e.Attempts == 1 {
		a = "attempt"
	}
	return fmt.Sprintf("%s (%d %s)", what, e.Attempts, a)
}

func (e *HTTPError) Unwrap() error { return e.Err }

// Errors a caller may test for with errors.Is.
var (
	ErrScheme       = errors.New("unsupported URL scheme")
	ErrUnsupported  = errors.New("not supported yet")
	ErrTooManyHops  = errors.New("too many redirects")
	ErrRedirectLoop = errors.New("redirect loop")
)

// Get fetches a web page: http and https only, at most MaxRedirects
// redirects, retries with exponential backoff and jitter on timeouts,
// connection resets, 429 and 5xx (honouring Retry-After), none on other
// 4xx. The body is decompressed (gzip, deflate) and capped.
func Get(ctx context.Context, rawURL string, o HTTPOptions) (*Response, error) {
	opt := o.defaults()
	fail := func(err error) (*Response, error) {
		return nil, &Error{Source: rawURL, Op: "GET", Err: err}
	}
	u, err := nurl.Parse(rawURL)
	if err != nil {
		return fail(err)
	}
	if err := checkScheme(u); err != nil {
		return fail(err)
	}
	if u.Host == "" {
		return fail(errors.New("no host in URL"))
	}
	ctx, cancel := context.WithTimeout(ctx, opt.Deadline)
	defer cancel()

	client := &http.Client{Transport: opt.Transport, CheckRedirect: checkRedirect}
	if client.Transport == nil {
		client.Transport = newTransport(opt)
	}
	var cached *CacheEntry
	if opt.Cache != nil {
		cached, _ = opt.Cache.Get(rawURL)
	}
	for attempt := 1; ; attempt++ {
		resp, retryAfter, err := getOnce(ctx, client, u.String(), opt, cached)
		if err == nil {
			resp.Attempts = attempt
			if opt.Cache != nil && !resp.NotModified && resp.Status == http.StatusOK {
				if e := cacheEntry(resp); e != nil {
					opt.Cache.Put(rawURL, e)
				}
			}
			return resp, nil
		}
		var he *HTTPError
		if !errors.As(err, &he) {
			he = &HTTPError{Err: err}
		}
		he.Attempts = attempt
		if ctx.Err() != nil && he.Err != nil {
			he.Err = deadlineError(ctx, he.Err, opt.Deadline)
		}
		if !retryable(he) || attempt > opt.Retries || ctx.Err() != nil {
			return fail(he)
		}
		wait := backoff(opt.RetryBase, attempt)
		if retryAfter > 0 {
			wait = retryAfter
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			if retryAfter > 0 {
				he.StatusText += fmt.Sprintf("; the server asked to retry after %s, beyond the %s deadline", retryAfter.Round(time.Second), opt.Deadline)
			}
			return fail(he)
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			if he.Err == nil {
				he.StatusText += "; " + deadlineError(ctx, ctx.Err(), opt.Deadline).Error()
			}
			return fail(he)
		case <-t.C:
		}
	}
}

func deadlineError(ctx context.Context, err error, d time.Duration) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("deadline of %s exceeded: %w", d, err)
	}
	return err
}

func checkScheme(u *nurl.URL) error {
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return nil
	case "":
		return fmt.Errorf("%w: no scheme (want http:// or https://)", ErrScheme)
	}
	return fmt.Errorf("%w %q: only http and https are fetched", ErrScheme, u.Scheme+":")
}

func checkRedirect(req *http.Request, via []*http.Request) error {
	if err := checkScheme(req.URL); err != nil {
		return fmt.Errorf("redirect to %s: %w", req.URL, err)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: %s redirects back to %s", ErrRedirectLoop, via[len(via)-1].URL, req.URL)
		}
	}
	if len(via) > MaxRedirects {
		return fmt.Errorf("%w: stopped after %d", ErrTooManyHops, MaxRedirects)
	}
	return nil
}

func newTransport(opt HTTPOptions) *http.Transport {
	d := &net.Dialer{Timeout: opt.ConnectTimeout, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   opt.ConnectTimeout,
		ResponseHeaderTimeout: opt.HeaderTimeout,
		DisableCompression:    true, // we ask for gzip and deflate and decode them ourselves
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
}

// getOnce makes one request. It returns the page, or an error and how long
// the server asked to wait before retrying.
func getOnce(ctx context.Context, client *http.Client, url string, opt HTTPOptions, cached *CacheEntry) (*Response, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("User-Agent", opt.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	if cached != nil {
		if cached.ETag != "" {
			req.Header.Set("If-None-Match", cached.ETag)
		}
		if cached.LastModified != "" {
			req.Header.Set("If-Modified-Since", cached.LastModified)
		}
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *nurl.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, 0, err
	}
	defer resp.Body.Close()
	final := resp.Request.URL.String()
	if resp.StatusCode == http.StatusNotModified && cached != nil {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		ct := cached.ContentType
		if fu := cached.FinalURL; fu != "" {
			final = fu
		}
		return &Response{URL: final, Status: resp.StatusCode, ContentType: ct, Body: cached.Body, RetrievedAt: time.Now().UTC(), NotModified: true}, 0, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		he := &HTTPError{Status: resp.StatusCode, StatusText: resp.Status}
		if !strings.HasPrefix(resp.Status, strconv.Itoa(resp.StatusCode)) || resp.Status == "" {
			he.StatusText = fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
		}
		if final != url {
			he.StatusText += " at " + final
		}
		return nil, parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()), he
	}
	body, err := readBody(resp, opt.MaxBytes)
	if err != nil {
		return nil, 0, err
	}
	return &Response{
		URL:         final,
		Status:      resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        body,
		RetrievedAt: time.Now().UTC(),
		etag:        resp.Header.Get("ETag"),
		lastMod:     resp.Header.Get("Last-Modified"),
	}, 0, nil
}

func cacheEntry(r *Response) *CacheEntry {
	if r.etag == "" && r.lastMod == "" {
		return nil
	}
	return &CacheEntry{ETag: r.etag, LastModified: r.lastMod, ContentType: r.ContentType, FinalURL: r.URL, Body: r.Body, RetrievedAt: r.RetrievedAt}
}

// readBody reads and decompresses the body, refusing more than max bytes
// (before or after decompression).
func readBody(resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, fmt.Errorf("%w: the server announced %d bytes, more than the %d-byte cap (--max-bytes)", ErrTooBig, resp.ContentLength, max)
	}
	var r io.Reader = &countingReader{r: io.LimitReader(resp.Body, max+1)}
	switch enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer zr.Close()
		r = zr
	case "deflate":
		// RFC 9110 deflate is zlib-wrapped; some servers send raw deflate.
		buf, err := io.ReadAll(r)
		if err != nil {
			return nil, readError(err)
		}
		if zr, err := zlib.NewReader(bytes.NewReader(buf)); err == nil {
			r = zr
		} else {
			r = flate.NewReader(bytes.NewReader(buf))
		}
	default:
		return nil, fmt.Errorf("%w: content encoding %q", ErrUnsupported, enc)
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, readError(err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: the page is larger than the %d-byte cap (--max-bytes)", ErrTooBig, max)
	}
	return b, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func readError(err error) error {
	return fmt.Errorf("reading the body: %w", err)
}

// retryable: timeouts, resets and other transient network errors, 429, 5xx.
func retryable(e *HTTPError) bool {
	if e.Status != 0 {
		return e.Status == http.StatusTooManyRequests || e.Status >= 500 && e.Status != http.StatusNotImplemented && e.Status != http.StatusHTTPVersionNotSupported
	}
	err := e.Err
	if err == nil {
		return false
	}
	if errors.Is(err, ErrScheme) || errors.Is(err, ErrTooBig) || errors.Is(err, ErrTooManyHops) || errors.Is(err, ErrRedirectLoop) || errors.Is(err, ErrUnsupported) {
		return false
	}
	if errors.Is(err, context.Canceled) {
		return false
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	if errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNABORTED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return true
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return dnsErr.IsTemporary || dnsErr.IsTimeout
	}
	return false
}

// backoff is the wait before retry n (1-based): base·2^(n-1), with the upper
// half jittered.
func backoff(base time.Duration, n int) time.Duration {
	d := base << min(n-1, 10)
	half := d / 2
	return half + rand.N(half+1)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(min(s, 24*3600)) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// pageFormat decides how to read a fetched body from its Content-Type and,
// where that is missing or generic, its first bytes. It refuses PDFs,
// images and other content it cannot read.
func pageFormat(contentType string, body []byte) (format string, warning string, err error) {
	mt, _, perr := mime.ParseMediaType(contentType)
	if perr != nil {
		mt = ""
	}
	mt = strings.ToLower(mt)
	sniffed := sniff(body)
	if sniffed != "" && !strings.HasPrefix(sniffed, "text/") && sniffed != "html" {
		return "", "", fmt.Errorf("%w: %s", ErrUnsupported, sniffed)
	}
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return FormatHTML, "", nil
	case mt == "text/markdown" || mt == "text/x-markdown":
		return FormatMarkdown, "", nil
	case mt == "text/plain":
		if sniffed == "html" {
			return FormatHTML, "served as text/plain but is HTML; read as HTML", nil
		}
		return FormatText, "", nil
	case mt == "" || mt == "application/octet-stream" || mt == "binary/octet-stream" || mt == "application/x-unknown":
		if sniffed == "html" {
			w := "no Content-Type; the body is HTML"
			if mt != "" {
				w = "served as " + mt + "; the body is HTML"
			}
			return FormatHTML, w, nil
		}
		if sniffed == "text/plain" {
			return FormatText, "no usable Content-Type; read as plain text", nil
		}
		return "", "", fmt.Errorf("%w: %s", ErrUnsupported, orUnknown(mt))
	case strings.HasSuffix(mt, "+xml") || mt == "text/xml" || mt == "application/xml":
		if sniffed == "html" {
			return FormatHTML, "", nil
		}
	}
	if sniffed == "html" && strings.HasPrefix(mt, "text/") {
		return FormatHTML, "served as " + mt + "; the body is HTML", nil
	}
	return "", "", fmt.Errorf("%w: %s", ErrUnsupported, orUnknown(mt))
}

func orUnknown(mt string) string {
	if mt == "" {
		return "content of unknown type"
	}
	return mt
}

// sniff names what the body is by its first bytes: "html", a MIME type for
// known binary formats, "text/plain", or "" when it cannot tell.
func sniff(body []byte) string {
	head := body
	if len(head) > 1024 {
		head = head[:1024]
	}
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "application/pdf"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "application/zip"
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	lower := bytes.ToLower(trimmed)
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<?xml"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			if p == "<?xml" && !bytes.Contains(bytes.ToLower(body[:min(len(body), 4096)]), []byte("<html")) {
				break
			}
			return "html"
		}
	}
	ct := http.DetectContentType(head)
	switch {
	case strings.HasPrefix(ct, "text/html"):
		return "html"
	case strings.HasPrefix(ct, "text/plain"):
		return "text/plain"
	case strings.HasPrefix(ct, "application/octet-stream"):
		if bytes.IndexByte(head, 0) < 0 {
			return "" // text in some legacy charset, say
		}
		return "application/octet-stream"
	}
	mt, _, _ := mime.ParseMediaType(ct)
	return mt
}
