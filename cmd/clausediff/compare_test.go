package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutputFormat(t *testing.T) {
	for _, tc := range []struct {
		format, output, want string
		err                  bool
	}{
		{"", "", "text", false},
		{"", "-", "text", false},
		{"", "r.json", "json", false},
		{"", "r.txt", "text", false},
		{"", "r.html", "html", false},
		{"", "R.HTM", "html", false},
		{"", "report.md", "md", false},
		{"", "report.markdown", "md", false},
		{"markdown", "", "md", false},
		{"md", "r.out", "md", false},
		{"html", "r.md", "html", false}, // --format wins over the extension
		{"", "report.pdf", "", true},
		{"pdf", "", "", true},
	} {
		got, err := outputFormat(tc.format, tc.output)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("outputFormat(%q, %q) = %q, %v; want %q, error %v", tc.format, tc.output, got, err, tc.want, tc.err)
		}
	}
}

// TestCompareReports runs the command with each report format, to a file
// named by extension and to standard output with --format.
func TestCompareReports(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("India committed to buy $500 billion of goods.\n\nThe talks were productive.\n"), 0o644)
	os.WriteFile(b, []byte("India intends to buy $500 billion of goods.\n\nThe talks were productive.\n"), 0o644)
	for _, tc := range []struct {
		args   []string
		file   string // output file, or "" for standard output
		prefix string
		holds  string
	}{
		{[]string{"-o", "r.html"}, "r.html", "<!DOCTYPE html>", "modal: committed → intends"},
		{[]string{"-o", "r.htm", "--changes-only"}, "r.htm", "<!DOCTYPE html>", `id="only" class="tgl" checked`},
		{[]string{"-o", "r.md"}, "r.md", "# clausediff report", "~~committed~~ **intends**"},
		{[]string{"--format", "markdown"}, "", "# clausediff report", "**substantive**: modal: committed → intends"},
		{[]string{"--format", "html"}, "", "<!DOCTYPE html>", `<del>committed</del>`},
		{[]string{"--format", "json"}, "", "{", `"class": "substantive", "reasons": ["modal: committed → intends"]`},
	} {
		var stdout, stderr bytes.Buffer
		args := append([]string{"clausediff", "compare", a, b}, tc.args...)
		for i, s := range args {
			if strings.HasPrefix(s, "r.") {
				args[i] = filepath.Join(dir, s)
			}
		}
		if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr.String())
		}
		out := stdout.String()
		if tc.file != "" {
			if out != "" {
				t.Errorf("%v: wrote to standard output too", tc.args)
			}
			raw, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			out = string(raw)
			st, _ := os.Stat(filepath.Join(dir, tc.file))
			if st.Mode().Perm()&0o044 == 0 {
				t.Errorf("%v: report file mode %v is private", tc.args, st.Mode())
			}
		}
		if !strings.HasPrefix(out, tc.prefix) || !strings.Contains(out, tc.holds) {
			t.Errorf("%v: output does not start %q and hold %q:\n%.600s", tc.args, tc.prefix, tc.holds, out)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"clausediff", "compare", a, b, "-o", filepath.Join(dir, "r.pdf")}, nil, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "cannot tell the format") {
		t.Errorf("-o r.pdf: exit %d, %q; want 2 and a usage error", code, stderr.String())
	}
}
