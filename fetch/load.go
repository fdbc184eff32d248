package fetch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Error is a failure to load one input. It names the input and the
// operation, and wraps the cause.
type Error struct {
	Source string // path, "-" or URL
	Op     string // "open", "read", "decode", "GET", ...
	Err    error
}

func (e *Error) Error() string {
	src := e.Source
	if src == "-" {
		src = "standard input"
	}
	return "fetch: " + e.Op + " " + src + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// Errors a caller may test for with errors.Is.
var (
	ErrBinary  = errors.New("binary file")
	ErrNotUTF8 = errors.New("not valid UTF-8")
	ErrTooBig  = errors.New("input too large")
)

// Options control how an input is read.
type Options struct {
	// Format forces FormatText, FormatMarkdown or FormatHTML; empty means
	// guess from the name and the content.
	Format string
	// Stdin is read for the source "-".
	Stdin io.Reader
	// MaxBytes caps the size of a file or standard input; 0 means
	// DefaultMaxBytes. Web pages have their own cap, HTTP.MaxBytes.
	MaxBytes int64
	// HTTP controls fetching web pages.
	HTTP HTTPOptions
	// Extract controls main-text extraction from HTML.
	Extract ExtractOptions
}

// DefaultMaxBytes is the largest input read by default (256 MiB).
const DefaultMaxBytes = 256 << 20

// Load reads one input — a file path, or "-" for standard input — and
// converts it to a Document.
func Load(ctx context.Context, source string, opt Options) (*Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if IsURL(source) {
		return loadURL(ctx, source, opt)
	}
	max := opt.MaxBytes
	if max <= 0 {
		max = DefaultMaxBytes
	}
	var raw []byte
	var err error
	if source == "-" {
		if opt.Stdin == nil {
			return nil, &Error{Source: source, Op: "read", Err: errors.New("no standard input")}
		}
		raw, err = readCapped(opt.Stdin, max)
		if err != nil {
			return nil, &Error{Source: source, Op: "read", Err: err}
		}
	} else {
		f, err := os.Open(source)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &Error{Source: source, Op: "open", Err: err}
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, &Error{Source: source, Op: "read", Err: errors.New("is a directory")}
		}
		raw, err = readCapped(f, max)
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return nil, &Error{Source: source, Op: "read", Err: err}
		}
	}
	return parse(source, raw, opt.Format, "", opt.Extract)
}

// loadURL fetches a web page and converts it.
func loadURL(ctx context.Context, source string, opt Options) (*Document, error) {
	resp, err := Get(ctx, source, opt.HTTP)
	if err != nil {
		return nil, err
	}
	format := opt.Format
	var warn string
	if format == "" {
		format, warn, err = pageFormat(resp.ContentType, resp.Body)
		if err != nil {
			return nil, &Error{Source: source, Op: "GET", Err: err}
		}
	}
	ex := opt.Extract
	if ex.URL == "" {
		ex.URL = resp.URL
	}
	doc, err := parse(source, resp.Body, format, resp.ContentType, ex)
	if err != nil {
		return nil, err
	}
	doc.URL = resp.URL
	doc.Status = resp.Status
	doc.ContentType = resp.ContentType
	doc.RetrievedAt = resp.RetrievedAt
	doc.NotModified = resp.NotModified
	if warn != "" {
		doc.Warnings = append([]string{warn}, doc.Warnings...)
	}
	return doc, nil
}

// IsURL reports whether s names a web resource rather than a file: it has
// a scheme followed by "://", or starts with a scheme that never names a
// file here (file:, data:, mailto:, ...), which Load then refuses by name.
func IsURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok {
		switch strings.ToLower(scheme) {
		case "file", "data", "mailto", "javascript", "about", "ftp", "http", "https":
			return true
		}
	}
	i := strings.Index(s, "://")
	if i <= 0 {
		return false
	}
	for _, c := range s[:i] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooBig, max)
	}
	return b, nil
}

// Parse converts raw input bytes to a Document. source names the input in
// errors and reports; format may be empty to guess it.
func Parse(source string, raw []byte, format string) (*Document, error) {
	return parse(source, raw, format, "", ExtractOptions{})
}

