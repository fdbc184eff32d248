package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
)

// longResult compares two documents of n lines each: B rewords every third line,
// drops every seventh and adds one now and then, so that every kind of pair
// and many diffs reach the JSON.
func longResult(t *testing.T, n int) *align.Result {
	t.Helper()
	var a, b strings.Builder
	for i := 0; i < n; i++ {
		line := fmt.Sprintf("Line %d says the ministry will review \"case %d\" by March %d, at a cost of $%d million.\n", i, i*7, 1+i%28, i%500)
		a.WriteString(line)
		switch {
		case i%7 == 0:
		case i%3 == 0:
			b.WriteString(strings.Replace(strings.Replace(line, "will", "may", 1), "review", "reconsider", 1))
		default:
			b.WriteString(line)
		}
		if i%11 == 0 {
			fmt.Fprintf(&b, "An added line %d\twith a tab and a \\ backslash.\n", i)
		}
	}
	da, err := fetch.Parse("a.txt", []byte(a.String()), "text")
	if err != nil {
		t.Fatal(err)
	}
	db, err := fetch.Parse("b.txt", []byte(b.String()), "text")
	if err != nil {
		t.Fatal(err)
	}
	return align.Compare(da, db, align.Options{Unit: align.UnitLine})
}

// TestJSONChunks checks that a long report, rendered in chunks on several
// cores, is byte for byte the report rendered on one, and valid JSON with
// every segment and pair.
func TestJSONChunks(t *testing.T) {
	r := longResult(t, 3000)
	if len(r.Pairs) < 2000 {
		t.Fatalf("only %d pairs: the chunked path is not exercised", len(r.Pairs))
	}
	render := func(procs int) []byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		var buf bytes.Buffer
		if err := JSON(&buf, r, testMeta); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	one, many := render(1), render(4)
	if !bytes.Equal(one, many) {
		t.Fatalf("chunked JSON differs from sequential JSON (%d vs %d bytes)", len(many), len(one))
	}
	var doc struct {
		A, B  struct{ Segments []json.RawMessage }
		Pairs []struct {
			Kind string
			Diff []struct{ Op, Text string }
		}
	}
	if err := json.Unmarshal(many, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Pairs) != len(r.Pairs) || len(doc.A.Segments) != len(r.A.Segments) || len(doc.B.Segments) != len(r.B.Segments) {
		t.Fatalf("JSON has %d pairs, %d+%d segments; result has %d, %d+%d",
			len(doc.Pairs), len(doc.A.Segments), len(doc.B.Segments), len(r.Pairs), len(r.A.Segments), len(r.B.Segments))
	}
	for i, p := range doc.Pairs {
		if p.Kind != string(r.Pairs[i].Kind) || len(p.Diff) != len(r.Pairs[i].Diff) {
			t.Fatalf("pair %d: %+v, want %+v", i, p, r.Pairs[i])
		}
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n -= len(p); w.n < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestJSONWriteError checks that a write error midway through a long
// report comes back, and that no goroutine is left blocked.
func TestJSONWriteError(t *testing.T) {
	r := longResult(t, 3000)
	before := runtime.NumGoroutine()
	for _, limit := range []int{0, 100, 200000} {
		err := JSON(&failingWriter{n: limit}, r, testMeta)
		if err == nil || !strings.Contains(err.Error(), "disk full") {
			t.Errorf("limit %d: error %v, want disk full", limit, err)
		}
	}
	if after := runtime.NumGoroutine(); after > before {
		t.Errorf("%d goroutines before, %d after", before, after)
	}
}

// FuzzJSONString checks the string encoder against encoding/json: what it
// writes decodes to the text, with invalid UTF-8 as U+FFFD, and escapes
// U+2028 and U+2029.
func FuzzJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "quote \" and \\ backslash", "tab\tline\n\x01", "\xff\xfe", "a\u2028b\u2029", "“curly” — ok"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendJSONString(nil, s)
		var back string
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatalf("%q encodes as %s: %v", s, b, err)
		}
		var want strings.Builder // each invalid byte becomes U+FFFD
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			want.WriteRune(r)
			i += size
		}
		if back != want.String() {
			t.Fatalf("%q encodes as %s, which decodes to %q", s, b, back)
		}
		if bytes.ContainsRune(b, '\u2028') || bytes.ContainsRune(b, '\u2029') {
			t.Fatalf("%q: U+2028 or U+2029 left raw in %s", s, b)
		}
	})
}
