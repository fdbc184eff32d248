package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
)

// testMeta names the generator without a version, so goldens survive
// releases.
var testMeta = Meta{Generator: "clausediff (test)"}

// moduleRoot is where testdata/ and ../shared are found from: tests run in
// the package directory.
const moduleRoot = ".."

// sharedDir is the read-only real data beside the checkout.
var sharedDir = filepath.Join(moduleRoot, "..", "shared")

// kindsA and kindsB are a small statement and its revision with every kind
// of row: same, reworded (substantive, minor, cosmetic), only in A, only in
// B and moved, and Markdown and HTML metacharacters in the text.
const kindsA = `Statement on the *trade* talks

The United States and India will cut tariffs to 18% by April 2, 2025.

Officials said the talks were productive.

India committed to buy $500 billion of U.S. energy, agricultural and coal products.

The two leaders also discussed the West Bank.

A paragraph that will move to the end of the statement unchanged.

Prices use the | pipe, the _underscore_, ` + "`backticks`" + `, <b>tags</b> and # hashes.

The agreement takes effect today.

Closing words of the statement.
`

const kindsB = `Statement on the *trade* talks

The United States and India will cut tariffs to 25% by April 2, 2025.

Officials said the talks were useful.

India intends to buy $500 billion of U.S. energy and coal products.

Prices use the | pipe, the _underscore_, ` + "`backticks`" + `, <b>tags</b> and # hashes.

The Agreement takes effect today.

Closing words of the statement.

A new paragraph with [a link](javascript:alert(1)) & entities &amp; stays text.

A paragraph that will move to the end of the statement unchanged.
`

// long compares a 700-line statement with a revision that rewords, drops,
// adds and moves lines across the whole length: a report of many chunks,
// with moves from one chunk to another.
func long(t testing.TB) *align.Result {
	var a, b []string
	for i := 1; i <= 700; i++ {
		line := fmt.Sprintf("Clause %d: the parties agree to review tariff line %d on %s goods every %d months.", i, i*7, goods[i%len(goods)], 3+i%9)
		a = append(a, line)
		switch {
		case i%11 == 0: // dropped
		case i%7 == 0:
			b = append(b, strings.Replace(line, "agree to review", "may review", 1))
		case i%13 == 0:
			b = append(b, line, fmt.Sprintf("New clause after %d: inspections of %s goods start in 2027.", i, goods[(i+3)%len(goods)]))
		default:
			b = append(b, line)
		}
	}
	// Move three lines from near the start to near the end, and two the
	// other way.
	moved := append([]string{}, b[20:23]...)
	b = append(b[:20], b[23:]...)
	b = append(b[:len(b)-30], append(moved, b[len(b)-30:]...)...)
	back := append([]string{}, b[len(b)-80:len(b)-78]...)
	b = append(b[:len(b)-80], b[len(b)-78:]...)
	b = append(b[:40], append(back, b[40:]...)...)
	da := parse(t, "long/a.txt", strings.Join(a, "\n")+"\n", fetch.FormatText)
	db := parse(t, "long/b.txt", strings.Join(b, "\n")+"\n", fetch.FormatText)
	return align.Compare(da, db, align.Options{Unit: align.UnitLine})
}

var goods = []string{"steel", "aluminium", "textile", "leather", "dairy", "pulses", "wine", "machinery", "pharmaceutical"}

// parse makes a document from text, as if read from the file source.
func parse(t testing.TB, source, text, format string) *fetch.Document {
	t.Helper()
	d, err := fetch.Parse(source, []byte(text), format)
	if err != nil {
		t.Fatalf("parse %s: %v", source, err)
	}
	return d
}

// kinds compares the inline fixture.
func kinds(t testing.TB) *align.Result {
	a := parse(t, "kinds/a.txt", kindsA, fetch.FormatText)
	b := parse(t, "kinds/b.txt", kindsB, fetch.FormatText)
	return align.Compare(a, b, align.Options{})
}

// load reads a fixture file; the document's source is its path relative to
// the module root, so that reports do not hold the machine's paths.
func load(t testing.TB, path string) *fetch.Document {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(moduleRoot, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = filepath.Base(path)
	}
	d, err := fetch.Parse(filepath.ToSlash(rel), raw, "")
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return d
}

// needShared skips the test when ../shared (real statements) is absent and
// returns the path of dir inside it.
func needShared(t testing.TB, dir string) string {
	t.Helper()
	p := filepath.Join(sharedDir, dir)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("skipped: %s is absent (real data beside the checkout; see README)", p)
	}
	return p
}

// revision compares two captures of a real statement in ../shared.
func revision(t testing.TB, dir, va, vb string) *align.Result {
	t.Helper()
	p := needShared(t, filepath.Join("statements", "revisions", dir))
	pick := func(v string) string {
		m, _ := filepath.Glob(filepath.Join(p, v+"_*.md"))
		if len(m) != 1 {
			t.Fatalf("%s: want one %s_*.md, found %d", p, v, len(m))
		}
		return m[0]
	}
	return align.Compare(load(t, pick(va)), load(t, pick(vb)), align.Options{})
}