// ParseHTML converts a saved web page to a Document: the charset is decided
// from contentType (may be empty) and the page, and the main text is
// extracted as opt says.
func ParseHTML(source string, raw []byte, contentType string, opt ExtractOptions) (*Document, error) {
	return parse(source, raw, FormatHTML, contentType, opt)
}

func parse(source string, raw []byte, format, contentType string, ex ExtractOptions) (*Document, error) {
	sum := sha256.Sum256(raw)
	doc := &Document{Source: source, SHA256: hex.EncodeToString(sum[:]), Size: len(raw)}
	if format == "" {
		format = guessFormat(source, bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF}))
	}
	if format == FormatHTML {
		if err := parseHTML(doc, raw, contentType, ex); err != nil {
			return nil, &Error{Source: source, Op: "parse", Err: err}
		}
		return doc, nil
	}
	body, bomLen, err := decodeUnicode(raw)
	if err != nil {
		return nil, &Error{Source: source, Op: "decode", Err: err}
	}
	doc.Format = format
	switch format {
	case FormatText:
		doc.Text = string(body)
		doc.lineStarts = lineIndex(body)
		if bomLen > 0 {
			doc.runs = []run{{text: 0, src: bomLen, n: len(body), copied: true}}
			doc.lineStarts = lineIndex(raw)
		}
	case FormatMarkdown:
		parseMarkdown(doc, body)
		if bomLen > 0 {
			for i := range doc.runs {
				doc.runs[i].src += bomLen
			}
			doc.lineStarts = lineIndex(raw)
		}
	default:
		return nil, &Error{Source: source, Op: "read", Err: fmt.Errorf("unknown format %q (want text, markdown or html)", format)}
	}
	return doc, nil
}

// decodeUnicode strips a UTF-8 byte order mark and rejects binary and
// non-UTF-8 input with an error that says where the problem is.
func decodeUnicode(raw []byte) (body []byte, bomLen int, err error) {
	if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		raw, bomLen = raw[3:], 3
	}
	if bytes.HasPrefix(raw, []byte{0xFF, 0xFE}) || bytes.HasPrefix(raw, []byte{0xFE, 0xFF}) {
		return nil, 0, fmt.Errorf("%w: the file is UTF-16; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)", ErrNotUTF8)
	}
	if i := bytes.IndexByte(raw, 0); i >= 0 {
		return nil, 0, fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i+bomLen)
	}
	if !utf8.Valid(raw) {
		i := firstInvalid(raw)
		line := bytes.Count(raw[:i], []byte{'\n'}) + 1
		col := i - (bytes.LastIndexByte(raw[:i], '\n') + 1) + 1
		return nil, 0, fmt.Errorf("%w: bad byte 0x%02X at line %d, column %d; convert the file to UTF-8 first (e.g. iconv -f WINDOWS-1252 -t UTF-8)", ErrNotUTF8, raw[i], line, col)
	}
	if controlShare(raw) > 0.1 {
		return nil, 0, fmt.Errorf("%w: too many control characters for text", ErrBinary)
	}
	return raw, bomLen, nil
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// controlShare is the share of C0 control bytes other than tab, newline,
// carriage return and form feed in the first 64 KiB.
func controlShare(b []byte) float64 {
	if len(b) > 64<<10 {
		b = b[:64<<10]
	}
	if len(b) == 0 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
			n++
		}
	}
	return float64(n) / float64(len(b))
}

func guessFormat(source string, body []byte) string {
	switch strings.ToLower(filepath.Ext(source)) {
	case ".md", ".markdown", ".mdown", ".mkd":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".txt", ".text":
		return FormatText
	}
	head := bytes.TrimLeft(body, " \t\r\n")
	if len(head) > 512 {
		head = head[:512]
	}
	lower := bytes.ToLower(head)
	if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<?xml")) && bytes.Contains(lower, []byte("<html")) {
		return FormatHTML
	}
	if bytes.HasPrefix(head, []byte("---\n")) || bytes.HasPrefix(head, []byte("---\r\n")) {
		return FormatMarkdown
	}
	return FormatText
}
