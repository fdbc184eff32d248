package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/clausediff/clausediff/align"
	"github.com/clausediff/clausediff/fetch"
	"github.com/sergi/go-diff/diffmatchpatch"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixtures are the statement pairs in testdata/pairs (see their NOTES.md).
var fixtures = []struct {
	name, a, b string
	unit       align.Unit
}{
	{"release-revision", "release-revision/a.md", "release-revision/b.md", align.UnitClause},
	{"two-readouts", "two-readouts/a.md", "two-readouts/b.md", align.UnitClause},
	{"paraphrase", "paraphrase/a.txt", "paraphrase/b.txt", align.UnitSentence},
	{"html-release", "html-release/a.html", "html-release/b.html", align.UnitClause},
	{"unicode", "unicode/a.txt", "unicode/b.txt", align.UnitSentence},
	{"unicode-zh", "unicode/zh-a.txt", "unicode/zh-b.txt", align.UnitSentence},
}

func compareFixture(t *testing.T, a, b string, unit align.Unit) *align.Result {
	t.Helper()
	load := func(p string) *fetch.Document {
		d, err := fetch.Load(context.Background(), filepath.Join("..", "testdata", "pairs", p), fetch.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	return align.Compare(load(a), load(b), align.Options{Unit: unit})
}

// golden compares have with testdata/golden/name, or rewrites it with
// -update. A mismatch prints a line diff, want → have.
func golden(t *testing.T, name string, have []byte) {
	t.Helper()
	path := filepath.Join("..", "testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, have, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !bytes.Equal(have, want) {
		t.Errorf("%s differs from the golden file (want → have; go test ./report -update rewrites it):\n%s",
			name, lineDiff(string(want), string(have)))
	}
}

func lineDiff(want, have string) string {
	dmp := diffmatchpatch.New()
	a, b, lines := dmp.DiffLinesToChars(want, have)
	diffs := dmp.DiffCharsToLines(dmp.DiffMain(a, b, false), lines)
	var out strings.Builder
	for _, d := range diffs {
		mark := map[diffmatchpatch.Operation]string{diffmatchpatch.DiffEqual: "  ", diffmatchpatch.DiffDelete: "- ", diffmatchpatch.DiffInsert: "+ "}[d.Type]
		ls := strings.SplitAfter(d.Text, "\n")
		if d.Type == diffmatchpatch.DiffEqual && len(ls) > 6 {
			ls = append(append(ls[:2:2], "…\n"), ls[len(ls)-3:]...)
		}
		for _, l := range ls {
			if l != "" {
				out.WriteString(mark + strings.TrimSuffix(l, "\n") + "\n")
			}
		}
	}
	return out.String()
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			r := compareFixture(t, f.a, f.b, f.unit)
			var js, txt bytes.Buffer
			if err := JSON(&js, r, Meta{Generator: "clausediff (golden)"}); err != nil {
				t.Fatal(err)
			}
			golden(t, f.name+".json", js.Bytes())
			if err := Text(&txt, r, TextOptions{Width: 80}); err != nil {
				t.Fatal(err)
			}
			golden(t, f.name+".txt", txt.Bytes())
			for _, line := range strings.Split(txt.String(), "\n") {
				if w := displayWidth(line); w > 80 {
					t.Errorf("line of %d columns: %q", w, line)
				}
			}
			goldenReports(t, f.name, r)
		})
	}
	t.Run("kinds", func(t *testing.T) { goldenReports(t, "kinds", kinds(t)) })
}

// goldenReports checks the HTML and Markdown reports of r against
// name.html and name.md. Neither may hold an absolute path.
func goldenReports(t *testing.T, name string, r *align.Result) {
	t.Helper()
	abs, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct {
		ext string
		out []byte
	}{
		{".html", renderHTML(t, r, HTMLOptions{})},
		{".md", renderMarkdown(t, r, MarkdownOptions{})},
	} {
		if bytes.Contains(f.out, []byte(abs)) || bytes.Contains(f.out, []byte(os.TempDir()+"/")) {
			t.Errorf("%s%s holds an absolute path", name, f.ext)
		}
		golden(t, name+f.ext, f.out)
	}
}
