package fetch

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoadErrors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tests := []struct {
		name    string
		source  string
		want    []string // substrings of the message
		wantErr error
	}{
		{"missing", filepath.Join(dir, "nope.md"), []string{"fetch: open ", "nope.md", "no such file"}, os.ErrNotExist},
		{"directory", dir, []string{"is a directory"}, nil},
		{"binary", writeFile(t, "b.txt", []byte("text\x00more")), []string{"b.txt", "binary file", "offset 4"}, ErrBinary},
		{"latin1", writeFile(t, "l.txt", []byte("ok line\ncaf\xe9 au lait\n")), []string{"l.txt", "not valid UTF-8", "line 2, column 4", "0xE9"}, ErrNotUTF8},
		{"utf16", writeFile(t, "u.txt", []byte{0xFF, 0xFE, 'a', 0}), []string{"UTF-16"}, ErrNotUTF8},
		{"control characters", writeFile(t, "c.txt", []byte(strings.Repeat("\x01\x02x", 50))), []string{"control characters"}, ErrBinary},
		// (Fetching is tested against local servers in http_test.go; no test
		// here may reach the network.)
		{"url scheme", "ftp://example.gov/statement", []string{"ftp://example.gov/statement", "unsupported URL scheme"}, ErrScheme},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(ctx, tt.source, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			var fe *Error
			if !errors.As(err, &fe) {
				t.Errorf("error %T is not a *fetch.Error", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("error %q is not %v", err, tt.wantErr)
			}
		})
	}
}

func TestLoadStdinAndLimits(t *testing.T) {
	ctx := context.Background()
	d, err := Load(ctx, "-", Options{Stdin: strings.NewReader("From standard input.\n")})
	if err != nil {
		t.Fatal(err)
	}
	if d.Source != "-" || d.Format != FormatText || d.Text != "From standard input.\n" {
		t.Errorf("stdin document: %+v", d)
	}
	if _, err := Load(ctx, "-", Options{}); err == nil || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("no stdin: %v", err)
	}
	_, err = Load(ctx, "-", Options{Stdin: strings.NewReader(strings.Repeat("x", 100)), MaxBytes: 10})
	if !errors.Is(err, ErrTooBig) || !strings.Contains(err.Error(), "standard input") {
		t.Errorf("too big: %v", err)
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		name, src, format string
	}{
		{"a.md", "x", FormatMarkdown},
		{"a.markdown", "x", FormatMarkdown},
		{"a.html", "x", FormatHTML},
		{"a.htm", "x", FormatHTML},
		{"a.txt", "<html>", FormatText},
		{"-", "<!DOCTYPE html><p>x", FormatHTML},
		{"-", "  <html><body>x", FormatHTML},
		{"-", "---\ntitle: t\n---\nx", FormatMarkdown},
		{"-", "plain *text*", FormatText},
		{"noext", "plain", FormatText},
	}
	for _, tt := range tests {
		d, err := Parse(tt.name, []byte(tt.src), "")
		if err != nil {
			t.Fatal(err)
		}
		if d.Format != tt.format {
			t.Errorf("%s %q: format %q, want %q", tt.name, tt.src, d.Format, tt.format)
		}
	}
	if _, err := Parse("a", []byte("x"), "pdf"); err == nil {
		t.Error("unknown format accepted")
	}
}

func TestParseText(t *testing.T) {
	src := "\ufeffFirst line\r\nsecond line\r\n"
	d, err := Parse("a.txt", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasPrefix(d.Text, "\ufeff") {
		t.Error("BOM kept")
	}
	i := strings.Index(d.Text, "second")
	if d.Line(i) != 2 || src[d.SourceOffset(i):][:6] != "second" {
		t.Errorf("second line maps to line %d, offset %d", d.Line(i), d.SourceOffset(i))
	}
	if len(d.SHA256) != 64 || d.Size != len(src) {
		t.Errorf("sha %q size %d", d.SHA256, d.Size)
	}
}

func TestParseHTML(t *testing.T) {
	src := `<!doctype html><html lang="en"><head><title>Readout of the Call</title>
<style>p { color: red }</style><script>var secret = "SCRIPTTEXT";</script></head>
<body><header>Site Header</header><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article><h1>Readout of the Call</h1>
<p>The President spoke with the Prime Minister today. They discussed&nbsp;trade &amp; security.</p>
<p>Both leaders<br>agreed to meet.</p>
<ul><li>First point.</li><li>Second point.</li></ul>
<div hidden>Hidden text</div><p style="display: none">Invisible</p>
<form><input value="Search"><button>Go</button></form>
</article></main><aside>Related releases</aside><footer>Contact us</footer></body></html>`
	d, err := Parse("r.html", []byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "Readout of the Call" {
		t.Errorf("title %q", d.Title)
	}
	// The headline is the document's Title, not part of its text (the
	// extraction benchmark, like readers, counts it apart from the body).
	want := "The President spoke with the Prime Minister today. They discussed\u00a0trade & security.\n\n" +
		"Both leaders\nagreed to meet.\n\nFirst point.\n\nSecond point.\n"
	if d.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", d.Text, want)
	}
	for _, junk := range []string{"SCRIPTTEXT", "color", "Site Header", "Home", "Related", "Contact", "Hidden", "Invisible", "Search", "Go"} {
		if strings.Contains(d.Text, junk) {
			t.Errorf("text holds %q", junk)
		}
	}
}
